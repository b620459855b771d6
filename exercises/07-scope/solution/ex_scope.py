"""ex_scope: exercise 7, module scope against function scope (talk 000).
The solution.

Every variant returns the same integer: the sum of i * i % 7 for i < n.
"""

from ex_scope_given import LOOP, make_input, module_scope  # noqa: F401


def function_scope(n):
    """The same loop inside a function: its names are fast locals."""
    acc = 0
    for i in range(n):
        acc += i * i % 7
    return acc
