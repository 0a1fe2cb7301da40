/*
** store_int.h -- internals of the quote store shared by the src/store files:
** the document built from a result, text normalisation for matching, the
** in-memory dedup index of a writer, and the handle itself. Not API.
*/
#ifndef SO_STORE_INT_H
#define SO_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "base/sbuf.h"
#include "store/store.h"

#define SO_MAX_KEY_TOK 512      /* tokens of a quote's key used for matching */
#define SO_MAX_NAME 160         /* bytes of a speaker name */
#define SO_SHORT_TOK 4          /* keys shorter than this merge only with the same speaker */
#define SO_FUZZY_TOK 6          /* both keys this long: containment and overlap rules */
#define SO_SHINGLE 3            /* tokens per shingle */
#define SO_WINNOW 4             /* winnowing window (shingles) */

/* ---- norm.c: normalisation and names ---- */

/* Append the matching form of s[0..n) to out: case folded, diacritics and
** apostrophes dropped, every other non-letter/digit a token boundary, tokens
** separated by one space. Returns the number of tokens added, -1 when out
** is full. */
long so_store_norm(const char *s, size_t n, so_sbuf *out);

/* Split a normalised string into 32-bit token hashes (at most max). */
size_t so_store_tokens(const char *norm, size_t n, uint32_t *tok, size_t max);

/* The hash of one normalised token, as so_store_tokens() computes it. */
uint32_t so_store_tokhash(const char *s, size_t n);

/* Fast 64-bit hash of n bytes, continuing from h (start with 0). */
uint64_t so_store_hash64(uint64_t h, const void *p, size_t n);

/* The normalised key of a person's name ("Mr. Donald J. Trump" -> "donald
** trump"): honorifics before the name and initials dropped. Returns the
** token count (0: not a name), -1 when out is full. */
long so_store_name_key(const char *name, size_t n, so_sbuf *out);

/* A speaker name guessed from a source phrase while speaker resolution is
** missing ("Republican nominee Donald Trump" -> "Donald Trump", "he" -> none).
** sentence_start: the phrase opens its sentence, so a capital on its first
** word proves nothing ("Officials" -> none; "Amara Okafor" stays a name).
** Writes a NUL-terminated name to out and returns its length, 0 for none. */
size_t so_store_fallback_name(const char *src, size_t n, int sentence_start, char *out,
                              size_t cap);

/* Does the speaker key skey match the query key qkey? One query word matches
** any word of the name; otherwise the surnames must agree and the query's
** other words occur in the name (a surname-only name matches too). */
int so_store_name_match(const char *qkey, const char *skey);

/* Build a safe FTS5 query from user words: every term becomes a quoted
** string; "phrases" and a trailing * (prefix) are kept, all other syntax
** is literal. Returns the number of terms (0: nothing searchable), -1 when
** out is full, -2 past SO_FTS_MAX_TERMS terms. */
#define SO_FTS_MAX_TERMS 32
int so_store_fts_query(const char *text, so_sbuf *out);

/* ---- doc.c: a document ready to store ---- */

typedef struct so_sq {
    int kind;                    /* sayso_kind */
    char *content, *content_spans;
    char *cue, *cue_spans;       /* NULL when no cue */
    char *source, *source_spans; /* NULL when no source */
    double confidence;
    long entity;                 /* index into the doc's entities, or -1 */
    const long *also;            /* co-speakers: indices into the doc's entities */
    size_t nalso;
    char *spk_name, *spk_key;    /* speaker display name and key, or NULL */
    const char *spk_type, *spk_gender;
    char *norm;                  /* normalised matching key */
    int quoted;                  /* the key is words in quotation marks (not a
                                    paraphrase): near-duplicate rules apply */
    uint32_t *tok;               /* its token hashes */
    uint32_t ntok;
    uint64_t exact;              /* hash of norm (plus speaker for short keys) */
} so_sq;

typedef struct so_se {
    char *name, *key, *roles, *mentions; /* roles/mentions as JSON arrays */
    const char *type, *gender;
} so_se;

typedef struct so_arena_blk so_arena_blk;

struct so_store_doc {
    char *ext_id;
    uint64_t hash;
    char *outlet, *date, *title, *url, *meta, *text;
    size_t len;
    so_sq *q;
    size_t nq;
    so_se *e;
    size_t ne;
    so_arena_blk *arena;
};

/* ---- dedup.c: the writer's in-memory index ---- */

typedef struct so_u64map {
    uint64_t *key, *val; /* key 0 = empty slot */
    size_t cap, n;
} so_u64map;

