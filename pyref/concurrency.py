"""concurrency: K CPU-bound requests at once, and what the GIL lets run in parallel.

Each payload is one request body: a JSON document of about 1000 flight
offers (some 230 KB).  Handling it means parsing the document and reducing
its offers to one integer (price plus seats times flight minutes, summed).
Every variant handles the same K payloads and returns their K totals, in
order, as one string, so a variant that loses or reorders a result fails
the answer check.

Pools and event loops are built in setup (untimed) and shut down in
teardown: a long-lived handler keeps them between requests.  A pool has
min(K, cores) workers.  What is timed is handing the K payloads out and
collecting the results; for the process pool that includes pickling every
payload's bytes through a pipe to the worker process.
"""

import asyncio
import json
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import gbinput
from _gb_concurrency import aggregate as c_aggregate

OFFERS_PER_PAYLOAD = 1000
# 16 letters, so a code letter is 4 random bits and needs no modulo.
LETTERS = "ABCDEFGHJKLMNPRS"


def cores():
    """CPUs this process may run on."""
    return len(os.sched_getaffinity(0))


def code(bits, letters):
    """An airport or carrier code: `letters` letters, 4 bits each, low first."""
    return "".join(LETTERS[(bits >> (4 * i)) & 15] for i in range(letters))


# Every code by its bits, so that making an offer is a table look-up.
CARRIERS = [code(bits, 2) for bits in range(1 << 8)]
AIRPORTS = [code(bits, 3) for bits in range(1 << 12)]


def make_offer(rng, ident):
    """One flight offer with 1 to 4 segments; 1 + segments random draws."""
    a = rng.next()
    segments = []
    for _ in range(1 + (a & 3)):
        b = rng.next()
        segments.append({
            "from": AIRPORTS[b & 0xFFF],
            "to": AIRPORTS[(b >> 12) & 0xFFF],
            "dep": (b >> 24) & 0x7FF,
            "dur": 30 + ((b >> 35) & 0x3FF),
            "flight": (b >> 45) & 0x1FFF,
        })
    return {
        "id": ident,
        "carrier": CARRIERS[(a >> 2) & 0xFF],
        "price": 1000 + ((a >> 10) & 0x3FFFF),
        "seats": (a >> 28) & 15,
        "refundable": bool((a >> 32) & 1),
        "segments": segments,
    }


def make_document(rng, offers=OFFERS_PER_PAYLOAD):
    """One request body: compact JSON bytes, as kernels/concurrency.c writes them."""
    doc = {"currency": "EUR", "offers": [make_offer(rng, i) for i in range(offers)]}
    return json.dumps(doc, separators=(",", ":")).encode()


def make_input(params, seed):
    """The K request bodies, each a distinct document, all from one seed."""
    rng = gbinput.Rng(seed)
    return [make_document(rng) for _ in range(params["K"])]


def aggregate(doc):
    """Sum over the offers of price + seats * total flight minutes."""
    total = 0
    for offer in doc["offers"]:
        minutes = 0
        for segment in offer["segments"]:
            minutes += segment["dur"]
        total += offer["price"] + offer["seats"] * minutes
    return total


def handle(payload):
    """One request: parse the body with the stdlib json, then aggregate."""
    return aggregate(json.loads(payload))


def answer_of(totals):
    return " ".join(str(t) for t in totals)


def sequential(payloads):
    """Baseline: handle the payloads one after another in this thread."""
    return answer_of([handle(p) for p in payloads])


# --- asyncio -----------------------------------------------------------------

class Looped:
    """The payloads plus an event loop kept from setup to teardown."""

    def __init__(self, payloads):
        self.payloads = payloads
        self.loop = asyncio.new_event_loop()

    def close(self):
        self.loop.close()


def make_loop(params, seed):
    return Looped(make_input(params, seed))


def close_loop(inp):
    inp.close()


async def handle_async(payload):
    # Nothing to await: parsing is CPU work, so the coroutine runs to the
    # end in one go and the event loop cannot interleave anything.
    return handle(payload)


async def gather_all(payloads):
    return await asyncio.gather(*(handle_async(p) for p in payloads))


def asyncio_gather(inp):
    """asyncio: one task per payload under asyncio.gather, on one thread."""
    return answer_of(inp.loop.run_until_complete(gather_all(inp.payloads)))


# --- pools -------------------------------------------------------------------

class Pooled:
    """The payloads plus an executor kept from setup to teardown."""

    def __init__(self, payloads, executor):
        self.payloads = payloads
        self.executor = executor

    def close(self):
        self.executor.shutdown(wait=True)


def pool_size(params):
    return max(1, min(params["K"], cores()))


def make_threads(params, seed):
    """A ThreadPoolExecutor of min(K, cores) threads, started in setup."""
    size = pool_size(params)
    executor = ThreadPoolExecutor(max_workers=size)
    # The pool starts a thread only when no thread is idle: jobs that wait
    # for each other at a barrier keep every thread busy, so all start now.
    barrier = threading.Barrier(size)
    list(executor.map(lambda _: barrier.wait(), range(size)))
    return Pooled(make_input(params, seed), executor)


def make_processes(params, seed):
    """A ProcessPoolExecutor of min(K, cores) forked workers, started in setup.

    fork starts the workers fast and with this module already loaded; the
    payloads still travel to them pickled, on every call.
    """
    size = pool_size(params)
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(max_workers=size, mp_context=context)
    list(executor.map(abs, range(size)))  # the first job forks every worker
    return Pooled(make_input(params, seed), executor)


def close_pool(inp):
    inp.close()


def threads(inp):
    """Threads: a thread pool maps handle() over the payloads; one GIL for all."""
    return answer_of(inp.executor.map(handle, inp.payloads))


def processes(inp):
    """Processes: a process pool; each payload is pickled to a worker process."""
    return answer_of(inp.executor.map(handle, inp.payloads))


# --- a C kernel that releases the GIL ----------------------------------------

def c_sequential(payloads):
    """A C parser (no Python objects built), called per payload in this thread."""
    return answer_of([c_aggregate(p) for p in payloads])


def c_threads(inp):
    """Threads calling the C parser, which releases the GIL while it parses."""
    return answer_of(inp.executor.map(c_aggregate, inp.payloads))
