"""ex_batch: exercise 1, batch the crossing (talk 000).  The solution.

Every variant returns the sum of squares of the same n numbers.  They lie on
a 2**-10 grid, so any summation order (per item, per chunk, all at once)
gives the same bits.

The C extension _gb_boundary (built with the kernels) offers two calls:
    square(x)         one double in, its square out: one crossing per item
    sum_squares(buf)  the sum of squares of a buffer of doubles (an
                      array('d') or a memoryview of one): one crossing in all
"""

from ex_batch_given import (
    ext_item, make_array, make_chunks, make_input,
    py_loop, sum_squares)


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
