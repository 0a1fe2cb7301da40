/*
** resolve.c -- an attribution source to an entity, trying in turn:
**   1. a name inside the source that heads it (not a possessor, not a
**      modifier, not inside a prepositional phrase): "Trump's campaign
**      manager Kellyanne Conway" -> Conway;
**   2. a pronoun (he, she, it, they; "who" takes the name before it);
**   3. a definite noun phrase whose head is a role noun learned from the
**      text (the former engineer -> the person whose role is chief
**      engineer; the lawmaker -> Sen. X) or an organisation noun (the
**      newspaper, the agency); "a senator" is someone new;
**   4. capitalised words matching a known name (headlines, "the Clinton
**      campaign"; not "Dahl's lawyer", a different person).
** Anything else stays unresolved.
*/
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "coref/coref_int.h"

#define ORG_WINDOW_SENTS 30
#define MAX_ROLE_CANDS 32
_Static_assert(2 * SO_ROLE_NEAR <= MAX_ROLE_CANDS, "by_role keeps every role it is given");

/* k if entity k is a person or an organisation, one who can be a
** speaker; else -1. */
static int32_t speaker_ent(const so_coref *c, int32_t k)
{
    return k >= 0 && (c->e[k].type == SO_ET_PERSON || c->e[k].type == SO_ET_ORG) ? k : -1;
}

/* The entity a singular pronoun at token p means ("he", "she", "it"; -1
** for none), or -2 when p is no such pronoun. */
static int32_t singular_pronoun(so_coref *c, size_t p)
{
    uint32_t cls = so_cls(c, p) & (SO_LX_PRON_M | SO_LX_PRON_F | SO_LX_PRON_N);
    return cls && !(so_cls(c, p) & SO_LX_PRON_P) ? so_coref_pronoun(c, p, cls) : -2;
}

static int is_prep(const so_doc *d, size_t i)
{
    static const so_word w[] = {SO_WORD("of"),   SO_WORD("for"),  SO_WORD("at"),
                                SO_WORD("with"), SO_WORD("from"), SO_WORD("to"),
                                SO_WORD("by"),   SO_WORD("in"),   SO_WORD("on"),
                                SO_WORD("about"), SO_WORD("against")};
    return so_word_in(so_tok_str(d, i), so_tok_len(d, i), w, sizeof w / sizeof *w);
}

/* Is token i a participle of getting hold of or looking at something
** ("obtained", "seen"): its agent has the words but did not say them. */
static int got_by(const so_doc *d, size_t i)
{
    static const so_word w[] = {SO_WORD("obtained"), SO_WORD("seen"),     SO_WORD("reviewed"),
                                SO_WORD("received"), SO_WORD("acquired"), SO_WORD("viewed"),
                                SO_WORD("examined"), SO_WORD("leaked")};
    return so_word_in(so_tok_str(d, i), so_tok_len(d, i), w, sizeof w / sizeof *w);
}

/* Is token i a role noun in lower case (or the last of two) after the
** capitalised name of an organisation with "of" or "for" in it, from b on
** ("Federation of Small Businesses chair", "Confederation of Industry
** director general")? Not "for Democratic presidential candidate". */
static int org_role(const so_coref *c, size_t i, size_t b)
{
    const so_doc *d = c->d;
    if (!so_coref_lower(d, i) || !(so_cls(c, i) & (SO_LX_ROLE | SO_LX_TITLE)))
        return 0;
    size_t r = i; /* "director general" */
    while (r > b && i - r < 2 && so_coref_lower(d, r - 1) && (so_cls(c, r - 1) & (SO_LX_ROLE | SO_LX_TITLE)))
        r--;
    size_t j = r;
    while (j > b && (d->tok[j - 1].flags & SO_TF_CAP) && r - j < 6)
        j--;
    return j < r && j > b + 1 && (so_tok_is_exact(d, j - 1, "of") || so_tok_is_exact(d, j - 1, "for")) &&
           (d->tok[j - 2].flags & SO_TF_CAP);
}

/* Does mention m sit in a prepositional phrase inside [b, ...)? ("by"
** names an agent: "a report by Politico" is Politico's; a role noun in
** lower case after the phrase heads the name after it: "Federation of
** Small Businesses chair Tina McKenzie" is hers.) */
static int in_pp(const so_coref *c, const so_ment *m, size_t b)
{
    const so_doc *d = c->d;
    for (size_t i = m->b; i-- > b;) {
        if (so_tok_is_exact(d, i, ",") || so_tok_is_exact(d, i, "(") || so_tok_is(d, i, "by"))
            return 0;
        if (i + 1 == m->b && org_role(c, i, b))
            return 0;
        if (is_prep(d, i))
            return 1;
    }
    return 0;
}

/* Is the word w (any case) in [b, e)? */
static int has_word(const so_doc *d, size_t b, size_t e, const char *w)
{
    for (size_t i = b; i < e; i++)
        if (so_tok_is(d, i, w))
            return 1;
    return 0;
}

/* Does token i of [b, e) open a clause that modifies the noun before it:
** a relative pronoun, or a participle after a noun ("judges handling
** Freedom of Information lawsuits", "a memo obtained by the Courier")? Not
** a participle whose "by" names the author ("a poll released Sunday by the
** Ledger"), nor one that names or counts in ("a staffer named Ann Ruiz",
** "a man calling himself Ray", "firms including Brightwater"). */
static int modifier_at(const so_coref *c, size_t i, size_t b, size_t e)
{
    static const so_word naming[] = {SO_WORD("named"), SO_WORD("called"), SO_WORD("calling"),
                                     SO_WORD("dubbed"), SO_WORD("known"), SO_WORD("including")};
    const so_doc *d = c->d;
    if (i <= b)
        return 0;
    if ((so_cls(c, i) & SO_LX_PRON_REL) || so_tok_is(d, i, "which") || so_tok_is(d, i, "that"))
        return 1;
    size_t n = i - 1; /* the noun before, or before a comma: "The letter, seen by X," */
    if (so_tok_is_exact(d, n, ",") && n > b && got_by(d, i))
        n--;
    return so_posc(c, i) == SO_PC_PART &&
           (so_posc(c, n) == SO_PC_NOUN || so_posc(c, n) == SO_PC_PROPER) &&
           !so_word_in(so_tok_str(d, i), so_tok_len(d, i), naming, sizeof naming / sizeof *naming) &&
           (got_by(d, i) || !has_word(d, i + 1, e, "by"));
}

/* Does mention m sit in such a clause inside [b, ...), one that no comma
** has closed before it ("One pastor backing Ruiz, Ann Cole of ...")? */
static int in_clause(const so_coref *c, const so_ment *m, size_t b)
{
    int in = 0;
    for (size_t i = b; i < m->b; i++) {
        if (so_tok_is_exact(c->d, i, ","))
            in = 0;
        else if (modifier_at(c, i, b, m->b))
            in = 1;
    }
    return in;
}

/* Do up to three words in lower case from token j, the last a role noun,
** lead to another name before e, maybe after a comma ("Whitfield senior
** communications adviser Jason Mercer", "Whitfield's Ohio state director,
** Ken Abara,": the name is the adviser's, not Whitfield's)? */
static int role_before_name(const so_coref *c, size_t j, size_t e)
{
    const so_doc *d = c->d;
    for (size_t k = j; k < e && k < j + 3; k++) {
        if (!so_coref_lower(d, k) || d->tok[k].kind != SO_TK_WORD || so_posc(c, k) == SO_PC_VERB ||
            so_tok_is(d, k, "and") || so_tok_is(d, k, "or"))
            return 0; /* "Rachel Moore and her deputy Ian Clegg": two speakers */
        if ((so_cls(c, k) & (SO_LX_ROLE | SO_LX_TITLE)) && k + 1 < e) {
            size_t n = k + 1 + (k + 2 < e && so_tok_is_exact(d, k + 1, ","));
            long i = so_coref_ment_before(c, n + 1);
            return i >= 0 && c->m[i].b == n;
        }
    }
    return 0;
}

/* Does mention m give the name of the person the source [b, ...) is,
** after "as" in a clause about a name ("Another passenger, who gave his
** name only as Gareth,", "a nurse who asked to be identified only as
** Maria")? */
static int named_as(const so_doc *d, const so_ment *m, size_t b)
{
    static const char *const about[] = {"name", "identified", "identify", "herself", "himself",
                                        NULL};
    if (m->b < b + 2 || !so_tok_is(d, m->b - 1, "as"))
        return 0;
    for (size_t i = m->b - 1; i-- > b && m->b - i <= 6;)
        if (so_tok_in(d, i, about))
            return 1;
    return 0;
}

/* Does name mention m open with an organisation word and a title before
** the name ("House Rep. Dana Holt" of "Speaker of the House Rep. Dana
** Holt")? Its organisation word ends a phrase before it, so the name is
** not inside that phrase's preposition. */
static int house_title(const so_coref *c, const so_ment *m)
{
    return m->nb >= m->b + 2 && (so_cls(c, m->b) & SO_LX_ORG) &&
           (so_cls(c, m->nb - 1) & SO_LX_TITLE);
}

static long named(const so_coref *c, so_range src)
{
    long i = so_coref_ment_before(c, src.b);
    if (i < 0)
        i = 0;
    for (; (size_t)i < c->nm && c->m[i].b < src.e; i++) {
        const so_ment *m = &c->m[i];
        if (m->e <= src.b || m->nb >= src.e || (m->flags & (SO_MF_POSS | SO_MF_MOD)) ||
            c->e[m->ent].type == SO_ET_OTHER)
            continue; /* not "British" in "the British medical journal" */
        if (m->b >= src.b && (in_pp(c, m, src.b) || in_clause(c, m, src.b)) &&
            !house_title(c, m) && !named_as(c->d, m, src.b))
            continue;
        if (role_before_name(c, m->e, src.e))
            continue; /* "Whitfield senior communications adviser Jason Mercer" */
        return i;
    }
    return -1;
}

/* The word tokens of src: how many, and the first. */
static size_t words(const so_doc *d, so_range src, size_t *first)
{
    size_t n = 0;
    *first = SIZE_MAX;
    for (size_t i = src.b; i < src.e; i++)
        if (d->tok[i].kind == SO_TK_WORD) {
            if (!n)
                *first = i;
            n++;
        }
    return n;
}

/* "X, who said", "X, now the majority leader, who said", "X is a lawyer
** who said": the last name of a person before "who" in its sentence that
** is neither a possessor nor a modifier (places and organisations passed
** over); none when a group's name comes first. */
static int32_t relative(const so_coref *c, size_t w)
{
    const so_doc *d = c->d;
    size_t sb = d->sent[d->tok[w].sent].b;
    for (long i = so_coref_ment_before(c, w); i >= 0 && c->m[i].b >= sb; i--) {
        const so_ment *m = &c->m[i];
        if (m->flags & (SO_MF_POSS | SO_MF_MOD | SO_MF_QUOTED))
            continue;
        uint8_t t = c->e[m->ent].type;
        if (t == SO_ET_PERSON || t == SO_ET_UNKNOWN)
            return m->ent; /* not "Oregon" of "a Democrat from Oregon who wrote", nor "Fox
                              News" of "Megyn Kelly of Fox News, who": a person's */
        if (t == SO_ET_GROUP)
            return -1; /* "County Republicans who backed the levy ...": the group's,
                          not the person named before (train: 4 sources, all right) */
    }
    return -1;
}

/* "the agency, which said", "a group that intends": the name that ends
** right before "which" or "that" (a comma between allowed), when it names
** an organisation (people are "who"). */
static int32_t antecedent(const so_coref *c, size_t w)
{
    const so_doc *d = c->d;
    size_t end = w > 0 && so_tok_is_exact(d, w - 1, ",") ? w - 1 : w;
    long i = so_coref_ment_before(c, w);
    if (i < 0 || end == 0 || d->tok[end - 1].sent != d->tok[w].sent)
        return -1;
    const so_ment *m = &c->m[i];
    if (m->e != end || (m->flags & (SO_MF_POSS | SO_MF_MOD | SO_MF_QUOTED)))
        return -1;
    static const so_word link[] = {SO_WORD("of"), SO_WORD("for"), SO_WORD("v."),
                                   SO_WORD("v"), SO_WORD("vs.")};
    size_t j = m->b > 0 && so_tok_is(d, m->b - 1, "the") ? m->b - 1 : m->b;
    if (j >= 2 && so_word_in(so_tok_str(d, j - 1), so_tok_len(d, j - 1), link, 5) &&
        (d->tok[j - 2].flags & SO_TF_CAP))
        return -1; /* the end of a longer name: "Friends of the Pier", "Smith v. Jones" */
    return c->e[m->ent].type == SO_ET_ORG ? m->ent : -1;
}

