/* hotcall.h: the kernel of the `hotcall` scenario: a small pricing function
 * called once per request, plain and behind a bounded cache. */
#ifndef GB_HOTCALL_H
#define GB_HOTCALL_H

#include <stddef.h>
#include <stdint.h>

/* Black-Scholes price of a European call, in hundredths of a cent,
 * truncated toward zero.  Spot and strike in cents, volatility in basis
 * points, maturity in days; a fixed 3% rate.  Written operation for
 * operation as pyref/hotcall.py:price so that both give the same integer. */
int64_t gb_hotcall_price(int32_t spot, int32_t strike, int32_t vol_bp, int32_t days);

/* The hot function with a cost knob: for scenarios >= 1 the sum of
 * gb_hotcall_price at volatilities vol_bp, vol_bp + 1, ..., vol_bp +
 * scenarios - 1 (about half a microsecond of Python per scenario); for 0 the
 * payoff at expiry, max(spot - strike, 0) in hundredths of a cent (the
 * cheapest function of the same arguments). */
int64_t gb_hotcall_value(int32_t spot, int32_t strike, int32_t vol_bp, int32_t days,
                         int32_t scenarios);

/* One call's arguments. */
typedef struct gb_hotcall_args {
    int32_t spot, strike, vol_bp, days;
} gb_hotcall_args;

/* The j-th of the scenario's distinct argument tuples for `seed`. */
gb_hotcall_args gb_hotcall_tuple(uint64_t seed, uint64_t j);

/* The call sequence: `calls` tuples drawn uniformly from the first k
 * tuples (two draws per random number); NULL when out of memory. */
gb_hotcall_args *gb_hotcall_make_calls(size_t calls, uint32_t k, uint64_t seed);

/* A bounded memo of gb_hotcall_value: a set-associative table of
 * `capacity` entries in sets of GB_HOTCALL_WAYS, least recently used
 * entry of a set evicted first.  The caller owns the storage, so the
 * extension can take it from Python's allocator (and tracemalloc sees it). */
#define GB_HOTCALL_WAYS 4

typedef struct gb_hotcall_entry {
    gb_hotcall_args key;
    int64_t value;
} gb_hotcall_entry;

typedef struct gb_hotcall_cache {
    gb_hotcall_entry *entries; /* sets * WAYS, each set most recent first */
    uint8_t *fill;             /* entries in use per set */
    unsigned set_bits;
    int32_t scenarios;         /* the gb_hotcall_value it remembers */
} gb_hotcall_cache;

/* Bytes of storage a cache of `capacity` entries needs, or 0 when capacity
 * is not a power of two of at least GB_HOTCALL_WAYS. */
size_t gb_hotcall_cache_bytes(size_t capacity);

/* Lays an empty cache of gb_hotcall_value(..., scenarios) out in
 * `storage` (gb_hotcall_cache_bytes long). */
void gb_hotcall_cache_init(gb_hotcall_cache *c, void *storage, size_t capacity,
                           int32_t scenarios);

/* Empties the cache; the storage is kept. */
void gb_hotcall_cache_clear(gb_hotcall_cache *c);

/* gb_hotcall_value through the cache. */
int64_t gb_hotcall_cached_price(gb_hotcall_cache *c, gb_hotcall_args a);

#endif
