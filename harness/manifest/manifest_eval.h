/* manifest_eval.h: inside the manifest module (and its fuzz target) only.
 *
 * manifest_load() = read the file (capped) + manifest_isolated(), which
 * forks a child that runs manifest_eval() and hands the plain structs back
 * over a pipe (isolate.c).  The fuzz target calls manifest_eval() directly. */
#ifndef GB_MANIFEST_EVAL_H
#define GB_MANIFEST_EVAL_H

#include "manifest.h"

#include <stddef.h>

#define MANIFEST_MAX_BYTES (1 << 20) /* a manifest file bigger than this is refused unread */

typedef struct manifest_limits {
    size_t memory;   /* bytes the Lua state may hold */
    long budget;     /* instruction hook calls (x 1000 instructions) */
    double seconds;  /* soft time limit through SIGALRM; 0: none (the fuzzer owns SIGALRM) */
} manifest_limits;

extern const manifest_limits manifest_default_limits;

/* Runs source (the text of path) in this process and fills *out.  Returns
 * 0, or -1 with err naming the file (and the line when one applies); *out
 * then holds nothing to free. */
int manifest_eval(const char *path, const char *source, size_t len, const manifest_limits *lim,
                  gb_manifest *out, gb_error *err);

/* manifest_eval() in a forked child under a CPU, memory and wall-clock
 * limit; same contract. */
int manifest_isolated(const char *path, const char *source, size_t len, gb_manifest *out,
                      gb_error *err);

#endif
