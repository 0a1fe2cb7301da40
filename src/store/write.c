/*
** write.c -- the writer side of the quote store: one transaction per
** batch; so_store_put() replaces or adds an article with its entities and
** quotations, each quotation joining the cluster the dedup index finds for
** it (merging clusters it bridges) or starting a new one; so_store_commit()
** recomputes the clusters the batch touched (representative text, counts,
** first report, majority speaker, full-text row) and commits.
**
** A failed statement rolls the whole batch back and reloads the in-memory
** index, so the handle stays usable and the file stays consistent. The file
** is consistent at every instant anyway: only COMMIT publishes a batch, so
** a killed process loses at most the batch in flight.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "store/store_int.h"

#define MAX_MERGE 8
#define MAX_DIRTY ((size_t)1 << 28)

static const char *const sql_of[ST_COUNT] = {
    [ST_ART_FIND] = "SELECT id, hash FROM articles WHERE ext_id = ?1",
    [ST_ART_INS] = "INSERT INTO articles(ext_id, hash, outlet, date, title, url, meta, text,"
                   " nbytes, nquotes, indexed_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    [ST_ART_DEL] = "DELETE FROM articles WHERE id = ?1",
    [ST_ART_CLUSTERS] = "SELECT DISTINCT cluster FROM quotes WHERE article = ?1",
    [ST_Q_DEL_ART] = "DELETE FROM quotes WHERE article = ?1",
    [ST_ENT_DEL_ART] = "DELETE FROM entities WHERE article = ?1",
    [ST_ENT_INS] = "INSERT INTO entities(article, idx, name, type, gender, roles, mentions,"
                   " speaker) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
    [ST_SPK_INS] = "INSERT INTO speakers(key, last, name, type, gender) VALUES(?1,?2,?3,?4,?5)",
    [ST_SPK_UPD] = "UPDATE speakers SET type = coalesce(?2, type), gender = coalesce(?3, gender)"
                   " WHERE id = ?1",
    [ST_CL_INS] = "INSERT INTO clusters(text, norm, ntok, quoted, n_occurrences, n_articles,"
                  " first_article, first_date, speaker) VALUES(?1,?2,?3,?7,1,1,?4,?5,?6)",
    [ST_FTS_INS] = "INSERT INTO quote_fts(rowid, text) VALUES(?1, ?2)",
    [ST_FTS_DEL] = "INSERT INTO quote_fts(quote_fts, rowid, text) VALUES('delete', ?1, ?2)",
    [ST_Q_INS] = "INSERT INTO quotes(article, ord, cluster, kind, content, content_spans, cue,"
                 " cue_spans, source, source_spans, confidence, speaker, entity, norm, ntok, key,"
                 " quoted) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
    [ST_CL_REP] = "SELECT content, norm, ntok, quoted FROM quotes WHERE cluster = ?1"
                  " ORDER BY quoted DESC, ntok DESC, id LIMIT 1",
    [ST_CL_GET] = "SELECT text FROM clusters WHERE id = ?1",
    [ST_CL_SETREP] = "UPDATE clusters SET text = ?2, norm = ?3, ntok = ?4, quoted = ?5"
                     " WHERE id = ?1",
    [ST_CL_STATS] =
        "UPDATE clusters SET"
        " n_occurrences = (SELECT count(*) FROM quotes WHERE cluster = ?1),"
        " n_articles = (SELECT count(DISTINCT article) FROM quotes WHERE cluster = ?1),"
        " first_article = (SELECT q.article FROM quotes q JOIN articles a ON a.id = q.article"
        "  WHERE q.cluster = ?1 ORDER BY a.date IS NULL, a.date, a.id LIMIT 1),"
        " first_date = (SELECT a.date FROM quotes q JOIN articles a ON a.id = q.article"
        "  WHERE q.cluster = ?1 ORDER BY a.date IS NULL, a.date, a.id LIMIT 1),"
        " speaker = (SELECT s2.id FROM quotes q2 JOIN speakers s2 ON s2.id = q2.speaker"
        "  WHERE q2.cluster = ?1 AND s2.last = (SELECT s.last FROM quotes q JOIN speakers s"
        "   ON s.id = q.speaker WHERE q.cluster = ?1 GROUP BY s.last"
        "   ORDER BY count(*) DESC, min(q.id) LIMIT 1)"
        "  ORDER BY length(s2.key) DESC, q2.id LIMIT 1)"
        " WHERE id = ?1",
    [ST_CL_DEL] = "DELETE FROM clusters WHERE id = ?1",
    [ST_Q_MOVE] = "UPDATE quotes SET cluster = ?2 WHERE cluster = ?1",
    [ST_ALIAS_INS] = "INSERT OR REPLACE INTO cluster_alias(id, into_id) VALUES(?1, ?2)",
    /* a surname-only speaker stands for the one full name with that surname */
    [ST_SPK_CANON] = "UPDATE speakers SET canon = (SELECT f.id FROM speakers f"
                     " WHERE f.last = speakers.last AND f.key != f.last GROUP BY f.last"
                     " HAVING count(*) = 1) WHERE key = last AND last IN"
                     " (SELECT last FROM speakers WHERE id >= ?1)",
    [ST_QS_INS] = "INSERT OR IGNORE INTO quote_speakers(speaker, quote) VALUES(?1, ?2)",
    [ST_QS_DEL_ART] = "DELETE FROM quote_speakers WHERE quote IN"
                      " (SELECT id FROM quotes WHERE article = ?1)",
};

