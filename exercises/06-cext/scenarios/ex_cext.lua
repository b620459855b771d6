-- ex_cext: exercise 6, your C kernel and extension against a Python loop.
scenario {
  name = "ex_cext",
  title = "Exercise 6: a C kernel and its CPython extension",
  talk = "000",
  question = "Written in C, a loop is fast only when one crossing carries many items: what do METH_FASTCALL per item and the buffer protocol batched buy over Python?",
  about = [[
The sum of n doubles, each clamped to [0.25, 0.75].  py_loop does it in
Python; ext_item calls your extension's clamp(x, lo, hi) per item
(METH_FASTCALL); ext_batch calls clamp_sum(buf, lo, hi) once on an
array('d'), reading it through the buffer protocol with the GIL released
around the C loop.]],
  params = { "n" },
  items = "n",
  sweep = {
    smoke = { n = { 1000, 100000 } },
    quick = { n = { 100, 1000, 10000, 100000 } },
    full  = { n = { 100, 1000, 10000, 100000, 1000000 } },
  },
  baseline = "py_loop",
  variants = {
    variant { name = "py_loop", label = "pure Python loop", kind = "python",
              entry = "ex_cext:py_loop", style = "python" },
    -- Yours: the C in ../c/kernel.c and ../c/ext.c (make build).
    variant { name = "ext_item", label = "C extension per item (FASTCALL)", kind = "python",
              entry = "ex_cext:ext_item", style = "ext_item" },
    variant { name = "ext_batch", label = "C extension, one buffer", kind = "python",
              entry = "ex_cext:ext_batch", setup = "ex_cext:make_array", style = "ext_batch" },
  },
  charts = {
    chart { id = "ns_per_item", type = "lines", x = "n", y = "ns_per_item", logx = true, logy = true,
            title = "Time per item against items per request" },
  },
  findings = {
    -- Graded by `gluebench exercise cext`.  One crossing for the whole
    -- buffer measured about 60x at n = 100000 (quick profile, one run);
    -- the target leaves room for noise and slower machines.
    finding { variant = "ext_batch", than = "py_loop", expect = "faster", at_least = 5, at = "last",
              why = "One crossing: the loop and the sum run in C." },
    -- Not graded: per item, one C call replaces two builtin calls and two
    -- global lookups; the loop and the crossing stay.
    finding { variant = "ext_item", than = "py_loop", at = "last",
              why = "One C call per item instead of min(max()): the loop and a crossing per item remain." },
  },
}
