/*
** token.c -- the tokenizer: splits UTF-8 text into PTB-like tokens with byte
** offsets (clitics split, abbreviations and decimals kept whole, quotation
** marks as tokens of their own). Invalid bytes and NULs never stop it.
*/
#include "text/doc.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

/* Words that keep their final period: titles, months, company suffixes. */
static const so_word abbrevs[] = {
    SO_WORD("mr"), SO_WORD("mrs"), SO_WORD("ms"), SO_WORD("dr"), SO_WORD("gov"),
    SO_WORD("sen"), SO_WORD("rep"), SO_WORD("reps"), SO_WORD("sens"), SO_WORD("st"),
    SO_WORD("jr"), SO_WORD("sr"), SO_WORD("inc"), SO_WORD("co"), SO_WORD("corp"),
    SO_WORD("ltd"), SO_WORD("gen"), SO_WORD("lt"), SO_WORD("col"), SO_WORD("sgt"),
    SO_WORD("capt"), SO_WORD("cmdr"), SO_WORD("adm"), SO_WORD("maj"), SO_WORD("prof"),
    SO_WORD("rev"), SO_WORD("hon"), SO_WORD("pres"), SO_WORD("supt"), SO_WORD("atty"),
    SO_WORD("gov"), SO_WORD("jan"), SO_WORD("feb"), SO_WORD("mar"), SO_WORD("apr"),
    SO_WORD("jun"), SO_WORD("jul"), SO_WORD("aug"), SO_WORD("sep"), SO_WORD("sept"),
    SO_WORD("oct"), SO_WORD("nov"), SO_WORD("dec"), SO_WORD("vs"), SO_WORD("etc"),
    SO_WORD("no"), SO_WORD("nos"), SO_WORD("mt"), SO_WORD("ft"), SO_WORD("ave"),
    SO_WORD("blvd"), SO_WORD("dept"), SO_WORD("univ"), SO_WORD("est"), SO_WORD("approx"),
    SO_WORD("fig"), SO_WORD("vol"), SO_WORD("calif"), SO_WORD("fla"), SO_WORD("ga"),
    SO_WORD("ill"), SO_WORD("mass"), SO_WORD("mich"), SO_WORD("minn"), SO_WORD("penn"),
    SO_WORD("tenn"), SO_WORD("tex"), SO_WORD("va"), SO_WORD("wash"), SO_WORD("wis"),
    SO_WORD("ariz"), SO_WORD("ark"), SO_WORD("colo"), SO_WORD("conn"), SO_WORD("del"),
    SO_WORD("ind"), SO_WORD("kan"), SO_WORD("ky"), SO_WORD("la"), SO_WORD("md"),
    SO_WORD("miss"), SO_WORD("mo"), SO_WORD("mont"), SO_WORD("neb"), SO_WORD("nev"),
    SO_WORD("okla"), SO_WORD("ore"), SO_WORD("pa"), SO_WORD("vt"), SO_WORD("wyo"),
    SO_WORD("al"), SO_WORD("messrs"), SO_WORD("mmes"), SO_WORD("e.g"), SO_WORD("i.e"),
    SO_WORD("det"), SO_WORD("cllr"), SO_WORD("engr"), SO_WORD("barr")};

static int is_abbrev(const char *s, size_t n)
{
    return so_word_in(s, n, abbrevs, sizeof abbrevs / sizeof abbrevs[0]);
}

static int is_apos(uint32_t c)
{
    return c == '\'' || c == 0x2019;
}

static int is_quote_cp(uint32_t c)
{
    return c == '"' || c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x201A ||
           c == 0x201B || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F ||
           c == 0x00AB || c == 0x00BB || c == 0x2039 || c == 0x203A || c == 0x2033 ||
           c == 0xFF02;
}

static inline int is_wordch(uint32_t c)
{
    return so_cp_is_alpha(c) || so_cp_is_digit(c);
}

