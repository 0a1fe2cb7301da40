/*
** score.c -- the scorer's driver, attrib-score's run() and main(): resolve
** the gold/prediction/text folders, list the .ann files, choose the units,
** then per document read the text, parse gold and prediction, convert to
** units and score; finally print the warnings and the report.
**
** Folders, file names and error checks follow attrib-score step by step, so
** that the same input fails with the same first message.
*/
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "eval/score.h"
#include "eval/so_score_int.h"

enum { W_CHARS, W_EXTRA, W_UNREF, W_MISMATCH, W_N };

/* A sorted list of the NAMEs of NAME.ann files in a folder. */
typedef struct names {
    char **v;
    size_t n, cap;
} names;

/* Everything one run owns. */
typedef struct run {
    const so_score_opts *o;
    so_err *e;
    char *g_ann, *g_txt, *p_ann;
    names gold, pred;
    unsigned char *has_text; /* per gold name: NAME.txt was found */
    size_t ntext;
    int units;               /* 1 tokens, 2 chars */
    so_sb warn[W_N];
    size_t nwarn;
    so_acc acc;
    so_info info;
    int64_t unref, mismatch, mismatch_files;
    const char *mismatch_first;
} run;

/* ------------------------------------------------------------ folders */

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* os.path.join(a, b + ext) in a malloc'd string, or NULL. */
static char *join(const char *a, const char *b, const char *ext)
{
    size_t na = strlen(a), nb = strlen(b), ne = strlen(ext);
    int sep = na > 0 && a[na - 1] != '/';
    char *p = malloc(na + (size_t)sep + nb + ne + 1);
    if (!p)
        return NULL;
    memcpy(p, a, na);
    if (sep)
        p[na] = '/';
    memcpy(p + na + sep, b, nb);
    memcpy(p + na + sep + nb, ext, ne + 1);
    return p;
}

