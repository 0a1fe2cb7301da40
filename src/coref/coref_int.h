/*
** coref_int.h -- the internals of the speaker module shared by its files:
** the object and its capped arrays (core.c), the word lexicon (lex.c,
** lex_table.h from mklex.py), tagger classes (tags.c), mentions
** (mention.c), entities (cluster.c), roles (roles.c), gender (gender.c),
** subjects, salience and the pronoun chain (salience.c), source resolution
** (resolve.c), the key table (keys.c) and the export (export.c).
**
** Data flow inside so_coref_open(): token classes -> name mentions ->
** subjects -> entities -> roles -> gender -> pronoun chain.
** so_coref_resolve() then reads all of it and appends source mentions.
*/
#ifndef SO_COREF_INT_H
#define SO_COREF_INT_H

#include <stddef.h>
#include <stdint.h>

#include "coref/coref.h"
#include "text/doc.h"

/* ---- lexicon (lex.c): word classes, one bit each ---- */
#define SO_LX_HONOR_M (1u << 0)   /* Mr. Sir */
#define SO_LX_HONOR_F (1u << 1)   /* Mrs. Ms. Miss */
#define SO_LX_HONOR_N (1u << 2)   /* Dr. Prof. */
#define SO_LX_TITLE (1u << 3)     /* President Sen. Minister ... before a name */
#define SO_LX_ORG (1u << 4)       /* organisation cue: Party Times Inc. Department */
#define SO_LX_NEWS (1u << 5)      /* newspaper cue: Times Post Journal */
#define SO_LX_BROADCAST (1u << 6) /* broadcaster cue: News Channel Radio */
#define SO_LX_CORP (1u << 7)      /* company cue: Inc. Corp. Group */
#define SO_LX_KNOWN_ORG (1u << 8) /* CNN Reuters NATO ... */
#define SO_LX_OTHER (1u << 9)     /* neither: Street Act Tower Day */
#define SO_LX_PLACE (1u << 10)    /* one-word place names */
#define SO_LX_ADJ (1u << 11)      /* capitalised non-names: American, Monday */
#define SO_LX_GROUP (1u << 12)    /* Republicans Democrats Americans */
#define SO_LX_STOPCAP (1u << 13)  /* words that open sentences: The But When */
#define SO_LX_ROLE (1u << 14)     /* role nouns: spokesman engineer minister */
#define SO_LX_ROLE_F (1u << 15)   /* female role nouns: spokeswoman wife */
#define SO_LX_ROLE_M (1u << 16)   /* male role nouns: spokesman husband */
#define SO_LX_PRON_M (1u << 17)   /* he him his himself */
#define SO_LX_PRON_F (1u << 18)   /* she her hers herself */
#define SO_LX_PRON_N (1u << 19)   /* it its itself */
#define SO_LX_PRON_P (1u << 20)   /* they them their */
#define SO_LX_PRON_REL (1u << 21) /* who whom whose */
#define SO_LX_ORGNOUN (1u << 22)  /* newspaper company agency campaign */
#define SO_LX_CONN (1u << 23)     /* of for the and de van: inside names */
#define SO_LX_SUFFIX (1u << 24)   /* Jr. Sr. III */
#define SO_LX_MODNOUN (1u << 25)  /* campaign aides supporters: "Trump aides" */
#define SO_LX_NAME_M (1u << 26)   /* male first names: John Barack */
#define SO_LX_NAME_F (1u << 27)   /* female first names: Mary Hillary */
#define SO_LX_DEMONYM (1u << 28)  /* nationalities: Kenyan German */
#define SO_LX_CITY (1u << 29)     /* places never a person's name: Lisbon Kenya */
#define SO_LX_PARTICLE (1u << 30) /* surname particles: van der de bin al */
#define SO_LX_HONOR (SO_LX_HONOR_M | SO_LX_HONOR_F | SO_LX_HONOR_N)
#define SO_LX_PRON (SO_LX_PRON_M | SO_LX_PRON_F | SO_LX_PRON_N | SO_LX_PRON_P)

typedef struct so_lex_ent {
    const char *w;
    uint32_t cls;
} so_lex_ent;

