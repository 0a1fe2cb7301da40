/*
** reader.h -- input records for extraction: plain-text files, folders of
** .txt/.jsonl files, standard input, and JSON Lines, each possibly gzip or
** zstd compressed. Bad records become error records, never fatal errors.
**
** Reading is split in two so that a pipeline can spread the costly half
** over threads: so_reader_next() (one thread) cuts the input into records,
** and so_reader_parse() (any thread) parses a JSON Lines record and checks
** the text. Without so_reader_opts.defer, so_reader_next() does both.
*/
#ifndef SO_READER_H
#define SO_READER_H

#include <signal.h>
#include <stddef.h>

#include "base/sbuf.h"

enum { SO_IN_AUTO = 0, SO_IN_TEXT, SO_IN_JSONL };

typedef struct so_reader_opts {
    int mode;               /* SO_IN_* */
    const char *text_field; /* default "text" */
    const char *id_field;   /* default "id" */
    size_t max_bytes;       /* largest record text; default 64 MiB */
    int defer;              /* 1: leave parsing to so_reader_parse() */
    /* May be NULL. Set (by a signal handler) while a line over the record
    ** size limit is being read past: the reader stops there, and reads
    ** nothing more (so_reader_next returns 0). */
    volatile sig_atomic_t *stop;
} so_reader_opts;

typedef struct so_record {
    char *text;            /* owned by the record (free with so_record_clear);
                           ** while pending: the raw JSON Lines line */
    size_t len;
    char *id_json;         /* the id, encoded as JSON (string or number);
                           ** NULL while pending */
    char *name;            /* file base name without extension (brat output) */
    const char *where;     /* input file name for messages (valid until
                           ** so_reader_close) */
    long line;             /* JSONL line number, 0 for whole files */
    const char *err_code;  /* non-NULL: this is an error record */
    char err_msg[256];
    int pending;           /* so_reader_parse() has yet to run (defer mode) */
    void *held;            /* the parsed JSON value (json-c json_object *)
                           ** text points into, or NULL */
} so_record;

typedef struct so_reader so_reader;

/* Open a reader over paths (files, folders, "-"); npaths == 0 means stdin. */
int so_reader_open(so_reader **out, char *const *paths, int npaths, const so_reader_opts *o,
                   char *err, size_t errlen);

/* A reader over len bytes at buf (borrowed until so_reader_close), read
** as one input called name: JSON Lines when o->mode says so or, in auto
** mode, when name ends in .jsonl (.gz/.zst); gzip and zstd bytes are
** decompressed. For tests and fuzzing. */
int so_reader_open_mem(so_reader **out, const void *buf, size_t len, const char *name,
                       const so_reader_opts *o, char *err, size_t errlen);

/* Next record: 1 = got one, 0 = end of input, -1 = an input could not be
** opened, or memory ran out (err says which; the reader moves on, call
** again). A record is either text or an error record (err_code set). */
int so_reader_next(so_reader *r, so_record *rec, char *err, size_t errlen);

/* Finish a pending record (defer mode): parse the JSON Lines line, check
** the text; it becomes text or an error record. No-op for a record that
** is not pending. Reads only r's options, so threads may call it at once
** on different records. 0, or -1 when memory ran out (rec is then an
** error record with id null, if even that could be allocated). */
int so_reader_parse(const so_reader *r, so_record *rec);

/* 1 when so_reader_next() has input at hand; 0 when it would wait for a
** pipe or terminal that sent nothing within timeout_ms (a signal also ends
** the wait). Lets a caller write what is finished while the input idles. */
int so_reader_ready(const so_reader *r, int timeout_ms);

/* Total bytes of input files (compressed size), when known; 0 otherwise. */
size_t so_reader_total_bytes(const so_reader *r);
/* Bytes consumed so far (of the same measure). */
size_t so_reader_done_bytes(const so_reader *r);
/* Bytes read after decompression, so far. */
size_t so_reader_data_bytes(const so_reader *r);

/* Is text[0..len) text? 0; or -1, with the reason in msg, when it is beyond
** repair: more than one code point in 4 is an invalid byte, U+FFFD or a C0
** control other than tab, newline, vertical tab, form feed and return (a
** binary file, UTF-16). The CLI's bad_encoding record and the server's 422
** not_text. */
int so_text_check(const char *text, size_t len, char *msg, size_t msglen);

/* Append rec's error record {"id":...,"line":N,"error":{"code":...,
** "message":...}} (no newline) to b: the id is rec->id_json, or null when
** that is NULL; code and message are usually rec->err_code and err_msg.
** Any id length and line number work (so_json_error). 0, or -1 when b is
** full or memory ran out. */
int so_record_error_json(so_sbuf *b, const so_record *rec, const char *code,
                         const char *message);

void so_record_clear(so_record *rec);
void so_reader_close(so_reader *r);

#endif
