"""Differential tests of the `patterns` scenario: every fast variant against
the pure-Python reference on the same book, plus the edges of each pattern
(the extension's argument checks, the service's framing and lifetime, the C
book against the Python one)."""

import array
import ctypes
import math
import os
import shutil
import socket
import struct
import subprocess
import sys
import time
import unittest

import patterns
import patterns_numpy

SEED = 20240425
RTOL = 1e-12


class Book(ctypes.Structure):
    _fields_ = [("n", ctypes.c_size_t)] + [
        (name, ctypes.POINTER(ctypes.c_double))
        for name in ("spot", "strike", "rate", "vol", "expiry")]


def run_all(n, batch, seed=SEED):
    """{variant: answer} for every Python variant on one book."""
    params = {"n": n, "batch": batch}
    answers = {
        "py_loop": patterns.py_loop(patterns.make_input(params, seed)),
        "ext_item": patterns.ext_item(patterns.make_input(params, seed)),
        "ext_chunks": patterns.ext_chunks(patterns.make_chunks(params, seed)),
        "ext_batch": patterns.ext_batch(patterns.make_columns(params, seed)),
        "ctypes_item": patterns.ctypes_item(patterns.make_ctypes_item(params, seed)),
        "ctypes_chunks": patterns.ctypes_chunks(patterns.make_ctypes_chunks(params, seed)),
        "numpy": patterns_numpy.numpy_vectorised(patterns_numpy.make_input(params, seed)),
        "ext_chunks_from_tuples": patterns.ext_chunks_from_tuples(
            patterns.make_tuples_batch(params, seed)),
        "ext_batch_from_tuples": patterns.ext_batch_from_tuples(patterns.make_input(params, seed)),
        "ext_tuples": patterns.ext_tuples(patterns.make_input(params, seed)),
        "ctypes_chunks_from_tuples": patterns.ctypes_chunks_from_tuples(
            patterns.make_ctypes_tuples(params, seed)),
    }
    for name, start in (("service_item", patterns.start_service_item),
                        ("service_chunks", patterns.start_service_chunks),
                        ("service_chunks_from_tuples", patterns.start_service_tuples)):
        inp = start(params, seed)
        try:
            answers[name] = getattr(patterns, name)(inp)
        finally:
            patterns.stop_service(inp)
    return answers


class VariantsAgree(unittest.TestCase):
    def check(self, n, batch):
        answers = run_all(n, batch)
        ref = answers["py_loop"]
        for name, value in answers.items():
            with self.subTest(variant=name, n=n, batch=batch):
                self.assertIsInstance(value, float)
                self.assertTrue(math.isclose(value, ref, rel_tol=RTOL, abs_tol=1e-12),
                                "%s gave %r, py_loop %r" % (name, value, ref))

    def test_batches_that_divide_and_that_do_not(self):
        for batch in (1, 7, 64, 257, 1000):
            self.check(257, batch)

    def test_one_option(self):
        self.check(1, 1)
        self.check(1, 10)

    def test_empty_book_is_zero(self):
        for value in run_all(0, 5).values():
            self.assertEqual(value, 0.0)

    def test_twins_give_their_batched_variants_bits(self):
        # Same columns, same kernel, same chunking: the twins differ only in
        # where the columns are built, so the sums are bit for bit the same.
        for batch in (1, 5, 300):
            answers = run_all(300, batch)
            for name in ("ext_chunks", "ext_batch", "ctypes_chunks", "service_chunks"):
                self.assertEqual(answers[name + "_from_tuples"], answers[name], (name, batch))
            self.assertEqual(answers["ext_tuples"], answers["ext_batch"], batch)

    def test_tuples_unboxed_in_c_accept_ints_and_tuples_of_tuples(self):
        options = [(100, 100, 0, 1, 1), (120.0, 100.0, 0.01, 0.2, 0.5)]
        self.assertEqual(patterns.ext_tuples(options),
                         patterns.ext_batch_from_tuples(options))
        self.assertEqual(patterns.ext_tuples(tuple(options)), patterns.ext_tuples(options))
        self.assertEqual(patterns.ext_tuples([]), 0.0)

    def test_twins_read_the_tuples_they_are_given(self):
        options = patterns.make_options(50, SEED)
        before = patterns.ext_batch_from_tuples(options)
        options[7] = (100.0, 100.0, 0.05, 0.2, 1.0)
        self.assertNotEqual(patterns.ext_batch_from_tuples(options), before)
        self.assertTrue(math.isclose(patterns.ext_chunks_from_tuples((options, 8)),
                                     patterns.py_loop(options), rel_tol=RTOL))

    def test_twins_reject_a_short_tuple(self):
        options = patterns.make_options(4, SEED) + [(1.0, 2.0)]
        with self.assertRaises((TypeError, ValueError)):
            patterns.ext_batch_from_tuples(options)
        for bad in (options, [(1.0, 2.0, 3.0, 4.0, "x")], [[1.0] * 5], 7):
            with self.assertRaises(TypeError):
                patterns.ext_tuples(bad)
        with self.assertRaises((TypeError, ValueError)):
            patterns.py_loop(options)

    def test_per_option_prices_match(self):
        extremes = [(100.0, 100.0, 0.0, 0.3, 1.0), (150.0, 50.0, 0.05, 0.1, 0.1),
                    (50.0, 150.0, 0.05, 0.1, 0.1), (80.0, 120.0, 0.01, 0.6, 2.0)]
        price = patterns.make_ctypes_item({"n": 0}, SEED)[0]
        for option in extremes + patterns.make_options(50, SEED):
            ref = patterns.call_price(*option)
            for fast in (patterns.ext_call_price, price):
                self.assertTrue(math.isclose(fast(*option), ref, rel_tol=1e-12, abs_tol=1e-12),
                                option)

    def test_c_only_through_the_c_worker(self):
        worker = os.path.join(os.path.dirname(patterns.service_path()), "gb-cworker")
        commands = "variant patterns:price_sum - -\nparam n 257\nsetup %d\nanswer\nquit\n" % SEED
        out = subprocess.run([worker], input=commands, capture_output=True, text=True,
                             timeout=30, check=True).stdout.split("\n")
        self.assertTrue(out[4].startswith("answer float "), out)
        ref = patterns.py_loop(patterns.make_options(257, SEED))
        self.assertTrue(math.isclose(float(out[4].split()[2]), ref, rel_tol=RTOL))

    def test_call_price_is_black_scholes(self):
        # A textbook value: S = K = 100, r = 5%, sigma = 20%, T = 1 -> 10.4506.
        self.assertAlmostEqual(patterns.call_price(100.0, 100.0, 0.05, 0.2, 1.0), 10.4506, 4)


