"""reuse: if an API response has not changed, do not parse the JSON again.

Talk 002, section 9 ("Reduce work: ... Reuse Results: If an API response
hasn't changed, do not parse the JSON again").  A handler polls `suppliers`
for their fares: one call receives `bodies` response bodies, round robin
over the suppliers, each a JSON document of `offers` offers (about 80 bytes
each).  With a chance of `unchanged` percent a supplier's body is the same as
the last one it sent, byte for byte; otherwise some of its prices moved.
The handler parses the body (json.loads) and reduces it to the cheapest
fare per route; the answer is the sum over every body received of its
cheapest fares plus its seats, an int.

The variants differ in how they notice that a body has not changed:

  parse_always     never: json.loads and the handler for every body
  hash_then_parse  hashes every body (SHA-256) and still parses it: the
                   miss path of hash_skip at any repeat rate, so the time
                   it adds over parse_always is what the hash costs when it
                   saves nothing
  hash_skip        keeps each supplier's last digest and result; an equal
                   digest reuses the result, skipping json.loads and the
                   handler
  bytes_equal      keeps each supplier's last body itself and compares it
                   (a memcmp): no hash, but the bodies are kept in memory
  etag_skip        trusts the supplier's ETag, sent beside the body, and
                   compares that short string: no hash, no comparison of
                   bodies (with HTTP's If-None-Match the body would not
                   even be sent)

Every body is its own bytes object, even when equal to the last one, as a
response read from a socket is, so no comparison is decided by identity.
The trace of bodies is drawn from the seed in setup and every call
replays it; the reuse caches persist from call to call as a poller's do.
In the trace, exactly `unchanged` percent of the bodies after each supplier's
first repeat the previous one.  A supplier's first body of a call follows
its last body of the previous call, unchanged only if the supplier never
changed during the trace, so a call parses a little more than
100 - unchanged percent: the metric parsed_share is the share it parsed.
"""

import hashlib
import json

import gbinput
import gbmetrics

ROUTES = ("LHR-JFK", "CDG-SIN", "FRA-ORD", "AMS-DXB", "MAD-GRU", "ZRH-HND", "DUB-BOS",
          "MUC-LAX", "FCO-YYZ", "LIS-EWR", "VIE-BKK", "CPH-SFO")
FARES = ("Y", "W", "J", "F")
CHANGED = 4  # a changed body moves this many prices (at least one)


# --- the input: every supplier's bodies, drawn from the seed ----------------

def make_offers(rng, offers):
    return [{"route": ROUTES[rng.below(len(ROUTES))], "fare": FARES[rng.below(len(FARES))],
             "price_cents": 5000 + rng.below(200000), "seats": 1 + rng.below(9)}
            for _ in range(offers)]


def render(supplier, offers):
    """A supplier's response body: UTF-8 JSON, keys in a fixed order."""
    doc = {"supplier": "supplier-%02d" % supplier, "currency": "EUR", "offers": offers}
    return json.dumps(doc, separators=(",", ":")).encode()


class Feed:
    """The bodies one call receives, their ETags, and the reuse state."""

    def __init__(self, params, seed):
        rng = gbinput.Rng(seed)
        suppliers = params["suppliers"]
        offers = [make_offers(rng, params["offers"]) for _ in range(suppliers)]
        versions = [0] * suppliers
        # Exactly round(unchanged%) of the bodies after each supplier's first
        # repeat the last one, placed by selection sampling.
        later = max(0, params["bodies"] - suppliers)
        changes = later - (later * params["unchanged"] + 50) // 100
        self.trace = []  # (supplier, body, etag)
        for i in range(params["bodies"]):
            s = i % suppliers
            if i >= suppliers and rng.below(params["bodies"] - i) < changes:
                changes -= 1
                for _ in range(CHANGED):  # some prices moved
                    offer = offers[s][rng.below(len(offers[s]))]
                    offer["price_cents"] = 5000 + rng.below(200000)
                versions[s] += 1
            body = render(s, offers[s])
            self.trace.append((s, bytes(bytearray(body)), '"%d-%d"' % (s, versions[s])))
        self.last = {}  # supplier -> (what identifies its last body, result)


def make_input(params, seed):
    return Feed(params, seed)


# --- the handler: what parsing buys ------------------------------------------

def handle(doc):
    """Cheapest fare per route, summed, plus the seats on offer."""
    cheapest = {}
    seats = 0
    for offer in doc["offers"]:
        route, price = offer["route"], offer["price_cents"]
        if price < cheapest.get(route, price + 1):
            cheapest[route] = price
        seats += offer["seats"]
    return sum(cheapest.values()) + seats


def record(feed, parsed):
    gbmetrics.add("parsed_share", parsed / len(feed.trace))


# --- the variants --------------------------------------------------------------

def parse_always(feed):
    """No reuse: json.loads and the handler for every body."""
    total = 0
    for _, body, _ in feed.trace:
        total += handle(json.loads(body))
    record(feed, len(feed.trace))
    return total


def hash_then_parse(feed):
    """The miss path of hash_skip on every body: SHA-256, then parse anyway."""
    total = 0
    last = feed.last
    for supplier, body, _ in feed.trace:
        digest = hashlib.sha256(body).digest()
        result = handle(json.loads(body))
        last[supplier] = (digest, result)
        total += result
    record(feed, len(feed.trace))
    return total


def hash_skip(feed):
    """Content hash: an unchanged SHA-256 digest reuses the last result."""
    total = parsed = 0
    last = feed.last
    for supplier, body, _ in feed.trace:
        digest = hashlib.sha256(body).digest()
        seen = last.get(supplier)
        if seen is not None and seen[0] == digest:
            result = seen[1]
        else:
            result = handle(json.loads(body))
            last[supplier] = (digest, result)
            parsed += 1
        total += result
    record(feed, parsed)
    return total


def bytes_equal(feed):
    """Keep the last body and compare bytes: no hash, the body kept in memory."""
    total = parsed = 0
    last = feed.last
    for supplier, body, _ in feed.trace:
        seen = last.get(supplier)
        if seen is not None and seen[0] == body:
            result = seen[1]
        else:
            result = handle(json.loads(body))
            last[supplier] = (body, result)
            parsed += 1
        total += result
    record(feed, parsed)
    return total


def etag_skip(feed):
    """ETag: the supplier's version tag; equal tag, reuse the last result."""
    total = parsed = 0
    last = feed.last
    for supplier, body, etag in feed.trace:
        seen = last.get(supplier)
        if seen is not None and seen[0] == etag:
            result = seen[1]
        else:
            result = handle(json.loads(body))
            last[supplier] = (etag, result)
            parsed += 1
        total += result
    record(feed, parsed)
    return total
