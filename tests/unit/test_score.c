/*
** test_score.c -- unit tests of the attribution scorer (src/eval/), the C
** port of attrib-score: Python's Unicode classes and formatting, brat parsing
** quirks and errors, token units and merging, the metrics on a small
** hand-written set (numbers worked out by hand, and identical to what
** attrib-score prints for the same files), the matching order, folders.
** All texts here are written for these tests.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "eval/score.h"
#include "eval/so_score_int.h"

/* ------------------------------------------------------------ helpers */

/* A scratch folder with up to 32 files, removed by tmp_done(). */
typedef struct tmpdir {
    char root[64];
    char files[32][160];
    int nfiles;
    char dirs[8][160];
    int ndirs;
} tmpdir;

static void tmp_init(tmpdir *t)
{
    memset(t, 0, sizeof *t);
    strcpy(t->root, "/tmp/test_score.XXXXXX");
    assert_non_null(mkdtemp(t->root));
}

/* Create sub-folder rel (relative to the root); returns its path. */
static const char *tmp_dir(tmpdir *t, const char *rel)
{
    assert_true(t->ndirs < 8);
    char *p = t->dirs[t->ndirs++], buf[160];
    snprintf(buf, sizeof buf, "%s/%s", t->root, rel);
    memcpy(p, buf, sizeof buf);
    assert_int_equal(mkdir(p, 0700), 0);
    return p;
}

/* Write n bytes (n < 0: strlen) to root/rel; returns the path. */
static const char *tmp_file(tmpdir *t, const char *rel, const char *data, long n)
{
    assert_true(t->nfiles < 32);
    char *p = t->files[t->nfiles++], buf[160];
    snprintf(buf, sizeof buf, "%s/%s", t->root, rel);
    memcpy(p, buf, sizeof buf);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    size_t len = n < 0 ? strlen(data) : (size_t)n;
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return p;
}

static void tmp_done(tmpdir *t)
{
    for (int i = t->nfiles; i-- > 0;)
        unlink(t->files[i]);
    for (int i = t->ndirs; i-- > 0;)
        rmdir(t->dirs[i]);
    rmdir(t->root);
}

/* Run the scorer; *out and *warn are malloc'd strings. */
static int score(const so_score_opts *o, char **out, char **warn, char *err, size_t errlen)
{
    size_t no, nw;
    FILE *fo = open_memstream(out, &no), *fw = open_memstream(warn, &nw);
    assert_non_null(fo);
    assert_non_null(fw);
    int rc = so_score_run(o, fo, fw, err, errlen);
    fclose(fo);
    fclose(fw);
    return rc;
}

/* An so_text of the UTF-8 string s (cp malloc'd). */
static so_text text_of(const char *s)
{
    uint32_t *cp;
    so_text t;
    assert_int_equal(so_utf8_decode(s, strlen(s), &cp, &t.n), 0);
    t.cp = cp;
    return t;
}

/* Parse data as a .ann file with text (may be NULL). Returns the status. */
static int parse(const char *data, const char *text, so_adoc *d, so_brat_stats *st, char *err,
                 size_t errlen)
{
    tmpdir t;
    so_err e = {err, errlen};
    so_text tx = {NULL, 0};
    tmp_init(&t);
    const char *p = tmp_file(&t, "x.ann", data, -1);
    if (text)
        tx = text_of(text);
    memset(d, 0, sizeof *d);
    err[0] = '\0';
    int rc = so_brat_parse(p, text ? &tx : NULL, d, st, &e);
    free((void *)tx.cp);
    tmp_done(&t);
    return rc;
}

/* The error message after "/tmp/test_score.XXXXXX/x.ann". */
static const char *after_path(const char *err)
{
    const char *s = strstr(err, "x.ann");
    return s ? s + 5 : err;
}

static void assert_spans(const so_adoc *d, const so_fl *fl, const int64_t *want, size_t n)
{
    assert_int_equal(fl->n, n);
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(d->sp[fl->off + k].s, want[2 * k]);
        assert_int_equal(d->sp[fl->off + k].e, want[2 * k + 1]);
    }
}

/* ------------------------------------------------------------ Unicode */

