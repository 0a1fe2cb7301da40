/*
** store.h -- the quote store (so_store_): extracted articles, quotations,
** speakers and entities in an SQLite database, with quotations reported by
** several articles merged into one quote cluster. Written by `sayso index`,
** read by `sayso search | speakers | quote` and by the HTTP server.
** The schema is documented in docs/store.md; its version is PRAGMA
** user_version (SO_STORE_SCHEMA) and older databases are migrated on open
** for writing.
**
** Threads, stated once:
**   - An so_store handle wraps ONE sqlite3 connection and may be used by one
**     thread at a time. Open one handle per thread (or per request: opening
**     costs well under a millisecond). Handles on the same file in different
**     threads or processes are safe: SQLite (WAL mode) serialises them.
**   - A handle opened with SO_STORE_READ is read-only (SQLITE_OPEN_READONLY):
**     queries never change the file, and they see the last committed batch
**     of a writer that is running at the same time.
**   - A handle opened with SO_STORE_WRITE is the writer. Several writers on
**     one file take turns batch by batch (BEGIN IMMEDIATE); each notices the
**     other's commits and reloads its in-memory dedup index.
**   - so_store_doc_build() touches no database and may run on any thread;
**     so_store_unchanged() may run on one other thread beside the writer.
**
** Errors: every function returns a sayso_status and, when err is non-NULL,
** fills it (message from SQLite or from here). Rows handed to callbacks
** point into memory that stays valid only during the callback.
** so_store_close(NULL) and so_store_doc_free(NULL) are harmless no-ops.
*/
#ifndef SO_STORE_H
#define SO_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "base/sbuf.h"
#include "sayso.h"

#define SO_STORE_SCHEMA 2 /* PRAGMA user_version written by this code */

#define SO_STORE_READ 0u  /* read-only queries */
#define SO_STORE_WRITE 1u /* create or migrate, then index */
#define SO_STORE_CHECK 2u /* as READ, but read-write: so_store_check's FTS5 check writes */

typedef struct so_store so_store;

/* Open the database at path. SO_STORE_READ and SO_STORE_CHECK fail when the
** file is missing, is not a sayso store, or has another schema version;
** SO_STORE_WRITE
** creates the file when missing and migrates an older schema. On failure
** *ptr_store is NULL and err says why (SAYSO_ERR_IO, SAYSO_ERR_INVALID). */
sayso_status so_store_open(const char *path, unsigned flags, so_store **ptr_store,
                           sayso_error *err);

/* The schema version a writer found and migrated on open (1 for a store
** written before quote_speakers), 0 when it needed no migration. */
int so_store_migrated_from(const so_store *st);

/* Close a handle; a writer's uncommitted batch is rolled back. NULL: no-op. */
void so_store_close(so_store *st);

/* ---- Writing ---------------------------------------------------------- */

/* What an input record says about its article (all may be NULL). */
typedef struct so_store_article {
    const char *id_json;   /* the record id as JSON (string or number) */
    const char *outlet, *date, *title, *url; /* dates: ISO 8601, first 10 kept */
    const char *meta_json; /* all other JSONL fields as a JSON object, kept as is */
    const char *engine;    /* engine identity folded into the content hash */
    int keep_text;         /* store the article text too */
} so_store_article;

/* Set a's outlet, date, title and url from a JSON Lines record (a json-c
** object; its strings are borrowed, not copied). The first present string
** field wins: outlet|publisher|source|site|domain, date|published|
** publication_date|published_at|pubdate, title|headline, url|link. */
void so_store_article_meta(so_store_article *a, const json_object *record);

/* The record's fields other than text_field as compact JSON, malloc'd;
** NULL when there are none or memory ran out. */
char *so_store_meta_json(const json_object *record, const char *text_field);

typedef struct so_store_doc so_store_doc; /* one article, ready to store */

/* The content hash that decides whether an article must be re-indexed:
** text, outlet, date, title, url, engine identity and keep_text (not the
** other metadata). Thread-safe. */
uint64_t so_store_hash(const so_store_article *a, const char *text, size_t len);

/* Turn an extraction result into a document: texts, spans (code points),
** speakers, normalised keys. Thread-safe, no database access. */
sayso_status so_store_doc_build(const so_store_article *a, const char *text, size_t len,
                                const sayso_result *r, so_store_doc **ptr_doc,
                                sayso_error *err);
void so_store_doc_free(so_store_doc *d);

/* 1 when article id_json has this content hash as far as the handle knows
** (the record can be skipped), else 0. What it knows is a snapshot taken on
** open, updated by the calls that answered 0: the caller is about to store
** that version, so a later record of the same id in the same run is
** compared with it (the last one wins, and a rerun changes nothing). Called
** from one thread in input order; it may run beside put/commit. */
int so_store_unchanged(so_store *st, const char *id_json, uint64_t hash);

/* Store a document (ownership passes, even on failure): a new article is
** added; an article id already stored is replaced unless its hash is the
** same (then nothing happens; *ptr_skipped is set when non-NULL). Opens
** the batch transaction when none is open. */
sayso_status so_store_put(so_store *st, so_store_doc *d, int force, int *ptr_skipped,
                          sayso_error *err);

/* Finish the batch: refresh the clusters it touched and commit. */
sayso_status so_store_commit(so_store *st, sayso_error *err);

/* ---- Counts and checks -------------------------------------------------- */

typedef struct so_store_counts {
    long articles, quotes, clusters, speakers, entities;
} so_store_counts;

