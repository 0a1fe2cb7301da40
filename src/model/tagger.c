/*
** tagger.c -- feature extraction, greedy decoding, loading and saving of
** the POS and NER taggers (see tagger.h). Training is in tagtrain.c and
** evaluation in tageval.c.
*/
#include "model/tagger_int.h"

#include "base/utf8.h"
#include "base/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define FNV_OFF 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

uint64_t so_tag_hash(const char *s, size_t n)
{
    return so_fnv(SO_FNV_INIT, s, n);
}

/* ------------------------------------------------------- token analysis */

/* Shape character of an ASCII byte (see shape_char). */
static const uint8_t ASCII_SHAPE[128] = {
    SO_ID16(0x00), SO_ID16(0x10), SO_ID16(0x20),
    SO_REP8('d'), 'd', 'd', ':', ';', '<', '=', '>', '?',
    '@', SO_REP8('X'), SO_REP8('X'), SO_REP8('X'), 'X', 'X', '[', '\\', ']', '^', '_',
    '`', SO_REP8('x'), SO_REP8('x'), SO_REP8('x'), 'x', 'x', '{', '|', '}', '~', 0x7f};

/* Kind bits of an ASCII byte: 1 upper-case letter, 2 lower-case, 4 digit. */
static const uint8_t ASCII_KIND[128] = {
    SO_REP8(0), SO_REP8(0), SO_REP8(0), SO_REP8(0), SO_REP8(0), SO_REP8(0),
    SO_REP8(4), 4, 4, 0, 0, 0, 0, 0, 0,
    0, SO_REP8(1), SO_REP8(1), SO_REP8(1), 1, 1, 0, 0, 0, 0, 0,
    0, SO_REP8(2), SO_REP8(2), SO_REP8(2), 2, 2, 0, 0, 0, 0, 0};

/* Byte as it enters the word features: ASCII lowercased, digits -> '0'. */
static inline uint8_t low_byte(uint8_t b) { return so_low_byte[b]; }

/* Decode one UTF-8 code point at s[0..n) (n >= 1); *k = its byte length.
** Invalid sequences decode as U+FFFD of length 1. */
static uint32_t utf8_next(const uint8_t *s, size_t n, size_t *k)
{
    uint32_t c = s[0];
    *k = 1;
    if (c < 0x80) return c;
    size_t need = c >= 0xf5 ? 9 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 9;
    if (need == 9 || need >= n) return 0xfffd;
    c &= 0x3fu >> need;
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *k = 1;
            return 0xfffd;
        }
        c = (c << 6) | (s[i] & 0x3fu);
    }
    *k = need + 1;
    return c;
}

/* Shape character of a code point: X x d, ASCII punctuation as itself,
** curly quotes and dashes folded to ASCII, other letters by their Unicode
** case (Łukasz, Đorđević, Şebnem are capitalised, as Émile is), anything
** else U, combining diacritics (U+0300..U+036F) included: they are not
** letters of their own. */
static uint8_t shape_char(uint32_t c)
{
    if (c >= 'A' && c <= 'Z') return 'X';
    if (c >= 'a' && c <= 'z') return 'x';
    if (c >= '0' && c <= '9') return 'd';
    if (c < 0x80) return (uint8_t)c;
    if (c >= 0x2018 && c <= 0x201b) return '\'';
    if (c >= 0x201c && c <= 0x201f) return '"';
    if (c >= 0x2010 && c <= 0x2015) return '-';
    if (c >= 0x300 && c <= 0x36f) return 'U';
    if (so_cp_is_upper(c)) return 'X';
    if (so_cp_is_alpha(c)) return 'x';
    return 'U';
}

enum { CAP_LOWER, CAP_TITLE, CAP_UPPER, CAP_MIXED, CAP_DIGIT, CAP_OTHER, CAP_PAD };

/* Capitalisation class from the first shape char and letter counts. */
static uint32_t cap_class(uint8_t first, size_t upper, size_t lower, size_t digit)
{
    if (first == 'd' || (digit && !upper && !lower)) return CAP_DIGIT;
    if (!upper && !lower) return CAP_OTHER;
    if (!upper) return CAP_LOWER;
    if (!lower) return CAP_UPPER;
    return first == 'X' && upper == 1 ? CAP_TITLE : CAP_MIXED;
}

/* Hash the lowercased bytes s[from..n). */
static uint64_t low_hash(const uint8_t *s, size_t from, size_t n)
{
    return so_fnv_low(SO_FNV_INIT, s + from, n > from ? n - from : 0);
}

/* Start of the code point that ends just before byte e (e > 0). */
static size_t prev_cp(const uint8_t *s, size_t e)
{
    size_t i = e - 1;
    while (i > 0 && e - i < 4 && (s[i] & 0xc0) == 0x80) i--;
    return i;
}

/* Suffix hashes of 1..5 code points (hw: the hash of the whole word). */
static void suffixes(const uint8_t *s, size_t n, uint64_t hw, so_tokinfo *ti)
{
    uint64_t suf[5];
    size_t b = n;
    for (int k = 0; k < 5; k++) {
        if (b > 0) b = prev_cp(s, b);
        suf[k] = (b == 0 ? hw : low_hash(s, b, n)) + (uint64_t)k;
    }
    memcpy(ti->suf, suf, sizeof suf);
}

/* Kind bits of a shape character: 1 upper, 2 lower, 4 digit. */
static inline unsigned shape_kind(uint8_t sc)
{
    return (unsigned)(sc == 'X') | (unsigned)(sc == 'x') << 1 | (unsigned)(sc == 'd') << 2;
}

/* One FNV-1a step over the lowercased byte b. */
static inline uint64_t fnv_low1(uint64_t h, uint8_t b) { return (h ^ low_byte(b)) * FNV_PRIME; }

/* Suffix hashes (+ k, as tokinfo_ascii stores them) of the last 1..5 bytes
** before e, for an ASCII token of 6 bytes or more, in straight-line code. */
static void ascii_suffixes6(const uint8_t *e, uint64_t suf[5])
{
    uint8_t a = e[-5], b = e[-4], c = e[-3], d = e[-2], f = e[-1];
    suf[0] = fnv_low1(FNV_OFF, f);
    suf[1] = fnv_low1(fnv_low1(FNV_OFF, d), f) + 1;
    suf[2] = fnv_low1(fnv_low1(fnv_low1(FNV_OFF, c), d), f) + 2;
    suf[3] = fnv_low1(fnv_low1(fnv_low1(fnv_low1(FNV_OFF, b), c), d), f) + 3;
    suf[4] = fnv_low1(fnv_low1(fnv_low1(fnv_low1(fnv_low1(FNV_OFF, a), b), c), d), f) + 4;
}

/* Hash of the m lowercased bytes before e (m <= 4) in straight-line code,
** for the suffixes of the ASCII tokens shorter than 6 bytes. */
static inline uint64_t tail_hash(const uint8_t *e, size_t m)
{
    uint64_t h = FNV_OFF;
    switch (m) {
    case 4: h = fnv_low1(h, e[-4]); /* fall through */
    case 3: h = fnv_low1(h, e[-3]); /* fall through */
    case 2: h = fnv_low1(h, e[-2]); /* fall through */
    case 1: h = fnv_low1(h, e[-1]); /* fall through */
    default: break;
    }
    return h;
}

