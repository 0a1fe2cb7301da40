/*
** so_score_out.c -- attrib-score's finish() and its two reports: the table of
** percentages (render()) and json.dumps(res, indent=1, sort_keys=True). The
** JSON is built as a small tree whose objects are sorted when printed, so the
** key order follows from the key names as in Python.
*/
#include <stdlib.h>
#include <string.h>

#include "eval/so_score_int.h"

#define SO_SCORE_VERSION "1.0"

typedef struct prf {
    double p, r, f;
} prf;

/* prf(tp_p, n_p, tp_g, n_g). */
static prf prf_of(int64_t tp_p, int64_t n_p, int64_t tp_g, int64_t n_g)
{
    prf x;
    x.p = n_p ? (double)tp_p / (double)n_p : 0.0;
    x.r = n_g ? (double)tp_g / (double)n_g : 0.0;
    x.f = x.p + x.r > 0 ? 2 * x.p * x.r / (x.p + x.r) : 0.0;
    return x;
}

/* exact_prf(tp, fp, fn). */
static prf exact_prf(const int64_t *c)
{
    return prf_of(c[SO_TP], c[SO_TP] + c[SO_FP], c[SO_TP], c[SO_TP] + c[SO_FN]);
}

/* The overlap counts of row k (0 cue, 1 source, 2 content, 3 all pooled). */
static void overlap_row(const so_acc *acc, int k, int64_t o[4])
{
    for (int x = 0; x < 4; x++) {
        o[x] = 0;
        for (int r = 0; r < 3; r++)
            if (k == 3 || k == r)
                o[x] += acc->overlap[r][x];
    }
}

static prf overlap_prf(const int64_t o[4])
{
    return prf_of(o[SO_PRED_SHARED], o[SO_PRED_UNITS], o[SO_GOLD_SHARED], o[SO_GOLD_UNITS]);
}

static double rate(int64_t a, int64_t m)
{
    return m ? (double)a / (double)m : 0.0;
}

/* ------------------------------------------------------------ table */

static void pct(so_sb *b, const char *sep, double x)
{
    so_ssb_printf(b, "%s%6.2f", sep, 100.0 * x);
}

static void table_spans(const so_acc *acc, so_sb *b)
{
    static const char *const label[4] = {"Cue", "Source", "Content", "All"};
    so_ssb_puts(b, "Span metrics, Citron-compatible (micro over docs)\n"
                  "              ------- exact -------    ------ overlap ------\n"
                  "span          P       R       F1       P       R       F1\n");
    for (int k = 0; k < 4; k++) {
        int64_t o[4];
        overlap_row(acc, k, o);
        prf e = exact_prf(acc->exact[k]), v = overlap_prf(o);
        so_ssb_printf(b, "%-10s ", label[k]);
        pct(b, "", e.p), pct(b, "  ", e.r), pct(b, "  ", e.f);
        pct(b, "   ", v.p), pct(b, "  ", v.r), pct(b, "  ", v.f);
        so_ssb_puts(b, "\n");
    }
}

static void table_fragments(const so_acc *acc, so_sb *b)
{
    static const char *const label[3] = {"Source", "Cue", "Content"};
    so_ssb_puts(b, "\nPer-role fragment exact match (CofeNet-style)\n"
                  "role          gold    pred      tp      P       R       F1\n");
    for (int k = 0; k < 3; k++) {
        const int64_t *c = acc->frag[k];
        prf e = exact_prf(c);
        so_ssb_printf(b, "%-10s %7lld %7lld %7lld  ", label[k], (long long)(c[SO_TP] + c[SO_FN]),
                     (long long)(c[SO_TP] + c[SO_FP]), (long long)c[SO_TP]);
        pct(b, "", e.p), pct(b, "  ", e.r), pct(b, "  ", e.f);
        so_ssb_puts(b, "\n");
    }
}

static void table_attributions(const so_acc *acc, so_sb *b)
{
    static const char *const label[3] = {"all", "quotes", "other"};
    so_ssb_puts(b, "\nAttributions (match = content overlap AND cue overlap, one-to-one)\n"
                  "subset      gold   pred  g-match p-match   P       R       F1     src-ok  "
                  "src-exact\n");
    for (int k = 0; k < 3; k++) {
        const int64_t *a = acc->attr[k];
        prf x = prf_of(a[SO_A_PRED_MATCHED], a[SO_A_PRED], a[SO_A_GOLD_MATCHED], a[SO_A_GOLD]);
        so_ssb_printf(b, "%-9s %6lld %6lld %7lld %7lld  ", label[k], (long long)a[SO_A_GOLD],
                     (long long)a[SO_A_PRED], (long long)a[SO_A_GOLD_MATCHED],
                     (long long)a[SO_A_PRED_MATCHED]);
        pct(b, "", x.p), pct(b, "  ", x.r), pct(b, "  ", x.f);
        pct(b, "  ", rate(a[SO_A_SRC_OK], a[SO_A_GOLD_MATCHED]));
        pct(b, "  ", rate(a[SO_A_SRC_EXACT], a[SO_A_GOLD_MATCHED]));
        so_ssb_puts(b, "\n");
    }
    for (int k = 0; k < 2; k++) {
        const int64_t *a = acc->attr[k];
        prf w = prf_of(a[SO_A_PRED_MATCHED_SRC_OK], a[SO_A_PRED], a[SO_A_SRC_OK], a[SO_A_GOLD]);
        so_ssb_printf(b, "%-9s  +source (match and src-ok):      ", label[k]);
        pct(b, "", w.p), pct(b, "  ", w.r), pct(b, "  ", w.f);
        so_ssb_puts(b, "\n");
    }
}

