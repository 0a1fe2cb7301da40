/*
** perceptron.c -- averaged perceptron training, packing, serialisation,
** and the hyperparameter table (see perceptron.h).
*/
#include "model/perceptron.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------ parameter table */

static const so_ap_param_def PARAMS[] = {
    {"iterations", SO_AP_INT, offsetof(so_ap_params, iterations), 8, 1, 100,
     "passes over the training sentences (shuffled each pass)"},
    {"hash_bits", SO_AP_INT, offsetof(so_ap_params, hash_bits), 19, SO_AP_MIN_BITS,
     SO_AP_MAX_BITS, "feature buckets = 2^hash_bits (training RAM grows with it)"},
    {"seed", SO_AP_INT, offsetof(so_ap_params, seed), 1, 0, 2147483647.0,
     "shuffle seed; same data and seed give a byte-identical model"},
    {"prune", SO_AP_REAL, offsetof(so_ap_params, prune), 0.5, 0, 1e9,
     "POS, NER: drop averaged weights whose magnitude is below this"},
    {"attrib_prune", SO_AP_REAL, offsetof(so_ap_params, attrib_prune), 2.0, 0, 1e9,
     "attribution model: the same (tuned on dev: 2 beats 0.5 and 3)"},
    {"attrib_bags", SO_AP_INT, offsetof(so_ap_params, attrib_bags), 8, 1, 16,
     "attribution model: the mean of this many runs, with seeds seed, seed+1, ... "
     "(tuned on dev: 8 beats 1, 3 and 5)"},
    {"cue_cost", SO_AP_REAL, offsetof(so_ap_params, cue_cost), 5, 0, 1e6,
     "cue tagger: training decodes with this cost added to every wrong tag of a gold cue "
     "token, so that cues need a margin (0 = plain perceptron; tuned on dev: 5 beats 0 and 10)"},
    {"quant", SO_AP_INT, offsetof(so_ap_params, quant), 16, 16, 32,
     "weight storage in the file: 32 = float32, 16 = int16 with a scale"},
    {"tagdict_min", SO_AP_INT, offsetof(so_ap_params, tagdict_min), 20, 0, 1e9,
     "POS: words seen at least this often ... (0 = no tag dictionary)"},
    {"tagdict_ratio", SO_AP_REAL, offsetof(so_ap_params, tagdict_ratio), 0.97, 0.5, 1,
     "... with one tag at least this share of the time are tagged by lookup"},
    {"max_sentences", SO_AP_INT, offsetof(so_ap_params, max_sentences), 0, 0, 1e9,
     "train on the first N sentences only (0 = all); for quick experiments"},
    {"viterbi", SO_AP_INT, offsetof(so_ap_params, viterbi), 1, 0, 1,
     "NER: 1 = first-order Viterbi decoding (structured perceptron), 0 = greedy"},
    {"pos_folds", SO_AP_INT, offsetof(so_ap_params, pos_folds), 4, 0, 20,
     "NER: train on POS tags predicted by N-fold jackknifed POS taggers, as at "
     "run time (0 or 1 = the silver POS tags)"},
};

#define N_PARAMS (sizeof PARAMS / sizeof PARAMS[0])

const so_ap_param_def *so_ap_param_table(size_t *n)
{
    if (n) *n = N_PARAMS;
    return PARAMS;
}

/* Store v into the field described by d. */
static void param_store(so_ap_params *p, const so_ap_param_def *d, double v)
{
    char *base = (char *)p + d->offset;
    if (d->type == SO_AP_INT) {
        long l = (long)v;
        memcpy(base, &l, sizeof l);
    } else {
        memcpy(base, &v, sizeof v);
    }
}

void so_ap_params_default(so_ap_params *p)
{
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < N_PARAMS; i++) param_store(p, &PARAMS[i], PARAMS[i].def);
}

/* Parse VALUE for d into *v; integers must be integral. */
static int param_parse(const so_ap_param_def *d, const char *val, double *v)
{
    char *end = NULL;
    errno = 0;
    double x = strtod(val, &end);
    if (errno || end == val || *end != '\0' || !isfinite(x)) return -1;
    if (d->type == SO_AP_INT && x != floor(x)) return -1;
    if (x < d->min || x > d->max) return -1;
    *v = x;
    return 0;
}

int so_ap_params_set(so_ap_params *p, const char *assign, char *err, size_t errlen)
{
    const char *eq = assign ? strchr(assign, '=') : NULL;
    if (!eq) return so_errf(err, errlen, "expected NAME=VALUE, got '%s'", assign ? assign : "");
    size_t nlen = (size_t)(eq - assign);
    for (size_t i = 0; i < N_PARAMS; i++) {
        const so_ap_param_def *d = &PARAMS[i];
        if (strlen(d->name) != nlen || strncmp(d->name, assign, nlen) != 0) continue;
        double v;
        if (param_parse(d, eq + 1, &v) != 0)
            return so_errf(err, errlen, "bad value '%s' for %s (%s in [%g, %g])", eq + 1,
                        d->name, d->type == SO_AP_INT ? "integer" : "number", d->min,
                        d->max);
        param_store(p, d, v);
        return 0;
    }
    return so_errf(err, errlen, "unknown parameter '%.*s' (see --help)", (int)nlen, assign);
}

