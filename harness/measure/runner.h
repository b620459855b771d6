/* runner.h: a whole run: every point of every scenario, variants
 * interleaved in rounds, answers checked, rows written as they complete.
 *
 * For each point, round r runs every variant once, each in a fresh worker,
 * starting the order at variant r (A B C, B C A, C A B, ...), so drift and
 * position effects hit every variant alike.  Rounds are added until the
 * profile's rule says stop (measure.h, gb_profile_settings).  After the
 * last round the point's answers are checked against the baseline's and one
 * summary row per variant is written, with two-level statistics (one group
 * of samples per worker process: core/stats.h).  Ctrl-C stops the run after the current measurement;
 * the rows already written stay valid. */
#ifndef GB_RUNNER_H
#define GB_RUNNER_H

#include "manifest.h"
#include "measure.h"
#include "paths.h"

/* An interpreter the Python variants run under: the `python` column's
 * value, its executable, and the folder of extensions built for it. */
typedef struct gb_run_python {
    char name[GB_PYTHON_NAME_LEN];
    char executable[GB_PATH_LEN];
    char ext_dir[GB_PATH_LEN];
} gb_run_python;

typedef struct gb_run_config {
    gb_profile_id profile;
    gb_profile_settings settings;
    unsigned long long seed;
    const gb_paths *paths;
    const char *dir;
    int log_fd;
    int quiet;            /* no progress or floor lines */
    int instructions;     /* the instruction clock: settings.rounds hash seeds, one process each */
    const unsigned char *const *done;  /* resuming: done[python * count + manifest][point] set */
    const char *machine;  /* the `machine` column */
    const gb_run_python *pythons;   /* every scenario runs under each, in turn */
    int python_count;               /* 1..GB_MAX_PYTHONS */
} gb_run_config;

typedef struct gb_run_outcome {
    int failed;           /* summary rows whose status is not ok or skipped */
    int interrupted;
    int64_t planned, done;      /* measurements: the minimum planned, and those run */
    double eta_at_tenth;        /* the ETA once 10% of the plan was done (s); -1 never */
    double eta_history_share;   /* the share of the plan the cost history knew; NAN unknown */
    double actual_after_tenth;  /* the time the run really took from then on (s) */
    int status_counts[GB_STATUS_COUNT];
    double *scenario_seconds;   /* one per manifest, filled by the run */
    double overhead_ns[GB_MAX_PYTHONS][2];  /* per interpreter: empty Python / C call; NaN unknown */
} gb_run_outcome;

/* A variant's final status at a point from its rounds' measurements
 * (cells[0..rounds), in order): `skip` (a reason) makes it skipped; the
 * first round that failed gives its status and message; an answer that
 * differs from the baseline's (within the relative tolerance for floats)
 * is wrong; no baseline answer leaves it unchecked; no round run at all
 * is interrupted.  *msg gets the reason ("" when ok).  Pure. */
gb_status runner_judge(const gb_measurement *cells, int rounds, const char *skip,
                       const gb_answer_value *base, double tolerance, const char **msg);

/* A run of several interpreters runs every manifest under each in turn;
 * its slots (resume's done[], the progress plan) are laid out
 * interpreter by interpreter: this is the one home of that layout. */
static inline int runner_slot(int python, int manifests, int manifest)
{
    return python * manifests + manifest;
}

static inline int runner_slot_manifest(int slot, int manifests)
{
    return slot % manifests;
}

static inline int runner_slot_python(int slot, int manifests)
{
    return slot / manifests;
}

/* The default settings of each profile. */
gb_profile_settings runner_profile_settings(gb_profile_id profile);

/* Runs all manifests.  Returns 0 (see *out for failed variants and
 * interruption) or -1 with err when the results cannot be written. */
int runner_run(const gb_run_config *cfg, const gb_manifest *ms, int count, gb_run_outcome *out,
               gb_error *err);

#endif
