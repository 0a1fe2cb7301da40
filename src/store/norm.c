/*
** norm.c -- text as the quote store compares it: the normalised form of a
** quotation (case, quote marks, punctuation and whitespace do not count),
** token hashes, speaker-name keys and their tolerant matching, a fallback
** speaker name taken from the source phrase, and safe FTS5 queries.
*/
#include <string.h>
#include <utf8proc.h>

#include "store/store_int.h"

/* ---- normalisation ---- */

static int is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032;
}

static int is_wordy(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* Append the case-folded, mark-stripped form of code point c. */
static int add_folded(so_sbuf *out, int32_t c)
{
    utf8proc_int32_t dst[8];
    int bc = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        c, dst, 8, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &bc);
    if (n < 0 || n > 8) {
        dst[0] = c;
        n = 1;
    }
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(dst[k], enc);
        if (m > 0 && so_sb_add(out, enc, (size_t)m))
            return -1;
    }
    return 0;
}

long so_store_norm(const char *s, size_t n, so_sbuf *out)
{
    long ntok = 0;
    int in_word = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        int32_t c = ch;
        size_t len = 1;
        if (ch >= 0x80) {
            utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &c);
            if (m <= 0)
                c = -1; /* invalid byte: a boundary */
            else
                len = (size_t)m;
        }
        i += len;
        if (c >= 0 && is_apostrophe(c))
            continue;
        int wordy = c < 0x80 ? (c >= 0 && ((unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u))
                             : is_wordy(c);
        if (!wordy) {
            if (c >= 0x80 && utf8proc_category(c) == UTF8PROC_CATEGORY_MN)
                continue; /* a combining mark belongs to its letter */
            in_word = 0;
            continue;
        }
        if (!in_word) {
            if (out->len && so_sb_add(out, " ", 1))
                return -1;
            ntok++;
            in_word = 1;
        }
        if (c < 0x80) {
            char lc = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (so_sb_add(out, &lc, 1))
                return -1;
        } else if (add_folded(out, c)) {
            return -1;
        }
    }
    return ntok;
}

uint32_t so_store_tokhash(const char *s, size_t n)
{
    return (uint32_t)so_store_hash64(0x9e3779b97f4a7c15ULL, s, n);
}

size_t so_store_tokens(const char *norm, size_t n, uint32_t *tok, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && norm[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && norm[j] != ' ')
            j++;
        if (j > i)
            tok[k++] = so_store_tokhash(norm + i, j - i);
        i = j;
    }
    return k;
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

uint64_t so_store_hash64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    h ^= (uint64_t)n * 0x9e3779b97f4a7c15ULL;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = mix64(h ^ w) + 0x632be59bd9b4e019ULL;
        b += 8;
        n -= 8;
    }
    uint64_t w = 0;
    for (size_t k = 0; k < n; k++)
        w |= (uint64_t)b[k] << (8 * k);
    return mix64(h ^ w ^ 0x8f3a5c7d1e2b4a69ULL);
}

/* ---- names ---- */

static const char *const honorifics[] = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sen", "senator", "rep", "representative",
    "gov", "governor", "president", "pres", "prof", "professor", "rev", "gen", "sir",
    "dame", "judge", "justice", "mayor", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "chairman", "chairwoman", "candidate", "nominee", NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (strlen(list[k]) == n && !memcmp(list[k], w, n))
            return 1;
    return 0;
}

/* Next space-separated word of s[*i..n): start and length. */
static int next_word(const char *s, size_t n, size_t *i, size_t *ws, size_t *wn)
{
    while (*i < n && s[*i] == ' ')
        (*i)++;
    if (*i >= n)
        return 0;
    *ws = *i;
    while (*i < n && s[*i] != ' ')
        (*i)++;
    *wn = *i - *ws;
    return 1;
}

long so_store_name_key(const char *name, size_t n, so_sbuf *out)
{
    so_sbuf tmp;
    so_sb_init(&tmp, 4 * SO_MAX_NAME);
    if (so_store_norm(name, n, &tmp) < 0) {
        so_sb_free(&tmp);
        return -1;
    }
    size_t ws[16], wn[16], nw = 0, i = 0, first = 0, longer = 0;
    while (nw < 16 && next_word(tmp.p, tmp.len, &i, &ws[nw], &wn[nw]))
        nw++;
    while (nw - first > 1 && in_list(tmp.p + ws[first], wn[first], honorifics))
        first++;
    for (size_t k = first; k < nw; k++)
        longer += wn[k] > 1;
    long kept = 0;
    for (size_t k = first; k < nw; k++) {
        if (wn[k] == 1 && longer >= 2)
            continue; /* an initial: "donald j trump" -> "donald trump" */
        if (kept && so_sb_add(out, " ", 1))
            kept = -1;
        if (kept < 0 || so_sb_add(out, tmp.p + ws[k], wn[k])) {
            kept = -1;
            break;
        }
        kept++;
    }
    so_sb_free(&tmp);
    return kept;
}

int so_store_name_match(const char *qkey, const char *skey)
{
    size_t qn = strlen(qkey), sn = strlen(skey), i = 0, j, ws, wn, vs, vn;
    size_t qlast = 0, qlastn = 0, slast = 0, slastn = 0, nq = 0, ns = 0;
    while (next_word(qkey, qn, &i, &ws, &wn))
        qlast = ws, qlastn = wn, nq++;
    for (i = 0; next_word(skey, sn, &i, &ws, &wn);)
        slast = ws, slastn = wn, ns++;
    if (!nq || !ns)
        return 0;
    if (nq == 1) {
        for (i = 0; next_word(skey, sn, &i, &ws, &wn);)
            if (wn == qlastn && !memcmp(skey + ws, qkey + qlast, wn))
                return 1;
        return 0;
    }
    if (qlastn != slastn || memcmp(qkey + qlast, skey + slast, qlastn))
        return 0;
    if (ns == 1)
        return 1;
    for (i = 0; next_word(qkey, qn, &i, &ws, &wn) && ws != qlast;) {
        int found = 0;
        for (j = 0; !found && next_word(skey, sn, &j, &vs, &vn) && vs != slast;)
            found = vn == wn && !memcmp(skey + vs, qkey + ws, wn);
        if (!found)
            return 0;
    }
    return 1;
}

