/*
** cmd_search.c -- the read commands of the quote store: `sayso search`
** (quote clusters by speaker, words, outlet and dates), `sayso speakers`
** (top speakers) and `sayso quote ID` (one cluster with every article that
** reported it). A table for people by default, JSON Lines with --json; the
** queries themselves are src/store/query.c, shared with the HTTP server.
*/
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/sbuf.h"
#include "base/utf8.h"
#include "cli.h"
#include "store/store.h"

#define LINE_CAP ((size_t)64 << 20)

enum { CMD_SEARCH, CMD_SPEAKERS, CMD_QUOTE };

typedef struct sargs {
    int cmd;
    const char *db;
    so_store_query q;
    int json;
    int64_t id;
} sargs;

typedef struct out_ctx {
    int json;
    int width;   /* terminal columns; 0 = do not truncate */
    so_sbuf line;
    size_t rows;
    int failed;
} out_ctx;

static const char *const names[] = {"search", "speakers", "quote"};

static void help(FILE *f, int cmd)
{
    if (cmd == CMD_SEARCH)
        fprintf(f, "Usage: sayso search --db FILE.db [OPTIONS]\n\n"
                   "Quote clusters (one per quotation, however many articles reported it)\n"
                   "with at least one report that passes every filter: most relevant first\n"
                   "with --text, otherwise most recently first seen.\n\n"
                   "Options:\n"
                   "      --speaker NAME   said by NAME, alone or with others (any case; a surname\n"
                   "                       alone matches)\n"
                   "      --text WORDS     all these words (at most 32); \"a phrase\"; prefix*\n");
    else if (cmd == CMD_SPEAKERS)
        fprintf(f, "Usage: sayso speakers --db FILE.db [OPTIONS]\n\n"
                   "Speakers by number of quotations (those said with others included), with\n"
                   "their type, gender, roles and the outlets that quoted them.\n\nOptions:\n"
                   "      --speaker NAME   only speakers matching NAME\n");
    else
        fprintf(f, "Usage: sayso quote --db FILE.db [--json] ID\n\n"
                   "One quote cluster and every article that reported it, earliest first.\n"
                   "An ID merged into another cluster shows that cluster.\n\nOptions:\n");
    fprintf(f, "      --db FILE        the quote store (see 'sayso index')\n");
    if (cmd != CMD_QUOTE)
        fprintf(f, "      --outlet X       reported by outlet X (any case)\n"
                   "      --since DATE     reported on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)\n"
                   "      --until DATE     reported on or before DATE\n"
                   "      --limit N        at most N rows (default 20, at most 10000)\n"
                   "      --offset N       skip the first N rows\n");
    fprintf(f, "      --json           JSON Lines instead of a table\n"
               "  -h, --help           this help\n\n"
               "Exit status: 0 ok%s; 2 usage; 3 the store cannot be read;\n"
               "5 output error.%s Output fields: docs/store.md.\n",
            cmd == CMD_QUOTE ? "; 1 no cluster has this ID" : "",
            cmd == CMD_QUOTE ? "" : " No rows: exit 0, and a table says so on\nstandard error.");
}

static int num_arg(const char *s, long long lo, long long hi, const char *opt, long long *v)
{
    char *end = NULL;
    errno = 0;
    *v = strtoll(s, &end, 10);
    if (errno || !end || *end || end == s || *v < lo || *v > hi) {
        cli_error(NULL, "%s takes a number from %lld to %lld", opt, lo, hi);
        return -1;
    }
    return 0;
}

static const char *opt_name(const struct option *o, int c)
{
    for (; o->name; o++)
        if (o->val == c)
            return o->name;
    return "?";
}

