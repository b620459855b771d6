/* runfolder.c: a run folder made ready (runfolder.h). */
#include "runfolder.h"

#include "schema.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int runfolder_make(const char *path, gb_error *err)
{
    char buf[GB_PATH_LEN];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0777);
            *p = '/';
        }
    if (mkdir(buf, 0777) == 0 || errno == EEXIST)
        return 0;
    return gb_fail(err, "%s: cannot create the run folder: %s", path, strerror(errno));
}

static int remove_inside(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    return ftw->level == 0 ? 0 : remove(path);
}

static int remove_any(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

int runfolder_prepare(const char *dir, int force, gb_error *err)
{
    char meta[GB_PATH_LEN + 16];
    schema_path(meta, sizeof meta, dir, GB_FILE_META_JSON);
    if (access(meta, F_OK) != 0)
        return 0;
    if (!force)
        return gb_fail(err, "%s already holds a run (its meta.json): choose another --out, or "
                       "add --force to empty it first", dir);
    if (nftw(dir, remove_inside, 16, FTW_DEPTH | FTW_PHYS) != 0)
        return gb_fail(err, "%s: cannot empty it: %s", dir, strerror(errno));
    return 0;
}

int runfolder_copy_file(const char *from, const char *to, gb_error *err)
{
    char buf[8192];
    FILE *in = fopen(from, "rb");
    FILE *out = in ? fopen(to, "wb") : NULL;
    size_t n;
    int bad = !in || !out;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, n, out) != n;
    bad |= in && ferror(in);
    if (out && fclose(out) != 0)
        bad = 1;
    if (in)
        fclose(in);
    return bad ? gb_fail(err, "cannot copy %s to %s: %s", from, to, strerror(errno)) : 0;
}

int runfolder_copy_manifests(const char *dir, const gb_manifest *ms, int count, gb_error *err)
{
    char path[GB_PATH_LEN + 128];
    schema_path(path, sizeof path, dir, GB_FILE_MANIFESTS);
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return gb_fail(err, "%s: cannot create: %s", path, strerror(errno));
    for (int i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/manifests/%s.lua", dir, ms[i].name);
        if (runfolder_copy_file(ms[i].path, path, err) != 0)
            return -1;
    }
    return 0;
}

void runfolder_remove(const char *dir)
{
    nftw(dir, remove_any, 16, FTW_DEPTH | FTW_PHYS);
}