/* tokinfo of an all-ASCII token of n >= 1 bytes: one byte per code point,
** so two light passes (hashes, then shapes) and suffixes by length. 0, or
** -1 (nothing stored) when a byte is not ASCII. */
static int tokinfo_ascii(const uint8_t *s, size_t n, so_tokinfo *ti)
{
    uint64_t hw = FNV_OFF, hf = FNV_OFF, hs = FNV_OFF, hs1 = FNV_OFF, pre[4], suf[5];
    unsigned any = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = s[i];
        any |= b;
        hf = (hf ^ b) * FNV_PRIME;
        hw = (hw ^ low_byte(b)) * FNV_PRIME;
        if (i < 4) pre[i] = hw;
    }
    if (any & 0x80u) return -1;
    for (size_t j = n; j < 4; j++) pre[j] = hw;
    size_t run = 0, upper = 0;
    unsigned kinds = 0;
    uint8_t last = 0xff;
    for (size_t i = 0; i < n; i++) {
        uint8_t sc = ASCII_SHAPE[s[i]];
        unsigned kd = ASCII_KIND[s[i]];
        upper += kd & 1u;
        kinds |= kd;
        if (sc == last) {
            if (++run <= 4) hs = (hs ^ sc) * FNV_PRIME;
        } else {
            run = 1;
            hs = (hs ^ sc) * FNV_PRIME;
            hs1 = (hs1 ^ sc) * FNV_PRIME;
        }
        last = sc;
    }
    /* suffix of k + 1 code points: the last k + 1 bytes, or the whole word */
    if (n >= 6)
        ascii_suffixes6(s + n, suf);
    else
        for (size_t k = 0; k < 5; k++) suf[k] = (n > k + 1 ? tail_hash(s + n, k + 1) : hw) + k;
    memcpy(ti->pre, pre, sizeof pre);
    memcpy(ti->suf, suf, sizeof suf);
    ti->w = hw;
    ti->form = hf;
    ti->shape = hs;
    ti->shape1 = hs1 + 1;
    ti->cap = cap_class(ASCII_SHAPE[s[0]], upper, kinds & 2u, kinds & 4u);
    ti->upper = upper > 0;
    return 0;
}

/* Fill ti for the token s[0..n). No allocation. The capitalisation class
** needs the number of upper-case letters, and only whether there are lower
** ones and digits (kinds: the OR of the kind bits). */
static void tokinfo(const char *str, size_t n, so_tokinfo *ti)
{
    const uint8_t *s = (const uint8_t *)str;
    if (n > 0 && tokinfo_ascii(s, n, ti) == 0) return;
    uint64_t hw = FNV_OFF, hf = FNV_OFF, hs = FNV_OFF, hs1 = FNV_OFF, pre[4];
    size_t cp = 0, run = 0, upper = 0;
    unsigned kinds = 0;
    uint8_t last = 0xff, first = 0;   /* 0xff: no shape character (all are < 0x80) */
    for (size_t i = 0, k = 0; i < n; i += k) {
        uint8_t sc, b = s[i];
        if (b < 0x80) {   /* ASCII: one byte, shape from the table */
            k = 1;
            hf = (hf ^ b) * FNV_PRIME;
            hw = (hw ^ low_byte(b)) * FNV_PRIME;
            sc = ASCII_SHAPE[b];
        } else {
            uint32_t c = utf8_next(s + i, n - i, &k);
            for (size_t j = i; j < i + k; j++) {
                hf = (hf ^ s[j]) * FNV_PRIME;
                hw = (hw ^ low_byte(s[j])) * FNV_PRIME;
            }
            sc = shape_char(c);
        }
        if (cp < 4) {
            pre[cp] = hw;
            if (cp == 0) first = sc;
        }
        cp++;
        unsigned kd = shape_kind(sc);
        upper += kd & 1u;
        kinds |= kd;
        if (sc == last) {
            run++;
            if (run <= 4) hs = (hs ^ sc) * FNV_PRIME;
        } else {
            run = 1;
            hs = (hs ^ sc) * FNV_PRIME;
            hs1 = (hs1 ^ sc) * FNV_PRIME;
        }
        last = sc;
    }
    for (size_t j = cp; j < 4; j++) pre[j] = hw;
    memcpy(ti->pre, pre, sizeof pre);
    ti->w = hw;
    ti->form = hf;
    ti->shape = hs;
    ti->shape1 = hs1 + 1;
    ti->cap = cap_class(first, upper, kinds & 2u, kinds & 4u);
    ti->upper = upper > 0;
    suffixes(s, n, hw, ti);
}

#define PADINFO(k)                                                                     \
    {0x5eed0000ull + (k), 0x5eed0000ull + (k), 0x5eed0000ull + (k), 0x5eed0000ull + (k), \
     {REP4(0x5eed0000ull + (k))}, {REP4(0x5eed0000ull + (k)), 0x5eed0000ull + (k)},      \
     CAP_PAD, 0}
#define REP4(v) v, v, v, v

/* Infos of the positions outside the sentence: 0..2 before, 3..5 after. */
static const so_tokinfo PAD[2 * SO_TAG_HALF] = {PADINFO(0), PADINFO(1), PADINFO(2),
                                               PADINFO(3), PADINFO(4), PADINFO(5)};

void so_tag_infos(const so_tagtok *toks, size_t n, so_tokinfo *info)
{
    for (size_t i = 0; i < n; i++) tokinfo(toks[i].s, toks[i].len, &info[i]);
}

void so_tagwin_init(so_tagwin *w, const so_tagtok *toks, size_t n)
{
    w->toks = toks;
    w->all = NULL;
    w->share = NULL;
    w->n = n;
    w->done = 0;
}

void so_tagwin_init_infos(so_tagwin *w, const so_tokinfo *info, size_t n, so_tagshare *share)
{
    w->toks = NULL;
    w->all = info;
    w->share = share;
    w->n = n;
    w->done = n;
}

/* Info of position p in [-3, n+3). */
static inline const so_tokinfo *win_get(so_tagwin *w, long p)
{
    if (p < 0) return &PAD[p + SO_TAG_HALF];
    if ((size_t)p >= w->n) return &PAD[SO_TAG_HALF + ((size_t)p - w->n)];
    if (w->all) return &w->all[p];
    while (w->done <= (size_t)p) {
        tokinfo(w->toks[w->done].s, w->toks[w->done].len, &w->ring[w->done & 7]);
        w->done++;
    }
    return &w->ring[p & 7];
}

static inline void win_at(so_tagwin *w, size_t i, const so_tokinfo *out[SO_TAG_WIN])
{
    if (w->all && i >= SO_TAG_HALF && i + SO_TAG_HALF < w->n) {   /* inside: no pads */
        const so_tokinfo *x = w->all + i - SO_TAG_HALF;
        out[0] = x;   /* unrolled: GCC keeps the loop of 7 */
        out[1] = x + 1;
        out[2] = x + 2;
        out[3] = x + 3;
        out[4] = x + 4;
        out[5] = x + 5;
        out[6] = x + 6;
        return;
    }
    for (long k = SO_TAG_WIN - 1; k >= 0; k--) out[k] = win_get(w, (long)i + k - SO_TAG_HALF);
}

void so_tagwin_at(so_tagwin *w, size_t i, const so_tokinfo *out[SO_TAG_WIN])
{
    win_at(w, i, out);
}

