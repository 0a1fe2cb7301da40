/*
** rules.c -- attribution rules for direct and mixed quotes. For every
** top-level quotation it looks at the text before it in its sentence (the
** "before frame") and after it (the "after frame") for a cue verb with a
** source noun phrase, in the patterns of news writing:
**     "Q," he said.            "Q," said Jane Doe, a lawyer.
**     Jane Doe said: "Q"       According to Doe, "Q" (or In the words of Doe)
**     She called it "Q."       X is "Q," she said.
**     "Q," the lawyer, Jane Doe, told reporters.
** A quotation with no cue of its own that follows an attributed quote in the
** same or the next paragraph, in the same kind of mark (double or single),
** continues that attribution (one attribution, several content spans), unless
** it is a title its own sentence goes on to name (""Q?" "Harbor Lights" was
** written after …"); and
** so does a later quotation governed by the same cue ("Q," he said, but
** "R.") unless it has a cue of its own or is a title ("Morning Call").
*/
#include "attrib/attrib.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/penn.h"
#include "model/tagger.h"
#include "quote/quote.h"

#define NP_MAX 14

typedef struct frames {
    size_t bb, be; /* before frame [bb, be) */
    size_t ab, ae; /* after frame [ab, ae) */
    size_t sent_end;
    const uint8_t *penn; /* so_tag_penn of the POS tagger, or NULL */
} frames;

static const char *const determiners[] = {"the", "a", "an", "his", "her", "its", "their",
                                          "our", "my", "your", "this", "these", "those",
                                          "another", "one", "some", "two", "three", NULL};
static const char *const preps[] = {"of", "for", "at", "in", "from", "on", "with", "to",
                                    "by", "through", "during", "under", "against", "despite",
                                    "without", NULL};
static const char *const stops[] = {
    "and", "or", "but", "that", "which", "who", "whom", "whose", "when", "where", "while",
    "because", "as", "if", "than", "so", "not", "no", "there", "here", "what", "how", "why",
    "after", "before", "since", "though", "although", "until", "even", "just", "said", "says",
    "is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "could",
    "can", "should", "did", "does", "do", "may", "might", "must", "this", "it", "him",
    "them", "me", "us", "told", "also", "then", "about", "into", "over", "like", NULL};

static const char *const quantifiers[] = {"several", "many", "most", "both", "few", NULL};
static const char *const subordinators[] = {
    "when", "after", "as", "before", "if", "although", "though", "because", "since", "once",
    "until", "while", "whenever", "why", "whether", "how", NULL};
static int is_det(const so_doc *d, size_t i) { return so_tok_in(d, i, determiners); }
static int is_prep(const so_doc *d, size_t i) { return so_tok_in(d, i, preps); }

static int is_wordtok(const so_doc *d, size_t i)
{
    int k = d->tok[i].kind;
    return k == SO_TK_WORD || k == SO_TK_NUM;
}

static int is_punct(const so_doc *d, size_t i, const char *p)
{
    return so_tok_is_exact(d, i, p);
}

/* A lower-case -ed/-ing word: probably a verb, which ends a noun phrase. */
static int verbish(const so_doc *d, size_t i)
{
    size_t n = so_tok_len(d, i);
    return so_tok_ing(d, i) || (!(d->tok[i].flags & SO_TF_CAP) && n > 4 &&
                              !memcmp(so_tok_str(d, i) + n - 2, "ed", 2));
}

/* Can token i sit inside a source noun phrase? */
static int np_token(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind == SO_TK_QUOTE)
        return t->qm == SO_QM_APOS;
    if (!is_wordtok(d, i) && !(t->kind == SO_TK_DASH && !(t->flags & SO_TF_SPACE_BEFORE)))
        return 0;
    if (t->inq)
        return 0;
    if (t->flags & SO_TF_CAP)
        return !so_cue_class(d, i) || !(t->flags & SO_TF_SENT_START) ? 1 : 0;
    if (so_cue_class(d, i)) /* "the report", "a statement": a noun after a determiner */
        return i > 0 && (is_det(d, i - 1) || (d->tok[i - 1].flags & SO_TF_CLITIC));
    return !so_tok_in(d, i, stops);
}

/* Inside an appositive anything but quotation marks and sentence ends. */
static int np_token_loose(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    return !so_tok_is_qmark(d, i) && !t->inq &&
           !(t->flags & SO_TF_SENT_START) && !is_punct(d, i, ".") && !is_punct(d, i, ";");
}

/* Start of the noun phrase that ends just before token end (not before
** lim); returns end when there is none. */
static size_t np_left(const so_doc *d, size_t end, size_t lim)
{
    if (end <= lim)
        return end;
    if (so_cue_is_pronoun(d, end - 1))
        return end - 1;
    size_t b = end;
    if (b - lim >= 3 && is_punct(d, b - 1, ")")) {
        size_t k = b - 1;
        while (k > lim && b - k < 6 && !is_punct(d, k - 1, "("))
            k--;
        if (k > lim && is_punct(d, k - 1, "(") && k - 1 > lim && np_token(d, k - 2))
            b = k - 1; /* Rep. Jane Doe (D-Wis.) */
    }
    while (b > lim && end - b < NP_MAX && np_token(d, b - 1) && !so_cue_is_pronoun(d, b - 1)) {
        if (verbish(d, b - 1) && !(b - 1 > lim && is_det(d, b - 2)) && b < end &&
            !so_cue_is_title_adj(d, b - 1)) /* "managing director Alan Forbes" */
            break;
        b--;
    }
    while (b < end && (is_prep(d, b) || so_tok_is_qmark(d, b) ||
                       (d->tok[b].flags & SO_TF_CLITIC)))
        b++;
    return b;
}

/* Is [b, e) a name: at most six capitalised words ("Sir James Bevan")? */
static int name_chunk(const so_doc *d, size_t b, size_t e)
{
    if (e <= b || e - b > 6)
        return 0;
    for (size_t i = b; i < e; i++)
        if (!(d->tok[i].flags & SO_TF_CAP) && !is_punct(d, i, "."))
            return 0;
    return 1;
}

/* Start of the appositive that ends at the comma k: it runs back, over at
** most 24 tokens, to the comma before it (not below lim + 1); SIZE_MAX when
** there is no such comma or nothing between. */
static size_t chunk_start(const so_doc *d, size_t k, size_t lim)
{
    size_t j = k;
    while (j > lim && k - j < 24 && !is_punct(d, j - 1, ",") && np_token_loose(d, j - 1))
        j--;
    return j <= lim + 1 || !is_punct(d, j - 1, ",") || j == k ? SIZE_MAX : j;
}

/* Is the appositive [j, k) a name after a lower-case role noun and its comma
** ("the family's lawyer, Ann Smith,"; not "... of Elizabeth, Colorado,")? */
static int role_then_name(const so_doc *d, size_t j, size_t k)
{
    return name_chunk(d, j, k) && !(d->tok[j - 2].flags & SO_TF_CAP);
}

/* Is the aside [j, k) between commas a participle's clause ("one
** director, speaking on condition of anonymity, described"; not
** "including", "according to")? */
static int participle_aside(const so_doc *d, size_t j, size_t k)
{
    static const char *const not_clause[] = {"including", "according", "during", NULL};
    return k > j + 1 && so_tok_ing(d, j) && !so_tok_in(d, j, not_clause);
}

/* The start of a name [nb, ne) with an age after it, or of the lower-case
** role and its comma before the name ("one ticket holder, Amy Clarke, 23,
** told"). */
static size_t role_before(const so_doc *d, size_t nb, size_t ne, size_t lim)
{
    if (nb < lim + 2 || !is_punct(d, nb - 1, ",") || !role_then_name(d, nb, ne))
        return nb;
    size_t rb = np_left(d, nb - 1, lim);
    return rb < nb - 1 && !(rb > lim && is_prep(d, rb - 1)) ? rb : nb;
}

/* Subject of a cue at cb: a noun phrase, or "NAME, APPOSITIVE," before it
** ("Jane Doe, the council's press secretary, noted"), or "ROLE, NAME,"
** with a lower-case role noun before the comma ("the agency's chief
** executive, Sir James Bevan, told"; not "... of Elizabeth, Colorado,"),
** or a noun phrase and a participle's aside ("one director, speaking on
** condition of anonymity, described"). */
static size_t subject_left(const so_doc *d, size_t cb, size_t lim)
{
    size_t sb = np_left(d, cb, lim);
    if (sb == cb && cb > lim + 3 && d->tok[cb - 1].kind == SO_TK_DASH) {
        for (size_t k = cb - 2; k > lim && cb - k < 30 && !d->tok[k].inq; k--)
            if (d->tok[k].kind == SO_TK_DASH) { /* "The manager -- who asked ... -- said" */
                size_t nb = np_left(d, k, lim);
                return nb < k && ((d->tok[nb].flags & SO_TF_CAP) || is_det(d, nb)) ? nb : cb;
            }
        return cb;
    }
    if (sb < cb || cb < lim + 4 || !is_punct(d, cb - 1, ","))
        return sb;
    size_t k = cb - 1;
    for (int chunks = 0; chunks < 3; chunks++) {
        size_t j = chunk_start(d, k, lim);
        if (j == SIZE_MAX)
            return cb;
        size_t nb = np_left(d, j - 1, lim);
        if (nb < j - 1 &&
            ((d->tok[nb].flags & SO_TF_CAP) || role_then_name(d, j, k) || so_attr_aside(d, j, k) ||
             participle_aside(d, j, k)) &&
            !(nb > lim && is_prep(d, nb - 1)))
            return k == j + 1 && d->tok[j].kind == SO_TK_NUM ? role_before(d, nb, j - 1, lim) : nb;
        k = j - 1;
    }
    return cb;
}

/* End of the appositive that starts at the comma i (", a lawyer ..."), or i
** when there is none. Runs to the end of the sentence, a dash or a quote. */
static size_t appositive_right(const so_doc *d, size_t i, size_t lim)
{
    if (i + 1 >= lim || !is_punct(d, i, ","))
        return i;
    size_t j = i + 1;
    if (j + 2 < lim && d->tok[j].kind == SO_TK_NUM && is_punct(d, j + 1, ","))
        j += 2; /* "Karen White, 45, a mother of three": train 3 sources right */
    if (d->tok[j].kind != SO_TK_WORD || verbish(d, j) ||
        so_tok_is(d, j, "whose") || so_tok_is(d, j, "which") || so_tok_is(d, j, "where") ||
        so_tok_is(d, j, "when") || so_tok_is(d, j, "and") || so_tok_is(d, j, "but") ||
        so_tok_is(d, j, "adding") || so_tok_is(d, j, "saying") || so_cue_is_pronoun(d, j) ||
        so_cue_is_aux(d, j))
        return i;
    size_t e = j;
    while (e < lim && d->tok[e].kind != SO_TK_DASH && !so_tok_is_qmark(d, e) &&
           !(is_punct(d, e, ".") || is_punct(d, e, ";") || is_punct(d, e, ",")) && e - j < 20)
        e++;
    return e;
}

/* End of the noun phrase that starts at token b (inverted "said Jane Doe"). */
static size_t np_right(const so_doc *d, size_t b, size_t lim)
{
    size_t e = b;
    if (b < lim && so_cue_is_pronoun(d, b))
        return b + 1;
    static const char *const times[] = {"yesterday", "today", "tonight", "last",
                                        "earlier",   "recently", NULL};
    if (b < lim && (is_prep(d, b) || so_cue_is_weekday(d, b) || so_tok_in(d, b, times)))
        return b;
    while (e < lim && e - b < NP_MAX && !so_cue_is_pronoun(d, e) &&
           !(e > b && verbish(d, e) && !is_det(d, e - 1)) && /* "the meeting" is a noun */
           (np_token(d, e) || (so_cue_class(d, e) && !(d->tok[e].flags & SO_TF_CAP) &&
                               e + 1 < lim && np_token(d, e + 1) && !so_cue_class(d, e + 1))))
        e++;
    while (e > b && is_prep(d, e - 1))
        e--;
    if (e > b)
        e = appositive_right(d, e, lim);
    return e;
}

/* Is token i a number word after a determiner, the head of its noun
** phrase ("the two", "these three"), with the verb at i + 1 agreeing
** with it: not a word in -s, which is a noun there ("the two reports
** said")? */
static int number_head(const so_doc *d, size_t i, size_t lim)
{
    static const char *const numbers[] = {"two", "three", NULL};
    size_t n = i + 1 < d->ntok ? so_tok_len(d, i + 1) : 0;
    return i > lim && so_tok_in(d, i, numbers) && is_det(d, i - 1) && n > 0 &&
           (so_tok_str(d, i + 1)[n - 1] | 32) != 's';
}

