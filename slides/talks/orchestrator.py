"""Talk 000: Python as orchestrator.

The talk's claim: Python's strength is deciding what runs, not running the
inner loop; a four-question framework says what belongs in Python and what
in compiled code, three integration patterns say how to cross, and the same
measurements tell justified complexity from technical debt.
"""

from deck import Advice, Chapter, Opening, Talk

CHAPTERS = [
    Chapter(
        "overhead",
        heading="What the ruler itself reads",
        ask="Before judging any call: how much of a measured call is the measuring?",
        frame="An empty function timed like every other variant gives the floor of every "
              "number in this deck. A difference smaller than the floor is not a finding.",
        notes="<p>Start here so nobody reads a few nanoseconds as a win. The whole-process "
              "bars are the floor of anything that starts an interpreter.</p>",
        look={"ns_per_call": "<p>Point at the gap between the empty Python call and the "
                             "empty C call: that gap is the price of asking Python to call "
                             "anything at all.</p>",
              "rss": "<p>Memory of a worker that does nothing: the baseline every other "
                     "memory bar sits on.</p>"},
        facts=[
            "An empty Python call: {csv:overhead:py_empty:last:ns_per_call:ns}; an empty C "
            "call: {csv:overhead:c_empty:last:ns_per_call:ns}.",
            "A whole Python process that does nothing: "
            "{csv:overhead:process_python:last:ns_per_call:ms}; the `true` command: "
            "{csv:overhead:process_true:last:ns_per_call:ms}.",
            "Peak memory of the empty Python worker: {csv:overhead:py_empty:last:rss_kb:mb}.",
        ],
    ),
    Chapter(
        "boundary",
        heading="Granularity decides",
        ask="Question four in miniature: when does crossing into C pay?",
        frame="The same sum of squares, written in Python, in C called per number, through "
              "ctypes and in C called once per buffer. The claim to test: moving the "
              "arithmetic into C pays only when the crossing happens once per buffer.",
        notes="<p>The talk says Python should orchestrate. This is the smallest experiment "
              "that shows why: the loop, not the language of the loop body, is what costs.</p>",
        look={"ns_per_item": "<p>Follow the per-item C line: it tracks the Python loop, "
                             "because each item still pays one call. The batched line "
                             "drops to the C-only line as n grows.</p>",
              "speedup": "<p>Bars below one are slower than the plain loop: ctypes per item "
                         "is the clearest case of complexity that costs time.</p>"},
        facts=[
            "Per item at the largest n: the Python loop "
            "{csv:boundary:py_loop:last:ns_per_item:ns}, the builtin sum "
            "{csv:boundary:py_builtin:last:ns_per_item:ns}.",
            "C called per item {csv:boundary:ext_item:last:ns_per_item:ns}, ctypes per "
            "item {csv:boundary:ctypes_item:last:ns_per_item:ns}.",
            "C called once per buffer {csv:boundary:ext_batch:last:ns_per_item:ns}, C "
            "alone {csv:boundary:c_only:last:ns_per_item:ns}.",
        ],
        advice=[
            Advice("boundary", "ext_batch/py_loop", assumes="faster",
                   yes="Hand compiled code whole buffers: one crossing per batch is where "
                       "C pays off.",
                   no="Batching into C did not pay in this run: keep the loop in Python "
                      "until a measurement says otherwise."),
            Advice("boundary", "ext_item/py_loop",
                   yes="Do not wrap a per-item function in C and call it from a Python loop: "
                       "the call costs about what the arithmetic saved.",
                   no="The per-item C call did not behave as the scenario expected: read "
                      "the interval before drawing a line."),
            Advice("boundary", "ctypes_item/py_loop",
                   yes="Keep ctypes for coarse calls: marshalling every argument on every "
                       "call is what the verdict measures.",
                   no="ctypes per item did not behave as the scenario expected in this run; "
                      "check the verdict before repeating the rule."),
            Advice("boundary", "c_only/ext_batch",
                   yes="Once the call is batched, what remains of the boundary is small: "
                       "rewriting the glue as well buys little more.",
                   no="Even the batched call left a gap to pure C here: the boundary still "
                      "costs at this size."),
        ],
    ),
    Chapter(
        "wordfreq",
        heading="The C inside Python",
        ask="Question three: is there less work to do before writing C?",
        frame="Counting words with a dict loop, with `Counter(text.split())` and with "
              "extensions of ours. The builtins are C already, so the claim to test is that an "
              "extension competes with them, not with the loop.",
        notes="<p>The tempting rewrite is measured against the wrong baseline. Compare an "
              "extension with the best plain Python, not with the slowest.</p>",
        look={"ns_per_word": "<p>The Counter line sits below the dict loop without any "
                             "compiled code of ours.</p>",
              "speedup": "<p>Read the extension bars relative to Counter, not to the loop.</p>",
              "memory": "<p>Memory grows with the text for every variant: the words "
                        "themselves are Python strings.</p>"},
        facts=[
            "Per word on the largest text: the dict loop "
            "{csv:wordfreq:py_dict:last:ns_per_item:ns}, Counter "
            "{csv:wordfreq:py_counter:last:ns_per_item:ns}.",
            "The extension that counts {csv:wordfreq:ext_count:last:ns_per_item:ns}, the "
            "one that returns the answer {csv:wordfreq:ext_top:last:ns_per_item:ns}, C "
            "alone {csv:wordfreq:c_only:last:ns_per_item:ns}.",
        ],
        advice=[
            Advice("wordfreq", "py_counter/py_dict", assumes="faster",
                   yes="Reach for the builtin first: Counter and str.split already run the "
                       "loop in C.",
                   no="The builtin did not beat the hand-written loop here; measure before "
                      "assuming it will."),
            Advice("wordfreq", "ext_count/py_counter", assumes="faster",
                   yes="An extension still wins against the builtin when it owns the whole "
                       "count, not one step of it.",
                   no="Against the builtin, the extension did not pay: that is technical "
                      "debt, not speed."),
            Advice("wordfreq", "ext_top/ext_count", assumes="faster",
                   yes="Move the ranking across as well when the answer is small: fewer "
                       "Python objects come back.",
                   no="Returning the whole answer from C did not help here."),
        ],
    ),
    Chapter(
        "patterns",
        heading="Three ways in",
        ask="Which way in, and how big must a batch be?",
        frame="Black-Scholes on a book of options through an extension module, through "
              "ctypes and through a separate service process, each called per option and "
              "per batch.",
        notes="<p>The three patterns of the talk differ mostly in what one crossing costs; "
              "batching divides that cost by the batch size.</p>",
        look={"ns_per_option": "<p>Every pattern falls as the batch grows; the service "
                               "falls furthest because its crossing is a round trip.</p>",
              "crossing": "<p>With one option per crossing, each bar minus the C-only bar is "
                          "the price of one crossing.</p>",
              "speedup": "<p>At the largest batch the patterns converge: the crossing no "
                         "longer dominates.</p>"},
        facts=[
            "Per option at the largest batch: pure Python "
            "{csv:patterns:py_loop:last:ns_per_item:ns}, NumPy "
            "{csv:patterns:numpy:last:ns_per_item:ns}.",
            "Extension per batch {csv:patterns:ext_chunks:last:ns_per_item:ns}, ctypes per "
            "batch {csv:patterns:ctypes_chunks:last:ns_per_item:ns}, service per batch "
            "{csv:patterns:service_chunks:last:ns_per_item:ns}.",
        ],
        advice=[
            Advice("patterns", "ext_batch/py_loop", assumes="faster",
                   yes="An extension module called per batch is the cheapest way in when "
                       "the build is acceptable.",
                   no="The batched extension did not pay in this run."),
            Advice("patterns", "py_loop/service_item", assumes="faster",
                   yes="Never call a separate service once per item: the plain Python loop "
                       "beats the round trip.",
                   no="Per-item service calls were not the loss expected here; check the "
                      "interval."),
            Advice("patterns", "service_chunks/py_loop", assumes="faster",
                   yes="A service is a fine boundary when each request carries a batch.",
                   no="Even batched, the service did not beat plain Python here."),
            Advice("patterns", "ext_batch/numpy", assumes="faster",
                   yes="A library that already vectorises is the alternative to weigh "
                       "before writing an extension; here the extension still led.",
                   no="The array library matched or beat our extension: prefer it over "
                      "writing C."),
        ],
    ),
]

