-- memgrowth: memory rising, latency spiking -- a leak, GC thrashing or fragmentation?
local TRACED = "Traced memory and its top allocation site come from one untimed window "
  .. "under tracemalloc in setup (a full collection before each reading); RSS, pauses "
  .. "and latencies from the timed windows."

scenario {
  name = "memgrowth",
  title = "Memory rising, latency spiking: a leak, GC thrashing or fragmentation, and how to tell",
  talk = "002",
  question = "CPU idle, memory rising, random latency spikes: a speed issue, a memory leak or GC thrashing, and which measurement tells?",
  about = [[
One call is a window of a long-running handler: `requests` requests served
one after another, each parsed into a dict of about 1 KB and answered with
a line of bytes, plus four reports whose sizes grow through the window (the
k-th sums k * 12 * `requests` computed floats).  The answer is a CRC-32 of the
responses, identical in every variant; the handler's state lives on between
calls.  The leak keeps every request in a module-level dict keyed by id;
its fix deletes the entry once the response is sent.  The thrashing handler
holds a resident catalogue of 150000 items (300000 GC-tracked objects) and
keeps each request's session (50 events pointing back at it, a reference
cycle) for the next 256 requests: the sessions reach the oldest generation,
so full collections keep coming, and each walks the catalogue and frees the
dead cycles.  gc.freeze() after loading removes the walk; breaking each
expired session's cycle as well removes the full collections.  The
fragmenting handler builds each report as tuples of fresh floats and keeps
one float in 4096 for a widget: those few objects hold the report's pymalloc
arenas; its fix writes reports into one reused float buffer.  RSS is read
from /proc/self/statm every 50 requests in the timed call, pymalloc's arenas
(sys._debugmallocstats) at its end; traced memory comes from an untimed
tracemalloc window in setup; gen-2 pauses from the module's own gc
callback; latencies are the item requests' (reports are slow by design).
memgrowth.diagnose reads, in order: traced memory growing is a leak; arenas
less than half used is fragmentation; full collections taking a tenth of
the time and making the slowest request is GC thrashing; RSS growing while
traced memory does not is fragmentation too (or memory outside Python's
allocator).  Fragmentation does not climb for ever: in a steady workload
RSS rises to the largest report's high-water mark and stays there.]],
  params = { "requests" },
  items = "requests",
  memory_mb = 1024,
  instructions = "Memory slopes, GC pauses and latency spikes: an instruction count says nothing about them.",
  timeout = 60,
  sweep = {
    smoke = { requests = { 200 } },
    quick = { requests = { 2000 } },
    full  = { requests = { 2000, 4000 } },
  },
  baseline = "healthy",
  metrics = {
    metric { name = "rss_kb_per_1k", label = "RSS slope", unit = "KB/1000 req", better = "lower" },
    metric { name = "rss_end_mb", label = "largest RSS at a checkpoint", unit = "MB", better = "lower" },
    metric { name = "traced_kb_per_1k", label = "live traced memory slope (setup window)", unit = "KB/1000 req", better = "lower" },
    metric { name = "top_site_kb_per_1k", label = "top allocation site's growth (setup window)", unit = "KB/1000 req", better = "lower" },
    metric { name = "arena_mb", label = "pymalloc arenas at the window's end", unit = "MB", better = "lower" },
    metric { name = "arena_use", label = "share of the arenas in live blocks", unit = "fraction", better = "higher" },
    metric { name = "gc2_max_ms", label = "longest gen-2 pause", unit = "ms", better = "lower" },
    metric { name = "gc2_per_1k", label = "gen-2 collections", unit = "per 1000 req", better = "lower" },
    metric { name = "gc2_share", label = "share of the window in gen-2 collections", unit = "fraction", better = "lower" },
    metric { name = "req_p50_ms", label = "median request latency", unit = "ms", better = "lower" },
    metric { name = "req_p99_ms", label = "p99 request latency", unit = "ms", better = "lower" },
    metric { name = "req_max_ms", label = "slowest request", unit = "ms", better = "lower" },
    metric { name = "spike_gc_share", label = "share of the slowest request in gen-2 collections", unit = "fraction", better = "lower" },
    metric { name = "says_leak", label = "diagnosis: a leak", unit = "share of windows", better = "lower" },
    metric { name = "says_thrashing", label = "diagnosis: GC thrashing", unit = "share of windows", better = "lower" },
    metric { name = "says_fragmentation", label = "diagnosis: fragmentation", unit = "share of windows", better = "lower" },
    metric { name = "says_healthy", label = "diagnosis: healthy", unit = "share of windows", better = "higher" },
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
    variant { name = "frag", label = "fragmentation: a widget pins report arenas", kind = "python",
              entry = "memgrowth:frag", setup = "memgrowth:make_frag",
              teardown = "memgrowth:close", style = "cached" },
    variant { name = "frag_fixed", label = "fragmentation fixed: reused buffer", kind = "python",
              entry = "memgrowth:frag_fixed", setup = "memgrowth:make_frag_fixed",
              teardown = "memgrowth:close", style = "library" },
  },
  charts = {
    chart { id = "rss_slope", type = "bars", y = "rss_kb_per_1k", at = "last", caption = TRACED,
            title = "RSS growth per 1000 requests" },
    chart { id = "traced_slope", type = "bars", y = "traced_kb_per_1k", at = "last", caption = TRACED,
            title = "Live traced memory growth per 1000 requests" },
    chart { id = "arena_use", type = "bars", y = "arena_use", at = "last",
            title = "Share of pymalloc's arenas in live blocks" },
    chart { id = "gc2_max", type = "bars", y = "gc2_max_ms", at = "last",
            title = "Longest gen-2 collection pause" },
    chart { id = "req_max", type = "bars", y = "req_max_ms", at = "last", logy = true,
            title = "Slowest request of a window" },
  },
  findings = {
    finding { variant = "leak", than = "healthy", expect = "same", within = 0.1, at = "last",
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
    finding { variant = "frag", than = "healthy", expect = "higher", y = "rss_end_mb", at = "last",
              why = "A few widget floats hold the arenas of the largest report." },
    finding { variant = "frag", than = "healthy", expect = "lower", y = "arena_use", at = "last",
              why = "Fragmentation's signature: arenas allocated, mostly empty." },
    finding { variant = "frag_fixed", than = "frag", expect = "lower", y = "arena_mb", at = "last",
              why = "Reusing one buffer: no arena ever fills with short-lived floats." },
  },
}