/* Can token c be a cue verb here? Not after a determiner, a possessive or
** a preposition (the state, a report, secretary of state), nor, with penn
** (the POS tags, or NULL), a word tagged as a common noun. The governing
** cue of a mixed quote is searched with penn (dev: quotes F1 92.61 ->
** 92.92, e.g. not "Following early reports of the fire, the council
** leader said that "a gas leak" ..."), and so is the cue before a direct quote
** unless a colon follows it, as the tagger reads "The Times reports:" as
** a noun (dev 93.00; train: not "his reality TV show "The Apprentice"");
** the cue after a direct quote is searched without it (dev quotes F1
** 92.75 with it). */
static int cue_ok(const so_doc *d, const uint8_t *penn, size_t c, size_t lim)
{
    if (!so_cue_class(d, c) || so_cue_state_noun(d, c))
        return 0; /* not "the United States "must ..."" */
    if (penn && so_penn_is_common(penn[d->tok[c].pos]) &&
        !(c > lim && c + 1 < d->ntok && so_tok_is(d, c + 1, "that") &&
          so_penn_is_noun(penn[d->tok[c - 1].pos])))
        return 0; /* a noun to the POS tagger: "early reports of the fire";
                     but "A document on the website states that" */
    if (c > lim && (is_det(d, c - 1) || is_prep(d, c - 1) || (d->tok[c - 1].flags & SO_TF_CLITIC)))
        return number_head(d, c - 1, lim); /* "the state"; but "the two said" */
    return 1;
}

/* A relative clause such as "what it calls" or "which they describe". */
static int relative_subject(const so_doc *d, size_t sb, size_t lim)
{
    return sb > lim && (so_tok_is(d, sb - 1, "what") || so_tok_is(d, sb - 1, "which"));
}

/* The end of the name after token j: a quotation of at most twelve
** tokens, or a run of proper nouns or capitalised words (numbers and
** hyphens inside; not a day: "called Monday for"); j when there is
** neither. */
static size_t name_after(const so_doc *d, const uint8_t *penn, size_t j)
{
    if (j < d->ntok && d->tok[j].qm == SO_QM_OPEN) {
        for (size_t k = j + 1; k < d->ntok && k - j <= 12; k++)
            if (d->tok[k].qm == SO_QM_CLOSE)
                return k + 1;
        return j;
    }
    static const char *const days[] = {"today", "tonight", NULL};
    size_t k = j;
    if (j < d->ntok && (so_cue_is_weekday(d, j) || so_tok_in(d, j, days)))
        return j; /* "…, called Monday for": a time, not a name */
    while (k < d->ntok && k - j < 12 && !d->tok[k].inq &&
           (so_penn_is_proper(penn[d->tok[k].pos]) ||
            (d->tok[k].kind == SO_TK_WORD && (d->tok[k].flags & SO_TF_CAP)) ||
            (k > j && (d->tok[k].kind == SO_TK_NUM || so_tok_is_exact(d, k, "-")))))
        k++;
    return k;
}

/*
** Is token b a "called" that names a thing, not a speaker's words: right
** after a common noun (with or without a comma) and followed by a name, a
** quotation or proper nouns, after which the clause goes on with a finite
** verb or ends (a comma, a full stop, a colon, a bracket, a preposition,
** "and", "which"): "a group called Harbor Watch meets", "The scheme,
** called Fresh Start, lets", "a film called "Harbor Lights" on ...". Not
** "one councillor called Ruiz "the landlord's friend"", where a quotation
** follows the name, nor "..., called Monday for". Neither the rules (cue_inside) nor
** the model take it as a cue: train 10 cues fewer, 1 of them gold; dev 2,
** neither gold.
*/
int so_attr_naming_called(const so_doc *d, const uint8_t *penn, size_t b)
{
    if (!penn || b < 2 || !so_tok_is(d, b, "called"))
        return 0;
    size_t k = so_tok_is_exact(d, b - 1, ",") ? b - 2 : b - 1;
    if (!so_penn_is_common(penn[d->tok[k].pos]) || (d->tok[k].flags & SO_TF_CAP))
        return 0;
    size_t n = name_after(d, penn, b + 1);
    if (n == b + 1 || n >= d->ntok || d->tok[n].sent != d->tok[b].sent ||
        so_tok_is_qmark(d, n))
        return 0;
    unsigned t = penn[d->tok[n].pos];
    if (t == SO_PENN_VBN && d->tok[b + 1].qm == SO_QM_OPEN)
        return 1; /* "a band called "The Locals" played", read as a participle */
    return so_penn_is_finite(t) || t == SO_PENN_COMMA || t == SO_PENN_PERIOD ||
           t == SO_PENN_COLON || t == SO_PENN_RRB || t == SO_PENN_WDT || t == SO_PENN_IN ||
           t == SO_PENN_CC;
}

/* Does a quotation that closes after a comma end right before token c,
** with a comma, a colon or another quotation right after c (""Q,"
** adding, "R""), so that c stands after a comma as in ", adding"? */
static int quote_comma_before(const so_doc *d, size_t c)
{
    return c >= 2 && d->tok[c - 1].qm == SO_QM_CLOSE && is_punct(d, c - 2, ",") &&
           c + 1 < d->ntok &&
           (is_punct(d, c + 1, ",") || is_punct(d, c + 1, ":") || d->tok[c + 1].qm == SO_QM_OPEN);
}

/* Is token c a participle cue ("adding", "saying") after a comma (also
** one inside a quotation that closes before it: quote_comma_before; train
** 3 sources right, none wrong), or a gerund after "despite", "after",
** "before", "while", "by", "without"? */
static int participle_cue(const so_doc *d, size_t c, size_t lim)
{
    static const char *const subord[] = {"despite", "after", "before", "while", "by",
                                         "without", "when", NULL};
    size_t n = so_tok_len(d, c);
    int after = (c > lim && (is_punct(d, c - 1, ",") || so_tok_in(d, c - 1, subord))) ||
                quote_comma_before(d, c);
    return after && n > 4 && !memcmp(so_tok_str(d, c) + n - 3, "ing", 3) && so_cue_class(d, c);
}

/* Skip adverbs and auxiliaries left of the cue verb c (not below lim), and
** "quoted as" ("was quoted as saying") or "quoted by X as" ("was quoted by
** the Herald as saying", X of at most eight words with no punctuation). */
static size_t cue_left_edge(const so_doc *d, size_t c, size_t lim)
{
    size_t b = c;
    if (b >= lim + 2 && so_tok_is(d, b - 1, "as") && so_tok_is(d, b - 2, "quoted"))
        b -= 2;
    else if (b >= lim + 4 && so_tok_is(d, b - 1, "as"))
        for (size_t j = b - 2; j > lim && j + 10 > b && is_wordtok(d, j); j--)
            if (so_tok_is(d, j, "by") && so_tok_is(d, j - 1, "quoted")) {
                b = j - 1;
                break;
            }
    size_t v = b;
    while (b > lim && (so_cue_is_adverb(d, b - 1) || so_cue_is_aux(d, b - 1)) && v - b < 4)
        b--;
    return b;
}

/* The end of the source after "according to" at b: its noun phrase
** (np_right), or, when that stops at NP_MAX words, at an "and" or "or"
** joining another or at a participle before a preposition ("filed by"),
** the first comma within 3 * NP_MAX tokens with no quotation, full stop,
** semicolon or colon before it ("According to a 40-page lawsuit brought by
** the state's attorney general and a second suit by the county, ..."; dev
** 1 cue, source and content right, train 1 cue fewer, not gold). */
static size_t according_end(const so_doc *d, size_t b, size_t lim)
{
    size_t e = np_right(d, b, lim);
    if (e == b || e + 1 >= lim ||
        !(e - b >= NP_MAX || so_tok_is(d, e, "and") || so_tok_is(d, e, "or") ||
          (verbish(d, e) && is_prep(d, e + 1))))
        return e;
    for (size_t k = e; k < lim && k - b < 3 * NP_MAX; k++) {
        if (is_punct(d, k, ","))
            return k;
        if (d->tok[k].inq || so_tok_is_qmark(d, k) || is_punct(d, k, ".") ||
            is_punct(d, k, ";") || is_punct(d, k, ":"))
            return e;
    }
    return e;
}

/* The length of a cue like "according to" at token i ("according to", "in
** the words of", and "in the view of" opening its sentence: not "took
** place in broad daylight, in the view of dozens of shoppers"), or 0. */
static size_t according_len(const so_doc *d, size_t i, size_t lim)
{
    if (i + 1 < lim && so_tok_is(d, i, "according") && so_tok_is(d, i + 1, "to"))
        return 2;
    if (i + 3 < lim && so_tok_is(d, i, "in") && so_tok_is(d, i + 1, "the") &&
        (so_tok_is(d, i + 2, "words") ||
         (so_tok_is(d, i + 2, "view") && so_sent_after_dateline(d, d->tok[i].sent) == i)) &&
        so_tok_is(d, i + 3, "of"))
        return 4;
    return 0;
}

static so_attr *new_attr(so_attrs *out, size_t cb, size_t ce, size_t sb, size_t se, float conf)
{
    so_attr *a = so_attr_push(out);
    if (!a)
        return NULL;
    a->cue = (so_range){(uint32_t)cb, (uint32_t)ce};
    a->source = (so_range){(uint32_t)sb, (uint32_t)se};
    a->conf = conf;
    return a;
}

static void compute_frames(const so_doc *d, size_t qi, frames *f)
{
    const so_quotation *q = &d->q[qi];
    size_t open = q->open_tok, close = q->close_tok;
    size_t sb = so_sent_after_dateline(d, d->tok[open].sent); /* not "PORT ELLIS —" */
    if (sb > open)
        sb = d->sent[d->tok[open].sent].b;
    f->bb = sb;
    if (qi > 0 && d->q[qi - 1].close_tok + 1 > sb)
        f->bb = d->q[qi - 1].close_tok + 1;
    f->be = open;
    f->sent_end = d->sent[d->tok[close].sent].e;
    f->ab = close + 1;
    f->ae = f->sent_end;
    if (qi + 1 < d->nq && d->q[qi + 1].open_tok < f->ae)
        f->ae = d->q[qi + 1].open_tok;
    if (f->ab > f->ae)
        f->ab = f->ae;
    /* "Why?" she asked. / "No." -- Jane Doe: the splitter ended the sentence */
    if (f->ab == f->ae && f->ae < d->ntok && close > 0 && d->tok[close].para == d->tok[f->ae].para &&
        (is_punct(d, close - 1, "?") || is_punct(d, close - 1, "!") ||
         d->tok[f->ae].kind == SO_TK_DASH)) {
        size_t ne = d->sent[d->tok[f->ae].sent].e;
        if (ne - f->ae <= 12 && !(qi + 1 < d->nq && d->q[qi + 1].open_tok < ne))
            f->ae = f->sent_end = ne;
    }
}

static so_range inherited_source(const so_doc *d, size_t c, const so_attrs *prev);

/* Is the cue verb at c passive: a form of "be" before it, over adverbs
** ("had been written", "was described")? */
static int passive_at(const so_doc *d, size_t c, size_t lim)
{
    size_t n = so_tok_len(d, c);
    if (n > 4 && so_eq_ci(so_tok_str(d, c) + n - 3, 3, "ing"))
        return 0;
    size_t k = c;
    while (k > lim && so_cue_is_adverb(d, k - 1))
        k--;
    return k > lim && so_cue_is_be(d, k - 1);
}

/* Is there a finite cue verb with a subject before it in [b, e)? The
** clause after "According to X," that holds one is that cue's ("According
** to the Herald, the mayor said that "Q""), and "according to" takes the
** whole clause. Only the 80 tokens after b are looked at, so that a
** sentence of many "according to" phrases costs time in proportion to its
** length. */
static int cue_between(const so_doc *d, const uint8_t *penn, size_t b, size_t e)
{
    for (size_t c = b + 1; c < e && c < b + 80; c++) {
        if (!penn || !cue_ok(d, penn, c, b) || !so_penn_is_finite(penn[d->tok[c].pos]))
            continue;
        size_t cb = cue_left_edge(d, c, b);
        if (subject_left(d, cb, b) < cb)
            return 1;
    }
    return 0;
}