int so_store_prepare_writer(so_store *st)
{
    for (int k = 0; k < ST_COUNT; k++)
        if (sqlite3_prepare_v3(st->db, sql_of[k], -1, SQLITE_PREPARE_PERSISTENT, &st->st[k],
                               NULL) != SQLITE_OK)
            return -1;
    return 0;
}

/* ---- statement helpers: every use ends with a reset ---- */

static sqlite3_stmt *S(so_store *st, int k)
{
    sqlite3_reset(st->st[k]);
    return st->st[k];
}

static void bt(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

static void bi(sqlite3_stmt *s, int i, int64_t v, int null_if_neg)
{
    if (null_if_neg && v < 0)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int64(s, i, v);
}

/* Remember the first error's message before a later reset clears it. */
static int sqlfail(so_store *st)
{
    if (!st->errmsg[0])
        snprintf(st->errmsg, sizeof st->errmsg, "%s", sqlite3_errmsg(st->db));
    return -1;
}

/* Step a statement that returns no row: 0 ok, -1 error. */
static int run(so_store *st, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        sqlfail(st);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- in-memory index: load and unload ---- */

void so_store_unload(so_store *st)
{
    so_dd_free(&st->dd);
    so_map_free(&st->spk);
    so_map_free(&st->dirty_set);
    free(st->dirty);
    st->dirty = NULL;
    st->ndirty = st->capdirty = 0;
}

static uint64_t key_hash(const char *s)
{
    return so_store_hash64(0x6b65, s, strlen(s));
}

static int load_query(so_store *st, const char *sql, int (*row)(so_store *, sqlite3_stmt *))
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (row(st, s))
            break;
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int row_article(so_store *st, sqlite3_stmt *s)
{
    const char *id = (const char *)sqlite3_column_text(s, 0);
    return so_map_put(&st->arts, key_hash(id ? id : ""), (uint64_t)sqlite3_column_int64(s, 1));
}

static int row_speaker(so_store *st, sqlite3_stmt *s)
{
    const char *key = (const char *)sqlite3_column_text(s, 1);
    uint64_t v = (uint64_t)sqlite3_column_int64(s, 0) << 2 | (uint64_t)sqlite3_column_int(s, 2);
    return so_map_put(&st->spk, key_hash(key ? key : ""), v);
}

static int set_rep_norm(so_store *st, int64_t cid, const char *norm, int quoted)
{
    uint32_t tok[SO_MAX_KEY_TOK];
    size_t n = so_store_tokens(norm ? norm : "", norm ? strlen(norm) : 0, tok, SO_MAX_KEY_TOK);
    return so_dd_set_rep(&st->dd, cid, tok, n, quoted);
}

/* Hash of a speaker key's surname (its last word), 0 for none. */
static uint64_t surname(const char *key)
{
    if (!key)
        return 0;
    const char *last = strrchr(key, ' ');
    last = last ? last + 1 : key;
    return so_store_hash64(0x5e, last, strlen(last)) | 1;
}

static int row_cluster(so_store *st, sqlite3_stmt *s)
{
    int64_t cid = sqlite3_column_int64(s, 0);
    if (set_rep_norm(st, cid, (const char *)sqlite3_column_text(s, 1), sqlite3_column_int(s, 2)))
        return -1;
    so_dd_set_speaker(&st->dd, cid, surname((const char *)sqlite3_column_text(s, 3)));
    return 0;
}

static int row_quote(so_store *st, sqlite3_stmt *s)
{
    return so_dd_add_exact(&st->dd, (uint64_t)sqlite3_column_int64(s, 0),
                           sqlite3_column_int64(s, 1));
}

static int64_t data_version(so_store *st)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Rebuild the in-memory index (speakers, clusters, exact keys). The
** article snapshot of so_store_unchanged() is loaded once, on open. */
static int load(so_store *st)
{
    so_store_unload(st);
    if (load_query(st, "SELECT id, key, (type IS NOT NULL) * 2 + (gender IS NOT NULL)"
                       " FROM speakers", row_speaker) ||
        load_query(st, "SELECT c.id, c.norm, c.quoted, s.key FROM clusters c"
                       " LEFT JOIN speakers s ON s.id = c.speaker", row_cluster) ||
        load_query(st, "SELECT key, cluster FROM quotes", row_quote))
        return -1;
    st->data_version = data_version(st);
    return 0;
}

sayso_status so_store_load(so_store *st, sayso_error *err)
{
    int own = !st->in_txn && !sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL);
    so_map_free(&st->arts);
    int bad = load(st) || load_query(st, "SELECT ext_id, hash FROM articles", row_article);
    if (own)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    return bad ? so_store_sqlerr(st, err, "cannot load the store") : SAYSO_OK;
}

/* After a failure: drop the batch and resynchronise memory with the file. */
static sayso_status fail(so_store *st, sayso_error *err, const char *what)
{
    sayso_status rc = so_store_sqlerr(st, err, what);
    if (st->in_txn)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_txn = 0;
    st->spk_new = 0;
    if (!sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL)) {
        load(st);
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    }
    return rc;
}

