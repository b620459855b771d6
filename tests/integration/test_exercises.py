"""Every workshop exercise works as its README promises: the starter runs
under `gluebench check` with the attendee's variants reported as `error`
(NotImplementedError) and everything else correct, or (a hunt: the starter
is a slow copy) with every variant correct; and the solution passes
`gluebench check` with every variant agreeing with the baseline.  The
solution is solution/<module>.py put first with --pyref, or for a C
exercise (solution/c/) the extension the build compiled from it,
<build>/exercises/<scenario>.  Each exercise has a prediction.txt, a
hint.txt and at least one judged finding to grade."""

import glob
import os

from gbsupport import TESTS, check, fresh_dir, read_csv, run

SOURCE = os.environ.get("GLUEBENCH_SOURCE_DIR") or os.path.dirname(TESTS)
EXERCISES = sorted(glob.glob(os.path.join(SOURCE, "exercises", "[0-9][0-9]-*")))


def manifests(scenarios):
    return sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(scenarios, "*.lua")))


def check_run(scenarios, name, tag, *extra):
    """`gluebench check NAME --scenarios DIR`: (exit code, summary rows)."""
    out = fresh_dir(tag)
    result = run("check", name, "--scenarios", scenarios, "--out", out, *extra)
    print(result.stdout, result.stderr)
    summary = os.path.join(out, "summary.csv")
    check(os.path.exists(summary), "%s: check wrote no summary.csv" % tag)
    return result.returncode, read_csv(summary)


def solution_pyref(folder, name):
    """The --pyref of the solution: its module, or its built extension."""
    if os.path.isdir(os.path.join(folder, "solution", "c")):
        ext = os.environ.get("GLUEBENCH_EXT_DIR") or os.path.join(SOURCE, "build", "ext")
        return os.path.join(os.path.dirname(ext), "exercises", name)
    return os.path.join(folder, "solution")


def check_starter(folder, name):
    """The starter: the attendee's variants raise, the rest are right; or,
    a runnable starter (the hunt), every variant right."""
    code, rows = check_run(os.path.join(folder, "scenarios"), name, "ex-starter")
    todo = {r["variant"] for r in rows if r["status"] == "error"}
    check(code == (1 if todo else 0), "%s starter: check exits %d, got %d"
          % (name, 1 if todo else 0, code))
    for r in rows:
        if r["status"] == "error":
            check("NotImplementedError" in r["message"],
                  "%s starter: %s fails for another reason: %s" % (name, r["variant"], r["message"]))
        else:
            check(r["status"] in ("ok", "skipped"),
                  "%s starter: given variant %s is %s: %s"
                  % (name, r["variant"], r["status"], r["message"]))
    return {r["variant"] for r in rows}


def check_solution(folder, name, variants):
    """The solution: every variant of the starter, all correct."""
    code, rows = check_run(os.path.join(folder, "scenarios"), name, "ex-solution",
                           "--pyref", solution_pyref(folder, name))
    check(code == 0, "%s solution: check exits 0, got %d" % (name, code))
    for r in rows:
        check(r["status"] in ("ok", "skipped"), "%s solution: %s is %s: %s"
              % (name, r["variant"], r["status"], r["message"]))
    check(variants <= {r["variant"] for r in rows},
          "%s solution: lacks starter variants %s" % (name, variants - {r["variant"] for r in rows}))
    check(any(r["status"] == "ok" for r in rows), "%s solution: nothing ran" % name)


check(len(EXERCISES) >= 4, "at least four exercises in %s/exercises" % SOURCE)
for folder in EXERCISES:
    names = manifests(os.path.join(folder, "scenarios"))
    check(names, "%s: no manifest in scenarios/" % folder)
    for name in names:
        solution = "solution/c" if os.path.isdir(os.path.join(folder, "solution", "c")) \
            else "solution/%s.py" % name
        for part in ("README.md", "prediction.txt", "hint.txt", "pyref/%s.py" % name,
                     "pyref/%s_given.py" % name, solution):
            check(os.path.exists(os.path.join(folder, part)), "%s: %s is missing" % (folder, part))
        with open(os.path.join(folder, "scenarios", name + ".lua")) as f:
            check("expect =" in f.read(), "%s: no judged finding (expect = ...) to grade" % name)
    for name in names:
        variants = check_starter(folder, name)
        check_solution(folder, name, variants)
        print("ok", os.path.basename(folder), name)
print("ok")
