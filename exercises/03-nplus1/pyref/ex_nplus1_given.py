"""ex_nplus1_given: the given parts of exercise 3 (the input, the baseline and
the variants yours are compared with).  Read them; you edit ex_nplus1.py.
"""

import sqlite3
import time

import gbinput

ITEMS_PER_ORDER = 5

SCHEMA = (
    "CREATE TABLE order_items (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL,"
    " quantity INTEGER NOT NULL, price_cents INTEGER NOT NULL)",
    "CREATE INDEX order_items_by_order ON order_items(order_id)",
)
ITEMS_OF_ORDER = "SELECT quantity, price_cents FROM order_items WHERE order_id = ?"


def make_input(params, seed):
    """An in-memory database and the ids of the m orders to total.

    Each item belongs to a random order, so an order has about five items
    (some none) scattered through the table.  One random draw gives an
    item's order, quantity and price.
    """
    orders, m = params["orders"], params["m"]
    rng = gbinput.Rng(seed)
    rows = []
    for item_id in range(1, ITEMS_PER_ORDER * orders + 1):
        r = rng.next()
        rows.append((item_id, 1 + (r & 0xFFFFFFFF) % orders,
                     1 + (r >> 32) % 5, 100 + (r >> 40) % 10000))
    db = sqlite3.connect(":memory:")
    for statement in SCHEMA:
        db.execute(statement)
    db.executemany("INSERT INTO order_items VALUES (?, ?, ?, ?)", rows)
    db.commit()
    ids = set()
    while len(ids) < min(m, orders):  # m distinct orders
        ids.add(1 + rng.below(orders))
    return db, sorted(ids), params["latency_us"]


def round_trip(db, latency_us, sql, args):
    """One query to the database: the simulated network wait, then the rows."""
    deadline = time.perf_counter_ns() + latency_us * 1000
    while time.perf_counter_ns() < deadline:
        pass
    return db.execute(sql, args).fetchall()


def nplus1(inp):
    """N+1: one query per order, the totals summed in Python."""
    db, ids, latency_us = inp
    total = 0
    for order_id in ids:
        for quantity, price in round_trip(db, latency_us, ITEMS_OF_ORDER, (order_id,)):
            total += quantity * price
    return total
