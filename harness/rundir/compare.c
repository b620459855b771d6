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

int compare_regressed(const compare_result *r, double factor)
{
    return r->verdict == COMPARE_SLOWER && r->ratio > factor;
}
