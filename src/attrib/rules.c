/*
** rules.c -- attribution rules for direct and mixed quotes. For every
** top-level quotation it looks at the text before it in its sentence (the
** "before frame") and after it (the "after frame") for a cue verb with a
** source noun phrase, in the patterns of news writing:
**     "Q," he said.            "Q," said Jane Doe, a lawyer.
**     Jane Doe said: "Q"       According to Doe, "Q"
**     She called it "Q."       X is "Q," she said.
** A quotation with no cue of its own that follows an attributed quote in the
** same or the next paragraph continues that attribution (one attribution,
** several content spans).
*/
#include "attrib/attrib.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "quote/quote.h"

#define NP_MAX 14

typedef struct frames {
    size_t bb, be; /* before frame [bb, be) */
    size_t ab, ae; /* after frame [ab, ae) */
    size_t sent_end;
} frames;

static int word_in(const so_doc *d, size_t i, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (so_tok_is(d, i, list[k]))
            return 1;
    return 0;
}

static const char *const determiners[] = {"the", "a", "an", "his", "her", "its", "their",
                                          "our", "my", "your", "this", "these", "those",
                                          "another", "one", "some", "two", "three", NULL};
static const char *const preps[] = {"of", "for", "at", "in", "from", "on", "with", "to",
                                    "by", NULL};
static const char *const stops[] = {
    "and", "or", "but", "that", "which", "who", "whom", "whose", "when", "where", "while",
    "because", "as", "if", "than", "so", "not", "no", "there", "here", "what", "how", "why",
    "after", "before", "since", "though", "although", "until", "even", "just", "said", "says",
    "is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "could",
    "can", "should", "did", "does", "do", "may", "might", "must", "this", "it", "him",
    "them", "me", "us", "told", "also", "then", "about", "into", "over", "like", NULL};

static int is_det(const so_doc *d, size_t i) { return word_in(d, i, determiners); }
static int is_prep(const so_doc *d, size_t i) { return word_in(d, i, preps); }

static int is_wordtok(const so_doc *d, size_t i)
{
    int k = d->tok[i].kind;
    return k == SO_TK_WORD || k == SO_TK_NUM;
}

static int is_punct(const so_doc *d, size_t i, const char *p)
{
    return so_tok_is_exact(d, i, p);
}

/* A lower-case -ed/-ing word: probably a verb, which ends a noun phrase. */
static int verbish(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    if (d->tok[i].flags & SO_TF_CAP)
        return 0;
    return (n > 4 && !memcmp(s + n - 2, "ed", 2)) || (n > 5 && !memcmp(s + n - 3, "ing", 3));
}

/* Can token i sit inside a source noun phrase? */
static int np_token(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind == SO_TK_QUOTE)
        return t->qm == SO_QM_APOS;
    if (!is_wordtok(d, i) && !(t->kind == SO_TK_DASH && !(t->flags & SO_TF_SPACE_BEFORE)))
        return 0;
    if (t->inq)
        return 0;
    if (t->flags & SO_TF_CAP)
        return !so_cue_class(d, i) || !(t->flags & SO_TF_SENT_START) ? 1 : 0;
    return !word_in(d, i, stops) && !so_cue_class(d, i);
}

/* Start of the noun phrase that ends just before token end (not before
** lim); returns end when there is none. */
static size_t np_left(const so_doc *d, size_t end, size_t lim)
{
    if (end <= lim)
        return end;
    if (so_cue_is_pronoun(d, end - 1))
        return end - 1;
    size_t b = end;
    while (b > lim && end - b < NP_MAX && np_token(d, b - 1) && !so_cue_is_pronoun(d, b - 1)) {
        if (verbish(d, b - 1) && !(b - 1 > lim && is_det(d, b - 2)) && b < end)
            break;
        b--;
    }
    while (b < end && (is_prep(d, b) || d->tok[b].kind == SO_TK_QUOTE ||
                       (d->tok[b].flags & SO_TF_CLITIC)))
        b++;
    return b;
}

