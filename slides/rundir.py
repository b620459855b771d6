"""rundir.py: the four files of a run folder the decks read, and nothing else.

A deck reads RUN_DIR/findings.json (`gluebench report`), RUN_DIR/charts/index.json
(`gluebench plot`), RUN_DIR/summary.csv and RUN_DIR/meta.json (`gluebench run`);
the schemas are in the README's "Output" section.  Never
summary.md, the manifests or printed text: those are for people.

Standard library only.
"""

import csv
import json
import os

FINDINGS = "findings.json"
CHARTS = os.path.join("charts", "index.json")
SUMMARY = "summary.csv"
META = "meta.json"

# Which verb writes each file, for the message when one is missing.
WRITER = {FINDINGS: "gluebench report", CHARTS: "gluebench plot",
          SUMMARY: "gluebench run", META: "gluebench run"}
SCHEMAS = {FINDINGS: "gluebench-findings/1", CHARTS: "gluebench-charts/1"}


class RunDirError(Exception):
    """A file is missing or is not what its schema says; the message names it."""


class Run:
    """One run folder, read once: findings, charts, summary rows and meta."""

    def __init__(self, folder):
        self.folder = folder
        self.findings = read_json(folder, FINDINGS)
        self.chart_index = read_json(folder, CHARTS)
        self.summary = read_summary(folder)
        self.meta = read_json(folder, META)
        contexts = {(r.get("machine", ""), r.get("python", "")) for r in self.summary}
        if len(contexts) > 1:
            # A deck quotes one machine under one interpreter; a folder of
            # several (run --python, merge) would mix their numbers.
            raise RunDirError("%s: holds %d contexts (machine, Python): %s; build the decks "
                              "from a run of one" % (folder, len(contexts), ", ".join(
                                  "%s/%s" % c for c in sorted(contexts))))
        self.scenarios = {s["name"]: s for s in self.findings.get("scenarios", [])}
        self.order = [s["name"] for s in self.findings.get("scenarios", [])]

    def scenario(self, name):
        """The scenario's entry in findings.json, or None if this run lacks it."""
        return self.scenarios.get(name)

    def charts_of(self, name):
        """The scenario's charts that `plot` drew: findings.json's order first,
        then any other chart index.json lists for it."""
        drawn = [c for c in self.chart_index.get("charts", []) if c.get("scenario") == name]
        by_id = {c["id"]: c for c in drawn}
        wanted = (self.scenarios.get(name) or {}).get("charts") or []
        ordered = [by_id[i] for i in wanted if i in by_id]
        return ordered + [c for c in drawn if c["id"] not in wanted]

    def chart_path(self, chart):
        """The chart's SVG on disk (index.json paths are relative to charts/)."""
        return os.path.join(self.folder, "charts", chart["svg"])

    def rows(self, scenario, variant):
        """summary.csv rows of one variant, by point index."""
        return {int(r["point"]): r for r in self.summary
                if r["scenario"] == scenario and r["variant"] == variant}


def path_of(folder, name):
    return os.path.join(folder, name)


def require(folder, name):
    """The file's path; RunDirError naming it and its writer if it is missing."""
    path = path_of(folder, name)
    if not os.path.isfile(path):
        raise RunDirError("%s: missing; `%s %s` writes it" % (path, WRITER[name], folder))
    return path


def read_json(folder, name):
    path = require(folder, name)
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise RunDirError("%s: not readable JSON (%s)" % (path, e)) from None
    want = SCHEMAS.get(name)
    if want and data.get("schema") != want:
        raise RunDirError("%s: schema %r, this reader knows %r"
                          % (path, data.get("schema"), want))
    return data


def read_summary(folder):
    path = require(folder, SUMMARY)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for column in ("scenario", "variant", "point"):
        if rows and column not in rows[0]:
            raise RunDirError("%s: no %s column" % (path, column))
    return rows
