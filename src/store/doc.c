/*
** doc.c -- so_store_doc_build(): turns one extraction result into what
** the store writes (see store_int.h): the article's metadata from its JSONL
** fields, each quotation's texts and code-point spans, its speaker (the
** resolved entity, or a name guessed from the source phrase), and the
** normalised key that cross-article matching compares. Pure: no database,
** callable from any thread. All strings of a document live in one arena.
*/
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "io/output.h"
#include "store/store_int.h"

#define ARENA_BLOCK ((size_t)16 << 10)
#define MAX_SPANS_JSON ((size_t)1 << 20)

struct so_arena_blk {
    so_arena_blk *next;
    size_t used, cap;
    max_align_t data[];
};

static void *a_alloc(so_store_doc *d, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    so_arena_blk *b = d->arena;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        if (d->arena && n > ARENA_BLOCK) { /* keep filling the current block */
            b->next = d->arena->next;
            d->arena->next = b;
        } else {
            b->next = d->arena;
            d->arena = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

/* Copy s[0..n) as a NUL-terminated string; NUL bytes become spaces. */
static char *a_str(so_store_doc *d, const char *s, size_t n)
{
    char *p = a_alloc(d, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    so_nul_spaces(p, n);
    p[n] = 0;
    return p;
}

void so_store_doc_free(so_store_doc *d)
{
    if (!d)
        return;
    for (so_arena_blk *b = d->arena, *nx; b; b = nx) {
        nx = b->next;
        free(b);
    }
    free(d);
}

uint64_t so_store_hash(const so_store_article *a, const char *text, size_t len)
{
    const char *parts[] = {a->outlet, a->date, a->title, a->url, a->engine,
                           a->keep_text ? "T" : "N"};
    uint64_t h = so_store_hash64(0, text, len);
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
        h = parts[k] ? so_store_hash64(h, parts[k], strlen(parts[k]) + 1)
                     : so_store_hash64(h, "\xff", 1);
    return h;
}

/* ---- metadata ---- */

/* The first non-empty string field of these names. A value holding a NUL
** byte is passed over (a C string would cut it short); meta keeps it. */
static const char *field(const json_object *obj, const char *const *names)
{
    for (int k = 0; names[k]; k++) {
        json_object *v = NULL;
        json_object_object_get_ex(obj, names[k], &v);
        if (!json_object_is_type(v, json_type_string))
            continue;
        const char *s = json_object_get_string(v);
        size_t n = (size_t)json_object_get_string_len(v);
        if (n && strlen(s) == n)
            return s;
    }
    return NULL;
}

void so_store_article_meta(so_store_article *a, const json_object *record)
{
    static const char *const outlet[] = {"outlet", "publisher", "source", "site", "domain", NULL};
    static const char *const date[] = {"date", "published", "publication_date",
                                       "published_at", "pubdate", NULL};
    static const char *const title[] = {"title", "headline", NULL};
    static const char *const url[] = {"url", "link", NULL};
    if (!json_object_is_type(record, json_type_object))
        return;
    a->outlet = field(record, outlet);
    a->date = field(record, date);
    a->title = field(record, title);
    a->url = field(record, url);
}

char *so_store_meta_json(const json_object *record, const char *text_field)
{
    json_object *m = json_object_is_type(record, json_type_object) ? json_object_new_object() : NULL;
    int bad = !m;
    if (!m)
        return NULL;
    json_object_object_foreach((json_object *)record, k, v) {
        if (bad || !strcmp(k, text_field ? text_field : "text"))
            continue;
        if (json_object_object_add(m, k, json_object_get(v))) { /* m takes a reference */
            json_object_put(v);
            bad = 1;
        }
    }
    const char *s = bad || !json_object_object_length(m)
                        ? NULL
                        : json_object_to_json_string_ext(m, JSON_C_TO_STRING_PLAIN |
                                                                JSON_C_TO_STRING_NOSLASHESCAPE);
    char *copy = s ? strdup(s) : NULL;
    json_object_put(m);
    return copy;
}

/* YYYY-MM-DD (or YYYY-MM, YYYY) from the start of an ISO date, else NULL:
** the date the filters take (so_store_valid_date), a real one. */
static char *iso_date(so_store_doc *d, const char *s)
{
    size_t n = strlen(s), k = n > 10 ? 10 : n; /* 2024-03-05T10:00Z: its day */
    char day[11];
    memcpy(day, s, k);
    day[k] = 0;
    return so_store_valid_date(day) ? a_str(d, day, k) : NULL;
}

static int set_meta(so_store_doc *d, const so_store_article *a)
{
    const char *v;
    int bad = 0;
    if ((v = a->meta_json))
        bad |= !(d->meta = a_str(d, v, strlen(v)));
    if ((v = a->outlet))
        bad |= !(d->outlet = a_str(d, v, strlen(v)));
    if ((v = a->date))
        d->date = iso_date(d, v); /* NULL: not an ISO date (kept in meta) */
    if ((v = a->title))
        bad |= !(d->title = a_str(d, v, strlen(v)));
    if ((v = a->url))
        bad |= !(d->url = a_str(d, v, strlen(v)));
    return bad ? -1 : 0;
}

static int set_id(so_store_doc *d, const char *id_json)
{
    if (!id_json)
        id_json = "null";
    json_object *v = json_tokener_parse(id_json);
    if (json_object_is_type(v, json_type_string))
        d->ext_id = a_str(d, json_object_get_string(v), (size_t)json_object_get_string_len(v));
    else
        d->ext_id = a_str(d, id_json, strlen(id_json));
    json_object_put(v);
    return d->ext_id ? 0 : -1;
}

/* ---- spans and texts ---- */

/* Span sp clipped to the text: [*s, *e). */
static void clip(const so_store_doc *d, const sayso_span *sp, size_t *s, size_t *e)
{
    *s = sp->start < d->len ? sp->start : d->len;
    *e = sp->end < *s ? *s : sp->end > d->len ? d->len : sp->end;
}

/* The spans' text joined by one space (unless ptext is NULL), and their
** code-point JSON. Spans may overlap (an entity's name and a source
** resolved to it), so the text may be longer than the article: its cap is
** the spans' own length (a 20-byte text whose two mentions overlapped
** was refused as "out of memory", found by fuzz_store). */
static int role(so_store_doc *d, const so_cpmap *m, const sayso_span *sp, size_t n,
                char **ptext, char **pjson)
{
    size_t need = n, s, e;
    if (ptext)
        *ptext = NULL;
    *pjson = NULL;
    if (!n)
        return 0;
    for (size_t k = 0; ptext && k < n; k++) {
        clip(d, &sp[k], &s, &e);
        need += e - s;
    }
    so_sbuf t, j;
    so_sb_init(&t, ptext ? need + 1 : 1);
    so_sb_init(&j, MAX_SPANS_JSON);
    so_sb_add(&j, "[", 1);
    for (size_t k = 0; k < n; k++) {
        clip(d, &sp[k], &s, &e);
        if (ptext && k)
            so_sb_add(&t, " ", 1);
        if (ptext)
            so_sb_add(&t, d->text + s, e - s);
        so_sb_printf(&j, "%s[%zu,%zu]", k ? "," : "", so_cpmap_get(m, s), so_cpmap_get(m, e));
    }
    so_sb_add(&j, "]", 1);
    int bad = t.failed || j.failed;
    if (!bad) {
        if (ptext)
            *ptext = a_str(d, t.p ? t.p : "", t.len);
        *pjson = a_str(d, j.p, j.len);
        bad = (ptext && !*ptext) || !*pjson;
    }
    so_sb_free(&t);
    so_sb_free(&j);
    return bad ? -1 : 0;
}

/* Length of a double quotation mark at s (0 if none). */
static size_t dquote_at(const char *s, size_t n)
{
    if (s[0] == '"')
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && ((unsigned char)s[1] == 0xAB ||
                                                  (unsigned char)s[1] == 0xBB))
        return 2;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] >= 0x9C && (unsigned char)s[2] <= 0x9F)
        return 3;
    return 0;
}