/* cue_before's search, over the before frame up to e (punct: a comma,
** colon or dash followed). */
static size_t cue_before_at(const so_doc *d, const frames *f, const so_attrs *prev,
                            so_range *cue, so_range *src, size_t e, int punct)
{
    for (size_t k = f->bb, n; k + 1 < e; k++)
        if ((n = according_len(d, k, e)) && punct) {
            size_t ne = np_right(d, k + n, e);
            if (ne == e && ne > k + n && !cue_between(d, f->penn, k + n, ne)) {
                *cue = (so_range){(uint32_t)k, (uint32_t)(k + n)};
                *src = (so_range){(uint32_t)(k + n), (uint32_t)ne};
                return k;
            }
        }
    for (size_t c = e; c-- > f->bb && e - c <= 6;) {
        int cls = so_cue_class(d, c);
        int colon = c + 1 < d->ntok && is_punct(d, c + 1, ":"); /* "The Times reports:" */
        if (!cue_ok(d, colon ? NULL : f->penn, c, f->bb))
            continue;
        if (!punct && (c + 1 != e || cls != SO_CUE_SPEECH))
            continue;
        if (passive_at(d, c, f->bb))
            continue; /* "it had been written "Q"": not the subject's words */
        size_t obj_end = c + 1 < e ? np_right(d, c + 1, e) : e;
        if (obj_end != e && !(punct && c + 1 < e && is_prep(d, c + 1)))
            continue;
        size_t cb = cue_left_edge(d, c, f->bb);
        size_t sb = subject_left(d, cb, f->bb);
        *cue = (so_range){(uint32_t)cb, (uint32_t)c + 1};
        *src = (so_range){(uint32_t)sb, (uint32_t)cb};
        if (sb == cb && (participle_cue(d, c, f->bb) || (cb > f->bb && so_tok_is(d, cb - 1, "and"))))
            *src = inherited_source(d, c, prev); /* "..., adding:" / "... and said:" */
        else if (sb == cb && cb == f->bb && obj_end > c + 1)
            *src = (so_range){(uint32_t)c + 1, (uint32_t)obj_end}; /* "Said Ellis: ..." */
        return c;
    }
    return SIZE_MAX;
}

/* The comma before a relative clause that ends [b, e) (", who lives two
** blocks away"), or SIZE_MAX. */
static size_t relative_tail(const so_doc *d, size_t b, size_t e)
{
    static const char *const rel[] = {"who", "which", NULL};
    for (size_t k = e; k-- > b + 1;) {
        if (d->tok[k].inq || is_punct(d, k, "."))
            return SIZE_MAX;
        if (is_punct(d, k - 1, ",") && so_tok_in(d, k, rel))
            return k - 1;
    }
    return SIZE_MAX;
}

/* Before frame ends with "SOURCE CUE [OBJ] [,:]" or "According to SOURCE,":
** a direct quote. Without a comma, colon or dash before the quotation the
** cue must touch it ("said "...""); a passive cue never. Fills the cue and
** source; returns the cue token or SIZE_MAX. */
static size_t cue_before(const so_doc *d, const frames *f, const so_attrs *prev, so_range *cue,
                         so_range *src)
{
    size_t e = f->be;
    while (e > f->bb && (is_punct(d, e - 1, ",") || is_punct(d, e - 1, ":") ||
                         d->tok[e - 1].kind == SO_TK_DASH))
        e--;
    int punct = e < f->be;
    size_t c = cue_before_at(d, f, prev, cue, src, e, punct);
    size_t r = punct && c == SIZE_MAX ? relative_tail(d, f->bb, e) : SIZE_MAX;
    if (r != SIZE_MAX) { /* ""Q," said Ann Cole, who lives nearby, "R."": the cue opens */
        size_t w = f->bb;
        while (w < r && !is_wordtok(d, w))
            w++;
        c = cue_before_at(d, f, prev, cue, src, r, 1);
        if (c != SIZE_MAX && cue->b != w)
            c = SIZE_MAX; /* not "He argued the pipeline, which ..., "Q"" */
    }
    return c;
}


static const char *const pointers[] = {"that", "this", "such", NULL};

/* "[that] was the message from X" after a quotation, starting at s: the
** token after "from" when a noun phrase follows, else SIZE_MAX. */
static size_t message_from(const so_doc *d, size_t s, size_t end)
{
    static const char *const be[] = {"was", "is", "came", NULL};
    static const char *const said[] = {"message", "word", "verdict", "response", "reply",
                                       "reaction", "warning", "answer", "advice", "view",
                                       NULL};
    size_t k = s + (so_tok_in(d, s, pointers) ? 1 : 0);
    if (k + 3 >= end || !so_tok_in(d, k, be) || !so_tok_is(d, k + 1, "the") ||
        !so_tok_in(d, k + 2, said) || !(so_tok_is(d, k + 3, "from") || so_tok_is(d, k + 3, "of")))
        return SIZE_MAX;
    return np_right(d, k + 4, end) > k + 4 ? k + 4 : SIZE_MAX;
}

/* Do tokens k and k + 1 (before end) say "put it" or "puts it"? */
static int put_it_at(const so_doc *d, size_t k, size_t end)
{
    return k + 1 < end && (so_tok_is(d, k, "put") || so_tok_is(d, k, "puts")) &&
           so_tok_is(d, k + 1, "it");
}

/* "as X put it" starting at s: the token "put" (or "puts") when a noun
** phrase X fills the gap, else SIZE_MAX. */
static size_t put_it(const so_doc *d, size_t s, size_t end)
{
    if (!so_tok_is(d, s, "as"))
        return SIZE_MAX;
    for (size_t k = s + 2; k + 1 < end && k <= s + 1 + NP_MAX; k++)
        if (put_it_at(d, k, end))
            return np_right(d, s + 1, k) == k ? k : SIZE_MAX;
    return SIZE_MAX;
}

/* May the speech cue c right after the quotation that closes before token
** a take the noun phrase at c + 1 as its source? When the quotation ends
** in punctuation or a quotation of its own ("Q," said X / "Q?" asked X /
** "... 'R.'" said X), as a quoted clause does; otherwise ("Q" said X, a
** slip, or a phrase: "the 'clean streets' pledge faces ...") only when the
** noun phrase opens with a capital, a determiner or a pronoun. */
static int inverted_ok(const so_doc *d, size_t a, size_t c)
{
    static const char *const ends[] = {",", ".", "!", "?", "...", "…", NULL};
    if (a < 2 || d->tok[a - 1].qm != SO_QM_CLOSE || so_tok_in(d, a - 2, ends) ||
        d->tok[a - 2].qm == SO_QM_CLOSE)
        return 1;
    return (d->tok[c + 1].flags & SO_TF_CAP) || is_det(d, c + 1) || so_cue_is_pronoun(d, c + 1);
}

/* After frame holds "[, ]SOURCE CUE" or "[, ]CUE SOURCE" right after the
** quotation or after a comma. *lead is set to the first token of the
** matched clause. Returns the cue token or SIZE_MAX. */
static size_t cue_after(const so_doc *d, const frames *f, so_range *cue, so_range *src,
                        size_t *lead)
{
    size_t a = f->ab;
    if (a + 1 < f->ae && d->tok[a].kind == SO_TK_DASH && (d->tok[a + 1].flags & SO_TF_CAP)) {
        size_t ne = np_right(d, a + 1, f->ae);
        if (ne > a + 1 && so_attr_trim_end(d, ne, f->ae) == ne) {
            *cue = (so_range){(uint32_t)a, (uint32_t)a + 1}; /* "Q" -- Jane Doe */
            *src = (so_range){(uint32_t)a + 1, (uint32_t)ne};
            *lead = a;
            return a;
        }
    }
    for (size_t start = a; start < f->ae && start - a < 30; start++) {
        if (start > a && !is_punct(d, start - 1, ","))
            continue;
        size_t s0 = start;
        while (s0 < f->ae && (is_punct(d, s0, ",") || d->tok[s0].kind == SO_TK_DASH))
            s0++;
        if (s0 >= f->ae)
            break;
        size_t n = according_len(d, s0, f->ae);
        if (n) {
            size_t ne = np_right(d, s0 + n, f->ae);
            if (ne > s0 + n) {
                *cue = (so_range){(uint32_t)s0, (uint32_t)(s0 + n)};
                *src = (so_range){(uint32_t)(s0 + n), (uint32_t)ne};
                *lead = start;
                return s0;
            }
        }
        size_t pt = put_it(d, s0, f->ae);
        if (pt != SIZE_MAX) { /* "Q," as one council memo put it */
            *cue = (so_range){(uint32_t)pt, (uint32_t)pt + 2};
            *src = (so_range){(uint32_t)s0 + 1, (uint32_t)pt};
            *lead = start;
            return pt;
        }
        size_t mb = message_from(d, s0, f->ae);
        if (mb != SIZE_MAX) { /* "Q" -- that was the message from Jane Doe */
            size_t ne = np_right(d, mb, f->ae);
            *cue = (so_range){(uint32_t)(so_tok_in(d, s0, pointers) ? s0 + 1 : s0), (uint32_t)mb};
            *src = (so_range){(uint32_t)mb, (uint32_t)ne};
            *lead = start;
            return mb - 1;
        }
        size_t c0 = s0;
        while (c0 < f->ae && so_cue_is_adverb(d, c0))
            c0++;
        if (c0 < f->ae && so_cue_class(d, c0) == SO_CUE_SPEECH && !so_cue_state_noun(d, c0) &&
            np_right(d, c0 + 1, f->ae) > c0 + 1 && (start > a || inverted_ok(d, a, c0))) {
            size_t ne = np_right(d, c0 + 1, f->ae);
            *cue = (so_range){(uint32_t)s0, (uint32_t)c0 + 1};
            *src = (so_range){(uint32_t)c0 + 1, (uint32_t)ne};
            *lead = start;
            return c0;
        }
        for (size_t c = s0 + 1; c < f->ae && c - s0 <= NP_MAX + 4; c++) {
            if (!cue_ok(d, NULL, c, s0))
                continue;
            size_t cb = cue_left_edge(d, c, s0);
            if (subject_left(d, cb, s0) == s0 && cb > s0) {
                *cue = (so_range){(uint32_t)cb, (uint32_t)c + 1};
                *src = (so_range){(uint32_t)s0, (uint32_t)cb};
                *lead = start;
                return c;
            }
            break;
        }
    }
    return SIZE_MAX;
}

size_t so_attr_trim_end(const so_doc *d, size_t b, size_t e)
{
    while (e > b && d->tok[e - 1].kind == SO_TK_PUNCT && !d->tok[e - 1].inq &&
           !is_punct(d, e - 1, ")"))
        e--;
    return e;
}

/* Source for a cue with no subject of its own: the source of the previous
** attribution in the same sentence, else the noun phrase opening the
** sentence ("The mayor spoke Tuesday, arguing that ..."). */
static so_range inherited_source(const so_doc *d, size_t c, const so_attrs *prev)
{
    if (prev->n) {
        const so_attr *p = &prev->a[prev->n - 1];
        if (p->source.e > p->source.b && d->tok[p->source.b].sent == d->tok[c].sent)
            return p->source;
    }
    return so_attr_clause_subject(d, c);
}

int so_attr_aside(const so_doc *d, size_t j, size_t k)
{
    static const char *const one[] = {"meanwhile", "however", "though", "too", "also",
                                      "instead", "meantime", "moreover", "furthermore",
                                      "likewise", "nonetheless", "nevertheless", "separately",
                                      NULL};
    static const char *const own[] = {"his", "her", "their", "its", "our", "my", NULL};
    if (k == j + 1)
        return so_tok_in(d, j, one);
    if (k == j + 2)
        return (so_tok_is(d, j, "in") &&
                (so_tok_is(d, j + 1, "turn") || so_tok_is(d, j + 1, "response") ||
                 so_tok_is(d, j + 1, "fact"))) ||
               (so_tok_is(d, j, "for") &&
                (so_tok_is(d, j + 1, "example") || so_tok_is(d, j + 1, "instance"))) ||
               (so_tok_is(d, j, "of") && so_tok_is(d, j + 1, "course"));
    return k == j + 3 && so_tok_is(d, j, "for") && so_tok_in(d, j + 1, own) &&
           so_tok_is(d, j + 2, "part");
}

size_t so_attr_skip_aside(const so_doc *d, size_t j, size_t lim)
{
    for (size_t k = j + 1; k < lim && k <= j + 3; k++)
        if (is_punct(d, k, ",") && so_attr_aside(d, j, k))
            return k + 1;
    return j;
}

so_range so_attr_apposed_subject(const so_doc *d, size_t c)
{
    static const char *const relatives[] = {"who", "whose", "whom", "which", NULL};
    static const char *const openers[] = {"who", "which", "whose", "a", "an", "the", "called",
                                          NULL};
    size_t sb = d->sent[d->tok[c].sent].b;
    so_range none = {0, 0};
    if (c >= sb + 4 && d->tok[c - 1].kind == SO_TK_DASH &&
        (d->tok[c - 1].flags & SO_TF_SPACE_BEFORE)) { /* "Mills -- co-author of ... --" */
        size_t s = subject_left(d, c, sb), k = c - 2;
        if (s >= c)
            return none;
        while (k > s && d->tok[k].kind != SO_TK_DASH)
            k--;
        return (so_range){(uint32_t)s, (uint32_t)(so_tok_in(d, k + 1, relatives) ? k : c)};
    }
    if (c < sb + 4 || !is_punct(d, c - 1, ","))
        return none;
    size_t j = chunk_start(d, c - 1, sb);
    int part = j != SIZE_MAX && verbish(d, j) && !so_tok_in(d, j, openers) &&
              !so_tok_is(d, j, "including") && !so_tok_is(d, j, "according") &&
              !so_tok_is(d, j, "based") && !so_tok_is(d, j, "named");
    if (j == SIZE_MAX ||
        (!so_tok_in(d, j, openers) && !role_then_name(d, j, c - 1) && !so_attr_aside(d, j, c - 1) &&
         !is_prep(d, j) && !part))
        return none; /* not "who ...", "a ...", "called ...", "Her husband, David," nor
                        "meanwhile" */
    size_t nb = np_left(d, j - 1, sb);
    if (nb >= j - 1 || !(d->tok[nb].flags & SO_TF_CAP) || (nb > sb && is_prep(d, nb - 1)))
        return none;
    if (is_prep(d, j) || part) { /* a phrase of time or place, or a participle's, not
                                   part of the source: "The mayor, at Tuesday's meeting,
                                   cited", "Bus drivers, for instance, argue", "Another
                                   analyst, speaking on condition of anonymity, said", "The
                                   complaint, filed on Monday, claims" */
        if (so_tok_is(d, nb, "and") || so_tok_is(d, nb, "but"))
            nb++; /* "And the mayor, for all her efforts, seems" */
        return (so_range){(uint32_t)nb, (uint32_t)(j - 1)};
    }
    return (so_range){(uint32_t)nb, (uint32_t)c};
}

