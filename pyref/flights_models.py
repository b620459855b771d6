"""flights_models: the shapes of a flight-search request as TypedDicts,
and the fixed exchange rates.

The same shapes exist as Pydantic v2 models (flights_pydantic: validation
and conversion on every field, timestamps parsed into aware datetimes) and
as msgspec Structs (flights_msgspec: decoded and type-checked in C).  A
TypedDict is a type hint only: at run time an offer is the plain dict the
JSON parser made, and the handler checks what it relies on itself
(flights.check_offer).  Stdlib only, so importing it costs nothing.

The rules every variant enforces: every required key present and every
list non-empty, each segment lands after it leaves, each connection leaves
after the previous segment lands, the fare is not negative, every currency
is known.  An offer that breaks one rule gets the same reason text from
every variant; one that breaks several may get a different one of them,
since each variant checks in the order that suits it (Pydantic in field
order; msgspec types first; the fused passes keys first).  The generator
breaks one rule per faulty offer.
"""

from typing import TypedDict

# Fixed exchange rates to EUR in parts per million of a euro per unit.
RATES_PPM = {"EUR": 1_000_000, "USD": 920_000, "GBP": 1_170_000, "CHF": 1_040_000,
             "PLN": 232_000, "SEK": 88_000, "JPY": 6_100}


# ---- TypedDict -----------------------------------------------------------

Segment = TypedDict("Segment", {"carrier": str, "number": int, "from": str, "to": str,
                                "dep": str, "arr": str})


class Itinerary(TypedDict):
    segments: list[Segment]


class Money(TypedDict):
    amount: float
    currency: str


class Tax(Money):
    code: str


class Baggage(TypedDict):
    checked: int
    cabin_kg: int


class Offer(TypedDict):
    id: str
    itineraries: list[Itinerary]
    fare: Money
    taxes: list[Tax]
    baggage: Baggage
    seats_left: int


class Query(TypedDict):
    passengers: int
    max_stops: int
    max_price_eur_cents: int
    limit: int
