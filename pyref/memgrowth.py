"""memgrowth: memory rising, latency spiking -- a leak, GC thrashing or fragmentation?

Talk 002, the Forge's scenario 3: CPU at 5 %, memory rising by 100 MB an
hour, random latency spikes before the crash.  Is it a speed issue, a memory
leak or garbage-collection thrashing, and what do you measure to tell?  Here
one handler shows each cause and its remedy, and the measurements that tell
them apart.

One call is a window of a long-running server's life: `requests` requests
served one after another (the handler's state lives on between calls, as a
process lives on between requests).  Every request is parsed into a dict
(about 1 KB of objects) and answered with a short line of bytes, except
REPORTS reports spread over the window: the k-th sums k * report_size()
computed floats, about REPORT_FLOATS per request of the window (reports
over the day so far grow through the day).  The answer is a CRC-32 over
the window's responses, the same in every variant: the variants differ
only in what they keep and how a report holds its
values.

  healthy        keeps nothing; a report adds its values as it computes them.
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
  frag           a report builds its values as tuples of fresh floats and keeps
                 one float of every PIN_ROWS rows for a "latest values" widget:
                 a few dozen small objects, each holding a pymalloc arena of
                 the report's otherwise freed floats.
  frag_fixed     the same widget; the report is written into one float buffer
                 that every report reuses (reuse objects).

Measured per window, as gbmetrics (see the manifest for the names):
- RSS, read from /proc/self/statm every CHECKPOINT requests inside the timed
  call (an open and a read, about the cost of two requests), and its least
  squares slope in KB per 1000 requests;
- pymalloc's arenas at the end of the window (sys._debugmallocstats, about a
  millisecond): their size and the share of it in live blocks;
- live traced memory and the top allocation site's growth, from one untimed
  window in setup under tracemalloc (which slows Python code severalfold, so
  it never runs in a timed call), with a full collection before each reading
  so that only reachable objects count; the timed call re-reports them;
- gen-2 (full) collections, from the module's own gc callback: the longest
  pause, how many per 1000 requests, and their share of the window's time;
- latency of the item requests (reports are another endpoint, slow by
  design): median, 99th percentile, maximum, and the share of the slowest
  one's time spent in gen-2 collections.

diagnose() turns those into a cause (see its docstring).  Fragmentation does
not make RSS climb for ever: in a steady workload the freed pools are reused,
so RSS rises to the high-water mark of the largest report and stays there,
with the arenas mostly empty.  That emptiness, not a slope, is its signature.
"""

import gc
import os
import sys
import tempfile
import time
import tracemalloc
import zlib
from array import array
from collections import deque

import gbmetrics

MASK64 = (1 << 64) - 1
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
CHECKPOINT = 50          # requests between two RSS readings
TRACE_POINTS = 8         # live-memory readings in the traced setup window
REPORTS = 4              # reports per window, evenly spaced from position 0
REPORT_FLOATS = 12       # report_size(): floats per request of the window
ROW_WIDTH = 32           # floats per row (a tuple of 32 is a small object)
PIN_ROWS = 128           # frag's widget keeps one float of every 128 rows (4096 floats)
CATALOGUE = 150_000      # items in the thrashing handler's resident heap
EVENTS = 50              # events per session
RECENT = 256             # sessions kept for retries (long enough to reach gen 2)
USERS = 5000

# diagnose(): the thresholds, and why.
GROWTH_KB_PER_1K = 100.0  # 100 bytes a request: 100 MB an hour at ~280 requests/s
ARENA_USE_MIN = 0.5       # under half of pymalloc's arena bytes in live blocks
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