static int parse_args(int argc, char **argv, sargs *a)
{
    static const struct option longopts[] = {
        {"db", 1, 0, 'd'},     {"speaker", 1, 0, 's'}, {"text", 1, 0, 't'},
        {"outlet", 1, 0, 'o'}, {"since", 1, 0, 'S'},   {"until", 1, 0, 'U'},
        {"limit", 1, 0, 'l'},  {"offset", 1, 0, 'O'},  {"json", 0, 0, 'J'},
        {"help", 0, 0, 'h'},   {0, 0, 0, 0}};
    int c;
    long long v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        int filter = c && strchr("stoSUlO", c) != NULL;
        if (filter && (a->cmd == CMD_QUOTE || (c == 't' && a->cmd == CMD_SPEAKERS))) {
            cli_error(NULL, "%s does not take --%s", names[a->cmd], opt_name(longopts, c));
            return -1;
        }
        switch (c) {
        case 'd': a->db = optarg; break;
        case 's': a->q.speaker = optarg; break;
        case 't': a->q.text = optarg; break;
        case 'o': a->q.outlet = optarg; break;
        case 'S': a->q.since = optarg; break;
        case 'U': a->q.until = optarg; break;
        case 'l':
            if (num_arg(optarg, 1, 10000, "--limit", &v))
                return -1;
            a->q.limit = (long)v;
            break;
        case 'O':
            if (num_arg(optarg, 0, 1000000000, "--offset", &v))
                return -1;
            a->q.offset = (long)v;
            break;
        case 'J': a->json = 1; break;
        case 'h': help(stdout, a->cmd); return 1;
        default: cli_bad_option(names[a->cmd], argv); return -1;
        }
    }
    if (!a->db || !*a->db) {
        cli_error(NULL, "%s needs --db FILE (try 'sayso %s --help')", names[a->cmd],
                  names[a->cmd]);
        return -1;
    }
    if (a->cmd == CMD_QUOTE) {
        long long id;
        if (optind != argc - 1 || num_arg(argv[optind], 1, 9007199254740991LL, "quote ID", &id)) {
            if (optind != argc - 1)
                cli_error(NULL, "quote takes one cluster ID");
            return -1;
        }
        a->id = id;
    } else if (optind < argc) {
        cli_error(NULL, "%s takes no arguments, only options ('%s')", names[a->cmd], argv[optind]);
        return -1;
    }
    return 0;
}

/* ---- table output ---- */

static int term_width(void)
{
    struct winsize ws;
    if (!isatty(1))
        return 0;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return 100;
}

/* Append s as one table cell, each character as a terminal may show it
** (so_utf8_shown: newlines and tabs as spaces, other control characters as
** U+FFFD), at most max characters (0: no limit) with an ellipsis when cut,
** padded to pad. */
static void cell(so_sbuf *b, const char *s, size_t max, size_t pad)
{
    if (!s)
        s = "-";
    size_t n = strlen(s), total = 0;
    uint32_t c;
    for (size_t i = 0; i < n; total++)
        i += so_utf8_next(s, n, i, &c);
    size_t keep = max && total > max ? max - 1 : total;
    char out[4];
    for (size_t i = 0, cps = 0, k; i < n && cps < keep; i += k, cps++) {
        size_t len;
        k = so_utf8_shown(s, n, i, out, &len);
        so_sb_add(b, out, len);
    }
    if (keep < total) {
        so_sb_str(b, "\xe2\x80\xa6");
        keep++;
    }
    for (; keep < pad; keep++)
        so_sb_add(b, " ", 1);
}

static int emit(out_ctx *o)
{
    so_sb_add(&o->line, "\n", 1);
    if (o->line.failed || fwrite(o->line.p, 1, o->line.len, stdout) != o->line.len)
        o->failed = 1;
    so_sb_reset(&o->line);
    o->rows++;
    return o->failed;
}

static size_t rest(const out_ctx *o, size_t used)
{
    return o->width && (size_t)o->width > used + 10 ? (size_t)o->width - used : o->width ? 10 : 0;
}

static int on_cluster(void *ctx, const so_store_cluster *c)
{
    out_ctx *o = ctx;
    if (o->json)
        return so_store_cluster_json(&o->line, c) || emit(o);
    if (!o->rows && (so_sb_printf(&o->line, "%-7s %-10s %8s %-22s %s", "ID", "FIRST SEEN",
                                  "ARTICLES", "SPEAKER", "QUOTE") || emit(o)))
        return 1;
    so_sb_printf(&o->line, "%-7lld ", (long long)c->id);
    cell(&o->line, c->first_date, 10, 10);
    so_sb_printf(&o->line, " %8ld ", c->n_articles);
    cell(&o->line, c->speaker, 22, 22);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, c->text, rest(o, 51), 0);
    return emit(o);
}

static int on_speaker(void *ctx, const so_store_speaker *s)
{
    out_ctx *o = ctx;
    if (o->json)
        return so_store_speaker_json(&o->line, s) || emit(o);
    if (!o->rows && (so_sb_printf(&o->line, "%6s %8s %8s %-12s %-6s %-24s %s", "QUOTES",
                                  "CLUSTERS", "ARTICLES", "TYPE", "GENDER", "NAME",
                                  "ROLES / OUTLETS") || emit(o)))
        return 1;
    so_sb_printf(&o->line, "%6ld %8ld %8ld ", s->n_quotes, s->n_clusters, s->n_articles);
    cell(&o->line, s->type, 12, 12);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, s->gender, 6, 6);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, s->name, 24, 24);
    so_sbuf more;
    so_sb_init(&more, 4096);
    for (size_t k = 0; k < s->roles.n && k < 3; k++)
        so_sb_printf(&more, "%s%s", more.len ? ", " : "", s->roles.item[k]);
    for (size_t k = 0; k < s->outlets.n && k < 5; k++)
        so_sb_printf(&more, "%s%s (%ld)", more.len ? (k ? ", " : " / ") : "", s->outlets.item[k],
                     s->outlets.count ? s->outlets.count[k] : 0);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, more.len ? more.p : "-", rest(o, 69), 0);
    so_sb_free(&more);
    return emit(o);
}