static void test_unicode_classes(void **state)
{
    (void)state;
    /* str.isalnum(): letters and all numbers (Nd, Nl, No) */
    assert_true(so_uni_isword('_'));
    assert_true(so_uni_isword(0x00B2));   /* ² No */
    assert_true(so_uni_isword(0x00BD));   /* ½ No */
    assert_true(so_uni_isword(0x216B));   /* Ⅻ Nl */
    assert_true(so_uni_isword(0x0663));   /* Arabic-Indic three */
    assert_true(so_uni_isword(0x00E9));
    assert_false(so_uni_isword(0x0301)); /* combining acute: Mn */
    assert_false(so_uni_isword(0x200D)); /* ZWJ: Cf */
    assert_false(so_uni_isword(0x11F50)); /* Kawi digit: Unicode 15, unknown to Python 3.11 */
    assert_false(so_uni_isword(0x31350)); /* CJK ext. H: Unicode 15 */
    assert_false(so_uni_isword('-'));
    /* str.isspace() */
    for (uint32_t c = 0x1C; c <= 0x1F; c++)
        assert_true(so_uni_isspace(c));
    assert_true(so_uni_isspace(0x85));
    assert_true(so_uni_isspace(0xA0));
    assert_true(so_uni_isspace(0x2028));
    assert_true(so_uni_isspace(0x2029));
    assert_true(so_uni_isspace(0x3000));
    assert_true(so_uni_isspace(0x0B));
    assert_false(so_uni_isspace(0x200B)); /* zero width space is Cf */
    assert_false(so_uni_isspace(0xFEFF));
    /* \d and int() */
    assert_int_equal(so_uni_digit('7'), 7);
    assert_int_equal(so_uni_digit(0x0663), 3);
    assert_int_equal(so_uni_digit(0x1D7CE), 0); /* mathematical bold zero */
    assert_int_equal(so_uni_digit(0x1D7D8), 0); /* double-struck zero, after bold nine */
    assert_int_equal(so_uni_digit(0x1D7FF), 9);
    assert_int_equal(so_uni_digit(0x00B2), -1);
    assert_int_equal(so_uni_digit(0x11F50), -1);
    /* isprintable */
    assert_true(so_uni_isprintable(' '));
    assert_false(so_uni_isprintable(0xA0));
    assert_false(so_uni_isprintable(0xAD));
    assert_true(so_uni_isprintable(0x1F600));
    assert_false(so_uni_isprintable(0xE0001));
}

static void test_utf8_check(void **state)
{
    (void)state;
    assert_true(so_utf8_check("ok \xc3\xa9", 5) == SIZE_MAX);
    assert_int_equal(so_utf8_check("abc\xe2\x82", 5), 3);        /* truncated */
    assert_int_equal(so_utf8_check("\xed\xa0\x80x", 4), 0);      /* surrogate */
    assert_int_equal(so_utf8_check("a\xc0\xaf", 3), 1);          /* overlong */
    assert_int_equal(so_utf8_check("\xf4\x90\x80\x80", 4), 0);   /* > U+10FFFF */
    assert_int_equal(so_utf8_check("ab\xe2\x28\xa1", 5), 2);
    assert_int_equal(so_utf8_check("\xff", 1), 0);
    /* file names compare as Python str, invalid bytes as U+DC80.. */
    assert_true(so_pystr_cmp("a\xc3\xa9", "a\xff") < 0);
    assert_true(so_pystr_cmp("a\xef\xbf\xbd", "a\xff") > 0);
    assert_true(so_pystr_cmp("ab", "abc") < 0);
    assert_int_equal(so_pystr_cmp("x", "x"), 0);
}

/* ------------------------------------------------------------ formatting */

static void check_repr(const char *in, const char *want)
{
    so_sb b;
    so_ssb_init(&b, 4096);
    so_ssb_repr(&b, in, strlen(in));
    assert_string_equal(b.p, want);
    so_ssb_free(&b);
}

static void test_repr(void **state)
{
    (void)state;
    check_repr("it's\"odd\x07\xc2\xad\xe2\x80\xa8\xf0\x9f\x98\x80\xff\\",
               "'it\\'s\"odd\\x07\\xad\\u2028\xf0\x9f\x98\x80\\udcff\\\\'");
    check_repr("a'b", "\"a'b\"");
    check_repr("\x7f\t\n\r", "'\\x7f\\t\\n\\r'");
    check_repr("\xcc\x81\xc3\xa9\xf3\xa0\x80\x81", "'\xcc\x81\xc3\xa9\\U000e0001'");
    check_repr("", "''");
}

