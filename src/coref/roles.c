/*
** roles.c -- role phrases of people, learned from the text around their
** names, and the gender some role nouns carry:
**     Foreign Minister X, former President X     title before the name
**     spokesman Dan Price, Republican nominee X  role noun before the name
**     X, the city's chief engineer,             appositive after the name
**     X, a Democrat from Ohio,
**     the city's chief engineer, X,             appositive before it
**     a spokesman for the department, X,
**     X was a member of ..., X, who is a ...    predicate
** A phrase counts only when it holds a role noun (its head, the last role
** noun before a preposition). Nominal sources are matched on these heads.
*/
#include <stdlib.h>
#include <string.h>

#include "coref/coref_int.h"
#include "quote/quote.h"

#define ROLE_MAX_TOKS 8
#define MOD_MAX 3

static int is(const so_doc *d, size_t i, const char *w)
{
    return so_tok_is_exact(d, i, w);
}

/* Is token i exactly (case included) the word w? */
static int is_word(const so_doc *d, size_t i, const so_word *w)
{
    return so_tok_len(d, i) == w->n && memcmp(so_tok_str(d, i), w->s, w->n) == 0;
}

static int boundary(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    return t->kind == SO_TK_PUNCT || t->kind == SO_TK_DASH ||
           (t->kind == SO_TK_QUOTE && t->qm != SO_QM_APOS);
}

/* Can token i modify a role noun (former, Republican, campaign, 45-year-old)? */
static int modifier(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    const so_tok *t = &d->tok[i];
    if (t->inq || (t->kind != SO_TK_WORD && t->kind != SO_TK_NUM) || (t->flags & SO_TF_CLITIC))
        return 0;
    if (so_tok_is(d, i, "former"))
        return 1; /* a stop word before capitals, but part of a role */
    if (so_cls(c, i) & (SO_LX_STOPCAP | SO_LX_PRON | SO_LX_PRON_REL))
        return (so_cls(c, i) & (SO_LX_ROLE | SO_LX_TITLE)) != 0;
    if (c->tagged && so_posc(c, i) == SO_PC_VERB && so_coref_lower(d, i))
        return 0; /* "consider naming Sen. Mike Lee" */
    return !so_cue_class(d, i) && !so_cue_is_aux(d, i);
}

size_t so_coref_role_head(const so_coref *c, size_t b, size_t e, uint32_t cls)
{
    static const so_word stop[] = {SO_WORD("of"),   SO_WORD("for"),   SO_WORD("at"),
                                   SO_WORD("in"),   SO_WORD("with"),  SO_WORD("to"),
                                   SO_WORD("on"),   SO_WORD("from"),  SO_WORD("since"),
                                   SO_WORD("who"),  SO_WORD("that"),  SO_WORD("and")};
    size_t h = SIZE_MAX;
    for (size_t i = b; i < e; i++) {
        for (size_t k = 0; k < sizeof stop / sizeof *stop; k++)
            if (is_word(c->d, i, &stop[k]))
                return h;
        if (so_cls(c, i) & cls)
            h = i;
    }
    return h;
}

