/* scan.c: the pull scanner of scan.h (RFC 8259 syntax, no tree). */
#include "scan.h"

#include <string.h>

enum { MAX_DEPTH = 64 }; /* gb_scan_skip's nesting cap, a guard for the stack */

void gb_scan_init(gb_scan *sc, const char *p, size_t len, char *arena, size_t cap)
{
    sc->p = p;
    sc->end = p + len;
    sc->arena = arena;
    sc->used = 0;
    sc->cap = cap;
    sc->failed = 0;
}

static int fail(gb_scan *sc)
{
    sc->failed = 1;
    return -1;
}

static void skip_space(gb_scan *sc)
{
    while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r'))
        sc->p++;
}

/* Reads the literal word (true, false, null) at sc->p. */
static int literal(gb_scan *sc, const char *word, gb_tok_kind kind, gb_tok *tok)
{
    size_t n = strlen(word);
    if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0)
        return fail(sc);
    sc->p += n;
    tok->kind = kind;
    return 0;
}

static int is_digit(const gb_scan *sc)
{
    return sc->p < sc->end && *sc->p >= '0' && *sc->p <= '9';
}

static int digits(gb_scan *sc)
{
    if (!is_digit(sc))
        return fail(sc);
    while (is_digit(sc))
        sc->p++;
    return 0;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int number(gb_scan *sc, gb_tok *tok)
{
    const char *start = sc->p;
    tok->integer = 1;
    if (sc->p < sc->end && *sc->p == '-')
        sc->p++;
    if (sc->p < sc->end && *sc->p == '0')
        sc->p++;
    else if (digits(sc))
        return -1;
    if (sc->p < sc->end && *sc->p == '.') {
        sc->p++;
        tok->integer = 0;
        if (digits(sc))
            return -1;
    }
    if (sc->p < sc->end && (*sc->p == 'e' || *sc->p == 'E')) {
        sc->p++;
        tok->integer = 0;
        if (sc->p < sc->end && (*sc->p == '+' || *sc->p == '-'))
            sc->p++;
        if (digits(sc))
            return -1;
    }
    tok->kind = GB_TOK_NUMBER;
    tok->s = start;
    tok->len = (size_t)(sc->p - start);
    return 0;
}

static int hex4(gb_scan *sc, unsigned *out)
{
    unsigned v = 0;
    if (sc->end - sc->p < 4)
        return fail(sc);
    for (int i = 0; i < 4; i++) {
        char c = *sc->p++;
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15)
            return fail(sc);
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

static void put(gb_scan *sc, char c)
{
    sc->arena[sc->used++] = c;
}

static void put_utf8(gb_scan *sc, unsigned cp)
{
    if (cp < 0x80) {
        put(sc, (char)cp);
    } else if (cp < 0x800) {
        put(sc, (char)(0xC0 | (cp >> 6)));
        put(sc, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        put(sc, (char)(0xE0 | (cp >> 12)));
        put(sc, (char)(0x80 | ((cp >> 6) & 0x3F)));
        put(sc, (char)(0x80 | (cp & 0x3F)));
    } else {
        put(sc, (char)(0xF0 | (cp >> 18)));
        put(sc, (char)(0x80 | ((cp >> 12) & 0x3F)));
        put(sc, (char)(0x80 | ((cp >> 6) & 0x3F)));
        put(sc, (char)(0x80 | (cp & 0x3F)));
    }
}

/* \uXXXX after the backslash and 'u', a surrogate pair joined; a lone
 * surrogate is an error (Python's json would keep it, but then could not
 * write the response as UTF-8). */
static int unicode_escape(gb_scan *sc)
{
    unsigned cp, low;
    if (hex4(sc, &cp))
        return -1;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(sc);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (sc->end - sc->p < 2 || sc->p[0] != '\\' || sc->p[1] != 'u')
            return fail(sc);
        sc->p += 2;
        if (hex4(sc, &low) || low < 0xDC00 || low > 0xDFFF)
            return fail(sc);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    put_utf8(sc, cp);
    return 0;
}

/* The string from `from` (just past its opening quote) decoded into the
 * arena; an escape never makes text longer, so the arena cannot overflow
 * while it is at least as long as the input. */
static int decode_string(gb_scan *sc, const char *from, gb_tok *tok)
{
    static const char plain[] = "\"\\/bfnrt", meant[] = "\"\\/\b\f\n\r\t";
    if (sc->cap - sc->used < (size_t)(sc->end - from))
        return fail(sc);
    size_t start = sc->used;
    for (sc->p = from; sc->p < sc->end && *sc->p != '"';) {
        unsigned char c = (unsigned char)*sc->p++;
        if (c < 0x20)
            return fail(sc);
        if (c != '\\') {
            put(sc, (char)c);
            continue;
        }
        if (sc->p >= sc->end)
            return fail(sc);
        char e = *sc->p++;
        const char *known = e ? strchr(plain, e) : NULL;
        if (known)
            put(sc, meant[known - plain]);
        else if (e != 'u' || unicode_escape(sc))
            return fail(sc);
    }
    if (sc->p >= sc->end)
        return fail(sc);
    sc->p++;
    tok->s = sc->arena + start;
    tok->len = sc->used - start;
    return 0;
}

/* A string after its opening quote: borrowed when it has no escape. */
static int string(gb_scan *sc, gb_tok *tok)
{
    const char *from = sc->p;
    tok->kind = GB_TOK_STRING;
    for (; sc->p < sc->end; sc->p++) {
        unsigned char c = (unsigned char)*sc->p;
        if (c == '"') {
            tok->s = from;
            tok->len = (size_t)(sc->p++ - from);
            return 0;
        }
        if (c == '\\')
            return decode_string(sc, from, tok);
        if (c < 0x20)
            return fail(sc);
    }
    return fail(sc);
}

int gb_scan_value(gb_scan *sc, gb_tok *tok)
{
    memset(tok, 0, sizeof *tok);
    if (sc->failed)
        return -1;
    skip_space(sc);
    if (sc->p >= sc->end)
        return fail(sc);
    switch (*sc->p) {
    case '{':
        sc->p++;
        tok->kind = GB_TOK_OBJECT;
        return 0;
    case '[':
        sc->p++;
        tok->kind = GB_TOK_ARRAY;
        return 0;
    case '"':
        sc->p++;
        return string(sc, tok);
    case 't':
        return literal(sc, "true", GB_TOK_TRUE, tok);
    case 'f':
        return literal(sc, "false", GB_TOK_FALSE, tok);
    case 'n':
        return literal(sc, "null", GB_TOK_NULL, tok);
    default:
        return number(sc, tok);
    }
}

/* Past the ',' between two members or items, or at the closing bracket:
 * 1 when another one follows, 0 when `close` was read.  A trailing comma
 * fails in the value read that follows it. */
static int next_in(gb_scan *sc, int *first, char close)
{
    int was_first = *first;
    if (sc->failed)
        return -1;
    skip_space(sc);
    if (sc->p >= sc->end)
        return fail(sc);
    *first = 0;
    if (*sc->p == close) {
        sc->p++;
        return 0;
    }
    if (was_first)
        return 1;
    if (*sc->p != ',')
        return fail(sc);
    sc->p++;
    return 1;
}

int gb_scan_member(gb_scan *sc, int *first, gb_tok *key)
{
    int more = next_in(sc, first, '}');
    if (more <= 0)
        return more;
    if (gb_scan_value(sc, key) || key->kind != GB_TOK_STRING)
        return fail(sc);
    skip_space(sc);
    if (sc->p >= sc->end || *sc->p != ':')
        return fail(sc);
    sc->p++;
    return 1;
}

int gb_scan_item(gb_scan *sc, int *first)
{
    return next_in(sc, first, ']');
}

static int skip_nested(gb_scan *sc, const gb_tok *tok, int depth)
{
    int first = 1, more;
    gb_tok key, inner;
    if (tok->kind != GB_TOK_OBJECT && tok->kind != GB_TOK_ARRAY)
        return sc->failed ? -1 : 0;
    if (depth > MAX_DEPTH)
        return fail(sc);
    for (;;) {
        more = tok->kind == GB_TOK_OBJECT ? gb_scan_member(sc, &first, &key)
                                          : gb_scan_item(sc, &first);
        if (more <= 0)
            return more;
        if (gb_scan_value(sc, &inner) || skip_nested(sc, &inner, depth + 1))
            return -1;
    }
}

int gb_scan_skip(gb_scan *sc, const gb_tok *tok)
{
    return skip_nested(sc, tok, 0);
}

int gb_scan_finish(gb_scan *sc)
{
    skip_space(sc);
    return sc->failed || sc->p != sc->end ? -1 : 0;
}

int gb_tok_is(const gb_tok *tok, const char *s)
{
    return tok->kind == GB_TOK_STRING && strlen(s) == tok->len && memcmp(tok->s, s, tok->len) == 0;
}
