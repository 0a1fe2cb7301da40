/*
** cmd_train.c -- `sayso train`: train the learned parts of sayso into a
** model file, and `sayso train eval-tags` to score the taggers on a split.
**
**   sayso train pos|ner|all --data DIR --out MODEL [--param NAME=VALUE]... [--fresh]
**   sayso train eval-tags --model MODEL --data DIR
**
** argv[0] is the subcommand name ("train"). Each trainable model kind is one
** entry of KINDS[] (name, model file section, help, train function); `all`
** trains every entry: the taggers in parallel threads, then the attribution
** model on them (stage 1). Sections of an existing MODEL that
** are not retrained are kept, unless --fresh is given.
*/
#include "cli.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "attrib/amodel.h"
#include "model/modelfile.h"
#include "model/perceptron.h"
#include "model/tagger.h"

#define ERRLEN 512
#define MAX_PARAMS 64

/* What every trainer gets. */
typedef struct train_ctx {
    const char *data_dir;     /* a split folder, e.g. polnear/train */
    so_ap_params params;
    const so_mf *prev;        /* stage 1: the model as trained so far */
    const char *out;          /* --out MODEL, for messages */
} train_ctx;

typedef int (*train_fn)(const train_ctx *ctx, so_mf_buf *out, char *err, size_t errlen);

typedef struct train_kind {
    const char *name;         /* command-line name */
    const char *section;      /* model file section tag */
    const char *help;
    train_fn train;
    int stage;                /* 1: needs the stage-0 sections (the taggers) */
} train_kind;

/* Train a tagger of the given kind on DIR/corenlp. */
static int train_tagger(so_tag_kind kind, const train_ctx *ctx, so_mf_buf *out, char *err,
                        size_t errlen)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corenlp", ctx->data_dir);
    so_tag_train_opts o = {kind, dir, ctx->params, stderr};
    return so_tag_train(&o, out, err, errlen);
}

static int train_pos(const train_ctx *ctx, so_mf_buf *out, char *err, size_t errlen)
{
    return train_tagger(SO_TAG_POS, ctx, out, err, errlen);
}

static int train_ner(const train_ctx *ctx, so_mf_buf *out, char *err, size_t errlen)
{
    return train_tagger(SO_TAG_NER, ctx, out, err, errlen);
}

/* The attribution model, on DIR/text + DIR/attributions, tagged with the
** POS and NER taggers of the model being built. */
static int train_attrib(const train_ctx *ctx, so_mf_buf *out, char *err, size_t errlen)
{
    so_tagger *pos = NULL, *ner = NULL;
    int rc = -1;
    if (!ctx->prev || so_mf_find(ctx->prev, "POS", NULL, NULL) != SO_MF_OK ||
        so_mf_find(ctx->prev, "NER", NULL, NULL) != SO_MF_OK) {
        snprintf(err, errlen, "%s has no POS and NER taggers: train them first, or "
                              "together with 'all' (and without --fresh)", ctx->out);
    } else if (so_tag_load(ctx->prev, "POS", &pos, err, errlen) ||
               so_tag_load(ctx->prev, "NER", &ner, err, errlen)) {
        /* err says what is wrong with the taggers */
    } else {
        so_am_train_opts o = {ctx->data_dir, pos, ner, ctx->params, stderr};
        rc = so_am_train(&o, out, err, errlen);
    }
    so_tag_free(pos);
    so_tag_free(ner);
    return rc;
}

/* The trainable model kinds: add a new one here. */
static const train_kind KINDS[] = {
    {"pos", "POS", "Penn Treebank POS tagger, from DIR/corenlp/*.conllu", train_pos, 0},
    {"ner", "NER", "BIO NER tagger (PERSON ORGANIZATION LOCATION MISC), DIR/corenlp", train_ner,
     0},
    {"attrib", "ATTR", "attribution model (cues, sources, contents), DIR/text + attributions",
     train_attrib, 1},
};
#define N_KINDS (sizeof KINDS / sizeof KINDS[0])

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: sayso train KIND --data DIR --out MODEL [-p|--param NAME=VALUE]... [--fresh]\n"
            "       sayso train eval-tags --model MODEL --data DIR\n\n"
            "Train the learned parts of sayso on the split folder DIR (for example\n"
            "polnear/train) and write them as sections of the model file MODEL. Sections\n"
            "of an existing MODEL that are not retrained are kept unless --fresh is given.\n"
            "eval-tags scores the POS and NER taggers of MODEL on DIR/corenlp.\n\nKIND:\n");
    for (size_t i = 0; i < N_KINDS; i++)
        fprintf(out, "  %-6s section %-7s %s\n", KINDS[i].name, KINDS[i].section, KINDS[i].help);
    fprintf(out, "  %-6s every kind above: pos and ner in parallel, then attrib on them\n\n"
            "Options:\n"
            "  --data DIR           the split folder to train on (eval-tags: to score on)\n"
            "  --out MODEL          the model file to write the sections to\n"
            "  --model MODEL        eval-tags: the model file to score\n"
            "  -p, --param N=V      a parameter below\n"
            "  --fresh              write only the sections trained now\n"
            "  -h, --help           this help\n\n"
            "Parameters (--param NAME=VALUE, repeatable; default shown):\n", "all");
    so_ap_params_help(out);
}