static void check_float(double x, const char *want)
{
    so_sb b;
    so_ssb_init(&b, 256);
    so_ssb_json_float(&b, x);
    assert_string_equal(b.p, want);
    so_ssb_free(&b);
}

static void test_json_numbers_strings(void **state)
{
    (void)state;
    check_float(1.0, "1.0");
    check_float(0.0, "0.0");
    check_float(0.1, "0.1");
    check_float(1.0 / 3, "0.3333333333333333");
    check_float(2.0 / 3, "0.6666666666666666");
    check_float(2.0 / 7, "0.2857142857142857");
    check_float(1e-05, "1e-05");
    check_float(0.0001, "0.0001");
    check_float(9.999999999999999e-05, "9.999999999999999e-05");
    check_float(3e-07, "3e-07");
    check_float(1e16, "1e+16");
    check_float(1e15, "1000000000000000.0");
    check_float(123456789012345680.0, "1.2345678901234568e+17");
    check_float(100.0, "100.0");
    check_float(5e-324, "5e-324");
    check_float(1.7976931348623157e308, "1.7976931348623157e+308");
    so_sb b;
    so_ssb_init(&b, 256);
    const char s[] = "\"\\\n\x7f \xc3\xa9 \xf0\x9f\x98\x80 \x00\x1f\xe2\x80\xa8\xff";
    so_ssb_json_str(&b, s, sizeof s - 1);
    assert_string_equal(b.p, "\"\\\"\\\\\\n\\u007f \\u00e9 \\ud83d\\ude00 \\u0000\\u001f\\u2028"
                             "\\udcff\"");
    so_ssb_free(&b);
}

/* ------------------------------------------------------------ brat */

static void test_brat_continuation(void **state)
{
    (void)state;
    const char *text = "First line\nsecond line here.";
    const char *ann = "T1\tContent 6 17\tline\nsecond\nT2\tCue 0 5\tFirst\n"
                      "E1\tAttribution:T2 Cue:T2 Content:T1\n";
    so_adoc d;
    so_brat_stats st;
    char err[512];
    /* the span holds the newline: the second line continues the TEXT field */
    assert_int_equal(parse(ann, text, &d, &st, err, sizeof err), 0);
    assert_int_equal(d.n, 1);
    so_adoc_free(&d);
    /* without the article text, any line after a T line is taken as continuation */
    assert_int_equal(parse("T1\tCue 0 5\tab\ncd\n", NULL, &d, &st, err, sizeof err), 0);
    so_adoc_free(&d);
    /* with text, the span must hold a newline */
    assert_int_equal(parse("T1\tCue 0 5\tFirst\ncontinued\n", text, &d, &st, err, sizeof err), 2);
    assert_string_equal(after_path(err), ":2: not a brat annotation line (expected \"T1<TAB>...\" "
                        "/ \"E1<TAB>...\"): 'continued'");
    so_adoc_free(&d);
    /* an E line ends the T line's text */
    assert_int_equal(parse("T1\tCue 0 5\tx\nE1\tA:T1\nfree\n", NULL, &d, &st, err, sizeof err), 2);
    assert_string_equal(after_path(err), ":3: not a brat annotation line (expected \"T1<TAB>Type "
                        "start end<TAB>text\" or \"E1<TAB>Attribution:T4 Cue:T2 ...\"): 'free'");
    so_adoc_free(&d);
}

