/*
** quote.h -- the quote layer: quotation-mark pairing (marks.c) and the
** lexicon of attribution cues (cues.c).
*/
#ifndef SO_QUOTE_H
#define SO_QUOTE_H

#include "text/doc.h"

/* Pair quotation marks in doc (tokenized and split); fills doc->q and the
** tokens' qm/quote/inq fields, and marks their cue classes (so_cue_mark).
** Returns 0 or -1 when memory runs out. */
int so_quote_pair(so_doc *doc);

/* Cue classes. */
enum {
    SO_CUE_NONE = 0,
    SO_CUE_SPEECH,   /* say, tell, add, write ... : introduce quotes */
    SO_CUE_REPORT,   /* deny, believe, announce ... : reported speech only */
    SO_CUE_NAMING    /* call, describe, dub : mixed quotes ("called it a 'fiasco'") */
};

/* The cue class of token i (a verb form such as "said", "tells"), or
** SO_CUE_NONE. Case-insensitive; curly apostrophes allowed. */
int so_cue_class(const so_doc *doc, size_t i);

/* The cue class of token i in the lexicon the shipped model was trained
** with: so_cue_class but for the rules-only forms (SO_CUE_NONE for
** "advised", "cautioned", "pleaded", "grumbled", which came later; adding
** them to the model's features would mean retraining it). */
int so_cue_model_class(const so_doc *doc, size_t i);

/* Look up every token's cue class once and keep it in its flags, where
** so_cue_class finds it (so_quote_pair does this). */
void so_cue_mark(so_doc *doc);

/* 1 when the cue lexicon is well formed: each letter's forms are lowercase
** ASCII letters in strcmp order, the fast-reject tables of its lookup
** agree with them, and the rules-only speech verbs are in strcmp order too,
** with the lengths and first letters rules_only tests before its search
** (for the unit tests); 0 otherwise. */
int so_cue_lexicon_ok(void);

/* Is token i a form of an auxiliary (is, was, has, had, will, would ...)? */
int so_cue_is_aux(const so_doc *doc, size_t i);

/* Is token i a form of "be" (is, are, was, were, been, be, being), as in a
** passive cue? */
int so_cue_is_be(const so_doc *doc, size_t i);

/* Is token i an adverb that may sit between a source and its cue
** (also, later, once, repeatedly, -ly words)? */
int so_cue_is_adverb(const so_doc *doc, size_t i);

/* Is token i the noun "state" or "states", not the verb ("the United
** States", "the State Department", "Indiana state firefighters", "state
** Sen. Jo Hale")? In capitals inside its sentence, after a determiner,
** "United" or "Islamic", or before a word in capitals. */
int so_cue_state_noun(const so_doc *doc, size_t i);

/* Is token i a personal pronoun that can be a source (he, she, they ...)? */
int so_cue_is_pronoun(const so_doc *doc, size_t i);

/* Is token i a day of the week ("Monday", "said Tuesday")? */
int so_cue_is_weekday(const so_doc *doc, size_t i);

/* Is token i a participle that modifies a title ("managing" director,
** "acting" chief, "outgoing" mayor, "ranking" member)? */
int so_cue_is_title_adj(const so_doc *doc, size_t i);

#endif
