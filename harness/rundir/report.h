/* report.h: everything `gluebench report DIR` writes, from the folder
 * alone: summary.md, findings.json, report.html, results.json and results.md. */
#ifndef GB_REPORT_H
#define GB_REPORT_H

#include "decisions.h"
#include "rundir.h"

#include <stdio.h>

/* Writes the report files into rd->dir and, when echo is not NULL, the
 * verdicts to it, one line each.  Returns 0, or -1 with err naming the file
 * that failed. */
int report_write(const gb_rundir *rd, const gb_decision_opts *o, FILE *echo, gb_error *err);

#endif