static void test_brat_roles(void **state)
{
    (void)state;
    const char *text = "Ann and Bob said it was fine, and then it rained.";
    const char *ann =
        "\xef\xbb\xbfT1\tSource 0 3\tAnn\r\n"
        "T2\tSource 8 11\tBob\r\n"
        "T3\tCue 12 16\tsaid\r\n"
        "T4\tContent 17 28\tit was fine\r\n"
        "T5\tContent 39 49\tit rained\r\n"     /* TEXT differs: one mismatch */
        "E1\tAttribution:T3 source:T1 Source2:T2 Content:T4 CONTENT2:T5\r\n"
        "T6\tAttribution 12 16\tsaid\r\n"
        "E2\tAttribution:T6 Content:T4\r\n"    /* no Cue role: the trigger is the cue */
        "E3\tAttribution:T1 Content:T5\r\n"    /* trigger typed Source: no cue */
        "E4\tAttribution:T6\r\n"               /* no role: skipped */
        "T7\t\xc5\xbfource1 0 3\tAnn\r\n"      /* long s: still a role type; unused */
        "T8\tSpeaker 0 3\tAnn\r\n"             /* not a role type */
        "#1\tAnnotatorNotes T1\tnote\r\n"
        "A1\tNegated E1\r\n"
        " \xc2\xa0\r\n"                        /* blank (U+00A0) */
        "T9\tCue 12 16\t  said \r\n";          /* spaces around: no mismatch */
    so_adoc d;
    so_brat_stats st;
    char err[512];
    assert_int_equal(parse(ann, text, &d, &st, err, sizeof err), 0);
    assert_int_equal(d.n, 3);
    assert_int_equal(st.empty_events, 1);
    assert_int_equal(st.unref, 2); /* T7 and T9 */
    assert_int_equal(st.mismatch, 1);
    const int64_t src1[] = {0, 3, 8, 11}, con1[] = {17, 28, 39, 49}, cue1[] = {12, 16};
    assert_spans(&d, &d.at[0].r[SO_SRC], src1, 2);
    assert_spans(&d, &d.at[0].r[SO_CON], con1, 2);
    assert_spans(&d, &d.at[0].r[SO_CUE], cue1, 1);
    assert_spans(&d, &d.at[1].r[SO_CUE], cue1, 1);
    assert_int_equal(d.at[1].r[SO_SRC].n, 0);
    assert_int_equal(d.at[2].r[SO_CUE].n, 0);
    so_adoc_free(&d);
}

/* One malformed file: its status and the message after the path. */
static void check_bad(const char *ann, const char *text, int code, const char *want)
{
    so_adoc d;
    so_brat_stats st;
    char err[1024];
    assert_int_equal(parse(ann, text, &d, &st, err, sizeof err), code);
    assert_string_equal(code == 3 ? err : after_path(err), want);
    so_adoc_free(&d);
}

static void test_brat_errors(void **state)
{
    (void)state;
    const char *text = "Short text.";
    check_bad("T1\tCue 5 2\tx\n", text, 2, ":1: T1 has end 2 before start 5");
    check_bad("T1\tCue 0 12\tx\n", text, 2, ":1: T1 offset 12 is beyond the end of the article "
              "text (11 characters; offsets are Unicode code points, not bytes)");
    check_bad("T1\tCue 0 00000000000000000000000000000123456789012345678901\tx\n", text, 2,
              ":1: T1 offset 123456789012345678901 is beyond the end of the article text (11 "
              "characters; offsets are Unicode code points, not bytes)");
    check_bad("T1\tCue 0 x\tx\n", text, 2, ":1: malformed text-bound annotation T1: expected "
              "\"TYPE START END[;START END...]\", got 'Cue 0 x'");
    check_bad("T1\tCue  0 1\tx\n", text, 2, ":1: malformed text-bound annotation T1: expected "
              "\"TYPE START END[;START END...]\", got 'Cue  0 1'");
    check_bad("T1\tCue 0 1\tx\nT1\tCue 0 1\tx\n", text, 2, ":2: duplicate annotation id T1");
    check_bad("T1\tCue 0 1\tx\nE1\tA:T1 Speaker:T1\n", text, 2, ":2: unknown role 'Speaker' in "
              "event E1; expected Source, Cue or Content (optionally numbered, e.g. Content2)");
    check_bad("T1\tCue 0 1\tx\nE1\tA:T1 Cue=T1\n", text, 2,
              ":2: malformed event argument 'Cue=T1' in E1 (expected ROLE:Tn)");
    check_bad("E1\t \n", text, 2, ":1: event E1 has no TYPE:TRIGGER");
    check_bad("E1\tA:T1 Cue:T2\nT1\tCue 0 1\tx\n", text, 2,
              ":1: event E1 refers to T2, which is not a T annotation in this file");
    check_bad("T1\tCue 0 1\tx\nE1\tA:T1\nE2\tA:T1 Cue:E1\n", text, 2,
              ":3: event E2 refers to E1, which is not a T annotation in this file");
    check_bad("T1\tCue 0 1\t\xe2\x28\n", text, 2, ": not valid UTF-8 (byte 11)");
    check_bad("T1 Cue 0 1\n", text, 2, ":1: not a brat annotation line (expected \"T1<TAB>Type "
              "start end<TAB>text\" or \"E1<TAB>Attribution:T4 Cue:T2 ...\"): 'T1 Cue 0 1'");
    /* Unicode digits are digits to Python: Arabic-Indic 0 1 parses */
    so_adoc d;
    so_brat_stats st;
    char err[512];
    assert_int_equal(parse("T\xd9\xa1\tCue \xd9\xa0 0\xd9\xa1\tS\nE1\tA:T\xd9\xa1 Cue:T\xd9\xa1\n",
                           text, &d, &st, err, sizeof err), 0);
    const int64_t cue[] = {0, 1};
    assert_spans(&d, &d.at[0].r[SO_CUE], cue, 1);
    so_adoc_free(&d);
    /* Python 3.11 refuses int() of more than 4300 digits: an internal error there */
    char *big = malloc(5000);
    assert_non_null(big);
    strcpy(big, "T1\tCue 0 ");
    memset(big + 9, '0', 4301);
    strcpy(big + 9 + 4301, "\n");
    check_bad(big, text, 3, "ValueError: Exceeds the limit (4300 digits) for integer string "
              "conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase "
              "the limit");
    free(big);
}

