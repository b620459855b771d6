"""profile: the scenario's variants -- each handler run plainly, under
cProfile, under the sampling profiler, and diagnosed.

All twelve variants return the handler's receipt, the same string for the
same order.  What they add is reported as named metrics (gbmetrics):

  cProfile   top_calls       calls of the function with the most self time
             top_self_share  that function's share of all self time
             profiled_calls  every call cProfile recorded
  sampler    hot_line_share  the handler's hottest line's share of wall time
             hot_line_cpu    CPU over wall time on that line
             samples         timer samples taken
  diagnose   growth          t(n) / t(n / 4), the handler timed plainly on an
                             order of n lines and on one of n / 4 (the
                             fastest of the runs that fit in 2 ms, each)
             diag_cpu_share  CPU over wall time of that run on n lines, the
                             time spent waiting for a CPU taken out
             verdict         the cause name_cause() gives from
                             (diag_cpu_share, top_calls, exponent): 1
                             algorithm, 2 call count, 3 waiting on I/O,
                             4 undecided
             says_*          1 for the cause named, 0 for the others; per
                             call, so the share of calls that named it

The verdict is a metric because the answer must be the same for every
variant (it is the receipt) and a metric is the one number a variant can
add.  The four says_* metrics are the clean form (one column per cause,
a share of calls); `verdict` is the same verdict as one positive code,
because the harness summarises metrics on a log scale, where a 0 has no
place.  A verdict between two codes means the calls disagreed.
"""

import gbmetrics
from profile_handlers import (PriceService, handle_algorithm, handle_call_count,
                              handle_io, make_order)
from profile_tools import (CAUSES, cpu_share, fastest, growth_exponent, name_cause, sample,
                           summarize, under_cprofile)

SMALL_FRACTION = 4  # the diagnosis also times an order of n / 4 lines
TIMING_BUDGET_S = 0.002  # each size is timed as often as fits, at least once


class Inputs:
    """The order of n lines and the smaller one the diagnosis times."""

    __slots__ = ("order", "small")

    def __init__(self, order, small):
        self.order = order
        self.small = small


def make_input(params, seed):
    """Two orders from the seed: n lines and n / 4 lines (each its own draw:
    a prefix of the big order would hold almost all its skus)."""
    n = params["n"]
    return Inputs(make_order(n, seed), make_order(max(1, n // SMALL_FRACTION), seed))


def start_service(params, seed):
    """The two orders and a price service both of them ask."""
    inp = make_input(params, seed)
    inp.order.service = inp.small.service = PriceService()
    return inp


def stop_service(inp):
    """Teardown: stops the price service that setup started."""
    inp.order.service.close()


def cause_metric(cause):
    """The metric that counts a cause: says_algorithm, says_call_count, ..."""
    return "says_" + {"waiting on I/O": "io"}.get(cause, cause.replace(" ", "_"))


# How each handler is run --------------------------------------------------------

def run_cprofile(handler, inp):
    """The handler under cProfile, with the top line of a listing sorted by
    self time reported as metrics."""
    result, entries = under_cprofile(handler, inp.order)
    summary = summarize(entries)
    gbmetrics.add("top_calls", summary["top_calls"])
    gbmetrics.add("top_self_share", summary["top_self_share"])
    gbmetrics.add("profiled_calls", summary["calls_total"])
    return result


def run_sampled(handler, inp):
    """The handler under the sampling profiler, its hottest line reported."""
    result, sampler = sample(handler, inp.order)
    _, share, cpu_share = sampler.hot_line()
    gbmetrics.add("hot_line_share", share)
    gbmetrics.add("hot_line_cpu", cpu_share)
    gbmetrics.add("samples", sampler.samples)
    return result


def run_diagnosis(handler, inp):
    """The talk's chain of questions, measured: time at n / 4 and at n
    (growth), CPU over wall at n (waiting?), cProfile's call count of the
    top function at n; then name_cause() names the cause."""
    t_small = fastest(handler, inp.small, TIMING_BUDGET_S)[1]
    result, wall, cpu, queued = fastest(handler, inp.order, TIMING_BUDGET_S)
    _, entries = under_cprofile(handler, inp.order)
    share = cpu_share(wall, cpu, queued)
    exponent = growth_exponent(t_small, wall, len(inp.order) / len(inp.small))
    cause = name_cause(share, summarize(entries)["top_calls"], exponent)
    gbmetrics.add("growth", wall / t_small)
    gbmetrics.add("diag_cpu_share", share)
    gbmetrics.add("verdict", CAUSES.index(cause) + 1)
    for each in CAUSES:
        gbmetrics.add(cause_metric(each), 1.0 if each == cause else 0.0)
    return result


# The variants ----------------------------------------------------------------------

def alg_plain(inp):
    """The O(n^2) handler alone, no profiler: the time it really takes."""
    return handle_algorithm(inp.order)


def alg_cprofile(inp):
    """The O(n^2) handler under cProfile (deterministic: a hook per call)."""
    return run_cprofile(handle_algorithm, inp)


def alg_sampled(inp):
    """The O(n^2) handler under the timer-signal sampling profiler."""
    return run_sampled(handle_algorithm, inp)


def alg_diagnose(inp):
    """The O(n^2) handler diagnosed from growth, CPU share and call count."""
    return run_diagnosis(handle_algorithm, inp)


def calls_plain(inp):
    """The call-count handler alone, no profiler."""
    return handle_call_count(inp.order)


def calls_cprofile(inp):
    """The call-count handler under cProfile."""
    return run_cprofile(handle_call_count, inp)


def calls_sampled(inp):
    """The call-count handler under the sampling profiler."""
    return run_sampled(handle_call_count, inp)


def calls_diagnose(inp):
    """The call-count handler diagnosed."""
    return run_diagnosis(handle_call_count, inp)


def io_plain(inp):
    """The waiting handler alone, no profiler."""
    return handle_io(inp.order)


def io_cprofile(inp):
    """The waiting handler under cProfile."""
    return run_cprofile(handle_io, inp)


def io_sampled(inp):
    """The waiting handler under the sampling profiler."""
    return run_sampled(handle_io, inp)


def io_diagnose(inp):
    """The waiting handler diagnosed."""
    return run_diagnosis(handle_io, inp)
