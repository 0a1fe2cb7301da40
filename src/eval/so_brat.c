/*
** so_brat.c -- reads a brat standoff (.ann) file into attributions, exactly as
** attrib-score's parse_ann() does: the same lines accepted, the same checks in
** the same order (so the same first error), the same messages, the same
** statistics (events without roles, unreferenced entities, TEXT mismatches).
**
** One pass over the lines collects T entities and E events; a second pass
** resolves the events' references (a T may be defined after the E using it).
** Strings point into the file buffer, which lives as long as the parse.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval/so_score_int.h"

/* A T line. */
typedef struct ent {
    size_t off, n;    /* its spans, in parser.frags */
    const char *type; /* TYPE (the regex's \S+) */
    size_t tlen;
    const char *txt;  /* TEXT field, if has_txt */
    size_t txtlen;
    int has_txt, used;
    int nl;           /* -1 not computed yet; 1 a span's text holds a newline */
} ent;

/* One ROLE:ID argument of an E line. */
typedef struct evarg {
    const char *name; /* the ROLE (or TYPE, for the trigger) */
    size_t namelen;
    const char *ref;
    size_t reflen;
    int role; /* SO_CUE.., or -1 for the trigger */
} evarg;

typedef struct event {
    const char *id;
    size_t idlen;
    long line;
    size_t arg0, nargs; /* in parser.args; the first is the trigger */
} event;

/* Open-addressing table of the T and E ids of a file: id -> entity index,
** or -1 for an E id. */
typedef struct slot {
    const char *k;
    size_t n;
    long v;
} slot;

typedef struct parser {
    const char *path;
    const so_text *text;
    so_err *e;
    ent *ents;
    size_t nent, capent;
    so_span *frags;
    size_t nfr, capfr;
    event *evs;
    size_t nev, capev;
    evarg *args;
    size_t narg, caparg;
    slot *tab;
    size_t captab, usedtab;
    long last_t; /* entity of the previous T line (for continued TEXT), or -1 */
    long lineno;
} parser;

/* ------------------------------------------------------------ errors */

/* Start a message "PATH:LINE: " in m. */
static void msg_at(parser *P, so_sb *m)
{
    so_ssb_init(m, SO_SCORE_MAX_MSG);
    so_ssb_pystr(m, P->path, strlen(P->path));
    so_ssb_printf(m, ":%ld: ", P->lineno);
}

static int fail_nomem(parser *P)
{
    return so_err_nomem(P->e);
}

/* "PATH:LINE: " + the text made by fmt (ASCII and valid UTF-8 only). */
static int fail_at(parser *P, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail_at(parser *P, const char *fmt, ...)
{
    so_sb m;
    va_list ap;
    msg_at(P, &m);
    va_start(ap, fmt);
    so_ssb_vprintf(&m, fmt, ap);
    va_end(ap);
    return so_err_sb(P->e, SO_SCORE_EINPUT, &m);
}

/* Finish a message begun with msg_at: + repr(s[0..n)) + the text of post_fmt
** (which may use the id as %.*s). */
static int fail_repr(parser *P, so_sb *m, const char *s, size_t n, const char *post_fmt,
                     const char *id, size_t idlen)
{
    so_ssb_repr(m, s, n);
    so_ssb_printf(m, post_fmt, (int)idlen, id);
    return so_err_sb(P->e, SO_SCORE_EINPUT, m);
}

/* ------------------------------------------------------------ id table */

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    while (n--)
        h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
    return h;
}

static slot *find_slot(slot *tab, size_t cap, const char *k, size_t n)
{
    size_t i = (size_t)hash(k, n) & (cap - 1);
    while (tab[i].k && !(tab[i].n == n && memcmp(tab[i].k, k, n) == 0))
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static int tab_grow(parser *P)
{
    size_t cap = P->captab ? P->captab * 2 : 64;
    slot *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < P->captab; i++)
        if (P->tab[i].k)
            *find_slot(t, cap, P->tab[i].k, P->tab[i].n) = P->tab[i];
    free(P->tab);
    P->tab = t;
    P->captab = cap;
    return 0;
}

