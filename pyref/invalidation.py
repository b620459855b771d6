"""invalidation: what a cache costs when the data changes under it.

A shop's prices live in SQLite (one row per product: price_cents and a row
version).  A reader looks prices up; a writer changes them at a rate of w
writes per 1000 reads.  Each variant puts a different cache, or none, in
front of the lookup, and the scenario measures the talk's trade-off of
freshness against speed (talk 002, section 6: "an incorrect cache = an
incorrect truth").

Logical time.  Reads and writes follow one trace drawn from the seed in
setup: `reads` reads and reads * w / 1000 writes at random positions, each
event one tick of a logical clock that keeps running from call to call.
TTLs are counted in these ticks, not in seconds, so which read is stale
depends on the trace alone and never on how fast the machine runs: the
same seed gives every variant the same interleaving, on any machine.  Keys
follow a log-uniform (Zipf-like) popularity, a few hot products and a long
tail, for reads and writes alike.  Every call replays the same trace of
events; the prices keep changing, since each write moves a price by a
random non-zero amount from where it stands.

What is measured per call, beside the time (items = reads):
  hit_rate       reads answered by the cache without asking SQLite
  stale_share    reads whose answer is not the price the database holds at
                 that tick (an older version of the row)
  error_cents    the money error: sum of |served - true| over the reads
  cache_entries  the largest number of entries the cache held (memory);
                 for versioned keys it grows call after call, as dead
                 versions pile up, so it depends on how many calls a
                 sample ran: a real deployment bounds it by eviction

The answer, and why.  A stale read is the behaviour being measured, not a
bug, so the answer cannot be the prices served: a TTL cache would then be
"wrong" merely for being stale.  Yet a cache that computes something false
must still be caught.  So every served value carries the row version it was
read as, and the replay checks it against the writer's history: a stale
answer must be a price the key really had, at that version, before now.
The answer is the text "reads=<n> trace=<digest of the keys read>
untrue=<count>", where untrue counts served values that the key never had
at the version claimed (a wrong price, another key's price, an old price
passed off as the current version, or a future one).  Every honest variant,
stale or not, answers untrue=0; a broken one answers something else and
the harness reports it wrong.  The tests feed such broken caches in.
"""

import collections
import sqlite3

import gbinput
import gbmetrics

WRITE_SALT = 0x7772697465727321  # a separate stream for the writer's choices
MIN_PRICE = 100
MAX_STEP = 2000  # a write moves a price by 1..MAX_STEP cents, either way

SCHEMA = ("CREATE TABLE prices (id INTEGER PRIMARY KEY,"
          " price_cents INTEGER NOT NULL, version INTEGER NOT NULL)")
READ_SQL = "SELECT price_cents, version FROM prices WHERE id = ?"
WRITE_SQL = "UPDATE prices SET price_cents = ?, version = ? WHERE id = ?"


# --- the input: database, trace and the writer's history ---------------------

def popular_key(rng, keys):
    """A key in [0, keys) with log-uniform popularity: key k is drawn with a
    chance near 1 / ((k + 1) ln keys), so key 0 is the hottest."""
    return min(int((keys + 1) ** rng.unit()) - 1, keys - 1)


def make_trace(keys, reads, w, seed):
    """The events of one call: (key, 0) is a read, (key, step) a write that
    moves the key's price by step cents.  Exactly reads * w // 1000 writes,
    placed by selection sampling so every arrangement is equally likely."""
    rng = gbinput.Rng(seed ^ WRITE_SALT)
    writes = reads * w // 1000
    events = []
    for slot in range(reads + writes, 0, -1):
        if rng.below(slot) < writes:
            step = 1 + rng.below(MAX_STEP)
            events.append((popular_key(rng, keys), step if rng.next() & 1 else -step))
            writes -= 1
        else:
            events.append((popular_key(rng, keys), 0))
    return events


def trace_digest(events):
    """FNV-1a of the keys read, in order: the trace every variant replays."""
    return gbinput.fnv1a(b",".join(b"%d" % key for key, step in events if step == 0))


class Shop:
    """The database, the writer's history of every row, and the cache state
    a variant keeps across calls."""

    def __init__(self, keys, reads, w, seed):
        rng = gbinput.Rng(seed)
        prices = [MIN_PRICE + rng.below(100000) for _ in range(keys)]
        self.db = sqlite3.connect(":memory:")
        self.db.execute(SCHEMA)
        self.db.executemany("INSERT INTO prices VALUES (?, ?, 0)", enumerate(prices))
        self.db.commit()
        self.events = make_trace(keys, reads, w, seed)
        self.trace = trace_digest(self.events)
        # history[key][v] is the price of key at version v; the last is true.
        self.history = [[price] for price in prices]
        self.now = 0
        self.cache = {}
        self.versions = [0] * keys  # the version store of versioned keys
        self.inbox = collections.deque()  # (due tick, key): late invalidations

    def query(self, key):
        """One lookup in SQLite: (price_cents, version)."""
        return self.db.execute(READ_SQL, (key,)).fetchone()

    def write(self, key, step):
        """The writer: moves a price by step (reflected off MIN_PRICE so it
        stays positive; never back onto the same value) and bumps its version."""
        past = self.history[key]
        price = past[-1] + step
        if price < MIN_PRICE:
            price = past[-1] + abs(step)
        past.append(price)
        self.db.execute(WRITE_SQL, (price, len(past) - 1, key))
        self.versions[key] = len(past) - 1


