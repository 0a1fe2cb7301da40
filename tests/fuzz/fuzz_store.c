/*
** fuzz_store.c -- libFuzzer target for the quote store (src/store/): one or
** two articles extracted with the default engine (embedded model), turned
** into documents (so_store_doc_build), stored (so_store_put, so_store_commit)
** in a fresh SQLite file, stored again, then read back through every query
** (so_store_search, so_store_speakers, so_store_quote and their _json
** forms) with a fuzzed query.
**
** Input: a flags byte, then up to four parts separated by 0xff bytes (never
** in UTF-8): ARTICLE 0xff QUERY 0xff RECORDS 0xff ARTICLE2.
**   ARTICLE   the text of the first article;
**   QUERY     lines: search text, speaker, outlet, since, until, limit,
**             offset (a missing line is no filter);
**   RECORDS   a JSON Lines record (metadata and "id" of the first article),
**             optionally a newline and a second one (metadata of the second);
**   ARTICLE2  the text of a second article, with an id derived from the
**             first's; without it, flag bit 2 stores the first text again
**             under that id (the same quotations in two articles).
** Flags: bit 0 --no-text, bit 1 --force when the first article is stored
** again.
**
** Sequence: a writer stores the first article and closes; a second writer
** (which reloads the dedup index from the file) stores the second and the
** first again (skipped unless forced) and runs the fuzzed query; a reader
** runs everything again.
**
** Checks beyond "no crash, leak or sanitizer report": every call returns
** a documented status (queries: OK, or INVALID with a message and nothing
** appended; the FTS query builder must never give SQLite a syntax error);
** so_store_unchanged() and the skipped flag agree with the hashes;
** so_store_check() finds the store consistent; counts of articles and
** quotations match what was stored; the JSON answers parse; every cluster
** is found by so_store_quote() with n_occurrences occurrences of the
** stored articles; a search for the first words of a cluster's text finds
** it, and a speaker filter of a speaker's name finds that speaker; the
** fuzzed answers list at most --limit known clusters or speakers, nothing
** when the text has no searchable word, and are the same from the writer
** and the reader.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "io/jsonin.h"
#include "io/output.h"
#include "sayso.h"
#include "store/store_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEP 0xff
#define MAX_QUOTE_IDS 64   /* so_store_quote calls per run */
#define MAX_SELF 64        /* self-searches per run */
#define SELF_WORDS 12      /* words of a cluster's text searched for */
#define JSON_MAX ((size_t)1 << 28)

static sayso_engine *eng; /* opened once, kept for the whole run */
static char dir[256], db[300];

/* ---- the temporary store ---- */

/* Remove the store's files; -1 when one could not be removed. */
static int remove_db(void)
{
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    char p[320];
    int bad = 0;
    for (size_t k = 0; k < sizeof sfx / sizeof sfx[0]; k++) {
        snprintf(p, sizeof p, "%s%s", db, sfx[k]);
        bad |= remove(p) && errno != ENOENT;
    }
    return bad ? -1 : 0;
}

static void cleanup(void)
{
    if (dir[0]) {
        remove_db();
        rmdir(dir);
    }
}

/* A failed check: say where, leave no files behind (a minimisation would
** leave hundreds), and abort. */
#define FAIL() fail_at(__LINE__)
static void fail_at(int line)
{
    fprintf(stderr, "fuzz_store: check failed at fuzz_store.c:%d\n", line);
    cleanup();
    abort();
}

/* The engine and a private folder (tmpfs when there is one), once. */
static void setup(void)
{
    if (eng)
        return;
    sayso_error e;
    sayso_options opt = {NULL, 0, SAYSO_F_NO_MODEL};
    if (sayso_engine_open(NULL, &eng, &e) != SAYSO_OK) {
        fprintf(stderr, "fuzz_store: built-in model: %s; fuzzing without it\n", e.message);
        if (sayso_engine_open(&opt, &eng, NULL) != SAYSO_OK)
            abort();
    }
    const char *t = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/fuzz_store.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(dir))
        abort();
    snprintf(db, sizeof db, "%s/store.db", dir);
    atexit(cleanup);
}

