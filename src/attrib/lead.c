/*
** lead.c -- the first part of reported speech that a cue set off by commas
** splits off ("Storm surges, the harbour master says, now reach the car
** park"; "Harbor towns, as one engineer pointed out, flood every
** spring"). The model tags the words after the cue's comma as the content
** and mostly leaves the words that open the sentence out; they are the
** content's first fragment, as the rules make them for a quotation
** (rules.c, split_lead). The mirror case, content tagged only before the
** source ("She has, she says, never missed a tide"), gets the rest of the
** sentence after the cue. A lead or a tail has LEAD_MAX tokens at most.
*/
#include "attrib/attrib.h"

#include <stdlib.h>

#include "model/penn.h"
#include "model/tagger.h"
#include "sayso.h"

/* The most tokens a lead or a tail may have: the work per attribution
** stays bounded in a sentence of any length. */
#define LEAD_MAX 64

/* The marks of other attributions' tokens: a cue's, a source's. A lead may
** be another attribution's source when the content opens on that one's
** cue. */
#define MARK_CUE 1
#define MARK_SOURCE 2

static int comma(const so_doc *d, size_t i)
{
    return so_tok_is_exact(d, i, ",");
}

/* Does a's one content fragment open in lower case right after a comma
** that follows its cue, with at most two tokens and no other comma between
** ("says, is the greatest", "said on Monday, would")? */
static int content_after_comma(const so_doc *d, const so_attr *a)
{
    size_t cb = a->content[0].b;
    if (cb < a->cue.e + 1 || cb > a->cue.e + 3 || !comma(d, cb - 1) ||
        d->tok[cb].kind != SO_TK_WORD || (d->tok[cb].flags & SO_TF_CAP))
        return 0;
    for (size_t i = a->cue.e; i + 1 < cb; i++)
        if (comma(d, i) || so_tok_is_qmark(d, i))
            return 0;
    return 1;
}

/* The words from the start of the sentence (past a dateline) to the comma
** before a's source (or before an "as" that opens it: ", as one engineer
** pointed out,"), at most LEAD_MAX of them, after any semicolon, colon,
** dash or comma and conjunction among them, without a leading conjunction
** or sentence adverb; when they hold no quotation and no other
** attribution's cue or source (mark), and neither open with a participle
** or "to" nor end on a preposition, a participle or "to"; or an empty
** range. */
static so_range lead_of(const so_doc *d, const uint8_t *penn, const so_attr *a,
                        const uint8_t *mark)
{
    so_range none = {0, 0};
    size_t sb = so_sent_after_dateline(d, d->tok[a->cue.b].sent), e = a->source.b;
    if (e > sb && so_tok_is(d, e - 1, "as"))
        e--;
    if (e < sb + 2 || !comma(d, e - 1) || d->tok[a->source.b].sent != d->tok[a->cue.b].sent)
        return none;
    e--;
    size_t from = SIZE_MAX;
    for (size_t k = e; k-- > sb && e - k <= LEAD_MAX;)
        if (so_tok_is_exact(d, k, ";") || so_tok_is_exact(d, k, ":") ||
            d->tok[k].kind == SO_TK_DASH ||
            (k > sb && comma(d, k - 1) && penn[d->tok[k].pos] == SO_PENN_CC)) {
            from = k + 1; /* "Irene wants to see Norway; Walter, she said, wants ...", "..., but
                             the tide, she noted, ..." */
            break;
        }
    if (from != SIZE_MAX)
        sb = from;
    else if (e - sb > LEAD_MAX)
        return none;
    if (e > sb && penn[d->tok[sb].pos] == SO_PENN_CC)
        sb++; /* "But the ferry, he said, ...": not the "But" */
    sb = so_attr_skip_aside(d, sb, e); /* "Of course, ..." */
    if (e <= sb)
        return none;
    unsigned first = penn[d->tok[sb].pos], last = penn[d->tok[e - 1].pos];
    if (first == SO_PENN_VBG || first == SO_PENN_TO || last == SO_PENN_IN ||
        last == SO_PENN_VBG || last == SO_PENN_TO)
        return none;
    int nested = mark[a->content[0].b] == MARK_CUE; /* "Her family, she admits, thought ..." */
    for (size_t k = sb; k < e; k++)
        if ((mark[k] && !(nested && mark[k] == MARK_SOURCE)) || so_tok_is_qmark(d, k) ||
            d->tok[k].inq)
            return none;
    if (so_attr_aside(d, sb, e))
        return none; /* "Of course, he said, ...": no part of what was said */
    return (so_range){(uint32_t)sb, (uint32_t)e};
}

