/*
** attrib.h -- attributions as token ranges: the output of the attribution
** layer (rules for direct and mixed quotes in rules.c; a learned model may
** add reported speech), before conversion to the public byte spans.
*/
#ifndef SO_ATTRIB_H
#define SO_ATTRIB_H

#include "text/doc.h"

#define SO_MAX_FRAGS 16
/* Most co-speakers one attribution keeps ("A, B and C said": B and C). */
#define SO_MAX_ALSO 7
#define SO_HEADLINE_MAX 30 /* tokens: a longer paragraph is no headline */

typedef struct so_attr {
    so_range content[SO_MAX_FRAGS]; /* token ranges in text order */
    uint8_t ncontent;
    uint8_t kind;                   /* sayso_kind */
    so_range cue;                   /* b == e: no cue */
    so_range source;                /* b == e: no source */
    float conf;
    int32_t speaker;                /* entity index or -1 */
    int32_t within;                 /* so_attr_mark_nested: the attribution whose content
                                       holds this one, or -1 */
    int32_t also[SO_MAX_ALSO];      /* co-speakers: the other entities a coordinated
                                       source names, after the speaker */
    uint8_t nalso;
    uint32_t quote_last;            /* last quotation used (for continuations), or UINT32_MAX */
    uint8_t want_source;            /* 1: dropped unless so_attr_share_sources gives it a
                                       source (the model's, with a quotation in its content) */
} so_attr;

typedef struct so_attrs {
    so_attr *a;
    size_t n, cap;
} so_attrs;

/* Most attributions one document may have. */
#define SO_MAX_ATTRS ((size_t)1 << 22)

/* Find direct and mixed quotes with their cues and sources in doc (after
** so_quote_pair and so_doc_tag). pos, the POS tagger, may be NULL; with it
** a cue word the tagger reads as a noun governs no quotation ("initial
** reports of the explosion"). Appends to out. Returns 0 or -1 when memory
** runs out. */
struct so_tagger;
int so_attr_rules(const so_doc *doc, const struct so_tagger *pos, so_attrs *out);

/* The subject of the clause that token c ends: a noun phrase at the start
** of its sentence, after a dateline ("PARIS — ") or after an introductory
** phrase ("Meanwhile, it attacked X, saying ..."), within 80 tokens of c;
** or an empty range. */
so_range so_attr_clause_subject(const so_doc *d, size_t c);

/* Is [j, k) a sentence adverb that commas set off ("Rail unions, meanwhile,
** said", "The mayor, for her part, said", "in turn", "for example", "in
** fact", "of course")? */
int so_attr_aside(const so_doc *d, size_t j, size_t k);

/* Is token i a form of "tell" ("told", "tell", "tells", "telling")? */
int so_attr_is_tell(const so_doc *d, size_t i);

/* Is token i a capitalised word that ends a name inside its sentence: not
** the sentence's first word, after another capitalised word and before one
** in lower case ("Clean Rivers | Now said"; not a headline in title case,
** "Campaign Just Called")? */
int so_attr_name_end(const so_doc *d, size_t i);

/* Where the words after a sentence adverb set off by commas that opens at
** token j start ("however, | that ...": the token after its comma, before
** lim), or j when no such adverb opens there. */
size_t so_attr_skip_aside(const so_doc *d, size_t j, size_t lim);

/* The end of [b, e) without its trailing punctuation outside quotation
** marks (a closing bracket stays). */
size_t so_attr_trim_end(const so_doc *d, size_t b, size_t e);

/* The subject of the cue at token c when an appositive or a relative clause
** sets it off ("Her spokeswoman, who asked not to be named, said"; "The
** fund, called Harbor Start, allows"; "Her husband, David, said"), with it; or
** when a phrase opening with a preposition or a participle does, without
** it ("Clinton, at Tuesday's meeting, cited", "Bus drivers, for instance,
** argue", "One aide, speaking on condition of anonymity, said", "The
** complaint, filed on Monday, claims"); or when an aside set off by spaced
** dashes does, with it ("Mills -- co-author of ... -- said") unless it is a
** relative clause ("The council -- which ... -- insisted");
** or an empty range. */
so_range so_attr_apposed_subject(const so_doc *d, size_t c);

/* Is token b a "called" that names a thing ("a group called Harbor
** Watch meets", "The scheme, called Fresh Start,"), no cue? penn:
** so_tag_penn of the POS tagger; without it, no. */
int so_attr_naming_called(const so_doc *d, const uint8_t *penn, size_t b);

