"""Tests for the `iofix` scenario: every variant's answer against sums computed
without the backend; the backend's answers, waits, bounds and shutdown; the
/proc readers on this process."""

import os
import socket
import time
import unittest

import gbmetrics
import iofix

VARIANTS = (
    (iofix.make_input, iofix.sequential),
    (iofix.make_input, iofix.process_pool_cold),
    (iofix.make_processes, iofix.process_pool),
    (iofix.make_threads, iofix.thread_pool),
    (iofix.make_loop, iofix.asyncio_gather),
    (iofix.make_input, iofix.batched),
)
METRICS = {"lat_p50_ms", "lat_p99_ms", "total_cpu_ms", "pool_cpu_ms", "pool_pss_mb"}


def reference(handler):
    """The answer, computed from the keys alone."""
    return " ".join(str(sum(iofix.value_of(k) for k in keys)) for keys in handler.requests)


class Variants(unittest.TestCase):
    def check_all(self, fanout, seed):
        for make, run in VARIANTS:
            handler = make({"fanout": fanout}, seed)
            try:
                expected = reference(handler)
                self.assertEqual(len(set(expected.split())), iofix.REQUESTS, "requests should differ")
                gbmetrics.reset()
                self.assertEqual(run(handler), expected, run.__name__)
                self.assertEqual(run(handler), expected, run.__name__ + " second call")
                metrics = gbmetrics.take(2)
            finally:
                iofix.close_input(handler)
            self.assertEqual(set(metrics), METRICS, run.__name__)
            self.assertGreaterEqual(metrics["lat_p99_ms"], metrics["lat_p50_ms"])
            self.assertGreaterEqual(metrics["total_cpu_ms"], metrics["pool_cpu_ms"])
            if "process" in run.__name__:
                self.assertGreater(metrics["pool_pss_mb"], 0.0, run.__name__)
            self.assertFalse(handler.backend.process.is_alive(), "the backend outlived teardown")

    def test_one_lookup(self):
        self.check_all(1, 3)

    def test_several_lookups(self):
        self.check_all(5, 8)

    def test_latency_includes_the_waits(self):
        handler = iofix.make_input({"fanout": 3}, 1)
        try:
            gbmetrics.reset()
            iofix.sequential(handler)
            sequential = gbmetrics.take(1)
            iofix.batched(handler)
            batched = gbmetrics.take(1)
        finally:
            iofix.close_input(handler)
        self.assertGreaterEqual(sequential["lat_p50_ms"], 3 * iofix.WAIT_MS)
        self.assertGreaterEqual(batched["lat_p50_ms"], iofix.WAIT_MS + 2 * iofix.PER_KEY_MS)


class Backend(unittest.TestCase):
    def setUp(self):
        self.backend = iofix.Backend()
        self.addCleanup(self.backend.stop)

    def test_loopback_only(self):
        self.assertEqual(self.backend.address[0], "127.0.0.1")

    def test_answers_every_key_in_order(self):
        keys = [0, 1, 7, iofix.KEY_LIMIT - 1, 7]
        self.assertEqual(iofix.query(self.backend.address, keys), [iofix.value_of(k) for k in keys])

    def test_waits_before_answering(self):
        start = time.perf_counter()
        iofix.query(self.backend.address, list(range(11)))
        elapsed_ms = (time.perf_counter() - start) * 1000.0
        self.assertGreaterEqual(elapsed_ms, iofix.WAIT_MS + 10 * iofix.PER_KEY_MS)

    def test_waits_overlap(self):
        # Ten queries in flight at once take about one wait, not ten.
        socks = [socket.create_connection(self.backend.address) for _ in range(10)]
        start = time.perf_counter()
        for i, sock in enumerate(socks):
            sock.sendall(b"%d\n" % i)
        for i, sock in enumerate(socks):
            self.assertEqual(int(sock.makefile("rb").readline()), iofix.value_of(i))
            sock.close()
        self.assertLess((time.perf_counter() - start) * 1000.0, 10 * iofix.WAIT_MS)

    def test_drops_an_endless_line(self):
        with socket.create_connection(self.backend.address) as sock:
            try:
                sock.sendall(b"1" * (iofix.MAX_LINE + 10))
            except OSError:
                pass  # closed while sending: also a drop
            sock.settimeout(5.0)
            self.assertEqual(sock.recv(100), b"")

    def test_a_dropped_connection_is_an_error(self):
        with self.assertRaises(ConnectionError):
            iofix.query(self.backend.address, [1, 2] * (iofix.MAX_LINE // 2))

    def test_stops(self):
        self.backend.stop()
        self.assertFalse(self.backend.process.is_alive())

    def test_reply_and_wait(self):
        reply, wait = iofix.backend_reply(b"3 4")
        self.assertEqual(reply, b"%d %d\n" % (iofix.value_of(3), iofix.value_of(4)))
        self.assertAlmostEqual(wait, (iofix.WAIT_MS + iofix.PER_KEY_MS) / 1000.0)


class Proc(unittest.TestCase):
    def test_readers_on_this_process(self):
        self.assertGreater(iofix.pss_mb(os.getpid()), 1.0)
        before = iofix.task_cpu_ns(os.getpid())
        sum(i * i for i in range(200000))
        self.assertGreater(iofix.task_cpu_ns(os.getpid()), before)


if __name__ == "__main__":
    unittest.main()
