/*
** main.c -- the sayso command: dispatches subcommands and holds the shared
** diagnostics helpers. Each subcommand lives in cli/cmd_NAME.c.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sayso.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"extract", cmd_extract, "find quotations, cues, sources and speakers in text"},
    {"eval", cmd_eval, "score extraction against a gold split (same metrics as attrib-score)"},
    {"train", cmd_train, "train the taggers and the attribution model"},
    {"index", cmd_index, "store articles and their quotes in an SQLite quote store"},
    {"search", cmd_search, "search a quote store by speaker, words, outlet and date"},
    {"speakers", cmd_speakers, "list a quote store's top speakers"},
    {"quote", cmd_quote, "show one quote cluster and every article that reported it"},
    {"serve", cmd_serve, "HTTP API and web page: extract, search quotes, speakers"},
};

static void vmsg(const char *kind, const char *where, const char *fmt, va_list ap)
{
    if (where)
        fprintf(stderr, "sayso: %s (at %s): ", kind, where);
    else
        fprintf(stderr, "sayso: %s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("error", where, fmt, ap);
    va_end(ap);
}

void cli_warn(const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg("warning", where, fmt, ap);
    va_end(ap);
}

void cli_bad_option(const char *cmd, char *const *argv)
{
    extern int optind, optopt;
    const char *arg = optind > 0 ? argv[optind - 1] : "?";
    if (optopt && arg[0] == '-' && arg[1] != '-' && arg[1] != optopt)
        fprintf(stderr, "sayso: error: unknown option '-%c' (see 'sayso %s --help')\n", optopt, cmd);
    else
        fprintf(stderr, "sayso: error: bad option '%s': unknown, or its value is missing "
                        "(see 'sayso %s --help')\n", arg, cmd);
}

int cli_open_engine(const char *model, int no_model, size_t max_bytes, sayso_engine **eng)
{
    sayso_options opt;
    memset(&opt, 0, sizeof opt);
    opt.model_path = model;
    opt.max_bytes = max_bytes;
    opt.flags = no_model ? SAYSO_F_NO_MODEL : 0;
    sayso_error err;
    if (sayso_engine_open(&opt, eng, &err) != SAYSO_OK) {
        cli_error(NULL, "%s", err.message); /* the message names the file */
        return -1;
    }
    return 0;
}

static int usage(FILE *f, int code)
{
    fprintf(f, "Usage: sayso COMMAND [OPTIONS] [ARGS]\n\n"
               "sayso finds who said what in news text: quotations, their cues, sources\n"
               "and speakers, as JSON Lines.\n\nCommands:\n");
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        fprintf(f, "  %-10s %s\n", commands[k].name, commands[k].summary);
    fprintf(f, "\nOptions:\n  -h, --help     this help\n  -V, --version  print the version\n\n"
               "Run 'sayso COMMAND --help' for a command's options. See sayso(1).\n");
    return code;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2)
        return usage(stderr, CLI_ERR_USAGE);
    const char *c = argv[1];
    if (!strcmp(c, "-h") || !strcmp(c, "--help") || !strcmp(c, "help"))
        return usage(stdout, CLI_OK);
    if (!strcmp(c, "-V") || !strcmp(c, "--version")) {
        printf("sayso %s\n", sayso_version());
        return CLI_OK;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (!strcmp(c, commands[k].name))
            return commands[k].run(argc - 1, argv + 1);
    cli_error(NULL, "unknown command '%s' (try 'sayso --help')", c);
    return CLI_ERR_USAGE;
}

/* Run the command; what it left in stdout's buffer (help, tables) that
** cannot be written makes the run an output error, as for records. */
int main(int argc, char **argv)
{
    int rc = dispatch(argc, argv);
    if ((fflush(stdout) || ferror(stdout)) && (rc == CLI_OK || rc == CLI_ERR_RECORDS)) {
        cli_error(NULL, "cannot write to standard output: %s", strerror(errno ? errno : EIO));
        rc = CLI_ERR_OUTPUT;
    }
    return rc;
}
