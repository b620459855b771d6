/* results.h: the run folder's CSV files, written row by row as the run
 * goes (samples.csv, summary.csv), each row whole on disk when written. */
#ifndef GB_RESULTS_H
#define GB_RESULTS_H

#include "csv.h"
#include "manifest.h"
#include "measure.h"

typedef struct gb_results {
    int samples_fd;
    int summary_fd;
    csv_row row;
} gb_results;

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
    double median, lo, hi, cv;
    int outliers;
    double speedup, speedup_lo, speedup_hi;
    long rss_kb, idle_rss_kb;
    double gc_per_call, gc_ns_per_call;
    int64_t alloc_bytes;
    const gb_answer_value *answer;   /* NULL: none */
} gb_point_summary;

int results_open(gb_results *r, const char *dir, gb_error *err);
void results_close(gb_results *r);

/* "n=1000;batch=10" */
void results_params_text(const gb_bindings *params, char *out, size_t cap);

int results_add_samples(gb_results *r, const gb_manifest *m, const gb_variant *v, int point,
                        const gb_bindings *params, int round, const gb_measurement *meas,
                        gb_error *err);

int results_add_summary(gb_results *r, const gb_point_summary *s, gb_error *err);

#endif
