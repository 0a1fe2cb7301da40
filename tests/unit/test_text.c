/*
** test_text.c -- unit tests of the text layer: UTF-8 decoding, the
** tokenizer, sentences and paragraphs, and quotation-mark pairing.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/utf8.h"
#include "quote/quote.h"
#include "text/doc.h"

/* Tokenize s and check the token texts joined by '|'. */
static void expect_tokens(const char *s, const char *want)
{
    so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, strlen(s)), 0);
    char got[1024] = "";
    size_t k = 0;
    for (size_t i = 0; i < d.ntok && k + 40 < sizeof got; i++) {
        if (i)
            got[k++] = '|';
        memcpy(got + k, so_tok_str(&d, i), so_tok_len(&d, i));
        k += so_tok_len(&d, i);
    }
    got[k] = 0;
    so_doc_free(&d);
    assert_string_equal(got, want);
}

static void test_utf8_invalid(void **state)
{
    (void)state;
    const char s[] = "a\xff\xc3\xa9\xe2\x80";
    uint32_t c;
    assert_int_equal(so_utf8_next(s, 6, 0, &c), 1);
    assert_int_equal(c, 'a');
    assert_int_equal(so_utf8_next(s, 6, 1, &c), 1);
    assert_int_equal(c, 0xFFFD);
    assert_int_equal(so_utf8_next(s, 6, 2, &c), 2);
    assert_int_equal(c, 0xE9);
    assert_int_equal(so_utf8_next(s, 6, 4, &c), 1); /* truncated sequence */
    assert_int_equal(so_utf8_invalid_count(s, 6), 3);
    /* overlong encoding and a surrogate are invalid */
    assert_int_equal(so_utf8_next("\xc0\xaf", 2, 0, &c), 1);
    assert_int_equal(so_utf8_next("\xed\xa0\x80", 3, 0, &c), 1);
}

/* What a terminal is shown: s (n bytes) through so_utf8_shown, joined. */
static void expect_shown(const char *s, size_t n, const char *want)
{
    char got[64], out[4];
    size_t g = 0;
    for (size_t i = 0, len; i < n;) {
        i += so_utf8_shown(s, n, i, out, &len);
        assert_true(g + len < sizeof got);
        memcpy(got + g, out, len);
        g += len;
    }
    got[g] = 0;
    assert_string_equal(got, want);
}

static void test_utf8_shown(void **state)
{
    (void)state;
    expect_shown("a\tb\nc\rd", 7, "a b c d");
    expect_shown("x\0y", 3, "x y");
    /* ESC, BEL, DEL, C1 CSI (U+009B) and a lone byte 0x9B: U+FFFD each */
    expect_shown("\x1b[2J\a\x7f\xc2\x9b\x9b", 9,
                 "\xef\xbf\xbd[2J\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    const char *cafe = "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d"; /* kept as it is */
    expect_shown(cafe, strlen(cafe), cafe);
}

static void test_tokens_clitics(void **state)
{
    (void)state;
    expect_tokens("I don't know Clinton's plan.", "I|do|n't|know|Clinton|'s|plan|.");
    expect_tokens("They can\xe2\x80\x99t go.", "They|ca|n\xe2\x80\x99t|go|.");
    expect_tokens("O'Brien said so.", "O'Brien|said|so|.");
}

/* so_tok_is, so_tok_is_exact, so_tok_in and so_word_in compare the first
** bytes first: (a | 32) == (b | 32) holds for "[" and "{" and for "@" and
** "`", which are still different words. */
static void test_token_word_tests(void **state)
{
    (void)state;
    static const char s[] = "Said [ @ Advised said";
    static const char *const words[] = {"{", "`", "advised", NULL};
    static const so_word list[] = {SO_WORD("`"), SO_WORD("ADVISED"), SO_WORD("saidx")};
    so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, sizeof s - 1), 0);
    assert_int_equal(d.ntok, 5);
    assert_true(so_tok_is(&d, 0, "said") && so_tok_is(&d, 0, "SAID"));
    assert_false(so_tok_is(&d, 0, "sai") || so_tok_is(&d, 0, "saids") || so_tok_is(&d, 0, "aid"));
    assert_false(so_tok_is(&d, 1, "{") || so_tok_is(&d, 2, "`"));
    assert_true(so_tok_is_exact(&d, 4, "said") && !so_tok_is_exact(&d, 0, "said"));
    assert_false(so_tok_is_exact(&d, 4, "sai") || so_tok_is_exact(&d, 4, "saidx"));
    assert_false(so_tok_in(&d, 1, words) || so_tok_in(&d, 2, words));
    assert_true(so_tok_in(&d, 3, words));
    assert_true(so_word_in("advised", 7, list, 3) && so_word_in("Advised", 7, list, 3));
    assert_false(so_word_in("@", 1, list, 3) || so_word_in("said", 4, list, 3) ||
                 so_word_in("", 0, list, 3));
    so_doc_free(&d);
}

