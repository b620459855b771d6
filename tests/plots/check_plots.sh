#!/bin/sh
# check_plots.sh: render every chart type from the sample data in this
# folder and check the output: both files written, the PNG a real PNG of
# the canvas size, one series (lines) or one labelled bar (bars) per
# variant, each in its style's colour from plots/style.gp, and gnuplot
# silent on stderr (its warnings mean a chart drew wrong).
#
# Usage: tests/plots/check_plots.sh   (exit 0 pass, 1 fail, 77 no gnuplot)

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
plots="$root/plots/"
failures=0

command -v gnuplot >/dev/null 2>&1 || { echo "SKIP: gnuplot not found"; exit 77; }
out=$(mktemp -d "${TMPDIR:-/tmp}/check_plots.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT

fail() { echo "FAIL $case: $*"; failures=$((failures + 1)); }

# svg_text LABEL: the label as gnuplot's svg terminal writes it.
svg_text() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g'; }

# colour N: linetype N's colour from style.gp, as svg writes it.
colour() {
    hex=$(sed -n "s/^set linetype *$1 lc rgb '#\([0-9A-Fa-f]\{6\}\)'.*/\1/p" "$root/plots/style.gp")
    [ -n "$hex" ] || { echo "none"; return; }
    printf 'rgb(%3d, %3d, %3d)' "0x$(echo "$hex" | cut -c1-2)" \
        "0x$(echo "$hex" | cut -c3-4)" "0x$(echo "$hex" | cut -c5-6)"
}

# render TYPE DATA LOGX LOGY [EXTRA]: draw one chart into $out/$case.
render() {
    gnuplot -e "dir='$plots'; datafile='$here/$2'; outbase='$out/$case';
        charttitle='Check $case'; xlabel='x label'; ylabel='y label';
        logx=$3; logy=$4; caption='Sample data for $case. It''s wrapped when long. $5'; $6" \
        "$root/plots/$1.gp" >"$out/$case.log" 2>&1
    rc=$?
    [ $rc -eq 0 ] || fail "gnuplot exited $rc"
    [ -s "$out/$case.log" ] && fail "gnuplot printed: $(head -3 "$out/$case.log")"
    check_files
}

check_files() {
    svg="$out/$case.svg"
    png="$out/$case.png"
    [ -s "$svg" ] && grep -q '</svg>' "$svg" || fail "no complete $svg"
    magic=$(head -c 8 "$png" 2>/dev/null | od -An -tx1 | tr -d ' \n')
    [ "$magic" = "89504e470d0a1a0a" ] || fail "$png is not a PNG ($magic)"
    size=$(head -c 24 "$png" 2>/dev/null | tail -c 8 | od -An -tu1 |
        awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 "x" $5*16777216 + $6*65536 + $7*256 + $8 }')
    [ "$size" = "1000x600" ] || fail "$png is $size, not 1000x600"
}

# check_lines DATA: one plot group per block, titled by its label, drawn
# in the colour of the block's style index.
check_lines() {
    nblocks=$(grep -c '^x "' "$here/$1")
    ngroups=$(grep -c '<g id="gnuplot_plot_[0-9]*" ><title>' "$svg")
    [ "$nblocks" -eq "$ngroups" ] || fail "$nblocks blocks but $ngroups series"
    awk '/^x "/ { sub(/^x "/, ""); sub(/" lo hi style$/, ""); label = $0; next }
         label != "" && NF >= 5 { print $5 "\t" label; label = "" }' "$here/$1" |
    {
        k=0
        while IFS='	' read -r style label; do
            k=$((k + 1))
            group=$(awk -v k="$k" '/<g id="gnuplot_plot_/ { on = ($0 ~ "gnuplot_plot_" k "\"") } on' "$svg")
            printf '%s' "$group" | grep -qF "<title>$(svg_text "$label")</title>" ||
                fail "series $k is not titled '$label'"
            printf '%s' "$group" | grep -qF "$(colour "$style")" ||
                fail "series $k ('$label') is not in style $style's colour"
        done
        exit $failures
    } || failures=$?
}

# check_bars DATA: each label under the axis, each bar in its style's colour.
check_bars() {
    nrows=$(grep -c '^"' "$here/$1")
    nbars=$(grep -c "<polygon fill = 'rgb(" "$svg")
    [ "$nrows" -eq "$nbars" ] || fail "$nrows rows but $nbars bars"
    awk -F'"' '/^"/ { n = split($3, f, " "); print f[n] "\t" $2 }' "$here/$1" |
    {
        while IFS='	' read -r style label; do
            grep -qF "<text>$(svg_text "$label")</text>" "$svg" ||
                fail "no tick label '$label'"
            grep -qF "<polygon fill = '$(colour "$style")'" "$svg" ||
                fail "no bar in style $style's colour for '$label'"
        done
        exit $failures
    } || failures=$?
}

case=lines_log;        render lines lines_log.dat 1 1;        check_lines lines_log.dat
case=lines_linear;     render lines lines_linear.dat 0 0;     check_lines lines_linear.dat
case=lines_all_styles; render lines lines_all_styles.dat 1 1; check_lines lines_all_styles.dat
case=lines_libgd;      render lines lines_log.dat 1 1 'Drawn with libgd.' "gb_pngterm='png'"
                       check_lines lines_log.dat
case=bars_log;         render bars bars_log.dat 0 1;          check_bars bars_log.dat
case=bars_linear;      render bars bars_linear.dat 0 0;       check_bars bars_linear.dat
case=bars_all_styles;  render bars bars_all_styles.dat 0 1;   check_bars bars_all_styles.dat

if [ -n "$KEEP_PLOTS" ]; then
    mkdir -p "$KEEP_PLOTS" && cp "$out"/*.svg "$out"/*.png "$KEEP_PLOTS"/
fi
if [ $failures -ne 0 ]; then
    echo "check_plots: $failures failure(s)"
    exit 1
fi
echo "check_plots: all charts ok"
