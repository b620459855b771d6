"""ex_gc: exercise 5, pause the GC while handling (talk 003).  The solution.

Every variant returns the same checksum over the same rows; they differ only
in what the cyclic garbage collector may do while the handler runs.
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


def gc_paused(rows):
    """gc.disable() around the handler, the previous state restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return handle(rows)
    finally:
        if was_enabled:
            gc.enable()


def gc_paused_collect(rows):
    """As gc_paused, then one gc.collect() after the handler (timed too)."""
    answer = gc_paused(rows)
    gc.collect()
    return answer
