/*
** coord.c -- co-speakers: the people or organisations a coordinated source
** names besides its speaker ("Anna Berg and Tom Lund said": Tom Lund;
** "Mr. Lind, Ms. Ortiz and Mr. Sand wrote"); a "they" source after a
** coordination of people that is a subject ("Berg and Lund founded the
** group in 2010. They say ..."), and a "Both" or "The two" opening the
** sentence after a pair, which mean all of them; and a source that opens
** with "he and" or "she and", whose speaker is the pronoun's person. The
** first stays the speaker; the others are its co-speakers
** (so_coref_conjuncts).
*/
#include <string.h>

#include "attrib/attrib.h"
#include "coref/coref_int.h"

/* Tokens a parenthesis after a name may hold ("Ruth Adler (D-Vt.)"),
** and words before a later name ("and former Oregon governor Tom Holt"). */
#define PAREN_MAX 8
#define LEAD_MAX 4
/* Words of an appositive after a name ("Anna Berg, a retired nurse, and
** ...") or before one ("and the council's chairman, Per Holm"). */
#define APPOS_MAX 6
/* Most names in one coordination (and name mentions looked at before a
** "they"), and how far back before a "they" one may start: each "they" of
** a sentence of 100,000 names reads a few of them, not all. */
#define NAMES_MAX 32
#define THEY_WINDOW 600

/* May name mention m stand in a coordination of speakers: a person's or
** an organisation's name, not a possessor, a modifier ("Ruiz
** supporters") or quoted? */
static int conjunct(const so_coref *c, const so_ment *m)
{
    if (m->ent < 0 || (m->flags & (SO_MF_POSS | SO_MF_MOD | SO_MF_QUOTED)))
        return 0;
    if (so_cls(c, m->e - 1) & SO_LX_TITLE)
        return 0; /* a title with no name after it: "Harbor News Vice President and ..." */
    uint8_t t = c->e[m->ent].type;
    return t == SO_ET_PERSON || t == SO_ET_ORG;
}

static int org_word(const so_coref *c, size_t i)
{
    return (so_cls(c, i) & (SO_LX_ORG | SO_LX_NEWS | SO_LX_BROADCAST | SO_LX_CORP |
                            SO_LX_KNOWN_ORG | SO_LX_ORGNOUN)) != 0;
}

/* Are organisations a and b, joined by "and", the halves of one name ("The
** House Ethics and Public Accounts Committee"): b ends in an
** organisation word, and a, of two words or more, does not? */
static int halves(const so_coref *c, const so_ment *a, const so_ment *b)
{
    return c->e[a->ent].type == SO_ET_ORG && c->e[b->ent].type == SO_ET_ORG &&
           a->e >= a->nb + 2 && !org_word(c, a->e - 1) && org_word(c, b->e - 1);
}

/* Does a possessor of up to three capitalised words or numbers start at
** token k ("Reuters'", "Channel 4's")? */
static int possessor(const so_doc *d, size_t k)
{
    for (size_t j = k; j < d->ntok && j < k + 4; j++) {
        if (j > k && so_coref_poss_any(d, j))
            return 1;
        const so_tok *t = &d->tok[j];
        if (!(t->flags & SO_TF_CAP) && t->kind != SO_TK_NUM)
            return 0;
    }
    return 0;
}

