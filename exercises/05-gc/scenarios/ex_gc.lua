-- ex_gc: exercise 5, the cyclic GC inside an allocation-heavy handler.
scenario {
  name = "ex_gc",
  title = "Exercise 5: pause the GC while handling",
  talk = "003",
  question = "How much of an allocation-heavy handler is the cyclic garbage collector, and what do gc.disable() and one gc.collect() afterwards change?",
  about = [[
A handler turns n input rows into n nested objects (a dict holding a list
and a dict each), keeps them all until it has its answer, and returns a
checksum.  Every allocation of a container counts towards the next
collection, so the collector runs many times per request although the
handler makes no cycles.  Read the GC columns of summary.csv:
gc_per_call (collections per request) and gc_ns_per_call (time in them).]],
  params = { "n" },
  items = "n",
  sweep = {
    smoke = { n = { 1000, 30000 } },
    quick = { n = { 1000, 10000, 100000 } },
    full  = { n = { 1000, 10000, 100000, 300000 } },
  },
  baseline = "gc_default",
  variants = {
    variant { name = "gc_default", label = "default GC", kind = "python",
              entry = "ex_gc:gc_default", style = "python" },
    -- Yours: fill in the two variants in ../pyref/ex_gc.py.
    variant { name = "gc_paused", label = "GC off while handling", kind = "python",
              entry = "ex_gc:gc_paused", style = "step" },
    variant { name = "gc_paused_collect", label = "GC off, one gc.collect() after", kind = "python",
              entry = "ex_gc:gc_paused_collect", style = "cached" },
  },
  charts = {
    chart { id = "ms_per_call", type = "lines", x = "n", y = "ms_per_call",
            logx = true, logy = true,
            title = "Handler time against rows per request" },
    chart { id = "gc_ms", type = "bars", y = "gc_ms", at = "last",
            title = "Time in the cyclic GC per request at the largest n" },
  },
  findings = {
    -- Graded by `gluebench exercise gc`.
    finding { variant = "gc_paused", than = "gc_default", expect = "faster", at_least = 1.1, at = "last",
              why = "No collections during the handler: nothing to scan." },
    -- Not graded (no expect): the question the exercise asks.
    finding { variant = "gc_paused_collect", than = "gc_default", at = "last",
              why = "One full collection instead of many young ones: is it cheaper?" },
  },
}
