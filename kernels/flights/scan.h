/* scan.h: a pull scanner over JSON bytes that builds no tree.
 *
 * The reader asks for one value at a time: a string, a number or a literal
 * comes back whole; an object or an array comes back as its opening token,
 * and the reader then walks its members or items (gb_scan_member,
 * gb_scan_item) or skips it (gb_scan_skip).  Strings are borrowed from the
 * input when they hold no escape, else decoded into the caller's arena.
 * Any syntax error sets sc->failed and every later call returns -1.
 */
#ifndef GB_FLIGHTS_SCAN_H
#define GB_FLIGHTS_SCAN_H

#include <stddef.h>

typedef enum gb_tok_kind {
    GB_TOK_NONE = 0, /* a field not seen */
    GB_TOK_OBJECT,
    GB_TOK_ARRAY,
    GB_TOK_STRING,
    GB_TOK_NUMBER,
    GB_TOK_TRUE,
    GB_TOK_FALSE,
    GB_TOK_NULL,
} gb_tok_kind;

typedef struct gb_tok {
    gb_tok_kind kind;
    const char *s; /* a string's text (decoded), a number's spelling */
    size_t len;
    int integer;   /* a number without fraction or exponent */
} gb_tok;

typedef struct gb_scan {
    const char *p, *end;
    char *arena;   /* decoded strings go here; at least as long as the input */
    size_t used, cap;
    int failed;
} gb_scan;

/* A scanner over [p, p + len) that decodes escaped strings into arena. */
void gb_scan_init(gb_scan *sc, const char *p, size_t len, char *arena, size_t cap);

/* The next value; for an object or array only its opening bracket is read.
 * Returns 0, or -1 on a syntax error. */
int gb_scan_value(gb_scan *sc, gb_tok *tok);

/* The next member of the object being read: 1 with its key in *key (the
 * ':' read too), 0 at its closing brace, -1 on an error.  *first is 1
 * before the first call for an object and is kept by the scanner. */
int gb_scan_member(gb_scan *sc, int *first, gb_tok *key);

/* Whether the array being read has another item (1), has ended (0, its ']'
 * read) or is broken (-1); *first as for gb_scan_member. */
int gb_scan_item(gb_scan *sc, int *first);

/* Skips the rest of a value whose first token was tok.  Returns 0 or -1. */
int gb_scan_skip(gb_scan *sc, const gb_tok *tok);

/* 0 when only whitespace is left, else -1 (trailing data is an error). */
int gb_scan_finish(gb_scan *sc);

/* Whether a token is a string equal to the C string s. */
int gb_tok_is(const gb_tok *tok, const char *s);

#endif
