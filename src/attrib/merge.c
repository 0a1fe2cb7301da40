/*
** merge.c -- the rules' attributions and the learned model's, combined
** (so_attr_merge): the model adds the attributions the rules did not find
** and corrects the sources of those they did (not a product recall the
** model took for a memory: product_recall). The rules' attributions are
** indexed by token once, so each model attribution is checked against the
** few rules near it, not all of them: a document's merge takes time in
** proportion to its length.
*/
#include "attrib/attrib.h"

#include <stdlib.h>
#include <string.h>

#include "attrib/amodel.h"
#include "quote/quote.h"

/* A token of a rule attribution's cue (end unused), or a content fragment
** [tok, end) of one. */
typedef struct mg_ent {
    uint32_t tok, end;
    uint32_t rule;
} mg_ent;

/* Sorted by tok: the tokens of the rules' cues, the rules' empty cues
** [p, p) filed under p (ranges_overlap counts one when p falls strictly
** inside the other range), and the rules' content fragments. */
typedef struct mg_list {
    mg_ent *e;
    size_t n;
} mg_list;

typedef struct merge_ctx {
    const so_doc *d;
    so_attrs *as;
    size_t nrules; /* the first nrules attributions came from the rules */
    mg_list cue, empty, frag;
    uint8_t *in_rule; /* per token: inside a rule attribution's content */
} merge_ctx;

static int ranges_overlap(so_range a, so_range b)
{
    return a.b < b.e && b.b < a.e;
}

static int cmp_ent(const void *pa, const void *pb)
{
    const mg_ent *a = pa, *b = pb;
    return a->tok < b->tok ? -1 : a->tok > b->tok ? 1 : (a->rule > b->rule) - (a->rule < b->rule);
}

/* The first entry of l with tok >= t. */
static size_t lower_bound(const mg_list *l, uint32_t t)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->e[mid].tok < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void put(mg_list *l, uint32_t tok, uint32_t end, size_t rule)
{
    l->e[l->n++] = (mg_ent){tok, end, (uint32_t)rule};
}

static int list_alloc(mg_list *l, size_t n)
{
    l->n = 0;
    l->e = malloc((n ? n : 1) * sizeof *l->e);
    return l->e ? 0 : -1;
}

/* Index the first x->nrules attributions. 0, or -1 when memory runs out. */
static int index_rules(merge_ctx *x)
{
    size_t ncue = 0, nempty = 0, nfrag = 0;
    for (size_t k = 0; k < x->nrules; k++) {
        const so_attr *r = &x->as->a[k];
        if (r->cue.e > r->cue.b)
            ncue += r->cue.e - r->cue.b;
        else
            nempty++;
        nfrag += r->ncontent;
    }
    if (list_alloc(&x->cue, ncue) || list_alloc(&x->empty, nempty) || list_alloc(&x->frag, nfrag))
        return -1;
    for (size_t k = 0; k < x->nrules; k++) {
        const so_attr *r = &x->as->a[k];
        for (uint32_t i = r->cue.b; i < r->cue.e; i++)
            put(&x->cue, i, 0, k);
        if (r->cue.e <= r->cue.b)
            put(&x->empty, r->cue.b, 0, k);
        for (size_t j = 0; j < r->ncontent; j++)
            put(&x->frag, r->content[j].b, r->content[j].e, k);
    }
    qsort(x->cue.e, x->cue.n, sizeof *x->cue.e, cmp_ent);
    qsort(x->empty.e, x->empty.n, sizeof *x->empty.e, cmp_ent);
    qsort(x->frag.e, x->frag.n, sizeof *x->frag.e, cmp_ent);
    return 0;
}