static int begin(so_store *st)
{
    if (st->in_txn)
        return 0;
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return sqlfail(st);
    st->in_txn = 1;
    if (data_version(st) != st->data_version) /* another writer committed */
        return load(st);
    return 0;
}

int so_store_unchanged(so_store *st, const char *id_json, uint64_t hash)
{
    json_object *v = json_tokener_parse(id_json ? id_json : "null");
    const char *id = json_object_is_type(v, json_type_string) ? json_object_get_string(v)
                     : id_json                                 ? id_json
                                                               : "null";
    size_t n = json_object_is_type(v, json_type_string) ? (size_t)json_object_get_string_len(v)
                                                         : strlen(id);
    /* the id as stored: doc.c's a_str() turns NUL bytes into spaces */
    char *copy = memchr(id, 0, n) ? malloc(n + 1) : NULL;
    if (copy) {
        memcpy(copy, id, n);
        so_nul_spaces(copy, n);
        copy[n] = 0;
        id = copy;
    }
    uint64_t h = 0, k = key_hash(id);
    int hit = so_map_get(&st->arts, k, &h) && h == hash;
    if (!hit)
        so_map_put(&st->arts, k, hash); /* out of memory: only a missed skip later */
    free(copy);
    json_object_put(v);
    return hit;
}

