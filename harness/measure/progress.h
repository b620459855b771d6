/* progress.h: one progress line on stderr (a line that redraws itself with
 * a bar on a terminal, plain lines otherwise) and the run's ETA.
 *
 * The ETA is eta.h's: each cell (variant at a point) costed from what
 * this run measured there, else from the cost history of earlier runs
 * (eta_history.h, in the cache folder) scaled by this run's pace, else
 * from a fit over the variant's other points, else from the profile's
 * model.  Each measurement's time runs from its step to the next (so the
 * runner's statistics between measurements are costed too); the history
 * is written when a scenario ends and when the run ends. */
#ifndef GB_PROGRESS_H
#define GB_PROGRESS_H

#include "eta.h"
#include "manifest.h"
#include "runner.h"

#include <stdint.h>

typedef struct gb_progress {
    int64_t total, done;      /* total: the minimum planned; adaptive rounds add more */
    int quiet, tty;
    double start_s;
    int last_point_printed;
    const gb_manifest *ms;
    int manifests;            /* ms[0..manifests) */
    int count;                /* plan slots: interpreters x manifests (runner.h's done[]) */
    gb_profile_id profile;
    gb_eta eta;
    int *first_point;         /* per manifest: its first point in the plan */
    char **keys;              /* per plan cell: its history key (NULL: out of memory) */
    unsigned char *committed; /* per plan point: written to the history */
    char history_path[GB_PATH_LEN + 32];
    int history_failed;       /* said once */
    int cur_m, cur_p, cur_cell;
    double step_start;
    int open_cell;            /* the last measurement's cell, its time still running; -1 */
    double open_since;
    double eta_at_tenth, clock_at_tenth;   /* the ETA once 10% of the plan was done; -1 */
} gb_progress;

/* Builds the plan of cfg's run over ms[0..count) and reads the history
 * (cfg->paths->cache_dir).  cfg->quiet: print nothing (the ETA is still
 * computed).  Out of memory leaves an ETA of -1, never a failed run. */
void progress_init(gb_progress *p, const gb_run_config *cfg, const gb_manifest *ms, int count,
                   int64_t total_measurements);
void progress_free(gb_progress *p);

/* About to run one measurement of variant vi at point `point` of plan
 * slot m (interpreter k's manifest s is slot k * manifests + s). */
void progress_step(gb_progress *p, int m, int point, int points, int vi);
/* It finished. */
void progress_advance(gb_progress *p);
/* Point `point` of ms[m] finished after `rounds` rounds. */
void progress_point_done(gb_progress *p, int m, int point, int rounds);
/* The share of the plan's cells the cost history knew when the run
 * started (0 on a machine's first run; NAN without a plan). */
double progress_history_share(const gb_progress *p);
/* The predicted remaining seconds; -1 before any measurement. */
double progress_eta(const gb_progress *p);
/* Writes the history and the closing line. */
void progress_finish(gb_progress *p);

#endif