/* May token k come between "and" and the name after it: "former",
** "fellow", "retired", "acting", "outgoing", "the", "his", "her", "their",
** "state" ("and state Sen. Ann Ruiz"), a role noun or title ("and the
** developer Ann Ruiz", "and his wife Carol Dunn", "and Democrat Ann Ruiz"), an age ("and
** 24-year-old Tom Holt"), a possessor ("and Reuters' Ann Ruiz") or a
** place ("and former Oregon governor Leif Sandberg")? */
static int lead_word(const so_coref *c, size_t k)
{
    static const so_word w[] = {SO_WORD("former"), SO_WORD("fellow"),  SO_WORD("retired"),
                                SO_WORD("acting"), SO_WORD("outgoing"), SO_WORD("the"),
                                SO_WORD("his"),    SO_WORD("her"),      SO_WORD("their"),
                                SO_WORD("state")};
    const so_doc *d = c->d;
    const char *s = so_tok_str(d, k);
    size_t n = so_tok_len(d, k);
    if (so_coref_age_word(d, k))
        return 1;
    if (so_coref_poss_any(d, k) || possessor(d, k))
        return 1; /* "and Reuters' Piet Aalders", "and Channel 4's Omar Diallo" */
    if (so_cls(c, k) & (SO_LX_ROLE | SO_LX_ROLE_F | SO_LX_ROLE_M | SO_LX_TITLE))
        return 1; /* also capitalised: "and Democrat Ana Ruiz" */
    if (!so_coref_lower(d, k))
        return (so_cls(c, k) & (SO_LX_PLACE | SO_LX_CITY)) || so_nerc(c, k) == SO_ET_PLACE;
    return so_word_in(s, n, w, sizeof w / sizeof *w);
}

/* The name mention that starts at token k, or after up to LEAD_MAX words
** of lead_word() there ("Sen. Ana Ruiz and former Gov. Tom Holt"), and may
** be a conjunct, or -1. */
static long starting_at(const so_coref *c, size_t k)
{
    const so_doc *d = c->d;
    for (size_t j = 0; j <= LEAD_MAX && k < d->ntok; j++, k++) {
        size_t i = so_coref_starting_before(c->m, c->nm, k);
        if (i < c->nm && c->m[i].b == k && conjunct(c, &c->m[i]))
            return (long)i; /* also "Oregon Gov. Tom Holt", a name with its title */
        if (!lead_word(c, k))
            break;
    }
    return -1;
}

/* Is token j a word or mark an appositive may not hold: "and", a comma,
** a quotation mark or a bracket? */
static int appos_stop(const so_doc *d, size_t j)
{
    return so_tok_is(d, j, "and") || so_tok_is_exact(d, j, ",") || d->tok[j].qm ||
           so_tok_is_exact(d, j, "(") || so_tok_is_exact(d, j, ")");
}

/* The comma that closes an appositive opening at the comma k, before lim,
** when another name of the coordination follows it (an "and" or a
** capitalised word): an age ("Jon Eide, 61, and") or up to APPOS_MAX
** words after "a", "an", "the", "his", "her" or "their" ("Anna Berg, a
** retired nurse, and"); k when there is none. */
static size_t past_appositive(const so_doc *d, size_t k, size_t lim)
{
    static const so_word det[] = {SO_WORD("a"),   SO_WORD("an"),  SO_WORD("the"),
                                  SO_WORD("his"), SO_WORD("her"), SO_WORD("their")};
    if (k + 3 >= lim || !so_tok_is_exact(d, k, ","))
        return k;
    size_t j = k + 2;
    if (d->tok[k + 1].kind != SO_TK_NUM) {
        if (!so_coref_lower(d, k + 1) ||
            !so_word_in(so_tok_str(d, k + 1), so_tok_len(d, k + 1), det, sizeof det / sizeof *det))
            return k;
        while (j < lim && j <= k + 1 + APPOS_MAX && !appos_stop(d, j))
            j++;
    }
    if (j + 1 >= lim || !so_tok_is_exact(d, j, ",") ||
        !(so_tok_is(d, j + 1, "and") || (d->tok[j + 1].flags & SO_TF_CAP)))
        return k;
    return j;
}

/* The name mention after an appositive that opens at token k, before lim,
** and holds a role or title ("and the village council's chairman, Per
** Holm"): up to APPOS_MAX words, a comma, then a name that may be a
** conjunct; or -1. */
static long after_role(const so_coref *c, size_t k, size_t lim)
{
    const so_doc *d = c->d;
    int role = 0;
    for (size_t j = k; j < lim && j < k + APPOS_MAX; j++) {
        if (so_tok_is_exact(d, j, ","))
            return role && j > k && j + 1 < lim ? starting_at(c, j + 1) : -1;
        if (appos_stop(d, j))
            return -1;
        role |= (so_cls(c, j) & (SO_LX_ROLE | SO_LX_ROLE_F | SO_LX_ROLE_M | SO_LX_TITLE)) != 0;
    }
    return -1;
}

