-- memgrowth: memory rising, latency spiking -- a leak, or GC thrashing?
local TRACED = "Traced memory and its top allocation site come from one untimed window "
  .. "under tracemalloc in setup (a full collection before each reading); RSS, pauses "
  .. "and latencies from the timed windows."

scenario {
  name = "memgrowth",
  title = "Memory rising, latency spiking: a leak or GC thrashing, and how to tell",
  talk = "002",
  question = "CPU idle, memory rising, random latency spikes: a speed issue, a memory leak or GC thrashing, and which measurement tells?",
  about = [[
One call is a window of a long-running handler: `requests` requests served
one after another, each parsed into a dict of about 1 KB and answered with
a line of bytes (the answer is a CRC-32 of the responses, identical in
every variant); the handler's state lives on between calls.  The leak keeps
every request in a module-level dict keyed by id; its fix deletes the entry
once the response is sent.  The thrashing handler holds a resident
catalogue of 150000 items (300000 GC-tracked objects) and keeps each
request's session (50 events pointing back at it, a reference cycle) for the
next 256 requests: the sessions reach the oldest generation, so full
collections keep coming, and each walks the catalogue and frees the dead
cycles.  gc.freeze() after loading removes the walk; breaking each expired
session's cycle as well removes the full collections.  RSS is read from
/proc/self/statm every 50 requests in the timed call; traced memory from
an untimed tracemalloc window in setup; gen-2 pauses from the module's own
gc callback.  The diagnosis (memgrowth.diagnose): traced memory growing is
a leak; RSS growing while traced memory does not is fragmentation or
memory outside Python's allocator; flat memory with full collections taking
a tenth of the time and making the slowest request is GC thrashing.  No
fragmentation variant: in a steady workload pymalloc reuses the pools a few
survivors pin, so RSS stops rising, and here the healthy handler's RSS rose
as much as the pinning one's.]],
  params = { "requests" },
  items = "requests",
  memory_mb = 1024,
  instructions = "Memory slopes, GC pauses and latency spikes: an instruction count says nothing about them.",
  timeout = 60,
  sweep = {
    smoke = { requests = { 1000 } },
    quick = { requests = { 2000 } },
    full  = { requests = { 2000, 4000 } },
  },
  baseline = "healthy",
  metrics = {
    metric { name = "rss_kb_per_1k", label = "RSS slope", unit = "KB/1000 req", better = "lower" },
    metric { name = "rss_end_mb", label = "largest RSS at a checkpoint", unit = "MB", better = "lower" },
    metric { name = "traced_kb_per_1k", label = "live traced memory slope (setup window)", unit = "KB/1000 req", better = "lower" },
    metric { name = "top_site_kb_per_1k", label = "top allocation site's growth (setup window)", unit = "KB/1000 req", better = "lower" },
    metric { name = "gc2_max_ms", label = "longest gen-2 pause", unit = "ms", better = "lower" },
    metric { name = "gc2_per_1k", label = "gen-2 collections", unit = "per 1000 req", better = "lower" },
    metric { name = "gc2_share", label = "share of the window in gen-2 collections", unit = "fraction", better = "lower" },
    metric { name = "req_p50_ms", label = "median request latency", unit = "ms", better = "lower" },
    metric { name = "req_p99_ms", label = "p99 request latency", unit = "ms", better = "lower" },
    metric { name = "req_max_ms", label = "slowest request", unit = "ms", better = "lower" },
    metric { name = "spike_gc_share", label = "share of the slowest request in gen-2 collections", unit = "fraction", better = "lower" },
  },
  variants = {
    variant { name = "healthy", label = "healthy handler", kind = "python",
              entry = "memgrowth:healthy", teardown = "memgrowth:close", style = "python" },
    variant { name = "leak", label = "leak: every request kept by id", kind = "python",
              entry = "memgrowth:leak", setup = "memgrowth:make_leak",
              teardown = "memgrowth:close", style = "other" },
    variant { name = "leak_fixed", label = "leak fixed: reference released", kind = "python",
              entry = "memgrowth:leak_fixed", setup = "memgrowth:make_leak_fixed",
              teardown = "memgrowth:close", style = "step" },
    variant { name = "thrash", label = "GC thrashing: resident heap + cyclic sessions", kind = "python",
              entry = "memgrowth:thrash", setup = "memgrowth:make_thrash",
              teardown = "memgrowth:close", style = "service" },
    variant { name = "thrash_frozen", label = "thrashing + gc.freeze()", kind = "python",
              entry = "memgrowth:thrash_frozen", setup = "memgrowth:make_thrash_frozen",
              teardown = "memgrowth:close", style = "batched" },
    variant { name = "thrash_fixed", label = "gc.freeze() + cycles broken", kind = "python",
              entry = "memgrowth:thrash_fixed", setup = "memgrowth:make_thrash_fixed",
              teardown = "memgrowth:close", style = "builtin" },
  },
  charts = {
    chart { id = "rss_slope", type = "bars", y = "rss_kb_per_1k", at = "last", caption = TRACED,
            title = "RSS growth per 1000 requests" },
    chart { id = "traced_slope", type = "bars", y = "traced_kb_per_1k", at = "last", caption = TRACED,
            title = "Live traced memory growth per 1000 requests" },
    chart { id = "gc2_max", type = "bars", y = "gc2_max_ms", at = "last",
            title = "Longest gen-2 collection pause" },
    chart { id = "req_max", type = "bars", y = "req_max_ms", at = "last", logy = true,
            title = "Slowest request of a window" },
  },
  findings = {
    finding { variant = "leak", than = "healthy", expect = "same", at = "last",
              why = "A leak is not a speed issue: each request costs the same while memory climbs." },
    finding { variant = "leak", than = "healthy", expect = "higher", y = "rss_end_mb", at = "last",
              why = "The kept requests: RSS rises with every window served." },
    finding { variant = "leak_fixed", than = "leak", expect = "lower", y = "rss_end_mb", at = "last",
              why = "Releasing the reference stops the climb." },
    finding { variant = "thrash", than = "healthy", expect = "higher", y = "req_max_ms", at = "last",
              why = "Full collections over the resident heap stall whichever request triggers them." },
    finding { variant = "thrash_frozen", than = "thrash", expect = "lower", y = "gc2_max_ms", at = "last",
              why = "gc.freeze(): full collections no longer walk the catalogue." },
    finding { variant = "thrash_fixed", than = "thrash", expect = "lower", y = "req_max_ms", at = "last",
              why = "Frozen catalogue and no dead cycles: no full collection left to stall a request." },
  },
}
