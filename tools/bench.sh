#!/usr/bin/env bash
# bench.sh: the body of `make bench`.  Runs every scenario in $PROFILE,
# draws the charts, writes the report and the decks, then the runs the
# bench figures need (boundary's smoke time, three repeats of boundary,
# the instruction clock, the cross-checks), and prints the figures
# (tools/figures.py), each with its value and met or missed, and the time
# every part took (also in parts.json).
#
# PROFILE=smoke runs a reduced set of the extra parts (the instruction clock
# once on `overhead`, hyperfine on the empty process only, `overhead` alone
# under the other interpreters), to stay within its budget.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
PROFILE=${PROFILE:-quick}
GB=$BUILD/bin/gluebench
PYTHON=.venv/bin/python
PARTS=()

# part NAME COMMAND...: runs the command, records its wall time.
part() {
    local name=$1
    shift
    local start end
    start=$(date +%s.%N)
    "$@"
    local rc=$?
    end=$(date +%s.%N)
    PARTS+=("$name $(awk "BEGIN { print $end - $start }") $rc")
    return $rc
}

part run "$GB" run --profile "$PROFILE"
run_status=$?
case "$run_status" in 129|130|143) exit "$run_status" ;; esac
out=results/$(readlink results/latest)

part plot "$GB" plot "$out"
part report "$GB" report "$out" --quiet
part decks "$PYTHON" slides/build.py "$out"

# The smoke profile's wall time is itself a figure: time it as a user would.
part smoke-boundary "$GB" run boundary --profile smoke --out "$out/smoke-boundary" --quiet

# Repeatability: the same scenario three times in a row, then compare of
# two of them (the same code: few points may be called faster or slower).
repeat_profile=$PROFILE
[ "$PROFILE" = full ] && repeat_profile=quick
for i in 1 2 3; do
    part "repeat-$i" "$GB" run boundary --profile "$repeat_profile" --out "$out/repeat-$i" --quiet
    "$GB" report "$out/repeat-$i" --quiet > /dev/null
done
part compare "$GB" compare "$out/repeat-1" "$out/repeat-2" --out "$out/compare-repeat.md" \
    --json "$out/compare-repeat.json" > /dev/null

# The instruction clock: the CPU-bound scenarios once, boundary three times
# at a fixed hash seed (the counts must agree).  At their smoke points:
# under callgrind a Python worker costs seconds, and the quick points would
# take the bench past its budget; the full profile counts the quick points.
instr_profile=smoke
[ "$PROFILE" = full ] && instr_profile=quick
instr_scenarios="boundary patterns hotcall wordfreq"
# The smoke bench only shows the clock works, on the cheapest scenario.
[ "$PROFILE" = smoke ] && instr_scenarios="overhead"
part instructions "$GB" run $instr_scenarios --profile "$instr_profile" --clock instructions \
    --out "$out/instructions" --quiet
if [ "$PROFILE" != smoke ]; then
    for i in 2 3; do
        part "instructions-$i" "$GB" run boundary --profile smoke --clock instructions \
            --out "$out/instructions-$i" --quiet
    done
fi

# Interpreters: boundary and overhead under every CPython >= 3.11 found
# here, each with its extensions built for it: the cost of an empty call
# and of one crossing into C, by interpreter.  Three rounds, not adaptive
# ones, to keep the bench in its budget; the smoke bench runs `overhead` only.
python_profile=$PROFILE
python_scenarios="boundary overhead"
[ "$PROFILE" = full ] && python_profile=quick
[ "$PROFILE" = smoke ] && python_scenarios="overhead"
part pythons "$GB" run $python_scenarios --python all --profile "$python_profile" --rounds 3 \
    --out "$out/pythons" --quiet
"$GB" report "$out/pythons" --quiet > /dev/null
"$GB" plot "$out/pythons" > /dev/null

# Agreement with the tools users already trust, on the same variants.
part crosscheck-gbench "$GB" crosscheck gbench boundary --profile smoke \
    --json "$out/crosscheck-gbench.json" > "$out/crosscheck-gbench.txt" 2>&1
part crosscheck-pyperf "$GB" crosscheck pyperf boundary --profile smoke \
    --json "$out/crosscheck-pyperf.json" > "$out/crosscheck-pyperf.txt" 2>&1
hyperfine_scenarios="overhead coldstart"
[ "$PROFILE" = smoke ] && hyperfine_scenarios="overhead"
part crosscheck-hyperfine "$GB" crosscheck hyperfine $hyperfine_scenarios --profile smoke \
    --json "$out/crosscheck-hyperfine.json" > "$out/crosscheck-hyperfine.txt" 2>&1

{
    echo "{\"profile\": \"$PROFILE\", \"parts\": ["
    sep=""
    for p in "${PARTS[@]}"; do
        set -- $p
        printf '%s  {"part": "%s", "seconds": %s, "exit": %s}' "$sep" "$1" "$2" "$3"
        sep=$',\n'
    done
    echo
    echo "]}"
} > "$out/parts.json"

"$PYTHON" tools/figures.py "$out" | tee "$out/figures.txt"

echo
echo "gluebench: everything is in $out (results/latest):"
echo "  summary.csv, samples.csv, metrics.csv, meta.json   the measurements"
echo "  charts/*.svg, charts/*.png, charts/index.json      the charts"
echo "  summary.md, findings.json                          the report: verdicts, findings, failures"
echo "  figures.txt, parts.json                            the bench figures and the time of each part"
echo "  slides/index.html                                  the decks, built from the findings and charts"
exit "$run_status"
