"""A run killed mid-way (SIGKILL: no chance to clean up) is reported as
incomplete, then finished by `run --resume`, which keeps the points already
measured and leaves a folder shaped like one never interrupted; resume is
refused when a manifest changed; --out into a folder holding a run is
refused without --force."""

import os
import shutil
import signal
import subprocess
import time

from gbsupport import FIXTURES, GLUEBENCH, check, fresh_dir, read_csv, read_json, run

root = fresh_dir("resume")
scenarios = os.path.join(root, "scenarios")
shutil.copytree(FIXTURES, scenarios)
shutil.copytree(os.path.join(os.path.dirname(FIXTURES), "pyref"), os.path.join(root, "pyref"))
out = os.path.join(root, "out")
args = ["run", "slow", "--profile", "smoke", "--scenarios", scenarios, "--out", out,
        "--target-ms", "30"]

# 1. Kill the harness once a few points are in summary.csv.
proc = subprocess.Popen([GLUEBENCH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
summary = os.path.join(out, "summary.csv")
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    time.sleep(0.1)
    if os.path.exists(summary) and len(open(summary).readlines()) > 5:
        break
proc.send_signal(signal.SIGKILL)
proc.communicate(timeout=30)
before = read_csv(summary)
check(0 < len(before) < 20, "killed mid-run: %d summary rows" % len(before))
check(read_json(os.path.join(out, "meta.json"))["complete"] is False, "meta.json: not complete")

# 2. The report says so, prominently.
report = run("report", out)
check(report.returncode == 0, "report runs on a killed run: %s" % report.stderr)
check("incomplete run" in report.stdout, "report says the run is incomplete")
check("incomplete run" in open(os.path.join(out, "summary.md")).read(), "so does summary.md")

# 3. A changed manifest refuses the resume.
manifest = os.path.join(scenarios, "slow.lua")
text = open(manifest).read()
with open(manifest, "w") as f:
    f.write(text.replace("Two variants", "Two changed variants"))
refused = run("run", "--resume", out)
check(refused.returncode == 2 and "changed since the run" in refused.stderr,
      "a changed manifest refuses the resume: %s" % refused.stderr)
with open(manifest, "w") as f:
    f.write(text)

# 4. Resume finishes it; the folder looks like an uninterrupted run.
resumed = run("run", "--resume", out, "--quiet")
check(resumed.returncode == 0, "resume exits 0: %s" % resumed.stderr)
after = read_csv(summary)
keys = [(r["variant"], r["point"]) for r in after]
check(len(after) == 20 and len(set(keys)) == 20, "every variant at every point, once: %d" % len(after))
check(all(r["status"] == "ok" for r in after), "every row ok")
kept = {(r["variant"], r["point"]): r["ns_per_call"] for r in before}
for r in after:
    key = (r["variant"], r["point"])
    if key in kept and kept[key]:
        check(r["ns_per_call"] == kept[key], "a finished point is kept as measured: %s" % (key,))
samples = read_csv(os.path.join(out, "samples.csv"))
sample_keys = [(s["variant"], s["point"], s["round"], s["sample"]) for s in samples]
check(len(sample_keys) == len(set(sample_keys)), "no sample twice")
check({s["point"] for s in samples} == {r["point"] for r in after}, "samples for every point")
check(read_json(os.path.join(out, "meta.json"))["complete"] is True, "meta.json: complete")

# 5. --out into a folder that holds a run.
again = run(*args)
check(again.returncode == 2 and "already holds a run" in again.stderr, "refused without --force")
forced = run(*args, "--force", "--quiet")
check(forced.returncode == 0 and len(read_csv(summary)) == 20, "--force empties it first")
check(not os.path.exists(os.path.join(out, "summary.md")), "nothing of the old run is left")
print("ok")
