/*
** test_coref.c -- unit tests of the speaker module (src/coref): the word
** lexicon, mention clustering (full name, surname, honorific; organisation
** short forms; acronyms), roles, genders, source resolution (names,
** pronouns, role nouns, relative "who", unresolvable sources) and the
** export to sayso_entity. Rules only (no taggers), so no model is needed.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "attrib/attrib.h"
#include "coref/coref.h"
#include "coref/coref_int.h"
#include "quote/quote.h"
#include "text/doc.h"

typedef struct fixture {
    so_doc d;
    so_coref *c;
} fixture;

static void open_text(fixture *f, const char *s)
{
    memset(f, 0, sizeof *f);
    assert_int_equal(so_tok_run(&f->d, s, strlen(s)), 0);
    assert_int_equal(so_quote_pair(&f->d), 0);
    assert_int_equal(so_coref_open(&f->d, NULL, NULL, &f->c), 0);
}

static void close_text(fixture *f)
{
    so_coref_close(f->c);
    so_doc_free(&f->d);
}

/* Token range of the n-th (0-based) occurrence of the words w (a phrase
** of space-separated tokens) in the text. */
static so_range find(const fixture *f, const char *w, int n)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", w);
    char *words[16];
    size_t nw = 0;
    for (char *p = strtok(buf, " "); p && nw < 16; p = strtok(NULL, " "))
        words[nw++] = p;
    for (size_t i = 0; i + nw <= f->d.ntok; i++) {
        size_t k = 0;
        while (k < nw && so_tok_is_exact(&f->d, i + k, words[k]))
            k++;
        if (k == nw && n-- == 0)
            return (so_range){(uint32_t)i, (uint32_t)(i + nw)};
    }
    fail_msg("'%s' not found", w);
    return (so_range){0, 0};
}

/* Canonical name of entity k as a C string (static buffer). */
static const char *name_of(const fixture *f, int32_t k, char *buf, size_t cap)
{
    if (k < 0)
        return "(none)";
    sayso_span s = so_coref_name(f->c, k);
    snprintf(buf, cap, "%.*s", (int)(s.end - s.start), f->d.text + s.start);
    return buf;
}

static void expect_speaker(fixture *f, const char *src, int n, const char *want)
{
    char buf[128];
    int32_t k = so_coref_resolve(f->c, find(f, src, n), NULL, 0);
    assert_string_equal(name_of(f, k, buf, sizeof buf), want);
}

static void test_lexicon(void **state)
{
    (void)state;
    assert_int_equal(so_coref_lex_check(), 0);
}

static void test_surname_and_honorific(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "Thomas Keller opened the meeting. Keller spoke for an hour. "
                  "Later Mr. Keller left.");
    expect_speaker(&f, "Keller", 1, "Thomas Keller");
    expect_speaker(&f, "Mr. Keller", 0, "Thomas Keller");
    int32_t k = so_coref_resolve(f.c, find(&f, "Thomas Keller", 0), NULL, 0);
    assert_int_equal(so_coref_type(f.c, k), SAYSO_ENT_PERSON);
    assert_int_equal(so_coref_gender(f.c, k), SAYSO_GENDER_MALE); /* from Mr. */
    sayso_span ms[8];
    assert_int_equal(so_coref_mentions(f.c, k, ms, 8), 3);
    close_text(&f);
}

/* Gender of the entity that source w (n-th occurrence) resolves to. */
static sayso_gender gender_of(fixture *f, const char *w, int n)
{
    int32_t k = so_coref_resolve(f->c, find(f, w, n), NULL, 0);
    if (k < 0)
        fail_msg("'%s' (%d) resolves to no entity", w, n);
    return so_coref_gender(f->c, k);
}