/* ------------------------------------------------------------ units */

static void test_tokens(void **state)
{
    (void)state;
    /* tokens (Python): x² | ½Ⅵ | e | U+0301 | ZWJ | _y | z | ! | ? | a | U+11F50 | b٣ | U+0301 */
    const char *s = "x\xc2\xb2 \xc2\xbd\xe2\x85\xa5 e\xcc\x81\xe2\x80\x8d_y\xc2\xa0z\xe2\x80\xa8!"
                    "\x1c?\xc2\x85" "a\xf0\x91\xbd\x90" "b\xd9\xa3\xcc\x81";
    const int64_t starts[] = {0, 3, 6, 7, 8, 9, 12, 14, 16, 18, 19, 20, 22};
    const int64_t ends[] = {2, 5, 7, 8, 9, 11, 13, 15, 17, 19, 20, 22, 23};
    so_text t = text_of(s);
    so_units u;
    assert_int_equal(t.n, 23);
    assert_int_equal(so_units_init(&u, &t, 1), 0);
    assert_int_equal(u.ntok, 13);
    for (size_t k = 0; k < 13; k++) {
        assert_int_equal(u.starts[k], starts[k]);
        assert_int_equal(u.ends[k], ends[k]);
    }
    /* a span covers every token it shares a character with */
    so_adoc out;
    so_fl fl;
    memset(&out, 0, sizeof out);
    so_span f1[] = {{1, 4}};          /* mid-word to mid-word: tokens 0..1 */
    assert_int_equal(so_units_convert(&u, f1, 1, &out, &fl), 0);
    const int64_t w1[] = {0, 2};
    assert_spans(&out, &fl, w1, 1);
    so_span f2[] = {{2, 3}};          /* only the space: no token */
    assert_int_equal(so_units_convert(&u, f2, 1, &out, &fl), 0);
    assert_int_equal(fl.n, 0);
    so_span f3[] = {{14, 15}, {9, 12}, {16, 17}, {12, 13}}; /* !, _y+space, ?, z: merged */
    assert_int_equal(so_units_convert(&u, f3, 4, &out, &fl), 0);
    const int64_t w3[] = {5, 9};
    assert_spans(&out, &fl, w3, 1);
    so_units_free(&u);
    /* chars mode: merged across a whitespace-only gap (U+00A0, U+2028 count) */
    assert_int_equal(so_units_init(&u, &t, 2), 0);
    so_span f4[] = {{12, 13}, {9, 11}, {14, 15}, {0, 1}};
    assert_int_equal(so_units_convert(&u, f4, 4, &out, &fl), 0);
    const int64_t w4[] = {0, 1, 9, 15};
    assert_spans(&out, &fl, w4, 2);
    so_units_free(&u);
    /* chars mode without text: only overlapping or touching spans merge */
    assert_int_equal(so_units_init(&u, NULL, 2), 0);
    so_span f5[] = {{12, 13}, {9, 11}, {11, 12}, {20, 20}};
    assert_int_equal(so_units_convert(&u, f5, 4, &out, &fl), 0);
    const int64_t w5[] = {9, 13};
    assert_spans(&out, &fl, w5, 1);
    so_units_free(&u);
    so_adoc_free(&out);
    free((void *)t.cp);
}

