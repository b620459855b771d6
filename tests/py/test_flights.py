"""Differential tests of the flights scenario: every variant against v0.

Each variant must return the very same response bytes as the Pydantic
baseline, on generated requests and on hand-made offers that break one rule
each.  The C-only handler is run through the C worker, which reads the
request from the cache directory this test points at a temporary folder.
"""

import copy
import gc
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CACHE = tempfile.mkdtemp(prefix="gluebench-flights-test-")
os.environ["GLUEBENCH_CACHE_DIR"] = CACHE

import flights  # noqa: E402  (after the cache directory is set)
import flights_chain  # noqa: E402
import flights_data  # noqa: E402
import flights_msgspec  # noqa: E402
import flights_pydantic  # noqa: E402
import gbinput  # noqa: E402
import gbmetrics  # noqa: E402

PYTHON_VARIANTS = [flights_pydantic.v1_gc_off, flights.v2_typeddict, flights.v2_checked,
                   flights.v3_fused, flights.v4_precomputed, flights.v5_orjson,
                   flights_msgspec.msgspec_structs, flights_pydantic.gc_frozen]
# The invocation steps (flights_chain), each from its own setup.
CHAIN = [(flights_pydantic.chain_v0, flights_chain.make_input),
         (flights_pydantic.chain_v1, flights_chain.make_input),
         (flights_chain.v2_typeddict, flights_chain.make_input),
         (flights_chain.v2_checked, flights_chain.make_input),
         (flights_chain.v3_fused, flights_chain.make_input),
         (flights_chain.v4_precomputed, flights_chain.make_input),
         (flights_chain.v5_background, flights_chain.make_input),
         (flights_chain.v6_threads, flights_chain.make_input),
         (flights_chain.v7_orjson, flights_chain.make_input),
         (flights_chain.v8_ext, flights_chain.make_input),
         (flights_chain.handler_ext, flights_chain.make_input),
         (flights_pydantic.chain_gc_async, flights_chain.make_input),
         (flights_msgspec.chain_msgspec, flights_chain.make_input),
         (flights_chain.v7_frozen, flights_chain.make_frozen_input),
         (flights_pydantic.chain_frozen, flights_pydantic.make_frozen_invocation)]
# Validate every field and shape, as the Pydantic models do.
VALIDATING = [flights_pydantic.v1_gc_off, flights.v2_checked, flights_msgspec.msgspec_structs]
# GLUEBENCH_KERNEL_DIR is a path list; the first is build/kernels, beside build/bin.
KERNEL_DIR = os.environ.get("GLUEBENCH_KERNEL_DIR", "").split(os.pathsep)[0]
CWORKER = os.path.join(KERNEL_DIR, os.pardir, "bin", "gb-cworker")
PYREF = os.path.dirname(os.path.abspath(flights.__file__))


def seg(carrier, dep, arr, origin="FRA", to="JFK"):
    return {"carrier": carrier, "number": 100, "from": origin, "to": to, "dep": dep, "arr": arr}


def offer(oid, segments, fare=("EUR", 100.0), taxes=(("EUR", 10.5),), seats=9, checked=1):
    return {"id": oid, "itineraries": [{"segments": copy.deepcopy(s)} for s in segments],
            "fare": {"amount": fare[1], "currency": fare[0]},
            "taxes": [{"code": "YQ", "amount": a, "currency": c} for c, a in taxes],
            "baggage": {"checked": checked, "cabin_kg": 8}, "seats_left": seats}


def handmade():
    """Offers that each break one rule, and valid ones around them."""
    good = [seg("LH", "2026-07-01T10:00:00+02:00", "2026-07-01T12:30:00-04:00"),
            seg("UA", "2026-07-01T13:15:00-04:00", "2026-07-01T16:00:00-07:00")]
    offers = [
        offer("ok-two-legs", [good]),
        offer("ok-zulu", [[seg("BA", "2026-07-02T08:00:00Z", "2026-07-02T09:05:00+01:00")]],
              fare=("JPY", 16400), taxes=(("USD", 12.34), ("GBP", 0.01))),
        offer("ok-round", [good, [seg("LH", "2026-07-09T18:00:00-07:00",
                                      "2026-07-10T14:00:00+02:00")]], fare=("SEK", 1234.56)),
        offer("arrival", [[seg("LH", "2026-07-01T10:00:00+02:00", "2026-07-01T03:59:00-04:00")]]),
        offer("overlap", [[good[0], seg("UA", "2026-07-01T12:00:00-04:00",
                                        "2026-07-01T16:00:00-07:00")]]),
        offer("negative", [good], fare=("EUR", -1.0)),
        offer("currency", [good], taxes=(("EUR", 1.0), ("XYZ", 2.0))),
        offer("no-segments", [[]]),
        offer("full", [good], seats=1),
        offer("pricey", [good], fare=("GBP", 5000.0)),
    ]
    broken = offer("no-dep", [good])
    del broken["itineraries"][0]["segments"][1]["dep"]
    no_bags = offer("no-baggage", [good])
    del no_bags["baggage"]
    no_code = offer("no-code", [good])
    del no_code["taxes"][0]["code"]
    offers += [broken, no_bags, no_code]
    query = {"passengers": 2, "max_stops": 1, "max_price_eur_cents": 500000, "limit": 5}
    return json.dumps({"query": query, "offers": offers}).encode()


