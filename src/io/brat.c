/*
** brat.c -- brat standoff (.ann) and readable text listings of results.
** brat spans are code-point offsets; a span is split at newlines, as brat
** itself stores multi-line annotations.
*/
#include <string.h>

#include "base/utf8.h"
#include "io/output.h"

/* Append text[a..z) to txt as valid UTF-8: a tab or NUL as a space, an
** invalid byte as U+FFFD (one code point for one byte, as the offsets
** count it), so that a scorer that reads the .ann as UTF-8 accepts it. */
static void add_text(so_sbuf *txt, const char *text, size_t a, size_t z)
{
    for (size_t j = a; j < z;) {
        uint32_t c;
        size_t k = so_utf8_next(text, z, j, &c);
        if (c == '\t' || c == 0)
            so_sb_add(txt, " ", 1);
        else if (c == 0xFFFD && k == 1 && (unsigned char)text[j] >= 0x80)
            so_sb_add(txt, "\xEF\xBF\xBD", 3);
        else
            so_sb_add(txt, text + j, k);
        j += k;
    }
}

/* Write the fragments of spans as "s e;s e" (code points), split at
** newlines and trimmed of surrounding whitespace; the covered text goes to
** txt with fragments joined by a space. Returns the fragment count. */
static size_t brat_frags(so_sbuf *pos, so_sbuf *txt, const so_cpmap *m, const sayso_span *sp,
                         size_t n)
{
    size_t nf = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = sp[k].start;
        while (i < sp[k].end) {
            size_t e = i;
            while (e < sp[k].end && m->text[e] != '\n')
                e++;
            size_t a = i, z = e;
            while (a < z && (m->text[a] == ' ' || m->text[a] == '\t' || m->text[a] == '\r'))
                a++;
            while (z > a && (m->text[z - 1] == ' ' || m->text[z - 1] == '\t' ||
                             m->text[z - 1] == '\r'))
                z--;
            if (z > a) {
                so_sb_printf(pos, "%s%zu %zu", nf ? ";" : "", so_cpmap_get(m, a),
                             so_cpmap_get(m, z));
                if (nf)
                    so_sb_add(txt, " ", 1);
                add_text(txt, m->text, a, z);
                nf++;
            }
            i = e + 1;
        }
    }
    return nf;
}

static int brat_entity(FILE *f, const so_cpmap *m, int id, const char *type,
                       const sayso_span *sp, size_t n)
{
    so_sbuf txt, pos;
    so_sb_init(&txt, (size_t)1 << 30);
    so_sb_init(&pos, (size_t)1 << 24);
    size_t nf = brat_frags(&pos, &txt, m, sp, n);
    if (nf)
        fprintf(f, "T%d\t%s %s\t%s\n", id, type, pos.p, txt.p ? txt.p : "");
    so_sb_free(&txt);
    so_sb_free(&pos);
    return nf ? 0 : -1;
}

int so_brat_write(FILE *f, const char *text, size_t len, const sayso_result *r)
{
    so_cpmap m;
    if (so_cpmap_init(&m, text, len))
        return -1;
    int t = 0, e = 0;
    size_t n = sayso_result_quote_count(r);
    for (size_t k = 0; k < n; k++) {
        const sayso_quote *q = sayso_result_quote(r, k);
        if (!q->n_cue || !q->n_content || q->within >= 0)
            continue; /* brat attributions need a cue; one word, one attribution */
        int src = 0, cue = t + 1, con = t + 2;
        t += 2;
        if (brat_entity(f, &m, cue, "Cue", q->cue, q->n_cue) ||
            brat_entity(f, &m, con, "Content", q->content, q->n_content))
            continue; /* only whitespace: nothing to annotate */
        if (q->n_source && brat_entity(f, &m, t + 1, "Source", q->source, q->n_source) == 0)
            src = ++t;
        if (src)
            fprintf(f, "E%d\tAttribution:T%d Source:T%d Cue:T%d Content:T%d\n", ++e, cue, src,
                    cue, con);
        else
            fprintf(f, "E%d\tAttribution-no-source:T%d Cue:T%d Content:T%d\n", ++e, cue, cue,
                    con);
    }
    so_cpmap_free(&m);
    return ferror(f) ? -1 : 0;
}

/* Append s[0..n) as a terminal may show it (so_utf8_shown). */
static void add_shown(so_sbuf *b, const char *s, size_t n)
{
    char out[4];
    for (size_t i = 0, len; i < n;) {
        i += so_utf8_shown(s, n, i, out, &len);
        so_sb_add(b, out, len);
    }
}

static void text_role(so_sbuf *b, const char *label, const char *text, const sayso_span *sp,
                      size_t n, const char *on, const char *off)
{
    so_sb_printf(b, "  %-8s", label);
    if (!n)
        so_sb_str(b, "-");
    for (size_t i = 0; i < n; i++) {
        so_sb_str(b, i ? " … " : "");
        so_sb_str(b, on);
        add_shown(b, text + sp[i].start, sp[i].end - sp[i].start);
        so_sb_str(b, off);
    }
    so_sb_add(b, "\n", 1);
}

int so_text_doc(so_sbuf *b, const char *id, const char *text, size_t len,
                const sayso_result *r, int colour)
{
    (void)len;
    const char *bold = colour ? "\033[1m" : "", *cy = colour ? "\033[36m" : "",
               *ye = colour ? "\033[33m" : "", *off = colour ? "\033[0m" : "";
    size_t n = sayso_result_quote_count(r);
    so_sb_printf(b, "%s== ", bold);
    add_shown(b, id, strlen(id));
    so_sb_printf(b, "%s (%zu attribution%s)\n", off, n, n == 1 ? "" : "s");
    static const char *const kinds[] = {"direct", "mixed", "indirect"};
    for (size_t k = 0; k < n; k++) {
        const sayso_quote *q = sayso_result_quote(r, k);
        so_sb_printf(b, "[%zu] %s, confidence %.2f", k + 1, kinds[q->kind % 3], q->confidence);
        if (q->within >= 0)
            so_sb_printf(b, ", within [%ld]", q->within + 1);
        so_sb_add(b, "\n", 1);
        const sayso_entity *e = q->speaker >= 0 ? sayso_result_entity(r, (size_t)q->speaker) : NULL;
        if (e) {
            so_sb_printf(b, "  %-8s%s", "speaker", bold);
            add_shown(b, e->name, strlen(e->name));
            for (size_t i = 0; i < q->n_co_speakers; i++) { /* "Anna Berg; Tom Lund" */
                const sayso_entity *o = sayso_result_entity(r, (size_t)q->co_speakers[i]);
                if (o) {
                    so_sb_add(b, "; ", 2);
                    add_shown(b, o->name, strlen(o->name));
                }
            }
            so_sb_printf(b, "%s\n", off);
        }
        text_role(b, "source", text, q->source, q->n_source, ye, off);
        text_role(b, "cue", text, q->cue, q->n_cue, cy, off);
        text_role(b, "content", text, q->content, q->n_content, "", "");
    }
    return b->failed ? -1 : 0;
}
