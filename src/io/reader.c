/*
** reader.c -- turns the command line's inputs into records (see reader.h):
** folders are walked in sorted order for .txt and .jsonl files (optionally
** .gz/.zst), a text file is one record, a JSONL line is one record parsed
** with jansson. Every record gets exactly one outcome: text or an error.
*/
#include "io/reader.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/sbuf.h"
#include "base/util.h"
#include "io/output.h"
#include "io/stream.h"

#define MAX_FILES ((size_t)1 << 24)
#define CHUNK ((size_t)1 << 16)

struct so_reader {
    so_reader_opts o;
    char **files;
    size_t nfiles, cap_files, cur;
    so_stream *s;     /* open stream of files[cur - 1] */
    int jsonl;        /* current file is JSON Lines */
    long line;
    char *buf;        /* read-ahead buffer for line reading */
    size_t blen, bpos;
    int eof;
    size_t total, done_before;
};

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

static int wanted(const char *name)
{
    static const char *const exts[] = {".txt", ".jsonl", ".txt.gz", ".jsonl.gz", ".txt.zst",
                                       ".jsonl.zst", NULL};
    for (int k = 0; exts[k]; k++)
        if (has_suffix(name, exts[k]))
            return 1;
    return 0;
}

static int add_file(so_reader *r, const char *path)
{
    if (so_grow(&r->files, &r->cap_files, r->nfiles + 1, sizeof *r->files, MAX_FILES))
        return -1;
    if (!(r->files[r->nfiles] = strdup(path)))
        return -1;
    struct stat st;
    if (strcmp(path, "-") && stat(path, &st) == 0)
        r->total += (size_t)st.st_size;
    r->nfiles++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the wanted files below folder dir, sorted, recursively. */
static int add_dir(so_reader *r, const char *dir, int depth)
{
    DIR *dp = opendir(dir);
    if (!dp || depth > 32)
        return dp ? (closedir(dp), 0) : -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(dp)) && !rc) {
        if (de->d_name[0] == '.')
            continue;
        char *p = malloc(strlen(dir) + strlen(de->d_name) + 2);
        if (!p || so_grow(&names, &cap, n + 1, sizeof *names, MAX_FILES)) {
            free(p);
            rc = -1;
            break;
        }
        sprintf(p, "%s/%s", dir, de->d_name);
        names[n++] = p;
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (!rc && stat(names[k], &st) == 0) {
            if (S_ISDIR(st.st_mode))
                rc = add_dir(r, names[k], depth + 1) < 0 ? -1 : 0;
            else if (wanted(names[k]))
                rc = add_file(r, names[k]);
        }
        free(names[k]);
    }
    free(names);
    return rc;
}

int so_reader_open(so_reader **out, char *const *paths, int npaths, const so_reader_opts *o,
                   char *err, size_t errlen)
{
    so_reader *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r || !(r->buf = malloc(CHUNK))) {
        free(r);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    r->o = *o;
    if (!r->o.text_field)
        r->o.text_field = "text";
    if (!r->o.id_field)
        r->o.id_field = "id";
    if (!r->o.max_bytes)
        r->o.max_bytes = (size_t)64 << 20;
    int rc = npaths ? 0 : add_file(r, "-");
    for (int k = 0; k < npaths && !rc; k++) {
        struct stat st;
        if (strcmp(paths[k], "-") && stat(paths[k], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (add_dir(r, paths[k], 0) < 0) {
                snprintf(err, errlen, "%s: cannot read folder", paths[k]);
                rc = -1;
            }
        } else {
            rc = add_file(r, paths[k]);
        }
    }
    if (rc) {
        if (!err[0])
            snprintf(err, errlen, "out of memory listing inputs");
        so_reader_close(r);
        return -1;
    }
    *out = r;
    return 0;
}

static char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    if (!strcmp(path, "-"))
        b = "stdin";
    char *s = strdup(b);
    if (!s)
        return NULL;
    static const char *const exts[] = {".gz", ".zst", ".txt", ".jsonl", NULL};
    for (int k = 0; exts[k]; k++) {
        size_t n = strlen(s), m = strlen(exts[k]);
        if (n > m && !strcmp(s + n - m, exts[k]))
            s[n - m] = 0;
    }
    return s;
}

