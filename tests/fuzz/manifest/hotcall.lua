-- hotcall: cost times frequency, and the memory trade.
scenario {
  name = "fuzz",
  title = "A hot function: compute it faster, or remember it?",
  talk = "002",
  question = "A small function is called a million times: make the math faster (C), or trade memory for time (a cache)? How does the answer depend on how often the arguments repeat?",
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
during one call (Python allocations, the C memo's PyMem storage included).]],
  params = { "calls", "k" },
  items = "calls",
  sweep = {
    smoke = { calls = { 10000 }, k = { 1, 1000, 1000000 } },
    quick = { calls = { 50000 }, k = { 1, 100, 1000, 10000, 100000, 1000000 } },
    full  = { calls = { 1000000 }, k = { 1, 10, 100, 1000, 10000, 100000, 1000000 } },
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
            logx = true, logy = true,
            title = "Time per call against the number of distinct argument tuples" },
    chart { id = "memory", type = "points", x = "alloc_kb", y = "ns_per_item",
            logx = true, logy = true,
            title = "Time per call against peak memory (one point per k)" },
    chart { id = "speedup_k1", type = "bars", y = "speedup", at = { k = 1 },
            title = "Speedup over pure Python when every call repeats (k = 1)" },
    chart { id = "speedup_last", type = "bars", y = "speedup", at = "last",
            title = "Speedup over pure Python when almost nothing repeats (largest k)" },
  },
  findings = {
    finding { faster = "lru_bounded", than = "py_plain", at = { k = 1 },
              why = "Same four arguments every call: the memory trade pays for a kilobyte." },
    finding { faster = "ext_call", than = "py_plain", at = { k = 1 },
              why = "Faster math without memory: C computes the price in tens of nanoseconds; the call costs the rest." },
    finding { faster = "lru_unbounded", than = "py_plain", at = "last",
              why = "Nothing repeats: every call pays the key, the lookup and the insert on top of the work, keeps megabytes, and wakes the GC." },
    finding { faster = "ext_call", than = "lru_bounded", at = "last",
              why = "Unique arguments: only making the work itself cheaper helps." },
    finding { faster = "ext_cache", than = "ext_call", at = { k = 1 },
              why = "A C memo around C math: little to save once the crossing dominates." },
    finding { faster = "c_cache", than = "c_plain", at = { k = 1 },
              why = "Without the boundary, a hit (a hash and four compares) beats the five math calls." },
  },
}