/* End of the appositive that starts at the comma i (", a lawyer ..."), or i
** when there is none. Runs to the end of the sentence, a dash or a quote. */
static size_t appositive_right(const so_doc *d, size_t i, size_t lim)
{
    if (i + 1 >= lim || !is_punct(d, i, ","))
        return i;
    size_t j = i + 1;
    if (d->tok[j].kind != SO_TK_WORD || verbish(d, j) ||
        so_tok_is(d, j, "whose") || so_tok_is(d, j, "which") || so_tok_is(d, j, "where") ||
        so_tok_is(d, j, "when") || so_tok_is(d, j, "and") || so_tok_is(d, j, "but") ||
        so_tok_is(d, j, "adding") || so_tok_is(d, j, "saying") || so_cue_is_pronoun(d, j))
        return i;
    size_t e = j;
    while (e < lim && d->tok[e].kind != SO_TK_DASH && d->tok[e].kind != SO_TK_QUOTE &&
           !(is_punct(d, e, ".") || is_punct(d, e, ";") || is_punct(d, e, ",")) && e - j < 20)
        e++;
    return e;
}

/* End of the noun phrase that starts at token b (inverted "said Jane Doe"). */
static size_t np_right(const so_doc *d, size_t b, size_t lim)
{
    size_t e = b;
    if (b < lim && so_cue_is_pronoun(d, b))
        return b + 1;
    while (e < lim && e - b < NP_MAX && np_token(d, e) && !so_cue_is_pronoun(d, e) &&
           !(e > b && verbish(d, e)))
        e++;
    while (e > b && is_prep(d, e - 1))
        e--;
    if (e > b)
        e = appositive_right(d, e, lim);
    return e;
}

/* Skip adverbs and auxiliaries left of the cue verb c (not below lim). */
static size_t cue_left_edge(const so_doc *d, size_t c, size_t lim)
{
    size_t b = c;
    while (b > lim && (so_cue_is_adverb(d, b - 1) || so_cue_is_aux(d, b - 1)) && c - b < 4)
        b--;
    return b;
}

static int is_according(const so_doc *d, size_t i, size_t lim)
{
    return i + 1 < lim && so_tok_is(d, i, "according") && so_tok_is(d, i + 1, "to");
}

static so_attr *new_attr(so_attrs *out, size_t cb, size_t ce, size_t sb, size_t se, float conf)
{
    so_attr *a = so_attr_push(out);
    if (!a)
        return NULL;
    a->cue = (so_range){(uint32_t)cb, (uint32_t)ce};
    a->source = (so_range){(uint32_t)sb, (uint32_t)se};
    a->conf = conf;
    return a;
}

/* Trim trailing sentence punctuation (outside quotes) from [b, e). */
static size_t trim_end(const so_doc *d, size_t b, size_t e)
{
    while (e > b && d->tok[e - 1].kind == SO_TK_PUNCT && !d->tok[e - 1].inq &&
           !is_punct(d, e - 1, ")"))
        e--;
    return e;
}

static void compute_frames(const so_doc *d, size_t qi, frames *f)
{
    const so_quotation *q = &d->q[qi];
    size_t open = q->open_tok, close = q->close_tok;
    size_t sb = d->sent[d->tok[open].sent].b;
    f->bb = sb;
    if (qi > 0 && d->q[qi - 1].close_tok + 1 > sb)
        f->bb = d->q[qi - 1].close_tok + 1;
    f->be = open;
    f->sent_end = d->sent[d->tok[close].sent].e;
    f->ab = close + 1;
    f->ae = f->sent_end;
    if (qi + 1 < d->nq && d->q[qi + 1].open_tok < f->ae)
        f->ae = d->q[qi + 1].open_tok;
    if (f->ab > f->ae)
        f->ab = f->ae;
}

/* Before frame ends with "SOURCE CUE [OBJ] [,:]" or "According to SOURCE,".
** Fills the cue and source; returns the cue token or SIZE_MAX. */
static size_t cue_before(const so_doc *d, const frames *f, so_range *cue, so_range *src)
{
    size_t e = f->be;
    while (e > f->bb && (is_punct(d, e - 1, ",") || is_punct(d, e - 1, ":") ||
                         d->tok[e - 1].kind == SO_TK_DASH))
        e--;
    for (size_t k = f->bb; k + 1 < e; k++)
        if (is_according(d, k, e)) {
            size_t ne = np_right(d, k + 2, e);
            if (ne == e && ne > k + 2) {
                *cue = (so_range){(uint32_t)k, (uint32_t)k + 2};
                *src = (so_range){(uint32_t)k + 2, (uint32_t)ne};
                return k;
            }
        }
    for (size_t c = e; c-- > f->bb && e - c <= 6;) {
        int cls = so_cue_class(d, c);
        if (!cls || (c > f->bb && is_det(d, c - 1)))
            continue;
        size_t obj_end = c + 1 < e ? np_right(d, c + 1, e) : e;
        if (obj_end != e && !(so_tok_is(d, e - 1, "that") && e - 1 == c + 1))
            continue;
        size_t cb = cue_left_edge(d, c, f->bb);
        size_t sb = np_left(d, cb, f->bb);
        *cue = (so_range){(uint32_t)cb, (uint32_t)c + 1};
        *src = (so_range){(uint32_t)sb, (uint32_t)cb};
        return c;
    }
    return SIZE_MAX;
}

