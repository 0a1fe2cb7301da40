/*
** replay_main.c -- runs a libFuzzer target without libFuzzer: each file
** named on the command line (folders: every file inside, sorted) is fed
** once to LLVMFuzzerTestOneInput. `make check` links every
** tests/fuzz/fuzz_*.c with this file and replays tests/fuzz/corpus/NAME, so
** the seed corpus (with the regression cases of past findings) is a test.
*/
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* In sanitizer builds: called when a sanitizer ends the process. */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

static size_t replayed;
static const char *volatile current; /* the input being replayed */
static struct sigaction old_act[NSIG];

static void name_input(void)
{
    static const char msg[] = "replay: failed on input ";
    const char *c = current;
    if (c && write(2, msg, sizeof msg - 1) > 0 && write(2, c, strlen(c)) > 0)
        (void)!write(2, "\n", 1);
}

/* A crash: name the input, then let the previous handler (a sanitizer's)
** report, then die from the signal. */
static void on_crash(int sig, siginfo_t *si, void *ctx)
{
    name_input();
    const struct sigaction *o = &old_act[sig];
    if ((o->sa_flags & SA_SIGINFO) && o->sa_sigaction)
        o->sa_sigaction(sig, si, ctx);
    else if (o->sa_handler != SIG_DFL && o->sa_handler != SIG_IGN)
        o->sa_handler(sig);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_crashes(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
        sigaction(sigs[k], &sa, &old_act[sigs[k]]);
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(name_input);
}

/* Feed one file, in a buffer of exactly its size (so that ASan sees any
** read past the end); returns 0, or -1 if it cannot be read. */
static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f)
        return -1;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0 || st.st_size > (1L << 30)) {
        fclose(f);
        return -1;
    }
    size_t n = (size_t)st.st_size;
    uint8_t *buf = malloc(n ? n : 1);
    int bad = !buf || fread(buf, 1, n, f) != n;
    fclose(f);
    if (!bad) {
        current = path;
        LLVMFuzzerTestOneInput(buf, n);
        current = NULL;
        replayed++;
    }
    free(buf);
    return bad ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    int rc = 0;
    while ((de = readdir(d)) && !rc) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **p = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
            if (!p) {
                rc = -1;
                break;
            }
            names = p;
        }
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = -1;
            break;
        }
        snprintf(names[n++], len, "%s/%s", dir, de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (!rc && stat(names[k], &st) == 0 && S_ISREG(st.st_mode) && replay_file(names[k])) {
            fprintf(stderr, "replay: cannot read %s\n", names[k]);
            rc = -1;
        }
        free(names[k]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    catch_crashes();
    for (int k = 1; k < argc; k++) {
        struct stat st;
        if (stat(argv[k], &st) != 0) {
            fprintf(stderr, "replay: %s: no such file or folder\n", argv[k]);
            rc = 1;
        } else if (S_ISDIR(st.st_mode) ? replay_dir(argv[k]) : replay_file(argv[k])) {
            fprintf(stderr, "replay: %s: cannot read\n", argv[k]);
            rc = 1;
        }
    }
    printf("%s: %zu inputs replayed\n", argv[0], replayed);
    return rc;
}
