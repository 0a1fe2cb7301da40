/*
** stream.c -- byte streams over plain, gzip (zlib) and zstd (libzstd) files,
** standard input or a memory buffer, told apart by their magic numbers, so
** that every reader handles compressed input transparently. A compressed
** stream that ends early (truncated) or is damaged reads as -2, never as a
** clean end of data.
*/
#include "io/stream.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define ZIN_SIZE ((size_t)1 << 17)

struct so_stream {
    FILE *f;
    int pipe_fd;      /* >= 0: f is a pipe, socket or terminal, read with read(2) */
    int read_err;     /* read(2) failed */
    const unsigned char *mem; /* so_stream_open_mem: the borrowed bytes */
    size_t mem_len, mem_pos;
    int owns;
    int kind; /* 0 plain, 1 gzip, 2 zstd */
    z_stream z;
    ZSTD_DStream *zd;
    unsigned char *in;
    size_t in_len, in_pos;
    int in_eof, z_end;
    int zst_done;     /* zstd: the last frame was decoded and flushed */
    size_t raw_bytes; /* bytes read from the file */
};

/* Refill the input buffer when it is empty; returns the bytes available. */
static size_t fill(so_stream *s)
{
    if (s->in_pos < s->in_len || s->in_eof)
        return s->in_len - s->in_pos;
    if (s->mem) {
        size_t k = s->mem_len - s->mem_pos < ZIN_SIZE ? s->mem_len - s->mem_pos : ZIN_SIZE;
        if (k)
            memcpy(s->in, s->mem + s->mem_pos, k);
        s->mem_pos += k;
        s->in_len = k;
    } else if (s->pipe_fd >= 0) {
        /* what the writer has sent so far: records flow as they arrive */
        ssize_t n;
        do
            n = read(s->pipe_fd, s->in, ZIN_SIZE);
        while (n < 0 && errno == EINTR);
        s->read_err = n < 0;
        s->in_len = n > 0 ? (size_t)n : 0;
    } else {
        s->in_len = fread(s->in, 1, ZIN_SIZE, s->f);
    }
    s->in_pos = 0;
    s->raw_bytes += s->in_len;
    if (s->in_len == 0)
        s->in_eof = 1;
    return s->in_len;
}

static int detect(so_stream *s)
{
    fill(s);
    while (s->pipe_fd >= 0 && s->in_len < 4 && !s->in_eof) {
        /* a pipe may deliver the magic number in pieces */
        ssize_t n = read(s->pipe_fd, s->in + s->in_len, ZIN_SIZE - s->in_len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            s->read_err = n < 0;
            s->in_eof = 1;
        } else {
            s->in_len += (size_t)n;
            s->raw_bytes += (size_t)n;
        }
    }
    const unsigned char *p = s->in;
    if (s->in_len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        s->kind = 1;
        memset(&s->z, 0, sizeof s->z);
        return inflateInit2(&s->z, 15 + 32) == Z_OK ? 0 : -1;
    }
    if (s->in_len >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
        s->kind = 2;
        s->zd = ZSTD_createDStream();
        return s->zd && !ZSTD_isError(ZSTD_initDStream(s->zd)) ? 0 : -1;
    }
    return 0;
}

so_stream *so_stream_open(const char *path, char *err, size_t errlen)
{
    so_stream *s = calloc(1, sizeof *s);
    if (!s || !(s->in = malloc(ZIN_SIZE))) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (!path || !strcmp(path, "-")) {
        s->f = stdin;
    } else {
        s->f = fopen(path, "rb");
        s->owns = 1;
    }
    if (!s->f) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        so_stream_close(s);
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(s->f), &st) == 0 && S_ISDIR(st.st_mode)) { /* a folder not listed */
        snprintf(err, errlen, "cannot open: %s", strerror(EISDIR));
        so_stream_close(s);
        return NULL;
    }
    s->pipe_fd = fstat(fileno(s->f), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)
                 ? fileno(s->f) : -1;
    if (detect(s)) {
        snprintf(err, errlen, "cannot start decompression");
        so_stream_close(s);
        return NULL;
    }
    return s;
}

