/*
** cmd_index.c -- `sayso index`: extracts articles with the shared batch
** loop (extract_run.c) and stores them in an SQLite quote store through its
** result hook: records whose content hash is already stored are skipped
** before extraction, results become store documents on the worker threads,
** and a writer thread of its own stores them, one transaction per batch,
** so the pipeline never waits for SQLite. `--check` verifies a store.
*/
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "extract.h"
#include "sayso.h"
#include "store/store.h"

#define MAX_JOBS 256

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* The writer thread's queue: documents to store, and commit marks (a NULL
** document). Bounded: the pipeline waits when the writer falls behind. */
#define QUEUE_CAP 512

typedef struct entry {
    so_store_doc *doc; /* NULL: commit */
    char *id;          /* the record id (JSON), for messages */
} entry;

typedef struct index_ctx {
    so_store *st;
    const char *db;
    so_store_article art; /* engine identity and keep_text; ids come per record */
    const char *text_field;
    int force;
    size_t unchanged;     /* skipped before extraction (main thread) */
    /* the writer thread and what it shares with the main thread (under mu) */
    pthread_t writer;
    pthread_mutex_t mu;
    pthread_cond_t more, room;
    entry q[QUEUE_CAP];
    size_t head, tail;
    int done, failed;
    size_t stored, same;  /* written by the writer thread */
} index_ctx;

static void help(FILE *f)
{
    fprintf(f,
        "Usage: sayso index --db FILE.db [OPTIONS] [FILE|DIR|-]...\n"
        "       sayso index --db FILE.db --check\n\n"
        "Extract attributions and store articles, quotations, speakers and entities\n"
        "in an SQLite quote store; the same quotation reported by several articles\n"
        "becomes one quote cluster. Inputs as for 'sayso extract'; JSON Lines fields\n"
        "outlet, date, title and url are stored with the article.\n"
        "Re-indexing an id replaces the article; an article whose text, metadata and\n"
        "engine are unchanged is skipped, so an interrupted run simply resumes.\n\n"
        "Options:\n"
        "      --db FILE        the store (created when missing)\n"
        "      --force          re-extract and replace even unchanged articles\n"
        "      --no-text        do not keep article texts in the store\n"
        "      --check          check the store's integrity, print its counts (JSON)\n"
        "      --input MODE     auto (default), text, jsonl\n"
        "      --text-field F   JSONL field holding the text (default: text)\n"
        "      --id-field F     JSONL field holding the id (default: id)\n"
        "      --max-bytes N    largest document in bytes (default: 67108864)\n"
        "  -j, --jobs N         worker threads (default: number of cores)\n"
        "      --model PATH     model file (default: the built-in model)\n"
        "      --no-model       rules only\n"
        "  -q, --quiet          no progress bar and no summary\n"
        "  -h, --help           this help\n\n"
        "Exit status: 0 ok; 1 some records failed (or --check found a problem);\n"
        "2 usage; 3 an input could not be read; 4 model; 5 the store could not be\n"
        "written. Schema and queries: docs/store.md.\n");
}

typedef struct index_args {
    const char *db;
    int force, no_text, check;
} index_args;

static int parse_mode(const char *s, so_extract_opts *o)
{
    o->ropts.mode = !strcmp(s, "auto") ? SO_IN_AUTO : !strcmp(s, "text") ? SO_IN_TEXT
                    : !strcmp(s, "jsonl") ? SO_IN_JSONL : -1;
    if (o->ropts.mode < 0)
        cli_error(NULL, "--input must be auto, text or jsonl, not '%s'", s);
    return o->ropts.mode < 0 ? -1 : 0;
}

static int parse_num(const char *s, long lo, long hi, const char *opt, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || !end || *end || v < lo || v > hi) {
        cli_error(NULL, "%s takes a number from %ld to %ld", opt, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_args(int argc, char **argv, so_extract_opts *o, index_args *a)
{
    static const struct option longopts[] = {
        {"db", 1, 0, 'd'},       {"force", 0, 0, 'F'},      {"no-text", 0, 0, 'N'},
        {"check", 0, 0, 'C'},    {"input", 1, 0, 'I'},      {"text-field", 1, 0, 'T'},
        {"id-field", 1, 0, 'i'}, {"max-bytes", 1, 0, 'M'},  {"jobs", 1, 0, 'j'},
        {"model", 1, 0, 'm'},    {"no-model", 0, 0, 'n'},   {"quiet", 0, 0, 'q'},
        {"help", 0, 0, 'h'},     {0, 0, 0, 0}};
    int c;
    long v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'F': a->force = 1; break;
        case 'N': a->no_text = 1; break;
        case 'C': a->check = 1; break;
        case 'I': if (parse_mode(optarg, o)) return -1; break;
        case 'T': o->ropts.text_field = optarg; break;
        case 'i': o->ropts.id_field = optarg; break;
        case 'M':
            if (parse_num(optarg, 1, (long)1 << 31, "--max-bytes", &v)) /* as extract */
                return -1;
            o->ropts.max_bytes = (size_t)v;
            break;
        case 'j':
            if (parse_num(optarg, 1, MAX_JOBS, "--jobs", &v))
                return -1;
            o->jobs = (int)v;
            break;
        case 'm': o->model = optarg; break;
        case 'n': o->no_model = 1; break;
        case 'q': o->quiet = 1; break;
        case 'h': help(stdout); return 1;
        default: cli_bad_option("index", argv); return -1;
        }
    }
    if (!a->db || !*a->db) {
        cli_error(NULL, "index needs --db FILE (try 'sayso index --help')");
        return -1;
    }
    if (a->check && optind < argc) {
        cli_error(NULL, "--check takes no input files");
        return -1;
    }
    return 0;
}

