"""Talk 003: Python on serverless.

The talk's claim: a short-lived handler starts nearly from scratch, so
interpreter start, imports, object creation and garbage collection count;
tuning the collector, lighter data structures, one fused traversal,
precomputed fields, work moved after the response and threads for CPU-bound
parsing each cut the time.
"""

from deck import Advice, Chapter, Opening, Talk

CHAPTERS = [
    Chapter(
        "coldstart",
        heading="A cold start",
        ask="What does one request in a fresh process cost, and how much of it is "
            "starting and importing?",
        frame="Each sample starts a new interpreter, imports the handler and serves one "
              "request, for each step of the handler's history.",
        notes="<p>Serverless pays this on every cold invocation: the import of a heavy "
              "validation library is part of the request.</p>",
        look={"cold": "<p>Compare each bar with the floor of starting an interpreter at all "
                      "(the overhead scenario in the orchestrator deck).</p>",
              "rss": "<p>What the imports leave in memory, which a memory-priced platform "
                     "bills.</p>"},
        facts=[
            "One cold request, whole process: the first version "
            "{csv:coldstart:cold_v0:last:ns_per_call:ms}, with typed dictionaries "
            "{csv:coldstart:cold_v2:last:ns_per_call:ms}, with the C extension "
            "{csv:coldstart:cold_v6:last:ns_per_call:ms}.",
        ],
        advice=[
            Advice("coldstart", "cold_v2/cold_v0", assumes="faster",
                   yes="Drop heavy imports from the cold path: plain typed dictionaries "
                       "start faster than a validation library.",
                   no="Swapping the validation library did not change the cold start here."),
        ],
    ),
    Chapter(
        "flights",
        heading="A handler, step by step",
        ask="How far do collector tuning, lighter structures, one traversal and precomputed "
            "fields take a Python handler, and what is left for C?",
        frame="A flight-search handler over a list of offers, improved one step at a time; "
              "each step keeps the answer identical to the first.",
        notes="<p>The talk's story in one scenario. Each verdict compares a step with the "
              "one before it, so the contributions can be read apart.</p>",
        look={"waterfall": "<p>Each bar is one step; its drop is what that step bought.</p>",
              "gc_ms": "<p>Time in the cyclic collector per request: the part the collector "
                       "tuning removes.</p>",
              "rss_mb": "<p>Peak memory per step: lighter structures use less.</p>",
              "ms_per_call": "<p>The ordering of the steps holds across the offer counts.</p>"},
        facts=[
            "Per request with the most offers: the first version "
            "{csv:flights:v0_baseline:last:ns_per_call:ms}, the last Python step "
            "{csv:flights:v7_orjson:last:ns_per_call:ms}, with the C extension "
            "{csv:flights:v8_ext:last:ns_per_call:ms}.",
            "Time in the collector per request, first version: "
            "{csv:flights:v0_baseline:last:gc_ns_per_call:ms}.",
        ],
        advice=[
            Advice("flights", "v1_gc_off/v0_baseline/gc_ms", assumes="faster",
                   yes="Pause the cyclic collector during a handler that builds many objects, "
                       "and collect after it.",
                   no="The collector's time did not fall with it paused in this run."),
            Advice("flights", "v2_typeddict/v1_gc_off", assumes="faster",
                   yes="Validate at the edge, then carry plain typed dictionaries through "
                       "the pipeline.",
                   no="Plain typed dictionaries did not beat the validated models here."),
            Advice("flights", "v4_precomputed/v3_fused", assumes="faster",
                   yes="Compute a field once and carry it, instead of recomputing it in "
                       "each pass.",
                   no="Precomputing fields did not pay at this size."),
            Advice("flights", "v8_ext/v7_orjson", assumes="faster",
                   yes="What is left after the Python steps is where a compiled extension "
                       "starts to pay.",
                   no="The extension did not beat the tuned Python here."),
        ],
    ),
    Chapter(
        "postwork",
        heading="Respond first, clean up after",
        ask="What does moving logging and cleanup to a background thread buy the response, "
            "and what does it cost?",
        frame="The same post-work done inline before the response, or queued to a thread "
              "that finishes it afterwards.",
        notes="<p>Latency the caller sees is not the work the machine does: both are measured.</p>",
        look={"ms_per_call": "<p>The inline line grows with the records written; the "
                             "response line of the deferred variant does not.</p>",
              "ms_per_call_last": "<p>The total-work bar shows the work did not disappear.</p>"},
        facts=[
            "At the widest gap: inline {csv:postwork:inline:last:ns_per_call:ms} a call, "
            "deferred {csv:postwork:deferred:last:ns_per_call:ms}, deferred with a frozen "
            "runtime {csv:postwork:deferred_frozen:last:ns_per_call:ms}.",
        ],
        advice=[
            Advice("postwork", "deferred/inline/resp_p50_ms", assumes="lower",
                   yes="Return the response first and let a background thread log and "
                       "clean up.",
                   no="Deferring the post-work did not shorten the response here."),
            Advice("postwork", "deferred_frozen/deferred/unwritten_share", assumes="higher",
                   yes="A runtime that freezes the process after the response leaves the "
                       "deferred work undone: the platform must let the thread finish.",
                   no="The frozen runtime did not leave more work undone in this run."),
        ],
    ),
    Chapter(
        "concurrency",
        heading="Threads, asyncio and the GIL",
        ask="When do threads beat asyncio for CPU-bound parsing, and what does the GIL allow?",
        frame="Several payloads parsed at once: in sequence, with asyncio, on threads, in "
              "processes, and with a C parser that releases the GIL.",
        notes="<p>Asyncio helps waiting, not computing; threads help computing only when the "
              "code releases the GIL.</p>",
        look={"ms_per_call": "<p>With {meta:system.cores} cores, the sequential time divided by "
                             "the cores is the best any parallel variant can do.</p>",
              "ns_per_item": "<p>A flat line is no parallelism.</p>",
              "speedup": "<p>Only the parser that releases the GIL gains from threads.</p>"},
        facts=[
            "With the most payloads: parsed on the loop "
            "{csv:concurrency:loop_json:last:ns_per_call:ms}, on a thread "
            "{csv:concurrency:to_thread_json:last:ns_per_call:ms}, in a process pool "
            "{csv:concurrency:process_pool:last:ns_per_call:ms}, a C parser on threads "
            "{csv:concurrency:to_thread_c:last:ns_per_call:ms}.",
        ],
        advice=[
            Advice("concurrency", "to_thread_json/loop_json/lag_max_ms", assumes="lower",
                   yes="Move CPU-bound parsing off the event loop: the loop stays responsive.",
                   no="A thread running json.loads holds the GIL: the loop was not freed "
                      "measurably; read the verdict."),
            Advice("concurrency", "to_thread_c/loop_c", assumes="faster",
                   yes="Threads pay for CPU-bound work when the work runs in C with the GIL "
                       "released.",
                   no="Threads did not pay even with the GIL released here."),
        ],
    ),
]

