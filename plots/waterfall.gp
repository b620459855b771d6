# waterfall.gp: a cumulative chain of steps, one bar per variant, with what
# each step saved drawn above its bar.
#
#   gnuplot -e "dir='plots/'; datafile='F'; outbase='O'; charttitle='T';
#               xlabel='X'; ylabel='Y'; logx=0; logy=0; caption='C'" plots/waterfall.gp
#
# Data: the bars contract (bars.gp), one row per variant in manifest order:
# `"label" y lo hi styleindex`.  A bar whose style is `step` and whose left
# neighbour is a `step` too continues the chain: the span from its value up
# to its neighbour's is drawn as a pale box labelled with the difference
# and the step's factor ("-1.2k  x2.4"; "+" when the step is slower).
# Other bars (side variants) stand alone.  The axis is linear whatever logy
# says: a waterfall reads as lengths.  Writes outbase.svg and outbase.png.

if (!exists("dir")) dir = 'plots/'
if (strlen(dir) > 0 && dir[strlen(dir):] ne '/') dir = dir.'/'
load dir.'style.gp'

stats datafile using 2 nooutput
nbars = STATS_records
array Y[nbars]
array S[nbars]
# Assignments inside `using` run once per row: copy the values and styles.
stats datafile using (Y[int($0) + 1] = $2, S[int($0) + 1] = $5, 0) nooutput
stats datafile using 4 nooutput
ymax = (STATS_max > 0) ? STATS_max : 1
stats datafile using (strlen(strcol(1))) nooutput
longest = STATS_max

step = gb_style_index('step')
chained(i) = (i > 1 && S[i] == step && S[i - 1] == step)
nchained = 0
do for [i = 1:nbars] { nchained = nchained + (chained(i) ? 1 : 0) }
prev(i) = chained(i) ? Y[i - 1] : NaN
# Rows are numbered from 0 in `using`, arrays from 1.
lo_of(r) = (prev(r + 1) < Y[r + 1]) ? prev(r + 1) : Y[r + 1]
hi_of(r) = (prev(r + 1) > Y[r + 1]) ? prev(r + 1) : Y[r + 1]
delta_text(r) = sprintf('%s%s  x%.2g', Y[r + 1] <= prev(r + 1) ? '-' : '+', \
    gb_num(abs(prev(r + 1) - Y[r + 1])), prev(r + 1) / Y[r + 1])

# A tilted label hangs left of its bar: the left margin makes room for the
# first one (as in bars.gp).
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
set yrange [0:ymax * 1.15]
set format y '%g'
unset key

halfwidth = 0.36
# A value is printed inside the top of its bar when the bar is tall enough,
# leaving the space above a chained bar to the step's saving.
inside(y) = y > 0.06 * ymax
ninside = 0
do for [i = 1:nbars] { ninside = ninside + (inside(Y[i]) ? 1 : 0) }

eval gb_svg
plot datafile using 0:2:($0 - halfwidth):($0 + halfwidth):(0):2:(gb_lt($5)):xtic(1) \
        with boxxyerror lc variable notitle, \
     '' using 0:(lo_of($0)):($0 - halfwidth):($0 + halfwidth):(lo_of($0)):(hi_of($0)) \
        with boxxyerror fs solid 0.25 border lc rgb '#8C510A' dt 2 lc rgb '#E8D9C4' notitle, \
     '' using 0:3:(0):($4 - $3) with vectors nohead lc rgb '#202020' lw 1.5 notitle, \
     for [k = 1:(ninside > 0)] '' using 0:(inside($2) ? $2 : NaN):(gb_num($2)) \
        with labels notitle offset 0, -0.8 font ',10' textcolor rgb '#FFFFFF', \
     for [k = 1:(ninside < nbars)] '' using 0:(inside($2) ? NaN : $4):(gb_num($2)) \
        with labels notitle offset 0, 0.8 font ',10' textcolor rgb '#202020', \
     for [k = 1:(nchained > 0)] '' using 0:(chained($0 + 1) ? hi_of($0) : NaN):(delta_text($0)) \
        with labels notitle offset 0, 0.8 font ',9' textcolor rgb '#5A3406'
eval gb_png
replot
eval gb_done
