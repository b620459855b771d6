-- coldstart: the flights handler as a whole short-lived process.
scenario {
  name = "coldstart",
  title = "Cold start: one request in a fresh process, per handler step",
  talk = "003",
  question = "What does a cold invocation cost, and how much of it is imports and interpreter start?",
  about = [[
Each sample starts a fresh Python process that imports what one step of the
flights handler needs, reads the cached request and handles it once: the
whole life of a serverless invocation that starts cold.  Steps v0 and v1
import Pydantic; the later steps do not, so their cold start is shorter
even before the handler runs.  Compare with the warm handler times of the
`flights` scenario, and with `overhead`'s bare interpreter start.  Cross-check
these times with `gluebench crosscheck hyperfine coldstart`.]],
  params = { "n" },
  items = "n",
  sweep = { smoke = { n = { 1000 } }, quick = { n = { 1000 } }, full = { n = { 1000, 10000 } } },
  baseline = "cold_v0",
  variants = {
    variant { name = "cold_v0", label = "v0 json + Pydantic", kind = "process", style = "step",
              command = { "{python}", "{pyref}/flights_cold.py", "v0_baseline", "{n}", "{seed}" } },
    variant { name = "cold_v1", label = "v1 + GC off", kind = "process", style = "step",
              command = { "{python}", "{pyref}/flights_cold.py", "v1_gc_off", "{n}", "{seed}" } },
    variant { name = "cold_v2", label = "v2 + TypedDict", kind = "process", style = "step",
              command = { "{python}", "{pyref}/flights_cold.py", "v2_typeddict", "{n}", "{seed}" } },
    variant { name = "cold_v5", label = "v5 + orjson", kind = "process", style = "step",
              command = { "{python}", "{pyref}/flights_cold.py", "v5_orjson", "{n}", "{seed}" } },
    variant { name = "cold_v6", label = "v6 + C extension", kind = "process", style = "step",
              command = { "{python}", "{pyref}/flights_cold.py", "v6_ext", "{n}", "{seed}" } },
    variant { name = "cold_msgspec", label = "msgspec Structs", kind = "process",
              style = "library",
              command = { "{python}", "{pyref}/flights_cold.py", "msgspec", "{n}", "{seed}" } },
  },
  charts = {
    chart { id = "cold", type = "bars", y = "ms_per_call",
            title = "Cold start: whole process per request" },
    chart { id = "rss", type = "bars", y = "rss_mb",
            title = "Peak memory of the whole process" },
  },
  findings = {
    finding { variant = "cold_v2", than = "cold_v0", at = "last", expect = "faster",
              why = "No Pydantic to import and no models to build: a cold start pays for imports." },
    finding { variant = "cold_v6", than = "cold_v0", at = "last", expect = "faster",
              why = "The whole chain, cold." },
  },
}
