-- amdahl: is the bottleneck in Python at all?
scenario {
  name = "amdahl",
  title = "Amdahl's law: rewriting a handler's compute in C",
  talk = "002",
  question = "Is the bottleneck in Python at all? What does a C rewrite of the compute buy when the handler also waits on a database?",
  about = [[
A handler asks a SQLite file database one fixed question (an aggregate
that scans a 20,000-row table, about a millisecond; the database's own
time, not Python's), then computes on the answer.  `share` is the nominal
percentage of the pure-Python handler's time spent computing: the number
of compute steps is ITERS_PER_QUERY * share / (100 - share), with
ITERS_PER_QUERY (8000) calibrated once on the test machine so that share
50 computes as long as the query takes (run `python pyref/amdahl.py` to
see the real shares on yours).  The C extension variant keeps the Python
handler and its query and moves only the compute into C; the C-only
handler also queries through the SQLite C API.  The speedup follows
Amdahl's law, 1 / ((1 - p) + p / s): at a 10% compute share even an
infinitely fast C compute saves at most 10%.  Measure where the time goes
before rewriting anything.]],
  params = { "share" },
  sweep = {
    smoke = { share = { 1, 50, 99 } },
    quick = { share = { 1, 10, 25, 50, 75, 90, 99 } },
    full  = { share = { 1, 5, 10, 25, 50, 75, 90, 95, 99 } },
  },
  baseline = "py_handler",
  variants = {
    variant { name = "py_handler", label = "Python handler (query + Python compute)",
              kind = "python", entry = "amdahl:py_handler",
              teardown = "amdahl:close_request", style = "python" },
    variant { name = "ext_handler", label = "Python handler, compute in a C extension",
              kind = "python", entry = "amdahl:ext_handler",
              teardown = "amdahl:close_request", style = "ext_batch" },
    variant { name = "c_handler", label = "C-only handler (SQLite C API + C compute)",
              kind = "c", entry = "amdahl:handler", style = "c" },
  },
  charts = {
    chart { id = "amdahl", type = "amdahl", x = "share", y = "speedup", logy = true,
            title = "Speedup of a C rewrite against the compute share" },
    chart { id = "time", type = "lines", x = "share", y = "ms_per_call", logy = true,
            title = "Handler time against the compute share" },
  },
  findings = {
    finding { variant = "ext_handler", than = "py_handler", at = { share = 1 }, expect = "same",
              why = "At 1% compute the C rewrite buys nothing: the query is the handler." },
    finding { variant = "ext_handler", than = "py_handler", at = { share = 50 },
              expect = "faster", below = 2,
              why = "Half the time in the query: under 2x however fast the C is." },
    finding { variant = "ext_handler", than = "py_handler", at = "last", expect = "faster",
              at_least = 5,
              why = "Only when nearly all the time is compute does the C speed show." },
    finding { variant = "c_handler", than = "ext_handler", at = { share = 50 },
              expect = "faster", below = 1.5,
              why = "Rewriting the glue too (query through the C API) adds little." },
  },
}
