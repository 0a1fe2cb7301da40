/*
** seed_model.c -- writes the seed corpus of fuzz_model (`make fuzz-seeds`):
** a tiny but complete model file (POS and NER taggers trained on nine
** self-written sentences, an ATTR section with a few made-up weights),
** its truncations and its sections, each behind the flag byte that
** fuzz_model.c reads first. Rerun it when a model section format changes
** (old seeds then only exercise the version checks).
**
**   seed_model DIR
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attrib/amodel.h"
#include "model/modelfile.h"
#include "model/perceptron.h"
#include "model/tagger.h"

static const char *const FIRST[] = {"Ann", "Bob", "Cleo"};
static const char *const LAST[] = {"Smith", "Okafor", "Li"};

static void die(const char *what)
{
    fprintf(stderr, "seed_model: %s\n", what);
    exit(1);
}

static void tok(FILE *f, int *id, const char *form, const char *pos, const char *ner)
{
    fprintf(f, "%d\t%s\t%s\t%s\t%s\t0\t0\t0\tdep\t_\n", ++*id, form, form, pos, ner);
}

/* Nine sentences "NAME said the plan works ." in CoNLL-U, in dir/a.conllu. */
static void write_corpus(const char *dir)
{
    char path[300];
    snprintf(path, sizeof path, "%s/a.conllu", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        die("cannot write the training corpus");
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            int id = 0;
            tok(f, &id, FIRST[i], "NNP", "PERSON");
            tok(f, &id, LAST[j], "NNP", "PERSON");
            tok(f, &id, "said", "VBD", "O");
            tok(f, &id, "the", "DT", "O");
            tok(f, &id, "plan", "NN", "O");
            tok(f, &id, "works", "VBZ", "O");
            tok(f, &id, ".", ".", "O");
            fprintf(f, "\n");
        }
    if (fclose(f))
        die("cannot write the training corpus");
}

static void train(const char *dir, so_tag_kind kind, so_mf_writer *w, const char *tag)
{
    so_tag_train_opts o = {kind, dir, {0}, NULL};
    char err[256];
    so_ap_params_default(&o.params);
    if (so_ap_params_set(&o.params, "iterations=3", err, sizeof err) ||
        so_ap_params_set(&o.params, "hash_bits=10", err, sizeof err) ||
        so_ap_params_set(&o.params, "tagdict_min=2", err, sizeof err))
        die(err);
    o.params.pos_folds = 0;
    so_mf_buf b;
    so_mf_buf_init(&b, 0);
    if (so_tag_train(&o, &b, err, sizeof err) || so_mf_writer_add(w, tag, b.p, b.len))
        die(err);
    so_mf_buf_free(&b);
}

/* A perceptron of ncls classes with 40 made-up weights, appended to b. */
static void made_up(so_mf_buf *b, unsigned ncls)
{
    so_ap_trainer *t = so_ap_trainer_new(ncls, 10);
    so_ap_model m;
    if (!t)
        die("out of memory");
    for (unsigned k = 0; k < 40; k++)
        so_ap_trainer_add(t, so_ap_mix(k, 7), k % ncls, (float)(k % 5) - 2.0f);
    so_ap_trainer_tick(t);
    if (so_ap_trainer_finish(t, 0.0, &m) || so_ap_write(&m, 16, b))
        die("cannot build the ATTR section");
    so_ap_model_free(&m);
    so_ap_trainer_free(t);
}

/* Write flag byte + n bytes at p to dir/name. */
static void seed(const char *dir, const char *name, int flag, const uint8_t *p, size_t n)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fputc(flag, f) == EOF || fwrite(p, 1, n, f) != n || fclose(f))
        die(path);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        die("usage: seed_model DIR");
    char tmp[] = "/tmp/sayso-seed.XXXXXX";
    if (!mkdtemp(tmp))
        die("cannot make a temporary folder");
    write_corpus(tmp);
    so_mf_writer *w = so_mf_writer_new();
    if (!w)
        die("out of memory");
    train(tmp, SO_TAG_POS, w, "POS");
    train(tmp, SO_TAG_NER, w, "NER");
    so_mf_buf b;
    so_mf_buf_init(&b, 0);
    so_mf_put_u32(&b, SO_AM_VERSION);
    made_up(&b, 3); /* cue tagger: O, B, I */
    made_up(&b, 5); /* role tagger: O, B/I source, B/I content */
    if (b.failed || so_mf_writer_add(w, SO_AM_SECTION, b.p, b.len))
        die("cannot add the ATTR section");
    so_mf_buf_free(&b);
    uint8_t *m;
    size_t n;
    if (so_mf_writer_to_mem(w, &m, &n))
        die("cannot serialise the model");
    char path[300];
    snprintf(path, sizeof path, "%s/a.conllu", tmp);
    unlink(path);
    rmdir(tmp);
    const char *dir = argv[1];
    seed(dir, "tiny.model", 0, m, n);             /* container + sections */
    seed(dir, "tiny_engine.model", 2, m, n);      /* + a whole engine */
    seed(dir, "tiny_fix_engine.model", 3, m, n);  /* header fixed up, engine */
    seed(dir, "truncated.model", 0, m, n / 2);
    seed(dir, "truncated_fixed.model", 1, m, n / 2);
    seed(dir, "header_only", 1, m, SO_MF_HEADER_SIZE);
    so_mf *mf = NULL;
    char err[256];
    if (so_mf_open_mem(m, n, &mf, err, sizeof err))
        die(err);
    for (size_t i = 0; i < so_mf_count(mf); i++) {
        char tag[SO_MF_TAG_LEN + 1], name[32];
        const uint8_t *d;
        size_t sz;
        if (so_mf_at(mf, i, tag, &d, &sz) == SO_MF_OK) {
            snprintf(name, sizeof name, "section_%s", tag);
            seed(dir, name, 4, d, sz); /* so_tag_load_mem directly */
        }
    }
    so_mf_close(mf);
    so_mf_writer_free(w);
    free(m);
    printf("seed_model: %zu-byte model, seeds in %s\n", n, dir);
    return 0;
}
