/*
** export.c -- the speaker step of the engine and the public form of its
** entities. so_coref_speakers() resolves the source of every attribution
** and exports the people, organisations and speakers of the document as
** one malloc'd block: the sayso_entity array first, then the role string
** pointers, the mention spans and the strings (names and roles, with
** line breaks flattened to spaces). Per-entity lists are built with
** counting sorts, so the export is linear in mentions and roles.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attrib/attrib.h"
#include "coref/coref_int.h"
#include "model/tagger.h"

#define ROLE_MAX_BYTES 200 /* longer role phrases are not exported */

typedef struct plan {
    int32_t *map;   /* entity -> exported index, or -1 */
    size_t *roff;   /* roles of entity k: rix[roff[k] .. roff[k + 1]), the */
    uint32_t *rix;  /* distinct ones kept first: nsel[k] of them */
    uint8_t *nsel;
    size_t nkeep, nspans, nroles, nbytes;
} plan;

static size_t span_bytes(const so_coref *c, size_t b, size_t e)
{
    return c->d->tok[e - 1].end - c->d->tok[b].start;
}

/* The bytes the surname of a couple's first name adds to entity k's name
** (a space and the surname), or 0. */
static size_t couple_bytes(const so_coref *c, int32_t k)
{
    const so_ent *e = &c->e[k];
    const so_ment *cm = &c->m[e->canon];
    return e->couple && cm->e == cm->nb + 1 ? 1 + so_tok_len(c->d, e->couple - 1) : 0;
}

/* Copy tokens [b, e) of the text to *pp as a NUL-terminated string. */
static const char *put_text(const so_coref *c, size_t b, size_t e, char **pp)
{
    char *s = *pp;
    size_t n = span_bytes(c, b, e);
    memcpy(s, c->d->text + c->d->tok[b].start, n);
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
            s[i] = ' ';
    s[n] = 0;
    *pp = s + n + 1;
    return s;
}

/* The spelled-out form of a title abbreviation (Sen. -> Senator), or NULL. */
static const char *expand(const so_coref *c, size_t i)
{
    static const char *const ab[][2] = {
        {"Adm.", "Admiral"}, {"Atty.", "Attorney"}, {"Capt.", "Captain"},
        {"Cmdr.", "Commander"}, {"Col.", "Colonel"}, {"Del.", "Delegate"},
        {"Det.", "Detective"}, {"Gen.", "General"}, {"Gov.", "Governor"},
        {"Lt.", "Lieutenant"}, {"Maj.", "Major"}, {"Pres.", "President"},
        {"Prof.", "Professor"}, {"Rep.", "Representative"}, {"Rev.", "Reverend"},
        {"Sec.", "Secretary"}, {"Sen.", "Senator"}, {"Sgt.", "Sergeant"},
        {"Supt.", "Superintendent"}, {"Cllr.", "Councillor"}, {"Cllr", "Councillor"},
        {"Det", "Detective"}, {"Insp", "Inspector"}, {"Insp.", "Inspector"},
        {"Sgt", "Sergeant"}, {"Supt", "Superintendent"}, {"DCI", "Detective Chief Inspector"}};
    if (so_tok_len(c->d, i) < 3)
        return NULL; /* each has three bytes or more */
    for (size_t k = 0; k < sizeof ab / sizeof *ab; k++)
        if (so_tok_is_exact(c->d, i, ab[k][0]))
            return ab[k][1];
    return NULL;
}

/* The text of role [b, e) with title abbreviations spelled out, into out
** (NUL-terminated) when out is not NULL; returns its length. */
static size_t role_text(const so_coref *c, const so_role *r, char *out)
{
    const so_doc *d = c->d;
    size_t n = 0;
    for (size_t i = r->b; i < r->e; i++) {
        const char *x = expand(c, i);
        size_t gap = i > r->b ? d->tok[i].start - d->tok[i - 1].end : 0;
        size_t len = x ? strlen(x) : so_tok_len(d, i);
        if (out) {
            memset(out + n, ' ', gap);
            memcpy(out + n + gap, x ? x : so_tok_str(d, i), len);
        }
        n += gap + len;
    }
    if (out)
        out[n] = 0;
    return n;
}

static int keep(const so_coref *c, int32_t k, const uint8_t *spk)
{
    return spk[k] || so_coref_type(c, k) != SAYSO_ENT_OTHER;
}

static int make_map(const so_coref *c, const so_attrs *as, plan *p)
{
    uint8_t *spk = calloc(c->ne ? c->ne : 1, 1);
    p->map = malloc((c->ne ? c->ne : 1) * sizeof *p->map);
    if (!spk || !p->map) {
        free(spk);
        return -1;
    }
    for (size_t i = 0; i < as->n; i++) {
        if (as->a[i].speaker >= 0)
            spk[as->a[i].speaker] = 1;
        for (size_t j = 0; j < as->a[i].nalso; j++)
            spk[as->a[i].also[j]] = 1;
    }
    for (size_t k = 0; k < c->ne; k++)
        p->map[k] = keep(c, (int32_t)k, spk) ? (int32_t)p->nkeep++ : -1;
    free(spk);
    return 0;
}

