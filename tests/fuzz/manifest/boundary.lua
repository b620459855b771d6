-- boundary: what one crossing of the Python/C boundary costs.
scenario {
  name = "fuzz",
  title = "The cost of crossing the Python/C boundary",
  talk = "000",
  question = "What does a call across the Python/C boundary cost, and when does granularity decide?",
  about = [[
Sum of squares over n doubles.  Moving the arithmetic into C pays only when
the crossing is rare: a C function called once per item costs about as much
as the Python it replaces (the call dominates), ctypes costs several times
more (argument marshalling on every call), and one call on a whole buffer
runs at C speed.  Python should orchestrate in coarse steps; C should own
the loop.]],
  params = { "n" },
  items = "n",
  sweep = {
    smoke = { n = { 10, 1000, 100000 } },
    quick = { n = { 10, 100, 1000, 10000, 100000, 1000000 } },
    full  = { n = { 1, 10, 100, 1000, 10000, 100000, 1000000 } },
  },
  baseline = "py_loop",
  variants = {
    variant { name = "py_loop", label = "pure Python loop", kind = "python",
              entry = "boundary:py_loop", style = "python" },
    variant { name = "py_builtin", label = "Python sum() builtin", kind = "python",
              entry = "boundary:py_builtin", style = "builtin" },
    variant { name = "ext_item", label = "C extension per item", kind = "python",
              entry = "boundary:ext_item", style = "ext_item" },
    variant { name = "ctypes_item", label = "ctypes per item", kind = "python",
              entry = "boundary:ctypes_item", setup = "boundary:make_ctypes",
              style = "ctypes" },
    variant { name = "ext_batch", label = "C extension, batched", kind = "python",
              entry = "boundary:ext_batch", setup = "boundary:make_array",
              style = "ext_batch" },
    variant { name = "c_only", label = "C only", kind = "c",
              entry = "boundary:sum_squares", style = "c" },
  },
  charts = {
    chart { id = "ns_per_item", type = "lines", x = "n", y = "ns_per_item",
            logx = true, logy = true,
            title = "Sum of squares: time per item against n" },
    chart { id = "speedup", type = "bars", y = "speedup", at = "last", logy = true,
            title = "Speedup over the pure Python loop at the largest n" },
  },
  findings = {
    finding { faster = "ext_batch", than = "py_loop", at = "last",
              why = "One crossing for the whole buffer: the loop runs in C." },
    finding { faster = "ext_item", than = "py_loop", at = "last",
              why = "Per-item calls keep one crossing per number: little or no gain." },
    finding { faster = "ctypes_item", than = "py_loop", at = "last",
              why = "ctypes marshals every argument: slower than the Python it replaces." },
    finding { faster = "c_only", than = "ext_batch", at = "last",
              why = "What is left of the boundary once the call is batched." },
  },
}
