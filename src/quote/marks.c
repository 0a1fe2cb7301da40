/*
** marks.c -- quotation-mark pairing. Decides for every quote-like token
** whether it opens, closes, is an apostrophe (don't, the '90s, Jones') or
** is stray; pairs “…” "…" ‘…’ '…' «…» „…“ ``…'' with nesting; follows the
** news convention of a quotation running over several paragraphs (each opens
** with a mark, only the last closes). An unclosed mark never runs past its
** paragraph unless the next paragraph continues the quotation.
*/
#include "quote/quote.h"

#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

#define MAX_DEPTH 32

/* Direction a mark leans to by its glyph: 1 open, 2 close, 3 either. */
static int glyph_dir(const so_doc *d, size_t i, int *dbl)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    uint32_t c;
    so_utf8_next(s, n, 0, &c);
    *dbl = 1;
    if (n == 2 && s[0] == '`')
        return 1;
    if (n == 2 && s[0] == '\'')
        return 2;
    switch (c) {
    case 0x201C: case 0x201E: case 0x00AB: return 1;
    case 0x201D: case 0x00BB: return 2;
    case '"': case 0x201F: case 0x2033: case 0xFF02: return 3;
    default: break;
    }
    *dbl = 0;
    switch (c) {
    case 0x2018: case 0x201A: case '`': case 0x2039: return 1;
    case 0x2019: case 0x203A: return 2;
    default: return 3;
    }
}

static int is_open_context(const so_doc *d, size_t i)
{
    if (i == 0 || (d->tok[i].flags & (SO_TF_SPACE_BEFORE | SO_TF_PARA_START)))
        return 1;
    const so_tok *p = &d->tok[i - 1];
    if (p->kind == SO_TK_DASH || p->kind == SO_TK_QUOTE)
        return 1;
    return so_tok_is_exact(d, i - 1, "(") || so_tok_is_exact(d, i - 1, "[");
}

static int next_is_space(const so_doc *d, size_t i)
{
    return i + 1 >= d->ntok || (d->tok[i + 1].flags & SO_TF_SPACE_BEFORE) ||
           (d->tok[i + 1].flags & SO_TF_PARA_START);
}

/* Is the token after i a comma, full stop or other mark that ends a
** clause, touching it? */
static int next_is_punct(const so_doc *d, size_t i)
{
    static const char *const p[] = {",", ".", ";", ":", "!", "?", ")", NULL};
    return i + 1 < d->ntok && !(d->tok[i + 1].flags & SO_TF_SPACE_BEFORE) &&
           so_tok_in(d, i + 1, p);
}

/* An apostrophe rather than a quote mark: '90s, ’em, rock ’n’ roll. */
static int looks_apostrophe(const so_doc *d, size_t i)
{
    if (i + 1 < d->ntok && !(d->tok[i + 1].flags & SO_TF_SPACE_BEFORE)) {
        if (d->tok[i + 1].kind == SO_TK_NUM && so_tok_len(d, i + 1) <= 3)
            return 1;
        if (so_tok_is(d, i + 1, "em") || so_tok_is(d, i + 1, "n") || so_tok_is(d, i + 1, "til") ||
            so_tok_is(d, i + 1, "cause"))
            return 1;
    }
    return 0;
}

typedef struct pair_state {
    uint32_t stack[MAX_DEPTH];
    uint8_t dbl[MAX_DEPTH];
    int depth;
    long cur_q; /* open top-level quotation, or -1 */
} pair_state;

static int new_quotation(so_doc *d, size_t open_tok, int dbl)
{
    if (so_grow(&d->q, &d->cap_q, d->nq + 1, sizeof *d->q, SO_MAX_TOKENS))
        return -1;
    so_quotation *q = &d->q[d->nq++];
    memset(q, 0, sizeof *q);
    q->open_tok = (uint32_t)open_tok;
    q->close_tok = UINT32_MAX;
    q->dbl = (uint8_t)dbl;
    return 0;
}

static int do_open(so_doc *d, pair_state *st, size_t i, int dbl)
{
    if (st->depth >= MAX_DEPTH) {
        d->tok[i].qm = SO_QM_STRAY;
        return 0;
    }
    if (st->depth == 0) {
        if (new_quotation(d, i, dbl))
            return -1;
        st->cur_q = (long)d->nq - 1;
    }
    st->stack[st->depth] = (uint32_t)i;
    st->dbl[st->depth++] = (uint8_t)dbl;
    d->tok[i].qm = SO_QM_OPEN;
    return 0;
}

/* Close the innermost open mark of the same kind; marks opened inside it
** and never closed become stray. Returns 1 when something was closed. */
static int do_close(so_doc *d, pair_state *st, size_t i, int dbl)
{
    int k = st->depth - 1;
    while (k >= 0 && st->dbl[k] != dbl)
        k--;
    if (k < 0)
        return 0;
    for (int j = k + 1; j < st->depth; j++)
        d->tok[st->stack[j]].qm = SO_QM_STRAY;
    st->depth = k;
    d->tok[i].qm = SO_QM_CLOSE;
    if (k == 0 && st->cur_q >= 0) {
        d->q[st->cur_q].close_tok = (uint32_t)i;
        st->cur_q = -1;
    }
    return 1;
}

