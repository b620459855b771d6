"""ex_cext: exercise 6, a C kernel and its extension (talk 000).

The Python side is given: the variants call your extension _gb_ex_cext
(c/ext.c, built by `make build`).  Until you write the C, its functions
raise NotImplementedError.
"""

from _gb_ex_cext import clamp, clamp_sum
from ex_cext_given import HI, LO, make_array, make_input, py_loop  # noqa: F401


def ext_item(xs):
    """The extension called once per item (METH_FASTCALL: no argument tuple)."""
    total = 0.0
    for x in xs:
        total += clamp(x, LO, HI)
    return total


def ext_batch(buf):
    """The extension called once on the whole buffer (buffer protocol, GIL released)."""
    return clamp_sum(buf, LO, HI)
