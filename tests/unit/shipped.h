/*
** shipped.h -- for the unit tests that run on the shipped model: the model
** file linked into the library (src/model/embed.S) and its two taggers,
** loaded and freed together.
*/
#ifndef SO_TEST_SHIPPED_H
#define SO_TEST_SHIPPED_H

#include "model/modelfile.h"
#include "model/tagger.h"

/* Open the embedded model and load its POS and NER taggers: 0, or -1. */
static inline int shipped_load(so_mf **mf, so_tagger **pos, so_tagger **ner)
{
    char err[320];
    return so_mf_open_model(NULL, mf, err, sizeof err) ||
                   so_tag_load_pair(*mf, "built-in model", pos, ner, err, sizeof err)
               ? -1
               : 0;
}

static inline void shipped_free(so_mf *mf, so_tagger *pos, so_tagger *ner)
{
    so_tag_free(pos);
    so_tag_free(ner);
    so_mf_close(mf);
}

#endif
