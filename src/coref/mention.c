/*
** mention.c -- name mentions: runs of capitalised words (with connectors
** such as "of" inside organisation names and particles such as "van"),
** minus the sentence-opening words that are not names, split into a title
** part (Foreign Minister, Sen., Mr.) and the name proper, and typed from
** their words alone (person, organisation, place, group, other, unknown).
** Headline lines in title case are skipped: every word is capitalised.
*/
#include <stdlib.h>
#include <string.h>

#include "coref/coref_int.h"
#include "quote/quote.h"

#define NAME_MAX_TOKS 12

/* Can token i be part of a name? */
static int capish(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind != SO_TK_WORD || (t->flags & SO_TF_CLITIC))
        return 0;
    if (t->flags & SO_TF_CAP)
        return 1;
    char c0 = d->text[t->start]; /* "al-Assad", "el-Sisi": a name too */
    return (c0 == 'a' || c0 == 'e') && so_coref_hyphen_particle(d, i);
}

/* Does token i open a sentence or a quotation (so its capital says little)? */
static int opens(const so_doc *d, size_t i)
{
    if (d->tok[i].flags & SO_TF_SENT_START)
        return 1;
    return i > 0 && (d->tok[i - 1].qm == SO_QM_OPEN || so_tok_is_exact(d, i - 1, ":") ||
                     d->tok[i - 1].kind == SO_TK_DASH || so_tok_is_exact(d, i - 1, "("));
}

/* Is sentence s in title case (a headline: most long words capitalised;
** every one of them in a first paragraph of one sentence with no final
** punctuation)? */
static int titlecase(const so_doc *d, size_t s)
{
    size_t cap = 0, all = 0, e = d->sent[s].e;
    for (size_t i = d->sent[s].b; i < e; i++) {
        if (d->tok[i].kind != SO_TK_WORD || so_tok_len(d, i) < 4)
            continue;
        all++;
        cap += (d->tok[i].flags & SO_TF_CAP) != 0;
        if (cap + (e - i - 1) < 9 * (all - cap))
            return 0; /* even if every word left were capitalised */
    }
    if (s == 0 && d->npara > 1 && d->para[0].e == e && all >= 1 && cap == all &&
        d->tok[e - 1].kind == SO_TK_WORD)
        return 1; /* a short headline: "Harbor Dispute", the whole first paragraph */
    return (all >= 3 && cap == all) || (all >= 5 && cap * 10 >= all * 9);
}

/* Is paragraph p a section label: one to four words in capitals and
** nothing else but a final full stop or colon ("ABSTRACT.", "FULL TEXT.",
** "CORRECTION APPENDED.")? Its words name no one. */
static int section_label(const so_doc *d, size_t p)
{
    size_t b = d->para[p].b, e = d->para[p].e;
    if (e > b && (so_tok_is_exact(d, e - 1, ".") || so_tok_is_exact(d, e - 1, ":")))
        e--;
    if (e <= b || e - b > 4)
        return 0;
    for (size_t i = b; i < e; i++)
        if (d->tok[i].kind != SO_TK_WORD || !(d->tok[i].flags & SO_TF_ALLCAP))
            return 0;
    return 1;
}

/* Is token i a field that public bodies name themselves by before "and"
** ("Kelmscott Fire and Rescue Service", "Police and Crime Commissioner",
** "Fish and Wildlife Service"), so that NER's person tag on the words
** before it does not make them a person? */
static int field_word(const so_doc *d, size_t i)
{
    static const so_word w[] = {
        SO_WORD("fire"),    SO_WORD("police"),  SO_WORD("health"),    SO_WORD("safety"),
        SO_WORD("food"),    SO_WORD("fish"),    SO_WORD("science"),   SO_WORD("arts"),
        SO_WORD("culture"), SO_WORD("trade"),   SO_WORD("energy"),    SO_WORD("transport"),
        SO_WORD("housing"), SO_WORD("education"), SO_WORD("environment"), SO_WORD("water")};
    return so_word_in(so_tok_str(d, i), so_tok_len(d, i), w, sizeof w / sizeof *w);
}

/* Is the "and" at token i inside an organisation's name ("Food and Allied
** Workers Union", "Parks and Recreation Department"): one or two
** capitalised words before it, not a person's, with no organisation word
** of their own and no acronym, and capitalised words after it, not
** "The", ending in one (or in a bracketed acronym: "Centre for Disease
** Prevention and Control (ECDC)"; a word NER took for a person's only
** before a police force or a council: "Avon and Somerset Police")? Not
** "Clinton and the Democratic Party", "Acme Corp. and Brightwater Union",
** "CNN and The Harbor Times". */
static int and_org(const so_coref *c, size_t i)
{
    /* a police force or council of two places, whose first word NER may
       take for a person's: "Avon and Somerset Police" */
    static const char *const forces[] = {"police", "constabulary", "council", NULL};
    const so_doc *d = c->d;
    size_t b = i;
    while (b > 0 && i - b < 3 && capish(d, b - 1) && d->tok[b - 1].sent == d->tok[i].sent)
        b--;
    if (b == i || i - b > 2 || (b > 0 && capish(d, b - 1)))
        return 0;
    if (so_tok_is(d, i + 1, "the"))
        return 0; /* "CNN and The Harbor Times" */
    if (i - b == 2 && (so_cls(c, b) & (SO_LX_NAME_M | SO_LX_NAME_F)))
        return 0; /* a first name and a surname: "Ines Moll and Channel 4's ..." */
    size_t a = i + 1;
    while (a < i + 4 && a < d->ntok && capish(d, a))
        a++;
    if (a > i + 1 && a + 2 < d->ntok && so_tok_is_exact(d, a, "(") &&
        (d->tok[a + 1].flags & SO_TF_ALLCAP) && so_tok_len(d, a + 1) >= 3 &&
        so_tok_is_exact(d, a + 2, ")"))
        return 1; /* "Centre for Disease Prevention and Control (ECDC)": an acronym
                     follows the whole name */
    if (b >= 2 && (so_tok_is_exact(d, b - 1, "of") || so_tok_is_exact(d, b - 1, "for")) &&
        (so_cls(c, b - 2) & SO_LX_ORG) && capish(d, b - 2))
        return 0; /* "the University of Marlow and Eastbrook Hospital": an organisation
                     before "and" already */
    int force = i - b == 1 && a > i + 1 && a <= i + 3 && so_tok_in(d, a - 1, forces);
    for (size_t k = b; k < i; k++)
        if ((so_cls(c, k) & (SO_LX_ORG | SO_LX_KNOWN_ORG)) ||
            (so_nerc(c, k) == SO_ET_PERSON && !field_word(d, i - 1) && !force) ||
            (d->tok[k].flags & SO_TF_ALLCAP))
            return 0;
    /* An organisation word after "and" ends the name, unless a name word
       such as "of" goes on after it ("... and National Association of
       Harbor Pilots"); another "and" may ("the Securities and Exchange
       Commission and a second complaint": dev, the S.E.C. found). */
    for (size_t k = i + 1; k < d->ntok && k < i + 5 && capish(d, k); k++)
        if (((so_cls(c, k) & SO_LX_ORG) ||
             (so_tok_is(d, k, "executive") && field_word(d, i - 1) && field_word(d, i + 1))) &&
            (k + 1 >= d->ntok || !capish(d, k + 1)))
            return k + 1 >= d->ntok || !(so_cls(c, k + 1) & SO_LX_CONN) ||
                   so_tok_is(d, k + 1, "and") || so_tok_is(d, k + 1, "or");
    return 0;
}

