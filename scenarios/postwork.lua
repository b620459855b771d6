-- postwork: logging and cleanup inline, or on a background thread after the response.
local FREEZE = "A serverless runtime may freeze the process once the response is sent: "
  .. "deferred work then runs late, at the next invocation, or not at all."

scenario {
  name = "postwork",
  title = "Logging and cleanup: inline, or on a background thread after the response",
  talk = "003",
  question = "What does moving logging and cleanup to a background thread buy the response, and what does it cost?",
  about = [[
A handler scores and ranks 2000 offers and serialises the best 50 (the
response, identical in every variant), then writes `records` log records
through the logging module to /dev/null and frees its temporaries (the
post-work).  Inline, the caller waits for both.  With a long-lived
background thread fed by a queue (started in setup, stopped in teardown),
deferred_latency returns as soon as the response is ready and
deferred_total also waits for the queue to drain (queue.join), so the pair
gives the latency and the total work.  The total does not shrink: the
thread runs the same Python under the same GIL, plus a handoff.  And the
latency is measured back to back: the previous calls' post-work is still
running on the background thread and takes the GIL from the next call, so
deferred_latency sits between the bare response and inline; when the
post-work outweighs the response the queue grows during a burst and drains
only when the handler idles.]],
  params = { "records" },
  sweep = {
    smoke = { records = { 10, 1000 } },
    quick = { records = { 10, 100, 1000, 3000 } },
    full  = { records = { 10, 30, 100, 300, 1000, 3000 } },
  },
  baseline = "inline",
  variants = {
    variant { name = "inline", label = "inline (respond after post-work)", kind = "python",
              entry = "postwork:inline", teardown = "postwork:close_input",
              style = "python" },
    variant { name = "deferred_latency", label = "background thread: response latency",
              kind = "python", entry = "postwork:deferred_latency",
              setup = "postwork:make_deferred", teardown = "postwork:close_deferred",
              style = "step" },
    variant { name = "deferred_total", label = "background thread: total work (queue.join)",
              kind = "python", entry = "postwork:deferred_total",
              setup = "postwork:make_deferred", teardown = "postwork:close_deferred",
              style = "service" },
  },
  charts = {
    chart { id = "ms_per_call", type = "lines", x = "records", y = "ms_per_call",
            logx = true, logy = true, caption = FREEZE,
            title = "Time per request against log records written per request" },
    chart { id = "ms_per_call_last", type = "bars", y = "ms_per_call", at = "last",
            caption = FREEZE,
            title = "Time per request with the most post-work" },
  },
  findings = {
    finding { faster = "deferred_latency", than = "inline", at = "last",
              why = "The response leaves before the logging, even with the thread competing for the GIL." },
    finding { faster = "deferred_total", than = "inline", at = "last",
              why = "The same work on another thread under the same GIL: no less of it." },
  },
}
