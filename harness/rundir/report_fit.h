/* report_fit.h: two sections of a scenario in summary.md, from the run
 * folder only: how each variant's time grows with the items parameter (the
 * complexity fit of stats.h) and which points to distrust (Stability), as
 * Google Benchmark prints BigO lines and pyperf warns of unstable runs. */
#ifndef GB_REPORT_FIT_H
#define GB_REPORT_FIT_H

#include "rundir.h"

#include <stdio.h>

#define REPORT_FIT_MAX_CV 0.05          /* above: "unstable", as pyperf warns */
#define REPORT_FIT_MIN_SAMPLE_NS 1e6    /* below: "sample too short" */
#define REPORT_FIT_MAX_PROCESS_SHARE 0.5 /* above: "the variance lies between processes" */

/* Writes "### Complexity" when m names an items parameter and some variant
 * has ok rows at >= 3 values of it with the other parameters at their value
 * at the last point: one line per such variant, its best fit and constant.
 * Then always "### Stability": per variant the points whose CV is above
 * REPORT_FIT_MAX_CV or whose shortest sample (ns_total) is below
 * REPORT_FIT_MIN_SAMPLE_NS, or a line saying there are none.  Rows that are
 * not ok are left out (the Failures section lists them). */
void report_fit_write(FILE *md, const gb_rundir *rd, const gb_manifest *m);

#endif
