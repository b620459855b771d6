"""`gluebench interpreters`: discovery lists CPythons >= 3.11 once per
install; --prepare builds the extension modules for each other interpreter
into its own folder (reused untouched a second time), and the modules it
built import and compute under that interpreter; the harness's own
interpreter gets the main build's ext folder; a missing path, a program that
is not Python, a Python too old, one without Python.h and one whose build
fails are skipped with their reason."""

import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import sysconfig

from gbsupport import check, run

BUILD_TIMEOUT = 600  # a first build on a slow machine


def discovered():
    result = run("interpreters", "--json")
    check(result.returncode == 0 and result.stderr == "", "interpreters exits 0: %s" % result.stderr)
    found = json.loads(result.stdout)["interpreters"]
    text = run("interpreters")
    check(text.returncode == 0, "the listing exits 0")
    check(len(found) == 0 or len(text.stdout.splitlines()) == len(found),
          "one line per interpreter in the listing")
    keys = set()
    for item in found:
        major, minor = (int(x) for x in item["version"].split(".")[:2])
        check((major, minor) >= (3, 11), "only >= 3.11 listed: %s" % item)
        check(os.path.isabs(item["executable"]), "an absolute path: %s" % item)
        key = (item["base_prefix"], item["version"], item["abiflags"])
        check(key not in keys, "one entry per base_prefix and version: %s" % item)
        keys.add(key)
        headers = os.path.isfile(os.path.join(item["include_dir"], "Python.h"))
        check(item["usable"] == headers, "usable means Python.h exists: %s" % item)
        check(item["executable"] in text.stdout, "the listing names %s" % item["executable"])
    return found


def is_own(item):
    return (item["base_prefix"] == sys.base_prefix
            and item["version"] == platform.python_version())


def prepare(*pythons):
    result = run("interpreters", "--prepare", *pythons, "--json", timeout=BUILD_TIMEOUT)
    check(result.returncode in (0, 1), "prepare exits 0 or 1: %s" % result.stderr)
    # A skip is an answer on stdout; stderr stays empty (a sanitizer report goes there).
    check(result.stderr == "", "nothing on stderr: %s" % result.stderr)
    done = json.loads(result.stdout)["prepared"]
    check([d["python"] for d in done] == list(pythons), "one answer per interpreter, in order")
    check(result.returncode == (0 if all(d["ok"] for d in done) else 1),
          "exit 1 exactly when one is skipped")
    return done


def modules(ext_dir):
    return {path: os.stat(path).st_mtime_ns for path in glob.glob(os.path.join(ext_dir, "_gb_*.so"))}


# Runs with no PYTHONPATH, so that only the prepared folder can provide them.
IMPORT_CHECK = """
import sys
sys.path.insert(0, sys.argv[1])
import array, _gb_boundary, _gb_count
xs = [0.5 * i - 3.0 for i in range(100)]
assert _gb_boundary.square(3.0) == 9.0
assert _gb_boundary.sum_squares(array.array("d", xs)) == sum(x * x for x in xs)
assert _gb_boundary.sum_squares_list(xs) == sum(x * x for x in xs)
print(_gb_boundary.__file__)
"""


def check_imports(item):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([item["executable"], "-c", IMPORT_CHECK, item["ext_dir"]],
                          capture_output=True, text=True, env=env, timeout=60)
    check(done.returncode == 0, "%s imports and runs _gb_boundary: %s"
          % (item["executable"], done.stderr))
    check(os.path.dirname(done.stdout.strip()) == item["ext_dir"],
          "the module came from %s: %s" % (item["ext_dir"], done.stdout))


def check_others(found):
    others = [item["executable"] for item in found if item["usable"] and not is_own(item)]
    if not others:
        print("skip: no interpreter >= 3.11 with headers besides the harness's own")
        return
    first = prepare(*others)
    for item, listed in zip(first, others):
        check(item["ok"], "prepared %s: %s" % (listed, item["why"]))
        check(os.path.basename(os.path.dirname(item["ext_dir"])) == item["name"]
              and os.path.basename(os.path.dirname(os.path.dirname(item["ext_dir"]))) == "python",
              "its own folder <build>/python/<name>/ext: %s" % item["ext_dir"])
        check(item["ext_dir"] != os.environ["GLUEBENCH_EXT_DIR"], "not the main build's folder")
        check_imports(item)
    check(len({item["ext_dir"] for item in first}) == len(first), "one folder per interpreter")
    before = {item["ext_dir"]: modules(item["ext_dir"]) for item in first}
    again = prepare(*others)
    for item in again:
        check(item["ok"] and before[item["ext_dir"]] == modules(item["ext_dir"]),
              "a second prepare reuses %s without rebuilding" % item["ext_dir"])


