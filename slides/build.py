#!/usr/bin/env python3
"""build.py: the talk deck of one gluebench run folder.

    python slides/build.py RUN_DIR      writes RUN_DIR/slides/index.html

The deck holds no figure of its own: every number on it is read from the run
folder (meta.json, summary.md, summary.csv) and every chart is the run's own
SVG, embedded as a data: URI so the file stands alone (no network, no CDN).
Titles, questions and findings come from summary.md, which `gluebench report`
writes; chart titles from the manifests the run kept in
RUN_DIR/manifests/.  Run `gluebench plot` and `gluebench report` first.

Standard library only.
"""

import base64
import csv
import html
import json
import os
import re
import sys

# The three talks, in the order the deck presents them.  Words only: the
# figures the talks quote are theirs, the deck shows this run's.
TALKS = (
    ("000", "Python as orchestrator",
     "What should Python be doing? Glue in coarse steps; let compiled code own the loops."),
    ("002", "The scaling mindset",
     "Cost times frequency. Measure first, then reduce the work: fewer calls, batches, caches."),
    ("003", "Python on serverless",
     "A short-lived handler: GC pauses, validation, traversals, threads and precomputed fields."),
)

HEADING = re.compile(r"^## (.+) \(`([A-Za-z0-9_]+)`\)$")
QUESTION = re.compile(r"^\*\*Question \(talk ([0-9]+)\):\*\* (.*)$")


# --- reading the run folder ------------------------------------------------

def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def read_report(path):
    """summary.md as a list of scenarios, in the report's order.

    Each is a dict: name, title, talk, question, about (text), findings,
    failures and stability (markdown lines), table (the markdown table's
    rows as lists).
    """
    scenarios, current, part = [], None, None
    for line in read_text(path).splitlines():
        match = HEADING.match(line)
        if match:
            current = {"title": match.group(1), "name": match.group(2), "talk": "",
                       "question": "", "about": [], "findings": [], "failures": [],
                       "table": [], "stability": []}
            scenarios.append(current)
            part = "about"
            continue
        if current is None:
            continue
        read_report_line(current, line, part)
        if line.startswith("### "):
            part = line[4:].strip().lower()
    for s in scenarios:
        s["about"] = " ".join(" ".join(s["about"]).split())
    return scenarios


def read_report_line(s, line, part):
    """Files one line of a scenario's section under the part it belongs to."""
    match = QUESTION.match(line)
    if match:
        s["talk"], s["question"] = match.group(1), match.group(2)
    elif line.startswith("### "):
        return
    elif part == "about" and line.strip():
        s["about"].append(line.strip())
    elif part == "findings" and line.startswith("- At "):
        s["findings"].append(line[2:])
    elif part == "failures" and line.startswith("- **"):
        s["failures"].append(line[2:])
    elif part == "stability" and line.startswith("- "):
        s["stability"].append(line[2:])
    elif part == "failures" and line.startswith("| ") and not line.startswith("|---"):
        s["table"].append([cell.strip() for cell in line.strip().strip("|").split("|")])


def read_summary_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


LUA_LITERAL = r'(?:"(?:[^"\\\n]|\\.)*"|\[\[.*?\]\])'
LUA_CONCAT = r"%s(?:\s*\.\.\s*%s)*" % (LUA_LITERAL, LUA_LITERAL)


def lua_string(text, name):
    """The value of `name = "..."` (or [[...]], or literals joined by ..), else None."""
    match = re.search(r"\b%s\s*=\s*(%s)" % (name, LUA_CONCAT), text, re.S)
    if not match:
        return None
    parts = []
    for literal in re.findall(LUA_LITERAL, match.group(1), re.S):
        if literal.startswith("[["):
            parts.append(literal[2:-2])
        else:
            parts.append(re.sub(r"\\(.)", r"\1", literal[1:-1]))
    return "".join(parts)


def lua_value(block, field, whole):
    """A chart field: a string literal, or a local the manifest defines."""
    value = lua_string(block, field)
    if value is not None:
        return value
    match = re.search(r"\b%s\s*=\s*([A-Za-z_][A-Za-z0-9_]*)" % field, block)
    if match:
        return lua_string(whole, r"local\s+" + match.group(1))
    return None


def block_end(text, start):
    """Index just past the brace that closes the one at text[start]."""
    depth, i = 0, start
    while i < len(text):
        if text.startswith("[[", i):
            i = text.find("]]", i) + 2
            if i == 1:
                return len(text)
            continue
        c = text[i]
        if c == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def read_charts(manifest):
    """The manifest's charts, in order: dicts with id and title."""
    text = read_text(manifest) if os.path.exists(manifest) else ""
    text = re.sub(r"(?m)^\s*--[^\n]*", "", text)
    charts = []
    for match in re.finditer(r"\bchart\s*\{", text):
        block = text[match.end() - 1:block_end(text, match.end() - 1)]
        chart_id = lua_string(block, "id")
        if chart_id:
            charts.append({"id": chart_id,
                           "title": lua_value(block, "title", text) or chart_id})
    return charts


