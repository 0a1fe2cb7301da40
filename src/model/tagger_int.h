/*
** tagger_int.h -- internals shared by tagger.c (features, tagging, loading),
** tagtrain.c (training) and tageval.c (evaluation). Not an API.
*/
#ifndef SO_TAGGER_INT_H
#define SO_TAGGER_INT_H

#include "model/tagger.h"

#define SO_TAG_FEATURE_SET 1u    /* bump when feature extraction changes */
#define SO_TAG_MAX_FEATS 64u
#define SO_TAG_NAME 16u
#define SO_TAG_INFO 512u
#define SO_TAG_START SO_TAG_MAX_TAGS   /* "previous tag" before the sentence */

/* What the features need to know about one token, computed once. */
typedef struct so_tokinfo {
    uint64_t w;        /* lowercased, digits -> 0 */
    uint64_t form;     /* exact bytes */
    uint64_t shape;    /* Xxxx-style shape, runs capped at 4 */
    uint64_t shape1;   /* shape with runs collapsed (Xx, d.d) */
    uint64_t pre[3];   /* prefixes of 1..3 code points of w */
    uint64_t suf[4];   /* suffixes of 1..4 code points of w */
    uint32_t cap;      /* capitalisation class, see cap_class() */
} so_tokinfo;

/* A sliding window of token infos for positions i-2 .. i+2. */
typedef struct so_tagwin {
    so_tokinfo ring[8];
    so_tokinfo pad[4];        /* -2, -1, n, n+1 */
    const so_tagtok *toks;
    size_t n, done;           /* infos computed for positions < done */
} so_tagwin;

struct so_tagger {
    so_tag_kind kind;
    unsigned n_tags, n_pos;
    char names[SO_TAG_MAX_TAGS][SO_TAG_NAME];
    char pos_names[SO_TAG_MAX_TAGS][SO_TAG_NAME];   /* NER: POS ids it expects */
    uint8_t allowed[SO_TAG_MAX_TAGS + 1][SO_TAG_MAX_TAGS];  /* [prev][cur] */
    so_ap_model ap;
    uint64_t *td_key;         /* tag dictionary, open addressing */
    uint8_t *td_tag;          /* 0xff = empty slot */
    uint64_t td_mask;
    size_t td_n;
    char info[SO_TAG_INFO];
};

uint64_t so_tag_hash(const char *s, size_t n);
void so_tagwin_init(so_tagwin *w, const so_tagtok *toks, size_t n);
/* Pointers to the infos of i-2 .. i+2 (computing i+2 if needed). */
void so_tagwin_at(so_tagwin *w, size_t i, const so_tokinfo *out[5]);
/* Features of token i; p1, p2 = previous two tags (SO_TAG_START + k before
** the sentence), pw = POS ids of i-2 .. i+2 (NER only). Returns the count. */
size_t so_tag_feats(so_tag_kind kind, const so_tokinfo *const win[5], unsigned p1,
                    unsigned p2, const unsigned pw[5], uint64_t *f);
/* Best allowed class given the previous tag (SO_TAG_START at the start). */
unsigned so_tag_argmax(const so_tagger *t, const float *scores, unsigned prev);
/* Fill t->allowed from t->names (BIO constraints for NER). */
void so_tag_set_allowed(so_tagger *t);
/* Tag dictionary: tag for an exact form hash, or -1. */
int so_tag_td_lookup(const so_tagger *t, uint64_t form);
/* Build the lookup table from n sorted (key, tag) pairs. 0 or -1. */
int so_tag_td_build(so_tagger *t, const uint64_t *keys, const uint8_t *tags, size_t n);
/* Serialise the tagger (section payload). 0 or -1. */
int so_tag_write(const so_tagger *t, int quant, so_mf_buf *b);

#endif
