/* results.h: the run folder's CSV files, written row by row as the run
 * goes (samples.csv, summary.csv, metrics.csv; core/schema.h), each row
 * whole on disk when written. */
#ifndef GB_RESULTS_H
#define GB_RESULTS_H

#include "csv.h"
#include "manifest.h"
#include "measure.h"

typedef struct gb_results {
    int samples_fd;
    int summary_fd;
    int metrics_fd;
    char dir[GB_PATH_LEN];
    char machine[GB_MACHINE_LEN], python[GB_PYTHON_NAME_LEN];   /* every row's context */
    csv_row row;
} gb_results;

/* A value with its 95% interval (NAN where unknown). */
typedef struct gb_estimate {
    double value, lo, hi;
} gb_estimate;

/* What the summary row of one variant at one point says. */
typedef struct gb_point_summary {
    const gb_manifest *m;
    const gb_variant *v;
    int point;
    const gb_bindings *params;
    int64_t items;
    gb_status status;
    const char *message;
    int rounds, samples;
    long long loops;
    gb_estimate time;             /* ns per call */
    double cv;
    int outliers;
    double process_share;         /* NAN: fewer than 2 processes */
    int target_met;               /* -1: no target (smoke, check) */
    gb_estimate speedup;
    long rss_kb, idle_rss_kb;
    double gc_per_call, gc_ns_per_call, gc_max_ns, cpu_ns_per_call;
    int64_t alloc_bytes;
    gb_estimate instr;            /* instructions per call: median, min, max over seeds */
    const gb_answer_value *answer;   /* NULL: none */
    gb_estimate metrics[GB_MAX_METRICS];   /* by the manifest's metric index */
    int metric_samples[GB_MAX_METRICS];    /* 0: the variant never reported it */
} gb_point_summary;

/* Creates dir's CSVs with their headers (or, resuming, opens them to
 * append).  Returns 0, or -1 with err naming the file. */
int results_open(gb_results *r, const char *dir, int resume, gb_error *err);
void results_close(gb_results *r);

/* Sets the context the following rows are written with. */
void results_set_context(gb_results *r, const char *machine, const char *python);

/* "n=1000;batch=10" */
void results_params_text(const gb_bindings *params, char *out, size_t cap);

/* One samples.csv row per sample of meas.  Returns 0, or -1 with err. */
int results_add_samples(gb_results *r, const gb_manifest *m, const gb_variant *v, int point,
                        const gb_bindings *params, int round, const gb_measurement *meas,
                        gb_error *err);

/* The summary.csv row and one metrics.csv row per metric the variant
 * reported.  Returns 0, or -1 with err. */
int results_add_summary(gb_results *r, const gb_point_summary *s, gb_error *err);

#endif
