/* concurrency.c: kernel and C-only variant of the `concurrency` scenario.
 *
 * The kernel is a schema-aware JSON reader: it checks the whole document's
 * syntax, as a parser must, but builds nothing; it keeps only the fields
 * the aggregate needs.  That is what lets the CPython extension release
 * the GIL around it: no Python object is touched while it runs.
 */
#include "concurrency.h"

#include "gb_kernel.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct reader {
    const char *p;
    const char *end;
    int depth;
} reader;

/* Called with the reader just past a member's ':'; must consume the value. */
typedef int (*member_fn)(reader *r, const char *key, size_t keylen, void *ctx);
/* Called with the reader on an array element; must consume it. */
typedef int (*element_fn)(reader *r, void *ctx);

static void skip_ws(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

/* Skips whitespace, then consumes c if it is next; 0 when it was. */
static int expect(reader *r, char c)
{
    skip_ws(r);
    if (r->p >= r->end || *r->p != c)
        return -1;
    r->p++;
    return 0;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Reads a string whose opening quote is next; *s, *n get its raw bytes. */
static int read_string(reader *r, const char **s, size_t *n)
{
    if (expect(r, '"') != 0)
        return -1;
    const char *start = r->p;
    while (r->p < r->end) {
        unsigned char c = (unsigned char)*r->p;
        if (c == '"') {
            *s = start;
            *n = (size_t)(r->p - start);
            r->p++;
            return 0;
        }
        if (c < 0x20)
            return -1;
        if (c != '\\') {
            r->p++;
            continue;
        }
        if (r->end - r->p < 2 || !r->p[1] || !strchr("\"\\/bfnrtu", r->p[1]))
            return -1;
        if (r->p[1] != 'u') {
            r->p += 2;
            continue;
        }
        if (r->end - r->p < 6)
            return -1;
        for (int i = 2; i < 6; i++)
            if (!is_hex(r->p[i]))
                return -1;
        r->p += 6;
    }
    return -1;
}

static int is_digit(const reader *r)
{
    return r->p < r->end && *r->p >= '0' && *r->p <= '9';
}

/* Reads a JSON number; *v gets it when it is an integer that fits int64,
 * *is_int says whether it was one. */
static int read_number(reader *r, int64_t *v, int *is_int)
{
    int negative = r->p < r->end && *r->p == '-';
    r->p += negative;
    if (!is_digit(r))
        return -1;
    const char *digits = r->p;
    int64_t value = 0;
    int fits = 1;
    while (is_digit(r)) {
        int digit = *r->p++ - '0';
        fits = fits && !__builtin_mul_overflow(value, 10, &value)
               && !__builtin_add_overflow(value, digit, &value);
    }
    if (*digits == '0' && r->p - digits > 1)
        return -1; /* JSON forbids leading zeros */
    *is_int = fits;
    if (r->p < r->end && *r->p == '.') {
        r->p++;
        if (!is_digit(r))
            return -1;
        while (is_digit(r))
            r->p++;
        *is_int = 0;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            r->p++;
        if (!is_digit(r))
            return -1;
        while (is_digit(r))
            r->p++;
        *is_int = 0;
    }
    *v = negative ? -value : value;
    return 0;
}

static int read_int(reader *r, int64_t *v)
{
    int is_int = 0;
    skip_ws(r);
    if (read_number(r, v, &is_int) != 0 || !is_int)
        return -1;
    return 0;
}

static int skip_literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return -1;
    r->p += n;
    return 0;
}

static int skip_value(reader *r);

static int skip_member(reader *r, const char *key, size_t keylen, void *ctx)
{
    (void)key, (void)keylen, (void)ctx;
    return skip_value(r);
}

static int skip_element(reader *r, void *ctx)
{
    (void)ctx;
    return skip_value(r);
}

/* Reads an object, handing each member's value to fn. */
static int read_object(reader *r, member_fn fn, void *ctx)
{
    if (expect(r, '{') != 0 || ++r->depth > MAX_DEPTH)
        return -1;
    if (expect(r, '}') == 0) {
        r->depth--;
        return 0;
    }
    for (;;) {
        const char *key;
        size_t keylen;
        if (read_string(r, &key, &keylen) != 0 || expect(r, ':') != 0)
            return -1;
        if (fn(r, key, keylen, ctx) != 0)
            return -1;
        if (expect(r, ',') == 0)
            continue;
        if (expect(r, '}') != 0)
            return -1;
        r->depth--;
        return 0;
    }
}

/* Reads an array, handing each element to fn. */
static int read_array(reader *r, element_fn fn, void *ctx)
{
    if (expect(r, '[') != 0 || ++r->depth > MAX_DEPTH)
        return -1;
    if (expect(r, ']') == 0) {
        r->depth--;
        return 0;
    }
    for (;;) {
        skip_ws(r);
        if (fn(r, ctx) != 0)
            return -1;
        if (expect(r, ',') == 0)
            continue;
        if (expect(r, ']') != 0)
            return -1;
        r->depth--;
        return 0;
    }
}

static int skip_value(reader *r)
{
    skip_ws(r);
    if (r->p >= r->end)
        return -1;
    const char *s;
    size_t n;
    int64_t v;
    int is_int;
    switch (*r->p) {
    case '{': return read_object(r, skip_member, NULL);
    case '[': return read_array(r, skip_element, NULL);
    case '"': return read_string(r, &s, &n);
    case 't': return skip_literal(r, "true");
    case 'f': return skip_literal(r, "false");
    case 'n': return skip_literal(r, "null");
    default: return read_number(r, &v, &is_int);
    }
}

static int key_is(const char *key, size_t keylen, const char *name)
{
    return keylen == strlen(name) && memcmp(key, name, keylen) == 0;
}

/* --- the schema: document { offers: [ offer { price, seats, segments } ] } */

typedef struct segment_fields {
    int64_t dur;
    int have_dur;
} segment_fields;

typedef struct offer_fields {
    int64_t price, seats, minutes;
    int have_price, have_seats, have_segments;
} offer_fields;

typedef struct document_fields {
    int64_t total;
    int have_offers;
} document_fields;

static int segment_member(reader *r, const char *key, size_t keylen, void *ctx)
{
    segment_fields *f = ctx;
    if (!key_is(key, keylen, "dur"))
        return skip_value(r);
    f->have_dur = 1;
    return read_int(r, &f->dur);
}

static int segment_element(reader *r, void *ctx)
{
    offer_fields *offer = ctx;
    segment_fields f = {0, 0};
    if (read_object(r, segment_member, &f) != 0 || !f.have_dur)
        return -1;
    return __builtin_add_overflow(offer->minutes, f.dur, &offer->minutes) ? -1 : 0;
}

static int offer_member(reader *r, const char *key, size_t keylen, void *ctx)
{
    offer_fields *f = ctx;
    if (key_is(key, keylen, "price")) {
        f->have_price = 1;
        return read_int(r, &f->price);
    }
    if (key_is(key, keylen, "seats")) {
        f->have_seats = 1;
        return read_int(r, &f->seats);
    }
    if (key_is(key, keylen, "segments")) {
        f->have_segments = 1;
        f->minutes = 0; /* a repeated key replaces the earlier value, as in json.loads */
        return read_array(r, segment_element, f);
    }
    return skip_value(r);
}

static int offer_element(reader *r, void *ctx)
{
    document_fields *doc = ctx;
    offer_fields f = {0, 0, 0, 0, 0, 0};
    int64_t weighted;
    if (read_object(r, offer_member, &f) != 0 || !f.have_price || !f.have_seats || !f.have_segments)
        return -1;
    if (__builtin_mul_overflow(f.seats, f.minutes, &weighted)
        || __builtin_add_overflow(doc->total, f.price, &doc->total)
        || __builtin_add_overflow(doc->total, weighted, &doc->total))
        return -1;
    return 0;
}

static int document_member(reader *r, const char *key, size_t keylen, void *ctx)
{
    document_fields *doc = ctx;
    if (!key_is(key, keylen, "offers"))
        return skip_value(r);
    doc->have_offers = 1;
    doc->total = 0;
    return read_array(r, offer_element, doc);
}

int gb_concurrency_aggregate(const char *doc, size_t len, int64_t *total, size_t *errpos)
{
    reader r = {doc, doc + len, 0};
    document_fields f = {0, 0};
    int rc = read_object(&r, document_member, &f);
    if (rc == 0) {
        skip_ws(&r);
        rc = (r.p == r.end && f.have_offers) ? 0 : -1;
    }
    *errpos = (size_t)(r.p - doc);
    *total = f.total;
    return rc;
}

/* --- the inputs, written as pyref/concurrency.py writes them --------------- */

typedef struct text {
    char *data;
    size_t len, cap;
    int failed;
} text;

static void text_add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(text *t, const char *fmt, ...)
{
    char piece[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(piece, sizeof piece, fmt, ap);
    va_end(ap);
    if (t->failed || n < 0 || (size_t)n >= sizeof piece) {
        t->failed = 1;
        return;
    }
    if (t->len + (size_t)n + 1 > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 4096;
        char *data = realloc(t->data, cap);
        if (!data) {
            t->failed = 1;
            return;
        }
        t->data = data;
        t->cap = cap;
    }
    memcpy(t->data + t->len, piece, (size_t)n + 1);
    t->len += (size_t)n;
}

static const char LETTERS[] = "ABCDEFGHJKLMNPRS";

/* A code of `letters` letters (at most 3), 4 random bits each. */
static const char *code(uint64_t bits, int letters, char out[4])
{
    for (int i = 0; i < letters; i++)
        out[i] = LETTERS[(bits >> (4 * i)) & 15];
    out[letters] = '\0';
    return out;
}

static void add_offer(text *t, gb_rng *rng, size_t ident)
{
    uint64_t a = gb_rng_next(rng);
    char carrier[4], from[4], to[4];
    text_add(t, "{\"id\":%zu,\"carrier\":\"%s\",\"price\":%llu,\"seats\":%llu,"
                "\"refundable\":%s,\"segments\":[",
             ident, code(a >> 2, 2, carrier), 1000 + ((a >> 10) & 0x3FFFFULL),
             (a >> 28) & 15ULL, (a >> 32) & 1 ? "true" : "false");
    int segments = 1 + (int)(a & 3);
    for (int i = 0; i < segments; i++) {
        uint64_t b = gb_rng_next(rng);
        text_add(t, "%s{\"from\":\"%s\",\"to\":\"%s\",\"dep\":%llu,\"dur\":%llu,\"flight\":%llu}",
                 i ? "," : "", code(b, 3, from), code(b >> 12, 3, to), (b >> 24) & 0x7FFULL,
                 30 + ((b >> 35) & 0x3FFULL), (b >> 45) & 0x1FFFULL);
    }
    text_add(t, "]}");
}

char *gb_concurrency_make_document(gb_rng *rng, size_t offers, size_t *len)
{
    text t = {NULL, 0, 0, 0};
    text_add(&t, "{\"currency\":\"EUR\",\"offers\":[");
    for (size_t i = 0; i < offers; i++) {
        if (i)
            text_add(&t, ",");
        add_offer(&t, rng, i);
    }
    text_add(&t, "]}");
    if (t.failed) {
        free(t.data);
        return NULL;
    }
    *len = t.len;
    return t.data;
}

void gb_concurrency_free(void *p)
{
    free(p);
}

/* --- the C-only variant: the K payloads one after another ------------------ */

typedef struct concurrency_input {
    size_t k;
    char **docs;
    size_t *lens;
    char *answer; /* room for K totals, space-separated */
} concurrency_input;

static void c_teardown(void *input)
{
    concurrency_input *in = input;
    for (size_t i = 0; in->docs && i < in->k; i++)
        free(in->docs[i]);
    free(in->docs);
    free(in->lens);
    free(in->answer);
    free(in);
}

static void *c_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    int64_t k = gb_param(params, "K", -1);
    if (k < 1) {
        snprintf(err, GB_ERR_LEN, "parameter K is missing or below 1");
        return NULL;
    }
    concurrency_input *in = calloc(1, sizeof *in);
    if (!in)
        goto oom;
    in->k = (size_t)k;
    in->docs = calloc(in->k, sizeof *in->docs);
    in->lens = calloc(in->k, sizeof *in->lens);
    in->answer = malloc(in->k * 21 + 1);
    if (!in->docs || !in->lens || !in->answer)
        goto oom;
    gb_rng rng = gb_rng_new(seed);
    for (size_t i = 0; i < in->k; i++)
        if (!(in->docs[i] = gb_concurrency_make_document(&rng, GB_CONCURRENCY_OFFERS, &in->lens[i])))
            goto oom;
    return in;
oom:
    snprintf(err, GB_ERR_LEN, "out of memory for %lld payloads", (long long)k);
    if (in)
        c_teardown(in);
    return NULL;
}

static gb_answer c_sequential(void *input)
{
    concurrency_input *in = input;
    size_t used = 0;
    for (size_t i = 0; i < in->k; i++) {
        int64_t total;
        size_t errpos;
        if (gb_concurrency_aggregate(in->docs[i], in->lens[i], &total, &errpos) != 0)
            return gb_answer_none(); /* cannot happen on generated input; fails the check */
        used += (size_t)sprintf(in->answer + used, "%s%lld", i ? " " : "", (long long)total);
    }
    return gb_answer_bytes(in->answer, used);
}

static const gb_cvariant variants[] = {
    {"sequential", c_setup, c_sequential, c_teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
