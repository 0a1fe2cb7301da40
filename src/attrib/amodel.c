/*
** amodel.c -- the learned attribution model at run time: features, Viterbi
** decoding of cues and of the Source/Content roles around each cue, and
** loading the ATTR section (see amodel.h).
*/
#include "attrib/amodel_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib/attrib.h"
#include "base/util.h"
#include "quote/quote.h"

/* Feature hash of (kind, a, b). */
static inline uint64_t fh(uint64_t kind, uint64_t a, uint64_t b)
{
    return so_ap_mix(a ^ (kind * 0xd6e8feb86659fd93ull), b + kind);
}

/*
** Where the feature functions put the features of a token, in order (the
** order in which their weights are summed), n of them: a hashed one into
** f[n], its bit n set in take; a static feature of few values (put_small)
** the same way, or at run time (sm set) its block, found at load, straight
** into at[n]. Without sm, f[0 .. n) are all the features.
*/
_Static_assert(AM_MAX_FEATS <= 64, "take has a bit per feature");
/* The value ranges AM_SMALL declares rest on these: a lexicon class below
** 4, a coarse class below 12, a quotation-mark kind up to SO_QM_STRAY, a
** distance bucket up to 8 (dist_bucket). Widen AM_SMALL with them. */
_Static_assert(SO_CUE_NAMING < 4, "AM_SMALL: lexicon classes (kinds 12, 26, 28, 118)");
_Static_assert(AM_C_WH < 12, "AM_SMALL: coarse classes (kinds 25, 26, 28, 31, 124, 125, 130)");

typedef struct am_fout {
    uint64_t *f;
    const uint32_t *sm; /* so_am's small, or NULL: hash every feature */
    uint32_t *at;       /* with sm: the blocks */
    uint64_t take;      /* the places of the hashed features */
    size_t n;
} am_fout;

static inline void put_hash(am_fout *o, uint64_t h)
{
    o->take |= 1ull << o->n;
    o->f[o->n++] = h;
}

static inline void put(am_fout *o, uint64_t kind, uint64_t a, uint64_t b)
{
    put_hash(o, fh(kind, a, b));
}

/* A feature of few values (kind, a, b): at is its place in so_am's small. */
static inline __attribute__((always_inline)) void put_small(am_fout *o, unsigned kind, uint64_t a, uint64_t b, uint64_t at)
{
    if (!o->sm) {
        put(o, kind, a, b);
        return;
    }
    o->at[o->n++] = o->sm[at];
}

#define PUT_SMALL(o, k, a, b)                                                                 \
    do {                                                                                      \
        uint64_t a_ = (a), b_ = (b);                                                          \
        put_small(o, k, a_, b_, AM_SM_OFF_##k + a_ * AM_SM_NB_##k + b_);                      \
    } while (0)

static uint64_t lower_hash(const char *s, size_t n, size_t from)
{
    return so_fnv_low(SO_FNV_INIT, s + from, n > from ? n - from : 0);
}

/* Coarse class (AM_C_*) of each Penn Treebank tag; AM_C_X (0) for the rest. */
static const uint8_t coarse[SO_PENN_COUNT] = {
    [SO_PENN_VB] = AM_C_V,    [SO_PENN_VBD] = AM_C_V,    [SO_PENN_VBG] = AM_C_V,
    [SO_PENN_VBN] = AM_C_V,   [SO_PENN_VBP] = AM_C_V,    [SO_PENN_VBZ] = AM_C_V,
    [SO_PENN_NNP] = AM_C_NNP, [SO_PENN_NNPS] = AM_C_NNP, [SO_PENN_NN] = AM_C_N,
    [SO_PENN_NNS] = AM_C_N,   [SO_PENN_PRP] = AM_C_PRP,  [SO_PENN_PRPS] = AM_C_PRP,
    [SO_PENN_IN] = AM_C_IN,   [SO_PENN_TO] = AM_C_IN,    [SO_PENN_DT] = AM_C_DT,
    [SO_PENN_PDT] = AM_C_DT,  [SO_PENN_JJ] = AM_C_JJ,    [SO_PENN_JJR] = AM_C_JJ,
    [SO_PENN_JJS] = AM_C_JJ,  [SO_PENN_RB] = AM_C_RB,    [SO_PENN_RBR] = AM_C_RB,
    [SO_PENN_RBS] = AM_C_RB,  [SO_PENN_MD] = AM_C_MD,    [SO_PENN_CC] = AM_C_CC,
    [SO_PENN_WDT] = AM_C_WH,  [SO_PENN_WP] = AM_C_WH,    [SO_PENN_WPS] = AM_C_WH,
    [SO_PENN_WRB] = AM_C_WH,
};
_Static_assert(AM_C_X == 0, "coarse: the tags not listed are AM_C_X");

/* POS classes that (outside quotations) almost never take part in a cue:
** on 20 MB of news the tagger put 490 of their 564,000 tokens in cues
** (commas, coordinating conjunctions, numbers, possessive endings,
** wh-pronouns and -determiners, $, existential there, parentheses), and
** taking them as O at run time left every PolNeAR dev score unchanged. */
static const uint8_t rare_in_cues[SO_PENN_COUNT] = {
    [SO_PENN_COMMA] = 1, [SO_PENN_CC] = 1,  [SO_PENN_CD] = 1,     [SO_PENN_POS] = 1,
    [SO_PENN_WP] = 1,    [SO_PENN_WDT] = 1, [SO_PENN_DOLLAR] = 1, [SO_PENN_EX] = 1,
    [SO_PENN_LRB] = 1,   [SO_PENN_RRB] = 1,
};

/* The length of s[0..n) without a final -ing, -ed, -es or -s (ASCII case
** ignored), kept only when at least three bytes remain. The last byte picks
** the suffix to test (b | 32 is 'g', 'd' or 's' only for that letter in
** either case). */
static size_t stem_len(const char *s, size_t n)
{
    if (n < 4)
        return n;
    switch ((unsigned char)s[n - 1] | 32u) {
    case 'g': return n > 5 && so_eq_ci(s + n - 3, 3, "ing") ? n - 3 : n;
    case 'd': return n > 4 && so_eq_ci(s + n - 2, 2, "ed") ? n - 2 : n;
    case 's': return n > 4 && so_eq_ci(s + n - 2, 2, "es") ? n - 2 : n - 1;
    default: return n;
    }
}

int am_doc_init(am_doc *a, const so_doc *d, const so_tagger *pos)
{
    size_t n = d->ntok ? d->ntok : 1;
    memset(a, 0, sizeof *a);
    a->d = d;
    a->w = malloc(n * sizeof *a->w);
    a->s3 = malloc(n * sizeof *a->s3);
    a->stem = malloc(n * sizeof *a->stem);
    a->lex = malloc(n);
    a->cc = malloc(n);
    a->pcomma = malloc((n + 1) * sizeof *a->pcomma);
    a->pcue = malloc((n + 1) * sizeof *a->pcue);
    a->pverb = malloc((n + 1) * sizeof *a->pverb);
    if (!a->w || !a->s3 || !a->lex || !a->cc || !a->stem || !a->pcomma || !a->pcue || !a->pverb) {
        am_doc_free(a);
        return -1;
    }
    a->penn = so_tag_penn(pos);
    for (size_t i = 0; i < d->ntok; i++) {
        const char *s = so_tok_str(d, i);
        size_t len = so_tok_len(d, i);
        if (len > 64)
            len = 64;
        size_t sl = stem_len(s, len);
        a->stem[i] = lower_hash(s, sl, 0); /* the word's hash goes on from the stem's */
        a->w[i] = so_fnv_low(a->stem[i], s + sl, len - sl);
        a->s3[i] = lower_hash(s, len, len > 3 ? len - 3 : 0);
        a->lex[i] = (uint8_t)so_cue_model_class(d, i);
        a->cc[i] = coarse[a->penn[d->tok[i].pos]];
    }
    a->pcomma[0] = a->pcue[0] = a->pverb[0] = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        a->pcomma[i + 1] = a->pcomma[i] + (uint32_t)so_tok_is_exact(d, i, ",");
        a->pcue[i + 1] = a->pcue[i] + (uint32_t)(a->lex[i] && !d->tok[i].inq);
        a->pverb[i + 1] = a->pverb[i] + (uint32_t)(a->cc[i] == AM_C_V);
    }
    return 0;
}

void am_doc_free(am_doc *a)
{
    free(a->w);
    free(a->s3);
    free(a->lex);
    free(a->cc);
    free(a->stem);
    free(a->pcomma);
    free(a->pcue);
    free(a->pverb);
    a->pcomma = a->pcue = a->pverb = NULL;
    a->w = a->s3 = a->stem = NULL;
    a->lex = a->cc = NULL;
}

#define W(i) ((i) >= sb && (i) < se ? a->w[i] : 0x51u)
#define P(i) ((i) >= sb && (i) < se ? (uint64_t)d->tok[i].pos : 0x52u)

/* Is a quotation mark within k tokens after (dir > 0) or before token i? */
static unsigned quote_near(const so_doc *d, size_t i, int dir, size_t lo, size_t hi)
{
    for (size_t k = 1; k <= 3; k++) {
        size_t j = dir > 0 ? i + k : i - k;
        if ((dir > 0 && j >= hi) || (dir < 0 && (i < k || j < lo)))
            return 0;
        if (so_tok_quote_edge(d, j))
            return (unsigned)k;
    }
    return 0;
}

/* What follows token i: 1 "that", 2 a colon, 3 a quotation, 4 a comma and
** a quotation, 0 none of these (within three tokens). */
static unsigned complement_after(const am_doc *a, size_t i, size_t se)
{
    const so_doc *d = a->d;
    for (size_t k = i + 1; k < se && k <= i + 3; k++) {
        if (so_tok_is(d, k, "that"))
            return 1;
        if (so_tok_is_exact(d, k, ":"))
            return 2;
        if (d->tok[k].qm == SO_QM_OPEN)
            return k > i + 1 && so_tok_is_exact(d, k - 1, ",") ? 4 : 3;
    }
    return 0;
}

size_t am_cue_pfeats(const am_doc *a, size_t i, unsigned prev, uint64_t *f)
{
    uint64_t p = a->d->tok[i].pos;
    f[0] = fh(15, prev, 0);
    f[1] = fh(16, prev, a->w[i]);
    f[2] = fh(17, prev, p);
    return 3;
}

/* The static features of the cue tagger at token i of sentence [sb, se). */
static inline __attribute__((always_inline)) void cue_feats(const am_doc *a, size_t i, size_t sb,
                                                            size_t se, am_fout *o)
{
    const so_doc *d = a->d;
    const so_tok *t = &d->tok[i];
    uint64_t p = P(i), w = a->w[i];
    PUT_SMALL(o, 1, 0, 0);
    put(o, 2, w, 0);
    PUT_SMALL(o, 3, p, 0);
    put(o, 4, w, p);
    put(o, 5, a->s3[i], p);
    put(o, 6, W(i - 1), 0);
    put(o, 7, W(i + 1), 0);
    put(o, 8, P(i - 1), p);
    put(o, 9, p, P(i + 1));
    put(o, 10, w, W(i + 1));
    put(o, 11, W(i - 1), w);
    PUT_SMALL(o, 12, a->lex[i], p);
    PUT_SMALL(o, 13, t->inq > 0, p);
    put(o, 14, t->inq > 0, w);
    PUT_SMALL(o, 18, quote_near(d, i, 1, sb, se), p);
    PUT_SMALL(o, 19, quote_near(d, i, -1, sb, se), p);
    PUT_SMALL(o, 20, (t->flags & SO_TF_CAP) != 0, i == sb);
    put(o, 21, P(i - 2), P(i - 1) * 131 + p);
    put(o, 22, a->lex[i], W(i + 1));
    put(o, 23, P(i + 1), P(i + 2) * 131 + p);
    put(o, 24, W(i - 2), w);
    size_t j = i;
    while (j > sb && i - j < AM_RB_RUN && a->cc[j - 1] == AM_C_RB)
        j--; /* the class before a run of adverbs ("Lee really said") */
    PUT_SMALL(o, 25, j > sb ? a->cc[j - 1] : 0xff, a->cc[i]);
    unsigned comp = complement_after(a, i, se);
    PUT_SMALL(o, 26, comp, a->lex[i] * 16 + a->cc[i]);
    put(o, 27, a->stem[i], a->cc[i]);
    unsigned clause = 0, ord = a->pverb[i] - a->pverb[sb];
    if (ord > 3)
        ord = 3;
    for (size_t k = i + 1; k < se && k <= i + 5; k++) {
        if (a->cc[k] == AM_C_V && k > i + 1 &&
            (a->cc[k - 1] == AM_C_PRP || a->cc[k - 1] == AM_C_NNP || a->cc[k - 1] == AM_C_N ||
             a->cc[k - 1] == AM_C_MD)) {
            clause = 1;
            break;
        }
    }
    PUT_SMALL(o, 28, ord * 16 + a->cc[i], a->lex[i]);
    put(o, 29, clause, a->stem[i]);
    put(o, 30, comp, a->stem[i]);
    PUT_SMALL(o, 31, clause * 16 + ord, a->cc[i]);
}

size_t am_cue_feats(const am_doc *a, size_t i, size_t sb, size_t se, uint64_t *f)
{
    am_fout o = {f, NULL, NULL, 0, 0};
    cue_feats(a, i, sb, se, &o);
    return o.n;
}

#undef W
#undef P

so_range am_window(const so_doc *d, so_range cue)
{
    size_t s = d->tok[cue.b].sent;
    size_t b = d->sent[s].b, e = d->sent[s].e;
    uint32_t para = d->tok[cue.b].para;
    /* stretch to whole quotations that cross the sentence edges */
    if (d->tok[b].quote >= 0 && d->tok[b].qm != SO_QM_OPEN)
        b = d->q[d->tok[b].quote].open_tok;
    if (d->tok[e - 1].quote >= 0 && d->tok[e - 1].qm != SO_QM_CLOSE)
        e = d->q[d->tok[e - 1].quote].close_tok + 1;
    while (b < cue.b && d->tok[b].para != para)
        b++;
    while (e > cue.e && d->tok[e - 1].para != para)
        e--;
    if (e - b > AM_WIN_MAX) {
        size_t half = AM_WIN_MAX / 2;
        b = cue.b > b + half ? cue.b - half : b;
        if (cue.e > b + AM_WIN_MAX) /* a cue of over half a window: keep all of it */
            b = cue.e - AM_WIN_MAX > cue.b ? cue.b : cue.e - AM_WIN_MAX;
        e = b + AM_WIN_MAX < e ? b + AM_WIN_MAX : e;
    }
    return (so_range){(uint32_t)b, (uint32_t)e};
}

