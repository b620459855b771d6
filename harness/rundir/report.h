/* report.h: everything `gluebench report DIR` writes, from the folder
 * alone: summary.md, findings.json, results.json and results.md. */
#ifndef GB_REPORT_H
#define GB_REPORT_H

#include "rundir.h"

/* Writes the report files into rd->dir and (unless quiet) prints the
 * verdicts.  Returns 0, or -1 with err naming the file that failed. */
int report_write(const gb_rundir *rd, int quiet, gb_error *err);

#endif
