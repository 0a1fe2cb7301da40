/*
** stream.h -- a byte stream over a plain, gzip or zstd file, stdin or memory.
*/
#ifndef SO_STREAM_H
#define SO_STREAM_H

#include <stdio.h>

typedef struct so_stream so_stream;

/* Open path ("-" or NULL: stdin); NULL with err filled on failure. */
so_stream *so_stream_open(const char *path, char *err, size_t errlen);
/* A stream over len bytes at buf (borrowed: they must outlive the stream),
** decompressed like a file when they start with a gzip or zstd magic. */
so_stream *so_stream_open_mem(const void *buf, size_t len, char *err, size_t errlen);
/* Read up to n decompressed bytes: count, 0 at end, -1 read error,
** -2 corrupt or truncated compressed data. */
long so_stream_read(so_stream *s, char *buf, size_t n);
/* 1 when so_stream_read() would return without waiting: always, except
** for a plain (not compressed) pipe, socket or terminal with nothing
** buffered and nothing arriving within timeout_ms (or a signal came). */
int so_stream_ready(const so_stream *s, int timeout_ms);
/* Bytes of the underlying file consumed so far. */
size_t so_stream_raw_bytes(const so_stream *s);
void so_stream_close(so_stream *s);

#endif