/* Parsed command line. */
typedef struct train_args {
    const char *what, *data, *out, *model;
    int fresh, help;
    so_ap_params params;
} train_args;

/* Value of option argv[*i] (advancing *i), or NULL after a usage error. */
static const char *opt_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        cli_error(NULL, "option %s needs a value (see sayso train --help)", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* Apply one option at argv[*i]; 0 or CLI_ERR_USAGE. */
static int parse_opt(train_args *a, int argc, char **argv, int *i)
{
    const char *o = argv[*i];
    const char **slot = strcmp(o, "--data") == 0 ? &a->data
                      : strcmp(o, "--out") == 0 ? &a->out
                      : strcmp(o, "--model") == 0 ? &a->model : NULL;
    if (slot) return (*slot = opt_value(argc, argv, i)) ? 0 : CLI_ERR_USAGE;
    if (strcmp(o, "--fresh") == 0) return a->fresh = 1, 0;
    if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) return a->help = 1, 0;
    if (strcmp(o, "--param") == 0 || strcmp(o, "-p") == 0) {
        const char *v = opt_value(argc, argv, i);
        char err[ERRLEN];
        if (!v) return CLI_ERR_USAGE;
        if (so_ap_params_set(&a->params, v, err, sizeof err) == 0) return 0;
        cli_error(NULL, "--param: %s", err);
        return CLI_ERR_USAGE;
    }
    if (o[0] == '-' || a->what) {
        cli_error(NULL, "unexpected argument '%s' (see sayso train --help)", o);
        return CLI_ERR_USAGE;
    }
    a->what = o;
    return 0;
}

static int parse_args(train_args *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    so_ap_params_default(&a->params);
    for (int i = 1; i < argc; i++) {
        int rc = parse_opt(a, argc, argv, &i);
        if (rc) return rc;
    }
    return 0;
}

/* ------------------------------------------------------------ training */

typedef struct job {
    const train_kind *kind;
    const train_ctx *ctx;
    so_mf_buf buf;
    int rc;
    char err[ERRLEN];
    pthread_t th;
    int started;
} job;

static void *run_job(void *p)
{
    job *j = p;
    so_mf_buf_init(&j->buf, 0);
    j->rc = j->kind->train(j->ctx, &j->buf, j->err, sizeof j->err);
    return NULL;
}

/* Start a writer holding the sections of an existing model (unless fresh). */
static int start_writer(const train_args *a, so_mf_writer **w)
{
    struct stat sb;
    *w = so_mf_writer_new();
    if (!*w) return cli_error(NULL, "out of memory"), CLI_ERR_INTERNAL;
    if (a->fresh || stat(a->out, &sb) != 0) return 0;
    so_mf *mf = NULL;
    char err[ERRLEN];
    if (so_mf_open_file(a->out, &mf, err, sizeof err) != SO_MF_OK) {
        cli_error(a->out, "%s (use --fresh to overwrite it)", err);
        return CLI_ERR_MODEL;
    }
    for (size_t i = 0; i < so_mf_count(mf); i++) {
        char tag[SO_MF_TAG_LEN + 1];
        const uint8_t *d;
        size_t n;
        so_mf_at(mf, i, tag, &d, &n);
        so_mf_writer_add(*w, tag, d, n);
    }
    so_mf_close(mf);
    return 0;
}

/* Run the jobs (threads when several), then add their sections to w. */
static int run_jobs(job *jobs, size_t n, so_mf_writer *w)
{
    for (size_t i = 0; i < n; i++)
        if (n > 1 && pthread_create(&jobs[i].th, NULL, run_job, &jobs[i]) == 0) jobs[i].started = 1;
        else run_job(&jobs[i]);
    int rc = CLI_OK;
    for (size_t i = 0; i < n; i++) {
        if (jobs[i].started) pthread_join(jobs[i].th, NULL);
        if (jobs[i].rc) {
            cli_error(jobs[i].kind->name, "%s", jobs[i].err);
            rc = CLI_ERR_INPUT;
        } else if (so_mf_writer_add(w, jobs[i].kind->section, jobs[i].buf.p, jobs[i].buf.len)) {
            cli_error(jobs[i].kind->name, "cannot add section %s", jobs[i].kind->section);
            rc = CLI_ERR_INTERNAL;
        }
        so_mf_buf_free(&jobs[i].buf);
    }
    return rc;
}

