/*
** doctag.c -- applies the taggers to a tokenized document (see doctag.h).
** The token infos the features need (hashes of the word, its prefixes,
** suffixes and shapes) are computed once per sentence and shared by the
** POS and NER taggers, and so are the hashes of the features both compute.
*/
#include "model/doctag.h"

#include <stdlib.h>
#include <string.h>

#include "model/tagger_int.h"

#define SHARE_MAX 4096 /* tokens: the cap on the shared features' memory (720 kB) */

static size_t longest_sentence(const so_doc *d)
{
    size_t m = 0;
    for (size_t s = 0; s < d->nsent; s++)
        if (d->sent[s].e - d->sent[s].b > m)
            m = d->sent[s].e - d->sent[s].b;
    return m;
}

int so_doc_tag(const so_tagger *pos, const so_tagger *ner, so_doc *d)
{
    size_t m = longest_sentence(d);
    if (!pos || m == 0)
        return 0;
    so_tagtok *tt = malloc(m * sizeof *tt);
    so_tokinfo *info = malloc(m * sizeof *info);
    uint8_t *pt = malloc(m), *nt = malloc(m);
    /* the shared features take 176 bytes a token: only for sentences of
       up to SHARE_MAX tokens (longer ones compute them twice) */
    so_tagshare sh = {NULL, NULL};
    if (m <= SHARE_MAX) {
        sh.feat = malloc(m * sizeof *sh.feat);
        sh.have = malloc(m);
    }
    int rc = (tt && info && pt && nt && (m > SHARE_MAX || (sh.feat && sh.have))) ? 0 : -1;
    for (size_t s = 0; s < d->nsent && !rc; s++) {
        size_t b = d->sent[s].b, n = d->sent[s].e - b;
        for (size_t i = 0; i < n; i++) {
            tt[i].s = so_tok_str(d, b + i);
            tt[i].len = so_tok_len(d, b + i);
        }
        so_tag_infos(tt, n, info);
        so_tagshare *share = sh.have ? &sh : NULL;
        if (share)
            memset(sh.have, 0, n);
        so_tag_sentence_infos(pos, info, n, NULL, share, pt);
        if (ner)
            so_tag_sentence_infos(ner, info, n, pt, share, nt);
        for (size_t i = 0; i < n; i++) {
            d->tok[b + i].pos = (uint8_t)(pt[i] + 1);
            d->tok[b + i].ner = ner ? (uint8_t)(nt[i] + 1) : 0;
        }
    }
    free(tt);
    free(info);
    free(pt);
    free(nt);
    free(sh.feat);
    free(sh.have);
    return rc;
}
