"""flights_msgspec: beside the chain, v5 with msgspec: the offers decoded
into Structs and type-checked in C.  See flights.py.

Times are decoded as strings that must match the contract's pattern
(flights_models.TIME_PATTERN) and parsed by datetime.fromisoformat in the
walk: msgspec's own datetime type takes every RFC 3339 spelling, fractional
seconds included, which the contract rejects.
"""

import re
from typing import Annotated

import msgspec

import flights_chain

from flights import (echo_id, eur_cents, fits, minutes_between, parse_time, respond, score_of,
                     without_gc)
from flights_models import AMOUNT_LIMIT, RATES_PPM, TIME_PATTERN


# ---- the Structs -------------------------------------------------------------

AwareTime = Annotated[str, msgspec.Meta(pattern=TIME_PATTERN)]
Amount = Annotated[float, msgspec.Meta(gt=-AMOUNT_LIMIT, lt=AMOUNT_LIMIT)]


class MSegment(msgspec.Struct):
    carrier: str
    number: int
    from_: str = msgspec.field(name="from")
    to: str
    dep: AwareTime
    arr: AwareTime


class MItinerary(msgspec.Struct):
    segments: list[MSegment]


class MMoney(msgspec.Struct):
    amount: Amount
    currency: str


class MTax(MMoney):
    code: str


class MBaggage(msgspec.Struct):
    checked: int
    cabin_kg: int


class MOffer(msgspec.Struct):
    id: str
    itineraries: list[MItinerary]
    fare: MMoney
    taxes: list[MTax]
    baggage: MBaggage
    seats_left: int


class MQuery(msgspec.Struct):
    passengers: int
    max_stops: int
    max_price_eur_cents: int
    limit: int


class MRequest(msgspec.Struct):
    """The offers stay raw JSON so that each is decoded, and fails, alone."""
    query: MQuery
    offers: list[msgspec.Raw]



# ---- the handler ---------------------------------------------------------------

REQUEST_DECODER = msgspec.json.Decoder(MRequest)
OFFER_DECODER = msgspec.json.Decoder(MOffer)
MISSING_RE = re.compile(r"missing required field `([^`]*)`")
# msgspec ends a message with the path in backticks: "... - at `$.fare.amount`";
# the field is the path's last name ("$.itineraries[0].segments[1].dep": dep).
PATH_RE = re.compile(r"- at `\$(?:[^`]*\.)?([A-Za-z_]\w*)(?:\[\d+\])*`$")


def msgspec_reason(exc):
    """A ValidationError's message as the response's reason text."""
    text = str(exc)
    found = MISSING_RE.search(text)
    if found:
        return "missing field: " + found.group(1)
    path = PATH_RE.search(text)
    return "invalid field: " + (path.group(1) if path else "offer")


def times(seg):
    """(None, departure, arrival) of a segment, or (reason, None, None)
    when the calendar has no such day (decoding checked the pattern)."""
    try:
        dep = parse_time(seg.dep)
    except ValueError:
        return "invalid field: dep", None, None
    try:
        return None, dep, parse_time(seg.arr)
    except ValueError:
        return "invalid field: arr", None, None


def m_walk(offer, index):
    """The fused pass over a decoded Struct: the rules msgspec's types do
    not state, and the values."""
    if not offer.itineraries:
        return "empty field: itineraries"
    duration = stops = 0
    layover = None
    carriers = []
    for itinerary in offer.itineraries:
        segments = itinerary.segments
        if not segments:
            return "empty field: segments"
        landed = None
        for seg in segments:
            reason, dep, arr = times(seg)
            if reason:
                return reason
            if arr <= dep:
                return "arrival before departure"
            if landed is None:
                first = dep
            else:
                gap = minutes_between(landed, dep)
                if gap < 0:
                    return "overlapping segments"
                layover = gap if layover is None else min(layover, gap)
            landed = arr
            if seg.carrier not in carriers:
                carriers.append(seg.carrier)
        duration += minutes_between(first, landed)
        stops += len(segments) - 1
    if offer.fare.amount < 0:
        return "negative fare"
    price = 0
    for money in [offer.fare, *offer.taxes]:
        if money.currency not in RATES_PPM:
            return "unknown currency: " + money.currency
        price += eur_cents(money.amount, money.currency)
    score = score_of(price, duration, stops, layover, offer.baggage.checked)
    departure = offer.itineraries[0].segments[0].dep
    return (score, offer.id, index, price, duration, stops, layover, carriers, departure,
            offer.seats_left)


QUERY_DECODER = msgspec.json.Decoder(MQuery)
OFFERS_DECODER = msgspec.json.Decoder(list[msgspec.Raw])


def parse_query(body):
    return msgspec.structs.asdict(QUERY_DECODER.decode(body))


def parse_offers(body):
    """A supplier's JSON list of offers, each kept raw to be decoded alone."""
    return OFFERS_DECODER.decode(body)


def handle_msgspec(body):
    request = REQUEST_DECODER.decode(body)
    return msgspec.json.encode(process_msgspec(
        {"query": msgspec.structs.asdict(request.query), "offers": request.offers}))


def process_msgspec(request):
    """The handler on {"query": dict, "offers": [msgspec.Raw, ...]}: each
    offer decoded into Structs, then m_walk."""
    query = request["query"]
    valid, records, rejected = 0, [], []
    for index, raw in enumerate(request["offers"]):
        try:
            offer = OFFER_DECODER.decode(raw)
        except msgspec.ValidationError as exc:
            rejected.append({"id": echo_id(msgspec.json.decode(raw)),
                             "reason": msgspec_reason(exc)})
            continue
        result = m_walk(offer, index)
        if result.__class__ is str:
            rejected.append({"id": offer.id, "reason": result})
            continue
        valid += 1
        if fits(offer.seats_left, result[5], result[3], query):
            records.append(result)
    return respond(valid, records, rejected, query)


def msgspec_structs(body):
    """v5 with msgspec: offers decoded into Structs and type-checked in C,
    datetimes included; GC off as in the chain."""
    return without_gc(handle_msgspec, body)


def chain_msgspec(inv):
    """The v7 invocation with msgspec decoding and encoding."""
    return flights_chain.serve(inv, parse_chain, process_msgspec, msgspec.json.encode,
                               background=True, threads=True)


def parse_chain(body):
    """The query (an object) or a supplier's offers (a list), as msgspec
    decodes them for process_msgspec."""
    return parse_offers(body) if body[:1] == b"[" else parse_query(body)
