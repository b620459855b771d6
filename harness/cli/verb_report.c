/* verb_report.c: `gluebench report DIR`. */
#include "options.h"
#include "report.h"
#include "rundir.h"
#include "verbs.h"

#include <stdio.h>

static const char report_usage[] =
    "usage: gluebench report DIR [--rate R] [--price P] [--quiet]\n"
    "Writes DIR/summary.md (a verdict table first, then each scenario's question,\n"
    "findings judged against their expectations with 95% intervals, failures, the\n"
    "points that missed their precision target, a table of every point, complexity\n"
    "and stability), DIR/findings.json, DIR/results.json and DIR/results.md, from the\n"
    "folder's files only, and prints the verdicts.  Exit 0 ok, 2 bad usage or not a\n"
    "run folder, 3 a file could not be written.\n"
    "  --rate R    calls a second, for the cost-times-frequency answers (default 100)\n"
    "  --price P   USD per vCPU-hour (default 0.04)\n";

int verb_report(int argc, char **argv)
{
    const char *dir[4];
    int npos, quiet = 0;
    gb_error err;
    gb_rundir rd;
    gb_decision_opts o = {DECISIONS_DEFAULT_RATE, DECISIONS_DEFAULT_PRICE};
    const gb_option opts[] = {{"--quiet", OPT_FLAG, &quiet, 0, 0},
                              {"--rate", OPT_DOUBLE, &o.rate, 1e-9, 1e12},
                              {"--price", OPT_DOUBLE, &o.price, 0, 1e6},
                              {NULL, 0, NULL, 0, 0}};
    gb_options_result how = argc > 7 ? OPTIONS_BAD : options_parse(argc, argv, opts, dir, &npos, &err);
    if (how == OPTIONS_OK && npos != 1)
        how = (gb_fail(&err, "expects one run folder"), OPTIONS_BAD);
    if (how != OPTIONS_OK)
        return verb_usage("report", report_usage, how, argc > 7 ? NULL : &err);
    if (rundir_open(&rd, dir[0], &err) != 0)
        return verb_fail("report", GB_EXIT_USAGE, "%s", err.msg);
    int rc = report_write(&rd, &o, quiet ? NULL : stdout, &err);
    rundir_close(&rd);
    if (rc != 0)
        return verb_fail("report", GB_EXIT_IO, "%s", err.msg);
    if (!quiet)
        printf("\ngluebench: report in %s/summary.md (findings.json, results.json, results.md)\n",
               dir[0]);
    return GB_EXIT_OK;
}
