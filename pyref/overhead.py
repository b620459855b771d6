"""overhead: the empty variants, to measure the measuring, and one crossing."""

from _gb_overhead import empty


def make_input(params, seed):
    """No input at all."""
    return None


def py_empty(inp):
    """An empty call: the Python worker's floor."""
    return None


def ext_empty(inp):
    """A call into an empty C function (METH_O): one crossing of the boundary."""
    return empty(inp)