/* Does the run of capitalised words from token i end, within four words,
** in an organisation cue or a thing word ("Callen Authority" of "the Port
** of Callen Authority", "Information Act" of "the Freedom of Information
** Act")? Then "of" joins one word before it that is no person's name (not
** "Tom Reyes of Callen State University"). */
static int org_ends(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    for (size_t k = i; k < d->ntok && k < i + 4 && capish(d, k); k++)
        if ((so_cls(c, k) & (SO_LX_ORG | SO_LX_OTHER)) && (k + 1 >= d->ntok || !capish(d, k + 1)))
            return k > i;
    return 0;
}

/* How many lower-case particles (one or two) start at token i and are
** followed by a capitalised word in their sentence ("van der Berg",
** "de Blasio"); 0 when none are. */
static size_t particle_run(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    size_t k = i;
    while (k < i + 2 && k < d->ntok && so_coref_lower(d, k) && so_coref_particle(c, k))
        k++;
    return k > i && k < d->ntok && capish(d, k) && d->tok[k].sent == d->tok[i].sent ? k - i : 0;
}

/* Is a listed first name among the capitalised words of [b, e), or
** among the three before b when back is set? */
static int first_name_near(const so_coref *c, size_t b, size_t e, int back)
{
    const so_doc *d = c->d;
    for (size_t i = b; i < e && i < d->ntok && capish(d, i); i++)
        if (so_cls(c, i) & (SO_LX_NAME_M | SO_LX_NAME_F))
            return 1;
    for (size_t i = b; back && i > 0 && b - i < 3 && capish(d, i - 1); i--)
        if (so_cls(c, i - 1) & (SO_LX_NAME_M | SO_LX_NAME_F))
            return 1;
    return 0;
}

/* Is a capitalised word within three tokens of token i a verb by its POS
** tag (a headline in title case: "Mayor Joins Long List of Critics
** Opposing Harbour Plan")? */
static int verb_near(const so_coref *c, size_t i)
{
    for (size_t j = i > 3 ? i - 3 : 0; j < c->d->ntok && j <= i + 3; j++)
        if ((so_posc(c, j) == SO_PC_VERB || so_posc(c, j) == SO_PC_PART) && capish(c->d, j))
            return 1;
    return 0;
}

/* Does the NER tagger read the "of" at token i and the words on both sides
** of it (over a "the") as one organisation's name ("Confederation of
** British Industry", "Friends of the Earth")? Not with a first name near it
** ("Pastor Ruth Okafor of Hill Street Chapel", "Registrar of Deeds Tom
** Reyes") nor a place after it ("Senator Ann Cole of Ohio"),
** where the tagger also says organisation. */
static int org_across(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    size_t k = i + 1 < d->ntok && so_tok_is_exact(d, i + 1, "the") ? i + 2 : i + 1;
    return k < d->ntok && so_tok_is_exact(d, i, "of") && so_nerc(c, i) == SO_ET_ORG &&
           so_nerc(c, i - 1) == SO_ET_ORG && so_nerc(c, k) == SO_ET_ORG &&
           !(so_cls(c, k) & SO_LX_PLACE) && !so_coref_place_len(d, k, d->ntok) &&
           !first_name_near(c, k, k + 4, 0) && !first_name_near(c, i, i, 1) &&
           !verb_near(c, i);
}

/* Does the NER tagger read every word of [b, e), three words or more with
** a connector, as an organisation ("British Chambers of Commerce": no
** nationality to strip)? */
static int ner_org(const so_coref *c, size_t b, size_t e)
{
    int conn = 0;
    if (b < e && so_tok_is(c->d, b, "the"))
        b++;
    if (e < b + 3)
        return 0;
    for (size_t i = b; i < e; i++) {
        if (so_nerc(c, i) != SO_ET_ORG)
            return 0;
        conn |= (so_cls(c, i) & SO_LX_CONN) != 0;
    }
    return conn;
}

/* Is token i a word that heads a government department's name? */
static int dept_head(const so_doc *d, size_t i)
{
    static const char *const heads[] = {"department", "dept", "dept.", "ministry", "office", NULL};
    return so_tok_in(d, i, heads) && capish(d, i);
}

/* Is a capitalised word at token k one that names no organisation of its
** own in a department's list (not "FBI", "Fox", "State Department")? */
static int dept_item(const so_coref *c, size_t k)
{
    return capish(c->d, k) && !(c->d->tok[k].flags & SO_TF_ALLCAP) &&
           !(so_cls(c, k) & SO_LX_KNOWN_ORG) && !dept_head(c->d, k);
}

/* Is the comma or "and" at token i inside the list of a department's
** remit ("Department of Health and Human Services", "Department for
** Environment, Food and Rural Affairs", "Ministry of Housing, Communities
** and Local Government")? The words back to "of" or "for" after the head
** are capitalised, and a list after a comma goes on to an "and" and a
** capitalised word, the name's last, not before a noun it would modify
** unless that is a role ("A Department of Health and Social Care
** spokesperson"). Not "the Department of Justice and FBI agents". */
static int dept_list(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    int comma = so_tok_is_exact(d, i, ",");
    if ((!comma && !so_tok_is_exact(d, i, "and")) || i + 1 >= d->ntok || !dept_item(c, i + 1))
        return 0;
    size_t k = i;
    while (k > 0 && i - k < NAME_MAX_TOKS &&
           (dept_item(c, k - 1) || (so_tok_is_exact(d, k - 1, ",") && dept_item(c, k))))
        k--;
    if (k == i || k < 2 || !(so_tok_is_exact(d, k - 1, "of") || so_tok_is_exact(d, k - 1, "for")) ||
        !dept_head(d, k - 2))
        return 0;
    size_t j = i + 1;
    for (; comma && j + 1 < d->ntok && j - i < NAME_MAX_TOKS && !so_tok_is_exact(d, j, "and"); j++)
        if (!dept_item(c, j) && !(so_tok_is_exact(d, j, ",") && dept_item(c, j + 1)))
            return 0;
    if (comma && (j + 1 >= d->ntok || !so_tok_is_exact(d, j, "and")))
        return 0;
    j++;
    while (j < d->ntok && j - i < NAME_MAX_TOKS && dept_item(c, j))
        j++;
    return j >= d->ntok || (so_posc(c, j) != SO_PC_NOUN && so_posc(c, j) != SO_PC_PROPER) ||
           (so_coref_lower(d, j) && (so_cls(c, j) & (SO_LX_ROLE | SO_LX_TITLE)));
}

/* Do a title or an honorific and then two capitalised words or more, no
** organisation or function word among them, end right before token i ("Det Sgt Lee
** Hart", "Mayor Walter Herald" before "of")? */
static int titled_before(const so_coref *c, size_t i)
{
    size_t k = i, n = 0;
    while (k > 0 && i - k < 6 && capish(c->d, k - 1) &&
           !(so_cls(c, k - 1) & (SO_LX_TITLE | SO_LX_HONOR))) {
        if (so_cls(c, k - 1) & (SO_LX_ORG | SO_LX_KNOWN_ORG | SO_LX_STOPCAP))
            return 0; /* not "Justice Against Sponsors of ..." */
        k--;
        n++;
    }
    return n >= 2 && k > 0 && (so_cls(c, k - 1) & (SO_LX_TITLE | SO_LX_HONOR));
}

