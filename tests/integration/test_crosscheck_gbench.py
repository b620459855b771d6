"""`gluebench crosscheck gbench`: the C worker's median per call agrees
with Google Benchmark's, run in-process on the same kernel call, within
25% wherever a call takes 1 us or more; one row per point; smaller points
printed but not judged."""

from gbsupport import check, run

POINTS = ["n=10", "n=1000", "n=100000"]
TOLERANCE = 0.25
ATTEMPTS = 2   # a busy machine may spoil one attempt; two in a row is a finding


def rows_of(stdout):
    """The table rows: (point, variant, harness_ns, engine_ns, ratio, verdict)."""
    rows = []
    for line in stdout.splitlines():
        words = line.split(None, 5)
        if len(words) == 6 and words[0] in POINTS:
            rows.append((words[0], words[1], float(words[2]), float(words[3]),
                         float(words[4]), words[5]))
    return rows


def attempt():
    result = run("crosscheck", "gbench", "boundary", "--profile", "smoke", timeout=120)
    print(result.stdout, result.stderr)
    check(result.returncode in (0, 1), "crosscheck exits 0 or 1, got %d" % result.returncode)
    check("harness ns/call" in result.stdout and "gbench ns/call" in result.stdout,
          "the table has its header")
    rows = rows_of(result.stdout)
    check([(r[0], r[1]) for r in rows] == [(p, "c_only") for p in POINTS],
          "one c_only row per point: %s" % rows)
    check(all(abs(r[2] / r[3] - r[4]) < 0.01 * r[4] for r in rows), "ratio = harness / gbench")
    small = [r for r in rows if max(r[2], r[3]) < 1000]
    check(small and all("not judged" in r[5] for r in small), "calls under 1 us are flagged")
    judged = [r for r in rows if max(r[2], r[3]) >= 1000]
    check(judged, "n=100000 takes over 1 us")
    check("median ratio harness/gbench over 1 us:" in result.stdout, "the final line")
    agree = all(abs(r[4] - 1.0) <= TOLERANCE for r in judged)
    check(agree == (result.returncode == 0), "exit 0 exactly when every judged ratio agrees")
    return agree


for number in range(ATTEMPTS):
    if attempt():
        break
    print("attempt %d: a ratio is off by more than 25%%" % (number + 1))
else:
    check(False, "the harness and Google Benchmark disagree by over 25%")
print("ok")
