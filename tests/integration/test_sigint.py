"""Ctrl-C mid-run: the harness stops, exits 130, and leaves valid CSVs and
a valid meta.json that says it was interrupted."""

import os
import signal
import subprocess
import time

from gbsupport import FIXTURES, GLUEBENCH, check, fresh_dir, read_csv, read_json

out = fresh_dir("sigint")
proc = subprocess.Popen([GLUEBENCH, "run", "slow", "--profile", "smoke", "--scenarios",
                         FIXTURES, "--out", out, "--target-ms", "100"],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
samples = os.path.join(out, "samples.csv")
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    time.sleep(0.2)
    if os.path.exists(samples) and len(open(samples).readlines()) > 6:
        break
proc.send_signal(signal.SIGINT)
stdout, stderr = proc.communicate(timeout=60)
print(stdout, stderr)
check(proc.returncode == 130, "exit code 130 after SIGINT, got %d" % proc.returncode)
rows = read_csv(samples)
check(len(rows) > 5, "samples written before the interrupt are kept")
summary = read_csv(os.path.join(out, "summary.csv"))
check(len(summary) < 20, "the run stopped early")
meta = read_json(os.path.join(out, "meta.json"))
check(meta["interrupted"] is True and meta["end"], "meta.json records the interrupt")
check("interrupted" in stderr, "the user is told")
print("ok")