/* ------------------------------------------------------------- features */

enum {
    F_BIAS = 1, F_W0, F_FORM0, F_SUF, F_PRE = F_SUF + 5, F_SHAPE0 = F_PRE + 4,
    F_P1, F_P2, F_P12, F_P1W0, F_WM1, F_SUFM1, F_WM2, F_WP1, F_SUFP1, F_WP2,
    F_SHM1, F_SHP1, F_WM1W0, F_W0WP1, F_CAP0,
    /* NER only */
    F_SHAPE1_0, F_SHM1_0, F_SH0_P1, F_P1SH0, F_P1POS0, F_FORMM1, F_FORMP1, F_W0POS0,
    F_SHAPE1_M1, F_SHAPE1_P1, F_CAPRUN, F_P1WP1, F_WM1SH0, F_WP1SH0, F_PRE4, F_SUF5
};

static inline uint64_t f1(unsigned t, uint64_t a) { return so_ap_mix(a, t); }

static inline uint64_t f2(unsigned t, uint64_t a, uint64_t b)
{
    return so_ap_mix(so_ap_mix(a, t), b + 0x632be59bd9b4e019ull);
}

/* Features shared by both taggers (x[3] is the current token; HEAD_FEATS
** plus TAIL_FEATS of them make SO_TAG_NCOMMON): those before the tag
** history ... */
#define HEAD_FEATS 11u
#define TAIL_FEATS 11u
_Static_assert(HEAD_FEATS + TAIL_FEATS == SO_TAG_NCOMMON, "shared features");

static size_t head_feats(const so_tokinfo *const x[SO_TAG_WIN], uint64_t *f)
{
    size_t n = 0;
    const so_tokinfo *c = x[3];
    f[n++] = f1(F_BIAS, 0);
    f[n++] = f1(F_W0, c->w);
    f[n++] = f1(F_FORM0, c->form);
    for (unsigned k = 0; k < 4; k++) f[n++] = f1(F_SUF + k, c->suf[k]);
    for (unsigned k = 0; k < 3; k++) f[n++] = f1(F_PRE + k, c->pre[k]);
    f[n++] = f1(F_SHAPE0, c->shape);
    return n;
}

/* The history feature that pairs the previous tag p1 with token c's word. */
static inline uint64_t p1w0_feat(const so_tokinfo *c, unsigned p1) { return f2(F_P1W0, p1, c->w); }

/* ... the tag history (previous tags p1, p2 of token c; HIST_FEATS of
** them) ... */
#define HIST_FEATS 4u

static size_t hist_feats(const so_tokinfo *c, unsigned p1, unsigned p2, uint64_t *f)
{
    f[0] = f1(F_P1, p1);
    f[1] = f1(F_P2, p2);
    f[2] = f2(F_P12, p1, p2);
    f[3] = p1w0_feat(c, p1);
    return HIST_FEATS;
}

/* Row of a previous tag p (a tag, SO_TAG_START or SO_TAG_START + 1) in the
** tables of t->hist_at. */
static inline unsigned hist_index(const so_tagger *t, unsigned p)
{
    return p < t->n_tags ? p : t->n_tags + (p - SO_TAG_START);
}

/* The previous tag of row r of the tables of t->hist_at. */
static unsigned hist_tag(const so_tagger *t, unsigned r)
{
    return r < t->n_tags ? r : SO_TAG_START + (r - t->n_tags);
}

/* Fill t->hist_at: n_tags + 2 rows (hist_index) for F_P1, as many for F_P2,
** then F_P12 [p1][p2] (the features of hist_feats, located in t->ap). If
** there is no memory it stays NULL: tagging only takes longer. */
static void hist_tables(so_tagger *t)
{
    unsigned nh = t->n_tags + 2;
    uint32_t *h = malloc((size_t)(2 + nh) * nh * sizeof *h);
    if (!h) return;
    for (unsigned r = 0; r < nh; r++) {
        unsigned p = hist_tag(t, r);
        uint64_t f[2] = {f1(F_P1, p), f1(F_P2, p)};
        so_ap_locate(&t->ap, f, 1, &h[r]);
        so_ap_locate(&t->ap, f + 1, 1, &h[nh + r]);
        for (unsigned q = 0; q < nh; q++) {
            uint64_t g = f2(F_P12, p, hist_tag(t, q));
            so_ap_locate(&t->ap, &g, 1, &h[(2 + r) * nh + q]);
        }
    }
    t->hist_at = h;
}

/* ... and those after it. */
static size_t tail_feats(const so_tokinfo *const x[SO_TAG_WIN], uint64_t *f)
{
    size_t n = 0;
    const so_tokinfo *c = x[3];
    f[n++] = f1(F_WM1, x[2]->w);
    f[n++] = f1(F_SUFM1, x[2]->suf[2]);
    f[n++] = f1(F_WM2, x[1]->w);
    f[n++] = f1(F_WP1, x[4]->w);
    f[n++] = f1(F_SUFP1, x[4]->suf[2]);
    f[n++] = f1(F_WP2, x[5]->w);
    f[n++] = f1(F_SHM1, x[2]->shape);
    f[n++] = f1(F_SHP1, x[4]->shape);
    f[n++] = f2(F_WM1W0, x[2]->w, c->w);
    f[n++] = f2(F_W0WP1, c->w, x[4]->w);
    f[n++] = f1(F_CAP0, c->cap);
    return n;
}

static size_t common_feats(const so_tokinfo *const x[SO_TAG_WIN], unsigned p1,
                           unsigned p2, uint64_t *f)
{
    size_t n = head_feats(x, f);
    if (p1 != SO_TAG_NOHIST) n += hist_feats(x[3], p1, p2, f + n);
    return n + tail_feats(x, f + n);
}

static int is_cap(const so_tokinfo *t) { return t->cap == CAP_TITLE || t->cap == CAP_UPPER; }

/* Capitalised tokens in a row to the left and right of x[3] (0..3 each). */
static unsigned cap_run(const so_tokinfo *const x[SO_TAG_WIN])
{
    unsigned l = 0, r = 0;
    while (l < 3 && is_cap(x[2 - l])) l++;
    while (r < 3 && is_cap(x[4 + r])) r++;
    return l * 4 + r + 16u * (unsigned)is_cap(x[3]);
}

/* Extra NER features: the token's POS, collapsed shapes, the run of
** capitalised words, the neighbouring forms and words with the shape. (A
** template ablation on dev dropped the POS of the neighbours, the
** capitalisation window, bags of the words around and form bigrams: 16
** lookups a token with no loss in F1.) */
static size_t ner_feats(const so_tokinfo *const x[SO_TAG_WIN], unsigned p1, unsigned pos0,
                        uint64_t *f)
{
    size_t n = 0;
    const so_tokinfo *c = x[3];
    f[n++] = f1(F_SHAPE1_0, c->shape1);
    f[n++] = f1(F_SHAPE1_M1, x[2]->shape1);
    f[n++] = f1(F_SHAPE1_P1, x[4]->shape1);
    f[n++] = f2(F_SHM1_0, x[2]->shape1, c->shape1);
    f[n++] = f2(F_SH0_P1, c->shape1, x[4]->shape1);
    if (p1 != SO_TAG_NOHIST) {
        f[n++] = f2(F_P1SH0, p1, c->shape1);
        f[n++] = f2(F_P1POS0, p1, pos0);
        f[n++] = f2(F_P1WP1, p1, x[4]->w);
    }
    f[n++] = f1(F_FORMM1, x[2]->form);
    f[n++] = f1(F_FORMP1, x[4]->form);
    f[n++] = f2(F_W0POS0, c->w, pos0);
    f[n++] = f1(F_CAPRUN, cap_run(x));
    f[n++] = f2(F_WM1SH0, x[2]->w, c->shape1);
    f[n++] = f2(F_WP1SH0, x[4]->w, c->shape1);
    f[n++] = f1(F_PRE4, c->pre[3]);
    f[n++] = f1(F_SUF5, c->suf[4]);
    return n;
}

