"""Tests for the `concurrency` scenario: every server variant's answer, and the
C parser on hand-written documents, against the stdlib json reference; the
lag and percentile helpers on synthetic data with known answers."""

import asyncio
import contextlib
import ctypes
import json
import os
import random
import socket
import threading
import time
import unittest

import concurrency
import concurrency_orjson
import gbinput
import gbmetrics
import latency
from _gb_concurrency import aggregate as c_aggregate


def offer(price, seats, durs, **extra):
    body = {"price": price, "seats": seats, "segments": [{"dur": d} for d in durs]}
    body.update(extra)
    return body


def doc_bytes(offers, **extra):
    return json.dumps(dict(offers=offers, **extra)).encode()


SERVER_VARIANTS = (
    (concurrency.make_server, concurrency.loop_json),
    (concurrency.make_server, concurrency.to_thread_json),
    (concurrency.make_io_pool, concurrency.io_pool_json),
    (concurrency.make_process_pool, concurrency.process_pool),
    (concurrency.make_server, concurrency.loop_c),
    (concurrency.make_server, concurrency.to_thread_c),
    (concurrency.make_server, concurrency_orjson.loop_orjson),
    (concurrency.make_server, concurrency_orjson.to_thread_orjson),
)
METRICS = {"lag_max_ms", "lag_p50_ms", "lag_p99_ms", "trivial_max_ms", "trivial_p99_ms"}


class Variants(unittest.TestCase):
    def check_all(self, k, seed):
        params = {"K": k}
        expected = concurrency.sequential(concurrency.make_input(params, seed))
        self.assertEqual(len(set(expected.split())), k, "distinct totals, so order counts")
        for make, run in SERVER_VARIANTS:
            server = make(params, seed)
            try:
                gbmetrics.reset()
                self.assertEqual(run(server), expected, run.__name__)
                self.assertEqual(run(server), expected, run.__name__ + " second call")
                metrics = gbmetrics.take(2)
            finally:
                concurrency.close_server(server)
            self.assertEqual(set(metrics), METRICS, run.__name__)
            self.assertTrue(all(v >= 0 for v in metrics.values()), metrics)
            self.assertFalse(server.client.is_alive(), "the client process outlived teardown")

    def test_one_payload(self):
        self.check_all(1, 7)

    def test_more_payloads_than_cores(self):
        self.check_all(3, 2024)

    def test_orjson_agrees_on_generated_bodies(self):
        rng = gbinput.Rng(9)
        for offers in (0, 1, 50):
            body = concurrency.make_document(rng, offers)
            self.assertEqual(concurrency_orjson.handle(body), concurrency.handle(body))

    def test_the_files_are_the_bodies(self):
        server = concurrency.make_io_pool({"K": 2}, 4)
        try:
            for path, body in zip(server.paths, server.payloads):
                with open(path, "rb") as f:
                    self.assertEqual(f.read(), body)
        finally:
            concurrency.close_server(server)
        self.assertFalse(os.path.exists(server.folder))


class Helpers(unittest.TestCase):
    def test_percentile_nearest_rank(self):
        values = list(range(1, 101))  # 1..100, shuffled below
        random.Random(1).shuffle(values)
        self.assertEqual(latency.percentile(values, 50), 50)
        self.assertEqual(latency.percentile(values, 99), 99)
        self.assertEqual(latency.percentile(values, 100), 100)
        self.assertEqual(latency.percentile(values, 0.5), 1)
        self.assertEqual(latency.percentile([3.0, 1.0, 2.0], 50), 2.0)
        self.assertEqual(latency.percentile([5.0] * 7 + [40.0], 99), 40.0)  # under 100 values: the max
        self.assertEqual(latency.percentile([7.0], 99), 7.0)
        with self.assertRaises(ValueError):
            latency.percentile([], 50)
        for p in (0, -1, 100.5):
            with self.assertRaises(ValueError):
                latency.percentile([1], p)

    def test_lateness(self):
        due = [1.0, 2.0, 3.0, 4.0]
        done = [1.0, 2.5, 2.9, 10.0]
        self.assertEqual(latency.lateness(due, done), [0.0, 0.5, 0.0, 6.0])
        with self.assertRaises(ValueError):
            latency.lateness([1.0], [])

    def test_ticker_lags_from_known_times(self):
        ticker = concurrency.Ticker()
        ticker.due = [0.001, 0.003, 0.005]
        ticker.woke = [0.0015, 0.013]  # the last sleep never ended: not counted
        lags = ticker.lags()
        self.assertEqual(len(lags), 2)
        self.assertAlmostEqual(lags[0], 0.0005)
        self.assertAlmostEqual(lags[1], 0.010)

    def test_a_blocked_loop_shows_its_lag(self):
        async def block():
            ticker = concurrency.Ticker()
            task = asyncio.create_task(ticker.run())
            await asyncio.sleep(0.005)
            time.sleep(0.030)  # blocks the loop on purpose
            await asyncio.sleep(0.003)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            return ticker.lags()
        lags = asyncio.run(block())
        self.assertGreaterEqual(max(lags), 0.020)
        self.assertLess(sorted(lags)[0], 0.020)

    def test_client_handles_a_burst_over_before_it_woke(self):
        # 'G' and 'S' in one read: the client still sends one request,
        # waits for its response, and reports it.
        ours, theirs = socket.socketpair()
        spare, unused = socket.socketpair()
        client = threading.Thread(target=concurrency.client_main, args=(theirs, unused))
        client.start()
        stream = ours.makefile("rb")
        try:
            ours.sendall(b"G\nS\n")
            self.assertEqual(stream.readline(), b"q0\n")
            ours.sendall(b"r0\n")
            report = stream.readline()
            self.assertTrue(report.startswith(b"L") and b"," not in report, report)
            self.assertGreaterEqual(int(report[1:]), 0)
        finally:
            stream.close()  # the socket's file descriptor closes with its last user
            ours.close()
            client.join(5.0)
            spare.close()
        self.assertFalse(client.is_alive())

    def test_trivial_server_splits_lines_across_reads(self):
        class Sink:
            def __init__(self):
                self.data = b""

            def write(self, data):
                self.data += data

        async def feed():
            proto = concurrency.TrivialServer()
            proto.connection_made(Sink())
            proto.start()
            for chunk in (b"q0\nq", b"1", b"2\nL10,2", b"0,3\n"):
                proto.data_received(chunk)
            return proto.transport.data, await proto.report
        written, report = asyncio.run(feed())
        self.assertEqual(written, b"G\nr0\nr12\n")
        self.assertEqual(report, [10, 20, 3])


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
