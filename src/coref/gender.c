/*
** gender.c -- the gender of each entity: honorifics (Mr., Mrs., Ms.) and
** gendered role nouns (spokeswoman, wife; not one in -man: spokesman Ann
** Cole is a woman) first; else its first name, when
** the lexicon lists it as given to one sex (Gloria, Walter; train silver
** 2,185 -> 2,219 correct, dev 233 -> 237); else the pronouns he and she
** outside quotations that can only mean that entity (the one person named
** before it in its sentence, or failing that in the sentence before,
** unless another person whose honorific or role noun has the pronoun's
** gender was named in the three sentences before it: train silver
** 2,177 -> 2,179 correct; a person whose gender is known to be the other
** one is not counted; one in the clause of a speech cue whose subject is
** that person counts half, and not at all when a person known to have the
** pronoun's gender is named before it there); and the pronoun sources
** resolved to it (resolve.c).
*/
#include "coref/coref_int.h"
#include "quote/quote.h"

#define VOTE_SCAN 64
#define REPORTED_SCAN 24 /* tokens looked back from a pronoun for the cue it follows */

/* The gender an entity's honorifics or role nouns give, else its first
** names, when they agree: 0 when there is none. */
static uint8_t known_gender(const so_ent *e)
{
    uint8_t g = e->strong ? e->strong : e->named ? e->named : e->man_role ? SAYSO_GENDER_MALE : 0;
    return g == SAYSO_GENDER_FEMALE || g == SAYSO_GENDER_MALE ? g : 0;
}

/* The gender a pronoun of class cls (he or she) does not have. */
static uint8_t other_gender(uint32_t cls)
{
    return (cls & SO_LX_PRON_F) ? SAYSO_GENDER_MALE : SAYSO_GENDER_FEMALE;
}

/* The one person-like entity named before token p in sentence s (outside
** quotations), or if several, the one of them named as a subject; -1 when
** there is none, -2 when it is ambiguous; *same says whether a person
** whose gender is known to be the pronoun's was named there too. */
static int32_t only_person(const so_coref *c, size_t p, size_t s, uint32_t cls, int *same)
{
    int32_t found = -1, subj = -1, known = -1;
    int many = 0, many_subj = 0;
    long i = so_coref_ment_before(c, p);
    for (size_t steps = 0; i >= 0 && steps < VOTE_SCAN; i--, steps++) {
        const so_ment *m = &c->m[i];
        size_t ms = c->d->tok[m->b].sent;
        if (ms < s)
            break;
        uint8_t t = c->e[m->ent].type;
        if (ms != s || (m->flags & (SO_MF_QUOTED | SO_MF_MOD)) ||
            (t != SO_ET_PERSON && t != SO_ET_UNKNOWN))
            continue;
        if (known_gender(&c->e[m->ent]) == other_gender(cls))
            continue; /* "Melanie Ruiz said, and Tom Ruiz left. She ...": Tom is no vote */
        if (known_gender(&c->e[m->ent]))
            known = m->ent;
        if (found >= 0 && found != m->ent)
            many = 1;
        found = m->ent;
        if (m->flags & SO_MF_SUBJ) {
            many_subj |= subj >= 0 && subj != m->ent;
            subj = m->ent;
        }
    }
    int32_t k = !many ? found : subj >= 0 && !many_subj ? subj : -2;
    *same = known >= 0 && known != k;
    return k;
}

/* he, she, himself, herself: the pronouns that are not possessives or
** objects, whose antecedent is most often the person just named. */
static int nominative(const so_doc *d, size_t p)
{
    return so_tok_is(d, p, "he") || so_tok_is(d, p, "she") || so_tok_is(d, p, "himself") ||
           so_tok_is(d, p, "herself");
}