/* Where the subject starts after a short phrase opening the sentence at
** the preposition k with no comma, a time or a place in capitals ("On
** Friday | she stepped up her attack", "In Leeds | the minister defended"): a
** personal pronoun or a determiner after one to three capitalised words
** or numbers; else k. */
static size_t after_opening_phrase(const so_doc *d, size_t k, size_t c)
{
    size_t j = k + 1;
    while (j < c && j < k + 4 && !d->tok[j].inq &&
           ((d->tok[j].flags & SO_TF_CAP) || d->tok[j].kind == SO_TK_NUM) &&
           !so_cue_is_pronoun(d, j))
        j++;
    if (j == k + 1 || j >= c || !(so_cue_is_pronoun(d, j) || is_det(d, j)))
        return k;
    return j;
}

so_range so_attr_clause_subject(const so_doc *d, size_t c)
{
    size_t db = so_sent_after_dateline(d, d->tok[c].sent);
    size_t k0 = c > db + 80 ? c - 80 : db; /* a clause within 80 tokens: a sentence of
                                              thousands of commas and cues costs no more */
    for (size_t k = k0; k < c; k++) {
        if (k > db && !is_punct(d, k - 1, ","))
            continue; /* a clause starts the sentence (after any dateline), or follows a comma */
        if (k == db && is_prep(d, k))
            k = after_opening_phrase(d, k, c); /* "On Friday she ...", "In Leeds the mayor" */
        if (is_prep(d, k) || so_tok_in(d, k, stops))
            continue; /* "After saying ...", "Following an outcry ..." */
        size_t ne = np_right(d, k, c);
        if (ne > k && ne < c && is_wordtok(d, ne) && !d->tok[k].inq &&
            ((d->tok[k].flags & SO_TF_CAP) || is_det(d, k) || so_tok_in(d, k, quantifiers) ||
             so_cue_is_pronoun(d, k)))
            return (so_range){(uint32_t)k, (uint32_t)ne};
    }
    return (so_range){0, 0};
}

/* The last speech or report cue in [from, end) that follows "and" (over
** adverbs and auxiliaries): "..., and said", "and later told". */
static size_t and_cue(const so_doc *d, const uint8_t *penn, size_t from, size_t end)
{
    size_t found = SIZE_MAX;
    for (size_t c = from; c < end; c++) {
        int cls = so_cue_class(d, c);
        if ((cls != SO_CUE_SPEECH && cls != SO_CUE_REPORT) || !cue_ok(d, penn, c, from))
            continue;
        size_t cb = cue_left_edge(d, c, from);
        if (cb > from && so_tok_is(d, cb - 1, "and"))
            found = c;
    }
    return found;
}

/* Is there a relative pronoun followed by a cue in [from, end) ("which
** said", "who told")? */
static int relative_cue(const so_doc *d, size_t from, size_t end)
{
    static const char *const rel[] = {"which", "who", NULL};
    for (size_t k = from; k + 1 < end; k++)
        if (so_tok_in(d, k, rel) && so_cue_class(d, k + 1) &&
            so_cue_class(d, k + 1) != SO_CUE_NAMING)
            return 1;
    return 0;
}

/* "Ruiz openly admires Pryce as a "Q"", "Brandt has gone after Duval as a
** "Q"": a verb that is no cue word casts its object, a name or a pronoun,
** as the quotation. The before frame ends in "OBJECT as [a]"; the cue is
** the verb (with its auxiliaries, adverbs and a particle such as "after"),
** the source its subject. Returns the verb or SIZE_MAX. */
static size_t as_cue(const so_doc *d, const frames *f, so_range *cue, so_range *src)
{
    size_t e = f->be;
    if (e > f->bb && is_det(d, e - 1))
        e--;
    if (e < f->bb + 4 || !so_tok_is(d, e - 1, "as"))
        return SIZE_MAX;
    size_t ob = e - 1; /* the object: a pronoun, or capitalised words */
    if (so_cue_is_pronoun(d, ob - 1))
        ob--;
    else
        while (ob > f->bb + 2 && e - 1 - ob < NP_MAX && is_wordtok(d, ob - 1) &&
               (d->tok[ob - 1].flags & SO_TF_CAP))
            ob--;
    size_t v = ob - 1, ve = ob; /* "gone after": the particle joins the cue */
    if (ob == e - 1 || ob <= f->bb + 1)
        return SIZE_MAX;
    static const char *const particles[] = {"after", "about", "over", "into", "up", "out", "off",
                                            NULL};
    if (is_prep(d, v) || so_tok_in(d, v, particles))
        v--;
    const char *w = so_tok_str(d, v);
    if (!is_wordtok(d, v) || !(w[0] >= 'a' && w[0] <= 'z') || so_tok_in(d, v, stops) ||
        is_prep(d, v) || is_det(d, v) || so_cue_is_adverb(d, v) || so_cue_is_aux(d, v))
        return SIZE_MAX;
    size_t cb = cue_left_edge(d, v, f->bb), sb = subject_left(d, cb, f->bb);
    if (sb == cb || relative_subject(d, sb, f->bb) || (sb > f->bb && is_prep(d, sb - 1)) ||
        passive_at(d, v, f->bb) || (d->tok[cb - 1].flags & SO_TF_CLITIC))
        return SIZE_MAX; /* not "is described on Amazon as", "the EU's deal with X as" */
    *cue = (so_range){(uint32_t)cb, (uint32_t)ve};
    *src = (so_range){(uint32_t)sb, (uint32_t)cb};
    return ve - 1;
}

/* Is there a comma in [b, e)? */
static int comma_in(const so_doc *d, size_t b, size_t e)
{
    for (size_t k = b; k < e; k++)
        if (is_punct(d, k, ","))
            return 1;
    return 0;
}

/* Is token k of [from, end) a relative "that" after a noun and before a
** finite cue verb ("a statement from the chairman that described")? */
static int relative_that_cue(const so_doc *d, const uint8_t *penn, size_t k, size_t from,
                             size_t end)
{
    if (!penn || k <= from || k + 2 >= end || !so_tok_is(d, k, "that") ||
        !so_penn_is_noun(penn[d->tok[k - 1].pos]))
        return 0;
    unsigned t = penn[d->tok[k + 1].pos];
    return (t == SO_PENN_VBD || t == SO_PENN_VBZ) && cue_ok(d, penn, k + 1, k + 1);
}

/* A cue with a subject of its own in a later clause of [from, end), after
** "but", "yet", ";", a dash, ", and" or ", while" ("..., but Calder said it
** would have "Q"", "... on road repairs — an argument Rivera dismissed as
** "Q""), or, when the first cue's clause is subordinate, after the
** comma that ends it ("When I asked Binns, he told me it had been "Q"";
** also an indirect question's: "Asked why he never told the board, Pike
** said he had been "Q""), or after a subordinator ("praised the volunteers
** because she thought their work was "Q"") or ", which" / ", whom" when
** no comma closes that relative clause before end ("..., which she called
** "Q""; not "the plan, which critics have called a ploy, was an
** "insult""), or a relative "that" right before its cue ("a statement
** from the chairman that described it as "Q""), or SIZE_MAX. A participle
** is no subject ("after having slammed"). */
static size_t later_clause_cue(const so_doc *d, const uint8_t *penn, size_t from, size_t end,
                               int subordinate)
{
    static const char *const joins[] = {"but", "yet", ";", NULL};
    static const char *const after_comma[] = {"and", "while", "which", "whom", NULL};
    static const char *const subs[] = {"after", "because", "since", "once", "until", "although",
                                       "though", "before", "when", NULL};
    static const char *const rel[] = {"which", "whom", NULL};
    size_t j = SIZE_MAX;
    for (size_t k = from; k < end; k++)
        if (!d->tok[k].inq &&
            (relative_that_cue(d, penn, k, from, end) || so_tok_in(d, k, joins) ||
             d->tok[k].kind == SO_TK_DASH || so_tok_in(d, k, subs) ||
             (k > from && so_tok_in(d, k, after_comma) && is_punct(d, k - 1, ",")) ||
             (subordinate && j == SIZE_MAX && is_punct(d, k, ","))))
            j = k;
    if (j == SIZE_MAX)
        return SIZE_MAX;
    if (relative_that_cue(d, penn, j, from, end))
        return j + 1; /* "a statement from the chairman that described it as "Q"" */
    for (size_t c = j + 2; c < end; c++) {
        if (!cue_ok(d, penn, c, j + 1) || passive_at(d, c, j + 1))
            continue;
        size_t cb = cue_left_edge(d, c, j + 1), sb = subject_left(d, cb, j + 1);
        if (sb < cb && sb == j + 1 && !so_tok_ing(d, sb))
            return so_tok_in(d, j, rel) && comma_in(d, c + 1, end) ? SIZE_MAX : c;
    }
    return SIZE_MAX;
}

/* The cue inside the before frame that governs the quotation (mixed
** quote): a participle after a comma ("..., adding that "Q"") if there is
** one, else the leftmost cue with a subject ("She called the report "Q""),
** but not a naming cue before a relative clause's cue ("a group called X,
** which said "Q""). A cue after "and" shares the subject before it.
** "According to X," governs what follows, but not X's own relative clause
** (", according to the union, which called it "Q"": called's). */
static size_t cue_inside(const so_doc *d, const frames *f, const so_attrs *prev, so_range *cue,
                         so_range *src)
{
    static const char *const rel[] = {"which", "who", "whom", "whose", NULL};
    for (size_t k = f->bb, n; k + 2 < f->be; k++)
        if ((n = according_len(d, k, f->be)) && (k == f->bb || is_punct(d, k - 1, ","))) {
            size_t ne = according_end(d, k + n, f->be);
            if (ne > k + n && ne < f->be && is_punct(d, ne, ",") &&
                !so_tok_in(d, ne + 1, rel) && !cue_between(d, f->penn, k + n, f->be)) {
                *cue = (so_range){(uint32_t)k, (uint32_t)(k + n)}; /* According to X, ... "Q" */
                *src = (so_range){(uint32_t)(k + n), (uint32_t)ne};
                return ne;
            }
        }
    for (size_t c = f->be; c-- > f->bb;)
        if (participle_cue(d, c, f->bb)) {
            *cue = (so_range){(uint32_t)c, (uint32_t)c + 1};
            *src = inherited_source(d, c, prev);
            return c;
        }
    for (size_t c = f->bb; c < f->be; c++) {
        if (!cue_ok(d, f->penn, c, f->bb) || so_attr_naming_called(d, f->penn, c))
            continue; /* not "a band called "The Locals" played" */
        if (d->tok[c].flags & SO_TF_CAP && !(d->tok[c].flags & SO_TF_SENT_START))
            continue;
        if (so_cue_class(d, c) == SO_CUE_NAMING && relative_cue(d, c + 1, f->be))
            continue; /* "a group called X, which said "Q"": the later cue's */
        if (passive_at(d, c, f->bb))
            continue; /* "it had been written "Q"" */
        size_t cb = cue_left_edge(d, c, f->bb);
        size_t sb = subject_left(d, cb, f->bb);
        if (sb == cb && cb > f->bb && so_tok_is(d, cb - 1, "and")) {
            so_range r = inherited_source(d, c, prev);
            if (r.e > r.b) {
                *cue = (so_range){(uint32_t)cb, (uint32_t)c + 1};
                *src = r;
                return c;
            }
        }
        if (sb == cb || relative_subject(d, sb, f->bb) || (sb > f->bb && is_prep(d, sb - 1)))
            continue;
        size_t lc = later_clause_cue(d, f->penn, c + 1, f->be, sb > f->bb && so_tok_in(d, sb - 1, subordinators));
        if (lc != SIZE_MAX) { /* "X had demanded it, but Calder said "Q"": the later clause's */
            c = lc;
            cb = cue_left_edge(d, c, f->bb);
            sb = subject_left(d, cb, f->bb);
        }
        *src = (so_range){(uint32_t)sb, (uint32_t)cb};
        size_t c2 = and_cue(d, f->penn, c + 1, f->be);
        if (c2 != SIZE_MAX) { /* "She praised X and said "Q"": the second verb */
            cb = cue_left_edge(d, c2, c + 1);
            c = c2;
        }
        *cue = (so_range){(uint32_t)cb, (uint32_t)c + 1};
        return c;
    }
    return as_cue(d, f, cue, src);
}

