"""ex_fuse: exercise 4, fuse the traversals (talk 003).

Every variant returns "<count> <total euro cents>" for the same offers.
Prices are integers (cents) and rates integers (parts per million), so the
conversion is exact integer arithmetic and every variant agrees to the cent.
"""

from ex_fuse_given import CAP_EUR_CENTS, make_input, MAX_STOPS, staged, to_eur_cents


def fused(offers):
    """One traversal: check, convert, filter and sum each offer in one step."""
    raise NotImplementedError("exercise 4: do all stages in one loop over offers")
