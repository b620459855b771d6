"""deck.py: one talk's argument, told with one run's numbers.

A talk (slides/talks/*.py) is data: an opening, chapters and takeaways, all
prose with placeholders (placeholders.py).  A chapter follows one scenario
through question -> measured chart -> verdict -> what to do.  Every scenario
findings.json files under the talk gets a chapter: the ones the talk wrote
prose for in its order, then the rest with what findings.json says of them.

"What to do" is conditional on the verdict it rests on: an Advice holds one
text for confirmed, one for contradicted and one for undecided, so the deck
never advises what the run did not show.  An Advice also names the
expectation its prose assumes; if the manifest's claim has changed since,
the deck shows the claim and the verdict instead of the stale prose.
"""

import base64
import html
from dataclasses import dataclass, field

VERDICTS_PER_SLIDE = 4
SUMMARY_ROWS_PER_SLIDE = 6


@dataclass
class Advice:
    """What to do, resting on one finding (SEL as in placeholders.py).

    In the texts, {verdict:@} and {finding:@:FIELD} mean this finding."""
    scenario: str
    select: str
    assumes: str = None        # the finding's expect this prose was written for
    yes: str = ""              # verdict confirmed
    no: str = ""               # verdict contradicted
    unsure: str = ""           # undecided (a default says so if empty)
    absent: str = ""           # not measured (likewise)


@dataclass
class Chapter:
    scenario: str
    heading: str = ""          # our words; the scenario's title if empty
    ask: str = ""              # the question in our words; the manifest's if empty
    frame: str = ""            # one or two sentences: why the talk needs this
    notes: str = ""            # speaker notes of the question slide
    look: dict = field(default_factory=dict)    # chart id -> what to point at
    facts: list = field(default_factory=list)   # measured values worth saying aloud
    advice: list = field(default_factory=list)


@dataclass
class Opening:
    heading: str
    points: list
    notes: str = ""


@dataclass
class Talk:
    number: str                # findings.json's talk field
    file: str                  # RUN_DIR/slides/<file>.html
    title: str
    thesis: str
    notes: str = ""
    opening: list = field(default_factory=list)
    chapters: list = field(default_factory=list)
    takeaways: list = field(default_factory=list)


@dataclass
class Slide:
    id: str
    kind: str
    heading: str               # HTML
    body: str                  # HTML
    notes: str = ""            # HTML
    kicker: str = ""


# --- advice -------------------------------------------------------------

JUDGED = ("confirmed", "contradicted", "undecided", "not measured")
UNJUDGED = ("No advice from these: the scenario states no expectation to judge them "
            "by. What its author wrote, and what this run measured:")
UNSURE = "Not settled by this run (measure again, longer, before acting on it): "
UNMEASURED = "Not measured in this run: "
STALE = ("The scenario now expects {finding:@:claim}: {verdict:@}. {finding:@:why}")
ABSENT = "not measured in this run"


def advice_html(filler, a):
    """(judged, HTML): the advice's text for its finding's verdict, with the
    badge it rests on; judged is False when the scenario states no
    expectation (then only the author's note and the measurement).  None if
    the run lacks the finding."""
    f = filler.finding(a.scenario, a.select)
    sel = "%s:%s" % (a.scenario, a.select)
    if f is None:
        return None
    verdict, judged = f.get("verdict"), True
    if not f.get("expect") or verdict not in JUDGED:
        text = ("{finding:@:why}" if f.get("why") else "") + " {verdict:@}"
        judged = False
    elif a.assumes and f.get("expect") != a.assumes:
        text = STALE
    elif verdict == "confirmed":
        text = a.yes + " {verdict:@}"
    elif verdict == "contradicted":
        text = a.no + " {verdict:@}"
    elif verdict == "undecided":
        text = (a.unsure or UNSURE + a.yes) + " {verdict:@}"
    else:
        text = (a.absent or UNMEASURED + a.yes) + " {verdict:@}"
    text = text.replace("{verdict:@}", "{verdict:%s}" % sel)
    return judged, filler.text(text.replace(":@:", ":%s:" % sel))


def advice_body(filler, advice):
    """The advice list, then what was measured but not judged; "" if none."""
    items = [i for i in (advice_html(filler, a) for a in advice) if i]
    judged = "".join("<li>%s</li>" % h for ok, h in items if ok)
    unjudged = "".join("<li>%s</li>" % h for ok, h in items if not ok)
    body = '<ul class="advice">%s</ul>' % judged if judged else ""
    if unjudged:
        body += ('<p>%s</p><ul class="advice unjudged">%s</ul>'
                 % (UNJUDGED, unjudged))
    return body