void so_ap_params_help(FILE *out)
{
    for (size_t i = 0; i < N_PARAMS; i++)
        fprintf(out, "  %-14s %-8g %s\n", PARAMS[i].name, PARAMS[i].def, PARAMS[i].help);
}

/* ------------------------------------------------------------- training */

struct so_ap_trainer {
    unsigned n_classes, hash_bits;
    uint64_t mask;
    uint32_t now;          /* instances seen */
    float *w;              /* current weights [bucket][class] */
    double *tot;           /* sum of w over time up to ts */
    uint32_t *ts;          /* instance count at the last change */
};

uint64_t so_ap_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

so_ap_trainer *so_ap_trainer_new(unsigned n_classes, unsigned hash_bits)
{
    if (n_classes < 1 || n_classes > SO_AP_MAX_CLASSES || hash_bits < SO_AP_MIN_BITS ||
        hash_bits > SO_AP_MAX_BITS)
        return NULL;
    so_ap_trainer *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    size_t n = ((size_t)1 << hash_bits) * n_classes;
    t->n_classes = n_classes;
    t->hash_bits = hash_bits;
    t->mask = ((uint64_t)1 << hash_bits) - 1;
    t->w = calloc(n, sizeof *t->w);
    t->tot = calloc(n, sizeof *t->tot);
    t->ts = calloc(n, sizeof *t->ts);
    if (!t->w || !t->tot || !t->ts) {
        so_ap_trainer_free(t);
        return NULL;
    }
    return t;
}

void so_ap_trainer_free(so_ap_trainer *t)
{
    if (!t) return;
    free(t->w);
    free(t->tot);
    free(t->ts);
    free(t);
}

void so_ap_trainer_scores(const so_ap_trainer *t, const uint64_t *feats, size_t nf,
                          float *scores)
{
    unsigned C = t->n_classes;
    for (unsigned c = 0; c < C; c++) scores[c] = 0.0f;
    for (size_t i = 0; i < nf; i++) {
        const float *row = t->w + (size_t)(feats[i] & t->mask) * C;
        for (unsigned c = 0; c < C; c++) scores[c] += row[c];
    }
}

void so_ap_trainer_tick(so_ap_trainer *t) { t->now++; }

/* Add d to weight k, settling its running total first (lazy averaging). */
static void bump(so_ap_trainer *t, size_t k, float d)
{
    t->tot[k] += (double)(t->now - t->ts[k]) * t->w[k];
    t->ts[k] = t->now;
    t->w[k] += d;
}

void so_ap_trainer_update(so_ap_trainer *t, const uint64_t *feats, size_t nf,
                          unsigned truth, unsigned guess)
{
    if (truth == guess || truth >= t->n_classes || guess >= t->n_classes) return;
    for (size_t i = 0; i < nf; i++) {
        size_t base = (size_t)(feats[i] & t->mask) * t->n_classes;
        bump(t, base + truth, 1.0f);
        bump(t, base + guess, -1.0f);
    }
}

void so_ap_trainer_add(so_ap_trainer *t, uint64_t feat, unsigned cls, float d)
{
    if (cls < t->n_classes) bump(t, (size_t)(feat & t->mask) * t->n_classes + cls, d);
}

/* Averaged weight k. */
static float avg_weight(const so_ap_trainer *t, size_t k)
{
    double tot = t->tot[k] + (double)(t->now - t->ts[k]) * t->w[k];
    return t->now ? (float)(tot / t->now) : 0.0f;
}

/* Pack the weights w(ctx, k) of nb buckets of C classes into *m, dropping
** |w| < prune. 0 or -1 (no memory). */
static int pack_model(size_t nb, unsigned C, unsigned hash_bits,
                      float (*w_of)(const void *ctx, size_t k), const void *ctx, double prune,
                      so_ap_model *m)
{
    size_t nnz = 0;
    memset(m, 0, sizeof *m);
    for (size_t k = 0; k < nb * C; k++) {
        float w = w_of(ctx, k);
        if (fabsf(w) >= prune && w != 0.0f) nnz++;
    }
    m->row = malloc((nb + 1) * sizeof *m->row);
    m->ent = malloc((nnz ? nnz : 1) * sizeof *m->ent);
    if (!m->row || !m->ent || nnz > UINT32_MAX) {
        so_ap_model_free(m);
        return -1;
    }
    m->n_classes = C;
    m->hash_bits = hash_bits;
    m->mask = ((uint64_t)1 << hash_bits) - 1;
    size_t j = 0;
    for (size_t b = 0; b < nb; b++) {
        m->row[b] = (uint32_t)j;
        for (size_t c = 0; c < C; c++) {
            float w = w_of(ctx, b * C + c);
            if (w != 0.0f && fabsf(w) >= prune) m->ent[j++] = (so_ap_ent){(uint32_t)c, w};
        }
    }
    m->row[nb] = (uint32_t)j;
    m->nnz = j;
    so_ap_index(m);   /* without it (no memory), m still scores */
    return 0;
}

static float trainer_weight(const void *t, size_t k) { return avg_weight(t, k); }

int so_ap_trainer_finish(so_ap_trainer *t, double prune, so_ap_model *m)
{
    return pack_model((size_t)1 << t->hash_bits, t->n_classes, t->hash_bits, trainer_weight, t,
                      prune, m);
}

