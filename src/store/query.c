/*
** query.c -- the read side of the quote store: search (speaker, full text,
** outlet, dates), top speakers, one cluster with its occurrences, and the
** JSON shapes the CLI's --json and the HTTP API share.
**
** SQL is assembled only from fixed fragments chosen by which filters are
** present; every user value is a bound parameter, and user words reach FTS5
** only through so_store_fts_query(), which quotes each term. So no input can
** change a statement's meaning. Rows are handed to callbacks one at a time.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/util.h"
#include "io/output.h"
#include "store/store_int.h"

#define MAX_LIMIT 10000
#define MAX_LIST 32
#define MAX_OCC 100000

/* ---- the name-matching SQL function ---- */

static void fn_name_match(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *q = (const char *)sqlite3_value_text(argv[0]);
    const char *k = (const char *)sqlite3_value_text(argv[1]);
    sqlite3_result_int(cx, q && k && so_store_name_match(q, k));
}

/* sayso_fold(x): x with every character lower-cased (utf8proc's simple
** mapping, so SÜD and süd agree, which COLLATE NOCASE does only for ASCII);
** an invalid byte is kept. NULL stays NULL. */
static void fn_fold(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const uint8_t *s = sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    if (!s) {
        sqlite3_result_null(cx);
        return;
    }
    uint8_t *out = sqlite3_malloc64((sqlite3_uint64)n * 2 + 1); /* a lower case: at most 2x */
    if (!out) {
        sqlite3_result_error_nomem(cx);
        return;
    }
    int o = 0;
    for (int i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, n - i, &c);
        if (k < 1) {
            out[o++] = s[i++];
            continue;
        }
        o += (int)utf8proc_encode_char(utf8proc_tolower(c), out + o);
        i += (int)k;
    }
    sqlite3_result_text(cx, (const char *)out, o, sqlite3_free);
}

int so_store_register(sqlite3 *db)
{
    int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    return sqlite3_create_function(db, "sayso_name_match", 2, f, NULL, fn_name_match, NULL,
                                   NULL) == SQLITE_OK &&
                   sqlite3_create_function(db, "sayso_fold", 1, f, NULL, fn_fold, NULL, NULL) ==
                       SQLITE_OK
               ? 0
               : -1;
}

/* ---- filters ---- */

int so_store_valid_date(const char *s)
{
    size_t n = strlen(s);
    static const char pat[] = "dddd-dd-dd";
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (pat[k] == 'd' ? (s[k] < '0' || s[k] > '9') : s[k] != '-')
            return 0;
    int y = atoi(s), m = n > 4 ? atoi(s + 5) : 1, d = n > 7 ? atoi(s + 8) : 1;
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && d >= 1 && d <= (m == 2 && !leap ? 28 : days[m - 1]);
}

typedef struct prepared_q {
    char fts[1200];
    char key[4 * SO_MAX_NAME + 8];
    const char *last;
    int has_text, has_speaker;
} prepared_q;

static sayso_status prep_query(const so_store_query *q, prepared_q *p, sayso_error *err)
{
    memset(p, 0, sizeof *p);
    if ((q->since && !so_store_valid_date(q->since)) ||
        (q->until && !so_store_valid_date(q->until)))
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX,
                       "dates are YYYY, YYYY-MM or YYYY-MM-DD, and real ones");
    if (q->limit < 0 || q->offset < 0)
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "limit and offset must be >= 0");
    so_sbuf b;
    if (q->text) {
        so_sb_init(&b, sizeof p->fts - 1);
        int terms = so_store_fts_query(q->text, &b);
        if (terms < 0)
            so_sb_free(&b);
        if (terms == -2)
            return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX,
                           "search text of more than %d words or phrases", SO_FTS_MAX_TERMS);
        if (terms < 0)
            return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "search text too long");
        if (b.len)
            memcpy(p->fts, b.p, b.len);
        p->has_text = terms > 0 ? 1 : -1; /* -1: nothing searchable, no rows */
        so_sb_free(&b);
    }
    if (q->speaker) {
        so_sb_init(&b, sizeof p->key - 1);
        long n = so_store_name_key(q->speaker, strlen(q->speaker), &b);
        if (n < 0)
            return so_sb_free(&b),
                   so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "speaker name too long");
        if (b.len)
            memcpy(p->key, b.p, b.len);
        so_sb_free(&b);
        p->has_speaker = n > 0 ? 1 : -1;
        const char *sp = strrchr(p->key, ' ');
        p->last = n > 1 && sp ? sp + 1 : NULL;
    }
    return SAYSO_OK;
}

