"""Differential tests of the boundary scenario: every variant against the
pure-Python loop on the same numbers, the batched twin included."""

import array
import math
import random
import unittest

import boundary

SEED = 7

# variant -> its setup (make_input unless the manifest names another)
VARIANTS = {
    boundary.py_builtin: boundary.make_input,
    boundary.ext_item: boundary.make_input,
    boundary.ctypes_item: boundary.make_ctypes,
    boundary.ext_batch: boundary.make_array,
    boundary.ext_batch_from_list: boundary.make_input,
    boundary.ext_list: boundary.make_input,
}


class VariantsAgree(unittest.TestCase):
    def test_every_variant_gives_the_loops_bits(self):
        for n in (0, 1, 2, 999, 10000):
            expected = boundary.py_loop(boundary.make_input({"n": n}, SEED))
            for variant, setup in VARIANTS.items():
                with self.subTest(variant=variant.__name__, n=n):
                    self.assertEqual(variant(setup({"n": n}, SEED)), expected)

    def test_empty_input_is_zero(self):
        for variant, setup in VARIANTS.items():
            self.assertEqual(variant(setup({"n": 0}, SEED)), 0.0, variant.__name__)

    def test_off_grid_and_signed_values(self):
        # Off the grid, every variant still sums left to right, so the bits agree.
        rng = random.Random(3)
        xs = [rng.uniform(-1e6, 1e6) for _ in range(5000)] + [-0.0, 1e-300, 1e150]
        expected = boundary.py_loop(xs)
        self.assertEqual(boundary.ext_item(xs), expected)
        self.assertEqual(boundary.ext_batch_from_list(xs), expected)
        self.assertEqual(boundary.ext_list(xs), expected)
        self.assertEqual(boundary.ext_list(tuple(xs)), expected)
        self.assertEqual(boundary.ext_batch(array.array("d", xs)), expected)

    def test_overflow_and_ints_behave_like_python(self):
        xs = [3, 1e200, -2]
        self.assertEqual(boundary.ext_batch_from_list(xs), boundary.py_loop(xs))
        self.assertEqual(boundary.ext_list(xs), boundary.py_loop(xs))
        with self.assertRaises(OverflowError):
            boundary.ext_list([1 << 1100])
        self.assertTrue(math.isinf(boundary.ext_batch_from_list(xs)))

    def test_the_twin_rejects_what_the_loop_rejects(self):
        with self.assertRaises(TypeError):
            boundary.ext_batch_from_list([1.0, "2"])
        with self.assertRaises(TypeError):
            boundary.ext_list([1.0, "2"])
        with self.assertRaises(TypeError):
            boundary.ext_list(5)
        with self.assertRaises(TypeError):
            boundary.py_loop([1.0, "2"])

    def test_the_twin_does_not_keep_its_buffer(self):
        xs = boundary.make_input({"n": 100}, SEED)
        first = boundary.ext_batch_from_list(xs)
        xs[0] = 1000.0
        self.assertEqual(boundary.ext_batch_from_list(xs), boundary.py_loop(xs))
        self.assertNotEqual(first, boundary.py_loop(xs))


class Inputs(unittest.TestCase):
    def test_array_holds_the_list(self):
        params = {"n": 500}
        self.assertEqual(list(boundary.make_array(params, SEED)),
                         boundary.make_input(params, SEED))

    def test_values_lie_on_the_grid(self):
        for x in boundary.make_input({"n": 2000}, SEED):
            self.assertTrue(0.0 <= x < 1.0)
            self.assertEqual(x * 1024, int(x * 1024))


if __name__ == "__main__":
    unittest.main()
