/* atomicfile.c: write to a temporary file, rename it in (atomicfile.h). */
#include "atomicfile.h"

#include <errno.h>
#include <stdlib.h>
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

char *file_read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got = 1;
    while (got > 0) {
        if (n + 1 >= cap) {
            char *grown = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!grown) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = grown;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

int file_same(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *x = file_read_whole(a, &la), *y = file_read_whole(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}
