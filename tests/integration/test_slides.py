"""The three talk decks built from a real (small) run: one self-contained
HTML file per talk and an index; every scenario of a talk, with its charts
and a verdict per finding, in that talk's deck; every number shown carries
a data-source naming the value of findings.json, summary.csv or meta.json it
shows, and equals it; no digit outside such an element.  Also: a missing
run file stops build.py with its name, a scenario added later lands in its
talk's deck, and a value the run lacks shows as "not measured"."""

import base64
import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

from gbsupport import TESTS, check, fresh_dir, read_json, run

SOURCE = os.environ.get("GLUEBENCH_SOURCE_DIR") or os.path.dirname(TESTS)
BUILD = os.path.join(SOURCE, "slides", "build.py")
DECKS = {"000": "orchestrator.html", "002": "scaling.html", "003": "serverless.html"}
MISSING = "not measured"
UNITS = {"ns": 1.0, "us": 1e-3, "ms": 1e-6, "s": 1e-9, "kb": 1.0, "mb": 1.0 / 1024}


def pipeline(prefix, scenarios=("boundary", "overhead")):
    """A real smoke run, charted and reported; its folder."""
    out = fresh_dir(prefix)
    for args in (("run", *scenarios, "--profile", "smoke", "--out", out),
                 ("plot", out), ("report", out)):
        result = run(*args)
        print(result.stdout[-2000:], result.stderr[-2000:])
        check(result.returncode == 0, "%s exits 0, got %d" % (args[0], result.returncode))
    return out


def build(folder):
    result = subprocess.run([sys.executable, BUILD, folder], capture_output=True, text=True,
                            timeout=60)
    print(result.stdout, result.stderr)
    return result


class RunFiles:
    """The run's JSON and CSV, looked up by a data-source key, independently
    of the slides code."""

    def __init__(self, folder):
        self.findings = read_json(os.path.join(folder, "findings.json"))
        self.charts = read_json(os.path.join(folder, "charts", "index.json"))["charts"]
        self.meta = read_json(os.path.join(folder, "meta.json"))
        with open(os.path.join(folder, "summary.csv"), newline="") as f:
            self.summary = list(csv.DictReader(f))
        self.scenarios = {s["name"]: s for s in self.findings["scenarios"]}

    def value(self, key):
        """(found, value) for a data-source key."""
        kind, *args = key.split(":")
        if kind == "finding":
            s = self.scenarios.get(args[0], {})
            f = [f for i, f in enumerate(s.get("findings", [])) if str(f.get("index", i)) == args[1]]
            return (bool(f), f[0].get(args[2]) if f else None)
        if kind == "csv":
            rows = [r for r in self.summary if r["scenario"] == args[0] and
                    r["variant"] == args[1] and r["point"] == args[2]]
            return (bool(rows), rows[0].get(args[3]) if rows else None)
        if kind in ("meta", "run"):
            data = self.meta if kind == "meta" else self.findings["run"]
            for part in args[0].split("."):
                data = data[int(part)] if isinstance(data, list) else data.get(part)
            return (True, data)
        if kind == "scenario":
            return (args[0] in self.scenarios, self.scenarios.get(args[0], {}).get(args[1]))
        if kind == "decision":
            data = self.scenarios.get(args[0], {}).get("decisions")
            for part in args[1].split("."):
                if isinstance(data, list) and part.isdigit() and int(part) < len(data):
                    data = data[int(part)]
                elif isinstance(data, dict) and part in data:
                    data = data[part]
                else:
                    return (False, None)
            return (True, data)
        if kind == "chart":
            c = [c for c in self.charts if c["scenario"] == args[0] and c["id"] == args[1]]
            return (bool(c), c[0].get(args[2]) if c else None)
        return (False, None)


def same_number(shown, value, unit):
    text = shown.replace(",", "")
    try:
        number = float(text)
    except ValueError:
        return False
    if unit:
        value = float(value) * UNITS[unit]
    if isinstance(value, int) and not unit:
        return text == str(value)
    value = float(value)
    return abs(number - value) <= 0.0051 * abs(value) + 1e-12


def check_sources(files, pairs, where):
    """Every (data-source, data-unit, text) shown equals the run's value."""
    check(pairs, "%s shows values from the run" % where)
    for key, unit, text in pairs:
        text = " ".join(text.split())
        found, value = files.value(key)
        if value is None or value == "":
            check(text == MISSING, "%s: %s has no value in the run, shown %r" % (where, key, text))
            continue
        check(found, "%s: %s names nothing in the run" % (where, key))
        if isinstance(value, str) and key.startswith("csv:"):
            try:
                value = float(value)
            except ValueError:
                pass
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            check(same_number(text, value, unit),
                  "%s: %s shows %r, the run holds %r (unit %s)" % (where, key, text, value, unit))
        else:
            check(text == " ".join(str(value).split()),
                  "%s: %s shows %r, the run holds %r" % (where, key, text, value))


class Deck(HTMLParser):
    """Reads a deck: sections, data-source elements with their text, images,
    and the text outside any data-source element, script or style."""

    VOID = {"img", "br", "meta", "hr", "input", "link"}

    def __init__(self, text):
        super().__init__()
        self.stack, self.sources, self.loose, self.sections, self.images = [], [], [], [], []
        self.links = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "href"):
            if name in a:
                self.links.append(a[name])
        if tag == "section":
            self.sections.append(a)
        if tag == "img":
            self.images.append(a)
        if tag in self.VOID:
            return
        self.stack.append([tag, a, []])

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            name, a, text = self.stack.pop()
            if "data-source" in a:
                self.sources.append((a["data-source"], a.get("data-unit"), "".join(text)))
            for outer in self.stack:
                outer[2].extend(text)
            if name == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)
        inside = [s for s in self.stack if "data-source" in s[1] or s[0] in ("script", "style")
                  or s[1].get("id") == "count"]
        if not inside:
            self.loose.append(data)


