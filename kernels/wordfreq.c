/* wordfreq.c: kernel and C-only variant of the `wordfreq` scenario. */
#include "wordfreq.h"

#include "gb_kernel.h"
#include "gb_prng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WF_VOCAB 10000
#define WF_TABLE_BITS 16
#define WF_PER_LINE 12
#define WF_TOP 20
#define WF_VOCAB_SALT 0x2545f4914f6cdd1dULL

/* ---- counting ---- */

/* The ASCII characters str.split() treats as whitespace: \t \n \v \f \r,
 * the four separators \x1c..\x1f, and the space. */
static int is_space(unsigned char c)
{
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
}

static int grow(gb_wordfreq_table *t)
{
    size_t cap = t->slots ? (t->mask + 1) * 2 : 1024;
    gb_wordfreq_entry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; t->slots && i <= t->mask; i++) {
        gb_wordfreq_entry *e = &t->slots[i];
        if (!e->count)
            continue;
        size_t j = (size_t)e->hash & (cap - 1);
        while (slots[j].count)
            j = (j + 1) & (cap - 1);
        slots[j] = *e;
    }
    free(t->slots);
    t->slots = slots;
    t->mask = cap - 1;
    return 0;
}

/* Kept at most half full, so a probe always ends at an empty slot. */
static int add_word(gb_wordfreq_table *t, const char *word, size_t len, uint64_t hash)
{
    if ((t->used + 1) * 2 > (t->slots ? t->mask + 1 : 0) && grow(t) < 0)
        return -1;
    size_t j = (size_t)hash & t->mask;
    for (;;) {
        gb_wordfreq_entry *e = &t->slots[j];
        if (!e->count) {
            e->word = word;
            e->len = len;
            e->hash = hash;
            e->count = 1;
            t->used++;
            return 0;
        }
        if (e->hash == hash && e->len == len && memcmp(e->word, word, len) == 0) {
            e->count++;
            return 0;
        }
        j = (j + 1) & t->mask;
    }
}

int gb_wordfreq_count(gb_wordfreq_table *t, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && is_space((unsigned char)text[i]))
            i++;
        if (i == len)
            break;
        size_t start = i;
        uint64_t hash = GB_FNV_OFFSET;
        while (i < len && !is_space((unsigned char)text[i])) {
            hash = (hash ^ (unsigned char)text[i]) * 0x100000001b3ULL;
            i++;
        }
        if (add_word(t, text + start, i - start, hash) < 0)
            return -1;
    }
    return 0;
}

void gb_wordfreq_clear(gb_wordfreq_table *t)
{
    if (t->slots)
        memset(t->slots, 0, (t->mask + 1) * sizeof *t->slots);
    t->used = 0;
}

void gb_wordfreq_free(gb_wordfreq_table *t)
{
    free(t->slots);
    t->slots = NULL;
    t->mask = 0;
    t->used = 0;
}

/* ---- the answer ---- */

static int ranks_before(const gb_wordfreq_entry *a, const gb_wordfreq_entry *b)
{
    if (a->count != b->count)
        return a->count > b->count;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->word, b->word, n);
    return c != 0 ? c < 0 : a->len < b->len;
}

/* Insertion into a sorted array of at most n: n is small (20), and most
 * words fail the first comparison with the current last. */
size_t gb_wordfreq_top(const gb_wordfreq_table *t, gb_wordfreq_entry *top, size_t n)
{
    size_t have = 0;
    for (size_t i = 0; t->slots && i <= t->mask && n; i++) {
        const gb_wordfreq_entry *e = &t->slots[i];
        if (!e->count || (have == n && !ranks_before(e, &top[n - 1])))
            continue;
        size_t j = have < n ? have++ : n - 1;
        while (j > 0 && ranks_before(e, &top[j - 1])) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = *e;
    }
    return have;
}

size_t gb_wordfreq_format(const gb_wordfreq_entry *top, size_t n, char *buf, size_t cap)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(at < cap ? buf + at : NULL, at < cap ? cap - at : 0, "%.*s %lld\n",
                         (int)top[i].len, top[i].word, (long long)top[i].count);
        if (w < 0)
            return 0;
        at += (size_t)w;
    }
    if (cap)
        buf[at < cap ? at : cap - 1] = '\0';
    return at;
}

/* ---- the text ---- */

/* Word r of the vocabulary: 3 to 10 letters from one draw (3 bits of
 * length, 5 bits a letter mapped onto a-z by multiply-shift). */
