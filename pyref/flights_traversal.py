"""flights_traversal: k enrichment stages over realistic offers, as
copy-pasted stages, as one fused pass, and with precomputed values.

The input is a parsed request (flights_rich: n offers of about 4 KB, two
itineraries of two to four segments) and `stages`, the number k of values
the product wants per offer, in this order:

  1 price_eur          the total in euro cents, from the breakdown's strings
  2 duration_min       time in the air and on the ground, both itineraries
  3 min_layover_min    the shortest connection
  4 checked_bags       the fewest checked pieces on any segment
  5 change_fee_eur     the change fee in euro cents, at most the price; null if none
  6 codeshares         segments operated by another carrier than the seller
  7 night_departures   segments leaving between 22:00 and 05:59 local time
  8 cents_per_100km    the price per 100 km flown

Each variant keeps the offers with enough seats, at most max_segments
segments (the cheap test) and a party price within the cap, sorts them by a
score over the k values (then by id) and returns the top ones with their
values as JSON bytes.  Every variant returns the same bytes for a given k.

  staged       k stages, each a loop over offers, itineraries and segments
               that copies the offer (and its itineraries and segments) to
               add its value, re-deriving what it needs from the strings:
               times parsed again in stages 2, 3 and 7, the price summed
               again in stages 5 and 8.  Then the filter, the sort, the top.
  precomputed  the stages kept, but each expensive value (the parsed
               times, the price) computed once per offer in a first pass
               and read by every stage, the filter, the sort and the
               output; one record per offer, no copies.  Still eager: it
               works on the offers the cheap test will drop.
  fused        the cheap test first; one pass over the survivors computes
               all k values into a tuple; nothing is recomputed or copied.
"""

import datetime
import json

import flights_rich

RATES_PPM = {"EUR": 1_000_000, "USD": 920_000, "GBP": 1_170_000, "CHF": 1_040_000}
FIELDS = ("price_eur", "duration_min", "min_layover_min", "checked_bags", "change_fee_eur",
          "codeshares", "night_departures", "cents_per_100km")
MINUTE = datetime.timedelta(minutes=1)


def make_input(params, seed):
    """The parsed request and k (setup, untimed)."""
    request = json.loads(flights_rich.load(params["n"], seed))
    return request, params["stages"]


# ---- the values, shared by every variant ------------------------------------

def to_cents(text):
    """A decimal string with two places ("412.30") in cents."""
    return round(float(text) * 100)


def eur(cents, currency):
    """Cents of a currency in euro cents, rounded half up."""
    return (cents * RATES_PPM[currency] + 500_000) // 1_000_000


def price_of(price):
    """The breakdown's total in euro cents: every passenger's base and
    taxes times their count, plus the fees."""
    total = 0
    for pax in price["passengers"]:
        cents = to_cents(pax["base"])
        for tax in pax["taxes"]:
            cents += to_cents(tax["amount"])
        total += cents * pax["count"]
    for fee in price["fees"]:
        total += to_cents(fee["amount"])
    return eur(total, price["currency"])


def change_fee_of(rules, price):
    change = rules["change"]
    if not change["allowed"]:
        return None
    fee = change["fee"]
    return min(eur(to_cents(fee["amount"]), fee["currency"]), price)


def is_night(at):
    hour = datetime.datetime.fromisoformat(at).hour
    return hour >= 22 or hour < 6


def per_100km(price, distance):
    return price * 100 // distance


def score_of(values):
    """Lower is better; each of the k values adds its term."""
    k = len(values)
    score = values[0]
    if k >= 2:
        score += 40 * values[1]
    if k >= 3 and values[2] < 60:
        score += 5000
    if k >= 4:
        score -= 1500 * min(values[3], 2)
    if k >= 5:
        score += 20000 if values[4] is None else values[4] // 10
    if k >= 6:
        score += 1000 * values[5]
    if k >= 7:
        score += 2000 * values[6]
    if k >= 8:
        score += values[7]
    return score


def segment_count(offer):
    return sum(len(it["segments"]) for it in offer["itineraries"])


def cheap_ok(offer, query):
    """The test that needs no derived value: seats and segment count."""
    return (offer["seats_left"] >= query["passengers"]
            and segment_count(offer) <= query["max_segments"])


def respond(matched, top):
    """The response: how many matched, and the top entries as (id, values, score)."""
    offers = [dict(zip(FIELDS, values), id=oid, score=score) for score, oid, values in top]
    return json.dumps({"matched": matched, "offers": offers}, separators=(",", ":")).encode()


