/*
** so_score_metrics.c -- attrib-score's score_doc(): for one document, adds to
** the accumulator the Citron exact counts, the overlap unit counts (each unit
** counted once against the union of the other side), the per-role fragment
** sets (CofeNet-style) and the one-to-one greedy attribution matching.
**
** Units are compared as intervals, never expanded into sets, so a long span
** in char mode costs nothing; the counts are the same as Python's sets give.
*/
#include <stdlib.h>
#include <string.h>

#include "eval/so_score_int.h"

#define SPANS(d, a, role) ((d)->sp + (a)->r[role].off)

/* *acc += v; -1 on overflow. */
static int add64(int64_t *acc, int64_t v)
{
    return __builtin_add_overflow(*acc, v, acc) ? -1 : 0;
}

static int overflow(so_err *e)
{
    return so_err_setf(e, SO_SCORE_EINTERNAL, "OverflowError: a unit count exceeds 64 bits");
}

/* Two fragment lists are identical (Python tuple equality). */
static int same(const so_adoc *P, const so_attr *p, const so_adoc *G, const so_attr *g, int r)
{
    if (p->r[r].n != g->r[r].n)
        return 0;
    const so_span *a = SPANS(P, p, r), *b = SPANS(G, g, r);
    for (size_t k = 0; k < p->r[r].n; k++)
        if (a[k].s != b[k].s || a[k].e != b[k].e)
            return 0;
    return 1;
}

/* citron_overlapping of the cues: s1 <= e2 and e1 > s2 for some pair. */
static int cues_touch(const so_adoc *P, const so_attr *p, const so_adoc *G, const so_attr *g)
{
    const so_span *a = SPANS(P, p, SO_CUE), *b = SPANS(G, g, SO_CUE);
    for (size_t i = 0; i < p->r[SO_CUE].n; i++)
        for (size_t j = 0; j < g->r[SO_CUE].n; j++)
            if (a[i].s <= b[j].e && a[i].e > b[j].s)
                return 1;
    return 0;
}

/* The exact tests: 0 cue, 1 source, 2 content, 3 all. */
static int exact_test(int t, const so_adoc *P, const so_attr *p, const so_adoc *G,
                      const so_attr *g)
{
    switch (t) {
    case 0: return same(P, p, G, g, SO_CUE);
    case 1: return cues_touch(P, p, G, g) && same(P, p, G, g, SO_SRC);
    case 2: return cues_touch(P, p, G, g) && same(P, p, G, g, SO_CON);
    default:
        return same(P, p, G, g, SO_CUE) && same(P, p, G, g, SO_SRC) && same(P, p, G, g, SO_CON);
    }
}

/* 1 if attribution x of X passes test t against some attribution of Y
** (swap: x is gold, Y the predictions). */
static int any_match(int t, const so_adoc *X, const so_attr *x, const so_adoc *Y, int swap)
{
    for (size_t j = 0; j < Y->n; j++)
        if (swap ? exact_test(t, Y, &Y->at[j], X, x) : exact_test(t, X, x, Y, &Y->at[j]))
            return 1;
    return 0;
}

static void score_exact(const so_adoc *G, const so_adoc *P, so_acc *acc)
{
    for (int t = 0; t < 4; t++) {
        for (size_t i = 0; i < P->n; i++)
            acc->exact[t][any_match(t, P, &P->at[i], G, 0) ? SO_TP : SO_FP]++;
        for (size_t i = 0; i < G->n; i++)
            acc->exact[t][SO_FN] += !any_match(t, G, &G->at[i], P, 1);
    }
}

/* All spans of role r of all attributions of d, sorted; *pv is malloc'd. */
static int collect(const so_adoc *d, int r, so_span **pv, size_t *pn)
{
    size_t n = 0, k = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->at[i].r[r].n;
    so_span *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        if (d->at[i].r[r].n)
            memcpy(v + k, SPANS(d, &d->at[i], r), d->at[i].r[r].n * sizeof *v);
        k += d->at[i].r[r].n;
    }
    if (n > 1)
        qsort(v, n, sizeof *v, so_score_span_cmp);
    *pv = v;
    *pn = n;
    return 0;
}

/* The union of sorted spans v[0..n), in place (unit_set()). */
static size_t union_of(so_span *v, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (m && v[k].s <= v[m - 1].e) {
            if (v[k].e > v[m - 1].e)
                v[m - 1].e = v[k].e;
        } else {
            v[m++] = v[k];
        }
    }
    return m;
}