/* The matching key of a mixed or indirect quote: its quoted words, if any. */
static long quoted_norm(const char *c, size_t n, so_sbuf *out)
{
    long ntok = 0;
    int inside = 0;
    size_t seg = 0;
    for (size_t i = 0; i < n;) {
        size_t m = dquote_at(c + i, n - i);
        if (!m) {
            i++;
            continue;
        }
        if (inside) {
            long t = so_store_norm(c + seg, i - seg, out);
            if (t < 0)
                return -1;
            ntok += t;
        }
        inside = !inside;
        i += m;
        seg = i;
    }
    if (inside) {
        long t = so_store_norm(c + seg, n - seg, out);
        ntok = t < 0 ? -1 : ntok + t;
    }
    return ntok;
}

static int set_key(so_store_doc *d, so_sq *q)
{
    so_sbuf nb;
    size_t clen = strlen(q->content);
    so_sb_init(&nb, 4 * clen + 16);
    long nt = q->kind == SAYSO_DIRECT ? 0 : quoted_norm(q->content, clen, &nb);
    q->quoted = q->kind == SAYSO_DIRECT || nt > 0;
    if (nt == 0) {
        so_sb_reset(&nb);
        nt = so_store_norm(q->content, clen, &nb);
    }
    int bad = nt < 0 || !(q->norm = a_str(d, nb.p ? nb.p : "", nb.len));
    size_t cap = nt > SO_MAX_KEY_TOK ? SO_MAX_KEY_TOK : (size_t)(nt > 0 ? nt : 0);
    if (!bad && cap && !(q->tok = a_alloc(d, cap * sizeof *q->tok)))
        bad = 1;
    if (!bad) {
        q->ntok = (uint32_t)so_store_tokens(q->norm, nb.len, q->tok, cap);
        q->exact = q->ntok ? so_store_hash64(0x51ed270b, q->norm, nb.len) : 0;
        if (q->ntok && q->ntok < SO_SHORT_TOK)
            q->exact = q->spk_key ? so_store_hash64(q->exact, q->spk_key, strlen(q->spk_key)) : 0;
        q->exact += !q->exact && q->ntok && (q->ntok >= SO_SHORT_TOK || q->spk_key);
    }
    so_sb_free(&nb);
    return bad ? -1 : 0;
}

