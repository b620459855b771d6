"""ex_fresh: exercise 8, cache invalidation with a freshness budget (talk 002).

Each variant is a reader factory handed to serve(): make_reader(db, writer)
returns read(sku, now) -> (cents, version).  The cache starts empty in
every call (serve builds a fresh reader).
"""

from ex_fresh_given import always_query, make_input, query_price, serve  # noqa: F401

# Yours: how many events may a cached price live?  The budget is the
# manifest's `budget` parameter (events a price may be out of date).
TTL_EVENTS = None


def ttl_cache(inp):
    """A cache whose entries expire TTL_EVENTS events after they were read."""
    if TTL_EVENTS is None:
        raise NotImplementedError("exercise 8: pick TTL_EVENTS and write the TTL reader")

    def make_reader(db, writer):
        raise NotImplementedError("exercise 8: a dict sku -> (expires_at, row)")
    return serve(inp, make_reader)


def invalidating_cache(inp):
    """A cache the writer invalidates: entries live until their sku is written."""
    def make_reader(db, writer):
        raise NotImplementedError("exercise 8: a dict, with writer.subscribe() deleting on write")
    return serve(inp, make_reader)
