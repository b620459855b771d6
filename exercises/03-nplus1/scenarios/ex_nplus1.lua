-- ex_nplus1: exercise 3, one query instead of m.
scenario {
  name = "ex_nplus1",
  title = "Exercise 3: kill an N+1",
  talk = "002",
  question = "A handler asks the database once per order: what does one query for all m orders save, and how does it grow with m?",
  about = [[
An in-memory SQLite database (built in setup, untimed) holds `orders` orders
with about five items each, indexed by order.  The handler returns the total
of quantity * price_cents over the items of m orders.  N+1 sends one query
per order; the batched variant sends one query with an IN list.  SQLite runs
in-process, so latency_us adds SIMULATED network latency: a busy-wait of
that many microseconds before each query, as a database server across a
network would add to every round trip.]],
  params = { "orders", "m", "latency_us" },
  items = "m",
  may_be_zero = { "latency_us" },
  sweep = {
    smoke = { orders = { 10000 }, m = { 10, 100 }, latency_us = { 0, 100 } },
    quick = { orders = { 10000 }, m = { 1, 10, 100, 500 }, latency_us = { 0, 100 } },
    full  = { orders = { 100000 }, m = { 1, 10, 100, 500, 2000 }, latency_us = { 0, 100, 1000 } },
  },
  baseline = "nplus1",
  variants = {
    variant { name = "nplus1", label = "one query per order (N+1)", kind = "python",
              entry = "ex_nplus1:nplus1", style = "python" },
    -- Yours: fill in batched() in ../pyref/ex_nplus1.py.
    variant { name = "batched", label = "one query with IN (...)", kind = "python",
              entry = "ex_nplus1:batched", style = "batched" },
  },
  charts = {
    chart { id = "in_process", type = "lines", x = "m", y = "ms_per_call",
            logx = true, logy = true, at = { latency_us = 0 },
            title = "Handler time against orders asked for, in-process (no latency)" },
    chart { id = "network", type = "lines", x = "m", y = "ms_per_call",
            logx = true, logy = true, at = "last",
            title = "Handler time against orders asked for, with simulated latency" },
  },
  findings = {
    -- Not graded (no expect): in-process, what is there to save?
    finding { variant = "batched", than = "nplus1", at = { m = 100, latency_us = 0 },
              why = "In-process a query is a library call: little or nothing to save." },
    -- Graded by `gluebench exercise nplus1`: m round trips against one.
    finding { variant = "batched", than = "nplus1", expect = "faster", at_least = 5, at = "last",
              why = "One round trip instead of m: the latency is paid once." },
  },
}