/*
** The rules whose cue overlaps c, each at least once: fn(x, rule, arg) for
** each until it returns nonzero, which is returned. c is not empty (a model
** cue never is); an empty c is checked against every rule.
*/
static int each_cue_rule(merge_ctx *x, so_range c, int (*fn)(merge_ctx *, so_attr *, const void *),
                         const void *arg)
{
    if (c.e <= c.b) {
        for (size_t k = 0; k < x->nrules; k++)
            if (ranges_overlap(x->as->a[k].cue, c) && fn(x, &x->as->a[k], arg))
                return 1;
        return 0;
    }
    for (size_t p = lower_bound(&x->cue, c.b); p < x->cue.n && x->cue.e[p].tok < c.e; p++)
        if (fn(x, &x->as->a[x->cue.e[p].rule], arg))
            return 1;
    for (size_t p = lower_bound(&x->empty, c.b + 1); p < x->empty.n && x->empty.e[p].tok < c.e; p++)
        if (fn(x, &x->as->a[x->empty.e[p].rule], arg))
            return 1;
    return 0;
}

static int yes(merge_ctx *x, so_attr *r, const void *arg)
{
    (void)x, (void)r, (void)arg;
    return 1;
}

/* Does model attribution m collide with a rule attribution: a shared cue
** token, or the very same content fragment? The rules win: they are more
** precise on quotations. Contents that merely overlap both stay, as
** PolNeAR nests attributions ("X told Y that Z called it a 'hoax'": one
** for "told", one for "called"); letting any shared content token collide
** cost 0.7 points of dev Cue exact F1. */
static int collides(merge_ctx *x, const so_am_attr *m)
{
    if (each_cue_rule(x, m->cue, yes, NULL))
        return 1;
    for (size_t j = 0; j < m->ncontent; j++) {
        so_range c = m->content[j];
        for (size_t p = lower_bound(&x->frag, c.b); p < x->frag.n && x->frag.e[p].tok == c.b; p++)
            if (x->frag.e[p].end == c.e)
                return 1;
    }
    return 0;
}

/* Does the model's content hold a quotation mark? The model may add a
** quotation the rules missed only with a source (tuned on PolNeAR dev),
** its own or one so_attr_share_sources gives it ("thanked him but said
** results had "fallen short"": dev +1 attribution, Cue exact F1 +0.03;
** train Cue +0.02): want_source marks it. */
static int quotes_in(const so_doc *d, const so_am_attr *m)
{
    for (unsigned j = 0; j < m->ncontent; j++)
        for (size_t i = m->content[j].b; i < m->content[j].e; i++)
            if (so_tok_quote_edge(d, i))
                return 1;
    return 0;
}

/* Does the model's source s stop inside a relative clause that the rule's
** source r holds whole ("[Outside,] Joan Marsh, whose son | was injured in
** the fire,")?
** r then ends at a comma right after that clause (train: 3 sources, Source
** exact F1 +0.01; dev none) or at the sentence's end ("said Dana Holt, a
** professor who has | studied inflation for decades."; train 7 sources
** right, none wrong; dev 2 changed, gold in neither), and stays. */
static int cut_relative(const so_doc *d, so_range r, so_range s)
{
    int at_end = r.e >= d->ntok || so_tok_is_exact(d, r.e, ".") || so_tok_is_exact(d, r.e, "!") ||
                 so_tok_is_exact(d, r.e, "?");
    if (s.e <= r.b || s.e >= r.e || !(so_tok_is_exact(d, r.e - 1, ",") || at_end))
        return 0;
    for (size_t i = s.b > r.b ? s.b : r.b; i < s.e; i++)
        if (so_tok_is(d, i, "who") || so_tok_is(d, i, "whose") || so_tok_is(d, i, "which"))
            return 1;
    return 0;
}

/* Is r's source a label that opens its paragraph and ends at the colon
** that is its cue ("Paul Nowak, TUC: "Q."", "DUVAL: ...")? The label is
** the whole source, whatever the model tags in it. */
static int label(const so_doc *d, const so_attr *r)
{
    return r->cue.e == r->cue.b + 1 && so_tok_is_exact(d, r->cue.b, ":") &&
           r->source.e == r->cue.b && r->source.b <= d->para[d->tok[r->cue.b].para].b + 1;
}