/* Is there an unresolved plural source ("Local housing groups said") in the
** sentence of token p or the one before, which a "they" at p most likely
** means? */
static int group_before(const so_coref *c, size_t p)
{
    const so_doc *d = c->d;
    return c->last_group != UINT32_MAX && c->last_group < p &&
           d->tok[p].sent - d->tok[c->last_group].sent <= 1;
}

/* Is there an unresolved source headed by an organisation noun ("The
** nurses' union said", "the congressional report said") in the sentence of
** token p or the one before, which an "it" at p most likely means? Train:
** 9 "it" sources left unresolved, all 9 wrong before (the last
** organisation named instead of the report or the campaign). */
static int body_before(const so_coref *c, size_t p)
{
    const so_doc *d = c->d;
    return c->last_body != UINT32_MAX && c->last_body < p &&
           d->tok[p].sent - d->tok[c->last_body].sent <= 1 &&
           !(c->last_spk >= 0 && c->last_spk_tok > c->last_body &&
             c->e[c->last_spk].type != SO_ET_PERSON); /* "... their union has announced. The
                GMB said ..., which it described as": the GMB */
}

/* The gender class of the person noun at h: SO_LX_ROLE_F for "mother",
** "spokeswoman", "woman", "girl"; SO_LX_ROLE_M for "father", "man",
** "boy"; else 0. */
static uint32_t head_gender(const so_coref *c, size_t h)
{
    static const char *const women[] = {"woman", "girl", "lady", NULL};
    static const char *const men[] = {"man", "boy", "gentleman", NULL};
    uint32_t hc = so_cls(c, h) & (SO_LX_ROLE_F | SO_LX_ROLE_M);
    if (hc)
        return hc;
    return so_tok_in(c->d, h, women) ? SO_LX_ROLE_F : so_tok_in(c->d, h, men) ? SO_LX_ROLE_M : 0;
}

/* May a "he" or "she" (cls) mean the person noun at h: not a "he" for "The
** mother", "a spokeswoman" or "one woman", nor a "she" for "a spokesman"? */
static int pronoun_fits(const so_coref *c, size_t h, uint32_t cls)
{
    uint32_t hc = head_gender(c, h);
    return !((hc & SO_LX_ROLE_F) && (cls & SO_LX_PRON_M)) &&
           !((hc & SO_LX_ROLE_M) && (cls & SO_LX_PRON_F));
}

/* Is there an unresolved source naming a person by a role noun ("The
** tenant, who asked not to be named, said", "One woman told") in the sentence of token p or
** the one before, with no source resolved since, that a "he" or "she" at
** p (cls) may mean (not a "he" after "The mother")? For a role noun of no
** gender ("One developer ... told the jury he had paid ..."), only in the
** pronoun's own sentence, with no person named in it before that noun. */
static int person_before(const so_coref *c, size_t p, uint32_t cls)
{
    const so_doc *d = c->d;
    size_t h = c->last_person;
    if (h == UINT32_MAX || h >= p || d->tok[p].sent - d->tok[h].sent > !c->last_person_near ||
        (c->last_spk >= 0 && c->last_spk_tok > h))
        return 0;
    if (c->last_person_near)
        for (long i = so_coref_ment_before(c, h); i >= 0; i--) {
            const so_ment *m = &c->m[i];
            if (d->tok[m->b].sent != d->tok[p].sent)
                break;
            if (m->ent >= 0 && c->e[m->ent].type == SO_ET_PERSON)
                return 0; /* "Okafor, a close aide said, ... and she has long told" */
        }
    return pronoun_fits(c, h, cls);
}

/* Is the last source before token p, in its sentence or the one before, a
** voice ("A spokeswoman for Croft & Lyle said ... She said") that a "he" or
** "she" at p (cls) may mean: spokeswoman for "she", spokesman for "he"? */
static int voice_before(const so_coref *c, size_t p, uint32_t cls)
{
    const so_doc *d = c->d;
    size_t h = c->last_voice;
    if (h == UINT32_MAX || c->last_src >= p ||
        d->tok[p].sent - d->tok[c->last_src].sent > 1)
        return 0;
    return pronoun_fits(c, h, cls);
}

/* The possessor of a body that is the subject opening the sentence of
** "it" at p or the one before ("Hungary's government went further. In a
** statement, it said": Hungary), or -1. */
static int32_t possessor_subject(const so_coref *c, size_t p)
{
    static const char *const bodies[] = {"government", "ministry", "campaign", "office",
                                         "administration", "company", "party", "council",
                                         "cabinet", "team", NULL};
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent;
    for (size_t t = s + 1; t-- > 0 && s - t <= 1;) {
        size_t b = so_sent_after_dateline(d, t);
        long i = so_coref_ment_before(c, b + 1);
        if (i < 0 || c->m[i].b != b || c->m[i].ent < 0 || !(c->m[i].flags & SO_MF_POSS))
            continue;
        size_t h = c->m[i].e + 1; /* after the "'s" */
        if (h + 1 < p && so_tok_in(d, h, bodies) && so_posc(c, h + 1) != SO_PC_NOUN &&
            so_posc(c, h + 1) != SO_PC_PROPER)
            return c->m[i].ent; /* not "Mr. Okafor's campaign leaflet" */
    }
    return -1;
}

static int32_t pronominal(so_coref *c, so_range src)
{
    size_t p, n = words(c->d, src, &p);
    if (n == 0 || n > 2)
        return -1;
    uint32_t cls = so_cls(c, p);
    if (cls & SO_LX_PRON_REL)
        return relative(c, p);
    if (n == 1 && (so_tok_is(c->d, p, "which") || so_tok_is(c->d, p, "that")))
        return antecedent(c, p);
    if (n == 2 || !(cls & SO_LX_PRON))
        return -1;
    if ((cls & SO_LX_PRON_P) && group_before(c, p))
        return -1; /* "Housing groups said ... They called on ...": not a name */
    if ((cls & (SO_LX_PRON_M | SO_LX_PRON_F)) && voice_before(c, p, cls)) {
        c->voice_kept = 1; /* a "she" after it is the same voice's */
        return c->last_voice_ent; /* "A spokeswoman for X said ... She said": X */
    }
    if ((cls & (SO_LX_PRON_M | SO_LX_PRON_F)) && person_before(c, p, cls))
        return -1; /* "The tenant ... said ... She said": no one named */
    int32_t pk;
    if ((cls & SO_LX_PRON_N) && !(cls & SO_LX_PRON_P) && (pk = possessor_subject(c, p)) >= 0)
        return pk; /* "Hungary's government went further. In a statement, it said" */
    if ((cls & SO_LX_PRON_N) && body_before(c, p))
        return c->d->tok[p].sent == c->d->tok[c->last_body].sent
                   ? c->last_body_ent /* "His campaign said ..., but it did not say": his */
                   : -1; /* "The nurses' union said ... It called on ...": not a name */
    return so_coref_pronoun(c, p, cls & SO_LX_PRON);
}


/* Head of a noun phrase source: its last word before a preposition, a
** comma or a relative clause. */
static size_t np_head(const so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    size_t h = SIZE_MAX;
    for (size_t i = src.b; i < src.e; i++) {
        if (is_prep(d, i) || so_tok_is_exact(d, i, ",") || (so_cls(c, i) & SO_LX_PRON_REL) ||
            so_tok_is(d, i, "that"))
            break;
        if (d->tok[i].kind == SO_TK_WORD && !(d->tok[i].flags & SO_TF_CLITIC))
            h = i;
    }
    return h;
}

/* The entity mentioned last before token t among those for which ok() holds,
** looking at names and resolved sources, not at workplaces (so_coref_affiliation). */
static int32_t latest(const so_coref *c, size_t t, size_t h,
                      int (*ok)(const so_coref *, int32_t, size_t))
{
    const so_doc *d = c->d;
    long i = so_coref_ment_before(c, t);
    for (; i >= 0; i--) {
        const so_ment *m = &c->m[i];
        if (d->tok[t].sent - d->tok[m->b].sent > ORG_WINDOW_SENTS)
            break;
        if (!(m->flags & SO_MF_QUOTED) && !so_coref_affiliation(c, m) && ok(c, m->ent, h))
            return m->ent;
    }
    return -1;
}

static int in_set(const int32_t *v, size_t n, int32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

static int party(const so_doc *d, size_t i)
{
    return so_tok_is(d, i, "Democratic") || so_tok_is(d, i, "Democrat") ||
           so_tok_is(d, i, "Republican") || so_tok_is(d, i, "GOP") ||
           so_tok_is(d, i, "Libertarian");
}

static int same_word(const so_doc *d, size_t a, size_t b)
{
    return so_tok_len(d, a) == so_tok_len(d, b) &&
           strncasecmp(so_tok_str(d, a), so_tok_str(d, b), so_tok_len(d, a)) == 0;
}

/* Does [b, e) hold the word at token i? */
static int has_same(const so_doc *d, size_t b, size_t e, size_t i)
{
    for (size_t j = b; j < e; j++)
        if (same_word(d, j, i))
            return 1;
    return 0;
}

/* Does one of [b, e) make a role a lesser one (vice, deputy, assistant), or
** an opposition's mirror of it (the shadow chancellor is not the
** Chancellor)? */
static int lesser(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) {
        const char *s = so_tok_str(d, i);
        size_t n = so_tok_len(d, i);
        if ((n >= 4 && !strncasecmp(s, "vice", 4)) || so_tok_is(d, i, "deputy") ||
            so_tok_is(d, i, "assistant") || so_tok_is(d, i, "associate") ||
            so_tok_is(d, i, "shadow"))
            return 1;
    }
    return 0;
}

/* Does [b, h) name a portfolio ("prime", "housing", "foreign") or a
** level of government ("state", "city") that [rb, rh) lacks, while [rb,
** rh) names another that [b, h) lacks? "The prime minister" is not "the
** housing minister", nor "the state attorney" "the city attorney". */
static int other_kind(const so_doc *d, size_t b, size_t h, size_t rb, size_t rh)
{
    static const char *const kinds[] = {
        "prime",     "foreign",   "finance",   "defence",     "defense",   "home",
        "health",    "education", "housing",   "justice",     "interior",  "trade",
        "transport", "energy",    "environment", "culture",   "economy",   "labour",
        "labor",     "agriculture", "treasury", "immigration", "security", "climate",
        "business",  "industry",  "science",   "sports",      "tourism",   "welfare",
        "state",     "city",      "county",    "federal",     NULL};
    int mine = 0, theirs = 0;
    for (size_t i = b; i < h; i++)
        mine |= so_tok_in(d, i, kinds) && !has_same(d, rb, rh, i);
    for (size_t j = rb; j < rh; j++)
        theirs |= so_tok_in(d, j, kinds) && !has_same(d, b, h, j);
    return mine && theirs;
}

/* The first possessive pronoun (his, her, their, its) of [b, e), or SIZE_MAX. */
static size_t poss_pronoun(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (so_tok_is(d, i, "his") || so_tok_is(d, i, "her") || so_tok_is(d, i, "their") ||
            so_tok_is(d, i, "its"))
            return i;
    return SIZE_MAX;
}

/* The possessor of [b, e): its first possessive pronoun, or the word
** before its first possessive ending ("the mayor's", "Acme's"), or
** SIZE_MAX. */
static size_t possessor_word(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (poss_pronoun(d, i, i + 1) != SIZE_MAX || (i + 1 < e && so_coref_poss(d, i + 1)))
            return i;
    return SIZE_MAX;
}

/* Can the possessive pronoun at token p mean the possessor noun at token
** n? When both are known, only the entity the pronoun was resolved to;
** else "its" no person, "his" and "her" no organisation nor a person of
** the other gender, by n's entity or else its word class (a title or role
** is a person's); "their", or a noun of nothing known, may mean anyone. */
static int poss_agrees(const so_coref *c, size_t n, size_t p)
{
    uint8_t type = SO_ET_UNKNOWN, gender = 0;
    long i = so_coref_ment_before(c, n + 1);
    uint32_t cls = so_cls(c, n);
    int32_t pe = so_coref_pronoun_ent(c, p);
    if (i >= 0 && c->m[i].b <= n && n < c->m[i].e && c->m[i].ent >= 0) {
        if (pe >= 0)
            return pe == c->m[i].ent; /* "his father, Rafael" is Ted's, not Mr. Rubio's */
        type = c->e[c->m[i].ent].type;
        gender = c->e[c->m[i].ent].gender;
    } else if (cls & (SO_LX_TITLE | SO_LX_ROLE)) {
        type = SO_ET_PERSON;
        gender = (cls & SO_LX_ROLE_F) ? SAYSO_GENDER_FEMALE
                 : (cls & SO_LX_ROLE_M) ? SAYSO_GENDER_MALE : 0;
    } else if (cls & (SO_LX_ORG | SO_LX_ORGNOUN | SO_LX_NEWS | SO_LX_CORP)) {
        type = SO_ET_ORG;
    }
    if (so_tok_is(c->d, p, "its"))
        return type != SO_ET_PERSON;
    if (so_tok_is(c->d, p, "his"))
        return type != SO_ET_ORG && gender != SAYSO_GENDER_FEMALE;
    if (so_tok_is(c->d, p, "her"))
        return type != SO_ET_ORG && gender != SAYSO_GENDER_MALE;
    return 1;
}

