/* compare.c: the same/faster/slower rule of `gluebench compare`. */
#include "compare.h"

#include "stats.h"

#include <math.h>
#include <stddef.h>

compare_verdict compare_judge(double ratio, double p, double threshold)
{
    if (isnan(ratio) || isnan(p) || fabs(ratio - 1) < threshold || p >= COMPARE_ALPHA)
        return COMPARE_SAME;
    return ratio < 1 ? COMPARE_FASTER : COMPARE_SLOWER;
}

const char *compare_verdict_name(compare_verdict v)
{
    static const char *const names[] = {"same", "faster", "slower"};
    return v >= COMPARE_SAME && v <= COMPARE_SLOWER ? names[v] : "?";
}

int compare_point(double a_ns, double b_ns, const double *a, int na, const double *b, int nb,
                  double threshold, compare_result *out)
{
    if (!(isfinite(a_ns) && a_ns > 0 && isfinite(b_ns) && b_ns > 0))
        return -1;
    /* stats_mann_whitney answers 1.0 for an empty side: no evidence. */
    double p = stats_mann_whitney(a, na, b, nb, NULL);
    if (isnan(p))
        return -1;
    out->a_ns = a_ns;
    out->b_ns = b_ns;
    out->ratio = b_ns / a_ns;
    out->p = p;
    out->verdict = compare_judge(out->ratio, p, threshold);
    return 0;
}

static int interval_ok(double v, double lo, double hi)
{
    return isfinite(v) && isfinite(lo) && isfinite(hi) && lo > 0 && lo <= v && v <= hi;
}

int compare_intervals(double a, double a_lo, double a_hi, double b, double b_lo, double b_hi,
                      double threshold, compare_result *out)
{
    if (!interval_ok(a, a_lo, a_hi) || !interval_ok(b, b_lo, b_hi))
        return -1;
    double ha = (log(a_hi) - log(a_lo)) / 2, hb = (log(b_hi) - log(b_lo)) / 2;
    double half = sqrt(ha * ha + hb * hb), ratio = b / a;
    out->a_ns = a;
    out->b_ns = b;
    out->ratio = ratio;
    out->lo = ratio * exp(-half);
    out->hi = ratio * exp(half);
    out->p = NAN;
    out->verdict = out->lo > 1 + threshold ? COMPARE_SLOWER
                   : out->hi < 1 - threshold ? COMPARE_FASTER : COMPARE_SAME;
    return 0;
}

int compare_regressed(const compare_result *r, double factor)
{
    return r->verdict == COMPARE_SLOWER && r->ratio > factor;
}