static int handle_single(so_doc *d, pair_state *st, size_t i, int dir)
{
    int open_ok = is_open_context(d, i) && !next_is_space(d, i);
    int close_ok = !is_open_context(d, i);
    int single_open = 0;
    for (int k = 0; k < st->depth; k++)
        if (!st->dbl[k])
            single_open = 1;
    if (looks_apostrophe(d, i) && !(dir == 1 && !open_ok)) {
        d->tok[i].qm = SO_QM_APOS;
        return 0;
    }
    if (dir != 1 && close_ok && single_open && do_close(d, st, i, 0))
        return 0;
    if (dir != 2 && open_ok)
        return do_open(d, st, i, 0);
    d->tok[i].qm = close_ok ? SO_QM_APOS : SO_QM_STRAY;
    return 0;
}

static int handle_double(so_doc *d, pair_state *st, size_t i, int dir)
{
    int open_ok = is_open_context(d, i);
    int close_ok = !open_ok || next_is_space(d, i);
    int dbl_open = 0;
    for (int k = 0; k < st->depth; k++)
        if (st->dbl[k])
            dbl_open = 1;
    if (dir == 3) {
        /* straight quotes: spacing decides, the stack breaks ties */
        if (dbl_open && (close_ok || !open_ok))
            dir = 2;
        else if (open_ok && !dbl_open)
            dir = 1;
        else
            dir = dbl_open ? 2 : 1;
    }
    if (dir == 2 && !dbl_open && open_ok &&
        (!next_is_space(d, i) || (d->tok[i].flags & SO_TF_PARA_START)))
        dir = 1; /* a closing glyph used to open, as some sites do */
    else if (dir == 1 && dbl_open && !open_ok && (next_is_space(d, i) || next_is_punct(d, i)))
        dir = 2; /* „German“ closes with the English opening glyph („Q“, he said) */
    if (dir == 2) {
        if (!do_close(d, st, i, 1))
            d->tok[i].qm = SO_QM_STRAY;
        return 0;
    }
    if (dbl_open && st->depth == 1 && next_is_space(d, i)) {
        d->tok[i].qm = SO_QM_STRAY;
        return 0;
    }
    return do_open(d, st, i, 1);
}

/* At a paragraph boundary: keep a quotation open if the next paragraph
** opens with a mark of the same kind, else drop the unclosed marks. */
static void paragraph_end(so_doc *d, pair_state *st, size_t next_para_tok)
{
    if (st->depth == 0)
        return;
    int dbl;
    int cont = st->cur_q >= 0 && next_para_tok < d->ntok &&
               d->tok[next_para_tok].kind == SO_TK_QUOTE &&
               glyph_dir(d, next_para_tok, &dbl) != 2 && dbl == st->dbl[0];
    if (cont) {
        for (int j = 1; j < st->depth; j++)
            d->tok[st->stack[j]].qm = SO_QM_STRAY;
        st->depth = 1;
        d->q[st->cur_q].multi_para = 1;
        d->tok[next_para_tok].qm = SO_QM_OPEN;
        return;
    }
    for (int j = 0; j < st->depth; j++)
        d->tok[st->stack[j]].qm = SO_QM_STRAY;
    if (st->cur_q >= 0)
        d->q[st->cur_q].close_tok = UINT32_MAX; /* unclosed: dropped below */
    st->depth = 0;
    st->cur_q = -1;
}

static int pair_marks(so_doc *d)
{
    pair_state st = {.depth = 0, .cur_q = -1};
    for (size_t p = 0; p < d->npara; p++) {
        size_t b = d->para[p].b, e = d->para[p].e;
        /* a continuation opener was consumed by paragraph_end */
        size_t first = (st.depth > 0) ? b + 1 : b;
        for (size_t i = first; i < e; i++) {
            if (d->tok[i].kind != SO_TK_QUOTE)
                continue;
            int dbl, dir = glyph_dir(d, i, &dbl);
            int rc = dbl ? handle_double(d, &st, i, dir) : handle_single(d, &st, i, dir);
            if (rc)
                return -1;
        }
        paragraph_end(d, &st, e);
    }
    return 0;
}

/* Remove quotations that never closed and fill per-token membership. */
static void finish_quotations(so_doc *d)
{
    size_t w = 0;
    for (size_t k = 0; k < d->nq; k++) {
        if (d->q[k].close_tok == UINT32_MAX) {
            d->tok[d->q[k].open_tok].qm = SO_QM_STRAY;
            continue;
        }
        d->q[w++] = d->q[k];
    }
    d->nq = w;
    for (size_t k = 0; k < d->nq; k++) {
        so_quotation *q = &d->q[k];
        int depth = 0;
        for (size_t i = q->open_tok; i <= q->close_tok; i++) {
            so_tok *t = &d->tok[i];
            if (t->qm == SO_QM_OPEN && !(i > q->open_tok && t->flags & SO_TF_PARA_START))
                depth++;
            t->quote = (int32_t)k;
            t->inq = (uint8_t)(depth > 255 ? 255 : depth);
            if (t->kind == SO_TK_WORD || t->kind == SO_TK_NUM)
                q->n_words++;
            if (t->qm == SO_QM_CLOSE)
                depth--;
        }
    }
}

int so_quote_pair(so_doc *d)
{
    if (pair_marks(d))
        return -1;
    finish_quotations(d);
    so_cue_mark(d);
    return 0;
}
