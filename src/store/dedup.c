/*
** dedup.c -- the writer's in-memory index for cross-article quotes: which
** cluster holds a normalised key exactly, and which clusters share winnowed
** token shingles with it, then the verdict that decides membership:
**
**   exact      the same normalised tokens (keys shorter than SO_SHORT_TOK
**              tokens also need the same speaker: the exact-key hash holds it);
**
** and, only between quoted keys (a direct quotation, or the words inside the
** quotation marks of a mixed one; a paraphrase matches exactly or not at all):
**   contained  both keys have SO_FUZZY_TOK tokens or more and the shorter
**              is a contiguous run of the longer, not right after a negation
**              (a shortened quotation);
**   fuzzy      same lengths rule, 60% of the shorter key's 3-token shingles
**              occur in the longer one (shared runs, not scattered words),
**              their longest common subsequence covers 80% of the shorter
**              key, and no negation is added or dropped ("we will" / "we will
**              not"): an ellipsis, a changed or missing word.
**
** Winnowing (window SO_WINNOW over shingle hashes) stores about 40% of the
** representative's shingles, and a new key probes all of its own, so any
** shared run of SO_FUZZY_TOK tokens is always found. The index is rebuilt
** from the clusters table when a writer opens (store_load in write.c).
*/
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/store_int.h"

#define MAX_MAP ((size_t)1 << 31)
#define MAX_POST ((size_t)1 << 31)
#define MAX_CL ((size_t)1 << 40)
#define POST_PER_KEY 64 /* a shingle in more clusters than this is too common */
#define MAX_CAND 32
#define NEG_REACH 3     /* words before a contained run checked for a negation */

/* ---- a u64 -> u64 open-addressing map; key 0 is mapped to 1 ---- */

static int map_grow(so_u64map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    if (cap > MAX_MAP)
        return -1;
    uint64_t *k = calloc(cap, sizeof *k), *v = calloc(cap, sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->key[i])
            continue;
        size_t j = m->key[i] & (cap - 1);
        while (k[j])
            j = (j + 1) & (cap - 1);
        k[j] = m->key[i];
        v[j] = m->val[i];
    }
    free(m->key);
    free(m->val);
    m->key = k;
    m->val = v;
    m->cap = cap;
    return 0;
}

int so_map_put(so_u64map *m, uint64_t key, uint64_t val)
{
    key += !key;
    if ((m->n + 1) * 2 > m->cap && map_grow(m))
        return -1;
    size_t j = key & (m->cap - 1);
    while (m->key[j] && m->key[j] != key)
        j = (j + 1) & (m->cap - 1);
    m->n += !m->key[j];
    m->key[j] = key;
    m->val[j] = val;
    return 0;
}

