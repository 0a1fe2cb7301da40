/*
** sbuf.c -- capped growable byte buffer (see sbuf.h).
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

int so_sb_add(so_sbuf *b, const void *data, size_t n)
{
    if (b->failed || b->len + n + 1 < b->len ||
        so_grow(&b->p, &b->cap, b->len + n + 1, 1, b->max + 1)) {
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

int so_sb_printf(so_sbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        b->failed = 1;
        return -1;
    }
    return so_sb_add(b, tmp, (size_t)n);
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