/* Is a person other than k, whose honorific or role noun gives the gender
** of pronoun class cls, named in the three sentences before token p (so
** that "He" after a sentence naming only Hoff may well mean Keller)? */
static int strong_rival(const so_coref *c, size_t p, uint32_t cls, int32_t k)
{
    const so_doc *d = c->d;
    uint8_t g = (cls & SO_LX_PRON_F) ? SAYSO_GENDER_FEMALE : SAYSO_GENDER_MALE;
    long i = so_coref_ment_before(c, p);
    for (size_t steps = 0; i >= 0 && steps < VOTE_SCAN; i--, steps++) {
        const so_ment *m = &c->m[i];
        if (d->tok[p].sent - d->tok[m->b].sent > 3)
            break;
        const so_ent *e = &c->e[m->ent];
        if (m->ent != k && e->type == SO_ET_PERSON && e->strong == g)
            return 1;
    }
    return 0;
}

/* Is the pronoun at p in the clause of a speech cue whose subject is
** entity k, with no comma between ("Ian Lowe, a deacon, told the paper that
** she ...")? She may be anyone he speaks of, so her vote counts less. */
static int reported_by(const so_coref *c, size_t p, int32_t k)
{
    const so_doc *d = c->d;
    size_t sb = d->sent[d->tok[p].sent].b, q = p;
    while (q > sb && p - q < REPORTED_SCAN && !so_tok_is_exact(d, q - 1, ",") &&
           !(so_cue_class(d, q - 1) && so_coref_lower(d, q - 1)))
        q--;
    if (q == sb || p - q >= REPORTED_SCAN || so_tok_is_exact(d, q - 1, ","))
        return 0;
    long i = so_coref_ment_before(c, q - 1);
    for (size_t steps = 0; i >= 0 && steps < VOTE_SCAN; i--, steps++) {
        const so_ment *m = &c->m[i];
        if (m->b < sb)
            break;
        if (m->ent == k && (m->flags & SO_MF_CUESUBJ))
            return 1;
    }
    return 0;
}

static void vote(so_coref *c, size_t p, uint32_t cls)
{
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent;
    int same;
    int32_t k = only_person(c, p, s, cls, &same);
    int w = k >= 0 && reported_by(c, p, k) ? !same : 2;
    if (!w)
        return;
    if (k == -1 && s > 0) {
        k = only_person(c, d->sent[s].b, s - 1, cls, &same);
        w = 1;
        if (k >= 0 && strong_rival(c, p, cls, k))
            return;
    }
    if (k < 0)
        return;
    so_ent *e = &c->e[k];
    if ((cls & SO_LX_PRON_F) && e->vf < 10000)
        e->vf = (int16_t)(e->vf + w);
    if ((cls & SO_LX_PRON_M) && e->vm < 10000)
        e->vm = (int16_t)(e->vm + w);
}

uint8_t so_coref_decide(const so_ent *e)
{
    uint8_t g = known_gender(e);
    if (g)
        return g;
    if (e->vf > 0 && e->vf >= 2 * e->vm)
        return SAYSO_GENDER_FEMALE;
    if (e->vm > 0 && e->vm >= 2 * e->vf)
        return SAYSO_GENDER_MALE;
    return SAYSO_GENDER_UNKNOWN;
}

/* The sexes of each person's first names, over all its name mentions. */
static void first_names(so_coref *c)
{
    for (size_t i = 0; i < c->nm; i++) {
        const so_ment *m = &c->m[i];
        if (m->ent >= 0 && c->e[m->ent].type != SO_ET_ORG)
            c->e[m->ent].named |= so_coref_first_name(c, m);
    }
}

void so_coref_genders(so_coref *c)
{
    const so_doc *d = c->d;
    first_names(c);
    for (size_t p = 0; p < d->ntok; p++) {
        uint32_t cls = so_cls(c, p) & (SO_LX_PRON_M | SO_LX_PRON_F);
        if (cls && !d->tok[p].inq && nominative(d, p))
            vote(c, p, cls);
    }
    for (size_t k = 0; k < c->ne; k++)
        c->e[k].gender = so_coref_decide(&c->e[k]);
}
