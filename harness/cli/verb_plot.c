/* verb_plot.c: `gluebench plot DIR`. */
#include "options.h"
#include "paths.h"
#include "plot.h"
#include "rundir.h"
#include "verbs.h"

#include <stdio.h>

static const char plot_usage[] =
    "usage: gluebench plot DIR\n"
    "Draws every chart of the run folder's scenarios into DIR/charts (SVG and PNG)\n"
    "with gnuplot, from the folder's CSVs, and lists them in DIR/charts/index.json.\n"
    "Wrong or failed variants are left out.  Exit 0 ok, 2 bad usage or not a run\n"
    "folder, 3 a chart or file could not be written.\n";

int verb_plot(int argc, char **argv)
{
    const char *dir[2];
    int npos, charts = 0;
    gb_error err;
    gb_rundir rd;
    gb_paths paths;
    const gb_option opts[] = {{NULL, 0, NULL, 0, 0}};
    gb_options_result how = argc > 2 ? OPTIONS_BAD : options_parse(argc, argv, opts, dir, &npos, &err);
    if (how == OPTIONS_OK && npos != 1)
        how = (gb_fail(&err, "expects one run folder"), OPTIONS_BAD);
    if (how != OPTIONS_OK)
        return verb_usage("plot", plot_usage, how, argc > 2 ? NULL : &err);
    if (paths_init(&paths, NULL, &err) != 0 || rundir_open(&rd, dir[0], &err) != 0)
        return verb_fail("plot", GB_EXIT_USAGE, "%s", err.msg);
    char incomplete[256];
    rundir_incomplete_text(&rd, incomplete, sizeof incomplete);
    if (incomplete[0])
        fprintf(stderr, "gluebench plot: warning: %s\n", incomplete);
    int rc = plot_write(&rd, &paths, &charts, &err);
    rundir_close(&rd);
    if (rc != 0)
        return verb_fail("plot", GB_EXIT_IO, "%s", err.msg);
    printf("gluebench: %d charts in %s/charts (index.json lists them)\n", charts, dir[0]);
    return GB_EXIT_OK;
}
