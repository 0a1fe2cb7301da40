/*
** fuzz_jsonl.c -- libFuzzer target for the input reader (src/io/reader.c,
** stream.c): the bytes after the first are one input file (JSON Lines, or
** plain text; gzip or zstd when they start with a magic number), read
** from memory. The first byte picks the options: bit 0 text mode, bit 1 a
** tiny --max-bytes (64), bit 2 other field names.
**
** Checks: every record is either text or an error record with a code;
** text is within --max-bytes; ids and error records are strict JSON; line
** numbers increase; and reading with parsing deferred to so_reader_parse()
** (as the parallel CLI does) gives exactly the same records.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/sbuf.h"
#include "io/jsonin.h"
#include "io/output.h"
#include "io/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECORDS 100000

static void check_json(const char *s, size_t n)
{
    json_object *v = NULL;
    char msg[200];
    if (so_jsonin_parse(s, n, SO_JSONIN_ANY, &v, msg, sizeof msg))
        abort();
    json_object_put(v);
}

/* Append a digest of rec to d, checking it on the way. */
static void check_record(const so_record *rec, const so_reader_opts *o, long *last_line,
                         so_sbuf *d)
{
    if (rec->pending || (o->mode == SO_IN_TEXT ? rec->line != 0 || *last_line >= 0
                                                : rec->line <= *last_line))
        abort();
    *last_line = rec->line;
    so_sbuf e;
    so_sb_init(&e, (size_t)1 << 20);
    if (rec->err_code) {
        if (!rec->err_code[0] || !memchr(rec->err_msg, 0, sizeof rec->err_msg))
            abort();
        so_record_error_json(&e, rec, rec->err_code, rec->err_msg);
    } else {
        if (!rec->id_json || !rec->text || rec->len > o->max_bytes || rec->text[rec->len])
            abort();
        so_sb_add(&e, "[", 1);
        so_sb_str(&e, rec->id_json);
        so_sb_add(&e, "]", 1);
    }
    if (e.failed)
        abort();
    check_json(e.p, e.len);
    so_sb_add(d, e.p, e.len);
    so_sb_printf(d, "|%ld|%zu|", rec->line, rec->len);
    if (rec->text)
        so_sb_add(d, rec->text, rec->len);
    so_sb_free(&e);
}

/* Read all records into the digest d; defer: parse as the CLI's workers do. */
static void read_all(const uint8_t *data, size_t size, const so_reader_opts *o, so_sbuf *d)
{
    so_reader *r = NULL;
    char err[256];
    if (so_reader_open_mem(&r, data, size, "fuzz", o, err, sizeof err))
        abort();
    so_record rec;
    long last = o->mode == SO_IN_TEXT ? -1 : 0;
    int rc, n = 0;
    while ((rc = so_reader_next(r, &rec, err, sizeof err)) != 0) {
        if (rc < 0 || ++n > MAX_RECORDS)
            abort();
        if (o->defer != !!rec.pending && !rec.err_code)
            abort();
        if (so_reader_parse(r, &rec))
            abort();
        check_record(&rec, o, &last, d);
        so_record_clear(&rec);
    }
    if (so_reader_done_bytes(r) > size || (o->mode == SO_IN_TEXT && n != 1))
        abort();
    so_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = data[0];
    so_reader_opts o;
    memset(&o, 0, sizeof o);
    o.mode = flags & 1 ? SO_IN_TEXT : SO_IN_JSONL;
    o.max_bytes = flags & 2 ? 64 : (size_t)64 << 20;
    o.text_field = flags & 4 ? "body" : "text";
    o.id_field = flags & 4 ? "url" : "id";
    so_sbuf a, b;
    so_sb_init(&a, (size_t)1 << 30);
    so_sb_init(&b, (size_t)1 << 30);
    read_all(data + 1, size - 1, &o, &a);
    o.defer = 1;
    read_all(data + 1, size - 1, &o, &b);
    if (a.failed || b.failed || a.len != b.len || (a.len && memcmp(a.p, b.p, a.len)))
        abort();
    so_sb_free(&a);
    so_sb_free(&b);
    return 0;
}
