/* compare.h: the verdict of `gluebench compare` on one point measured in
 * two run folders.
 *
 * This module owns the rule that turns two measurements into "same",
 * "faster" or "slower".  compare_point judges the samples alone (the ratio
 * of the medians must leave the noise band and the Mann-Whitney test must
 * reject "same distribution"); compare_intervals judges the two-level 95%
 * intervals of summary.csv (between processes, then samples), which is the
 * rule `gluebench compare` uses: on a machine where one process runs 1.4x
 * slower than the next, samples within a process are no evidence of a
 * difference between runs.  It is pure:
 * no files, no state; verb_compare.c reads the folders and prints.
 */
#ifndef GB_COMPARE_H
#define GB_COMPARE_H

#define COMPARE_ALPHA 0.05   /* p below this is a real difference */
#define COMPARE_THRESHOLD 0.01   /* the default noise band around a ratio of 1 */

typedef enum { COMPARE_SAME, COMPARE_FASTER, COMPARE_SLOWER } compare_verdict;

typedef struct compare_result {
    double a_ns, b_ns;        /* median ns per call in A and in B */
    double ratio;             /* b_ns / a_ns: above 1 means B is slower */
    double lo, hi;            /* its 95% interval (compare_intervals; NAN otherwise) */
    double p;                 /* Mann-Whitney p-value of A's samples against B's */
    compare_verdict verdict;
} compare_result;

/* "same" when |ratio - 1| < threshold or p >= COMPARE_ALPHA (or either is
 * NaN: no evidence is no change); else "faster" when ratio < 1, "slower"
 * when ratio > 1. */
compare_verdict compare_judge(double ratio, double p, double threshold);

/* "same", "faster", "slower". */
const char *compare_verdict_name(compare_verdict v);

/* Fills *out from the medians a_ns and b_ns (times, > 0) and the samples
 * a[0..na) and b[0..nb) (ns per call): ratio, p and verdict.  With no
 * samples on a side p is 1 (no evidence).  Returns 0, or -1 with *out
 * untouched when a median is not finite and > 0 or the test fails
 * (allocation). */
int compare_point(double a_ns, double b_ns, const double *a, int na, const double *b, int nb,
                  double threshold, compare_result *out);

/* The ratio B/A of two medians with 95% intervals [a_lo, a_hi] and
 * [b_lo, b_hi] from independent runs: on the log scale the half-widths add
 * in quadrature.  "slower" when the whole interval lies above 1 +
 * threshold, "faster" when it lies below 1 - threshold, else "same".
 * Returns 0, or -1 with *out untouched when a value is not finite and > 0
 * or an interval does not hold its median. */
int compare_intervals(double a, double a_lo, double a_hi, double b, double b_lo, double b_hi,
                      double threshold, compare_result *out);

/* 1 when r counts against --fail-above: judged slower and ratio > factor. */
int compare_regressed(const compare_result *r, double factor);

#endif