/* ---- status checks ---- */

static void need_ok(sayso_status rc, const sayso_error *e)
{
    if (rc != SAYSO_OK) {
        fprintf(stderr, "fuzz_store: status %d: %s\n", (int)rc, e->message);
        FAIL();
    }
}

/* A query's status: OK, or INVALID with a message and out as it was. */
static void query_status(sayso_status rc, const sayso_error *e, const so_sbuf *out, size_t mark)
{
    if (rc == SAYSO_OK)
        return;
    if (rc != SAYSO_ERR_INVALID || e->code != rc || !e->message[0] || out->len != mark) {
        fprintf(stderr, "fuzz_store: query status %d: %s\n", (int)rc, e->message);
        FAIL();
    }
}

static json_object *parse_json(const char *s, size_t n)
{
    json_object *v = NULL;
    char msg[200];
    if (so_jsonin_parse(s, n, 0, &v, msg, sizeof msg) || !v) {
        fprintf(stderr, "fuzz_store: bad JSON (%s): %.*s\n", msg, (int)(n > 2000 ? 2000 : n), s);
        FAIL();
    }
    return v;
}

static int64_t get_int(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
        FAIL();
    return json_object_get_int64(v);
}

/* ---- the input ---- */

typedef struct part {
    const char *p;
    size_t n;
    int present;
} part;

/* A NUL-terminated copy (the query's strings are C strings). */
static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        FAIL();
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

enum { Q_TEXT, Q_SPEAKER, Q_OUTLET, Q_SINCE, Q_UNTIL, Q_LIMIT, Q_OFFSET, Q_N };

typedef struct fquery {
    char *f[Q_N];
    so_store_query q;
} fquery;

static void query_parse(const part *pt, fquery *fq)
{
    memset(fq, 0, sizeof *fq);
    if (pt->present) {
        size_t i = 0;
        for (int k = 0; k < Q_N && i <= pt->n; k++) {
            const char *nl = memchr(pt->p + i, '\n', pt->n - i);
            size_t e = nl ? (size_t)(nl - pt->p) : pt->n;
            fq->f[k] = dup_n(pt->p + i, e - i);
            i = e + 1;
            if (!nl)
                break;
        }
    }
    fq->q.text = fq->f[Q_TEXT];
    fq->q.speaker = fq->f[Q_SPEAKER];
    fq->q.outlet = fq->f[Q_OUTLET];
    fq->q.since = fq->f[Q_SINCE];
    fq->q.until = fq->f[Q_UNTIL];
    fq->q.limit = fq->f[Q_LIMIT] ? strtol(fq->f[Q_LIMIT], NULL, 10) : 0;
    fq->q.offset = fq->f[Q_OFFSET] ? strtol(fq->f[Q_OFFSET], NULL, 10) : 0;
}

static void query_free(fquery *fq)
{
    for (int k = 0; k < Q_N; k++)
        free(fq->f[k]);
}

/* One article: its text, record, id (as the reader makes it: a string or
** an integer field, else the line number) and the id the store keeps. */
typedef struct article {
    const char *text;
    size_t len;
    json_object *rec;  /* NULL: no record */
    char *id_json;     /* malloc'd */
    char *ext;         /* the stored id: the string with NULs as spaces, or id_json */
    char *meta;        /* so_store_meta_json, or NULL */
    sayso_result *r;   /* NULL: not extracted (refused) */
    int own_r;
    so_store_article a;
    uint64_t hash;
} article;

static char *json_string_of(const char *s, size_t n)
{
    so_sbuf b;
    so_sb_init(&b, JSON_MAX);
    if (so_json_str(&b, s, n) || !b.p)
        FAIL();
    return b.p; /* the buffer is malloc'd and NUL-terminated */
}

