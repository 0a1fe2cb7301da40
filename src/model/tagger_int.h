/*
** tagger_int.h -- internals shared by tagger.c (features, tagging, loading),
** tagtrain.c (training) and tageval.c (evaluation). Not an API.
*/
#ifndef SO_TAGGER_INT_H
#define SO_TAGGER_INT_H

#include "model/tagger.h"

#define SO_TAG_FEATURE_SET 4u    /* bump when feature extraction changes */
#define SO_TAG_MAX_FEATS 64u
#define SO_TAG_NAME 16u
#define SO_TAG_INFO 512u
#define SO_TAG_START SO_TAG_MAX_TAGS   /* "previous tag" before the sentence */
#define SO_TAG_NOHIST 0xffffu          /* p1: leave out the tag-history features */
#define SO_TAG_VSEG 64u                /* Viterbi segment length at run time */

/* What the features need to know about one token, computed once. */
typedef struct so_tokinfo {
    uint64_t w;        /* lowercased, digits -> 0 */
    uint64_t form;     /* exact bytes */
    uint64_t shape;    /* Xxxx-style shape, runs capped at 4 */
    uint64_t shape1;   /* shape with runs collapsed (Xx, d.d) */
    uint64_t pre[4];   /* prefixes of 1..4 code points of w */
    uint64_t suf[5];   /* suffixes of 1..5 code points of w */
    uint32_t cap;      /* capitalisation class, see cap_class() */
    uint32_t upper;    /* 1 if the token has an uppercase letter */
} so_tokinfo;

#define SO_TAG_WIN 7              /* window i-3 .. i+3 */
#define SO_TAG_HALF 3
#define SO_TAG_NCOMMON 22         /* features both taggers compute (tagger.c) */

/* The features that the POS and NER taggers both compute, the same hashes
** for the same token (whatever the model), kept for a sentence by the
** caller so that one tagger reuses those the other computed: feat[i] holds
** token i's when have[i] is 1 (all 0 for a new sentence). */
typedef struct so_tagshare {
    uint64_t (*feat)[SO_TAG_NCOMMON];
    uint8_t *have;
} so_tagshare;

/* The token infos of positions i-3 .. i+3: a sliding window that computes
** them as it goes, or a view of infos computed beforehand for the whole
** sentence (so_tag_infos; POS and NER then share them). */
typedef struct so_tagwin {
    so_tokinfo ring[8];
    const so_tagtok *toks;
    const so_tokinfo *all;    /* precomputed infos of positions 0 .. n-1, or NULL */
    so_tagshare *share;       /* with all: shared features, or NULL */
    size_t n, done;           /* infos computed for positions < done */
} so_tagwin;

struct so_tagger {
    so_tag_kind kind;
    unsigned n_tags, n_pos;
    char names[SO_TAG_MAX_TAGS][SO_TAG_NAME];
    char pos_names[SO_TAG_MAX_TAGS][SO_TAG_NAME];   /* NER: POS ids it expects */
    uint8_t allowed[SO_TAG_MAX_TAGS + 1][SO_TAG_MAX_TAGS];  /* [prev][cur] */
    uint8_t npred[SO_TAG_MAX_TAGS];   /* allowed previous tags of each tag ... */
    uint8_t pred[SO_TAG_MAX_TAGS][SO_TAG_MAX_TAGS];   /* ... ascending */
    int have_trans;           /* trans holds the transition scores (loaded Viterbi) */
    float trans[SO_TAG_MAX_TAGS + 1][SO_TAG_MAX_TAGS];   /* [prev][cur], prev START last */
    float transm[SO_TAG_MAX_TAGS][SO_TAG_MAX_TAGS];   /* trans, -inf where not allowed */
    so_ap_model ap;
    uint8_t penn[256];        /* POS: so_penn of each tag id + 1 (0: untagged), see so_tag_penn */
    int viterbi;              /* 1: first-order Viterbi, no tag-history features */
    /* A loaded POS tagger whose model locates (so_ap_locate): where the
    ** weights of its tag-history features F_P1, F_P2 and F_P12 are, for
    ** each previous tag (see hist_index in tagger.c), found once at load;
    ** NULL otherwise (then they are hashed and located per token). */
    uint32_t *hist_at;
    uint64_t *td_key;         /* tag dictionary, open addressing */
    uint8_t *td_tag;          /* 0xff = empty slot */
    uint64_t td_mask;
    size_t td_n;
    char info[SO_TAG_INFO];
};