/* ------------------------------------------------------------ scoring */

/* The hand-made set: three gold attributions, three predictions. Tokens:
** Ann(0) said(1) "(2) we we will win "(6) today(7) .(8) Bob(9) claimed(10)
** that(11) taxes rise(13) .(14) Cal(15) noted(16) :(17) "(18) no . "(21). */
static const char HAND_TEXT[] =
    "Ann said \"we will win\" today. Bob claimed that taxes rise.\nCal noted: \"no.\"\n";
static const char HAND_GOLD[] =
    "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 22\t\"we will win\"\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "T4\tSource 30 33\tBob\nT5\tCue 34 41\tclaimed\nT6\tContent 42 57\tthat taxes rise\n"
    "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n"
    "T7\tSource 59 62\tCal\nT8\tCue 63 68\tnoted\nT9\tContent 70 75\t\"no.\"\n"
    "E3\tAttribution:T8 Source:T7 Cue:T8 Content:T9\n";
/* P1: content starts a character late (misses the opening quote token);
** P2: no source, cue = trigger, content in two touching fragments;
** P3: spurious. */
static const char HAND_PRED[] =
    "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 10 22\twe will win\"\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "T4\tAttribution 34 41\tclaimed\nT5\tContent 42 52;53 57\tthat taxes rise\n"
    "E2\tAttribution:T4 Content:T5\n"
    "T6\tCue 23 28\ttoday\nT7\tContent 0 8\tAnn said\nE3\tAttribution:T6 Cue:T6 Content:T7\n";

/* Exact: cue tp 2 fp 1 fn 1; source tp 1 fp 2 fn 2; content tp 1 fp 2 fn 2;
** all 0/3/3. Overlap units: cue 2/3 both ways; source 1/1 and 1/3; content
** 7/9 and 7/12; all 10/13 and 10/18. Matching: G1-P1 (4 content + 1 cue),
** G2-P2 (3 + 1); G1-P1 sources equal, G2-P2 not (gold has one, pred none). */
static const char HAND_TABLE[] =
    "attrib-score 1.0  units: tokens\n"
    "gold: GOLD  (1 docs, 3 attributions)\n"
    "pred: my system  (3 attributions; 0 of 1 files missing = empty)\n"
    "\n"
    "Span metrics, Citron-compatible (micro over docs)\n"
    "              ------- exact -------    ------ overlap ------\n"
    "span          P       R       F1       P       R       F1\n"
    "Cue         66.67   66.67   66.67    66.67   66.67   66.67\n"
    "Source      33.33   33.33   33.33   100.00   33.33   50.00\n"
    "Content     33.33   33.33   33.33    77.78   58.33   66.67\n"
    "All          0.00    0.00    0.00    76.92   55.56   64.52\n"
    "\n"
    "Per-role fragment exact match (CofeNet-style)\n"
    "role          gold    pred      tp      P       R       F1\n"
    "Source           3       1       1  100.00   33.33   50.00\n"
    "Cue              3       3       2   66.67   66.67   66.67\n"
    "Content          3       3       1   33.33   33.33   33.33\n"
    "\n"
    "Attributions (match = content overlap AND cue overlap, one-to-one)\n"
    "subset      gold   pred  g-match p-match   P       R       F1     src-ok  src-exact\n"
    "all            3      3       2       2   66.67   66.67   66.67   50.00   50.00\n"
    "quotes         2      1       1       1  100.00   50.00   66.67  100.00  100.00\n"
    "other          1      2       1       1   50.00  100.00   66.67    0.00    0.00\n"
    "all        +source (match and src-ok):       33.33   33.33   33.33\n"
    "quotes     +source (match and src-ok):      100.00   50.00   66.67\n";

typedef struct hand {
    tmpdir t;
    const char *gold, *pred;
    char gold_label[200];
} hand;