sayso_status so_store_count(so_store *st, so_store_counts *c, sayso_error *err);

/* PRAGMA integrity_check, the FTS index check (on a handle opened with
** SO_STORE_WRITE or SO_STORE_CHECK: it is an INSERT) and the store's own
** invariants (per-article quote counts, cluster statistics, no orphans).
** *ptr_ok = 1 when all hold; msg (capped) says what failed. */
sayso_status so_store_check(so_store *st, int *ptr_ok, char *msg, size_t msglen,
                            sayso_error *err);

/* ---- Queries ------------------------------------------------------------ */

/* Filters of search and speakers. Zero-initialise; NULL/0 = no filter. */
typedef struct so_store_query {
    const char *speaker; /* name: case-insensitive, surname alone matches */
    const char *text;    /* words (all must occur), "a phrase", prefix* */
    const char *outlet;  /* exact outlet, case-insensitive */
    const char *since;   /* date YYYY[-MM[-DD]], inclusive */
    const char *until;   /* date YYYY[-MM[-DD]], inclusive */
    long limit;          /* rows; 0 = 20; capped at 10000 */
    long offset;         /* rows to skip (paging) */
} so_store_query;

/* Is s a date of the filters: YYYY, YYYY-MM or YYYY-MM-DD, a real month
** and day (2024-02-29 yes, 2023-02-29 no)? */
int so_store_valid_date(const char *s);

/* A list of strings (outlets, roles) with optional counts. */
typedef struct so_store_list {
    const char *const *item;
    const long *count; /* NULL when the list has no counts */
    size_t n;
} so_store_list;

/* A quote cluster: one quotation, however many articles reported it. */
typedef struct so_store_cluster {
    int64_t id;
    const char *text;            /* the representative content (docs/store.md) */
    const char *speaker;         /* speaker agreed by most occurrences, or NULL */
    const char *speaker_type;    /* "person", "organization", "other" or NULL */
    long n_occurrences, n_articles;
    const char *first_article;   /* id of the first article that reported it */
    const char *first_date;      /* its date (YYYY-MM-DD) or NULL */
    const char *first_outlet;    /* its outlet or NULL */
    const char *first_title;     /* its title or NULL */
    so_store_list outlets;       /* outlets that reported it, most first */
} so_store_cluster;

/* One report of a quotation by one article. Spans are JSON arrays of
** [start, end) code-point offsets into the article text, e.g. "[[3,9]]". */
typedef struct so_store_occurrence {
    int64_t id, cluster;
    const char *article, *outlet, *date, *title, *url;
    const char *kind;            /* "direct", "mixed", "indirect" */
    const char *content, *content_spans;
    const char *cue, *cue_spans; /* NULL when there is no cue */
    const char *source, *source_spans; /* NULL when there is no source */
    const char *speaker;         /* resolved or fallback speaker, or NULL */
    so_store_list co_speakers;   /* the others a coordinated source names, by the order
                                    the store first met them */
    double confidence;
} so_store_occurrence;

typedef struct so_store_speaker {
    int64_t id;
    const char *name;
    const char *type, *gender;   /* NULL when unknown */
    long n_quotes, n_clusters, n_articles;
    so_store_list roles;         /* role phrases, most frequent first */
    so_store_list outlets;       /* with counts of quotes */
} so_store_speaker;

/* Callbacks return 0 to go on, non-zero to stop (the call then returns
** SAYSO_OK). */
typedef int (*so_store_cluster_fn)(void *ctx, const so_store_cluster *c);
typedef int (*so_store_occurrence_fn)(void *ctx, const so_store_occurrence *o);
typedef int (*so_store_speaker_fn)(void *ctx, const so_store_speaker *s);

/* Quote clusters with at least one occurrence that passes every filter:
** most relevant first with q->text, otherwise most recently first seen.
** A text with no searchable word matches nothing. */
sayso_status so_store_search(so_store *st, const so_store_query *q, so_store_cluster_fn fn,
                             void *ctx, sayso_error *err);

/* Speakers by number of quotes (outlet/date/speaker filters apply). */
sayso_status so_store_speakers(so_store *st, const so_store_query *q, so_store_speaker_fn fn,
                               void *ctx, sayso_error *err);

/* One cluster and all its occurrences, earliest first. An id merged into
** another cluster leads to that cluster. *ptr_found = 0 when none. */
sayso_status so_store_quote(so_store *st, int64_t id, so_store_cluster_fn fc,
                            so_store_occurrence_fn fo, void *ctx, int *ptr_found,
                            sayso_error *err);

/* ---- JSON (the CLI's --json and the HTTP API share these) --------------- */

int so_store_cluster_json(so_sbuf *b, const so_store_cluster *c);
int so_store_occurrence_json(so_sbuf *b, const so_store_occurrence *o);
int so_store_speaker_json(so_sbuf *b, const so_store_speaker *s);

/* Whole answers as one JSON value appended to out:
**   search   -> [CLUSTER, ...]
**   speakers -> [SPEAKER, ...]
**   quote    -> CLUSTER with "occurrences": [OCCURRENCE, ...], or nothing
**               appended and *ptr_found = 0. */
sayso_status so_store_search_json(so_store *st, const so_store_query *q, so_sbuf *out,
                                  sayso_error *err);
sayso_status so_store_speakers_json(so_store *st, const so_store_query *q, so_sbuf *out,
                                    sayso_error *err);
sayso_status so_store_quote_json(so_store *st, int64_t id, so_sbuf *out, int *ptr_found,
                                 sayso_error *err);

#endif
