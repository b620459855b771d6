-- hotcall: cost times frequency, and the memory trade.
scenario {
  name = "hotcall",
  title = "A hot function: compute it faster, or remember it?",
  talk = "002",
  question = "A small function is called thousands of times: make the math faster (C), or trade memory for time (a cache)? How does the answer depend on how often the arguments repeat, and on what one call costs?",
  about = [[
A Black-Scholes call price (four integer arguments, five math calls, about a
microsecond in Python) is called `calls` times with arguments drawn from k
distinct tuples: k = 1 repeats one tuple (every call after the first hits a
cache), k far above `calls` repeats almost none.  Every cache starts empty
in every timed call, so a cache is charged for its misses.  A cache turns a
microsecond into the cost of building a key and a dict lookup -- when the
arguments repeat; when they do not, it adds that cost and keeps the memory.
The function in C is fast at every k, with no memory, and a cache in C
around it wins only while the call itself (one crossing) dominates.  The
bounded caches hold 1024 entries: lru_cache evicts the least recently used
tuple; the C memo is 4-way set-associative (256 sets, LRU per set), so it
misses a little even when k is below 1024.  Memory is tracemalloc's peak
during one call (Python allocations, the C memo's PyMem storage included).
The function's cost is the third axis: `scenarios` volatility scenarios
priced per call (the sum of the prices at vol_bp, vol_bp + 1, ...), about
half a microsecond each in Python on this VM; scenarios = 0 is the payoff
at expiry, max(spot - strike, 0), a few tens of nanoseconds per call.  A
cache's key, lookup and memory cost the same at every cost; what a hit
saves grows with it.  The quick profile makes 5,000 calls (not the
talk's 50,000) so that the ten-scenario points fit its time.]],
  params = { "calls", "k", "scenarios" },
  items = "calls",
  may_be_zero = { "scenarios" },
  sweep = {
    smoke = { calls = { 2000 }, k = { 1, 1000000 }, scenarios = { 0, 10 } },
    quick = { calls = { 5000 }, k = { 1, 10000, 1000000 }, scenarios = { 0, 1, 10 } },
    full  = { calls = { 20000 }, k = { 1, 10, 100, 1000, 10000, 100000, 1000000 },
              scenarios = { 0, 1, 10, 100 } },
  },
  baseline = "py_plain",
  variants = {
    variant { name = "py_plain", label = "pure Python, computed every call", kind = "python",
              entry = "hotcall:py_plain", style = "python" },
    variant { name = "ext_call", label = "C extension, per call", kind = "python",
              entry = "hotcall:ext_call", style = "ext_item" },
    variant { name = "lru_bounded", label = "lru_cache(maxsize=1024)", kind = "python",
              entry = "hotcall:lru_bounded", style = "cached" },
    variant { name = "lru_unbounded", label = "lru_cache(maxsize=None)", kind = "python",
              entry = "hotcall:lru_unbounded", style = "builtin" },
    variant { name = "ext_cache", label = "C extension with a C memo (1024)", kind = "python",
              entry = "hotcall:ext_cache", style = "ext_batch" },
    variant { name = "c_plain", label = "C only", kind = "c",
              entry = "hotcall:c_plain", style = "c" },
    variant { name = "c_cache", label = "C only, C memo (1024)", kind = "c",
              entry = "hotcall:c_cache", style = "other" },
  },
  charts = {
    chart { id = "ns_per_call", type = "lines", x = "k", y = "ns_per_item",
            logx = true, logy = true, at = { scenarios = 1 },
            title = "Time per call against the number of distinct argument tuples (one scenario, about 0.5 us)" },
    chart { id = "pays_0", type = "lines", x = "k", y = "speedup", logx = true, logy = true,
            at = { scenarios = 0 },
            variants = { "py_plain", "ext_call", "lru_bounded", "lru_unbounded", "ext_cache" },
            title = "Where a cache pays: speedup against k for the payoff (about 0.05 us a call)" },
    chart { id = "pays_1", type = "lines", x = "k", y = "speedup", logx = true, logy = true,
            at = { scenarios = 1 },
            variants = { "py_plain", "ext_call", "lru_bounded", "lru_unbounded", "ext_cache" },
            title = "Where a cache pays: speedup against k for one price (about 0.5 us a call)" },
    chart { id = "pays_10", type = "lines", x = "k", y = "speedup", logx = true, logy = true,
            at = { scenarios = 10 },
            variants = { "py_plain", "ext_call", "lru_bounded", "lru_unbounded", "ext_cache" },
            title = "Where a cache pays: speedup against k for ten prices (about 5 us a call)" },
    chart { id = "pays_100", type = "lines", x = "k", y = "speedup", logx = true, logy = true,
            at = { scenarios = 100 },
            variants = { "py_plain", "ext_call", "lru_bounded", "lru_unbounded", "ext_cache" },
            title = "Where a cache pays: speedup against k for 100 prices (about 50 us a call; full profile)" },
    chart { id = "memory", type = "points", x = "alloc_kb", y = "ns_per_item",
            logx = true, logy = true, at = { scenarios = 1 },
            title = "Time per call against peak memory (one point per k, one scenario)" },
    chart { id = "speedup_k1", type = "bars", y = "speedup", at = { k = 1, scenarios = 1 },
            title = "Speedup over pure Python when every call repeats (k = 1, one scenario)" },
    chart { id = "speedup_last", type = "bars", y = "speedup", at = "last",
            title = "Speedup over pure Python when almost nothing repeats, at the highest cost" },
  },
  findings = {
    finding { variant = "lru_bounded", than = "py_plain", expect = "faster", at = { k = 1, scenarios = 1 },
              why = "Same four arguments every call: the memory trade pays for a kilobyte." },
    finding { variant = "ext_call", than = "py_plain", expect = "faster", at = { k = 1, scenarios = 1 },
              why = "Faster math without memory: C computes the price in tens of nanoseconds; the call costs the rest." },
    finding { variant = "lru_unbounded", than = "py_plain", expect = "slower", at = { k = 1000000, scenarios = 1 },
              why = "Nothing repeats: every call pays the key, the lookup and the insert on top of the work, keeps megabytes, and wakes the GC." },
    finding { variant = "ext_call", than = "lru_bounded", expect = "faster", at = { k = 1000000, scenarios = 1 },
              why = "Unique arguments: only making the work itself cheaper helps." },
    finding { variant = "ext_cache", than = "ext_call", expect = "faster", below = 1.5, at = { k = 1, scenarios = 1 },
              why = "A C memo around C math: little to save once the crossing dominates." },
    finding { variant = "c_cache", than = "c_plain", expect = "faster", at = { k = 1, scenarios = 1 },
              why = "Without the boundary, a hit (a hash and four compares) beats the five math calls." },
    finding { variant = "lru_bounded", than = "py_plain", expect = "slower", at = { k = 1, scenarios = 0 },
              why = "A function of a few tens of nanoseconds: building the key and looking it up costs more than the call it saves, so even a 100% hit rate does not pay." },
    finding { variant = "lru_bounded", than = "py_plain", expect = "faster", at_least = 10, at = { k = 1, scenarios = 10 },
              why = "Ten prices (several microseconds) saved per hit for a fraction of a microsecond of lookup." },
    finding { variant = "lru_unbounded", than = "py_plain", expect = "faster", at = { k = 10000, scenarios = 10 },
              why = "With costly work even a minority of repeats pays for the misses' key and insert." },
    finding { variant = "lru_unbounded", than = "py_plain", expect = "slower", below = 1.2, at = { k = 1000000, scenarios = 10 },
              why = "Nothing repeats, but the cache's fraction of a microsecond is small next to ten prices of work." },
    finding { variant = "lru_bounded", than = "ext_call", expect = "faster", at = { k = 1, scenarios = 10 },
              why = "When every call repeats and the work is big, a Python dict lookup beats even C math done ten times over." },
    finding { variant = "ext_call", than = "lru_unbounded", expect = "faster", at_least = 5, at = { k = 1000000, scenarios = 10 },
              why = "Nothing repeats: C math is the only thing that helps, and it helps by the ratio of Python to C." },
  },
}
