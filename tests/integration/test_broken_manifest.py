"""A broken manifest is reported with its file and line, exit code 2, and
the other scenarios in the same run still run."""

import os
import shutil

from gbsupport import FIXTURES, check, fresh_dir, read_csv, run

root = fresh_dir("broken")
scenarios = os.path.join(root, "scenarios")
os.makedirs(scenarios)
shutil.copytree(os.path.join(os.path.dirname(FIXTURES), "pyref"), os.path.join(root, "pyref"))
slow = open(os.path.join(FIXTURES, "slow.lua")).read()
with open(os.path.join(scenarios, "fine.lua"), "w") as f:
    f.write(slow.replace('name = "slow"', 'name = "fine"', 1).replace(
        "n = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }", "n = { 1 }"))
with open(os.path.join(scenarios, "broken.lua"), "w") as f:
    f.write('scenario {\n  name = "broken",\n  title = 3,\n}\n')

out = os.path.join(root, "out")
result = run("run", "--profile", "smoke", "--scenarios", scenarios, "--out", out)
print(result.stdout, result.stderr)
check(result.returncode == 2, "exit code 2 for a bad manifest, got %d" % result.returncode)
check("broken.lua:1: scenario: field 'title' must be a string, not number" in result.stderr,
      "the error names file, line and field")
rows = read_csv(os.path.join(out, "summary.csv"))
check({r["scenario"] for r in rows} == {"fine"}, "the good scenario ran")
check(all(r["status"] == "ok" for r in rows), "and its variants are ok")
print("ok")
