/*
** score.h -- the attribution scorer: a C port of shared/tools/attrib-score
** (version 1.0) that prints byte-identical output for the same gold and
** prediction folders. Used by `sayso eval`.
**
** The metrics, the brat dialect read and the units are those of attrib-score;
** run `attrib-score --help` for their definitions. Everything here is
** re-entrant: there is no global mutable state.
*/
#ifndef SO_SCORE_H
#define SO_SCORE_H

#include <stddef.h>
#include <stdio.h>

typedef struct so_score_opts {
    const char *gold_dir;   /* split folder (attributions/ + text/) or flat .ann folder */
    const char *pred_dir;   /* folder of NAME.ann (or with attributions/ subfolder) */
    const char *text_dir;   /* NULL (or "") or --text-dir */
    int json;               /* 1: print JSON like --json */
    int units;              /* 0 auto, 1 tokens, 2 chars */
    const char *pred_label; /* NULL: print pred_dir as attrib-score does; else this
                            ** string in the "pred:" line and in JSON info.pred_dir */
} so_score_opts;

/* Status codes of so_score_run(), the exit codes of attrib-score, and one
** of sayso's: the report could not be written out (attrib-score dies with a
** Python error there), sayso's exit code for output errors. */
enum { SO_SCORE_OK = 0, SO_SCORE_EINPUT = 2, SO_SCORE_EINTERNAL = 3, SO_SCORE_EOUTPUT = 5 };

/*
** Score o->pred_dir against o->gold_dir and print the table (or the JSON) to
** out, exactly as attrib-score prints it to stdout. Warnings go to warn (may be
** NULL) as "sayso: warning: MESSAGE" lines, before anything is written to out.
** Returns SO_SCORE_OK; SO_SCORE_EINPUT on bad input, with err holding the
** one-line message attrib-score prints after "attrib-score: error: " (usually
** "FILE:LINE: message"); SO_SCORE_EINTERNAL on an internal failure (out of
** memory, a counter overflow, Python's integer-digit limit), with err holding
** what attrib-score prints after "attrib-score: internal error: ";
** SO_SCORE_EOUTPUT when out could not be written or flushed. Nothing else is
** written to out on failure. err may be NULL when errlen is 0.
*/
int so_score_run(const so_score_opts *o, FILE *out, FILE *warn, char *err, size_t errlen);

#endif