static void hand_setup(hand *h)
{
    tmp_init(&h->t);
    h->gold = tmp_dir(&h->t, "gold");
    tmp_dir(&h->t, "gold/attributions");
    tmp_dir(&h->t, "gold/text");
    h->pred = tmp_dir(&h->t, "pred");
    tmp_file(&h->t, "gold/attributions/a.ann", HAND_GOLD, -1);
    tmp_file(&h->t, "gold/text/a.txt", HAND_TEXT, -1);
    tmp_file(&h->t, "pred/a.ann", HAND_PRED, -1);
}

static void test_hand_table(void **state)
{
    (void)state;
    hand h;
    char *out, *warn, err[256];
    hand_setup(&h);
    so_score_opts o = {h.gold, h.pred, NULL, 0, 0, "my system"};
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    char *want = malloc(strlen(HAND_TABLE) + 256);
    assert_non_null(want);
    const char *g = strstr(HAND_TABLE, "GOLD");
    sprintf(want, "%.*s%s%s", (int)(g - HAND_TABLE), HAND_TABLE, h.gold, g + 4);
    assert_string_equal(out, want);
    assert_string_equal(warn, "");
    free(want);
    free(out);
    free(warn);
    tmp_done(&h.t);
}

static void test_hand_json(void **state)
{
    (void)state;
    hand h;
    char *out, *warn, err[256];
    hand_setup(&h);
    so_score_opts o = {h.gold, h.pred, NULL, 1, 1, NULL};
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    assert_non_null(strstr(out, "{\n \"attribution\": {\n  \"all\": {\n   \"f1\": "
                                "0.6666666666666666,\n   \"gold\": 3,\n"));
    assert_non_null(strstr(out, " \"span_overlap\": {\n  \"all\": {\n   \"f1\": "
                                "0.6451612903225806,\n   \"gold_shared\": 10,\n   \"gold_units\": "
                                "18,\n   \"precision\": 0.7692307692307693,\n   \"pred_shared\": "
                                "10,\n   \"pred_units\": 13,\n   \"recall\": 0.5555555555555556\n"
                                "  },\n"));
    assert_non_null(strstr(out, "   \"src_exact_rate\": 0.5,\n"));
    assert_non_null(strstr(out, "  \"pred_files_missing\": 0,\n  \"units\": \"tokens\"\n },\n"));
    size_t n = strlen(out);
    assert_true(n > 20);
    assert_string_equal(out + n - 18, " \"warnings\": []\n}\n");
    free(out);
    free(warn);
    tmp_done(&h.t);
}

static void test_hand_chars_and_fallback(void **state)
{
    (void)state;
    hand h;
    char *out, *warn, err[256];
    hand_setup(&h);
    /* chars: "42 52;53 57" merges across the space, so P2's content equals G2's */
    so_score_opts o = {h.gold, h.pred, NULL, 0, 2, NULL};
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    assert_non_null(strstr(out, "units: chars\n"));
    assert_non_null(strstr(out, "Content     33.33   33.33   33.33    77.14   81.82   79.41\n"));
    free(out);
    free(warn);
    /* no texts (a --text-dir without them): chars, with a warning */
    o.units = 0;
    o.text_dir = h.pred;
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    assert_non_null(strstr(out, "units: chars\n"));
    assert_string_equal(warn, "sayso: warning: article texts not found for all gold files; "
                        "scoring in character units (quote detection uses the .ann text fields)\n");
    free(out);
    free(warn);
    o.units = 1;
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 2);
    char want[512];
    snprintf(want, sizeof want, "--units tokens needs the article texts; none found for a.txt "
             "(looked in %s)", h.pred);
    assert_string_equal(err, want);
    assert_string_equal(out, "");
    free(out);
    free(warn);
    tmp_done(&h.t);
}

