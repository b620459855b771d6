/* paths.h: where the harness finds its workers, scripts and libraries, and
 * the environment it hands to every worker.
 *
 * Defaults come from the build (the source and build folders and the
 * .venv interpreter CMake was configured with); GLUEBENCH_* environment
 * variables override them.  A scenarios folder other than the project's
 * (the tests' fixtures) brings its sibling pyref/ folder along. */
#ifndef GB_PATHS_H
#define GB_PATHS_H

#include "error.h"

#include <limits.h>

#define GB_PATH_LEN 1024

typedef struct gb_paths {
    char source_dir[GB_PATH_LEN];
    char scenarios_dir[GB_PATH_LEN];
    char python[GB_PATH_LEN];
    char python_worker[GB_PATH_LEN];
    char c_worker[GB_PATH_LEN];
    char pythonpath[GB_PATH_LEN * 3];
    char kernel_dirs[GB_PATH_LEN * 2];   /* colon-separated */
    char ext_dir[GB_PATH_LEN];
    char bin_dir[GB_PATH_LEN];
    char plots_dir[GB_PATH_LEN];
    char cache_dir[GB_PATH_LEN];
} gb_paths;

/* Fills p; scenarios_dir may be NULL for the project's own.  Returns 0 or
 * -1 with err when a required file is missing. */
int paths_init(gb_paths *p, const char *scenarios_dir, gb_error *err);

/* Puts dir first on the workers' PYTHONPATH (`--pyref`: a module there
 * shadows one of the same name in the scenarios' pyref/, e.g. a solution). */
void paths_prepend_pyref(gb_paths *p, const char *dir);

/* Switches the Python workers to interpreter `python`, whose extension
 * modules are in ext_dir (`run --python`): the interpreter, the
 * extensions folder and its place at the end of PYTHONPATH change. */
void paths_use_python(gb_paths *p, const char *python, const char *ext_dir);

/* Exports GLUEBENCH_* and PYTHONPATH so every worker inherits them. */
void paths_export(const gb_paths *p);

#endif
