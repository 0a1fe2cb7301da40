/*
** extract_run.c -- the extraction pipeline: the main thread reads records
** into a ring of slots and writes finished slots in input order, while N
** worker threads take slots in turn, parse them (JSON Lines) and extract.
** Reading, extraction and writing overlap, and memory stays bounded: the
** ring holds at most RING_PER_JOB records per worker and about
** INFLIGHT_PER_JOB input bytes per worker, however large the input.
** With one job everything runs on the main thread, one record at a time.
** Progress on a TTY, a summary line at the end, and -o output that appears
** atomically (complete or not at all).
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
#include "io/jsonin.h"
#include "sayso.h"

#define RING_PER_JOB 64                  /* records in flight per worker */
#define INFLIGHT_PER_JOB ((size_t)4 << 20) /* input bytes in flight per worker */
#define HOOK_FLUSH_EVERY 256             /* records between hook->flush calls */
#define OUT_CAP ((size_t)1 << 31)
#define TICK 0.2                         /* seconds between progress redraws */

/* One record on its way through the pipeline. */
typedef struct slot {
    so_record rec;
    size_t inbytes;  /* input bytes of the record as read (the raw line) */
    so_sbuf out;     /* its output line(s) */
    size_t nquotes;
    int failed;
    void *item;      /* the hook's item for this record, or NULL */
    atomic_int done; /* set by the worker that processed it */
} slot;

typedef struct stats {
    size_t docs, quotes, errors;
    int input_failed, output_failed;
    double t0, last_tick;
    int bar_shown;   /* a progress line is on the screen */
} stats;

/*
** The ring: slots [tail, head) hold records read and not yet written
** (indexes grow forever; slot i is ring[i % cap]); workers take slot next,
** next+1, ... while next < head. Only the main thread changes head, tail
** and inflight; workers read head and change next under mu.
*/
typedef struct pipeline {
    const so_extract_opts *o;
    const sayso_engine *eng;
    const so_reader *rd;
    slot *ring;
    size_t cap, max_inflight;
    size_t head, next, tail, inflight, since_flush;
    int eof;               /* no more records will be added (under mu) */
    atomic_int abort;      /* stop taking records: interrupted or output failed */
    atomic_int write_failed; /* brat: an .ann file could not be written */
    pthread_mutex_t mu;
    pthread_cond_t more;   /* workers wait: a record to take, or eof */
    pthread_cond_t done;   /* main waits: the tail slot is done */
    int warned_stdin;      /* main thread: warn_stdin_jsonl has spoken */
} pipeline;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Longest NAME of a brat file from a JSON Lines id, in bytes: with ".ann"
** within the 255 bytes a file name may have. */
#define BRAT_ID_MAX 200

/* The id of record r as a brat NAME into out[BRAT_ID_MAX + 1]: a string id
** decoded (a number as written), '"' removed, '/', '\\' and control
** characters as '_', cut at a character boundary after BRAT_ID_MAX bytes. */
static void brat_id_name(const so_record *r, char *out)
{
    json_object *v = NULL;
    char msg[64];
    const char *id = r->id_json;
    size_t n = strlen(id);
    if (so_jsonin_parse(id, n, SO_JSONIN_ANY | SO_JSONIN_REPAIR, &v, msg, sizeof msg) ==
            SO_JSONIN_OK && json_object_is_type(v, json_type_string)) {
        id = json_object_get_string(v);
        n = (size_t)json_object_get_string_len(v); /* a NUL byte becomes '_' too */
    }
    size_t k = 0;
    const char *p = id, *end = id + n;
    for (; p < end && k < BRAT_ID_MAX; p++)
        if (*p != '"')
            out[k++] = (*p == '/' || *p == '\\' || (unsigned char)*p < 32) ? '_' : *p;
    if (p < end && ((unsigned char)*p & 0xC0) == 0x80) { /* cut inside a character: drop it */
        while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0)
            k--;
    }
    out[k] = 0;
    json_object_put(v);
}

/* A file name for brat output: the input's base name, or the id. */
static void brat_path(const slot *j, const char *dir, char *path, size_t n)
{
    char tmp[BRAT_ID_MAX + 1];
    const char *name = j->rec.name;
    if (!name) {
        brat_id_name(&j->rec, tmp);
        name = tmp;
    }
    snprintf(path, n, "%s/%s.ann", dir, name);
}

