/*
** cmd_eval.c -- `sayso eval`: scores predicted brat files against a gold
** split with the C port of attrib-score (src/eval/score.h). The report on
** stdout is byte-identical to attrib-score's; the exit status is too
** (0 ok, 2 bad usage or malformed input, 3 internal error), and 5 when
** the report cannot be written out.
*/
#include <dirent.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "extract.h"
#include "eval/score.h"
#include "eval/speakers.h"

static void help(FILE *f)
{
    fprintf(f,
        "Usage: sayso eval [--model PATH|--no-model] [-j N] [--json] [--units U] SPLIT_DIR\n"
        "       sayso eval --pred DIR GOLD_DIR [--json] [--units tokens|chars] [--text-dir DIR]\n"
        "       sayso eval --speakers [--list] [--model PATH|--no-model] SPLIT_DIR\n\n"
        "Without --pred: extract every SPLIT_DIR/text/NAME.txt (as `sayso extract --format\n"
        "brat` does, into a temporary folder) and score the result against\n"
        "SPLIT_DIR/attributions/NAME.ann. With --pred: score existing predictions\n"
        "(DIR/NAME.ann, brat standoff with code-point offsets) against a gold split or a\n"
        "flat folder of NAME.ann. The metrics and the report are those of\n"
        "shared/tools/attrib-score (run it with --help for their definitions).\n\n"
        "Options:\n"
        "      --pred DIR       folder of predicted NAME.ann files (no extraction)\n"
        "      --model PATH     model file for the extraction, or whose taggers --speakers\n"
        "                       runs (default: the built-in model)\n"
        "      --no-model       extract with the quotation rules only (--speakers: no taggers)\n"
        "  -j, --jobs N         extraction threads (default: number of cores)\n"
        "      --json           print every count and score as JSON instead of the table\n"
        "      --units U        tokens (default when the texts are found) or chars\n"
        "      --text-dir DIR   folder with the NAME.txt article texts\n"
        "      --speakers       speaker accuracy of the engine on SPLIT_DIR against the\n"
        "                       CoreNLP coreference chains of SPLIT_DIR/corenlp (docs/speakers.md)\n"
        "      --list           with --speakers: one line per measured attribution\n"
        "  -h, --help           this help\n\n"
        "Exit status, as attrib-score's when scoring: 0 ok; 2 bad usage or malformed\n"
        "input; 3 internal error; and 5 the report could not be written. While\n"
        "extracting (no --pred) sayso extract's codes apply: 1 a text could not be\n"
        "processed, 3 SPLIT_DIR/text unreadable, 4 model, 5 temporary folder or output.\n");
}

