"""Named metrics a variant reports beside its time, like Google Benchmark's
user counters.

A variant calls, inside its timed call:

    gbmetrics.add("response_ms", 3.2)     # summed over the sample's calls,
                                          # reported per call (sum / loops)
    gbmetrics.peak("pause_max_ms", 12.0)  # the largest value in the sample

The worker (gbworker.py) clears the metrics before each sample and sends
what the sample recorded with its reply; the scenario's manifest declares
each name with `metric { name = ..., label = ..., unit = ... }`.  Outside a
worker (in the differential tests) the calls only accumulate and cost a
dictionary update.  Names are lowercase words: letters, digits, '_'.
"""

import re

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
_sums = {}
_peaks = {}


def _check(name):
    if not _NAME.match(name):
        raise ValueError("metric name %r: lowercase letters, digits and '_'" % name)


def add(name, value):
    """Adds value to this sample's total of `name` (reported per call)."""
    if name not in _sums:
        _check(name)
        _sums[name] = 0.0
    _sums[name] += float(value)


def peak(name, value):
    """Keeps the largest value of `name` seen in this sample."""
    value = float(value)
    old = _peaks.get(name)
    if old is None:
        _check(name)
        _peaks[name] = value
    elif value > old:
        _peaks[name] = value


def reset():
    """Forgets everything recorded so far (the worker calls it per sample)."""
    _sums.clear()
    _peaks.clear()


def take(loops):
    """What the sample recorded, {name: value}: sums divided by loops,
    peaks as they are; then resets."""
    out = {name: total / loops for name, total in _sums.items()}
    out.update(_peaks)
    reset()
    return out