/* Run the stage-1 jobs against the sections w holds so far. */
static int run_stage1(job *jobs, size_t n, train_ctx *ctx, so_mf_writer *w)
{
    uint8_t *mem = NULL;
    size_t len = 0;
    so_mf *mf = NULL;
    char err[ERRLEN];
    if (so_mf_writer_to_mem(w, &mem, &len) != SO_MF_OK ||
        so_mf_open_mem(mem, len, &mf, err, sizeof err) != SO_MF_OK) {
        free(mem);
        cli_error(NULL, "cannot reopen the model being trained");
        return CLI_ERR_INTERNAL;
    }
    ctx->prev = mf;
    int rc = run_jobs(jobs, n, w);
    ctx->prev = NULL;
    so_mf_close(mf);
    free(mem);
    return rc;
}

static int do_train(const train_args *a)
{
    job jobs[2][N_KINDS];
    size_t n[2] = {0, 0};
    train_ctx ctx = {a->data, a->params, NULL, a->out};
    memset(jobs, 0, sizeof jobs);
    for (size_t i = 0; i < N_KINDS; i++)
        if (strcmp(a->what, "all") == 0 || strcmp(a->what, KINDS[i].name) == 0) {
            int st = KINDS[i].stage;
            jobs[st][n[st]++] = (job){.kind = &KINDS[i], .ctx = &ctx};
        }
    if (n[0] + n[1] == 0) {
        cli_error(NULL, "unknown model kind '%s' (see sayso train --help)", a->what);
        return CLI_ERR_USAGE;
    }
    so_mf_writer *w = NULL;
    int rc = start_writer(a, &w);
    if (rc == 0 && n[0]) rc = run_jobs(jobs[0], n[0], w);
    if (rc == 0 && n[1]) rc = run_stage1(jobs[1], n[1], &ctx, w);
    char err[ERRLEN];
    if (rc == 0 && so_mf_writer_save(w, a->out, err, sizeof err) != SO_MF_OK) {
        cli_error(NULL, "%s", err);
        rc = CLI_ERR_OUTPUT;
    }
    so_mf_writer_free(w);
    if (rc == 0) fprintf(stderr, "sayso: wrote %s\n", a->out);
    return rc;
}

/* ----------------------------------------------------------- eval-tags */

static int do_eval(const train_args *a)
{
    char err[ERRLEN], dir[4096];
    so_mf *mf = NULL;
    so_tagger *pos = NULL, *ner = NULL;
    if (so_mf_open_file(a->model, &mf, err, sizeof err) != SO_MF_OK) {
        cli_error(NULL, "%s", err);
        return CLI_ERR_MODEL;
    }
    int rc = CLI_OK;
    if (so_tag_load(mf, "POS", &pos, err, sizeof err)) rc = CLI_ERR_MODEL;
    else if (so_mf_find(mf, "NER", NULL, NULL) == SO_MF_OK &&
             so_tag_load(mf, "NER", &ner, err, sizeof err))
        rc = CLI_ERR_MODEL;
    if (rc) cli_error(a->model, "%s", err);
    snprintf(dir, sizeof dir, "%s/corenlp", a->data);
    if (rc == 0 && so_tag_eval_run(pos, ner, dir, stdout, NULL, err, sizeof err)) {
        cli_error(NULL, "%s", err);
        rc = CLI_ERR_INPUT;
    }
    so_tag_free(pos);
    so_tag_free(ner);
    so_mf_close(mf);
    return rc;
}

int cmd_train(int argc, char **argv)
{
    train_args a;
    int rc = parse_args(&a, argc, argv);
    if (rc) return rc;
    if (a.help) {
        usage(stdout);
        return CLI_OK;
    }
    int eval = a.what && strcmp(a.what, "eval-tags") == 0;
    if (!a.what || !a.data || (eval ? !a.model : !a.out)) {
        cli_error(NULL, "%s", !a.what ? "missing KIND (pos, ner, attrib, all or eval-tags)"
                  : !a.data ? "missing --data DIR"
                  : eval ? "missing --model MODEL" : "missing --out MODEL");
        usage(stderr);
        return CLI_ERR_USAGE;
    }
    return eval ? do_eval(&a) : do_train(&a);
}
