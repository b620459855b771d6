/* costmodel.h: each variant's time as a fixed cost plus a per-item cost,
 * t = a + b * n over a scenario's items sweep, and the crossover n where
 * one variant overtakes another, with 95% intervals from a bootstrap over
 * worker processes.
 *
 * The fit weighs every point by 1 / t^2 (relative errors: a point at n =
 * 10 counts as much as one at n = 1e6).  A bootstrap draw resamples, at
 * every point, the worker processes (rounds) with replacement and takes
 * the median of their per-process medians; the same round indices serve
 * both variants of a pair, since a round ran them side by side. */
#ifndef GB_COSTMODEL_H
#define GB_COSTMODEL_H

#include "rundir.h"

#define COSTMODEL_MAX_POINTS 64

/* One variant's per-process medians along the items slice. */
typedef struct gb_series {
    int count;                              /* points */
    double n[COSTMODEL_MAX_POINTS];         /* items per call */
    int point[COSTMODEL_MAX_POINTS];
    int rounds[COSTMODEL_MAX_POINTS];
    double med[COSTMODEL_MAX_POINTS][GB_MAX_ROUNDS];   /* ns per call, per round */
    int round_id[COSTMODEL_MAX_POINTS][GB_MAX_ROUNDS];
} gb_series;

typedef struct gb_costmodel {
    double a, a_lo, a_hi;   /* fixed ns per call */
    double b, b_lo, b_hi;   /* ns per item */
    double n_min, n_max;    /* the measured range */
    int points;
} gb_costmodel;

typedef enum { CROSS_AT, CROSS_NONE_IN_RANGE, CROSS_UNDECIDED } gb_cross_kind;

/* Where `slow_small` (cheaper for few items) and the other meet. */
typedef struct gb_crossover {
    gb_cross_kind kind;
    double n, lo, hi;       /* CROSS_AT: the crossover and its interval */
    double share_in_range;  /* the draws that cross inside the measured range */
} gb_crossover;

/* The series of variant v of m along its items parameter (the other
 * parameters at their value at the last point).  Returns the number of
 * points (0 when m has no items parameter or v has < 3 ok points). */
int costmodel_series(const gb_rundir *rd, const gb_manifest *m, const char *variant, gb_series *s);

/* Fits s; returns 0, or -1 with fewer than 3 points. */
int costmodel_fit(const gb_series *s, uint64_t seed, gb_costmodel *out);

/* The crossover of two series over the points both have; returns 0, or
 * -1 with fewer than 3 common points. */
int costmodel_crossover(const gb_series *u, const gb_series *w, uint64_t seed, gb_crossover *out);

#endif
