/*
** engine.c -- the public API (sayso.h): opening an engine, running the
** pipeline text -> tokens and sentences -> quotes -> attribution -> result,
** and the result accessors. The engine is read-only after opening.
*/
#include <stdlib.h>
#include <string.h>

#include "attrib/amodel.h"
#include "attrib/attrib.h"
#include "base/util.h"
#include "model/doctag.h"
#include "model/modelfile.h"
#include "model/tagger.h"
#include "base/utf8.h"
#include "coref/coref.h"
#include "quote/quote.h"
#include "sayso.h"
#include "text/doc.h"

#define DEFAULT_MAX_BYTES ((size_t)64 << 20)
#define HARD_MAX_BYTES ((size_t)UINT32_MAX - 1)

struct sayso_engine {
    size_t max_bytes;
    unsigned flags;
    so_mf *mf;          /* the model file (mapped or embedded) */
    so_tagger *pos;     /* NULL when running on rules only */
    so_tagger *ner;
    so_am *am;          /* the learned attribution model */
};

struct sayso_result {
    sayso_quote *quotes;
    size_t nquotes;
    sayso_span *spans; /* pool the quotes point into */
    size_t nspans;
    long *also;        /* pool of the quotes' co-speakers */
    sayso_entity *entities;
    size_t nentities;
};

const char *sayso_version(void)
{
    return SAYSO_VERSION;
}

const char *sayso_status_str(sayso_status code)
{
    switch (code) {
    case SAYSO_OK: return "ok";
    case SAYSO_ERR_NOMEM: return "out of memory";
    case SAYSO_ERR_INVALID: return "invalid argument";
    case SAYSO_ERR_IO: return "input/output error";
    case SAYSO_ERR_MODEL: return "bad model file";
    case SAYSO_ERR_TOOBIG: return "input too large";
    case SAYSO_ERR_ENCODING: return "not UTF-8 text";
    case SAYSO_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}

/* Open the model file and load the taggers and the attribution model. */
static sayso_status load_models(sayso_engine *e, const char *path, sayso_error *err)
{
    char msg[320] = "";
    const char *name = path ? path : "built-in model";
    so_mf_status st = so_mf_open_model(path, &e->mf, msg, sizeof msg);
    if (st != SO_MF_OK)
        return so_fail(err, st == SO_MF_ERR_IO ? SAYSO_ERR_IO : SAYSO_ERR_MODEL, SIZE_MAX, "%s",
                       msg[0] ? msg : "cannot open the model");
    if (so_tag_load_pair(e->mf, name, &e->pos, &e->ner, msg, sizeof msg))
        return so_fail(err, SAYSO_ERR_MODEL, SIZE_MAX, "%s", msg);
    if (so_am_load(e->mf, &e->am, msg, sizeof msg))
        return so_fail(err, SAYSO_ERR_MODEL, SIZE_MAX, "%s: %s", name, msg);
    return SAYSO_OK;
}

sayso_status sayso_engine_open(const sayso_options *opt, sayso_engine **ptr, sayso_error *err)
{
    if (!ptr)
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "NULL engine pointer");
    *ptr = NULL;
    if (opt && (opt->flags & ~(SAYSO_F_NO_MODEL | SAYSO_F_NO_SPEAKERS)))
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "unknown flags 0x%x in options",
                       opt->flags & ~(SAYSO_F_NO_MODEL | SAYSO_F_NO_SPEAKERS));
    sayso_engine *e = calloc(1, sizeof *e);
    if (!e)
        return so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory opening the engine");
    e->max_bytes = opt && opt->max_bytes ? opt->max_bytes : DEFAULT_MAX_BYTES;
    if (e->max_bytes > HARD_MAX_BYTES)
        e->max_bytes = HARD_MAX_BYTES;
    e->flags = opt ? opt->flags : 0;
    if (!(e->flags & SAYSO_F_NO_MODEL)) {
        sayso_status st = load_models(e, opt ? opt->model_path : NULL, err);
        if (st != SAYSO_OK) {
            sayso_engine_close(e);
            return st;
        }
    }
    *ptr = e;
    return SAYSO_OK;
}

void sayso_engine_close(sayso_engine *e)
{
    if (!e)
        return;
    so_am_free(e->am);
    so_tag_free(e->pos);
    so_tag_free(e->ner);
    so_mf_close(e->mf);
    free(e);
}

/* Number of byte spans a token range becomes (split at paragraph breaks). */
static size_t count_spans(const so_doc *d, so_range r)
{
    size_t n = r.e > r.b;
    for (size_t i = r.b + 1; i < r.e; i++)
        n += d->tok[i].para != d->tok[i - 1].para;
    return n;
}

static size_t put_spans(const so_doc *d, so_range r, sayso_span *out)
{
    if (r.e <= r.b)
        return 0;
    size_t n = 0, b = r.b;
    for (size_t i = r.b + 1; i <= r.e; i++) {
        if (i == r.e || d->tok[i].para != d->tok[i - 1].para) {
            out[n].start = d->tok[b].start;
            out[n].end = d->tok[i - 1].end;
            n++;
            b = i;
        }
    }
    return n;
}

static size_t attr_span_count(const so_doc *d, const so_attr *a)
{
    size_t n = count_spans(d, a->cue) + count_spans(d, a->source);
    for (size_t r = 0; r < a->ncontent; r++)
        n += count_spans(d, a->content[r]);
    return n;
}

