/*
** lex.c -- the word lexicon of the speaker module: titles, honorifics,
** organisation and place cues, role nouns, pronouns (lex_table.h), looked
** up in a hash table generated with it, and the per-token classes an
** so_coref caches.
*/
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "coref/coref_int.h"

#include "coref/lex_table.h"

#define LEX_MAX_WORD 31

/* ASCII letters lowercased, every other byte as it is. */
static const unsigned char lower_byte[256] = {
    SO_ID16(0x00), SO_ID16(0x10), SO_ID16(0x20), SO_ID16(0x30),
    '@', SO_ID8('a'), SO_ID8('i'), SO_ID8('q'), 'y', 'z', '[', '\\', ']', '^', '_',
    SO_ID16(0x60), SO_ID16(0x70), SO_ID16(0x80), SO_ID16(0x90), SO_ID16(0xa0), SO_ID16(0xb0),
    SO_ID16(0xc0), SO_ID16(0xd0), SO_ID16(0xe0), SO_ID16(0xf0)};

static inline unsigned char low(unsigned char ch)
{
    return lower_byte[ch];
}

/* Lower-case ASCII copy of s[0..n) into buf (NUL-terminated); 0 if too long. */
static int lower_copy(const char *s, size_t n, char *buf, size_t cap)
{
    if (n == 0 || n >= cap)
        return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)low((unsigned char)s[i]);
    buf[n] = 0;
    return 1;
}

/* Is the lexicon word w the lower-case form of s[0..n) (n > 0)? */
static int same_word(const char *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] != low((unsigned char)s[i]) || !w[i])
            return 0;
    return w[n] == 0;
}

/* One pass over s: the hash of its lower-case form (the one mklex.py
** uses), then a comparison in place with each word probed. */
uint32_t so_coref_lex(const char *s, size_t n)
{
    if (n == 0 || n > LEX_MAX_WORD)
        return 0;
    uint32_t h = 0x811c9dc5u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ low((unsigned char)s[i])) * 0x01000193u;
    for (size_t k = h & (LEX_HASH_SIZE - 1);; k = (k + 1) & (LEX_HASH_SIZE - 1)) {
        uint16_t w = lex_hash[k];
        if (w == 0xffff)
            return 0;
        if (same_word(lex_words[w].w, s, n))
            return lex_words[w].cls;
    }
}

static int cmp_str(const void *key, const void *elt)
{
    return strcmp((const char *)key, *(const char *const *)elt);
}

int so_coref_lex_place(const so_doc *d, size_t b, size_t e)
{
    char buf[48];
    size_t k = 0;
    for (size_t i = b; i < e; i++) {
        size_t n = so_tok_len(d, i);
        if (k + n + 2 > sizeof buf)
            return 0;
        if (i > b)
            buf[k++] = ' ';
        lower_copy(so_tok_str(d, i), n, buf + k, sizeof buf - k);
        k += n;
    }
    buf[k] = 0;
    if (e - b == 1)
        return (so_coref_lex(buf, k) & SO_LX_PLACE) != 0;
    return bsearch(buf, lex_places, sizeof lex_places / sizeof *lex_places,
                   sizeof *lex_places, cmp_str) != NULL;
}

size_t so_coref_place_len(const so_doc *d, size_t b, size_t e)
{
    for (size_t n = 3; n > 0; n--)
        if (b + n <= e && so_coref_lex_place(d, b, b + n))
            return n;
    return 0;
}

int so_coref_lex_check(void)
{
    for (unsigned ch = 0; ch < 256; ch++)
        if (low((unsigned char)ch) != (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch))
            return -1;
    for (size_t i = 0; i < sizeof lex_words / sizeof *lex_words; i++)
        if (so_coref_lex(lex_words[i].w, strlen(lex_words[i].w)) != lex_words[i].cls)
            return -1;
    for (size_t i = 1; i < sizeof lex_words / sizeof *lex_words; i++)
        if (strcmp(lex_words[i - 1].w, lex_words[i].w) >= 0)
            return -1;
    for (size_t i = 1; i < sizeof lex_places / sizeof *lex_places; i++)
        if (strcmp(lex_places[i - 1], lex_places[i]) >= 0)
            return -1;
    return 0;
}

/* Is word k in capitals (two letters or more, or a clitic such as "'S")? */
static int shouts(const so_doc *d, size_t k)
{
    const so_tok *t = &d->tok[k];
    if (t->kind != SO_TK_WORD)
        return 0;
    if (t->flags & SO_TF_CLITIC) {
        char last = so_tok_str(d, k)[so_tok_len(d, k) - 1];
        return last >= 'A' && last <= 'Z';
    }
    return (t->flags & SO_TF_ALLCAP) && so_tok_len(d, k) >= 2;
}

/* An all-capital word with no other such word within three tokens in its
** sentence ("A WHO official"; not "HE'S BEEN CALLED OUT"): an acronym
** when it spells a pronoun. */
static int acronym(const so_doc *d, size_t i)
{
    if (!(d->tok[i].flags & SO_TF_ALLCAP) || so_tok_len(d, i) < 2)
        return 0;
    size_t s = d->tok[i].sent;
    for (size_t k = i > 3 ? i - 3 : 0; k < i + 4 && k < d->ntok; k++)
        if (k != i && d->tok[k].sent == s && shouts(d, k))
            return 0;
    return 1;
}

