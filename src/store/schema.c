/*
** schema.c -- the store's database file: the versioned schema and its
** migrations, opening a reader or a writer with the right pragmas, closing,
** counts and the consistency check. docs/store.md describes every table.
**
** Versioning: PRAGMA application_id marks a sayso store, PRAGMA
** user_version is the schema version. migrations[v] turns version v into
** v + 1; a writer applies the missing steps in one transaction on open.
** To change the schema, append a step and raise SO_STORE_SCHEMA.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/store_int.h"

#define APP_ID 0x53415953 /* "SAYS" */
#define BUSY_MS 10000

static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
    "CREATE TABLE articles("
    " id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, hash INTEGER NOT NULL,"
    " outlet TEXT, date TEXT, title TEXT, url TEXT, meta TEXT, text TEXT,"
    " nbytes INTEGER NOT NULL, nquotes INTEGER NOT NULL, indexed_at INTEGER NOT NULL);"
    "CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);"
    "CREATE INDEX articles_date ON articles(date);"
    "CREATE TABLE speakers("
    " id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, last TEXT NOT NULL,"
    " name TEXT NOT NULL, type TEXT, gender TEXT, canon INTEGER);"
    "CREATE INDEX speakers_last ON speakers(last);"
    "CREATE TABLE entities("
    " id INTEGER PRIMARY KEY, article INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " name TEXT NOT NULL, type TEXT, gender TEXT, roles TEXT NOT NULL,"
    " mentions TEXT NOT NULL, speaker INTEGER);"
    "CREATE INDEX entities_article ON entities(article);"
    "CREATE INDEX entities_speaker ON entities(speaker);"
    "CREATE TABLE clusters("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL, norm TEXT NOT NULL,"
    " ntok INTEGER NOT NULL, quoted INTEGER NOT NULL,"
    " n_occurrences INTEGER NOT NULL, n_articles INTEGER NOT NULL,"
    " first_article INTEGER NOT NULL, first_date TEXT, speaker INTEGER);"
    "CREATE INDEX clusters_first_date ON clusters(first_date);"
    "CREATE TABLE quotes("
    " id INTEGER PRIMARY KEY, article INTEGER NOT NULL, ord INTEGER NOT NULL,"
    " cluster INTEGER NOT NULL, kind TEXT NOT NULL,"
    " content TEXT NOT NULL, content_spans TEXT NOT NULL, cue TEXT, cue_spans TEXT,"
    " source TEXT, source_spans TEXT, confidence REAL NOT NULL,"
    " speaker INTEGER, entity INTEGER, norm TEXT NOT NULL, ntok INTEGER NOT NULL,"
    " key INTEGER NOT NULL, quoted INTEGER NOT NULL);"
    "CREATE INDEX quotes_article ON quotes(article);"
    "CREATE INDEX quotes_cluster ON quotes(cluster);"
    "CREATE INDEX quotes_speaker ON quotes(speaker);"
    "CREATE TABLE cluster_alias(id INTEGER PRIMARY KEY, into_id INTEGER NOT NULL);"
    "CREATE VIRTUAL TABLE quote_fts USING fts5(text, content='clusters',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2');";

/* Version 2: the co-speakers of a quotation ("Anna Berg and Tom Lund said":
** Tom Lund), each a speaker of it besides quotes.speaker. A store of
** version 1 gets the table empty: its quotations have none until indexed
** again with --force. */
static const char schema_v2[] =
    "CREATE TABLE quote_speakers(speaker INTEGER NOT NULL, quote INTEGER NOT NULL,"
    " PRIMARY KEY(speaker, quote)) WITHOUT ROWID;"
    "CREATE INDEX quote_speakers_quote ON quote_speakers(quote);";

static const char *const migrations[SO_STORE_SCHEMA] = {schema_v1, schema_v2};

sayso_status so_store_sqlerr(so_store *st, sayso_error *err, const char *what)
{
    int rc = st && st->db ? sqlite3_errcode(st->db) : SQLITE_ERROR;
    const char *msg = st && st->db ? sqlite3_errmsg(st->db) : "cannot open";
    if (st && st->errmsg[0])
        msg = st->errmsg; /* the first error, before resets cleared it */
    sayso_status code = so_fail(err, rc == SQLITE_NOMEM ? SAYSO_ERR_NOMEM : SAYSO_ERR_IO,
                                SIZE_MAX, "%s: %s", what, msg);
    if (st)
        st->errmsg[0] = 0;
    return code;
}