/* The value stored for id k, or -2 if absent. */
static long tab_get(const parser *P, const char *k, size_t n)
{
    if (!P->captab)
        return -2;
    const slot *s = find_slot(P->tab, P->captab, k, n);
    return s->k ? s->v : -2;
}

static int tab_put(parser *P, const char *k, size_t n, long v)
{
    if ((P->usedtab + 1) * 2 > P->captab && tab_grow(P) < 0)
        return -1;
    slot *s = find_slot(P->tab, P->captab, k, n);
    s->k = k;
    s->n = n;
    s->v = v;
    P->usedtab++;
    return 0;
}

/* ------------------------------------------------------------ lexing */

/* Bytes of the run of \d characters at s[i..n). */
static size_t digits_len(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n) {
        size_t k = j;
        if (so_uni_digit(so_score_utf8_next(s, n, &k)) < 0)
            break;
        j = k;
    }
    return j - i;
}

/* LINE_ID_RE ^(?:[TERAMN]\d+|#\d*|\*)\t: the id's length (before the tab), or 0. */
static size_t line_id(const char *s, size_t n)
{
    size_t i = 1;
    if (n < 2)
        return 0;
    if (strchr("TERAMN", s[0]) && s[0]) {
        size_t d = digits_len(s, n, 1);
        if (d == 0)
            return 0;
        i += d;
    } else if (s[0] == '#') {
        i += digits_len(s, n, 1);
    } else if (s[0] != '*') {
        return 0;
    }
    return i < n && s[i] == '\t' ? i : 0;
}

static int is_blank(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n)
        if (!so_uni_isspace(so_score_utf8_next(s, n, &i)))
            return 0;
    return 1;
}

