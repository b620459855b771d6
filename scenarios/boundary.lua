-- boundary: what one crossing of the Python/C boundary costs.
scenario {
  name = "boundary",
  title = "The cost of crossing the Python/C boundary",
  talk = "000",
  question = "What does a call across the Python/C boundary cost, and when does granularity decide?",
  about = [[
Sum of squares over n doubles.  Moving the arithmetic into C pays only when
the crossing is rare: a C function called once per item costs about as much
as the Python it replaces (the call dominates), ctypes costs several times
more (argument marshalling on every call), and one call on a whole buffer
runs at C speed -- once the numbers are in a C buffer.  ext_batch gets its
array('d') from setup, untimed; its twin ext_batch_from_list gets the same
Python list as the loops and copies it into an array('d') inside the timed
call.  When the data starts as Python objects, that copy (one unboxing per
number) costs far more than the C loop, and the end-to-end gain over the
pure loop is a small multiple, not the buffer-to-buffer one.  ext_list
hands the list itself to the extension, which unboxes it in C into its own
buffer: the same copy without array('d')'s per-item argument parsing.  Python should
orchestrate in coarse steps; C should own the loop and, where it can, the
data.]],
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
    variant { name = "ext_batch_from_list", label = "C extension, batched, array built in the call",
              kind = "python", entry = "boundary:ext_batch_from_list", style = "batched" },
    variant { name = "ext_list", label = "C extension, batched, list unboxed in C",
              kind = "python", entry = "boundary:ext_list", style = "other" },
    variant { name = "c_only", label = "C only", kind = "c",
              entry = "boundary:sum_squares", style = "c" },
  },
  charts = {
    chart { id = "ns_per_item", type = "lines", x = "n", y = "ns_per_item",
            logx = true, logy = true,
            title = "Sum of squares: time per item against n" },
    chart { id = "speedup", type = "bars", y = "speedup", at = "last", logy = true,
            title = "Speedup over the pure Python loop at the largest n" },
    chart { id = "end_to_end", type = "bars", y = "ns_per_item", at = "last", logy = true,
            variants = { "py_loop", "ext_batch_from_list", "ext_list", "ext_batch", "c_only" },
            title = "Batched, with and without the copy from a Python list, at the largest n" },
  },
  findings = {
    finding { variant = "ext_batch", than = "py_loop", expect = "faster", at_least = 10, at = "last",
              why = "One crossing for the whole buffer, built in setup: the loop runs in C." },
    finding { variant = "ext_batch_from_list", than = "py_loop", expect = "faster", below = 3, at = "last",
              why = "The same call charged for copying the list into a buffer: unboxing a float costs about as much as squaring it in Python, so end to end the gain is small." },
    finding { variant = "ext_batch_from_list", than = "ext_batch", expect = "slower", at_least = 5, at = "last",
              why = "The copy out of Python objects costs several times the C loop it feeds." },
    finding { variant = "ext_list", than = "ext_batch_from_list", expect = "faster", at = "last",
              why = "Unboxing in C skips array('d')'s per-item argument parsing: the copy is cheaper, though still not free." },
    finding { variant = "ext_list", than = "ext_batch", expect = "slower", at = "last",
              why = "Even done in C, reading a million Python floats costs more than squaring a million doubles." },
    finding { variant = "ext_item", than = "py_loop", expect = "same", within = 0.1, at = "last",
              why = "Per-item calls keep one crossing per number: little or no gain." },
    finding { variant = "ctypes_item", than = "py_loop", expect = "slower", at_least = 2, at = "last",
              why = "ctypes marshals every argument: slower than the Python it replaces." },
    finding { variant = "c_only", than = "ext_batch", expect = "same", within = 0.1, at = "last",
              why = "What is left of the boundary once the call is batched." },
  },
}