/* After frame holds "[, ]SOURCE CUE" or "[, ]CUE SOURCE" right after the
** quotation or after a comma. *lead is set to the first token of the
** matched clause. Returns the cue token or SIZE_MAX. */
static size_t cue_after(const so_doc *d, const frames *f, so_range *cue, so_range *src,
                        size_t *lead)
{
    size_t a = f->ab;
    for (size_t start = a; start < f->ae && start - a < 30; start++) {
        if (start > a && !is_punct(d, start - 1, ","))
            continue;
        size_t s0 = start;
        while (s0 < f->ae && (is_punct(d, s0, ",") || d->tok[s0].kind == SO_TK_DASH))
            s0++;
        if (s0 >= f->ae)
            break;
        if (is_according(d, s0, f->ae)) {
            size_t ne = np_right(d, s0 + 2, f->ae);
            if (ne > s0 + 2) {
                *cue = (so_range){(uint32_t)s0, (uint32_t)s0 + 2};
                *src = (so_range){(uint32_t)s0 + 2, (uint32_t)ne};
                *lead = start;
                return s0;
            }
        }
        size_t c0 = s0;
        while (c0 < f->ae && so_cue_is_adverb(d, c0))
            c0++;
        if (c0 < f->ae && so_cue_class(d, c0) == SO_CUE_SPEECH && !so_cue_is_pronoun(d, c0)) {
            size_t ne = np_right(d, c0 + 1, f->ae);
            *cue = (so_range){(uint32_t)s0, (uint32_t)c0 + 1};
            *src = (so_range){(uint32_t)c0 + 1, (uint32_t)ne};
            *lead = start;
            return c0;
        }
        for (size_t c = s0 + 1; c < f->ae && c - s0 <= NP_MAX + 4; c++) {
            if (!so_cue_class(d, c) || is_det(d, c - 1))
                continue;
            size_t cb = cue_left_edge(d, c, s0);
            if (np_left(d, cb, s0) == s0 && cb > s0) {
                *cue = (so_range){(uint32_t)cb, (uint32_t)c + 1};
                *src = (so_range){(uint32_t)s0, (uint32_t)cb};
                *lead = start;
                return c;
            }
            break;
        }
    }
    return SIZE_MAX;
}

/* A cue inside the before frame governs the quotation (mixed quote):
** "She called the report "a work of fiction"". Returns the cue token. */
static size_t cue_inside(const so_doc *d, const frames *f, so_range *cue, so_range *src)
{
    for (size_t c = f->be; c-- > f->bb;) {
        if (!so_cue_class(d, c) || (c > f->bb && is_det(d, c - 1)))
            continue;
        if (d->tok[c].flags & SO_TF_CAP && c != f->bb)
            continue;
        size_t cb = cue_left_edge(d, c, f->bb);
        size_t sb = np_left(d, cb, f->bb);
        if (sb == cb)
            continue;
        *cue = (so_range){(uint32_t)cb, (uint32_t)c + 1};
        *src = (so_range){(uint32_t)sb, (uint32_t)cb};
        return c;
    }
    return SIZE_MAX;
}

/* Does the before frame hold nothing but punctuation? */
static int frame_empty(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (is_wordtok(d, i))
            return 0;
    return 1;
}

/* End of a mixed quote's content: the end of the sentence, or before a
** following ", and CUE" / "and CUE" clause. */
static size_t mixed_end(const so_doc *d, size_t from, size_t sent_end)
{
    for (size_t i = from; i + 1 < sent_end; i++) {
        if (d->tok[i].inq || !so_tok_is(d, i, "and"))
            continue;
        size_t c = i + 1;
        while (c < sent_end && c - i < 3 && so_cue_is_adverb(d, c))
            c++;
        if (c < sent_end && so_cue_class(d, c)) {
            size_t e = i;
            if (e > from && is_punct(d, e - 1, ","))
                e--;
            return e;
        }
    }
    return trim_end(d, from, sent_end);
}

typedef struct ctx {
    const so_doc *d;
    so_attrs *out;
    uint8_t *used; /* quotations already inside some attribution's content */
    long last;     /* last attribution made from a quotation, or -1 */
} ctx;

