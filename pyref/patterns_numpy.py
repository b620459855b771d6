"""patterns, the NumPy variant: a library that already computes in C.

NumPy has exp, log and sqrt but no erf, and SciPy (whose special.ndtr a
desk would reach for) is not installed here.  np.vectorize(math.erfc)
would call Python once per element, so the normal CDF is written with
array operations instead: Hart's (1968) rational approximation in the
double-precision form West (2005, "Better approximations to cumulative
normal functions") gives, with a continued fraction for the far tail.
Its absolute error is about 2e-16, so prices differ from the libm-based
variants by about 1e-14 of a price: well inside the scenario's tolerance.
"""

import numpy as np

import patterns

# Numerator and denominator of the rational part, highest power first.
HART_NUM = (3.52624965998911e-02, 0.700383064443688, 6.37396220353165,
            33.912866078383, 112.079291497871, 221.213596169931, 220.206867912376)
HART_DEN = (8.83883476483184e-02, 1.75566716318264, 16.064177579207,
            86.7807322029461, 296.564248779674, 637.333633378831,
            793.826512519948, 440.413735824752)
HART_SPLIT = 7.07106781186547  # 10 / sqrt(2): rational part below, fraction above
SQRT_2PI = 2.506628274631


def make_input(params, seed):
    """The book as five float64 arrays."""
    return tuple(np.array(c, dtype=np.float64)
                 for c in patterns.make_columns(params, seed))


def norm_cdf(x):
    """Standard normal CDF of an array, with array operations only."""
    ax = np.abs(x)
    gauss = np.exp(-0.5 * ax * ax)
    tail = gauss * np.polyval(HART_NUM, ax) / np.polyval(HART_DEN, ax)
    frac = ax + 0.65
    for k in (4.0, 3.0, 2.0, 1.0):
        frac = ax + k / frac
    tail = np.where(ax < HART_SPLIT, tail, gauss / frac / SQRT_2PI)
    return np.where(x > 0.0, 1.0 - tail, tail)


def numpy_vectorised(columns):
    """NumPy: whole-array operations, each a C loop; the book crosses into C
    a few dozen times, once per operation, not once per option."""
    spot, strike, rate, vol, expiry = columns
    vol_sqrt_t = vol * np.sqrt(expiry)
    d1 = (np.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / vol_sqrt_t
    d2 = d1 - vol_sqrt_t
    prices = spot * norm_cdf(d1) - strike * np.exp(-rate * expiry) * norm_cdf(d2)
    return float(prices.sum())
