/* hotcall.c: kernel and C-only variants of the `hotcall` scenario. */
#include "hotcall.h"

#include "gb_kernel.h"
#include "gb_prng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOTCALL_RATE 0.03
/* sqrt(1/2) rounded to a double; Python spells it 0.7071067811865476. */
#define HOTCALL_SQRT1_2 0.70710678118654752440
/* splitmix64's increment: the j-th tuple is the j-th draw of a second
 * stream, computed directly from j without drawing the ones before. */
#define HOTCALL_GAMMA 0x9e3779b97f4a7c15ULL
#define HOTCALL_TABLE_SALT 0x5851f42d4c957f2dULL
#define HOTCALL_C_CACHE_SIZE 1024

/* The order of every operation matches pyref/hotcall.py: the same libm
 * calls on the same doubles give the same bits, hence the same integer. */
int64_t gb_hotcall_price(int32_t spot, int32_t strike, int32_t vol_bp, int32_t days)
{
    double s = spot / 100.0, k = strike / 100.0;
    double sigma = vol_bp / 10000.0, t = days / 365.0;
    double sd = sigma * sqrt(t);
    double d1 = (log(s / k) + (HOTCALL_RATE + 0.5 * sigma * sigma) * t) / sd;
    double d2 = d1 - sd;
    double call = s * 0.5 * erfc(-d1 * HOTCALL_SQRT1_2)
                  - k * exp(-HOTCALL_RATE * t) * 0.5 * erfc(-d2 * HOTCALL_SQRT1_2);
    return (int64_t)(call * 10000.0);
}

int64_t gb_hotcall_value(int32_t spot, int32_t strike, int32_t vol_bp, int32_t days,
                         int32_t scenarios)
{
    if (scenarios == 0)
        return spot > strike ? ((int64_t)spot - strike) * 100 : 0;
    int64_t total = 0;
    for (int32_t j = 0; j < scenarios; j++)
        total += gb_hotcall_price(spot, strike, vol_bp + j, days);
    return total;
}

/* 50 random bits, so k = 10^6 tuples collide with odds below 1 in 2000. */
gb_hotcall_args gb_hotcall_tuple(uint64_t seed, uint64_t j)
{
    gb_rng rng = gb_rng_new((seed ^ HOTCALL_TABLE_SALT) + j * HOTCALL_GAMMA);
    uint64_t r = gb_rng_next(&rng);
    int64_t spot = 5000 + (int64_t)(r & 0xffff);
    int64_t moneyness = (int64_t)((r >> 16) & 0xfff);
    gb_hotcall_args a;
    a.spot = (int32_t)spot;
    a.strike = (int32_t)(spot - spot / 4 + moneyness * spot / 8192);
    a.vol_bp = 500 + (int32_t)((r >> 28) & 0xfff);
    a.days = 1 + (int32_t)((r >> 40) & 0x3ff);
    return a;
}

gb_hotcall_args *gb_hotcall_make_calls(size_t calls, uint32_t k, uint64_t seed)
{
    gb_hotcall_args *seq = malloc((calls ? calls : 1) * sizeof *seq);
    if (!seq)
        return NULL;
    gb_rng rng = gb_rng_new(seed);
    for (size_t i = 0; i < calls; i += 2) {
        uint64_t r = gb_rng_next(&rng);
        seq[i] = gb_hotcall_tuple(seed, ((r >> 32) * k) >> 32);
        if (i + 1 < calls)
            seq[i + 1] = gb_hotcall_tuple(seed, ((r & 0xffffffffULL) * k) >> 32);
    }
    return seq;
}

size_t gb_hotcall_cache_bytes(size_t capacity)
{
    if (capacity < GB_HOTCALL_WAYS || (capacity & (capacity - 1)))
        return 0;
    return capacity * sizeof(gb_hotcall_entry) + capacity / GB_HOTCALL_WAYS;
}

void gb_hotcall_cache_init(gb_hotcall_cache *c, void *storage, size_t capacity,
                           int32_t scenarios)
{
    c->entries = storage;
    c->scenarios = scenarios;
    c->fill = (uint8_t *)(c->entries + capacity);
    c->set_bits = 0;
    while (((size_t)GB_HOTCALL_WAYS << c->set_bits) < capacity)
        c->set_bits++;
    gb_hotcall_cache_clear(c);
}

void gb_hotcall_cache_clear(gb_hotcall_cache *c)
{
    memset(c->fill, 0, (size_t)1 << c->set_bits);
}

