"""ex_fresh_given: the given parts of exercise 8 (the data, the writer, the
driver and the baseline).  Read them; you edit ex_fresh.py.

A price service answers reads of `skus` prices kept in SQLite while a
writer changes them.  Time is counted in logical events: event t is
either a write (a new price for one sku) or a read of one sku.  The
freshness budget: no read may return a price that has been out of date
for more than `budget` events.  A price's version is the event at which
it was written; the driver knows the truth (when each version was
replaced) and checks every read against the budget.

The answer is the number of reads served: the same for every variant that
keeps the budget.  A read over budget raises, so `gluebench check`
reports the variant as an error with the read that broke it.  Reads that
were stale but within the budget are reported as the metric stale_reads.
"""

import sqlite3

import gbinput
import gbmetrics

WRITE_EVERY = 10      # about one event in ten is a write


class OverBudget(AssertionError):
    """A read returned a price older than the freshness budget allows."""


def make_input(params, seed):
    """The database (every sku priced at event 0) and the event stream.

    An event is (sku, new_price) for a write, (sku, None) for a read.
    """
    rng = gbinput.Rng(seed)
    skus = params["skus"]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE prices (sku INTEGER PRIMARY KEY, cents INTEGER NOT NULL,"
               " version INTEGER NOT NULL)")
    db.executemany("INSERT INTO prices VALUES (?, ?, 0)",
                   [(s, 1000 + rng.below(9000)) for s in range(skus)])
    db.commit()
    events = []
    for _ in range(params["events"]):
        r = rng.next()
        sku = (r >> 8) % skus
        events.append((sku, 1000 + (r >> 32) % 9000) if r % WRITE_EVERY == 0 else (sku, None))
    return db, events, params["budget"]


def query_price(db, sku):
    """One read from the database: (cents, version)."""
    return db.execute("SELECT cents, version FROM prices WHERE sku = ?", (sku,)).fetchone()


class Writer:
    """Writes prices and tells every subscriber which sku changed."""

    def __init__(self, db):
        self.db = db
        self.subscribers = []

    def subscribe(self, callback):
        """callback(sku) runs after each write of that sku."""
        self.subscribers.append(callback)

    def write(self, sku, cents, now):
        self.db.execute("UPDATE prices SET cents = ?, version = ? WHERE sku = ?", (cents, now, sku))
        for callback in self.subscribers:
            callback(sku)


def serve(inp, make_reader):
    """Plays the events against a reader; checks every read's freshness.

    make_reader(db, writer) returns read(sku, now) -> (cents, version).
    Returns the number of reads; raises OverBudget at the first read that
    returns a version replaced more than `budget` events earlier.
    """
    db, events, budget = inp
    db.execute("BEGIN")           # the writes are undone afterwards: every call starts alike
    try:
        writer = Writer(db)
        read = make_reader(db, writer)
        replaced_at = {}          # (sku, version) -> the event that replaced it
        current = {}              # sku -> its current version (0 until written)
        reads = stale = 0
        for now, (sku, cents) in enumerate(events, start=1):
            if cents is not None:
                replaced_at[(sku, current.get(sku, 0))] = now
                current[sku] = now
                writer.write(sku, cents, now)
                continue
            reads += 1
            version = read(sku, now)[1]
            if version != current.get(sku, 0):
                stale += 1
                age = now - replaced_at[(sku, version)]
                if age > budget:
                    raise OverBudget("read of sku %d at event %d returned a price replaced %d "
                                     "events earlier; the budget is %d" % (sku, now, age, budget))
        gbmetrics.add("stale_reads", stale)
        return reads
    finally:
        db.rollback()


def always_query(inp):
    """No cache: every read asks the database (never stale)."""
    return serve(inp, lambda db, writer: lambda sku, now: query_price(db, sku))
