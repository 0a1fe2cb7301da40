/*
** test_extract.c -- unit tests of the public API (sayso.h): the foundation
** example article, attribution patterns, limits, NULL safety, bad input.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sayso.h"

static const char okafor[] =
    "Maria Okafor, the city's chief engineer, resigned on Friday. In a letter to staff, "
    "Okafor wrote, \"I can no longer sign off on a bridge I believe is unsafe.\" The mayor's "
    "office confirmed it had received the letter. \"We thank her for her service,\" spokesman "
    "Dan Price said. \"The bridge remains open.\"\n\n"
    "\"I was told to keep quiet,\" the former engineer told Channel 5. \"Not anymore.\"\n\n"
    "She called the council's report \"a work of fiction\" and said she had warned officials "
    "\"again and again.\"\n";

static sayso_result *run(const char *text, size_t len)
{
    sayso_engine *e = NULL;
    assert_int_equal(sayso_engine_open(NULL, &e, NULL), SAYSO_OK);
    sayso_result *r = NULL;
    assert_int_equal(sayso_extract(e, text, len, &r, NULL), SAYSO_OK);
    sayso_engine_close(e);
    return r;
}

/* Does span role (n spans) of text equal want (fragments joined by '|')? */
static int role_is(const char *text, const sayso_span *sp, size_t n, const char *want)
{
    char buf[512] = "";
    size_t k = 0;
    for (size_t i = 0; i < n && k + 200 < sizeof buf; i++) {
        if (i)
            buf[k++] = '|';
        memcpy(buf + k, text + sp[i].start, sp[i].end - sp[i].start);
        k += sp[i].end - sp[i].start;
    }
    buf[k] = 0;
    if (strcmp(buf, want))
        print_message("got [%s] want [%s]\n", buf, want);
    return !strcmp(buf, want);
}

static void test_okafor(void **state)
{
    (void)state;
    sayso_result *r = run(okafor, strlen(okafor));
    assert_int_equal(sayso_result_quote_count(r), 6);
    const sayso_quote *q = sayso_result_quote(r, 0);
    assert_true(role_is(okafor, q->source, q->n_source, "Okafor"));
    assert_true(role_is(okafor, q->cue, q->n_cue, "wrote"));
    assert_int_equal(q->kind, SAYSO_DIRECT);
    q = sayso_result_quote(r, 1); /* reported speech, found by the learned model */
    assert_true(role_is(okafor, q->source, q->n_source, "The mayor's office"));
    assert_true(role_is(okafor, q->cue, q->n_cue, "confirmed"));
    assert_true(role_is(okafor, q->content, q->n_content, "it had received the letter"));
    assert_int_equal(q->kind, SAYSO_INDIRECT);
    q = sayso_result_quote(r, 2);
    assert_true(role_is(okafor, q->source, q->n_source, "spokesman Dan Price"));
    assert_true(role_is(okafor, q->content, q->n_content,
                        "\"We thank her for her service,\"|\"The bridge remains open.\""));
    q = sayso_result_quote(r, 3);
    assert_true(role_is(okafor, q->source, q->n_source, "the former engineer"));
    assert_true(role_is(okafor, q->cue, q->n_cue, "told"));
    assert_int_equal(q->n_content, 2);
    q = sayso_result_quote(r, 4);
    assert_true(role_is(okafor, q->source, q->n_source, "She"));
    assert_true(role_is(okafor, q->cue, q->n_cue, "called"));
    assert_int_equal(q->kind, SAYSO_MIXED);
    q = sayso_result_quote(r, 5);
    assert_true(role_is(okafor, q->source, q->n_source, "She"));
    assert_true(role_is(okafor, q->cue, q->n_cue, "said"));
    assert_true(role_is(okafor, q->content, q->n_content,
                        "she had warned officials \"again and again.\""));
    assert_null(sayso_result_quote(r, 6));
    sayso_result_free(r);
}

static void test_patterns(void **state)
{
    (void)state;
    static const struct {
        const char *text, *source, *cue;
    } cases[] = {
        {"\"We will appeal,\" said Jane Doe, a lawyer for the family.",
         "Jane Doe, a lawyer for the family", "said"},
        {"The ministry said: \"No troops crossed the border.\"", "The ministry", "said:"},
        {"According to Doe, \"the vote was rigged from the start.\"", "Doe", "According to"},
        {"\"It is over,\" he later told reporters.", "he", "later told"},
        {"\"The plan is dead.\" \xe2\x80\x94 Jane Doe", "Jane Doe", "\xe2\x80\x94"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *t = cases[k].text;
        sayso_result *r = run(t, strlen(t));
        assert_int_equal(sayso_result_quote_count(r), 1);
        const sayso_quote *q = sayso_result_quote(r, 0);
        assert_true(role_is(t, q->source, q->n_source, cases[k].source));
        assert_true(role_is(t, q->cue, q->n_cue, cases[k].cue));
        sayso_result_free(r);
    }
}

/* A source that coordinates names has the first as its speaker and the
** others as co-speakers, in text order; every quote without one has none. */
static void test_co_speakers(void **state)
{
    (void)state;
    static const char t[] = "\"We were never asked,\" said Rita Vance, Omar Haddad and Lena Fisk.\n\n"
                            "\"It is a fair price,\" said Tom Lund.\n";
    sayso_result *r = run(t, strlen(t));
    assert_int_equal(sayso_result_quote_count(r), 2);
    const sayso_quote *q = sayso_result_quote(r, 0);
    assert_true(q->speaker >= 0);
    assert_string_equal(sayso_result_entity(r, (size_t)q->speaker)->name, "Rita Vance");
    assert_int_equal(q->n_co_speakers, 2);
    assert_string_equal(sayso_result_entity(r, (size_t)q->co_speakers[0])->name, "Omar Haddad");
    assert_string_equal(sayso_result_entity(r, (size_t)q->co_speakers[1])->name, "Lena Fisk");
    q = sayso_result_quote(r, 1);
    assert_string_equal(sayso_result_entity(r, (size_t)q->speaker)->name, "Tom Lund");
    assert_int_equal(q->n_co_speakers, 0);
    sayso_result_free(r);
}

/* A greeting that opens a quotation is no one's name, whatever the NER
** tagger makes of it: the only entity is the speaker. */
static void test_greetings_are_not_names(void **state)
{
    (void)state;
    static const char *const texts[] = {"\"Hello there,\" said Ann Lee.",
                                        "Hello, said Ann Lee.", "\"Welcome back,\" said Ann Lee."};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        sayso_result *r = run(texts[k], strlen(texts[k]));
        assert_int_equal(sayso_result_entity_count(r), 1);
        assert_string_equal(sayso_result_entity(r, 0)->name, "Ann Lee");
        sayso_result_free(r);
    }
}

