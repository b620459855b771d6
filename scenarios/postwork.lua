-- postwork: logging and cleanup inline, or on a background thread after the response,
-- with requests arriving on a schedule (open loop) so that idle gaps exist.
local OPEN = "10 requests per call, one every gap_ms; latency from when a request was due "
  .. "until its handler returned; p99 of 10 is their maximum."

scenario {
  name = "postwork",
  title = "Logging after the response: inline, a background thread, and a runtime that freezes",
  talk = "003",
  question = "Does moving logging and cleanup to a background thread cut response latency, and what happens to the log lines when requests come fast or the runtime freezes between them?",
  about = [[
One call replays 10 requests arriving every gap_ms milliseconds (open
loop: the handler sleeps until a request is due; when it is behind, the
request waits, and its latency counts from when it was due).  Each
response scores and ranks 2000 offers and serialises the best 50; the
post-work writes `records` log lines through logging (to /dev/null) and
frees the temporaries.  Inline, the response waits for the post-work.  The
background thread (started in setup) takes it from a queue of at most 4
jobs, or an unbounded one; a full bounded queue blocks the handler.  The
frozen variant models a runtime such as AWS Lambda that freezes the
process once the response is sent: the thread runs only while a later
invocation runs, competing with it for the GIL.  After the last request
the call waits one more gap and lets deferred work finish, so every
variant writes every line; the answer is the responses plus the count of
lines written.  late_share is the share of requests whose lines were not
all written when the next request came; unwritten_share the share of the
call's lines not yet written when the last response left, which a
runtime that then freezes delays, or loses if it reclaims the instance.]],
  params = { "records", "gap_ms" },
  timeout = 120,
  instructions = "The replay sleeps between arrivals and hands work to a thread: wall-clock waits, not instructions.",
  sweep = {
    smoke = { records = { 100 }, gap_ms = { 2 } },
    quick = { records = { 300 }, gap_ms = { 2, 4, 8 } },
    full  = { records = { 100, 300, 1000 }, gap_ms = { 1, 2, 4, 8, 16, 32 } },
  },
  baseline = "inline",
  metrics = {
    metric { name = "resp_p50_ms", label = "response latency p50", unit = "ms", better = "lower" },
    metric { name = "resp_p99_ms", label = "response latency p99 (max of 10)", unit = "ms", better = "lower" },
    metric { name = "late_share", label = "share of requests whose log lines were late", unit = "share", better = "lower" },
    metric { name = "unwritten_share", label = "share of log lines unwritten at the last response", unit = "share", better = "lower" },
    metric { name = "queue_max", label = "deepest post-work queue", unit = "jobs", better = "lower" },
  },
  variants = {
    variant { name = "inline", label = "inline (respond after post-work)", kind = "python",
              entry = "postwork:inline", teardown = "postwork:close_input", style = "python" },
    variant { name = "deferred", label = "background thread, queue of 4", kind = "python",
              entry = "postwork:deferred", setup = "postwork:make_deferred",
              teardown = "postwork:close_deferred", style = "step" },
    variant { name = "deferred_unbounded", label = "background thread, unbounded queue",
              kind = "python", entry = "postwork:deferred_unbounded",
              setup = "postwork:make_unbounded", teardown = "postwork:close_deferred",
              style = "service" },
    variant { name = "deferred_frozen", label = "background thread, runtime frozen after each response",
              kind = "python", entry = "postwork:deferred_frozen", setup = "postwork:make_frozen",
              teardown = "postwork:close_deferred", style = "other" },
  },
  charts = {
    chart { id = "resp_p50", type = "lines", x = "gap_ms", y = "resp_p50_ms", logx = true, logy = true,
            caption = OPEN, title = "Median response latency against the gap" },
    chart { id = "resp_p99", type = "lines", x = "gap_ms", y = "resp_p99_ms", logx = true, logy = true,
            caption = OPEN, title = "Worst response latency against the gap" },
    chart { id = "late_share", type = "lines", x = "gap_ms", y = "late_share", logx = true,
            caption = OPEN, title = "Requests whose log lines were late (after the next arrival)" },
    chart { id = "unwritten_last", type = "bars", y = "unwritten_share", at = "last",
            caption = OPEN, title = "Log lines unwritten at the last response (largest gap)" },
  },
  findings = {
    -- What talk 003 claims: post-work after the response improves perceived latency.
    finding { variant = "deferred", than = "inline", y = "resp_p50_ms", expect = "lower", at = "last",
              why = "Talk 003: logging and cleanup after the response improve perceived latency." },
    finding { variant = "deferred", than = "inline", y = "resp_p99_ms", expect = "lower", at = "last",
              why = "With idle gaps the thread finishes between requests, so the worst case drops too." },
    finding { variant = "deferred", than = "inline", y = "resp_p99_ms", expect = "lower", at = { records = 300, gap_ms = 2 },
              why = "Talk 003's claim when requests outpace the work: the same GIL and a full queue push back." },
    -- "without breaking correctness": where the lines are when the response leaves.
    finding { variant = "deferred_frozen", than = "deferred", y = "unwritten_share", expect = "higher", at = "last",
              why = "A frozen process runs deferred work only in later invocations: a backlog of lines waits, lost if the instance is reclaimed." },
    finding { variant = "deferred_frozen", than = "deferred", y = "resp_p99_ms", expect = "higher", at = "last",
              why = "The frozen backlog runs inside the next invocations and takes the GIL from their responses." },
    finding { variant = "deferred_unbounded", than = "deferred", y = "queue_max", expect = "higher", at = { records = 300, gap_ms = 2 },
              why = "Without a bound a burst queues without limit; with one the handler waits instead." },
  },
}
