"""concurrency: an asyncio server with K CPU-heavy requests and a stream of trivial ones.

Talk 003 says "threads over asyncio: CPU-bound parsing belongs off the event
loop".  What that buys is not speed but responsiveness: while the loop
parses, nothing else it serves can run.  So every variant here is the same
warm asyncio server (built in setup, kept between calls) and one timed call
is one burst:

* K heavy requests arrive at once, each a 230 KB JSON body of 1000 flight
  offers to parse and reduce to one integer (price plus seats times flight
  minutes, summed over the offers);
* a client process (forked in setup, so the server's GIL cannot delay it)
  sends a trivial request every millisecond over a socket and measures each
  response's latency from the moment it was due to be sent;
* a ticker on the loop sleeps 1 ms at a time and records how late it woke
  (the loop's lag).

The call returns when the K heavy requests are done and every trivial
request sent meanwhile is answered; its time is the burst's makespan.  The
answer is the K totals in order, the same in every variant.  The variants
differ only in where the heavy request's parse runs and with which parser,
so that the parser's effect (stdlib json, orjson, a C parser that releases
the GIL) and the threading's effect can be read apart.  The orjson variants
are in concurrency_orjson.py.

Metrics per call (gbmetrics): lag_max_ms (largest ticker lag in the sample),
lag_p50_ms, lag_p99_ms and trivial_p99_ms (nearest-rank percentiles within
the call, averaged over the calls), trivial_max_ms (largest in the sample).  A short
burst has few ticks: below 100 of them the p99 is the call's maximum.
"""

import asyncio
import collections
import contextlib
import json
import multiprocessing
import os
import selectors
import shutil
import socket
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import gbinput
import gbmetrics
from latency import lateness, percentile
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
    """Plain reference (the tests' oracle): the payloads one after another, no server."""
    return answer_of([handle(p) for p in payloads])


# --- the loop's lag: a ticker -------------------------------------------------

TICK_S = 0.001


class Ticker:
    """A task that sleeps TICK_S at a time and notes when each sleep was due to end."""

    def __init__(self):
        self.due = []
        self.woke = []

    async def run(self):
        while True:
            self.due.append(time.perf_counter() + TICK_S)
            await asyncio.sleep(TICK_S)
            self.woke.append(time.perf_counter())

    def lags(self):
        """Seconds late of every sleep that ended (a cancelled one did not)."""
        return lateness(self.due[:len(self.woke)], self.woke)


# --- the trivial requests: a client process over a socket pair ---------------

TRIVIAL_GAP_S = 0.001
# The client gives up on a missing response after this long (a broken server).
CLIENT_PATIENCE_S = 10.0


class LineReader:
    """The client's side of the socket: complete lines, in order, kept until taken."""

    def __init__(self, sock):
        self.sock = sock
        self.rest = b""
        self.lines = collections.deque()

    def fill(self):
        """Reads once (blocking); raises EOFError when the server has closed."""
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("server closed the socket")
        *lines, self.rest = (self.rest + data).split(b"\n")
        self.lines.extend(lines)


def client_burst(reader, sel):
    """One burst: sends request i at start + i * gap until told to stop, then
    waits for the outstanding responses.  Returns each response's latency
    in microseconds, counted from when its request was due.  Request 0 goes
    at once, so even a burst that ends before the client wakes has one."""
    start = time.perf_counter()
    latency = {}
    sent = 0
    deadline = None
    while deadline is None or len(latency) < sent:
        now = time.perf_counter()
        if deadline is None and now >= start + sent * TRIVIAL_GAP_S:
            reader.sock.sendall(b"q%d\n" % sent)
            sent += 1
            continue
        if reader.lines:
            line = reader.lines.popleft()
            if line == b"S":
                deadline = now + CLIENT_PATIENCE_S
            elif line.startswith(b"r"):
                i = int(line[1:])
                latency[i] = round((now - (start + i * TRIVIAL_GAP_S)) * 1e6)
            continue
        if deadline is not None and now > deadline:
            raise TimeoutError("%d of %d trivial responses missing" % (sent - len(latency), sent))
        wait = (deadline if deadline is not None else start + sent * TRIVIAL_GAP_S) - now
        if sel.select(max(0.0, wait)):
            reader.fill()
    return [latency[i] for i in range(sent)]


def client_main(sock, server_end):
    """The client process: waits for 'G', runs a burst, reports, until EOF."""
    server_end.close()  # forked with both ends; the server's must close here for EOF
    sel = selectors.DefaultSelector()
    sel.register(sock, selectors.EVENT_READ)
    reader = LineReader(sock)
    try:
        while True:
            while not reader.lines:
                reader.fill()
            if reader.lines.popleft() == b"G":
                report = client_burst(reader, sel)
                sock.sendall(b"L" + b",".join(b"%d" % us for us in report) + b"\n")
    except EOFError:
        pass
    finally:
        sock.close()


class TrivialServer(asyncio.Protocol):
    """The server side of the trivial stream: answers 'q<i>' with 'r<i>' at
    once (a health check's worth of work) and hands the client's latency
    report to whoever awaits it."""

    def __init__(self):
        self.transport = None
        self.pending = b""
        self.report = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        *lines, self.pending = (self.pending + data).split(b"\n")
        for line in lines:
            if line.startswith(b"q"):
                self.transport.write(b"r" + line[1:] + b"\n")
            elif line.startswith(b"L") and self.report is not None:
                self.report.set_result([int(us) for us in line[1:].split(b",") if us])

    def start(self):
        self.report = asyncio.get_running_loop().create_future()
        self.transport.write(b"G\n")

    async def stop(self):
        """Ends the stream; returns the latencies of its requests in ms."""
        self.transport.write(b"S\n")
        report = await asyncio.wait_for(self.report, CLIENT_PATIENCE_S + 5.0)
        self.report = None
        return [us / 1000.0 for us in report]


