/*
** perceptron.h -- multiclass averaged perceptron over hashed features
** (prefix so_ap_), plus the one table of training hyperparameters.
**
** Features are 64-bit hashes computed by the caller (see so_ap_mix); the low
** hash_bits bits pick a bucket. Training keeps dense [bucket][class] arrays
** with lazy averaging (CRFsuite-style timestamps). so_ap_trainer_finish()
** averages, prunes and packs the weights into a compact so_ap_model: per
** bucket, a contiguous row of (class, weight) entries for the non-zero
** classes only. A so_ap_model is read-only once built or loaded, so it can be
** shared by threads; scoring needs only a caller-provided score array.
*/
#ifndef SO_PERCEPTRON_H
#define SO_PERCEPTRON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/modelfile.h"

#define SO_AP_MAX_CLASSES 255u
#define SO_AP_MIN_BITS 10u
#define SO_AP_MAX_BITS 24u

/* ---- hyperparameters: one table drives defaults, parsing and --help ---- */
typedef struct so_ap_params {
    long iterations;      /* passes over the training data */
    long hash_bits;       /* log2 of the number of feature buckets */
    long seed;            /* shuffle seed: same data + seed = same model bytes */
    double prune;         /* taggers: drop averaged weights with |w| below this */
    double attrib_prune;  /* the same for the attribution model */
    long attrib_bags;     /* attribution model: the mean of this many runs (seeds seed, seed+1, ...) */
    double cue_cost;      /* cue tagger: training's cost of missing a gold cue token */
    long quant;           /* weights in the file: 32 = float32, 16 = int16 + scale */
    long tagdict_min;     /* POS: a word seen this often ... */
    double tagdict_ratio; /* ... with one tag this often is tagged by lookup */
    long max_sentences;   /* 0 = all; else train on the first N sentences */
    long viterbi;         /* NER: 1 = first-order Viterbi, 0 = greedy */
    long pos_folds;       /* NER: train on jackknifed predicted POS (0 = silver) */
} so_ap_params;

typedef enum so_ap_ptype { SO_AP_INT = 0, SO_AP_REAL = 1 } so_ap_ptype;

typedef struct so_ap_param_def {
    const char *name;
    so_ap_ptype type;
    size_t offset;        /* offsetof(so_ap_params, field) */
    double def, min, max;
    const char *help;
} so_ap_param_def;

/* The table and its length (*n). */
const so_ap_param_def *so_ap_param_table(size_t *n);
void so_ap_params_default(so_ap_params *p);
/* Apply "NAME=VALUE". Returns 0, or -1 with a message in err. */
int so_ap_params_set(so_ap_params *p, const char *assign, char *err, size_t errlen);
/* One line per parameter: name, default, range, help. */
void so_ap_params_help(FILE *out);

/* ---- hashing ---- */
/* A strong 64-bit mix of a and b (order matters). */
static inline uint64_t so_ap_mix(uint64_t a, uint64_t b)
{
    uint64_t h = a ^ (b * 0x9e3779b97f4a7c15ull);
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 29;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 32;
    return h;
}

/* ---- compact model (read-only, shareable) ---- */
typedef struct so_ap_ent {
    uint32_t cls;
    float w;
} so_ap_ent;

/* Dense blocks: every bucket's row in models of at most SO_AP_DENSE_ALL
** classes (rounded up to 4), rows of at least SO_AP_DENSE_MIN entries in
** larger ones. */
#define SO_AP_DENSE_MIN 6u
#define SO_AP_DENSE_ALL 48u
#define SO_AP_IX_DENSE 0x80000000u

/* A group of 64 buckets of an all-dense index. */
typedef struct so_ap_group {
    uint64_t bits;        /* bit t: bucket 64g + t is non-empty */
    uint64_t base;        /* the non-empty buckets before bucket 64g */
} so_ap_group;

typedef struct so_ap_model {
    unsigned n_classes;
    unsigned hash_bits;
    uint64_t mask;        /* (1 << hash_bits) - 1 */
    /* Rows and entries: always in a trained model; a loaded model keeps them
    ** only when its index needs them (not all-dense) or it has no index. */
    uint32_t *row;        /* 2^hash_bits + 1 offsets into ent */
    so_ap_ent *ent;       /* nnz entries, rows contiguous, classes ascending */
    uint64_t nnz;
    /* Scoring index (so_ap_index; grp and ix NULL: score from row/ent).
    ** Same sums, fewer instructions: a dense block is added 4 classes at a
    ** time, absent classes adding exact zeros. */
    so_ap_group *grp;     /* all dense: per 64 buckets; the block of a bucket
                          ** is base + its rank (from 1) among the group's
                          ** non-empty buckets, or block 0 when it is empty */
    uint32_t *ix;         /* else per bucket: SO_AP_IX_DENSE | block number,
                          ** or entry offset << 7 | count */
    float *blk;           /* blocks of width floats, 64-byte aligned; block 0 = zeros */
    unsigned width;       /* n_classes rounded up to a multiple of 4 */
    int all_dense;        /* every bucket maps to a block */
    /* the scorer for this index (perceptron.c), NULL without one; for an
    ** all-dense one, else NULL, so_ap_locate and the scorer of what it
    ** located */
    void (*score)(const struct so_ap_model *m, const uint64_t *feats, size_t nf, float *scores);
    void (*locate)(const struct so_ap_model *m, const uint64_t *feats, size_t nf, uint32_t *at);
    /* so_ap_locate_take: for all-dense models of at most 8 classes */
    void (*locate_take)(const struct so_ap_model *m, const uint64_t *feats, uint64_t take,
                        uint32_t *at);
    void (*score_at)(const struct so_ap_model *m, const uint32_t *at, size_t nf, float *scores);
} so_ap_model;