/* Does the source [b, h), someone's relation by a possessive ("her
** friend", "the Prime Minister's spokesman"), have another possessor than
** the role phrase r or the two words before it? Two pronouns or two nouns
** differ by their words ("his friend Ali Sayed" is not "her friend"); a
** pronoun and a noun when the pronoun cannot mean the noun's person or
** organisation ("Its spokesman, Tom Drury," is not the Prime Minister's;
** "his lawyer" may be "Carver's lawyer"). */
static int other_possessor(const so_coref *c, size_t b, size_t h, const so_role *r)
{
    const so_doc *d = c->d;
    size_t rb = r->b, sb = d->sent[d->tok[r->b].sent].b;
    while (rb > sb && r->b - rb < 2)
        rb--; /* "his friend Ali Sayed": the role phrase starts at "friend" */
    size_t sp = possessor_word(d, b, h), rp = possessor_word(d, rb, r->h);
    if (sp == SIZE_MAX || rp == SIZE_MAX)
        return 0;
    int s_pron = poss_pronoun(d, sp, sp + 1) != SIZE_MAX;
    if (s_pron == (poss_pronoun(d, rp, rp + 1) != SIZE_MAX))
        return !same_word(d, sp, rp);
    return s_pron ? !poss_agrees(c, rp, sp) : !poss_agrees(c, sp, rp);
}

/* How many modifiers of the source [b, h) role phrase r repeats (the
** Democratic nominee ~ Democratic presidential nominee; the former
** secretary ~ a former secretary of state, not a state secretary), or -1 when a party
** word, a lesser rank, "former" (or "current" for "the former ...") or
** another portfolio contradicts it (the
** nominee ~ vice presidential nominee; the governor ~ a former governor,
** while the former governor may be Gov. X, a title kept after office; the
** prime minister ~ the housing minister). */
static int role_fit(const so_coref *c, size_t b, size_t h, const so_role *r)
{
    const so_doc *d = c->d;
    int fit = 0, strict = !so_coref_lower(d, h);
    if (lesser(d, b, h) != lesser(d, r->b, r->h) ||
        (has_word(d, r->b, r->h, "former") && !has_word(d, b, h, "former")) ||
        (has_word(d, b, h, "former") &&
         (has_word(d, r->b, r->h, "current") || has_word(d, r->b, r->h, "incumbent"))) ||
        other_kind(d, b, h, r->b, r->h) || other_possessor(c, b, h, r))
        return -1;
    for (size_t i = b; i < h; i++) {
        int hit = 0, other_party = 0;
        if (d->tok[i].kind != SO_TK_WORD ||
            ((so_cls(c, i) & SO_LX_STOPCAP) && !so_tok_is(d, i, "former")))
            continue;
        for (size_t j = r->b; j < r->e; j++) {
            hit |= same_word(d, i, j);
            other_party |= party(d, j) && !same_word(d, i, j);
        }
        if (party(d, i) && other_party && !hit)
            return -1;
        if (strict && !hit && !so_coref_lower(d, i))
            return -1; /* the Ohio Democrat ~ a Democrat from Ohio, not from Utah */
        fit += hit;
    }
    return fit;
}

/* Is entity k named in the three sentences before token t, or not in the
** 64 name mentions before it at all (named after it: "his son said" in a
** lede, then "Dan Moss, his son,")? A role with a possessive pronoun
** ("his lawyer") is someone's relation; named long before, it was another
** person's. */
static int named_lately(const so_coref *c, int32_t k, size_t t)
{
    long i = so_coref_ment_before(c, t);
    for (size_t steps = 0; i >= 0 && steps < 64; i--, steps++)
        if (c->m[i].ent == k)
            return c->d->tok[t].sent - c->d->tok[c->m[i].b].sent <= 3;
    return 1;
}

/* The roles a generic role noun stands for besides its own: a lawmaker
** may have been introduced as a senator or a representative. */
static size_t role_heads(const char *head, const char **out)
{
    static const char *const generic[][4] = {
        {"lawmaker", "senator", "representative", "legislator"},
        {"legislator", "senator", "representative", "lawmaker"}};
    out[0] = head;
    for (size_t g = 0; g < sizeof generic / sizeof *generic; g++)
        if (!strcmp(head, generic[g][0])) {
            memcpy(out + 1, generic[g] + 1, 3 * sizeof *out);
            return 4;
        }
    return 1;
}

/* Add the entities of the roles with head `head` before token t to the
** candidates v (with their best fit to the source [b, h)); returns the
** best fit so far. */
static int role_cands(const so_coref *c, const char *head, size_t b, size_t h, size_t t,
                      int32_t *v, int *fit, size_t *n, int best)
{
    size_t first, nwith = so_coref_roles_with(c, head, t, &first);
    for (size_t q = first; q < first + nwith; q++) {
        size_t r = c->rhead[q]; /* in text order */
        int f = role_fit(c, b, h, &c->r[r]);
        size_t k = 0;
        while (k < *n && v[k] != c->r[r].ent)
            k++;
        if (f < 0 || (k == *n && *n == MAX_ROLE_CANDS))
            continue;
        if (k == *n) {
            v[*n] = c->r[r].ent;
            fit[(*n)++] = f;
        } else if (f > fit[k]) {
            fit[k] = f;
        }
        best = f > best ? f : best;
    }
    return best;
}

/* The entity with a role whose head is the role noun at token h (the
** former engineer ~ chief engineer; the lawmaker ~ Sen.) that best fits
** the source's other words: of several, the last that is a subject or a
** source in the source's sentence or the one before, else the one named
** last before the source; of none named before, the only one. */
static int32_t by_role(const so_coref *c, so_range src, size_t h)
{
    int32_t v[MAX_ROLE_CANDS];
    int fit[MAX_ROLE_CANDS], best = 0;
    size_t n = 0, t = src.b;
    char head[SO_ROLE_HEAD_MAX];
    const char *heads[4];
    so_coref_role_canon(c->d, h, head);
    size_t nh = role_heads(head, heads);
    for (size_t i = 0; i < nh; i++)
        best = role_cands(c, heads[i], src.b, h, t, v, fit, &n, best);
    int rel = poss_pronoun(c->d, src.b, h) != SIZE_MAX;
    size_t w = 0;
    for (size_t k = 0; k < n; k++)
        if (fit[k] == best && (!rel || named_lately(c, v[k], t)))
            v[w++] = v[k];
    for (long i = so_coref_ment_before(c, t); w > 1 && i >= 0; i--) {
        const so_ment *m = &c->m[i];
        size_t ds = c->d->tok[t].sent - c->d->tok[m->b].sent;
        if (ds > 1)
            break;
        if (in_set(v, w, m->ent) && (m->flags & (SO_MF_SUBJ | SO_MF_SOURCE)))
            return m->ent; /* a subject just before: "Mr. Obama ... pressure on Mr. Assad ...
                              the president" */
    }
    for (long i = so_coref_ment_before(c, t); w && i >= 0; i--) {
        const so_ment *m = &c->m[i];
        if (c->d->tok[t].sent - c->d->tok[m->b].sent > ORG_WINDOW_SENTS)
            break;
        if (in_set(v, w, m->ent))
            return m->ent;
    }
    return w == 1 ? v[0] : -1;
}

/* Does the canonical name of organisation e hold one of words? */
static int name_has(const so_coref *c, const so_ent *e, const char *const *words)
{
    const so_ment *m = &c->m[e->canon];
    for (size_t i = m->nb; i < m->e; i++)
        if (so_tok_in(c->d, i, words))
            return 1;
    return 0;
}

/* Organisation nouns that fit a name with one of their words: "the agency"
** a word of government (the State Department, the Congressional Budget
** Office) or an acronym that is not a newspaper's or broadcaster's (the
** FBI, the World Health Organization (WHO); train: 8 sources newly
** resolved, all checked right), "the airline"
** Air or Airways (Skyline Air), "the club" a sports club's word (Harbor
** City FC), "the charity" a word of one (the Rivers Trust, Shelter Fund),
** "the force" a police force's (West Yorkshire Police). */
static const char *const gov_words[] = {"agency",     "administration", "bureau",
                                        "service",    "commission",     "office",
                                        "department", "authority",      NULL};
static const char *const air_words[] = {"air", "airlines", "airways", "aviation", NULL};
static const char *const charity_words[] = {"trust", "foundation", "fund",   "society",
                                            "appeal", "aid",        "relief", "charity",
                                            NULL};
static const char *const police_words[] = {"police", "constabulary", NULL};
static const char *const club_words[] = {"fc",       "afc",    "cf",        "sc",   "united",
                                         "athletic", "rovers", "wanderers", "club", NULL};
static const struct {
    const char *noun;
    const char *const *words;
    int acronym; /* an acronym fits too */
} noun_words[] = {{"agency", gov_words, 1},
                  {"regulator", gov_words, 1},
                  {"watchdog", gov_words, 1},
                  {"airline", air_words, 0},
                  {"carrier", air_words, 0},
                  {"club", club_words, 0},
                  {"force", police_words, 0},
                  {"charity", charity_words, 0}};

/* Has entity k a name mention before token h, within ORG_WINDOW_SENTS
** sentences, that is a team before a role (team, "Westport boss Ian
** Reed"), or right after the organisation noun w (!team,
** so_coref_noun_apposed: "the drivers' union Aslef" for "the union")? Not
** when that comes only later: "a defeat by Castleton ... the club said ...
** former Castleton boss" is not Castleton's. Only the 256 name mentions
** before h are looked at, so that a sentence of a million names costs time
** in proportion to its length. */
static int named_so_before(const so_coref *c, int32_t k, size_t h, int team, const char *w)
{
    const so_doc *d = c->d;
    long last = so_coref_ment_before(c, h);
    for (long i = last; i >= 0 && last - i < 256; i--) {
        const so_ment *m = &c->m[i];
        if (d->tok[h].sent - d->tok[m->b].sent > ORG_WINDOW_SENTS)
            break;
        if (m->ent != k)
            continue;
        if (team ? so_coref_team_role(c, m)
                 : so_coref_noun_apposed(c, m) && so_tok_is_exact(d, m->b - 1, w))
            return 1;
    }
    return 0;
}

/* Does organisation k fit the organisation noun w at token h by
** noun_words: 1 or 0, or -1 when w is not one of those nouns? */
static int fits_words(const so_coref *c, int32_t k, const char *w, size_t h)
{
    const so_ent *e = &c->e[k];
    for (size_t q = 0; q < sizeof noun_words / sizeof *noun_words; q++) {
        if (strcmp(w, noun_words[q].noun))
            continue;
        const so_ment *m = &c->m[e->canon];
        if (!strcmp(w, "club") && (e->firm & 4) && named_so_before(c, k, h, 1, NULL))
            return 1; /* "Saracens director of rugby Mark McCall ... the club" */
        return name_has(c, e, noun_words[q].words) ||
               (noun_words[q].acronym && e->acro &&
                !(so_cls(c, m->nb) & (SO_LX_NEWS | SO_LX_BROADCAST)));
    }
    return -1;
}

/* Is token i the head of name m: its last word or the word before its
** first "of", "for" or "on" ("the government" is the Government of
** Canada, not the Institute for Open Government), or the word before a
** last "Department" or "Service" ("the police", Jupiter Police
** Department)? */
static int name_head(const so_doc *d, const so_ment *m, size_t i)
{
    for (size_t k = m->nb; k < i; k++)
        if (so_tok_is_exact(d, k, "of") || so_tok_is_exact(d, k, "for") ||
            so_tok_is_exact(d, k, "on"))
            return 0;
    if (i + 2 == m->e && (so_tok_is(d, i + 1, "department") || so_tok_is(d, i + 1, "service")))
        return 1;
    return i + 1 == m->e || so_tok_is_exact(d, i + 1, "of") || so_tok_is_exact(d, i + 1, "for") ||
           so_tok_is_exact(d, i + 1, "on");
}