TALK = Talk(
    number="000",
    file="orchestrator",
    title="Python as orchestrator",
    thesis="The useful question is not whether Python is fast enough but what Python "
           "should be doing. This deck measures where the line between glue and "
           "computation falls.",
    notes="<p>Every figure on these slides was read from one run folder when the deck was "
          "built; none is quoted from the talk.</p>",
    opening=[
        Opening("Four questions before moving code out of Python", [
            "Is this code the bottleneck? If it mostly waits, no rewrite of its compute "
            "can make it much faster.",
            "What does it cost, times how often it runs? A slow call made rarely is "
            "harmless; a cheap one made all the time is not.",
            "Can the work be reduced before it is moved? A builtin, a batch or a cache "
            "may beat compiled code, with no second language.",
            "Does crossing into compiled code pay, and from what size? Each crossing "
            "has a fixed price; the batch must be large enough to pay it.",
        ], "<p>Every chapter ends with these four answered from the run's own numbers; "
           "the chapters of this deck each put one question in the foreground.</p>"),
        Opening("Three ways in, one cost model", [
            "Extension module: compiled against CPython; the cheapest crossing, the "
            "heaviest build.",
            "Foreign call (ctypes): no build of ours, but every call converts its arguments.",
            "Separate service: its own process and language; every request is a round trip.",
            "The cost of one crossing times the number of crossings decides between them.",
        ]),
        Opening("Justified complexity, or technical debt", [
            "Justified: a confirmed verdict at the batch size the program really uses, by "
            "more than the noise floor.",
            "Debt: a build step, a second language and a boundary, for a gain inside the "
            "interval or eaten by the crossing.",
            "The verdicts on the following slides are the evidence for one or the other.",
        ]),
    ],
    chapters=CHAPTERS,
    takeaways=[
        Advice("boundary", "ext_batch/py_loop", assumes="faster",
               yes="Let Python orchestrate in coarse steps and give compiled code the loops.",
               no="In this run the coarse C call did not pay; the orchestration rule is not "
                  "confirmed here."),
        Advice("wordfreq", "py_counter/py_dict", assumes="faster",
               yes="Before writing C, use the C that CPython already ships.",
               no="The builtins did not help here; measure the plain loop too."),
        Advice("patterns", "py_loop/service_item", assumes="faster",
               yes="Choose the integration pattern by the cost of one crossing and the "
                   "size of the batch, not by habit.",
               no="The per-item service was not the loss expected; the pattern choice "
                  "needs another run."),
    ],
)
