/*
** so_score_int.h -- internal declarations shared by the files of the scorer
** (src/eval/): limits, the capped string builder, error reporting, Python-
** compatible Unicode classes and formatting, brat parsing, units, metrics.
** Nothing here is installed or part of the public API.
*/
#ifndef SO_SCORE_INT_H
#define SO_SCORE_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "eval/score.h"

/* ---- limits: every buffer that grows from input is capped ---- */
#define SO_SCORE_MAX_FILE ((size_t)256 << 20)  /* bytes of one .ann or .txt file */
#define SO_SCORE_MAX_LINE ((size_t)16 << 20)   /* bytes of one .ann line */
#define SO_SCORE_MAX_OFFSET ((int64_t)1 << 48) /* offsets without article text */
#define SO_SCORE_MAX_CANDS ((size_t)1 << 25)   /* candidate pairs in one document */
#define SO_SCORE_MAX_FILES ((size_t)1 << 20)   /* .ann files in one folder */
#define SO_SCORE_MAX_MSG ((size_t)32 << 20)    /* one error or warning message */
#define SO_SCORE_MAX_OUT ((size_t)1 << 24)     /* the whole printed report */
#define SO_PY_MAX_DIGITS 4300                  /* Python 3.11's int() digit limit */

/* ---- capped, growable byte string (so_score_str.c) ----
** Every append returns 0, or -1 once the cap is hit or memory runs out; the
** failure is sticky (b->bad), so callers may check once at the end. */
typedef struct so_sb {
    char *p;     /* NUL-terminated contents (NULL while empty) */
    size_t n;    /* bytes used, without the NUL */
    size_t cap;  /* bytes allocated */
    size_t max;  /* the cap on n */
    int bad;     /* 1: an append failed (cap or memory) */
} so_sb;