/* Fills o from the command line; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, so_score_opts *o, int *spk, so_extract_opts *x)
{
    static const struct option longopts[] = {
        {"pred", 1, 0, 'p'}, {"json", 0, 0, 'J'}, {"units", 1, 0, 'u'},
        {"text-dir", 1, 0, 't'}, {"help", 0, 0, 'h'}, {"speakers", 0, 0, 's'},
        {"list", 0, 0, 'l'}, {"model", 1, 0, 'm'}, {"no-model", 0, 0, 'n'},
        {"jobs", 1, 0, 'j'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hj:", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->pred_dir = optarg; break;
        case 'J': o->json = 1; break;
        case 'm': x->model = optarg; break;
        case 'n': x->no_model = 1; break;
        case 'j': {
            char *end = NULL;
            long v = strtol(optarg, &end, 10);
            x->jobs = (!end || *end) ? 0 : (int)(v < 0 || v > 256 ? 0 : v);
            if (x->jobs < 1) {
                cli_error(NULL, "--jobs takes a number from 1 to 256");
                return CLI_ERR_USAGE;
            }
            break;
        }
        case 't': o->text_dir = optarg; break;
        case 's': *spk |= 1; break;
        case 'l': *spk |= 2; break;
        case 'h': help(stdout); return CLI_OK;
        case 'u':
            if (!strcmp(optarg, "tokens") || !strcmp(optarg, "chars")) {
                o->units = optarg[0] == 't' ? 1 : 2;
                break;
            }
            cli_error(NULL, "--units must be tokens or chars, not '%s'", optarg);
            return CLI_ERR_USAGE;
        default:
            cli_bad_option("eval", argv);
            return CLI_ERR_USAGE;
        }
    }
    if ((*spk & 2) && !(*spk & 1)) {
        cli_error(NULL, "--list goes with --speakers");
        return CLI_ERR_USAGE;
    }
    if ((*spk & 1) && o->pred_dir)
        cli_warn(NULL, "--speakers runs the engine itself and ignores --pred");
    if (o->pred_dir && (x->model || x->no_model))
        cli_warn(NULL, "--pred scores existing files: --model and --no-model are ignored");
    if (argc - optind != 1) {
        cli_error(NULL, argc - optind ? "eval takes one GOLD_DIR (see sayso eval --help)"
                                      : "eval needs a GOLD_DIR (see sayso eval --help)");
        return CLI_ERR_USAGE;
    }
    o->gold_dir = argv[optind];
    return -1;
}

/* `sayso eval --speakers SPLIT_DIR`: the report of src/eval/speakers.h,
** with the taggers of x's model (--model, --no-model). */
static int eval_speakers(const char *dir, int list, const so_extract_opts *x)
{
    so_speval_opts so = {dir, list ? stdout : NULL, x->no_model, x->model};
    so_speval_counts r;
    char err[1024];
    int rc = so_speval_run(&so, &r, err, sizeof err);
    if (rc) {
        cli_error(NULL, "%s", err);
        return rc == -2 ? CLI_ERR_MODEL : SO_SCORE_EINPUT;
    }
    so_speval_report(&so, &r, stdout);
    return CLI_OK;
}

/* Remove the brat files of the temporary prediction folder, then it. */
static void remove_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *de;
    char path[4200];
    while (dp && (de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (n > 0 && (size_t)n < sizeof path) /* a longer path is not one we wrote */
            unlink(path);
    }
    if (dp)
        closedir(dp);
    rmdir(dir);
}

/* Extract SPLIT/text into a fresh temporary folder (its path in dir). */
static int extract_split(so_extract_opts *x, const char *split, char *dir, size_t n)
{
    static volatile sig_atomic_t never;
    const char *tmp = getenv("TMPDIR");
    char text[4200];
    snprintf(dir, n, "%s/sayso-eval-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        cli_error(dir, "cannot create a temporary folder");
        return CLI_ERR_OUTPUT;
    }
    snprintf(text, sizeof text, "%s/text", split);
    char *inputs[1] = {text};
    x->format = FMT_BRAT;
    x->out_dir = dir;
    x->quiet = 1;
    x->stop = &never;
    int rc = so_cli_extract_run(x, inputs, 1);
    if (rc != CLI_OK)
        remove_dir(dir);
    return rc;
}

int cmd_eval(int argc, char **argv)
{
    so_score_opts o;
    so_extract_opts x;
    char err[1024], dir[4200];
    memset(&o, 0, sizeof o);
    memset(&x, 0, sizeof x);
    long nc = sysconf(_SC_NPROCESSORS_ONLN);
    x.jobs = nc > 0 ? (int)(nc > 256 ? 256 : nc) : 1;
    int spk = 0;
    int rc = parse_args(argc, argv, &o, &spk, &x);
    if (rc >= 0)
        return rc;
    if (spk)
        return eval_speakers(o.gold_dir, spk & 2, &x);
    int extracted = !o.pred_dir;
    if (extracted) {
        rc = extract_split(&x, o.gold_dir, dir, sizeof dir);
        if (rc != CLI_OK)
            return rc;
        o.pred_dir = dir;
        o.pred_label = x.no_model ? "sayso extract --no-model"
                       : x.model  ? x.model
                                  : "sayso extract (built-in model)";
    }
    rc = so_score_run(&o, stdout, stderr, err, sizeof err);
    if (extracted)
        remove_dir(dir);
    if (rc == SO_SCORE_EINPUT || rc == SO_SCORE_EOUTPUT)
        cli_error(NULL, "%s", err);
    else if (rc != SO_SCORE_OK)
        fprintf(stderr, "sayso: internal error: %s\n", err);
    return rc;
}