/* Classes of the word s[0..n) (ASCII case-insensitive), 0 if none. */
uint32_t so_coref_lex(const char *s, size_t n);
/* Is tokens [b, e) of d a multi-word place name (New York, U.S. ...)? */
int so_coref_lex_place(const so_doc *d, size_t b, size_t e);
/* The length (1 to 3 words) of a known place's name starting at token b
** and ending by e ("New York"), or 0. */
size_t so_coref_place_len(const so_doc *d, size_t b, size_t e);

/* ---- internal types and genders ---- */
enum { SO_ET_UNKNOWN = 0, SO_ET_PERSON, SO_ET_ORG, SO_ET_PLACE, SO_ET_GROUP, SO_ET_OTHER };
/* Genders use the sayso_gender numbers: 0 unknown, 1 female, 2 male. */

/* ---- tagger classes (tags.c) ---- */
enum { SO_PC_NONE = 0, SO_PC_PROPER, SO_PC_NOUN, SO_PC_VERB, SO_PC_PART, SO_PC_PRON, SO_PC_OTHER };
/* SO_PC_VERB: finite and base verbs, modals; SO_PC_PART: VBN, VBG */
struct so_tagger;
void so_coref_tags(so_coref *c, const struct so_tagger *pos, const struct so_tagger *ner);

/* ---- mentions ---- */
#define SO_MF_QUOTED 0x01u /* inside a quotation */
#define SO_MF_SUBJ 0x02u   /* subject of a verb, or opens its sentence */
#define SO_MF_POSS 0x04u   /* followed by 's */
#define SO_MF_MOD 0x08u    /* modifies a noun: "Trump aides" */
#define SO_MF_SOURCE 0x10u /* a resolved attribution source */
#define SO_MF_ACRO 0x20u   /* all capitals */
#define SO_MF_NOMINAL 0x40u /* a pronoun or noun phrase added by resolution */
#define SO_MF_CUESUBJ 0x80u /* subject of a speech cue: "X said" */

typedef struct so_ment {
    uint32_t b, e;  /* tokens of the mention, titles included */
    uint32_t nb;    /* first token of the name proper */
    int32_t ent;    /* entity, or -1 */
    uint8_t type;   /* SO_ET_* from this mention alone */
    uint8_t gender; /* from an honorific */
    uint16_t flags; /* SO_MF_* */
} so_ment;

/* ---- entities ---- */
typedef struct so_ent {
    int32_t canon;   /* mention that names it */
    int32_t canon_first; /* its first mention */
    uint32_t nment;  /* name mentions */
    uint8_t type;    /* SO_ET_* */
    uint8_t gender;  /* decided gender */
    uint8_t strong;  /* gender from honorifics or role nouns (1 f, 2 m, 3 both) */
    uint8_t man_role; /* 1: a role noun in -man (spokesman), which women hold too */
    uint8_t evid;    /* 1: acts like a person (speaks, has a role or title) */
    uint8_t named;   /* gender of its first name (1 f, 2 m, 3 both) */
    uint8_t firm;    /* 1: a mention stands where a company does ("shares of X"); 2: has a
                        company appositive ("X, a startup,"); 4: a team before a player's
                        or official's role ("Saracens coach Mark Reid"); 8: a company noun
                        right before it ("the messaging app X") */
    uint8_t human;   /* 1: a mention has a title, an honorific or a listed first name */
    uint8_t acro;    /* 1: a mention is an acronym (WHO of World Health Organization) */
    uint8_t wform;   /* honorifics its mentions had so far: 2 "Mrs", 4 "Ms" or "Miss" */
    int16_t vf, vm;  /* pronoun votes */
    int16_t sf, sm;  /* pronoun sources resolved to it (output gender only) */
    uint16_t nper, norg, nplace; /* mentions typed person, organisation, place */
    uint32_t role_b; /* first token of its earliest role phrase that is not a relation
                        (neighbour, friend, colleague ...), UINT32_MAX if none */
    uint32_t couple; /* 1 + the token of the surname its one-word name shares ("Janet and
                        Robert Hale"; "His wife, Carol," of so_coref_relatives, which
                        adds no SO_K_COUPLE key), or 0 */
} so_ent;

