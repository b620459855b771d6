/* contexts.c: the machine and interpreters of a run (contexts.h). */
#include "contexts.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A name safe in a CSV cell and a file name: letters, digits, . _ -. */
static void clean_name(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 1 < cap; in++)
        out[n++] = (char)((*in >= 'a' && *in <= 'z') || (*in >= 'A' && *in <= 'Z') ||
                                  (*in >= '0' && *in <= '9') || strchr("._-", *in)
                              ? *in
                              : '_');
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

/* The configured interpreter's version ("3.11.7"), asked of it. */
static int version_of(const char *python, char *out, size_t cap, gb_error *err)
{
    char cmd[GB_PATH_LEN + 96];
    snprintf(cmd, sizeof cmd, "'%s' -c 'import platform; print(platform.python_version())' 2>/dev/null",
             python);
    FILE *p = popen(cmd, "r");
    int ok = p && fgets(out, (int)cap, p) != NULL;
    if (p)
        ok = pclose(p) == 0 && ok;
    out[ok ? strcspn(out, "\n") : 0] = '\0';
    return ok && out[0] ? 0 : gb_fail(err, "%s: cannot ask the interpreter its version", python);
}

int contexts_choose(const char *machine, const char *list, const gb_paths *paths, FILE *msgs,
                    gb_contexts *out, gb_error *err)
{
    memset(out, 0, sizeof *out);
    machine_of(machine, out->machine, sizeof out->machine);
    (void)msgs;
    if (list && *list)
        return gb_fail(err, "--python is not available in this build");
    gb_run_python *py = &out->pythons[0];
    if (version_of(paths->python, py->name, sizeof py->name, err) != 0)
        return -1;
    snprintf(py->executable, sizeof py->executable, "%s", paths->python);
    snprintf(py->ext_dir, sizeof py->ext_dir, "%s", paths->ext_dir);
    out->count = 1;
    return 0;
}

void contexts_apply(const gb_contexts *c, gb_run_config *cfg)
{
    cfg->machine = c->machine;
    cfg->pythons = c->pythons;
    cfg->python_count = c->count;
}