TALK = Talk(
    number="003",
    file="serverless",
    title="Python on serverless",
    thesis="A short-lived handler starts nearly from scratch, builds many objects and exits "
           "soon: interpreter start, imports, garbage collection and repeated passes all "
           "count. This deck measures each step.",
    notes="<p>Every figure on these slides was read from one run folder when the deck was "
          "built; none is quoted from the talk.</p>",
    opening=[
        Opening("Where a short-lived handler's time goes", [
            "Starting: the interpreter and the imports, paid on every cold invocation.",
            "Objects: parsing and validating a large payload creates many, and the "
            "collector walks them.",
            "Passes: the same nested data traversed again for each step.",
            "After the response: logging and cleanup the caller need not wait for.",
            "Parallel parsing: what asyncio, threads and processes can do under the GIL.",
        ]),
    ],
    chapters=CHAPTERS,
    takeaways=[
        Advice("flights", "v1_gc_off/v0_baseline/gc_ms", assumes="faster",
               yes="Tune the collector for a handler that allocates a lot.",
               no="Collector tuning did not pay in this run."),
        Advice("flights", "v2_typeddict/v1_gc_off", assumes="faster",
               yes="Use light structures inside the handler; validate once at the edge.",
               no="Light structures did not pay in this run."),
        Advice("postwork", "deferred/inline/resp_p50_ms", assumes="lower",
               yes="Move work the caller need not wait for past the response.",
               no="Deferring work did not shorten the response in this run."),
        Advice("coldstart", "cold_v2/cold_v0", assumes="faster",
               yes="Keep the cold path's imports light.",
               no="The imports did not dominate the cold start in this run."),
    ],
)
