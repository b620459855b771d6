/* gb_prng.h: the one input generator, written identically in C (here) and in
 * Python (pyref/gbinput.py), so that both sides compute on the same numbers.
 *
 * splitmix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a
 * constant, then mixed.  Small, fast, and easy to write bit-exactly in a
 * language with unbounded integers.  Not for cryptography.
 */
#ifndef GB_PRNG_H
#define GB_PRNG_H

#include <stdint.h>

typedef struct gb_rng { uint64_t state; } gb_rng;

static inline gb_rng gb_rng_new(uint64_t seed)
{
    gb_rng r = {seed};
    return r;
}

static inline uint64_t gb_rng_next(gb_rng *r)
{
    uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform integer in [0, n) for 0 < n < 2^32 (multiply-shift, no modulo). */
static inline uint32_t gb_rng_below(gb_rng *r, uint32_t n)
{
    return (uint32_t)(((gb_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform double in [0, 1) with 53 random bits. */
static inline double gb_rng_unit(gb_rng *r)
{
    return (double)(gb_rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform double in [0, 1) on a grid of 2^bits steps (bits <= 26).  Sums of
 * squares of such numbers are exact in binary64 for any summation order up
 * to about 2^(53 - 2*bits) terms, so every variant gets the same bits. */
static inline double gb_rng_grid(gb_rng *r, int bits)
{
    return (double)(gb_rng_next(r) >> (64 - bits)) / (double)(1ULL << bits);
}

#endif
