/* stats.h: the numbers the harness states about timing samples.
 *
 * This module owns every statistic the harness reports: summaries of one
 * variant's samples (median with a bootstrap interval, spread, Tukey outlier
 * counts), ratios between two variants with their intervals, the
 * Mann-Whitney test (stats.c); intervals across worker processes, the
 * between-process share and the adaptive-rounds rule (stats_hier.c); the
 * verdict of a finding (stats_judge.c); and the complexity fit of time
 * against size (stats_fit.c).
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

/* The older interface to stats_fit_select, kept for its callers: *best is
 * the chosen kind, *coef its growth coefficient b (for O(1), the constant
 * a), *rms its rel_rms; returns *best.  Returns -1 with the outputs
 * untouched when a pointer is NULL or stats_fit_select fails (k < 3, some
 * n[i] or t[i] not finite and > 0, allocation failure).  Unlike the
 * least-squares fit without intercept it replaced, it allows a fixed cost
 * and weighs every point by its relative error. */
int stats_fit_complexity(const double *n, const double *t, int k, stats_fit_kind *best, double *coef,
                         double *rms);

/* ---- Between-process variance (stats_hier.c) ------------------------------
 *
 * On a small VM the spread between worker processes dominates: one process
 * can run 1.4x slower than the next for its whole life.  Samples from one
 * process are therefore not independent draws, and an interval that treats
 * R rounds x S samples as R*S independent values is far too narrow.  These
 * functions treat each worker process (round) as a group. */

/* One group per worker process (round): values[g][0..sizes[g]). */
typedef struct stats_groups {
    int count;
    const double *const *values;
    const int *sizes;
} stats_groups;

typedef struct stats_interval {
    double estimate, lo, hi;
} stats_interval;

/* Median of all values pooled, with a 95% interval that accounts for
 * between-process variance.  A two-level bootstrap: each of `resamples`
 * (>= 2) draws picks g->count groups with replacement, each bringing its
 * own values (the second level without replacement: resampling values
 * within a group again would count within-process noise twice), and takes
 * the median of the pooled draw.  Small-sample correction: the interval is
 * exp(log estimate +- t * se), where se is the standard deviation of the
 * log medians over the draws times sqrt(G / (G - 1)) (G = number of groups)
 * and t is Student's 97.5% quantile with G - 1 degrees of freedom (4.30 for
 * 3 groups, 12.7 for 2), so coverage stays near 95% with 3 processes (0.93
 * to 0.97 measured on simulated rounds, tests/unit/test_stats_hier.c).  One
 * group cannot show between-process variance: then lo = 0, hi = INFINITY.  Every value
 * must be finite and > 0.  Returns 0; on a NULL pointer, count < 1, a size
 * < 1, resamples < 2, a bad value or allocation failure returns -1 with *out
 * untouched.  Pure; the draws come from a PRNG seeded by `seed`. */
int stats_hier_median(const stats_groups *g, int resamples, uint64_t seed, stats_interval *out);

/* Ratio median(base) / median(var) of all values, with the same
 * resampling and correction as stats_hier_median on log ratios.  Groups are
 * paired by index (group i of both sides ran in round i), so each draw picks
 * the same round indices for both sides, and noise a round shares cancels.
 * Errors as stats_hier_median, plus base->count != var->count.  One round
 * gives lo = 0, hi = INFINITY. */
int stats_hier_ratio(const stats_groups *base, const stats_groups *var, int resamples, uint64_t seed,
                     stats_interval *out);

/* The share of variance between groups: a one-way random-effects ANOVA
 * estimate on log values, sigma_b^2 / (sigma_b^2 + sigma_w^2) with the
 * method-of-moments sigma_b^2 = (MSB - MSW) / n0 (n0 the usual size for
 * unequal groups), clamped to [0, 1].  0 when every value is equal.  NAN
 * with fewer than 2 groups, when no group has 2 values (no within-group
 * variance), on a NULL pointer, a size < 1 or a value not finite and > 0. */
double stats_process_share(const stats_groups *g);

/* (hi - lo) / (2 * estimate); NAN for NULL or estimate not > 0, INFINITY
 * when hi is infinite. */
double stats_rel_halfwidth(const stats_interval *iv);

