/*
** coref.h -- speakers (prefix so_coref_): finds the people and organisations
** a document mentions, clusters their mentions into entities (full name,
** surname, title + surname; organisation short forms; acronyms), gives each
** a canonical name, a type, a gender and roles, and resolves attribution
** sources -- names, pronouns and role nouns -- to those entities.
**
** An so_coref object belongs to one document and one thread. It keeps a
** pointer to the document, which must outlive it. The engine itself stays
** read-only: nothing here has global mutable state.
*/
#ifndef SO_COREF_H
#define SO_COREF_H

#include <stddef.h>
#include <stdint.h>

#include "sayso.h"
#include "text/doc.h"

typedef struct so_coref so_coref;
struct so_attrs;
struct so_tagger;

#define SO_COREF_MAX_ROLES 8 /* roles kept per entity */

/* Find the mentions of doc (tokenized, quotation marks paired, and tagged
** by pos and ner when they are not NULL: see model/doctag.h) and build its
** entities. On success *out is set and 0 returned; -1 when memory runs out
** or a cap is hit (*out is then NULL). */
int so_coref_open(const so_doc *doc, const struct so_tagger *pos, const struct so_tagger *ner,
                  so_coref **out);

/* Free c. NULL is a no-op. */
void so_coref_close(so_coref *c);

/* Resolve the source token range src (any range of the document) of an
** attribution whose content is the ncontent ranges content (may be NULL)
** to an entity: its index, or -1 when the source stays unresolved (better
** no speaker than a wrong one). Names inside the content are never taken
** for a pronoun's antecedent. Call it for the sources of a document in
** text order: each resolved call records the source as a mention of its
** entity and as the current speaker, whom later pronoun sources prefer. */
int32_t so_coref_resolve(so_coref *c, so_range src, const so_range *content,
                         size_t ncontent);

/* The speaker lexicon, for the attribution layer's source boundaries
** (attrib/srctidy.c). Is token i a role noun or a title ("spokesman",
** "Sen.", "campaign")? Do tokens [b, e) start with a group, a
** place or a capitalised word that is no name ("Republicans", "New York",
** "American"), or are they a place? */
int so_coref_is_role_word(const so_doc *d, size_t i);
/* Is token i a capitalised honorific (Mr., Ms, Dr.)? */
int so_coref_is_honorific(const so_doc *d, size_t i);
/* Is token i a surname particle in lower case (de, van, der, bin, al)? */
int so_coref_is_particle_word(const so_doc *d, size_t i);
int so_coref_is_not_name(const so_doc *d, size_t b, size_t e);

/* Number of entities, and entity k's canonical name as a byte span of the
** document text (titles left out). */
size_t so_coref_count(const so_coref *c);
sayso_span so_coref_name(const so_coref *c, int32_t k);

/* Copy up to max byte spans of entity k's mentions (names, and the sources
** resolved to it) to out, in text order; returns how many it has. */
size_t so_coref_mentions(const so_coref *c, int32_t k, sayso_span *out, size_t max);

/* Entity k's type and gender (sayso_entity_type, sayso_gender). */
sayso_entity_type so_coref_type(const so_coref *c, int32_t k);
sayso_gender so_coref_gender(const so_coref *c, int32_t k);

/* Co-speakers (coord.c): the entities other than *k, the speaker
** so_coref_resolve() gave src, that a coordinated source names ("Anna
** Berg and Tom Lund said": Tom Lund; "A, B and C"), or, for a "they"
** source left unresolved (*k < 0) right after a coordination of people
** that is a subject, all of them: *k becomes the first; so does the person
** a "he" or "she" before "and" and *k's name means ("He and Sen. Dale
** Ruiz wrote"). Up to max into out; returns how many. */
size_t so_coref_conjuncts(so_coref *c, so_range src, int32_t *k, int32_t *out, size_t max);

/* The public form of the entities: one block that starts with the
** sayso_entity array (so free(ents) frees it all), holding the names, roles
** and mention spans it points to. */
typedef struct so_coref_out {
    sayso_entity *ents; /* malloc'd block, or NULL when there are none */
    size_t n;
} so_coref_out;

/* The whole speaker step of the engine: entities of doc, the speaker of
** every attribution in as (a->speaker = index into out->ents, or -1; its
** co-speakers in a->also), and
** the exported entities (people, organisations, and every speaker). The
** taggers are those that tagged doc, or NULL. 0, or -1 when memory runs out
** (out is then empty). */
int so_coref_speakers(const so_doc *doc, const struct so_tagger *pos,
                      const struct so_tagger *ner, struct so_attrs *as, so_coref_out *out);

/* 0 when the built-in word lists are in the order lookups need (tests). */
int so_coref_lex_check(void);

#endif
