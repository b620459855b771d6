"""`gluebench run --python`: the scenarios run under each interpreter in
turn, each with extensions built for it; the `python` column tells the
rows apart, meta.json keeps each interpreter's floor, an unusable
interpreter is skipped with its reason, and --resume finishes the
interpreter a run was cut in.  Skips (exit 0, saying so) when this machine
has no second usable CPython >= 3.11."""

import json
import os
import shutil
import sys

from gbsupport import check, fresh_dir, read_csv, read_json, rewrite_tables, run

root = fresh_dir("pythons")
venv = sys.executable   # the interpreter the build was configured with

# Unusable interpreters only: bad usage, each reason on stderr.
result = run("run", "overhead", "--profile", "smoke", "--out", os.path.join(root, "none"),
             "--quiet", "--python", "/bin/true,no-such-python")
check(result.returncode == 2, "no usable interpreter is bad usage, got %d" % result.returncode)
check("skipping interpreter /bin/true" in result.stderr and "no-such-python" in result.stderr,
      "each skipped interpreter is named with its reason: %s" % result.stderr)
check(not os.path.exists(os.path.join(root, "none", "summary.csv")), "and nothing is measured")

found = json.loads(run("interpreters", "--json").stdout)["interpreters"]
here = run("run", "overhead", "--profile", "smoke", "--out", os.path.join(root, "here"), "--quiet")
check(here.returncode == 0, "a run without --python: %s" % here.stderr)
own = read_csv(os.path.join(root, "here", "summary.csv"))[0]["python"]
others = [i["executable"] for i in found if i["usable"] and i["version"] + i["abiflags"] != own]
if not others:
    print("skipped: no usable CPython >= 3.11 here besides Python %s" % own)
    shutil.rmtree(root)
    sys.exit(0)
other = others[0]

out = os.path.join(root, "two")
result = run("run", "overhead", "boundary", "--profile", "smoke", "--out", out, "--quiet",
             "--python", "%s,%s,%s" % (venv, other, venv), timeout=600)
check(result.returncode == 0, "run --python exits 0: %s" % result.stderr)
check("already in the run" in result.stderr, "a repeated interpreter is skipped: %s" % result.stderr)
rows = read_csv(os.path.join(out, "summary.csv"))
names = list(dict.fromkeys(r["python"] for r in rows))
check(len(names) == 2 and names[0] == own, "two interpreters, in the order given: %s" % names)
for name in names:
    mine = [r for r in rows if r["python"] == name]
    check(len(mine) == len(rows) // 2, "each interpreter has every point (%s)" % name)
    check(all(r["status"] == "ok" for r in mine), "every variant ok under Python %s: %s"
          % (name, [(r["variant"], r["status"], r["message"]) for r in mine if r["status"] != "ok"]))
meta = read_json(os.path.join(out, "meta.json"))
check([i["name"] for i in meta["interpreters"]] == names, "meta.json lists the interpreters")
check(all(i["harness_overhead_ns"]["python"] > 0 for i in meta["interpreters"]),
      "a floor is measured under each interpreter")
check(meta["interpreters"][1]["ext_dir"] != meta["interpreters"][0]["ext_dir"],
      "the second interpreter has its own extensions")
result = run("report", out, "--quiet")
check(result.returncode == 0 and "## Findings in every context" in open(os.path.join(out, "summary.md")).read(),
      "the report sets the interpreters side by side")

# Cut the run inside its second interpreter, then resume: the first
# interpreter's rows stay as they were, the second's are measured again.
cut = os.path.join(root, "cut")
shutil.copytree(out, cut)
rewrite_tables(cut, lambda t: [t[0]] + [r for r in t[1:] if r[t[0].index("python")] == names[0]])
with open(os.path.join(cut, "meta.json")) as f:
    text = f.read().replace('"complete": true', '"complete": false')
with open(os.path.join(cut, "meta.json"), "w") as f:
    f.write(text)
kept = {(r["scenario"], r["variant"], r["point"]): r["ns_per_call"]
        for r in read_csv(os.path.join(cut, "summary.csv"))}

# A resume whose interpreter can no longer be used refuses, keeping the rows.
lost = os.path.join(root, "lost")
shutil.copytree(out, lost)
with open(os.path.join(lost, "meta.json")) as f:
    text = f.read().replace('"complete": true', '"complete": false')
with open(os.path.join(lost, "meta.json"), "w") as f:
    f.write(text)
args_path = os.path.join(lost, "args.txt")
with open(args_path) as f:
    args = f.read().replace(other, "/bin/true")
with open(args_path, "w") as f:
    f.write(args)
before = open(os.path.join(lost, "summary.csv")).read()
result = run("run", "--resume", lost, "--quiet")
check(result.returncode == 2 and "which this resume does not run" in result.stderr,
      "a resume without one of the run's interpreters refuses: %s" % result.stderr)
check(open(os.path.join(lost, "summary.csv")).read() == before, "and keeps every row")
result = run("run", "--resume", cut, "--quiet", timeout=600)
check(result.returncode == 0, "resume exits 0: %s" % result.stderr)
again = read_csv(os.path.join(cut, "summary.csv"))
check(len(again) == len(rows), "the cut interpreter is measured again: %d of %d rows" % (len(again), len(rows)))
check(all(kept[(r["scenario"], r["variant"], r["point"])] == r["ns_per_call"]
          for r in again if r["python"] == names[0]), "the finished interpreter's rows are kept")
shutil.rmtree(root)
print("ok")
