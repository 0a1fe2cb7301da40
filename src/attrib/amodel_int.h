/*
** amodel_int.h -- internals shared by amodel.c (features, decoding,
** loading) and atrain.c (training). Not an API.
*/
#ifndef SO_AMODEL_INT_H
#define SO_AMODEL_INT_H

#include "attrib/amodel.h"

#define AM_MAX_FEATS 48
#define AM_WIN_MAX 256 /* tokens in one role-tagging window */
#define AM_RB_RUN 32 /* adverbs looked back over for the class before them (cue
                        feature 25), so that a run of adverbs costs its length once */
#define AM_CUE_MAX (AM_WIN_MAX / 2) /* tokens of one cue at most, so that its window
                                       (am_window) holds it whole */

enum { CUE_O = 0, CUE_B, CUE_I, CUE_N };
enum { ROLE_O = 0, ROLE_BS, ROLE_IS, ROLE_BC, ROLE_IC, ROLE_N };
enum { AM_M_O = 0, AM_M_S, AM_M_C }; /* token membership: none, Source, Content */

/* The static features of few values: kind, how many values a and b take
** (a < na, b < nb). At run time their blocks (so_ap_locate) are found at
** load, for every value, in so_am's small: that of (kind, a, b) at
** AM_SM_OFF_kind + a * nb + b. */
#define AM_SMALL(X)                                                                           \
    X(1, 1, 1) X(3, 256, 1) X(12, 4, 256) X(13, 2, 256) X(18, 4, 256) X(19, 4, 256)          \
    X(20, 2, 2) X(25, 256, 12) X(26, 5, 64) X(28, 64, 4) X(31, 32, 12) X(101, 3, 1)          \
    X(102, 48, 1) X(104, 256, 48) X(109, 2, 48) X(110, 12, 3) X(111, 12, 768) X(112, 2, 3)   \
    X(116, 256, 3) X(118, 4, 3) X(120, 2, 48) X(123, SO_QM_STRAY + 1, 48) X(124, 48, 3)      \
    X(125, 12, 48) X(130, 144, 3)

#define AM_SM_ENUM(k, na, nb) AM_SM_OFF_##k, AM_SM_LAST_##k = AM_SM_OFF_##k + (na) * (nb) - 1,
enum { AM_SMALL(AM_SM_ENUM) AM_SM_TOTAL };
#undef AM_SM_ENUM
#define AM_SM_ENUM(k, na, nb) AM_SM_NB_##k = (nb),
enum { AM_SMALL(AM_SM_ENUM) };
#undef AM_SM_ENUM

struct so_am {
    so_ap_model cue;
    so_ap_model role;
    /* scores of the previous-tag features that do not depend on the word,
       computed once at load: cue f15 (prev), f17 (prev, POS); role f113
       (prev, direction), f114 (prev, POS), f115 (prev, distance, direction) */
    float cue_t15[CUE_N][CUE_N];
    float cue_t17[CUE_N][256][CUE_N];
    float role_t113[ROLE_N][3][ROLE_N];
    float role_t114[ROLE_N][256][ROLE_N];
    float role_t115[ROLE_N][16][3][ROLE_N];
    /* the blocks of the static features of few values (AM_SMALL), found
       at load (small_fill); NULL when the models cannot locate (then every
       feature is hashed and located at run time) */
    uint32_t *small;
};

/* Scores of the nf features f into sc (one float per class). */
typedef void (*am_scorer)(const void *model, const uint64_t *f, size_t nf, float *sc);
void am_scorer_model(const void *model, const uint64_t *f, size_t nf, float *sc);

struct am_seq;
struct am_doc;
struct am_scoring;
/* Scores of the previous-tag features of token i after each tag p (q is
** NULL for the cue tagger) into out[p * N + t], N the tagger's tag count;
** at: where the weights of its word-dependent ones are (so_ap_locate, run
** time, one per p), or NULL. */
typedef void (*am_dynf)(const struct am_scoring *s, const struct am_doc *a, size_t i,
                        const struct am_seq *q, const uint32_t *at, float *out);