size_t so_tag_feats(so_tag_kind kind, const so_tokinfo *const win[SO_TAG_WIN], unsigned p1,
                    unsigned p2, unsigned pos0, uint64_t *f)
{
    size_t n = common_feats(win, p1, p2, f);
    if (kind == SO_TAG_NER) n += ner_feats(win, p1, pos0, f + n);
    return n;
}

/* so_tag_feats(kind, win, SO_TAG_NOHIST, 0, pos0, f); *hist = where the
** tag history of common_feats goes among them (for a POS tagger, where
** hist_feats would be in so_tag_feats with a history). */
static size_t feats_nohist(so_tag_kind kind, const so_tokinfo *const win[SO_TAG_WIN],
                           unsigned pos0, uint64_t *f, size_t *hist)
{
    size_t n = head_feats(win, f);
    *hist = n;
    n += tail_feats(win, f + n);
    if (kind == SO_TAG_NER) n += ner_feats(win, SO_TAG_NOHIST, pos0, f + n);
    return n;
}

/* feats_nohist of token j of w (win: its window), taking head_feats and
** tail_feats from w's share when the other tagger computed them (else
** computing them there). */
static size_t feats_shared(so_tag_kind kind, so_tagwin *w, size_t j,
                           const so_tokinfo *const win[SO_TAG_WIN], unsigned pos0, uint64_t *f,
                           size_t *hist)
{
    if (!w->share) return feats_nohist(kind, win, pos0, f, hist);
    uint64_t *s = w->share->feat[j];
    if (!w->share->have[j]) {
        tail_feats(win, s + head_feats(win, s));
        w->share->have[j] = 1;
    }
    *hist = HEAD_FEATS;
    memcpy(f, s, SO_TAG_NCOMMON * sizeof *f);
    size_t n = SO_TAG_NCOMMON;
    if (kind == SO_TAG_NER) n += ner_feats(win, SO_TAG_NOHIST, pos0, f + n);
    return n;
}

uint64_t so_tag_trans_feat(unsigned p) { return f1(F_P1, p); }

/* so_tag_surely_o, inlined in the run-time path. */
static inline int surely_o(const so_tokinfo *const x[SO_TAG_WIN])
{
    return !x[2]->upper && !x[3]->upper && !x[4]->upper;
}

int so_tag_surely_o(const so_tokinfo *const x[SO_TAG_WIN]) { return surely_o(x); }

void so_tag_force_o(const so_tagger *t, float *em)
{
    em[0] = 0.0f;
    for (unsigned c = 1; c < t->n_tags; c++) em[c] = -1e30f;
}

/* The first c < n with the largest s[c] (n >= 1): what the loop "best = c
** when s[c] > s[best]" returns, found without its unpredictable branches:
** the largest value first, four at a time (maxps is exact; of -0 and +0,
** which compare equal, either will do), then the first place that equals
** it. The scores are sums of finite weights, never NaN. */
static unsigned first_best(const float *s, unsigned n)
{
    unsigned c = 0;
    float m = s[0];
#if defined(__SSE2__)
    if (n >= 8) {
        __m128 v = _mm_loadu_ps(s);
        for (c = 4; c + 4 <= n; c += 4) v = _mm_max_ps(v, _mm_loadu_ps(s + c));
        v = _mm_max_ps(v, _mm_movehl_ps(v, v));
        v = _mm_max_ss(v, _mm_shuffle_ps(v, v, 1));
        m = _mm_cvtss_f32(v);
    }
#endif
    for (; c < n; c++) m = s[c] > m ? s[c] : m;
    c = 0;
#if defined(__SSE2__)
    /* four at a time: the lowest lane that equals m (cmpeq is ==) */
    for (__m128 mv = _mm_set1_ps(m); c + 4 <= n; c += 4) {
        int eq = _mm_movemask_ps(_mm_cmpeq_ps(_mm_loadu_ps(s + c), mv));
        if (eq) return c + (unsigned)__builtin_ctz((unsigned)eq);
    }
#endif
    for (; s[c] != m; c++) continue;
    return c;
}

unsigned so_tag_argmax(const so_tagger *t, const float *scores, unsigned prev)
{
    if (t->kind == SO_TAG_POS) return first_best(scores, t->n_tags);   /* every tag allowed */
    const uint8_t *ok = t->allowed[prev < t->n_tags ? prev : SO_TAG_START];
    unsigned best = 0;
    float bs = 0.0f;
    int have = 0;
    for (unsigned c = 0; c < t->n_tags; c++)
        if (ok[c] && (!have || scores[c] > bs)) {
            best = c;
            bs = scores[c];
            have = 1;
        }
    return best;
}

/* ------------------------------------------------------------- tagging */

int so_tag_td_lookup(const so_tagger *t, uint64_t form)
{
    if (!t->td_n) return -1;
    for (uint64_t i = form & t->td_mask;; i = (i + 1) & t->td_mask) {
        if (t->td_tag[i] == 0xff) return -1;
        if (t->td_key[i] == form) return t->td_tag[i];
    }
}

/*
** Look-ahead (as in amodel.c): the weights of a feature are most often a
** cache miss. So the features of token i + TG_AHEAD without tag history are
** computed before token i is scored, and the cache asked for their weights,
** noting where they are (so_ap_locate) so that scoring need not find them
** again. It needs the token infos of the whole sentence at hand (a sliding
** window forgets the tokens behind it) or features that need no tag history.
*/
#define TG_RING 4   /* more than TG_AHEAD */
#define TG_AHEAD 3

typedef struct tg_ahead {
    const so_tagger *t;
    const so_ap_model *m;
    so_tagwin *win;
    size_t n;
    const uint8_t *pos;
    uint64_t f[TG_RING][SO_TAG_MAX_FEATS];   /* features without tag history */
    uint32_t at[TG_RING][SO_TAG_MAX_FEATS];  /* where their weights are (see
                                             ** locate_slot) ... */
    int located[TG_RING];                    /* ... if located */
    size_t nf[TG_RING];
    size_t hist[TG_RING];                    /* where the tag history goes (POS) */
    int tag[TG_RING];   /* the tag without scoring (tag dictionary, surely O), or -1 */
} tg_ahead;

/* Locate the nf[k] features of slot k into at[k], for POS leaving a gap
** of HIST_FEATS at hist[k] for the tag history (pos_hist_at fills it). 1,
** or 0 when the model does not locate. */
static int locate_slot(tg_ahead *a, size_t k)
{
    const so_ap_model *m = a->m;
    size_t n = a->nf[k], h = a->t->kind == SO_TAG_POS ? a->hist[k] : n;
    if (!so_ap_locate(m, a->f[k], h, a->at[k])) return 0;
    if (h < n) so_ap_locate(m, a->f[k] + h, n - h, a->at[k] + h + HIST_FEATS);
    return 1;
}

