/* gb_cache.h: where kernels keep files between worker processes (SQLite
 * databases, generated requests): $GLUEBENCH_CACHE_DIR, which the harness
 * sets, else the temporary folder ($TMPDIR, $TEMP, $TMP, /tmp), in the
 * order Python's tempfile.gettempdir() looks, so that pyref/gbinput.py's
 * cache_dir() names the same folder. */
#ifndef GB_CACHE_H
#define GB_CACHE_H

#include <stddef.h>
#include <stdlib.h>

static inline const char *gb_cache_dir(void)
{
    static const char *const vars[] = {"GLUEBENCH_CACHE_DIR", "TMPDIR", "TEMP", "TMP"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *dir = getenv(vars[i]);
        if (dir && *dir)
            return dir;
    }
    return "/tmp";
}

#endif