/* ---- clusters ---- */

static int mark_dirty(so_store *st, int64_t cid)
{
    uint64_t v;
    if (so_map_get(&st->dirty_set, (uint64_t)cid, &v))
        return 0;
    if (so_grow(&st->dirty, &st->capdirty, st->ndirty + 1, sizeof *st->dirty, MAX_DIRTY))
        return -1;
    st->dirty[st->ndirty++] = cid;
    return so_map_put(&st->dirty_set, (uint64_t)cid, 1);
}

/* Remove the full-text row of cluster cid (its current text is needed);
** a cluster that is gone has none. */
static int fts_delete(so_store *st, int64_t cid)
{
    sqlite3_stmt *g = S(st, ST_CL_GET);
    bi(g, 1, cid, 0);
    int rc = sqlite3_step(g);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 0 : sqlfail(st);
    sqlite3_stmt *d = S(st, ST_FTS_DEL);
    bi(d, 1, cid, 0);
    sqlite3_bind_value(d, 2, sqlite3_column_value(g, 0));
    int bad = run(st, d);
    sqlite3_reset(g);
    return bad;
}

static int fts_insert(so_store *st, int64_t cid, const char *text)
{
    sqlite3_stmt *s = S(st, ST_FTS_INS);
    bi(s, 1, cid, 0);
    bt(s, 2, text);
    return run(st, s);
}

/* Merge cluster from into cluster to (both alive). */
static int merge(so_store *st, int64_t from, int64_t to)
{
    if (fts_delete(st, from))
        return -1;
    sqlite3_stmt *s = S(st, ST_Q_MOVE);
    bi(s, 1, from, 0);
    bi(s, 2, to, 0);
    if (run(st, s))
        return -1;
    s = S(st, ST_CL_DEL);
    bi(s, 1, from, 0);
    if (run(st, s))
        return -1;
    s = S(st, ST_ALIAS_INS);
    bi(s, 1, from, 0);
    bi(s, 2, to, 0);
    if (run(st, s))
        return -1;
    const so_dd_cluster *f = &st->dd.cl[from];
    if (so_dd_better(&st->dd, to, f->quoted, f->ntok) &&
        so_dd_set_rep(&st->dd, to, f->tok, f->ntok, f->quoted))
        return -1;
    so_dd_kill(&st->dd, from, to);
    return mark_dirty(st, to);
}

/* Recompute a touched cluster from its occurrences (or delete it). */
static int refresh(so_store *st, int64_t cid)
{
    sqlite3_stmt *g = S(st, ST_CL_GET);
    bi(g, 1, cid, 0);
    int rc = sqlite3_step(g);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 0 : sqlfail(st); /* DONE: merged away in this batch */
    sqlite3_stmt *r = S(st, ST_CL_REP);
    bi(r, 1, cid, 0);
    rc = sqlite3_step(r);
    if (rc == SQLITE_DONE) { /* no occurrence left */
        sqlite3_reset(g);
        sqlite3_stmt *d = S(st, ST_CL_DEL);
        bi(d, 1, cid, 0);
        so_dd_kill(&st->dd, cid, 0);
        return fts_delete(st, cid) || run(st, d) ? -1 : 0;
    }
    if (rc != SQLITE_ROW)
        return sqlfail(st);
    const char *old = (const char *)sqlite3_column_text(g, 0);
    const char *text = (const char *)sqlite3_column_text(r, 0);
    const char *norm = (const char *)sqlite3_column_text(r, 1);
    int bad = set_rep_norm(st, cid, norm, sqlite3_column_int(r, 3));
    if (!bad && strcmp(old ? old : "", text ? text : "")) {
        sqlite3_reset(g);
        sqlite3_stmt *u = S(st, ST_CL_SETREP);
        bi(u, 1, cid, 0);
        bt(u, 2, text);
        bt(u, 3, norm);
        bi(u, 4, sqlite3_column_int64(r, 2), 0);
        bi(u, 5, sqlite3_column_int64(r, 3), 0);
        bad = fts_delete(st, cid) || run(st, u) || fts_insert(st, cid, text);
    }
    sqlite3_reset(r);
    sqlite3_reset(g);
    sqlite3_stmt *s = S(st, ST_CL_STATS);
    bi(s, 1, cid, 0);
    return bad || run(st, s) ? -1 : 0;
}

