/*
** perceptron.c -- averaged perceptron training, packing, serialisation,
** and the hyperparameter table (see perceptron.h).
*/
#include "model/perceptron.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------ parameter table */

static const so_ap_param_def PARAMS[] = {
    {"iterations", SO_AP_INT, offsetof(so_ap_params, iterations), 8, 1, 100,
     "passes over the training sentences (shuffled each pass)"},
    {"hash_bits", SO_AP_INT, offsetof(so_ap_params, hash_bits), 19, SO_AP_MIN_BITS,
     SO_AP_MAX_BITS, "feature buckets = 2^hash_bits (training RAM grows with it)"},
    {"seed", SO_AP_INT, offsetof(so_ap_params, seed), 1, 0, 2147483647.0,
     "shuffle seed; same data and seed give a byte-identical model"},
    {"prune", SO_AP_REAL, offsetof(so_ap_params, prune), 0.5, 0, 1e9,
     "drop averaged weights whose magnitude is below this"},
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

static int perr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int perr(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
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
    if (!eq) return perr(err, errlen, "expected NAME=VALUE, got '%s'", assign ? assign : "");
    size_t nlen = (size_t)(eq - assign);
    for (size_t i = 0; i < N_PARAMS; i++) {
        const so_ap_param_def *d = &PARAMS[i];
        if (strlen(d->name) != nlen || strncmp(d->name, assign, nlen) != 0) continue;
        double v;
        if (param_parse(d, eq + 1, &v) != 0)
            return perr(err, errlen, "bad value '%s' for %s (%s in [%g, %g])", eq + 1,
                        d->name, d->type == SO_AP_INT ? "integer" : "number", d->min,
                        d->max);
        param_store(p, d, v);
        return 0;
    }
    return perr(err, errlen, "unknown parameter '%.*s' (see --help)", (int)nlen, assign);
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

int so_ap_trainer_finish(so_ap_trainer *t, double prune, so_ap_model *m)
{
    size_t nb = (size_t)1 << t->hash_bits, C = t->n_classes, nnz = 0;
    memset(m, 0, sizeof *m);
    for (size_t k = 0; k < nb * C; k++)
        if (fabsf(avg_weight(t, k)) >= prune && avg_weight(t, k) != 0.0f) nnz++;
    m->row = malloc((nb + 1) * sizeof *m->row);
    m->ent = malloc((nnz ? nnz : 1) * sizeof *m->ent);
    if (!m->row || !m->ent || nnz > UINT32_MAX) {
        so_ap_model_free(m);
        return -1;
    }
    m->n_classes = (unsigned)C;
    m->hash_bits = t->hash_bits;
    m->mask = t->mask;
    size_t j = 0;
    for (size_t b = 0; b < nb; b++) {
        m->row[b] = (uint32_t)j;
        for (size_t c = 0; c < C; c++) {
            float w = avg_weight(t, b * C + c);
            if (w != 0.0f && fabsf(w) >= prune) m->ent[j++] = (so_ap_ent){(uint32_t)c, w};
        }
    }
    m->row[nb] = (uint32_t)j;
    m->nnz = j;
    return 0;
}

void so_ap_model_free(so_ap_model *m)
{
    if (!m) return;
    free(m->row);
    free(m->ent);
    m->row = NULL;
    m->ent = NULL;
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

/* Check and read the per-bucket counts into m->row. */
static int read_rows(so_ap_model *m, so_mf_rd *r, char *err, size_t errlen)
{
    size_t nb = (size_t)1 << m->hash_bits;
    const uint8_t *cnt = so_mf_get_bytes(r, nb);
    if (!cnt) return perr(err, errlen, "perceptron: truncated bucket table");
    m->row = malloc((nb + 1) * sizeof *m->row);
    if (!m->row) return perr(err, errlen, "out of memory");
    uint64_t j = 0;
    for (size_t i = 0; i < nb; i++) {
        if (cnt[i] > m->n_classes) return perr(err, errlen, "perceptron: bad bucket size");
        m->row[i] = (uint32_t)j;
        j += cnt[i];
    }
    m->row[nb] = (uint32_t)j;
    if (j != m->nnz) return perr(err, errlen, "perceptron: bucket sizes do not add up");
    return 0;
}

/* Read classes and weights into m->ent (rows already read). */
static int read_entries(so_ap_model *m, so_mf_rd *r, unsigned quant, float scale,
                        char *err, size_t errlen)
{
    const uint8_t *cls = so_mf_get_bytes(r, m->nnz);
    const uint8_t *w = so_mf_get_bytes(r, m->nnz * (quant / 8));
    if (!cls || !w) return perr(err, errlen, "perceptron: truncated weights");
    m->ent = malloc((m->nnz ? m->nnz : 1) * sizeof *m->ent);
    if (!m->ent) return perr(err, errlen, "out of memory");
    for (uint64_t i = 0; i < m->nnz; i++) {
        float x = quant == 16 ? (float)(int16_t)so_mf_le16(w + 2 * i) * scale
                              : so_mf_lef32(w + 4 * i);
        if (cls[i] >= m->n_classes || !isfinite(x))
            return perr(err, errlen, "perceptron: bad class id or weight");
        m->ent[i] = (so_ap_ent){cls[i], x};
    }
    return 0;
}

int so_ap_read(so_ap_model *m, so_mf_rd *r, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    m->n_classes = so_mf_get_u32(r);
    m->hash_bits = so_mf_get_u32(r);
    unsigned quant = so_mf_get_u32(r);
    float scale = so_mf_get_f32(r);
    m->nnz = so_mf_get_u64(r);
    if (r->failed) return perr(err, errlen, "perceptron: truncated header");
    if (m->n_classes < 1 || m->n_classes > SO_AP_MAX_CLASSES ||
        m->hash_bits < SO_AP_MIN_BITS || m->hash_bits > SO_AP_MAX_BITS ||
        (quant != 16 && quant != 32) || !isfinite(scale) ||
        m->nnz > ((uint64_t)m->n_classes << m->hash_bits) || m->nnz > r->len)
        return perr(err, errlen, "perceptron: bad header");
    m->mask = ((uint64_t)1 << m->hash_bits) - 1;
    if (read_rows(m, r, err, errlen) || read_entries(m, r, quant, scale, err, errlen)) {
        so_ap_model_free(m);
        return -1;
    }
    return 0;
}
