"""flights: a flight-search handler made fast one step at a time (talk 003).

Every variant takes the request's JSON bytes (flights_data) and returns the
response's JSON bytes, and every variant returns the same bytes.  The
handler parses the request, validates each offer (an invalid one is
rejected with its reason, never passed on), enriches the valid ones (total
duration, stops, shortest layover, price in euros at fixed rates, a score),
keeps those that fit the query, sorts them by score and serializes the top.

The response holds integers and strings only (euro cents, minutes), so json
(with ensure_ascii=False), orjson, msgspec and C print it byte for byte alike:

    {"valid":V,"matched":M,"offers":[{"id":..,"total_eur_cents":..,
     "duration_min":..,"stops":..,"min_layover_min":..|null,"carriers":[..],
     "departure":"<first local departure>","seats_left":..,"score":..},..],
     "rejected":[{"id":..,"reason":".."},..]}

Each step below is a handler on one request's bytes (the cold-start
scenario runs them in a fresh process); the scenario `flights` runs them
inside a whole invocation (suppliers, post-work, resident data: see
flights_chain, which calls the process_* functions here).

  v0  stdlib json, Pydantic v2 models, a pass per stage, values computed
      where used, default GC (flights_pydantic)
  v1  + GC off while handling, one collection after it (flights_pydantic)
  v2  + TypedDicts and explicit checks of the types the handler uses
  v2_checked  v2 checking every type and shape Pydantic checks
  v3  + one fused pass: every offer checked, the cheap test (seats, stops)
      before the price; the sort still derives the score again
  v4  + precomputed fields: a record per matching offer, from the times
      the pass parsed
  v5  + orjson
  v6  + the pass in a C extension (_gb_flights)

Beside them: v0 with gc.freeze() after a warm-up, and msgspec Structs
decoding and type-checking the offers in C.  The contract every variant
follows on odd input (times, types, rounding) is in flights_models.

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
    oid = raw.get("id") if type(raw) is dict else None
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


def dumps(result):
    """The response dict as compact JSON bytes (stdlib json), text as UTF-8
    (ensure_ascii=False), byte for byte as orjson and msgspec write it."""
    return json.dumps(result, separators=(",", ":"), ensure_ascii=False).encode()


def process_typed(request):
    """v2's handler on a parsed request: a pass per stage, each value
    computed where it is used (the filter's price again in the sort)."""
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
    return response(len(offers), len(matched), top, rejected)


def v2_typeddict(body):
    """+ TypedDicts: the parsed dicts are the offers; explicit checks
    replace Pydantic's validation and conversion."""
    return without_gc(lambda b: dumps(process_typed(json.loads(b))), body)


# ---- v2 checked: the checks Pydantic makes, by hand -----------------------

SEGMENT_FIELDS = (("carrier", str), ("number", int), ("from", str), ("to", str))
TAX_FIELDS = (("currency", str), ("code", str))
BAGGAGE_FIELDS = (("checked", int), ("cabin_kg", int))


def field_fault(obj, fields):
    """The first of (key, type) that is missing or not exactly of its type."""
    for key, kind in fields:
        if key not in obj:
            return "missing field: " + key
        if type(obj[key]) is not kind:
            return "invalid field: " + key
    return None


def list_fault(obj, key, item_kind=dict, empty_ok=False):
    """obj[key] must be a list of item_kind, not empty unless empty_ok."""
    if key not in obj:
        return "missing field: " + key
    value = obj[key]
    if type(value) is not list or any(type(item) is not item_kind for item in value):
        return "invalid field: " + key
    if not value and not empty_ok:
        return "empty field: " + key
    return None


def money_fault(money, fields):
    if "amount" not in money:
        return "missing field: amount"
    if not is_amount(money["amount"]):
        return "invalid field: amount"
    return field_fault(money, fields)


def strict_segments_fault(segments):
    landed = None
    for seg in segments:
        reason = field_fault(seg, SEGMENT_FIELDS)
        if reason:
            return reason
        times = []
        for key in ("dep", "arr"):
            if key not in seg:
                return "missing field: " + key
            try:
                times.append(parse_time(seg[key]))
            except (TypeError, ValueError):
                return "invalid field: " + key
        dep, arr = times
        if arr <= dep:
            return "arrival before departure"
        if landed is not None and dep < landed:
            return "overlapping segments"
        landed = arr
    return None


def check_offer_strict(offer):
    """None when the offer is usable, else why not: every type and rule the
    Pydantic models (flights_pydantic) check, in their field order, the
    fields the handler only passes by included (number, from, to, code,
    cabin_kg) and the shapes of the lists and objects."""
    if type(offer) is not dict:
        return "invalid field: offer"
    reason = field_fault(offer, (("id", str),)) or list_fault(offer, "itineraries")
    if reason:
        return reason
    for itinerary in offer["itineraries"]:
        reason = list_fault(itinerary, "segments") or strict_segments_fault(itinerary["segments"])
        if reason:
            return reason
    if "fare" not in offer:
        return "missing field: fare"
    if type(offer["fare"]) is not dict:
        return "invalid field: fare"
    reason = money_fault(offer["fare"], (("currency", str),))
    if reason:
        return reason
    if offer["fare"]["amount"] < 0:
        return "negative fare"
    reason = (list_fault(offer, "taxes", empty_ok=True)
              or next(filter(None, (money_fault(tax, TAX_FIELDS) for tax in offer["taxes"])), None))
    if reason:
        return reason
    if "baggage" not in offer:
        return "missing field: baggage"
    if type(offer["baggage"]) is not dict:
        return "invalid field: baggage"
    reason = field_fault(offer["baggage"], BAGGAGE_FIELDS) or field_fault(offer, (("seats_left", int),))
    if reason:
        return reason
    for money in [offer["fare"], *offer["taxes"]]:
        if money["currency"] not in RATES_PPM:
            return "unknown currency: " + money["currency"]
    return None


def process_checked(request):
    """v2 with every check Pydantic makes: the same passes as process_typed."""
    query = d_query(request)
    offers, rejected = [], []
    for raw in request["offers"]:
        reason = check_offer_strict(raw)
        if reason:
            rejected.append({"id": echo_id(raw), "reason": reason})
        else:
            offers.append(raw)
    matched = [o for o in offers if fits(o["seats_left"], d_stops(o), d_price(o), query)]
    matched.sort(key=lambda o: (d_score(o), o["id"]))
    top = [d_entry(o, query) for o in matched[:query["limit"]]]
    return response(len(offers), len(matched), top, rejected)


def v2_checked(body):
    """v2 validating as much as Pydantic does: every field's type and every
    shape checked by hand, not only the fields the handler computes with."""
    return without_gc(lambda b: dumps(process_checked(json.loads(b))), body)


# ---- v3: one fused traversal --------------------------------------------

def first_missing(obj, keys):
    return "missing field: " + next(key for key in keys if key not in obj)


def bad_time(seg):
    try:
        parse_time(seg["dep"])
    except (TypeError, ValueError):
        return "invalid field: dep"
    return "invalid field: arr"


def check_walk(offer):
    """One walk over an offer that checks every rule and keeps what the
    walk had to compute anyway: (reason, None), or (None, legs) with each
    itinerary's parsed (departure, arrival) pairs.  Key checks are set
    comparisons on the dict's keys; only a failing offer looks for which
    key is missing."""
    if not offer.keys() >= OFFER_KEYSET:
        return first_missing(offer, OFFER_KEYS), None
    if type(offer["id"]) is not str:
        return "invalid field: id", None
    if not offer["itineraries"]:
        return "empty field: itineraries", None
    legs = []
    for itinerary in offer["itineraries"]:
        segments = itinerary.get("segments")
        if not segments:
            return ("empty" if segments is not None else "missing") + " field: segments", None
        landed = None
        times = []
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
            if landed is not None and dep < landed:
                return "overlapping segments", None
            landed = arr
            times.append((dep, arr))
        legs.append(times)
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
    for money in (fare, *taxes):
        if money["currency"] not in RATES_PPM:
            return "unknown currency: " + money["currency"], None
    return None, legs


def price_of(offer):
    """The offer's price in euro cents (fare and taxes), computed once."""
    price = 0
    for money in (offer["fare"], *offer["taxes"]):
        price += eur_cents(money["amount"], money["currency"])
    return price


def fused_pass(offers, query, keep):
    """The one pass of v3 and v4: every offer checked (the response counts
    and explains them all), then the cheap test (seats, stops, from the
    lists' lengths), and only for the offers that pass it the price and its
    test.  keep(index, raw, legs, stops, price) makes what is kept of a
    matching offer.  Returns (valid, kept, rejected)."""
    kept, rejected = [], []
    valid = 0
    passengers, max_stops = query["passengers"], query["max_stops"]
    cap = query["max_price_eur_cents"]
    for index, raw in enumerate(offers):
        reason, legs = check_walk(raw)
        if reason:
            rejected.append({"id": echo_id(raw), "reason": reason})
            continue
        valid += 1
        stops = sum(len(times) for times in legs) - len(legs)
        if raw["seats_left"] < passengers or stops > max_stops:
            continue
        price = price_of(raw)
        if price * passengers <= cap:
            kept.append(keep(index, raw, legs, stops, price))
    return valid, kept, rejected


def process_fused(request):
    """v3's handler: one fused pass checks, tests cheaply and prices; the
    sort and the response still derive what they use (the score from the
    strings again)."""
    query = d_query(request)
    valid, matched, rejected = fused_pass(request["offers"], query,
                                          lambda index, raw, legs, stops, price: raw)
    matched.sort(key=lambda o: (d_score(o), o["id"]))
    top = [d_entry(o, query) for o in matched[:query["limit"]]]
    return response(valid, len(matched), top, rejected)


def v3_fused(body):
    """+ one fused traversal: a single pass over the offers checks them,
    applies the cheap test first and prices only the offers that pass it.
    The sort still recomputes each score from the strings."""
    return without_gc(lambda b: dumps(process_fused(json.loads(b))), body)


# ---- v4: precomputed fields ---------------------------------------------

def record_of(index, raw, legs, stops, price):
    """The record (score, id, index, price, duration, stops, layover,
    carriers, departure, seats_left) of a matching offer, from the times
    the check parsed and the price the test computed: nothing parsed twice."""
    duration = 0
    layover = None
    for times in legs:
        duration += minutes_between(times[0][0], times[-1][1])
        for (_, landed), (leaves, _) in zip(times, times[1:]):
            gap = minutes_between(landed, leaves)
            if layover is None or gap < layover:
                layover = gap
    carriers = []
    for itinerary in raw["itineraries"]:
        for seg in itinerary["segments"]:
            if seg["carrier"] not in carriers:
                carriers.append(seg["carrier"])
    score = score_of(price, duration, stops, layover, raw["baggage"]["checked"])
    return (score, raw["id"], index, price, duration, stops, layover, carriers,
            raw["itineraries"][0]["segments"][0]["dep"], raw["seats_left"])


def respond(valid, records, rejected, query):
    """Sort the precomputed records and build the response dict."""
    records.sort(key=lambda r: (r[0], r[1]))
    passengers = query["passengers"]
    top = [entry(oid, price, duration, stops, layover, carriers, local_iso(departure), seats,
                 score, passengers)
           for score, oid, _, price, duration, stops, layover, carriers, departure, seats
           in records[:query["limit"]]]
    return response(valid, len(records), top, rejected)


def process_precomputed(request):
    """v4's handler: v3's pass, and each matching offer's values computed
    once into a record that the sort and the response read."""
    query = d_query(request)
    valid, records, rejected = fused_pass(request["offers"], query, record_of)
    return respond(valid, records, rejected, query)


def v4_precomputed(body):
    """+ precomputed fields: each matching offer's values are computed
    once, from what the fused pass already parsed, and carried in a record
    that the sort and the response use."""
    return without_gc(lambda b: dumps(process_precomputed(json.loads(b))), body)


# ---- orjson ----------------------------------------------------------------

def v5_orjson(body):
    """v4 + orjson: parsing and serializing in C (Rust), same dicts and lists."""
    return without_gc(lambda b: orjson.dumps(process_precomputed(orjson.loads(b))), body)


# ---- the fused pass in C ---------------------------------------------------

def process_ext(request):
    """The handler with the C extension's pass: one call checks and
    enriches every offer (eagerly: C makes the record cheap) and returns a
    record or a reason per offer."""
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
    return respond(valid, records, rejected, query)


def v6_ext(body):
    """v5 + a C extension for the fused pass."""
    return without_gc(lambda b: orjson.dumps(process_ext(orjson.loads(b))), body)
