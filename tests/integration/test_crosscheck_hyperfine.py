"""`gluebench crosscheck hyperfine`: a whole-process variant (an
interpreter that starts and exits) measures within 25% of what hyperfine
reports for the same command; one row per variant per point."""

from gbsupport import check, run

TOLERANCE = 0.25
ATTEMPTS = 2   # a busy machine may spoil one attempt; two in a row is a finding


def attempt():
    result = run("crosscheck", "hyperfine", "overhead", "--profile", "smoke",
                 "--variant", "process_python", timeout=120)
    print(result.stdout, result.stderr)
    check(result.returncode in (0, 1), "crosscheck exits 0 or 1, got %d" % result.returncode)
    rows = [line.split() for line in result.stdout.splitlines()
            if line.split()[:2] == ["-", "process_python"]]
    check(len(rows) == 1, "one row for the one variant: %s" % rows)
    ratio = float(rows[0][4])
    check("median ratio harness/hyperfine over 1 us:" in result.stdout, "the final line")
    check((abs(ratio - 1) <= TOLERANCE) == (result.returncode == 0),
          "exit 0 exactly when the ratio agrees")
    return abs(ratio - 1) <= TOLERANCE


for number in range(ATTEMPTS):
    if attempt():
        break
    print("attempt %d: the ratio is off by more than 25%%" % (number + 1))
else:
    check(False, "harness and hyperfine disagree by more than 25%% twice in a row")
print("ok")
