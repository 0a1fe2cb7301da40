/*
** test_amodel.c -- unit tests of the learned attribution model: training on
** a tiny hand-written split is deterministic (same data and seed give the
** same bytes), the trained model loads and finds the attributions it was
** trained on, a damaged ATTR section is refused cleanly, and the shipped
** model gives "CLAUSE, he said." the clause as its content, a passive cue
** no source before it, and a participle cue the subject of its clause.
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

#include "attrib/amodel.h"
#include "model/doctag.h"
#include "model/modelfile.h"
#include "model/tagger.h"
#include "quote/quote.h"
#include "shipped.h"

/* Our own sentences; offsets are code points (ASCII here, so bytes). */
static const char text_a[] =
    "The council said the bridge would reopen in May.\n\n"
    "Officials denied that the budget had been cut.\n\n"
    "The mayor told reporters the plan was fair.\n";

static const char ann_a[] =
    "T1\tSource 0 11\tThe council\n"
    "T2\tCue 12 16\tsaid\n"
    "T3\tContent 17 47\tthe bridge would reopen in May\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    "T4\tSource 50 59\tOfficials\n"
    "T5\tCue 60 66\tdenied\n"
    "T6\tContent 67 95\tthat the budget had been cut\n"
    "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n"
    "T7\tSource 98 107\tThe mayor\n"
    "T8\tCue 108 112\ttold\n"
    "T9\tContent 123 140\tthe plan was fair\n"
    "E3\tAttribution:T8 Source:T7 Cue:T8 Content:T9\n";

typedef struct fixture {
    char dir[256];
    so_mf *mf;
    so_tagger *pos, *ner;
} fixture;

