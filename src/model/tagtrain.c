/*
** tagtrain.c -- training the POS and NER taggers on a folder of CoreNLP
** .conllu files (so_tag_train, see tagger.h): greedy decoding with the
** current weights, perceptron updates on mistakes, a fixed-seed shuffle of
** the sentences on every pass, then averaging, pruning and serialisation.
*/
#include "model/conllu.h"
#include "model/tagger_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int trerr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int trerr(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Scratch for one sentence during training. */
typedef struct trainbuf {
    so_tagtok *toks;
    uint8_t *pred, *pos;
    size_t cap;
} trainbuf;

static int trainbuf_fit(trainbuf *b, size_t n)
{
    if (n <= b->cap) return 0;
    so_tagtok *t = realloc(b->toks, n * sizeof *t);
    if (t) b->toks = t;
    uint8_t *p = realloc(b->pred, n);
    if (p) b->pred = p;
    uint8_t *q = realloc(b->pos, n);
    if (q) b->pos = q;
    if (!t || !p || !q) return -1;
    b->cap = n;
    return 0;
}

/* Gold tag of corpus token k for this tagger kind. */
static unsigned gold_of(const so_tagger *t, const so_conllu_tok *k)
{
    return t->kind == SO_TAG_POS ? k->pos : k->ner;
}

/* One greedy pass over sentence s with updates; adds to *correct. */
static void train_sentence(const so_tagger *t, so_ap_trainer *tr, const so_conllu *c,
                           size_t s, trainbuf *b, size_t *correct)
{
    size_t a = c->sent[s], n = c->sent[s + 1] - a;
    for (size_t i = 0; i < n; i++) {
        const so_conllu_tok *k = &c->tok[a + i];
        b->toks[i] = (so_tagtok){c->text + k->off, k->len};
        b->pos[i] = k->pos;
    }
    so_tagwin win;
    so_tagwin_init(&win, b->toks, n);
    uint64_t f[SO_TAG_MAX_FEATS];
    float sc[SO_TAG_MAX_TAGS];
    unsigned pw[5] = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const so_tokinfo *x[5];
        so_tagwin_at(&win, i, x);
        unsigned gold = gold_of(t, &c->tok[a + i]);
        int d = t->td_n ? so_tag_td_lookup(t, x[2]->form) : -1;
        if (d >= 0) {
            b->pred[i] = (uint8_t)d;
            *correct += (unsigned)d == gold;
            continue;
        }
        unsigned p1 = i > 0 ? b->pred[i - 1] : SO_TAG_START;
        unsigned p2 = i > 1 ? b->pred[i - 2] : SO_TAG_START + 1;
        for (long q = 0; t->kind == SO_TAG_NER && q < 5; q++) {
            long p = (long)i + q - 2;
            pw[q] = p < 0 ? t->n_pos + 1u : (size_t)p >= n ? t->n_pos + 2u : b->pos[p];
        }
        size_t nf = so_tag_feats(t->kind, x, p1, p2, pw, f);
        so_ap_trainer_tick(tr);
        so_ap_trainer_scores(tr, f, nf, sc);
        unsigned guess = so_tag_argmax(t, sc, p1);
        so_ap_trainer_update(tr, f, nf, gold, guess);
        b->pred[i] = (uint8_t)guess;
        *correct += guess == gold;
    }
}

typedef struct pair {
    uint64_t key;
    uint8_t tag;
} pair;

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (int)x->tag - (int)y->tag;
}

/* Collect the unambiguous frequent words of run p[0..n) (one key). */
static void td_run(const pair *p, size_t n, const so_ap_params *pp, uint64_t *keys,
                   uint8_t *tags, size_t *k)
{
    size_t best = 0, bn = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j].tag == p[i].tag) j++;
        if (j - i > bn) {
            bn = j - i;
            best = i;
        }
        i = j;
    }
    if ((long)n >= pp->tagdict_min && (double)bn >= pp->tagdict_ratio * (double)n) {
        keys[*k] = p[0].key;
        tags[(*k)++] = p[best].tag;
    }
}

/* Build the POS tag dictionary (Honnibal): frequent, nearly unambiguous forms. */
static int build_tagdict(so_tagger *t, const so_conllu *c, size_t ntok,
                         const so_ap_params *pp)
{
    pair *p = malloc((ntok ? ntok : 1) * sizeof *p);
    uint64_t *keys = malloc((ntok ? ntok : 1) * sizeof *keys);
    uint8_t *tags = malloc(ntok ? ntok : 1);
    int rc = -1;
    if (p && keys && tags) {
        for (size_t i = 0; i < ntok; i++)
            p[i] = (pair){so_tag_hash(c->text + c->tok[i].off, c->tok[i].len), c->tok[i].pos};
        qsort(p, ntok, sizeof *p, cmp_pair);
        size_t k = 0;
        for (size_t i = 0; i < ntok;) {
            size_t j = i;
            while (j < ntok && p[j].key == p[i].key) j++;
            td_run(p + i, j - i, pp, keys, tags, &k);
            i = j;
        }
        rc = so_tag_td_build(t, keys, tags, k);
    }
    free(p);
    free(keys);
    free(tags);
    return rc;
}

