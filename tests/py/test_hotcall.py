"""Differential tests of the hotcall scenario: every variant against the
plain Python reference, and the C inputs against the Python inputs."""

import ctypes
import unittest

import gbinput
import hotcall
import _gb_hotcall


class Args(ctypes.Structure):
    _fields_ = [("spot", ctypes.c_int32), ("strike", ctypes.c_int32),
                ("vol_bp", ctypes.c_int32), ("days", ctypes.c_int32)]


def kernel():
    lib = ctypes.CDLL(gbinput.kernel_library_path("hotcall"))
    lib.gb_hotcall_make_calls.argtypes = [ctypes.c_size_t, ctypes.c_uint32, ctypes.c_uint64]
    lib.gb_hotcall_make_calls.restype = ctypes.POINTER(Args)
    return lib


def c_calls(lib, calls, k, seed):
    ptr = lib.gb_hotcall_make_calls(calls, k, seed)
    try:
        return [(a.spot, a.strike, a.vol_bp, a.days) for a in ptr[:calls]]
    finally:
        ctypes.CDLL(None).free(ptr)


VARIANTS = [hotcall.ext_call, hotcall.lru_bounded, hotcall.lru_unbounded, hotcall.ext_cache]


class PriceTest(unittest.TestCase):
    def test_c_price_matches_python_on_generated_tuples(self):
        for j in range(3000):
            args = hotcall.make_calls({"calls": 1, "k": 1}, j)[0]
            self.assertEqual(_gb_hotcall.price(*args), hotcall.price(*args), args)

    def test_c_price_matches_python_at_the_edges(self):
        cases = [(5000, 3750, 500, 1), (70535, 88168, 4595, 1024), (5000, 6250, 500, 1),
                 (100, 100, 1, 1), (100, 1000000, 100, 365), (1000000, 100, 100, 365)]
        for args in cases:
            self.assertEqual(_gb_hotcall.price(*args), hotcall.price(*args), args)

    def test_deep_out_of_the_money_is_zero(self):
        self.assertEqual(hotcall.price(100, 1000000, 100, 1), 0)

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            _gb_hotcall.price(1, 2, 3)
        with self.assertRaises(OverflowError):
            _gb_hotcall.price(1 << 40, 2, 3, 4)
        with self.assertRaises(TypeError):
            _gb_hotcall.price(1.5, 2, 3, 4)


class InputTest(unittest.TestCase):
    def test_python_and_c_make_the_same_calls(self):
        lib = kernel()
        for calls, k, seed in [(0, 1, 1), (1, 1, 2), (7, 3, 3), (1000, 50, 4), (999, 10 ** 6, 5)]:
            py = hotcall.make_calls({"calls": calls, "k": k}, seed)
            self.assertEqual(c_calls(lib, calls, k, seed), py, (calls, k, seed))

    def test_k_bounds_the_distinct_tuples(self):
        seq = hotcall.make_calls({"calls": 2000, "k": 10}, 9)
        self.assertEqual(len(set(seq)), 10)
        self.assertEqual(len(set(map(id, seq))), 10)


class VariantTest(unittest.TestCase):
    def test_variants_match_the_reference(self):
        for calls, k in [(0, 1), (1, 1), (501, 1), (3000, 7), (3000, 900), (3000, 5000),
                         (2000, 10 ** 6)]:
            work = hotcall.make_input({"calls": calls, "k": k, "scenarios": 1}, 11)
            expected = hotcall.py_plain(work)
            for variant in VARIANTS:
                self.assertEqual(variant(work), expected, (variant.__name__, calls, k))

    def test_variants_match_at_every_cost(self):
        for scenarios in (0, 1, 2, 10, 100):
            for calls, k in [(0, 1), (300, 1), (300, 50), (300, 10 ** 6)]:
                params = {"calls": calls, "k": k, "scenarios": scenarios}
                work = hotcall.make_input(params, 21)
                expected = hotcall.py_plain(work)
                for variant in VARIANTS:
                    self.assertEqual(variant(work), expected,
                                     (variant.__name__, calls, k, scenarios))

    def test_scenarios_one_is_the_price_and_zero_the_payoff(self):
        work = hotcall.make_input({"calls": 200, "k": 10 ** 6, "scenarios": 1}, 4)
        self.assertEqual(hotcall.py_plain(work), sum(hotcall.price(*a) for a in work.calls))
        self.assertEqual(hotcall.make_input({"calls": 1, "k": 1}, 4).scenarios, 1)
        for spot, strike in [(100, 90), (90, 100), (100, 100)]:
            self.assertEqual(hotcall.payoff(spot, strike, 500, 30), max(spot - strike, 0) * 100)
            self.assertEqual(_gb_hotcall.price(spot, strike, 500, 30, 0),
                             hotcall.payoff(spot, strike, 500, 30))

    def test_scenarios_sum_the_prices_at_rising_volatility(self):
        args = (10000, 10500, 2000, 90)
        fn = hotcall.value_function(3)
        self.assertEqual(fn(*args), sum(hotcall.price(10000, 10500, 2000 + j, 90)
                                        for j in range(3)))
        self.assertEqual(_gb_hotcall.price(*args, 3), fn(*args))
        self.assertGreater(hotcall.value_function(2)(*args), hotcall.price(*args))

    def test_every_call_starts_with_an_empty_cache(self):
        work = hotcall.make_input({"calls": 500, "k": 20, "scenarios": 2}, 12)
        for variant in VARIANTS:
            self.assertEqual(variant(work), variant(work))

    def test_small_c_memo_evicts_correctly(self):
        seq = hotcall.make_calls({"calls": 4000, "k": 64}, 13)
        for scenarios in (0, 1, 3):
            fn = hotcall.value_function(scenarios)
            expected = [fn(*args) for args in seq]
            for capacity in (4, 8, 16, 1024):
                cached = _gb_hotcall.cached_price(capacity, scenarios)
                self.assertEqual([cached(*args) for args in seq], expected, (capacity, scenarios))

    def test_c_memo_capacity_must_be_a_power_of_two(self):
        for capacity in (0, 2, 6, 1000, -4):
            with self.assertRaises(ValueError):
                _gb_hotcall.cached_price(capacity)

    def test_bad_scenarios(self):
        for bad in (-1, 100001):
            with self.assertRaises(ValueError):
                _gb_hotcall.price(1, 2, 3, 4, bad)
            with self.assertRaises(ValueError):
                _gb_hotcall.cached_price(16, bad)
        with self.assertRaises(TypeError):
            _gb_hotcall.price(1, 2, 3, 4, 5, 6)
        with self.assertRaises(TypeError):
            _gb_hotcall.cached_price()
        with self.assertRaises(TypeError):
            _gb_hotcall.cached_price(16, 1, 2)


if __name__ == "__main__":
    unittest.main()
