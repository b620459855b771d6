-- iofix: an I/O-bound handler "fixed" with processes, threads, asyncio, or one batched query.
local WAITS = "Each request needs fanout values from a loopback backend that waits 2 ms per query "
  .. "(+0.1 ms per extra key); 6 requests per call, one after another."

scenario {
  name = "iofix",
  title = "Fixing I/O latency with multiprocessing, threads, asyncio, or one batched query",
  talk = "002",
  question = "When a handler waits on I/O, what do processes buy over threads or asyncio, and does one batched query beat them all?",
  about = [[
The handler is I/O-bound for real: each request needs `fanout` values
from a backend process (forked in setup, stopped in teardown, on
127.0.0.1 only) that answers each query after a real 2 ms wait, plus
0.1 ms per key after the first (a batched query is slightly slower, as
talk 002 section 9 says).  Each lookup opens a TCP
connection, sends one line of keys and reads one line of values.  One call
serves 6 requests one after another; latency is per request, the call's
time is the makespan.  The lookups run one after another (baseline), on a
process pool made for each request (the naive "fix latency with
multiprocessing": fork, pickle, join), on a warm process pool, on a warm
thread pool, with asyncio.gather on a warm loop, or as one batched query.
Pools have `fanout` workers, so every concurrent variant overlaps all of a
request's waits: processes can only add start-up, pickling and memory.
cpu_ms and rss_mb are this process's; pool_cpu_ms and pool_pss_mb are the
pool's worker processes' (PSS: shared pages split among the processes);
total_cpu_ms is both.  The backend's CPU is in none of them.]],
  params = { "fanout" },
  items = "fanout",
  timeout = 120,
  instructions = "The handler waits on a backend process: its time is sockets and sleeps, not instructions.",
  sweep = {
    smoke = { fanout = { 2 } },
    quick = { fanout = { 2, 8 } },
    full  = { fanout = { 1, 2, 4, 8, 16 } },
  },
  baseline = "sequential",
  metrics = {
    metric { name = "lat_p50_ms", label = "request latency p50", unit = "ms", better = "lower" },
    metric { name = "lat_p99_ms", label = "request latency p99 (max of 6)", unit = "ms", better = "lower" },
    metric { name = "total_cpu_ms", label = "CPU time, this process and its pool", unit = "ms", better = "lower" },
    metric { name = "pool_cpu_ms", label = "CPU time of the pool's processes", unit = "ms", better = "lower" },
    metric { name = "pool_pss_mb", label = "memory of the pool's processes (PSS)", unit = "MB", better = "lower" },
  },
  variants = {
    variant { name = "sequential", label = "lookups one after another", kind = "python",
              entry = "iofix:sequential", teardown = "iofix:close_input", style = "python" },
    variant { name = "process_pool_cold", label = "process pool made per request", kind = "python",
              entry = "iofix:process_pool_cold", teardown = "iofix:close_input", style = "other" },
    variant { name = "process_pool", label = "warm process pool", kind = "python",
              entry = "iofix:process_pool", setup = "iofix:make_processes",
              teardown = "iofix:close_input", style = "service" },
    variant { name = "thread_pool", label = "warm thread pool", kind = "python",
              entry = "iofix:thread_pool", setup = "iofix:make_threads",
              teardown = "iofix:close_input", style = "step" },
    variant { name = "asyncio_gather", label = "asyncio.gather", kind = "python",
              entry = "iofix:asyncio_gather", setup = "iofix:make_loop",
              teardown = "iofix:close_input", style = "library" },
    variant { name = "batched", label = "one batched query", kind = "python",
              entry = "iofix:batched", teardown = "iofix:close_input", style = "batched" },
  },
  charts = {
    chart { id = "lat_p50", type = "lines", x = "fanout", y = "lat_p50_ms", logx = true, logy = true,
            caption = WAITS, title = "Median request latency against lookups per request" },
    chart { id = "makespan", type = "lines", x = "fanout", y = "ms_per_call", logx = true, logy = true,
            caption = WAITS, title = "Time to serve 6 requests against lookups per request" },
    chart { id = "total_cpu_last", type = "bars", y = "total_cpu_ms", at = "last", logy = true,
            caption = WAITS, title = "CPU time per call, handler and pool, largest fanout" },
    chart { id = "pool_pss_last", type = "bars", y = "pool_pss_mb", at = "last",
            caption = WAITS, title = "Memory of the pool's processes at the largest fanout" },
  },
  findings = {
    -- Talk 002, section 11: multiprocessing is the wrong fix for I/O latency.
    finding { variant = "process_pool_cold", than = "thread_pool", y = "lat_p50_ms", expect = "higher", at = "last",
              why = "Talk 002 s11: processes started for the request pay fork and pickling; threads overlap the same waits." },
    finding { variant = "process_pool", than = "thread_pool", expect = "slower", at = "last",
              why = "Talk 002 s11: even warm, processes pay pickling and hand-offs and buy nothing over threads for waiting." },
    finding { variant = "process_pool", than = "asyncio_gather", expect = "slower", at = "last",
              why = "Talk 002 s11: nor over asyncio." },
    finding { variant = "process_pool", than = "thread_pool", y = "total_cpu_ms", expect = "higher", at = "last",
              why = "Pickling and inter-process hand-offs cost CPU that threads do not spend." },
    -- Overlapping the waits does help, with any tool.
    finding { variant = "thread_pool", than = "sequential", expect = "faster", at = "last",
              why = "A thread blocked on a socket releases the GIL: the waits overlap." },
    -- Talk 002, section 9: reduce the work; batching wins.
    finding { variant = "batched", than = "thread_pool", y = "lat_p50_ms", expect = "lower", at = "last",
              why = "Talk 002 s9: one slightly slower query instead of many." },
    finding { variant = "batched", than = "asyncio_gather", y = "lat_p50_ms", expect = "lower", at = "last",
              why = "Talk 002 s9: one query beats overlapping many." },
    finding { variant = "batched", than = "thread_pool", y = "total_cpu_ms", expect = "lower", at = "last",
              why = "One connection and one reply to parse instead of fanout of each." },
  },
}
