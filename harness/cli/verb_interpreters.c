/* verb_interpreters.c: `gluebench interpreters [--json]` lists the CPythons
 * found on this machine; `--prepare PYTHON...` builds the extension
 * modules for each. */
#include "interpreters.h"
#include "interrupt.h"
#include "json.h"
#include "options.h"
#include "paths.h"
#include "verbs.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_FOUND 64

static const char interpreters_usage[] =
    "usage: gluebench interpreters [--json]\n"
    "       gluebench interpreters --prepare PYTHON... [--json]\n"
    "Lists the CPythons >= 3.11 on this machine (python3.N on PATH, in /usr/bin,\n"
    "/usr/local/bin and ~/.pyenv/versions/*/bin), one per sys.base_prefix and\n"
    "version: path, version, base prefix, and whether it is usable (has Python.h).\n"
    "Nothing is built.\n"
    "--prepare builds the extension modules for each PYTHON (a path, or a name on\n"
    "PATH) into <build>/python/<version>/ext (a second time only what changed)\n"
    "and prints its name, executable and that folder, or why it is skipped.  The\n"
    "interpreter the harness was built with (or a venv of it) uses <build>/ext.\n"
    "Exit 0 ok; 1 some PYTHON skipped; 2 bad usage; 130 interrupted.\n";

static void print_found(const gb_interp_probe *p, int json, int first)
{
    gb_error why;
    int usable = interp_check(p, &why) == 0;
    if (!json) {
        printf("%-44s %-8s %-32s ", p->executable, p->version, p->base_prefix);
        if (usable)
            printf("usable\n");
        else
            printf("no Python.h (on Debian: python%d.%d-dev)\n", p->major, p->minor);
        return;
    }
    printf("%s\n  {\"executable\": ", first ? "" : ",");
    json_string(stdout, p->executable);
    printf(", \"version\": ");
    json_string(stdout, p->version);
    printf(", \"abiflags\": ");
    json_string(stdout, p->abiflags);
    printf(", \"base_prefix\": ");
    json_string(stdout, p->base_prefix);
    printf(", \"include_dir\": ");
    json_string(stdout, p->include_dir);
    printf(", \"usable\": %s, \"why\": ", usable ? "true" : "false");
    json_string(stdout, usable ? "" : why.msg);
    printf("}");
}

static int list_found(int json)
{
    gb_interp_probe *found = calloc(MAX_FOUND, sizeof *found);
    if (!found)
        return verb_fail("interpreters", GB_EXIT_IO, "out of memory");
    int n = interp_discover(found, MAX_FOUND);
    if (json)
        printf("{\"interpreters\": [");
    for (int i = 0; i < n; i++)
        print_found(&found[i], json, i == 0);
    if (json)
        printf("%s]}\n", n ? "\n" : "");
    else if (n == 0)
        printf("no CPython >= 3.11 found\n");
    free(found);
    return GB_EXIT_OK;
}

static void print_prepared(const char *python, const gb_interp *it, const gb_error *err, int json,
                           int first)
{
    if (!json) {
        if (err)
            printf("skipped  %s\n", err->msg);
        else
            printf("%-8s %-44s %s\n", it->name, it->executable, it->ext_dir);
        return;
    }
    printf("%s\n  {\"python\": ", first ? "" : ",");
    json_string(stdout, python);
    printf(", \"ok\": %s, \"name\": ", err ? "false" : "true");
    json_string(stdout, err ? "" : it->name);
    printf(", \"executable\": ");
    json_string(stdout, err ? "" : it->executable);
    printf(", \"base_prefix\": ");
    json_string(stdout, err ? "" : it->base_prefix);
    printf(", \"ext_dir\": ");
    json_string(stdout, err ? "" : it->ext_dir);
    printf(", \"why\": ");
    json_string(stdout, err ? err->msg : "");
    printf("}");
}

static int prepare_each(const char **pythons, int count, int json)
{
    gb_paths paths;
    gb_error err;
    gb_interp it;
    int skipped = 0;
    if (paths_init(&paths, NULL, &err) != 0)
        return verb_fail("interpreters", GB_EXIT_USAGE, "%s", err.msg);
    interrupt_install();
    if (json)
        printf("{\"prepared\": [");
    for (int i = 0; i < count && !interrupt_requested(); i++) {
        int ok = interp_prepare(pythons[i], &paths, &it, &err) == 0;
        print_prepared(pythons[i], &it, ok ? NULL : &err, json, i == 0);
        skipped += !ok;
        fflush(stdout);
    }
    if (json)
        printf("\n]}\n");
    if (interrupt_requested())
        return interrupt_exit_code();
    return skipped ? GB_EXIT_VARIANT_FAILED : GB_EXIT_OK;
}

int verb_interpreters(int argc, char **argv)
{
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0, json = 0, prepare = 0, rc;
    gb_error err;
    const gb_option opts[] = {{"--json", OPT_FLAG, &json, 0, 0},
                              {"--prepare", OPT_FLAG, &prepare, 0, 0},
                              {NULL, 0, NULL, 0, 0}};
    if (!pos)
        return verb_fail("interpreters", GB_EXIT_IO, "out of memory");
    gb_options_result how = options_parse(argc, argv, opts, pos, &npos, &err);
    if (how == OPTIONS_OK && prepare != (npos > 0))
        how = (gb_fail(&err, prepare ? "--prepare expects one or more interpreters"
                                     : "takes interpreters only with --prepare"),
               OPTIONS_BAD);
    if (how != OPTIONS_OK)
        rc = verb_usage("interpreters", interpreters_usage, how, &err);
    else
        rc = prepare ? prepare_each(pos, npos, json) : list_found(json);
    free(pos);
    return rc;
}
