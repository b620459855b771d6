"""Tests for the `postwork` scenario: every variant returns the same response,
and the post-work is done in full, inline or on the background thread."""

import json
import logging
import unittest

import postwork


class Counter(logging.Handler):
    """Counts the records that reach the logger, and which thread wrote them."""

    def __init__(self):
        super().__init__()
        self.count = 0
        self.threads = set()

    def emit(self, record):
        self.count += 1
        self.threads.add(record.threadName)


def counted(case):
    counter = Counter()
    postwork.LOG.addHandler(counter)
    case.addCleanup(postwork.LOG.removeHandler, counter)
    return counter


class Responses(unittest.TestCase):
    def test_variants_agree(self):
        for records in (0, 1, 25):
            request = postwork.make_input({"records": records}, 11)
            deferred = postwork.make_deferred({"records": records}, 11)
            try:
                expected = postwork.inline(request)
                for _ in range(3):
                    self.assertEqual(postwork.deferred_latency(deferred), expected)
                    self.assertEqual(postwork.deferred_total(deferred), expected)
            finally:
                postwork.close_input(request)
                postwork.close_deferred(deferred)

    def test_response_is_the_best_offers(self):
        request = postwork.make_input({"records": 0}, 3)
        try:
            body = json.loads(postwork.inline(request))["offers"]
        finally:
            postwork.close_input(request)
        self.assertEqual(len(body), postwork.TOP)
        scores = [(o["score"], o["id"]) for o in body]
        self.assertEqual(scores, sorted(scores))
        self.assertEqual(len({o["id"] for o in body}), postwork.TOP)

    def test_seed_changes_the_response(self):
        bodies = set()
        for seed in (1, 2):
            request = postwork.make_input({"records": 0}, seed)
            bodies.add(postwork.inline(request))
            postwork.close_input(request)
        self.assertEqual(len(bodies), 2)


class PostWork(unittest.TestCase):
    def test_inline_logs_before_returning(self):
        request = postwork.make_input({"records": 40}, 5)
        counter = counted(self)
        try:
            postwork.inline(request)
            self.assertEqual(counter.count, 40)
            self.assertEqual(counter.threads, {"MainThread"})
        finally:
            postwork.close_input(request)

    def test_background_thread_logs_everything(self):
        deferred = postwork.make_deferred({"records": 30}, 5)
        counter = counted(self)
        try:
            postwork.deferred_total(deferred)
            self.assertEqual(counter.count, 30)
            for _ in range(4):
                postwork.deferred_latency(deferred)
            deferred.jobs.join()
            self.assertEqual(counter.count, 150)
            self.assertEqual(counter.threads, {"postwork"})
        finally:
            postwork.close_deferred(deferred)
        self.assertFalse(deferred.thread.is_alive())

    def test_temporaries_are_cleared(self):
        request = postwork.make_input({"records": 3}, 5)
        try:
            body, scratch, ranked = postwork.respond(request)
            self.assertEqual(len(scratch), postwork.OFFERS)
            postwork.postwork(request.records, scratch, ranked)
            self.assertEqual((len(scratch), len(ranked)), (0, 0))
        finally:
            postwork.close_input(request)

    def test_a_failed_job_does_not_stop_the_thread(self):
        deferred = postwork.make_deferred({"records": 2}, 5)
        counter = counted(self)
        try:
            deferred.jobs.put((1, None, None))
            postwork.deferred_total(deferred)
            self.assertTrue(deferred.thread.is_alive())
            self.assertEqual(counter.count, 1 + 2)  # the failure's record, then the job's
        finally:
            postwork.close_deferred(deferred)


if __name__ == "__main__":
    unittest.main()
