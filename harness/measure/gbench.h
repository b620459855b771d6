/* gbench.h: Google Benchmark behind one C call, for `gluebench crosscheck`.
 *
 * gbench.cc is the project's one C++ file and the only code that sees
 * <benchmark/benchmark.h>: it registers one benchmark around a C body,
 * runs it with a silent reporter that keeps the real time per iteration of
 * every repetition, and clears the registry again, so each call starts from
 * nothing.  Google Benchmark chooses the iteration count, keeps the clock
 * and repeats; the body runs the calls, so the machine code timed is the
 * same loop the C worker times. */
#ifndef GB_GBENCH_H
#define GB_GBENCH_H

#ifdef __cplusplus
extern "C" {
#endif

#include "error.h"

/* Makes `iterations` calls of the code under test. */
typedef void (*gbench_body)(void *ctx, long long iterations);

typedef struct gbench_options {
    double min_time_s;   /* each repetition runs at least this long */
    int repetitions;     /* the result is the median over them */
} gbench_options;

/* Times body(ctx, n) in this process with Google Benchmark (real time, n
 * chosen by the library) and stores the median over the repetitions of
 * the nanoseconds per iteration in *ns_per_call.  Returns 0, or -1 with
 * err (naming `name`) when the library reports an error or throws. */
int gbench_time(const char *name, gbench_body body, void *ctx, const gbench_options *opt,
                double *ns_per_call, gb_error *err);

#ifdef __cplusplus
}
#endif

#endif