static void test_tokens_abbrev_numbers(void **state)
{
    (void)state;
    expect_tokens("Gov. Mike Pence of the U.S. paid $3.5 million, or 1,000.",
                  "Gov.|Mike|Pence|of|the|U.S.|paid|$|3.5|million|,|or|1,000|.");
    expect_tokens("J. R. Smith, e-mail: a@b.org", "J.|R.|Smith|,|e-mail|:|a@b.org");
    /* a letter after "&" is no initial: the period ends the sentence; but
    ** "S.&P." keeps it */
    expect_tokens("seen in A&E. Staff at AT&T. The S.&P. index",
                  "seen|in|A|&|E|.|Staff|at|AT|&|T|.|The|S.|&|P.|index");
    expect_tokens("Mail jane.doe@ex.com, not x@y or a-b_c@d.e. See @jdoe #tag www.a.org http://b.c/d.",
                  "Mail|jane.doe@ex.com|,|not|x|@y|or|a-b_c@d.e|.|See|@jdoe|#tag|www.a.org|"
                  "http://b.c/d|.");
    expect_tokens("Wait... \xe2\x80\x9cNo\xe2\x80\x94never.\xe2\x80\x9d",
                  "Wait|...|\xe2\x80\x9c|No|\xe2\x80\x94|never|.|\xe2\x80\x9d");
    /* scanned by characters: a hashtag, handle or URL never ends inside one,
    ** and a curly quotation mark or a no-break space ends it */
    expect_tokens("#Caf\xc3\xa9\xe2\x80\x9d @Jane\xe2\x80\x99s",
                  "#Caf\xc3\xa9|\xe2\x80\x9d|@Jane|\xe2\x80\x99s");
    expect_tokens("\xe2\x80\x9cSee https://ex.com/a\xe2\x80\x9d, at http://b.c/d\xc2\xa0now",
                  "\xe2\x80\x9c|See|https://ex.com/a|\xe2\x80\x9d|,|at|http://b.c/d|now");
}

static void test_tokens_bad_bytes(void **state)
{
    (void)state;
    const char s[] = "He said\0 \"no\xff way\" today.";
    so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, sizeof s - 1), 0);
    /* offsets stay byte-exact around the NUL and the invalid byte */
    int seen_today = 0;
    for (size_t i = 0; i < d.ntok; i++)
        if (so_tok_is(&d, i, "today")) {
            seen_today = 1;
            assert_int_equal(d.tok[i].start, 19);
        }
    assert_true(seen_today);
    so_doc_free(&d);
}

static void test_sentences(void **state)
{
    (void)state;
    const char *s = "Gov. Jane Doe spoke to the U.S. Senate. She left at 3 p.m. on Friday. "
                    "\"Are you sure?\" he asked. Yes.\n\nA new paragraph.";
    so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, strlen(s)), 0);
    assert_int_equal(d.npara, 2);
    /* "Gov." and "U.S. Senate" do not end sentences; "?\" he asked" neither */
    assert_int_equal(d.nsent, 5);
    assert_true(so_tok_is(&d, d.sent[1].b, "She"));
    assert_true(so_tok_is(&d, d.sent[3].b, "Yes"));
    assert_true(so_tok_is(&d, d.sent[4].b, "A"));
    so_doc_free(&d);
}

