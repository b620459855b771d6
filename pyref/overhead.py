"""overhead: the empty variant, to measure the measuring."""


def make_input(params, seed):
    """No input at all."""
    return None


def py_empty(inp):
    """An empty call: the Python worker's floor."""
    return None
