"""A full disk (RLIMIT_FSIZE, as `ulimit -f` sets it) mid-run: the harness
exits 3 with a message naming the CSV it could not write, and every CSV in
the run folder still parses: a row is never left half-written (csv.c cuts a
short write back to the last whole row)."""

import glob
import os
import resource
import subprocess

from gbsupport import GLUEBENCH, check, fresh_dir, read_csv


def limited(size):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


root = fresh_dir("faults-fsize")
named = set()
# Below the size of the manifest, the copy of it in the run folder is cut;
# from there to "a few sample rows fit", the limit falls inside a different
# CSV row each time.
manifest = os.path.join(os.environ.get("GLUEBENCH_SOURCE_DIR", "."), "scenarios", "overhead.lua")
base = os.path.getsize(manifest)
for size in [base // 2] + list(range(base + 50, base + 2300, 250)):
    out = os.path.join(root, "out-%d" % size)
    result = subprocess.run([GLUEBENCH, "run", "overhead", "--profile", "smoke", "--out", out],
                            capture_output=True, text=True, timeout=240,
                            preexec_fn=limited(size))
    last = result.stderr.strip().splitlines()[-1:] or [""]
    print(size, result.returncode, last[0])
    check(result.returncode in (0, 3), "limit %d: exit 0 or 3, got %d" % (size, result.returncode))
    if result.returncode == 3:
        check(out in result.stderr, "limit %d: the message names the file" % size)
        if size < base:
            check("manifests/overhead.lua" in result.stderr, "the cut copy is named")
        for name in ("samples.csv", "summary.csv", "metrics.csv"):
            if os.path.join(out, name) + ": cannot write a row" in result.stderr:
                named.add(name)
    for path in glob.glob(os.path.join(out, "*.csv")):
        with open(path, "rb") as f:
            data = f.read()
        check(data.endswith(b"\n"), "%s ends with a whole row" % path)
        check(os.path.getsize(path) <= size, "%s is within the limit" % path)
        read_csv(path)  # fails on a row with the wrong field count
check(named & {"samples.csv", "summary.csv"},
      "some limit stopped the run at samples.csv or summary.csv (named: %s)" % sorted(named))
print("ok")