/* Distance buckets: 0-1, 2, 3, 4, 5-6, 7-9, 10-14, 15-24, 25+. */
static unsigned dist_bucket(size_t k)
{
    static const uint8_t b[25] = {0, 0, 1, 2, 3, 4, 4, 5, 5, 5, 6, 6, 6,
                                  6, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
    return k < 25 ? b[k] : 8;
}

/* Commas and cue words strictly between token i and the cue. */
static void between(const am_doc *a, size_t i, so_range c, unsigned *commas, unsigned *cues)
{
    size_t lo = i < c.b ? i + 1 : c.e, hi = i < c.b ? c.b : i;
    if (hi > lo + 40)
        hi = lo + 40;
    if (hi < lo)
        hi = lo;
    *commas = a->pcomma[hi] - a->pcomma[lo];
    *cues = a->pcue[hi] - a->pcue[lo];
    if (*commas > 2)
        *commas = 2;
    if (*cues > 1)
        *cues = 1;
}

size_t am_role_pfeats(const am_doc *a, size_t i, so_range w, so_range c, unsigned prev,
                      uint64_t *f)
{
    const so_doc *d = a->d;
    (void)w;
    int dir = i < c.b ? 1 : i >= c.e ? 2 : 0;
    size_t dist = i < c.b ? c.b - i : i >= c.e ? i - c.e + 1 : 0;
    uint64_t db = dist_bucket(dist), p = d->tok[i].pos;
    f[0] = fh(113, prev, dir);
    f[1] = fh(114, prev, p);
    f[2] = fh(115, prev * 16 + db, dir);
    f[3] = fh(119, prev, a->w[i]);
    return 4;
}

/* The static features of the role tagger at token i of window w for cue c. */
static inline __attribute__((always_inline)) void role_feats(const am_doc *a, size_t i, so_range w,
                                                             so_range c, am_fout *o)
{
    const so_doc *d = a->d;
    size_t sb = w.b, se = w.e;
    int dir = i < c.b ? 1 : i >= c.e ? 2 : 0;
    size_t dist = i < c.b ? c.b - i : i >= c.e ? i - c.e + 1 : 0;
    uint64_t db = dist_bucket(dist), p = d->tok[i].pos, wd = a->w[i];
    uint64_t pm1 = i > sb ? d->tok[i - 1].pos : 0x52u, pp1 = i + 1 < se ? d->tok[i + 1].pos : 0x52u;
    uint64_t cw = a->w[c.e - 1];
    unsigned commas, cues;
    between(a, i, c, &commas, &cues);
    uint64_t ctx = (uint64_t)dir * 16 + db;
    PUT_SMALL(o, 101, dir, 0);
    PUT_SMALL(o, 102, ctx, 0);
    put(o, 103, wd, dir);
    PUT_SMALL(o, 104, p, ctx);
    put(o, 105, pm1 * 131 + p, dir);
    put(o, 106, p * 131 + pp1, dir);
    put(o, 107, cw, dir);
    put(o, 108, cw * 31 + p, dir);
    PUT_SMALL(o, 109, d->tok[i].inq > 0, ctx);
    PUT_SMALL(o, 110, commas * 4 + cues, dir);
    PUT_SMALL(o, 111, commas * 4 + cues, p * 3 + (uint64_t)dir);
    PUT_SMALL(o, 112, d->tok[i].sent == d->tok[c.b].sent, dir);
    PUT_SMALL(o, 116, d->tok[i].ner, dir);
    put(o, 117, i > sb ? a->w[i - 1] : 0x51u, dir);
    PUT_SMALL(o, 118, a->lex[i], dir);
    PUT_SMALL(o, 120, (d->tok[i].flags & SO_TF_CAP) != 0, ctx);
    put(o, 121, d->tok[c.b].pos, p * 3 + (uint64_t)dir);
    put(o, 122, i + 1 < se ? a->w[i + 1] : 0x51u, dir);
    PUT_SMALL(o, 123, d->tok[i].qm, ctx);
    size_t vlo = i < c.b ? i + 1 : c.e, vhi = i < c.b ? c.b : i;
    unsigned verbs = vhi > vlo ? a->pverb[vhi] - a->pverb[vlo] : 0;
    if (verbs > 2)
        verbs = 2;
    PUT_SMALL(o, 124, verbs * 16 + a->cc[i], dir);
    PUT_SMALL(o, 125, a->cc[i], ctx);
    put(o, 126, a->stem[c.e - 1], (uint64_t)dir * 16 + a->cc[i]);
    put(o, 127, a->stem[c.e - 1], ctx);
    size_t edge = dir == 1 ? i - sb : dir == 2 ? se - 1 - i : 0; /* tokens to the window edge */
    PUT_SMALL(o, 130, dist_bucket(edge) * 16 + a->cc[i], dir);
    put(o, 131, dist_bucket(edge) * 16 + db, dir * 256 + d->tok[i].kind);
    put(o, 128, (i > sb ? a->w[i - 1] : 0x51u) * 31 + (i + 1 < se ? a->w[i + 1] : 0x51u), dir);
    put(o, 129, a->cc[i] * 16 + (i > sb ? a->cc[i - 1] : 0xf), (i + 1 < se ? a->cc[i + 1] : 0xf) * 4 + (uint64_t)dir);
}

size_t am_role_feats(const am_doc *a, size_t i, so_range w, so_range c, uint64_t *f)
{
    am_fout o = {f, NULL, NULL, 0, 0};
    role_feats(a, i, w, c, &o);
    return o.n;
}

uint8_t am_member(unsigned tag)
{
    return tag == ROLE_BS || tag == ROLE_IS ? AM_M_S : tag == ROLE_BC || tag == ROLE_IC ? AM_M_C
                                                                                       : AM_M_O;
}

unsigned am_truth(uint8_t member, uint8_t prev_member)
{
    if (member == AM_M_O)
        return ROLE_O;
    if (member == AM_M_S)
        return prev_member == AM_M_S ? ROLE_IS : ROLE_BS;
    return prev_member == AM_M_C ? ROLE_IC : ROLE_BC;
}

void am_scorer_model(const void *model, const uint64_t *f, size_t nf, float *sc)
{
    so_ap_scores(model, f, nf, sc);
}

size_t am_seq_tok(const am_seq *q, size_t k)
{
    return q->part ? q->cue.b - 1 - k : q->cue.e + k;
}

void am_dyn_cue_feats(const am_scoring *s, const am_doc *a, size_t i, const am_seq *q,
                      const uint32_t *at, float *out)
{
    uint64_t f[8];
    (void)q;
    (void)at;
    for (unsigned p = 0; p < CUE_N; p++) {
        s->score(s->model, f, am_cue_pfeats(a, i, p, f), out + p * CUE_N);
        for (unsigned t = 0; s->gold && s->gold[i] != CUE_O && t < CUE_N; t++)
            out[p * CUE_N + t] += t != s->gold[i] ? s->cost : 0.0f;
    }
}

void am_dyn_role_feats(const am_scoring *s, const am_doc *a, size_t i, const am_seq *q,
                       const uint32_t *at, float *out)
{
    uint64_t f[8];
    (void)at;
    for (unsigned p = 0; p < ROLE_N; p++)
        s->score(s->model, f, am_role_pfeats(a, i, q->win, q->cue, p, f), out + p * ROLE_N);
}

/*
** Look-ahead at run time: the weights of a feature are most often a cache
** miss, so the Viterbi loops compute the features of a token AM_AHEAD
** tokens before scoring it, into a ring, and ask the cache for their
** weights then, noting where they are (so_ap_locate) so that scoring need
** not find them again. The features and sums stay the same.
*/
#define AM_RING 4   /* more than AM_AHEAD */
#define AM_AHEAD 3

/* Features of the tokens ahead: static ones (nf), then at run time the
** word-dependent previous-tag ones; where their weights are (at, when
** located). */
typedef struct am_ring {
    uint64_t f[AM_RING][AM_MAX_FEATS];
    uint32_t at[AM_RING][AM_MAX_FEATS];
    size_t nf[AM_RING];
    int located[AM_RING];
    int sure_o[AM_RING]; /* cue tagger: a surely-O token (surely_o) */
} am_ring;

/* Where the weights of the word-dependent previous-tag features (one per
** previous tag) of slot k of r are, or NULL when not located. */
static const uint32_t *ring_dyn_at(const am_ring *r, size_t k)
{
    k %= AM_RING;
    return r->located[k] ? &r->at[k][r->nf[k]] : NULL;
}

/* Scores of the static features of slot k of r into st. */
static void ring_scores(const am_ring *r, size_t k, const am_scoring *s, float *st)
{
    k %= AM_RING;
    if (r->located[k])
        so_ap_scores_at(s->hint, r->at[k], r->nf[k], st);
    else
        s->score(s->model, r->f[k], r->nf[k], st);
}

/* The one word-dependent previous-tag feature of each tagger (f16, f119),
** which the tables cannot hold. */
static inline uint64_t cue_dyn_feat(const am_doc *a, size_t i, unsigned prev)
{
    return fh(16, prev, a->w[i]);
}

static inline uint64_t role_dyn_feat(const am_doc *a, size_t i, unsigned prev)
{
    return fh(119, prev, a->w[i]);
}

/* The weights of the word-dependent feature f of a dyn table when it was
** not located (w: room for them): what so_ap_scores of f alone writes.
** When located (at), the dyn tables read them in place and never hash f
** again. */
static const float *dyn_weights(const am_scoring *s, uint64_t f, float *w)
{
    so_ap_scores(s->model, &f, 1, w);
    return w;
}

/* The same sums from the tables of so_am_load plus one lookup each. */
static void dyn_cue_table(const am_scoring *s, const am_doc *a, size_t i, const am_seq *q,
                          const uint32_t *at, float *out)
{
    unsigned pos = a->d->tok[i].pos;
    (void)q;
    for (unsigned p = 0; p < CUE_N; p++) {
        float wb[CUE_N];
        const float *w = at ? so_ap_weights_at(s->hint, at[p])
                            : dyn_weights(s, cue_dyn_feat(a, i, p), wb);
        const float *t15 = s->am->cue_t15[p], *t17 = s->am->cue_t17[p][pos];
        for (unsigned t = 0; t < CUE_N; t++)
            out[p * CUE_N + t] = t15[t] + t17[t] + w[t];
    }
}

static void dyn_role_table(const am_scoring *s, const am_doc *a, size_t i, const am_seq *q,
                           const uint32_t *at, float *out)
{
    so_range c = q->cue;
    unsigned dir = i < c.b ? 1 : i >= c.e ? 2 : 0, pos = a->d->tok[i].pos;
    size_t dist = i < c.b ? c.b - i : i >= c.e ? i - c.e + 1 : 0;
    unsigned db = dist_bucket(dist);
    for (unsigned p = 0; p < ROLE_N; p++) {
        float wb[ROLE_N];
        const float *w = at ? so_ap_weights_at(s->hint, at[p])
                            : dyn_weights(s, role_dyn_feat(a, i, p), wb);
        const float *t113 = s->am->role_t113[p][dir];
        const float *t114 = s->am->role_t114[p][pos];
        const float *t115 = s->am->role_t115[p][db][dir];
        for (unsigned t = 0; t < ROLE_N; t++)
            out[p * ROLE_N + t] = t113[t] + t114[t] + t115[t] + w[t];
    }
}

/* Locate every value of the features of AM_SMALL (kinds below 100 in the
** cue model, the others in the role model) into m->small; m->small stays
** NULL when a model cannot locate (also the features in between, with
** so_ap_locate_take) or there is no memory. */
static void small_fill(so_am *m)
{
    static const struct {
        uint8_t kind;
        uint16_t na, nb;
    } def[] = {
#define AM_SM_DEF(k, na, nb) {k, na, nb},
        AM_SMALL(AM_SM_DEF)
#undef AM_SM_DEF
    };
    if (!so_ap_locate_take(&m->cue, NULL, 0, NULL) || !so_ap_locate_take(&m->role, NULL, 0, NULL))
        return;
    uint32_t *blk = malloc(AM_SM_TOTAL * sizeof *blk), *at = blk;
    for (size_t k = 0; blk && k < sizeof def / sizeof def[0]; k++) {
        const so_ap_model *model = def[k].kind < 100 ? &m->cue : &m->role;
        for (size_t v = 0; v < (size_t)def[k].na * def[k].nb; v++) {
            uint64_t f = fh(def[k].kind, v / def[k].nb, v % def[k].nb);
            if (!so_ap_locate(model, &f, 1, at++)) {
                free(blk);
                return;
            }
        }
    }
    m->small = blk;
}

/* Fill the tables of word-independent previous-tag features. */
static void fill_tables(so_am *m)
{
    for (unsigned p = 0; p < CUE_N; p++) {
        uint64_t f = fh(15, p, 0);
        so_ap_scores(&m->cue, &f, 1, m->cue_t15[p]);
        for (unsigned pos = 0; pos < 256; pos++) {
            f = fh(17, p, pos);
            so_ap_scores(&m->cue, &f, 1, m->cue_t17[p][pos]);
        }
    }
    for (unsigned p = 0; p < ROLE_N; p++)
        for (unsigned dir = 0; dir < 3; dir++) {
            uint64_t f = fh(113, p, dir);
            so_ap_scores(&m->role, &f, 1, m->role_t113[p][dir]);
            for (unsigned db = 0; db < 16; db++) {
                f = fh(115, p * 16 + db, dir);
                so_ap_scores(&m->role, &f, 1, m->role_t115[p][db][dir]);
            }
            for (unsigned pos = 0; pos < 256 && dir == 0; pos++) {
                f = fh(114, p, pos);
                so_ap_scores(&m->role, &f, 1, m->role_t114[p][pos]);
            }
        }
}

static int role_allowed(unsigned prev, unsigned cur)
{
    /* rows: prev O, BS, IS, BC, IC; an I continues its own B or I only */
    static const uint8_t ok[ROLE_N][ROLE_N] = {
        {1, 1, 0, 1, 0}, {1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}, {1, 1, 0, 1, 1}, {1, 1, 0, 1, 1}};
    return ok[prev][cur];
}

/* The place to put the features of slot k of r: at run time, with the
** blocks of the features of few values (so_am's small). The slot functions
** call the (always inlined) feature function once where o.sm is known to be
** set and once where it is not: in the first copy every feature's place,
** and so take, is known at compile time. */
static am_fout ring_out(am_ring *r, size_t k, const am_scoring *s)
{
    k %= AM_RING;
    return (am_fout){r->f[k], s->hint ? s->am->small : NULL, r->at[k], 0, 0};
}

/* The role tagger's cue_slot: position k of q. */
static __attribute__((noinline)) void role_slot(am_ring *r, const am_doc *a, const am_seq *q,
                                                size_t k, const am_scoring *s)
{
    size_t i = am_seq_tok(q, k), j = k % AM_RING;
    am_fout o = ring_out(r, k, s);
    if (o.sm) /* the same call twice: see ring_out */
        role_feats(a, i, q->win, q->cue, &o);
    else
        role_feats(a, i, q->win, q->cue, &o);
    r->nf[j] = o.n;
    r->located[j] = 0;
    if (!s->hint)
        return;
    for (unsigned p = 0; p < ROLE_N; p++)
        put_hash(&o, role_dyn_feat(a, i, p));
    r->located[j] = so_ap_locate_take(s->hint, o.f, o.take, o.at);
}

/* The role tagger's cue_ahead: before scoring position k of q. */
static void role_ahead(am_ring *r, const am_doc *a, const am_seq *q, size_t k,
                       const am_scoring *s)
{
    for (size_t j = k ? k + AM_AHEAD : 0; j <= k + AM_AHEAD && j < q->n; j++)
        role_slot(r, a, q, j, s);
}

void am_viterbi(const am_doc *a, const am_seq *q, const am_scoring *s, uint8_t *out)
{
    am_ring r;
    float st[ROLE_N], dy[ROLE_N * ROLE_N], delta[ROLE_N], nd[ROLE_N];
    uint8_t bp[AM_WIN_MAX][ROLE_N];
    for (unsigned t = 0; t < ROLE_N; t++)
        delta[t] = t == ROLE_O ? 0.0f : -INFINITY; /* start: as after an O */
    for (size_t k = 0; k < q->n; k++) {
        size_t i = am_seq_tok(q, k);
        role_ahead(&r, a, q, k, s);
        ring_scores(&r, k, s, st);
        s->dyn(s, a, i, q, ring_dyn_at(&r, k), dy);
        for (unsigned t = 0; t < ROLE_N; t++)
            nd[t] = -INFINITY;
        for (unsigned p = 0; p < ROLE_N; p++) {
            if (delta[p] == -INFINITY)
                continue;
            for (unsigned t = 0; t < ROLE_N; t++) {
                float v = delta[p] + st[t] + dy[p * ROLE_N + t];
                if (role_allowed(p, t) && v > nd[t]) {
                    nd[t] = v;
                    bp[k][t] = (uint8_t)p;
                }
            }
        }
        memcpy(delta, nd, sizeof delta);
    }
    unsigned best = ROLE_O;
    for (unsigned t = 1; t < ROLE_N; t++)
        if (delta[t] > delta[best])
            best = t;
    for (size_t k = q->n; k-- > 0;) {
        out[k] = (uint8_t)best;
        best = bp[k][best];
    }
}

static int cue_allowed(unsigned prev, unsigned cur)
{
    return !(cur == CUE_I && prev == CUE_O);
}

/* Is token i a quotation mark or inside a quotation? */
static int quoted(const so_doc *d, size_t i)
{
    return d->tok[i].inq || so_tok_is_qmark(d, i);
}

/*
** Surely-O tokens of the cue tagger (run time only; training scores every
** token): a quotation mark or a token inside a quotation, which no
** plausible cue holds (cue_plausible), a full stop, "!" or ";", which
** the tagger never made part of a cue on 100 MB of news, and a token of a
** POS class that is almost never in a cue (rare_in_cues: this one is an
** approximation, which changed 0.4% of the quotes of 20 MB of news and
** no dev score, for 1.8% less work). Such a token is
** not scored: every path through it goes through O, so the scores of its
** own features add the same to all of them and cannot change the best
** one; its previous-tag scores (the word-dependent one located as usual)
** still decide which tag before it leads there (surely_o_step).
*/
static int surely_o(const am_doc *a, size_t i)
{
    const so_doc *d = a->d;
    const so_tok *t = &d->tok[i];
    if (quoted(d, i) || rare_in_cues[a->penn[t->pos]])
        return 1;
    return t->kind == SO_TK_PUNCT && t->end - t->start == 1 &&
           (d->text[t->start] == '.' || d->text[t->start] == '!' || d->text[t->start] == ';');
}

/* Token i of the cue tagger into its slot of r: its static features (none
** for a surely-O token at run time) and, at run time, its word's
** previous-tag features after them, all located (see AM_AHEAD). */
static __attribute__((noinline)) void cue_slot(am_ring *r, const am_doc *a, size_t i, size_t sb,
                                               size_t se, const am_scoring *s)
{
    size_t k = i % AM_RING;
    am_fout o = ring_out(r, k, s);
    r->located[k] = 0;
    r->sure_o[k] = s->hint && surely_o(a, i);
    if (!r->sure_o[k] && o.sm) /* the same call twice: see ring_out */
        cue_feats(a, i, sb, se, &o);
    else if (!r->sure_o[k])
        cue_feats(a, i, sb, se, &o);
    r->nf[k] = o.n;
    if (!s->hint)
        return;
    for (unsigned p = 0; p < CUE_N; p++)
        put_hash(&o, cue_dyn_feat(a, i, p));
    r->located[k] = so_ap_locate_take(s->hint, o.f, o.take, o.at);
}

/* Before scoring token i of sentence [sb, se): the slot of token
** i + AM_AHEAD (at the first token, of all the tokens up to it). */
static void cue_ahead(am_ring *r, const am_doc *a, size_t i, size_t sb, size_t se,
                      const am_scoring *s)
{
    for (size_t j = i == sb ? sb : i + AM_AHEAD; j <= i + AM_AHEAD && j < se; j++)
        cue_slot(r, a, j, sb, se, s);
}

/* A Viterbi step at a surely-O token, whose previous-tag scores are dy:
** only O. */
static void surely_o_step(const float *dy, const float *delta, float *nd, uint8_t *bp)
{
    for (unsigned p = 0; p < CUE_N; p++) {
        if (delta[p] == -INFINITY)
            continue;
        float v = delta[p] + dy[p * CUE_N + CUE_O];
        if (v > nd[CUE_O]) {
            nd[CUE_O] = v;
            bp[CUE_O] = (uint8_t)p;
        }
    }
}

/* What the max-marginal pass needs of each token: its Viterbi score per
** tag (alpha), its own scores (st; a surely-O token: O only) and its
** previous-tag scores (dy[p * CUE_N + t]). */
typedef struct cue_trellis {
    float alpha[AM_CUE_SEG][CUE_N];
    float st[AM_CUE_SEG][CUE_N];
    float dy[AM_CUE_SEG][CUE_N * CUE_N];
} cue_trellis;

/*
** Max-marginal margins of the n tokens of a decoded segment: for each cue
** start k (out[k] == CUE_B), the score of the best path with a cue starting
** at k minus that of the best path with no cue at k (O there), into
** marg[k]; 0 elsewhere. The backward pass runs only over segments with a
** cue. A large margin means the sentence-level decoding was sure.
*/
static void cue_margins(const cue_trellis *tr, const uint8_t *out, size_t n, float *marg)
{
    float beta[CUE_N] = {0.0f, 0.0f, 0.0f}, nb[CUE_N];
    int any = 0;
    for (size_t k = 0; k < n; k++) {
        marg[k] = 0.0f;
        any |= out[k] == CUE_B;
    }
    if (!any)
        return;
    for (size_t k = n; k-- > 0;) {
        if (out[k] == CUE_B) {
            float b = tr->alpha[k][CUE_B] + beta[CUE_B], o = tr->alpha[k][CUE_O] + beta[CUE_O];
            marg[k] = o == -INFINITY ? 1e9f : b - o;
        }
        if (k == 0)
            break;
        for (unsigned p = 0; p < CUE_N; p++) {
            nb[p] = -INFINITY;
            for (unsigned t = 0; t < CUE_N; t++) {
                float v = tr->st[k][t] + tr->dy[k][p * CUE_N + t] + beta[t];
                if (cue_allowed(p, t) && v > nb[p])
                    nb[p] = v;
            }
        }
        memcpy(beta, nb, sizeof beta);
    }
}

/* End of a segment of n tokens: its tags into out (backtracking from
** delta), and its margins into marg when it is not NULL. */
static void cue_flush(const float *delta, const uint8_t (*bp)[CUE_N], size_t n, uint8_t *out,
                      const cue_trellis *tr, float *marg)
{
    am_cue_backtrack(delta, bp, n, out);
    if (marg)
        cue_margins(tr, out, n, marg);
}

void am_cue_viterbi(const am_doc *a, size_t sb, size_t se, const am_scoring *s, uint8_t *out,
                    float *marg)
{
    am_ring r;
    float st[CUE_N], dy[CUE_N * CUE_N], delta[CUE_N] = {0.0f, -INFINITY, -INFINITY}, nd[CUE_N];
    uint8_t bp[AM_CUE_SEG][CUE_N];
    cue_trellis tr_buf, *tr = marg ? &tr_buf : NULL;
    size_t base = sb;
    for (size_t i = sb; i < se; i++) {
        size_t k = i - base;
        cue_ahead(&r, a, i, sb, se, s);
        if (k == AM_CUE_SEG) { /* flush a long sentence in segments */
            cue_flush(delta, bp, k, out + (base - sb), tr, marg ? marg + (base - sb) : NULL);
            base = i;
            k = 0;
            delta[CUE_O] = 0.0f;
            delta[CUE_B] = delta[CUE_I] = -INFINITY;
        }
        for (unsigned t = 0; t < CUE_N; t++)
            nd[t] = -INFINITY;
        s->dyn(s, a, i, NULL, ring_dyn_at(&r, i), dy);
        if (r.sure_o[i % AM_RING]) {
            surely_o_step(dy, delta, nd, bp[k]);
            st[CUE_O] = 0.0f;
            st[CUE_B] = st[CUE_I] = -INFINITY;
        } else {
            ring_scores(&r, i, s, st);
            for (unsigned p = 0; p < CUE_N; p++) {
                if (delta[p] == -INFINITY)
                    continue;
                for (unsigned t = 0; t < CUE_N; t++) {
                    if (!cue_allowed(p, t))
                        continue;
                    float v = delta[p] + st[t] + dy[p * CUE_N + t];
                    if (v > nd[t]) {
                        nd[t] = v;
                        bp[k][t] = (uint8_t)p;
                    }
                }
            }
        }
        memcpy(delta, nd, sizeof delta);
        if (tr) {
            memcpy(tr->alpha[k], delta, sizeof delta);
            memcpy(tr->st[k], st, sizeof st);
            memcpy(tr->dy[k], dy, sizeof dy);
        }
    }
    if (se > base)
        cue_flush(delta, bp, se - base, out + (base - sb), tr, marg ? marg + (base - sb) : NULL);
}

void am_cue_backtrack(const float *delta, const uint8_t (*bp)[CUE_N], size_t n, uint8_t *out)
{
    unsigned best = CUE_O;
    for (unsigned t = 1; t < CUE_N; t++)
        if (delta[t] > delta[best])
            best = t;
    for (size_t k = n; k-- > 0;) {
        out[k] = (uint8_t)best;
        best = bp[k][best];
    }
}

/* Tag one sentence for cues (Viterbi); out[] gets CUE_* per token and
** marg[] the margin of B over O at each cue start. */
static void tag_cues(const so_am *m, const am_doc *a, size_t sb, size_t se, uint8_t *out,
                     float *marg)
{
    am_scoring s = {am_scorer_model, &m->cue, dyn_cue_table, m, &m->cue, NULL, 0.0f};
    am_cue_viterbi(a, sb, se, &s, out, marg);
}

/* Role-tag the window for cue c outwards: tokens after the cue left to
** right, then tokens before it right to left, so that a Source or Content
** segment always begins next to the cue. Fills mem[] (AM_M_*) per token of
** the window. */
static void tag_outward(const so_am *m, const am_doc *a, so_range c, so_range w, unsigned parts,
                        uint8_t *mem)
{
    uint8_t tags[AM_WIN_MAX];
    memset(mem, AM_M_O, w.e - w.b);
    for (int part = 0; part < 2; part++) {
        if (!(parts & (part ? SO_AM_BUSY_BEFORE : SO_AM_BUSY_AFTER)) || c.b < w.b || c.e > w.e)
            continue; /* the window holds the cue (am_window, AM_CUE_MAX) */
        am_seq q = {part ? c.b - w.b : w.e - c.e, part, c, w};
        am_scoring s = {am_scorer_model, &m->role, dyn_role_table, m, &m->role, NULL, 0.0f};
        am_viterbi(a, &q, &s, tags);
        for (size_t k = 0; k < q.n; k++)
            mem[am_seq_tok(&q, k) - w.b] = am_member(tags[k]);
    }
}

/* Source: the Source run nearest the cue; Content: every Content run. */
static void spans_from(const uint8_t *mem, so_range c, so_range w, so_am_attr *at)
{
    size_t best = SIZE_MAX;
    memset(at, 0, sizeof *at);
    at->cue = c;
    for (size_t i = w.b; i < w.e;) {
        uint8_t r = mem[i - w.b];
        size_t e = i + 1;
        while (e < w.e && mem[e - w.b] == r)
            e++;
        size_t dist = e <= c.b ? c.b - e : i - c.e;
        if (r == AM_M_S && dist < best) {
            best = dist;
            at->source = (so_range){(uint32_t)i, (uint32_t)e};
        } else if (r == AM_M_C && at->ncontent < 8) {
            at->content[at->ncontent++] = (so_range){(uint32_t)i, (uint32_t)e};
        }
        i = e;
    }
}

/* The start of a coordination of noun phrases that ends with the source
** [b, e) and opens its sentence ("Canada and Mexico objected", "The
** family, neighbors and church leaders have been demanding", "Sen. Ann
** Cole (D-Ore.), Sen. Tom Reyes (D-Ohio) and Sen. Lia Park ..."),
** or b. */
static size_t coord_start(const am_doc *a, size_t b, size_t e, size_t lo)
{
    const so_doc *d = a->d;
    size_t s = so_sent_after_dateline(d, d->tok[b].sent), k = b;
    int join = b >= 1 && (so_tok_is(d, b - 1, "and") || so_tok_is(d, b - 1, "or"));
    for (size_t i = b; i < e && !join; i++)
        join = b >= 1 && so_tok_is_exact(d, b - 1, ",") && (so_tok_is(d, i, "and") || so_tok_is(d, i, "or"));
    if (b < 2 || b - 2 < lo || s >= b || !join)
        return b;
    k = b - 1;
    int paren = 0;
    while (k > s && k > lo) {
        size_t i = k - 1;
        uint8_t c = a->cc[i];
        if (so_tok_is_exact(d, i, ")"))
            paren = 1;
        else if (so_tok_is_exact(d, i, "("))
            paren = 0;
        else if (!paren && !(c == AM_C_DT || c == AM_C_JJ || c == AM_C_NNP || c == AM_C_N ||
                             so_tok_is_exact(d, i, ",") ||
                             (d->tok[i].flags & SO_TF_CLITIC) || d->tok[i].kind == SO_TK_NUM))
            return b;
        if (d->tok[i].inq)
            return b;
        k = i;
    }
    return k == s && !paren && !so_tok_is_exact(d, s, ",") ? s : b;
}

/* Grow a source leftwards over the rest of its noun phrase ("The mayor's
** office" or "Jones' sister" when the tagger marked "office", "sister";
** a name joined by "&": "Holt & Marrow" when it marked "Marrow"). */
static void widen_source(const am_doc *a, so_range w, so_am_attr *at)
{
    const so_doc *d = a->d;
    if (at->source.e <= at->source.b)
        return;
    size_t b = at->source.b, lo = at->cue.e <= b && at->cue.e > w.b ? at->cue.e : w.b;
    while (b > lo && !d->tok[b - 1].inq) {
        uint8_t k = a->cc[b - 1];
        int clitic = (d->tok[b - 1].flags & SO_TF_CLITIC) != 0 ||
                     d->tok[b - 1].qm == SO_QM_APOS; /* "Jones' sister" */
        if (so_tok_is_exact(d, b - 1, "&") && b - 1 > lo && a->cc[b] == AM_C_NNP &&
            a->cc[b - 2] == AM_C_NNP && !d->tok[b - 2].inq) {
            b -= 2;
            continue;
        }
        if (!(k == AM_C_DT || k == AM_C_JJ || k == AM_C_NNP || k == AM_C_N || clitic))
            break;
        b--;
    }
    at->source.b = (uint32_t)coord_start(a, b, at->source.e, lo);
}

/* Is token i inside a quotation or one of its marks (not an apostrophe)? */
static int in_quotation(const so_doc *d, size_t i)
{
    return d->tok[i].inq || so_tok_quote_edge(d, i);
}

/* The window w cut to the tokens between the quotations nearest the cue c
** on either side. */
static so_range unquoted_window(const so_doc *d, so_range w, so_range c)
{
    size_t b = c.b, e = c.e;
    while (b > w.b && !in_quotation(d, b - 1))
        b--;
    while (e < w.e && !in_quotation(d, e))
        e++;
    return (so_range){(uint32_t)b, (uint32_t)e};
}

/* Trim a source: to its relative pronoun when it ends in one ("an
** architect who" said: PolNeAR marks "who", 402 times in train against 5),
** and past a leading conjunction ("while 73 percent"). Dev: Source exact
** F1 +0.2. */
static void trim_source(const so_doc *d, so_am_attr *at)
{
    static const char *const conj[] = {"while", "but", "and", "as", "when", "because", "if",
                                       "although", "though", "since", "whereas", NULL};
    static const char *const rel[] = {"who", "which", "that", NULL};
    so_range *s = &at->source;
    if (s->e - s->b < 2)
        return;
    if (so_tok_in(d, s->e - 1, rel) && s->e <= at->cue.b)
        s->b = s->e - 1;
    else if (so_tok_in(d, s->b, conj))
        s->b++;
}

/* A cue that opens on the last noun of its source, right before the verb
** it belongs to: a plural noun the tagger read as a verb before a past
** tense ("Immigration | advocates praised") or a singular noun after a
** common noun before a finite verb ("The state attorney | general is
** confirming"; not "Her response | was:"). The noun ends
** the source, and the cue is the verb. Not a noun of the cue lexicon: "Her
** | remarks suggested", a noun cue. */
static void noun_in_cue(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    size_t b = at->cue.b;
    size_t n = so_tok_len(d, b);
    if (at->cue.e < b + 2 || at->source.e != b || at->source.e <= at->source.b ||
        (d->tok[b].flags & SO_TF_CAP) || n < 4 || so_cue_is_aux(d, b) || so_cue_is_be(d, b) ||
        so_cue_is_adverb(d, b) || so_cue_class(d, b) || !so_penn_is_np(penn[d->tok[b - 1].pos]))
        return;
    unsigned t = penn[d->tok[b].pos], v = penn[d->tok[b + 1].pos];
    int plural = so_tok_str(d, b)[n - 1] == 's' && (t == SO_PENN_VBZ || t == SO_PENN_NNS) &&
                 v == SO_PENN_VBD;
    if (!plural && !(t == SO_PENN_NN && so_penn_is_finite(v) &&
                     so_penn_is_common(penn[d->tok[b - 1].pos])))
        return;
    at->cue.b = (uint32_t)(b + 1);
    at->source.e = (uint32_t)(b + 1);
}

/* Drops the first content fragment of at (there is one). */
static void drop_first(so_am_attr *at)
{
    memmove(at->content, at->content + 1, (at->ncontent - 1) * sizeof *at->content);
    at->ncontent--;
}

/* A content fragment of one word that opens the sentence right before the
** source, with the cue and more content after the source ("Think | tank
** Resolution Foundation | said | wages had stalled", where the tagger read
** "Think" as a verb): the word is the source's first. Not a wh-word
** ("What | Mr. Lee | said | was ...") nor a pronoun. */
static void lead_word_source(const so_doc *d, so_am_attr *at)
{
    static const char *const wh[] = {"what", "whatever", "how", "why", "when", "where",
                                     "which", "who", NULL};
    size_t b = at->source.b;
    if (at->ncontent < 2 || at->source.e <= b || b == 0 || at->cue.b < at->source.e ||
        so_tok_in(d, b - 1, wh) || so_cue_is_pronoun(d, b - 1) ||
        at->content[0].b + 1 != b || at->content[0].e != b ||
        at->content[0].b != so_sent_after_dateline(d, d->tok[b].sent) ||
        at->content[1].b < at->cue.e)
        return;
    at->source.b = at->content[0].b;
    drop_first(at);
}

/* A cue that opens on an adverb in capitals inside the sentence, right
** after its source's last word, also in capitals ("Justice | Now said",
** "Dementia | Now welcomed"): the adverb ends the name, so it joins the
** source. */
static void name_adverb(const so_doc *d, so_am_attr *at)
{
    size_t b = at->cue.b;
    if (at->cue.e < b + 2 || at->source.e != b || at->source.e <= at->source.b ||
        !so_attr_name_end(d, b) || !so_cue_is_adverb(d, b))
        return; /* not in a headline in title case: "Campaign | Just Called" */
    at->cue.b = (uint32_t)(b + 1);
    at->source.e = (uint32_t)(b + 1);
}

/* A source of one word in lower case that cannot name anyone, an
** adjective, an adverb, a verb or an article ("unsolicited | calls
** claiming to be ...", "matter-of-factly said"), is no source; a
** quantity ("many", "most") is one. */
static void stray_source(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    static const char *const article[] = {"a", "an", "the", NULL};
    static const char *const quantity[] = {"many", "few", "most", "several", "some", "all",
                                           "both", "each", "others", "more", "fewer", NULL};
    size_t i = at->source.b;
    if (at->source.e != i + 1 || (d->tok[i].flags & SO_TF_CAP) || so_tok_in(d, i, quantity))
        return; /* not a name the tagger read as an adjective, "Devine", nor "many" */
    unsigned t = penn[d->tok[i].pos];
    if (so_penn_is_adj(t) || so_penn_is_adv(t) || so_penn_is_verb(t) || so_tok_in(d, i, article))
        at->source = (so_range){0, 0};
}

int so_am_said_to(const so_doc *d, so_range cue)
{
    static const char *const verbs[] = {"said",    "expected", "believed", "thought",
                                        "reported", "understood", "alleged", "rumored",
                                        "rumoured", "known", NULL};
    size_t c = cue.e;
    return c < d->ntok && cue.e > cue.b && so_tok_in(d, c - 1, verbs) && so_tok_is(d, c, "to") &&
           so_cue_is_be(d, cue.b);
}

/* "X is said to be ...", "who was said to have pressed ...": the subject
** of a passive "said" before "to" (so_am_said_to) is what is said, as
** PolNeAR's gold has it (train: all 4 such cues; and none of the 58 gold
** cues "is expected", "are thought", "were known", ... has a source),
** so the source right before the cue, or the noun phrase there when the
** tagger found none, becomes the first content fragment. */
/* Is cue a passive of judging someone, with no agent ("was accused of",
** "have often been criticized for", "was charged with")? Its subject is
** the one judged: PolNeAR's gold puts it in the content (train 11 of 12
** such cues without a source, dev 5 of 5). */
static int judged_passive(const so_doc *d, so_range cue)
{
    static const char *const judged[] = {"accused", "blamed", "criticized", "criticised",
                                         "charged", "condemned", "faulted", "credited",
                                         "praised", NULL};
    int be = 0, verb = 0;
    if (!(so_cue_is_be(d, cue.b) || so_cue_is_aux(d, cue.b)))
        return 0;
    for (size_t i = cue.b; i < cue.e; i++) {
        be |= so_cue_is_be(d, i);
        verb |= be && so_tok_in(d, i, judged);
        if (so_tok_is(d, i, "by"))
            return 0;
    }
    return be && verb && !(cue.e < d->ntok && so_tok_is(d, cue.e, "by"));
}

/* The comma that opens an appositive set off by commas right before token
** k ("Hines, a former club defender, | is understood to"): one that opens
** with a determiner or a possessive pronoun and holds only a noun phrase
** (with "of"), at most ten tokens, after sb; else k. */
static size_t apposed_before(const uint8_t *penn, const so_doc *d, size_t k, size_t sb)
{
    static const char *const open[] = {"a", "an", "the", "his", "her", "their", "its", NULL};
    if (k < sb + 4 || !so_tok_is_exact(d, k - 1, ","))
        return k;
    for (size_t j = k - 2; j > sb && k - j <= 12; j--) {
        if (so_tok_is_exact(d, j, ","))
            return j + 1 < k - 2 && so_tok_in(d, j + 1, open) ? j : k;
        if (!so_penn_is_np(penn[d->tok[j].pos]) && !so_tok_is(d, j, "of") &&
            !so_tok_in(d, j, open))
            return k;
    }
    return k;
}

static void said_to(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    if (!(so_am_said_to(d, at->cue) || judged_passive(d, at->cue)) || !at->ncontent ||
        at->content[0].b < at->cue.e || at->ncontent >= sizeof at->content / sizeof *at->content)
        return;
    so_range subj = at->source;
    if (subj.e <= subj.b) { /* none tagged: the noun phrase right before the cue */
        size_t k = at->cue.b, sb = so_sent_after_dateline(d, d->tok[k].sent), top = k;
        if (k > sb + 3 && so_tok_is_exact(d, k - 1, ",") && d->tok[k - 2].kind == SO_TK_NUM &&
            so_tok_is_exact(d, k - 3, ","))
            k -= 3; /* an age: "Baird, 47, is understood to" */
        else
            top = k = apposed_before(penn, d, k, sb); /* "Hines, a former defender, is
                                                          understood to": 12 from its comma */
        while (k > sb && top - k < 12 &&
               (so_penn_is_np(penn[d->tok[k - 1].pos]) || penn[d->tok[k - 1].pos] == SO_PENN_PRP ||
                (so_tok_is(d, k - 1, "of") && k - 1 > sb)))
            k--;
        if (k == at->cue.b - 3 && so_tok_is_exact(d, k, ","))
            k = at->cue.b; /* no noun phrase before the age */
        else if (k == top && top < at->cue.b)
            k++; /* no noun phrase before the appositive's comma: the phrase alone */
        while (k < at->cue.b && so_tok_is(d, k, "of"))
            k++;
        subj = (so_range){(uint32_t)k, at->cue.b};
    }
    if (subj.e != at->cue.b || subj.e <= subj.b)
        return;
    memmove(at->content + 1, at->content, at->ncontent * sizeof *at->content);
    at->content[0] = subj;
    at->ncontent++;
    at->source = (so_range){0, 0};
}

/* Has at a content fragment after its cue? */
static int content_after(const so_am_attr *at)
{
    for (unsigned k = 0; k < at->ncontent; k++)
        if (at->content[k].b >= at->cue.e)
            return 1;
    return 0;
}

/* Is content fragment k of at, which ends where the tagger's source src
** starts, a noun phrase opening its sentence that a name is apposed to
** ("The pilots' union Balpa said ...", with content after the cue)? */
static int apposed_name(const am_doc *a, const so_am_attr *at, unsigned k, so_range src)
{
    const so_doc *d = a->d;
    so_range r = at->content[k];
    if (r.e != src.b || a->cc[src.b] != AM_C_NNP || a->cc[r.e - 1] != AM_C_N)
        return 0;
    if (r.b != so_sent_after_dateline(d, d->tok[r.b].sent))
        return 0;
    for (size_t i = src.b; i < src.e; i++)
        if (a->cc[i] != AM_C_NNP)
            return 0; /* not "The message Clinton's forces expect ..." */
    return content_after(at);
}

/* Undo a widening of the tagger's source src over a content fragment:
** such a fragment is mostly a noun phrase that an object relative clause
** holding the source and cue modifies ("a leak the agency said was
** serious", "a tactic the strikers hope will win"; train: 19 sources
** right, none wrong). Not over a list of names ("Lee, Park and Diaz
** have all said") nor a name apposed to the noun phrase
** opening the sentence ("The pilots' union Balpa said ..."). */
static void unwiden_content(const am_doc *a, so_am_attr *at, so_range src)
{
    for (unsigned k = 0; k < at->ncontent; k++) {
        size_t e = at->content[k].e;
        if (e > at->source.b && e <= src.b && !so_tok_is_exact(a->d, e, ",") &&
            !so_tok_is(a->d, e, "and") && !apposed_name(a, at, k, src))
            at->source.b = (uint32_t)e;
    }
}

static void tag_roles(const so_am *m, const am_doc *a, so_range c, unsigned busy,
                      so_am_attr *at)
{
    uint8_t mem[AM_WIN_MAX];
    so_range w = am_window(a->d, c);
    if (busy)
        w = unquoted_window(a->d, w, c);
    tag_outward(m, a, c, w, busy ? busy : SO_AM_BUSY_BEFORE | SO_AM_BUSY_AFTER, mem);
    spans_from(mem, c, w, at);
    so_range src = at->source;
    widen_source(a, w, at);
    unwiden_content(a, at, src);
    trim_source(a->d, at);
}

static int overlaps(so_range a, size_t b, size_t e)
{
    return a.e > a.b && a.b < e && b < a.e;
}

/* Does a content fragment of at overlap [b, e)? */
static int content_overlaps(const so_am_attr *at, size_t b, size_t e)
{
    for (unsigned k = 0; k < at->ncontent; k++)
        if (overlaps(at->content[k], b, e))
            return 1;
    return 0;
}

/* Is token i an interview's "Q" or "A" label, or its colon? */
static int qa_label(const so_doc *d, size_t i)
{
    int qa;
    size_t p = d->tok[i].para, c = so_para_qa(d, p, &qa);
    return c != SIZE_MAX && i <= c;
}

/* Does r open with the source's excuse for anonymity ("speaking on
** condition of anonymity because ...", "speaking anonymously")? It tells
** who speaks, not what is said. */
static int anonymity(const so_doc *d, so_range r)
{
    if (!so_tok_is(d, r.b, "speaking"))
        return 0;
    for (size_t i = r.b + 1; i < r.e && i < r.b + 5u; i++)
        if (so_tok_is(d, i, "anonymity") || so_tok_is(d, i, "anonymously"))
            return 1;
    return 0;
}

/* Is fragment r of at the words of one quotation that closes before the
** cue, while at has content after the cue ("promised to "govern for the
** whole city" and said his first priority ...": the quotation is
** promised's)? */
static int quote_before(const so_doc *d, so_range r, const so_am_attr *at)
{
    int32_t q = d->tok[r.b].quote;
    if (q < 0 || d->tok[r.e - 1].quote != q || !d->tok[r.b].inq || !d->tok[r.e - 1].inq ||
        d->q[q].close_tok + 2 != at->cue.b || !so_tok_is(d, at->cue.b - 1, "and"))
        return 0;
    return content_after(at);
}

/* Does r lie inside one quotation without reaching its first word (the
** tagger's content running into the middle of a quotation)? */
static int partial_quote(const so_doc *d, so_range r)
{
    int32_t q = d->tok[r.b].quote;
    if (q < 0 || d->tok[r.e - 1].quote != q || !d->tok[r.b].inq || !d->tok[r.e - 1].inq)
        return 0;
    return r.b > d->q[q].open_tok + 1;
}

/* The dash that closes the aside set off by dashes that cue c stands in
** ("The manager -- who asked that his name not be used -- said ..."), or
** SIZE_MAX: a dash before c and one after it in its sentence, none
** between, outside quotations. */
static size_t aside_close(const so_doc *d, so_range c)
{
    if (c.e <= c.b || d->tok[c.b].inq)
        return SIZE_MAX;
    so_range s = d->sent[d->tok[c.b].sent];
    size_t open = SIZE_MAX, close = SIZE_MAX;
    for (size_t k = c.b; k-- > s.b && c.b - k < 30;)
        if (d->tok[k].kind == SO_TK_DASH) {
            open = k;
            break;
        }
    for (size_t k = c.e; k < s.e && k - c.e < 40 && !d->tok[k].inq; k++)
        if (d->tok[k].kind == SO_TK_DASH) {
            close = k;
            break;
        }
    return open != SIZE_MAX && open > s.b ? close : SIZE_MAX;
}

/* The comma that closes the relative clause set off by commas that cue c
** stands in ("A manager at the label, who asked not to be named, recalls
** ...": the content of "asked" stops at the comma), or SIZE_MAX: ", who"
** or ", which" at most four tokens before c, and after c a comma (within
** 30 tokens, no quotation between) followed by a finite verb, after at
** most two adverbs. */
static size_t relative_close(const uint8_t *penn, const so_doc *d, so_range c)
{
    static const char *const rel[] = {"who", "which", NULL};
    if (c.e <= c.b || d->tok[c.b].inq)
        return SIZE_MAX;
    size_t s = d->tok[c.b].sent, sb = d->sent[s].b, e = d->sent[s].e, k = c.b;
    while (k > sb + 1 && c.b - k < 4 && !so_tok_in(d, k - 1, rel))
        k--;
    if (k <= sb + 1 || !so_tok_in(d, k - 1, rel) || !so_tok_is_exact(d, k - 2, ","))
        return SIZE_MAX;
    for (size_t i = c.e; i < e && i < c.e + 30; i++) {
        if (so_tok_is_qmark(d, i) || d->tok[i].inq)
            return SIZE_MAX;
        if (!so_tok_is_exact(d, i, ","))
            continue;
        size_t v = i + 1;
        while (v < e && v < i + 3 && so_penn_is_adv(penn[d->tok[v].pos]))
            v++;
        return v < e && so_penn_is_finite(penn[d->tok[v].pos]) ? i : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* The end of the run of noun-phrase words and personal pronouns that
** starts at token i, before e and at most n tokens long. */
static size_t np_run(const uint8_t *penn, const so_doc *d, size_t i, size_t e, size_t n)
{
    size_t k = i;
    while (k < e && k < i + n &&
           (so_penn_is_np(penn[d->tok[k].pos]) || penn[d->tok[k].pos] == SO_PENN_PRP))
        k++;
    return k;
}

/* Does a main clause start at token i: a subject (a pronoun, or words of a
** noun phrase) and a finite verb within eight tokens? */
static int clause_at(const uint8_t *penn, const so_doc *d, size_t i, size_t e)
{
    size_t k = np_run(penn, d, i, e, 8);
    if (k == i || k >= e)
        return 0;
    return so_penn_is_finite(penn[d->tok[k].pos]);
}

/* The comma that closes a subordinate clause opening the sentence of cue
** c, when c lies in that clause and a main clause follows the comma ("If
** they reject it, talks would resume": the content of "reject" stops at
** the comma; not a list, "stresses his record on taxes, health care,
** ..."), or SIZE_MAX. Train 6 contents changed, dev 2: Content exact F1
** +0.02 and +0.05. */
static size_t subordinate_close(const uint8_t *penn, const so_doc *d, so_range c)
{
    static const char *const subord[] = {"if", "when", "although", "though", "because",
                                         "unless", "while", "once", "until", "whether", NULL};
    size_t s = d->tok[c.b].sent, b = so_sent_after_dateline(d, s), e = d->sent[s].e;
    if (!so_tok_in(d, b, subord) || c.b <= b || c.b > b + 40)
        return SIZE_MAX; /* (bounded: a text of one long sentence costs no more) */
    for (size_t i = b + 1; i < c.b; i++)
        if (so_tok_is_exact(d, i, ",") || so_tok_is_qmark(d, i))
            return SIZE_MAX; /* the clause ended before the cue */
    for (size_t i = c.e; i < e && i < c.e + 30; i++) {
        if (so_tok_is_qmark(d, i) || d->tok[i].inq)
            return SIZE_MAX;
        if (so_tok_is_exact(d, i, ","))
            return clause_at(penn, d, i + 1, e) ? i : SIZE_MAX;
    }
    return SIZE_MAX;
}

/* The subordinator that ends a cue's object when a clause with a cue of
** its own follows it ("praised the volunteers | because she thought their
** work was ...", "criticised the council | after its engineers described
** ..."): the content runs from the cue to there, opens with a noun
** phrase and has no finite verb before it (not "said | he would quit
** after critics accused him", "noted that when ...", "vows not to ...
** until"), or SIZE_MAX. A comma before the subordinator is left out too. */
static size_t object_close(const uint8_t *penn, const so_doc *d, const so_am_attr *at)
{
    static const char *const subord[] = {"after",  "because", "although", "though", "since",
                                         "before", "when",    "once",     "until",  NULL};
    if (!at->ncontent || at->content[0].b != at->cue.e)
        return SIZE_MAX;
    unsigned t = penn[d->tok[at->cue.e].pos];
    if (!(so_penn_is_np(t) || t == SO_PENN_PRP) || so_tok_is(d, at->cue.e, "that"))
        return SIZE_MAX; /* an object, not "noted that when ..." nor "vows not to ..." */
    size_t e = at->content[0].e;
    for (size_t i = at->cue.e + 1; i < e && i < at->cue.e + 30; i++) {
        if (so_penn_is_finite(penn[d->tok[i].pos]) || so_tok_is_qmark(d, i))
            return SIZE_MAX;
        if (!so_tok_in(d, i, subord) || !clause_at(penn, d, i + 1, e))
            continue;
        size_t v = i + 1;
        while (v < e && !so_penn_is_finite(penn[d->tok[v].pos]))
            v++;
        if (!so_cue_class(d, v))
            return SIZE_MAX;
        return so_tok_is_exact(d, i - 1, ",") ? i - 1 : i;
    }
    return SIZE_MAX;
}

/* The comma before a relative clause at the end of the cue's content
** whose own subject and naming cue say the rest ("said he had backed the
** licensing boards | , which he called "a racket"", "found that the
** risk fell | , which Dr Sato described as ..."): PolNeAR gives that
** clause to its own cue. Not one that closes before the content does
** (", whom he called "...," or ..."), nor one of another cue (", which
** she said has grown ...": gold keeps it). SIZE_MAX when none. */
static size_t relative_tail_close(const uint8_t *penn, const so_doc *d, const so_am_attr *at)
{
    static const char *const rel[] = {"which", "whom", NULL};
    if (!at->ncontent || at->content[0].b < at->cue.e)
        return SIZE_MAX;
    size_t b = at->content[0].b, e = at->content[0].e;
    for (size_t i = b + 1; i + 2 < e && i < b + 60; i++) {
        if (!so_tok_is_exact(d, i, ",") || !so_tok_in(d, i + 1, rel))
            continue;
        size_t v = np_run(penn, d, i + 2, e, 8);
        if (v == i + 2)
            continue; /* no subject: "which is called the Harbour Savings Fund" */
        while (v < e && v < i + 14 && (so_cue_is_aux(d, v) || so_cue_is_adverb(d, v)))
            v++;
        if (v >= e || so_cue_class(d, v) != SO_CUE_NAMING)
            return SIZE_MAX; /* not ", which she said has grown ...", which gold keeps */
        for (size_t k = v + 1; k < e; k++)
            if (so_tok_is_exact(d, k, ",") && k + 1 < e)
                return SIZE_MAX;
        return i;
    }
    return SIZE_MAX;
}

/* The comma before a concessive clause with its own subject and cue in
** the content after the cue ("found that two in three members had seen
** fewer customers | , though the association admits ...", "said the plan
** was sound | , although critics argue ..."): a noun phrase of at most six
** words between the conjunction and a finite cue verb. SIZE_MAX when none. */
static size_t concessive_close(const uint8_t *penn, const so_doc *d, const so_am_attr *at)
{
    static const char *const conj[] = {"though", "although", "whereas", NULL};
    if (!at->ncontent || at->content[0].b < at->cue.e)
        return SIZE_MAX;
    size_t e = at->content[at->ncontent - 1].e;
    for (size_t i = at->content[0].b + 1; i + 2 < e; i++) {
        if (d->tok[i].inq || !so_tok_is_exact(d, i, ",") || !so_tok_in(d, i + 1, conj))
            continue;
        size_t v = np_run(penn, d, i + 2, e, 6);
        if (v > i + 2 && v < e && so_penn_is_finite(penn[d->tok[v].pos]) && so_cue_class(d, v))
            return i;
    }
    return SIZE_MAX;
}

/* Tidy the content fragments: join fragments that only the tagger split
** (no cue or source between them), drop a piece cut out of a quotation
** (partial_quote) or a source's anonymity (anonymity) beside other
** content, end each at the closing dash of the cue's aside, at the comma
** that closes the cue's subordinate clause (subordinate_close) or before a
** later clause with a cue of its own (object_close, relative_tail_close,
** concessive_close), start none
** in a dateline or on an interview's label, drop trailing punctuation
** outside quotation marks, and give a fragment after the cue back the
** determiner the tagger left out before it ("told reporters | the road
** would stay closed": train 2 fragments to the gold span, none away). */
static void tidy_content(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    unsigned w = 0;
    for (unsigned k = 0; k < at->ncontent; k++) {
        so_range r = at->content[k];
        if (w && !overlaps(at->cue, at->content[w - 1].e, r.b) &&
            !overlaps(at->source, at->content[w - 1].e, r.b))
            at->content[w - 1].e = r.e;
        else
            at->content[w++] = r;
    }
    at->ncontent = w;
    if (w > 1) { /* not a piece cut out of a quotation, beside other content */
        w = 0;
        for (unsigned k = 0; k < at->ncontent; k++)
            if (!partial_quote(d, at->content[k]) && !anonymity(d, at->content[k]) &&
                !quote_before(d, at->content[k], at))
                at->content[w++] = at->content[k];
        if (w)
            at->ncontent = w;
    }
    size_t close = aside_close(d, at->cue);
    if (close == SIZE_MAX)
        close = subordinate_close(penn, d, at->cue);
    if (close == SIZE_MAX)
        close = relative_close(penn, d, at->cue);
    if (close == SIZE_MAX)
        close = object_close(penn, d, at);
    if (close == SIZE_MAX)
        close = relative_tail_close(penn, d, at);
    if (close == SIZE_MAX)
        close = concessive_close(penn, d, at);
    for (unsigned k = 0; k < at->ncontent; k++) {
        so_range *r = &at->content[k];
        if (close != SIZE_MAX && r->b < close && close < r->e)
            r->e = (uint32_t)close; /* the aside's own words: "-- who asked that ... --" */
        if (d->tok[r->b].flags & SO_TF_SENT_START) { /* never a dateline ("MERIDIAN —") */
            size_t b = so_sent_after_dateline(d, d->tok[r->b].sent);
            if (b < r->e)
                r->b = (uint32_t)b;
        }
        while (r->b + 1 < r->e && qa_label(d, r->b))
            r->b++; /* nor an interview's "A:" */
        r->e = (uint32_t)so_attr_trim_end(d, r->b + 1, r->e);
        if (r->b > at->cue.e && penn[d->tok[r->b - 1].pos] == SO_PENN_DT &&
            !d->tok[r->b - 1].inq && penn[d->tok[r->b].pos] != SO_PENN_DT &&
            !overlaps(at->source, r->b - 1, r->b) && (k == 0 || at->content[k - 1].e < r->b - 1))
            r->b--; /* its determiner: "told reporters | the road would ..." */
    }
}

/* A cue that ends on the preposition after its occasion ("said in a post
** on | X that ...", "said in a statement on | its website that ...", also
** after a participle: "said in a statement read to | the court that"):
** the object, a noun phrase of at most five words before "that" or the
** next word of the first content fragment after the cue, joins the cue,
** as in "said in an interview with the Ledger". */
static const char *const occasion[] = {"statement", "post", "interview", "email", "e-mail",
                                       "letter", "tweet", "release", "video", "speech",
                                       "memo", "appearance", NULL};

static void occasion_object(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    static const char *const prep[] = {"on", "with", "to", "in", "at", "for", NULL};
    size_t c = at->cue.e - 1, occ = SIZE_MAX, k = at->cue.e;
    unsigned f = 0; /* the first fragment after the cue (the tagger may have taken the
                       subject for content: "One victim, a widow from Croydon, said ...") */
    while (f < at->ncontent && at->content[f].b < at->cue.e)
        f++;
    if (f == at->ncontent || !so_tok_in(d, c, prep))
        return;
    for (size_t i = at->cue.b; i < c; i++)
        if (so_tok_in(d, i, occasion))
            occ = i;
    if (occ != SIZE_MAX && occ + 2 == c &&
        (penn[d->tok[occ + 1].pos] == SO_PENN_VBN || penn[d->tok[occ + 1].pos] == SO_PENN_VBD))
        occ++; /* "said in a statement read to | the court that" */
    if (occ == SIZE_MAX || occ + 1 != c || (d->tok[c].flags & SO_TF_CAP))
        return; /* "said in a post on", not "called on" nor a title-case headline's */
    so_range *r = &at->content[f];
    while (k < r->e && k < at->cue.e + 5 && so_penn_is_np(penn[d->tok[k].pos]) &&
           !so_tok_is(d, k, "that"))
        k++;
    if (k == at->cue.e || k >= r->e || !so_penn_is_noun(penn[d->tok[k - 1].pos]) ||
        (r->b != at->cue.e && r->b != k))
        return; /* the content opens right after the cue, or after its object */
    at->cue.e = (uint32_t)k;
    r->b = (uint32_t)k;
}

/* Content that opens inside the occasion after its cue, a programme or an
** outlet named with a possessive or a quotation, and runs on to "that"
** ("said on Fox | 's "Weekend Review" that ...", "said on | "Capitol
** Watch" that ..."): the content starts at "that". A cue that ends on the
** preposition takes the rest of the occasion ("said on "Capitol Watch""),
** one that ends before it stays as it is: gold is split on occasions in
** the cue, and took the model's cue 4 times against 2. The cue ends on or
** right before "on", "in", "during" or "at"; at most 12 tokens up to
** "that", with no finite verb, comma or full stop outside the quotation.
** Train 5 contents to the gold span, none away. */
static void named_occasion(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    static const char *const prep[] = {"on", "in", "during", "at", NULL};
    size_t c = at->cue.e, p = c - 1;
    if (!at->ncontent || at->content[0].b < c || c >= d->ntok)
        return;
    if (!so_tok_in(d, p, prep))
        p = c;
    if (!so_tok_in(d, p, prep) || at->content[0].b > p + 6)
        return;
    so_range *r = &at->content[0];
    int named = 0;
    size_t k = p + 1;
    for (; k < r->e && k < p + 13 && !(so_tok_is(d, k, "that") && !d->tok[k].inq); k++) {
        if (!d->tok[k].inq && !so_tok_is_qmark(d, k) &&
            (d->tok[k].kind == SO_TK_PUNCT || so_penn_is_finite(penn[d->tok[k].pos])))
            return;
        named |= so_tok_is_qmark(d, k) || (d->tok[k].flags & SO_TF_CLITIC);
    }
    if (!named || k + 1 >= r->e || !so_tok_is(d, k, "that") || r->b == k ||
        overlaps(at->source, c, k + 1))
        return; /* not over a source the tagger found in the occasion */
    if (p < c)
        at->cue.e = (uint32_t)k;
    r->b = (uint32_t)k;
}

/* Content that opens with "that" and a subordinator and ends at the comma
** that closes the subordinate clause ("worried that if the council blocked
** the sale |, the company could walk away ..."): the that-clause's main
** clause comes after the comma, so the content runs on to the sentence's
** end. It stops before ", which" or ", who", a quotation mark, a dash or
** a semicolon, and does not run on when the clause after the comma opens
** on a cue of its own within four words ("that while ... , he argued").
** At most 64 tokens more. */
static void that_subordinate(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    static const char *const sub[] = {"if", "when", "while", "although", "though", "since",
                                      "because", "after", "before", "unless", "once", "as",
                                      NULL};
    static const char *const rel[] = {"which", "who", "whom", NULL};
    if (!at->ncontent)
        return;
    so_range *r = &at->content[at->ncontent - 1];
    size_t c = r->e, se = d->sent[d->tok[r->b].sent].e, k;
    if (r->e < r->b + 4 || !so_tok_is(d, r->b, "that") || !so_tok_in(d, r->b + 1, sub) ||
        c + 2 >= se || !so_tok_is_exact(d, c, ",") || d->tok[c].inq || at->cue.b > r->b)
        return;
    int verb = 0;
    for (k = c + 1; k < se && k < c + 65; k++) {
        if (so_tok_is_qmark(d, k) || d->tok[k].inq || d->tok[k].kind == SO_TK_DASH ||
            so_tok_is_exact(d, k, ";") || (so_tok_is_exact(d, k, ",") && k + 1 < se &&
                                           so_tok_in(d, k + 1, rel)))
            break;
        if (k < c + 5 && so_cue_class(d, k) == SO_CUE_SPEECH)
            return; /* ", he argued": a cue of its own */
        verb |= so_penn_is_finite(penn[d->tok[k].pos]);
    }
    int capped = k < se && k >= c + 65; /* the sentence goes on: no end found */
    while (k > c + 1 && d->tok[k - 1].kind == SO_TK_PUNCT)
        k--;
    if (!verb || k < c + 3 || capped)
        return;
    r->e = (uint32_t)k;
}

/* A cue that ends on "for" before a duration, the content opening on it
** ("has complained for | years that ...", "has warned for | several
** months that ..."): the duration joins the cue, as gold has it, and the content
** starts after it. */
static void duration_object(const so_doc *d, so_am_attr *at)
{
    static const char *const unit[] = {"days", "weeks", "months", "years", "decades", NULL};
    static const char *const many[] = {"several", "many", "some", "two", "three", "four",
                                       "five", "six", "ten", NULL};
    size_t c = at->cue.e, k = c;
    if (!at->ncontent || at->content[0].b != c || !so_tok_is(d, c - 1, "for"))
        return;
    if (k < d->ntok && so_tok_in(d, k, many))
        k++;
    if (k >= d->ntok || !so_tok_in(d, k, unit))
        return;
    so_range *r = &at->content[0];
    if (k + 2 >= r->e)
        return;
    at->cue.e = (uint32_t)(k + 1);
    r->b = (uint32_t)(k + 1);
}

/* A cue that ends on its occasion, with content opening on a participle
** that runs on to "that" ("said in a letter | sent to supporters on
** Friday that ..."): the participle's phrase joins the cue, which the
** clause from "that" is the content of. At most 10 tokens, no comma,
** quotation or finite verb among them. */
static void occasion_participle(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    size_t c = at->cue.e, k = c + 1;
    if (!at->ncontent || at->content[0].b != c || !so_tok_in(d, c - 1, occasion) ||
        !(penn[d->tok[c].pos] == SO_PENN_VBN || penn[d->tok[c].pos] == SO_PENN_VBD))
        return;
    so_range *r = &at->content[0];
    while (k < r->e && k < c + 10 && !so_tok_is(d, k, "that")) {
        if (d->tok[k].kind == SO_TK_PUNCT || so_tok_is_qmark(d, k) || d->tok[k].inq ||
            so_penn_is_finite(penn[d->tok[k].pos]))
            return;
        k++;
    }
    if (k + 1 >= r->e || !so_tok_is(d, k, "that"))
        return;
    at->cue.e = (uint32_t)k;
    r->b = (uint32_t)k;
}

/* Content after the cue that ends on the occasion the words were said in
** ("positive reviews of his record | in a tweet", "... | in an interview
** with the Ledger on Friday"): "in a" or "in an", a tweet, post, interview,
** email, video, appearance or statement within the next four tokens, and
** nothing after it but up to six tokens with no verb, comma or quotation.
** The occasion is left out, as PolNeAR's gold mostly leaves it (not "in
** his Monday address", "in a letter last week to the regulator", "in the
** interview on Friday"). */
static void occasion_tail(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    static const char *const said_in[] = {"tweet", "post", "interview", "email", "e-mail",
                                          "video", "appearance", "statement", NULL};
    static const char *const a[] = {"a", "an", NULL};
    if (!at->ncontent || at->content[at->ncontent - 1].b < at->cue.e)
        return;
    so_range *r = &at->content[at->ncontent - 1];
    size_t i = r->e;
    while (i > r->b + 2 && r->e - i < 12 && !so_tok_is(d, i - 1, "in"))
        i--;
    size_t in = i - 1, o = in + 2;
    if (i <= r->b + 2 || o >= r->e || !so_tok_is(d, in, "in") || !so_tok_in(d, in + 1, a))
        return;
    while (o < r->e && o < in + 6 && !so_tok_in(d, o, said_in))
        o++;
    if (o >= r->e || !so_tok_in(d, o, said_in) || r->e - o > 7)
        return;
    for (size_t k = in + 1; k < r->e; k++)
        if (so_penn_is_verb(penn[d->tok[k].pos]) || d->tok[k].kind == SO_TK_PUNCT ||
            so_tok_is_qmark(d, k) || d->tok[k].inq)
            return;
    r->e = (uint32_t)in;
}

/* The tokens of sentence s without its dateline or interview label and
** its final punctuation: [b, e). */
static so_range sent_body(const so_doc *d, size_t s)
{
    size_t b = so_sent_after_dateline(d, s), e = d->sent[s].e;
    while (b < e && qa_label(d, b))
        b++;
    while (e > b && d->tok[e - 1].kind == SO_TK_PUNCT)
        e--;
    return (so_range){(uint32_t)b, (uint32_t)e};
}

/* sent_body of sentence s within the tagging window of the cue
** (am_window): the farthest any content or source the rules below add to
** a model attribution may reach, so that a sentence of a million words
** with a cue every few words costs time and output in proportion to its
** length. */
static so_range cue_body(const so_doc *d, size_t s, so_range cue)
{
    so_range body = sent_body(d, s), w = am_window(d, cue);
    if (body.b < w.b)
        body.b = w.b;
    if (body.e > w.e)
        body.e = w.e;
    if (body.e < body.b)
        body.e = body.b;
    return body;
}

/* The tokens [*lo, *hi) that cue and source of at take together; 0 when
** they are not side by side. */
static int cue_with_source(const so_am_attr *at, size_t *lo, size_t *hi)
{
    *lo = at->cue.b < at->source.b ? at->cue.b : at->source.b;
    *hi = at->cue.e > at->source.e ? at->cue.e : at->source.e;
    return *hi - *lo <= at->cue.e - at->cue.b + at->source.e - at->source.b;
}

/* Does the clause at token b open with a word that makes it no content
** of a cue that opens its sentence with its source ("Rana agreed, though
** he said …", "…, saying …": another attribution's, or none)? Not a
** subordinator that may open a clause inside the content ("replied, when
** asked, the plan would fail"). */
static int not_content_lead(const so_doc *d, size_t b)
{
    static const char *const conj[] = {"though", "although", "whereas", "but", "and", "or", "yet",
                                       NULL};
    return so_tok_in(d, b, conj) || (so_tok_ing(d, b) && so_cue_class(d, b));
}

/* A cue with a source but no content, set off by commas inside its
** sentence ("The plan failed, she said." / "Too often, he said, it
** fails."): the content is the clause before the comma, and the one after
** a comma that follows (when the source opens the sentence, not one that
** opens with a conjunction or a participle cue: not_content_lead). */
static void comma_content(const so_doc *d, so_am_attr *at)
{
    if (at->ncontent || at->source.e <= at->source.b)
        return;
    size_t lo, hi;
    if (!cue_with_source(at, &lo, &hi))
        return;
    so_range body = cue_body(d, d->tok[at->cue.b].sent, at->cue);
    for (size_t j = hi; j < body.e && j < hi + 4 && !so_tok_is_exact(d, j, ","); j++)
        if (so_tok_is(d, j, "that") && j + 2 < body.e) {
            at->content[at->ncontent++] = (so_range){(uint32_t)j, body.e};
            return; /* "Speaking on Monday, the mayor told residents that ...": no aside */
        }
    if (lo > body.b + 1 && so_tok_is_exact(d, lo - 1, ",") && !d->tok[lo - 2].inq)
        at->content[at->ncontent++] = (so_range){body.b, (uint32_t)(lo - 1)};
    so_range after = {(uint32_t)(hi + 1), body.e};
    if (hi + 1 < body.e && so_tok_is_exact(d, hi, ",") &&
        (at->ncontent || (lo == body.b && !not_content_lead(d, after.b))) && !anonymity(d, after))
        at->content[at->ncontent++] = after;
}

/* A cue and source set off by commas inside a sentence whose content the
** model found only after them, opening with a conjunction ("No one was
** hurt, she said, but two staff were treated for shock"): the clause
** before the commas is content too, and comes first. */
static void parenthetical_content(const so_doc *d, so_am_attr *at)
{
    static const so_word conj[] = {SO_WORD("but"), SO_WORD("and"), SO_WORD("although"),
                                   SO_WORD("though"), SO_WORD("while"), SO_WORD("yet"),
                                   SO_WORD("or"), SO_WORD("so")};
    if (at->ncontent != 1 || at->source.e <= at->source.b)
        return;
    size_t lo, hi;
    if (!cue_with_source(at, &lo, &hi))
        return;
    so_range body = cue_body(d, d->tok[at->cue.b].sent, at->cue), c = at->content[0];
    if (c.b != hi + 1 || !so_tok_is_exact(d, hi, ",") || lo < body.b + 2 ||
        !so_tok_is_exact(d, lo - 1, ",") || d->tok[lo - 2].inq ||
        !so_word_in(so_tok_str(d, c.b), so_tok_len(d, c.b), conj, sizeof conj / sizeof *conj))
        return;
    at->content[1] = c;
    at->content[0] = (so_range){body.b, (uint32_t)(lo - 1)};
    at->ncontent = 2;
}

/* Is at's only content the "what" right before its source ("Here is what
** she announced:", "in what experts called ...")? */
static int what_only(const so_doc *d, const so_am_attr *at)
{
    return at->ncontent == 1 && at->content[0].e == at->content[0].b + 1 &&
           at->content[0].e == at->source.b && so_tok_is(d, at->content[0].b, "what");
}

/* Does token i open a list item: a dash, "*" or a bullet sign? */
static int bullet(const so_doc *d, size_t i)
{
    return d->tok[i].kind == SO_TK_DASH || so_tok_is_exact(d, i, "*") ||
           so_tok_is_exact(d, i, "\xe2\x80\xa2");
}

/* The most list items block_content takes after the first. */
#define BULLETS_MAX 32

/* A cue with a source and no content (or only a "what" before the
** source: "Here is what she announced:") that ends its paragraph with a
** colon ("Limbaugh added:"), when the next paragraph opens with no quotation mark
** (the rules take a quotation there) and is no interview label: that
** paragraph, quoted at length without marks, is the content, with the
** paragraphs after it when all open with a dash or a bullet (a list of
** items, at most BULLETS_MAX more). Train: 5 of the 7 such cues in the gold
** files; 8 attributions added, dev 2 (Cue exact F1 +0.06). */
static void block_content(const so_doc *d, so_am_attr *at)
{
    size_t c = at->cue.e - 1, p = d->tok[c].para;
    if ((at->ncontent && !what_only(d, at)) || at->source.e <= at->source.b || p + 1 >= d->npara)
        return;
    if (!so_tok_is_exact(d, c, ":") && c + 1 < d->ntok && so_tok_is_exact(d, c + 1, ":"))
        c++;
    so_range next = d->para[p + 1];
    if (!so_tok_is_exact(d, c, ":") || c + 1 != d->para[p].e || next.e <= next.b + 1 ||
        so_tok_is_qmark(d, next.b) || qa_label(d, next.b))
        return;
    for (size_t q = p + 2; q < d->npara && q < p + 2 + BULLETS_MAX && bullet(d, next.b) &&
                           bullet(d, d->para[q].b);
         q++)
        next.e = d->para[q].e; /* a list of items, each opening with a dash or a bullet */
    at->content[0] = next; /* "Here is what she announced:" has no "what" for content */
    at->ncontent = 1;
}

/* "in what security experts called one of the worst breaches this year":
** a naming cue whose only content is the "what" before its source gets
** the complement after it too, up to a comma, semicolon, dash, bracket or
** the sentence's end (a quotation whole), at most 32 tokens, as a second
** fragment ("what" ... "one of the worst breaches this year"). */
static void what_complement(const so_doc *d, so_am_attr *at)
{
    size_t b = at->cue.e, se = d->sent[d->tok[at->cue.b].sent].e, e = b;
    if (!what_only(d, at) || so_cue_class(d, at->cue.e - 1) != SO_CUE_NAMING)
        return;
    while (e < se && e - b < 32 && d->tok[e].kind != SO_TK_DASH &&
           !(d->tok[e].kind == SO_TK_PUNCT && !d->tok[e].inq))
        e++;
    if (e == b || e - b >= 32 || (d->tok[e - 1].inq && d->tok[e - 1].qm != SO_QM_CLOSE) ||
        d->tok[e - 1].qm == SO_QM_OPEN)
        return; /* a quotation it would cut */
    at->content[at->ncontent++] = (so_range){(uint32_t)b, (uint32_t)e};
}

/* The "that" after the relative clause at token w ("who would listen
** that"), within eight tokens and before any comma or quotation mark and
** before e; or b when there is none. */
static size_t relative_that(const so_doc *d, size_t w, size_t e, size_t b)
{
    for (size_t j = w + 1; j < e && j <= w + 8; j++) {
        if (so_tok_is_exact(d, j, ",") || so_tok_is_qmark(d, j))
            break;
        if (so_tok_is(d, j, "that"))
            return j;
    }
    return b;
}

/* The start of a partitive subject that the tagger cut before its "of" at
** token o, after the one told ("told reporters the worst | of the storm
** would pass", "told the BBC most | of the money had gone"): the
** determiner or quantifier after the recipient's last noun, or o when
** there is none. */
static size_t partitive_start(const uint8_t *penn, const so_doc *d, size_t c, size_t o)
{
    static const char *const q[] = {"the", "most", "some", "all", "much", "many", "none",
                                    "one", "each", "part", "half", "few", NULL};
    size_t k = o;
    while (k > c + 1 && k + 3 > o && !so_tok_in(d, k - 1, q))
        k--;
    if (k <= c + 1 || !so_tok_in(d, k - 1, q))
        return o;
    unsigned t = penn[d->tok[k - 2].pos];
    return so_penn_is_noun(t) || t == SO_PENN_PRP ? k - 1 : o; /* the recipient ends there */
}

/* Is token i a name and does a personal pronoun follow the noun-phrase
** words after it, within the eight tokens clause_at looks at ("Echo she
** saw": the last word of the one told, then the clause's subject; not
** "told the court | something it had not heard")? */
static int late_pronoun(const uint8_t *penn, const so_doc *d, size_t i, size_t e)
{
    if (!so_penn_is_proper(penn[d->tok[i].pos]))
        return 0;
    for (size_t k = i + 1; k < e && k < i + 8; k++) {
        unsigned t = penn[d->tok[k].pos];
        if (t == SO_PENN_PRP)
            return 1;
        if (!so_penn_is_np(t))
            return 0;
    }
    return 0;
}

/* After a "tell" cue ("told us they would stay", "has informed the board
** that ..."), the one told is no content: content that opens with
** an object of at most four words (a pronoun, or noun-phrase words by the
** POS tags) and then "that" or a clause (a subject and a finite verb)
** starts after it, and so does one that opens with an object pronoun
** before a noun phrase ("told us gusts of 80mph were"). Train: 9 contents changed, all to the gold start. An
** object with a relative clause ("told anyone who would listen that"):
** the content starts at the "that" after it (PolNeAR unchanged). */
static void recipient_content(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    static const char *const tell[] = {"told", "tell", "tells", "telling", "informed",
                                       "assured", NULL};
    if (!at->ncontent || !so_tok_in(d, at->cue.e - 1, tell))
        return;
    so_range *r = &at->content[0];
    if (r->b > at->cue.e && r->b <= at->cue.e + 4 &&
        (so_tok_is(d, r->b, "who") || so_tok_is(d, r->b, "whom"))) {
        r->b = (uint32_t)relative_that(d, r->b, r->e, r->b); /* the tagger left out "anyone" */
        return;
    }
    if (r->b > at->cue.e + 1 && r->b <= at->cue.e + 6 && so_tok_is(d, r->b, "of")) {
        r->b = (uint32_t)partitive_start(penn, d, at->cue.e, r->b);
        return;
    }
    if (r->b != at->cue.e)
        return;
    static const char *const obj[] = {"us", "me", "him", "them", NULL};
    static const char *const wh[] = {"what", "how", "why", "whether", "where", "when", NULL};
    if (r->b + 2 < r->e && so_tok_in(d, r->b, obj) &&
        (so_penn_is_np(penn[d->tok[r->b + 1].pos]) || penn[d->tok[r->b + 1].pos] == SO_PENN_PRP)) {
        r->b++; /* "told us gusts of 80mph were still possible": an object pronoun is no
                   subject, so what follows it is the content */
        return;
    }
    for (size_t k = r->b + 1; k < r->e && k <= r->b + 4; k++) {
        unsigned t = penn[d->tok[k - 1].pos];
        if (!(so_penn_is_noun(t) || t == SO_PENN_PRP || t == SO_PENN_PRPS || t == SO_PENN_DT ||
              t == SO_PENN_JJ || t == SO_PENN_POS))
            return;
        int np_end = so_penn_is_noun(t) || t == SO_PENN_PRP ||
                     (t == SO_PENN_PRPS && (so_cue_is_pronoun(d, k) ||
                                            penn[d->tok[k].pos] == SO_PENN_DT)); /* "told her
                                                                    we", "her the" */
        int adv_clause = k + 2 < r->e && penn[d->tok[k].pos] == SO_PENN_PRP &&
                         penn[d->tok[k + 1].pos] == SO_PENN_RB &&
                         so_penn_is_finite(penn[d->tok[k + 2].pos]); /* "he rarely asks" */
        if (np_end && (so_tok_is(d, k, "who") || so_tok_is(d, k, "whom"))) {
            r->b = (uint32_t)relative_that(d, k, r->e, r->b); /* "told anyone who would
                                                                 listen that ..." */
            return;
        }
        if (np_end && (so_tok_is(d, k, "that") || (k > r->b + 1 && so_tok_in(d, k, wh)) ||
                       (clause_at(penn, d, k, r->e) && !late_pronoun(penn, d, k, r->e)) ||
                       adv_clause)) {
            r->b = (uint32_t)k;
            return;
        }
    }
}

/* "CLAUSE, according to X": content the model started inside the clause
** ("Hollis, who ..., told colleagues that he no | longer had the energy to
** fight on, according to two people") starts where the sentence does
** (after a dateline), as PolNeAR's gold mostly has it (train: of 44 such
** contents, 22 start there in gold and 8 where the model started them,
** after a conjunction or an "As ...," opening, which stay; so do a
** relative clause and a clause after ", and" or ";"). At most 64 tokens
** back, in the same paragraph, with no quotation mark among them. */
static void according_clause(const so_doc *d, so_am_attr *at)
{
    static const char *const conj[] = {"and", "but", "so", "yet", "or", "as", NULL};
    size_t c = at->cue.b;
    if (at->cue.e != c + 2 || !so_tok_is(d, c, "according") || !so_tok_is(d, c + 1, "to") ||
        at->ncontent != 1 || c < 2 || !so_tok_is_exact(d, c - 1, ",") ||
        at->content[0].e != c - 1)
        return;
    static const char *const rel[] = {"who", "which", "whose", "whom", NULL};
    size_t sb = so_sent_after_dateline(d, d->tok[c].sent), b = at->content[0].b;
    if (b <= sb || b - sb > 64 || so_tok_in(d, sb, conj) || so_tok_in(d, b, rel) ||
        d->tok[sb].para != d->tok[b].para)
        return; /* not a relative clause: "Anna Berg, | who has worked for ..." */
    for (size_t i = sb; i < b; i++)
        if (so_tok_is_qmark(d, i) || d->tok[i].inq || so_tok_is_exact(d, i, ";") ||
            (so_tok_is_exact(d, i, ",") && i + 1 < b && so_tok_in(d, i + 1, conj)))
            return; /* nor a clause after ", and": "..., and | the mayor will chair it" */
    at->content[0].b = (uint32_t)sb;
}

/* A passive "tell" cue ("The jury was told that ...", "Staff were warned
** that ..."): its subject is the one told, not content, as in PolNeAR's
** gold; the content is the clause from the "that" after the cue. The
** model's fragment before the cue goes, and the clause takes back words the
** model left out between the "that" and its next fragment ("that Redline's
** owner, Peter Vance, | had kept a ledger"): at most 16 tokens with no
** finite verb and no quotation mark. */
static void passive_recipient(const uint8_t *penn, const so_doc *d, so_am_attr *at)
{
    static const char *const tell[] = {"told", "informed", "assured", "warned", "reminded",
                                       NULL};
    size_t c = at->cue.e - 1;
    int be = 0;
    for (size_t i = at->cue.b; i < c; i++)
        be |= so_cue_is_be(d, i);
    if (!be || !so_tok_in(d, c, tell) || at->ncontent != 2 || at->content[0].e > at->cue.b ||
        at->content[1].b < at->cue.e || at->cue.e >= d->ntok || !so_tok_is(d, at->cue.e, "that"))
        return;
    size_t b = at->content[1].b;
    for (size_t i = at->cue.e; i < b; i++)
        if (b - at->cue.e > 16 || so_penn_is_finite(penn[d->tok[i].pos]) ||
            so_tok_is_qmark(d, i))
            return;
    at->content[0] = (so_range){at->cue.e, at->content[1].e};
    at->ncontent = 1;
}

/* Is the cue an active form of "expect" with its object after it
** ("analysts have long expected a sale", "Economists had expected the
** decision"): finite or after "have" ("with 2,000 visitors expected
** this week" has no verb of its own), no form of "be" and no word in
** capitals in it ("EXPECTED" of a headline), and no "to" or "that" after
** it ("is expected to ..." raises its content's subject)? */
static int active_expect(const so_tagger *pos, const so_doc *d, const so_am_attr *at)
{
    static const char *const expect[] = {"expect", "expected", "expects", NULL};
    static const char *const have[] = {"have", "has", "had", NULL};
    int found = 0, aux = 0;
    for (size_t i = at->cue.b; i < at->cue.e; i++) {
        if (so_cue_is_be(d, i) || (d->tok[i].flags & SO_TF_ALLCAP))
            return 0;
        aux |= so_tok_in(d, i, have);
        found |= so_tok_in(d, i, expect) &&
                 (aux || so_penn_is_finite(so_tag_penn(pos)[d->tok[i].pos]));
    }
    size_t n = at->content[1].b;
    return found && n < d->ntok && !so_tok_is(d, n, "to") && !so_tok_is(d, n, "that");
}

static int raising(const so_doc *d, size_t c);
static size_t time_tail(const so_doc *d, size_t sb, size_t e);

/* Is the cue a finite verb of speech, or one of report before "that",
** after its sentence's subject ("The union's leader insisted on Friday
** that ...", "Ms. Ward expected that ...")? Not a raising verb. */
static int speech_subject(const so_tagger *pos, const so_doc *d, const so_am_attr *at)
{
    size_t c = at->cue.b;
    int cls = so_cue_class(d, c);
    return so_penn_is_finite(so_tag_penn(pos)[d->tok[c].pos]) && !raising(d, c) &&
           (cls == SO_CUE_SPEECH || (cls && so_tok_is(d, at->content[1].b, "that")));
}

/* A cue with no source whose first content fragment is a noun phrase
** that opens its sentence (after a dateline) and ends right at the cue,
** with more content after the cue ("WASHINGTON — Two senators from
** opposite parties said ... that they had reached a deal", where the
** dateline led the tagger to take the subject for content): that
** fragment is the source. So it is anywhere for an active "expect"
** (active_expect: "Economists had expected the decision", which the
** tagger reads as "is expected to"; dev 1 source and 1 content right,
** train 1 source and content changed, neither gold before or after),
** and for a speech_subject cue, where the tagger took the subject for
** content (often a possessive one: "The union's leader insisted on Friday
** that ..."; train unchanged, dev 1 source and 1 content to the gold
** span). A time between fragment and cue stays out of both ("The
** council's leader | on Friday | said"). */
static int passive_cue(const so_tagger *pos, const so_doc *d, const so_am_attr *at);

/* The noun phrase that ends with r, widened leftwards (not below lo) over
** nouns, adjectives and possessives up to and with its determiner ("said
** the ferry | company expected" → "the ferry company"); not over a number
** ("In 2019 the ...") or the one a "tell" verb names ("told reporters |
** the ..."). */
static so_range np_start(const uint8_t *penn, const so_doc *d, so_range r, size_t lo)
{
    while (r.b > lo && !d->tok[r.b - 1].inq) {
        unsigned t = penn[d->tok[r.b - 1].pos];
        if (!so_penn_is_np(t) || t == SO_PENN_CD || (r.b - 1 > lo && so_attr_is_tell(d, r.b - 2)))
            break;
        r.b--;
        if (t == SO_PENN_DT || t == SO_PENN_PRPS)
            break;
    }
    return r;
}

static void subject_content(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    if (at->source.e > at->source.b || at->ncontent < 2 || passive_cue(pos, d, at))
        return; /* not "9:10 pm - One of the drivers is named in ... as": whom it is about */
    so_range r = at->content[0];
    size_t s = d->tok[r.b].sent, sa = so_sent_after_dateline(d, s);
    if ((r.e != at->cue.b && r.e + time_tail(d, r.b, at->cue.b) != at->cue.b) ||
        at->content[1].b < at->cue.e || r.b < sa)
        return; /* never in a dateline; over a time: "The union's leader | on Friday said" */
    if ((r.b == d->sent[s].b || r.b != sa) && !active_expect(pos, d, at) &&
        !speech_subject(pos, d, at))
        return; /* only after a dateline: "the mayor's veto is due" */
    for (size_t i = r.b; i < r.e; i++)
        if (d->tok[i].inq || so_tok_is_qmark(d, i) ||
            so_penn_is_finite(so_tag_penn(pos)[d->tok[i].pos]))
            return;
    at->source = np_start(so_tag_penn(pos), d, r, sa);
    at->source.e = r.e;
    drop_first(at);
}

/* The answer after a cue when the tagger found none: the words from the
** cue to the first comma, quotation mark or the sentence's end ("he said
** Ryan.", "Janssen said the firm welcomed it."); an empty range if none. */
static so_range answer_after(const so_doc *d, so_range cue)
{
    size_t e = d->sent[d->tok[cue.b].sent].e, i = cue.e;
    while (i < e && !so_tok_is_exact(d, i, ",") && !so_tok_is_qmark(d, i) && !d->tok[i].inq)
        i++;
    while (i > cue.e && d->tok[i - 1].kind == SO_TK_PUNCT)
        i--; /* the full stop */
    return (so_range){cue.e, (uint32_t)i};
}

/* A cue whose source follows the one a "tell" cue names ("She told
** reporters | she | expected the committee to ..."): the tagger may take
** the one told for content of the inner cue; that fragment goes when the
** cue has content after it. */
static void told_before_source(const so_doc *d, so_am_attr *at)
{
    size_t b = at->ncontent ? at->content[0].b : 0;
    if (at->ncontent < 2 || b == 0 || at->source.e <= at->source.b ||
        at->content[0].e != at->source.b ||
        at->source.e != at->cue.b || at->content[1].b < at->cue.e || !so_attr_is_tell(d, b - 1))
        return;
    drop_first(at);
}

/* A cue whose source is a relative pronoun after a comma ("The mayor,
** who said the plan was sound, urged ..."): the words before the comma
** are the pronoun's antecedent, which the tagger took for content when a
** common noun opens the sentence; that fragment goes when there is
** content after the cue. */
static void antecedent_content(const so_doc *d, so_am_attr *at)
{
    static const char *const rel[] = {"who", "which", NULL};
    size_t s = at->source.b;
    if (at->source.e != s + 1 || s == 0 || !so_tok_in(d, s, rel) ||
        !so_tok_is_exact(d, s - 1, ",") || at->ncontent < 2 || at->content[0].e != s - 1 ||
        at->content[1].b < at->cue.e)
        return;
    drop_first(at);
}

/* A cue after a clause opening its sentence with "Asked" ("Asked whether
** the chain would close stores, she said the board ..."): content the
** tagger found in that clause (up to its comma, within 64 tokens) is the
** question's, not this cue's. When the cue has no content after it, the
** answer after it (answer_after) is its content ("Asked if she was ever
** afraid, the candidate said no."). */
static void asked_content(const so_doc *d, so_am_attr *at)
{
    size_t s = d->tok[at->cue.b].sent, b = so_sent_after_dateline(d, s), c = SIZE_MAX;
    if (!so_tok_is(d, b, "asked") || at->cue.b <= b + 1)
        return;
    for (size_t i = b + 1; i < at->cue.b && i < b + 64 && c == SIZE_MAX; i++)
        if (so_tok_is_exact(d, i, ",") && !d->tok[i].inq)
            c = i; /* the comma that closes the question */
    unsigned w = 0;
    if (c == SIZE_MAX || !at->ncontent)
        return;
    if (content_after(at)) {
        for (unsigned k = 0; k < at->ncontent; k++)
            if (at->content[k].e > c || at->content[k].b < b)
                at->content[w++] = at->content[k];
        at->ncontent = w;
        return;
    }
    for (unsigned k = 0; k < at->ncontent; k++)
        w += at->content[k].e > c || at->content[k].b < b; /* fragments outside the question */
    so_range r = answer_after(d, at->cue);
    if (w == 0 && r.e > r.b) {
        at->content[0] = r;
        at->ncontent = 1;
    }
}

/* A clause joined by ", and" or ", but" before the cue's source is not
** its content when the cue has content after it ("Its accounts show a
** loss, and the company told investors that it would need funding"). */
static void conjoined_content(const so_doc *d, so_am_attr *at)
{
    unsigned w = 0;
    size_t sb = at->source.b;
    if (at->source.e <= at->source.b || sb < 2 || !content_after(at) ||
        !so_tok_is_exact(d, sb - 2, ",") ||
        !(so_tok_is(d, sb - 1, "and") || so_tok_is(d, sb - 1, "but")))
        return;
    for (unsigned k = 0; k < at->ncontent; k++)
        if (at->content[k].e != sb - 2)
            at->content[w++] = at->content[k];
    at->ncontent = w;
}

/* Content that opens with a sentence adverb set off by commas right after
** the cue ("said, however, that ...", "added, though, that") starts after
** the adverb's second comma, as PolNeAR marks it (train: 10 gold contents
** so, 1 not). */
static void aside_content(const so_doc *d, so_am_attr *at)
{
    size_t c = at->cue.e;
    if (at->ncontent == 0 || c >= d->ntok || !so_tok_is_exact(d, c, ","))
        return;
    so_range *f = &at->content[0];
    if (f->b != c && f->b != c + 1)
        return;
    size_t b = so_attr_skip_aside(d, c + 1, f->e);
    if (b > c + 1 && b < f->e)
        f->b = (uint32_t)b;
}

/* A "that" clause right after the cue and "but" or "and" is the second
** object of a cue before it, not this cue's ("Otto said no deaths had
** been reported but that crews were still checking homes": not the
** content of "had been reported"), and a clause right after the cue and
** "but" is one of its own ("Staff were threatened but no one was
** injured"); such fragments are dropped. No PolNeAR attribution changes. */
static void second_that(const so_doc *d, so_am_attr *at)
{
    unsigned w = 0;
    size_t j = at->cue.e;
    if (j < d->ntok && so_tok_is_exact(d, j, ","))
        j++;
    if (j + 1 >= d->ntok || !(so_tok_is(d, j, "but") || so_tok_is(d, j, "and")) ||
        !(so_tok_is(d, j + 1, "that") || (j == at->cue.e && so_tok_is(d, j, "but"))))
        return;
    for (unsigned k = 0; k < at->ncontent; k++)
        if (at->content[k].b != j + 1 && at->content[k].b != j)
            at->content[w++] = at->content[k];
    at->ncontent = w;
}

/* Content that opens with "according to" belongs to that cue, not to
** another one ("According to two people ..., the board had debated": not
** the content of "had debated"); such fragments are dropped. */
static void according_content(const so_doc *d, so_am_attr *at)
{
    unsigned w = 0;
    if (so_tok_is(d, at->cue.b, "according"))
        return;
    for (unsigned k = 0; k < at->ncontent; k++) {
        so_range f = at->content[k];
        if (!(f.e > f.b + 1 && so_tok_is(d, f.b, "according") && so_tok_is(d, f.b + 1, "to")))
            at->content[w++] = f;
    }
    at->ncontent = w;
}

/* "According to" with no source: the noun phrase after it, up to a comma
** or the sentence's end, is the source, even where the tagger took it for
** content ("According to the city's own estimates, ..."), also as the first
** part of a content fragment that runs on over the comma (which then
** starts after it). */
static void according_source(const so_doc *d, so_am_attr *at)
{
    size_t b = at->cue.e;
    if ((at->source.e > at->source.b && at->source.b <= b) || at->cue.e != at->cue.b + 2 ||
        !so_tok_is(d, at->cue.b, "according") || !so_tok_is(d, at->cue.b + 1, "to"))
        return;
    so_range body = cue_body(d, d->tok[at->cue.b].sent, at->cue);
    size_t e = b;
    while (e < body.e && !so_tok_is_exact(d, e, ",") && !so_tok_is_exact(d, e, ";") &&
           !so_tok_is_qmark(d, e) && d->tok[e].kind != SO_TK_DASH &&
           !so_tok_is_exact(d, e, "(") && !so_tok_is_exact(d, e, ")"))
        e++;
    if (e == b || (at->source.e > at->source.b && at->source.b < e))
        return; /* a source after the noun phrase is another's: "..., whose secretary said" */
    size_t after = e + (e < body.e && !so_tok_is_qmark(d, e) && !so_tok_is_exact(d, e, "("));
    unsigned w = 0;
    for (unsigned k = 0; k < at->ncontent; k++) {
        so_range f = at->content[k];
        if (f.b >= b && f.e <= e)
            continue; /* the source, taken for content */
        if (e < body.e && f.b >= b && f.b < e && f.e > after)
            f.b = (uint32_t)after; /* the source and the clause after its comma, as one */
        else if (overlaps(f, b, e))
            return;
        at->content[w++] = f;
    }
    at->ncontent = w;
    at->source = (so_range){(uint32_t)b, (uint32_t)e};
}

/* Is token i tagged tag (so_penn) by pos? */
static int pos_is(const so_tagger *pos, const so_doc *d, size_t i, so_penn tag)
{
    return so_tag_penn(pos)[d->tok[i].pos] == tag;
}

/* Can token b open a clause that is a cue's content: "that", or a word
** tagged as the start of a noun phrase, but not a day ("said Tuesday")? */
static int clause_opens(const so_tagger *pos, const so_doc *d, size_t b)
{
    static const so_word day[] = {SO_WORD("today"), SO_WORD("yesterday")};
    static const so_penn open[] = {SO_PENN_DT,  SO_PENN_PRP, SO_PENN_PRPS, SO_PENN_NNP,
                                   SO_PENN_NNPS, SO_PENN_NN, SO_PENN_NNS,  SO_PENN_CD,
                                   SO_PENN_JJ,  SO_PENN_EX};
    if (so_cue_is_weekday(d, b) ||
        so_word_in(so_tok_str(d, b), so_tok_len(d, b), day, sizeof day / sizeof *day))
        return 0;
    if (so_tok_is(d, b, "that"))
        return 1;
    for (size_t k = 0; k < sizeof open / sizeof *open; k++)
        if (pos_is(pos, d, b, open[k]))
            return 1;
    return 0;
}

/* The end of the clause from token e: the next comma, semicolon,
** quotation mark, dash or bracket, or lim. */
static size_t clause_end(const so_doc *d, size_t e, size_t lim)
{
    while (e < lim && !so_tok_is_qmark(d, e) && d->tok[e].kind != SO_TK_DASH &&
           !d->tok[e].inq && !so_tok_is_exact(d, e, ",") && !so_tok_is_exact(d, e, ";") &&
           !so_tok_is_exact(d, e, "(") && !so_tok_is_exact(d, e, ")"))
        e++;
    return e;
}

/* Does the content end at token l on the noun of a noun phrase of at
** most five words right after "that" ("cautioned, however, that the study
** | showed")? */
static int np_after_that(const so_tagger *pos, const so_doc *d, size_t l)
{
    const uint8_t *penn = so_tag_penn(pos);
    if (!so_penn_is_noun(penn[d->tok[l].pos]))
        return 0;
    for (size_t j = l; j-- > 0 && l - j <= 5;) {
        if (so_tok_is(d, j, "that"))
            return 1;
        if (!so_penn_is_np(penn[d->tok[j].pos]) || d->tok[j].inq)
            return 0;
    }
    return 0;
}

/* Does the content end at token l on a pronoun right after "that", the
** subject of a clause whose finite verb follows (over an adverb: "ruling
** that it | likely violated")? Train 2 fragments to the gold span, dev 1,
** none away from it. So with a noun phrase for the pronoun (np_after_that:
** train 4 and dev 2 fragments to the gold span, none away). */
static int subject_cut(const so_tagger *pos, const so_doc *d, size_t l, size_t e)
{
    size_t k = l + 1;
    if (k >= e || l == 0 || d->tok[k].inq)
        return 0;
    if (!(pos_is(pos, d, l, SO_PENN_PRP) && so_tok_is(d, l - 1, "that")) &&
        !np_after_that(pos, d, l))
        return 0;
    if (so_penn_is_adv(so_tag_penn(pos)[d->tok[k].pos]) && k + 1 < e)
        k++;
    unsigned t = so_tag_penn(pos)[d->tok[k].pos];
    return so_penn_is_finite(t);
}

/* Does the content end at token l on a noun whose finite verb alone
** follows it, right before the clause's end ("accused councillors of
** making up their minds before the consultation | began.")? Then that
** verb is content too: train 3 fragments to the gold span, none away
** from it; dev none changed. */
static int last_verb_cut(const so_tagger *pos, const so_doc *d, size_t l, size_t e, so_range cue)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t k = l + 1;
    if (k >= e || d->tok[k].inq || !so_penn_is_noun(penn[d->tok[l].pos]) ||
        !so_penn_is_finite(penn[d->tok[k].pos]) || (k >= cue.b && k < cue.e))
        return 0;
    return k + 1 == e || (d->tok[k + 1].kind == SO_TK_PUNCT && !d->tok[k + 1].inq);
}

/* Does a list go on after the content's end e ("stolen names | , emails
** and passwords"): a comma, up to four words of a noun phrase, then "and"
** or "or" and a noun phrase? Where the clause then ends (the next comma,
** semicolon, quotation mark, dash or bracket, or lim), or 0. */
static size_t list_rest(const so_tagger *pos, const so_doc *d, size_t e, size_t lim)
{
    const uint8_t *penn = so_tag_penn(pos);
    if (e + 3 >= lim || !so_tok_is_exact(d, e, ",") || d->tok[e].inq)
        return 0;
    size_t k = e + 1;
    while (k < lim && k < e + 5 && so_penn_is_np(penn[d->tok[k].pos]) && !d->tok[k].inq)
        k++;
    if (k == e + 1 || k >= lim || !(so_tok_is(d, k, "and") || so_tok_is(d, k, "or")))
        return 0;
    size_t j = clause_end(d, k + 1, lim);
    return j > k + 1 && (so_penn_is_np(penn[d->tok[k + 1].pos]) ||
                         (k + 2 < j && so_penn_is_noun(penn[d->tok[k + 2].pos])))
               ? j
               : 0; /* "and encrypted passwords", whatever the tagger made of "encrypted" */
}

/* Does a fragment end at token l on a word that opens a noun phrase (a
** determiner, an adjective, a possessive pronoun or a number) with its
** noun right after it, before lim ("as soon as next | week")? */
static int open_np_cut(const so_tagger *pos, const so_doc *d, size_t l, size_t lim)
{
    const uint8_t *penn = so_tag_penn(pos);
    so_penn t = penn[d->tok[l].pos];
    return l + 1 < lim && !d->tok[l + 1].inq && d->tok[l + 1].sent == d->tok[l].sent &&
           (t == SO_PENN_DT || so_penn_is_adj(t) || t == SO_PENN_PRPS || t == SO_PENN_CD) &&
           so_penn_is_common(penn[d->tok[l + 1].pos]);
}

/* A content fragment that ends on a finite verb or a participle with the
** start of its object right after it ("said President Alvarez had called |
** both leaders on Monday night", where the tagger stopped at a word it
** knows as a cue; PolNeAR train and dev: no fragment changes; also a base
** form after "to" or a modal, "came from behind to beat | the leaders";
** no PolNeAR output changed), or on the
** subject of its clause (subject_cut): the fragment runs on to the next
** comma, semicolon, quotation mark, dash or bracket, the cue or the end
** of the sentence. The last fragment, with no cue or source after it,
** also runs on over the rest of a list it stopped in (list_rest; train 13
** fragments: 2 to the gold span, 1 away from it; dev 1, neither). One that
** ends on a determiner, an adjective, a possessive or a number runs on over
** the common nouns after it (open_np_cut: "could start this | week"; train
** 1 and dev 1 to the gold span, none away, 6 others longer). */
static void verb_tail(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    static const so_penn verb[] = {SO_PENN_VBD, SO_PENN_VBN, SO_PENN_VBZ, SO_PENN_VBP};
    for (unsigned k = 0; k < at->ncontent; k++) {
        so_range *r = &at->content[k];
        size_t l = r->e - 1, e = r->e;
        int v = 0;
        for (size_t q = 0; q < sizeof verb / sizeof *verb; q++)
            v |= pos_is(pos, d, l, verb[q]);
        v |= l > 0 && pos_is(pos, d, l, SO_PENN_VB) &&
             (so_tok_is(d, l - 1, "to") || pos_is(pos, d, l - 1, SO_PENN_MD));
        so_range body = cue_body(d, d->tok[l].sent, at->cue);
        if (!(k + 1 < at->ncontent) && !(at->cue.b >= e && at->cue.b < body.e) &&
            !(at->source.e > at->source.b && at->source.b >= e)) {
            size_t le = list_rest(pos, d, e, body.e);
            if (le) {
                r->e = (uint32_t)le;
                continue;
            }
        }
        if (last_verb_cut(pos, d, l, body.e, at->cue)) {
            r->e = (uint32_t)(l + 2);
            continue;
        }
        if (open_np_cut(pos, d, l, body.e)) { /* "as soon as next | week" */
            size_t lim = k + 1 < at->ncontent ? at->content[k + 1].b : body.e;
            while (r->e < lim && r->e < e + 4 &&
                   so_penn_is_common(so_tag_penn(pos)[d->tok[r->e].pos]) && !d->tok[r->e].inq &&
                   !(at->cue.b <= r->e && r->e < at->cue.e) &&
                   !(at->source.b <= r->e && r->e < at->source.e))
                r->e++;
            continue;
        }
        int subj = subject_cut(pos, d, l, body.e);
        if (!subj && (!v || e >= body.e || d->tok[e].inq || so_tok_is(d, e, "that") ||
                      !clause_opens(pos, d, e)))
            continue;
        size_t lim = k + 1 < at->ncontent ? at->content[k + 1].b : body.e;
        if (at->cue.b >= e && at->cue.b < lim)
            lim = at->cue.b;
        if (at->source.e > at->source.b && at->source.b >= e && at->source.b < lim)
            lim = at->source.b;
        r->e = (uint32_t)clause_end(d, e, lim);
    }
}

/* A cue after its source for which the role tagger found no content ("A
** senior official said the White House expected a deal", where it took
** "said the White House" for a cue before its source), in a sentence
** with no quotation before the source, and a clause right after the cue:
** the rest of the sentence is the content. Dev: 4 attributions added, all
** matching gold ones (Cue exact F1 +0.03, Source +0.13, Content exact
** -0.06); train Cue +0.07, Source +0.06, Content exact -0.03. */
static void rest_content(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    if (at->ncontent || at->source.e <= at->source.b || at->source.e > at->cue.b)
        return;
    so_range body = cue_body(d, d->tok[at->cue.b].sent, at->cue);
    size_t b = at->cue.e;
    if (b + 1 >= body.e || d->tok[b].inq || !clause_opens(pos, d, b))
        return;
    for (size_t k = body.b; k < at->source.b; k++)
        if (d->tok[k].inq || d->tok[k].qm)
            return;
    at->content[at->ncontent++] = (so_range){(uint32_t)b, body.e};
}

/* Is the token before c, over adverbs, a form of "be" in c's sentence?
** The tagger may leave it out of the cue ("had been | asked"). */
static int be_before(const so_tagger *pos, const so_doc *d, size_t c)
{
    size_t j = c;
    while (j > 0 && so_penn_is_adv(so_tag_penn(pos)[d->tok[j - 1].pos]))
        j--;
    return j > 0 && d->tok[j - 1].sent == d->tok[c].sent && so_cue_is_be(d, j - 1);
}

/* Is the cue of at passive ("was accused of", "has been criticized", also
** when the tagger left the "be" out of the cue: "had been | asked"; no
** PolNeAR train or dev output changed), with
** no agent after it ("was reported by") and not "was quoted as saying"?
** A participle of feeling is no passive: its subject feels ("Councillors
** were also angered that ...", "Protesters were frustrated"; train 20
** more sources, Source exact F1 +0.10; dev 3, +0.09). */
static int passive_cue(const so_tagger *pos, const so_doc *d, const so_am_attr *at)
{
    static const char *const feeling[] = {
        "incensed",  "frustrated", "outraged",  "angered",   "concerned", "worried",
        "pleased",   "disappointed", "surprised", "alarmed", "upset",     "delighted",
        "dismayed",  "troubled",   "convinced", "encouraged", "heartened", "saddened",
        "shocked",   "stunned",    "annoyed",   "irritated", "excited",   "thrilled",
        "satisfied", "unconvinced", "unmoved", "unimpressed", "interested", "offended", NULL};
    int be = be_before(pos, d, at->cue.b), passive = 0;
    for (size_t i = at->cue.b; i < at->cue.e; i++) {
        if (so_tok_is(d, i, "by") || (so_tok_is(d, i, "quoted") && i + 1 < at->cue.e &&
                                      so_tok_is(d, i + 1, "as")))
            return 0; /* an agent, or "was quoted as saying": the source stays */
        if (so_cue_is_be(d, i))
            be = 1;
        else if (be && pos_is(pos, d, i, SO_PENN_VBN))
            passive = 1;
    }
    if (!passive || (at->cue.e < d->ntok && so_tok_is(d, at->cue.e, "by")))
        return 0;
    for (size_t i = at->cue.b; i < at->cue.e; i++) /* the word lists last: most cues end above */
        if (so_tok_in(d, i, feeling))
            return 0;
    return 1;
}

/* Does the noun cue at c follow a form of "face" (over one adjective:
** "the mayor faced criticism", "the board faces fresh calls to"; or a
** participle: "faces renewed doubts")? Its subject is the one criticised,
** not the source; train: 3 such sources, none in gold, where the critics
** go unnamed. */
static int faced(const so_tagger *pos, const so_doc *d, size_t c)
{
    static const char *const face[] = {"face", "faces", "faced", "facing", NULL};
    const uint8_t *penn = so_tag_penn(pos);
    if (c < 2)
        return 0;
    so_penn t = penn[d->tok[c].pos], m = penn[d->tok[c - 1].pos];
    if (so_penn_is_noun(t) && (so_penn_is_adj(m) || m == SO_PENN_VBN || m == SO_PENN_VBG))
        c--; /* "faced mounting | criticism" */
    else if (!so_penn_is_noun(t) && !so_penn_is_adj(t) && t != SO_PENN_VBN && t != SO_PENN_VBG)
        return 0; /* the cue opens with its noun or a word before it: "faces | renewed doubts" */
    return so_tok_in(d, c - 1, face) ? 1 : 0;
}

/* A passive cue names the one the attribution is about, not its source:
** drop a source before it. So does a noun cue after "faced". */
static void passive_source(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    if (at->source.e > at->source.b && at->source.b < at->cue.b &&
        (passive_cue(pos, d, at) || faced(pos, d, at->cue.b)))
        at->source = (so_range){0, 0};
}

/* A passive cue with its agent after "by" that the tagger took for a
** content fragment and no source ("The closures were criticised by the
** library workers' union, whose branch secretary ... said"): the agent, a
** noun phrase of at most 12 tokens right after "by", is the source, and
** the one criticised, a fragment before the cue, stays the content. */
static void passive_agent(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t c = at->cue.e;
    if (at->source.e > at->source.b || at->ncontent != 2 || c + 1 >= d->ntok ||
        !so_tok_is(d, c, "by") || at->content[1].b != c + 1 || at->content[0].e > at->cue.b ||
        at->content[1].e - at->content[1].b > 12 || !be_before(pos, d, at->cue.e - 1) ||
        !pos_is(pos, d, at->cue.e - 1, SO_PENN_VBN))
        return;
    for (size_t i = at->content[1].b; i < at->content[1].e; i++)
        if (!so_penn_is_np(penn[d->tok[i].pos]) && !so_tok_is(d, i, "of"))
            return;
    at->source = at->content[1];
    at->ncontent = 1;
}

/* The subject of the sentence of token c by its POS tags, when the words
** of a noun phrase (a personal pronoun, or noun-phrase words with "of",
** "to" or "for" between them: not "The event with Obama ..., urging")
** open it, after its dateline and a leading
** "But" or "And", and a finite verb follows them before c ("The company
** sued the city ...", "But other aides to the mayor have been
** urging ..."); else empty. */
static so_range tagged_subject(const so_tagger *pos, const so_doc *d, size_t c)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t b = so_sent_after_dateline(d, d->tok[c].sent), e;
    if (b < c && penn[d->tok[b].pos] == SO_PENN_CC)
        b++;
    if (b + 1 >= c)
        return (so_range){0, 0};
    e = b;
    if (penn[d->tok[b].pos] == SO_PENN_PRP)
        e = b + 1;
    else
        while (e < c && e < b + 30 && !d->tok[e].inq &&
               (so_penn_is_np(penn[d->tok[e].pos]) ||
                (e > b && e + 1 < c && so_penn_is_np(penn[d->tok[e + 1].pos]) &&
                 (so_tok_is(d, e, "of") || so_tok_is(d, e, "to") || so_tok_is(d, e, "for")))))
            e++;
    unsigned v = e < c ? penn[d->tok[e].pos] : 0;
    if (e == b || !so_penn_is_finite(v) ||
        !so_penn_is_np(penn[d->tok[e - 1].pos]) || (e == b + 1 && penn[d->tok[b].pos] == SO_PENN_DT))
        return (so_range){0, 0};
    return (so_range){(uint32_t)b, (uint32_t)e};
}

/* The subject of the clause the verb at c belongs to: the word rules'
** (so_attr_clause_subject), cut before a finite verb by the POS tags (a
** verb the word rules took for a noun: "Mayor Ellen Price spoke out"),
** else tagged_subject; empty if neither finds one. */
static so_range verb_clause_subject(const so_tagger *pos, const so_doc *d, size_t c)
{
    const uint8_t *penn = so_tag_penn(pos);
    so_range s = so_attr_clause_subject(d, c);
    for (size_t i = s.b; i < s.e; i++)
        if (so_penn_is_finite(penn[d->tok[i].pos])) {
            s.e = (uint32_t)i;
            break;
        }
    return s.e > s.b ? s : tagged_subject(pos, d, c);
}

/* A finite cue with no source right after "and", "but" or "then", the
** second verb of its clause ("The mayor described the plan as "reckless,"
** attacked its cost and | said it should be scrapped", "Residents gathered
** outside the hall and | said that ..."): the clause's subject is its
** source, as for a participle set off by a comma. Not a subject that
** overlaps the content, nor for a passive cue. */
static void conjoined_source(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    static const char *const conj[] = {"and", "but", "then", NULL};
    const uint8_t *penn = so_tag_penn(pos);
    size_t c = at->cue.b;
    if (at->source.e > at->source.b || c < 3 || !so_tok_in(d, c - 1, conj) ||
        !so_penn_is_finite(penn[d->tok[c].pos]) || d->tok[c].inq)
        return;
    for (size_t i = c; i < at->cue.e; i++)
        if (so_cue_is_be(d, i))
            return; /* a passive: "and was later told that", the subject was told */
    so_range s = verb_clause_subject(pos, d, c);
    while (s.e > s.b + 1 && so_penn_is_adv(penn[d->tok[s.e - 1].pos]))
        s.e--; /* "The mayor further | described" */
    if (s.e <= s.b || s.e >= c || content_overlaps(at, s.b, s.e))
        return;
    at->source = s;
}

/* Is token c a word in -ing that the POS tagger read as a noun ("...,
** ruling that")? */
static int ing_noun(const so_tagger *pos, const so_doc *d, size_t c)
{
    return pos_is(pos, d, c, SO_PENN_NN) && so_tok_ing(d, c);
}

/* The subject of a subordinate clause that follows the main clause and
** ends at the comma before the participle cue at c ("Shares in Cressley
** fell after the company cut its forecast, | blaming ...": the company;
** "when hecklers interrupted her speech, chanting"), or an empty
** range. Not a clause that opens the sentence ("After Clinton fell ill,
** Axelrod emailed her, addressing": the main clause's). */
static so_range trailing_clause_subject(const uint8_t *penn, const so_doc *d, size_t c)
{
    static const char *const subord[] = {"after", "when", "because", "while", "since",
                                         "before", "as", "once", "until", NULL};
    size_t b = so_sent_after_dateline(d, d->tok[c].sent), lo = c > b + 40 ? c - 40 : b;
    so_range none = {0, 0};
    for (size_t j = c - 1; j-- > lo + 1;) {
        if (so_tok_is_exact(d, j, ",") || d->tok[j].inq || so_tok_is_qmark(d, j))
            return none; /* the clause is the last one before the comma */
        if (!so_tok_in(d, j, subord) || !clause_at(penn, d, j + 1, c - 1))
            continue;
        size_t e = j + 1;
        while (e < c - 1 && !so_penn_is_finite(penn[d->tok[e].pos]))
            e++;
        for (size_t k = e + 1; k < c - 1; k++)
            if (so_penn_is_finite(penn[d->tok[k].pos]) ||
                (so_tok_is(d, k, "and") && so_penn_is_verb(penn[d->tok[k + 1].pos])))
                return none; /* the main clause goes on: "The clerk who ... while she
                                was treasurer admitted fraud", "moved north when they
                                were students and settled in Leeds" */
        return (so_range){(uint32_t)(j + 1), (uint32_t)e};
    }
    return none;
}

/* A cue of referring that ends on "to" ("referring to", "pointing to",
** "alluding to") with its source after it: what it refers to is its
** content, not its source ("..., the mayor said, referring to | the
** council's leader", which the tagger read like "according to"). The noun
** phrase becomes the only content and the source is left to the
** participle's clause (participle_source). */
static void referent_content(const so_doc *d, so_am_attr *at)
{
    static const char *const refer[] = {"referring", "refer", "refers", "referred",
                                        "pointing", "point", "points", "pointed",
                                        "alluding", "allude", "alludes", "alluded", NULL};
    size_t e = at->cue.e;
    if (e < at->cue.b + 2 || !so_tok_is(d, e - 1, "to") || !so_tok_in(d, e - 2, refer) ||
        at->source.b < e || at->source.e <= at->source.b)
        return;
    at->content[0] = at->source;
    at->ncontent = 1;
    at->source = (so_range){0, 0};
}

/* The participle at c set off by a comma has content after it and, as
** its first fragment, the clause before the comma that holds its subject s
** ("The minister sought to shrug off the vote, | pointing to | a big win
** in the north", where the tagger took the main clause for content too):
** drop that fragment and return 1; else 0. */
static int drop_main_clause(so_am_attr *at, so_range s, size_t c)
{
    size_t comma = c - 1;
    if (at->ncontent < 2 || at->content[0].b > s.b || at->content[0].e < s.e ||
        at->content[0].e + 1 < comma || at->content[0].e > comma || at->content[1].b < c)
        return 0;
    for (unsigned k = 1; k < at->ncontent; k++)
        if (overlaps(at->content[k], s.b, s.e))
            return 0;
    drop_first(at);
    return 1;
}

/* A participle cue after a comma with no source of its own ("Trump
** attacked the plan, calling it a failure"), or with the object of a
** preposition that ends the clause before it as source ("met the
** president in the Oval Office, stressing": train 1 to the gold span,
** dev 1 wrong one dropped): the source is the subject of the clause
** (so_attr_clause_subject, cut before a finite verb by the POS tags,
** "Mayor Ellen Price spoke out Tuesday, arguing": dev Source exact F1
** +0.10; else tagged_subject: train 2 sources more, both the gold span),
** or, for a cue the rules do not hold (not busy), the subject of a clause
** after the main one that ends at the comma (trailing_clause_subject:
** train 3 sources to the gold span, none away). */
static void participle_source(const so_tagger *pos, const so_doc *d, so_am_attr *at, int busy)
{
    static const char *const preps[] = {"at", "in", "on", "from", "during", "with", "into", NULL};
    size_t c = at->cue.b;
    int quoted = c >= 2 && so_tok_is_qmark(d, c - 1) && so_tok_is_exact(d, c - 2, ",");
    if (c == 0 || !(so_tok_is_exact(d, c - 1, ",") || quoted) ||
        !(pos_is(pos, d, c, SO_PENN_VBG) || ing_noun(pos, d, c)))
        return; /* also after a quotation's comma: "called it "reckless," comparing" */
    if (at->source.e == c - 1 && at->source.b > 0 && so_tok_in(d, at->source.b - 1, preps))
        at->source = (so_range){0, 0}; /* the object of a preposition ending the clause: "she
                                          spoke at a press event, announcing" */
    so_range t = busy ? (so_range){0, 0} : trailing_clause_subject(so_tag_penn(pos), d, c);
    if (t.e > t.b && (at->source.e <= at->source.b || at->source.e < t.b)) {
        at->source = t;
        return;
    }
    if (at->source.e > at->source.b)
        return;
    so_range s = verb_clause_subject(pos, d, c);
    if (s.e > s.b && content_overlaps(at, s.b, s.e) && !drop_main_clause(at, s, c))
        return;
    at->source = s;
}

/* Can token i be inside a subject noun phrase (determiner, possessive,
** adjective, noun, number)? */
static int np_tag(const so_tagger *pos, const so_doc *d, size_t i)
{
    return so_penn_is_np(so_tag_penn(pos)[d->tok[i].pos]);
}

/* A participle cue opening its sentence with no source ("Citing a report,
** Trump accused ...", "Holding signs, the protesters chanted ..."): the
** source is the subject after the participle's comma, a pronoun or a
** noun phrase followed by a verb. A content fragment that runs on over
** that comma into the main clause ends at the comma. */
static void opening_participle(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    static const char *const sub[] = {"after", "since", "while", "before", "upon", "when", NULL};
    size_t c = at->cue.b, s = d->tok[c].sent, se = d->sent[s].e, sb = d->sent[s].b;
    if (at->source.e > at->source.b || !pos_is(pos, d, c, SO_PENN_VBG) ||
        !(c == sb || (c == sb + 1 && so_tok_in(d, sb, sub))))
        return; /* also "After suggesting that ..., Mr. Lee said" */
    size_t k = at->cue.e;
    while (k < se && !(so_tok_is_exact(d, k, ",") && !d->tok[k].inq))
        k++;
    size_t b = k + 1, e = b;
    if (b >= se)
        return;
    if (pos_is(pos, d, b, SO_PENN_PRP))
        e = b + 1;
    else
        while (e < se && e < b + 8 && np_tag(pos, d, e))
            e++;
    size_t v = e;
    while (v < se && v < e + 2 && so_cue_is_adverb(d, v))
        v++; /* "the mayor | repeatedly accused" */
    if (e == b || v >= se || !so_penn_is_verb(so_tag_penn(pos)[d->tok[v].pos]) ||
        pos_is(pos, d, v, SO_PENN_VBG))
        return;
    for (unsigned i = 0; i < at->ncontent; i++) {
        so_range *f = &at->content[i];
        if (f->b < k && f->e > b)
            f->e = (uint32_t)k; /* the clause and the subject after it, as one fragment */
        else if (overlaps(*f, b, e))
            return;
    }
    at->source = (so_range){(uint32_t)b, (uint32_t)e};
}

/* The subject that opens the sentence of a cue at c right after a
** relative clause set off by commas, by the POS tags, when the word rules
** of so_attr_apposed_subject find none ("Her original post, which was
** deleted on Wednesday, had said": a possessive and an adjective): up to
** six noun-phrase words from the sentence's start (past a dateline) to the
** comma before "which" or "who", with the clause (of at most 64 tokens);
** or an empty range. */
static so_range np_relative_subject(const so_tagger *pos, const so_doc *d, size_t c)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t s = d->tok[c].sent, b = so_sent_after_dateline(d, s), k = b;
    so_range none = {0, 0};
    if (c < b + 4 || !so_tok_is_exact(d, c - 1, ","))
        return none;
    static const char *const them[] = {"them", "us", "those", NULL};
    while (k < c && k < b + 6 &&
           (so_penn_is_np(penn[d->tok[k].pos]) || (k > b && so_tok_is(d, k, "of")) ||
            (k > b + 1 && so_tok_is(d, k - 1, "of") && so_tok_in(d, k, them))))
        k++; /* "Her original post", "One of them", "Two of the officers" */
    if (k == b || k + 2 >= c || c - k > 64 ||
        !(so_penn_is_noun(penn[d->tok[k - 1].pos]) || so_tok_in(d, k - 1, them)) ||
        !so_tok_is_exact(d, k, ",") ||
        !(so_tok_is(d, k + 1, "which") || so_tok_is(d, k + 1, "who")))
        return none; /* a clause of 64 tokens at most: bounded work per cue */
    for (size_t i = k + 1; i + 1 < c; i++)
        if (so_tok_is_exact(d, i, ",") || so_tok_is_qmark(d, i) || d->tok[i].inq)
            return none; /* the clause is one, closed by the comma before the cue */
    return (so_range){(uint32_t)b, (uint32_t)c};
}