static int64_t new_cluster(so_store *st, const so_sq *q, int64_t aid, const char *date,
                           int64_t spk)
{
    sqlite3_stmt *s = S(st, ST_CL_INS);
    bt(s, 1, q->content);
    bt(s, 2, q->norm);
    bi(s, 3, q->ntok, 0);
    bi(s, 4, aid, 0);
    bt(s, 5, date);
    bi(s, 6, spk, 1);
    bi(s, 7, q->quoted, 0);
    if (run(st, s))
        return -1;
    int64_t cid = sqlite3_last_insert_rowid(st->db);
    if (fts_insert(st, cid, q->content) ||
        so_dd_set_rep(&st->dd, cid, q->tok, q->ntok, q->quoted))
        return -1;
    so_dd_set_speaker(&st->dd, cid, surname(q->spk_key));
    return cid;
}

/* The cluster for quotation q: the best match, into which the other
** matches that are parts of q are merged; or a new cluster. */
static int64_t cluster_for(so_store *st, const so_sq *q, int64_t aid, const char *date,
                           int64_t spk)
{
    so_dd_hit m[MAX_MERGE];
    size_t n = q->ntok ? so_dd_find(&st->dd, q, surname(q->spk_key), m, MAX_MERGE) : 0;
    int64_t cid = n ? m[0].cid : new_cluster(st, q, aid, date, spk);
    if (cid < 0)
        return -1;
    for (size_t k = 1; k < n; k++)
        if (m[k].absorb && so_dd_resolve(&st->dd, m[k].cid) == m[k].cid && m[k].cid != cid &&
            merge(st, m[k].cid, cid))
            return -1;
    if (n && so_dd_better(&st->dd, cid, q->quoted, q->ntok) &&
        so_dd_set_rep(&st->dd, cid, q->tok, q->ntok, q->quoted))
        return -1;
    if (n && mark_dirty(st, cid))
        return -1;
    return so_dd_add_exact(&st->dd, q->exact, cid) ? -1 : cid;
}

/* ---- articles, speakers, quotes ---- */

/* The speaker map holds id << 2 | type known << 1 | gender known. */
static uint64_t spk_val(int64_t id, const char *type, const char *gender)
{
    return (uint64_t)id << 2 | (uint64_t)(type != NULL) << 1 | (uint64_t)(gender != NULL);
}

/* The id of the speaker with this key, added when new; a type or gender
** the store does not know yet is recorded. -1: no speaker, -2: error. */
static int64_t speaker_id(so_store *st, const char *key, const char *name, const char *type,
                          const char *gender)
{
    uint64_t v;
    if (!key)
        return -1;
    if (so_map_get(&st->spk, key_hash(key), &v)) {
        int64_t id = (int64_t)(v >> 2);
        type = v & 2 ? NULL : type;
        gender = v & 1 ? NULL : gender;
        if (!type && !gender)
            return id;
        sqlite3_stmt *u = S(st, ST_SPK_UPD);
        bi(u, 1, id, 0);
        bt(u, 2, type);
        bt(u, 3, gender);
        if (run(st, u) || so_map_put(&st->spk, key_hash(key), v | spk_val(0, type, gender)))
            return -2;
        return id;
    }
    const char *last = strrchr(key, ' ');
    sqlite3_stmt *s = S(st, ST_SPK_INS);
    bt(s, 1, key);
    bt(s, 2, last ? last + 1 : key);
    bt(s, 3, name);
    bt(s, 4, type);
    bt(s, 5, gender);
    if (run(st, s))
        return -2;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    if (!st->spk_new)
        st->spk_new = id;
    return so_map_put(&st->spk, key_hash(key), spk_val(id, type, gender)) ? -2 : id;
}

