"""ex_batch_given: the given parts of exercise 1 (the input, the baseline and
the variants yours are compared with).  Read them; you edit ex_batch.py.

The input and the per-item variants are the boundary scenario's own
(pyref/boundary.py): the same numbers, the same loops.
"""

from _gb_boundary import sum_squares  # noqa: F401 (yours call it)
from boundary import ext_item, make_array, make_input, py_loop  # noqa: F401


def make_chunks(params, seed):
    """The buffer as a memoryview (slices of it copy nothing) and the chunk size."""
    return memoryview(make_array(params, seed)), params["chunk"]
