"""ex_scope: exercise 7, module scope against function scope (talk 000).

Every variant returns the same integer: the sum of i * i % 7 for i < n.
"""

from ex_scope_given import LOOP, make_input, module_scope  # noqa: F401


def function_scope(n):
    """The same loop inside a function: its names are fast locals."""
    raise NotImplementedError("exercise 7: write LOOP's three lines inside this function")
