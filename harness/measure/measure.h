/* measure.h: one measurement: one variant at one point in one fresh worker
 * process.  Setup is untimed; the loop count is calibrated (unless given)
 * until one sample lasts the profile's target; warmup samples are dropped;
 * then the samples, and for Python an untimed tracemalloc pass.
 *
 * A worker that crashes, hangs past the manifest's timeout, replies with
 * garbage or reports an error ends the measurement with that status and a
 * message; the worker is always reaped, never left running. */
#ifndef GB_MEASURE_H
#define GB_MEASURE_H

#include "manifest.h"
#include "paths.h"
#include "protocol.h"

typedef enum {
    GB_STATUS_OK,
    GB_STATUS_WRONG,       /* answer differs from the baseline's */
    GB_STATUS_UNCHECKED,   /* the baseline failed, so nothing to compare with */
    GB_STATUS_CRASHED,
    GB_STATUS_TIMEOUT,
    GB_STATUS_ERROR,       /* the variant raised or setup failed */
    GB_STATUS_GARBAGE,     /* the worker broke the protocol */
    GB_STATUS_INTERRUPTED,
    GB_STATUS_SKIPPED,     /* outside the variant's limit */
    GB_STATUS_OOM,         /* out of memory: the worker's cap (memory_mb) or the machine's */
    GB_STATUS_COUNT,
} gb_status;

/* How a profile measures a point (README, "How a point is measured").
 * Rounds are adaptive: after `rounds` rounds the runner adds rounds of
 * fresh processes until every variant's interval is within `halfwidth`
 * (relative half-width), `max_rounds` is reached, or the point has used
 * `budget_s`.  halfwidth 0: exactly `rounds` rounds. */
typedef struct gb_profile_settings {
    double target_s;   /* a sample lasts at least this long */
    int warmup;        /* samples dropped per process */
    int samples;       /* samples kept per process */
    int rounds;        /* processes per variant per point, at least */
    int max_rounds;    /* ... and at most */
    double halfwidth;  /* the target relative half-width of each interval; 0: none */
    double budget_s;   /* the wall time a point may take before no round is added */
} gb_profile_settings;

typedef struct gb_job {
    const gb_manifest *m;
    const gb_variant *v;
    const gb_bindings *point;
    const gb_paths *paths;
    const gb_profile_settings *profile;
    unsigned long long seed;
    long long loops;   /* 0: calibrate */
    int want_alloc;    /* run the tracemalloc pass */
    int log_fd;        /* workers' stderr */
    int instructions;  /* 1: the instruction clock (valgrind), not the wall clock */
    int hash_seed;     /* PYTHONHASHSEED for the worker; -1: the environment's */
} gb_job;

typedef struct gb_measurement {
    gb_status status;
    char message[GB_REPLY_TEXT_LEN + 128];
    int have_answer;
    gb_answer_value answer;
    long long loops;
    int samples;
    double ns_per_call[GB_MAX_SAMPLES];
    double gc_collections[GB_MAX_SAMPLES];   /* per sample */
    double gc_ns[GB_MAX_SAMPLES];            /* per sample */
    double cpu_ns[GB_MAX_SAMPLES];           /* per sample, every thread */
    double gc_max_ns[GB_MAX_SAMPLES];        /* the longest collection of each sample */
    double metrics[GB_MAX_SAMPLES][GB_MAX_METRICS]; /* by the manifest's metric index; NAN: absent */
    int64_t alloc_bytes;                     /* -1: not measured */
    double instr_per_call;                   /* the instruction clock's count; NAN: none */
    long maxrss_kb;
} gb_measurement;

/* Runs the job; the outcome, good or bad, is in *out.  Returns 0 unless the
 * worker could not even be started (-1, with the reason in out->message). */
int measure_run(const gb_job *job, gb_measurement *out);

/* Peak RSS of a worker of this kind that loads nothing (for comparison). */
long measure_idle_rss(gb_kind kind, const gb_paths *paths, int log_fd);

const char *measure_status_name(gb_status status);

#endif
