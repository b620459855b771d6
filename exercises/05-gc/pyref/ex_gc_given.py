"""ex_gc_given: the given parts of exercise 5 (the input, the baseline and
the variants yours are compared with).  Read them; you edit ex_gc.py.
"""

import gc

import gbinput


def make_input(params, seed):
    """n rows of three small integers, one random draw each."""
    rng = gbinput.Rng(seed)
    rows = []
    for i in range(params["n"]):
        r = rng.next()
        rows.append((i, r & 0xFFFF, (r >> 16) & 0xFFFF))
    return rows


def handle(rows):
    """The handler: builds every object first, then reads them all."""
    objects = []
    for i, a, b in rows:
        objects.append({"id": i, "tags": [a, b, a ^ b], "pos": {"x": a, "y": b}})
    total = 0
    for o in objects:
        total += o["tags"][2] + o["pos"]["x"] * o["pos"]["y"] + o["id"]
    return total


def gc_default(rows):
    """The handler as written: the collector runs whenever its thresholds say."""
    return handle(rows)
