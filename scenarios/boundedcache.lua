-- boundedcache: a cache when nearly every key is new, under a memory cap.
scenario {
  name = "boundedcache",
  title = "Caching unique keys under a memory cap: unbounded, LRU, TTL",
  talk = "002",
  question = "What does a cache do when most keys are unique, and what happens when it is not bounded and memory runs out?",
  about = [[
A worker with a 400 MB address-space cap renders 64 KB responses (40
chained SHA-256 digests, about 15 us a request here); 20 % of requests ask
for one of 200 popular keys, the rest for a key never seen before.  One
call serves `batch` requests; the cache lives on between calls.  The
unbounded dict keeps every response and dies with a real MemoryError after
some 7000 requests (its status is oom, with the count in the message); a
functools.lru_cache of 1000 entries stays at 64 MB but unique keys push the
popular ones out; a TTL cache (2000 requests) holds what arrived in its
window, about 1600 entries.  Either way the hit rate is capped by the share
of repeated keys, so the cache buys little time and costs its memory; on
the test machine it even cost time, because every miss writes its 64 KB
into memory that has left the CPU's caches, where without a cache the same
freed block is reused while it is still cached.]],
  params = { "batch" },
  items = "batch",
  memory_mb = 400,
  instructions = "The failure is the measurement: an address-space cap does not bind under valgrind.",
  timeout = 60,
  sweep = {
    smoke = { batch = { 1000 } },
    quick = { batch = { 1000 } },
    full  = { batch = { 1000 } },
  },
  baseline = "no_cache",
  metrics = {
    metric { name = "requests_served", label = "requests served by the worker", unit = "requests", better = "higher" },
    metric { name = "hit_rate", label = "cache hit rate", unit = "fraction", better = "higher" },
    metric { name = "cache_entries", label = "entries held", unit = "entries", better = "lower" },
    metric { name = "cache_mb", label = "response bytes held", unit = "MB", better = "lower" },
  },
  variants = {
    variant { name = "no_cache", label = "no cache", kind = "python",
              entry = "boundedcache:no_cache", style = "python" },
    variant { name = "unbounded", label = "unbounded dict", kind = "python",
              entry = "boundedcache:unbounded", setup = "boundedcache:make_unbounded",
              style = "cached", expect_status = "oom" },
    variant { name = "lru", label = "functools.lru_cache(1000)", kind = "python",
              entry = "boundedcache:lru", setup = "boundedcache:make_lru", style = "builtin" },
    variant { name = "ttl", label = "TTL cache (2000 requests)", kind = "python",
              entry = "boundedcache:ttl", setup = "boundedcache:make_ttl", style = "step" },
  },
  charts = {
    chart { id = "hit_rate", type = "bars", y = "hit_rate", at = "last",
            title = "Hit rate with 80 % unique keys" },
    chart { id = "cache_mb", type = "bars", y = "cache_mb", at = "last",
            title = "Response bytes held by the cache" },
    chart { id = "ms_per_call", type = "bars", y = "ms_per_call", at = "last",
            title = "Time per batch of requests" },
  },
  findings = {
    finding { variant = "lru", than = "no_cache", expect = "same", at = "last",
              why = "With 80 % unique keys the hits save little; the lookup costs a little." },
    finding { variant = "ttl", than = "lru", expect = "higher", y = "cache_mb", at = "last",
              why = "A TTL bounds memory only by arrivals times TTL; the LRU by its size." },
    finding { variant = "ttl", than = "lru", expect = "higher", y = "hit_rate", at = "last",
              why = "More entries held, more popular keys still there: a bound costs hits." },
  },
}
