/*
** cmd_eval.c -- `sayso eval`: scores predicted brat files against a gold
** split with the C port of attrib-score (src/eval/score.h). The report on
** stdout is byte-identical to attrib-score's; the exit status is too
** (0 ok, 2 bad usage or malformed input, 3 internal error).
*/
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "eval/score.h"
#include "eval/speakers.h"

static void help(FILE *f)
{
    fprintf(f,
        "Usage: sayso eval --pred DIR GOLD_DIR [--json] [--units tokens|chars] [--text-dir DIR]\n"
        "       sayso eval --speakers [--list] SPLIT_DIR\n\n"
        "Score predicted attributions (DIR/NAME.ann, brat standoff with code-point offsets)\n"
        "against a gold split: GOLD_DIR/attributions/NAME.ann with GOLD_DIR/text/NAME.txt,\n"
        "or a flat folder of NAME.ann. The metrics and the report are those of\n"
        "shared/tools/attrib-score (run it with --help for their definitions).\n\n"
        "Options:\n"
        "      --pred DIR       folder of predicted NAME.ann files\n"
        "      --json           print every count and score as JSON instead of the table\n"
        "      --units U        tokens (default when the texts are found) or chars\n"
        "      --text-dir DIR   folder with the NAME.txt article texts\n"
        "      --speakers       speaker accuracy of the engine on SPLIT_DIR against the\n"
        "                       CoreNLP coreference chains of SPLIT_DIR/corenlp (docs/speakers.md)\n"
        "      --list           with --speakers: one line per measured attribution\n"
        "  -h, --help           this help\n\n"
        "Exit status: 0 ok; 2 bad usage or malformed input; 3 internal error.\n");
}

/* Fills o from the command line; returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, so_score_opts *o, int *spk)
{
    static const struct option longopts[] = {
        {"pred", 1, 0, 'p'}, {"json", 0, 0, 'j'}, {"units", 1, 0, 'u'},
        {"text-dir", 1, 0, 't'}, {"help", 0, 0, 'h'}, {"speakers", 0, 0, 's'},
        {"list", 0, 0, 'l'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->pred_dir = optarg; break;
        case 'j': o->json = 1; break;
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
            fprintf(stderr, "Try 'sayso eval --help'.\n");
            return CLI_ERR_USAGE;
        }
    }
    if (argc - optind != 1) {
        cli_error(NULL, argc - optind ? "eval takes one GOLD_DIR (see sayso eval --help)"
                                      : "eval needs a GOLD_DIR (see sayso eval --help)");
        return CLI_ERR_USAGE;
    }
    o->gold_dir = argv[optind];
    return -1;
}

/* `sayso eval --speakers SPLIT_DIR`: the report of src/eval/speakers.h. */
static int eval_speakers(const char *dir, int list)
{
    so_speval_opts so = {dir, list ? stdout : NULL, 0};
    so_speval_counts r;
    char err[1024];
    if (so_speval_run(&so, &r, err, sizeof err)) {
        cli_error(NULL, "%s", err);
        return SO_SCORE_EINPUT;
    }
    so_speval_report(&so, &r, stdout);
    return CLI_OK;
}

int cmd_eval(int argc, char **argv)
{
    so_score_opts o;
    char err[1024];
    memset(&o, 0, sizeof o);
    int spk = 0;
    int rc = parse_args(argc, argv, &o, &spk);
    if (rc >= 0)
        return rc;
    if (spk)
        return eval_speakers(o.gold_dir, spk & 2);
    if (!o.pred_dir) {
        fprintf(stderr, "sayso: error: eval without --pred is not wired yet\n");
        return CLI_ERR_USAGE;
    }
    rc = so_score_run(&o, stdout, stderr, err, sizeof err);
    if (rc == SO_SCORE_EINPUT)
        cli_error(NULL, "%s", err);
    else if (rc != SO_SCORE_OK)
        fprintf(stderr, "sayso: internal error: %s\n", err);
    return rc;
}
