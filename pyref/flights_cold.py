"""flights_cold: one request in a fresh process, for cold-start timing.

    python flights_cold.py VARIANT N SEED > response.json

imports only what VARIANT needs (v0 and v1 import Pydantic; later steps do
not), reads the cached request for (N, SEED), handles it once and writes
the response bytes to stdout: the whole life of a serverless invocation
that starts cold.  The request file is made on first use (flights_data),
which takes seconds: run once before timing.
"""

import importlib
import sys

import flights_data

VARIANTS = {
    "v0_baseline": "flights_pydantic:v0_baseline",
    "v1_gc_off": "flights_pydantic:v1_gc_off",
    "v2_typeddict": "flights:v2_typeddict",
    "v3_fused": "flights:v3_fused",
    "v4_precomputed": "flights:v4_precomputed",
    "v5_orjson": "flights:v5_orjson",
    "v6_ext": "flights:v6_ext",
    "msgspec": "flights_msgspec:msgspec_structs",
}


def main(argv):
    if len(argv) != 4 or argv[1] not in VARIANTS:
        sys.stderr.write("usage: flights_cold.py {%s} N SEED\n" % ",".join(VARIANTS))
        return 2
    module_name, _, function = VARIANTS[argv[1]].partition(":")
    handler = getattr(importlib.import_module(module_name), function)
    body = flights_data.load(int(argv[2]), int(argv[3]))
    sys.stdout.buffer.write(handler(body))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