static char *json_string_dup(const char *s)
{
    so_sbuf b;
    so_sb_init(&b, (size_t)1 << 20);
    so_json_str(&b, s, strlen(s));
    if (b.failed) {
        so_sb_free(&b);
        return NULL;
    }
    return b.p;
}

static void set_error(so_record *rec, const char *code, const char *fmt, const char *arg)
{
    rec->err_code = code;
    snprintf(rec->err_msg, sizeof rec->err_msg, fmt, arg);
}

/* Read the whole current text file into rec (capped). */
static int read_text_file(so_reader *r, so_record *rec)
{
    so_sbuf b;
    so_sb_init(&b, r->o.max_bytes);
    char *chunk = r->buf;
    long n;
    while ((n = so_stream_read(r->s, chunk, CHUNK)) > 0)
        if (so_sb_add(&b, chunk, (size_t)n))
            break;
    if (n == -2)
        set_error(rec, "bad_compression", "%s: corrupt or truncated compressed data",
                  rec->where);
    else if (n == -1)
        set_error(rec, "read_error", "%s: read error", rec->where);
    else if (b.failed)
        set_error(rec, "too_large", "%s: text exceeds --max-bytes", rec->where);
    if (rec->err_code) {
        so_sb_free(&b);
        return 1;
    }
    rec->text = b.p ? b.p : strdup("");
    rec->len = b.len;
    return rec->text ? 1 : -1;
}

/* Read one line (without the newline) into out, capped at cap bytes; a
** longer line is consumed to its end and *too_long set. 0 at EOF. */
static int read_line(so_reader *r, so_sbuf *out, int *too_long, int *bad)
{
    int got = 0;
    *too_long = *bad = 0;
    for (;;) {
        if (r->bpos == r->blen) {
            long n = r->eof ? 0 : so_stream_read(r->s, r->buf, CHUNK);
            if (n <= 0) {
                r->eof = 1;
                *bad = n < 0;
                return got;
            }
            r->blen = (size_t)n;
            r->bpos = 0;
        }
        got = 1;
        char *nl = memchr(r->buf + r->bpos, '\n', r->blen - r->bpos);
        size_t k = nl ? (size_t)(nl - (r->buf + r->bpos)) : r->blen - r->bpos;
        if (!*too_long && so_sb_add(out, r->buf + r->bpos, k))
            *too_long = 1;
        r->bpos += k + (nl != NULL);
        if (nl)
            return 1;
    }
}

static char *id_of(json_t *obj, const char *field, long line)
{
    json_t *v = json_object_get(obj, field);
    char tmp[64];
    if (json_is_string(v))
        return json_string_dup(json_string_value(v));
    if (json_is_integer(v)) {
        snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return strdup(tmp);
    }
    snprintf(tmp, sizeof tmp, "%ld", line);
    return strdup(tmp);
}

/* Copy the record's other fields (title, outlet, date, url ...) as JSON. */
static char *meta_of(json_t *obj, const so_reader_opts *o)
{
    json_t *m = json_deep_copy(obj);
    if (!m)
        return NULL;
    json_object_del(m, o->text_field);
    char *s = json_object_size(m) ? json_dumps(m, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(m);
    return s;
}

static void parse_jsonl(so_reader *r, so_record *rec, const char *line, size_t len)
{
    json_error_t je;
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &je);
    if (!obj) {
        rec->id_json = strdup("null");
        set_error(rec, "bad_json", "invalid JSON: %s", je.text);
        return;
    }
    rec->id_json = id_of(obj, r->o.id_field, r->line);
    json_t *t = json_is_object(obj) ? json_object_get(obj, r->o.text_field) : NULL;
    if (!json_is_object(obj))
        set_error(rec, "not_object", "%s", "record is not a JSON object");
    else if (!t)
        set_error(rec, "missing_text", "no \"%s\" field", r->o.text_field);
    else if (!json_is_string(t))
        set_error(rec, "text_not_string", "field \"%s\" is not a string", r->o.text_field);
    else if (json_string_length(t) > r->o.max_bytes)
        set_error(rec, "too_large", "%s", "text exceeds --max-bytes");
    else if ((rec->text = malloc(json_string_length(t) + 1))) {
        rec->len = json_string_length(t);
        memcpy(rec->text, json_string_value(t), rec->len + 1);
        rec->meta_json = meta_of(obj, &r->o);
    }
    json_decref(obj);
}

