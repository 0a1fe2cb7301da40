/*
** sbuf.h -- a growable byte buffer with a hard cap (curl's dynbuf idea):
** every append fails cleanly, leaving the buffer as it was, once the cap
** would be exceeded or memory runs out.
*/
#ifndef SO_SBUF_H
#define SO_SBUF_H

#include <stddef.h>
#include <string.h>

typedef struct so_sbuf {
    char *p;
    size_t len, cap;
    size_t max; /* hard cap in bytes; must be set before the first append */
    int failed; /* sticky: set when an append failed */
} so_sbuf;

void so_sb_init(so_sbuf *b, size_t max);
/* Append n bytes (kept NUL-terminated): 0, or -1 when the cap would be
** exceeded or memory ran out. Inline when the bytes fit the space at hand
** (writers append many short pieces); so_sb_add_slow grows the buffer. */
int so_sb_add_slow(so_sbuf *b, const void *data, size_t n);
static inline int so_sb_add(so_sbuf *b, const void *data, size_t n)
{
    if (b->failed || n >= b->cap - b->len) /* cap - len: room plus the NUL */
        return so_sb_add_slow(b, data, n);
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}
int so_sb_str(so_sbuf *b, const char *s);
/* Append v in decimal. */
int so_sb_uint(so_sbuf *b, unsigned long long v);
int so_sb_printf(so_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void so_sb_reset(so_sbuf *b);
void so_sb_free(so_sbuf *b);

#endif
