/* stats_judge.c: a finding's claim as a region on the ratio axis, and the
 * verdict of a 95% interval against it.
 *
 * A claim is confirmed only when the whole interval agrees with it and
 * contradicted only when the whole interval disagrees; an interval that
 * straddles a threshold (say a ratio of 0.97 .. 1.20 for "faster") is
 * undecided, never "faster".
 */
#include "stats.h"

#include <math.h>
#include <string.h>

stats_verdict stats_judge(double lo, double hi, double region_lo, double region_hi)
{
    /* Written so that any NAN fails every test and lands on undecided. */
    if (!(lo <= hi) || !(region_lo <= region_hi))
        return STATS_UNDECIDED;
    if (lo >= region_lo && hi <= region_hi)
        return STATS_CONFIRMED;
    if (hi < region_lo || lo > region_hi)
        return STATS_CONTRADICTED;
    return STATS_UNDECIDED;
}

const char *stats_verdict_name(stats_verdict v)
{
    switch (v) {
    case STATS_CONFIRMED: return "confirmed";
    case STATS_CONTRADICTED: return "contradicted";
    case STATS_UNDECIDED: return "undecided";
    default: return "?";
    }
}

/* Which way a claim points: +1 the variant's value is lower than `than`'s
 * (ratio > 1), -1 higher (ratio < 1), 0 the same; 2 for an unknown word. */
static int claim_direction(const char *expect)
{
    if (!strcmp(expect, "faster") || !strcmp(expect, "lower"))
        return 1;
    if (!strcmp(expect, "slower") || !strcmp(expect, "higher"))
        return -1;
    if (!strcmp(expect, "same"))
        return 0;
    return 2;
}

/* A bound is unset (NAN) or a factor: finite and >= 1. */
static int bound_ok(double x)
{
    return isnan(x) || (isfinite(x) && x >= 1.0);
}

/* The region [*flo, *fhi] of the factor in the expected direction, from
 * the noise threshold and the bounds; -1 on a bad combination. */
static int factor_region(double at_least, double below, double between_lo, double between_hi,
                         double noise, double *flo, double *fhi)
{
    if (!bound_ok(at_least) || !bound_ok(below) || !bound_ok(between_lo) || !bound_ok(between_hi))
        return -1;
    int has_between = !isnan(between_lo) || !isnan(between_hi);
    if (has_between && (isnan(between_lo) || isnan(between_hi) || between_lo > between_hi ||
                        !isnan(at_least) || !isnan(below)))
        return -1;
    *flo = 1.0 + noise; /* a direction means beyond the noise, whatever the bounds */
    *fhi = INFINITY;
    if (!isnan(at_least))
        *flo = fmax(*flo, at_least);
    if (has_between) {
        *flo = fmax(*flo, between_lo);
        *fhi = between_hi;
    }
    if (!isnan(below))
        *fhi = below;
    return *flo < *fhi ? 0 : -1;
}

int stats_claim_region(const char *expect, double at_least, double below, double between_lo,
                       double between_hi, double noise, double *region_lo, double *region_hi)
{
    if (!expect || !region_lo || !region_hi || !isfinite(noise) || noise < 0.0)
        return -1;
    int dir = claim_direction(expect);
    if (dir == 2)
        return -1;
    if (dir == 0) {
        if (!isnan(at_least) || !isnan(below) || !isnan(between_lo) || !isnan(between_hi))
            return -1;
        *region_lo = 1.0 / (1.0 + noise);
        *region_hi = 1.0 + noise;
        return 0;
    }
    double flo, fhi;
    if (factor_region(at_least, below, between_lo, between_hi, noise, &flo, &fhi) < 0)
        return -1;
    /* ratio = f for +1, 1 / f for -1 (1 / INFINITY = 0). */
    *region_lo = dir > 0 ? flo : 1.0 / fhi;
    *region_hi = dir > 0 ? fhi : 1.0 / flo;
    return 0;
}