/* Token j into its slot: its tag if it needs no scoring, else its features
** without tag history, located. */
static void ahead_slot(tg_ahead *a, size_t j)
{
    const so_tokinfo *x[SO_TAG_WIN];
    size_t k = j % TG_RING;
    if (a->t->viterbi) {
        win_at(a->win, j, x);
        a->tag[k] = surely_o(x) ? 0 : -1;
    } else {   /* the window only if the dictionary does not know the word */
        a->tag[k] = a->t->td_n ? so_tag_td_lookup(a->t, win_get(a->win, (long)j)->form) : -1;
        if (a->tag[k] < 0) win_at(a->win, j, x);
    }
    a->nf[k] = 0;
    a->located[k] = 0;
    if (a->tag[k] >= 0) return;
    unsigned pos0 = a->t->kind == SO_TAG_NER ? so_tag_pos_id(a->t->n_pos, a->pos, j) : 0;
    a->nf[k] = feats_shared(a->t->kind, a->win, j, x, pos0, a->f[k], &a->hist[k]);
    a->located[k] = locate_slot(a, k);
    if (a->located[k] && a->t->kind == SO_TAG_POS && j > 0 && a->tag[(j - 1) % TG_RING] >= 0) {
        /* the previous tag is known already: ask for the weights of the
        ** history feature that pairs it with the word (a hint only) */
        uint64_t h = p1w0_feat(x[SO_TAG_HALF], (unsigned)a->tag[(j - 1) % TG_RING]);
        uint32_t at;
        so_ap_locate(a->m, &h, 1, &at);
    }
}

/* Before scoring token i: the slot of token i + TG_AHEAD (at token 0, of
** all the tokens up to it). */
static void ahead_step(tg_ahead *a, size_t i)
{
    for (size_t j = i ? i + TG_AHEAD : 0; j <= i + TG_AHEAD && j < a->n; j++) ahead_slot(a, j);
}

/* Scores of the features (without tag history) of token i into sc. */
static void ahead_scores(const tg_ahead *a, size_t i, float *sc)
{
    size_t k = i % TG_RING;
    if (a->located[k]) so_ap_scores_at(a->m, a->at[k], a->nf[k], sc);
    else so_ap_scores(a->m, a->f[k], a->nf[k], sc);
}

/* The tag history features of POS token i (c) after tags p1, p2, located
** into the gap that locate_slot left for them in the token's slot. */
static void pos_hist_at(tg_ahead *a, size_t i, const so_tokinfo *c, unsigned p1, unsigned p2)
{
    const so_tagger *t = a->t;
    size_t k = i % TG_RING;
    uint32_t *at = a->at[k] + a->hist[k];
    if (t->hist_at && a->m == &t->ap) {   /* as hist_feats, three from the tables */
        unsigned nh = t->n_tags + 2, i1 = hist_index(t, p1), i2 = hist_index(t, p2);
        uint64_t w = p1w0_feat(c, p1);
        at[0] = t->hist_at[i1];
        at[1] = t->hist_at[nh + i2];
        at[2] = t->hist_at[(2 + i1) * nh + i2];
        so_ap_locate(a->m, &w, 1, at + 3);
        return;
    }
    uint64_t hf[HIST_FEATS];
    hist_feats(c, p1, p2, hf);
    so_ap_locate(a->m, hf, HIST_FEATS, at);   /* located: the same model as the slot */
}

/* Scores of POS token i into sc: its features located in its slot, the tag
** history in its place (pos_hist_at). */
static void pos_scores_at(const tg_ahead *a, size_t i, float *sc)
{
    size_t k = i % TG_RING;
    so_ap_scores_at(a->m, a->at[k], a->nf[k] + HIST_FEATS, sc);
}

/* Is POS token i (its slot filled) scored from located weights? */
static int pos_located(const so_tagger *t, const so_tagwin *win, const tg_ahead *a, size_t i)
{
    return win->all && t->kind == SO_TAG_POS && a->located[i % TG_RING];
}

/* One greedy pass of m over the window's sentence into out, looking ahead
** when the window holds the whole sentence. The weights of a POS token's
** tag history (one of which pairs the previous tag with the word, so is
** seldom in cache) are asked for as soon as the previous tag is known,
** before the look-ahead's work for later tokens. */
static void pass_win(const so_tagger *t, const so_ap_model *m, so_tagwin *win, size_t n,
                     const uint8_t *pos, uint8_t *out)
{
    uint64_t f[SO_TAG_MAX_FEATS];
    float sc[SO_TAG_MAX_TAGS];
    tg_ahead a = {.t = t, .m = m, .win = win, .n = n, .pos = pos};
    for (size_t i = 0; i < n; i++) {
        const so_tokinfo *x[SO_TAG_WIN];
        unsigned p1 = i > 0 ? out[i - 1] : SO_TAG_START;
        unsigned p2 = i > 1 ? out[i - 2] : SO_TAG_START + 1;
        if (!win->all) win_at(win, i, x);   /* else only when scored unlocated */
        int early = i > 0 && pos_located(t, win, &a, i) && a.tag[i % TG_RING] < 0;
        if (early) pos_hist_at(&a, i, &win->all[i], p1, p2);
        if (win->all) ahead_step(&a, i);
        int d = win->all ? a.tag[i % TG_RING]
              : t->td_n ? so_tag_td_lookup(t, x[SO_TAG_HALF]->form) : -1;
        if (d >= 0) {
            out[i] = (uint8_t)d;
            continue;
        }
        if (pos_located(t, win, &a, i)) {
            if (!early) pos_hist_at(&a, i, &win->all[i], p1, p2);
            pos_scores_at(&a, i, sc);
        } else {
            if (win->all) win_at(win, i, x);
            unsigned pos0 = t->kind == SO_TAG_NER ? so_tag_pos_id(t->n_pos, pos, i) : 0;
            so_ap_scores(m, f, so_tag_feats(t->kind, x, p1, p2, pos0, f), sc);
        }
        out[i] = (uint8_t)so_tag_argmax(t, sc, p1);
    }
}

void so_tag_pass(const so_tagger *t, const so_ap_model *m, const so_tagtok *toks, size_t n,
                 const uint8_t *pos, uint8_t *out)
{
    so_tagwin win;
    so_tagwin_init(&win, toks, n);
    pass_win(t, m, &win, n, pos, out);
}

/*
** Viterbi with forced positions. A forced position has em 0 for O and -1e30
** for every other tag, so after it only O has a finite score; every other
** score is about -1e30 or below and can never beat a finite one (real
** scores are sums of perceptron weights, far from 1e30), nor can a path
** through it be the best. Keeping those scores at exactly -1e30 instead of
** computing them therefore changes no comparison that decides the path:
** a forced position costs one step for O (O follows every tag), and after
** a forced position, O follows O only.
*/

