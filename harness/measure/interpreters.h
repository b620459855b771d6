/* interpreters.h: CPython interpreters as a resource a run prepares.
 *
 * Python variants may run under several interpreters; each needs the
 * project's extension modules (_gb_*) built for its ABI.  This module
 * probes an interpreter (a small -c program, no shell), says whether it
 * can be used, and builds the modules for it with the extensions-only
 * configuration (GB_EXTENSIONS_ONLY in CMakeLists.txt) into a folder of
 * its own, <build>/python/<name>/ext.  The interpreter the harness runs by
 * default (paths->python) is already served by paths->ext_dir.
 *
 * Two interpreters with the same sys.base_prefix, version and ABI flags
 * are one interpreter (a venv and its base): they share one build. */
#ifndef GB_INTERPRETERS_H
#define GB_INTERPRETERS_H

#include "error.h"
#include "paths.h"

#define GB_INTERP_MIN_MAJOR 3
#define GB_INTERP_MIN_MINOR 11

/* What the probe learnt, before any check. */
typedef struct gb_interp_probe {
    char implementation[32];       /* platform.python_implementation(): "CPython" */
    char version[32];              /* "3.12.1" */
    char abiflags[8];              /* "" or "t" (free-threaded), "d" (debug) */
    char executable[GB_PATH_LEN];  /* sys.executable (a pyenv shim resolves to the
                                      real one; a venv keeps its own path) */
    char base_prefix[GB_PATH_LEN];
    char include_dir[GB_PATH_LEN]; /* sysconfig's "include" */
    char ext_suffix[64];           /* ".cpython-312-x86_64-linux-gnu.so" */
    int major, minor;
    int has_headers;               /* Python.h is in include_dir */
} gb_interp_probe;

/* An interpreter a run can use. */
typedef struct gb_interp {
    char name[32];                 /* the `python` column's value: "3.12.1" (with the
                                      ABI flags, "3.13.0t"); unique within a build */
    char executable[GB_PATH_LEN];  /* absolute; a venv keeps its own path */
    char base_prefix[GB_PATH_LEN];
    char ext_dir[GB_PATH_LEN];     /* the folder holding its _gb_*.so */
    int major, minor;
} gb_interp;

/* Runs `python` (a path, or a name looked up on PATH) with the probe
 * program, at most a few seconds.  Returns 0, or -1 with err saying in one
 * line why not: not found, not executable, not a Python it could run. */
int interp_probe(const char *python, gb_interp_probe *out, gb_error *err);

/* 0 when p is CPython >= 3.11 with Python.h; else -1 with err saying why
 * (not CPython, too old, no headers naming the Debian package). */
int interp_check(const gb_interp_probe *p, gb_error *err);

/* Probes and checks `python`, then makes sure the extension modules are
 * built for it in <build>/python/<name>/ (configured once, then `cmake
 * --build`, which is incremental; output in build.log there).  The
 * harness's own interpreter (same base_prefix, version and ABI flags as
 * paths->python) gets paths->ext_dir and no build.  Returns 0, or -1 with
 * err saying in one line why it is skipped (the probe's and the check's
 * reasons, or the build failed, naming the log). */
int interp_prepare(const char *python, const gb_paths *paths, gb_interp *out, gb_error *err);

/* The CPythons >= 3.11 on this machine: python3.N (N >= 11) on PATH, in
 * /usr/bin, /usr/local/bin and $PYENV_ROOT (or ~/.pyenv)/versions/<any>/bin;
 * one per (base_prefix, version, ABI flags), sorted by version then path;
 * with or without headers (see has_headers).  Returns how many (<= cap). */
int interp_discover(gb_interp_probe *out, int cap);

#endif
