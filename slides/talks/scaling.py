"""Talk 002: the scaling mindset.

The talk's claim: speed means nothing without frequency; measure before
optimising; the bottleneck is often not Python but the database, the network
or the disk; the best optimisation removes work (fewer calls, batches,
reuse); caching trades memory for time and brings invalidation with it.
"""

from deck import Advice, Chapter, Opening, Talk

CHAPTERS = [
    Chapter(
        "amdahl",
        heading="Is the bottleneck in Python at all?",
        ask="Measure first: what does rewriting the compute buy when the handler also "
            "waits on a database?",
        frame="A handler queries a database, then computes. The share of its time spent "
              "computing bounds what any rewrite of the compute can gain.",
        notes="<p>This is Amdahl's law with real code: the faster part can only remove the "
              "time it used to take.</p>",
        look={"amdahl": "<p>The measured points follow the law's curve: little gain at a "
                        "small compute share, a large one only near the top.</p>",
              "time": "<p>The database's time is the floor under every line.</p>"},
        facts=[
            "At the largest compute share: the Python handler "
            "{csv:amdahl:py_handler:last:ns_per_call:ms}, with its compute in C "
            "{csv:amdahl:ext_handler:last:ns_per_call:ms}.",
            "At the smallest share: {csv:amdahl:py_handler:first:ns_per_call:ms} against "
            "{csv:amdahl:ext_handler:first:ns_per_call:ms}.",
        ],
        advice=[
            Advice("amdahl", "0", assumes="faster",
                   yes="When the query is the handler, a C rewrite of the compute changes "
                       "almost nothing: find the share before rewriting.",
                   no="Even at a small compute share the rewrite moved the time here; "
                      "check the measured share on this machine.",
                   unsure="At a small compute share the difference is lost in the noise, "
                          "as the law predicts it is small."),
            Advice("amdahl", "2", assumes="faster",
                   yes="Only when nearly all the time is compute does the compiled speed "
                       "show in the handler's time.",
                   no="At a high compute share the rewrite did not pay here."),
        ],
    ),
    Chapter("profile", heading="Where the profiler points",
            frame="A profile says where the time goes; the measurement after the change "
                  "says whether the fix was the right one."),
    Chapter(
        "nplus1",
        heading="Fewer round trips, and the database first",
        ask="Does the time go to Python, to the number of round trips, or to a missing index?",
        frame="A handler reads the items of many orders from a real database: one query "
              "per order, one batched query, or a cache; with and without the index.",
        notes="<p>The trap of the talk: rewriting the Python in C while the database scans "
              "a table for every lookup.</p>",
        look={"size": "<p>Watch the unindexed lines climb with the database size while the "
                      "indexed ones stay flat.</p>",
              "latency": "<p>Added latency multiplies by the number of round trips: the "
                         "one-query-per-order lines pull away.</p>",
              "trap": "<p>C without the index against Python with it.</p>"},
        advice=[
            Advice("nplus1", "py_nplus1/c_nplus1_noindex", assumes="faster",
                   yes="Fix the database before the code: Python with the index beat C "
                       "without it.",
                   no="Here C without the index was not the loser expected; the trap did "
                      "not show at this size."),
            Advice("nplus1", "py_batched/py_nplus1", assumes="faster",
                   yes="Make one query that fetches everything, not one per item.",
                   no="Batching the queries did not pay in this run."),
            Advice("nplus1", "py_cached/py_batched", assumes="faster",
                   yes="When the answer does not change, keep it: a cache hit asks the "
                       "database nothing.",
                   no="The cache did not beat the batched query here."),
        ],
    ),
    Chapter("index", heading="The missing index",
            frame="A missing index makes every lookup a scan; no rewrite of the caller "
                  "can win that back."),
    Chapter("iofix", heading="Fix the input and output, not the code",
            frame="When the time is spent waiting, faster code waits just as long."),
    Chapter(
        "hotcall",
        heading="Compute it faster, or remember it?",
        ask="A small function is called very often: make its math faster, or trade memory "
            "for time with a cache?",
        frame="The answer depends on how often the arguments repeat, so the sweep runs from "
              "every call repeating to almost none.",
        notes="<p>Cost times frequency: the same function is a hotspot or harmless depending "
              "on how often it runs and with what.</p>",
        look={"ns_per_call": "<p>The cached lines rise as repeats vanish; the compiled line "
                             "stays flat.</p>",
              "memory": "<p>Each point is one sweep step: the caches buy time with memory.</p>"},
        facts=[
            "Per call with the most distinct arguments: pure Python "
            "{csv:hotcall:py_plain:last:ns_per_item:ns}, C per call "
            "{csv:hotcall:ext_call:last:ns_per_item:ns}, bounded cache "
            "{csv:hotcall:lru_bounded:last:ns_per_item:ns}.",
            "Per call when every call repeats: pure Python "
            "{csv:hotcall:py_plain:first:ns_per_item:ns}, bounded cache "
            "{csv:hotcall:lru_bounded:first:ns_per_item:ns}.",
        ],
        advice=[
            Advice("hotcall", "lru_bounded/py_plain", assumes="faster",
                   yes="When the same arguments come back, remember the answer: a cache "
                       "beats faster math.",
                   no="The cache did not pay even with repeated arguments in this run."),
            Advice("hotcall", "ext_call/lru_bounded", assumes="faster",
                   yes="When arguments rarely repeat, a cache is pure overhead: make the "
                       "computation itself cheaper.",
                   no="With few repeats the cache still held up here."),
        ],
    ),
    Chapter("boundedcache", heading="A cache with a limit",
            frame="An unbounded cache turns saved time into memory that only grows; a bound "
                  "keeps the trade."),
    Chapter("invalidation", heading="When the cache lies",
            frame="A cache is only as good as its idea of when an entry is stale: freshness "
                  "against speed."),
    Chapter("reuse", heading="Reuse what did not change",
            frame="The cheapest parse is the one skipped because the input is the same as "
                  "last time."),
    Chapter("memgrowth", heading="Memory that only grows",
            frame="A process whose memory climbs each hour shows latency spikes before it "
                  "falls over: a leak, a cache without a bound, or the collector at work."),
]