def chart_files(run, name):
    """(chart, svg path) for each chart of a scenario that the run drew.

    The manifest's order first; any other SVG of the scenario after it.
    """
    folder = os.path.join(run, "charts")
    charts = read_charts(os.path.join(run, "manifests", name + ".lua"))
    known = {c["id"] for c in charts}
    prefix = name + "-"
    for entry in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        chart_id = entry[len(prefix):-4]
        if entry.startswith(prefix) and entry.endswith(".svg") and chart_id not in known:
            charts.append({"id": chart_id, "title": chart_id})
    out = []
    for chart in charts:
        path = os.path.join(folder, "%s-%s.svg" % (name, chart["id"]))
        if os.path.exists(path):
            out.append((chart, path))
    return out


# --- writing the slides ----------------------------------------------------

def inline_md(text):
    """The few inline marks summary.md uses: **bold** and `code`."""
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", text)


def slide(body, kind="", note=""):
    cls = "slide " + kind if kind else "slide"
    aside = '\n<p class="kicker">%s</p>' % html.escape(note) if note else ""
    return '<section class="%s">%s\n%s\n</section>' % (cls, aside, body)


def title_slide(meta):
    system = meta.get("system", {})
    versions = system.get("versions", {})
    facts = [
        ("machine", "%s, %s cores" % (system.get("cpu_model", "?"), system.get("cores", "?"))),
        ("system", system.get("kernel", "?")),
        ("Python", "%s %s" % (versions.get("implementation", ""), versions.get("python", "?"))),
        ("date", str(meta.get("start", "?")).replace("T", " ").rstrip("Z") + " UTC"),
        ("profile", str(meta.get("profile", "?"))),
        ("git commit", str(meta.get("git_commit", "?"))[:12]),
    ]
    rows = "\n".join("<tr><th>%s</th><td>%s</td></tr>" % (html.escape(k), html.escape(v))
                     for k, v in facts)
    warnings = "".join("<li>%s</li>" % html.escape(w) for w in meta.get("warnings", []))
    warn = '<ul class="warnings">%s</ul>' % warnings if warnings else ""
    return slide("<h1>Python glue, C compute: measured</h1>\n"
                 "<p class=\"lead\">Three talks, one harness, numbers from this run only.</p>\n"
                 "<table class=\"facts\">%s</table>\n%s" % (rows, warn), "title")


def method_slide(meta):
    settings = meta.get("settings", {})
    items = [
        "every variant computes the same answer; each answer is checked against the baseline's",
        "each measurement is a fresh worker process; rounds rotate the variant order",
        "per point: median time per call, 95%% bootstrap interval, speedup paired by round",
        "this run: profile <strong>%s</strong>; a sample lasts at least %s s; warmup "
        "samples: %s; samples per process: %s; rounds: %s" % tuple(
            html.escape(str(v)) for v in (meta.get("profile", "?"), settings.get("target_s", "?"),
                                          settings.get("warmup", "?"), settings.get("samples", "?"),
                                          settings.get("rounds", "?"))),
    ]
    return slide("<h2>How every number here was measured</h2>\n<ul>%s</ul>"
                 % "".join("<li>%s</li>" % i for i in items))


def scenario_slides(run, s):
    out = [slide("<h2>%s</h2>\n<p class=\"ask\">%s</p>\n<p class=\"about\">%s</p>"
                 % (inline_md(s["title"]), inline_md(s["question"]), inline_md(s["about"])),
                 "question", "the question")]
    for chart, path in chart_files(run, s["name"]):
        data = base64.b64encode(read_text(path).encode("utf-8")).decode("ascii")
        # The chart draws its own title and caption; alt repeats the title.
        out.append(slide('<figure><img data-chart="%s-%s.svg" alt="%s" '
                         'src="data:image/svg+xml;base64,%s"></figure>'
                         % (s["name"], html.escape(chart["id"]), html.escape(chart["title"]),
                            data), "chart", s["title"]))
    out.append(findings_slide(s))
    return out


def findings_slide(s):
    if s["findings"]:
        body = "<ul>%s</ul>" % "".join("<li>%s</li>" % inline_md(f) for f in s["findings"])
    else:
        body = "<p>The manifest states no findings; the measured times:</p>\n" + last_point_table(s)
    if s["failures"]:
        body += "\n<h3>Failures</h3><ul>%s</ul>" % "".join(
            "<li>%s</li>" % inline_md(f) for f in s["failures"])
    shaky = [line.split(":")[0] for line in s["stability"] if ": unstable" in line]
    if shaky:
        body += ('\n<p class="caveat">Noisy (CV above the report\'s limit) at some points: '
                 '%s. See summary.md.</p>' % html.escape(", ".join(shaky)))
    return slide("<h2>What the data says</h2>\n" + body, "findings", s["title"])