GOOD_LEG = [("LH", "2026-07-01T10:00:00+02:00", "2026-07-01T12:30:00-04:00")]
ODD_TIMES = {  # contract breaks: each a departure every variant must refuse
    "fraction": "2026-07-01T10:00:00.5+02:00", "fraction-zero": "2026-07-01T10:00:00.000Z",
    "feb30": "2026-02-30T10:00:00+02:00", "feb29-2026": "2026-02-29T10:00:00Z",
    "feb29-2100": "2100-02-29T10:00:00Z", "apr31": "2026-04-31T10:00:00Z",
    "year0": "0000-07-01T10:00:00Z", "space": "2026-07-01 10:00:00+02:00",
    "no-seconds": "2026-07-01T10:00+02:00", "lower-z": "2026-07-01T10:00:00z",
    "offset-60": "2026-07-01T10:00:00+05:60", "offset-24": "2026-07-01T10:00:00+24:00",
    "hour-24": "2026-07-01T24:00:00Z", "newline": "2026-07-01T10:00:00Z\n",
    "basic": "20260701T100000Z", "no-offset": "2026-07-01T10:00:00",
    "date-only": "2026-07-01", "number": 1782900000,
}
ODD_VALUES = {  # (path in the offer, value, the reason every variant gives)
    "fare-string": (("fare", "amount"), "100.5", "invalid field: amount"),
    "fare-bool": (("fare", "amount"), True, "invalid field: amount"),
    "fare-huge": (("fare", "amount"), 1e13, "invalid field: amount"),
    "tax-string": (("taxes", 0, "amount"), "1", "invalid field: amount"),
    "seats-string": (("seats_left",), "3", "invalid field: seats_left"),
    "seats-bool": (("seats_left",), True, "invalid field: seats_left"),
    "seats-float": (("seats_left",), 3.0, "invalid field: seats_left"),
    "bags-string": (("baggage", "checked"), "1", "invalid field: checked"),
    "id-number": (("id",), 123, "invalid field: id"),
    "carrier-number": (("itineraries", 0, "segments", 0, "carrier"), 7, "invalid field: carrier"),
    "currency-number": (("fare", "currency"), 978, "invalid field: currency"),
}


def spoiled(name, path, value):
    bad = offer(name, [GOOD_LEG and [seg(*GOOD_LEG[0])]])
    owner = bad
    for key in path[:-1]:
        owner = owner[key]
    owner[path[-1]] = value
    return bad


def adversarial():
    """A request of contract edges: exact halves of a cent, times the
    contract refuses (and leap days it accepts), wrong JSON types."""
    leg = [seg(*GOOD_LEG[0])]
    offers = [
        offer("half-even-down", [leg], fare=("EUR", 100.125), taxes=()),  # 10012.5 -> 10012
        offer("half-even-up", [leg], fare=("EUR", 0.375), taxes=(("EUR", 0.125),)),  # 38 + 12
        offer("half-negative", [leg], fare=("EUR", 50.0), taxes=(("EUR", -0.125),)),  # -12
        offer("jpy-int", [leg], fare=("JPY", 16401), taxes=()),
        offer("leap-2028", [[seg("LH", "2028-02-29T10:00:00Z", "2028-02-29T12:00:00Z")]]),
        offer("leap-2000", [[seg("LH", "2000-02-29T10:00:00Z", "2000-02-29T12:00:00+01:00")]]),
        offer("utc-minus-zero", [[seg("LH", "2026-07-01T10:00:00-00:00",
                                      "2026-07-01T12:00:00Z")]]),
    ]
    for name, when in ODD_TIMES.items():
        offers.append(offer("dep-" + name, [[seg("LH", when, "2026-07-01T12:30:00-04:00")]]))
    offers.append(offer("arr-feb30", [[seg("LH", "2026-02-27T10:00:00Z",
                                           "2026-02-30T10:00:00Z")]]))
    offers += [spoiled(name, *case[:2]) for name, case in ODD_VALUES.items()]
    # text the response must escape, or not: UTF-8 ids, quotes, controls
    offers.append(offer("Kraków-\u2028", [leg]))
    offers.append(offer('quote"back\\slash\x01', [leg], fare=("ZZ\"Z", 1.0)))
    query = {"passengers": 1, "max_stops": 2, "max_price_eur_cents": 10**9, "limit": 100}
    return json.dumps({"query": query, "offers": offers}).encode()