/* Conjunctions that open an adverbial clause: what follows them up to the
** clause's comma, or their subject, is no one's words ("Even after the
** storm passed, the flooding continued"). */
static const char *const adverbial_conj[] = {"after", "before", "when", "once", "until", "since",
                                             "while", "if", "unless", "although", "though",
                                             "whenever", NULL};

/* Is the content at one adverbial clause that opens the sentence, ended
** by the comma before the source and cue of the main clause ("Even after
** the storm passed, | the flooding continued"), with one finite verb? */
static int fronted_clause(const uint8_t *penn, const so_doc *d, const so_am_attr *at)
{
    static const char *const pre[] = {"even", "just", "only", "shortly", "long", "soon", NULL};
    so_range f = at->content[0];
    size_t b = f.b;
    if (b != so_sent_after_dateline(d, d->tok[b].sent) || f.e >= at->cue.b)
        return 0;
    if (so_tok_in(d, b, pre))
        b++; /* b <= f.e < cue.b: still in the text */
    if (!so_tok_in(d, b, adverbial_conj) || !so_tok_is_exact(d, f.e, ",") ||
        (at->source.e > at->source.b && at->source.b < f.e))
        return 0;
    unsigned finite = 0;
    for (size_t i = f.b; i < f.e; i++) {
        if (so_tok_is_exact(d, i, ",") || so_tok_is_qmark(d, i))
            return 0;
        finite += so_penn_is_finite(penn[d->tok[i].pos]);
    }
    return finite <= 1; /* not "After he took office he made changes, records show" */
}

