/*
** salience.c -- which entity a pronoun means. Each name or resolved source
** mention before the pronoun, within a window of sentences and outside
** quotations, scores its entity: recent mentions score higher, subjects
** and speakers higher still, and the current speaker of a run of quotes
** gets a bonus (until another person becomes the subject). Entities
** whose type, number or gender disagree with the pronoun are never
** candidates. The subject marks are set here too.
*/
#include <string.h>

#include "base/util.h"
#include "coref/coref_int.h"
#include "quote/quote.h"

#define WINDOW_SENTS 8   /* sentences looked back */
#define MAX_SCAN 100     /* mentions of each kind looked at per pronoun */
#define WINDOW_TOKENS 600 /* and never further back than this */
#define MAX_CAND 32

typedef struct cand {
    int32_t ent;
    float score;
} cand;

/* A lower-case word that is probably a finite verb (-s, -ed). */
static int verbish(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    size_t n = so_tok_len(d, i);
    const char *s = so_tok_str(d, i);
    if (!so_coref_lower(d, i) || n < 3 ||
        (so_cls(c, i) & (SO_LX_ROLE | SO_LX_MODNOUN | SO_LX_ORGNOUN | SO_LX_STOPCAP)))
        return 0;
    return s[n - 1] == 's' || (s[n - 2] == 'e' && s[n - 1] == 'd');
}

/* Is token j a word? The cue word lists (so_cue_is_adverb, so_cue_is_aux)
** hold words only, so the dear list lookups are skipped for punctuation. */
static int word(const so_doc *d, size_t j)
{
    return d->tok[j].kind == SO_TK_WORD;
}

/* First token after mention m and an appositive (", a lawyer,") and adverbs. */
static size_t after(const so_coref *c, const so_ment *m, size_t lim)
{
    const so_doc *d = c->d;
    size_t j = m->e;
    if (j < lim && so_tok_is_exact(d, j, ",")) {
        size_t k = j + 1;
        while (k < lim && k - j < 16 && !so_tok_is_exact(d, k, ",") &&
               d->tok[k].kind != SO_TK_QUOTE && !so_tok_is(d, k, "who"))
            k++;
        if (k < lim && so_tok_is_exact(d, k, ","))
            j = k + 1;
    }
    while (j < lim && j - m->e < 20 && word(d, j) && so_cue_is_adverb(d, j))
        j++;
    return j;
}

/* Subject flags a verb at token j gives the mention before it (0: none). */
static uint16_t verb_at(const so_coref *c, size_t j)
{
    const so_doc *d = c->d;
    if (so_cue_class(d, j) && so_coref_lower(d, j))
        return SO_MF_SUBJ | SO_MF_CUESUBJ;
    if ((c->tagged ? so_posc(c, j) == SO_PC_VERB || so_posc(c, j) == SO_PC_PART
                   : verbish(c, j)) ||
        (word(d, j) && (so_tok_is(d, j, "who") || so_cue_is_aux(d, j))))
        return SO_MF_SUBJ;
    return 0;
}

/* Is mention m the object of a preposition of place ("Anglers on the
** Tarn have ...", "Officials in Kabul say"), so that the verb after it is
** not its own? */
static int place_object(const so_coref *c, const so_ment *m)
{
    static const char *const at[] = {"on", "in", "at", "near", "along", "across", "beside",
                                     "outside", "inside", "around", "off", NULL};
    const so_doc *d = c->d;
    size_t p = m->b;
    if (p > 0 && so_tok_is(d, p - 1, "the"))
        p--;
    return p > 0 && so_tok_in(d, p - 1, at) && d->tok[p - 1].sent == d->tok[m->b].sent;
}