static int on_quote_cluster(void *ctx, const so_store_cluster *c)
{
    out_ctx *o = ctx;
    so_sb_printf(&o->line, "Quote %lld: ", (long long)c->id);
    cell(&o->line, c->text, 0, 0);
    so_sb_str(&o->line, "\nSpeaker:  ");
    cell(&o->line, c->speaker, 0, 0);
    so_sb_printf(&o->line, "\nReported: %ld times in %ld articles; first in ", c->n_occurrences,
                 c->n_articles);
    cell(&o->line, c->first_article, 0, 0);
    so_sb_str(&o->line, " (");
    cell(&o->line, c->first_outlet, 0, 0);
    so_sb_str(&o->line, ", ");
    cell(&o->line, c->first_date, 0, 0);
    so_sb_printf(&o->line, ")\n\n%-10s %-14s %-24s %-18s %-8s %s", "DATE", "OUTLET", "ARTICLE",
                 "SPEAKER", "KIND", "AS REPORTED");
    o->rows = 0;
    return emit(o);
}

static int on_occurrence(void *ctx, const so_store_occurrence *q)
{
    out_ctx *o = ctx;
    cell(&o->line, q->date, 10, 10);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, q->outlet, 14, 14);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, q->article, 24, 24);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, q->speaker ? q->speaker : q->source, 18, 18);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, q->kind, 8, 8);
    so_sb_add(&o->line, " ", 1);
    cell(&o->line, q->content, rest(o, 80), 0);
    return emit(o);
}

static sayso_status run(so_store *st, const sargs *a, out_ctx *o, int *found,
                        sayso_error *err)
{
    *found = 1;
    if (a->cmd == CMD_SEARCH)
        return so_store_search(st, &a->q, on_cluster, o, err);
    if (a->cmd == CMD_SPEAKERS)
        return so_store_speakers(st, &a->q, on_speaker, o, err);
    if (!o->json)
        return so_store_quote(st, a->id, on_quote_cluster, on_occurrence, o, found, err);
    sayso_status rc = so_store_quote_json(st, a->id, &o->line, found, err);
    if (rc == SAYSO_OK && *found)
        emit(o);
    return rc;
}

static int cmd_read(int cmd, int argc, char **argv)
{
    sargs a;
    memset(&a, 0, sizeof a);
    a.cmd = cmd;
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_ERR_USAGE;
    so_store *st = NULL;
    sayso_error err;
    if (so_store_open(a.db, SO_STORE_READ, &st, &err) != SAYSO_OK) {
        cli_error(a.db, "%s", err.message);
        return CLI_ERR_INPUT;
    }
    out_ctx o = {.json = a.json, .width = a.json ? 0 : term_width()};
    so_sb_init(&o.line, LINE_CAP);
    int found = 1;
    sayso_status st_rc = run(st, &a, &o, &found, &err);
    so_sb_free(&o.line);
    so_store_close(st);
    if (st_rc != SAYSO_OK) {
        cli_error(a.db, "%s", err.message);
        return st_rc == SAYSO_ERR_INVALID ? CLI_ERR_USAGE : CLI_ERR_INPUT;
    }
    if (o.failed || fflush(stdout)) {
        cli_error(NULL, "could not write output");
        return CLI_ERR_OUTPUT;
    }
    if (!found) {
        cli_error(a.db, "no quote cluster has ID %lld", (long long)a.id);
        return CLI_ERR_RECORDS;
    }
    if (!o.rows && !a.json && a.cmd != CMD_QUOTE) /* a table of nothing looks like a hang */
        fprintf(stderr, "sayso: no %s match\n", a.cmd == CMD_SEARCH ? "quotes" : "speakers");
    return CLI_OK;
}

int cmd_search(int argc, char **argv)
{
    return cmd_read(CMD_SEARCH, argc, argv);
}

int cmd_speakers(int argc, char **argv)
{
    return cmd_read(CMD_SPEAKERS, argc, argv);
}

int cmd_quote(int argc, char **argv)
{
    return cmd_read(CMD_QUOTE, argc, argv);
}