static void article_ids(article *x, const char *derived_from)
{
    json_object *v = NULL;
    if (derived_from) { /* the second article: "ID (2)", never the first's id */
        size_t n = strlen(derived_from);
        char *s = malloc(n + 5);
        if (!s)
            FAIL();
        memcpy(s, derived_from, n);
        memcpy(s + n, " (2)", 5);
        x->id_json = json_string_of(s, n + 4);
        x->ext = s;
        return;
    }
    if (x->rec)
        json_object_object_get_ex(x->rec, "id", &v);
    if (json_object_is_type(v, json_type_string)) {
        size_t n = (size_t)json_object_get_string_len(v);
        x->id_json = json_string_of(json_object_get_string(v), n);
        x->ext = dup_n(json_object_get_string(v), n);
        so_nul_spaces(x->ext, n);
    } else {
        char tmp[64];
        if (json_object_is_type(v, json_type_int))
            snprintf(tmp, sizeof tmp, "%lld", (long long)json_object_get_int64(v));
        else
            snprintf(tmp, sizeof tmp, "1");
        x->id_json = dup_n(tmp, strlen(tmp));
        x->ext = dup_n(tmp, strlen(tmp));
    }
}

static void article_setup(article *x, json_object *rec, int keep_text)
{
    x->rec = json_object_is_type(rec, json_type_object) ? rec : NULL;
    x->a.id_json = x->id_json;
    x->a.engine = "fuzz_store";
    x->a.keep_text = keep_text;
    if (x->rec) {
        so_store_article_meta(&x->a, x->rec);
        x->meta = so_store_meta_json(x->rec, "text");
    }
    x->a.meta_json = x->meta;
    x->hash = so_store_hash(&x->a, x->text, x->len);
}

static void extract(article *x)
{
    sayso_error e;
    sayso_status rc = sayso_extract(eng, x->text, x->len, &x->r, &e);
    if (rc != SAYSO_OK) {
        if (x->r || e.code != rc || !e.message[0] ||
            (rc != SAYSO_ERR_TOOBIG && rc != SAYSO_ERR_ENCODING && rc != SAYSO_ERR_NOMEM))
            FAIL();
        x->r = NULL;
    }
    x->own_r = 1;
}

static void article_free(article *x)
{
    if (x->own_r)
        sayso_result_free(x->r);
    free(x->id_json);
    free(x->ext);
    free(x->meta);
}

/* Build x's document and store it; returns the skipped flag. */
static int store(so_store *st, const article *x, int force)
{
    so_store_doc *d = NULL;
    sayso_error e;
    need_ok(so_store_doc_build(&x->a, x->text, x->len, x->r, &d, &e), &e);
    int skipped = -1;
    need_ok(so_store_put(st, d, force, &skipped, &e), &e);
    if (skipped != 0 && skipped != 1)
        FAIL();
    return skipped;
}

/* ---- the clusters and speakers of the store ---- */

typedef struct cl_info {
    int64_t id;
    char *text;
    long nocc, nart;
} cl_info;

typedef struct sp_info {
    int64_t id;
    char *name;
    long nq;
} sp_info;

typedef struct listing {
    cl_info *c;
    size_t nc;
    sp_info *s;
    size_t ns;
} listing;

static int on_cluster(void *ctx, const so_store_cluster *c)
{
    listing *l = ctx;
    cl_info *p = realloc(l->c, (l->nc + 1) * sizeof *p);
    if (!p || !c->text)
        FAIL();
    l->c = p;
    p[l->nc].id = c->id;
    p[l->nc].text = dup_n(c->text, strlen(c->text));
    p[l->nc].nocc = c->n_occurrences;
    p[l->nc].nart = c->n_articles;
    l->nc++;
    return 0;
}

