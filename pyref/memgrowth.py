"""memgrowth: memory rising and latency spiking -- a leak, or GC thrashing?

Talk 002, the Forge's scenario 3: CPU at 5 %, memory rising by 100 MB an
hour, random latency spikes before the crash.  Is it a speed issue, a memory
leak or garbage-collection thrashing, and what do you measure to tell?  Here
one handler shows each cause and its remedy, and the measurements that tell
them apart.

One call is a window of a long-running server's life: `requests` requests
served one after another (the handler's state lives on between calls, as a
process lives on between requests).  Every request is parsed into a dict
(about 1 KB of objects) and answered with a short line of bytes.  The answer
is a CRC-32 over the window's responses, the same in every variant: the
variants differ only in what they keep.

  healthy        keeps nothing.
  leak           keeps every parsed request in a module-level dict keyed by
                 request id, and never deletes it.
  leak_fixed     keeps the in-flight request in the same dict and deletes it
                 when the response is sent (release the reference).
  thrash         a resident heap (a catalogue of CATALOGUE items, two GC-tracked
                 objects each, loaded in setup) and per request a session of
                 EVENTS events pointing back at it (a reference cycle), kept
                 for the last RECENT requests and then dropped.  The sessions
                 live long enough to reach the oldest generation, so they keep
                 triggering full collections; each one walks the whole
                 catalogue and frees the dead sessions' cycles.
  thrash_frozen  the same, with gc.freeze() once the catalogue is loaded: full
                 collections no longer walk it (the dead cycles remain).
  thrash_fixed   gc.freeze() too, and an expired session's cycle is broken
                 (its events list dropped), so refcounting frees it at once.

Measured per window, as gbmetrics (see the manifest for the names):
- RSS, read from /proc/self/statm every CHECKPOINT requests inside the timed
  call (an open and a read, about the cost of two requests), and its least
  squares slope in KB per 1000 requests;
- live traced memory and the top allocation site's growth, from one untimed
  window in setup under tracemalloc (which slows Python code severalfold, so
  it never runs in a timed call), with a full collection before each reading
  so that only reachable objects count; the timed call re-reports them;
- gen-2 (full) collections, from the module's own gc callback: the longest
  pause, how many per 1000 requests, and their share of the window's time;
- request latency: median, 99th percentile, maximum, and the share of the
  slowest request's time spent in gen-2 collections.

diagnose() turns those into a cause.  Live memory growing is a leak (RSS
follows); RSS growing while live memory stays flat is fragmentation, or
memory tracemalloc cannot see (a C library's own mallocs); flat memory, with
full collections busy and making the slowest request, is GC thrashing.
There is no fragmentation variant: a handler whose few long-lived objects pin
pymalloc arenas keeps RSS at its high-water mark, but in a steady workload
the freed pools are reused, so RSS stops rising; on this machine the healthy
handler's RSS rose as much (malloc and pymalloc high-water marks), so such a
variant would not have shown its cause.
"""

import gc
import os
import time
import tracemalloc
import zlib
from collections import deque

import gbmetrics

MASK64 = (1 << 64) - 1
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
CHECKPOINT = 50          # requests between two RSS readings
TRACE_POINTS = 8         # live-memory readings in the traced setup window
CATALOGUE = 150_000      # items in the thrashing handler's resident heap
EVENTS = 50              # events per session
RECENT = 256             # sessions kept for retries (long enough to reach gen 2)
USERS = 5000

# diagnose(): the thresholds, and why.
GROWTH_KB_PER_1K = 100.0  # 100 bytes a request: 100 MB an hour at ~280 requests/s
GC_SHARE = 0.10           # full collections take a tenth of the window's time
SPIKE_SHARE = 0.5         # ... and make at least half of the slowest request

_SEEN = {}  # leak and leak_fixed: requests by id (the leak never deletes)


# --- measurement helpers --------------------------------------------------

def rss_kb():
    """Resident set size of this process in KB (/proc/self/statm, 2nd field)."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * PAGE_KB


def slope(points):
    """Least squares slope of y on x for [(x, y), ...]; 0.0 with fewer than 2 x's."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in points) / sxx


