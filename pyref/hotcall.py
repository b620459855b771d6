"""hotcall: cost times frequency, and the memory trade.

A small pure function -- the Black-Scholes price of a European call, four
integer arguments, five math calls -- is called `calls` times with arguments
drawn from k distinct tuples.  With k = 1 every call after the first repeats
the same arguments (the talk's "50,000 calls a second with the exact same 4
parameters"); with k far above `calls` almost none repeats.

A third parameter sets the function's cost: `scenarios` volatility
scenarios priced per call (the sum of the prices at vol_bp, vol_bp + 1,
...), about half a microsecond each in Python on the VM it was measured
on; scenarios = 0 is the payoff at expiry, max(spot - strike, 0), the
cheapest function of the same four arguments (tens of nanoseconds).  The cache's key,
lookup and memory do not depend on the cost; what a hit saves does.

Every variant returns the sum of the values as an exact int.  The price is
computed with the same floating-point operations in the same order here and
in kernels/hotcall.c, on the same libm, so the truncated integers agree.

Every cache starts empty at the start of every timed call (a new cache is
made inside the call and counted in its time): otherwise the second sample
would find every tuple already cached, and a cache would look free at any k.
"""

import functools
import math

import gbinput
from _gb_hotcall import cached_price, price as c_price

RATE = 0.03
SQRT1_2 = 0.7071067811865476  # sqrt(1/2) rounded to a double, as in C

# lru_cache's default is 128; 1024 holds a hot working set of a thousand
# argument tuples for about 200 KB, a size one would give a real service.
# The C memo gets the same number of entries (24 bytes each, 25 KB).
LRU_SIZE = 1024
C_CACHE_SIZE = 1024

# The j-th tuple is the j-th draw of a second splitmix64 stream: its state
# after j steps is start + j * GAMMA, so any tuple is one draw away.
GAMMA = 0x9E3779B97F4A7C15
TABLE_SALT = 0x5851F42D4C957F2D
MASK32 = 0xFFFFFFFF


def price(spot, strike, vol_bp, days):
    """The function being called: spot and strike in cents, volatility in
    basis points, maturity in days; the price in hundredths of a cent."""
    s = spot / 100
    k = strike / 100
    sigma = vol_bp / 10000
    t = days / 365
    sd = sigma * math.sqrt(t)
    d1 = (math.log(s / k) + (RATE + 0.5 * sigma * sigma) * t) / sd
    d2 = d1 - sd
    call = (s * 0.5 * math.erfc(-d1 * SQRT1_2)
            - k * math.exp(-RATE * t) * 0.5 * math.erfc(-d2 * SQRT1_2))
    return int(call * 10000.0)


def payoff(spot, strike, vol_bp, days):
    """The value at expiry, in hundredths of a cent: the cheap function."""
    return (spot - strike) * 100 if spot > strike else 0


def value_function(scenarios):
    """The hot function for a cost: payoff for 0, price for 1, and for more
    the sum of the prices over that many volatility scenarios."""
    if scenarios == 0:
        return payoff
    if scenarios == 1:
        return price

    def price_scenarios(spot, strike, vol_bp, days):
        total = 0
        for j in range(scenarios):
            total += price(spot, strike, vol_bp + j, days)
        return total
    return price_scenarios


class Workload:
    """The call sequence and the cost of each call (its scenarios)."""

    __slots__ = ("calls", "scenarios")

    def __init__(self, calls, scenarios):
        self.calls = calls
        self.scenarios = scenarios


def arg_tuple(r):
    """The argument tuple made from one 64-bit draw r (50 of its bits:
    spot 50.00 to 705.35, strike 0.75 to 1.25 times spot, volatility 5% to
    46%, 1 to 1024 days)."""
    spot = 5000 + (r & 0xFFFF)
    moneyness = (r >> 16) & 0xFFF
    strike = spot - spot // 4 + moneyness * spot // 8192
    vol_bp = 500 + ((r >> 28) & 0xFFF)
    days = 1 + ((r >> 40) & 0x3FF)
    return (spot, strike, vol_bp, days)


def make_input(params, seed):
    """The workload: the call sequence and params["scenarios"] (1 when
    absent)."""
    return Workload(make_calls(params, seed), params.get("scenarios", 1))


def make_calls(params, seed):
    """The call sequence: a list of `calls` argument tuples, each drawn
    uniformly from the first k tuples, two indices per random number.
    Repeated calls share one tuple object, as repeated requests would."""
    calls, k = params["calls"], params["k"]
    rng = gbinput.Rng(seed)
    jump = gbinput.Rng(0)  # moved to tuple j's state, then drawn once
    table_start = seed ^ TABLE_SALT
    tuples = {}
    seq = []
    for _ in range((calls + 1) // 2):
        r = rng.next()
        for j in (((r >> 32) * k) >> 32, ((r & MASK32) * k) >> 32):
            args = tuples.get(j)
            if args is None:
                jump.state = (table_start + j * GAMMA) & gbinput.MASK64
                args = tuples[j] = arg_tuple(jump.next())
            seq.append(args)
    del seq[calls:]
    return seq


def py_plain(work):
    """Pure Python: the function computed on every call."""
    fn = value_function(work.scenarios)
    total = 0
    for spot, strike, vol_bp, days in work.calls:
        total += fn(spot, strike, vol_bp, days)
    return total


def ext_call(work):
    """The same function in C, one extension call (one crossing) per call."""
    scenarios = work.scenarios
    total = 0
    for spot, strike, vol_bp, days in work.calls:
        total += c_price(spot, strike, vol_bp, days, scenarios)
    return total


def lru_bounded(work):
    """The memory trade, bounded: functools.lru_cache(maxsize=1024) over the
    Python function, least recently used tuple evicted; made empty here."""
    cached = functools.lru_cache(maxsize=LRU_SIZE)(value_function(work.scenarios))
    total = 0
    for spot, strike, vol_bp, days in work.calls:
        total += cached(spot, strike, vol_bp, days)
    return total


def lru_unbounded(work):
    """The memory trade, unbounded: functools.lru_cache(maxsize=None), a
    plain dict that keeps every tuple ever seen; made empty here."""
    cached = functools.lru_cache(maxsize=None)(value_function(work.scenarios))
    total = 0
    for spot, strike, vol_bp, days in work.calls:
        total += cached(spot, strike, vol_bp, days)
    return total


def ext_cache(work):
    """A memo in C around the C function: a 1024-entry set-associative
    table keyed by the four ints, one crossing per call; made empty here."""
    cached = cached_price(C_CACHE_SIZE, work.scenarios)
    total = 0
    for spot, strike, vol_bp, days in work.calls:
        total += cached(spot, strike, vol_bp, days)
    return total