sayso_status so_store_exec(so_store *st, const char *sql, sayso_error *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return so_store_sqlerr(st, err, "database");
    return SAYSO_OK;
}

/* One integer from a query (or -1). */
static int64_t int_of(so_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Bring a writer's database to SO_STORE_SCHEMA (inside BEGIN IMMEDIATE). */
static sayso_status migrate(so_store *st, sayso_error *err)
{
    sayso_status rc = so_store_exec(st, "BEGIN IMMEDIATE", err);
    if (rc != SAYSO_OK)
        return rc;
    int64_t v = int_of(st, "PRAGMA user_version"), app = int_of(st, "PRAGMA application_id");
    int64_t ntab = int_of(st, "SELECT count(*) FROM sqlite_master");
    if (v < 0 || ntab < 0)
        rc = so_store_sqlerr(st, err, "cannot read the database");
    else if ((app != APP_ID && ntab > 0) || (v == 0 && ntab > 0))
        rc = so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "not a sayso quote store");
    else if (v > SO_STORE_SCHEMA)
        rc = so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX,
                     "the store has schema %lld, newer than this sayso (%d)", (long long)v,
                     SO_STORE_SCHEMA);
    if (rc == SAYSO_OK && v > 0 && v < SO_STORE_SCHEMA)
        st->migrated_from = (int)v;
    for (; rc == SAYSO_OK && v < SO_STORE_SCHEMA; v++)
        rc = so_store_exec(st, migrations[v], err);
    if (rc == SAYSO_OK) {
        char sql[160];
        snprintf(sql, sizeof sql,
                 "PRAGMA user_version=%d; PRAGMA application_id=%d;"
                 "INSERT OR REPLACE INTO meta VALUES('sayso_version','%s')",
                 SO_STORE_SCHEMA, APP_ID, SAYSO_VERSION);
        rc = so_store_exec(st, sql, err);
    }
    if (rc == SAYSO_OK && (rc = so_store_exec(st, "COMMIT", err)) == SAYSO_OK)
        return SAYSO_OK;
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static sayso_status check_reader(so_store *st, sayso_error *err)
{
    int64_t v = int_of(st, "PRAGMA user_version"), app = int_of(st, "PRAGMA application_id");
    if (v < 0)
        return so_store_sqlerr(st, err, "cannot read the database");
    if (app != APP_ID)
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "not a sayso quote store");
    if (v != SO_STORE_SCHEMA)
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX,
                       "the store has schema %lld, this sayso reads %d%s", (long long)v,
                       SO_STORE_SCHEMA, v < SO_STORE_SCHEMA ? " (run sayso index to migrate)" : "");
    return SAYSO_OK;
}

static sayso_status setup(so_store *st, sayso_error *err)
{
    sqlite3_busy_timeout(st->db, BUSY_MS);
    sqlite3_extended_result_codes(st->db, 1);
    if (so_store_register(st->db))
        return so_store_sqlerr(st, err, "cannot register functions");
    if (st->flags & SO_STORE_CHECK)
        return check_reader(st, err);
    if (!(st->flags & SO_STORE_WRITE))
        return so_store_exec(st, "PRAGMA query_only=1", err) ? SAYSO_ERR_IO : check_reader(st, err);
    sayso_status rc = so_store_exec(st,
                                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                    "PRAGMA secure_delete=0; PRAGMA cache_size=-65536;"
                                    "PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=0;"
                                    "PRAGMA wal_autocheckpoint=16384",
                                    err);
    if (rc == SAYSO_OK)
        rc = migrate(st, err);
    if (rc == SAYSO_OK && so_store_prepare_writer(st))
        rc = so_store_sqlerr(st, err, "cannot prepare statements");
    if (rc == SAYSO_OK)
        rc = so_store_load(st, err);
    return rc;
}

