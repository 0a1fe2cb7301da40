/*
** modelfile.h -- the sayso model file container (prefix so_mf_).
**
** A model file is a versioned, little-endian container of named sections
** ("POS", "NER", "ATTR", ...), protected by a CRC-32 over everything after
** the fixed header. docs/model-format.md describes the bytes exactly.
**
** Reading: so_mf_open_file() maps a file read-only; so_mf_open_mem() borrows
** a caller's buffer (which must outlive the so_mf). Both validate the magic,
** the version, every size and offset and the checksum before returning, so a
** truncated or corrupted file yields a status and a message, never a crash.
** An open so_mf is read-only and may be shared by threads.
**
** Writing: so_mf_writer collects sections (copied), then serialises them
** with explicit little-endian encoding. so_mf_buf is a capped byte buffer
** with little-endian put helpers for section payloads; so_mf_rd is the
** bounds-checked reader that goes with it.
*/
#ifndef SO_MODELFILE_H
#define SO_MODELFILE_H

#include <stddef.h>
#include <stdint.h>

#define SO_MF_MAGIC "SAYSOMF\x1a"      /* 8 bytes */
#define SO_MF_VERSION 1u
#define SO_MF_HEADER_SIZE 32u
#define SO_MF_ENTRY_SIZE 24u           /* tag[8], offset u64, size u64 */
#define SO_MF_ALIGN 16u                /* section payloads start 16-aligned */
#define SO_MF_MAX_SECTIONS 256u
#define SO_MF_TAG_LEN 8u
#define SO_MF_MAX_FILE ((uint64_t)1 << 32)  /* 4 GiB: refuse anything larger */

typedef enum so_mf_status {
    SO_MF_OK = 0,
    SO_MF_ERR_IO = 1,        /* open/stat/mmap/write failed */
    SO_MF_ERR_NOMEM = 2,
    SO_MF_ERR_TRUNCATED = 3, /* shorter than the header or the size it declares */
    SO_MF_ERR_MAGIC = 4,     /* not a sayso model file */
    SO_MF_ERR_VERSION = 5,   /* a format version this build cannot read */
    SO_MF_ERR_CHECKSUM = 6,  /* CRC-32 mismatch: the file is corrupt */
    SO_MF_ERR_BOUNDS = 7,    /* a section table entry points outside the file */
    SO_MF_ERR_NOTFOUND = 8,  /* no section with that tag */
    SO_MF_ERR_INVALID = 9    /* a bad argument (NULL, bad tag, too many sections) */
} so_mf_status;

typedef struct so_mf so_mf;

/* A short English name for a status ("checksum mismatch", ...). */
const char *so_mf_status_str(so_mf_status st);

/* Map PATH read-only and validate it. On failure *out is NULL and err (if
** errlen > 0) holds "PATH: reason". */
so_mf_status so_mf_open_file(const char *path, so_mf **out, char *err, size_t errlen);

/* Validate LEN bytes at BUF, which are borrowed: they must stay valid and
** unchanged until so_mf_close(). The model linked into the library
** (so_embedded_model, part of its read-only image like the code) skips only
** the payload checksum, which would cost every process start a pass over
** megabytes; its header, sizes and section table are checked as always. */
so_mf_status so_mf_open_mem(const void *buf, size_t len, so_mf **out, char *err,
                            size_t errlen);

/* The model a caller names: so_mf_open_file(path), or with path NULL
** so_mf_open_mem() on the model linked into the library. */
so_mf_status so_mf_open_model(const char *path, so_mf **out, char *err, size_t errlen);

/* Unmap / forget. NULL is a harmless no-op. */
void so_mf_close(so_mf *mf);

size_t so_mf_count(const so_mf *mf);

/* The i-th section: tag (NUL-terminated copy into tag[9]), data and size.
** Returns SO_MF_INVALID when i is out of range. */
so_mf_status so_mf_at(const so_mf *mf, size_t i, char tag[SO_MF_TAG_LEN + 1],
                      const uint8_t **data, size_t *size);

/* Find the section TAG (1..8 bytes). SO_MF_ERR_NOTFOUND if absent. */
so_mf_status so_mf_find(const so_mf *mf, const char *tag, const uint8_t **data,
                        size_t *size);

/* ---- capped little-endian byte buffer (for writing payloads) ---- */
typedef struct so_mf_buf {
    uint8_t *p;
    size_t len, cap;
    size_t max;   /* hard cap on len; 0 = SO_MF_MAX_FILE */
    int failed;   /* set once an append failed (no memory or over max) */
} so_mf_buf;

void so_mf_buf_init(so_mf_buf *b, size_t max);
void so_mf_buf_free(so_mf_buf *b);
void so_mf_put(so_mf_buf *b, const void *data, size_t n);
void so_mf_put_u8(so_mf_buf *b, uint8_t v);
void so_mf_put_u16(so_mf_buf *b, uint16_t v);
void so_mf_put_u32(so_mf_buf *b, uint32_t v);
void so_mf_put_u64(so_mf_buf *b, uint64_t v);
void so_mf_put_f32(so_mf_buf *b, float v);
void so_mf_put_zeros(so_mf_buf *b, size_t n);
void so_mf_put_str(so_mf_buf *b, const char *s);   /* u16 length + bytes */

/* ---- bounds-checked little-endian reader (for parsing payloads) ---- */
typedef struct so_mf_rd {
    const uint8_t *p;
    size_t len, pos;
    int failed;       /* set once a read went past the end; reads then give 0 */
} so_mf_rd;

void so_mf_rd_init(so_mf_rd *r, const uint8_t *p, size_t len);
uint8_t so_mf_get_u8(so_mf_rd *r);
uint16_t so_mf_get_u16(so_mf_rd *r);
uint32_t so_mf_get_u32(so_mf_rd *r);
uint64_t so_mf_get_u64(so_mf_rd *r);
float so_mf_get_f32(so_mf_rd *r);
/* Pointer to the next n bytes (and skip them), or NULL past the end. */
const uint8_t *so_mf_get_bytes(so_mf_rd *r, size_t n);
/* Read a u16-length string into dst (NUL-terminated); fails if it does not fit. */
int so_mf_get_str(so_mf_rd *r, char *dst, size_t dstlen);

/* Decoding helpers on raw bytes. */
uint16_t so_mf_le16(const uint8_t *p);
uint32_t so_mf_le32(const uint8_t *p);
uint64_t so_mf_le64(const uint8_t *p);
float so_mf_lef32(const uint8_t *p);

/* ---- writer ---- */
typedef struct so_mf_writer so_mf_writer;

so_mf_writer *so_mf_writer_new(void);
void so_mf_writer_free(so_mf_writer *w);

/* Add (or replace, if TAG exists) a section; DATA is copied. */
so_mf_status so_mf_writer_add(so_mf_writer *w, const char *tag, const void *data,
                              size_t size);

/* Serialise to a malloc'd buffer owned by the caller (free()). */
so_mf_status so_mf_writer_to_mem(const so_mf_writer *w, uint8_t **out, size_t *len);

/* Serialise to PATH atomically (write PATH.tmp, fsync, rename). */
so_mf_status so_mf_writer_save(const so_mf_writer *w, const char *path, char *err,
                               size_t errlen);

#endif