/* Is the content at, with no source, the subject of an active cue that
** opens an adverbial clause ("after | the storm | passed"; not a passive,
** "once | the video | was released")? */
static int clause_subject(const so_tagger *pos, const so_doc *d, const so_am_attr *at)
{
    so_range f = at->content[0];
    return at->source.e <= at->source.b && f.e == at->cue.b && f.b > 0 &&
           so_tok_in(d, f.b - 1, adverbial_conj) && !so_cue_is_be(d, at->cue.b) &&
           (pos_is(pos, d, at->cue.b, SO_PENN_VBD) || pos_is(pos, d, at->cue.b, SO_PENN_VBZ) ||
            pos_is(pos, d, at->cue.b, SO_PENN_VBP));
}

/* An attribution whose one content fragment is an adverbial clause
** (fronted_clause) or the subject of one (clause_subject) has none. */
static void adverbial_content(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    if (at->ncontent == 1 && (fronted_clause(so_tag_penn(pos), d, at) || clause_subject(pos, d, at)))
        at->ncontent = 0;
}

/* Is the cue at token c a raising verb, "appear" or "seem", whose subject
** PolNeAR puts in the content ("The mayor, speaking after the vote,
** appeared to welcome ...")? */
static int raising(const so_doc *d, size_t c)
{
    static const char *const w[] = {"appear", "appears", "appeared", "seem", "seems", "seemed",
                                    NULL};
    return so_tok_in(d, c, w);
}