/* Split s into sentences and check that each opens with the word in
** firsts (n of them, in order). */
static void expect_sentences(const char *s, const char *const *firsts, size_t n)
{
    so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, strlen(s)), 0);
    assert_int_equal(d.nsent, n);
    for (size_t i = 0; i < n; i++)
        assert_true(so_tok_is(&d, d.sent[i].b, firsts[i]));
    so_doc_free(&d);
}

/* A word that is an abbreviation only when capitalised, or "no" not
** before a number, ends its sentence with its period. */
static void test_sentences_lower_abbrev(void **state)
{
    (void)state;
    static const char *const firsts[] = {"It", "It", "She", "Then"};
    expect_sentences("It made the children ill. It seeks damages. She said no. Then she left "
                     "No. 10 at 5 p.m. with Sen. Cole, etc. and went to Mass. Ave.",
                     firsts, 4);
    expect_tokens("No. 10, no. 12, nos. 3 and no.", "No.|10|,|no.|12|,|nos.|3|and|no|.");
}

/* After a company's abbreviation, a capitalised word before "said" (or
** another speech verb in lower case) opens the next sentence; other
** capitalised words do not, nor a word of the name or an office. */
static void test_sentences_firm_abbrev(void **state)
{
    (void)state;
    static const char *const firsts[] = {"She", "Nair", "Acme", "Lake", "Goldman", "Samsung", "It"};
    expect_sentences("She works for Bell & Co. Nair said the figures were weak. "
                     "Acme Inc. Chairman Tom Reyes said so. Lake Co. Sheriff said no. "
                     "Goldman Sachs & Co. LLC said it would appeal. "
                     "Samsung Electronics Co. Ltd. said profits rose. It said so.",
                     firsts, 7);
}

/* The first token of the sentence that opens s after its dateline. */
static const char *after_dateline(const char *s, char *buf, size_t n)
{
    so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, strlen(s)), 0);
    size_t i = so_sent_after_dateline(&d, 0);
    snprintf(buf, n, "%.*s", (int)so_tok_len(&d, i), so_tok_str(&d, i));
    so_doc_free(&d);
    return buf;
}

static void test_dateline(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(after_dateline("MERIDIAN \xe2\x80\x94 The board voted.", b, sizeof b), "The");
    assert_string_equal(after_dateline("ST. CLAIR -- Crews left.", b, sizeof b), "Crews");
    assert_string_equal(after_dateline("PORT ELLIS, Maine - Rain fell.", b, sizeof b), "Rain");
    /* a wire agency's name in brackets before the dash */
    assert_string_equal(after_dateline("LONDON (Reuters) - Shares fell.", b, sizeof b), "Shares");
    assert_string_equal(after_dateline("PORT ELLIS, Maine (AP) \xe2\x80\x94 Rain.", b, sizeof b), "Rain");
    assert_string_equal(after_dateline("PARIS (Agence France Presse) -- Rain.", b, sizeof b), "Rain");
    /* a press release's: a date with its year, the wire between slashes */
    assert_string_equal(
        after_dateline("WREXHAM, Wales, March 3, 2026 /PRNewswire/ -- Rain.", b, sizeof b), "Rain");
    assert_string_equal(
        after_dateline("SAN JOSE, Calif., Feb. 2, 2026 /Business Wire/ -- Rain.", b, sizeof b),
        "Rain");
    assert_string_equal(
        after_dateline("SOUTH SAN FRANCISCO, Calif., Feb. 2, 2026 /PRNewswire/ -- Rain.", b,
                       sizeof b),
        "Rain");
    /* past six tokens after a date or a comma right after the words in
       capitals (a place's parts) */
    assert_string_equal(after_dateline("WASHINGTON, D.C., March 3, 2026 -- Rain.", b, sizeof b),
                        "Rain");
    assert_string_equal(after_dateline("NEW HARBOR CITY WEST, Maine -- Rain.", b, sizeof b), "Rain");
    assert_string_equal(after_dateline("GOMA, North Kivu, Congo \xe2\x80\x94 Rain.", b, sizeof b),
                        "Rain");
    /* not a dateline: no word in capitals only, or a word in lower case
       before the dash, or a dash too far in */
    assert_string_equal(after_dateline("When voters -- most of them -- left.", b, sizeof b), "When");
    assert_string_equal(after_dateline("Meridian \xe2\x80\x94 The board voted.", b, sizeof b), "Meridian");
    assert_string_equal(after_dateline("UPDATE on the vote -- it passed.", b, sizeof b), "UPDATE");
    assert_string_equal(
        after_dateline("BBC Radio 4 Today Presenter Nick Robinson -- who left -- said.", b,
                       sizeof b),
        "BBC");
    assert_string_equal(
        after_dateline("NHS England Chief Executive Amanda Pritchard -- who left -- said.", b,
                       sizeof b),
        "NHS");
    assert_string_equal(after_dateline("WREXHAM, March 3, 4, 2026 -- Rain.", b, sizeof b),
                        "WREXHAM");
    assert_string_equal(after_dateline("WREXHAM, 3, 2026 -- Rain.", b, sizeof b), "WREXHAM");
    assert_string_equal(after_dateline("WREXHAM /PR newswire/ -- Rain.", b, sizeof b), "WREXHAM");
    assert_string_equal(after_dateline("LONDON (Reuters) and others -- Rain.", b, sizeof b), "LONDON");
    assert_string_equal(after_dateline("MAYOR (retired) -- Rain.", b, sizeof b), "MAYOR");
    assert_string_equal(after_dateline("LONDON () -- Rain.", b, sizeof b), "LONDON");
}