static int write_brat(const slot *j, const sayso_result *r, const char *dir)
{
    char path[4096];
    brat_path(j, dir, path, sizeof path);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int rc = so_brat_write(f, j->rec.text, j->rec.len, r);
    return (fclose(f) || rc) ? -1 : 0;
}

static void error_record(slot *j, const char *code, const char *msg)
{
    so_sb_reset(&j->out);
    so_record_error_json(&j->out, &j->rec, code, msg);
    so_sb_add(&j->out, "\n", 1);
    j->failed = 1;
    if (!j->rec.err_code) { /* for report_failed: not "error: extraction failed" */
        j->rec.err_code = code;
        snprintf(j->rec.err_msg, sizeof j->rec.err_msg, "%s", msg);
    }
}

/* Parse (if pending), extract and format one record; any thread. */
static void process(pipeline *p, slot *j)
{
    const so_extract_opts *o = p->o;
    so_sb_init(&j->out, OUT_CAP);
    so_reader_parse(p->rd, &j->rec);
    if (j->rec.err_code) {
        error_record(j, j->rec.err_code, j->rec.err_msg);
        return;
    }
    sayso_result *r = NULL;
    sayso_error err;
    sayso_status st = sayso_extract(p->eng, j->rec.text, j->rec.len, &r, &err);
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
        atomic_store(&p->write_failed, 1);
    }
    sayso_result_free(r);
}

static void *worker(void *arg)
{
    pipeline *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next == p->head && !p->eof && !atomic_load(&p->abort))
            pthread_cond_wait(&p->more, &p->mu);
        if (p->next == p->head || atomic_load(&p->abort))
            break;
        slot *j = &p->ring[p->next++ % p->cap];
        pthread_mutex_unlock(&p->mu);
        process(p, j);
        atomic_store(&j->done, 1);
        pthread_mutex_lock(&p->mu);
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void clear_bar(stats *s)
{
    if (s->bar_shown)
        fputs("\r\033[K", stderr);
    s->bar_shown = 0;
}

/* A failed record on stderr (the formats and the store that write no error
** record): "sayso: error (at FILE:LINE): CODE: MESSAGE", LINE for JSON Lines. */
static void report_failed(stats *s, const so_record *rec)
{
    char where[1024];
    const char *w = rec->where;
    if (w && rec->line > 0) {
        snprintf(where, sizeof where, "%s:%ld", w, rec->line);
        w = where;
    }
    clear_bar(s);
    cli_error(w, "%s: %s", rec->err_code ? rec->err_code : "error",
              rec->err_msg[0] ? rec->err_msg : "extraction failed");
}

/* Redraw the progress line: documents, MB read (of the total, when known,
** with a bar and an ETA) and MB/s. At most every TICK seconds. */
static void progress(pipeline *p, stats *s)
{
    if (!p->o->progress)
        return;
    double t = now();
    if (t - s->last_tick < TICK)
        return;
    s->last_tick = t;
    double dt = t - s->t0, mb = (double)so_reader_done_bytes(p->rd) / 1e6;
    double total = (double)so_reader_total_bytes(p->rd) / 1e6, rate = dt > 0 ? mb / dt : 0;
    char bar[24] = "";
    if (total > 0) {
        double f = mb < total ? mb / total : 1;
        int k = (int)(f * 20);
        bar[0] = '[';
        for (int i = 0; i < 20; i++)
            bar[1 + i] = i < k ? '#' : '.';
        bar[21] = ']';
        bar[22] = 0;
    }
    fprintf(stderr, "\r\033[K%zu docs  %.1f", s->docs, mb);
    if (total > 0)
        fprintf(stderr, "/%.1f MB %s %3.0f%%", total, bar, 100 * (mb < total ? mb / total : 1));
    else
        fprintf(stderr, " MB");
    fprintf(stderr, "  %.1f MB/s", rate);
    if (total > 0 && rate > 0 && mb < total)
        fprintf(stderr, "  ETA %.0fs", (total - mb) / rate);
    fflush(stderr);
    s->bar_shown = 1;
}