/* One Viterbi step: best allowed predecessor of each tag c. */
static void vstep(const so_tagger *t, const float *delta, const float *em,
                  const float (*trans)[SO_TAG_MAX_TAGS], uint8_t *bp, float *nd)
{
    unsigned C = t->n_tags;
    for (unsigned c = 0; c < C; c++) {
        float best = -1e30f;
        unsigned arg = 0;
        const uint8_t *pr = t->pred[c];
        for (unsigned k = 0; k < t->npred[c]; k++) {
            unsigned p = pr[k];
            float v = delta[p] + trans[p][c];
            if (v > best) {
                best = v;
                arg = p;
            }
        }
        nd[c] = best + em[c];
        bp[c] = (uint8_t)arg;
    }
}

typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));

/* gt ? v : best, where gt = v > best (maxps is exactly that: it returns its
** second operand unless the first is greater). */
static inline v4f vsel_max(v4f v, v4f best, v4i gt)
{
#if defined(__SSE2__)
    (void)gt;
    return (v4f)_mm_max_ps((__m128)v, (__m128)best);
#else
    return (v4f)(((v4i)v & gt) | ((v4i)best & ~gt));
#endif
}

/* gt ? pp : arg, lane by lane, where every lane of pp is the current
** predecessor p and arg holds earlier ones (so less than p, all from 0
** up): the larger of arg and pp & gt. SSE2 has that maximum only for
** 16-bit lanes (pmaxsw), which is enough: the high halves are 0 in both. */
static inline v4i varg_max(v4i arg, v4i pp, v4i gt)
{
#if defined(__SSE2__)
    return (v4i)_mm_max_epi16((__m128i)arg, (__m128i)(pp & gt));
#else
    return (pp & gt) | (arg & ~gt);
#endif
}

/* vstep with the loaded tagger's masked transitions (transm: -inf where
** not allowed, which never beats the start value -1e30), four tags at a
** time in NV vectors: the same sums and the same strict comparisons in the
** same order of predecessors as vstep, so the same scores and back
** pointers. For taggers of up to 16 tags (NER has 9). */
#define VSTEP4(NV)                                                                    \
    static void vstep4_##NV(const so_tagger *t, const float *delta, const float *em,  \
                            uint8_t *bp, float *nd)                                   \
    {                                                                                 \
        unsigned C = t->n_tags;                                                       \
        v4f best[NV];                                                                 \
        v4i arg[NV];                                                                  \
        _Pragma("GCC unroll 4")                                                       \
        for (int k = 0; k < NV; k++) {                                                \
            best[k] = (v4f){-1e30f, -1e30f, -1e30f, -1e30f};                          \
            arg[k] = (v4i){0, 0, 0, 0};                                               \
        }                                                                             \
        for (unsigned p = 0; p < C; p++) {                                            \
            v4f dp = {delta[p], delta[p], delta[p], delta[p]};                        \
            v4i pp = {(int32_t)p, (int32_t)p, (int32_t)p, (int32_t)p};                \
            const float *row = t->transm[p];                                          \
            _Pragma("GCC unroll 4")                                                   \
            for (int k = 0; k < NV; k++) {                                            \
                v4f tr;                                                               \
                memcpy(&tr, row + 4 * k, sizeof tr);                                  \
                v4f v = dp + tr;                                                      \
                v4i gt = v > best[k];                                                 \
                best[k] = vsel_max(v, best[k], gt);                                   \
                arg[k] = varg_max(arg[k], pp, gt);                                    \
            }                                                                         \
        }                                                                             \
        float b[4 * NV];                                                              \
        int32_t a[4 * NV];                                                            \
        memcpy(b, best, sizeof b);                                                    \
        memcpy(a, arg, sizeof a);                                                     \
        for (unsigned c = 0; c < C; c++) {                                            \
            nd[c] = b[c] + em[c];                                                     \
            bp[c] = (uint8_t)a[c];                                                    \
        }                                                                             \
    }

VSTEP4(1)
VSTEP4(2)
VSTEP4(3)
VSTEP4(4)

typedef void (*vstep4_fn)(const so_tagger *, const float *, const float *, uint8_t *, float *);
static const vstep4_fn VSTEP4_OF[4] = {vstep4_1, vstep4_2, vstep4_3, vstep4_4};

/* A forced step: O only (see above); only0 = only O is finite in delta. */
static void vstep_o(const so_tagger *t, const float *delta, int only0,
                    const float (*trans)[SO_TAG_MAX_TAGS], uint8_t *bp, float *nd)
{
    unsigned C = t->n_tags;
    float best = -1e30f;
    unsigned arg = 0;
    if (only0) {
        best = delta[0] + trans[0][0];
    } else {
        const uint8_t *pr = t->pred[0];
        for (unsigned k = 0; k < t->npred[0]; k++) {
            unsigned p = pr[k];
            float v = delta[p] + trans[p][0];
            if (v > best) {
                best = v;
                arg = p;
            }
        }
    }
    nd[0] = best + 0.0f;
    bp[0] = (uint8_t)arg;
    for (unsigned c = 1; c < C; c++) {
        nd[c] = -1e30f;
        bp[c] = 0;
    }
}

void so_tag_viterbi(const so_tagger *t, const float *em, const uint8_t *forced,
                    const float (*trans)[SO_TAG_MAX_TAGS], size_t n, unsigned prev0,
                    uint8_t *bp, uint8_t *out)
{
    unsigned C = t->n_tags, p0 = prev0 < C ? prev0 : SO_TAG_START;
    float d0[SO_TAG_MAX_TAGS], d1[SO_TAG_MAX_TAGS], *delta = d0, *nd = d1;
    if (n == 0) return;
    /* the loaded tagger's own transitions come with their masked copy */
    vstep4_fn v4 = t->have_trans && C <= 16 && trans == (const float (*)[SO_TAG_MAX_TAGS])t->trans
                       ? VSTEP4_OF[(C - 1) / 4] : NULL;
    int only0 = 0;
    if (forced && forced[0]) {   /* em[0] = 0, others -1e30 */
        for (unsigned c = 0; c < C; c++)
            delta[c] = t->allowed[p0][c] && c == 0 ? 0.0f + trans[p0][0] : -1e30f;
        only0 = t->allowed[p0][0];
    } else {
        for (unsigned c = 0; c < C; c++)
            delta[c] = t->allowed[p0][c] ? em[c] + trans[p0][c] : -1e30f;
    }
    for (size_t i = 1; i < n; i++) {
        if (forced && forced[i]) {
            vstep_o(t, delta, only0, trans, bp + i * SO_TAG_MAX_TAGS, nd);
            only0 = 1;
        } else {
            if (v4)
                v4(t, delta, em + i * SO_TAG_MAX_TAGS, bp + i * SO_TAG_MAX_TAGS, nd);
            else
                vstep(t, delta, em + i * SO_TAG_MAX_TAGS, trans, bp + i * SO_TAG_MAX_TAGS, nd);
            only0 = 0;
        }
        float *tmp = delta;
        delta = nd;
        nd = tmp;
    }
    unsigned best = 0;
    for (unsigned c = 1; c < C; c++)
        if (delta[c] > delta[best]) best = c;
    for (size_t i = n; i-- > 0;) {
        out[i] = (uint8_t)best;
        best = bp[i * SO_TAG_MAX_TAGS + best];
    }
}