int so_ap_mean_init(so_ap_mean *a, unsigned n_classes, unsigned hash_bits)
{
    a->n_classes = n_classes;
    a->hash_bits = hash_bits;
    a->runs = 0;
    a->sum = calloc(((size_t)1 << hash_bits) * n_classes, sizeof *a->sum);
    return a->sum ? 0 : -1;
}

void so_ap_mean_add(so_ap_mean *a, const so_ap_trainer *t)
{
    size_t n = ((size_t)1 << a->hash_bits) * a->n_classes;
    for (size_t k = 0; k < n; k++) a->sum[k] += avg_weight(t, k);
    a->runs++;
}

static float mean_weight(const void *a, size_t k)
{
    const so_ap_mean *m = a;
    return (float)(m->sum[k] / (double)m->runs);
}

int so_ap_mean_finish(const so_ap_mean *a, double prune, so_ap_model *m)
{
    return pack_model((size_t)1 << a->hash_bits, a->n_classes, a->hash_bits, mean_weight, a,
                      prune, m);
}

void so_ap_mean_free(so_ap_mean *a)
{
    free(a->sum);
    a->sum = NULL;
}

static void index_free(so_ap_model *m);

void so_ap_model_free(so_ap_model *m)
{
    if (!m) return;
    free(m->row);
    free(m->ent);
    m->row = NULL;
    m->ent = NULL;
    index_free(m);
}

/* ------------------------------------------------------------- scoring */
/*
** The index turns the weights of a bucket into a dense block of width
** floats (absent classes are zero). Models of at most SO_AP_DENSE_ALL
** classes get a block for every non-empty bucket and add them with vectors
** of accumulators in registers; larger ones get blocks for their long rows
** only and keep (class, weight) entries for the rest. Every class still sums
** its weights in feature order, so the scores are bit-identical to the
** row/ent loop: adding +0.0f to a sum changes nothing (a sum of non-zero
** weights is never -0.0f).
*/

typedef float so_ap_v4 __attribute__((vector_size(16)));

static inline so_ap_v4 ld4(const float *p)
{
    so_ap_v4 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void st4(float *p, so_ap_v4 v) { memcpy(p, &v, sizeof v); }

/* Store the first n (1..4) classes of v at p. */
static inline void store_last(float *p, so_ap_v4 v, unsigned n)
{
    float t[4];
    st4(t, v);
    switch (n) {
    case 4: memcpy(p, t, 4 * sizeof *t); break;
    case 3: memcpy(p, t, 3 * sizeof *t); break;
    case 2: memcpy(p, t, 2 * sizeof *t); break;
    default: p[0] = t[0]; break;
    }
}

/*
** All-dense models find the block of a bucket through its group of 64 (see
** so_ap_group): block base + the rank of the bucket among the group's
** non-empty buckets, or block 0 (zeros) for an empty one, so there is no
** branch. The groups take 1/16 of the bytes of a table of block offsets and
** stay in cache: a feature costs one cache miss instead of two. The rank is
** a population count; x86 builds for the baseline ISA have no POPCNT, so
** there the scorers and so_ap_locate are also built for CPUs that have it
** (SO_AP_TARGET) and index_alloc picks a set (use_popcnt).
*/
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__)) && !defined(__POPCNT__)
#define SO_AP_DISPATCH 1
#define SO_AP_TARGET __attribute__((target("popcnt")))
#endif

/* The block of bucket b. */
static inline size_t block_of(const so_ap_group *grp, uint64_t b)
{
    const so_ap_group *g = grp + (b >> 6);
    uint64_t upto = g->bits << (63 - (b & 63));   /* buckets 64g .. b, b's on top */
    return (size_t)((g->base + (uint64_t)__builtin_popcountll(upto)) & (0 - (upto >> 63)));
}

/* The cache lines of the block of n bytes at p (n a constant once
** inlined). Blocks of n bytes lie at multiples of n from a 64-byte aligned
** base: when n divides 64 or 64 divides n, a block spans exactly its
** n / 64 lines (at least one); otherwise it may straddle one more, which
** its last byte names. Always inlined: as a call, GCC 12 takes it for a
** function without side effects (a prefetch has none) and drops it. */
static inline __attribute__((always_inline)) void prefetch_block(const void *p, size_t n)
{
    const char *c = p;
    for (size_t o = 0; o < n; o += 64) __builtin_prefetch(c + o);
    if (n % 64 && 64 % n) __builtin_prefetch(c + n - 1);
}

/* Sum the blocks KOF(0) .. KOF(nf - 1) into out (KOF(i): the block of
** feature i): NV vectors of accumulators; two features per round, each
** added in turn (the same sums). */
#define SO_AP_DENSE_SUM(NV, KOF)                                                      \
    do {                                                                              \
        so_ap_v4 acc[NV];                                                             \
        _Pragma("GCC unroll 16")                                                      \
        for (int j = 0; j < NV; j++) acc[j] = (so_ap_v4){0.0f, 0.0f, 0.0f, 0.0f};     \
        const float *blk = m->blk;                                                    \
        size_t i = 0;                                                                 \
        for (; i + 2 <= nf; i += 2) {                                                 \
            size_t k0 = KOF(i), k1 = KOF(i + 1);                                      \
            SO_AP_DENSE_ADD(NV, k0);                                                  \
            SO_AP_DENSE_ADD(NV, k1);                                                  \
        }                                                                             \
        if (i < nf) SO_AP_DENSE_ADD(NV, KOF(i));                                      \
        _Pragma("GCC unroll 16")                                                      \
        for (int j = 0; j < NV - 1; j++) st4(out + 4 * j, acc[j]);                   \
        store_last(out + 4 * (NV - 1), acc[NV - 1], m->n_classes - 4 * (NV - 1));     \
    } while (0)