void so_coref_role_canon(const so_doc *d, size_t i, char *buf)
{
    static const char *const fold[][2] = {
        {"adm", "admiral"}, {"advisor", "adviser"}, {"atty", "attorney"},
        {"capt", "captain"}, {"chair", "chairman"}, {"chairwoman", "chairman"},
        {"cllr", "councillor"},
        {"col", "colonel"}, {"congressman", "representative"},
        {"congresswoman", "representative"}, {"councilwoman", "councilman"},
        {"det", "detective"}, {"dr", "doctor"}, {"front-runner", "frontrunner"},
        {"gen", "general"}, {"insp", "inspector"}, {"supt", "superintendent"},
        {"gov", "governor"}, {"lt", "lieutenant"}, {"pres", "president"},
        {"prof", "professor"}, {"rep", "representative"}, {"sec", "secretary"},
        {"sen", "senator"}, {"sgt", "sergeant"}, {"spokesperson", "spokesman"},
        {"spokeswoman", "spokesman"}, {"businesswoman", "businessman"}};
    size_t n = so_tok_len(d, i), k;
    const char *s = so_tok_str(d, i);
    if (n && s[n - 1] == '.')
        n--;
    for (k = 0; k < n && k + 1 < SO_ROLE_HEAD_MAX; k++)
        buf[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
    buf[k] = 0;
    for (size_t f = 0; f < sizeof fold / sizeof *fold; f++)
        if (buf[0] == fold[f][0][0] && !strcmp(buf, fold[f][0])) {
            strcpy(buf, fold[f][1]);
            return;
        }
}

static int add(so_coref *c, size_t b, size_t e, int32_t ent)
{
    uint32_t cls = c->e[ent].type == SO_ET_ORG ? SO_LX_ORGNOUN : SO_LX_ROLE | SO_LX_TITLE;
    size_t h = so_coref_role_head(c, b, e, cls);
    if (h == SIZE_MAX || b >= e)
        return 0;
    if (so_cls(c, h) & SO_LX_ROLE_F)
        c->e[ent].strong |= SAYSO_GENDER_FEMALE;
    size_t n = so_tok_len(c->d, h);
    if ((so_cls(c, h) & SO_LX_ROLE_M) && n > 5 &&
        so_eq_ci(so_tok_str(c->d, h) + n - 3, 3, "man"))
        c->e[ent].man_role = 1; /* "spokesman Ann Cole": her first name decides */
    else if (so_cls(c, h) & SO_LX_ROLE_M)
        c->e[ent].strong |= SAYSO_GENDER_MALE;
    c->e[ent].evid = 1;
    return so_coref_add_role(c, b, e, h, ent);
}

/* Skip an article and a possessive ("the city's", "Apple's") from i. */
static size_t skip_det(const so_coref *c, size_t i, size_t lim)
{
    const so_doc *d = c->d;
    if (i < lim && (so_tok_is(d, i, "a") || so_tok_is(d, i, "an") || so_tok_is(d, i, "the")))
        i++;
    for (size_t k = i; k < lim && k < i + 4; k++) {
        if (so_coref_poss(d, k))
            return k + 1;
        if (boundary(d, k))
            break;
    }
    return i;
}

/* The role noun phrase starting at i (", a former minister,"): adds it
** for ent when it ends at a boundary and has a head. */
/* Can token i continue a role noun phrase that has begun at b < i
** ("chairman of the agriculture committee")? */
/* Can a role noun phrase go on past the preposition at token i ("chairman
** of", "a Democrat from Ohio")? */
static int role_prep(const so_doc *d, size_t i)
{
    return is(d, i, "of") || is(d, i, "for") || is(d, i, "at") || is(d, i, "from");
}

static int article(const so_doc *d, size_t i)
{
    return is(d, i, "the") || is(d, i, "a") || is(d, i, "an");
}

/* Is token i a cue word that is a noun in a role ("secretary of state",
** "state secretary"): in lower case, not a verb by the tags, after a
** preposition of the role or before a role noun? */
static int cue_noun(const so_coref *c, size_t b, size_t i)
{
    const so_doc *d = c->d;
    if (!so_cue_class(d, i) || so_cue_is_aux(d, i) || !so_coref_lower(d, i) ||
        d->tok[i].inq || (c->tagged && so_posc(c, i) != SO_PC_NOUN))
        return 0;
    return (i > b && role_prep(d, i - 1)) ||
           (i > b + 1 && article(d, i - 1) && role_prep(d, i - 2)) || /* "of the state" */
           (i + 1 < d->ntok && so_coref_lower(d, i + 1) && (so_cls(c, i + 1) & SO_LX_ROLE));
}

/* Is token i a capitalised cue word inside its sentence, a name's last
** word in a post ("Governor of Kwara State")? */
static int cue_name_word(const so_doc *d, size_t i)
{
    return (d->tok[i].flags & SO_TF_CAP) && !(d->tok[i].flags & SO_TF_SENT_START) &&
           !d->tok[i].inq && so_cue_class(d, i) && !so_cue_is_aux(d, i);
}

static int np_word(const so_coref *c, size_t b, size_t i)
{
    const so_doc *d = c->d;
    if (modifier(c, i) || role_prep(d, i) || cue_noun(c, b, i))
        return 1;
    return i > b && role_prep(d, i - 1) && article(d, i);
}

static int np_after(so_coref *c, size_t i, size_t lim, int32_t ent)
{
    const so_doc *d = c->d;
    size_t b = skip_det(c, i, lim), e = b;
    while (e < lim && e - b < ROLE_MAX_TOKS && !boundary(d, e) && np_word(c, b, e))
        e++;
    while (e > b && (so_cls(c, e - 1) & SO_LX_CONN))
        e--;
    if (e == b || (e < lim && !boundary(d, e) && !so_tok_is(d, e, "who") &&
                   !so_tok_is(d, e, "that") && !so_tok_is(d, e, "which")))
        return 0;
    return add(c, b, e, ent);
}

/* Left edge of the modifiers before token h (not before lim). */
static size_t mods_left(const so_coref *c, size_t h, size_t lim, size_t max)
{
    size_t b = h;
    while (b > lim && h - b < max && modifier(c, b - 1) &&
           !(c->d->tok[b - 1].flags & SO_TF_SENT_START && so_cls(c, b - 1) & SO_LX_STOPCAP))
        b--;
    return b;
}

/* Title inside the mention, and a lower-case role noun right before it. */
static int before_name(so_coref *c, const so_ment *m)
{
    const so_doc *d = c->d;
    size_t b = m->b, sb = d->sent[d->tok[m->b].sent].b;
    while (b < m->nb && (so_cls(c, b) & SO_LX_HONOR) && !(so_cls(c, b) & SO_LX_TITLE))
        b++;
    if (b < m->nb)
        return add(c, mods_left(c, b, sb, MOD_MAX), m->nb, m->ent);
    if (m->b > sb && so_coref_lower(d, m->b - 1) && (so_cls(c, m->b - 1) & SO_LX_ROLE))
        return add(c, mods_left(c, m->b - 1, sb, MOD_MAX + 1), m->b, m->ent);
    return 0;
}

/* Is the capitalised title at h the first word of a post [b, ...) with an
** article right before it ("The Governor of Kwara State, Musa Danladi,")? */
static int capital_post(const so_coref *c, size_t b, size_t h)
{
    return h == b && b > 0 && (so_tok_is(c->d, b - 1, "the") || so_tok_is(c->d, b - 1, "a")) &&
           (so_cls(c, h) & SO_LX_TITLE) &&
           !(so_cls(c, h) & SO_LX_HONOR);
}

/* "the city's chief engineer, Maria Okafor,", "A spokeswoman for Harlow
** Energy Inc., Karen Osei,", "The former mayor of Eastbrook, Carla
** Nunez,": the phrase runs back from the comma to an article, a possessive
** or the start of the sentence. */
static int apposed_before(so_coref *c, const so_ment *m)
{
    const so_doc *d = c->d;
    size_t sb = d->sent[d->tok[m->b].sent].b, b = m->b - 1;
    if (m->b < sb + 2 || !is(d, m->b - 1, ","))
        return 0;
    if (m->e < d->ntok && !boundary(d, m->e))
        return 0; /* "the spokesman, Price said": not apposed */
    while (b > sb && m->b - 1 - b < ROLE_MAX_TOKS && !boundary(d, b - 1) &&
           (role_prep(d, b - 1) || cue_noun(c, sb, b - 1) || cue_name_word(d, b - 1) ||
            (modifier(c, b - 1) &&
             (!(so_cls(c, b - 1) & SO_LX_STOPCAP) || so_tok_is(d, b - 1, "former"))) ||
            (b - 1 > sb && article(d, b - 1) && role_prep(d, b - 2)))) /* "for the department" */
        b--;
    if (b > sb && !boundary(d, b - 1) && !(so_cls(c, b - 1) & SO_LX_STOPCAP) &&
        !so_coref_poss(d, b - 1))
        return 0;
    uint32_t cls = c->e[m->ent].type == SO_ET_ORG ? SO_LX_ORGNOUN : SO_LX_ROLE | SO_LX_TITLE;
    size_t h = so_coref_role_head(c, b, m->b - 1, cls);
    if (h == SIZE_MAX || (!so_coref_lower(d, h) && !capital_post(c, b, h)))
        return 0;
    return add(c, b, m->b - 1, m->ent);
}

/* X, ROLE,  /  X is|was ROLE  /  X, who is ROLE */
static int after_name(so_coref *c, const so_ment *m)
{
    static const struct {
        so_word verb; /* case included */
        const char *then; /* the word after it (any case), or NULL */
    } be[] = {{SO_WORD("is"), NULL},      {SO_WORD("was"), NULL},     {SO_WORD("has"), "been"},
              {SO_WORD("had"), "been"},   {SO_WORD("became"), NULL},  {SO_WORD("remains"), NULL},
              {SO_WORD("served"), "as"},  {SO_WORD("serves"), "as"}};
    const so_doc *d = c->d;
    size_t lim = d->sent[d->tok[m->b].sent].e, i = m->e;
    if (i + 1 < lim && is(d, i, ",")) {
        i++;
        if (i + 1 < lim && d->tok[i].kind == SO_TK_NUM && is(d, i + 1, ","))
            i += 2; /* age */
        if (!so_tok_is(d, i, "who"))
            return np_after(c, i, lim, m->ent);
        i++;
    }
    for (size_t k = 0; i < lim && k < sizeof be / sizeof *be; k++) {
        if (!is_word(d, i, &be[k].verb))
            continue;
        if (be[k].then && !(i + 1 < lim && so_tok_is(d, i + 1, be[k].then)))
            continue;
        return np_after(c, be[k].then ? i + 2 : i + 1, lim, m->ent);
    }
    return 0;
}

/* A role for sorting by head, then by index (its place in text order). */
typedef struct role_key {
    const char *head;
    uint32_t r;
} role_key;

static int cmp_role_key(const void *pa, const void *pb)
{
    const role_key *a = pa, *b = pb;
    int h = strcmp(a->head, b->head);
    return h ? h : (a->r > b->r) - (a->r < b->r);
}

/* c->rhead: the roles sorted by head, so that a nominal source looks only
** at the roles with its head (so_coref_roles_with), not at all of them. */
static int index_heads(so_coref *c)
{
    role_key *k = malloc((c->nr ? c->nr : 1) * sizeof *k);
    c->rhead = malloc((c->nr ? c->nr : 1) * sizeof *c->rhead);
    if (!k || !c->rhead) {
        free(k);
        return -1;
    }
    for (size_t r = 0; r < c->nr; r++)
        k[r] = (role_key){c->r[r].head, (uint32_t)r};
    qsort(k, c->nr, sizeof *k, cmp_role_key);
    for (size_t r = 0; r < c->nr; r++)
        c->rhead[r] = k[r].r;
    free(k);
    return 0;
}

/* The first role of c->rhead whose head is above head (past: 1) or not
** below it (past: 0). */
static size_t head_bound(const so_coref *c, const char *head, int past)
{
    size_t lo = 0, hi = c->nr;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int h = strcmp(c->r[c->rhead[mid]].head, head);
        if (h < 0 || (past && h == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first of one head's roles c->rhead[lo .. hi) whose name is not
** before token t. */
static size_t near_bound(const so_coref *c, size_t lo, size_t hi, size_t t)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->m[c->r[c->rhead[mid]].mi].b < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t so_coref_roles_with(const so_coref *c, const char *head, size_t t, size_t *first)
{
    size_t b = head_bound(c, head, 0), e = head_bound(c, head, 1);
    if (e - b > 2 * SO_ROLE_NEAR) { /* a corpus joined into one text */
        size_t at = near_bound(c, b, e, t);
        b = at - b > SO_ROLE_NEAR ? at - SO_ROLE_NEAR : b;
        e = e - at > SO_ROLE_NEAR ? at + SO_ROLE_NEAR : e;
    }
    *first = b;
    return e - b;
}

int so_coref_roles(so_coref *c)
{
    for (size_t i = 0; i < c->nm; i++) {
        const so_ment *m = &c->m[i];
        uint8_t t = c->e[m->ent].type;
        if ((m->flags & SO_MF_QUOTED) || t == SO_ET_PLACE || t == SO_ET_GROUP || t == SO_ET_OTHER)
            continue;
        size_t r0 = c->nr;
        if ((t != SO_ET_ORG && before_name(c, m)) || apposed_before(c, m) || after_name(c, m))
            return -1;
        for (size_t r = r0; r < c->nr; r++)
            c->r[r].mi = (uint32_t)i;
    }
    return index_heads(c);
}

/* Is the role head at token h a relative ("wife", "son", "mother")? */
static int relative_noun(const so_doc *d, size_t h)
{
    static const char *const kin[] = {"wife", "husband", "son", "daughter", "mother", "father",
                                      "brother", "sister", "widow", "widower", "grandson",
                                      "granddaughter", "grandmother", "grandfather", "nephew",
                                      "niece", "uncle", "aunt", "cousin", NULL};
    return so_tok_in(d, h, kin);
}

/* The first of a couple ("Jim" of "Jim and Ellen Carver") named last before
** token t, in its sentence or the eight before, among 32 name mentions at
** most; or -1. */
static int32_t couple_before(const so_coref *c, size_t t)
{
    const so_doc *d = c->d;
    long i = so_coref_ment_before(c, t);
    for (long n = 0; i >= 0 && n < 32; i--, n++) {
        const so_ment *m = &c->m[i];
        if (d->tok[t].sent - d->tok[m->b].sent > 8)
            break;
        if (m->ent >= 0 && c->e[m->ent].couple && !(m->flags & SO_MF_QUOTED))
            return m->ent;
    }
    return -1;
}

/* The person whose relative the role at r is: the one "his" or "her" before
** it was resolved to, the couple "their" means ("Their son, Luke,"), or the
** name before its "'s" ("Brennan's wife"); or -1. */
static int32_t relative_of(const so_coref *c, const so_role *ro)
{
    const so_doc *d = c->d;
    if (ro->b == 0)
        return -1;
    if (so_tok_is(d, ro->b - 1, "his") || so_tok_is(d, ro->b - 1, "her"))
        return so_coref_pronoun_ent(c, ro->b - 1);
    if (so_tok_is(d, ro->b - 1, "their"))
        return couple_before(c, ro->b - 1);
    if (!so_coref_poss(d, ro->b - 1))
        return -1;
    long i = so_coref_ment_before(c, ro->b - 1);
    return i >= 0 && c->m[i].e + 1 == ro->b ? c->m[i].ent : -1;
}

void so_coref_relatives(so_coref *c)
{
    const so_doc *d = c->d;
    for (size_t r = 0; r < c->nr; r++) {
        const so_role *ro = &c->r[r];
        if (ro->ent < 0)
            continue;
        so_ent *e = &c->e[ro->ent];
        const so_ment *cm = &c->m[e->canon];
        if (e->type != SO_ET_PERSON || e->couple || cm->e != cm->nb + 1 ||
            !(so_cls(c, cm->nb) & (SO_LX_NAME_F | SO_LX_NAME_M)) || !relative_noun(d, ro->h))
            continue;
        int32_t k = relative_of(c, ro);
        if (k < 0 || k == ro->ent || c->e[k].type != SO_ET_PERSON)
            continue;
        const so_ment *pm = &c->m[c->e[k].canon];
        if (pm->e >= pm->nb + 2)
            e->couple = (uint32_t)so_coref_last_word(c, pm) + 1;
        else if (c->e[k].couple)
            e->couple = c->e[k].couple; /* "Jim and Ellen Carver ... Their son, Luke," */
    }
}
