/*
** doc.h -- the analysed document that flows through the pipeline:
** text -> tokens and sentences -> tags -> quotes -> attribution -> speakers.
** Every stage reads what earlier stages wrote and adds its own layer.
*/
#ifndef SO_DOC_H
#define SO_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/util.h"

/* Token kinds. */
enum {
    SO_TK_WORD = 0, /* letters (may contain digits, hyphens, apostrophes) */
    SO_TK_NUM,      /* starts with a digit */
    SO_TK_PUNCT,    /* . , ; : ! ? ( ) ... */
    SO_TK_QUOTE,    /* a quotation mark or apostrophe-like mark */
    SO_TK_DASH,     /* - -- en and em dashes */
    SO_TK_SYM       /* anything else (symbols, invalid bytes) */
};

/* Token flags. */
#define SO_TF_CAP 0x0001u        /* first letter is upper case */
#define SO_TF_ALLCAP 0x0002u     /* two or more letters, all upper case */
#define SO_TF_SENT_START 0x0004u /* first token of a sentence */
#define SO_TF_PARA_START 0x0008u /* first token of a paragraph */
#define SO_TF_SPACE_BEFORE 0x0010u
#define SO_TF_ABBREV 0x0020u     /* word with a final period (Gov. U.S.) */
#define SO_TF_NL_BEFORE 0x0040u  /* a newline precedes the token */
#define SO_TF_CLITIC 0x0080u     /* 's n't 're ... split from the word before */
#define SO_TF_CUE_SHIFT 8        /* bits 8-9: the cue class (so_cue_mark) ... */
#define SO_TF_CUE_SET 0x0400u    /* ... valid when this bit is set */
#define SO_TF_CUE_RULES 0x0800u  /* the class is of a rules-only form (so_cue_model_class: none) */

/* Roles of quotation-mark tokens, set by the quote layer. */
enum {
    SO_QM_NONE = 0,
    SO_QM_OPEN,       /* opens a quotation */
    SO_QM_CLOSE,      /* closes a quotation */
    SO_QM_APOS,       /* an apostrophe (don't, '90s, Jones') */
    SO_QM_STRAY       /* a mark that pairs with nothing */
};

typedef struct so_tok {
    uint32_t start, end; /* byte offsets, half open */
    uint32_t sent;       /* sentence index */
    uint32_t para;       /* paragraph index */
    uint16_t flags;
    uint8_t kind;        /* SO_TK_* */
    uint8_t qm;          /* SO_QM_* for quote marks */
    uint8_t qdouble;     /* 1 when the mark is a double quotation mark */
    uint8_t pos;         /* POS tag id from the tagger, 0 = none */
    uint8_t ner;         /* NER tag id, 0 = none/O */
    uint8_t inq;         /* quotation depth of the token (0 = outside quotes) */
    int32_t quote;       /* index of the innermost top-level quotation, or -1 */
} so_tok;

typedef struct so_range {
    uint32_t b, e; /* token indices, half open */
} so_range;

/* A top-level quotation: open mark to close mark, possibly across paragraphs. */
typedef struct so_quotation {
    uint32_t open_tok, close_tok; /* token indices of the marks (close_tok inclusive) */
    uint32_t n_words;             /* words inside */
    uint8_t dbl;                  /* double (1) or single (0) marks */
    uint8_t multi_para;           /* runs across paragraphs */
} so_quotation;

typedef struct so_doc {
    const char *text; /* caller's text, not owned */
    size_t len;
    so_tok *tok;
    size_t ntok, cap_tok;
    so_range *sent;
    size_t nsent, cap_sent;
    so_range *para;
    size_t npara, cap_para;
    so_quotation *q;
    size_t nq, cap_q;
} so_doc;

/* Tokenize text into doc (which must be zeroed), then split sentences and
** paragraphs. Returns 0, or -1 when memory runs out or a cap is hit. */
int so_tok_run(so_doc *doc, const char *text, size_t len);

/* Mark paragraphs and split sentences (called by so_tok_run). */
int so_sent_split(so_doc *doc);

/* The first token of sentence s after its dateline ("MERIDIAN —", "ST.
** LOUIS --", "PORT ELLIS, Maine —", "LONDON (Reuters) -", "FRANKFURT,
** March 12 (Reuters) -", "WREXHAM, Wales, March 3, 2026 /PRNewswire/
** --"): a dash among its first six tokens after a first word in capitals
** only and other capitalised words, commas or a number after a
** capitalised word (a day) or after a day and a comma (a year); among its
** first twelve after a date (a month and a day, or that year) or when a
** comma follows the words in capitals ("PORT ELLIS, Maine, USA —"); or
** right after a wire agency's name in brackets or a press release wire's
** between slashes that follows them. Also a live blog's
** time stamp opening a paragraph ("10:42 Power has been restored", "9:50
** a.m. - Police"). The sentence's first token when it has none. */
size_t so_sent_after_dateline(const so_doc *d, size_t s);

/* The colon after a transcript's speaker label that opens paragraph p (at
** most four words in capitals, then ":"; after an opening quotation mark
** when the transcript is quoted whole), or SIZE_MAX. Not an editor's tag
** ("UPDATE:", "CORRECTION:"), nor "Q:" and "A:" (so_para_qa). The rules
** make each labelled paragraph an attribution; the speaker step reads the
** label as a name. */
size_t so_para_label(const so_doc *d, size_t p);