/* Write the tail slot (which is done) and free it; main thread. */
static void write_slot(pipeline *p, FILE *out, stats *s)
{
    const so_extract_opts *o = p->o;
    slot *j = &p->ring[p->tail % p->cap];
    if (o->hook && j->item && o->hook->put(o->hook->ctx, &j->rec, j->item))
        s->output_failed = 1;
    j->item = NULL;
    if (o->hook)
        j->out.len = 0; /* with a hook, failures go to stderr only */
    if (j->out.len && fwrite(j->out.p, 1, j->out.len, out) != j->out.len)
        s->output_failed = 1;
    s->docs++;
    s->quotes += j->nquotes;
    s->errors += (size_t)j->failed;
    if (j->failed && o->format != FMT_JSON)
        report_failed(s, &j->rec);
    so_sb_free(&j->out);
    so_record_clear(&j->rec);
    p->inflight -= j->inbytes;
    p->tail++;
    if (o->hook && o->hook->flush && ++p->since_flush >= HOOK_FLUSH_EVERY) {
        p->since_flush = 0;
        if (o->hook->flush(o->hook->ctx))
            s->output_failed = 1;
    }
    if (s->output_failed)
        atomic_store(&p->abort, 1);
}

/* Write every finished slot at the tail, in order. */
static void write_ready(pipeline *p, FILE *out, stats *s)
{
    while (p->tail < p->head && atomic_load(&p->ring[p->tail % p->cap].done))
        write_slot(p, out, s);
}

/* Wait (a TICK at most) for the tail slot to finish. */
static void wait_tail(pipeline *p)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += (long)(TICK * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->mu);
    if (!atomic_load(&p->ring[p->tail % p->cap].done))
        pthread_cond_timedwait(&p->done, &p->mu, &ts);
    pthread_mutex_unlock(&p->mu);
}

static int stopping(pipeline *p)
{
    if (*p->o->stop)
        atomic_store(&p->abort, 1);
    return atomic_load(&p->abort);
}

/* Does text look like JSON Lines: an object on its first line, and on the
** next one when there is one? */
static int looks_jsonl(const char *t, size_t n)
{
    size_t i = 0;
    for (int lines = 0; lines < 2 && i < n; lines++) {
        while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n'))
            i++;
        if (i < n && t[i] != '{')
            return 0;
        const char *nl = memchr(t + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - t) : n;
        while (e > i && (t[e - 1] == ' ' || t[e - 1] == '\r' || t[e - 1] == '\t'))
            e--;
        if (e <= i || t[e - 1] != '}')
            return 0;
        i = nl ? e + 1 : n;
    }
    return 1;
}

/* Standard input is one text unless --input jsonl says otherwise: say so
** when it looks like JSON Lines, once. */
static void warn_stdin_jsonl(pipeline *p, stats *s, const so_record *rec)
{
    if (p->warned_stdin || p->o->ropts.mode != SO_IN_AUTO || rec->err_code || rec->line ||
        !rec->where || strcmp(rec->where, "-") || !looks_jsonl(rec->text, rec->len))
        return;
    p->warned_stdin = 1;
    clear_bar(s);
    cli_warn(NULL, "standard input was read as one text, but it looks like JSON Lines: "
                   "add --input jsonl");
}

/* Read the next record into the head slot: 1, or 0 at the end of input. */
static int read_one(pipeline *p, so_reader *rd, stats *s)
{
    char err[512];
    const so_extract_hook *h = p->o->hook;
    slot *j = &p->ring[p->head % p->cap];
    for (;;) {
        err[0] = 0;
        int rc = so_reader_next(rd, &j->rec, err, sizeof err);
        if (rc == 0)
            return 0;
        if (rc < 0) {
            clear_bar(s);
            cli_error(NULL, "%s", err[0] ? err : "out of memory reading input");
            s->input_failed = 1;
            continue;
        }
        if (h && h->skip && !j->rec.err_code && h->skip(h->ctx, &j->rec)) {
            so_record_clear(&j->rec);
            continue;
        }
        warn_stdin_jsonl(p, s, &j->rec);
        return 1;
    }
}

/* Before a read that would wait for a pipe: write and flush what is
** finished, and keep doing so (with progress) until input comes or a
** signal arrives, so that output follows a slow producer record by record. */
static void idle_wait(pipeline *p, so_reader *rd, FILE *out, stats *s)
{
    if (so_reader_ready(rd, 0))
        return;
    do {
        write_ready(p, out, s);
        if (fflush(out)) {
            s->output_failed = 1;
            atomic_store(&p->abort, 1);
        }
        progress(p, s);
    } while (!stopping(p) && !so_reader_ready(rd, (int)(TICK * 1000)));
}

