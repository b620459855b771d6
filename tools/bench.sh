#!/usr/bin/env bash
# bench.sh: the body of `make bench`.  Runs every scenario in $PROFILE,
# draws the charts, writes the report, then times the boundary scenario's
# smoke profile, runs it three times more for repeatability, and prints the
# bench figures (tools/figures.py).
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
PROFILE=${PROFILE:-quick}
GB=$BUILD/bin/gluebench
PYTHON=.venv/bin/python

"$GB" run --profile "$PROFILE"
run_status=$?
if [ "$run_status" -eq 130 ]; then exit 130; fi
out=results/$(readlink results/latest)

"$GB" plot "$out"
"$GB" report "$out" > /dev/null
"$PYTHON" slides/build.py "$out" > /dev/null

# The smoke profile's wall time is itself a figure: time it as a user would.
start=$(date +%s.%N)
"$GB" run boundary --profile smoke --out "$out/smoke-boundary" > /dev/null 2>&1
end=$(date +%s.%N)
echo "$start $end" > "$out/smoke-boundary/wall_seconds"

# Repeatability: the same scenario three times in a row.
for i in 1 2 3; do
  "$GB" run boundary --profile quick --out "$out/repeat-$i" > /dev/null 2>&1
done

# Agreement with the tools users already trust, on the same variants.
"$GB" crosscheck gbench boundary --profile smoke > "$out/crosscheck-gbench.txt" 2>&1
"$GB" crosscheck pyperf boundary --profile smoke > "$out/crosscheck-pyperf.txt" 2>&1
"$GB" crosscheck hyperfine overhead coldstart --profile smoke \
  > "$out/crosscheck-hyperfine.txt" 2>&1

"$PYTHON" tools/figures.py "$out" | tee "$out/figures.txt"

echo
echo "gluebench: everything is in $out (results/latest):"
echo "  summary.csv, samples.csv, meta.json   the measurements"
echo "  charts/*.svg, charts/*.png            the charts"
echo "  summary.md                            the report: findings and failures"
echo "  figures.txt                           the bench figures above"
echo "  slides/index.html                     the deck, built from these charts and findings"
exit "$run_status"