/* Length in bytes of a clitic ('s 're 've 'll 'd 'm) starting at the
** apostrophe at s[i], when it ends the word; 0 otherwise. */
static size_t clitic_len(const char *s, size_t n, size_t i)
{
    uint32_t c;
    size_t a = so_utf8_next(s, n, i, &c);
    size_t j = i + a, k = j;
    while (k < n && k - j < 3 && ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z'))
        k++;
    if (k < n) {
        uint32_t nc;
        so_utf8_next(s, n, k, &nc);
        if (is_wordch(nc))
            return 0;
    }
    static const so_word cl[] = {SO_WORD("s"),  SO_WORD("re"), SO_WORD("ve"),
                                 SO_WORD("ll"), SO_WORD("d"),  SO_WORD("m")};
    return so_word_in(s + j, k - j, cl, sizeof cl / sizeof cl[0]) ? k - i : 0;
}

typedef struct scan {
    const char *s;
    size_t n;
} scan;

/* Scan a word or number starting at i; returns its end. Keeps internal
** hyphens, periods of U.S.-style abbreviations, decimal points and thousands
** separators, and apostrophes inside names (O'Brien); stops before clitics. */
static size_t scan_word(const scan *sc, size_t i, int *is_num)
{
    const char *s = sc->s;
    size_t n = sc->n, j = i;
    uint32_t c, nx;
    so_utf8_next(s, n, i, &c);
    *is_num = so_cp_is_digit(c);
    while (j < n) {
        size_t k = so_utf8_next(s, n, j, &c);
        if (is_wordch(c)) {
            j += k;
            continue;
        }
        if (j + k >= n)
            break;
        so_utf8_next(s, n, j + k, &nx);
        if ((c == '-' || c == '.' || c == ',' || c == ':' || c == '/') && j > i) {
            uint32_t pv;
            so_utf8_prev(s, j, &pv);
            if (c == '-' && is_wordch(nx) && is_wordch(pv)) {
                j += k;
                continue;
            }
            if ((c == ',' || c == ':' || c == '.' || c == '/') && *is_num && so_cp_is_digit(nx) &&
                so_cp_is_digit(pv)) {
                j += k;
                continue;
            }
            if (c == '.' && so_cp_is_alpha(nx) && so_cp_is_alpha(pv)) {
                /* U.S. / e.g. : single letters separated by periods */
                size_t seg = j;
                while (seg > i && s[seg - 1] != '.')
                    seg--;
                size_t nseg = j + k;
                size_t e2 = nseg;
                while (e2 < n && so_cp_is_alpha((unsigned char)s[e2]) && (unsigned char)s[e2] < 0x80)
                    e2++;
                if (j - seg == 1 && e2 - nseg == 1) {
                    j += k;
                    continue;
                }
            }
            break;
        }
        if (is_apos(c) && is_wordch(nx)) {
            if (clitic_len(s, n, j))
                break;
            uint32_t pv;
            so_utf8_prev(s, j, &pv);
            /* n't: split before the n */
            if ((nx == 't' || nx == 'T') && (pv == 'n' || pv == 'N') && j - 1 > i) {
                size_t after = j + k + 1;
                uint32_t a2 = ' ';
                if (after < n)
                    so_utf8_next(s, n, after, &a2);
                if (!is_wordch(a2))
                    return j - 1;
            }
            if (so_cp_is_alpha(pv)) {
                j += k;
                continue;
            }
        }
        break;
    }
    return j;
}

static int push_tok(so_doc *d, size_t b, size_t e, int kind, unsigned flags)
{
    if (d->ntok >= d->cap_tok &&
        so_grow(&d->tok, &d->cap_tok, d->ntok + 1, sizeof *d->tok, SO_MAX_TOKENS))
        return -1;
    so_tok *t = &d->tok[d->ntok++];
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)b;
    t->end = (uint32_t)e;
    t->kind = (uint8_t)kind;
    t->flags = (uint16_t)flags;
    t->quote = -1;
    return 0;
}