C_HANDLERS = ("handler", "stream")  # jansson's tree; the scanner and reader, no tree


def c_only(n, seed, handler="handler"):
    """A C-only handler's answer digest via the C worker, or None."""
    if not os.path.exists(CWORKER):
        return None
    env = dict(os.environ, GLUEBENCH_PYTHON=sys.executable, GLUEBENCH_PYREF_DIR=PYREF)
    script = "variant flights:%s - -\nparam n %d\nsetup %d\nanswer\nquit\n" % (handler, n, seed)
    out = subprocess.run([CWORKER], input=script, capture_output=True, text=True, env=env,
                         timeout=60).stdout
    return next(line.split()[2] for line in out.splitlines() if line.startswith("answer"))


def tearDownModule():
    shutil.rmtree(CACHE, ignore_errors=True)


class GeneratedRequests(unittest.TestCase):
    def test_every_python_variant_matches_the_baseline(self):
        for n, seed in ((0, 1), (1, 2), (300, 3)):
            body = flights_data.load(n, seed)
            expected = flights_pydantic.v0_baseline(body)
            for variant in PYTHON_VARIANTS:
                with self.subTest(variant=variant.__name__, n=n):
                    self.assertEqual(variant(body), expected)

    @unittest.skipIf(flights.walk_offers is None, "the _gb_flights extension is not built")
    def test_extension_matches_the_baseline(self):
        body = flights_data.load(300, 3)
        self.assertEqual(flights.v6_ext(body), flights_pydantic.v0_baseline(body))

    @unittest.skipUnless(os.path.exists(CWORKER), "gb-cworker is not built")
    def test_c_only_matches_the_baseline(self):
        expected = "%016x" % gbinput.fnv1a(flights_pydantic.v0_baseline(flights_data.load(300, 3)))
        for handler in C_HANDLERS:
            with self.subTest(handler=handler):
                self.assertEqual(c_only(300, 3, handler), expected)

    @unittest.skipUnless(os.path.exists(CWORKER), "gb-cworker is not built")
    def test_c_only_generates_a_missing_request(self):
        path = flights_data.cache_path(40, 11)
        if os.path.exists(path):
            os.remove(path)
        digest = c_only(40, 11)
        self.assertTrue(os.path.exists(path))
        self.assertEqual(digest, "%016x" % gbinput.fnv1a(
            flights_pydantic.v0_baseline(flights_data.load(40, 11))))

    def test_request_has_faults_and_is_deterministic(self):
        body = flights_data.generate(400, 5)
        self.assertEqual(body, flights_data.generate(400, 5))
        self.assertNotEqual(body, flights_data.generate(400, 6))
        response = json.loads(flights.v4_precomputed(body))
        reasons = {r["reason"].split(":")[0] for r in response["rejected"]}
        self.assertTrue({"arrival before departure", "overlapping segments", "negative fare",
                         "unknown currency", "missing field"} <= reasons, reasons)
        self.assertEqual(response["valid"] + len(response["rejected"]), 400)


