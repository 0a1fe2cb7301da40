/*
** cluster.c -- name mentions into entities. First the names of two or more
** words, in text order: the same full name, or for people the same first
** and last word (Donald J. Trump ~ Donald Trump), joins an entity; then
** those that open with a particle (van der Berg ~ Pieter van der Berg).
** Then the one-word names: a surname (Keller, Mr. Keller) joins the person of
** that surname introduced first, with agreeing honorifics and first names
** (Ms. Ruiz is not Tom Ruiz; Mrs Dunne is not the one already called Ms
** Dunne); an organisation's short form joins it (Times ~ New
** York Times, Sky ~ Sky News); an acronym joins the organisation it abbre-
** viates, defined in brackets or by its initials (EPA); a first name joins
** the one person with that first name. Anything else starts an entity.
*/
#include <stdlib.h>
#include <string.h>

#include "coref/coref_int.h"
#include "quote/quote.h"

#define MAX_CANDS 16
_Static_assert(MAX_CANDS <= SO_KEY_MAX_ENTS, "the key table keeps enough entities per key");

static size_t name_len(const so_ment *m)
{
    return m->e - m->nb;
}

/* 1 for "Mrs", 2 for "Ms" or "Miss" among the honorifics of m, else 0. */
static int wife_form(const so_coref *c, const so_ment *m)
{
    for (size_t k = m->b; k < m->nb; k++) {
        if (so_tok_is(c->d, k, "mrs") || so_tok_is(c->d, k, "mrs."))
            return 1;
        if (so_tok_is(c->d, k, "ms") || so_tok_is(c->d, k, "ms.") || so_tok_is(c->d, k, "miss"))
            return 2;
    }
    return 0;
}

/* Mention m has joined its entity: note its "Mrs" or "Ms" (so_ent.wform). */
static void note_form(so_coref *c, const so_ment *m)
{
    if (m->ent >= 0)
        c->e[m->ent].wform |= (uint8_t)(1u << wife_form(c, m) & 6u);
}

static int put(so_coref *c, int kind, size_t b, size_t e, int32_t ent)
{
    uint64_t k = so_coref_key(c->d, kind, b, e);
    return k ? so_coref_keys_put(&c->keys, k, ent) : 0;
}

/* Are all words of [b, e) organisation cues (News, Post)? */
static int all_org(const so_coref *c, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (!(so_cls(c, i) & (SO_LX_ORG | SO_LX_CORP)))
            return 0;
    return b < e;
}

/* First token of a surname with a particle in the person's name m
** ("van der Berg" of "Pieter van der Berg", "El Amrani" of "Karim El
** Amrani"): the first particle after the first word, before the last
** word; or SIZE_MAX. */
static size_t particle_surname(const so_coref *c, const so_ment *m, size_t l)
{
    for (size_t i = m->nb + 1; i < l; i++)
        if (so_coref_particle(c, i))
            return i;
    return SIZE_MAX;
}

