/*
** sentence.c -- paragraph and sentence boundaries over the token stream.
** Paragraphs are separated by blank lines (or by single newlines in texts
** that have no blank line). Sentences end at . ! ? ... (with any closing
** quotes and brackets that follow) unless an abbreviation, an initial or a
** lower-case continuation says otherwise.
*/
#include "text/doc.h"

#include <string.h>

#include "base/util.h"

/* Abbreviations after which a capitalised word does NOT start a sentence. */
static const char *const titles[] = {
    "mr.", "mrs.", "ms.", "dr.", "gov.", "sen.", "rep.", "reps.", "sens.", "st.", "gen.",
    "lt.", "col.", "sgt.", "capt.", "cmdr.", "adm.", "maj.", "prof.", "rev.", "hon.", "pres.",
    "supt.", "atty.", "messrs.", "no.", "nos.", "mt.", "ft.", "vs.", "jan.", "feb.", "aug.",
    "sept.", "sep.", "oct.", "nov.", "dec.", "e.g.", "i.e.", NULL};

/* Words that commonly open a sentence: after an ambiguous abbreviation such
** as "U.S." or "Inc.", one of these means the sentence ended. */
static const char *const starters[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in", "this",
    "that", "there", "his", "her", "their", "its", "as", "at", "on", "for", "if", "when",
    "while", "after", "before", "some", "many", "most", "one", "what", "why", "how", "yet",
    "so", "still", "no", "not", "those", "these", "you", "our", "my", "mr.", "mrs.", "ms.",
    "dr.", NULL};

static int in_list(const so_doc *d, size_t i, const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (so_tok_is(d, i, list[k]))
            return 1;
    return 0;
}

static int is_closer(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind == SO_TK_QUOTE)
        return !(t->flags & SO_TF_SPACE_BEFORE);
    return so_tok_is_exact(d, i, ")") || so_tok_is_exact(d, i, "]");
}

static int is_terminal(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind != SO_TK_PUNCT)
        return 0;
    const char *s = so_tok_str(d, i);
    return s[0] == '.' || s[0] == '!' || s[0] == '?' || !memcmp(s, "\xe2\x80\xa6", 3);
}

/* Does a sentence start at token j, right after terminal material? */
static int starts_sentence(const so_doc *d, size_t j)
{
    const so_tok *t = &d->tok[j];
    if (!(t->flags & SO_TF_SPACE_BEFORE))
        return 0;
    if (t->kind == SO_TK_QUOTE || t->kind == SO_TK_NUM || t->kind == SO_TK_DASH)
        return 1;
    if (so_tok_is_exact(d, j, "(") || so_tok_is_exact(d, j, "["))
        return 1;
    return (t->flags & SO_TF_CAP) != 0;
}

/* Does the abbreviation token i end the sentence before token j? */
static int abbrev_ends(const so_doc *d, size_t i, size_t j)
{
    if (so_tok_len(d, i) == 2 && (d->tok[i].flags & SO_TF_CAP))
        return 0; /* an initial: J. Smith */
    if (in_list(d, i, titles))
        return 0;
    /* "until 2 a.m. "It was ..."": a quotation opens the next sentence */
    if (d->tok[j].kind == SO_TK_QUOTE && (d->tok[j].flags & SO_TF_SPACE_BEFORE))
        return 1;
    return in_list(d, j, starters);
}

static int push_range(so_range **a, size_t *n, size_t *cap, size_t b, size_t e)
{
    if (so_grow(a, cap, *n + 1, sizeof **a, SO_MAX_TOKENS))
        return -1;
    (*a)[*n].b = (uint32_t)b;
    (*a)[*n].e = (uint32_t)e;
    (*n)++;
    return 0;
}

/* Blank lines separate paragraphs. A single newline does too when the
** line before ends a sentence or quotation or the new line opens with a
** quotation mark or dash; otherwise it is hard wrapping inside a paragraph
** (texts without any blank line take every newline as a break). */
static void mark_paragraphs(so_doc *d)
{
    int blank = 0;
    for (size_t i = 1; i < d->ntok; i++)
        if (d->tok[i].flags & SO_TF_PARA_START)
            blank = 1;
    for (size_t i = 1; i < d->ntok; i++) {
        so_tok *t = &d->tok[i];
        if (!(t->flags & SO_TF_NL_BEFORE) || (t->flags & SO_TF_PARA_START))
            continue;
        if (!blank || is_terminal(d, i - 1) || d->tok[i - 1].kind == SO_TK_QUOTE ||
            t->kind == SO_TK_QUOTE || t->kind == SO_TK_DASH || so_tok_is_exact(d, i - 1, ":"))
            t->flags |= SO_TF_PARA_START;
    }
    if (d->ntok)
        d->tok[0].flags |= SO_TF_PARA_START;
}

/* Index of the first token after sentence-final material that starts at i,
** or 0 when no sentence ends there. */
static size_t sentence_end_after(const so_doc *d, size_t i)
{
    size_t j = i;
    if (d->tok[i].flags & SO_TF_ABBREV) {
        j = i + 1;
        if (j < d->ntok && !(d->tok[j].flags & SO_TF_PARA_START) &&
            (!starts_sentence(d, j) || !abbrev_ends(d, i, j)))
            return 0;
        return j;
    }
    if (!is_terminal(d, i))
        return 0;
    j = i + 1;
    while (j < d->ntok && (is_terminal(d, j) || is_closer(d, j)) &&
           !(d->tok[j].flags & SO_TF_PARA_START))
        j++;
    if (j < d->ntok && !(d->tok[j].flags & SO_TF_PARA_START) && !starts_sentence(d, j))
        return 0;
    return j;
}

int so_sent_split(so_doc *d)
{
    mark_paragraphs(d);
    size_t sb = 0, pb = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        if (i > 0 && (d->tok[i].flags & SO_TF_PARA_START)) {
            if (i > sb && push_range(&d->sent, &d->nsent, &d->cap_sent, sb, i))
                return -1;
            if (push_range(&d->para, &d->npara, &d->cap_para, pb, i))
                return -1;
            sb = pb = i;
        }
        size_t j = sentence_end_after(d, i);
        if (j > i && j < d->ntok && !(d->tok[j].flags & SO_TF_PARA_START)) {
            if (push_range(&d->sent, &d->nsent, &d->cap_sent, sb, j))
                return -1;
            sb = j;
            i = j - 1;
        }
    }
    if (d->ntok > sb && push_range(&d->sent, &d->nsent, &d->cap_sent, sb, d->ntok))
        return -1;
    if (d->ntok > pb && push_range(&d->para, &d->npara, &d->cap_para, pb, d->ntok))
        return -1;
    for (size_t s = 0; s < d->nsent; s++) {
        d->tok[d->sent[s].b].flags |= SO_TF_SENT_START;
        for (size_t i = d->sent[s].b; i < d->sent[s].e; i++)
            d->tok[i].sent = (uint32_t)s;
    }
    for (size_t p = 0; p < d->npara; p++)
        for (size_t i = d->para[p].b; i < d->para[p].e; i++)
            d->tok[i].para = (uint32_t)p;
    return 0;
}
