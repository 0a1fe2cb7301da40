/*
** test_store.c -- unit tests of the quote store (src/store): matching
** text and names, safe FTS5 queries, the dedup verdicts, and the C API on
** real SQLite files (write, query, JSON, versions, two writers, readers on
** threads while a writer commits). Articles are written for these tests.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>

#include "io/jsonin.h"
#include "sayso.h"
#include "store/store_int.h"

/* ---- text and names ---- */

static void norm_is(const char *in, const char *want, long ntok)
{
    so_sbuf b;
    so_sb_init(&b, 4096);
    long n = so_store_norm(in, strlen(in), &b);
    if (strcmp(b.p ? b.p : "", want))
        print_message("norm [%s] -> [%s], want [%s]\n", in, b.p ? b.p : "", want);
    assert_string_equal(b.p ? b.p : "", want);
    assert_int_equal(n, ntok);
    so_sb_free(&b);
}

static void test_norm(void **state)
{
    (void)state;
    norm_is("\xe2\x80\x9cWe will REBUILD \xe2\x80\x94 the bridge!\xe2\x80\x9d", "we will rebuild the bridge", 5);
    norm_is("\"we will rebuild, the bridge\"", "we will rebuild the bridge", 5);
    norm_is("don\xe2\x80\x99t  stop", "dont stop", 2);
    norm_is("Jos\xc3\xa9 Nu\xcc\x81n\xcc\x83""ez", "jose nunez", 2);
    norm_is("a\xff\xfe" "b", "a b", 2);
    norm_is("  ...  ", "", 0);
    norm_is("", "", 0);
}

static void key_is(const char *name, const char *want)
{
    so_sbuf b;
    so_sb_init(&b, 1024);
    long n = so_store_name_key(name, strlen(name), &b);
    assert_true(n >= 0);
    assert_string_equal(b.p ? b.p : "", want);
    so_sb_free(&b);
}

static void test_names(void **state)
{
    (void)state;
    key_is("Mr. Donald J. Trump", "donald trump");
    key_is("President Obama", "obama");
    key_is("Sen.", "sen");
    key_is("J. K. Rowling", "j k rowling");
    assert_true(so_store_name_match("trump", "donald trump"));
    assert_true(so_store_name_match("donald trump", "trump"));
    assert_true(so_store_name_match("donald trump", "donald john trump"));
    assert_true(so_store_name_match("hillary", "hillary clinton"));
    assert_false(so_store_name_match("eric trump", "donald trump"));
    assert_false(so_store_name_match("bill clinton", "hillary clinton"));
    assert_false(so_store_name_match("trump", "trumpet"));
    assert_false(so_store_name_match("", "trump"));
}

static void fallback_at(const char *src, int sentence_start, const char *want)
{
    char out[SO_MAX_NAME + 1];
    size_t n = so_store_fallback_name(src, strlen(src), sentence_start, out, sizeof out);
    if (!want) {
        if (n)
            print_message("[%s] -> [%s], want none\n", src, out);
        assert_int_equal(n, 0);
        return;
    }
    assert_true(n > 0);
    assert_string_equal(out, want);
}

static void fallback_is(const char *src, const char *want)
{
    fallback_at(src, 0, want);
}

static void test_fallback(void **state)
{
    (void)state;
    fallback_is("Republican nominee Donald Trump", "Donald Trump");
    fallback_is("Amara Okafor, the city's chief engineer", "Amara Okafor");
    fallback_is("Mr. Trump", "Trump");
    fallback_is("Although Trump", "Trump");
    fallback_is("Hillary Clinton\xe2\x80\x99s campaign", "Hillary Clinton");
    fallback_is("spokesman Dan Price", "Dan Price");
    fallback_is("he", NULL);
    /* at the start of a sentence a lone capitalised first word is no name */
    fallback_at("Officials", 1, NULL);
    fallback_at("Officials", 0, "Officials");
    fallback_at("Amara Okafor, the city's chief engineer", 1, "Amara Okafor");
    fallback_at("Critics of Mayor Okafor", 1, "Okafor");
    fallback_is("She", NULL);
    fallback_is("the statement", NULL);
    fallback_is("", NULL);
}

static void fts_is(const char *in, const char *want, int terms)
{
    so_sbuf b;
    so_sb_init(&b, 4096);
    assert_int_equal(so_store_fts_query(in, &b), terms);
    assert_string_equal(b.p ? b.p : "", want);
    so_sb_free(&b);
}