/* Does the before frame hold nothing but punctuation? */
static int frame_empty(const so_doc *d, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (is_wordtok(d, i))
            return 0;
    return 1;
}

/* Is token i, right after the quotation that ends before from, a
** participle in -ing that opens a clause of its own after a comma
** ("called it "a disgrace," prompting a sharp response"; not "during",
** "according", "including")? */
static int comma_participle(const so_doc *d, size_t i, size_t from)
{
    static const char *const not_clause[] = {"during", "according", "including", "notwithstanding",
                                             NULL};
    size_t n = so_tok_len(d, i);
    const char *s = so_tok_str(d, i);
    if (d->tok[i].inq || n < 5 || !so_eq_ci(s + n - 3, 3, "ing") || (d->tok[i].flags & SO_TF_CAP) ||
        so_tok_in(d, i, not_clause))
        return 0;
    if (i == from + 1)
        return is_punct(d, from, ","); /* ""Q", prompting" */
    return i == from && from >= 2 && d->tok[from - 1].qm == SO_QM_CLOSE &&
           is_punct(d, from - 2, ","); /* ""Q," prompting" */
}

/* End of a mixed quote's content: the end of the sentence, or before a
** following ", and CUE" / "but CUE" / ", and she CUE" clause (also after
** ", though", ", although", ", while", ", whereas"), ", according
** to X" or a participle clause right after the quotation (comma_participle:
** train 16 contents right, 4 wrong, where gold keeps the clause; dev 2
** right). */
static size_t mixed_end(const so_doc *d, size_t from, size_t sent_end)
{
    static const char *const concessive[] = {"though", "although", "while", "whereas", NULL};
    for (size_t i = from; i + 1 < sent_end; i++) {
        if (!d->tok[i].inq && i > from && is_punct(d, i - 1, ",") && according_len(d, i, sent_end))
            return i - 1; /* "..., according to a copy seen by the Ledger": a cue of its own */
        if (comma_participle(d, i, from))
            return so_attr_trim_end(d, from, i); /* ""Q," prompting ...": not the content */
        int concede = so_tok_in(d, i, concessive);
        if (d->tok[i].inq || !(so_tok_is(d, i, "and") || so_tok_is(d, i, "but") || concede))
            continue;
        size_t c = i + 1;
        int comma = is_punct(d, i - 1, ",") ||
                    (d->tok[i - 1].qm == SO_QM_CLOSE && i >= 2 && is_punct(d, i - 2, ","));
        if (concede && (!comma || c >= sent_end ||
                        !(so_cue_is_pronoun(d, c) || (d->tok[c].flags & SO_TF_CAP))))
            continue; /* ", though she noted ...": a cue with a subject of its own after a
                         comma; not ", while telling another ..." */
        if (c < sent_end && comma && so_cue_is_pronoun(d, c))
            c++; /* ", and she told him ..." (the comma may close a quotation) */
        while (c < sent_end && c - i < 4 && so_cue_is_adverb(d, c))
            c++;
        if (c < sent_end && so_cue_class(d, c)) {
            size_t e = i;
            if (e > from && is_punct(d, e - 1, ","))
                e--;
            return e;
        }
    }
    return so_attr_trim_end(d, from, sent_end);
}

/* Does a clause follow the cue at token i ("said the vote ...", "said that
** ...") rather than nothing, an adjunct ("said Friday", "said in a
** statement") or a participle after a comma ("said, adding that ...":
** train 4 quotes "'Q,' Adler said, adding ..." had taken the participle's
** clause for content, not the quotation; dev unchanged)? */
static int has_complement(const so_doc *d, size_t i, size_t end)
{
    static const char *const adjunct[] = {"yesterday", "today", "tonight", "last", "on",
                                          "in",        "at",    "during",  "after", "before",
                                          "while",     "when",  NULL};
    while (i < end && (is_punct(d, i, ",") || so_cue_is_adverb(d, i)))
        i++;
    if (i >= end || !is_wordtok(d, i) || so_cue_is_weekday(d, i) || so_tok_in(d, i, adjunct) ||
        (is_punct(d, i - 1, ",") && so_tok_ing(d, i)))
        return 0;
    size_t words = 0;
    for (size_t k = i; k < end; k++)
        words += is_wordtok(d, k);
    return words >= 3;
}

typedef struct ctx {
    const so_doc *d;
    const uint8_t *penn; /* so_tag_penn of the POS tagger, or NULL */
    so_attrs *out;
    uint8_t *used; /* quotations already inside some attribution's content */
    long last;     /* last attribution made from a quotation, or -1 */
} ctx;

