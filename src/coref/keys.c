/*
** keys.c -- the key table of the speaker module: 64-bit hashes of name
** parts (full name, surname, first name, acronym, organisation head or
** tail word) mapped to the entities that carry them. Open addressing with
** linear probing; one key may map to several entities, the first
** SO_KEY_MAX_ENTS of them (so that a word a thousand names share, such as
** "Corp" in a corpus joined into one text, costs no more than a rare one).
** Capped.
*/
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "coref/coref_int.h"

static size_t slot_of(const so_keys *t, uint64_t k)
{
    return (size_t)(k ^ (k >> 29)) & (t->cap - 1);
}

static int grow(so_keys *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 64;
    if (ncap > SO_COREF_MAX_KEYS)
        return -1;
    so_key *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return -1;
    so_keys nt = {ns, 0, ncap};
    size_t z = 0; /* start after an empty slot (at most half are full), so that */
    while (z < t->cap && t->slot[z].k) /* each run of slots moves in its order, */
        z++;                          /* and a key's entities stay in theirs */
    for (size_t q = 1; q <= t->cap; q++) {
        const so_key *o = &t->slot[(z + q) & (t->cap - 1)];
        if (o->k) {
            size_t s = slot_of(&nt, o->k);
            while (ns[s].k)
                s = (s + 1) & (ncap - 1);
            ns[s] = *o;
            nt.n++;
        }
    }
    free(t->slot);
    *t = nt;
    return 0;
}

int so_coref_keys_put(so_keys *t, uint64_t k, int32_t ent)
{
    if (!k)
        k = 1;
    if ((t->n + 1) * 2 > t->cap && grow(t))
        return -1;
    size_t s = slot_of(t, k), same = 0;
    while (t->slot[s].k) {
        if (t->slot[s].k == k && (t->slot[s].ent == ent || ++same == SO_KEY_MAX_ENTS))
            return 0;
        s = (s + 1) & (t->cap - 1);
    }
    t->slot[s].k = k;
    t->slot[s].ent = ent;
    t->n++;
    return 0;
}

size_t so_coref_keys_get(const so_keys *t, uint64_t k, int32_t *out, size_t max)
{
    if (!t->cap)
        return 0;
    if (!k)
        k = 1;
    size_t n = 0;
    for (size_t s = slot_of(t, k); t->slot[s].k; s = (s + 1) & (t->cap - 1))
        if (t->slot[s].k == k && n < max)
            out[n++] = t->slot[s].ent;
    return n;
}

void so_coref_keys_free(so_keys *t)
{
    free(t->slot);
    memset(t, 0, sizeof *t);
}

int so_coref_mixed_acro(const so_doc *d, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i), up = 0;
    if (n < 3 || n > 6 || !(s[0] >= 'A' && s[0] <= 'Z') || !(s[n - 1] >= 'A' && s[n - 1] <= 'Z') ||
        (n == 3 && s[0] == 'P' && s[1] == 'h'))
        return 0; /* not "PhD" */
    for (size_t k = 0; k < n; k++) {
        int lo = s[k] >= 'a' && s[k] <= 'z';
        if (!lo && !(s[k] >= 'A' && s[k] <= 'Z'))
            return 0;
        if (lo && k > 0 && s[k - 1] >= 'a' && s[k - 1] <= 'z')
            return 0; /* one lower-case letter at a time */
        up += !lo;
    }
    return up >= 2 && up < n;
}

/* Upper-case initials of the non-connector words of [b, e), or the letters
** of one all-capitals token (F.B.I. -> FBI), or the capitals of a mixed
** one (DfT -> DT, of the Department for Transport). */
static uint64_t acro_key(const so_doc *d, size_t b, size_t e)
{
    char buf[24];
    size_t n = 0;
    for (size_t i = b; i < e && n < sizeof buf; i++) {
        const char *s = so_tok_str(d, i);
        size_t len = so_tok_len(d, i);
        if (e - b == 1) {
            int mixed = so_coref_mixed_acro(d, i);
            for (size_t k = 0; k < len && n < sizeof buf; k++)
                if (s[k] != '.' && !(mixed && s[k] >= 'a' && s[k] <= 'z'))
                    buf[n++] = (char)(s[k] >= 'a' && s[k] <= 'z' ? s[k] - 32 : s[k]);
        } else if (s[0] >= 'A' && s[0] <= 'Z') {
            buf[n++] = s[0];
        }
    }
    return n >= 2 ? so_fnv(SO_FNV_INIT ^ SO_K_ACRO, buf, n) : 0;
}

/* The key of kind for one word of n bytes at p. */
static uint64_t word_key(int kind, const char *p, size_t n)
{
    return so_fnv(so_fnv(SO_FNV_INIT ^ (uint64_t)kind, " ", 1), p, n);
}

uint64_t so_coref_key(const so_doc *d, int kind, size_t b, size_t e)
{
    if (kind == SO_K_ACRO)
        return acro_key(d, b, e);
    uint64_t h = SO_FNV_INIT ^ (uint64_t)kind;
    if (e == b + 1) /* the common case: one word */
        return word_key(kind, so_tok_str(d, b), so_tok_len(d, b));
    for (size_t i = b; i < e; i++) {
        if (kind == SO_K_FIRSTLAST && i != b && i + 1 != e)
            continue;
        h = so_fnv(h, " ", 1);
        h = kind == SO_K_SURNAME ? so_fnv_low(h, so_tok_str(d, i), so_tok_len(d, i))
                                 : so_fnv(h, so_tok_str(d, i), so_tok_len(d, i));
    }
    return h;
}

uint64_t so_coref_key_from(const so_doc *d, int kind, size_t i, size_t off)
{
    size_t n = so_tok_len(d, i);
    return word_key(kind, so_tok_str(d, i) + (off < n ? off : n), off < n ? n - off : 0);
}

uint64_t so_coref_key_prefix(const so_doc *d, int kind, size_t i, size_t len)
{
    size_t n = so_tok_len(d, i);
    return word_key(kind, so_tok_str(d, i), len < n ? len : n);
}

uint64_t so_coref_key_pair(const so_doc *d, size_t f, size_t l)
{
    uint64_t h = so_fnv(SO_FNV_INIT ^ (uint64_t)SO_K_FIRSTLAST, " ", 1);
    h = so_fnv(so_fnv(h, so_tok_str(d, f), so_tok_len(d, f)), " ", 1);
    return so_fnv(h, so_tok_str(d, l), so_tok_len(d, l));
}

uint64_t so_coref_key_title(const so_doc *d, int kind, size_t i)
{
    const char *s = so_tok_str(d, i);
    size_t n = so_tok_len(d, i);
    uint64_t h = so_fnv(SO_FNV_INIT ^ (uint64_t)kind, " ", 1);
    return n ? so_fnv_low(so_fnv(h, s, 1), s + 1, n - 1) : h;
}