#define SO_ROLE_HEAD_MAX 24 /* bytes of a canonical role head, NUL included */

/* A role phrase of an entity: tokens [b, e), head noun at token h. */
typedef struct so_role {
    uint32_t b, e, h;
    int32_t ent;
    char head[SO_ROLE_HEAD_MAX]; /* so_coref_role_canon() of token h */
    uint32_t mi;                 /* the name mention it was found at (so roles are in its order) */
} so_role;

/* ---- key table (keys.c): 64-bit key -> entity, duplicates allowed ---- */
typedef struct so_key {
    uint64_t k;
    int32_t ent;
} so_key;

typedef struct so_keys {
    so_key *slot;
    size_t n, cap; /* cap is 0 or a power of two */
} so_keys;

enum { SO_K_FULL = 1, SO_K_LAST, SO_K_FIRST, SO_K_FIRSTLAST, SO_K_ACRO, SO_K_ORGHEAD,
       SO_K_ORGTAIL, SO_K_SURNAME /* a surname with a particle, any case: "van der Berg" */,
       SO_K_COUPLE /* the surname of the first of a couple: "Hale" of "Janet" in "Janet and
                      Robert Hale", for "Mrs Hale" only */,
       SO_K_LAST2 /* the last two words of a person's name of three or more: "López Obrador" */ };

/* Entities kept per key: the first ones put (so_coref_keys_get never asks
** for more, and returns the first ones). */
#define SO_KEY_MAX_ENTS 32
int so_coref_keys_put(so_keys *t, uint64_t k, int32_t ent);
/* Entities stored under k, up to max of them into out; returns the count. */
size_t so_coref_keys_get(const so_keys *t, uint64_t k, int32_t *out, size_t max);
void so_coref_keys_free(so_keys *t);
/* Key of kind for tokens [b, e) (skipping connectors when kind is ACRO). */
uint64_t so_coref_key(const so_doc *d, int kind, size_t b, size_t e);
/* Is token i an acronym in mixed case ("DfT", "MoD": capitals at both ends,
** single lower-case letters between; not "PhD")? */
int so_coref_mixed_acro(const so_doc *d, size_t i);
/* The key of kind for the one-word name that token i holds from byte off
** on ("Assad" of "al-Assad"), as so_coref_key(d, kind, i, i + 1) of it. */
uint64_t so_coref_key_from(const so_doc *d, int kind, size_t i, size_t off);
/* The key of kind for the one-word name of the first len bytes of token i
** ("Clinton" of "Clintons"), as so_coref_key(d, kind, i, i + 1) of it. */
uint64_t so_coref_key_prefix(const so_doc *d, int kind, size_t i, size_t len);
/* The SO_K_FIRSTLAST key of first name f and surname l, apart in the text. */
uint64_t so_coref_key_pair(const so_doc *d, size_t f, size_t l);
/* The key of kind for the one word at i as if in title case ("DUVAL" as
** "Duval"). */
uint64_t so_coref_key_title(const so_doc *d, int kind, size_t i);

