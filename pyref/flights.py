"""flights: a flight-search handler made fast one step at a time (talk 003).

Every variant takes the request's JSON bytes (flights_data) and returns the
response's JSON bytes, and every variant returns the same bytes.  The
handler parses the request, validates each offer (an invalid one is
rejected with its reason, never passed on), enriches the valid ones (total
duration, stops, shortest layover, price in euros at fixed rates, a score),
keeps those that fit the query, sorts them by score and serializes the top.

The response holds integers and strings only (euro cents, minutes), so json,
orjson, msgspec and C print it byte for byte alike:

    {"valid":V,"matched":M,"offers":[{"id":..,"total_eur_cents":..,
     "duration_min":..,"stops":..,"min_layover_min":..|null,"carriers":[..],
     "departure":"<first local departure>","seats_left":..,"score":..},..],
     "rejected":[{"id":..,"reason":".."},..]}

The chain is cumulative, as in the talk: each step keeps the one before and
adds one technique.

  v0  stdlib json, Pydantic v2 models, one traversal per stage and per
      value, values recomputed where used, default GC
  v1  + GC off while handling, one collection after it
  v2  + TypedDicts and explicit checks instead of Pydantic
  v3  + one fused traversal: validate, enrich and filter in one pass
  v4  + precomputed fields: each value computed once and carried along
  v5  + orjson
  v6  + the fused pass in a C extension (_gb_flights)

Beside the chain: v0 with gc.freeze() after a warm-up, and msgspec Structs
decoding and type-checking the offers in C.

The Pydantic steps (v0, v1, gc.freeze) live in flights_pydantic and the
msgspec one in flights_msgspec, so that a process running a later step
never imports Pydantic (which costs a cold start about half a second).
"""

import datetime
import gc
import json

import orjson

import flights_data
from flights_models import AMOUNT_LIMIT, RATES_PPM, TIME_RE

try:  # the C extension, built with the kernels; only v6 needs it
    from _gb_flights import walk_offers
except ImportError:
    walk_offers = None

MINUTE = datetime.timedelta(minutes=1)
SEGMENT_KEYS = ("carrier", "number", "from", "to", "dep", "arr")
TAX_KEYS = ("amount", "currency", "code")
BAGGAGE_KEYS = ("checked", "cabin_kg")
QUERY_KEYS = ("passengers", "max_stops", "max_price_eur_cents", "limit")
OFFER_KEYS = ("id", "itineraries", "fare", "taxes", "baggage", "seats_left")
OFFER_KEYSET = frozenset(OFFER_KEYS)
SEGMENT_KEYSET = frozenset(SEGMENT_KEYS)
MONEY_KEYSET = frozenset(("amount", "currency"))
TAX_KEYSET = frozenset(TAX_KEYS)
BAGGAGE_KEYSET = frozenset(BAGGAGE_KEYS)


# ---- inputs --------------------------------------------------------------

def make_input(params, seed):
    """The request's bytes, read from the cache file (made on first use)."""
    return flights_data.load(params["n"], seed)


# ---- the rules shared by every step ---------------------------------------

def eur_cents(amount, currency):
    """An amount in euro cents via the fixed rates: amount x 100 rounded
    half to even to minor units (round() on a float does that: 100.125 EUR
    is 10012), then the rate applied and rounded half up."""
    return (round(amount * 100) * RATES_PPM[currency] + 500_000) // 1_000_000


def is_int(value):
    """A JSON integer: an int, not a bool (type(True) is bool, not int)."""
    return type(value) is int


def is_amount(value):
    """A JSON number below AMOUNT_LIMIT in size (NaN fails the comparison)."""
    return type(value) in (int, float) and -AMOUNT_LIMIT < value < AMOUNT_LIMIT


def echo_id(raw):
    """The id a rejection carries: the offer's id when it is a string."""
    oid = raw.get("id")
    return oid if type(oid) is str else None


def score_of(price, duration, stops, layover, checked_bags):
    """Lower is better: euro cents plus 40 per minute, 3000 per stop, 5000
    for a layover under an hour, less 1500 per checked bag (up to two)."""
    score = price + 40 * duration + 3000 * stops - 1500 * min(checked_bags, 2)
    if layover is not None and layover < 60:
        score += 5000
    return score


def fits(seats_left, stops, price, query):
    return (seats_left >= query["passengers"] and stops <= query["max_stops"]
            and price * query["passengers"] <= query["max_price_eur_cents"])


