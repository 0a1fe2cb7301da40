/*
** reader.c -- turns the command line's inputs into records (see reader.h):
** folders are walked in sorted order for .txt and .jsonl files (optionally
** .gz/.zst), a text file is one record, a JSONL line is one record parsed
** with json-c (io/jsonin.h). Every record gets exactly one outcome: text
** or an error.
**
** Invalid UTF-8 is repaired where it can be: the engine reads each invalid
** byte as U+FFFD, and a JSONL line with invalid UTF-8 is parsed with those
** bytes replaced by U+FFFD (code-point offsets are the same either way). A
** text that is mostly not text (more than one
** character in NOT_TEXT_SHARE invalid, U+FFFD or a control character: a
** binary file, UTF-16) is beyond repair and becomes a bad_encoding error.
*/
#include "io/reader.h"

#include <dirent.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/sbuf.h"
#include "base/utf8.h"
#include "base/util.h"
#include "io/jsonin.h"
#include "io/output.h"
#include "io/stream.h"

#define MAX_FILES ((size_t)1 << 24)
#define CHUNK ((size_t)1 << 16)
#define KEEP_LINE_BUF ((size_t)1 << 22) /* a bigger line buffer is freed after use */
#define NOT_TEXT_SHARE 4                 /* > 1 bad character in 4: not text */

enum { PEND_NONE = 0, PEND_TEXT, PEND_JSONL };

struct so_reader {
    so_reader_opts o;
    char **files;
    size_t nfiles, cap_files, cur;
    const void *mem;  /* so_reader_open_mem: the only input, borrowed */
    size_t mem_len;
    so_stream *s;     /* open stream of files[cur - 1] */
    int jsonl;        /* current file is JSON Lines */
    long line;
    char *buf;        /* read-ahead buffer for line reading */
    size_t blen, bpos;
    int eof;
    int stopped;      /* o.stop was seen while reading past a long line */
    int bad;          /* the stream failed: a bad_compression record is due */
    so_sbuf lb;       /* the current JSONL line */
    size_t total, done_before, data_bytes;
};

/* Does file name s end in suf, ASCII case ignored (a.txt, B.TXT)? */
static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcasecmp(s + n - m, suf);
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
    if (strcmp(path, "-") ? stat(path, &st) == 0 : fstat(0, &st) == 0 && S_ISREG(st.st_mode))
        r->total += (size_t)st.st_size;
    r->nfiles++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the wanted files below folder dir, sorted, recursively. A folder
** that cannot be listed, and a wanted name that cannot be looked at (a
** dangling link), are added as files: opening them fails, which is reported
** with their path, and the other inputs go on. -1 when memory runs out. */
static int add_dir(so_reader *r, const char *dir, int depth)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return add_file(r, dir);
    if (depth > 32)
        return closedir(dp), 0;
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
        } else if (!rc && wanted(names[k])) {
            rc = add_file(r, names[k]);
        }
        free(names[k]);
    }
    free(names);
    return rc;
}

static so_reader *new_reader(const so_reader_opts *o, char *err, size_t errlen)
{
    so_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->buf = malloc(CHUNK))) {
        free(r);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->o = *o;
    if (!r->o.text_field)
        r->o.text_field = "text";
    if (!r->o.id_field)
        r->o.id_field = "id";
    if (!r->o.max_bytes)
        r->o.max_bytes = (size_t)64 << 20;
    so_sb_init(&r->lb, r->o.max_bytes * 2 + 4096);
    return r;
}

