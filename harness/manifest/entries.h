/* entries.h: checking at load time that what a manifest names exists: the
 * Python function of each python variant's entry, setup and teardown, the
 * C variant in its built kernel library, and a gnuplot script per chart
 * type.  A typo then fails `list`, `check` and `run` at once, with the
 * manifest's file and the variant's or chart's line, instead of as a worker
 * error mid-run. */
#ifndef GB_ENTRIES_H
#define GB_ENTRIES_H

#include "manifest.h"
#include "paths.h"

/* Returns 0, or -1 with err ("file:line: variant 'v': ...") at the first
 * name that does not resolve.  Python modules are found in the folders of
 * p->pythonpath and read, not imported: a top-level def, class, assignment
 * or import binding the name counts. */
int entries_check(const gb_manifest *m, const gb_paths *p, gb_error *err);

#endif
