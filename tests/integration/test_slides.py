"""The slide deck built from a real (small) run: one self-contained HTML
file with a question slide, a slide per chart and a findings slide per
scenario, every chart of the run embedded, and no number that the run
folder does not hold."""

import base64
import html
import os
import re
import subprocess
import sys

from gbsupport import TESTS, check, fresh_dir, read_csv, read_json, run

SOURCE = os.environ.get("GLUEBENCH_SOURCE_DIR") or os.path.dirname(TESTS)
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?")

out = fresh_dir("slides")
for args in (("run", "boundary", "--profile", "smoke", "--out", out, "--rounds", "1"),
             ("plot", out), ("report", out)):
    result = run(*args)
    print(result.stdout, result.stderr)
    check(result.returncode == 0, "%s exits 0, got %d" % (args[0], result.returncode))

build = subprocess.run([sys.executable, os.path.join(SOURCE, "slides", "build.py"), out],
                       capture_output=True, text=True, timeout=60)
print(build.stdout, build.stderr)
check(build.returncode == 0, "build.py exits 0: " + build.stderr)
deck = os.path.join(out, "slides", "index.html")
check(os.path.exists(deck), "the deck is written to RUN_DIR/slides/index.html")
page = open(deck, encoding="utf-8").read()

# Self-contained: nothing is fetched from anywhere.
check(not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "no external src/href")
check("<link" not in page and "@import" not in page and "url(" not in page,
      "no stylesheets or fonts from elsewhere")

# One slide per chart, each chart's SVG embedded whole.
charts = sorted(f for f in os.listdir(os.path.join(out, "charts")) if f.endswith(".svg"))
check(len(charts) >= 2, "the run drew its charts: %s" % charts)
check(page.count('<section class="slide chart"') == len(charts), "one slide per chart")
for name in charts:
    svg = open(os.path.join(out, "charts", name), encoding="utf-8").read()
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    check('data-chart="%s"' % name in page and data in page, "%s embedded" % name)

# A question slide and a findings slide per scenario, from summary.md.
report = open(os.path.join(out, "summary.md"), encoding="utf-8").read()
summary = read_csv(os.path.join(out, "summary.csv"))
scenarios = {r["scenario"] for r in summary}
check(page.count('<section class="slide question"') == len(scenarios), "a question slide each")
check(page.count('<section class="slide findings"') == len(scenarios), "a findings slide each")
question = re.search(r"\*\*Question \(talk 000\):\*\* (.*)", report).group(1)
check(html.escape(question, quote=False) in page, "the question is on its slide")
findings = [line[2:] for line in report.splitlines() if line.startswith("- At ")]
check(findings, "the report has findings")
for line in findings:
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(line, quote=False))
    check(text in page, "finding on the deck: %s" % line)

# Honest numbers: the visible text holds no figure the run folder lacks.
visible = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
visible = html.unescape(re.sub(r"<[^>]*>", " ", visible))
meta_text = open(os.path.join(out, "meta.json"), encoding="utf-8").read()
meta = read_json(os.path.join(out, "meta.json"))
commit = meta["git_commit"][:12]
check(commit in visible, "the title slide names the commit")
visible = visible.replace(commit, " ")
csv_text = open(os.path.join(out, "summary.csv"), encoding="utf-8").read()
known = set(NUMBER.findall(report + csv_text + meta_text))
stray = sorted(set(NUMBER.findall(visible)) - known)
check(not stray, "numbers on the deck that the run does not hold: %s" % stray)
for figure in re.findall(r"(\d[\d.e+-]*x (?:faster|slower))", visible):
    check(figure in report, "%r comes from summary.md" % figure)
for figure in re.findall(r"(\d[\d.e+-]*) ?ns\b", visible):
    check(figure in report or figure in csv_text, "%s ns comes from the run" % figure)
for value in (meta["system"]["cpu_model"], str(meta["system"]["cores"]), meta["profile"]):
    check(value in visible, "title slide shows %s" % value)
print("ok")