/* Does the source src lie inside the clause of the apposed subject s,
** after its first comma ("Danladi, who spoke to reporters after inspecting
** the road, said": not "the road")? */
static int inside_clause(const so_doc *d, so_range s, so_range src)
{
    if (s.e <= s.b || src.b <= s.b || src.e > s.e)
        return 0;
    for (size_t i = s.b; i < src.b; i++)
        if (so_tok_is_exact(d, i, ","))
            return 1;
    return 0;
}

/* A cue after a comma with no source of its own (or only the "which" of
** the relative clause before it, or that clause without its subject:
** "Their report, which appeared in ..., says"; train 1 source changed),
** set off from its subject by an
** appositive or a relative clause ("Her spokeswoman, who asked not to be
** named, said"): the source is that subject, with the clause (by the POS
** tags, np_relative_subject, when the word rules find none). So when the
** model's source lies inside that clause (inside_clause): dev 1 and train
** 6 sources changed, dev Source exact F1 72.70 to 72.75. A cue after an
** aside set off by dashes likewise ("Mills -- co-author of ... -- said";
** the model's source inside the aside only when it ends at the closing
** dash): train 12 sources to the gold span, dev 2. */
static void apposed_source(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    size_t sb = at->source.b;
    int rel = (at->source.e == sb + 1 || at->source.e + 1 >= at->cue.b) && sb + 2 < at->cue.b &&
              (so_tok_is(d, sb, "which") || so_tok_is(d, sb, "who")) &&
              (so_tok_is_exact(d, at->cue.b - 1, ",") ||
               d->tok[at->cue.b - 1].kind == SO_TK_DASH); /* "Groups, which ..., said" */
    if (passive_cue(pos, d, at))
        return; /* "Direct mail, which ..., is considered": not its words */
    so_range s = so_attr_apposed_subject(d, at->cue.b);
    if (s.e <= s.b)
        s = np_relative_subject(pos, d, at->cue.b);
    int inner = at->source.e > sb && !rel && !pos_is(pos, d, at->cue.b, SO_PENN_VBG) &&
                inside_clause(d, s, at->source) &&
                (d->tok[at->cue.b - 1].kind != SO_TK_DASH || at->source.e == at->cue.b);
    if (s.e <= s.b || (at->source.e > sb && !rel && !inner) ||
        (rel && !(s.b < sb && sb < at->cue.b)))
        return;
    if (raising(d, at->cue.b)) { /* "Groups, which ..., seem unlikely to": all content */
        if (!rel && at->ncontent && at->content[0].b > s.b && at->content[0].b < at->cue.b)
            at->content[0].b = (uint32_t)s.b;
        return;
    }
    unsigned w = 0;
    for (unsigned k = 0; k < at->ncontent; k++) {
        so_range f = at->content[k];
        if (f.b >= s.b && f.e <= s.e)
            continue; /* the tagger took the subject for content: "Her husband, David" */
        if (overlaps(f, s.b, s.e))
            return;
        at->content[w++] = f;
    }
    if (w == 0)
        return;
    at->ncontent = w;
    at->source = s;
}