/* ---- the object ---- */
struct so_coref {
    const so_doc *d;
    uint32_t *cls;          /* SO_LX_ classes of every token */
    so_ment *m;             /* name mentions in text order */
    size_t nm, capm;
    so_ent *e;
    size_t ne, cape;
    so_role *r;
    size_t nr, capr;
    uint32_t *rhead;        /* the roles by head, then in text order (so_coref_roles) */
    so_ment *src;           /* mentions added by so_coref_resolve() */
    size_t nsrc, capsrc;
    so_ment *pm;            /* narrative he/she/his/her... resolved in text order */
    size_t npm, cappm;
    so_keys keys;
    size_t qa_first;        /* 1 + the first token of an interview's first "Q:" or "A:"
                               paragraph (d->ntok + 1 if none), 0 until looked up */
    int32_t byline;         /* 1 + the entity of a byline ("By Helen Marsh"), -1 none,
                               0 not looked for yet */
    const so_range *skip;   /* content of the attribution being resolved */
    size_t nskip;
    uint8_t posc[256];      /* tok.pos -> SO_PC_* */
    uint8_t nerc[256];      /* tok.ner -> SO_ET_* (0: O or untagged) */
    int tagged;             /* 1 when tok.pos holds tagger output */
    int32_t last_spk;       /* current speaker, or -1 */
    uint32_t last_spk_tok;  /* where it was last a source */
    uint32_t last_group;    /* the last unresolved plural source ("Local housing
                               groups"), UINT32_MAX when none */
    uint32_t last_body;     /* the last unresolved singular source headed by an
                               organisation noun ("The nurses' union"), or a
                               possessor's voice ("his campaign"), UINT32_MAX
                               when none */
    int32_t last_body_ent;  /* who it speaks for when last_body is a possessor's voice
                               ("his campaign"), or -1 */
    uint32_t last_src;      /* where the last source resolved or not starts (or
                               a sentence's role-noun subject, export.c's
                               role_subject), UINT32_MAX when none */
    uint32_t last_voice;    /* the head of that source when it is a voice
                               ("A spokeswoman for Croft & Lyle"), else UINT32_MAX */
    int32_t last_voice_ent; /* whom that voice speaks for, or -1 */
    uint32_t last_doc;      /* the head of the last resolved source headed by a
                               document's noun ("A report by ..."), UINT32_MAX when none */
    int32_t last_doc_ent;   /* what it was resolved to */
    int voice_kept;         /* 1 while resolving a pronoun voice_before took */
    uint32_t last_person;   /* the head of the last unresolved singular source
                               naming a person by a role noun ("The tenant"),
                               UINT32_MAX when none */
    int last_person_near;   /* 1 when that role noun has no gender ("One
                               developer"): only a pronoun in its own sentence
                               may mean that person */
};

#define SO_COREF_MAX_MENTIONS ((size_t)1 << 26)
#define SO_COREF_MAX_ROLE_PHRASES ((size_t)1 << 24)
#define SO_COREF_MAX_KEYS ((size_t)1 << 27)

/* ---- the steps of so_coref_open() ---- */
int so_coref_classes(so_coref *c);    /* fills c->cls */
int so_coref_find(so_coref *c);       /* name mentions (mention.c) */
int so_coref_cluster(so_coref *c);    /* entities (cluster.c) */
int so_coref_roles(so_coref *c);      /* roles (roles.c), indexed by head */
/* Give a relative named by a first name alone ("His wife, Carol,", "Brennan's wife,",
** "Their son, Luke,") the surname of the one the possessive means ("Carol
** Brennan"), after the pronouns are chained. */
void so_coref_relatives(so_coref *c);
/* The roles whose head is head, nearest token t: c->rhead[*first .. *first
** + n) in text order, n returned; of more than 2 * SO_ROLE_NEAR, only the
** SO_ROLE_NEAR whose names come last before t and the SO_ROLE_NEAR that
** come first after it. */
#define SO_ROLE_NEAR 16
size_t so_coref_roles_with(const so_coref *c, const char *head, size_t t, size_t *first);
void so_coref_subjects(so_coref *c); /* SO_MF_SUBJ, SO_MF_CUESUBJ (salience.c) */
void so_coref_genders(so_coref *c);   /* genders (gender.c) */
int so_coref_chain_pronouns(so_coref *c); /* c->pm (salience.c) */
/* The gender the evidence of e supports (gender.c). */
uint8_t so_coref_decide(const so_ent *e);

/* ---- helpers shared by the files ---- */
/* Is m a transcript's speaker label ("DUVAL: ...", so_para_label)? */
static inline int so_coref_is_label(const so_coref *c, const so_ment *m)
{
    const so_doc *d = c->d;
    return (d->tok[m->nb].flags & SO_TF_ALLCAP) && m->e < d->ntok && /* labels are capitals */
           m->e == so_para_label(d, d->tok[m->b].para);
}

