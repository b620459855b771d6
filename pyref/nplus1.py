"""nplus1: reduce the calls, and fix the database before the code.

A shop's SQLite database holds `orders` and their `order_items` (about five
items an order).  A handler fetches the items of m orders and returns the
grand total, sum(quantity * price_cents), as an exact int.  The variants
differ in how many queries they send (one per order, the N+1 pattern, or one
for all), whether `order_items.order_id` has an index, and whether a cache
answers before the database is asked at all.

The database is a real file, built once per (orders, seed, index) in the
cache directory ($GLUEBENCH_CACHE_DIR, else the system temporary folder) and
reused by every later worker.  kernels/nplus1.c builds the very same rows
with the same generator when a C worker comes first; whichever side builds
it writes a temporary file and renames it into place, so a reader never
sees half a database.

Simulated network latency: with latency_us > 0 each query round trip first
waits latency_us microseconds asleep (time.sleep here, clock_nanosleep in
C), so the CPU sits idle during the wait as it does while a real database
server answers across a network.  The per-sample CPU time the worker
records (cpu_ms, cpu_share) then shows the talk's point: the handler's time
grows with the round trips while its CPU time does not.  A sleep overshoots
short waits on a virtual machine (timer slack, the scheduler: 40 to 100 us
per wait on the test machine), so the Python variants record the wait they
actually got as the metric wait_ms; the latency axis is the wait asked for.
nplus1_spin() waits the same time in a busy loop instead, to show what a
profiler sees when a benchmark fakes the network with a spin: a busy core
and the time charged to Python.  SQLite itself is in-process: without the
wait a round trip costs only the library call.
"""

import os
import time

import sqlite3

import gbinput
import gbmetrics

DB_FORMAT = 1  # bump when the schema or the generator changes
ITEMS_PER_ORDER = 5
CUSTOMERS = 10000
PICK_SALT = 0x6F726465725F6964  # a separate stream for the orders asked for

SCHEMA = (
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER NOT NULL)",
    "CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL,"
    " product INTEGER NOT NULL, quantity INTEGER NOT NULL,"
    " price_cents INTEGER NOT NULL)",
)
INDEX_SQL = "CREATE INDEX order_items_by_order ON order_items(order_id)"

ITEMS_OF_ORDER = "SELECT quantity, price_cents FROM order_items WHERE order_id = ?"


# --- the database: generated from the seed, built once, shared ------------

def cache_dir():
    """Where databases are kept between worker processes."""
    return gbinput.cache_dir()


def db_path(orders, seed, index):
    """The database's file name names everything its content depends on."""
    name = "gluebench-nplus1-v%d-o%d-s%d-idx%d.sqlite" % (
        DB_FORMAT, orders, seed, 1 if index else 0)
    return os.path.join(cache_dir(), name)


def generate_orders(orders, seed):
    """Rows of `orders`: (id, customer), ids 1..orders."""
    rng = gbinput.Rng(seed)
    return [(i, rng.below(CUSTOMERS)) for i in range(1, orders + 1)], rng


def generate_items(orders, rng):
    """Rows of `order_items`, one random draw each.

    Every item belongs to a random order (so items of one order are
    scattered through the table, as when orders fill up over time), and
    the draw's other bits give its quantity, price and product.
    """
    for item_id in range(1, ITEMS_PER_ORDER * orders + 1):
        z = rng.next()
        order_id = 1 + (((z >> 32) * orders) >> 32)
        quantity = 1 + (z & 7)
        price_cents = 99 + ((z >> 3) & 0xFFFF)
        product = (z >> 19) & 0x1FFF
        yield item_id, order_id, product, quantity, price_cents