static int on_speaker(void *ctx, const so_store_speaker *s)
{
    listing *l = ctx;
    sp_info *p = realloc(l->s, (l->ns + 1) * sizeof *p);
    if (!p || !s->name)
        FAIL();
    l->s = p;
    p[l->ns].id = s->id;
    p[l->ns].name = dup_n(s->name, strlen(s->name));
    p[l->ns].nq = s->n_quotes;
    if (s->n_quotes < 1 || s->n_clusters < 1 || s->n_clusters > s->n_quotes ||
        s->n_articles < 1 || s->n_articles > 2)
        FAIL();
    l->ns++;
    return 0;
}

static void listing_free(listing *l)
{
    for (size_t k = 0; k < l->nc; k++)
        free(l->c[k].text);
    for (size_t k = 0; k < l->ns; k++)
        free(l->s[k].name);
    free(l->c);
    free(l->s);
}

static const cl_info *find_cluster(const listing *l, int64_t id)
{
    for (size_t k = 0; k < l->nc; k++)
        if (l->c[k].id == id)
            return &l->c[k];
    return NULL;
}

static int has_speaker(const listing *l, int64_t id)
{
    for (size_t k = 0; k < l->ns; k++)
        if (l->s[k].id == id)
            return 1;
    return 0;
}

/* Every cluster and speaker, unfiltered. */
static void list_all(so_store *st, listing *l, const so_store_counts *c)
{
    so_store_query all = {.limit = 10000};
    sayso_error e;
    need_ok(so_store_search(st, &all, on_cluster, l, &e), &e);
    need_ok(so_store_speakers(st, &all, on_speaker, l, &e), &e);
    long nocc = 0;
    for (size_t k = 0; k < l->nc; k++) {
        const cl_info *ci = &l->c[k];
        if (ci->nocc < 1 || ci->nart < 1 || ci->nart > ci->nocc || ci->nart > 2)
            FAIL();
        nocc += ci->nocc;
    }
    if ((long)l->nc != c->clusters || nocc != c->quotes || (long)l->ns > c->speakers)
        FAIL();
}

/* so_store_quote_json on id: when found, a live cluster with all its
** occurrences, each in one of the stored articles. Returns the number of
** occurrences with a speaker. */
static long check_quote(so_store *st, int64_t id, const listing *l, const article *x1,
                        const article *x2, int must_find)
{
    so_sbuf b;
    sayso_error e;
    int found = -1;
    long with_speaker = 0;
    so_sb_init(&b, JSON_MAX);
    need_ok(so_store_quote_json(st, id, &b, &found, &e), &e);
    if (found != 0 && found != 1)
        FAIL();
    if ((must_find && !found) || (!found && b.len))
        FAIL();
    if (found) {
        json_object *v = parse_json(b.p, b.len), *occ = NULL;
        const cl_info *ci = find_cluster(l, get_int(v, "id"));
        if (!ci || (must_find && ci->id != id) ||
            !json_object_object_get_ex(v, "occurrences", &occ) ||
            !json_object_is_type(occ, json_type_array) ||
            (long)json_object_array_length(occ) != ci->nocc)
            FAIL();
        for (size_t k = 0; k < json_object_array_length(occ); k++) {
            json_object *o = json_object_array_get_idx(occ, k), *a = NULL, *aid = NULL,
                        *sp = NULL;
            if (get_int(o, "cluster") != ci->id || !json_object_object_get_ex(o, "article", &a) ||
                !json_object_object_get_ex(a, "id", &aid) ||
                !json_object_is_type(aid, json_type_string))
                FAIL();
            const char *s = json_object_get_string(aid);
            if (!((x1->r && !strcmp(s, x1->ext)) || (x2->r && !strcmp(s, x2->ext))))
                FAIL();
            if (json_object_object_get_ex(o, "speaker", &sp) && sp)
                with_speaker++;
        }
        json_object_put(v);
    }
    so_sb_free(&b);
    return with_speaker;
}

