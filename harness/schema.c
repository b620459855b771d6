/* schema.c: the CSV schemas.  Writers add fields in exactly this order. */
#include "schema.h"

/* One row per timed sample. */
const char *const schema_samples[] = {
    "scenario", "variant", "kind", "point", "params", "round", "sample",
    "loops", "ns_total", "ns_per_call", "gc_collections", "gc_ns", 0,
};

/* One row per variant per point.  Timing columns are empty unless status is
 * "ok": a wrong or failed variant has no numbers to chart. */
const char *const schema_summary[] = {
    "scenario", "variant", "label", "kind", "style", "point", "params", "items",
    "status", "message", "rounds", "samples", "loops",
    "ns_per_call", "ns_per_call_lo", "ns_per_call_hi", "ns_per_item", "cv", "outliers",
    "speedup", "speedup_lo", "speedup_hi",
    "rss_kb", "idle_rss_kb", "gc_per_call", "gc_ns_per_call", "alloc_bytes", "answer", 0,
};

int schema_count(const char *const *schema)
{
    int n = 0;
    while (schema[n])
        n++;
    return n;
}
