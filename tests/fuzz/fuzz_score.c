/*
** fuzz_score.c -- libFuzzer target for the scorer of sayso eval (the C
** port of attrib-score): the bytes are the prediction .ann of a small gold
** split written here, scored whole (so_score_run: brat parsing, the text
** checks, candidate pairs, every metric, the table or the JSON report).
**
** The first byte picks the report (table or JSON) and the units (auto,
** tokens, chars); the rest is the .ann file. The scorer must return 0, 2
** (malformed input) or 3 (internal), with a message when it refuses, and
** print a report only when it accepts.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eval/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char TEXT[] = "\"We will rebuild the bridge,\" said Maria Okafor, the mayor. "
                           "Officials said the plan was sound.\n\xe2\x80\x9cNot yet,\xe2\x80\x9d "
                           "she told reporters.\n";
static const char GOLD[] = "T1\tCue 30 34\tsaid\n"
                           "T2\tContent 0 29\t\"We will rebuild the bridge,\"\n"
                           "T3\tSource 35 47\tMaria Okafor\n"
                           "E1\tAttribution:T1 Source:T3 Cue:T1 Content:T2\n"
                           "T4\tCue 70 74\tsaid\n"
                           "T5\tContent 75 93\tthe plan was sound\n"
                           "E2\tAttribution-no-source:T4 Cue:T4 Content:T5\n";

static char root[64];

static int put(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(p, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static const char *const files[] = {"pred/a.ann", "gold/attributions/a.ann", "gold/text/a.txt",
                                    "pred", "gold/attributions", "gold/text", "gold"};

static void cleanup(void)
{
    char p[256];
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        snprintf(p, sizeof p, "%s/%s", root, files[k]);
        remove(p);
    }
    rmdir(root);
}

/* The gold split and the prediction folder, once per process (removed at
** exit). */
static int setup(void)
{
    char p[256];
    if (root[0])
        return 0;
    snprintf(root, sizeof root, "/tmp/fuzz_score.XXXXXX");
    if (!mkdtemp(root))
        return -1;
    atexit(cleanup);
    const char *dirs[] = {"gold", "gold/text", "gold/attributions", "pred"};
    for (size_t k = 0; k < 4; k++) {
        snprintf(p, sizeof p, "%s/%s", root, dirs[k]);
        if (mkdir(p, 0700))
            return -1;
    }
    snprintf(p, sizeof p, "%s/gold/text/a.txt", root);
    if (put(p, TEXT, sizeof TEXT - 1))
        return -1;
    snprintf(p, sizeof p, "%s/gold/attributions/a.ann", root);
    return put(p, GOLD, sizeof GOLD - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1 << 16) || setup())
        return 0;
    char pred[256], gold[256], err[1024] = "";
    snprintf(pred, sizeof pred, "%s/pred/a.ann", root);
    if (put(pred, data + 1, size - 1))
        return 0;
    snprintf(gold, sizeof gold, "%s/gold", root);
    snprintf(pred, sizeof pred, "%s/pred", root);
    so_score_opts o = {gold, pred, NULL, data[0] & 1, (data[0] >> 1) % 3, "fuzz"};
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    if (!f)
        return 0;
    int rc = so_score_run(&o, f, NULL, err, sizeof err);
    fclose(f);
    if (rc != 0 && rc != 2 && rc != 3)
        abort();
    if (rc != 0 && (!err[0] || outlen))
        abort(); /* a refusal says why, and prints no report */
    if (rc == 0 && !outlen)
        abort();
    free(out);
    return 0;
}
