/* census.c: what each variant costs in code, counted from the sources when
 * a run starts and kept in the run folder's code.csv (census.h).
 *
 * Python: the lines of the entry function and of every top-level function
 * of the same module it reaches by name (transitively), without blank
 * lines, comments or the docstring.  C: when that code uses the scenario's
 * extension (a name imported from _gb_<name>), or the variant is C only,
 * the lines of kernels/<name>.c (and kernels/ext/<name>.c for the
 * extension), counted whole: a C file is read as one unit.  Dependencies:
 * the packages of requirements.txt the module imports, and the libraries
 * kernels/<name>.cmake links. */
#include "census.h"

#include "csv.h"
#include "schema.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CENSUS_MAX_FUNCS 256
#define CENSUS_MAX_LINES 20000

typedef struct source {
    char *text;
    char **lines;
    unsigned char *code;   /* Python: the line is code, not a docstring or a comment */
    int count;
} source;

typedef struct func {
    char name[GB_NAME_LEN];
    int first, last;     /* line indexes of the def and its last body line */
} func;

static void source_free(source *s)
{
    free(s->text);
    free(s->lines);
    free(s->code);
    memset(s, 0, sizeof *s);
}

/* Reads path into lines (NUL-terminated in place); 0 or -1. */
static int source_read(const char *path, source *s)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    s->text = size >= 0 && size < (8 << 20) ? malloc((size_t)size + 1) : NULL;
    s->lines = malloc(sizeof *s->lines * CENSUS_MAX_LINES);
    size_t got = s->text ? fread(s->text, 1, (size_t)size, f) : 0;
    fclose(f);
    if (!s->text || !s->lines || got != (size_t)size)
        return source_free(s), -1;
    s->text[size] = '\0';
    for (char *p = s->text; *p && s->count < CENSUS_MAX_LINES;) {
        s->lines[s->count++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return 0;
}

static int blank_or_comment(const char *line, const char *comment);

/* Marks the Python lines that hold code: not in a triple-quoted string
 * (docstrings), not blank, not only a comment.  A "# ..." tail is cut. */
static int mark_code(source *s)
{
    int in_string = 0;
    s->code = calloc((size_t)s->count + 1, 1);
    if (!s->code)
        return -1;
    for (int i = 0; i < s->count; i++) {
        int quotes = 0;
        for (const char *p = strstr(s->lines[i], "\"\"\""); p; p = strstr(p + 3, "\"\"\""))
            quotes++;
        s->code[i] = !in_string && quotes == 0 && !blank_or_comment(s->lines[i], "#");
        if (quotes % 2)
            in_string = !in_string;
        char *hash = s->code[i] ? strstr(s->lines[i], "  #") : NULL;
        if (hash)
            *hash = '\0';
    }
    return 0;
}

static int blank_or_comment(const char *line, const char *comment)
{
    while (isspace((unsigned char)*line))
        line++;
    return *line == '\0' || strncmp(line, comment, strlen(comment)) == 0;
}

/* Lines of a C file with code on them: a character outside every comment
 * that is not a space. */
static int c_lines(const char *path)
{
    source s;
    int n = 0, in_comment = 0;
    if (source_read(path, &s) != 0)
        return 0;
    for (int i = 0; i < s.count; i++) {
        int code = 0;
        for (const char *p = s.lines[i]; *p; p++) {
            if (in_comment) {
                if (p[0] == '*' && p[1] == '/')
                    in_comment = 0, p++;
            } else if (p[0] == '/' && p[1] == '*')
                in_comment = 1, p++;
            else if (p[0] == '/' && p[1] == '/')
                break;
            else if (!isspace((unsigned char)*p))
                code = 1;
        }
        n += code;
    }
    source_free(&s);
    return n;
}

/* The module's top-level functions. */
static int find_funcs(const source *s, func *fs)
{
    int n = 0;
    for (int i = 0; i < s->count && n < CENSUS_MAX_FUNCS; i++) {
        const char *line = s->lines[i];
        if (strncmp(line, "def ", 4) != 0)
            continue;
        size_t len = strcspn(line + 4, "( :");
        snprintf(fs[n].name, sizeof fs[n].name, "%.*s", (int)len, line + 4);
        fs[n].first = fs[n].last = i;
        for (int k = i + 1; k < s->count; k++) {
            const char *b = s->lines[k];
            if (b[0] && !isspace((unsigned char)b[0]) && b[0] != '#')
                break;
            if (!blank_or_comment(b, "#"))
                fs[n].last = k;
        }
        n++;
    }
    return n;
}

/* 1 when word occurs in text as a whole identifier. */
static int uses_word(const char *text, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        int before = p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int after = isalnum((unsigned char)p[len]) || p[len] == '_';
        if (!before && !after)
            return 1;
    }
    return 0;
}