#define SO_AP_DENSE_ADD(NV, k)                                                        \
    do {                                                                              \
        const float *r = __builtin_assume_aligned(blk + (k) * (4 * NV), 16);          \
        _Pragma("GCC unroll 16")                                                      \
        for (int j = 0; j < NV; j++) acc[j] += ld4(r + 4 * j);                        \
    } while (0)

#define SO_AP_OF_FEAT(i) block_of(grp, f[i] & mask)
#define SO_AP_OF_AT(i) ((size_t)at[i])

#define SO_AP_DENSE_SCORER(NV, SUF, ATTR)                                             \
    static ATTR void scores_dense##NV##SUF(const so_ap_model *m, const uint64_t *f,   \
                                           size_t nf, float *out)                     \
    {                                                                                 \
        const so_ap_group *grp = m->grp;                                              \
        uint64_t mask = m->mask;                                                      \
        SO_AP_DENSE_SUM(NV, SO_AP_OF_FEAT);                                           \
    }

/* so_ap_scores_at: the blocks found by so_ap_locate. */
#define SO_AP_DENSE_AT(NV)                                                            \
    static void scores_at##NV(const so_ap_model *m, const uint32_t *at, size_t nf,    \
                              float *out)                                             \
    {                                                                                 \
        SO_AP_DENSE_SUM(NV, SO_AP_OF_AT);                                             \
    }

/* The block of feature f in an all-dense model of nv vectors per block
** (blocks at blk, groups grp, bucket mask), asked of the cache now. */
static inline __attribute__((always_inline)) uint32_t
locate_one(const so_ap_group *grp, const float *blk, uint64_t mask, uint64_t f, size_t nv)
{
    size_t k = block_of(grp, f & mask);
    prefetch_block(blk + k * (4 * nv), 16 * nv);
    return (uint32_t)k;
}

/* so_ap_locate for an all-dense model of NV vectors per block. */
#define SO_AP_LOCATE(NV, SUF, ATTR)                                                   \
    static ATTR void locate##NV##SUF(const so_ap_model *m, const uint64_t *f,         \
                                     size_t nf, uint32_t *at)                         \
    {                                                                                 \
        for (size_t i = 0; i < nf; i++)                                               \
            at[i] = locate_one(m->grp, m->blk, m->mask, f[i], NV);                    \
    }

/* so_ap_locate_take for an all-dense model of NV vectors per block. */
#define SO_AP_LOCATE_TAKE(NV, SUF, ATTR)                                              \
    static ATTR void locate_take##NV##SUF(const so_ap_model *m, const uint64_t *f,    \
                                          uint64_t take, uint32_t *at)                \
    {                                                                                 \
        for (; take; take &= take - 1) {                                              \
            size_t i = (unsigned)__builtin_ctzll(take);                               \
            at[i] = locate_one(m->grp, m->blk, m->mask, f[i], NV);                    \
        }                                                                             \
    }

typedef void (*scorer_fn)(const so_ap_model *, const uint64_t *, size_t, float *);
typedef void (*scorer_at_fn)(const so_ap_model *, const uint32_t *, size_t, float *);
typedef void (*locate_fn)(const so_ap_model *, const uint64_t *, size_t, uint32_t *);
typedef void (*locate_take_fn)(const so_ap_model *, const uint64_t *, uint64_t, uint32_t *);

SO_AP_DENSE_AT(1)
SO_AP_DENSE_AT(2)
SO_AP_DENSE_AT(3)
SO_AP_DENSE_AT(4)
SO_AP_DENSE_AT(5)
SO_AP_DENSE_AT(6)
SO_AP_DENSE_AT(7)
SO_AP_DENSE_AT(8)
SO_AP_DENSE_AT(9)
SO_AP_DENSE_AT(10)
SO_AP_DENSE_AT(11)
SO_AP_DENSE_AT(12)

static const scorer_at_fn dense_at[SO_AP_DENSE_ALL / 4] = {
    scores_at1, scores_at2, scores_at3, scores_at4,  scores_at5,  scores_at6,
    scores_at7, scores_at8, scores_at9, scores_at10, scores_at11, scores_at12};

