"""Helpers for the integration tests: run gluebench, read its CSVs."""

import csv
import json
import os
import subprocess
import sys
import tempfile

GLUEBENCH = os.environ.get("GLUEBENCH", "gluebench")
TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(TESTS, "fixtures", "scenarios")


def run(*args, timeout=240, **kwargs):
    """Runs gluebench with args; returns the CompletedProcess."""
    return subprocess.run([GLUEBENCH, *args], capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def fresh_dir(prefix):
    return tempfile.mkdtemp(prefix="gluebench-%s-" % prefix)


def read_csv(path):
    """Rows as dicts; fails if any row's field count differs from the header."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise AssertionError("%s:%d has %d fields, header %d"
                                 % (path, number, len(row), len(header)))
    return [dict(zip(header, row)) for row in body]


def rewrite_tables(folder, change):
    """Rewrites the run folder's three CSVs: change(table) gets each as a
    list of rows (the header first) and returns the rows to write."""
    for name in ("samples.csv", "summary.csv", "metrics.csv"):
        path = os.path.join(folder, name)
        with open(path, newline="") as f:
            table = list(csv.reader(f))
        with open(path, "w", newline="") as f:
            csv.writer(f).writerows(change(table))


def read_json(path):
    with open(path) as f:
        return json.load(f)


def check(condition, message):
    """An assertion that survives python -O and says what failed."""
    if not condition:
        print("FAILED:", message, file=sys.stderr)
        sys.exit(1)


def by_variant(rows):
    out = {}
    for row in rows:
        out.setdefault(row["variant"], []).append(row)
    return out


def crosscheck_rows(stdout, points):
    """The rows of a `gluebench crosscheck` table at the given points:
    (point, variant, harness_ns, engine_ns, ratio, verdict)."""
    rows = []
    for line in stdout.splitlines():
        words = line.split(None, 5)
        if len(words) == 6 and words[0] in points:
            rows.append((words[0], words[1], float(words[2]), float(words[3]),
                         float(words[4]), words[5]))
    return rows


def agree_within(attempt, tries, what):
    """Calls attempt() (which returns True when the tools agree) up to
    `tries` times: a busy machine may spoil one attempt; every attempt
    failing is a finding."""
    for number in range(tries):
        if attempt():
            return
        print("attempt %d: %s disagree by more than the tolerance" % (number + 1, what))
    check(False, "%s disagree in %d attempts in a row" % (what, tries))
