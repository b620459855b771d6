"""Tests for the `postwork` scenario: every variant returns the same responses
and writes every log line; the frozen-runtime model really stops the
background thread between invocations; the replay's helpers on synthetic
data with known answers."""

import json
import logging
import time
import unittest

import gbmetrics
import postwork

VARIANTS = (
    (postwork.make_deferred, postwork.deferred, postwork.close_deferred),
    (postwork.make_unbounded, postwork.deferred_unbounded, postwork.close_deferred),
    (postwork.make_frozen, postwork.deferred_frozen, postwork.close_deferred),
)
METRICS = {"resp_p50_ms", "resp_p99_ms", "late_share", "unwritten_share", "queue_max"}


class Threads(logging.Handler):
    """Notes which threads wrote records."""

    def __init__(self):
        super().__init__()
        self.names = set()

    def emit(self, record):
        self.names.add(record.threadName)


def watch_threads(case):
    handler = Threads()
    postwork.LOG.addHandler(handler)
    case.addCleanup(postwork.LOG.removeHandler, handler)
    return handler


class Responses(unittest.TestCase):
    def run_variant(self, make, run, close, params, seed):
        service = make(params, seed)
        try:
            gbmetrics.reset()
            answers = [run(service), run(service)]
            metrics = gbmetrics.take(2)
        finally:
            close(service)
        self.assertEqual(answers[0], answers[1], run.__name__ + " second call")
        self.assertEqual(set(metrics), METRICS, run.__name__)
        for name in ("late_share", "unwritten_share"):
            self.assertTrue(0.0 <= metrics[name] <= 1.0, (name, metrics))
        return answers[0], metrics

    def test_variants_agree(self):
        for records, gap in ((0, 1), (1, 1), (25, 1), (25, 4)):
            params = {"records": records, "gap_ms": gap}
            expected, inline = self.run_variant(postwork.make_input, postwork.inline,
                                                postwork.close_input, params, 11)
            self.assertTrue(expected.endswith(b"\nlines=%d" % (postwork.REQUESTS * records)))
            self.assertEqual(inline["unwritten_share"], 0.0)
            self.assertEqual(inline["queue_max"], 0.0)
            for make, run, close in VARIANTS:
                answer, _ = self.run_variant(make, run, close, params, 11)
                self.assertEqual(answer, expected, (run.__name__, records, gap))

    def test_responses_are_the_best_offers(self):
        requests = postwork.make_requests(3, 2)
        bodies = [postwork.respond(offers)[0] for offers in requests]
        self.assertNotEqual(bodies[0], bodies[1], "requests should differ")
        for body in bodies:
            offers = json.loads(body)["offers"]
            self.assertEqual(len(offers), postwork.TOP)
            scores = [(o["score"], o["id"]) for o in offers]
            self.assertEqual(scores, sorted(scores))

    def test_seed_changes_the_answer(self):
        answers = set()
        for seed in (1, 2):
            service = postwork.make_input({"records": 1, "gap_ms": 1}, seed)
            try:
                answers.add(postwork.inline(service))
            finally:
                postwork.close_input(service)
        self.assertEqual(len(answers), 2)


