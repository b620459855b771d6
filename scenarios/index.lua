-- index: both currencies of an index, the time it buys and what it costs.
local big = { rows = 1000000, inserts = 1000, lookups = 10 }
local small_writes = { rows = 10000, inserts = 1000, lookups = 1 }

scenario {
  name = "index",
  title = "What an index costs beside what it buys",
  talk = "002",
  question = "An index makes lookups faster: how much disk, memory and insert time does it cost for that?",
  about = [[
A sales table of `rows` rows in SQLite.  One call inserts `inserts` sales
in a transaction, asks `lookups` times what one customer has spent (about
a hundred sales each), and rolls back, so every call starts from the same
table.  scan has no index (every lookup reads the table); indexed has an
index on customer; covering an index on (customer, amount), which answers
the lookup without the table.  The call time is split into metrics:
insert_ms (the inserts and the rollback: every insert updates every index)
and lookup_ms (the queries); index_kb is the index's size (its pages,
counted by SQLite's dbstat) and db_kb the whole database (page_count x
page_size).  The file is built once per (rows, seed, index) in
$GLUEBENCH_CACHE_DIR, the index created after loading, and copied into
memory in setup, so the timed part is SQLite's B-tree work, not the disk.]],
  params = { "rows", "inserts", "lookups" },
  may_be_zero = { "inserts" },
  metrics = {
    metric { name = "insert_ms", label = "time of the inserts and the rollback per call",
             unit = "ms", better = "lower" },
    metric { name = "lookup_ms", label = "time of the lookups per call", unit = "ms",
             better = "lower" },
    metric { name = "index_kb", label = "size of the index", unit = "KB", better = "lower" },
    metric { name = "db_kb", label = "size of the database (page_count x page_size)",
             unit = "KB", better = "lower" },
  },
  sweep = {
    smoke = { rows = { 10000 }, inserts = { 1000 }, lookups = { 1, 10 } },
    quick = { rows = { 10000, 100000, 1000000 }, inserts = { 1000 }, lookups = { 1, 10 } },
    full  = { rows = { 10000, 100000, 1000000 }, inserts = { 0, 1000, 10000 },
              lookups = { 1, 10 } },
  },
  baseline = "scan",
  timeout = 300,
  variants = {
    variant { name = "scan", label = "no index (table scan)", kind = "python",
              entry = "index:scan", setup = "index:make_scan", teardown = "index:close_day",
              style = "python" },
    variant { name = "indexed", label = "index on customer", kind = "python",
              entry = "index:indexed", setup = "index:make_indexed",
              teardown = "index:close_day", style = "batched" },
    variant { name = "covering", label = "covering index (customer, amount)", kind = "python",
              entry = "index:covering", setup = "index:make_covering",
              teardown = "index:close_day", style = "cached" },
  },
  charts = {
    chart { id = "currencies", type = "points", x = "db_kb", y = "lookup_ms",
            logx = true, logy = true, at = { inserts = 1000, lookups = 10 },
            title = "Both currencies: lookup time against database size",
            caption = "One point per variant and table size (10k, 100k, 1M rows); 1000 inserts, 10 lookups" },
    chart { id = "lookup", type = "bars", y = "lookup_ms", logy = true, at = big,
            title = "What the index buys: time of 10 lookups" },
    chart { id = "insert", type = "bars", y = "insert_ms", at = big,
            title = "What it costs in time: 1000 inserts and the rollback" },
    chart { id = "size", type = "bars", y = "index_kb", at = big,
            title = "What it costs in memory: the size of the index" },
    chart { id = "insert_rows", type = "lines", x = "rows", y = "insert_ms", logx = true,
            at = { inserts = 1000, lookups = 10 },
            title = "Time of 1000 inserts against table size" },
    chart { id = "total", type = "lines", x = "rows", y = "ms_per_call", logx = true, logy = true,
            at = { inserts = 1000, lookups = 1 },
            title = "A write-heavy call (1000 inserts, 1 lookup) against table size" },
  },
  findings = {
    finding { variant = "indexed", than = "scan", y = "lookup_ms", expect = "lower",
              at_least = 10, at = big,
              why = "To make a query return faster (Time) you build an index..." },
    finding { variant = "indexed", than = "scan", y = "db_kb", expect = "higher", at = big,
              why = "...which permanently consumes disk space and RAM (Memory)." },
    finding { variant = "indexed", than = "scan", y = "insert_ms", expect = "higher", at = big,
              why = "No free optimization: every insert also pays for the index." },
    finding { variant = "covering", than = "indexed", y = "lookup_ms", expect = "lower",
              at = big,
              why = "A covering index buys more time: the lookup never reads the table..." },
    finding { variant = "covering", than = "indexed", y = "index_kb", expect = "higher",
              at = big,
              why = "...and costs more memory." },
    finding { variant = "scan", than = "indexed", expect = "faster", at = small_writes,
              why = "Cost-shifting: where writes dominate and the table is small, the index costs more than it saves." },
    finding { variant = "indexed", than = "scan", expect = "faster", at = big,
              why = "A poorly indexed database, not Python, is the bottleneck at scale." },
  },
}
