"""`gluebench exercise` grades as exercises/README.md says: every starter
fails (a wrong answer, NotImplementedError, or a slow copy measured below
its target) and every solution passes, on the smoke profile.  The targets
are set with margin (far below what the solutions measure, far above a
starter's 1x) and grading is on the interval, so noise can only make a
result undecided; an undecided solution is measured once more with the
quick profile, as the verb itself advises.  Also: an unfilled prediction
is said to be unfilled, a filled one is printed, the run folder holds
summary.csv, findings.json and the prediction, bad names exit 2, and
exercises/gather.py tabulates the handed-in folders with the same grades."""

import os
import shutil
import subprocess
import sys
import tempfile

from gbsupport import check, fresh_dir, read_csv, run
from test_exercises import EXERCISES, manifests, solution_pyref


def grade(folder, name, tag, *extra, profile="smoke"):
    out = fresh_dir(tag)
    result = run("exercise", os.path.basename(folder), "--profile", profile, "--out", out,
                 "--force", "--quiet", *extra, timeout=280)
    print(result.stdout, result.stderr)
    return result, out


def last_line(result):
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def check_starter_fails(folder, name):
    result, _ = grade(folder, name, "grade-starter")
    check(result.returncode == 1, "%s starter: exit 1, got %d" % (name, result.returncode))
    check(last_line(result).startswith("gluebench exercise: fail") or
          "hint:" in result.stdout,
          "%s starter: no fail verdict: %r" % (name, last_line(result)))
    check("hint:" in result.stdout, "%s starter: a fail prints the hint" % name)


def check_solution_passes(folder, name):
    pyref = solution_pyref(folder, name)
    result, out = grade(folder, name, "grade-solution", "--pyref", pyref)
    if "undecided" in last_line(result):
        result, out = grade(folder, name, "grade-solution", "--pyref", pyref, profile="quick")
    check(result.returncode == 0 and last_line(result) == "gluebench exercise: pass",
          "%s solution: pass expected, got %d %r" % (name, result.returncode, last_line(result)))
    check("speedup" in result.stdout and "95% CI" in result.stdout,
          "%s solution: the speedup and its interval are printed" % name)
    rows = read_csv(os.path.join(out, "summary.csv"))
    check(rows and all(r["status"] == "ok" for r in rows), "%s solution: every row ok" % name)
    for part in ("findings.json", "meta.json", "prediction.txt"):
        check(os.path.exists(os.path.join(out, part)), "%s: the run folder lacks %s" % (name, part))
    return out


def check_prediction_shown():
    """An unfilled prediction is called unfilled; a filled one is printed."""
    folder = next(f for f in EXERCISES if os.path.basename(f) == "09-hunt")
    copy = tempfile.mkdtemp(prefix="gluebench-predict-")
    shutil.copytree(folder, os.path.join(copy, "09-hunt"))
    scenarios = os.path.join(copy, "09-hunt", "scenarios")
    result = run("exercise", "ex_hunt", "--scenarios", scenarios, "--profile", "smoke",
                 "--out", fresh_dir("predict"), "--quiet", timeout=200)
    check("still unfilled" in result.stdout, "an empty prediction.txt is reported as unfilled")
    with open(os.path.join(copy, "09-hunt", "prediction.txt"), "a") as f:
        f.write("my guess: parse is slow, 80 percent\n")
    result = run("exercise", "ex_hunt", "--scenarios", scenarios, "--profile", "smoke",
                 "--out", fresh_dir("predict"), "--quiet", timeout=200)
    check("my guess: parse is slow" in result.stdout and "still unfilled" not in result.stdout,
          "a filled prediction is printed beside the measurement:\n" + result.stdout)


def check_bad_usage():
    for args in (("exercise",), ("exercise", "no-such-exercise"), ("exercise", "batch", "--profile", "x")):
        result = run(*args)
        check(result.returncode == 2, "%s: exit 2, got %d" % (" ".join(args), result.returncode))


def check_gather(handed_in, names):
    """gather.py: one table per exercise, the attendee's row graded pass."""
    script = os.path.join(os.path.dirname(EXERCISES[0]), "gather.py")
    result = subprocess.run([sys.executable, script, handed_in], capture_output=True, text=True,
                            timeout=60)
    print(result.stdout, result.stderr)
    check(result.returncode == 0, "gather.py exits 0")
    for name in names:
        check("## %s " % name in result.stdout, "gather.py has a table for %s" % name)
    rows = [l for l in result.stdout.splitlines() if l.startswith("solver ")]
    check(rows and all(l.rstrip().endswith("pass") for l in rows),
          "gather.py grades every solution row pass: %s" % rows)


check_bad_usage()
handed_in = tempfile.mkdtemp(prefix="gluebench-handed-in-")
names = []
for folder in EXERCISES:
    for name in manifests(os.path.join(folder, "scenarios")):
        check_starter_fails(folder, name)
        out = check_solution_passes(folder, name)
        os.makedirs(os.path.join(handed_in, "solver"), exist_ok=True)
        shutil.copytree(out, os.path.join(handed_in, "solver", name))
        names.append(name)
        print("ok", os.path.basename(folder), name)
check_gather(handed_in, names)
check_prediction_shown()
print("ok")
