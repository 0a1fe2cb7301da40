/*
** jsonin.h -- reading JSON input (JSON Lines records, HTTP request bodies)
** with json-c, held to strict JSON where json-c's JSON_TOKENER_STRICT mode
** is not strict enough (see jsonin.c for the list of checks added).
**
** Values are json-c's: the caller owns the value handed back and frees it
** with json_object_put(). JSON null is json-c's NULL pointer, so a null
** top-level value comes back as *out == NULL with status SO_JSONIN_OK.
*/
#ifndef SO_JSONIN_H
#define SO_JSONIN_H

#include <json-c/json.h>
#include <stddef.h>

#define SO_JSONIN_ANY 1u    /* any top-level value (else an object or an array) */
#define SO_JSONIN_REPAIR 2u /* invalid UTF-8 bytes become U+FFFD (else: rejected) */

enum { SO_JSONIN_OK = 0, SO_JSONIN_BAD = -1, SO_JSONIN_NOMEM = -2 };

/* Parse s[0..n) as exactly one JSON value, whitespace around it allowed.
** Returns SO_JSONIN_OK with the value in *out; SO_JSONIN_BAD (not strict
** JSON) or SO_JSONIN_NOMEM with *out = NULL and msg (capped at msglen)
** saying what is wrong and at which byte. Thread-safe: no shared state. */
int so_jsonin_parse(const char *s, size_t n, unsigned flags, json_object **out, char *msg,
                    size_t msglen);

#endif
