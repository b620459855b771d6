/* paths.c: locating the parts of an installed build. */
#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GB_SOURCE_DIR
#error "GB_SOURCE_DIR must be defined by the build"
#endif

static void pick(char *dst, size_t cap, const char *env, const char *fallback)
{
    const char *value = getenv(env);
    snprintf(dst, cap, "%s", value && *value ? value : fallback);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int paths_init(gb_paths *p, const char *scenarios_dir, gb_error *err)
{
    memset(p, 0, sizeof *p);
    pick(p->source_dir, sizeof p->source_dir, "GLUEBENCH_SOURCE_DIR", GB_SOURCE_DIR);
    if (scenarios_dir)
        snprintf(p->scenarios_dir, sizeof p->scenarios_dir, "%s", scenarios_dir);
    else
        snprintf(p->scenarios_dir, sizeof p->scenarios_dir, "%s/scenarios", p->source_dir);
    pick(p->python, sizeof p->python, "GLUEBENCH_PYTHON", GB_DEFAULT_PYTHON);
    snprintf(p->python_worker, sizeof p->python_worker, "%s/pyref/gbworker.py", p->source_dir);
    pick(p->bin_dir, sizeof p->bin_dir, "GLUEBENCH_BIN_DIR", GB_BINARY_DIR "/bin");
    snprintf(p->c_worker, sizeof p->c_worker, "%s/gb-cworker", p->bin_dir);
    pick(p->kernel_dirs, sizeof p->kernel_dirs, "GLUEBENCH_KERNEL_DIR", GB_BINARY_DIR "/kernels");
    pick(p->ext_dir, sizeof p->ext_dir, "GLUEBENCH_EXT_DIR", GB_BINARY_DIR "/ext");
    pick(p->cache_dir, sizeof p->cache_dir, "GLUEBENCH_CACHE_DIR", GB_BINARY_DIR "/cache");
    snprintf(p->plots_dir, sizeof p->plots_dir, "%s/plots", p->source_dir);
    snprintf(p->pythonpath, sizeof p->pythonpath, "%s/../pyref:%s/pyref:%s", p->scenarios_dir,
             p->source_dir, p->ext_dir);
    if (!exists(p->scenarios_dir))
        return gb_fail(err, "%s: no such scenarios folder", p->scenarios_dir);
    if (!exists(p->python_worker))
        return gb_fail(err, "%s: the Python worker is missing", p->python_worker);
    mkdir(p->cache_dir, 0777);
    return 0;
}

void paths_prepend_pyref(gb_paths *p, const char *dir)
{
    char rest[sizeof p->pythonpath];
    snprintf(rest, sizeof rest, "%s", p->pythonpath);
    snprintf(p->pythonpath, sizeof p->pythonpath, "%s:%s", dir, rest);
}

void paths_use_python(gb_paths *p, const char *python, const char *ext_dir)
{
    size_t keep = strlen(p->pythonpath), old = strlen(p->ext_dir);
    /* The extensions folder is always PYTHONPATH's last entry (paths_init). */
    if (keep >= old && strcmp(p->pythonpath + keep - old, p->ext_dir) == 0)
        keep -= old;
    snprintf(p->pythonpath + keep, sizeof p->pythonpath - keep, "%s", ext_dir);
    snprintf(p->ext_dir, sizeof p->ext_dir, "%s", ext_dir);
    snprintf(p->python, sizeof p->python, "%s", python);
}

void paths_export(const gb_paths *p)
{
    setenv("PYTHONPATH", p->pythonpath, 1);
    setenv("GLUEBENCH_PYTHON", p->python, 1);
    char pyref[GB_PATH_LEN + 8];
    snprintf(pyref, sizeof pyref, "%s/pyref", p->source_dir);
    setenv("GLUEBENCH_PYREF_DIR", pyref, 1);
    setenv("GLUEBENCH_KERNEL_DIR", p->kernel_dirs, 1);
    setenv("GLUEBENCH_EXT_DIR", p->ext_dir, 1);
    setenv("GLUEBENCH_BIN_DIR", p->bin_dir, 1);
    setenv("GLUEBENCH_CACHE_DIR", p->cache_dir, 1);
}