def entry(offer_id, price, duration, stops, layover, carriers, departure, seats_left,
          score, passengers):
    return {"id": offer_id, "total_eur_cents": price * passengers, "duration_min": duration,
            "stops": stops, "min_layover_min": layover, "carriers": carriers,
            "departure": departure, "seats_left": seats_left, "score": score}


def local_iso(text):
    """A local time as datetime.isoformat() writes it ("Z" becomes "+00:00"),
    as the Pydantic baseline, which keeps only the parsed datetime, does."""
    return parse_time(text).isoformat()


def response(valid, matched, top, rejected):
    return {"valid": valid, "matched": matched, "offers": top, "rejected": rejected}


def minutes_between(start, end):
    return (end - start) // MINUTE


def without_gc(handler, body):
    """Run the handler with the cyclic GC off, then collect once.

    The parsed request is millions of young container objects; with the GC
    on, every 700 allocations start a collection and the full ones walk all
    of it again.  The handler's garbage is freed by reference counting when
    it returns; the one collection after it (timed here: the process pays
    for it, even if a server could run it after sending the response) finds
    whatever cycles are left.

    The GC's state is restored, not forced on: a caller that had turned it
    off keeps it off and keeps its own schedule, so then nothing is
    collected here.  A handler that raises is not followed by a collection
    either: its error goes up at once and its garbage waits for the next
    scheduled one."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        result = handler(body)
    finally:
        if was_on:
            gc.enable()
    if was_on:
        gc.collect()
    return result


# ---- v2: TypedDicts and explicit checks ---------------------------------

def parse_time(text):
    """The contract's time (flights_models.TIME_PATTERN) as an aware
    datetime; ValueError or TypeError for anything else, 30 February
    included (fromisoformat checks the calendar)."""
    if not TIME_RE.match(text):
        raise ValueError("not a contract time: %r" % (text,))
    return datetime.datetime.fromisoformat(text)


def missing(obj, keys):
    for key in keys:
        if key not in obj:
            return "missing field: " + key
    return None


def check_segments(segments):
    landed = None
    for seg in segments:
        reason = missing(seg, SEGMENT_KEYS)
        if reason:
            return reason
        if type(seg["carrier"]) is not str:
            return "invalid field: carrier"
        try:
            dep = parse_time(seg["dep"])
        except (TypeError, ValueError):
            return "invalid field: dep"
        try:
            arr = parse_time(seg["arr"])
        except (TypeError, ValueError):
            return "invalid field: arr"
        if arr <= dep:
            return "arrival before departure"
        if landed is not None and dep < landed:
            return "overlapping segments"
        landed = arr
    return None


def check_money(money, keys):
    """The shape and types of a fare (keys amount, currency) or a tax."""
    reason = missing(money, keys)
    if reason:
        return reason
    if not is_amount(money["amount"]):
        return "invalid field: amount"
    if type(money["currency"]) is not str:
        return "invalid field: currency"
    return None


def check_offer(offer):
    """None when the offer is usable, else why not: the rules of the
    Pydantic models (flights_models), checked in their field order.  Only
    the types of the fields the handler computes with are checked."""
    reason = missing(offer, ("id", "itineraries"))
    if reason:
        return reason
    if type(offer["id"]) is not str:
        return "invalid field: id"
    if not offer["itineraries"]:
        return "empty field: itineraries"
    for itinerary in offer["itineraries"]:
        if "segments" not in itinerary:
            return "missing field: segments"
        if not itinerary["segments"]:
            return "empty field: segments"
        reason = check_segments(itinerary["segments"])
        if reason:
            return reason
    fare = offer.get("fare")
    if fare is None:
        return "missing field: fare"
    reason = check_money(fare, ("amount", "currency"))
    if reason:
        return reason
    if fare["amount"] < 0:
        return "negative fare"
    reason = (missing(offer, ("taxes",))
              or next(filter(None, (check_money(tax, TAX_KEYS) for tax in offer["taxes"])), None)
              or missing(offer, ("baggage",)) or missing(offer["baggage"], BAGGAGE_KEYS))
    if reason:
        return reason
    if not is_int(offer["baggage"]["checked"]):
        return "invalid field: checked"
    reason = missing(offer, ("seats_left",))
    if reason:
        return reason
    if not is_int(offer["seats_left"]):
        return "invalid field: seats_left"
    for money in [fare, *offer["taxes"]]:
        if money["currency"] not in RATES_PPM:
            return "unknown currency: " + money["currency"]
    return None


def d_duration(offer):
    return sum(minutes_between(parse_time(it["segments"][0]["dep"]),
                               parse_time(it["segments"][-1]["arr"]))
               for it in offer["itineraries"])


def d_stops(offer):
    return sum(len(it["segments"]) - 1 for it in offer["itineraries"])


def d_layover(offer):
    gaps = [minutes_between(parse_time(a["arr"]), parse_time(b["dep"]))
            for it in offer["itineraries"]
            for a, b in zip(it["segments"], it["segments"][1:])]
    return min(gaps) if gaps else None


def d_price(offer):
    return eur_cents(offer["fare"]["amount"], offer["fare"]["currency"]) + sum(
        eur_cents(tax["amount"], tax["currency"]) for tax in offer["taxes"])


def d_carriers(offer):
    return list(dict.fromkeys(s["carrier"] for it in offer["itineraries"]
                              for s in it["segments"]))


def d_score(offer):
    return score_of(d_price(offer), d_duration(offer), d_stops(offer), d_layover(offer),
                    offer["baggage"]["checked"])


def d_query(request):
    query = request["query"]
    reason = missing(query, QUERY_KEYS)
    if reason:
        raise ValueError("bad query: " + reason)
    return query


def d_entry(offer, query):
    return entry(offer["id"], d_price(offer), d_duration(offer), d_stops(offer),
                 d_layover(offer), d_carriers(offer),
                 local_iso(offer["itineraries"][0]["segments"][0]["dep"]),
                 offer["seats_left"], d_score(offer), query["passengers"])


def handle_typed(body):
    request = json.loads(body)
    query = d_query(request)
    offers, rejected = [], []
    for raw in request["offers"]:
        reason = check_offer(raw)
        if reason:
            rejected.append({"id": echo_id(raw), "reason": reason})
        else:
            offers.append(raw)
    matched = [o for o in offers if fits(o["seats_left"], d_stops(o), d_price(o), query)]
    matched.sort(key=lambda o: (d_score(o), o["id"]))
    top = [d_entry(o, query) for o in matched[:query["limit"]]]
    result = response(len(offers), len(matched), top, rejected)
    return json.dumps(result, separators=(",", ":")).encode()


def v2_typeddict(body):
    """+ TypedDicts: the parsed dicts are the offers; explicit checks
    replace Pydantic's validation and conversion."""
    return without_gc(handle_typed, body)