static void test_gender_from_first_names(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "Maria Lopez chaired the hearing. Lopez thanked the witnesses.");
    assert_int_equal(gender_of(&f, "Lopez", 1), SAYSO_GENDER_FEMALE);
    close_text(&f);
    /* a name given to both, and a one-word mention, which may be a surname */
    open_text(&f, "Jordan Hale chaired the hearing. Senator Warren said it was late.");
    assert_int_equal(gender_of(&f, "Hale", 0), SAYSO_GENDER_UNKNOWN);
    assert_int_equal(gender_of(&f, "Warren", 0), SAYSO_GENDER_UNKNOWN);
    close_text(&f);
    /* a person whose first name is a woman's is no vote for "he": Keller is
    ** the only one left, though Maria Lopez is the subject */
    open_text(&f, "Maria Lopez met Keller, and he agreed. Keller said it was over.");
    assert_int_equal(gender_of(&f, "Keller", 1), SAYSO_GENDER_MALE);
    close_text(&f);
    /* an honorific outweighs the first name */
    open_text(&f, "Mr. Maria Lopez chaired the hearing. Lopez thanked them.");
    assert_int_equal(gender_of(&f, "Lopez", 1), SAYSO_GENDER_MALE);
    close_text(&f);
}

static void test_organisation_short_forms(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "The story ran in The New York Times on Sunday. The Times said it stood by "
                  "it. Sky News aired it too, and Sky said so.");
    expect_speaker(&f, "Times", 1, "New York Times");
    expect_speaker(&f, "Sky", 1, "Sky News");
    int32_t k = so_coref_resolve(f.c, find(&f, "Sky News", 0), NULL, 0);
    assert_int_equal(so_coref_type(f.c, k), SAYSO_ENT_ORGANIZATION);
    close_text(&f);
}

static void test_acronyms(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "The Environmental Protection Agency (EPA) issued a rule. Critics of "
                  "the EPA objected. The Federal Bureau of Investigation opened a case, "
                  "and the FBI said little.");
    expect_speaker(&f, "EPA", 1, "Environmental Protection Agency");
    expect_speaker(&f, "FBI", 0, "Federal Bureau of Investigation");
    close_text(&f);
    /* mixed case: the capitals spell the name; "PhD" is no acronym */
    open_text(&f, "The Department for Transport issued a rule. The DfT said little. "
                  "She has a PhD from Leeds.");
    expect_speaker(&f, "DfT", 0, "Department for Transport");
    assert_true(so_coref_mixed_acro(&f.d, find(&f, "DfT", 0).b));
    assert_false(so_coref_mixed_acro(&f.d, find(&f, "PhD", 0).b));
    assert_false(so_coref_mixed_acro(&f.d, find(&f, "Leeds", 0).b));
    close_text(&f);
}

static void test_pronouns(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "Maria Okafor, the city's chief engineer, resigned. Mr. Dan Price, a "
                  "spokesman, thanked her.\n\n\"I was told to keep quiet,\" the former "
                  "engineer said.\n\nShe said she had warned officials.");
    expect_speaker(&f, "the former engineer", 0, "Maria Okafor");
    expect_speaker(&f, "She", 0, "Maria Okafor"); /* Price is a man: Mr. */
    close_text(&f);
}

static void test_same_gender_subjects(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "Sen. Robert Vance spoke first. He said the bill was dead.\n\n"
                  "Sen. Thomas Keller answered an hour later. He said it was not.");
    expect_speaker(&f, "He", 0, "Robert Vance");
    expect_speaker(&f, "He", 1, "Thomas Keller");
    close_text(&f);
}

static void test_speaker_run(void **state)
{
    (void)state;
    fixture f;
    /* In a run of quotes the current speaker wins over a newer name. */
    open_text(&f, "\"We will appeal,\" Anna Berg said. \"The ruling ignores Ruth Hale's "
                  "evidence.\"\n\n\"It is not over,\" she said.");
    expect_speaker(&f, "Anna Berg", 0, "Anna Berg");
    so_range quote = find(&f, "It is not over", 0);
    char buf[64];
    int32_t k = so_coref_resolve(f.c, find(&f, "she", 0), &quote, 1);
    assert_string_equal(name_of(&f, k, buf, sizeof buf), "Anna Berg");
    close_text(&f);
}

