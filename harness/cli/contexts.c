/* contexts.c: the machine and interpreters of a run (contexts.h). */
#include "contexts.h"

#include "interpreters.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int contexts_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("._-", c));
}

/* The host's or --machine's name with every other character made '_'. */
static void clean_name(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 1 < cap; in++)
        out[n++] = contexts_name_char(*in) ? *in : '_';
    out[n] = '\0';
}

static void machine_of(const char *given, char *out, size_t cap)
{
    char host[256] = "";
    if (!given || !*given) {
        if (gethostname(host, sizeof host - 1) != 0 || !host[0])
            snprintf(host, sizeof host, "machine");
        given = host;
    }
    clean_name(given, out, cap);
}

/* The interpreter the build was configured with: its version names it;
 * its extensions are the main build's (no build here: `make build` made
 * them, and a sanitizer build runs without them). */
static int configured(const gb_paths *paths, gb_run_python *py, gb_error *err)
{
    gb_interp_probe probe;
    if (interp_probe(paths->python, &probe, err) != 0)
        return -1;
    snprintf(py->name, sizeof py->name, "%s%s", probe.version, probe.abiflags);
    snprintf(py->executable, sizeof py->executable, "%s", paths->python);
    snprintf(py->ext_dir, sizeof py->ext_dir, "%s", paths->ext_dir);
    return 0;
}

static int known(const gb_contexts *c, const char *name)
{
    for (int k = 0; k < c->count; k++)
        if (strcmp(c->pythons[k].name, name) == 0)
            return 1;
    return 0;
}

/* Prepares each interpreter of the comma-separated list (its extensions
 * built for it: measure/interpreters.h); one that cannot be used, or one
 * already listed under another path (a venv and its base), is skipped. */
static int chosen(const char *list, const gb_paths *paths, FILE *msgs, gb_contexts *out,
                  gb_error *err)
{
    char one[GB_PATH_LEN];
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        snprintf(one, sizeof one, "%.*s", (int)len, p);
        p += len + (p[len] == ',');
        gb_interp it;
        gb_error why;
        if (!one[0])
            continue;
        if (interp_prepare(one, paths, &it, &why) != 0) {
            if (msgs)
                fprintf(msgs, "gluebench: skipping interpreter %s: %s\n", one, why.msg);
            continue;
        }
        if (known(out, it.name)) {
            if (msgs)
                fprintf(msgs, "gluebench: skipping interpreter %s: Python %s is already in the "
                              "run\n", one, it.name);
            continue;
        }
        if (out->count == GB_MAX_PYTHONS)
            return gb_fail(err, "option --python: at most %d interpreters", GB_MAX_PYTHONS);
        gb_run_python *py = &out->pythons[out->count++];
        snprintf(py->name, sizeof py->name, "%s", it.name);
        snprintf(py->executable, sizeof py->executable, "%s", it.executable);
        snprintf(py->ext_dir, sizeof py->ext_dir, "%s", it.ext_dir);
        if (msgs)
            fprintf(msgs, "gluebench: Python %s: %s (extensions in %s)\n", py->name,
                    py->executable, py->ext_dir);
    }
    return out->count ? 0 : gb_fail(err, "option --python: no usable interpreter in '%s'", list);
}

/* `--python all`: every CPython >= 3.11 discovery finds, comma-separated. */
static int all_found(char *list, size_t cap, FILE *msgs, gb_error *err)
{
    gb_interp_probe found[4 * GB_MAX_PYTHONS];
    int n = interp_discover(found, 4 * GB_MAX_PYTHONS), taken = 0;
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; i < n && len < cap; i++) {
        if (!found[i].has_headers) {
            if (msgs)
                fprintf(msgs, "gluebench: skipping interpreter %s: no Python.h (on Debian, "
                              "install python%d.%d-dev)\n", found[i].executable, found[i].major,
                        found[i].minor);
            continue;
        }
        if (taken++ == GB_MAX_PYTHONS) {   /* sorted by version: the oldest are kept */
            if (msgs)
                fprintf(msgs, "gluebench: --python all: a run takes at most %d interpreters; "
                              "%s and later are left out\n", GB_MAX_PYTHONS, found[i].executable);
            break;
        }
        len += (size_t)snprintf(list + len, cap - len, "%s%s", len ? "," : "", found[i].executable);
    }
    return list[0] ? 0 : gb_fail(err, "option --python all: no CPython >= 3.11 found");
}

int contexts_choose(const char *machine, const char *list, const gb_paths *paths, FILE *msgs,
                    gb_contexts *out, gb_error *err)
{
    static char every[GB_MAX_PYTHONS * (GB_PATH_LEN + 1)];
    memset(out, 0, sizeof *out);
    machine_of(machine, out->machine, sizeof out->machine);
    if (list && strcmp(list, "all") == 0 && all_found(every, sizeof every, msgs, err) != 0)
        return -1;
    if (list)
        return chosen(strcmp(list, "all") == 0 ? every : list, paths, msgs, out, err);
    out->count = 1;
    return configured(paths, &out->pythons[0], err);
}

void contexts_apply(const gb_contexts *c, gb_run_config *cfg)
{
    cfg->machine = c->machine;
    cfg->pythons = c->pythons;
    cfg->python_count = c->count;
}
