/*
** sbuf.h -- a growable byte buffer with a hard cap (curl's dynbuf idea):
** every append fails cleanly, leaving the buffer as it was, once the cap
** would be exceeded or memory runs out.
*/
#ifndef SO_SBUF_H
#define SO_SBUF_H

#include <stddef.h>

typedef struct so_sbuf {
    char *p;
    size_t len, cap;
    size_t max; /* hard cap in bytes; must be set before the first append */
    int failed; /* sticky: set when an append failed */
} so_sbuf;

void so_sb_init(so_sbuf *b, size_t max);
int so_sb_add(so_sbuf *b, const void *data, size_t n);
int so_sb_str(so_sbuf *b, const char *s);
int so_sb_printf(so_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void so_sb_reset(so_sbuf *b);
void so_sb_free(so_sbuf *b);

#endif
