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
            args = hotcall.make_input({"calls": 1, "k": 1}, j)[0]
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
            py = hotcall.make_input({"calls": calls, "k": k}, seed)
            self.assertEqual(c_calls(lib, calls, k, seed), py, (calls, k, seed))

    def test_k_bounds_the_distinct_tuples(self):
        seq = hotcall.make_input({"calls": 2000, "k": 10}, 9)
        self.assertEqual(len(set(seq)), 10)
        self.assertEqual(len(set(map(id, seq))), 10)


class VariantTest(unittest.TestCase):
    def test_variants_match_the_reference(self):
        for calls, k in [(0, 1), (1, 1), (501, 1), (3000, 7), (3000, 900), (3000, 5000),
                         (2000, 10 ** 6)]:
            seq = hotcall.make_input({"calls": calls, "k": k}, 11)
            expected = hotcall.py_plain(seq)
            for variant in VARIANTS:
                self.assertEqual(variant(seq), expected, (variant.__name__, calls, k))

    def test_every_call_starts_with_an_empty_cache(self):
        seq = hotcall.make_input({"calls": 500, "k": 20}, 12)
        for variant in VARIANTS:
            self.assertEqual(variant(seq), variant(seq))

    def test_small_c_memo_evicts_correctly(self):
        seq = hotcall.make_input({"calls": 4000, "k": 64}, 13)
        expected = [hotcall.price(*args) for args in seq]
        for capacity in (4, 8, 16, 1024):
            cached = _gb_hotcall.cached_price(capacity)
            self.assertEqual([cached(*args) for args in seq], expected, capacity)

    def test_c_memo_capacity_must_be_a_power_of_two(self):
        for capacity in (0, 2, 6, 1000, -4):
            with self.assertRaises(ValueError):
                _gb_hotcall.cached_price(capacity)


if __name__ == "__main__":
    unittest.main()