/* A finite cue with no source whose sentence opens, after a dateline,
** with a noun phrase that runs to the cue, maybe with a participle's
** phrase ("LOS ANGELES (AP) -- A class-action lawsuit filed on Tuesday
** accuses ..."): that is the source. At most 12 tokens, no finite verb,
** punctuation or quotation, a noun among them, and no content there.
** Only after a dateline, which the tagger has rarely seen: in any sentence
** it gave 12 train attributions gold's source but many more a source gold
** has not (a noun cue's subject, "It"): Source exact F1 76.70 to 76.57. */
static void dateline_subject(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t c = at->cue.b, s = d->tok[c].sent, sb = so_sent_after_dateline(d, s);
    if (at->source.e > at->source.b || c <= sb || c - sb > 12 || sb == d->sent[s].b ||
        !so_penn_is_finite(penn[d->tok[c].pos]) ||
        !(so_penn_is_np(penn[d->tok[sb].pos]) || penn[d->tok[sb].pos] == SO_PENN_PRP))
        return;
    int noun = 0;
    for (size_t k = sb; k < c; k++) {
        unsigned t = penn[d->tok[k].pos];
        if (so_penn_is_finite(t) || d->tok[k].kind == SO_TK_PUNCT || d->tok[k].kind == SO_TK_DASH ||
            so_tok_is_qmark(d, k) || d->tok[k].inq)
            return;
        noun |= so_penn_is_noun(t) || t == SO_PENN_PRP;
    }
    if (noun && !content_overlaps(at, sb, c))
        at->source = (so_range){(uint32_t)sb, (uint32_t)c};
}