class HandmadeOffers(unittest.TestCase):
    def test_reasons_and_values(self):
        response = json.loads(flights_pydantic.v0_baseline(handmade()))
        reasons = {r["id"]: r["reason"] for r in response["rejected"]}
        self.assertEqual(reasons, {
            "arrival": "arrival before departure", "overlap": "overlapping segments",
            "negative": "negative fare", "currency": "unknown currency: XYZ",
            "no-segments": "empty field: segments", "no-dep": "missing field: dep",
            "no-baggage": "missing field: baggage", "no-code": "missing field: code"})
        self.assertEqual(response["valid"], 5)
        self.assertEqual([o["id"] for o in response["offers"]],
                         ["ok-zulu", "ok-two-legs", "ok-round"])
        zulu, two, _ = response["offers"]
        self.assertEqual((zulu["duration_min"], zulu["stops"], zulu["min_layover_min"]),
                         (5, 0, None))
        # 16400 JPY + 12.34 USD + 0.01 GBP in cents: 10004 + 1135 + 1, for two people
        self.assertEqual(zulu["total_eur_cents"], 2 * 11140)
        self.assertEqual((two["duration_min"], two["stops"], two["min_layover_min"]),
                         (900, 1, 45))
        self.assertEqual(two["carriers"], ["LH", "UA"])

    def test_every_variant_agrees(self):
        body = handmade()
        expected = flights_pydantic.v0_baseline(body)
        variants = PYTHON_VARIANTS + ([flights.v6_ext] if flights.walk_offers else [])
        for variant in variants:
            with self.subTest(variant=variant.__name__):
                self.assertEqual(variant(body), expected)
        if os.path.exists(CWORKER):
            with open(flights_data.cache_path(13, 424242), "wb") as f:
                f.write(body)
            for handler in C_HANDLERS:
                self.assertEqual(c_only(13, 424242, handler), "%016x" % gbinput.fnv1a(expected))


class ContractEdges(unittest.TestCase):
    """One rule per edge (flights_models), the same answer from every variant."""

    def test_the_baseline_follows_the_contract(self):
        response = json.loads(flights_pydantic.v0_baseline(adversarial()))
        reasons = {r["id"]: r["reason"] for r in response["rejected"]}
        expected = {"dep-" + name: "invalid field: dep" for name in ODD_TIMES}
        expected["arr-feb30"] = "invalid field: arr"
        expected.update({name: case[2] for name, case in ODD_VALUES.items()})
        expected['quote"back\\slash\x01'] = 'unknown currency: ZZ"Z'
        expected[None] = expected.pop("id-number")  # a non-string id is echoed as null
        self.assertEqual(reasons, expected)
        prices = {o["id"]: o["total_eur_cents"] for o in response["offers"]}
        self.assertEqual(prices["half-even-down"], 10012)
        self.assertEqual(prices["half-even-up"], 38 + 12)
        self.assertEqual(prices["half-negative"], 5000 - 12)
        self.assertEqual(prices["jpy-int"], 10005)  # 1640100 yen-hundredths x 0.0061
        self.assertEqual({"leap-2028", "leap-2000", "utc-minus-zero", "Kraków-\u2028"}
                         - set(prices), set())

    def test_every_variant_agrees_on_the_edges(self):
        body = adversarial()
        expected = flights_pydantic.v0_baseline(body)
        variants = PYTHON_VARIANTS + ([flights.v6_ext] if flights.walk_offers else [])
        for variant in variants:
            with self.subTest(variant=variant.__name__):
                self.assertEqual(variant(body), expected)

    @unittest.skipUnless(os.path.exists(CWORKER), "gb-cworker is not built")
    def test_c_only_agrees_on_the_edges(self):
        body = adversarial()
        with open(flights_data.cache_path(77, 515151), "wb") as f:
            f.write(body)
        expected = "%016x" % gbinput.fnv1a(flights_pydantic.v0_baseline(body))
        for handler in C_HANDLERS:
            with self.subTest(handler=handler):
                self.assertEqual(c_only(77, 515151, handler), expected)

    @unittest.skipUnless(os.path.exists(CWORKER), "gb-cworker is not built")
    def test_c_handlers_agree_on_shapes(self):
        """The two C parsers convert by the same rules, shape faults included."""
        body, _ = shapes()
        with open(flights_data.cache_path(79, 515151), "wb") as f:
            f.write(body)
        self.assertEqual(c_only(79, 515151, "stream"), c_only(79, 515151, "handler"))

    @unittest.skipUnless(os.path.exists(CWORKER), "gb-cworker is not built")
    def test_c_handlers_refuse_broken_json(self):
        error = "%016x" % gbinput.fnv1a(b"error")
        for seed, text in enumerate((b'{"query":{},"offers":[]}', b'{"offers":[1,]}',
                                     b'{"query":{"passengers":1,"max_stops":1,'
                                     b'"max_price_eur_cents":1,"limit":1},"offers":[]} x',
                                     b'{"query":', b'["offers"]')):
            with open(flights_data.cache_path(80, 600 + seed), "wb") as f:
                f.write(text)
            for handler in C_HANDLERS:
                with self.subTest(text=text, handler=handler):
                    self.assertEqual(c_only(80, 600 + seed, handler), error)


