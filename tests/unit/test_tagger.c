/*
** test_tagger.c -- unit tests of the POS/NER taggers (so_tag_) and the
** perceptron parameter table (so_ap_params_): train on a tiny corpus this
** test writes itself, tag training-like sentences, check determinism, the
** model-file round trip, evaluation, and that corrupt sections fail cleanly.
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

#include "model/conllu.h"
#include "model/modelfile.h"
#include "model/perceptron.h"
#include "model/tagger.h"

static const char *FIRST[] = {"Maria", "John", "Ada", "Kofi", "Lena", "Omar"};
static const char *LAST[] = {"Lopez", "Park", "Byron", "Mensah", "Vogel", "Haddad"};
static const char *ORG1[] = {"Acme", "Globex", "Initech", "Umbrella"};
static const char *CITY[] = {"Paris", "Lagos", "Denver", "Osaka"};
static const char *NOUN[] = {"plan", "budget", "bridge", "school"};
static const char *VERB[] = {"works", "grows", "fails", "matters"};

/* Write one token line: form, POS, NER (IO, as CoreNLP writes it). */
static void tok(FILE *f, int *id, const char *form, const char *pos, const char *ner)
{
    fprintf(f, "%d\t%s\t%s\t%s\t%s\t0\t0\t0\tdep\t_\n", ++*id, form, form, pos, ner);
}

/* Three sentence templates over all the names, written to dir/a.conllu. */
static void write_corpus(const char *dir)
{
    char path[300];
    snprintf(path, sizeof path, "%s/a.conllu", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "# newdoc id = test\n");
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 4; j++) {
            int id = 0, k = (i + j) % 6;
            tok(f, &id, FIRST[i], "NNP", "PERSON");
            tok(f, &id, LAST[k], "NNP", "PERSON");
            tok(f, &id, "said", "VBD", "O");
            tok(f, &id, "the", "DT", "O");
            tok(f, &id, NOUN[j], "NN", "O");
            tok(f, &id, VERB[(i + j) % 4], "VBZ", "O");
            tok(f, &id, ".", ".", "O");
            fprintf(f, "\n");
            id = 0;
            tok(f, &id, ORG1[j], "NNP", "ORGANIZATION");
            tok(f, &id, "Corp", "NNP", "ORGANIZATION");
            tok(f, &id, "hired", "VBD", "O");
            tok(f, &id, FIRST[k], "NNP", "PERSON");
            tok(f, &id, LAST[i], "NNP", "PERSON");
            tok(f, &id, "in", "IN", "O");
            tok(f, &id, CITY[(i + j) % 4], "NNP", "LOCATION");
            tok(f, &id, "on", "IN", "O");
            tok(f, &id, "Monday", "NNP", "DATE");
            tok(f, &id, ".", ".", "O");
            fprintf(f, "\n");
        }
    fclose(f);
}

typedef struct fixture {
    char dir[64];
    uint8_t *pos_sec, *ner_sec;
    size_t pos_len, ner_len;
    so_tagger *pos, *ner;
} fixture;

/* Train one tagger kind on the fixture corpus into a malloc'd buffer. */
static void train(const char *dir, so_tag_kind kind, long seed, uint8_t **out, size_t *len)
{
    so_tag_train_opts o = {kind, dir, {0}, NULL};
    so_ap_params_default(&o.params);
    char err[256];
    assert_int_equal(so_ap_params_set(&o.params, "iterations=6", err, sizeof err), 0);
    assert_int_equal(so_ap_params_set(&o.params, "hash_bits=14", err, sizeof err), 0);
    o.params.seed = seed;
    o.params.pos_folds = 2;
    so_mf_buf b;
    so_mf_buf_init(&b, 0);
    assert_int_equal(so_tag_train(&o, &b, err, sizeof err), 0);
    *out = b.p;
    *len = b.len;
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/so_tag_testXXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    write_corpus(fx->dir);
    train(fx->dir, SO_TAG_POS, 1, &fx->pos_sec, &fx->pos_len);
    train(fx->dir, SO_TAG_NER, 1, &fx->ner_sec, &fx->ner_len);
    char err[256];
    assert_int_equal(so_tag_load_mem(fx->pos_sec, fx->pos_len, &fx->pos, err, sizeof err), 0);
    assert_int_equal(so_tag_load_mem(fx->ner_sec, fx->ner_len, &fx->ner, err, sizeof err), 0);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char path[300];
    snprintf(path, sizeof path, "%s/a.conllu", fx->dir);
    unlink(path);
    rmdir(fx->dir);
    so_tag_free(fx->pos);
    so_tag_free(fx->ner);
    free(fx->pos_sec);
    free(fx->ner_sec);
    free(fx);
    return 0;
}