TALK = Talk(
    number="002",
    file="scaling",
    title="The scaling mindset",
    thesis="A slow function that runs once is harmless; a fast one that runs all the "
           "time is the bottleneck. Measure where the time goes, then reduce the work "
           "before making it faster.",
    notes="<p>Every figure on these slides was read from one run folder when the deck was "
          "built; none is quoted from the talk.</p>",
    opening=[
        Opening("Two currencies", [
            "Every optimisation pays in time or in memory; none is free.",
            "A cache spends memory to save time; an index spends disk and memory to save "
            "scans.",
            "So each chapter shows what was bought and what it cost.",
        ]),
        Opening("The order of moves", [
            "Measure: is the bottleneck in this code at all?",
            "Look at the system first: round trips, the database, the disk.",
            "Reduce the work: fewer calls, batches, results reused.",
            "Only then trade memory for time, with a bound, and know when the cache is stale.",
        ], "<p>The chapters follow this order; a chapter this run did not measure is listed "
           "at the end.</p>"),
    ],
    chapters=CHAPTERS,
    takeaways=[
        Advice("amdahl", "0", assumes="faster",
               yes="Find the share of the time a part takes before rewriting it.",
               no="The compute share mattered less than the law predicts here; re-measure.",
               unsure="A rewrite of a small share hides in the noise: find the share first."),
        Advice("nplus1", "py_nplus1/c_nplus1_noindex", assumes="faster",
               yes="Fix the database before rewriting the code around it.",
               no="The missing index did not dominate in this run."),
        Advice("nplus1", "py_batched/py_nplus1", assumes="faster",
               yes="Reduce the number of calls before making each one faster.",
               no="Fewer calls did not pay in this run."),
        Advice("hotcall", "lru_bounded/py_plain", assumes="faster",
               yes="Cache what repeats, and bound the cache.",
               no="Caching did not pay here, even for repeated arguments."),
    ],
)