int so_map_get(const so_u64map *m, uint64_t key, uint64_t *val)
{
    key += !key;
    if (!m->cap)
        return 0;
    size_t j = key & (m->cap - 1);
    while (m->key[j]) {
        if (m->key[j] == key) {
            *val = m->val[j];
            return 1;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return 0;
}

void so_map_free(so_u64map *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* ---- shingles ---- */

static uint64_t shingle(const uint32_t *t)
{
    uint64_t x = ((uint64_t)t[0] << 32 | t[1]) ^ ((uint64_t)t[2] * 0x9e3779b97f4a7c15ULL);
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    return x ^ (x >> 29);
}

static size_t shingles(const uint32_t *t, size_t n, uint64_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i + SO_SHINGLE <= n; i++)
        out[k++] = shingle(t + i);
    return k;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t uniq(uint64_t *a, size_t n)
{
    qsort(a, n, sizeof *a, cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || a[k - 1] != a[i])
            a[k++] = a[i];
    return k;
}

static int is_negator(uint32_t t);

/* Is a[0..na) a contiguous run of b[0..nb), not just after a negation
** ("rebuild the bridge" is no part of "we will not rebuild the bridge")? */
static int contains(const uint32_t *b, size_t nb, const uint32_t *a, size_t na)
{
    for (size_t i = 0; i + na <= nb; i++) {
        if (b[i] != a[0] || memcmp(b + i, a, na * sizeof *a))
            continue;
        int negated = 0;
        for (size_t k = i > NEG_REACH ? i - NEG_REACH : 0; k < i; k++)
            negated |= is_negator(b[k]);
        if (!negated)
            return 1;
    }
    return 0;
}

static int in_sorted(const uint64_t *s, size_t n, uint64_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && s[lo] == x;
}

/* Negations, normalised: a near-duplicate may not add or drop one. */
static const char *const negators[] = {
    "not", "no", "never", "nor", "none", "nothing", "nobody", "neither", "cannot", "dont",
    "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "cant", "couldnt",
    "shouldnt", "hasnt", "havent", "hadnt", "aint", "without", NULL};

static int is_negator(uint32_t t)
{
    for (int k = 0; negators[k]; k++)
        if (so_store_tokhash(negators[k], strlen(negators[k])) == t)
            return 1;
    return 0;
}

/* Align a with the longer b (longest common subsequence): 1 when the
** alignment covers 80% of a and no negation is left out: no word of a, no
** word of b between its first and last aligned words or just before. */
static int aligned(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t w = nb + 1;
    uint16_t *dp = malloc((na + 1) * w * sizeof *dp);
    if (!dp)
        return 0;
    for (size_t j = 0; j <= nb; j++)
        dp[j] = 0;
    for (size_t i = 1; i <= na; i++) {
        dp[i * w] = 0;
        for (size_t j = 1; j <= nb; j++) {
            uint16_t up = dp[(i - 1) * w + j], left = dp[i * w + j - 1];
            dp[i * w + j] = a[i - 1] == b[j - 1] ? (uint16_t)(dp[(i - 1) * w + j - 1] + 1)
                                                 : up > left ? up : left;
        }
    }
    int ok = (size_t)dp[na * w + nb] * 10 >= na * 8, seen = 0, pending = 0;
    size_t i = na, j = nb, first = nb; /* first: b's first aligned word */
    while (ok && i && j) {
        if (a[i - 1] == b[j - 1] && dp[i * w + j] == dp[(i - 1) * w + j - 1] + 1) {
            ok = !pending; /* a negation of b left out inside the alignment */
            seen = 1;
            first = --j;
            i--;
        } else if (dp[(i - 1) * w + j] >= dp[i * w + j - 1]) {
            ok = !is_negator(a[--i]);
        } else {
            j--;
            pending |= seen && is_negator(b[j]);
        }
    }
    while (ok && i)
        ok = !is_negator(a[--i]);
    for (size_t k = first > NEG_REACH ? first - NEG_REACH : 0; ok && seen && k < first; k++)
        ok = !is_negator(b[k]); /* nor just before it */
    free(dp);
    return ok;
}

/* The verdict for key a (whose sorted distinct shingles are sa[0..ka)) and
** key b. The shingles of b are looked up in sa, so b is never sorted. */
static int match_pre(const uint32_t *a, size_t na, const uint64_t *sa, size_t ka,
                     const uint32_t *b, size_t nb)
{
    if (na == nb && na && !memcmp(a, b, na * sizeof *a))
        return SO_DD_EXACT;
    if (na < SO_FUZZY_TOK || nb < SO_FUZZY_TOK)
        return SO_DD_NONE;
    if (na <= nb ? contains(b, nb, a, na) : contains(a, na, b, nb))
        return SO_DD_CONTAINED;
    size_t kb = 0, inter = 0;
    for (size_t i = 0; i + SO_SHINGLE <= nb; i++, kb++)
        inter += (size_t)in_sorted(sa, ka, shingle(b + i));
    if (inter > ka)
        inter = ka; /* a phrase repeated in b */
    size_t mn = ka < kb ? ka : kb;
    if (!mn || inter * 10 < mn * 6)
        return SO_DD_NONE;
    return (na <= nb ? aligned(a, na, b, nb) : aligned(b, nb, a, na)) ? SO_DD_FUZZY : SO_DD_NONE;
}

int so_dd_match(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    uint64_t sa[SO_MAX_KEY_TOK];
    na = na > SO_MAX_KEY_TOK ? SO_MAX_KEY_TOK : na;
    nb = nb > SO_MAX_KEY_TOK ? SO_MAX_KEY_TOK : nb;
    return match_pre(a, na, sa, uniq(sa, shingles(a, na, sa)), b, nb);
}

/* ---- the index ---- */

static int fp_add(so_dedup *d, uint64_t key, int64_t cid)
{
    uint64_t head = 0;
    so_map_get(&d->fp, key, &head);
    size_t count = 0;
    for (uint64_t p = head; p; p = d->post_next[p - 1], count++)
        if (d->post_cid[p - 1] == cid || count >= POST_PER_KEY)
            return 0;
    if (d->npost >= d->cappost) {
        size_t cap = d->cappost, cap2 = d->cappost;
        if (so_grow(&d->post_cid, &cap, d->npost + 1, sizeof *d->post_cid, MAX_POST) ||
            so_grow(&d->post_next, &cap2, d->npost + 1, sizeof *d->post_next, MAX_POST))
            return -1;
        d->cappost = cap < cap2 ? cap : cap2;
    }
    d->post_cid[d->npost] = cid;
    d->post_next[d->npost] = (uint32_t)head;
    d->npost++;
    return so_map_put(&d->fp, key, d->npost);
}

/* Winnow the shingles of t: the minimum of every window of SO_WINNOW. */
static int winnow(so_dedup *d, const uint32_t *t, size_t n, int64_t cid)
{
    uint64_t h[SO_MAX_KEY_TOK];
    size_t ns = shingles(t, n, h), last = (size_t)-1;
    size_t w = ns < SO_WINNOW ? ns : SO_WINNOW;
    for (size_t i = 0; i + w <= ns && w; i++) {
        size_t best = i;
        for (size_t k = i + 1; k < i + w; k++)
            if (h[k] <= h[best])
                best = k;
        if (best != last && fp_add(d, h[best], cid))
            return -1;
        last = best;
    }
    return 0;
}

static int ensure_cl(so_dedup *d, int64_t cid)
{
    if (cid <= 0)
        return -1;
    size_t old = d->ncl;
    if ((size_t)cid >= d->ncl &&
        so_grow(&d->cl, &d->ncl, (size_t)cid + 1, sizeof *d->cl, MAX_CL))
        return -1;
    if (d->ncl > old)
        memset(d->cl + old, 0, (d->ncl - old) * sizeof *d->cl);
    return 0;
}

int so_dd_better(const so_dedup *d, int64_t cid, int quoted, size_t ntok)
{
    const so_dd_cluster *c = &d->cl[cid];
    return quoted != c->quoted ? quoted > c->quoted : ntok > c->ntok;
}

int so_dd_set_rep(so_dedup *d, int64_t cid, const uint32_t *tok, size_t ntok, int quoted)
{
    if (ensure_cl(d, cid))
        return -1;
    so_dd_cluster *c = &d->cl[cid];
    if (ntok > SO_MAX_KEY_TOK)
        ntok = SO_MAX_KEY_TOK;
    uint32_t *copy = ntok ? malloc(ntok * sizeof *copy) : NULL;
    if (ntok && !copy)
        return -1;
    if (ntok)
        memcpy(copy, tok, ntok * sizeof *copy);
    free(c->tok);
    c->tok = copy;
    c->ntok = (uint32_t)ntok;
    c->into = 0;
    c->alive = 1;
    c->quoted = quoted;
    return quoted && ntok >= SO_FUZZY_TOK ? winnow(d, tok, ntok, cid) : 0;
}

int so_dd_add_exact(so_dedup *d, uint64_t key, int64_t cid)
{
    return key ? so_map_put(&d->exact, key, (uint64_t)cid) : 0;
}

void so_dd_kill(so_dedup *d, int64_t cid, int64_t into)
{
    if (cid > 0 && (size_t)cid < d->ncl) {
        d->cl[cid].alive = 0;
        d->cl[cid].into = into;
        free(d->cl[cid].tok);
        d->cl[cid].tok = NULL;
        d->cl[cid].ntok = 0;
    }
}

int64_t so_dd_resolve(const so_dedup *d, int64_t cid)
{
    for (int hops = 0; hops < 64; hops++) {
        if (cid <= 0 || (size_t)cid >= d->ncl)
            return 0;
        if (d->cl[cid].alive)
            return cid;
        if (d->cl[cid].into <= 0)
            return 0;
        cid = d->cl[cid].into;
    }
    return 0;
}

typedef struct cand {
    int64_t cid;
    int hits, verdict, same_spk;
} cand;

static void add_cand(cand *c, size_t *n, int64_t cid, int verdict)
{
    for (size_t k = 0; k < *n; k++)
        if (c[k].cid == cid) {
            c[k].hits++;
            if (verdict > c[k].verdict)
                c[k].verdict = verdict;
            return;
        }
    if (*n < MAX_CAND)
        c[(*n)++] = (cand){cid, 1, verdict, 0};
}

/* Best first: exact, then the same speaker, containment before fuzzy,
** more shared fingerprints, older. */
static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if ((x->verdict == SO_DD_EXACT) != (y->verdict == SO_DD_EXACT))
        return x->verdict == SO_DD_EXACT ? -1 : 1;
    if (x->same_spk != y->same_spk)
        return y->same_spk - x->same_spk;
    if (x->verdict != y->verdict)
        return y->verdict - x->verdict;
    if (x->hits != y->hits)
        return y->hits - x->hits;
    return x->cid < y->cid ? -1 : x->cid > y->cid;
}

/* The fewest fingerprint hits a containment can give. If the shorter key
** has m shingles, the longer key's windows that lie inside the shared run
** number m - W + 1, each holds a fingerprint and one fingerprint serves at
** most W windows: so at least ceil((m - W + 1) / W) distinct fingerprints
** are shared. Candidates with fewer hits are not verified (for the fuzzy
** rule this is a heuristic: near-duplicates share long runs too). */
static int min_hits(size_t na, size_t nb)
{
    size_t mn = na < nb ? na : nb;
    if (mn < SO_FUZZY_TOK || mn - (SO_SHINGLE - 1) < SO_WINNOW)
        return 1;
    size_t m = mn - (SO_SHINGLE - 1);
    size_t need = (m - SO_WINNOW + 1 + SO_WINNOW - 1) / SO_WINNOW;
    return need > 1 ? (int)need : 1;
}

/* Collect candidate clusters: the exact key's, and those sharing a
** fingerprint with a quoted key. */
static size_t candidates(so_dedup *d, const so_sq *q, const uint64_t *h, size_t ns, cand *c)
{
    size_t n = 0;
    uint64_t v;
    int64_t cid;
    if (q->exact && so_map_get(&d->exact, q->exact, &v) && (cid = so_dd_resolve(d, (int64_t)v)))
        add_cand(c, &n, cid, SO_DD_EXACT);
    for (size_t i = 0; i < ns; i++) {
        if (!so_map_get(&d->fp, h[i], &v))
            continue;
        for (uint64_t p = v; p; p = d->post_next[p - 1])
            if ((cid = so_dd_resolve(d, d->post_cid[p - 1])) && d->cl[cid].quoted)
                add_cand(c, &n, cid, SO_DD_NONE);
    }
    return n;
}

size_t so_dd_find(so_dedup *d, const so_sq *q, uint64_t spk, so_dd_hit *out, size_t max)
{
    cand c[MAX_CAND];
    uint64_t h[SO_MAX_KEY_TOK];
    size_t ns = q->quoted && q->ntok >= SO_FUZZY_TOK ? shingles(q->tok, q->ntok, h) : 0;
    size_t n = candidates(d, q, h, ns, c);
    ns = uniq(h, ns);
    for (size_t k = 0; k < n; k++) {
        const so_dd_cluster *cl = &d->cl[c[k].cid];
        if (c[k].verdict == SO_DD_NONE && c[k].hits >= min_hits(q->ntok, cl->ntok))
            c[k].verdict = match_pre(q->tok, q->ntok, h, ns, cl->tok, cl->ntok);
        c[k].same_spk = spk && cl->spk == spk;
    }
    qsort(c, n, sizeof *c, cmp_cand);
    size_t m = 0;
    for (size_t k = 0; k < n && m < max; k++)
        if (c[k].verdict != SO_DD_NONE)
            out[m++] = (so_dd_hit){c[k].cid, c[k].verdict == SO_DD_EXACT ||
                                                 d->cl[c[k].cid].ntok <= q->ntok};
    return m;
}

void so_dd_set_speaker(so_dedup *d, int64_t cid, uint64_t spk)
{
    if (cid > 0 && (size_t)cid < d->ncl)
        d->cl[cid].spk = spk;
}

void so_dd_free(so_dedup *d)
{
    for (size_t k = 0; k < d->ncl; k++)
        free(d->cl[k].tok);
    free(d->cl);
    free(d->post_cid);
    free(d->post_next);
    so_map_free(&d->exact);
    so_map_free(&d->fp);
    memset(d, 0, sizeof *d);
}