static so_doc *paired(const char *s)
{
    static so_doc d;
    memset(&d, 0, sizeof d);
    assert_int_equal(so_tok_run(&d, s, strlen(s)), 0);
    assert_int_equal(so_quote_pair(&d), 0);
    return &d;
}

static void test_quotes_apostrophes(void **state)
{
    (void)state;
    so_doc *d = paired("In the '90s Jones' car was 'fine', rock 'n' roll.");
    assert_int_equal(d->nq, 1); /* only 'fine' */
    assert_true(so_tok_is(d, d->q[0].open_tok + 1, "fine"));
    so_doc_free(d);
}

static void test_quotes_nested_and_styles(void **state)
{
    (void)state;
    so_doc *d = paired("\xe2\x80\x9cHe said \xe2\x80\x98no\xe2\x80\x99 twice,\xe2\x80\x9d "
                       "she said. \xc2\xab Oui \xc2\xbb and \xe2\x80\x9eJa\xe2\x80\x9c and ``Yes''.");
    assert_int_equal(d->nq, 4);
    assert_int_equal(d->tok[d->q[0].open_tok + 3].inq, 2); /* "no" is nested */
    so_doc_free(d);
}

/* „Q“, with the comma outside as German and French print it: the closing
** “ touches the comma, not a space, and still closes. */
static void test_quotes_german_comma(void **state)
{
    (void)state;
    so_doc *d = paired("\xe2\x80\x9eWords are cheap\xe2\x80\x9c, he told reporters. "
                       "\xe2\x80\x9eNot now\xe2\x80\x9c. She left.");
    assert_int_equal(d->nq, 2);
    assert_true(so_tok_is(d, d->q[0].close_tok + 1, ","));
    assert_true(so_tok_is(d, d->q[0].close_tok - 1, "cheap"));
    assert_true(so_tok_is(d, d->q[1].close_tok - 1, "now"));
    so_doc_free(d);
}

static void test_quotes_multi_paragraph(void **state)
{
    (void)state;
    so_doc *d = paired("\"First part of it.\n\n\"Second part.\n\n\"Last part,\" she said.");
    assert_int_equal(d->nq, 1);
    assert_true(d->q[0].multi_para);
    so_doc_free(d);
}