/* May the connector at token i continue the name run that ends before it? */
static int joins(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    if (dept_list(c, i))
        return 1;
    if (particle_run(c, i) == 2)
        return 1; /* "Pieter van der Berg" */
    if (i + 2 < d->ntok && so_tok_is_exact(d, i, "of") && so_tok_is_exact(d, i + 1, "the") &&
        capish(d, i + 2) && org_across(c, i))
        return 1; /* "Friends of the Earth" */
    if (i + 1 >= d->ntok || !(so_cls(c, i) & SO_LX_CONN) || !capish(d, i + 1))
        return 0;
    if (so_tok_is_exact(d, i, "&"))
        return 1;
    if (so_tok_is_exact(d, i, "for") &&
        (so_tok_is(d, i - 1, "MP") || so_tok_is(d, i - 1, "MEP") || so_tok_is(d, i - 1, "MSP")))
        return 0; /* "the Tory MP for Westbury": a constituency, not a name */
    if (so_tok_is_exact(d, i, "of") && titled_before(c, i))
        return 0; /* "Det Sgt Lee Hart of Westdale Police": a person, then the force */
    if (so_tok_is_exact(d, i, "of") || so_tok_is_exact(d, i, "for"))
        return (so_cls(c, i - 1) & (SO_LX_ORG | SO_LX_TITLE | SO_LX_OTHER)) != 0 ||
               org_across(c, i) ||
               (so_tok_is_exact(d, i, "of") && i >= 2 &&
                (!capish(d, i - 2) || so_tok_is(d, i - 2, "the")) &&
                so_nerc(c, i - 1) != SO_ET_PERSON && org_ends(c, i + 1));
    if (so_tok_is_exact(d, i, "the"))
        return so_tok_is_exact(d, i - 1, "of") || so_tok_is_exact(d, i - 1, "for");
    if (so_tok_is_exact(d, i, "and"))
        return and_org(c, i);
    return so_coref_lower(d, i);
}

/* End of the run of name words starting at i. */
static size_t run_end(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    size_t j = i + 1;
    while (j < d->ntok && j - i < NAME_MAX_TOKS && d->tok[j].sent == d->tok[i].sent) {
        if (capish(d, j))
            j++;
        else if (j + 1 < d->ntok && so_coref_poss_any(d, j) &&
                 capish(d, j + 1) && (so_cls(c, j + 1) & SO_LX_ORG))
            j += 2; /* St. Brigid's Hospital, the Teachers' Union */
        else if (d->tok[j].kind == SO_TK_NUM && (so_cls(c, j - 1) & SO_LX_ORG))
            j++; /* Channel 5 */
        else if ((so_tok_is_exact(d, j, "the") && joins(c, j - 1)) || joins(c, j))
            j++;
        else
            break;
    }
    while (j > i + 1 && !capish(d, j - 1) && d->tok[j - 1].kind != SO_TK_NUM)
        j--;
    return j;
}

/* Is the known organisation's word at token i the surname of a listed
** first name, the whole name being those two words ("Michael Bloomberg",
** "Ann Fox"; not "Fox News")? */
static int known_surname(const so_coref *c, size_t b, size_t e, size_t i)
{
    return e == b + 2 && i == b + 1 && (so_cls(c, b) & (SO_LX_NAME_M | SO_LX_NAME_F)) &&
           !(so_cls(c, b) & (SO_LX_ORG | SO_LX_KNOWN_ORG));
}

/* Does [b, e) hold an organisation cue as its last word or before "of", a
** known organisation (not as a surname: known_surname), "Downing Street"
** (the British government, as "the White House" or "the Kremlin" are
** others), or a company word as the last of two words or more? */
static int has_org(const so_coref *c, size_t b, size_t e)
{
    if (e == b + 2 && so_tok_is_exact(c->d, b, "Downing") && so_tok_is_exact(c->d, b + 1, "Street"))
        return 1;
    for (size_t i = b; i < e; i++)
        if ((so_cls(c, i) & SO_LX_ORG) && capish(c->d, i) &&
            (i + 1 == e || !capish(c->d, i + 1) || (so_cls(c, i + 1) & SO_LX_ORG)))
            return 1;
    for (size_t i = b; i < e; i++)
        if ((so_cls(c, i) & SO_LX_KNOWN_ORG) && !known_surname(c, b, e, i))
            return 1;
    return e >= b + 2 && (so_cls(c, e - 1) & SO_LX_CORP) && capish(c->d, e - 1); /* "Skyline
                                                                  Air", "Dana Capital" */
}

/* Is the first word of run [b, e), of three words or more and opening
** its sentence, a job capitalised only as the sentence's first word, that
** NER tagged as part of a name ("Volcanologist Teresa Pimentel said",
** "Neighbour Sandra Obi said"): a role noun of the lexicon or a word in
** -ist, -ian, -er or -or, not a first name itself, before a first name
** from the lists? */
static int opener_role(const so_coref *c, size_t b, size_t e)
{
    static const char *const tails[] = {"ist", "ian", "er", "or"};
    const so_doc *d = c->d;
    if (e < b + 3 || !opens(d, b) || !so_nerc(c, b) ||
        (so_cls(c, b) & (SO_LX_NAME_M | SO_LX_NAME_F)) ||
        !(so_cls(c, b + 1) & (SO_LX_NAME_M | SO_LX_NAME_F)))
        return 0;
    if (so_cls(c, b) & SO_LX_ROLE)
        return 1; /* "Neighbour Sandra Obi", "Vicar Alan Mercer" */
    const char *w = so_tok_str(d, b);
    size_t n = so_tok_len(d, b);
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
        size_t m = strlen(tails[k]);
        if (n > m + 3 && so_eq_ci(w + n - m, m, tails[k]))
            return 1;
    }
    return 0;
}

/* The first listed first name in [b, e) that is not its last word, or
** SIZE_MAX: where a name starts after a title of several words ("Secretary
** of Homeland Security | Jeh Johnson", "Minister for Energy | Declan
** Ryan"). */
static size_t first_name_in(const so_coref *c, size_t b, size_t e)
{
    for (size_t f = b; f + 1 < e && f < b + 4; f++)
        if (so_cls(c, f) & (SO_LX_NAME_M | SO_LX_NAME_F))
            return f;
    return SIZE_MAX;
}

#define NEAR_TOKENS 600 /* how far named_near looks either way */

/* Do the words of [b + 1, e) stand elsewhere within NEAR_TOKENS tokens of
** b, after another word than b's ("Croft & Lyle" after "Developer Croft &
** Lyle"; not "National Committee" of "Republican National Committee")? */
static int named_near(const so_doc *d, size_t b, size_t e)
{
    size_t n = e - b - 1, lo = b > NEAR_TOKENS ? b - NEAR_TOKENS : 1;
    size_t hi = b + NEAR_TOKENS < d->ntok ? b + NEAR_TOKENS : d->ntok;
    for (size_t j = lo; j + n <= hi; j++)
        if (j != b + 1 && so_toks_same(d, j, b + 1, n) && !so_toks_same(d, j - 1, b, 1))
            return 1;
    return 0;
}

/* Is the first word of run [b, e), opening its sentence, a role or
** company noun capitalised only there ("Developer Croft & Lyle said",
** "Retailer Harwoods said"), with a name word after it? Not an
** organisation cue that names take ("Bank of ...", "Union Pacific"). The
** rest must stand elsewhere near it (named_near) or be two words or more
** ending in a company word ("Developer Oakfield Homes said"). */
static int opener_noun(const so_coref *c, size_t b, size_t e)
{
    const so_doc *d = c->d;
    uint32_t k = so_cls(c, b);
    return e >= b + 2 && opens(d, b) && (k & (SO_LX_ROLE | SO_LX_ORGNOUN)) &&
           !(k & (SO_LX_ORG | SO_LX_TITLE | SO_LX_HONOR | SO_LX_NAME_M | SO_LX_NAME_F | SO_LX_ADJ)) &&
           capish(d, b + 1) &&
           !(so_cls(c, b + 1) & (SO_LX_CONN | SO_LX_TITLE | SO_LX_HONOR | SO_LX_NAME_M | SO_LX_NAME_F)) &&
           (named_near(d, b, e) || (e >= b + 3 && (so_cls(c, e - 1) & SO_LX_CORP)));
}