/* Tag names and constraints of a fresh tagger for corpus c. */
static void init_tagger(so_tagger *t, so_tag_kind kind, const so_conllu *c)
{
    t->kind = kind;
    if (kind == SO_TAG_POS) {
        t->n_tags = c->n_pos;
        memcpy(t->names, c->pos_names, sizeof t->names[0] * c->n_pos);
    } else {
        t->n_tags = SO_CONLLU_N_NER;
        for (unsigned i = 0; i < SO_CONLLU_N_NER; i++)
            snprintf(t->names[i], SO_TAG_NAME, "%s", so_conllu_ner_names[i]);
        t->n_pos = c->n_pos;
        memcpy(t->pos_names, c->pos_names, sizeof t->pos_names[0] * c->n_pos);
    }
    so_tag_set_allowed(t);
}

/* Fisher-Yates shuffle of v[0..n) with the PRNG state. */
static void shuffle(size_t *v, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(so_ap_rand(rng) % i);
        size_t tmp = v[i - 1];
        v[i - 1] = v[j];
        v[j] = tmp;
    }
}

/* Longest sentence among the first ns. */
static size_t max_len(const so_conllu *c, size_t ns)
{
    size_t m = 1;
    for (size_t s = 0; s < ns; s++)
        if (c->sent[s + 1] - c->sent[s] > m) m = c->sent[s + 1] - c->sent[s];
    return m;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The passes over the data. 0 or -1 (no memory). */
static int run_passes(so_tagger *t, so_ap_trainer *tr, const so_conllu *c, size_t ns,
                      const so_tag_train_opts *o)
{
    size_t *order = malloc(ns * sizeof *order);
    trainbuf b = {0};
    int rc = order && trainbuf_fit(&b, max_len(c, ns)) == 0 ? 0 : -1;
    uint64_t rng = (uint64_t)o->params.seed;
    double t0 = now_s();
    for (size_t s = 0; rc == 0 && s < ns; s++) order[s] = s;
    for (long it = 0; rc == 0 && it < o->params.iterations; it++) {
        shuffle(order, ns, &rng);
        size_t correct = 0;
        for (size_t s = 0; s < ns; s++) train_sentence(t, tr, c, order[s], &b, &correct);
        if (o->log)
            fprintf(o->log, "train %s: pass %ld/%ld, training accuracy %.2f%% (%.1fs)\n",
                    t->kind == SO_TAG_POS ? "pos" : "ner", it + 1, o->params.iterations,
                    100.0 * (double)correct / (double)c->sent[ns], now_s() - t0);
    }
    free(order);
    free(b.toks);
    free(b.pred);
    free(b.pos);
    return rc;
}

/* Train t's weights on c and serialise t into out. */
static int train_on(so_tagger *t, const so_conllu *c, const so_tag_train_opts *o,
                    so_mf_buf *out, char *err, size_t errlen)
{
    const so_ap_params *p = &o->params;
    size_t ns = p->max_sentences > 0 && (size_t)p->max_sentences < c->n_sent
                    ? (size_t)p->max_sentences : c->n_sent;
    if (t->kind == SO_TAG_POS && p->tagdict_min > 0 && build_tagdict(t, c, c->sent[ns], p))
        return trerr(err, errlen, "out of memory");
    so_ap_trainer *tr = so_ap_trainer_new(t->n_tags, (unsigned)p->hash_bits);
    if (!tr) return trerr(err, errlen, "out of memory (2^%ld buckets)", p->hash_bits);
    int rc = run_passes(t, tr, c, ns, o);
    if (rc == 0) rc = so_ap_trainer_finish(tr, p->prune, &t->ap);
    so_ap_trainer_free(tr);
    if (rc) return trerr(err, errlen, "out of memory");
    snprintf(t->info, SO_TAG_INFO,
             "%s tagger; %zu sentences, %zu tokens, %zu files; iterations=%ld hash_bits=%ld "
             "seed=%ld prune=%g quant=%ld tagdict=%zu; nonzero weights=%llu",
             t->kind == SO_TAG_POS ? "POS" : "NER", ns, c->sent[ns], c->n_files,
             p->iterations, p->hash_bits, p->seed, p->prune, p->quant, t->td_n,
             (unsigned long long)t->ap.nnz);
    if (so_tag_write(t, (int)p->quant, out)) return trerr(err, errlen, "model too large or out of memory");
    return 0;
}

int so_tag_train(const so_tag_train_opts *o, so_mf_buf *out, char *err, size_t errlen)
{
    if (!o || !o->conllu_dir || !out || (o->kind != SO_TAG_POS && o->kind != SO_TAG_NER))
        return trerr(err, errlen, "bad training options");
    if (o->params.hash_bits < SO_AP_MIN_BITS || o->params.hash_bits > SO_AP_MAX_BITS ||
        o->params.iterations < 1)
        return trerr(err, errlen, "bad hyperparameters");
    so_conllu c;
    if (so_conllu_read_dir(&c, o->conllu_dir, err, errlen)) return -1;
    if (c.n_pos > SO_TAG_MAX_TAGS - 3) {
        so_conllu_free(&c);
        return trerr(err, errlen, "%s: too many POS tags (%u)", o->conllu_dir, c.n_pos);
    }
    so_tagger *t = calloc(1, sizeof *t);
    int rc = t ? 0 : trerr(err, errlen, "out of memory");
    if (rc == 0) {
        init_tagger(t, o->kind, &c);
        rc = train_on(t, &c, o, out, err, errlen);
    }
    so_tag_free(t);
    so_conllu_free(&c);
    return rc;
}
