/* verb_export.c: `gluebench export DIR --format pyperf|gbench`. */
#include "export.h"
#include "options.h"
#include "rundir.h"
#include "verbs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char export_usage[] =
    "usage: gluebench export DIR --format pyperf|gbench [--out PATH]\n"
    "Writes the run folder in another tool's format, from its CSVs:\n"
    "  pyperf   one pyperf JSON suite per scenario in PATH (a folder; default\n"
    "           DIR/export-pyperf): read them with python -m pyperf stats, hist,\n"
    "           compare_to\n"
    "  gbench   Google Benchmark's JSON in PATH (default DIR/export-gbench.json)\n"
    "Exit 0 ok, 2 bad usage or not a run folder, 3 a file could not be written.\n";

int verb_export(int argc, char **argv)
{
    const char *pos[4], *format = NULL, *out = NULL;
    int npos, files = 1, rc;
    char path[GB_PATH_LEN + 32];
    gb_error err;
    gb_rundir rd;
    const gb_option opts[] = {{"--format", OPT_STRING, &format, 0, 0},
                              {"--out", OPT_STRING, &out, 0, 0},
                              {NULL, 0, NULL, 0, 0}};
    gb_options_result how = argc > 5 ? OPTIONS_BAD : options_parse(argc, argv, opts, pos, &npos, &err);
    if (how == OPTIONS_OK && (npos != 1 || !format))
        how = (gb_fail(&err, "expects one run folder and --format"), OPTIONS_BAD);
    if (how == OPTIONS_OK && strcmp(format, "pyperf") && strcmp(format, "gbench"))
        how = (gb_fail(&err, "option --format: '%s' is not pyperf or gbench", format), OPTIONS_BAD);
    if (how != OPTIONS_OK)
        return verb_usage("export", export_usage, how, argc > 5 ? NULL : &err);
    if (rundir_open(&rd, pos[0], &err) != 0)
        return verb_fail("export", GB_EXIT_USAGE, "%s", err.msg);
    int pyperf = strcmp(format, "pyperf") == 0;
    snprintf(path, sizeof path, "%s", out ? out : "");
    if (!out)
        snprintf(path, sizeof path, "%s/%s", pos[0], pyperf ? "export-pyperf" : "export-gbench.json");
    if (pyperf && mkdir(path, 0777) != 0 && errno != EEXIST)
        rc = gb_fail(&err, "%s: cannot create: %s", path, strerror(errno));
    else
        rc = pyperf ? export_pyperf(&rd, path, &files, &err) : export_gbench(&rd, path, &err);
    rundir_close(&rd);
    if (rc != 0)
        return verb_fail("export", GB_EXIT_IO, "%s", err.msg);
    printf("gluebench: %d %s file%s in %s\n", files, format, files == 1 ? "" : "s", path);
    return GB_EXIT_OK;
}
