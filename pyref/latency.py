"""Latency statistics shared by the concurrency, postwork and iofix scenarios.

Percentiles use the nearest-rank definition: the p-th percentile of n
values is the smallest value with at least p% of the values at or below
it, so it is always one of the measured values (never interpolated), and
with fewer than 100 values the 99th percentile is the maximum.
"""

import math


def percentile(values, p):
    """Nearest-rank p-th percentile (0 < p <= 100) of a non-empty sequence."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 < p <= 100:
        raise ValueError("percentile %r is outside (0, 100]" % p)
    ordered = sorted(values)
    rank = math.ceil(p / 100.0 * len(ordered))
    return ordered[rank - 1]


def lateness(due, done):
    """How late each event ran: done[i] - due[i], never below zero.

    An event that ran early (a timer that fired a little before its time)
    counts as on time, not as negative lag.
    """
    if len(due) != len(done):
        raise ValueError("%d due times but %d done times" % (len(due), len(done)))
    return [max(0.0, b - a) for a, b in zip(due, done)]
