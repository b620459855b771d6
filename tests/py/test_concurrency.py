"""Differential tests for the `concurrency` scenario: every variant, and the
C parser on hand-written documents, against the stdlib json reference."""

import ctypes
import json
import unittest

import concurrency
import gbinput
from _gb_concurrency import aggregate as c_aggregate


def offer(price, seats, durs, **extra):
    body = {"price": price, "seats": seats, "segments": [{"dur": d} for d in durs]}
    body.update(extra)
    return body


def doc_bytes(offers, **extra):
    return json.dumps(dict(offers=offers, **extra)).encode()


class Variants(unittest.TestCase):
    def check_all(self, k, seed):
        params = {"K": k}
        payloads = concurrency.make_input(params, seed)
        expected = concurrency.sequential(payloads)
        self.assertEqual(len(expected.split()), k)
        self.assertEqual(concurrency.c_sequential(payloads), expected)
        for make, close, run in (
            (concurrency.make_loop, concurrency.close_loop, concurrency.asyncio_gather),
            (concurrency.make_threads, concurrency.close_pool, concurrency.threads),
            (concurrency.make_threads, concurrency.close_pool, concurrency.c_threads),
            (concurrency.make_processes, concurrency.close_pool, concurrency.processes),
        ):
            inp = make(params, seed)
            try:
                self.assertEqual(run(inp), expected, run.__name__)
                self.assertEqual(run(inp), expected, run.__name__ + " second call")
            finally:
                close(inp)

    def test_one_payload(self):
        self.check_all(1, 7)

    def test_more_payloads_than_cores(self):
        self.check_all(3, 2024)

    def test_order_is_kept(self):
        payloads = concurrency.make_input({"K": 3}, 5)
        totals = [concurrency.handle(p) for p in payloads]
        self.assertEqual(len(set(totals)), 3, "payloads should differ")
        inp = concurrency.make_threads({"K": 3}, 5)
        try:
            self.assertEqual(concurrency.c_threads(inp), " ".join(map(str, totals)))
        finally:
            concurrency.close_pool(inp)


class Generator(unittest.TestCase):
    def test_c_writes_the_same_bytes(self):
        lib = ctypes.CDLL(gbinput.kernel_library_path("concurrency"))
        make = lib.gb_concurrency_make_document
        make.restype = ctypes.c_void_p
        make.argtypes = [ctypes.POINTER(ctypes.c_uint64), ctypes.c_size_t,
                         ctypes.POINTER(ctypes.c_size_t)]
        lib.gb_concurrency_free.argtypes = [ctypes.c_void_p]
        for seed in (0, 1, 0xFFFFFFFFFFFFFFFF):
            rng = gbinput.Rng(seed)
            state = ctypes.c_uint64(seed)
            for offers in (0, 1, 37):
                length = ctypes.c_size_t()
                ptr = make(ctypes.byref(state), offers, ctypes.byref(length))
                self.assertTrue(ptr)
                try:
                    c_bytes = ctypes.string_at(ptr, length.value)
                finally:
                    lib.gb_concurrency_free(ptr)
                self.assertEqual(c_bytes, concurrency.make_document(rng, offers))
                self.assertEqual(state.value, rng.state)


class CParser(unittest.TestCase):
    def same(self, body):
        self.assertEqual(c_aggregate(body), concurrency.handle(body), body)

    def test_generated(self):
        rng = gbinput.Rng(3)
        for offers in (0, 1, 10, 200):
            self.same(concurrency.make_document(rng, offers))

    def test_shapes(self):
        self.same(doc_bytes([]))
        self.same(doc_bytes([offer(5, 0, [])]))
        self.same(doc_bytes([offer(5, 3, [10, 20]), offer(-7, 2, [0])]))
        self.same(doc_bytes([offer(1, 2, [3], note='a "quoted" \\ \u00e9 \n',
                                   extra={"x": [1.5, -2e10, None, True, False, {}]})],
                            meta={"nested": [[[]]]}))
        self.same(b' \n\t{ "offers" : [ { "segments" : [ { "dur" : 4 , "x":0} ] ,'
                  b' "seats" : 2 , "price" : 9 } ] } \r\n')
        self.same(b'{"offers": [{"price": 1, "seats": 2, "segments": [{"dur": 3}],'
                  b' "segments": [{"dur": 5}, {"dur": 6}], "price": 4}]}')
        self.same(b'{"offers": [{"price": 1, "seats": 1, "segments": []}],'
                  b' "offers": [{"price": 2, "seats": 1, "segments": [{"dur": 1}]}]}')
        self.same(bytearray(doc_bytes([offer(1, 1, [1])])))
        body = doc_bytes([offer(1, 1, [1])])
        self.assertEqual(c_aggregate(memoryview(body)), concurrency.handle(body))

    def test_malformed(self):
        bad = [
            b"", b"[]", b"{}", b'{"offers": {}}', b'{"offers": [1]}',
            b'{"offers": [{"price": 1, "seats": 1}]}',
            b'{"offers": [{"price": 1.5, "seats": 1, "segments": []}]}',
            b'{"offers": [{"price": 1, "seats": 1, "segments": [{"dr": 1}]}]}',
            b'{"offers": [{"price": 01, "seats": 1, "segments": []}]}',
            b'{"offers": []} x', b'{"offers": [],}', b'{"offers": [}',
            b'{"offers": [], "s": "unterminated}', b'{"offers": [], "s": "\\x"}',
            b'{"offers": [], "s": "\\u12g4"}', b'{"offers": [], "s": "\\\x00"}',
            b'{"offers": [], "s": "tab\there"}', b'{"offers": [], "t": tru}',
            b'{"offers": [], "n": -}', b'{"offers": [], "n": 1.}', b'{"offers": [], "n": 1e}',
            b'{"offers": [], "deep": ' + b"[" * 100 + b"]" * 100 + b"}",
            b'{"offers": [{"price": 9223372036854775807, "seats": 0, "segments": []},'
            b' {"price": 1, "seats": 0, "segments": []}]}',
        ]
        for body in bad:
            with self.assertRaises(ValueError, msg=body):
                c_aggregate(body)

    def test_python_rejects_the_same_shapes(self):
        for body in (b"[]", b"{}", b'{"offers": [{"price": 1, "seats": 1}]}', b'{"offers": [}'):
            with self.assertRaises((ValueError, KeyError, TypeError), msg=body):
                concurrency.handle(body)

    def test_not_a_buffer(self):
        with self.assertRaises(TypeError):
            c_aggregate("a str is not bytes")


if __name__ == "__main__":
    unittest.main()
