/*
** util.c -- capped array growth, error filling, hashing and word lists
** (see util.h).
*/
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int so_grow_slow(void *pa, size_t *pcap, size_t need, size_t elsz, size_t maxn)
{
    void **pp = (void **)pa;
    if (need <= *pcap)
        return 0;
    if (need > maxn || elsz == 0)
        return -1;
    size_t cap = *pcap ? *pcap : 16;
    while (cap < need)
        cap = cap > maxn / 2 ? maxn : cap * 2;
    if (cap > SIZE_MAX / elsz)
        return -1;
    void *p = realloc(*pp, cap * elsz);
    if (!p)
        return -1;
    *pp = p;
    *pcap = cap;
    return 0;
}

int so_errf(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

sayso_status so_fail(sayso_error *err, sayso_status code, size_t offset, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        err->offset = offset;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

const unsigned char so_low_byte[256] = {
    SO_ID16(0x00), SO_ID16(0x10), SO_ID16(0x20),
    SO_REP8('0'), '0', '0', ':', ';', '<', '=', '>', '?',
    '@', SO_ID8('a'), SO_ID8('i'), SO_ID8('q'), 'y', 'z', '[', '\\', ']', '^', '_',
    SO_ID16(0x60), SO_ID16(0x70), SO_ID16(0x80), SO_ID16(0x90), SO_ID16(0xa0), SO_ID16(0xb0),
    SO_ID16(0xc0), SO_ID16(0xd0), SO_ID16(0xe0), SO_ID16(0xf0)};

int so_word_in(const char *s, size_t n, const so_word *list, size_t count)
{
    if (!n)
        return 0;
    unsigned c = (unsigned char)s[0] | 32u; /* as so_tok_is: first bytes first */
    for (size_t k = 0; k < count; k++)
        if (list[k].n == n && ((unsigned char)list[k].s[0] | 32u) == c && so_eq_ci(s, n, list[k].s))
            return 1;
    return 0;
}

/* Read fd (a regular file) into *pb until its end: 0 or an errno value. */
static int read_fd(int fd, size_t max, char **pb, size_t *len)
{
    size_t cap = (size_t)1 << 16, n = 0;
    char *b = malloc(cap + 1);
    for (;;) {
        if (!b)
            return ENOMEM;
        *pb = b;
        ssize_t k = read(fd, b + n, cap - n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return errno ? errno : EIO;
        n += (size_t)k;
        if (n >= max)
            return EFBIG;
        if (k == 0)
            break;
        if (n == cap) {
            char *q = realloc(b, cap * 2 + 1);
            if (!q)
                free(b), *pb = NULL;
            b = q;
            cap *= 2;
        }
    }
    b[n] = 0;
    *len = n;
    return 0;
}

int so_read_path(const char *path, size_t max, char **buf, size_t *len)
{
    struct stat st;
    int rc;
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO must not block */
    if (fd < 0)
        return errno;
    if (fstat(fd, &st))
        rc = errno;
    else if (S_ISDIR(st.st_mode))
        rc = EISDIR;
    else if (!S_ISREG(st.st_mode))
        rc = SO_ENOTREG;
    else
        rc = read_fd(fd, max, buf, len);
    close(fd);
    if (rc) {
        free(*buf);
        *buf = NULL;
        *len = 0;
    }
    return rc;
}

char *so_read_file(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
    char *b;
    int rc = so_read_path(path, max, &b, len);
    if (rc == EISDIR || rc == SO_ENOTREG)
        so_errf(err, errlen, "%s: not a regular file", path);
    else if (rc == EFBIG)
        so_errf(err, errlen, "%s: larger than %zu bytes", path, max);
    else if (rc)
        so_errf(err, errlen, "%s: %s", path, strerror(rc));
    return b;
}
