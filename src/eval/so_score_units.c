/*
** so_score_units.c -- attrib-score's scoring units. In token mode the article
** text is cut with the regex \w+|[^\w\s] and a character span becomes the
** half-open range of tokens it shares a character with; in char mode spans
** stay as they are. Either way the fragments of one role are then sorted and
** merged when they overlap or touch (in char mode with text, also across a
** whitespace-only gap). Also: the attribution pools (so_adoc).
*/
#include <stdlib.h>
#include <string.h>

#include "eval/so_score_int.h"

/* ------------------------------------------------------------ so_adoc */

void so_adoc_free(so_adoc *d)
{
    free(d->sp);
    free(d->at);
    memset(d, 0, sizeof *d);
}

so_attr *so_adoc_new_attr(so_adoc *d)
{
    /* the span pool exists once there is an attribution: no NULL + 0 */
    if (so_score_grow(&d->at, &d->capat, d->n + 1, sizeof *d->at) < 0 ||
        so_score_grow(&d->sp, &d->capsp, d->nsp + 1, sizeof *d->sp) < 0)
        return NULL;
    memset(&d->at[d->n], 0, sizeof d->at[d->n]);
    return &d->at[d->n++];
}

int so_adoc_push_span(so_adoc *d, int64_t s, int64_t e)
{
    if (so_score_grow(&d->sp, &d->capsp, d->nsp + 1, sizeof *d->sp) < 0)
        return -1;
    d->sp[d->nsp++] = (so_span){s, e};
    return 0;
}

/* ------------------------------------------------------------ units */

static int push_tok(so_units *u, size_t *cap, int64_t s, int64_t e)
{
    if (u->ntok == *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        int64_t *a = realloc(u->starts, nc * sizeof *a);
        if (!a)
            return -1;
        u->starts = a;
        a = realloc(u->ends, nc * sizeof *a);
        if (!a)
            return -1;
        u->ends = a;
        *cap = nc;
    }
    u->starts[u->ntok] = s;
    u->ends[u->ntok++] = e;
    return 0;
}

/* The tokens of the text: TOKEN_RE.finditer(text). */
static int tokenize(so_units *u)
{
    const uint32_t *t = u->text->cp;
    size_t n = u->text->n, i = 0, cap = 0;
    while (i < n) {
        size_t j = i + 1;
        if (so_uni_isword(t[i])) {
            while (j < n && so_uni_isword(t[j]))
                j++;
        } else if (so_uni_isspace(t[i])) {
            i++;
            continue;
        }
        if (push_tok(u, &cap, (int64_t)i, (int64_t)j) < 0)
            return -1;
        i = j;
    }
    return 0;
}

int so_units_init(so_units *u, const so_text *text, int mode)
{
    memset(u, 0, sizeof *u);
    u->mode = mode;
    u->text = text;
    if (mode == 1 && text && tokenize(u) < 0) {
        so_units_free(u);
        return -1;
    }
    return 0;
}

void so_units_free(so_units *u)
{
    free(u->starts);
    free(u->ends);
    memset(u, 0, sizeof *u);
}

/* Number of elements of sorted v[0..n) that are <= x (strict: < x). */
static size_t count_le(const int64_t *v, size_t n, int64_t x, int strict)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strict ? v[mid] < x : v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int so_score_span_cmp(const void *pa, const void *pb)
{
    const so_span *a = pa, *b = pb;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    return (a->e > b->e) - (a->e < b->e);
}

/* Char mode with text: text[e:s].strip() == '' for e < s. */
static int ws_gap(const so_units *u, int64_t e, int64_t s)
{
    if (u->mode == 1 || !u->text)
        return 0;
    for (int64_t i = e; i < s; i++)
        if (!so_uni_isspace(u->text->cp[i]))
            return 0;
    return 1;
}

/* Sort v[0..n) and merge in place; returns the merged count. */
static size_t merge(const so_units *u, so_span *v, size_t n)
{
    size_t m = 0;
    if (n > 1)
        qsort(v, n, sizeof *v, so_score_span_cmp);
    for (size_t k = 0; k < n; k++) {
        if (m && (v[k].s <= v[m - 1].e || ws_gap(u, v[m - 1].e, v[k].s))) {
            if (v[k].e > v[m - 1].e)
                v[m - 1].e = v[k].e;
        } else {
            v[m++] = v[k];
        }
    }
    return m;
}

int so_units_convert(const so_units *u, const so_span *f, size_t n, so_adoc *out, so_fl *fl)
{
    if (so_score_grow(&out->sp, &out->capsp, out->nsp + 1, sizeof *out->sp) < 0)
        return -1;
    fl->off = out->nsp;
    for (size_t k = 0; k < n; k++) {
        int64_t a = f[k].s, b = f[k].e;
        if (u->mode == 1) {
            a = (int64_t)count_le(u->ends, u->ntok, f[k].s, 0);
            b = (int64_t)count_le(u->starts, u->ntok, f[k].e, 1);
        }
        if (a < b && so_adoc_push_span(out, a, b) < 0)
            return -1;
    }
    fl->n = merge(u, out->sp + fl->off, out->nsp - fl->off);
    out->nsp = fl->off + fl->n;
    return 0;
}

/* has_quote(text, contents, field) with the article text. */
static int text_has_quote(const so_text *t, const so_span *f, size_t n)
{
    for (size_t k = 0; k < n; k++)
        for (int64_t i = f[k].s; i < f[k].e; i++)
            if (so_uni_isquote(t->cp[i]))
                return 1;
    return 0;
}

int so_units_doc(const so_units *u, const so_adoc *raw, so_adoc *out)
{
    for (size_t i = 0; i < raw->n; i++) {
        const so_attr *r = &raw->at[i];
        so_attr *a = so_adoc_new_attr(out);
        if (!a)
            return -1;
        for (int k = 0; k < 3; k++)
            if (so_units_convert(u, raw->sp + r->r[k].off, r->r[k].n, out, &a->r[k]) < 0)
                return -1;
        a->quote = u->text ? text_has_quote(u->text, raw->sp + r->r[SO_CON].off, r->r[SO_CON].n)
                           : r->quote;
    }
    return 0;
}
