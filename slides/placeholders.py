"""placeholders.py: the deck's only way to show a number.

A deck's prose is plain text with placeholders in braces; each names one value
of the run folder, and the filler replaces it with that value, wrapped in an
element whose data-source attribute names it again in canonical form (so a
test can look every shown value up and compare):

    {finding:SCEN:SEL:FIELD}   a field of a finding in findings.json
    {verdict:SCEN:SEL}         verdict, factor, direction and interval, as one badge
    {csv:SCEN:VARIANT:POINT:COLUMN[:UNIT]}   a cell of summary.csv
    {meta:PATH}                meta.json, PATH dotted (system.cores)
    {run:FIELD}                findings.json's run object (profile, measurements)
    {scenario:SCEN:FIELD}      a scenario's title, question or about
    {chart:SCEN:ID:FIELD}      a chart's title or caption from charts/index.json
    {decision:SCEN:PATH}       a scenario's decisions (the four questions), PATH
                               dotted (bottleneck, move.speedup, complexity.0.build)

SEL picks a finding: its index (0), or variant/than (ext_batch/py_loop, the
first such), or variant/than/y.  POINT is a point index, "first" or "last".
UNIT converts a ns column (us, ms, s) or a kB one (MB).

A value the run does not hold renders as "not measured" and is recorded in
Filler.missing: never a made-up figure.  Text outside braces is escaped;
`backticks` mark code.
"""

import html
import math
import re

PLACEHOLDER = re.compile(r"\{([a-z]+):([^{}]*)\}")
CODE = re.compile(r"`([^`]+)`")
MISSING = "not measured"

# Unit conversions a placeholder may ask for: (column suffix, unit) -> factor.
UNITS = {("ns", "ns"): 1.0, ("ns", "us"): 1e-3, ("ns", "ms"): 1e-6, ("ns", "s"): 1e-9,
         ("kb", "kb"): 1.0, ("kb", "mb"): 1.0 / 1024}
UNIT_TEXT = {"ns": "ns", "us": "µs", "ms": "ms", "s": "s", "kb": "kB", "mb": "MB"}


class TemplateError(ValueError):
    """A placeholder the prose spells wrong (unknown kind, arity or unit)."""