/* First quotation whose opening mark is at or after token t. */
static size_t first_quote_from(const so_doc *d, size_t t)
{
    size_t lo = 0, hi = d->nq;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->q[mid].open_tok < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void mark_used(ctx *x, const so_attr *a)
{
    for (size_t r = 0; r < a->ncontent; r++)
        for (size_t k = first_quote_from(x->d, a->content[r].b);
             k < x->d->nq && x->d->q[k].open_tok < a->content[r].e; k++)
            x->used[k] = 1;
}

/* emit with a first content fragment lead before [cb, ce) (empty: none). */
static int emit_lead(ctx *x, size_t qi, so_range cue, so_range src, so_range lead, size_t cb,
                     size_t ce, float conf)
{
    so_attr *a = new_attr(x->out, cue.b, cue.e, src.b, src.e, conf);
    if (!a)
        return -1;
    so_attr_add_content(a, lead);
    so_attr_add_content(a, (so_range){(uint32_t)cb, (uint32_t)ce});
    a->quote_last = (uint32_t)qi;
    mark_used(x, a);
    x->last = (long)x->out->n - 1;
    return 0;
}

static int emit(ctx *x, size_t qi, so_range cue, so_range src, size_t cb, size_t ce, float conf)
{
    return emit_lead(x, qi, cue, src, (so_range){0, 0}, cb, ce, conf);
}

/*
** The words that open the sentence of a quotation the cue before it splits
** off ("An early frost, the growers said, "would ruin the crop.""): the
** source sits right after a comma, a comma ends the cue's frame, and the
** quotation goes on with the sentence (its first word is in lower case).
** The words from the sentence's start to that comma, when they hold no
** quotation and do not open with a participle, are the first part of the
** content. Else an empty range.
*/
static so_range split_lead(const so_doc *d, const frames *f, size_t qi, so_range src)
{
    size_t open = d->q[qi].open_tok, sb = d->sent[d->tok[open].sent].b;
    so_range none = {0, 0};
    if (f->bb != sb || src.b < sb + 2 || src.e <= src.b || !is_punct(d, src.b - 1, ",") ||
        !is_punct(d, open - 1, ",") || open + 1 >= d->q[qi].close_tok ||
        !is_wordtok(d, open + 1) || (d->tok[open + 1].flags & SO_TF_CAP))
        return none;
    if (f->penn) {
        unsigned first = f->penn[d->tok[sb].pos], last = f->penn[d->tok[src.b - 2].pos];
        if (first == SO_PENN_VBG || first == SO_PENN_TO || (first == SO_PENN_CC && src.b == sb + 2))
            return none; /* "Speaking to reporters, he said," "To sign up," "But, he said," */
        if (last == SO_PENN_IN || last == SO_PENN_VBG || last == SO_PENN_TO)
            return none; /* "critics, including, he said, "..."": the quotation is its object */
    }
    for (size_t k = sb; k < src.b - 1; k++)
        if (so_tok_is_qmark(d, k) || d->tok[k].inq)
            return none;
    return (so_range){(uint32_t)sb, (uint32_t)(src.b - 1)};
}

/* Is quotation qi a title: at most six words, the first capitalised, and
** no comma or colon before it ("told the program "Inside Edition"")? */
static int title_quote(const so_doc *d, size_t qi)
{
    size_t open = d->q[qi].open_tok, close = d->q[qi].close_tok, words = 0;
    if (open > 0 && (is_punct(d, open - 1, ",") || is_punct(d, open - 1, ":")))
        return 0;
    for (size_t i = open + 1; i < close; i++)
        words += is_wordtok(d, i);
    return words <= 6 && open + 1 < close && (d->tok[open + 1].flags & SO_TF_CAP);
}

/* A title named in a sentence of its own words (""Q?" "Harbor Lights"
** opened the show"): a title quotation, nothing before its closing mark
** that ends a quoted sentence or clause, and words after it. */
static int named_title(const so_doc *d, size_t qi, const frames *f)
{
    size_t close = d->q[qi].close_tok;
    static const char *const ends[] = {",", ".", "!", "?", ";", ":", "...", NULL};
    return title_quote(d, qi) && !so_tok_in(d, close - 1, ends) && !frame_empty(d, f->ab, f->ae);
}

/* Continue the last attribution with quotation qi when it directly follows
** it (same paragraph, or the next one). Returns 1 when it did. */
static int continue_last(ctx *x, size_t qi, const frames *f)
{
    if (x->last < 0 || !frame_empty(x->d, f->bb, f->be))
        return 0;
    so_attr *a = &x->out->a[x->last];
    const so_doc *d = x->d;
    if (a->quote_last == UINT32_MAX || a->ncontent == 0 || a->ncontent >= SO_MAX_FRAGS ||
        d->q[qi].dbl != d->q[a->quote_last].dbl || named_title(d, qi, f))
        return 0; /* the same speaker keeps to one kind of mark; an empty quotation ("")
                     leaves its attribution no content to go on from */
    size_t prev_end = a->content[a->ncontent - 1].e;
    if (a->cue.e > prev_end)
        prev_end = a->cue.e;
    if (a->source.e > prev_end)
        prev_end = a->source.e;
    uint32_t pp = d->tok[prev_end - 1].para, qp = d->tok[d->q[qi].open_tok].para;
    if (qp != pp && qp != pp + 1)
        return 0;
    /* nothing but the previous sentence may sit between them */
    for (size_t i = prev_end; i < d->q[qi].open_tok; i++)
        if (is_wordtok(d, i) && !d->tok[i].inq && d->tok[i].sent != d->tok[prev_end - 1].sent)
            return 0;
    size_t e = d->q[qi].close_tok + 1;
    if (frame_empty(d, f->ab, f->ae))
        e = d->q[qi].close_tok + 1;
    so_attr_add_content(a, (so_range){d->q[qi].open_tok, (uint32_t)e});
    a->quote_last = (uint32_t)qi;
    x->used[qi] = 1;
    return 1;
}

/* Does a cue with its source follow the quotation of frames f right after
** it (""Q," the owner replied")? */
static int own_cue_after(const so_doc *d, const frames *f)
{
    so_range cue, src;
    size_t lead;
    return cue_after(d, f, &cue, &src, &lead) != SIZE_MAX && lead == f->ab;
}

/* Quotation qi whose governing cue is that of the last attribution a
** already. Inside a's content it is done. When a's content stops before it
** in its sentence, with no cue between, the content runs on through it
** ("said the tweet was only "to mock" her"). A title in the cue's object
** is left alone (""Q," she told the program "Inside Edition""). Otherwise
** it is more of a's words (""Q," she tweeted Monday, "R""), unless a cue
** of its own follows it. Returns 0 when done, 1 when the quotation is left
** to emit_after. */
static int same_cue(ctx *x, so_attr *a, size_t qi, const frames *f)
{
    const so_doc *d = x->d;
    size_t open = d->q[qi].open_tok, qe = d->q[qi].close_tok + 1;
    for (size_t k = 0; k < a->ncontent; k++)
        if (a->content[k].b <= open && open < a->content[k].e) {
            x->used[qi] = 1;
            return 0;
        }
    if (own_cue_after(d, f))
        return 1;
    x->used[qi] = 1;
    so_range *lastc = a->ncontent ? &a->content[a->ncontent - 1] : NULL;
    if (lastc && lastc->e <= open && d->tok[lastc->e - 1].sent == d->tok[open].sent &&
        !(a->cue.b >= lastc->e && a->cue.b < open)) {
        lastc->e = (uint32_t)mixed_end(d, qe, f->sent_end);
        a->quote_last = (uint32_t)qi;
        return 0;
    }
    if (title_quote(d, qi) || a->ncontent >= SO_MAX_FRAGS)
        return 0;
    so_attr_add_content(a, (so_range){(uint32_t)open, (uint32_t)qe});
    a->quote_last = (uint32_t)qi;
    return 0;
}

int so_attr_is_tell(const so_doc *d, size_t i)
{
    static const char *const tell[] = {"told", "tell", "tells", "telling", NULL};
    return so_tok_in(d, i, tell);
}

int so_attr_name_end(const so_doc *d, size_t i)
{
    return i > 0 && i + 1 < d->ntok && (d->tok[i].flags & SO_TF_CAP) &&
           !(d->tok[i].flags & SO_TF_SENT_START) && (d->tok[i - 1].flags & SO_TF_CAP) &&
           !(d->tok[i + 1].flags & SO_TF_CAP);
}

/* After a "tell" cue at c, the end of its recipient ("told reporters",
** "told him", "told the crowd", "told Fox News", "told the forum she", "told
** Raymond Pell, 61, that"), which is not content; else
** c + 1. Nothing at or after lim (the quotation) is skipped. */
static size_t recipient_end(const so_doc *d, size_t c, size_t lim)
{
    static const char *const who[] = {"reporters", "journalists", "supporters", "lawmakers",
                                      "voters", "listeners", "viewers", "students", "members",
                                      "delegates", "staff", "fans", "followers", "investors",
                                      "analysts", "colleagues", "friends", "residents",
                                      "workers", "employees", "customers", "him", "her",
                                      "them", "us", "me", "you", NULL};
    static const char *const bodies[] = {"crowd", "audience", "meeting", "conference",
                                         "committee", "newspaper", "paper", "station",
                                         "network", "panel", "council", "court", "board",
                                         "rally", "gathering", "room", NULL};
    size_t k = c + 1;
    if (!so_attr_is_tell(d, c) || k >= lim)
        return k;
    static const char *const rel[] = {"who", "whom", "whose", "which", NULL};
    for (size_t t = k + 1; t < lim && t < k + 8; t++) {
        if (so_tok_is(d, t, "that"))
            return t; /* "told analysts on a conference call that ..." */
        if (t + 3 < lim && is_punct(d, t, ",") && d->tok[t + 1].kind == SO_TK_NUM &&
            is_punct(d, t + 2, ",")) {
            t += 2; /* "told Raymond Pell, 61, that": an age */
            continue;
        }
        if (!is_wordtok(d, t) || d->tok[t].inq || so_tok_in(d, t, rel) ||
            (verbish(d, t) && !so_tok_in(d, t, preps) && !is_det(d, t - 1)))
            break; /* not "told a woman who suggested that ..."; but "told the jury
                      during the hearing that" */
    }
    if (so_tok_in(d, k, who))
        return k + 1 < lim ? k + 1 : k;
    size_t j = k + (is_det(d, k) ? 1 : 0), e = j;
    while (e < lim && e - j < 4 && is_wordtok(d, e) && (d->tok[e].flags & SO_TF_CAP))
        e++;
    if (e > j && e < lim)
        return e; /* "told Fox News", "told the BBC" */
    for (e = j; e < lim && e < j + 2 && is_wordtok(d, e); e++)
        if (so_tok_in(d, e, bodies))
            return e + 1 < lim && j > k ? e + 1 : k; /* "told a news conference" */
    static const char *const wh[] = {"how", "what", "why", "when", "where", "whether", "who", NULL};
    for (e = j; j > k && e < lim && e < j + 2 && is_wordtok(d, e) && !verbish(d, e) &&
                !(d->tok[e].flags & SO_TF_CAP) && !is_prep(d, e) && !so_tok_in(d, e, wh);
         e++)
        if (e + 1 < lim && so_cue_is_pronoun(d, e + 1))
            return e + 1; /* "told the forum she was ...": a noun phrase, then a subject
                             (dev: 1 content to the gold start; train none changed) */
    return k;
}

/* The content [.., ce) of a cue at c that stands after a dash in its
** sentence (from b), in an aside ("The old building ignored modern needs
** — Okafor cites the lack of "even one working elevator" as proof — but
** the design won praise"):
** it ends at the dash that closes the aside, after the quotation (qe). */
static size_t aside_end(const so_doc *d, size_t b, size_t c, size_t qe, size_t ce)
{
    size_t k = c, lo = so_sent_after_dateline(d, d->tok[c].sent);
    if (lo < b)
        lo = b;
    while (k > lo && d->tok[k - 1].kind != SO_TK_DASH)
        k--;
    if (k == lo)
        return ce; /* no dash before the cue but a dateline's ("WASHINGTON —") */
    for (size_t i = qe; i < ce; i++)
        if (d->tok[i].kind == SO_TK_DASH && !d->tok[i].inq)
            return so_attr_trim_end(d, qe, i);
    return ce;
}

static int emit_inside(ctx *x, size_t qi, const frames *f)
{
    const so_doc *d = x->d;
    so_range cue, src;
    size_t c = cue_inside(d, f, x->out, &cue, &src);
    if (c == SIZE_MAX)
        return 1;
    so_attr *last = x->last >= 0 ? &x->out->a[x->last] : NULL;
    if (last && last->cue.b == cue.b && last->cue.e == cue.e)
        return same_cue(x, last, qi, f);
    size_t cb = recipient_end(d, c, d->q[qi].open_tok), qe = d->q[qi].close_tok + 1;
    size_t obj = cb < d->q[qi].open_tok ? np_right(d, cb, d->q[qi].open_tok) : cb;
    if (obj > cb && obj < d->q[qi].open_tok && so_tok_is(d, obj, "that"))
        cb = obj; /* "told the Daily Courier that ..." */
    while (cb < d->q[qi].open_tok && (is_punct(d, cb, ",") || is_punct(d, cb, ":")))
        cb++;
    cb = so_attr_skip_aside(d, cb, d->q[qi].open_tok); /* "said, however, that she expects
                                                           "..."" */
    static const char *const topic[] = {"of", "about", "against", NULL};
    static const char *const say[] = {"say",   "says",  "said", "saying", "stated", "states",
                                      "added", "adds", "add",  "adding", NULL};
    if (cb < d->q[qi].open_tok && cb == cue.e && so_tok_in(d, cb, topic) &&
        !so_tok_in(d, c, say)) {
        cue.e = (uint32_t)++cb; /* "warning of | "danger to life"": the cue's preposition
                                   (not "had to say about", gold's "say") */
    } else if (cb < d->q[qi].open_tok && is_prep(d, cb)) {
        /* "said on Channel 5's "Morning Talk"": only a "that" clause counts */
        size_t t = cb;
        while (t < d->q[qi].open_tok && !so_tok_is(d, t, "that"))
            t++;
        if (t == d->q[qi].open_tok)
            return 1;
        cb = t;
    }
    size_t ce = so_cue_class(d, c) == SO_CUE_NAMING ? qe : mixed_end(d, qe, f->sent_end);
    ce = aside_end(d, f->bb, c, qe, ce);
    static const char *const rel[] = {"which", "whom", NULL};
    so_range lead = {0, 0}; /* ", which he called "Q"": "which" is content too */
    if (src.b > f->bb + 1 && src.e > src.b && so_tok_in(d, src.b - 1, rel) &&
        is_punct(d, src.b - 2, ","))
        lead = (so_range){src.b - 1, src.b};
    return emit_lead(x, qi, cue, src, lead, cb, ce, 0.7f);
}

static int emit_after(ctx *x, size_t qi, const frames *f, int before_empty)
{
    const so_doc *d = x->d;
    so_range cue, src;
    size_t lead, qb = d->q[qi].open_tok, qe = d->q[qi].close_tok + 1;
    if (cue_after(d, f, &cue, &src, &lead) == SIZE_MAX)
        return 1;
    if (before_empty && lead == f->ab)
        return emit(x, qi, cue, src, qb, qe, 0.9f);
    if (!before_empty && lead == f->ab) {
        /* "In an interview on "City Hour," Doe said the budget ...":
           the quotation is a title and the cue has a clause of its own */
        size_t ce = cue.e > src.e ? cue.e : src.e;
        if (has_complement(d, ce, f->ae) && !according_len(d, cue.b, cue.e))
            return emit(x, qi, cue, src, ce, mixed_end(d, ce, f->ae), 0.6f); /* not
                "like "surprises," according to one aide, and bristled": no title */
        return emit(x, qi, cue, src, f->bb, qe, 0.7f);
    }
    if (before_empty)
        return emit(x, qi, cue, src, qb, so_attr_trim_end(d, qb, lead), 0.7f);
    return emit(x, qi, cue, src, f->bb, so_attr_trim_end(d, f->bb, lead), 0.65f);
}

/* A quotation that opens a paragraph right after one that ends with a
** colon ("Price continued:" / "The Courier reports:"): the before frame
** becomes that sentence, up to the quotation. 1 when it applies. */
static int colon_paragraph(const so_doc *d, size_t qi, frames *f)
{
    size_t open = d->q[qi].open_tok;
    if (open < 2 || !is_punct(d, open - 1, ":") || d->tok[open - 1].inq ||
        d->tok[open - 1].para + 1 != d->tok[open].para)
        return 0;
    size_t sb = d->sent[d->tok[open - 1].sent].b;
    for (size_t k = sb; k < open; k++)
        if (so_tok_quote_edge(d, k))
            return 0; /* a quotation of its own: not a lead-in */
    f->bb = sb;
    f->be = open;
    return 1;
}

/* Are the words of (b, e) a title: two or more, every one of four letters
** or more capitalised ("The Salt House", "Harbor Lights")? */
static int title_case(const so_doc *d, size_t b, size_t e)
{
    size_t words = 0;
    for (size_t i = b + 1; i < e; i++) {
        if (d->tok[i].kind != SO_TK_WORD)
            continue;
        words++;
        if (so_tok_len(d, i) >= 4 && !(d->tok[i].flags & SO_TF_CAP))
            return 0;
    }
    return words >= 2;
}

/* A headline that opens with quotation qi and a colon, then names who said
** it ("'I never wanted to be famous': novelist Ruth Adebayo on her
** bestseller", "'We will rebuild': shop owner vows to reopen"): the colon
** is the cue and the noun phrase after it, up to a preposition, a verb or
** a cue word, the source. A paragraph of at most SO_HEADLINE_MAX tokens
** that does not end with a full stop. The source is stored in *src. */
static int headline_quote(const so_doc *d, size_t qi, so_range *src)
{
    size_t open = d->q[qi].open_tok, close = d->q[qi].close_tok, p = d->tok[open].para;
    size_t pe = d->para[p].e, b = close + 2, e = b;
    if (d->para[p].b != open || pe - open > SO_HEADLINE_MAX || close + 3 > pe ||
        !is_punct(d, close + 1, ":") || is_punct(d, pe - 1, ".") || title_case(d, open, close) ||
        so_tok_is(d, b, "a") || so_tok_is(d, b, "an"))
        return 0; /* not "'The Salt House': a novel in three voices" */
    while (e < pe && e - b < NP_MAX && np_token(d, e) && !is_prep(d, e) && !verbish(d, e) &&
           !so_cue_class(d, e) && !so_cue_is_pronoun(d, e) && !so_tok_is(d, e, "and"))
        e++;
    if (e == b)
        return 0;
    *src = (so_range){(uint32_t)b, (uint32_t)e};
    return 1;
}

/* Attribute quotation qi: a direct cue before it, else (when words precede
** it in its sentence) a governing cue, else a cue after it, else it
** continues the previous attribution. Returns 0, or -1 out of memory. */
static int attribute_quote(ctx *x, size_t qi)
{
    static const char *const full_stops[] = {".", "!", "?", NULL};
    const so_doc *d = x->d;
    const so_quotation *q = &d->q[qi];
    frames f;
    so_range cue, src;
    if (headline_quote(d, qi, &src)) {
        cue = (so_range){q->close_tok + 1, q->close_tok + 2};
        return emit(x, qi, cue, src, q->open_tok, q->close_tok + 1, 0.7f);
    }
    compute_frames(d, qi, &f);
    f.penn = x->penn;
    int before_empty = frame_empty(d, f.bb, f.be);
    if (cue_before(d, &f, x->out, &cue, &src) != SIZE_MAX) {
        so_attr *last = x->last >= 0 ? &x->out->a[x->last] : NULL;
        int same = last && last->cue.b == cue.b && last->cue.e == cue.e;
        if (same && own_cue_after(d, &f)) /* ""Q," asked a tourist -- "R," the owner replied" */
            return emit_after(x, qi, &f, 1) < 0 ? -1 : 0;
        if (same && last->ncontent < SO_MAX_FRAGS) {
            /* "A," she said, "B." -- the cue between the parts serves both */
            so_attr_add_content(last, (so_range){q->open_tok, q->close_tok + 1});
            last->quote_last = (uint32_t)qi;
            x->used[qi] = 1;
            return 0;
        }
        so_range lead = split_lead(d, &f, qi, src);
        return emit_lead(x, qi, cue, src, lead, q->open_tok, q->close_tok + 1, 0.9f);
    }
    frames lead = f;
    if (before_empty && colon_paragraph(d, qi, &lead) &&
        cue_before(d, &lead, x->out, &cue, &src) != SIZE_MAX)
        return emit(x, qi, cue, src, q->open_tok, q->close_tok + 1, 0.8f);
    size_t lc = so_para_quote_label(d, d->tok[q->open_tok].para);
    if (lc != SIZE_MAX && lc + 1 == q->open_tok && q->close_tok > q->open_tok + 1 &&
        so_tok_in(d, q->close_tok - 1, full_stops)) { /* "Unison: "Q."" */
        cue = (so_range){(uint32_t)lc, (uint32_t)(lc + 1)};
        src = (so_range){d->para[d->tok[lc].para].b, (uint32_t)lc};
        return emit(x, qi, cue, src, q->open_tok, q->close_tok + 1, 0.8f);
    }
    int rc = 1;
    if (!before_empty)
        rc = emit_inside(x, qi, &f);
    if (rc > 0)
        rc = emit_after(x, qi, &f, before_empty);
    if (rc > 0 && continue_last(x, qi, &f))
        rc = 0;
    return rc < 0 ? -1 : 0;
}

/* The start of the speaker label that opens paragraph p, past an opening
** quotation mark (a transcript quoted whole). */
static size_t label_start(const so_doc *d, size_t p)
{
    return d->tok[d->para[p].b].kind == SO_TK_QUOTE ? d->para[p].b + 1 : d->para[p].b;
}

/* A paragraph p with a speaker label [lb, c) and its colon c: the label as
** source, the colon as cue and the rest of the paragraph, if any, as
** content. */
static int label_turn(const so_doc *d, size_t p, size_t lb, size_t c, so_attrs *out)
{
    size_t e = so_attr_trim_end(d, c + 1, d->para[p].e);
    if (e <= c + 1)
        return 0;
    so_attr *a = new_attr(out, c, c + 1, lb, c, 0.8f);
    if (!a)
        return -1;
    so_attr_add_content(a, (so_range){(uint32_t)(c + 1), (uint32_t)e});
    return 0;
}

/* Transcripts: each paragraph that opens with a speaker label ("DUVAL:")
** is an attribution, label as source, the colon as cue and the rest
** of the paragraph as content, when the text has two such labels or more. */
static int transcript_turns(const so_doc *d, so_attrs *out)
{
    size_t n = 0;
    for (size_t p = 0; p < d->npara && n < 2; p++)
        n += so_para_label(d, p) != SIZE_MAX;
    for (size_t p = 0; n >= 2 && p < d->npara; p++) {
        size_t c = so_para_label(d, p);
        if (c != SIZE_MAX && label_turn(d, p, label_start(d, p), c, out))
            return -1;
    }
    return 0;
}

/* Transcripts in title case ("Reyes: We have the money ..."). A name label
** (so_para_name_label) repeats when one of the NAME_RING name labels before
** it ends on the same word ("Moss:" after "Lena Moss:"). With two
** repeats or more, every paragraph with a name label is an attribution;
** with one, the two paragraphs of that name ("Moss: ..." twice in an
** interview whose questions have no label). A label used once stays the
** model's ("Moss: We have to act" as a headline). */
#define NAME_RING 16
static int name_turns(const so_doc *d, so_attrs *out)
{
    size_t ring[NAME_RING], ringp[NAME_RING], n = 0, reps = 0, first[2] = {0, 0};
    for (size_t p = 0; p < d->npara; p++) {
        size_t c = so_para_name_label(d, p); /* never a label in capitals too */
        if (c == SIZE_MAX)
            continue;
        for (size_t j = 0; j < n && j < NAME_RING; j++)
            if (so_toks_same(d, ring[j], c - 1, 1)) {
                if (!reps++)
                    first[0] = ringp[j], first[1] = p;
                break;
            }
        ring[n % NAME_RING] = c - 1;
        ringp[n++ % NAME_RING] = p;
    }
    for (size_t i = 0; reps == 1 && i < 2; i++)
        if (label_turn(d, first[i], label_start(d, first[i]), so_para_name_label(d, first[i]),
                       out))
            return -1;
    for (size_t p = 0; reps >= 2 && p < d->npara; p++) {
        size_t c = so_para_name_label(d, p);
        if (c != SIZE_MAX && label_turn(d, p, label_start(d, p), c, out))
            return -1;
    }
    return 0;
}

/* Interviews: when two paragraphs or more open with "A:" and one or more
** with "Q:", each answer is an attribution, "A" as source (the speaker
** step finds the person interviewed), the colon as cue and the rest of the
** paragraph as content. Questions are not attributed. */
static int qa_turns(const so_doc *d, so_attrs *out)
{
    size_t na = 0, nq = 0;
    int qa;
    for (size_t p = 0; p < d->npara; p++)
        if (so_para_qa(d, p, &qa) != SIZE_MAX) {
            na += qa == 'A';
            nq += qa == 'Q';
        }
    for (size_t p = 0; na >= 2 && nq >= 1 && p < d->npara; p++) {
        size_t c = so_para_qa(d, p, &qa);
        if (c != SIZE_MAX && qa == 'A' && label_turn(d, p, c - 1, c, out))
            return -1;
    }
    return 0;
}

/* An attribution with cue [cb, ce), source [sb, se) and the clause
** [tb, te) as content: 0, or -1 when there is no room. */
static int clause_attr(so_attrs *out, size_t cb, size_t ce, size_t sb, size_t se, size_t tb,
                       size_t te)
{
    so_attr *a = new_attr(out, cb, ce, sb, se, 0.85f);
    if (!a)
        return -1;
    so_attr_add_content(a, (so_range){(uint32_t)tb, (uint32_t)te});
    return 0;
}

/* Is [k, c) "In ... poll/survey ..." before the comma at c (a poll as the
** source of the clause after it)? */
static int poll_opening(const so_doc *d, size_t k, size_t c)
{
    static const char *const polls[] = {"poll", "polls", "survey", "surveys", NULL};
    if (!so_tok_is(d, k, "in") || !is_punct(d, c, ","))
        return 0;
    for (size_t i = k + 1; i < c; i++)
        if (so_tok_in(d, i, polls))
            return 1;
    return 0;
}

static const char *const as_times[] = {"today", "yesterday", "last", "earlier", "this", "just",
                                       "recently", "then", "later", "even", NULL};

/* The cue verb of "As X CUE," opening sentence body [sb, se) ("As the
** Gazette reported", "As Ryan has pointed out", "As one aide put it"),
** X ending at *ne, or SIZE_MAX. Not a verb that reads as a time. */
static size_t as_opening_cue(const so_doc *d, size_t sb, size_t se, size_t *ne)
{
    static const char *const temporal[] = { /* "As the race began,", "As the crowd chanted," */
        "began",    "begin",   "begins",  "continue",  "continued", "continues", "chanted",
        "sang",     "shouted", "applauded", "answered", "replied",  "responded", "asked", NULL};
    if (!so_tok_is(d, sb, "as") || sb + 4 >= se)
        return SIZE_MAX;
    size_t e = np_right(d, sb + 1, se), v, p = put_it(d, sb, se);
    if (p < e)
        e = p; /* "put" is no verb to np_right */
    while (e > sb + 2 && so_cue_is_adverb(d, e - 1))
        e--; /* "As The Atlantic recently noted" */
    if (e == sb + 1 ||
        !((d->tok[sb + 1].flags & SO_TF_CAP) || is_det(d, sb + 1) || so_cue_is_pronoun(d, sb + 1) ||
          so_tok_in(d, sb + 1, quantifiers) || so_tok_is(d, sb + 1, "one")))
        return SIZE_MAX;
    for (v = e; v < se && v < e + 3 && (so_cue_is_aux(d, v) || so_cue_is_adverb(d, v));)
        v++;
    int cls = v < se ? so_cue_class(d, v) : 0;
    if (put_it_at(d, v, se))
        cls = SO_CUE_SPEECH; /* "As one official put it," */
    if ((cls != SO_CUE_SPEECH && cls != SO_CUE_REPORT) || d->tok[v].inq || so_tok_in(d, v, temporal))
        return SIZE_MAX;
    *ne = e;
    return v;
}

/* The comma that ends "As X CUE [TIME]," with the cue ending at e, before
** a clause that runs to se, or SIZE_MAX. Only a time or an occasion may
** stand before it ("As the firm reported its results, shares fell" is no
** attribution), and a time set off by commas after it is skipped ("As X
** reported, even on Friday morning, CLAUSE"). */
static size_t as_comma(const so_doc *d, size_t e, size_t se)
{
    size_t c = e;
    if (c < se && !is_punct(d, c, ",") && !is_prep(d, c) && !so_tok_in(d, c, as_times))
        return SIZE_MAX;
    while (c < se && c < e + 8 && !is_punct(d, c, ",") && !so_tok_is_qmark(d, c))
        c++;
    if (c + 2 >= se || !is_punct(d, c, ","))
        return SIZE_MAX;
    size_t t = c + 1;
    if (is_prep(d, t) || so_tok_in(d, t, as_times))
        while (t < se && t < c + 7 && !is_punct(d, t, ",") && !so_cue_class(d, t))
            t++;
    return t + 2 < se && t < c + 7 && is_punct(d, t, ",") ? t : c;
}

/* "As X CUE, CLAUSE." opening sentence body [sb, se): the cue [*cb, *ce)
** (over auxiliaries and adverbs before it, with "out" or "it" after it:
** "has pointed out", "put it"), X at [sb + 1, *cb), and the comma before
** the clause; or SIZE_MAX. */
static size_t as_opening(const so_doc *d, size_t sb, size_t se, size_t *cb, size_t *ce)
{
    size_t ne, v = as_opening_cue(d, sb, se, &ne);
    if (v == SIZE_MAX)
        return SIZE_MAX;
    size_t e = v + 1;
    if (e < se && (so_tok_is(d, e, "out") || so_tok_is(d, e, "it")))
        e++;
    size_t c = as_comma(d, e, se);
    *cb = cue_left_edge(d, v, ne);
    *ce = e;
    return c;
}

/* "According to X, CLAUSE.", "CLAUSE, according to X.", "In X poll,
** CLAUSE." and "As X reported, CLAUSE." (as_opening) with no quotation
** attributed to them: X is the source, the clause the content. The clause
** must be all of the sentence but X (after a dateline's dash). "As X
** CUE,": train 5 contents to the gold span (3 attributions the model
** missed), none away from it; dev none. */
static int according_clauses(const so_doc *d, so_attrs *out)
{
    uint8_t *taken = calloc(d->ntok + 1, 1); /* the tokens of the cues found so far */
    if (!taken)
        return -1;
    for (size_t k = 0; k < out->n; k++)
        memset(taken + out->a[k].cue.b, 1, out->a[k].cue.e - out->a[k].cue.b);
    int rc = 0;
    for (size_t s = 0; s < d->nsent && !rc; s++) {
        size_t sb = so_sent_after_dateline(d, s), se = so_attr_trim_end(d, d->sent[s].b, d->sent[s].e);
        for (size_t k = sb; k + 3 < se; k++) {
            if (d->tok[k].inq ||
                (k > sb && !is_punct(d, k - 1, ",") && d->tok[k - 1].kind != SO_TK_DASH))
                continue; /* the cheap tests first: this runs on every token */
            size_t n = according_len(d, k, se);
            if (!(n || (k == sb && (so_tok_is(d, k, "in") || so_tok_is(d, k, "as")))))
                continue;
            size_t ne = k + 2, cb, ce;
            while (ne < se && ne < k + 2 + 2 * NP_MAX && !is_punct(d, ne, ","))
                ne++;
            if (ne < se && poll_opening(d, k, ne)) { /* "In the latest Gazette poll, ..." */
                size_t pe = ne; /* ", conducted in May," belongs to the poll */
                if (ne + 1 < se && verbish(d, ne + 1))
                    for (size_t j = ne + 2; j < se && j < ne + 14; j++)
                        if (is_punct(d, j, ",")) {
                            pe = j + 1;
                            break;
                        }
                if (!taken[k] && (pe > ne ? pe : ne + 1) + 1 < se &&
                    (rc = clause_attr(out, k, k + 1, k + 1, pe, pe > ne ? pe : ne + 1, se)) != 0)
                    break;
                continue;
            }
            size_t acb, ace, ac;
            if (k == sb && (ac = as_opening(d, sb, se, &acb, &ace)) != SIZE_MAX) {
                if (!so_tok_is_qmark(d, ac + 1) && !taken[acb] &&
                    (rc = clause_attr(out, acb, ace, sb + 1, acb, ac + 1, se)) != 0)
                    break;
                continue;
            }
            if (!n)
                continue;
            if (k == sb && ne + 2 < se && ne > k + n && is_punct(d, ne, ",") &&
                according_end(d, k + n, ne) == ne)
                cb = ne + 1, ce = se; /* According to X, CLAUSE. */
            else if (k > sb + 2 && (ne = np_right(d, k + n, se)) == se && ne > k + n)
                cb = sb, ce = k - 1; /* CLAUSE, according to X. */
            else if (k > sb + 1 && np_right(d, sb, k - 1) == k - 1 && ne > k + n &&
                     ne + 2 < se && is_punct(d, ne, ",") &&
                     (so_cue_is_aux(d, ne + 1) || verbish(d, ne + 1)) && !taken[k] &&
                     !taken[k + n - 1]) {
                /* "The home, according to Wells, was short of staff." */
                so_attr *a = new_attr(out, k, k + n, k + n, ne, 0.85f);
                if (!a) {
                    rc = -1;
                    break;
                }
                so_attr_add_content(a, (so_range){(uint32_t)sb, (uint32_t)(k - 1)});
                so_attr_add_content(a, (so_range){(uint32_t)(ne + 1), (uint32_t)se});
                continue;
            } else
                continue;
            if (cb > k && cb + 2 < ce && is_punct(d, cb + 1, ",") && so_attr_aside(d, cb, cb + 1))
                cb += 2; /* "According to X, however, CLAUSE." */
            if (so_tok_is_qmark(d, cb) || taken[k] || taken[k + n - 1])
                continue;
            if ((rc = clause_attr(out, k, k + n, k + n, ne, cb, ce)) != 0)
                break;
        }
    }
    free(taken);
    return rc;
}

/* Is the cue word at i a comparison's, right after "than" or "as" at or
** after b ("more carbon than thought", "rose as expected"), which
** reports no one's words? */
static int idiom_cue(const so_doc *d, size_t i, size_t b)
{
    return i > b && (so_tok_is(d, i - 1, "than") || so_tok_is(d, i - 1, "as"));
}

/* Is [b, e) free of quotation marks and quoted words, and, when cues is 0,
** of cue words too but a comparison's (a clause that no other attribution
** claims)? */
static int plain_clause(const so_doc *d, size_t b, size_t e, int cues)
{
    for (size_t i = b; i < e; i++)
        if (so_tok_is_qmark(d, i) || d->tok[i].inq ||
            (!cues && so_cue_class(d, i) && !idiom_cue(d, i, b)))
            return 0;
    return 1;
}

/* "CLAUSE, a report by X has found." (also "finds", "shows", "showed",
** "concluded", "concludes", "suggests", "suggested", "revealed", with "has"
** or "have" or none): the noun phrase before the verb is the source, the
** verb (and its auxiliary) the cue, the clause before the comma the
** content, when the clause has four tokens or more (a headline's "Coffee
** Drinkers Live Longer, Study Suggests" is seven in all), no quotation mark and
** no cue word (not "X said the pumps had failed ..., the inquiry
** found"), and the source does not open with a word in "-ing". The model
** takes "..., a report said" but seldom a finding put so. */
static int finding_clauses(const so_doc *d, so_attrs *out)
{
    static const char *const verbs[] = {"found",    "finds",     "shows",    "showed",
                                        "concluded", "concludes", "suggests", "suggested",
                                        "revealed", NULL};
    for (size_t s = 0; s < d->nsent; s++) {
        size_t sb = so_sent_after_dateline(d, s);
        size_t se = so_attr_trim_end(d, d->sent[s].b, d->sent[s].e);
        if (se < sb + 7 || !so_tok_in(d, se - 1, verbs) || d->tok[se - 1].inq)
            continue;
        size_t cb = se - 1;
        if (so_tok_is(d, cb - 1, "has") || so_tok_is(d, cb - 1, "have"))
            cb--;
        size_t k = cb; /* the comma before the source */
        while (k > sb && cb - k < NP_MAX + 2 && !is_punct(d, k - 1, ","))
            k--;
        size_t n = so_tok_len(d, k);
        if (k <= sb + 4 || !is_punct(d, k - 1, ",") || np_right(d, k, cb) != cb ||
            (n > 4 && !memcmp(so_tok_str(d, k) + n - 3, "ing", 3)))
            continue; /* not "..., rising every year since 2019, shows" */
        if (plain_clause(d, sb, k, 0) && clause_attr(out, cb, se, k, cb, sb, k - 1))
            return -1;
    }
    return 0;
}

/* Does the noun phrase [b, e) of one to six words name a court hearing
** the evidence ("the court", "Jurors", "Cardiff Crown Court", "the
** inquest")? */
static int hearer(const so_doc *d, size_t b, size_t e)
{
    static const char *const nouns[] = {"court",   "jury",     "jurors", "inquest",
                                        "tribunal", "hearing", "magistrates", NULL};
    return e > b && e - b <= 6 && so_tok_in(d, e - 1, nouns) && np_right(d, b, e) == e;
}

/* British court reporting: "CLAUSE, the court heard." and "The court
** heard (that|how) CLAUSE." (also the jury, jurors, the inquest, the
** tribunal, the hearing, magistrates, a named court). The court is the
** audience, not the source: the cue is the noun phrase and "heard", there
** is no source, and the content is the clause (with "that" or "how"; after
** "heard" it must open with one of them or a pronoun, not "heard evidence
** from"), when it has four tokens or more and no quotation mark; cue words
** in it are attributions of their own, heard by the court ("Pryce had
** threatened his brother, a jury has heard."). */
static int heard_clauses(const so_doc *d, so_attrs *out)
{
    static const char *const clause_words[] = {"that", "how", NULL};
    static const char *const have[] = {"has", "have", "had", NULL};
    for (size_t s = 0; s < d->nsent; s++) {
        size_t sb = so_sent_after_dateline(d, s);
        size_t se = so_attr_trim_end(d, d->sent[s].b, d->sent[s].e), k = sb, tb, te;
        so_range cue;
        if (se < sb + 6)
            continue;
        if (so_tok_is(d, se - 1, "heard")) { /* "..., the court heard." */
            size_t h = se - 1 - (se > sb + 2 && so_tok_in(d, se - 2, have));
            k = h;
            while (k > sb && h - k < 7 && !is_punct(d, k - 1, ","))
                k--;
            if (k < sb + 5 || !is_punct(d, k - 1, ",") || !hearer(d, k, h))
                continue; /* "..., a jury has heard." too */
            cue = (so_range){(uint32_t)k, (uint32_t)se};
            tb = sb;
            te = k - 1;
        } else { /* "The court heard that ..." */
            while (k < se && k - sb < 6 && !so_tok_is(d, k, "heard"))
                k++;
            if (k == se || !so_tok_is(d, k, "heard") || !hearer(d, sb, k) || se < k + 5 ||
                !(so_tok_in(d, k + 1, clause_words) || so_cue_is_pronoun(d, k + 1)))
                continue; /* not "The court heard evidence from three witnesses" */
            cue = (so_range){(uint32_t)sb, (uint32_t)k + 1};
            tb = k + 1;
            te = se;
        }
        if (plain_clause(d, tb, te, 1) && clause_attr(out, cue.b, cue.e, cue.b, cue.b, tb, te))
            return -1;
    }
    return 0;
}

/* "It is understood that CLAUSE." (also "was", and "believed", "thought",
** "reported", "alleged", "claimed", "feared", "rumoured", "said",
** "expected", over an adverb: "It is now understood that"): a passive
** report with no one named, common in British news. The cue is the verb
** with its "be" ("is understood"), there is no source (the "It" is no
** one), and the content is the clause from "that" to the sentence's end,
** when it has four tokens or more and no quotation mark. */
static int understood_clauses(const so_doc *d, so_attrs *out)
{
    static const char *const be[] = {"is", "was", NULL};
    static const char *const verbs[] = {"understood", "believed", "thought", "reported",
                                        "alleged",    "claimed",  "feared",  "rumoured",
                                        "rumored",    "said",     "expected", NULL};
    for (size_t s = 0; s < d->nsent; s++) {
        size_t sb = so_sent_after_dateline(d, s), k = sb + 2;
        size_t se = so_attr_trim_end(d, d->sent[s].b, d->sent[s].e);
        if (se < sb + 8 || !so_tok_is(d, sb, "it") || !so_tok_in(d, sb + 1, be))
            continue;
        if (so_cue_is_adverb(d, k))
            k++;
        if (!so_tok_in(d, k, verbs) || !so_tok_is(d, k + 1, "that") || se < k + 6)
            continue;
        int quoted = 0;
        for (size_t i = k + 1; i < se; i++)
            quoted |= so_tok_is_qmark(d, i) || d->tok[i].inq;
        if (!quoted && clause_attr(out, sb + 1, k + 1, sb + 1, sb + 1, k + 1, se))
            return -1;
    }
    return 0;
}

/* The end of a poll named after "in" at k: a noun phrase of at most eight
** words ending on "poll" or "survey" (or on its "of" phrase: "a survey of
** likely voters"), with a participle phrase after it up to punctuation
** ("the latest Ledger poll released on Friday"), or SIZE_MAX.
** Not "polls" or "surveys": "leading in the polls", "rose in national
** polls" are mostly no attribution in PolNeAR's gold (train: 5 of 30). */
static size_t poll_end(const so_doc *d, const uint8_t *penn, size_t k, size_t se)
{
    static const char *const polls[] = {"poll", "survey", NULL};
    static const char *const parts[] = {"released", "conducted", "taken", "published", NULL};
    size_t e = k + 1, head = SIZE_MAX;
    while (e < se && e < k + 9 && !d->tok[e].inq &&
           (so_penn_is_np(penn[d->tok[e].pos]) || so_tok_is(d, e, "of") || is_punct(d, e, "/"))) {
        if (so_tok_in(d, e, polls))
            head = e;
        e++;
    }
    if (head == SIZE_MAX)
        return SIZE_MAX;
    if (!so_tok_is(d, head + 1, "of"))
        e = head + 1; /* but "a new survey of likely voters" */
    if (e < se && so_tok_in(d, e, parts))
        while (e < se && e < head + 8 && is_wordtok(d, e) &&
               !so_penn_is_finite(penn[d->tok[e].pos]) && !so_tok_is(d, e, "and") &&
               !so_tok_is(d, e, "but"))
            e++;
    return e;
}

/* "CLAUSE in POLL." in the middle of a sentence ("The senator trails by six
** points in a new poll of voters.", "the mayor fell to 31 percent in the
** latest Ledger poll, a drop ..."): as PolNeAR's gold has it, "in" is the
** cue, the poll the source, and the clause before it the content, from
** its start (the sentence's, or after a comma, a semicolon or a
** conjunction) when it has a finite verb and no quotation mark; the poll
** must end the clause (a comma, a full stop or a semicolon after it).
** "In the latest poll, CLAUSE" is according_clauses'. Needs the POS
** tags. */
static int poll_clauses(const so_doc *d, const uint8_t *penn, so_attrs *out)
{
    static const char *const opens[] = {"but", "and", "while", "although", "though", "as",
                                        "because", "when", "whereas", "yet", "so", NULL};
    for (size_t s = 0; penn && s < d->nsent; s++) {
        size_t sb = so_sent_after_dateline(d, s), se = d->sent[s].e;
        for (size_t k = sb + 3; k + 2 < se; k++) {
            if (!so_tok_is_exact(d, k, "in") || d->tok[k].inq)
                continue;
            size_t pe = poll_end(d, penn, k, se);
            if (pe == SIZE_MAX || pe >= se ||
                !(is_punct(d, pe, ",") || is_punct(d, pe, ".") || is_punct(d, pe, ";")))
                continue;
            size_t cb = k;
            int fin = 0;
            while (cb > sb && !is_punct(d, cb - 1, ",") && !is_punct(d, cb - 1, ";") &&
                   !so_tok_is_qmark(d, cb - 1) && !d->tok[cb - 1].inq && k - cb < 40)
                cb--;
            if (cb < k && so_tok_in(d, cb, opens))
                cb++;
            for (size_t i = cb; i < k; i++)
                fin |= so_penn_is_finite(penn[d->tok[i].pos]) && !so_cue_class(d, i);
            if (!fin || k < cb + 3 || (cb > sb && so_tok_is_qmark(d, cb - 1)))
                continue;
            if (clause_attr(out, k, k + 1, k + 1, pe, cb, k))
                return -1;
            k = pe;
        }
    }
    return 0;
}

int so_attr_rules(const so_doc *d, const so_tagger *pos, so_attrs *out)
{
    ctx x = {d, pos ? so_tag_penn(pos) : NULL, out, NULL, -1};
    if (transcript_turns(d, out) || name_turns(d, out) || qa_turns(d, out))
        return -1;
    x.used = d->nq ? calloc(d->nq, 1) : NULL;
    if (d->nq && !x.used)
        return -1;
    int rc = 0;
    for (size_t qi = 0; qi < d->nq && !rc; qi++) {
        if (x.used[qi])
            continue;
        rc = attribute_quote(&x, qi);
    }
    free(x.used);
    if (rc || according_clauses(d, out) || finding_clauses(d, out))
        return -1;
    return heard_clauses(d, out) || understood_clauses(d, out) || poll_clauses(d, x.penn, out)
               ? -1
               : 0;
}