/* Fill q from a, its spans at sp and its co-speakers at also; returns the
** number of spans used. */
static size_t fill_quote(const so_doc *d, const so_attr *a, sayso_quote *q, sayso_span *sp,
                         long *also)
{
    size_t n = 0;
    q->content = sp;
    for (size_t r = 0; r < a->ncontent; r++)
        n += put_spans(d, a->content[r], sp + n);
    q->n_content = n;
    q->cue = sp + n;
    q->n_cue = put_spans(d, a->cue, sp + n);
    n += q->n_cue;
    q->source = sp + n;
    q->n_source = put_spans(d, a->source, sp + n);
    q->kind = (sayso_kind)a->kind;
    q->confidence = a->conf;
    q->speaker = a->speaker;
    q->within = a->within;
    q->co_speakers = also;
    q->n_co_speakers = a->nalso;
    for (size_t i = 0; i < a->nalso; i++)
        also[i] = a->also[i];
    return n + q->n_source;
}

static sayso_status build_result(const so_doc *d, const so_attrs *as, so_coref_out *co,
                                 sayso_result **out, sayso_error *err)
{
    sayso_result *r = calloc(1, sizeof *r);
    if (!r)
        return so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory building the result");
    size_t nspans = 0, nalso = 0;
    for (size_t k = 0; k < as->n; k++) {
        nspans += attr_span_count(d, &as->a[k]);
        nalso += as->a[k].nalso;
    }
    r->quotes = calloc(as->n ? as->n : 1, sizeof *r->quotes);
    r->spans = calloc(nspans ? nspans : 1, sizeof *r->spans);
    r->also = calloc(nalso ? nalso : 1, sizeof *r->also);
    if (!r->quotes || !r->spans || !r->also) {
        sayso_result_free(r);
        return so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory building the result");
    }
    size_t used = 0, aused = 0;
    for (size_t k = 0; k < as->n; k++) {
        used += fill_quote(d, &as->a[k], &r->quotes[k], r->spans + used, r->also + aused);
        aused += as->a[k].nalso;
    }
    r->nquotes = as->n;
    r->nspans = used;
    r->entities = co->ents; /* one block: freed with r->entities */
    r->nentities = co->n;
    co->ents = NULL;
    *out = r;
    return SAYSO_OK;
}

/* Drop attributions whose content is empty (can't be output). */
static void drop_empty(so_attrs *as)
{
    size_t w = 0;
    for (size_t k = 0; k < as->n; k++)
        if (as->a[k].ncontent)
            as->a[w++] = as->a[k];
    as->n = w;
}

static void drop_unsourced(so_attrs *as)
{
    size_t w = 0;
    for (size_t k = 0; k < as->n; k++)
        if (!as->a[k].want_source || as->a[k].source.e > as->a[k].source.b)
            as->a[w++] = as->a[k];
    as->n = w;
}

sayso_status sayso_extract(const sayso_engine *e, const char *text, size_t len,
                           sayso_result **ptr, sayso_error *err)
{
    if (!ptr)
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "NULL result pointer");
    *ptr = NULL;
    if (!e || (!text && len))
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "NULL engine or text");
    if (len > e->max_bytes)
        return so_fail(err, SAYSO_ERR_TOOBIG, e->max_bytes,
                       "text of %zu bytes exceeds the limit of %zu bytes", len, e->max_bytes);
    so_doc d;
    so_attrs as = {0};
    so_coref_out co = {NULL, 0};
    memset(&d, 0, sizeof d);
    sayso_status st = SAYSO_OK;
    if (so_tok_run(&d, text ? text : "", len) || so_quote_pair(&d) ||
        so_doc_tag(e->pos, e->ner, &d) || so_attr_rules(&d, e->pos, &as) ||
        so_attr_merge(e->am, e->pos, &d, &as))
        st = so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory (or token limit) in extraction");
    if (st == SAYSO_OK) {
        so_attr_tidy_sources(e->pos, &d, &as);
        drop_empty(&as);
        if (so_attr_split_leads(e->pos, &d, &as) || so_attr_follow_quotes(&d, &as) ||
            so_attr_quote_tails(&d, &as))
            st = so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory in extraction");
        if (st == SAYSO_OK && (so_attr_finish(&d, &as) || so_attr_drop_echoes(&d, &as)))
            st = so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory in extraction");
        so_attr_share_sources(e->pos, &d, &as);
        drop_unsourced(&as);
        if (st == SAYSO_OK && so_attr_mark_nested(&d, &as))
            st = so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory in extraction");
        if (st == SAYSO_OK && !(e->flags & SAYSO_F_NO_SPEAKERS) &&
            so_coref_speakers(&d, e->pos, e->ner, &as, &co))
            st = so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory resolving speakers");
    }
    if (st == SAYSO_OK)
        st = build_result(&d, &as, &co, ptr, err);
    free(co.ents);
    so_attrs_free(&as);
    so_doc_free(&d);
    return st;
}

void sayso_result_free(sayso_result *r)
{
    if (!r)
        return;
    free(r->quotes);
    free(r->spans);
    free(r->also);
    free(r->entities);
    free(r);
}

size_t sayso_result_quote_count(const sayso_result *r)
{
    return r ? r->nquotes : 0;
}

const sayso_quote *sayso_result_quote(const sayso_result *r, size_t i)
{
    return r && i < r->nquotes ? &r->quotes[i] : NULL;
}

size_t sayso_result_entity_count(const sayso_result *r)
{
    return r ? r->nentities : 0;
}

const sayso_entity *sayso_result_entity(const sayso_result *r, size_t i)
{
    return r && i < r->nentities ? &r->entities[i] : NULL;
}