/* The first SELF_WORDS words of text (cut at whitespace, so every term
** of the FTS query is a substring of the text); NULL when that is long. */
static char *first_words(const char *text)
{
    size_t i = 0, n = strlen(text);
    for (int w = 0; i < n && w < SELF_WORDS; w++) {
        while (i < n && strchr(" \t\n\r", text[i]))
            i++;
        while (i < n && !strchr(" \t\n\r", text[i]))
            i++;
    }
    return i > 600 ? NULL : dup_n(text, i);
}

/* A search for the first words of a cluster's text finds it, when they
** hold a word at all. */
static void self_search(so_store *st, const listing *l, const cl_info *ci)
{
    char *t = first_words(ci->text);
    if (!t)
        return;
    so_sbuf nb;
    so_sb_init(&nb, JSON_MAX);
    long words = so_store_norm(t, strlen(t), &nb);
    so_sb_free(&nb);
    so_store_query q = {.text = t, .limit = 10000};
    listing hit = {0};
    sayso_error e;
    need_ok(so_store_search(st, &q, on_cluster, &hit, &e), &e);
    int found = 0;
    for (size_t k = 0; k < hit.nc; k++) {
        if (!find_cluster(l, hit.c[k].id))
            FAIL();
        found |= hit.c[k].id == ci->id;
    }
    if (words > 0 && !found) {
        fprintf(stderr, "fuzz_store: search for [%s] misses cluster %lld [%s]\n", t,
                (long long)ci->id, ci->text);
        FAIL();
    }
    listing_free(&hit);
    free(t);
}

/* A speaker filter of a speaker's name lists that speaker. */
static void self_speaker(so_store *st, const listing *l, const sp_info *si)
{
    so_store_query q = {.speaker = si->name, .limit = 10000};
    listing hit = {0};
    sayso_error e;
    need_ok(so_store_speakers(st, &q, on_speaker, &hit, &e), &e);
    int found = 0;
    for (size_t k = 0; k < hit.ns; k++) {
        if (!has_speaker(l, hit.s[k].id))
            FAIL();
        found |= hit.s[k].id == si->id && hit.s[k].nq == si->nq;
    }
    if (!found) {
        fprintf(stderr, "fuzz_store: speaker filter [%s] misses speaker %lld\n", si->name,
                (long long)si->id);
        FAIL();
    }
    listing_free(&hit);
}

/* ---- the fuzzed query ---- */

typedef struct answers {
    sayso_status search_rc, speakers_rc;
    so_sbuf search, speakers;
} answers;

static void ask(so_store *st, const fquery *fq, answers *an)
{
    sayso_error e;
    so_sb_init(&an->search, JSON_MAX);
    so_sb_init(&an->speakers, JSON_MAX);
    an->search_rc = so_store_search_json(st, &fq->q, &an->search, &e);
    query_status(an->search_rc, &e, &an->search, 0);
    an->speakers_rc = so_store_speakers_json(st, &fq->q, &an->speakers, &e);
    query_status(an->speakers_rc, &e, &an->speakers, 0);
}

static void answers_free(answers *an)
{
    so_sb_free(&an->search);
    so_sb_free(&an->speakers);
}

static int same_answers(const answers *a, const answers *b)
{
    return a->search_rc == b->search_rc && a->speakers_rc == b->speakers_rc &&
           a->search.len == b->search.len && a->speakers.len == b->speakers.len &&
           (!a->search.len || !memcmp(a->search.p, b->search.p, a->search.len)) &&
           (!a->speakers.len || !memcmp(a->speakers.p, b->speakers.p, a->speakers.len));
}

