/* stats.h: the numbers the harness states about timing samples.
 *
 * This module owns every statistic the harness reports: summaries of one
 * variant's samples (median with a bootstrap interval, spread, Tukey outlier
 * counts), ratios between two variants with their intervals, the
 * Mann-Whitney test, and the complexity fit of time against size.
 *
 * All functions are pure: they never modify their inputs, keep no state
 * between calls, and take an explicit seed wherever they draw random numbers,
 * so the same samples and seed always give the same result.  Samples must be
 * finite (NaN sorts last if one slips through, but results are then
 * meaningless).
 */
#ifndef STATS_H
#define STATS_H

#include <stdint.h>

typedef struct stats_summary {
    int n;                  /* samples */
    double median, lo, hi;  /* median and its 95% bootstrap percentile interval */
    double mean, stdev, cv; /* stdev with n - 1 (0 when n == 1); cv = stdev / mean, 0 if mean == 0 */
    double min, max, q1, q3;
    int outliers_low, outliers_high; /* Tukey: below q1 - 1.5 IQR, above q3 + 1.5 IQR (kept, only counted) */
    int severe_outliers;             /* beyond 3 IQR on either side; these are also in the two counts above */
} stats_summary;

typedef enum {
    STATS_O1,
    STATS_OLOGN,
    STATS_ON,
    STATS_ONLOGN,
    STATS_ON2,
    STATS_FIT_COUNT
} stats_fit_kind;

/* Summarise xs[0..n) without modifying it.  The median's interval is the
 * 2.5th and 97.5th percentiles (type 7) of the medians of `resamples`
 * bootstrap resamples drawn with a PRNG seeded by `seed`; n == 1 gives
 * lo = hi = median.  Returns 0; on n < 1, resamples < 1, a NULL pointer or
 * allocation failure returns -1 and leaves *out unspecified. */
int stats_summarize(const double *xs, int n, int resamples, uint64_t seed, stats_summary *out);

/* Median of xs[0..n) (mean of the two middle values when n is even); xs is
 * not modified.  Returns NAN when n < 1, xs is NULL or allocation fails. */
double stats_median(const double *xs, int n);

/* Quantile q (clamped to [0, 1]) of ascending sorted[0..n) by linear
 * interpolation between order statistics: type 7 of Hyndman and Fan, the
 * default of R and numpy.  Returns NAN when n < 1 or sorted is NULL. */
double stats_quantile_sorted(const double *sorted, int n, double q);

/* Ratio median(base) / median(var) of n pairs, where base[i] and var[i] were
 * measured in the same round i.  The 95% interval resamples whole rounds: each
 * of `resamples` draws takes n round indices with replacement and computes
 * the ratio on those rounds, so noise shared by a round cancels.  Every value
 * must be a time: finite and > 0.  Returns 0 and fills *ratio, *lo, *hi; on
 * n < 1, resamples < 1, a NULL pointer, a value that is not finite and > 0,
 * or allocation failure returns -1 and leaves the outputs untouched. */
int stats_ratio_paired(const double *base, const double *var, int n, int resamples, uint64_t seed,
                       double *ratio, double *lo, double *hi);

/* As stats_ratio_paired for independent samples: each resample draws nb
 * values from base and nv from var separately.  Same errors, with nb < 1 or
 * nv < 1 in place of n < 1. */
int stats_ratio_unpaired(const double *base, int nb, const double *var, int nv, int resamples,
                         uint64_t seed, double *ratio, double *lo, double *hi);

/* Two-sided Mann-Whitney U test of a[0..na) against b[0..nb): normal
 * approximation with tie correction and continuity correction.  Returns the
 * p-value in [0, 1] and stores U of a (count of pairs with a > b, ties 1/2)
 * in *u when u is not NULL.  Returns 1.0 when there is no information (na or
 * nb < 1, or every value equal); returns NAN, with *u = NAN, when a or b is
 * NULL with a positive count or allocation fails. */
double stats_mann_whitney(const double *a, int na, const double *b, int nb, double *u);

/* "O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)"; "?" for any other value. */
const char *stats_fit_name(stats_fit_kind kind);

/* Fit t = c * f(n) (least squares, no intercept, log base 2) for each kind
 * and pick the one with the smallest normalised RMS, rms / mean(t); ties go
 * to the simpler kind.  Fills *best, *coef (c of the best kind) and *rms (its
 * normalised RMS) and returns *best.  Returns -1 with the outputs untouched
 * when k < 2, a pointer is NULL, some n[i] is not finite and > 0, some t[i]
 * is not finite, or mean(t) <= 0. */
int stats_fit_complexity(const double *n, const double *t, int k, stats_fit_kind *best, double *coef,
                         double *rms);

#endif
