/*
** test_srctidy.c -- unit tests of the source boundary corrections
** (src/attrib/srctidy.c): each one on a sentence of our own, tagged by the
** shipped POS tagger, where it must fire, and on a near miss where it must
** leave the source alone.
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
#include "model/doctag.h"
#include "model/modelfile.h"
#include "model/tagger.h"
#include "quote/quote.h"
#include "shipped.h"

typedef struct fixture {
    so_mf *mf;
    so_tagger *pos, *ner;
    char out[256];
} fixture;

static int setup(void **state)
{
    fixture *x = calloc(1, sizeof *x);
    if (!x || shipped_load(&x->mf, &x->pos, &x->ner))
        return -1;
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    shipped_free(x->mf, x->pos, x->ner);
    free(x);
    return 0;
}

/* The tokens of the first occurrence of s in the text of d. */
static so_range find(const so_doc *d, const char *s)
{
    const char *p = strstr(d->text, s);
    assert_non_null(p);
    size_t b = (size_t)(p - d->text);
    return so_doc_token_range(d, b, b + strlen(s));
}

/* Tidy one attribution of text with source src ("" for none), cue cue and
** the content fragments named by c1 and c2 (NULL for none); returns the
** source's text after tidying ("" for none), and in *nc the number of
** content fragments. */
static const char *tidy_n(fixture *x, const char *text, const char *src, const char *cue,
                          const char *c1, const char *c2, unsigned *nc)
{
    so_doc d;
    so_attrs as = {0};
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, text, strlen(text)), 0);
    assert_int_equal(so_quote_pair(&d), 0);
    assert_int_equal(so_doc_tag(x->pos, x->ner, &d), 0);
    so_attr *a = so_attr_push(&as);
    assert_non_null(a);
    a->cue = find(&d, cue);
    if (*src)
        a->source = find(&d, src);
    if (c1)
        so_attr_add_content(a, find(&d, c1));
    if (c2)
        so_attr_add_content(a, find(&d, c2));
    so_attr_tidy_sources(x->pos, &d, &as);
    x->out[0] = 0;
    if (as.a[0].source.e > as.a[0].source.b) {
        size_t b = d.tok[as.a[0].source.b].start, e = d.tok[as.a[0].source.e - 1].end;
        snprintf(x->out, sizeof x->out, "%.*s", (int)(e - b), text + b);
    }
    if (nc)
        *nc = as.a[0].ncontent;
    so_attrs_free(&as);
    so_doc_free(&d);
    return x->out;
}

static const char *tidy(fixture *x, const char *text, const char *src, const char *cue)
{
    return tidy_n(x, text, src, cue, NULL, NULL, NULL);
}

/* One source to tidy: the text, the source and cue as they first occur in
** it, and the source expected after tidying. */
typedef struct tidy_case {
    const char *text, *src, *cue, *want;
} tidy_case;

static void run_cases(fixture *x, const tidy_case *c, size_t n)
{
    for (size_t k = 0; k < n; k++)
        assert_string_equal(tidy(x, c[k].text, c[k].src, c[k].cue), c[k].want);
}

#define RUN(x, cases) run_cases(x, cases, sizeof cases / sizeof cases[0])

/* A time at the end or the start of a source belongs to the clause; not
** inside a clause of the source's own, nor in a possessive. */
static void test_times(void **state)
{
    static const tidy_case cases[] = {
        {"The Ledger on Saturday wrote that the plan had failed.\n", "The Ledger on Saturday",
         "wrote", "The Ledger"},
        {"Harbor Bank just this month announced that it would stop.\n",
         "Harbor Bank just this month", "announced", "Harbor Bank"},
        {"Voters heading to the polls Tuesday said the race was close.\n",
         "Voters heading to the polls Tuesday", "said", "Voters heading to the polls Tuesday"},
        {"Last week Okafor appeared to blame the drivers.\n", "Last week Okafor", "appeared",
         "Okafor"},
        {"Last year's report said that crime had fallen.\n", "Last year's report", "said",
         "Last year's report"},
        {"USA TODAY reported that the deal was done.\n", "USA TODAY", "reported", "USA TODAY"},
    };
    RUN(*state, cases);
}

/* The occasion of the words ends a source; a place in a name does not. */
static void test_occasion(void **state)
{
    static const tidy_case cases[] = {
        {"\"It is over,\" said Rep. Jane Roe, the top Democrat on the panel, in a statement.\n",
         "Rep. Jane Roe, the top Democrat on the panel, in a statement", "said",
         "Rep. Jane Roe, the top Democrat on the panel"},
        {"An opinion article published in The Washington Post argued that it was wrong.\n",
         "An opinion article published in The Washington Post", "argued",
         "An opinion article published in The Washington Post"},
    };
    RUN(*state, cases);
}

/* A noun, then the subject of a clause with no relative word: the subject. */
static void test_contact_clause(void **state)
{
    static const tidy_case cases[] = {
        {"That was an office he said he had always wanted.\n", "an office he", "said", "he"},
        {"It was the third time Acme said it had closed a plant.\n", "the third time Acme",
         "said", "Acme"},
        {"Campaign spokesman Tom Reyes said the claim was false.\n",
         "Campaign spokesman Tom Reyes", "said", "Campaign spokesman Tom Reyes"},
        {"Many mainstream Republicans said the plan was a mistake.\n",
         "Many mainstream Republicans", "said", "Many mainstream Republicans"},
    };
    RUN(*state, cases);
}

/* "I interviewed" stays with the people interviewed. */
static void test_interviewed(void **state)
{
    static const tidy_case cases[] = {
        {"All the economists I interviewed said the plan was sound.\n", "All the economists I",
         "said", "All the economists I interviewed"},
    };
    RUN(*state, cases);
}

/* An unclosed parenthesis: closed when ")" comes next, else cut off. */
static void test_parentheses(void **state)
{
    static const tidy_case cases[] = {
        {"\"It is a mistake,\" said Mr. Tamm (a view shared by others).\n",
         "Mr. Tamm (a view", "said", "Mr. Tamm"},
        {"Schools walked out, according to the group Alliance for Schools (AFS).\n",
         "the group Alliance for Schools (AFS", "according to",
         "the group Alliance for Schools (AFS)"},
    };
    RUN(*state, cases);
}

/* ", noted NAME." with the name taken for content: the name is the
** source. Not when something follows the name. */
static void test_inverted(void **state)
{
    fixture *x = *state;
    unsigned nc = 0;
    assert_string_equal(
        tidy_n(x, "The fares would rise faster than wages, noted Mara Lindqvist.\n", "", "noted",
               "The fares would rise faster than wages", "Mara Lindqvist", &nc),
        "Mara Lindqvist");
    assert_int_equal(nc, 1);
    assert_string_equal(tidy_n(x, "The fares would rise faster than wages, noted Mara Lindqvist in May.\n",
                               "", "noted", "The fares would rise faster than wages",
                               "Mara Lindqvist in May", &nc),
                        "");
    assert_int_equal(nc, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_times),          cmocka_unit_test(test_occasion),
        cmocka_unit_test(test_contact_clause), cmocka_unit_test(test_interviewed),
        cmocka_unit_test(test_parentheses),    cmocka_unit_test(test_inverted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