static int next_jsonl(so_reader *r, so_record *rec)
{
    so_sbuf line;
    so_sb_init(&line, r->o.max_bytes * 2 + 4096);
    int too_long, bad;
    for (;;) {
        so_sb_reset(&line);
        if (!read_line(r, &line, &too_long, &bad)) {
            so_sb_free(&line);
            if (bad) {
                rec->line = ++r->line;
                rec->id_json = strdup("null");
                set_error(rec, "bad_compression", "%s: corrupt or truncated compressed data",
                          rec->where);
                return 1;
            }
            return 0;
        }
        r->line++;
        size_t k = 0;
        while (k < line.len && (line.p[k] == ' ' || line.p[k] == '\t' || line.p[k] == '\r'))
            k++;
        if (k < line.len || too_long)
            break; /* blank lines are not records */
    }
    rec->line = r->line;
    if (too_long) {
        rec->id_json = strdup("null");
        set_error(rec, "too_large", "%s", "line exceeds the record size limit (--max-bytes)");
    } else {
        parse_jsonl(r, rec, line.p, line.len);
    }
    so_sb_free(&line);
    return rec->id_json ? 1 : -1;
}

static int open_next_file(so_reader *r, char *err, size_t errlen)
{
    if (r->s) {
        r->done_before += so_stream_raw_bytes(r->s);
        so_stream_close(r->s);
        r->s = NULL;
    }
    if (r->cur >= r->nfiles)
        return 0;
    const char *path = r->files[r->cur++];
    char e2[200] = "";
    r->s = so_stream_open(path, e2, sizeof e2);
    r->line = 0;
    r->blen = r->bpos = 0;
    r->eof = 0;
    if (!r->s) {
        snprintf(err, errlen, "%s: %s", path, e2);
        return -1;
    }
    const char *p = path;
    r->jsonl = r->o.mode == SO_IN_JSONL ||
               (r->o.mode == SO_IN_AUTO && (has_suffix(p, ".jsonl") || has_suffix(p, ".jsonl.gz") ||
                                            has_suffix(p, ".jsonl.zst")));
    return 1;
}

int so_reader_next(so_reader *r, so_record *rec, char *err, size_t errlen)
{
    memset(rec, 0, sizeof *rec);
    for (;;) {
        if (r->s && r->jsonl) {
            rec->where = r->files[r->cur - 1];
            int rc = next_jsonl(r, rec);
            if (rc)
                return rc;
        }
        int rc = open_next_file(r, err, errlen);
        if (rc <= 0)
            return rc;
        if (!r->jsonl) {
            rec->where = r->files[r->cur - 1];
            rec->name = base_name(rec->where);
            rec->id_json = rec->name ? json_string_dup(rec->name) : NULL;
            if (!rec->id_json)
                return -1;
            return read_text_file(r, rec);
        }
    }
}

size_t so_reader_total_bytes(const so_reader *r)
{
    return r->total;
}

size_t so_reader_done_bytes(const so_reader *r)
{
    return r->done_before + (r->s ? so_stream_raw_bytes(r->s) : 0);
}

void so_record_clear(so_record *rec)
{
    free(rec->text);
    free(rec->id_json);
    free(rec->name);
    free(rec->meta_json);
    memset(rec, 0, sizeof *rec);
}

void so_reader_close(so_reader *r)
{
    if (!r)
        return;
    so_stream_close(r->s);
    for (size_t k = 0; k < r->nfiles; k++)
        free(r->files[k]);
    free(r->files);
    free(r->buf);
    free(r);
}