/* Give rule attribution r the model's source s (see refine_source); the
** same rule may come twice, with the same result. */
static int take_source(merge_ctx *x, so_attr *r, const void *arg)
{
    const so_range *s = arg;
    (void)x;
    if (r->source.e > r->source.b ? !ranges_overlap(r->source, *s) : ranges_overlap(r->cue, *s))
        return 0; /* none in the cue of a rule without one ("Bristol Crown Court heard") */
    for (size_t i = 0; i < r->ncontent; i++) /* never a source inside the rule's content */
        if (ranges_overlap(r->content[i], *s))
            return 0;
    if (cut_relative(x->d, r->source, *s) || label(x->d, r))
        return 0;
    r->source = *s;
    return 0;
}

/* The model's attribution m for the cue of rule attributions: where it has
** a source and the rule has none, or one that overlaps it, its source
** replaces the rule's. The model draws source boundaries better (on
** PolNeAR dev, alone, it has the exact source for 93.8% of the quotations it
** finds; the rules with the model, 90.4%); where the two name different
** people, the rules, which read the layout of the quotation, keep theirs.
** Dev: Source exact F1 +1.0, quotes +source F1 +0.6. */
static void refine_source(merge_ctx *x, const so_am_attr *m)
{
    if (m->source.e > m->source.b)
        each_cue_rule(x, m->cue, take_source, &m->source);
}

/* Is every token of r inside a rule attribution's content? */
static int inside_rule(const merge_ctx *x, so_range r)
{
    for (size_t i = r.b; i < r.e; i++)
        if (!x->in_rule[i])
            return 0;
    return r.e > r.b;
}

/* m without the content fragments that lie wholly inside a rule's content
** while its cue and some other fragment lie outside them: the tagger ran
** the content of a later cue back into the quotation before it ("said the
** plan was "a mistake" and warned that …"). A cue inside a rule's content
** keeps them, as PolNeAR nests attributions ("X told Y that Z called it a
** 'hoax'"), and so does a content wholly inside one (on PolNeAR train,
** such a second attribution of a quotation is mostly right). */
static so_am_attr outside_rules(const merge_ctx *x, const so_am_attr *m)
{
    so_am_attr o = *m;
    if (inside_rule(x, m->cue))
        return o;
    o.ncontent = 0;
    for (unsigned j = 0; j < m->ncontent; j++)
        if (!inside_rule(x, m->content[j]))
            o.content[o.ncontent++] = m->content[j];
    if (!o.ncontent)
        o.ncontent = m->ncontent;
    return o;
}

/* Is token i a year (four digits, 1800 to 2099)? */
static int year_number(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    int y = 0;
    if (so_tok_len(d, i) != 4)
        return 0;
    for (size_t k = 0; k < 4; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        y = y * 10 + (s[k] - '0');
    }
    return y >= 1800 && y <= 2099;
}