# ---- v3: one fused traversal --------------------------------------------

def first_missing(obj, keys):
    return "missing field: " + next(key for key in keys if key not in obj)


def bad_time(seg):
    try:
        parse_time(seg["dep"])
    except (TypeError, ValueError):
        return "invalid field: dep"
    return "invalid field: arr"


def walk(offer):
    """One pass over an offer: its checks and every value it needs.
    Returns (reason, None) or (None, (price, duration, stops, layover,
    carriers, score)).  Key checks are set comparisons on the dict's keys;
    only a failing offer looks for which key is missing."""
    if not offer.keys() >= OFFER_KEYSET:
        return first_missing(offer, OFFER_KEYS), None
    if type(offer["id"]) is not str:
        return "invalid field: id", None
    if not offer["itineraries"]:
        return "empty field: itineraries", None
    duration = stops = 0
    layover = None
    carriers = []
    for itinerary in offer["itineraries"]:
        segments = itinerary.get("segments")
        if not segments:
            return ("empty" if segments is not None else "missing") + " field: segments", None
        landed = first = None
        for seg in segments:
            if not seg.keys() >= SEGMENT_KEYSET:
                return first_missing(seg, SEGMENT_KEYS), None
            if type(seg["carrier"]) is not str:
                return "invalid field: carrier", None
            try:
                dep = parse_time(seg["dep"])
                arr = parse_time(seg["arr"])
            except (TypeError, ValueError):
                return bad_time(seg), None
            if arr <= dep:
                return "arrival before departure", None
            if landed is None:
                first = dep
            else:
                gap = minutes_between(landed, dep)
                if gap < 0:
                    return "overlapping segments", None
                if layover is None or gap < layover:
                    layover = gap
            landed = arr
            if seg["carrier"] not in carriers:
                carriers.append(seg["carrier"])
        duration += minutes_between(first, landed)
        stops += len(segments) - 1
    fare, taxes, baggage = offer["fare"], offer["taxes"], offer["baggage"]
    if not fare.keys() >= MONEY_KEYSET:
        return first_missing(fare, TAX_KEYS), None
    for tax in taxes:
        if not tax.keys() >= TAX_KEYSET:
            return first_missing(tax, TAX_KEYS), None
    for money in (fare, *taxes):
        if not is_amount(money["amount"]):
            return "invalid field: amount", None
        if type(money["currency"]) is not str:
            return "invalid field: currency", None
    if fare["amount"] < 0:
        return "negative fare", None
    if not baggage.keys() >= BAGGAGE_KEYSET:
        return first_missing(baggage, BAGGAGE_KEYS), None
    if not is_int(baggage["checked"]):
        return "invalid field: checked", None
    if not is_int(offer["seats_left"]):
        return "invalid field: seats_left", None
    price = 0
    for money in (fare, *taxes):
        if money["currency"] not in RATES_PPM:
            return "unknown currency: " + money["currency"], None
        price += eur_cents(money["amount"], money["currency"])
    score = score_of(price, duration, stops, layover, baggage["checked"])
    return None, (price, duration, stops, layover, carriers, score)


