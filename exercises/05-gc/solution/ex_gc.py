"""ex_gc: exercise 5, pause the GC while handling (talk 003).  The solution.

Every variant returns the same checksum over the same rows; they differ only
in what the cyclic garbage collector may do while the handler runs.
"""

import gc

from ex_gc_given import gc_default, handle, make_input


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