def parse_mallocstats(text):
    """{"arena_bytes", "used_bytes"} from sys._debugmallocstats() output: the
    first "Total" (the bytes of all arenas) and "bytes in allocated blocks";
    None when they are missing (no output while tracemalloc is tracing:
    pymalloc is then behind its hooks)."""
    arena = used = None
    for line in text.splitlines():
        name, _, value = line.partition("=")
        name = name.strip()
        if name == "# bytes in allocated blocks":
            used = int(value.replace(",", ""))
        elif name == "Total" and arena is None:
            arena = int(value.replace(",", ""))
    if arena is None or used is None:
        return None
    return {"arena_bytes": arena, "used_bytes": used}


def pymalloc_stats(scratch):
    """pymalloc's arenas now, or None (see parse_mallocstats).
    sys._debugmallocstats() writes to the C stderr, so file descriptor 2 is
    pointed at the scratch file while it runs."""
    sys.stderr.flush()
    scratch.seek(0)
    scratch.truncate()
    saved = os.dup(2)
    try:
        os.dup2(scratch.fileno(), 2)
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    scratch.seek(0)
    return parse_mallocstats(scratch.read().decode("ascii", "replace"))


def diagnose(metrics):
    """The cause a window's metrics point to: "leak", "fragmentation",
    "gc thrashing" or "healthy".  In order:

    1. live (traced) memory grows: a leak, whatever RSS does (free memory
       may absorb it for a while);
    2. pymalloc's arenas are mostly empty (arena_use below ARENA_USE_MIN):
       fragmentation, memory freed but held for a few live objects;
    3. full collections take GC_SHARE of the time and make most of the
       slowest request: GC thrashing (its RSS saws up and down as dead
       cycles pile up and are freed, so it is judged before RSS);
    4. RSS grows while live memory does not: fragmentation too (or memory
       tracemalloc cannot see, such as a C library's own mallocs);
    5. otherwise healthy."""
    if metrics["traced_kb_per_1k"] >= GROWTH_KB_PER_1K:
        return "leak"
    if metrics["arena_use"] < ARENA_USE_MIN:
        return "fragmentation"
    if metrics["gc2_share"] >= GC_SHARE and metrics["spike_gc_share"] >= SPIKE_SHARE:
        return "gc thrashing"
    if metrics["rss_kb_per_1k"] >= GROWTH_KB_PER_1K:
        return "fragmentation"
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


