/*
** so_score_io.c -- reads one .ann or .txt file for the scorer, whole, as
** attrib-score's read_text() does: refuse what cannot be read (same message),
** what is not strict UTF-8 (same byte offset), and, unlike Python, files over
** SO_SCORE_MAX_FILE bytes. The reading itself is so_read_path's.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "eval/so_score_int.h"

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
    } else if (err == SO_ENOTREG) { /* attrib-score would wait on a FIFO forever */
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
    char *data;
    size_t n;
    int err = so_read_path(path, SO_SCORE_MAX_FILE + 1, &data, &n); /* at most the cap */
    if (err)
        return fail_read(path, err, e);
    size_t bad = so_utf8_check(data, n);
    if (bad != SIZE_MAX) {
        so_sb m;
        free(data);
        so_ssb_init(&m, SO_SCORE_MAX_MSG);
        so_ssb_pystr(&m, path, strlen(path));
        so_ssb_printf(&m, ": not valid UTF-8 (byte %zu)", bad);
        return so_err_sb(e, SO_SCORE_EINPUT, &m);
    }
    *plen = n;
    *pbuf = data;
    return 0;
}
