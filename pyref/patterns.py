"""patterns: three ways to put compiled code under Python, on a desk's workload.

Every variant returns the same number: the sum of the Black-Scholes prices
of n European call options (spot, strike, rate, volatility, expiry drawn
from the seed exactly as kernels/patterns.c draws them).  What changes is
where the pricing runs and how often the work crosses a boundary:

  in Python          py_loop
  C extension        ext_item (per option), ext_chunks (per `batch` options),
                     ext_batch (once for the whole book), and the twins
                     ext_chunks_from_tuples, ext_batch_from_tuples, and
                     ext_tuples (the list handed to C, unboxed there)
  ctypes             ctypes_item, ctypes_chunks, ctypes_chunks_from_tuples
  pricing service    service_item, service_chunks, service_chunks_from_tuples:
                     a separate C process, gb-patterns-service, over a Unix
                     socket

The NumPy variant is in patterns_numpy.py, so that only its worker pays for
importing NumPy; the C-only variant is kernels/patterns.c.

The batched variants above get their columns from setup, untimed.  Each has
a twin named ..._from_tuples (NumPy has none yet) that gets the option tuples the per-option
variants get and builds the columns inside the timed call: what batching
buys end to end when the book starts as Python objects.
"""

import array
import ctypes
import math
import os
import shutil
import socket
import struct
import subprocess
import tempfile

import gbinput
from _gb_patterns import call_price as ext_call_price
from _gb_patterns import price_sum as ext_price_sum
from _gb_patterns import price_sum_tuples as ext_price_sum_tuples

SQRT1_2 = math.sqrt(0.5)


# The book -----------------------------------------------------------------

def make_options(n, seed):
    """n options as (spot, strike, rate, vol, expiry) tuples: five draws each,
    in field order, as gb_patterns_make_book draws them."""
    rng = gbinput.Rng(seed)
    options = []
    for _ in range(n):
        spot = 50.0 + 100.0 * rng.unit()
        strike = spot * (0.8 + 0.4 * rng.unit())
        rate = 0.05 * rng.unit()
        vol = 0.1 + 0.5 * rng.unit()
        expiry = 0.1 + 1.9 * rng.unit()
        options.append((spot, strike, rate, vol, expiry))
    return options


def to_columns(options):
    """The book as five array('d') columns: one C buffer per field."""
    fields = zip(*options) if options else [()] * 5
    return tuple(array.array("d", field) for field in fields)


def make_input(params, seed):
    """The book as a list of option tuples, for the per-option variants."""
    return make_options(params["n"], seed)


def make_columns(params, seed):
    """The book as five columns, for one batched call."""
    return to_columns(make_options(params["n"], seed))


def make_chunks(params, seed):
    """Column views and the batch size, for calls on `batch` options at a time.
    memoryview slices share the columns' memory: slicing copies nothing."""
    columns = make_columns(params, seed)
    return tuple(memoryview(c) for c in columns), len(columns[0]), params["batch"]


def make_tuples_batch(params, seed):
    """The option tuples and the batch size, for the twins that build their
    columns inside the timed call."""
    return make_input(params, seed), params["batch"]


def column_views(options):
    """The columns of the book, built from the tuples, as memoryviews."""
    return tuple(memoryview(c) for c in to_columns(options))


# Pure Python ----------------------------------------------------------------

def norm_cdf(x):
    """Standard normal CDF; erfc rather than 1 + erf keeps the far tail exact."""
    return 0.5 * math.erfc(-x * SQRT1_2)


