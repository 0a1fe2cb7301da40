/*
** utf8.c -- tolerant UTF-8 decoding and the character classes the text
** layer needs (Unicode categories come from libutf8proc); the ASCII fast
** paths are inline in utf8.h.
*/
#include "base/utf8.h"

#include <utf8proc.h>

static int cont(const unsigned char *s, size_t n, size_t i)
{
    return i < n && (s[i] & 0xC0) == 0x80;
}

size_t so_utf8_next_mb(const char *str, size_t n, size_t i, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && cont(s, n, i + 1)) {
        *cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && cont(s, n, i + 1) && cont(s, n, i + 2)) {
        uint32_t v = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    }
    if (c >= 0xF0 && c <= 0xF4 && cont(s, n, i + 1) && cont(s, n, i + 2) && cont(s, n, i + 3)) {
        uint32_t v = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) |
                     ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu);
        if (v >= 0x10000 && v <= 0x10FFFF) {
            *cp = v;
            return 4;
        }
    }
    *cp = 0xFFFD;
    return 1;
}

size_t so_utf8_prev(const char *str, size_t i, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t back = 1;
    while (back < 4 && back < i && (s[i - back] & 0xC0) == 0x80)
        back++;
    size_t start = i - back;
    uint32_t v;
    if (so_utf8_next(str, i, start, &v) == back) {
        *cp = v;
        return back;
    }
    so_utf8_next(str, i, i - 1, cp);
    return 1;
}

size_t so_utf8_invalid_count(const char *s, size_t n)
{
    size_t bad = 0;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t k = so_utf8_next(s, n, i, &cp);
        if (cp == 0xFFFD && k == 1)
            bad++;
        i += k;
    }
    return bad;
}

int so_cp_is_space_mb(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= 9 && c <= 13);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 ||
           c == 0xFEFF;
}

int so_cp_is_alpha_mb(uint32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC;
}

int so_cp_is_upper_mb(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

int so_cp_is_digit_mb(uint32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_ND;
}

int so_cp_is_dash(uint32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
           c == 0x2014 || c == 0x2015 || c == 0x2212;
}

size_t so_utf8_shown(const char *s, size_t n, size_t i, char out[4], size_t *outlen)
{
    uint32_t c;
    size_t k = so_utf8_next(s, n, i, &c);
    if (c == '\n' || c == '\t' || c == '\r' || c == 0) {
        out[0] = ' ';
        *outlen = 1;
    } else if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c == 0xFFFD && k == 1)) {
        memcpy(out, "\xEF\xBF\xBD", 3);
        *outlen = 3;
    } else {
        memcpy(out, s + i, k);
        *outlen = k;
    }
    return k;
}