/* d: text tokenized, its quotations paired and tagged with x's taggers, as
** the engine prepares it for the model. */
static void prepare(const fixture *x, so_doc *d, const char *text)
{
    memset(d, 0, sizeof *d);
    assert_int_equal(so_tok_run(d, text, strlen(text)), 0);
    assert_int_equal(so_quote_pair(d), 0);
    assert_int_equal(so_doc_tag(x->pos, x->ner, d), 0);
}

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, strlen(s), f), strlen(s));
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    fixture *x = calloc(1, sizeof *x);
    char p[512];
    snprintf(x->dir, sizeof x->dir, "%s/sayso-amodel-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(x->dir))
        return -1;
    snprintf(p, sizeof p, "%s/text", x->dir);
    mkdir(p, 0777);
    snprintf(p, sizeof p, "%s/attributions", x->dir);
    mkdir(p, 0777);
    snprintf(p, sizeof p, "%s/text/a.txt", x->dir);
    write_file(p, text_a);
    snprintf(p, sizeof p, "%s/attributions/a.ann", x->dir);
    write_file(p, ann_a);
    if (shipped_load(&x->mf, &x->pos, &x->ner))
        return -1;
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    char p[512];
    snprintf(p, sizeof p, "%s/text/a.txt", x->dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/attributions/a.ann", x->dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/text", x->dir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/attributions", x->dir);
    rmdir(p);
    rmdir(x->dir);
    shipped_free(x->mf, x->pos, x->ner);
    free(x);
    return 0;
}

static void train(const fixture *x, so_mf_buf *b)
{
    char err[256];
    so_am_train_opts o = {x->dir, x->pos, x->ner, {0}, NULL};
    so_ap_params_default(&o.params);
    o.params.hash_bits = 12;
    o.params.attrib_prune = 0;
    so_mf_buf_init(b, 0);
    assert_int_equal(so_am_train(&o, b, err, sizeof err), 0);
    assert_true(b->len > 16);
}

/* Wrap an ATTR payload into a model file in memory. */
static so_mf *wrap(const uint8_t *p, size_t n, uint8_t **mem)
{
    so_mf_writer *w = so_mf_writer_new();
    size_t len;
    so_mf *mf = NULL;
    char err[256];
    assert_int_equal(so_mf_writer_add(w, SO_AM_SECTION, p, n), SO_MF_OK);
    assert_int_equal(so_mf_writer_to_mem(w, mem, &len), SO_MF_OK);
    so_mf_writer_free(w);
    assert_int_equal(so_mf_open_mem(*mem, len, &mf, err, sizeof err), SO_MF_OK);
    return mf;
}

static void test_deterministic(void **state)
{
    fixture *x = *state;
    so_mf_buf a, b;
    train(x, &a);
    train(x, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.p, b.p, a.len);
    so_mf_buf_free(&a);
    so_mf_buf_free(&b);
}

typedef struct found {
    int n, said, denied;
} found;

static int collect(void *ctx, const so_am_attr *at)
{
    found *f = ctx;
    f->n++;
    f->said += at->cue.b == 2;   /* "The council said": token 2 */
    f->denied += at->cue.b == 11; /* "Officials denied": token 11 */
    return 0;
}

static void test_learns_and_loads(void **state)
{
    fixture *x = *state;
    so_mf_buf b;
    uint8_t *mem = NULL;
    char err[256] = "";
    train(x, &b);
    so_mf *mf = wrap(b.p, b.len, &mem);
    so_am *m = NULL;
    assert_int_equal(so_am_load(mf, &m, err, sizeof err), 0);
    so_doc d;
    prepare(x, &d, text_a);
    assert_true(so_tok_is(&d, 2, "said") && so_tok_is(&d, 11, "denied"));
    found f = {0, 0, 0};
    assert_int_equal(so_am_run(m, x->pos, &d, NULL, collect, &f), 0);
    assert_true(f.n >= 2); /* the training examples come back */
    assert_int_equal(f.said, 1);
    assert_int_equal(f.denied, 1);
    so_doc_free(&d);
    so_am_free(m);
    so_mf_close(mf);
    free(mem);
    so_mf_buf_free(&b);
}

typedef struct first_attr {
    int n;
    so_am_attr at;
} first_attr;

static int keep_first(void *ctx, const so_am_attr *at)
{
    first_attr *f = ctx;
    if (f->n++ == 0)
        f->at = *at;
    return 0;
}

/* The shipped model on "CLAUSE, he said.": the cue and source come from the
** taggers, the content from the clause before the comma. */
static void check_comma_clause(const fixture *x, const so_am *m, const char *text,
                               const char *content)
{
    so_doc d;
    prepare(x, &d, text);
    first_attr f;
    memset(&f, 0, sizeof f);
    assert_int_equal(so_am_run(m, x->pos, &d, NULL, keep_first, &f), 0);
    assert_int_equal(f.n, 1);
    assert_true(so_tok_is(&d, f.at.cue.b, "said"));
    assert_int_equal(f.at.source.e, f.at.cue.b);
    assert_int_equal(f.at.ncontent, 1);
    so_range c = f.at.content[0];
    assert_int_equal(c.b, 0);
    size_t len = d.tok[c.e - 1].end - d.tok[c.b].start;
    assert_int_equal(len, strlen(content));
    assert_memory_equal(text + d.tok[c.b].start, content, len);
    so_doc_free(&d);
}

static void test_comma_clause(void **state)
{
    fixture *x = *state;
    char err[256] = "";
    so_am *m = NULL;
    assert_int_equal(so_am_load(x->mf, &m, err, sizeof err), 0);
    check_comma_clause(x, m, "The company lost money last year, he said.\n",
                       "The company lost money last year");
    check_comma_clause(x, m, "Recent shipments have sold for just above $40 a ton, she said.\n",
                       "Recent shipments have sold for just above $40 a ton");
    so_am_free(m);
}

typedef struct by_cue {
    const so_doc *d;
    const char *cue;     /* first word of the wanted cue */
    so_am_attr at;
    int n;
} by_cue;

static int keep_cue(void *ctx, const so_am_attr *at)
{
    by_cue *b = ctx;
    if (so_tok_is(b->d, at->cue.b, b->cue)) {
        b->at = *at;
        b->n++;
    }
    return 0;
}

/* Run the shipped model on text; the attribution whose cue starts with
** word cue (exactly one). */
static so_am_attr model_attr(const fixture *x, const so_am *m, so_doc *d, const char *text,
                             const char *cue)
{
    prepare(x, d, text);
    by_cue b;
    memset(&b, 0, sizeof b);
    b.d = d;
    b.cue = cue;
    assert_int_equal(so_am_run(m, x->pos, d, NULL, keep_cue, &b), 0);
    assert_int_equal(b.n, 1);
    return b.at;
}

/* A passive cue has no source before it; a participle after a comma takes
** the subject of its clause. */
static void test_passive_and_participle(void **state)
{
    fixture *x = *state;
    char err[256] = "";
    so_am *m = NULL;
    so_doc d;
    assert_int_equal(so_am_load(x->mf, &m, err, sizeof err), 0);
    so_am_attr a = model_attr(x, m, &d, "The senator was accused of hiding the report.\n", "was");
    assert_int_equal(a.source.e, a.source.b);
    assert_true(a.ncontent >= 1);
    so_doc_free(&d);
    a = model_attr(x, m, &d,
                   "Meanwhile, the council attacked the new tax plan in a long statement on "
                   "Friday, calling it reckless.\n",
                   "calling");
    assert_int_equal(a.source.b, 2);
    assert_int_equal(a.source.e, 4); /* "the council" */
    so_doc_free(&d);
    so_am_free(m);
}

/* A source that ends in a relative pronoun is the pronoun; one that starts
** with a conjunction starts after it. */
static void test_source_trim(void **state)
{
    fixture *x = *state;
    char err[256] = "";
    so_am *m = NULL;
    so_doc d;
    assert_int_equal(so_am_load(x->mf, &m, err, sizeof err), 0);
    so_am_attr a = model_attr(x, m, &d,
                              "The museum hired an architect who said the old hall could be "
                              "saved.\n",
                              "said");
    assert_int_equal(a.source.e - a.source.b, 1);
    assert_true(so_tok_is(&d, a.source.b, "who"));
    so_doc_free(&d);
    a = model_attr(x, m, &d,
                   "Prices rose, while 73 percent of shoppers said the shops were too "
                   "expensive.\n",
                   "said");
    assert_true(a.source.e > a.source.b);
    assert_true(so_tok_is(&d, a.source.b, "73"));
    so_doc_free(&d);
    so_am_free(m);
}

typedef struct busy_seen {
    int n, busy;
    so_am_attr at;
} busy_seen;

static int note_busy(void *ctx, const so_am_attr *at)
{
    busy_seen *s = ctx;
    s->n++;
    if (at->busy) {
        s->busy++;
        s->at = *at;
    }
    return 0;
}

static int note_first(void *ctx, const so_am_attr *at)
{
    busy_seen *s = ctx;
    if (s->n++ == 0)
        s->at = *at;
    return 0;
}

/* A cue on busy tokens: skipped when busy only says TAKEN; with a side,
** passed back marked busy with the source from that side only. */
static void test_busy_cues(void **state)
{
    fixture *x = *state;
    char err[256] = "";
    so_am *m = NULL;
    so_doc d;
    assert_int_equal(so_am_load(x->mf, &m, err, sizeof err), 0);
    prepare(x, &d, "The mayor said the bridge would reopen in May.\n");
    assert_true(so_tok_is(&d, 2, "said"));
    busy_seen all = {0, 0, {{0, 0}, {0, 0}, {{0, 0}}, 0, 0, 0}};
    assert_int_equal(so_am_run(m, x->pos, &d, NULL, note_first, &all), 0);
    assert_true(all.n >= 1);
    assert_true(all.at.conf >= 0.9f && all.at.conf <= 1.0f); /* a plain "X said Y": sure */
    uint8_t busy[64] = {0};
    busy_seen s = {0, 0, {{0, 0}, {0, 0}, {{0, 0}}, 0, 0, 0}};
    busy[2] = SO_AM_BUSY_TAKEN;
    assert_int_equal(so_am_run(m, x->pos, &d, busy, note_busy, &s), 0);
    assert_int_equal(s.busy, 0);
    int others = s.n;
    memset(&s, 0, sizeof s);
    busy[2] = SO_AM_BUSY_TAKEN | SO_AM_BUSY_BEFORE;
    assert_int_equal(so_am_run(m, x->pos, &d, busy, note_busy, &s), 0);
    assert_int_equal(s.busy, 1);
    assert_int_equal(s.n, others + 1);
    assert_int_equal(s.at.source.b, 0);
    assert_int_equal(s.at.source.e, 2); /* "The mayor" */
    memset(&s, 0, sizeof s);
    busy[2] = SO_AM_BUSY_TAKEN | SO_AM_BUSY_AFTER;
    assert_int_equal(so_am_run(m, x->pos, &d, busy, note_busy, &s), 0);
    assert_int_equal(s.busy, 1);
    assert_true(s.at.source.e <= s.at.source.b || s.at.source.b > 2); /* not before */
    so_doc_free(&d);
    so_am_free(m);
}

static void test_damaged_section(void **state)
{
    fixture *x = *state;
    so_mf_buf b;
    train(x, &b);
    /* every truncation of the payload must be refused with a message */
    for (size_t cut = 0; cut < b.len; cut += 1 + cut / 8) {
        uint8_t *mem = NULL;
        char err[256] = "";
        so_mf *mf = wrap(b.p, cut, &mem);
        so_am *m = (so_am *)1;
        assert_int_equal(so_am_load(mf, &m, err, sizeof err), -1);
        assert_null(m);
        assert_true(err[0] != 0);
        so_mf_close(mf);
        free(mem);
    }
    so_mf_buf_free(&b);
}

/* Every tag of the shipped POS tagger is a Penn Treebank tag that
** so_tag_penn names, and each name maps back to its own id: the modules
** that test tags by so_penn would silently never fire on a name missing
** from penn.h. */
static void test_penn_tags(void **state)
{
    fixture *x = *state;
    const uint8_t *penn = so_tag_penn(x->pos);
    unsigned n = so_tag_count(x->pos);
    assert_int_equal(n, SO_PENN_COUNT - 1); /* the 45 tags */
    assert_int_equal(penn[0], SO_PENN_NONE); /* untagged */
    uint8_t seen[SO_PENN_COUNT] = {0};
    for (unsigned k = 0; k < n; k++) {
        const char *name = so_tag_name(x->pos, k);
        assert_int_not_equal(penn[k + 1], SO_PENN_NONE);
        assert_int_equal(penn[k + 1], so_penn_of(name));
        assert_int_equal(seen[penn[k + 1]]++, 0); /* one id per tag */
    }
    assert_int_equal(penn[so_tag_id(x->pos, "PRP$") + 1], SO_PENN_PRPS);
    assert_int_equal(penn[so_tag_id(x->pos, "-LRB-") + 1], SO_PENN_LRB);
    for (unsigned k = 0; k < 256; k++) /* a NER tagger has no Penn tags */
        assert_int_equal(so_tag_penn(x->ner)[k], SO_PENN_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_learns_and_loads),
        cmocka_unit_test(test_damaged_section),
        cmocka_unit_test(test_comma_clause),
        cmocka_unit_test(test_passive_and_participle),
        cmocka_unit_test(test_source_trim),
        cmocka_unit_test(test_busy_cues),
        cmocka_unit_test(test_penn_tags),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
