/* ex_cext.h: exercise 6's kernel: the sum of values clamped to [lo, hi].
 * Given; you write c/kernel.c (the kernel) and c/ext.c (the extension). */
#ifndef GB_EX_CEXT_H
#define GB_EX_CEXT_H

#include <stddef.h>

/* x limited to [lo, hi]: lo when below, hi when above. */
double gb_ex_cext_clamp(double x, double lo, double hi);

/* The sum of gb_ex_cext_clamp(xs[i], lo, hi), summed left to right. */
double gb_ex_cext_clamp_sum(const double *xs, size_t n, double lo, double hi);

#endif