static void mark_used(ctx *x, const so_attr *a)
{
    for (size_t k = 0; k < x->d->nq; k++)
        for (size_t r = 0; r < a->ncontent; r++)
            if (x->d->q[k].open_tok >= a->content[r].b && x->d->q[k].open_tok < a->content[r].e)
                x->used[k] = 1;
}

static int emit(ctx *x, size_t qi, so_range cue, so_range src, size_t cb, size_t ce, float conf)
{
    so_attr *a = new_attr(x->out, cue.b, cue.e, src.b, src.e, conf);
    if (!a)
        return -1;
    so_attr_add_content(a, (so_range){(uint32_t)cb, (uint32_t)ce});
    a->quote_last = (uint32_t)qi;
    mark_used(x, a);
    x->last = (long)x->out->n - 1;
    return 0;
}

/* Continue the last attribution with quotation qi when it directly follows
** it (same paragraph, or the next one). Returns 1 when it did. */
static int continue_last(ctx *x, size_t qi, const frames *f)
{
    if (x->last < 0 || !frame_empty(x->d, f->bb, f->be))
        return 0;
    so_attr *a = &x->out->a[x->last];
    const so_doc *d = x->d;
    if (a->quote_last == UINT32_MAX || a->ncontent >= SO_MAX_FRAGS)
        return 0;
    size_t prev_end = a->content[a->ncontent - 1].e;
    if (a->cue.e > prev_end)
        prev_end = a->cue.e;
    if (a->source.e > prev_end)
        prev_end = a->source.e;
    uint32_t pp = d->tok[prev_end - 1].para, qp = d->tok[d->q[qi].open_tok].para;
    if (qp != pp && qp != pp + 1)
        return 0;
    /* nothing but the previous sentence may sit between them */
    for (size_t i = prev_end; i < d->q[qi].open_tok; i++)
        if (is_wordtok(d, i) && !d->tok[i].inq && d->tok[i].sent != d->tok[prev_end - 1].sent)
            return 0;
    size_t e = d->q[qi].close_tok + 1;
    if (frame_empty(d, f->ab, f->ae))
        e = d->q[qi].close_tok + 1;
    so_attr_add_content(a, (so_range){d->q[qi].open_tok, (uint32_t)e});
    a->quote_last = (uint32_t)qi;
    x->used[qi] = 1;
    return 1;
}

static int attribute_quote(ctx *x, size_t qi)
{
    const so_doc *d = x->d;
    const so_quotation *q = &d->q[qi];
    frames f;
    so_range cue, src;
    size_t lead;
    compute_frames(d, qi, &f);
    int before_empty = frame_empty(d, f.bb, f.be);
    size_t qb = q->open_tok, qe = q->close_tok + 1;
    size_t c = cue_before(d, &f, &cue, &src);
    if (c != SIZE_MAX) {
        if (c + 2 == f.be + 0 && so_tok_is(d, c + 1, "that"))
            return emit(x, qi, cue, src, c + 1, mixed_end(d, qe, f.sent_end), 0.8f);
        return emit(x, qi, cue, src, qb, qe, 0.9f);
    }
    c = cue_after(d, &f, &cue, &src, &lead);
    if (c != SIZE_MAX) {
        if (before_empty && lead == f.ab)
            return emit(x, qi, cue, src, qb, qe, 0.9f);
        if (!before_empty && lead == f.ab)
            return emit(x, qi, cue, src, f.bb, qe, 0.7f);
        if (before_empty)
            return emit(x, qi, cue, src, qb, trim_end(d, qb, lead), 0.7f);
        return emit(x, qi, cue, src, f.bb, trim_end(d, f.bb, lead), 0.65f);
    }
    if (continue_last(x, qi, &f))
        return 0;
    c = cue_inside(d, &f, &cue, &src);
    if (c != SIZE_MAX) {
        size_t cb = c + 1;
        while (cb < qb && (is_punct(d, cb, ",") || is_punct(d, cb, ":")))
            cb++;
        return emit(x, qi, cue, src, cb, mixed_end(d, qe, f.sent_end), 0.7f);
    }
    (void)before_empty;
    return 0;
}

int so_attr_rules(const so_doc *d, so_attrs *out)
{
    ctx x = {d, out, NULL, -1};
    if (d->nq == 0)
        return 0;
    x.used = calloc(d->nq, 1);
    if (!x.used)
        return -1;
    int rc = 0;
    for (size_t qi = 0; qi < d->nq && !rc; qi++) {
        if (x.used[qi])
            continue;
        rc = attribute_quote(&x, qi);
    }
    free(x.used);
    return rc;
}
