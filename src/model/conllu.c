/*
** conllu.c -- reading CoreNLP .conllu folders into a flat token array
** (see conllu.h).
*/
#include "model/conllu.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const so_conllu_ner_names[SO_CONLLU_N_NER] = {
    "O", "B-PERSON", "I-PERSON", "B-ORGANIZATION", "I-ORGANIZATION",
    "B-LOCATION", "I-LOCATION", "B-MISC", "I-MISC"};

static const char *const NER_TYPES[4] = {"PERSON", "ORGANIZATION", "LOCATION", "MISC"};

/* Grow *p (n used, *cap allocated, elements of size sz) to hold one more. */
static int grow(void **p, size_t n, size_t *cap, size_t sz, size_t max)
{
    if (n < *cap) return 0;
    if (n >= max) return -1;
    size_t nc = *cap ? *cap * 2 : 1024;
    if (nc > max) nc = max;
    void *q = realloc(*p, nc * sz);
    if (!q) return -1;
    *p = q;
    *cap = nc;
    return 0;
}

/* Index of XPOS tag s (len n), adding it if new; -1 if the table is full. */
static int pos_index(so_conllu *c, const char *s, size_t n)
{
    for (unsigned i = 0; i < c->n_pos; i++)
        if (strlen(c->pos_names[i]) == n && memcmp(c->pos_names[i], s, n) == 0)
            return (int)i;
    if (c->n_pos >= SO_CONLLU_MAX_POS || n == 0 || n >= SO_CONLLU_MAX_NAME) return -1;
    memcpy(c->pos_names[c->n_pos], s, n);
    c->pos_names[c->n_pos][n] = '\0';
    return (int)c->n_pos++;
}

/* NER type 1..4 for a CoreNLP label, 0 for O and unused types. */
static unsigned ner_type(const char *s, size_t n)
{
    for (unsigned i = 0; i < 4; i++)
        if (strlen(NER_TYPES[i]) == n && memcmp(NER_TYPES[i], s, n) == 0) return i + 1;
    return 0;
}

/* Close the current sentence if it has tokens. */
static int end_sentence(so_conllu *c)
{
    if (c->n_tok == c->sent[c->n_sent]) return 0;
    if (grow((void **)&c->sent, c->n_sent + 2, &c->cap_sent, sizeof *c->sent,
             SO_CONLLU_MAX_TOKENS + 2))
        return -1;
    c->n_sent++;
    c->sent[c->n_sent] = c->n_tok;
    return 0;
}

/* Split line into its tab-separated fields, the first 10 in f/fl;
** returns the field count (more than 10 when there are). */
static int split_tabs(const char *s, size_t n, const char *f[10], size_t fl[10])
{
    int k = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\t') {
            if (k < 10) {
                f[k] = s + start;
                fl[k] = i - start;
            }
            k++;
            start = i + 1;
        }
    }
    return k;
}

