/*
** atrain.c -- trains the attribution model (so_am_train): reads a split
** folder (text/NAME.txt + attributions/NAME.ann), runs the text pipeline and
** the taggers on every article, maps the gold Cue/Source/Content spans to
** tokens, and trains the cue and role perceptrons with a fixed-seed shuffle
** (same data and seed give the same bytes).
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "attrib/amodel_int.h"
#include "base/util.h"
#include "eval/so_score_int.h"
#include "model/doctag.h"
#include "quote/quote.h"

#define MAX_DOCS 100000
/* Bytes of one training article: a news story is tens of KB, and the
** trainer keeps about 120 bytes of state per byte of text. */
#define MAX_ARTICLE ((size_t)4 << 20)

typedef struct gold_attr {
    so_range cue;
    uint8_t *role; /* per token of the window: ROLE_* (NULL: skip) */
    so_range win;
} gold_attr;

typedef struct tdoc {
    char *text;
    so_doc d;
    am_doc a;
    uint8_t *cue; /* gold CUE_* per token */
    gold_attr *g;
    size_t ng;
} tdoc;

typedef struct corpus {
    tdoc *docs;
    size_t n;
} corpus;

static int cmp_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Sorted NAMEs of DIR/text/NAME.txt; returns the count or -1. */
static long list_names(const char *dir, char ***out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/text", dir);
    DIR *dp = opendir(path);
    if (!dp)
        return -1;
    char **v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".txt"))
            continue;
        if (so_grow(&v, &cap, n + 1, sizeof *v, MAX_DOCS) || !(v[n] = strndup(de->d_name, l - 4)))
            break;
        n++;
    }
    closedir(dp);
    if (n)
        qsort(v, n, sizeof *v, cmp_name);
    *out = v;
    return (long)n;
}

/* Token range covering span k of the fragment list fl of ad (code points,
** mapped to bytes with cpb). */
static so_range tok_range(const so_doc *d, const so_adoc *ad, so_fl fl, const size_t *cpb,
                          size_t ncp, size_t k)
{
    const so_span *sp = ad->sp + fl.off + k;
    size_t bs = cpb[sp->s > (int64_t)ncp ? ncp : (size_t)sp->s];
    size_t be = cpb[sp->e > (int64_t)ncp ? ncp : (size_t)sp->e];
    return so_doc_token_range(d, bs, be);
}

static void label_role(uint8_t *lab, so_range w, so_range r, uint8_t member)
{
    for (size_t i = r.b; i < r.e; i++)
        if (i >= w.b && i < w.e && lab[i - w.b] == AM_M_O)
            lab[i - w.b] = member;
}

/* Gold attribution k of ad as a training instance. */
static int add_gold(tdoc *t, const so_adoc *ad, size_t k, const size_t *cpb, size_t ncp)
{
    const so_attr *ga = &ad->at[k];
    if (!ga->r[SO_CUE].n || !ga->r[SO_CON].n)
        return 0;
    so_range cue = tok_range(&t->d, ad, ga->r[SO_CUE], cpb, ncp, 0);
    for (size_t j = 1; j < ga->r[SO_CUE].n; j++) {
        so_range r = tok_range(&t->d, ad, ga->r[SO_CUE], cpb, ncp, j);
        if (r.e > cue.e && r.b - cue.e < 3)
            cue.e = r.e;
    }
    if (cue.e <= cue.b)
        return 0;
    for (size_t i = cue.b; i < cue.e; i++)
        if (t->cue[i] == CUE_O)
            t->cue[i] = i == cue.b ? CUE_B : CUE_I;
    gold_attr *g = &t->g[t->ng];
    g->cue = cue;
    g->win = am_window(&t->d, cue);
    g->role = calloc(g->win.e - g->win.b, 1);
    if (!g->role)
        return -1;
    for (size_t j = 0; j < ga->r[SO_CON].n; j++)
        label_role(g->role, g->win, tok_range(&t->d, ad, ga->r[SO_CON], cpb, ncp, j), AM_M_C);
    for (size_t j = 0; j < ga->r[SO_SRC].n; j++)
        label_role(g->role, g->win, tok_range(&t->d, ad, ga->r[SO_SRC], cpb, ncp, j), AM_M_S);
    for (size_t i = cue.b; i < cue.e; i++)
        if (i >= g->win.b && i < g->win.e)
            g->role[i - g->win.b] = AM_M_O;
    t->ng++;
    return 0;
}