def make_input(params, seed):
    return Shop(params["keys"], params["reads"], params["w"], seed)


def close_input(shop):
    shop.db.close()


# --- one call: replay the trace, check and count every read ------------------

def replay(shop, read, on_write=None):
    """Replays one call's events in logical time.  read(key, now) returns
    (price, version, hit); on_write(key, now), when given, is what the
    writer tells the cache.  Records the metrics; returns the answer (see the
    module docstring)."""
    history = shop.history
    now = shop.now
    reads = hits = stale = untrue = error = 0
    for key, step in shop.events:
        now += 1
        if step:
            shop.write(key, step)
            if on_write is not None:
                on_write(key, now)
            continue
        price, version, hit = read(key, now)
        reads += 1
        hits += hit
        past = history[key]
        if version == len(past) - 1:
            untrue += price != past[-1]
        elif 0 <= version < len(past) - 1 and past[version] == price:
            stale += 1
            error += abs(price - past[-1])
        else:
            untrue += 1
    shop.now = now
    gbmetrics.add("hit_rate", hits / reads)
    gbmetrics.add("stale_share", stale / reads)
    gbmetrics.add("error_cents", error)
    gbmetrics.peak("cache_entries", len(shop.cache))
    return "reads=%d trace=%016x untrue=%d" % (reads, shop.trace, untrue)


# --- the variants --------------------------------------------------------------

def no_cache(shop):
    """No cache: every read is a query to SQLite, always fresh."""
    query = shop.query

    def read(key, now):
        price, version = query(key)
        return price, version, False
    return replay(shop, read)


def ttl_cache(shop, ttl):
    """Time-to-live cache: an entry is served for ttl ticks after it was
    read from the database, whatever the writer did meanwhile."""
    cache, query = shop.cache, shop.query

    def read(key, now):
        entry = cache.get(key)
        if entry is not None and now < entry[2]:
            return entry[0], entry[1], True
        price, version = query(key)
        cache[key] = (price, version, now + ttl)
        return price, version, False
    return replay(shop, read)


def ttl_100(shop):
    """TTL cache, entries live 100 ticks: fresh-ish, fewer hits."""
    return ttl_cache(shop, 100)


def ttl_1k(shop):
    """TTL cache, entries live 1,000 ticks."""
    return ttl_cache(shop, 1000)


def ttl_10k(shop):
    """TTL cache, entries live 10,000 ticks: many hits, many stale reads."""
    return ttl_cache(shop, 10000)


def read_through(cache, query, key):
    """(price, version, hit) for key: the cached entry, else the query's
    answer, kept.  Invalidation decides what leaves the cache, not this."""
    entry = cache.get(key)
    if entry is not None:
        return entry[0], entry[1], True
    price, version = query(key)
    cache[key] = (price, version)
    return price, version, False


def invalidate_on_write(shop):
    """Invalidation on write: the writer deletes the key from the cache as
    it writes, so the cache never serves an old version.  The cost: every
    writer must reach every cache (here a call; in production a message)."""
    cache, query = shop.cache, shop.query

    def read(key, now):
        return read_through(cache, query, key)

    def on_write(key, now):
        cache.pop(key, None)
    return replay(shop, read, on_write)


def invalidate_late(shop, lag=100):
    """Invalidation on write whose message arrives lag ticks after the
    write, as through a queue or pub/sub: until it lands, the cache serves
    the old version.  Fresh only as fast as the message travels."""
    cache, query, inbox = shop.cache, shop.query, shop.inbox

    def read(key, now):
        while inbox and inbox[0][0] <= now:
            cache.pop(inbox.popleft()[1], None)
        return read_through(cache, query, key)

    def on_write(key, now):
        inbox.append((now + lag, key))
    return replay(shop, read, on_write)


def versioned_keys(shop):
    """Versioned keys: the reader asks a version store for the key's current
    version and looks up (key, version); a write only bumps the version, so
    nothing is deleted and old entries stay until evicted (none are here:
    the memory it costs shows as cache_entries).  The version store is an
    in-process list, the cheapest it can be; across a network it would be
    a round trip of its own."""
    cache, query, versions = shop.cache, shop.query, shop.versions

    def read(key, now):
        version = versions[key]
        price = cache.get((key, version))
        if price is not None:
            return price, version, True
        price, version = query(key)
        cache[(key, version)] = price
        return price, version, False
    return replay(shop, read)
