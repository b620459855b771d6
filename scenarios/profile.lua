-- profile: a profiler tells where; the measured signals tell why.
scenario {
  name = "profile",
  title = "Three slow handlers, one top line: what tells them apart",
  talk = "002",
  question = "Three handlers take about the same time and a profiler's top line looks alike: do call counts, CPU against wall time and growth with n tell a bad algorithm from a call made 10,000 times from a wait on the network?",
  about = [[
Each handler turns an order of n lines into the same receipt (distinct
skus, total with tax), written the same way but for one mistake:
`alg` keeps the distinct skus in a list, so every membership test scans it
(O(n^2): the skus grow with n); `calls` looks the tax rate up again on
every line, a cheap pure call (about a microsecond) made n times with the
same argument; `io` gets the prices from a price service over a loopback
TCP socket (a thread started in setup that answers after 8 ms, as a slow
query would) and waits.  The constants were chosen so that the three take
about the same time at n = 10,000 on the machine this was written on.
Each handler is run plainly, under cProfile, under a sampling profiler
written here (a SIGALRM timer every 0.25 ms; the handler's line is
charged the wall and CPU time since the last sample; a loop's line-less
back edge is charged to the loop's first line), and diagnosed: timed on
n / 4 and n lines, CPU over wall time at n, cProfile's call count of the
function with the most self time at n, then a pure function
(profile_tools.name_cause) names the cause: "waiting on I/O" below half a
CPU per wall second, "algorithm" when time grows as n^1.5 or faster,
"call count" when the top function ran 1000 times or more, else
"undecided".  The verdict is reported as four 0/1 metrics (says_*), per
call, because every variant's answer must be the receipt.  The top line
alone looks alike: the sampler puts most of the wall time on one line of
each handler, and cProfile's top function holds most of the self time in
each.  What differs: how often that function ran (top_calls), CPU against
wall time (cpu_share, hot_line_cpu), and how time grows with n.  cProfile
is itself measured: its hook on every call and return slows the
call-count handler severalfold and the others little.]],
  params = { "n" },
  items = "n",
  instructions = "The io handler waits on a socket and a thread; the profilers run on timer signals: instructions would count neither the wait nor the signals fairly.",
  sweep = {
    smoke = { n = { 1000 } },
    quick = { n = { 2500, 5000, 10000 } },
    full  = { n = { 1250, 2500, 5000, 10000, 20000 } },
  },
  baseline = "alg_plain",
  timeout = 120,
  metrics = {
    metric { name = "top_calls", label = "calls of cProfile's top function", unit = "calls", better = "lower" },
    metric { name = "top_self_share", label = "top function's share of self time", unit = "share", better = "higher" },
    metric { name = "profiled_calls", label = "calls cProfile recorded", unit = "calls", better = "lower" },
    metric { name = "hot_line_share", label = "hottest line's share of wall time", unit = "share", better = "higher" },
    metric { name = "hot_line_cpu", label = "CPU over wall time on the hottest line", unit = "share", better = "higher" },
    metric { name = "samples", label = "timer samples", unit = "samples", better = "higher" },
    metric { name = "growth", label = "t(n) / t(n / 4)", unit = "x", better = "lower" },
    metric { name = "diag_cpu_share", label = "CPU over wall time, plain run", unit = "share", better = "higher" },
    metric { name = "says_algorithm", label = "diagnosed: algorithm", unit = "share of calls", better = "higher" },
    metric { name = "says_call_count", label = "diagnosed: call count", unit = "share of calls", better = "higher" },
    metric { name = "says_io", label = "diagnosed: waiting on I/O", unit = "share of calls", better = "higher" },
    metric { name = "says_undecided", label = "diagnosed: undecided", unit = "share of calls", better = "lower" },
  },
  variants = {
    variant { name = "alg_plain", label = "O(n^2) handler", kind = "python",
              entry = "profile_runs:alg_plain", style = "python" },
    variant { name = "calls_plain", label = "call-count handler", kind = "python",
              entry = "profile_runs:calls_plain", style = "cached" },
    variant { name = "io_plain", label = "waiting handler", kind = "python",
              entry = "profile_runs:io_plain", setup = "profile_runs:start_service",
              teardown = "profile_runs:stop_service", style = "service" },
    variant { name = "alg_cprofile", label = "O(n^2) handler, cProfile", kind = "python",
              entry = "profile_runs:alg_cprofile", style = "python" },
    variant { name = "calls_cprofile", label = "call-count handler, cProfile", kind = "python",
              entry = "profile_runs:calls_cprofile", style = "cached" },
    variant { name = "io_cprofile", label = "waiting handler, cProfile", kind = "python",
              entry = "profile_runs:io_cprofile", setup = "profile_runs:start_service",
              teardown = "profile_runs:stop_service", style = "service" },
    variant { name = "alg_sampled", label = "O(n^2) handler, sampler", kind = "python",
              entry = "profile_runs:alg_sampled", style = "python" },
    variant { name = "calls_sampled", label = "call-count handler, sampler", kind = "python",
              entry = "profile_runs:calls_sampled", style = "cached" },
    variant { name = "io_sampled", label = "waiting handler, sampler", kind = "python",
              entry = "profile_runs:io_sampled", setup = "profile_runs:start_service",
              teardown = "profile_runs:stop_service", style = "service" },
    variant { name = "alg_diagnose", label = "O(n^2) handler, diagnosed", kind = "python",
              entry = "profile_runs:alg_diagnose", style = "python" },
    variant { name = "calls_diagnose", label = "call-count handler, diagnosed", kind = "python",
              entry = "profile_runs:calls_diagnose", style = "cached" },
    variant { name = "io_diagnose", label = "waiting handler, diagnosed", kind = "python",
              entry = "profile_runs:io_diagnose", setup = "profile_runs:start_service",
              teardown = "profile_runs:stop_service", style = "service" },
  },
  charts = {
    chart { id = "growth", type = "lines", x = "n", y = "ms_per_call", logx = true, logy = true,
            variants = { "alg_plain", "calls_plain", "io_plain" },
            title = "Time per request against n: slopes 2, 1 and 0 on log-log axes" },
    chart { id = "top_line_sampler", type = "bars", y = "hot_line_share", at = "last",
            variants = { "alg_sampled", "calls_sampled", "io_sampled" },
            title = "The sampler's top line: one line of each handler holds most of the wall time" },
    chart { id = "top_line_cprofile", type = "bars", y = "top_self_share", at = "last",
            variants = { "alg_cprofile", "calls_cprofile", "io_cprofile" },
            title = "cProfile's top line (by self time): one function holds most of it in each" },
    chart { id = "top_calls", type = "bars", y = "top_calls", at = "last", logy = true,
            variants = { "alg_cprofile", "calls_cprofile", "io_cprofile" },
            title = "How often cProfile's top function ran in one request" },
    chart { id = "cpu_share", type = "bars", y = "cpu_share", at = "last",
            variants = { "alg_plain", "calls_plain", "io_plain" },
            title = "CPU time over wall time, unprofiled" },
    chart { id = "hot_line_cpu", type = "bars", y = "hot_line_cpu", at = "last",
            variants = { "alg_sampled", "calls_sampled", "io_sampled" },
            title = "CPU over wall time on the sampler's top line" },
    chart { id = "growth_4x", type = "bars", y = "growth", at = "last", logy = true,
            variants = { "alg_diagnose", "calls_diagnose", "io_diagnose" },
            title = "Time on n lines over time on n / 4 lines (16 for O(n^2), 4 for O(n), 1 for a fixed wait)" },
    chart { id = "overhead", type = "bars", y = "ms_per_call", at = "last",
            variants = { "alg_plain", "alg_sampled", "alg_cprofile", "calls_plain", "calls_sampled",
                         "calls_cprofile", "io_plain", "io_sampled", "io_cprofile" },
            title = "What each profiler costs: plain, sampled and cProfiled time per request" },
    chart { id = "says_algorithm", type = "bars", y = "says_algorithm", at = "last",
            variants = { "alg_diagnose", "calls_diagnose", "io_diagnose" },
            title = "Diagnosed \"algorithm\" (share of calls)" },
    chart { id = "says_call_count", type = "bars", y = "says_call_count", at = "last",
            variants = { "alg_diagnose", "calls_diagnose", "io_diagnose" },
            title = "Diagnosed \"call count\" (share of calls)" },
    chart { id = "says_io", type = "bars", y = "says_io", at = "last",
            variants = { "alg_diagnose", "calls_diagnose", "io_diagnose" },
            title = "Diagnosed \"waiting on I/O\" (share of calls)" },
  },
  findings = {
    finding { variant = "calls_plain", than = "alg_plain", expect = "same", at = { n = 10000 },
              why = "Built to take about the same time at 10,000 lines: the clock alone does not say which handler is which." },
    finding { variant = "io_plain", than = "alg_plain", expect = "same", at = { n = 10000 },
              why = "Built to take about the same time at 10,000 lines." },
    finding { variant = "calls_cprofile", than = "alg_cprofile", y = "top_calls", expect = "higher", at_least = 1000, at = "last",
              why = "cProfile counts calls: the call-count handler's top function ran once per line; the O(n^2) handler's top function is the handler itself, run once." },
    finding { variant = "calls_cprofile", than = "io_cprofile", y = "top_calls", expect = "higher", at_least = 1000, at = "last",
              why = "The waiting handler's top function is the socket's recv, called once per request." },
    finding { variant = "io_plain", than = "alg_plain", y = "cpu_share", expect = "lower", at_least = 2, at = "last",
              why = "Waiting burns no CPU: the waiting handler's CPU share is a fraction of the computing one's." },
    finding { variant = "io_plain", than = "calls_plain", y = "cpu_share", expect = "lower", at_least = 2, at = "last",
              why = "The call-count handler computes all the time it takes; the waiting one does not." },
    finding { variant = "alg_diagnose", than = "calls_diagnose", y = "growth", expect = "higher", at_least = 2, at = "last",
              why = "Four times the lines: up to 16 times the work for the list scan, 4 times for the per-line calls." },
    finding { variant = "calls_diagnose", than = "io_diagnose", y = "growth", expect = "higher", at_least = 2, at = "last",
              why = "A fixed wait barely grows with n; per-line calls grow with it." },
    finding { variant = "calls_cprofile", than = "calls_plain", expect = "slower", at_least = 2, at = "last",
              why = "cProfile's hook runs on every call and return: on 10,000 one-microsecond calls it costs more than the calls themselves." },
    finding { variant = "alg_cprofile", than = "alg_plain", expect = "slower", below = 1.5, at = "last",
              why = "Few calls, little for the hook to do: cProfile costs the O(n^2) handler only what a profiled interpreter loses on every instruction." },
    finding { variant = "io_cprofile", than = "io_plain", expect = "slower", below = 1.5, at = "last",
              why = "A wait lasts as long under any profiler; cProfile slows only the little computing around it." },
    finding { variant = "calls_sampled", than = "calls_plain", expect = "slower", below = 1.2, at = "last",
              why = "A sample every 0.25 ms costs a few microseconds: a few per cent, whatever the calls." },
    finding { variant = "alg_sampled", than = "alg_plain", expect = "slower", below = 1.2, at = "last",
              why = "The sampler's cost does not depend on what the handler does." },
  },
}