/* Is the name [nb, e) after a title or an honorific at nb - 1 (b < nb) a
** person's, though its last word names organisations elsewhere ("Mayor
** Walter Herald", "Mr. Post"): after an honorific one word that is no
** known organisation, after either a listed first name and one more word? */
static int titled_name(const so_coref *c, size_t b, size_t nb, size_t e)
{
    if (nb == b || nb >= e || !(so_cls(c, nb - 1) & (SO_LX_TITLE | SO_LX_HONOR)))
        return 0;
    for (size_t i = nb; i < e; i++)
        if (so_cls(c, i) & SO_LX_KNOWN_ORG)
            return 0;
    if (e == nb + 1)
        return (so_cls(c, nb - 1) & SO_LX_HONOR) != 0;
    return e == nb + 2 && (so_cls(c, nb) & (SO_LX_NAME_M | SO_LX_NAME_F));
}

/* Is token i a word that ends the name of a state's part ("Kwara State",
** "Limpopo Province")? */
static int jurisdiction(const so_doc *d, size_t i)
{
    static const so_word w[] = {SO_WORD("state"),    SO_WORD("province"),   SO_WORD("county"),
                                SO_WORD("region"),   SO_WORD("district"),   SO_WORD("territory"),
                                SO_WORD("borough"),  SO_WORD("prefecture"), SO_WORD("oblast"),
                                SO_WORD("governorate")};
    return so_word_in(so_tok_str(d, i), so_tok_len(d, i), w, sizeof w / sizeof *w);
}

/* Is token i a plural title before a name of two words or more in run
** [., e) ("Senators Harold Voss and Linda Okoye", "Reps. Ann Cole and
** ...")? Not a lexicon title, so that "The Ottawa Senators" stays a team's
** name. */
static int plural_title(const so_doc *d, size_t i, size_t e)
{
    static const char *const w[] = {"Senators", "Sens.", "Reps.", "Congressmen", "Congresswomen",
                                    NULL};
    for (size_t k = 0; w[k]; k++)
        if (so_tok_is_exact(d, i, w[k]))
            return i + 2 < e;
    return 0;
}

/* First token of the name proper in run [b, e): after the last title or
** honorific that has name words after it ("Secretary of State John Kerry";
** after "of" or "for" at the first listed first name, first_name_in),
** or b when the name is an organisation's. *org: has_org() of the result
** (an organisation cue found after a title is one of [b, e) too). */
static size_t name_start(const so_coref *c, size_t b, size_t e, int *org)
{
    const so_doc *d = c->d;
    size_t nb = b;
    for (size_t i = b; i + 1 < e; i++) {
        if (!(so_cls(c, i) & (SO_LX_TITLE | SO_LX_HONOR)) && !plural_title(d, i, e))
            continue;
        size_t k = i + 1, f = k + 2 < e ? first_name_in(c, k + 2, e) : SIZE_MAX;
        if (so_tok_is_exact(d, k, "of")) {
            if (k + 2 >= e)
                continue;
            if (f == SIZE_MAX && k + 3 == e && jurisdiction(d, k + 2))
                return e; /* "Governor of Kwara State": a post, no name */
            k = f != SIZE_MAX ? f : k + 2;
        } else if (so_tok_is_exact(d, k, "for")) {
            if (f == SIZE_MAX && k + 3 >= e)
                return e; /* "Commissioner for Works": a post, no name */
            k = f != SIZE_MAX ? f : k + 2;
        }
        if (k < e && (capish(d, k) || particle_run(c, k)) && !(so_cls(c, k) & SO_LX_SUFFIX))
            nb = k;
    }
    if (nb == b && opener_role(c, b, e))
        nb = b + 1;
    *org = has_org(c, nb, e) && !titled_name(c, b, nb, e);
    return *org ? b : nb;
}

static int allcap(const so_doc *d, size_t i)
{
    return (d->tok[i].flags & SO_TF_ALLCAP) != 0;
}

/* The NER class most tokens of [b, e) have, or 0 when none is tagged. */
static uint8_t ner_type(const so_coref *c, size_t b, size_t e)
{
    unsigned n[SO_ET_OTHER + 1] = {0};
    uint8_t best = 0;
    for (size_t i = b; i < e; i++)
        n[so_nerc(c, i)]++;
    for (uint8_t t = 1; t <= SO_ET_OTHER; t++)
        if (n[t] > n[best] || (best == 0 && n[t]))
            best = t;
    return best;
}

/* Is token i a word that ends the names of places and never a person's
** ("Falls", "Heights", "Springs")? */
static int place_tail(const so_doc *d, size_t i)
{
    static const so_word w[] = {SO_WORD("falls"), SO_WORD("heights"), SO_WORD("springs"),
                                SO_WORD("township"), SO_WORD("hills")};
    return so_word_in(so_tok_str(d, i), so_tok_len(d, i), w, sizeof w / sizeof *w);
}

/* Is [b, e) a chamber's or a body's party group, an organisation word and
** then a plural group word ("House Republicans", "Senate Democrats")? */
static int chamber_group(const so_coref *c, size_t b, size_t e)
{
    return e >= b + 2 && (so_cls(c, e - 1) & SO_LX_GROUP) && (so_cls(c, e - 2) & SO_LX_ORG);
}

/* Is [nb, e) a business named by a word for its kind and a name ("Casa
** Elena", "Chez Marcel", "Hotel Adlon")? Not a person, so "Elena" alone
** is not its last word. */
static int venue(const so_doc *d, size_t nb, size_t e)
{
    static const so_word w[] = {SO_WORD("casa"),    SO_WORD("chez"),      SO_WORD("hotel"),
                                SO_WORD("trattoria"), SO_WORD("pizzeria"), SO_WORD("bistro"),
                                SO_WORD("taverna"), SO_WORD("osteria"),   SO_WORD("café"),
                                SO_WORD("cafe"),    SO_WORD("ristorante"), SO_WORD("brasserie")};
    return e - nb >= 2 && so_word_in(so_tok_str(d, nb), so_tok_len(d, nb), w, sizeof w / sizeof *w);
}

/* Does the name at nb follow "of" and a noun that only a place has of
** ("residents of", "the village of", "the mayor of")? */
static int place_of(const so_doc *d, size_t nb)
{
    static const so_word w[] = {
        SO_WORD("residents"), SO_WORD("villagers"), SO_WORD("townspeople"), SO_WORD("village"),
        SO_WORD("town"),      SO_WORD("city"),      SO_WORD("county"),      SO_WORD("province"),
        SO_WORD("island"),    SO_WORD("suburb"),    SO_WORD("outskirts"),   SO_WORD("mayor")};
    return nb >= 2 && so_tok_is_exact(d, nb - 1, "of") &&
           (so_coref_lower(d, nb - 2) || opens(d, nb - 2)) &&
           so_word_in(so_tok_str(d, nb - 2), so_tok_len(d, nb - 2), w, sizeof w / sizeof *w);
}

/* Does the name at nb follow a saint's title ("St Anne's", "St. Luke's",
** "Saint Brigid")? A church, school or hospital, never a person. */
static int saint(const so_doc *d, size_t nb)
{
    return nb > 0 && (so_tok_is_exact(d, nb - 1, "St") || so_tok_is_exact(d, nb - 1, "St.") ||
                      so_tok_is_exact(d, nb - 1, "Saint"));
}

