/*
** speakers.h -- the speaker evaluation behind `sayso eval --speakers
** SPLIT_DIR` (prefix so_speval_), and the reader of the silver truth it
** uses: the CoreNLP coreference chains of SPLIT_DIR/corenlp/NAME.conllu.
**
** The measure (docs/speakers.md): for every gold attribution of
** SPLIT_DIR/attributions/NAME.ann whose Source is headed by a pronoun or a
** common noun (CoreNLP's POS and dependency head), take the coreference
** chain of the smallest CoreNLP mention holding that head. When the chain
** has proper-name mentions (mention head tagged NNP/NNPS), the attribution
** is measured: the engine's speaker resolution is run on the gold source
** span (so_coref_resolve(), gold attributions in text order, so that
** attribution errors do not count; the text is tagged by the built-in
** model's taggers as in the engine) and the speaker is correct when one of
** its mentions overlaps one of those names, or its canonical name ends in
** the same word as one of them. Unresolved sources are counted apart.
*/
#ifndef SO_SPEAKERS_H
#define SO_SPEAKERS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- silver truth: one .conllu file ---- */
typedef struct so_sv_tok {
    uint32_t b, e;       /* code points in the article, half open */
    uint32_t head;       /* token index in the file, UINT32_MAX for the root */
    uint32_t form, nform; /* the form: bytes [form, form + nform) of the file */
    char pos[8];         /* XPOS, NUL-terminated (truncated) */
} so_sv_tok;

typedef struct so_sv_ment {
    uint32_t b, e;       /* token indices, half open, within one sentence */
    uint32_t chain;      /* chain id (1-based) */
} so_sv_ment;

typedef struct so_sv_doc {
    char *buf;           /* the file */
    size_t len;
    so_sv_tok *t;
    size_t nt, capt;
    so_sv_ment *m;
    size_t nm, capm;
} so_sv_doc;

#define SO_SV_MAX_TOKENS ((size_t)1 << 24)

/* Read path into d (zeroed). 0, or -1 with a message in err. */
int so_sv_read(const char *path, so_sv_doc *d, char *err, size_t errlen);
void so_sv_free(so_sv_doc *d);

/* Head token of the tokens lying inside the code point spans sp[0..n)
** (pairs start, end): the first whose head is outside them; SIZE_MAX when
** no token lies inside. */
size_t so_sv_head(const so_sv_doc *d, const int64_t *sp, size_t n);

/* Chain of the smallest mention holding token t, or 0. */
uint32_t so_sv_chain(const so_sv_doc *d, size_t t);

/* The proper names of chain ch: for each mention headed by NNP/NNPS, the
** run of NNP/NNPS tokens around its head, as token ranges [rb[i], re[i]).
** Returns how many (at most max). */
size_t so_sv_names(const so_sv_doc *d, uint32_t ch, uint32_t *rb, uint32_t *re, size_t max);

/* ---- the evaluation ---- */
enum { SO_SPK_ALL = 0, SO_SPK_PRON = 1, SO_SPK_NOUN = 2 };

typedef struct so_speval_counts {
    size_t docs, docs_skipped;   /* articles read; without a .conllu */
    size_t attrs, with_source;   /* gold attributions; with a Source */
    size_t src_resolved;         /* of with_source: given a speaker */
    size_t measured[3], resolved[3], correct[3]; /* by SO_SPK_* */
    int tagged;                  /* 1: the model's POS and NER taggers ran */
} so_speval_counts;

typedef struct so_speval_opts {
    const char *split_dir;
    FILE *list;                  /* one line per measured attribution, or NULL */
    int no_model;                /* 1: rules only, no taggers */
    const char *model;           /* a model file's taggers, or NULL: the built-in ones */
} so_speval_opts;

/* Run the evaluation over o->split_dir, filling *res. 0, or with a message
** in err: -1 when a file could not be read or parsed or memory ran out,
** -2 when o->model cannot be loaded or has no usable POS and NER taggers. */
int so_speval_run(const so_speval_opts *o, so_speval_counts *res, char *err, size_t errlen);

/* Print the report of res to out. */
void so_speval_report(const so_speval_opts *o, const so_speval_counts *res, FILE *out);

#endif
