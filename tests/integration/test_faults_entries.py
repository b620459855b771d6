"""Names a manifest refers to are resolved when it loads, not mid-run: a
missing Python module or function, a C variant the built kernel lacks and
a chart type with no gnuplot script each fail `check` with exit 2 and the
manifest's file and line, while a good manifest beside them still runs.
A finished run's copied manifests are read without these checks."""

import os
import shutil

from gbsupport import check, fresh_dir, read_csv, run

TEMPLATE = """scenario {
  name = "%(name)s", title = "t", talk = "000", question = "q?", about = "a",
  params = { "n" },
  sweep = { smoke = { n = { 5 } }, quick = { n = { 5 } } },
  baseline = "good",
  variants = {
    variant { name = "good", label = "good", kind = "python", entry = "fz:good" },
    %(extra)s
  },
  charts = { chart { id = "c", type = "%(chart)s", y = "ns_per_call", title = "t" } },
}
"""
PYREF = '''import math
from os import path as ospath, sep  # noqa: F401


def make_input(params, seed):
    return params["n"]


def good(n):
    """The plain loop."""
    return sum(range(n))


def helper(n):
    def nested_only(m):
        return m
    return nested_only(n)


if True:
    def guarded(n):
        """Defined in a top-level block."""
        return n * (n - 1) // 2

assigned = guarded
'''
VARIANT = 'variant { name = "x", label = "x", kind = "%s", entry = "%s" },'
CASES = {
    # name: (extra variant, chart type, expected message after "file:line: ")
    "fine": (VARIANT % ("python", "fz:assigned") + "\n    "
             + VARIANT.replace('"x"', '"y"') % ("python", "fz:guarded"), "bars", None),
    "no_module": (VARIANT % ("python", "nosuchmod:good"), "bars",
                  ":8: variant 'x': entry 'nosuchmod:good': no module 'nosuchmod' in the Python path"),
    "no_function": (VARIANT % ("python", "fz:nested_only"), "bars",
                    ":8: variant 'x': entry 'fz:nested_only': "),
    "no_setup": ('variant { name = "x", label = "x", kind = "python", entry = "fz:good", '
                 'setup = "fz:mk" },', "bars", ":8: variant 'x': setup 'fz:mk': "),
    "no_cvariant": (VARIANT % ("c", "overhead:no_such_variant"), "bars",
                    ":8: variant 'x': entry 'overhead:no_such_variant': the kernel of "
                    "'overhead:no_such_variant' has no variant 'no_such_variant'"),
    "no_kernel": (VARIANT % ("c", "nosuchkernel:f"), "bars",
                  ":8: variant 'x': entry 'nosuchkernel:f': no libgbk_nosuchkernel.so"),
    "no_script": ("", "piechart", ":10: chart 'c': type 'piechart' has no script"),
}

root = fresh_dir("faults-entries")
scenarios = os.path.join(root, "scenarios")
os.makedirs(scenarios)
os.makedirs(os.path.join(root, "pyref"))
with open(os.path.join(root, "pyref", "fz.py"), "w") as f:
    f.write(PYREF)
for name, (extra, chart, _) in CASES.items():
    with open(os.path.join(scenarios, name + ".lua"), "w") as f:
        f.write(TEMPLATE % {"name": name, "extra": extra, "chart": chart})

for name, (_, _, expected) in CASES.items():
    result = run("check", "--scenarios", scenarios, name, timeout=60)
    print(name, result.returncode, result.stderr.strip())
    if expected is None:
        check(result.returncode == 0, "%s: check passes, got %d" % (name, result.returncode))
        continue
    check(result.returncode == 2, "%s: exit 2, got %d" % (name, result.returncode))
    check(os.path.join(scenarios, name + ".lua") + expected in result.stderr,
          "%s: the message names file, line and what is missing" % name)
    check("1 variant" not in result.stdout and "good" not in result.stdout,
          "%s: nothing ran" % name)

out = os.path.join(root, "out")
result = run("run", "--profile", "smoke", "--scenarios", scenarios, "--out", out, timeout=120)
print(result.stdout, result.stderr)
check(result.returncode == 2, "run: exit 2 for the broken manifests, got %d" % result.returncode)
rows = read_csv(os.path.join(out, "summary.csv"))
check({r["scenario"] for r in rows} == {"fine"}, "only the good scenario ran")
check(rows and all(r["status"] == "ok" for r in rows), "and its variants are ok")

# The run folder's copy of the manifest is read back with the checks off:
# the module may be gone by the time of the report.
shutil.rmtree(os.path.join(root, "pyref"))
report = run("report", out, timeout=60)
print(report.stdout, report.stderr)
check(report.returncode == 0, "report reads a run whose modules are gone, got %d"
      % report.returncode)
print("ok")
