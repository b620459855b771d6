/* test_stats.c: the statistics module against hand-computed answers.
 *
 * Expected quantiles were worked by hand and confirmed with numpy.quantile
 * (its default method is type 7); Mann-Whitney p-values come from a separate
 * Python script that counts U pair by pair (not by ranks) and applies the
 * normal approximation with tie and continuity corrections.
 */
#include "gbtest.h"
#include "stats.h"

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

GB_TEST(stats_median_odd)
{
    double xs[] = {5, 1, 3};
    CHECK(stats_median(xs, 3) == 3.0);
    CHECK(xs[0] == 5 && xs[1] == 1 && xs[2] == 3); /* input untouched */
}

GB_TEST(stats_median_even)
{
    double xs[] = {4, 1, 3, 2};
    CHECK(stats_median(xs, 4) == 2.5);
    CHECK(xs[0] == 4 && xs[3] == 2);
}

GB_TEST(stats_median_bad_input)
{
    double xs[] = {1};
    CHECK(isnan(stats_median(xs, 0)));
    CHECK(isnan(stats_median(NULL, 1)));
}

GB_TEST(stats_quantile_type7)
{
    /* h = (n-1)q; 0.3 -> h 0.9 -> 1 + 0.9*2 = 2.8; 0.75 -> h 2.25 -> 7 + 0.25*8 = 9 */
    double xs[] = {1, 3, 7, 15};
    CHECK_NEAR(stats_quantile_sorted(xs, 4, 0.0), 1.0, 1e-12);
    CHECK_NEAR(stats_quantile_sorted(xs, 4, 0.3), 2.8, 1e-12);
    CHECK_NEAR(stats_quantile_sorted(xs, 4, 0.5), 5.0, 1e-12);
    CHECK_NEAR(stats_quantile_sorted(xs, 4, 0.75), 9.0, 1e-12);
    CHECK_NEAR(stats_quantile_sorted(xs, 4, 1.0), 15.0, 1e-12);
    double ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK_NEAR(stats_quantile_sorted(ten, 10, 0.25), 3.25, 1e-12);
    CHECK_NEAR(stats_quantile_sorted(ten, 10, 0.9), 9.1, 1e-12);
}

GB_TEST(stats_quantile_edges)
{
    double one[] = {42};
    CHECK(stats_quantile_sorted(one, 1, 0.3) == 42.0);
    double xs[] = {1, 3};
    CHECK(stats_quantile_sorted(xs, 2, -1.0) == 1.0); /* clamped */
    CHECK(stats_quantile_sorted(xs, 2, 2.0) == 3.0);
    CHECK(isnan(stats_quantile_sorted(xs, 0, 0.5)));
}

GB_TEST(stats_summary_moments)
{
    /* mean 5, squared deviations sum to 32, stdev sqrt(32/7) */
    double xs[] = {2, 4, 4, 4, 5, 5, 7, 9};
    stats_summary s;
    CHECK(stats_summarize(xs, N_OF(xs), 500, 1, &s) == 0);
    CHECK(s.n == 8);
    CHECK_NEAR(s.mean, 5.0, 1e-12);
    CHECK_NEAR(s.stdev, sqrt(32.0 / 7.0), 1e-12);
    CHECK_NEAR(s.cv, sqrt(32.0 / 7.0) / 5.0, 1e-12);
    CHECK(s.min == 2.0 && s.max == 9.0);
    CHECK_NEAR(s.median, 4.5, 1e-12);
    CHECK_NEAR(s.q1, 4.0, 1e-12);  /* h = 1.75 between 4 and 4 */
    CHECK_NEAR(s.q3, 5.5, 1e-12);  /* h = 5.25: 5 + 0.25 * 2 */
}

GB_TEST(stats_summary_cv_zero_mean)
{
    double xs[] = {-1, 1};
    stats_summary s;
    CHECK(stats_summarize(xs, 2, 100, 1, &s) == 0);
    CHECK(s.cv == 0.0);
    CHECK_NEAR(s.stdev, sqrt(2.0), 1e-12);
}

GB_TEST(stats_summary_tukey)
{
    /* sorted: -20 0 10..20 30 60; q1 = 11.5, q3 = 18.5, IQR 7:
       mild fences 1 and 29, severe fences -9.5 and 39.5 */
    double xs[] = {15, 10, 60, 11, 12, 0, 13, 14, 16, 17, 30, 18, 19, 20, -20};
    stats_summary s;
    CHECK(stats_summarize(xs, N_OF(xs), 200, 7, &s) == 0);
    CHECK_NEAR(s.q1, 11.5, 1e-12);
    CHECK_NEAR(s.q3, 18.5, 1e-12);
    CHECK(s.outliers_low == 2);
    CHECK(s.outliers_high == 2);
    CHECK(s.severe_outliers == 2);
}