/* The occurrence conditions (quotes q joined with articles a). */
static int ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* The speakers a --speaker query matches. */
static const char *matching(const prepared_q *p)
{
    return p->last ? "(SELECT id FROM speakers WHERE last = :last AND sayso_name_match(:skey, key))"
                   : "(SELECT id FROM speakers WHERE sayso_name_match(:skey, key))";
}

/* The occurrence conditions; spk: the speaker column to filter (NULL: the
** quotation's speaker or one of its co-speakers). */
static void occ_where(so_sbuf *s, const so_store_query *q, const prepared_q *p, const char *spk)
{
    if (p->has_speaker && spk) {
        so_sb_printf(s, " AND %s IN ", spk);
        so_sb_str(s, matching(p));
    } else if (p->has_speaker) {
        so_sb_str(s, " AND (q.speaker IN ");
        so_sb_str(s, matching(p));
        so_sb_str(s, " OR q.id IN (SELECT quote FROM quote_speakers WHERE speaker IN ");
        so_sb_str(s, matching(p));
        so_sb_str(s, "))");
    }
    if (q->outlet) /* ASCII: the NOCASE index; else a scan with sayso_fold */
        so_sb_str(s, ascii(q->outlet) ? " AND a.outlet = :outlet COLLATE NOCASE"
                                            : " AND sayso_fold(a.outlet) = sayso_fold(:outlet)");
    if (q->since)
        so_sb_str(s, " AND a.date >= :since");
    if (q->until)
        so_sb_str(s, " AND a.date IS NOT NULL AND substr(a.date, 1, length(:until)) <= :until");
}