# --- the warm server ------------------------------------------------------------

class Server:
    """What a warm server keeps between calls: the payloads, its event loop,
    the client process and its socket, and optionally an executor and a
    folder the request bodies are read from."""

    def __init__(self, payloads, executor=None, folder=None):
        self.payloads = payloads
        self.executor = executor
        self.folder = folder
        self.paths = []
        if folder is not None:
            for i, body in enumerate(payloads):
                path = os.path.join(folder, "body%d.json" % i)
                with open(path, "wb") as f:
                    f.write(body)
                self.paths.append(path)
        ours, theirs = socket.socketpair()
        self.client = multiprocessing.get_context("fork").Process(
            target=client_main, args=(theirs, ours), daemon=True)
        self.client.start()
        theirs.close()
        self.loop = asyncio.new_event_loop()
        _, self.stream = self.loop.run_until_complete(
            self.loop.create_connection(TrivialServer, sock=ours))

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True)
        self.loop.run_until_complete(self.loop.shutdown_default_executor())
        self.stream.transport.close()
        self.loop.run_until_complete(asyncio.sleep(0))  # lets the transport close
        self.loop.close()
        self.client.join(5.0)
        if self.client.is_alive():
            self.client.kill()
            self.client.join()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def record(lags_ms, trivial_ms):
    """The call's responsiveness metrics."""
    gbmetrics.peak("lag_max_ms", max(lags_ms, default=0.0))
    gbmetrics.add("lag_p50_ms", percentile(lags_ms, 50) if lags_ms else 0.0)
    gbmetrics.add("lag_p99_ms", percentile(lags_ms, 99) if lags_ms else 0.0)
    gbmetrics.peak("trivial_max_ms", max(trivial_ms))
    gbmetrics.add("trivial_p99_ms", percentile(trivial_ms, 99))


async def burst(server, handle_one, inputs):
    """One burst: the ticker and the trivial stream run while the K heavy
    requests are handled by handle_one (a coroutine function)."""
    ticker = Ticker()
    ticking = asyncio.create_task(ticker.run())
    server.stream.start()
    totals = await asyncio.gather(*(handle_one(server, x) for x in inputs))
    ticking.cancel()  # not awaited to its next tick, which would pad the makespan
    with contextlib.suppress(asyncio.CancelledError):
        await ticking
    trivial_ms = await server.stream.stop()
    record([s * 1000.0 for s in ticker.lags()], trivial_ms)
    return answer_of(totals)


def serve(server, handle_one, inputs=None):
    return server.loop.run_until_complete(
        burst(server, handle_one, server.payloads if inputs is None else inputs))


def pool_size(params):
    return max(1, min(params["K"], cores()))


def make_server(params, seed):
    """The warm server with the default executor only."""
    return Server(make_input(params, seed))


def make_io_pool(params, seed):
    """The server, a thread pool of min(K, cores) threads, and the bodies in files."""
    return Server(make_input(params, seed), ThreadPoolExecutor(max_workers=pool_size(params)),
                  tempfile.mkdtemp(prefix="gb-concurrency-"))


def make_process_pool(params, seed):
    """The server and a pool of min(K, cores) forked processes, started here."""
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(max_workers=pool_size(params), mp_context=context)
    list(executor.map(abs, range(pool_size(params))))  # the first jobs fork every worker
    return Server(make_input(params, seed), executor)


def close_server(server):
    server.close()


# --- the variants: where the heavy request's parse runs -----------------------

async def json_on_loop(server, payload):
    return handle(payload)


async def json_to_thread(server, payload):
    return await asyncio.to_thread(handle, payload)


def read_and_handle(path):
    with open(path, "rb") as f:
        return handle(f.read())


async def json_io_pool(server, path):
    return await server.loop.run_in_executor(server.executor, read_and_handle, path)


async def json_process_pool(server, payload):
    return await server.loop.run_in_executor(server.executor, handle, payload)


async def c_on_loop(server, payload):
    return c_aggregate(payload)


async def c_to_thread(server, payload):
    return await asyncio.to_thread(c_aggregate, payload)


def loop_json(server):
    """Baseline: the stdlib json parse runs on the event loop; nothing else runs meanwhile."""
    return serve(server, json_on_loop)


def to_thread_json(server):
    """asyncio.to_thread(json.loads ...): the parse moves to the default
    executor's threads, but json.loads holds the GIL for the whole document."""
    return serve(server, json_to_thread)


def io_pool_json(server):
    """A thread pool of min(K, cores) threads that reads each body from a file
    (blocking I/O, GIL released) and parses it with json.loads."""
    return serve(server, json_io_pool, server.paths)


def process_pool(server):
    """A warm process pool: each body is pickled to a worker process, parsed
    there on its own GIL, and the total pickled back."""
    return serve(server, json_process_pool)


def loop_c(server):
    """The C parser on the event loop: the parser's effect alone, no threads."""
    return serve(server, c_on_loop)


def to_thread_c(server):
    """asyncio.to_thread with the C parser, which releases the GIL while it parses."""
    return serve(server, c_to_thread)
