/*
** amodel.h -- the learned attribution model (prefix so_am_): a cue tagger
** (B/I/O over every sentence) and a role tagger that, given one cue, labels
** the tokens around it as Source or Content. Both decode with first-order
** Viterbi and are structured averaged perceptrons over hashed features (src/model/perceptron.h), trained on
** PolNeAR by so_am_train() and stored in model-file section "ATTR".
*/
#ifndef SO_AMODEL_H
#define SO_AMODEL_H

#include <stdio.h>

#include "model/modelfile.h"
#include "model/perceptron.h"
#include "model/tagger.h"
#include "text/doc.h"

#define SO_AM_SECTION "ATTR"
#define SO_AM_VERSION 1u

typedef struct so_am so_am;

/* One attribution found by the model, as token ranges. */
typedef struct so_am_attr {
    so_range cue, source;
    so_range content[8];
    unsigned ncontent;
    float conf;
} so_am_attr;

/* Load from section ATTR of mf. 0, or -1 with a message in err. */
int so_am_load(const so_mf *mf, so_am **out, char *err, size_t errlen);
void so_am_free(so_am *m);

/* Find attributions in doc (tokenized, quotes paired, POS-tagged).
** cb(ctx, a) is called for each; returns 0 or -1 when memory runs out.
** A cue that touches a token with busy[i] set (busy may be NULL) is
** skipped before its roles are tagged: the caller would drop it anyway. */
int so_am_run(const so_am *m, const so_tagger *pos, const so_doc *d, const uint8_t *busy,
              int (*cb)(void *ctx, const so_am_attr *a), void *ctx);

typedef struct so_am_train_opts {
    const char *split_dir;    /* folder with text/ and attributions/ */
    const so_tagger *pos;     /* taggers used to tag the training texts */
    const so_tagger *ner;     /* may be NULL */
    so_ap_params params;
    FILE *log;
} so_am_train_opts;

/* Train and append the ATTR section payload to out. 0, or -1 with err. */
int so_am_train(const so_am_train_opts *o, so_mf_buf *out, char *err, size_t errlen);

#endif