static const char *const type_names[] = {"person", "organization", "other"};
static const char *const gender_names[] = {NULL, "female", "male"};

static char *name_key(so_store_doc *d, const char *name)
{
    so_sbuf kb;
    so_sb_init(&kb, 4 * SO_MAX_NAME);
    long n = so_store_name_key(name, strlen(name), &kb);
    char *k = n > 0 ? a_str(d, kb.p, kb.len) : NULL;
    so_sb_free(&kb);
    return k;
}

/* Does byte b of the text open a sentence: nothing before it but spaces
** and quotation marks back to the start of the text, a line break, or a
** full stop, question or exclamation mark? */
static int opens_sentence(const char *text, size_t b)
{
    while (b > 0) {
        unsigned char c = (unsigned char)text[b - 1];
        if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '(')
            b--;
        else if (c >= 0x80 && b >= 3 && (unsigned char)text[b - 3] == 0xE2 &&
                 (unsigned char)text[b - 2] == 0x80)
            b -= 3; /* a curly quotation mark or another U+20xx mark */
        else
            return c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?';
    }
    return 1;
}

static int set_speaker(so_store_doc *d, so_sq *q, long ent, size_t src_start)
{
    if (ent >= 0 && (size_t)ent < d->ne && d->e[ent].key) {
        q->entity = ent;
        q->spk_name = d->e[ent].name;
        q->spk_key = d->e[ent].key;
        q->spk_type = d->e[ent].type;
        q->spk_gender = d->e[ent].gender;
        return 0;
    }
    q->entity = -1;
    char name[SO_MAX_NAME + 1];
    if (!q->source || !so_store_fallback_name(q->source, strlen(q->source),
                                               opens_sentence(d->text, src_start), name,
                                               sizeof name))
        return 0;
    if (!(q->spk_key = name_key(d, name)))
        return 0;
    return (q->spk_name = a_str(d, name, strlen(name))) ? 0 : -1;
}

/* The co-speakers of sq that are entities of the document. */
static int set_also(so_store_doc *d, so_sq *q, const sayso_quote *sq)
{
    if (!sq->n_co_speakers)
        return 0;
    long *v = a_alloc(d, sq->n_co_speakers * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < sq->n_co_speakers; i++)
        if (sq->co_speakers[i] >= 0 && (size_t)sq->co_speakers[i] < d->ne)
            v[q->nalso++] = sq->co_speakers[i];
    q->also = v;
    return 0;
}