/* Case flags for a word token. */
static unsigned case_flags(const char *s, size_t b, size_t e)
{
    unsigned f = 0;
    size_t letters = 0, upper = 0;
    int first = 1;
    for (size_t i = b; i < e;) {
        uint32_t c;
        i += so_utf8_next(s, e, i, &c);
        if (!so_cp_is_alpha(c))
            continue;
        letters++;
        if (so_cp_is_upper(c)) {
            upper++;
            if (first)
                f |= SO_TF_CAP;
        }
        first = 0;
    }
    if (letters >= 2 && upper == letters)
        f |= SO_TF_ALLCAP;
    return f;
}

/* Abbreviations that keep their period in lower case too. */
static const so_word lower_abbrevs[] = {SO_WORD("etc"), SO_WORD("vs"), SO_WORD("approx"),
                                        SO_WORD("fig"), SO_WORD("figs"), SO_WORD("vol"),
                                        SO_WORD("ft"), SO_WORD("cf"), SO_WORD("no"),
                                        SO_WORD("nos")};

/* A word [b, e) of s (n bytes) followed by '.' that keeps it: listed
** abbreviations (in lower case only those of lower_abbrevs: "children
** ill." and "a near miss." end sentences), "No." and "no." only before a
** number ("No. 10", not "She said no."), single letters (initials; not
** after "&": "seen in A&E." ends its sentence), and dotted forms such as
** U.S. */
static int keeps_period(const char *s, size_t n, size_t b, size_t e)
{
    if (e - b == 1 && so_cp_is_alpha((unsigned char)s[b]))
        return !(b > 0 && s[b - 1] == '&' && !(b > 1 && s[b - 2] == '.')); /* not the last
                                   letter of "A&E." or "AT&T."; but "S.&P." */
    if (memchr(s + b, '.', e - b))
        return 1;
    const char *h = memchr(s + b, '-', e - b); /* R-Ky. D-Wis. */
    if (h && h + 1 < s + e && is_abbrev(h + 1, (size_t)(s + e - h - 1)))
        return 1;
    if (e - b >= 2 && (s[b] == 'n' || s[b] == 'N') && (s[b + 1] == 'o' || s[b + 1] == 'O') &&
        (e - b == 2 || (e - b == 3 && (s[b + 2] == 's' || s[b + 2] == 'S')))) {
        size_t k = e + 1;
        while (k < n && s[k] == ' ')
            k++;
        return k < n && k <= e + 2 && s[k] >= '0' && s[k] <= '9';
    }
    if (s[b] >= 'a' && s[b] <= 'z')
        return so_word_in(s + b, e - b, lower_abbrevs, sizeof lower_abbrevs / sizeof *lower_abbrevs);
    return is_abbrev(s + b, e - b);
}

static size_t scan_punct(const char *s, size_t n, size_t i, uint32_t c, int *kind)
{
    uint32_t nx = 0;
    size_t k = so_utf8_next(s, n, i, &c);
    if (i + k < n)
        so_utf8_next(s, n, i + k, &nx);
    *kind = SO_TK_PUNCT;
    if (c == '.' && nx == '.') {
        size_t j = i;
        while (j < n && s[j] == '.')
            j++;
        return j;
    }
    if ((c == '`' && nx == '`') || (c == '\'' && nx == '\'')) {
        *kind = SO_TK_QUOTE;
        return i + 2;
    }
    if (is_quote_cp(c)) {
        *kind = SO_TK_QUOTE;
        return i + k;
    }
    if (so_cp_is_dash(c)) {
        *kind = SO_TK_DASH;
        size_t j = i + k;
        while (j < n && s[j] == '-')
            j++;
        return j;
    }
    if (c == '!' || c == '?' || c == ',' || c == ';' || c == ':' || c == '.' || c == '(' ||
        c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == 0x2026)
        return i + k;
    *kind = SO_TK_SYM;
    return i + k;
}

