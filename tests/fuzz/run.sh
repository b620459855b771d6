#!/usr/bin/env bash
# run.sh: builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,
# undefined) into $FUZZ_BUILD and runs each for $FUZZ_SECONDS on a copy of
# its seed corpus (tests/fuzz/<target>/).  A crash, a leak, an undefined
# behaviour or a timeout fails it; the input is left in $FUZZ_BUILD/crashes.
set -euo pipefail
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_BUILD=${FUZZ_BUILD:-build/fuzz}
CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "fuzz: $CC is missing (tools/setup.sh installs clang)" >&2
  exit 1
fi
mkdir -p "$FUZZ_BUILD/crashes"
FLAGS=(-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -Iharness/core -Iharness/manifest -Iharness/measure
       -Ikernels/common)
CORE=(harness/core/error.c harness/core/clock.c harness/core/measures.c harness/core/atomicfile.c)
declare -A SOURCES=(
  [manifest]="harness/manifest/manifest.c harness/manifest/isolate.c harness/manifest/items.c"
  [protocol]="harness/measure/protocol.c kernels/common/gb_protocol.c"
  [csv]="harness/core/csv.c"
)
declare -A LIBS=([manifest]="$(pkg-config --libs lua5.4) -lm" [protocol]="-lm" [csv]="-lm")
LUA_CFLAGS=$(pkg-config --cflags lua5.4)
status=0
for target in manifest protocol csv; do
  bin="$FUZZ_BUILD/fuzz_$target"
  # shellcheck disable=SC2086
  "$CC" "${FLAGS[@]}" $LUA_CFLAGS -o "$bin" "tests/fuzz/fuzz_$target.c" ${SOURCES[$target]} \
    "${CORE[@]}" ${LIBS[$target]}
  corpus="$FUZZ_BUILD/corpus/$target"
  mkdir -p "$corpus"
  cp -n tests/fuzz/"$target"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz: $target for ${FUZZ_SECONDS} s" >&2
  if ! "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$FUZZ_BUILD/crashes/$target-" "$corpus" \
       > "$FUZZ_BUILD/$target.log" 2>&1; then
    tail -60 "$FUZZ_BUILD/$target.log" >&2
    echo "fuzz: $target FAILED (input in $FUZZ_BUILD/crashes/)" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$FUZZ_BUILD/$target.log" | \
      sed "s/^/fuzz: $target /" >&2
  fi
done
exit $status
