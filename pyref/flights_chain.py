"""flights_chain: one warm serverless invocation of the flight search, step
by step (talk 003).

flights.py is the handler (bytes in, bytes out).  This module is the
invocation around it, with the costs a real one has besides the handler:

- Reference data loaded at cold start and kept: `resident` GC-tracked
  objects (a fare-rule table: half dicts, half lists) that every full
  collection walks, unless gc.freeze() has hidden them.
- Supplier fetches: the offers arrive from SUPPLIERS suppliers, each
  answering after SUPPLIER_WAIT_S (a real wait: time.sleep, the GIL
  released) with its JSON list of offers, which is then parsed.
- Post-execution work: an audit log record per offer received and per
  offer the response names, written by the logging module to /dev/null,
  then the request's objects dropped (freed by reference counting).

The steps are cumulative, as in the talk:

  v0  stdlib json, Pydantic, default GC, suppliers one after another,
      post-work inline before the response goes out
  v1  + GC off during the invocation, one collection after the response
  v2  + TypedDicts and explicit checks (trusting the types the handler
      does not compute with)
  v3  + one fused pass (the cheap test first)
  v4  + precomputed fields (a record per matching offer)
  v5  + post-work on a background thread, after the response
  v6  + supplier fetches on threads
  v7  + orjson
  v8  + the C extension's pass

Beside the chain: v0 after gc.freeze() (flights_pydantic), v2 with every
check Pydantic makes, msgspec (flights_msgspec).

Every step returns the response's bytes; it reports gbmetrics
"response_ms", the time until those bytes are ready.  The call itself lasts
until the post-work and the collection are done: the process pays for
them, the client does not wait for them.
"""

import gc
import json
import logging
import os
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import orjson

import flights
import flights_data
import gbmetrics

SUPPLIERS = 4
SUPPLIER_WAIT_S = 0.010
LOG_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"

LOG = logging.getLogger("gluebench.flights")
LOG.setLevel(logging.INFO)
LOG.propagate = False


class Invocation:
    """What a warm process holds between requests: the request (the query
    and the suppliers' answers as bytes), the resident reference data, the
    log sink, and the threads some steps start on first use."""

    def __init__(self, body, query, payloads, resident, sink):
        self.body = body  # the whole request, for the handlers without the invocation
        self.query = query
        self.payloads = payloads
        self.resident = resident
        self.sink = sink
        self.pool = None
        self.jobs = None
        self.worker = None
        self.failures = []  # what background jobs raised, for the caller to raise


# ---- setup and teardown (untimed) ---------------------------------------------

