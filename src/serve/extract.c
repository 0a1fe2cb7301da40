/*
** extract.c -- POST /v1/extract: the body is the article (text/plain) or
** a JSON object {"text": STRING, "id": STRING|INTEGER|null, ...}; the
** answer is exactly the document object `sayso extract` writes for it
** (so_json_doc, docs/output-format.md), followed by a newline.
** ?offsets=bytes switches span offsets from code points to bytes; ?id=
** names a plain-text document (default null).
*/
#include <inttypes.h>
#include <string.h>
#include <strings.h>

#include "io/jsonin.h"
#include "io/output.h"
#include "io/reader.h"
#include "serve/srv_int.h"

#define ID_MAX 4096
#define OUT_MIN ((size_t)64 << 20)

typedef struct doc_in {
    const char *text;
    size_t len;
    so_sbuf id;   /* the id as JSON */
    json_object *root; /* the parsed JSON body, owns text */
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

/* d's id from the body's "id" member v (absent or null: null); the error
** code, or NULL. */
static const char *id_from_json(doc_in *d, int has_id, json_object *v, char *msg, size_t n)
{
    if (json_object_is_type(v, json_type_string))
        so_json_str(&d->id, json_object_get_string(v), (size_t)json_object_get_string_len(v));
    else if (json_object_is_type(v, json_type_int))
        so_sb_printf(&d->id, "%" PRId64, json_object_get_int64(v));
    else if (!has_id || json_object_is_type(v, json_type_null))
        so_sb_str(&d->id, "null");
    else
        return snprintf(msg, n, "\"id\" must be a string, an integer or null"), "wrong_type";
    if (d->id.failed)
        return snprintf(msg, n, "\"id\" is longer than %d bytes", ID_MAX), "wrong_type";
    return NULL;
}

/* Fill d from a JSON body; on failure return the error code and write
** the message to msg. */
static const char *from_json(so_srv_req *r, doc_in *d, char *msg, size_t n)
{
    char why[200];
    int rc = so_jsonin_parse(r->body.p ? r->body.p : "", r->body.len, SO_JSONIN_ANY, &d->root,
                             why, sizeof why);
    if (rc != SO_JSONIN_OK) /* out of memory too: the body is refused either way */
        return snprintf(msg, n, "invalid JSON: %s", why), "bad_json";
    if (!json_object_is_type(d->root, json_type_object))
        return snprintf(msg, n, "the body must be a JSON object"), "not_object";
    json_object *t = NULL, *id = NULL;
    int has_id = json_object_object_get_ex(d->root, "id", &id);
    if (!json_object_object_get_ex(d->root, "text", &t))
        return snprintf(msg, n, "the object has no \"text\" field"), "missing_text";
    if (!json_object_is_type(t, json_type_string))
        return snprintf(msg, n, "\"text\" must be a string"), "wrong_type";
    d->text = json_object_get_string(t);
    d->len = (size_t)json_object_get_string_len(t);
    return id_from_json(d, has_id, id, msg, n);
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
    if (so_text_check(d->text, d->len, err.message, sizeof err.message))
        return so_srv_error(s, c, 422 /* unprocessable content */, "not_text", "%s", err.message);
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
    json_object_put(d.root);
    so_sb_free(&d.id);
    return ret;
}
