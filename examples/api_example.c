/*
** api_example.c -- a complete program using libsayso (include/sayso.h):
** open an engine, extract attributions from a text, print every quote with
** its spans, free everything. Documented in docs/api.md.
**
** Build against the static library from `make`:
**
**   cc -std=c11 -Iinclude examples/api_example.c build/libsayso.a \
**      $(pkg-config --libs json-c libutf8proc zlib libzstd sqlite3 libmicrohttpd) \
**      -lpthread -lm -o /tmp/api_example
**
** Run it with no argument to use the built-in sample, or with a file name.
*/
#include <stdio.h>
#include <stdlib.h>

#include "sayso.h"

static const char SAMPLE[] =
    "Maria Okafor, the city's chief engineer, resigned on Friday. In a letter to "
    "staff, Okafor wrote, \"I can no longer sign off on a bridge I believe is "
    "unsafe.\" \"We thank her for her service,\" spokesman Dan Price said. "
    "\"The bridge remains open.\"";

/* Read a whole file into a malloc'd buffer; NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    do {
        if (n == cap) {
            char *p = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!p) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* Print one role: its spans as [start,end) byte offsets and the text they
** cover, fragments joined by " ... ". */
static void print_role(const char *label, const char *text, const sayso_span *sp, size_t n)
{
    printf("  %-8s", label);
    if (n == 0)
        printf("-");
    for (size_t i = 0; i < n; i++)
        printf("%s[%zu,%zu) %.*s", i ? " ... " : "", sp[i].start, sp[i].end,
               (int)(sp[i].end - sp[i].start), text + sp[i].start);
    printf("\n");
}

int main(int argc, char **argv)
{
    static const char *const kinds[] = {"direct", "mixed", "indirect"};
    const char *text = SAMPLE;
    char *owned = NULL;
    size_t len = sizeof SAMPLE - 1;
    if (argc > 1) {
        if (!(owned = read_file(argv[1], &len))) {
            fprintf(stderr, "api_example: cannot read %s\n", argv[1]);
            return 1;
        }
        text = owned;
    }

    /* 1. Open an engine: zeroed options are the defaults. */
    sayso_options opt = {0};
    opt.max_bytes = 0; /* 0 = 64 MiB */
    sayso_engine *engine = NULL;
    sayso_error err;
    if (sayso_engine_open(&opt, &engine, &err) != SAYSO_OK) {
        fprintf(stderr, "api_example: %s: %s\n", sayso_status_str(err.code), err.message);
        free(owned);
        return 1;
    }

    /* 2. Extract. The text need not be NUL-terminated; spans are byte
    **    offsets into it. */
    sayso_result *result = NULL;
    sayso_status st = sayso_extract(engine, text, len, &result, &err);
    if (st != SAYSO_OK) {
        fprintf(stderr, "api_example: %s: %s\n", sayso_status_str(st), err.message);
        sayso_engine_close(engine);
        free(owned);
        return 1;
    }

    /* 3. Iterate the quotes (in text order) and print their spans. */
    size_t n = sayso_result_quote_count(result);
    printf("sayso %s: %zu quote%s\n", sayso_version(), n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const sayso_quote *q = sayso_result_quote(result, i);
        printf("[%zu] %s, confidence %.2f\n", i + 1, kinds[q->kind], q->confidence);
        print_role("source", text, q->source, q->n_source);
        print_role("cue", text, q->cue, q->n_cue);
        print_role("content", text, q->content, q->n_content);
        const sayso_entity *e = q->speaker >= 0 ? sayso_result_entity(result, (size_t)q->speaker)
                                                : NULL;
        printf("  %-8s%s\n", "speaker", e ? e->name : "-");
    }

    /* 4. Free: the result first (its pointers die with it), then the engine. */
    sayso_result_free(result);
    sayso_engine_close(engine);
    free(owned);
    return 0;
}