/* What the name mentions of organisation k before token h, among the 256
** before it, say of its kind, for a company's noun at h: -1 when one has
** "union" or "party" in lower case after it as the head of its noun phrase
** ("the Unite union said", "the Green party"; not "the Brantwood union
** election", nor "the Northwind board", which a company has), else 1 when
** one stands right after a company's noun (so_coref_noun_apposed: "Ferry
** operator Channel Link", "the retailer Harwoods"), else 0. */
static int firm_kind_before(const so_coref *c, int32_t k, size_t h)
{
    static const char *const bodies[] = {"union", "party", NULL};
    static const char *const firm[] = {"company", "firm",    "retailer",    "insurer",
                                       "bank",    "airline", "carmaker",    "automaker",
                                       "startup", "lender",  "manufacturer", "chain",
                                       "supermarket", "operator", "conglomerate", NULL};
    const so_doc *d = c->d;
    int kind = 0;
    long last = so_coref_ment_before(c, h);
    for (long i = last; i >= 0 && last - i < 256; i--) {
        const so_ment *m = &c->m[i];
        size_t n = m->e + 1;
        if (m->ent != k || m->e >= h)
            continue;
        if (n < h && so_coref_lower(d, m->e) && so_tok_in(d, m->e, bodies) &&
            !(so_coref_lower(d, n) && so_posc(c, n) == SO_PC_NOUN))
            return -1;
        if (so_coref_noun_apposed(c, m) && so_tok_in(d, m->b - 1, firm))
            kind = 1;
    }
    return kind;
}

/* Does organisation k fit the organisation noun at token h (the newspaper,
** the company, the agency ~ Environmental Protection Agency)? */
static int org_fits(const so_coref *c, int32_t k, size_t h)
{
    static const struct {
        const char *noun;
        uint32_t cls;
    } classes[] = {{"newspaper", SO_LX_NEWS}, {"paper", SO_LX_NEWS}, {"daily", SO_LX_NEWS},
                   {"tabloid", SO_LX_NEWS}, {"publication", SO_LX_NEWS},
                   {"magazine", SO_LX_NEWS}, {"network", SO_LX_BROADCAST},
                   {"broadcaster", SO_LX_BROADCAST}, {"channel", SO_LX_BROADCAST},
                   {"station", SO_LX_BROADCAST}, {"company", SO_LX_CORP},
                   {"firm", SO_LX_CORP}, {"corporation", SO_LX_CORP},
                   {"automaker", SO_LX_CORP}, {"carmaker", SO_LX_CORP},
                   {"manufacturer", SO_LX_CORP}, {"retailer", SO_LX_CORP},
                   {"startup", SO_LX_CORP}, {"lender", SO_LX_CORP},
                   {"maker", SO_LX_CORP}, {"chipmaker", SO_LX_CORP},
                   {"drugmaker", SO_LX_CORP}, {"chain", SO_LX_CORP},
                   {"supermarket", SO_LX_CORP}, {"supplier", SO_LX_CORP},
                   {"distributor", SO_LX_CORP}, {"wholesaler", SO_LX_CORP},
                   {"housebuilder", SO_LX_CORP}, {"insurer", SO_LX_CORP},
                   {"bank", SO_LX_CORP}, {"utility", SO_LX_CORP}};
    const so_ent *e = &c->e[k];
    char w[32];
    size_t n = so_tok_len(c->d, h);
    uint32_t want = 0;
    if (e->type != SO_ET_ORG || n >= sizeof w)
        return 0;
    memcpy(w, so_tok_str(c->d, h), n);
    w[n] = 0;
    if (!strcmp(w, "group") || !strcmp(w, "organization") || !strcmp(w, "organisation") ||
        (h > 0 && so_tok_is(c->d, h - 1, "the") && named_so_before(c, k, h, 0, w)))
        return 1; /* "the drivers' union Aslef ... the union said" */
    int fit = fits_words(c, k, w, h);
    if (fit >= 0)
        return fit;
    for (size_t q = 0; q < sizeof classes / sizeof *classes; q++)
        if (!strcmp(w, classes[q].noun))
            want = classes[q].cls;
    const so_ment *m = &c->m[e->canon];
    static const char *const bodies[] = {"commission", "committee", "agency",     "authority",
                                         "department", "ministry",  "council",    "board",
                                         "bureau",     "court",     "union",      "party",
                                         "university", "institute", "association", NULL};
    uint32_t kinds = 0;
    if (want == SO_LX_CORP && so_tok_in(c->d, m->e - 1, bodies))
        want = 0; /* a body named for a trade: "Securities and Exchange Commission" is
                     no company */
    int kind = want == SO_LX_CORP ? firm_kind_before(c, k, h) : 0;
    if (kind)
        return kind > 0; /* not Unite for "The Unite union said ... A company spokeswoman
                            said"; Channel Link for "Ferry operator Channel Link ... The
                            company said", whose name has a broadcaster's word */
    for (size_t i = m->nb; i < m->e; i++) {
        if ((so_tok_is(c->d, i, w) && name_head(c->d, m, i)) || (so_cls(c, i) & want))
            return 1;
        kinds |= so_cls(c, i);
    }
    /* "the company" is also a name with no word of another kind of
       organisation, and not an acronym: Apple, Northwind Energy; not the
       State Department, the FBI, the Daily Courier or a wire agency
       (Reuters, of a dateline or "told Reuters") */
    static const char *const wires[] = {"reuters", "afp", NULL};
    return want == SO_LX_CORP && !(m->flags & SO_MF_ACRO) && !so_tok_in(c->d, m->nb, wires) &&
           !(kinds & (SO_LX_ORG | SO_LX_NEWS | SO_LX_BROADCAST | SO_LX_PLACE));
}

/* Does the source open with an indefinite determiner or a quantifier ("a
** spokesman", "another Republican", "neither company"): someone new or
** several, not one named before? */
static int indefinite(const so_doc *d, so_range src)
{
    static const so_word w[] = {SO_WORD("a"),       SO_WORD("an"),   SO_WORD("another"),
                                SO_WORD("one"),     SO_WORD("some"), SO_WORD("several"),
                                SO_WORD("neither"), SO_WORD("each"), SO_WORD("both"),
                                SO_WORD("every"),   SO_WORD("no")};
    return so_word_in(so_tok_str(d, src.b), so_tok_len(d, src.b), w, sizeof w / sizeof *w);
}

/* Does a name's or a person's possessive come before the head h ("Mr.
** Clarke's new company", "his nonprofit group"; not "the nation's")? Then
** the organisation is someone's own, not the one named last. */
static int possessed(const so_doc *d, size_t b, size_t h)
{
    for (size_t i = b; i < h; i++)
        if (so_coref_poss(d, i) && i > b && !so_coref_lower(d, i - 1))
            return 1;
    return poss_pronoun(d, b, h) != SIZE_MAX;
}

/* "A federal judge on Thursday blocked ...", in the first paragraph (or
** the headline): the one person with that role named after it ("U.S.
** District Judge Maria Okafor"), when none is named before. Train: 2
** sources resolved (a judge, a spokesman), both right. */
static int32_t lede_role(const so_coref *c, so_range src, size_t h)
{
    const so_doc *d = c->d;
    if (d->tok[src.b].para > 1 || !(so_tok_is(d, src.b, "a") || so_tok_is(d, src.b, "an")) ||
        !so_coref_lower(d, h) || !(so_cls(c, h) & (SO_LX_ROLE | SO_LX_TITLE)) ||
        (so_cls(c, h) & SO_LX_ORGNOUN))
        return -1;
    int32_t k = by_role(c, src, h);
    if (k < 0 || c->e[k].type != SO_ET_PERSON)
        return -1;
    for (size_t i = 0; i < c->nm; i++)
        if (c->m[i].ent == k && c->m[i].b < src.e)
            return -1;
    return k;
}

/* "The campaign": the person whose campaign was named last before token t,
** within six sentences ("Dana Whitfield's presidential campaign", "the
** Whitfield campaign"), or -1. Looks at 64 name mentions at most. */
static int32_t campaign_owner(const so_coref *c, size_t t)
{
    const so_doc *d = c->d;
    long i = so_coref_ment_before(c, t);
    for (long steps = 0; i >= 0 && steps < 64; i--, steps++) {
        const so_ment *m = &c->m[i];
        if (d->tok[t].sent - d->tok[m->b].sent > 6)
            break;
        if (m->ent < 0 || c->e[m->ent].type != SO_ET_PERSON || (m->flags & SO_MF_QUOTED))
            continue;
        size_t j = m->e + ((m->flags & SO_MF_POSS) != 0), lim = j + 2;
        while (j < t && j < lim && !so_tok_is(d, j, "campaign") && so_coref_lower(d, j) &&
               so_posc(c, j) != SO_PC_NOUN && so_posc(c, j) != SO_PC_VERB)
            j++; /* "Dana Whitfield's presidential campaign" */
        if (j < t && so_tok_is(d, j, "campaign") && d->tok[j].sent == d->tok[m->b].sent)
            return m->ent;
    }
    return -1;
}

static const char *const documents[] = {"report", "study", "survey", "poll", "analysis",
                                        "audit", "review", NULL};

/* "The report says" after "A report by the engineering firm Marlow &
** Greene ... says": the entity the last source with that head noun (a
** document's: report, study, survey, poll, analysis, audit, review) was
** resolved to, in the 10 sentences before (note_document); or -1. */
static int32_t same_document(const so_coref *c, so_range src, size_t h)
{
    const so_doc *d = c->d;
    if (h != src.b + 1 || src.e != h + 1 || !so_tok_is(d, src.b, "the") ||
        c->last_doc == UINT32_MAX || !same_word(d, c->last_doc, h) ||
        d->tok[src.b].sent - d->tok[c->last_doc].sent > 10)
        return -1;
    return c->last_doc_ent;
}

/* "the force" (police): a verb too often for the lexicon's organisation
** nouns ("to force Sen. Ames to ..."), so only after "the". */
static int police_force(const so_doc *d, so_range src, size_t h)
{
    return h == src.b + 1 && so_tok_is(d, src.b, "the") && so_tok_is(d, h, "force");
}

static int32_t nominal(const so_coref *c, so_range src)
{
    size_t h = np_head(c, src);
    int32_t dk = h != SIZE_MAX ? same_document(c, src, h) : -1;
    if (dk >= 0)
        return dk;
    if (h != SIZE_MAX && indefinite(c->d, src))
        return lede_role(c, src, h); /* someone new: "a spokesman", not the spokesman
                                        named before; but see lede_role */
    if (h == SIZE_MAX)
        return -1;
    uint32_t cls = so_cls(c, h);
    /* a capitalised head only as a title ("Senator from Texas") or as a
       role after "the" ("the Ohio Democrat") */
    if (!so_coref_lower(c->d, h) && !(cls & SO_LX_TITLE) &&
        !((cls & SO_LX_ROLE) && so_tok_is(c->d, src.b, "the")))
        return -1;
    int32_t k = -1;
    if (h == src.b + 1 && src.e == h + 1 && so_tok_is(c->d, src.b, "the") &&
        so_tok_is(c->d, h, "campaign") && (k = campaign_owner(c, src.b)) >= 0)
        return k; /* "The campaign said" */
    if (((cls & SO_LX_ORGNOUN) || police_force(c->d, src, h)) && !possessed(c->d, src.b, h))
        k = latest(c, src.b, h, org_fits);

    if (k < 0 && (cls & (SO_LX_ROLE | SO_LX_TITLE | SO_LX_ORGNOUN)))
        k = by_role(c, src, h);
    return k;
}

/* Is name mention m a place the lexicons know ("Munich", "New York")? */
static int known_place(const so_coref *c, const so_ment *m)
{
    return (m->e == m->nb + 1 && (so_cls(c, m->nb) & (SO_LX_PLACE | SO_LX_CITY))) ||
           so_coref_lex_place(c->d, m->nb, m->e);
}

/* "The company said" when no organisation fits (nominal): the name of no
** type (or a place's the lexicons do not know) last named as a subject in
** the ten sentences before it (at most 64 name mentions back), unless it
** is a person's or an acronym ("Voltaris showed a prototype ...": NER took
** the startup's name for a place's), which becomes an organisation; or -1. */
static int32_t untyped_firm(so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    size_t h = np_head(c, src), t = src.b;
    if (h == SIZE_MAX || h + 1 != src.e || possessed(d, src.b, h) || indefinite(d, src) ||
        !(so_tok_is(d, h, "company") || so_tok_is(d, h, "firm") || so_tok_is(d, h, "startup")))
        return -1;
    long i = so_coref_ment_before(c, t);
    for (size_t steps = 0; i >= 0 && steps < 64; i--, steps++) {
        const so_ment *m = &c->m[i];
        if (d->tok[t].sent - d->tok[m->b].sent > 10)
            break;
        const so_ent *e = m->ent >= 0 ? &c->e[m->ent] : NULL;
        if (e && (m->flags & SO_MF_SUBJ) && !(m->flags & SO_MF_QUOTED) && !e->human &&
            !e->acro && (e->type == SO_ET_OTHER || e->type == SO_ET_UNKNOWN ||
                         (e->type == SO_ET_PLACE && !known_place(c, m)))) {
            c->e[m->ent].type = SO_ET_ORG;
            return m->ent;
        }
    }
    return -1;
}