static void mark_subject(so_coref *c, so_ment *m)
{
    const so_doc *d = c->d;
    size_t lim = d->sent[d->tok[m->b].sent].e, j = after(c, m, lim);
    uint16_t f = 0;
    if (m->b > 0 && so_coref_lower(d, m->b - 1) && so_cue_class(d, m->b - 1) == SO_CUE_SPEECH &&
        !(j < lim && word(d, j) && !so_tok_is(d, j, "who") && verb_at(c, j)))
        m->flags |= SO_MF_SUBJ | SO_MF_CUESUBJ; /* "said Jane Doe"; not "said Eklund was" */
    if ((m->flags & (SO_MF_QUOTED | SO_MF_POSS | SO_MF_MOD)) || place_object(c, m))
        return;
    if (m->e + 1 < lim && so_tok_is_exact(d, m->e, ","))
        f = verb_at(c, m->e + 1); /* "Clinton's rival, Donald Trump, has" */
    if (!f && j < lim)
        f = verb_at(c, j);
    if (!f && m->b == d->sent[d->tok[m->b].sent].b)
        f = SO_MF_SUBJ;
    m->flags |= f;
}

void so_coref_subjects(so_coref *c)
{
    for (size_t i = 0; i < c->nm; i++)
        mark_subject(c, &c->m[i]);
}

int so_coref_agrees(const so_coref *c, int32_t k, uint32_t want)
{
    const so_ent *e = &c->e[k];
    if (want & (SO_LX_PRON_M | SO_LX_PRON_F)) {
        if (e->type != SO_ET_PERSON && !(e->type == SO_ET_UNKNOWN && (e->evid || e->gender)))
            return 0;
        if (e->gender == SAYSO_GENDER_FEMALE)
            return (want & SO_LX_PRON_F) != 0;
        if (e->gender == SAYSO_GENDER_MALE)
            return (want & SO_LX_PRON_M) != 0;
        return 1;
    }
    if (want & SO_LX_PRON_N)
        return e->type == SO_ET_ORG;
    if (want & SO_LX_PRON_P)
        return e->type == SO_ET_ORG || e->type == SO_ET_GROUP;
    return 0;
}

static float mention_score(const so_coref *c, const so_ment *m, size_t p)
{
    const so_doc *d = c->d;
    float sd = (float)(d->tok[p].sent - d->tok[m->b].sent);
    float pd = (float)(d->tok[p].para - d->tok[m->b].para);
    float s = 10.0f - 3.0f * sd - 1.0f * pd;
    if (m->flags & SO_MF_SUBJ)
        s += 3.0f;
    if (m->flags & (SO_MF_CUESUBJ | SO_MF_SOURCE))
        s += 2.0f;
    if (m->flags & SO_MF_POSS)
        s -= 1.0f;
    return s;
}

static void consider(cand *v, size_t *n, int32_t ent, float s)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i].ent == ent) {
            if (s > v[i].score)
                v[i].score = s;
            return;
        }
    if (*n < MAX_CAND)
        v[(*n)++] = (cand){ent, s};
}

/* Is mention m an organisation that opens content r, the subject of the
** reported clause, before an "it" at p after r ("The trust has apologised
** ..., it said")? */
static int opens_content(const so_coref *c, const so_ment *m, so_range r, size_t p,
                         uint32_t want)
{
    const so_doc *d = c->d;
    return (want & SO_LX_PRON_N) && !(want & SO_LX_PRON_P) && p >= r.e &&
           c->e[m->ent].type == SO_ET_ORG &&
           (m->b == r.b || (m->b == r.b + 1 && so_tok_is(d, r.b, "the")));
}

/* May mention m stand before pronoun p as its antecedent? */
static int usable(const so_coref *c, const so_ment *m, size_t p, uint32_t want)
{
    const so_doc *d = c->d;
    if (m->b >= p || m->ent < 0 || (m->flags & (SO_MF_QUOTED | SO_MF_MOD)) ||
        so_coref_is_label(c, m))
        return 0; /* "DUVAL: He knows ...": not Duval */
    if (d->tok[p].sent - d->tok[m->b].sent > WINDOW_SENTS || p - m->b > WINDOW_TOKENS)
        return 0;
    for (size_t k = 0; k < c->nskip; k++)
        if (m->b >= c->skip[k].b && m->b < c->skip[k].e &&
            !opens_content(c, m, c->skip[k], p, want))
            return 0;
    if ((want & SO_LX_PRON_N) && so_coref_affiliation(c, m))
        return 0; /* "an economist with Castle Bank ... it said": not the bank */
    if ((want & SO_LX_PRON_P) && c->e[m->ent].type == SO_ET_GROUP &&
        (!(m->flags & SO_MF_SUBJ) || d->tok[p].sent - d->tok[m->b].sent > 1))
        return 0; /* "they" means a group only when it was the last subject */
    return so_coref_agrees(c, m->ent, want);
}