/* Token k, or the token after what may follow a name in a coordination,
** before lim: a parenthesis of at most PAREN_MAX tokens ("Ruth Adler
** (D-Vt.)"), "of" and up to four capitalised words ("Paula Strand of
** Oregon and ..."), or an appositive between commas (past_appositive:
** the closing comma). */
static size_t past_tail(const so_doc *d, size_t k, size_t lim)
{
    if (k + 1 < lim && so_tok_is_exact(d, k, "of") && (d->tok[k + 1].flags & SO_TF_CAP)) {
        size_t j = k + 1;
        while (j < lim && j < k + 5 && (d->tok[j].flags & SO_TF_CAP))
            j++;
        return j;
    }
    if (k < lim && so_tok_is_exact(d, k, ","))
        return past_appositive(d, k, lim);
    if (k >= lim || !so_tok_is_exact(d, k, "("))
        return k;
    for (size_t j = k + 1; j < lim && j <= k + PAREN_MAX; j++)
        if (so_tok_is_exact(d, j, ")"))
            return j + 1;
    return k;
}

static int has_ent(const int32_t *v, size_t n, int32_t k)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == k)
            return 1;
    return 0;
}

/* The entities of the coordination of names that mention first opens,
** ending by lim: names joined by commas and closed by "and" ("A and B",
** "A, B and C", "A, B, and C"). Distinct entities into v (at most max),
** their number returned, 0 when there is no such coordination; *end is
** the token after it. */
static size_t coordination_at(const so_coref *c, long first, size_t lim, int32_t *v, size_t max,
                              size_t *end)
{
    const so_doc *d = c->d;
    size_t n = 0;
    long i = first;
    for (size_t names = 1; names <= NAMES_MAX; names++) {
        const so_ment *m = &c->m[i];
        if (m->e > lim)
            return 0;
        if (!has_ent(v, n, m->ent) && n < max)
            v[n++] = m->ent;
        size_t k = past_tail(d, m->e, lim);
        int comma = k < lim && so_tok_is_exact(d, k, ",");
        k += (size_t)comma;
        int and = k < lim && so_tok_is(d, k, "and");
        if (and && so_nerc(c, k))
            return 0; /* inside one name: "the Harbor Institute of Science and
                         Technology" */
        k += (size_t)and;
        if (!comma && !and)
            return 0; /* a list of names with no "and": not a coordination */
        if (and && k < lim && (so_tok_is(d, k, "other") || so_tok_is(d, k, "others"))) {
            *end = k; /* "Karen Holt, Ian Shaw and other parents": the names */
            return n >= 2 ? n : 0;
        }
        if ((i = starting_at(c, k)) < 0 && (!and || (i = after_role(c, k, lim)) < 0))
            return 0;
        if (and) {
            const so_ment *last = &c->m[i];
            if (last->e > lim || halves(c, m, last))
                return 0;
            if (!has_ent(v, n, last->ent) && n < max)
                v[n++] = last->ent;
            *end = past_tail(d, last->e, lim);
            return n >= 2 ? n : 0;
        }
    }
    return 0;
}

/* The coordination of names that a source naming its speaker k opens
** with k: into v (k first), their number returned, 0 when there is none. */
static size_t named_coordination(const so_coref *c, so_range src, int32_t k, int32_t *v,
                                 size_t max)
{
    long i = so_coref_ment_before(c, src.b);
    i = i < 0 ? 0 : i;
    for (; (size_t)i < c->nm && c->m[i].b < src.e; i++) {
        if (c->m[i].b < src.b || c->m[i].ent != k || !conjunct(c, &c->m[i]))
            continue;
        size_t end;
        return coordination_at(c, i, src.e, v, max, &end);
    }
    return 0;
}

