"""ex_memo: exercise 2, when does a cache stop paying? (talk 002)

Every variant returns the sum of score(x) over the same arguments, in the
same order.  A cached score is the very float the function computed, so
every variant's sum has the same bits.

Each timed call builds its cache afresh: a cache kept across calls would be
measured on hits only, after the first call filled it, and would hide what
the misses cost.
"""

from ex_memo_given import make_input, plain, score


def lru_unbounded(args):
    """functools.lru_cache(maxsize=None) around score, fresh for this call."""
    raise NotImplementedError("exercise 2: wrap score in functools.lru_cache(maxsize=None)")


def lru_bounded(args):
    """functools.lru_cache(maxsize=256): evicts the least recently used."""
    raise NotImplementedError("exercise 2: wrap score in functools.lru_cache(maxsize=256)")


def dict_memo(args):
    """A plain dict as the memo: dict.get, compute and store on a miss."""
    raise NotImplementedError("exercise 2: keep computed scores in a dict")
