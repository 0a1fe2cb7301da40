/*
** speakers.c -- `sayso eval --speakers SPLIT_DIR`: speaker accuracy of the
** engine's speaker resolution against the CoreNLP coreference chains (see
** speakers.h for the measure). For every article with a .conllu file it
** tokenizes the text as the engine does, builds the entities
** (so_coref_open), resolves the gold sources in text order and checks each
** measured one against the names of its chain.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/utf8.h"
#include "base/util.h"
#include "coref/coref.h"
#include "eval/so_score_int.h"
#include "eval/speakers.h"
#include "model/doctag.h"
#include "model/modelfile.h"
#include "model/tagger.h"
#include "quote/quote.h"
#include "text/doc.h"

#define MAX_NAMES 256     /* proper names looked at per chain */
#define MAX_MENTS 1024    /* mentions looked at per predicted entity */
#define MAX_FRAGS 16      /* fragments of one role */
#define MAX_DOCS ((size_t)1 << 20)

/* The taggers of the model, as the engine runs them; NULL with no model
** (the speakers then run on rules alone). */
typedef struct models {
    so_mf *mf;
    so_tagger *pos, *ner;
} models;

static void models_close(models *m)
{
    so_tag_free(m->pos);
    so_tag_free(m->ner);
    so_mf_close(m->mf);
    memset(m, 0, sizeof *m);
}

/* Load the taggers o asks for: none, a file's, or the built-in ones.
** 0, or -1 with a message in err. */
static int models_open(models *m, const so_speval_opts *o, char *err, size_t errlen)
{
    char msg[256] = "";
    memset(m, 0, sizeof *m);
    if (o->no_model)
        return 0;
    if (so_mf_open_model(o->model, &m->mf, msg, sizeof msg) != SO_MF_OK) { /* names the file */
        snprintf(err, errlen, "%s", msg[0] ? msg : "cannot open the model");
        return -1;
    }
    if (!so_tag_load_pair(m->mf, o->model ? o->model : "built-in model", &m->pos, &m->ner, err,
                          errlen))
        return 0;
    models_close(m);
    return -1;
}

typedef struct art {
    const char *name;
    char *text;           /* the article */
    size_t len;
    size_t *cp2b;         /* code point -> byte offset, ncp + 1 entries */
    size_t ncp;
    so_adoc gold;
    so_doc d;
    so_coref *c;
    so_sv_doc sv;
} art;

static void art_free(art *a)
{
    so_coref_close(a->c);
    so_doc_free(&a->d);
    so_sv_free(&a->sv);
    so_adoc_free(&a->gold);
    free(a->cp2b);
    free(a->text);
}

static int build_cp2b(art *a)
{
    a->cp2b = so_doc_cp_offsets(a->text, a->len, &a->ncp);
    return a->cp2b ? 0 : -1;
}

static size_t to_byte(const art *a, int64_t cp)
{
    return cp <= 0 ? 0 : (size_t)cp >= a->ncp ? a->len : a->cp2b[cp];
}

/* Tokens overlapping the bytes [bs, be). */
static so_range tok_range(const so_doc *d, size_t bs, size_t be)
{
    return so_doc_token_range(d, bs, be);
}

static so_range frag_tokens(const art *a, const so_span *sp, size_t n)
{
    int64_t s = sp[0].s, e = sp[0].e;
    for (size_t k = 1; k < n; k++) {
        s = sp[k].s < s ? sp[k].s : s;
        e = sp[k].e > e ? sp[k].e : e;
    }
    return tok_range(&a->d, to_byte(a, s), to_byte(a, e));
}

