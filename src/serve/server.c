/*
** server.c -- the daemon's life and the request state machine of the
** HTTP server (see serve.h, srv_int.h).
**
** libmicrohttpd parses HTTP and runs a pool of worker threads, each with
** its own epoll loop; this file decides, per request: route or 404/405,
** acceptable body or 415/413, overloaded or not (503), and enforces the
** per-request time limit while the body arrives. Counters for open
** connections and requests in flight live in the so_srv object; the
** graceful stop waits for the latter to drop to zero.
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "serve/srv_int.h"

#define DEFAULT_MAX_BODY ((size_t)1 << 20)
#define DEFAULT_MAX_CONNS 256u
#define DEFAULT_TIMEOUT 30u
#define MAX_THREADS 256u
/* Body bytes read and dropped past --max-body before the connection is cut
** instead of answered with 413 (a response cannot be queued mid-upload). */
#define DISCARD_MAX ((size_t)16 << 20)

/* Record a refusal decided from the headers; it is sent by refuse(). */
static void deny(so_srv_req *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void deny(so_srv_req *r, unsigned status, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err_msg, sizeof r->err_msg, fmt, ap);
    va_end(ap);
    r->err_status = status;
    r->err_code = code;
}

static enum MHD_Result refuse(so_srv *s, struct MHD_Connection *c, so_srv_req *r)
{
    if (r->err_status == MHD_HTTP_METHOD_NOT_ALLOWED)
        return so_srv_not_allowed(s, c, r->route->allow);
    return so_srv_error(s, c, r->err_status, r->err_code, "%s", r->err_msg);
}

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    (void)kind, (void)value;
    *(unsigned *)cls += !strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return MHD_YES;
}

/* Where does the body end? Two Content-Length headers, or one beside
** Transfer-Encoding, leave it to each reader of the request (a proxy in
** front, then libmicrohttpd) to decide, which lets a request be smuggled
** inside another's body (RFC 9112, 6.3): such a request is refused. */
static int ambiguous_length(struct MHD_Connection *c)
{
    unsigned n = 0;
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_length, &n);
    return n > 1 ||
           (n && MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING));
}

/* Route the request and check what the headers alone can tell. */
static void check_headers(so_srv *s, struct MHD_Connection *c, so_srv_req *r,
                          const char *method)
{
    if (ambiguous_length(c))
        return deny(r, MHD_HTTP_BAD_REQUEST, "bad_request",
                    "two Content-Length headers, or Content-Length with Transfer-Encoding");
    if (r->nul_in_url)
        return deny(r, MHD_HTTP_BAD_REQUEST, "bad_request",
                    "the URL holds an encoded NUL byte (%%00)");
    if (atomic_load(&s->conns) > s->cfg.max_connections)
        return deny(r, MHD_HTTP_SERVICE_UNAVAILABLE, "overloaded",
                    "too many open connections (limit %u); retry later",
                    s->cfg.max_connections);
    r->route = so_srv_route_find(r->url);
    if (!r->route)
        return deny(r, MHD_HTTP_NOT_FOUND, "not_found", "no such resource");
    int is_get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
    r->handler = is_get ? r->route->get
                 : !strcmp(method, MHD_HTTP_METHOD_POST) ? r->route->post : NULL;
    if (!r->handler)
        return deny(r, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", "not allowed");
    if (is_get)
        return;
    int kind = so_srv_body_kind_of(
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE));
    if (kind < 0)
        return deny(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "send text/plain; charset=utf-8 or application/json");
    r->kind = (so_srv_body_kind)kind;
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > s->cfg.max_body)
        deny(r, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
             "the body is larger than the limit of %zu bytes", s->cfg.max_body);
}

/* Does a body follow the headers? */
static int has_body(struct MHD_Connection *c)
{
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return (cl && strtoull(cl, NULL, 10) > 0) ||
           MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
}

/* The request target as it arrived, before libmicrohttpd decodes it into
** C strings, where a %00 would cut the path or a parameter short (so that
** /v1/quotes/7%00x would read as quote 7): it is noted, and refused by
** check_headers. The request's state starts here. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls, (void)c;
    so_srv_req *r = calloc(1, sizeof *r);
    if (r)
        r->nul_in_url = strstr(uri, "%00") != NULL;
    return r;
}

static enum MHD_Result first_call(so_srv *s, struct MHD_Connection *c, const char *url,
                                  const char *method, void **con_cls)
{
    so_srv_req *r = *con_cls ? *con_cls : calloc(1, sizeof *r);
    if (!r)
        return MHD_NO;
    *con_cls = r;
    r->begun = 1;
    atomic_fetch_add(&s->inflight, 1);
    r->url = url;
    r->t0 = so_srv_now();
    so_sb_init(&r->body, s->cfg.max_body);
    check_headers(s, c, r, method);
    if (r->err_status && has_body(c))
        return refuse(s, c, r); /* the body is skipped: the connection closes */
    return MHD_YES;
}