int so_reader_open_mem(so_reader **out, const void *buf, size_t len, const char *name,
                       const so_reader_opts *o, char *err, size_t errlen)
{
    so_reader *r = new_reader(o, err, errlen);
    *out = NULL;
    if (!r)
        return -1;
    r->mem = buf ? buf : "";
    r->mem_len = buf ? len : 0;
    r->total = r->mem_len;
    if (so_grow(&r->files, &r->cap_files, 1, sizeof *r->files, 1) ||
        !(r->files[0] = strdup(name ? name : "<memory>"))) {
        so_reader_close(r);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    r->nfiles = 1;
    *out = r;
    return 0;
}

int so_reader_open(so_reader **out, char *const *paths, int npaths, const so_reader_opts *o,
                   char *err, size_t errlen)
{
    so_reader *r = new_reader(o, err, errlen);
    *out = NULL;
    if (!r)
        return -1;
    int rc = npaths ? 0 : add_file(r, "-");
    for (int k = 0; k < npaths && !rc; k++) {
        struct stat st;
        if (strcmp(paths[k], "-") && stat(paths[k], &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = add_dir(r, paths[k], 0);
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
    for (int k = 0; exts[k]; k++)
        if (strlen(s) > strlen(exts[k]) && has_suffix(s, exts[k]))
            s[strlen(s) - strlen(exts[k])] = 0;
    return s;
}

static char *json_string_dup(const char *s, size_t n)
{
    so_sbuf b;
    so_sb_init(&b, (size_t)1 << 20);
    so_json_str(&b, s, n);
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

int so_text_check(const char *text, size_t len, char *msg, size_t msglen)
{
    size_t bad = 0, cps = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint64_t w;
        if (len - i >= 8 && (memcpy(&w, s + i, 8), so_utf8_printable8(w))) {
            i += 8;
            cps += 8;
            continue;
        }
        for (; i < len && s[i] >= 0x20 && s[i] < 0x80; i++)
            cps++;
        if (i == len)
            break;
        uint32_t cp;
        i += so_utf8_next(text, len, i, &cp);
        cps++;
        bad += cp == 0xFFFD || (cp < 0x20 && (cp < 9 || cp > 13));
    }
    if (bad * NOT_TEXT_SHARE <= cps)
        return 0;
    snprintf(msg, msglen,
             "not UTF-8 text: %zu of %zu characters are invalid bytes, U+FFFD or control "
             "characters", bad, cps);
    return -1;
}

static void check_text(so_record *rec)
{
    if (so_text_check(rec->text, rec->len, rec->err_msg, sizeof rec->err_msg))
        rec->err_code = "bad_encoding";
}

/* Read the whole current text file into rec (capped). */
static int read_text_file(so_reader *r, so_record *rec)
{
    so_sbuf b;
    so_sb_init(&b, r->o.max_bytes);
    char *chunk = r->buf;
    long n;
    while ((n = so_stream_read(r->s, chunk, CHUNK)) > 0) {
        r->data_bytes += (size_t)n;
        if (so_sb_add(&b, chunk, (size_t)n))
            break;
    }
    if (n == -2)
        set_error(rec, "bad_compression", "%s: corrupt or truncated compressed data",
                  rec->where);
    else if (n == -1)
        set_error(rec, "read_error", "%s: read error", rec->where);
    else if (b.failed)
        set_error(rec, "too_large", "%s: text exceeds --max-bytes", rec->where);
    else if (!b.p && !(b.p = strdup("")))
        set_error(rec, "no_memory", "%s: out of memory", rec->where);
    if (rec->err_code) {
        so_sb_free(&b);
        return 1;
    }
    rec->text = b.p;
    rec->len = b.len;
    rec->pending = PEND_TEXT;
    return 1;
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
            r->data_bytes += (size_t)n;
        }
        got = 1;
        char *nl = memchr(r->buf + r->bpos, '\n', r->blen - r->bpos);
        size_t k = nl ? (size_t)(nl - (r->buf + r->bpos)) : r->blen - r->bpos;
        if (!*too_long && so_sb_add(out, r->buf + r->bpos, k))
            *too_long = 1;
        if (*too_long && r->o.stop && *r->o.stop) { /* a signal: give up the line */
            r->eof = r->stopped = 1;
            r->bpos = r->blen;
            return 0;
        }
        r->bpos += k + (nl != NULL);
        if (nl)
            return 1;
    }
}

/* The record's id as JSON: a string or an integer field, else the line number. */
static char *id_of(json_object *obj, const char *field, long line)
{
    json_object *v = NULL;
    char tmp[64];
    json_object_object_get_ex(obj, field, &v);
    if (json_object_is_type(v, json_type_string))
        return json_string_dup(json_object_get_string(v), /* NUL bytes included */
                               (size_t)json_object_get_string_len(v));
    if (json_object_is_type(v, json_type_int)) {
        snprintf(tmp, sizeof tmp, "%" PRId64, json_object_get_int64(v));
        return strdup(tmp);
    }
    snprintf(tmp, sizeof tmp, "%ld", line);
    return strdup(tmp);
}

/* Parse one JSON Lines record into rec: its text then points into the
** parsed value, which the record holds. */
static void parse_jsonl(const so_reader_opts *o, so_record *rec, const char *line, size_t len)
{
    json_object *obj = NULL, *t = NULL;
    char msg[sizeof rec->err_msg - 16];
    int rc = so_jsonin_parse(line, len, SO_JSONIN_REPAIR, &obj, msg, sizeof msg);
    if (rc != SO_JSONIN_OK) {
        rec->id_json = strdup("null");
        set_error(rec, rc == SO_JSONIN_NOMEM ? "no_memory" : "bad_json", "invalid JSON: %s", msg);
        return;
    }
    rec->id_json = id_of(obj, o->id_field, rec->line);
    int has_t = json_object_object_get_ex(obj, o->text_field, &t); /* 0 unless an object */
    if (!rec->id_json)
        set_error(rec, "no_memory", "%s", "out of memory");
    else if (!json_object_is_type(obj, json_type_object))
        set_error(rec, "not_object", "%s", "record is not a JSON object");
    else if (!has_t)
        set_error(rec, "missing_text", "no \"%s\" field", o->text_field);
    else if (!json_object_is_type(t, json_type_string))
        set_error(rec, "text_not_string", "field \"%s\" is not a string", o->text_field);
    else if ((size_t)json_object_get_string_len(t) > o->max_bytes)
        set_error(rec, "too_large", "%s", "text exceeds --max-bytes");
    if (rec->err_code) {
        json_object_put(obj);
        return;
    }
    rec->text = (char *)json_object_get_string(t); /* read-only: owned by obj */
    rec->len = (size_t)json_object_get_string_len(t);
    rec->held = obj;
    check_text(rec);
}

/* The next JSONL record into rec: 1, or 0 at the end of the file. The line
** is parsed now, or copied for so_reader_parse() in defer mode. */
static int next_jsonl(so_reader *r, so_record *rec)
{
    so_sbuf *line = &r->lb;
    int too_long, bad;
    for (;;) {
        so_sb_reset(line);
        int got = read_line(r, line, &too_long, &bad);
        r->bad |= bad;
        if (!got && r->bad) {
            /* after the records read before the damage (a line it cut is
            ** one of them), the damage itself is the file's last record */
            r->bad = 0;
            rec->line = ++r->line;
            set_error(rec, "bad_compression", "%s: corrupt or truncated compressed data",
                      rec->where);
            return 1;
        }
        if (!got)
            return 0;
        r->line++;
        size_t k = 0;
        while (k < line->len && (line->p[k] == ' ' || line->p[k] == '\t' || line->p[k] == '\r'))
            k++;
        if (k < line->len || too_long)
            break; /* blank lines are not records */
    }
    rec->line = r->line;
    size_t skip = r->line == 1 && line->len >= 3 && !memcmp(line->p, "\xEF\xBB\xBF", 3) ? 3 : 0;
    if (too_long) {
        set_error(rec, "too_large", "%s", "line exceeds the record size limit (--max-bytes)");
    } else if (!r->o.defer) {
        parse_jsonl(&r->o, rec, line->p + skip, line->len - skip);
    } else if ((rec->text = malloc(line->len - skip + 1))) {
        memcpy(rec->text, line->p + skip, line->len - skip + 1);
        rec->len = line->len - skip;
        rec->pending = PEND_JSONL;
    } else {
        set_error(rec, "no_memory", "%s", "out of memory");
    }
    if (line->cap > KEEP_LINE_BUF) {
        so_sb_free(line);
        so_sb_init(line, r->o.max_bytes * 2 + 4096);
    }
    return 1;
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
    r->s = r->mem ? so_stream_open_mem(r->mem, r->mem_len, e2, sizeof e2)
                  : so_stream_open(path, e2, sizeof e2);
    r->line = 0;
    r->blen = r->bpos = 0;
    r->eof = r->bad = 0;
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

/* The next record of the current input, or 0 when it has none left. */
static int next_record(so_reader *r, so_record *rec)
{
    rec->where = r->files[r->cur - 1];
    if (r->jsonl)
        return next_jsonl(r, rec);
    if (r->eof)
        return 0;
    r->eof = 1; /* a text file is one record */
    rec->name = base_name(rec->where);
    rec->id_json = rec->name ? json_string_dup(rec->name, strlen(rec->name)) : NULL;
    if (!rec->id_json) {
        set_error(rec, "no_memory", "%s: out of memory", rec->where);
        return 1;
    }
    return read_text_file(r, rec);
}

int so_reader_next(so_reader *r, so_record *rec, char *err, size_t errlen)
{
    memset(rec, 0, sizeof *rec);
    for (;;) {
        if (r->stopped)
            return 0;
        if (r->s && next_record(r, rec)) {
            if (!r->o.defer)
                so_reader_parse(r, rec);
            return 1;
        }
        if (r->stopped) /* no next file either */
            return 0;
        int rc = open_next_file(r, err, errlen);
        if (rc <= 0)
            return rc;
    }
}

int so_reader_parse(const so_reader *r, so_record *rec)
{
    int kind = rec->pending;
    rec->pending = PEND_NONE;
    if (kind == PEND_TEXT) {
        check_text(rec);
    } else if (kind == PEND_JSONL) {
        char *line = rec->text;
        size_t len = rec->len;
        rec->text = NULL;
        rec->len = 0;
        parse_jsonl(&r->o, rec, line, len);
        free(line);
    }
    return rec->err_code && !strcmp(rec->err_code, "no_memory") ? -1 : 0;
}

int so_reader_ready(const so_reader *r, int timeout_ms)
{
    if (!r->s || r->eof || r->bpos < r->blen || !r->jsonl)
        return 1;
    return so_stream_ready(r->s, timeout_ms);
}

size_t so_reader_total_bytes(const so_reader *r)
{
    return r->total;
}

size_t so_reader_done_bytes(const so_reader *r)
{
    return r->done_before + (r->s ? so_stream_raw_bytes(r->s) : 0);
}

size_t so_reader_data_bytes(const so_reader *r)
{
    return r->data_bytes;
}

int so_record_error_json(so_sbuf *b, const so_record *rec, const char *code,
                         const char *message)
{
    return so_json_error(b, rec->id_json ? rec->id_json : "null", rec->line, code, message);
}

void so_record_clear(so_record *rec)
{
    if (rec->held)
        json_object_put(rec->held);
    else
        free(rec->text);
    free(rec->id_json);
    free(rec->name);
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
    so_sb_free(&r->lb);
    free(r);
}
