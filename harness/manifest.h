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

#include <stdint.h>

#define GB_MAX_PARAMS 8
#define GB_NAME_LEN 64
#define GB_TEXT_LEN 256
#define GB_LONG_TEXT_LEN 2048

typedef enum { GB_PROFILE_SMOKE, GB_PROFILE_QUICK, GB_PROFILE_FULL, GB_PROFILE_COUNT } gb_profile_id;

/* python and c variants run in a worker; a process variant is a whole
 * command, started fresh for every sample (cold start, imports and all). */
typedef enum { GB_KIND_PYTHON, GB_KIND_C, GB_KIND_PROCESS, GB_KIND_COUNT } gb_kind;

#define GB_MAX_ARGS 16

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

typedef struct gb_finding {
    char faster[GB_NAME_LEN];
    char than[GB_NAME_LEN];
    int on_gc;                     /* compares GC time per call, not time */
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
    char items[GB_NAME_LEN];        /* empty: one item per call */
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

/* Number of points of a profile's sweep (the cartesian product). */
int manifest_point_count(const gb_manifest *m, gb_profile_id profile);

/* The parameter values of point `index`, in params order; the first
 * parameter varies slowest. */
void manifest_point(const gb_manifest *m, gb_profile_id profile, int index, gb_bindings *out);

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
