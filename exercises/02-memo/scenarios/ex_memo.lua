-- ex_memo: exercise 2, the memory trade and where it stops paying.
scenario {
  name = "ex_memo",
  title = "Exercise 2: when does a cache stop paying?",
  talk = "002",
  question = "A pure function is called over and over: at how many distinct arguments k does a cache stop paying for itself?",
  about = [[
score(x) is a pure function of one integer (a few math calls).  A handler
calls it `calls` times with arguments drawn from k distinct values.  Every
cache starts empty in every timed call, so it is charged for its misses:
with k = 1 almost every call hits, with k far above `calls` almost none do.]],
  params = { "calls", "k" },
  items = "calls",
  sweep = {
    smoke = { calls = { 5000 }, k = { 1, 100, 10000, 1000000 } },
    quick = { calls = { 20000 }, k = { 1, 10, 100, 1000, 10000, 100000, 1000000 } },
    full  = { calls = { 100000 }, k = { 1, 10, 100, 1000, 10000, 100000, 1000000 } },
  },
  baseline = "plain",
  variants = {
    variant { name = "plain", label = "computed every call", kind = "python",
              entry = "ex_memo:plain", style = "python" },
    -- Yours: fill in the three cached variants in ../pyref/ex_memo.py.
    variant { name = "lru_unbounded", label = "lru_cache(maxsize=None)", kind = "python",
              entry = "ex_memo:lru_unbounded", style = "cached" },
    variant { name = "lru_bounded", label = "lru_cache(maxsize=256)", kind = "python",
              entry = "ex_memo:lru_bounded", style = "builtin" },
    variant { name = "dict_memo", label = "a plain dict as memo", kind = "python",
              entry = "ex_memo:dict_memo", style = "other" },
  },
  charts = {
    chart { id = "ns_per_call", type = "lines", x = "k", y = "ns_per_item",
            logx = true, logy = true,
            title = "Time per call of score() against distinct arguments k" },
    chart { id = "memory", type = "lines", x = "k", y = "alloc_kb",
            logx = true, logy = true,
            title = "Peak memory of one handler call against k" },
  },
  findings = {
    -- Graded by `gluebench exercise memo`: at k = 1 every call but the
    -- first is a hit (a hit costs far less than the math).
    finding { variant = "lru_unbounded", than = "plain", expect = "faster", at_least = 2, at = { k = 1 },
              why = "Every call repeats: a hit costs less than the math." },
    finding { variant = "dict_memo", than = "plain", expect = "faster", at_least = 2, at = { k = 1 },
              why = "Every call repeats: a dict hit costs less than the math." },
    -- Not graded (no expect): what the sweep's end shows.
    finding { variant = "lru_unbounded", than = "plain", at = "last",
              why = "Nothing repeats: every call pays the key, the lookup and the insert on top of the math." },
  },
}