/* How a tagger scores: static features through score/model, previous-tag
** features through dyn (tables at run time, features while training). */
typedef struct am_scoring {
    am_scorer score;
    const void *model;
    am_dynf dyn;
    const so_am *am; /* the tables, for the run-time dyn */
    const so_ap_model *hint; /* the model, to prefetch from and score located
                                features (run time), or NULL */
    /* training only, cost-augmented decoding: the gold CUE_* of every token
       and the cost added to each other tag where gold is not O (NULL: none) */
    const uint8_t *gold;
    float cost;
} am_scoring;

/* Per-document precomputed token hashes and classes. */
typedef struct am_doc am_doc;
struct am_doc {
    const so_doc *d;
    uint64_t *w;    /* lower-cased word */
    uint64_t *s3;   /* 3-byte suffix of the lower-cased word */
    uint8_t *lex;   /* cue class from the lexicon */
    uint8_t *cc;    /* coarse POS class (AM_C_*) */
    uint64_t *stem; /* lower-cased word without -s/-es/-ed/-ing (stem_len) */
    uint32_t *pcomma, *pcue, *pverb; /* prefix counts: commas, unquoted cue words, verbs */
    const uint8_t *penn; /* so_tag_penn of the POS tagger: tok.pos -> so_penn */
};

enum { AM_C_X = 0, AM_C_V, AM_C_NNP, AM_C_N, AM_C_PRP, AM_C_IN, AM_C_DT, AM_C_JJ, AM_C_RB,
       AM_C_MD, AM_C_CC, AM_C_WH };

int am_doc_init(am_doc *a, const so_doc *d, const so_tagger *pos);
void am_doc_free(am_doc *a);

/* Features for the cue tagger at token i of sentence [sb, se): those that
** do not depend on the previous tag, and those that do. */
size_t am_cue_feats(const am_doc *a, size_t i, size_t sb, size_t se, uint64_t *f);
size_t am_cue_pfeats(const am_doc *a, size_t i, unsigned prev, uint64_t *f);

/* Role-tagging window for the cue [cb, ce): its sentence, stretched to
** whole quotations, within its paragraph and AM_WIN_MAX tokens. */
so_range am_window(const so_doc *d, so_range cue);

/* Features for the role tagger at token i of window w for cue c: those that
** do not depend on the previous tag, and those that do. */
size_t am_role_feats(const am_doc *a, size_t i, so_range w, so_range c, uint64_t *f);
size_t am_role_pfeats(const am_doc *a, size_t i, so_range w, so_range c, unsigned prev,
                      uint64_t *f);

/* One half of a role window in tagging order: the tokens after the cue
** left to right (part 0) or before it right to left (part 1). */
typedef struct am_seq {
    size_t n;
    int part;
    so_range cue, win;
} am_seq;

/* dyn functions computing the features (training) or reading the tables. */
void am_dyn_cue_feats(const am_scoring *s, const am_doc *a, size_t i, const am_seq *q,
                      const uint32_t *at, float *out);
void am_dyn_role_feats(const am_scoring *s, const am_doc *a, size_t i, const am_seq *q,
                       const uint32_t *at, float *out);

size_t am_seq_tok(const am_seq *q, size_t k);


#define AM_CUE_SEG 256 /* cue Viterbi runs over segments of at most this many tokens */

/* Cue Viterbi over sentence [sb, se): out[i - sb] = CUE_*, and marg (if not
** NULL) at each cue start the max-marginal margin of B over O (the best
** path with the cue minus the best with none there), 0 elsewhere. */
void am_cue_viterbi(const am_doc *a, size_t sb, size_t se, const am_scoring *s, uint8_t *out,
                    float *marg);
void am_cue_backtrack(const float *delta, const uint8_t (*bp)[CUE_N], size_t n, uint8_t *out);

/* First-order Viterbi over the sequence q (BIO constraints, starting as
** after an O); out[k] = role tag of the k-th token in tagging order. */
void am_viterbi(const am_doc *a, const am_seq *q, const am_scoring *s, uint8_t *out);

/* Membership of a role tag; the tag for a member given the member of the
** token before it in tagging order. */
uint8_t am_member(unsigned tag);
unsigned am_truth(uint8_t member, uint8_t prev_member);

#endif
