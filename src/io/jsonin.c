/*
** jsonin.c -- so_jsonin_parse() (see jsonin.h): one JSON value from a
** buffer, parsed by json-c's tokener in JSON_TOKENER_STRICT mode. json-c
** 0.16 takes some input that strict JSON (RFC 8259) refuses, so these
** checks run around it:
**   - invalid UTF-8 (json-c passes the bytes through) is refused, or with
**     SO_JSONIN_REPAIR each invalid byte becomes U+FFFD before parsing;
**   - a control byte other than tab, newline and return is refused
**     anywhere (json-c takes them raw inside strings, and stops at a NUL);
**   - a \u escape of an unpaired UTF-16 surrogate is refused (json-c
**     reads it as U+FFFD);
**   - empty input, and anything but whitespace after the value, are refused;
**   - NaN, Infinity, reals that overflow and integers above INT64_MAX are
**     refused (json-c reads them as non-finite or saturated numbers).
** Not checked, so taken as json-c reads them: raw tab and return inside
** strings, single-quoted object keys, the numbers 00 and -01 (json-c
** refuses 01, not these), a bare "1." fraction, integers below INT64_MIN (saturated), and a \u0000 in
** an object key (json-c ends the key there).
*/
#include "io/jsonin.h"

#include <json-c/json_visit.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#define MAX_DEPTH 2048              /* nesting limit (the reader's before json-c) */
#define FIRST_DEPTH 64              /* tried first: a smaller tokener is cheaper to make */
#define CHUNK_MAX ((size_t)1 << 30) /* json-c takes an int length per call */

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The offset of the first control byte in s[0..n) other than tab, newline
** and return, or n; *first_bad is the offset of the first invalid UTF-8
** byte before it (or n). Printable ASCII is skipped eight bytes at a time. */
static size_t scan_bytes(const char *s, size_t n, size_t *first_bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    *first_bad = n;
    while (i < n) {
        uint64_t w;
        if (n - i >= 8 && (memcpy(&w, u + i, 8), so_utf8_printable8(w))) {
            i += 8;
        } else if (u[i] < 0x20) {
            if (u[i] != '\t' && u[i] != '\n' && u[i] != '\r')
                return i;
            i++;
        } else if (u[i] < 0x80) {
            i++;
        } else {
            uint32_t cp;
            size_t m = so_utf8_next_mb(s, n, i, &cp);
            if (cp == 0xFFFD && m == 1 && *first_bad == n)
                *first_bad = i;
            i += m;
        }
    }
    return n;
}

/* A copy of s[0..n) with each invalid UTF-8 byte replaced by U+FFFD. */
static char *repair_utf8(const char *s, size_t n, size_t *outlen)
{
    char *o = n < SIZE_MAX / 3 ? malloc(3 * n + 1) : NULL;
    size_t k = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t m = so_utf8_next(s, n, i, &cp);
        if (cp == 0xFFFD && m == 1) {
            memcpy(o + k, "\xEF\xBF\xBD", 3);
            k += 3;
        } else {
            memcpy(o + k, s + i, m);
            k += m;
        }
        i += m;
    }
    o[k] = 0;
    *outlen = k;
    return o;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The UTF-16 unit of the \uXXXX escape at s[i..n), or -1 if none is there. */
static long escape_at(const char *s, size_t n, size_t i)
{
    long v = 0;
    if (i > n || n - i < 6 || s[i] != '\\' || s[i + 1] != 'u')
        return -1;
    for (size_t k = i + 2; k < i + 6; k++) {
        int h = hex_digit(s[k]);
        if (h < 0)
            return -1;
        v = v << 4 | h;
    }
    return v;
}

/* The offset of the first \u escape in s[0..n) that is an unpaired UTF-16
** surrogate, or n. Each backslash starts an escape of the byte after it
** (outside strings a backslash is a syntax error json-c reports). */
static size_t lone_surrogate(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while (p < end && (p = memchr(p, '\\', (size_t)(end - p)))) {
        size_t i = (size_t)(p - s);
        long u = escape_at(s, n, i);
        if (u >= 0xDC00 && u <= 0xDFFF)
            return i;
        if (u >= 0xD800 && u <= 0xDBFF) {
            long lo = escape_at(s, n, i + 6);
            if (lo < 0xDC00 || lo > 0xDFFF)
                return i;
            p += 12;
        } else {
            p += end - p < 2 ? end - p : 2;
        }
    }
    return n;
}

