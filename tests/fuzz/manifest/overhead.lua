-- overhead: what the harness itself adds to every call it times.
scenario {
  name = "fuzz",
  title = "The harness's own overhead: an empty variant per worker kind",
  talk = "000",
  question = "How much of a measured call is the measuring itself?",
  about = [[
An empty function timed exactly as every other variant.  The Python worker's
loop is timeit's (itertools.repeat, one call per iteration), so an empty
Python variant should match `python -m timeit` on the same call; the C
worker calls through a function pointer, so an empty C variant shows the
floor of a C measurement.  The two whole-process variants show the floor
of a cold-start measurement: starting an interpreter, and starting any
process at all.  Subtract nothing: read these as the resolution
of the other scenarios' numbers.]],
  params = {},
  sweep = { smoke = {}, quick = {}, full = {} },
  baseline = "py_empty",
  variants = {
    variant { name = "py_empty", label = "empty Python call", kind = "python",
              entry = "overhead:py_empty", style = "python" },
    variant { name = "c_empty", label = "empty C call", kind = "c",
              entry = "overhead:empty", style = "c" },
    variant { name = "process_python", label = "python -c pass (whole process)",
              kind = "process", command = { "{python}", "-c", "pass" }, style = "python" },
    variant { name = "process_true", label = "true (whole process)",
              kind = "process", command = { "true" }, style = "c" },
  },
  charts = {
    chart { id = "ns_per_call", type = "bars", y = "ns_per_call", logy = true,
            title = "Time of an empty call, as the harness measures it" },
    chart { id = "rss", type = "bars", y = "rss_mb",
            title = "Peak memory of an empty variant's process" },
  },
}