static inline uint32_t so_cls(const so_coref *c, size_t i) { return c->cls[i]; }
/* The other sex of SAYSO_GENDER_FEMALE or SAYSO_GENDER_MALE. */
static inline uint8_t so_gender_other(uint8_t g) { return (uint8_t)(g ^ 3); }
static inline uint8_t so_posc(const so_coref *c, size_t i) { return c->posc[c->d->tok[i].pos]; }
static inline uint8_t so_nerc(const so_coref *c, size_t i) { return c->nerc[c->d->tok[i].ner]; }
/* Is token i a lower-case word? */
int so_coref_lower(const so_doc *d, size_t i);
/* Is token i the clitic 's / ’s / ' of a possessive? */
int so_coref_poss(const so_doc *d, size_t i);
/* Is token i the clitic of a possessive, or the apostrophe of one right
** after a word in -s ("Teachers' Union", "Reuters' Piet Aalders")? */
int so_coref_poss_any(const so_doc *d, size_t i);
/* Is name mention m the workplace of an outside voice: after "at" or
** "with" and one of their role nouns ("an analyst at Marlow Securities",
** "a professor at the University of Denver")? Such an organisation is
** seldom the one a later "the company" or "it" means; "a spokesman for
** Lumera" still counts. */
int so_coref_affiliation(const so_coref *c, const so_ment *m);

/* Is token i an age word: digits, then "-year-old" ("9-year-old", "58-Year-Old")? */
int so_coref_age_word(const so_doc *d, size_t i);
/* The length of a particle joined by a hyphen to a capitalised name that
** token i opens with ("al-" of "al-Assad", "el-" of "el-Sisi"), or 0. */
size_t so_coref_hyphen_particle(const so_doc *d, size_t i);
/* Is token i a particle of surnames, in any case (van, der, de, El, bin ...)? */
int so_coref_particle(const so_coref *c, size_t i);
/* How many of the n mentions v (sorted by start) start before token t. */
size_t so_coref_starting_before(const so_ment *v, size_t n, size_t t);
/* The last word of name mention m, before any Jr./III. */
size_t so_coref_last_word(const so_coref *c, const so_ment *m);
/* The entity the narrative pronoun at token p was resolved to (c->pm is
** in text order: a binary search), or -1. */
int32_t so_coref_pronoun_ent(const so_coref *c, size_t p);
/* Mention index of the last name mention starting before token t, or -1. */
long so_coref_ment_before(const so_coref *c, size_t t);
/* Is mention m a team before a player's or an official's role and a name
** ("Westport boss Ian Reed")? */
int so_coref_team_role(const so_coref *c, const so_ment *m);
/* Does name mention m follow "the" (or a possessive) and an organisation's
** noun ("the drivers' union Aslef", "the charity Shelter"), or such a noun
** phrase that opens its sentence ("Ferry operator Channel Link")? */
int so_coref_noun_apposed(const so_coref *c, const so_ment *m);
/* The sexes (SAYSO_GENDER_FEMALE | SAYSO_GENDER_MALE bits) that the lexicon
** gives the first word of name mention m when m has two words or more
** (Hillary Clinton; not Warren, which may be a surname) or is a couple's
** first name ("Janet" of "Janet and Robert Hale"); 0 when none. */
uint8_t so_coref_first_name(const so_coref *c, const so_ment *m);
/* Head token of role noun phrase [b, e): the last word of class cls (role
** nouns and titles for people, organisation nouns for organisations)
** before a preposition, or SIZE_MAX when there is none. */
size_t so_coref_role_head(const so_coref *c, size_t b, size_t e, uint32_t cls);
/* Canonical spelling of the role head at token i into buf[SO_ROLE_HEAD_MAX]:
** lower case, no final period, variants folded (Sen. -> senator,
** spokeswoman -> spokesman). Heads with equal spellings name the same role. */
void so_coref_role_canon(const so_doc *d, size_t i, char *buf);
/* Add a mention / entity / role; 0 or -1 when memory runs out or a cap is hit. */
int so_coref_add_ment(so_coref *c, const so_ment *m);
int so_coref_add_role(so_coref *c, size_t b, size_t e, size_t h, int32_t ent);
int32_t so_coref_new_ent(so_coref *c, int32_t mention);

/* Pronoun resolution (salience.c): the entity pronoun token p refers to,
** or -1. want: SO_LX_PRON_M/F/N/P class of the pronoun. */
int32_t so_coref_pronoun(so_coref *c, size_t p, uint32_t want);
/* Is entity k compatible with a pronoun of class want? */
int so_coref_agrees(const so_coref *c, int32_t k, uint32_t want);

#endif