/* Register the keys a long name gives its entity. */
static int put_keys(so_coref *c, const so_ment *m, int32_t ent)
{
    const so_doc *d = c->d;
    size_t l = so_coref_last_word(c, m);
    if (put(c, SO_K_FULL, m->nb, m->e, ent))
        return -1;
    if (m->type == SO_ET_PERSON) {
        size_t p = particle_surname(c, m, l);
        if (p != SIZE_MAX && put(c, SO_K_SURNAME, p, l + 1, ent))
            return -1;
        if (p != SIZE_MAX && p >= m->nb + 2 &&
            !(so_cls(c, p - 1) & (SO_LX_NAME_F | SO_LX_NAME_M)) && put(c, SO_K_LAST, p - 1, p, ent))
            return -1; /* "Lula" of "Luiz Inácio Lula da Silva": the name before the
                          particle, not a listed first name, is the one he goes by */
        if (l >= m->nb + 2 && put(c, SO_K_LAST2, l - 1, l + 1, ent))
            return -1;
        size_t hp = so_coref_hyphen_particle(d, l);
        if (hp && so_coref_keys_put(&c->keys, so_coref_key_from(d, SO_K_LAST, l, hp), ent))
            return -1; /* "Assad" of "Bashar al-Assad" */
        return put(c, SO_K_FIRSTLAST, m->nb, l + 1, ent) || put(c, SO_K_LAST, l, l + 1, ent) ||
               put(c, SO_K_FIRST, m->nb, m->nb + 1, ent);
    }
    if (m->type != SO_ET_ORG)
        return 0;
    if (put(c, SO_K_ACRO, m->nb, m->e, ent))
        return -1;
    if ((so_cls(c, m->e - 1) & SO_LX_ORG) &&
        !(so_tok_is(d, m->e - 1, "house") && so_tok_is(d, m->e - 2, "white")) &&
        put(c, SO_K_ORGTAIL, m->e - 1, m->e, ent))
        return -1; /* "the House" is not the White House */
    if ((so_cls(c, m->e - 1) & SO_LX_CORP) && m->e - m->nb >= 3 &&
        put(c, SO_K_FULL, m->nb, m->e - 1, ent))
        return -1; /* "Harbor Lane" is "Harbor Lane Partners" */
    if (all_org(c, m->nb + 1, m->e) && !so_coref_lex_place(d, m->nb, m->nb + 1))
        return put(c, SO_K_ORGHEAD, m->nb, m->nb + 1, ent);
    if (m->e >= m->nb + 3 && (so_cls(c, m->nb) & SO_LX_ORG) && so_tok_is(d, m->nb + 1, "of"))
        return put(c, SO_K_ORGHEAD, m->nb, m->nb + 1, ent); /* "Ministry" in a headline is
                                                                "Ministry of Health" */
    if ((so_cls(c, m->e - 1) & SO_LX_CORP) && m->e - m->nb >= 3 && !so_cls(c, m->nb) &&
        !(d->tok[m->nb].flags & SO_TF_ALLCAP))
        return put(c, SO_K_ORGHEAD, m->nb, m->nb + 1, ent); /* "Lakeshore" is "Lakeshore
                                                                Medical Group"; not
                                                                "American" */
    return 0;
}

static int32_t lookup1(const so_coref *c, int kind, size_t b, size_t e)
{
    int32_t x;
    uint64_t k = so_coref_key(c->d, kind, b, e);
    return k && so_coref_keys_get(&c->keys, k, &x, 1) ? x : -1;
}

/* The person named before by only the two words ending at token l of a
** longer name ("López Obrador" in a headline, then "Andrés Manuel López
** Obrador"), when the first of them is no listed first name; or -1. */
static int32_t surname_first(const so_coref *c, size_t l)
{
    int32_t ent = lookup1(c, SO_K_FULL, l - 1, l + 1);
    if (ent < 0 || c->e[ent].type != SO_ET_PERSON)
        return -1;
    const so_ment *cm = &c->m[c->e[ent].canon];
    return cm->e - cm->nb == 2 && !so_coref_first_name(c, cm) ? ent : -1;
}

/* The organisation named before by all but the last word of m, a company
** word ("Acme Widgets" before "Acme Widgets Inc.", as put_keys gives
** "Harbor Lane" to "Harbor Lane Partners" named first), when that name was
** an organisation's and is no listed place ("Hong Kong" is not "Hong Kong
** Airlines"); or -1. */
static int32_t short_firm(const so_coref *c, const so_ment *m)
{
    if (m->e - m->nb < 3 || !(so_cls(c, m->e - 1) & SO_LX_CORP) ||
        so_coref_lex_place(c->d, m->nb, m->e - 1))
        return -1;
    int32_t ent = lookup1(c, SO_K_FULL, m->nb, m->e - 1);
    return ent >= 0 && c->e[ent].type == SO_ET_ORG ? ent : -1;
}

/* The names of two words or more, in text order; in a second pass those
** that open with a particle, a surname ("van der Berg", "De Blasio" in a
** headline before "Mayor Bill de Blasio"): they join the person whose
** name ends in them, or else the one of their last word ("dos Santos"). */
static int long_names(so_coref *c)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->nm; i++) {
            so_ment *m = &c->m[i];
            int surname = so_coref_particle(c, m->nb);
            if (name_len(m) < 2 || surname != pass)
                continue;
            size_t l = so_coref_last_word(c, m);
            int32_t ent = lookup1(c, SO_K_FULL, m->nb, m->e);
            if (ent < 0 && surname && (ent = lookup1(c, SO_K_SURNAME, m->nb, l + 1)) < 0)
                ent = lookup1(c, SO_K_LAST, l, l + 1);
            if (ent < 0 && m->type == SO_ET_PERSON)
                ent = lookup1(c, SO_K_FIRSTLAST, m->nb, l + 1);
            if (ent < 0 && l == m->nb + 1 && !so_coref_first_name(c, m))
                ent = lookup1(c, SO_K_LAST2, m->nb, l + 1); /* "López Obrador" */
            if (ent < 0 && l >= m->nb + 2 && m->type == SO_ET_PERSON)
                ent = surname_first(c, l); /* "López Obrador" in a headline first */
            if (ent < 0 && m->type == SO_ET_ORG)
                ent = short_firm(c, m); /* "Acme Widgets" in a headline, then "Acme
                                           Widgets Inc." */
            if (ent < 0 && (ent = so_coref_new_ent(c, (int32_t)i)) < 0)
                return -1;
            m->ent = ent;
            note_form(c, m);
            if (put_keys(c, m, ent))
                return -1;
        }
    return 0;
}