# ---- staged: k copy-pasted stages -------------------------------------------

def copy_offer(offer):
    """The copy each stage makes so as not to change its input: the offer,
    its itineraries and their segments."""
    copy = dict(offer)
    copy["itineraries"] = [dict(it, segments=[dict(seg) for seg in it["segments"]])
                           for it in offer["itineraries"]]
    return copy


def stage_price(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        new["price_eur"] = price_of(offer["price"])
        out.append(new)
    return out


def stage_duration(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        total = 0
        for it in new["itineraries"]:
            for seg in it["segments"]:
                dep = datetime.datetime.fromisoformat(seg["departure"]["at"])
                arr = datetime.datetime.fromisoformat(seg["arrival"]["at"])
                seg["minutes"] = (arr - dep) // MINUTE
            first = datetime.datetime.fromisoformat(it["segments"][0]["departure"]["at"])
            last = datetime.datetime.fromisoformat(it["segments"][-1]["arrival"]["at"])
            total += (last - first) // MINUTE
        new["duration_min"] = total
        out.append(new)
    return out


def stage_layover(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        shortest = None
        for it in new["itineraries"]:
            segments = it["segments"]
            for before, after in zip(segments, segments[1:]):
                landed = datetime.datetime.fromisoformat(before["arrival"]["at"])
                leaves = datetime.datetime.fromisoformat(after["departure"]["at"])
                after["layover_min"] = gap = (leaves - landed) // MINUTE
                if shortest is None or gap < shortest:
                    shortest = gap
        new["min_layover_min"] = shortest
        out.append(new)
    return out


def stage_bags(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        new["checked_bags"] = min(seg["baggage"]["checked"]["pieces"]
                                  for it in new["itineraries"] for seg in it["segments"])
        out.append(new)
    return out


def stage_change_fee(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        new["change_fee_eur"] = change_fee_of(offer["fare_rules"], price_of(offer["price"]))
        out.append(new)
    return out


def stage_codeshares(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        count = 0
        for it in new["itineraries"]:
            for seg in it["segments"]:
                seg["codeshare"] = seg["operating"]["carrier"] != seg["marketing"]["carrier"]
                count += seg["codeshare"]
        new["codeshares"] = count
        out.append(new)
    return out


def stage_night(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        count = 0
        for it in new["itineraries"]:
            for seg in it["segments"]:
                seg["night"] = is_night(seg["departure"]["at"])
                count += seg["night"]
        new["night_departures"] = count
        out.append(new)
    return out


def stage_distance(offers):
    out = []
    for offer in offers:
        new = copy_offer(offer)
        distance = sum(seg["distance_km"] for it in new["itineraries"] for seg in it["segments"])
        new["cents_per_100km"] = per_100km(price_of(offer["price"]), distance)
        out.append(new)
    return out


STAGES = (stage_price, stage_duration, stage_layover, stage_bags, stage_change_fee,
          stage_codeshares, stage_night, stage_distance)


def staged(inp):
    """Baseline: k copy-pasted enrichment stages, each a walk over offers,
    itineraries and segments that copies the offer to add its value and
    re-derives times and prices from the strings; then filter, sort, top."""
    request, k = inp
    query = request["query"]
    offers = request["offers"]
    for stage in STAGES[:k]:
        offers = stage(offers)
    fields = FIELDS[:k]
    cap = query["max_price_eur_cents"]
    matched = [o for o in offers
               if cheap_ok(o, query) and o["price_eur"] * query["passengers"] <= cap]
    ranked = sorted(((score_of(tuple(o[f] for f in fields)), o["id"], tuple(o[f] for f in fields))
                     for o in matched), key=lambda r: (r[0], r[1]))
    return respond(len(matched), ranked[:query["limit"]])


# ---- precomputed: stages kept, each value computed once ------------------------

def facts_of(offer, k):
    """What the stages need that costs: the price, and every segment's
    times parsed once (departure, arrival per itinerary) when a stage
    after the first reads them."""
    times = [[(datetime.datetime.fromisoformat(seg["departure"]["at"]),
               datetime.datetime.fromisoformat(seg["arrival"]["at"]))
              for seg in it["segments"]] for it in offer["itineraries"]] if k >= 2 else None
    return {"id": offer["id"], "times": times, "price_eur": price_of(offer["price"])}


def pre_duration(offers, records):
    for rec in records:
        rec["duration_min"] = sum((legs[-1][1] - legs[0][0]) // MINUTE for legs in rec["times"])


def pre_layover(offers, records):
    for rec in records:
        rec["min_layover_min"] = min((b[0] - a[1]) // MINUTE for legs in rec["times"]
                                     for a, b in zip(legs, legs[1:]))


def pre_bags(offers, records):
    for offer, rec in zip(offers, records):
        rec["checked_bags"] = min(seg["baggage"]["checked"]["pieces"]
                                  for it in offer["itineraries"] for seg in it["segments"])


def pre_change_fee(offers, records):
    for offer, rec in zip(offers, records):
        rec["change_fee_eur"] = change_fee_of(offer["fare_rules"], rec["price_eur"])


def pre_codeshares(offers, records):
    for offer, rec in zip(offers, records):
        rec["codeshares"] = sum(seg["operating"]["carrier"] != seg["marketing"]["carrier"]
                                for it in offer["itineraries"] for seg in it["segments"])


def pre_night(offers, records):
    for rec in records:
        rec["night_departures"] = sum(dep.hour >= 22 or dep.hour < 6
                                      for legs in rec["times"] for dep, _ in legs)


def pre_distance(offers, records):
    for offer, rec in zip(offers, records):
        distance = sum(seg["distance_km"] for it in offer["itineraries"] for seg in it["segments"])
        rec["cents_per_100km"] = per_100km(rec["price_eur"], distance)


PRE_STAGES = (None, pre_duration, pre_layover, pre_bags, pre_change_fee, pre_codeshares,
              pre_night, pre_distance)


def precomputed(inp):
    """Precomputed fields: the stages stay, but the parsed times and the
    price are computed once per offer and reused by every stage, the
    filter, the sort and the output; one record per offer, no copies."""
    request, k = inp
    query = request["query"]
    offers = request["offers"]
    records = [facts_of(offer, k) for offer in offers]
    for stage in PRE_STAGES[1:k]:
        stage(offers, records)
    fields = FIELDS[:k]
    cap = query["max_price_eur_cents"]
    matched = [rec for offer, rec in zip(offers, records)
               if cheap_ok(offer, query) and rec["price_eur"] * query["passengers"] <= cap]
    ranked = sorted(((score_of(tuple(r[f] for f in fields)), r["id"], tuple(r[f] for f in fields))
                     for r in matched), key=lambda r: (r[0], r[1]))
    return respond(len(matched), ranked[:query["limit"]])


# ---- fused: the cheap test, then one pass ----------------------------------------

def walk(offer, k):
    """One walk over an offer's segments: its first k values as a tuple."""
    duration = codeshares = night = distance = 0
    layover = None
    bags = 1 << 30
    for it in offer["itineraries"]:
        landed = first = None
        for seg in it["segments"]:
            if k >= 2:
                dep = datetime.datetime.fromisoformat(seg["departure"]["at"])
                if landed is None:
                    first = dep
                else:
                    gap = (dep - landed) // MINUTE
                    if layover is None or gap < layover:
                        layover = gap
                landed = datetime.datetime.fromisoformat(seg["arrival"]["at"])
                if k >= 7 and (dep.hour >= 22 or dep.hour < 6):
                    night += 1
            if k >= 4:
                bags = min(bags, seg["baggage"]["checked"]["pieces"])
            if k >= 6 and seg["operating"]["carrier"] != seg["marketing"]["carrier"]:
                codeshares += 1
            distance += seg["distance_km"]
        if k >= 2:
            duration += (landed - first) // MINUTE
    price = price_of(offer["price"])
    fee = change_fee_of(offer["fare_rules"], price) if k >= 5 else None
    per_km = per_100km(price, distance) if k >= 8 else None
    return (price, duration, layover, bags, fee, codeshares, night, per_km)[:k]


def fused(inp):
    """One fused traversal: the cheap test first, then one pass over the
    survivors that computes the k values into a tuple; the filter, the
    sort and the output read the tuple, nothing is recomputed or copied."""
    request, k = inp
    query = request["query"]
    cap = query["max_price_eur_cents"]
    passengers = query["passengers"]
    ranked = []
    for offer in request["offers"]:
        if not cheap_ok(offer, query):
            continue
        values = walk(offer, k)
        if values[0] * passengers <= cap:
            ranked.append((score_of(values), offer["id"], values))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return respond(len(ranked), ranked[:query["limit"]])
