/* gb_loader.c: dlopen() of kernel libraries. */
#include "gb_loader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void *open_kernel(const char *dirs, const char *scenario, size_t len, char *err,
                         size_t errlen)
{
    char path[4096];
    for (const char *dir = dirs; *dir;) {
        size_t dlen = strcspn(dir, ":");
        snprintf(path, sizeof path, "%.*s/libgbk_%.*s.so", (int)dlen, dir, (int)len, scenario);
        if (access(path, R_OK) == 0) {
            void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
            if (!lib)
                snprintf(err, errlen, "cannot load %s: %s", path, dlerror());
            return lib;
        }
        dir += dlen + (dir[dlen] == ':');
    }
    snprintf(err, errlen, "no libgbk_%.*s.so in the kernel folders (%s)", (int)len, scenario, dirs);
    return NULL;
}

const gb_cvariant *gb_loader_find(const char *dirs, const char *entry, void **lib, char *err,
                                  size_t errlen)
{
    const char *colon = strchr(entry, ':');
    *lib = NULL;
    if (!colon || colon == entry || !colon[1]) {
        snprintf(err, errlen, "entry '%s' is not scenario:variant", entry);
        return NULL;
    }
    *lib = open_kernel(dirs, entry, (size_t)(colon - entry), err, errlen);
    if (!*lib)
        return NULL;
    const gb_cvariant *(*list)(void) = (const gb_cvariant *(*)(void))dlsym(*lib, "gb_kernel_variants");
    for (const gb_cvariant *v = list ? list() : NULL; v && v->name; v++)
        if (strcmp(v->name, colon + 1) == 0)
            return v;
    snprintf(err, errlen, "the kernel of '%s' has no variant '%s'", entry, colon + 1);
    return NULL;
}
