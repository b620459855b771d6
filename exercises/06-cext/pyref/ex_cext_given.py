"""ex_cext_given: the given parts of exercise 6 (the input and the baseline).
Read them; you write the C in ../c/ (kernel.c, ext.c).

The numbers are the boundary scenario's (pyref/boundary.py): n doubles on
a 2**-10 grid, so a sum of clamped values is exact in any order and every
variant's answer has the same bits.
"""

from boundary import make_array, make_input  # noqa: F401

LO, HI = 0.25, 0.75


def py_loop(xs):
    """Pure Python: min/max per item, the sum in the interpreter."""
    total = 0.0
    for x in xs:
        total += min(max(x, LO), HI)
    return total
