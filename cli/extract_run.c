/*
** extract_run.c -- the extraction loop: read a batch of records (bounded
** in count and bytes), extract them on N threads, write the outputs in
** input order, repeat. Progress on a TTY, a summary line at the end, and
** -o output that appears atomically (complete or not at all).
*/
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "extract.h"
#include "sayso.h"

#define BATCH_RECORDS 256
#define BATCH_BYTES ((size_t)16 << 20)
#define OUT_CAP ((size_t)1 << 31)

typedef struct job {
    so_record rec;
    so_sbuf out;
    size_t nquotes;
    int failed;
    void *item; /* the hook's item for this record, or NULL */
} job;

typedef struct batch {
    job *jobs;
    size_t n;
    atomic_size_t next;
    const sayso_engine *eng;
    const so_extract_opts *o;
    atomic_int write_failed;
} batch;

typedef struct stats {
    size_t docs, quotes, errors, bytes;
    int input_failed, output_failed;
    double t0;
} stats;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A file name for brat output: the input's base name, or the id. */
static void brat_path(const job *j, const char *dir, char *path, size_t n)
{
    const char *name = j->rec.name;
    char tmp[200];
    if (!name) {
        size_t k = 0;
        for (const char *p = j->rec.id_json; *p && k + 1 < sizeof tmp; p++)
            if (*p != '"')
                tmp[k++] = (*p == '/' || *p == '\\' || (unsigned char)*p < 32) ? '_' : *p;
        tmp[k] = 0;
        name = tmp;
    }
    snprintf(path, n, "%s/%s.ann", dir, name);
}

static int write_brat(const job *j, const sayso_result *r, const char *dir)
{
    char path[4096];
    brat_path(j, dir, path, sizeof path);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = so_brat_write(f, j->rec.text, j->rec.len, r);
    return (fclose(f) || rc) ? -1 : 0;
}

static void error_record(job *j, const char *code, const char *msg)
{
    so_sb_reset(&j->out);
    so_json_error(&j->out, j->rec.id_json ? j->rec.id_json : "null", j->rec.line, code, msg);
    so_sb_add(&j->out, "\n", 1);
    j->failed = 1;
}

static void process(batch *b, job *j)
{
    const so_extract_opts *o = b->o;
    so_sb_init(&j->out, OUT_CAP);
    if (j->rec.err_code) {
        error_record(j, j->rec.err_code, j->rec.err_msg);
        return;
    }
    sayso_result *r = NULL;
    sayso_error err;
    sayso_status st = sayso_extract(b->eng, j->rec.text, j->rec.len, &r, &err);
    if (st != SAYSO_OK) {
        error_record(j, st == SAYSO_ERR_TOOBIG ? "too_large" : "extract_failed", err.message);
        return;
    }
    j->nquotes = sayso_result_quote_count(r);
    if (o->hook) {
        if (!(j->item = o->hook->take(o->hook->ctx, &j->rec, r)))
            error_record(j, "store_failed", "out of memory preparing the record");
    } else if (o->format == FMT_JSON) {
        if (so_json_doc(&j->out, j->rec.id_json, j->rec.text, j->rec.len, r, &o->jopts) == 0)
            so_sb_add(&j->out, "\n", 1);
        else
            error_record(j, "output_too_large", "the result is too large to write");
    } else if (o->format == FMT_TEXT) {
        so_text_doc(&j->out, j->rec.name ? j->rec.name : j->rec.id_json, j->rec.text,
                    j->rec.len, r, isatty(1));
    } else if (write_brat(j, r, o->out_dir)) {
        atomic_store(&b->write_failed, 1);
    }
    sayso_result_free(r);
}

static void *worker(void *arg)
{
    batch *b = arg;
    size_t i;
    while ((i = atomic_fetch_add(&b->next, 1)) < b->n)
        process(b, &b->jobs[i]);
    return NULL;
}

static void run_batch(batch *b, int jobs)
{
    pthread_t th[256];
    int nt = 0;
    atomic_store(&b->next, 0);
    for (int k = 1; k < jobs && (size_t)k < b->n; k++)
        if (pthread_create(&th[nt], NULL, worker, b) == 0)
            nt++;
    worker(b);
    for (int k = 0; k < nt; k++)
        pthread_join(th[k], NULL);
}

/* Read up to a batch of records; returns the count. */
static size_t read_batch(so_reader *rd, job *jobs, stats *s, const so_extract_opts *o)
{
    size_t n = 0, bytes = 0;
    char err[512];
    while (n < BATCH_RECORDS && bytes < BATCH_BYTES && !*o->stop) {
        err[0] = 0;
        int rc = so_reader_next(rd, &jobs[n].rec, err, sizeof err);
        if (rc == 0)
            break;
        if (rc < 0) {
            cli_error(NULL, "%s", err[0] ? err : "out of memory reading input");
            s->input_failed = 1;
            continue;
        }
        if (o->hook && o->hook->skip && !jobs[n].rec.err_code &&
            o->hook->skip(o->hook->ctx, &jobs[n].rec)) {
            so_record_clear(&jobs[n].rec);
            continue;
        }
        bytes += jobs[n].rec.len;
        n++;
    }
    return n;
}

static void progress(const stats *s, const so_reader *rd, int final)
{
    double dt = now() - s->t0;
    double mb = (double)so_reader_done_bytes(rd) / 1e6, total = (double)so_reader_total_bytes(rd) / 1e6;
    double rate = dt > 0 ? mb / dt : 0;
    fprintf(stderr, "\r\033[K%zu docs  %.1f", s->docs, mb);
    if (total > 0)
        fprintf(stderr, "/%.1f MB (%3.0f%%)", total, 100 * mb / (total > 0 ? total : 1));
    else
        fprintf(stderr, " MB");
    fprintf(stderr, "  %.1f MB/s", rate);
    if (total > 0 && rate > 0 && !final)
        fprintf(stderr, "  ETA %.0fs", (total - mb) / rate);
    if (final)
        fputc('\n', stderr);
}

