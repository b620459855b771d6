# points.gp: a scatter, one colour per variant, of y against a metric such
# as peak memory (x = "alloc_kb" or "rss_mb" in the manifest).
#
#   gnuplot -e "dir='plots/'; datafile='F'; outbase='O'; charttitle='T';
#               xlabel='X'; ylabel='Y'; logx=1; logy=1; caption='C'" plots/points.gp
#
# Data: the series file of lines.gp: one block per variant, blocks separated
# by two blank lines, a header `x "label" lo hi style`, then rows
# `x y lo hi styleindex`; lo..hi is the 95% interval of y.  Rows are not
# joined: x is measured, not swept, so an order along x would mean nothing.
# Writes outbase.svg and outbase.png.

if (!exists("dir")) dir = 'plots/'
if (strlen(dir) > 0 && dir[strlen(dir):] ne '/') dir = dir.'/'
load dir.'style.gp'
logx = exists("logx") ? logx : 0
logy = exists("logy") ? logy : 0

stats datafile using 5 nooutput
nseries = STATS_blocks
array series_lt[nseries]
do for [i = 1:nseries] {
    stats datafile index (i - 1) using 5 nooutput
    series_lt[i] = gb_lt(STATS_min)
}

# A measured x can be 0 (nothing allocated): on a log axis that point cannot
# be drawn, so it is left out rather than failing the whole chart.
xval(c) = (logx && column(c) <= 0) ? NaN : column(c)
bound(c) = (logy && column(c) <= 0) ? column(2) : column(c)

stats datafile using (xval(1)):(bound(3)) nooutput
if (logx) {
    set logscale x 10
    set format x (STATS_min_x >= 1 ? '%.0s%c' : '%g')
} else {
    set format x '%g'
    set xrange [0:*]
}
if (logy) {
    set logscale y 10
    set format y (STATS_min_y >= 1 ? '%.0s%c' : '%g')
} else {
    set format y '%g'
    set yrange [0:*]
}
set mxtics default
set mytics default
# Keep the extreme points off the border; a log y axis already widens to
# whole decades.
if (logy) {
    set offsets graph 0.04, graph 0.04, 0, 0
} else {
    set offsets graph 0.04, graph 0.04, graph 0.05, 0
}

eval gb_svg
plot for [i = 1:nseries] datafile index (i - 1) \
    using (xval(1)):2:(bound(3)):(bound(4)) with yerrorbars lt series_lt[i] \
    title columnheader(2)
eval gb_png
replot
eval gb_done