sayso_status so_store_open(const char *path, unsigned flags, so_store **ptr_store,
                           sayso_error *err)
{
    *ptr_store = NULL;
    if (!path || !*path)
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "no database path");
    so_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory");
    }
    st->flags = flags;
    int of = (flags & SO_STORE_WRITE)   ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
             : (flags & SO_STORE_CHECK) ? SQLITE_OPEN_READWRITE
                                        : SQLITE_OPEN_READONLY;
    sayso_status rc;
    if (sqlite3_open_v2(path, &st->db, of | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        rc = so_store_sqlerr(st, err, "cannot open the database");
    else
        rc = setup(st, err);
    if (rc != SAYSO_OK) {
        so_store_close(st);
        return rc;
    }
    *ptr_store = st;
    return SAYSO_OK;
}

int so_store_migrated_from(const so_store *st)
{
    return st->migrated_from;
}

void so_store_close(so_store *st)
{
    if (!st)
        return;
    if (st->in_txn)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    for (int k = 0; k < ST_COUNT; k++)
        sqlite3_finalize(st->st[k]);
    /* At rest the store is one file in rollback-journal mode, which a reader
    ** can open even in a read-only folder (WAL needs its -shm beside it).
    ** With other connections open the switch fails and WAL stays. */
    if (st->db && (st->flags & SO_STORE_WRITE))
        sqlite3_exec(st->db, "PRAGMA optimize; PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    sqlite3_close(st->db);
    so_store_unload(st);
    so_map_free(&st->arts);
    free(st->path);
    free(st);
}

sayso_status so_store_count(so_store *st, so_store_counts *c, sayso_error *err)
{
    c->articles = (long)int_of(st, "SELECT count(*) FROM articles");
    c->quotes = (long)int_of(st, "SELECT count(*) FROM quotes");
    c->clusters = (long)int_of(st, "SELECT count(*) FROM clusters");
    c->speakers = (long)int_of(st, "SELECT count(*) FROM speakers");
    c->entities = (long)int_of(st, "SELECT count(*) FROM entities");
    if (c->articles < 0 || c->quotes < 0 || c->clusters < 0 || c->speakers < 0 || c->entities < 0)
        return so_store_sqlerr(st, err, "cannot count");
    return SAYSO_OK;
}

/* The store's invariants: each query counts violations. */
static const struct {
    const char *what, *sql;
} invariants[] = {
    {"article quote counts",
     "SELECT count(*) FROM articles a WHERE nquotes != "
     "(SELECT count(*) FROM quotes WHERE article = a.id)"},
    {"cluster statistics",
     "SELECT count(*) FROM clusters c WHERE n_occurrences < 1 OR n_occurrences != "
     "(SELECT count(*) FROM quotes WHERE cluster = c.id) OR n_articles != "
     "(SELECT count(DISTINCT article) FROM quotes WHERE cluster = c.id)"},
    {"quotes without article or cluster",
     "SELECT count(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = q.article)"
     " OR NOT EXISTS (SELECT 1 FROM clusters WHERE id = q.cluster)"},
    {"quotes with unknown speakers",
     "SELECT count(*) FROM quotes q WHERE speaker IS NOT NULL AND "
     "NOT EXISTS (SELECT 1 FROM speakers WHERE id = q.speaker)"},
    {"co-speakers of unknown quotes or speakers",
     "SELECT count(*) FROM quote_speakers x WHERE NOT EXISTS"
     " (SELECT 1 FROM quotes WHERE id = x.quote)"
     " OR NOT EXISTS (SELECT 1 FROM speakers WHERE id = x.speaker)"},
    {"entities without article",
     "SELECT count(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = e.article)"},
    {"clusters whose first article is gone",
     "SELECT count(*) FROM clusters c WHERE NOT EXISTS "
     "(SELECT 1 FROM quotes WHERE cluster = c.id AND article = c.first_article)"},
};

sayso_status so_store_check(so_store *st, int *ptr_ok, char *msg, size_t msglen,
                            sayso_error *err)
{
    *ptr_ok = 0;
    snprintf(msg, msglen, "ok");
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
        return so_store_sqlerr(st, err, "integrity_check");
    int rc = sqlite3_step(s);
    const char *r = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    int ok = r && !strcmp(r, "ok");
    if (!ok)
        snprintf(msg, msglen, "integrity_check: %s", r ? r : sqlite3_errmsg(st->db));
    sqlite3_finalize(s);
    if (!ok)
        return SAYSO_OK;
    if ((st->flags & (SO_STORE_WRITE | SO_STORE_CHECK)) &&
        sqlite3_exec(st->db, "INSERT INTO quote_fts(quote_fts) VALUES('integrity-check')", NULL,
                     NULL, NULL) != SQLITE_OK) {
        snprintf(msg, msglen, "full-text index: %s", sqlite3_errmsg(st->db));
        return SAYSO_OK;
    }
    for (size_t k = 0; k < sizeof invariants / sizeof invariants[0]; k++) {
        int64_t bad = int_of(st, invariants[k].sql);
        if (bad != 0) {
            snprintf(msg, msglen, "%s: %lld wrong", invariants[k].what, (long long)bad);
            return bad < 0 ? so_store_sqlerr(st, err, invariants[k].what) : SAYSO_OK;
        }
    }
    *ptr_ok = 1;
    return SAYSO_OK;
}