/* Read, analyse and label one article. 0, or -1 (err filled). */
static int load_doc(const so_am_train_opts *o, const char *name, tdoc *t, char *err,
                    size_t errlen)
{
    char path[4096];
    size_t len;
    so_err e = {err, errlen};
    snprintf(path, sizeof path, "%s/text/%s.txt", o->split_dir, name);
    if (so_score_read_file(path, &t->text, &len, &e))
        return -1;
    memset(&t->d, 0, sizeof t->d);
    if (len > MAX_ARTICLE)
        return so_err_setf(&e, -1, "%s: %zu bytes; the trainer takes articles of at most %zu",
                           path, len, MAX_ARTICLE),
               -1;
    if (so_tok_run(&t->d, t->text, len) || so_quote_pair(&t->d) ||
        so_doc_tag(o->pos, o->ner, &t->d) || am_doc_init(&t->a, &t->d, o->pos))
        return so_err_setf(&e, -1, "%s: out of memory", path), -1;
    size_t ncp = 0;
    size_t *cpb = so_doc_cp_offsets(t->text, len, &ncp);
    uint32_t *cps = NULL;
    size_t ncps = 0;
    so_adoc ad = {0};
    so_brat_stats st = {0};
    snprintf(path, sizeof path, "%s/attributions/%s.ann", o->split_dir, name);
    int rc = (!cpb || so_utf8_decode(t->text, len, &cps, &ncps)) ? -1 : 0;
    so_text tx = {cps, ncps};
    if (!rc && so_brat_parse(path, &tx, &ad, &st, &e))
        rc = -1;
    t->cue = calloc(t->d.ntok + 1, 1);
    t->g = calloc(ad.n + 1, sizeof *t->g);
    if (!t->cue || !t->g)
        rc = -1;
    for (size_t k = 0; k < ad.n && !rc; k++)
        rc = add_gold(t, &ad, k, cpb, ncp);
    so_adoc_free(&ad);
    free(cps);
    free(cpb);
    return rc;
}

static void free_doc(tdoc *t)
{
    for (size_t k = 0; k < t->ng; k++)
        free(t->g[k].role);
    free(t->g);
    free(t->cue);
    am_doc_free(&t->a);
    so_doc_free(&t->d);
    free(t->text);
}

static void trainer_scorer(const void *model, const uint64_t *f, size_t nf, float *sc);

/* Add d to the cue features of tag t at token i after tag prev. */
static void bump_cue(so_ap_trainer *tr, const tdoc *t, size_t i, size_t sb, size_t se,
                     unsigned prev, unsigned tag, float d)
{
    uint64_t f[AM_MAX_FEATS];
    size_t nf = am_cue_feats(&t->a, i, sb, se, f);
    nf += am_cue_pfeats(&t->a, i, prev, f + nf);
    for (size_t j = 0; j < nf; j++)
        so_ap_trainer_add(tr, f[j], tag, d);
}

/* Structured perceptron step on each sentence (in segments as decoded). */
static void train_cues(so_ap_trainer *tr, const tdoc *t, float cost)
{
    uint8_t guess[AM_CUE_SEG];
    for (size_t s = 0; s < t->d.nsent; s++) {
        size_t sb = t->d.sent[s].b, se = t->d.sent[s].e;
        for (size_t b = sb; b < se; b += AM_CUE_SEG) {
            size_t e = se - b > AM_CUE_SEG ? b + AM_CUE_SEG : se;
            so_ap_trainer_tick(tr);
            am_scoring sc = {trainer_scorer, tr, am_dyn_cue_feats, NULL, NULL, t->cue, cost};
            am_cue_viterbi(&t->a, b, e, &sc, guess, NULL);
            for (size_t i = b; i < e; i++) {
                unsigned gp = i > b ? t->cue[i - 1] : CUE_O, pp = i > b ? guess[i - 1 - b] : CUE_O;
                if (t->cue[i] == guess[i - b] && gp == pp)
                    continue;
                bump_cue(tr, t, i, b, e, gp, t->cue[i], 1.0f);
                bump_cue(tr, t, i, b, e, pp, guess[i - b], -1.0f);
            }
        }
    }
}

static void trainer_scorer(const void *model, const uint64_t *f, size_t nf, float *sc)
{
    so_ap_trainer_scores(model, f, nf, sc);
}

/* Add d to the features of tag t at token i after tag prev. */
static void bump(so_ap_trainer *tr, const tdoc *t, const am_seq *q, size_t i, unsigned prev,
                 unsigned tag, float d)
{
    uint64_t f[AM_MAX_FEATS];
    size_t nf = am_role_feats(&t->a, i, q->win, q->cue, f);
    nf += am_role_pfeats(&t->a, i, q->win, q->cue, prev, f + nf);
    for (size_t j = 0; j < nf; j++)
        so_ap_trainer_add(tr, f[j], tag, d);
}

/* Structured perceptron step on one half of a gold role window: decode
** with the current weights; where the path differs from the gold one,
** reward the gold tags and penalise the guessed ones. */
static void train_seq(so_ap_trainer *tr, const tdoc *t, const gold_attr *g, const am_seq *q)
{
    uint8_t guess[AM_WIN_MAX], gold[AM_WIN_MAX];
    uint8_t prev_mem = AM_M_O;
    for (size_t k = 0; k < q->n; k++) {
        uint8_t mem = g->role[am_seq_tok(q, k) - q->win.b];
        gold[k] = (uint8_t)am_truth(mem, prev_mem);
        prev_mem = mem;
    }
    so_ap_trainer_tick(tr);
    am_scoring s = {trainer_scorer, tr, am_dyn_role_feats, NULL, NULL, NULL, 0.0f};
    am_viterbi(&t->a, q, &s, guess);
    for (size_t k = 0; k < q->n; k++) {
        unsigned gp = k ? gold[k - 1] : ROLE_O, pp = k ? guess[k - 1] : ROLE_O;
        if (gold[k] == guess[k] && gp == pp)
            continue;
        size_t i = am_seq_tok(q, k);
        bump(tr, t, q, i, gp, gold[k], 1.0f);
        bump(tr, t, q, i, pp, guess[k], -1.0f);
    }
}