def call_price(spot, strike, rate, vol, expiry):
    """Black-Scholes price of a European call."""
    vol_sqrt_t = vol * math.sqrt(expiry)
    d1 = (math.log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / vol_sqrt_t
    d2 = d1 - vol_sqrt_t
    return spot * norm_cdf(d1) - strike * math.exp(-rate * expiry) * norm_cdf(d2)


def py_loop(options):
    """Pure Python: a plain loop over the options, the math module for exp,
    log and erfc (each a C call, but every step between them interpreted)."""
    total = 0.0
    for spot, strike, rate, vol, expiry in options:
        total += call_price(spot, strike, rate, vol, expiry)
    return total


# Pattern 1: a C extension -----------------------------------------------------

def ext_item(options):
    """C extension called once per option (METH_FASTCALL, five floats):
    the pricing is C, but every option pays one crossing."""
    total = 0.0
    for spot, strike, rate, vol, expiry in options:
        total += ext_call_price(spot, strike, rate, vol, expiry)
    return total


def ext_chunks(inp):
    """C extension called once per `batch` options, on memoryview slices of
    the columns (buffer protocol, GIL released): one crossing per chunk."""
    (spots, strikes, rates, vols, expiries), n, batch = inp
    total = 0.0
    for lo in range(0, n, batch):
        hi = lo + batch
        total += ext_price_sum(spots[lo:hi], strikes[lo:hi], rates[lo:hi],
                               vols[lo:hi], expiries[lo:hi])
    return total


def ext_batch(columns):
    """C extension called once on the whole book: one crossing in all."""
    return ext_price_sum(*columns)


def ext_chunks_from_tuples(inp):
    """ext_chunks charged for its columns: the option tuples are copied into
    five array('d') columns inside the call, then one crossing per chunk."""
    options, batch = inp
    return ext_chunks((column_views(options), len(options), batch))


def ext_batch_from_tuples(options):
    """ext_batch charged for its columns: the tuples are copied into five
    array('d') columns inside the call, then one crossing in all."""
    return ext_price_sum(*to_columns(options))


def ext_tuples(options):
    """The batched call on the tuples themselves: one crossing, and the
    extension unboxes the five floats of each option in C into its own
    columns before the C loop (the copy ext_batch_from_tuples makes with
    zip and array('d'), done in C)."""
    return ext_price_sum_tuples(options)


# Pattern 2: ctypes on the kernel library --------------------------------------

def load_kernel():
    """The kernel library through ctypes, with its two prototypes declared."""
    lib = ctypes.CDLL(gbinput.kernel_library_path("patterns"))
    lib.gb_patterns_call_price.argtypes = [ctypes.c_double] * 5
    lib.gb_patterns_call_price.restype = ctypes.c_double
    lib.gb_patterns_price_sum.argtypes = [ctypes.c_void_p] * 5 + [ctypes.c_size_t]
    lib.gb_patterns_price_sum.restype = ctypes.c_double
    return lib


def make_ctypes_item(params, seed):
    """The kernel's per-option function and the option tuples."""
    return load_kernel().gb_patterns_call_price, make_input(params, seed)


def make_ctypes_chunks(params, seed):
    """The kernel's batched function, the columns' addresses and the batch
    size; the columns ride along so their memory outlives the addresses."""
    columns = make_columns(params, seed)
    addresses = tuple(c.buffer_info()[0] for c in columns)
    return (load_kernel().gb_patterns_price_sum, addresses, len(columns[0]),
            params["batch"], columns)


def make_ctypes_tuples(params, seed):
    """The kernel's batched function, the option tuples and the batch size."""
    return load_kernel().gb_patterns_price_sum, make_input(params, seed), params["batch"]


def ctypes_item(inp):
    """ctypes called once per option: a crossing plus marshalling of five
    floats on every call."""
    price, options = inp
    total = 0.0
    for spot, strike, rate, vol, expiry in options:
        total += price(spot, strike, rate, vol, expiry)
    return total


def ctypes_chunks(inp):
    """ctypes called once per `batch` options with raw addresses into the
    columns: pointer arithmetic in Python, the loop in C."""
    price_sum, (spots, strikes, rates, vols, expiries), n, batch, _ = inp
    step = 8 * batch
    total = 0.0
    offset = 0
    for lo in range(0, n, batch):
        total += price_sum(spots + offset, strikes + offset, rates + offset,
                           vols + offset, expiries + offset, min(batch, n - lo))
        offset += step
    return total


def ctypes_chunks_from_tuples(inp):
    """ctypes_chunks charged for its columns: the tuples are copied into
    five array('d') columns inside the call, then one ctypes call per chunk."""
    price_sum, options, batch = inp
    columns = to_columns(options)
    addresses = tuple(c.buffer_info()[0] for c in columns)
    return ctypes_chunks((price_sum, addresses, len(options), batch, columns))


# Pattern 3: an out-of-process pricing service ---------------------------------

HEADER = struct.Struct("=Q")        # request: option count, then 5*count doubles
ONE_OPTION = struct.Struct("=Q5d")  # a whole request for a single option
REPLY = struct.Struct("=d")         # reply: the sum of the request's prices


def service_path():
    """Where gb-patterns-service is: GLUEBENCH_BIN_DIR, else the bin folder
    beside the first folder of GLUEBENCH_KERNEL_DIR (both in the build tree)."""
    folder = os.environ.get("GLUEBENCH_BIN_DIR")
    if not folder:
        kernels = os.environ.get("GLUEBENCH_KERNEL_DIR", "").split(":")[0]
        folder = os.path.join(kernels, os.pardir, "bin")
    return os.path.join(folder, "gb-patterns-service")


class PricingService:
    """A running gb-patterns-service and one connection to it.

    The process gets a pipe on its standard input as a lifeline: closing it
    (or dying) stops the service, so a killed worker leaves no server behind.
    """

    def __init__(self):
        self.sock = None
        self.folder = tempfile.mkdtemp(prefix="gb-patterns-")
        address = os.path.join(self.folder, "pricing.sock")
        try:
            self.process = subprocess.Popen([service_path(), address],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        if self.process.stdout.readline() != b"ready\n":
            self.close()
            raise RuntimeError("gb-patterns-service did not start (%s)" % service_path())
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(address)

    def request(self, parts, size):
        """Sends a request made of buffers totalling `size` bytes (one
        sendmsg, no joining) and returns the reply's sum."""
        sent = self.sock.sendmsg(parts)
        if sent < size:
            self.sock.sendall(b"".join(parts)[sent:])
        return REPLY.unpack(self.sock.recv(REPLY.size, socket.MSG_WAITALL))[0]

    def close(self):
        """Closes the connection and the lifeline, then waits for the exit.
        Safe to call twice."""
        if self.sock is not None:
            self.sock.close()
        self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_service_item(params, seed):
    """A started service and the option tuples."""
    return PricingService(), make_input(params, seed)


def start_service_chunks(params, seed):
    """A started service, the column views and the batch size."""
    return (PricingService(),) + make_chunks(params, seed)


def start_service_tuples(params, seed):
    """A started service, the option tuples and the batch size."""
    return (PricingService(),) + make_tuples_batch(params, seed)


def stop_service(inp):
    """Teardown: stops the service that setup started."""
    inp[0].close()


def service_item(inp):
    """Out-of-process service called once per option: one request and one
    reply (a socket round trip, two context switches) per option."""
    service, options = inp
    sock = service.sock
    total = 0.0
    for option in options:
        sock.sendall(ONE_OPTION.pack(1, *option))
        total += REPLY.unpack(sock.recv(REPLY.size, socket.MSG_WAITALL))[0]
    return total


def service_chunks(inp):
    """Out-of-process service called once per `batch` options: the request
    is a header and the five column slices, sent without copying in Python."""
    service, (spots, strikes, rates, vols, expiries), n, batch = inp
    total = 0.0
    for lo in range(0, n, batch):
        hi = min(lo + batch, n)
        count = hi - lo
        parts = [HEADER.pack(count), spots[lo:hi], strikes[lo:hi], rates[lo:hi],
                 vols[lo:hi], expiries[lo:hi]]
        total += service.request(parts, HEADER.size + 40 * count)
    return total


def service_chunks_from_tuples(inp):
    """service_chunks charged for its columns: the tuples are copied into
    five array('d') columns inside the call, then one request per chunk."""
    service, options, batch = inp
    return service_chunks((service, column_views(options), len(options), batch))