def shapes():
    """Offers whose fault only a validating variant sees: a field the
    handler passes by of the wrong type, or a list or object that is not."""
    good = [seg("LH", "2026-07-01T10:00:00+02:00", "2026-07-01T12:30:00-04:00")]
    cases = {
        "number-string": lambda o: o["itineraries"][0]["segments"][0].update(number="100"),
        "from-number": lambda o: o["itineraries"][0]["segments"][0].update({"from": 1}),
        "code-number": lambda o: o["taxes"][0].update(code=7),
        "cabin-string": lambda o: o["baggage"].update(cabin_kg="8"),
        "itineraries-object": lambda o: o.update(itineraries={"segments": []}),
        "itinerary-string": lambda o: o["itineraries"].__setitem__(0, "FRA-JFK"),
        "segment-list": lambda o: o["itineraries"][0]["segments"].__setitem__(0, []),
        "taxes-object": lambda o: o.update(taxes={"code": "YQ"}),
        "tax-number": lambda o: o["taxes"].__setitem__(0, 12),
        "fare-list": lambda o: o.update(fare=[100, "EUR"]),
        "baggage-number": lambda o: o.update(baggage=1),
    }
    offers = [offer("ok", [good])]
    for name, spoil in cases.items():
        bad = offer(name, [good])
        spoil(bad)
        offers.append(bad)
    offers.append(12345)  # not even an object
    query = {"passengers": 1, "max_stops": 2, "max_price_eur_cents": 10**9, "limit": 100}
    return json.dumps({"query": query, "offers": offers}).encode(), set(cases)


class FullValidation(unittest.TestCase):
    """v2_checked checks what Pydantic checks, with the same reasons."""

    def test_validating_variants_agree_on_shapes(self):
        body, names = shapes()
        expected = flights_pydantic.v0_baseline(body)
        response = json.loads(expected)
        self.assertEqual({r["id"] for r in response["rejected"]}, names | {None})
        for variant in VALIDATING:
            with self.subTest(variant=variant.__name__):
                self.assertEqual(variant(body), expected)

    def test_reasons_name_the_field(self):
        body, _ = shapes()
        reasons = {r["id"]: r["reason"] for r in json.loads(flights.v2_checked(body))["rejected"]}
        self.assertEqual(reasons["number-string"], "invalid field: number")
        self.assertEqual(reasons["itinerary-string"], "invalid field: itineraries")
        self.assertEqual(reasons["segment-list"], "invalid field: segments")
        self.assertEqual(reasons[None], "invalid field: offer")


