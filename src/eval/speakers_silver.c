/*
** speakers_silver.c -- the silver truth of the speaker evaluation: reads a
** 10-column CoreNLP .conllu file of PolNeAR (tokens with code point offsets,
** XPOS, dependency heads and the dcoref chains of the COREF column in
** CoNLL-2012 bracket notation) and answers the questions speakers.c asks:
** the head of a span, the chain of a token, the proper names of a chain.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "eval/speakers.h"

#define SV_MAX_FILE ((size_t)256 << 20)
#define SV_STACK 64   /* mentions open at once */
#define SV_COLS 10

typedef struct open_m {
    uint32_t chain, b;
} open_m;

typedef struct sent_state {
    size_t base;          /* first token of the sentence */
    open_m st[SV_STACK];
    size_t nst;
} sent_state;

static int add_ment(so_sv_doc *d, uint32_t b, uint32_t e, uint32_t chain)
{
    if (so_grow(&d->m, &d->capm, d->nm + 1, sizeof *d->m, SO_SV_MAX_TOKENS))
        return -1;
    d->m[d->nm++] = (so_sv_ment){b, e, chain};
    return 0;
}

/* One part of the COREF column ("(7", "7)", "(7)") at token t. */
static int coref_part(so_sv_doc *d, sent_state *s, const char *p, size_t n, uint32_t t)
{
    int open = n && p[0] == '(', close = n && p[n - 1] == ')';
    uint32_t id = (uint32_t)strtoul(p + open, NULL, 10);
    if (open && close)
        return add_ment(d, t, t + 1, id);
    if (open) {
        if (s->nst < SV_STACK)
            s->st[s->nst++] = (open_m){id, t};
        return 0;
    }
    for (size_t k = s->nst; k-- > 0;)
        if (s->st[k].chain == id) {
            uint32_t b = s->st[k].b;
            memmove(s->st + k, s->st + k + 1, (s->nst - k - 1) * sizeof *s->st);
            s->nst--;
            return add_ment(d, b, t + 1, id);
        }
    return 0;
}

static int coref_col(so_sv_doc *d, sent_state *s, char *col, uint32_t t)
{
    if (!strcmp(col, "_"))
        return 0;
    for (char *p = col; *p;) {
        size_t n = strcspn(p, "|");
        if (coref_part(d, s, p, n, t))
            return -1;
        p += n + (p[n] == '|');
    }
    return 0;
}

/* Split line at tabs into cols; returns the count. */
static size_t split(char *line, char **cols, size_t max)
{
    size_t n = 0;
    for (char *p = line; n < max;) {
        cols[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = 0;
        p = tab + 1;
    }
    return n;
}

static int token_line(so_sv_doc *d, sent_state *s, char *line)
{
    char *c[SV_COLS];
    if (split(line, c, SV_COLS) != SV_COLS || strchr(c[SV_COLS - 1], '\t'))
        return -1; /* not exactly 10 columns */
    if (strpbrk(c[0], "-."))
        return 0; /* a multiword range or an empty node, not a word */
    if (!*c[0] || strspn(c[0], "0123456789") != strlen(c[0]))
        return -1;
    if (so_grow(&d->t, &d->capt, d->nt + 1, sizeof *d->t, SO_SV_MAX_TOKENS))
        return -1;
    so_sv_tok *t = &d->t[d->nt];
    unsigned long head = strtoul(c[7], NULL, 10);
    t->b = (uint32_t)strtoul(c[5], NULL, 10);
    t->e = (uint32_t)strtoul(c[6], NULL, 10);
    t->head = head ? (uint32_t)(s->base + head - 1) : UINT32_MAX;
    t->form = (uint32_t)(c[1] - d->buf);
    t->nform = (uint32_t)strlen(c[1]);
    snprintf(t->pos, sizeof t->pos, "%s", c[3]);
    return coref_col(d, s, c[9], (uint32_t)d->nt++);
}

int so_sv_read(const char *path, so_sv_doc *d, char *err, size_t errlen)
{
    if (!(d->buf = so_read_file(path, SV_MAX_FILE, &d->len, err, errlen)))
        return -1;
    sent_state s = {0, {{0, 0}}, 0};
    long lineno = 0;
    char *p = d->buf, *end = d->buf + d->len; /* read_all ends buf with a NUL */
    if (d->len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3; /* a byte order mark */
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
        if (e > p && e[-1] == '\r')
            e--; /* CRLF, as the trainer's reader takes it */
        *e = 0;
        lineno++;
        if (memchr(p, 0, (size_t)(e - p))) {
            snprintf(err, errlen, "%s:%ld: a NUL byte in the line", path, lineno);
            return -1;
        }
        if (!*p) {
            s.base = d->nt;
            s.nst = 0;
        } else if (*p != '#' && token_line(d, &s, p)) {
            snprintf(err, errlen, "%s:%ld: bad token line (10 tab-separated columns, a numeric "
                                  "ID; or out of memory)", path, lineno);
            return -1;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

void so_sv_free(so_sv_doc *d)
{
    free(d->buf);
    free(d->t);
    free(d->m);
    memset(d, 0, sizeof *d);
}

static int inside(const so_sv_tok *t, const int64_t *sp, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if ((int64_t)t->b >= sp[2 * k] && (int64_t)t->e <= sp[2 * k + 1])
            return 1;
    return 0;
}

size_t so_sv_head(const so_sv_doc *d, const int64_t *sp, size_t n)
{
    for (size_t i = 0; i < d->nt; i++) {
        if (!inside(&d->t[i], sp, n))
            continue;
        uint32_t h = d->t[i].head;
        if (h == UINT32_MAX || h >= d->nt || !inside(&d->t[h], sp, n))
            return i;
    }
    return SIZE_MAX;
}

uint32_t so_sv_chain(const so_sv_doc *d, size_t t)
{
    uint32_t best = 0, width = UINT32_MAX;
    for (size_t k = 0; k < d->nm; k++)
        if (d->m[k].b <= t && t < d->m[k].e && d->m[k].e - d->m[k].b < width) {
            width = d->m[k].e - d->m[k].b;
            best = d->m[k].chain;
        }
    return best;
}

static int proper(const so_sv_tok *t)
{
    return !strcmp(t->pos, "NNP") || !strcmp(t->pos, "NNPS");
}

/* Head of mention m: its first token whose head lies outside it. */
static uint32_t ment_head(const so_sv_doc *d, const so_sv_ment *m)
{
    for (uint32_t i = m->b; i < m->e; i++) {
        uint32_t h = d->t[i].head;
        if (h == UINT32_MAX || h < m->b || h >= m->e)
            return i;
    }
    return m->e - 1;
}

size_t so_sv_names(const so_sv_doc *d, uint32_t ch, uint32_t *rb, uint32_t *re, size_t max)
{
    size_t n = 0;
    for (size_t k = 0; k < d->nm && n < max; k++) {
        const so_sv_ment *m = &d->m[k];
        if (m->chain != ch || m->e > d->nt)
            continue;
        uint32_t h = ment_head(d, m), b = h, e = h + 1;
        if (!proper(&d->t[h]))
            continue;
        while (b > m->b && proper(&d->t[b - 1]))
            b--;
        while (e < m->e && proper(&d->t[e]))
            e++;
        rb[n] = b;
        re[n++] = e;
    }
    return n;
}
