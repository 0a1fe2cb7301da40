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

/* busy[i] of so_am_run: token i is the cue of an attribution the caller
** has (TAKEN), and the side of the cue to look for a better source on:
** before it, after it, or both (the caller's has none). */
#define SO_AM_BUSY_BEFORE 1u
#define SO_AM_BUSY_AFTER 2u
#define SO_AM_BUSY_TAKEN 4u

/* One attribution found by the model, as token ranges. */
typedef struct so_am_attr {
    so_range cue, source;
    so_range content[8];
    unsigned ncontent;
    float conf;
    int busy;        /* the cue touches a busy token (see so_am_run) */
} so_am_attr;

/* Load from section ATTR of mf. 0, or -1 with a message in err. */
int so_am_load(const so_mf *mf, so_am **out, char *err, size_t errlen);
void so_am_free(so_am *m);

/* Is cue a passive "said", "expected", "believed", "thought", "reported",
** "understood", "alleged", "rumoured" or "known" before "to" ("is said to
** be", "were thought to have")? Its subject is content, so it has no
** source. */
int so_am_said_to(const so_doc *d, so_range cue);

/* Find attributions in doc (tokenized, quotes paired, POS-tagged).
** cb(ctx, a) is called for each with content; returns 0 or -1 when memory
** runs out. A cue that touches a token with busy[i] set (busy may be NULL;
** SO_AM_BUSY_*) is the cue of an attribution the caller has already: it is
** skipped, or, when busy names a side, passed with a->busy set, content or
** not, with the source found on that side only. */
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
