"""Differential tests of the invalidation scenario: every variant's answer
against no_cache's, every variant's metrics against a naive model of the
same cache over plain lists (no SQLite), and broken caches that the answer
must catch."""

import unittest

import gbmetrics
import invalidation as iv

SEED = 11
VARIANTS = (iv.no_cache, iv.ttl_100, iv.ttl_1k, iv.ttl_10k, iv.invalidate_on_write,
            iv.invalidate_late, iv.versioned_keys)


def shop(keys=200, reads=500, w=100, seed=SEED):
    return iv.make_input({"keys": keys, "reads": reads, "w": w}, seed)


def naive(keys, reads, w, seed, policy, ttl=0, calls=3):
    """The same trace over plain lists: per call (hits, stale, error, entries).
    policy: 'none', 'ttl', 'invalidate', 'late' (deletes land ttl ticks
    after the write) or 'versioned'."""
    rng_shop = shop(keys, reads, w, seed)  # only for the initial prices and the trace
    prices = [row[0] for row in rng_shop.db.execute(
        "SELECT price_cents FROM prices ORDER BY id")]
    events = rng_shop.events
    iv.close_input(rng_shop)
    version = [0] * keys
    cache = {}
    due = []  # (tick, key) of deletes still travelling
    now = 0
    out = []
    for _ in range(calls):
        hits = stale = error = 0
        for key, step in events:
            now += 1
            if step:
                new = prices[key] + step
                prices[key] = new if new >= iv.MIN_PRICE else prices[key] + abs(step)
                version[key] += 1
                if policy == "invalidate":
                    cache.pop(key, None)
                if policy == "late":
                    due.append((now + ttl, key))
                continue
            for tick, gone in [d for d in due if d[0] <= now]:
                cache.pop(gone, None)
                due.remove((tick, gone))
            ck = (key, version[key]) if policy == "versioned" else key
            entry = cache.get(ck)
            fresh_enough = entry is not None and (policy != "ttl" or now < entry[2])
            if policy != "none" and fresh_enough:
                hits += 1
                served, served_version = entry[0], entry[1]
            else:
                served, served_version = prices[key], version[key]
                if policy != "none":
                    cache[ck] = (served, served_version, now + ttl)
            if served_version != version[key]:
                stale += 1
                error += abs(served - prices[key])
        out.append((hits, stale, error, len(cache)))
    return out


def measured(fn, keys, reads, w, seed, calls=3):
    s = shop(keys, reads, w, seed)
    answers, rows = [], []
    for _ in range(calls):
        gbmetrics.reset()
        answers.append(fn(s))
        m = gbmetrics.take(1)
        rows.append((round(m["hit_rate"] * reads), round(m["stale_share"] * reads),
                     m["error_cents"], m["cache_entries"]))
    iv.close_input(s)
    return answers, rows


