"""Differential tests of the reuse scenario: every variant against a plain
parse of every body, call after call, and adversarial feeds: bodies that
look alike but differ, a lying ETag, equal bodies as distinct objects."""

import json
import unittest

import gbmetrics
import reuse as ru

SEED = 3
VARIANTS = (ru.parse_always, ru.hash_then_parse, ru.hash_skip, ru.bytes_equal, ru.etag_skip)


def feed(unchanged=90, suppliers=10, bodies=400, offers=50, seed=SEED):
    return ru.make_input({"suppliers": suppliers, "bodies": bodies, "offers": offers,
                          "unchanged": unchanged}, seed)


def expected(f):
    """Parse every body, no reuse, written without the handler's shortcuts."""
    total = 0
    for _, body, _ in f.trace:
        offers = json.loads(body.decode("utf-8"))["offers"]
        routes = set(o["route"] for o in offers)
        total += sum(min(o["price_cents"] for o in offers if o["route"] == r) for r in routes)
        total += sum(o["seats"] for o in offers)
    return total


def parsed_shares(fn, f, calls=3):
    out = []
    for _ in range(calls):
        gbmetrics.reset()
        fn(f)
        out.append(gbmetrics.take(1)["parsed_share"])
    return out


class Trace(unittest.TestCase):
    def test_exact_repeat_rate(self):
        for unchanged in (0, 1, 50, 90, 99, 100):
            f = feed(unchanged)
            tr = f.trace
            same = sum(1 for i in range(10, 400) if tr[i][1] == tr[i - 10][1])
            self.assertEqual(same, (390 * unchanged + 50) // 100, unchanged)
            tags = sum(1 for i in range(10, 400) if tr[i][2] == tr[i - 10][2])
            self.assertEqual(tags, same)

    def test_bodies_are_distinct_objects(self):
        tr = feed(100).trace
        self.assertEqual(tr[0][1], tr[10][1])
        self.assertIsNot(tr[0][1], tr[10][1])

    def test_seeded(self):
        self.assertEqual(feed(50).trace, feed(50).trace)
        self.assertNotEqual(feed(50).trace, feed(50, seed=SEED + 1).trace)


class Answers(unittest.TestCase):
    def test_every_variant_matches_parsing_everything(self):
        cases = ({"unchanged": 0}, {"unchanged": 50}, {"unchanged": 99}, {"unchanged": 100},
                 {"unchanged": 90, "suppliers": 1, "bodies": 30},
                 {"unchanged": 50, "suppliers": 7, "bodies": 5},  # fewer bodies than suppliers
                 {"unchanged": 90, "offers": 1},
                 {"unchanged": 90, "offers": 500, "bodies": 40})
        for params in cases:
            want = expected(feed(**params))
            for fn in VARIANTS:
                f = feed(**params)
                with self.subTest(fn=fn.__name__, **params):
                    self.assertEqual([fn(f) for _ in range(3)], [want] * 3)

    def test_parsed_share_follows_the_repeat_rate(self):
        for fn in (ru.hash_skip, ru.bytes_equal, ru.etag_skip):
            self.assertEqual(parsed_shares(fn, feed(0)), [1.0] * 3)
            # Cold: each supplier's first body; then nothing changes.
            self.assertEqual(parsed_shares(fn, feed(100)), [10 / 400, 0.0, 0.0])
            # 39 changed bodies in 400, plus up to one per supplier across calls.
            shares = parsed_shares(fn, feed(90))
            self.assertEqual(shares[0], (10 + 39) / 400)
            self.assertTrue(39 / 400 <= shares[1] <= 49 / 400, (fn.__name__, shares))
        self.assertEqual(parsed_shares(ru.hash_then_parse, feed(100)), [1.0] * 3)
        self.assertEqual(parsed_shares(ru.parse_always, feed(100)), [1.0] * 3)

    def test_the_skipping_variants_agree_on_what_is_unchanged(self):
        f = [feed(90) for _ in range(3)]
        shares = [parsed_shares(fn, g) for fn, g in zip((ru.hash_skip, ru.bytes_equal,
                                                         ru.etag_skip), f)]
        self.assertEqual(shares[0], shares[1])
        self.assertEqual(shares[0], shares[2])


class Adversarial(unittest.TestCase):
    def test_one_byte_changed_is_parsed(self):
        # A price that moves by one cent keeps the length: only a full
        # comparison or the hash sees it.
        f = feed(100, suppliers=1, bodies=2)
        s, body, etag = f.trace[1]
        doc = json.loads(body)
        doc["offers"][0]["price_cents"] += 1 if doc["offers"][0]["price_cents"] % 10 != 9 else -1
        changed = json.dumps(doc, separators=(",", ":")).encode()
        self.assertEqual(len(changed), len(body))
        f.trace[1] = (s, changed, '"0-1"')
        want = expected(f)
        for fn in (ru.hash_skip, ru.bytes_equal, ru.etag_skip):
            f.last.clear()
            self.assertEqual(fn(f), want, fn.__name__)

    def test_a_lying_etag_is_caught_by_the_answer(self):
        # A supplier that changes the body but not the ETag: etag_skip
        # reuses a stale result, and the answer shows it; the content
        # checks do not fall for it.
        f = feed(0, suppliers=1, bodies=3)
        f.trace = [(s, body, '"0-0"') for s, body, _ in f.trace]
        want = expected(f)
        self.assertNotEqual(ru.etag_skip(f), want)
        for fn in (ru.hash_skip, ru.bytes_equal):
            f.last.clear()
            self.assertEqual(fn(f), want, fn.__name__)

    def test_a_weak_hash_would_be_caught(self):
        # The answer check catches a reuse test that confuses two bodies:
        # here one that looks at the length only.
        f = feed(0, suppliers=1, bodies=20)
        want = expected(f)
        total, last = 0, {}
        for s, body, _ in f.trace:
            seen = last.get(s)
            if seen is not None and seen[0] == len(body):
                total += seen[1]
            else:
                result = ru.handle(json.loads(body))
                last[s] = (len(body), result)
                total += result
        self.assertNotEqual(total, want)


if __name__ == "__main__":
    unittest.main()
