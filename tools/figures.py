"""Prints the bench figures of a run folder: each target the issues set,
what this run measured, and whether it was met.

Reads only the run folder (summary.csv, meta.json, smoke-boundary/) and,
for the one figure defined against another tool, runs `python -m timeit`
on the same call.  A figure that misses is printed as missed, with the
measured value: the numbers are never adjusted.
"""

import csv
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load(out):
    with open(os.path.join(out, "summary.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(out, "meta.json")) as f:
        meta = json.load(f)
    return rows, meta


def row(rows, scenario, variant, params=None):
    """The summary row of a variant: at `params`, or at its last point."""
    found = [r for r in rows if r["scenario"] == scenario and r["variant"] == variant
             and (params is None or r["params"] == params)]
    return max(found, key=lambda r: int(r["point"])) if found else None


def number(r, column):
    if r is None or r["status"] != "ok" or r[column] == "":
        return None
    return float(r[column])


def scenario_seconds(meta, name):
    for s in meta.get("scenarios", []):
        if s["name"] == name:
            return s.get("seconds")
    return None


def timeit_empty_call(processes=5):
    """ns per call of the empty Python variant according to python -m
    timeit: the median, over several timeit processes, of the best each
    prints (one process alone can land on a slow or a fast host state)."""
    cmd = [sys.executable, "-m", "timeit", "-s",
           "import sys; sys.path.insert(0, %r); from overhead import py_empty" %
           os.path.join(ROOT, "pyref"), "py_empty(None)"]
    bests = []
    for _ in range(processes):
        text = subprocess.run(cmd, capture_output=True, text=True).stdout
        match = re.search(r"([\d.]+) (nsec|usec) per loop", text)
        if match:
            bests.append(float(match.group(1)) * (1000 if match.group(2) == "usec" else 1))
    return sorted(bests)[len(bests) // 2] if bests else None


def fig_smoke_time(rows, meta, out):
    path = os.path.join(out, "smoke-boundary", "wall_seconds")
    if not os.path.exists(path):
        return "boundary, smoke profile, wall time", None, "< 20 s", None
    start, end = map(float, open(path).read().split())
    return "boundary, smoke profile, wall time", "%.1f s" % (end - start), "< 20 s", end - start < 20


def fig_quick_time(rows, meta, out):
    seconds = scenario_seconds(meta, "boundary") if meta["profile"] == "quick" else None
    shown = None if seconds is None else "%.1f s" % seconds
    return "boundary, quick profile, time", shown, "< 60 s", None if seconds is None else seconds < 60


def fig_empty_c(rows, meta, out):
    ns = number(row(rows, "overhead", "c_empty"), "ns_per_call")
    shown = None if ns is None else "%.2f ns" % ns
    return "empty C variant, per call", shown, "< 2 ns", None if ns is None else ns < 2


def fig_empty_python(rows, meta, out):
    median = number(row(rows, "overhead", "py_empty"), "ns_per_call")
    ref = timeit_empty_call()
    name = "empty Python variant vs python -m timeit"
    if median is None or ref is None:
        return name, None, "within 10%", None
    shown = "%.1f vs timeit %.1f ns: x%.2f" % (median, ref, median / ref)
    return name, shown, "within 10%", abs(median / ref - 1) <= 0.10


def ns_item(rows, scenario, variant, params=None):
    return number(row(rows, scenario, variant, params), "ns_per_item")


def fig_batched_vs_c(scenario):
    def figure(rows, meta, out):
        ext, c = ns_item(rows, scenario, "ext_batch"), ns_item(rows, scenario, "c_only")
        name = "%s: batched extension vs C only, largest n" % scenario
        if ext is None or c is None:
            return name, None, "within 10%", None
        return name, "x%.3f" % (ext / c), "within 10%", abs(ext / c - 1) <= 0.10
    return figure


def crossing(variant, limit_ns, label):
    """Fixed cost of one crossing: per-option time at batch 1 minus C only's."""
    def figure(rows, meta, out):
        point = [r["params"] for r in rows if r["scenario"] == "patterns"
                 and r["variant"] == variant and "batch=1;" in r["params"] + ";"]
        one = ns_item(rows, "patterns", variant, point[0]) if point else None
        c = ns_item(rows, "patterns", "c_only", point[0]) if point else None
        name = "crossing cost: %s" % label
        if one is None or c is None:
            return name, None, "< %s" % pretty_ns(limit_ns), None
        cost = one - c
        return name, pretty_ns(cost), "< %s" % pretty_ns(limit_ns), cost < limit_ns
    return figure


def pretty_ns(ns):
    return "%.0f ns" % ns if ns < 10000 else "%.1f us" % (ns / 1000)


def fig_ctypes_one_double(rows, meta, out):
    """boundary: what a ctypes call adds per item over the Python loop it
    replaces (one double in, one out)."""
    name = "crossing cost: ctypes call (1 double)"
    ctypes_ns, loop_ns = ns_item(rows, "boundary", "ctypes_item"), ns_item(rows, "boundary", "py_loop")
    if ctypes_ns is None or loop_ns is None:
        return name, None, "< 500 ns", None
    cost = ctypes_ns - loop_ns
    return name, pretty_ns(cost), "< 500 ns", cost < 500


def fig_five_quick(rows, meta, out):
    names = ["patterns", "hotcall", "nplus1", "amdahl", "wordfreq"]
    seconds = [scenario_seconds(meta, n) for n in names]
    if meta["profile"] != "quick" or None in seconds:
        return "issue-3 scenarios, quick profile, time", None, "< 300 s", None
    total = sum(seconds)
    return "issue-3 scenarios, quick profile, time", "%.0f s" % total, "< 300 s", total < 300


def fig_chain(rows, meta, out):
    v0, v5 = (number(row(rows, "flights", v), "ns_per_call") for v in ("v0_baseline", "v5_orjson"))
    if v0 is None or v5 is None:
        return "flights: chain v0 -> v5 at largest n", None, ">= 8x (talk 8.9x)", None
    return "flights: chain v0 -> v5 at largest n", "%.2fx" % (v0 / v5), ">= 8x (talk 8.9x)", v0 / v5 >= 8


def fig_gc_step(rows, meta, out):
    v0, v1 = (number(row(rows, "flights", v), "gc_ns_per_call") for v in ("v0_baseline", "v1_gc_off"))
    if not v0 or not v1:
        return "flights: GC time, v0 -> v1 at largest n", None, ">= 2.5x (talk 2.9x)", None
    return ("flights: GC time, v0 -> v1 at largest n", "%.1fx (%.0f -> %.0f ms)" % (v0 / v1, v0 / 1e6, v1 / 1e6),
            ">= 2.5x (talk 2.9x)", v0 / v1 >= 2.5)


def fig_repeatability(rows, meta, out):
    """Median over points of the spread of medians across three runs."""
    runs = []
    for i in (1, 2, 3):
        path = os.path.join(out, "repeat-%d" % i, "summary.csv")
        if not os.path.exists(path):
            return "boundary quick x3: spread of medians", None, "< 3%", None
        with open(path, newline="") as f:
            runs.append({(r["variant"], r["params"]): float(r["ns_per_call"])
                         for r in csv.DictReader(f) if r["status"] == "ok"})
    keys = set(runs[0]) & set(runs[1]) & set(runs[2])
    spreads = sorted(max(r[k] for r in runs) / min(r[k] for r in runs) - 1 for k in keys)
    if not spreads:
        return "boundary quick x3: spread of medians", None, "< 3%", None
    mid = spreads[len(spreads) // 2]
    shown = "median %.1f%%, worst %.1f%%" % (100 * mid, 100 * spreads[-1])
    return "boundary quick x3: spread of medians", shown, "< 3%", mid < 0.03


def fig_agreement(engine):
    """The median harness/engine ratio that `gluebench crosscheck` printed."""
    def figure(rows, meta, out):
        name = "agreement with %s (median ratio)" % engine
        path = os.path.join(out, "crosscheck-%s.txt" % engine)
        text = open(path).read() if os.path.exists(path) else ""
        match = re.search(r"median ratio harness/%s over 1 us: ([\d.]+)" % engine, text)
        if not match:
            return name, None, "within 5%", None
        ratio = float(match.group(1))
        return name, "x%.3f" % ratio, "within 5%", abs(ratio - 1) <= 0.05
    return figure


FIGURES = [fig_smoke_time, fig_quick_time, fig_empty_c, fig_empty_python,
           fig_batched_vs_c("boundary"), fig_batched_vs_c("patterns"),
           crossing("ext_item", 100, "extension call (5 doubles)"),
           fig_ctypes_one_double,
           crossing("ctypes_item", 500, "ctypes call (5 doubles)"),
           crossing("service_item", 100000, "service round trip"),
           fig_five_quick, fig_chain, fig_gc_step, fig_repeatability,
           fig_agreement("gbench"), fig_agreement("pyperf"), fig_agreement("hyperfine")]


def main(out):
    rows, meta = load(out)
    print("Bench figures (%s profile, %s)" % (meta["profile"], meta["system"]["cpu_model"]))
    for warning in meta.get("warnings", []):
        print("  warning: %s" % warning)
    missed = 0
    for figure in FIGURES:
        name, shown, target, met = figure(rows, meta, out)
        verdict = {True: "met", False: "MISSED", None: "not measured"}[met]
        missed += met is False
        print("  %-44s %-34s %-24s %s" % (name, shown or "-", "target " + target, verdict))
    if missed:
        print("  %d figure(s) missed: see the report (summary.md) and the closing note" % missed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
