/*
** sentence.c -- paragraph and sentence boundaries over the token stream.
** Paragraphs are separated by blank lines (or by single newlines in texts
** that have no blank line). Sentences end at . ! ? ... (with any closing
** quotes and brackets that follow) unless an abbreviation, an initial or a
** lower-case continuation says otherwise.
*/
#include "text/doc.h"

#include <string.h>

#include "base/util.h"

/* Abbreviations after which a capitalised word does NOT start a sentence. */
static const so_word titles[] = {
    SO_WORD("mr."), SO_WORD("mrs."), SO_WORD("ms."), SO_WORD("dr."), SO_WORD("gov."),
    SO_WORD("sen."), SO_WORD("rep."), SO_WORD("reps."), SO_WORD("sens."), SO_WORD("st."),
    SO_WORD("gen."), SO_WORD("lt."), SO_WORD("col."), SO_WORD("sgt."), SO_WORD("capt."),
    SO_WORD("cmdr."), SO_WORD("adm."), SO_WORD("maj."), SO_WORD("prof."), SO_WORD("rev."),
    SO_WORD("hon."), SO_WORD("pres."), SO_WORD("supt."), SO_WORD("atty."),
    SO_WORD("messrs."), SO_WORD("no."), SO_WORD("nos."), SO_WORD("mt."), SO_WORD("ft."),
    SO_WORD("vs."), SO_WORD("jan."), SO_WORD("feb."), SO_WORD("aug."), SO_WORD("sept."),
    SO_WORD("sep."), SO_WORD("oct."), SO_WORD("nov."), SO_WORD("dec."), SO_WORD("e.g."),
    SO_WORD("i.e."), SO_WORD("det."), SO_WORD("cllr.")};

/* Words that commonly open a sentence: after an ambiguous abbreviation such
** as "U.S." or "Inc.", one of these means the sentence ended. */
static const so_word starters[] = {
    SO_WORD("the"), SO_WORD("a"), SO_WORD("an"), SO_WORD("he"), SO_WORD("she"),
    SO_WORD("it"), SO_WORD("they"), SO_WORD("we"), SO_WORD("i"), SO_WORD("but"),
    SO_WORD("and"), SO_WORD("in"), SO_WORD("this"), SO_WORD("that"), SO_WORD("there"),
    SO_WORD("his"), SO_WORD("her"), SO_WORD("their"), SO_WORD("its"), SO_WORD("as"),
    SO_WORD("at"), SO_WORD("on"), SO_WORD("for"), SO_WORD("if"), SO_WORD("when"),
    SO_WORD("while"), SO_WORD("after"), SO_WORD("before"), SO_WORD("some"),
    SO_WORD("many"), SO_WORD("most"), SO_WORD("one"), SO_WORD("what"), SO_WORD("why"),
    SO_WORD("how"), SO_WORD("yet"), SO_WORD("so"), SO_WORD("still"), SO_WORD("no"),
    SO_WORD("not"), SO_WORD("those"), SO_WORD("these"), SO_WORD("you"), SO_WORD("our"),
    SO_WORD("my"), SO_WORD("mr."), SO_WORD("mrs."), SO_WORD("ms."), SO_WORD("dr.")};

