/* kernel.c: exercise 6's C kernel.  The solution.  Plain C: no Python here,
 * so the extension may release the GIL around it. */
#include "ex_cext.h"

double gb_ex_cext_clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

double gb_ex_cext_clamp_sum(const double *xs, size_t n, double lo, double hi)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += gb_ex_cext_clamp(xs[i], lo, hi);
    return total;
}
