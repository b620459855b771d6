"""flights_pydantic: the Pydantic steps of the flights chain (v0, v1) and
v0 after gc.freeze().  The models are here too: importing them is part of
what these steps cost a cold process.  See flights.py for the scenario.
"""

import gc
import json
from typing import Annotated

from pydantic import (AwareDatetime, BaseModel, BeforeValidator, Field, StrictFloat, StrictInt,
                      StrictStr, ValidationError, field_validator, model_validator)
from pydantic_core import PydanticCustomError

import flights
import flights_chain
from flights import (echo_id, entry, eur_cents, fits, minutes_between, response, score_of,
                     without_gc)
from flights_models import AMOUNT_LIMIT, RATES_PPM, TIME_RE


# ---- the models ---------------------------------------------------------
# Strict scalars: the contract (flights_models) coerces nothing, where
# Pydantic's default would take "100.5" as an amount and "3" as a count.

def contract_time(value):
    """Lets only the contract's spelling of a time reach Pydantic's own
    datetime parser, which accepts fractional seconds and more."""
    if type(value) is not str or not TIME_RE.match(value):
        raise ValueError("not a contract time")
    return value


Time = Annotated[AwareDatetime, BeforeValidator(contract_time)]
Amount = Annotated[StrictFloat, Field(gt=-AMOUNT_LIMIT, lt=AMOUNT_LIMIT)]


class PSegment(BaseModel):
    carrier: StrictStr
    number: StrictInt
    from_: StrictStr = Field(alias="from")
    to: StrictStr
    dep: Time
    arr: Time

    @model_validator(mode="after")
    def lands_after_leaving(self):
        if self.arr <= self.dep:
            raise PydanticCustomError("offer_rule", "arrival before departure")
        return self


class PItinerary(BaseModel):
    segments: list[PSegment] = Field(min_length=1)

    @model_validator(mode="after")
    def no_overlap(self):
        for before, after in zip(self.segments, self.segments[1:]):
            if after.dep < before.arr:
                raise PydanticCustomError("offer_rule", "overlapping segments")
        return self


class PMoney(BaseModel):
    amount: Amount
    currency: StrictStr


class PFare(PMoney):
    @field_validator("amount")
    @classmethod
    def not_negative(cls, value):
        if value < 0:
            raise PydanticCustomError("offer_rule", "negative fare")
        return value


class PTax(PMoney):
    code: StrictStr


class PBaggage(BaseModel):
    checked: StrictInt
    cabin_kg: StrictInt


class POffer(BaseModel):
    id: StrictStr
    itineraries: list[PItinerary] = Field(min_length=1)
    fare: PFare
    taxes: list[PTax]
    baggage: PBaggage
    seats_left: StrictInt

    @model_validator(mode="after")
    def known_currencies(self):
        for money in [self.fare, *self.taxes]:
            if money.currency not in RATES_PPM:
                raise PydanticCustomError("offer_rule", "unknown currency: {cur}",
                                          {"cur": money.currency})
        return self


class PQuery(BaseModel):
    passengers: StrictInt
    max_stops: StrictInt
    max_price_eur_cents: StrictInt
    limit: StrictInt


# ---- v0: a pass per stage, values recomputed ------------------------------

def p_duration(offer):
    return sum(minutes_between(it.segments[0].dep, it.segments[-1].arr)
               for it in offer.itineraries)


def p_stops(offer):
    return sum(len(it.segments) - 1 for it in offer.itineraries)


def p_layover(offer):
    gaps = [minutes_between(a.arr, b.dep) for it in offer.itineraries
            for a, b in zip(it.segments, it.segments[1:])]
    return min(gaps) if gaps else None


def p_price(offer):
    return eur_cents(offer.fare.amount, offer.fare.currency) + sum(
        eur_cents(tax.amount, tax.currency) for tax in offer.taxes)