so_stream *so_stream_open_mem(const void *buf, size_t len, char *err, size_t errlen)
{
    so_stream *s = calloc(1, sizeof *s);
    if (!s || !(s->in = malloc(ZIN_SIZE))) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->mem = buf ? buf : (const unsigned char *)"";
    s->mem_len = buf ? len : 0;
    s->pipe_fd = -1;
    if (detect(s)) {
        snprintf(err, errlen, "cannot start decompression");
        so_stream_close(s);
        return NULL;
    }
    return s;
}

/* Inflate into buf. inflate() runs even when the input is used up, since
** it may still hold output; no progress without input means truncation. */
static long read_gz(so_stream *s, char *buf, size_t n)
{
    s->z.next_out = (unsigned char *)buf;
    s->z.avail_out = (uInt)n;
    while (s->z.avail_out == n && !s->z_end) {
        size_t avail = fill(s);
        s->z.next_in = s->in + s->in_pos;
        s->z.avail_in = (uInt)avail;
        int rc = inflate(&s->z, Z_NO_FLUSH);
        s->in_pos = s->in_len - s->z.avail_in;
        if (rc == Z_STREAM_END) {
            /* concatenated gzip members: start the next one */
            if (fill(s)) {
                if (inflateReset(&s->z) != Z_OK)
                    return -2;
            } else {
                s->z_end = 1;
            }
        } else if (rc == Z_BUF_ERROR && avail == 0) {
            return -2; /* the file ends inside a member: truncated */
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return -2;
        }
    }
    return (long)(n - s->z.avail_out);
}

/* Decompress into buf. The decoder is called even when the input is used
** up, to flush what it holds; the stream ends cleanly only after a frame
** was completely decoded and flushed (ZSTD_decompressStream returned 0). */
static long read_zstd(so_stream *s, char *buf, size_t n)
{
    ZSTD_outBuffer out = {buf, n, 0};
    while (out.pos == 0) {
        size_t avail = fill(s);
        if (!avail && s->zst_done)
            return 0;
        ZSTD_inBuffer in = {s->in + s->in_pos, avail, 0};
        size_t rc = ZSTD_decompressStream(s->zd, &out, &in);
        s->in_pos += in.pos;
        if (ZSTD_isError(rc))
            return -2;
        s->zst_done = rc == 0;
        if (!avail && out.pos == 0)
            return s->zst_done ? 0 : -2; /* truncated frame */
    }
    return (long)out.pos;
}

long so_stream_read(so_stream *s, char *buf, size_t n)
{
    if (n > ((size_t)1 << 30))
        n = (size_t)1 << 30;
    if (s->kind == 1)
        return read_gz(s, buf, n);
    if (s->kind == 2)
        return read_zstd(s, buf, n);
    size_t avail = fill(s);
    if (!avail)
        return s->read_err || (s->f && ferror(s->f)) ? -1 : 0;
    size_t k = avail < n ? avail : n;
    memcpy(buf, s->in + s->in_pos, k);
    s->in_pos += k;
    return (long)k;
}

int so_stream_ready(const so_stream *s, int timeout_ms)
{
    if (s->pipe_fd < 0 || s->kind != 0 || s->in_pos < s->in_len || s->in_eof)
        return 1;
    struct pollfd pf = {s->pipe_fd, POLLIN, 0};
    return poll(&pf, 1, timeout_ms) > 0;
}

size_t so_stream_raw_bytes(const so_stream *s)
{
    return s->raw_bytes - (s->in_len - s->in_pos);
}

void so_stream_close(so_stream *s)
{
    if (!s)
        return;
    if (s->kind == 1)
        inflateEnd(&s->z);
    if (s->zd)
        ZSTD_freeDStream(s->zd);
    if (s->owns && s->f)
        fclose(s->f);
    free(s->in);
    free(s);
}
