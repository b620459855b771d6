"""A test case with its own empty GLUEBENCH_CACHE_DIR, for the scenarios
that keep files there (SQLite databases, generated requests)."""

import os
import shutil
import tempfile
import unittest


class CacheDirTest(unittest.TestCase):
    """Each test gets its own empty cache directory, removed afterwards."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="gb-cache-")
        self.old = os.environ.get("GLUEBENCH_CACHE_DIR")
        os.environ["GLUEBENCH_CACHE_DIR"] = self.dir

    def tearDown(self):
        if self.old is None:
            del os.environ["GLUEBENCH_CACHE_DIR"]
        else:
            os.environ["GLUEBENCH_CACHE_DIR"] = self.old
        shutil.rmtree(self.dir)
