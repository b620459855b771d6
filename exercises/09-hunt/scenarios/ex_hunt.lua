-- ex_hunt: exercise 9, find the slow step with a profiler and fix that one.
scenario {
  name = "ex_hunt",
  title = "Exercise 9: a profiler hunt",
  talk = "002",
  question = "A handler of five steps is slow at scale: which step is it, and what does fixing only that step buy?",
  about = [[
A handler parses n event lines, drops malformed ones, keeps each (user,
page) pair's first visit, labels the visits and renders a report.  Four
steps cost a few microseconds per line; one grows with the square of the
distinct visits.  `fixed` starts as a copy of the handler: profile it,
fix the step that dominates and nothing else, and measure.]],
  params = { "n" },
  items = "n",
  sweep = {
    smoke = { n = { 300, 3000 } },
    quick = { n = { 100, 300, 1000, 3000 } },
    full  = { n = { 100, 300, 1000, 3000, 10000 } },
  },
  baseline = "handler",
  variants = {
    variant { name = "handler", label = "the handler as shipped", kind = "python",
              entry = "ex_hunt:handler", style = "python" },
    -- Yours: fix the slow step in ../pyref/ex_hunt.py.
    variant { name = "fixed", label = "the slow step fixed", kind = "python",
              entry = "ex_hunt:fixed", style = "step" },
  },
  charts = {
    chart { id = "ns_per_item", type = "lines", x = "n", y = "ns_per_item", logx = true, logy = true,
            title = "Time per event line against lines per request" },
  },
  findings = {
    -- Graded by `gluebench exercise hunt`.  The starter is a copy (1x);
    -- the set-based fix measured about 28x at n = 3000 (one run, by hand).
    finding { variant = "fixed", than = "handler", expect = "faster", at_least = 4, at = "last",
              why = "The quadratic step made linear: the rest was never the problem." },
  },
}
