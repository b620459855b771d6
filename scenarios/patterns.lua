-- patterns: three ways to put compiled code under Python, on a pricing desk's work.
scenario {
  name = "patterns",
  title = "Three patterns for compiled code under Python: Black-Scholes on n options",
  talk = "000",
  question = "Extension module, foreign-function call or separate service: what does each pattern cost, and how big must a batch be?",
  about = [[
Each call prices n European call options with Black-Scholes and returns the
sum of the prices.  The same C kernel runs behind three patterns: a CPython
extension (per option with METH_FASTCALL, or on buffers of five columns with
the GIL released), ctypes on the kernel library, and a separate C pricing
service (gb-patterns-service) reached over a Unix socket, started in setup
and stopped in teardown.  Each pattern is called per option, on chunks of
`batch` options, or once for the whole book.  Per-option variants ignore
`batch` and draw flat lines; chunked ones fall from their per-option cost
toward the C-only floor as the fixed cost of a crossing is shared by more
options.  The fixed cost of one crossing is read from the batch = 1 bars:
a bar minus the C-only bar (the work of one option) is what one crossing
costs, arguments included; the chunked bars at batch = 1 add the slicing of
five columns.  Pricing one option in C takes tens of nanoseconds; in Python
about a microsecond, so an extension call per option still pays, a ctypes
call per option (five floats marshalled) does not, and a socket round trip
per option (tens of microseconds, two context switches) loses badly until
batches reach hundreds of options.  The service per option is measured at
batch = 1 only: its cost does not depend on `batch`, and it is the slowest
variant by far.  NumPy has no erf and SciPy is not installed, so its normal
CDF is Hart's rational approximation in West's double-precision form
(absolute error about 2e-16); the other variants use libm's erfc, which
Python's math.erfc calls.  Answers agree to about 1e-14 relative, inside
the default tolerance of 1e-9.  Batched variants get their columns from
setup, untimed; each ..._from_tuples twin builds them from the option
tuples (zip, array('d')) inside the timed call, and ext_tuples hands the
tuples to C to unbox: what batching costs when the book starts as Python
objects.  NumPy has no such twin yet.]],
  params = { "n", "batch" },
  items = "n",
  sweep = {
    smoke = { n = { 1000 }, batch = { 1, 1000 } },
    quick = { n = { 4096 }, batch = { 1, 16, 256, 4096 } },
    full  = { n = { 65536 }, batch = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536 } },
  },
  baseline = "py_loop",
  tolerance = 1e-9,
  variants = {
    variant { name = "py_loop", label = "pure Python (math)", kind = "python",
              entry = "patterns:py_loop", style = "python" },
    variant { name = "numpy", label = "NumPy, whole arrays", kind = "python",
              entry = "patterns_numpy:numpy_vectorised", setup = "patterns_numpy:make_input",
              style = "library" },
    variant { name = "ext_item", label = "extension per option", kind = "python",
              entry = "patterns:ext_item", style = "ext_item" },
    variant { name = "ext_chunks", label = "extension per batch", kind = "python",
              entry = "patterns:ext_chunks", setup = "patterns:make_chunks",
              style = "batched" },
    variant { name = "ext_chunks_from_tuples", label = "extension per batch, columns built in the call",
              kind = "python", entry = "patterns:ext_chunks_from_tuples",
              setup = "patterns:make_tuples_batch", style = "other" },
    variant { name = "ext_batch", label = "extension, whole book", kind = "python",
              entry = "patterns:ext_batch", setup = "patterns:make_columns",
              style = "ext_batch" },
    variant { name = "ext_batch_from_tuples", label = "extension, whole book, columns built in the call",
              kind = "python", entry = "patterns:ext_batch_from_tuples", style = "cached" },
    variant { name = "ext_tuples", label = "extension, whole book, tuples unboxed in C",
              kind = "python", entry = "patterns:ext_tuples", style = "ctypes" },
    variant { name = "ctypes_item", label = "ctypes per option", kind = "python",
              entry = "patterns:ctypes_item", setup = "patterns:make_ctypes_item",
              style = "ctypes" },
    variant { name = "ctypes_chunks", label = "ctypes per batch", kind = "python",
              entry = "patterns:ctypes_chunks", setup = "patterns:make_ctypes_chunks",
              style = "other" },
    variant { name = "ctypes_chunks_from_tuples", label = "ctypes per batch, columns built in the call",
              kind = "python", entry = "patterns:ctypes_chunks_from_tuples",
              setup = "patterns:make_ctypes_tuples", style = "step" },
    variant { name = "service_item", label = "service per option", kind = "python",
              entry = "patterns:service_item", setup = "patterns:start_service_item",
              teardown = "patterns:stop_service", style = "step",
              limit = { batch = 1 } },
    variant { name = "service_chunks", label = "service per batch", kind = "python",
              entry = "patterns:service_chunks", setup = "patterns:start_service_chunks",
              teardown = "patterns:stop_service", style = "service" },
    variant { name = "service_chunks_from_tuples", label = "service per batch, columns built in the call",
              kind = "python", entry = "patterns:service_chunks_from_tuples",
              setup = "patterns:start_service_tuples", teardown = "patterns:stop_service",
              style = "builtin" },
    variant { name = "c_only", label = "C only", kind = "c",
              entry = "patterns:price_sum", style = "c" },
  },
  charts = {
    chart { id = "ns_per_option", type = "lines", x = "batch", y = "ns_per_item",
            logx = true, logy = true,
            title = "Black-Scholes: time per option against options per crossing" },
    chart { id = "crossing", type = "bars", y = "ns_per_item", at = { batch = 1 },
            title = "One crossing per option (batch = 1): minus the C-only bar, the cost of a crossing" },
    chart { id = "speedup", type = "bars", y = "speedup", at = "last",
            title = "Speedup over pure Python at the largest batch" },
    chart { id = "end_to_end", type = "bars", y = "ns_per_item", at = "last", logy = true,
            variants = { "py_loop", "ext_chunks", "ext_chunks_from_tuples", "ext_batch",
                         "ext_batch_from_tuples", "ext_tuples",
                         "ctypes_chunks", "ctypes_chunks_from_tuples",
                         "service_chunks", "service_chunks_from_tuples", "c_only" },
            title = "Batched calls with and without building the columns from the tuples, at the largest batch" },
  },
  findings = {
    finding { variant = "ext_item", than = "py_loop", expect = "faster", at = "last",
              why = "An extension call per option already pays: the work moved to C (about a microsecond of Python) outweighs a crossing of about a hundred nanoseconds." },
    finding { variant = "ctypes_item", than = "py_loop", expect = "slower", at = "last",
              why = "ctypes per option marshals five floats on every call: as slow as the Python it replaces, or slower." },
    finding { variant = "service_item", than = "py_loop", expect = "slower", at_least = 10, at = { batch = 1 },
              why = "A socket round trip per option costs tens of microseconds: far more than pricing the option in Python." },
    finding { variant = "service_chunks", than = "py_loop", expect = "faster", at = "last",
              why = "Batched, the service's round trip is shared by the whole book and the pricing runs at C speed." },
    finding { variant = "ext_batch", than = "py_loop", expect = "faster", at_least = 5, at = "last",
              why = "The whole book in one extension call, columns built in setup: the loop and the pricing in C." },
    finding { variant = "ext_batch_from_tuples", than = "py_loop", expect = "faster", at_least = 2, at = "last",
              why = "End to end, columns built from the tuples in the call: pricing an option in Python costs far more than unboxing its five floats, so the batch still pays." },
    finding { variant = "ext_batch_from_tuples", than = "ext_batch", expect = "slower", at = "last",
              why = "The copy from tuples into columns is not free: it is charged here and hidden from ext_batch." },
    finding { variant = "ext_tuples", than = "ext_batch_from_tuples", expect = "faster", at = "last",
              why = "Unboxing the tuples in C skips zip's tuples and array('d')'s per-item parsing." },
    finding { variant = "service_chunks_from_tuples", than = "py_loop", expect = "faster", at = "last",
              why = "The service batched end to end: the copy into columns plus one round trip still beat pricing in Python." },
    finding { variant = "ext_batch", than = "numpy", expect = "faster", at = "last",
              why = "NumPy makes dozens of passes over the arrays, one per operation, with a temporary each; the kernel makes one." },
    finding { variant = "c_only", than = "ext_batch", expect = "same", at = "last",
              why = "What is left of the boundary once the call is batched: next to nothing." },
  },
}
