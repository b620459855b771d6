"""The C side of gb_kernel.h through ctypes, once for every differential
test that drives a C-only variant in-process (the layout must follow
kernels/common/gb_kernel.h)."""

import ctypes
import unittest

import gbinput

MAX_PARAMS = 8


class GbParams(ctypes.Structure):
    _fields_ = [("count", ctypes.c_int), ("names", (ctypes.c_char * 32) * MAX_PARAMS),
                ("values", ctypes.c_int64 * MAX_PARAMS)]


ANSWER_DIGEST, ANSWER_FLOAT, ANSWER_INT = 0, 1, 2


class GbAnswer(ctypes.Structure):
    _fields_ = [("bits", ctypes.c_uint64), ("kind", ctypes.c_int)]


def answer_bits(answer):
    """The answer as the harness compares it: an int as the digest of its
    decimal text (what the Python worker sends for an int), else its bits."""
    if answer.kind == ANSWER_INT:
        value = ctypes.c_int64(answer.bits).value
        return gbinput.fnv1a(str(value).encode())
    return answer.bits


class GbCVariant(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p),
                ("setup", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.POINTER(GbParams),
                                           ctypes.c_uint64, ctypes.c_char_p)),
                ("run", ctypes.CFUNCTYPE(GbAnswer, ctypes.c_void_p)),
                ("teardown", ctypes.CFUNCTYPE(None, ctypes.c_void_p))]


def load(scenario):
    """The scenario's kernel library with gb_kernel_variants typed; the
    test is skipped when no folder of GLUEBENCH_KERNEL_DIR has it."""
    try:
        lib = ctypes.CDLL(gbinput.kernel_library_path(scenario))
    except FileNotFoundError as missing:
        raise unittest.SkipTest(str(missing))
    lib.gb_kernel_variants.restype = ctypes.POINTER(GbCVariant)
    return lib


def variant(lib, name):
    table = lib.gb_kernel_variants()
    i = 0
    while table[i].name is not None:
        if table[i].name.decode() == name:
            return table[i]
        i += 1
    raise AssertionError("no C variant %s" % name)


def params_of(params):
    p = GbParams()
    for i, (key, value) in enumerate(params.items()):
        p.names[i].value = key.encode()
        p.values[i] = value
    p.count = len(params)
    return p


def run_c_variant(lib, name, params, seed, times=2):
    """Setup, `times` runs (cold and warm, for caches) and teardown; the
    answers' digests (or float bits)."""
    v = variant(lib, name)
    p = params_of(params)
    err = ctypes.create_string_buffer(256)
    inp = v.setup(ctypes.byref(p), seed, err)
    if not inp:
        raise AssertionError("setup failed: %s" % err.value.decode())
    try:
        return [answer_bits(v.run(inp)) for _ in range(times)]
    finally:
        v.teardown(inp)
