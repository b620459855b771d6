/* rundir.h: a finished (or interrupted) run folder, read back for the
 * verbs that work from files only: its summary.csv, samples.csv and the
 * manifests copied into it.  Nothing here sees the harness's memory. */
#ifndef GB_RUNDIR_H
#define GB_RUNDIR_H

#include "catalog.h"
#include "csv.h"

typedef struct gb_rundir {
    char dir[1024];
    csv_table summary;
    csv_table samples;
    gb_catalog manifests;
} gb_rundir;

/* Opens dir; returns 0 or -1 with err (missing folder or files). */
int rundir_open(gb_rundir *rd, const char *dir, gb_error *err);
void rundir_close(gb_rundir *rd);

/* Summary cell of row r by column name. */
const char *rundir_get(const gb_rundir *rd, int r, const char *column);
double rundir_number(const gb_rundir *rd, int r, const char *column);   /* NaN if empty */

/* Value of parameter `name` in row r's params ("n=10;batch=2"); 0 if absent. */
int rundir_param(const gb_rundir *rd, int r, const char *name, long long *value);

/* The summary row of scenario/variant at point index, or -1. */
int rundir_find(const gb_rundir *rd, const char *scenario, const char *variant, int point);

/* The highest point index of a scenario in the summary, or -1. */
int rundir_last_point(const gb_rundir *rd, const char *scenario);

/* The point index whose params match all bindings, or -1. */
int rundir_point_at(const gb_rundir *rd, const char *scenario, const gb_bindings *at);

#endif