/* Bucket the role phrases by entity. */
static int bucket_roles(const so_coref *c, plan *p)
{
    p->roff = calloc(c->ne + 1, sizeof *p->roff);
    p->rix = malloc((c->nr ? c->nr : 1) * sizeof *p->rix);
    if (!p->roff || !p->rix)
        return -1;
    for (size_t r = 0; r < c->nr; r++)
        p->roff[c->r[r].ent + 1]++;
    for (size_t k = 0; k < c->ne; k++)
        p->roff[k + 1] += p->roff[k];
    size_t *fill = malloc((c->ne ? c->ne : 1) * sizeof *fill);
    if (!fill)
        return -1;
    memcpy(fill, p->roff, c->ne * sizeof *fill);
    for (size_t r = 0; r < c->nr; r++)
        p->rix[fill[c->r[r].ent]++] = (uint32_t)r;
    free(fill);
    return 0;
}

static void size_up(const so_coref *c, plan *p)
{
    for (size_t i = 0; i < c->nm + c->nsrc; i++) {
        const so_ment *m = i < c->nm ? &c->m[i] : &c->src[i - c->nm];
        p->nspans += p->map[m->ent] >= 0;
    }
    for (size_t k = 0; k < c->ne; k++) {
        if (p->map[k] < 0)
            continue;
        const so_ment *cm = &c->m[c->e[k].canon];
        p->nbytes += span_bytes(c, cm->nb, cm->e) + 1 + couple_bytes(c, k);
        for (size_t q = p->roff[k]; q < p->roff[k] + p->nsel[k]; q++)
            p->nbytes += role_text(c, &c->r[p->rix[q]], NULL) + 1;
        p->nroles += p->nsel[k];
    }
}

/* Keep, first in each entity's slice of rix, up to SO_COREF_MAX_ROLES
** role phrases of distinct text (ignoring case; longer ones are dropped). */
static int select_roles(const so_coref *c, plan *p)
{
    char kept[SO_COREF_MAX_ROLES][ROLE_MAX_BYTES + 1], s[ROLE_MAX_BYTES + 1];
    p->nsel = calloc(c->ne ? c->ne : 1, 1);
    if (!p->nsel)
        return -1;
    for (size_t k = 0; k < c->ne; k++) {
        size_t n = 0;
        for (size_t q = p->roff[k]; q < p->roff[k + 1] && n < SO_COREF_MAX_ROLES; q++) {
            const so_role *r = &c->r[p->rix[q]];
            size_t i = 0;
            if (p->map[k] < 0 || role_text(c, r, NULL) > ROLE_MAX_BYTES)
                continue;
            role_text(c, r, s);
            while (i < n && strcasecmp(kept[i], s))
                i++;
            if (i < n)
                continue;
            memcpy(kept[n], s, sizeof s);
            p->rix[p->roff[k] + n++] = p->rix[q];
        }
        p->nsel[k] = (uint8_t)n;
    }
    return 0;
}

/* Fill entity k's name and roles; role pointers go to *rp, text to *sp. */
static void fill_ent(const so_coref *c, const plan *p, int32_t k, sayso_entity *e,
                     const char **rp, char **sp)
{
    const so_ment *cm = &c->m[c->e[k].canon];
    e->name = put_text(c, cm->nb, cm->e, sp);
    if (couple_bytes(c, k)) { /* "Janet" of "Janet and Robert Hale": "Janet Hale" */
        size_t t = c->e[k].couple - 1, n = so_tok_len(c->d, t);
        char *end = *sp - 1;
        *end = ' ';
        memcpy(end + 1, so_tok_str(c->d, t), n);
        end[1 + n] = 0;
        *sp = end + 2 + n;
    }
    e->type = so_coref_type(c, k);
    e->gender = so_coref_gender(c, k);
    e->roles = rp;
    for (size_t q = p->roff[k]; q < p->roff[k] + p->nsel[k]; q++) {
        char *s = *sp;
        *sp = s + role_text(c, &c->r[p->rix[q]], s) + 1;
        rp[e->n_roles++] = s;
    }
}

/* The next mention in text order (names and resolved sources merged). */
static const so_ment *next_ment(const so_coref *c, size_t *i, size_t *j)
{
    if (*j >= c->nsrc || (*i < c->nm && c->m[*i].b <= c->src[*j].b))
        return &c->m[(*i)++];
    return &c->src[(*j)++];
}

