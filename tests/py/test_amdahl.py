"""Differential tests of the amdahl scenario: the C compute (extension and
kernel) and the C-only handler against the plain Python reference."""

import ctypes
import os
import sqlite3
import unittest

import gbinput
from gbcache import CacheDirTest
import gbkernel
from gbkernel import GbParams, answer_bits
import amdahl
import _gb_amdahl

SEED = 11


def load_kernel():
    lib = gbkernel.load("amdahl")
    lib.gb_amdahl_build.argtypes = [ctypes.c_char_p, ctypes.c_uint64, ctypes.c_char_p,
                                    ctypes.c_size_t]
    return lib


class Compute(unittest.TestCase):
    def test_by_hand(self):
        # 0 -> 74 -> 5624 -> 421874 mod 65537 = 28652
        self.assertEqual(amdahl.compute(0, 3), 74 + 5624 + 28652)
        self.assertEqual(_gb_amdahl.compute(0, 3), 74 + 5624 + 28652)

    def test_c_matches_python(self):
        for value in (0, 1, 65536, 65537, 625000, 2**40 + 3):
            for iters in (0, 1, 2, 1000, 65537 * 2 + 5):
                with self.subTest(value=value, iters=iters):
                    self.assertEqual(_gb_amdahl.compute(value, iters), amdahl.compute(value, iters))

    def test_iterations_match(self):
        for share in range(100):
            self.assertEqual(_gb_amdahl.iterations(share), amdahl.iterations(share))
        self.assertEqual(amdahl.iterations(50), amdahl.ITERS_PER_QUERY)
        for bad in (-1, 100, 150):
            self.assertRaises(ValueError, amdahl.iterations, bad)
            self.assertEqual(_gb_amdahl.iterations(bad), -1)

    def test_extension_rejects_bad_arguments(self):
        self.assertRaises(ValueError, _gb_amdahl.compute, -1, 5)
        self.assertRaises(TypeError, _gb_amdahl.compute, 1)
        self.assertRaises(TypeError, _gb_amdahl.compute, 1.5, 2)


class Handlers(CacheDirTest):
    def test_query_matches_rows(self):
        rows = list(amdahl.generate_readings(SEED))
        picked = [value for _, sensor, value in rows if sensor == 3]
        conn = amdahl.open_db(SEED)
        self.assertEqual(amdahl.query(conn), len(picked) * 1000 + sum(picked))
        self.assertEqual(conn.execute("SELECT count(*) FROM readings").fetchone()[0], amdahl.ROWS)
        conn.close()
        self.assertEqual(os.listdir(self.dir), [os.path.basename(amdahl.db_path(SEED))])

    def test_python_handlers_agree(self):
        for share in (0, 1, 25, 50):
            req = amdahl.make_input({"share": share}, SEED)
            with self.subTest(share=share):
                self.assertEqual(amdahl.ext_handler(req), amdahl.py_handler(req))
            amdahl.close_request(req)


class CHandler(CacheDirTest):
    @classmethod
    def setUpClass(cls):
        cls.lib = load_kernel()

    def run_c(self, share):
        p = GbParams(count=1)
        p.names[0].value = b"share"
        p.values[0] = share
        variant = self.lib.gb_kernel_variants()[0]
        self.assertEqual(variant.name, b"handler")
        err = ctypes.create_string_buffer(256)
        inp = variant.setup(ctypes.byref(p), SEED, err)
        if not inp:
            return None, err.value.decode()
        try:
            return answer_bits(variant.run(inp)), answer_bits(variant.run(inp))
        finally:
            variant.teardown(inp)

    def test_c_handler_matches_python(self):
        for share in (1, 50):
            req = amdahl.make_input({"share": share}, SEED)
            want = gbinput.fnv1a(str(amdahl.py_handler(req)).encode())
            amdahl.close_request(req)
            with self.subTest(share=share):
                self.assertEqual(self.run_c(share), (want, want))

    def test_c_handler_rejects_bad_share(self):
        self.assertIsNone(self.run_c(100)[0])

    def test_c_build_matches_python_build(self):
        path = os.path.join(self.dir, "c-built.sqlite")
        err = ctypes.create_string_buffer(256)
        self.assertEqual(self.lib.gb_amdahl_build(path.encode(), SEED, err, 256), 0, err.value)
        c_conn = sqlite3.connect(path)
        py_conn = amdahl.open_db(SEED)
        sql = "SELECT * FROM readings ORDER BY id"
        self.assertEqual(c_conn.execute(sql).fetchall(), py_conn.execute(sql).fetchall())
        c_conn.close()
        py_conn.close()


if __name__ == "__main__":
    unittest.main()
