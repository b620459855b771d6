"""The instruction clock (`run --clock instructions`): two runs of the
`overhead` scenario count the same instructions per call (a fixed hash seed,
one process each; only the timed loop is counted), whole processes are
skipped with their reason, and --hash-seeds keeps min <= median <= max.
Skipped without valgrind."""

import os
import shutil

from gbsupport import check, fresh_dir, read_csv, run

if not shutil.which("valgrind"):
    print("skipped: valgrind is not installed (apt-get install valgrind)")
    raise SystemExit(0)


def counts(out, *extra):
    result = run("run", "overhead", "--profile", "smoke", "--clock", "instructions", "--out", out,
                 "--quiet", *extra, timeout=600)
    check(result.returncode == 0, "an instruction-clock run exits 0: %s" % result.stderr)
    return {r["variant"]: r for r in read_csv(os.path.join(out, "summary.csv"))}


a = counts(fresh_dir("instr-a"))
b = counts(fresh_dir("instr-b"))
for variant in ("py_empty", "ext_empty", "c_empty"):
    ca, cb = float(a[variant]["instr_per_call"]), float(b[variant]["instr_per_call"])
    check(ca > 0 and abs(ca / cb - 1) <= 0.001, "%s: %g and %g instructions per call" % (variant, ca, cb))
check(float(a["c_empty"]["instr_per_call"]) < float(a["py_empty"]["instr_per_call"]),
      "an empty C call takes fewer instructions than an empty Python call")
for variant in ("process_python", "process_true"):
    check(a[variant]["status"] == "skipped" and "whole process" in a[variant]["message"],
          "%s is skipped with its reason" % variant)
seeds = counts(fresh_dir("instr-seeds"), "--hash-seeds", "2")
row = seeds["py_empty"]
check(row["rounds"] == "2", "one process per hash seed")
check(float(row["instr_per_call_min"]) <= float(row["instr_per_call"]) <= float(row["instr_per_call_max"]),
      "min <= median <= max over the seeds")
print("ok")
