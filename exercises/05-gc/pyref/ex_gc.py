"""ex_gc: exercise 5, pause the GC while handling (talk 003).

Every variant returns the same checksum over the same rows; they differ only
in what the cyclic garbage collector may do while the handler runs.
"""

from ex_gc_given import gc_default, handle, make_input


def gc_paused(rows):
    """gc.disable() around the handler, the previous state restored after."""
    raise NotImplementedError("exercise 5: disable the GC around handle(rows)")


def gc_paused_collect(rows):
    """As gc_paused, then one gc.collect() after the handler (timed too)."""
    raise NotImplementedError("exercise 5: disable the GC around handle(rows), collect after")
