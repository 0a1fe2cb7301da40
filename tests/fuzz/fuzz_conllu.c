/*
** fuzz_conllu.c -- libFuzzer target for the two CoNLL-U readers: the
** trainer's (so_conllu_read_mem, tags and NER for sayso train) and the
** silver coreference reader of sayso eval --speakers (so_sv_read, through a
** temporary file), with the lookups eval --speakers makes on what it read
** (so_sv_head, so_sv_chain, so_sv_names). Each reader must accept the
** bytes or refuse them with a message, never crash; what it accepts must
** hold together: tokens inside the text, sentences in order, mentions
** within the tokens.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval/speakers.h"
#include "model/conllu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void trainer_reader(const uint8_t *data, size_t size)
{
    so_conllu c;
    char err[256] = "";
    memset(&c, 0, sizeof c);
    if (so_conllu_read_mem(&c, (const char *)data, size, err, sizeof err)) {
        if (!err[0])
            abort(); /* a refusal says why */
        so_conllu_free(&c);
        return;
    }
    for (size_t i = 0; i < c.n_tok; i++)
        if (c.tok[i].off + c.tok[i].len > c.text_len || c.tok[i].pos >= c.n_pos ||
            c.tok[i].ner >= SO_CONLLU_N_NER)
            abort();
    for (size_t k = 0; k < c.n_sent; k++)
        if (c.sent[k] > c.sent[k + 1] || c.sent[k + 1] > c.n_tok)
            abort();
    so_conllu_free(&c);
}

static void silver_reader(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/fuzz_conllu.XXXXXX", err[512] = "";
    int fd = mkstemp(path);
    if (fd < 0)
        return;
    int ok = write(fd, data, size) == (ssize_t)size;
    close(fd);
    so_sv_doc d;
    memset(&d, 0, sizeof d);
    if (ok && so_sv_read(path, &d, err, sizeof err) == 0) {
        for (size_t i = 0; i < d.nt; i++)
            if ((size_t)d.t[i].form + d.t[i].nform > d.len)
                abort();
        for (size_t k = 0; k < d.nm; k++)
            if (d.m[k].b >= d.m[k].e || d.m[k].e > d.nt)
                abort();
        int64_t span[2] = {0, 40};
        size_t h = so_sv_head(&d, span, 1);
        if (h != SIZE_MAX && h >= d.nt)
            abort();
        uint32_t rb[8], re[8];
        for (size_t t = 0; t < d.nt && t < 64; t++) {
            uint32_t ch = so_sv_chain(&d, t);
            size_t n = ch ? so_sv_names(&d, ch, rb, re, 8) : 0;
            for (size_t k = 0; k < n; k++)
                if (rb[k] >= re[k] || re[k] > d.nt)
                    abort();
        }
    } else if (ok && !err[0]) {
        abort();
    }
    so_sv_free(&d);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1 << 20))
        return 0;
    trainer_reader(data, size);
    silver_reader(data, size);
    return 0;
}
