/*
** so_score_str.c -- the scorer's capped string builder, its error buffer, and
** the Python formatting it must reproduce byte for byte: repr() of a str,
** json.dumps() of a str (ensure_ascii) and of a float (shortest repr).
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/so_score_int.h"

void so_ssb_init(so_sb *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

void so_ssb_free(so_sb *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* Make room for n more bytes plus the NUL. */
static int reserve(so_sb *b, size_t n)
{
    if (b->bad)
        return -1;
    if (n > b->max - b->n) {
        b->bad = 1;
        return -1;
    }
    if (b->n + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->n + n + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->bad = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

int so_ssb_add(so_sb *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 0;
}

int so_ssb_puts(so_sb *b, const char *s)
{
    return so_ssb_add(b, s, strlen(s));
}

int so_ssb_vprintf(so_sb *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int len = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (len < 0 || reserve(b, (size_t)len) < 0) {
        b->bad = 1;
        return -1;
    }
    vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
    b->n += (size_t)len;
    return 0;
}

int so_ssb_printf(so_sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = so_ssb_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

/* Append code point c as UTF-8 (surrogates too, for \udcXX escapes). */
static int add_cp(so_sb *b, uint32_t c)
{
    char u[4];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    return so_ssb_add(b, u, n);
}

/* The quote repr() uses: ' unless the string has ' and no ". */
static char repr_quote(const char *s, size_t n)
{
    int sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
    return sq && !dq ? '"' : '\'';
}

/* One character of a repr() body (CPython unicode_repr). */
static int repr_char(so_sb *b, uint32_t c, char quote)
{
    if (c == (uint32_t)quote || c == '\\')
        return so_ssb_printf(b, "\\%c", (char)c);
    if (c == '\t')
        return so_ssb_puts(b, "\\t");
    if (c == '\n')
        return so_ssb_puts(b, "\\n");
    if (c == '\r')
        return so_ssb_puts(b, "\\r");
    if (c < 0x20 || c == 0x7F)
        return so_ssb_printf(b, "\\x%02x", (unsigned)c);
    if (c < 0x7F || (c < 0xD800 || c > 0xDFFF ? so_uni_isprintable(c) : 0))
        return add_cp(b, c);
    if (c <= 0xFF)
        return so_ssb_printf(b, "\\x%02x", (unsigned)c);
    if (c <= 0xFFFF)
        return so_ssb_printf(b, "\\u%04x", (unsigned)c);
    return so_ssb_printf(b, "\\U%08x", (unsigned)c);
}

int so_ssb_repr(so_sb *b, const char *s, size_t n)
{
    char q = repr_quote(s, n);
    size_t i = 0;
    so_ssb_add(b, &q, 1);
    while (i < n)
        repr_char(b, so_utf8_next_esc(s, n, &i), q);
    return so_ssb_add(b, &q, 1);
}

int so_ssb_pystr(so_sb *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t c = so_utf8_next_esc(s, n, &i);
        if (c >= 0xDC80 && c <= 0xDCFF)
            so_ssb_printf(b, "\\u%04x", (unsigned)c);
        else
            add_cp(b, c);
    }
    return b->bad ? -1 : 0;
}

/* One character of a JSON string (json's py_encode_basestring_ascii). */
static int json_char(so_sb *b, uint32_t c)
{
    switch (c) {
    case '"': return so_ssb_puts(b, "\\\"");
    case '\\': return so_ssb_puts(b, "\\\\");
    case '\n': return so_ssb_puts(b, "\\n");
    case '\r': return so_ssb_puts(b, "\\r");
    case '\t': return so_ssb_puts(b, "\\t");
    case '\b': return so_ssb_puts(b, "\\b");
    case '\f': return so_ssb_puts(b, "\\f");
    default: break;
    }
    if (c >= 0x20 && c < 0x7F) {
        char ch = (char)c;
        return so_ssb_add(b, &ch, 1);
    }
    if (c < 0x10000)
        return so_ssb_printf(b, "\\u%04x", (unsigned)c);
    c -= 0x10000;
    return so_ssb_printf(b, "\\u%04x\\u%04x", (unsigned)(0xD800 | (c >> 10)),
                        (unsigned)(0xDC00 | (c & 0x3FF)));
}

int so_ssb_json_str(so_sb *b, const char *s, size_t n)
{
    size_t i = 0;
    so_ssb_add(b, "\"", 1);
    while (i < n)
        json_char(b, so_utf8_next_esc(s, n, &i));
    return so_ssb_add(b, "\"", 1);
}

/* Add one unit to the last digit of the digit string d (len n; may carry to a
** new leading digit, then *exp10 grows) or subtract one (dir < 0). Returns 0,
** or -1 when that is impossible (borrow out of the first digit). */
static int bump_digits(char *d, size_t *n, int *exp10, int dir)
{
    size_t i = *n;
    while (i-- > 0) {
        if (dir > 0 && d[i] < '9') {
            d[i]++;
            return 0;
        }
        if (dir < 0 && d[i] > '0') {
            d[i]--;
            return d[0] == '0' ? -1 : 0;
        }
        d[i] = dir > 0 ? '0' : '9';
    }
    if (dir < 0)
        return -1;
    memmove(d + 1, d, *n);
    d[0] = '1';
    (*exp10)++;
    return 0; /* one digit longer; the caller keeps its precision (last digit 0) */
}

/* 1 if digits d (n of them, d[0] != 0) times 10^(exp10 - n + 1) reads back as x. */
static int round_trips(const char *d, size_t n, int exp10, double x)
{
    char buf[64];
    int k = snprintf(buf, sizeof buf, "%c.%.*se%d", d[0], (int)(n - 1), d + 1, exp10);
    return k > 0 && (size_t)k < sizeof buf && strtod(buf, NULL) == x;
}

/* The shortest digits that read back as x > 0 (David Gay's mode 0, which
** Python's repr() uses): digits into d (NUL-terminated), decimal exponent of
** the first digit into *exp10. */
static void shortest(double x, char *d, int *exp10)
{
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
        size_t n = 0;
        for (const char *p = buf; *p && *p != 'e'; p++)
            if (*p != '.')
                d[n++] = *p;
        d[n] = '\0';
        *exp10 = atoi(strchr(buf, 'e') + 1);
        if (strtod(buf, NULL) == x)
            return;
        for (int dir = -1; dir <= 1; dir += 2) {
            char alt[40];
            size_t an = n;
            int ae = *exp10;
            memcpy(alt, d, n + 1);
            if (bump_digits(alt, &an, &ae, dir) == 0 && round_trips(alt, an, ae, x)) {
                memcpy(d, alt, an);
                d[an] = '\0';
                *exp10 = ae;
                return;
            }
        }
    }
}

/* Python's float repr of x: fixed notation for exponents -4..15, else
** scientific with a sign and at least two exponent digits. */
int so_ssb_json_float(so_sb *b, double x)
{
    char d[40];
    int e10;
    if (x == 0)
        return so_ssb_puts(b, signbit(x) ? "-0.0" : "0.0");
    if (isnan(x))
        return so_ssb_puts(b, "NaN");
    if (isinf(x))
        return so_ssb_puts(b, x > 0 ? "Infinity" : "-Infinity");
    if (x < 0)
        so_ssb_add(b, "-", 1);
    shortest(fabs(x), d, &e10);
    size_t n = strlen(d);
    while (n > 1 && d[n - 1] == '0')
        n--;
    int decpt = e10 + 1;
    if (decpt <= -4 || decpt > 16) {
        so_ssb_add(b, d, 1);
        if (n > 1) {
            so_ssb_add(b, ".", 1);
            so_ssb_add(b, d + 1, n - 1);
        }
        return so_ssb_printf(b, "e%c%02d", e10 < 0 ? '-' : '+', e10 < 0 ? -e10 : e10);
    }
    if (decpt <= 0) {
        so_ssb_puts(b, "0.");
        for (int k = 0; k < -decpt; k++)
            so_ssb_add(b, "0", 1);
        return so_ssb_add(b, d, n);
    }
    if ((size_t)decpt >= n) {
        so_ssb_add(b, d, n);
        for (size_t k = n; k < (size_t)decpt; k++)
            so_ssb_add(b, "0", 1);
        return so_ssb_puts(b, ".0");
    }
    so_ssb_add(b, d, (size_t)decpt);
    so_ssb_add(b, ".", 1);
    return so_ssb_add(b, d + decpt, n - (size_t)decpt);
}

size_t so_utf8_prefix(const char *s, size_t len, size_t n)
{
    size_t i = 0;
    while (i < len && n-- > 0)
        so_score_utf8_next(s, len, &i);
    return i;
}

int so_err_sb(so_err *e, int code, so_sb *m)
{
    const char *msg = m->bad || !m->p ? "MemoryError: out of memory" : m->p;
    if (m->bad)
        code = SO_SCORE_EINTERNAL;
    if (e->buf && e->len) {
        size_t n = strlen(msg);
        if (n >= e->len)
            n = e->len - 1;
        memcpy(e->buf, msg, n);
        e->buf[n] = '\0';
    }
    so_ssb_free(m);
    return code;
}

int so_err_setf(so_err *e, int code, const char *fmt, ...)
{
    if (e->buf && e->len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->buf, e->len, fmt, ap);
        va_end(ap);
    }
    return code;
}

int so_err_nomem(so_err *e)
{
    return so_err_setf(e, SO_SCORE_EINTERNAL, "MemoryError: out of memory");
}

int so_score_grow(void *pp, size_t *cap, size_t need, size_t elsz)
{
    void *old, *p;
    size_t nc = *cap ? *cap : 16;
    if (need <= *cap)
        return 0;
    while (nc < need) {
        if (nc > SIZE_MAX / 4 / elsz)
            return -1;
        nc *= 2;
    }
    memcpy(&old, pp, sizeof old);
    p = realloc(old, nc * elsz);
    if (!p)
        return -1;
    memcpy(pp, &p, sizeof p);
    *cap = nc;
    return 0;
}