/* Capitalised words that go on a time's sentence ("at 3 p.m. Tuesday",
** "8 p.m. ET"): after "a.m." or "p.m." any other capitalised word opens a
** new one ("ended at 3 p.m. Officials declined"). */
static const so_word after_time[] = {
    SO_WORD("monday"), SO_WORD("tuesday"), SO_WORD("wednesday"), SO_WORD("thursday"),
    SO_WORD("friday"), SO_WORD("saturday"), SO_WORD("sunday"), SO_WORD("et"), SO_WORD("est"),
    SO_WORD("edt"), SO_WORD("ct"), SO_WORD("cst"), SO_WORD("cdt"), SO_WORD("mt"), SO_WORD("pt"),
    SO_WORD("pst"), SO_WORD("pdt"), SO_WORD("gmt"), SO_WORD("bst"), SO_WORD("utc"), SO_WORD("cet"),
    SO_WORD("mst"), SO_WORD("mdt"), SO_WORD("hst"), SO_WORD("akst"), SO_WORD("akdt"),
    SO_WORD("aest"), SO_WORD("aedt"), SO_WORD("ist"), SO_WORD("jst"), SO_WORD("cest"),
    SO_WORD("hkt"), SO_WORD("sgt"), SO_WORD("wat"), SO_WORD("eat"), SO_WORD("msk"),
    SO_WORD("mon"), SO_WORD("tue"), SO_WORD("tues"), SO_WORD("wed"), SO_WORD("thu"),
    SO_WORD("thur"), SO_WORD("thurs"), SO_WORD("fri"), SO_WORD("sat"), SO_WORD("sun"),
    SO_WORD("mar"), SO_WORD("apr"), SO_WORD("jun"), SO_WORD("jul"), SO_WORD("sep"),
    SO_WORD("eastern"), SO_WORD("central"), SO_WORD("mountain"), SO_WORD("pacific"),
    SO_WORD("local"), SO_WORD("today"), SO_WORD("tomorrow"), SO_WORD("yesterday"),
    SO_WORD("jan"), SO_WORD("feb"), SO_WORD("aug"), SO_WORD("sept"), SO_WORD("oct"),
    SO_WORD("nov"), SO_WORD("dec"), SO_WORD("january"), SO_WORD("february"), SO_WORD("march"),
    SO_WORD("april"), SO_WORD("may"), SO_WORD("june"), SO_WORD("july"), SO_WORD("august"),
    SO_WORD("september"), SO_WORD("october"), SO_WORD("november"), SO_WORD("december")};

#define IN_LIST(d, i, list) \
    so_word_in(so_tok_str(d, i), so_tok_len(d, i), list, sizeof list / sizeof list[0])

static int is_closer(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind == SO_TK_QUOTE)
        return !(t->flags & SO_TF_SPACE_BEFORE);
    return so_tok_is_exact(d, i, ")") || so_tok_is_exact(d, i, "]");
}

static int is_terminal(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind != SO_TK_PUNCT)
        return 0;
    const char *s = so_tok_str(d, i);
    return s[0] == '.' || s[0] == '!' || s[0] == '?' ||
           (so_tok_len(d, i) >= 3 && !memcmp(s, "\xe2\x80\xa6", 3));
}

/* Does a sentence start at token j, right after terminal material? */
static int starts_sentence(const so_doc *d, size_t j)
{
    const so_tok *t = &d->tok[j];
    if (!(t->flags & SO_TF_SPACE_BEFORE))
        return 0;
    if (t->kind == SO_TK_QUOTE || t->kind == SO_TK_NUM || t->kind == SO_TK_DASH)
        return 1;
    if (so_tok_is_exact(d, j, "(") || so_tok_is_exact(d, j, "["))
        return 1;
    return (t->flags & SO_TF_CAP) != 0;
}

/* Is token i, without a full stop at its end, one of after_time ("EST."
** of "8 p.m. EST.", "Tues.", "Jan.")? */
static int time_word(const so_doc *d, size_t i)
{
    size_t n = so_tok_len(d, i);
    const char *w = so_tok_str(d, i);
    if (n > 1 && w[n - 1] == '.')
        n--;
    return so_word_in(w, n, after_time, sizeof after_time / sizeof *after_time);
}

/* Is "time" among the three tokens from j ("5 p.m. Hong Kong time",
** "8 p.m. London time")? */
static int local_time(const so_doc *d, size_t j)
{
    for (size_t k = j; k < d->ntok && k < j + 3; k++)
        if (so_tok_is(d, k, "time"))
            return 1;
    return 0;
}

/* Is token i a time zone in capitals with its full stop ("EST.", "GMT.")? */
static int zone_stop(const so_doc *d, size_t i)
{
    size_t n = so_tok_len(d, i);
    return n >= 3 && n <= 4 && so_tok_str(d, i)[n - 1] == '.' && (d->tok[i].flags & SO_TF_ALLCAP) &&
           time_word(d, i);
}

/* A company's abbreviation, which often ends a sentence, and verbs that
** show that a capitalised word after it is the next sentence's subject
** ("… an analyst at Bell & Co. Nair said"), unless that word goes on the
** company's name or names an office ("Goldman Sachs & Co. LLC said",
** "Lake Co. Sheriff said", Co. for a county). */
static const so_word firm_abbrevs[] = {SO_WORD("co."), SO_WORD("inc."), SO_WORD("corp."),
                                       SO_WORD("ltd.")};
