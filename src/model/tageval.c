/*
** tageval.c -- scoring the taggers against the silver CoreNLP labels of a
** .conllu folder (so_tag_eval_dir / so_tag_eval_run, see tagger.h): POS
** token accuracy, and NER entity precision/recall/F1 with exact span and
** type match (CoNLL style), NER running on the predicted POS tags.
*/
#include "model/conllu.h"
#include "base/util.h"
#include "model/tagger_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const TYPES[4] = {"PERSON", "ORGANIZATION", "LOCATION", "MISC"};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Entity type 0..3 and B/I of a BIO name; type -1 for O or anything else. */
static int bio_type(const char *name, int *begin)
{
    *begin = name && name[0] == 'B';
    if (!name || (name[0] != 'B' && name[0] != 'I') || name[1] != '-') return -1;
    for (int k = 0; k < 4; k++)
        if (strcmp(name + 2, TYPES[k]) == 0) return k;
    return -1;
}

/* Entity chunks of a label sequence: start/end/type arrays; returns count.
** conlleval rules: a chunk starts at B-X, or at I-X not continuing an X. */
static size_t chunks(const int *ty, const int *beg, size_t n, size_t *st, size_t *en, int *ct)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (ty[i] < 0) continue;
        if (beg[i] || i == 0 || ty[i - 1] != ty[i]) {
            st[k] = i;
            ct[k] = ty[i];
            k++;
        }
        en[k - 1] = i + 1;
    }
    return k;
}

/* Scratch arrays for one sentence. */
typedef struct evbuf {
    so_tagtok *toks;
    uint8_t *pos, *ner;
    int *gt, *gb, *pt, *pb, *gc, *pc;
    size_t *gs, *ge, *ps, *pe;
} evbuf;

static void evbuf_free(evbuf *b)
{
    void *v[] = {b->toks, b->pos, b->ner, b->gt, b->gb, b->pt, b->pb, b->gc, b->pc,
                 b->gs, b->ge, b->ps, b->pe};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) free(v[i]);
}

static int evbuf_alloc(evbuf *b, size_t n)
{
    memset(b, 0, sizeof *b);
    b->toks = malloc(n * sizeof *b->toks);
    b->pos = malloc(n);
    b->ner = malloc(n);
    int **iv[] = {&b->gt, &b->gb, &b->pt, &b->pb, &b->gc, &b->pc};
    for (size_t i = 0; i < 6; i++) *iv[i] = malloc(n * sizeof(int));
    size_t **sv[] = {&b->gs, &b->ge, &b->ps, &b->pe};
    for (size_t i = 0; i < 4; i++) *sv[i] = malloc(n * sizeof(size_t));
    return b->toks && b->pos && b->ner && b->gt && b->gb && b->pt && b->pb && b->gc &&
                   b->pc && b->gs && b->ge && b->ps && b->pe ? 0 : -1;
}

/* Count matching chunks between gold and predicted. */
static void score_chunks(evbuf *b, size_t n, so_tag_eval_result *r)
{
    size_t ng = chunks(b->gt, b->gb, n, b->gs, b->ge, b->gc);
    size_t np = chunks(b->pt, b->pb, n, b->ps, b->pe, b->pc);
    r->ner_gold += ng;
    r->ner_pred += np;
    for (size_t i = 0; i < ng; i++) r->type_gold[b->gc[i]]++;
    for (size_t j = 0; j < np; j++) r->type_pred[b->pc[j]]++;
    for (size_t i = 0, j = 0; i < ng && j < np;) {
        if (b->gs[i] == b->ps[j] && b->ge[i] == b->pe[j] && b->gc[i] == b->pc[j]) {
            r->ner_correct++;
            r->type_correct[b->gc[i]]++;
        }
        if (b->ge[i] <= b->pe[j]) i++;
        else j++;
    }
}

/* Tag and score sentence s. posmap maps corpus POS ids to tagger ids. */
static void eval_sentence(const so_tagger *pos, const so_tagger *ner, const so_conllu *c,
                          size_t s, const int *posmap, evbuf *b, so_tag_eval_result *r)
{
    size_t a = c->sent[s], n = c->sent[s + 1] - a;
    for (size_t i = 0; i < n; i++)
        b->toks[i] = (so_tagtok){c->text + c->tok[a + i].off, c->tok[a + i].len};
    double t0 = now_s();
    so_tag_sentence(pos, b->toks, n, NULL, b->pos);
    double t1 = now_s();
    r->pos_seconds += t1 - t0;
    for (size_t i = 0; i < n; i++) r->pos_correct += posmap[c->tok[a + i].pos] == b->pos[i];
    if (!ner) return;
    so_tag_sentence(ner, b->toks, n, b->pos, b->ner);
    r->ner_seconds += now_s() - t1;
    for (size_t i = 0; i < n; i++) {
        b->gt[i] = bio_type(so_conllu_ner_names[c->tok[a + i].ner], &b->gb[i]);
        b->pt[i] = bio_type(so_tag_name(ner, b->ner[i]), &b->pb[i]);
    }
    score_chunks(b, n, r);
}

