/* report_fit.c: the Complexity and Stability sections of summary.md. */
#include "report_fit.h"

#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIT_LINE_LEN 1024

/* What the fitted constant multiplies, per kind, for the items parameter. */
static const char *fit_unit(stats_fit_kind kind)
{
    switch (kind) {
    case STATS_O1: return "ns per call";
    case STATS_OLOGN: return "ns per log2(items)";
    case STATS_ON: return "ns per item";
    case STATS_ONLOGN: return "ns per item x log2(items)";
    default: return "ns per item^2";
    }
}

static int is_ok(const gb_rundir *rd, int r, const gb_manifest *m)
{
    return strcmp(rundir_get(rd, r, "scenario"), m->name) == 0 &&
           strcmp(rundir_get(rd, r, "status"), "ok") == 0;
}

/* 1 when every parameter but the items one has its value at `last`. */
static int on_items_slice(const gb_rundir *rd, int r, int last, const gb_manifest *m)
{
    for (int i = 0; i < m->param_count; i++) {
        long long want, got;
        if (strcmp(m->params[i], m->items) == 0)
            continue;
        if (!rundir_param(rd, last, m->params[i], &want) ||
            !rundir_param(rd, r, m->params[i], &got) || got != want)
            return 0;
    }
    return 1;
}

/* A summary row at the scenario's last point, or -1. */
static int last_point_row(const gb_rundir *rd, const gb_manifest *m)
{
    int point = rundir_last_point(rd, m->name);
    for (int r = 0; point >= 0 && r < rd->summary.rows; r++)
        if (strcmp(rundir_get(rd, r, "scenario"), m->name) == 0 &&
            atoi(rundir_get(rd, r, "point")) == point)
            return r;
    return -1;
}

/* Fills n[] and t[] (room for every summary row) with (items, ns_per_call)
 * of variant v's ok rows on the slice; returns how many. */
static int fit_points(const gb_rundir *rd, const gb_manifest *m, const char *v, int last,
                      double *n, double *t)
{
    int k = 0;
    for (int r = 0; r < rd->summary.rows; r++) {
        long long items;
        double ns = rundir_number(rd, r, "ns_per_call");
        if (!is_ok(rd, r, m) || strcmp(rundir_get(rd, r, "variant"), v) ||
            !on_items_slice(rd, r, last, m) || !rundir_param(rd, r, m->items, &items) || isnan(ns))
            continue;
        n[k] = (double)items;
        t[k++] = ns;
    }
    return k;
}

/* One line per variant that has >= 3 points; returns how many lines. */
static int write_fits(FILE *md, const gb_rundir *rd, const gb_manifest *m, int last, double *n,
                      double *t)
{
    int lines = 0;
    for (int vi = 0; vi < m->variant_count; vi++) {
        const char *v = m->variants[vi].name;
        stats_fit_kind kind;
        double coef, rms;
        int k = fit_points(rd, m, v, last, n, t);
        if (k < 3 || stats_fit_complexity(n, t, k, &kind, &coef, &rms) < 0)
            continue;
        if (lines++ == 0)
            fprintf(md, "\n### Complexity\n\nTime per call against `%s` (the other parameters "
                        "at their last value), fitted as c x f(%s):\n\n", m->items, m->items);
        fprintf(md, "- %s: %s, %.4g %s (fit error %.2g%%)\n", v, stats_fit_name(kind), coef,
                fit_unit(kind), rms * 100);
    }
    return lines;
}

static void write_complexity(FILE *md, const gb_rundir *rd, const gb_manifest *m)
{
    int last = last_point_row(rd, m);
    double *n = malloc(sizeof *n * (size_t)(rd->summary.rows + 1));
    double *t = malloc(sizeof *t * (size_t)(rd->summary.rows + 1));
    if (m->items[0] && last >= 0 && n && t)
        write_fits(md, rd, m, last, n, t);
    free(n);
    free(t);
}

/* The shortest ns_total among summary row r's samples; NAN if none. */
static double shortest_sample(const gb_rundir *rd, int r)
{
    const csv_table *s = &rd->samples;
    int cs = csv_column(s, "scenario"), cv = csv_column(s, "variant");
    int cp = csv_column(s, "params"), ct = csv_column(s, "ns_total");
    double shortest = NAN;
    for (int i = 0; i < s->rows; i++) {
        if (strcmp(csv_cell(s, i, cs), rundir_get(rd, r, "scenario")) ||
            strcmp(csv_cell(s, i, cv), rundir_get(rd, r, "variant")) ||
            strcmp(csv_cell(s, i, cp), rundir_get(rd, r, "params")))
            continue;
        double ns = strtod(csv_cell(s, i, ct), NULL);
        shortest = isnan(shortest) || ns < shortest ? ns : shortest;
    }
    return shortest;
}

/* Appends "params (value)" to line, comma-separated. */
static void add_point(char *line, const char *params, double value, const char *unit)
{
    size_t len = strlen(line);
    snprintf(line + len, FIT_LINE_LEN - len, "%s%s (%.3g%s)", len ? ", " : "",
             *params ? params : "the only point", value, unit);
}

/* The two stability lines of variant v; returns how many it wrote. */
static int write_variant_stability(FILE *md, const gb_rundir *rd, const gb_manifest *m,
                                   const char *v)
{
    char unstable[FIT_LINE_LEN] = "", short_[FIT_LINE_LEN] = "";
    for (int r = 0; r < rd->summary.rows; r++) {
        if (!is_ok(rd, r, m) || strcmp(rundir_get(rd, r, "variant"), v))
            continue;
        double cv = rundir_number(rd, r, "cv"), ns = shortest_sample(rd, r);
        if (cv > REPORT_FIT_MAX_CV)
            add_point(unstable, rundir_get(rd, r, "params"), cv * 100, "%");
        if (ns < REPORT_FIT_MIN_SAMPLE_NS)
            add_point(short_, rundir_get(rd, r, "params"), ns / 1e6, " ms");
    }
    if (unstable[0])
        fprintf(md, "- %s: unstable (CV above %.0f%%) at %s\n", v, REPORT_FIT_MAX_CV * 100,
                unstable);
    if (short_[0])
        fprintf(md, "- %s: sample too short (under %.3g ms) at %s\n", v,
                REPORT_FIT_MIN_SAMPLE_NS / 1e6, short_);
    return (unstable[0] != 0) + (short_[0] != 0);
}

static void write_stability(FILE *md, const gb_rundir *rd, const gb_manifest *m)
{
    int lines = 0;
    fprintf(md, "\n### Stability\n\n");
    for (int vi = 0; vi < m->variant_count; vi++)
        lines += write_variant_stability(md, rd, m, m->variants[vi].name);
    if (lines == 0)
        fprintf(md, "Every point has a CV of at most %.0f%% and samples of at least %.3g ms.\n",
                REPORT_FIT_MAX_CV * 100, REPORT_FIT_MIN_SAMPLE_NS / 1e6);
}

void report_fit_write(FILE *md, const gb_rundir *rd, const gb_manifest *m)
{
    write_complexity(md, rd, m);
    write_stability(md, rd, m);
}
