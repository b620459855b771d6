"""boundedcache: a cache when nearly every key is new, in a worker with a memory cap.

Talk 002, sections 2 and 5: a cache buys time with memory, and "will
abruptly crash your entire server when the RAM hits 100%"; caching "fails
catastrophically when data is ... unique to every individual user request".

A handler renders a response of VALUE_BYTES for a key: ROUNDS chained
SHA-256 digests of the key (about 15 us a request here), the last one
repeated to fill the value.  HOT_PERCENT % of requests ask for one of
HOT_KEYS popular keys; the rest ask for a key never seen before (the
request's own number).  One call
serves `batch` requests; the cache lives on between calls, as in a
long-running worker.  The answer is a CRC-32 over the first 64 bytes of
every response, the same in every variant.

  no_cache   renders every response.
  unbounded  a plain dict, never evicted: it grows by VALUE_BYTES for every
             new key until the worker's address-space cap is reached, and
             then raises MemoryError("after N requests") with the number of
             requests this worker served, a real MemoryError from the
             allocator, re-raised with the count.
  lru        functools.lru_cache(maxsize=LRU_ENTRIES): bounded, the least
             recently used entry goes first, so one-off keys push out
             popular ones and the hit rate drops.
  ttl        entries expire TTL_REQUESTS requests after they were stored (a
             logical clock: requests served, so every run is the same), and
             expired ones are dropped as new ones come in.  Its size is
             bounded only by arrivals times TTL: with unique keys, about
             TTL_REQUESTS * (1 - HOT_PERCENT/100) entries.

Metrics (gbmetrics): requests_served (this worker, so far), hit_rate (per
call), cache_entries and cache_mb (the values held, largest seen); peak RSS
and time per request are the harness's own.
"""

import functools
import hashlib
import zlib
from collections import OrderedDict

import gbmetrics

MASK64 = (1 << 64) - 1
VALUE_BYTES = 64 * 1024
ROUNDS = 40
HOT_PERCENT = 20
HOT_KEYS = 200
LRU_ENTRIES = 1000       # 64 MB of values
TTL_REQUESTS = 2000      # about 1600 live entries: 100 MB of values


def mix(seed, n):
    """64 pseudo-random bits for request n (splitmix64's finaliser)."""
    z = (seed + (n + 1) * 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def request_key(seed, n):
    """The key request n asks for: a popular one, or one never seen before."""
    h = mix(seed, n)
    if h % 100 < HOT_PERCENT:
        return b"hot:%d" % ((h >> 8) % HOT_KEYS)
    return b"one:%d" % n


def render(key):
    """The expensive response: ROUNDS chained digests, repeated to VALUE_BYTES."""
    digest = key
    for _ in range(ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return digest * (VALUE_BYTES // len(digest))


class Server:
    """One worker's state between calls."""

    def __init__(self, params, seed):
        self.seed = seed
        self.batch = params["batch"]
        self.served = 0
        self.hits = 0
        self.cache = None


def serve(server, lookup, size):
    """Serves one batch through lookup(server, key) -> (value, hit); records
    the metrics; returns the CRC-32 of the responses' first 64 bytes.  A
    MemoryError is re-raised with the number of requests served so far."""
    digest = 0
    hits = 0
    try:
        for _ in range(server.batch):
            value, hit = lookup(server, request_key(server.seed, server.served))
            server.served += 1
            hits += hit
            digest = zlib.crc32(value[:64], digest)
    except MemoryError:
        server.cache = None  # let go of it, so the error can be reported
        raise MemoryError("after %d requests" % server.served) from None
    server.hits += hits
    entries = size(server)
    gbmetrics.peak("requests_served", server.served)
    gbmetrics.add("hit_rate", hits / server.batch)
    gbmetrics.peak("cache_entries", entries)
    gbmetrics.peak("cache_mb", entries * VALUE_BYTES / 2**20)
    return digest


# --- lookups --------------------------------------------------------------------

def lookup_none(server, key):
    return render(key), 0


def lookup_dict(server, key):
    cache = server.cache
    value = cache.get(key)
    if value is not None:
        return value, 1
    value = cache[key] = render(key)
    return value, 0


def lookup_lru(server, key):
    cached = server.cache
    before = cached.cache_info().hits
    value = cached(key)
    return value, cached.cache_info().hits - before


def lookup_ttl(server, key):
    cache = server.cache  # key -> (expires, value), in insertion (= expiry) order
    now = server.served
    while cache:
        oldest = next(iter(cache))
        if cache[oldest][0] > now:
            break
        del cache[oldest]
    entry = cache.get(key)
    if entry is not None:
        return entry[1], 1
    value = render(key)
    cache[key] = (now + TTL_REQUESTS, value)
    return value, 0


# --- setup -------------------------------------------------------------------------

def make_input(params, seed):
    return Server(params, seed)


def make_unbounded(params, seed):
    server = Server(params, seed)
    server.cache = {}
    return server


def make_lru(params, seed):
    server = Server(params, seed)
    server.cache = functools.lru_cache(maxsize=LRU_ENTRIES)(render)
    return server


def make_ttl(params, seed):
    server = Server(params, seed)
    server.cache = OrderedDict()
    return server


# --- the variants -------------------------------------------------------------------

def no_cache(server):
    """No cache: every response rendered."""
    return serve(server, lookup_none, lambda s: 0)


def unbounded(server):
    """An unbounded dict cache: grows with every new key until memory runs out."""
    return serve(server, lookup_dict, lambda s: len(s.cache))


def lru(server):
    """A size-bounded LRU cache (functools.lru_cache with maxsize)."""
    return serve(server, lookup_lru, lambda s: s.cache.cache_info().currsize)


def ttl(server):
    """A TTL cache: entries expire a fixed number of requests after they were stored."""
    return serve(server, lookup_ttl, lambda s: len(s.cache))
