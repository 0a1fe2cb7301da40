/*
** so_brat_text.c -- the checks parse_ann() makes between a T line and the
** article text: does a span hold a newline (for TEXT fields continued on the
** next line), and does the TEXT field differ from the article text at the
** spans (the "offsets look like bytes" warning). The joined span text is
** streamed, never built, so a line of many long spans costs no memory.
*/
#include <stdint.h>
#include <string.h>

#include "eval/so_score_int.h"

#define END_OF_STREAM (-1)
#define WORD_BREAK 0x110000 /* stands for the gap between two words */

/* A stream of code points: a TEXT field (UTF-8), or the article text of
** spans joined by single spaces (Python's ' '.join(text[a:b] ...)). */
typedef struct cstream {
    const char *s; /* UTF-8 source, or NULL for the spans source */
    size_t n, i;
    const so_text *t;
    const so_span *f;
    size_t nf, fi;
    int64_t pos;   /* next index in the current span */
    int stop_nl;   /* 1: end at the first newline (str.split('\n')[0]) */
    int done;      /* the stream has ended at that newline */
} cstream;

static int64_t next_raw(cstream *c)
{
    if (c->s)
        return c->i < c->n ? (int64_t)so_score_utf8_next(c->s, c->n, &c->i) : END_OF_STREAM;
    while (c->fi < c->nf) {
        if (c->pos < c->f[c->fi].e)
            return c->t->cp[c->pos++];
        if (++c->fi == c->nf)
            break;
        c->pos = c->f[c->fi].s;
        return ' ';
    }
    return END_OF_STREAM;
}

static int64_t next_cp(cstream *c)
{
    if (c->done)
        return END_OF_STREAM;
    int64_t ch = next_raw(c);
    if (c->stop_nl && ch == '\n') {
        c->done = 1;
        return END_OF_STREAM;
    }
    return ch;
}

/* The words of a stream (str.split()): characters, WORD_BREAK between words. */
typedef struct wstream {
    cstream c;
    int64_t held; /* a character read ahead, or END_OF_STREAM */
    int started;  /* a word has been produced */
} wstream;

static int64_t next_word_cp(wstream *w)
{
    int64_t ch;
    if (w->held != END_OF_STREAM) {
        ch = w->held;
        w->held = END_OF_STREAM;
        return ch;
    }
    ch = next_cp(&w->c);
    if (ch == END_OF_STREAM || !so_uni_isspace((uint32_t)ch)) {
        w->started |= ch != END_OF_STREAM;
        return ch;
    }
    while (ch != END_OF_STREAM && so_uni_isspace((uint32_t)ch))
        ch = next_cp(&w->c);
    if (ch == END_OF_STREAM)
        return END_OF_STREAM;
    if (!w->started) {
        w->started = 1;
        return ch;
    }
    w->held = ch;
    return WORD_BREAK;
}

static void field_stream(cstream *c, const char *s, size_t n)
{
    memset(c, 0, sizeof *c);
    c->s = s;
    c->n = n;
}

static void spans_stream(cstream *c, const so_text *t, const so_span *f, size_t n)
{
    memset(c, 0, sizeof *c);
    c->t = t;
    c->f = f;
    c->nf = n;
    c->pos = n ? f[0].s : 0;
}

static int streams_equal(cstream *a, cstream *b)
{
    for (;;) {
        int64_t x = next_cp(a), y = next_cp(b);
        if (x != y)
            return 0;
        if (x == END_OF_STREAM)
            return 1;
    }
}

static int words_equal(cstream *a, cstream *b)
{
    wstream wa = {*a, END_OF_STREAM, 0}, wb = {*b, END_OF_STREAM, 0};
    for (;;) {
        int64_t x = next_word_cp(&wa), y = next_word_cp(&wb);
        if (x != y)
            return 0;
        if (x == END_OF_STREAM)
            return 1;
    }
}

static int all_space(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n)
        if (!so_uni_isspace(so_score_utf8_next(s, n, &i)))
            return 0;
    return 1;
}

int so_brat_text_differs(const so_text *t, const so_span *f, size_t n, const char *s, size_t len)
{
    cstream a, b;
    if (all_space(s, len))
        return 0;
    field_stream(&a, s, len);
    spans_stream(&b, t, f, n);
    if (streams_equal(&a, &b))
        return 0;
    field_stream(&a, s, len);
    spans_stream(&b, t, f, n);
    if (words_equal(&a, &b))
        return 0;
    field_stream(&a, s, len);
    spans_stream(&b, t, f, n);
    b.stop_nl = 1;
    return !streams_equal(&a, &b);
}

int so_brat_spans_have_nl(const so_text *t, const so_span *f, size_t n)
{
    for (size_t k = 0; k < n; k++)
        for (int64_t i = f[k].s; i < f[k].e; i++)
            if (t->cp[i] == '\n')
                return 1;
    return 0;
}

int so_brat_has_quote(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n)
        if (so_uni_isquote(so_score_utf8_next(s, n, &i)))
            return 1;
    return 0;
}