def percentile(values, pct):
    """Nearest-rank percentile (the smallest value with pct % at or below it)."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = -(-len(ordered) * pct // 100)  # ceil without floats
    return ordered[max(1, min(len(ordered), int(rank))) - 1]


class Gen2Clock:
    """gc callback: every gen-2 (full) collection's pause, in ns."""

    def __init__(self):
        self.pauses = []
        self.total_ns = 0
        self._start = 0

    def __call__(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter_ns()
        else:
            pause = time.perf_counter_ns() - self._start
            self.pauses.append(pause)
            self.total_ns += pause


def diagnose(metrics):
    """The cause a window's metrics point to: "leak", "fragmentation",
    "gc thrashing" or "healthy".

    Uses traced_kb_per_1k and rss_kb_per_1k (KB per 1000 requests),
    gc2_max_ms, req_p50_ms and spike_gc_share.  Live (traced) memory growing
    is a leak whatever RSS does (freed memory may absorb it for a while).
    RSS growing while live memory does not is fragmentation: memory freed
    but not returned to the system (tracemalloc cannot see a C library's
    own mallocs either, which looks the same).  Memory flat, and gen-2 pauses
    that last many typical requests and make most of the slowest one: GC
    thrashing."""
    if metrics["traced_kb_per_1k"] >= GROWTH_KB_PER_1K:
        return "leak"
    if metrics["rss_kb_per_1k"] >= GROWTH_KB_PER_1K:
        return "fragmentation"
    if metrics["gc2_share"] >= GC_SHARE and metrics["spike_gc_share"] >= SPIKE_SHARE:
        return "gc thrashing"
    return "healthy"


# --- the workload ---------------------------------------------------------

def mix(seed, rid):
    """64 pseudo-random bits for request rid (splitmix64's finaliser)."""
    z = (seed + (rid + 1) * 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def parse_request(seed, rid):
    """The request as the handler sees it once parsed (about 1 KB of objects)."""
    h = mix(seed, rid)
    return {
        "id": rid,
        "user": "user%05d" % (h % USERS),
        "item": (h >> 16) % CATALOGUE,
        "qty": 1 + (h >> 40) % 7,
        "headers": {"accept": "application/json", "x-trace": "%016x" % h},
        "body": b"q" * (200 + (h >> 48) % 400),
    }


def item_price(item):
    """An item's price in cents, as the catalogue stores it."""
    return 100 + (item * 2654435761) % 90000


def respond(req, price):
    return b"%d %s %d %d" % (req["id"], req["user"].encode(), req["qty"] * price,
                             len(req["body"]))


class Server:
    """One worker's state between calls: request ids, clocks and what the
    variant keeps."""

    def __init__(self, params, seed):
        self.seed = seed
        self.requests = params["requests"]
        self.next_id = 0
        self.gen2 = Gen2Clock()
        self.catalogue = None     # thrash: the resident heap
        self.recent = deque(maxlen=RECENT)  # thrash: sessions kept for retries
        self.frozen = False
        self.traced_kb_per_1k = 0.0
        self.top_site = "(none)"
        self.top_site_kb_per_1k = 0.0


# --- one request per variant ------------------------------------------------

def handle_healthy(server, rid, pos):
    return answer(server, parse_request(server.seed, rid), rid, pos)


def handle_leak(server, rid, pos):
    req = parse_request(server.seed, rid)
    _SEEN[rid] = req  # kept "for auditing", never deleted
    return answer(server, req, rid, pos)


def handle_leak_fixed(server, rid, pos):
    req = parse_request(server.seed, rid)
    _SEEN[rid] = req
    try:
        return answer(server, req, rid, pos)
    finally:
        del _SEEN[rid]


def answer(server, req, rid, pos):
    """The response to a parsed request (the price from item_price)."""
    return respond(req, item_price(req["item"]))


class Item:
    __slots__ = ("price", "tags")


class Session:
    __slots__ = ("rid", "events")


class Event:
    __slots__ = ("session", "seq")


def open_session(rid):
    """A session whose events point back at it: a reference cycle."""
    session = Session()
    session.rid = rid
    session.events = []
    for seq in range(EVENTS):
        event = Event()
        event.session = session
        event.seq = seq
        session.events.append(event)
    return session


def handle_thrash(server, rid, pos):
    req = parse_request(server.seed, rid)
    server.recent.append(open_session(rid))
    return respond(req, server.catalogue[req["item"]].price)


def handle_thrash_fixed(server, rid, pos):
    req = parse_request(server.seed, rid)
    if len(server.recent) == RECENT:
        server.recent.popleft().events = None  # break the cycle: refcounting frees it
    server.recent.append(open_session(rid))
    return respond(req, server.catalogue[req["item"]].price)


# --- the window and its metrics ---------------------------------------------

def serve_window(server, handle):
    """Serves one window of requests; records its metrics; returns the CRC-32
    of the responses."""
    clock = server.gen2
    count = server.requests
    latency = [0] * count
    in_gc2 = [0] * count
    rss = []
    first_pause = len(clock.pauses)
    window_start = time.perf_counter_ns()
    digest = 0
    for pos in range(count):
        rid = server.next_id
        server.next_id = rid + 1
        gc_before = clock.total_ns
        start = time.perf_counter_ns()
        response = handle(server, rid, pos)
        latency[pos] = time.perf_counter_ns() - start
        in_gc2[pos] = clock.total_ns - gc_before
        digest = zlib.crc32(response, digest)
        if pos % CHECKPOINT == CHECKPOINT - 1:
            rss.append((pos + 1, rss_kb()))
    window_ns = time.perf_counter_ns() - window_start
    record_window(server, latency, in_gc2, rss, clock.pauses[first_pause:], window_ns)
    return digest


def window_metrics(server, latency, in_gc2, rss, pauses, window_ns):
    """The window's metrics as a dict (see the module docstring)."""
    count = server.requests
    slowest = max(range(len(latency)), key=latency.__getitem__)
    return {
        "rss_kb_per_1k": 1000.0 * slope(rss),
        "rss_end_mb": max(kb for _, kb in rss) / 1024.0 if rss else 0.0,
        "traced_kb_per_1k": server.traced_kb_per_1k,
        "top_site_kb_per_1k": server.top_site_kb_per_1k,
        "gc2_max_ms": max(pauses) / 1e6 if pauses else 0.0,
        "gc2_per_1k": 1000.0 * len(pauses) / count,
        "gc2_share": sum(pauses) / window_ns,
        "req_p50_ms": percentile(latency, 50) / 1e6,
        "req_p99_ms": percentile(latency, 99) / 1e6,
        "req_max_ms": latency[slowest] / 1e6,
        "spike_gc_share": in_gc2[slowest] / latency[slowest] if latency[slowest] else 0.0,
    }


PEAK_METRICS = ("rss_end_mb", "gc2_max_ms", "req_max_ms")


def record_window(server, latency, in_gc2, rss, pauses, window_ns):
    metrics = window_metrics(server, latency, in_gc2, rss, pauses, window_ns)
    server.last_metrics = metrics
    for name, value in metrics.items():
        if name in PEAK_METRICS:
            gbmetrics.peak(name, value)
        else:
            gbmetrics.add(name, value)


def traced_window(server, handle):
    """Untimed: RECENT warm-up requests, then one window, under tracemalloc.
    Live memory is read after a full collection TRACE_POINTS times; its
    slope and the top allocation site's growth over the window (by line)
    are kept on the server for the timed calls."""
    count = server.requests
    every = max(1, count // TRACE_POINTS)
    points = []
    tracemalloc.start()
    try:
        for pos in range(RECENT):  # warm up: the sessions kept for retries, traced
            handle(server, server.next_id, pos)
            server.next_id += 1
        gc.collect()
        before = tracemalloc.take_snapshot()
        for pos in range(count):
            handle(server, server.next_id, pos)
            server.next_id += 1
            if pos % every == every - 1:
                gc.collect()
                points.append((pos + 1, tracemalloc.get_traced_memory()[0] / 1024.0))
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    server.traced_kb_per_1k = 1000.0 * slope(points)
    top = after.compare_to(before, "lineno")
    if top:
        frame = top[0].traceback[0]
        server.top_site = "%s:%d" % (os.path.basename(frame.filename), frame.lineno)
        server.top_site_kb_per_1k = top[0].size_diff / 1024.0 * 1000.0 / count


# --- setup and teardown -------------------------------------------------------

def load_catalogue(server):
    """The resident heap: CATALOGUE items, each an object and a list."""
    items = []
    for i in range(CATALOGUE):
        item = Item()
        item.price = item_price(i)
        item.tags = ["sku%d" % i]
        items.append(item)
    server.catalogue = items


def start(params, seed, handle, catalogue=False, freeze=False):
    """A server after setup: the catalogue if asked (then gc.freeze() if
    asked), the gen-2 clock attached, and the traced window served."""
    server = Server(params, seed)
    if catalogue:
        load_catalogue(server)
    if freeze:
        gc.collect()
        gc.freeze()
        server.frozen = True
    gc.callbacks.append(server.gen2)
    traced_window(server, handle)
    return server


def make_input(params, seed):
    return start(params, seed, handle_healthy)


def make_leak(params, seed):
    return start(params, seed, handle_leak)


def make_leak_fixed(params, seed):
    return start(params, seed, handle_leak_fixed)


def make_thrash(params, seed):
    return start(params, seed, handle_thrash, catalogue=True)


def make_thrash_frozen(params, seed):
    return start(params, seed, handle_thrash, catalogue=True, freeze=True)


def make_thrash_fixed(params, seed):
    return start(params, seed, handle_thrash_fixed, catalogue=True, freeze=True)


def close(server):
    """Teardown: detaches the gc callback, undoes gc.freeze, forgets the leak."""
    if server.gen2 in gc.callbacks:
        gc.callbacks.remove(server.gen2)
    if server.frozen:
        gc.unfreeze()
        server.frozen = False
    _SEEN.clear()


# --- the variants ---------------------------------------------------------------

def healthy(server):
    """The healthy handler: nothing outlives its request."""
    return serve_window(server, handle_healthy)


def leak(server):
    """A real leak: every request kept in a module-level dict keyed by request id."""
    return serve_window(server, handle_leak)


def leak_fixed(server):
    """Remedy for the leak: release the reference (delete the entry in `finally`)."""
    return serve_window(server, handle_leak_fixed)


def thrash(server):
    """GC thrashing: a large resident heap plus medium-lived cyclic sessions,
    so full collections keep walking the resident heap."""
    return serve_window(server, handle_thrash)


def thrash_frozen(server):
    """Remedy for thrashing: gc.freeze() after loading the resident heap, so
    full collections skip it."""
    return serve_window(server, handle_thrash)


def thrash_fixed(server):
    """Remedy for thrashing in full: gc.freeze() for the resident heap, and
    each expired session's cycle broken, so refcounting frees it."""
    return serve_window(server, handle_thrash_fixed)