static void names_free(names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int name_cmp(const void *pa, const void *pb)
{
    return so_pystr_cmp(*(char *const *)pa, *(char *const *)pb);
}

static int names_has(const names *l, const char *name)
{
    return l->n && bsearch(&name, l->v, l->n, sizeof *l->v, name_cmp) != NULL;
}

/* Add d_name's NAME if it is NAME.ann, not hidden, and a file. */
static int add_name(names *l, const char *dir, const char *f)
{
    size_t n = strlen(f);
    if (n < 4 || strcmp(f + n - 4, ".ann") != 0 || f[0] == '.')
        return 0;
    char *path = join(dir, f, "");
    if (!path)
        return -1;
    int ok = is_file(path);
    free(path);
    if (!ok)
        return 0;
    if (l->n == SO_SCORE_MAX_FILES)
        return -2;
    if (so_score_grow(&l->v, &l->cap, l->n + 1, sizeof *l->v) < 0 ||
        !(l->v[l->n] = strndup(f, n - 4)))
        return -1;
    l->n++;
    return 0;
}

/* list_ann(d): the sorted NAMEs of the NAME.ann files in d. */
static int list_ann(run *R, const char *d, names *l)
{
    so_sb m;
    DIR *dir = opendir(d);
    struct dirent *de;
    int rc = 0;
    names_free(l);
    if (!dir) {
        int err = errno;
        so_ssb_init(&m, SO_SCORE_MAX_MSG);
        so_ssb_puts(&m, "cannot list ");
        so_ssb_pystr(&m, d, strlen(d));
        so_ssb_printf(&m, ": %s", strerror(err));
        return so_err_sb(R->e, SO_SCORE_EINPUT, &m);
    }
    while (rc == 0 && (de = readdir(dir)) != NULL)
        rc = add_name(l, d, de->d_name);
    closedir(dir);
    if (rc == -2)
        return so_err_setf(R->e, SO_SCORE_EINPUT, "more than %zu .ann files in one folder, the "
                           "limit of this scorer", SO_SCORE_MAX_FILES);
    if (rc < 0)
        return so_err_nomem(R->e);
    if (l->n > 1)
        qsort(l->v, l->n, sizeof *l->v, name_cmp);
    return 0;
}

static int not_a_dir(run *R, const char *what, const char *d)
{
    so_sb m;
    so_ssb_init(&m, SO_SCORE_MAX_MSG);
    so_ssb_printf(&m, "%s ", what);
    so_ssb_repr(&m, d, strlen(d));
    so_ssb_puts(&m, " is not a directory");
    return so_err_sb(R->e, SO_SCORE_EINPUT, &m);
}

/* PRED_DIR, or PRED_DIR/attributions when PRED_DIR has no .ann file and that exists. */
static int pred_dir(run *R)
{
    const char *pd = R->o->pred_dir;
    int rc = list_ann(R, pd, &R->pred);
    if (rc)
        return rc;
    char *pa = R->pred.n ? NULL : join(pd, "attributions", "");
    if (!R->pred.n && !pa)
        return so_err_nomem(R->e);
    if (pa && is_dir(pa)) {
        R->p_ann = pa;
        return 0;
    }
    free(pa);
    R->p_ann = strdup(pd);
    return R->p_ann ? 0 : so_err_nomem(R->e);
}

/* resolve_dirs(): g_ann, g_txt (may stay NULL) and p_ann. */
static int resolve_dirs(run *R)
{
    const so_score_opts *o = R->o;
    const char *td = o->text_dir && o->text_dir[0] ? o->text_dir : NULL;
    if (!is_dir(o->gold_dir))
        return not_a_dir(R, "GOLD_DIR", o->gold_dir);
    if (!is_dir(o->pred_dir))
        return not_a_dir(R, "PRED_DIR", o->pred_dir);
    char *ga = join(o->gold_dir, "attributions", "");
    if (!ga)
        return so_err_nomem(R->e);
    if (is_dir(ga)) {
        R->g_ann = ga;
        char *gt = join(o->gold_dir, "text", "");
        if (!gt)
            return so_err_nomem(R->e);
        if (td || !is_dir(gt)) {
            free(gt);
            gt = td ? strdup(td) : NULL;
            if (td && !gt)
                return so_err_nomem(R->e);
        }
        R->g_txt = gt;
    } else {
        free(ga);
        R->g_ann = strdup(o->gold_dir);
        R->g_txt = strdup(td ? td : o->gold_dir);
        if (!R->g_ann || !R->g_txt)
            return so_err_nomem(R->e);
    }
    return pred_dir(R);
}

/* ------------------------------------------------------------ warnings */

static so_sb *new_warning(run *R)
{
    so_sb *w = &R->warn[R->nwarn++];
    so_ssb_init(w, SO_SCORE_MAX_MSG);
    return w;
}

/* ------------------------------------------------------------ setup */

/* Read every gold text there is (checking it), as run() fills texts. */
static int find_texts(run *R)
{
    R->has_text = calloc(R->gold.n ? R->gold.n : 1, 1);
    if (!R->has_text)
        return so_err_nomem(R->e);
    if (!R->g_txt)
        return 0;
    for (size_t i = 0; i < R->gold.n; i++) {
        char *tp = join(R->g_txt, R->gold.v[i], ".txt"), *buf;
        size_t len;
        if (!tp)
            return so_err_nomem(R->e);
        int rc = is_file(tp) ? so_score_read_file(tp, &buf, &len, R->e) : 1;
        free(tp);
        if (rc == 1)
            continue;
        if (rc)
            return rc;
        free(buf);
        R->has_text[i] = 1;
        R->ntext++;
    }
    return 0;
}

/* The units, with the fallback warning or the missing-texts error. */
static int choose_units(run *R)
{
    R->units = R->o->units;
    if (R->units == 0) {
        R->units = R->ntext == R->gold.n ? 1 : 2;
        if (R->units == 2)
            so_ssb_puts(new_warning(R), "article texts not found for all gold files; scoring in "
                       "character units (quote detection uses the .ann text fields)");
    }
    if (R->units != 1 || R->ntext == R->gold.n)
        return 0;
    size_t first = 0, missing = R->gold.n - R->ntext;
    while (R->has_text[first])
        first++;
    so_sb m;
    so_ssb_init(&m, SO_SCORE_MAX_MSG);
    so_ssb_puts(&m, "--units tokens needs the article texts; none found for ");
    so_ssb_pystr(&m, R->gold.v[first], strlen(R->gold.v[first]));
    so_ssb_puts(&m, ".txt");
    if (missing > 1)
        so_ssb_printf(&m, " and %zu more", missing - 1);
    so_ssb_puts(&m, " (looked in ");
    const char *where = R->g_txt ? R->g_txt : R->g_ann;
    so_ssb_pystr(&m, where, strlen(where));
    so_ssb_puts(&m, ")");
    return so_err_sb(R->e, SO_SCORE_EINPUT, &m);
}

/* Prediction files with no gold counterpart: counted, and one warning. */
static void extra_preds(run *R)
{
    const char *first = NULL;
    int64_t n = 0;
    for (size_t i = 0; i < R->pred.n; i++)
        if (!names_has(&R->gold, R->pred.v[i])) {
            first = first ? first : R->pred.v[i];
            n++;
        }
    R->info.pred_files_ignored = n;
    if (!n)
        return;
    so_sb *w = new_warning(R);
    so_ssb_printf(w, "%lld prediction file(s) have no gold counterpart and are ignored, e.g. ",
                 (long long)n);
    so_ssb_add(w, first, strlen(first));
    so_ssb_puts(w, ".ann");
}

/* ------------------------------------------------------------ documents */

/* Read and decode NAME.txt of gold document i into *t (t->cp NULL if none). */
static int load_text(run *R, size_t i, so_text *t, uint32_t **cp)
{
    char *buf, *tp;
    size_t len;
    *cp = NULL;
    t->cp = NULL;
    t->n = 0;
    if (!R->has_text[i])
        return 0;
    if (!(tp = join(R->g_txt, R->gold.v[i], ".txt")))
        return so_err_nomem(R->e);
    int rc = so_score_read_file(tp, &buf, &len, R->e);
    free(tp);
    if (rc)
        return rc;
    rc = so_utf8_decode(buf, len, cp, &t->n) < 0 ? so_err_nomem(R->e) : 0;
    free(buf);
    t->cp = *cp;
    return rc;
}

/* Parse dir/NAME.ann and convert it to units in *out. */
static int load_ann(run *R, const char *dir, const char *name, const so_text *text,
                    const so_units *u, so_adoc *out, so_brat_stats *st)
{
    so_adoc raw;
    char *path = join(dir, name, ".ann");
    if (!path)
        return so_err_nomem(R->e);
    memset(&raw, 0, sizeof raw);
    int rc = so_brat_parse(path, text, &raw, st, R->e);
    free(path);
    if (rc == 0 && so_units_doc(u, &raw, out) < 0)
        rc = so_err_nomem(R->e);
    so_adoc_free(&raw);
    return rc;
}

/* Note the prediction file's statistics. */
static void pred_stats(run *R, const so_brat_stats *st, const char *name)
{
    R->info.pred_empty_events_skipped += st->empty_events;
    R->unref += st->unref;
    if (st->mismatch) {
        R->mismatch += st->mismatch;
        R->mismatch_files++;
        if (!R->mismatch_first)
            R->mismatch_first = name;
    }
}

/* Score gold document i against its prediction. */
static int score_one(run *R, size_t i)
{
    const char *name = R->gold.v[i];
    so_text text;
    uint32_t *cp;
    so_units u;
    so_adoc gold, pred;
    so_brat_stats gst, pst;
    memset(&gold, 0, sizeof gold);
    memset(&pred, 0, sizeof pred);
    memset(&pst, 0, sizeof pst);
    memset(&u, 0, sizeof u);
    int rc = load_text(R, i, &text, &cp);
    const so_text *tp = text.cp ? &text : NULL;
    if (rc == 0 && so_units_init(&u, tp, R->units) < 0)
        rc = so_err_nomem(R->e);
    if (rc == 0)
        rc = load_ann(R, R->g_ann, name, tp, &u, &gold, &gst);
    if (rc == 0 && names_has(&R->pred, name))
        rc = load_ann(R, R->p_ann, name, tp, &u, &pred, &pst);
    else if (rc == 0)
        R->info.pred_files_missing++;
    if (rc == 0) {
        R->info.gold_empty_events_skipped += gst.empty_events;
        pred_stats(R, &pst, name);
        R->info.gold_attributions += (int64_t)gold.n;
        R->info.pred_attributions += (int64_t)pred.n;
        rc = so_score_doc(&gold, &pred, &R->acc, R->e);
    }
    so_adoc_free(&gold);
    so_adoc_free(&pred);
    so_units_free(&u);
    free(cp);
    return rc;
}

/* The two warnings about the prediction files' contents. */
static void content_warnings(run *R)
{
    if (R->unref)
        so_ssb_printf(new_warning(R), "%lld Source/Cue/Content entities in prediction files are "
                     "not part of any E (event) line and were ignored; each attribution must be "
                     "an E line such as \"E1<TAB>Attribution:T2 Cue:T2 Source:T1 Content:T3\"",
                     (long long)R->unref);
    if (R->mismatch) {
        so_sb *w = new_warning(R);
        so_ssb_printf(w, "%lld predicted span(s) in %lld file(s) (e.g. ", (long long)R->mismatch,
                     (long long)R->mismatch_files);
        so_ssb_add(w, R->mismatch_first, strlen(R->mismatch_first));
        so_ssb_puts(w, ".ann) have a text field that differs from the article text at their "
                   "offsets; check that offsets are Unicode code points, not bytes");
    }
}

/* ------------------------------------------------------------ output */

static int report(run *R, FILE *out, FILE *warn)
{
    so_sb b;
    so_ssb_init(&b, SO_SCORE_MAX_OUT);
    for (size_t i = 0; i < R->nwarn; i++)
        if (R->warn[i].bad)
            return so_err_nomem(R->e);
    R->info.units = R->units == 1 ? "tokens" : "chars";
    R->info.gold_dir = R->o->gold_dir;
    R->info.pred_dir = R->o->pred_label ? R->o->pred_label : R->o->pred_dir;
    R->info.warnings = R->warn;
    R->info.nwarnings = R->nwarn;
    R->info.documents = (int64_t)R->gold.n;
    if ((R->o->json ? so_score_json(&R->acc, &R->info, &b)
                    : so_score_table(&R->acc, &R->info, &b)) < 0) {
        so_ssb_free(&b);
        return so_err_nomem(R->e);
    }
    for (size_t i = 0; warn && i < R->nwarn; i++) {
        so_sb line;
        so_ssb_init(&line, SO_SCORE_MAX_MSG);
        so_ssb_puts(&line, "sayso: warning: ");
        so_ssb_pystr(&line, R->warn[i].p, R->warn[i].n);
        so_ssb_puts(&line, "\n");
        if (!line.bad)
            fputs(line.p, warn);
        so_ssb_free(&line);
    }
    int bad = fwrite(b.p, 1, b.n, out) != b.n || fflush(out) != 0;
    so_ssb_free(&b);
    return bad ? so_err_setf(R->e, SO_SCORE_EOUTPUT, "cannot write the report: %s",
                             strerror(errno))
               : 0;
}

static int run_all(run *R, FILE *out, FILE *warn)
{
    int rc = resolve_dirs(R);
    if (rc == 0)
        rc = list_ann(R, R->g_ann, &R->gold);
    if (rc == 0 && R->gold.n == 0) {
        so_sb m;
        so_ssb_init(&m, SO_SCORE_MAX_MSG);
        so_ssb_puts(&m, "no .ann files in gold folder ");
        so_ssb_pystr(&m, R->g_ann, strlen(R->g_ann));
        rc = so_err_sb(R->e, SO_SCORE_EINPUT, &m);
    }
    if (rc == 0)
        rc = find_texts(R);
    if (rc == 0)
        rc = choose_units(R);
    if (rc == 0)
        rc = list_ann(R, R->p_ann, &R->pred);
    if (rc == 0)
        extra_preds(R);
    for (size_t i = 0; rc == 0 && i < R->gold.n; i++)
        rc = score_one(R, i);
    if (rc == 0)
        content_warnings(R);
    return rc ? rc : report(R, out, warn);
}

int so_score_run(const so_score_opts *o, FILE *out, FILE *warn, char *err, size_t errlen)
{
    so_err e = {err, errlen};
    run R;
    if (err && errlen)
        err[0] = '\0';
    if (!o || !o->gold_dir || !o->pred_dir || !out || o->units < 0 || o->units > 2)
        return so_err_setf(&e, SO_SCORE_EINPUT, "bad arguments to so_score_run()");
    memset(&R, 0, sizeof R);
    R.o = o;
    R.e = &e;
    int rc = run_all(&R, out, warn);
    free(R.g_ann);
    free(R.g_txt);
    free(R.p_ann);
    names_free(&R.gold);
    names_free(&R.pred);
    free(R.has_text);
    for (size_t i = 0; i < R.nwarn; i++)
        so_ssb_free(&R.warn[i]);
    return rc;
}