/* A cue with no source right after another's source and cue set off by
** commas, which the tagger took for content ("Her family, | she admits |,
** thought she had lost her mind"): that fragment goes, and the noun phrase
** that opens the sentence before the first comma is the source (at most
** eight tokens by the POS tags). */
static void aside_between(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t c = at->cue.b;
    if (at->source.e > at->source.b || at->ncontent < 2 || c < 4)
        return;
    so_range f = at->content[0];
    if (f.e + 1 != c || !so_tok_is_exact(d, f.e, ",") || f.b < 2 ||
        !so_tok_is_exact(d, f.b - 1, ",") || f.e - f.b > 4)
        return;
    int cue = 0;
    for (size_t k = f.b; k < f.e; k++)
        cue |= so_cue_class(d, k) != 0;
    size_t sb = so_sent_after_dateline(d, d->tok[c].sent), k = sb;
    while (k < f.b - 1 && so_penn_is_np(penn[d->tok[k].pos]))
        k++;
    if (!cue || k != f.b - 1 || k == sb || k - sb > 8 || !so_penn_is_noun(penn[d->tok[k - 1].pos]))
        return;
    drop_first(at);
    at->source = (so_range){(uint32_t)sb, (uint32_t)k};
}

/* A cue of one participle used as an adjective, after a preposition, a
** determiner or a possessive and before a noun ("despite reported
** interest from two clubs", "the rumoured deal"): no one before it said
** anything, so a source before it is dropped. */
static void adjective_cue(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t c = at->cue.b;
    if (at->cue.e != c + 1 || c == 0 || c + 1 >= d->ntok || at->source.e >= c ||
        at->source.e <= at->source.b)
        return;
    unsigned t = penn[d->tok[c].pos], b = penn[d->tok[c - 1].pos], n = penn[d->tok[c + 1].pos];
    if ((t == SO_PENN_VBN || t == SO_PENN_VBD || t == SO_PENN_JJ) &&
        (b == SO_PENN_IN || b == SO_PENN_DT || b == SO_PENN_PRPS) && !so_tok_is(d, c - 1, "by") &&
        !so_tok_is(d, c - 1, "that") && so_penn_is_noun(n))
        at->source = (so_range){0, 0};
}

/* A finite cue with no source right after the capitalised word that opens
** its sentence, a word the POS tagger took for an adverb by its "-ly"
** ("Tully said ..."): no adverb stands there as the whole subject, so the
** word is a name and the source ("Finally, she said" has a comma, and
** the adverbs of so_cue_is_adverb are left alone). */
static void adverb_name(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    size_t c = at->cue.b, s = d->tok[c].sent, b = so_sent_after_dateline(d, s);
    if (at->source.e > at->source.b || c != b + 1 ||
        !(d->tok[b].flags & SO_TF_CAP) || (d->tok[b].flags & SO_TF_ALLCAP) ||
        d->tok[b].kind != SO_TK_WORD || d->tok[b].inq || !pos_is(pos, d, b, SO_PENN_RB) ||
        so_cue_is_adverb(d, b) || !(pos_is(pos, d, c, SO_PENN_VBD) || pos_is(pos, d, c, SO_PENN_VBZ)))
        return;
    if (content_overlaps(at, b, b + 1))
        return;
    at->source = (so_range){(uint32_t)b, (uint32_t)b + 1};
}