static void train_one_role(so_ap_trainer *tr, const tdoc *t, const gold_attr *g)
{
    for (int part = 0; part < 2; part++) {
        am_seq q = {part ? g->cue.b - g->win.b : g->win.e - g->cue.e, part, g->cue, g->win};
        train_seq(tr, t, g, &q);
    }
}

static void train_roles(so_ap_trainer *tr, const tdoc *t)
{
    for (size_t k = 0; k < t->ng; k++)
        train_one_role(tr, t, &t->g[k]);
}

static int load_corpus(const so_am_train_opts *o, corpus *c, char *err, size_t errlen)
{
    char **names = NULL;
    long n = list_names(o->split_dir, &names);
    if (n <= 0) {
        snprintf(err, errlen, "%s/text: no .txt files", o->split_dir);
        free(names);
        return -1;
    }
    c->docs = calloc((size_t)n, sizeof *c->docs);
    int rc = c->docs ? 0 : -1;
    for (long k = 0; k < n; k++) {
        if (!rc && load_doc(o, names[k], &c->docs[c->n], err, errlen) == 0)
            c->n++;
        else if (!rc)
            rc = -1, free_doc(&c->docs[c->n]);
        free(names[k]);
    }
    free(names);
    if (o->log)
        fprintf(o->log, "attrib: %zu articles loaded\n", c->n);
    return rc;
}

static int write_section(const so_ap_mean *cue, const so_ap_mean *role, const so_ap_params *p,
                         so_mf_buf *out)
{
    so_ap_model cm = {0}, rm = {0};
    int rc = so_ap_mean_finish(cue, p->attrib_prune, &cm) ||
             so_ap_mean_finish(role, p->attrib_prune, &rm);
    if (!rc) {
        so_mf_put_u32(out, SO_AM_VERSION);
        rc = so_ap_write(&cm, (int)p->quant, out) || so_ap_write(&rm, (int)p->quant, out);
    }
    so_ap_model_free(&cm);
    so_ap_model_free(&rm);
    return rc || out->failed ? -1 : 0;
}

/* One run (number run of bags) of fresh perceptrons over c, shuffled from
** seed, added to the means cue and role. 0 or -1 (no memory). */
static int train_run(const so_am_train_opts *o, const corpus *c, size_t *order, long run,
                     long bags, so_ap_mean *cue, so_ap_mean *role)
{
    unsigned bits = (unsigned)o->params.hash_bits;
    so_ap_trainer *ct = so_ap_trainer_new(CUE_N, bits), *rt = so_ap_trainer_new(ROLE_N, bits);
    uint64_t seed = (uint64_t)o->params.seed + (uint64_t)run;
    int rc = ct && rt ? 0 : -1;
    for (size_t k = 0; k < c->n; k++)
        order[k] = k;
    for (long it = 0; it < o->params.iterations && !rc; it++) {
        for (size_t k = c->n; k > 1; k--) {
            size_t j = (size_t)(so_ap_rand(&seed) % k), tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t k = 0; k < c->n; k++) {
            train_cues(ct, &c->docs[order[k]], (float)o->params.cue_cost);
            train_roles(rt, &c->docs[order[k]]);
        }
        if (o->log)
            fprintf(o->log, "attrib: run %ld of %ld, iteration %ld done\n", run + 1, bags, it + 1);
    }
    if (!rc) {
        so_ap_mean_add(cue, ct);
        so_ap_mean_add(role, rt);
    }
    so_ap_trainer_free(ct);
    so_ap_trainer_free(rt);
    return rc;
}

int so_am_train(const so_am_train_opts *o, so_mf_buf *out, char *err, size_t errlen)
{
    corpus c = {0};
    so_ap_mean cue = {0}, role = {0};
    long bags = o->params.attrib_bags < 1 ? 1 : o->params.attrib_bags;
    err[0] = 0;
    if (!o->pos) {
        snprintf(err, errlen, "attribution training needs the POS tagger");
        return -1;
    }
    int rc = load_corpus(o, &c, err, errlen);
    size_t *order = malloc((c.n + 1) * sizeof *order);
    unsigned bits = (unsigned)o->params.hash_bits;
    if (!rc && (!order || so_ap_mean_init(&cue, CUE_N, bits) ||
                so_ap_mean_init(&role, ROLE_N, bits))) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    for (long b = 0; b < bags && !rc; b++)
        if (train_run(o, &c, order, b, bags, &cue, &role)) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
    if (!rc && write_section(&cue, &role, &o->params, out)) {
        snprintf(err, errlen, "out of memory writing the model");
        rc = -1;
    }
    so_ap_mean_free(&cue);
    so_ap_mean_free(&role);
    free(order);
    for (size_t k = 0; k < c.n; k++)
        free_doc(&c.docs[k]);
    free(c.docs);
    return rc;
}
