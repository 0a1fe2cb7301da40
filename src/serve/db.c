/*
** db.c -- GET /healthz and the quote-store endpoints, which call the store
** API (src/store/store.h) and reuse its JSON writers:
**   /v1/quotes?speaker=&q=&outlet=&since=&until=&limit=&offset=
**       {"quotes":[CLUSTER...],"limit":L,"offset":O,"next_offset":N|null}
**   /v1/quotes/{id}    CLUSTER with "occurrences", or 404
**   /v1/speakers?speaker=&outlet=&since=&until=&limit=
**       {"speakers":[SPEAKER...],"gender":{"female":F,"male":M,"unknown":U}}
** Without --db they answer 404 no_database. A store handle serves one
** request at a time; idle handles wait in a small pool in the so_srv.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/srv_int.h"
#include "store/store.h"

#define POOL_MAX 256
#define OUT_MAX ((size_t)32 << 20)
#define ARG_MAX 512
#define LIMIT_MAX 1000L
#define GENDER_SCAN 10000L /* speakers counted for the gender shares */

int so_srv_db_open(so_srv *s, char *err)
{
    pthread_mutex_init(&s->db.lock, NULL);
    if (!s->cfg.db_path)
        return 0;
    so_store *st = NULL;
    sayso_error e;
    if (so_store_open(s->cfg.db_path, SO_STORE_READ, &st, &e) != SAYSO_OK) {
        snprintf(err, SO_SRV_ERR_LEN, "%.100s: %.140s", s->cfg.db_path, e.message);
        return -1;
    }
    s->db.idle = malloc(sizeof *s->db.idle);
    if (!s->db.idle) {
        so_store_close(st);
        snprintf(err, SO_SRV_ERR_LEN, "out of memory");
        return -1;
    }
    s->db.idle[0] = st;
    s->db.n = s->db.cap = 1;
    return 0;
}

void so_srv_db_close(so_srv *s)
{
    for (size_t k = 0; k < s->db.n; k++)
        so_store_close(s->db.idle[k]);
    free(s->db.idle);
    s->db.idle = NULL;
    s->db.n = s->db.cap = 0;
    pthread_mutex_destroy(&s->db.lock);
}

static so_store *acquire(so_srv *s, sayso_error *e)
{
    so_store *st = NULL;
    pthread_mutex_lock(&s->db.lock);
    if (s->db.n)
        st = s->db.idle[--s->db.n];
    pthread_mutex_unlock(&s->db.lock);
    if (!st && so_store_open(s->cfg.db_path, SO_STORE_READ, &st, e) != SAYSO_OK)
        return NULL;
    return st;
}

/* Back to the pool, or closed when the pool is full or the handle failed. */
static void release(so_srv *s, so_store *st, int failed)
{
    pthread_mutex_lock(&s->db.lock);
    if (!failed && s->db.n == s->db.cap && s->db.cap < POOL_MAX) {
        so_store **p = realloc(s->db.idle, 2 * s->db.cap * sizeof *p);
        if (p) {
            s->db.idle = p;
            s->db.cap *= 2;
        }
    }
    if (!failed && s->db.n < s->db.cap) {
        s->db.idle[s->db.n++] = st;
        st = NULL;
    }
    pthread_mutex_unlock(&s->db.lock);
    so_store_close(st);
}

enum MHD_Result so_srv_health(so_srv *s, struct MHD_Connection *c, so_srv_req *r)
{
    (void)r;
    so_sbuf b;
    so_sb_init(&b, 1024);
    so_sb_printf(&b,
                 "{\"status\":\"ok\",\"version\":\"%s\",\"database\":%s,"
                 "\"connections\":%u,\"in_flight\":%u}\n",
                 sayso_version(), s->cfg.db_path ? "true" : "false", atomic_load(&s->conns),
                 atomic_load(&s->inflight));
    return so_srv_reply(s, c, MHD_HTTP_OK, "application/json", &b);
}

