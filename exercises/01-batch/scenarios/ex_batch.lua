-- ex_batch: exercise 1, how big must a batch be before C pays?
scenario {
  name = "ex_batch",
  title = "Exercise 1: batch the crossing",
  talk = "000",
  question = "How many items must one call into C carry before the crossing stops mattering?",
  about = [[
Sum of squares over n doubles, as in the boundary scenario.  The C extension
is called once per item, once per chunk of `chunk` items, or once for the
whole buffer.  The chart shows where the time per item stops falling.]],
  params = { "n", "chunk" },
  items = "n",
  sweep = {
    smoke = { n = { 10000 }, chunk = { 1, 100, 10000 } },
    quick = { n = { 10000 }, chunk = { 1, 4, 16, 64, 256, 1024, 10000 } },
    full  = { n = { 100000 }, chunk = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 100000 } },
  },
  baseline = "py_loop",
  variants = {
    variant { name = "py_loop", label = "pure Python loop", kind = "python",
              entry = "ex_batch:py_loop", style = "python" },
    variant { name = "ext_item", label = "C extension per item", kind = "python",
              entry = "ex_batch:ext_item", style = "ext_item", limit = { chunk = 1 } },
    -- Yours: fill in batched() and chunked() in ../pyref/ex_batch.py.
    variant { name = "ext_batch", label = "C extension, whole buffer", kind = "python",
              entry = "ex_batch:batched", setup = "ex_batch:make_array", style = "ext_batch" },
    variant { name = "ext_chunked", label = "C extension, one call per chunk", kind = "python",
              entry = "ex_batch:chunked", setup = "ex_batch:make_chunks", style = "batched" },
  },
  charts = {
    chart { id = "ns_per_item", type = "lines", x = "chunk", y = "ns_per_item",
            logx = true, logy = true,
            title = "Time per item against items per call into C" },
  },
  findings = {
    -- Graded by `gluebench exercise batch` (targets far below what one
    -- crossing achieves here, about 30x; far above a Python loop's 1x).
    finding { variant = "ext_batch", than = "py_loop", expect = "faster", at_least = 4, at = "last",
              why = "One crossing for the whole buffer: the loop runs in C." },
    finding { variant = "ext_chunked", than = "py_loop", expect = "faster", at_least = 4, at = "last",
              why = "At chunk = n one crossing per chunk is one crossing in all." },
    finding { variant = "ext_chunked", than = "ext_item", at = { chunk = 1 },
              why = "At chunk = 1 a slice and a call per item: no better than per item." },
  },
}
