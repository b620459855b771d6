/* progress.h: one progress line on stderr (a line that redraws itself with
 * a bar on a terminal, plain lines otherwise) and an ETA built from each
 * variant's own time per measurement, measured as the run goes: the
 * remaining measurements of a variant times its time so far, fitted
 * against the point's items (else its scenario's mean, else the run's), with the rounds a scenario's finished
 * points needed as the estimate of its adaptive rounds. */
#ifndef GB_PROGRESS_H
#define GB_PROGRESS_H

#include "manifest.h"

#include <stdint.h>

/* A variant's measurements so far: their time against the point's items,
 * for the fit seconds = a + b * items (set-up grows with the input). */
typedef struct gb_progress_var {
    double seconds;     /* measured so far */
    int measured;
    double sx, sxx, sy, sxy, min_items, max_items;
} gb_progress_var;

typedef struct gb_progress {
    int64_t total, done;      /* total: the minimum planned; adaptive rounds add more */
    int quiet, tty;
    double start_s;
    int last_point_printed;
    const gb_manifest *ms;
    int count;
    gb_profile_id profile;
    int min_rounds;
    gb_progress_var **vars;   /* [manifest][variant] */
    double *rounds_used;      /* per manifest: rounds summed over finished points */
    int *points_done;         /* per manifest */
    int cur_m, cur_p, cur_v, cur_round_measured;
    double step_start;
    double eta_at_tenth, clock_at_tenth;   /* the ETA once 10% of the plan was done; -1 */
} gb_progress;

/* quiet: print nothing (the ETA is still computed). */
void progress_init(gb_progress *p, const gb_manifest *ms, int count, gb_profile_id profile,
                   int min_rounds, int64_t total_measurements, int quiet);
void progress_free(gb_progress *p);

/* About to run one measurement of variant vi at point `point` of ms[m]. */
void progress_step(gb_progress *p, int m, int point, int points, int vi);
/* It finished. */
void progress_advance(gb_progress *p);
/* The point finished after `rounds` rounds. */
void progress_point_done(gb_progress *p, int m, int rounds);
/* The predicted remaining seconds; -1 before any measurement. */
double progress_eta(const gb_progress *p);
void progress_finish(gb_progress *p);

#endif