/* Split a space-separated sentence into toks (pointing into s). */
static size_t split(const char *s, so_tagtok *toks, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        while (*s == ' ') s++;
        const char *e = s;
        while (*e && *e != ' ') e++;
        if (e > s) toks[n++] = (so_tagtok){s, (size_t)(e - s)};
        s = e;
    }
    return n;
}

/* Tag sentence and compare the tag names with the expected ones. */
static void expect(const fixture *fx, const char *sent, const char *pos_exp,
                   const char *ner_exp)
{
    so_tagtok toks[32], want[32];
    uint8_t pos[32], ner[32];
    size_t n = split(sent, toks, 32);
    assert_int_equal(so_tag_sentence(fx->pos, toks, n, NULL, pos), 0);
    assert_int_equal(so_tag_sentence(fx->ner, toks, n, pos, ner), 0);
    assert_int_equal(split(pos_exp, want, 32), n);
    for (size_t i = 0; i < n; i++) {
        char w[16];
        snprintf(w, sizeof w, "%.*s", (int)want[i].len, want[i].s);
        assert_string_equal(so_tag_name(fx->pos, pos[i]), w);
    }
    assert_int_equal(split(ner_exp, want, 32), n);
    for (size_t i = 0; i < n; i++) {
        char w[16];
        snprintf(w, sizeof w, "%.*s", (int)want[i].len, want[i].s);
        assert_string_equal(so_tag_name(fx->ner, ner[i]), w);
    }
}

static void test_tags_training_like(void **state)
{
    const fixture *fx = *state;
    expect(fx, "Omar Byron said the bridge grows .", "NNP NNP VBD DT NN VBZ .",
           "B-PERSON I-PERSON O O O O O");
    expect(fx, "Globex Corp hired Lena Park in Osaka on Monday .",
           "NNP NNP VBD NNP NNP IN NNP IN NNP .",
           "B-ORGANIZATION I-ORGANIZATION O B-PERSON I-PERSON O B-LOCATION O O O");
}

static void test_names_and_args(void **state)
{
    const fixture *fx = *state;
    assert_int_equal(so_tag_kind_of(fx->pos), SO_TAG_POS);
    assert_int_equal(so_tag_kind_of(fx->ner), SO_TAG_NER);
    assert_int_equal(so_tag_count(fx->ner), 9);
    int id = so_tag_id(fx->ner, "B-LOCATION");
    assert_true(id > 0);
    assert_string_equal(so_tag_name(fx->ner, (unsigned)id), "B-LOCATION");
    assert_int_equal(so_tag_id(fx->pos, "NOPE"), -1);
    assert_null(so_tag_name(fx->pos, 200));
    assert_true(so_tag_compatible(fx->ner, fx->pos));
    assert_false(so_tag_compatible(fx->pos, fx->ner));
    assert_non_null(strstr(so_tag_info(fx->pos), "POS tagger"));
    so_tagtok t = {"x", 1}, bad = {NULL, 3};
    uint8_t out[2];
    assert_int_equal(so_tag_sentence(NULL, &t, 1, NULL, out), -1);
    assert_int_equal(so_tag_sentence(fx->pos, &t, 1, NULL, NULL), -1);
    assert_int_equal(so_tag_sentence(fx->pos, &bad, 1, NULL, out), -1);
    assert_int_equal(so_tag_sentence(fx->ner, &t, 1, NULL, out), -1);  /* NER needs POS */
    assert_int_equal(so_tag_sentence(fx->pos, NULL, 0, NULL, NULL), 0);
    so_tagtok odd[3] = {{"\xff\xfe", 2}, {"", 0}, {"\xe2\x80\x9c", 3}};  /* bad UTF-8, empty */
    uint8_t p3[3], n3[3];
    assert_int_equal(so_tag_sentence(fx->pos, odd, 3, NULL, p3), 0);
    assert_int_equal(so_tag_sentence(fx->ner, odd, 3, p3, n3), 0);
}

