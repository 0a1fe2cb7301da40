/*
** utf8.h -- tolerant UTF-8 decoding: invalid bytes decode as U+FFFD one
** byte at a time, so they never shift offsets or stop processing.
*/
#ifndef SO_UTF8_H
#define SO_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decode the code point at s[i] (i < n) into *cp. Returns the number of
** bytes consumed (1..4); an invalid or truncated sequence consumes 1 byte
** and yields 0xFFFD. (ASCII is decoded inline, the rest by so_utf8_next_mb.) */
size_t so_utf8_next_mb(const char *s, size_t n, size_t i, uint32_t *cp);

static inline size_t so_utf8_next(const char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return so_utf8_next_mb(s, n, i, cp);
}

/* The character at s[i] (i < n) as a terminal should show it, in out (1..3
** bytes, *outlen): a newline, tab, carriage return or NUL as a space; any
** other control character (C0, DEL, C1) or an invalid byte as U+FFFD, so
** that article text cannot move the cursor, clear the screen or retitle
** the window; anything else as it is. Returns the bytes consumed (1..4). */
size_t so_utf8_shown(const char *s, size_t n, size_t i, char out[4], size_t *outlen);

/* The index of the first byte >= 0x80 in s[i..n) (i <= n), or n: skips
** ASCII eight bytes at a time. */
static inline size_t so_utf8_ascii_end(const char *s, size_t i, size_t n)
{
    for (uint64_t w; n - i >= 8; i += 8) {
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

/* Are the eight bytes of w all printable ASCII (0x20..0x7F)? (Bit tricks:
** no high bit, and no byte below 0x20.) */
static inline int so_utf8_printable8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    return ((w | ((w - ones * 0x20) & ~w)) & highs) == 0;
}

/* Decode the code point that ends just before s[i] (i > 0); returns its
** length in bytes (1 for invalid bytes). */
size_t so_utf8_prev(const char *s, size_t i, uint32_t *cp);

/* Number of invalid bytes in s[0..n). */
size_t so_utf8_invalid_count(const char *s, size_t n);

/* Character classes used by the tokenizer: ASCII inline, the rest from
** the *_mb functions (Unicode categories). */
int so_cp_is_space_mb(uint32_t c);
int so_cp_is_alpha_mb(uint32_t c);
int so_cp_is_upper_mb(uint32_t c);
int so_cp_is_digit_mb(uint32_t c);

static inline int so_cp_is_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= 9 && c <= 13);
    return so_cp_is_space_mb(c);
}

static inline int so_cp_is_alpha(uint32_t c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    return so_cp_is_alpha_mb(c);
}

static inline int so_cp_is_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return so_cp_is_upper_mb(c);
}

static inline int so_cp_is_digit(uint32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return so_cp_is_digit_mb(c);
}

int so_cp_is_dash(uint32_t c);

#endif