static uint32_t cache_set(const gb_hotcall_cache *c, gb_hotcall_args a)
{
    if (c->set_bits == 0)
        return 0;
    uint64_t x = ((uint64_t)(uint32_t)a.spot << 32) | (uint32_t)a.strike;
    uint64_t y = ((uint64_t)(uint32_t)a.vol_bp << 32) | (uint32_t)a.days;
    uint64_t h = (x * 0xbf58476d1ce4e5b9ULL) ^ (y * 0x94d049bb133111ebULL);
    h ^= h >> 31;
    h *= 0x9e3779b97f4a7c15ULL;
    return (uint32_t)(h >> (64 - c->set_bits));
}

static int same_args(gb_hotcall_args a, gb_hotcall_args b)
{
    return a.spot == b.spot && a.strike == b.strike && a.vol_bp == b.vol_bp && a.days == b.days;
}

/* A set keeps its entries most recent first: a hit moves its entry to the
 * front, a miss shifts the set down (dropping the last when full). */
int64_t gb_hotcall_cached_price(gb_hotcall_cache *c, gb_hotcall_args a)
{
    uint32_t set = cache_set(c, a);
    gb_hotcall_entry *e = c->entries + (size_t)set * GB_HOTCALL_WAYS;
    unsigned fill = c->fill[set];
    for (unsigned i = 0; i < fill; i++) {
        if (same_args(e[i].key, a)) {
            gb_hotcall_entry hit = e[i];
            memmove(e + 1, e, i * sizeof *e);
            e[0] = hit;
            return hit.value;
        }
    }
    int64_t value = gb_hotcall_value(a.spot, a.strike, a.vol_bp, a.days, c->scenarios);
    unsigned keep = fill < GB_HOTCALL_WAYS ? fill : GB_HOTCALL_WAYS - 1;
    memmove(e + 1, e, keep * sizeof *e);
    e[0].key = a;
    e[0].value = value;
    c->fill[set] = (uint8_t)(keep + 1);
    return value;
}

/* ---- C-only variants ---- */

typedef struct hotcall_input {
    size_t calls;
    int32_t scenarios;
    gb_hotcall_args *seq;
    gb_hotcall_cache cache;
    void *storage;
} hotcall_input;

static void *c_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    int64_t calls = gb_param(params, "calls", -1), k = gb_param(params, "k", -1);
    int64_t scenarios = gb_param(params, "scenarios", 1);
    if (calls < 0 || k < 1 || k > 0xffffffffLL || scenarios < 0 || scenarios > 100000) {
        snprintf(err, GB_ERR_LEN,
                 "need parameters calls >= 0, 1 <= k < 2^32 and 0 <= scenarios <= 100000");
        return NULL;
    }
    hotcall_input *in = calloc(1, sizeof *in);
    size_t bytes = gb_hotcall_cache_bytes(HOTCALL_C_CACHE_SIZE);
    if (in) {
        in->calls = (size_t)calls;
        in->scenarios = (int32_t)scenarios;
        in->seq = gb_hotcall_make_calls(in->calls, (uint32_t)k, seed);
        in->storage = malloc(bytes);
    }
    if (!in || !in->seq || !in->storage) {
        snprintf(err, GB_ERR_LEN, "out of memory for %lld calls", (long long)calls);
        if (in) {
            free(in->seq);
            free(in->storage);
        }
        free(in);
        return NULL;
    }
    gb_hotcall_cache_init(&in->cache, in->storage, HOTCALL_C_CACHE_SIZE, in->scenarios);
    return in;
}

static gb_answer c_plain(void *input)
{
    hotcall_input *in = input;
    int64_t total = 0;
    for (size_t i = 0; i < in->calls; i++) {
        gb_hotcall_args a = in->seq[i];
        total += gb_hotcall_value(a.spot, a.strike, a.vol_bp, a.days, in->scenarios);
    }
    return gb_answer_int(total);
}

/* The cache starts empty on every call, as the Python caches do. */
static gb_answer c_cache(void *input)
{
    hotcall_input *in = input;
    int64_t total = 0;
    gb_hotcall_cache_clear(&in->cache);
    for (size_t i = 0; i < in->calls; i++)
        total += gb_hotcall_cached_price(&in->cache, in->seq[i]);
    return gb_answer_int(total);
}

static void c_teardown(void *input)
{
    hotcall_input *in = input;
    free(in->seq);
    free(in->storage);
    free(in);
}

static const gb_cvariant variants[] = {
    {"c_plain", c_setup, c_plain, c_teardown},
    {"c_cache", c_setup, c_cache, c_teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