void so_ssb_init(so_sb *b, size_t max);
void so_ssb_free(so_sb *b);
int so_ssb_add(so_sb *b, const char *s, size_t n);
int so_ssb_puts(so_sb *b, const char *s);
int so_ssb_printf(so_sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int so_ssb_vprintf(so_sb *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Python's repr() of the str that s[0..n) decodes to (invalid bytes as
** surrogate escapes, as Python decodes file names and arguments). */
int so_ssb_repr(so_sb *b, const char *s, size_t n);
/* s[0..n) as Python writes that str to stderr: invalid bytes as \udcXX. */
int so_ssb_pystr(so_sb *b, const char *s, size_t n);
/* s[0..n) as a JSON string literal, as json.dumps (ensure_ascii) writes it. */
int so_ssb_json_str(so_sb *b, const char *s, size_t n);
/* x as json.dumps writes a float (Python's repr()). */
int so_ssb_json_float(so_sb *b, double x);
/* The first n code points of s[0..len) (valid UTF-8): their byte length. */
size_t so_utf8_prefix(const char *s, size_t len, size_t n);

/* Grow the array *pp (elements of elsz bytes, capacity *cap) to hold need
** elements. 0, or -1 when memory runs out (the array is then unchanged). */
int so_score_grow(void *pp, size_t *cap, size_t need, size_t elsz);

/* ---- error reporting ---- */
typedef struct so_err {
    char *buf;  /* caller's buffer, or NULL */
    size_t len; /* its size */
} so_err;

/* Copy the message m (or "out of memory" if m went bad) to e; return code. */
int so_err_sb(so_err *e, int code, so_sb *m);
int so_err_setf(so_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int so_err_nomem(so_err *e);

/* ---- Unicode, as Python 3.11 (Unicode 14.0) sees it (so_score_uni.c) ---- */
int so_uni_isword(uint32_t c);      /* re's \w: str.isalnum() or '_' */
int so_uni_isspace(uint32_t c);     /* re's \s: str.isspace() */
int so_uni_digit(uint32_t c);       /* re's \d: the digit value 0..9, else -1 */
int so_uni_isprintable(uint32_t c); /* str.isprintable() of one character */
/* Strict UTF-8 check: SIZE_MAX if valid, else the byte index Python reports
** as UnicodeDecodeError.start. */
size_t so_utf8_check(const char *s, size_t n);
/* Decode one code point of valid UTF-8 at s[*i], advancing *i. */
uint32_t so_score_utf8_next(const char *s, size_t n, size_t *i);
/* Same, for any bytes: an invalid byte B decodes to U+DC00+B (surrogateescape). */
uint32_t so_utf8_next_esc(const char *s, size_t n, size_t *i);
/* Compare two byte strings as Python compares the str they decode to. */
int so_pystr_cmp(const char *a, const char *b);
/* Valid UTF-8 s[0..n) to code points; *out is malloc'd. 0, or -1 out of memory. */
int so_utf8_decode(const char *s, size_t n, uint32_t **out, size_t *nout);
/* 1 if c is one of attrib-score's double quotation marks. */
int so_uni_isquote(uint32_t c);

/* ---- attributions ---- */
typedef struct so_span {
    int64_t s, e; /* half-open [s, e), in characters or units */
} so_span;

typedef struct so_fl {
    size_t off, n; /* n spans at pool[off] */
} so_fl;

enum { SO_CUE = 0, SO_SRC = 1, SO_CON = 2 };

typedef struct so_attr {
    so_fl r[3]; /* fragment lists by SO_CUE, SO_SRC, SO_CON */
    int quote;  /* raw: a content TEXT field has a quote; converted: quote flag */
} so_attr;

/* The attributions of one .ann file; spans live in one pool. */
typedef struct so_adoc {
    so_span *sp;
    size_t nsp, capsp;
    so_attr *at;
    size_t n, capat;
} so_adoc;

void so_adoc_free(so_adoc *d);
/* Append an empty attribution; NULL when out of memory or over the cap. */
so_attr *so_adoc_new_attr(so_adoc *d);
int so_adoc_push_span(so_adoc *d, int64_t s, int64_t e);

/* An article text as code points. */
typedef struct so_text {
    const uint32_t *cp;
    size_t n;
} so_text;

/* ---- brat reading (so_brat.c) ---- */
typedef struct so_brat_stats {
    int64_t empty_events; /* E lines with only a trigger */
    int64_t unref;        /* Source/Cue/Content-typed T lines no event uses */
    int64_t mismatch;     /* T lines whose TEXT differs from the article */
} so_brat_stats;

/* Read path whole and check it is UTF-8 (so_score_io.c); *buf is malloc'd and
** NUL-terminated (the file may hold NULs too). Returns 0, 2 or 3, e filled. */
int so_score_read_file(const char *path, char **buf, size_t *len, so_err *e);
/* Parse the .ann file path (text: its article, or NULL) into out (raw
** character offsets) and st. Returns 0, 2 or 3 with e filled. */
int so_brat_parse(const char *path, const so_text *text, so_adoc *out, so_brat_stats *st,
                  so_err *e);
/* The role (SO_CUE...) named by s[0..n) under attrib-score's ROLE_RE, or -1. */
int so_brat_role(const char *s, size_t n);
/* 1 if the text of some span f[0..n) holds a newline (so_brat_text.c). */
int so_brat_spans_have_nl(const so_text *t, const so_span *f, size_t n);
/* 1 if the TEXT field s[0..len) of a T line counts as differing from the
** article text of its spans (attrib-score's text_mismatch test). */
int so_brat_text_differs(const so_text *t, const so_span *f, size_t n, const char *s,
                         size_t len);
/* 1 if valid UTF-8 s[0..n) holds a double quotation mark. */
int so_brat_has_quote(const char *s, size_t n);

/* ---- units (so_score_units.c) ---- */
typedef struct so_units {
    int mode;             /* 1 tokens, 2 chars */
    const so_text *text;  /* may be NULL in chars mode */
    int64_t *starts, *ends;
    size_t ntok;
} so_units;

int so_units_init(so_units *u, const so_text *text, int mode);
void so_units_free(so_units *u);
/* Map raw spans f[0..n) to merged unit spans appended to out; list in *fl. */
int so_units_convert(const so_units *u, const so_span *f, size_t n, so_adoc *out, so_fl *fl);
/* qsort order of spans: by start, then end. */
int so_score_span_cmp(const void *pa, const void *pb);
/* Gold/pred conversion of a whole raw document (sets quote flags too). */
int so_units_doc(const so_units *u, const so_adoc *raw, so_adoc *out);

/* ---- metrics (so_score_metrics.c) ---- */
enum { SO_TP = 0, SO_FP = 1, SO_FN = 2 };
enum { SO_PRED_SHARED = 0, SO_GOLD_SHARED = 1, SO_PRED_UNITS = 2, SO_GOLD_UNITS = 3 };
enum {
    SO_A_GOLD = 0, SO_A_PRED, SO_A_GOLD_MATCHED, SO_A_PRED_MATCHED, SO_A_SRC_OK,
    SO_A_SRC_EXACT, SO_A_PRED_MATCHED_SRC_OK, SO_A_N
};
/* exact and overlap rows: cue, source, content, all; fragment rows: source,
** cue, content; attribution subsets: all, quotes, other. */
typedef struct so_acc {
    int64_t exact[4][3];
    int64_t overlap[3][4];
    int64_t frag[3][3];
    int64_t attr[3][SO_A_N];
} so_acc;

int so_score_doc(const so_adoc *gold, const so_adoc *pred, so_acc *acc, so_err *e);
int so_score_shared(const so_span *a, size_t na, const so_span *b, size_t nb, int64_t *out);

/* ---- report (so_score_out.c) ---- */
typedef struct so_info {
    const char *gold_dir, *pred_dir, *units;
    int64_t documents, pred_files_missing, pred_files_ignored, gold_attributions,
        pred_attributions, gold_empty_events_skipped, pred_empty_events_skipped;
    so_sb *warnings;
    size_t nwarnings;
} so_info;

int so_score_table(const so_acc *acc, const so_info *info, so_sb *out);
int so_score_json(const so_acc *acc, const so_info *info, so_sb *out);

#endif
