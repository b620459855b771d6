/* rundir.c: reading a run folder back. */
#include "rundir.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int rundir_open(gb_rundir *rd, const char *dir, gb_error *err)
{
    char path[1200];
    memset(rd, 0, sizeof *rd);
    snprintf(rd->dir, sizeof rd->dir, "%s", dir);
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    if (csv_read(path, &rd->summary, err) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/samples.csv", dir);
    if (csv_read(path, &rd->samples, err) != 0) {
        csv_table_free(&rd->summary);
        return -1;
    }
    snprintf(path, sizeof path, "%s/manifests", dir);
    if (catalog_load(&rd->manifests, path, NULL, 0, err) != 0) {
        csv_table_free(&rd->summary);
        csv_table_free(&rd->samples);
        return -1;
    }
    return 0;
}

void rundir_close(gb_rundir *rd)
{
    csv_table_free(&rd->summary);
    csv_table_free(&rd->samples);
    catalog_free(&rd->manifests);
}

const char *rundir_get(const gb_rundir *rd, int r, const char *column)
{
    return csv_cell(&rd->summary, r, csv_column(&rd->summary, column));
}

double rundir_number(const gb_rundir *rd, int r, const char *column)
{
    const char *cell = rundir_get(rd, r, column);
    return *cell ? strtod(cell, NULL) : NAN;
}

int rundir_param(const gb_rundir *rd, int r, const char *name, long long *value)
{
    const char *p = rundir_get(rd, r, "params");
    size_t len = strlen(name);
    while (*p) {
        if (strncmp(p, name, len) == 0 && p[len] == '=') {
            *value = strtoll(p + len + 1, NULL, 10);
            return 1;
        }
        p += strcspn(p, ";");
        p += *p == ';';
    }
    return 0;
}

int rundir_find(const gb_rundir *rd, const char *scenario, const char *variant, int point)
{
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, "scenario"), scenario) == 0 &&
            strcmp(rundir_get(rd, r, "variant"), variant) == 0 &&
            atoi(rundir_get(rd, r, "point")) == point)
            return r;
    return -1;
}

int rundir_last_point(const gb_rundir *rd, const char *scenario)
{
    int last = -1;
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, "scenario"), scenario) == 0 &&
            atoi(rundir_get(rd, r, "point")) > last)
            last = atoi(rundir_get(rd, r, "point"));
    return last;
}

static int row_matches(const gb_rundir *rd, int r, const gb_bindings *at)
{
    for (int i = 0; i < at->count; i++) {
        long long v;
        if (!rundir_param(rd, r, at->names[i], &v) || v != at->values[i])
            return 0;
    }
    return 1;
}

int rundir_point_at(const gb_rundir *rd, const char *scenario, const gb_bindings *at)
{
    for (int r = 0; r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, "scenario"), scenario) == 0 && row_matches(rd, r, at))
            return atoi(rundir_get(rd, r, "point"));
    return -1;
}