static int delete_article(so_store *st, int64_t aid)
{
    sqlite3_stmt *s = S(st, ST_ART_CLUSTERS);
    bi(s, 1, aid, 0);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (mark_dirty(st, sqlite3_column_int64(s, 0)))
            break;
    if (rc != SQLITE_DONE)
        sqlfail(st);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return -1;
    static const int del[] = {ST_QS_DEL_ART, ST_Q_DEL_ART, ST_ENT_DEL_ART, ST_ART_DEL};
    for (int k = 0; k < 4; k++) {
        s = S(st, del[k]);
        bi(s, 1, aid, 0);
        if (run(st, s))
            return -1;
    }
    return 0;
}

static int64_t insert_article(so_store *st, const so_store_doc *d)
{
    sqlite3_stmt *s = S(st, ST_ART_INS);
    bt(s, 1, d->ext_id);
    bi(s, 2, (int64_t)d->hash, 0);
    bt(s, 3, d->outlet);
    bt(s, 4, d->date);
    bt(s, 5, d->title);
    bt(s, 6, d->url);
    bt(s, 7, d->meta);
    if (d->text) /* bound or cleared every time: bindings outlive a reset */
        sqlite3_bind_text(s, 8, d->text, (int)d->len, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 8);
    bi(s, 9, (int64_t)d->len, 0);
    bi(s, 10, (int64_t)d->nq, 0);
    bi(s, 11, (int64_t)time(NULL), 0);
    return run(st, s) ? -1 : sqlite3_last_insert_rowid(st->db);
}

/* Store the entities: eid[k] gets entity k's row, spk[k] its speaker's
** id (-1: none). */
static int insert_entities(so_store *st, const so_store_doc *d, int64_t aid, int64_t *eid,
                           int64_t *spk_of)
{
    for (size_t k = 0; k < d->ne; k++) {
        const so_se *e = &d->e[k];
        int64_t spk = speaker_id(st, e->key, e->name, e->type, e->gender);
        if (spk < -1)
            return -1;
        sqlite3_stmt *s = S(st, ST_ENT_INS);
        bi(s, 1, aid, 0);
        bi(s, 2, (int64_t)k, 0);
        bt(s, 3, e->name);
        bt(s, 4, e->type);
        bt(s, 5, e->gender);
        bt(s, 6, e->roles);
        bt(s, 7, e->mentions);
        bi(s, 8, spk, 1);
        if (run(st, s))
            return -1;
        eid[k] = sqlite3_last_insert_rowid(st->db);
        spk_of[k] = spk;
    }
    return 0;
}

static const char *const kinds[] = {"direct", "mixed", "indirect"};

/* The co-speakers of quotation q, stored as quotes row qid, as the
** speakers of their entities (spk_of, from insert_entities). */
static int insert_co_speakers(so_store *st, const so_sq *q, const int64_t *spk_of, int64_t qid)
{
    for (size_t i = 0; i < q->nalso; i++) {
        int64_t spk = spk_of[q->also[i]];
        if (spk < 0)
            continue;
        sqlite3_stmt *s = S(st, ST_QS_INS);
        bi(s, 1, spk, 0);
        bi(s, 2, qid, 0);
        if (run(st, s))
            return -1;
    }
    return 0;
}