/* Of the candidate entities, the one introduced first: a bare surname
** most often means the article's main person of that name (Ted Cruz, not
** his father Rafael Cruz mentioned once). */
static int32_t first_named(const so_coref *c, const int32_t *cand, size_t n)
{
    int32_t best = cand[0];
    for (size_t k = 1; k < n; k++)
        if (c->e[cand[k]].canon_first < c->e[best].canon_first)
            best = cand[k];
    return best;
}

/* Candidates under key kind for the one-word name of m, keeping those
** whose type and honorific gender agree. */
static size_t cands(const so_coref *c, const so_ment *m, int kind, int32_t *out)
{
    size_t n = so_coref_keys_get(&c->keys, so_coref_key(c->d, kind, m->nb, m->e), out,
                                 MAX_CANDS);
    size_t w = 0;
    for (size_t k = 0; k < n; k++) {
        const so_ent *e = &c->e[out[k]];
        if (m->gender && ((e->strong && !(e->strong & m->gender)) ||
                          so_coref_first_name(c, &c->m[e->canon]) == so_gender_other(m->gender)))
            continue; /* "Ms. Ruiz" is not Tom Ruiz */
        if (m->type == SO_ET_PERSON && e->type == SO_ET_ORG)
            continue;
        out[w++] = out[k];
    }
    return w;
}

/* "Environmental Protection Agency (EPA)": the entity of the name just
** before the bracket, or -1. */
static int32_t bracket_acronym(const so_coref *c, size_t i)
{
    const so_ment *m = &c->m[i];
    const so_doc *d = c->d;
    if (!(m->flags & SO_MF_ACRO) || i == 0 || m->b < 2 || !so_tok_is_exact(d, m->b - 1, "("))
        return -1;
    const so_ment *p = &c->m[i - 1];
    return p->e == m->b - 1 && p->ent >= 0 && c->e[p->ent].type == SO_ET_ORG ? p->ent : -1;
}

/* "The Water Services Regulation Authority, known as Ofwat," (also "also",
** "better", "commonly" or "widely known as"): the entity of the
** organisation or person named right before the comma, or -1. */
static int32_t known_as(const so_coref *c, size_t i)
{
    const so_ment *m = &c->m[i];
    const so_doc *d = c->d;
    if (i == 0 || m->b < 4 || !so_tok_is(d, m->b - 1, "as") || !so_tok_is(d, m->b - 2, "known"))
        return -1;
    size_t k = m->b - 3;
    if (k > 0 && (so_tok_is(d, k, "also") || so_tok_is(d, k, "better") ||
                  so_tok_is(d, k, "commonly") || so_tok_is(d, k, "widely")))
        k--;
    const so_ment *p = &c->m[i - 1];
    if (!so_tok_is_exact(d, k, ",") || p->e != k || p->ent < 0 ||
        (c->e[p->ent].type != SO_ET_ORG && c->e[p->ent].type != SO_ET_PERSON))
        return -1;
    return p->ent;
}

/* A transcript's speaker label in capitals ("DUVAL: ...", "GAZETTE:"):
** the entity whose surname or organisation word it is in title case. */
static int32_t label(const so_coref *c, const so_ment *m)
{
    const so_doc *d = c->d;
    if (!so_coref_is_label(c, m))
        return -1;
    static const int kinds[] = {SO_K_LAST, SO_K_ORGTAIL, SO_K_FULL};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        int32_t v[2];
        size_t n = so_coref_keys_get(&c->keys, so_coref_key_title(d, kinds[k], m->nb), v, 2);
        if (n == 1)
            return v[0];
    }
    return -1;
}

