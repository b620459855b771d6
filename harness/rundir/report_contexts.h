/* report_contexts.h: the part of summary.md that sets the contexts of a
 * folder (`run --python`, `merge`) side by side: which machines and
 * interpreters it holds, each finding's verdict in each of them, and each
 * scenario's cost at its largest point, as a ratio to the first context
 * judged by compare's interval rule (rundir/compare.h). */
#ifndef GB_REPORT_CONTEXTS_H
#define GB_REPORT_CONTEXTS_H

#include "findings.h"

#include <stdio.h>

void report_contexts_md(FILE *md, const gb_judged_context *cs, int count);

#endif
