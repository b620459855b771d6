"""Tests of the profile scenario: the three handlers against a plain
reference, every variant's answer, the classifier on synthetic signals,
cProfile's summary, the sampling profiler and the price service."""

import collections
import signal
import threading
import time
import unittest

import gbmetrics
import profile_handlers as handlers
import profile_runs as runs
import profile_tools as tools

HANDLERS = (handlers.handle_algorithm, handlers.handle_call_count, handlers.handle_io)
VARIANTS = [getattr(runs, "%s_%s" % (h, how)) for h in ("alg", "calls", "io")
            for how in ("plain", "cprofile", "sampled", "diagnose")]


def order_of(skus, region="R03"):
    """An order with the given skus, quantities 1, 2, 3, ... (mod 5)."""
    catalog = {sku: handlers.price_of(sku) for sku in set(skus)}
    return handlers.Order(list(skus), [1 + i % 5 for i in range(len(skus))], region, catalog)


class WithService(unittest.TestCase):
    def setUp(self):
        self.service = handlers.PriceService(latency=0.0)

    def tearDown(self):
        self.service.close()

    def answers(self, order):
        order.service = self.service
        return [handle(order) for handle in HANDLERS]


class HandlersAgree(WithService):
    def test_generated_orders(self):
        for n in (0, 1, 2, 39, 40, 41, 1000, 3001):
            order = handlers.make_order(n, 5)
            expected = handlers.handle_reference(order)
            self.assertEqual(self.answers(order), [expected] * 3, n)

    def test_adversarial_orders(self):
        cases = [[7] * 500,                      # one sku on every line
                 list(range(800)),               # every line a new sku
                 list(range(400, 0, -1)) * 2,    # every sku twice, reversed
                 [2 ** 32 - 1, 0, 2 ** 32 - 1]]  # the largest sku the wire carries
        for skus in cases:
            for region in ("R00", "R15", "R23"):
                order = order_of(skus, region)
                expected = handlers.handle_reference(order)
                self.assertEqual(self.answers(order), [expected] * 3, (skus[:3], region))

    def test_receipt_by_hand(self):
        order = order_of([1, 2, 1])
        bp = handlers.tax_rate("R03")
        p1, p2 = handlers.price_of(1), handlers.price_of(2)
        total = p1 * (10000 + bp) // 10000 + 2 * p2 * (10000 + bp) // 10000 \
            + 3 * p1 * (10000 + bp) // 10000
        self.assertEqual(self.answers(order), ["2 %d" % total] * 3)

    def test_the_receipt_depends_on_the_order(self):
        a = handlers.handle_reference(handlers.make_order(500, 1))
        b = handlers.handle_reference(handlers.make_order(500, 2))
        self.assertNotEqual(a, b)


class TaxAndOrders(unittest.TestCase):
    def test_later_entries_override(self):
        for region in handlers.REGIONS:
            last = [bp for name, bp in handlers.TAX_TABLE if name == region][-1]
            self.assertEqual(handlers.tax_rate(region), last)

    def test_unknown_region(self):
        with self.assertRaises(KeyError):
            handlers.tax_rate("nowhere")

    def test_distinct_skus_grow_with_n(self):
        small = len(set(handlers.make_order(2500, 3).skus))
        large = len(set(handlers.make_order(10000, 3).skus))
        self.assertGreater(large, 3 * small)

    def test_prices_in_range(self):
        for sku in list(range(1000)) + [2 ** 32 - 1]:
            self.assertTrue(100 <= handlers.price_of(sku) < 100000)


class Variants(unittest.TestCase):
    def setUp(self):
        gbmetrics.reset()

    def run_variant(self, variant, n=2000, seed=9):
        setup = runs.start_service if variant.__name__.startswith("io") else runs.make_input
        inp = setup({"n": n}, seed)
        try:
            return variant(inp), handlers.handle_reference(inp.order)
        finally:
            if inp.order.service is not None:
                runs.stop_service(inp)

    def test_every_variant_gives_the_receipt(self):
        for variant in VARIANTS:
            for n in (4, 2000):
                got, expected = self.run_variant(variant, n)
                self.assertEqual(got, expected, (variant.__name__, n))

    def test_cprofile_counts_the_calls(self):
        self.run_variant(runs.calls_cprofile, n=2000)
        self.assertEqual(gbmetrics.take(1)["top_calls"], 2000)
        self.run_variant(runs.alg_cprofile, n=2000)
        self.assertEqual(gbmetrics.take(1)["top_calls"], 1)

    def test_diagnosis_names_one_cause_per_call(self):
        for variant in (runs.alg_diagnose, runs.calls_diagnose, runs.io_diagnose):
            self.run_variant(variant, n=400)
            metrics = gbmetrics.take(1)
            says = [metrics[runs.cause_metric(c)] for c in tools.CAUSES]
            self.assertEqual(sorted(says), [0.0, 0.0, 0.0, 1.0], variant.__name__)
            self.assertEqual(metrics["verdict"], 1 + says.index(1.0))
            self.assertGreater(metrics["growth"], 0.0)

    def test_sampler_reports_its_line(self):
        self.run_variant(runs.alg_sampled, n=3000)
        metrics = gbmetrics.take(1)
        self.assertTrue(0.0 <= metrics["hot_line_share"] <= 1.0)
        self.assertGreater(metrics["samples"], 0)

    def test_cause_metrics_are_declared_names(self):
        self.assertEqual([runs.cause_metric(c) for c in tools.CAUSES],
                         ["says_algorithm", "says_call_count", "says_io", "says_undecided"])

    def test_the_small_order_is_a_quarter(self):
        inp = runs.make_input({"n": 1000}, 1)
        self.assertEqual((len(inp.order), len(inp.small)), (1000, 250))
        self.assertEqual(len(runs.make_input({"n": 1}, 1).small), 1)