/* A piece of the body: keep it up to the cap, count and drop the rest.
** Returning MHD_NO cuts the connection (too slow, or far too big). */
static enum MHD_Result take_body(so_srv *s, so_srv_req *r, const char *data, size_t *n)
{
    size_t len = *n;
    *n = 0;
    if (so_srv_now() - r->t0 > (double)s->cfg.timeout_s)
        return MHD_NO;
    if (!r->discarded && so_sb_add(&r->body, data, len) == 0)
        return MHD_YES;
    r->discarded += len;
    return r->discarded > DISCARD_MAX ? MHD_NO : MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    so_srv *s = cls;
    so_srv_req *r = *con_cls;
    (void)version;
    if (!r || !r->begun)
        return first_call(s, c, url, method, con_cls);
    if (*upload_size)
        return take_body(s, r, upload, upload_size);
    if (r->err_status)
        return refuse(s, c, r);
    if (r->discarded)
        return so_srv_error(s, c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large",
                            "the body is larger than the limit of %zu bytes", s->cfg.max_body);
    return r->handler(s, c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    so_srv *s = cls;
    so_srv_req *r = *con_cls;
    (void)c;
    (void)toe;
    if (!r)
        return;
    int begun = r->begun;
    so_sb_free(&r->body);
    free(r);
    *con_cls = NULL;
    if (begun)
        atomic_fetch_sub(&s->inflight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    so_srv *s = cls;
    (void)c;
    (void)socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        atomic_fetch_add(&s->conns, 1);
    else
        atomic_fetch_sub(&s->conns, 1);
}

/* MHD's diagnostics: kept while starting (to explain a failure), dropped
** afterwards (they concern single misbehaving clients). */
static void on_log(void *cls, const char *fmt, va_list ap)
{
    so_srv *s = cls;
    if (!atomic_load(&s->running))
        vsnprintf(s->startup_msg, sizeof s->startup_msg, fmt, ap);
}

static int make_addr(const char *bind, unsigned port, struct sockaddr_storage *ss, int *v6)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    *v6 = 0;
    if (inet_pton(AF_INET, bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        return 0;
    }
    if (inet_pton(AF_INET6, bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        return 0;
    }
    return -1;
}

static void apply_defaults(so_srv_config *c)
{
    if (!c->bind)
        c->bind = "127.0.0.1";
    if (!c->threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        c->threads = n > 0 ? (unsigned)n : 1;
    }
    if (c->threads > MAX_THREADS)
        c->threads = MAX_THREADS;
    if (!c->max_body)
        c->max_body = DEFAULT_MAX_BODY;
    if (!c->max_connections)
        c->max_connections = DEFAULT_MAX_CONNS;
    if (!c->timeout_s)
        c->timeout_s = DEFAULT_TIMEOUT;
}

static struct MHD_Daemon *start_daemon(so_srv *s, const struct sockaddr_storage *ss, int v6)
{
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (v6)
        flags |= MHD_USE_IPv6;
    /* Connections past max_connections are still accepted (up to a margin)
    ** so that they can be told 503 instead of being dropped. */
    unsigned margin = s->cfg.max_connections / 4 + 8 + s->cfg.threads;
    /* one thread is the daemon's own: no pool option (a pool of 1 draws a warning) */
    struct MHD_OptionItem pool[2] = {{MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)s->cfg.threads, NULL},
                                     {MHD_OPTION_END, 0, NULL}};
    if (s->cfg.threads < 2)
        pool[0] = pool[1];
    return MHD_start_daemon(
        flags, (uint16_t)s->cfg.port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
        MHD_OPTION_ARRAY, pool,
        MHD_OPTION_CONNECTION_LIMIT, s->cfg.max_connections + margin,
        MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout_s,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_log, s,
        MHD_OPTION_END);
}

int so_srv_start(const so_srv_config *cfg, so_srv **out, char *err)
{
    *out = NULL;
    so_srv *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, SO_SRV_ERR_LEN, "out of memory");
        return -1;
    }
    s->cfg = *cfg;
    apply_defaults(&s->cfg);
    struct sockaddr_storage ss;
    int v6;
    if (!s->cfg.engine || s->cfg.port > 65535 ||
        make_addr(s->cfg.bind, s->cfg.port, &ss, &v6)) {
        snprintf(err, SO_SRV_ERR_LEN, "bad address %.64s or port %u (want a numeric IP address)",
                 s->cfg.bind, s->cfg.port);
        free(s);
        return -1;
    }
    if (so_srv_db_open(s, err)) {
        so_srv_db_close(s);
        free(s);
        return -1;
    }
    s->d = start_daemon(s, &ss, v6);
    if (!s->d) {
        snprintf(err, SO_SRV_ERR_LEN, "cannot listen on %.64s port %u: %.160s", s->cfg.bind,
                 s->cfg.port, s->startup_msg[0] ? s->startup_msg : "libmicrohttpd failed");
        err[strcspn(err, "\n")] = 0;
        so_srv_db_close(s);
        free(s);
        return -1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : s->cfg.port;
    atomic_store(&s->running, 1);
    *out = s;
    return 0;
}

unsigned so_srv_port(const so_srv *s)
{
    return s->port;
}

unsigned so_srv_stop(so_srv *s, unsigned grace_s)
{
    if (!s)
        return 0;
    atomic_store(&s->stopping, 1);
    MHD_socket fd = MHD_quiesce_daemon(s->d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    double end = so_srv_now() + grace_s;
    struct timespec tick = {0, 10 * 1000 * 1000};
    while (atomic_load(&s->inflight) && so_srv_now() < end)
        nanosleep(&tick, NULL);
    unsigned left = atomic_load(&s->inflight);
    MHD_stop_daemon(s->d);
    so_srv_db_close(s);
    free(s);
    return left;
}
