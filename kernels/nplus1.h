/* nplus1.h: the kernel of the `nplus1` scenario: a shop database in SQLite,
 * built from the seed exactly as pyref/nplus1.py builds it, and the queries
 * a handler sends to fetch the items of m orders. */
#ifndef GB_NPLUS1_H
#define GB_NPLUS1_H

#include <stddef.h>
#include <stdint.h>

/* The database's path for (orders, seed, index) in the cache directory
 * ($GLUEBENCH_CACHE_DIR, else $TMPDIR, $TEMP, $TMP, else /tmp): the same
 * name pyref/nplus1.py uses.  Returns 0, or -1 if it does not fit. */
int gb_nplus1_db_path(char *buf, size_t len, int64_t orders, uint64_t seed, int index);

/* Builds the database at `path`: writes a temporary file beside it and
 * renames it into place, so a concurrent reader sees either no file or the
 * whole one.  Returns 0, or -1 with a message in err. */
int gb_nplus1_build(const char *path, int64_t orders, uint64_t seed, int index,
                    char *err, size_t errlen);

/* m distinct order ids in 1..orders drawn from the seed, as
 * pyref/nplus1.py pick_orders() draws them.  ids holds min(m, orders). */
int gb_nplus1_pick(int64_t *ids, int64_t m, int64_t orders, uint64_t seed);

#endif