/* Does a person (a name mention or "he"/"she") end right before token k,
** or before an affiliation set off by commas that ends there? */
static int person_ends(const so_coref *c, size_t k)
{
    if (k >= 5 && so_tok_is_exact(c->d, k - 1, ",")) /* over an affiliation: "Harold */
        for (size_t i = k - 2; i + 6 > k; i--)       /* Voss, Republican of Nebraska, and" */
            if (so_tok_affiliation(c->d, i)) {
                k = i - 1;
                break;
            }
    if (k == 0)
        return 0;
    if (so_cls(c, k - 1) & (SO_LX_PRON_M | SO_LX_PRON_F))
        return 1;
    for (long i = so_coref_ment_before(c, k); i >= 0 && c->m[i].b + 8 >= k; i--)
        if (c->m[i].e == k && c->m[i].ent >= 0 && c->e[c->m[i].ent].type == SO_ET_PERSON)
            return 1;
    return 0;
}

/* Does a person (a name mention, "he"/"she" or "his"/"her" before a noun)
** start at token k? */
static int person_starts(const so_coref *c, size_t k)
{
    if (k >= c->d->ntok)
        return 0;
    if (so_cls(c, k) & (SO_LX_PRON_M | SO_LX_PRON_F))
        return 1;
    size_t i = so_coref_starting_before(c->m, c->nm, k);
    return i < c->nm && c->m[i].b == k && c->m[i].ent >= 0 &&
           c->e[c->m[i].ent].type == SO_ET_PERSON;
}

/* Does a coordination of people ("Obama and Clinton", "She and her
** husband", "He and his partner") stand in the sentence of token p or the
** one before, before p and at most WINDOW_TOKENS before it (so that each
** "they" of one sentence of 100,000 words does not read all of it)? Then
** "they" is left alone: it most likely means them, and sayso names one
** speaker. So is one after a sentence that opens with a "They" left alone
** so for a coordination that is a subject, with no verb before it in its
** sentence since the last comma ("Senators Hale and Ruiz objected. They
** sent a letter ... "Q," they wrote."; not "Police said they had arrested
** Smith and Jones. They said ... they added"); depth 0 for the first call. */
static int coordination(const so_coref *c, size_t p, int depth)
{
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent;
    size_t b = d->sent[s > 0 ? s - 1 : 0].b;
    if (p > b + WINDOW_TOKENS)
        b = p - WINDOW_TOKENS;
    for (size_t k = b, verb = 0; k < p; k++) {
        if ((d->tok[k].flags & SO_TF_SENT_START) || so_tok_is_exact(d, k, ","))
            verb = 0; /* a verb of an opening clause does not count: "When the vote was
                         called, Hale and Ruiz walked out." */
        verb |= so_posc(c, k) == SO_PC_VERB;
        if (so_tok_is(d, k, "and") && person_ends(c, k) && person_starts(c, k + 1) &&
            !(depth && verb))
            return 1;
    }
    if (depth > 0 || s == 0)
        return 0;
    size_t t = so_sent_after_dateline(d, s - 1); /* the sentence before opens with "They" */
    return t < d->sent[s - 1].e && t < p && so_tok_is_exact(d, t, "They") && coordination(c, t, 1);
}

