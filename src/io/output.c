/*
** output.c -- JSON, brat and text writers for extraction results (see
** output.h), and the byte -> code point offset map they share.
*/
#include "io/output.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#define CP_STEP 64

int so_cpmap_init(so_cpmap *m, const char *text, size_t len)
{
    m->text = text;
    m->len = len;
    m->nsample = len / CP_STEP + 1;
    m->sample = malloc(m->nsample * 2 * sizeof *m->sample);
    if (!m->sample)
        return -1;
    /* sample[2k] = first sequence start at or after byte k*64,
       sample[2k+1] = code points before it */
    size_t cps = 0, i = 0;
    uint32_t c;
    for (size_t k = 0; k < m->nsample; k++) {
        while (i < k * CP_STEP && i < len) {
            i += so_utf8_next(text, len, i, &c);
            cps++;
        }
        m->sample[2 * k] = (unsigned)i;
        m->sample[2 * k + 1] = (unsigned)cps;
    }
    return 0;
}

size_t so_cpmap_get(const so_cpmap *m, size_t off)
{
    if (off > m->len)
        off = m->len;
    size_t k = off / CP_STEP;
    if (m->sample[2 * k] > off && k > 0)
        k--;
    size_t i = m->sample[2 * k], cps = m->sample[2 * k + 1];
    uint32_t c;
    while (i < off) {
        i += so_utf8_next(m->text, m->len, i, &c);
        cps++;
    }
    return cps;
}

void so_cpmap_free(so_cpmap *m)
{
    free(m->sample);
    m->sample = NULL;
}
int so_json_str(so_sbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    so_sb_add(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = so_utf8_next(s, n, i, &c);
        int bad = (c == 0xFFFD && k == 1);
        if (!bad && c >= 0x20 && c != '"' && c != '\\') {
            i += k;
            run += k;
            continue;
        }
        so_sb_add(b, s + i - run, run);
        run = 0;
        char esc[8] = {'\\', 0};
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\t': esc[1] = 't'; break;
        case '\r': esc[1] = 'r'; break;
        default:
            if (bad)
                c = 0xFFFD;
            memcpy(esc, "\\u", 2);
            esc[2] = hex[(c >> 12) & 15];
            esc[3] = hex[(c >> 8) & 15];
            esc[4] = hex[(c >> 4) & 15];
            esc[5] = hex[c & 15];
            el = 6;
        }
        so_sb_add(b, esc, el);
        i += k;
    }
    so_sb_add(b, s + n - run, run);
    return so_sb_add(b, "\"", 1);
}

static const char *kind_name(sayso_kind k)
{
    return k == SAYSO_DIRECT ? "direct" : k == SAYSO_MIXED ? "mixed" : "indirect";
}

/* {"text":"a b","spans":[[s,e],...]} or null for no spans. Fragments of the
** text are joined by one space, as brat does. */
static void json_role(so_sbuf *b, const so_cpmap *m, const sayso_span *sp, size_t n,
                      const so_json_opts *o)
{
    if (n == 0) {
        so_sb_str(b, "null");
        return;
    }
    so_sbuf t;
    so_sb_init(&t, b->max);
    for (size_t i = 0; i < n; i++) {
        if (i)
            so_sb_add(&t, " ", 1);
        so_sb_add(&t, m->text + sp[i].start, sp[i].end - sp[i].start);
    }
    so_sb_str(b, "{\"text\":");
    so_json_str(b, t.p ? t.p : "", t.len);
    so_sb_free(&t);
    so_sb_str(b, ",\"spans\":[");
    for (size_t i = 0; i < n; i++) {
        size_t s = sp[i].start, e = sp[i].end;
        if (!o->byte_offsets) {
            s = so_cpmap_get(m, s);
            e = so_cpmap_get(m, e);
        }
        so_sb_printf(b, "%s[%zu,%zu]", i ? "," : "", s, e);
    }
    so_sb_str(b, "]}");
}

