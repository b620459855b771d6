"""postwork: respond first, then log and clean up, inline or on a background thread.

Talk 003's "background thread pattern": do the cleanup and logging after
the handler has answered, to improve perceived latency.  Whether that pays
depends on what happens between requests, so one timed call is an open-loop
replay: REQUESTS requests arrive every `gap_ms` milliseconds (the handler
sleeps until the next one is due; if it is behind, the request waits), and
each request's latency is counted from when it was due until its handler
returns.  A small gap overloads the handler; a large one leaves it idle.

A request is 2000 flight offers (distinct per request); the response prices
and scores them into a per-request scratch table, ranks them and serialises
the best 50 as JSON bytes.  The post-work writes `records` log records
through the logging module (formatted in full, to /dev/null) and frees the
temporaries.

After the last request the call waits for the next arrival slot (start +
REQUESTS * gap), then lets any deferred work finish, so every variant writes
every log line before it returns.  The answer is the responses' bytes plus
the count of log lines written in the call: the same in every variant, and
a variant that drops a line is wrong.

Metrics per call (gbmetrics): resp_p50_ms and resp_p99_ms (nearest rank over
the call's REQUESTS requests: with 10, the p99 is the maximum), late_share
(the share of requests whose log lines were not all written when the next
request arrived), unwritten_share (the share of the call's log lines not
yet written when the last response left: what a runtime that freezes or
reclaims the process then would delay or lose), and queue_max (the deepest
the post-work queue got).
"""

import json
import logging
import os
import queue
import threading
import time
from operator import itemgetter

import gbinput
import gbmetrics
from latency import percentile

OFFERS = 2000
TOP = 50
REQUESTS = 10
QUEUE_BOUND = 4
CARRIERS = ("AF", "BA", "IB", "KL", "LH", "LO", "OS", "SK", "TP", "VY", "U2", "FR")
LOG_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"


# As in a real handler module: one module-level logger; setup attaches a sink.
LOG = logging.getLogger("gluebench.postwork")
LOG.setLevel(logging.INFO)
LOG.propagate = False


class CountingSink(logging.StreamHandler):
    """A handler that writes every record in full and counts the lines written.

    Handler.handle() holds the handler's lock around emit(), so the count is
    safe with the handler thread and the background thread both logging."""

    def __init__(self, stream):
        super().__init__(stream)
        self.lines = 0

    def emit(self, record):
        super().emit(record)
        self.lines += 1


class Job:
    """One request's post-work, and when it finished (perf_counter seconds)."""

    __slots__ = ("records", "scratch", "ranked", "done_at")

    def __init__(self, records, scratch, ranked):
        self.records = records
        self.scratch = scratch
        self.ranked = ranked
        self.done_at = None


class Service:
    """A warm handler: the requests it will be sent, its log sink, and the
    timing of the replay (`gap_ms` between arrivals)."""

    def __init__(self, requests, records, gap_ms):
        self.requests = requests
        self.records = records
        self.gap_s = gap_ms / 1000.0
        self.sink = CountingSink(open(os.devnull, "w", encoding="utf-8"))
        self.sink.setFormatter(logging.Formatter(LOG_FORMAT))
        LOG.addHandler(self.sink)

    def close(self):
        LOG.removeHandler(self.sink)
        self.sink.close()
        self.sink.stream.close()


def make_offer(rng, ident):
    bits = rng.next()
    return {
        "id": ident,
        "carrier": CARRIERS[(bits & 0xFF) % len(CARRIERS)],
        "price": 2000 + ((bits >> 8) & 0x3FFFF),
        "stops": (bits >> 26) & 3,
        "minutes": 45 + ((bits >> 28) & 0x3FF),
        "seats": (bits >> 38) & 15,
    }


def make_requests(seed, count=REQUESTS):
    """`count` requests of OFFERS offers each, all from one seed."""
    rng = gbinput.Rng(seed)
    return [[make_offer(rng, i) for i in range(OFFERS)] for _ in range(count)]


def make_input(params, seed):
    """The inline handler: requests, `records` log records each, `gap_ms` apart."""
    return Service(make_requests(seed), params["records"], params["gap_ms"])


def close_input(service):
    """Detaches the sink from LOG and closes its file."""
    service.close()


def respond(offers):
    """The response work: score, rank, serialise.  Returns the body and the temporaries."""
    scratch = {}
    for offer in offers:
        fees = 1500 + 900 * offer["stops"]
        total = offer["price"] + fees
        scratch[offer["id"]] = {
            "id": offer["id"],
            "carrier": offer["carrier"],
            "total": total,
            "score": total + 3 * offer["minutes"] - 40 * min(offer["seats"], 9),
        }
    ranked = sorted(scratch.values(), key=itemgetter("score", "id"))
    body = json.dumps({"offers": ranked[:TOP]}, separators=(",", ":")).encode()
    return body, scratch, ranked


def postwork(job, gate=None):
    """Log `records` lines about the ranked offers, then drop the temporaries.

    gate, when given, is called before each line and may block: it is how
    the frozen-runtime model stops this work between invocations."""
    ranked = job.ranked
    for i in range(job.records if ranked else 0):
        if gate is not None:
            gate()
        offer = ranked[i % len(ranked)]
        LOG.info("rank=%d offer=%d carrier=%s total=%d score=%d",
                 i, offer["id"], offer["carrier"], offer["total"], offer["score"])
    ranked.clear()
    job.scratch.clear()
    job.done_at = time.perf_counter()