static void test_fts_query(void **state)
{
    (void)state;
    fts_is("'; DROP TABLE quotes; --", "\"DROP\" \"TABLE\" \"quotes;\"", 3);
    fts_is("\"build a wall\" mexico", "\"build a wall\" \"mexico\"", 2);
    fts_is("immig*", "\"immig\"*", 1);
    fts_is("ab\"c", "\"ab\"\"c\"", 1); /* a quote mark inside a word is a character */
    fts_is("NEAR(a b)", "\"NEAR(a\" \"b)\"", 2);
    fts_is("*", "", 0);
    fts_is("\"", "", 0);
    fts_is("   ", "", 0);
    fts_is("x OR y", "\"x\" \"OR\" \"y\"", 3);
}

/* ---- dedup verdicts ---- */

static size_t toks(const char *s, uint32_t *t)
{
    so_sbuf b;
    so_sb_init(&b, 4096);
    so_store_norm(s, strlen(s), &b);
    size_t n = so_store_tokens(b.p ? b.p : "", b.len, t, SO_MAX_KEY_TOK);
    so_sb_free(&b);
    return n;
}

static int verdict(const char *a, const char *b)
{
    uint32_t ta[SO_MAX_KEY_TOK], tb[SO_MAX_KEY_TOK];
    size_t na = toks(a, ta), nb = toks(b, tb);
    return so_dd_match(ta, na, tb, nb);
}

static void test_dedup_rules(void **state)
{
    (void)state;
    const char *full = "We will rebuild the northern bridge before the winter floods arrive, "
                       "and we will not cut corners on safety";
    assert_int_equal(verdict(full, "we will REBUILD the northern bridge before the winter floods "
                                   "arrive -- and we will not cut corners on safety!"), SO_DD_EXACT);
    assert_int_equal(verdict("the northern bridge before the winter floods arrive", full),
                     SO_DD_CONTAINED);
    assert_int_equal(verdict(full, "the northern bridge before the winter floods arrive"),
                     SO_DD_CONTAINED);
    /* an ellipsis and a changed word */
    assert_int_equal(verdict("We will rebuild the northern bridge before the winter floods arrive "
                             "and we will not cut corners", full), SO_DD_CONTAINED);
    assert_int_equal(verdict("We will rebuild the northern bridge ... and we will not cut corners "
                             "on safety", full), SO_DD_FUZZY);
    assert_int_equal(verdict("We shall rebuild the northern bridge before the winter floods "
                             "arrive, and we will not cut corners on safety", full), SO_DD_FUZZY);
    /* negations are not near-duplicates */
    assert_int_equal(verdict("We will not rebuild the northern bridge before the winter floods arrive",
                             full), SO_DD_NONE);
    assert_int_equal(verdict("rebuild the northern bridge before the winter floods arrive",
                             "we will never rebuild the northern bridge before the winter floods "
                             "arrive"), SO_DD_NONE);
    /* distinct quotes, and short ones beyond exact */
    assert_int_equal(verdict("The southern tunnel will stay open through the spring", full),
                     SO_DD_NONE);
    assert_int_equal(verdict("the northern bridge", full), SO_DD_NONE);
    assert_int_equal(verdict("the northern bridge", "The northern bridge."), SO_DD_EXACT);
}

/* ---- the store on SQLite ---- */

static char dir[64];

static int setup_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/sayso-store-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *p, size_t n, const char *name)
{
    snprintf(p, n, "%s/%s", dir, name);
}

static const char *const texts[] = {
    "\xe2\x80\x9cThe ferry will run every hour from June, and fares will not rise this year,\xe2\x80\x9d "
    "said Nadia Haddad, the port director.\n",
    "Harbour news.\n\n\"the ferry will run every hour from June -- and fares will not rise this "
    "year!\" Haddad said.\n\n\xe2\x80\x9cWe have hired twelve new deckhands,\xe2\x80\x9d she added.\n",
    "\xe2\x80\x9cThe ferry will run every hour from June,\xe2\x80\x9d Haddad told the council.\n",
};
static const char *const metas[] = {
    "{\"outlet\":\"Port Courier\",\"date\":\"2023-05-01\",\"title\":\"Ferry plan\"}",
    "{\"publisher\":\"Bay Times\",\"published\":\"2023-05-02T08:00:00Z\"}",
    "{\"outlet\":\"Port Courier\",\"date\":\"2023-05-03\"}",
};