/* ---- the hook ---- */

/* The article of a record: its id and, for JSON Lines, its metadata
** (strings borrowed from the parsed record). */
static so_store_article article_of(const index_ctx *x, const so_record *rec)
{
    so_store_article a = x->art;
    a.id_json = rec->id_json;
    if (rec->held)
        so_store_article_meta(&a, rec->held);
    return a;
}

static int hook_skip(void *ctx, const so_record *rec)
{
    index_ctx *x = ctx;
    so_store_article a = article_of(x, rec);
    if (!so_store_unchanged(x->st, rec->id_json, so_store_hash(&a, rec->text, rec->len)))
        return 0;
    x->unchanged++;
    return 1;
}

static void *hook_take(void *ctx, const so_record *rec, const sayso_result *r)
{
    index_ctx *x = ctx;
    so_store_article a = article_of(x, rec);
    char *meta = rec->held ? so_store_meta_json(rec->held, x->text_field) : NULL;
    so_store_doc *d = NULL;
    a.meta_json = meta;
    so_store_doc_build(&a, rec->text, rec->len, r, &d, NULL);
    free(meta);
    return d;
}

/* Queue a document (or a commit mark, doc NULL); -1 once the writer failed. */
static int push(index_ctx *x, so_store_doc *doc, const char *id)
{
    char *copy = doc && id ? strdup(id) : NULL;
    pthread_mutex_lock(&x->mu);
    while (x->head - x->tail == QUEUE_CAP && !x->failed)
        pthread_cond_wait(&x->room, &x->mu);
    int failed = x->failed;
    if (!failed) {
        x->q[x->head++ % QUEUE_CAP] = (entry){doc, copy};
        pthread_cond_signal(&x->more);
    }
    pthread_mutex_unlock(&x->mu);
    if (failed) {
        so_store_doc_free(doc);
        free(copy);
    }
    return failed ? -1 : 0;
}

/* Store one entry; on failure report it and mark the queue failed. */
static void write_entry(index_ctx *x, entry *e)
{
    sayso_error err;
    int skipped = 0, bad;
    if (e->doc)
        bad = so_store_put(x->st, e->doc, x->force, &skipped, &err) != SAYSO_OK;
    else
        bad = so_store_commit(x->st, &err) != SAYSO_OK;
    if (bad && e->doc)
        cli_error(x->db, "%s (record %s)", err.message, e->id ? e->id : "?");
    else if (bad)
        cli_error(x->db, "%s", err.message);
    free(e->id);
    pthread_mutex_lock(&x->mu);
    x->failed |= bad;
    x->stored += !bad && e->doc && !skipped;
    x->same += (size_t)skipped;
    pthread_mutex_unlock(&x->mu);
}

/* The writer thread: takes entries in order until done; after a failure
** it only frees what is queued. */
static void *writer(void *arg)
{
    index_ctx *x = arg;
    pthread_mutex_lock(&x->mu);
    for (;;) {
        while (x->head == x->tail && !x->done)
            pthread_cond_wait(&x->more, &x->mu);
        if (x->head == x->tail)
            break;
        entry e = x->q[x->tail++ % QUEUE_CAP];
        int failed = x->failed;
        pthread_cond_signal(&x->room);
        pthread_mutex_unlock(&x->mu);
        if (failed) {
            so_store_doc_free(e.doc);
            free(e.id);
        } else {
            write_entry(x, &e);
        }
        pthread_mutex_lock(&x->mu);
    }
    pthread_mutex_unlock(&x->mu);
    return NULL;
}

static int hook_put(void *ctx, const so_record *rec, void *item)
{
    return push(ctx, item, rec->id_json);
}

static int hook_flush(void *ctx)
{
    return push(ctx, NULL, NULL);
}

static int start_writer(index_ctx *x)
{
    pthread_mutex_init(&x->mu, NULL);
    pthread_cond_init(&x->more, NULL);
    pthread_cond_init(&x->room, NULL);
    if (pthread_create(&x->writer, NULL, writer, x) == 0)
        return 0;
    cli_error(NULL, "cannot start the writer thread");
    return -1;
}

/* Commit what is queued, stop the writer; -1 when anything failed. */
static int stop_writer(index_ctx *x)
{
    push(x, NULL, NULL);
    pthread_mutex_lock(&x->mu);
    x->done = 1;
    pthread_cond_signal(&x->more);
    pthread_mutex_unlock(&x->mu);
    pthread_join(x->writer, NULL);
    pthread_mutex_destroy(&x->mu);
    pthread_cond_destroy(&x->more);
    pthread_cond_destroy(&x->room);
    return x->failed ? -1 : 0;
}

