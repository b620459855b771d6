"""ex_batch: exercise 1, batch the crossing (talk 000).  The solution.

Every variant returns the sum of squares of the same n numbers.  They lie on
a 2**-10 grid, so any summation order (per item, per chunk, all at once)
gives the same bits.

The C extension _gb_boundary (built with the kernels) offers two calls:
    square(x)         one double in, its square out: one crossing per item
    sum_squares(buf)  the sum of squares of a buffer of doubles (an
                      array('d') or a memoryview of one): one crossing in all
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


def batched(buf):
    """A C extension called once on the whole buffer: one crossing in all."""
    return sum_squares(buf)


def chunked(inp):
    """A C extension called once per chunk of `chunk` items."""
    view, chunk = inp
    total = 0.0
    for start in range(0, len(view), chunk):
        total += sum_squares(view[start:start + chunk])
    return total
