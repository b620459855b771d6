/* entries.c: names in a manifest, resolved against the built project. */
#include "entries.h"

#include "gb_loader.h"

#include <ctype.h>
#include <dlfcn.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ENTRIES_MAX_MODULE (4 << 20) /* a module.py larger than this is not scanned */

/* ---- Python modules, read as text ------------------------------------- */

/* 1 when word (len bytes) is at s and ends there as an identifier. */
static int word_at(const char *s, const char *word, size_t len)
{
    return strncmp(s, word, len) == 0 && !(isalnum((unsigned char)s[len]) || s[len] == '_');
}

/* The names an import list binds: "a, b as c, (d" -> a, c, d. */
static int import_binds(const char *list, const char *name, size_t len)
{
    const char *s = list;
    while (*s) {
        while (*s && !(isalpha((unsigned char)*s) || *s == '_'))
            s++;
        const char *start = s;
        while (isalnum((unsigned char)*s) || *s == '_' || *s == '.')
            s++;
        size_t n = (size_t)(s - start);
        const char *after = s;
        while (*after == ' ')
            after++;
        if (word_at(after, "as", 2))
            continue; /* the next word is the bound name */
        if (n == len && strncmp(start, name, len) == 0)
            return 1;
        if (*s == '#' || *s == '\0')
            break;
    }
    return 0;
}

/* 1 when one top-level line (its indentation already skipped) binds name. */
static int line_binds(const char *s, const char *name, size_t len)
{
    if (word_at(s, "async", 5))
        for (s += 5; *s == ' '; s++)
            ;
    if (word_at(s, "def", 3) || word_at(s, "class", 5)) {
        for (s += s[0] == 'd' ? 3 : 5; *s == ' '; s++)
            ;
        return word_at(s, name, len);
    }
    if (word_at(s, "from", 4)) {
        const char *imp = strstr(s, " import ");
        return imp && import_binds(imp + 8, name, len);
    }
    if (word_at(s, "import", 6))
        return import_binds(s + 6, name, len);
    if (!word_at(s, name, len))
        return 0;
    for (s += len; *s == ' '; s++)
        ;
    return (*s == '=' && s[1] != '=') || *s == ':' || *s == ',';
}

/* Scans module text for a binding of name at top level, or one indentation
 * level inside a top-level if/try/with block (a guarded definition). */
static int module_binds(char *text, const char *name)
{
    size_t len = strlen(name);
    int in_block = 0, in_import = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        size_t indent = (size_t)(s - line);
        if (*s == '\0' || *s == '#')
            continue;
        if (in_import) {
            if (import_binds(s, name, len))
                return 1;
            in_import = strchr(s, ')') == NULL;
            continue;
        }
        if (indent == 0)
            in_block = word_at(s, "if", 2) || word_at(s, "try", 3) || word_at(s, "else", 4) ||
                       word_at(s, "elif", 4) || word_at(s, "except", 6) ||
                       word_at(s, "finally", 7) || word_at(s, "with", 4);
        else if (!in_block || indent > 8)
            continue;
        if (line_binds(s, name, len))
            return 1;
        in_import = word_at(s, "from", 4) && strstr(s, "import (") && !strchr(s, ')');
    }
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(ENTRIES_MAX_MODULE + 1);
    size_t n = buf ? fread(buf, 1, ENTRIES_MAX_MODULE, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

typedef enum { MODULE_MISSING, MODULE_SOURCE, MODULE_BINARY } module_kind;

/* Finds module (dotted) in dir: a .py file, a package, or an extension. */
static module_kind find_in(const char *dir, size_t dlen, const char *module, char *out, size_t cap)
{
    char rel[GB_PATH_LEN];
    snprintf(rel, sizeof rel, "%s", module);
    for (char *c = rel; *c; c++)
        if (*c == '.')
            *c = '/';
    snprintf(out, cap, "%.*s/%s.py", (int)dlen, dir, rel);
    if (access(out, R_OK) == 0)
        return MODULE_SOURCE;
    snprintf(out, cap, "%.*s/%s/__init__.py", (int)dlen, dir, rel);
    if (access(out, R_OK) == 0)
        return MODULE_SOURCE;
    glob_t g;
    snprintf(out, cap, "%.*s/%s.*so", (int)dlen, dir, rel);
    int found = glob(out, 0, NULL, &g) == 0 && g.gl_pathc > 0;
    globfree(&g);
    return found ? MODULE_BINARY : MODULE_MISSING;
}

/* "module:function" names a function some PYTHONPATH folder's module binds. */
static int check_python(const char *field, const char *entry, const gb_paths *p, char *why,
                        size_t cap)
{
    char module[GB_TEXT_LEN], path[GB_PATH_LEN * 2];
    const char *colon = strchr(entry, ':');
    snprintf(module, sizeof module, "%.*s", (int)(colon - entry), entry);
    for (const char *dir = p->pythonpath; *dir;) {
        size_t dlen = strcspn(dir, ":");
        module_kind kind = dlen ? find_in(dir, dlen, module, path, sizeof path) : MODULE_MISSING;
        if (kind == MODULE_BINARY)
            return 0; /* an extension: its names are not readable as text */
        if (kind == MODULE_SOURCE) {
            char *text = slurp(path);
            int ok = text && module_binds(text, colon + 1);
            free(text);
            if (ok)
                return 0;
            snprintf(why, cap, "%s '%s': %s defines no top-level '%s'", field, entry, path,
                     colon + 1);
            return -1;
        }
        dir += dlen + (dir[dlen] == ':');
    }
    snprintf(why, cap, "%s '%s': no module '%s' in the Python path (%s)", field, entry, module,
             p->pythonpath);
    return -1;
}

static int check_c(const char *entry, const gb_paths *p, char *why, size_t cap)
{
    void *lib = NULL;
    char msg[GB_PATH_LEN * 2 + 256];
    const gb_cvariant *v = gb_loader_find(p->kernel_dirs, entry, &lib, msg, sizeof msg);
    if (lib)
        dlclose(lib);
    if (!v)
        snprintf(why, cap, "entry '%s': %s", entry, msg);
    return v ? 0 : -1;
}

static int check_variant(const gb_variant *v, const gb_paths *p, char *why, size_t cap)
{
    if (v->kind == GB_KIND_C)
        return check_c(v->entry, p, why, cap);
    if (v->kind != GB_KIND_PYTHON)
        return 0;
    return check_python("entry", v->entry, p, why, cap) ||
           check_python("setup", v->setup, p, why, cap) ||
           (v->teardown[0] && check_python("teardown", v->teardown, p, why, cap));
}

int entries_check(const gb_manifest *m, const gb_paths *p, gb_error *err)
{
    char why[GB_PATH_LEN * 4];
    for (int i = 0; i < m->variant_count; i++)
        if (check_variant(&m->variants[i], p, why, sizeof why) != 0)
            return gb_fail(err, "%s:%d: variant '%s': %s", m->path, m->variants[i].line,
                           m->variants[i].name, why);
    for (int i = 0; i < m->chart_count; i++) {
        char script[GB_PATH_LEN * 2];
        snprintf(script, sizeof script, "%s/%s.gp", p->plots_dir, m->charts[i].type);
        if (access(script, R_OK) != 0)
            return gb_fail(err, "%s:%d: chart '%s': type '%s' has no script %s", m->path,
                           m->charts[i].line, m->charts[i].id, m->charts[i].type, script);
    }
    return 0;
}