class PostWork(unittest.TestCase):
    def test_inline_logs_on_the_handler_thread(self):
        threads = watch_threads(self)
        service = postwork.make_input({"records": 3, "gap_ms": 1}, 5)
        try:
            postwork.inline(service)
        finally:
            postwork.close_input(service)
        self.assertEqual(threads.names, {"MainThread"})

    def test_deferred_logs_on_the_background_thread(self):
        threads = watch_threads(self)
        service = postwork.make_deferred({"records": 3, "gap_ms": 1}, 5)
        try:
            postwork.deferred(service)
        finally:
            postwork.close_deferred(service)
        self.assertEqual(threads.names, {"postwork"})
        self.assertFalse(service.thread.is_alive())

    def test_frozen_thread_waits_for_the_next_invocation(self):
        service = postwork.make_frozen({"records": 50, "gap_ms": 1}, 5)
        try:
            postwork.handle_deferred(service, service.requests[0])
            time.sleep(0.05)  # the process is "frozen": the thread may finish one line at most
            self.assertLessEqual(service.sink.lines, 1)
            postwork.settle_deferred(service)
            self.assertEqual(service.sink.lines, 50)
            self.assertFalse(service.thawed.is_set())
        finally:
            postwork.close_deferred(service)

    def test_bounded_queue_blocks_the_handler(self):
        service = postwork.make_frozen({"records": 1, "gap_ms": 1}, 5)
        try:
            self.assertEqual(service.jobs.maxsize, postwork.QUEUE_BOUND)
            service.thawed.clear()
            for _ in range(postwork.QUEUE_BOUND + 1):  # one is taken by the frozen thread
                service.jobs.put(postwork.Job(1, {}, [{"id": 1, "carrier": "AF", "total": 1, "score": 1}]))
            self.assertTrue(service.jobs.full())
        finally:
            postwork.close_deferred(service)
        self.assertEqual(service.sink.lines, postwork.QUEUE_BOUND + 1)

    def test_temporaries_are_cleared(self):
        body, scratch, ranked = postwork.respond(postwork.make_requests(5, 1)[0])
        self.assertEqual(len(scratch), postwork.OFFERS)
        job = postwork.Job(3, scratch, ranked)
        postwork.postwork(job)
        self.assertEqual((len(scratch), len(ranked)), (0, 0))
        self.assertIsNotNone(job.done_at)

    def test_a_failed_job_does_not_stop_the_thread(self):
        service = postwork.make_deferred({"records": 2, "gap_ms": 1}, 5)
        try:
            service.jobs.put(postwork.Job(1, None, [{}]))  # a broken job: KeyError
            service.jobs.join()
            self.assertTrue(service.thread.is_alive())
            self.assertEqual(service.sink.lines, 1)  # the failure's own record
        finally:
            postwork.close_deferred(service)


class Helpers(unittest.TestCase):
    def job_done_at(self, when):
        job = postwork.Job(0, {}, [])
        job.done_at = when
        return job

    def test_late_share(self):
        # Requests due at 10, 12, 14, 16 (next due 12, 14, 16, 18).
        jobs = [self.job_done_at(t) for t in (11.0, 14.5, 16.0, None)]
        self.assertEqual(postwork.late_share(jobs, 10.0, 2.0), 0.5)  # the second and the never-done
        self.assertEqual(postwork.late_share(jobs[:1], 10.0, 2.0), 0.0)

    def test_wait_until_waits(self):
        start = time.perf_counter()
        postwork.wait_until(start + 0.02)
        self.assertGreaterEqual(time.perf_counter() - start, 0.02)
        before = time.perf_counter()
        postwork.wait_until(before - 1.0)  # already past: no wait
        self.assertLess(time.perf_counter() - before, 0.01)

    def test_replay_counts_from_the_due_time(self):
        service = postwork.make_input({"records": 0, "gap_ms": 5}, 1)
        service.requests = service.requests[:3]
        calls = []

        def slow(service, offers):
            time.sleep(0.012)  # longer than the gap: each request waits for the last
            calls.append(time.perf_counter())
            return b"x", self.job_done_at(time.perf_counter())
        try:
            gbmetrics.reset()
            answer = postwork.replay(service, slow, postwork.settle_nothing)
            metrics = gbmetrics.take(1)
        finally:
            postwork.close_input(service)
        self.assertEqual(answer, b"x\nx\nx\nlines=0")
        # Due at 0, 5, 10 ms; served at about 12, 24, 36: latencies about 12, 19, 26 ms.
        self.assertGreaterEqual(metrics["resp_p99_ms"], 24.0)
        self.assertGreaterEqual(metrics["resp_p50_ms"], 17.0)
        self.assertEqual(metrics["late_share"], 1.0)


if __name__ == "__main__":
    unittest.main()