int so_score_table(const so_acc *acc, const so_info *in, so_sb *b)
{
    so_ssb_printf(b, "attrib-score %s  units: %s\ngold: ", SO_SCORE_VERSION, in->units);
    so_ssb_puts(b, in->gold_dir);
    so_ssb_printf(b, "  (%lld docs, %lld attributions)\npred: ", (long long)in->documents,
                 (long long)in->gold_attributions);
    so_ssb_puts(b, in->pred_dir);
    so_ssb_printf(b, "  (%lld attributions; %lld of %lld files missing = empty)\n\n",
                 (long long)in->pred_attributions, (long long)in->pred_files_missing,
                 (long long)in->documents);
    table_spans(acc, b);
    table_fragments(acc, b);
    table_attributions(acc, b);
    return b->bad ? -1 : 0;
}

/* ------------------------------------------------------------ JSON */

enum { J_INT, J_FLT, J_STR, J_OBJ, J_ARR };

typedef struct jv {
    const char *key;
    int type;
    int64_t i;
    double d;
    const char *s; /* J_STR */
    struct jv *kids;
    size_t nkids;
} jv;

/* Node storage: every node of the report, allocated in order. */
typedef struct jpool {
    jv *v;
    size_t n, cap;
    int full; /* an allocation did not fit */
} jpool;

/* n fresh nodes, contiguous; NULL when the pool is full. */
static jv *jalloc(jpool *P, size_t n)
{
    if (P->n + n > P->cap) {
        P->full = 1;
        return NULL;
    }
    jv *v = P->v + P->n;
    memset(v, 0, n * sizeof *v);
    P->n += n;
    return v;
}

static jv *jobj(jpool *P, jv *node, const char *key, size_t n)
{
    node->key = key;
    node->type = J_OBJ;
    node->kids = jalloc(P, n);
    node->nkids = node->kids ? n : 0;
    return node->kids;
}

static void jint(jv *v, const char *key, int64_t i)
{
    v->key = key;
    v->type = J_INT;
    v->i = i;
}

static void jflt(jv *v, const char *key, double d)
{
    v->key = key;
    v->type = J_FLT;
    v->d = d;
}

static void jstr(jv *v, const char *key, const char *s)
{
    v->key = key;
    v->type = J_STR;
    v->s = s;
}

/* Fill kids[0..2] with precision, recall, f1; returns the next free kid. */
static jv *jprf(jv *k, prf x)
{
    jflt(k++, "precision", x.p);
    jflt(k++, "recall", x.r);
    jflt(k++, "f1", x.f);
    return k;
}

/* span_exact / span_fragment_exact rows: tp, fp, fn and the scores. */
static void j_counts(jpool *P, jv *node, const char *key, const int64_t *c)
{
    jv *k = jobj(P, node, key, 6);
    if (!k)
        return;
    jint(k++, "tp", c[SO_TP]);
    jint(k++, "fp", c[SO_FP]);
    jint(k++, "fn", c[SO_FN]);
    jprf(k, exact_prf(c));
}

static void j_overlap(jpool *P, jv *node, const char *key, const so_acc *acc, int row)
{
    int64_t o[4];
    jv *k = jobj(P, node, key, 7);
    if (!k)
        return;
    overlap_row(acc, row, o);
    jint(k++, "pred_shared", o[SO_PRED_SHARED]);
    jint(k++, "gold_shared", o[SO_GOLD_SHARED]);
    jint(k++, "pred_units", o[SO_PRED_UNITS]);
    jint(k++, "gold_units", o[SO_GOLD_UNITS]);
    jprf(k, overlap_prf(o));
}

static void j_attr(jpool *P, jv *node, const char *key, const int64_t *a)
{
    static const char *const names[SO_A_N] = {"gold", "pred", "gold_matched", "pred_matched",
                                              "src_ok", "src_exact", "pred_matched_src_ok"};
    jv *k = jobj(P, node, key, SO_A_N + 6);
    if (!k)
        return;
    for (int x = 0; x < SO_A_N; x++)
        jint(k++, names[x], a[x]);
    k = jprf(k, prf_of(a[SO_A_PRED_MATCHED], a[SO_A_PRED], a[SO_A_GOLD_MATCHED], a[SO_A_GOLD]));
    jflt(k++, "src_ok_rate", rate(a[SO_A_SRC_OK], a[SO_A_GOLD_MATCHED]));
    jflt(k++, "src_exact_rate", rate(a[SO_A_SRC_EXACT], a[SO_A_GOLD_MATCHED]));
    jv *w = jobj(P, k, "with_source", 3);
    if (w)
        jprf(w, prf_of(a[SO_A_PRED_MATCHED_SRC_OK], a[SO_A_PRED], a[SO_A_SRC_OK], a[SO_A_GOLD]));
}