static int read_art(const char *dir, const models *md, const char *name, art *a, char *err,
                    size_t errlen)
{
    char path[4096];
    so_err e = {err, errlen};
    so_brat_stats st;
    snprintf(path, sizeof path, "%s/text/%s.txt", dir, name);
    if (so_score_read_file(path, &a->text, &a->len, &e) || build_cp2b(a))
        return -1;
    snprintf(path, sizeof path, "%s/attributions/%s.ann", dir, name);
    if (so_brat_parse(path, NULL, &a->gold, &st, &e))
        return -1;
    for (size_t k = 0; k < a->gold.nsp; k++) /* as eval and train refuse it */
        if (a->gold.sp[k].e > (int64_t)a->ncp) {
            snprintf(err, errlen, "%s: offset %lld past the end of the text (%zu characters)",
                     path, (long long)a->gold.sp[k].e, a->ncp);
            return -1;
        }
    snprintf(path, sizeof path, "%s/corenlp/%s.conllu", dir, name);
    if (so_sv_read(path, &a->sv, err, errlen))
        return -1;
    if (so_tok_run(&a->d, a->text, a->len) || so_quote_pair(&a->d) ||
        so_doc_tag(md->pos, md->ner, &a->d) || so_coref_open(&a->d, md->pos, md->ner, &a->c)) {
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    return 0;
}

/* First code point of attribution k (any role). */
static int64_t attr_start(const so_adoc *g, size_t k)
{
    int64_t s = INT64_MAX;
    for (int r = 0; r < 3; r++)
        for (size_t i = 0; i < g->at[k].r[r].n; i++)
            if (g->sp[g->at[k].r[r].off + i].s < s)
                s = g->sp[g->at[k].r[r].off + i].s;
    return s;
}

typedef struct ord {
    int64_t s;
    size_t k;
} ord;

static int by_start(const void *pa, const void *pb)
{
    const ord *a = pa, *b = pb;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

/* The gold attributions in text order; NULL when memory runs out. */
static ord *text_order(const so_adoc *g)
{
    ord *o = malloc((g->n ? g->n : 1) * sizeof *o);
    if (!o)
        return NULL;
    for (size_t k = 0; k < g->n; k++)
        o[k] = (ord){attr_start(g, k), k};
    qsort(o, g->n, sizeof *o, by_start);
    return o;
}

/* Kind of source headed by token h: SO_SPK_PRON, SO_SPK_NOUN, or 0. */
static int source_kind(const so_sv_doc *sv, size_t h)
{
    static const char *const pron[] = {"PRP", "PRP$", "WP", "WP$"};
    const char *p = sv->t[h].pos;
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(p, pron[i]))
            return SO_SPK_PRON;
    return !strcmp(p, "NN") || !strcmp(p, "NNS") ? SO_SPK_NOUN : 0;
}

/* The silver question of one gold source: the token ranges of the proper
** names of its head's chain (count returned; 0 = not measured). */
typedef struct silver {
    int kind;
    uint32_t rb[MAX_NAMES], re[MAX_NAMES];
    size_t n;
} silver;

static void ask_silver(const art *a, const so_span *sp, size_t n, silver *q)
{
    int64_t cps[2 * MAX_FRAGS];
    size_t m = n < MAX_FRAGS ? n : MAX_FRAGS;
    q->n = 0;
    for (size_t k = 0; k < m; k++) {
        cps[2 * k] = sp[k].s;
        cps[2 * k + 1] = sp[k].e;
    }
    size_t h = so_sv_head(&a->sv, cps, m);
    q->kind = h == SIZE_MAX ? 0 : source_kind(&a->sv, h);
    if (!q->kind)
        return;
    uint32_t ch = so_sv_chain(&a->sv, h);
    if (ch)
        q->n = so_sv_names(&a->sv, ch, q->rb, q->re, MAX_NAMES);
}

/* Last word of entity k's canonical name. */
static void name_tail(const art *a, int32_t k, const char **s, size_t *n)
{
    sayso_span nm = so_coref_name(a->c, k);
    size_t b = nm.end;
    while (b > nm.start && a->text[b - 1] != ' ')
        b--;
    *s = a->text + b;
    *n = nm.end - b;
}

/* Is entity k one of the names of q? */
static int is_correct(const art *a, int32_t k, const silver *q)
{
    sayso_span ms[MAX_MENTS];
    size_t nm = so_coref_mentions(a->c, k, ms, MAX_MENTS);
    const char *tail;
    size_t ntail;
    nm = nm < MAX_MENTS ? nm : MAX_MENTS;
    name_tail(a, k, &tail, &ntail);
    for (size_t i = 0; i < q->n; i++) {
        const so_sv_tok *l = &a->sv.t[q->re[i] - 1];
        size_t bs = to_byte(a, a->sv.t[q->rb[i]].b), be = to_byte(a, l->e);
        for (size_t j = 0; j < nm; j++)
            if (ms[j].start < be && bs < ms[j].end)
                return 1;
        if (l->nform == ntail && !memcmp(a->sv.buf + l->form, tail, ntail))
            return 1;
    }
    return 0;
}

static void list_line(FILE *f, const art *a, const so_span *sp, int32_t k, const silver *q,
                      int ok)
{
    size_t bs = to_byte(a, sp[0].s), be = to_byte(a, sp[0].e);
    fprintf(f, "%s:%lld\t%s\t%.*s\t", a->name, (long long)sp[0].s,
            q->kind == SO_SPK_PRON ? "pronoun" : "noun", (int)(be - bs), a->text + bs);
    if (k >= 0) {
        sayso_span nm = so_coref_name(a->c, k);
        fprintf(f, "%.*s\t", (int)(nm.end - nm.start), a->text + nm.start);
    } else {
        fputs("-\t", f);
    }
    for (size_t i = 0; i < q->n && i < 4; i++) {
        size_t b = to_byte(a, a->sv.t[q->rb[i]].b), e = to_byte(a, a->sv.t[q->re[i] - 1].e);
        fprintf(f, "%s%.*s", i ? "|" : "", (int)(e - b), a->text + b);
    }
    fprintf(f, "\t%s\n", k < 0 ? "unresolved" : ok ? "ok" : "wrong");
}

/* Content fragments of attribution k as token ranges. */
static size_t content_ranges(const art *a, const so_attr *at, so_range *out)
{
    size_t n = at->r[SO_CON].n < MAX_FRAGS ? at->r[SO_CON].n : MAX_FRAGS;
    for (size_t i = 0; i < n; i++)
        out[i] = frag_tokens(a, &a->gold.sp[at->r[SO_CON].off + i], 1);
    return n;
}

static void eval_attr(const so_speval_opts *o, art *a, size_t k, so_speval_counts *res)
{
    const so_attr *at = &a->gold.at[k];
    const so_span *sp = &a->gold.sp[at->r[SO_SRC].off];
    size_t ns = at->r[SO_SRC].n;
    so_range con[MAX_FRAGS];
    res->attrs++;
    if (!ns)
        return;
    res->with_source++;
    size_t nc = content_ranges(a, at, con);
    so_range src = frag_tokens(a, sp, ns);
    int32_t ent = so_coref_resolve(a->c, src, con, nc), also[8];
    /* as the engine does: "they" after "X and Y" is X (and Y) */
    so_coref_conjuncts(a->c, src, &ent, also, sizeof also / sizeof *also);
    res->src_resolved += ent >= 0;
    silver q;
    ask_silver(a, sp, ns, &q);
    if (!q.n)
        return;
    int ok = ent >= 0 && is_correct(a, ent, &q);
    for (int kind = SO_SPK_ALL; kind <= q.kind; kind += q.kind) {
        res->measured[kind]++;
        res->resolved[kind] += ent >= 0;
        res->correct[kind] += ok;
    }
    if (o->list)
        list_line(o->list, a, sp, ent, &q, ok);
}

static int eval_doc(const so_speval_opts *o, const models *md, const char *name,
                    so_speval_counts *res, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/corenlp/%s.conllu", o->split_dir, name);
    if (access(path, R_OK) != 0) {
        res->docs_skipped++;
        return 0;
    }
    art a;
    memset(&a, 0, sizeof a);
    a.name = name;
    int rc = read_art(o->split_dir, md, name, &a, err, errlen);
    ord *order = rc ? NULL : text_order(&a.gold);
    if (!rc && !order) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    for (size_t i = 0; !rc && i < a.gold.n; i++)
        eval_attr(o, &a, order[i].k, res);
    res->docs += !rc;
    free(order);
    art_free(&a);
    return rc;
}

static int cmp_name(const void *pa, const void *pb)
{
    return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/* The NAMEs of dir/attributions/NAME.ann, sorted; *out is malloc'd. */
static int list_names(const char *dir, char ***out, size_t *n, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/attributions", dir);
    DIR *dh = opendir(path);
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (!dh) {
        snprintf(err, errlen, "cannot open %s", path);
        return -1;
    }
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".ann"))
            continue;
        if (so_grow(out, &cap, *n + 1, sizeof **out, MAX_DOCS) ||
            !((*out)[*n] = strndup(de->d_name, l - 4)))
            rc = -1;
        else
            (*n)++;
    }
    closedir(dh);
    if (rc)
        snprintf(err, errlen, "out of memory (or more than %zu files) listing %s", MAX_DOCS,
                 path);
    qsort(*out, *n, sizeof **out, cmp_name);
    return rc;
}

