# bars.gp: one bar per variant at one point of the sweep.
#
#   gnuplot -e "dir='plots/'; datafile='F'; outbase='O'; charttitle='T';
#               xlabel='X'; ylabel='Y'; logx=0; logy=1; caption='C'" plots/bars.gp
#
# Data: one row per variant, in the order to draw them:
# `"label" y lo hi styleindex`; lo..hi is the 95% interval of y.  logx is
# ignored.  Writes outbase.svg and outbase.png.

if (!exists("dir")) dir = 'plots/'
if (strlen(dir) > 0 && dir[strlen(dir):] ne '/') dir = dir.'/'
load dir.'style.gp'
logy = exists("logy") ? logy : 0

# On a log axis a zero or negative bound cannot be drawn: fall back to y so
# the bar stays and only that whisker is lost.
bound(c) = (logy && column(c) <= 0) ? column(2) : column(c)

stats datafile using 2 nooutput
nbars = STATS_records
# One column per stats call: two columns would fit a line, which warns on
# two points.  The axis must hold every value and both ends of its interval.
stats datafile using ((bound(3) < $2) ? bound(3) : $2) nooutput
ymin = STATS_min
stats datafile using ((bound(4) > $2) ? bound(4) : $2) nooutput
ymax = STATS_max
stats datafile using (strlen(strcol(1))) nooutput
longest = STATS_max

# Bars grow from zero on a linear axis.  A log axis has no zero: bars grow
# from 1 when the values straddle it (a ratio reads as up = more, down =
# less), else from the decade below the smallest value.
if (logy) {
    set logscale y 10
    base = (ymin < 1 && ymax >= 1) ? 1 : 10**floor(log10(ymin))
    set autoscale yfix
    set format y (ymin >= 1 ? '%.0s%c' : '%g')
    set mytics default
    gb_axis = 'y'; gb_lo = (ymin < base) ? ymin : base; gb_hi = ymax
    eval gb_logtics
    if (base == 1 && ymin < 1) {
        set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead back \
            lc rgb '#404040' lw 1
    }
} else {
    base = 0
    set format y '%g'
}

# Tick labels lie flat while they fit under their bar, else tilt; the
# bottom margin grows with the tilted labels' height.
# A tilted label hangs left of its bar by about cos(30) of its length: the
# left margin grows so that the first bar's label stays inside the canvas.
if (longest * nbars > 110) {
    set xtics rotate by 30 right
    gb_bmargin_extra = 0.2 * longest + 0.5
    eval gb_margins
    set lmargin (0.75 * longest > 10 ? 0.75 * longest : 10)
}
set xtics scale 0 noenhanced
unset mxtics
set grid noxtics nomxtics
set xrange [-0.6:nbars - 0.4]
# Room above the tallest bar for its value, and below the lowest for a
# value under a bar hanging down from 1.
if (logy) {
    set offsets 0, 0, graph 0.1, graph 0.1
} else {
    set offsets 0, 0, graph 0.1, 0
}
unset key

halfwidth = 0.36
# Whiskers are drawn as vectors (gnuplot's yerrorbars paint a background
# disk at each y that would punch a hole in the bar's top edge): segment 1
# the stem, 2 and 3 the caps, first in white as a halo so a whisker inside
# a dark bar stays visible, then in ink.
capwidth = 0.06
wx(seg) = (seg == 1) ? column(0) : column(0) - capwidth
wy(seg) = (seg == 3) ? bound(4) : bound(3)
wdx(seg) = (seg == 1) ? 0 : 2 * capwidth
wdy(seg) = (seg == 1) ? bound(4) - bound(3) : 0
# A value sits above its bar's whisker, or below it for a bar that hangs
# down from 1 on a log axis.
up(y, hi) = (y >= base) ? ((hi > y) ? hi : y) : NaN
down(y, lo) = (y < base) ? ((lo < y) ? lo : y) : NaN
# gnuplot 5.4.4 crashes on a labels plot with a single point that is NaN:
# each labels plot is left out (for [k = 1:0]) when it has no value.
stats datafile using (($2 >= base) ? 1 : 0) nooutput
nup = (STATS_sum > 0)
ndown = (STATS_sum < nbars)

eval gb_svg
plot datafile using 0:2:($0 - halfwidth):($0 + halfwidth):(base):2:(gb_lt($5)):xtic(1) \
        with boxxyerror lc variable notitle, \
     for [pass = 1:2] for [seg = 1:3] '' \
        using (wx(seg)):(wy(seg)):(wdx(seg)):(wdy(seg)) with vectors nohead \
        lc rgb (pass == 1 ? '#FFFFFF' : '#202020') lw (pass == 1 ? 3 : 1.5) notitle, \
     for [k = 1:nup] '' using 0:(up($2, bound(4))):(gb_num($2)) \
        with labels notitle offset 0, 1 font ',10' textcolor rgb '#202020', \
     for [k = 1:ndown] '' using 0:(down($2, bound(3))):(gb_num($2)) \
        with labels notitle offset 0, -1 font ',10' textcolor rgb '#202020'
eval gb_png
replot
eval gb_done
