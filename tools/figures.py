"""Prints the bench figures of a run folder: each target the issues set,
what this run measured, and whether it was met.

Reads only the run folder's CSV and JSON files (summary.csv, meta.json,
findings.json, parts.json, the repeat-*, instructions-* and crosscheck
JSON files that tools/bench.sh writes) and, for the one figure defined
against another tool, runs `python -m timeit` in as many fresh processes
as the harness used, statistic for statistic.  A figure that misses is
printed as missed, with the measured value: the numbers are never adjusted.
"""

import csv
import itertools
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MET = {True: "met", False: "MISSED", None: "not measured"}


# --- reading a run folder -----------------------------------------------

def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def read_json(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


class Run:
    """One run folder: its summary rows, meta, findings, samples on demand."""

    def __init__(self, folder):
        self.folder = folder
        self.rows = read_csv(os.path.join(folder, "summary.csv"))
        self.meta = read_json(os.path.join(folder, "meta.json")) or {}
        self.findings = read_json(os.path.join(folder, "findings.json")) or {"scenarios": []}

    def exists(self):
        return bool(self.rows)

    def row(self, scenario, variant, params=None):
        """The ok summary row of a variant at `params`, or at its last point."""
        found = [r for r in self.rows if r["scenario"] == scenario and r["variant"] == variant
                 and (params is None or r["params"] == params)]
        return max(found, key=lambda r: int(r["point"])) if found else None

    def number(self, scenario, variant, column, params=None):
        r = self.row(scenario, variant, params)
        if r is None or r["status"] != "ok" or r[column] == "":
            return None
        return float(r[column])

    def ok_rows(self, scenario=None):
        return [r for r in self.rows if r["status"] == "ok"
                and (scenario is None or r["scenario"] == scenario)]

    def judged(self):
        """{(scenario, index): finding} of findings.json."""
        return {(s["name"], f["index"]): f for s in self.findings["scenarios"]
                for f in s["findings"]}

    def seconds(self, scenario):
        for s in self.meta.get("scenarios", []):
            if s["name"] == scenario:
                return s.get("seconds")
        return None


def sub(run, name):
    return Run(os.path.join(run.folder, name))


def pretty_ns(ns):
    return "%.0f ns" % ns if ns < 10000 else "%.1f us" % (ns / 1000)


# --- budgets --------------------------------------------------------------

def parts(run):
    return (read_json(os.path.join(run.folder, "parts.json")) or {}).get("parts", [])


def fig_bench_time(run):
    total = sum(p["seconds"] for p in parts(run))
    limit = {"smoke": 180, "quick": 1200}.get(run.meta.get("profile"), None)
    if not parts(run) or limit is None:
        return "make bench, all parts", None, "-", None
    return ("make bench (%s), all parts" % run.meta["profile"], "%.0f s" % total,
            "< %d s" % limit, total < limit)


def fig_smoke_time(run):
    seconds = [p["seconds"] for p in parts(run) if p["part"] == "smoke-boundary"]
    shown = "%.1f s" % seconds[0] if seconds else None
    return "boundary, smoke profile, wall time", shown, "< 20 s", seconds[0] < 20 if seconds else None


def fig_quick_time(run):
    seconds = run.seconds("boundary") if run.meta.get("profile") == "quick" else None
    shown = None if seconds is None else "%.1f s" % seconds
    return "boundary, quick profile, time", shown, "< 60 s", None if seconds is None else seconds < 60


def fig_eta(run):
    """The ETA printed once a tenth of the plan had run, against the time the
    run really took from then on."""
    name = "ETA after 10% of the run"
    check = run.meta.get("eta_check") or {}
    predicted, actual = check.get("predicted_s", -1), check.get("actual_s", -1)
    if predicted is None or actual is None or predicted < 0 or actual <= 0:
        return name, None, "within 20%", None
    error = predicted / actual - 1
    share = check.get("history_share")
    known = "" if share is None else ", history %.0f%%" % (100 * share)
    return (name, "%.0f s predicted, %.0f s taken (%+.0f%%%s)" % (predicted, actual, 100 * error, known),
            "within 20%", abs(error) <= 0.20)


# --- trust: repeatability, the instruction clock, compare -----------------

def repeats(run):
    runs = [sub(run, "repeat-%d" % i) for i in (1, 2, 3)]
    return runs if all(r.exists() for r in runs) else None


def fig_verdict_agreement(run):
    """Findings whose verdict and measured direction agree in all three runs."""
    name = "boundary x3: verdicts agree"
    runs = repeats(run)
    if not runs:
        return name, None, ">= 95%", None
    judged = [r.judged() for r in runs]
    keys = set(judged[0]) & set(judged[1]) & set(judged[2])
    if not keys:
        return name, None, ">= 95%", None
    same = sum(len({(j[k]["verdict"], j[k]["direction"]) for j in judged}) == 1 for k in keys)
    share = same / len(keys)
    return name, "%.0f%% (%d of %d)" % (100 * share, same, len(keys)), ">= 95%", share >= 0.95


def fig_interval_coverage(run):
    """Each run's 95% interval holds the other runs' medians."""
    name = "boundary x3: intervals cover the others' medians"
    runs = repeats(run)
    if not runs:
        return name, None, ">= 90%", None
    rows = [{(r["variant"], r["params"]): r for r in x.ok_rows()} for x in runs]
    hits = total = 0
    for a, b in itertools.permutations(range(3), 2):
        for key in set(rows[a]) & set(rows[b]):
            lo, hi = float(rows[a][key]["ns_per_call_lo"]), float(rows[a][key]["ns_per_call_hi"])
            total += 1
            hits += lo <= float(rows[b][key]["ns_per_call"]) <= hi
    if not total:
        return name, None, ">= 90%", None
    return name, "%.0f%% of %d" % (100 * hits / total, total), ">= 90%", hits / total >= 0.90


def fig_c_medians(run):
    name = "boundary x3: C medians, spread"
    runs = repeats(run)
    if not runs:
        return name, None, "within 3%", None
    rows = [{(r["variant"], r["params"]): float(r["ns_per_call"]) for r in x.ok_rows()
             if r["kind"] == "c"} for x in runs]
    keys = set(rows[0]) & set(rows[1]) & set(rows[2])
    spreads = sorted(max(r[k] for r in rows) / min(r[k] for r in rows) - 1 for k in keys)
    if not spreads:
        return name, None, "within 3%", None
    mid = spreads[len(spreads) // 2]
    return (name, "median %.1f%%, worst %.1f%%" % (100 * mid, 100 * spreads[-1]), "within 3%",
            mid <= 0.03)


def fig_instructions(run):
    """Three instruction-clock runs of boundary at a fixed seed, point by point."""
    name = "instruction clock x3: spread"
    runs = [sub(run, d) for d in ("instructions", "instructions-2", "instructions-3")]
    if not all(r.exists() for r in runs):
        return name, None, "within 0.1%", None
    counts = [{(r["variant"], r["params"]): float(r["instr_per_call"]) for r in x.ok_rows("boundary")
               if r["instr_per_call"]} for x in runs]
    keys = set(counts[0]) & set(counts[1]) & set(counts[2])
    if not keys:
        return name, None, "within 0.1%", None
    worst = max(max(c[k] for c in counts) / min(c[k] for c in counts) - 1 for k in keys)
    return name, "worst %.3f%% over %d points" % (100 * worst, len(keys)), "within 0.1%", worst <= 0.001


def fig_compare_same_code(run):
    name = "compare of two runs of the same code"
    tally = read_json(os.path.join(run.folder, "compare-repeat.json"))
    if not tally:
        return name, None, "<= 5% called different", None
    points = tally["same"] + tally["faster"] + tally["slower"]
    moved = tally["faster"] + tally["slower"]
    if not points:
        return name, None, "<= 5% called different", None
    return (name, "%d of %d points faster or slower" % (moved, points), "<= 5% called different",
            moved <= 0.05 * points)


def fig_verdicts(run):
    counts = {}
    for finding in run.judged().values():
        counts[finding["verdict"]] = counts.get(finding["verdict"], 0) + 1
    shown = ", ".join("%d %s" % (n, v) for v, n in sorted(counts.items()))
    return "verdicts of this run", shown or None, "(reported)", None


# --- floors and agreement with other tools --------------------------------

def timeit_per_loop(processes, loops=100000, repeats=5):
    """Per-loop times of the empty Python variant from the timeit module (the
    code `python -m timeit` runs: Timer.repeat) in `processes` fresh
    processes, ASLR off as the harness's workers run: every repeat of every
    process.  Each process prints its times as JSON."""
    code = ("import json, sys, timeit; sys.path.insert(0, %r); from overhead import py_empty; "
            "t = timeit.Timer('py_empty(None)', globals={'py_empty': py_empty}); "
            "print(json.dumps([x / %d for x in t.repeat(%d, %d)]))"
            % (os.path.join(ROOT, "pyref"), loops, repeats, loops))
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", "") + ":" +
               os.path.join(ROOT, "build", "ext"))
    values = []
    for _ in range(processes):
        done = subprocess.run(["setarch", "-R", sys.executable, "-c", code], capture_output=True,
                              text=True, env=env)
        if done.returncode == 0:
            values.extend(1e9 * x for x in json.loads(done.stdout))
    return values


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return None if not n else xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def fig_empty_python(run):
    """The harness's median of every sample against timeit's median of every
    raw repeat, over the same number of fresh processes (ASLR off in both)."""
    name = "empty Python call vs python -m timeit"
    r = run.row("overhead", "py_empty")
    ours = run.number("overhead", "py_empty", "ns_per_call")
    if r is None or ours is None:
        return name, None, "within 10%", None
    ref = median(timeit_per_loop(int(r["rounds"])))
    if ref is None:
        return name, None, "within 10%", None
    return (name, "%.1f vs timeit %.1f ns: x%.2f" % (ours, ref, ours / ref), "within 10%",
            abs(ours / ref - 1) <= 0.10)


def fig_empty_c(run):
    ns = run.number("overhead", "c_empty", "ns_per_call")
    return "empty C variant, per call", None if ns is None else "%.2f ns" % ns, "< 2 ns", \
        None if ns is None else ns < 2


def fig_agreement(engine):
    def figure(run):
        name = "agreement with %s (median ratio)" % engine
        data = read_json(os.path.join(run.folder, "crosscheck-%s.json" % engine))
        if not data or data.get("median_ratio") is None:
            return name, None, "within 5%", None
        ratio = data["median_ratio"]
        return name, "x%.3f over %d points" % (ratio, data["judged"]), "within 5%", \
            abs(ratio - 1) <= 0.05
    return figure


# --- interpreters -----------------------------------------------------------

def fig_pythons(run):
    """The empty call and the call into an empty C function, by interpreter
    (the `pythons` part: `run --python all`), each with its 95% interval."""
    pythons = sub(run, "pythons")
    names = list(dict.fromkeys(r["python"] for r in pythons.rows))   # in the run's order
    if not names:
        return [("empty and extension call, by interpreter", None, "measured", None)]
    out = []
    for name in names:
        rows = {r["variant"]: r for r in pythons.rows
                if r["python"] == name and r["scenario"] == "overhead" and r["status"] == "ok"}
        cells = []
        for variant in ("py_empty", "ext_empty"):
            r = rows.get(variant)
            if r:
                cells.append("%.1f ns [%.1f-%.1f]" % (float(r["ns_per_call"]), float(r["ns_per_call_lo"]),
                                                     float(r["ns_per_call_hi"])))
        shown = "empty %s, extension %s" % tuple(cells) if len(cells) == 2 else None
        out.append(("Python %s: empty call, extension call" % name, shown, "measured",
                    shown is not None))
    return out


# --- the scenarios' own targets -------------------------------------------

def fig_batched_vs_c(scenario):
    def figure(run):
        ext = run.number(scenario, "ext_batch", "ns_per_item")
        c = run.number(scenario, "c_only", "ns_per_item")
        name = "%s: batched extension vs C only, largest n" % scenario
        if ext is None or c is None:
            return name, None, "within 10%", None
        return name, "x%.3f" % (ext / c), "within 10%", abs(ext / c - 1) <= 0.10
    return figure


def fig_ctypes_one_double(run):
    name = "crossing cost: ctypes call (1 double)"
    ctypes_ns = run.number("boundary", "ctypes_item", "ns_per_item")
    loop_ns = run.number("boundary", "py_loop", "ns_per_item")
    if ctypes_ns is None or loop_ns is None:
        return name, None, "< 500 ns", None
    cost = ctypes_ns - loop_ns
    return name, pretty_ns(cost), "< 500 ns", cost < 500


def flights_rows(run, variant):
    """{resident: summary row} of a flights variant at its largest n."""
    rows = [r for r in run.ok_rows("flights") if r["variant"] == variant]
    out = {}
    for r in rows:
        params = dict(p.split("=") for p in r["params"].split(";"))
        key = int(params.get("resident", 0))
        if key not in out or int(params["n"]) > int(dict(p.split("=") for p in out[key]["params"].split(";"))["n"]):
            out[key] = r
    return out


def metric_value(run, r, metric):
    for m in read_csv(os.path.join(run.folder, "metrics.csv")):
        if (m["scenario"], m["variant"], m["point"], m["metric"]) == (r["scenario"], r["variant"],
                                                                      r["point"], metric):
            return float(m["value"]) if m["value"] else None
    return None


def fig_chain(run):
    """v0 -> v7 (the last pure-Python step) in response latency, at each
    resident setting: the talk's 4.13 s -> 463 ms is 8.9x."""
    name = "flights: v0 -> v7 response, per resident heap"
    v0, v7 = flights_rows(run, "v0_baseline"), flights_rows(run, "v7_orjson")
    parts = []
    best = None
    for resident in sorted(set(v0) & set(v7)):
        a, b = metric_value(run, v0[resident], "response_ms"), metric_value(run, v7[resident], "response_ms")
        if a and b:
            parts.append("%gk: %.0f->%.0f ms %.1fx" % (resident / 1000, a, b, a / b))
            best = max(best or 0, a / b)
    if not parts:
        return name, None, ">= 8x (talk 8.9x)", None
    return name, "; ".join(parts), ">= 8x (talk 8.9x)", best >= 8


def fig_gc_step(run):
    """GC time per request v0 -> v1 (GC off in the handler, one collection
    after), at each resident setting: the talk's 756 -> 260 ms is 2.9x."""
    name = "flights: GC per request v0 -> v1"
    v0, v1 = flights_rows(run, "v0_baseline"), flights_rows(run, "v1_gc_off")
    parts, best = [], None
    for resident in sorted(set(v0) & set(v1)):
        a, b = float(v0[resident]["gc_ns_per_call"] or 0), float(v1[resident]["gc_ns_per_call"] or 0)
        if a > 0 and b > 0:
            parts.append("%gk: %.0f->%.0f ms %.1fx" % (resident / 1000, a / 1e6, b / 1e6, a / b))
            best = max(best or 0, a / b)
    if not parts:
        return name, None, ">= 2.5x (talk 2.9x)", None
    return name, "; ".join(parts), ">= 2.5x (talk 2.9x)", best >= 2.5


FIGURES = [fig_bench_time, fig_smoke_time, fig_quick_time, fig_eta,
           fig_verdict_agreement, fig_interval_coverage, fig_c_medians, fig_instructions,
           fig_compare_same_code, fig_verdicts,
           fig_empty_c, fig_empty_python,
           fig_agreement("gbench"), fig_agreement("pyperf"), fig_agreement("hyperfine"),
           fig_batched_vs_c("boundary"), fig_batched_vs_c("patterns"), fig_ctypes_one_double,
           fig_chain, fig_gc_step, fig_pythons]


def print_parts(run):
    if not parts(run):
        return
    print("\nTime per part (parts.json):")
    for p in parts(run):
        print("  %-24s %8.1f s%s" % (p["part"], p["seconds"],
                                     "" if p["exit"] in (0, 1) else "  (exit %d)" % p["exit"]))


def main(folder):
    run = Run(folder)
    if not run.exists():
        print("figures.py: %s has no summary.csv" % folder, file=sys.stderr)
        return 2
    system = run.meta.get("system", {})
    print("Bench figures (%s profile, %s)" % (run.meta.get("profile"), system.get("cpu_model")))
    if not run.meta.get("complete", False):
        print("  WARNING: an incomplete run: %s of %s measurements"
              % (run.meta.get("measurements", "?"), run.meta.get("planned", "?")))
    for warning in run.meta.get("warnings", []):
        print("  warning: %s" % warning)
    missed = 0
    for figure in FIGURES:
        got = figure(run)
        for name, shown, target, met in got if isinstance(got, list) else [got]:
            missed += met is False
            print("  %-48s %-36s %-26s %s" % (name, shown or "-", "target " + target, MET[met]))
    print_parts(run)
    if missed:
        print("\n  %d figure(s) missed: see summary.md and the closing note" % missed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
