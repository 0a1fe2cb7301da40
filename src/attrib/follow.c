/*
** follow.c -- what follows a quotation and is more of the same content.
** A quotation with no cue of its own that opens the paragraph after
** reported speech ends one: "The harbour master said the wall had failed
** twice this winter." and then, as the next paragraph, "“It was never
** built for storms like these.”". The quotation is more of the same
** words, a content fragment of that attribution, as PolNeAR annotates it.
** The rules do this for a quotation after a quotation (rules.c,
** continue_last); this runs after the model's attributions have joined
** them. And the phrase after a quotation that ends a content in mid
** sentence: 'noted "isolated incidents" of intimidation in the north'.
*/
#include "attrib/attrib.h"
#include "quote/quote.h"

#include <stdlib.h>

/* Does any fragment of a's content hold a quotation mark? */
static int has_quote(const so_doc *d, const so_attr *a)
{
    for (size_t k = 0; k < a->ncontent; k++)
        for (size_t i = a->content[k].b; i < a->content[k].e; i++)
            if (so_tok_is_qmark(d, i))
                return 1;
    return 0;
}

/* The end of a's last content fragment. */
static size_t content_end(const so_attr *a)
{
    return a->ncontent ? a->content[a->ncontent - 1].e : 0;
}

/* Does a's content run to the last word of its paragraph p (only
** punctuation after it)? */
static int ends_para(const so_doc *d, const so_attr *a, size_t p)
{
    size_t e = content_end(a);
    if (!e || d->tok[e - 1].para != p)
        return 0;
    for (size_t i = e; i < d->para[p].e; i++)
        if (d->tok[i].kind == SO_TK_WORD || d->tok[i].kind == SO_TK_NUM)
            return 0;
    return 1;
}

/* in[i] > 0 for each token i inside some attribution's content, cue or
** source: counted with a difference array, so the cost is linear however
** the spans overlap. */
static int *covered(const so_doc *d, const so_attrs *as)
{
    int *in = calloc(d->ntok + 1, sizeof *in);
    if (!in)
        return NULL;
    for (size_t k = 0; k < as->n; k++) {
        const so_attr *a = &as->a[k];
        for (size_t j = 0; j < a->ncontent; j++) {
            in[a->content[j].b]++;
            in[a->content[j].e]--;
        }
        in[a->cue.b]++, in[a->cue.e]--;
        in[a->source.b]++, in[a->source.e]--;
    }
    for (size_t i = 1; i <= d->ntok; i++)
        in[i] += in[i - 1];
    return in;
}

/* last[p]: the attribution whose content ends latest in paragraph p, or
** -1. */
static long *last_by_para(const so_doc *d, const so_attrs *as)
{
    long *last = malloc((d->npara + 1) * sizeof *last);
    if (!last)
        return NULL;
    for (size_t p = 0; p < d->npara; p++)
        last[p] = -1;
    for (size_t k = 0; k < as->n; k++) {
        size_t e = content_end(&as->a[k]);
        if (!e)
            continue;
        size_t p = d->tok[e - 1].para;
        if (last[p] < 0 || content_end(&as->a[last[p]]) < e)
            last[p] = (long)k;
    }
    return last;
}

/* Is the rest of quotation qi's last paragraph after it without words
** outside quotation marks (no cue of its own after it: ""Q?" Reyes
** said of the plan"; no "(a poster's caption)" after it)? */
static int ends_alone(const so_doc *d, size_t qi)
{
    size_t c = d->q[qi].close_tok, p = d->tok[c].para;
    for (size_t i = c + 1; i < d->para[p].e; i++)
        if ((d->tok[i].kind == SO_TK_WORD || d->tok[i].kind == SO_TK_NUM) && !d->tok[i].inq)
            return 0;
    return 1;
}