static void bind_name(sqlite3_stmt *s, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i && v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_all(sqlite3_stmt *s, const so_store_query *q, const prepared_q *p)
{
    bind_name(s, ":last", p->last);
    bind_name(s, ":skey", p->key);
    bind_name(s, ":outlet", q->outlet);
    bind_name(s, ":since", q->since);
    bind_name(s, ":until", q->until);
    bind_name(s, ":fts", p->fts);
    long lim = q->limit ? q->limit : 20;
    int i = sqlite3_bind_parameter_index(s, ":limit");
    if (i)
        sqlite3_bind_int64(s, i, lim > MAX_LIMIT ? MAX_LIMIT : lim);
    if ((i = sqlite3_bind_parameter_index(s, ":offset")))
        sqlite3_bind_int64(s, i, q->offset);
}

/* ---- rows ---- */

typedef struct list_buf {
    char text[2048];
    const char *item[MAX_LIST];
    long count[MAX_LIST];
} list_buf;

/* Split "a\x1f3\x1eb\x1f1" (items with optional counts) into a list. */
static so_store_list split_list(const char *s, list_buf *lb, int counted)
{
    so_store_list l = {lb->item, counted ? lb->count : NULL, 0};
    if (!s)
        return l;
    snprintf(lb->text, sizeof lb->text, "%s", s);
    char *p = lb->text;
    while (*p && l.n < MAX_LIST) {
        char *end = strchr(p, '\x1e');
        if (end)
            *end = 0;
        char *c = strchr(p, '\x1f');
        if (c)
            *c = 0;
        lb->count[l.n] = c ? atol(c + 1) : 0;
        lb->item[l.n++] = p;
        if (!end)
            break;
        p = end + 1;
    }
    return l;
}

static const char *col(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

#define CLUSTER_COLS                                                                         \
    "c.id, c.text, sp.name, sp.type, c.n_occurrences, c.n_articles, fa.ext_id, c.first_date," \
    " fa.outlet, fa.title, (SELECT group_concat(o, char(30)) FROM (SELECT a2.outlet AS o"      \
    " FROM quotes q2 JOIN articles a2 ON a2.id = q2.article WHERE q2.cluster = c.id AND"       \
    " a2.outlet IS NOT NULL GROUP BY a2.outlet ORDER BY count(*) DESC, a2.outlet LIMIT 32))"
#define CLUSTER_JOINS                                                                        \
    " LEFT JOIN speakers sp0 ON sp0.id = c.speaker"                                          \
    " LEFT JOIN speakers sp ON sp.id = coalesce(sp0.canon, sp0.id)"                           \
    " LEFT JOIN articles fa ON fa.id = c.first_article"

/* What the row functions hand rows to. */
typedef struct sink {
    so_store_cluster_fn fc;
    so_store_occurrence_fn fo;
    so_store_speaker_fn fs;
    void *ctx;
    so_store *st;
    sayso_error *err;
    sayso_status rc;
    int found;
} sink;

static int cluster_row(sqlite3_stmt *s, sink *k)
{
    list_buf lb;
    so_store_cluster c = {
        .id = sqlite3_column_int64(s, 0), .text = col(s, 1), .speaker = col(s, 2),
        .speaker_type = col(s, 3), .n_occurrences = (long)sqlite3_column_int64(s, 4),
        .n_articles = (long)sqlite3_column_int64(s, 5), .first_article = col(s, 6),
        .first_date = col(s, 7), .first_outlet = col(s, 8), .first_title = col(s, 9),
        .outlets = split_list(col(s, 10), &lb, 0)};
    if (!c.text)
        c.text = "";
    return k->fc(k->ctx, &c);
}

/* Prepare sql, bind the filters, hand each row to row(); stops early when
** row() returns non-zero. */
static sayso_status run_rows(so_store *st, const char *sql, const so_store_query *q,
                             const prepared_q *p, int (*row)(sqlite3_stmt *, sink *), sink *k,
                             sayso_error *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return so_store_sqlerr(st, err, "query");
    if (q && p)
        bind_all(s, q, p);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (row(s, k))
            break;
    sayso_status out = rc == SQLITE_ROW || rc == SQLITE_DONE ? SAYSO_OK
                                                             : so_store_sqlerr(st, err, "query");
    sqlite3_finalize(s);
    return out != SAYSO_OK ? out : k->rc;
}

sayso_status so_store_search(so_store *st, const so_store_query *q, so_store_cluster_fn fn,
                             void *ctx, sayso_error *err)
{
    prepared_q p;
    sayso_status rc = prep_query(q, &p, err);
    if (rc != SAYSO_OK || p.has_text < 0 || p.has_speaker < 0)
        return rc;
    so_sbuf s;
    so_sb_init(&s, 4096);
    so_sb_str(&s, "SELECT " CLUSTER_COLS " FROM ");
    so_sb_str(&s, p.has_text ? "quote_fts f JOIN clusters c ON c.id = f.rowid" : "clusters c");
    so_sb_str(&s, CLUSTER_JOINS " WHERE 1");
    if (p.has_text)
        so_sb_str(&s, " AND quote_fts MATCH :fts");
    if (p.has_speaker || q->outlet || q->since || q->until) {
        so_sb_str(&s, " AND c.id IN (SELECT q.cluster FROM quotes q JOIN articles a"
                      " ON a.id = q.article WHERE 1");
        occ_where(&s, q, &p, NULL);
        so_sb_str(&s, ")");
    }
    so_sb_str(&s, p.has_text ? " ORDER BY f.rank, c.id" : " ORDER BY c.first_date DESC, c.id DESC");
    so_sb_str(&s, " LIMIT :limit OFFSET :offset");
    if (s.failed) {
        so_sb_free(&s);
        return so_fail(err, SAYSO_ERR_INTERNAL, SIZE_MAX, "query too long");
    }
    sink k = {.fc = fn, .ctx = ctx, .st = st, .err = err};
    rc = run_rows(st, s.p, q, &p, cluster_row, &k, err);
    so_sb_free(&s);
    return rc;
}

/* ---- speakers ---- */

static const char *const speaker_lists[2] = {
    "SELECT group_concat(v || char(31) || n, char(30)) FROM (SELECT j.value AS v, count(*) AS n"
    " FROM entities e, json_each(e.roles) j WHERE e.speaker IN (SELECT id FROM speakers"
    " WHERE coalesce(canon, id) = ?1) GROUP BY j.value ORDER BY n DESC, v LIMIT 32)",
    "SELECT group_concat(o || char(31) || n, char(30)) FROM (SELECT a.outlet AS o, count(*) AS n"
    " FROM quotes q JOIN articles a ON a.id = q.article WHERE (q.speaker IN (SELECT id FROM"
    " speakers WHERE coalesce(canon, id) = ?1) OR q.id IN (SELECT quote FROM quote_speakers"
    " WHERE speaker IN (SELECT id FROM speakers WHERE coalesce(canon, id) = ?1)))"
    " AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY n DESC, o LIMIT 32)"};

/* One list of a speaker (roles or outlets), split into lb. */
static int speaker_list(so_store *st, int which, int64_t id, list_buf *lb, so_store_list *out)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db, speaker_lists[which], -1, &s, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *out = split_list(rc == SQLITE_ROW ? col(s, 0) : NULL, lb, 1);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int speaker_row(sqlite3_stmt *s, sink *k)
{
    list_buf roles, outlets;
    so_store_speaker sp = {
        .id = sqlite3_column_int64(s, 0), .name = col(s, 1), .type = col(s, 2),
        .gender = col(s, 3), .n_quotes = (long)sqlite3_column_int64(s, 4),
        .n_clusters = (long)sqlite3_column_int64(s, 5),
        .n_articles = (long)sqlite3_column_int64(s, 6)};
    if (!sp.name)
        sp.name = "";
    if (speaker_list(k->st, 0, sp.id, &roles, &sp.roles) ||
        speaker_list(k->st, 1, sp.id, &outlets, &sp.outlets)) {
        k->rc = so_store_sqlerr(k->st, k->err, "query");
        return 1;
    }
    return k->fs(k->ctx, &sp);
}

sayso_status so_store_speakers(so_store *st, const so_store_query *q, so_store_speaker_fn fn,
                               void *ctx, sayso_error *err)
{
    prepared_q p;
    so_store_query q2 = *q;
    q2.text = NULL;
    sayso_status rc = prep_query(&q2, &p, err);
    if (rc != SAYSO_OK || p.has_speaker < 0)
        return rc;
    so_sbuf s;
    so_sb_init(&s, 4096);
    /* every quotation under its speaker and under each co-speaker */
    so_sb_str(&s, "SELECT cs.id, cs.name, cs.type, cs.gender, count(*) AS nq,"
                  " count(DISTINCT q.cluster), count(DISTINCT q.article)"
                  " FROM (SELECT id AS qid, speaker AS sid FROM quotes WHERE speaker IS NOT NULL"
                  " UNION ALL SELECT quote, speaker FROM quote_speakers) qs"
                  " JOIN quotes q ON q.id = qs.qid JOIN speakers s ON s.id = qs.sid"
                  " JOIN speakers cs ON cs.id = coalesce(s.canon, s.id)");
    if (q->outlet || q->since || q->until)
        so_sb_str(&s, " JOIN articles a ON a.id = q.article");
    so_sb_str(&s, " WHERE 1");
    occ_where(&s, &q2, &p, "qs.sid");
    so_sb_str(&s, " GROUP BY cs.id ORDER BY nq DESC, cs.name, cs.id LIMIT :limit OFFSET :offset");
    if (s.failed) {
        so_sb_free(&s);
        return so_fail(err, SAYSO_ERR_INTERNAL, SIZE_MAX, "query too long");
    }
    sink k = {.fs = fn, .ctx = ctx, .st = st, .err = err};
    rc = run_rows(st, s.p, &q2, &p, speaker_row, &k, err);
    so_sb_free(&s);
    return rc;
}

/* ---- one cluster ---- */

static int occurrence_row(sqlite3_stmt *s, sink *k)
{
    so_store_occurrence o = {
        .id = sqlite3_column_int64(s, 0), .cluster = sqlite3_column_int64(s, 1),
        .article = col(s, 2), .outlet = col(s, 3), .date = col(s, 4), .title = col(s, 5),
        .url = col(s, 6), .kind = col(s, 7), .content = col(s, 8), .content_spans = col(s, 9),
        .cue = col(s, 10), .cue_spans = col(s, 11), .source = col(s, 12),
        .source_spans = col(s, 13), .speaker = col(s, 14),
        .confidence = sqlite3_column_double(s, 15)};
    list_buf also;
    o.co_speakers = split_list(col(s, 16), &also, 0);
    if (!o.content)
        o.content = "";
    return k->fo(k->ctx, &o);
}

/* Follow merges: the live cluster id for id, or 0. */
static int64_t live_id(so_store *st, int64_t id)
{
    sqlite3_stmt *c = NULL, *a = NULL;
    int64_t out = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM clusters WHERE id = ?1", -1, &c, NULL) ||
        sqlite3_prepare_v2(st->db, "SELECT into_id FROM cluster_alias WHERE id = ?1", -1, &a,
                           NULL))
        id = 0;
    for (int hops = 0; id > 0 && hops < 64 && !out; hops++) {
        sqlite3_reset(c);
        sqlite3_bind_int64(c, 1, id);
        if (sqlite3_step(c) == SQLITE_ROW) {
            out = id;
            break;
        }
        sqlite3_reset(a);
        sqlite3_bind_int64(a, 1, id);
        id = sqlite3_step(a) == SQLITE_ROW ? sqlite3_column_int64(a, 0) : 0;
    }
    sqlite3_finalize(c);
    sqlite3_finalize(a);
    return out;
}

static int found_row(sqlite3_stmt *s, sink *k)
{
    k->found = 1;
    return cluster_row(s, k);
}

sayso_status so_store_quote(so_store *st, int64_t id, so_store_cluster_fn fc,
                            so_store_occurrence_fn fo, void *ctx, int *ptr_found,
                            sayso_error *err)
{
    *ptr_found = 0;
    int64_t live = live_id(st, id);
    if (!live)
        return SAYSO_OK;
    char sql[2048];
    snprintf(sql, sizeof sql, "SELECT " CLUSTER_COLS " FROM clusters c" CLUSTER_JOINS
             " WHERE c.id = %lld", (long long)live);
    sink k = {.fc = fc, .fo = fo, .ctx = ctx, .st = st, .err = err};
    sayso_status rc = run_rows(st, sql, NULL, NULL, found_row, &k, err);
    *ptr_found = k.found; /* 0: merged or deleted between the two statements */
    if (rc != SAYSO_OK || !k.found || !fo)
        return rc;
    snprintf(sql, sizeof sql,
             "SELECT q.id, q.cluster, a.ext_id, a.outlet, a.date, a.title, a.url, q.kind,"
             " q.content, q.content_spans, q.cue, q.cue_spans, q.source, q.source_spans,"
             " s.name, q.confidence, (SELECT group_concat(s2.name, char(30)) FROM"
             " (SELECT s3.name FROM quote_speakers x JOIN speakers s3 ON s3.id = x.speaker"
             " WHERE x.quote = q.id ORDER BY s3.id) s2) FROM quotes q JOIN articles a"
             " ON a.id = q.article LEFT JOIN speakers s ON s.id = q.speaker WHERE q.cluster = %lld"
             " ORDER BY a.date IS NULL, a.date, a.id, q.ord LIMIT %d",
             (long long)live, MAX_OCC);
    return run_rows(st, sql, NULL, NULL, occurrence_row, &k, err);
}

/* ---- JSON ---- */

static void jstr(so_sbuf *b, const char *s)
{
    if (s)
        so_json_str(b, s, strlen(s));
    else
        so_sb_add(b, "null", 4);
}

/* Spans are stored as JSON written by doc.c; anything else becomes []. */
static void jspans(so_sbuf *b, const char *s)
{
    int ok = s && *s == '[';
    for (const char *p = s; ok && *p; p++)
        ok = strchr("[],0123456789", *p) != NULL;
    so_sb_str(b, ok ? s : "[]");
}

static void jlist(so_sbuf *b, const so_store_list *l, const char *key, const char *ckey)
{
    so_sb_add(b, "[", 1);
    for (size_t k = 0; k < l->n; k++) {
        so_sb_str(b, k ? "," : "");
        if (l->count) {
            so_sb_printf(b, "{\"%s\":", key);
            jstr(b, l->item[k]);
            so_sb_printf(b, ",\"%s\":%ld}", ckey, l->count[k]);
        } else {
            jstr(b, l->item[k]);
        }
    }
    so_sb_add(b, "]", 1);
}

int so_store_cluster_json(so_sbuf *b, const so_store_cluster *c)
{
    so_sb_printf(b, "{\"id\":%lld,\"text\":", (long long)c->id);
    jstr(b, c->text);
    so_sb_str(b, ",\"speaker\":");
    jstr(b, c->speaker);
    so_sb_str(b, ",\"speaker_type\":");
    jstr(b, c->speaker_type);
    so_sb_printf(b, ",\"n_occurrences\":%ld,\"n_articles\":%ld,\"first_seen\":{\"article\":",
                 c->n_occurrences, c->n_articles);
    jstr(b, c->first_article);
    so_sb_str(b, ",\"date\":");
    jstr(b, c->first_date);
    so_sb_str(b, ",\"outlet\":");
    jstr(b, c->first_outlet);
    so_sb_str(b, ",\"title\":");
    jstr(b, c->first_title);
    so_sb_str(b, "},\"outlets\":");
    jlist(b, &c->outlets, NULL, NULL);
    so_sb_add(b, "}", 1);
    return b->failed ? -1 : 0;
}

static void jrole(so_sbuf *b, const char *name, const char *text, const char *spans)
{
    so_sb_printf(b, ",\"%s\":", name);
    if (!text) {
        so_sb_str(b, "null");
        return;
    }
    so_sb_str(b, "{\"text\":");
    jstr(b, text);
    so_sb_str(b, ",\"spans\":");
    jspans(b, spans);
    so_sb_add(b, "}", 1);
}

int so_store_occurrence_json(so_sbuf *b, const so_store_occurrence *o)
{
    so_sb_printf(b, "{\"id\":%lld,\"cluster\":%lld,\"article\":{\"id\":", (long long)o->id,
                 (long long)o->cluster);
    jstr(b, o->article);
    so_sb_str(b, ",\"outlet\":");
    jstr(b, o->outlet);
    so_sb_str(b, ",\"date\":");
    jstr(b, o->date);
    so_sb_str(b, ",\"title\":");
    jstr(b, o->title);
    so_sb_str(b, ",\"url\":");
    jstr(b, o->url);
    so_sb_str(b, "},\"kind\":");
    jstr(b, o->kind);
    jrole(b, "content", o->content, o->content_spans);
    jrole(b, "cue", o->cue, o->cue_spans);
    jrole(b, "source", o->source, o->source_spans);
    so_sb_str(b, ",\"speaker\":");
    jstr(b, o->speaker);
    if (o->co_speakers.n) { /* only when the source named several people, as in extract */
        so_sb_str(b, ",\"co_speakers\":[");
        for (size_t i = 0; i < o->co_speakers.n; i++) {
            if (i)
                so_sb_add(b, ",", 1);
            jstr(b, o->co_speakers.item[i]);
        }
        so_sb_add(b, "]", 1);
    }
    so_sb_printf(b, ",\"confidence\":%.3f}", o->confidence);
    return b->failed ? -1 : 0;
}

int so_store_speaker_json(so_sbuf *b, const so_store_speaker *s)
{
    so_sb_printf(b, "{\"id\":%lld,\"name\":", (long long)s->id);
    jstr(b, s->name);
    so_sb_str(b, ",\"type\":");
    jstr(b, s->type);
    so_sb_str(b, ",\"gender\":");
    jstr(b, s->gender);
    so_sb_printf(b, ",\"n_quotes\":%ld,\"n_clusters\":%ld,\"n_articles\":%ld,\"roles\":",
                 s->n_quotes, s->n_clusters, s->n_articles);
    so_store_list roles = s->roles;
    roles.count = NULL; /* roles are listed most frequent first, without counts */
    jlist(b, &roles, NULL, NULL);
    so_sb_str(b, ",\"outlets\":");
    jlist(b, &s->outlets, "outlet", "quotes");
    so_sb_add(b, "}", 1);
    return b->failed ? -1 : 0;
}

/* ---- whole answers as JSON ---- */

typedef struct jctx {
    so_sbuf *b;
    size_t n;
} jctx;

static int j_cluster(void *ctx, const so_store_cluster *c)
{
    jctx *j = ctx;
    so_sb_str(j->b, j->n++ ? "," : "");
    return so_store_cluster_json(j->b, c);
}

static int j_speaker(void *ctx, const so_store_speaker *s)
{
    jctx *j = ctx;
    so_sb_str(j->b, j->n++ ? "," : "");
    return so_store_speaker_json(j->b, s);
}

static int j_occ(void *ctx, const so_store_occurrence *o)
{
    jctx *j = ctx;
    so_sb_str(j->b, j->n++ ? "," : "");
    return so_store_occurrence_json(j->b, o);
}

/* A cluster object left open for its occurrences: drop the final '}'. */
static int j_cluster_open(void *ctx, const so_store_cluster *c)
{
    jctx *j = ctx;
    if (so_store_cluster_json(j->b, c))
        return -1;
    j->b->len--;
    return so_sb_str(j->b, ",\"occurrences\":[");
}

static sayso_status json_end(so_sbuf *out, size_t mark, sayso_status rc, sayso_error *err)
{
    if (rc == SAYSO_OK && out->failed)
        rc = so_fail(err, SAYSO_ERR_TOOBIG, SIZE_MAX, "the answer is too large");
    if (rc != SAYSO_OK) {
        out->len = mark;
        out->failed = 0;
        if (out->p)
            out->p[mark] = 0;
    }
    return rc;
}

sayso_status so_store_search_json(so_store *st, const so_store_query *q, so_sbuf *out,
                                  sayso_error *err)
{
    size_t mark = out->len;
    jctx j = {out, 0};
    so_sb_add(out, "[", 1);
    sayso_status rc = so_store_search(st, q, j_cluster, &j, err);
    so_sb_add(out, "]", 1);
    return json_end(out, mark, rc, err);
}

sayso_status so_store_speakers_json(so_store *st, const so_store_query *q, so_sbuf *out,
                                    sayso_error *err)
{
    size_t mark = out->len;
    jctx j = {out, 0};
    so_sb_add(out, "[", 1);
    sayso_status rc = so_store_speakers(st, q, j_speaker, &j, err);
    so_sb_add(out, "]", 1);
    return json_end(out, mark, rc, err);
}

sayso_status so_store_quote_json(so_store *st, int64_t id, so_sbuf *out, int *ptr_found,
                                 sayso_error *err)
{
    size_t mark = out->len;
    jctx j = {out, 0};
    sayso_status rc = so_store_quote(st, id, j_cluster_open, j_occ, &j, ptr_found, err);
    if (*ptr_found)
        so_sb_add(out, "]}", 2);
    return json_end(out, mark, rc, err);
}
