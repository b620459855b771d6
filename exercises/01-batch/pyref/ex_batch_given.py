"""ex_batch_given: the given parts of exercise 1 (the input, the baseline and
the variants yours are compared with).  Read them; you edit ex_batch.py.
"""

import array

import gbinput
from _gb_boundary import square, sum_squares

GRID_BITS = 10


def make_input(params, seed):
    """The n numbers as a Python list of floats."""
    rng = gbinput.Rng(seed)
    return [rng.grid(GRID_BITS) for _ in range(params["n"])]


def make_array(params, seed):
    """The same numbers in an array('d'): one C buffer."""
    return array.array("d", make_input(params, seed))


def make_chunks(params, seed):
    """The buffer as a memoryview (slices of it copy nothing) and the chunk size."""
    return memoryview(make_array(params, seed)), params["chunk"]


def py_loop(xs):
    """Pure Python: an explicit loop, every operation interpreted."""
    total = 0.0
    for x in xs:
        total += x * x
    return total


def ext_item(xs):
    """A C extension called once per item: one crossing per number."""
    total = 0.0
    for x in xs:
        total += square(x)
    return total