uint64_t so_tag_hash(const char *s, size_t n);
/* Infos of toks[0..n) into info[0..n). */
void so_tag_infos(const so_tagtok *toks, size_t n, so_tokinfo *info);
void so_tagwin_init(so_tagwin *w, const so_tagtok *toks, size_t n);
/* A window over infos precomputed by so_tag_infos (kept by the caller),
** with the sentence's shared features (share may be NULL). */
void so_tagwin_init_infos(so_tagwin *w, const so_tokinfo *info, size_t n, so_tagshare *share);
/* so_tag_sentence over infos precomputed by so_tag_infos (info[i] of the
** sentence's token i): the same tags. t and out non-NULL, pos non-NULL for
** NER; share (may be NULL) as for so_tagwin_init_infos. */
void so_tag_sentence_infos(const so_tagger *t, const so_tokinfo *info, size_t n,
                           const uint8_t *pos, so_tagshare *share, uint8_t *out);
/* Pointers to the infos of i-3 .. i+3 (computing i+3 if needed). */
void so_tagwin_at(so_tagwin *w, size_t i, const so_tokinfo *out[SO_TAG_WIN]);
/* Features of token i; p1, p2 = previous two tags (SO_TAG_START + k before
** the sentence; p1 = SO_TAG_NOHIST: no history features), pos0 = its POS
** id (so_tag_pos_id; NER only). Returns the count. */
size_t so_tag_feats(so_tag_kind kind, const so_tokinfo *const win[SO_TAG_WIN], unsigned p1,
                    unsigned p2, unsigned pos0, uint64_t *f);
/* The POS id of token i that the NER features read: pos[i], or n_pos for
** an id the tagger does not know. */
static inline unsigned so_tag_pos_id(unsigned n_pos, const uint8_t *pos, size_t i)
{
    return pos[i] < n_pos ? pos[i] : n_pos;
}
/* NER shortcut: 1 if x[3] and its neighbours have no uppercase letter, so
** the token is tagged O without scoring (CoreNLP almost never marks such
** tokens: 9 of 7,034 entity tokens in PolNeAR dev). */
int so_tag_surely_o(const so_tokinfo *const x[SO_TAG_WIN]);
/* Emission row forcing O (tag 0). */
void so_tag_force_o(const so_tagger *t, float *em);
/* Hash of the transition feature "previous tag is p". */
uint64_t so_tag_trans_feat(unsigned p);
/* One greedy pass of model m over the sentence into out. */
void so_tag_pass(const so_tagger *t, const so_ap_model *m, const so_tagtok *toks, size_t n,
                 const uint8_t *pos, uint8_t *out);
/* First-order Viterbi over n emission rows em[i * SO_TAG_MAX_TAGS + c] and
** trans[p][c] (p = SO_TAG_START before the sentence), starting after tag
** prev0; bp is n * SO_TAG_MAX_TAGS bytes of scratch. Writes out[0..n).
** forced (may be NULL): forced[i] = 1 when position i is O without scoring,
** its em row being ignored -- the same path as an em row from
** so_tag_force_o, found with less work. */
void so_tag_viterbi(const so_tagger *t, const float *em, const uint8_t *forced,
                    const float (*trans)[SO_TAG_MAX_TAGS], size_t n, unsigned prev0,
                    uint8_t *bp, uint8_t *out);
/* Best allowed class given the previous tag (SO_TAG_START at the start). */
unsigned so_tag_argmax(const so_tagger *t, const float *scores, unsigned prev);
/* Fill the tables that follow from t->names: allowed, npred and pred (BIO
** constraints for NER) and penn (POS). */
void so_tag_set_allowed(so_tagger *t);
/* Tag dictionary: tag for an exact form hash, or -1. */
int so_tag_td_lookup(const so_tagger *t, uint64_t form);
/* Build the lookup table from n sorted (key, tag) pairs. 0 or -1. */
int so_tag_td_build(so_tagger *t, const uint64_t *keys, const uint8_t *tags, size_t n);
/* Serialise the tagger (section payload). 0 or -1. */
int so_tag_write(const so_tagger *t, int quant, so_mf_buf *b);

#endif
