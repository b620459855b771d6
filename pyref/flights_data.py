"""flights_data: the flight-search request every `flights` variant handles.

A request is one JSON document: a query (party size, stop and price limits,
how many results to return) and n flight offers.  An offer has one or two
itineraries (one way or a round trip) of one to three segments, each with a
carrier, a flight number, airports and local departure and arrival times as
ISO-8601 with the airport's UTC offset; a fare and one to three taxes in
several currencies; baggage; seats left.  About 3 % of the offers carry one
fault (arrival before departure, overlapping segments, negative fare,
unknown currency, missing field) that the handler must reject.

The request is written once per (n, seed) to a cache file and every variant,
Python or C, reads the same bytes.  Run as a script,
`python flights_data.py N SEED` makes sure the file exists and prints its
path (the C setup does this when it finds no file).
"""

import datetime
import json
import os
import sys

import gbinput

# Bump when the payload changes, so that stale cache files are not reused.
FORMAT = "g2"

AIRPORTS = (  # code, UTC offset in minutes (summer time)
    ("FRA", 120), ("MUC", 120), ("LHR", 60), ("CDG", 120), ("MAD", 120),
    ("WAW", 120), ("KRK", 120), ("JFK", -240), ("SFO", -420), ("ORD", -300),
    ("GRU", -180), ("DXB", 240), ("DEL", 330), ("KTM", 345), ("SIN", 480),
    ("NRT", 540), ("SYD", 600), ("YYZ", -240),
)
CARRIERS = ("LH", "BA", "AF", "IB", "LO", "UA", "AA", "EK", "SQ", "NH",
            "QF", "AC", "LA", "AI", "DL", "KL")
CURRENCIES = ("EUR", "USD", "GBP", "CHF", "PLN", "SEK", "JPY")
SCALE = {"PLN": 4, "SEK": 11}
TAX_CODES = ("YQ", "YR", "XT", "GB", "US", "DE")
MISSING_KEYS = ("fare", "seats_left", "baggage", "arr", "carrier", "currency")
QUERY = {"passengers": 2, "max_stops": 2, "max_price_eur_cents": 250000, "limit": 50}

START = datetime.datetime(2026, 7, 1)
MINUTE = datetime.timedelta(minutes=1)
FAULT_PERCENT = 3
FAULTS = ("arrival", "overlap", "negative", "currency", "missing")


def cache_path(n, seed):
    """Where the request for (n, seed) lives: gbinput.cache_dir()."""
    return os.path.join(gbinput.cache_dir(), "gluebench-flights-%s-n%d-s%d.json" % (FORMAT, n, seed))


def load(n, seed):
    """The request's bytes, generated and cached on first use."""
    path = ensure(n, seed)
    with open(path, "rb") as f:
        return f.read()


def ensure(n, seed):
    """Make sure the cache file exists; written under a temporary name, then
    renamed, so a reader never sees half a file."""
    path = cache_path(n, seed)
    if os.path.exists(path):
        return path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "wb") as f:
        f.write(generate(n, seed))
    os.rename(tmp, path)
    return path


def generate(n, seed):
    """The request for (n, seed) as compact JSON bytes."""
    rng = gbinput.Rng(seed)
    offers = [make_offer(rng, i) for i in range(n)]
    request = {"query": QUERY, "offers": offers}
    return json.dumps(request, separators=(",", ":")).encode()


