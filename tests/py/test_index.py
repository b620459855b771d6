"""Differential tests of the index scenario: every variant's answer against
a plain sum over the generated sales (no SQLite), the query plans that say
each variant uses the index it claims, the rollback, and the sizes."""

import os
import sqlite3
import unittest

import gbinput
import gbmetrics
from gbcache import CacheDirTest
import index as ix

SEED = 5
MAKERS = {"scan": ix.make_scan, "indexed": ix.make_indexed, "covering": ix.make_covering}
ENTRIES = {"scan": ix.scan, "indexed": ix.indexed, "covering": ix.covering}


def expected_total(rows, inserts, lookups, seed):
    """The answer without a database: the generated sales, old and new."""
    rng, customers = gbinput.Rng(seed), ix.customers_for(rows)
    sales = [ix.sale(rng, customers) for _ in range(rows)]
    rng = gbinput.Rng(seed ^ ix.CALL_SALT)
    sales += [ix.sale(rng, customers) for _ in range(inserts)]
    asked = [rng.below(customers) for _ in range(lookups)]
    spent = {}
    for customer, amount, _ in sales:
        spent[customer] = spent.get(customer, 0) + amount
    return sum(spent.get(customer, 0) for customer in asked)


class Answers(CacheDirTest):
    def check(self, rows, inserts, lookups):
        params = {"rows": rows, "inserts": inserts, "lookups": lookups}
        want = expected_total(rows, inserts, lookups, SEED)
        for kind, make in MAKERS.items():
            day = make(params, SEED)
            with self.subTest(kind=kind, **params):
                self.assertEqual([ENTRIES[kind](day) for _ in range(3)], [want] * 3)
            ix.close_day(day)

    def test_small(self):
        self.check(3000, 200, 20)

    def test_no_inserts(self):
        self.check(3000, 0, 5)

    def test_one_row_one_customer(self):
        self.check(1, 3, 4)  # every lookup asks for customer 0, counted each time

    def test_more_inserts_than_rows(self):
        self.check(50, 2000, 7)

    def test_customer_without_sales_counts_zero(self):
        # 1000 rows over 10 customers leave none empty; ask one past the end.
        day = ix.make_indexed({"rows": 1000, "inserts": 0, "lookups": 1}, SEED)
        day.customers = [ix.customers_for(1000)]
        self.assertEqual(ix.indexed(day), 0)
        ix.close_day(day)

    def test_rollback_leaves_the_table(self):
        day = ix.make_covering({"rows": 500, "inserts": 100, "lookups": 2}, SEED)
        before = day.conn.execute("SELECT count(*), sum(amount_cents) FROM sales").fetchone()
        ix.covering(day)
        after = day.conn.execute("SELECT count(*), sum(amount_cents) FROM sales").fetchone()
        self.assertEqual(before, after)
        self.assertEqual(before[0], 500)
        ix.close_day(day)


class Plans(CacheDirTest):
    def test_each_variant_uses_its_index(self):
        want = {"scan": "SCAN sales", "indexed": "USING INDEX sales_by_customer",
                "covering": "USING COVERING INDEX sales_by_customer"}
        for kind, make in MAKERS.items():
            day = make({"rows": 2000, "inserts": 10, "lookups": 1}, SEED)
            plan = " ".join(row[-1] for row in day.conn.execute(
                "EXPLAIN QUERY PLAN " + ix.LOOKUP_SQL, (1,)))
            with self.subTest(kind=kind):
                self.assertIn(want[kind], plan)
                if kind == "indexed":
                    self.assertNotIn("COVERING", plan)
            ix.close_day(day)

    def test_build_leaves_no_temporary_file(self):
        ix.open_file(100, SEED, "indexed").close()
        self.assertEqual(os.listdir(self.dir), [os.path.basename(ix.db_path(100, SEED, "indexed"))])


class Sizes(CacheDirTest):
    def test_sizes_grow_with_the_index(self):
        params = {"rows": 20000, "inserts": 10, "lookups": 1}
        days = {kind: make(params, SEED) for kind, make in MAKERS.items()}
        self.assertEqual(days["scan"].index_kb, 0)
        self.assertGreater(days["indexed"].index_kb, 0)
        self.assertGreater(days["covering"].index_kb, days["indexed"].index_kb)
        for kind in ("indexed", "covering"):
            # The index is the only difference between the files.
            self.assertAlmostEqual(days[kind].db_kb - days["scan"].db_kb, days[kind].index_kb,
                                   delta=8)
        for day in days.values():
            ix.close_day(day)

    def test_fallback_without_dbstat_is_the_difference(self):
        conn = ix.open_file(20000, SEED, "indexed")
        by_dbstat = ix.index_bytes(conn, 20000, SEED, "indexed")

        class NoDbstat:  # a connection whose SQLite lacks the dbstat table
            def execute(self, sql, *args):
                if "dbstat" in sql:
                    raise sqlite3.OperationalError("no such table: dbstat")
                return conn.execute(sql, *args)
        by_difference = ix.index_bytes(NoDbstat(), 20000, SEED, "indexed")
        bare = ix.open_file(20000, SEED, "scan")
        self.assertEqual(by_difference, ix.db_bytes(conn) - ix.db_bytes(bare))
        self.assertAlmostEqual(by_difference, by_dbstat, delta=2 * 4096)
        conn.close()
        bare.close()

    def test_metrics_are_reported_per_call(self):
        day = ix.make_indexed({"rows": 2000, "inserts": 100, "lookups": 3}, SEED)
        gbmetrics.reset()
        ix.indexed(day)
        ix.indexed(day)
        m = gbmetrics.take(2)
        self.assertEqual(sorted(m), ["db_kb", "index_kb", "insert_ms", "lookup_ms"])
        self.assertEqual(m["index_kb"], day.index_kb)
        self.assertGreater(m["insert_ms"], 0)
        self.assertGreater(m["lookup_ms"], 0)
        ix.close_day(day)


if __name__ == "__main__":
    unittest.main()
