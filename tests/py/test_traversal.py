"""Differential tests of the traversal scenario: precomputed and fused
against the staged baseline, for every k from 1 to 8, on generated offers
and on offers edited to sit on the rules' edges."""

import copy
import json
import os
import shutil
import tempfile
import unittest

CACHE = tempfile.mkdtemp(prefix="gluebench-traversal-test-")
os.environ["GLUEBENCH_CACHE_DIR"] = CACHE

import flights_rich  # noqa: E402  (after the cache directory is set)
import flights_traversal as ft  # noqa: E402

VARIANTS = (ft.precomputed, ft.fused)


def tearDownModule():
    shutil.rmtree(CACHE, ignore_errors=True)


def set_departure(offer, it, k, hhmm):
    """Moves segment k of itinerary it to leave at local hh:mm the same day."""
    seg = offer["itineraries"][it]["segments"][k]
    at = seg["departure"]["at"]
    seg["departure"]["at"] = at[:11] + hhmm + at[16:]


def edges():
    """Generated offers edited onto the edges of each rule."""
    request = json.loads(flights_rich.generate(40, 9))
    offers = request["offers"]
    query = request["query"]
    for o in offers[:10]:
        o["seats_left"] = query["passengers"] + (o is offers[0]) - (o is offers[1])
    offers[2]["fare_rules"]["change"] = {"allowed": True,
                                         "fee": {"amount": "99999.99", "currency": "GBP"}}
    offers[3]["fare_rules"]["change"] = {"allowed": False, "fee": None}
    set_departure(offers[4], 0, 0, "22:00")  # night from 22:00 ...
    set_departure(offers[5], 0, 0, "05:59")  # ... to 05:59
    set_departure(offers[6], 0, 0, "06:00")
    short = next(o for o in offers[10:] if ft.segment_count(o) <= query["max_segments"])
    short["seats_left"] = 9
    twin = copy.deepcopy(short)  # the same score: the id decides
    twin["id"] = short["id"] + "-twin"
    offers.append(twin)
    query["max_price_eur_cents"] = query["passengers"] * ft.price_of(short["price"])  # at the cap
    query["limit"] = len(offers)
    return {"query": query, "offers": offers}, short["id"]


class Values(unittest.TestCase):
    def test_price_from_the_breakdown(self):
        price = {"currency": "USD", "fees": [{"amount": "5.00"}],
                 "passengers": [{"count": 2, "base": "100.00", "taxes": [{"amount": "10.50"}]}]}
        self.assertEqual(ft.price_of(price), 20792)  # (2 x 110.50 + 5.00) USD x 0.92

    def test_change_fee_is_capped_and_may_be_none(self):
        fee = {"allowed": True, "fee": {"amount": "50.00", "currency": "EUR"}}
        self.assertEqual(ft.change_fee_of({"change": fee}, 100000), 5000)
        self.assertEqual(ft.change_fee_of({"change": fee}, 1200), 1200)
        self.assertIsNone(ft.change_fee_of({"change": {"allowed": False, "fee": None}}, 1))

    def test_night_bounds(self):
        self.assertEqual([ft.is_night("2026-07-01T%s:00+02:00" % t)
                          for t in ("21:59", "22:00", "05:59", "06:00")],
                         [False, True, True, False])

    def test_offers_are_several_kilobytes(self):
        body = flights_rich.generate(50, 3)
        request = json.loads(body)
        self.assertGreater(len(body) / 50, 3000)
        for offer in request["offers"]:
            self.assertEqual(len(offer["itineraries"]), 2)
            self.assertTrue(all(2 <= len(it["segments"]) <= 4 for it in offer["itineraries"]))


class SameAnswer(unittest.TestCase):
    def check(self, request):
        frozen = json.dumps(request, sort_keys=True)
        for k in range(1, 9):
            expected = ft.staged((request, k))
            self.assertGreater(len(json.loads(expected)["offers"]), 0)
            for variant in VARIANTS:
                with self.subTest(k=k, variant=variant.__name__):
                    self.assertEqual(variant((request, k)), expected)
        self.assertEqual(json.dumps(request, sort_keys=True), frozen, "a variant changed its input")

    def test_generated(self):
        self.check(ft.make_input({"n": 120, "stages": 1}, 4)[0])

    def test_edges(self):
        request, short = edges()
        self.check(request)
        for k in (1, 8):
            ids = [o["id"] for o in json.loads(ft.staged((request, k)))["offers"]]
            self.assertIn(short + "-twin", ids)  # at the cap it stays, after its original
            self.assertEqual(ids.index(short) + 1, ids.index(short + "-twin"))

    def test_k_values_and_nothing_more(self):
        request = ft.make_input({"n": 30, "stages": 1}, 2)[0]
        for k in (1, 4, 8):
            entry = json.loads(ft.fused((request, k)))["offers"][0]
            self.assertEqual(set(entry), set(ft.FIELDS[:k]) | {"id", "score"})


if __name__ == "__main__":
    unittest.main()