/* The answers are JSON arrays of at most --limit known rows; a bad date or
** a negative limit is refused; a text without a word finds nothing. */
static void check_answers(const answers *an, const fquery *fq, const listing *l)
{
    const so_store_query *q = &fq->q;
    int bad = (q->since && !so_store_valid_date(q->since)) ||
              (q->until && !so_store_valid_date(q->until)) || q->limit < 0 || q->offset < 0;
    if (bad && (an->search_rc != SAYSO_ERR_INVALID || an->speakers_rc != SAYSO_ERR_INVALID))
        FAIL();
    size_t lim = q->limit == 0 ? 20 : q->limit > 10000 ? 10000 : (size_t)q->limit;
    int empty_text = 0;
    if (q->text) {
        so_sbuf b;
        so_sb_init(&b, JSON_MAX);
        empty_text = so_store_fts_query(q->text, &b) == 0;
        so_sb_free(&b);
    }
    if (an->search_rc == SAYSO_OK) {
        json_object *v = parse_json(an->search.p, an->search.len);
        size_t n = json_object_array_length(v);
        if (!json_object_is_type(v, json_type_array) || n > lim || (empty_text && n))
            FAIL();
        for (size_t k = 0; k < n; k++)
            if (!find_cluster(l, get_int(json_object_array_get_idx(v, k), "id")))
                FAIL();
        json_object_put(v);
    }
    if (an->speakers_rc == SAYSO_OK) {
        json_object *v = parse_json(an->speakers.p, an->speakers.len);
        size_t n = json_object_array_length(v);
        if (!json_object_is_type(v, json_type_array) || n > lim)
            FAIL();
        for (size_t k = 0; k < n; k++)
            if (!has_speaker(l, get_int(json_object_array_get_idx(v, k), "id")))
                FAIL();
        json_object_put(v);
    }
}

/* ---- the run ---- */

static so_store *open_store(unsigned flags)
{
    so_store *st = NULL;
    sayso_error e;
    need_ok(so_store_open(db, flags, &st, &e), &e);
    return st;
}

static void check_store(so_store *st, so_store_counts *c, long articles, long quotes)
{
    sayso_error e;
    char msg[300];
    int ok = -1;
    need_ok(so_store_check(st, &ok, msg, sizeof msg, &e), &e);
    if (ok != 1) {
        fprintf(stderr, "fuzz_store: so_store_check: %s\n", msg);
        FAIL();
    }
    need_ok(so_store_count(st, c, &e), &e);
    if (c->articles != articles || c->quotes != quotes || c->clusters > quotes ||
        c->entities < 0 || c->speakers < 0)
        FAIL();
}