/* s parsed as strict JSON (the test fails if it is not). */
static json_object *parse(const char *s)
{
    json_object *v = NULL;
    char msg[200];
    int rc = so_jsonin_parse(s, strlen(s), SO_JSONIN_ANY, &v, msg, sizeof msg);
    if (rc)
        fail_msg("not JSON: %s", msg);
    return v;
}

/* The member key of the element k of array a. */
static json_object *member(json_object *a, size_t k, const char *key)
{
    json_object *v = NULL;
    json_object_object_get_ex(json_object_array_get_idx(a, k), key, &v);
    return v;
}

static so_store_doc *make_doc(const sayso_engine *e, int k, const char *id_json)
{
    sayso_result *r = NULL;
    assert_int_equal(sayso_extract(e, texts[k], strlen(texts[k]), &r, NULL), SAYSO_OK);
    json_object *m = parse(metas[k]);
    assert_non_null(m);
    so_store_article a = {.id_json = id_json, .engine = "test", .keep_text = 1};
    so_store_article_meta(&a, m);
    char *meta = so_store_meta_json(m, "text");
    a.meta_json = meta;
    so_store_doc *d = NULL;
    assert_int_equal(so_store_doc_build(&a, texts[k], strlen(texts[k]), r, &d, NULL), SAYSO_OK);
    free(meta);
    json_object_put(m);
    sayso_result_free(r);
    return d;
}

/* Index the three articles; returns how many quotations they hold. */
static long index_all(const char *db, const sayso_engine *e, int want_skipped)
{
    long nq = 0;
    so_store *st = NULL;
    sayso_error err;
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_OK);
    static const char *const ids[] = {"\"a\"", "\"b\"", "7"};
    for (int k = 0; k < 3; k++) {
        int skipped = -1;
        so_store_doc *d = make_doc(e, k, ids[k]);
        nq += (long)d->nq;
        assert_int_equal(so_store_put(st, d, 0, &skipped, &err), SAYSO_OK);
        assert_int_equal(skipped, want_skipped);
    }
    assert_int_equal(so_store_commit(st, &err), SAYSO_OK);
    so_store_close(st);
    return nq;
}

static int count_rows(void *ctx, const so_store_cluster *c)
{
    (void)c;
    ++*(int *)ctx;
    return 0;
}

static int first_cluster(void *ctx, const so_store_cluster *c)
{
    *(int64_t *)ctx = c->n_occurrences * 1000 + c->n_articles;
    return 1; /* stop after one */
}