static void test_quotes_unclosed(void **state)
{
    (void)state;
    so_doc *d = paired("He said \"this never closes.\n\nNext paragraph has \"a quote\" here.");
    assert_int_equal(d->nq, 1);
    assert_true(so_tok_is(d, d->q[0].open_tok + 1, "a"));
    assert_int_equal(d->tok[d->q[0].open_tok].para, 1);
    so_doc_free(d);
}

/* The cue lexicon and the closed word classes: any case, curly apostrophes. */
static void test_cues(void **state)
{
    (void)state;
    assert_true(so_cue_lexicon_ok());
    so_doc *d = paired("SAID Said sai saidx Told calling believes we\xe2\x80\x99ve WAS They "
                       "also quickly Quickly only");
    static const int cls[] = {SO_CUE_SPEECH, SO_CUE_SPEECH, SO_CUE_NONE, SO_CUE_NONE,
                              SO_CUE_SPEECH, SO_CUE_NAMING, SO_CUE_REPORT};
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++)
        assert_int_equal(so_cue_class(d, i), cls[i]);
    assert_true(so_tok_is(d, 8, "\xe2\x80\x99ve") && so_cue_is_aux(d, 8));
    assert_true(so_cue_is_aux(d, 9) && !so_cue_is_aux(d, 10));
    assert_true(so_cue_is_pronoun(d, 7) && so_cue_is_pronoun(d, 10) && !so_cue_is_pronoun(d, 9));
    assert_true(so_cue_is_adverb(d, 11) && so_cue_is_adverb(d, 12));
    assert_true(!so_cue_is_adverb(d, 13) && !so_cue_is_adverb(d, 14));
    so_doc_free(d);
}

/* The rules-only speech verbs: a speech cue for the rules, none for the
** model's features, whether looked up (token flags) or not. */
static void test_cues_rules_only(void **state)
{
    (void)state;
    so_doc *d = paired("Advised pleaded said fumes advisedly cautions apologised");
    for (int marked = 0; marked < 2; marked++) {
        for (size_t i = 0; i < d->ntok; i++)
            d->tok[i].flags = (uint16_t)(d->tok[i].flags & ~(SO_TF_CUE_SET | SO_TF_CUE_RULES |
                                                             3u << SO_TF_CUE_SHIFT));
        if (marked)
            so_cue_mark(d);
        assert_int_equal(so_cue_class(d, 0), SO_CUE_SPEECH);
        assert_int_equal(so_cue_model_class(d, 0), SO_CUE_NONE);
        assert_int_equal(so_cue_class(d, 1), SO_CUE_SPEECH);
        assert_int_equal(so_cue_model_class(d, 1), SO_CUE_NONE);
        assert_int_equal(so_cue_class(d, 2), SO_CUE_SPEECH);
        assert_int_equal(so_cue_model_class(d, 2), SO_CUE_SPEECH);
        assert_int_equal(so_cue_class(d, 3), SO_CUE_NONE);
        assert_int_equal(so_cue_class(d, 4), SO_CUE_NONE);
        assert_int_equal(so_cue_class(d, 5), SO_CUE_SPEECH); /* the report cautions that */
        assert_int_equal(so_cue_model_class(d, 5), SO_CUE_NONE);
        assert_int_equal(so_cue_class(d, 6), SO_CUE_SPEECH); /* apologised "unreservedly" */
        assert_int_equal(so_cue_model_class(d, 6), SO_CUE_NONE);
    }
    so_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_invalid),
        cmocka_unit_test(test_utf8_shown),
        cmocka_unit_test(test_tokens_clitics),
        cmocka_unit_test(test_token_word_tests),
        cmocka_unit_test(test_tokens_abbrev_numbers),
        cmocka_unit_test(test_tokens_bad_bytes),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_sentences_lower_abbrev),
        cmocka_unit_test(test_sentences_firm_abbrev),
        cmocka_unit_test(test_dateline),
        cmocka_unit_test(test_quotes_apostrophes),
        cmocka_unit_test(test_quotes_nested_and_styles),
        cmocka_unit_test(test_quotes_german_comma),
        cmocka_unit_test(test_quotes_multi_paragraph),
        cmocka_unit_test(test_quotes_unclosed),
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_cues_rules_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
