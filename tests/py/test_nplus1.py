"""Differential tests of the nplus1 scenario: every variant, Python and C,
against a plain sum over the generated rows, on small databases."""

import ctypes
import os
import sqlite3
import unittest

import time

import gbinput
import gbmetrics
from gbcache import CacheDirTest
import gbkernel
from gbkernel import run_c_variant
import nplus1

SEED = 7


def expected_total(orders, m, seed):
    """The answer without any database: sum over the generated items."""
    wanted = set(nplus1.pick_orders(orders, m, seed))
    _, rng = nplus1.generate_orders(orders, seed)
    return sum(quantity * price for _, order_id, _, quantity, price
               in nplus1.generate_items(orders, rng) if order_id in wanted)


def load_kernel():
    lib = gbkernel.load("nplus1")
    lib.gb_nplus1_build.argtypes = [ctypes.c_char_p, ctypes.c_int64, ctypes.c_uint64,
                                    ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
    lib.gb_nplus1_pick.argtypes = [ctypes.POINTER(ctypes.c_int64), ctypes.c_int64,
                                   ctypes.c_int64, ctypes.c_uint64]
    return lib


def digest_int(value):
    return gbinput.fnv1a(str(value).encode())


class PythonVariants(CacheDirTest):
    def check_all(self, orders, m, latency_us=0):
        params = {"orders": orders, "m": m, "latency_us": latency_us}
        want = expected_total(orders, m, SEED)
        for make in (nplus1.make_input, nplus1.make_input_noindex):
            for fn in (nplus1.nplus1, nplus1.nplus1_spin, nplus1.batched, nplus1.cached):
                req = make(params, SEED)
                with self.subTest(make=make.__name__, fn=fn.__name__):
                    self.assertEqual(fn(req), want)
                    self.assertEqual(fn(req), want)
                nplus1.close_request(req)
        req = nplus1.make_cached(params, SEED)
        self.assertEqual(nplus1.cached(req), want)
        nplus1.close_request(req)

    def test_small(self):
        self.check_all(300, 40)

    def test_with_latency(self):
        self.check_all(50, 10, latency_us=5)

    def test_m_above_orders_takes_every_order(self):
        self.check_all(20, 100)
        self.assertEqual(sorted(nplus1.pick_orders(20, 100, SEED)), list(range(1, 21)))

    def test_orders_without_items_count_zero(self):
        # 200 orders of about five items: a few get none (Poisson, e**-5).
        req = nplus1.make_input({"orders": 200, "m": 200}, SEED)
        counts = dict(req.conn.execute(
            "SELECT order_id, count(*) FROM order_items GROUP BY order_id"))
        self.assertLess(len(counts), 200, "the seed should leave an order empty")
        self.assertEqual(nplus1.cached(req), nplus1.nplus1(req))
        nplus1.close_request(req)

    def test_cache_fills_once(self):
        req = nplus1.make_input({"orders": 100, "m": 30}, SEED)
        first = nplus1.cached(req)
        self.assertEqual(len(req.cache), 30)
        req.conn.close()  # a warm cache must not touch the database
        self.assertEqual(nplus1.cached(req), first)

    def test_wait_sleeps_and_spin_does_not(self):
        # The point of the sleep: the CPU idles through the wait.  Bounds
        # far from the expected shares (near 0 and near 1) keep this about
        # which kind of wait it is, not about how fast the machine is.
        req = nplus1.make_input({"orders": 50, "m": 10, "latency_us": 20000}, SEED)
        for wait, idle in ((req.round_trip, True), (req.round_trip_spin, False)):
            gbmetrics.reset()
            wall, cpu = time.perf_counter(), time.process_time()
            wait()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            with self.subTest(wait=wait.__name__):
                self.assertGreaterEqual(wall, 0.020)
                # A spin burns the CPU whenever it runs, even sharing a loaded core
                # (about half the wall time); a sleep uses almost none.
                self.assertEqual(cpu < 0.2 * wall, idle)
                self.assertGreaterEqual(gbmetrics.take(1)["wait_ms"], 20.0)
        nplus1.close_request(req)

    def test_no_latency_records_no_wait(self):
        req = nplus1.make_input({"orders": 50, "m": 10, "latency_us": 0}, SEED)
        gbmetrics.reset()
        nplus1.nplus1(req)
        nplus1.nplus1_spin(req)
        self.assertEqual(gbmetrics.take(1), {})
        nplus1.close_request(req)

    def test_index_only_in_indexed_file(self):
        for index in (True, False):
            conn = nplus1.open_db(100, SEED, index)
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index'")]
            self.assertEqual(names == ["order_items_by_order"], index)
            conn.close()

    def test_build_leaves_no_temporary_file(self):
        nplus1.open_db(100, SEED, True).close()
        self.assertEqual(os.listdir(self.dir),
                         [os.path.basename(nplus1.db_path(100, SEED, True))])


class CVariants(CacheDirTest):
    @classmethod
    def setUpClass(cls):
        cls.lib = load_kernel()

    def test_c_build_matches_python_build(self):
        for index in (0, 1):
            path = os.path.join(self.dir, "c-built-%d.sqlite" % index)
            err = ctypes.create_string_buffer(256)
            self.assertEqual(self.lib.gb_nplus1_build(path.encode(), 500, SEED, index, err, 256),
                             0, err.value)
            c_conn = sqlite3.connect(path)
            py_conn = nplus1.open_db(500, SEED, bool(index))
            self.assertEqual(nplus1.table_digest(c_conn), nplus1.table_digest(py_conn))
            self.assertEqual(c_conn.execute("SELECT count(*) FROM order_items").fetchone()[0],
                             500 * nplus1.ITEMS_PER_ORDER)
            c_conn.close()
            py_conn.close()

    def test_c_picks_the_same_orders(self):
        for orders, m in ((1000, 100), (10, 50)):
            ids = (ctypes.c_int64 * m)()
            self.assertEqual(self.lib.gb_nplus1_pick(ids, m, orders, SEED), 0)
            want = nplus1.pick_orders(orders, m, SEED)
            self.assertEqual(list(ids)[:len(want)], want)

    def test_c_path_matches_python_path(self):
        buf = ctypes.create_string_buffer(4096)
        self.lib.gb_nplus1_db_path.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int64,
                                               ctypes.c_uint64, ctypes.c_int]
        self.assertEqual(self.lib.gb_nplus1_db_path(buf, 4096, 1234, SEED, 1), 0)
        self.assertEqual(buf.value.decode(), nplus1.db_path(1234, SEED, True))

    def test_c_variants_match_reference(self):
        for params in ({"orders": 300, "m": 40, "latency_us": 0},
                       {"orders": 50, "m": 10, "latency_us": 5},
                       {"orders": 20, "m": 100, "latency_us": 0}):
            want = digest_int(expected_total(params["orders"], params["m"], SEED))
            for name in ("nplus1", "nplus1_noindex", "batched", "batched_noindex", "cached"):
                with self.subTest(name=name, **params):
                    self.assertEqual(run_c_variant(self.lib, name, params, SEED), [want, want])

    def test_c_wait_sleeps(self):
        # 10 round trips of 5 ms: at least 50 ms of wall time, little CPU.
        params = {"orders": 50, "m": 10, "latency_us": 5000}
        wall, cpu = time.perf_counter(), time.process_time()
        run_c_variant(self.lib, "nplus1", params, SEED, times=1)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        self.assertGreaterEqual(wall, 0.050)
        self.assertLess(cpu, 0.5 * wall)

    def test_c_reads_a_python_built_database(self):
        params = {"orders": 200, "m": 30, "latency_us": 0}
        nplus1.open_db(200, SEED, True).close()
        want = digest_int(nplus1.batched(nplus1.make_input(params, SEED)))
        self.assertEqual(run_c_variant(self.lib, "batched", params, SEED), [want, want])


if __name__ == "__main__":
    unittest.main()