# --- the open-loop replay -------------------------------------------------------

def wait_until(due):
    """Sleeps until perf_counter() reaches due (a real wait, not a spin)."""
    delay = due - time.perf_counter()
    if delay > 0:
        time.sleep(delay)


def late_share(jobs, start, gap):
    """Share of jobs not done when the next request was due (job i's next is
    due at start + (i + 1) * gap); a job never done counts as late."""
    late = sum(1 for i, job in enumerate(jobs)
               if job.done_at is None or job.done_at > start + (i + 1) * gap)
    return late / len(jobs)


def replay(service, handle, settle):
    """Sends the requests at their arrival times to handle(service, offers),
    which returns (body, job); then waits for the next slot and calls
    settle(service) to finish deferred work.  Records the metrics and
    returns the answer."""
    gap = service.gap_s
    lines_before = service.sink.lines
    start = time.perf_counter()
    bodies, latencies, jobs = [], [], []
    for i, offers in enumerate(service.requests):
        due = start + i * gap
        wait_until(due)
        body, job = handle(service, offers)
        latencies.append((time.perf_counter() - due) * 1000.0)
        bodies.append(body)
        jobs.append(job)
    expected = len(jobs) * service.records
    unwritten = expected - (service.sink.lines - lines_before)
    wait_until(start + len(jobs) * gap)
    settle(service)
    written = service.sink.lines - lines_before
    gbmetrics.add("resp_p50_ms", percentile(latencies, 50))
    gbmetrics.add("resp_p99_ms", percentile(latencies, 99))
    gbmetrics.add("late_share", late_share(jobs, start, gap))
    gbmetrics.add("unwritten_share", unwritten / expected if expected else 0.0)
    return b"\n".join(bodies) + b"\nlines=%d" % written


def handle_inline(service, offers):
    body, scratch, ranked = respond(offers)
    job = Job(service.records, scratch, ranked)
    postwork(job)
    gbmetrics.peak("queue_max", 0)
    return body, job


def settle_nothing(service):
    pass


def inline(service):
    """Baseline: do the post-work before returning; the caller waits for it."""
    return replay(service, handle_inline, settle_nothing)


# --- a background thread ------------------------------------------------------

class Deferred(Service):
    """The service plus a long-lived thread that runs queued post-work.

    frozen=True models a runtime that freezes the process once the response
    is sent (as AWS Lambda does between invocations): the thread may run
    only while an invocation is in progress, so it stops at the next log
    line after each response and goes on when the next request arrives."""

    def __init__(self, requests, records, gap_ms, bound, frozen):
        super().__init__(requests, records, gap_ms)
        self.jobs = queue.Queue(maxsize=bound)
        self.thawed = threading.Event()
        if not frozen:
            self.thawed.set()
        self.frozen = frozen
        self.thread = threading.Thread(target=self.drain, name="postwork", daemon=True)
        self.thread.start()

    def drain(self):
        while True:
            job = self.jobs.get()
            try:
                if job is None:
                    return
                postwork(job, self.thawed.wait if self.frozen else None)
            except Exception:  # a failed job must not stop the thread
                LOG.exception("post-work failed")
            finally:
                self.jobs.task_done()

    def close(self):
        self.thawed.set()
        self.jobs.put(None)
        self.thread.join()
        super().close()


def make_deferred(params, seed):
    """A background thread with a queue of at most QUEUE_BOUND jobs."""
    return Deferred(make_requests(seed), params["records"], params["gap_ms"], QUEUE_BOUND, False)


def make_unbounded(params, seed):
    """A background thread with an unbounded queue."""
    return Deferred(make_requests(seed), params["records"], params["gap_ms"], 0, False)


def make_frozen(params, seed):
    """A bounded queue, in a runtime that freezes the process after each response."""
    return Deferred(make_requests(seed), params["records"], params["gap_ms"], QUEUE_BOUND, True)


def close_deferred(deferred):
    """Lets the queue drain, stops the thread, closes the log sink."""
    deferred.close()


def handle_deferred(deferred, offers):
    deferred.thawed.set()  # the invocation starts: the runtime thaws the process
    body, scratch, ranked = respond(offers)
    job = Job(deferred.records, scratch, ranked)
    deferred.jobs.put(job)  # blocks while a bounded queue is full
    gbmetrics.peak("queue_max", deferred.jobs.qsize())
    if deferred.frozen:
        deferred.thawed.clear()  # the response is sent: the runtime freezes it
    return body, job


def settle_deferred(deferred):
    """The next invocation: thaw, and wait until the queue is empty."""
    deferred.thawed.set()
    deferred.jobs.join()
    if deferred.frozen:
        deferred.thawed.clear()


def deferred(service):
    """Background thread, bounded queue: respond, queue the post-work, return."""
    return replay(service, handle_deferred, settle_deferred)


def deferred_unbounded(service):
    """Background thread, unbounded queue: a burst never blocks the handler."""
    return replay(service, handle_deferred, settle_deferred)


def deferred_frozen(service):
    """Background thread in a freezing runtime: the post-work runs only
    while a later invocation runs, competing with it for the GIL."""
    return replay(service, handle_deferred, settle_deferred)
