/*
** reader.h -- input records for extraction: plain-text files, folders of
** .txt/.jsonl files, standard input, and JSON Lines, each possibly gzip or
** zstd compressed. Bad records become error records, never fatal errors.
*/
#ifndef SO_READER_H
#define SO_READER_H

#include <stddef.h>

enum { SO_IN_AUTO = 0, SO_IN_TEXT, SO_IN_JSONL };

typedef struct so_reader_opts {
    int mode;               /* SO_IN_* */
    const char *text_field; /* default "text" */
    const char *id_field;   /* default "id" */
    size_t max_bytes;       /* largest record text; default 64 MiB */
} so_reader_opts;

typedef struct so_record {
    char *text;            /* owned by the record (free with so_record_clear) */
    size_t len;
    char *id_json;         /* the id, encoded as JSON (string or number) */
    char *name;            /* file base name without extension (brat output) */
    const char *where;     /* input file name for messages ("<stdin>") */
    long line;             /* JSONL line number, 0 for whole files */
    const char *err_code;  /* non-NULL: this is an error record */
    char err_msg[256];
    char *meta_json;       /* other fields of a JSONL record as a JSON object, or NULL */
} so_record;

typedef struct so_reader so_reader;

/* Open a reader over paths (files, folders, "-"); npaths == 0 means stdin. */
int so_reader_open(so_reader **out, char *const *paths, int npaths, const so_reader_opts *o,
                   char *err, size_t errlen);

/* Next record: 1 = got one, 0 = end of input, -1 = an input could not be
** opened (err says which; the reader moves on, call again). */
int so_reader_next(so_reader *r, so_record *rec, char *err, size_t errlen);

/* Total bytes of input files (compressed size), when known; 0 otherwise. */
size_t so_reader_total_bytes(const so_reader *r);
/* Bytes consumed so far (of the same measure). */
size_t so_reader_done_bytes(const so_reader *r);

void so_record_clear(so_record *rec);
void so_reader_close(so_reader *r);

#endif
