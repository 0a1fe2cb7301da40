/*
** tags.c -- what the speaker module reads from the engine's taggers: the
** tag ids in tok[i].pos and tok[i].ner (id + 1, 0 = untagged) mapped once
** per document to a few classes (proper noun, noun, verb, pronoun; person,
** organisation, place, other). Without taggers every class is 0 and the
** rules decide alone.
*/
#include <string.h>

#include "coref/coref_int.h"
#include "model/tagger.h"

static uint8_t pos_class(unsigned t)
{
    if (so_penn_is_proper(t))
        return SO_PC_PROPER;
    if (so_penn_is_common(t))
        return SO_PC_NOUN;
    if (t == SO_PENN_VBN || t == SO_PENN_VBG)
        return SO_PC_PART;
    if (so_penn_is_verb(t) || t == SO_PENN_MD)
        return SO_PC_VERB;
    return t == SO_PENN_PRP || t == SO_PENN_PRPS ? SO_PC_PRON : SO_PC_OTHER;
}

static uint8_t ner_class(const char *t)
{
    if (strlen(t) < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-')
        return SO_ET_UNKNOWN;
    t += 2;
    if (!strcmp(t, "PERSON"))
        return SO_ET_PERSON;
    if (!strcmp(t, "ORGANIZATION"))
        return SO_ET_ORG;
    if (!strcmp(t, "LOCATION"))
        return SO_ET_PLACE;
    return SO_ET_OTHER;
}

void so_coref_tags(so_coref *c, const so_tagger *pos, const so_tagger *ner)
{
    memset(c->posc, 0, sizeof c->posc);
    memset(c->nerc, 0, sizeof c->nerc);
    unsigned np = pos ? so_tag_count(pos) : 0, nn = ner ? so_tag_count(ner) : 0;
    const uint8_t *penn = so_tag_penn(pos);
    for (unsigned i = 0; i < np && i < 255; i++)
        c->posc[i + 1] = pos_class(penn[i + 1]);
    for (unsigned i = 0; i < nn && i < 255; i++)
        c->nerc[i + 1] = ner_class(so_tag_name(ner, i));
    c->tagged = np > 0;
}
