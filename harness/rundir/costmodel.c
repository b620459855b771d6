/* costmodel.c: fixed plus per-item costs, and crossovers (costmodel.h). */
#include "costmodel.h"

#include "gb_prng.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COSTMODEL_DRAWS 1000

/* 1 when summary row r lies on the slice: every parameter but `items` at
 * its value in row `last`. */
static int on_slice(const gb_rundir *rd, const gb_manifest *m, int r, int last)
{
    for (int i = 0; i < m->param_count; i++) {
        long long want, got;
        if (strcmp(m->params[i], m->items) == 0)
            continue;
        if (!rundir_param(rd, last, m->params[i], &want) || !rundir_param(rd, r, m->params[i], &got) ||
            got != want)
            return 0;
    }
    return 1;
}

/* Per-round medians of one summary row's samples into s at index k. */
static void round_medians(const gb_rundir *rd, const gb_manifest *m, const char *variant, int point,
                          gb_series *s, int k)
{
    int first, count;
    double vals[GB_MAX_SAMPLES];
    rundir_samples_of(rd, m->name, variant, point, &first, &count);
    s->rounds[k] = 0;
    for (int i = 0; i < count && s->rounds[k] < GB_MAX_ROUNDS;) {
        int round = atoi(rundir_sample(rd, rd->sample_order[first + i], GB_SAMPLES_ROUND)), n = 0;
        while (i < count && atoi(rundir_sample(rd, rd->sample_order[first + i], GB_SAMPLES_ROUND)) == round) {
            if (n < GB_MAX_SAMPLES)
                vals[n++] = rundir_sample_number(rd, rd->sample_order[first + i], GB_SAMPLES_NS_PER_CALL);
            i++;
        }
        s->round_id[k][s->rounds[k]] = round;
        s->med[k][s->rounds[k]++] = stats_median(vals, n);
    }
}

static int items_param(const gb_manifest *m)
{
    for (int i = 0; i < m->param_count; i++)
        if (strcmp(m->params[i], m->items) == 0)
            return 1;
    return 0;
}

int costmodel_series(const gb_rundir *rd, const gb_manifest *m, const char *variant, gb_series *s)
{
    memset(s, 0, sizeof *s);
    int last = rundir_find(rd, m->name, m->baseline, rundir_last_point(rd, m->name));
    if (!items_param(m) || last < 0)
        return 0;
    for (int r = 0; r < rd->summary.rows && s->count < COSTMODEL_MAX_POINTS; r++) {
        long long n;
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), m->name) ||
            strcmp(rundir_get(rd, r, GB_SUMMARY_VARIANT), variant) || !rundir_is_ok(rd, r) ||
            !on_slice(rd, m, r, last) || !rundir_param(rd, r, m->items, &n) || n < 1)
            continue;
        s->n[s->count] = (double)n;
        s->point[s->count] = rundir_point(rd, r);
        round_medians(rd, m, variant, s->point[s->count], s, s->count);
        s->count += s->rounds[s->count] > 0;
    }
    return s->count >= 3 ? s->count : 0;
}

/* Weighted least squares of t = a + b n, weights 1 / t^2, a and b >= 0. */
static void fit_line(const double *n, const double *t, int k, double *a, double *b)
{
    double S = 0, Sn = 0, Snn = 0, St = 0, Snt = 0;
    for (int i = 0; i < k; i++) {
        double w = 1 / (t[i] * t[i]);
        S += w, Sn += w * n[i], Snn += w * n[i] * n[i], St += w * t[i], Snt += w * n[i] * t[i];
    }
    double det = S * Snn - Sn * Sn;
    *b = det > 0 ? (S * Snt - Sn * St) / det : 0;
    *a = (St - *b * Sn) / S;
    if (*a < 0) {
        *a = 0;
        *b = Snt / Snn;
    }
    if (*b < 0) {
        *b = 0;
        *a = St / S;
    }
}

/* The median of a bootstrap draw of point k's round medians, using the
 * draw's round picks (indexes into the point's rounds). */
static double draw_median(const gb_series *s, int k, const int *picks, int count)
{
    double vals[GB_MAX_ROUNDS];
    for (int i = 0; i < count; i++)
        vals[i] = s->med[k][picks[i] % s->rounds[k]];
    return stats_median(vals, count);
}

/* Fills t[] with one draw (or the plain medians when rng is NULL). */
static void draw(const gb_series *s, gb_rng *rng, double *t)
{
    int picks[GB_MAX_ROUNDS];
    for (int k = 0; k < s->count; k++) {
        for (int i = 0; i < s->rounds[k]; i++)
            picks[i] = rng ? (int)gb_rng_below(rng, (uint32_t)s->rounds[k]) : i;
        t[k] = draw_median(s, k, picks, s->rounds[k]);
    }
}