def report_size(count):
    """The first report's floats in a window of count requests: about
    REPORT_FLOATS per request, whole rows."""
    return ROW_WIDTH * max(1, REPORT_FLOATS * count // ROW_WIDTH)


def report_rows(pos, count):
    """How many floats the report at position pos of a window of count
    requests sums: k * report_size(count) for the k-th of REPORTS evenly
    spaced from position 0; 0 when pos is not a report."""
    every = max(1, count // REPORTS)
    if pos % every or pos // every >= REPORTS:
        return 0
    return (pos // every + 1) * report_size(count)


def report_value(rid, i):
    return ((rid + i) * 2654435761 % 1000003) / 1000.0


def make_rows(rid, n):
    """The report's n values as fresh floats in tuples of ROW_WIDTH (small
    objects all, so that all of it lives in pymalloc's arenas)."""
    return [tuple([report_value(rid, i) for i in range(start, start + ROW_WIDTH)])
            for start in range(0, n, ROW_WIDTH)]


def sum_rows(rows):
    total = 0.0
    for row in rows:
        for value in row:
            total += value
    return total


def report_response(rid, n, total):
    return b"report %d rows %d sum %r" % (rid, n, total)


def report_plain(server, rid, n):
    """Sums the values as they are computed: one float alive at a time."""
    total = 0.0
    for i in range(n):
        total += report_value(rid, i)
    return report_response(rid, n, total)


def report_pinning(server, rid, n):
    """Builds the report as rows of fresh floats, sums them, and keeps one
    float of every PIN_ROWS rows for the widget: references into the
    report's arenas, which stay allocated for their sake."""
    rows = make_rows(rid, n)
    server.widget = [row[-1] for row in rows[PIN_ROWS - 1::PIN_ROWS]]
    return report_response(rid, n, sum_rows(rows))


def report_reusing(server, rid, n):
    """The same sum and widget, computed in one float buffer reused by every
    report; the widget's floats are made after the report, from the buffer."""
    buf = server.buffer
    for i in range(n):
        buf[i] = report_value(rid, i)
    stride = PIN_ROWS * ROW_WIDTH
    server.widget = [buf[i] for i in range(stride - 1, n, stride)]
    total = 0.0
    for i in range(n):
        total += buf[i]
    return report_response(rid, n, total)


class Server:
    """One worker's state between calls: request ids, clocks, the window's
    measurement arrays (arrays, not lists of ints, so that the measuring
    itself leaves no small objects behind in pymalloc's arenas) and what
    the variant keeps."""

    def __init__(self, params, seed):
        self.seed = seed
        self.requests = params["requests"]
        self.next_id = 0
        self.gen2 = Gen2Clock()
        self.latency = array("q", bytes(8 * self.requests))
        self.in_gc2 = array("q", bytes(8 * self.requests))
        self.rss = array("q", bytes(8 * (self.requests // CHECKPOINT)))
        self.stats_file = tempfile.TemporaryFile()
        self.catalogue = None     # thrash: the resident heap
        self.recent = deque(maxlen=RECENT)  # thrash: sessions kept for retries
        self.frozen = False
        self.widget = []          # frag: the latest report's sample values
        self.buffer = None        # frag_fixed: the reused report buffer
        self.traced_kb_per_1k = 0.0
        self.top_site = "(none)"
        self.top_site_kb_per_1k = 0.0
        self.last_metrics = {}


# --- one request per variant ------------------------------------------------

def answer(server, req, rid, pos, report, price):
    """The response: the report if pos is a report's position, else the
    item's line at `price`."""
    n = report_rows(pos, server.requests)
    if n:
        return report(server, rid, n)
    return respond(req, price)


def handle_healthy(server, rid, pos):
    req = parse_request(server.seed, rid)
    return answer(server, req, rid, pos, report_plain, item_price(req["item"]))


def handle_leak(server, rid, pos):
    req = parse_request(server.seed, rid)
    _SEEN[rid] = req  # kept "for auditing", never deleted
    return answer(server, req, rid, pos, report_plain, item_price(req["item"]))


def handle_leak_fixed(server, rid, pos):
    req = parse_request(server.seed, rid)
    _SEEN[rid] = req
    try:
        return answer(server, req, rid, pos, report_plain, item_price(req["item"]))
    finally:
        del _SEEN[rid]


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
    price = server.catalogue[req["item"]].price
    return answer(server, req, rid, pos, report_plain, price)


def handle_thrash_fixed(server, rid, pos):
    req = parse_request(server.seed, rid)
    if len(server.recent) == RECENT:
        server.recent.popleft().events = None  # break the cycle: refcounting frees it
    server.recent.append(open_session(rid))
    price = server.catalogue[req["item"]].price
    return answer(server, req, rid, pos, report_plain, price)


def handle_frag(server, rid, pos):
    req = parse_request(server.seed, rid)
    return answer(server, req, rid, pos, report_pinning, item_price(req["item"]))


def handle_frag_fixed(server, rid, pos):
    req = parse_request(server.seed, rid)
    return answer(server, req, rid, pos, report_reusing, item_price(req["item"]))


# --- the window and its metrics ---------------------------------------------

def serve_window(server, handle):
    """Serves one window of requests; records its metrics; returns the CRC-32
    of the responses."""
    clock = server.gen2
    count = server.requests
    latency, in_gc2, rss = server.latency, server.in_gc2, server.rss
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
            rss[pos // CHECKPOINT] = rss_kb()
    window_ns = time.perf_counter_ns() - window_start
    arenas = pymalloc_stats(server.stats_file)
    record_window(server, clock.pauses[first_pause:], window_ns, arenas)
    return digest


def item_requests(server):
    """Window positions of the item endpoint's requests (reports are another
    endpoint, slow by design; the latency metrics are the item endpoint's)."""
    return [pos for pos in range(server.requests) if not report_rows(pos, server.requests)]


def window_metrics(server, pauses, window_ns, arenas):
    """The window's metrics as a dict (see the module docstring)."""
    count = server.requests
    items = item_requests(server)
    latency = [server.latency[pos] for pos in items]
    slowest = max(items, key=server.latency.__getitem__)
    worst = server.latency[slowest]
    rss = [((i + 1) * CHECKPOINT, kb) for i, kb in enumerate(server.rss)]
    metrics = {
        "rss_kb_per_1k": 1000.0 * slope(rss),
        "rss_end_mb": max(server.rss) / 1024.0 if rss else 0.0,
        "traced_kb_per_1k": server.traced_kb_per_1k,
        "top_site_kb_per_1k": server.top_site_kb_per_1k,
        "gc2_max_ms": max(pauses) / 1e6 if pauses else 0.0,
        "gc2_per_1k": 1000.0 * len(pauses) / count,
        "gc2_share": sum(pauses) / window_ns,
        "req_p50_ms": percentile(latency, 50) / 1e6,
        "req_p99_ms": percentile(latency, 99) / 1e6,
        "req_max_ms": worst / 1e6,
        "spike_gc_share": server.in_gc2[slowest] / worst if worst else 0.0,
    }
    if arenas is not None:
        metrics["arena_mb"] = arenas["arena_bytes"] / 2**20
        metrics["arena_use"] = arenas["used_bytes"] / arenas["arena_bytes"]
    return metrics


PEAK_METRICS = ("rss_end_mb", "arena_mb", "gc2_max_ms", "req_max_ms")


# diagnose()'s answers as metrics: each the share of windows that name it,
# so the report's metrics table is the diagnosis table.
DIAGNOSIS_METRICS = {"leak": "says_leak", "gc thrashing": "says_thrashing",
                     "fragmentation": "says_fragmentation", "healthy": "says_healthy"}


def record_window(server, pauses, window_ns, arenas):
    metrics = window_metrics(server, pauses, window_ns, arenas)
    server.last_metrics = metrics
    for name, value in metrics.items():
        if name in PEAK_METRICS:
            gbmetrics.peak(name, value)
        else:
            gbmetrics.add(name, value)
    if arenas is not None:
        cause = diagnose(metrics)
        for said, name in DIAGNOSIS_METRICS.items():
            gbmetrics.add(name, 1.0 if said == cause else 0.0)


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
            handle(server, server.next_id, count - RECENT + pos)
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
    # The answer to "what tool do you reach for": the line that grows, in the workers' log.
    sys.stderr.write("memgrowth: live memory %+.1f KB per 1000 requests; top site %s %+.1f\n"
                     % (server.traced_kb_per_1k, server.top_site, server.top_site_kb_per_1k))


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


def make_frag(params, seed):
    return start(params, seed, handle_frag)


def make_frag_fixed(params, seed):
    server = Server(params, seed)
    server.buffer = array("d", bytes(8 * REPORTS * report_size(server.requests)))
    gc.callbacks.append(server.gen2)
    traced_window(server, handle_frag_fixed)
    return server


def close(server):
    """Teardown: detaches the gc callback, undoes gc.freeze, forgets the leak."""
    if server.gen2 in gc.callbacks:
        gc.callbacks.remove(server.gen2)
    if server.frozen:
        gc.unfreeze()
        server.frozen = False
    _SEEN.clear()
    server.stats_file.close()


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


def frag(server):
    """Fragmentation: a few long-lived floats (the widget) pin the pymalloc
    arenas of a large, otherwise freed report."""
    return serve_window(server, handle_frag)


def frag_fixed(server):
    """Remedy for fragmentation: reuse objects (one float buffer for every
    report), so short-lived floats never fill fresh arenas."""
    return serve_window(server, handle_frag_fixed)