/* Run json-c's tokener over s[0..n) in chunks json-c can take; *end is the
** offset where it stopped. NULL with *err set when it failed. */
static json_object *tokenize(json_tokener *tok, const char *s, size_t n, size_t *end,
                             enum json_tokener_error *err)
{
    json_object *v = NULL;
    size_t done = 0;
    enum json_tokener_error e;
    do {
        size_t k = n - done < CHUNK_MAX ? n - done : CHUNK_MAX;
        v = json_tokener_parse_ex(tok, s + done, (int)k);
        e = json_tokener_get_error(tok);
        done += e == json_tokener_continue ? k : json_tokener_get_parse_end(tok);
    } while (e == json_tokener_continue && done < n);
    if (e == json_tokener_continue) { /* the input ends: a number there is complete */
        v = json_tokener_parse_ex(tok, "", 1);
        e = json_tokener_get_error(tok);
        e = e == json_tokener_continue ? json_tokener_error_parse_eof : e;
    }
    *end = done;
    *err = e;
    return e == json_tokener_success ? v : (json_object_put(v), NULL);
}

/* tokenize() with a new tokener for nesting up to depth; *err is
** json_tokener_error_size when there was no memory for one. */
static json_object *tokenize_depth(const char *s, size_t n, int depth, size_t *end,
                                   enum json_tokener_error *err)
{
    json_tokener *tok = json_tokener_new_ex(depth);
    if (!tok) {
        *err = json_tokener_error_size;
        return NULL;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
    json_object *v = tokenize(tok, s, n, end, err);
    json_tokener_free(tok);
    return v;
}

/* json_c_visit callback: stop at a number strict JSON cannot hold. */
static int out_of_range(json_object *v, int flags, json_object *parent, const char *key,
                        size_t *index, void *arg)
{
    (void)flags, (void)parent, (void)key, (void)index;
    int bad = (json_object_is_type(v, json_type_double) && !isfinite(json_object_get_double(v))) ||
              (json_object_is_type(v, json_type_int) && json_object_get_uint64(v) > INT64_MAX);
    if (bad)
        *(int *)arg = 1;
    return bad ? JSON_C_VISIT_RETURN_STOP : JSON_C_VISIT_RETURN_CONTINUE;
}

/* Parse s[0..n) (valid UTF-8, no stray control bytes) into *out. */
static int parse_clean(const char *s, size_t n, unsigned flags, json_object **out, char *msg,
                       size_t msglen)
{
    size_t end = 0, lone = lone_surrogate(s, n);
    enum json_tokener_error e = json_tokener_success;
    json_object *v = lone < n ? NULL : tokenize_depth(s, n, FIRST_DEPTH, &end, &e);
    if (e == json_tokener_error_depth)
        v = tokenize_depth(s, n, MAX_DEPTH, &end, &e);
    int range = 0;
    if (e == json_tokener_error_size)
        return snprintf(msg, msglen, "out of memory"), SO_JSONIN_NOMEM;
    if (lone < n)
        snprintf(msg, msglen, "unpaired UTF-16 surrogate escape at byte %zu", lone);
    else if (e != json_tokener_success)
        snprintf(msg, msglen, "%s at byte %zu", json_tokener_error_desc(e), end);
    else if (skip_ws(s, end, n) < n)
        snprintf(msg, msglen, "unexpected data after the JSON value at byte %zu", end);
    else if (json_c_visit(v, 0, out_of_range, &range), range)
        snprintf(msg, msglen, "a number is out of range (NaN, Infinity, or beyond 64 bits)");
    else if (!(flags & SO_JSONIN_ANY) && !json_object_is_type(v, json_type_object) &&
             !json_object_is_type(v, json_type_array))
        snprintf(msg, msglen, "the top-level value is not an object or an array");
    else
        return *out = v, SO_JSONIN_OK;
    json_object_put(v);
    return SO_JSONIN_BAD;
}

int so_jsonin_parse(const char *s, size_t n, unsigned flags, json_object **out, char *msg,
                    size_t msglen)
{
    size_t first_bad, ctl = scan_bytes(s, n, &first_bad);
    *out = NULL;
    msg[0] = 0;
    if (skip_ws(s, 0, n) == n)
        return snprintf(msg, msglen, "no JSON value (empty input)"), SO_JSONIN_BAD;
    if (ctl < n)
        return snprintf(msg, msglen, "control character 0x%02X at byte %zu",
                        (unsigned char)s[ctl], ctl), SO_JSONIN_BAD;
    if (first_bad == n)
        return parse_clean(s, n, flags, out, msg, msglen);
    if (!(flags & SO_JSONIN_REPAIR))
        return snprintf(msg, msglen, "invalid UTF-8 at byte %zu", first_bad), SO_JSONIN_BAD;
    size_t n2;
    char *fixed = repair_utf8(s, n, &n2);
    if (!fixed)
        return snprintf(msg, msglen, "out of memory"), SO_JSONIN_NOMEM;
    int rc = parse_clean(fixed, n2, flags, out, msg, msglen);
    free(fixed);
    return rc;
}
