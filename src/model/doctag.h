/*
** doctag.h -- runs the POS and NER taggers over a whole so_doc, sentence by
** sentence, storing tag id + 1 in tok[i].pos / tok[i].ner (0 = untagged).
*/
#ifndef SO_DOCTAG_H
#define SO_DOCTAG_H

#include "model/tagger.h"
#include "text/doc.h"

/* Tag doc with pos (required) and ner (may be NULL). 0, or -1 on memory. */
int so_doc_tag(const so_tagger *pos, const so_tagger *ner, so_doc *d);

#endif
