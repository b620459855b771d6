"""Manifests that would hang the loader inside one long C call of Lua's
string library (a huge string.rep, a backtracking string.find) or in a
quadratic `..` loop: each ends in under 2 s with its file named, exit 2,
and a good manifest beside them still lists and runs."""

import os
import time

from gbsupport import check, fresh_dir, read_csv, run

GOOD = """scenario {
  name = "%s", title = "fine", talk = "000", question = "q?", about = "a",
  params = { "n" },
  sweep = { smoke = { n = { 5 } }, quick = { n = { 5 } } },
  baseline = "good",
  variants = {
    variant { name = "good", label = "good", kind = "python", entry = "fz:good" },
    variant { name = "also", label = "also", kind = "python", entry = "fz:also" },
  },
}
"""
HAZARDS = {
    "rep": 'local s = string.rep("", 1 << 62)\nlocal t = s .. string.rep("ab", 1 << 40, s)\n',
    "find": 'local s = string.rep("a", 60)\nlocal i = s:find(".-.-.-.-.-.-.-.-.-.-.-.-b")\n',
    "concat": 'local s = ""\nfor i = 1, 1e8 do\n  s = s .. "xxxxxxxxxxxxxxxx" .. i\n'
              '  if #s > 4e6 then s = "" .. s:sub(2) end\nend\n',
}
PYREF = '''def make_input(params, seed):
    return params["n"]


def good(n):
    """The plain loop."""
    return sum(range(n))


def also(n):
    """The formula."""
    return n * (n - 1) // 2
'''


def scenario_folder():
    root = fresh_dir("faults-hang")
    os.makedirs(os.path.join(root, "scenarios"))
    os.makedirs(os.path.join(root, "pyref"))
    with open(os.path.join(root, "pyref", "fz.py"), "w") as f:
        f.write(PYREF)
    with open(os.path.join(root, "scenarios", "fine.lua"), "w") as f:
        f.write(GOOD % "fine")
    for name, code in HAZARDS.items():
        with open(os.path.join(root, "scenarios", "hang_%s.lua" % name), "w") as f:
            f.write(code + GOOD % ("hang_" + name))
    return root


root = scenario_folder()
scenarios = os.path.join(root, "scenarios")
# hang_find gets the 1.2 s wall-clock kill and hang_concat the 0.8 s soft
# limit; fine and hang_rep load in milliseconds, so 3 manifests need < 2 s
# each, and the whole command well under 3 x 2 s.
started = time.monotonic()
listed = run("list", "--scenarios", scenarios, timeout=30)
took = time.monotonic() - started
print(listed.stdout, listed.stderr, "took %.2f s" % took)
check(listed.returncode == 2, "list: exit 2 for bad manifests, got %d" % listed.returncode)
check(took < 6.0, "list took %.1f s for three bad manifests" % took)
check("fine" in listed.stdout, "list: the good manifest is listed")
for name in HAZARDS:
    check("hang_%s.lua:" % name in listed.stderr, "list names hang_%s.lua" % name)
check("hang_rep.lua:2: string.rep: the result would be over" in listed.stderr,
      "string.rep is refused with its line")
check("hang_find.lua: the manifest did not finish within 1.2 s" in listed.stderr,
      "the backtracking pattern is killed by the wall clock")
check("hang_concat.lua:3: the manifest ran for over" in listed.stderr,
      "the `..` loop is stopped by the soft limit, with its line")

for name in HAZARDS:
    started = time.monotonic()
    alone = run("check", "--scenarios", scenarios, "hang_" + name, timeout=30)
    took = time.monotonic() - started
    check(alone.returncode == 2 and took < 2.0,
          "check hang_%s: exit %d in %.2f s" % (name, alone.returncode, took))

out = os.path.join(root, "out")
result = run("run", "--profile", "smoke", "--scenarios", scenarios, "--out", out, timeout=120)
print(result.stdout, result.stderr)
check(result.returncode == 2, "run: exit 2, got %d" % result.returncode)
rows = read_csv(os.path.join(out, "summary.csv"))
check({r["scenario"] for r in rows} == {"fine"}, "only the good scenario ran")
check(rows and all(r["status"] == "ok" for r in rows), "and its variants are ok")
print("ok")
