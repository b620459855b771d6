# style.gp: the look every gluebench chart shares.
#
# A chart script loads this first:   load dir.'style.gp'
# It owns: the palette (one fixed linetype per variant style), fonts, grid,
# border, key placement, the title, axis labels and caption, and the two
# output terminals.  Chart scripts own only what their data shape needs.
#
# Parameters (set with -e before the script runs; all optional here):
#   charttitle, xlabel, ylabel  strings for the title and axis labels
#   caption                     text printed under the plot ('' for none)
#   outbase                     output path without extension
#   gb_pngterm                  'pngcairo' or 'png' to force a PNG terminal
#
# After loading, a chart script draws twice, once per terminal:
#   eval gb_svg; plot ...; eval gb_png; replot; eval gb_done

# ---------------------------------------------------------------- palette
# One linetype per manifest `style`, in the order the harness numbers them
# (column 5 of every data row).  Colours: Okabe-Ito, with Paul Tol's wine,
# olive and indigo, a brown and a grey to reach twelve.  Point shapes differ
# too, so the series stay apart in greyscale and for readers who cannot
# separate two of the hues.
gb_styles = "python builtin ext_item ext_batch ctypes c cached batched service library step other"

set linetype  1 lc rgb '#D55E00' lw 2 pt  7 ps 1.2   # python     vermillion
set linetype  2 lc rgb '#E69F00' lw 2 pt  5 ps 1.1   # builtin    orange
set linetype  3 lc rgb '#CC79A7' lw 2 pt  9 ps 1.3   # ext_item   reddish purple
set linetype  4 lc rgb '#009E73' lw 2 pt 11 ps 1.3   # ext_batch  bluish green
set linetype  5 lc rgb '#882255' lw 2 pt 13 ps 1.4   # ctypes     wine
set linetype  6 lc rgb '#000000' lw 2 pt 15 ps 1.3   # c          black
set linetype  7 lc rgb '#56B4E9' lw 2 pt  6 ps 1.2   # cached     sky blue
set linetype  8 lc rgb '#0072B2' lw 2 pt  4 ps 1.1   # batched    blue
set linetype  9 lc rgb '#999933' lw 2 pt  8 ps 1.3   # service    olive
set linetype 10 lc rgb '#332288' lw 2 pt 10 ps 1.3   # library    indigo
set linetype 11 lc rgb '#8C510A' lw 2 pt 12 ps 1.4   # step       brown
set linetype 12 lc rgb '#8C8C8C' lw 2 pt  1 ps 1.4   # other      grey
set linetype cycle 12

# gb_style_index("ext_batch") is 4; an unknown name falls back to `other`.
gb_style_at(s) = strstrt(' '.gb_styles.' ', ' '.s.' ')
gb_style_index(s) = gb_style_at(s) > 0 ? words(gb_styles[1:gb_style_at(s) - 1]) + 1 : 12

# A style index from data, forced into 1..12 so a bad value still draws.
gb_lt(i) = (i >= 1 && i <= 12) ? int(i) : 12

# A log axis labels only whole decades, so a range under three decades shows
# few labels or none: add labelled ticks at 2 and 5 of each decade, or at
# every digit when the range is under one decade.
# Set gb_axis ('x' or 'y'), gb_lo and gb_hi (data range, > 0), then eval.
gb_logtics = "if (gb_lo > 0 && gb_hi / gb_lo < 1000) { \
    gb_digits = (gb_hi / gb_lo < 10) ? '2 3 4 5 6 7 8 9' : '2 5'; \
    do for [gb_k = floor(log10(gb_lo)) : ceil(log10(gb_hi))] { \
        do for [gb_d in gb_digits] { \
            eval sprintf('set %stics add (%.15g)', gb_axis, real(gb_d) * 10**gb_k) } } }"

# A value as three significant digits, with k, M, G, T from a thousand up
# ("4.2k" where %.3g would write "4.2e+03").
gb_p3(v) = 10.0**(floor(log10(abs(v))) - 2)
gb_r3(v) = (v == 0) ? 0 : sgn(v) * floor(abs(v) / gb_p3(v) + 0.5) * gb_p3(v)
gb_e3(v) = (abs(gb_r3(v)) >= 1000) ? int(floor(log10(abs(gb_r3(v))) / 3 + 1e-9)) : 0
gb_num(v) = (gb_e3(v) == 0 || gb_e3(v) > 4) ? sprintf('%.3g', v) \
    : sprintf('%.3g', gb_r3(v) / 1000.0**gb_e3(v)).word('k M G T', gb_e3(v))