static size_t gather(const so_coref *c, size_t p, uint32_t want, cand *v)
{
    size_t n = 0;
    long i = so_coref_ment_before(c, p);
    for (size_t steps = 0; i >= 0 && steps < MAX_SCAN; i--, steps++) {
        const so_ment *m = &c->m[i];
        if (c->d->tok[p].sent - c->d->tok[m->b].sent > WINDOW_SENTS)
            break;
        if (usable(c, m, p, want))
            consider(v, &n, m->ent, mention_score(c, m, p));
    }
    for (size_t j = c->nsrc, steps = 0; j-- > 0 && steps < MAX_SCAN; steps++)
        if (usable(c, &c->src[j], p, want))
            consider(v, &n, c->src[j].ent, mention_score(c, &c->src[j], p));
    size_t npm = so_coref_starting_before(c->pm, c->npm, p); /* chained pronouns before p */
    for (size_t j = npm, steps = 0; j-- > 0 && steps < MAX_SCAN; steps++) {
        const so_ment *m = &c->pm[j];
        if (c->d->tok[p].sent - c->d->tok[m->b].sent > WINDOW_SENTS)
            break;
        if (usable(c, m, p, want))
            consider(v, &n, m->ent, mention_score(c, m, p));
    }
    return n;
}

/* A singular noun for a group of people ("The team, led by ...", "The
** panel found"), whom "they" means as a plural noun's. */
static int collective(const so_doc *d, size_t i)
{
    static const so_word w[] = {SO_WORD("team"), SO_WORD("panel"), SO_WORD("crew"),
                                SO_WORD("couple"), SO_WORD("family"), SO_WORD("jury")};
    return so_word_in(so_tok_str(d, i), so_tok_len(d, i), w, sizeof w / sizeof *w);
}

/* Where a subject that is a plural common noun phrase opening sentence s
** ends ("The researchers, led by ...", "Many voters say"), or 0 when it
** does not open with one: a plural word of its own (or a collective one),
** not a name, right before a verb or a comma. */
static size_t plural_subject(const so_coref *c, size_t s)
{
    static const so_word det[] = {SO_WORD("the"),  SO_WORD("many"),  SO_WORD("some"),
                                  SO_WORD("most"), SO_WORD("other"), SO_WORD("these"),
                                  SO_WORD("those"), SO_WORD("several"), SO_WORD("both"),
                                  SO_WORD("all"),  SO_WORD("few")};
    static const so_word prep[] = {SO_WORD("in"),     SO_WORD("on"),    SO_WORD("at"),
                                   SO_WORD("for"),    SO_WORD("after"), SO_WORD("before"),
                                   SO_WORD("during"), SO_WORD("since"), SO_WORD("with"),
                                   SO_WORD("among"),  SO_WORD("across"), SO_WORD("over"),
                                   SO_WORD("under"),  SO_WORD("by"),    SO_WORD("from"),
                                   SO_WORD("despite"), SO_WORD("amid"), SO_WORD("unlike"),
                                   SO_WORD("through"), SO_WORD("within"), SO_WORD("without")};
    const so_doc *d = c->d;
    size_t b = so_sent_after_dateline(d, s), e = d->sent[s].e, i = b;
    if (i < e && so_word_in(so_tok_str(d, i), so_tok_len(d, i), prep, sizeof prep / sizeof *prep))
        return 0; /* "On most pages, they say": not a subject */
    if (i < e && so_word_in(so_tok_str(d, i), so_tok_len(d, i), det, sizeof det / sizeof *det))
        i++;
    for (; i + 1 < e && i < b + 5; i++) {
        size_t n = so_tok_len(d, i);
        if (d->tok[i].kind != SO_TK_WORD || (i > b && !so_coref_lower(d, i)) ||
            (so_cls(c, i) & (SO_LX_PRON | SO_LX_GROUP)) || so_posc(c, i) == SO_PC_VERB)
            return 0;
        if (so_posc(c, i) == SO_PC_NOUN &&
            ((n > 3 && so_tok_str(d, i)[n - 1] == 's') || collective(d, i)) &&
            (so_posc(c, i + 1) == SO_PC_VERB || so_tok_is_exact(d, i + 1, ",")))
            return i + 1;
    }
    return 0;
}

/* Does a name follow the comma at token i, before e ("The promoter, Live
** Nation Wales, said": an appositive names the subject)? */
static int named_after(const so_coref *c, size_t i, size_t e)
{
    return i + 1 < e && so_tok_is_exact(c->d, i, ",") && so_posc(c, i + 1) == SO_PC_PROPER;
}

