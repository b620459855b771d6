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
    return strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), m->name) == 0 &&
           strcmp(rundir_get(rd, r, GB_SUMMARY_STATUS), "ok") == 0;
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
        if (strcmp(rundir_get(rd, r, GB_SUMMARY_SCENARIO), m->name) == 0 &&
            rundir_point(rd, r) == point)
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
        double ns = rundir_number(rd, r, GB_SUMMARY_NS_PER_CALL);
        if (!is_ok(rd, r, m) || strcmp(rundir_get(rd, r, GB_SUMMARY_VARIANT), v) ||
            !on_items_slice(rd, r, last, m) || !rundir_param(rd, r, m->items, &items) || isnan(ns))
            continue;
        n[k] = (double)items;
        t[k++] = ns;
    }
    return k;
}

/* "O(n) (the data cannot tell it from O(n log n))" for a choice. */
static void fit_words(const stats_fit_choice *c, char *out, size_t cap)
{
    size_t len = (size_t)snprintf(out, cap, "%s", stats_fit_name(c->best));
    if (!c->tied_mask)
        return;
    len += (size_t)snprintf(out + len, cap - len, " (the data cannot tell it from");
    for (int k = 0, first = 1; k < STATS_FIT_COUNT; k++)
        if (c->tied_mask & (1u << k)) {
            len += (size_t)snprintf(out + len, cap - len, "%s %s", first ? "" : ",",
                                    stats_fit_name((stats_fit_kind)k));
            first = 0;
        }
    snprintf(out + len, cap - len, ")");
}

/* One line per variant that has >= 3 points; returns how many lines. */
static int write_fits(FILE *md, const gb_rundir *rd, const gb_manifest *m, int last, double *n,
                      double *t)
{
    int lines = 0;
    char words[256];
    for (int vi = 0; vi < m->variant_count; vi++) {
        const char *v = m->variants[vi].name;
        stats_fit_choice c;
        int k = fit_points(rd, m, v, last, n, t);
        if (k < 3 || stats_fit_select(n, t, k, &c) != 0)
            continue;
        if (lines++ == 0)
            fprintf(md, "\n### Complexity\n\nTime per call against `%s` (the other parameters "
                        "at their last value), fitted as a + b x f(%s) on log time, the simpler "
                        "model kept unless a more complex one is better beyond the noise (AICc):\n\n",
                    m->items, m->items);
        fit_words(&c, words, sizeof words);
        fprintf(md, "- %s: %s: a fixed %.4g ns plus %.4g %s (relative fit error %.2g%%)\n", v,
                words, c.a, c.b, fit_unit(c.best), c.rel_rms * 100);
    }
    return lines;
}

/* Complexity is fitted against a single parameter: items must name one. */
static int items_is_param(const gb_manifest *m)
{
    for (int i = 0; i < m->param_count; i++)
        if (strcmp(m->params[i], m->items) == 0)
            return 1;
    return 0;
}

static void write_complexity(FILE *md, const gb_rundir *rd, const gb_manifest *m)
{
    int last = last_point_row(rd, m);
    double *n = malloc(sizeof *n * (size_t)(rd->summary.rows + 1));
    double *t = malloc(sizeof *t * (size_t)(rd->summary.rows + 1));
    if (items_is_param(m) && last >= 0 && n && t)
        write_fits(md, rd, m, last, n, t);
    free(n);
    free(t);
}

/* The shortest ns_total among summary row r's samples; NAN if none. */
static double shortest_sample(const gb_rundir *rd, int r)
{
    int first, count;
    double shortest = NAN;
    rundir_samples_of(rd, rundir_get(rd, r, GB_SUMMARY_SCENARIO),
                      rundir_get(rd, r, GB_SUMMARY_VARIANT), rundir_point(rd, r), &first, &count);
    for (int k = 0; k < count; k++) {
        double ns = rundir_sample_number(rd, rd->sample_order[first + k], GB_SAMPLES_NS_TOTAL);
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
    char unstable[FIT_LINE_LEN] = "", short_[FIT_LINE_LEN] = "", between[FIT_LINE_LEN] = "";
    for (int r = 0; r < rd->summary.rows; r++) {
        if (!is_ok(rd, r, m) || strcmp(rundir_get(rd, r, GB_SUMMARY_VARIANT), v))
            continue;
        double cv = rundir_number(rd, r, GB_SUMMARY_CV), ns = shortest_sample(rd, r);
        if (cv > REPORT_FIT_MAX_CV)
            add_point(unstable, rundir_get(rd, r, GB_SUMMARY_PARAMS), cv * 100, "%");
        if (ns < REPORT_FIT_MIN_SAMPLE_NS)
            add_point(short_, rundir_get(rd, r, GB_SUMMARY_PARAMS), ns / 1e6, " ms");
        double share = rundir_number(rd, r, GB_SUMMARY_PROCESS_SHARE);
        if (share > REPORT_FIT_MAX_PROCESS_SHARE)
            add_point(between, rundir_get(rd, r, GB_SUMMARY_PARAMS), share * 100, "%");
    }
    if (between[0])
        fprintf(md, "- %s: most of the variance lies between worker processes (share above "
                    "%.0f%%) at %s: only more processes (rounds) narrow these intervals\n", v,
                REPORT_FIT_MAX_PROCESS_SHARE * 100, between);
    if (unstable[0])
        fprintf(md, "- %s: unstable (CV above %.0f%%) at %s\n", v, REPORT_FIT_MAX_CV * 100,
                unstable);
    if (short_[0])
        fprintf(md, "- %s: sample too short (under %.3g ms) at %s\n", v,
                REPORT_FIT_MIN_SAMPLE_NS / 1e6, short_);
    return (unstable[0] != 0) + (short_[0] != 0) + (between[0] != 0);
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
