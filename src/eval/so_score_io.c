/*
** so_score_io.c -- reads one .ann or .txt file for the scorer, whole, as
** attrib-score's read_text() does: refuse what cannot be read (same message),
** what is not strict UTF-8 (same byte offset), and, unlike Python, files over
** SO_SCORE_MAX_FILE bytes.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eval/so_score_int.h"

#define NOT_REGULAR (-1) /* read_path: a FIFO, socket or device */

/* Read all of fd into data: 0, or an errno value (EFBIG: over the cap). */
static int read_all(int fd, so_sb *data)
{
    char chunk[65536];
    for (;;) {
        ssize_t k = read(fd, chunk, sizeof chunk);
        if (k == 0)
            return 0;
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return errno ? errno : EIO;
        if ((size_t)k > data->max - data->n)
            return EFBIG;
        if (so_ssb_add(data, chunk, (size_t)k) < 0)
            return ENOMEM;
    }
}

/* Read path into data: 0 or an errno value. */
static int read_path(const char *path, so_sb *data)
{
    struct stat st;
    int err, fd = open(path, O_RDONLY | O_NONBLOCK); /* a FIFO must not block */
    if (fd < 0)
        return errno;
    if (fstat(fd, &st))
        err = errno;
    else if (S_ISDIR(st.st_mode))
        err = EISDIR;
    else if (!S_ISREG(st.st_mode))
        err = NOT_REGULAR;
    else
        err = read_all(fd, data);
    close(fd);
    return err;
}

/* The message for errno value err about path. */
static int fail_read(const char *path, int err, so_err *e)
{
    so_sb m;
    if (err == ENOMEM)
        return so_err_nomem(e);
    so_ssb_init(&m, SO_SCORE_MAX_MSG);
    if (err == EFBIG) {
        so_ssb_pystr(&m, path, strlen(path));
        so_ssb_puts(&m, ": file is larger than 256 MiB, the limit of this scorer");
    } else if (err == NOT_REGULAR) { /* attrib-score would wait on a FIFO forever */
        so_ssb_puts(&m, "cannot read ");
        so_ssb_pystr(&m, path, strlen(path));
        so_ssb_puts(&m, ": not a regular file");
    } else {
        so_ssb_puts(&m, "cannot read ");
        so_ssb_pystr(&m, path, strlen(path));
        so_ssb_printf(&m, ": %s", strerror(err));
    }
    return so_err_sb(e, SO_SCORE_EINPUT, &m);
}

int so_score_read_file(const char *path, char **pbuf, size_t *plen, so_err *e)
{
    so_sb data;
    so_ssb_init(&data, SO_SCORE_MAX_FILE);
    int err = read_path(path, &data);
    if (err) {
        so_ssb_free(&data);
        return fail_read(path, err, e);
    }
    size_t bad = so_utf8_check(data.p ? data.p : "", data.n);
    if (bad != SIZE_MAX) {
        so_sb m;
        so_ssb_free(&data);
        so_ssb_init(&m, SO_SCORE_MAX_MSG);
        so_ssb_pystr(&m, path, strlen(path));
        so_ssb_printf(&m, ": not valid UTF-8 (byte %zu)", bad);
        return so_err_sb(e, SO_SCORE_EINPUT, &m);
    }
    *plen = data.n;
    *pbuf = data.p ? data.p : calloc(1, 1);
    return *pbuf ? 0 : so_err_nomem(e);
}
