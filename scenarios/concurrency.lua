-- concurrency: K CPU-bound requests at once; what the GIL lets run in parallel.
scenario {
  name = "concurrency",
  title = "K CPU-bound requests at once: asyncio, threads, processes, C without the GIL",
  talk = "003",
  question = "When do threads beat asyncio for CPU-bound parsing, and what does the GIL allow?",
  about = [[
Each call handles K request bodies, each a 230 KB JSON document of 1000
flight offers: parse it and reduce it to one integer.  asyncio runs the K
tasks one after another on one thread: parsing never awaits, so it is
sequential plus a little overhead.  Threads running the stdlib json parser
are no faster either: json.loads is C code but holds the GIL, as the
Python loop after it does.  Processes use both cores, but every payload is
pickled through a pipe to a worker process (about a millisecond per call
here).  A C parser that releases the GIL scales on threads up to the
cores, with no transfer.  Pools and the event loop are built in setup
(untimed) and shut down in teardown, as a warm handler keeps them; a pool
has min(K, cores) workers.  Measured on a 2-core machine.]],
  params = { "K" },
  items = "K",
  sweep = {
    smoke = { K = { 1, 2, 4 } },
    quick = { K = { 1, 2, 4, 8 } },
    full  = { K = { 1, 2, 3, 4, 6, 8, 12, 16 } },
  },
  baseline = "sequential",
  variants = {
    variant { name = "sequential", label = "sequential (json.loads)", kind = "python",
              entry = "concurrency:sequential", style = "python" },
    variant { name = "asyncio_gather", label = "asyncio.gather", kind = "python",
              entry = "concurrency:asyncio_gather", setup = "concurrency:make_loop",
              teardown = "concurrency:close_loop", style = "other" },
    variant { name = "threads", label = "thread pool", kind = "python",
              entry = "concurrency:threads", setup = "concurrency:make_threads",
              teardown = "concurrency:close_pool", style = "step" },
    variant { name = "processes", label = "process pool (payload pickled)", kind = "python",
              entry = "concurrency:processes", setup = "concurrency:make_processes",
              teardown = "concurrency:close_pool", style = "service" },
    variant { name = "c_sequential", label = "C parser, sequential", kind = "python",
              entry = "concurrency:c_sequential", style = "ext_batch" },
    variant { name = "c_threads", label = "C parser on threads (GIL released)", kind = "python",
              entry = "concurrency:c_threads", setup = "concurrency:make_threads",
              teardown = "concurrency:close_pool", style = "batched" },
    variant { name = "c_only", label = "C only, sequential", kind = "c",
              entry = "concurrency:sequential", style = "c" },
  },
  charts = {
    chart { id = "ms_per_call", type = "lines", x = "K", y = "ms_per_call",
            logx = true, logy = true,
            title = "Time to handle K payloads against K (2 cores)" },
    chart { id = "ns_per_item", type = "lines", x = "K", y = "ns_per_item",
            logx = true, logy = true,
            title = "Time per payload against K: flat is no parallelism" },
    chart { id = "speedup", type = "bars", y = "speedup", at = "last",
            title = "Speedup over sequential json.loads at the largest K" },
  },
  findings = {
    finding { faster = "threads", than = "sequential", at = "last",
              why = "Threads share one GIL; json.loads and the Python loop both hold it." },
    finding { faster = "asyncio_gather", than = "sequential", at = "last",
              why = "Parsing never awaits: the event loop runs the tasks one after another." },
    finding { faster = "processes", than = "sequential", at = "last",
              why = "Two cores, minus pickling every payload through a pipe." },
    finding { faster = "c_threads", than = "c_sequential", at = "last",
              why = "The C parser releases the GIL, so threads parse on both cores." },
    finding { faster = "c_threads", than = "asyncio_gather", at = "last",
              why = "Threads beat asyncio when the CPU work releases the GIL." },
  },
}