/* Does the name at nb follow "of" right after a person's name of two
** words or more, or after one and an age ("Ellen Carver of Boulder",
** "Donna Hale, 59, of Ashton")? A hometown, never a person. */
static int hometown(const so_coref *c, size_t nb)
{
    const so_doc *d = c->d;
    if (nb < 2 || !so_tok_is_exact(d, nb - 1, "of") || !c->nm)
        return 0;
    const so_ment *m = &c->m[c->nm - 1];
    size_t of = nb - 1;
    if (m->type != SO_ET_PERSON || m->e < m->nb + 2 || d->tok[m->b].sent != d->tok[nb].sent)
        return 0;
    return m->e == of || (m->e + 3 == of && so_tok_is_exact(d, m->e, ",") &&
                          d->tok[m->e + 1].kind == SO_TK_NUM && so_tok_is_exact(d, m->e + 2, ","));
}

/* Type of the name [nb, e) with titles [b, nb) (org: has_org(c, nb, e)):
** a place in a dateline, organisation cues and titles first (and a
** place's last word), then the
** NER tags, then the word lists. */
static uint8_t name_type(const so_coref *c, size_t b, size_t nb, size_t e, int org)
{
    const so_doc *d = c->d;
    uint32_t last = so_cls(c, e - 1);
    uint8_t nt = ner_type(c, nb, e);
    if (nb < so_sent_after_dateline(d, d->tok[nb].sent))
        return SO_ET_PLACE; /* "GRANTVILLE, Ohio —": a dateline names a place */
    if (so_tok_affiliation(d, nb))
        return SO_ET_OTHER; /* "Okoye, Democrat of Oregon,": an affiliation, not a party */
    if (nb >= 2 && so_tok_is_exact(d, nb - 1, "of") && so_tok_affiliation(d, nb - 2))
        return SO_ET_PLACE; /* its state, which NER may tag an organisation */
    if (org || venue(d, nb, e))
        return SO_ET_ORG;
    if (e - nb == 2 && (so_cls(c, nb) & SO_LX_CORP) && (last & SO_LX_PLACE))
        return SO_ET_ORG; /* "Water UK", "Air France": a company word, then a country */
    if (place_of(d, nb) || saint(d, nb))
        return SO_ET_PLACE; /* "Residents of Little Ashwell", "St Anne's", tagged a person */
    if (nt != SO_ET_ORG && hometown(c, nb))
        return SO_ET_PLACE; /* "Ellen Carver of Boulder", tagged a person */
    if (nb > b)
        return SO_ET_PERSON;
    if (e - nb >= 2 && place_tail(d, e - 1))
        return SO_ET_PLACE; /* "Carver Falls", "Cedar Heights": never a surname */
    if (nt == SO_ET_PERSON && e - nb >= 2 && so_coref_lex_place(d, nb, e))
        return SO_ET_PLACE; /* "a Des Moines rally", tagged a person: a listed place */
    if (nt == SO_ET_PERSON && e - nb >= 2)
        return SO_ET_PERSON; /* "Lena Park", "Arsenio Hall": surnames, not things */
    if (e - nb == 2 && (so_cls(c, nb) & (SO_LX_NAME_M | SO_LX_NAME_F)) &&
        !(last & (SO_LX_OTHER | SO_LX_PLACE)) && !so_coref_lex_place(d, nb, e))
        return SO_ET_PERSON; /* "Nina Ruel", where NER tagged "Nina Ruel of Callen State
                                University" as one organisation: a first name and one more */
    if (last & SO_LX_OTHER)
        return SO_ET_OTHER;
    if ((e - nb == 1 && (last & SO_LX_GROUP)) || chamber_group(c, nb, e))
        return SO_ET_GROUP;
    if (e - nb == 1 && (last & SO_LX_DEMONYM))
        return SO_ET_OTHER; /* "the 28-year-old Kenyan": no name */
    if (e - nb == 1 && (last & SO_LX_CITY) && nt == SO_ET_PERSON)
        return SO_ET_PLACE; /* "fly to Lisbon with her sons", tagged a person (a country
                               tagged an organisation speaks: "China warned") */
    if (nt)
        return nt;
    if (so_coref_lex_place(d, nb, e))
        return SO_ET_PLACE;
    if (last & SO_LX_OTHER)
        return SO_ET_OTHER;
    if (e - nb == 1 && (last & SO_LX_GROUP))
        return SO_ET_GROUP;
    if (e - nb == 1 && (last & SO_LX_ADJ))
        return SO_ET_OTHER;
    if (e - nb == 1 && allcap(d, nb) && so_tok_len(d, nb) >= 2)
        return SO_ET_ORG;
    if (e - nb >= 2 && !c->tagged)
        return SO_ET_PERSON;
    return SO_ET_UNKNOWN;
}

static uint8_t honorific_gender(const so_coref *c, size_t b, size_t nb)
{
    for (size_t i = b; i < nb; i++) {
        if (so_cls(c, i) & SO_LX_HONOR_F)
            return SAYSO_GENDER_FEMALE;
        if (so_cls(c, i) & SO_LX_HONOR_M)
            return SAYSO_GENDER_MALE;
    }
    return SAYSO_GENDER_UNKNOWN;
}

/* Is [b, e), after sentence openers, a party named by an adjective and
** "Democrats" ("the Liberal Democrats", "Social Democrats", "Christian
** Democrats", "Free Democrats")? */
static int adj_party(const so_coref *c, size_t b, size_t e)
{
    static const char *const adj[] = {"liberal", "social", "christian", "free", NULL};
    const so_doc *d = c->d;
    while (b < e && (so_cls(c, b) & SO_LX_STOPCAP) && !(so_cls(c, b) & SO_LX_ADJ))
        b++;
    return e == b + 2 && so_tok_in(d, b, adj) && so_tok_is(d, b + 1, "Democrats");
}

/* Is token b a capitalised "He" inside its sentence before another name
** word of the run [b, e): the surname "He" ("A ministry spokesman, He
** Yadong, said"), not the pronoun? */
static int surname_he(const so_coref *c, size_t b, size_t e)
{
    const so_doc *d = c->d;
    return b + 1 < e && so_tok_is_exact(d, b, "He") && !opens(d, b) && b > 0 &&
           !so_tok_is_exact(d, b - 1, ".") && !d->tok[b].inq && so_posc(c, b + 1) == SO_PC_PROPER;
}

/* Is [b, e) an adjective and one word that is no person's name by NER or
** the lexicon ("Northern Grid", "British Gas": the adjective is part of
** the name; not "Republican Cruz")? */
static int adj_name(const so_coref *c, size_t b, size_t e)
{
    return e == b + 2 && so_nerc(c, b + 1) != SO_ET_PERSON &&
           !(so_cls(c, b + 1) & (SO_LX_NAME_M | SO_LX_NAME_F | SO_LX_GROUP | SO_LX_PLACE |
                                 SO_LX_DEMONYM | SO_LX_ADJ | SO_LX_KNOWN_ORG));
}

/* Does the adjective at b open an organisation's name of three words or
** more that NER tags as one ("Black Lives Matter", "Eastern District of New
** York"; not a party: "Democrat Zephyr Teachout")? */
static int adj_org(const so_coref *c, size_t b, size_t e)
{
    const so_doc *d = c->d;
    return e >= b + 3 && so_nerc(c, b) == SO_ET_ORG && so_nerc(c, b + 1) == SO_ET_ORG &&
           !so_tok_is(d, b, "Democrat") && !so_tok_is(d, b, "Democratic") &&
           !so_tok_is(d, b, "Republican");
}

/* Is the adjective at token i a surname: after a listed first name, and
** not tagged anything but a person ("Mark Cuban", "Emily English")? */
static int adj_surname(const so_coref *c, size_t i)
{
    return i > 0 && (so_cls(c, i - 1) & (SO_LX_NAME_M | SO_LX_NAME_F)) &&
           !(so_cls(c, i) & (SO_LX_PLACE | SO_LX_GROUP)) &&
           (!so_nerc(c, i) || so_nerc(c, i) == SO_ET_PERSON);
}

