/*
** modelfile.c -- reading, validating and writing sayso model files
** (see modelfile.h and docs/model-format.md for the byte layout).
*/
#include "model/modelfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

typedef struct so_mf_entry {
    char tag[SO_MF_TAG_LEN + 1];
    uint64_t off, size;
} so_mf_entry;

struct so_mf {
    const uint8_t *base;
    size_t len;
    int mapped;            /* 1: base is our mmap and must be unmapped */
    uint32_t n;
    so_mf_entry *ent;
};

/* ---------------------------------------------------------------- helpers */

const char *so_mf_status_str(so_mf_status st)
{
    switch (st) {
    case SO_MF_OK: return "ok";
    case SO_MF_ERR_IO: return "i/o error";
    case SO_MF_ERR_NOMEM: return "out of memory";
    case SO_MF_ERR_TRUNCATED: return "truncated model file";
    case SO_MF_ERR_MAGIC: return "not a sayso model file (bad magic)";
    case SO_MF_ERR_VERSION: return "unsupported model format version";
    case SO_MF_ERR_CHECKSUM: return "checksum mismatch (corrupt model file)";
    case SO_MF_ERR_BOUNDS: return "section out of bounds (corrupt model file)";
    case SO_MF_ERR_NOTFOUND: return "section not found";
    case SO_MF_ERR_INVALID: return "invalid argument";
    }
    return "unknown model file status";
}

