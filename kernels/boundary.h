/* boundary.h: the kernel of the `boundary` scenario: sums of squares. */
#ifndef GB_BOUNDARY_H
#define GB_BOUNDARY_H

#include <stddef.h>

/* The per-item work: what one crossing of the boundary buys. */
double gb_boundary_square(double x);

/* The batched work: the whole sum in one call, summed left to right. */
double gb_boundary_sum_squares(const double *xs, size_t n);

/* The scenario's inputs: n values on a 2^-10 grid (see gb_prng.h). */
double *gb_boundary_make_input(size_t n, unsigned long long seed);

#endif
