"""Times one Python variant with pyperf, for `gluebench crosscheck pyperf`.

usage: pyperf_bench.py ENTRY SETUP [--param NAME=VALUE ...] [--seed N]
                       [pyperf options: --processes, --values, --min-time, ...]

ENTRY and SETUP are `module:function` as in a manifest; the input is built
with SETUP(params, seed), untimed, in every pyperf worker process, exactly
as the gluebench Python worker builds it.  pyperf spawns the worker
processes, calibrates the loop count, drops its warmups and keeps the
values.  The timed loop is the one `pyperf timeit` and `timeit` run (an
itertools.repeat loop around the call), so both tools time the same code
and differ only in how they measure it.

The last line printed is `median_ns V`: the median of every value of every
worker process, in nanoseconds per call.
"""

import itertools
import time

import pyperf

from gbworker import resolve


def add_worker_args(cmd, args):
    """Passes our own arguments on to the worker processes pyperf spawns."""
    cmd.extend([args.entry, args.setup, "--seed=%d" % args.seed])
    cmd.extend("--param=" + p for p in args.param)


def parse_params(pairs):
    params = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        params[name] = int(value)
    return params


def time_calls(loops, fn, inp):
    """Seconds for `loops` calls of fn(inp): pyperf's time_func contract."""
    repeat = itertools.repeat(None, loops)
    t0 = time.perf_counter()
    for _ in repeat:
        fn(inp)
    return time.perf_counter() - t0


def main():
    runner = pyperf.Runner(add_cmdline_args=add_worker_args)
    runner.argparser.add_argument("entry")
    runner.argparser.add_argument("setup")
    runner.argparser.add_argument("--param", action="append", default=[])
    runner.argparser.add_argument("--seed", type=int, default=1)
    args = runner.parse_args()
    fn = inp = None
    if args.worker:  # only the workers call the variant; the parent collects
        fn = resolve(args.entry)
        inp = resolve(args.setup)(parse_params(args.param), args.seed)
    bench = runner.bench_time_func(args.entry, time_calls, fn, inp)
    if bench is not None and not args.worker:
        print("median_ns %.6g" % (bench.median() * 1e9), flush=True)


if __name__ == "__main__":
    main()