/* Where a subject that is a singular common noun phrase opening sentence
** s ends ("The review, which ..., blames", "A new study finds"), or 0: a
** determiner, then at most three lower-case words, the last a noun not in
** -s (but -ss, -sis) that names no organisation or role (a newspaper's
** word in lower case does not: "The review", "The post"), right before a
** verb or a comma, but not a comma before a name (named_after). */
static size_t thing_subject(const so_coref *c, size_t s)
{
    static const so_word det[] = {SO_WORD("the"), SO_WORD("a"), SO_WORD("an"), SO_WORD("this"),
                                  SO_WORD("that")};
    const so_doc *d = c->d;
    size_t b = so_sent_after_dateline(d, s), e = d->sent[s].e, i = b;
    if (i >= e || !so_word_in(so_tok_str(d, i), so_tok_len(d, i), det, sizeof det / sizeof *det))
        return 0;
    for (i++; i + 1 < e && i < b + 4; i++) {
        size_t n = so_tok_len(d, i);
        const char *w = so_tok_str(d, i);
        uint32_t cls = so_cls(c, i);
        if (cls & SO_LX_NEWS)
            cls &= ~SO_LX_ORG; /* "The review", "a post": a paper's name only in capitals */
        if (d->tok[i].kind != SO_TK_WORD || !so_coref_lower(d, i) ||
            (cls & (SO_LX_PRON | SO_LX_GROUP | SO_LX_ORG | SO_LX_ORGNOUN | SO_LX_ROLE)) ||
            so_posc(c, i) == SO_PC_VERB)
            return 0;
        int sing = w[n - 1] != 's' || (n > 3 && (w[n - 2] == 's' || (w[n - 2] == 'i' && w[n - 3] == 's')));
        if (so_posc(c, i) == SO_PC_NOUN && n > 3 && sing &&
            (so_posc(c, i + 1) == SO_PC_VERB || so_tok_is_exact(d, i + 1, ",")))
            return named_after(c, i + 1, e) ? 0 : i + 1;
    }
    return 0;
}

/* Is token p the subject that opens its sentence: its first word, or
** right after an opening phrase with no verb and a comma ("In a court
** filing last week, they argued")? */
static int opens_sentence(const so_coref *c, size_t p)
{
    const so_doc *d = c->d;
    size_t b = so_sent_after_dateline(d, d->tok[p].sent);
    if (p == b)
        return 1;
    if (p < b + 2 || !so_tok_is_exact(d, p - 1, ","))
        return 0;
    for (size_t i = b; i + 1 < p; i++)
        if (so_posc(c, i) == SO_PC_VERB || so_tok_is_exact(d, i, ",") || d->tok[i].inq)
            return 0;
    return 1;
}

/* Is the last subject before "it" at p a singular common noun phrase that
** names a thing ("The review, which was seen by this newspaper, blames an
** outdated computer system. It says ...")? Then it is what "it" means,
** and no entity is. */
static int thing_before(const so_coref *c, size_t p)
{
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent, e = thing_subject(c, s);
    if (e && e <= p && !(p == e + 1 && so_tok_is_exact(d, e, ",")))
        return 1; /* not "The average fare, it says, would be $3" */
    return opens_sentence(c, p) && s > 0 && thing_subject(c, s - 1);
}

/* Is the last subject before "they" at p a plural common noun phrase
** ("The researchers, led by Dr. Osei of Northgate University, followed
** 2,400 students. They found ...", "Prosecutors asked ... In a filing,
** they argued")? Then it is what "they" means, and no entity is, but
** the organisation whose name opens it (body: "Facebook officials"), if
** any. */
static int group_before(const so_coref *c, size_t p, int32_t *body)
{
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent, e = plural_subject(c, s);
    if (!(e && e <= p)) {
        if (!opens_sentence(c, p) || s == 0 || !plural_subject(c, s - 1))
            return 0;
        s--;
    }
    size_t b = so_sent_after_dateline(d, s);
    long i = so_coref_ment_before(c, b + 1);
    *body = -1;
    if (i >= 0 && c->m[i].b == b && c->m[i].ent >= 0 && c->e[c->m[i].ent].type == SO_ET_ORG)
        *body = c->m[i].ent; /* "Facebook officials say ... Sometimes, they say" */
    return 1;
}

