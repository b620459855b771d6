"""index: what an index costs beside what it buys.

Talk 002, section 2: "If you want a database query to return faster
(Time), you must build an Index, which permanently consumes hard drive
space and RAM (Memory)."  This scenario puts both currencies side by side.

A `sales` table of `rows` rows (id, customer, amount_cents, note) lives in
SQLite.  One call is one slice of a shop's day: it inserts `inserts` new
sales in a transaction, answers `lookups` questions "how much has customer
c spent?" (SELECT sum(amount_cents) ... WHERE customer = ?), and rolls the
transaction back, so every call starts from the same table and returns the
same answer (the sum of the lookups' totals).  The variants differ only in
the index on sales:

  scan      none: every lookup reads the whole table
  indexed   an index on customer: a lookup walks the index, then fetches
            each matching row from the table
  covering  an index on (customer, amount_cents): the lookup is answered
            from the index alone, which is bigger

What each pays and buys, as metrics beside the call time:
  insert_ms  the time of the write phase per call (the inserts and the
             rollback): every insert also updates every index
  lookup_ms  the time of the read phase per call
  index_kb   the size of the variant's index: its pages counted by the
             dbstat virtual table where SQLite has it, else the database's
             size (page_count * page_size) less the size without the index
  db_kb      the whole database, page_count * page_size

The database file is built once per (rows, seed, index) in the cache
directory ($GLUEBENCH_CACHE_DIR, else the temporary folder; a temporary
file renamed into place), the index created after the rows are loaded.
Setup copies it into memory (sqlite3's backup API), so the timed calls
measure SQLite's B-tree work and not the disk, and the rollback leaves the
file untouched.  The sizes are measured in setup (they do not change
during a call: the inserts are rolled back) and reported by every call.
"""

import os
import sqlite3
import time

import gbinput
import gbmetrics

DB_FORMAT = 1  # bump when the schema or the generator changes
CUSTOMERS_PER_ROW = 0.01  # one customer per 100 sales: a lookup finds ~100 rows
CALL_SALT = 0x63616C6C5F696478  # a separate stream for what the calls do

SCHEMA = ("CREATE TABLE sales (id INTEGER PRIMARY KEY, customer INTEGER NOT NULL,"
          " amount_cents INTEGER NOT NULL, note TEXT NOT NULL)")
INDEXES = {
    "scan": None,
    "indexed": "CREATE INDEX sales_by_customer ON sales(customer)",
    "covering": "CREATE INDEX sales_by_customer ON sales(customer, amount_cents)",
}
INSERT_SQL = "INSERT INTO sales (customer, amount_cents, note) VALUES (?, ?, ?)"
LOOKUP_SQL = "SELECT sum(amount_cents) FROM sales WHERE customer = ?"
NOTES = ("card", "cash", "voucher", "gift card", "store credit", "refund reversed")


# --- the database: generated from the seed, built once, shared --------------

def cache_dir():
    return gbinput.cache_dir()


def db_path(rows, seed, kind):
    name = "gluebench-index-v%d-r%d-s%d-%s.sqlite" % (DB_FORMAT, rows, seed, kind)
    return os.path.join(cache_dir(), name)


def customers_for(rows):
    return max(1, int(rows * CUSTOMERS_PER_ROW))


def sale(rng, customers):
    """One sale from one random draw: customer, amount (1 to 655 dollars), note."""
    z = rng.next()
    return (((z >> 32) * customers) >> 32, 100 + (z & 0xFFFF), NOTES[(z >> 16) % len(NOTES)])


def build_db(path, rows, seed, kind):
    """Rows first, the index after (the fast way to load), into a temporary
    file renamed into place so no reader sees half a database."""
    tmp = "%s.tmp.%d" % (path, os.getpid())
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(SCHEMA)
        rng, customers = gbinput.Rng(seed), customers_for(rows)
        with conn:
            conn.executemany(INSERT_SQL, (sale(rng, customers) for _ in range(rows)))
            if INDEXES[kind]:
                conn.execute(INDEXES[kind])
        conn.execute("VACUUM")  # pack the pages, so the sizes compare like for like
        conn.close()
        os.rename(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def open_file(rows, seed, kind):
    """A read-only connection to the database file, built first if missing."""
    path = db_path(rows, seed, kind)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        build_db(path, rows, seed, kind)
    return sqlite3.connect("file:%s?mode=ro" % path, uri=True)


def db_bytes(conn):
    """The database's size: page_count * page_size."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return pages * conn.execute("PRAGMA page_size").fetchone()[0]


def index_bytes(conn, rows, seed, kind):
    """The index's pages by dbstat, or the size difference without dbstat."""
    if not INDEXES[kind]:
        return 0
    try:
        row = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'sales_by_customer'")
        return row.fetchone()[0]
    except sqlite3.OperationalError:  # SQLite built without SQLITE_ENABLE_DBSTAT_VTAB
        bare = open_file(rows, seed, "scan")
        try:
            return db_bytes(conn) - db_bytes(bare)
        finally:
            bare.close()


# --- the handler's input ---------------------------------------------------

class Day:
    """An in-memory copy of the database, what one call inserts and looks
    up, and the sizes measured once."""

    def __init__(self, params, seed, kind):
        rows = params["rows"]
        source = open_file(rows, seed, kind)
        self.conn = sqlite3.connect(":memory:", isolation_level=None)
        source.backup(self.conn)
        self.db_kb = db_bytes(source) / 1024
        self.index_kb = index_bytes(source, rows, seed, kind) / 1024
        source.close()
        rng, customers = gbinput.Rng(seed ^ CALL_SALT), customers_for(rows)
        self.new_sales = [sale(rng, customers) for _ in range(params["inserts"])]
        self.customers = [rng.below(customers) for _ in range(params["lookups"])]


def make_scan(params, seed):
    return Day(params, seed, "scan")


def make_indexed(params, seed):
    return Day(params, seed, "indexed")


def make_covering(params, seed):
    return Day(params, seed, "covering")


def close_day(day):
    day.conn.close()


# --- the call: the same for every variant; the index is in the input -------

def day_of_sales(day):
    """Inserts the new sales, looks the customers up, rolls back; the
    answer is the sum of the lookups' totals.  The variants differ only in
    the index their database carries (see make_*)."""
    conn = day.conn
    start = time.perf_counter_ns()
    conn.execute("BEGIN")
    conn.executemany(INSERT_SQL, day.new_sales)
    inserted = time.perf_counter_ns()
    total = 0
    for customer in day.customers:
        total += conn.execute(LOOKUP_SQL, (customer,)).fetchone()[0] or 0
    looked_up = time.perf_counter_ns()
    conn.execute("ROLLBACK")
    done = time.perf_counter_ns()
    gbmetrics.add("insert_ms", (inserted - start + done - looked_up) / 1e6)
    gbmetrics.add("lookup_ms", (looked_up - inserted) / 1e6)
    gbmetrics.peak("index_kb", day.index_kb)
    gbmetrics.peak("db_kb", day.db_kb)
    return total


def scan(day):
    """No index: each lookup is a full table scan; inserts touch only the table."""
    return day_of_sales(day)


def indexed(day):
    """An index on customer: lookups walk the index; every insert updates it."""
    return day_of_sales(day)


def covering(day):
    """A covering index on (customer, amount_cents): lookups never touch the
    table; the index is bigger and every insert updates it."""
    return day_of_sales(day)
