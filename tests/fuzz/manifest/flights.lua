-- flights: a flight-search handler made fast one step at a time (talk 003).
local GC_NOTE = "v1 and every later step turn the GC off while handling and run one "
  .. "gc.collect() after it, inside the timed call: a server could run that collection "
  .. "after sending the response, but the process pays for it."

scenario {
  name = "fuzz",
  title = "A flight-search handler, step by step: GC, TypedDict, fused pass, precomputed fields",
  talk = "003",
  question = "How far do GC tuning, TypedDicts, one fused traversal and precomputed fields take a Python handler of n flight offers, and what is left for C?",
  about = [[
One request: JSON with a query and n flight offers (segments with local
times and UTC offsets, fares and taxes in seven currencies, baggage, seats;
about 3% of the offers break a rule).  The handler parses it, rejects the
invalid offers with their reasons, enriches the rest (duration, stops,
shortest layover, price in euros at fixed rates, a score), filters, sorts
and serializes the top 50; every variant returns the same bytes.  The chain
is cumulative as in the talk: v0 is stdlib json with Pydantic v2 models, a
pass per stage and each value computed where it is used; v1 turns the GC
off while handling (one collection after); v2 replaces Pydantic with
TypedDicts and explicit checks; v3 fuses the passes into one; v4 carries
each offer's values in a record instead of recomputing them; v5 parses and
writes with orjson; v6 moves the fused pass into a C extension.  Beside the
chain: v0 after gc.freeze() in setup, msgspec Structs decoding in C, and
the whole handler in C with jansson.]],
  params = { "n" },
  items = "n",
  sweep = {
    smoke = { n = { 1000 } },
    quick = { n = { 1000, 10000 } },
    full  = { n = { 1000, 5000, 20000, 50000 } },
  },
  baseline = "v0_baseline",
  timeout = 300,
  variants = {
    variant { name = "v0_baseline", label = "v0 json + Pydantic", kind = "python",
              entry = "flights_pydantic:v0_baseline", setup = "flights:make_input",
              style = "step" },
    variant { name = "v1_gc_off", label = "v1 + GC off", kind = "python",
              entry = "flights_pydantic:v1_gc_off", setup = "flights:make_input",
              style = "step" },
    variant { name = "v2_typeddict", label = "v2 + TypedDict", kind = "python",
              entry = "flights:v2_typeddict", style = "step" },
    variant { name = "v3_fused", label = "v3 + fused pass", kind = "python",
              entry = "flights:v3_fused", style = "step" },
    variant { name = "v4_precomputed", label = "v4 + precomputed", kind = "python",
              entry = "flights:v4_precomputed", style = "step" },
    variant { name = "v5_orjson", label = "v5 + orjson", kind = "python",
              entry = "flights:v5_orjson", style = "step" },
    variant { name = "v6_ext", label = "v6 + C extension", kind = "python",
              entry = "flights:v6_ext", style = "step" },
    variant { name = "c_only", label = "C only (jansson)", kind = "c",
              entry = "flights:handler", style = "c" },
    variant { name = "gc_frozen", label = "v0 + gc.freeze()", kind = "python",
              entry = "flights_pydantic:gc_frozen", setup = "flights_pydantic:make_frozen",
              style = "other" },
    variant { name = "msgspec", label = "msgspec Structs", kind = "python",
              entry = "flights_msgspec:msgspec_structs", setup = "flights:make_input",
              style = "library" },
  },
  charts = {
    chart { id = "waterfall", type = "waterfall", y = "ms_per_call", at = "last",
            caption = GC_NOTE,
            title = "Flight search: handler time per step at the largest n" },
    chart { id = "gc_ms", type = "bars", y = "gc_ms", at = "last",
            caption = GC_NOTE,
            title = "Flight search: time in the cyclic GC per request" },
    chart { id = "rss_mb", type = "bars", y = "rss_mb", at = "last",
            title = "Flight search: peak memory of the process" },
    chart { id = "ms_per_call", type = "lines", x = "n", y = "ms_per_call",
            logx = true, logy = true,
            title = "Flight search: time per request against offers per request" },
  },
  findings = {
    finding { faster = "v5_orjson", than = "v0_baseline", at = "last",
              why = "The whole pure-Python chain (the talk: 4.13 s to 463 ms, 8.9x)." },
    finding { faster = "v1_gc_off", than = "v0_baseline", at = "last",
              why = "No collections while millions of young objects are made; one after." },
    finding { faster = "v1_gc_off", than = "v0_baseline", at = "last", y = "gc_ms",
              why = "The GC step's own target: GC time per request (the talk: 756 to 260 ms)." },
    finding { faster = "v2_typeddict", than = "v1_gc_off", at = "last",
              why = "Plain dicts and a few explicit checks instead of a model per object." },
    finding { faster = "v4_precomputed", than = "v2_typeddict", at = "last",
              why = "One pass, each value computed once: the fused pass and the records." },
    finding { faster = "v6_ext", than = "v5_orjson", at = "last",
              why = "The fused pass in C over the same dicts." },
    finding { faster = "gc_frozen", than = "v0_baseline", at = "last",
              why = "gc.freeze() hides only the long-lived objects: the young heap still pays." },
    finding { faster = "msgspec", than = "v5_orjson", at = "last",
              why = "Decoding into typed Structs in C, datetimes included." },
  },
}