static void test_store_api(void **state)
{
    (void)state;
    char db[128];
    path_of(db, sizeof db, "api.db");
    sayso_engine *e = NULL;
    assert_int_equal(sayso_engine_open(NULL, &e, NULL), SAYSO_OK);
    long nq = index_all(db, e, 0);

    so_store *st = NULL;
    sayso_error err;
    assert_int_equal(so_store_open(db, SO_STORE_READ, &st, &err), SAYSO_OK);
    so_store_counts c;
    assert_int_equal(so_store_count(st, &c, &err), SAYSO_OK);
    assert_int_equal(c.articles, 3);
    assert_int_equal(c.quotes, nq);
    assert_true(c.clusters <= nq - 2); /* three reports of the ferry quote: one cluster */
    so_store_counts before = c;

    /* the ferry quote: three reports in three articles, found by surname */
    so_store_query q = {.speaker = "HADDAD", .text = "ferry"};
    int64_t got = 0;
    assert_int_equal(so_store_search(st, &q, first_cluster, &got, &err), SAYSO_OK);
    assert_int_equal(got, 3003);
    int n = 0;
    so_store_query q2 = {.outlet = "bay times", .since = "2023-05-02", .until = "2023-05-02"};
    assert_int_equal(so_store_search(st, &q2, count_rows, &n, &err), SAYSO_OK);
    assert_int_equal(n, 2);
    so_store_query bad = {.since = "May 2023"};
    assert_int_equal(so_store_search(st, &bad, count_rows, &n, &err), SAYSO_ERR_INVALID);

    /* JSON answers parse, and a writer's call fails on a reader */
    so_sbuf b;
    so_sb_init(&b, 1 << 20);
    assert_int_equal(so_store_search_json(st, &q, &b, &err), SAYSO_OK);
    json_object *j = parse(b.p), *first = member(j, 0, "first_seen"), *v = NULL;
    assert_true(json_object_is_type(j, json_type_array) && json_object_array_length(j) == 1);
    assert_true(json_object_object_get_ex(first, "outlet", &v));
    assert_string_equal(json_object_get_string(v), "Port Courier");
    int64_t id = json_object_get_int64(member(j, 0, "id"));
    json_object_put(j);
    so_sb_reset(&b);
    int found = 0;
    assert_int_equal(so_store_quote_json(st, id, &b, &found, &err), SAYSO_OK);
    assert_true(found);
    j = parse(b.p);
    assert_true(json_object_object_get_ex(j, "occurrences", &v));
    assert_int_equal(json_object_array_length(v), 3);
    json_object_put(j);
    so_sb_reset(&b);
    assert_int_equal(so_store_speakers_json(st, &(so_store_query){0}, &b, &err), SAYSO_OK);
    j = parse(b.p);
    /* "Haddad" stands for the one full name with that surname */
    assert_string_equal(json_object_get_string(member(j, 0, "name")), "Nadia Haddad");
    assert_true(json_object_get_int64(member(j, 0, "n_quotes")) >= 3);
    json_object_put(j);
    so_sb_reset(&b);
    assert_int_equal(so_store_quote_json(st, 999, &b, &found, &err), SAYSO_OK);
    assert_false(found);
    assert_int_equal(b.len, 0);
    so_sb_free(&b);
    assert_int_equal(so_store_put(st, make_doc(e, 0, "\"x\""), 0, NULL, &err), SAYSO_ERR_INVALID);
    so_store_close(st);

    /* unchanged articles are current; an index run twice changes nothing */
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_OK);
    so_store_article a = {.engine = "test", .keep_text = 1, .outlet = "Port Courier",
                          .date = "2023-05-01", .title = "Ferry plan"};
    uint64_t h0 = so_store_hash(&a, texts[0], strlen(texts[0]));
    uint64_t h1 = so_store_hash(&a, texts[1], strlen(texts[1]));
    assert_true(so_store_unchanged(st, "\"a\"", h0));
    assert_false(so_store_unchanged(st, "\"a\"", h1)); /* about to be stored: noted */
    assert_true(so_store_unchanged(st, "\"a\"", h1));
    assert_false(so_store_unchanged(st, "\"a\"", h0));
    int ok = 0;
    char msg[256];
    assert_int_equal(so_store_check(st, &ok, msg, sizeof msg, &err), SAYSO_OK);
    assert_true(ok);
    so_store_close(st);
    index_all(db, e, 1); /* the same articles again: every put is skipped */
    assert_int_equal(so_store_open(db, SO_STORE_READ, &st, &err), SAYSO_OK);
    assert_int_equal(so_store_count(st, &c, &err), SAYSO_OK);
    assert_memory_equal(&c, &before, sizeof c);
    so_store_close(st);
    sayso_engine_close(e);
}

static void test_store_versions(void **state)
{
    (void)state;
    char db[128];
    sqlite3 *h = NULL;
    so_store *st = NULL;
    sayso_error err;
    path_of(db, sizeof db, "other.db");
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "CREATE TABLE foo(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_ERR_INVALID);
    assert_null(st);
    assert_non_null(strstr(err.message, "not a sayso"));
    assert_int_equal(so_store_open(db, SO_STORE_READ, &st, &err), SAYSO_ERR_INVALID);

    path_of(db, sizeof db, "future.db");
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_OK);
    so_store_close(st);
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "PRAGMA user_version=99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_ERR_INVALID);
    assert_non_null(strstr(err.message, "newer"));
    assert_int_equal(so_store_open(db, SO_STORE_READ, &st, &err), SAYSO_ERR_INVALID);

    /* a store of schema 1 (before quote_speakers): a reader asks for a
       migration, a writer migrates it */
    path_of(db, sizeof db, "v1.db");
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_OK);
    so_store_close(st);
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "DROP TABLE quote_speakers; PRAGMA user_version=1", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(so_store_open(db, SO_STORE_READ, &st, &err), SAYSO_ERR_INVALID);
    assert_non_null(strstr(err.message, "migrate"));
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_OK);
    assert_int_equal(so_store_migrated_from(st), 1);
    so_store_close(st);
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &st, &err), SAYSO_OK);
    assert_int_equal(so_store_migrated_from(st), 0); /* once */
    so_store_close(st);
    assert_int_equal(so_store_open(db, SO_STORE_READ, &st, &err), SAYSO_OK);
    so_store_close(st);
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM quote_speakers", -1, &q, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    sqlite3_finalize(q);
    sqlite3_close(h);

    path_of(db, sizeof db, "missing.db");
    assert_int_equal(so_store_open(db, SO_STORE_READ, &st, &err), SAYSO_ERR_IO);
    assert_int_equal(access(db, F_OK), -1); /* a reader never creates the file */
    so_store_close(NULL);
    so_store_doc_free(NULL);
}