def handle_fused(body):
    request = json.loads(body)
    query = d_query(request)
    valid = 0
    matched, rejected = [], []
    for raw in request["offers"]:
        reason, values = walk(raw)
        if reason:
            rejected.append({"id": echo_id(raw), "reason": reason})
            continue
        valid += 1
        price, _, stops, _, _, _ = values
        if fits(raw["seats_left"], stops, price, query):
            matched.append(raw)
    matched.sort(key=lambda o: (d_score(o), o["id"]))
    top = [d_entry(o, query) for o in matched[:query["limit"]]]
    result = response(valid, len(matched), top, rejected)
    return json.dumps(result, separators=(",", ":")).encode()


def v3_fused(body):
    """+ one fused traversal: a single pass over the offers validates,
    enriches and filters, and one walk of an offer's segments gives every
    value.  The sort and the response still recompute what they use."""
    return without_gc(handle_fused, body)


# ---- v4: precomputed fields ---------------------------------------------

def rank_records(offers, query):
    """Records (score, id, index, price, duration, stops, layover, carriers,
    departure, seats_left) of the offers that fit, and the rejections."""
    records, rejected = [], []
    valid = 0
    for index, raw in enumerate(offers):
        reason, values = walk(raw)
        if reason:
            rejected.append({"id": echo_id(raw), "reason": reason})
            continue
        valid += 1
        price, duration, stops, layover, carriers, score = values
        if fits(raw["seats_left"], stops, price, query):
            records.append((score, raw["id"], index, price, duration, stops, layover, carriers,
                            raw["itineraries"][0]["segments"][0]["dep"], raw["seats_left"]))
    return valid, records, rejected


def respond(valid, records, rejected, query):
    """Sort the precomputed records and build the response dict."""
    records.sort(key=lambda r: (r[0], r[1]))
    passengers = query["passengers"]
    top = [entry(oid, price, duration, stops, layover, carriers, local_iso(departure), seats,
                 score, passengers)
           for score, oid, _, price, duration, stops, layover, carriers, departure, seats
           in records[:query["limit"]]]
    return response(valid, len(records), top, rejected)


def handle_precomputed(body):
    request = json.loads(body)
    query = d_query(request)
    valid, records, rejected = rank_records(request["offers"], query)
    result = respond(valid, records, rejected, query)
    return json.dumps(result, separators=(",", ":")).encode()


def v4_precomputed(body):
    """+ precomputed fields: each offer's values are computed once, in the
    fused pass, and carried in a record that the sort and the response use."""
    return without_gc(handle_precomputed, body)


# ---- v5: orjson ---------------------------------------------------------

def handle_orjson(body):
    request = orjson.loads(body)
    query = d_query(request)
    valid, records, rejected = rank_records(request["offers"], query)
    return orjson.dumps(respond(valid, records, rejected, query))


def v5_orjson(body):
    """+ orjson: parsing and serializing in C (Rust), same dicts and lists."""
    return without_gc(handle_orjson, body)


# ---- v6: the fused pass in C --------------------------------------------

def handle_ext(body):
    request = orjson.loads(body)
    query = d_query(request)
    valid, records, rejected = 0, [], []
    offers = request["offers"]
    for index, result in enumerate(walk_offers(offers)):
        if result.__class__ is str:
            rejected.append({"id": echo_id(offers[index]), "reason": result})
            continue
        valid += 1
        if fits(result[9], result[5], result[3], query):
            records.append(result)
    return orjson.dumps(respond(valid, records, rejected, query))


def v6_ext(body):
    """+ a C extension for the fused pass: one call checks and enriches
    every offer and returns a record or a reason per offer."""
    return without_gc(handle_ext, body)