/* Is token i a modifier made of a name and a participle ("Frankfurt-based",
** "Ellis-backing", "Saudi-led"), which opens no name? */
static int name_participle(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i), h = n;
    while (h > 0 && s[h - 1] != '-')
        h--;
    if (h < 2 || n - h < 3 || s[h] < 'a' || s[h] > 'z')
        return 0;
    return so_eq_ci(s + n - 2, 2, "ed") || (n - h > 4 && so_eq_ci(s + n - 3, 3, "ing"));
}

/* Drop the words of [*b, *e) that are not part of a name: sentence
** openers and leading "The", a leading "Frankfurt-based", and leading or
** trailing adjectives and dates unless the run names an organisation
** (Republican Party). */
static void trim_run(const so_coref *c, size_t *b, size_t *e)
{
    int org = has_org(c, *b, *e) || adj_party(c, *b, *e) || ner_org(c, *b, *e);
    while (*b < *e && (so_cls(c, *b) & SO_LX_STOPCAP) &&
           !(so_cls(c, *b) & (SO_LX_TITLE | SO_LX_HONOR | SO_LX_ORG | SO_LX_PLACE)) &&
           !surname_he(c, *b, *e) &&
           !(*b + 2 < *e && so_coref_poss(c->d, *b + 1)))
        (*b)++; /* not "People" of "the People's Daily" */
    while (*b + 1 < *e && name_participle(c->d, *b))
        (*b)++; /* not "Ellis-backing" of "the Ellis-backing Forward Together" */
    while (!org && *b + 1 < *e && (so_cls(c, *b) & SO_LX_ADJ) && !adj_name(c, *b, *e) &&
           !adj_org(c, *b, *e))
        (*b)++;
    while (!org && *b + 2 < *e && (so_cls(c, *b) & SO_LX_DEMONYM))
        (*b)++; /* "the Norwegian Eirik Solberg"; not "Swiss Re" */
    while (!org && *e > *b + 1 && (so_cls(c, *e - 1) & SO_LX_ADJ) &&
           !chamber_group(c, *b, *e) && /* "House Republicans": a group, not the House */
           !adj_surname(c, *e - 1)) /* "Mark Cuban", "Theresa May" */
        (*e)--;
}

/* The key under which collect_seen notes a capitalised word that ends
** its name ("Farm" in "Farm prices", "Cornerstone" in "TF Cornerstone";
** not "Farm" in "the Nebraska Farm Council"). */
static uint64_t alone_key(const so_doc *d, size_t i)
{
    return so_coref_key(d, SO_K_FULL, i, i + 1) ^ 0xc2b2ae3d27d4eb4full;
}

/* A lone capitalised word opening a sentence is a name only when it is
** known as one or shows its capital elsewhere in the text (before a
** lower-case noun, at the end of a name there: "Farm groups" is none
** after "the Nebraska Farm Council"; train 4 sources, all right); an
** organisation word is, unless a lower-case noun follows it, or it is a
** company's common noun, or "club", "charity", "school", "hospital" or
** "team", not capitalised elsewhere ("Company recalls ...", "Bank cuts
** ...", "Club sacks manager"; not "Carrier" after "Carrier Corp."). A word the NER
** tagger puts in a name is one too, unless the POS tagger reads it as a
** common noun and it is not capitalised elsewhere ("Shares of Quarry Labs
** fell"; train: 11 such entities gone, "State", "Half", "Morale", "Hail").
** A proper noun before ", which", ", who" or ", whose" is a name
** ("Crustworth, which has 1,100 shops, said"; no PolNeAR entity changed). */
static int weak_opener(const so_coref *c, const so_keys *seen, size_t b, size_t e)
{
    const so_doc *d = c->d;
    if (e - b != 1 || !opens(d, b))
        return 0;
    if (so_cls(c, b) & (SO_LX_PLACE | SO_LX_KNOWN_ORG | SO_LX_GROUP))
        return 0;
    static const so_word firm[] = {SO_WORD("company"), SO_WORD("firm"),     SO_WORD("corporation"),
                                   SO_WORD("business"), SO_WORD("retailer"), SO_WORD("bank"),
                                   SO_WORD("insurer"), SO_WORD("airline"),  SO_WORD("carrier"),
                                   SO_WORD("manufacturer"), SO_WORD("automaker"),
                                   SO_WORD("carmaker"), SO_WORD("startup"), SO_WORD("lender"),
                                   SO_WORD("club"),     SO_WORD("charity"), SO_WORD("school"),
                                   SO_WORD("hospital"), SO_WORD("team")};
    int32_t x;
    if (so_word_in(so_tok_str(d, b), so_tok_len(d, b), firm, sizeof firm / sizeof *firm))
        return so_coref_keys_get(seen, so_coref_key(d, SO_K_FULL, b, e), &x, 1) == 0;
        /* "Company recalls baby monitors": a headline's noun, no name; but "Carrier",
           capitalised elsewhere too ("Carrier Corp."), is the company */
    if ((so_cls(c, b) & SO_LX_ORG) && e < d->ntok && so_coref_lower(d, e) &&
        (so_tok_is(d, e, "the") || so_tok_is(d, e, "a") || so_tok_is(d, e, "this") ||
         so_tok_is(d, e, "our") || so_tok_is(d, e, "your")))
        return so_coref_keys_get(seen, alone_key(d, b), &x, 1) == 0; /* "Watch the video
                        above", "Press the button": a verb, unless named so elsewhere */
    if ((so_cls(c, b) & SO_LX_ORG) && !(e < d->ntok && so_posc(c, e) == SO_PC_NOUN &&
                                        so_coref_lower(d, e)))
        return 0; /* "Congress passed"; but "Board members", "Union leaders" */
    if (so_nerc(c, b) && so_posc(c, b) == SO_PC_NOUN && !allcap(d, b) && !so_coref_poss(d, e))
        return so_coref_keys_get(seen, so_coref_key(d, SO_K_FULL, b, e), &x, 1) == 0;
        /* "Shares of Quarry Labs fell", tagged an organisation: a common noun */
    if (so_nerc(c, b) == SO_ET_PERSON && !allcap(d, b) && e < d->ntok && so_coref_lower(d, e) &&
        so_posc(c, e) == SO_PC_NOUN)
        return so_coref_keys_get(seen, alone_key(d, b), &x, 1) == 0; /* "Travel agents said",
                        tagged a person: a one-word name before a common noun only if seen */
    if (allcap(d, b) || so_coref_poss(d, e) || so_nerc(c, b))
        return 0;
    if (so_posc(c, b) == SO_PC_PROPER && e + 1 < d->ntok && so_tok_is_exact(d, e, ",") &&
        (so_tok_is_exact(d, e + 1, "which") || so_tok_is_exact(d, e + 1, "who") ||
         so_tok_is_exact(d, e + 1, "whose")))
        return 0; /* "Crustworth, which has 1,100 shops, said" */
    if (e < d->ntok && so_coref_lower(d, e) && so_posc(c, e) == SO_PC_NOUN)
        return so_coref_keys_get(seen, alone_key(d, b), &x, 1) == 0; /* "Farm groups",
                        "Consumer advocates": seen only inside longer names is not enough */
    size_t n = so_tok_len(d, b);
    if (n > 3 && so_tok_str(d, b)[n - 1] == 's' && so_tok_str(d, b)[n - 2] != 's' &&
        so_coref_keys_get(seen, alone_key(d, b), &x, 1) == 0)
        return 1; /* "Teachers in the state voted" after "the Marlow Teachers
                     Association": a plural seen only inside a longer name */
    return so_coref_keys_get(seen, so_coref_key(d, SO_K_FULL, b, e), &x, 1) == 0;
}

