"""Tests for the `memgrowth` scenario: every variant answers the same, each
variant keeps what it says it keeps, the helpers and diagnose() give known
answers on synthetic data, and the measured slopes point at each cause."""

import gc
import json
import os
import re
import subprocess
import sys
import unittest
import zlib
from unittest import mock

import gbmetrics
import memgrowth

VARIANTS = ("healthy", "leak", "leak_fixed", "thrash", "thrash_frozen", "thrash_fixed",
            "frag", "frag_fixed")
MANIFEST = os.path.join(os.environ.get("GLUEBENCH_SOURCE_DIR",
                                       os.path.join(os.path.dirname(__file__), "..", "..")),
                        "scenarios", "memgrowth.lua")


def setup_of(variant):
    return memgrowth.make_input if variant == "healthy" else getattr(memgrowth, "make_" + variant)


def served(variant, requests, seed, windows):
    """The answers of `windows` calls of a variant, then its server (closed)."""
    server = setup_of(variant)({"requests": requests}, seed)
    try:
        answers = [getattr(memgrowth, variant)(server) for _ in range(windows)]
    finally:
        memgrowth.close(server)
        gbmetrics.reset()
    return answers, server


class Answers(unittest.TestCase):
    @mock.patch.object(memgrowth, "REPORT_FLOATS", 2)  # smaller reports: the same code paths
    def test_variants_agree(self):
        expected, _ = served("healthy", 300, 5, 2)
        for variant in VARIANTS[1:]:
            with self.subTest(variant=variant):
                self.assertEqual(served(variant, 300, 5, 2)[0], expected)

    def test_answer_covers_every_response(self):
        server = memgrowth.make_input({"requests": 40}, 5)
        first = server.next_id
        digest = memgrowth.healthy(server)
        memgrowth.close(server)
        crc = 0
        for pos in range(40):
            rid = first + pos
            n = memgrowth.report_rows(pos, 40)
            if n:
                total = 0.0
                for i in range(n):
                    total += ((rid + i) * 2654435761 % 1000003) / 1000.0
                response = b"report %d rows %d sum %r" % (rid, n, total)
            else:
                req = memgrowth.parse_request(5, rid)
                response = memgrowth.respond(req, memgrowth.item_price(req["item"]))
            crc = zlib.crc32(response, crc)
        self.assertEqual(digest, crc)

    def test_seed_and_window_change_the_answer(self):
        a, _ = served("healthy", 100, 1, 2)
        b, _ = served("healthy", 100, 2, 1)
        self.assertNotEqual(a[0], b[0])
        self.assertNotEqual(a[0], a[1])

    def test_catalogue_prices_match_item_price(self):
        server = memgrowth.Server({"requests": 1}, 0)
        self.addCleanup(server.stats_file.close)
        memgrowth.load_catalogue(server)
        for item in (0, 1, 777, memgrowth.CATALOGUE - 1):
            self.assertEqual(server.catalogue[item].price, memgrowth.item_price(item))


