-- nplus1: reduce the calls, and fix the database before the code.
local at_trap = { orders = 10000, m = 100, latency_us = 0 }
local at_wait = { orders = 1000, m = 100, latency_us = 1000 }
local waits = "its round trips sleep (simulated network latency): an instruction count leaves the wait out"

scenario {
  name = "nplus1",
  title = "N+1 queries, batching, caching and a missing index",
  talk = "002",
  question = "Does the time go to Python, to the number of database round trips, or to a missing index?",
  about = [[
A handler fetches the items of m = 100 orders from a real SQLite file
(orders with about five items each, sized by `orders`) and returns the
exact total of quantity * price_cents.  N+1 sends one query per order;
batched sends one query with an IN list; cached keeps each order's total
in a dict (an array in C) across calls and is measured on its hit path
(the cache is warmed in setup), where it asks the database nothing.  The
`_noindex` variants read the same rows from a copy without the index on
order_items.order_id, so every lookup scans the table.  C variants use the
SQLite C API with prepared statements reused across calls.  latency_us is
SIMULATED network latency: before each query round trip the handler sleeps
that many microseconds (time.sleep; clock_nanosleep in C), so the CPU sits
idle as it does while a database server answers across a network, and the
per-sample CPU time (cpu_ms, cpu_share) shows how little of the handler's
time is the CPU's.  A sleep overshoots (by about 40 to 100 us per wait on
the test VM, timer slack and scheduling): the latency axis is the wait
asked for, and the Python variants record the wait they got as wait_ms.
py_nplus1_spin makes the same round trips but waits in a busy loop, as a
benchmark that fakes the network with a spin does: the same time, a busy
core, and a profiler that blames Python.  In-process, N+1 costs a few
times the batch; add a network and it costs m round trips.  A missing index
costs more than Python does: C without the index loses to Python with it.
The database never changes, so the cache here is never stale (scenario
`invalidation` measures that).  The database is built once per (orders,
seed, index) in $GLUEBENCH_CACHE_DIR (else the temporary folder), untimed.]],
  params = { "orders", "m", "latency_us" },
  may_be_zero = { "latency_us" },
  items = "m",
  metrics = {
    metric { name = "wait_ms", label = "time asleep on the simulated network per call",
             unit = "ms", better = "lower" },
  },
  sweep = {
    smoke = { orders = { 1000, 10000 }, m = { 100 }, latency_us = { 0, 100 } },
    quick = { orders = { 1000, 10000, 100000 }, m = { 100 }, latency_us = { 0, 100, 1000 } },
    full  = { orders = { 1000, 10000, 100000, 1000000 }, m = { 100 },
              latency_us = { 0, 100, 1000 } },
  },
  baseline = "py_nplus1",
  variants = {
    variant { name = "py_nplus1", label = "Python, N+1 queries", kind = "python",
              entry = "nplus1:nplus1", teardown = "nplus1:close_request", style = "python",
              instructions = waits },
    variant { name = "py_nplus1_spin", label = "Python, N+1 queries, busy-wait latency",
              kind = "python", entry = "nplus1:nplus1_spin", teardown = "nplus1:close_request",
              style = "builtin", instructions = waits, limit = { orders = 1000 } },
    variant { name = "py_batched", label = "Python, one batched query", kind = "python",
              entry = "nplus1:batched", teardown = "nplus1:close_request", style = "batched",
              instructions = waits },
    variant { name = "py_cached", label = "Python, cached (hit path)", kind = "python",
              entry = "nplus1:cached", setup = "nplus1:make_cached",
              teardown = "nplus1:close_request", style = "cached" },
    variant { name = "py_nplus1_noindex", label = "Python, N+1 queries, no index",
              kind = "python", entry = "nplus1:nplus1", setup = "nplus1:make_input_noindex",
              teardown = "nplus1:close_request", style = "step",
              limit = { orders = 1000, latency_us = 0 } },
    variant { name = "py_batched_noindex", label = "Python, batched, no index",
              kind = "python", entry = "nplus1:batched", setup = "nplus1:make_input_noindex",
              teardown = "nplus1:close_request", style = "other",
              limit = { orders = 100000, latency_us = 0 } },
    variant { name = "c_nplus1", label = "C, N+1 queries", kind = "c",
              entry = "nplus1:nplus1", style = "c", instructions = waits },
    variant { name = "c_batched", label = "C, one batched query", kind = "c",
              entry = "nplus1:batched", style = "ext_batch",
              instructions = waits },
    variant { name = "c_cached", label = "C, cached (hit path)", kind = "c",
              entry = "nplus1:cached", style = "library" },
    variant { name = "c_nplus1_noindex", label = "C, N+1 queries, no index", kind = "c",
              entry = "nplus1:nplus1_noindex", style = "ctypes",
              limit = { orders = 10000, latency_us = 0 } },
    variant { name = "c_batched_noindex", label = "C, batched, no index", kind = "c",
              entry = "nplus1:batched_noindex", style = "service",
              limit = { orders = 100000, latency_us = 0 } },
  },
  charts = {
    chart { id = "size", type = "lines", x = "orders", y = "ms_per_call",
            logx = true, logy = true, at = { m = 100, latency_us = 0 },
            title = "Items of 100 orders against database size (no added latency)" },
    chart { id = "latency", type = "lines", x = "latency_us", y = "ms_per_call",
            logy = true, at = "last",
            title = "Items of 100 orders against simulated network latency per round trip" },
    chart { id = "cpu", type = "lines", x = "latency_us", y = "cpu_share",
            at = { orders = 1000, m = 100 },
            variants = { "py_nplus1", "py_nplus1_spin", "py_batched", "c_nplus1", "c_batched" },
            title = "CPU share of the handler's time against simulated latency" },
    chart { id = "trap", type = "bars", y = "ms_per_call", logy = true, at = at_trap,
            variants = { "py_nplus1", "py_batched", "c_nplus1_noindex", "c_batched_noindex",
                         "c_nplus1", "c_batched" },
            title = "The trap: C without the index against Python with it" },
  },
  findings = {
    finding { variant = "py_nplus1", than = "c_nplus1_noindex", expect = "faster", at = at_trap,
              why = "Fix the database before the code: Python with the index beats C without it." },
    finding { variant = "py_batched", than = "py_nplus1", expect = "faster", below = 10,
              at = at_trap,
              why = "In-process SQLite: one query instead of 100 gains only a few times." },
    finding { variant = "py_batched", than = "py_nplus1", expect = "faster", at_least = 10,
              at = "last",
              why = "Over a network every round trip pays the latency: reduce the calls." },
    finding { variant = "c_nplus1", than = "py_nplus1", expect = "same", within = 0.1, at = "last",
              why = "Rewriting the N+1 loop in C keeps its round trips: no gain." },
    finding { variant = "py_nplus1", than = "py_nplus1_spin", y = "cpu_share", expect = "lower",
              at_least = 5, at = at_wait,
              why = "Network dominates latency and the CPU sits idle while it waits." },
    finding { variant = "py_cached", than = "py_batched", expect = "faster", at = "last",
              why = "A cache hit asks the database nothing (paid for in memory)." },
    finding { variant = "py_batched", than = "py_batched_noindex", expect = "faster",
              at = { orders = 10000, m = 100, latency_us = 0 },
              why = "Even one batched query scans the whole table without the index." },
  },
}