static const so_word speech_verbs[] = {SO_WORD("said"), SO_WORD("says"),  SO_WORD("told"),
                                       SO_WORD("added"), SO_WORD("wrote"), SO_WORD("noted")};
static const so_word not_names[] = {
    SO_WORD("sheriff"),   SO_WORD("chairman"),   SO_WORD("chairwoman"), SO_WORD("president"),
    SO_WORD("director"),  SO_WORD("chief"),      SO_WORD("commissioner"), SO_WORD("officials"),
    SO_WORD("executives"), SO_WORD("spokesman"), SO_WORD("spokeswoman"), SO_WORD("spokesperson"),
    SO_WORD("officers"),  SO_WORD("deputies"),   SO_WORD("commissioners"), SO_WORD("management"),
    SO_WORD("limited"),   SO_WORD("holdings"),   SO_WORD("group"),      SO_WORD("international")};

/* Is token j a capitalised word, in lower case after its first letter,
** right before a speech verb in lower case, after a company's
** abbreviation at i? */
static int firm_then_speaker(const so_doc *d, size_t i, size_t j)
{
    const so_tok *t = &d->tok[j];
    return IN_LIST(d, i, firm_abbrevs) && j + 1 < d->ntok && t->kind == SO_TK_WORD &&
           (t->flags & SO_TF_CAP) && !(t->flags & (SO_TF_ALLCAP | SO_TF_ABBREV)) &&
           !IN_LIST(d, j, not_names) && !(d->tok[j + 1].flags & SO_TF_CAP) &&
           IN_LIST(d, j + 1, speech_verbs);
}

/* Does the abbreviation token i end the sentence before token j? */
static int abbrev_ends(const so_doc *d, size_t i, size_t j)
{
    if (so_tok_len(d, i) == 2 && (d->tok[i].flags & SO_TF_CAP) &&
        !(i > 0 && d->tok[i - 1].kind == SO_TK_WORD && !(d->tok[i - 1].flags & SO_TF_CAP)))
        return 0; /* an initial, "J. Smith", "Thomas P. "Tip" O'Neill"; but a letter after
                     a lower-case word is one: "he wrote on X. "That ...", "on X. It was" */
    if (IN_LIST(d, i, titles))
        return 0;
    /* "until 2 a.m. "It was ..."": a quotation opens the next sentence */
    if (d->tok[j].kind == SO_TK_QUOTE && (d->tok[j].flags & SO_TF_SPACE_BEFORE))
        return 1;
    if ((so_tok_is(d, i, "a.m.") || so_tok_is(d, i, "p.m.")) && d->tok[j].kind == SO_TK_WORD &&
        (d->tok[j].flags & SO_TF_CAP))
        return !time_word(d, j) && !local_time(d, j);
    if (zone_stop(d, i))
        return 1; /* "closed at 8 p.m. EST. Officials said" */
    return IN_LIST(d, j, starters) || firm_then_speaker(d, i, j);
}

static int push_range(so_range **a, size_t *n, size_t *cap, size_t b, size_t e)
{
    if (so_grow(a, cap, *n + 1, sizeof **a, SO_MAX_TOKENS))
        return -1;
    (*a)[*n].b = (uint32_t)b;
    (*a)[*n].e = (uint32_t)e;
    (*n)++;
    return 0;
}

/* Blank lines separate paragraphs. A single newline does too when the
** line before ends a sentence or quotation or the new line opens with a
** quotation mark or dash; otherwise it is hard wrapping inside a paragraph
** (texts without any blank line take every newline as a break). */
static void mark_paragraphs(so_doc *d)
{
    int blank = 0;
    for (size_t i = 1; i < d->ntok && !blank; i++)
        if (d->tok[i].flags & SO_TF_PARA_START)
            blank = 1;
    for (size_t i = 1; i < d->ntok; i++) {
        so_tok *t = &d->tok[i];
        if (!(t->flags & SO_TF_NL_BEFORE) || (t->flags & SO_TF_PARA_START))
            continue;
        if (!blank || is_terminal(d, i - 1) || d->tok[i - 1].kind == SO_TK_QUOTE ||
            t->kind == SO_TK_QUOTE || t->kind == SO_TK_DASH || so_tok_is_exact(d, i - 1, ":"))
            t->flags |= SO_TF_PARA_START;
    }
    if (d->ntok)
        d->tok[0].flags |= SO_TF_PARA_START;
}

