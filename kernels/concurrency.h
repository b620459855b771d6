/* concurrency.h: the kernel of the `concurrency` scenario: one request body
 * (a JSON document of flight offers) parsed and reduced to one integer. */
#ifndef GB_CONCURRENCY_H
#define GB_CONCURRENCY_H

#include "gb_prng.h"

#include <stddef.h>
#include <stdint.h>

#define GB_CONCURRENCY_OFFERS 1000

/* Parses the JSON document doc[0..len) and stores in *total the sum over
 * its "offers" of price + seats * (sum of the segments' "dur"), as
 * pyref/concurrency.py's handle() computes it.  Touches no Python object
 * and no global state, so callers may run it with the GIL released and on
 * many threads at once.  Returns 0, or -1 when the text is not JSON, a
 * field is missing or not an integer, or nesting exceeds 64 levels; then
 * *errpos is the byte offset where parsing stopped.  Keys are compared as
 * raw bytes, so a key spelled with escapes is not recognised. */
int gb_concurrency_aggregate(const char *doc, size_t len, int64_t *total, size_t *errpos);

/* Writes the next request body drawn from rng, byte for byte as
 * pyref/concurrency.py's make_document() does, into a malloc()ed buffer
 * the caller frees with gb_concurrency_free().  Returns NULL when out of
 * memory. */
char *gb_concurrency_make_document(gb_rng *rng, size_t offers, size_t *len);

void gb_concurrency_free(void *p);

#endif
