"""`gluebench export` into the formats other tools read: pyperf's own
commands (stats, hist, compare_to) accept the pyperf suites, and the Google
Benchmark file parses with the documented fields, its medians equal to
summary.csv's."""

import json
import os
import subprocess
import sys

from gbsupport import check, fresh_dir, read_csv, run

out = fresh_dir("export")
result = run("run", "boundary", "overhead", "--profile", "smoke", "--out", out, "--quiet")
check(result.returncode == 0, "run exits 0: %s" % result.stderr)
summary = [r for r in read_csv(os.path.join(out, "summary.csv")) if r["status"] == "ok"]

pyperf_dir = os.path.join(out, "export-pyperf")
result = run("export", out, "--format", "pyperf")
check(result.returncode == 0, "export pyperf exits 0: %s" % result.stderr)
suite = os.path.join(pyperf_dir, "boundary.json")
data = json.load(open(suite))
names = {b["metadata"]["name"] for b in data["benchmarks"]}
check(names == {"%s/%s" % (r["variant"], r["params"]) for r in summary if r["scenario"] == "boundary"},
      "one pyperf benchmark per ok variant and point")
for command in (["stats", suite], ["hist", suite], ["compare_to", suite, suite]):
    done = subprocess.run([sys.executable, "-m", "pyperf", *command], capture_output=True, text=True)
    check(done.returncode == 0, "pyperf %s accepts the export: %s" % (command[0], done.stderr))
stats = subprocess.run([sys.executable, "-m", "pyperf", "stats", suite], capture_output=True, text=True)
check("Number of run with values: 2" in stats.stdout, "one pyperf run per worker process")

gbench = os.path.join(out, "gbench.json")
result = run("export", out, "--format", "gbench", "--out", gbench)
check(result.returncode == 0, "export gbench exits 0: %s" % result.stderr)
data = json.load(open(gbench))
for field in ("date", "host_name", "executable", "num_cpus", "library_build_type"):
    check(field in data["context"], "context has %s" % field)
medians = {b["run_name"]: b for b in data["benchmarks"] if b.get("aggregate_name") == "median"}
check(len(medians) == len(summary), "a median aggregate per ok row: %d of %d" % (len(medians), len(summary)))
for r in summary:
    name = "%s/%s%s" % (r["scenario"], r["variant"], "/" + r["params"] if r["params"] else "")
    b = medians[name]
    check(b["time_unit"] == "ns" and b["run_type"] == "aggregate", "documented fields of %s" % name)
    check(abs(b["real_time"] - float(r["ns_per_call"])) <= 1e-5 * float(r["ns_per_call"]),
          "the median is summary.csv's: %s" % name)
iterations = [b for b in data["benchmarks"] if b["run_type"] == "iteration"]
check(iterations and all(b["iterations"] >= 1 and b["real_time"] > 0 for b in iterations),
      "one iteration entry per sample")
check(run("export", out, "--format", "csv").returncode == 2, "an unknown format is bad usage")
print("ok")