/* Can the byte c be part of the name of an e-mail address? ASCII only: a
** byte of a longer character is not a character. */
static int mail_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return u < 0x80 && (is_wordch(u) || c == '.' || c == '_' || c == '-');
}

/* Does the code point c end a URL: a space, a quotation mark or < >? */
static int url_end(uint32_t c)
{
    return so_cp_is_space(c) || c == '"' || c == '<' || c == '>' || c == 0xAB || c == 0xBB ||
           (c >= 0x2018 && c <= 0x201F);
}

/* Where the run of mail_byte bytes that ends before s[at] begins (at when
** none does). */
static size_t mail_start(const char *s, size_t at)
{
    while (at > 0 && mail_byte(s[at - 1]))
        at--;
    return at;
}

/* The end of the e-mail domain after the '@' at s[at] (ASCII, with a dot
** inside it), or 0 when what follows is no domain. */
static size_t mail_domain(const char *s, size_t n, size_t at)
{
    if (at + 1 >= n || !mail_byte(s[at + 1]) || !is_wordch((unsigned char)s[at + 1]))
        return 0;
    size_t e = at + 1;
    while (e < n && mail_byte(s[e]) && s[e] != '_')
        e++;
    while (e > at + 1 && s[e - 1] == '.')
        e--;
    return memchr(s + at + 1, '.', e - at - 1) ? e : 0;
}

/* Scan a URL, e-mail, @handle or #hashtag starting at i; returns its end or i.
** at: the first '@' at or after i, n if none; mail: mail_start(s, at); dom:
** mail_domain(s, n, at). An e-mail address starts at i when mail <= i < at
** (the bytes up to the '@' are all mail bytes then) and dom is not 0. Each
** is worked out once per '@', so a long run of mail bytes before an '@'
** that ends no address costs its length once, not once per token in it. */
static size_t scan_special(const char *s, size_t n, size_t i, size_t at, size_t mail, size_t dom)
{
    if (s[i] != 'h' && s[i] != 'w' && s[i] != '@' && s[i] != '#' && (i < mail || i >= at))
        return i;
    if ((s[i] == 'h' && n - i > 7 &&
         (!strncmp(s + i, "http://", 7) || !strncmp(s + i, "https:/", 7))) ||
        (s[i] == 'w' && n - i > 4 && !strncmp(s + i, "www.", 4))) {
        size_t j = i, k;
        uint32_t c;
        while (j < n && (k = so_utf8_next(s, n, j, &c)) && !url_end(c))
            j += k; /* by characters, never inside one */
        while (j > i && strchr(".,;:)!?'", s[j - 1]))
            j--;
        return j;
    }
    if (mail <= i && i < at && dom)
        return dom; /* an e-mail address */
    uint32_t c;
    if ((s[i] == '@' || s[i] == '#') && i + 1 < n &&
        (so_utf8_next(s, n, i + 1, &c), so_cp_is_alpha(c) || c == '_')) {
        size_t h = i + 1, k;
        while (h < n && (k = so_utf8_next(s, n, h, &c)) && (is_wordch(c) || c == '_'))
            h += k; /* #Café”: the hashtag ends before the quotation mark, not inside it */
        return h;
    }
    return i;
}

/* Is s[b..e) the clitic n't (with a straight or curly apostrophe)? */
static int is_nt(const char *s, size_t b, size_t e)
{
    return (e - b == 3 && so_eq_ci(s + b, 3, "n't")) ||
           (e - b == 5 && so_eq_ci(s + b, 1, "n") && !memcmp(s + b + 1, "\xe2\x80\x99", 3) &&
            so_eq_ci(s + b + 4, 1, "t"));
}