/* Append a zeroed attribution; returns it or NULL when memory runs out. */
so_attr *so_attr_push(so_attrs *out);

/* Add a content fragment, merging with the last one when they touch. */
void so_attr_add_content(so_attr *a, so_range r);

/* Is token i inside one of a's content fragments? */
int so_attr_in_content(const so_attr *a, size_t i);

/* Run the learned model am (NULL: nothing to do) on doc and merge its
** attributions into as, which holds the rules' (merge.c): the model adds
** an attribution unless it shares a cue token or a whole content fragment
** with a rule's, and tags the sources of the rules' cues, replacing a
** missing or overlapping one. 0, or -1 when memory runs out. */
struct so_am;
int so_attr_merge(const struct so_am *am, const struct so_tagger *pos, const so_doc *doc,
                  so_attrs *as);

/* Correct source boundaries (srctidy.c) with the POS tags of doc: a time
** or an occasion at an end ("The Ledger on Saturday", "..., in a
** statement"), an unclosed parenthesis, a noun before the subject of its
** clause ("the third time Acme said"), "experts I interviewed", and an
** inverted cue's name left as content ("..., noted Jane Doe."). */
void so_attr_tidy_sources(const struct so_tagger *pos, const so_doc *doc, so_attrs *as);

/* Before so_attr_finish: reported speech whose cue commas set off in mid
** sentence ("Storm surges, the harbour master says, now reach the car park")
** gets the words that open the sentence as its first content fragment
** (lead.c), by the POS tags of doc (without a tagger, nothing). 0, or -1
** when memory runs out. */
int so_attr_split_leads(const struct so_tagger *pos, const so_doc *doc, so_attrs *as);

/* Make a quotation with no cue of its own that opens the paragraph after
** reported speech ends one (with a source, no quotation in its content,
** and its content running to that paragraph's end) a content fragment of
** that attribution, and so the quotations of the paragraphs after it
** (follow.c). 0, or -1 when memory runs out. */
int so_attr_follow_quotes(const so_doc *doc, so_attrs *as);

/* A content whose last fragment ends at a closing quotation mark, right
** before a lower-case preposition or relative pronoun, after its cue,
** takes that phrase up to the next punctuation or its sentence's end
** ('noted "isolated incidents" of intimidation in the north', 'called it
** "an unworkable mandate" that would drive jobs away'), unless it is a
** time or an occasion ("in a tweet", "on Tuesday"), a "to" before a cue
** word, or touches another attribution (follow.c). 0, or -1 when memory
** runs out. */
int so_attr_quote_tails(const so_doc *doc, so_attrs *as);

/* Drop each attribution whose content is only the source and cue of
** another ("No illnesses have been reported, it said": not an attribution
** "have been reported" of "it said"). Time in proportion to the document.
** 0, or -1 when memory runs out. */
int so_attr_drop_echoes(const so_doc *doc, so_attrs *as);

/* Last, when the list is final: each reported-speech attribution whose
** cue, source and content all lie in the content of another
** reported-speech attribution ("He said | the council expected | a deal")
** gets that one's index as within, the others -1. Corpora that give each
** word one role in one attribution (PolNeAR) mark only the outer one, and
** so does brat output. Direct and mixed quotes are never within. 0, or -1
** when memory runs out. */
int so_attr_mark_nested(const so_doc *doc, so_attrs *as);

/* After so_attr_finish (as in text order): a cue with no source that "and"
** or "but" coordinates with the cue before it in its sentence ("X said ...
** and urged ...") takes that cue's source; both finite verbs by the POS
** tags of doc. */
void so_attr_share_sources(const struct so_tagger *pos, const so_doc *doc, so_attrs *as);

/* Last touches to every attribution (a reply verb joined to a participle
** cue, a colon, particle or statement joined to a cue, connectives and
** sources cut out of content, ...), then kinds from quotation marks and
** the attributions sorted by their first token. 0, or -1 when memory
** runs out. */
int so_attr_finish(const so_doc *doc, so_attrs *as);

/* The kind of a (a sayso_kind) from the quotation marks in its content: direct
** when every fragment is exactly one quotation or several back to back,
** mixed when quotation marks occur inside, indirect otherwise. */
int so_attr_kind(const so_doc *doc, const so_attr *a);

void so_attrs_free(so_attrs *as);

#endif
