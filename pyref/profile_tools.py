"""profile: the tools -- cProfile's numbers, a sampling profiler written
here, and a pure function that names a slow line's cause.

A profiler tells where the time goes; the talk (002, section 8) asks the
next questions: is the algorithm bad, is a cheap call made 10,000 times
unnecessarily, or is the code waiting on I/O?  Three measured signals
answer them:

  cpu_share    process CPU time over wall time: near 1 when the handler
               computes, near 0 when it waits
  top_calls    how many times the function with the most self time was
               called in one request (cProfile counts every call)
  exponent     how time grows with the input: t(n) / t(n / 4) = 4**exponent
               (1 for linear work, 2 for an O(n^2) algorithm, 0 for a wait
               that does not depend on n)

name_cause() turns them into one of "waiting on I/O", "algorithm",
"call count" -- or "undecided" when they do not point anywhere.
"""

import cProfile
import dis
import math
import signal
import time

WAITING = "waiting on I/O"
ALGORITHM = "algorithm"
CALL_COUNT = "call count"
UNDECIDED = "undecided"
CAUSES = (ALGORITHM, CALL_COUNT, WAITING, UNDECIDED)

# Below half a CPU per wall second, the line mostly waits.
WAITING_BELOW = 0.5
# Halfway (in log scale) between linear and quadratic growth.
SUPERLINEAR_FROM = 1.5
# A function called this often in one request is a call-count suspect.
MANY_CALLS = 1000


def name_cause(cpu_share, top_calls, exponent=None):
    """The cause of a slow handler from its measured signals, asked in the
    order that cannot be fooled: a waiting line burns no CPU whatever its
    calls or growth; growth faster than n is the algorithm even when it
    also makes many calls (the calls multiply because of it); a cheap
    function called thousands of times in linear work is the call count.
    exponent None means not measured: then "algorithm" is never named."""
    if cpu_share < WAITING_BELOW:
        return WAITING
    if exponent is not None and exponent >= SUPERLINEAR_FROM:
        return ALGORITHM
    if top_calls >= MANY_CALLS:
        return CALL_COUNT
    return UNDECIDED


def growth_exponent(t_small, t_large, ratio):
    """The exponent k with t_large / t_small = ratio**k."""
    if t_small <= 0 or t_large <= 0:
        raise ValueError("times must be positive")
    return math.log(t_large / t_small) / math.log(ratio)


# cProfile ---------------------------------------------------------------------

def entry_name(code):
    """A profile entry's function name: code objects by name, builtins as
    cProfile prints them ("<built-in method ...>")."""
    return code if isinstance(code, str) else code.co_name


def under_cprofile(fn, arg):
    """fn(arg) under cProfile; returns (result, entries), the entries being
    the profiler's raw stats (cheap to read: no pstats)."""
    prof = cProfile.Profile()
    prof.enable()
    try:
        result = fn(arg)
    finally:
        prof.disable()
    entries = [e for e in prof.getstats() if not entry_name(e.code).startswith("<method 'disable'")]
    return result, entries


def summarize(entries):
    """What a cProfile listing sorted by self time says in its top line:
    {"top": name, "top_calls": its call count, "top_self_share": its self
    time over all self time, "calls_total": every call recorded}."""
    total = sum(e.inlinetime for e in entries)
    top = max(entries, key=lambda e: e.inlinetime)
    return {"top": entry_name(top.code), "top_calls": top.callcount,
            "top_self_share": top.inlinetime / total if total > 0 else 0.0,
            "calls_total": sum(e.callcount for e in entries)}


# A sampling profiler ----------------------------------------------------------