static void test_long_sentence(void **state)
{
    const fixture *fx = *state;   /* longer than one Viterbi segment */
    enum { N = 300 };
    so_tagtok *t = malloc(N * sizeof *t);
    uint8_t *p = malloc(N), *q = malloc(N);
    for (size_t i = 0; i < N; i++) t[i] = (so_tagtok){i % 3 ? "Paris" : "in", i % 3 ? 5u : 2u};
    assert_int_equal(so_tag_sentence(fx->pos, t, N, NULL, p), 0);
    assert_int_equal(so_tag_sentence(fx->ner, t, N, p, q), 0);
    for (size_t i = 0; i < N; i++) assert_true(q[i] < so_tag_count(fx->ner));
    free(t);
    free(p);
    free(q);
}

static void test_deterministic(void **state)
{
    const fixture *fx = *state;
    uint8_t *a, *b;
    size_t na, nb;
    train(fx->dir, SO_TAG_POS, 1, &a, &na);
    train(fx->dir, SO_TAG_NER, 1, &b, &nb);
    assert_int_equal(na, fx->pos_len);
    assert_memory_equal(a, fx->pos_sec, na);
    assert_int_equal(nb, fx->ner_len);
    assert_memory_equal(b, fx->ner_sec, nb);
    free(a);
    free(b);
}

static void test_model_file_and_eval(void **state)
{
    const fixture *fx = *state;
    so_mf_writer *w = so_mf_writer_new();
    assert_int_equal(so_mf_writer_add(w, "POS", fx->pos_sec, fx->pos_len), SO_MF_OK);
    assert_int_equal(so_mf_writer_add(w, "NER", fx->ner_sec, fx->ner_len), SO_MF_OK);
    uint8_t *buf;
    size_t len;
    assert_int_equal(so_mf_writer_to_mem(w, &buf, &len), SO_MF_OK);
    so_mf_writer_free(w);
    so_mf *mf;
    char err[256];
    assert_int_equal(so_mf_open_mem(buf, len, &mf, err, sizeof err), SO_MF_OK);
    so_tagger *pos, *ner, *none;
    assert_int_equal(so_tag_load(mf, "POS", &pos, err, sizeof err), 0);
    assert_int_equal(so_tag_load(mf, "NER", &ner, err, sizeof err), 0);
    assert_int_equal(so_tag_load(mf, "attrib", &none, err, sizeof err), -1);
    assert_null(none);
    so_tag_eval_result r;
    assert_int_equal(so_tag_eval_run(pos, ner, fx->dir, NULL, &r, err, sizeof err), 0);
    assert_int_equal(r.tokens, 24 * 17);
    assert_true(r.pos_correct * 100 >= r.tokens * 98);
    assert_true(r.ner_correct * 100 >= r.ner_gold * 95);
    assert_int_equal(so_tag_eval_run(pos, ner, "/nonexistent", NULL, &r, err, sizeof err), -1);
    so_tag_free(pos);
    so_tag_free(ner);
    so_mf_close(mf);
    free(buf);
}

static void test_corrupt_sections(void **state)
{
    const fixture *fx = *state;
    char err[256];
    for (size_t k = 0; k < fx->ner_len; k += 1 + k / 8) {   /* every truncation, sparser late */
        so_tagger *t = (so_tagger *)1;
        uint8_t *cut = malloc(k ? k : 1);
        memcpy(cut, fx->ner_sec, k);
        assert_int_equal(so_tag_load_mem(cut, k, &t, err, sizeof err), -1);
        assert_null(t);
        free(cut);
    }
    uint8_t *c = malloc(fx->pos_len);
    memcpy(c, fx->pos_sec, fx->pos_len);
    c[0] = 99;   /* section version */
    so_tagger *t;
    assert_int_equal(so_tag_load_mem(c, fx->pos_len, &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "version"));
    free(c);
}

