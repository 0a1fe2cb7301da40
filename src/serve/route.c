/*
** route.c -- the URL table of the HTTP server and the embedded files
** (web page, OpenAPI document) it serves. A route is an exact path, or a
** prefix followed by one path segment (/v1/quotes/{id}).
*/
#include <stdint.h>
#include <string.h>

#include "serve/srv_int.h"

/* Defined in assets.S. */
extern const char so_srv_web_index_html[], so_srv_web_app_js[], so_srv_web_style_css[],
    so_srv_web_openapi_json[];
extern const uint32_t so_srv_web_index_html_len, so_srv_web_app_js_len,
    so_srv_web_style_css_len, so_srv_web_openapi_json_len;

#define GET_HEAD "GET, HEAD"

static const so_srv_route routes[] = {
    {"/v1/extract", 0, "POST", NULL, so_srv_extract},
    {"/v1/quotes", 0, GET_HEAD, so_srv_quotes, NULL},
    {"/v1/quotes/", 1, GET_HEAD, so_srv_quote, NULL},
    {"/v1/speakers", 0, GET_HEAD, so_srv_speakers, NULL},
    {"/healthz", 0, GET_HEAD, so_srv_health, NULL},
    {"/openapi.json", 0, GET_HEAD, so_srv_static, NULL},
    {"/", 0, GET_HEAD, so_srv_static, NULL},
    {"/index.html", 0, GET_HEAD, so_srv_static, NULL},
    {"/app.js", 0, GET_HEAD, so_srv_static, NULL},
    {"/style.css", 0, GET_HEAD, so_srv_static, NULL},
};

const so_srv_route *so_srv_route_find(const char *url)
{
    for (size_t k = 0; k < sizeof routes / sizeof routes[0]; k++) {
        const so_srv_route *r = &routes[k];
        size_t n = strlen(r->path);
        if (!r->prefix && !strcmp(url, r->path))
            return r;
        if (r->prefix && !strncmp(url, r->path, n) && url[n] && !strchr(url + n, '/'))
            return r;
    }
    return NULL;
}

enum MHD_Result so_srv_static(so_srv *s, struct MHD_Connection *c, so_srv_req *r)
{
    const char *u = r->url;
    if (!strcmp(u, "/app.js"))
        return so_srv_reply_static(s, c, so_srv_web_app_js, so_srv_web_app_js_len,
                                   "text/javascript; charset=utf-8");
    if (!strcmp(u, "/style.css"))
        return so_srv_reply_static(s, c, so_srv_web_style_css, so_srv_web_style_css_len,
                                   "text/css; charset=utf-8");
    if (!strcmp(u, "/openapi.json"))
        return so_srv_reply_static(s, c, so_srv_web_openapi_json, so_srv_web_openapi_json_len,
                                   "application/json");
    return so_srv_reply_static(s, c, so_srv_web_index_html, so_srv_web_index_html_len,
                               "text/html; charset=utf-8");
}
