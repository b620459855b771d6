"""The boundary scenario end to end in the smoke profile: CSVs with the
expected rows, every variant correct, charts with one series per variant,
a report; and the shape the talk predicts, with wide margins."""

import os

from gbsupport import by_variant, check, fresh_dir, read_csv, read_json, run

VARIANTS = ["py_loop", "py_builtin", "ext_item", "ctypes_item", "ext_batch", "ext_batch_from_list",
            "ext_list", "c_only"]
POINTS = 3          # n = 10, 1000, 100000
ROUNDS, SAMPLES = 2, 5

out = fresh_dir("boundary")
result = run("run", "boundary", "--profile", "smoke", "--out", out)
print(result.stdout, result.stderr)
check(result.returncode == 0, "run exits 0, got %d" % result.returncode)

summary = read_csv(os.path.join(out, "summary.csv"))
check(len(summary) == POINTS * len(VARIANTS), "one summary row per variant per point")
check(all(r["status"] == "ok" for r in summary), "every variant agrees with the baseline")
samples = read_csv(os.path.join(out, "samples.csv"))
check(len(samples) == POINTS * len(VARIANTS) * ROUNDS * SAMPLES, "samples: %d" % len(samples))
meta = read_json(os.path.join(out, "meta.json"))
check(meta["profile"] == "smoke" and meta["end"] and meta["system"]["cores"] >= 1,
      "meta.json has the run's context")

# The talk's shape, with margins far wider than the noise: batched C runs
# the loop at C speed; per-item ctypes costs more than pure Python.
last = {r["variant"]: r for r in summary if r["params"] == "n=100000"}
per_item = {v: float(last[v]["ns_per_item"]) for v in VARIANTS}
check(per_item["ext_batch"] * 5 < per_item["py_loop"], "batched is over 5x faster: %s" % per_item)
check(per_item["c_only"] * 5 < per_item["py_loop"], "C only is over 5x faster")
check(per_item["ctypes_item"] > per_item["py_loop"], "per-item ctypes is slower than Python")

plot = run("plot", out)
check(plot.returncode == 0, "plot exits 0: " + plot.stderr)
for chart in ("boundary-ns_per_item", "boundary-speedup"):
    for ext in ("svg", "png"):
        path = os.path.join(out, "charts", chart + "." + ext)
        check(os.path.getsize(path) > 1000, "%s exists" % path)
svg = open(os.path.join(out, "charts", "boundary-ns_per_item.svg")).read()
labels = {r["variant"]: r["label"] for r in summary}
for variant in VARIANTS:
    label = labels[variant].replace("&", "&amp;")
    check(label in svg, "series %r in the chart" % label)
check(svg.count("<title>") >= len(VARIANTS) or svg.count("<g id=") >= len(VARIANTS),
      "one series per variant")

report = run("report", out)
check(report.returncode == 0, "report exits 0: " + report.stderr)
text = open(os.path.join(out, "summary.md")).read()
check("ext_batch" in text and "faster" in text, "the report states the findings")
print("ok")
