"""`gluebench merge`: run folders of two machines become one folder of two
contexts that report, plot, compare and export read context by context; bad
inputs are refused with the reason and leave nothing behind."""

import json
import os
import shutil
import subprocess
import sys

from gbsupport import check, fresh_dir, read_csv, read_json, rewrite_tables, run

root = fresh_dir("merge")
a, b = os.path.join(root, "a"), os.path.join(root, "b")
for folder, machine in ((a, "alpha"), (b, "beta")):
    result = run("run", "overhead", "--profile", "smoke", "--out", folder, "--quiet",
                 "--machine", machine)
    check(result.returncode == 0, "run on %s exits 0: %s" % (machine, result.stderr))
    rows = read_csv(os.path.join(folder, "summary.csv"))
    check({r["machine"] for r in rows} == {machine}, "every row names its machine: %s" % machine)
    check(len({r["python"] for r in rows}) == 1 and rows[0]["python"][:2] == "3.",
          "every row names its interpreter")
    meta = read_json(os.path.join(folder, "meta.json"))
    check(meta["machine"] == machine and len(meta["interpreters"]) == 1,
          "meta.json has the machine and the interpreter")
    check(meta["interpreters"][0]["harness_overhead_ns"]["python"] > 0,
          "the floor is kept per interpreter")

merged = os.path.join(root, "merged")
result = run("merge", a, b, "--out", merged)
check(result.returncode == 0, "merge exits 0: %s" % result.stderr)
summary = read_csv(os.path.join(merged, "summary.csv"))
check(len(summary) == len(read_csv(os.path.join(a, "summary.csv"))) * 2, "every row of both inputs")
samples = read_csv(os.path.join(merged, "samples.csv"))
check({r["machine"] for r in samples} == {"alpha", "beta"}, "samples keep their machine")
meta = read_json(os.path.join(merged, "meta.json"))
check(meta["complete"] is True and len(meta["inputs"]) == 2 and meta["inputs"][1]["meta"]["machine"] == "beta",
      "meta.json says complete and keeps each input's meta")
check(os.path.exists(os.path.join(merged, "manifests", "overhead.lua")), "the manifest is copied")

result = run("report", merged, "--quiet")
check(result.returncode == 0, "report on the merged folder: %s" % result.stderr)
md = open(os.path.join(merged, "summary.md")).read()
for heading in ("## Contexts", "## Findings in every context", "## Cost by context",
                "# alpha, Python", "# beta, Python"):
    check(heading in md, "summary.md has %r" % heading)
findings = read_json(os.path.join(merged, "findings.json"))
check([c["machine"] for c in findings["contexts"]] == ["alpha", "beta"], "findings.json per context")
check(findings["scenarios"] == findings["contexts"][0]["scenarios"], "scenarios is the first context's")
per_context = [len(c["scenarios"][0]["findings"]) for c in findings["contexts"]]
check(per_context[0] == per_context[1] > 0, "each context judged on its own rows")
results = read_json(os.path.join(merged, "results.json"))["results"]
check(all(len(r["samples_ns"]) > 0 for r in results if r["status"] == "ok"),
      "results.json finds each row's own samples")

result = run("plot", merged)
check(result.returncode == 0, "plot on the merged folder: %s" % result.stderr)
index = read_json(os.path.join(merged, "charts", "index.json"))["charts"]
machines = {c["machine"] for c in index}
check(machines == {"alpha", "beta", "*"}, "charts per context and of every context: %s" % machines)
for c in index:
    check(os.path.exists(os.path.join(merged, "charts", c["svg"])), "%s is drawn" % c["svg"])

result = run("compare", a, merged)
check(result.returncode == 0 and "## alpha" in result.stdout and "beta" in result.stdout,
      "compare matches contexts by name; the other is only in B: %s" % result.stdout[-300:])
check("only in B" in result.stdout, "a context on one side only is named")
result = run("compare", a, b)
check(result.returncode == 0 and "## " not in result.stdout,
      "two folders of one context each compare as they are")

result = run("export", merged, "--format", "pyperf")
check(result.returncode == 0, "export of the merged folder: %s" % result.stderr)
files = sorted(os.listdir(os.path.join(merged, "export-pyperf")))
check(len(files) == 2 and all(f.startswith("overhead@") for f in files), "a suite per context: %s" % files)

# The same machine twice: the contexts are told apart.
twice = os.path.join(root, "twice")
result = run("merge", a, a, "--out", twice)
check(result.returncode == 0 and "alpha-1" in result.stderr and "alpha-2" in result.stderr,
      "two inputs of one context are renamed: %s" % result.stderr)
check({r["machine"] for r in read_csv(os.path.join(twice, "summary.csv"))} == {"alpha-1", "alpha-2"},
      "the rows carry the new names")