/* Is the coordination [b, end) a subject: does it open its sentence (after
** a dateline), or does a verb follow it? Or does it name the subject after
** "are" or "were" ("The two new hosts are Ana Ruiz and Tom Holt.")? */
static int subject(const so_coref *c, size_t b, size_t end)
{
    const so_doc *d = c->d;
    size_t s = d->tok[b].sent;
    if (b == so_sent_after_dateline(d, s))
        return 1;
    if (b > d->sent[s].b && (so_tok_is(d, b - 1, "are") || so_tok_is(d, b - 1, "were")))
        return 1;
    return end < d->sent[s].e && so_posc(c, end) == SO_PC_VERB;
}

/* The people of the last coordination of names before a "they" at token p
** that is a subject, in its sentence or the one before: into v, their
** number returned (0 when there is none). */
static size_t they_conjuncts(const so_coref *c, size_t p, int32_t *v, size_t max)
{
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent, sb = d->sent[s > 0 ? s - 1 : 0].b;
    if (p > sb + THEY_WINDOW)
        sb = p - THEY_WINDOW;
    long i = so_coref_ment_before(c, p);
    for (size_t steps = 0; i >= 0 && c->m[i].b >= sb && steps < NAMES_MAX; i--, steps++) {
        size_t end, n;
        if (!conjunct(c, &c->m[i]) || (n = coordination_at(c, i, p, v, max, &end)) < 2)
            continue; /* the last coordination of names that ends before p */
        long first = i; /* back over "A, B, " to the first name of a list */
        while (first > 0 && i - first < NAMES_MAX && c->m[first - 1].b >= sb &&
               conjunct(c, &c->m[first - 1])) {
            size_t k = past_tail(d, c->m[first - 1].e, c->m[first].b + 1); /* sees the name */
            if (k + 1 != c->m[first].b || !so_tok_is_exact(d, k, ","))
                break;
            first--;
        }
        if (first != i)
            n = coordination_at(c, first, p, v, max, &end);
        for (size_t j = 0; j < n; j++)
            if (c->e[v[j]].type != SO_ET_PERSON)
                return 0;
        return n >= 2 && subject(c, c->m[first].b, end) ? n : 0;
    }
    return 0;
}

/* Is src a phrase for two people named before: "both", "the two", "the
** pair", "the couple", "the duo", "both men" (women, candidates,
** leaders, senators)? */
static int pair_source(const so_doc *d, so_range src)
{
    static const so_word one[] = {SO_WORD("two"), SO_WORD("pair"), SO_WORD("couple"),
                                  SO_WORD("duo")};
    static const so_word plural[] = {SO_WORD("men"), SO_WORD("women"), SO_WORD("candidates"),
                                     SO_WORD("leaders"), SO_WORD("senators")};
    if (src.e == src.b + 1)
        return so_tok_is(d, src.b, "both");
    if (src.e != src.b + 2)
        return 0;
    const char *w = so_tok_str(d, src.b + 1);
    size_t n = so_tok_len(d, src.b + 1);
    if (so_tok_is(d, src.b, "the"))
        return so_word_in(w, n, one, sizeof one / sizeof *one);
    return so_tok_is(d, src.b, "both") && so_word_in(w, n, plural, sizeof plural / sizeof *plural);
}