/* ---- Adaptive rounds ------------------------------------------------------ */

typedef struct stats_stop_rule {
    double target_rel_halfwidth; /* stop once every interval is this tight */
    int min_rounds, max_rounds;  /* always run min_rounds; never exceed max_rounds */
    double budget_s;             /* wall-time budget of the point (INFINITY: none) */
} stats_stop_rule;

typedef enum { STATS_GO_ON, STATS_STOP_MET, STATS_STOP_BUDGET, STATS_STOP_CAP } stats_stop;

/* Should the runner add another round of fresh processes?  In this order:
 * STATS_STOP_CAP once rounds_done >= max_rounds (also for a NULL rule);
 * STATS_GO_ON while rounds_done < min_rounds (the budget only limits extra
 * rounds); STATS_STOP_MET when worst_rel_halfwidth <= target (a NAN width is
 * never met); STATS_STOP_BUDGET when another round would end past the budget
 * (elapsed_s + seconds_per_round > budget_s; a NAN estimate counts as past);
 * else STATS_GO_ON. */
stats_stop stats_stop_check(const stats_stop_rule *r, int rounds_done, double worst_rel_halfwidth,
                            double elapsed_s, double seconds_per_round);

/* ---- Judging findings (stats_judge.c) ------------------------------------- */

typedef enum { STATS_CONFIRMED, STATS_CONTRADICTED, STATS_UNDECIDED } stats_verdict;

/* The claim is the closed region [region_lo, region_hi] on the ratio axis
 * (either end may be +-INFINITY).  CONFIRMED when the interval [lo, hi] lies
 * inside it, CONTRADICTED when the interval lies wholly outside it, else
 * (overlap, or a NAN or reversed interval or region) UNDECIDED. */
stats_verdict stats_judge(double lo, double hi, double region_lo, double region_hi);

/* "confirmed", "contradicted", "undecided"; "?" for any other value. */
const char *stats_verdict_name(stats_verdict v);

/* The claim's region on the axis ratio = value(than) / value(variant).
 * expect: "faster" or "lower" (the variant's value is lower: ratio > 1),
 * "slower" or "higher" (ratio < 1), "same".  The factor in the expected
 * direction is f = ratio for faster/lower and f = 1 / ratio for
 * slower/higher; the claim is f > 1 + noise, narrowed by the optional
 * bounds (NAN = unset): at_least (f >= X), below (f <= X), between_lo
 * and between_hi (both or neither; lo <= f <= hi).  Regions are closed.  "same" is
 * f within [1 / (1 + noise), 1 + noise] and takes no bound.  Returns 0 and
 * fills both ends; returns -1, outputs untouched, on a NULL or unknown
 * expect, a NULL output, noise not finite and >= 0, a bound not finite and
 * >= 1, between with one end only or lo > hi, between together with
 * at_least or below, or an empty region (e.g. below <= 1 + noise). */
int stats_claim_region(const char *expect, double at_least, double below, double between_lo,
                       double between_hi, double noise, double *region_lo, double *region_hi);

/* ---- Complexity model selection (stats_fit.c) ----------------------------- */

typedef struct stats_fit_choice {
    stats_fit_kind best;
    double a, b;         /* t = a + b * f(n), log base 2; O(1): a = the constant, b = 0 */
    double rel_rms;      /* RMS of (t - fit) / fit over the points */
    unsigned tied_mask;  /* bit k: kind k indistinguishable from best (best's own bit clear) */
} stats_fit_choice;

/* Fit t = a + b * f(n) with a, b >= 0 for each kind, by least squares on
 * log t (multiplicative noise: every point weighs by its relative error),
 * and score each fit by AICc (plain AIC when there are too few points for
 * the correction, k < 5).  Kinds are tried from O(1) up; a more complex
 * kind replaces the current choice only when its score is lower by more
 * than 2 (Burnham and Anderson's "substantial support").  tied_mask marks
 * the other kinds within 2 of the chosen one: the data cannot tell them
 * apart.  Returns 0; returns -1 with *out untouched when k < 3, a pointer
 * is NULL, some n[i] or t[i] is not finite and > 0, or allocation fails. */
int stats_fit_select(const double *n, const double *t, int k, stats_fit_choice *out);

#endif