/* Is the word at j, in -s, a verb the POS tagger took for a plural noun,
** a determiner or possessive following it ("Okafor credits his recovery
** to ...", "Reyes thanks the volunteers")? */
static int verb_in_s(const so_doc *d, size_t j)
{
    static const char *const det[] = {"the", "a", "an", "his", "her", "its", "their", "our",
                                      "my", "your", "this", "these", "those", NULL};
    size_t n = so_tok_len(d, j);
    return n > 3 && so_tok_str(d, j)[n - 1] == 's' && j + 1 < d->ntok && so_tok_in(d, j + 1, det);
}

/* Does the word at j, right after a name, make that name a modifier of a
** noun ("the Massachusetts Democrat", "Apple engineers")? */
static int modifies(const so_coref *c, size_t j)
{
    const so_doc *d = c->d;
    if (j >= d->ntok)
        return 0;
    if (so_cue_class(d, j) && !(c->tagged && so_posc(c, j) == SO_PC_NOUN && j + 1 < d->ntok &&
                                so_coref_lower(d, j + 1) && so_posc(c, j + 1) == SO_PC_NOUN))
        return 0; /* "Cole said"; but a noun before a noun, "Chinese state media" */
    if (!so_coref_lower(d, j)) /* a capitalised role: "the Massachusetts Democrat" */
        return (so_cls(c, j) & (SO_LX_ROLE | SO_LX_TITLE)) != 0;
    if (so_tok_is(d, j, "today") || so_tok_is(d, j, "yesterday") || so_tok_is(d, j, "tonight"))
        return 0; /* a time, the clause's: "Greenfield Foods Ltd today announced" */
    if (so_cls(c, j) & (SO_LX_MODNOUN | SO_LX_ROLE | SO_LX_ORGNOUN))
        return 1;
    return c->tagged && so_posc(c, j) == SO_PC_NOUN && !verb_in_s(d, j);
}

/* Is token i a double-barrelled surname, two capitalised parts joined by
** a hyphen ("Newton-Smythe"; not "T-Shirt"), which the NER tagger often
** leaves out? */
static int double_barrel(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    if (!(d->tok[i].flags & SO_TF_CAP))
        return 0;
    for (size_t k = 2; k + 2 < n; k++)
        if (s[k] == '-' && s[k + 1] >= 'A' && s[k + 1] <= 'Z')
            return 1;
    return 0;
}

/* With NER tags, drop untagged words around a tagged name ("Crooked
** Hillary Clinton"), keeping organisation cues, a company word before a
** name that is no person's ("Water UK", the tagger reading only "UK"; not
** "Stations Will Air Ann Cole"), numbers and Jr./III; not
** in a firm's name joined by "&" ("Holt & Marrow declined", which the
** tagger reads as a person "Marrow" when it opens a sentence). */
static void ner_trim(const so_coref *c, size_t *b, size_t *nb, size_t *e)
{
    size_t x = *nb, y = *e;
    for (size_t k = x; k < y; k++)
        if (so_tok_is_exact(c->d, k, "&"))
            return;
    while (x < y && !so_nerc(c, x) && !(so_cls(c, x) & SO_LX_ORG) &&
           !((so_cls(c, x) & SO_LX_CORP) && x + 1 < y && so_nerc(c, x + 1) != SO_ET_PERSON) &&
           !((so_cls(c, x) & (SO_LX_NAME_M | SO_LX_NAME_F)) && x + 1 < y &&
             so_nerc(c, x + 1) == SO_ET_PERSON))
        x++; /* but "Rand" of "Rand Paul", a first name the tagger left out */
    while (x > *nb && x < y && so_coref_particle(c, x - 1))
        x--; /* "van der Berg", which the tagger tags as "Berg" */
    while (y > x && !so_nerc(c, y - 1) && !(so_cls(c, y - 1) & (SO_LX_ORG | SO_LX_SUFFIX)) &&
           c->d->tok[y - 1].kind != SO_TK_NUM &&
           !(y - 1 > x && so_tok_is(c->d, y - 1, "today") && so_tok_is(c->d, y - 2, "USA")) &&
           !(y - 1 > x && so_nerc(c, y - 2) == SO_ET_PERSON && double_barrel(c->d, y - 1) &&
             (y >= c->d->ntok || (so_posc(c, y) != SO_PC_NOUN && so_posc(c, y) != SO_PC_PROPER))))
        y--; /* but "USA Today", the newspaper, and "Rain Newton-Smythe" */
    if (x == y)
        return;
    if (*nb == *b)
        *b = x;
    *nb = x;
    *e = y;
}

/* The key under which collect_seen notes a capitalised word that stands
** without a possessive "'s" somewhere ("Trump" in "Trump said"). */
static uint64_t bare_key(const so_doc *d, size_t i)
{
    return so_coref_key(d, SO_K_FULL, i, i + 1) ^ 0x9e3779b97f4a7c15ull;
}

/* Is the "'s" at e part of a one-word company name ("Moody's warned",
** "McDonald's said"): a verb right after it (not an -ing form: "Clinton's
** running mate"), and the word never without the "'s" in the text (not
** "Trump's" where "Trump" stands alone)? */
static int firm_s(const so_coref *c, const so_keys *seen, size_t nb, size_t e)
{
    const so_doc *d = c->d;
    int32_t x;
    if (!c->tagged || e != nb + 1 || !so_coref_poss(d, e) || e + 1 >= d->ntok ||
        d->tok[e].inq || d->tok[e + 1].kind != SO_TK_WORD)
        return 0;
    size_t n = so_tok_len(d, e + 1);
    int verb = so_posc(c, e + 1) == SO_PC_VERB ||
               (so_posc(c, e + 1) == SO_PC_PART && !(n > 4 && so_eq_ci(so_tok_str(d, e + 1) + n - 3, 3, "ing")));
    return verb && so_coref_keys_get(seen, bare_key(d, nb), &x, 1) == 0;
}

/* Does the run [nb, e) end in a title with no name after it and hold no
** listed first name or organisation word ("Crime Commissioner" of "the
** Police and Crime Commissioner", "Health Secretary", "Florida Senator")?
** Not a name. */
static int title_end(const so_coref *c, size_t nb, size_t e)
{
    if (e - nb < 2 || !(so_cls(c, e - 1) & SO_LX_TITLE) || (so_cls(c, e - 1) & SO_LX_ORG) ||
        so_tok_is(c->d, e - 1, "Justice"))
        return 0; /* not "Cleveland Jobs With Justice" */
    for (size_t i = nb; i < e; i++)
        if (so_cls(c, i) & (SO_LX_NAME_M | SO_LX_NAME_F | SO_LX_ORG | SO_LX_KNOWN_ORG))
            return 0;
    return 1;
}

/* Does token i open like a party and state tag after a lawmaker's name
** ("R-Ohio", and "D-N" of "D-N.M.", which the tokenizer splits)? */
static int party_start(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    return n >= 3 && (s[0] == 'D' || s[0] == 'R' || s[0] == 'I') && s[1] == '-' && s[2] >= 'A' &&
           s[2] <= 'Z';
}

/* Is token i a party and state tag, or the rest of one ("M." of "D-N.M.")?
** Neither names anyone. */
static int party_tag(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    if (party_start(d, i))
        return 1;
    return n <= 2 && s[0] >= 'A' && s[0] <= 'Z' && (n == 1 || s[1] == '.') && i >= 2 &&
           so_tok_is_exact(d, i - 1, ".") && party_start(d, i - 2);
}

