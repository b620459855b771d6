/* gb_sqlite.h: what the kernels that keep a SQLite file share. */
#ifndef GB_SQLITE_H
#define GB_SQLITE_H

#include <sqlite3.h>
#include <stddef.h>

/* Fills err with "<what>: <SQLite's message>" and returns -1. */
int gb_sqlite_fail(sqlite3 *db, const char *what, char *err, size_t errlen);

/* Inserts the rows of a new database; returns 0, or -1 with err. */
typedef int (*gb_sqlite_fill)(sqlite3 *db, void *ctx, char *err, size_t errlen);

/* Builds the database at path without a reader ever seeing half of it:
 * in <path>.tmp.<pid>, runs `schema`, then fill() inside one transaction,
 * then `after` (say, CREATE INDEX; may be NULL), commits, closes, and
 * renames the file into place.  Two processes racing to build the same
 * file each rename a whole one.  Returns 0, or -1 with err and no
 * temporary file left behind. */
int gb_sqlite_build(const char *path, const char *schema, const char *after,
                    gb_sqlite_fill fill, void *ctx, char *err, size_t errlen);

#endif
