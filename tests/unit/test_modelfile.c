/*
** test_modelfile.c -- unit tests of the model file container (so_mf_):
** round trip, truncation at every length, corruption, bad magic/version,
** out-of-range sections, loading from memory and from a file.
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
#include <zlib.h>

#include "model/modelfile.h"

/* Build a small file with three sections into *out. */
static void build(uint8_t **out, size_t *len)
{
    so_mf_writer *w = so_mf_writer_new();
    assert_non_null(w);
    so_mf_buf b;
    so_mf_buf_init(&b, 0);
    so_mf_put_u32(&b, 0xdeadbeefu);
    so_mf_put_u64(&b, 0x0102030405060708ull);
    so_mf_put_f32(&b, 1.5f);
    so_mf_put_str(&b, "hello");
    assert_int_equal(b.failed, 0);
    assert_int_equal(so_mf_writer_add(w, "POS", b.p, b.len), SO_MF_OK);
    assert_int_equal(so_mf_writer_add(w, "NER", "abc", 3), SO_MF_OK);
    assert_int_equal(so_mf_writer_add(w, "EMPTY", NULL, 0), SO_MF_OK);
    assert_int_equal(so_mf_writer_add(w, "NER", "abcd", 4), SO_MF_OK); /* replaces */
    assert_int_equal(so_mf_writer_add(w, "TOOLONGTAG", "x", 1), SO_MF_ERR_INVALID);
    assert_int_equal(so_mf_writer_to_mem(w, out, len), SO_MF_OK);
    so_mf_buf_free(&b);
    so_mf_writer_free(w);
}

static void test_round_trip(void **state)
{
    (void)state;
    uint8_t *buf;
    size_t len;
    build(&buf, &len);
    so_mf *mf = NULL;
    char err[256];
    assert_int_equal(so_mf_open_mem(buf, len, &mf, err, sizeof err), SO_MF_OK);
    assert_int_equal(so_mf_count(mf), 3);
    const uint8_t *d;
    size_t n;
    assert_int_equal(so_mf_find(mf, "POS", &d, &n), SO_MF_OK);
    assert_int_equal((uintptr_t)(d - buf) % SO_MF_ALIGN, 0);
    so_mf_rd r;
    so_mf_rd_init(&r, d, n);
    assert_int_equal(so_mf_get_u32(&r), 0xdeadbeefu);
    assert_true(so_mf_get_u64(&r) == 0x0102030405060708ull);
    assert_true(so_mf_get_f32(&r) == 1.5f);
    char s[16];
    assert_int_equal(so_mf_get_str(&r, s, sizeof s), 0);
    assert_string_equal(s, "hello");
    assert_int_equal(r.failed, 0);
    assert_int_equal(so_mf_get_u8(&r), 0); /* past the end */
    assert_int_equal(r.failed, 1);
    assert_int_equal(so_mf_find(mf, "NER", &d, &n), SO_MF_OK);
    assert_int_equal(n, 4);
    assert_memory_equal(d, "abcd", 4);
    assert_int_equal(so_mf_find(mf, "EMPTY", &d, &n), SO_MF_OK);
    assert_int_equal(n, 0);
    assert_int_equal(so_mf_find(mf, "attrib", &d, &n), SO_MF_ERR_NOTFOUND);
    char tag[9];
    assert_int_equal(so_mf_at(mf, 0, tag, &d, &n), SO_MF_OK);
    assert_string_equal(tag, "POS");
    assert_int_equal(so_mf_at(mf, 3, tag, &d, &n), SO_MF_ERR_INVALID);
    so_mf_close(mf);
    so_mf_close(NULL);
    free(buf);
}

static void test_truncated_every_length(void **state)
{
    (void)state;
    uint8_t *buf;
    size_t len;
    build(&buf, &len);
    for (size_t k = 0; k < len; k++) {
        uint8_t *cut = malloc(k ? k : 1);   /* exact size, so ASan sees overreads */
        memcpy(cut, buf, k);
        so_mf *mf = (so_mf *)1;
        char err[256] = "";
        so_mf_status st = so_mf_open_mem(cut, k, &mf, err, sizeof err);
        assert_int_equal(st, SO_MF_ERR_TRUNCATED);
        assert_null(mf);
        assert_true(strstr(err, "truncated") != NULL);
        free(cut);
    }
    free(buf);
}

static void test_flipped_bytes(void **state)
{
    (void)state;
    uint8_t *buf;
    size_t len;
    build(&buf, &len);
    for (size_t k = 0; k < len; k++) {
        uint8_t *c = malloc(len);
        memcpy(c, buf, len);
        c[k] ^= 0x20;
        so_mf *mf = NULL;
        char err[256];
        so_mf_status st = so_mf_open_mem(c, len, &mf, err, sizeof err);
        if (k < 8) assert_int_equal(st, SO_MF_ERR_MAGIC);
        else if (k < 12) assert_int_equal(st, SO_MF_ERR_VERSION);
        else assert_int_equal(st, SO_MF_ERR_CHECKSUM);
        assert_null(mf);
        free(c);
    }
    free(buf);
}

