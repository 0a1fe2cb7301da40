/*
** extract.h -- the extraction run shared by `sayso extract` and `sayso
** eval`: options, and the batch-parallel loop over input records.
*/
#ifndef SAYSO_CLI_EXTRACT_H
#define SAYSO_CLI_EXTRACT_H

#include <signal.h>

#include "io/output.h"
#include "io/reader.h"

enum { FMT_JSON = 0, FMT_BRAT, FMT_TEXT };

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
} so_extract_opts;

/* Run extraction over the inputs; returns a CLI exit code. */
int so_cli_extract_run(const so_extract_opts *o, char *const *inputs, int ninputs);

#endif