class Chain(unittest.TestCase):
    """The invocation steps: same bytes as the handler, the GC and the
    threads as documented."""

    def run_step(self, step, setup, params, seed=3):
        inv = setup(params, seed)
        try:
            gbmetrics.reset()
            out = step(inv)
            return out, gbmetrics.take(1), inv
        finally:
            flights_chain.close_input(inv)
            gc.unfreeze()

    def test_every_step_matches_the_handler(self):
        for params in ({"n": 300, "resident": 0}, {"n": 57, "resident": 1000}):
            expected = flights_pydantic.v0_baseline(flights_data.load(params["n"], 3))
            for step, setup in CHAIN:
                with self.subTest(step=step.__name__, **params):
                    out, metrics, _ = self.run_step(step, setup, params)
                    self.assertEqual(out, expected)
                    self.assertTrue(gc.isenabled())
                    if step is not flights_chain.handler_ext:
                        self.assertGreater(metrics["response_ms"], 0)

    def test_edges_through_the_invocation(self):
        body = adversarial()
        with open(flights_data.cache_path(78, 3), "wb") as f:
            f.write(body)
        expected = flights_pydantic.v0_baseline(body)
        for step, setup in CHAIN:
            with self.subTest(step=step.__name__):
                self.assertEqual(self.run_step(step, setup, {"n": 78, "resident": 0})[0], expected)

    def test_suppliers_give_the_offers_back_in_order(self):
        body = flights_data.load(103, 4)
        query, payloads = flights_chain.split(body)
        self.assertEqual(len(payloads), flights_chain.SUPPLIERS)
        joined = [o for p in payloads for o in json.loads(p)]
        self.assertEqual({"query": json.loads(query), "offers": joined}, json.loads(body))

    def test_resident_objects_are_tracked(self):
        table = flights_chain.load_resident(1000)
        tracked = sum(gc.is_tracked(row) + gc.is_tracked(row["carriers"]) for row in table)
        self.assertEqual(tracked, 1000)

    def test_where_the_work_runs(self):
        """Post-work on the background thread and fetches on the pool for
        the steps that say so; on the caller's thread for the others."""
        seen = []

        class Spy(logging.Handler):
            def emit(self, record):
                seen.append(record.threadName)

        spy = Spy()
        flights_chain.LOG.addHandler(spy)
        try:
            for step, post, fetch in ((flights_chain.v4_precomputed, "MainThread", False),
                                      (flights_chain.v5_background, "post-work", False),
                                      (flights_chain.v6_threads, "post-work", True)):
                seen.clear()
                inv = flights_chain.make_input({"n": 40, "resident": 0}, 5)
                try:
                    step(inv)
                    self.assertEqual(set(seen), {post}, step.__name__)
                    self.assertEqual(inv.pool is not None, fetch, step.__name__)
                    self.assertTrue(inv.jobs is None or inv.jobs.unfinished_tasks == 0)
                finally:
                    flights_chain.close_input(inv)
        finally:
            flights_chain.LOG.removeHandler(spy)
        self.assertGreater(len(seen), 40)  # a record per offer at least

    def test_a_failing_post_work_is_raised_and_the_thread_lives(self):
        inv = flights_chain.make_input({"n": 20, "resident": 0}, 6)
        real = flights_chain.post_work
        try:
            flights_chain.post_work = lambda answers, result: 1 / 0
            with self.assertRaises(ZeroDivisionError):
                flights_chain.v5_background(inv)
            flights_chain.post_work = real
            self.assertEqual(flights_chain.v5_background(inv), flights_chain.v4_precomputed(inv))
            self.assertTrue(gc.isenabled())
        finally:
            flights_chain.post_work = real
            flights_chain.close_input(inv)

    def test_the_gc_state_is_restored(self):
        inv = flights_chain.make_input({"n": 20, "resident": 0}, 6)
        gc.disable()
        try:
            flights_chain.v7_orjson(inv)
            self.assertFalse(gc.isenabled())
        finally:
            gc.enable()
            flights_chain.close_input(inv)


class WithoutGc(unittest.TestCase):
    """without_gc restores the GC's state and collects only after a success."""

    def setUp(self):
        self.starts = []
        self.clock = lambda phase, info: phase == "start" and self.starts.append(info)
        self.was_on = gc.isenabled()
        gc.callbacks.append(self.clock)

    def tearDown(self):
        gc.callbacks.remove(self.clock)
        (gc.enable if self.was_on else gc.disable)()

    @staticmethod
    def fails(body):
        raise ValueError("bad request")

    def test_a_raising_handler_with_gc_off_before(self):
        gc.disable()
        with self.assertRaises(ValueError):
            flights.without_gc(self.fails, b"")
        self.assertFalse(gc.isenabled())
        self.assertEqual(self.starts, [])

    def test_a_handler_with_gc_off_before(self):
        gc.disable()
        self.assertEqual(flights.without_gc(bytes, b"ok"), b"ok")
        self.assertFalse(gc.isenabled())
        self.assertEqual(self.starts, [])

    def test_a_raising_handler_with_gc_on(self):
        gc.enable()
        with self.assertRaises(ValueError):
            flights.without_gc(self.fails, b"")
        self.assertTrue(gc.isenabled())
        self.assertEqual([s["generation"] for s in self.starts], [])

    def test_a_handler_with_gc_on_collects_once_after(self):
        gc.enable()
        seen = []
        flights.without_gc(lambda body: seen.append(gc.isenabled()) or body, b"ok")
        self.assertEqual(seen, [False])
        self.assertTrue(gc.isenabled())
        self.assertEqual([s["generation"] for s in self.starts], [2])


class ColdScript(unittest.TestCase):
    def test_cold_script_writes_the_response(self):
        body = flights_data.load(50, 8)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        out = subprocess.run([sys.executable, os.path.join(PYREF, "flights_cold.py"),
                              "v4_precomputed", "50", "8"], capture_output=True, env=env,
                             timeout=60, check=True).stdout
        self.assertEqual(out, flights_pydantic.v0_baseline(body))


if __name__ == "__main__":
    unittest.main()
