/*
** output.h -- writers for extraction results: JSON (one object per
** document, the CLI's and the HTTP API's format, docs/output-format.md),
** brat standoff (.ann) and a readable text listing. Offsets in JSON are code
** points by default, or bytes.
*/
#ifndef SO_OUTPUT_H
#define SO_OUTPUT_H

#include <stdio.h>

#include "base/sbuf.h"
#include "sayso.h"

/* Maps byte offsets of one text to code-point offsets (invalid bytes count
** as one code point each). */
typedef struct so_cpmap {
    const char *text;
    size_t len;
    unsigned *sample; /* pairs: (sequence start >= k*64, code points before it) */
    size_t nsample;
} so_cpmap;

int so_cpmap_init(so_cpmap *m, const char *text, size_t len);
size_t so_cpmap_get(const so_cpmap *m, size_t byte_off);
void so_cpmap_free(so_cpmap *m);

/* Append s[0..n) as a JSON string literal (quotes included); invalid UTF-8
** becomes U+FFFD, control characters are escaped. */
int so_json_str(so_sbuf *b, const char *s, size_t n);

typedef struct so_json_opts {
    int byte_offsets; /* 1: byte offsets; 0: code points */
} so_json_opts;

/* Append the document object {"id":...,"quotes":[...],"entities":[...]}
** (no newline). id_json is the id already encoded as JSON. */
int so_json_doc(so_sbuf *b, const char *id_json, const char *text, size_t len,
                const sayso_result *r, const so_json_opts *o);

/* Append an error record {"id":...,"line":N,"error":{"code":...,"message":...}}. */
int so_json_error(so_sbuf *b, const char *id_json, long line, const char *code,
                  const char *message);

/* Write brat standoff for the result to f; returns 0 or -1 on write error. */
int so_brat_write(FILE *f, const char *text, size_t len, const sayso_result *r);

/* Append a readable listing (colour escapes when colour != 0). */
int so_text_doc(so_sbuf *b, const char *id, const char *text, size_t len,
                const sayso_result *r, int colour);

#endif
