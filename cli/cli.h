/*
** cli.h -- shared declarations of the sayso command-line tool: one entry
** point per subcommand (cli/cmd_NAME.c) and the diagnostics helpers.
*/
#ifndef SAYSO_CLI_H
#define SAYSO_CLI_H

#include <stdio.h>

/* Exit codes of the sayso CLI (documented in docs/exit-codes.md). */
enum {
    CLI_OK = 0,          /* success, every record processed */
    CLI_ERR_RECORDS = 1, /* finished, but some records produced error records */
    CLI_ERR_USAGE = 2,   /* bad command line */
    CLI_ERR_INPUT = 3,   /* an input file or folder could not be read */
    CLI_ERR_MODEL = 4,   /* the model could not be loaded */
    CLI_ERR_OUTPUT = 5,  /* output could not be written */
    CLI_ERR_INTERNAL = 6 /* a bug */
};

int cmd_extract(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_speakers(int argc, char **argv);
int cmd_quote(int argc, char **argv);
int cmd_serve(int argc, char **argv);

/* "sayso: error (at WHERE): MESSAGE" on stderr; where may be NULL. */
void cli_error(const char *where, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
struct sayso_engine;
/* Open an engine with model (NULL: built-in), no_model and max_bytes (0:
** default); reports the error itself. 0, or -1. */
int cli_open_engine(const char *model, int no_model, size_t max_bytes,
                    struct sayso_engine **eng);

/* Report the option getopt rejected (call with opterr = 0, on '?'). */
void cli_bad_option(const char *cmd, char *const *argv);

void cli_warn(const char *where, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
