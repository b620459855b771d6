-- ex_fuse: exercise 4, three traversals fused into one.
scenario {
  name = "ex_fuse",
  title = "Exercise 4: fuse the traversals",
  talk = "003",
  question = "A handler walks its offers once per stage: what does one combined traversal save?",
  about = [[
n flight offers, each a dict.  The handler keeps the offers with seats left,
converts each price to euro cents, keeps those with at most one stop under a
price cap, and returns how many are left and their total.  The staged
version walks the list once per stage and builds a new dict per offer, as
copy-pasted pipeline code does; the fused version makes one pass and builds
nothing it does not return.]],
  params = { "n" },
  items = "n",
  sweep = {
    smoke = { n = { 1000, 30000 } },
    quick = { n = { 100, 1000, 10000, 100000 } },
    full  = { n = { 100, 1000, 10000, 100000, 300000 } },
  },
  baseline = "staged",
  variants = {
    variant { name = "staged", label = "one traversal per stage", kind = "python",
              entry = "ex_fuse:staged", style = "python" },
    -- Yours: fill in fused() in ../pyref/ex_fuse.py.
    variant { name = "fused", label = "one fused traversal", kind = "python",
              entry = "ex_fuse:fused", style = "step" },
  },
  charts = {
    chart { id = "ns_per_item", type = "lines", x = "n", y = "ns_per_item", logx = true,
            title = "Time per offer against offers per request" },
    chart { id = "alloc", type = "bars", y = "alloc_kb", at = "last",
            title = "Peak memory allocated by one request at the largest n" },
  },
  findings = {
    -- Graded by `gluebench exercise fuse`.
    finding { variant = "fused", than = "staged", expect = "faster", at_least = 1.3, at = "last",
              why = "One pass and no intermediate dicts." },
  },
}