named = os.path.join(root, "named")
result = run("merge", a, b, "--out", named, "--names", "room1,room2")
check(result.returncode == 0, "--names: %s" % result.stderr)
check({r["machine"] for r in read_csv(os.path.join(named, "summary.csv"))} == {"room1", "room2"},
      "--names renames each input")

result = run("compare", merged, twice)
check(result.returncode == 2 and "no context" in result.stderr,
      "folders with no context in common are not compared: %s" % result.stderr)
result = run("report", twice, "--quiet")
check(result.returncode == 0, "report on the renamed merge")
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
deck = subprocess.run([sys.executable, os.path.join(SOURCE, "slides", "build.py"), merged],
                      capture_output=True, text=True)
check(deck.returncode != 0 and "contexts" in deck.stderr,
      "the decks refuse a folder of several contexts: %s" % deck.stderr)

# An older folder without the context columns still merges.
old = os.path.join(root, "old")
shutil.copytree(b, old)


def without_context(rows):
    keep = [i for i, col in enumerate(rows[0]) if col not in ("machine", "python")]
    return [[row[i] for i in keep] for row in rows]


rewrite_tables(old, without_context)
withold = os.path.join(root, "withold")
result = run("merge", a, old, "--out", withold)
check(result.returncode == 0, "an older folder merges: %s" % result.stderr)
check({r["machine"] for r in read_csv(os.path.join(withold, "summary.csv"))} == {"alpha", "machine"},
      "its rows get a machine name")
check(run("report", withold, "--quiet").returncode == 0, "and the result reports")

# A trailing slash names the same folder.
slashed = os.path.join(root, "slashed")
result = run("merge", a, b, "--out", slashed + "/")
check(result.returncode == 0 and os.path.exists(os.path.join(slashed, "summary.csv")),
      "--out DIR/ works: %s" % result.stderr)

# Another profile measured other points: refused.
smoke_quick = os.path.join(root, "quick")
shutil.copytree(b, smoke_quick)
meta_path = os.path.join(smoke_quick, "meta.json")
with open(meta_path) as f:
    text = f.read().replace('"profile": "smoke"', '"profile": "quick"', 1)
with open(meta_path, "w") as f:
    f.write(text)

# A folder that is not a run, with an input inside it, must not be replaced.
holder = os.path.join(root, "holder")
os.makedirs(os.path.join(holder, "notes"))
shutil.copytree(a, os.path.join(holder, "a"))

# Refusals: each exits 2, names the reason, and leaves nothing behind.
changed = os.path.join(root, "changed")
shutil.copytree(b, changed)
with open(os.path.join(changed, "manifests", "overhead.lua"), "a") as f:
    f.write("\n-- edited\n")
before = set(os.listdir(root))
for args, reason in (([a, changed, "--out", os.path.join(root, "x")], "different manifests"),
                     ([a, b, "--out", a], "holds the input"),
                     ([a, b, "--out", merged], "already"),
                     ([a, b, "--out", os.path.join(root, "x"), "--names", "one"], "names"),
                     ([a, os.path.join(root, "nothing"), "--out", os.path.join(root, "x")], "nothing"),
                     ([a], "--out"),
                     ([a, smoke_quick, "--out", os.path.join(root, "x")], "profile"),
                     ([os.path.join(holder, "a"), b, "--out", holder], "holds the input"),
                     ([a, b, "--out", os.path.join(holder, "notes", "..")], "not a run folder"),
                     ([os.path.join(holder, "notes", "..", "a"), b, "--out",
                       os.path.join(holder, "notes", "..")], "holds the input"),
                     ([merged, b, "--out", os.path.join(root, "x"), "--names", "one,two"],
                      "several machines")):
    result = run("merge", *args)
    check(result.returncode == 2, "merge %s exits 2, got %d" % (args, result.returncode))
    check(reason in result.stderr, "the reason (%s) is given: %s" % (reason, result.stderr))
check(set(os.listdir(root)) == before, "a refused merge leaves nothing behind")
check(sorted(os.listdir(holder)) == ["a", "notes"], "a folder that is not a run is left as it was")
os.makedirs(os.path.join(root, "other", "stuff"))
result = run("merge", a, b, "--out", os.path.join(root, "other"))
check(result.returncode == 2 and "not a run folder" in result.stderr,
      "an --out that is neither empty nor a run is refused: %s" % result.stderr)
check(os.path.isdir(os.path.join(root, "other", "stuff")), "and kept")
empty = os.path.join(root, "empty")
os.makedirs(empty)
check(run("merge", a, b, "--out", empty).returncode == 0, "an empty --out folder is used")
many = [a] * 65
result = run("merge", *many, "--out", os.path.join(root, "many"))
check(result.returncode == 2 and "at most 64" in result.stderr, "more than 64 inputs: %s" % result.stderr)
result = run("merge", a, b, "--out", merged, "--force")
check(result.returncode == 0, "--force replaces a merged folder: %s" % result.stderr)
shutil.rmtree(root)
print("ok")
