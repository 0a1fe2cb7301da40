/*
** serve.h -- the HTTP server behind `sayso serve` (so_srv_): a JSON API
** over libmicrohttpd in thread-pool mode, and the web page embedded in the
** binary. Endpoints are documented in docs/http-api.md and docs/openapi.json.
**
** A server is created by so_srv_start() and owns nothing of the caller's:
** the engine must outlive it. With a database path it opens read-only
** handles on the quote store (src/store/store.h) as its threads need them,
** each used by one request at a time. All state lives in the so_srv
** object; the module keeps no global mutable state.
*/
#ifndef SO_SERVE_H
#define SO_SERVE_H

#include <stddef.h>

#include "sayso.h"

#define SO_SRV_ERR_LEN 256

typedef struct so_srv_config {
    const char *bind;          /* numeric IPv4 or IPv6 address; NULL: 127.0.0.1 */
    unsigned port;             /* 0: any free port (see so_srv_port) */
    unsigned threads;          /* worker threads; 0: number of cores */
    size_t max_body;           /* largest request body in bytes; 0: 1 MiB */
    unsigned max_connections;  /* open connections served; more get 503; 0: 256 */
    unsigned timeout_s;        /* idle and per-request upload limit; 0: 30 */
    const sayso_engine *engine;
    const char *db_path;       /* quote store; NULL: no database endpoints */
} so_srv_config;

typedef struct so_srv so_srv;

/* Start listening and serving on worker threads. Returns 0 and sets *out,
** or -1 with a message in err[SO_SRV_ERR_LEN] (address in use, database
** missing or not a sayso store, ...). */
int so_srv_start(const so_srv_config *cfg, so_srv **out, char *err);

/* The port actually bound (useful with port 0). */
unsigned so_srv_port(const so_srv *s);

/* Graceful stop: accept no new connections, let the requests in flight
** finish (at most grace_s seconds), then close everything and free s.
** Returns the number of requests still unfinished when it gave up (0 is a
** clean stop). NULL is a no-op. */
unsigned so_srv_stop(so_srv *s, unsigned grace_s);

#endif