def generic_advice(scenario):
    """For a scenario without written prose: each finding's why, judged."""
    out = []
    for position, f in enumerate(scenario.get("findings") or []):
        sel = str(f.get("index", position))
        out.append(Advice(scenario["name"], sel,
                          yes="Backed by this run: {finding:@:why}",
                          no="Not what this run shows: {finding:@:why}",
                          unsure="Unsettled: {finding:@:why}",
                          absent="Not measured: {finding:@:why}"))
    return out


# --- slides of one chapter ------------------------------------------------

def chapter_of(talk, scenario):
    for ch in talk.chapters:
        if ch.scenario == scenario["name"]:
            return ch
    return Chapter(scenario["name"])


def question_slide(filler, ch):
    name = ch.scenario
    heading = ch.ask or "{scenario:%s:question}" % name
    body = ['<p class="scenario">%s</p>' % filler.text("{scenario:%s:title}" % name)]
    if ch.ask:
        body.append('<p class="manifest">As the scenario asks it: %s</p>'
                    % filler.text("{scenario:%s:question}" % name))
    if ch.frame:
        body.append('<p class="frame">%s</p>' % filler.text(ch.frame))
    notes = filler.text(ch.notes) if ch.notes else ""
    notes += "<p>What the scenario measures: %s</p>" % filler.text("{scenario:%s:about}" % name)
    return Slide(name + "-question", "question", filler.text(heading), "\n".join(body),
                 notes, "question")


def chart_slide(run, filler, ch, chart):
    name, cid = ch.scenario, chart["id"]
    path = run.chart_path(chart)
    try:
        with open(path, "rb") as f:
            data = base64.b64encode(f.read()).decode("ascii")
        img = ('<img data-chart="%s" alt="%s" src="data:image/svg+xml;base64,%s">'
               % (html.escape(chart["svg"]), html.escape(chart.get("title") or cid), data))
    except OSError:
        filler.missing.append("chart:%s:%s:svg" % (name, cid))
        img = '<p class="missing">index.json lists this chart, but its SVG is missing.</p>'
    caption = filler.text("{chart:%s:%s:caption}" % (name, cid)) if chart.get("caption") else ""
    body = ('<figure><div class="plot">%s</div><figcaption>%s</figcaption></figure>'
            % (img, caption))
    look = ch.look.get(cid, "")
    notes = ("<p>What the claim predicts here; check it against the chart:</p>"
             + filler.text(look)) if look else (
        "<p>Read the chart against the question; the verdicts follow.</p>")
    return Slide("%s-chart-%s" % (name, cid), "chart",
                 filler.text("{chart:%s:%s:title}" % (name, cid)), body, notes,
                 filler.text("{scenario:%s:title}" % name))


def finding_row(filler, name, position, f):
    sel = "%s:%s" % (name, f.get("index", position))
    what = filler.text("{finding:%s:variant_label} against {finding:%s:than_label}" % (sel, sel))
    where = filler.text("{finding:%s:params_words}" % sel) if f.get("params_words") else ""
    return ('<li><p class="pair">%s <span class="where">%s</span></p>'
            '<p class="claim">%s</p><p class="judged">%s</p></li>'
            % (what, where, filler.text("expected: {finding:%s:claim}" % sel) if f.get("claim")
               else "expected: nothing stated (measured, not judged)",
               filler.text("{verdict:%s}" % sel)))


def facts_slide(filler, ch):
    if not ch.facts:
        return []
    items = "".join("<li>%s</li>" % filler.text(f) for f in ch.facts)
    return [Slide(ch.scenario + "-measured", "measured", "What was measured",
                  '<ul class="facts-list">%s</ul>' % items,
                  "<p>Medians from summary.csv; the charts show their intervals.</p>",
                  filler.text("{scenario:%s:title}" % ch.scenario))]


