# lines.gp: one series per variant against a sweep parameter.
#
#   gnuplot -e "dir='plots/'; datafile='F'; outbase='O'; charttitle='T';
#               xlabel='X'; ylabel='Y'; logx=1; logy=1; caption='C'" plots/lines.gp
#
# Data: one block per variant, blocks separated by two blank lines.  A block
# starts with the header `x "label" lo hi style`, then rows
# `x y lo hi styleindex`; lo..hi is the 95% interval of y.  Every row of a
# block carries the same style index (see style.gp).
# Writes outbase.svg and outbase.png.

if (!exists("dir")) dir = 'plots/'
if (strlen(dir) > 0 && dir[strlen(dir):] ne '/') dir = dir.'/'
load dir.'style.gp'
logx = exists("logx") ? logx : 0
logy = exists("logy") ? logy : 0

# The header lines are not numbers: stats skips them and still counts blocks.
stats datafile using 5 nooutput
nseries = STATS_blocks
array series_lt[nseries]
do for [i = 1:nseries] {
    stats datafile index (i - 1) using 5 nooutput
    series_lt[i] = gb_lt(STATS_min)
}

# On a log axis a zero or negative bound cannot be drawn: fall back to y so
# the point stays and only that whisker is lost.
bound(c) = (logy && column(c) <= 0) ? column(2) : column(c)

# One column per stats call: two columns would fit a line, which warns on
# two points.
stats datafile using 1 nooutput
xlo = STATS_min
xhi = STATS_max
stats datafile using (bound(3)) nooutput
ylo = STATS_min
stats datafile using (bound(4)) nooutput
yhi = STATS_max

# The distinct x values, in order of appearance, as words of xs.
xs = ' '
addx(v) = (v != v || strstrt(xs, ' '.sprintf('%.15g', v).' ') > 0) \
    ? 0 : (xs = xs.sprintf('%.15g', v).' ', 1)
stats datafile using (addx($1)) nooutput

# A log axis ends at the data (plus offsets) rather than the decades around
# it; a sweep of a dozen points or fewer gets a tick at each one measured.
# SI prefixes (1k, 10M) read well on a log axis unless values go below 1,
# where "500m" would be mistaken for minutes or metres.
if (logx) {
    set logscale x 10
    set autoscale xfix
    set format x (xlo >= 1 ? '%.0s%c' : '%g')
    if (words(xs) <= 12) {
        gb_list = ''
        do for [i = 1:words(xs)] {
            gb_list = gb_list.(i > 1 ? ', ' : '').word(xs, i)
        }
        eval 'set xtics ('.gb_list.')'
    } else {
        gb_axis = 'x'; gb_lo = xlo; gb_hi = xhi
        eval gb_logtics
    }
} else {
    set format x '%g'
}
if (logy) {
    set logscale y 10
    set autoscale yfix
    set format y (ylo >= 1 ? '%.0s%c' : '%g')
    gb_axis = 'y'; gb_lo = ylo; gb_hi = yhi
    eval gb_logtics
} else {
    set format y '%g'
    set yrange [0:*]
}
# A sweep of one point has no x range to autoscale; give it one.
if (xlo == xhi) {
    if (logx) {
        set xrange [xlo / 2 : xlo * 2]
    } else {
        set xrange [xlo - 1 : xlo + 1]
    }
}
set mxtics default
set mytics default
# Keep the first and last points (and their whiskers) off the border.
if (logy) {
    set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
} else {
    set offsets graph 0.03, graph 0.03, graph 0.05, 0
}

eval gb_svg
plot for [i = 1:nseries] datafile index (i - 1) \
    using 1:2:(bound(3)):(bound(4)) with yerrorlines lt series_lt[i] \
    title columnheader(2)
eval gb_png
replot
eval gb_done
