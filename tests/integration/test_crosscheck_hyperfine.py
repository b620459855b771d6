"""`gluebench crosscheck hyperfine`: a whole-process variant (an
interpreter that starts and exits) measures within 25% of what hyperfine
reports for the same command; one row per variant per point."""

from gbsupport import agree_within, check, crosscheck_rows, run

TOLERANCE = 0.25
ATTEMPTS = 2   # a busy machine may spoil one attempt; two in a row is a finding


def attempt():
    result = run("crosscheck", "hyperfine", "overhead", "--profile", "smoke",
                 "--variant", "process_python", timeout=120)
    print(result.stdout, result.stderr)
    check(result.returncode in (0, 1), "crosscheck exits 0 or 1, got %d" % result.returncode)
    rows = crosscheck_rows(result.stdout, {"-"})
    check([r[1] for r in rows] == ["process_python"], "one row for the one variant: %s" % rows)
    ratio = rows[0][4]
    check("median ratio harness/hyperfine over 1 us:" in result.stdout, "the final line")
    check((abs(ratio - 1) <= TOLERANCE) == (result.returncode == 0),
          "exit 0 exactly when the ratio agrees")
    return abs(ratio - 1) <= TOLERANCE


agree_within(attempt, ATTEMPTS, "the harness and hyperfine")
print("ok")