static void test_relative_who(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "The bill was drafted by Carla Mendes, who said it would pass.");
    expect_speaker(&f, "who", 0, "Carla Mendes");
    close_text(&f);
}

static void test_inner_names(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "Hope Hicks works for Donald Trump. Trump's spokeswoman Hope Hicks said "
                  "no. A lawyer for Trump, Mark Reyes, said yes.");
    expect_speaker(&f, "Trump 's spokeswoman Hope Hicks", 0, "Hope Hicks");
    expect_speaker(&f, "A lawyer for Trump , Mark Reyes", 0, "Mark Reyes");
    close_text(&f);
}

static void test_unresolved(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "Jane Roe ran the lab. Officials said the lab would close. The "
                  "inspector said nothing. It rained.");
    assert_int_equal(so_coref_resolve(f.c, find(&f, "Officials", 0), NULL, 0), -1);
    assert_int_equal(so_coref_resolve(f.c, find(&f, "The inspector", 0), NULL, 0), -1);
    assert_int_equal(so_coref_resolve(f.c, find(&f, "It", 0), NULL, 0), -1); /* no org */
    assert_int_equal(so_coref_resolve(f.c, (so_range){3, 3}, NULL, 0), -1);   /* empty */
    close_text(&f);
}

static void test_empty_document(void **state)
{
    (void)state;
    fixture f;
    open_text(&f, "");
    assert_int_equal(so_coref_count(f.c), 0);
    close_text(&f);
    so_coref_close(NULL);
}

/* so_coref_speakers(): speakers of attributions and the exported block. */
static void test_export(void **state)
{
    (void)state;
    const char *s = "Maria Okafor, the city's chief engineer, resigned. \"It is unsafe,\" "
                    "she said. \"We thank her,\" spokesman Dan Price said.";
    so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, strlen(s)), 0);
    assert_int_equal(so_quote_pair(&d), 0);
    so_attrs as = {0};
    fixture f = {d, NULL};
    so_attr *a = so_attr_push(&as);
    a->source = find(&f, "she", 0);
    so_attr_add_content(a, find(&f, "It is unsafe", 0));
    a = so_attr_push(&as);
    a->source = find(&f, "spokesman Dan Price", 0);
    so_attr_add_content(a, find(&f, "We thank her", 0));
    so_coref_out out;
    assert_int_equal(so_coref_speakers(&d, NULL, NULL, &as, &out), 0);
    assert_int_equal(out.n, 2);
    const sayso_entity *e = &out.ents[as.a[0].speaker];
    assert_string_equal(e->name, "Maria Okafor");
    assert_int_equal(e->gender, SAYSO_GENDER_FEMALE); /* from "she" */
    assert_int_equal(e->n_roles, 1);
    assert_string_equal(e->roles[0], "chief engineer");
    assert_int_equal(e->n_mentions, 2); /* Maria Okafor, she */
    e = &out.ents[as.a[1].speaker];
    assert_string_equal(e->name, "Dan Price");
    assert_string_equal(e->roles[0], "spokesman");
    assert_int_equal(e->gender, SAYSO_GENDER_MALE); /* from "spokesman" */
    free(out.ents);
    so_attrs_free(&as);
    so_doc_free(&d);
}

/* A corpus joined into one text: 200 spokesmen, each followed by "The
** spokesman said". Each role noun goes to the spokesman just named, among
** the nearest SO_ROLE_NEAR roles of that head (not the first 32 entities
** of the text, as when every role of the head was a candidate). */
static void test_many_same_roles(void **state)
{
    (void)state;
    static const char *const first[] = {"Abel", "Bruna", "Cyril", "Dagny", "Emeric",
                                        "Fenna", "Gideon", "Hedda", "Ilario", "Jorunn"};
    static const char *const last[] = {"Aldane", "Brevik", "Castell", "Dorrow", "Elmsby",
                                       "Farrant", "Gorsky", "Hallam", "Iversen", "Jessop",
                                       "Kimber", "Lothby", "Marrow", "Nettle", "Orchard",
                                       "Pellow", "Quarles", "Ramsden", "Selwyn", "Tarrant"};
    enum { N = 200 };
    size_t cap = N * 96, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(text + len, cap - len,
                                "Spokesman %s %s said the plan failed. The spokesman said "
                                "it was late.\n\n",
                                first[i % 10], last[i / 10]);
    fixture f;
    open_text(&f, text);
    for (int i = 0; i < N; i += 37) {
        char want[64];
        snprintf(want, sizeof want, "%s %s", first[i % 10], last[i / 10]);
        expect_speaker(&f, "The spokesman", i, want);
    }
    close_text(&f);
    free(text);
}