/* str.strip(): narrow [*a, *b) of s to exclude surrounding whitespace. */
static void strip(const char *s, size_t *a, size_t *b)
{
    while (*a < *b) {
        size_t k = *a;
        if (!so_uni_isspace(so_score_utf8_next(s, *b, &k)))
            break;
        *a = k;
    }
    while (*b > *a) {
        size_t k = *b - 1;
        while (k > *a && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t j = k;
        if (!so_uni_isspace(so_score_utf8_next(s, *b, &j)))
            break;
        *b = k;
    }
}

/* Case-insensitive match of c against the ASCII lower-case letter x, as
** Python's re does it (IGNORECASE, Unicode): only U+017F joins 's'. */
static int ci_letter(uint32_t c, char x)
{
    return c == (uint32_t)x || c == (uint32_t)(x - 32) || (x == 's' && c == 0x17F);
}

int so_brat_role(const char *s, size_t n)
{
    static const char *const names[3] = {"cue", "source", "content"};
    static const int roles[3] = {SO_CUE, SO_SRC, SO_CON};
    for (int r = 0; r < 3; r++) {
        const char *w = names[r];
        size_t i = 0;
        while (*w && i < n && ci_letter(so_score_utf8_next(s, n, &i), *w))
            w++;
        if (*w)
            continue;
        if (digits_len(s, n, i) == n - i)
            return roles[r];
    }
    return -1;
}

/* ------------------------------------------------------------ T lines */

/* A parsed offset: its value if it fits, else its normalised digits. */
typedef struct bignum {
    int64_t v;
    int big;
    char *dec; /* malloc'd ASCII digits when big */
    size_t declen;
} bignum;

/* int() of the \d run s[0..n): 0, or 3 (Python's 4300-digit limit), or -1 (memory). */
static int to_num(parser *P, const char *s, size_t n, bignum *x)
{
    size_t i = 0, ndig = 0, lead = 1;
    memset(x, 0, sizeof *x);
    while (i < n) {
        int d = so_uni_digit(so_score_utf8_next(s, n, &i));
        ndig++;
        if (lead && d == 0)
            continue;
        lead = 0;
        if (x->declen < 18) {
            x->v = x->v * 10 + d;
            x->declen++;
            continue;
        }
        if (!x->big) {
            x->big = 1;
            x->dec = malloc(n + 1);
            if (!x->dec)
                return -1;
            snprintf(x->dec, n + 1, "%lld", (long long)x->v);
        }
        x->dec[x->declen++] = (char)('0' + d);
    }
    if (x->big)
        x->dec[x->declen] = '\0';
    if (ndig > SO_PY_MAX_DIGITS)
        return so_err_setf(P->e, SO_SCORE_EINTERNAL,
                           "ValueError: Exceeds the limit (%d digits) for integer string "
                           "conversion: value has %zu digits; use sys.set_int_max_str_digits() "
                           "to increase the limit", SO_PY_MAX_DIGITS, ndig);
    return 0;
}

static int num_cmp(const bignum *a, const bignum *b)
{
    if (!a->big && !b->big)
        return (a->v > b->v) - (a->v < b->v);
    if (a->big != b->big)
        return a->big ? 1 : -1;
    if (a->declen != b->declen)
        return a->declen > b->declen ? 1 : -1;
    return memcmp(a->dec, b->dec, a->declen);
}

static const char *num_str(const bignum *a, char *buf, size_t len)
{
    if (a->big)
        return a->dec;
    snprintf(buf, len, "%lld", (long long)a->v);
    return buf;
}

/* FRAGS_RE ^(\S+) (\d+ \d+(?:;\d+ \d+)*)$ on s[a..b): the type's end, and
** *d0 where the digits start; 0 if there is no match. */
static size_t frags_match(const char *s, size_t a, size_t b, size_t *d0)
{
    size_t i = a, t;
    while (i < b) {
        size_t k = i;
        if (so_uni_isspace(so_score_utf8_next(s, b, &k)))
            break;
        i = k;
    }
    if (i == a || i >= b || s[i] != ' ')
        return 0;
    t = i++;
    *d0 = i;
    for (;;) {
        size_t d = digits_len(s, b, i);
        if (!d || i + d >= b || s[i + d] != ' ')
            return 0;
        i += d + 1;
        d = digits_len(s, b, i);
        if (!d)
            return 0;
        i += d;
        if (i == b)
            return t;
        if (s[i++] != ';')
            return 0;
    }
}

/* Check one START END fragment and store it. */
static int add_frag(parser *P, const char *id, size_t idlen, const char *s, size_t na,
                    const char *sb, size_t nb)
{
    bignum a, b;
    char ba[24], bb[24];
    int rc = to_num(P, s, na, &a);
    if (rc == 0)
        rc = to_num(P, sb, nb, &b);
    else
        memset(&b, 0, sizeof b);
    if (rc == 0 && num_cmp(&b, &a) < 0)
        rc = fail_at(P, "%.*s has end %s before start %s", (int)idlen, id,
                     num_str(&b, bb, sizeof bb), num_str(&a, ba, sizeof ba));
    if (rc == 0 && P->text && (b.big || b.v > (int64_t)P->text->n))
        rc = fail_at(P, "%.*s offset %s is beyond the end of the article text (%zu characters; "
                     "offsets are Unicode code points, not bytes)", (int)idlen, id,
                     num_str(&b, bb, sizeof bb), P->text->n);
    if (rc == 0 && !P->text && (b.big || b.v > SO_SCORE_MAX_OFFSET))
        rc = fail_at(P, "%.*s offset %s is too large (this scorer takes offsets up to 2^48 "
                     "when the article text is not available)", (int)idlen, id,
                     num_str(&b, bb, sizeof bb));
    if (rc == 0 && so_score_grow(&P->frags, &P->capfr, P->nfr + 1, sizeof *P->frags) < 0)
        rc = fail_nomem(P);
    if (rc == 0)
        P->frags[P->nfr++] = (so_span){a.v, b.v};
    free(a.dec);
    free(b.dec);
    return rc < 0 ? fail_nomem(P) : rc;
}

/* The fragments "A B;A B..." of s[i..end), already known to match. */
static int add_frags(parser *P, const char *id, size_t idlen, const char *s, size_t i,
                     size_t end)
{
    while (i < end) {
        size_t na = digits_len(s, end, i), nb = digits_len(s, end, i + na + 1);
        int rc = add_frag(P, id, idlen, s + i, na, s + i + na + 1, nb);
        if (rc)
            return rc;
        i += na + 1 + nb + 1;
    }
    return 0;
}

/* "Tn<TAB>TYPE START END[;START END...][<TAB>TEXT]"; rest is after the id's tab. */
static int parse_t(parser *P, const char *id, size_t idlen, const char *rest, size_t rn)
{
    const char *tab = memchr(rest, '\t', rn);
    size_t p0 = tab ? (size_t)(tab - rest) : rn, a = 0, b = p0, d0 = 0, t;
    strip(rest, &a, &b);
    t = frags_match(rest, a, b, &d0);
    if (!t) {
        so_sb m;
        msg_at(P, &m);
        so_ssb_printf(&m, "malformed text-bound annotation %.*s: expected \"TYPE START END"
                     "[;START END...]\", got ", (int)idlen, id);
        return fail_repr(P, &m, rest, so_utf8_prefix(rest, p0, 80), "", id, idlen);
    }
    if (so_score_grow(&P->ents, &P->capent, P->nent + 1, sizeof *P->ents) < 0)
        return fail_nomem(P);
    ent *x = &P->ents[P->nent];
    memset(x, 0, sizeof *x);
    x->off = P->nfr;
    x->type = rest + a;
    x->tlen = t - a;
    x->has_txt = tab != NULL;
    x->txt = tab ? tab + 1 : NULL;
    x->txtlen = tab ? rn - p0 - 1 : 0;
    x->nl = -1;
    int rc = add_frags(P, id, idlen, rest, d0, b);
    if (rc)
        return rc;
    x->n = P->nfr - x->off;
    P->last_t = (long)P->nent++;
    return 0;
}

/* ------------------------------------------------------------ E lines */

/* ARG_RE ^([A-Za-z_][A-Za-z0-9_\-]*):([TE]\d+)$ on s[0..n): the role's length, or 0. */
static size_t arg_match(const char *s, size_t n)
{
    size_t i;
    unsigned char c = (unsigned char)s[0];
    if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
        return 0;
    for (i = 1; i < n; i++) {
        c = (unsigned char)s[i];
        if (!(c == '_' || c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9')))
            break;
    }
    if (i + 2 >= n || s[i] != ':' || (s[i + 1] != 'T' && s[i + 1] != 'E'))
        return 0;
    return digits_len(s, n, i + 2) == n - i - 2 ? i : 0;
}

/* str.split() of s[0..n): the next word from *i (its start in *start), or 0 at the end. */
static size_t next_word(const char *s, size_t n, size_t *i, size_t *start)
{
    while (*i < n) {
        size_t k = *i;
        if (!so_uni_isspace(so_score_utf8_next(s, n, &k)))
            break;
        *i = k;
    }
    *start = *i;
    while (*i < n) {
        size_t k = *i;
        if (so_uni_isspace(so_score_utf8_next(s, n, &k)))
            break;
        *i = k;
    }
    return *i - *start;
}

/* Check the roles of the arguments after the trigger and note their kind. */
static int check_roles(parser *P, const event *ev)
{
    for (size_t k = ev->arg0 + 1; k < ev->arg0 + ev->nargs; k++) {
        evarg *g = &P->args[k];
        g->role = so_brat_role(g->name, g->namelen);
        if (g->role < 0) {
            so_sb m;
            msg_at(P, &m);
            so_ssb_puts(&m, "unknown role ");
            return fail_repr(P, &m, g->name, g->namelen, " in event %.*s; expected Source, Cue "
                             "or Content (optionally numbered, e.g. Content2)", ev->id, ev->idlen);
        }
    }
    return 0;
}

/* "En<TAB>TYPE:Ttrig ROLE:Tid ..."; rest is after the id's tab. */
static int parse_e(parser *P, const char *id, size_t idlen, const char *rest, size_t rn)
{
    const char *tab = memchr(rest, '\t', rn);
    size_t n = tab ? (size_t)(tab - rest) : rn, i = 0, w0, wl;
    event ev = {id, idlen, P->lineno, P->narg, 0};
    while ((wl = next_word(rest, n, &i, &w0)) > 0) {
        const char *w = rest + w0;
        size_t rl = arg_match(w, wl);
        if (!rl) {
            so_sb m;
            msg_at(P, &m);
            so_ssb_puts(&m, "malformed event argument ");
            return fail_repr(P, &m, w, wl, " in %.*s (expected ROLE:Tn)", id, idlen);
        }
        if (so_score_grow(&P->args, &P->caparg, P->narg + 1, sizeof *P->args) < 0)
            return fail_nomem(P);
        P->args[P->narg++] = (evarg){w, rl, w + rl + 1, wl - rl - 1, -1};
        ev.nargs++;
    }
    if (!ev.nargs)
        return fail_at(P, "event %.*s has no TYPE:TRIGGER", (int)idlen, id);
    int rc = check_roles(P, &ev);
    if (rc)
        return rc;
    if (so_score_grow(&P->evs, &P->capev, P->nev + 1, sizeof *P->evs) < 0)
        return fail_nomem(P);
    P->evs[P->nev++] = ev;
    return 0;
}

/* ------------------------------------------------------------ lines */

/* A line that is no annotation: the continued TEXT of the previous T line
** (accepted when that T's text holds a newline, or without article text). */
static int continuation(parser *P, const char *s, size_t n)
{
    so_sb m;
    if (P->last_t >= 0) {
        ent *t = &P->ents[P->last_t];
        if (!P->text)
            return 0;
        if (t->nl < 0)
            t->nl = so_brat_spans_have_nl(P->text, P->frags + t->off, t->n);
        if (t->nl)
            return 0;
        msg_at(P, &m);
        so_ssb_puts(&m, "not a brat annotation line (expected \"T1<TAB>...\" / \"E1<TAB>...\"): ");
        return fail_repr(P, &m, s, so_utf8_prefix(s, n, 80), "", "", 0);
    }
    msg_at(P, &m);
    so_ssb_puts(&m, "not a brat annotation line (expected \"T1<TAB>Type start end<TAB>text\" or "
               "\"E1<TAB>Attribution:T4 Cue:T2 ...\"): ");
    return fail_repr(P, &m, s, so_utf8_prefix(s, n, 80), "", "", 0);
}

/* One line without its '\n'. */
static int parse_line(parser *P, const char *s, size_t n)
{
    if (n && s[n - 1] == '\r')
        n--;
    if (n > SO_SCORE_MAX_LINE)
        return fail_at(P, "line is longer than 16 MiB, the limit of this scorer");
    if (is_blank(s, n))
        return 0;
    size_t idl = line_id(s, n);
    if (!idl)
        return continuation(P, s, n);
    const char *rest = s + idl + 1;
    size_t rn = n - idl - 1;
    if (s[0] == 'T' || s[0] == 'E') {
        if (tab_get(P, s, idl) != -2)
            return fail_at(P, "duplicate annotation id %.*s", (int)idl, s);
        if (tab_put(P, s, idl, s[0] == 'T' ? (long)P->nent : -1) < 0)
            return fail_nomem(P);
    }
    if (s[0] == 'T')
        return parse_t(P, s, idl, rest, rn);
    P->last_t = -1;
    return s[0] == 'E' ? parse_e(P, s, idl, rest, rn) : 0;
}

static int parse_lines(parser *P, const char *buf, size_t len)
{
    size_t pos = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (P->lineno = 1;; P->lineno++) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        int rc = parse_line(P, buf + pos, end - pos);
        if (rc || !nl)
            return rc;
        pos = end + 1;
    }
}

/* ------------------------------------------------------------ events */

/* Append the spans of entity x to out. */
static int add_ent_spans(parser *P, const ent *x, so_adoc *out)
{
    for (size_t k = 0; k < x->n; k++)
        if (so_adoc_push_span(out, P->frags[x->off + k].s, P->frags[x->off + k].e) < 0)
            return -1;
    return 0;
}

/* The attribution of event ev (known to have roles), appended to out. */
static int build_attr(parser *P, const event *ev, so_adoc *out)
{
    so_attr *a = so_adoc_new_attr(out);
    if (!a)
        return -1;
    for (int r = 0; r < 3; r++) {
        a->r[r].off = out->nsp;
        for (size_t k = ev->arg0 + 1; k < ev->arg0 + ev->nargs; k++) {
            evarg *g = &P->args[k];
            if (g->role != r)
                continue;
            ent *x = &P->ents[tab_get(P, g->ref, g->reflen)];
            if (add_ent_spans(P, x, out) < 0)
                return -1;
            x->used = 1;
            if (r == SO_CON && x->has_txt && so_brat_has_quote(x->txt, x->txtlen))
                a->quote = 1;
        }
        a->r[r].n = out->nsp - a->r[r].off;
    }
    ent *trig = &P->ents[tab_get(P, P->args[ev->arg0].ref, P->args[ev->arg0].reflen)];
    if (a->r[SO_CUE].n == 0 && !(trig->tlen == 6 && strncasecmp(trig->type, "source", 6) == 0) &&
        !(trig->tlen == 7 && strncasecmp(trig->type, "content", 7) == 0)) {
        so_fl cue = {out->nsp, 0};
        if (add_ent_spans(P, trig, out) < 0)
            return -1;
        cue.n = out->nsp - cue.off;
        a->r[SO_CUE] = cue;
    }
    trig->used = 1;
    return 0;
}

static int build_attrs(parser *P, so_adoc *out, so_brat_stats *st)
{
    for (size_t i = 0; i < P->nev; i++) {
        const event *ev = &P->evs[i];
        for (size_t k = ev->arg0; k < ev->arg0 + ev->nargs; k++) {
            const evarg *g = &P->args[k];
            if (tab_get(P, g->ref, g->reflen) < 0) {
                P->lineno = ev->line;
                return fail_at(P, "event %.*s refers to %.*s, which is not a T annotation in "
                               "this file", (int)ev->idlen, ev->id, (int)g->reflen, g->ref);
            }
        }
        if (ev->nargs == 1) {
            st->empty_events++;
            continue;
        }
        if (build_attr(P, ev, out) < 0)
            return fail_nomem(P);
    }
    return 0;
}

/* Unreferenced role entities, and TEXT fields that disagree with the text. */
static void count_stats(parser *P, so_brat_stats *st)
{
    for (size_t i = 0; i < P->nent; i++) {
        const ent *x = &P->ents[i];
        if (!x->used && so_brat_role(x->type, x->tlen) >= 0)
            st->unref++;
        if (P->text && x->has_txt &&
            so_brat_text_differs(P->text, P->frags + x->off, x->n, x->txt, x->txtlen))
            st->mismatch++;
    }
}

static void parser_free(parser *P)
{
    free(P->ents);
    free(P->frags);
    free(P->evs);
    free(P->args);
    free(P->tab);
}

int so_brat_parse(const char *path, const so_text *text, so_adoc *out, so_brat_stats *st,
                  so_err *e)
{
    parser P;
    char *buf;
    size_t len;
    memset(st, 0, sizeof *st);
    int rc = so_score_read_file(path, &buf, &len, e);
    if (rc)
        return rc;
    memset(&P, 0, sizeof P);
    P.path = path;
    P.text = text;
    P.e = e;
    P.last_t = -1;
    rc = parse_lines(&P, buf, len);
    if (rc == 0)
        rc = build_attrs(&P, out, st);
    if (rc == 0)
        count_stats(&P, st);
    parser_free(&P);
    free(buf);
    return rc;
}