/* The main thread's loop: read, hand out, write in order. */
static void run(pipeline *p, so_reader *rd, int nworkers, FILE *out, stats *s)
{
    while (!stopping(p)) {
        while (p->tail < p->head && (p->head - p->tail == p->cap || p->inflight >= p->max_inflight)
               && !stopping(p)) {
            write_ready(p, out, s);
            if (p->head - p->tail == p->cap || p->inflight >= p->max_inflight)
                wait_tail(p);
            progress(p, s);
        }
        idle_wait(p, rd, out, s);
        if (stopping(p) || !read_one(p, rd, s))
            break;
        slot *j = &p->ring[p->head % p->cap];
        j->inbytes = j->rec.len;
        j->failed = 0;
        j->nquotes = 0;
        atomic_store(&j->done, 0);
        p->inflight += j->inbytes;
        pthread_mutex_lock(&p->mu);
        p->head++;
        pthread_cond_signal(&p->more);
        pthread_mutex_unlock(&p->mu);
        if (nworkers == 0) {
            process(p, j);
            atomic_store(&j->done, 1);
        }
        write_ready(p, out, s);
        progress(p, s);
    }
    pthread_mutex_lock(&p->mu);
    p->eof = 1;
    pthread_cond_broadcast(&p->more);
    pthread_mutex_unlock(&p->mu);
}

/* After the loop: write what remains (only what was finished, when
** stopping), then free the slots that were never processed. */
static void drain(pipeline *p, FILE *out, stats *s)
{
    while (p->tail < p->head) {
        write_ready(p, out, s);
        if (p->tail == p->head || stopping(p))
            break;
        wait_tail(p);
        progress(p, s);
    }
}

/* Free the slots never processed (stopping): workers take slots in order
** and finish what they took, so after the join these hold no hook item. */
static void discard_rest(pipeline *p)
{
    for (; p->tail < p->head; p->tail++) {
        slot *j = &p->ring[p->tail % p->cap];
        so_sb_free(&j->out);
        so_record_clear(&j->rec);
    }
}

/* The -o FILE: written to FILE.tmp.PID and renamed to FILE at the end, so
** that FILE is complete or absent; but a FILE that exists and is no
** regular file (/dev/null, a FIFO, a terminal) is written directly, tmp
** left empty: renaming onto it would replace the device with a file. */
static FILE *open_output(const so_extract_opts *o, char *tmp, size_t n)
{
    if (!o->output || !strcmp(o->output, "-"))
        return stdout;
    struct stat st;
    tmp[0] = 0;
    int exists = stat(o->output, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        cli_error(o->output, "cannot create output: %s", strerror(EISDIR));
        return NULL;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        FILE *f = fopen(o->output, "w");
        if (!f)
            cli_error(o->output, "cannot open output: %s", strerror(errno));
        return f;
    }
    char name[4200];
    snprintf(name, sizeof name, "%s.tmp.%ld", o->output, (long)getpid());
    if (o->tmp_name) /* first, so that a second signal finds it */
        snprintf(o->tmp_name, SO_TMP_NAME_MAX, "%s", name);
    snprintf(tmp, n, "%s", name);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        if (o->tmp_name)
            o->tmp_name[0] = 0;
        cli_error(o->output, "cannot create output: %s", strerror(errno));
    }
    return f;
}

static int finish_output(const so_extract_opts *o, FILE *out, const char *tmp, int ok)
{
    if (out == stdout)
        return fflush(stdout) == 0 ? 0 : -1;
    if (!tmp[0]) { /* a device or a FIFO, written directly */
        int bad = fflush(out) != 0;
        return (fclose(out) != 0 || bad) ? -1 : 0;
    }
    int bad = fflush(out) != 0 || fsync(fileno(out)) != 0;
    bad |= fclose(out) != 0;
    int rc = bad ? -1 : 0;
    if (!ok || bad)
        unlink(tmp);
    else if (rename(tmp, o->output))
        rc = -1;
    if (rc && !bad)
        unlink(tmp);
    if (o->tmp_name)
        o->tmp_name[0] = 0;
    return rc;
}

static int open_engine(const so_extract_opts *o, sayso_engine **eng)
{
    return cli_open_engine(o->model, o->no_model, o->ropts.max_bytes, eng);
}

