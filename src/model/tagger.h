/*
** tagger.h -- left-to-right sequence taggers (prefix so_tag_): a greedy
** Penn Treebank POS tagger and a first-order Viterbi BIO NER tagger (PERSON, ORGANIZATION,
** LOCATION, MISC), both averaged perceptrons over hashed features.
**
** Input tokens are plain (pointer, length) UTF-8 strings, independent of any
** tokenizer. A loaded tagger is read-only: any number of threads may call
** so_tag_sentence() on one tagger at once (all scratch memory is on the
** stack). The tagger keeps no pointer into the model file after loading.
*/
#ifndef SO_TAGGER_H
#define SO_TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/modelfile.h"
#include "model/penn.h"
#include "model/perceptron.h"

#define SO_TAG_MAX_TAGS 64u
#define SO_TAG_SECTION_VERSION 1u

typedef struct so_tagtok {
    const char *s;   /* token text, UTF-8, not NUL-terminated */
    size_t len;
} so_tagtok;

typedef enum so_tag_kind { SO_TAG_POS = 0, SO_TAG_NER = 1 } so_tag_kind;

typedef struct so_tagger so_tagger;

/* Tag one sentence: out[i] = tag id of toks[i]. pos is NULL for the POS
** tagger and the POS tagger's ids for the NER tagger. Returns 0, or -1 on
** bad arguments (NULL tagger/out, NULL toks or token text with n/len > 0,
** NULL pos for NER). */
int so_tag_sentence(const so_tagger *t, const so_tagtok *toks, size_t n,
                    const uint8_t *pos, uint8_t *out);

/* "NNP", "B-PERSON", ...; NULL if id is out of range. */
const char *so_tag_name(const so_tagger *t, unsigned id);
/* Id of a tag name, -1 if unknown. */
int so_tag_id(const so_tagger *t, const char *name);
unsigned so_tag_count(const so_tagger *t);
/* The Penn Treebank tag (so_penn, penn.h) of a token's pos (tag id + 1, 0 =
** untagged): a table of 256 entries, every one SO_PENN_NONE for a NER
** tagger, a NULL tagger or a tag name outside the Penn set. */
const uint8_t *so_tag_penn(const so_tagger *t);
so_tag_kind so_tag_kind_of(const so_tagger *t);
/* 1 if NER tagger ner was trained with the POS tag ids of tagger pos. */
int so_tag_compatible(const so_tagger *ner, const so_tagger *pos);
/* Provenance text stored at training time (parameters, corpus size). */
const char *so_tag_info(const so_tagger *t);

/* Load from section SECTION_TAG of mf. 0, or -1 with a message in err. */
int so_tag_load(const so_mf *mf, const char *section_tag, so_tagger **out, char *err,
                size_t errlen);
/* Load the POS and NER sections of mf and check that they fit together
** (so_tag_compatible). 0, or -1 with "MODEL: why" in err (model names mf)
** and *pos, *ner NULL. */
int so_tag_load_pair(const so_mf *mf, const char *model, so_tagger **pos, so_tagger **ner,
                     char *err, size_t errlen);
/* Load from a section payload (as written by so_tag_train). */
int so_tag_load_mem(const uint8_t *data, size_t len, so_tagger **out, char *err,
                    size_t errlen);
void so_tag_free(so_tagger *t);   /* NULL is a no-op */

/* ---- training ---- */
typedef struct so_tag_train_opts {
    so_tag_kind kind;
    const char *conllu_dir;   /* folder of *.conllu files */
    so_ap_params params;      /* so_ap_params_default() then --param */
    FILE *log;                /* progress lines, or NULL */
} so_tag_train_opts;

/* Train a tagger on the folder and append its section payload to out
** (add it to a model file with so_mf_writer_add). 0, or -1 with err. */
int so_tag_train(const so_tag_train_opts *o, so_mf_buf *out, char *err, size_t errlen);

/* ---- evaluation against silver labels ---- */
typedef struct so_tag_eval_result {
    size_t sentences, tokens;
    size_t pos_correct;
    size_t ner_gold, ner_pred, ner_correct;   /* entities, exact span + type */
    size_t type_gold[4], type_pred[4], type_correct[4];
    double pos_seconds, ner_seconds;          /* time spent in so_tag_sentence */
} so_tag_eval_result;

/* Tag every sentence of conllu_dir (NER on the predicted POS tags) and print
** POS token accuracy and NER entity P/R/F1 to out. Either tagger may be NULL
** (NER needs pos). 0, or -1 (a message is printed to out). */
int so_tag_eval_dir(const so_tagger *pos, const so_tagger *ner, const char *conllu_dir,
                    FILE *out);
/* The same, filling *res (may be NULL) and err instead of printing errors. */
int so_tag_eval_run(const so_tagger *pos, const so_tagger *ner, const char *conllu_dir,
                    FILE *out, so_tag_eval_result *res, char *err, size_t errlen);

#endif