class WhatIsKept(unittest.TestCase):
    def test_leak_keeps_every_request(self):
        server = memgrowth.make_leak({"requests": 50}, 3)
        try:
            before = len(memgrowth._SEEN)
            memgrowth.leak(server)
            self.assertEqual(len(memgrowth._SEEN), before + 50)
            self.assertIn(server.next_id - 1, memgrowth._SEEN)
        finally:
            memgrowth.close(server)
        self.assertEqual(memgrowth._SEEN, {})

    def test_leak_fixed_keeps_nothing(self):
        server = memgrowth.make_leak_fixed({"requests": 50}, 3)
        try:
            memgrowth.leak_fixed(server)
            self.assertEqual(memgrowth._SEEN, {})
        finally:
            memgrowth.close(server)

    def test_sessions_are_cycles_until_broken(self):
        session = memgrowth.open_session(9)
        self.assertEqual(len(session.events), memgrowth.EVENTS)
        self.assertTrue(all(e.session is session for e in session.events))
        server = memgrowth.make_thrash_fixed({"requests": 400}, 3)
        try:
            memgrowth.thrash_fixed(server)
            self.assertEqual(len(server.recent), memgrowth.RECENT)
            self.assertTrue(all(s.events is not None for s in server.recent))
        finally:
            memgrowth.close(server)

    def test_reports_agree_and_widgets_match(self):
        frag = memgrowth.make_frag({"requests": 400}, 3)
        fixed = memgrowth.make_frag_fixed({"requests": 400}, 3)
        try:
            for pos in (0, 100, 200, 300):
                n = memgrowth.report_rows(pos, 400)
                self.assertEqual(n, (pos // 100 + 1) * memgrowth.report_size(400))
                self.assertEqual(n % memgrowth.ROW_WIDTH, 0)
                rid = 1000 + pos
                plain = memgrowth.report_plain(frag, rid, n)
                self.assertEqual(memgrowth.report_pinning(frag, rid, n), plain)
                self.assertEqual(memgrowth.report_reusing(fixed, rid, n), plain)
                self.assertEqual(frag.widget, fixed.widget)
                self.assertEqual(len(frag.widget), n // (memgrowth.PIN_ROWS * memgrowth.ROW_WIDTH))
            self.assertEqual(memgrowth.report_rows(1, 400), 0)
            self.assertEqual(memgrowth.report_rows(399, 400), 0)
        finally:
            memgrowth.close(frag)
            memgrowth.close(fixed)

    def test_close_undoes_freeze_and_callback(self):
        server = memgrowth.make_thrash_frozen({"requests": 50}, 3)
        self.assertGreater(gc.get_freeze_count(), 0)
        self.assertIn(server.gen2, gc.callbacks)
        memgrowth.close(server)
        self.assertEqual(gc.get_freeze_count(), 0)
        self.assertNotIn(server.gen2, gc.callbacks)


class Helpers(unittest.TestCase):
    def test_slope_of_a_line(self):
        self.assertAlmostEqual(memgrowth.slope([(x, 3 * x + 2) for x in range(10)]), 3.0)
        self.assertAlmostEqual(memgrowth.slope([(x, 7.0 - 0.5 * x) for x in (1, 4, 9)]), -0.5)

    def test_slope_of_noise_around_a_line(self):
        points = [(x, 2 * x + (1 if x % 2 else -1)) for x in range(100)]
        self.assertAlmostEqual(memgrowth.slope(points), 2.0, places=2)

    def test_slope_degenerate(self):
        self.assertEqual(memgrowth.slope([]), 0.0)
        self.assertEqual(memgrowth.slope([(1, 5)]), 0.0)
        self.assertEqual(memgrowth.slope([(2, 5), (2, 9)]), 0.0)
        self.assertEqual(memgrowth.slope([(x, 4) for x in range(5)]), 0.0)

    def test_percentile_nearest_rank(self):
        values = list(range(100, 0, -1))  # 1..100, shuffled order does not matter
        self.assertEqual(memgrowth.percentile(values, 50), 50)
        self.assertEqual(memgrowth.percentile(values, 99), 99)
        self.assertEqual(memgrowth.percentile(values, 100), 100)
        self.assertEqual(memgrowth.percentile(values, 0), 1)
        self.assertEqual(memgrowth.percentile([7], 99), 7)
        self.assertEqual(memgrowth.percentile([1, 2, 3, 1000], 50), 2)
        self.assertEqual(memgrowth.percentile([1, 2, 3, 1000], 99), 1000)
        with self.assertRaises(ValueError):
            memgrowth.percentile([], 50)

    def test_gen2_clock_counts_only_full_collections(self):
        clock = memgrowth.Gen2Clock()
        gc.callbacks.append(clock)
        try:
            gc.collect(0)
            gc.collect(1)
            self.assertEqual(clock.pauses, [])
            gc.collect()
            self.assertEqual(len(clock.pauses), 1)
            self.assertEqual(clock.total_ns, clock.pauses[0])
        finally:
            gc.callbacks.remove(clock)

    def test_parse_mallocstats(self):
        text = ("# arenas allocated current = 2\n"
                "# bytes in allocated blocks        =              819,952\n"
                "Total                              =            2,097,152\n"
                "arena map counts\n"
                "Total                              =              655,360\n")
        self.assertEqual(memgrowth.parse_mallocstats(text),
                         {"arena_bytes": 2097152, "used_bytes": 819952})
        self.assertIsNone(memgrowth.parse_mallocstats(""))

    def test_pymalloc_stats_live_and_under_tracemalloc(self):
        import tempfile
        import tracemalloc
        with tempfile.TemporaryFile() as scratch:
            stats = memgrowth.pymalloc_stats(scratch)
            self.assertGreater(stats["arena_bytes"], stats["used_bytes"])
            self.assertGreater(stats["used_bytes"], 0)
            tracemalloc.start()
            try:
                self.assertIsNone(memgrowth.pymalloc_stats(scratch))
            finally:
                tracemalloc.stop()

    def test_every_declared_metric_is_recorded(self):
        with open(MANIFEST, encoding="utf-8") as f:
            declared = set(re.findall(r'metric \{ name = "([a-z0-9_]+)"', f.read()))
        self.assertGreater(len(declared), 5)
        gbmetrics.reset()
        server = memgrowth.make_input({"requests": 100}, 1)
        try:
            memgrowth.healthy(server)
        finally:
            memgrowth.close(server)
        self.assertEqual(set(gbmetrics.take(1)), declared)


def synthetic(**changes):
    metrics = {"traced_kb_per_1k": 0.5, "rss_kb_per_1k": 0.0, "arena_use": 0.8, "gc2_max_ms": 0.0,
               "gc2_share": 0.0, "req_p50_ms": 0.002, "spike_gc_share": 0.0}
    metrics.update(changes)
    return metrics


class Diagnose(unittest.TestCase):
    def test_causes(self):
        # (metrics, cause): the comments say which rule decides.
        cases = [
            (synthetic(), "healthy"),
            (synthetic(traced_kb_per_1k=1000, rss_kb_per_1k=950), "leak"),
            (synthetic(traced_kb_per_1k=1000, rss_kb_per_1k=0), "leak"),  # free memory absorbs it
            (synthetic(traced_kb_per_1k=2, rss_kb_per_1k=3000), "fragmentation"),
            (synthetic(arena_use=0.3), "fragmentation"),  # RSS flat at its high-water mark
            (synthetic(arena_use=0.3, traced_kb_per_1k=900), "leak"),
            (synthetic(rss_kb_per_1k=700, gc2_share=0.4, spike_gc_share=0.99),
             "gc thrashing"),  # its RSS saws: judged before the RSS slope
            (synthetic(gc2_max_ms=35, gc2_share=0.6, spike_gc_share=0.99), "gc thrashing"),
            (synthetic(gc2_max_ms=35, gc2_share=0.6, spike_gc_share=0.1),
             "healthy"),  # GC busy, but not what makes the slowest request
            (synthetic(gc2_max_ms=1, gc2_share=0.01, spike_gc_share=0.99),
             "healthy"),  # in the slowest request, but GC not busy
            (synthetic(traced_kb_per_1k=500, gc2_share=0.6, spike_gc_share=0.99),
             "leak"),  # growth first
        ]
        for metrics, cause in cases:
            with self.subTest(metrics=metrics):
                self.assertEqual(memgrowth.diagnose(metrics), cause)

    def test_thresholds_are_inclusive(self):
        g = memgrowth.GROWTH_KB_PER_1K
        self.assertEqual(memgrowth.diagnose(synthetic(traced_kb_per_1k=g)), "leak")
        self.assertEqual(memgrowth.diagnose(synthetic(traced_kb_per_1k=g * 0.99)), "healthy")
        self.assertEqual(memgrowth.diagnose(synthetic(rss_kb_per_1k=g)), "fragmentation")
        use = memgrowth.ARENA_USE_MIN
        self.assertEqual(memgrowth.diagnose(synthetic(arena_use=use)), "healthy")
        self.assertEqual(memgrowth.diagnose(
            synthetic(arena_use=memgrowth.ARENA_USE_MIN * 0.99)), "fragmentation")
        self.assertEqual(memgrowth.diagnose(
            synthetic(gc2_share=memgrowth.GC_SHARE, spike_gc_share=memgrowth.SPIKE_SHARE)),
            "gc thrashing")


MEASURE = """
import json, sys, memgrowth
variant = sys.argv[1]
setup = memgrowth.make_input if variant == "healthy" else getattr(memgrowth, "make_" + variant)
server = setup({"requests": 2000}, 7)
for _ in range(4):
    getattr(memgrowth, variant)(server)
print(json.dumps(server.last_metrics))
"""


def measured(variant):
    """The last of four windows' metrics, in a fresh interpreter (its own heap)."""
    out = subprocess.run([sys.executable, "-c", MEASURE, variant], check=True,
                         capture_output=True, text=True, timeout=120)
    return json.loads(out.stdout)


class MeasuredCauses(unittest.TestCase):
    """Memory slopes and collection counts, not times: a loaded machine moves
    the pause shares, so the thrashing cause is checked by its mechanism."""

    def test_leak_grows_traced_and_rss_together(self):
        m = measured("leak")
        self.assertGreater(m["traced_kb_per_1k"], 5 * memgrowth.GROWTH_KB_PER_1K)
        self.assertGreater(m["rss_kb_per_1k"], 0.5 * m["traced_kb_per_1k"])
        self.assertGreater(m["top_site_kb_per_1k"], 0.2 * m["traced_kb_per_1k"])
        self.assertEqual(memgrowth.diagnose(m), "leak")

    def test_healthy_and_fixed_leak_stay_flat(self):
        for variant in ("healthy", "leak_fixed"):
            with self.subTest(variant=variant):
                m = measured(variant)
                self.assertLess(abs(m["traced_kb_per_1k"]), memgrowth.GROWTH_KB_PER_1K)
                self.assertLess(m["rss_kb_per_1k"], memgrowth.GROWTH_KB_PER_1K)
                self.assertEqual(m["gc2_per_1k"], 0.0)
                self.assertEqual(memgrowth.diagnose(m), "healthy")

    def test_thrash_memory_flat_with_full_collections(self):
        m = measured("thrash")
        self.assertLess(abs(m["traced_kb_per_1k"]), memgrowth.GROWTH_KB_PER_1K)
        self.assertLess(m["rss_kb_per_1k"], memgrowth.GROWTH_KB_PER_1K)
        self.assertGreater(m["gc2_per_1k"], 0.0)
        self.assertGreater(m["gc2_max_ms"], 0.0)

    def test_frag_holds_mostly_empty_arenas(self):
        m = measured("frag")
        fixed = measured("frag_fixed")
        self.assertLess(abs(m["traced_kb_per_1k"]), memgrowth.GROWTH_KB_PER_1K)
        self.assertLess(m["arena_use"], memgrowth.ARENA_USE_MIN)
        self.assertGreater(m["arena_mb"], fixed["arena_mb"])
        self.assertGreater(m["rss_end_mb"], fixed["rss_end_mb"])
        self.assertEqual(memgrowth.diagnose(m), "fragmentation")
        self.assertGreaterEqual(fixed["arena_use"], memgrowth.ARENA_USE_MIN)
        self.assertEqual(memgrowth.diagnose(fixed), "healthy")

    def test_thrash_fixed_has_no_full_collections(self):
        m = measured("thrash_fixed")
        self.assertEqual(m["gc2_per_1k"], 0.0)
        self.assertEqual(m["spike_gc_share"], 0.0)
        self.assertEqual(memgrowth.diagnose(m), "healthy")


if __name__ == "__main__":
    unittest.main()
