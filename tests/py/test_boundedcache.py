"""Tests for the `boundedcache` scenario: every variant answers the same, each
cache's hits match a plain reference model of it on the same keys, the
bounds hold, and under an address-space cap the unbounded cache dies with a
real MemoryError that says how far it got while the bounded ones live."""

import json
import subprocess
import sys
import unittest
import zlib
from collections import OrderedDict

import gbmetrics
import boundedcache as bc

VARIANTS = ("no_cache", "unbounded", "lru", "ttl")


def setup_of(variant):
    return bc.make_input if variant == "no_cache" else getattr(bc, "make_" + variant)


def run(variant, batch, calls, seed=7):
    server = setup_of(variant)({"batch": batch}, seed)
    answers = [getattr(bc, variant)(server) for _ in range(calls)]
    gbmetrics.reset()
    return answers, server


def keys(seed, count):
    return [bc.request_key(seed, n) for n in range(count)]


def reference_lru_hits(stream, size):
    cache, hits = OrderedDict(), 0
    for key in stream:
        if key in cache:
            hits += 1
            cache.move_to_end(key)
        else:
            cache[key] = True
            if len(cache) > size:
                cache.popitem(last=False)
    return hits


def reference_ttl_hits(stream, ttl):
    stored, hits = {}, 0
    for now, key in enumerate(stream):
        if key in stored and now - stored[key] < ttl:
            hits += 1
        else:
            stored[key] = now
    return hits


class Answers(unittest.TestCase):
    def test_variants_agree(self):
        expected, _ = run("no_cache", 300, 4)
        for variant in VARIANTS[1:]:
            with self.subTest(variant=variant):
                self.assertEqual(run(variant, 300, 4)[0], expected)

    def test_answer_is_every_response(self):
        answer, _ = run("no_cache", 50, 1, seed=3)
        crc = 0
        for key in keys(3, 50):
            crc = zlib.crc32(bc.render(key)[:64], crc)
        self.assertEqual(answer[0], crc)

    def test_render(self):
        value = bc.render(b"one:5")
        self.assertEqual(len(value), bc.VALUE_BYTES)
        self.assertEqual(value, bc.render(b"one:5"))
        self.assertNotEqual(value[:32], bc.render(b"one:6")[:32])

    def test_keys_are_mostly_unique(self):
        stream = keys(11, 20000)
        hot = sum(k.startswith(b"hot:") for k in stream)
        self.assertAlmostEqual(hot / len(stream), bc.HOT_PERCENT / 100, delta=0.02)
        self.assertEqual(len({k for k in stream if k.startswith(b"one:")}), len(stream) - hot)
        self.assertLessEqual(len({k for k in stream if k.startswith(b"hot:")}), bc.HOT_KEYS)


class Hits(unittest.TestCase):
    COUNT = 5000

    def hits_of(self, variant):
        _, server = run(variant, 1000, self.COUNT // 1000)
        return server

    def test_unbounded_hits_every_repeat(self):
        server = self.hits_of("unbounded")
        stream = keys(7, self.COUNT)
        self.assertEqual(server.hits, len(stream) - len(set(stream)))
        self.assertEqual(len(server.cache), len(set(stream)))

    def test_lru_matches_reference(self):
        server = self.hits_of("lru")
        stream = keys(7, self.COUNT)
        self.assertEqual(server.hits, reference_lru_hits(stream, bc.LRU_ENTRIES))
        self.assertEqual(server.cache.cache_info().currsize, bc.LRU_ENTRIES)
        self.assertLess(server.hits, len(stream) - len(set(stream)))

    def test_ttl_matches_reference(self):
        server = self.hits_of("ttl")
        stream = keys(7, self.COUNT)
        self.assertEqual(server.hits, reference_ttl_hits(stream, bc.TTL_REQUESTS))
        self.assertLessEqual(len(server.cache), bc.TTL_REQUESTS)
        now = server.served
        self.assertTrue(all(expires > now - 1 for expires, _ in server.cache.values()))

    def test_metrics(self):
        gbmetrics.reset()
        server = bc.make_lru({"batch": 100}, 1)
        bc.lru(server)
        got = gbmetrics.take(1)
        self.assertEqual(got["requests_served"], 100)
        self.assertEqual(got["hit_rate"], server.hits / 100)
        self.assertEqual(got["cache_entries"], server.cache.cache_info().currsize)
        self.assertEqual(got["cache_mb"], got["cache_entries"] * bc.VALUE_BYTES / 2**20)


CAPPED = """
import json, resource, sys, boundedcache as bc
cap = int(sys.argv[2]) << 20
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
variant = sys.argv[1]
setup = bc.make_input if variant == "no_cache" else getattr(bc, "make_" + variant)
server = setup({"batch": 1000}, 7)
try:
    for _ in range(int(sys.argv[3])):
        getattr(bc, variant)(server)
    print(json.dumps({"ok": server.served}))
except MemoryError as exc:
    print(json.dumps({"oom": str(exc), "served": server.served}))
"""


def capped(variant, cap_mb, calls):
    out = subprocess.run([sys.executable, "-c", CAPPED, variant, str(cap_mb), str(calls)],
                         check=True, capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout)


class UnderACap(unittest.TestCase):
    """The manifest's memory_mb, applied here as the harness will: RLIMIT_AS."""
    CAP_MB = 400

    def test_unbounded_runs_out(self):
        result = capped("unbounded", self.CAP_MB, 50)
        self.assertIn("oom", result)
        self.assertEqual(result["oom"], "after %d requests" % result["served"])
        # It got well into the cap, and no further than the cap allows.
        self.assertGreater(result["served"], 1000)
        self.assertLess(result["served"] * (1 - bc.HOT_PERCENT / 100) * bc.VALUE_BYTES,
                        self.CAP_MB << 20)

    def test_bounded_caches_survive(self):
        for variant in ("lru", "ttl"):
            with self.subTest(variant=variant):
                self.assertEqual(capped(variant, self.CAP_MB, 15), {"ok": 15000})


if __name__ == "__main__":
    unittest.main()