def check_own():
    """The main build's ext folder; a build without its modules (the
    sanitizer build makes only the harness) is named as the reason."""
    own = prepare(sys.executable)[0]
    count = os.path.join(os.environ["GLUEBENCH_EXT_DIR"],
                         "_gb_count" + sysconfig.get_config_var("EXT_SUFFIX"))
    if not os.path.isfile(count):
        check(not own["ok"] and "make build" in own["why"], "no modules in the main build: %s" % own)
        return
    check(own["ok"], "the harness's own interpreter is prepared: %s" % own["why"])
    check(own["ext_dir"] == os.environ["GLUEBENCH_EXT_DIR"], "it uses the main build's ext folder")
    check(own["name"] == platform.python_version(), "named by its version: %s" % own["name"])
    check(own["executable"] == sys.executable, "a venv keeps its own path: %s" % own["executable"])


def too_old():
    """A CPython 3.10 or older on this machine, or None."""
    home = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    paths = sorted(glob.glob(os.path.join(home, "versions", "3.10*", "bin", "python3.10")))
    paths += ["/usr/bin/python3.10", "/usr/bin/python3.9"]
    for path in paths:
        if os.access(path, os.X_OK):
            return path
    return None


def check_skips():
    missing = "/nonexistent/bin/python3.12"
    skipped = prepare(missing, "/bin/true", sys.executable)
    check(not skipped[0]["ok"] and "not found" in skipped[0]["why"], "a missing path: %s" % skipped[0])
    check(not skipped[1]["ok"] and "not a Python interpreter" in skipped[1]["why"],
          "a program that is not Python: %s" % skipped[1])
    check(skipped[2]["python"] == sys.executable and skipped[2]["why"] != skipped[1]["why"],
          "one skipped interpreter does not stop the others")
    check(not prepare("no-such-python-gluebench")[0]["ok"], "a name not on PATH")
    old = too_old()
    if old is None:
        print("skip: no Python 3.10 or older here")
    else:
        item = prepare(old)[0]
        check(not item["ok"] and "too old" in item["why"], "an old Python: %s" % item)
    text = run("interpreters", "--prepare", "/bin/true")
    check(text.returncode == 1 and text.stdout.startswith("skipped"), "the text form says skipped")
    check(run("interpreters", "--prepare").returncode == 2, "--prepare without interpreters is bad usage")
    check(run("interpreters", "python3").returncode == 2, "interpreters without --prepare is bad usage")
    helped = run("interpreters", "--help")
    check(helped.returncode == 0 and "usage: gluebench interpreters" in helped.stdout, "--help")


# Answers the probe as a CPython 3.99 with headers, and fails everything
# else (as CMake runs it): the build step's failure, on purpose.
FAKE_PYTHON = """#!/bin/sh
case "$*" in
*gluebench-probe*) printf 'gluebench-probe\\nCPython\\n3.99.0\\n3 99\\n\\n%s\\n%s\\n%s\\n.cpython-399.so\\n' \\
    "$0" "$(dirname "$0")" "$(dirname "$0")/include" ;;
*) echo "this is not a Python" >&2; exit 1 ;;
esac
"""


def check_headers_and_build_failure():
    home = tempfile.mkdtemp(prefix="gluebench-fakepy-")
    fake = os.path.join(home, "python3.99")
    with open(fake, "w") as f:
        f.write(FAKE_PYTHON)
    os.chmod(fake, 0o755)
    item = prepare(fake)[0]
    check(not item["ok"] and "no Python.h" in item["why"] and "python3.99-dev" in item["why"],
          "no headers: a skip naming the Debian package: %s" % item)
    os.mkdir(os.path.join(home, "include"))
    open(os.path.join(home, "include", "Python.h"), "w").close()
    item = prepare(fake)[0]
    check(not item["ok"] and "configuring its extension modules failed" in item["why"],
          "a failed configure is a skip: %s" % item)
    log = re.search(r"see (\S+)\)$", item["why"])
    check(log and os.path.isfile(log.group(1)), "the reason names the log: %s" % item["why"])
    check("Python3" in open(log.group(1)).read(), "the log holds CMake's complaint")
    shutil.rmtree(os.path.dirname(log.group(1)))
    shutil.rmtree(home)


found = discovered()
check_own()
check_others(found)
check_skips()
check_headers_and_build_failure()
print("ok")
