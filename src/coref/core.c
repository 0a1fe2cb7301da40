/*
** core.c -- the so_coref object: opening (the steps of the module in
** order), closing, the capped arrays of mentions, entities and roles, and
** the public accessors of coref.h.
*/
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "coref/coref_int.h"
#include "model/tagger.h"

int so_coref_open(const so_doc *d, const so_tagger *pos, const so_tagger *ner, so_coref **out)
{
    *out = NULL;
    so_coref *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    c->d = d;
    c->last_spk = -1;
    c->last_group = UINT32_MAX;
    c->last_body = UINT32_MAX;
    c->last_body_ent = -1;
    c->last_person = UINT32_MAX;
    c->last_src = UINT32_MAX;
    c->last_voice = UINT32_MAX;
    c->last_voice_ent = -1;
    c->last_doc = UINT32_MAX;
    c->last_doc_ent = -1;
    so_coref_tags(c, pos, ner);
    if (so_coref_classes(c) || so_coref_find(c)) {
        so_coref_close(c);
        return -1;
    }
    so_coref_subjects(c);
    if (so_coref_cluster(c) || so_coref_roles(c)) {
        so_coref_close(c);
        return -1;
    }
    so_coref_genders(c);
    if (so_coref_chain_pronouns(c)) {
        so_coref_close(c);
        return -1;
    }
    so_coref_relatives(c);
    *out = c;
    return 0;
}

void so_coref_close(so_coref *c)
{
    if (!c)
        return;
    free(c->cls);
    free(c->m);
    free(c->e);
    free(c->r);
    free(c->rhead);
    free(c->src);
    free(c->pm);
    so_coref_keys_free(&c->keys);
    free(c);
}

int so_coref_add_ment(so_coref *c, const so_ment *m)
{
    if (so_grow(&c->m, &c->capm, c->nm + 1, sizeof *c->m, SO_COREF_MAX_MENTIONS))
        return -1;
    c->m[c->nm++] = *m;
    return 0;
}

/* Is the canonical role head a relation to others rather than a post
** ("neighbour", "friend", "colleague")? A neighbour may also be "the
** retired nurse". */
static int relation(const char *head)
{
    static const char *const rel[] = {"neighbour", "neighbor", "friend",   "colleague",
                                      "classmate", "teammate", "flatmate", "housemate",
                                      "roommate",  "resident", NULL};
    for (size_t i = 0; rel[i]; i++)
        if (!strcmp(head, rel[i]))
            return 1;
    return 0;
}

int so_coref_add_role(so_coref *c, size_t b, size_t e, size_t h, int32_t ent)
{
    if (so_grow(&c->r, &c->capr, c->nr + 1, sizeof *c->r, SO_COREF_MAX_ROLE_PHRASES))
        return -1;
    so_role *r = &c->r[c->nr++];
    *r = (so_role){(uint32_t)b, (uint32_t)e, (uint32_t)h, ent, {0}, 0};
    so_coref_role_canon(c->d, h, r->head);
    if (ent >= 0 && (size_t)ent < c->ne && b < c->e[ent].role_b && !relation(r->head))
        c->e[ent].role_b = (uint32_t)b;
    return 0;
}

int32_t so_coref_new_ent(so_coref *c, int32_t mention)
{
    if (so_grow(&c->e, &c->cape, c->ne + 1, sizeof *c->e, SO_COREF_MAX_MENTIONS))
        return -1;
    so_ent *e = &c->e[c->ne];
    memset(e, 0, sizeof *e);
    e->role_b = UINT32_MAX;
    e->canon = e->canon_first = mention;
    e->type = c->m[mention].type;
    return (int32_t)c->ne++;
}

size_t so_coref_starting_before(const so_ment *v, size_t n, size_t t)
{
    size_t lo = 0, hi = n; /* first mention starting at or after t */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].b < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int32_t so_coref_pronoun_ent(const so_coref *c, size_t p)
{
    size_t j = so_coref_starting_before(c->pm, c->npm, p);
    return j < c->npm && c->pm[j].b == p ? c->pm[j].ent : -1;
}

uint8_t so_coref_first_name(const so_coref *c, const so_ment *m)
{
    int couple = m->e == m->nb + 1 && m->ent >= 0 && c->e[m->ent].couple; /* "Janet and
                                                                        Robert Hale" */
    uint32_t cls = m->e >= m->nb + 2 || couple ? so_cls(c, m->nb) : 0;
    return (uint8_t)(((cls & SO_LX_NAME_F) ? SAYSO_GENDER_FEMALE : 0) |
                     ((cls & SO_LX_NAME_M) ? SAYSO_GENDER_MALE : 0));
}

size_t so_coref_last_word(const so_coref *c, const so_ment *m)
{
    size_t l = m->e - 1;
    while (l > m->nb && (so_cls(c, l) & SO_LX_SUFFIX))
        l--;
    return l;
}

long so_coref_ment_before(const so_coref *c, size_t t)
{
    return (long)so_coref_starting_before(c->m, c->nm, t) - 1;
}

size_t so_coref_count(const so_coref *c)
{
    return c ? c->ne : 0;
}

sayso_span so_coref_name(const so_coref *c, int32_t k)
{
    const so_ment *m = &c->m[c->e[k].canon];
    sayso_span s = {c->d->tok[m->nb].start, c->d->tok[m->e - 1].end};
    return s;
}

static void put_span(const so_coref *c, const so_ment *m, sayso_span *out, size_t n,
                     size_t max)
{
    if (n < max) {
        out[n].start = c->d->tok[m->b].start;
        out[n].end = c->d->tok[m->e - 1].end;
    }
}

size_t so_coref_mentions(const so_coref *c, int32_t k, sayso_span *out, size_t max)
{
    size_t n = 0, i = 0, j = 0;
    while (i < c->nm || j < c->nsrc) {
        const so_ment *m = (j >= c->nsrc || (i < c->nm && c->m[i].b <= c->src[j].b))
                               ? &c->m[i++] : &c->src[j++];
        if (m->ent == k)
            put_span(c, m, out, n++, max);
    }
    return n;
}

sayso_entity_type so_coref_type(const so_coref *c, int32_t k)
{
    const so_ent *e = &c->e[k];
    if (e->type == SO_ET_ORG)
        return SAYSO_ENT_ORGANIZATION;
    if (e->type == SO_ET_PERSON || (e->type == SO_ET_UNKNOWN && e->gender))
        return SAYSO_ENT_PERSON;
    return SAYSO_ENT_OTHER;
}

sayso_gender so_coref_gender(const so_coref *c, int32_t k)
{
    const so_ent *e = &c->e[k];
    if (e->gender || e->type == SO_ET_ORG)
        return (sayso_gender)(e->type == SO_ET_ORG ? SAYSO_GENDER_UNKNOWN : e->gender);
    if (e->sf > e->sm)
        return SAYSO_GENDER_FEMALE; /* from the pronoun sources resolved to it */
    return e->sm > e->sf ? SAYSO_GENDER_MALE : SAYSO_GENDER_UNKNOWN;
}
