"""Inputs and answer digests shared by every Python variant.

The generator is splitmix64, written bit for bit as in
kernels/common/gb_prng.h, so that a Python variant and a C variant given the
same seed compute on the same numbers.  Pure Python, so it is slow (about a
microsecond a number): inputs are made in setup, never inside a timed call.
"""

import os
import tempfile

MASK64 = (1 << 64) - 1
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


class Rng:
    """splitmix64; the same sequence as gb_rng in C for the same seed."""

    __slots__ = ("state",)

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        """Uniform integer in [0, n) for 0 < n < 2**32."""
        return ((self.next() >> 32) * n) >> 32

    def unit(self):
        """Uniform float in [0, 1) with 53 random bits."""
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)

    def grid(self, bits):
        """Uniform float in [0, 1) on a grid of 2**bits steps (see gb_prng.h)."""
        return (self.next() >> (64 - bits)) / float(1 << bits)


def fnv1a(data, h=FNV_OFFSET):
    """FNV-1a 64 over bytes, as gb_fnv1a in C."""
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & MASK64
    return h


def cache_dir():
    """Where files are kept between worker processes: $GLUEBENCH_CACHE_DIR
    (the harness sets it), else the temporary folder; the same folder as
    gb_cache_dir() in kernels/common/gb_cache.h."""
    return os.environ.get("GLUEBENCH_CACHE_DIR") or tempfile.gettempdir()


def kernel_library_path(scenario):
    """Path of the scenario's C kernel library, for ctypes variants."""
    name = "libgbk_%s.so" % scenario
    folders = os.environ.get("GLUEBENCH_KERNEL_DIR", ".").split(":")
    for folder in folders:
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise FileNotFoundError("%s is in none of GLUEBENCH_KERNEL_DIR: %s" % (name, folders))
