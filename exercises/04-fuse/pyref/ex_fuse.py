"""ex_fuse: exercise 4, fuse the traversals (talk 003).

Every variant returns "<count> <total euro cents>" for the same offers.
Prices are integers (cents) and rates integers (parts per million), so the
conversion is exact integer arithmetic and every variant agrees to the cent.
"""

import gbinput

CURRENCIES = ("EUR", "USD", "GBP", "CHF")
RATES_PPM = {"EUR": 1000000, "USD": 921000, "GBP": 1171000, "CHF": 1043000}
MAX_STOPS = 1
CAP_EUR_CENTS = 60000


def make_input(params, seed):
    """n offers: id, price in cents in one of four currencies, stops, seats left.

    One random draw gives all of an offer's fields.
    """
    rng = gbinput.Rng(seed)
    offers = []
    for i in range(params["n"]):
        r = rng.next()
        offers.append({"id": i, "price_cents": 2000 + (r & 0xFFFFF) % 98000,
                       "currency": CURRENCIES[(r >> 20) & 3], "stops": (r >> 22) % 4,
                       "seats_left": (r >> 24) % 10})
    return offers


def to_eur_cents(price_cents, currency):
    return price_cents * RATES_PPM[currency] // 1000000


def staged(offers):
    """One traversal per stage, a new dict per offer per stage."""
    available = [o for o in offers if o["seats_left"] > 0]
    priced = [dict(o, eur_cents=to_eur_cents(o["price_cents"], o["currency"]))
              for o in available]
    kept = [o for o in priced if o["stops"] <= MAX_STOPS and o["eur_cents"] <= CAP_EUR_CENTS]
    total = sum(o["eur_cents"] for o in kept)
    return "%d %d" % (len(kept), total)


def fused(offers):
    """One traversal: check, convert, filter and sum each offer in one step."""
    raise NotImplementedError("exercise 4: do all stages in one loop over offers")