static int write_outputs(batch *b, size_t n, FILE *out, stats *s)
{
    for (size_t k = 0; k < n; k++) {
        job *j = &b->jobs[k];
        if (b->o->hook && j->item && b->o->hook->put(b->o->hook->ctx, &j->rec, j->item))
            s->output_failed = 1;
        j->item = NULL;
        if (b->o->hook)
            j->out.len = 0; /* with a hook, failures go to stderr only */
        if (j->out.len && fwrite(j->out.p, 1, j->out.len, out) != j->out.len)
            s->output_failed = 1;
        s->docs++;
        s->quotes += j->nquotes;
        s->errors += (size_t)j->failed;
        s->bytes += j->rec.len;
        if (j->failed && b->o->format != FMT_JSON)
            cli_error(j->rec.where, "%s: %s", j->rec.err_code ? j->rec.err_code : "error",
                      j->rec.err_msg[0] ? j->rec.err_msg : "extraction failed");
        so_sb_free(&j->out);
        so_record_clear(&j->rec);
    }
    return s->output_failed ? -1 : 0;
}

static FILE *open_output(const so_extract_opts *o, char *tmp, size_t n)
{
    if (!o->output || !strcmp(o->output, "-"))
        return stdout;
    snprintf(tmp, n, "%s.tmp.%ld", o->output, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        cli_error(o->output, "cannot create output: %s", strerror(errno));
    return f;
}

static int finish_output(const so_extract_opts *o, FILE *out, const char *tmp, int ok)
{
    if (out == stdout)
        return fflush(stdout) == 0 ? 0 : -1;
    int bad = fflush(out) != 0 || fsync(fileno(out)) != 0;
    bad |= fclose(out) != 0;
    if (!ok || bad) {
        unlink(tmp);
        return bad ? -1 : 0;
    }
    return rename(tmp, o->output) == 0 ? 0 : -1;
}

static int open_engine(const so_extract_opts *o, sayso_engine **eng)
{
    sayso_options opt;
    memset(&opt, 0, sizeof opt);
    opt.model_path = o->model;
    opt.max_bytes = o->ropts.max_bytes;
    opt.flags = o->no_model ? SAYSO_F_NO_MODEL : 0;
    sayso_error err;
    if (sayso_engine_open(&opt, eng, &err) != SAYSO_OK) {
        cli_error(o->model, "%s", err.message);
        return -1;
    }
    return 0;
}

static int loop(const so_extract_opts *o, so_reader *rd, batch *b, FILE *out, stats *s)
{
    for (;;) {
        size_t n = read_batch(rd, b->jobs, s, o);
        if (n == 0)
            break;
        b->n = n;
        run_batch(b, o->jobs);
        if (write_outputs(b, n, out, s))
            return -1;
        if (o->hook && o->hook->flush && o->hook->flush(o->hook->ctx))
            return -1;
        if (o->progress)
            progress(s, rd, 0);
        if (*o->stop)
            break;
    }
    return 0;
}

int so_cli_extract_run(const so_extract_opts *o, char *const *inputs, int ninputs)
{
    if (o->format == FMT_BRAT && mkdir(o->out_dir, 0777) && errno != EEXIST) {
        cli_error(o->out_dir, "cannot create folder: %s", strerror(errno));
        return CLI_ERR_OUTPUT;
    }
    sayso_engine *eng = NULL;
    if (open_engine(o, &eng))
        return CLI_ERR_MODEL;
    so_reader *rd = NULL;
    char err[512] = "";
    if (so_reader_open(&rd, inputs, ninputs, &o->ropts, err, sizeof err)) {
        cli_error(NULL, "%s", err);
        sayso_engine_close(eng);
        return CLI_ERR_INPUT;
    }
    char tmp[4200];
    FILE *out = open_output(o, tmp, sizeof tmp);
    batch b = {.jobs = calloc(BATCH_RECORDS, sizeof(job)), .eng = eng, .o = o};
    stats s = {.t0 = now()};
    int rc = CLI_OK;
    if (!out || !b.jobs)
        rc = out ? CLI_ERR_INTERNAL : CLI_ERR_OUTPUT;
    else if (loop(o, rd, &b, out, &s) || atomic_load(&b.write_failed))
        s.output_failed = 1;
    if (out && finish_output(o, out, tmp, !*o->stop && !s.output_failed))
        s.output_failed = 1;
    if (o->progress && rc == CLI_OK)
        progress(&s, rd, 1);
    if (o->summary && rc == CLI_OK) {
        double dt = now() - s.t0;
        fprintf(stderr, "sayso: %zu documents, %zu quotes, %zu errors, %.2f s, %.1f MB/s\n",
                s.docs, s.quotes, s.errors, dt, dt > 0 ? (double)s.bytes / 1e6 / dt : 0.0);
    }
    free(b.jobs);
    so_reader_close(rd);
    sayso_engine_close(eng);
    if (rc != CLI_OK)
        return rc;
    if (*o->stop)
        return 130;
    if (s.output_failed) {
        cli_error(o->output ? o->output : o->out_dir, "could not write output");
        return CLI_ERR_OUTPUT;
    }
    return s.input_failed ? CLI_ERR_INPUT : s.errors ? CLI_ERR_RECORDS : CLI_OK;
}