def fmt_number(value):
    """Three significant digits, thousands grouped; integers whole."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return "{:,}".format(value)
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    decimals = 2 - int(math.floor(math.log10(abs(value))))
    rounded = round(value, decimals)
    if decimals <= 0:
        return "{:,}".format(int(rounded))
    return "{:,.{}f}".format(rounded, decimals).rstrip("0").rstrip(".")


def csv_value(text):
    """A summary.csv cell as a number when it is one, else the text (None if empty)."""
    if text is None or text == "":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def find_finding(scenario, selector):
    """The finding SEL names in a findings.json scenario, or None."""
    findings = (scenario or {}).get("findings") or []
    if selector.isdigit():
        for position, f in enumerate(findings):
            if f.get("index", position) == int(selector):
                return f
        return None
    parts = selector.split("/")
    for f in findings:
        if [f.get("variant"), f.get("than")] == parts[:2] and (
                len(parts) < 3 or f.get("y") == parts[2]):
            return f
    return None


def dig(data, path):
    """data[path[0]][path[1]]...; a digit indexes a list; None if absent."""
    for key in path:
        if isinstance(data, list) and str(key).isdigit() and int(key) < len(data):
            data = data[int(key)]
        elif isinstance(data, dict) and key in data:
            data = data[key]
        else:
            return None
    return data


class Filler:
    """Fills placeholders from one run; remembers every one it could not fill."""

    def __init__(self, run):
        self.run = run
        self.missing = []

    # --- looking values up: each returns (canonical source, value, unit) ---

    def finding(self, name, selector):
        return find_finding(self.run.scenario(name), selector)

    def finding_key(self, name, selector):
        f = self.finding(name, selector)
        index = f.get("index") if f else selector
        return "finding:%s:%s" % (name, index), f

    def lookup(self, kind, args):
        if kind == "finding" and len(args) == 3:
            key, f = self.finding_key(args[0], args[1])
            return "%s:%s" % (key, args[2]), dig(f, [args[2]]), None
        if kind == "csv" and len(args) in (4, 5):
            return self.lookup_csv(*args)
        if kind == "meta":
            return "meta:" + args[0], dig(self.run.meta, args[0].split(".")), None
        if kind == "run":
            return "run:" + args[0], dig(self.run.findings, ["run", args[0]]), None
        if kind == "scenario" and len(args) == 2:
            return "scenario:%s:%s" % tuple(args), dig(self.run.scenario(args[0]), [args[1]]), None
        if kind == "decision" and len(args) == 2:
            decisions = dig(self.run.scenario(args[0]), ["decisions"])
            return "decision:%s:%s" % tuple(args), dig(decisions, args[1].split(".")), None
        if kind == "chart" and len(args) == 3:
            chart = [c for c in self.run.charts_of(args[0]) if c["id"] == args[1]]
            return "chart:%s:%s:%s" % tuple(args), dig(chart[0] if chart else None, [args[2]]), None
        raise TemplateError("placeholder {%s:%s}: unknown kind or wrong arity"
                            % (kind, ":".join(args)))

    def lookup_csv(self, name, variant, point, column, unit=None):
        rows = self.run.rows(name, variant)
        if point in ("first", "last"):
            point = str((min if point == "first" else max)(rows)) if rows else point
        row = rows.get(int(point)) if point.isdigit() else None
        value = csv_value(row.get(column)) if row else None
        if row and row.get("status") not in (None, "ok"):
            value = None    # a failed variant's cells are no measurement
        key = "csv:%s:%s:%s:%s" % (name, variant, point, column)
        if unit is not None and isinstance(value, (int, float)):
            parts = column.lower().split("_")
            base = "ns" if "ns" in parts else "kb" if "kb" in parts else None
            scale = UNITS.get((base, unit))
            if scale is None:
                raise TemplateError("placeholder {csv:...:%s:%s}: no such unit" % (column, unit))
            value = value * scale
        return key, value, unit

    # --- rendering ---

    def value_html(self, key, value, unit=None):
        if value is None or value == "":
            self.missing.append(key)
            return '<span class="val missing" data-source="%s">%s</span>' % (key, MISSING)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            unit_attr = ' data-unit="%s"' % unit if unit else ""
            tail = " " + UNIT_TEXT[unit] if unit else ""
            return '<span class="num" data-source="%s"%s>%s</span>%s' % (
                key, unit_attr, fmt_number(value), tail)
        return '<span class="val" data-source="%s">%s</span>' % (key, html.escape(str(value)))

    def placeholder(self, match):
        kind, args = match.group(1), match.group(2).split(":")
        if kind == "verdict" and len(args) == 2:
            return self.verdict(*args)
        return self.value_html(*self.lookup(kind, args))

    def verdict(self, name, selector):
        """The badge: verdict, then the measured factor and its interval."""
        key, f = self.finding_key(name, selector)
        verdict = dig(f, ["verdict"]) or MISSING
        part = lambda field: self.value_html("%s:%s" % (key, field), dig(f, [field]))
        if f is None or f.get("factor") is None:
            if f is not None:
                self.missing.append(key + ":factor")   # judged, but nothing measured
            body = part("verdict")
        elif f.get("direction") in ("faster", "slower", "lower", "higher"):
            body = "%s: %s× %s (interval %s–%s×)" % (
                part("verdict"), part("factor"), part("direction"),
                part("factor_lo"), part("factor_hi"))
        else:
            body = "%s: %s (ratio %s–%s)" % (part("verdict"), part("direction"),
                                              part("lo"), part("hi"))
        css = re.sub(r"[^a-z]+", "-", verdict)
        return '<span class="verdict v-%s" data-verdict="%s">%s</span>' % (css, verdict, body)

    def text(self, template):
        """The template as HTML: placeholders filled, the rest escaped."""
        out, at = [], 0
        for match in PLACEHOLDER.finditer(template):
            out.append(CODE.sub(r"<code>\1</code>", html.escape(template[at:match.start()],
                                                                 quote=False)))
            out.append(self.placeholder(match))
            at = match.end()
        out.append(CODE.sub(r"<code>\1</code>", html.escape(template[at:], quote=False)))
        return "".join(out)
