-- invalidation: freshness against speed when a writer changes the data.
local static = { keys = 1000, reads = 2000, w = 1 }
local dynamic = { keys = 1000, reads = 2000, w = 100 }
local ttls = { "ttl_100", "ttl_1k", "ttl_10k" }

scenario {
  name = "invalidation",
  title = "Cache invalidation: stale reads, money error and time per read",
  talk = "002",
  question = "What does a cache buy in time, and what does it cost in stale answers, as the data changes faster?",
  about = [[
Prices of `keys` products live in an in-memory SQLite table (price and a
row version).  A reader looks up `reads` prices per call; a writer changes
w prices per 1000 reads, each by a random amount.  Reads and writes follow
one trace drawn from the seed and a logical clock (one tick per event, kept
across calls), so every variant sees the same interleaving on any machine
and TTLs are counted in ticks.  Keys are Zipf-like: a few hot products.
No cache asks SQLite every time; TTL caches serve an entry for 100, 1,000
or 10,000 ticks whatever the writer did; invalidation on write deletes the
key as the writer writes, or (invalidate_late) 100 ticks later, as a
message through a queue would; versioned keys look up (key, current
version) and never delete.  Every read is checked against the writer's history: a
stale read (an older version) counts into stale_share and its distance from
the true price into error_cents; the answer is the trace and the count of
served values the key never had, so a stale cache is not wrong but a broken
one is.  Invalidation is cheap here because writer and cache share a
process; across machines its cost is a message to every cache, which this
does not measure.  Time per read includes the writer's UPDATEs, the same
for every variant.]],
  params = { "keys", "reads", "w" },
  items = "reads",
  metrics = {
    metric { name = "hit_rate", label = "reads answered by the cache", unit = "share",
             better = "higher" },
    metric { name = "stale_share", label = "reads served an old version", unit = "share",
             better = "lower" },
    metric { name = "error_cents", label = "money error, sum of |served - true| per call",
             unit = "cents", better = "lower" },
    metric { name = "cache_entries", label = "largest number of cache entries",
             unit = "entries", better = "lower" },
  },
  sweep = {
    smoke = { keys = { 1000 }, reads = { 2000 }, w = { 1, 100 } },
    quick = { keys = { 1000 }, reads = { 2000 }, w = { 1, 10, 100, 1000 } },
    full  = { keys = { 1000, 100000 }, reads = { 2000 }, w = { 1, 10, 100, 1000 } },
  },
  baseline = "no_cache",
  timeout = 120,
  variants = {
    variant { name = "no_cache", label = "no cache (SQLite every read)", kind = "python",
              entry = "invalidation:no_cache", teardown = "invalidation:close_input",
              style = "python" },
    variant { name = "ttl_100", label = "TTL cache, 100 ticks", kind = "python",
              entry = "invalidation:ttl_100", teardown = "invalidation:close_input",
              style = "builtin" },
    variant { name = "ttl_1k", label = "TTL cache, 1,000 ticks", kind = "python",
              entry = "invalidation:ttl_1k", teardown = "invalidation:close_input",
              style = "step" },
    variant { name = "ttl_10k", label = "TTL cache, 10,000 ticks", kind = "python",
              entry = "invalidation:ttl_10k", teardown = "invalidation:close_input",
              style = "ctypes" },
    variant { name = "invalidate", label = "invalidation on write", kind = "python",
              entry = "invalidation:invalidate_on_write",
              teardown = "invalidation:close_input", style = "cached" },
    variant { name = "invalidate_late", label = "invalidation arriving 100 ticks late",
              kind = "python", entry = "invalidation:invalidate_late",
              teardown = "invalidation:close_input", style = "service" },
    variant { name = "versioned", label = "versioned keys", kind = "python",
              entry = "invalidation:versioned_keys", teardown = "invalidation:close_input",
              style = "batched" },
  },
  charts = {
    chart { id = "tradeoff", type = "points", x = "stale_share", y = "ns_per_item",
            logy = true, title = "Freshness against speed: time per read against stale reads",
            caption = "One point per variant and writer rate w: a faster writer moves every TTL cache right" },
    chart { id = "stale", type = "lines", x = "w", y = "stale_share", logx = true,
            title = "Share of stale reads against writes per 1000 reads" },
    chart { id = "time", type = "lines", x = "w", y = "ns_per_item", logx = true, logy = true,
            title = "Time per read against writes per 1000 reads" },
    chart { id = "money", type = "lines", x = "w", y = "error_cents", logx = true, logy = true,
            variants = ttls,
            title = "Money error of the TTL caches per 2000 reads against writes per 1000 reads" },
    chart { id = "hits", type = "lines", x = "w", y = "hit_rate", logx = true,
            title = "Cache hit rate against writes per 1000 reads" },
    chart { id = "memory", type = "bars", y = "cache_entries", at = "last",
            title = "Memory: the most entries each cache held" },
  },
  findings = {
    finding { variant = "ttl_10k", than = "no_cache", expect = "faster", at_least = 2,
              at = static,
              why = "Caching works brilliantly when data is static: a hit asks the database nothing." },
    finding { variant = "invalidate", than = "no_cache", expect = "faster", at_least = 2,
              at = static,
              why = "Invalidation on write keeps the speed of a cache for data that rarely changes." },
    finding { variant = "ttl_10k", than = "ttl_100", expect = "faster", at = dynamic,
              why = "Freshness against speed: a longer TTL answers more reads from memory..." },
    finding { variant = "ttl_10k", than = "ttl_100", y = "stale_share", expect = "higher",
              at = dynamic,
              why = "...and serves more stale prices: an incorrect cache is an incorrect truth." },
    finding { variant = "ttl_10k", than = "ttl_100", y = "error_cents", expect = "higher",
              at = dynamic,
              why = "A stale cache in a financial system loses real money." },
    finding { variant = "invalidate", than = "no_cache", expect = "faster", below = 2,
              at = "last",
              why = "A cache fails when data is highly dynamic: with a write per read it gains little." },
    finding { variant = "versioned", than = "invalidate", y = "cache_entries", expect = "higher",
              at = "last",
              why = "You always pay something: versioned keys never delete, so old versions take memory." },
  },
}