/* A one-word name that only the NER tagger types as a place or other
** ("Delgado has long argued", tagged LOCATION as it opens a sentence)
** but is the surname of a person named before ("Maria Delgado"): that
** person, and m becomes a person's mention. Not a word the lexicon
** knows as a place, a group or an organisation, nor a name modifying a
** noun ("the Ohio delegation"), unless the noun speaks for a person ("The
** Whitfield campaign", "the Whitfield team": train 24 entities gain a
** mention, 1 source newly resolved, right). */
static int32_t tagged_surname(so_coref *c, so_ment *m)
{
    int32_t v[MAX_CANDS];
    static const char *const voices[] = {"campaign", "camp", "team", "spokesman", "spokeswoman",
                                         "spokesperson", "aides", "aide", NULL};
    int voice = m->e < c->d->ntok && so_tok_in(c->d, m->e, voices); /* "The Whitfield campaign" */
    if ((m->type != SO_ET_PLACE && m->type != SO_ET_OTHER) || ((m->flags & SO_MF_MOD) && !voice) ||
        (so_cls(c, m->nb) & (SO_LX_PLACE | SO_LX_GROUP | SO_LX_ORG | SO_LX_KNOWN_ORG)))
        return -1;
    size_t n = cands(c, m, SO_K_LAST, v), w = 0;
    for (size_t k = 0; k < n; k++)
        if (c->e[v[k]].type == SO_ET_PERSON)
            v[w++] = v[k];
    if (!w)
        return -1;
    m->type = SO_ET_PERSON;
    return first_named(c, v, w);
}

/* Of n candidates for mention i, drop those already called by the other
** of "Mrs" and "Ms" ("Mrs Lang" after "Ms Lang" is another Lang: a paper
** keeps one form for one woman), unless that drops all. New count. */
static size_t wife_filter(const so_coref *c, size_t i, int32_t *v, size_t n)
{
    int f = n > 1 ? wife_form(c, &c->m[i]) : 0;
    if (!f)
        return n;
    uint8_t other = f == 1 ? 4 : 2;
    size_t w = 0;
    int32_t keep[MAX_CANDS];
    for (size_t k = 0; k < n; k++)
        if (!(c->e[v[k]].wform & other))
            keep[w++] = v[k];
    if (w)
        memcpy(v, keep, w * sizeof *v);
    return w ? w : n;
}

/* The one company whose name's first word is the one-word name m
** ("Brightwater" of "Brightwater Foods": a name ending in a company word),
** when m has no title; or -1. */
static int32_t firm_head(const so_coref *c, const so_ment *m)
{
    int32_t v[2];
    if (m->nb != m->b ||
        so_coref_keys_get(&c->keys, so_coref_key(c->d, SO_K_ORGHEAD, m->nb, m->e), v, 2) != 1)
        return -1;
    return (so_cls(c, c->m[c->e[v[0]].canon].e - 1) & SO_LX_CORP) ? v[0] : -1;
}

static int32_t match_short(so_coref *c, size_t i)
{
    so_ment *m = &c->m[i];
    int32_t v[MAX_CANDS];
    size_t n;
    int32_t ent = bracket_acronym(c, i);
    if (ent >= 0 || (ent = known_as(c, i)) >= 0 || (ent = label(c, m)) >= 0)
        return ent;
    if ((ent = tagged_surname(c, m)) >= 0)
        return ent;
    if ((m->type == SO_ET_PLACE || m->type == SO_ET_OTHER) &&
        !(so_cls(c, m->nb) & (SO_LX_PLACE | SO_LX_GROUP | SO_LX_DEMONYM)) &&
        (ent = firm_head(c, m)) >= 0) {
        m->type = SO_ET_ORG; /* "A Nestwell spokeswoman" after "Nestwell Inc.", where NER
                                saw a place */
        return ent;
    }
    if (m->type == SO_ET_PLACE || m->type == SO_ET_GROUP || m->type == SO_ET_OTHER)
        return -1;
    n = cands(c, m, SO_K_LAST, v);
    if (m->gender) { /* "Mrs Hale": also Janet of "Janet and Robert Hale" */
        int32_t w[MAX_CANDS];
        size_t nw = cands(c, m, SO_K_COUPLE, w);
        for (size_t k = 0; k < nw && n < MAX_CANDS; k++)
            v[n++] = w[k];
    }
    if ((n = wife_filter(c, i, v, n)))
        return first_named(c, v, n);
    if (m->type != SO_ET_PERSON && ((n = cands(c, m, SO_K_ORGTAIL, v)) ||
                                    (n = cands(c, m, SO_K_ORGHEAD, v))))
        return first_named(c, v, n);
    if (m->type == SO_ET_PERSON && (ent = firm_head(c, m)) >= 0) {
        m->type = SO_ET_ORG; /* "Brightwater said" after "Brightwater Foods", a company:
                                not the person NER saw; "Obama" is not "the Obama
                                Administration" */
        return ent;
    }
    if ((m->flags & SO_MF_ACRO) && (n = cands(c, m, SO_K_ACRO, v)))
        return first_named(c, v, n);
    if (m->nb == m->b && (n = cands(c, m, SO_K_FIRST, v)) == 1)
        return v[0];
    return -1;
}