static so_mf_status fail(so_mf_status st, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Format a message into err (if any) and return st. */
static so_mf_status fail(so_mf_status st, char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return st;
}

uint16_t so_mf_le16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

uint32_t so_mf_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

uint64_t so_mf_le64(const uint8_t *p)
{
    return (uint64_t)so_mf_le32(p) | ((uint64_t)so_mf_le32(p + 4) << 32);
}

float so_mf_lef32(const uint8_t *p)
{
    uint32_t u = so_mf_le32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static void wr64(uint8_t *p, uint64_t v)
{
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

/* CRC-32 (zlib) of n bytes, in chunks so that sizes over 4 GiB are fine. */
static uint32_t crc_of(const uint8_t *p, size_t n)
{
    uLong c = crc32(0L, Z_NULL, 0);
    while (n > 0) {
        uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
        c = crc32(c, p, k);
        p += k;
        n -= k;
    }
    return (uint32_t)c;
}

/* A valid tag is 1..8 bytes of printable ASCII, NUL-padded in the file. */
static int tag_ok(const char *tag)
{
    size_t n = tag ? strlen(tag) : 0;
    if (n == 0 || n > SO_MF_TAG_LEN) return 0;
    for (size_t i = 0; i < n; i++)
        if (tag[i] <= 0x20 || tag[i] >= 0x7f) return 0;
    return 1;
}

/* --------------------------------------------------------------- parsing */

/* The default model, linked into the library (embed.S). */
extern const unsigned char so_embedded_model[];
extern const unsigned char so_embedded_model_end[];

/* Check the fixed header (and, unless builtin, the payload checksum); on
** success *n_out is the section count. */
static so_mf_status check_header(const uint8_t *b, size_t len, int builtin, uint32_t *n_out,
                                 char *err, size_t errlen)
{
    if (len < SO_MF_HEADER_SIZE)
        return fail(SO_MF_ERR_TRUNCATED, err, errlen,
                    "truncated model file: %zu bytes, header needs %u", len,
                    SO_MF_HEADER_SIZE);
    if (memcmp(b, SO_MF_MAGIC, 8) != 0)
        return fail(SO_MF_ERR_MAGIC, err, errlen, "not a sayso model file (bad magic)");
    uint32_t ver = so_mf_le32(b + 8);
    if (ver != SO_MF_VERSION)
        return fail(SO_MF_ERR_VERSION, err, errlen,
                    "model format version %u, this build reads version %u", ver,
                    SO_MF_VERSION);
    if (so_mf_le32(b + 28) != crc_of(b, 28))
        return fail(SO_MF_ERR_CHECKSUM, err, errlen, "header checksum mismatch (corrupt)");
    uint64_t fsize = so_mf_le64(b + 16);
    if (fsize > len)
        return fail(SO_MF_ERR_TRUNCATED, err, errlen,
                    "truncated model file: %zu bytes of %llu", len,
                    (unsigned long long)fsize);
    if (fsize < len)
        return fail(SO_MF_ERR_BOUNDS, err, errlen,
                    "model file has %zu bytes, header says %llu", len,
                    (unsigned long long)fsize);
    uint32_t n = so_mf_le32(b + 12);
    if (n > SO_MF_MAX_SECTIONS || SO_MF_HEADER_SIZE + (uint64_t)n * SO_MF_ENTRY_SIZE > len)
        return fail(SO_MF_ERR_BOUNDS, err, errlen, "bad section count %u", n);
    if (!builtin && so_mf_le32(b + 24) != crc_of(b + SO_MF_HEADER_SIZE, len - SO_MF_HEADER_SIZE))
        return fail(SO_MF_ERR_CHECKSUM, err, errlen, "payload checksum mismatch (corrupt)");
    *n_out = n;
    return SO_MF_OK;
}

/* Decode and bounds-check section table entry i into e. */
static so_mf_status parse_entry(const uint8_t *b, size_t len, uint32_t n, uint32_t i,
                                so_mf_entry *e, char *err, size_t errlen)
{
    const uint8_t *p = b + SO_MF_HEADER_SIZE + (size_t)i * SO_MF_ENTRY_SIZE;
    memcpy(e->tag, p, SO_MF_TAG_LEN);
    e->tag[SO_MF_TAG_LEN] = '\0';
    for (size_t k = strlen(e->tag); k < SO_MF_TAG_LEN; k++)
        if (p[k] != 0)
            return fail(SO_MF_ERR_BOUNDS, err, errlen, "section %u: bad tag padding", i);
    if (!tag_ok(e->tag))
        return fail(SO_MF_ERR_BOUNDS, err, errlen, "section %u: bad tag", i);
    e->off = so_mf_le64(p + 8);
    e->size = so_mf_le64(p + 16);
    uint64_t table_end = SO_MF_HEADER_SIZE + (uint64_t)n * SO_MF_ENTRY_SIZE;
    if (e->off < table_end || e->off > len || e->size > len - e->off)
        return fail(SO_MF_ERR_BOUNDS, err, errlen,
                    "section '%s': offset %llu size %llu outside the %zu-byte file",
                    e->tag, (unsigned long long)e->off, (unsigned long long)e->size, len);
    return SO_MF_OK;
}

/* Parse the table of an already header-checked buffer into mf->ent. */
static so_mf_status parse_table(so_mf *mf, char *err, size_t errlen)
{
    mf->ent = calloc(mf->n ? mf->n : 1, sizeof *mf->ent);
    if (!mf->ent) return fail(SO_MF_ERR_NOMEM, err, errlen, "out of memory");
    for (uint32_t i = 0; i < mf->n; i++) {
        so_mf_status st = parse_entry(mf->base, mf->len, mf->n, i, &mf->ent[i], err, errlen);
        if (st) return st;
        for (uint32_t j = 0; j < i; j++)
            if (strcmp(mf->ent[j].tag, mf->ent[i].tag) == 0)
                return fail(SO_MF_ERR_BOUNDS, err, errlen, "duplicate section '%s'",
                            mf->ent[i].tag);
    }
    return SO_MF_OK;
}

/* Validate base/len and build *out; takes ownership of a mapping if mapped. */
static so_mf_status open_common(const uint8_t *base, size_t len, int mapped, so_mf **out,
                                char *err, size_t errlen)
{
    uint32_t n = 0;
    int builtin = !mapped && base == (const uint8_t *)so_embedded_model;
    so_mf_status st = check_header(base, len, builtin, &n, err, errlen);
    so_mf *mf = NULL;
    if (st == SO_MF_OK) {
        mf = calloc(1, sizeof *mf);
        if (!mf) st = fail(SO_MF_ERR_NOMEM, err, errlen, "out of memory");
    }
    if (st == SO_MF_OK) {
        mf->base = base;
        mf->len = len;
        mf->n = n;
        st = parse_table(mf, err, errlen);
    }
    if (st != SO_MF_OK) {
        if (mf) free(mf->ent);
        free(mf);
        if (mapped) munmap((void *)base, len);
        return st;
    }
    mf->mapped = mapped;
    *out = mf;
    return SO_MF_OK;
}

so_mf_status so_mf_open_mem(const void *buf, size_t len, so_mf **out, char *err,
                            size_t errlen)
{
    if (!out) return fail(SO_MF_ERR_INVALID, err, errlen, "NULL output pointer");
    *out = NULL;
    if (!buf && len) return fail(SO_MF_ERR_INVALID, err, errlen, "NULL buffer");
    if (!buf) buf = "";
    return open_common(buf, len, 0, out, err, errlen);
}

so_mf_status so_mf_open_model(const char *path, so_mf **out, char *err, size_t errlen)
{
    return path ? so_mf_open_file(path, out, err, errlen)
                : so_mf_open_mem(so_embedded_model,
                                 (size_t)(so_embedded_model_end - so_embedded_model), out, err,
                                 errlen);
}

/* Prefix err with "PATH: " in place (best effort, truncating). */
static void prefix_path(const char *path, char *err, size_t errlen)
{
    if (!err || !errlen) return;
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", err);
    snprintf(err, errlen, "%s: %s", path, tmp);
}

so_mf_status so_mf_open_file(const char *path, so_mf **out, char *err, size_t errlen)
{
    if (!out || !path) return fail(SO_MF_ERR_INVALID, err, errlen, "NULL argument");
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO must not block */
    if (fd < 0)
        return fail(SO_MF_ERR_IO, err, errlen, "%s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return fail(SO_MF_ERR_IO, err, errlen, "%s: not a regular file", path);
    }
    if ((uint64_t)sb.st_size > SO_MF_MAX_FILE) {
        close(fd);
        return fail(SO_MF_ERR_BOUNDS, err, errlen, "%s: too large", path);
    }
    size_t len = (size_t)sb.st_size;
    if (len < SO_MF_HEADER_SIZE) {
        close(fd);
        fail(SO_MF_ERR_TRUNCATED, err, errlen, "truncated model file: %zu bytes", len);
        prefix_path(path, err, errlen);
        return SO_MF_ERR_TRUNCATED;
    }
    void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return fail(SO_MF_ERR_IO, err, errlen, "%s: mmap: %s", path, strerror(errno));
    so_mf_status st = open_common(p, len, 1, out, err, errlen);
    if (st) prefix_path(path, err, errlen);
    return st;
}

void so_mf_close(so_mf *mf)
{
    if (!mf) return;
    if (mf->mapped) munmap((void *)mf->base, mf->len);
    free(mf->ent);
    free(mf);
}

size_t so_mf_count(const so_mf *mf) { return mf ? mf->n : 0; }

so_mf_status so_mf_at(const so_mf *mf, size_t i, char tag[SO_MF_TAG_LEN + 1],
                      const uint8_t **data, size_t *size)
{
    if (!mf || i >= mf->n) return SO_MF_ERR_INVALID;
    if (tag) memcpy(tag, mf->ent[i].tag, SO_MF_TAG_LEN + 1);
    if (data) *data = mf->base + mf->ent[i].off;
    if (size) *size = (size_t)mf->ent[i].size;
    return SO_MF_OK;
}

so_mf_status so_mf_find(const so_mf *mf, const char *tag, const uint8_t **data,
                        size_t *size)
{
    if (!mf || !tag_ok(tag)) return SO_MF_ERR_INVALID;
    for (uint32_t i = 0; i < mf->n; i++)
        if (strcmp(mf->ent[i].tag, tag) == 0)
            return so_mf_at(mf, i, NULL, data, size);
    return SO_MF_ERR_NOTFOUND;
}

/* ------------------------------------------------------------ byte buffer */

void so_mf_buf_init(so_mf_buf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max ? max : (size_t)SO_MF_MAX_FILE;
}

void so_mf_buf_free(so_mf_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* Make room for n more bytes; returns a pointer to them or NULL (failed). */
static uint8_t *buf_room(so_mf_buf *b, size_t n)
{
    if (b->failed) return NULL;
    if (n > b->max - b->len) {
        b->failed = 1;
        return NULL;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n) cap = cap > b->max / 2 ? b->max : cap * 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return NULL;
        }
        b->p = p;
        b->cap = cap;
    }
    uint8_t *r = b->p + b->len;
    b->len += n;
    return r;
}

void so_mf_put(so_mf_buf *b, const void *data, size_t n)
{
    uint8_t *p = buf_room(b, n);
    if (p && n) memcpy(p, data, n);
}

void so_mf_put_zeros(so_mf_buf *b, size_t n)
{
    uint8_t *p = buf_room(b, n);
    if (p && n) memset(p, 0, n);
}

void so_mf_put_u8(so_mf_buf *b, uint8_t v) { so_mf_put(b, &v, 1); }

void so_mf_put_u16(so_mf_buf *b, uint16_t v)
{
    uint8_t t[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    so_mf_put(b, t, 2);
}

void so_mf_put_u32(so_mf_buf *b, uint32_t v)
{
    uint8_t t[4];
    wr32(t, v);
    so_mf_put(b, t, 4);
}

void so_mf_put_u64(so_mf_buf *b, uint64_t v)
{
    uint8_t t[8];
    wr64(t, v);
    so_mf_put(b, t, 8);
}

void so_mf_put_f32(so_mf_buf *b, float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    so_mf_put_u32(b, u);
}

void so_mf_put_str(so_mf_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (n > 0xffff) {
        b->failed = 1;
        return;
    }
    so_mf_put_u16(b, (uint16_t)n);
    so_mf_put(b, s, n);
}

/* ----------------------------------------------------------------- reader */

void so_mf_rd_init(so_mf_rd *r, const uint8_t *p, size_t len)
{
    r->p = p;
    r->len = p ? len : 0;
    r->pos = 0;
    r->failed = 0;
}

const uint8_t *so_mf_get_bytes(so_mf_rd *r, size_t n)
{
    if (r->failed || n > r->len - r->pos) {
        r->failed = 1;
        return NULL;
    }
    const uint8_t *q = r->p + r->pos;
    r->pos += n;
    return q;
}

uint8_t so_mf_get_u8(so_mf_rd *r)
{
    const uint8_t *q = so_mf_get_bytes(r, 1);
    return q ? q[0] : 0;
}

uint16_t so_mf_get_u16(so_mf_rd *r)
{
    const uint8_t *q = so_mf_get_bytes(r, 2);
    return q ? so_mf_le16(q) : 0;
}

uint32_t so_mf_get_u32(so_mf_rd *r)
{
    const uint8_t *q = so_mf_get_bytes(r, 4);
    return q ? so_mf_le32(q) : 0;
}

uint64_t so_mf_get_u64(so_mf_rd *r)
{
    const uint8_t *q = so_mf_get_bytes(r, 8);
    return q ? so_mf_le64(q) : 0;
}

float so_mf_get_f32(so_mf_rd *r)
{
    const uint8_t *q = so_mf_get_bytes(r, 4);
    return q ? so_mf_lef32(q) : 0.0f;
}

int so_mf_get_str(so_mf_rd *r, char *dst, size_t dstlen)
{
    uint16_t n = so_mf_get_u16(r);
    const uint8_t *q = so_mf_get_bytes(r, n);
    if (!q || (size_t)n + 1 > dstlen) {
        r->failed = 1;
        return -1;
    }
    memcpy(dst, q, n);
    dst[n] = '\0';
    return 0;
}

/* ----------------------------------------------------------------- writer */

typedef struct wsec {
    char tag[SO_MF_TAG_LEN + 1];
    uint8_t *data;
    size_t size;
} wsec;

struct so_mf_writer {
    wsec sec[SO_MF_MAX_SECTIONS];
    size_t n;
};

so_mf_writer *so_mf_writer_new(void) { return calloc(1, sizeof(so_mf_writer)); }

void so_mf_writer_free(so_mf_writer *w)
{
    if (!w) return;
    for (size_t i = 0; i < w->n; i++) free(w->sec[i].data);
    free(w);
}

so_mf_status so_mf_writer_add(so_mf_writer *w, const char *tag, const void *data,
                              size_t size)
{
    if (!w || !tag_ok(tag) || (!data && size) || size > SO_MF_MAX_FILE)
        return SO_MF_ERR_INVALID;
    size_t i = 0;
    while (i < w->n && strcmp(w->sec[i].tag, tag) != 0) i++;
    if (i == SO_MF_MAX_SECTIONS) return SO_MF_ERR_INVALID;
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy) return SO_MF_ERR_NOMEM;
    if (size) memcpy(copy, data, size);
    if (i == w->n) {
        w->n++;
        memset(w->sec[i].tag, 0, sizeof w->sec[i].tag);
        memcpy(w->sec[i].tag, tag, strlen(tag));
    } else {
        free(w->sec[i].data);
    }
    w->sec[i].data = copy;
    w->sec[i].size = size;
    return SO_MF_OK;
}

static uint64_t align_up(uint64_t x) { return (x + SO_MF_ALIGN - 1) & ~(uint64_t)(SO_MF_ALIGN - 1); }

so_mf_status so_mf_writer_to_mem(const so_mf_writer *w, uint8_t **out, size_t *len)
{
    if (!w || !out || !len) return SO_MF_ERR_INVALID;
    uint64_t total = SO_MF_HEADER_SIZE + (uint64_t)w->n * SO_MF_ENTRY_SIZE;
    for (size_t i = 0; i < w->n; i++) total = align_up(total) + w->sec[i].size;
    if (total > SO_MF_MAX_FILE) return SO_MF_ERR_INVALID;
    uint8_t *b = calloc(1, (size_t)total);
    if (!b) return SO_MF_ERR_NOMEM;
    uint64_t off = SO_MF_HEADER_SIZE + (uint64_t)w->n * SO_MF_ENTRY_SIZE;
    for (size_t i = 0; i < w->n; i++) {
        uint8_t *e = b + SO_MF_HEADER_SIZE + i * SO_MF_ENTRY_SIZE;
        off = align_up(off);
        memcpy(e, w->sec[i].tag, SO_MF_TAG_LEN);
        wr64(e + 8, off);
        wr64(e + 16, w->sec[i].size);
        if (w->sec[i].size) memcpy(b + off, w->sec[i].data, w->sec[i].size);
        off += w->sec[i].size;
    }
    memcpy(b, SO_MF_MAGIC, 8);
    wr32(b + 8, SO_MF_VERSION);
    wr32(b + 12, (uint32_t)w->n);
    wr64(b + 16, total);
    wr32(b + 24, crc_of(b + SO_MF_HEADER_SIZE, (size_t)total - SO_MF_HEADER_SIZE));
    wr32(b + 28, crc_of(b, 28));
    *out = b;
    *len = (size_t)total;
    return SO_MF_OK;
}

/* Create a temporary file beside path, PATH.tmp.PID.K, a name no one else
** holds (O_EXCL: two saves to one path, or a user's file, are never shared
** or overwritten). NULL with errno set when none could be created. */
static FILE *create_tmp(const char *path, char *tmp, size_t n)
{
    for (unsigned k = 0; k < 100; k++) {
        if (snprintf(tmp, n, "%s.tmp.%ld.%u", path, (long)getpid(), k) >= (int)n) {
            errno = ENAMETOOLONG;
            return NULL;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            FILE *f = fdopen(fd, "wb");
            if (!f) {
                int e = errno;
                close(fd);
                unlink(tmp);
                errno = e;
            }
            return f;
        }
        if (errno != EEXIST)
            return NULL;
    }
    return NULL;
}

/* Write n bytes to a new temporary file and rename it over path. */
static so_mf_status save_bytes(const char *path, const uint8_t *b, size_t n, char *err,
                               size_t errlen)
{
    char tmp[4096];
    FILE *f = create_tmp(path, tmp, sizeof tmp);
    if (!f)
        return fail(SO_MF_ERR_IO, err, errlen, "%s: cannot create a file beside it: %s", path,
                    strerror(errno));
    int ok = fwrite(b, 1, n, f) == n;
    ok &= fflush(f) == 0;
    ok &= fsync(fileno(f)) == 0;
    ok &= fclose(f) == 0;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return fail(SO_MF_ERR_IO, err, errlen, "%s: %s", path, strerror(e));
    }
    return SO_MF_OK;
}

so_mf_status so_mf_writer_save(const so_mf_writer *w, const char *path, char *err,
                               size_t errlen)
{
    if (!w || !path) return fail(SO_MF_ERR_INVALID, err, errlen, "NULL argument");
    uint8_t *b = NULL;
    size_t n = 0;
    so_mf_status st = so_mf_writer_to_mem(w, &b, &n);
    if (st) return fail(st, err, errlen, "%s: %s", path, so_mf_status_str(st));
    st = save_bytes(path, b, n, err, errlen);
    free(b);
    return st;
}