/* Candidate pairs go by shared units first, then gold order, then
** prediction order; which gold a prediction took shows in src-ok (G1 has a
** source, G2 none, the predictions none). */
static void test_matching_order(void **state)
{
    (void)state;
    tmpdir t;
    char *out, *warn, err[256];
    tmp_init(&t);
    const char *g = tmp_dir(&t, "g"), *p1 = tmp_dir(&t, "p1"), *p2 = tmp_dir(&t, "p2");
    tmp_file(&t, "g/d.txt", "one two three four five six seven eight\n", -1);
    tmp_file(&t, "g/d.ann", "T1\tCue 0 3\tone\nT2\tContent 4 13\ttwo three\n"
             "T4\tSource 34 39\teight\nE1\tAttribution:T1 Cue:T1 Content:T2 Source:T4\n"
             "T3\tContent 8 18\tthree four\nE2\tAttribution:T1 Cue:T1 Content:T3\n", -1);
    /* "three four": 1+1 units with G1, 2+1 with G2: goes to G2 */
    tmp_file(&t, "p1/d.ann", "T1\tCue 0 3\tone\nT2\tContent 8 18\tthree four\n"
             "E1\tAttribution:T1 Cue:T1 Content:T2\n", -1);
    /* "three": 1+1 with both: goes to G1, the first in gold order */
    tmp_file(&t, "p2/d.ann", "T1\tCue 0 3\tone\nT2\tContent 8 13\tthree\n"
             "E1\tAttribution:T1 Cue:T1 Content:T2\n", -1);
    so_score_opts o = {g, p1, NULL, 1, 0, NULL};
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    assert_non_null(strstr(out, "   \"src_ok\": 1,\n   \"src_ok_rate\": 1.0,\n"));
    free(out);
    free(warn);
    o.pred_dir = p2;
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    assert_non_null(strstr(out, "   \"src_ok\": 0,\n   \"src_ok_rate\": 0.0,\n"));
    free(out);
    free(warn);
    tmp_done(&t);
}

static void test_folders(void **state)
{
    (void)state;
    tmpdir t;
    char *out, *warn, err[256];
    tmp_init(&t);
    const char *g = tmp_dir(&t, "g"), *p = tmp_dir(&t, "p"), *e = tmp_dir(&t, "e");
    tmp_dir(&t, "p/attributions");
    tmp_file(&t, "g/b.ann", "", 0);
    tmp_file(&t, "g/a.ann", "T1\tCue 0 1\tx\nE1\tA:T1\n", -1);
    tmp_file(&t, "g/.hidden.ann", "garbage", -1);
    tmp_file(&t, "p/attributions/a.ann", "T1\tCue 0 1\tx\nE1\tA:T1 Cue:T1\n", -1);
    tmp_file(&t, "p/attributions/c.ann", "", 0);
    so_score_opts o = {g, p, NULL, 0, 0, NULL};
    /* flat gold without texts, pred with attributions/: one extra file, one empty event */
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    assert_non_null(strstr(out, "(2 docs, 0 attributions)\n"));
    assert_non_null(strstr(warn, "sayso: warning: 1 prediction file(s) have no gold counterpart "
                                 "and are ignored, e.g. c.ann\n"));
    free(out);
    free(warn);
    o.json = 1;
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 0);
    assert_non_null(strstr(out, "\"gold_empty_events_skipped\": 1,\n"));
    assert_non_null(strstr(out, "\"pred_files_ignored\": 1,\n"));
    free(out);
    free(warn);
    /* an empty gold folder, a missing one */
    o.gold_dir = e;
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 2);
    char want[256];
    snprintf(want, sizeof want, "no .ann files in gold folder %s", e);
    assert_string_equal(err, want);
    free(out);
    free(warn);
    o.gold_dir = "/nonexistent/it's";
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 2);
    assert_string_equal(err, "GOLD_DIR \"/nonexistent/it's\" is not a directory");
    free(out);
    free(warn);
    tmp_file(&t, "g/x.ann", "T1\tCue 0 1\tx\n\nE1\tA:T1 Cue:T1 Content:T9\n", -1);
    o.gold_dir = g;
    assert_int_equal(score(&o, &out, &warn, err, sizeof err), 2);
    snprintf(want, sizeof want, "%s/x.ann:3: event E1 refers to T9, which is not a T annotation "
             "in this file", g);
    assert_string_equal(err, want);
    assert_string_equal(out, "");
    free(out);
    free(warn);
    tmp_done(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unicode_classes),
        cmocka_unit_test(test_utf8_check),
        cmocka_unit_test(test_repr),
        cmocka_unit_test(test_json_numbers_strings),
        cmocka_unit_test(test_brat_continuation),
        cmocka_unit_test(test_brat_roles),
        cmocka_unit_test(test_brat_errors),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_hand_table),
        cmocka_unit_test(test_hand_json),
        cmocka_unit_test(test_hand_chars_and_fallback),
        cmocka_unit_test(test_matching_order),
        cmocka_unit_test(test_folders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