/* The surname token that the one-word name m shares with the person after
** "and" ("Janet and Robert Hale": "Hale"), both names listed first names,
** or SIZE_MAX. */
static size_t couple_surname(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    const so_ment *m = &c->m[i], *n = i + 1 < c->nm ? &c->m[i + 1] : NULL;
    if (!n || name_len(m) != 1 || m->nb != m->b || n->b != m->e + 1 || n->nb != n->b ||
        name_len(n) < 2 || n->type != SO_ET_PERSON || !so_tok_is_exact(d, m->e, "and") ||
        !(so_cls(c, m->nb) & (SO_LX_NAME_F | SO_LX_NAME_M)) || !so_coref_first_name(c, n) ||
        ((m->flags | n->flags) & SO_MF_QUOTED))
        return SIZE_MAX;
    return so_coref_last_word(c, n);
}

/* "Janet" of "Janet and Robert Hale": Janet Hale, if named so elsewhere,
** or a new person whose surname "Mrs Hale" finds (SO_K_COUPLE); 0, or -1
** when memory runs out. */
static int couple(so_coref *c, size_t i, size_t l)
{
    so_ment *m = &c->m[i];
    int32_t x;
    uint64_t k = so_coref_key_pair(c->d, m->nb, l);
    if (so_coref_keys_get(&c->keys, k, &x, 1)) {
        m->ent = x;
        note_form(c, m);
        return 0;
    }
    if ((x = lookup1(c, SO_K_FULL, m->nb, m->e)) < 0 && (x = so_coref_new_ent(c, (int32_t)i)) < 0)
        return -1;
    m->ent = x;
    note_form(c, m);
    if (!c->e[x].couple)
        c->e[x].couple = (uint32_t)l + 1;
    return so_coref_keys_put(&c->keys, k, x) || put(c, SO_K_COUPLE, l, l + 1, x) ||
           put(c, SO_K_FULL, m->nb, m->e, x);
}

static int short_names(so_coref *c)
{
    for (size_t i = 0; i < c->nm; i++) {
        so_ment *m = &c->m[i];
        if (name_len(m) != 1)
            continue;
        size_t l = couple_surname(c, i);
        if (l != SIZE_MAX) {
            if (couple(c, i, l))
                return -1;
            continue;
        }
        int32_t ent = match_short(c, i);
        if (ent >= 0 && (m->flags & SO_MF_ACRO) && put(c, SO_K_ACRO, m->nb, m->e, ent))
            return -1;
        if (ent >= 0 && known_as(c, i) == ent && put(c, SO_K_FULL, m->nb, m->e, ent))
            return -1; /* "Ofwat said" later is the same one */
        if (ent < 0)
            ent = lookup1(c, SO_K_FULL, m->nb, m->e);
        if (ent < 0) {
            if ((ent = so_coref_new_ent(c, (int32_t)i)) < 0 ||
                put(c, SO_K_FULL, m->nb, m->e, ent))
                return -1;
        }
        m->ent = ent;
        note_form(c, m);
    }
    return 0;
}

/* Is quoted mention q a person's full name that ends in the one word of
** mention m ("Paul Kemp" in a quotation, "Kemp" outside)? */
static int quoted_full(const so_coref *c, const so_ment *q, const so_ment *m)
{
    return q->type == SO_ET_PERSON && name_len(q) >= 2 && name_len(m) == 1 &&
           so_toks_same(c->d, q->e - 1, m->nb, 1);
}

