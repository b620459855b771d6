"""ex_hunt_given: the given parts of exercise 9 (the input and the baseline).
Read them; you edit ex_hunt.py.

A handler takes n raw event lines ("user,page,millis"), parses them,
drops malformed ones, keeps each (user, page) pair's first visit, labels
each visit from a lookup table, and renders a report: the number of
distinct visits and a checksum of their lines.  Five steps, four of them
cheap per line.  One is not.
"""

import re
import zlib

import gbinput

PAGES = ("home", "search", "offer", "cart", "pay", "help", "account", "deals")
LABELS = {"home": "browse", "search": "browse", "offer": "intent", "cart": "intent",
          "pay": "buy", "help": "support", "account": "support", "deals": "browse"}
LINE = re.compile(r"^(\d+),([a-z]+),(\d+)$")


def make_input(params, seed):
    """n event lines from n // 2 users over 8 pages; one in 50 is malformed."""
    rng = gbinput.Rng(seed)
    n = params["n"]
    users = max(1, n // 2)
    lines = []
    for _ in range(n):
        r = rng.next()
        if r % 50 == 0:
            lines.append("garbage line %d" % (r >> 8))
        else:
            lines.append("%d,%s,%d" % ((r >> 8) % users, PAGES[(r >> 40) & 7], (r >> 44) % 5000))
    return lines


def parse(lines):
    """Each line split into (user, page, millis); None when malformed."""
    out = []
    for line in lines:
        m = LINE.match(line)
        out.append((int(m.group(1)), m.group(2), int(m.group(3))) if m else None)
    return out


def validate(events):
    """Drops malformed lines and pages we do not know."""
    return [e for e in events if e is not None and e[1] in LABELS]


def first_visits(events):
    """Each (user, page) pair once, in the order first seen."""
    seen = []
    kept = []
    for user, page, millis in events:
        if (user, page) not in seen:
            seen.append((user, page))
            kept.append((user, page, millis))
    return kept


def label(visits):
    """Each visit with its label from the table."""
    return [(user, page, millis, LABELS[page]) for user, page, millis in visits]


def render(rows):
    """The report: count and CRC-32 of the rendered lines."""
    text = "\n".join("%d %s %d %s" % row for row in rows)
    return "%d %d" % (len(rows), zlib.crc32(text.encode()))


def handler(lines):
    """The handler as shipped: five steps, one after the other."""
    return render(label(first_visits(validate(parse(lines)))))