/* Index of the first token after sentence-final material that starts at i,
** or 0 when no sentence ends there. */
static size_t sentence_end_after(const so_doc *d, size_t i)
{
    size_t j = i;
    if (d->tok[i].flags & SO_TF_ABBREV) {
        j = i + 1;
        if (j < d->ntok && !(d->tok[j].flags & SO_TF_PARA_START) &&
            (!starts_sentence(d, j) || !abbrev_ends(d, i, j)))
            return 0;
        return j;
    }
    if (!is_terminal(d, i))
        return 0;
    j = i + 1;
    while (j < d->ntok && (is_terminal(d, j) || is_closer(d, j)) &&
           !(d->tok[j].flags & SO_TF_PARA_START))
        j++;
    if (j < d->ntok && !(d->tok[j].flags & SO_TF_PARA_START) && !starts_sentence(d, j))
        return 0;
    return j;
}

/* The token after a wire agency's name in brackets at token k ("(Reuters)",
** "(AP)") or a press release wire's between slashes ("/PRNewswire/",
** "/Business Wire/"): capitalised words only, at most three; k when there
** is none. */
static size_t agency_after(const so_doc *d, size_t k, size_t se)
{
    const char *close = so_tok_is_exact(d, k, "(") ? ")" : so_tok_is_exact(d, k, "/") ? "/" : NULL;
    if (!close)
        return k;
    for (size_t j = k + 1; j < k + 5 && j < se; j++) {
        if (so_tok_is_exact(d, j, close))
            return j > k + 1 ? j + 1 : k;
        if (d->tok[j].kind != SO_TK_WORD || !(d->tok[j].flags & SO_TF_CAP))
            return k;
    }
    return k;
}