def load_resident(count):
    """`count` GC-tracked objects: a table of count/2 fare rules, each a
    dict holding a list (a dict of atoms only would be untracked)."""
    return [{"rule": i, "carriers": [i & 15, i >> 4]} for i in range(count // 2)]


def open_sink():
    """A handler on LOG that formats every record in full into /dev/null."""
    sink = logging.StreamHandler(open(os.devnull, "w", encoding="utf-8"))
    sink.setFormatter(logging.Formatter(LOG_FORMAT))
    LOG.addHandler(sink)
    return sink


def split(body):
    """The request as (query bytes, one JSON list of offers per supplier),
    the offers dealt out in order so that joining them gives them back."""
    request = json.loads(body)
    offers = request["offers"]
    size = -(-len(offers) // SUPPLIERS)
    chunks = [offers[i * size:(i + 1) * size] for i in range(SUPPLIERS)]
    return (json.dumps(request["query"]).encode(),
            [json.dumps(chunk, separators=(",", ":")).encode() for chunk in chunks])


def make_input(params, seed):
    """The invocation for (n, resident): the cached request of flights_data
    split among the suppliers, and the resident data loaded."""
    body = flights_data.load(params["n"], seed)
    query, payloads = split(body)
    return Invocation(body, query, payloads, load_resident(params["resident"]), open_sink())


def close_input(inv):
    """Stops the threads a step started and detaches the log sink."""
    if inv.pool is not None:
        inv.pool.shutdown()
    if inv.worker is not None:
        inv.jobs.put(None)
        inv.worker.join()
    LOG.removeHandler(inv.sink)
    inv.sink.close()
    inv.sink.stream.close()


# ---- the parts of an invocation ---------------------------------------------------

def fetch(payload, parse):
    """One supplier: wait for its answer, then parse it."""
    time.sleep(SUPPLIER_WAIT_S)
    return parse(payload)


def fetch_all(inv, parse, threads):
    """Every supplier's offers, in supplier order: one after another, or
    all at once on a pool of threads (started on first use, kept warm)."""
    if not threads:
        return [fetch(payload, parse) for payload in inv.payloads]
    if inv.pool is None:
        inv.pool = ThreadPoolExecutor(max_workers=SUPPLIERS, thread_name_prefix="supplier")
    return list(inv.pool.map(fetch, inv.payloads, [parse] * len(inv.payloads)))


def post_work(answers, result):
    """After the response: an audit record per offer received and per offer
    the response names; then the request's objects are dropped here."""
    for supplier, offers in enumerate(answers):
        LOG.info("supplier %d answered with %d offers", supplier, len(offers))
        for index in range(len(offers)):
            LOG.info("supplier %d offer %d received", supplier, index)
    for rank, offer in enumerate(result["offers"], 1):
        LOG.info("ranked %d: %s at %d cents, score %d", rank, offer["id"],
                 offer["total_eur_cents"], offer["score"])
    for rejection in result["rejected"]:
        LOG.info("rejected %s: %s", rejection["id"], rejection["reason"])
    LOG.info("valid %d matched %d", result["valid"], result["matched"])
    answers.clear()


def run_jobs(jobs, failures):
    """The background thread: runs each job, then marks it done.  A job
    that raises is noted in `failures`, and the thread goes on: were it to
    die, the next invocation would wait for it for ever."""
    while True:
        job = jobs.get()
        if job is None:
            return
        try:
            job()
        except Exception as exc:  # noqa: BLE001 (raised again in the caller's thread)
            failures.append(exc)
        finally:
            jobs.task_done()


def in_background(inv, job):
    """Hands a job to the background thread (started on first use)."""
    if inv.worker is None:
        inv.jobs = queue.Queue()
        inv.worker = threading.Thread(target=run_jobs, args=(inv.jobs, inv.failures),
                                      name="post-work", daemon=True)
        inv.worker.start()
    inv.jobs.put(job)


def serve(inv, parse, process, dumps, gc_off=True, background=False, threads=False):
    """One invocation: fetch and parse the suppliers' offers, handle them,
    serialize the response (response_ms stops here once the post-work is
    out of the way), then the post-work and the collection.

    gc_off: the GC off for the whole invocation and one collection after
    it, the GC's state restored (as flights.without_gc).  background: the
    post-work runs on a thread after the response; the call waits for it
    before it returns, so that its cost stays in this call's time."""
    start = time.perf_counter()
    was_on = gc.isenabled()
    if gc_off:
        gc.disable()
    try:
        answers = fetch_all(inv, parse, threads)
        request = {"query": parse(inv.query), "offers": [o for offers in answers for o in offers]}
        result = process(request)
        body = dumps(result)
        del request  # the offers stay alive in `answers` until the post-work
        if not background:
            post_work(answers, result)
            del answers, result
        gbmetrics.add("response_ms", (time.perf_counter() - start) * 1000)
        if background:
            in_background(inv, lambda job=(answers, result): post_work(*job))
            del answers, result
            inv.jobs.join()
            if inv.failures:
                raise inv.failures.pop()
    finally:
        if gc_off and was_on:
            gc.enable()
    if gc_off and was_on:
        gc.collect()
    return body


def json_dumps(result):
    return flights.dumps(result)


# ---- the steps after Pydantic (v0 and v1 are in flights_pydantic) ------------------

def v2_typeddict(inv):
    """+ TypedDicts and explicit checks instead of Pydantic models."""
    return serve(inv, json.loads, flights.process_typed, json_dumps)


def v2_checked(inv):
    """v2 checking by hand every type and shape Pydantic checks (the fair
    comparison with v1): not a step of the chain."""
    return serve(inv, json.loads, flights.process_checked, json_dumps)


def v3_fused(inv):
    """+ one fused pass: every offer checked once, the cheap test before
    the price; the sort still derives each score again."""
    return serve(inv, json.loads, flights.process_fused, json_dumps)


def v4_precomputed(inv):
    """+ precomputed fields: a record per matching offer from what the pass
    already parsed; the sort and the response read it."""
    return serve(inv, json.loads, flights.process_precomputed, json_dumps)


def v5_background(inv):
    """+ post-work after the response, on a background thread."""
    return serve(inv, json.loads, flights.process_precomputed, json_dumps, background=True)


def v6_threads(inv):
    """+ supplier fetches on a pool of threads: the waits overlap."""
    return serve(inv, json.loads, flights.process_precomputed, json_dumps, background=True,
                 threads=True)


def v7_orjson(inv):
    """+ orjson for parsing and serializing."""
    return serve(inv, orjson.loads, flights.process_precomputed, orjson.dumps, background=True,
                 threads=True)


def v8_ext(inv):
    """+ the C extension's pass over the offers."""
    return serve(inv, orjson.loads, flights.process_ext, orjson.dumps, background=True,
                 threads=True)


def v7_frozen(inv):
    """v7 after gc.freeze() in setup: the collection after each response no
    longer walks the resident data."""
    return v7_orjson(inv)


def make_frozen_input(params, seed):
    """The invocation, after one warm-up call of v7, a collection and gc.freeze()."""
    inv = make_input(params, seed)
    v7_orjson(inv)
    gc.collect()
    gc.freeze()
    return inv


def handler_ext(inv):
    """The v8 handler alone on the whole request's bytes, as the C-only
    handlers get it: no suppliers, no post-work, GC as in v8."""
    return flights.v6_ext(inv.body)
