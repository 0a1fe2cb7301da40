/*
** sayso.h -- the public API of libsayso: who said what in news text.
**
** This header is the contract. Anything not declared here is not part of the
** published API of libsayso and may change without notice.
**
** Ownership, stated once:
**   - An engine (sayso_engine) is created by sayso_engine_open() and is
**     read-only afterwards: one engine may be shared by any number of threads
**     calling sayso_extract() at the same time.
**   - A result (sayso_result) owns all the memory it hands out. Pointers
**     obtained from a result stay valid until sayso_result_free().
**   - Spans are half-open BYTE offsets [start, end) into the text the caller
**     passed to sayso_extract(); the library never copies or changes that text.
**     (The CLI converts them to code points for JSON output.)
**   - Errors are reported by a status code plus, when the caller passes a
**     non-NULL sayso_error, a message and the byte offset it concerns.
**   - Every *_free / *_close function accepts NULL as a harmless no-op.
*/
#ifndef SAYSO_H
#define SAYSO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SAYSO_VERSION "0.1.0"

/* Status codes. Numbers are never reused. */
typedef enum sayso_status {
    SAYSO_OK = 0,
    SAYSO_ERR_NOMEM = 1,    /* an allocation failed */
    SAYSO_ERR_INVALID = 2,  /* a bad argument (NULL engine, bad option) */
    SAYSO_ERR_IO = 3,       /* a file could not be read or written */
    SAYSO_ERR_MODEL = 4,    /* a model file is missing, truncated or corrupt */
    SAYSO_ERR_TOOBIG = 5,   /* the input exceeds a configured limit */
    SAYSO_ERR_ENCODING = 6, /* the input is not text (too much invalid UTF-8) */
    SAYSO_ERR_INTERNAL = 7  /* a bug: please report it */
} sayso_status;

/* A caller-owned error report, filled when a function fails. */
typedef struct sayso_error {
    sayso_status code;
    size_t offset;       /* byte offset into the input it concerns, or SIZE_MAX */
    char message[256];   /* NUL-terminated English message */
} sayso_error;

/* A half-open byte range [start, end) into the caller's text. */
typedef struct sayso_span {
    size_t start;
    size_t end;
} sayso_span;

typedef enum sayso_kind {
    SAYSO_DIRECT = 0,   /* the whole content is a quotation */
    SAYSO_MIXED = 1,    /* reported speech that contains quoted words */
    SAYSO_INDIRECT = 2  /* reported speech without quotation marks */
} sayso_kind;

typedef enum sayso_entity_type {
    SAYSO_ENT_PERSON = 0,
    SAYSO_ENT_ORGANIZATION = 1,
    SAYSO_ENT_OTHER = 2
} sayso_entity_type;

typedef enum sayso_gender {
    SAYSO_GENDER_UNKNOWN = 0,
    SAYSO_GENDER_FEMALE = 1,
    SAYSO_GENDER_MALE = 2
} sayso_gender;

/* One attribution: who (source) said what (content) through which cue.
** A role may have several spans (a quote split by its own attribution). */
typedef struct sayso_quote {
    sayso_kind kind;
    const sayso_span *content;
    size_t n_content;
    const sayso_span *cue;      /* n_cue == 0: no cue found */
    size_t n_cue;
    const sayso_span *source;   /* n_source == 0: no source in the text */
    size_t n_source;
    double confidence;          /* 0..1 */
    long speaker;               /* index into the result's entities, or -1 */
    const long *co_speakers;    /* the other entities a coordinated source names
                                   ("Anna Berg and Tom Lund said": Tom Lund), in text
                                   order; speaker is the first */
    size_t n_co_speakers;
    long within;                /* reported speech held whole in the content of another
                                   reported-speech quote ("He said | the council expected |
                                   a deal"): that quote's index; else -1. Brat output,
                                   like the corpora it follows, leaves such quotes out */
} sayso_quote;

/* One person or organisation mentioned in the document. */
typedef struct sayso_entity {
    const char *name;               /* canonical name, NUL-terminated UTF-8 */
    sayso_entity_type type;
    sayso_gender gender;
    const char *const *roles;       /* role phrases, e.g. "chief engineer" */
    size_t n_roles;
    const sayso_span *mentions;
    size_t n_mentions;
} sayso_entity;

/* Options for sayso_engine_open(). Zero-initialise, then set what you need. */
typedef struct sayso_options {
    const char *model_path;  /* NULL: the built-in default model */
    size_t max_bytes;        /* largest text accepted; 0 = 64 MiB */
    unsigned flags;          /* SAYSO_F_* */
} sayso_options;

#define SAYSO_F_NO_MODEL 1u      /* rules only: do not load a learned model */
#define SAYSO_F_NO_SPEAKERS 2u   /* skip speaker resolution */

typedef struct sayso_engine sayso_engine;
typedef struct sayso_result sayso_result;

/* Library version string, e.g. "0.1.0". */
const char *sayso_version(void);

/* A short English name for a status code ("out of memory", ...). */
const char *sayso_status_str(sayso_status code);

/* Open an engine. On success *ptr_engine is set and SAYSO_OK returned; on
** failure *ptr_engine is NULL and err (if non-NULL) says why. opt may be NULL. */
sayso_status sayso_engine_open(const sayso_options *opt, sayso_engine **ptr_engine,
                               sayso_error *err);

/* Close an engine. NULL is a no-op. No sayso_extract() may be running on it. */
void sayso_engine_close(sayso_engine *engine);

/* Extract attributions from len bytes of text (need not be NUL-terminated;
** may contain NUL bytes and invalid UTF-8, which never shift offsets).
** Thread-safe on a shared engine. On success *ptr_result owns the output. */
sayso_status sayso_extract(const sayso_engine *engine, const char *text, size_t len,
                           sayso_result **ptr_result, sayso_error *err);

/* Free a result. NULL is a no-op. */
void sayso_result_free(sayso_result *result);

size_t sayso_result_quote_count(const sayso_result *result);
/* The i-th attribution in text order, or NULL when i is out of range. */
const sayso_quote *sayso_result_quote(const sayso_result *result, size_t i);

size_t sayso_result_entity_count(const sayso_result *result);
/* The i-th entity, or NULL when i is out of range. */
const sayso_entity *sayso_result_entity(const sayso_result *result, size_t i);

#ifdef __cplusplus
}
#endif
#endif /* SAYSO_H */