/* scores[c] = sum of the weights of class c over the nf features (scores is
** overwritten; it must hold n_classes floats). */
static inline void so_ap_scores(const so_ap_model *m, const uint64_t *feats, size_t nf,
                                float *scores)
{
    if (m->score) {
        m->score(m, feats, nf, scores);
        return;
    }
    for (unsigned c = 0; c < m->n_classes; c++) scores[c] = 0.0f;
    for (size_t i = 0; i < nf; i++) {
        uint64_t b = feats[i] & m->mask;
        const so_ap_ent *e = m->ent + m->row[b], *end = m->ent + m->row[b + 1];
        for (; e < end; e++) scores[e->cls] += e->w;
    }
}

/* For scoring the nf features f a little later (a few tokens ahead, say):
** asks the cache for their weights and notes where they are, in at[0 ..
** nf), for so_ap_scores_at. 1; or 0, at unset and no hint given, when m has
** no all-dense index (then score with so_ap_scores). Results never change. */
int so_ap_locate(const so_ap_model *m, const uint64_t *f, size_t nf, uint32_t *at);

/* so_ap_locate of the features f[i] for each bit i set in take only (at[i]
** of the others is left as it is): 1; or 0, at unset, when m has no
** all-dense index or more than 8 classes. */
int so_ap_locate_take(const so_ap_model *m, const uint64_t *f, uint64_t take, uint32_t *at);

/* What so_ap_scores(m, f, nf, scores) writes, for features located by
** so_ap_locate(m, f, nf, at) == 1: the same sums without finding the
** weights again. */
static inline void so_ap_scores_at(const so_ap_model *m, const uint32_t *at, size_t nf,
                                   float *scores)
{
    m->score_at(m, at, nf, scores);
}

/* The weights of a feature located at at by so_ap_locate, read in place:
** what so_ap_scores of that feature alone writes (0.0f + w is w). */
static inline const float *so_ap_weights_at(const so_ap_model *m, uint32_t at)
{
    return m->blk + (size_t)at * m->width;
}

/* Build the scoring index of m from its rows and entries (so_ap_read and
** so_ap_trainer_finish do). 0, or -1 (no memory: m still scores, from
** row/ent). */
int so_ap_index(so_ap_model *m);

void so_ap_model_free(so_ap_model *m);   /* frees the arrays, not m */

/* Append the model to b (quant 32 or 16): a trained model (with rows and
** entries). Returns 0 or -1 (b->failed). */
int so_ap_write(const so_ap_model *m, int quant, so_mf_buf *b);

/* Read a model written by so_ap_write from r into *m (arrays malloc'd).
** Every count, class id and weight is checked. 0 or -1 with err. */
int so_ap_read(so_ap_model *m, so_mf_rd *r, char *err, size_t errlen);

/* ---- training ---- */
typedef struct so_ap_trainer so_ap_trainer;

so_ap_trainer *so_ap_trainer_new(unsigned n_classes, unsigned hash_bits);
void so_ap_trainer_free(so_ap_trainer *t);
/* Current (not averaged) scores, as so_ap_scores. */
void so_ap_trainer_scores(const so_ap_trainer *t, const uint64_t *feats, size_t nf,
                          float *scores);
/* Count one training instance; call once per instance, before any update. */
void so_ap_trainer_tick(so_ap_trainer *t);
/* Perceptron update: +1 for truth, -1 for guess (no-op if equal). */
void so_ap_trainer_update(so_ap_trainer *t, const uint64_t *feats, size_t nf,
                          unsigned truth, unsigned guess);
/* Add d to the weight of class cls for one feature. */
void so_ap_trainer_add(so_ap_trainer *t, uint64_t feat, unsigned cls, float d);
/* Average the weights, drop |w| < prune, pack into *m. 0 or -1 (no memory). */
int so_ap_trainer_finish(so_ap_trainer *t, double prune, so_ap_model *m);
/* The mean of the averaged weights of several runs: so_ap_mean_add each
** finished trainer (same classes and buckets; it may be freed afterwards),
** then so_ap_mean_finish packs the mean as so_ap_trainer_finish would (one
** run gives so_ap_trainer_finish's model). */
typedef struct so_ap_mean {
    unsigned n_classes, hash_bits;
    size_t runs;
    double *sum; /* [bucket][class]: the sum of the runs' averaged weights */
} so_ap_mean;
int so_ap_mean_init(so_ap_mean *a, unsigned n_classes, unsigned hash_bits);
void so_ap_mean_add(so_ap_mean *a, const so_ap_trainer *t);
int so_ap_mean_finish(const so_ap_mean *a, double prune, so_ap_model *m);
void so_ap_mean_free(so_ap_mean *a);

/* Deterministic PRNG for shuffling (splitmix64). */
uint64_t so_ap_rand(uint64_t *state);

#endif