# ---------------------------------------------------------------- frame
gb_font = 'DejaVu Sans'
gb_width = 1000
gb_height = 600

set border 3 lc rgb '#404040' lw 1
set tics nomirror out scale 0.6, 0.3 textcolor rgb '#202020'
set grid xtics ytics mxtics mytics lt 1 lc rgb '#D9D9D9' lw 1, lt 1 lc rgb '#EFEFEF' lw 1
set grid back
set key outside right top vertical Left reverse noenhanced
set key samplen 2.5 spacing 1.3 width 1 box lc rgb '#BFBFBF'
set bars 0.6
set style fill solid 0.85 border lc rgb '#404040'
set title font ',15' noenhanced
set xlabel noenhanced
set ylabel noenhanced

# ---------------------------------------------------------------- parameters
charttitle = exists("charttitle") ? charttitle : ''
xlabel = exists("xlabel") ? xlabel : ''
ylabel = exists("ylabel") ? ylabel : ''
caption = exists("caption") ? caption : ''
outbase = exists("outbase") ? outbase : 'chart'

set title charttitle
set xlabel xlabel
set ylabel ylabel

# ---------------------------------------------------------------- caption
# Word-wrapped at gb_caption_cols, left-aligned at the bottom of the canvas;
# the bottom margin grows by one line per caption line.
gb_caption_cols = 130
gb_caption_text = ''
gb_caption_lines = 0
gb_line = ''
do for [gb_i = 1:words(caption)] {
    gb_word = word(caption, gb_i)
    if (gb_line ne '' && strlen(gb_line) + 1 + strlen(gb_word) > gb_caption_cols) {
        gb_caption_text = gb_caption_text.gb_line."\n"
        gb_caption_lines = gb_caption_lines + 1
        gb_line = gb_word
    } else {
        gb_line = (gb_line eq '') ? gb_word : gb_line.' '.gb_word
    }
}
if (gb_line ne '') {
    gb_caption_text = gb_caption_text.gb_line
    gb_caption_lines = gb_caption_lines + 1
}
undefine gb_line gb_word

# Chart scripts that need more room below the axis (tilted tick labels)
# set gb_bmargin_extra (in character heights), then eval gb_margins.
gb_bmargin_extra = 0
gb_margins = "set bmargin gb_bmargin_extra + 3.5 + (gb_caption_lines > 0 ? 1.2 * gb_caption_lines + 0.8 : 0)"
if (gb_caption_lines > 0) {
    # A multi-line label hangs down from its anchor: lift it by its height.
    set label 99 gb_caption_text at screen 0.015, character 1.1 * gb_caption_lines left front \
        font ',10' textcolor rgb '#303030' noenhanced
}
eval gb_margins

# ---------------------------------------------------------------- terminals
# SVG for slides, PNG for the report, the same pixel size and font for both
# so the two look alike.  Cairo draws a point as 4/3 pixel (96 dpi); svg
# writes point sizes as pixels, hence its fontscale.  pngcairo when the
# build has it, else libgd's png (or force one with -e "gb_pngterm='png'").
if (!exists("gb_pngterm")) {
    gb_pngterm = (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) ? 'pngcairo' : 'png'
}
gb_svg = sprintf("set terminal svg size %d,%d fixed noenhanced font '%s,10' fontscale 1.333 background rgb 'white'; set output outbase.'.svg'", \
    gb_width, gb_height, gb_font)
if (gb_pngterm eq 'pngcairo') {
    gb_png = sprintf("set terminal pngcairo size %d,%d noenhanced font '%s,10' background rgb 'white'; set output outbase.'.png'", \
        gb_width, gb_height, gb_font)
} else {
    gb_png = sprintf("set terminal png truecolor size %d,%d noenhanced font '%s,10' background rgb 'white'; set output outbase.'.png'", \
        gb_width, gb_height, gb_font)
}
gb_done = "unset output"
