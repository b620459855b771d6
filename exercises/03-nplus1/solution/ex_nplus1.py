"""ex_nplus1: exercise 3, kill an N+1 (talk 002).  The solution.

Every variant returns the exact integer total of quantity * price_cents over
the items of the same m orders.

SQLite runs in-process: a query costs a library call, not a trip over the
network.  To model a database server, every query goes through round_trip(),
which first busy-waits latency_us microseconds (simulated network latency; a
busy-wait because time.sleep overshoots waits this short by far).
"""

from ex_nplus1_given import make_input, nplus1, round_trip


def batched(inp):
    """One query for all m orders: WHERE order_id IN (?, ?, ...)."""
    db, ids, latency_us = inp
    query = ("SELECT quantity, price_cents FROM order_items WHERE order_id IN (%s)"
             % ",".join("?" * len(ids)))
    total = 0
    for quantity, price in round_trip(db, latency_us, query, ids):
        total += quantity * price
    return total