static int add_name(so_coref *c, const so_keys *seen, size_t b, size_t e)
{
    const so_doc *d = c->d;
    int org;
    if (opener_noun(c, b, e))
        b++; /* "Developer Croft & Lyle", "Retailer Harwoods": not part of the name */
    size_t nb = name_start(c, b, e, &org);
    if (c->tagged && nb < e && !org) {
        size_t nb0 = nb, e0 = e;
        ner_trim(c, &b, &nb, &e); /* not "Tax" of "Tax Foundation" */
        if (nb != nb0 || e != e0)
            org = has_org(c, nb, e);
    }
    if (nb >= e || (so_cls(c, nb) & SO_LX_SUFFIX))
        return 0;
    if (e - nb == 1 && party_tag(d, nb))
        return 0; /* "Sen. Ann Cole, D-N.M.," */
    if (e - nb == 1 && (so_cls(c, nb) & (SO_LX_TITLE | SO_LX_HONOR)))
        return 0; /* "the President" */
    if (title_end(c, nb, e))
        return 0; /* "the Police and Crime Commissioner", "the Health Secretary" */
    so_ment m = {(uint32_t)b, (uint32_t)e, (uint32_t)nb, -1, 0, 0, 0};
    m.type = name_type(c, b, nb, e, org);
    if (firm_s(c, seen, nb, e)) { /* the name ends in its "'s" */
        m.e = (uint32_t)++e;
        m.type = SO_ET_ORG;
    }
    m.gender = honorific_gender(c, b, nb);
    if (d->tok[nb].inq)
        m.flags |= SO_MF_QUOTED;
    if (so_coref_poss_any(d, e))
        m.flags |= SO_MF_POSS;
    if (modifies(c, e))
        m.flags |= SO_MF_MOD;
    if (e - nb == 1 && (allcap(d, nb) || so_coref_mixed_acro(d, nb)))
        m.flags |= SO_MF_ACRO;
    return so_coref_add_ment(c, &m);
}

/* Is token i a plural with an apostrophe inside a longer name ("Farmers"
** of "the National Farmers' Union")? Such a word does not make the same
** word opening a sentence a name ("Farmers fear drought", "Teachers'
** leaders said"). */
static int plural_inside(const so_doc *d, size_t i)
{
    size_t n = so_tok_len(d, i);
    return i > 0 && i + 2 < d->ntok && capish(d, i - 1) && d->tok[i + 1].qm == SO_QM_APOS &&
           capish(d, i + 2) && n > 3 && so_tok_str(d, i)[n - 1] == 's';
}

/* Is token i the last word of a name "X of Y" ("the International Chamber
** of Shipping")? Not the name's short form, so "Shipping group warns" in a
** headline does not make "Shipping" a name. */
static int after_of(const so_doc *d, size_t i)
{
    return i >= 2 && so_tok_is_exact(d, i - 1, "of") && capish(d, i - 2);
}

/* Hashes of the capitalised words that do not open a sentence. */
static int collect_seen(const so_coref *c, so_keys *seen)
{
    const so_doc *d = c->d;
    for (size_t i = 0; i < d->ntok; i++) {
        if (!capish(d, i))
            continue;
        int name_head = i + 1 < d->ntok && capish(d, i + 1) && !(so_cls(c, i) & SO_LX_STOPCAP) &&
                        (so_cls(c, i + 1) & (SO_LX_ORG | SO_LX_CORP));
        if ((!opens(d, i) || name_head) && !plural_inside(d, i) &&
            so_coref_keys_put(seen, so_coref_key(d, SO_K_FULL, i, i + 1), 0))
            return -1; /* "Pinecrest Labs" opening a sentence */
        if (!so_coref_poss(d, i + 1) && so_coref_keys_put(seen, bare_key(d, i), 0))
            return -1;
        if (!opens(d, i) && !(i + 1 < d->ntok && capish(d, i + 1)) && !after_of(d, i) &&
            so_coref_keys_put(seen, alone_key(d, i), 0))
            return -1;
    }
    return 0;
}

/* Does a surname with lower-case particles start at token i, after no
** name word ("said van der Berg", "de Blasio")? */
static int particle_opens(const so_coref *c, size_t i)
{
    return (so_cls(c, i) & SO_LX_PARTICLE) && !(i > 0 && capish(c->d, i - 1)) &&
           particle_run(c, i) > 0;
}

/* Is the run [b, e) a title in title case rather than a name: two
** function words or more capitalised after its first word ("Council Leader
** Hits Back At The Critics Of The Plan", "Mayor Ruiz Takes A Swipe At
** The Harbor Board Over Ferry Fares"), as scraped pages put
** headlines inside a paragraph? Not "This Week With George Stephanopoulos"
** (one), nor words in capitals. */
static int title_run(const so_doc *d, size_t b, size_t e)
{
    static const char *const fw[] = {"a", "an", "the", "of", "to", "in", "on", "at", "for",
                                     "and", "with", "by", "from", "is", "are", "was",
                                     "as", "into", "over", "about", "after", NULL};
    size_t n = 0;
    for (size_t i = b + 1; i < e && n < 2; i++)
        n += (d->tok[i].flags & SO_TF_CAP) && !(d->tok[i].flags & SO_TF_ALLCAP) &&
             so_tok_in(d, i, fw);
    return n >= 2;
}

/* Is token i an abbreviation in capitals that names no one ("on TV",
** "photo ID", "9 p.m. EST", "WWII", "LGBTQ voters")? */
static int common_abbrev(const so_doc *d, size_t i)
{
    static const so_word w[] = {
        SO_WORD("TV"),   SO_WORD("ID"),   SO_WORD("EST"),  SO_WORD("EDT"),   SO_WORD("PST"),
        SO_WORD("PDT"),  SO_WORD("CST"),  SO_WORD("CDT"),  SO_WORD("GMT"),   SO_WORD("BST"),
        SO_WORD("WWI"),  SO_WORD("WWII"), SO_WORD("LGBT"), SO_WORD("LGBTQ"), SO_WORD("DNA"),
        SO_WORD("GDP"),  SO_WORD("HIV"),  SO_WORD("OK"),   SO_WORD("DVD"),   SO_WORD("PDF"),
        SO_WORD("URL"),  SO_WORD("FAQ"),  SO_WORD("CEO"),  SO_WORD("CFO"),   SO_WORD("COO"),
        SO_WORD("PAC"),  SO_WORD("PACs")};
    return so_word_in(so_tok_str(d, i), so_tok_len(d, i), w, sizeof w / sizeof *w);
}

static int scan(so_coref *c, const so_keys *seen)
{
    const so_doc *d = c->d;
    size_t cur_sent = SIZE_MAX;
    int headline = 0;
    for (size_t i = 0; i < d->ntok;) {
        if (!capish(d, i) && !particle_opens(c, i)) {
            i++;
            continue;
        }
        if (d->tok[i].sent != cur_sent) {
            cur_sent = d->tok[i].sent;
            headline = titlecase(d, cur_sent);
        }
        size_t e = run_end(c, i), b = i;
        i = e;
        if (headline || title_run(d, b, e) || section_label(d, d->tok[b].para))
            continue;
        trim_run(c, &b, &e);
        if (e == b + 1 && common_abbrev(d, b))
            continue;
        if (b < e && !weak_opener(c, seen, b, e) && add_name(c, seen, b, e))
            return -1;
    }
    return 0;
}

int so_coref_find(so_coref *c)
{
    so_keys seen = {0};
    int rc = collect_seen(c, &seen);
    if (!rc)
        rc = scan(c, &seen);
    so_coref_keys_free(&seen);
    return rc;
}
