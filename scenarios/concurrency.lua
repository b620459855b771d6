-- concurrency: an asyncio server with K CPU-heavy requests and a stream of trivial ones.
local LAG = "Lag of a 1 ms ticker on the event loop while K bodies are parsed; "
  .. "trivial requests come every 1 ms from a client process."

scenario {
  name = "concurrency",
  title = "Threads over asyncio? An event loop's lag while K bodies are parsed",
  talk = "003",
  question = "Does moving CPU-bound parsing off the event loop keep the server responsive, and is it the thread or the parser that helps?",
  about = [[
One call is one burst on a warm asyncio server (loop, pools and a client
process made in setup): K heavy requests arrive at once, each a 230 KB
JSON body of 1000 offers to parse and reduce to one integer, while a
client process sends a trivial request every millisecond over a socket
and a ticker on the loop sleeps 1 ms at a time.  The call's time is the
burst's makespan; the metrics are the ticker's lag (how late the loop
woke) and the trivial requests' latency (from when each was due).  The
variants move the parse: on the loop, to asyncio.to_thread, to a bounded
thread pool that also reads each body from a file, or to a warm process
pool (the body pickled there), and change the parser: stdlib json,
orjson, or a C parser that builds no Python objects and releases the GIL.
json.loads and orjson.loads build Python objects and hold the GIL for the
whole document, so on a thread they still stop the loop for a document at
a time; the C parser on threads does not.  Read the parser's effect from
the *_on_loop variants and the threading's effect from to_thread_X
against loop_X.  In a short burst there are few ticks: below 100 the
per-call p99 is the call's maximum; and while K bodies are parsed on the
loop it wakes once, after all of them (asyncio runs every ready task
before it looks at its timers).  epoll's timeouts are whole
milliseconds, so even an idle loop shows up to about 1 ms of lag.  On this 2-core machine a pool has
min(K, 2) workers; to_thread uses the loop's default executor (6 threads).]],
  params = { "K" },
  items = "K",
  timeout = 120,
  instructions = "The burst is timed against a 1 ms ticker and a client process; threads, sleeps and another process's work are not in one thread's instruction count.",
  sweep = {
    smoke = { K = { 2 } },
    quick = { K = { 2, 8, 16 } },
    full  = { K = { 1, 2, 4, 8, 16, 32 } },
  },
  baseline = "loop_json",
  metrics = {
    metric { name = "lag_max_ms", label = "max ticker lag", unit = "ms", better = "lower" },
    metric { name = "lag_p50_ms", label = "median ticker lag (per burst)", unit = "ms", better = "lower" },
    metric { name = "lag_p99_ms", label = "p99 ticker lag (per burst)", unit = "ms", better = "lower" },
    metric { name = "trivial_p99_ms", label = "p99 trivial request latency (per burst)", unit = "ms", better = "lower" },
    metric { name = "trivial_max_ms", label = "max trivial request latency", unit = "ms", better = "lower" },
  },
  variants = {
    variant { name = "loop_json", label = "json.loads on the loop", kind = "python",
              entry = "concurrency:loop_json", setup = "concurrency:make_server",
              teardown = "concurrency:close_server", style = "python" },
    variant { name = "to_thread_json", label = "to_thread(json.loads)", kind = "python",
              entry = "concurrency:to_thread_json", setup = "concurrency:make_server",
              teardown = "concurrency:close_server", style = "step" },
    variant { name = "io_pool_json", label = "thread pool: file read + json.loads", kind = "python",
              entry = "concurrency:io_pool_json", setup = "concurrency:make_io_pool",
              teardown = "concurrency:close_server", style = "other" },
    variant { name = "process_pool", label = "process pool (body pickled)", kind = "python",
              entry = "concurrency:process_pool", setup = "concurrency:make_process_pool",
              teardown = "concurrency:close_server", style = "service" },
    variant { name = "loop_orjson", label = "orjson on the loop", kind = "python",
              entry = "concurrency_orjson:loop_orjson", setup = "concurrency:make_server",
              teardown = "concurrency:close_server", style = "library" },
    variant { name = "to_thread_orjson", label = "to_thread(orjson.loads)", kind = "python",
              entry = "concurrency_orjson:to_thread_orjson", setup = "concurrency:make_server",
              teardown = "concurrency:close_server", style = "cached" },
    variant { name = "loop_c", label = "C parser on the loop", kind = "python",
              entry = "concurrency:loop_c", setup = "concurrency:make_server",
              teardown = "concurrency:close_server", style = "ext_batch" },
    variant { name = "to_thread_c", label = "to_thread(C parser, GIL released)", kind = "python",
              entry = "concurrency:to_thread_c", setup = "concurrency:make_server",
              teardown = "concurrency:close_server", style = "batched" },
    variant { name = "c_only", label = "C only, no server (makespan floor)", kind = "c",
              entry = "concurrency:sequential", style = "c" },
  },
  charts = {
    chart { id = "lag_max", type = "lines", x = "K", y = "lag_max_ms", logx = true, logy = true,
            caption = LAG, title = "Largest event-loop lag during a burst of K bodies" },
    chart { id = "trivial_p99", type = "lines", x = "K", y = "trivial_p99_ms", logx = true, logy = true,
            caption = LAG, title = "p99 latency of the trivial requests during a burst of K bodies" },
    chart { id = "makespan", type = "lines", x = "K", y = "ms_per_call", logx = true, logy = true,
            title = "Makespan: time to handle a burst of K bodies" },
    chart { id = "lag_max_last", type = "bars", y = "lag_max_ms", at = "last", logy = true,
            caption = LAG, title = "Largest event-loop lag at the largest K" },
    chart { id = "cpu_share", type = "bars", y = "cpu_share", at = "last",
            title = "CPU time per wall time of the server process (2 cores: at most 2)" },
  },
  findings = {
    -- What talk 003 claims: CPU-bound parsing belongs off the loop, on threads.
    finding { variant = "to_thread_json", than = "loop_json", y = "lag_max_ms", expect = "lower", at = "last",
              why = "Talk 003: moving the CPU-bound parse to a thread keeps the event loop responsive." },
    finding { variant = "to_thread_json", than = "loop_json", y = "trivial_p99_ms", expect = "lower", at = "last",
              why = "Talk 003, as a client sees it: trivial requests no longer wait behind a parse." },
    finding { variant = "to_thread_orjson", than = "loop_orjson", y = "lag_max_ms", expect = "lower", at = "last",
              why = "Talk 003's claim with a faster parser that also builds Python objects under the GIL." },
    finding { variant = "io_pool_json", than = "loop_json", y = "lag_max_ms", expect = "lower", at = "last",
              why = "Talk 003's claim for the usual pattern: blocking read and parse together on a pool." },
    -- Threading alone, same parser: the GIL decides.
    finding { variant = "to_thread_json", than = "loop_json", expect = "same", within = 0.1, at = "last",
              why = "json.loads holds the GIL for the whole document: threads add no parallelism to the makespan." },
    finding { variant = "to_thread_c", than = "loop_c", y = "lag_max_ms", expect = "lower", at = "last",
              why = "The C parser releases the GIL, so the loop runs while threads parse." },
    finding { variant = "to_thread_c", than = "loop_c", expect = "faster", below = 2, at = "last",
              why = "With the GIL released, two cores can parse at once: at most 2x on this machine." },
    -- The parser alone, on the loop.
    finding { variant = "loop_c", than = "loop_json", expect = "faster", at = "last",
              why = "A C parser that builds no Python objects, same place (the loop), no threads." },
    finding { variant = "loop_orjson", than = "loop_json", expect = "faster", at = "last",
              why = "orjson parses faster than the stdlib json, same place, no threads." },
    -- Processes: their own GIL, paid in pickling.
    finding { variant = "process_pool", than = "loop_json", y = "lag_max_ms", expect = "lower", at = "last",
              why = "Each worker parses on its own GIL; the loop only pickles bodies." },
    finding { variant = "process_pool", than = "loop_json", expect = "faster", below = 2, at = "last",
              why = "Two cores, minus pickling each body and the client's share of the CPU." },
  },
}