static void json_speaker(so_sbuf *b, const sayso_result *r, long sp)
{
    const sayso_entity *e = sp >= 0 ? sayso_result_entity(r, (size_t)sp) : NULL;
    if (!e) {
        so_sb_str(b, "null");
        return;
    }
    static const char *const types[] = {"person", "organization", "other"};
    static const char *const genders[] = {"null", "\"female\"", "\"male\""};
    so_sb_printf(b, "{\"id\":%ld,\"name\":", sp);
    so_json_str(b, e->name, strlen(e->name));
    so_sb_printf(b, ",\"type\":\"%s\",\"gender\":%s,\"roles\":[", types[e->type % 3],
                 genders[e->gender % 3]);
    for (size_t i = 0; i < e->n_roles; i++) {
        if (i)
            so_sb_add(b, ",", 1);
        so_json_str(b, e->roles[i], strlen(e->roles[i]));
    }
    so_sb_str(b, "]}");
}

static void json_entities(so_sbuf *b, const so_cpmap *m, const sayso_result *r,
                          const so_json_opts *o)
{
    size_t n = sayso_result_entity_count(r);
    for (size_t k = 0; k < n; k++) {
        const sayso_entity *e = sayso_result_entity(r, k);
        so_sb_str(b, k ? "," : "");
        json_speaker(b, r, (long)k);
        b->len--; /* reopen the object to add mentions */
        so_sb_str(b, ",\"mentions\":[");
        for (size_t i = 0; i < e->n_mentions; i++) {
            size_t s = e->mentions[i].start, t = e->mentions[i].end;
            so_sb_str(b, i ? ",{\"start\":" : "{\"start\":");
            so_sb_printf(b, "%zu,\"end\":%zu,\"text\":",
                         o->byte_offsets ? s : so_cpmap_get(m, s),
                         o->byte_offsets ? t : so_cpmap_get(m, t));
            so_json_str(b, m->text + s, t - s);
            so_sb_add(b, "}", 1);
        }
        so_sb_str(b, "]}");
    }
}

int so_json_doc(so_sbuf *b, const char *id_json, const char *text, size_t len,
                const sayso_result *r, const so_json_opts *o)
{
    so_cpmap m;
    if (so_cpmap_init(&m, text, len))
        return -1;
    so_sb_str(b, "{\"id\":"); /* ids of any length: not through the printf buffer */
    so_sb_str(b, id_json);
    so_sb_str(b, ",\"quotes\":[");
    size_t n = sayso_result_quote_count(r);
    for (size_t k = 0; k < n; k++) {
        const sayso_quote *q = sayso_result_quote(r, k);
        so_sb_printf(b, "%s{\"kind\":\"%s\",\"content\":", k ? "," : "", kind_name(q->kind));
        json_role(b, &m, q->content, q->n_content, o);
        so_sb_str(b, ",\"cue\":");
        json_role(b, &m, q->cue, q->n_cue, o);
        so_sb_str(b, ",\"source\":");
        json_role(b, &m, q->source, q->n_source, o);
        so_sb_str(b, ",\"speaker\":");
        json_speaker(b, r, q->speaker);
        so_sb_printf(b, ",\"confidence\":%.3f}", q->confidence);
    }
    so_sb_str(b, "],\"entities\":[");
    json_entities(b, &m, r, o);
    so_sb_str(b, "]}");
    so_cpmap_free(&m);
    return b->failed ? -1 : 0;
}

int so_json_error(so_sbuf *b, const char *id_json, long line, const char *code,
                  const char *message)
{
    so_sb_str(b, "{\"id\":");
    so_sb_str(b, id_json);
    so_sb_printf(b, ",\"line\":%ld,\"error\":{\"code\":", line);
    so_json_str(b, code, strlen(code));
    so_sb_str(b, ",\"message\":");
    so_json_str(b, message, strlen(message));
    so_sb_str(b, "}}");
    return b->failed ? -1 : 0;
}