GB_TEST(stats_summary_no_outliers)
{
    double xs[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    stats_summary s;
    CHECK(stats_summarize(xs, N_OF(xs), 200, 7, &s) == 0);
    CHECK(s.outliers_low == 0 && s.outliers_high == 0 && s.severe_outliers == 0);
}

GB_TEST(stats_bootstrap_contains_median)
{
    double xs[] = {103, 98, 120, 101, 99, 100, 97, 150, 102, 100, 105, 96, 99, 101, 104};
    stats_summary s;
    CHECK(stats_summarize(xs, N_OF(xs), 2000, 42, &s) == 0);
    CHECK(s.lo <= s.median && s.median <= s.hi);
    CHECK(s.lo < s.hi);
    CHECK(s.lo >= s.min && s.hi <= s.max);
}

GB_TEST(stats_bootstrap_constant_degenerate)
{
    double xs[] = {7, 7, 7, 7, 7, 7};
    stats_summary s;
    CHECK(stats_summarize(xs, N_OF(xs), 2000, 3, &s) == 0);
    CHECK(s.median == 7.0 && s.lo == 7.0 && s.hi == 7.0);
    CHECK(s.stdev == 0.0 && s.cv == 0.0);
    CHECK(s.outliers_low == 0 && s.outliers_high == 0);
}

GB_TEST(stats_bootstrap_reproducible)
{
    double xs[] = {5.1, 4.9, 5.6, 5.0, 7.2, 4.8, 5.3, 5.2, 6.0, 4.7, 5.5};
    stats_summary a, b, c;
    CHECK(stats_summarize(xs, N_OF(xs), 2000, 99, &a) == 0);
    CHECK(stats_summarize(xs, N_OF(xs), 2000, 99, &b) == 0);
    CHECK(stats_summarize(xs, N_OF(xs), 2000, 100, &c) == 0);
    CHECK(a.lo == b.lo && a.hi == b.hi);
    CHECK(c.lo <= c.median && c.median <= c.hi);
}

GB_TEST(stats_summary_single_sample)
{
    double xs[] = {3.5};
    stats_summary s;
    CHECK(stats_summarize(xs, 1, 2000, 1, &s) == 0);
    CHECK(s.median == 3.5 && s.lo == 3.5 && s.hi == 3.5);
    CHECK(s.stdev == 0.0 && s.q1 == 3.5 && s.q3 == 3.5);
}

GB_TEST(stats_summary_bad_input)
{
    double xs[] = {1, 2};
    stats_summary s;
    CHECK(stats_summarize(xs, 0, 100, 1, &s) == -1);
    CHECK(stats_summarize(NULL, 2, 100, 1, &s) == -1);
    CHECK(stats_summarize(xs, 2, 0, 1, &s) == -1);
    CHECK(stats_summarize(xs, 2, 100, 1, NULL) == -1);
}

GB_TEST(stats_ratio_paired_identical)
{
    double xs[] = {10, 12, 11, 30, 9, 10.5, 11.5, 10};
    double r, lo, hi;
    CHECK(stats_ratio_paired(xs, xs, N_OF(xs), 2000, 5, &r, &lo, &hi) == 0);
    CHECK(r == 1.0 && lo == 1.0 && hi == 1.0);
}

GB_TEST(stats_ratio_paired_doubled)
{
    double var[] = {10, 12, 11, 30, 9, 10.5, 11.5, 10};
    double base[N_OF(var)];
    for (int i = 0; i < N_OF(var); i++)
        base[i] = 2.0 * var[i];
    double r, lo, hi;
    CHECK(stats_ratio_paired(base, var, N_OF(var), 2000, 5, &r, &lo, &hi) == 0);
    CHECK_NEAR(r, 2.0, 1e-12);
    CHECK_NEAR(lo, 2.0, 1e-12);
    CHECK_NEAR(hi, 2.0, 1e-12);
}

/* Round-to-round noise (a slow round slows both sides) cancels when paired
 * but widens the interval when the rounds are ignored. */
GB_TEST(stats_ratio_pairing_cancels_round_noise)
{
    double round[] = {1.0, 1.9, 1.2, 3.1, 0.8, 2.4, 1.5, 2.9, 1.1, 2.0};
    double base[N_OF(round)], var[N_OF(round)];
    for (int i = 0; i < N_OF(round); i++) {
        base[i] = 300.0 * round[i];
        var[i] = 100.0 * round[i];
    }
    double r, lo, hi, ur, ulo, uhi;
    CHECK(stats_ratio_paired(base, var, N_OF(round), 2000, 11, &r, &lo, &hi) == 0);
    CHECK(stats_ratio_unpaired(base, N_OF(round), var, N_OF(round), 2000, 11, &ur, &ulo, &uhi) == 0);
    CHECK_NEAR(r, 3.0, 1e-12);
    CHECK_NEAR(ur, 3.0, 1e-12);
    CHECK(hi - lo < 1e-9);
    CHECK(uhi - ulo > 0.5);
    CHECK(ulo <= ur && ur <= uhi);
}

GB_TEST(stats_ratio_unpaired_constant)
{
    double base[] = {10, 10, 10, 10, 10};
    double var[] = {5, 5, 5, 5, 5, 5, 5};
    double r, lo, hi;
    CHECK(stats_ratio_unpaired(base, 5, var, 7, 500, 2, &r, &lo, &hi) == 0);
    CHECK(r == 2.0 && lo == 2.0 && hi == 2.0);
}

GB_TEST(stats_ratio_reproducible)
{
    double base[] = {20, 22, 19, 25, 21, 20.5, 23};
    double var[] = {10, 9, 12, 10.5, 11, 9.5, 10};
    double r1, lo1, hi1, r2, lo2, hi2;
    CHECK(stats_ratio_unpaired(base, 7, var, 7, 1000, 8, &r1, &lo1, &hi1) == 0);
    CHECK(stats_ratio_unpaired(base, 7, var, 7, 1000, 8, &r2, &lo2, &hi2) == 0);
    CHECK(r1 == r2 && lo1 == lo2 && hi1 == hi2);
    CHECK(lo1 <= r1 && r1 <= hi1);
}

GB_TEST(stats_ratio_bad_input)
{
    double ok[] = {1, 2, 3}, zero[] = {1, 0, 3};
    double r = -7, lo = -7, hi = -7;
    CHECK(stats_ratio_paired(ok, ok, 0, 100, 1, &r, &lo, &hi) == -1);
    CHECK(stats_ratio_paired(ok, zero, 3, 100, 1, &r, &lo, &hi) == -1);
    CHECK(stats_ratio_paired(ok, ok, 3, 0, 1, &r, &lo, &hi) == -1);
    CHECK(stats_ratio_paired(ok, ok, 3, 100, 1, NULL, &lo, &hi) == -1);
    CHECK(stats_ratio_unpaired(ok, 3, ok, 0, 100, 1, &r, &lo, &hi) == -1);
    CHECK(stats_ratio_unpaired(zero, 3, ok, 3, 100, 1, &r, &lo, &hi) == -1);
    CHECK(r == -7 && lo == -7 && hi == -7); /* outputs untouched */
}

GB_TEST(stats_mann_whitney_separated)
{
    /* U = 0, z = (12.5 - 0.5) / sqrt(25 * 11 / 12); script: p = 0.012185780355344818 */
    double a[] = {1, 2, 3, 4, 5}, b[] = {6, 7, 8, 9, 10};
    double u;
    CHECK_NEAR(stats_mann_whitney(a, 5, b, 5, &u), 0.012185780355344818, 1e-12);
    CHECK(u == 0.0);
    CHECK_NEAR(stats_mann_whitney(b, 5, a, 5, &u), 0.012185780355344818, 1e-12);
    CHECK(u == 25.0);
}

GB_TEST(stats_mann_whitney_ties)
{
    /* script: U = 8.5, p = 0.08388222384935276 (tie groups {2,2,2}, {5,5}, {9,9}) */
    double a[] = {1, 2, 2, 3, 5, 7}, b[] = {2, 4, 5, 6, 8, 9, 9};
    double u;
    CHECK_NEAR(stats_mann_whitney(a, 6, b, 7, &u), 0.08388222384935276, 1e-12);
    CHECK_NEAR(u, 8.5, 1e-12);
}

GB_TEST(stats_mann_whitney_unequal_sizes)
{
    /* script: U = 52, p = 0.006065694720760164 */
    double a[] = {3.1, 2.2, 5.5, 4.0, 2.2, 6.1, 7.3, 3.3};
    double b[] = {1.0, 2.2, 0.5, 3.0, 1.9, 2.1, 2.2};
    double u;
    CHECK_NEAR(stats_mann_whitney(a, 8, b, 7, &u), 0.006065694720760164, 1e-12);
    CHECK_NEAR(u, 52.0, 1e-12);
}

GB_TEST(stats_mann_whitney_no_information)
{
    double a[] = {4, 4, 4}, b[] = {4, 4};
    double u;
    CHECK(stats_mann_whitney(a, 3, b, 2, &u) == 1.0);
    CHECK(u == 3.0); /* every pair a tie: 6 pairs x 1/2 */
    CHECK(stats_mann_whitney(a, 3, b, 0, NULL) == 1.0);
    CHECK(isnan(stats_mann_whitney(NULL, 3, b, 2, &u)));
}

/* Sizes 16 .. 8192 with a deterministic +-3% wobble, like real timings. */
static int fit_points(double (*f)(double), double *n, double *t)
{
    int k = 0;
    for (double x = 16; x <= 8192; x *= 2, k++) {
        n[k] = x;
        t[k] = f(x) * (1.0 + 0.03 * sin(7.0 * k));
    }
    return k;
}

static double f_const(double n) { (void)n; return 250.0; }
static double f_log(double n) { return 40.0 * log2(n); }
static double f_lin(double n) { return 3.0 * n; }
static double f_nlogn(double n) { return 2.0 * n * log2(n); }
static double f_sq(double n) { return 0.5 * n * n; }

static stats_fit_kind fit_kind_of(double (*f)(double), double *coef, double *rms)
{
    double n[16], t[16];
    int k = fit_points(f, n, t);
    stats_fit_kind best = STATS_FIT_COUNT;
    CHECK(stats_fit_complexity(n, t, k, &best, coef, rms) == (int)best);
    return best;
}

GB_TEST(stats_fit_o1)
{
    double c, r;
    CHECK(fit_kind_of(f_const, &c, &r) == STATS_O1);
    CHECK_NEAR(c, 250.0, 250.0 * 0.03);
}

GB_TEST(stats_fit_ologn)
{
    double c, r;
    CHECK(fit_kind_of(f_log, &c, &r) == STATS_OLOGN);
    CHECK_NEAR(c, 40.0, 40.0 * 0.03);
}

GB_TEST(stats_fit_on)
{
    double c, r;
    CHECK(fit_kind_of(f_lin, &c, &r) == STATS_ON);
    CHECK_NEAR(c, 3.0, 3.0 * 0.03);
    CHECK(r < 0.05);
}

GB_TEST(stats_fit_onlogn)
{
    double c, r;
    CHECK(fit_kind_of(f_nlogn, &c, &r) == STATS_ONLOGN);
    CHECK_NEAR(c, 2.0, 2.0 * 0.03);
}

GB_TEST(stats_fit_on2)
{
    double c, r;
    CHECK(fit_kind_of(f_sq, &c, &r) == STATS_ON2);
    CHECK_NEAR(c, 0.5, 0.5 * 0.03);
}

GB_TEST(stats_fit_exact_coefficient)
{
    double n[] = {1, 2, 4, 8}, t[] = {3, 6, 12, 24};
    stats_fit_kind best;
    double c, r;
    CHECK(stats_fit_complexity(n, t, 4, &best, &c, &r) == STATS_ON);
    CHECK(best == STATS_ON);
    CHECK_NEAR(c, 3.0, 1e-12);
    CHECK_NEAR(r, 0.0, 1e-12);
}

GB_TEST(stats_fit_bad_input)
{
    double n[] = {1, 2, 4}, t[] = {1, 2, 4}, neg[] = {1, -2, 4}, zero_t[] = {0, 0, 0};
    stats_fit_kind best = STATS_ON2;
    double c = -1, r = -1;
    CHECK(stats_fit_complexity(n, t, 1, &best, &c, &r) == -1);
    CHECK(stats_fit_complexity(neg, t, 3, &best, &c, &r) == -1);
    CHECK(stats_fit_complexity(n, zero_t, 3, &best, &c, &r) == -1);
    CHECK(stats_fit_complexity(NULL, t, 3, &best, &c, &r) == -1);
    CHECK(best == STATS_ON2 && c == -1 && r == -1);
}

GB_TEST(stats_fit_names)
{
    CHECK(strcmp(stats_fit_name(STATS_O1), "O(1)") == 0);
    CHECK(strcmp(stats_fit_name(STATS_OLOGN), "O(log n)") == 0);
    CHECK(strcmp(stats_fit_name(STATS_ON), "O(n)") == 0);
    CHECK(strcmp(stats_fit_name(STATS_ONLOGN), "O(n log n)") == 0);
    CHECK(strcmp(stats_fit_name(STATS_ON2), "O(n^2)") == 0);
    CHECK(strcmp(stats_fit_name(STATS_FIT_COUNT), "?") == 0);
}
