/*
** fuzz_model.c -- libFuzzer target for the model loaders: the model file
** container (so_mf_open_mem), the taggers (so_tag_load_mem), the
** attribution model (so_am_load), and a whole engine opened on the bytes
** as a model file, which then extracts from a short text.
**
** The first byte picks what runs: bit 0 rewrites the header's size and
** both CRC-32s to match the bytes, so that mutations reach the section
** parsers instead of failing the checksum; bit 1 opens an engine on the
** bytes (written to a temporary file) and extracts; bit 2 feeds the bytes
** to so_tag_load_mem() directly. Every section of a container that opens
** is loaded as a tagger, and a tagger that loads must tag a sentence.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "attrib/amodel.h"
#include "model/modelfile.h"
#include "model/tagger.h"
#include "sayso.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char SAMPLE[] = "\"We will not wait,\" said Ann Smith, the mayor of Springfield. "
                             "Officials at Acme Corp said the plan works.";

static void put32(uint8_t *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (uint8_t)(v >> (8 * k));
}

/* Make the header's file size and checksums agree with the bytes. */
static void fix_header(uint8_t *b, size_t n)
{
    put32(b + 16, (uint32_t)n);
    put32(b + 20, (uint32_t)((uint64_t)n >> 32));
    put32(b + 24, (uint32_t)crc32(crc32(0L, Z_NULL, 0), b + SO_MF_HEADER_SIZE,
                                  (uInt)(n - SO_MF_HEADER_SIZE)));
    put32(b + 28, (uint32_t)crc32(crc32(0L, Z_NULL, 0), b, 28));
}

/* A tagger that loads must tag: run it over a fixed sentence. */
static void use_tagger(const so_tagger *t)
{
    static const char *const w[] = {"\"", "We", "will", "not", "wait", ",", "\"", "said",
                                    "Ann", "Smith", "of", "Acme", "Corp", "."};
    enum { N = sizeof w / sizeof w[0] };
    so_tagtok toks[N];
    uint8_t pos[N] = {0}, out[N];
    for (size_t i = 0; i < N; i++) {
        toks[i].s = w[i];
        toks[i].len = strlen(w[i]);
    }
    if (so_tag_sentence(t, toks, N, so_tag_kind_of(t) == SO_TAG_NER ? pos : NULL, out))
        abort();
    for (size_t i = 0; i < N; i++)
        if (out[i] >= so_tag_count(t) || !so_tag_name(t, out[i]))
            abort();
    so_tag_info(t);
}

static void load_container(const uint8_t *b, size_t n)
{
    so_mf *mf = NULL;
    char err[256];
    if (so_mf_open_mem(b, n, &mf, err, sizeof err) != SO_MF_OK) {
        if (mf)
            abort();
        return;
    }
    for (size_t i = 0; i < so_mf_count(mf); i++) {
        char tag[SO_MF_TAG_LEN + 1];
        const uint8_t *d;
        size_t sz;
        so_tagger *t = NULL;
        if (so_mf_at(mf, i, tag, &d, &sz) != SO_MF_OK || strlen(tag) > SO_MF_TAG_LEN)
            abort();
        if (so_tag_load_mem(d, sz, &t, err, sizeof err) == 0)
            use_tagger(t);
        so_tag_free(t);
    }
    so_am *am = NULL;
    if (so_am_load(mf, &am, err, sizeof err) == 0)
        so_am_free(am);
    so_mf_close(mf);
}

/* The bytes as a model file for a whole engine, which must then work. */
static void open_engine(const uint8_t *b, size_t n)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/sayso-fuzz-model.%ld", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f))
        abort();
    sayso_options opt;
    memset(&opt, 0, sizeof opt);
    opt.model_path = path;
    sayso_engine *e = NULL;
    sayso_result *r = NULL;
    if (sayso_engine_open(&opt, &e, NULL) == SAYSO_OK) {
        if (sayso_extract(e, SAMPLE, sizeof SAMPLE - 1, &r, NULL) != SAYSO_OK)
            abort();
        sayso_result_free(r);
    }
    sayso_engine_close(e);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    size_t n = size - 1;
    uint8_t *b = malloc(n ? n : 1);
    if (!b)
        return 0;
    memcpy(b, data + 1, n);
    if ((flags & 1) && n >= SO_MF_HEADER_SIZE)
        fix_header(b, n);
    load_container(b, n);
    if (flags & 2)
        open_engine(b, n);
    if (flags & 4) {
        so_tagger *t = NULL;
        char err[256];
        if (so_tag_load_mem(b, n, &t, err, sizeof err) == 0)
            use_tagger(t);
        so_tag_free(t);
    }
    free(b);
    return 0;
}
