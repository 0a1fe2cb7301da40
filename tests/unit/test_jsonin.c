/*
** test_jsonin.c -- unit tests of so_jsonin_parse() (src/io/jsonin.c): what
** it takes, what it refuses (including the input json-c alone would take),
** NUL bytes in strings, and the repair of invalid UTF-8; and the error
** records of src/io/reader.c at any line number.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/sbuf.h"
#include "io/jsonin.h"
#include "io/reader.h"

/* Parse s[0..n) with flags; the status, with the value freed. */
static int parse_n(const char *s, size_t n, unsigned flags)
{
    json_object *v = NULL;
    char msg[200];
    int rc = so_jsonin_parse(s, n, flags, &v, msg, sizeof msg);
    assert_true(rc == SO_JSONIN_OK || (!v && msg[0]));
    json_object_put(v);
    return rc;
}

static int parse(const char *s)
{
    return parse_n(s, strlen(s), 0);
}

static void test_takes(void **state)
{
    (void)state;
    assert_int_equal(parse("{\"a\":1}"), SO_JSONIN_OK);
    assert_int_equal(parse(" \t{\"a\":[1,2.5,-0,1e5,true,false,null]}\r\n "), SO_JSONIN_OK);
    assert_int_equal(parse("[\"\\ud83d\\ude00\", \"\\u00e9\\/\"]"), SO_JSONIN_OK);
    assert_int_equal(parse("{\"a\":9223372036854775807,\"b\":-9223372036854775808}"),
                     SO_JSONIN_OK);
    assert_int_equal(parse_n("\"x\"", 3, SO_JSONIN_ANY), SO_JSONIN_OK);
    assert_int_equal(parse_n("12", 2, SO_JSONIN_ANY), SO_JSONIN_OK);
    assert_int_equal(parse_n("null", 4, SO_JSONIN_ANY), SO_JSONIN_OK);
}

static void test_refuses(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "  \t", "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1,}", "{\"a\":1}/**/",
        "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"open", "[1,]", "{a:1}",
        "\"x\"", "12", /* a bare value where an object or array is wanted */
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00x\"}", "{\"a\":\"\\ud800\\u0041\"}",
        "{\"a\":\"x\\\\\\ud800\"}", /* an escaped backslash, then the surrogate */
        "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":1e400}",
        "{\"a\":9223372036854775808}", "{\"a\":123456789012345678901234567890}",
        "{\"a\":\"x\001y\"}", "\v{}", "{}\f", "{\"\xff\":1}", "{\"a\":\"\xed\xa0\x80\"}",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        if (parse(bad[k]) != SO_JSONIN_BAD)
            fail_msg("taken: %s", bad[k]);
    assert_int_equal(parse_n("{\"a\":\"x\0y\"}", 10, 0), SO_JSONIN_BAD);
    assert_int_equal(parse_n("{\"a\":1}\0", 8, 0), SO_JSONIN_BAD);
    /* "\\ud800" is a backslash and the letters ud800, not an escape */
    assert_int_equal(parse("{\"a\":\"\\\\ud800\"}"), SO_JSONIN_OK);
}

static void test_nesting(void **state)
{
    (void)state;
    char s[2 * 2100 + 1];
    for (int depth = 2000; depth <= 2100; depth += 100) {
        memset(s, '[', (size_t)depth);
        memset(s + depth, ']', (size_t)depth);
        assert_int_equal(parse_n(s, 2 * (size_t)depth, 0),
                         depth <= 2048 ? SO_JSONIN_OK : SO_JSONIN_BAD);
    }
}

static void test_nul_and_repair(void **state)
{
    (void)state;
    json_object *v = NULL, *t = NULL;
    char msg[200];
    const char nul[] = "{\"text\":\"a\\u0000b\"}";
    assert_int_equal(so_jsonin_parse(nul, strlen(nul), 0, &v, msg, sizeof msg), SO_JSONIN_OK);
    assert_true(json_object_object_get_ex(v, "text", &t));
    assert_int_equal(json_object_get_string_len(t), 3);
    assert_memory_equal(json_object_get_string(t), "a\0b", 4);
    json_object_put(v);
    const char bad[] = "{\"text\":\"x\xff\xc3\"}";
    assert_int_equal(so_jsonin_parse(bad, strlen(bad), 0, &v, msg, sizeof msg), SO_JSONIN_BAD);
    assert_string_equal(msg, "invalid UTF-8 at byte 10");
    assert_int_equal(so_jsonin_parse(bad, strlen(bad), SO_JSONIN_REPAIR, &v, msg, sizeof msg),
                     SO_JSONIN_OK);
    assert_true(json_object_object_get_ex(v, "text", &t));
    assert_string_equal(json_object_get_string(t), "x\xEF\xBF\xBD\xEF\xBF\xBD");
    json_object_put(v);
}

/* An error record is valid JSON with its line number whole, however
** large: a fixed buffer once cut off the ':' after "code" from line
** 1,000,000 on (found by fuzz_jsonl). */
static void test_error_record_lines(void **state)
{
    (void)state;
    static const long lines[] = {1, 999999, 1000000, 1234567890L, 9223372036854775807L};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        so_record rec;
        memset(&rec, 0, sizeof rec);
        rec.line = lines[i];
        so_sbuf b;
        so_sb_init(&b, 1 << 16);
        assert_int_equal(so_record_error_json(&b, &rec, "bad_json", "invalid JSON"), 0);
        json_object *v = NULL, *t;
        char msg[128];
        assert_int_equal(so_jsonin_parse(b.p, b.len, 0, &v, msg, sizeof msg), SO_JSONIN_OK);
        assert_true(json_object_object_get_ex(v, "line", &t));
        assert_true(json_object_get_int64(t) == (int64_t)lines[i]);
        assert_true(json_object_object_get_ex(v, "error", &t));
        json_object *code;
        assert_true(json_object_object_get_ex(t, "code", &code));
        assert_string_equal(json_object_get_string(code), "bad_json");
        json_object_put(v);
        so_sb_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_takes),
        cmocka_unit_test(test_refuses),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_nul_and_repair),
        cmocka_unit_test(test_error_record_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