class LineSampler:
    """A wall-clock sampling profiler for one function, stdlib only.

    A timer signal (setitimer ITIMER_REAL, SIGALRM) interrupts the main
    thread every `interval` seconds; the handler is given the frame that
    was running, walks out to the watched function's frame and charges
    that line the wall time and the process CPU time since the previous
    sample.  Charging time rather than counting samples keeps the shares
    right when a sample arrives late (the interpreter runs Python signal
    handlers between bytecodes, so a long C call delays it).  Time spent
    outside the watched function is charged to line 0.

    The interpreter checks for signals at calls and at the backward jump
    that closes a loop; that jump belongs to no line (f_lineno is None), so
    a sample taken there is charged to the loop's first line, the jump's
    target.  A signal-driven sampler cannot see which statement inside a
    loop body without calls is slow, only which loop.

    The signal must reach the watched thread: other threads should block
    SIGALRM (see profile_handlers.PriceService).  Main thread only.
    """

    def __init__(self, code, interval=0.001):
        self.code = code
        self.interval = interval
        self.wall = {}
        self.cpu = {}
        self.samples = 0
        self._last = None
        self._old = None
        self._loop_lines = loop_lines(code)

    def _charge(self, frame):
        now = time.perf_counter(), time.process_time()
        while frame is not None and frame.f_code is not self.code:
            frame = frame.f_back
        line = 0
        if frame is not None:
            line = frame.f_lineno or self._loop_lines.get(frame.f_lasti, -1)
        self.wall[line] = self.wall.get(line, 0.0) + now[0] - self._last[0]
        self.cpu[line] = self.cpu.get(line, 0.0) + now[1] - self._last[1]
        self._last = now

    def _on_signal(self, signum, frame):
        self.samples += 1
        self._charge(frame)

    def __enter__(self):
        self._last = time.perf_counter(), time.process_time()
        self._old = signal.signal(signal.SIGALRM, self._on_signal)
        signal.setitimer(signal.ITIMER_REAL, self.interval, self.interval)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._old)
        self._charge(None)  # the tail after the last sample
        return False

    def hot_line(self):
        """(line, its share of the wall time, its CPU over wall) for the
        watched function's line with the most wall time."""
        total = sum(self.wall.values())
        inside = {line: t for line, t in self.wall.items() if line != 0}
        if not inside or total <= 0:
            return 0, 0.0, 0.0
        line = max(inside, key=inside.get)
        wall = self.wall[line]
        return line, wall / total, self.cpu[line] / wall if wall > 0 else 0.0


def loop_lines(code):
    """{offset of a line-less backward jump: the line it jumps to}."""
    starts = {}
    current = None
    for ins in dis.get_instructions(code):
        if ins.starts_line is not None:
            current = ins.starts_line
        starts[ins.offset] = current
    return {ins.offset: starts.get(ins.argval, -1) for ins in dis.get_instructions(code)
            if ins.opname.startswith("JUMP_BACKWARD")}


def sample(fn, arg, interval=0.001):
    """fn(arg) under a LineSampler watching fn; returns (result, sampler)."""
    with LineSampler(fn.__code__, interval) as sampler:
        result = fn(arg)
    return result, sampler


# Timing ------------------------------------------------------------------------

def runqueue_wait():
    """Seconds this thread has spent runnable but waiting for a CPU, from
    Linux's /proc/thread-self/schedstat; 0.0 where that is unavailable.
    Waiting for a CPU (other processes running) is not waiting on I/O, and
    on a busy machine it can halve a computing handler's CPU share."""
    try:
        with open("/proc/thread-self/schedstat") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def timed(fn, arg):
    """(result, wall seconds, process CPU seconds, run-queue seconds) of
    one fn(arg)."""
    queued = runqueue_wait()
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(arg)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return result, wall, cpu, runqueue_wait() - queued


def fastest(fn, arg, budget):
    """timed(fn, arg) repeated until `budget` seconds have passed (at least
    once); the fastest run.  A single short run is at the mercy of one
    interrupt; the fastest of several is the handler's own time."""
    best = timed(fn, arg)
    spent = best[1]
    while spent < budget:
        run = timed(fn, arg)
        spent += run[1]
        if run[1] < best[1]:
            best = run
    return best


def cpu_share(wall, cpu, queued):
    """CPU time over the wall time the thread could have run (wall time
    minus the time it waited for a CPU)."""
    return cpu / max(wall - queued, 1e-9)