def read_deck(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for mark in ("<link", "@import", "url(", "http://", "https://"):
        check(mark not in text, "%s is self-contained, but holds %r" % (path, mark))
    return Deck(text)


def check_deck(files, folder, number, name):
    deck = read_deck(os.path.join(folder, "slides", name))
    where = name
    check(len(deck.sections) >= 3, "%s has slides" % where)
    ids = [s.get("id") for s in deck.sections]
    check(len(set(ids)) == len(ids) and all(ids), "%s: every slide has its own id" % where)
    # Offline: nothing but data: URIs and the other decks.
    for link in deck.links:
        check(link.startswith("data:") or re.fullmatch(r"[a-z]+\.html(#.*)?", link),
              "%s links only to data: URIs, got %s" % (where, link[:80]))
    mine = [s for s in files.findings["scenarios"] if s.get("talk") == number]
    for s in mine:
        check(s["name"] + "-question" in ids, "%s has the question slide of %s" % (where, s["name"]))
        for c in [c for c in files.charts if c["scenario"] == s["name"]]:
            img = [i for i in deck.images if i.get("data-chart") == c["svg"]]
            check(img, "%s embeds chart %s" % (where, c["svg"]))
            with open(os.path.join(folder, "charts", c["svg"]), "rb") as f:
                data = base64.b64encode(f.read()).decode("ascii")
            check(img[0]["src"] == "data:image/svg+xml;base64," + data,
                  "%s embeds %s whole" % (where, c["svg"]))
            check(("chart:%s:%s:title" % (s["name"], c["id"]), None, c["title"]) in
                  [(k, u, " ".join(t.split())) for k, u, t in deck.sources] or not c["title"],
                  "%s titles %s from index.json" % (where, c["svg"]))
        for i, f in enumerate(s["findings"]):
            key = "finding:%s:%s:verdict" % (s["name"], f.get("index", i))
            check(any(k == key for k, _, _ in deck.sources), "%s shows the verdict %s" % (where, key))
    check_sources(files, deck.sources, where)
    loose = html.unescape(" ".join(deck.loose))
    # A number, not a digit inside a name (nplus1, v0).
    digits = re.findall(r"(?<![A-Za-z_])\d+(?:[.,]\d+)*", loose)
    check(not digits, "%s shows numbers that no data-source vouches for: %s" % (where, digits[:10]))
    return deck


def check_missing_file(folder):
    """Without findings.json, build.py fails and names the file; nothing fake."""
    copy = fresh_dir("slides-nofindings")
    for name in ("meta.json", "summary.csv"):
        shutil.copy(os.path.join(folder, name), copy)
    shutil.copytree(os.path.join(folder, "charts"), os.path.join(copy, "charts"))
    result = build(copy)
    check(result.returncode != 0, "build.py fails without findings.json")
    check("findings.json" in result.stderr and "gluebench report" in result.stderr,
          "the message names findings.json and its writer: %r" % result.stderr)
    check(not os.path.exists(os.path.join(copy, "slides", "orchestrator.html")),
          "no deck is written without findings.json")


def check_added_scenario(folder):
    """A scenario the talk wrote no prose for still gets its chapter; a
    value the run lacks shows as "not measured" and is listed."""
    copy = fresh_dir("slides-added")
    shutil.rmtree(copy)
    shutil.copytree(folder, copy)
    path = os.path.join(copy, "findings.json")
    data = read_json(path)
    donor = data["scenarios"][0]
    added = json.loads(json.dumps(donor))
    added.update(name="zz_added", talk="002", title="An added scenario", charts=[])
    check(added["findings"], "the donor scenario has findings")
    added["findings"][0].update(factor=None, factor_lo=None, factor_hi=None, ratio=None,
                                lo=None, hi=None, verdict="not measured")
    data["scenarios"].append(added)
    with open(path, "w") as f:
        json.dump(data, f)
    result = build(copy)
    check(result.returncode == 0, "build.py exits 0 with an added scenario")
    check("not measured" in result.stderr and "finding:zz_added:" in result.stderr,
          "build.py lists what it could not fill: %r" % result.stderr)
    files = RunFiles(copy)
    deck = check_deck(files, copy, "002", DECKS["002"])
    check(any(k == "scenario:zz_added:title" for k, _, _ in deck.sources),
          "the added scenario's chapter is in the scaling deck")
    check(any(k.startswith("finding:zz_added:") and t == MISSING for k, _, t in deck.sources),
          "an unfilled value shows as not measured")


def main():
    folder = pipeline("slides")
    result = build(folder)
    check(result.returncode == 0, "build.py exits 0: " + result.stderr)
    files = RunFiles(folder)
    talks = {s.get("talk") for s in files.findings["scenarios"]}
    check("000" in talks, "the smoke run holds scenarios of talk 000: %s" % talks)
    for number, name in DECKS.items():
        check_deck(files, folder, number, name)
    index = read_deck(os.path.join(folder, "slides", "index.html"))
    check(sorted(l for l in index.links if l.endswith(".html")) == sorted(DECKS.values()),
          "the index links the three decks: %s" % index.links)
    meta = read_json(os.path.join(folder, "meta.json"))
    deck = read_deck(os.path.join(folder, "slides", DECKS["000"]))
    check(("meta:git_commit", None, meta["git_commit"]) in deck.sources,
          "the title slide names the commit")
    check_missing_file(folder)
    check_added_scenario(folder)
    print("ok")


if __name__ == "__main__":
    main()