/* Two writers on one file take turns: the second sees the first's clusters. */
static void test_two_writers(void **state)
{
    (void)state;
    char db[128];
    path_of(db, sizeof db, "two.db");
    sayso_engine *e = NULL;
    assert_int_equal(sayso_engine_open(NULL, &e, NULL), SAYSO_OK);
    so_store *w1 = NULL, *w2 = NULL;
    sayso_error err;
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &w1, &err), SAYSO_OK);
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &w2, &err), SAYSO_OK);
    assert_int_equal(so_store_put(w1, make_doc(e, 0, "\"a\""), 0, NULL, &err), SAYSO_OK);
    assert_int_equal(so_store_commit(w1, &err), SAYSO_OK);
    assert_int_equal(so_store_put(w2, make_doc(e, 2, "\"c\""), 0, NULL, &err), SAYSO_OK);
    assert_int_equal(so_store_commit(w2, &err), SAYSO_OK);
    so_store_counts c;
    assert_int_equal(so_store_count(w2, &c, &err), SAYSO_OK);
    assert_int_equal(c.clusters, 1); /* the shortened quote joined w1's cluster */
    so_store_close(w1);
    so_store_close(w2);
    sayso_engine_close(e);
}

/* Readers on threads while a writer commits: no reader ever fails. */
typedef struct reader_arg {
    const char *db;
    int failures, rounds;
} reader_arg;

static void *reader(void *p)
{
    reader_arg *a = p;
    for (int k = 0; k < 40; k++) {
        so_store *st = NULL;
        sayso_error err;
        int n = 0;
        so_store_query q = {.speaker = "haddad"};
        if (so_store_open(a->db, SO_STORE_READ, &st, &err) != SAYSO_OK ||
            so_store_search(st, &q, count_rows, &n, &err) != SAYSO_OK)
            a->failures++;
        so_store_close(st);
        a->rounds++;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    char db[128];
    path_of(db, sizeof db, "threads.db");
    sayso_engine *e = NULL;
    assert_int_equal(sayso_engine_open(NULL, &e, NULL), SAYSO_OK);
    so_store *w = NULL;
    sayso_error err;
    assert_int_equal(so_store_open(db, SO_STORE_WRITE, &w, &err), SAYSO_OK);
    assert_int_equal(so_store_commit(w, &err), SAYSO_OK);
    reader_arg args[4];
    pthread_t th[4];
    for (int k = 0; k < 4; k++) {
        args[k] = (reader_arg){db, 0, 0};
        assert_int_equal(pthread_create(&th[k], NULL, reader, &args[k]), 0);
    }
    for (int k = 0; k < 30; k++) {
        char id[32];
        snprintf(id, sizeof id, "\"t%d\"", k);
        assert_int_equal(so_store_put(w, make_doc(e, k % 3, id), 0, NULL, &err), SAYSO_OK);
        assert_int_equal(so_store_commit(w, &err), SAYSO_OK);
    }
    for (int k = 0; k < 4; k++) {
        pthread_join(th[k], NULL);
        assert_int_equal(args[k].failures, 0);
        assert_int_equal(args[k].rounds, 40);
    }
    int ok = 0;
    char msg[256];
    assert_int_equal(so_store_check(w, &ok, msg, sizeof msg, &err), SAYSO_OK);
    assert_true(ok);
    so_store_close(w);
    sayso_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm),           cmocka_unit_test(test_names),
        cmocka_unit_test(test_fallback),       cmocka_unit_test(test_fts_query),
        cmocka_unit_test(test_dedup_rules),    cmocka_unit_test(test_store_api),
        cmocka_unit_test(test_store_versions), cmocka_unit_test(test_two_writers),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
