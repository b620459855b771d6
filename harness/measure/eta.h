/* eta.h: the remaining time of a run, estimated from each variant's own
 * time per measurement.  Pure: no clock, no files; the caller (progress.c)
 * says what was measured and how long it took.
 *
 * The plan is a list of scenarios, each a list of points, each a list of
 * cells (one variant that applies at that point).  A cell's cost is
 *   expected measurements  x  seconds per measurement
 * with, in order of preference:
 *   seconds:  what this run measured in that cell (the running point);
 *             the cost history of that cell (eta_history.h) times this
 *             run's observed/historical ratio (its scenario's, shrunk
 *             towards the run's);
 *             a fit seconds = a + b * items over the variant's cells
 *             measured in this run;
 *             the profile's model (eta_model_seconds) times this run's
 *             observed/model ratio, whose prior is the whole history's
 *             (every scenario measured with these settings), else 1;
 *   count:    the history's count for that cell, else the scenario's mean
 *             rounds over its finished points, shrunk towards the run's,
 *             shrunk towards the history's mean count (else the middle of
 *             the profile's adaptive range).
 * Every ratio and mean is shrunk towards its prior by a fixed weight
 * (ETA_SHRINK_S seconds, ETA_SHRINK_POINTS points), so that the first
 * measurement of a run does not swing the ETA by its noise alone. */
#ifndef GB_ETA_H
#define GB_ETA_H

#include "manifest.h"
#include "measure.h"

typedef enum { ETA_PENDING, ETA_RUNNING, ETA_FINISHED, ETA_SKIPPED } eta_state;

typedef struct eta_cell {
    int point;            /* its point's index in the plan */
    int variant;          /* index in its scenario */
    gb_kind kind;
    double items;
    double hist_sec;      /* the history's seconds per measurement; 0: none */
    double hist_count;    /* the history's measurements in this cell */
    double obs_sum;       /* this run's seconds in this cell */
    int obs_n;            /* this run's measurements in this cell */
} eta_cell;

typedef struct eta_point {
    int scenario;
    int first_cell, cells;
    eta_state state;
} eta_point;

typedef struct eta_scenario {
    int first_point, points;
    double rounds_sum;    /* rounds of its finished points */
    int finished;
    double hist_obs, hist_exp;   /* seconds measured / the history's, cells with history */
} eta_scenario;

/* What the model needs of the run's settings. */
typedef struct eta_model {
    double target_s;
    int warmup, samples, rounds, max_rounds;
    int adaptive;         /* rounds are added up to max_rounds */
    int instructions;     /* under valgrind */
} eta_model;

typedef struct gb_eta {
    eta_model model;
    eta_scenario *scen;
    eta_point *points;
    eta_cell *cells;
    int nscen, npoints, ncells, cap_scen, cap_points, cap_cells;
    double hist_obs, hist_exp;       /* the run's, cells with history */
    double model_obs, model_exp;     /* the run's, cells without */
    double rounds_sum;               /* over every finished point */
    int finished;
    double prior_sum, prior_model, prior_count;  /* the history's: seconds, model seconds, count */
    int prior_cells;                             /* ... over this many entries */
} gb_eta;

void eta_init(gb_eta *e, const gb_profile_settings *s, int instructions);
void eta_free(gb_eta *e);

/* Building the plan, in run order.  Each returns the new index, or -1 when
 * out of memory.  A point added with skipped=1 (resumed: measured before)
 * costs nothing.  hist_count 0: the cell has no history. */
int eta_add_scenario(gb_eta *e);
int eta_add_point(gb_eta *e, int skipped);
int eta_add_cell(gb_eta *e, int variant, gb_kind kind, double items, double hist_sec,
                 double hist_count);

/* One entry of the history with this run's settings (any scenario, in the
 * plan or not): the priors of cells without history are the history's
 * mean count and its seconds against the model's. */
void eta_add_prior(gb_eta *e, gb_kind kind, double sec, double count);

/* The cell of variant `variant` at the scenario's point `point`; -1: none. */
int eta_cell_of(const gb_eta *e, int scenario, int point, int variant);

/* One measurement in cell c took `seconds` (its point is now running). */
void eta_measured(gb_eta *e, int c, double seconds);
/* More time belongs to cell c's last measurement (the runner's work after
 * it: statistics, the summary rows). */
void eta_add_time(gb_eta *e, int c, double seconds);
/* Point `point` (a global index) finished after `rounds` rounds. */
void eta_point_finished(gb_eta *e, int point, int rounds);

/* The seconds the unfinished points are expected to take. */
double eta_remaining(const gb_eta *e);

/* The model's seconds for one measurement of a variant of this kind: a
 * worker's start, calibration, warmup and samples at the target time
 * (process variants: one command per sample).  A floor: set-up and calls
 * slower than the target are what the observed/model ratio learns. */
double eta_model_seconds(const eta_model *m, gb_kind kind);

#endif
