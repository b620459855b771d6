/* catalog.c: the scenarios folder. */
#include "catalog.h"

#include "entries.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ends_with_lua(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && strcmp(name + len - 4, ".lua") == 0 && name[0] != '.';
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted *.lua file names of dir (malloc'd); -1 if unreadable. */
static int list_manifests(const char *dir, char ***out)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!ends_with_lua(e->d_name))
            continue;
        char **grown = realloc(names, (size_t)(count + 1) * sizeof *names);
        if (!grown)
            break;
        names = grown;
        names[count] = strdup(e->d_name);
        names[count][strlen(e->d_name) - 4] = '\0';
        count++;
    }
    closedir(d);
    qsort(names, (size_t)count, sizeof *names, compare_names);
    *out = names;
    return count;
}

static void load_one(gb_catalog *c, const char *dir, const char *name, const gb_paths *checks)
{
    char path[2048];
    gb_error err;
    gb_manifest *m = &c->items[c->count];
    snprintf(path, sizeof path, "%s/%s.lua", dir, name);
    int rc = manifest_load(path, m, &err);
    if (rc == 0 && checks && (rc = entries_check(m, checks, &err)) != 0)
        manifest_free(m);
    if (rc == 0)
        c->count++;
    else
        c->errors[c->broken++] = err;
}

int catalog_load(gb_catalog *c, const char *dir, char **names, int name_count,
                 const gb_paths *checks, gb_error *err)
{
    char **found = NULL;
    memset(c, 0, sizeof *c);
    int count = name_count;
    if (name_count == 0 && (count = list_manifests(dir, &found)) < 0)
        return gb_fail(err, "%s: cannot read the scenarios folder", dir);
    c->items = calloc((size_t)(count ? count : 1), sizeof *c->items);
    c->errors = calloc((size_t)(count ? count : 1), sizeof *c->errors);
    if (!c->items || !c->errors) {
        free(c->items);
        free(c->errors);
        return gb_fail(err, "out of memory");
    }
    for (int i = 0; i < count; i++)
        load_one(c, dir, name_count ? names[i] : found[i], checks);
    for (int i = 0; found && i < count; i++)
        free(found[i]);
    free(found);
    return 0;
}

void catalog_free(gb_catalog *c)
{
    for (int i = 0; i < c->count; i++)
        manifest_free(&c->items[i]);
    free(c->items);
    free(c->errors);
    memset(c, 0, sizeof *c);
}

void catalog_print(const gb_catalog *c, const char *verb, FILE *out)
{
    for (int i = 0; i < c->broken; i++)
        fprintf(out, "gluebench %s: %s\n", verb, c->errors[i].msg);
}
