/* boundary.c: kernel and C-only variant of the `boundary` scenario. */
#include "boundary.h"

#include "gb_kernel.h"
#include "gb_prng.h"

#include <stdio.h>
#include <stdlib.h>

/* 10-bit grid values keep every sum of squares exact up to 2^33 terms, so
 * every variant's answer has the same bits whatever its summation order. */
#define BOUNDARY_GRID_BITS 10

double gb_boundary_square(double x)
{
    return x * x;
}

double gb_boundary_sum_squares(const double *xs, size_t n)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += xs[i] * xs[i];
    return total;
}

double *gb_boundary_make_input(size_t n, unsigned long long seed)
{
    double *xs = malloc((n ? n : 1) * sizeof *xs);
    if (!xs)
        return NULL;
    gb_rng rng = gb_rng_new(seed);
    for (size_t i = 0; i < n; i++)
        xs[i] = gb_rng_grid(&rng, BOUNDARY_GRID_BITS);
    return xs;
}

typedef struct boundary_input {
    size_t n;
    double *xs;
} boundary_input;

static void *c_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    boundary_input *in = malloc(sizeof *in);
    int64_t n = gb_param(params, "n", -1);
    if (!in || n < 0) {
        snprintf(err, GB_ERR_LEN, n < 0 ? "parameter n is missing" : "out of memory");
        free(in);
        return NULL;
    }
    in->n = (size_t)n;
    in->xs = gb_boundary_make_input(in->n, seed);
    if (!in->xs) {
        snprintf(err, GB_ERR_LEN, "out of memory for %lld values", (long long)n);
        free(in);
        return NULL;
    }
    return in;
}

static gb_answer c_sum_squares(void *input)
{
    boundary_input *in = input;
    return gb_answer_float(gb_boundary_sum_squares(in->xs, in->n));
}

static void c_teardown(void *input)
{
    boundary_input *in = input;
    free(in->xs);
    free(in);
}

static const gb_cvariant variants[] = {
    {"sum_squares", c_setup, c_sum_squares, c_teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
