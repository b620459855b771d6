"""iofix: an I/O-bound handler "fixed" with processes, threads, asyncio, or one batched request.

Talk 002 (section 11) lists "ignoring I/O delays and trying to fix latency
with multiprocessing" among the performance traps, and (section 9) says to
reduce the work instead: "make 1 slightly slower query that fetches all
100 items at once".  Here the handler is I/O-bound for real: each request
needs `fanout` values from a backend, a separate process (forked in setup,
stopped in teardown) listening on 127.0.0.1 that answers every query after
a real wait of WAIT_MS, plus PER_KEY_MS for every key after the first (a
batched query is slightly slower, as the talk says).  Every lookup opens a
TCP connection, sends its keys as one line, reads one line of values and
closes, as an HTTP/1.0 client would.

One timed call serves REQUESTS requests one after another (a warm handler
under a steady load); each request's latency is the time from its start to
its answer.  The answer is every request's sum of values, in order.

The variants differ only in how one request's `fanout` lookups are made:
one after another (the baseline), on a process pool started for the
request (the naive fix: fork, pickle, wait, join), on a warm process pool
(pickling only), on a warm thread pool, with asyncio.gather on a warm event
loop, or as one batched query.  Pools have `fanout` workers, so every
concurrent variant overlaps all of a request's waits.

Metrics per call (gbmetrics): lat_p50_ms and lat_p99_ms (nearest rank over
the call's REQUESTS requests: with 6 the p99 is the maximum); pool_cpu_ms,
the CPU time of the pool's worker processes (the built-in cpu_ms counts
this process only); total_cpu_ms, this process's CPU time plus the pool's;
pool_pss_mb, the pool's worker processes' memory (PSS, summed), read at the
end of the call, or for a pool made per request in the last one (that
read's time is taken out of its latency).
The backend's own CPU time is in none of them.
"""

import asyncio
import heapq
import multiprocessing
import os
import resource
import selectors
import socket
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import gbinput
import gbmetrics
from latency import percentile

REQUESTS = 6
WAIT_MS = 2.0
PER_KEY_MS = 0.1
KEY_LIMIT = 1 << 30
# The backend's bounds: it serves loopback only, drops longer lines and
# refuses connections beyond MAX_OPEN.
MAX_LINE = 64 * 1024
MAX_OPEN = 256


def value_of(key):
    """The backend's value for a key (what a row in the database holds)."""
    return (key * 2654435761 + 12345) % 1000003


# --- the backend: a process that answers after a real wait --------------------

class Pending:
    """One open connection to the backend: what it has sent so far."""

    __slots__ = ("sock", "data")

    def __init__(self, sock):
        self.sock = sock
        self.data = b""


def backend_reply(line):
    """The backend's answer to one query line, and how long it waits first."""
    keys = [int(k) for k in line.split()]
    values = b" ".join(b"%d" % value_of(k) for k in keys)
    wait = (WAIT_MS + PER_KEY_MS * max(0, len(keys) - 1)) / 1000.0
    return values + b"\n", wait


def backend_read(sel, conn, due, order):
    """Reads from a connection; once its line is complete, schedules the reply."""
    try:
        data = conn.sock.recv(65536)
    except OSError:
        data = b""
    conn.data += data
    if not data or len(conn.data) > MAX_LINE:
        sel.unregister(conn.sock)
        conn.sock.close()
        return
    if b"\n" not in conn.data:
        return
    sel.unregister(conn.sock)
    reply, wait = backend_reply(conn.data.split(b"\n", 1)[0])
    heapq.heappush(due, (time.monotonic() + wait, next(order), conn.sock, reply))


def backend_send_due(due):
    """Sends every reply whose wait is over; returns the seconds to the next one."""
    now = time.monotonic()
    while due and due[0][0] <= now:
        _, _, sock, reply = heapq.heappop(due)
        try:
            sock.setblocking(True)
            sock.sendall(reply)
        except OSError:
            pass
        sock.close()
    return None if not due else max(0.0, due[0][0] - now)


