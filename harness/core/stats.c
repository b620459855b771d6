/* stats.c: summaries, bootstrap intervals, ratios, Mann-Whitney; the PRNG.
 *
 * Bootstrap intervals are percentile intervals: resample, recompute the
 * statistic, take the 2.5th and 97.5th percentiles of the recomputed values.
 * They need no assumption about the shape of timing distributions, which
 * are skewed and often bimodal.  The PRNG lives on the stack of each call and
 * is seeded by the caller, so results are reproducible and calls independent.
 */
#include "stats.h"
#include "stats_rng.h"

#include "gb_prng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define STATS_LO_Q 0.025
#define STATS_HI_Q 0.975

/* splitmix64: the project's one generator (kernels/common/gb_prng.h). */
uint64_t stats_rng_next(stats_rng *r)
{
    gb_rng g = {r->state};
    uint64_t z = gb_rng_next(&g);
    r->state = g.state;
    return z;
}

int stats_rng_below(stats_rng *r, int n)
{
    return (int)(((stats_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double stats_rng_unit(stats_rng *r)
{
    return ((double)(stats_rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

double stats_rng_normal(stats_rng *r)
{
    double u = stats_rng_unit(r), v = stats_rng_unit(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* A total order even with NaN (sorted last): glibc's qsort can misbehave
 * with a comparator that is not a consistent order. */
static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    if (isnan(a) || isnan(b))
        return isnan(a) - isnan(b);
    return (a > b) - (a < b);
}

static void sort_doubles(double *xs, int n)
{
    qsort(xs, (size_t)n, sizeof *xs, cmp_double);
}

static double *copy_doubles(const double *xs, int n)
{
    double *copy = malloc((size_t)n * sizeof *copy);
    if (copy)
        memcpy(copy, xs, (size_t)n * sizeof *copy);
    return copy;
}

/* Median of buf[0..n), sorting buf in place. */
static double median_inplace(double *buf, int n)
{
    sort_doubles(buf, n);
    return stats_quantile_sorted(buf, n, 0.5);
}

double stats_quantile_sorted(const double *sorted, int n, double q)
{
    if (!sorted || n < 1)
        return NAN;
    if (!(q > 0.0))
        q = 0.0; /* also catches NaN */
    if (q > 1.0)
        q = 1.0;
    double h = (n - 1) * q;
    int i = (int)h;
    if (i >= n - 1)
        return sorted[n - 1];
    return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
}

double stats_median(const double *xs, int n)
{
    if (!xs || n < 1)
        return NAN;
    double *buf = copy_doubles(xs, n);
    if (!buf)
        return NAN;
    double m = median_inplace(buf, n);
    free(buf);
    return m;
}

/* The percentile interval of vals[0..m), sorting vals in place. */
static void percentile_interval(double *vals, int m, double *lo, double *hi)
{
    sort_doubles(vals, m);
    *lo = stats_quantile_sorted(vals, m, STATS_LO_Q);
    *hi = stats_quantile_sorted(vals, m, STATS_HI_Q);
}

/* out[0..n) = n draws with replacement from xs[0..n). */
static void resample(const double *xs, int n, stats_rng *r, double *out)
{
    for (int i = 0; i < n; i++)
        out[i] = xs[stats_rng_below(r, n)];
}

/* Bootstrap percentile interval of the median of xs[0..n). */
static int median_interval(const double *xs, int n, int resamples, uint64_t seed, double *lo,
                           double *hi)
{
    int rc = -1;
    stats_rng rng = {seed};
    double *buf = malloc((size_t)n * sizeof *buf);
    double *meds = malloc((size_t)resamples * sizeof *meds);
    if (!buf || !meds)
        goto done;
    for (int r = 0; r < resamples; r++) {
        resample(xs, n, &rng, buf);
        meds[r] = median_inplace(buf, n);
    }
    percentile_interval(meds, resamples, lo, hi);
    rc = 0;
done:
    free(buf);
    free(meds);
    return rc;
}

/* mean and stdev (n - 1 denominator, two passes for accuracy) and cv. */
static void summarize_moments(const double *xs, int n, stats_summary *out)
{
    double sum = 0.0, ss = 0.0;
    for (int i = 0; i < n; i++)
        sum += xs[i];
    out->mean = sum / n;
    for (int i = 0; i < n; i++)
        ss += (xs[i] - out->mean) * (xs[i] - out->mean);
    out->stdev = n > 1 ? sqrt(ss / (n - 1)) : 0.0;
    out->cv = out->mean != 0.0 ? out->stdev / out->mean : 0.0;
}

/* Order statistics and Tukey outlier counts from sorted[0..n). */
static void summarize_order(const double *sorted, int n, stats_summary *out)
{
    out->min = sorted[0];
    out->max = sorted[n - 1];
    out->median = stats_quantile_sorted(sorted, n, 0.5);
    out->q1 = stats_quantile_sorted(sorted, n, 0.25);
    out->q3 = stats_quantile_sorted(sorted, n, 0.75);
    double iqr = out->q3 - out->q1;
    out->outliers_low = out->outliers_high = out->severe_outliers = 0;
    for (int i = 0; i < n; i++) {
        double x = sorted[i];
        out->outliers_low += x < out->q1 - 1.5 * iqr;
        out->outliers_high += x > out->q3 + 1.5 * iqr;
        out->severe_outliers += x < out->q1 - 3.0 * iqr || x > out->q3 + 3.0 * iqr;
    }
}

int stats_summarize(const double *xs, int n, int resamples, uint64_t seed, stats_summary *out)
{
    if (!xs || !out || n < 1 || resamples < 1)
        return -1;
    double *sorted = copy_doubles(xs, n);
    if (!sorted)
        return -1;
    sort_doubles(sorted, n);
    out->n = n;
    summarize_order(sorted, n, out);
    summarize_moments(xs, n, out);
    int rc = median_interval(sorted, n, resamples, seed, &out->lo, &out->hi);
    free(sorted);
    return rc;
}

/* True when every xs[i] is a usable time: finite and > 0. */
static int all_positive(const double *xs, int n)
{
    for (int i = 0; i < n; i++)
        if (!(xs[i] > 0.0) || !isfinite(xs[i]))
            return 0;
    return 1;
}

static int ratio_args_ok(const double *base, int nb, const double *var, int nv, int resamples,
                         const double *ratio, const double *lo, const double *hi)
{
    if (!base || !var || !ratio || !lo || !hi || nb < 1 || nv < 1 || resamples < 1)
        return 0;
    return all_positive(base, nb) && all_positive(var, nv);
}

/* One paired draw: the same n round indices for both sides. */
static void resample_pairs(const double *base, const double *var, int n, stats_rng *r,
                           double *bout, double *vout)
{
    for (int i = 0; i < n; i++) {
        int j = stats_rng_below(r, n);
        bout[i] = base[j];
        vout[i] = var[j];
    }
}

/* Point ratio and bootstrap interval; paired requires nb == nv. */
static int ratio_bootstrap(const double *base, int nb, const double *var, int nv, int paired,
                           int resamples, uint64_t seed, double *ratio, double *lo, double *hi)
{
    int rc = -1;
    stats_rng rng = {seed};
    double *bbuf = copy_doubles(base, nb);
    double *vbuf = copy_doubles(var, nv);
    double *ratios = malloc((size_t)resamples * sizeof *ratios);
    if (!bbuf || !vbuf || !ratios)
        goto done;
    double point = median_inplace(bbuf, nb) / median_inplace(vbuf, nv);
    for (int r = 0; r < resamples; r++) {
        if (paired) {
            resample_pairs(base, var, nb, &rng, bbuf, vbuf);
        } else {
            resample(base, nb, &rng, bbuf);
            resample(var, nv, &rng, vbuf);
        }
        ratios[r] = median_inplace(bbuf, nb) / median_inplace(vbuf, nv);
    }
    percentile_interval(ratios, resamples, lo, hi);
    *ratio = point;
    rc = 0;
done:
    free(bbuf);
    free(vbuf);
    free(ratios);
    return rc;
}

int stats_ratio_paired(const double *base, const double *var, int n, int resamples, uint64_t seed,
                       double *ratio, double *lo, double *hi)
{
    if (!ratio_args_ok(base, n, var, n, resamples, ratio, lo, hi))
        return -1;
    return ratio_bootstrap(base, n, var, n, 1, resamples, seed, ratio, lo, hi);
}

int stats_ratio_unpaired(const double *base, int nb, const double *var, int nv, int resamples,
                         uint64_t seed, double *ratio, double *lo, double *hi)
{
    if (!ratio_args_ok(base, nb, var, nv, resamples, ratio, lo, hi))
        return -1;
    return ratio_bootstrap(base, nb, var, nv, 0, resamples, seed, ratio, lo, hi);
}

typedef struct mw_item { double x; int from_a; } mw_item;

static int cmp_mw_item(const void *pa, const void *pb)
{
    return cmp_double(&((const mw_item *)pa)->x, &((const mw_item *)pb)->x);
}

/* Rank items[0..n) (sorted) with average ranks for ties.  Returns the rank
 * sum of the items from a and stores sum(t^3 - t) over tie groups in *ties. */
static double mw_rank_sum_a(const mw_item *items, int n, double *ties)
{
    double sum_a = 0.0;
    *ties = 0.0;
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && items[j].x == items[i].x)
            j++;
        double t = j - i, rank = (i + 1 + j) / 2.0; /* mean of ranks i+1 .. j */
        for (int k = i; k < j; k++)
            sum_a += items[k].from_a ? rank : 0.0;
        *ties += t * t * t - t;
        i = j;
    }
    return sum_a;
}

/* U of a; NAN on allocation failure. */
static double mw_u(const double *a, int na, const double *b, int nb, double *ties)
{
    int n = na + nb;
    mw_item *items = malloc((size_t)n * sizeof *items);
    if (!items)
        return NAN;
    for (int i = 0; i < na; i++)
        items[i] = (mw_item){a[i], 1};
    for (int i = 0; i < nb; i++)
        items[na + i] = (mw_item){b[i], 0};
    qsort(items, (size_t)n, sizeof *items, cmp_mw_item);
    double u = mw_rank_sum_a(items, n, ties) - na * (na + 1.0) / 2.0;
    free(items);
    return u;
}

/* Two-sided p from U of a: normal approximation, variance reduced for ties,
 * |U - mu| shrunk by 1/2 for continuity.  1.0 when the variance is zero. */
static double mw_p(double ua, int na, int nb, double ties)
{
    double n = (double)na + nb, mu = na * (double)nb / 2.0;
    double var = na * (double)nb / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
    if (!(var > 0.0))
        return 1.0;
    double z = fmax(fabs(ua - mu) - 0.5, 0.0) / sqrt(var);
    return fmin(erfc(z / sqrt(2.0)), 1.0);
}

double stats_mann_whitney(const double *a, int na, const double *b, int nb, double *u)
{
    double ua = 0.0, p = 1.0, ties = 0.0;
    if ((na > 0 && !a) || (nb > 0 && !b)) {
        ua = p = NAN;
    } else if (na > 0 && nb > 0) {
        ua = mw_u(a, na, b, nb, &ties);
        p = isnan(ua) ? NAN : mw_p(ua, na, nb, ties);
    }
    if (u)
        *u = ua;
    return p;
}
