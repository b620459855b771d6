/* patterns.c: kernel and C-only variant of the `patterns` scenario.
 *
 * The same Black-Scholes formula as pyref/patterns.py, operation for
 * operation, with the normal CDF through libm's erfc (which is what
 * Python's math.erfc calls), so the C and Python prices agree to the last
 * bits or nearly so.
 */
#include "patterns.h"

#include "gb_kernel.h"
#include "gb_prng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* erfc rather than 1 + erf: no cancellation deep out of the money. */
static double norm_cdf(double x)
{
    return 0.5 * erfc(-x * 0.70710678118654752440);
}

double gb_patterns_call_price(double spot, double strike, double rate, double vol, double expiry)
{
    double vol_sqrt_t = vol * sqrt(expiry);
    double d1 = (log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / vol_sqrt_t;
    double d2 = d1 - vol_sqrt_t;
    return spot * norm_cdf(d1) - strike * exp(-rate * expiry) * norm_cdf(d2);
}

double gb_patterns_price_sum(const double *spot, const double *strike, const double *rate,
                             const double *vol, const double *expiry, size_t n)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += gb_patterns_call_price(spot[i], strike[i], rate[i], vol[i], expiry[i]);
    return total;
}

int gb_patterns_make_book(gb_patterns_book *book, size_t n, uint64_t seed)
{
    size_t cells = n ? n : 1;
    double **fields[] = {&book->spot, &book->strike, &book->rate, &book->vol, &book->expiry};
    memset(book, 0, sizeof *book);
    for (size_t f = 0; f < 5; f++) {
        *fields[f] = malloc(cells * sizeof(double));
        if (!*fields[f]) {
            gb_patterns_free_book(book);
            return -1;
        }
    }
    book->n = n;
    /* Five draws per option, in field order: pyref/patterns.py draws alike. */
    gb_rng rng = gb_rng_new(seed);
    for (size_t i = 0; i < n; i++) {
        book->spot[i] = 50.0 + 100.0 * gb_rng_unit(&rng);
        book->strike[i] = book->spot[i] * (0.8 + 0.4 * gb_rng_unit(&rng));
        book->rate[i] = 0.05 * gb_rng_unit(&rng);
        book->vol[i] = 0.1 + 0.5 * gb_rng_unit(&rng);
        book->expiry[i] = 0.1 + 1.9 * gb_rng_unit(&rng);
    }
    return 0;
}

void gb_patterns_free_book(gb_patterns_book *book)
{
    free(book->spot);
    free(book->strike);
    free(book->rate);
    free(book->vol);
    free(book->expiry);
    memset(book, 0, sizeof *book);
}

static void *c_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    int64_t n = gb_param(params, "n", -1);
    if (n < 0) {
        snprintf(err, GB_ERR_LEN, "parameter n is missing");
        return NULL;
    }
    gb_patterns_book *book = malloc(sizeof *book);
    if (!book || gb_patterns_make_book(book, (size_t)n, seed) != 0) {
        snprintf(err, GB_ERR_LEN, "out of memory for %lld options", (long long)n);
        free(book);
        return NULL;
    }
    return book;
}

static gb_answer c_price_sum(void *input)
{
    const gb_patterns_book *b = input;
    return gb_answer_float(gb_patterns_price_sum(b->spot, b->strike, b->rate, b->vol, b->expiry, b->n));
}

static void c_teardown(void *input)
{
    gb_patterns_free_book(input);
    free(input);
}

static const gb_cvariant variants[] = {
    {"price_sum", c_setup, c_price_sum, c_teardown},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
