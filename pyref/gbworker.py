"""The Python worker: runs one variant for the harness, one process per measurement.

It speaks the gluebench worker protocol (README, "Worker protocol") on its
standard input and output: one command per line in, one reply per line out.
Before anything runs, the protocol's output is moved to a private file
descriptor and file descriptor 1 is pointed at stderr, so that a variant
which prints cannot corrupt a reply.

Timed samples measure only the variant's calls.  GC collections, GC time
and the longest single collection come from gc.callbacks during the
sample, CPU time from time.process_time_ns (every thread of the process),
named metrics from gbmetrics; allocation peaks come from a separate untimed
pass (`alloc`), because tracemalloc slows Python code severalfold.
"""

import gc
import importlib
import itertools
import os
import sys
import time
import tracemalloc

import gbinput
import gbmetrics

# Must equal GB_PROTOCOL_VERSION in kernels/common/gb_protocol.h (a unit test
# reads both).
PROTOCOL_VERSION = 2


class GcClock:
    """Counts collections and the time spent in them, via gc.callbacks."""

    def __init__(self):
        self.collections = 0
        self.ns = 0
        self.max_ns = 0
        self._start = 0

    def __call__(self, phase, info):
        if phase == "start":
            self._start = time.perf_counter_ns()
        else:
            pause = time.perf_counter_ns() - self._start
            self.ns += pause
            self.max_ns = max(self.max_ns, pause)
            self.collections += 1

    def reset(self):
        self.collections = 0
        self.ns = 0
        self.max_ns = 0


def resolve(spec):
    """'module:function' -> the function object."""
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise ValueError("entry %r is not module:function" % spec)
    return getattr(importlib.import_module(module_name), attr)


def encode_answer(value):
    """The reply for an answer: a float, or a digest of its canonical bytes."""
    if isinstance(value, float):
        return "answer float %r" % value
    if value is None:
        data = b""
    elif isinstance(value, bool):
        raise TypeError("a bool answer is ambiguous; return an int")
    elif isinstance(value, int):
        if -2**63 <= value < 2**63:
            return "answer int %d" % value
        data = str(value).encode()
    elif isinstance(value, str):
        data = value.encode()
    elif isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
    else:
        raise TypeError("unsupported answer type %s" % type(value).__name__)
    return "answer digest %016x" % gbinput.fnv1a(data)


def time_calls(fn, inp, loops):
    """(wall ns, CPU ns) for `loops` calls of fn(inp); the loop is timeit's."""
    repeat = itertools.repeat(None, loops)
    cpu = time.process_time_ns()
    start = time.perf_counter_ns()
    for _ in repeat:
        fn(inp)
    wall = time.perf_counter_ns() - start
    return wall, time.process_time_ns() - cpu


def metrics_text(metrics):
    """ NAME=VALUE for each named metric, in name order."""
    return "".join(" %s=%r" % (name, float(value)) for name, value in sorted(metrics.items()))


class Worker:
    def __init__(self):
        self.fn = None
        self.setup_fn = None
        self.teardown_fn = None
        self.params = {}
        self.inp = None
        self.clock = GcClock()
        gc.callbacks.append(self.clock)

    def cmd_variant(self, args):
        if len(args) != 3:
            raise ValueError("variant needs ENTRY SETUP TEARDOWN")
        self.fn = resolve(args[0])
        self.setup_fn = resolve(args[1])
        self.teardown_fn = None if args[2] == "-" else resolve(args[2])
        return "ok"

    def cmd_param(self, args):
        self.params[args[0]] = int(args[1])
        return "ok"

    def cmd_setup(self, args):
        self.inp = self.setup_fn(dict(self.params), int(args[0]))
        return "ok"

    def cmd_answer(self, args):
        return encode_answer(self.fn(self.inp))

    def cmd_sample(self, args):
        loops = int(args[0])
        self.clock.reset()
        gbmetrics.reset()
        ns, cpu_ns = time_calls(self.fn, self.inp, loops)
        return "sample %d %d %d %d %d%s" % (ns, self.clock.collections, self.clock.ns, cpu_ns,
                                             self.clock.max_ns,
                                             metrics_text(gbmetrics.take(loops)))

    def cmd_instr(self, args):
        """A sample whose loop alone the instruction clock counts (under
        callgrind with --instr-atstart=no: kernels/common/gb_count.h)."""
        try:
            import _gb_count
        except ImportError as missing:
            raise RuntimeError("no instruction clock: %s" % missing) from None
        if not _gb_count.available():
            raise RuntimeError("no instruction clock: built without valgrind's headers")
        loops = int(args[0])
        fn, inp = self.fn, self.inp
        self.clock.reset()
        gbmetrics.reset()
        repeat = itertools.repeat(None, loops)
        start = time.perf_counter_ns()
        _gb_count.start()
        for _ in repeat:
            fn(inp)
        _gb_count.stop()
        ns = time.perf_counter_ns() - start
        return "sample %d %d %d 0 %d%s" % (ns, self.clock.collections, self.clock.ns,
                                          self.clock.max_ns, metrics_text(gbmetrics.take(loops)))

    def cmd_alloc(self, args):
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            self.fn(self.inp)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        return "alloc %d" % peak

    def cmd_quit(self, args):
        if self.teardown_fn is not None and self.inp is not None:
            self.teardown_fn(self.inp)
        return "bye"


def one_line(text):
    return " ".join(str(text).split()) or "(no message)"


def serve(commands, out):
    worker = Worker()
    out.write("ready gluebench-worker %d python %s\n"
              % (PROTOCOL_VERSION, sys.version.split()[0]))
    out.flush()
    for line in commands:
        words = line.split()
        if not words:
            continue
        handler = getattr(worker, "cmd_" + words[0], None)
        if handler is None:
            reply = "error unknown command %s" % one_line(words[0])
        else:
            try:
                reply = handler(words[1:])
            except Exception as exc:  # the harness records it; the worker goes on
                reply = "error %s: %s" % (type(exc).__name__, one_line(exc))
        out.write(reply + "\n")
        out.flush()
        if words[0] == "quit":
            return


# The protocol's file descriptor; only the tests' garbage fixture touches it.
PROTOCOL_FD = None


def main():
    global PROTOCOL_FD
    protocol_fd = PROTOCOL_FD = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    out = os.fdopen(protocol_fd, "w", buffering=1)
    serve(sys.stdin, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
