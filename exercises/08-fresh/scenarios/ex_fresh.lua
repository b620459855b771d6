-- ex_fresh: exercise 8, a cache against a freshness budget.
scenario {
  name = "ex_fresh",
  title = "Exercise 8: cache invalidation with a freshness budget",
  talk = "002",
  question = "A price cache must never serve a price more than `budget` events out of date: what does a TTL that keeps the budget save, and what does invalidation on write save?",
  about = [[
skus prices in SQLite; a stream of events, one in ten a write of a new
price, the rest reads.  The driver checks every read: a price out of date
for more than `budget` events raises (the variant fails), a price stale
within the budget counts in the metric stale_reads.  always_query asks the
database every time; ttl_cache keeps each row TTL_EVENTS events;
invalidating_cache keeps each row until the writer changes it.]],
  params = { "skus", "events", "budget" },
  items = "events",
  sweep = {
    smoke = { skus = { 50 }, events = { 5000 }, budget = { 200 } },
    quick = { skus = { 50, 500 }, events = { 20000 }, budget = { 200 } },
    full  = { skus = { 50, 500, 5000 }, events = { 50000 }, budget = { 200 } },
  },
  metrics = {
    metric { name = "stale_reads", label = "reads stale within the budget", unit = "reads",
             better = "lower" },
  },
  baseline = "always_query",
  variants = {
    variant { name = "always_query", label = "no cache: a query per read", kind = "python",
              entry = "ex_fresh:always_query", style = "python" },
    -- Yours: fill in both caches in ../pyref/ex_fresh.py.
    variant { name = "ttl_cache", label = "TTL cache", kind = "python",
              entry = "ex_fresh:ttl_cache", style = "cached" },
    variant { name = "invalidating_cache", label = "cache invalidated on write", kind = "python",
              entry = "ex_fresh:invalidating_cache", style = "step" },
  },
  charts = {
    chart { id = "ns_per_event", type = "lines", x = "skus", y = "ns_per_item", logx = true,
            title = "Time per event against distinct prices" },
    chart { id = "stale", type = "bars", y = "stale_reads", at = { skus = 50 },
            title = "Reads stale within the budget, per request" },
  },
  findings = {
    -- Graded by `gluebench exercise fresh` at the first point (50 skus:
    -- each price is read several times per TTL, most reads hit).
    finding { variant = "ttl_cache", than = "always_query", expect = "faster", at_least = 1.3,
              at = { skus = 50 }, why = "Most reads within a TTL hit the dict." },
    finding { variant = "invalidating_cache", than = "always_query", expect = "faster",
              at_least = 1.5, at = { skus = 50 },
              why = "A row lives until it changes: more hits, and none stale." },
  },
}
