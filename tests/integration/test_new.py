"""`gluebench new NAME --c` scaffolds a scenario that builds and runs at once.

In a temporary copy of the tree (the files `git ls-files` lists, the
.venv as a symlink), scaffold a scenario with a C kernel, configure and
build the copy (only the targets a run needs, -j2), run the scenario on
the smoke profile and check its CSV: every variant ok, the answers equal,
an int answer shown as its value; then run the scaffolded differential
test.  Also: an existing name, a bad one and a standard-library one are
refused with exit 2 and nothing written."""

import os
import shutil
import subprocess
import sys
import tempfile

from gbsupport import GLUEBENCH, check, read_csv, run

SOURCE = os.environ.get("GLUEBENCH_SOURCE_DIR") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAME = "scaffolded"


def copy_tree(dest):
    """The tracked files only (no build/, no results/), and the .venv link."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=SOURCE, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = os.path.join(SOURCE, rel)
        if not os.path.isfile(src):
            continue      # deleted in the work tree
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, rel))
    venv = os.path.join(SOURCE, ".venv")
    if os.path.exists(venv):
        os.symlink(os.path.realpath(venv), os.path.join(dest, ".venv"))


def clean_env():
    """The environment without the test's GLUEBENCH_* (they name this build)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GLUEBENCH")}


def build(root):
    python = os.path.join(root, ".venv", "bin", "python")
    if not os.path.exists(python):
        python = sys.executable
    steps = (["cmake", "-S", root, "-B", os.path.join(root, "build"), "-DCMAKE_BUILD_TYPE=Release",
              "-DPython3_EXECUTABLE=" + python],
             ["cmake", "--build", os.path.join(root, "build"), "-j2", "--target", "gluebench",
              "gb-cworker", "gbk_" + NAME, "_gb_" + NAME])
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, timeout=240, env=clean_env())
        check(result.returncode == 0, "%s failed:\n%s\n%s"
              % (" ".join(step[:3]), result.stdout[-3000:], result.stderr[-3000:]))


def check_refusals(root):
    for name, why in ((NAME, "exists"), ("Bad-Name", "lowercase identifier"),
                      ("9lives", "lowercase identifier"), ("json", "standard-library"),
                      ("class", "keyword")):
        before = sorted(os.listdir(os.path.join(root, "scenarios")))
        result = run("new", name, "--dir", root)
        check(result.returncode == 2, "new %s: exit 2, got %d" % (name, result.returncode))
        check(why in result.stderr, "new %s: the message says %r: %s" % (name, why, result.stderr))
        check(sorted(os.listdir(os.path.join(root, "scenarios"))) == before,
              "new %s: nothing written" % name)
    result = run("new", "boundary")
    check(result.returncode == 2 and "exists" in result.stderr, "new boundary: refused")


def check_run(root):
    out = tempfile.mkdtemp(prefix="gluebench-new-run-")
    binary = os.path.join(root, "build", "bin", "gluebench")
    result = subprocess.run([binary, "run", NAME, "--profile", "smoke", "--out", out, "--force",
                             "--quiet"], capture_output=True, text=True, timeout=240,
                            env=clean_env(), cwd=root)
    print(result.stdout, result.stderr)
    check(result.returncode == 0, "the scaffolded scenario runs: exit %d" % result.returncode)
    rows = read_csv(os.path.join(out, "summary.csv"))
    variants = {r["variant"] for r in rows}
    check(variants == {"py_loop", "py_builtin", "ext_batch", "c_only"},
          "the scaffold's four variants ran: %s" % variants)
    for r in rows:
        check(r["status"] == "ok", "%s at %s: %s %s" % (r["variant"], r["params"], r["status"],
                                                          r["message"]))
    for point in {r["point"] for r in rows}:
        answers = {r["answer"] for r in rows if r["point"] == point}
        check(len(answers) == 1, "point %s: the variants agree: %s" % (point, answers))
        kind, _, value = answers.pop().partition(" ")
        check(kind == "int" and value.isdigit(), "an int answer is shown as its value")


def check_differential_test(root):
    build_dir = os.path.join(root, "build")
    env = clean_env()
    env["PYTHONPATH"] = os.pathsep.join([os.path.join(root, "pyref"), os.path.join(build_dir, "ext")])
    env["GLUEBENCH_KERNEL_DIR"] = os.path.join(build_dir, "kernels")
    test = os.path.join(root, "tests", "py", "test_%s.py" % NAME)
    result = subprocess.run([sys.executable, test], capture_output=True, text=True, timeout=120,
                            env=env)
    print(result.stdout, result.stderr)
    check(result.returncode == 0, "the scaffolded differential test passes")


root = tempfile.mkdtemp(prefix="gluebench-new-")
try:
    copy_tree(root)
    result = run("new", NAME, "--c", "--dir", root)
    print(result.stdout, result.stderr)
    check(result.returncode == 0, "new %s --c: exit 0, got %d" % (NAME, result.returncode))
    for rel in ("scenarios/%s.lua", "pyref/%s.py", "tests/py/test_%s.py", "kernels/%s.c",
                "kernels/%s.h", "kernels/ext/%s.c"):
        check(os.path.exists(os.path.join(root, rel % NAME)), "%s written" % (rel % NAME))
    check_refusals(root)
    build(root)
    check_run(root)
    check_differential_test(root)
finally:
    shutil.rmtree(root, ignore_errors=True)
print("ok")
