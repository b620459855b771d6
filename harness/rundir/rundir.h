/* rundir.h: a finished (or interrupted) run folder, read back for the
 * verbs that work from files only: summary.csv, samples.csv, metrics.csv,
 * meta.json and the manifests copied into it.  Columns are resolved once,
 * when the folder is opened, against the schema (core/schema.h): a missing
 * column fails the open with the file and the column named, and every
 * lookup afterwards is by column id.  Nothing here sees the harness's
 * memory or starts a worker. */
#ifndef GB_RUNDIR_H
#define GB_RUNDIR_H

#include "catalog.h"
#include "csv.h"
#include "gb_limits.h"
#include "schema.h"

#include <stdint.h>

/* Where rows ran: the machine and the interpreter (core/schema.h). */
typedef struct gb_context {
    char machine[GB_MACHINE_LEN];
    char python[GB_PYTHON_NAME_LEN];
} gb_context;

typedef struct gb_rundir {
    char dir[GB_PATH_LEN];
    csv_table summary, samples, metrics;
    int summary_col[GB_SUMMARY_COUNT];
    int samples_col[GB_SAMPLES_COUNT];
    int metrics_col[GB_METRICS_COUNT];
    csv_table code;        /* code.csv; no rows when the folder has none */
    int code_col[GB_CODE_COUNT];
    int *sample_order;     /* samples.csv rows sorted by (scenario, variant, point) */
    gb_catalog manifests;
    int complete;          /* meta.json says the run ended cleanly */
    long long done, planned;   /* measurements run and planned (meta.json; -1 unknown) */
    char profile[16];      /* meta.json's first "profile" and "git_commit"; "" unknown */
    char git_commit[64];
    gb_context contexts[GB_MAX_CONTEXTS];   /* in the order summary.csv first shows them */
    int context_count;
    int context;           /* a view's context; -1: the folder with every context */
    int borrowed;          /* a view: its cells, code and manifests belong to the folder */
    char chart_suffix[112];   /* a view of a folder of several contexts: "@vm-py3.12.1" */
} gb_rundir;

/* Opens dir; returns 0 or -1 with err (missing folder, file or column).
 * A folder of several contexts (`run --python`, `merge`) holds rows that
 * share (scenario, variant, point) keys: read it through one view per
 * context, where every lookup below sees only that context's rows. */
int rundir_open(gb_rundir *rd, const char *dir, gb_error *err);
void rundir_close(gb_rundir *rd);   /* a folder or a view */

/* view = rd's rows of context k, sharing rd's cells (close the view
 * before the folder).  Returns 0 or -1 with err. */
int rundir_view(const gb_rundir *rd, int k, gb_rundir *view, gb_error *err);

/* "vm, Python 3.12.1" (the parts that are known); "" for a folder of one
 * context without names. */
void rundir_context_words(const gb_rundir *rd, int k, char *out, size_t cap);
/* "vm-py3.12.1": for file names. */
void rundir_context_slug(const gb_rundir *rd, int k, char *out, size_t cap);

/* "incomplete run: 12 of 40 measurements (killed, interrupted or still
 * running)" into out, or "" for a complete run. */
void rundir_incomplete_text(const gb_rundir *rd, char *out, size_t cap);

/* Summary cell of row r; "" when r is out of range. */
const char *rundir_get(const gb_rundir *rd, int r, gb_summary_column c);
double rundir_number(const gb_rundir *rd, int r, gb_summary_column c);   /* NaN if empty */
int rundir_point(const gb_rundir *rd, int r);
int rundir_is_ok(const gb_rundir *rd, int r);

/* samples.csv cell of row i. */
const char *rundir_sample(const gb_rundir *rd, int i, gb_samples_column c);
double rundir_sample_number(const gb_rundir *rd, int i, gb_samples_column c);

/* Value of parameter `name` in row r's params ("n=10;batch=2"); 0 if absent. */
int rundir_param(const gb_rundir *rd, int r, const char *name, long long *value);

/* The summary row of scenario/variant at point index, or -1. */
int rundir_find(const gb_rundir *rd, const char *scenario, const char *variant, int point);

/* The highest point index of a scenario in the summary, or -1. */
int rundir_last_point(const gb_rundir *rd, const char *scenario);

/* The point index whose params match all bindings, or -1. */
int rundir_point_at(const gb_rundir *rd, const char *scenario, const gb_bindings *at);

/* The samples.csv rows of scenario/variant/point: *first indexes
 * rd->sample_order, *count how many follow.  The one home of this lookup. */
void rundir_samples_of(const gb_rundir *rd, const char *scenario, const char *variant, int point,
                       int *first, int *count);

/* A named metric's median with its interval at a point; 0 when absent. */
int rundir_metric(const gb_rundir *rd, const char *scenario, const char *variant, int point,
                  const char *metric, double v[3]);

/* The code.csv row of scenario/variant, or -1. */
int rundir_code_row(const gb_rundir *rd, const char *scenario, const char *variant);
const char *rundir_code(const gb_rundir *rd, int i, gb_code_column c);

/* The value of `key` in a sample's metrics cell ("a=1;b=2"); NAN if absent. */
double rundir_sample_metric(const gb_rundir *rd, int i, const char *key);

#endif