/* A quotation with no cue of its own continues the attribution before it
** only in the same kind of mark (double or single). */
static void test_continuation_keeps_marks(void **state)
{
    (void)state;
    const char *same = "\"The bridge is safe,\" said Tom Berg. \"We checked it twice.\"";
    sayso_result *r = run(same, strlen(same));
    assert_int_equal(sayso_result_quote_count(r), 1);
    assert_int_equal(sayso_result_quote(r, 0)->n_content, 2);
    sayso_result_free(r);
    const char *other = "'The bridge is safe,' said Tom Berg. \"We checked it twice.\"";
    r = run(other, strlen(other));
    assert_true(sayso_result_quote_count(r) >= 1);
    const sayso_quote *q = sayso_result_quote(r, 0);
    assert_int_equal(q->n_content, 1);
    assert_true(role_is(other, q->content, q->n_content, "'The bridge is safe,'"));
    sayso_result_free(r);
}

/* Invalid bytes between two sentences separate them as a space would: two
** direct quotes, each with its own source. */
static void test_invalid_bytes_separate(void **state)
{
    (void)state;
    const char *t = "\"Hi,\" said Bob.\xff\xfe \"Bye,\" said Ann.";
    sayso_result *r = run(t, strlen(t));
    assert_int_equal(sayso_result_quote_count(r), 2);
    const sayso_quote *q = sayso_result_quote(r, 1);
    assert_int_equal(q->kind, SAYSO_DIRECT);
    assert_true(role_is(t, q->content, q->n_content, "\"Bye,\""));
    assert_true(role_is(t, q->source, q->n_source, "Ann"));
    sayso_result_free(r);
}

static void test_scare_quotes(void **state)
{
    (void)state;
    const char *t = "The so-called \"reset\" with Moscow failed within a year.";
    sayso_result *r = run(t, strlen(t));
    assert_int_equal(sayso_result_quote_count(r), 0);
    sayso_result_free(r);
}

static void test_limits_and_null(void **state)
{
    (void)state;
    sayso_engine *e = NULL;
    sayso_options o = {.max_bytes = 10};
    sayso_error err;
    assert_int_equal(sayso_engine_open(&o, &e, &err), SAYSO_OK);
    sayso_result *r = (sayso_result *)1;
    assert_int_equal(sayso_extract(e, "0123456789AB", 12, &r, &err), SAYSO_ERR_TOOBIG);
    assert_null(r);
    assert_int_equal(err.code, SAYSO_ERR_TOOBIG);
    assert_non_null(strstr(err.message, "exceeds"));
    assert_int_equal(sayso_extract(NULL, "x", 1, &r, &err), SAYSO_ERR_INVALID);
    assert_int_equal(sayso_extract(e, NULL, 0, &r, NULL), SAYSO_OK);
    assert_int_equal(sayso_result_quote_count(r), 0);
    sayso_result_free(r);
    sayso_result_free(NULL);
    sayso_engine_close(e);
    sayso_engine_close(NULL);
    assert_int_equal(sayso_result_quote_count(NULL), 0);
    assert_string_equal(sayso_status_str(SAYSO_ERR_NOMEM), "out of memory");
    sayso_options bad = {.flags = SAYSO_F_NO_MODEL | 0x80u}; /* not a SAYSO_F_ flag */
    e = (sayso_engine *)1;
    assert_int_equal(sayso_engine_open(&bad, &e, &err), SAYSO_ERR_INVALID);
    assert_null(e);
    assert_non_null(strstr(err.message, "0x80"));
}

static void test_garbage(void **state)
{
    (void)state;
    /* every byte value, unbalanced marks, NULs: must not crash; spans in range */
    size_t n = 1 << 16;
    char *t = malloc(n);
    assert_non_null(t);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        static const char pick[] = "\"' \n.,\xe2\x80\x9c\x9dsaid He";
        t[i] = (x >> 16) % 3 ? pick[(x >> 8) % (sizeof pick - 1)] : (char)(x >> 20);
    }
    sayso_result *r = run(t, n);
    for (size_t k = 0; k < sayso_result_quote_count(r); k++) {
        const sayso_quote *q = sayso_result_quote(r, k);
        for (size_t i = 0; i < q->n_content; i++)
            assert_true(q->content[i].start < q->content[i].end && q->content[i].end <= n);
    }
    sayso_result_free(r);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_okafor),         cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_scare_quotes),   cmocka_unit_test(test_limits_and_null),
        cmocka_unit_test(test_garbage),        cmocka_unit_test(test_greetings_are_not_names),
        cmocka_unit_test(test_continuation_keeps_marks), cmocka_unit_test(test_co_speakers),
        cmocka_unit_test(test_invalid_bytes_separate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