/* Transition scores trans[p][c] of t's weights (rows p < n_tags and START). */
static void trans_rows(const so_tagger *t, float (*trans)[SO_TAG_MAX_TAGS])
{
    for (unsigned p = 0; p < t->n_tags; p++) {
        uint64_t h = so_tag_trans_feat(p);
        so_ap_scores(&t->ap, &h, 1, trans[p]);
    }
    uint64_t h0 = so_tag_trans_feat(SO_TAG_START);
    so_ap_scores(&t->ap, &h0, 1, trans[SO_TAG_START]);
}

/* Viterbi decoding at run time, in segments of SO_TAG_VSEG tokens so that
** all scratch fits on the stack (a segment starts after the last tag of the
** previous one), looking ahead (see TG_AHEAD). */
static void viterbi_sentence(const so_tagger *t, so_tagwin *win, size_t n, const uint8_t *pos,
                             uint8_t *out)
{
    float local[SO_TAG_MAX_TAGS + 1][SO_TAG_MAX_TAGS];
    float em[SO_TAG_VSEG * SO_TAG_MAX_TAGS];
    uint8_t bp[SO_TAG_VSEG * SO_TAG_MAX_TAGS], forced[SO_TAG_VSEG];
    const float (*trans)[SO_TAG_MAX_TAGS] = t->trans;
    tg_ahead a = {.t = t, .m = &t->ap, .win = win, .n = n, .pos = pos};
    if (!t->have_trans) {
        trans_rows(t, local);
        trans = (const float (*)[SO_TAG_MAX_TAGS])local;
    }
    for (size_t s = 0; s < n; s += SO_TAG_VSEG) {
        size_t e = n - s < SO_TAG_VSEG ? n : s + SO_TAG_VSEG;
        for (size_t i = s; i < e; i++) {
            ahead_step(&a, i);   /* the features need no tag history */
            forced[i - s] = a.tag[i % TG_RING] >= 0;
            if (!forced[i - s]) ahead_scores(&a, i, em + (i - s) * SO_TAG_MAX_TAGS);
        }
        so_tag_viterbi(t, em, forced, trans, e - s, s ? out[s - 1] : SO_TAG_START, bp, out + s);
    }
}

static void tag_win(const so_tagger *t, so_tagwin *win, size_t n, const uint8_t *pos,
                    uint8_t *out)
{
    if (t->viterbi) viterbi_sentence(t, win, n, pos, out);
    else pass_win(t, &t->ap, win, n, pos, out);
}

int so_tag_sentence(const so_tagger *t, const so_tagtok *toks, size_t n,
                    const uint8_t *pos, uint8_t *out)
{
    if (!t || (n && (!toks || !out)) || (t->kind == SO_TAG_NER && n && !pos)) return -1;
    for (size_t i = 0; i < n; i++)
        if (!toks[i].s && toks[i].len) return -1;
    so_tagwin win;
    so_tagwin_init(&win, toks, n);
    tag_win(t, &win, n, pos, out);
    return 0;
}

void so_tag_sentence_infos(const so_tagger *t, const so_tokinfo *info, size_t n,
                           const uint8_t *pos, so_tagshare *share, uint8_t *out)
{
    so_tagwin win;
    so_tagwin_init_infos(&win, info, n, share);
    tag_win(t, &win, n, pos, out);
}

/* ---------------------------------------------------------------- names */

const char *so_tag_name(const so_tagger *t, unsigned id)
{
    return t && id < t->n_tags ? t->names[id] : NULL;
}

int so_tag_id(const so_tagger *t, const char *name)
{
    for (unsigned i = 0; t && name && i < t->n_tags; i++)
        if (strcmp(t->names[i], name) == 0) return (int)i;
    return -1;
}

unsigned so_tag_count(const so_tagger *t) { return t ? t->n_tags : 0; }

const uint8_t *so_tag_penn(const so_tagger *t)
{
    static const uint8_t untagged[256]; /* read-only: every token SO_PENN_NONE */
    return t ? t->penn : untagged;
}
so_tag_kind so_tag_kind_of(const so_tagger *t) { return t ? t->kind : SO_TAG_POS; }
const char *so_tag_info(const so_tagger *t) { return t ? t->info : ""; }

int so_tag_compatible(const so_tagger *ner, const so_tagger *pos)
{
    if (!ner || !pos || ner->kind != SO_TAG_NER || pos->kind != SO_TAG_POS ||
        ner->n_pos != pos->n_tags)
        return 0;
    for (unsigned i = 0; i < ner->n_pos; i++)
        if (strcmp(ner->pos_names[i], pos->names[i]) != 0) return 0;
    return 1;
}

int so_tag_load_pair(const so_mf *mf, const char *model, so_tagger **pos, so_tagger **ner,
                     char *err, size_t errlen)
{
    char msg[256] = "";
    *pos = *ner = NULL;
    int bad = so_tag_load(mf, "POS", pos, msg, sizeof msg) ||
              so_tag_load(mf, "NER", ner, msg, sizeof msg);
    if (!bad && !so_tag_compatible(*ner, *pos)) {
        snprintf(msg, sizeof msg, "NER and POS taggers do not match");
        bad = 1;
    }
    if (!bad)
        return 0;
    snprintf(err, errlen, "%s: %s", model, msg);
    so_tag_free(*pos);
    so_tag_free(*ner);
    *pos = *ner = NULL;
    return -1;
}

void so_tag_set_allowed(so_tagger *t)
{
    memset(t->allowed, 1, sizeof t->allowed);
    for (unsigned c = 0; t->kind == SO_TAG_NER && c < t->n_tags; c++) {
        if (strncmp(t->names[c], "I-", 2) != 0) continue;
        for (unsigned p = 0; p <= SO_TAG_MAX_TAGS; p++) {
            const char *pn = p < t->n_tags ? t->names[p] : "O";
            int same = (pn[0] == 'B' || pn[0] == 'I') && pn[1] == '-' &&
                       strcmp(pn + 2, t->names[c] + 2) == 0;
            t->allowed[p][c] = (uint8_t)same;
        }
    }
    for (unsigned c = 0; c < SO_TAG_MAX_TAGS; c++) {
        t->npred[c] = 0;
        for (unsigned p = 0; p < t->n_tags; p++)
            if (t->allowed[p][c]) t->pred[c][t->npred[c]++] = (uint8_t)p;
    }
    memset(t->penn, SO_PENN_NONE, sizeof t->penn);
    for (unsigned c = 0; t->kind == SO_TAG_POS && c < t->n_tags; c++)
        t->penn[c + 1] = (uint8_t)so_penn_of(t->names[c]);
}

/* -------------------------------------------------------- tag dictionary */

int so_tag_td_build(so_tagger *t, const uint64_t *keys, const uint8_t *tags, size_t n)
{
    free(t->td_key);
    free(t->td_tag);
    t->td_key = NULL;
    t->td_tag = NULL;
    t->td_n = 0;
    if (n == 0) return 0;
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    t->td_key = calloc(cap, sizeof *t->td_key);
    t->td_tag = malloc(cap);
    if (!t->td_key || !t->td_tag) return -1;
    memset(t->td_tag, 0xff, cap);
    t->td_mask = cap - 1;
    for (size_t k = 0; k < n; k++) {
        uint64_t i = keys[k] & t->td_mask;
        while (t->td_tag[i] != 0xff && t->td_key[i] != keys[k]) i = (i + 1) & t->td_mask;
        t->td_key[i] = keys[k];
        t->td_tag[i] = tags[k];
    }
    t->td_n = n;
    return 0;
}