/* The rest of the sentence after a's cue, when a's one content fragment
** (two words or more, not opening with a preposition nor a sentence
** adverb) ends at the comma before its source ("She has, she says, been
** busy"):
** after the comma that follows the cue (at most two tokens after it, no
** other comma between), from a word in lower case that is no participle,
** preposition or "to", to the sentence's end, holding no quotation and no
** other attribution's cue or source (mark); or an empty range. */
static so_range tail_of(const so_doc *d, const uint8_t *penn, const so_attr *a,
                        const uint8_t *mark)
{
    so_range none = {0, 0};
    size_t s = d->tok[a->cue.b].sent, e = d->sent[s].e, b = a->cue.e;
    so_range c = a->content[0];
    if (c.e + 1 != a->source.b || !comma(d, c.e) || c.e < c.b + 2 || d->tok[c.b].sent != s ||
        penn[d->tok[c.b].pos] == SO_PENN_IN || so_attr_aside(d, c.b, c.e))
        return none; /* not "In 1968, ..." nor "Rather, ..." */
    while (b < e && b < a->cue.e + 3 && !comma(d, b) && !so_tok_is_qmark(d, b))
        b++;
    if (b + 2 >= e || !comma(d, b) || d->tok[++b].kind != SO_TK_WORD ||
        (d->tok[b].flags & SO_TF_CAP))
        return none;
    unsigned first = penn[d->tok[b].pos];
    if (first == SO_PENN_VBG || first == SO_PENN_TO || first == SO_PENN_IN)
        return none; /* "..., he said, citing", "..., she said, in a statement" */
    if (e - b > LEAD_MAX)
        return none;
    e = so_attr_trim_end(d, b, e);
    for (size_t k = b; k < e; k++)
        if (mark[k] || so_tok_is_qmark(d, k) || d->tok[k].inq)
            return none;
    return e > b ? (so_range){(uint32_t)b, (uint32_t)e} : none;
}

int so_attr_split_leads(const so_tagger *pos, const so_doc *d, so_attrs *as)
{
    const uint8_t *penn = pos ? so_tag_penn(pos) : NULL;
    if (!penn || !as->n)
        return 0;
    uint8_t *mark = calloc(d->ntok + 1, 1);
    if (!mark)
        return -1;
    for (size_t k = 0; k < as->n; k++) {
        const so_attr *a = &as->a[k];
        for (uint32_t i = a->source.b; i < a->source.e; i++)
            mark[i] = MARK_SOURCE;
        for (uint32_t i = a->cue.b; i < a->cue.e; i++)
            mark[i] = MARK_CUE;
    }
    for (size_t k = 0; k < as->n; k++) {
        so_attr *a = &as->a[k];
        if (a->ncontent != 1 || a->cue.e <= a->cue.b || a->source.e <= a->source.b ||
            a->source.e > a->cue.b || so_attr_kind(d, a) != SAYSO_INDIRECT)
            continue;
        if (content_after_comma(d, a)) {
            so_range lead = lead_of(d, penn, a, mark);
            if (lead.e <= lead.b)
                continue;
            a->content[1] = a->content[0];
            a->content[0] = lead;
            a->ncontent = 2;
        } else if (a->content[0].e <= a->source.b) {
            so_range tail = tail_of(d, penn, a, mark);
            if (tail.e > tail.b)
                a->content[a->ncontent++] = tail;
        }
    }
    free(mark);
    return 0;
}
