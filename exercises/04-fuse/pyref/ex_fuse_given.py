"""ex_fuse_given: the given parts of exercise 4 (the input, the baseline and
the variants yours are compared with).  Read them; you edit ex_fuse.py.
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
