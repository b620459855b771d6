/* atomicfile.c: write to a temporary file, rename it in (atomicfile.h). */
#include "atomicfile.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

FILE *atomic_open(gb_atomic *a, const char *path, gb_error *err)
{
    snprintf(a->path, sizeof a->path, "%s", path);
    snprintf(a->tmp, sizeof a->tmp, "%s.tmp", path);
    a->f = fopen(a->tmp, "w");
    if (!a->f)
        gb_fail(err, "%s: cannot write: %s", a->tmp, strerror(errno));
    return a->f;
}

int atomic_close(gb_atomic *a, gb_error *err)
{
    int bad = ferror(a->f);
    if (fclose(a->f) != 0 || bad || rename(a->tmp, a->path) != 0) {
        gb_fail(err, "%s: cannot write: %s", a->path, strerror(errno ? errno : EIO));
        unlink(a->tmp);
        return -1;
    }
    return 0;
}
