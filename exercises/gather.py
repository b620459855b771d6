#!/usr/bin/env python3
"""gather.py: the facilitator's table of a workshop's results.

Each attendee hands in the run folder `gluebench exercise NAME --out DIR`
wrote (summary.csv, findings.json, prediction.txt, manifests/).  This
script reads every folder given (or every run folder under a folder given)
and prints one table per exercise: attendee, prediction, measured speedup
with its 95% interval, and the grade, decided as `gluebench exercise`
decides it: on summary.csv's speedup interval when the finding compares a
variant with the baseline in time, else on the finding's own interval from
findings.json; pass when the interval lies inside the claim, fail when
outside, undecided when it straddles an edge.

    python3 exercises/gather.py handed-in/          # one folder per attendee
    python3 exercises/gather.py alice/ex1 bob/ex1   # or the folders themselves

Under a folder given, the attendee is the first folder below it
(handed-in/alice/...); a run folder given itself is named by its own name,
or its parent's when its own is the default exercise-<scenario>-<time>.  Standard library
only; reads files, never runs anything.
"""

import csv
import json
import math
import os
import re
import sys

NOISE = 0.01        # as harness/rundir/findings.h: within 1% of 1 is "the same"
TIME_MEASURES = ("", "ns_per_call", "ms_per_call", "ns_per_item")


def is_run(folder):
    return all(os.path.exists(os.path.join(folder, f)) for f in ("summary.csv", "findings.json"))


def run_folders(paths):
    """(folder, attendee) of every run folder among paths and their
    subfolders (two levels down)."""
    found = []
    for path in paths:
        if is_run(path):
            found.append((path, attendee(path)))
            continue
        for root, dirs, _ in os.walk(path):
            rel = os.path.relpath(root, path)
            if is_run(root):
                found.append((root, rel.split(os.sep)[0]))
                dirs[:] = []
            elif rel.count(os.sep) >= 1:
                dirs[:] = []
    return sorted(found)


def attendee(folder):
    """A folder handed in alone: its name, or its parent's when its own is
    the default results/exercise-<scenario>-<time>."""
    folder = os.path.abspath(folder)
    base = os.path.basename(folder)
    return os.path.basename(os.path.dirname(folder)) if base.startswith("exercise-") else base


def prediction(folder):
    """The filled answers of prediction.txt, "; "-joined, or "(unfilled)"."""
    path = os.path.join(folder, "prediction.txt")
    if not os.path.exists(path):
        return "(none)"
    answers = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or ":" not in line:
                continue
            answer = line.split(":", 1)[1].strip()
            if answer and answer != "?":
                answers.append(answer)
    return "; ".join(answers) if answers else "(unfilled)"


def baseline_of(folder, scenario):
    """The manifest's baseline, from the copy the run folder keeps."""
    path = os.path.join(folder, "manifests", scenario + ".lua")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        m = re.search(r'\bbaseline\s*=\s*"([A-Za-z0-9_]+)"', f.read())
    return m.group(1) if m else None


def claim_region(f):
    """The claim as a region of the ratio value(than) / value(variant)."""
    lo, hi = f.get("at_least"), f.get("below")
    between = f.get("between")
    if between:
        lo, hi = between
    expect = f.get("expect")
    if expect in ("faster", "lower"):
        return (lo if lo else 1 + NOISE), (hi if hi else math.inf)
    if expect in ("slower", "higher"):
        return (1 / hi if hi else 0.0), (1 / lo if lo else 1 / (1 + NOISE))
    if expect == "same":
        return (1 / hi, hi) if hi else (1 / (1 + NOISE), 1 + NOISE)
    return None


def summary_interval(rows, f):
    for r in rows:
        if r["variant"] == f["variant"] and r["params"] == f["params_text"] and r["speedup_lo"]:
            return float(r["speedup"]), float(r["speedup_lo"]), float(r["speedup_hi"])
    return None


def grade(folder, scenario, f, rows):
    """(ratio, lo, hi, grade) of one judged finding."""
    v = None
    if f["than"] == baseline_of(folder, scenario) and f.get("y", "") in TIME_MEASURES:
        v = summary_interval(rows, f)
    if v is None and f.get("lo") is not None:
        v = (f["ratio"], f["lo"], f["hi"])
    region = claim_region(f)
    if v is None or region is None:
        return None, None, None, "fail" if region else "not judged"
    ratio, lo, hi = v
    if lo >= region[0] and hi <= region[1]:
        return ratio, lo, hi, "pass"
    if hi < region[0] or lo > region[1]:
        return ratio, lo, hi, "fail"
    return ratio, lo, hi, "undecided"


def rows_of(folder, who):
    """(scenario, one table row) per judged finding of the folder's run."""
    with open(os.path.join(folder, "summary.csv"), newline="") as f:
        summary = list(csv.DictReader(f))
    with open(os.path.join(folder, "findings.json")) as f:
        findings = json.load(f)
    said = prediction(folder)
    out = []
    for s in findings.get("scenarios", []):
        for f in s.get("findings", []):
            if not f.get("expect"):
                continue
            ratio, lo, hi, g = grade(folder, s["name"], f, summary)
            measured = "not measured" if ratio is None else "%.3gx (%.3g-%.3gx)" % (ratio, lo, hi)
            what = "%s vs %s, %s" % (f["variant"], f["than"], f["claim"])
            out.append((s["name"], [who, said, what, measured, g]))
    return out


def print_table(scenario, rows):
    header = ["attendee", "prediction", "finding", "measured (95% CI)", "grade"]
    widths = [max(len(header[i]), *(min(len(r[i]), 60) for r in rows)) for i in range(5)]
    print("## %s (%d result%s)" % (scenario, len(rows), "" if len(rows) == 1 else "s"))
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for r in rows:
        cells = [c if len(c) <= 60 else c[:57] + "..." for c in r]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths)))
    passed = sum(1 for r in rows if r[4] == "pass")
    print("%d of %d pass\n" % (passed, len(rows)))


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    folders = run_folders(argv[1:])
    if not folders:
        print("gather.py: no run folder (summary.csv and findings.json) under %s"
              % " ".join(argv[1:]), file=sys.stderr)
        return 2
    tables = {}
    for folder, who in folders:
        try:
            for scenario, row in rows_of(folder, who):
                tables.setdefault(scenario, []).append(row)
        except (OSError, ValueError, KeyError) as e:
            print("gather.py: %s: skipped (%s)" % (folder, e), file=sys.stderr)
    for scenario in sorted(tables):
        print_table(scenario, tables[scenario])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
