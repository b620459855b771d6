/* measures.c: the built-in measures (measures.h). */
#include "measures.h"

#include <string.h>

#define S(col) GB_SUMMARY_##col
#define P(col) GB_SAMPLES_##col
#define TIME_COLUMNS .column = S(NS_PER_CALL), .lo = S(NS_PER_CALL_LO), .hi = S(NS_PER_CALL_HI)
#define NONE .lo = -1, .hi = -1

static const gb_measure measures[] = {
    {"ns_per_call", "ns per call", "time per call", TIME_COLUMNS, .scale = 1, .divide = -1,
     .sample = P(NS_PER_CALL), .sample_per = -1, .time_like = 1},
    {"ns_per_item", "ns per item", "time per item", TIME_COLUMNS, .scale = 1, .per_item = 1,
     .divide = -1, .sample = P(NS_PER_CALL), .sample_per = -1, .time_like = 1},
    {"ms_per_call", "ms per call", "time per call", TIME_COLUMNS, .scale = 1e-6, .divide = -1,
     .sample = P(NS_PER_CALL), .sample_per = -1, .time_like = 1},
    {"speedup", "speedup over the baseline (x)", "speedup", .column = S(SPEEDUP),
     .lo = S(SPEEDUP_LO), .hi = S(SPEEDUP_HI), .scale = 1, .divide = -1, .sample = -1,
     .sample_per = -1},
    {"rss_mb", "peak RSS of the worker (MB)", "peak memory", .column = S(RSS_KB), NONE,
     .scale = 1.0 / 1024, .divide = -1, .sample = -1, .sample_per = -1, .time_like = 1},
    {"alloc_kb", "tracemalloc peak per call (KB)", "allocation peak", .column = S(ALLOC_BYTES),
     NONE, .scale = 1.0 / 1024, .divide = -1, .sample = -1, .sample_per = -1, .time_like = 1},
    {"gc_ms", "GC time per call (ms)", "GC time per call", .column = S(GC_NS_PER_CALL), NONE,
     .scale = 1e-6, .divide = -1, .sample = P(GC_NS), .sample_per = P(LOOPS), .time_like = 1},
    {"gc_max_ms", "longest GC pause (ms)", "longest GC pause", .column = S(GC_MAX_NS), NONE,
     .scale = 1e-6, .divide = -1, .sample = P(GC_MAX_NS), .sample_per = -1, .time_like = 1},
    {"cpu_ms", "CPU time per call (ms)", "CPU time per call", .column = S(CPU_NS_PER_CALL), NONE,
     .scale = 1e-6, .divide = -1, .sample = P(CPU_NS), .sample_per = P(LOOPS), .time_like = 1},
    {"cpu_share", "CPU time / wall time", "CPU share", .column = S(CPU_NS_PER_CALL), NONE,
     .scale = 1, .divide = S(NS_PER_CALL), .sample = P(CPU_NS), .sample_per = P(NS_TOTAL),
     .time_like = 0},
    {"instr_per_call", "instructions per call", "instructions per call",
     .column = S(INSTR_PER_CALL), .lo = S(INSTR_MIN), .hi = S(INSTR_MAX), .scale = 1,
     .divide = -1, .sample = -1, .sample_per = -1, .time_like = 1},
    {"instr_per_item", "instructions per item", "instructions per item",
     .column = S(INSTR_PER_CALL), .lo = S(INSTR_MIN), .hi = S(INSTR_MAX), .scale = 1,
     .per_item = 1, .divide = -1, .sample = -1, .sample_per = -1, .time_like = 1},
};

const gb_measure *measures_find(const char *name)
{
    for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++)
        if (strcmp(measures[i].name, name) == 0)
            return &measures[i];
    return 0;
}
