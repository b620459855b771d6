#!/usr/bin/env python3
"""build.py: one deck per talk from one gluebench run folder.

    python slides/build.py RUN_DIR

writes RUN_DIR/slides/orchestrator.html, scaling.html and serverless.html
(talks 000, 002 and 003) and an index.html that lists them.

It reads only RUN_DIR/findings.json, charts/index.json, summary.csv and
meta.json (rundir.py): run `gluebench plot` and `gluebench report` first.  A
missing file stops it with a message naming the file.  The prose is in
slides/talks/; every number on a slide is a placeholder the run fills
(placeholders.py), and one the run cannot fill shows as "not measured" and
is listed on stderr.  Each deck is one self-contained HTML file (page.py).

Standard library only.
"""

import html
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from deck import Slide, talk_slides           # noqa: E402
from page import page                         # noqa: E402
from placeholders import Filler, TemplateError  # noqa: E402
from rundir import Run, RunDirError           # noqa: E402
from talks import TALKS                       # noqa: E402


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def build_talk(run, talk, out):
    """Writes one deck; returns (file name, slide count, scenarios, missing)."""
    filler = Filler(run)
    slides, scenarios = talk_slides(run, filler, talk)
    name = talk.file + ".html"
    write(os.path.join(out, name), page("gluebench: " + talk.title, slides))
    return name, len(slides), scenarios, filler.missing


def index_page(run, built, strays):
    filler = Filler(run)
    items = []
    for talk, (name, count, scenarios, _) in zip(TALKS, built):
        titles = ", ".join(filler.text("{scenario:%s:title}" % s["name"]) for s in scenarios)
        items.append('<li><a href="%s">%s</a>: %s</li>'
                     % (name, html.escape(talk.title),
                        titles or "no scenario of this talk in this run"))
    body = '<ul class="decks">%s</ul>' % "".join(items)
    if strays:
        body += ("<p>Scenarios of no talk here (findings.json names another talk): %s</p>"
                 % ", ".join("<code>%s</code>" % html.escape(s) for s in strays))
    body += '<p class="lead">%s</p>' % filler.text(
        "Run of {meta:start}, profile {meta:profile}, commit {meta:git_commit}.")
    return page("gluebench decks", [Slide("decks", "title", "Three talks, measured", body,
                                          "<p>Open a deck; N shows its speaker notes.</p>",
                                          "gluebench")])


def build(folder):
    run = Run(folder)
    out = os.path.join(folder, "slides")
    os.makedirs(out, exist_ok=True)
    built = [build_talk(run, talk, out) for talk in TALKS]
    numbers = {t.number for t in TALKS}
    strays = [n for n in run.order if run.scenario(n).get("talk") not in numbers]
    write(os.path.join(out, "index.html"), index_page(run, built, strays))
    for name, count, scenarios, missing in built:
        print("build.py: %s: %d slides, scenarios: %s"
              % (os.path.join(out, name), count,
                 ", ".join(s["name"] for s in scenarios) or "none"))
        if missing:
            print("build.py: %s: %d placeholder(s) not measured: %s"
                  % (name, len(missing), ", ".join(sorted(set(missing)))), file=sys.stderr)
    for s in strays:
        print("build.py: scenario %s names talk %r, which has no deck"
              % (s, run.scenario(s).get("talk")), file=sys.stderr)
    return 0


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print("usage: build.py RUN_DIR   (writes RUN_DIR/slides/*.html)", file=sys.stderr)
        return 2
    try:
        return build(argv[1])
    except (RunDirError, TemplateError) as e:
        print("build.py: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