int so_attr_follow_quotes(const so_doc *d, so_attrs *as)
{
    if (!d->nq || !as->n)
        return 0;
    int *in = covered(d, as);
    long *last = last_by_para(d, as);
    unsigned char *more = calloc(d->npara + 1, 1); /* last[p] took a quotation here */
    if (!in || !last || !more) {
        free(in);
        free(last);
        free(more);
        return -1;
    }
    for (size_t qi = 0; qi < d->nq; qi++) {
        size_t o = d->q[qi].open_tok, c = d->q[qi].close_tok, p = d->tok[o].para;
        if (p == 0 || o != d->para[p].b || in[o] || in[c] || last[p - 1] < 0 ||
            !ends_alone(d, qi) || (d->tok[o + 1].flags & SO_TF_ALLCAP))
            continue;
        so_attr *a = &as->a[last[p - 1]];
        if (a->source.e <= a->source.b || a->ncontent >= SO_MAX_FRAGS ||
            (!more[p - 1] && has_quote(d, a)) || !ends_para(d, a, p - 1))
            continue;
        so_attr_add_content(a, (so_range){(uint32_t)o, (uint32_t)(c + 1)});
        size_t cp = d->tok[c].para;
        if (ends_para(d, a, cp)) {
            last[cp] = last[p - 1]; /* the next paragraph's quotation may go on */
            more[cp] = 1;
        }
    }
    free(in);
    free(last);
    free(more);
    return 0;
}

/* Does [b, e) name a time or the occasion of the words ("in a tweet",
** "on Tuesday night", "in an interview"), which a quotation's content
** leaves out? */
static int time_or_occasion(const so_doc *d, size_t b, size_t e)
{
    static const char *const words[] = {
        "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december", "morning", "afternoon", "evening", "night",
        "week", "weekend", "month", "year", "time", "interview", "tweet", "statement",
        "post", "speech", "show", "response", "book", "letter", "email", "video", "broadcast",
        "podcast", "briefing", "programme", "program", "reply", "debate", NULL};
    for (size_t i = b; i < e; i++)
        if (so_cue_is_weekday(d, i) || so_tok_in(d, i, words))
            return 1;
    return 0;
}

/* The end of the phrase that opens with a lower-case preposition or a
** relative pronoun ("that", "which", "who") right after the closing mark
** at c, up to a comma, semicolon, colon, dash, bracket or its sentence's
** end (at most 24 tokens): c + 1
** when there is none or it is a time, an occasion, a "to" before a verb,
** or holds a word of another attribution (in). */
static size_t tail_end(const so_doc *d, const int *in, size_t c)
{
    static const char *const prep[] = {"of",   "in",    "at",   "about", "for",  "on",
                                       "over", "from",  "to",   "with",  "against", "among",
                                       "that", "which", "who",  NULL};
    size_t b = c + 1, e = b, s = d->tok[c].sent;
    if (b + 1 >= d->ntok || d->tok[b].sent != s || d->tok[b].inq || !so_tok_in(d, b, prep) ||
        (d->tok[b].flags & SO_TF_CAP) || d->tok[c - 1].kind == SO_TK_PUNCT ||
        (so_tok_is(d, b, "to") && so_cue_class(d, b + 1)))
        return b;
    while (e < d->ntok && d->tok[e].sent == s && e - b < 24 &&
           (d->tok[e].kind == SO_TK_WORD || d->tok[e].kind == SO_TK_NUM ||
            (d->tok[e].kind == SO_TK_QUOTE && !so_tok_is_qmark(d, e))))
        e++; /* words, numbers and apostrophes ("the voters' choice") */
    if (e == b + 1 || e - b >= 24 ||
        (e < d->ntok && d->tok[e].sent == s && d->tok[e].kind != SO_TK_PUNCT &&
         d->tok[e].kind != SO_TK_DASH))
        return b; /* not at a word, a number or a quotation: 'as "kind" with a "warm smile"' */
    for (size_t i = b; i < e; i++)
        if (in[i])
            return b;
    return time_or_occasion(d, b, e) ? b : e;
}

int so_attr_quote_tails(const so_doc *d, so_attrs *as)
{
    if (!d->nq || !as->n)
        return 0;
    int *in = covered(d, as);
    if (!in)
        return -1;
    for (size_t k = 0; k < as->n; k++) {
        so_attr *a = &as->a[k];
        if (!a->ncontent)
            continue;
        so_range *f = &a->content[a->ncontent - 1];
        size_t c = f->e - 1;
        if (d->tok[c].qm != SO_QM_CLOSE || c == 0 || a->cue.b > c)
            continue;
        size_t e = tail_end(d, in, c);
        if (e > c + 1)
            f->e = (uint32_t)e;
    }
    free(in);
    return 0;
}
