"""amdahl: is the bottleneck in Python at all?

A handler asks a SQLite file database one fixed question (an aggregate over
a 20,000-row table, scanned because the column has no index), then computes
on the answer.  Only the compute part can move to C; the database's time
stays what it is.  So rewriting the compute in C speeds the handler up by
Amdahl's law, 1 / ((1 - p) + p / s), where p is the share of the handler's
time spent computing and s is how much faster the C compute is.

The sweep's `share` (in percent) sets how much computing there is: the
compute runs iterations(share) steps, calibrated so that in the pure Python
handler the compute takes about share percent of the time (share 50: as
long as the query).  The share is nominal: the calibration constant
ITERS_PER_QUERY was measured once, on the machine the charts were first
made on, and is fixed here and in kernels/amdahl.c so that every variant
computes the same answer anywhere.  Run `python pyref/amdahl.py` to measure
the real shares on your machine.

The database time is the SQLite library's, not a disk's: the file is small
and stays in the operating system's cache.  It is still not Python's time,
which is the point.
"""

import os
import sys
import time

import sqlite3

import gbinput
from _gb_amdahl import compute as c_compute

DB_FORMAT = 1  # bump when the schema or the generator changes
ROWS = 20000
SENSORS = 16
QUERY = "SELECT count(*), sum(value) FROM readings WHERE sensor = 3"

# Python compute steps that take as long as one QUERY (measured: the query
# about 1.15 ms, a step about 140 ns; Python 3.11 on the 2-core test VM).
ITERS_PER_QUERY = 8000


def iterations(share):
    """Compute steps for a nominal compute share in percent (0 <= share < 100)."""
    if not 0 <= share < 100:
        raise ValueError("share must be in [0, 100), got %r" % share)
    return ITERS_PER_QUERY * share // (100 - share)


# --- the database ----------------------------------------------------------

def db_path(seed):
    folder = gbinput.cache_dir()
    return os.path.join(folder, "gluebench-amdahl-v%d-r%d-s%d.sqlite" % (DB_FORMAT, ROWS, seed))


def generate_readings(seed):
    """(id, sensor, value) rows, one random draw each."""
    rng = gbinput.Rng(seed)
    for row_id in range(1, ROWS + 1):
        z = rng.next()
        yield row_id, z & (SENSORS - 1), (z >> 32) % 1000


def build_db(path, seed):
    """Write the database to a temporary name, then rename it into place."""
    tmp = "%s.tmp.%d" % (path, os.getpid())
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("CREATE TABLE readings (id INTEGER PRIMARY KEY,"
                     " sensor INTEGER NOT NULL, value INTEGER NOT NULL)")
        with conn:
            conn.executemany("INSERT INTO readings VALUES (?, ?, ?)", generate_readings(seed))
        conn.close()
        os.rename(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def open_db(seed):
    """A read-only connection, the database built first if missing."""
    path = db_path(seed)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        build_db(path, seed)
    return sqlite3.connect("file:%s?mode=ro" % path, uri=True)


class Request:
    def __init__(self, conn, iters):
        self.conn = conn
        self.iters = iters


def make_input(params, seed):
    """The connection and the number of compute steps for this share."""
    return Request(open_db(seed), iterations(params["share"]))


def close_request(req):
    req.conn.close()


# --- the handler's two parts -----------------------------------------------

def query(conn):
    """The I/O part: one aggregate query, answered by SQLite."""
    count, total = conn.execute(QUERY).fetchone()
    return count * 1000 + total


def compute(value, iters):
    """The compute part: `iters` steps of a small LCG (x -> 75x + 74 mod 65537), summed."""
    x = value % 65537
    acc = 0
    for _ in range(iters):
        x = (x * 75 + 74) % 65537
        acc += x
    return acc


# --- the variants ----------------------------------------------------------

def py_handler(req):
    """Pure Python handler: the query, then the compute in Python."""
    value = query(req.conn)
    return value + compute(value, req.iters)


def ext_handler(req):
    """The same handler with only the compute rewritten in C (an extension call)."""
    value = query(req.conn)
    return value + c_compute(value, req.iters)


# --- measuring the real shares ---------------------------------------------

def best_ns(fn, repeat=20):
    best = None
    for _ in range(repeat):
        start = time.perf_counter_ns()
        fn()
        elapsed = time.perf_counter_ns() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def calibrate(seed=42):
    """Print the query's time, a compute step's, and the real shares."""
    conn = open_db(seed)
    query_ns = best_ns(lambda: query(conn))
    step_ns = best_ns(lambda: compute(1, 100000), repeat=5) / 100000
    print("query %.0f us, compute step %.1f ns: ITERS_PER_QUERY would be %d (set: %d)"
          % (query_ns / 1e3, step_ns, query_ns / step_ns, ITERS_PER_QUERY))
    for share in (1, 10, 25, 50, 75, 90, 99):
        compute_ns = step_ns * iterations(share)
        print("share %2d%%: measured %.1f%%" % (share, 100 * compute_ns / (compute_ns + query_ns)))
    conn.close()


if __name__ == "__main__":
    sys.exit(calibrate())
