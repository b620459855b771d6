/* plot.h: a run folder's charts (gnuplot, one script per chart type in
 * plots/) and charts/index.json, from the folder alone. */
#ifndef GB_PLOT_H
#define GB_PLOT_H

#include "paths.h"
#include "rundir.h"

/* Draws every chart of rd's manifests into DIR/charts and writes
 * DIR/charts/index.json; *charts gets how many were drawn (a chart with no
 * ok rows is left out).  Returns 0, or -1 with err naming the chart or file. */
int plot_write(const gb_rundir *rd, const gb_paths *paths, int *charts, gb_error *err);

#endif