/* Code lines of f (the def line included). */
static int body_lines(const source *s, const func *f)
{
    int n = 0;
    for (int k = f->first; k <= f->last; k++)
        n += s->code[k];
    return n;
}

/* Marks the functions reachable from fs[start] (calls by name). */
static void reach(const source *s, const func *fs, int n, int start, unsigned char *seen)
{
    seen[start] = 1;
    for (int k = fs[start].first + 1; k <= fs[start].last; k++)
        for (int j = 0; s->code[k] && j < n; j++)
            if (!seen[j] && uses_word(s->lines[k], fs[j].name))
                reach(s, fs, n, j, seen);
}

typedef struct census_ctx {
    const gb_paths *paths;
    const gb_manifest *m;
} census_ctx;

/* Finds module.py on the workers' PYTHONPATH. */
static int module_path(const census_ctx *c, const char *module, char *out, size_t cap)
{
    const char *p = c->paths->pythonpath;
    while (*p) {
        size_t len = strcspn(p, ":");
        snprintf(out, cap, "%.*s/%s.py", (int)len, p, module);
        if (access(out, R_OK) == 0)
            return 0;
        p += len + (p[len] == ':');
    }
    return -1;
}

/* Packages of requirements.txt the module imports, comma-separated. */
static void python_deps(const census_ctx *c, const source *s, char *out, size_t cap)
{
    char path[GB_PATH_LEN + 32], line[256];
    snprintf(path, sizeof path, "%s/requirements.txt", c->paths->source_dir);
    FILE *f = fopen(path, "r");
    size_t len = strlen(out);
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "=<> \n#")] = '\0';
        if (!line[0] || !strcmp(line, "pyperf"))
            continue;
        for (int i = 0; i < s->count; i++) {
            const char *t = s->lines[i];
            if ((strncmp(t, "import ", 7) == 0 || strncmp(t, "from ", 5) == 0) && uses_word(t, line)) {
                len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? ", " : "", line);
                break;
            }
        }
    }
    if (f)
        fclose(f);
}

/* Libraries the scenario's kernels/<name>.cmake links. */
static void c_deps(const census_ctx *c, char *out, size_t cap)
{
    static const char *const known[][2] = {{"sqlite", "SQLite"}, {"jansson", "jansson"}};
    char path[GB_PATH_LEN + 64];
    source s;
    snprintf(path, sizeof path, "%s/kernels/%s.cmake", c->paths->source_dir, c->m->name);
    if (source_read(path, &s) != 0)
        return;
    size_t len = strlen(out);
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
        for (int i = 0; i < s.count; i++)
            if (strstr(s.lines[i], known[k][0]) && s.lines[i][0] != '#') {
                len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? ", " : "", known[k][1]);
                break;
            }
    source_free(&s);
}

static int kernel_lines(const census_ctx *c, int with_ext)
{
    char path[GB_PATH_LEN + 64];
    snprintf(path, sizeof path, "%s/kernels/%s.c", c->paths->source_dir, c->m->name);
    int n = c_lines(path);
    snprintf(path, sizeof path, "%s/kernels/ext/%s.c", c->paths->source_dir, c->m->name);
    return n + (with_ext ? c_lines(path) : 0);
}