def last_point_table(s):
    """The report's table rows at the scenario's last point, cells verbatim."""
    rows = [r for r in s["table"] if len(r) >= 7 and r[0] != "params"]
    if not rows:
        return ""
    last = [r for r in rows if r[0] == rows[-1][0]]
    cells = "".join("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                    % tuple(html.escape(c) for c in (r[1], r[2], r[3], r[6])) for r in last)
    return ("<table class=\"numbers\"><tr><th>variant</th><th>status</th><th>ns/call</th>"
            "<th>speedup</th></tr>%s</table>" % cells)


def talk_slides(run, number, name, blurb, scenarios):
    mine = [s for s in scenarios if s["talk"] == number]
    if not mine:
        return []
    listing = "".join("<li>%s</li>" % inline_md(s["title"]) for s in mine)
    out = [slide("<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<ul>%s</ul>"
                 % (html.escape(name), html.escape(blurb), listing), "section",
                 "talk " + number)]
    for s in mine:
        out.extend(scenario_slides(run, s))
    return out


def build(run):
    meta = json.loads(read_text(os.path.join(run, "meta.json")))
    report = os.path.join(run, "summary.md")
    if not os.path.exists(report):
        raise SystemExit("%s: missing; run `gluebench report %s` first" % (report, run))
    scenarios = read_report(report)
    ran = {r["scenario"] for r in read_summary_rows(os.path.join(run, "summary.csv"))}
    scenarios = [s for s in scenarios if s["name"] in ran]
    slides = [title_slide(meta), method_slide(meta)]
    for number, name, blurb in TALKS:
        slides.extend(talk_slides(run, number, name, blurb, scenarios))
    known = {t[0] for t in TALKS}
    for s in scenarios:
        if s["talk"] not in known:
            slides.extend(scenario_slides(run, s))
    return PAGE.replace("@SLIDES@", "\n".join(slides))


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>gluebench: Python glue, C compute</title>
<style>
html, body { margin: 0; height: 100%; background: #222; font-family: sans-serif; }
.slide { display: none; box-sizing: border-box; width: 100vw; height: 100vh;
  padding: 4vh 6vw; background: #fff; color: #222; overflow: hidden; }
.slide.current { display: flex; flex-direction: column; justify-content: center; }
h1 { font-size: 6vh; margin: 0 0 2vh; } h2 { font-size: 4.5vh; margin: 0 0 2vh; }
h3 { font-size: 3vh; } p, li, td, th { font-size: 2.8vh; line-height: 1.35; }
.kicker { color: #777; font-size: 2.2vh; margin: 0 0 1vh; text-transform: uppercase; }
.lead, .ask { font-size: 3.4vh; color: #444; } .ask { font-weight: bold; }
.about { color: #555; } .section { background: #f3f1ea; }
.facts, .numbers { align-self: flex-start; border-collapse: collapse; }
.facts th { text-align: left; padding-right: 2vw; color: #777; font-weight: normal; }
.warnings li, .caveat { color: #a33; font-size: 2.2vh; }
.numbers td, .numbers th { padding: 0.3vh 1.5vw; text-align: left; }
.chart { padding: 2vh 3vw; } .chart.current { justify-content: flex-start; }
figure { margin: 0; flex: 1; display: flex; flex-direction: column; min-height: 0; }
figure img { flex: 1; min-height: 0; object-fit: contain; }
#count { position: fixed; right: 1.5vw; bottom: 1vh; color: #999; font-size: 1.8vh; }
@media print { .slide { display: flex !important; flex-direction: column;
  page-break-after: always; height: 100vh; } #count { display: none; } }
</style>
</head>
<body>
@SLIDES@
<div id="count"></div>
<script>
(function () {
  var slides = document.querySelectorAll(".slide");
  var count = document.getElementById("count");
  var at = 0;
  function show(i) {
    at = Math.max(0, Math.min(slides.length - 1, i));
    for (var k = 0; k < slides.length; k++)
      slides[k].classList.toggle("current", k === at);
    count.textContent = (at + 1) + " / " + slides.length;
    history.replaceState(null, "", "#" + (at + 1));
  }
  document.addEventListener("keydown", function (e) {
    var next = ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"];
    var back = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];
    if (next.indexOf(e.key) >= 0) show(at + 1);
    else if (back.indexOf(e.key) >= 0) show(at - 1);
    else if (e.key === "Home") show(0);
    else if (e.key === "End") show(slides.length - 1);
    else return;
    e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    show(e.clientX < window.innerWidth / 4 ? at - 1 : at + 1);
  });
  show((parseInt(location.hash.slice(1), 10) || 1) - 1);
})();
</script>
</body>
</html>
"""


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: build.py RUN_DIR   (writes RUN_DIR/slides/index.html)", file=sys.stderr)
        return 2
    run = argv[1]
    for needed in ("meta.json", "summary.csv"):
        if not os.path.exists(os.path.join(run, needed)):
            print("build.py: %s has no %s: not a run folder" % (run, needed), file=sys.stderr)
            return 2
    page = build(run)
    os.makedirs(os.path.join(run, "slides"), exist_ok=True)
    out = os.path.join(run, "slides", "index.html")
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)
    print("build.py: %d slides in %s" % (page.count('<section class="slide'), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