/* The couple a family source means ("the Brandts", "the Brandt family"
** after "Walter and Irene Brandt", named last before it among 64 name
** mentions): its two people into v; 0 if src is no such source. */
static size_t family_conjuncts(const so_coref *c, so_range src, int32_t *v)
{
    const so_doc *d = c->d;
    size_t n = src.e - src.b, sl;
    if ((n != 2 && n != 3) || !so_tok_is(d, src.b, "the") || d->tok[src.b].inq ||
        !(d->tok[src.b + 1].flags & SO_TF_CAP) || (n == 3 && !so_tok_is(d, src.b + 2, "family")))
        return 0;
    const char *w = so_tok_str(d, src.b + 1);
    sl = so_tok_len(d, src.b + 1);
    if (n == 2) { /* "the Brandts": the surname is the word without its "s" */
        if (sl < 3 || w[sl - 1] != 's')
            return 0;
        sl--;
    }
    long i = so_coref_ment_before(c, src.b);
    for (long k = 0; i >= 0 && k < 64; i--, k++) {
        const so_ment *m = &c->m[i], *p = (size_t)i + 1 < c->nm ? &c->m[i + 1] : NULL;
        if (m->ent < 0 || !c->e[m->ent].couple || !p || p->ent < 0 || p->b != m->e + 1 ||
            !so_tok_is(d, m->e, "and"))
            continue; /* the first name of "Walter and Irene Brandt" only */
        size_t t = c->e[m->ent].couple - 1;
        if (t < p->b || t >= p->e || so_tok_len(d, t) != sl || memcmp(so_tok_str(d, t), w, sl))
            continue;
        v[0] = m->ent;
        v[1] = p->ent;
        return 2;
    }
    return 0;
}

/* Does token i open its sentence (after a dateline, or "And" or "But"), or
** come right after a colon? Not "..., both candidates insisting": a
** pair in mid-sentence may be the people the sentence opened with. */
static int opens_clause(const so_doc *d, size_t i)
{
    size_t b = so_sent_after_dateline(d, d->tok[i].sent);
    if (i == b || (i > 0 && so_tok_is_exact(d, i - 1, ":")))
        return 1;
    return i == b + 1 && (so_tok_is(d, b, "and") || so_tok_is(d, b, "but"));
}

/* The person a "he" or "she" that opens a source before "and" means ("He
** and Sen. Marta Quinn wrote", "She and her aides said"), -1 when it means
** no one, -2 when the source does not open so. */
static int32_t pronoun_first(so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    uint32_t cls = so_cls(c, src.b) & (SO_LX_PRON_M | SO_LX_PRON_F);
    if (!cls || d->tok[src.b].inq || src.b + 2 >= src.e || !so_tok_is(d, src.b + 1, "and"))
        return -2;
    return so_coref_pronoun(c, src.b, cls);
}

size_t so_coref_conjuncts(so_coref *c, so_range src, int32_t *k, int32_t *out, size_t max)
{
    const so_doc *d = c->d;
    if (src.e <= src.b || src.e > d->ntok)
        return 0;
    int32_t v[SO_MAX_ALSO + 2];
    size_t n = 0;
    int32_t p = pronoun_first(c, src);
    size_t fam = p < 0 ? family_conjuncts(c, src, v) : 0;
    if (fam) {
        n = fam; /* "the Brandts": the couple */
    } else if (p >= 0) { /* the pronoun's person, then the names after "and", if any */
        long i = starting_at(c, src.b + 2);
        if (i >= 0 && c->m[i].e > src.e)
            i = -1; /* a name after the source */
        size_t end;
        v[0] = p;
        n = i < 0 ? 0 : coordination_at(c, i, src.e, v + 1, SO_MAX_ALSO + 1, &end);
        if (i >= 0 && !n)
            v[n = 1] = c->m[i].ent;
        n++;
    } else if (*k >= 0) {
        n = named_coordination(c, src, *k, v, SO_MAX_ALSO + 1);
    } else if (src.e == src.b + 1 && (so_cls(c, src.b) & SO_LX_PRON_P) && !d->tok[src.b].inq) {
        n = they_conjuncts(c, src.b, v, SO_MAX_ALSO + 1);
    } else if (pair_source(d, src) && opens_clause(d, src.b) && !d->tok[src.b].inq) {
        n = they_conjuncts(c, src.b, v, SO_MAX_ALSO + 1);
        n = n == 2 ? n : 0; /* "the two" are two */
    }
    if (n && (p >= 0 || n >= 2))
        *k = v[0]; /* the speaker, or the first of the people "they" or "he and" means */
    size_t w = 0;
    for (size_t j = 1; j < n && w < max; j++)
        if (!has_ent(out, w, v[j]) && v[j] != v[0])
            out[w++] = v[j];
    return w;
}