/* Rewrite both checksums after a deliberate edit, as a forger would. */
static void reseal(uint8_t *b, size_t len)
{
    uint32_t c = (uint32_t)crc32(0, b + 32, (uInt)(len - 32));
    for (int i = 0; i < 4; i++) b[24 + i] = (uint8_t)(c >> (8 * i));
    c = (uint32_t)crc32(0, b, 28);
    for (int i = 0; i < 4; i++) b[28 + i] = (uint8_t)(c >> (8 * i));
}

static void test_bad_magic_version_bounds(void **state)
{
    (void)state;
    uint8_t *buf;
    size_t len;
    build(&buf, &len);
    so_mf *mf = NULL;
    char err[256];
    uint8_t *c = malloc(len);

    memcpy(c, buf, len);
    memcpy(c, "GGUF\0\0\0\0", 8);
    assert_int_equal(so_mf_open_mem(c, len, &mf, err, sizeof err), SO_MF_ERR_MAGIC);

    memcpy(c, buf, len);
    c[8] = 2;
    reseal(c, len);
    assert_int_equal(so_mf_open_mem(c, len, &mf, err, sizeof err), SO_MF_ERR_VERSION);
    assert_true(strstr(err, "version 2") != NULL);

    memcpy(c, buf, len);        /* first section offset far past the end */
    c[32 + 8 + 5] = 0x7f;
    reseal(c, len);
    assert_int_equal(so_mf_open_mem(c, len, &mf, err, sizeof err), SO_MF_ERR_BOUNDS);

    memcpy(c, buf, len);        /* size that overflows offset + size */
    memset(c + 32 + 16, 0xff, 8);
    reseal(c, len);
    assert_int_equal(so_mf_open_mem(c, len, &mf, err, sizeof err), SO_MF_ERR_BOUNDS);

    memcpy(c, buf, len);        /* offset inside the header */
    memset(c + 32 + 8, 0, 8);
    reseal(c, len);
    assert_int_equal(so_mf_open_mem(c, len, &mf, err, sizeof err), SO_MF_ERR_BOUNDS);

    memcpy(c, buf, len);        /* absurd section count */
    c[12] = 0xff; c[13] = 0xff;
    reseal(c, len);
    assert_int_equal(so_mf_open_mem(c, len, &mf, err, sizeof err), SO_MF_ERR_BOUNDS);

    memcpy(c, buf, len);        /* duplicate tags */
    memcpy(c + 32 + 24, "POS\0\0\0\0\0", 8);
    reseal(c, len);
    assert_int_equal(so_mf_open_mem(c, len, &mf, err, sizeof err), SO_MF_ERR_BOUNDS);
    assert_null(mf);
    free(c);
    free(buf);
}

static void test_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/so_mf_testXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/m.model", dir);
    char tmp[320]; /* a user's file with the old temporary name is left alone */
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *u = fopen(tmp, "w");
    assert_non_null(u);
    fputs("mine", u);
    assert_int_equal(fclose(u), 0);
    so_mf_writer *w = so_mf_writer_new();
    assert_int_equal(so_mf_writer_add(w, "attrib", "weights", 7), SO_MF_OK);
    char err[256];
    assert_int_equal(so_mf_writer_save(w, path, err, sizeof err), SO_MF_OK);
    so_mf_writer_free(w);
    char back[8] = "";
    u = fopen(tmp, "r");
    assert_non_null(u);
    assert_non_null(fgets(back, sizeof back, u));
    fclose(u);
    assert_string_equal(back, "mine");
    unlink(tmp);
    so_mf *mf = NULL;
    assert_int_equal(so_mf_open_file(path, &mf, err, sizeof err), SO_MF_OK);
    const uint8_t *d;
    size_t n;
    assert_int_equal(so_mf_find(mf, "attrib", &d, &n), SO_MF_OK);
    assert_memory_equal(d, "weights", 7);
    so_mf_close(mf);
    assert_int_equal(truncate(path, 40), 0);
    assert_int_equal(so_mf_open_file(path, &mf, err, sizeof err), SO_MF_ERR_TRUNCATED);
    assert_true(strstr(err, path) != NULL);
    assert_int_equal(truncate(path, 0), 0);
    assert_int_equal(so_mf_open_file(path, &mf, err, sizeof err), SO_MF_ERR_TRUNCATED);
    unlink(path);
    assert_int_equal(so_mf_open_file(path, &mf, err, sizeof err), SO_MF_ERR_IO);
    assert_int_equal(so_mf_open_file(dir, &mf, err, sizeof err), SO_MF_ERR_IO);
    rmdir(dir);
}

static void test_buf_cap(void **state)
{
    (void)state;
    so_mf_buf b;
    so_mf_buf_init(&b, 10);
    so_mf_put_u64(&b, 1);
    assert_int_equal(b.failed, 0);
    so_mf_put_u32(&b, 1);
    assert_int_equal(b.failed, 1);
    assert_int_equal(b.len, 8);
    so_mf_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_truncated_every_length),
        cmocka_unit_test(test_flipped_bytes),
        cmocka_unit_test(test_bad_magic_version_bounds),
        cmocka_unit_test(test_file),
        cmocka_unit_test(test_buf_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