/* Mention spans, in text order, into each entity's slice of spans: one
** pass to count, one to fill. */
static void fill_mentions(const so_coref *c, const plan *p, sayso_entity *ents,
                          sayso_span *spans)
{
    size_t i = 0, j = 0, off = 0;
    while (i < c->nm || j < c->nsrc) {
        const so_ment *m = next_ment(c, &i, &j);
        if (p->map[m->ent] >= 0)
            ents[p->map[m->ent]].n_mentions++;
    }
    for (size_t k = 0; k < p->nkeep; k++) {
        ents[k].mentions = spans + off;
        off += ents[k].n_mentions;
        ents[k].n_mentions = 0;
    }
    i = j = 0;
    while (i < c->nm || j < c->nsrc) {
        const so_ment *m = next_ment(c, &i, &j);
        if (p->map[m->ent] < 0)
            continue;
        sayso_entity *e = &ents[p->map[m->ent]];
        sayso_span *s = spans + (e->mentions - spans) + e->n_mentions++;
        s->start = c->d->tok[m->b].start;
        s->end = c->d->tok[m->e - 1].end;
    }
}

static int build(const so_coref *c, plan *p, so_coref_out *out)
{
    size_t sz = p->nkeep * sizeof(sayso_entity) + p->nroles * sizeof(char *) +
                p->nspans * sizeof(sayso_span) + p->nbytes;
    char *mem = calloc(1, sz ? sz : 1);
    if (!mem)
        return -1;
    sayso_entity *ents = (sayso_entity *)(void *)mem;
    const char **rp = (const char **)(void *)(ents + p->nkeep);
    sayso_span *spans = (sayso_span *)(void *)(rp + p->nroles);
    char *sp = (char *)(spans + p->nspans);
    for (size_t k = 0; k < c->ne; k++)
        if (p->map[k] >= 0) {
            sayso_entity *e = &ents[p->map[k]];
            fill_ent(c, p, (int32_t)k, e, rp, &sp);
            rp += e->n_roles;
        }
    fill_mentions(c, p, ents, spans);
    out->ents = ents;
    out->n = p->nkeep;
    return 0;
}

static int export_all(const so_coref *c, so_attrs *as, so_coref_out *out)
{
    plan p;
    memset(&p, 0, sizeof p);
    int rc = make_map(c, as, &p) || bucket_roles(c, &p) || select_roles(c, &p) ? -1 : 0;
    if (!rc) {
        for (size_t i = 0; i < as->n; i++) {
            so_attr *a = &as->a[i];
            if (a->speaker >= 0)
                a->speaker = p.map[a->speaker];
            for (size_t j = 0; j < a->nalso; j++)
                a->also[j] = p.map[a->also[j]]; /* kept: make_map marked them */
        }
        size_up(c, &p);
        if (p.nkeep)
            rc = build(c, &p, out);
    }
    free(p.map);
    free(p.roff);
    free(p.rix);
    free(p.nsel);
    return rc;
}

/* A sentence that opens with a definite role noun phrase as its subject
** ("The former minister did not rule out ..."): resolved like a source,
** so that a pronoun after it may take its entity. Not one that starts at
** or after token stop (an attribution's source: resolved as such). */
static void role_subject(so_coref *c, size_t s, size_t stop)
{
    const so_doc *d = c->d;
    size_t b = so_sent_after_dateline(d, s), e = d->sent[s].e;
    if (b + 2 >= e || b >= stop || !so_tok_is(d, b, "the"))
        return;
    size_t h = b + 1;
    while (h < e && h < b + 4 && !(so_cls(c, h) & (SO_LX_ROLE | SO_LX_ROLE_F)) &&
           so_coref_lower(d, h) && so_posc(c, h) != SO_PC_VERB)
        h++;
    if (h + 1 >= e || h >= b + 4 || !(so_cls(c, h) & (SO_LX_ROLE | SO_LX_ROLE_F)) ||
        !so_coref_lower(d, h) || so_posc(c, h + 1) != SO_PC_VERB)
        return;
    so_coref_resolve(c, (so_range){(uint32_t)b, (uint32_t)(h + 1)}, NULL, 0);
}

int so_coref_speakers(const so_doc *d, const so_tagger *pos, const so_tagger *ner, so_attrs *as,
                      so_coref_out *out)
{
    memset(out, 0, sizeof *out);
    so_coref *c;
    if (so_coref_open(d, pos, ner, &c))
        return -1;
    size_t s = 0;
    for (size_t i = 0; i < as->n; i++) {
        so_attr *a = &as->a[i];
        size_t at = a->source.e > a->source.b ? a->source.b : a->cue.b;
        for (; s < d->nsent && d->sent[s].b < at; s++)
            role_subject(c, s, at);
        a->speaker = so_coref_resolve(c, a->source, a->content, a->ncontent);
        a->nalso = (uint8_t)so_coref_conjuncts(c, a->source, &a->speaker, a->also, SO_MAX_ALSO);
    }
    int rc = export_all(c, as, out);
    so_coref_close(c);
    if (rc)
        for (size_t i = 0; i < as->n; i++) {
            as->a[i].speaker = -1;
            as->a[i].nalso = 0;
        }
    return rc;
}