class NameCause(unittest.TestCase):
    def test_the_three_causes(self):
        self.assertEqual(tools.name_cause(0.99, 1, 1.9), tools.ALGORITHM)
        self.assertEqual(tools.name_cause(1.0, 10000, 1.0), tools.CALL_COUNT)
        self.assertEqual(tools.name_cause(0.1, 1, 0.05), tools.WAITING)

    def test_nothing_stands_out(self):
        self.assertEqual(tools.name_cause(0.98, 3, 1.0), tools.UNDECIDED)

    def test_thresholds(self):
        self.assertEqual(tools.name_cause(0.49, 1, 1.0), tools.WAITING)
        self.assertEqual(tools.name_cause(0.5, 1, 1.0), tools.UNDECIDED)
        self.assertEqual(tools.name_cause(1.0, 999, 1.0), tools.UNDECIDED)
        self.assertEqual(tools.name_cause(1.0, 1000, 1.0), tools.CALL_COUNT)
        self.assertEqual(tools.name_cause(1.0, 1, 1.49), tools.UNDECIDED)
        self.assertEqual(tools.name_cause(1.0, 1, 1.5), tools.ALGORITHM)

    def test_waiting_beats_calls_and_growth(self):
        # A handler making 10,000 round trips waits: its calls are not the cause.
        self.assertEqual(tools.name_cause(0.05, 10000, 1.0), tools.WAITING)
        self.assertEqual(tools.name_cause(0.3, 10000, 2.0), tools.WAITING)

    def test_growth_beats_calls(self):
        # A quadratic loop of calls: the calls multiply because of the algorithm.
        self.assertEqual(tools.name_cause(1.0, 10 ** 6, 2.0), tools.ALGORITHM)

    def test_unmeasured_growth_never_says_algorithm(self):
        self.assertEqual(tools.name_cause(1.0, 1, None), tools.UNDECIDED)
        self.assertEqual(tools.name_cause(1.0, 5000, None), tools.CALL_COUNT)

    def test_growth_exponent(self):
        self.assertAlmostEqual(tools.growth_exponent(1.0, 4.0, 4), 1.0)
        self.assertAlmostEqual(tools.growth_exponent(0.5, 8.0, 4), 2.0)
        self.assertAlmostEqual(tools.growth_exponent(3.0, 3.0, 4), 0.0)
        with self.assertRaises(ValueError):
            tools.growth_exponent(0.0, 1.0, 4)


class Timing(unittest.TestCase):
    def test_fastest_runs_at_least_once_and_keeps_the_fastest(self):
        # Sleeps far apart, so that scheduling slack cannot reorder them.
        delays = iter([0.02, 0.001] + [0.02] * 10)
        calls = []

        def work(arg):
            calls.append(arg)
            time.sleep(next(delays))
            return len(calls)

        result, wall, cpu, queued = tools.fastest(work, "x", 0.03)
        self.assertGreaterEqual(len(calls), 2)
        self.assertEqual(result, 2)
        self.assertLess(wall, 0.02)   # the 1 ms sleep, however late, beats every 20 ms one
        self.assertGreaterEqual(queued, 0.0)
        calls.clear()
        self.assertEqual(tools.fastest(work, "y", 0.0)[0], 1)
        self.assertEqual(len(calls), 1)

    def test_cpu_share_leaves_out_the_run_queue(self):
        self.assertAlmostEqual(tools.cpu_share(1.0, 0.5, 0.5), 1.0)
        self.assertAlmostEqual(tools.cpu_share(1.0, 0.1, 0.0), 0.1)
        self.assertGreater(tools.cpu_share(1.0, 0.1, 1.0), 1.0)  # never a division by zero

    def test_runqueue_wait_only_grows(self):
        first = tools.runqueue_wait()
        tight_loop(100000)
        self.assertGreaterEqual(tools.runqueue_wait(), first)
        self.assertGreaterEqual(first, 0.0)