class Trace(unittest.TestCase):
    def test_counts_of_reads_and_writes(self):
        for reads, w in ((500, 0), (500, 1), (500, 100), (10, 1000), (7, 5000), (1, 3)):
            events = iv.make_trace(50, reads, w, SEED)
            self.assertEqual(sum(1 for _, step in events if step == 0), reads)
            self.assertEqual(sum(1 for _, step in events if step), reads * w // 1000)

    def test_seeded_and_in_range(self):
        self.assertEqual(iv.make_trace(100, 300, 50, SEED), iv.make_trace(100, 300, 50, SEED))
        self.assertNotEqual(iv.make_trace(100, 300, 50, SEED), iv.make_trace(100, 300, 50, 1))
        for keys in (1, 2, 1000):
            for key, step in iv.make_trace(keys, 2000, 200, SEED):
                self.assertTrue(0 <= key < keys)
                self.assertTrue(0 < abs(step) <= iv.MAX_STEP or step == 0)

    def test_popularity_is_skewed(self):
        counts = [0] * 100
        for key, _ in iv.make_trace(100, 20000, 0, SEED):
            counts[key] += 1
        self.assertGreater(counts[0], 5 * counts[50])

    def test_writer_keeps_prices_positive_and_moving(self):
        s = shop(keys=1, reads=200, w=5000)  # one key, five writes per read
        iv.no_cache(s)
        past = s.history[0]
        self.assertEqual(len(past), 1 + 1000)
        self.assertTrue(all(p >= iv.MIN_PRICE for p in past))
        self.assertTrue(all(a != b for a, b in zip(past, past[1:])))
        self.assertEqual(s.query(0), (past[-1], len(past) - 1))
        iv.close_input(s)


class Answers(unittest.TestCase):
    def test_every_variant_answers_as_no_cache(self):
        for keys, reads, w in ((200, 500, 100), (1, 50, 1000), (1000, 300, 0),
                               (5, 100, 5000), (200, 1, 1)):
            base = shop(keys, reads, w)
            want = [iv.no_cache(base) for _ in range(3)]
            self.assertIn("untrue=0", want[0])
            for fn in VARIANTS:
                s = shop(keys, reads, w)
                with self.subTest(fn=fn.__name__, keys=keys, reads=reads, w=w):
                    self.assertEqual([fn(s) for _ in range(3)], want)

    def test_answer_names_the_trace(self):
        self.assertNotEqual(iv.no_cache(shop(w=100)), iv.no_cache(shop(w=10)))
        self.assertNotEqual(iv.no_cache(shop(reads=500)), iv.no_cache(shop(reads=499)))


class Metrics(unittest.TestCase):
    """Each variant's hits, stale reads, money error and cache size against
    the naive model, call after call (the clock runs on across calls)."""

    def check(self, fn, policy, ttl=0):
        for keys, reads, w in ((200, 500, 100), (1, 50, 1000), (50, 400, 10), (300, 200, 0)):
            with self.subTest(fn=fn.__name__, keys=keys, reads=reads, w=w):
                _, rows = measured(fn, keys, reads, w, SEED)
                self.assertEqual(rows, naive(keys, reads, w, SEED, policy, ttl))

    def test_no_cache(self):
        self.check(iv.no_cache, "none")

    def test_ttl(self):
        for fn, ttl in ((iv.ttl_100, 100), (iv.ttl_1k, 1000), (iv.ttl_10k, 10000)):
            self.check(fn, "ttl", ttl)

    def test_invalidate(self):
        self.check(iv.invalidate_on_write, "invalidate")

    def test_invalidate_late(self):
        self.check(iv.invalidate_late, "late", 100)

    def test_versioned(self):
        self.check(iv.versioned_keys, "versioned")

    def test_the_model_sees_staleness(self):
        # Guards the comparison above against a model that never goes stale.
        rows = naive(200, 500, 100, SEED, "ttl", 10000)
        self.assertGreater(sum(r[1] for r in rows), 0)
        self.assertGreater(sum(r[2] for r in rows), 0)
        self.assertEqual(sum(r[1] for r in naive(200, 500, 100, SEED, "invalidate")), 0)
        self.assertGreater(sum(r[1] for r in naive(200, 500, 100, SEED, "late", 100)), 0)

    def test_no_writes_no_staleness(self):
        for fn in VARIANTS:
            _, rows = measured(fn, 100, 500, 0, SEED)
            self.assertEqual([r[1] for r in rows], [0, 0, 0], fn.__name__)


class BrokenCaches(unittest.TestCase):
    """Caches that compute something false must change the answer; a cache
    that is only stale must not."""

    def answer_of(self, make_read, keys=50, reads=400, w=200):
        s = shop(keys, reads, w)
        return [iv.replay(s, make_read(s)) for _ in range(2)]

    def want(self, keys=50, reads=400, w=200):
        s = shop(keys, reads, w)
        return [iv.no_cache(s) for _ in range(2)]

    def test_never_expiring_cache_is_stale_not_wrong(self):
        def make(s):
            cache = {}

            def read(key, now):
                if key not in cache:
                    cache[key] = s.query(key)
                return cache[key] + (True,)
            return read
        self.assertEqual(self.answer_of(make), self.want())

    def test_wrong_broken(self):
        def neighbour(s):  # another key's row
            return lambda key, now: s.query((key + 1) % 50) + (False,)

        def off_by_a_cent(s):
            def read(key, now):
                price, version = s.query(key)
                return price + 1, version, False
            return read

        def stale_passed_as_fresh(s):  # an old price with the current version
            cache = {}

            def read(key, now):
                price, version = s.query(key)
                cache.setdefault(key, price)
                return cache[key], version, True
            return read

        def future_version(s):
            def read(key, now):
                price, version = s.query(key)
                return price, version + 1, False
            return read

        def first_read_wrong_only(s):  # one wrong answer in 400
            state = {"calls": 0}

            def read(key, now):
                price, version = s.query(key)
                state["calls"] += 1
                return (price * 2 if state["calls"] == 1 else price), version, False
            return read

        want = self.want()
        for make in (neighbour, off_by_a_cent, stale_passed_as_fresh, future_version,
                     first_read_wrong_only):
            with self.subTest(broken=make.__name__):
                got = self.answer_of(make)
                self.assertNotEqual(got[0], want[0])
                self.assertNotIn("untrue=0", got[0])

    def test_invalidation_that_misses_a_write_is_stale_not_wrong(self):
        # Forgetting to invalidate is the classic bug: it shows as staleness.
        s = shop(50, 400, 200)
        cache = {}

        def read(key, now):
            if key not in cache:
                cache[key] = s.query(key)
            return cache[key] + (True,)

        def on_write(key, now):
            if key != 0:  # the hottest key is never invalidated
                cache.pop(key, None)
        gbmetrics.reset()
        self.assertEqual(iv.replay(s, read, on_write), self.want()[0])
        self.assertGreater(gbmetrics.take(1)["stale_share"], 0)


if __name__ == "__main__":
    unittest.main()
