/* atomicfile.h: a file written whole: into PATH.tmp, then renamed over
 * PATH, so a reader never sees half of it (meta.json, findings.json,
 * report.html, charts/index.json); and a file read whole. */
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

/* The whole of path in a new buffer (NUL-terminated; *len without the
 * NUL), or NULL (errno says why). */
char *file_read_whole(const char *path, size_t *len);

/* 1 when the two files can be read and hold the same bytes. */
int file_same(const char *a, const char *b);

#endif
