"""flights_rich: realistic flight offers for the `traversal` scenario.

An offer here is shaped like a supplier's (a GDS or an airline NDC API):
about 3 to 4 KB of JSON, two itineraries (out and back) of two to four
segments each; per segment the marketing and operating carrier, airports
with terminals, local times with their UTC offset, aircraft, cabin, booking
class, fare basis, distance, amenities and the baggage allowance; a price
broken down per passenger type (base and four to eight taxes, amounts as
decimal strings as such APIs send them) plus fees; fare rules (refund,
change and its fee, a paragraph of notes).  No offer is faulty: the
scenario is about traversals, not validation.

The request is written once per (n, seed) to a cache file, as flights_data
does for the `flights` scenario.
"""

import json
import os

import gbinput
from flights_data import AIRPORTS, CARRIERS, local_time

FORMAT = "r1"
QUERY = {"passengers": 2, "max_segments": 6, "max_price_eur_cents": 300000, "limit": 50}
CURRENCIES = ("EUR", "USD", "GBP", "CHF")
AIRCRAFT = (("320", "Airbus A320"), ("32N", "Airbus A320neo"), ("359", "Airbus A350-900"),
            ("388", "Airbus A380-800"), ("738", "Boeing 737-800"), ("77W", "Boeing 777-300ER"),
            ("789", "Boeing 787-9"), ("E90", "Embraer 190"))
CABINS = ("ECONOMY", "ECONOMY", "ECONOMY", "PREMIUM_ECONOMY", "BUSINESS")
AMENITIES = ("wifi", "power", "meal", "snack", "entertainment", "usb", "lie-flat")
TAX_CODES = ("YQ", "YR", "XT", "GB", "US", "DE", "FR", "UB", "RA", "OY")
NOTES = ("Changes permitted before departure against the fee shown, plus any fare "
         "difference. Name changes are not permitted. No-show on the outbound voids the "
         "return. Refunds of unused taxes on request within 12 months of ticketing. "
         "Fare valid for travel completed within 12 months; minimum stay one Sunday.")
NAMES = {code: "Carrier " + code for code in CARRIERS}


def cache_path(n, seed):
    return os.path.join(gbinput.cache_dir(), "gluebench-flights-%s-n%d-s%d.json" % (FORMAT, n, seed))


def load(n, seed):
    """The request's bytes, generated and cached (temp file, then rename) on first use."""
    path = cache_path(n, seed)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = "%s.%d.tmp" % (path, os.getpid())
        with open(tmp, "wb") as f:
            f.write(generate(n, seed))
        os.rename(tmp, path)
    with open(path, "rb") as f:
        return f.read()


def generate(n, seed):
    rng = gbinput.Rng(seed)
    offers = [make_offer(rng, i) for i in range(n)]
    return json.dumps({"query": QUERY, "offers": offers}, separators=(",", ":")).encode()


def money(hundredths):
    """A decimal string with two places, as the supplier sends amounts."""
    return "%d.%02d" % divmod(hundredths, 100)


def make_segment(rng, here, there, depart, flight):
    bits = rng.next()
    code, off = AIRPORTS[here]
    to_code, to_off = AIRPORTS[there]
    carrier = CARRIERS[bits % len(CARRIERS)]
    operator = carrier if (bits >> 8) % 4 else CARRIERS[(bits >> 12) % len(CARRIERS)]
    craft = AIRCRAFT[(bits >> 16) % len(AIRCRAFT)]
    return {
        "marketing": {"carrier": carrier, "number": "%s%d" % (carrier, 100 + (bits >> 20) % 9800)},
        "operating": {"carrier": operator, "name": NAMES[operator]},
        "departure": {"airport": code, "terminal": str(1 + (bits >> 34) % 3),
                      "at": local_time(depart, off)},
        "arrival": {"airport": to_code, "terminal": str(1 + (bits >> 36) % 3),
                    "at": local_time(depart + flight, to_off)},
        "aircraft": {"code": craft[0], "name": craft[1]},
        "cabin": CABINS[(bits >> 38) % len(CABINS)],
        "booking_class": "YBMHKLQVTS"[(bits >> 41) % 10],
        "fare_basis": "%sLOW%s" % ("YBMHKLQVTS"[(bits >> 41) % 10], code[:2]),
        "distance_km": 8 * flight + (bits >> 45) % 200,
        "amenities": [a for j, a in enumerate(AMENITIES) if (bits >> (50 + j)) & 1],
        "baggage": {"checked": {"pieces": (bits >> 58) % 3, "weight_kg": 23},
                    "cabin": {"pieces": 1, "weight_kg": (7, 8, 10, 12)[(bits >> 61) % 4]}},
    }


def make_itinerary(rng, direction, origin, depart):
    """Two to four segments from airport index `origin` at UTC minute `depart`."""
    segments = []
    here = origin
    for _ in range(2 + rng.below(3)):
        bits = rng.next()
        there = (here + 1 + bits % (len(AIRPORTS) - 1)) % len(AIRPORTS)
        flight = 45 + 5 * ((bits >> 8) % 150)
        segments.append(make_segment(rng, here, there, depart, flight))
        depart += flight + 30 + 5 * ((bits >> 20) % 60)
        here = there
    return {"direction": direction, "segments": segments}, here, depart


def make_price(rng, currency):
    passengers = []
    for ptype, count in (("ADT", 1 + rng.below(2)), ("CHD", rng.below(2)), ("INF", rng.below(2))):
        if not count:
            continue
        taxes = [{"code": TAX_CODES[rng.below(len(TAX_CODES))], "amount": money(200 + rng.below(9000))}
                 for _ in range(4 + rng.below(5))]
        passengers.append({"type": ptype, "count": count, "base": money(4000 + rng.below(60000)),
                           "taxes": taxes})
    fees = [{"type": "ticketing", "amount": money(500 + rng.below(1500))}]
    return {"currency": currency, "passengers": passengers, "fees": fees}


def make_offer(rng, i):
    bits = rng.next()
    origin = bits % len(AIRPORTS)
    depart = 5 * ((bits >> 8) % (30 * 288))
    out, here, landed = make_itinerary(rng, "out", origin, depart)
    back, _, _ = make_itinerary(rng, "back", here, landed + 5 * (576 + (bits >> 24) % 3456))
    currency = CURRENCIES[(bits >> 40) % len(CURRENCIES)]
    changeable = (bits >> 44) % 3 != 0
    return {
        "id": "RO%06d" % i,
        "source": ("GDS-A", "GDS-B", "NDC")[(bits >> 46) % 3],
        "validating_carrier": out["segments"][0]["marketing"]["carrier"],
        "seats_left": (bits >> 48) % 10,
        "itineraries": [out, back],
        "price": make_price(rng, currency),
        "fare_rules": {
            "refundable": (bits >> 52) % 4 == 0,
            "change": {"allowed": changeable,
                       "fee": {"amount": money(2000 + rng.below(20000)), "currency": currency}
                       if changeable else None},
            "notes": NOTES,
        },
    }
