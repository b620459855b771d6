"""A worker's output is bounded and its children reaped: a variant that
prints 100 MB (to stdout, which gbworker points at stderr, and to stderr)
keeps at most 64 KiB per worker in workers.log plus a line saying how much
was dropped, and the run neither fills the disk nor stalls; a protocol line
over GB_LINE_MAX is garbage; processes a variant starts and leaves behind
are killed with its group and reaped (no zombie stays with the harness)."""

import os
import subprocess
import time

from gbsupport import GLUEBENCH, by_variant, check, fresh_dir, read_csv

MANIFEST = """scenario {
  name = "flood", title = "t", talk = "000", question = "q?", about = "a",
  params = { "n" },
  sweep = { smoke = { n = { 5 } }, quick = { n = { 5 } } },
  baseline = "good",
  timeout = 20,
  variants = {
    variant { name = "good", label = "good", kind = "python", entry = "fl:good" },
    variant { name = "stdout", label = "stdout", kind = "python", entry = "fl:good",
              setup = "fl:flood_stdout" },
    variant { name = "stderr", label = "stderr", kind = "python", entry = "fl:good",
              setup = "fl:flood_stderr" },
    variant { name = "long_line", label = "long", kind = "python", entry = "fl:long_line" },
    variant { name = "leaky", label = "leaky", kind = "python", entry = "fl:good",
              setup = "fl:leave_children" },
  },
}
"""
PYREF = '''import os
import subprocess
import sys

import __main__

CHUNK = "x" * (1 << 20) + "\\n"
LEAK = os.environ["GB_TEST_LEAK"]


def make_input(params, seed):
    return params["n"]


def good(n):
    """The plain loop."""
    return sum(range(n))


def flood_stdout(params, seed):
    for _ in range(100):
        sys.stdout.write(CHUNK)
    sys.stdout.flush()
    os.write(1, CHUNK.encode())  # the file descriptor too
    return params["n"]


def flood_stderr(params, seed):
    for _ in range(100):
        sys.stderr.write(CHUNK)
    sys.stderr.flush()
    return params["n"]


def long_line(n):
    """A protocol line longer than GB_LINE_MAX."""
    os.write(__main__.PROTOCOL_FD, b"y" * 100000 + b"\\n")
    return sum(range(n))


def leave_children(params, seed):
    for _ in range(2):
        subprocess.Popen([LEAK, "300"])
    if os.fork() == 0:  # a child that exits at once: a zombie of the worker
        os._exit(0)
    return params["n"]
'''


def processes():
    """(pid, ppid, state, comm) of every process."""
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/stat" % pid) as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out.append((int(pid), int(fields[1]), fields[0], comm))
    return out


root = fresh_dir("faults-flood")
os.makedirs(os.path.join(root, "scenarios"))
os.makedirs(os.path.join(root, "pyref"))
leak = os.path.join(root, "gbleak")
os.symlink("/bin/sleep", leak)  # its processes are known by the name gbleak
with open(os.path.join(root, "scenarios", "flood.lua"), "w") as f:
    f.write(MANIFEST)
with open(os.path.join(root, "pyref", "fl.py"), "w") as f:
    f.write(PYREF)

out = os.path.join(root, "out")
env = dict(os.environ, GB_TEST_LEAK=leak)
started = time.monotonic()
harness = subprocess.Popen([GLUEBENCH, "run", "--profile", "smoke", "--scenarios",
                            os.path.join(root, "scenarios"), "--out", out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
# While it runs: a zombie child of the harness may exist for an instant
# between a worker's death and its reaping, never for seconds.
zombies_seen = {}
lingering = set()
while harness.poll() is None:
    now = time.monotonic()
    for pid, ppid, state, comm in processes():
        if ppid == harness.pid and state == "Z":
            first = zombies_seen.setdefault(pid, now)
            if now - first > 1.5:
                lingering.add((pid, comm))
    time.sleep(0.05)
stdout, stderr = harness.communicate()
took = time.monotonic() - started
print(stdout, stderr, "took %.1f s" % took)
check(harness.returncode == 1, "exit 1 (the long line is a failed variant), got %d"
      % harness.returncode)
check(took < 120, "the run did not stall (%.0f s)" % took)
check(not lingering, "zombies stayed with the harness: %s" % sorted(lingering))
left = [p for p in processes() if p[3] == "gbleak"]
check(not left, "the variant's children were killed with its group: %s" % left)

log = os.path.join(out, "workers.log")
size = os.path.getsize(log)
workers = len(read_csv(os.path.join(out, "samples.csv")))
print("workers.log: %d bytes" % size)
check(size < 4 << 20, "workers.log holds %d bytes, not 200 MB" % size)
with open(log, errors="replace") as f:
    text = f.read()
check("bytes of this worker's stderr dropped; the first 64 KiB are kept" in text,
      "the log says how much it dropped")
rows = by_variant(read_csv(os.path.join(out, "summary.csv")))
for name in ("good", "stdout", "stderr", "leaky"):
    check(all(r["status"] == "ok" for r in rows[name]), "%s is ok: %s" % (name, rows[name]))
check(all(r["status"] == "garbage" for r in rows["long_line"]),
      "a line over GB_LINE_MAX is garbage: %s" % rows["long_line"])
print("ok (%d samples)" % workers)
