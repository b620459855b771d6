/* census.h: what each variant costs in code (lines of Python and C, the
 * dependencies it brings, what has to be built), counted from the sources
 * when a run starts and kept in DIR/code.csv, so the report's judgement of
 * justified complexity reads the folder alone. */
#ifndef GB_CENSUS_H
#define GB_CENSUS_H

#include "catalog.h"
#include "paths.h"

typedef struct gb_code {
    int python_lines, c_lines;
    char deps[256];     /* "orjson, SQLite" */
    char build[64];     /* "none", "a C extension", "a C kernel", ... */
} gb_code;

/* Counts variant v of m (census.c says how). */
void census_count(const gb_paths *paths, const gb_manifest *m, const gb_variant *v, gb_code *out);

/* Writes DIR/code.csv: one row per variant of every manifest.  Returns 0,
 * or -1 with err. */
int census_write(const char *dir, const gb_paths *paths, const gb_catalog *cat, gb_error *err);

#endif