/* Is token i inside the name of a place that modifies a noun ("New
** Hampshire" of "a New Hampshire Republican")? */
static int in_place(const so_coref *c, size_t i)
{
    long m = so_coref_ment_before(c, i + 1);
    if (m < 0 || c->m[m].e <= i || c->m[m].ent < 0 || !(c->m[m].flags & SO_MF_MOD))
        return 0;
    return c->e[c->m[m].ent].type == SO_ET_PLACE;
}

/* The gender that an honorific at token i gives (Mr., Mrs., Ms.), or 0. */
static uint8_t honorific_gender_at(const so_coref *c, size_t i)
{
    uint32_t cls = so_cls(c, i) & (SO_LX_HONOR_M | SO_LX_HONOR_F);
    return cls == SO_LX_HONOR_F ? SAYSO_GENDER_FEMALE
           : cls == SO_LX_HONOR_M ? SAYSO_GENDER_MALE
                                  : 0;
}

static int is_voice(const so_coref *c, size_t h);

/* A source of two capitalised words that is one person's first and last
** name ("Hillary Clinton" of a headline in title case, where no mention is
** taken); else capitalised words of src, before any preposition or modifying clause
** (modifier_at), that are a known
** surname, name or short form of a person or organisation, outside the
** names of places that modify a noun; after an honorific, not one of the
** other gender ("Mrs. Clinton's aides" are not Mr. Clinton's); not a word
** of unknown type named nowhere else that opens its sentence before a word
** in lower case, unless the source ends in a voice ("Water companies" are
** no one, "Larchfield representatives" speak for Larchfield). */
static int32_t loose_name(const so_coref *c, so_range src)
{
    static const int kinds[] = {SO_K_FULL, SO_K_LAST, SO_K_ORGTAIL, SO_K_ACRO};
    if (src.e == src.b + 2 && (c->d->tok[src.b].flags & SO_TF_CAP) &&
        (c->d->tok[src.b + 1].flags & SO_TF_CAP)) { /* "Hillary Clinton Says ...", a headline */
        int32_t v[2];
        size_t n = so_coref_keys_get(&c->keys, so_coref_key_pair(c->d, src.b, src.b + 1), v, 2);
        if (n == 1 && c->e[v[0]].type == SO_ET_PERSON)
            return v[0];
    }
    for (size_t i = src.b; i < src.e && !is_prep(c->d, i) && !modifier_at(c, i, src.b, src.e); i++) {
        if (i == src.b + 1 && so_tok_is_exact(c->d, i, ","))
            break; /* "Record, the Lisbon sports daily,": a newspaper named by a common
                      word, whose appositive's words are not its name */
        if (!(c->d->tok[i].flags & SO_TF_CAP) || (so_cls(c, i) & SO_LX_STOPCAP) ||
            in_place(c, i))
            continue;
        uint8_t g = i > src.b ? honorific_gender_at(c, i - 1) : 0;
        int opener = (c->d->tok[i].flags & SO_TF_SENT_START) && i + 1 < src.e &&
                     so_coref_lower(c->d, i + 1) && !is_voice(c, src.e - 1);
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
            int32_t v[2];
            size_t n = so_coref_keys_get(&c->keys, so_coref_key(c->d, kinds[k], i, i + 1), v, 2);
            size_t w = 0;
            for (size_t q = 0; q < n; q++)
                if (!g || c->e[v[q]].gender != so_gender_other(g))
                    v[w++] = v[q]; /* "Mrs. Clinton's aides": not Mr. Clinton */
            n = w;
            uint8_t t = n == 1 ? c->e[v[0]].type : SO_ET_OTHER;
            if (t == SO_ET_UNKNOWN && opener && c->e[v[0]].nment <= 1)
                continue; /* "Water companies", "Chinese state media": a capital by position */
            if (t == SO_ET_PERSON || t == SO_ET_ORG || t == SO_ET_UNKNOWN)
                return v[0];
        }
    }
    return -1;
}

/* Does the source name a person by a role noun ("Dahl's lawyer", "the GOP
** front-runner")? Then the names in it are someone else's, unless the role
** speaks for them ("a State Department spokesman", "an Intel official"). */
static const char *const voices[] = {"spokesman", "spokesmen", "spokeswomen", "official",
                                     "officials", "representative", "representatives"};

/* Is the role noun at h one that speaks for whom it serves (a spokesman,
** an official, a representative)? */
static int is_voice(const so_coref *c, size_t h)
{
    char head[SO_ROLE_HEAD_MAX];
    so_coref_role_canon(c->d, h, head);
    for (size_t i = 0; i < sizeof voices / sizeof *voices; i++)
        if (!strcmp(head, voices[i]))
            return 1;
    return 0;
}

/* "A Harbor Lane spokeswoman", "A spokeswoman for the Harbor Authority",
** "a spokesman for Governor Ellen Price": the name the voice speaks for
** (an organisation's right before it, or anyone's after "for"); "a
** spokeswoman for the agency": the organisation "the agency" would be as
** a source (no PolNeAR train or dev speaker changed). */
static int32_t voice_for(const so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    size_t h = np_head(c, src);
    if (src.e > src.b + 1 && so_coref_lower(d, src.e - 1) && is_voice(c, src.e - 1)) {
        long n = so_coref_ment_before(c, src.e - 1); /* a name with "and" right before the
                                     role: "A Department of Health and Social Care spokesperson" */
        size_t lim = n >= 0 && c->m[n].b >= src.b && c->m[n].e == src.e - 1 ? c->m[n].b : src.e;
        if (!has_word(d, src.b, lim, "and") && !has_word(d, src.b, lim, "or") &&
            !has_word(d, src.b, lim, ","))
            h = src.e - 1; /* "A Department for Education spokeswoman": not "Department";
                              not after a coordination: "X or state Y officials" */
    }
    if (h == SIZE_MAX || h == src.b || !so_coref_lower(d, h) || !is_voice(c, h))
        return -1;
    long n = so_coref_ment_before(c, h);
    if (n >= 0 && c->m[n].b >= src.b && c->m[n].e == h && !(c->m[n].flags & SO_MF_POSS) &&
        c->e[c->m[n].ent].type == SO_ET_ORG)
        return c->m[n].ent; /* "a Harbor Lane spokeswoman" */
    if (h + 2 >= src.e || !so_tok_is(d, h + 1, "for"))
        return -1;
    size_t j = so_tok_is(d, h + 2, "the") ? h + 3 : h + 2, a = j;
    while (a < j + 3 && a < src.e && d->tok[a].kind == SO_TK_WORD && so_coref_lower(d, a))
        a++; /* "for the campaign group Keep Our Collections": the name ends the source */
    long i = a > j ? so_coref_ment_before(c, a + 1) : -1;
    if (i >= 0 && c->m[i].b == a && c->m[i].e == src.e && !(c->m[i].flags & SO_MF_MOD) &&
        speaker_ent(c, c->m[i].ent) >= 0)
        return c->m[i].ent;
    i = so_coref_ment_before(c, j + 1);
    if (i < 0 || c->m[i].b != j || c->m[i].e > src.e || (c->m[i].flags & SO_MF_MOD) ||
        (c->m[i].e < src.e && so_tok_is(d, c->m[i].e, "and"))) {
        /* not "Parks" of "the Parks and Recreation Department"; but "a
           spokeswoman for the agency" is as "the agency" would be */
        so_range r = {(uint32_t)(h + 2), src.e};
        size_t g = j == h + 3 ? np_head(c, r) : SIZE_MAX;
        int32_t k = g != SIZE_MAX && (so_cls(c, g) & SO_LX_ORGNOUN) ? nominal(c, r) : -1;
        return k >= 0 && c->e[k].type == SO_ET_ORG ? k : -1;
    }
    return speaker_ent(c, c->m[i].ent);
}

/* Does mention m hold the word at token w (any mention when w is
** SIZE_MAX)? */
static int names_with(const so_coref *c, const so_ment *m, size_t w)
{
    return w == SIZE_MAX || has_same(c->d, m->nb, m->e, w);
}

/* The one organisation among the max name mentions before token p, in
** p's sentence and the sents before it, whose name has the word at token
** noun (names_with; any name when SIZE_MAX), with one of the flags need
** (any when 0) and none of skip: its entity, -1 when there is none, -2
** when there are two. */
static int32_t org_named_before(const so_coref *c, size_t p, size_t noun, size_t sents,
                                uint16_t need, uint16_t skip, long max)
{
    const so_doc *d = c->d;
    int32_t found = -1;
    for (long i = so_coref_ment_before(c, p), n = 0; i >= 0 && n < max; i--, n++) {
        const so_ment *m = &c->m[i];
        if (d->tok[p].sent - d->tok[m->b].sent > sents)
            break;
        if (m->ent < 0 || (need && !(m->flags & need)) || (m->flags & skip) ||
            c->e[m->ent].type != SO_ET_ORG || !names_with(c, m, noun))
            continue;
        if (found >= 0 && found != m->ent)
            return -2;
        found = m->ent;
    }
    return found;
}

/* "A spokeswoman said", with nothing more: the one organisation that is a
** subject or a source in its sentence or the one before ("Northmoor
** declined to comment. A spokeswoman said ..."), or -1: of the 64 name
** mentions before it at most, or a source resolved to it there ("The
** German carmaker said"). "A department spokeswoman": the one whose
** name has that word ("the Department for Transport", not "Norbury
** Airport"), and failing that the one so named in the ORG_WINDOW_SENTS
** sentences before ("A police spokesman", West Vale Police two
** paragraphs up; train 1 speaker, right). "A company (or firm)
** spokeswoman": failing those, the company "the company" would be. So
** is "A company source" (with its noun only). */
static int32_t bare_voice(const so_coref *c, so_range src)
{
    static const char *const spokes[] = {"spokesman", "spokeswoman", "spokesperson", NULL};
    const so_doc *d = c->d;
    size_t p = src.b, noun = SIZE_MAX;
    if (src.e == src.b + 3 && so_coref_lower(d, p + 1) && d->tok[p + 1].kind == SO_TK_WORD)
        noun = p + 1; /* "A department spokeswoman": an organisation with that word */
    if (src.e != src.b + 2 + (noun != SIZE_MAX) ||
        !(so_tok_is(d, p, "a") || so_tok_is(d, p, "an") || so_tok_is(d, p, "the")) ||
        !(so_tok_in(d, src.e - 1, spokes) ||
          (noun != SIZE_MAX && so_tok_is(d, src.e - 1, "source"))))
        return -1; /* "A company source", not "A source": maybe no insider */
    size_t s = d->tok[p].sent;
    const uint16_t subj = SO_MF_SUBJ | SO_MF_SOURCE | SO_MF_CUESUBJ;
    int32_t found = org_named_before(c, p, noun, 1, subj, SO_MF_POSS | SO_MF_QUOTED, 64);
    if (found == -2)
        return -1;
    for (size_t j = c->nsrc, n = 0; j-- > 0 && n < 64 && noun == SIZE_MAX; n++) {
        const so_ment *m = &c->src[j]; /* a resolved source: "The German carmaker said" */
        if (m->b >= p)
            continue;
        if (d->tok[m->b].sent + 1 < s)
            break;
        if (m->ent < 0 || c->e[m->ent].type != SO_ET_ORG)
            continue;
        if (found >= 0 && found != m->ent)
            return -1;
        found = m->ent;
    }
    if (found < 0 && noun != SIZE_MAX) /* "A police spokesman", West Vale Police named before */
        found = org_named_before(c, p, noun, ORG_WINDOW_SENTS, 0, SO_MF_QUOTED, 256);
    if (found < 0 && noun != SIZE_MAX &&
        (so_tok_is(d, noun, "company") || so_tok_is(d, noun, "firm")))
        found = latest(c, p, noun, org_fits); /* "A company spokeswoman": the company that
                                                 "the company" would be */
    return found < 0 ? -1 : found;
}

/* Those who speak or act for whom they belong to ("his campaign"). */
static const char *const voice_bodies[] = {"campaign", "office",    "administration", "camp",
                                           "team",     "spokesman", "spokeswoman",    "spokesperson",
                                           "aides",    "aide",      "representative", NULL};

/* "A statement from the Ministry of Health", "a letter by Sen. Ann Cole",
** "figures from the Office for National Statistics": the name a document
** or its numbers come from (a person's or an organisation's). */
static int32_t document_from(const so_coref *c, so_range src)
{
    static const char *const docs[] = {"statement", "letter",  "memo",    "email",
                                       "e-mail",    "release", "post",    "tweet",
                                       "report",    "figures", "data",    "statistics",
                                       "records",   "numbers", "estimates", NULL};
    const so_doc *d = c->d;
    size_t h = np_head(c, src);
    if (h == SIZE_MAX || h + 2 >= src.e || !so_tok_in(d, h, docs) ||
        !(so_tok_is(d, h + 1, "from") || so_tok_is(d, h + 1, "by")))
        return -1;
    size_t j = so_tok_is(d, h + 2, "the") ? h + 3 : h + 2;
    long i = so_coref_ment_before(c, j + 1);
    if (i < 0 || c->m[i].b != j || c->m[i].e > src.e || (c->m[i].flags & SO_MF_MOD))
        return -1;
    if ((c->m[i].flags & SO_MF_POSS) &&
        !(c->m[i].e + 1 < src.e && so_tok_in(d, c->m[i].e + 1, voice_bodies)))
        return -1; /* "from Hale's office", not "from the Treasury's inspector" */
    return speaker_ent(c, c->m[i].ent);
}

