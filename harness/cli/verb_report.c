/* verb_report.c: `gluebench report DIR`. */
#include "options.h"
#include "report.h"
#include "rundir.h"
#include "verbs.h"

#include <stdio.h>

static const char report_usage[] =
    "usage: gluebench report DIR [--quiet]\n"
    "Writes DIR/summary.md (a verdict table first, then each scenario's question,\n"
    "findings judged against their expectations with 95% intervals, failures, the\n"
    "points that missed their precision target, a table of every point, complexity\n"
    "and stability), DIR/findings.json, DIR/results.json and DIR/results.md, from the\n"
    "folder's files only, and prints the verdicts.  Exit 0 ok, 2 bad usage or not a\n"
    "run folder, 3 a file could not be written.\n";

int verb_report(int argc, char **argv)
{
    const char *dir[4];
    int npos, quiet = 0;
    gb_error err;
    gb_rundir rd;
    const gb_option opts[] = {{"--quiet", OPT_FLAG, &quiet, 0, 0}, {NULL, 0, NULL, 0, 0}};
    gb_options_result how = argc > 3 ? OPTIONS_BAD : options_parse(argc, argv, opts, dir, &npos, &err);
    if (how == OPTIONS_OK && npos != 1)
        how = (gb_fail(&err, "expects one run folder"), OPTIONS_BAD);
    if (how != OPTIONS_OK)
        return verb_usage("report", report_usage, how, argc > 3 ? NULL : &err);
    if (rundir_open(&rd, dir[0], &err) != 0)
        return verb_fail("report", GB_EXIT_USAGE, "%s", err.msg);
    int rc = report_write(&rd, quiet, &err);
    rundir_close(&rd);
    if (rc != 0)
        return verb_fail("report", GB_EXIT_IO, "%s", err.msg);
    if (!quiet)
        printf("\ngluebench: report in %s/summary.md (findings.json, results.json, results.md)\n",
               dir[0]);
    return GB_EXIT_OK;
}