/* ---- the command ---- */

/* flags: SO_STORE_WRITE to index (creates the file), SO_STORE_CHECK to check. */
static int open_store(const char *db, unsigned flags, so_store **st)
{
    sayso_error err;
    if (so_store_open(db, flags, st, &err) != SAYSO_OK) {
        cli_error(db, "%s", err.message);
        return -1;
    }
    return 0;
}

static int run_check(const char *db)
{
    so_store *st = NULL;
    if (open_store(db, SO_STORE_CHECK, &st)) /* creates and migrates nothing */
        return CLI_ERR_INPUT;
    sayso_error err;
    so_store_counts c;
    char msg[512];
    int ok = 0;
    if (so_store_check(st, &ok, msg, sizeof msg, &err) != SAYSO_OK ||
        so_store_count(st, &c, &err) != SAYSO_OK) {
        cli_error(db, "%s", err.message);
        so_store_close(st);
        return CLI_ERR_INPUT;
    }
    so_store_close(st);
    printf("{\"ok\":%s,\"articles\":%ld,\"quotes\":%ld,\"clusters\":%ld,\"speakers\":%ld,"
           "\"entities\":%ld}\n", ok ? "true" : "false", c.articles, c.quotes, c.clusters,
           c.speakers, c.entities);
    if (!ok)
        cli_error(db, "check failed: %s", msg);
    return ok ? CLI_OK : CLI_ERR_RECORDS; /* main() reports a failed stdout (exit 5) */
}

static void summary(index_ctx *x)
{
    so_store_counts c;
    if (so_store_count(x->st, &c, NULL) != SAYSO_OK)
        return;
    fprintf(stderr, "sayso: %zu articles stored, %zu unchanged; the store holds %ld articles, "
                    "%ld quotes in %ld clusters, %ld speakers\n",
            x->stored, x->unchanged + x->same, c.articles, c.quotes, c.clusters, c.speakers);
}

static void set_engine(const so_extract_opts *o, char *buf, size_t n)
{
    snprintf(buf, n, "sayso %s; model %s", sayso_version(),
             o->no_model ? "none" : o->model ? o->model : "built-in");
}

static void catch_signals(so_extract_opts *o)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    o->stop = &interrupted;
}

/* Index the inputs into the open store x->st; returns a CLI exit code. */
static int run_index(index_ctx *x, so_extract_opts *o, char *const *inputs, int n)
{
    so_store_counts c; /* with nothing to skip, JSON Lines are parsed on the workers */
    int empty = x->force || (so_store_count(x->st, &c, NULL) == SAYSO_OK && c.articles == 0);
    if (start_writer(x))
        return CLI_ERR_INTERNAL;
    so_extract_hook hook = {x, empty ? NULL : hook_skip, hook_take, hook_put, hook_flush};
    o->hook = &hook;
    int rc = so_cli_extract_run(o, inputs, n);
    if (stop_writer(x) && rc != CLI_ERR_OUTPUT) {
        cli_error(x->db, "could not store every article");
        rc = CLI_ERR_OUTPUT;
    }
    if (!o->quiet)
        summary(x);
    return rc;
}

int cmd_index(int argc, char **argv)
{
    so_extract_opts o;
    index_args a;
    memset(&o, 0, sizeof o);
    memset(&a, 0, sizeof a);
    o.format = FMT_TEXT; /* failed records are reported on stderr */
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    o.jobs = nc > 0 ? (int)(nc > MAX_JOBS ? MAX_JOBS : nc) : 1;
    o.quiet = !isatty(2);
    int rc = parse_args(argc, argv, &o, &a);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_ERR_USAGE;
    if (a.check)
        return run_check(a.db);
    index_ctx x = {.db = a.db, .force = a.force, .text_field = o.ropts.text_field};
    char engine[600];
    set_engine(&o, engine, sizeof engine);
    x.art.engine = engine;
    x.art.keep_text = !a.no_text;
    o.progress = !o.quiet && isatty(2);
    o.summary = !o.quiet;
    catch_signals(&o);
    sayso_engine *eng = NULL; /* first: a model that fails creates no store */
    if (cli_open_engine(o.model, o.no_model, o.ropts.max_bytes, &eng))
        return CLI_ERR_MODEL;
    o.engine = eng;
    if (open_store(a.db, SO_STORE_WRITE, &x.st)) {
        sayso_engine_close(eng);
        return CLI_ERR_OUTPUT;
    }
    if (so_store_migrated_from(x.st) == 1) /* always said: it happens once */
        cli_warn(a.db, "upgraded from schema 1 to %d; articles indexed before have no "
                       "co-speakers until indexed again with --force",
                 SO_STORE_SCHEMA);
    rc = run_index(&x, &o, argv + optind, argc - optind);
    so_store_close(x.st);
    sayso_engine_close(eng);
    return rc;
}