#define SO_AP_ALL_DENSE(SUF, ATTR)                                                          \
    SO_AP_DENSE_SCORER(1, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(2, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(3, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(4, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(5, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(6, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(7, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(8, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(9, SUF, ATTR)                                                        \
    SO_AP_DENSE_SCORER(10, SUF, ATTR)                                                       \
    SO_AP_DENSE_SCORER(11, SUF, ATTR)                                                       \
    SO_AP_DENSE_SCORER(12, SUF, ATTR)                                                       \
    SO_AP_LOCATE(1, SUF, ATTR)                                                              \
    SO_AP_LOCATE(2, SUF, ATTR)                                                              \
    SO_AP_LOCATE(3, SUF, ATTR)                                                              \
    SO_AP_LOCATE(4, SUF, ATTR)                                                              \
    SO_AP_LOCATE(5, SUF, ATTR)                                                              \
    SO_AP_LOCATE(6, SUF, ATTR)                                                              \
    SO_AP_LOCATE(7, SUF, ATTR)                                                              \
    SO_AP_LOCATE(8, SUF, ATTR)                                                              \
    SO_AP_LOCATE(9, SUF, ATTR)                                                              \
    SO_AP_LOCATE(10, SUF, ATTR)                                                             \
    SO_AP_LOCATE(11, SUF, ATTR)                                                             \
    SO_AP_LOCATE(12, SUF, ATTR)                                                             \
    static const scorer_fn dense_scorers##SUF[SO_AP_DENSE_ALL / 4] = {                      \
        scores_dense1##SUF, scores_dense2##SUF,  scores_dense3##SUF,  scores_dense4##SUF,   \
        scores_dense5##SUF, scores_dense6##SUF,  scores_dense7##SUF,  scores_dense8##SUF,   \
        scores_dense9##SUF, scores_dense10##SUF, scores_dense11##SUF, scores_dense12##SUF}; \
    static const locate_fn locators##SUF[SO_AP_DENSE_ALL / 4] = {                           \
        locate1##SUF, locate2##SUF,  locate3##SUF,  locate4##SUF,                           \
        locate5##SUF, locate6##SUF,  locate7##SUF,  locate8##SUF,                           \
        locate9##SUF, locate10##SUF, locate11##SUF, locate12##SUF};                   \
    SO_AP_LOCATE_TAKE(1, SUF, ATTR)                                                         \
    SO_AP_LOCATE_TAKE(2, SUF, ATTR)                                                         \
    static const locate_take_fn locators_take##SUF[2] = {locate_take1##SUF,                 \
                                                         locate_take2##SUF};

SO_AP_ALL_DENSE(, )
#if defined(SO_AP_DISPATCH)
SO_AP_ALL_DENSE(_popcnt, SO_AP_TARGET)

/* Does the CPU have POPCNT for the second set above? */
static int use_popcnt(void)
{
    return __builtin_cpu_supports("popcnt");
}
#endif

#define SO_AP_MAX_WIDTH 128u

/* Mixed models: long rows dense, short rows as (class, weight) entries. */
static void scores_mixed(const so_ap_model *m, const uint64_t *f, size_t nf, float *out)
{
    float acc[SO_AP_MAX_WIDTH] __attribute__((aligned(16)));
    unsigned w = m->width;
    const float *blk = m->blk;
    const uint32_t *ix = m->ix;
    const so_ap_ent *ent = m->ent;
    uint64_t mask = m->mask;
    memset(acc, 0, w * sizeof *acc);
    for (size_t i = 0; i < nf; i++) {
        uint32_t d = ix[f[i] & mask];
        if (d & SO_AP_IX_DENSE) {
            const float *r = __builtin_assume_aligned(blk + (size_t)(d & ~SO_AP_IX_DENSE) * w, 16);
            for (unsigned k = 0; k < w; k += 4) st4(acc + k, ld4(acc + k) + ld4(r + k));
        } else {
            const so_ap_ent *e = ent + (d >> 7), *end = e + (d & 127u);
            for (; e < end; e++) acc[e->cls] += e->w;
        }
    }
    memcpy(out, acc, m->n_classes * sizeof *out);
}

int so_ap_locate(const so_ap_model *m, const uint64_t *f, size_t nf, uint32_t *at)
{
    if (!m->locate) return 0;
    m->locate(m, f, nf, at);
    return 1;
}

int so_ap_locate_take(const so_ap_model *m, const uint64_t *f, uint64_t take, uint32_t *at)
{
    if (!m->locate_take) return 0;
    m->locate_take(m, f, take, at);
    return 1;
}

/* Can m have an index (the encoding of ix holds it)? */
static int index_fits(const so_ap_model *m)
{
    return m->n_classes < SO_AP_MAX_WIDTH && m->nnz < ((uint64_t)1 << 24);
}

#define SO_AP_HUGE ((size_t)2 << 20)   /* a transparent huge page on x86-64 Linux */

/* n zeroed bytes for an index or blocks (NULL: no memory; free() frees
** them), aligned to a cache line (no 16- or 32-byte block straddles two)
** and, from SO_AP_HUGE bytes up, to a huge page, asking the system for huge
** pages where it has them: scoring reads such tables at random, and with
** 4 kB pages nearly every read would also miss the TLB. */
static void *table_alloc(size_t n)
{
    size_t align = n >= SO_AP_HUGE ? SO_AP_HUGE : 64;
    void *p = NULL;
    if (posix_memalign(&p, align, n ? n : 1)) return NULL;
#if defined(MADV_HUGEPAGE)
    if (align == SO_AP_HUGE) (void)madvise(p, n, MADV_HUGEPAGE);   /* a hint: may fail */
#endif
    memset(p, 0, n);
    return p;
}

/* Allocate the index of m (groups or ix) and nblk zeroed blocks, and pick
** its scorer. 0 or -1. */
static int index_alloc(so_ap_model *m, size_t nblk)
{
    size_t nb = (size_t)1 << m->hash_bits;
    m->width = (m->n_classes + 3u) & ~3u;
    m->all_dense = m->width <= SO_AP_DENSE_ALL;
    if (m->all_dense) m->grp = table_alloc(nb / 64 * sizeof *m->grp);
    else m->ix = table_alloc(nb * sizeof *m->ix);
    m->blk = table_alloc(nblk * m->width * sizeof(float));
    if ((m->grp || m->ix) && m->blk) {
        const scorer_fn *dense = dense_scorers;
        const locate_fn *loc = locators;
        const locate_take_fn *take = locators_take;
#if defined(SO_AP_DISPATCH)
        if (use_popcnt()) {
            dense = dense_scorers_popcnt;
            loc = locators_popcnt;
            take = locators_take_popcnt;
        }
#endif
        m->locate = m->all_dense ? loc[m->width / 4 - 1] : NULL;
        m->locate_take = m->all_dense && m->width <= 8 ? take[m->width / 4 - 1] : NULL;
        m->score = m->all_dense ? dense[m->width / 4 - 1] : scores_mixed;
        m->score_at = m->all_dense ? dense_at[m->width / 4 - 1] : NULL;
        return 0;
    }
    index_free(m);
    return -1;
}

/* Drop the index of m (it scores from row/ent). */
static void index_free(so_ap_model *m)
{
    free(m->grp);
    free(m->ix);
    free(m->blk);
    m->grp = NULL;
    m->ix = NULL;
    m->blk = NULL;
    m->score = NULL;
    m->score_at = NULL;
    m->locate = NULL;
    m->locate_take = NULL;
}

int so_ap_index(so_ap_model *m)
{
    index_free(m);
    if (!index_fits(m)) return 0;
    size_t nb = (size_t)1 << m->hash_bits, nblk = 1;
    unsigned lim = ((m->n_classes + 3u) & ~3u) <= SO_AP_DENSE_ALL ? 1u : SO_AP_DENSE_MIN;
    for (size_t b = 0; b < nb; b++) nblk += m->row[b + 1] - m->row[b] >= lim;
    if (index_alloc(m, nblk)) return -1;
    unsigned w = m->width;
    size_t k = 1;
    for (size_t b = 0; b < nb; b++) {
        uint32_t r0 = m->row[b], r1 = m->row[b + 1];
        if (m->grp && (b & 63) == 0) m->grp[b >> 6].base = k - 1;
        if (r1 - r0 >= lim) {
            float *blk = m->blk + k * w;
            for (uint32_t j = r0; j < r1; j++) blk[m->ent[j].cls] += m->ent[j].w;
            if (m->grp) m->grp[b >> 6].bits |= 1ull << (b & 63);
            else m->ix[b] = SO_AP_IX_DENSE | (uint32_t)k;
            k++;
        } else if (m->ix) {
            m->ix[b] = r0 << 7 | (r1 - r0);
        }
    }
    return 0;
}

/* ------------------------------------------------------- serialisation */
/*
** Layout (all little-endian):
**   u32 n_classes, u32 hash_bits, u32 quant (32|16), f32 scale, u64 nnz,
**   u8  count[2^hash_bits]        entries per bucket (<= n_classes)
**   u8  cls[nnz]                  class ids, ascending within a bucket
**   quant 32: f32 w[nnz]; quant 16: i16 q[nnz], w = q * scale
*/

/* Largest |w| over the model. */
static float max_abs(const so_ap_model *m)
{
    float mx = 0.0f;
    for (uint64_t i = 0; i < m->nnz; i++)
        if (fabsf(m->ent[i].w) > mx) mx = fabsf(m->ent[i].w);
    return mx;
}

int so_ap_write(const so_ap_model *m, int quant, so_mf_buf *b)
{
    size_t nb = (size_t)1 << m->hash_bits;
    if (!m->row || !m->ent) {   /* a loaded all-dense model keeps only its index */
        b->failed = 1;
        return -1;
    }
    float scale = quant == 16 ? max_abs(m) / 32767.0f : 1.0f;
    if (!(scale > 0.0f)) scale = 1.0f;
    so_mf_put_u32(b, m->n_classes);
    so_mf_put_u32(b, m->hash_bits);
    so_mf_put_u32(b, quant == 16 ? 16u : 32u);
    so_mf_put_f32(b, scale);
    so_mf_put_u64(b, m->nnz);
    for (size_t i = 0; i < nb; i++) so_mf_put_u8(b, (uint8_t)(m->row[i + 1] - m->row[i]));
    for (uint64_t i = 0; i < m->nnz; i++) so_mf_put_u8(b, (uint8_t)m->ent[i].cls);
    for (uint64_t i = 0; i < m->nnz; i++) {
        if (quant == 16) {
            long q = lroundf(m->ent[i].w / scale);
            so_mf_put_u16(b, (uint16_t)(int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q));
        } else {
            so_mf_put_f32(b, m->ent[i].w);
        }
    }
    return b->failed ? -1 : 0;
}

/* Little-endian 16-bit weight q at p as int16 (memcpy on little-endian
** hosts, which compilers turn into one load). */
static inline int16_t le_i16(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    int16_t q;
    memcpy(&q, p, sizeof q);
    return q;
#else
    return (int16_t)(uint16_t)(p[0] | (p[1] << 8));
#endif
}

static inline float le_f32(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    float f;
    memcpy(&f, p, sizeof f);
    return f;
#else
    return so_mf_lef32(p);
#endif
}

/* Weight i of the file's weight array. */
static inline float file_weight(const uint8_t *w, uint64_t i, unsigned quant, float scale)
{
    return quant == 16 ? (float)le_i16(w + 2 * i) * scale : le_f32(w + 4 * i);
}

/* Every count at most n_classes, adding up to nnz; every class id below
** n_classes, every weight finite. */
static int check_arrays(const so_ap_model *m, const uint8_t *cnt, const uint8_t *cls,
                        const uint8_t *w, unsigned quant, char *err, size_t errlen)
{
    size_t nb = (size_t)1 << m->hash_bits;
    uint64_t sum = 0;
    unsigned mx = 0;
    for (size_t i = 0; i < nb; i++) {
        sum += cnt[i];
        mx = cnt[i] > mx ? cnt[i] : mx;
    }
    if (mx > m->n_classes) return so_errf(err, errlen, "perceptron: bad bucket size");
    if (sum != m->nnz) return so_errf(err, errlen, "perceptron: bucket sizes do not add up");
    mx = 0;
    for (uint64_t i = 0; i < m->nnz; i++) mx = cls[i] > mx ? cls[i] : mx;
    int ok = m->nnz == 0 || mx < m->n_classes;
    for (uint64_t i = 0; quant == 32 && i < m->nnz && ok; i++) ok = isfinite(le_f32(w + 4 * i));
    return ok ? 0 : so_errf(err, errlen, "perceptron: bad class id or weight");
}

/* Rows and entries, as a trained model has them (arrays checked). */
static int build_rows(so_ap_model *m, const uint8_t *cnt, const uint8_t *cls, const uint8_t *w,
                      unsigned quant, float scale)
{
    size_t nb = (size_t)1 << m->hash_bits;
    m->row = malloc((nb + 1) * sizeof *m->row);
    m->ent = malloc((m->nnz ? m->nnz : 1) * sizeof *m->ent);
    if (!m->row || !m->ent) return -1;
    uint32_t j = 0;
    for (size_t i = 0; i < nb; i++) {
        m->row[i] = j;
        j += cnt[i];
    }
    m->row[nb] = j;
    for (uint64_t i = 0; i < m->nnz; i++)
        m->ent[i] = (so_ap_ent){cls[i], file_weight(w, i, quant, scale)};
    return 0;
}

#define SO_AP_LO7 0x7f7f7f7f7f7f7f7full
#define SO_AP_HI1 0x8080808080808080ull
#define SO_AP_ONES 0x0101010101010101ull

/* Is any of the n bytes at p C or more (1 <= C <= 128)? Eight at a time:
** (b & 0x7f) + 128 - C reaches the top bit, without a carry into the next
** byte, exactly when b & 0x7f >= C; bytes from 128 up have it already. */
static int any_byte_ge(const uint8_t *p, uint64_t n, unsigned C)
{
    uint64_t add = (128u - C) * SO_AP_ONES, hit = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, sizeof x);
        hit |= ((x & SO_AP_LO7) + add) | x;
    }
    for (; i < n; i++) hit |= p[i] >= C ? SO_AP_HI1 : 0;
    return (hit & SO_AP_HI1) != 0;
}

/* The nnz weights of the file as floats (malloc'd; NULL: no memory): the
** same products as file_weight, eight at a time with SSE2 (exact int16 to
** float conversion, IEEE single multiplication either way). */
static float *decode_weights(const uint8_t *w, uint64_t nnz, unsigned quant, float scale)
{
    float *out = malloc((nnz ? nnz : 1) * sizeof *out);
    uint64_t i = 0;
    if (!out) return NULL;
    if (quant == 32) {
        for (; i < nnz; i++) out[i] = le_f32(w + 4 * i);
        return out;
    }
#if defined(__SSE2__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    __m128 sc = _mm_set1_ps(scale);
    for (; i + 8 <= nnz; i += 8) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(w + 2 * i));
        __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16);
        __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16);
        _mm_storeu_ps(out + i, _mm_mul_ps(_mm_cvtepi32_ps(lo), sc));
        _mm_storeu_ps(out + i + 4, _mm_mul_ps(_mm_cvtepi32_ps(hi), sc));
    }
#endif
    for (; i < nnz; i++) out[i] = (float)le_i16(w + 2 * i) * scale;
    return out;
}

/* The top bit of byte t set for each non-zero p[t], t < 8: on
** little-endian hosts (b & 0x7f) + 0x7f, or b itself, reaches it. */
static inline uint64_t nonzero8(const uint8_t *p)
{
    uint64_t nz = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(&nz, p, sizeof nz);
    nz = (((nz & SO_AP_LO7) + SO_AP_LO7) | nz) & SO_AP_HI1;
#else
    for (unsigned t = 0; t < 8; t++) nz |= (uint64_t)(p[t] != 0) << (8 * t + 7);
#endif
    return nz;
}

/* The number of non-zero bytes among the n (a multiple of 8) at p. */
static size_t count_nonzero(const uint8_t *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i += 8) {
        for (uint64_t nz = nonzero8(p + i); nz; nz &= nz - 1) k++;
    }
    return k;
}

/* Fill the groups and the blocks, one for each non-empty bucket, from the
** bucket table (counts checked on the way). 0, or -1 with err. Locals only
** in the loop: the stores to the groups and the blocks could otherwise
** alias m's fields. */
static int read_buckets(so_ap_model *m, const uint8_t *cnt, const uint8_t *cls, const float *wf,
                        char *err, size_t errlen)
{
    size_t nb = (size_t)1 << m->hash_bits, w = m->width, k = 0;   /* k: blocks filled */
    unsigned C = m->n_classes;
    uint64_t j = 0, nnz = m->nnz;
    so_ap_group *grp = m->grp;
    float *blk = m->blk;
    for (size_t b = 0; b < nb; b += 8) {   /* nb is a multiple of 64; most buckets are empty */
        if ((b & 63) == 0) grp[b >> 6].base = k;
        for (uint64_t nz = nonzero8(cnt + b); nz; nz &= nz - 1) {
            size_t t = b + ((size_t)__builtin_ctzll(nz) >> 3);
            unsigned c = cnt[t];
            if (c > C) return so_errf(err, errlen, "perceptron: bad bucket size");
            if (c > nnz - j) return so_errf(err, errlen, "perceptron: bucket sizes do not add up");
            float *row = blk + ++k * w;
            for (uint64_t e = j + c; j < e; j++) row[cls[j]] += wf[j];
            grp[t >> 6].bits |= 1ull << (t & 63);
        }
    }
    return j == nnz ? 0 : so_errf(err, errlen, "perceptron: bucket sizes do not add up");
}

/* The all-dense index straight from the file's arrays, checking them on the
** way (no rows or entries: such a model is only scored): one block for each
** non-empty bucket, plus block 0. */
static int read_dense(so_ap_model *m, const uint8_t *cnt, const uint8_t *cls, const uint8_t *w,
                      unsigned quant, float scale, char *err, size_t errlen)
{
    size_t nb = (size_t)1 << m->hash_bits, used = count_nonzero(cnt, nb);
    if (used > m->nnz)   /* each non-empty bucket holds an entry at least */
        return so_errf(err, errlen, "perceptron: bucket sizes do not add up");
    if (any_byte_ge(cls, m->nnz, m->n_classes))
        return so_errf(err, errlen, "perceptron: bad class id or weight");
    for (uint64_t i = 0; quant == 32 && i < m->nnz; i++)
        if (!isfinite(le_f32(w + 4 * i))) return so_errf(err, errlen, "perceptron: bad class id or weight");
    float *wf = decode_weights(w, m->nnz, quant, scale);
    if (!wf || index_alloc(m, used + 1)) {
        free(wf);
        return so_errf(err, errlen, "out of memory");
    }
    int rc = read_buckets(m, cnt, cls, wf, err, errlen);
    free(wf);
    return rc;
}

int so_ap_read(so_ap_model *m, so_mf_rd *r, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    m->n_classes = so_mf_get_u32(r);
    m->hash_bits = so_mf_get_u32(r);
    unsigned quant = so_mf_get_u32(r);
    float scale = so_mf_get_f32(r);
    m->nnz = so_mf_get_u64(r);
    if (r->failed) return so_errf(err, errlen, "perceptron: truncated header");
    /* q * scale grows with |q|: if the extreme q is finite, all weights are */
    if (m->n_classes < 1 || m->n_classes > SO_AP_MAX_CLASSES ||
        m->hash_bits < SO_AP_MIN_BITS || m->hash_bits > SO_AP_MAX_BITS ||
        (quant != 16 && quant != 32) || !isfinite(scale) ||
        (quant == 16 && !isfinite(-32768.0f * scale)) ||
        m->nnz > ((uint64_t)m->n_classes << m->hash_bits) || m->nnz > r->len)
        return so_errf(err, errlen, "perceptron: bad header");
    m->mask = ((uint64_t)1 << m->hash_bits) - 1;
    size_t nb = (size_t)1 << m->hash_bits;
    const uint8_t *cnt = so_mf_get_bytes(r, nb);
    if (!cnt) return so_errf(err, errlen, "perceptron: truncated bucket table");
    const uint8_t *cls = so_mf_get_bytes(r, m->nnz);
    const uint8_t *w = so_mf_get_bytes(r, m->nnz * (quant / 8));
    if (!cls || !w) return so_errf(err, errlen, "perceptron: truncated weights");
    int rc;
    if (index_fits(m) && ((m->n_classes + 3u) & ~3u) <= SO_AP_DENSE_ALL) {
        rc = read_dense(m, cnt, cls, w, quant, scale, err, errlen);
    } else {
        rc = check_arrays(m, cnt, cls, w, quant, err, errlen);
        if (rc == 0 && build_rows(m, cnt, cls, w, quant, scale))
            rc = so_errf(err, errlen, "out of memory");
        if (rc == 0) so_ap_index(m);   /* without it (no memory), m still scores */
    }
    if (rc) so_ap_model_free(m);
    return rc;
}