def p_carriers(offer):
    return list(dict.fromkeys(s.carrier for it in offer.itineraries for s in it.segments))


def p_score(offer):
    return score_of(p_price(offer), p_duration(offer), p_stops(offer), p_layover(offer),
                    offer.baggage.checked)


def pydantic_reason(exc):
    """The first error of a ValidationError as the response's reason text."""
    error = exc.errors()[0]
    # the last name on the path: ("itineraries", 0) is the itineraries field
    names = [part for part in error["loc"] if isinstance(part, str)]
    field = names[-1] if names else "offer"
    if error["type"] == "offer_rule":
        return error["msg"]
    if error["type"] == "missing":
        return "missing field: " + field
    if error["type"] == "too_short":
        return "empty field: " + field
    return "invalid field: " + field


def p_validate(raw_offers):
    offers, rejected = [], []
    for raw in raw_offers:
        try:
            offers.append(POffer.model_validate(raw))
        except ValidationError as exc:
            rejected.append({"id": echo_id(raw), "reason": pydantic_reason(exc)})
    return offers, rejected


def process_pydantic(request):
    """v0's handler on a parsed request: models for every offer, a pass per
    stage, each value computed where it is used."""
    query = PQuery.model_validate(request["query"]).model_dump()
    offers, rejected = p_validate(request["offers"])
    matched = [o for o in offers if fits(o.seats_left, p_stops(o), p_price(o), query)]
    matched.sort(key=lambda o: (p_score(o), o.id))
    top = [entry(o.id, p_price(o), p_duration(o), p_stops(o), p_layover(o), p_carriers(o),
                 o.itineraries[0].segments[0].dep.isoformat(), o.seats_left, p_score(o),
                 query["passengers"])
           for o in matched[:query["limit"]]]
    return response(len(offers), len(matched), top, rejected)


def handle_pydantic(body):
    return flights.dumps(process_pydantic(json.loads(body)))


def v0_baseline(body):
    """Baseline: stdlib json, Pydantic v2 models, a pass per stage
    (validate, filter, sort, respond), a loop per value, each value
    computed where it is used, default GC."""
    return handle_pydantic(body)


def gc_frozen(body):
    """v0 after gc.freeze() in setup: long-lived objects leave the GC's view."""
    return handle_pydantic(body)


def v1_gc_off(body):
    """+ GC off while handling, one gc.collect() after (timed)."""
    return without_gc(handle_pydantic, body)



def make_frozen(params, seed):
    """The request, after one warm-up call, a collection and gc.freeze():
    everything alive then (modules, Pydantic's validators, caches) moves to
    the permanent generation, which no later collection walks."""
    body = flights.make_input(params, seed)
    v0_baseline(body)
    gc.collect()
    gc.freeze()
    return body


# ---- the chain's Pydantic steps (flights_chain) ------------------------------

def chain_v0(inv):
    """Baseline invocation: stdlib json, Pydantic, a pass per stage, default
    GC, suppliers one after another, post-work inline before the response."""
    return flights_chain.serve(inv, json.loads, process_pydantic, flights.dumps, gc_off=False)


def chain_v1(inv):
    """+ GC off during the invocation, one collection after the response."""
    return flights_chain.serve(inv, json.loads, process_pydantic, flights.dumps)


def chain_frozen(inv):
    """v0 after gc.freeze() in setup: the resident data and everything
    else alive after a warm-up leave the GC's view."""
    return chain_v0(inv)


def make_frozen_invocation(params, seed):
    """The invocation, after one warm-up call, a collection and gc.freeze()."""
    inv = flights_chain.make_input(params, seed)
    chain_v0(inv)
    gc.collect()
    gc.freeze()
    return inv


def chain_gc_async(inv):
    """v0 with the talk's three tweaks only: GC off during the invocation,
    the collection and the post-work after the response (background)."""
    return flights_chain.serve(inv, json.loads, process_pydantic, flights.dumps,
                               background=True)
