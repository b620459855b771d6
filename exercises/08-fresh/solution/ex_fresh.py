"""ex_fresh: exercise 8, cache invalidation with a freshness budget (talk 002).
The solution.

Each variant is a reader factory handed to serve(): make_reader(db, writer)
returns read(sku, now) -> (cents, version).  The cache starts empty in
every call (serve builds a fresh reader).
"""

from ex_fresh_given import always_query, make_input, query_price, serve  # noqa: F401

# A row cached at event t0 was current at t0; read at now < t0 + TTL, it
# can have been replaced at the earliest at t0 + 1, so it is at most
# TTL - 1 events out of date.  A TTL equal to the budget keeps it (the
# manifest's budget is 200).
TTL_EVENTS = 200


def ttl_cache(inp):
    """A cache whose entries expire TTL_EVENTS events after they were read."""
    def make_reader(db, writer):
        cache = {}

        def read(sku, now):
            hit = cache.get(sku)
            if hit is not None and now < hit[0]:
                return hit[1]
            row = query_price(db, sku)
            cache[sku] = (now + TTL_EVENTS, row)
            return row
        return read
    return serve(inp, make_reader)


def invalidating_cache(inp):
    """A cache the writer invalidates: entries live until their sku is written."""
    def make_reader(db, writer):
        cache = {}
        writer.subscribe(lambda sku: cache.pop(sku, None))

        def read(sku, now):
            row = cache.get(sku)
            if row is None:
                row = cache[sku] = query_price(db, sku)
            return row
        return read
    return serve(inp, make_reader)
