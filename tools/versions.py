"""Prints the versions a run depends on, as one JSON line (for meta.json)."""

import importlib.metadata
import json
import platform
import sqlite3

versions = {"python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "sqlite": sqlite3.sqlite_version}
for package in ("numpy", "pydantic", "orjson", "msgspec", "pyperf"):
    try:
        versions[package] = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        versions[package] = None
print(json.dumps(versions, sort_keys=True))
