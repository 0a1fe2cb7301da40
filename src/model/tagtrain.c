/*
** tagtrain.c -- training the POS and NER taggers on a folder of CoreNLP
** .conllu files (so_tag_train, see tagger.h): greedy decoding with the
** current weights, perceptron updates on mistakes, a fixed-seed shuffle of
** the sentences on every pass, then averaging, pruning and serialisation.
*/
#include "model/conllu.h"
#include "base/util.h"
#include "model/tagger_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Scratch for one sentence during training. */
typedef struct trainbuf {
    so_tagtok *toks;
    uint8_t *pred, *pos, *gold;
    uint64_t *feats;          /* Viterbi: n * SO_TAG_MAX_FEATS */
    size_t *nf;
    float *em;                /* Viterbi: n * SO_TAG_MAX_TAGS */
    uint8_t *bp;
    size_t cap;
} trainbuf;

static void trainbuf_free(trainbuf *b)
{
    free(b->toks);
    free(b->pred);
    free(b->pos);
    free(b->gold);
    free(b->feats);
    free(b->nf);
    free(b->em);
    free(b->bp);
    memset(b, 0, sizeof *b);
}

/* Size the buffers for sentences of up to n tokens (n only grows). */
static int trainbuf_fit(trainbuf *b, size_t n)
{
    if (n <= b->cap) return 0;
    trainbuf_free(b);
    b->toks = malloc(n * sizeof *b->toks);
    b->pred = malloc(n);
    b->pos = malloc(n);
    b->gold = malloc(n);
    b->feats = malloc(n * SO_TAG_MAX_FEATS * sizeof *b->feats);
    b->nf = malloc(n * sizeof *b->nf);
    b->em = malloc(n * SO_TAG_MAX_TAGS * sizeof *b->em);
    b->bp = malloc(n * SO_TAG_MAX_TAGS);
    b->cap = n;
    if (b->toks && b->pred && b->pos && b->gold && b->feats && b->nf && b->em && b->bp) return 0;
    trainbuf_free(b);
    return -1;
}

/* Gold tag of corpus token k for this tagger kind. */
static unsigned gold_of(const so_tagger *t, const so_conllu_tok *k)
{
    return t->kind == SO_TAG_POS ? k->pos : k->ner;
}

/* Copy sentence s of c into the buffer (tokens, POS ids, gold tags). */
static size_t load_sentence(const so_tagger *t, const so_conllu *c, size_t s, trainbuf *b)
{
    size_t a = c->sent[s], n = c->sent[s + 1] - a;
    for (size_t i = 0; i < n; i++) {
        const so_conllu_tok *k = &c->tok[a + i];
        b->toks[i] = (so_tagtok){c->text + k->off, k->len};
        b->pos[i] = k->pos;
        b->gold[i] = (uint8_t)gold_of(t, k);
    }
    return n;
}

/* One greedy pass over sentence s with updates; adds to *correct. */
static void train_greedy(const so_tagger *t, so_ap_trainer *tr, const so_conllu *c,
                         size_t s, trainbuf *b, size_t *correct)
{
    size_t n = load_sentence(t, c, s, b);
    so_tagwin win;
    so_tagwin_init(&win, b->toks, n);
    uint64_t f[SO_TAG_MAX_FEATS];
    float sc[SO_TAG_MAX_TAGS];
    for (size_t i = 0; i < n; i++) {
        const so_tokinfo *x[SO_TAG_WIN];
        so_tagwin_at(&win, i, x);
        int d = t->td_n ? so_tag_td_lookup(t, x[SO_TAG_HALF]->form) : -1;
        if (d >= 0) {
            b->pred[i] = (uint8_t)d;
            *correct += d == b->gold[i];
            continue;
        }
        unsigned p1 = i > 0 ? b->pred[i - 1] : SO_TAG_START;
        unsigned p2 = i > 1 ? b->pred[i - 2] : SO_TAG_START + 1;
        unsigned pos0 = t->kind == SO_TAG_NER ? so_tag_pos_id(t->n_pos, b->pos, i) : 0;
        size_t nf = so_tag_feats(t->kind, x, p1, p2, pos0, f);
        so_ap_trainer_tick(tr);
        so_ap_trainer_scores(tr, f, nf, sc);
        unsigned guess = so_tag_argmax(t, sc, p1);
        so_ap_trainer_update(tr, f, nf, b->gold[i], guess);
        b->pred[i] = (uint8_t)guess;
        *correct += guess == b->gold[i];
    }
}

