/*
** extract.c -- POST /v1/extract: the body is the article (text/plain) or
** a JSON object {"text": STRING, "id": STRING|INTEGER|null, ...}; the
** answer is exactly the document object `sayso extract` writes for it
** (so_json_doc, docs/output-format.md), followed by a newline.
** ?offsets=bytes switches span offsets from code points to bytes; ?id=
** names a plain-text document (default null).
*/
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "io/output.h"
#include "serve/srv_int.h"

#define ID_MAX 4096
#define OUT_MIN ((size_t)64 << 20)

typedef struct doc_in {
    const char *text;
    size_t len;
    so_sbuf id;   /* the id as JSON */
    json_t *root; /* the parsed JSON body, owns text */
} doc_in;

/* Does the Content-Type parameter list p (after ';') allow UTF-8? */
static int charset_ok(const char *p)
{
    const char *cs = p;
    while (*cs && strncasecmp(cs, "charset", 7))
        cs++;
    if (!*cs)
        return 1;
    cs += 7;
    cs += strspn(cs, " \t");
    if (*cs++ != '=')
        return 0;
    cs += (*cs == '"');
    size_t n = strcspn(cs, "\"; \t");
    return (n == 5 && !strncasecmp(cs, "utf-8", 5)) || (n == 4 && !strncasecmp(cs, "utf8", 4)) ||
           (n == 8 && !strncasecmp(cs, "us-ascii", 8));
}

int so_srv_body_kind_of(const char *ct)
{
    if (!ct || !*(ct + strspn(ct, " \t")))
        return SO_BODY_TEXT;
    ct += strspn(ct, " \t");
    size_t n = strcspn(ct, "; \t");
    const char *params = ct + n;
    if (n == 10 && !strncasecmp(ct, "text/plain", n))
        return charset_ok(params) ? SO_BODY_TEXT : -1;
    if (n == 16 && !strncasecmp(ct, "application/json", n))
        return charset_ok(params) ? SO_BODY_JSON : -1;
    return -1;
}

/* Fill d from a JSON body; on failure return the error code and write
** the message to msg. */
static const char *from_json(so_srv_req *r, doc_in *d, char *msg, size_t n)
{
    json_error_t je;
    d->root = json_loadb(r->body.p ? r->body.p : "", r->body.len,
                         JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
    if (!d->root) {
        snprintf(msg, n, "invalid JSON at line %d, column %d: %s", je.line, je.column, je.text);
        return "bad_json";
    }
    if (!json_is_object(d->root))
        return snprintf(msg, n, "the body must be a JSON object"), "not_object";
    json_t *t = json_object_get(d->root, "text"), *id = json_object_get(d->root, "id");
    if (!t)
        return snprintf(msg, n, "the object has no \"text\" field"), "missing_text";
    if (!json_is_string(t))
        return snprintf(msg, n, "\"text\" must be a string"), "wrong_type";
    d->text = json_string_value(t);
    d->len = json_string_length(t);
    if (json_is_string(id))
        so_json_str(&d->id, json_string_value(id), json_string_length(id));
    else if (json_is_integer(id))
        so_sb_printf(&d->id, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    else if (!id || json_is_null(id))
        so_sb_str(&d->id, "null");
    else
        return snprintf(msg, n, "\"id\" must be a string, an integer or null"), "wrong_type";
    if (d->id.failed)
        return snprintf(msg, n, "\"id\" is longer than %d bytes", ID_MAX), "wrong_type";
    return NULL;
}

static const char *from_text(struct MHD_Connection *c, so_srv_req *r, doc_in *d, char *msg,
                             size_t n)
{
    const char *id = so_srv_arg(c, "id");
    d->text = r->body.p ? r->body.p : "";
    d->len = r->body.len;
    if (id)
        so_json_str(&d->id, id, strlen(id));
    else
        so_sb_str(&d->id, "null");
    if (d->id.failed)
        return snprintf(msg, n, "the id is longer than %d bytes", ID_MAX), "bad_parameter";
    return NULL;
}

static enum MHD_Result run(so_srv *s, struct MHD_Connection *c, const doc_in *d,
                           const so_json_opts *jo)
{
    sayso_result *res = NULL;
    sayso_error err;
    sayso_status st = sayso_extract(s->cfg.engine, d->text, d->len, &res, &err);
    if (st == SAYSO_ERR_TOOBIG)
        return so_srv_error(s, c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "%s", err.message);
    if (st == SAYSO_ERR_ENCODING)
        return so_srv_error(s, c, 422 /* unprocessable content */, "not_text", "%s", err.message);
    if (st == SAYSO_ERR_NOMEM)
        return so_srv_error(s, c, MHD_HTTP_SERVICE_UNAVAILABLE, "overloaded", "%s", err.message);
    if (st != SAYSO_OK)
        return so_srv_error(s, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "extract_failed", "%s",
                            err.message);
    so_sbuf out;
    so_sb_init(&out, OUT_MIN + 32 * s->cfg.max_body);
    int bad = so_json_doc(&out, d->id.p, d->text, d->len, res, jo) || so_sb_add(&out, "\n", 1);
    sayso_result_free(res);
    if (bad) {
        so_sb_free(&out);
        return so_srv_error(s, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "output_too_large",
                            "the result is too large to send");
    }
    return so_srv_reply(s, c, MHD_HTTP_OK, "application/json", &out);
}

enum MHD_Result so_srv_extract(so_srv *s, struct MHD_Connection *c, so_srv_req *r)
{
    const char *off = so_srv_arg(c, "offsets");
    if (off && strcmp(off, "chars") && strcmp(off, "bytes"))
        return so_srv_error(s, c, MHD_HTTP_BAD_REQUEST, "bad_parameter",
                            "offsets must be chars or bytes");
    so_json_opts jo = {.byte_offsets = off && !strcmp(off, "bytes")};
    doc_in d = {0};
    so_sb_init(&d.id, ID_MAX);
    char msg[300];
    const char *code = r->kind == SO_BODY_JSON ? from_json(r, &d, msg, sizeof msg)
                                               : from_text(c, r, &d, msg, sizeof msg);
    enum MHD_Result ret = code ? so_srv_error(s, c, MHD_HTTP_BAD_REQUEST, code, "%s", msg)
                               : run(s, c, &d, &jo);
    json_decref(d.root);
    so_sb_free(&d.id);
    return ret;
}
