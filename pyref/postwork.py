"""postwork: respond first, then log and clean up, inline or on a background thread.

A handler turns a request (2000 flight offers, already parsed) into a
response: it prices and scores every offer into a per-request scratch table,
ranks them, and serialises the best 50 as JSON bytes.  The response bytes
are every variant's answer.

Then comes the post-work: `records` log records, each formatted by the
logging module (timestamp, level, thread, message) and written to
/dev/null, and the cleanup of the request's temporary objects (the scratch
table and the ranking, some 2000 dicts to free).

The background thread and its queue are made in setup and stopped in
teardown, as a warm handler keeps them between requests.
"""

import json
import logging
import os
import queue
import threading
from operator import itemgetter

import gbinput

OFFERS = 2000
TOP = 50
CARRIERS = ("AF", "BA", "IB", "KL", "LH", "LO", "OS", "SK", "TP", "VY", "U2", "FR")
LOG_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"


# As in a real handler module: one module-level logger; setup attaches a sink.
LOG = logging.getLogger("gluebench.postwork")
LOG.setLevel(logging.INFO)
LOG.propagate = False


class Request:
    """One request's offers, the post-work size, and the log sink it opened."""

    def __init__(self, offers, records, sink):
        self.offers = offers
        self.records = records
        self.sink = sink


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


def open_sink():
    """A handler on LOG that formats every record in full and writes it to /dev/null."""
    sink = logging.StreamHandler(open(os.devnull, "w", encoding="utf-8"))
    sink.setFormatter(logging.Formatter(LOG_FORMAT))
    LOG.addHandler(sink)
    return sink


def make_input(params, seed):
    """The request: OFFERS offers from the seed, and `records` log records to write."""
    rng = gbinput.Rng(seed)
    offers = [make_offer(rng, i) for i in range(OFFERS)]
    return Request(offers, params["records"], open_sink())


def close_input(request):
    """Detaches the request's sink from LOG and closes its file."""
    LOG.removeHandler(request.sink)
    request.sink.close()
    request.sink.stream.close()


def respond(request):
    """The response work: score, rank, serialise.  Returns the body and the temporaries."""
    scratch = {}
    for offer in request.offers:
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


def postwork(records, scratch, ranked):
    """Log `records` lines about the ranked offers, then drop the temporaries."""
    for i in range(records if ranked else 0):
        offer = ranked[i % len(ranked)]
        LOG.info("rank=%d offer=%d carrier=%s total=%d score=%d",
                 i, offer["id"], offer["carrier"], offer["total"], offer["score"])
    ranked.clear()
    scratch.clear()


def inline(request):
    """Baseline: do the post-work before returning; the caller waits for it."""
    body, scratch, ranked = respond(request)
    postwork(request.records, scratch, ranked)
    return body


# --- a background thread ------------------------------------------------------

class Deferred:
    """A request plus a long-lived thread that runs queued post-work."""

    def __init__(self, request):
        self.request = request
        self.jobs = queue.Queue()
        self.thread = threading.Thread(target=self.drain, name="postwork", daemon=True)
        self.thread.start()

    def drain(self):
        while True:
            job = self.jobs.get()
            try:
                if job is None:
                    return
                postwork(*job)
            except Exception:  # a failed job must not stop the thread
                LOG.exception("post-work failed")
            finally:
                self.jobs.task_done()

    def close(self):
        self.jobs.put(None)
        self.thread.join()


def make_deferred(params, seed):
    """The request, with the background post-work thread started."""
    return Deferred(make_input(params, seed))


def close_deferred(deferred):
    """Drains the queue, stops the thread, closes the log sink."""
    deferred.close()
    close_input(deferred.request)


def respond_and_defer(deferred):
    request = deferred.request
    body, scratch, ranked = respond(request)
    deferred.jobs.put((request.records, scratch, ranked))
    return body


def deferred_latency(deferred):
    """Background thread: queue the post-work and return at once (the latency)."""
    return respond_and_defer(deferred)


def deferred_total(deferred):
    """Background thread, then wait until the queue drains (the total work)."""
    body = respond_and_defer(deferred)
    deferred.jobs.join()
    return body