static void split(const uint8_t *data, size_t size, part *pt, int n)
{
    size_t i = 0;
    memset(pt, 0, (size_t)n * sizeof *pt);
    for (int k = 0; k < n && i <= size; k++) {
        const uint8_t *s = memchr(data + i, SEP, size - i);
        size_t e = s ? (size_t)(s - data) : size;
        pt[k].p = (const char *)data + i;
        pt[k].n = e - i;
        pt[k].present = 1;
        i = e + 1;
        if (!s)
            break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    setup();
    unsigned flags = data[0];
    int keep_text = !(flags & 1), force = !!(flags & 2);
    part pt[4];
    split(data + 1, size - 1, pt, 4);

    fquery fq;
    query_parse(&pt[1], &fq);
    json_object *rec[2] = {NULL, NULL};
    if (pt[2].present) { /* one record, or two on two lines */
        const char *nl = memchr(pt[2].p, '\n', pt[2].n);
        size_t n1 = nl ? (size_t)(nl - pt[2].p) : pt[2].n;
        char msg[200];
        so_jsonin_parse(pt[2].p, n1, SO_JSONIN_REPAIR, &rec[0], msg, sizeof msg);
        if (nl)
            so_jsonin_parse(nl + 1, pt[2].n - n1 - 1, SO_JSONIN_REPAIR, &rec[1], msg,
                            sizeof msg);
    }

    article x1, x2;
    memset(&x1, 0, sizeof x1);
    memset(&x2, 0, sizeof x2);
    x1.text = pt[0].p;
    x1.len = pt[0].n;
    x1.rec = json_object_is_type(rec[0], json_type_object) ? rec[0] : NULL;
    article_ids(&x1, NULL);
    article_setup(&x1, rec[0], keep_text);
    extract(&x1);
    if (pt[3].present) {
        x2.text = pt[3].p;
        x2.len = pt[3].n;
        extract(&x2);
    } else if (flags & 4) {
        x2.text = x1.text;
        x2.len = x1.len;
        x2.r = x1.r; /* borrowed */
    }
    article_ids(&x2, x1.ext);
    article_setup(&x2, rec[1], keep_text);
    long n_art = (x1.r != NULL) + (x2.r != NULL);
    long n_q = (x1.r ? (long)sayso_result_quote_count(x1.r) : 0) +
               (x2.r ? (long)sayso_result_quote_count(x2.r) : 0);

    if (remove_db())
        FAIL();
    sayso_error e;
    so_store_counts c;

    /* the first writer: a new store, the first article */
    so_store *st = open_store(SO_STORE_WRITE);
    if (x1.r) {
        if (so_store_unchanged(st, x1.id_json, x1.hash) ||
            !so_store_unchanged(st, x1.id_json, x1.hash) || store(st, &x1, 0))
            FAIL();
    }
    need_ok(so_store_commit(st, &e), &e);
    check_store(st, &c, x1.r != NULL, x1.r ? (long)sayso_result_quote_count(x1.r) : 0);
    so_store_close(st);

    /* the second writer: loads the index, adds the second article, and the
    ** first again (unchanged: skipped, unless forced) */
    st = open_store(SO_STORE_WRITE);
    if (x1.r && !so_store_unchanged(st, x1.id_json, x1.hash))
        FAIL();
    if (x2.r && (so_store_unchanged(st, x2.id_json, x2.hash) || store(st, &x2, 0)))
        FAIL();
    if (x1.r && store(st, &x1, force) != !force)
        FAIL();
    need_ok(so_store_commit(st, &e), &e);
    check_store(st, &c, n_art, n_q);
    answers aw;
    ask(st, &fq, &aw);
    so_store_close(st);

    /* a reader: everything */
    st = open_store(SO_STORE_READ);
    so_store_counts c2;
    need_ok(so_store_count(st, &c2, &e), &e);
    if (memcmp(&c, &c2, sizeof c))
        FAIL();
    listing l = {0};
    list_all(st, &l, &c);
    long with_speaker = 0;
    int64_t max_id = 0;
    for (size_t k = 0; k < l.nc; k++) {
        with_speaker += check_quote(st, l.c[k].id, &l, &x1, &x2, 1);
        max_id = l.c[k].id > max_id ? l.c[k].id : max_id;
        if (k < MAX_SELF)
            self_search(st, &l, &l.c[k]);
    }
    long spk_quotes = 0;
    for (size_t k = 0; k < l.ns; k++) {
        spk_quotes += l.s[k].nq;
        if (k < MAX_SELF)
            self_speaker(st, &l, &l.s[k]);
    }
    if (spk_quotes != with_speaker)
        FAIL();
    /* ids that are gone (merged: found as the cluster they joined) or never were */
    for (int64_t id = -1; id <= max_id + 1 && id < MAX_QUOTE_IDS; id++)
        if (!find_cluster(&l, id))
            check_quote(st, id, &l, &x1, &x2, 0);
    answers ar;
    ask(st, &fq, &ar);
    if (!same_answers(&aw, &ar))
        FAIL();
    check_answers(&ar, &fq, &l);
    answers_free(&aw);
    answers_free(&ar);
    listing_free(&l);
    so_store_close(st);
    if (remove_db())
        FAIL();

    article_free(&x1);
    article_free(&x2);
    json_object_put(rec[0]);
    json_object_put(rec[1]);
    query_free(&fq);
    return 0;
}