def backend_main(listener, control, control_w):
    """The backend process: serves queries until the control pipe closes."""
    control_w.close()  # forked with the write end too; only the parent's may keep it open
    # select() takes its timeout in microseconds; epoll (the default) rounds
    # it up to whole milliseconds, which would stretch a 2 ms wait to 3.
    # MAX_OPEN keeps every descriptor far below select()'s limit of 1024.
    sel = selectors.SelectSelector()
    sel.register(listener, selectors.EVENT_READ, "accept")
    sel.register(control, selectors.EVENT_READ, "control")
    due, order = [], iter(range(1 << 62))
    while True:
        for key, _ in sel.select(backend_send_due(due)):
            if key.data == "control":
                return
            if key.data == "accept":
                sock, _ = listener.accept()
                if len(sel.get_map()) - 2 + len(due) >= MAX_OPEN:
                    sock.close()
                    continue
                sock.setblocking(False)
                sel.register(sock, selectors.EVENT_READ, Pending(sock))
            else:
                backend_read(sel, key.data, due, order)


class Backend:
    """The backend process and its address; stop() ends it."""

    def __init__(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        self.address = listener.getsockname()
        stop_r, self.stop_w = multiprocessing.get_context("fork").Pipe(duplex=False)
        self.process = multiprocessing.get_context("fork").Process(
            target=backend_main, args=(listener, stop_r, self.stop_w), daemon=True)
        self.process.start()
        listener.close()
        stop_r.close()

    def stop(self):
        self.stop_w.close()
        self.process.join(5.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


# --- the client side ------------------------------------------------------------

def query(address, keys):
    """One blocking lookup: a connection, one line of keys, one line of values."""
    with socket.create_connection(address) as sock:
        sock.sendall(b" ".join(b"%d" % k for k in keys) + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("backend closed the connection mid-answer")
            data += chunk
    values = [int(v) for v in data.split()]
    if len(values) != len(keys):
        raise ConnectionError("%d values for %d keys" % (len(values), len(keys)))
    return values


def fetch(address, key):
    """One key's value, by one lookup."""
    return query(address, [key])[0]


async def fetch_async(address, key):
    """One key's value, by one lookup on the event loop."""
    reader, writer = await asyncio.open_connection(*address)
    try:
        writer.write(b"%d\n" % key)
        line = await reader.readline()
    finally:
        writer.close()
        await writer.wait_closed()
    return int(line)


class Handler:
    """A warm handler: the requests it will serve, the backend's address,
    and what the variant keeps (a pool, an event loop)."""

    def __init__(self, params, seed):
        rng = gbinput.Rng(seed)
        self.fanout = params["fanout"]
        self.requests = [[rng.below(KEY_LIMIT) for _ in range(self.fanout)]
                         for _ in range(REQUESTS)]
        self.backend = Backend()
        self.address = self.backend.address
        self.executor = None
        self.loop = None
        self.last_pool_pss = 0.0
        self.unclocked_s = 0.0  # time a lookup spent measuring, not serving

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True)
        if self.loop is not None:
            self.loop.close()
        self.backend.stop()


def make_input(params, seed):
    """The handler and its backend process, started here."""
    return Handler(params, seed)


def make_threads(params, seed):
    """The handler and a thread pool of `fanout` threads, all started here."""
    handler = Handler(params, seed)
    handler.executor = ThreadPoolExecutor(max_workers=handler.fanout)
    # A thread starts only when none is idle: jobs that wait for each other
    # at a barrier keep every thread busy, so all of them start now.
    barrier = threading.Barrier(handler.fanout)
    list(handler.executor.map(lambda _: barrier.wait(), range(handler.fanout)))
    return handler


def make_processes(params, seed):
    """The handler and a pool of `fanout` forked processes, all started here."""
    handler = Handler(params, seed)
    handler.executor = ProcessPoolExecutor(max_workers=handler.fanout,
                                           mp_context=multiprocessing.get_context("fork"))
    list(handler.executor.map(abs, range(handler.fanout)))  # forks every worker
    return handler


def make_loop(params, seed):
    """The handler and an event loop kept between calls."""
    handler = Handler(params, seed)
    handler.loop = asyncio.new_event_loop()
    return handler


def close_input(handler):
    handler.close()


# --- pool processes: their CPU time and memory, read from /proc ----------------

def task_cpu_ns(pid):
    """CPU time of every thread of a process, in ns (from /proc/PID/task/*/schedstat)."""
    total = 0
    folder = "/proc/%d/task" % pid
    for tid in os.listdir(folder):
        with open(os.path.join(folder, tid, "schedstat")) as f:
            total += int(f.read().split()[0])
    return total


def pss_mb(pid):
    """A process's proportional set size in MB (Pss in /proc/PID/smaps_rollup):
    its resident memory with every page shared by n processes counted 1/n,
    so that the sum over forked workers does not count shared pages n times."""
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024.0
    raise ValueError("no Pss line for process %d" % pid)


def pool_pids(executor):
    # ProcessPoolExecutor keeps its processes in a private dict by pid; the
    # standard library offers no public way to list them.
    return list(executor._processes)


def children_cpu_ns():
    """CPU time of this process's ended and reaped children, in ns."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return int((usage.ru_utime + usage.ru_stime) * 1e9)


# --- the call: REQUESTS requests, one after another -----------------------------

def serve(handler, lookup):
    """Serves every request with lookup(handler, keys) -> values; records
    the latencies; returns the answer."""
    sums, latencies = [], []
    for keys in handler.requests:
        handler.unclocked_s = 0.0
        start = time.perf_counter()
        sums.append(sum(lookup(handler, keys)))
        latencies.append((time.perf_counter() - start - handler.unclocked_s) * 1000.0)
    gbmetrics.add("lat_p50_ms", percentile(latencies, 50))
    gbmetrics.add("lat_p99_ms", percentile(latencies, 99))
    return " ".join(str(s) for s in sums)


def record_cpu(own_start, pool_ns, pool_pss):
    """The call's CPU metrics: the pool's processes, and this process plus them."""
    own_ns = time.process_time_ns() - own_start
    gbmetrics.add("pool_cpu_ms", pool_ns / 1e6)
    gbmetrics.add("total_cpu_ms", (own_ns + pool_ns) / 1e6)
    gbmetrics.peak("pool_pss_mb", pool_pss)


def no_pool(handler, lookup):
    """serve() for the variants without pool processes."""
    own_start = time.process_time_ns()
    answer = serve(handler, lookup)
    record_cpu(own_start, 0, 0.0)
    return answer


def one_after_another(handler, keys):
    return [fetch(handler.address, k) for k in keys]


def sequential(handler):
    """Baseline: one blocking lookup after another; the waits add up."""
    return no_pool(handler, one_after_another)


def on_fresh_processes(handler, keys):
    # The naive fix: a pool made for the request, as `with Pool() as p:`
    # inside a handler does.  fork copies this process; the arguments and
    # results are pickled through pipes; leaving the block joins the workers.
    with ProcessPoolExecutor(max_workers=len(keys),
                             mp_context=multiprocessing.get_context("fork")) as pool:
        values = list(pool.map(fetch, [handler.address] * len(keys), keys))
        if keys is handler.requests[-1]:  # the pool's memory, once per call, off the clock
            start = time.perf_counter()
            handler.last_pool_pss = sum(pss_mb(pid) for pid in pool_pids(pool))
            handler.unclocked_s = time.perf_counter() - start
    return values


def process_pool_cold(handler):
    """multiprocessing as the fix: a process pool started for every request
    (fork, pickling, join), one process per lookup."""
    own_start, before = time.process_time_ns(), children_cpu_ns()
    answer = serve(handler, on_fresh_processes)
    record_cpu(own_start, children_cpu_ns() - before, handler.last_pool_pss)
    return answer


def on_pool(handler, keys):
    return list(handler.executor.map(fetch, [handler.address] * len(keys), keys))


def process_pool(handler):
    """A warm process pool of `fanout` processes: no start-up, but every
    lookup's arguments and value are pickled between processes."""
    pids = pool_pids(handler.executor)
    own_start, before = time.process_time_ns(), sum(task_cpu_ns(pid) for pid in pids)
    answer = serve(handler, on_pool)
    pool_ns = sum(task_cpu_ns(pid) for pid in pids) - before
    record_cpu(own_start, pool_ns, sum(pss_mb(pid) for pid in pids))
    return answer


def thread_pool(handler):
    """A warm thread pool of `fanout` threads: the waits overlap, since a
    thread blocked on a socket releases the GIL."""
    return no_pool(handler, on_pool)


async def gather_lookups(address, keys):
    return await asyncio.gather(*(fetch_async(address, k) for k in keys))


def on_loop(handler, keys):
    return handler.loop.run_until_complete(gather_lookups(handler.address, keys))


def asyncio_gather(handler):
    """asyncio: the request's lookups as tasks under asyncio.gather on one thread."""
    return no_pool(handler, on_loop)


def in_one_query(handler, keys):
    return query(handler.address, keys)


def batched(handler):
    """Reduce the work: one query for all the request's keys, one wait."""
    return no_pool(handler, in_one_query)