/* The subject after the opening phrase "In a statement ...," that token t
** ("statement") is in: a pronoun, a name or a source resolved already
** ("In a statement read by her aide, the mayor said"), or -1. */
static int32_t opening_issuer(so_coref *c, size_t t)
{
    const so_doc *d = c->d;
    size_t s = d->tok[t].sent, se = d->sent[s].e, q = t + 1;
    if (t < 2 || !so_tok_is(d, t - 2, "in") || t - 2 != so_sent_after_dateline(d, s))
        return -1;
    while (q < se && q - t < 24 && !so_tok_is_exact(d, q, ","))
        q++;
    if (q + 1 >= se || q - t >= 24)
        return -1;
    int32_t k = singular_pronoun(c, q + 1);
    if (k != -2)
        return k;
    long i = so_coref_ment_before(c, q + 2);
    if (i >= 0 && c->m[i].b == q + 1 && c->m[i].ent >= 0)
        return speaker_ent(c, c->m[i].ent);
    size_t j = so_coref_starting_before(c->src, c->nsrc, q + 2);
    return j > 0 && c->src[j - 1].b == q + 1 ? c->src[j - 1].ent : -1;
}

/* The entity of a source resolved already that ends right before token v
** ("The club said in a statement"), or -1. */
static int32_t source_ending_at(const so_coref *c, size_t v)
{
    for (size_t j = so_coref_starting_before(c->src, c->nsrc, v); j-- > 0 && v - c->src[j].b < 16;)
        if (c->src[j].e == v)
            return c->src[j].ent;
    return -1;
}

/* Who issued the statement at token t: "X issued a statement" (also
** released, put out, sent, posted, published) or "X said in a statement",
** X a name (a person's or an organisation's) right before the verb, a
** pronoun there or a source resolved already that ends there, or "In a
** statement, X said" (opening_issuer); -1 if none. */
static int32_t issuer(so_coref *c, size_t t)
{
    static const char *const issue[] = {"issued", "released", "sent", "posted", "published",
                                        "issues", "releases", "posts", NULL};
    const so_doc *d = c->d;
    size_t v;
    if (t < 3 || !(so_tok_is(d, t - 1, "a") || so_tok_is(d, t - 1, "an")))
        return -1;
    if (so_tok_in(d, t - 2, issue))
        v = t - 2;
    else if (t >= 4 && so_tok_is(d, t - 2, "out") && so_tok_is(d, t - 3, "put"))
        v = t - 3;
    else if (t >= 4 && so_tok_is(d, t - 2, "in") && so_tok_is(d, t - 3, "said"))
        v = t - 3;
    else
        return opening_issuer(c, t); /* "In a statement, the mayor said" */
    if (v == 0 || d->tok[v - 1].sent != d->tok[t].sent)
        return -1;
    int32_t k = singular_pronoun(c, v - 1);
    if (k != -2)
        return k;
    long i = so_coref_ment_before(c, v);
    if (i < 0 || c->m[i].e != v)
        return source_ending_at(c, v); /* "The club said in a statement" */
    if (c->m[i].ent < 0 ||
        (c->m[i].flags & (SO_MF_POSS | SO_MF_MOD | SO_MF_QUOTED)) ||
        (c->m[i].b > 0 && so_tok_is(d, c->m[i].b - 1, "and")))
        return -1; /* not "Ruiz and Hale issued a statement" */
    return speaker_ent(c, c->m[i].ent);
}

/* "Ruiz issued a statement saying ...": the statement's issuer; "the
** statement said" after it (within three sentences): the same; "a
** ministry statement": the organisation "the ministry" would be. */
static int32_t statement_source(so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    if (src.e == src.b + 3 && so_tok_is(d, src.b + 2, "statement") &&
        (so_tok_is(d, src.b, "a") || so_tok_is(d, src.b, "the")) && so_coref_lower(d, src.b + 1) &&
        (so_cls(c, src.b + 1) & SO_LX_ORGNOUN))
        return latest(c, src.b, src.b + 1, org_fits); /* "a ministry statement" */
    if (src.e != src.b + 2 || !so_tok_is(d, src.b + 1, "statement"))
        return -1;
    if (so_tok_is(d, src.b, "a"))
        return issuer(c, src.b + 1);
    if (!so_tok_is(d, src.b, "the"))
        return -1;
    size_t s = d->tok[src.b].sent, lo = s >= 3 ? d->sent[s - 3].b : 0;
    int32_t k = -1;
    for (size_t t = src.b; t-- > lo && src.b - t < 400 && k < 0;)
        if (so_tok_is(d, t, "statement"))
            k = issuer(c, t); /* past an earlier "the statement" to the one issued */
    return k;
}

/* "His campaign", "her office", "its spokesman", "the mayor's office" (and
** "her statement"): one who speaks or acts for its possessor, who is then
** the speaker (as for "the Trump campaign" and "Trump's spokesman", which
** name the person).
** Train: 34 sources resolved, 33 right (one "his" went to the wrong man);
** dev 3, all right. */
static int32_t possessor_voice(so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    size_t p, n = words(d, src, &p), h = src.e - 1;
    int doc = so_tok_in(d, h, documents) || so_tok_is(d, h, "statement");
    if (n < 2 || n > 5 || !(so_tok_in(d, h, voice_bodies) || doc))
        return -1; /* up to "the current mayor's office" */
    size_t o = h; /* the word after the possessive: the head, or one or two lower-case
                     modifiers before a document ("its latest survey", "the
                     company's annual staff survey") */
    while (doc && o > p + 1 && h - o < 2 && d->tok[o - 1].kind == SO_TK_WORD &&
           so_coref_lower(d, o - 1) && !so_coref_poss(d, o - 1) &&
           (so_posc(c, o - 1) == SO_PC_OTHER || so_posc(c, o - 1) == SO_PC_NOUN))
        o--;
    uint32_t cls = so_cls(c, p) & (SO_LX_PRON_M | SO_LX_PRON_F | SO_LX_PRON_N);
    if (p + 1 == o && cls &&
        (so_tok_is(d, p, "his") || so_tok_is(d, p, "her") || so_tok_is(d, p, "its")))
        return so_coref_pronoun(c, p, cls);
    if (so_tok_is(d, src.b, "the") && o >= src.b + 3 && so_coref_poss(d, o - 1)) {
        so_range r = {src.b, (uint32_t)(o - 1)};
        size_t g = np_head(c, r);
        uint32_t gc = g != SIZE_MAX ? so_cls(c, g) : 0;
        if ((gc & (SO_LX_ROLE | SO_LX_TITLE)) && !(gc & SO_LX_ORGNOUN))
            return nominal(c, r); /* "the mayor's office": the mayor */
        if (doc && (gc & SO_LX_ORGNOUN))
            return nominal(c, r); /* "The association's latest survey": the association */
    }
    return -1;
}

static int person_head(const so_coref *c, so_range src)
{
    size_t h = np_head(c, src);
    if (h != SIZE_MAX && h > src.b && so_tok_is(c->d, h, "mate") &&
        so_tok_is(c->d, h - 1, "running"))
        return 1; /* "Clinton's running mate" */
    if (h == SIZE_MAX || !so_coref_lower(c->d, h) || !(so_cls(c, h) & SO_LX_ROLE) ||
        (so_cls(c, h) & SO_LX_ORGNOUN))
        return 0;
    return !is_voice(c, h);
}

/* Do the tokens [b, e) say that someone is not named ("not to be named",
** "did not want to be identified", "anonymity")? */
static int unnamed_words(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++) {
        if (so_tok_is(d, i, "anonymity"))
            return 1;
        if ((so_tok_is(d, i, "named") || so_tok_is(d, i, "identified")) && i >= b + 3 &&
            (so_tok_is(d, i - 3, "not") || (i >= b + 4 && so_tok_is(d, i - 4, "not"))))
            return 1; /* "not to be named", "did not want to be identified" */
    }
    return 0;
}

/* Does source src say its speaker is not named ("The tenant, who asked not
** to be named,", "speaking on condition of anonymity")? Or a relative
** clause right after it, closed by a comma within 16 tokens, that asks for
** it (the clause may be another attribution's source: "One patient | ,
** who asked not to be named, said"; not "who said the victims had not
** been identified,")? */
static int unnamed(const so_doc *d, so_range src)
{
    static const char *const ask[] = {"asked", "requested", "declined", "wished", "wanted",
                                      "want", "refused", "spoke", "speaking", "demanded",
                                      "did", "does", NULL};
    size_t e = src.e + 2;
    if (unnamed_words(d, src.b, src.e))
        return 1;
    if (e >= d->ntok || !so_tok_is_exact(d, src.e, ",") || !so_tok_is(d, src.e + 1, "who") ||
        !so_tok_in(d, e, ask))
        return 0;
    while (e < d->ntok && e < src.e + 18 && d->tok[e].sent == d->tok[src.e].sent &&
           !so_tok_is_exact(d, e, ","))
        e++;
    return e < d->ntok && so_tok_is_exact(d, e, ",") && unnamed_words(d, src.e, e);
}

/* Is token h a common noun capitalised only because it opens its
** sentence ("Pilots at SkyRidge Airlines have voted", "Companies say")?
** Train: 2 "they" sources no longer the last organisation named, both
** right; dev: 1. */
static int opening_common(const so_coref *c, size_t h)
{
    const so_doc *d = c->d;
    return h == so_sent_after_dateline(d, d->tok[h].sent) && so_posc(c, h) == SO_PC_NOUN &&
           !(d->tok[h].flags & SO_TF_ALLCAP);
}

/* Is the head h of source src followed by "of" and someone new ("the son
** of one resident", "the mother of a patient"): a person left unnamed? */
static int of_someone(const so_doc *d, so_range src, size_t h)
{
    static const char *const someone[] = {"a", "an", "one", "another", NULL};
    return h + 2 < src.e && so_tok_is_exact(d, h + 1, "of") && so_tok_in(d, h + 2, someone);
}

/* Note an unresolved source whose head is a plural common noun ("Local
** housing groups", "critics") for group_before, or else an organisation
** noun, unless "a", "another" or the like opens the source ("The nurses'
** union", "the report"; not "a rival firm"), for body_before, with
** voice_of the entity it speaks for ("his campaign": his) or -1. A person
** not named, by "who asked not to be named" or by an indefinite
** determiner ("a", "one", "another", ...: indefinite) before a noun of known gender ("One woman told the Echo"; no PolNeAR speaker
** changed, while any "a" before any person noun cost train 6 right ones:
** "A reporter asked Sanders ... He replied"), or by "of" and someone new
** after the head (of_someone: "the son of one resident said ... "...," he
** said"; no PolNeAR output changed), is noted for person_before; so is one
** by an indefinite determiner before a person noun of no gender ("One
** developer"), for a pronoun in its own sentence only (last_person_near). */
static void note_group(so_coref *c, so_range src, int32_t voice_of)
{
    size_t h = np_head(c, src);
    if (h == SIZE_MAX || !(so_coref_lower(c->d, h) || opening_common(c, h)))
        return;
    const char *s = so_tok_str(c->d, h);
    size_t n = so_tok_len(c->d, h);
    if (n > 3 && s[n - 1] == 's' && s[n - 2] != 's' && !(so_cls(c, h) & SO_LX_PRON))
        c->last_group = (uint32_t)h;
    else if ((person_head(c, src) && unnamed(c->d, src)) ||
             (indefinite(c->d, src) && head_gender(c, h)) || of_someone(c->d, src, h)) {
        c->last_person = (uint32_t)h;
        c->last_person_near = 0;
    } else if (indefinite(c->d, src) && person_head(c, src)) {
        c->last_person = (uint32_t)h; /* "One developer ... told the jury he had paid" */
        c->last_person_near = 1;
    } else if ((so_cls(c, h) & SO_LX_ORGNOUN) && !indefinite(c->d, src)) {
        c->last_body = (uint32_t)h;
        c->last_body_ent = voice_of;
    }
}

