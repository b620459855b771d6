/* stats_fit.c: which growth law t(n) the measurements support.
 *
 * Each kind is fitted as t = a + b * f(n) with a fixed cost a >= 0 and
 * b >= 0, by least squares on log t: timing noise is multiplicative (a 15%
 * wobble at n = 10 and at n = 1e6 alike), so an unweighted fit on t would
 * let the largest n decide alone.  Writing a = b * c, the fit for a fixed c
 * has the closed form log b = mean(log t - log(c + f)), which leaves a
 * one-dimensional search over c >= 0 (a log grid, then golden section).
 * The kinds are then compared by AICc, simplest first, so that a more
 * complex law must earn its place: a linear loop is not O(n log n) just
 * because the extra curvature soaks up some noise.
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>

#define FIT_TIE_AICC 2.0       /* AICc difference the data must beat */
#define FIT_GRID_PER_DECADE 4  /* grid points per decade of c */
#define FIT_GRID_DECADES 4.0   /* c from 1e-4 * min f to 1e4 * max f */
#define FIT_GOLDEN_STEPS 40

const char *stats_fit_name(stats_fit_kind kind)
{
    static const char *const names[STATS_FIT_COUNT] = {
        "O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)",
    };
    if ((int)kind < 0 || kind >= STATS_FIT_COUNT)
        return "?";
    return names[kind];
}

static double fit_f(stats_fit_kind kind, double n)
{
    switch (kind) {
    case STATS_O1: return 1.0;
    case STATS_OLOGN: return log2(n);
    case STATS_ON: return n;
    case STATS_ONLOGN: return n * log2(n);
    case STATS_ON2: return n * n;
    default: return NAN;
    }
}

/* The points, with log t precomputed. */
typedef struct fit_data {
    const double *n, *t;
    double *logt;
    int k;
} fit_data;

/* One kind's fit for t = b * (c + f(n)). */
typedef struct fit_result { double c, logb, rss; } fit_result;

/* Best log b and the residual sum of squares on log t for a fixed c; rss is
 * INFINITY when c + f(n) <= 0 at some point (log n at n = 1 with c = 0). */
static fit_result fit_at(const fit_data *d, stats_fit_kind kind, double c)
{
    fit_result r = {c, 0.0, INFINITY};
    double sum = 0.0, rss = 0.0;
    for (int i = 0; i < d->k; i++) {
        double g = c + fit_f(kind, d->n[i]);
        if (!(g > 0.0))
            return r;
        sum += d->logt[i] - log(g);
    }
    r.logb = sum / d->k;
    for (int i = 0; i < d->k; i++) {
        double e = d->logt[i] - log(c + fit_f(kind, d->n[i])) - r.logb;
        rss += e * e;
    }
    r.rss = rss;
    return r;
}

/* Golden-section search of rss over log c in [lo, hi]. */
static fit_result fit_refine(const fit_data *d, stats_fit_kind kind, double lo, double hi)
{
    const double phi = 0.6180339887498949;
    double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
    fit_result r1 = fit_at(d, kind, exp(x1)), r2 = fit_at(d, kind, exp(x2));
    for (int s = 0; s < FIT_GOLDEN_STEPS; s++) {
        if (r1.rss <= r2.rss) {
            hi = x2, x2 = x1, r2 = r1;
            x1 = hi - phi * (hi - lo);
            r1 = fit_at(d, kind, exp(x1));
        } else {
            lo = x1, x1 = x2, r1 = r2;
            x2 = lo + phi * (hi - lo);
            r2 = fit_at(d, kind, exp(x2));
        }
    }
    return r1.rss <= r2.rss ? r1 : r2;
}

/* The least-squares fit of kind (not O(1)) over c >= 0: c = 0, then a log
 * grid of c spanning the range of f and beyond, refined around its best. */
static fit_result fit_kind(const fit_data *d, stats_fit_kind kind)
{
    double fmin = INFINITY, fmax = 0.0;
    for (int i = 0; i < d->k; i++) {
        double f = fit_f(kind, d->n[i]);
        fmax = fmax > f ? fmax : f;
        if (f > 0.0)
            fmin = fmin < f ? fmin : f;
    }
    fit_result best = fit_at(d, kind, 0.0);
    if (!(fmax > 0.0))
        return best; /* f == 0 everywhere: only c can fit, and O(1) does that */
    double lo = log(fmin) - FIT_GRID_DECADES * log(10.0);
    double hi = log(fmax) + FIT_GRID_DECADES * log(10.0);
    double step = log(10.0) / FIT_GRID_PER_DECADE;
    int steps = (int)ceil((hi - lo) / step), at = -1;
    for (int j = 0; j <= steps; j++) {
        fit_result r = fit_at(d, kind, exp(lo + j * step));
        if (r.rss < best.rss)
            best = r, at = j;
    }
    if (at < 0)
        return best;
    fit_result refined = fit_refine(d, kind, lo + (at - 1) * step, lo + (at + 1) * step);
    return refined.rss < best.rss ? refined : best;
}

