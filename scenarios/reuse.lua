-- reuse: skip json.loads and the handler when a response has not changed.
local at_miss = { suppliers = 10, bodies = 400, offers = 50, unchanged = 0 }
local at_90 = { suppliers = 10, bodies = 400, offers = 50, unchanged = 90 }

scenario {
  name = "reuse",
  title = "Reuse results: do not parse an unchanged response again",
  talk = "002",
  question = "How much does skipping json.loads for unchanged bodies save as repeats grow, and what does noticing them cost when nothing repeats?",
  about = [[
A handler polls `suppliers` for fares: one call receives `bodies` JSON
bodies (about 3 KB each with 50 offers), round robin, and reduces each to
its cheapest fare per route.  A body repeats its supplier's previous one,
byte for byte, with a chance of `unchanged` percent (exact in the trace).
parse_always parses every body; hash_skip keeps each supplier's last
SHA-256 digest and result and reuses the result when the digest is equal;
hash_then_parse hashes and parses every body, the miss path of hash_skip
at any repeat rate (the hash's cost when it saves nothing); bytes_equal
keeps the last body and compares bytes instead of hashing; etag_skip
compares the ETag the supplier sends.  Each body is its own bytes object,
as if read from a socket.  parsed_share is the share of bodies parsed; it
is slightly above 100 - unchanged percent because a call's first body from a
supplier follows the previous call's last.]],
  params = { "suppliers", "bodies", "offers", "unchanged" },
  may_be_zero = { "unchanged" },
  items = "bodies",
  metrics = {
    metric { name = "parsed_share", label = "bodies parsed", unit = "share", better = "lower" },
  },
  sweep = {
    smoke = { suppliers = { 10 }, bodies = { 400 }, offers = { 50 }, unchanged = { 0, 90 } },
    quick = { suppliers = { 10 }, bodies = { 400 }, offers = { 50 },
              unchanged = { 0, 50, 90, 99 } },
    full  = { suppliers = { 10 }, bodies = { 400 }, offers = { 10, 50, 500 },
              unchanged = { 0, 50, 90, 99, 100 } },
  },
  baseline = "parse_always",
  variants = {
    variant { name = "parse_always", label = "json.loads every body", kind = "python",
              entry = "reuse:parse_always", style = "python" },
    variant { name = "hash_then_parse", label = "SHA-256, then parse anyway (miss path)",
              kind = "python", entry = "reuse:hash_then_parse", style = "step" },
    variant { name = "hash_skip", label = "skip if the SHA-256 is unchanged", kind = "python",
              entry = "reuse:hash_skip", style = "cached" },
    variant { name = "bytes_equal", label = "skip if the bytes are unchanged", kind = "python",
              entry = "reuse:bytes_equal", style = "builtin" },
    variant { name = "etag_skip", label = "skip if the ETag is unchanged", kind = "python",
              entry = "reuse:etag_skip", style = "batched" },
  },
  charts = {
    chart { id = "sweep", type = "lines", x = "unchanged", y = "ns_per_item", logy = true,
            at = { suppliers = 10, bodies = 400, offers = 50 },
            title = "Time per body against the share of unchanged bodies (%)" },
    chart { id = "miss", type = "bars", y = "ns_per_item", at = at_miss,
            title = "Nothing repeats: what noticing a repeat costs on every miss" },
    chart { id = "parsed", type = "lines", x = "unchanged", y = "parsed_share",
            at = { suppliers = 10, bodies = 400, offers = 50 },
            title = "Share of bodies parsed against the share of unchanged bodies (%)" },
    chart { id = "speedup", type = "bars", y = "speedup", logy = true, at = "last",
            title = "Speedup over parsing every body, 99% unchanged" },
  },
  findings = {
    finding { variant = "hash_skip", than = "parse_always", expect = "faster", at_least = 2,
              at = at_90,
              why = "If an API response hasn't changed, do not parse the JSON again." },
    finding { variant = "hash_then_parse", than = "parse_always", expect = "slower", at = at_miss,
              why = "No free optimization: the hash is paid on every body, changed or not." },
    finding { variant = "hash_skip", than = "parse_always", expect = "slower", at = at_miss,
              why = "When nothing repeats, reuse only adds the hash." },
    finding { variant = "etag_skip", than = "hash_skip", expect = "faster", at = "last",
              why = "An ETag tells what changed without reading the body: less work still." },
    finding { variant = "bytes_equal", than = "hash_skip", expect = "faster", at = "last",
              why = "Comparing the kept body costs less than hashing it (paid in memory)." },
  },
}
