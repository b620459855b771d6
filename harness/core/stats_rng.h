/* stats_rng.h: the statistics module's private PRNG, shared by its files.
 *
 * A wrapper over splitmix64, the project's one generator
 * (kernels/common/gb_prng.h), with the draws the statistics need.  The state lives on the
 * caller's stack and is seeded by the caller, so results are reproducible and
 * calls independent.  Not part of the harness's public interface: only the
 * stats_*.c files and their unit tests include it. */
#ifndef STATS_RNG_H
#define STATS_RNG_H

#include <stdint.h>

typedef struct stats_rng { uint64_t state; } stats_rng;

/* The next 64 random bits. */
uint64_t stats_rng_next(stats_rng *r);

/* Uniform index in [0, n) for n >= 1 by multiply-shift of 32 random bits;
 * the bias is below n / 2^32, far under any bootstrap's own noise. */
int stats_rng_below(stats_rng *r, int n);

/* Uniform double in (0, 1): 53 random bits, never 0 (safe for log). */
double stats_rng_unit(stats_rng *r);

/* Standard normal deviate by Box-Muller (one of the pair; simple, not fast). */
double stats_rng_normal(stats_rng *r);

#endif