/* A cue that is a common noun in a prepositional phrase ("after reports
** that a battery could overheat", "amid claims that ...") takes no content
** before it when it has content after it: the words before are the
** sentence's own clause, often another cue's source. */
static void noun_content(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    size_t c = at->cue.b, p = c;
    if (at->cue.e != c + 1 || at->ncontent < 2 || at->content[0].e > c || !content_after(at) ||
        !so_penn_is_common(so_tag_penn(pos)[d->tok[c].pos]) || c < 1)
        return;
    if (pos_is(pos, d, p - 1, SO_PENN_DT) || pos_is(pos, d, p - 1, SO_PENN_JJ))
        p--;
    if (p < 1 || !pos_is(pos, d, p - 1, SO_PENN_IN) || d->tok[p - 1].sent != d->tok[c].sent)
        return;
    unsigned w = 0;
    for (unsigned k = 0; k < at->ncontent; k++)
        if (at->content[k].b >= at->cue.e)
            at->content[w++] = at->content[k];
    at->ncontent = w;
}

/* Does token i open a clause that needs a finite verb of its own, inside
** a "that" clause (a relative or wh-word, a subordinator, a conjunction,
** a cue verb whose clause may go without "that": "people who live there
** say they would", or a noun phrase right after a noun, a relative clause
** without "that": "the plan the council approved")? */
static int clause_opener(const so_tagger *pos, const so_doc *d, size_t i)
{
    static const char *const w[] = {"that",   "if",   "because", "when",  "while", "although",
                                    "though", "since", "after",  "before", "unless", "whether",
                                    "and",    "but",   "or",     "as",    "until", NULL};
    const uint8_t *penn = so_tag_penn(pos);
    unsigned t = penn[d->tok[i].pos];
    int np_start = t == SO_PENN_DT || t == SO_PENN_PRP || t == SO_PENN_PRPS || t == SO_PENN_NNP;
    return so_tok_in(d, i, w) || so_penn_is_wh(t) ||
           (so_penn_is_finite(t) && so_cue_class(d, i) != SO_CUE_NONE) ||
           (np_start && i > 0 && so_penn_is_noun(penn[d->tok[i - 1].pos]) &&
            penn[d->tok[i - 1].pos] != SO_PENN_NNP);
}

/* A common noun cue in the subject that opens its sentence, with a "that"
** clause for content ("Blake's claim that the line would pay for itself |
** has drawn scepticism", "His warning that prices would rise | proved
** correct"): the content ends before the main clause's finite verb, the
** first that no clause opened inside it (clause_opener) is waiting for. */
static void subject_noun_clause(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    const uint8_t *penn = so_tag_penn(pos);
    size_t c = at->cue.b, e;
    if (at->cue.e != c + 1 || at->ncontent != 1 || at->content[0].b != at->cue.e ||
        !so_penn_is_common(penn[d->tok[c].pos]) || !so_tok_is(d, at->cue.e, "that"))
        return;
    size_t sb = so_sent_after_dateline(d, d->tok[c].sent);
    for (size_t k = sb; k < c; k++)
        if (!so_penn_is_np(penn[d->tok[k].pos]))
            return; /* not the subject: "rejected her claim that ..." */
    unsigned need = 1;
    for (e = at->cue.e + 1; e < at->content[0].e; e++) {
        if (so_tok_is_qmark(d, e) || d->tok[e].inq || d->tok[e].kind == SO_TK_PUNCT)
            return;
        unsigned t = penn[d->tok[e].pos];
        if (so_penn_is_finite(t) && !need)
            break;
        if (so_penn_is_finite(t))
            need--;
        if (clause_opener(pos, d, e))
            need++;
    }
    if (e < at->content[0].e && e > at->cue.e + 3)
        at->content[0].e = (uint32_t)e;
}

/* Is the "say" at token i part of an idiom that attributes nothing ("Let's
** say you ...", "Having said that,", "That said,", "says something about",
** "needless to say")? On PolNeAR train and dev 11 of 12 such are no cue
** (train: 4 cues fewer, 1 of them gold; dev: 3 fewer, none gold). Not "said
** little about", which is one. */
static int say_idiom(const so_doc *d, size_t i)
{
    static const char *const say[] = {"say", "says", "said", NULL};
    static const char *const how_much[] = {"something", "volumes", NULL};
    if (!so_tok_in(d, i, say))
        return 0;
    size_t s = d->sent[d->tok[i].sent].b, n = d->ntok;
    if (i >= s + 2 && so_tok_is(d, i - 2, "let") && (d->tok[i - 1].flags & SO_TF_CLITIC))
        return 1; /* "Let's say" */
    if (i >= s + 1 && so_tok_is(d, i - 1, "having") && i + 1 < n && so_tok_is(d, i + 1, "that"))
        return 1;
    if (i == s + 1 && so_tok_is(d, s, "that") && i + 1 < n && so_tok_is_exact(d, i + 1, ","))
        return 1; /* "That said," */
    if (i >= s + 2 && so_tok_is(d, i - 1, "to") &&
        (so_tok_is(d, i - 2, "needless") || so_tok_is(d, i - 2, "is")))
        return 1; /* "needless to say", "that is to say" */
    return i + 2 < n && so_tok_in(d, i + 1, how_much) && so_tok_is(d, i + 2, "about");
}

/* Is token c a colon after a section label that opens its sentence
** ("Obituary: Margaret Doyle, ...", "Analysis: ...", "Photo: The mayor
** speaks ...")? */
static int section_colon(const so_doc *d, size_t c)
{
    static const char *const label[] = {"obituary", "analysis", "review",   "opinion",
                                        "exclusive", "editorial", "comment", "explainer",
                                        "factbox",  "profile",   "timeline", "live",
                                        "watch",    "update",    "breaking", "interview",
                                        "letters",  "podcast",   "video",    "photos",
                                        "photo",    "caption",   "image",    "graphic",
                                        "chart",    "map",       "related",  "correction",
                                        "clarification", "gallery", "listen", NULL};
    size_t s = d->sent[d->tok[c].sent].b;
    return c == s + 1 && so_tok_is_exact(d, c, ":") && so_tok_in(d, s, label);
}

/* Is the cue [b, e) a passive "called" of summoning: a form of "be" among
** the three tokens before "called" (and not before the token before b),
** "to", "out", "in", "away", "back" or "off" after it ("Officers were
** called to the bakery", "she was called to give evidence"; dev: 1
** attribution fewer, not gold; train none)? */
static int summoned(const so_doc *d, size_t b, size_t e)
{
    static const char *const after[] = {"to", "out", "in", "away", "back", "off", NULL};
    size_t c = e - 1;
    if (!so_tok_is(d, c, "called") || e >= d->ntok || !so_tok_in(d, e, after))
        return 0;
    for (size_t j = c; j-- > 0 && c - j <= 3 && j + 1 >= b;)
        if (so_cue_is_be(d, j))
            return 1;
    return 0;
}

/* Is token i a noun phrase word a closing reporting clause's subject
** holds ("the study", "a USA TODAY investigation", "its own auditors")? */
static int tail_subject_word(const am_doc *a, size_t i)
{
    unsigned c = a->cc[i];
    return !quoted(a->d, i) && (c == AM_C_N || c == AM_C_NNP || c == AM_C_DT || c == AM_C_JJ ||
                                c == AM_C_PRP || a->penn[a->d->tok[i].pos] == SO_PENN_POS);
}

/* The number of tokens of a time phrase that ends right before token e
** ("on Tuesday", "Monday night", "yesterday", "last week"), or 0. */
static size_t time_tail(const so_doc *d, size_t sb, size_t e)
{
    static const char *const one[] = {"yesterday", "today", "tonight", "earlier", NULL};
    static const char *const lead[] = {"last", "this", NULL};
    static const char *const span[] = {"week", "month", "night", "morning", "year", NULL};
    static const char *const part[] = {"morning", "afternoon", "evening", "night", NULL};
    size_t k = e;
    if (e < sb + 3)
        return 0;
    if (so_tok_in(d, e - 1, one))
        return 1;
    if (so_tok_in(d, e - 1, span) && so_tok_in(d, e - 2, lead))
        return 2;
    if (so_tok_in(d, k - 1, part))
        k--;
    if (!so_cue_is_weekday(d, k - 1))
        return 0;
    k--;
    return e - (k > sb + 1 && so_tok_is(d, k - 1, "on") ? k - 1 : k);
}

/*
** A closing reporting clause the tagger missed: a sentence that ends
** ", NP VERB ." (or with a time after the verb: "..., both clubs
** confirmed on Tuesday.", time_tail) where VERB is a cue word of the lexicon (not
** "continue"), the noun phrase has one to six words (or up to twelve with
** a phrase of "by", "from" or "of" after its noun: "figures published by
** the health agency show", "data from the county suggest"), no cue comes
** earlier in the sentence and the clause before the comma has a verb
** ("Most of them lived near a highway, the study found."). The tagger
** takes such clauses with common subjects and verbs; with a subject it
** has rarely seen ("study") it can miss them. Sets tags[v] to B when it
** is O, with margin 0.
*/
static void tail_cue(const am_doc *a, size_t sb, size_t se, uint8_t *tags, float *marg)
{
    static const char *const agent_preps[] = {"by", "from", "of", NULL};
    static const char *const plural_verbs[] = {"show", "suggest", "indicate", "reveal", NULL};
    const so_doc *d = a->d;
    size_t e = se;
    while (e > sb && (so_tok_is_qmark(d, e - 1) || d->tok[e - 1].kind == SO_TK_PUNCT) &&
           !so_tok_is_exact(d, e - 1, ","))
        e--;
    if (e == se || e < sb + 5 || !so_tok_is_exact(d, e, "."))
        return;
    size_t v = e - 1 - time_tail(d, sb, e), j = v;
    if (v < sb + 4)
        return;
    if ((a->cc[v] != AM_C_V && !(a->cc[v] == AM_C_N && so_tok_in(d, v, plural_verbs))) ||
        !so_cue_class(d, v) || quoted(d, v) || tags[v - sb] != CUE_O ||
        (so_tok_len(d, v) > 7 && so_eq_ci(so_tok_str(d, v), 7, "continu")))
        return; /* "the borrowing continued." is no reporting clause */
    while (j > sb && v - j < 7 && tail_subject_word(a, j - 1))
        j--;
    size_t lim = 6;
    if (j > sb + 2 && j < v && so_tok_in(d, j - 1, agent_preps)) {
        size_t h = j - 1; /* "figures from the agency show", "data published by ... show" */
        if (so_tok_is(d, h, "by") && a->penn[d->tok[h - 1].pos] == SO_PENN_VBN)
            h--;
        size_t k = h;
        while (k > sb && h - k < 4 && tail_subject_word(a, k - 1))
            k--;
        if (k < h && a->cc[h - 1] == AM_C_N)
            j = k, lim = 12;
    }
    if (j == v || j == sb || v - j > lim || !so_tok_is_exact(d, j - 1, ",") || quoted(d, j - 1))
        return;
    for (size_t k = j - 1; k-- > sb;)
        if (tags[k - sb] != CUE_O)
            return;
    if (a->pverb[j - 1] == a->pverb[sb])
        return;
    tags[v - sb] = CUE_B;
    marg[v - sb] = 0.0f;
}

/*
** A finding that opens its sentence, "NP VERB that ...", whose noun phrase
** opens with a study's noun after at most three words ("A study published
** last year by the University of Reading found that ...", "The council's
** own review concluded that ..."): VERB (found, shows, concluded,
** suggests, revealed, indicates, in the past or with -s) is the first
** finite verb, at most 16 tokens in, right before "that". The tagger takes
** these after a short subject and can miss them after a long one. Sets
** tags[v] to B, with margin 0, when nothing in the sentence is tagged.
*/
static void study_cue(const am_doc *a, size_t sb, size_t se, uint8_t *tags, float *marg)
{
    static const char *const nouns[] = {"study",    "report",   "survey", "poll",
                                        "analysis", "review",   "audit",  "investigation",
                                        "inquiry",  "research", "paper",  NULL};
    static const char *const verbs[] = {"found",   "finds",     "shows",    "showed",
                                        "concluded", "concludes", "suggests", "suggested",
                                        "revealed", "reveals",   "indicates", "indicated", NULL};
    const so_doc *d = a->d;
    size_t b = so_sent_after_dateline(d, d->tok[sb].sent), k = b;
    while (k < se && k < b + 3 && tail_subject_word(a, k) && !so_tok_in(d, k, nouns))
        k++;
    if (k + 2 >= se || !so_tok_in(d, k, nouns) || a->cc[k] != AM_C_N)
        return;
    size_t v = k + 1;
    while (v + 1 < se && v < b + 16 && !so_penn_is_finite(a->penn[d->tok[v].pos]) && !quoted(d, v))
        v++;
    if (v + 1 >= se || !so_tok_in(d, v, verbs) || !so_tok_is(d, v + 1, "that") || quoted(d, v))
        return;
    for (size_t i = sb; i < se; i++)
        if (tags[i - sb] != CUE_O)
            return;
    tags[v - sb] = CUE_B;
    marg[v - sb] = 0.0f;
}

/* Does the cue [b, e) end in "add" before "to" and a word in lower case,
** adding to something ("the results added to evidence that ...", "adds to
** the pressure")? Not "added to Harbor Weekly", a magazine told. */
static int added_to(const so_doc *d, size_t e)
{
    static const char *const add[] = {"add", "adds", "added", "adding", NULL};
    return e + 1 < d->ntok && so_tok_in(d, e - 1, add) && so_tok_is(d, e, "to") &&
           d->tok[e + 1].kind == SO_TK_WORD && !(d->tok[e + 1].flags & SO_TF_CAP);
}

/* Does the cue [b, e) end in "call" before "off", calling something off
** ("Singer calls off tour")? */
static int called_off(const so_doc *d, size_t e)
{
    static const char *const call[] = {"call", "calls", "called", "calling", NULL};
    return e < d->ntok && so_tok_in(d, e - 1, call) && so_tok_is(d, e, "off");
}

/* A cue is words, or a colon or dash; never quotation marks or text
** inside a quotation, nor an interview's "Q:" or "A:" (the rules take the
** answers), nor a "say" idiom, nor the colon after a section label, nor
** a "called" of summoning, an "add to" (added_to), a "call off"
** (called_off) or the noun "state" (so_cue_state_noun). */
static int cue_plausible(const so_doc *d, size_t b, size_t e)
{
    int words = 0;
    if (qa_label(d, b) || section_colon(d, b) || summoned(d, b, e) || added_to(d, e) ||
        called_off(d, e) || (e == b + 1 && so_cue_state_noun(d, b)))
        return 0;
    for (size_t i = b; i < e; i++)
        if (say_idiom(d, i))
            return 0;
    for (size_t i = b; i < e; i++) {
        if (quoted(d, i))
            return 0;
        words += d->tok[i].kind == SO_TK_WORD;
    }
    return words || so_tok_is_exact(d, b, ":") || d->tok[b].kind == SO_TK_DASH;
}

/* Is every token of [b, e) inside a quotation or a quotation mark? */
static int all_quoted(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (!quoted(d, i))
            return 0;
    return 1;
}

/* A participle cue set off by a comma inside another's clause ("The
** Courier reported, citing unnamed officials, that ..."): its content ends
** at a comma right before "that", the clause being the other cue's. */
static void aside_participle(const so_tagger *pos, const so_doc *d, so_am_attr *at)
{
    size_t c = at->cue.b;
    if (!at->ncontent || c == 0 || !so_tok_is_exact(d, c - 1, ",") ||
        at->content[0].b != at->cue.e || !(pos_is(pos, d, c, SO_PENN_VBG) || ing_noun(pos, d, c)))
        return;
    so_range *r = &at->content[0];
    for (size_t i = r->b + 1; i + 1 < r->e; i++)
        if (so_tok_is_exact(d, i, ",") && so_tok_is(d, i + 1, "that") && !d->tok[i].inq) {
            r->e = (uint32_t)i;
            at->ncontent = 1;
            return;
        }
}

/* The busy bits of the tokens of [b, e). */
static unsigned any_busy(const uint8_t *busy, size_t b, size_t e)
{
    unsigned v = 0;
    for (size_t i = b; busy && i < e; i++)
        v |= busy[i];
    return v;
}

int so_am_run(const so_am *m, const so_tagger *pos, const so_doc *d, const uint8_t *busy,
              int (*cb)(void *ctx, const so_am_attr *a), void *ctx)
{
    am_doc a;
    if (!m || d->ntok == 0)
        return 0;
    if (am_doc_init(&a, d, pos))
        return -1;
    uint8_t *tags = malloc(d->ntok);
    float *marg = malloc(d->ntok * sizeof *marg);
    int rc = (tags && marg) ? 0 : -1;
    for (size_t s = 0; s < d->nsent && !rc; s++) {
        size_t sb = d->sent[s].b, se = d->sent[s].e;
        if (all_quoted(d, sb, se))
            memset(tags + sb, CUE_O, se - sb); /* no cue can be plausible there */
        else {
            tag_cues(m, &a, sb, se, tags + sb, marg + sb);
            tail_cue(&a, sb, se, tags + sb, marg + sb);
            study_cue(&a, sb, se, tags + sb, marg + sb);
        }
    }
    for (size_t i = 0; i < d->ntok && !rc; i++) {
        if (tags[i] != CUE_B)
            continue;
        size_t e = i + 1;
        float mg = marg[i];
        while (e < d->ntok && e - i < AM_CUE_MAX && tags[e] == CUE_I &&
               d->tok[e].sent == d->tok[i].sent)
            e++;
        if (!cue_plausible(d, i, e) || (e == i + 1 && so_attr_naming_called(d, a.penn, i)))
            continue; /* "a group called Harbor Watch": a name, no cue */
        so_am_attr at;
        unsigned bz = any_busy(busy, i, e);
        if (bz && !(bz & (SO_AM_BUSY_BEFORE | SO_AM_BUSY_AFTER)))
            continue;
        tag_roles(m, &a, (so_range){(uint32_t)i, (uint32_t)e}, bz, &at);
        tidy_content(so_tag_penn(pos), d, &at);
        occasion_object(so_tag_penn(pos), d, &at);
        duration_object(d, &at);
        named_occasion(so_tag_penn(pos), d, &at);
        that_subordinate(so_tag_penn(pos), d, &at);
        occasion_participle(so_tag_penn(pos), d, &at);
        occasion_tail(so_tag_penn(pos), d, &at);
        according_source(d, &at);
        comma_content(d, &at);
        rest_content(pos, d, &at);
        verb_tail(pos, d, &at);
        parenthetical_content(d, &at);
        block_content(d, &at);
        what_complement(d, &at);
        recipient_content(so_tag_penn(pos), d, &at);
        passive_recipient(so_tag_penn(pos), d, &at);
        according_clause(d, &at);
        passive_source(pos, d, &at);
        passive_agent(pos, d, &at);
        referent_content(d, &at);
        participle_source(pos, d, &at, bz != 0);
        conjoined_source(pos, d, &at);
        opening_participle(pos, d, &at);
        apposed_source(pos, d, &at);
        adverb_name(pos, d, &at);
        dateline_subject(pos, d, &at);
        adjective_cue(pos, d, &at);
        aside_between(pos, d, &at);
        according_content(d, &at);
        subject_content(pos, d, &at);
        asked_content(d, &at);
        antecedent_content(d, &at);
        told_before_source(d, &at);
        conjoined_content(d, &at);
        second_that(d, &at);
        aside_participle(pos, d, &at);
        aside_content(d, &at);
        noun_content(pos, d, &at);
        subject_noun_clause(pos, d, &at);
        adverbial_content(pos, d, &at);
        noun_in_cue(so_tag_penn(pos), d, &at);
        stray_source(so_tag_penn(pos), d, &at);
        lead_word_source(d, &at);
        name_adverb(d, &at);
        said_to(so_tag_penn(pos), d, &at);
        at.conf = 1.0f / (1.0f + expf(-(mg + 8.0f) / 28.0f));
        at.busy = bz != 0;
        if (at.ncontent || at.busy)
            rc = cb(ctx, &at);
    }
    free(tags);
    free(marg);
    am_doc_free(&a);
    return rc;
}

int so_am_load(const so_mf *mf, so_am **out, char *err, size_t errlen)
{
    const uint8_t *data;
    size_t size;
    *out = NULL;
    if (so_mf_find(mf, SO_AM_SECTION, &data, &size) != SO_MF_OK) {
        snprintf(err, errlen, "the model has no %s section", SO_AM_SECTION);
        return -1;
    }
    so_mf_rd r;
    so_mf_rd_init(&r, data, size);
    if (so_mf_get_u32(&r) != SO_AM_VERSION || r.failed) {
        snprintf(err, errlen, "%s section: unsupported version", SO_AM_SECTION);
        return -1;
    }
    so_am *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (so_ap_read(&m->cue, &r, err, errlen) || so_ap_read(&m->role, &r, err, errlen) ||
        m->cue.n_classes != CUE_N || m->role.n_classes != ROLE_N) {
        if (!err[0])
            snprintf(err, errlen, "%s section: bad class counts", SO_AM_SECTION);
        so_am_free(m);
        return -1;
    }
    fill_tables(m);
    small_fill(m);
    *out = m;
    return 0;
}

void so_am_free(so_am *m)
{
    if (!m)
        return;
    so_ap_model_free(&m->cue);
    so_ap_model_free(&m->role);
    free(m->small);
    free(m);
}
