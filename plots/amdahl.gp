# amdahl.gp: measured speedups against the compute share, each series with
# Amdahl's law fitted to it.
#
#   gnuplot -e "dir='plots/'; datafile='F'; outbase='O'; charttitle='T';
#               xlabel='X'; ylabel='Y'; logx=0; logy=1; caption='C'" plots/amdahl.gp
#
# Data: the series file of lines.gp: one block per variant, blocks separated
# by two blank lines, a header `x "label" lo hi style`, then rows
# `x y lo hi styleindex`, where x is the compute share in percent and y the
# speedup over the baseline (lo..hi its 95% interval).
#
# For every series whose speedup is not 1 everywhere (the baseline's is),
# gnuplot's fit finds the s of Amdahl's law, speedup = 1 / ((1 - p) + p / s)
# with p = x / 100, and draws that curve dashed in the series' colour.  The
# fit is on log(speedup), so the small speedups at small shares weigh as
# much as the large ones.  A grey dotted curve, 1 / (1 - p), is the limit
# for an infinitely fast rewrite.  Writes outbase.svg and outbase.png.

if (!exists("dir")) dir = 'plots/'
if (strlen(dir) > 0 && dir[strlen(dir):] ne '/') dir = dir.'/'
load dir.'style.gp'
logy = exists("logy") ? logy : 0

amdahl(x, s) = 1.0 / ((1.0 - x / 100.0) + (x / 100.0) / s)
limit(x) = x < 100 ? 1.0 / (1.0 - x / 100.0) : NaN
bound(c) = (logy && column(c) <= 0) ? column(2) : column(c)

# The header lines are not numbers: stats skips them and still counts blocks.
stats datafile using 5 nooutput
nseries = STATS_blocks
array series_lt[nseries]
array fitted_s[nseries]
set fit quiet nolog
do for [i = 1:nseries] {
    stats datafile index (i - 1) using 5 nooutput
    series_lt[i] = gb_lt(STATS_min)
    fitted_s[i] = 0
    stats datafile index (i - 1) using 1:2 nooutput
    gb_flat = STATS_min_y > 0.999 && STATS_max_y < 1.001
    if (STATS_records > 0 && STATS_min_y > 0 && !gb_flat) {
        # s = exp(ls) keeps s positive whatever the data.
        ls = log(10.0)
        fit log(amdahl(x, exp(ls))) datafile index (i - 1) using 1:(log($2)) via ls
        fitted_s[i] = exp(ls)
    }
}
curve_title(i) = fitted_s[i] > 0 ? sprintf("Amdahl's law, s fitted = %.3g", fitted_s[i]) : ''

# The measured shares, as tick marks.
# The limit curve shoots off at 100%: clip the axis just above the data.
stats datafile using 1:(bound(4)) nooutput
ytop = STATS_max_y * 1.5
xs = ' '
addx(v) = (v != v || strstrt(xs, ' '.sprintf('%.15g', v).' ') > 0) \
    ? 0 : (xs = xs.sprintf('%.15g', v).' ', 1)
stats datafile using (addx($1)) nooutput
gb_list = ''
do for [i = 1:words(xs)] {
    gb_list = gb_list.(i > 1 ? ', ' : '').word(xs, i)
}
if (words(xs) <= 12) { eval 'set xtics ('.gb_list.')' }
set format x '%g%%'
set xrange [0:100]
set samples 400

if (logy) {
    set logscale y 10
    set format y '%g'
    set yrange [0.8:ytop]
    gb_axis = 'y'; gb_lo = 0.8; gb_hi = ytop
    eval gb_logtics
} else {
    set format y '%g'
    set yrange [0:ytop]
}
set mytics default
set offsets 0, 0, 0, 0

# A point above the limit is flagged unless its interval reaches down to
# it: no rewrite of the compute alone can do better than 1/(1-p).
above(x, y, lo) = (x < 100 && lo > limit(x)) ? y : NaN
gb_above = 0
stats datafile using (gb_above = gb_above + (($1 < 100 && bound(3) > limit($1)) ? 1 : 0), 1) nooutput
nabove = gb_above > 0 ? 1 : 0

eval gb_svg
plot limit(x) with lines lt 12 dt 3 lw 1.5 title 'limit for an infinitely fast rewrite: 1/(1-p)', \
    for [k = 1:nabove] datafile using 1:(above($1, $2, bound(3))) with points pt 6 ps 2.5 \
        lc rgb '#C00000' lw 2 title 'above the limit (its interval too): check the measurement', \
    for [i = 1:nseries] (fitted_s[i] > 0 ? amdahl(x, fitted_s[i]) : NaN) \
        with lines lt series_lt[i] dt 2 lw 1.5 title curve_title(i), \
    for [i = 1:nseries] datafile index (i - 1) \
        using 1:2:(bound(3)):(bound(4)) with yerrorbars lt series_lt[i] \
        title columnheader(2)
eval gb_png
replot
eval gb_done
