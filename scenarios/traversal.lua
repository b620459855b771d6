-- traversal: k enrichment stages over realistic offers (talk 003).
scenario {
  name = "traversal",
  title = "Redundant traversals: k copy-pasted enrichment stages against one fused pass",
  talk = "003",
  question = "What does each copy-pasted enrichment stage over nested offers cost, and how much do one fused traversal and precomputed fields save?",
  about = [[
One parsed request of n realistic offers (flights_rich: about 4 KB of JSON
each, two itineraries of two to four segments, marketing and operating
carriers, terminals, aircraft, baggage per segment, a price broken down per
passenger type with four to eight taxes as decimal strings, fare rules with
a change fee and notes).  The product wants k values per offer (price,
duration, shortest layover, checked bags, change fee, codeshares, night
departures, price per 100 km, in that order); the handler keeps the offers
with seats, at most six segments (about 56% pass this cheap test) and a
party price under the cap, ranks them by a score over the k values and
returns the top 50 as JSON.  staged runs k copy-pasted stages, each a walk
over offers, itineraries and segments that copies the offer to add its
value and re-derives times (stages 2, 3, 7) and prices (stages 5, 8) from
the strings; precomputed keeps the stages but computes the parsed times and
the price once per offer and shares one record; fused applies the cheap
test first and walks each survivor once into a tuple.  Parsing is untimed
(setup): the time is the traversals'.  The slope of ms against k is the
price of one more stage.]],
  params = { "n", "stages" },
  items = "n",
  sweep = {
    smoke = { n = { 100 }, stages = { 1, 8 } },
    quick = { n = { 1000 }, stages = { 1, 2, 4, 8 } },
    full  = { n = { 1000, 4000 }, stages = { 1, 2, 4, 8 } },
  },
  baseline = "staged",
  timeout = 120,
  variants = {
    variant { name = "staged", label = "k copy-pasted stages", kind = "python",
              entry = "flights_traversal:staged", style = "python" },
    variant { name = "precomputed", label = "stages, values computed once", kind = "python",
              entry = "flights_traversal:precomputed", style = "cached" },
    variant { name = "fused", label = "cheap test, then one fused pass", kind = "python",
              entry = "flights_traversal:fused", style = "batched" },
  },
  charts = {
    chart { id = "ms_per_stage", type = "lines", x = "stages", y = "ms_per_call",
            caption = "The slope is the price of one more stage: a walk, a copy and the values re-derived.",
            title = "Traversals: ms per request against the number of enrichment stages" },
    chart { id = "alloc_kb", type = "bars", y = "alloc_kb", at = "last",
            title = "Traversals: memory allocated per request at eight stages" },
  },
  findings = {
    finding { variant = "fused", than = "staged", expect = "faster", at = "last",
              why = "The talk: copy-paste loops over nested data compound into latency, and a combined traversal fixes it." },
    finding { variant = "fused", than = "staged", expect = "faster", at = { stages = 1 },
              why = "Even with one stage, the cheap test first skips the walk of the offers it drops." },
    finding { variant = "precomputed", than = "staged", expect = "faster", at = "last",
              why = "The talk: computing expensive per-offer values once rather than repeatedly across the pipeline." },
    finding { variant = "fused", than = "precomputed", expect = "faster", at = "last",
              why = "Precomputing eagerly still works on the offers the cheap test drops, and walks k times." },
  },
}
