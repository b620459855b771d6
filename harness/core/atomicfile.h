/* atomicfile.h: a file written whole: into PATH.tmp, then renamed over
 * PATH, so a reader never sees half of it (meta.json, findings.json,
 * report.html, charts/index.json). */
#ifndef GB_ATOMICFILE_H
#define GB_ATOMICFILE_H

#include "error.h"

#include <stdio.h>

typedef struct gb_atomic {
    FILE *f;
    char path[1100], tmp[1110];
} gb_atomic;

/* Opens path's temporary file; returns its stream, or NULL with err. */
FILE *atomic_open(gb_atomic *a, const char *path, gb_error *err);

/* Closes it and renames it over path; returns 0, or -1 with err (the
 * temporary file is removed). */
int atomic_close(gb_atomic *a, gb_error *err);

#endif
