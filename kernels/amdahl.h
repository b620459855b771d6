/* amdahl.h: the kernel of the `amdahl` scenario: a handler's compute part
 * in C, and the C-only handler's database. */
#ifndef GB_AMDAHL_H
#define GB_AMDAHL_H

#include <stddef.h>
#include <stdint.h>

/* Compute steps for a nominal compute share in percent (0 <= share < 100),
 * as pyref/amdahl.py iterations() gives them; -1 outside that range. */
int64_t gb_amdahl_iterations(int64_t share);

/* The compute part: `iters` steps of x -> 75x + 74 mod 65537 from
 * value mod 65537, returning the sum of the states (pyref/amdahl.py). */
int64_t gb_amdahl_compute(int64_t value, int64_t iters);

/* The database's path in the cache directory (the name pyref/amdahl.py
 * uses); 0, or -1 if it does not fit. */
int gb_amdahl_db_path(char *buf, size_t len, uint64_t seed);

/* Builds the database at `path` through a temporary file renamed into
 * place.  Returns 0, or -1 with a message in err. */
int gb_amdahl_build(const char *path, uint64_t seed, char *err, size_t errlen);

#endif