/* One key shared by many entities ("Corp" in a joined corpus) keeps the
** first SO_KEY_MAX_ENTS of them, in the order they were put. */
static void test_key_cap(void **state)
{
    (void)state;
    so_keys t = {0};
    for (int32_t e = 0; e < 1000; e++)
        assert_int_equal(so_coref_keys_put(&t, 42, e), 0);
    assert_int_equal(so_coref_keys_put(&t, 7, 5), 0);
    assert_int_equal(so_coref_keys_put(&t, 7, 5), 0); /* a duplicate: kept once */
    int32_t out[64];
    assert_int_equal(so_coref_keys_get(&t, 42, out, 64), SO_KEY_MAX_ENTS);
    for (int32_t k = 0; k < SO_KEY_MAX_ENTS; k++)
        assert_int_equal(out[k], k);
    assert_int_equal(so_coref_keys_get(&t, 42, out, 3), 3);
    assert_int_equal(out[2], 2);
    assert_int_equal(so_coref_keys_get(&t, 7, out, 64), 1);
    assert_int_equal(t.n, SO_KEY_MAX_ENTS + 1);
    so_coref_keys_free(&t);
}

/* so_coref_conjuncts on source ranges: a coordination of names gives the
** others; "he and" gives the pronoun's person first (the man named last);
** a name after the source's end is not in it. */
static void test_conjuncts(void **state)
{
    (void)state;
    fixture f;
    char buf[128];
    int32_t out[8];
    open_text(&f, "Hugo Brandt spoke first. Anna Berg and Tom Lund said it. "
                   "He and the engineer Rita Vance wrote to the board.");
    so_range src = find(&f, "Anna Berg and Tom Lund", 0);
    int32_t k = so_coref_resolve(f.c, src, NULL, 0);
    assert_string_equal(name_of(&f, k, buf, sizeof buf), "Anna Berg");
    assert_int_equal(so_coref_conjuncts(f.c, src, &k, out, 8), 1);
    assert_string_equal(name_of(&f, out[0], buf, sizeof buf), "Tom Lund");
    src = find(&f, "He and the engineer Rita Vance", 0);
    k = so_coref_resolve(f.c, src, NULL, 0);
    assert_int_equal(so_coref_conjuncts(f.c, src, &k, out, 8), 1);
    assert_string_equal(name_of(&f, k, buf, sizeof buf), "Tom Lund");
    assert_string_equal(name_of(&f, out[0], buf, sizeof buf), "Rita Vance");
    src = find(&f, "He and the", 0); /* the name lies after the source */
    k = so_coref_resolve(f.c, src, NULL, 0);
    assert_int_equal(so_coref_conjuncts(f.c, src, &k, out, 8), 0);
    assert_string_equal(name_of(&f, k, buf, sizeof buf), "Tom Lund");
    close_text(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conjuncts),
        cmocka_unit_test(test_lexicon),
        cmocka_unit_test(test_surname_and_honorific),
        cmocka_unit_test(test_gender_from_first_names),
        cmocka_unit_test(test_organisation_short_forms),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_pronouns),
        cmocka_unit_test(test_same_gender_subjects),
        cmocka_unit_test(test_speaker_run),
        cmocka_unit_test(test_relative_who),
        cmocka_unit_test(test_inner_names),
        cmocka_unit_test(test_unresolved),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_export),
        cmocka_unit_test(test_many_same_roles),
        cmocka_unit_test(test_key_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