/* Set up the ring and the workers, run, and tear down. */
static void pipeline_run(const so_extract_opts *o, const sayso_engine *eng, so_reader *rd,
                         FILE *out, stats *s)
{
    pipeline p;
    memset(&p, 0, sizeof p);
    p.o = o;
    p.eng = eng;
    p.rd = rd;
    int jobs = o->jobs < 1 ? 1 : o->jobs;
    p.cap = (size_t)jobs * RING_PER_JOB;
    p.max_inflight = (size_t)jobs * INFLIGHT_PER_JOB;
    pthread_t *th = jobs > 1 ? calloc((size_t)jobs, sizeof *th) : NULL;
    if (!(p.ring = calloc(p.cap, sizeof *p.ring)) || (jobs > 1 && !th)) {
        free(p.ring);
        free(th);
        s->output_failed = -1; /* internal: no memory for the ring */
        return;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.more, NULL);
    pthread_cond_init(&p.done, NULL);
    int nt = 0;
    for (int k = 0; jobs > 1 && k < jobs; k++)
        if (pthread_create(&th[nt], NULL, worker, &p) == 0)
            nt++;
    run(&p, rd, nt, out, s);
    drain(&p, out, s);
    for (int k = 0; k < nt; k++)
        pthread_join(th[k], NULL);
    write_ready(&p, out, s); /* finished while the workers were stopping */
    discard_rest(&p);
    if (o->hook && o->hook->flush && !s->output_failed && o->hook->flush(o->hook->ctx))
        s->output_failed = 1;
    if (atomic_load(&p.write_failed))
        s->output_failed = 1;
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.more);
    pthread_cond_destroy(&p.done);
    free(p.ring);
    free(th);
}

static void summary(const so_extract_opts *o, const so_reader *rd, stats *s)
{
    clear_bar(s);
    if (!o->summary)
        return;
    double dt = now() - s->t0, mb = (double)so_reader_data_bytes(rd) / 1e6;
    fprintf(stderr, "sayso: %zu documents, %zu quotes, %zu errors, %.2f s, %.1f MB/s%s\n",
            s->docs, s->quotes, s->errors, dt, dt > 0 ? mb / dt : 0.0,
            *o->stop ? " (interrupted)" : "");
}

int so_cli_extract_run(const so_extract_opts *o, char *const *inputs, int ninputs)
{
    if (o->format == FMT_BRAT && mkdir(o->out_dir, 0777) && errno != EEXIST) {
        cli_error(o->out_dir, "cannot create folder: %s", strerror(errno));
        return CLI_ERR_OUTPUT;
    }
    sayso_engine *own = NULL;
    if (!o->engine && open_engine(o, &own))
        return CLI_ERR_MODEL;
    const sayso_engine *eng = o->engine ? o->engine : own;
    so_reader *rd = NULL;
    char err[512] = "";
    so_reader_opts ro = o->ropts;
    ro.stop = o->stop;
    /* parse on the workers, unless a skip hook must see parsed records first */
    ro.defer = o->jobs > 1 && !(o->hook && o->hook->skip);
    if (so_reader_open(&rd, inputs, ninputs, &ro, err, sizeof err)) {
        cli_error(NULL, "%s", err);
        sayso_engine_close(own);
        return CLI_ERR_INPUT;
    }
    char tmp[4200];
    FILE *out = open_output(o, tmp, sizeof tmp);
    stats s = {.t0 = now()};
    int rc = CLI_OK, interrupted = 0;
    if (!out) {
        rc = CLI_ERR_OUTPUT;
    } else {
        pipeline_run(o, eng, rd, out, &s);
        if (s.output_failed < 0)
            rc = CLI_ERR_INTERNAL;
        /* decide once: a signal after this point finds the run complete */
        interrupted = *o->stop != 0;
        if (finish_output(o, out, tmp, !interrupted && !s.output_failed))
            s.output_failed = 1;
    }
    if (rc == CLI_OK)
        summary(o, rd, &s);
    so_reader_close(rd);
    sayso_engine_close(own);
    if (rc != CLI_OK)
        return rc;
    if (interrupted)
        return 130;
    if (s.output_failed) {
        cli_error(o->output ? o->output : o->out_dir, "could not write output");
        return CLI_ERR_OUTPUT;
    }
    return s.input_failed ? CLI_ERR_INPUT : s.errors ? CLI_ERR_RECORDS : CLI_OK;
}
