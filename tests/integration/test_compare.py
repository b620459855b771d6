"""gluebench compare on two run folders, and the exports of report.

A folder compared with itself: every point "same", exit 0.  A copy whose
samples and summary of one variant are scaled by 10 (far beyond the spread
of five samples on a busy machine, so the test cannot flake): that variant
"slower", exit 1 with --fail-above 1.5 and 0 without.  A variant missing from one
side is listed as "only in A", one that crashed in B as "not ok".  Bad
usage exits 2.  Then report writes results.json (valid JSON, typed
numbers, the samples of each row) and results.md (one table per
scenario), and summary.md gains its Complexity and Stability sections."""

import csv
import os
import shutil

from gbsupport import check, fresh_dir, read_csv, read_json, run

SLOW = "py_loop"          # the variant the synthetic B slows down
FACTOR = 10
SCALED = ("ns_per_call", "ns_per_call_lo", "ns_per_call_hi", "ns_per_item", "ns_total")


def table_rows(stdout):
    """The compare table's data rows as lists of cells."""
    rows = [line.strip("|").split("|") for line in stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| scenario")]
    return [[cell.strip() for cell in row] for row in rows]


def rewrite_csv(path, change):
    """Rewrites path, passing each row (a dict) through change; None drops it."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    kept = [r for r in (change(row) for row in rows) if r is not None]
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)


def slow_down(row):
    if row["variant"] == SLOW:
        for column in SCALED:
            if row.get(column):
                row[column] = repr(float(row[column]) * FACTOR)
    return row


def copy_run(src, change):
    dst = fresh_dir("compare-b")
    shutil.rmtree(dst)
    shutil.copytree(src, dst)
    for name in ("samples.csv", "summary.csv"):
        rewrite_csv(os.path.join(dst, name), change)
    return dst


a = fresh_dir("compare-a")
result = run("run", "boundary", "overhead", "--profile", "smoke", "--rounds", "3", "--out", a)
check(result.returncode == 0, "run exits 0: " + result.stderr)
points = len(read_csv(os.path.join(a, "summary.csv")))

same = run("compare", a, a)
rows = table_rows(same.stdout)
check(same.returncode == 0, "A against A exits 0: " + same.stderr)
check(len(rows) == points, "one line per point: %d of %d" % (len(rows), points))
check(all(r[-1] == "same" and r[5] == "1.000" for r in rows), "A against A is all same")

b = copy_run(a, slow_down)
slower = run("compare", a, b, "--fail-above", "1.5")
rows = table_rows(slower.stdout)
print(slower.stdout, slower.stderr)
check(slower.returncode == 1, "a 10x regression fails --fail-above 1.5: %d" % slower.returncode)
for r in rows:
    want = "slower" if r[1] == SLOW else "same"
    check(r[-1] == want, "%s at %s: %s, want %s" % (r[1], r[2], r[-1], want))
    check(r[1] != SLOW or abs(float(r[5]) - FACTOR) < 0.01, "B/A of the slowed variant is 10")
check(SLOW in slower.stderr, "the regression is named on stderr")
check(run("compare", a, b).returncode == 0, "without --fail-above a regression exits 0")
check(run("compare", a, b, "--fail-above", "12").returncode == 0, "10x is within 12x")

out = os.path.join(fresh_dir("compare-out"), "compare.md")
check(run("compare", b, a, "--out", out).returncode == 0, "--out exits 0")
text = open(out).read()
check("faster" in text and "| scenario |" in text, "--out holds the table, B faster than A")

partial = copy_run(a, lambda row: None if row["variant"] == "c_only" else row)
only = run("compare", a, partial)
rows = table_rows(only.stdout)
check(only.returncode == 0, "missing variants are not a failure")
check(sum(r[-1] == "only in A" for r in rows) == 3, "c_only is only in A at 3 points")
rows = table_rows(run("compare", partial, a).stdout)
check(sum(r[-1] == "only in B" for r in rows) == 3, "and only in B the other way round")

def crash(row):
    if row["variant"] == "ext_item":
        if "status" in row:
            row.update(status="crashed", ns_per_call="", ns_per_item="")
        else:
            return None
    return row


crashed = run("compare", a, copy_run(a, crash), "--fail-above", "1.01")
rows = table_rows(crashed.stdout)
check(crashed.returncode == 0, "a crashed point is listed, not judged: " + crashed.stderr)
check(sum(r[-1] == "not ok: ok in A, crashed in B" for r in rows) == 3,
      "ext_item is not ok in B at 3 points")

check(run("compare", a).returncode == 2, "one folder is bad usage")
check(run("compare", a, "/nonexistent").returncode == 2, "a missing folder exits 2")
check(run("compare", a, a, "--threshold", "abc").returncode == 2, "a bad threshold exits 2")
check(run("compare", "--help").returncode == 0, "compare --help")

report = run("report", a)
check(report.returncode == 0, "report exits 0: " + report.stderr)
exported = read_json(os.path.join(a, "results.json"))["results"]
check(len(exported) == points, "results.json has every summary row")
for r in exported:
    check(isinstance(r["ns_per_call"], (int, float)) and isinstance(r["point"], int)
          and r["message"] is None,
          "numbers are typed: %r" % r)
    check(len(r["samples_ns"]) == 5 * r["rounds"] and all(x > 0 for x in r["samples_ns"]),
          "each row carries its 5 samples per round")
    check(r["scenario"] != "boundary" or r["parameters"]["n"] in (10, 1000, 100000),
          "parameters parsed from params")
md = open(os.path.join(a, "results.md")).read()
check("## boundary" in md and "## overhead" in md, "results.md: a table per scenario")
check(md.count("| `") == points, "results.md: a row per point")
summary = open(os.path.join(a, "summary.md")).read()
check("### Complexity" in summary and "- ext_batch: O(" in summary, "complexity fit lines")
check(summary.count("### Stability") == 2, "a Stability section per scenario")
print("ok")