/* Structured perceptron step (Collins 2002): Viterbi with the current
** weights, then update the emission and transition features where the
** best sequence differs from the gold one. */
static void train_viterbi(const so_tagger *t, so_ap_trainer *tr, const so_conllu *c,
                          size_t s, trainbuf *b, size_t *correct)
{
    size_t n = load_sentence(t, c, s, b);
    so_tagwin win;
    so_tagwin_init(&win, b->toks, n);
    float trans[SO_TAG_MAX_TAGS + 1][SO_TAG_MAX_TAGS];
    for (unsigned p = 0; p <= SO_TAG_MAX_TAGS; p++) {
        uint64_t h = so_tag_trans_feat(p < t->n_tags ? p : SO_TAG_START);
        so_ap_trainer_scores(tr, &h, 1, trans[p]);
        if (p == t->n_tags) p = SO_TAG_MAX_TAGS - 1;   /* skip to START */
    }
    for (size_t i = 0; i < n; i++) {
        const so_tokinfo *x[SO_TAG_WIN];
        so_tagwin_at(&win, i, x);
        uint64_t *f = b->feats + i * SO_TAG_MAX_FEATS;
        if (so_tag_surely_o(x)) {
            b->nf[i] = 0;
            so_tag_force_o(t, b->em + i * SO_TAG_MAX_TAGS);
            continue;
        }
        b->nf[i] = so_tag_feats(t->kind, x, SO_TAG_NOHIST, 0, so_tag_pos_id(t->n_pos, b->pos, i), f);
        so_ap_trainer_scores(tr, f, b->nf[i], b->em + i * SO_TAG_MAX_TAGS);
    }
    so_tag_viterbi(t, b->em, NULL, (const float (*)[SO_TAG_MAX_TAGS])trans, n, SO_TAG_START,
                   b->bp, b->pred);
    so_ap_trainer_tick(tr);
    for (size_t i = 0; i < n; i++) {
        unsigned g = b->gold[i], p = b->pred[i];
        unsigned gp = i ? b->gold[i - 1] : SO_TAG_START, pp = i ? b->pred[i - 1] : SO_TAG_START;
        *correct += g == p;
        so_ap_trainer_update(tr, b->feats + i * SO_TAG_MAX_FEATS, b->nf[i], g, p);
        if (g == p && gp == pp) continue;
        so_ap_trainer_add(tr, so_tag_trans_feat(gp), g, 1.0f);
        so_ap_trainer_add(tr, so_tag_trans_feat(pp), p, -1.0f);
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

/* Build the POS tag dictionary (Honnibal): frequent, nearly unambiguous
** forms of the first ns sentences, leaving out fold `fold` of k if k > 1. */
static int build_tagdict(so_tagger *t, const so_conllu *c, size_t ns, size_t k,
                         size_t fold, const so_ap_params *pp)
{
    size_t cap = c->sent[ns], ntok = 0;
    pair *p = malloc((cap ? cap : 1) * sizeof *p);
    uint64_t *keys = malloc((cap ? cap : 1) * sizeof *keys);
    uint8_t *tags = malloc(cap ? cap : 1);
    int rc = -1;
    if (p && keys && tags) {
        for (size_t s = 0; s < ns; s++)
            for (size_t i = c->sent[s]; (k < 2 || s % k != fold) && i < c->sent[s + 1]; i++)
                p[ntok++] = (pair){so_tag_hash(c->text + c->tok[i].off, c->tok[i].len),
                                   c->tok[i].pos};
        qsort(p, ntok, sizeof *p, cmp_pair);
        size_t nd = 0;
        for (size_t i = 0; i < ntok;) {
            size_t j = i;
            while (j < ntok && p[j].key == p[i].key) j++;
            td_run(p + i, j - i, pp, keys, tags, &nd);
            i = j;
        }
        rc = so_tag_td_build(t, keys, tags, nd);
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

/* Which sentences a model is trained on: the first ns, minus fold `fold`
** of k (sentence index mod k) when k > 1. */
typedef struct trainset {
    const so_conllu *c;
    size_t ns;
    size_t k, fold;
    const char *what;         /* for the log */
} trainset;

/* Sentence ids of the training set into v; returns the count. */
static size_t set_members(const trainset *ts, size_t *v)
{
    size_t m = 0;
    for (size_t s = 0; s < ts->ns; s++)
        if (ts->k < 2 || s % ts->k != ts->fold) v[m++] = s;
    return m;
}

/* The passes over the data. 0 or -1 (no memory). */
static int run_passes(const so_tagger *t, so_ap_trainer *tr, const trainset *ts,
                      const so_tag_train_opts *o)
{
    size_t *order = malloc((ts->ns ? ts->ns : 1) * sizeof *order);
    trainbuf b = {0};
    int rc = order && trainbuf_fit(&b, max_len(ts->c, ts->ns)) == 0 ? 0 : -1;
    uint64_t rng = (uint64_t)o->params.seed;
    size_t m = rc == 0 ? set_members(ts, order) : 0, ntok = 0;
    double t0 = now_s();
    for (size_t i = 0; i < m; i++) ntok += ts->c->sent[order[i] + 1] - ts->c->sent[order[i]];
    for (long it = 0; rc == 0 && it < o->params.iterations; it++) {
        shuffle(order, m, &rng);
        size_t correct = 0;
        for (size_t s = 0; s < m; s++)
            if (t->viterbi) train_viterbi(t, tr, ts->c, order[s], &b, &correct);
            else train_greedy(t, tr, ts->c, order[s], &b, &correct);
        if (o->log)
            fprintf(o->log, "train %s: pass %ld/%ld, training accuracy %.2f%% (%.1fs)\n",
                    ts->what, it + 1, o->params.iterations,
                    100.0 * (double)correct / (double)(ntok ? ntok : 1), now_s() - t0);
    }
    free(order);
    trainbuf_free(&b);
    return rc;
}

/* Train one perceptron on ts into *m. 0 or -1. */
static int train_model(const so_tagger *t, const trainset *ts, const so_tag_train_opts *o,
                       so_ap_model *m)
{
    so_ap_trainer *tr = so_ap_trainer_new(t->n_tags, (unsigned)o->params.hash_bits);
    if (!tr) return -1;
    int rc = run_passes(t, tr, ts, o);
    if (rc == 0) rc = so_ap_trainer_finish(tr, o->params.prune, m);
    so_ap_trainer_free(tr);
    return rc;
}

/* Train a POS tagger on the first ns sentences of c minus fold f of k and
** write its tags for that fold into pred (corpus-wide). 0 or -1. */
static int pos_fold(const so_conllu *c, size_t ns, size_t k, size_t f,
                    const so_tag_train_opts *o, uint8_t *pred, trainbuf *b)
{
    so_tagger *pt = calloc(1, sizeof *pt);
    if (!pt) return -1;
    init_tagger(pt, SO_TAG_POS, c);
    char what[64];
    snprintf(what, sizeof what, "ner: pos fold %zu/%zu", f + 1, k);
    trainset ts = {c, ns, k, f, what};
    int rc = o->params.tagdict_min > 0 ? build_tagdict(pt, c, ns, k, f, &o->params) : 0;
    if (rc == 0) rc = train_model(pt, &ts, o, &pt->ap);
    for (size_t s = f; rc == 0 && s < ns; s += k) {
        size_t a = c->sent[s], n = c->sent[s + 1] - a;
        for (size_t i = 0; i < n; i++)
            b->toks[i] = (so_tagtok){c->text + c->tok[a + i].off, c->tok[a + i].len};
        so_tag_pass(pt, &pt->ap, b->toks, n, NULL, pred + a);
    }
    so_tag_free(pt);
    return rc;
}

/* Replace the silver POS tags of the first ns sentences by jackknifed
** predictions (k folds), so that NER trains on POS tags like those it will
** see at run time. 0 or -1. */
static int jackknife_pos(so_conllu *c, size_t ns, size_t k, const so_tag_train_opts *o)
{
    size_t ntok = c->sent[ns];
    uint8_t *pred = malloc(ntok ? ntok : 1);
    trainbuf b = {0};
    int rc = pred && trainbuf_fit(&b, max_len(c, ns)) == 0 ? 0 : -1;
    for (size_t f = 0; rc == 0 && f < k; f++) rc = pos_fold(c, ns, k, f, o, pred, &b);
    for (size_t i = 0; rc == 0 && i < ntok; i++) c->tok[i].pos = pred[i];
    free(pred);
    trainbuf_free(&b);
    return rc;
}

/* Train t's weights on c and serialise t into out. */
static int train_on(so_tagger *t, const so_conllu *c, const so_tag_train_opts *o,
                    so_mf_buf *out, char *err, size_t errlen)
{
    const so_ap_params *p = &o->params;
    size_t ns = p->max_sentences > 0 && (size_t)p->max_sentences < c->n_sent
                    ? (size_t)p->max_sentences : c->n_sent;
    if (t->kind == SO_TAG_POS && p->tagdict_min > 0 && build_tagdict(t, c, ns, 0, 0, p))
        return so_errf(err, errlen, "out of memory");
    trainset ts = {c, ns, 0, 0, t->kind == SO_TAG_POS ? "pos" : "ner"};
    t->viterbi = t->kind == SO_TAG_NER && p->viterbi;
    if (train_model(t, &ts, o, &t->ap))
        return so_errf(err, errlen, "out of memory (2^%ld buckets)", p->hash_bits);
    snprintf(t->info, SO_TAG_INFO,
             "%s tagger; %zu sentences, %zu tokens, %zu files; iterations=%ld hash_bits=%ld "
             "seed=%ld prune=%g quant=%ld tagdict=%zu viterbi=%d pos_folds=%ld; nonzero weights=%llu",
             t->kind == SO_TAG_POS ? "POS" : "NER", ns, c->sent[ns], c->n_files,
             p->iterations, p->hash_bits, p->seed, p->prune, p->quant, t->td_n, t->viterbi,
             t->kind == SO_TAG_NER ? p->pos_folds : 0L, (unsigned long long)t->ap.nnz);
    if (so_tag_write(t, (int)p->quant, out)) return so_errf(err, errlen, "model too large or out of memory");
    return 0;
}

int so_tag_train(const so_tag_train_opts *o, so_mf_buf *out, char *err, size_t errlen)
{
    if (!o || !o->conllu_dir || !out || (o->kind != SO_TAG_POS && o->kind != SO_TAG_NER))
        return so_errf(err, errlen, "bad training options");
    if (o->params.hash_bits < SO_AP_MIN_BITS || o->params.hash_bits > SO_AP_MAX_BITS ||
        o->params.iterations < 1)
        return so_errf(err, errlen, "bad hyperparameters");
    so_conllu c;
    if (so_conllu_read_dir(&c, o->conllu_dir, err, errlen)) return -1;
    if (c.n_pos > SO_TAG_MAX_TAGS - 3) {
        so_conllu_free(&c);
        return so_errf(err, errlen, "%s: too many POS tags (%u)", o->conllu_dir, c.n_pos);
    }
    so_tagger *t = calloc(1, sizeof *t);
    int rc = t ? 0 : so_errf(err, errlen, "out of memory");
    if (rc == 0) {
        init_tagger(t, o->kind, &c);
        size_t ns = o->params.max_sentences > 0 && (size_t)o->params.max_sentences < c.n_sent
                        ? (size_t)o->params.max_sentences : c.n_sent;
        if (o->kind == SO_TAG_NER && o->params.pos_folds > 1 &&
            jackknife_pos(&c, ns, (size_t)o->params.pos_folds, o))
            rc = so_errf(err, errlen, "out of memory");
        if (rc == 0) rc = train_on(t, &c, o, out, err, errlen);
    }
    so_tag_free(t);
    so_conllu_free(&c);
    return rc;
}
