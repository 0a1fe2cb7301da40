/*
** util.h -- small shared helpers of libsayso: capped array growth, error
** filling, string hashing and comparison, word lists. Everything here is
** stateless.
*/
#ifndef SO_UTIL_H
#define SO_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "sayso.h"

/* Grow *pa (elements of size elsz, capacity *pcap) to hold at least need
** elements, never beyond maxn. Returns 0, or -1 (array unchanged) when need
** exceeds maxn or memory runs out. */
int so_grow_slow(void *pa, size_t *pcap, size_t need, size_t elsz, size_t maxn);
static inline int so_grow(void *pa, size_t *pcap, size_t need, size_t elsz, size_t maxn)
{
    return need <= *pcap ? 0 : so_grow_slow(pa, pcap, need, elsz, maxn);
}

/* Fill err (if non-NULL) and return code. */
sayso_status so_fail(sayso_error *err, sayso_status code, size_t offset,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Format a message into err[errlen] (if err and errlen) and return -1: the
** error convention of the internal modules that take (char *err, size_t). */
int so_errf(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Read the whole regular file path into *buf, malloc'd, with a NUL after
** its *len bytes (the file may hold NULs too). 0, or why not as an errno
** value: EISDIR for a folder, SO_ENOTREG for a FIFO, socket or device
** (refused without waiting for it), EFBIG for a file of max bytes or more,
** ENOMEM, or what open or read said. The one file reader: so_read_file and
** the scorer's so_score_read_file word its answer. */
#define SO_ENOTREG (-1)
int so_read_path(const char *path, size_t max, char **buf, size_t *len);

/* so_read_path with the buffer returned: NULL, with "PATH: why" in err, on
** failure. */
char *so_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen);

/* 64-bit FNV-1a hash of n bytes, continuing from h (start with SO_FNV_INIT).
** Inline: callers hash byte by byte in loops. */
#define SO_FNV_INIT 0xcbf29ce484222325ULL
static inline uint64_t so_fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* For byte tables written out in full: SO_ID8(b) is b .. b+7, SO_ID16(b)
** b .. b+15, SO_REP8(c) eight times c. */
#define SO_ID8(b) (b), (b) + 1, (b) + 2, (b) + 3, (b) + 4, (b) + 5, (b) + 6, (b) + 7
#define SO_ID16(b) SO_ID8(b), SO_ID8((b) + 8)
#define SO_REP8(c) c, c, c, c, c, c, c, c

/* Bytes as word features see them: ASCII letters lowercased, digits '0',
** every other byte as it is. */
extern const unsigned char so_low_byte[256];

/* so_fnv over the so_low_byte images of the n bytes at p. */
static inline uint64_t so_fnv_low(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ so_low_byte[s[i]]) * 0x100000001b3ULL;
    return h;
}

/* ASCII case-insensitive comparison of s[0..n) with the NUL-terminated w. */
static inline int so_eq_ci(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n && w[i]; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)w[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b + 32);
        if (a != b)
            return 0;
    }
    return i == n && w[i] == 0;
}

/* A word and its length, for word lists: SO_WORD("mr"). */
typedef struct so_word {
    const char *s;
    size_t n;
} so_word;
#define SO_WORD(lit) {lit, sizeof(lit) - 1}

/* Is s[0..n) one of list[0..count) (ASCII case-insensitive)? Only words of
** length n are compared. */
int so_word_in(const char *s, size_t n, const so_word *list, size_t count);

/* Replace the NUL bytes of p[0..n) with spaces, as the quote store keeps
** strings (ids, texts) that JSON allowed to hold them. */
static inline void so_nul_spaces(char *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!p[k])
            p[k] = ' ';
}

#endif