/* ------------------------------------------------------------ save/load */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Write the tag dictionary as (u64 key, u8 tag) pairs sorted by key. */
static int write_td(const so_tagger *t, so_mf_buf *b)
{
    uint64_t *keys = malloc((t->td_n ? t->td_n : 1) * sizeof *keys);
    if (!keys) return -1;
    size_t k = 0;
    for (uint64_t i = 0; t->td_n && i <= t->td_mask; i++)
        if (t->td_tag[i] != 0xff) keys[k++] = t->td_key[i];
    qsort(keys, k, sizeof *keys, cmp_u64);
    so_mf_put_u32(b, (uint32_t)k);
    for (size_t i = 0; i < k; i++) {
        so_mf_put_u64(b, keys[i]);
        so_mf_put_u8(b, (uint8_t)so_tag_td_lookup(t, keys[i]));
    }
    free(keys);
    return 0;
}

int so_tag_write(const so_tagger *t, int quant, so_mf_buf *b)
{
    so_mf_put_u32(b, SO_TAG_SECTION_VERSION);
    so_mf_put_u32(b, (uint32_t)t->kind);
    so_mf_put_u32(b, SO_TAG_FEATURE_SET);
    so_mf_put_str(b, t->info);
    so_mf_put_u32(b, t->n_tags);
    for (unsigned i = 0; i < t->n_tags; i++) so_mf_put_str(b, t->names[i]);
    so_mf_put_u32(b, t->n_pos);
    for (unsigned i = 0; i < t->n_pos; i++) so_mf_put_str(b, t->pos_names[i]);
    if (write_td(t, b) != 0) return -1;
    so_mf_put_u32(b, t->viterbi ? 1u : 0u);
    return so_ap_write(&t->ap, quant, b);
}

/* Read the tag name lists. */
static int read_names(so_tagger *t, so_mf_rd *r, char *err, size_t errlen)
{
    t->n_tags = so_mf_get_u32(r);
    if (t->n_tags < 1 || t->n_tags > SO_TAG_MAX_TAGS) return so_errf(err, errlen, "tagger: bad tag count");
    for (unsigned i = 0; i < t->n_tags; i++)
        if (so_mf_get_str(r, t->names[i], SO_TAG_NAME)) return so_errf(err, errlen, "tagger: bad tag name");
    t->n_pos = so_mf_get_u32(r);
    if (t->n_pos > SO_TAG_MAX_TAGS - 3) return so_errf(err, errlen, "tagger: bad POS count");
    for (unsigned i = 0; i < t->n_pos; i++)
        if (so_mf_get_str(r, t->pos_names[i], SO_TAG_NAME)) return so_errf(err, errlen, "tagger: bad POS name");
    return 0;
}

/* Read the tag dictionary. */
static int read_td(so_tagger *t, so_mf_rd *r, char *err, size_t errlen)
{
    uint32_t n = so_mf_get_u32(r);
    if (r->failed || (uint64_t)n * 9 > r->len - r->pos) return so_errf(err, errlen, "tagger: bad tag dictionary");
    uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
    uint8_t *tags = malloc(n ? n : 1);
    int rc = keys && tags ? 0 : so_errf(err, errlen, "out of memory");
    for (uint32_t i = 0; rc == 0 && i < n; i++) {
        keys[i] = so_mf_get_u64(r);
        tags[i] = so_mf_get_u8(r);
        if (tags[i] >= t->n_tags) rc = so_errf(err, errlen, "tagger: bad tag in dictionary");
    }
    if (rc == 0 && so_tag_td_build(t, keys, tags, n)) rc = so_errf(err, errlen, "out of memory");
    free(keys);
    free(tags);
    return rc;
}

/* Parse a section payload into t. */
static int read_tagger(so_tagger *t, so_mf_rd *r, char *err, size_t errlen)
{
    uint32_t ver = so_mf_get_u32(r), kind = so_mf_get_u32(r), fs = so_mf_get_u32(r);
    if (r->failed) return so_errf(err, errlen, "tagger: truncated section");
    if (ver != SO_TAG_SECTION_VERSION || fs != SO_TAG_FEATURE_SET)
        return so_errf(err, errlen, "tagger: section version %u / feature set %u, this build "
                    "reads %u / %u (retrain the model)", ver, fs, SO_TAG_SECTION_VERSION,
                    SO_TAG_FEATURE_SET);
    if (kind > SO_TAG_NER) return so_errf(err, errlen, "tagger: bad kind %u", kind);
    t->kind = (so_tag_kind)kind;
    if (so_mf_get_str(r, t->info, SO_TAG_INFO)) return so_errf(err, errlen, "tagger: bad info");
    if (read_names(t, r, err, errlen) || read_td(t, r, err, errlen)) return -1;
    uint32_t vit = so_mf_get_u32(r);
    if (r->failed || vit > 1) return so_errf(err, errlen, "tagger: bad decoder");
    /* the Viterbi decoder reads POS input: only NER taggers are trained with it */
    if (vit && t->kind != SO_TAG_NER) return so_errf(err, errlen, "tagger: POS tagger with the Viterbi decoder");
    t->viterbi = (int)vit;
    if (so_ap_read(&t->ap, r, err, errlen)) return -1;
    if (t->ap.n_classes != t->n_tags) return so_errf(err, errlen, "tagger: class count mismatch");
    if (r->pos != r->len) return so_errf(err, errlen, "tagger: trailing bytes in section");
    so_tag_set_allowed(t);
    if (t->viterbi) {
        trans_rows(t, t->trans);
        for (unsigned p = 0; p < SO_TAG_MAX_TAGS; p++)
            for (unsigned c = 0; c < SO_TAG_MAX_TAGS; c++)
                t->transm[p][c] = p < t->n_tags && c < t->n_tags && t->allowed[p][c]
                                      ? t->trans[p][c] : -INFINITY;
        t->have_trans = 1;
    }
    if (t->kind == SO_TAG_POS && t->ap.locate) hist_tables(t);
    return 0;
}

int so_tag_load_mem(const uint8_t *data, size_t len, so_tagger **out, char *err,
                    size_t errlen)
{
    if (!out) return so_errf(err, errlen, "NULL output pointer");
    *out = NULL;
    so_tagger *t = calloc(1, sizeof *t);
    if (!t) return so_errf(err, errlen, "out of memory");
    so_mf_rd r;
    so_mf_rd_init(&r, data, len);
    if (read_tagger(t, &r, err, errlen) != 0) {
        so_tag_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

int so_tag_load(const so_mf *mf, const char *section_tag, so_tagger **out, char *err,
                size_t errlen)
{
    const uint8_t *d = NULL;
    size_t n = 0;
    if (out) *out = NULL;
    so_mf_status st = so_mf_find(mf, section_tag, &d, &n);
    if (st != SO_MF_OK)
        return so_errf(err, errlen, "section '%s': %s", section_tag ? section_tag : "(null)",
                    so_mf_status_str(st));
    if (so_tag_load_mem(d, n, out, err, errlen) == 0) return 0;
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s", err ? err : "");
    return so_errf(err, errlen, "section '%s': %s", section_tag, tmp);
}

void so_tag_free(so_tagger *t)
{
    if (!t) return;
    so_ap_model_free(&t->ap);
    free(t->td_key);
    free(t->td_tag);
    free(t->hist_at);
    free(t);
}
