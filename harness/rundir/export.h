/* export.h: a run folder's summary in other formats, beside its CSVs, as
 * hyperfine exports its results: one file per format (export_json.c,
 * export_md.c), each reading only the gb_rundir (the CSVs), never the
 * harness's memory. */
#ifndef GB_EXPORT_H
#define GB_EXPORT_H

#include "decisions.h"
#include "findings.h"
#include "rundir.h"

/* Writes path: {"results": [...]}, one object per summary row of every
 * context with each
 * column typed (numbers as numbers, empty cells as null, text as strings),
 * "parameters": {name: value} from params, and "samples_ns": the row's
 * ns_per_call samples from samples.csv, all rounds in file order.  Returns 0,
 * or -1 with err when path cannot be written (a partial file may remain). */
int export_json(const gb_judged_context *cs, int contexts, const char *path, gb_error *err);

/* Writes path: per context (a "# context" heading when there are
 * several), one Markdown table per scenario (a "## scenario" heading,
 * then one row per variant per point: median ns/call with its interval,
 * ns/item, CV, speedup over the baseline, status).  Returns 0, or -1 with
 * err when path cannot be written. */
int export_markdown(const gb_judged_context *cs, int contexts, const char *path, gb_error *err);

/* Writes path: findings.json, every judged finding of the run with its
 * scenario, ratio, interval, claim and verdict (README, "findings.json"):
 * "scenarios" holds the first context's, "contexts" every context's.
 * Returns 0, or -1 with err. */
int export_findings(const gb_rundir *rd, const gb_judged_context *cs, const gb_decision_opts *o,
                    const char *path, gb_error *err);

/* Writes one pyperf JSON suite per scenario into folder (export_tools.c);
 * *files gets how many.  Returns 0, or -1 with err. */
int export_pyperf(const gb_rundir *rd, const char *folder, int *files, gb_error *err);

/* Writes path in Google Benchmark's JSON format (export_tools.c). */
int export_gbench(const gb_rundir *rd, const char *path, gb_error *err);

/* Writes path: report.html (report_html.c).  Returns 0, or -1 with err. */
int export_html(const gb_rundir *rd, const gb_judged_context *cs, const gb_decision_opts *o,
                const char *path, gb_error *err);

#endif