/* t = exp(mean log t): the constant fit. */
static fit_result fit_const(const fit_data *d)
{
    fit_result r = {0.0, 0.0, 0.0};
    for (int i = 0; i < d->k; i++)
        r.logb += d->logt[i] / d->k;
    for (int i = 0; i < d->k; i++)
        r.rss += (d->logt[i] - r.logb) * (d->logt[i] - r.logb);
    return r;
}

/* AICc of a Gaussian fit on log t with `params` fitted coefficients plus the
 * noise variance; plain AIC when the correction's denominator would not be
 * positive for the two-coefficient kinds (k < 5), so that every kind is
 * scored alike.  A perfect fit is floored at a residual of 1e-10 per point
 * (log of zero otherwise). */
static double fit_aicc(double rss, int k, int params)
{
    int K = params + 1;
    double aic = k * log(fmax(rss, k * 1e-20) / k) + 2.0 * K;
    if (k >= 5)
        aic += 2.0 * K * (K + 1.0) / (k - K - 1.0);
    return aic;
}

/* RMS of (t - fit) / fit. */
static double fit_rel_rms(const fit_data *d, stats_fit_kind kind, double a, double b)
{
    double sq = 0.0;
    for (int i = 0; i < d->k; i++) {
        double fit = a + b * (kind == STATS_O1 ? 0.0 : fit_f(kind, d->n[i]));
        sq += (d->t[i] / fit - 1.0) * (d->t[i] / fit - 1.0);
    }
    return sqrt(sq / d->k);
}

/* Checks the points and fills d (d->logt allocated: free it); -1 on bad
 * points or allocation failure. */
static int fit_data_init(fit_data *d, const double *n, const double *t, int k)
{
    if (!n || !t || k < 3)
        return -1;
    for (int i = 0; i < k; i++)
        if (!(n[i] > 0.0) || !isfinite(n[i]) || !(t[i] > 0.0) || !isfinite(t[i]))
            return -1;
    d->logt = malloc((size_t)k * sizeof *d->logt);
    if (!d->logt)
        return -1;
    for (int i = 0; i < k; i++)
        d->logt[i] = log(t[i]);
    d->n = n, d->t = t, d->k = k;
    return 0;
}

int stats_fit_select(const double *n, const double *t, int k, stats_fit_choice *out)
{
    fit_data d;
    if (!out || fit_data_init(&d, n, t, k) < 0)
        return -1;
    fit_result fits[STATS_FIT_COUNT];
    double aicc[STATS_FIT_COUNT];
    int best = STATS_O1;
    for (int kind = 0; kind < STATS_FIT_COUNT; kind++) {
        fits[kind] = kind == STATS_O1 ? fit_const(&d) : fit_kind(&d, (stats_fit_kind)kind);
        aicc[kind] = fit_aicc(fits[kind].rss, k, kind == STATS_O1 ? 1 : 2);
        if (aicc[kind] < aicc[best] - FIT_TIE_AICC)
            best = kind; /* beats the simpler choice beyond the noise */
    }
    out->best = (stats_fit_kind)best;
    out->b = best == STATS_O1 ? 0.0 : exp(fits[best].logb);
    out->a = best == STATS_O1 ? exp(fits[best].logb) : out->b * fits[best].c;
    out->rel_rms = fit_rel_rms(&d, out->best, out->a, out->b);
    out->tied_mask = 0;
    for (int kind = 0; kind < STATS_FIT_COUNT; kind++)
        if (kind != best && aicc[kind] <= aicc[best] + FIT_TIE_AICC)
            out->tied_mask |= 1u << kind;
    free(d.logt);
    return 0;
}

int stats_fit_complexity(const double *n, const double *t, int k, stats_fit_kind *best, double *coef,
                         double *rms)
{
    stats_fit_choice c;
    if (!best || !coef || !rms || stats_fit_select(n, t, k, &c) < 0)
        return -1;
    *best = c.best;
    *coef = c.best == STATS_O1 ? c.a : c.b;
    *rms = c.rel_rms;
    return (int)c.best;
}