def local_time(utc_minutes, offset):
    """ISO-8601 local time with its UTC offset, e.g. 2026-07-14T08:35:00+02:00."""
    when = START + (utc_minutes + offset) * MINUTE
    sign = "+" if offset >= 0 else "-"
    return "%s%s%02d:%02d" % (when.strftime("%Y-%m-%dT%H:%M:%S"), sign,
                              abs(offset) // 60, abs(offset) % 60)


def make_itinerary(rng, origin, depart, fault=None):
    """1 to 3 segments from airport index `origin`, leaving at UTC minute
    `depart`.  fault "arrival" makes the first segment land before it
    leaves; fault "overlap" makes the second leave before the first lands."""
    segments = []
    here = origin
    count = 1 + rng.below(3)
    if fault == "overlap":
        count = max(count, 2)
    for k in range(count):
        bits = rng.next()
        there = (here + 1 + (bits & 0xFF) % (len(AIRPORTS) - 1)) % len(AIRPORTS)
        flight = 45 + 5 * ((bits >> 8) % 172)
        code, off = AIRPORTS[here]
        to_code, to_off = AIRPORTS[there]
        landing = depart - flight if fault == "arrival" and k == 0 else depart + flight
        segments.append({
            "carrier": CARRIERS[(bits >> 20) % len(CARRIERS)],
            "number": 100 + (bits >> 28) % 9800,
            "from": code, "to": to_code,
            "dep": local_time(depart, off),
            "arr": local_time(landing, to_off),
        })
        layover = -30 if fault == "overlap" and k == 0 else 35 + 5 * ((bits >> 48) % 110)
        depart = landing + layover
        here = there
    return segments, here, depart


def local_amount(hundredths, currency):
    """An amount given in euro hundredths, scaled roughly to the currency;
    yen have no minor unit, so they are whole numbers."""
    if currency == "JPY":
        return hundredths * 164 // 100
    return hundredths * SCALE.get(currency, 1) / 100


def make_money(rng, currency):
    """A fare worth about 50 to 1500 euros."""
    return {"amount": local_amount(5000 + rng.below(145000), currency), "currency": currency}


def make_offer(rng, i):
    bits = rng.next()
    fault_bits = rng.next()
    fault = FAULTS[(fault_bits >> 8) % len(FAULTS)] if fault_bits % 100 < FAULT_PERCENT else None
    origin = bits % len(AIRPORTS)
    depart = 5 * ((bits >> 8) % (30 * 288))
    segments, here, arrive = make_itinerary(rng, origin, depart, fault)
    itineraries = [{"segments": segments}]
    if (bits >> 24) & 1:
        back, _, _ = make_itinerary(rng, here, arrive + 5 * (576 + (bits >> 25) % 3456))
        itineraries.append({"segments": back})
    currency = CURRENCIES[(bits >> 40) % len(CURRENCIES)]
    taxes = []
    for _ in range((bits >> 44) % 3 + 1):
        tax_bits = rng.next()
        tax_currency = currency if tax_bits % 10 < 7 else CURRENCIES[(tax_bits >> 8) % len(CURRENCIES)]
        taxes.append({"code": TAX_CODES[(tax_bits >> 40) % len(TAX_CODES)],
                      "amount": local_amount(300 + (tax_bits >> 16) % 9000, tax_currency),
                      "currency": tax_currency})
    offer = {
        "id": "OF%06d" % i,
        "itineraries": itineraries,
        "fare": make_money(rng, currency),
        "taxes": taxes,
        "baggage": {"checked": (bits >> 48) % 3, "cabin_kg": (7, 8, 10, 12)[(bits >> 52) % 4]},
        "seats_left": (bits >> 56) % 10,
    }
    if fault is not None:
        spoil(offer, fault, fault_bits >> 16)
    return offer


def spoil(offer, fault, bits):
    """The faults that are not about times: fare, currency, a missing key."""
    if fault == "negative":
        offer["fare"]["amount"] = -offer["fare"]["amount"]
    elif fault == "currency":
        money = offer["fare"] if bits & 1 else offer["taxes"][0]
        money["currency"] = "ZZZ"
    elif fault == "missing":
        key = MISSING_KEYS[(bits >> 1) % len(MISSING_KEYS)]
        segments = offer["itineraries"][-1]["segments"]
        owner = {"arr": segments[-1], "carrier": segments[0],
                 "currency": offer["taxes"][-1]}.get(key, offer)
        del owner[key]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: flights_data.py N SEED\n")
        return 2
    print(ensure(int(argv[1]), int(argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
