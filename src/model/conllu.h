/*
** conllu.h -- a small reader for the 10-column CoreNLP .conllu files of
** PolNeAR (prefix so_conllu_): token forms, Penn Treebank tags and NER
** labels, with the NER labels converted from IO to BIO over PERSON,
** ORGANIZATION, LOCATION and MISC (everything else becomes O).
**
** Files of a folder are read in sorted name order, so a corpus (and any
** model trained on it) is reproducible. Every growing array is capped.
*/
#ifndef SO_CONLLU_H
#define SO_CONLLU_H

#include <stddef.h>
#include <stdint.h>

#define SO_CONLLU_MAX_FILE ((size_t)256 << 20)   /* bytes per file */
#define SO_CONLLU_MAX_TOKENS ((size_t)50000000)  /* per corpus */
#define SO_CONLLU_MAX_POS 64u                    /* distinct XPOS tags */
#define SO_CONLLU_MAX_NAME 16u                   /* tag name bytes incl. NUL */

/* The fixed BIO label set: id 0 = O, then B-/I- pairs per type. */
#define SO_CONLLU_N_NER 9u
extern const char *const so_conllu_ner_names[SO_CONLLU_N_NER];

typedef struct so_conllu_tok {
    size_t off;      /* form = text + off, len bytes (not NUL-terminated) */
    uint32_t len;
    uint8_t pos;     /* index into pos_names */
    uint8_t ner;     /* index into so_conllu_ner_names */
} so_conllu_tok;

typedef struct so_conllu {
    char *text;
    size_t text_len, text_cap;
    so_conllu_tok *tok;
    size_t n_tok, cap_tok;
    size_t *sent;            /* sentence k = tok[sent[k] .. sent[k+1]) */
    size_t n_sent, cap_sent;
    char pos_names[SO_CONLLU_MAX_POS][SO_CONLLU_MAX_NAME];  /* sorted */
    unsigned n_pos;
    size_t n_files;
} so_conllu;

/* Read every *.conllu file in DIR. 0 on success; -1 with a message in err
** (and *c freed). */
int so_conllu_read_dir(so_conllu *c, const char *dir, char *err, size_t errlen);

/* Read one file's bytes (for tests and tools). Same contract. */
int so_conllu_read_mem(so_conllu *c, const char *data, size_t len, char *err,
                       size_t errlen);

void so_conllu_free(so_conllu *c);

#endif