/* Record a resolved source: a mention of k (kept in text order) and the
** current speaker. */
static int32_t record(so_coref *c, so_range src, long name, int32_t k)
{
    c->last_spk = k;
    c->last_spk_tok = src.b;
    if (name >= 0) {
        c->m[name].flags |= SO_MF_SOURCE | SO_MF_CUESUBJ;
        return k;
    }
    uint32_t cls = so_cls(c, src.b) & (SO_LX_PRON_M | SO_LX_PRON_F);
    so_ent *e = &c->e[k];
    if (src.e == src.b + 1 && cls) {
        e->sf = (int16_t)(e->sf + ((cls & SO_LX_PRON_F) && e->sf < 10000));
        e->sm = (int16_t)(e->sm + ((cls & SO_LX_PRON_M) && e->sm < 10000));
    }
    size_t at = c->nsrc;
    while (at > 0 && c->src[at - 1].b > src.b)
        at--;
    if (at > 0 && c->src[at - 1].b == src.b && c->src[at - 1].e == src.e)
        return k; /* the same source again (several quotes) */
    if (so_grow(&c->src, &c->capsrc, c->nsrc + 1, sizeof *c->src, SO_COREF_MAX_MENTIONS))
        return k; /* the mention is only lost for output */
    memmove(c->src + at + 1, c->src + at, (c->nsrc - at) * sizeof *c->src);
    c->src[at] = (so_ment){src.b, src.e, src.b, k, 0, 0, SO_MF_SOURCE | SO_MF_NOMINAL};
    c->nsrc++;
    return k;
}

/* The age that token i gives, 1 to 129: a number alone ("61" of "Pike,
** 61,") or the number of an age word ("61-year-old"); 0 for none. */
static unsigned age_at(const so_doc *d, size_t i)
{
    const char *w = so_tok_str(d, i);
    size_t n = so_tok_len(d, i), k = 0;
    unsigned v = 0;
    if (d->tok[i].kind != SO_TK_NUM && !so_coref_age_word(d, i))
        return 0;
    while (k < n && k < 4 && w[k] >= '0' && w[k] <= '9')
        v = v * 10 + (unsigned)(w[k++] - '0');
    if (k == 0 || k > 3 || (k < n && (!so_coref_age_word(d, i) || w[k] != '-')) || v > 129)
        return 0; /* not "1,000-year-old", "2.5-year-old" */
    return v;
}

/* The age given with name mention m: "Pike, 61," or "Pike (61)" after it,
** "Pike, a 61-year-old accountant," or "the 61-year-old Pike", "19-year-old
** student Ahmed Yilmaz"; 0 for none. */
static unsigned mention_age(const so_doc *d, const so_ment *m)
{
    size_t e = m->e;
    if (m->b > 0 && so_coref_age_word(d, m->b - 1))
        return age_at(d, m->b - 1);
    if (m->b > 1 && so_coref_age_word(d, m->b - 2) && so_coref_lower(d, m->b - 1))
        return age_at(d, m->b - 2);
    if (e + 2 >= d->ntok || d->tok[e].sent != d->tok[m->b].sent)
        return 0;
    if (so_tok_is_exact(d, e, ",") || so_tok_is_exact(d, e, "(")) {
        const char *close = so_tok_is_exact(d, e, ",") ? "," : ")";
        if (d->tok[e + 1].kind == SO_TK_NUM && so_tok_is_exact(d, e + 2, close))
            return age_at(d, e + 1);
        if (so_tok_is_exact(d, e, ",") && so_tok_is(d, e + 1, "a") && so_coref_age_word(d, e + 2))
            return age_at(d, e + 2);
    }
    return 0;
}

/* The person most recently given an age from lo to hi with a name before
** token t (among AGE_SCAN name mentions), or -1; *other is set when person
** k is given another age there. */
#define AGE_SCAN 256
static int32_t aged(const so_coref *c, size_t t, unsigned lo, unsigned hi, int32_t k, int *other)
{
    int32_t found = -1;
    long i = so_coref_ment_before(c, t);
    *other = 0;
    for (long steps = 0; i >= 0 && steps < AGE_SCAN; i--, steps++) {
        const so_ment *m = &c->m[i];
        unsigned g;
        if (m->ent < 0 || c->e[m->ent].type != SO_ET_PERSON || !(g = mention_age(c->d, m)))
            continue;
        if (g >= lo && g <= hi && found < 0)
            found = m->ent;
        if ((g < lo || g > hi) && m->ent == k)
            *other = 1;
    }
    return found;
}

/* Is sentence s, of at most 200 tokens, all quotation and quotation marks
** (the second sentence of a quotation: '"Q1," said Raman. "Q2."')? */
static int quote_only(const so_doc *d, size_t s)
{
    size_t b = d->sent[s].b, e = d->sent[s].e;
    if (e - b > 200)
        return 0;
    for (size_t i = b; i < e; i++)
        if (!d->tok[i].inq && d->tok[i].kind != SO_TK_QUOTE)
            return 0;
    return 1;
}

/* Is entity k a subject or a source in the sentence of token p before p,
** or in the sentence before, or the one before that if the sentence before
** is all quotation (a name, a resolved source or a narrative "he" or "she";
** not a possessive: "Ivana Trump's brief said")? */
static int just_subject(const so_coref *c, int32_t k, size_t p)
{
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent;
    if (s >= 2 && quote_only(d, s - 1))
        s--; /* '"We thought ..." The 34-year-old biologist said' after "said Raman" */
    const uint16_t subj = SO_MF_SUBJ | SO_MF_SOURCE | SO_MF_CUESUBJ;
    for (long i = so_coref_ment_before(c, p); i >= 0; i--) {
        const so_ment *m = &c->m[i];
        if (d->tok[m->b].sent + 1 < s)
            break;
        if (m->ent == k && (m->flags & subj) && !(m->flags & SO_MF_POSS))
            return 1;
    }
    const so_ment *lists[2] = {c->src, c->pm};
    size_t ns[2] = {c->nsrc, c->npm};
    for (int l = 0; l < 2; l++)
        for (size_t j = so_coref_starting_before(lists[l], ns[l], p); j-- > 0;) {
            const so_ment *m = &lists[l][j];
            if (d->tok[m->b].sent + 1 < s)
                break;
            if (m->ent == k && (m->flags & subj))
                return 1;
        }
    return 0;
}

/* Is there a possessive "'s" in [b, e) ("The harbor authority's
** inspector general")? */
static int has_clitic(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (so_coref_poss(d, i))
            return 1;
    return 0;
}

/* Is token i the head of a definite object, "the" and up to two words
** before it right after a verb or a preposition ("Delgado calls the
** governor 'Tom'": the one named after, not someone new)? Not a subject
** ("The harbour employee told"), not after b. */
static int object_the(const so_coref *c, size_t b, size_t i)
{
    const so_doc *d = c->d;
    for (size_t j = i; j > b + 1 && i - j < 3; j--) {
        if (d->tok[j - 1].kind != SO_TK_WORD)
            return 0;
        if (so_tok_is(d, j - 1, "the")) {
            uint8_t pc = so_posc(c, j - 2);
            return so_coref_lower(d, j - 2) &&
                   (is_prep(d, j - 2) || pc == SO_PC_VERB || pc == SO_PC_PART);
        }
    }
    return 0;
}

/* Does the word of token h stand in lower case in [b, e) ("When a ferry
** pilot who ... The pilot later said": the pilot of that noun phrase, no one
** named)? */
static int common_before(const so_coref *c, size_t h, size_t b, size_t e)
{
    const so_doc *d = c->d;
    for (size_t i = b; i < e; i++)
        if (so_coref_lower(d, i) && same_word(d, i, h) && !object_the(c, b, i))
            return 1;
    return 0;
}

/* Has entity k roles, none of them with the head of the role noun at h
** learned before token t ("The FBI director" is not Trump, the nominee)?
** 0 also when k has no roles. Looks only at the roles of that head near t
** (so_coref_roles_with), so it costs the same in a long text. */
static int other_role(const so_coref *c, int32_t k, size_t h, size_t t)
{
    char head[SO_ROLE_HEAD_MAX];
    size_t first;
    if (c->e[k].role_b >= t)
        return 0;
    so_coref_role_canon(c->d, h, head);
    size_t n = so_coref_roles_with(c, head, t, &first);
    for (size_t q = first; q < first + n; q++) {
        const so_role *r = &c->r[c->rhead[q]];
        if (r->ent == k && r->b < t)
            return 0;
    }
    return 1;
}

/* Does a quotation that opens its sentence close right before token t
** ('"We need change," the businessman said'; not 'In his play "Harbor
** Lights," the actor')? */
static int quote_before(const so_doc *d, size_t t)
{
    size_t lo = 0, hi = d->nq; /* the first quotation closing at or after t - 1 */
    if (t == 0)
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->q[mid].close_tok < t - 1)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == d->nq || d->q[lo].close_tok != t - 1)
        return 0;
    size_t o = d->q[lo].open_tok;
    return o == so_sent_after_dateline(d, d->tok[o].sent);
}

/* Does token b follow an opening phrase of its sentence and its comma,
** at most eight tokens with no finite verb, comma or quotation in it
** ("Speaking after the match, the 44-year-old said")? */
static int after_opener(const so_coref *c, size_t b)
{
    const so_doc *d = c->d;
    size_t sb = so_sent_after_dateline(d, d->tok[b].sent);
    if (b < sb + 2 || b > sb + 9 || !so_tok_is_exact(d, b - 1, ","))
        return 0;
    for (size_t i = sb; i + 1 < b; i++)
        if (so_posc(c, i) == SO_PC_VERB || so_tok_is_exact(d, i, ",") || d->tok[i].inq ||
            d->tok[i].kind == SO_TK_QUOTE)
            return 0;
    return 1;
}

/* Can the nationality at token i name one person alone ("The Italian",
** "the Israeli": in -n or -i; "The Spaniard", "the Swede"), not a people
** ("The French", "The Chinese", "The British", "The Swiss")? */
static int one_national(const so_doc *d, size_t i)
{
    static const char *const one[] = {"spaniard", "swede", "turk",   "brit",   "serb",
                                      "croat",    "slovak", "uzbek", "kazakh", "aussie", NULL};
    const char *w = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    return (n > 2 && (w[n - 1] == 'n' || w[n - 1] == 'i')) || so_tok_in(d, i, one);
}

/* Is token i "teenager" or "teen", an epithet for a person aged 13 to 19? */
static int teen_word(const so_doc *d, size_t i)
{
    return so_tok_is(d, i, "teenager") || so_tok_is(d, i, "teen");
}

/* The first age word in [b, e) ("the 31-year-old defender"), or SIZE_MAX. */
static size_t age_before(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (so_coref_age_word(d, i))
            return i;
    return SIZE_MAX;
}

/* Is h, the head of epithet [b, h], a sports ranking's: "seed",
** "champion", or a number after "number" ("The top seed", "the defending
** champion", "The British number two")? */
static int ranking(const so_doc *d, size_t b, size_t h)
{
    static const char *const heads[] = {"seed", "champion", "titleholder", NULL};
    static const char *const nums[] = {"one", "two", "three", "four", "five", NULL};
    return so_tok_in(d, h, heads) ||
           (h > b + 1 && so_tok_is(d, h - 1, "number") &&
            (so_tok_in(d, h, nums) || d->tok[h].kind == SO_TK_NUM));
}

/* The head of a definite description opening its sentence, or right after
** a quotation that does ('"...," the New York businessman said': train 13
** sources newly resolved, 11 right) or after an opening phrase ("In a
** statement, the Ohio Democrat said": train 6 more, all right; dev 1,
** wrong), that names a person by role, party, nationality
** or age ("The Ohio Democrat", "The 58-year-old", "The former Amtrak
** executive", "The Italian", any noun after an age: "the 31-year-old
** defender") or a sports ranking (ranking: "The top seed"), or SIZE_MAX:
** singular, ending at its head or at a relative clause after it, no
** coordination, no possessive, and no noun phrase with
** that head in lower case in the two sentences before ("When a ferry pilot
** who ... The pilot later said"), other than as a definite object
** (object_the). */
static size_t epithet_head(const so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    size_t h = so_coref_age_word(d, src.e - 1) ? src.e - 1 : np_head(c, src); /* a number token */
    if (src.e > src.b + 2 && ranking(d, src.b, src.e - 1))
        h = src.e - 1; /* "The world number one" */
    if (h != SIZE_MAX && h + 1 < src.e && so_coref_age_word(d, h + 1))
        h++; /* "The 41-year-old, who ...": np_head() skips the number */
    if (h == SIZE_MAX || !so_tok_is(d, src.b, "the") ||
        (src.b != so_sent_after_dateline(d, d->tok[src.b].sent) && !quote_before(d, src.b) &&
         !after_opener(c, src.b)))
        return SIZE_MAX;
    uint32_t cls = so_cls(c, h);
    size_t n = so_tok_len(d, h), last = src.e;
    int demonym = (cls & SO_LX_DEMONYM) && (h > src.b + 1 || one_national(d, h)); /* "The
                               Italian", "the 28-year-old Kenyan"; not "The French" */
    int by_age = h > src.b + 1 && so_coref_lower(d, h) && so_posc(c, h) == SO_PC_NOUN &&
                 age_before(d, src.b + 1, h) != SIZE_MAX; /* "the 31-year-old defender" */
    if (!(((cls & SO_LX_ROLE) && !(cls & SO_LX_ORGNOUN) && !is_voice(c, h)) ||
          so_coref_age_word(d, h) || party(d, h) || demonym || by_age || teen_word(d, h) ||
          ranking(d, src.b, h)) ||
        (so_tok_str(d, h)[n - 1] == 's' && !so_coref_age_word(d, h)))
        return SIZE_MAX; /* not "the officials", "the Democrats" */
    while (last > src.b && d->tok[last - 1].kind != SO_TK_WORD && d->tok[last - 1].kind != SO_TK_NUM)
        last--;
    size_t s = d->tok[src.b].sent, pb = s > 1 ? d->sent[s - 2].b : 0;
    if (h + 2 < last && so_tok_is_exact(d, h + 1, ",") && so_tok_is(d, h + 2, "who"))
        last = h + 1; /* "The 41-year-old, who took over in June," */
    if (last != h + 1 || has_word(d, src.b, h, "and") || has_word(d, src.b, h, "or") ||
        possessed(d, src.b, h) || has_clitic(d, src.b, h) || common_before(c, h, pb, src.b))
        return SIZE_MAX; /* not "The head of the PAC", "The X and the Y", "The capital's
                            new mayor" */
    return h;
}

