/* catalog.h: finding and loading the manifests of a run.  A manifest that
 * fails to load is reported (file, line, field) and left out; the others
 * still run. */
#ifndef GB_CATALOG_H
#define GB_CATALOG_H

#include "manifest.h"
#include "paths.h"

#include <stdio.h>

typedef struct gb_catalog {
    gb_manifest *items;
    int count;
    int broken;      /* manifests that failed to load */
    gb_error *errors;   /* [broken]: why each failed (file, line, field) */
} gb_catalog;

/* Loads dir/<name>.lua for each name, or every .lua file of dir (sorted) when
 * there are no names.  With `checks`, each manifest's entries, kernels and
 * chart scripts must also resolve against those paths (entries.h); NULL
 * turns the checks off (a finished run's copied manifests).  Each failure
 * is kept in c->errors for the verb to report (catalog_print does).
 * Returns 0, or -1 with err when the folder cannot be read. */
int catalog_load(gb_catalog *c, const char *dir, char **names, int name_count,
                 const gb_paths *checks, gb_error *err);
void catalog_free(gb_catalog *c);

/* Writes each kept failure as "gluebench VERB: MESSAGE" to out. */
void catalog_print(const gb_catalog *c, const char *verb, FILE *out);

#endif
