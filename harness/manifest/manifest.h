/* manifest.h: scenario manifests, read from Lua into plain C structs.
 *
 * This module is the only one that sees Lua.  manifest_load() runs the
 * whole manifest inside one protected call in a restricted state (no io,
 * os, require or bytecode; a memory cap; an instruction budget), validates
 * every field, copies what it read into a gb_manifest and closes the state.
 * Errors name the file, the line and the field.
 */
#ifndef GB_MANIFEST_H
#define GB_MANIFEST_H

#include "error.h"
#include "gb_limits.h"

#include <stdint.h>

#define GB_TEXT_LEN 256
#define GB_LONG_TEXT_LEN 2048

typedef enum { GB_PROFILE_SMOKE, GB_PROFILE_QUICK, GB_PROFILE_FULL, GB_PROFILE_COUNT } gb_profile_id;

/* python and c variants run in a worker; a process variant is a whole
 * command, started fresh for every sample (cold start, imports and all). */
typedef enum { GB_KIND_PYTHON, GB_KIND_C, GB_KIND_PROCESS, GB_KIND_COUNT } gb_kind;

/* A set of parameter constraints: "at most" for limits, "equal" for points. */
typedef struct gb_bindings {
    int count;
    char names[GB_MAX_PARAMS][GB_NAME_LEN];
    int64_t values[GB_MAX_PARAMS];
} gb_bindings;

typedef struct gb_variant {
    char name[GB_NAME_LEN];
    char label[GB_TEXT_LEN];
    gb_kind kind;
    char entry[GB_TEXT_LEN];
    char setup[GB_TEXT_LEN];
    char teardown[GB_TEXT_LEN];
    char style[GB_NAME_LEN];
    gb_bindings limit;
    int memory_mb;                    /* 0: the scenario's */
    char expect_status[GB_NAME_LEN];  /* a failure the variant exists to show ("oom"); "" none */
    char no_instructions[GB_TEXT_LEN]; /* why the instruction clock skips it; "" measures */
    int argc;                         /* process: the command, placeholders */
    char argv[GB_MAX_ARGS][GB_TEXT_LEN];  /* not yet expanded (README) */
    int line;
} gb_variant;

typedef struct gb_chart {
    char id[GB_NAME_LEN];
    char type[GB_NAME_LEN];
    char x[GB_NAME_LEN];          /* empty: one bar per variant at `at` */
    char y[GB_NAME_LEN];
    char title[GB_TEXT_LEN];
    char caption[GB_LONG_TEXT_LEN];
    int logx, logy;
    int at_last;                   /* 1: the last point of the sweep */
    gb_bindings at;                /* for lines: fixes the parameters other than x */
    int only_count;                /* 0: every variant */
    char only[16][GB_NAME_LEN];    /* the variants to show */
    int line;
} gb_chart;

/* A named metric a variant reports per sample (pyref/gbmetrics.py). */
typedef struct gb_metric {
    char name[GB_NAME_LEN];
    char label[GB_TEXT_LEN];
    char unit[GB_NAME_LEN];
    int higher_is_better;
} gb_metric;

/* What a finding claims.  GB_EXPECT_NONE: the manifest states no
 * expectation, so the report shows the ratio without a verdict. */
typedef enum {
    GB_EXPECT_NONE, GB_EXPECT_FASTER, GB_EXPECT_SLOWER, GB_EXPECT_SAME, GB_EXPECT_LOWER,
    GB_EXPECT_HIGHER, GB_EXPECT_COUNT
} gb_expect;

/* "variant against than": ratio = value(than) / value(variant) of measure
 * y at one point, judged against the claim (expect and the optional bounds
 * on the factor in the expected direction; NAN when unset). */
typedef struct gb_finding {
    char variant[GB_NAME_LEN];
    char than[GB_NAME_LEN];
    char y[GB_NAME_LEN];           /* a measure (core/measures.h) or a metric */
    gb_expect expect;
    double at_least, below, between_lo, between_hi;
    char why[GB_TEXT_LEN];
    int at_last;
    gb_bindings at;
    int line;
} gb_finding;

typedef struct gb_sweep {
    int counts[GB_MAX_PARAMS];      /* values per parameter, in params order */
    int64_t *values[GB_MAX_PARAMS];
} gb_sweep;

typedef struct gb_manifest {
    char path[GB_TEXT_LEN];
    char name[GB_NAME_LEN];
    char title[GB_TEXT_LEN];
    char talk[GB_NAME_LEN];
    char question[GB_TEXT_LEN];
    char about[GB_LONG_TEXT_LEN];
    int param_count;
    char params[GB_MAX_PARAMS][GB_NAME_LEN];
    char items[GB_TEXT_LEN];        /* an expression over params; empty: one item per call */
    unsigned zero_ok;               /* bit i: params[i] may be 0 (may_be_zero) */
    int memory_mb;                  /* a worker's address-space cap */
    char no_instructions[GB_TEXT_LEN]; /* why the instruction clock skips the scenario */
    int metric_count;
    gb_metric *metrics;
    gb_sweep sweeps[GB_PROFILE_COUNT];
    char baseline[GB_NAME_LEN];
    double tolerance;
    double timeout;
    int variant_count, chart_count, finding_count;
    gb_variant *variants;
    gb_chart *charts;
    gb_finding *findings;
} gb_manifest;

/* Loads and validates path into *out.  Returns 0, or -1 with err naming the
 * file, line and field; *out then holds nothing to free. */
int manifest_load(const char *path, gb_manifest *out, gb_error *err);

void manifest_free(gb_manifest *m);

/* Number of points of a profile's sweep (the cartesian product; at most
 * GB_MAX_POINTS, which the loader checks). */
int64_t manifest_point_count(const gb_manifest *m, gb_profile_id profile);

/* Items per call at a point: the `items` expression over its parameters
 * (1 without one; at least 1). */
int64_t manifest_items(const gb_manifest *m, const gb_bindings *point);

/* The metric of that name, or NULL. */
const gb_metric *manifest_metric(const gb_manifest *m, const char *name);

/* A variant's memory cap in MB (its own, else the scenario's). */
int manifest_memory_mb(const gb_manifest *m, const gb_variant *v);

/* Why the instruction clock skips v ("" when it measures it). */
const char *manifest_no_instructions(const gb_manifest *m, const gb_variant *v);

const char *manifest_expect_name(gb_expect e);

/* The parameter values of point `index`, in params order; the first
 * parameter varies slowest. */
void manifest_point(const gb_manifest *m, gb_profile_id profile, int64_t index, gb_bindings *out);

const gb_variant *manifest_variant(const gb_manifest *m, const char *name);

const char *manifest_kind_name(gb_kind kind);

/* 1 when every limit of v holds at point p. */
int manifest_variant_applies(const gb_variant *v, const gb_bindings *point);

/* 1-based position of a style in the fixed list (plots/style.gp uses the
 * same order), 0 if unknown. */
int manifest_style_index(const char *style);

int manifest_profile_parse(const char *name, gb_profile_id *out);
const char *manifest_profile_name(gb_profile_id profile);

#endif