/* ---- fallback speaker names from source phrases ---- */

/* Capitalised at the start of a sentence, never a name on their own. */
static const char *const not_names[] = {
    "he", "she", "it", "they", "i", "we", "you", "this", "that", "these", "those", "there",
    "when", "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "who",
    "which", "what", "one", "some", "many", "others", "both", "but", "and", "or", "as", "in",
    "if", "while", "although", "though", "after", "before", "because", "since", "so", "then",
    "yet", "still", "even", "also", "now", "later", "earlier", "meanwhile", "instead", "on",
    "at", "for", "with", "without", "by", "from", "to", "of", "under", "over", "during",
    "according", "asked", "said", "says", NULL};

/* Is the raw word w[0..n) capitalised (an upper-case first letter)? */
static int capitalised(const char *w, size_t n)
{
    int32_t c = 0;
    if (!n)
        return 0;
    if (utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &c) <= 0)
        return 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LU;
}

/* A word that ends a name run: trailing comma, colon, possessive. */
static size_t trim_word(const char *w, size_t n, int *ends)
{
    *ends = 0;
    while (n && strchr(",;:)\"", w[n - 1]))
        n--, *ends = 1;
    if (n >= 2 && w[n - 2] == '\'' && w[n - 1] == 's')
        n -= 2, *ends = 1;
    else if (n >= 4 && !memcmp(w + n - 4, "\xe2\x80\x99s", 4))
        n -= 4, *ends = 1;
    return n;
}

/* Lower-case copy of the raw word (ASCII letters only, dots dropped). */
static size_t lower_word(const char *w, size_t n, char *buf, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        if (w[i] != '.')
            buf[k++] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    buf[k] = 0;
    return k;
}

size_t so_store_fallback_name(const char *src, size_t n, int sentence_start, char *out,
                              size_t cap)
{
    size_t i = 0, ws, wn, run_s = 0, run_e = 0, cur_s = 0, cur_e = 0, first = SIZE_MAX, words = 0;
    int in_run = 0;
    while (next_word(src, n, &i, &ws, &wn)) {
        if (first == SIZE_MAX)
            first = ws;
        int ends;
        size_t tn = trim_word(src + ws, wn, &ends);
        if (capitalised(src + ws, tn)) {
            if (!in_run)
                cur_s = ws, words = 0;
            cur_e = ws + tn;
            in_run = 1;
            words++;
            run_s = cur_s, run_e = cur_e;
            if (ends)
                in_run = 0;
        } else {
            in_run = 0;
        }
    }
    if (run_e <= run_s || (sentence_start && run_s == first && words == 1))
        return 0; /* nothing capitalised, or only the word that opens the sentence */
    /* drop sentence-initial words and honorifics in front of the name */
    i = run_s;
    char low[32];
    while (next_word(src, run_e, &i, &ws, &wn)) {
        size_t ln = lower_word(src + ws, wn, low, sizeof low);
        if (!in_list(low, ln, honorifics) && !in_list(low, ln, not_names))
            break;
        if (i >= run_e) /* nothing but such words */
            return 0;
        run_s = i;
    }
    while (run_s < run_e && src[run_s] == ' ')
        run_s++;
    size_t len = run_e - run_s;
    if (len == 0 || len + 1 > cap || len > SO_MAX_NAME)
        return 0;
    memcpy(out, src + run_s, len);
    out[len] = 0;
    return len;
}

/* ---- FTS5 queries ---- */

static int wordy_bytes(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x80 || (unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u)
            return 1;
    }
    return 0;
}

/* Append s[0..n) as an FTS5 string ("..." with " doubled), and * if prefix. */
static int add_term(so_sbuf *out, const char *s, size_t n, int prefix)
{
    if (out->len && so_sb_add(out, " ", 1))
        return -1;
    so_sb_add(out, "\"", 1);
    for (size_t k = 0; k < n; k++)
        so_sb_add(out, s[k] == '"' ? "\"\"" : s + k, s[k] == '"' ? 2 : 1);
    so_sb_add(out, prefix ? "\"*" : "\"", prefix ? 2 : 1);
    return out->failed ? -1 : 0;
}

int so_store_fts_query(const char *text, so_sbuf *out)
{
    int terms = 0;
    size_t n = strlen(text), i = 0;
    while (i < n) {
        while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            i++;
        if (i >= n)
            break;
        if (terms == SO_FTS_MAX_TERMS)
            return -2;
        size_t s = i, e;
        int prefix = 0;
        if (text[i] == '"') {
            s = ++i;
            while (i < n && text[i] != '"')
                i++;
            e = i;
            if (i < n)
                i++;
        } else {
            while (i < n && !strchr(" \t\n\r", text[i]))
                i++;
            e = i;
            while (e > s && text[e - 1] == '*')
                e--, prefix = 1;
        }
        if (e > s && wordy_bytes(text + s, e - s)) {
            if (add_term(out, text + s, e - s, prefix && wordy_bytes(text + e - 1, 1)))
                return -1;
            terms++;
        }
    }
    return terms;
}
