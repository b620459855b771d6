"""SIGKILL of the harness mid-run (no chance to clean up): every CSV still
parses (rows are whole, written in one call each) and `gluebench report`
says "incomplete run".  test_faults_sighup.py reuses stopped_run()."""

import glob
import os
import signal
import subprocess
import time

from gbsupport import FIXTURES, GLUEBENCH, check, fresh_dir, read_csv, run


def start(out):
    return subprocess.Popen([GLUEBENCH, "run", "slow", "--profile", "smoke", "--scenarios",
                             FIXTURES, "--out", out, "--target-ms", "100"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_samples(out, count):
    samples = os.path.join(out, "samples.csv")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if os.path.exists(samples) and len(open(samples).readlines()) > count:
            return
    check(False, "no samples within 60 s in %s" % out)


def csvs_valid(out):
    paths = glob.glob(os.path.join(out, "*.csv"))
    check(len(paths) >= 2, "the run folder has its CSVs: %s" % paths)
    for path in paths:
        with open(path, "rb") as f:
            check(f.read().endswith(b"\n"), "%s ends with a whole row" % path)
        read_csv(path)


def stopped_run(sig, code):
    """Runs the slow fixture, sends sig after a few samples, checks the exit
    code, the CSVs and the report."""
    out = fresh_dir("faults-%s" % sig.name.lower())
    proc = start(out)
    wait_for_samples(out, 4)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    print(sig.name, proc.returncode, stderr.strip()[-300:])
    check(proc.returncode == code, "%s: exit %d, got %d" % (sig.name, code, proc.returncode))
    csvs_valid(out)
    report = run("report", out, timeout=60)
    print(report.returncode, report.stdout[-400:], report.stderr[-400:])
    check("incomplete run" in report.stdout + report.stderr,
          "%s: the report says the run is incomplete" % sig.name)


if __name__ == "__main__":
    stopped_run(signal.SIGKILL, -signal.SIGKILL)
    print("ok")