/* Does the epithet [src.b, h) name a place ("The Colorado Republican")
** that person k does not have, while k has another before its name or
** after it with "of" ("Texas Senator Paul Hale", "Governor Maria Ortiz of
** New Mexico")? Looks at the PLACE_SCAN name mentions before the epithet,
** so that a long text of epithets costs time in proportion to its length. */
#define PLACE_SCAN 256
static int place_clash(const so_coref *c, int32_t k, so_range src, size_t h)
{
    const so_doc *d = c->d;
    size_t pn = so_coref_place_len(d, src.b + 1, h), p = src.b + 1, other = 0;
    if (!pn)
        return 0;
    long i = so_coref_ment_before(c, src.b);
    for (long steps = 0; i >= 0 && steps < PLACE_SCAN; i--, steps++) {
        const so_ment *m = &c->m[i];
        if (m->ent != k)
            continue;
        for (size_t j = m->b; j < m->nb; j++) {
            size_t n = so_coref_place_len(d, j, m->nb);
            if (n && n == pn && so_toks_same(d, j, p, n))
                return 0;
            other |= n;
        }
        size_t n = m->e + 1 < d->ntok && so_tok_is_exact(d, m->e, "of")
                       ? so_coref_place_len(d, m->e + 1, d->ntok)
                       : 0;
        if (n && n == pn && so_toks_same(d, m->e + 1, p, n))
            return 0;
        other |= n;
    }
    return other != 0;
}

/* An epithet (epithet_head) that matches no role learned from the text.
** One with an age ("The 61-year-old", "the 31-year-old defender") is first
** the person given that age by name (aged), whoever the subject was, and no
** one when the person a "he" there would mean was given another. Otherwise:
** the person a "he" or "she" there would mean, if that person is a subject
** or a source in its sentence or the one before, and has no roles learned
** or one with the epithet's head (a party, an age or a nationality needs
** none: "The FBI director" is not Trump, the nominee), and no place other
** than the epithet's (place_clash). */
static int32_t epithet(so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    size_t h = epithet_head(c, src);
    if (h == SIZE_MAX)
        return -1;
    int32_t k = so_coref_pronoun(c, src.b, SO_LX_PRON_M | SO_LX_PRON_F);
    size_t ag = so_coref_age_word(d, h) ? h : age_before(d, src.b + 1, h);
    unsigned years = ag != SIZE_MAX ? age_at(d, ag) : 0;
    if (years || teen_word(d, h)) { /* "Pike, 61, ... The 61-year-old"; "Holt, 17, ...
                                       the teenager" */
        int other;
        int32_t a = years ? aged(c, src.b, years, years, k, &other)
                          : aged(c, src.b, 13, 19, k, &other);
        if (a >= 0 || other)
            return a;
    }
    if (k < 0 || c->e[k].type != SO_ET_PERSON || !just_subject(c, k, src.b) ||
        place_clash(c, k, src, h))
        return -1;
    return party(d, h) || ag != SIZE_MAX || (so_cls(c, h) & SO_LX_DEMONYM) ||
                   !other_role(c, k, h, src.b)
               ? k
               : -1;
}

/* The writer named in a byline, a paragraph of its own among the first
** three that is "By" and a person's name ("By Helen Marsh"), or -1: the
** "I" of an opinion piece or a first-person report. Once per document. */
static int32_t byline(so_coref *c)
{
    const so_doc *d = c->d;
    if (c->byline)
        return c->byline - 1;
    c->byline = -1;
    for (size_t p = 0; p < d->npara && p < 3; p++) {
        so_range r = d->para[p];
        while (r.e > r.b + 2 && d->tok[r.e - 1].kind == SO_TK_PUNCT)
            r.e--;
        if (r.e < r.b + 3 || r.e > r.b + 5 || !so_tok_is_exact(d, r.b, "By"))
            continue;
        long i = so_coref_ment_before(c, r.b + 2);
        if (i >= 0 && c->m[i].b == r.b + 1 && c->m[i].e == r.e && c->m[i].ent >= 0 &&
            c->e[c->m[i].ent].type == SO_ET_PERSON) {
            c->byline = c->m[i].ent + 1;
            break;
        }
    }
    return c->byline - 1;
}

/* The person interviewed, for the "A" label of an interview's answer at
** token a (label 'A'), or the "you" of a question whose "Q" label is at a
** (label 'Q'): of the people named (or referred to by a narrative
** pronoun) before the first "Q:" or "A:" paragraph, in its first 64 such
** mentions, the one with the most; the first named of a tie. -1 if none,
** or if a is no such label. */
static int32_t interviewee(so_coref *c, size_t a, int label)
{
    const so_doc *d = c->d;
    int qa;
    if (so_para_qa(d, d->tok[a].para, &qa) != a + 1 || qa != label)
        return -1;
    if (!c->qa_first) { /* once per document */
        c->qa_first = d->ntok + 1;
        for (size_t p = 0; p < d->npara && c->qa_first == d->ntok + 1; p++)
            if (so_para_qa(d, p, &qa) != SIZE_MAX)
                c->qa_first = d->para[p].b + 1;
    }
    size_t first = c->qa_first - 1;
    int32_t ent[64];
    size_t n = 0;
    for (size_t i = 0; i < c->nm && n < 64 && c->m[i].b < first; i++)
        if (!(c->m[i].flags & SO_MF_QUOTED) && c->e[c->m[i].ent].type == SO_ET_PERSON)
            ent[n++] = c->m[i].ent;
    for (size_t i = 0; i < c->npm && n < 64 && c->pm[i].b < first; i++)
        ent[n++] = c->pm[i].ent;
    int32_t best = -1;
    size_t most = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            k += ent[j] == ent[i];
        if (k > most || (k == most && c->e[ent[i]].canon_first < c->e[best].canon_first)) {
            most = k;
            best = ent[i];
        }
    }
    return best;
}

/* "Her husband", "his wife": the person of the other sex who shares the
** surname of the one "her" or "his" means (Tom Ruiz, after Ana Ruiz; also
** the first name of a couple, Jim of "Jim and Ellen Carver"), when there is
** exactly one; -1 otherwise. */
static int32_t spouse(so_coref *c, so_range src)
{
    const so_doc *d = c->d;
    size_t p, n = words(d, src, &p);
    if (n != 2 || p + 1 >= src.e)
        return -1; /* two words side by side, both in src (src.e <= d->ntok) */
    uint32_t cls = so_cls(c, p) & (SO_LX_PRON_M | SO_LX_PRON_F);
    uint8_t want = so_tok_is(d, p + 1, "husband") ? SAYSO_GENDER_MALE
                   : so_tok_is(d, p + 1, "wife")  ? SAYSO_GENDER_FEMALE
                                                  : 0;
    if (!cls || !want || !(so_tok_is(d, p, "his") || so_tok_is(d, p, "her")))
        return -1;
    int32_t k = so_coref_pronoun(c, p, cls);
    if (k < 0)
        return -1;
    size_t l = so_coref_last_word(c, &c->m[c->e[k].canon]);
    int32_t v[2 * SO_KEY_MAX_ENTS], found = -1;
    size_t nv = so_coref_keys_get(&c->keys, so_coref_key(d, SO_K_LAST, l, l + 1), v,
                                  SO_KEY_MAX_ENTS);
    nv += so_coref_keys_get(&c->keys, so_coref_key(d, SO_K_COUPLE, l, l + 1), v + nv,
                            SO_KEY_MAX_ENTS); /* "Jim" of "Jim and Ellen Carver" */
    for (size_t i = 0; i < nv; i++) {
        const so_ent *e = &c->e[v[i]];
        if (v[i] == k || v[i] == found || e->type != SO_ET_PERSON || e->gender != want)
            continue;
        if (found >= 0)
            return -1; /* two of them: no guess */
        found = v[i];
    }
    return found;
}

/* Note source src, resolved to k, when its head is a document's noun
** ("A report by the engineering firm Marlow & Greene") for
** same_document. */
static void note_document(so_coref *c, so_range src, int32_t k)
{
    size_t h = np_head(c, src);
    if (k >= 0 && h != SIZE_MAX && so_tok_in(c->d, h, documents)) {
        c->last_doc = (uint32_t)h;
        c->last_doc_ent = k;
    }
}

/* Note source src, resolved to k (or -1), as the last source, and its
** head when it is a voice ("A spokeswoman for Croft & Lyle", "A
** spokesman") for voice_before; a pronoun that voice_before resolved
** keeps the voice. */
static void note_voice(so_coref *c, so_range src, int32_t k)
{
    const so_doc *d = c->d;
    size_t h = np_head(c, src);
    if (src.e > src.b + 1 && so_coref_lower(d, src.e - 1) && is_voice(c, src.e - 1))
        h = src.e - 1; /* "A Department for Education spokeswoman" */
    c->last_src = src.b;
    if (c->voice_kept) {
        c->voice_kept = 0;
        return;
    }
    const char *w = h != SIZE_MAX ? so_tok_str(d, h) : "";
    size_t n = h != SIZE_MAX ? so_tok_len(d, h) : 0;
    int plural = n > 3 && (w[n - 1] == 's' || !strncasecmp(w + n - 3, "men", 3));
    c->last_voice = n && !plural && so_coref_lower(d, h) && is_voice(c, h) ? (uint32_t)h : UINT32_MAX;
    c->last_voice_ent = k;
}

int32_t so_coref_resolve(so_coref *c, so_range src, const so_range *content, size_t nc)
{
    if (src.e <= src.b || src.e > c->d->ntok)
        return -1;
    c->skip = content;
    c->nskip = content ? nc : 0;
    long name = named(c, src);
    int32_t k = name >= 0 ? c->m[name].ent : pronominal(c, src);
    size_t para_b = c->d->para[c->d->tok[src.b].para].b;
    if (k < 0 && name < 0 && src.e == src.b + 1) /* "A:", and "I" in an answer */
        k = interviewee(c, so_tok_is_exact(c->d, src.b, "I") ? para_b : src.b, 'A');
    if (k < 0 && name < 0 && src.e == src.b + 1 && so_tok_is(c->d, src.b, "you") &&
        !c->d->tok[src.b].inq)
        k = interviewee(c, para_b, 'Q'); /* "Q: You said during the campaign ..." */
    if (k < 0 && name < 0 && src.e == src.b + 1 && so_tok_is_exact(c->d, src.b, "I") &&
        !c->d->tok[src.b].inq)
        k = byline(c); /* "By Helen Marsh ... I told anyone who would listen" */
    int anon = k < 0 && name < 0 && person_head(c, src) && unnamed(c->d, src);
    if (k < 0)
        k = spouse(c, src);
    if (k < 0 && !anon)
        k = nominal(c, src); /* not "The tenant, who asked not to be named," */
    if (k < 0)
        k = untyped_firm(c, src);
    if (k < 0 && !anon)
        k = epithet(c, src);
    if (k < 0)
        k = voice_for(c, src);
    if (k < 0)
        k = bare_voice(c, src);
    if (k < 0)
        k = document_from(c, src);
    if (k < 0)
        k = statement_source(c, src);
    if (k < 0 && (k = possessor_voice(c, src)) >= 0)
        note_group(c, src, k); /* "his campaign said ... it": the campaign's, as before */
    if (k < 0 && !person_head(c, src))
        k = loose_name(c, src);
    c->skip = NULL;
    c->nskip = 0;
    if (k < 0)
        note_group(c, src, -1);
    note_voice(c, src, k);
    note_document(c, src, k);
    return k >= 0 ? record(c, src, name, k) : -1;
}