static void percentiles(double *xs, int n, double *lo, double *hi)
{
    double *copy = malloc(sizeof *copy * (size_t)n);
    if (!copy) {
        *lo = *hi = NAN;
        return;
    }
    memcpy(copy, xs, sizeof *copy * (size_t)n);
    for (int i = 1; i < n; i++)   /* insertion sort: n is a thousand */
        for (int j = i; j > 0 && copy[j - 1] > copy[j]; j--) {
            double x = copy[j];
            copy[j] = copy[j - 1];
            copy[j - 1] = x;
        }
    *lo = stats_quantile_sorted(copy, n, 0.025);
    *hi = stats_quantile_sorted(copy, n, 0.975);
    free(copy);
}

int costmodel_fit(const gb_series *s, uint64_t seed, gb_costmodel *out)
{
    double t[COSTMODEL_MAX_POINTS], *as = malloc(sizeof(double) * COSTMODEL_DRAWS),
                                    *bs = malloc(sizeof(double) * COSTMODEL_DRAWS);
    gb_rng state = gb_rng_new(seed);
    if (s->count < 3 || !as || !bs) {
        free(as);
        free(bs);
        return -1;
    }
    draw(s, NULL, t);
    fit_line(s->n, t, s->count, &out->a, &out->b);
    for (int d = 0; d < COSTMODEL_DRAWS; d++) {
        draw(s, &state, t);
        fit_line(s->n, t, s->count, &as[d], &bs[d]);
    }
    percentiles(as, COSTMODEL_DRAWS, &out->a_lo, &out->a_hi);
    percentiles(bs, COSTMODEL_DRAWS, &out->b_lo, &out->b_hi);
    out->n_min = s->n[0];
    out->n_max = s->n[s->count - 1];
    out->points = s->count;
    free(as);
    free(bs);
    return 0;
}

/* The two series restricted to their common points (by point index). */
static int common(const gb_series *u, const gb_series *w, gb_series *cu, gb_series *cw)
{
    memset(cu, 0, sizeof *cu);
    memset(cw, 0, sizeof *cw);
    for (int i = 0; i < u->count; i++)
        for (int j = 0; j < w->count; j++)
            if (u->point[i] == w->point[j]) {
                int k = cu->count++;
                cw->count++;
                cu->n[k] = u->n[i], cw->n[k] = w->n[j];
                cu->rounds[k] = u->rounds[i], cw->rounds[k] = w->rounds[j];
                memcpy(cu->med[k], u->med[i], sizeof cu->med[k]);
                memcpy(cw->med[k], w->med[j], sizeof cw->med[k]);
            }
    return cu->count;
}

/* n where a1 + b1 n = a2 + b2 n; NAN when the lines do not cross at n > 0. */
static double meet(double a1, double b1, double a2, double b2)
{
    if (b1 == b2)
        return NAN;
    double n = (a2 - a1) / (b1 - b2);
    return n > 0 ? n : NAN;
}

int costmodel_crossover(const gb_series *u, const gb_series *w, uint64_t seed, gb_crossover *out)
{
    gb_series cu, cw;
    double tu[COSTMODEL_MAX_POINTS], tw[COSTMODEL_MAX_POINTS], a1, b1, a2, b2;
    double *ns = malloc(sizeof(double) * COSTMODEL_DRAWS);
    gb_rng state = gb_rng_new(seed);
    int inside = 0;
    if (!ns || common(u, w, &cu, &cw) < 3) {
        free(ns);
        return -1;
    }
    double lo_n = cu.n[0], hi_n = cu.n[cu.count - 1];
    for (int d = 0; d < COSTMODEL_DRAWS; d++) {
        gb_rng same = state;   /* the same round picks for both: paired */
        draw(&cu, &state, tu);
        state = same;
        draw(&cw, &state, tw);
        fit_line(cu.n, tu, cu.count, &a1, &b1);
        fit_line(cw.n, tw, cw.count, &a2, &b2);
        double n = meet(a1, b1, a2, b2);
        if (!isnan(n) && n >= lo_n && n <= hi_n)
            ns[inside++] = n;
    }
    out->share_in_range = (double)inside / COSTMODEL_DRAWS;
    draw(&cu, NULL, tu);
    draw(&cw, NULL, tw);
    fit_line(cu.n, tu, cu.count, &a1, &b1);
    fit_line(cw.n, tw, cw.count, &a2, &b2);
    out->n = meet(a1, b1, a2, b2);
    out->lo = out->hi = NAN;
    if (out->share_in_range >= 0.95 && inside > 0) {
        out->kind = CROSS_AT;
        percentiles(ns, inside, &out->lo, &out->hi);
    } else if (out->share_in_range <= 0.05)
        out->kind = CROSS_NONE_IN_RANGE;
    else
        out->kind = CROSS_UNDECIDED;
    free(ns);
    return 0;
}