static enum MHD_Result db_error(so_srv *s, struct MHD_Connection *c, const sayso_error *e)
{
    if (e->code == SAYSO_ERR_INVALID) /* a query the store refuses (too many words) */
        return so_srv_error(s, c, MHD_HTTP_BAD_REQUEST, "bad_parameter", "%s", e->message);
    if (e->code == SAYSO_ERR_IO || e->code == SAYSO_ERR_NOMEM)
        return so_srv_error(s, c, MHD_HTTP_SERVICE_UNAVAILABLE, "database_unavailable", "%s",
                            e->message);
    return so_srv_error(s, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "database_error", "%s",
                        e->message);
}

/* A text parameter: at most ARG_MAX bytes, else *bad names it. */
static const char *text_arg(struct MHD_Connection *c, const char *name, const char **bad)
{
    const char *v = so_srv_arg(c, name);
    if (v && strlen(v) > ARG_MAX)
        *bad = name;
    return v;
}

/* Fill q from the query string; NULL, or the name of the bad parameter. */
static const char *parse_query(struct MHD_Connection *c, so_store_query *q, long def_limit)
{
    const char *bad = NULL;
    memset(q, 0, sizeof *q);
    q->speaker = text_arg(c, "speaker", &bad);
    q->text = text_arg(c, "q", &bad);
    q->outlet = text_arg(c, "outlet", &bad);
    q->since = so_srv_arg(c, "since");
    q->until = so_srv_arg(c, "until");
    if (q->since && !so_store_valid_date(q->since))
        return "since";
    if (q->until && !so_store_valid_date(q->until))
        return "until";
    if (so_srv_arg_long(c, "limit", 1, LIMIT_MAX, def_limit, &q->limit))
        return "limit";
    if (so_srv_arg_long(c, "offset", 0, 1000000000L, 0, &q->offset))
        return "offset";
    return bad;
}

static enum MHD_Result bad_param(so_srv *s, struct MHD_Connection *c, const char *name)
{
    return so_srv_error(s, c, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                        "bad value for '%s' (dates are YYYY-MM-DD, limit 1..%ld, offset >= 0, "
                        "texts at most %d bytes)", name, LIMIT_MAX, ARG_MAX);
}

static enum MHD_Result no_db(so_srv *s, struct MHD_Connection *c)
{
    return so_srv_error(s, c, MHD_HTTP_NOT_FOUND, "no_database",
                        "this server has no quote database (start it with --db FILE.db)");
}

/* Fills out from st for one request; *found = 0 when the item asked for
** does not exist. SAYSO_OK, or an error in e. */
typedef sayso_status (*db_fill)(so_store *st, void *arg, so_sbuf *out, int *found,
                                sayso_error *e);

/* The common part of the database endpoints: borrow a store handle, fill
** the body, give the handle back; reply 200 with the body, 404 with
** message missing, or the database error. */
static enum MHD_Result run_db(so_srv *s, struct MHD_Connection *c, db_fill fill, void *arg,
                              const char *missing)
{
    sayso_error e;
    so_store *st = acquire(s, &e);
    if (!st)
        return db_error(s, c, &e);
    so_sbuf out;
    so_sb_init(&out, OUT_MAX);
    int found = 1;
    sayso_status rc = fill(st, arg, &out, &found, &e);
    release(s, st, rc != SAYSO_OK);
    if (rc != SAYSO_OK || !found) {
        so_sb_free(&out);
        return rc != SAYSO_OK ? db_error(s, c, &e)
                              : so_srv_error(s, c, MHD_HTTP_NOT_FOUND, "not_found", "%s", missing);
    }
    return so_srv_reply(s, c, MHD_HTTP_OK, "application/json", &out);
}

typedef struct rows {
    so_sbuf *out;
    long n, limit;
    int more;
} rows;

static int on_cluster(void *ctx, const so_store_cluster *cl)
{
    rows *r = ctx;
    if (r->n == r->limit) {
        r->more = 1;
        return 1;
    }
    if (r->n++)
        so_sb_add(r->out, ",", 1);
    so_store_cluster_json(r->out, cl);
    return 0;
}