int so_coref_classes(so_coref *c)
{
    const so_doc *d = c->d;
    c->cls = calloc(d->ntok ? d->ntok : 1, sizeof *c->cls);
    if (!c->cls)
        return -1;
    for (size_t i = 0; i < d->ntok; i++) {
        if (d->tok[i].kind == SO_TK_WORD || so_tok_is_exact(d, i, "&"))
            c->cls[i] = so_coref_lex(so_tok_str(d, i), so_tok_len(d, i));
        if ((c->cls[i] & (SO_LX_PRON | SO_LX_PRON_REL)) && acronym(d, i))
            c->cls[i] &= ~(SO_LX_PRON | SO_LX_PRON_REL | SO_LX_STOPCAP); /* WHO, not who */
    }
    return 0;
}

int so_coref_lower(const so_doc *d, size_t i)
{
    const so_tok *t = &d->tok[i];
    if (t->kind != SO_TK_WORD || (t->flags & SO_TF_CAP))
        return 0;
    unsigned char ch = (unsigned char)d->text[t->start];
    return ch >= 'a' && ch <= 'z';
}

int so_coref_particle(const so_coref *c, size_t i)
{
    const so_doc *d = c->d;
    return i < d->ntok && d->tok[i].kind == SO_TK_WORD && (so_cls(c, i) & SO_LX_PARTICLE);
}

size_t so_coref_hyphen_particle(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    if (d->tok[i].kind != SO_TK_WORD || n < 5 || s[2] != '-' || s[3] < 'A' || s[3] > 'Z')
        return 0;
    return (s[0] == 'a' && s[1] == 'l') || (s[0] == 'e' && s[1] == 'l') ? 3 : 0;
}

int so_coref_poss(const so_doc *d, size_t i)
{
    if (i >= d->ntok || !(d->tok[i].flags & SO_TF_CLITIC))
        return 0;
    size_t n = so_tok_len(d, i);
    const char *s = so_tok_str(d, i);
    return (s[n - 1] | 32) == 's' && (n == 2 || n == 4);
}

int so_coref_poss_any(const so_doc *d, size_t i)
{
    if (so_coref_poss(d, i))
        return 1;
    if (i == 0 || i >= d->ntok || d->tok[i].qm != SO_QM_APOS ||
        (d->tok[i].flags & SO_TF_SPACE_BEFORE))
        return 0; /* the bare apostrophe of a plural: "Teachers' Union", "Reuters'" */
    const char *w = so_tok_str(d, i - 1);
    size_t n = so_tok_len(d, i - 1);
    return n > 1 && (w[n - 1] | 32) == 's';
}

int so_coref_age_word(const so_doc *d, size_t i)
{
    size_t n = so_tok_len(d, i);
    const char *w = so_tok_str(d, i);
    return n >= 10 && w[0] >= '0' && w[0] <= '9' && so_eq_ci(w + n - 9, 9, "-year-old");
}

int so_coref_is_role_word(const so_doc *d, size_t i)
{
    return (so_coref_lex(so_tok_str(d, i), so_tok_len(d, i)) &
            (SO_LX_ROLE | SO_LX_TITLE | SO_LX_ORGNOUN | SO_LX_MODNOUN)) != 0;
}

int so_coref_affiliation(const so_coref *c, const so_ment *m)
{
    static const so_word w[] = {SO_WORD("analyst"),    SO_WORD("economist"),
                                SO_WORD("strategist"), SO_WORD("professor"),
                                SO_WORD("researcher"), SO_WORD("scholar"),
                                SO_WORD("fellow"),     SO_WORD("expert"),
                                SO_WORD("consultant"), SO_WORD("lecturer")};
    const so_doc *d = c->d;
    size_t b = m->b;
    if (b > 0 && so_tok_is(d, b - 1, "the"))
        b--;
    if (b < 2 || !(so_tok_is(d, b - 1, "at") || so_tok_is(d, b - 1, "with")))
        return 0;
    return so_word_in(so_tok_str(d, b - 2), so_tok_len(d, b - 2), w, sizeof w / sizeof *w);
}

int so_coref_is_particle_word(const so_doc *d, size_t i)
{
    return so_coref_lower(d, i) &&
           (so_coref_lex(so_tok_str(d, i), so_tok_len(d, i)) & SO_LX_PARTICLE) != 0;
}

int so_coref_is_honorific(const so_doc *d, size_t i)
{
    return (d->tok[i].flags & SO_TF_CAP) &&
           (so_coref_lex(so_tok_str(d, i), so_tok_len(d, i)) & SO_LX_HONOR) != 0;
}

int so_coref_is_not_name(const so_doc *d, size_t b, size_t e)
{
    return (so_coref_lex(so_tok_str(d, b), so_tok_len(d, b)) &
            (SO_LX_GROUP | SO_LX_ADJ | SO_LX_PLACE)) != 0 ||
           so_coref_lex_place(d, b, e);
}
