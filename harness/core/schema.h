/* schema.h: the run folder's contract: every file of a run folder and
 * every column of its CSVs, in one place.  Writers add fields in exactly
 * the order of these lists; readers resolve the columns once, when they
 * open a folder (rundir/rundir.h), and refer to them by these ids, so a
 * misspelt column is a compile error and a missing one a clear message.
 * The README's "Output" section documents each file and column. */
#ifndef GB_SCHEMA_H
#define GB_SCHEMA_H

#include <stddef.h>

/* The files of a run folder. */
#define GB_RUN_FILES(X)                                                                            \
    X(SAMPLES_CSV, "samples.csv")                                                                  \
    X(SUMMARY_CSV, "summary.csv")                                                                  \
    X(METRICS_CSV, "metrics.csv")                                                                  \
    X(CODE_CSV, "code.csv")                                                                        \
    X(META_JSON, "meta.json")                                                                      \
    X(WORKERS_LOG, "workers.log")                                                                  \
    X(MANIFESTS, "manifests")                                                                      \
    X(CHARTS, "charts")                                                                            \
    X(CHART_INDEX, "charts/index.json")                                                            \
    X(SUMMARY_MD, "summary.md")                                                                    \
    X(FINDINGS_JSON, "findings.json")                                                              \
    X(RESULTS_JSON, "results.json")                                                                \
    X(RESULTS_MD, "results.md")                                                                    \
    X(REPORT_HTML, "report.html")                                                                  \
    X(ARGS_TXT, "args.txt")                                                                        \
    X(PREDICTION, "prediction.txt")

/* Every row of samples.csv, summary.csv and metrics.csv ends with its
 * context: the machine it ran on and the interpreter its Python variants
 * ran under (`run --python`, `merge`).  A folder of one context has one
 * value in each; older folders without the two columns read as one
 * context with empty names (schema_optional). */

/* The context columns that end every row of the three CSVs. */
#define GB_CONTEXT_COLUMNS(X) X(MACHINE, "machine") X(PYTHON, "python")

/* One row per timed sample. */
#define GB_SAMPLES_COLUMNS(X)                                                                      \
    X(SCENARIO, "scenario") X(VARIANT, "variant") X(KIND, "kind") X(POINT, "point")                \
    X(PARAMS, "params") X(ROUND, "round") X(SAMPLE, "sample") X(LOOPS, "loops")                    \
    X(NS_TOTAL, "ns_total") X(NS_PER_CALL, "ns_per_call") X(GC_COLLECTIONS, "gc_collections")      \
    X(GC_NS, "gc_ns") X(CPU_NS, "cpu_ns") X(GC_MAX_NS, "gc_max_ns") X(METRICS, "metrics")      \
    GB_CONTEXT_COLUMNS(X)

/* One row per variant per point.  Timing columns are empty unless status is
 * "ok": a wrong or failed variant has no numbers to chart. */
#define GB_SUMMARY_COLUMNS(X)                                                                      \
    X(SCENARIO, "scenario") X(VARIANT, "variant") X(LABEL, "label") X(KIND, "kind")                \
    X(STYLE, "style") X(POINT, "point") X(PARAMS, "params") X(ITEMS, "items")                      \
    X(STATUS, "status") X(MESSAGE, "message") X(ROUNDS, "rounds") X(SAMPLES, "samples")            \
    X(LOOPS, "loops") X(NS_PER_CALL, "ns_per_call") X(NS_PER_CALL_LO, "ns_per_call_lo")            \
    X(NS_PER_CALL_HI, "ns_per_call_hi") X(NS_PER_ITEM, "ns_per_item") X(CV, "cv")                  \
    X(OUTLIERS, "outliers") X(PROCESS_SHARE, "process_share") X(TARGET_MET, "target_met")          \
    X(SPEEDUP, "speedup") X(SPEEDUP_LO, "speedup_lo") X(SPEEDUP_HI, "speedup_hi")                  \
    X(RSS_KB, "rss_kb") X(IDLE_RSS_KB, "idle_rss_kb") X(GC_PER_CALL, "gc_per_call")                \
    X(GC_NS_PER_CALL, "gc_ns_per_call") X(GC_MAX_NS, "gc_max_ns")                                  \
    X(CPU_NS_PER_CALL, "cpu_ns_per_call") X(ALLOC_BYTES, "alloc_bytes")                            \
    X(INSTR_PER_CALL, "instr_per_call") X(INSTR_MIN, "instr_per_call_min")                         \
    X(INSTR_MAX, "instr_per_call_max") X(ANSWER, "answer") GB_CONTEXT_COLUMNS(X)

/* One row per named metric per variant per point (the manifest's metric{}). */
#define GB_METRICS_COLUMNS(X)                                                                      \
    X(SCENARIO, "scenario") X(VARIANT, "variant") X(POINT, "point") X(PARAMS, "params")            \
    X(METRIC, "metric") X(VALUE, "value") X(LO, "lo") X(HI, "hi") X(SAMPLES, "samples")          \
    GB_CONTEXT_COLUMNS(X)

/* One row per variant: what it costs in code (cli/census.h), counted from
 * the sources when the run started. */
#define GB_CODE_COLUMNS(X)                                                                         \
    X(SCENARIO, "scenario") X(VARIANT, "variant") X(PYTHON_LINES, "python_lines")                 \
    X(C_LINES, "c_lines") X(ADDED_LINES, "added_lines") X(DEPENDENCIES, "dependencies")           \
    X(BUILD, "build")

#define GB_RUN_FILE_ID(id, name) GB_FILE_##id,
#define GB_SAMPLES_ID(id, name) GB_SAMPLES_##id,
#define GB_SUMMARY_ID(id, name) GB_SUMMARY_##id,
#define GB_METRICS_ID(id, name) GB_METRICS_##id,
#define GB_CODE_ID(id, name) GB_CODE_##id,

typedef enum { GB_RUN_FILES(GB_RUN_FILE_ID) GB_FILE_COUNT } gb_run_file;
typedef enum { GB_SAMPLES_COLUMNS(GB_SAMPLES_ID) GB_SAMPLES_COUNT } gb_samples_column;
typedef enum { GB_SUMMARY_COLUMNS(GB_SUMMARY_ID) GB_SUMMARY_COUNT } gb_summary_column;
typedef enum { GB_METRICS_COLUMNS(GB_METRICS_ID) GB_METRICS_COUNT } gb_metrics_column;
typedef enum { GB_CODE_COLUMNS(GB_CODE_ID) GB_CODE_COUNT } gb_code_column;

/* NULL-terminated column names, in schema order. */
extern const char *const schema_samples[];
extern const char *const schema_summary[];
extern const char *const schema_metrics[];
extern const char *const schema_code[];

/* Whether a reader may find `column` absent: the context columns, which
 * folders of older versions lack. */
int schema_optional(const char *column);

/* Number of columns in a NULL-terminated schema. */
int schema_count(const char *const *schema);

/* The name of a run folder's file ("summary.csv", "charts", ...). */
const char *schema_file_name(gb_run_file file);

/* DIR/<file> into out.  Returns 0, or -1 when it does not fit. */
int schema_path(char *out, size_t cap, const char *dir, gb_run_file file);

#endif