/* Is the cue a product recall, not a memory: a form of "recall" (the
** tagger may take "about" after it into the cue) before a number, not a
** year or a decade, right after it or after "about", "nearly", "some",
** "almost", "roughly", "around", "over" or "more than" ("is recalling
** about 1.2 million cars", "recalled 300,000 vans"), or before goods within
** five words, not past a question word, "being" or another -ing word
** ("recalled its baby monitors"; not "recalled how 40 workers were
** fired")? No PolNeAR cue is one. */
static int product_recall(const so_doc *d, so_range cue)
{
    static const char *const recall[] = {"recall", "recalls", "recalled", "recalling", NULL};
    static const char *const approx[] = {"about", "nearly", "some", "almost", "roughly",
                                         "around", "over", "more", NULL};
    static const char *const stop[] = {"how", "when", "what", "why", "where", "who", "whether",
                                       "if", "that", "being", NULL};
    static const char *const goods[] = {"vehicles", "cars", "vans", "trucks", "products",
                                        "devices", "units", "models", "phones", "batteries",
                                        "toys", "bottles", "jars", "batches", "tablets",
                                        "laptops", "monitors", "seats", "tyres", "tires",
                                        "appliances", "heaters", "chargers", NULL};
    size_t r = cue.b, k;
    while (r < cue.e && !so_tok_in(d, r, recall))
        r++;
    if (r >= cue.e || (k = r + 1) >= d->ntok)
        return 0;
    if (so_tok_in(d, k, approx))
        k += k + 1 < d->ntok && so_tok_is(d, k + 1, "than") ? 2 : 1;
    if (k < d->ntok && d->tok[k].kind == SO_TK_NUM && !year_number(d, k) &&
        so_tok_str(d, k)[so_tok_len(d, k) - 1] != 's')
        return 1;
    for (size_t i = r + 1; i < d->ntok && i < r + 6 && d->tok[i].sent == d->tok[r].sent; i++) {
        if (so_tok_in(d, i, goods))
            return 1;
        if (d->tok[i].kind != SO_TK_WORD || so_tok_in(d, i, stop) || so_tok_ing(d, i))
            return 0;
    }
    return 0;
}

static int merge_one(void *ctx, const so_am_attr *mm)
{
    merge_ctx *x = ctx;
    if (mm->busy) {
        refine_source(x, mm);
        return 0;
    }
    if (product_recall(x->d, mm->cue))
        return 0;
    so_am_attr kept = outside_rules(x, mm);
    const so_am_attr *m = &kept;
    if (collides(x, m))
        return 0;
    so_attr *a = so_attr_push(x->as);
    if (!a)
        return -1;
    a->want_source = quotes_in(x->d, m) && m->source.e == m->source.b &&
                     !so_am_said_to(x->d, m->cue); /* "the chairman was said to be livid" */
    a->cue = m->cue;
    a->source = m->source;
    for (unsigned j = 0; j < m->ncontent; j++)
        so_attr_add_content(a, m->content[j]);
    a->conf = m->conf;
    return 0;
}

/* The busy bits for the cue of rule attribution r: taken, and the side to
** look for a better source on (none for a lone pronoun such as "he"). */
static uint8_t busy_bits(const so_doc *d, const so_attr *r)
{
    if (r->source.e <= r->source.b)
        return SO_AM_BUSY_TAKEN | SO_AM_BUSY_BEFORE | SO_AM_BUSY_AFTER;
    if (r->source.e - r->source.b == 1 && so_cue_is_pronoun(d, r->source.b))
        return SO_AM_BUSY_TAKEN;
    return SO_AM_BUSY_TAKEN | (r->source.b < r->cue.b ? SO_AM_BUSY_BEFORE : SO_AM_BUSY_AFTER);
}

int so_attr_merge(const so_am *am, const so_tagger *pos, const so_doc *d, so_attrs *as)
{
    merge_ctx x = {d, as, as->n, {NULL, 0}, {NULL, 0}, {NULL, 0}, NULL};
    if (!am)
        return 0;
    uint8_t *busy = calloc(d->ntok + 1, 1);
    x.in_rule = calloc(d->ntok + 1, 1);
    int rc = busy && x.in_rule ? index_rules(&x) : -1;
    for (size_t k = 0; rc == 0 && k < as->n; k++) {
        for (size_t i = as->a[k].cue.b; i < as->a[k].cue.e; i++)
            busy[i] |= busy_bits(d, &as->a[k]);
        for (size_t j = 0; j < as->a[k].ncontent; j++)
            memset(x.in_rule + as->a[k].content[j].b, 1,
                   as->a[k].content[j].e - as->a[k].content[j].b);
    }
    if (rc == 0)
        rc = so_am_run(am, pos, d, busy, merge_one, &x);
    free(busy);
    free(x.in_rule);
    free(x.cue.e);
    free(x.empty.e);
    free(x.frag.e);
    return rc;
}