Entry = collections.namedtuple("Entry", "code callcount reccallcount totaltime inlinetime calls")


class Summaries(unittest.TestCase):
    def test_top_line_by_self_time(self):
        entries = [Entry(handlers.tax_rate.__code__, 10000, 0, 0.8, 0.8, None),
                   Entry(handlers.handle_call_count.__code__, 1, 0, 1.0, 0.2, None),
                   Entry("<built-in method builtins.len>", 1, 0, 0.0, 0.0, None)]
        summary = tools.summarize(entries)
        self.assertEqual(summary["top"], "tax_rate")
        self.assertEqual(summary["top_calls"], 10000)
        self.assertAlmostEqual(summary["top_self_share"], 0.8)
        self.assertEqual(summary["calls_total"], 10002)

    def test_real_profile_of_the_waiting_handler(self):
        service = handlers.PriceService(latency=0.02)
        try:
            order = handlers.make_order(300, 1)
            order.service = service
            result, entries = tools.under_cprofile(handlers.handle_io, order)
        finally:
            service.close()
        self.assertEqual(result, handlers.handle_reference(order))
        summary = tools.summarize(entries)
        self.assertIn("recv", summary["top"])
        self.assertEqual(summary["top_calls"], 1)
        self.assertFalse(any("disable" in tools.entry_name(e.code) for e in entries))


def busy_then_sleep(seconds):
    total = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        total += 1
    time.sleep(seconds)
    return total


def tight_loop(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


class Sampler(unittest.TestCase):
    def lines(self, fn):
        first = fn.__code__.co_firstlineno
        return {i - first: i for i in range(first, first + 10)}

    def test_busy_line_and_sleeping_line(self):
        _, sampler = tools.sample(busy_then_sleep, 0.05)
        lines = self.lines(busy_then_sleep)
        busy = sampler.wall.get(lines[3], 0.0) + sampler.wall.get(lines[4], 0.0)
        sleep = sampler.wall.get(lines[5], 0.0)
        self.assertGreater(busy, 0.03)
        self.assertGreater(sleep, 0.03)
        self.assertLess(sampler.cpu.get(lines[5], 0.0), 0.5 * sleep)
        self.assertGreater(sampler.samples, 20)  # about 100 at 1 ms; a loaded VM drops some

    def test_loop_back_edge_goes_to_the_loop_line(self):
        _, sampler = tools.sample(tight_loop, 300000)
        line, share, cpu = sampler.hot_line()
        self.assertIn(line, (self.lines(tight_loop)[2], self.lines(tight_loop)[3]))
        self.assertNotIn(-1, sampler.wall)
        self.assertNotIn(None, sampler.wall)

    def test_restores_the_old_handler_and_timer(self):
        old = signal.getsignal(signal.SIGALRM)
        tools.sample(tight_loop, 1000)
        self.assertIs(signal.getsignal(signal.SIGALRM), old)
        self.assertEqual(signal.getitimer(signal.ITIMER_REAL), (0.0, 0.0))

    def test_shares_add_up(self):
        _, sampler = tools.sample(tight_loop, 200000)
        _, share, _ = sampler.hot_line()
        self.assertTrue(0.0 < share <= 1.0)
        self.assertGreater(sum(sampler.wall.values()), 0.0)

    def test_nothing_sampled(self):
        sampler = tools.LineSampler(tight_loop.__code__)
        self.assertEqual(sampler.hot_line(), (0, 0.0, 0.0))


class Service(unittest.TestCase):
    def test_prices_and_latency(self):
        service = handlers.PriceService(latency=0.03)
        try:
            start = time.perf_counter()
            prices = service.prices([5, 1, 5, 2 ** 32 - 1])
            self.assertGreaterEqual(time.perf_counter() - start, 0.03)
            self.assertEqual(prices, {s: handlers.price_of(s) for s in (5, 1, 2 ** 32 - 1)})
            self.assertEqual(service.prices([]), {})
        finally:
            service.close()

    def test_close_ends_the_thread_and_is_idempotent(self):
        service = handlers.PriceService(latency=0.0)
        thread = service.thread
        service.close()
        service.close()
        self.assertFalse(thread.is_alive())

    def test_only_the_service_thread_blocks_the_timer_signal(self):
        service = handlers.PriceService(latency=0.0)
        try:
            service.prices([1])  # the thread has blocked them once it answers
            self.assertTrue(blocked(service.thread.native_id) & 1 << (signal.SIGALRM - 1))
            self.assertFalse(blocked(threading.get_native_id()) & 1 << (signal.SIGALRM - 1))
        finally:
            service.close()


def blocked(tid):
    """The blocked-signal mask of thread tid, from /proc (Linux)."""
    with open("/proc/self/task/%d/status" % tid) as status:
        for line in status:
            if line.startswith("SigBlk:"):
                return int(line.split()[1], 16)
    raise AssertionError("no SigBlk line")


if __name__ == "__main__":
    unittest.main()
