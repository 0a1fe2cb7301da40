/*
** extract.h -- the extraction run shared by `sayso extract` and `sayso
** eval`: options, and the parallel pipeline over input records.
*/
#ifndef SAYSO_CLI_EXTRACT_H
#define SAYSO_CLI_EXTRACT_H

#include <signal.h>

#include "io/output.h"
#include "io/reader.h"

enum { FMT_JSON = 0, FMT_BRAT, FMT_TEXT };

#define SO_TMP_NAME_MAX 4200

/* A consumer that takes the results instead of the writers (sayso index).
** With a hook, failed records are reported on stderr only (set format to
** FMT_TEXT) and nothing is written to standard output. */
typedef struct so_extract_hook {
    void *ctx;
    /* Main thread, as each good record is read: non-zero = skip it (it is
    ** neither extracted nor counted). May be NULL. */
    int (*skip)(void *ctx, const so_record *rec);
    /* Worker threads, concurrently: turn a record's result into an item for
    ** put; NULL = the record failed (out of memory). */
    void *(*take)(void *ctx, const so_record *rec, const sayso_result *r);
    /* Main thread, in input order, for every item take returned (ownership
    ** passes); non-zero = stop with an output error. */
    int (*put)(void *ctx, const so_record *rec, void *item);
    /* Main thread, after every 256 puts and once at the end: non-zero =
    ** stop with an output error. May be NULL. */
    int (*flush)(void *ctx);
} so_extract_hook;

typedef struct so_extract_opts {
    int format;            /* FMT_* */
    const char *out_dir;   /* brat output folder */
    const char *output;    /* -o FILE, or NULL for stdout */
    const char *model;     /* --model PATH */
    int no_model;
    int jobs;
    int quiet, progress, summary;
    so_reader_opts ropts;
    so_json_opts jopts;
    volatile sig_atomic_t *stop; /* set by a signal handler: stop cleanly */
    char *tmp_name;        /* NULL, or SO_TMP_NAME_MAX bytes where the run keeps
                           ** the name of its -o temporary file ("" when there
                           ** is none), for a signal handler to remove */
    const so_extract_hook *hook; /* NULL: write outputs (see so_extract_hook) */
    const sayso_engine *engine;  /* NULL, or one the caller opened (and closes):
                                 ** used instead of opening model/no_model's */
} so_extract_opts;

/* Run extraction over the inputs; returns a CLI exit code. */
int so_cli_extract_run(const so_extract_opts *o, char *const *inputs, int ninputs);

#endif
