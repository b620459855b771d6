"""flights_models: the shapes of a flight-search request as TypedDicts,
and the fixed exchange rates.

The same shapes exist as Pydantic v2 models (flights_pydantic: validation
and conversion on every field, timestamps parsed into aware datetimes) and
as msgspec Structs (flights_msgspec: decoded and type-checked in C).  A
TypedDict is a type hint only: at run time an offer is the plain dict the
JSON parser made, and the handler checks what it relies on itself
(flights.check_offer).  Stdlib only, so importing it costs nothing.

The contract every variant follows (one rule per case, so that adversarial
inputs get one answer):

- Times are exactly `YYYY-MM-DDTHH:MM:SS` then `Z` or `+HH:MM`/`-HH:MM`
  (TIME_PATTERN), on a real calendar day (no 30 February, year 1 or later):
  no fractional seconds, no other ISO-8601 spelling.  Anything else is
  "invalid field: dep" (or arr).
- Types are JSON's, never coerced: the fields the handler computes with
  must have their type, or the offer alone is rejected with "invalid
  field: <name>" (a string "100.5" is not an amount, "3" is not a seat
  count, true is not an integer).  Checked by every variant: id, carrier,
  dep, arr, currency (strings); amount (an int or a float, not a bool,
  finite and below AMOUNT_LIMIT in size); checked and seats_left (ints, not
  bools); the lists and objects they sit in.  The validating variants
  (Pydantic, msgspec, v2_checked) also check the fields the handler only
  passes by (number, from, to, code, cabin_kg); the trusting ones do not.
- Money: amount x 100 rounded half to even to whole minor units (Python's
  round(), IEEE's default), then to euro cents at RATES_PPM rounded half
  up: a fare of 100.125 EUR is 10012 cents.
- An offer's id in a rejection is echoed when it is a string, else null.

The rules every variant enforces: every required key present and every
list non-empty, each segment lands after it leaves, each connection leaves
after the previous segment lands, the fare is not negative, every currency
is known.  An offer that breaks one rule gets the same reason text from
every variant; one that breaks several may get a different one of them,
since each variant checks in the order that suits it (Pydantic in field
order; msgspec types first; the fused passes keys first).  The generator
breaks one rule per faulty offer.
"""

import re
from typing import TypedDict

# A time as the contract spells it; \Z, not $, which would let a trailing
# newline through.  Ranges are in the pattern because datetime.fromisoformat
# reads "+05:60" as "+06:00"; the calendar day is left to the parser.
TIME_PATTERN = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
                r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])\Z")
TIME_RE = re.compile(TIME_PATTERN)

# Amounts at or beyond this size are invalid: whole cents stay exact in a
# double and in a 64-bit integer for every variant, C included.
AMOUNT_LIMIT = 1e13

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