static size_t vocab_word(uint64_t r, char out[16])
{
    size_t len = 3 + (size_t)(r & 7);
    r >>= 3;
    for (size_t i = 0; i < len; i++, r >>= 5)
        out[i] = (char)('a' + (((r & 31) * 26) >> 5));
    return len;
}

/* Zipf's law, quantised: slot i of 2^16 names the rank whose cumulative
 * weight first exceeds i/2^16 of the total, weights 2^32/(rank+1).  All
 * integer arithmetic, so Python builds the same table bit for bit. */
static void zipf_table(uint16_t *table)
{
    uint64_t total = 0;
    for (uint64_t r = 0; r < WF_VOCAB; r++)
        total += (1ULL << 32) / (r + 1);
    uint64_t rank = 0, cum = 1ULL << 32;
    for (uint64_t i = 0; i < (1u << WF_TABLE_BITS); i++) {
        uint64_t target = (i * total) >> WF_TABLE_BITS;
        while (cum <= target) {
            rank++;
            cum += (1ULL << 32) / (rank + 1);
        }
        table[i] = (uint16_t)rank;
    }
}

typedef struct vocab {
    char words[WF_VOCAB][16];
    uint8_t lens[WF_VOCAB];
    uint16_t table[1u << WF_TABLE_BITS];
} vocab;

static void make_vocab(vocab *v, uint64_t seed)
{
    gb_rng rng = gb_rng_new(seed ^ WF_VOCAB_SALT);
    for (size_t r = 0; r < WF_VOCAB; r++)
        v->lens[r] = (uint8_t)vocab_word(gb_rng_next(&rng), v->words[r]);
    zipf_table(v->table);
}

char *gb_wordfreq_make_text(size_t words, uint64_t seed, size_t *len)
{
    vocab *v = malloc(sizeof *v);
    char *text = malloc(words * 11 + 1);
    if (!v || !text) {
        free(v);
        free(text);
        return NULL;
    }
    make_vocab(v, seed);
    gb_rng rng = gb_rng_new(seed);
    uint64_t r = 0;
    size_t at = 0;
    for (size_t i = 0; i < words; i++) {
        if (i % 4 == 0)
            r = gb_rng_next(&rng);
        uint16_t rank = v->table[(r >> (16 * (i % 4))) & 0xffff];
        if (i > 0)
            text[at++] = i % WF_PER_LINE == 0 ? '\n' : ' ';
        memcpy(text + at, v->words[rank], v->lens[rank]);
        at += v->lens[rank];
    }
    text[at] = '\0';
    free(v);
    *len = at;
    return text;
}

/* ---- C-only variant ---- */

/* The table lives as long as the input: each call clears and refills it.
 * Freed and made anew every call, it would hand its pages back to the
 * kernel (glibc trims the heap top) and fault them in again next call. */
typedef struct wordfreq_input {
    char *text;
    size_t len;
    gb_wordfreq_table table;
} wordfreq_input;

static void *c_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    int64_t words = gb_param(params, "words", -1);
    wordfreq_input *in = calloc(1, sizeof *in);
    if (!in || words < 0) {
        snprintf(err, GB_ERR_LEN, words < 0 ? "parameter words is missing" : "out of memory");
        free(in);
        return NULL;
    }
    in->text = gb_wordfreq_make_text((size_t)words, seed, &in->len);
    if (!in->text) {
        snprintf(err, GB_ERR_LEN, "out of memory for %lld words", (long long)words);
        free(in);
        return NULL;
    }
    return in;
}

/* Counts, ranks and formats: the whole answer in C, from an empty table. */
static gb_answer c_only(void *input)
{
    wordfreq_input *in = input;
    gb_wordfreq_entry top[WF_TOP];
    char buf[WF_TOP * 48];
    gb_wordfreq_clear(&in->table);
    if (gb_wordfreq_count(&in->table, in->text, in->len) < 0)
        return gb_answer_none(); /* out of memory: a wrong answer the harness reports */
    size_t n = gb_wordfreq_top(&in->table, top, WF_TOP);
    size_t len = gb_wordfreq_format(top, n, buf, sizeof buf);
    return gb_answer_bytes(buf, len < sizeof buf ? len : sizeof buf - 1);
}

static void c_teardown(void *input)
{
    wordfreq_input *in = input;
    gb_wordfreq_free(&in->table);
    free(in->text);
    free(in);
}

static const gb_cvariant variants[] = {
    {"c_only", c_setup, c_only, c_teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