static sayso_status quotes_json(so_store *st, void *arg, so_sbuf *out, int *found,
                                sayso_error *e)
{
    so_store_query *q = arg;
    rows rw = {.out = out, .limit = q->limit};
    (void)found;
    so_sb_str(out, "{\"quotes\":[");
    q->limit++; /* one more row tells whether there is a next page */
    sayso_status rc = so_store_search(st, q, on_cluster, &rw, e);
    so_sb_printf(out, "],\"limit\":%ld,\"offset\":%ld,\"next_offset\":", rw.limit, q->offset);
    if (rw.more)
        so_sb_printf(out, "%ld}\n", q->offset + rw.limit);
    else
        so_sb_str(out, "null}\n");
    return rc;
}

enum MHD_Result so_srv_quotes(so_srv *s, struct MHD_Connection *c, so_srv_req *r)
{
    (void)r;
    if (!s->cfg.db_path)
        return no_db(s, c);
    so_store_query q;
    const char *bad = parse_query(c, &q, 20);
    return bad ? bad_param(s, c, bad) : run_db(s, c, quotes_json, &q, NULL);
}

static sayso_status quote_json(so_store *st, void *arg, so_sbuf *out, int *found,
                               sayso_error *e)
{
    sayso_status rc = so_store_quote_json(st, *(const int64_t *)arg, out, found, e);
    so_sb_add(out, "\n", 1);
    return rc;
}

enum MHD_Result so_srv_quote(so_srv *s, struct MHD_Connection *c, so_srv_req *r)
{
    if (!s->cfg.db_path)
        return no_db(s, c);
    const char *p = strrchr(r->url, '/') + 1;
    char *end, missing[64];
    errno = 0;
    long long id = strtoll(p, &end, 10);
    if (errno || *end || end == p || *p < '0' || *p > '9' || id < 1)
        return so_srv_error(s, c, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                            "a quote id is an integer from 1 to 9223372036854775807");
    int64_t id64 = (int64_t)id;
    snprintf(missing, sizeof missing, "no quote with id %lld", id);
    return run_db(s, c, quote_json, &id64, missing);
}

typedef struct genders {
    long female, male, unknown;
} genders;

/* People only: organisations and other speakers are not counted. */
static int on_gender(void *ctx, const so_store_speaker *sp)
{
    genders *g = ctx;
    if (sp->type && strcmp(sp->type, "person"))
        return 0;
    if (sp->gender && !strcmp(sp->gender, "female"))
        g->female++;
    else if (sp->gender && !strcmp(sp->gender, "male"))
        g->male++;
    else
        g->unknown++;
    return 0;
}

static int on_speaker(void *ctx, const so_store_speaker *sp)
{
    rows *r = ctx;
    if (r->n++)
        so_sb_add(r->out, ",", 1);
    so_store_speaker_json(r->out, sp);
    return 0;
}

static sayso_status speakers_json(so_store *st, void *arg, so_sbuf *out, int *found,
                                  sayso_error *e)
{
    so_store_query *q = arg;
    rows rw = {.out = out, .limit = q->limit};
    (void)found;
    so_sb_str(out, "{\"speakers\":[");
    sayso_status rc = so_store_speakers(st, q, on_speaker, &rw, e);
    if (rc != SAYSO_OK)
        return rc;
    genders g = {0, 0, 0};
    q->limit = GENDER_SCAN;
    q->offset = 0;
    rc = so_store_speakers(st, q, on_gender, &g, e);
    so_sb_printf(out, "],\"gender\":{\"female\":%ld,\"male\":%ld,\"unknown\":%ld}}\n",
                 g.female, g.male, g.unknown);
    return rc;
}

enum MHD_Result so_srv_speakers(so_srv *s, struct MHD_Connection *c, so_srv_req *r)
{
    (void)r;
    if (!s->cfg.db_path)
        return no_db(s, c);
    so_store_query q;
    const char *bad = parse_query(c, &q, 20);
    return bad ? bad_param(s, c, bad) : run_db(s, c, speakers_json, &q, NULL);
}
