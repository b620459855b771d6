"""A wrong, a crashing (Python and C), a hanging, a raising and a garbage-
printing variant are each recorded with their status, and the good
variants beside them are still measured and charted."""

import os

from gbsupport import FIXTURES, by_variant, check, fresh_dir, read_csv, run

out = fresh_dir("faulty")
result = run("run", "faulty", "--profile", "smoke", "--scenarios", FIXTURES, "--out", out)
print(result.stdout, result.stderr)
check(result.returncode == 1, "exit code 1 when a variant fails, got %d" % result.returncode)

rows = by_variant(read_csv(os.path.join(out, "summary.csv")))
expected = {"good": "ok", "also_good": "ok", "c_good": "ok", "wrong": "wrong",
            "crash": "crashed", "c_crash": "crashed", "hang": "timeout",
            "raises": "error", "garbage": "garbage"}
for variant, status in expected.items():
    got = rows[variant][0]["status"]
    check(got == status, "%s: status %s, expected %s" % (variant, got, status))

check("Segmentation fault" in rows["c_crash"][0]["message"], "crash names the signal")
check("ZeroDivisionError" in rows["raises"][0]["message"], "error keeps the exception")
check("not a reply" in rows["garbage"][0]["message"], "garbage keeps the line")
check("differs from the baseline" in rows["wrong"][0]["message"], "wrong says why")
for variant in ("wrong", "crash", "hang"):
    check(rows[variant][0]["ns_per_call"] == "", "%s has no timing to chart" % variant)
for variant in ("good", "also_good", "c_good"):
    check(float(rows[variant][0]["ns_per_call"]) > 0, "%s is measured" % variant)

samples = by_variant(read_csv(os.path.join(out, "samples.csv")))
check(len(samples["good"]) == 2 * 5, "good: 2 rounds x 5 samples")
check("hang" not in samples, "a variant that hung has no samples")

plot = run("plot", out)
check(plot.returncode == 0, "plot works after failures: " + plot.stderr)
svg = open(os.path.join(out, "charts", "faulty-bars.svg")).read()
check("also good" in svg and "wrong" not in svg, "the chart shows good variants only")
print("ok")