/* 1 when the reached code uses a name imported from _gb_<scenario>. */
static int uses_extension(const census_ctx *c, const source *s, const func *fs, int n,
                          const unsigned char *seen)
{
    char module[GB_NAME_LEN + 8];
    snprintf(module, sizeof module, "_gb_%s", c->m->name);
    for (int i = 0; i < s->count; i++) {
        const char *t = s->lines[i];
        if (strncmp(t, "from ", 5) || !uses_word(t, module) || !strstr(t, " import "))
            continue;
        char names[512], *save = NULL;
        snprintf(names, sizeof names, "%s", strstr(t, " import ") + 8);
        for (char *item = strtok_r(names, ",()", &save); item; item = strtok_r(NULL, ",()", &save)) {
            /* "a as b" binds b; "a" binds a */
            char *as = strstr(item, " as "), *w = as ? as + 4 : item;
            while (*w == ' ')
                w++;
            w[strcspn(w, " ")] = '\0';
            for (int f = 0; *w && f < n; f++)
                for (int k = fs[f].first + 1; seen[f] && k <= fs[f].last; k++)
                    if (s->code[k] && uses_word(s->lines[k], w))
                        return 1;
        }
    }
    return 0;
}

static void count_python(const census_ctx *c, const gb_variant *v, gb_code *out)
{
    char module[GB_NAME_LEN], path[GB_PATH_LEN + 80];
    const char *colon = strchr(v->entry, ':');
    source s;
    func fs[CENSUS_MAX_FUNCS];
    unsigned char seen[CENSUS_MAX_FUNCS] = {0};
    snprintf(module, sizeof module, "%.*s", (int)(colon - v->entry), v->entry);
    if (module_path(c, module, path, sizeof path) != 0 || source_read(path, &s) != 0)
        return;
    if (mark_code(&s) != 0) {
        source_free(&s);
        return;
    }
    int n = find_funcs(&s, fs);
    for (int i = 0; i < n; i++)
        if (strcmp(fs[i].name, colon + 1) == 0)
            reach(&s, fs, n, i, seen);
    for (int i = 0; i < n; i++)
        out->python_lines += seen[i] ? body_lines(&s, &fs[i]) : 0;
    python_deps(c, &s, out->deps, sizeof out->deps);
    if (uses_extension(c, &s, fs, n, seen)) {
        out->c_lines = kernel_lines(c, 1);
        snprintf(out->build, sizeof out->build, "a C extension");
        c_deps(c, out->deps, sizeof out->deps);
    }
    source_free(&s);
}

void census_count(const gb_paths *paths, const gb_manifest *m, const gb_variant *v, gb_code *out)
{
    census_ctx c = {paths, m};
    memset(out, 0, sizeof *out);
    snprintf(out->build, sizeof out->build, "none");
    if (v->kind == GB_KIND_PYTHON)
        count_python(&c, v, out);
    else if (v->kind == GB_KIND_C) {
        out->c_lines = kernel_lines(&c, 0);
        snprintf(out->build, sizeof out->build, "a C kernel");
        c_deps(&c, out->deps, sizeof out->deps);
    } else
        snprintf(out->build, sizeof out->build, "a whole process (not counted)");
}

int census_write(const char *dir, const gb_paths *paths, const gb_catalog *cat, gb_error *err)
{
    char path[GB_PATH_LEN + 32];
    schema_path(path, sizeof path, dir, GB_FILE_CODE_CSV);
    int fd = csv_create(path, schema_code, err), rc = fd < 0 ? -1 : 0;
    csv_row row = {0};
    for (int s = 0; rc == 0 && s < cat->count; s++) {
        const gb_manifest *m = &cat->items[s];
        gb_code base;
        census_count(paths, m, manifest_variant(m, m->baseline), &base);
        for (int i = 0; rc == 0 && i < m->variant_count; i++) {
            gb_code code;
            census_count(paths, m, &m->variants[i], &code);
            csv_row_reset(&row);
            csv_add_str(&row, m->name);
            csv_add_str(&row, m->variants[i].name);
            csv_add_int(&row, code.python_lines);
            csv_add_int(&row, code.c_lines);
            csv_add_int(&row, code.python_lines + code.c_lines - base.python_lines - base.c_lines);
            csv_add_str(&row, code.deps);
            csv_add_str(&row, code.build);
            rc = csv_write_row(fd, &row, GB_CODE_COUNT, err);
        }
    }
    csv_row_free(&row);
    if (fd >= 0 && close(fd) != 0 && rc == 0)
        rc = gb_fail(err, "%s: cannot write: %s", path, strerror(errno));
    return rc;
}
