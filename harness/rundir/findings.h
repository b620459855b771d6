/* findings.h: each manifest finding judged from a run folder.
 *
 * A finding compares a variant with another at one point on one measure:
 * ratio = value(than) / value(variant), with a 95% interval from the
 * two-level bootstrap of their samples paired by round (core/stats.h).
 * Its claim (expect and bounds) is a region on that axis; the verdict is
 * confirmed when the interval lies inside it, contradicted when outside,
 * undecided when it straddles an edge, and "not measured" when either
 * side has no valid measurement at that point.  The word "faster" is used
 * only when the whole interval lies above 1 beyond the noise threshold. */
#ifndef GB_FINDINGS_H
#define GB_FINDINGS_H

#include "rundir.h"

#define FINDINGS_NOISE 0.01        /* ratios within 1% of 1 are "the same" */
#define FINDINGS_TEXT_LEN 1024

typedef enum {
    FINDING_CONFIRMED, FINDING_CONTRADICTED, FINDING_UNDECIDED, FINDING_NOT_JUDGED,
    FINDING_NOT_MEASURED
} gb_verdict;

typedef struct gb_judged {
    const gb_manifest *m;
    const gb_finding *f;
    int index;                    /* in the manifest's findings */
    int point;                    /* -1: the point is not in the run */
    char params[256];             /* "n=1000" */
    char params_words[256];       /* "at n = 1,000" */
    double ratio, lo, hi;         /* NAN: not measured */
    double region_lo, region_hi;  /* the claim; NAN without one */
    const char *direction;        /* "faster", "slower", "no measurable difference", ... */
    double factor, factor_lo, factor_hi;   /* in the measured direction (>= 1) */
    gb_verdict verdict;
    char claim[128];              /* "faster, at least 10x" */
    char sentence[FINDINGS_TEXT_LEN];
} gb_judged;

/* Judges every finding of every manifest in rd into a new array (the
 * caller frees it); *count gets its length.  NULL with err on allocation
 * failure. */
gb_judged *findings_judge(const gb_rundir *rd, int *count, gb_error *err);

/* One context of a run folder (rundir.h): its view and its findings. */
typedef struct gb_judged_context {
    gb_rundir view;
    gb_judged *js;
    int n;
    char words[128];   /* "vm, Python 3.12.1" */
} gb_judged_context;

/* A view of every context of rd, each judged, in a new array of
 * rd->context_count (free with findings_free_contexts).  NULL with err. */
gb_judged_context *findings_judge_contexts(const gb_rundir *rd, gb_error *err);
void findings_free_contexts(gb_judged_context *cs, int count);

const char *findings_verdict_name(gb_verdict v);

/* "at n = 1,000,000; batch = 10" from "n=1000000;batch=10" (words for a
 * caption or a sentence); "at the only point" for none. */
void findings_params_words(const char *params, char *out, size_t cap);

#endif