def build_db(path, orders, seed, index):
    """Write the database to a temporary name, then rename it into place."""
    tmp = "%s.tmp.%d" % (path, os.getpid())
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        for sql in SCHEMA:
            conn.execute(sql)
        order_rows, rng = generate_orders(orders, seed)
        with conn:
            conn.executemany("INSERT INTO orders VALUES (?, ?)", order_rows)
            conn.executemany("INSERT INTO order_items VALUES (?, ?, ?, ?, ?)",
                             generate_items(orders, rng))
            if index:
                conn.execute(INDEX_SQL)
        conn.close()
        os.rename(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def open_db(orders, seed, index):
    """A read-only connection to the database, built first if missing."""
    path = db_path(orders, seed, index)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        build_db(path, orders, seed, index)
    return sqlite3.connect("file:%s?mode=ro" % path, uri=True)


def pick_orders(orders, m, seed):
    """m distinct order ids, drawn from the seed (rejection of repeats)."""
    rng = gbinput.Rng(seed ^ PICK_SALT)
    picked, seen = [], set()
    while len(picked) < min(m, orders):
        order_id = 1 + rng.below(orders)
        if order_id not in seen:
            seen.add(order_id)
            picked.append(order_id)
    return picked


# --- the handler's input ---------------------------------------------------

class Request:
    """What a handler has: a connection, the orders asked for, the latency."""

    def __init__(self, conn, order_ids, latency_us):
        self.conn = conn
        self.order_ids = order_ids
        self.latency_ns = latency_us * 1000
        self.cache = {}

    def round_trip(self):
        """The simulated network wait of one query round trip: asleep, the
        CPU idle; the wait actually got is recorded as wait_ms."""
        if self.latency_ns:
            start = time.perf_counter_ns()
            time.sleep(self.latency_ns / 1e9)
            gbmetrics.add("wait_ms", (time.perf_counter_ns() - start) / 1e6)

    def round_trip_spin(self):
        """The same wait as a busy loop on the monotonic clock: a busy core."""
        if self.latency_ns:
            start = time.perf_counter_ns()
            deadline = start + self.latency_ns
            now = start
            while now < deadline:
                now = time.perf_counter_ns()
            gbmetrics.add("wait_ms", (now - start) / 1e6)


def make_request(params, seed, index):
    orders = params["orders"]
    conn = open_db(orders, seed, index)
    order_ids = pick_orders(orders, params["m"], seed)
    return Request(conn, order_ids, params.get("latency_us", 0))


def make_input(params, seed):
    """The indexed database (order_items.order_id has an index)."""
    return make_request(params, seed, index=True)


def make_input_noindex(params, seed):
    """The same rows without the index: every lookup scans the table."""
    return make_request(params, seed, index=False)


def make_cached(params, seed):
    """The indexed database and a cache warmed by one call: the hit path."""
    req = make_request(params, seed, index=True)
    cached(req)
    return req


def close_request(req):
    req.conn.close()


# --- the variants ----------------------------------------------------------

def nplus1(req):
    """N+1 queries: one query (one round trip) per order, as a lazy ORM does."""
    total = 0
    for order_id in req.order_ids:
        req.round_trip()
        for quantity, price_cents in req.conn.execute(ITEMS_OF_ORDER, (order_id,)):
            total += quantity * price_cents
    return total


def nplus1_spin(req):
    """N+1 queries whose simulated network wait is a busy-wait: the same
    round trips as nplus1(), but the CPU spins where it would sit idle."""
    total = 0
    for order_id in req.order_ids:
        req.round_trip_spin()
        for quantity, price_cents in req.conn.execute(ITEMS_OF_ORDER, (order_id,)):
            total += quantity * price_cents
    return total


def items_in_sql(count):
    """One query for `count` orders: an IN list of placeholders."""
    return ("SELECT order_id, quantity, price_cents FROM order_items"
            " WHERE order_id IN (%s)" % ",".join("?" * count))


def batched(req):
    """One batched query for all orders: a single round trip."""
    req.round_trip()
    total = 0
    for _, quantity, price_cents in req.conn.execute(
            items_in_sql(len(req.order_ids)), req.order_ids):
        total += quantity * price_cents
    return total


def cached(req):
    """Read-through cache of each order's total, kept across calls.

    Orders missing from the cache are fetched in one batched query (one
    round trip) and remembered; once warm, a call asks the database
    nothing.  What it costs instead is memory.  The database here never
    changes, so no entry can go stale: what a cache costs when the data
    does change is measured by the `invalidation` scenario.
    """
    cache = req.cache
    misses = [order_id for order_id in req.order_ids if order_id not in cache]
    if misses:
        req.round_trip()
        for order_id in misses:
            cache[order_id] = 0
        for order_id, quantity, price_cents in req.conn.execute(
                items_in_sql(len(misses)), misses):
            cache[order_id] += quantity * price_cents
    return sum(cache[order_id] for order_id in req.order_ids)


def table_digest(conn):
    """FNV-1a of every row of both tables, in id order (for tests)."""
    h = gbinput.FNV_OFFSET
    for table in ("orders", "order_items"):
        for row in conn.execute("SELECT * FROM %s ORDER BY id" % table):
            h = gbinput.fnv1a(repr(row).encode(), h)
    return h