/* Is mention a a better name for its entity than mention b: outside
** quotations, then longer; but a person's full name in a quotation is
** better than the surname alone outside ("the finance director, Paul Kemp,"
** quoted, then "Kemp declined")? */
static int better_name(const so_coref *c, const so_ment *a, const so_ment *b)
{
    int qa = (a->flags & SO_MF_QUOTED) != 0, qb = (b->flags & SO_MF_QUOTED) != 0;
    if (qa != qb && (qa ? quoted_full(c, a, b) : quoted_full(c, b, a)))
        return qa;
    return qa != qb ? qa < qb : name_len(a) > name_len(b);
}

/* Is mention m followed by an appositive whose head is a company noun
** ("Velora, a Berlin-based startup,", "Kestrel, the drug maker,", "Fairtek,
** the Dutch maker of modular phones", "Larchfield, a property group")? */
static int firm_apposed(const so_coref *c, const so_ment *m)
{
    static const so_word firm[] = {
        SO_WORD("company"),  SO_WORD("firm"),      SO_WORD("startup"),   SO_WORD("start-up"),
        SO_WORD("maker"),    SO_WORD("retailer"),  SO_WORD("manufacturer"), SO_WORD("lender"),
        SO_WORD("insurer"),  SO_WORD("airline"),   SO_WORD("automaker"), SO_WORD("carmaker"),
        SO_WORD("chain"),    SO_WORD("conglomerate"), SO_WORD("corporation"), SO_WORD("bank"),
        SO_WORD("carrier"),  SO_WORD("supplier"),  SO_WORD("chipmaker"), SO_WORD("distributor"),
        SO_WORD("daily"),    SO_WORD("newspaper"), SO_WORD("tabloid"),   SO_WORD("weekly"),
        SO_WORD("magazine"), SO_WORD("broadcaster"), SO_WORD("website"), SO_WORD("outlet"),
        SO_WORD("group"),    SO_WORD("charity")};
    const so_doc *d = c->d;
    size_t lim = d->sent[d->tok[m->b].sent].e, i = m->e;
    if (i + 2 >= lim || !so_tok_is_exact(d, i, ","))
        return 0;
    i++;
    if (so_tok_is(d, i, "a") || so_tok_is(d, i, "an") || so_tok_is(d, i, "the"))
        i++;
    for (size_t k = 0; i < lim && k < 5; i++, k++) {
        if (d->tok[i].kind != SO_TK_WORD || so_posc(c, i) == SO_PC_VERB)
            return 0; /* not "Dana Price, told the group that" */
        if (so_word_in(so_tok_str(d, i), so_tok_len(d, i), firm, sizeof firm / sizeof *firm))
            return i + 1 == lim || d->tok[i + 1].kind == SO_TK_PUNCT ||
                   so_tok_is(d, i + 1, "that") || so_tok_is(d, i + 1, "which") ||
                   so_tok_is(d, i + 1, "based") || so_tok_is(d, i + 1, "of");
    }
    return 0;
}

/* Does mention m follow "the" (or a possessive) and a company's or a
** body's noun, within three words ("The pilots' union Balpa said", "the
** retailer Harwoods"), or such a noun phrase that opens the sentence
** ("Ferry operator Channel Link")? */
int so_coref_noun_apposed(const so_coref *c, const so_ment *m)
{
    static const so_word noun[] = {
        SO_WORD("union"),     SO_WORD("group"),      SO_WORD("retailer"),  SO_WORD("company"),
        SO_WORD("firm"),      SO_WORD("insurer"),    SO_WORD("bank"),      SO_WORD("airline"),
        SO_WORD("charity"),   SO_WORD("carmaker"),   SO_WORD("automaker"), SO_WORD("startup"),
        SO_WORD("lender"),    SO_WORD("regulator"),  SO_WORD("watchdog"),  SO_WORD("broadcaster"),
        SO_WORD("manufacturer"), SO_WORD("chain"),   SO_WORD("supermarket"), SO_WORD("operator"),
        SO_WORD("publisher"), SO_WORD("conglomerate"), SO_WORD("app"),   SO_WORD("platform"),
        SO_WORD("website"),   SO_WORD("network"),    SO_WORD("newspaper")};
    const so_doc *d = c->d;
    size_t n = m->b - 1;
    if (m->b < 2 || m->nb != m->b || !so_coref_lower(d, n) ||
        !so_word_in(so_tok_str(d, n), so_tok_len(d, n), noun, sizeof noun / sizeof *noun))
        return 0;
    for (size_t i = n, k = 0; i > 0 && k < 3; k++) {
        i--;
        if (so_tok_is(d, i, "the") || (d->tok[i].flags & SO_TF_CLITIC) ||
            d->tok[i].qm == SO_QM_APOS)
            return 1;
        if (d->tok[i].kind == SO_TK_WORD && i == so_sent_after_dateline(d, d->tok[i].sent))
            return 1; /* opening the sentence: "Ferry operator Channel Link has cancelled" */
        if (d->tok[i].kind != SO_TK_WORD || !so_coref_lower(d, i))
            return 0;
    }
    return 0;
}