static void test_params(void **state)
{
    (void)state;
    so_ap_params p;
    char err[256];
    so_ap_params_default(&p);
    size_t n;
    const so_ap_param_def *d = so_ap_param_table(&n);
    assert_true(n >= 5);
    assert_string_equal(d[0].name, "iterations");
    assert_int_equal(p.iterations, (long)d[0].def);
    assert_int_equal(so_ap_params_set(&p, "prune=0.25", err, sizeof err), 0);
    assert_true(p.prune == 0.25);
    assert_int_equal(so_ap_params_set(&p, "iterations=2.5", err, sizeof err), -1);
    assert_int_equal(so_ap_params_set(&p, "hash_bits=40", err, sizeof err), -1);
    assert_int_equal(so_ap_params_set(&p, "nosuch=1", err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown"));
    assert_int_equal(so_ap_params_set(&p, "iterations", err, sizeof err), -1);
}

static void test_penn(void **state)
{
    const fixture *fx = *state;
    assert_int_equal(so_penn_of("NNP"), SO_PENN_NNP);
    assert_int_equal(so_penn_of("WP$"), SO_PENN_WPS);
    assert_int_equal(so_penn_of("''"), SO_PENN_CQUOTE);
    assert_int_equal(so_penn_of("nnp"), SO_PENN_NONE); /* names are exact */
    assert_int_equal(so_penn_of("B-PERSON"), SO_PENN_NONE);
    assert_int_equal(so_penn_of(NULL), SO_PENN_NONE);
    for (unsigned t = SO_PENN_VB; t <= SO_PENN_VBZ; t++)
        assert_true(so_penn_is_verb(t) && !so_penn_is_noun(t));
    assert_false(so_penn_is_verb(SO_PENN_MD));
    assert_true(so_penn_is_noun(SO_PENN_NNPS) && so_penn_is_proper(SO_PENN_NNPS));
    assert_false(so_penn_is_proper(SO_PENN_NNS) || so_penn_is_noun(SO_PENN_PRP));
    assert_true(so_penn_is_common(SO_PENN_NNS) && !so_penn_is_common(SO_PENN_NNP));
    assert_true(so_penn_is_wh(SO_PENN_WRB) && so_penn_is_adv(SO_PENN_RBS));
    assert_false(so_penn_is_adv(SO_PENN_RP));
    /* the tiny tagger's table: its own ids, 0 untagged, nothing past its tags */
    const uint8_t *penn = so_tag_penn(fx->pos);
    assert_int_equal(penn[so_tag_id(fx->pos, "VBD") + 1], SO_PENN_VBD);
    assert_int_equal(penn[so_tag_id(fx->pos, "NNP") + 1], SO_PENN_NNP);
    assert_int_equal(penn[0], SO_PENN_NONE);
    assert_int_equal(penn[so_tag_count(fx->pos) + 1], SO_PENN_NONE);
    assert_int_equal(so_tag_penn(NULL)[1], SO_PENN_NONE);
}

/* Read CoNLL-U text s: 0 or -1, the message in err. */
static int read_conllu(const char *s, so_conllu *c, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    int rc = so_conllu_read_mem(c, s, strlen(s), err, errlen);
    so_conllu_free(c);
    return rc;
}

static void test_conllu_strict(void **state)
{
    (void)state;
    so_conllu c;
    char err[256];
    const char *row = "1\tHi\thi\tUH\tO\t0\t2\t0\troot\t_\n";
    char buf[512];
    /* a BOM, CRLF line ends, a multiword range line */
    snprintf(buf, sizeof buf,
             "\xEF\xBB\xBF# sent_id = 1\r\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\r\n%s\r\n", row);
    memset(&c, 0, sizeof c);
    assert_int_equal(so_conllu_read_mem(&c, buf, strlen(buf), err, sizeof err), 0);
    assert_int_equal(c.n_tok, 1);
    assert_int_equal(c.n_sent, 1);
    so_conllu_free(&c);
    /* nine columns, eleven, a bad ID, an empty FORM: refused with the line */
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"# x\n1\tHi\thi\tUH\tO\t0\t2\t0\troot\n",
         "line 2: expected 10 tab-separated columns, found 9"},
        {"1\tHi\thi\tUH\tO\t0\t2\t0\troot\t_\t_\n", "found 11"},
        {"x\tHi\thi\tUH\tO\t0\t2\t0\troot\t_\n", "line 1: the ID column is not a number"},
        {"1\t\thi\tUH\tO\t0\t2\t0\troot\t_\n", "empty FORM"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(read_conllu(bad[i].text, &c, err, sizeof err), -1);
        assert_non_null(strstr(err, bad[i].message));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tags_training_like),
        cmocka_unit_test(test_names_and_args),
        cmocka_unit_test(test_long_sentence),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_model_file_and_eval),
        cmocka_unit_test(test_corrupt_sections),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_penn),
        cmocka_unit_test(test_conllu_strict),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