/* Is field s[0..n) of the kind "1-2" or "1.1" (a multiword token's range or
** an empty node), which CoNLL-U lines carry beside the words? */
static int not_a_word(const char *s, size_t n)
{
    return memchr(s, '-', n) || memchr(s, '.', n);
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* Append one token line (a range or empty-node line is skipped). */
static int add_token(so_conllu *c, const char *line, size_t n, char *err, size_t errlen)
{
    const char *f[10];
    size_t fl[10];
    int nf = split_tabs(line, n, f, fl);
    if (nf != 10)
        return so_errf(err, errlen, "expected 10 tab-separated columns, found %d", nf);
    if (not_a_word(f[0], fl[0]))
        return 0;
    if (!all_digits(f[0], fl[0]))
        return so_errf(err, errlen, "the ID column is not a number");
    if (!fl[1])
        return so_errf(err, errlen, "empty FORM column");
    int p = pos_index(c, f[3], fl[3]);
    if (p < 0) return so_errf(err, errlen, "too many or bad XPOS tags");
    if (grow((void **)&c->tok, c->n_tok, &c->cap_tok, sizeof *c->tok, SO_CONLLU_MAX_TOKENS))
        return so_errf(err, errlen, "too many tokens (cap %zu) or out of memory",
                    SO_CONLLU_MAX_TOKENS);
    while (c->text_len + fl[1] + 1 > c->text_cap)
        if (grow((void **)&c->text, c->text_cap, &c->text_cap, 1, SO_CONLLU_MAX_TOKENS * 64))
            return so_errf(err, errlen, "corpus text too large or out of memory");
    memcpy(c->text + c->text_len, f[1], fl[1]);
    unsigned ty = ner_type(f[4], fl[4]);
    size_t start = c->sent[c->n_sent];
    unsigned prev = c->n_tok > start ? c->tok[c->n_tok - 1].ner : 0;
    unsigned prev_ty = prev ? (prev + 1) / 2 : 0;
    uint8_t ner = ty == 0 ? 0 : (uint8_t)(ty == prev_ty ? 2 * ty : 2 * ty - 1);
    c->tok[c->n_tok++] = (so_conllu_tok){c->text_len, (uint32_t)fl[1], (uint8_t)p, ner};
    c->text_len += fl[1];
    return 0;
}

/* Make sure sent[] holds the start index of the open sentence. */
static int init_sent(so_conllu *c)
{
    if (c->cap_sent) return 0;
    if (grow((void **)&c->sent, 1, &c->cap_sent, sizeof *c->sent, SO_CONLLU_MAX_TOKENS + 2))
        return -1;
    c->sent[0] = 0;
    return 0;
}

int so_conllu_read_mem(so_conllu *c, const char *data, size_t len, char *err,
                       size_t errlen)
{
    if (init_sent(c)) return so_errf(err, errlen, "out of memory");
    size_t lineno = 0, i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0; /* a BOM */
    while (i < len) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
        const char *line = data + i;
        lineno++;
        i += n + 1;
        if (n && line[n - 1] == '\r') n--;
        if (n == 0) {
            if (end_sentence(c)) return so_errf(err, errlen, "out of memory");
        } else if (line[0] != '#' && add_token(c, line, n, err, errlen)) {
            char tmp[200];
            snprintf(tmp, sizeof tmp, "%s", err ? err : "");
            return so_errf(err, errlen, "line %zu: %s", lineno, tmp);
        }
    }
    if (end_sentence(c)) return so_errf(err, errlen, "out of memory");
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted list of *.conllu names in dir (malloc'd), count in *n. */
static char **list_dir(const char *dir, size_t *n, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        so_errf(err, errlen, "%s: %s", dir, strerror(errno));
        return NULL;
    }
    char **v = NULL;
    size_t cap = 0, k = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 8 || strcmp(e->d_name + l - 7, ".conllu") != 0) continue;
        if (grow((void **)&v, k, &cap, sizeof *v, 1000000) || !(v[k] = strdup(e->d_name))) {
            so_errf(err, errlen, "%s: too many files or out of memory", dir);
            break;
        }
        k++;
    }
    closedir(d);
    if (v) qsort(v, k, sizeof *v, cmp_str);
    *n = k;
    return v ? v : calloc(1, sizeof *v);
}

/* Sort pos_names and renumber every token's tag to match. */
static void sort_pos(so_conllu *c)
{
    unsigned idx[SO_CONLLU_MAX_POS], map[SO_CONLLU_MAX_POS];
    char tmp[SO_CONLLU_MAX_POS][SO_CONLLU_MAX_NAME];
    for (unsigned i = 0; i < c->n_pos; i++) idx[i] = i;
    for (unsigned i = 1; i < c->n_pos; i++)   /* insertion sort: at most 64 */
        for (unsigned j = i; j > 0 && strcmp(c->pos_names[idx[j - 1]], c->pos_names[idx[j]]) > 0; j--) {
            unsigned t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    for (unsigned i = 0; i < c->n_pos; i++) {
        map[idx[i]] = i;
        memcpy(tmp[i], c->pos_names[idx[i]], SO_CONLLU_MAX_NAME);
    }
    memcpy(c->pos_names, tmp, sizeof tmp[0] * c->n_pos);
    for (size_t i = 0; i < c->n_tok; i++) c->tok[i].pos = (uint8_t)map[c->tok[i].pos];
}

int so_conllu_read_dir(so_conllu *c, const char *dir, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    size_t n = 0;
    char **names = list_dir(dir, &n, err, errlen);
    int rc = names ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len = 0;
        char *data = so_read_file(path, SO_CONLLU_MAX_FILE, &len, err, errlen);
        rc = data ? so_conllu_read_mem(c, data, len, err, errlen) : -1;
        if (rc && data) {
            char tmp[300];
            snprintf(tmp, sizeof tmp, "%s", err ? err : "");
            so_errf(err, errlen, "%s: %s", path, tmp);
        }
        free(data);
        c->n_files++;
    }
    for (size_t i = 0; names && i < n; i++) free(names[i]);
    free(names);
    if (rc == 0 && c->n_tok == 0) rc = so_errf(err, errlen, "%s: no tokens in *.conllu files", dir);
    if (rc) so_conllu_free(c);
    else sort_pos(c);
    return rc;
}

void so_conllu_free(so_conllu *c)
{
    if (!c) return;
    free(c->text);
    free(c->tok);
    free(c->sent);
    memset(c, 0, sizeof *c);
}