/* count_in(): the units of f[0..n) (disjoint) inside the union u[0..nu). */
static int count_in(const so_span *f, size_t n, const so_span *u, size_t nu, int64_t *out)
{
    for (size_t k = 0; k < n; k++) {
        size_t lo = 0, hi = nu;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (u[mid].e <= f[k].s)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t j = lo; j < nu && u[j].s < f[k].e; j++) {
            int64_t a = u[j].s > f[k].s ? u[j].s : f[k].s, b = u[j].e < f[k].e ? u[j].e : f[k].e;
            if (b > a && add64(out, b - a) < 0)
                return -1;
        }
    }
    return 0;
}

/* Units of all role-r spans of X, and those inside the union u of the other side. */
static int side_units(const so_adoc *X, int r, const so_span *u, size_t nu, int64_t *units,
                      int64_t *shared)
{
    for (size_t i = 0; i < X->n; i++) {
        const so_span *f = SPANS(X, &X->at[i], r);
        for (size_t k = 0; k < X->at[i].r[r].n; k++)
            if (add64(units, f[k].e - f[k].s) < 0)
                return -1;
        if (count_in(f, X->at[i].r[r].n, u, nu, shared) < 0)
            return -1;
    }
    return 0;
}

static int score_overlap(const so_adoc *G, const so_adoc *P, so_acc *acc, so_err *e)
{
    for (int r = 0; r < 3; r++) {
        so_span *gu = NULL, *pu = NULL;
        size_t ng = 0, np = 0;
        int rc = 0;
        if (collect(G, r, &gu, &ng) < 0 || collect(P, r, &pu, &np) < 0)
            rc = so_err_nomem(e);
        if (rc == 0) {
            int64_t *o = acc->overlap[r];
            ng = union_of(gu, ng);
            np = union_of(pu, np);
            if (side_units(P, r, gu, ng, &o[SO_PRED_UNITS], &o[SO_PRED_SHARED]) < 0 ||
                side_units(G, r, pu, np, &o[SO_GOLD_UNITS], &o[SO_GOLD_SHARED]) < 0)
                rc = overflow(e);
        }
        free(gu);
        free(pu);
        if (rc)
            return rc;
    }
    return 0;
}

/* Distinct spans of sorted v[0..n), in place. */
static size_t distinct(so_span *v, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (!m || v[k].s != v[m - 1].s || v[k].e != v[m - 1].e)
            v[m++] = v[k];
    return m;
}

/* Fragment rows: source, cue, content. */
static int score_fragments(const so_adoc *G, const so_adoc *P, so_acc *acc, so_err *e)
{
    static const int role_of_row[3] = {SO_SRC, SO_CUE, SO_CON};
    for (int row = 0; row < 3; row++) {
        so_span *gv = NULL, *pv = NULL;
        size_t ng = 0, np = 0, i = 0, j = 0;
        int64_t tp = 0;
        if (collect(G, role_of_row[row], &gv, &ng) < 0 ||
            collect(P, role_of_row[row], &pv, &np) < 0) {
            free(gv);
            return so_err_nomem(e);
        }
        ng = distinct(gv, ng);
        np = distinct(pv, np);
        while (i < ng && j < np) {
            int c = so_score_span_cmp(&gv[i], &pv[j]);
            tp += c == 0;
            i += c <= 0;
            j += c >= 0;
        }
        acc->frag[row][SO_TP] += tp;
        acc->frag[row][SO_FP] += (int64_t)np - tp;
        acc->frag[row][SO_FN] += (int64_t)ng - tp;
        free(gv);
        free(pv);
    }
    return 0;
}

int so_score_shared(const so_span *a, size_t na, const so_span *b, size_t nb, int64_t *out)
{
    *out = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            int64_t lo = a[i].s > b[j].s ? a[i].s : b[j].s, hi = a[i].e < b[j].e ? a[i].e : b[j].e;
            if (hi > lo && add64(out, hi - lo) < 0)
                return -1;
        }
    return 0;
}

/* A candidate pair of the greedy matching. */
typedef struct cand {
    int64_t key; /* shared content + cue units */
    size_t gi, pi;
} cand;

/* Order: key descending, then gold order, then prediction order. */
static int cand_cmp(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    if (a->gi != b->gi)
        return a->gi < b->gi ? -1 : 1;
    return (a->pi > b->pi) - (a->pi < b->pi);
}

/* Shared units of role r between p and g into *out; -1 on overflow. */
static int shared_role(const so_adoc *P, const so_attr *p, const so_adoc *G, const so_attr *g,
                       int r, int64_t *out)
{
    return so_score_shared(SPANS(P, p, r), p->r[r].n, SPANS(G, g, r), g->r[r].n, out);
}

