/*
** output.c -- JSON, brat and text writers for extraction results (see
** output.h), and the byte -> code point offset map they share.
*/
#include "io/output.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

#define CP_STEP 64

/* Move the scan at byte *i (a sequence start; *cps code points before
** it) to the first sequence start at or after target (<= m->len). */
static void cp_advance(const so_cpmap *m, size_t *i, size_t *cps, size_t target)
{
    size_t at = *i, n = *cps;
    uint32_t c;
    while (at < target) {
        size_t j = so_utf8_ascii_end(m->text, at, target);
        n += j - at;
        at = j;
        if (at < target) {
            at += so_utf8_next_mb(m->text, m->len, at, &c);
            n++;
        }
    }
    *i = at;
    *cps = n;
}

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
    for (size_t k = 0; k < m->nsample; k++) {
        cp_advance(m, &i, &cps, k * CP_STEP < len ? k * CP_STEP : len);
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
    cp_advance(m, &i, &cps, off);
    return cps;
}

void so_cpmap_free(so_cpmap *m)
{
    free(m->sample);
    m->sample = NULL;
}
/* Bytes that go into a JSON string as they are: printable ASCII other
** than '"' and '\\'. */
static int plain_byte(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* Does the word hold a byte that is not plain_byte()? (Not all printable
** ASCII, or a byte equal to '"' or '\\': bit tricks.) */
static int word_has_special(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    return !so_utf8_printable8(w) || ((((q - ones) & ~q) | ((bs - ones) & ~bs)) & highs) != 0;
}

/* The escape for code point c (an invalid byte when bad) into esc; its length. */
static size_t json_escape(uint32_t c, int bad, char esc[8])
{
    static const char hex[] = "0123456789abcdef";
    esc[0] = '\\';
    switch (c) {
    case '"': esc[1] = '"'; return 2;
    case '\\': esc[1] = '\\'; return 2;
    case '\n': esc[1] = 'n'; return 2;
    case '\t': esc[1] = 't'; return 2;
    case '\r': esc[1] = 'r'; return 2;
    default: break;
    }
    if (bad)
        c = 0xFFFD;
    esc[1] = 'u';
    esc[2] = hex[(c >> 12) & 15];
    esc[3] = hex[(c >> 8) & 15];
    esc[4] = hex[(c >> 4) & 15];
    esc[5] = hex[c & 15];
    return 6;
}

/* Append s[0..n) escaped for a JSON string, without the quotes. Runs of
** bytes that need no escape are copied whole. */
static void json_str_body(so_sbuf *b, const char *s, size_t n)
{
    size_t run = 0; /* start of the pending run of bytes copied as they are */
    for (size_t i = 0; i < n;) {
        uint64_t w;
        if (n - i >= 8 && (memcpy(&w, s + i, 8), !word_has_special(w))) {
            i += 8;
            continue;
        }
        while (i < n && plain_byte((unsigned char)s[i]))
            i++;
        if (i == n)
            break;
        uint32_t c;
        size_t k = so_utf8_next(s, n, i, &c);
        int bad = (c == 0xFFFD && k == 1);
        if (!bad && c >= 0x20 && c != '"' && c != '\\') {
            i += k; /* a valid multibyte character */
            continue;
        }
        so_sb_add(b, s + run, i - run);
        char esc[8];
        so_sb_add(b, esc, json_escape(c, bad, esc));
        i += k;
        run = i;
    }
    so_sb_add(b, s + run, n - run);
}

int so_json_str(so_sbuf *b, const char *s, size_t n)
{
    so_sb_add(b, "\"", 1);
    json_str_body(b, s, n);
    return so_sb_add(b, "\"", 1);
}

/* Append the string literal s (its size known at compile time). */
#define ADD_LIT(b, s) so_sb_add((b), "" s, sizeof(s) - 1)

static const char *kind_name(sayso_kind k)
{
    return k == SAYSO_DIRECT ? "direct" : k == SAYSO_MIXED ? "mixed" : "indirect";
}

/* Append x as printf's "%.3f" would. Done by hand for 0.001 <= x < 1e9
** (confidences): x * 1000 is rounded to the nearest integer, ties to
** even, deciding from the exact product (fma gives the rounding error of
** the double one). Any other x goes through snprintf. */
static void put_fixed3(so_sbuf *b, double x)
{
    if (!(x >= 0.001 && x < 1e9)) {
        char tmp[512];
        int n = snprintf(tmp, sizeof tmp, "%.3f", x);
        if (n < 0 || (size_t)n >= sizeof tmp)
            b->failed = 1; /* as so_sb_printf: cannot happen for a double */
        else
            so_sb_add(b, tmp, (size_t)n);
        return;
    }
    double y = x * 1000.0, e = fma(x, 1000.0, -y); /* x * 1000 == y + e */
    double k = floor(y), d = (y - k - 0.5) + e;  /* exact sign: down, up, tie */
    unsigned long long v = (unsigned long long)k;
    if (d > 0 || (d == 0 && (v & 1)))
        v++;
    char frac[4] = {'.', (char)('0' + v / 100 % 10), (char)('0' + v / 10 % 10),
                    (char)('0' + v % 10)};
    so_sb_uint(b, v / 1000);
    so_sb_add(b, frac, sizeof frac);
}

/* Append byte offset off in decimal: as a code-point offset unless o
** says bytes. */
static void put_offset(so_sbuf *b, const so_cpmap *m, size_t off, const so_json_opts *o)
{
    so_sb_uint(b, o->byte_offsets ? off : so_cpmap_get(m, off));
}

/* {"text":"a b","spans":[[s,e],...]} or null for no spans. Fragments of the
** text are joined by one space, as brat does. (Escaping them one by one is
** escaping the joined text: no UTF-8 sequence spans the space.) */
static void json_role(so_sbuf *b, const so_cpmap *m, const sayso_span *sp, size_t n,
                      const so_json_opts *o)
{
    if (n == 0) {
        ADD_LIT(b, "null");
        return;
    }
    ADD_LIT(b, "{\"text\":\"");
    for (size_t i = 0; i < n; i++) {
        if (i)
            so_sb_add(b, " ", 1);
        json_str_body(b, m->text + sp[i].start, sp[i].end - sp[i].start);
    }
    ADD_LIT(b, "\",\"spans\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            so_sb_add(b, ",", 1);
        so_sb_add(b, "[", 1);
        put_offset(b, m, sp[i].start, o);
        so_sb_add(b, ",", 1);
        put_offset(b, m, sp[i].end, o);
        so_sb_add(b, "]", 1);
    }
    ADD_LIT(b, "]}");
}

static void json_speaker(so_sbuf *b, const sayso_result *r, long sp)
{
    const sayso_entity *e = sp >= 0 ? sayso_result_entity(r, (size_t)sp) : NULL;
    if (!e) {
        ADD_LIT(b, "null");
        return;
    }
    static const char *const types[] = {"person", "organization", "other"};
    static const char *const genders[] = {"null", "\"female\"", "\"male\""};
    ADD_LIT(b, "{\"id\":");
    so_sb_uint(b, (unsigned long)sp);
    ADD_LIT(b, ",\"name\":");
    so_json_str(b, e->name, strlen(e->name));
    ADD_LIT(b, ",\"type\":\"");
    so_sb_str(b, types[e->type % 3]);
    ADD_LIT(b, "\",\"gender\":");
    so_sb_str(b, genders[e->gender % 3]);
    ADD_LIT(b, ",\"roles\":[");
    for (size_t i = 0; i < e->n_roles; i++) {
        if (i)
            so_sb_add(b, ",", 1);
        so_json_str(b, e->roles[i], strlen(e->roles[i]));
    }
    ADD_LIT(b, "]}");
}

static void json_entities(so_sbuf *b, const so_cpmap *m, const sayso_result *r,
                          const so_json_opts *o)
{
    size_t n = sayso_result_entity_count(r);
    for (size_t k = 0; k < n; k++) {
        const sayso_entity *e = sayso_result_entity(r, k);
        if (k)
            so_sb_add(b, ",", 1);
        json_speaker(b, r, (long)k);
        b->len--; /* reopen the object to add mentions */
        ADD_LIT(b, ",\"mentions\":[");
        for (size_t i = 0; i < e->n_mentions; i++) {
            size_t s = e->mentions[i].start, t = e->mentions[i].end;
            if (i)
                so_sb_add(b, ",", 1);
            ADD_LIT(b, "{\"start\":");
            put_offset(b, m, s, o);
            ADD_LIT(b, ",\"end\":");
            put_offset(b, m, t, o);
            ADD_LIT(b, ",\"text\":");
            so_json_str(b, m->text + s, t - s);
            so_sb_add(b, "}", 1);
        }
        ADD_LIT(b, "]}");
    }
}

int so_json_doc(so_sbuf *b, const char *id_json, const char *text, size_t len,
                const sayso_result *r, const so_json_opts *o)
{
    so_cpmap m;
    if (so_cpmap_init(&m, text, len))
        return -1;
    ADD_LIT(b, "{\"id\":");
    so_sb_str(b, id_json); /* ids of any length */
    ADD_LIT(b, ",\"quotes\":[");
    size_t n = sayso_result_quote_count(r);
    for (size_t k = 0; k < n; k++) {
        const sayso_quote *q = sayso_result_quote(r, k);
        if (k)
            so_sb_add(b, ",", 1);
        ADD_LIT(b, "{\"kind\":\"");
        so_sb_str(b, kind_name(q->kind));
        ADD_LIT(b, "\",\"content\":");
        json_role(b, &m, q->content, q->n_content, o);
        ADD_LIT(b, ",\"cue\":");
        json_role(b, &m, q->cue, q->n_cue, o);
        ADD_LIT(b, ",\"source\":");
        json_role(b, &m, q->source, q->n_source, o);
        ADD_LIT(b, ",\"speaker\":");
        json_speaker(b, r, q->speaker);
        if (q->n_co_speakers) { /* only for a coordinated source: other output unchanged */
            ADD_LIT(b, ",\"co_speakers\":[");
            for (size_t i = 0; i < q->n_co_speakers; i++) {
                if (i)
                    so_sb_add(b, ",", 1);
                json_speaker(b, r, q->co_speakers[i]);
            }
            so_sb_add(b, "]", 1);
        }
        if (q->within >= 0) /* only for reported speech inside another's content */
            so_sb_printf(b, ",\"within\":%ld", q->within);
        ADD_LIT(b, ",\"confidence\":");
        put_fixed3(b, q->confidence);
        so_sb_add(b, "}", 1);
    }
    ADD_LIT(b, "],\"entities\":[");
    json_entities(b, &m, r, o);
    ADD_LIT(b, "]}");
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