static double pct(size_t a, size_t b) { return b ? 100.0 * (double)a / (double)b : 0.0; }

static double f1(size_t c, size_t g, size_t p)
{
    double P = pct(c, p), R = pct(c, g);
    return P + R > 0 ? 2 * P * R / (P + R) : 0.0;
}

static void print_result(const so_tag_eval_result *r, int with_ner, FILE *out)
{
    fprintf(out, "sentences %zu, tokens %zu\n", r->sentences, r->tokens);
    fprintf(out, "POS accuracy %.2f%% (%zu/%zu)  %.0f tokens/s\n", pct(r->pos_correct, r->tokens),
            r->pos_correct, r->tokens, r->pos_seconds > 0 ? (double)r->tokens / r->pos_seconds : 0);
    if (!with_ner) return;
    fprintf(out, "NER entities P %.2f R %.2f F1 %.2f (gold %zu, predicted %zu, correct %zu)  "
            "%.0f tokens/s\n", pct(r->ner_correct, r->ner_pred), pct(r->ner_correct, r->ner_gold),
            f1(r->ner_correct, r->ner_gold, r->ner_pred), r->ner_gold, r->ner_pred,
            r->ner_correct, r->ner_seconds > 0 ? (double)r->tokens / r->ner_seconds : 0);
    for (int k = 0; k < 4; k++)
        fprintf(out, "  %-12s P %6.2f R %6.2f F1 %6.2f (gold %zu)\n", TYPES[k],
                pct(r->type_correct[k], r->type_pred[k]), pct(r->type_correct[k], r->type_gold[k]),
                f1(r->type_correct[k], r->type_gold[k], r->type_pred[k]), r->type_gold[k]);
}

/* Check the taggers fit together and map corpus POS ids to tagger ids. */
static int check_taggers(const so_tagger *pos, const so_tagger *ner, const so_conllu *c,
                         int *posmap, char *err, size_t errlen)
{
    if (!pos || pos->kind != SO_TAG_POS) return so_errf(err, errlen, "a POS tagger is required");
    if (ner && !so_tag_compatible(ner, pos))
        return so_errf(err, errlen, "the NER tagger was trained with other POS tags");
    for (unsigned i = 0; i < c->n_pos; i++) posmap[i] = so_tag_id(pos, c->pos_names[i]);
    return 0;
}

int so_tag_eval_run(const so_tagger *pos, const so_tagger *ner, const char *conllu_dir,
                    FILE *out, so_tag_eval_result *res, char *err, size_t errlen)
{
    so_conllu c;
    so_tag_eval_result r;
    memset(&r, 0, sizeof r);
    int posmap[SO_CONLLU_MAX_POS];
    if (so_conllu_read_dir(&c, conllu_dir, err, errlen)) return -1;
    int rc = check_taggers(pos, ner, &c, posmap, err, errlen);
    size_t mx = 1;
    for (size_t s = 0; s < c.n_sent; s++)
        if (c.sent[s + 1] - c.sent[s] > mx) mx = c.sent[s + 1] - c.sent[s];
    evbuf b;
    if (evbuf_alloc(&b, mx) && rc == 0) rc = so_errf(err, errlen, "out of memory");
    for (size_t s = 0; rc == 0 && s < c.n_sent; s++)
        eval_sentence(pos, ner, &c, s, posmap, &b, &r);
    r.sentences = c.n_sent;
    r.tokens = c.n_tok;
    if (rc == 0 && out) print_result(&r, ner != NULL, out);
    if (rc == 0 && res) *res = r;
    evbuf_free(&b);
    so_conllu_free(&c);
    return rc;
}

int so_tag_eval_dir(const so_tagger *pos, const so_tagger *ner, const char *conllu_dir,
                    FILE *out)
{
    char err[512];
    int rc = so_tag_eval_run(pos, ner, conllu_dir, out, NULL, err, sizeof err);
    if (rc && out) fprintf(out, "error: %s\n", err);
    return rc;
}