/* Is mention m right after a company noun ("the messaging app Chatterly")
** and no place, day or possessor ("the network Wednesday", "the campaign
** group America's ...")? */
static int named_firm(const so_coref *c, const so_ment *m)
{
    return so_coref_noun_apposed(c, m) && !(m->flags & SO_MF_POSS) &&
           !so_cue_is_weekday(c->d, m->nb) && !so_coref_lex_place(c->d, m->nb, m->e);
}

/* Is mention m a team before a player's or an official's role and a name
** ("Harlequins coach Tabai Matson", "Saracens director of rugby Mark
** McCall", "Westport boss Ian Reed")? */
int so_coref_team_role(const so_coref *c, const so_ment *m)
{
    static const so_word role[] = {
        SO_WORD("coach"),      SO_WORD("manager"),    SO_WORD("captain"),  SO_WORD("skipper"),
        SO_WORD("boss"),       SO_WORD("striker"),    SO_WORD("goalkeeper"), SO_WORD("keeper"),
        SO_WORD("winger"),     SO_WORD("midfielder"), SO_WORD("defender"), SO_WORD("forward"),
        SO_WORD("quarterback"), SO_WORD("pitcher"),   SO_WORD("fly-half"), SO_WORD("scrum-half"),
        SO_WORD("flanker"),    SO_WORD("full-back"),  SO_WORD("fullback"), SO_WORD("batsman"),
        SO_WORD("bowler"),     SO_WORD("shortstop"),  SO_WORD("linebacker"), SO_WORD("guard"),
        SO_WORD("director"),   SO_WORD("head")};
    const so_doc *d = c->d;
    size_t i = m->e, lim = d->sent[d->tok[m->b].sent].e;
    if (i + 1 >= lim || !so_coref_lower(d, i) ||
        !so_word_in(so_tok_str(d, i), so_tok_len(d, i), role, sizeof role / sizeof *role))
        return 0;
    for (size_t k = i + 1; k < lim && k <= i + 3; k++) /* "director of rugby Mark McCall" */
        if (d->tok[k].kind == SO_TK_WORD && !so_coref_lower(d, k))
            return (d->tok[k].flags & SO_TF_CAP) != 0;
    return 0;
}

/* Does mention m stand where a company does: after "shares of", "the
** chief executive of", "employees of" ..., or before "'s board", "'s
** shares", "'s chief executive", "shares" ...? */
static int firm_context(const so_coref *c, const so_ment *m)
{
    static const so_word of[] = {
        SO_WORD("shares"),    SO_WORD("stock"),        SO_WORD("shareholders"),
        SO_WORD("executive"), SO_WORD("ceo"),          SO_WORD("board"),
        SO_WORD("employees"), SO_WORD("subsidiary"),   SO_WORD("founder"),
        SO_WORD("customers"), SO_WORD("headquarters"), SO_WORD("co-founder")};
    static const so_word poss[] = {
        SO_WORD("shares"),    SO_WORD("stock"),        SO_WORD("shareholders"),
        SO_WORD("board"),     SO_WORD("employees"),    SO_WORD("subsidiary"),
        SO_WORD("customers"), SO_WORD("headquarters"), SO_WORD("ceo"),
        SO_WORD("revenue"),   SO_WORD("profits")};
    const so_doc *d = c->d;
    if (so_coref_noun_apposed(c, m))
        return 1;
    if (m->b >= 2 && so_tok_is(d, m->b - 1, "of") &&
        so_word_in(so_tok_str(d, m->b - 2), so_tok_len(d, m->b - 2), of, sizeof of / sizeof *of))
        return 1;
    size_t a = m->e;
    if (a < d->ntok && so_tok_is(d, a, "'s"))
        a++;
    else if (a < d->ntok && !so_tok_is(d, a, "shares") && !so_tok_is(d, a, "stock"))
        return 0;
    if (a + 1 < d->ntok && so_tok_is(d, a, "chief") && so_tok_is(d, a + 1, "executive"))
        return 1; /* "X's chief executive", not "X's chief of staff" */
    return a < d->ntok &&
           so_word_in(so_tok_str(d, a), so_tok_len(d, a), poss, sizeof poss / sizeof *poss);
}