static int insert_quote(so_store *st, const so_store_doc *d, size_t k, int64_t aid,
                        const int64_t *eid, const int64_t *spk_of)
{
    const so_sq *q = &d->q[k];
    int64_t spk = speaker_id(st, q->spk_key, q->spk_name, NULL, NULL);
    int64_t cid = spk < -1 ? -1 : cluster_for(st, q, aid, d->date, spk);
    if (cid < 0)
        return -1;
    sqlite3_stmt *s = S(st, ST_Q_INS);
    bi(s, 1, aid, 0);
    bi(s, 2, (int64_t)k, 0);
    bi(s, 3, cid, 0);
    bt(s, 4, kinds[(unsigned)q->kind % 3]);
    bt(s, 5, q->content);
    bt(s, 6, q->content_spans);
    bt(s, 7, q->cue);
    bt(s, 8, q->cue_spans);
    bt(s, 9, q->source);
    bt(s, 10, q->source_spans);
    sqlite3_bind_double(s, 11, q->confidence);
    bi(s, 12, spk, 1);
    bi(s, 13, q->entity >= 0 ? eid[q->entity] : -1, 1);
    bt(s, 14, q->norm);
    bi(s, 15, q->ntok, 0);
    bi(s, 16, (int64_t)q->exact, 0);
    bi(s, 17, q->quoted, 0);
    return run(st, s) || insert_co_speakers(st, q, spk_of, sqlite3_last_insert_rowid(st->db));
}

/* Look the article up: 1 = stored with the same hash, 0 = absent or
** removed for replacement, -1 = error. */
static int replace_old(so_store *st, const so_store_doc *d, int force)
{
    sqlite3_stmt *s = S(st, ST_ART_FIND);
    bt(s, 1, d->ext_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s);
        return 0;
    }
    if (rc != SQLITE_ROW)
        return sqlfail(st);
    int64_t aid = sqlite3_column_int64(s, 0);
    int same = (uint64_t)sqlite3_column_int64(s, 1) == d->hash;
    sqlite3_reset(s);
    if (same && !force)
        return 1;
    return delete_article(st, aid) ? -1 : 0;
}

static int put(so_store *st, const so_store_doc *d, int force, int *skipped)
{
    int rc = replace_old(st, d, force);
    if (rc)
        return rc < 0 ? -1 : (*skipped = 1, 0);
    int64_t aid = insert_article(st, d);
    int64_t *eid = d->ne ? calloc(2 * d->ne, sizeof *eid) : NULL; /* rows, then speaker ids */
    int64_t *spk_of = eid ? eid + d->ne : NULL;
    int bad = aid < 0 || (d->ne && !eid) || insert_entities(st, d, aid, eid, spk_of);
    for (size_t k = 0; !bad && k < d->nq; k++)
        bad = insert_quote(st, d, k, aid, eid, spk_of);
    free(eid);
    return bad ? -1 : 0;
}

sayso_status so_store_put(so_store *st, so_store_doc *d, int force, int *ptr_skipped,
                          sayso_error *err)
{
    int skipped = 0;
    if (ptr_skipped)
        *ptr_skipped = 0;
    if (!st || !d || !(st->flags & SO_STORE_WRITE)) {
        so_store_doc_free(d);
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "so_store_put: not a writer");
    }
    sayso_status rc = SAYSO_OK;
    if (begin(st) || put(st, d, force, &skipped))
        rc = fail(st, err, "cannot store the article");
    so_store_doc_free(d);
    if (ptr_skipped)
        *ptr_skipped = skipped;
    return rc;
}

sayso_status so_store_commit(so_store *st, sayso_error *err)
{
    if (!st || !st->in_txn)
        return SAYSO_OK;
    for (size_t k = 0; k < st->ndirty; k++)
        if (refresh(st, st->dirty[k]))
            return fail(st, err, "cannot update quote clusters");
    st->ndirty = 0;
    so_map_free(&st->dirty_set);
    if (st->spk_new) {
        sqlite3_stmt *s = S(st, ST_SPK_CANON);
        bi(s, 1, st->spk_new, 0);
        if (run(st, s))
            return fail(st, err, "cannot update speakers");
        st->spk_new = 0;
    }
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail(st, err, "cannot commit");
    st->in_txn = 0;
    st->data_version = data_version(st);
    return SAYSO_OK;
}