int so_map_put(so_u64map *m, uint64_t key, uint64_t val);
int so_map_get(const so_u64map *m, uint64_t key, uint64_t *val);
void so_map_free(so_u64map *m);

typedef struct so_dd_cluster {
    uint32_t *tok;  /* representative's token hashes */
    uint32_t ntok;
    int quoted;     /* the representative is quoted words */
    uint64_t spk;   /* hash of its speaker's surname, 0 if none */
    int alive;      /* 0: unknown id, deleted, or merged (into > 0) */
    int64_t into;   /* the cluster this one was merged into */
} so_dd_cluster;

typedef struct so_dedup {
    so_dd_cluster *cl; /* indexed by cluster id */
    size_t ncl;        /* capacity in ids */
    so_u64map exact;   /* exact key hash -> cluster id */
    so_u64map fp;      /* shingle hash -> head posting + 1 */
    int64_t *post_cid; /* postings: cluster id, next index + 1 */
    uint32_t *post_next;
    size_t npost, cappost;
} so_dedup;

/* Verdicts of so_dd_match: how a new key relates to a cluster. */
enum { SO_DD_NONE = 0, SO_DD_FUZZY, SO_DD_CONTAINED, SO_DD_EXACT };

int so_dd_match(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
int so_dd_set_rep(so_dedup *d, int64_t cid, const uint32_t *tok, size_t ntok, int quoted);
/* Would a key (quoted, ntok) be a better representative than cid's? */
int so_dd_better(const so_dedup *d, int64_t cid, int quoted, size_t ntok);
/* Mark cid dead: merged into another cluster (into > 0) or deleted (0). */
void so_dd_kill(so_dedup *d, int64_t cid, int64_t into);
int so_dd_add_exact(so_dedup *d, uint64_t key, int64_t cid);
/* A cluster matching a key; absorb: the cluster's key is a part of the
** new key, so a key may join several such clusters into one (a fragment
** shared by two different quotations joins one and merges nothing). */
typedef struct so_dd_hit {
    int64_t cid;
    int absorb;
} so_dd_hit;

/* Clusters matching q (alive, verified), best first: exact, then those of
** the same speaker (spk: hash of the surname, 0 if none). Returns count. */
size_t so_dd_find(so_dedup *d, const so_sq *q, uint64_t spk, so_dd_hit *out, size_t max);
void so_dd_set_speaker(so_dedup *d, int64_t cid, uint64_t spk);
int64_t so_dd_resolve(const so_dedup *d, int64_t cid);
void so_dd_free(so_dedup *d);

/* ---- the handle ---- */

enum {
    ST_ART_FIND, ST_ART_INS, ST_ART_DEL, ST_ART_CLUSTERS, ST_Q_DEL_ART, ST_ENT_DEL_ART,
    ST_ENT_INS, ST_SPK_INS, ST_SPK_UPD, ST_CL_INS, ST_FTS_INS, ST_FTS_DEL, ST_Q_INS,
    ST_CL_REP, ST_CL_GET, ST_CL_SETREP, ST_CL_STATS, ST_CL_DEL, ST_Q_MOVE, ST_ALIAS_INS,
    ST_SPK_CANON, ST_QS_INS, ST_QS_DEL_ART, ST_COUNT
};

struct so_store {
    sqlite3 *db;
    char *path;
    unsigned flags;
    sqlite3_stmt *st[ST_COUNT];
    int in_txn;
    int64_t data_version;
    int migrated_from; /* a writer's schema version before it migrated, 0 if none */
    so_dedup dd;
    so_u64map arts;   /* hash of ext id -> content hash: on open, then as being stored */
    so_u64map spk;    /* hash of speaker key -> speaker id */
    int64_t spk_new;  /* first speaker id added in this batch, 0 if none */
    int64_t *dirty;   /* clusters touched in this batch */
    size_t ndirty, capdirty;
    so_u64map dirty_set;
    char errmsg[256]; /* first SQLite error of a failing call, "" if none */
};

/* query.c: register sayso_name_match(query_key, speaker_key) on db. */
int so_store_register(sqlite3 *db);

/* schema.c */
sayso_status so_store_sqlerr(so_store *st, sayso_error *err, const char *what);
sayso_status so_store_exec(so_store *st, const char *sql, sayso_error *err);
/* write.c: reload the writer's in-memory index from the database. */
sayso_status so_store_load(so_store *st, sayso_error *err);
void so_store_unload(so_store *st);
int so_store_prepare_writer(so_store *st);

#endif
