/*
** fuzz_extract.c -- libFuzzer target: any bytes as one document through
** sayso_extract() (default engine with the embedded model) and the three
** writers. Beyond "no crash, no leak, no sanitizer report" it checks that
** every span lies inside the text, speakers and co-speakers index real
** entities (a co-speaker never the speaker), and the JSON writer's output
** parses as strict JSON with one quote per attribution (in code-point and
** in byte offsets).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/jsonin.h"
#include "io/output.h"
#include "sayso.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sayso_engine *eng; /* opened once, kept for the whole run */
static FILE *devnull;

static void check_spans(const sayso_span *sp, size_t n, size_t len)
{
    for (size_t k = 0; k < n; k++)
        if (!sp || sp[k].start > sp[k].end || sp[k].end > len)
            abort();
}

static void check_result(const sayso_result *r, size_t len)
{
    size_t nq = sayso_result_quote_count(r), ne = sayso_result_entity_count(r);
    for (size_t i = 0; i < nq; i++) {
        const sayso_quote *q = sayso_result_quote(r, i);
        if (!q || q->n_content == 0 || q->speaker < -1 || q->speaker >= (long)ne ||
            !(q->confidence >= 0 && q->confidence <= 1))
            abort();
        if (q->n_co_speakers && (!q->co_speakers || q->speaker < 0))
            abort(); /* co-speakers come after a speaker */
        for (size_t k = 0; k < q->n_co_speakers; k++)
            if (q->co_speakers[k] < 0 || q->co_speakers[k] >= (long)ne ||
                q->co_speakers[k] == q->speaker)
                abort();
        check_spans(q->content, q->n_content, len);
        if (q->n_cue)
            check_spans(q->cue, q->n_cue, len);
        if (q->n_source)
            check_spans(q->source, q->n_source, len);
    }
    for (size_t i = 0; i < ne; i++) {
        const sayso_entity *e = sayso_result_entity(r, i);
        if (!e || !e->name)
            abort();
        if (e->n_mentions)
            check_spans(e->mentions, e->n_mentions, len);
    }
    if (sayso_result_quote(r, nq) || sayso_result_entity(r, ne))
        abort();
}

/* The document object must be JSON with as many quotes as the result. */
static void check_json(const char *text, size_t len, const sayso_result *r, int bytes)
{
    so_sbuf b;
    so_json_opts jo = {bytes};
    so_sb_init(&b, (size_t)1 << 28);
    if (so_json_doc(&b, "\"fuzz\"", text, len, r, &jo) == 0) {
        json_object *v = NULL, *q = NULL;
        char msg[200];
        if (so_jsonin_parse(b.p, b.len, 0, &v, msg, sizeof msg) ||
            !json_object_object_get_ex(v, "quotes", &q) ||
            json_object_array_length(q) != sayso_result_quote_count(r))
            abort();
        json_object_put(v);
    }
    so_sb_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!eng) {
        sayso_error e;
        sayso_options opt = {NULL, 0, SAYSO_F_NO_MODEL};
        if (sayso_engine_open(NULL, &eng, &e) != SAYSO_OK) {
            fprintf(stderr, "fuzz_extract: built-in model: %s; fuzzing without it\n", e.message);
            if (sayso_engine_open(&opt, &eng, NULL) != SAYSO_OK)
                abort();
        }
    }
    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        abort();
    const char *text = (const char *)data;
    sayso_result *r = NULL;
    sayso_error err;
    if (sayso_extract(eng, text, size, &r, &err) != SAYSO_OK) {
        if (r)
            abort();
        return 0;
    }
    check_result(r, size);
    check_json(text, size, r, 0);
    check_json(text, size, r, 1);
    so_sbuf b;
    so_sb_init(&b, (size_t)1 << 28);
    so_text_doc(&b, "fuzz", text, size, r, size & 1);
    so_sb_free(&b);
    so_brat_write(devnull, text, size, r);
    sayso_result_free(r);
    return 0;
}
