/* contexts.h: where a run measures: the machine's name (the `machine`
 * column) and the interpreters its Python variants run under (the
 * `python` column), shared by run, check and exercise. */
#ifndef GB_CONTEXTS_H
#define GB_CONTEXTS_H

#include "runner.h"

#include <stdio.h>

typedef struct gb_contexts {
    char machine[GB_MACHINE_LEN];
    gb_run_python pythons[GB_MAX_PYTHONS];
    int count;
} gb_contexts;

/* machine: `--machine` or NULL (the host's name); list: `--python`'s
 * comma-separated interpreters or NULL (the one the build was configured
 * with).  An interpreter that cannot be used is skipped with its reason on
 * msgs (NULL: silent); none usable is an error.  Returns 0 or -1 with err. */
int contexts_choose(const char *machine, const char *list, const gb_paths *paths, FILE *msgs,
                    gb_contexts *out, gb_error *err);

/* Whether c may stand in a machine's name (letters, digits, . _ -): the
 * name goes into CSV cells and chart file names. */
int contexts_name_char(char c);

/* Points cfg at out's machine and interpreters. */
void contexts_apply(const gb_contexts *c, gb_run_config *cfg);

#endif
