/*
** so_score_uni.c -- Unicode as attrib-score's Python 3.11 sees it: the
** character classes of its regexes (\w, \s, \d), str.isprintable() for
** repr(), strict UTF-8 checking with Python's error offsets, and decoding
** (strict, and with surrogate escapes for file names).
**
** The classes come from libutf8proc. utf8proc 2.8 knows Unicode 15.0, Python
** 3.11 knows 14.0: the characters added in 15.0 are unassigned (Cn) for
** Python, so they are listed here and classed as Cn. Checked exhaustively
** against Python over all code points (\w, \s, \d with digit values,
** isprintable) when this file was written.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "eval/so_score_int.h"

/* Code points assigned in Unicode 15.0 but not 14.0 (unassigned to Python). */
static const uint32_t new_in_15[][2] = {
    {0xCF3, 0xCF3},     {0xECE, 0xECE},     {0x10EFD, 0x10EFF}, {0x1123F, 0x11241},
    {0x11B00, 0x11B09}, {0x11F00, 0x11F10}, {0x11F12, 0x11F3A}, {0x11F3E, 0x11F59},
    {0x1342F, 0x1342F}, {0x13439, 0x13455}, {0x1B132, 0x1B132}, {0x1B155, 0x1B155},
    {0x1D2C0, 0x1D2D3}, {0x1DF25, 0x1DF2A}, {0x1E030, 0x1E06D}, {0x1E08F, 0x1E08F},
    {0x1E4D0, 0x1E4F9}, {0x1F6DC, 0x1F6DC}, {0x1F774, 0x1F776}, {0x1F77B, 0x1F77F},
    {0x1F7D9, 0x1F7D9}, {0x1FA75, 0x1FA77}, {0x1FA87, 0x1FA88}, {0x1FAAD, 0x1FAAF},
    {0x1FABB, 0x1FABD}, {0x1FABF, 0x1FABF}, {0x1FACE, 0x1FACF}, {0x1FADA, 0x1FADB},
    {0x1FAE8, 0x1FAE8}, {0x1FAF7, 0x1FAF8}, {0x2B739, 0x2B739}, {0x31350, 0x323AF},
};

/* 1 if c is one of the code points Python 3.11 does not know yet. */
static int too_new(uint32_t c)
{
    size_t lo = 0, hi = sizeof new_in_15 / sizeof new_in_15[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < new_in_15[mid][0])
            hi = mid;
        else if (c > new_in_15[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

/* The general category of c, as Python 3.11 has it. */
static int category(uint32_t c)
{
    if (c > 0x10FFFF || too_new(c))
        return UTF8PROC_CATEGORY_CN;
    return utf8proc_get_property((utf8proc_int32_t)c)->category;
}

int so_uni_isword(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '_';
    switch (category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* Python: bidirectional class WS, B or S, or category Zs. That makes U+001C..
** U+001F, U+0085, U+00A0, U+2028/9 and the other Zs characters spaces. */
int so_uni_isspace(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    if (c > 0x10FFFF || too_new(c))
        return 0;
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)c);
    return p->category == UTF8PROC_CATEGORY_ZS || p->bidi_class == UTF8PROC_BIDI_CLASS_WS ||
           p->bidi_class == UTF8PROC_BIDI_CLASS_B || p->bidi_class == UTF8PROC_BIDI_CLASS_S;
}

/* Nd characters come in runs of ten, 0 to 9, so the value is the distance
** from the start of the run of consecutive Nd characters, modulo 10. */
int so_uni_digit(uint32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9' ? (int)(c - '0') : -1;
    if (category(c) != UTF8PROC_CATEGORY_ND)
        return -1;
    uint32_t k = c;
    while (k > 0 && category(k - 1) == UTF8PROC_CATEGORY_ND)
        k--;
    return (int)((c - k) % 10);
}

int so_uni_isprintable(uint32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c < 0x7F;
    switch (category(c)) {
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_ZS:
        return 0;
    default:
        return 1;
    }
}

/* " “ ” „ ‟ « » ″ ＂ (attrib-score's QUOTE_CHARS). */
int so_uni_isquote(uint32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB ||
           c == 0xBB || c == 0x2033 || c == 0xFF02;
}

/* Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid. The
** rules are Python's (and Unicode's): no overlongs, surrogates or > U+10FFFF. */
static size_t seq_len(const unsigned char *s, size_t n, size_t i)
{
    unsigned c = s[i];
    if (c < 0x80)
        return 1;
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > n)
        return 0;
    unsigned lo = 0x80, hi = 0xBF, c1 = s[i + 1];
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (c1 < lo || c1 > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return len;
}

size_t so_utf8_check(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = seq_len(u, n, i);
        if (len == 0)
            return i;
        i += len;
    }
    return SIZE_MAX;
}

uint32_t so_score_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    uint32_t c = u[0];
    (void)n;
    if (c < 0x80) {
        *i += 1;
        return c;
    }
    if (c < 0xE0) {
        *i += 2;
        return ((c & 0x1F) << 6) | (u[1] & 0x3F);
    }
    if (c < 0xF0) {
        *i += 3;
        return ((c & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    }
    *i += 4;
    return ((c & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) | ((uint32_t)(u[2] & 0x3F) << 6) |
           (u[3] & 0x3F);
}

uint32_t so_utf8_next_esc(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[*i] >= 0x80 && seq_len(u, n, *i) == 0)
        return 0xDC00u + u[(*i)++];
    return so_score_utf8_next(s, n, i);
}

int so_pystr_cmp(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;
    while (i < na && j < nb) {
        uint32_t ca = so_utf8_next_esc(a, na, &i), cb = so_utf8_next_esc(b, nb, &j);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return (i < na) - (j < nb);
}

int so_utf8_decode(const char *s, size_t n, uint32_t **out, size_t *nout)
{
    uint32_t *v = malloc((n ? n : 1) * sizeof *v);
    size_t i = 0, k = 0;
    if (!v)
        return -1;
    while (i < n)
        v[k++] = so_score_utf8_next(s, n, &i);
    *out = v;
    *nout = k;
    return 0;
}