static int tokenize(so_doc *d)
{
    const char *s = d->text;
    size_t n = d->len, i = 0;
    const char *first_at = n ? memchr(s, '@', n) : NULL;
    size_t at = first_at ? (size_t)(first_at - s) : n;   /* the next '@' at or after i */
    size_t mail = at < n ? mail_start(s, at) : n;
    size_t dom = at < n ? mail_domain(s, n, at) : 0;
    unsigned pending = 0, nl = 0;
    while (i < n) {
        uint32_t c;
        size_t k = so_utf8_next(s, n, i, &c);
        /* an invalid byte separates tokens as a NUL or control does */
        int junk = c == 0xFFFD && k == 1 && (unsigned char)s[i] >= 0x80;
        if (so_cp_is_space(c) || c == 0 || (c < 32 && c != 0x1B) || junk) {
            if (c == '\n')
                nl++;
            pending |= SO_TF_SPACE_BEFORE;
            i += k;
            continue;
        }
        unsigned f = pending | (nl ? SO_TF_NL_BEFORE : 0) | (nl >= 2 ? SO_TF_PARA_START : 0);
        pending = 0;
        nl = 0;
        if (at < i) {
            const char *p = memchr(s + i, '@', n - i);
            at = p ? (size_t)(p - s) : n;
            mail = at < n ? mail_start(s, at) : n;
            dom = at < n ? mail_domain(s, n, at) : 0;
        }
        size_t e = scan_special(s, n, i, at, mail, dom);
        int kind;
        if (e > i) {
            kind = SO_TK_SYM;
        } else if (is_wordch(c)) {
            int num;
            e = scan_word(&(scan){s, n}, i, &num);
            kind = num ? SO_TK_NUM : SO_TK_WORD;
            f |= case_flags(s, i, e);
            if (e < n && s[e] == '.' && kind == SO_TK_WORD && keeps_period(s, n, i, e)) {
                e++;
                f |= SO_TF_ABBREV;
            }
        } else if (is_apos(c) && d->ntok && d->tok[d->ntok - 1].end == i &&
                   (e = i + clitic_len(s, n, i)) > i) {
            kind = SO_TK_WORD;
            f |= SO_TF_CLITIC;
        } else {
            e = scan_punct(s, n, i, c, &kind);
        }
        if (kind == SO_TK_WORD && is_nt(s, i, e) && d->ntok && d->tok[d->ntok - 1].end == i)
            f |= SO_TF_CLITIC;
        if (push_tok(d, i, e, kind, f))
            return -1;
        i = e;
    }
    return 0;
}

so_range so_doc_token_range(const so_doc *d, size_t bs, size_t be)
{
    size_t lo = 0, hi = d->ntok;
    while (lo < hi) { /* first token ending after bs */
        size_t mid = lo + (hi - lo) / 2;
        if (d->tok[mid].end <= bs)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t e = lo;
    while (e < d->ntok && d->tok[e].start < be)
        e++;
    return (so_range){(uint32_t)lo, (uint32_t)e};
}

int so_tok_affiliation(const so_doc *d, size_t i)
{
    return i > 0 && i + 2 < d->ntok && so_tok_is_exact(d, i - 1, ",") &&
           (so_tok_is_exact(d, i, "Democrat") || so_tok_is_exact(d, i, "Republican") ||
            so_tok_is_exact(d, i, "Independent")) &&
           so_tok_is_exact(d, i + 1, "of") && (d->tok[i + 2].flags & SO_TF_CAP);
}

size_t *so_doc_cp_offsets(const char *text, size_t len, size_t *ncp)
{
    size_t *m = malloc((len + 1) * sizeof *m), n = 0;
    if (!m)
        return NULL;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        m[n++] = i;
        i += so_utf8_next(text, len, i, &c);
    }
    m[n] = len;
    *ncp = n;
    return m;
}

void so_doc_free(so_doc *d)
{
    if (!d)
        return;
    free(d->tok);
    free(d->sent);
    free(d->para);
    free(d->q);
    memset(d, 0, sizeof *d);
}

int so_tok_run(so_doc *d, const char *text, size_t len)
{
    d->text = text;
    d->len = len;
    if (tokenize(d))
        return -1;
    return so_sent_split(d);
}
