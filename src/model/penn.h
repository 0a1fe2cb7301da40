/*
** penn.h -- the Penn Treebank POS tag set as one enum (prefix so_penn_),
** so that the modules that read POS tags (the attribution model, source
** tidying, the speaker module) test ids, not tag names. A POS tagger maps
** its tag names to it once, at load (so_tag_penn in tagger.h).
*/
#ifndef SO_PENN_H
#define SO_PENN_H

#include <stdint.h>

/* The 45 tags of the Penn Treebank (as CoreNLP writes them), and NONE for
** an untagged token or a name outside the set. */
#define SO_PENN_TAGS(X)                                                                       \
    X(CC, "CC") X(CD, "CD") X(DT, "DT") X(EX, "EX") X(FW, "FW") X(IN, "IN") X(JJ, "JJ")       \
    X(JJR, "JJR") X(JJS, "JJS") X(LS, "LS") X(MD, "MD") X(NN, "NN") X(NNS, "NNS")             \
    X(NNP, "NNP") X(NNPS, "NNPS") X(PDT, "PDT") X(POS, "POS") X(PRP, "PRP") X(PRPS, "PRP$")   \
    X(RB, "RB") X(RBR, "RBR") X(RBS, "RBS") X(RP, "RP") X(SYM, "SYM") X(TO, "TO") X(UH, "UH") \
    X(VB, "VB") X(VBD, "VBD") X(VBG, "VBG") X(VBN, "VBN") X(VBP, "VBP") X(VBZ, "VBZ")         \
    X(WDT, "WDT") X(WP, "WP") X(WPS, "WP$") X(WRB, "WRB") X(DOLLAR, "$") X(POUND, "#")        \
    X(COMMA, ",") X(PERIOD, ".") X(COLON, ":") X(LRB, "-LRB-") X(RRB, "-RRB-")                \
    X(OQUOTE, "``") X(CQUOTE, "''")

#define SO_PENN_ENUM(id, name) SO_PENN_##id,
typedef enum so_penn { SO_PENN_NONE = 0, SO_PENN_TAGS(SO_PENN_ENUM) SO_PENN_COUNT } so_penn;
#undef SO_PENN_ENUM

/* The tag of a name ("NNP", "PRP$"), SO_PENN_NONE for any other. */
so_penn so_penn_of(const char *name);

/* Tag families. */
static inline int so_penn_is_verb(unsigned t) { return t >= SO_PENN_VB && t <= SO_PENN_VBZ; }
static inline int so_penn_is_noun(unsigned t) { return t >= SO_PENN_NN && t <= SO_PENN_NNPS; }
static inline int so_penn_is_proper(unsigned t) { return t == SO_PENN_NNP || t == SO_PENN_NNPS; }
static inline int so_penn_is_common(unsigned t) { return t == SO_PENN_NN || t == SO_PENN_NNS; }
static inline int so_penn_is_adj(unsigned t) { return t >= SO_PENN_JJ && t <= SO_PENN_JJS; }
static inline int so_penn_is_adv(unsigned t) { return t >= SO_PENN_RB && t <= SO_PENN_RBS; }
static inline int so_penn_is_wh(unsigned t) { return t >= SO_PENN_WDT && t <= SO_PENN_WRB; }
/* A finite verb: past, present (either person) or a modal. */
static inline int so_penn_is_finite(unsigned t)
{
    return t == SO_PENN_VBD || t == SO_PENN_VBZ || t == SO_PENN_VBP || t == SO_PENN_MD;
}
/* A tag of the words a noun phrase is made of: determiner, possessive
** pronoun or ending, number, adjective, noun. */
static inline int so_penn_is_np(unsigned t)
{
    return so_penn_is_noun(t) || so_penn_is_adj(t) || t == SO_PENN_DT || t == SO_PENN_PRPS ||
           t == SO_PENN_POS || t == SO_PENN_CD;
}

#endif
