/*
** reply.c -- building and queueing responses: JSON bodies, JSON errors
** {"error":{"code":...,"message":...}}, 405 with Allow, embedded files; and
** the query-string helpers. Every response carries the same safety headers
** and, once the server is stopping, "Connection: close".
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/output.h"
#include "serve/srv_int.h"

/* The page loads nothing from elsewhere; the API is same-origin only. */
#define CSP "default-src 'self'; img-src 'self' data:; object-src 'none'; " \
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

double so_srv_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static enum MHD_Result queue(so_srv *s, struct MHD_Connection *c, unsigned status,
                             struct MHD_Response *rsp, const char *ctype, const char *cache)
{
    if (!rsp)
        return MHD_NO;
    MHD_add_response_header(rsp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(rsp, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
    MHD_add_response_header(rsp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(rsp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(rsp, "Content-Security-Policy", CSP);
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(rsp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    if (atomic_load(&s->stopping) || status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(rsp, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ret = MHD_queue_response(c, status, rsp);
    MHD_destroy_response(rsp);
    return ret;
}

enum MHD_Result so_srv_reply(so_srv *s, struct MHD_Connection *c, unsigned status,
                             const char *ctype, so_sbuf *body)
{
    struct MHD_Response *rsp;
    if (body->failed) { /* over its cap, or out of memory: never send half */
        so_sb_free(body);
        return so_srv_error(s, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "output_too_large",
                            "the answer is too large to send");
    }
    if (body->p) {
        rsp = MHD_create_response_from_buffer_with_free_callback(body->len, body->p, free);
        if (rsp)
            body->p = NULL; /* now owned by the response */
    } else {
        rsp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    so_sb_free(body);
    return queue(s, c, status, rsp, ctype, "no-store");
}

enum MHD_Result so_srv_error(so_srv *s, struct MHD_Connection *c, unsigned status,
                             const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    so_sbuf b;
    so_sb_init(&b, 4096);
    so_sb_str(&b, "{\"error\":{\"code\":");
    so_json_str(&b, code, strlen(code));
    so_sb_str(&b, ",\"message\":");
    so_json_str(&b, msg, strlen(msg));
    so_sb_str(&b, "}}\n");
    return so_srv_reply(s, c, status, "application/json", &b);
}

enum MHD_Result so_srv_not_allowed(so_srv *s, struct MHD_Connection *c, const char *allow)
{
    char msg[128];
    snprintf(msg, sizeof msg, "{\"error\":{\"code\":\"method_not_allowed\","
                              "\"message\":\"allowed: %s\"}}\n", allow);
    struct MHD_Response *rsp =
        MHD_create_response_from_buffer(strlen(msg), msg, MHD_RESPMEM_MUST_COPY);
    if (rsp)
        MHD_add_response_header(rsp, MHD_HTTP_HEADER_ALLOW, allow);
    return queue(s, c, MHD_HTTP_METHOD_NOT_ALLOWED, rsp, "application/json", "no-store");
}

enum MHD_Result so_srv_reply_static(so_srv *s, struct MHD_Connection *c, const void *data,
                                    size_t len, const char *ctype)
{
    struct MHD_Response *rsp =
        MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
    return queue(s, c, MHD_HTTP_OK, rsp, ctype, "no-cache");
}

const char *so_srv_arg(struct MHD_Connection *c, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

int so_srv_arg_long(struct MHD_Connection *c, const char *name, long lo, long hi, long def,
                    long *out)
{
    const char *v = so_srv_arg(c, name);
    *out = def;
    if (!v)
        return 0;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}