/* The candidate pairs: content and cue both share a unit. */
static int candidates(const so_adoc *G, const so_adoc *P, cand **pc, size_t *pn, so_err *e)
{
    size_t n = 0, cap = 0;
    cand *c = NULL;
    for (size_t gi = 0; gi < G->n; gi++)
        for (size_t pi = 0; pi < P->n; pi++) {
            int64_t con = 0, cue = 0;
            if (shared_role(P, &P->at[pi], G, &G->at[gi], SO_CON, &con) < 0 ||
                (con > 0 && shared_role(P, &P->at[pi], G, &G->at[gi], SO_CUE, &cue) < 0) ||
                (con > 0 && cue > 0 && add64(&con, cue) < 0)) {
                free(c);
                return overflow(e);
            }
            if (con <= 0 || cue <= 0)
                continue;
            if (n == SO_SCORE_MAX_CANDS || so_score_grow(&c, &cap, n + 1, sizeof *c) < 0) {
                free(c);
                return n == SO_SCORE_MAX_CANDS
                           ? so_err_setf(e, SO_SCORE_EINPUT, "too many overlapping gold/predicted "
                                         "attribution pairs in one document (limit %zu)",
                                         SO_SCORE_MAX_CANDS)
                           : so_err_nomem(e);
            }
            c[n++] = (cand){con, gi, pi};
        }
    if (n > 1)
        qsort(c, n, sizeof *c, cand_cmp);
    *pc = c;
    *pn = n;
    return 0;
}

/* Per gold attribution: matched prediction (or -1), src-ok and src-exact. */
typedef struct gm {
    long pi;
    int ok, exact;
} gm;

/* Adds the subset counts of the matching to acc->attr. */
static void count_subsets(const so_adoc *G, const so_adoc *P, const gm *g, const long *pm,
                          so_acc *acc)
{
    for (int s = 0; s < 3; s++) {
        int64_t *a = acc->attr[s];
        for (size_t i = 0; i < G->n; i++) {
            if (s && G->at[i].quote != (s == 1))
                continue;
            a[SO_A_GOLD]++;
            if (g[i].pi >= 0) {
                a[SO_A_GOLD_MATCHED]++;
                a[SO_A_SRC_OK] += g[i].ok;
                a[SO_A_SRC_EXACT] += g[i].exact;
            }
        }
        for (size_t i = 0; i < P->n; i++) {
            if (s && P->at[i].quote != (s == 1))
                continue;
            a[SO_A_PRED]++;
            if (pm[i] >= 0) {
                a[SO_A_PRED_MATCHED]++;
                a[SO_A_PRED_MATCHED_SRC_OK] += g[pm[i]].ok;
            }
        }
    }
}

/* Greedy one-to-one matching over the sorted candidates; src-ok per pair. */
static int match(const so_adoc *G, const so_adoc *P, const cand *c, size_t nc, gm *g, long *pm)
{
    for (size_t i = 0; i < G->n; i++)
        g[i] = (gm){-1, 0, 0};
    for (size_t i = 0; i < P->n; i++)
        pm[i] = -1;
    for (size_t k = 0; k < nc; k++) {
        if (g[c[k].gi].pi >= 0 || pm[c[k].pi] >= 0)
            continue;
        const so_attr *ga = &G->at[c[k].gi], *pa = &P->at[c[k].pi];
        int64_t sh;
        if (shared_role(P, pa, G, ga, SO_SRC, &sh) < 0)
            return -1;
        g[c[k].gi].pi = (long)c[k].pi;
        g[c[k].gi].ok = (ga->r[SO_SRC].n == 0 && pa->r[SO_SRC].n == 0) || sh > 0;
        g[c[k].gi].exact = same(P, pa, G, ga, SO_SRC);
        pm[c[k].pi] = (long)c[k].gi;
    }
    return 0;
}

static int score_attributions(const so_adoc *G, const so_adoc *P, so_acc *acc, so_err *e)
{
    cand *c = NULL;
    size_t nc = 0;
    int rc = candidates(G, P, &c, &nc, e);
    if (rc)
        return rc;
    gm *g = malloc((G->n ? G->n : 1) * sizeof *g);
    long *pm = malloc((P->n ? P->n : 1) * sizeof *pm);
    if (!g || !pm)
        rc = so_err_nomem(e);
    else if (match(G, P, c, nc, g, pm) < 0)
        rc = overflow(e);
    else
        count_subsets(G, P, g, pm, acc);
    free(g);
    free(pm);
    free(c);
    return rc;
}

int so_score_doc(const so_adoc *gold, const so_adoc *pred, so_acc *acc, so_err *e)
{
    int rc;
    score_exact(gold, pred, acc);
    rc = score_overlap(gold, pred, acc, e);
    if (rc == 0)
        rc = score_fragments(gold, pred, acc, e);
    if (rc == 0)
        rc = score_attributions(gold, pred, acc, e);
    return rc;
}
