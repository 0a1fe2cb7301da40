/*
** srv_int.h -- what the files of src/serve/ share: the server object, the
** per-request state, the route table and the reply helpers. Not installed.
**
** Life of a request (server.c): the first call of the access handler
** routes it and may refuse it (404, 405, 415, 413 from Content-Length, 503
** over the connection limit): at once when a body is on its way (which
** libmicrohttpd then skips by closing the connection), else on the last
** call, keeping the connection alive. Calls in between collect the body
** into a capped buffer; the last call runs the route's handler, which
** queues exactly one response.
*/
#ifndef SO_SRV_INT_H
#define SO_SRV_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>

#include "base/sbuf.h"
#include "serve/serve.h"

struct so_store;

/* Idle read-only store handles, reused by the requests (db.c). */
typedef struct so_srv_dbpool {
    pthread_mutex_t lock;
    struct so_store **idle;
    size_t n, cap;
} so_srv_dbpool;

struct so_srv {
    struct MHD_Daemon *d;
    so_srv_dbpool db;
    so_srv_config cfg;
    unsigned port;
    atomic_uint conns;    /* open connections */
    atomic_uint inflight; /* requests routed and not yet completed */
    atomic_int stopping;  /* set by so_srv_stop: answer with Connection: close */
    atomic_int running;   /* 0 while starting: MHD's messages go to startup_msg */
    char startup_msg[SO_SRV_ERR_LEN];
};

typedef struct so_srv_req so_srv_req;
typedef enum MHD_Result (*so_srv_handler)(so_srv *s, struct MHD_Connection *c,
                                          so_srv_req *r);

typedef enum { SO_BODY_NONE = 0, SO_BODY_TEXT, SO_BODY_JSON } so_srv_body_kind;

typedef struct so_srv_route {
    const char *path;   /* the exact path, or its prefix when prefix is set */
    int prefix;         /* 1: path + one non-empty segment without '/' */
    const char *allow;  /* the Allow header for 405 */
    so_srv_handler get; /* GET and HEAD, or NULL */
    so_srv_handler post;
} so_srv_route;

struct so_srv_req {
    const so_srv_route *route;
    so_srv_handler handler;
    const char *url;       /* MHD's copy, valid for the request */
    so_srv_body_kind kind; /* of a POST body, from Content-Type */
    so_sbuf body;          /* capped at cfg.max_body */
    size_t discarded;      /* body bytes dropped past the cap */
    double t0;             /* monotonic start time, seconds */
    int begun;             /* on_request has seen it (and counted it in flight) */
    int nul_in_url;        /* the raw URL holds %00 */
    unsigned err_status;   /* a refusal decided from the headers, or 0 */
    const char *err_code;
    char err_msg[160];
};

/* route.c */
const so_srv_route *so_srv_route_find(const char *url);
enum MHD_Result so_srv_static(so_srv *s, struct MHD_Connection *c, so_srv_req *r);

/* reply.c: every function queues one response and returns MHD's result.
** body is taken over (freed) whatever happens. */
enum MHD_Result so_srv_reply(so_srv *s, struct MHD_Connection *c, unsigned status,
                             const char *ctype, so_sbuf *body);
enum MHD_Result so_srv_error(so_srv *s, struct MHD_Connection *c, unsigned status,
                             const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
enum MHD_Result so_srv_reply_static(so_srv *s, struct MHD_Connection *c, const void *data,
                                    size_t len, const char *ctype);
enum MHD_Result so_srv_not_allowed(so_srv *s, struct MHD_Connection *c, const char *allow);
double so_srv_now(void);

/* Query parameters: NULL when absent. so_srv_arg_long parses an integer in
** [lo, hi] (def when absent) and returns -1 on a bad value. */
const char *so_srv_arg(struct MHD_Connection *c, const char *name);
int so_srv_arg_long(struct MHD_Connection *c, const char *name, long lo, long hi, long def,
                    long *out);

/* extract.c */
enum MHD_Result so_srv_extract(so_srv *s, struct MHD_Connection *c, so_srv_req *r);
/* The body kind of a Content-Type header, or -1 when unsupported. */
int so_srv_body_kind_of(const char *ctype);

/* db.c: store endpoints, /healthz, and the handle pool */
int so_srv_db_open(so_srv *s, char *err);
void so_srv_db_close(so_srv *s);
enum MHD_Result so_srv_health(so_srv *s, struct MHD_Connection *c, so_srv_req *r);
enum MHD_Result so_srv_quotes(so_srv *s, struct MHD_Connection *c, so_srv_req *r);
enum MHD_Result so_srv_quote(so_srv *s, struct MHD_Connection *c, so_srv_req *r);
enum MHD_Result so_srv_speakers(so_srv *s, struct MHD_Connection *c, so_srv_req *r);

#endif
