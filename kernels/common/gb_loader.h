/* gb_loader.h: finding a C-only variant in its kernel library, for every
 * program that runs one (the C worker, `gluebench crosscheck gbench`). */
#ifndef GB_LOADER_H
#define GB_LOADER_H

#include "gb_kernel.h"

/* The variant "scenario:variant" of libgbk_<scenario>.so, from the first
 * folder of the colon-separated `dirs` that has the library.  *lib gets the
 * dlopen() handle (the caller may dlclose it when done).  Returns NULL with
 * a message in err when the entry is malformed, no folder has the library,
 * it does not load, or it has no such variant. */
const gb_cvariant *gb_loader_find(const char *dirs, const char *entry, void **lib, char *err,
                                  size_t errlen);

#endif