/* The colon after a name in title case that opens paragraph p (one to
** three capitalised words, not all capitals, not an editor's tag, then ":"
** and two words or more; after an opening quotation mark when the
** transcript is quoted whole: "Moss: Worse than ..."), or SIZE_MAX. The
** rules take it as a speaker label only when the name is used so twice. */
size_t so_para_name_label(const so_doc *d, size_t p);

/* The colon after a name that opens paragraph p and introduces a
** quotation right after it, as in a round-up of reactions
** ("Confederation of British Industry: "A sensible budget ..."", "Paul
** Nowak, TUC: "..."): at most 12 tokens, capitalised words (the first not
** an editor's tag) with "of", "and", "for", "the" or "&" and commas
** before a capital between them; or SIZE_MAX. Not in the first paragraph
** (a headline: "Mayor on the Budget: 'We Will Balance It.'"). The
** rules also want the quotation to end on ".", "!" or "?" inside its marks
** (not "Brexit: "We will leave on time""). */
size_t so_para_quote_label(const so_doc *d, size_t p);

/* The colon of an interview's "Q:" or "A:" opening paragraph p with words
** after it, or SIZE_MAX; *qa is set to 'Q' or 'A'. The rules make each
** answer an attribution; the speaker step gives it the person interviewed. */
size_t so_para_qa(const so_doc *d, size_t p, int *qa);

/* Is token i a party member's word after a comma and before "of" and a
** capitalised word, a legislator's affiliation ("Linda Okoye, Democrat of
** Oregon,")? Neither it nor the state is a speaker, and it goes on the
** source it follows. */
int so_tok_affiliation(const so_doc *d, size_t i);

/* Free everything doc owns (not the text). */
void so_doc_free(so_doc *doc);

/* Token text helpers. so_tok_is and so_tok_is_exact are inline and test
** the first bytes before the lengths: most calls end there, and with a
** literal w the length is a constant. */
static inline const char *so_tok_str(const so_doc *d, size_t i) { return d->text + d->tok[i].start; }
static inline size_t so_tok_len(const so_doc *d, size_t i) { return d->tok[i].end - d->tok[i].start; }

/* Case-insensitive (ASCII) equality of token i with w. The first bytes
** are compared before w's length is taken (strlen, a call when w is no
** literal, as in so_tok_in's lists): (a | 32) != (b | 32) rules out a
** match with case ignored. */
static inline int so_tok_is(const so_doc *d, size_t i, const char *w)
{
    size_t n = so_tok_len(d, i);
    const char *s = so_tok_str(d, i);
    if (n && ((unsigned char)s[0] | 32u) != ((unsigned char)w[0] | 32u))
        return 0;
    return n == strlen(w) && so_eq_ci(s, n, w);
}

/* Exact equality of token i with w (first bytes first, as so_tok_is). */
static inline int so_tok_is_exact(const so_doc *d, size_t i, const char *w)
{
    size_t n = so_tok_len(d, i);
    const char *s = so_tok_str(d, i);
    if (n && s[0] != w[0])
        return 0;
    return n == strlen(w) && memcmp(s, w, n) == 0;
}

/* Are the n tokens from a the same words as the n tokens from b, case
** and all? */
static inline int so_toks_same(const so_doc *d, size_t a, size_t b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (so_tok_len(d, a + i) != so_tok_len(d, b + i) ||
            memcmp(so_tok_str(d, a + i), so_tok_str(d, b + i), so_tok_len(d, a + i)))
            return 0;
    return 1;
}

/* Is token i a lower-case word of six letters or more in -ing ("adding",
** "referring")? */
static inline int so_tok_ing(const so_doc *d, size_t i)
{
    size_t n = so_tok_len(d, i);
    return !(d->tok[i].flags & SO_TF_CAP) && n > 5 && !memcmp(so_tok_str(d, i) + n - 3, "ing", 3);
}

/* Is token i (ASCII case ignored) one of the NULL-terminated words? */
static inline int so_tok_in(const so_doc *d, size_t i, const char *const *words)
{
    for (size_t k = 0; words[k]; k++)
        if (so_tok_is(d, i, words[k]))
            return 1;
    return 0;
}

/* Does token i open or close a quotation (not an apostrophe, not a stray
** mark)? */
static inline int so_tok_quote_edge(const so_doc *d, size_t i)
{
    return d->tok[i].qm == SO_QM_OPEN || d->tok[i].qm == SO_QM_CLOSE;
}

/* Is token i a quotation mark, paired or stray, and not an apostrophe (the
** plural possessive's in "the developers' trade body", "don't")? */
static inline int so_tok_is_qmark(const so_doc *d, size_t i)
{
    return d->tok[i].kind == SO_TK_QUOTE && d->tok[i].qm != SO_QM_APOS;
}

/* The tokens overlapping the bytes [bs, be) (empty range at the first token
** after bs when none does). Binary search: the tokens are in text order. */
so_range so_doc_token_range(const so_doc *d, size_t bs, size_t be);

/* Byte offset of every code point 0..n of text (n + 1 entries, the last is
** len; invalid bytes count as one code point each); *ncp = n. malloc'd;
** NULL when memory runs out. */
size_t *so_doc_cp_offsets(const char *text, size_t len, size_t *ncp);

/* Most tokens one document may have (caps memory for huge inputs). */
#define SO_MAX_TOKENS ((size_t)1 << 28)

#endif