def verdict_slides(filler, ch, scenario):
    findings = scenario.get("findings") or []
    if not findings:
        return [Slide(ch.scenario + "-verdicts", "verdicts", "The verdict",
                      "<p>The scenario states no expectation to judge; the charts are "
                      "the result.</p>",
                      "", filler.text("{scenario:%s:title}" % ch.scenario))]
    out = []
    for start in range(0, len(findings), VERDICTS_PER_SLIDE):
        chunk = list(enumerate(findings))[start:start + VERDICTS_PER_SLIDE]
        rows = "".join(finding_row(filler, ch.scenario, p, f) for p, f in chunk)
        notes = "".join("<p>%s</p>" % filler.text("{finding:%s:%s:sentence} {finding:%s:%s:why}"
                                                 % (ch.scenario, f.get("index", p),
                                                    ch.scenario, f.get("index", p)))
                        for p, f in chunk)
        suffix = "" if start == 0 else "-%d" % (start // VERDICTS_PER_SLIDE + 1)
        out.append(Slide(ch.scenario + "-verdicts" + suffix, "verdicts", "The verdict",
                         '<ul class="findings">%s</ul>' % rows, notes,
                         filler.text("{scenario:%s:title}" % ch.scenario)))
    return out


# The four questions of the decision framework, as findings.json's
# decisions answers them (keys in the harness's order).
QUESTIONS = (("bottleneck", "Is this code the bottleneck?"),
             ("cost_frequency", "What does it cost, times how often it runs?"),
             ("reduce_first", "Can the work be reduced before it is moved?"),
             ("boundary", "Does crossing into compiled code pay, and from what size?"))
COMPLEXITY_ROWS_PER_SLIDE = 6


def decision_slides(filler, ch, scenario):
    """The four answers, then each variant's added complexity against its gain."""
    d = scenario.get("decisions")
    if not isinstance(d, dict):
        return []
    name, kicker = ch.scenario, filler.text("{scenario:%s:title}" % ch.scenario)
    rows = "".join('<li><p class="q">%s</p><p class="a">%s</p></li>'
                   % (q, filler.text("{decision:%s:%s}" % (name, key)))
                   for key, q in QUESTIONS if key in d)
    if d.get("verdict"):
        rows += '<li><p class="q">So:</p><p class="a">%s</p></li>' % filler.text(
            "{decision:%s:verdict}" % name)
    out = [Slide(name + "-decisions", "decisions", "The four questions, answered by this run",
                 '<ul class="questions">%s</ul>' % rows,
                 "<p>The harness answers these from the run: the baseline's CPU share, its "
                 "cost at a stated call rate and price, the best variant that does less "
                 "work beside the best that moves it into C, and the fitted cost models.</p>",
                 kicker)]
    complexity = d.get("complexity") or []
    for start in range(0, len(complexity), COMPLEXITY_ROWS_PER_SLIDE):
        body = "".join(complexity_row(filler, name, i, complexity[i])
                       for i in range(start, min(start + COMPLEXITY_ROWS_PER_SLIDE,
                                                 len(complexity))))
        suffix = "" if start == 0 else "-%d" % (start // COMPLEXITY_ROWS_PER_SLIDE + 1)
        out.append(Slide(name + "-complexity" + suffix, "complexity",
                         "Justified complexity, or technical debt",
                         '<table class="complexity"><tr><th>variant</th><th>lines added</th>'
                         '<th>needs</th><th>speedup</th><th>judgement</th></tr>%s</table>'
                         % body,
                         "<p>Lines added over the baseline, counted from the sources, against "
                         "the speedup's interval: many lines for a gain that cannot clear the "
                         "noise is debt.</p>", kicker))
    return out


def complexity_row(filler, name, i, c):
    key = "{decision:%s:complexity.%d.%%s}" % (name, i)
    needs = [filler.text(key % k) for k in ("dependencies", "build")
             if c.get(k) not in (None, "", "none")]
    judgement = filler.text(key % "judgement") if c.get("judgement") else "neither flag"
    return ("<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
            % (filler.text(key % "variant"), filler.text(key % "added_lines"),
               "; ".join(needs) or "nothing new",
               filler.text((key % "speedup") + "× (" + (key % "lo") + "–" + (key % "hi") + "×)"),
               judgement))


def advice_slide(filler, ch, scenario):
    body = advice_body(filler, ch.advice or generic_advice(scenario))
    if not body:
        return []
    return [Slide(ch.scenario + "-do", "do", "What to do", body,
                  "<p>Each point rests on the verdict printed after it; a different "
                  "run may move it.</p>", filler.text("{scenario:%s:title}" % ch.scenario))]


def chapter_slides(run, filler, talk, scenario):
    ch = chapter_of(talk, scenario)
    out = [question_slide(filler, ch)]
    out += [chart_slide(run, filler, ch, c) for c in run.charts_of(ch.scenario)]
    out += facts_slide(filler, ch)
    out += verdict_slides(filler, ch, scenario)
    out += decision_slides(filler, ch, scenario)
    out += advice_slide(filler, ch, scenario)
    return out


# --- the talk around its chapters ----------------------------------------

def talk_scenarios(run, talk):
    """The run's scenarios of this talk: the talk's own order, then findings.json's."""
    mine = [run.scenario(n) for n in run.order if run.scenario(n).get("talk") == talk.number]
    known = [ch.scenario for ch in talk.chapters]
    first = [s for n in known for s in mine if s["name"] == n]
    return first + [s for s in mine if s["name"] not in known]


def title_slide(filler, talk):
    facts = [("profile", "{meta:profile}"),
             ("measurements", "{run:measurements} of {run:planned} planned"),
             ("machine", "{meta:system.cpu_model}, {meta:system.cores} cores"),
             ("Python", "{meta:system.versions.implementation} {meta:system.versions.python}"),
             ("started", "{meta:start}"),
             ("git commit", "{meta:git_commit}")]
    rows = "".join("<tr><th>%s</th><td>%s</td></tr>" % (k, filler.text(v)) for k, v in facts)
    if filler.run.findings.get("run", {}).get("complete") is False:
        facts.append(("incomplete", "this run stopped before its plan was done"))
    warnings = filler.run.meta.get("warnings") or []
    warn = "".join("<li>%s</li>" % filler.text("{meta:warnings.%d}" % i)
                   for i in range(len(warnings)))
    body = ('<p class="lead">%s</p><table class="facts">%s</table>%s'
            % (filler.text(talk.thesis), rows,
               '<ul class="warnings">%s</ul>' % warn if warn else ""))
    return Slide("title", "title", html.escape(talk.title), body,
                 filler.text(talk.notes), "gluebench: measured, not quoted")


def method_slide(filler):
    points = [
        "Every variant computes the same answer as the baseline; the harness checks "
        "each answer and reports a variant that differs as wrong.",
        "Each measurement is a fresh worker process, inputs built untimed; rounds "
        "rotate the order of the variants.",
        "A ratio is judged from its bootstrap interval: confirmed when the whole interval "
        "agrees with the expectation, contradicted when it all disagrees, undecided otherwise.",
        "This run: profile {meta:profile}; a sample lasts at least {meta:settings.target_s} s; "
        "{meta:settings.warmup} warmup sample(s), {meta:settings.samples} samples per "
        "process, {meta:settings.rounds} rounds.",
        "The harness's own floor: {meta:harness_overhead_ns.python} ns per Python call, "
        "{meta:harness_overhead_ns.c} ns per C call.",
    ]
    body = "<ul>%s</ul>" % "".join("<li>%s</li>" % filler.text(p) for p in points)
    return Slide("method", "method", "How every number here was measured", body,
                 "<p>Say once that the deck quotes no figure from the talk: each one "
                 "on a slide was read from this run's files when the deck was built.</p>",
                 "method")


def opening_slides(filler, talk):
    out = []
    for i, o in enumerate(talk.opening):
        body = "<ul>%s</ul>" % "".join("<li>%s</li>" % filler.text(p) for p in o.points)
        out.append(Slide("opening-%d" % (i + 1), "opening", filler.text(o.heading), body,
                         filler.text(o.notes), "the argument"))
    return out


def summary_slides(filler, scenarios):
    rows = []
    for s in scenarios:
        for position, f in enumerate(s.get("findings") or []):
            sel = "%s:%s" % (s["name"], f.get("index", position))
            where = " {finding:%s:params_words}" % sel if f.get("params_words") else ""
            rows.append("<tr><td>%s</td><td>%s</td></tr>" % (
                filler.text("{finding:%s:variant_label} against {finding:%s:than_label}%s"
                            % (sel, sel, where)), filler.text("{verdict:%s}" % sel)))
    out = []
    for start in range(0, len(rows), SUMMARY_ROWS_PER_SLIDE):
        suffix = "" if start == 0 else "-%d" % (start // SUMMARY_ROWS_PER_SLIDE + 1)
        out.append(Slide("verdicts" + suffix, "summary", "Every verdict of this talk",
                         '<table class="summary">%s</table>'
                         % "".join(rows[start:start + SUMMARY_ROWS_PER_SLIDE]),
                         "<p>Confirmed and contradicted are decided by the interval; "
                         "undecided means this run cannot tell.</p>", "summary"))
    return out


def takeaway_slide(filler, talk):
    body = advice_body(filler, talk.takeaways)
    if not body:
        return []
    return [Slide("takeaways", "do", "What to take home", body,
                  "<p>Only what this run backs is said as advice; the rest is marked "
                  "as unsettled or contradicted.</p>", "takeaways")]


def absent_slide(run, talk):
    absent = [ch for ch in talk.chapters if run.scenario(ch.scenario) is None]
    if not absent:
        return []
    items = "".join("<li>%s <code>%s</code></li>" % (html.escape(ch.heading or ch.ask or ""),
                                                     html.escape(ch.scenario)) for ch in absent)
    return [Slide("absent", "absent", "Not in this run",
                  "<p>These parts of the argument were not measured by this run, so the "
                  "deck says nothing about them:</p><ul>%s</ul>" % items,
                  "<p>Run the missing scenarios, then rebuild the deck.</p>", "not measured")]


def talk_slides(run, filler, talk):
    scenarios = talk_scenarios(run, talk)
    out = [title_slide(filler, talk)] + opening_slides(filler, talk) + [method_slide(filler)]
    for s in scenarios:
        out += chapter_slides(run, filler, talk, s)
    out += summary_slides(filler, scenarios) + takeaway_slide(filler, talk)
    return out + absent_slide(run, talk), scenarios