int so_speval_run(const so_speval_opts *o, so_speval_counts *res, char *err, size_t errlen)
{
    char **names;
    size_t n;
    models md;
    memset(res, 0, sizeof *res);
    if (models_open(&md, o, err, errlen))
        return -2;
    int rc = list_names(o->split_dir, &names, &n, err, errlen);
    res->tagged = md.pos != NULL;
    for (size_t i = 0; !rc && i < n; i++)
        rc = eval_doc(o, &md, names[i], res, err, errlen);
    models_close(&md);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

void so_speval_report(const so_speval_opts *o, const so_speval_counts *r, FILE *out)
{
    static const char *const rows[] = {"all", "pronoun", "common noun"};
    fprintf(out, "sayso eval --speakers  %s\n", o->split_dir);
    fprintf(out, "articles: %zu (%zu without CoreNLP skipped); taggers: %s\n", r->docs,
            r->docs_skipped,
            !r->tagged ? "none (rules only)" : o->model ? o->model : "built-in model");
    fprintf(out, "gold attributions: %zu, with a source: %zu, given a speaker: %zu (%.1f%%)\n\n",
            r->attrs, r->with_source, r->src_resolved, 100 * ratio(r->src_resolved, r->with_source));
    fprintf(out, "measured: pronoun or common-noun sources whose CoreNLP chain has a proper name\n");
    fprintf(out, "%-12s %9s %9s %9s %9s %11s\n", "source", "measured", "resolved", "correct",
            "accuracy", "unresolved");
    for (int k = SO_SPK_PRON; k <= SO_SPK_NOUN + 1; k++) {
        int i = k % 3;
        fprintf(out, "%-12s %9zu %9zu %9zu %9.3f %10.1f%%\n", rows[i], r->measured[i],
                r->resolved[i], r->correct[i], ratio(r->correct[i], r->resolved[i]),
                100 * ratio(r->measured[i] - r->resolved[i], r->measured[i]));
    }
    fprintf(out, "\nspeaker accuracy (correct / resolved): %.3f\n",
            ratio(r->correct[0], r->resolved[0]));
    fprintf(out, "correct / measured: %.3f\n", ratio(r->correct[0], r->measured[0]));
    fprintf(out, "unresolved share of measured sources: %.1f%%\n",
            100 * ratio(r->measured[0] - r->resolved[0], r->measured[0]));
    fprintf(out, "unresolved share of all gold sources: %.1f%%\n",
            100 * ratio(r->with_source - r->src_resolved, r->with_source));
}