static void j_info(jpool *P, jv *node, const so_info *in)
{
    jv *k = jobj(P, node, "info", 10);
    if (!k)
        return;
    jstr(k++, "gold_dir", in->gold_dir);
    jstr(k++, "pred_dir", in->pred_dir);
    jstr(k++, "units", in->units);
    jint(k++, "documents", in->documents);
    jint(k++, "pred_files_missing", in->pred_files_missing);
    jint(k++, "pred_files_ignored", in->pred_files_ignored);
    jint(k++, "gold_attributions", in->gold_attributions);
    jint(k++, "pred_attributions", in->pred_attributions);
    jint(k++, "gold_empty_events_skipped", in->gold_empty_events_skipped);
    jint(k, "pred_empty_events_skipped", in->pred_empty_events_skipped);
}

static void j_warnings(jpool *P, jv *node, const so_info *in)
{
    node->key = "warnings";
    node->type = J_ARR;
    node->kids = jalloc(P, in->nwarnings);
    node->nkids = node->kids ? in->nwarnings : 0;
    for (size_t i = 0; i < node->nkids; i++)
        jstr(&node->kids[i], NULL, in->warnings[i].p ? in->warnings[i].p : "");
}

/* The whole result of attrib-score's run(). */
static void j_result(jpool *P, jv *root, const so_acc *acc, const so_info *in)
{
    static const char *const ex[4] = {"cue", "source", "content", "all"};
    static const char *const fr[3] = {"source", "cue", "content"};
    static const char *const at[3] = {"all", "quotes", "other"};
    jv *top = jobj(P, root, NULL, 6), *k;
    if (!top)
        return;
    if ((k = jobj(P, &top[0], "span_exact", 4)))
        for (int i = 0; i < 4; i++)
            j_counts(P, &k[i], ex[i], acc->exact[i]);
    if ((k = jobj(P, &top[1], "span_overlap", 4)))
        for (int i = 0; i < 4; i++)
            j_overlap(P, &k[i], ex[i], acc, i);
    if ((k = jobj(P, &top[2], "span_fragment_exact", 3)))
        for (int i = 0; i < 3; i++)
            j_counts(P, &k[i], fr[i], acc->frag[i]);
    if ((k = jobj(P, &top[3], "attribution", 3)))
        for (int i = 0; i < 3; i++)
            j_attr(P, &k[i], at[i], acc->attr[i]);
    j_info(P, &top[4], in);
    j_warnings(P, &top[5], in);
}

static int key_cmp(const void *pa, const void *pb)
{
    const jv *a = pa, *b = pb;
    return strcmp(a->key, b->key);
}

static void indent(so_sb *b, int n)
{
    for (int i = 0; i < n; i++)
        so_ssb_add(b, " ", 1);
}

/* json.dumps(v, indent=1, sort_keys=True) at nesting depth. */
static void jemit(so_sb *b, jv *v, int depth)
{
    switch (v->type) {
    case J_INT: so_ssb_printf(b, "%lld", (long long)v->i); return;
    case J_FLT: so_ssb_json_float(b, v->d); return;
    case J_STR: so_ssb_json_str(b, v->s, strlen(v->s)); return;
    default: break;
    }
    int obj = v->type == J_OBJ;
    if (v->nkids == 0) {
        so_ssb_puts(b, obj ? "{}" : "[]");
        return;
    }
    if (obj)
        qsort(v->kids, v->nkids, sizeof *v->kids, key_cmp);
    so_ssb_puts(b, obj ? "{\n" : "[\n");
    for (size_t i = 0; i < v->nkids; i++) {
        indent(b, depth + 1);
        if (obj) {
            so_ssb_json_str(b, v->kids[i].key, strlen(v->kids[i].key));
            so_ssb_puts(b, ": ");
        }
        jemit(b, &v->kids[i], depth + 1);
        so_ssb_puts(b, i + 1 < v->nkids ? ",\n" : "\n");
    }
    indent(b, depth);
    so_ssb_puts(b, obj ? "}" : "]");
}

int so_score_json(const so_acc *acc, const so_info *in, so_sb *b)
{
    jpool P = {NULL, 0, 256 + in->nwarnings, 0};
    jv root;
    P.v = malloc(P.cap * sizeof *P.v);
    if (!P.v)
        return -1;
    memset(&root, 0, sizeof root);
    j_result(&P, &root, acc, in);
    if (P.full) /* never: the report has 148 nodes besides the warnings */
        b->bad = 1;
    jemit(b, &root, 0);
    so_ssb_puts(b, "\n");
    free(P.v);
    return b->bad ? -1 : 0;
}