/* The first subject (a name or a resolved pronoun, outside quotations) of
** the last sentence before token p's that has one, after the sentence of
** the current speaker's last source: its mention, or NULL. */
static const so_ment *last_subject(const so_coref *c, size_t p)
{
    const so_doc *d = c->d;
    size_t s = d->tok[p].sent, lo = d->tok[c->last_spk_tok].sent;
    if (s > WINDOW_SENTS && lo < s - WINDOW_SENTS)
        lo = s - WINDOW_SENTS;
    const so_ment *best = NULL;
    long i = so_coref_ment_before(c, d->sent[s].b);
    size_t j = so_coref_starting_before(c->pm, c->npm, d->sent[s].b);
    for (size_t steps = 0; steps < 2 * MAX_SCAN; steps++) { /* walking back */
        const so_ment *m = i < 0 ? (j ? &c->pm[j - 1] : NULL)
                           : !j || c->m[i].b > c->pm[j - 1].b ? &c->m[i] : &c->pm[j - 1];
        if (!m || d->tok[m->b].sent <= lo || (best && d->tok[m->b].sent != d->tok[best->b].sent))
            break;
        if ((m->flags & SO_MF_SUBJ) && !(m->flags & SO_MF_QUOTED) && !d->tok[m->b].inq)
            best = m; /* the earliest of that sentence wins */
        if (m == &c->m[i])
            i--;
        else
            j--;
    }
    return best;
}

/* Has a person other than the current speaker, agreeing with want, become
** the subject since the speaker's last source ("Lin says ... Asked who
** would win, Quinn laughed. '...,' she said")? */
static int new_subject(const so_coref *c, size_t p, uint32_t want)
{
    const so_ment *m = last_subject(c, p);
    return m && m->ent >= 0 && m->ent != c->last_spk && c->e[m->ent].type == SO_ET_PERSON &&
           so_coref_agrees(c, m->ent, want);
}

int32_t so_coref_pronoun(so_coref *c, size_t p, uint32_t want)
{
    const so_doc *d = c->d;
    cand v[MAX_CAND];
    int32_t body = -1;
    if ((want & SO_LX_PRON_P) && (coordination(c, p, 0) || group_before(c, p, &body)))
        return body;
    if ((want & SO_LX_PRON_N) && thing_before(c, p))
        return -1;
    size_t n = gather(c, p, want, v);
    int32_t best = -1;
    float bs = -1e9f;
    for (size_t i = 0; i < n; i++) {
        const so_ent *e = &c->e[v[i].ent];
        float s = v[i].score;
        if (v[i].ent == c->last_spk && d->tok[p].para - d->tok[c->last_spk_tok].para <= 1 &&
            !new_subject(c, p, want))
            s += 3.0f;
        if (e->gender)
            s += 3.0f;
        s += 0.2f * (float)(e->nment < 10 ? e->nment : 10);
        if (s > bs) {
            bs = s;
            best = v[i].ent;
        }
    }
    return best;
}

/* Resolve every he/she/him/his/her outside quotations in text order, so
** that each becomes a mention of its entity for the pronouns after it
** (a chain of pronouns keeps its person salient). */
int so_coref_chain_pronouns(so_coref *c)
{
    const so_doc *d = c->d;
    for (size_t p = 0; p < d->ntok; p++) {
        uint32_t cls = so_cls(c, p) & (SO_LX_PRON_M | SO_LX_PRON_F);
        if (!cls || d->tok[p].inq)
            continue;
        int32_t k = so_coref_pronoun(c, p, cls);
        if (k < 0)
            continue;
        if (so_grow(&c->pm, &c->cappm, c->npm + 1, sizeof *c->pm, SO_COREF_MAX_MENTIONS))
            return -1;
        uint16_t f = so_tok_is(d, p, "he") || so_tok_is(d, p, "she") ? SO_MF_SUBJ : 0;
        c->pm[c->npm++] = (so_ment){(uint32_t)p, (uint32_t)p + 1, (uint32_t)p, k, 0, 0,
                                    (uint16_t)(f | SO_MF_NOMINAL)};
    }
    return 0;
}
