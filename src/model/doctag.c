/*
** doctag.c -- applies the taggers to a tokenized document (see doctag.h).
*/
#include "model/doctag.h"

#include <stdlib.h>

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
    uint8_t *pt = malloc(m), *nt = malloc(m);
    int rc = (tt && pt && nt) ? 0 : -1;
    for (size_t s = 0; s < d->nsent && !rc; s++) {
        size_t b = d->sent[s].b, n = d->sent[s].e - b;
        for (size_t i = 0; i < n; i++) {
            tt[i].s = so_tok_str(d, b + i);
            tt[i].len = so_tok_len(d, b + i);
        }
        if (so_tag_sentence(pos, tt, n, NULL, pt)) {
            rc = -1;
            break;
        }
        if (ner && so_tag_sentence(ner, tt, n, pt, nt))
            rc = -1;
        for (size_t i = 0; i < n && !rc; i++) {
            d->tok[b + i].pos = (uint8_t)(pt[i] + 1);
            d->tok[b + i].ner = ner ? (uint8_t)(nt[i] + 1) : 0;
        }
    }
    free(tt);
    free(pt);
    free(nt);
    return rc;
}
