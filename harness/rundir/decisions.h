/* decisions.h: the orchestrator talk's decision framework answered per
 * scenario from the run folder, in the project's own words:
 *
 *   1. Is this code the bottleneck?  The baseline's CPU share of its wall
 *      time, and the bound it puts on any rewrite of the compute (Amdahl).
 *   2. Cost x frequency: the baseline's cost per call times a call rate,
 *      in CPU-seconds a day and in money at a stated price per vCPU-hour,
 *      and what the fastest confirmed variant saves of it.
 *   3. Can the work be reduced first?  The best variant that does less
 *      work (a cache, a batch, a better query, a builtin) beside the best
 *      that moves the work into C.
 *   4. Does the boundary pay?  The cost models (fixed + per item) of the
 *      baseline and the fastest C variant, and the crossover: the size
 *      below which the Python stays and above which one call into C wins.
 *
 * Then justified complexity: each variant's lines added over the baseline
 * (code.csv), its dependencies and build, against its speedup; a variant
 * that adds many lines for little gain is flagged as technical debt. */
#ifndef GB_DECISIONS_H
#define GB_DECISIONS_H

#include "findings.h"

#include <stdio.h>

#define DECISIONS_DEFAULT_RATE 100.0      /* calls a second */
#define DECISIONS_DEFAULT_PRICE 0.04      /* USD per vCPU-hour */
#define DECISIONS_DEBT_LINES 20           /* at least this many lines added ... */
#define DECISIONS_DEBT_GAIN 1.25          /* ... for a speedup that cannot reach this */
#define DECISIONS_PAYS_GAIN 2.0           /* a speedup whose lower end clears this pays */

typedef struct gb_decision_opts {
    double rate;    /* calls per second */
    double price;   /* USD per vCPU-hour */
} gb_decision_opts;

/* "## Decisions" of summary.md: the four answers per scenario, then the
 * justified-complexity table. */
void decisions_write_md(FILE *md, const gb_rundir *rd, const gb_decision_opts *o);

/* The same as a JSON object for findings.json's scenario m ("decisions"). */
void decisions_write_json(FILE *f, const gb_rundir *rd, const gb_manifest *m,
                          const gb_decision_opts *o);

/* The same as HTML (an ordered list and the verdict) for report.html. */
void decisions_write_html(FILE *f, const gb_rundir *rd, const gb_manifest *m,
                          const gb_decision_opts *o);

#endif
