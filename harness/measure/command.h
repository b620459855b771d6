/* command.h: whole-process variants: a command started fresh for every
 * sample, timed from fork to reap (interpreter start, imports, the work,
 * exit), its answer the FNV-1a digest of everything it writes to stdout
 * (so it compares with a worker's bytes answer).
 *
 * Placeholders in the manifest's command: {python} (the worker
 * interpreter), {pyref} (the project's pyref/), {bin} (the build's bin/),
 * {seed}, and {NAME} for each parameter of the point. */
#ifndef GB_COMMAND_H
#define GB_COMMAND_H

#include "manifest.h"
#include "paths.h"

#include <stdint.h>

typedef struct gb_command {
    int argc;
    char *argv[GB_MAX_ARGS + 1];
    char buf[GB_MAX_ARGS][GB_PATH_LEN];
} gb_command;

typedef struct gb_command_result {
    int status;          /* a gb_status value */
    char message[256];
    double ns;           /* wall time, fork to reap */
    uint64_t digest;     /* of stdout */
    long maxrss_kb;
} gb_command_result;

/* Expands v's command for point and seed.  Returns 0, or -1 with err for an
 * unknown placeholder. */
int command_expand(const gb_variant *v, const gb_bindings *point, unsigned long long seed,
                   const gb_paths *paths, gb_command *out, gb_error *err);

/* Runs the command once, its address space capped at memory_mb (0: no
 * cap); stderr goes to log_fd.  Fills *out; the process
 * and its group are always reaped or killed. */
void command_run(const gb_command *cmd, double timeout_s, int log_fd, int memory_mb,
                 gb_command_result *out);

#endif
