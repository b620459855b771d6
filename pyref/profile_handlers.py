"""profile: three handlers, the same answer, slow for three different reasons.

Each handler turns an order (n lines of sku and quantity, one region) into
a receipt "<distinct skus> <total in cents with tax>", and all three are
written the same way: find the distinct skus, get their prices, get the
region's tax rate, sum the lines.  Each makes one different mistake:

  handle_algorithm   finds the distinct skus with a list: every `in` scans
                     it, so the work grows with n times the skus seen
                     (O(n^2), the skus grow with n)
  handle_call_count  looks the tax rate up again on every line: a cheap
                     pure call (about a microsecond) made n times with the
                     same argument, where once would do
  handle_io          asks a price service for the prices over a loopback
                     TCP socket: one round trip, spent waiting

The price service is a thread in the same process (started in setup,
stopped in teardown) that answers each request after SERVICE_LATENCY_S, as
a slow query would; it blocks the profiler's timer signals so that they
reach the handler's thread.  The other two handlers read the same prices
from a catalog in memory.

The constants (LINES_PER_SKU, the tax table, SERVICE_LATENCY_S) were set
so that the three take about the same time at n = 10,000 lines on the
machine the scenario was written on; what the scenario shows is how they
differ, not that time.  This module is named profile_handlers, not
profile, so that it does not hide the standard library's `profile`
module, which cProfile imports.
"""

import socket
import signal
import struct
import threading
import time

import gbinput

# Each sku appears about this often, so the distinct skus grow with n.
LINES_PER_SKU = 40
SERVICE_LATENCY_S = 0.008

# Regions and their tax in basis points, as a configuration file would list
# them: a later entry for a region overrides an earlier one.
TAX_TABLE = tuple(("R%02d" % (i % 24), 500 + 75 * i) for i in range(40))
REGIONS = tuple(sorted({name for name, _ in TAX_TABLE}))

HEADER = struct.Struct("=I")


class Order:
    """An order: parallel lists of skus and quantities, a region, the
    catalog (sku -> price in cents) and, for handle_io, a price service."""

    __slots__ = ("skus", "qtys", "region", "catalog", "service")

    def __init__(self, skus, qtys, region, catalog, service=None):
        self.skus = skus
        self.qtys = qtys
        self.region = region
        self.catalog = catalog
        self.service = service

    def __len__(self):
        return len(self.skus)


def price_of(sku):
    """The list price of a sku in cents (1.00 to 1000.00)."""
    return 100 + (sku * 2654435761 & 0xFFFFFFFF) % 99900


def make_order(n, seed):
    """n lines with skus drawn from n / LINES_PER_SKU skus, quantities 1-5."""
    rng = gbinput.Rng(seed)
    kinds = max(1, n // LINES_PER_SKU)
    skus = [rng.below(kinds) for _ in range(n)]
    qtys = [1 + rng.below(5) for _ in range(n)]
    region = REGIONS[rng.below(len(REGIONS))]
    catalog = {sku: price_of(sku) for sku in range(kinds)}
    return Order(skus, qtys, region, catalog)


def make_input(params, seed):
    """The order of params["n"] lines."""
    return make_order(params["n"], seed)


# The handlers' common parts --------------------------------------------------

def tax_rate(region):
    """The region's tax in basis points: the last entry for it in the table
    (later entries override), so the walk always reads the whole table.
    Cheap (about a microsecond), pure, the same answer for the same region."""
    rate = None
    for name, bp in TAX_TABLE:
        if name == region:
            rate = bp
    if rate is None:
        raise KeyError(region)
    return rate


def local_prices(catalog, skus):
    """The prices of skus from the catalog in memory."""
    return {sku: catalog[sku] for sku in skus}


def receipt(order, prices, bp):
    """The receipt for an order, given the prices and the tax rate: each
    line with tax, rounded down to the cent, summed."""
    total = 0
    for sku, qty in zip(order.skus, order.qtys):
        total += qty * prices[sku] * (10000 + bp) // 10000
    return "%d %d" % (len(prices), total)


# The three handlers ----------------------------------------------------------

def handle_algorithm(order):
    """Slow by algorithm: the distinct skus are kept in a list, so every
    membership test scans it (O(n) each, O(n^2) in all)."""
    distinct = []
    for sku in order.skus:
        if sku not in distinct:
            distinct.append(sku)
    prices = local_prices(order.catalog, distinct)
    bp = tax_rate(order.region)
    return receipt(order, prices, bp)


def handle_call_count(order):
    """Slow by call count: the tax rate is looked up again on every line,
    n calls with the same argument where one would do."""
    distinct = set()
    for sku in order.skus:
        if sku not in distinct:
            distinct.add(sku)
    prices = local_prices(order.catalog, distinct)
    total = 0
    for sku, qty in zip(order.skus, order.qtys):
        total += qty * prices[sku] * (10000 + tax_rate(order.region)) // 10000
    return "%d %d" % (len(prices), total)


def handle_io(order):
    """Slow by waiting: the prices come from a service over a socket, and
    the handler waits for the round trip."""
    distinct = set()
    for sku in order.skus:
        if sku not in distinct:
            distinct.add(sku)
    prices = order.service.prices(distinct)
    bp = tax_rate(order.region)
    return receipt(order, prices, bp)


def handle_reference(order):
    """The plain reference for the tests: a set, one lookup of the rate,
    the catalog in memory."""
    prices = local_prices(order.catalog, set(order.skus))
    return receipt(order, prices, tax_rate(order.region))


# The price service -------------------------------------------------------------

def recv_exactly(sock, size):
    """Exactly size bytes from sock, or b"" if the peer closed first."""
    data = sock.recv(size, socket.MSG_WAITALL)
    return data if len(data) == size else b""


class PriceService:
    """A loopback TCP price service on a thread, and one connection to it.

    Request: a count, then that many skus (uint32 each).  Reply, after
    SERVICE_LATENCY_S: the prices in the same order.  Closing the client
    ends the thread.
    """

    def __init__(self, latency=SERVICE_LATENCY_S):
        self.latency = latency
        listener = socket.create_server(("127.0.0.1", 0))
        self.thread = threading.Thread(target=self._serve, args=(listener,), daemon=True)
        self.thread.start()
        self.sock = socket.create_connection(listener.getsockname())
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _serve(self, listener):
        # The sampling profiler's signals must interrupt the handler's
        # thread, not this one, or its samples would arrive late.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGPROF})
        conn, _ = listener.accept()
        listener.close()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn:
            while True:
                head = recv_exactly(conn, HEADER.size)
                if not head:
                    return
                count = HEADER.unpack(head)[0]
                skus = struct.unpack("=%dI" % count, recv_exactly(conn, 4 * count))
                time.sleep(self.latency)
                conn.sendall(struct.pack("=%dI" % count, *map(price_of, skus)))

    def prices(self, skus):
        """{sku: price} for the skus, in one round trip."""
        skus = list(skus)
        self.sock.sendall(HEADER.pack(len(skus)) + struct.pack("=%dI" % len(skus), *skus))
        reply = recv_exactly(self.sock, 4 * len(skus))
        if len(reply) != 4 * len(skus):
            raise ConnectionError("the price service closed the connection")
        return dict(zip(skus, struct.unpack("=%dI" % len(skus), reply)))

    def close(self):
        """Ends the connection and waits for the thread.  Safe to call twice."""
        if self.sock is not None:
            self.sock.close()
            self.sock = None
            self.thread.join(5)
