"""boundary: what one crossing of the Python/C boundary costs.

Every variant returns the sum of squares of the same n numbers.  The inputs
lie on a 2**-10 grid, so every summation order gives the same bits.

ext_batch gets its array('d') from setup, untimed; ext_batch_from_list gets
the list every other variant gets and builds the array inside the timed
call.  The pair separates what the C loop costs from what it costs to get
Python objects into a C buffer in the first place; ext_list hands the list
itself to the extension, which does the copy in C.
"""

import array
import ctypes

import gbinput
from _gb_boundary import square, sum_squares, sum_squares_list

GRID_BITS = 10


def make_input(params, seed):
    """The n numbers as a Python list of floats."""
    rng = gbinput.Rng(seed)
    return [rng.grid(GRID_BITS) for _ in range(params["n"])]


def make_array(params, seed):
    """The same numbers in an array('d'): one C buffer, for batched calls."""
    return array.array("d", make_input(params, seed))


def make_ctypes(params, seed):
    """The numbers plus the kernel's square() bound through ctypes."""
    lib = ctypes.CDLL(gbinput.kernel_library_path("boundary"))
    square = lib.gb_boundary_square
    square.argtypes = [ctypes.c_double]
    square.restype = ctypes.c_double
    return square, make_input(params, seed)


def py_loop(xs):
    """Pure Python: an explicit loop, every operation interpreted."""
    total = 0.0
    for x in xs:
        total += x * x
    return total


def py_builtin(xs):
    """Python with builtins: sum() over a generator expression."""
    return sum(x * x for x in xs)


def ext_item(xs):
    """A C extension called once per item (METH_O): one crossing per number."""
    total = 0.0
    for x in xs:
        total += square(x)
    return total


def ctypes_item(inp):
    """ctypes called once per item: a crossing plus argument marshalling."""
    square, xs = inp
    total = 0.0
    for x in xs:
        total += square(x)
    return total


def ext_batch(buf):
    """A C extension called once on the whole buffer: one crossing in all.
    The buffer was built in setup, so the copy out of Python floats is not
    charged here (see ext_batch_from_list)."""
    return sum_squares(buf)


def ext_batch_from_list(xs):
    """The batched call charged for its buffer: the Python floats are copied
    into an array('d') inside the call (one unboxing per item, in C), then
    one crossing.  What batching buys when the data starts as a list."""
    return sum_squares(array.array("d", xs))


def ext_list(xs):
    """The batched call on the list itself: one crossing, and the extension
    unboxes the floats in C (PyFloat_AsDouble per item) into its own
    buffer before the C loop.  The copy ext_batch_from_list makes, without
    array('d')'s per-item argument parsing."""
    return sum_squares_list(xs)
