/*
** sbuf.c -- capped growable byte buffer (see sbuf.h). so_sb_printf formats
** the plain conversions itself (output as vsnprintf's, which it leaves the
** rest to): JSON output is mostly "[%zu,%zu]" and friends.
*/
#include "base/sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

void so_sb_init(so_sbuf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

int so_sb_add_slow(so_sbuf *b, const void *data, size_t n)
{
    if (b->failed || b->len + n + 1 < b->len ||
        (b->len + n + 1 > b->cap && so_grow(&b->p, &b->cap, b->len + n + 1, 1, b->max + 1))) {
        b->failed = 1;
        return -1;
    }
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}

int so_sb_str(so_sbuf *b, const char *s)
{
    return so_sb_add(b, s, strlen(s));
}

int so_sb_uint(so_sbuf *b, unsigned long long v)
{
    char d[24];
    size_t k = sizeof d;
    do
        d[--k] = (char)('0' + v % 10);
    while (v /= 10);
    return so_sb_add(b, d + k, sizeof d - k);
}

/* Append the n bytes at s to out[*len], keeping room for a NUL in cap. */
static int put(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
    if (n >= cap - *len)
        return -1;
    memcpy(out + *len, s, n);
    *len += n;
    return 0;
}

/* Decimal digits of v (negative: neg). */
static int put_int(char *out, size_t cap, size_t *len, unsigned long long v, int neg)
{
    char d[24];
    size_t k = sizeof d;
    do
        d[--k] = (char)('0' + v % 10);
    while (v /= 10);
    if (neg)
        d[--k] = '-';
    return put(out, cap, len, d + k, sizeof d - k);
}

static int put_signed(char *out, size_t cap, size_t *len, long long v)
{
    return put_int(out, cap, len, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
                   v < 0);
}

/*
** The plain conversions of fmt (%s %d %u %ld %lu %lld %llu %zu %%) formatted
** without vsnprintf, exactly as it would (%s of NULL is left to it). 1 done,
** 0 a conversion this does not handle (nothing is final: the caller starts
** over with vsnprintf), -1 the result would not fit in cap - 1 bytes.
*/
static int fast_format(char *out, size_t cap, size_t *len, const char *fmt, va_list ap)
{
    *len = 0;
    for (const char *f = fmt; *f;) {
        const char *lit = f;
        while (*f && *f != '%')
            f++;
        if (f > lit && put(out, cap, len, lit, (size_t)(f - lit)))
            return -1;
        if (!*f)
            break;
        f++; /* the conversion after '%' */
        int r;
        if (f[0] == 's') {
            const char *s = va_arg(ap, const char *);
            if (!s)
                return 0;
            r = put(out, cap, len, s, strlen(s));
            f += 1;
        } else if (f[0] == '%') {
            r = put(out, cap, len, "%", 1);
            f += 1;
        } else if (f[0] == 'd') {
            r = put_signed(out, cap, len, va_arg(ap, int));
            f += 1;
        } else if (f[0] == 'u') {
            r = put_int(out, cap, len, va_arg(ap, unsigned), 0);
            f += 1;
        } else if (f[0] == 'z' && f[1] == 'u') {
            r = put_int(out, cap, len, va_arg(ap, size_t), 0);
            f += 2;
        } else if (f[0] == 'l' && f[1] == 'd') {
            r = put_signed(out, cap, len, va_arg(ap, long));
            f += 2;
        } else if (f[0] == 'l' && f[1] == 'u') {
            r = put_int(out, cap, len, va_arg(ap, unsigned long), 0);
            f += 2;
        } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'd') {
            r = put_signed(out, cap, len, va_arg(ap, long long));
            f += 3;
        } else if (f[0] == 'l' && f[1] == 'l' && f[2] == 'u') {
            r = put_int(out, cap, len, va_arg(ap, unsigned long long), 0);
            f += 3;
        } else {
            return 0;
        }
        if (r)
            return -1;
    }
    return 1;
}

int so_sb_printf(so_sbuf *b, const char *fmt, ...)
{
    char tmp[512];
    size_t n = 0;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int fast = fast_format(tmp, sizeof tmp, &n, fmt, ap);
    va_end(ap);
    if (fast == 0) {
        int k = vsnprintf(tmp, sizeof tmp, fmt, again);
        fast = k < 0 || (size_t)k >= sizeof tmp ? -1 : 1;
        n = k < 0 ? 0 : (size_t)k;
    }
    va_end(again);
    if (fast < 0) {
        b->failed = 1;
        return -1;
    }
    return so_sb_add(b, tmp, n);
}

void so_sb_reset(so_sbuf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->p)
        b->p[0] = 0;
}

void so_sb_free(so_sbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}
