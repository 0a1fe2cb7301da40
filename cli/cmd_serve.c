/*
** cmd_serve.c -- `sayso serve`: the HTTP API and the web page (src/serve/)
** on one engine shared by all worker threads. SIGINT and SIGTERM are
** blocked in every thread and taken by sigwait() in the main thread, which
** then stops the server gracefully: requests in flight finish, then exit 0.
*/
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sayso.h"
#include "serve/serve.h"

typedef struct serve_opts {
    so_srv_config cfg;
    const char *db; /* --db FILE */
    const char *model;
    int no_model;
} serve_opts;

static void help(FILE *f)
{
    fprintf(f,
        "Usage: sayso serve [OPTIONS]\n\n"
        "Serve the HTTP API (POST /v1/extract, GET /v1/quotes, /v1/quotes/ID,\n"
        "/v1/speakers, /healthz, /openapi.json) and the web page at /.\n\n"
        "Options:\n"
        "      --db FILE            quote database for search and speakers\n"
        "  -p, --port N             TCP port (default 8080; 0 picks a free one)\n"
        "  -b, --bind ADDR          numeric address to listen on (default 127.0.0.1)\n"
        "  -t, --threads N          worker threads (default: number of cores)\n"
        "      --max-body BYTES     largest request body (default 1048576)\n"
        "      --max-connections N  open connections served; more get 503 (default 256)\n"
        "      --timeout S          idle and per-request upload limit (default 30)\n"
        "      --model PATH         model file (default: the built-in model)\n"
        "      --no-model           rules only\n"
        "  -h, --help               this help\n\n"
        "The address actually bound is printed on standard error. SIGINT or\n"
        "SIGTERM stop the server after the requests in flight (exit 0).\n"
        "API reference: docs/http-api.md.\n");
}

/* Parse a number in [lo, hi] for option name; -1 (with a message) if bad. */
static int num(const char *name, const char *arg, unsigned long long lo, unsigned long long hi,
               unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno || end == arg || *end || *arg == '-' || v < lo || v > hi) {
        cli_error(NULL, "--%s must be a number from %llu to %llu, not '%s'", name, lo, hi, arg);
        return -1;
    }
    *out = v;
    return 0;
}

static int set_opt(serve_opts *o, int c, const char *arg)
{
    unsigned long long v = 0;
    int rc = 0;
    switch (c) {
    case 'd': o->db = arg; break;
    case 'b': o->cfg.bind = arg; break;
    case 'm': o->model = arg; break;
    case 'n': o->no_model = 1; break;
    case 'p':
        rc = num("port", arg, 0, 65535, &v);
        o->cfg.port = (unsigned)v;
        break;
    case 't':
        rc = num("threads", arg, 1, 256, &v);
        o->cfg.threads = (unsigned)v;
        break;
    case 'B':
        rc = num("max-body", arg, 1, 1ull << 30, &v);
        o->cfg.max_body = (size_t)v;
        break;
    case 'C':
        rc = num("max-connections", arg, 1, 100000, &v);
        o->cfg.max_connections = (unsigned)v;
        break;
    case 'T':
        rc = num("timeout", arg, 1, 3600, &v);
        o->cfg.timeout_s = (unsigned)v;
        break;
    default: rc = -1;
    }
    return rc;
}

/* 0 ok, 1 help printed, -1 usage error. */
static int parse_args(int argc, char **argv, serve_opts *o)
{
    static const struct option longopts[] = {
        {"db", 1, 0, 'd'},      {"port", 1, 0, 'p'},        {"bind", 1, 0, 'b'},
        {"threads", 1, 0, 't'}, {"max-body", 1, 0, 'B'},    {"max-connections", 1, 0, 'C'},
        {"timeout", 1, 0, 'T'}, {"model", 1, 0, 'm'},       {"no-model", 0, 0, 'n'},
        {"help", 0, 0, 'h'},    {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    o->cfg.port = 8080;
    while ((c = getopt_long(argc, argv, "p:b:t:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            help(stdout);
            return 1;
        }
        if (c == '?') {
            cli_bad_option("serve", argv);
            return -1;
        }
        if (set_opt(o, c, optarg))
            return -1;
    }
    if (optind < argc) {
        cli_error(NULL, "serve takes no arguments ('%s')", argv[optind]);
        return -1;
    }
    return 0;
}

static int open_engine(const serve_opts *o, sayso_engine **eng)
{
    return cli_open_engine(o->model, o->no_model,
                           o->cfg.max_body ? o->cfg.max_body : (size_t)1 << 20, eng);
}

/* Serve until SIGINT or SIGTERM; returns a CLI exit code. */
static int serve(serve_opts *o, const sigset_t *stop)
{
    char err[SO_SRV_ERR_LEN];
    so_srv *srv = NULL;
    if (so_srv_start(&o->cfg, &srv, err)) {
        cli_error(NULL, "%s", err);
        return CLI_ERR_USAGE;
    }
    const char *b = o->cfg.bind ? o->cfg.bind : "127.0.0.1";
    int v6 = strchr(b, ':') != NULL;
    fprintf(stderr, "sayso: serving http://%s%s%s:%u/%s%s\n", v6 ? "[" : "", b, v6 ? "]" : "",
            so_srv_port(srv), o->db ? " with database " : "", o->db ? o->db : "");
    int sig = 0;
    while (sigwait(stop, &sig) != 0)
        ;
    fprintf(stderr, "sayso: %s: finishing requests in flight\n", strsignal(sig));
    unsigned left = so_srv_stop(srv, o->cfg.timeout_s ? o->cfg.timeout_s : 30);
    if (left)
        cli_warn(NULL, "%u requests were cut short", left);
    return CLI_OK;
}

int cmd_serve(int argc, char **argv)
{
    serve_opts o;
    memset(&o, 0, sizeof o);
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_ERR_USAGE;
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL); /* inherited by the worker threads */
    signal(SIGPIPE, SIG_IGN);
    sayso_engine *eng = NULL;
    if (open_engine(&o, &eng))
        return CLI_ERR_MODEL;
    o.cfg.engine = eng;
    o.cfg.db_path = o.db;
    rc = serve(&o, &stop);
    sayso_engine_close(eng);
    return rc;
}
