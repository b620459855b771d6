/* patterns.h: the kernel of the `patterns` scenario: Black-Scholes prices of
 * European call options, the work a derivatives desk hands to compiled code.
 *
 * Every function expects spot, strike, vol and expiry > 0 (the generated
 * book always has them); other inputs give NaN or infinities, never a crash.
 */
#ifndef GB_PATTERNS_H
#define GB_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

/* One option's price: the per-item work behind one crossing. */
double gb_patterns_call_price(double spot, double strike, double rate, double vol, double expiry);

/* The sum of n options' prices, summed in order: the batched work. */
double gb_patterns_price_sum(const double *spot, const double *strike, const double *rate,
                             const double *vol, const double *expiry, size_t n);

/* A book of n options, one array per field (the layout every batched
 * pattern sends across: five columns, not n records). */
typedef struct gb_patterns_book {
    size_t n;
    double *spot, *strike, *rate, *vol, *expiry;
} gb_patterns_book;

/* Fills `book` with n options drawn from `seed`, in the order
 * pyref/patterns.py draws them.  Returns 0, or -1 (book left empty) when
 * memory runs out. */
int gb_patterns_make_book(gb_patterns_book *book, size_t n, uint64_t seed);

/* Frees what gb_patterns_make_book allocated; an empty book is fine. */
void gb_patterns_free_book(gb_patterns_book *book);

#endif