static int add_quote(so_store_doc *d, const so_cpmap *m, const sayso_quote *sq, so_sq *q)
{
    memset(q, 0, sizeof *q);
    q->kind = (int)sq->kind;
    q->confidence = sq->confidence;
    if (role(d, m, sq->content, sq->n_content, &q->content, &q->content_spans) ||
        role(d, m, sq->cue, sq->n_cue, &q->cue, &q->cue_spans) ||
        role(d, m, sq->source, sq->n_source, &q->source, &q->source_spans))
        return -1;
    if (!q->content && (!(q->content = a_str(d, "", 0)) || !(q->content_spans = a_str(d, "[]", 2))))
        return -1;
    size_t src_start = sq->n_source && sq->source[0].start <= d->len ? sq->source[0].start : 0;
    if (set_speaker(d, q, sq->speaker, src_start) || set_also(d, q, sq))
        return -1;
    return set_key(d, q) ? -1 : 0;
}

/* ---- entities ---- */

static char *roles_json(so_store_doc *d, const sayso_entity *e)
{
    so_sbuf b;
    so_sb_init(&b, MAX_SPANS_JSON);
    so_sb_add(&b, "[", 1);
    for (size_t k = 0; k < e->n_roles; k++) {
        if (k)
            so_sb_add(&b, ",", 1);
        so_json_str(&b, e->roles[k] ? e->roles[k] : "", e->roles[k] ? strlen(e->roles[k]) : 0);
    }
    so_sb_add(&b, "]", 1);
    char *s = b.failed ? NULL : a_str(d, b.p, b.len);
    so_sb_free(&b);
    return s;
}

static int add_entity(so_store_doc *d, const so_cpmap *m, const sayso_entity *e, so_se *o)
{
    memset(o, 0, sizeof *o);
    const char *name = e->name ? e->name : "";
    o->type = type_names[(unsigned)e->type % 3];
    o->gender = gender_names[(unsigned)e->gender % 3];
    if (!(o->name = a_str(d, name, strlen(name))) || !(o->roles = roles_json(d, e)) ||
        role(d, m, e->mentions, e->n_mentions, NULL, &o->mentions))
        return -1;
    if (!o->mentions && !(o->mentions = a_str(d, "[]", 2)))
        return -1;
    o->key = name_key(d, name);
    return 0;
}

static int build(so_store_doc *d, const so_store_article *a, const char *text, size_t len,
                 const sayso_result *r)
{
    d->len = len;
    d->text = (char *)text; /* borrowed while building, copied below if kept */
    d->hash = so_store_hash(a, text, len);
    if (set_id(d, a->id_json) || set_meta(d, a))
        return -1;
    so_cpmap m;
    if (so_cpmap_init(&m, text, len))
        return -1;
    int bad = 0;
    d->ne = sayso_result_entity_count(r);
    d->nq = sayso_result_quote_count(r);
    bad |= d->ne && !(d->e = a_alloc(d, d->ne * sizeof *d->e));
    bad |= d->nq && !(d->q = a_alloc(d, d->nq * sizeof *d->q));
    for (size_t k = 0; !bad && k < d->ne; k++)
        bad = add_entity(d, &m, sayso_result_entity(r, k), &d->e[k]);
    for (size_t k = 0; !bad && k < d->nq; k++)
        bad = add_quote(d, &m, sayso_result_quote(r, k), &d->q[k]);
    so_cpmap_free(&m);
    d->text = NULL;
    if (!bad && a->keep_text && !(d->text = a_alloc(d, len + 1)))
        bad = 1;
    if (!bad && d->text) {
        memcpy(d->text, text, len);
        d->text[len] = 0;
    }
    return bad ? -1 : 0;
}

sayso_status so_store_doc_build(const so_store_article *a, const char *text, size_t len,
                                const sayso_result *r, so_store_doc **ptr_doc, sayso_error *err)
{
    *ptr_doc = NULL;
    if (!a || (!text && len) || !r)
        return so_fail(err, SAYSO_ERR_INVALID, SIZE_MAX, "so_store_doc_build: bad argument");
    so_store_doc *d = calloc(1, sizeof *d);
    if (!d || build(d, a, text ? text : "", len, r)) {
        so_store_doc_free(d);
        return so_fail(err, SAYSO_ERR_NOMEM, SIZE_MAX, "out of memory building the document");
    }
    *ptr_doc = d;
    return SAYSO_OK;
}