class Inputs(unittest.TestCase):
    def test_c_book_is_the_python_book(self):
        lib = ctypes.CDLL(patterns.gbinput.kernel_library_path("patterns"))
        lib.gb_patterns_make_book.argtypes = [ctypes.POINTER(Book), ctypes.c_size_t,
                                              ctypes.c_uint64]
        lib.gb_patterns_free_book.argtypes = [ctypes.POINTER(Book)]
        book = Book()
        self.assertEqual(lib.gb_patterns_make_book(ctypes.byref(book), 300, SEED), 0)
        try:
            columns = patterns.make_columns({"n": 300}, SEED)
            for name, column in zip(("spot", "strike", "rate", "vol", "expiry"), columns):
                self.assertEqual(list(column), getattr(book, name)[:300], name)
        finally:
            lib.gb_patterns_free_book(ctypes.byref(book))

    def test_ranges(self):
        for spot, strike, rate, vol, expiry in patterns.make_options(2000, SEED):
            self.assertTrue(50 <= spot < 150 and 0.8 * spot <= strike < 1.2 * spot)
            self.assertTrue(0 <= rate < 0.05 and 0.1 <= vol < 0.6 and 0.1 <= expiry < 2.0)


class NumpyCdf(unittest.TestCase):
    def test_matches_erfc_in_absolute_terms(self):
        xs = [i / 64.0 for i in range(-15 * 64, 15 * 64 + 1)]
        got = patterns_numpy.norm_cdf(patterns_numpy.np.array(xs))
        for x, y in zip(xs, got):
            self.assertLess(abs(y - patterns.norm_cdf(x)), 1e-15, x)


class Extension(unittest.TestCase):
    def test_bad_arguments(self):
        col = array.array("d", [1.0, 2.0])
        with self.assertRaises(TypeError):
            patterns.ext_call_price(1.0, 2.0)
        with self.assertRaises(TypeError):
            patterns.ext_call_price(1.0, 2.0, 3.0, 4.0, "x")
        with self.assertRaises(TypeError):
            patterns.ext_price_sum(col, col, col, col)
        with self.assertRaises(TypeError):
            patterns.ext_price_sum(col, col, col, col, array.array("d", [1.0]))
        with self.assertRaises(TypeError):
            patterns.ext_price_sum(col, col, col, col, array.array("f", [1.0, 2.0]))
        with self.assertRaises(TypeError):
            patterns.ext_price_sum(col, col, col, col, 5)

    def test_accepts_ints_like_python(self):
        self.assertEqual(patterns.ext_call_price(100, 100, 0, 1, 1),
                         patterns.ext_call_price(100.0, 100.0, 0.0, 1.0, 1.0))


class Service(unittest.TestCase):
    def setUp(self):
        self.service = patterns.PricingService()

    def tearDown(self):
        self.service.close()

    def round_trip(self, payload):
        self.service.sock.sendall(payload)
        return self.service.sock.recv(8, socket.MSG_WAITALL)

    def test_empty_request_is_a_bare_round_trip(self):
        self.assertEqual(struct.unpack("=d", self.round_trip(struct.pack("=Q", 0)))[0], 0.0)

    def test_request_split_across_writes(self):
        option = (100.0, 100.0, 0.05, 0.2, 1.0)
        payload = patterns.ONE_OPTION.pack(1, *option)
        self.service.sock.sendall(payload[:3])
        reply = self.round_trip(payload[3:])
        self.assertEqual(struct.unpack("=d", reply)[0], patterns.ext_call_price(*option))

    def test_oversized_count_ends_the_connection(self):
        self.assertEqual(self.round_trip(struct.pack("=Q", 1 << 40)), b"")

    def test_closing_stops_the_process_and_cleans_up(self):
        self.service.close()
        self.assertEqual(self.service.process.returncode, 0)
        self.assertFalse(os.path.exists(self.service.folder))


class ServiceLifetime(unittest.TestCase):
    def test_killed_parent_leaves_no_service(self):
        code = ("import sys, patterns\n"
                "service = patterns.PricingService()\n"
                "print(service.process.pid, service.folder, flush=True)\n"
                "sys.stdin.read()\n")
        parent = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)
        pid, folder = parent.stdout.readline().split()
        pid = int(pid)
        self.addCleanup(shutil.rmtree, folder, True)
        parent.kill()
        parent.wait()
        parent.stdin.close()
        parent.stdout.close()
        deadline = time.monotonic() + 5
        while running(pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        self.assertFalse(running(pid), "gb-patterns-service outlived its parent")


def running(pid):
    """True while pid is a live process (a zombie waiting for a reaper is not)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False

if __name__ == "__main__":
    unittest.main()