/* The entity type most of its mentions have: a title, an honorific, a
** speech cue or a listed first name makes a person of an entity with a
** person's mention ("Donald Trump", then "opposed to Trump" tagged an
** organisation); else people and organisations by majority, but one
** with more mentions typed a place's than an organisation's is a place
** ("New Hampshire has voted", tagged an organisation once). A name NER took
** for a person's that stands where a company does, with no title,
** honorific or listed first name, is an organisation ("The chief executive
** of Lumen Cloud"; train: Valeant and Showtime, both right); so is a name
** of no type, a place's or another's with a company appositive ("Velora,
** a Berlin-based startup,", NER: a place; train: Berenberg, Crowdpac,
** L.H. Meyer and Wealth-X, all right). */
static void decide_type(so_ent *e)
{
    int untyped = e->type == SO_ET_OTHER || e->type == SO_ET_UNKNOWN || e->type == SO_ET_PLACE;
    if (e->firm && !e->human && (e->nper || ((e->firm & 10) && untyped)))
        e->type = SO_ET_ORG;
    else if (e->nper > e->norg || (e->nper && (e->evid || e->human)))
        e->type = SO_ET_PERSON;
    else if (e->norg)
        e->type = e->nplace > e->norg ? SO_ET_PLACE : SO_ET_ORG;
}

/* Canonical mention, mention count, type and honorific gender. */
static void summarise(so_coref *c)
{
    for (size_t k = 0; k < c->ne; k++)
        c->e[k].nment = c->e[k].nper = c->e[k].norg = c->e[k].nplace = c->e[k].firm =
            c->e[k].human = c->e[k].acro = 0;
    for (size_t i = 0; i < c->nm; i++) {
        const so_ment *m = &c->m[i];
        if (m->ent < 0)
            continue;
        so_ent *e = &c->e[m->ent];
        e->nment++;
        if (better_name(c, m, &c->m[e->canon]))
            e->canon = (int32_t)i;
        e->nper += m->type == SO_ET_PERSON;
        e->norg += m->type == SO_ET_ORG;
        e->nplace += m->type == SO_ET_PLACE;
        e->strong |= m->gender;
        if (m->nb > m->b || (m->flags & SO_MF_CUESUBJ))
            e->evid = 1;
        e->human |= m->nb > m->b || m->gender || so_coref_first_name(c, m);
        e->acro |= (m->flags & SO_MF_ACRO) != 0;
        e->firm |= (uint8_t)(firm_context(c, m) | firm_apposed(c, m) << 1 |
                             so_coref_team_role(c, m) << 2 | named_firm(c, m) << 3);
    }
    for (size_t k = 0; k < c->ne; k++)
        decide_type(&c->e[k]);
}

/* Is name mention m a family, a surname in the plural ("the Clintons", "the
** Carvers'") of a person named in the text? */
static int family(const so_coref *c, const so_ment *m)
{
    const so_doc *d = c->d;
    const char *w = so_tok_str(d, m->nb);
    size_t n = so_tok_len(d, m->nb);
    if (m->e != m->nb + 1 || n < 4 || w[n - 1] != 's' || w[n - 2] == 's' ||
        (d->tok[m->nb].flags & SO_TF_ALLCAP))
        return 0;
    int32_t v[SO_KEY_MAX_ENTS];
    size_t nv = so_coref_keys_get(&c->keys, so_coref_key_prefix(d, SO_K_LAST, m->nb, n - 1), v,
                                  SO_KEY_MAX_ENTS);
    for (size_t i = 0; i < nv; i++)
        if (c->e[v[i]].type == SO_ET_PERSON)
            return 1;
    return 0;
}

/* A family named as one ("the Clintons said") is a group, not an
** organisation: "they" may mean it, and it is exported only as a speaker. */
static void families(so_coref *c)
{
    for (size_t k = 0; k < c->ne; k++) {
        so_ent *e = &c->e[k];
        if (e->type != SO_ET_PERSON && e->canon >= 0 && family(c, &c->m[e->canon]))
            e->type = SO_ET_GROUP;
    }
}

int so_coref_cluster(so_coref *c)
{
    if (long_names(c))
        return -1;
    summarise(c);
    if (short_names(c))
        return -1;
    summarise(c);
    families(c);
    return 0;
}