/* Is token k a clock time of a live blog's entry, "9:50" or "10:42"? */
static int clock_time(const so_doc *d, size_t k)
{
    const char *s = so_tok_str(d, k);
    size_t n = so_tok_len(d, k), c = n >= 4 && s[n - 3] == ':' ? n - 3 : 0;
    if (d->tok[k].kind != SO_TK_NUM || !c || c > 2 || s[n - 2] > '5')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i != c && (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

/* The token after the time stamp that opens a live blog's entry at token
** sb, the first of its paragraph ("10:42 Power has been restored", "9:50
** a.m. - Police", "14:05 GMT "Stay at home,""): a capitalised word or an
** opening quotation mark after the time, its "a.m." or "pm" or a time zone
** in capitals, and a dash; a name in capitals right after the time ("08:55
** NASA is delaying"); or sb. */
static size_t after_stamp(const so_doc *d, size_t sb, size_t se)
{
    static const char *const half[] = {"a.m.", "p.m.", "am", "pm", NULL};
    if (!(d->tok[sb].flags & SO_TF_PARA_START) || !clock_time(d, sb))
        return sb;
    size_t k = sb + 1;
    if (k < se && (so_tok_in(d, k, half) ||
                   ((d->tok[k].flags & SO_TF_ALLCAP) && so_tok_len(d, k) <= 4)))
        k++;
    if (k < se && d->tok[k].kind == SO_TK_DASH)
        k++;
    if (k + 1 < se && ((d->tok[k].kind == SO_TK_WORD && (d->tok[k].flags & SO_TF_CAP)) ||
                       d->tok[k].qm == SO_QM_OPEN))
        return k;
    if ((d->tok[sb + 1].flags & SO_TF_ALLCAP) && !so_tok_in(d, sb + 1, half))
        return sb + 1; /* "10:42 NASA said": a name in capitals, no time zone */
    return sb;
}

/* Is token i a month's name or its abbreviation ("March", "Sept.")? */
static int month(const so_doc *d, size_t i)
{
    static const char *const m[] = {"January", "February", "March", "April", "May", "June",
                                    "July", "August", "September", "October", "November",
                                    "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.",
                                    "Sep.", "Oct.", "Nov.", "Dec.", NULL};
    for (size_t k = 0; m[k]; k++)
        if (so_tok_is_exact(d, i, m[k]))
            return 1;
    return 0;
}

/* Can the number at token k stand in a dateline: after a capitalised word
** ("March 12") or as the year after a day's number and a comma ("March 3,
** 2026")? 2 when it makes a date (a month before the day, or that year),
** 1 when it only may stand there ("Radio 4"), 0 when not. */
static int year_ok(const so_doc *d, size_t k)
{
    if (k >= 3 && so_tok_is_exact(d, k - 1, ",") && d->tok[k - 2].kind == SO_TK_NUM &&
        (d->tok[k - 3].flags & SO_TF_CAP))
        return 2;
    if (!(d->tok[k - 1].flags & SO_TF_CAP))
        return 0;
    return month(d, k - 1) ? 2 : 1;
}

size_t so_sent_after_dateline(const so_doc *d, size_t s)
{
    size_t sb = d->sent[s].b, se = d->sent[s].e;
    if (se > sb + 2 && d->tok[sb].kind == SO_TK_NUM)
        return after_stamp(d, sb, se); /* "10:42 Power has been restored" */
    if (se <= sb + 2 || d->tok[sb].kind != SO_TK_WORD || !(d->tok[sb].flags & SO_TF_ALLCAP))
        return sb;
    int agency = 0, long_ok = 0; /* past a wire's name; past a date or a place's comma */
    size_t caps = sb + 1; /* the words in capitals only run to caps (at most 12 tokens:
                             this runs for every sentence, and many times) */
    while (caps < se && caps < sb + 12 && (d->tok[caps].flags & SO_TF_ALLCAP))
        caps++;
    if (caps < se && so_tok_is_exact(d, caps, ","))
        long_ok = 1; /* "PORT ELLIS, Maine, USA —", "GOMA, North Kivu, Congo —" */
    for (size_t k = sb + 1; k < sb + 12 && k + 1 < se; k++) {
        size_t a = agency ? k : agency_after(d, k, se);
        if (a > k) {
            agency = 1; /* "LONDON (Reuters) -": the dash must come next */
            k = a;
            if (k + 1 >= se)
                return sb;
        }
        if (d->tok[k].kind == SO_TK_DASH) /* further in than six tokens only after a date,
                                             a place's comma or a wire: not "NHS England
                                             Chief Executive Amanda Pritchard -- who ..." */
            return k < sb + 6 || long_ok || agency ? k + 1 : sb;
        int y = d->tok[k].kind == SO_TK_NUM ? year_ok(d, k) : 0;
        if (y == 2)
            long_ok = 1;
        else if (agency || (!y && !(d->tok[k].flags & SO_TF_CAP) && !so_tok_is_exact(d, k, ",")))
            return sb;
    }
    return sb;
}

/* Words that open an editor's tag, not a speaker label ("UPDATE:", "Read
** more:", "Photo credit:"). */
static const char *const label_tags[] = {
    "update",  "updated", "correction", "editor's",   "note",   "watch",     "video",
    "photos",  "photo",   "read",       "more",       "related", "breaking", "advertisement",
    "source",  "sources", "credit",     "contact",    "about",  "media",     "tags",
    "filed",   "posted",  "copyright",  "disclaimer", "warning", "listen",   "see",
    "also",    "pictured", "caption",   "image",      "share",  "follow",    "email",
    NULL};

size_t so_para_label(const so_doc *d, size_t p)
{
    size_t b = d->para[p].b, e = d->para[p].e, words = 0;
    if (b < e && d->tok[b].kind == SO_TK_QUOTE && d->tok[b].qm != SO_QM_APOS)
        b++; /* a transcript quoted whole: "DUVAL: ... */
    for (size_t k = b; k < e && k < b + 8; k++) {
        const so_tok *t = &d->tok[k];
        if (so_tok_is_exact(d, k, ":"))
            return words && k + 2 < e && !so_tok_in(d, b, label_tags) ? k : SIZE_MAX;
        if (t->kind == SO_TK_WORD && (t->flags & SO_TF_ALLCAP) && so_tok_len(d, k) > 1 &&
            !so_tok_in(d, k, label_tags) && words < 4)
            words++;
        else if (!(so_tok_is_exact(d, k, ".") && words))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

size_t so_para_name_label(const so_doc *d, size_t p)
{
    size_t b = d->para[p].b, e = d->para[p].e, k = b, words = 0;
    if (b < e && d->tok[b].kind == SO_TK_QUOTE && d->tok[b].qm != SO_QM_APOS)
        k = ++b; /* "Lena Moss: ... */
    for (; k < e && k < b + 3 && d->tok[k].kind == SO_TK_WORD && (d->tok[k].flags & SO_TF_CAP) &&
           !(d->tok[k].flags & SO_TF_ALLCAP) && so_tok_len(d, k) > 1 &&
           !so_tok_in(d, k, label_tags);
         k++)
        ;
    if (k == b || k >= e || !so_tok_is_exact(d, k, ":"))
        return SIZE_MAX;
    for (size_t i = k + 1; i < e && words < 2; i++)
        words += d->tok[i].kind == SO_TK_WORD;
    return words == 2 ? k : SIZE_MAX;
}

size_t so_para_quote_label(const so_doc *d, size_t p)
{
    static const char *const joins[] = {"of", "and", "for", "the", "&", NULL};
    size_t b = d->para[p].b, e = d->para[p].e, k = b;
    if (p == 0 || b >= e || d->tok[b].kind != SO_TK_WORD || !(d->tok[b].flags & SO_TF_CAP) ||
        so_tok_in(d, b, label_tags))
        return SIZE_MAX;
    for (; k < e && k < b + 12 && !so_tok_is_exact(d, k, ":"); k++) {
        const so_tok *t = &d->tok[k];
        int cap = t->kind == SO_TK_WORD && (t->flags & SO_TF_CAP);
        if (!cap && !so_tok_in(d, k, joins) &&
            !(so_tok_is_exact(d, k, ",") && k + 1 < e && (d->tok[k + 1].flags & SO_TF_CAP)))
            return SIZE_MAX;
    }
    if (k + 1 >= e || !so_tok_is_exact(d, k, ":") || !(d->tok[k - 1].flags & SO_TF_CAP) ||
        d->tok[k + 1].qm != SO_QM_OPEN)
        return SIZE_MAX;
    return k;
}

size_t so_para_qa(const so_doc *d, size_t p, int *qa)
{
    size_t b = d->para[p].b, e = d->para[p].e;
    if (b + 2 >= e || !so_tok_is_exact(d, b + 1, ":") || so_tok_len(d, b) != 1)
        return SIZE_MAX;
    char c = so_tok_str(d, b)[0];
    if (c != 'Q' && c != 'A')
        return SIZE_MAX;
    *qa = c;
    return b + 1;
}

int so_sent_split(so_doc *d)
{
    mark_paragraphs(d);
    size_t sb = 0, pb = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        if (i > 0 && (d->tok[i].flags & SO_TF_PARA_START)) {
            if (i > sb && push_range(&d->sent, &d->nsent, &d->cap_sent, sb, i))
                return -1;
            if (push_range(&d->para, &d->npara, &d->cap_para, pb, i))
                return -1;
            sb = pb = i;
        }
        size_t j = sentence_end_after(d, i);
        if (j > i && j < d->ntok && !(d->tok[j].flags & SO_TF_PARA_START)) {
            if (push_range(&d->sent, &d->nsent, &d->cap_sent, sb, j))
                return -1;
            sb = j;
            i = j - 1;
        }
    }
    if (d->ntok > sb && push_range(&d->sent, &d->nsent, &d->cap_sent, sb, d->ntok))
        return -1;
    if (d->ntok > pb && push_range(&d->para, &d->npara, &d->cap_para, pb, d->ntok))
        return -1;
    for (size_t s = 0; s < d->nsent; s++) {
        d->tok[d->sent[s].b].flags |= SO_TF_SENT_START;
        for (size_t i = d->sent[s].b; i < d->sent[s].e; i++)
            d->tok[i].sent = (uint32_t)s;
    }
    for (size_t p = 0; p < d->npara; p++)
        for (size_t i = d->para[p].b; i < d->para[p].e; i++)
            d->tok[i].para = (uint32_t)p;
    return 0;
}
