"""concurrency with orjson: the same server and burst as concurrency.py, parsed by orjson.

orjson is a faster parser than the stdlib json, but it builds Python
objects as it goes, so like json.loads it holds the GIL for the whole
document: on a thread it is faster, not more concurrent.
"""

import asyncio

import orjson

from concurrency import aggregate, serve


def handle(payload):
    """One request: parse the body with orjson, then aggregate."""
    return aggregate(orjson.loads(payload))


async def orjson_on_loop(server, payload):
    return handle(payload)


async def orjson_to_thread(server, payload):
    return await asyncio.to_thread(handle, payload)


def loop_orjson(server):
    """orjson on the event loop: the faster parser, no threads."""
    return serve(server, orjson_on_loop)


def to_thread_orjson(server):
    """asyncio.to_thread(orjson.loads ...): a faster parser that still holds the GIL."""
    return serve(server, orjson_to_thread)
