/*
** cmd_extract.c -- `sayso extract`: reads text files, folders, stdin or
** JSON Lines, extracts attributions with N threads in batches (output stays
** in input order, memory stays bounded), and writes JSON Lines, brat files
** or a readable listing. Every input record yields exactly one output line:
** a result or an error record.
*/
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "extract.h"
#include "io/output.h"
#include "io/reader.h"
#include "sayso.h"

#define MAX_JOBS 256

static volatile sig_atomic_t interrupted;
static char tmp_name[SO_TMP_NAME_MAX]; /* the -o temporary file, "" if none */

/* First SIGINT/SIGTERM: stop cleanly (the run finishes the records in
** hand and removes its -o temporary file). A second one: remove the
** temporary file and exit at once, still leaving no partial output. */
static void on_signal(int sig)
{
    (void)sig;
    if (interrupted) {
        if (tmp_name[0])
            unlink(tmp_name);
        _exit(130);
    }
    interrupted = 1;
}

static void help(FILE *f)
{
    fprintf(f,
        "Usage: sayso extract [OPTIONS] [FILE|DIR|-]...\n\n"
        "Find attributions (quotations with their cue, source and speaker) in news text.\n"
        "Inputs: plain-text files, folders (searched for .txt and .jsonl files, any\n"
        "case), '-' or nothing for standard input; .gz and .zst files are decompressed\n"
        "on the fly.\n\n"
        "Options:\n"
        "  -f, --format FMT     json (default: one JSON object per document), brat, text\n"
        "      --out-dir DIR    with --format brat: write DIR/NAME.ann per document\n"
        "  -o, --output FILE    write to FILE (atomically: complete or absent; a device\n"
        "                       or a FIFO such as /dev/null is written directly)\n"
        "      --input MODE     auto (default: .jsonl files are JSON Lines), text, jsonl\n"
        "      --text-field F   JSONL field holding the text (default: text)\n"
        "      --id-field F     JSONL field holding the id (default: id)\n"
        "      --offsets UNIT   chars (default: Unicode code points) or bytes\n"
        "      --max-bytes N    largest document in bytes (default: 67108864)\n"
        "  -j, --jobs N         worker threads (default: number of cores)\n"
        "      --model PATH     model file (default: the built-in model)\n"
        "      --no-model       rules only\n"
        "  -q, --quiet          no progress bar and no summary (both are shown\n"
        "                       only when standard error is a terminal)\n"
        "  -h, --help           this help\n\n"
        "Exit status: 0 ok; 1 some records failed (error records were written);\n"
        "2 usage; 3 an input could not be read; 4 model; 5 output error;\n"
        "6 internal error (out of memory); 130 interrupted (SIGINT or SIGTERM).\n"
        "Output format: docs/output-format.md.\n");
}

static int parse_args(int argc, char **argv, so_extract_opts *o)
{
    static const struct option longopts[] = {
        {"format", 1, 0, 'f'},     {"out-dir", 1, 0, 'D'},   {"output", 1, 0, 'o'},
        {"input", 1, 0, 'I'},      {"text-field", 1, 0, 'T'}, {"id-field", 1, 0, 'i'},
        {"offsets", 1, 0, 'O'},    {"max-bytes", 1, 0, 'M'}, {"jobs", 1, 0, 'j'},
        {"model", 1, 0, 'm'},      {"no-model", 0, 0, 'n'},  {"quiet", 0, 0, 'q'},
        {"help", 0, 0, 'h'},       {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f:o:j:qh", longopts, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'f':
            o->format = !strcmp(optarg, "json") ? FMT_JSON : !strcmp(optarg, "brat") ? FMT_BRAT
                        : !strcmp(optarg, "text") ? FMT_TEXT : -1;
            if (o->format < 0) {
                cli_error(NULL, "--format must be json, brat or text, not '%s'", optarg);
                return -1;
            }
            break;
        case 'D': o->out_dir = optarg; break;
        case 'o': o->output = optarg; break;
        case 'I':
            o->ropts.mode = !strcmp(optarg, "auto") ? SO_IN_AUTO : !strcmp(optarg, "text")
                            ? SO_IN_TEXT : !strcmp(optarg, "jsonl") ? SO_IN_JSONL : -1;
            if (o->ropts.mode < 0) {
                cli_error(NULL, "--input must be auto, text or jsonl, not '%s'", optarg);
                return -1;
            }
            break;
        case 'T': o->ropts.text_field = optarg; break;
        case 'i': o->ropts.id_field = optarg; break;
        case 'O':
            if (strcmp(optarg, "chars") && strcmp(optarg, "bytes")) {
                cli_error(NULL, "--offsets must be chars or bytes, not '%s'", optarg);
                return -1;
            }
            o->jopts.byte_offsets = !strcmp(optarg, "bytes");
            break;
        case 'M':
            errno = 0;
            o->ropts.max_bytes = (size_t)strtoull(optarg, &end, 10);
            if (errno || !end || *end || o->ropts.max_bytes == 0 ||
                o->ropts.max_bytes > ((size_t)1 << 31)) {
                cli_error(NULL, "--max-bytes takes a number from 1 to 2147483648");
                return -1;
            }
            break;
        case 'j':
            o->jobs = (int)strtol(optarg, &end, 10);
            if (!end || *end || o->jobs < 1 || o->jobs > MAX_JOBS) {
                cli_error(NULL, "--jobs takes a number from 1 to %d", MAX_JOBS);
                return -1;
            }
            break;
        case 'm': o->model = optarg; break;
        case 'n': o->no_model = 1; break;
        case 'q': o->quiet = 1; break;
        case 'h': help(stdout); return 1;
        default: cli_bad_option("extract", argv); return -1;
        }
    }
    if (o->format == FMT_BRAT && !o->out_dir) {
        cli_error(NULL, "--format brat needs --out-dir DIR");
        return -1;
    }
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    so_extract_opts o;
    memset(&o, 0, sizeof o);
    o.format = FMT_JSON;
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    o.jobs = nc > 0 ? (int)(nc > MAX_JOBS ? MAX_JOBS : nc) : 1;
    o.quiet = !isatty(2); /* progress and summary on a terminal only */
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_ERR_USAGE;
    o.progress = !o.quiet && isatty(2);
    o.summary = !o.quiet;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART; /* reads and writes go on; the run polls the flag */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    o.stop = &interrupted;
    o.tmp_name = tmp_name;
    return so_cli_extract_run(&o, argv + optind, argc - optind);
}
