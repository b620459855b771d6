"""`gluebench crosscheck pyperf`: the Python worker's median per call
agrees with pyperf's (its own worker processes, calibration and warmups,
through tools/pyperf_bench.py) within 25%, as the median ratio over the
points where a call takes 1 us or more; one row per variant per point; an
empty call is printed but not judged."""

import statistics

from gbsupport import agree_within, check, crosscheck_rows, run

EXPECTED = [("-", "py_empty")] + [(point, variant)
                                   for point in ("n=10", "n=1000", "n=100000")
                                   for variant in ("py_loop", "ext_batch")]
TOLERANCE = 0.25
ATTEMPTS = 2   # a busy machine may spoil one attempt; two in a row is a finding



def attempt():
    result = run("crosscheck", "pyperf", "overhead", "boundary", "--profile", "smoke",
                 "--variant", "py_empty", "--variant", "py_loop", "--variant", "ext_batch",
                 timeout=120)
    print(result.stdout, result.stderr)
    check(result.returncode in (0, 1), "crosscheck exits 0 or 1, got %d" % result.returncode)
    check("pyperf ns/call" in result.stdout, "the table has its header")
    rows = crosscheck_rows(result.stdout, {point for point, _ in EXPECTED})
    check([(r[0], r[1]) for r in rows] == EXPECTED, "one row per variant per point: %s" % rows)
    empty = rows[0]
    check(empty[2] < 1000 and "not judged" in empty[5], "an empty call is not judged")
    judged = [r for r in rows if max(r[2], r[3]) >= 1000]
    check(len(judged) >= 3, "the larger points take over 1 us: %s" % judged)
    check("median ratio harness/pyperf over 1 us:" in result.stdout, "the final line")
    every = all(abs(r[4] - 1.0) <= TOLERANCE for r in judged)
    check(every == (result.returncode == 0), "exit 0 exactly when every judged ratio agrees")
    # The verdict is the median ratio, as the bench figure is: on this class
    # of VM one Python process in a few runs ~1.4x slower than the next
    # (host state, not the harness), which can swing a single point.
    return abs(statistics.median(r[4] for r in judged) - 1.0) <= TOLERANCE


agree_within(attempt, ATTEMPTS, "the harness and pyperf")
print("ok")
