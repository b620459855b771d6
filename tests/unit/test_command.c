/* test_command.c: placeholder expansion of whole-process variants
 * (measure/command.h): every placeholder, and an unknown one refused. */
#include "command.h"
#include "gbtest.h"

#include <string.h>

static void fixture(gb_variant *v, gb_bindings *point, gb_paths *paths)
{
    memset(v, 0, sizeof *v);
    memset(point, 0, sizeof *point);
    memset(paths, 0, sizeof *paths);
    strcpy(paths->python, "/usr/bin/python3");
    strcpy(paths->bin_dir, "/b/bin");
    strcpy(paths->source_dir, "/src");
    point->count = 2;
    strcpy(point->names[0], "n");
    point->values[0] = 1000;
    strcpy(point->names[1], "batch");
    point->values[1] = 7;
    v->kind = GB_KIND_PROCESS;
    v->argc = 4;
    strcpy(v->argv[0], "{python}");
    strcpy(v->argv[1], "{pyref}/cold.py");
    strcpy(v->argv[2], "--n={n}x{batch}");
    strcpy(v->argv[3], "{bin}/tool-{seed}");
}

GB_TEST(command_placeholders_expand)
{
    gb_variant v;
    gb_bindings point;
    gb_paths paths;
    gb_command cmd;
    gb_error err;
    fixture(&v, &point, &paths);
    CHECK(command_expand(&v, &point, 42, &paths, &cmd, &err) == 0);
    CHECK(cmd.argc == 4 && cmd.argv[4] == NULL);
    CHECK(strcmp(cmd.argv[0], "/usr/bin/python3") == 0);
    CHECK(strcmp(cmd.argv[1], "/src/pyref/cold.py") == 0);
    CHECK(strcmp(cmd.argv[2], "--n=1000x7") == 0);
    CHECK(strcmp(cmd.argv[3], "/b/bin/tool-42") == 0);
}

GB_TEST(command_unknown_placeholder)
{
    gb_variant v;
    gb_bindings point;
    gb_paths paths;
    gb_command cmd;
    gb_error err;
    fixture(&v, &point, &paths);
    strcpy(v.argv[2], "{size}");
    CHECK(command_expand(&v, &point, 1, &paths, &cmd, &err) == -1);
    CHECK_CONTAINS(err.msg, "unknown placeholder {size}");
}

GB_TEST(command_braces_without_close_stay_text)
{
    gb_variant v;
    gb_bindings point;
    gb_paths paths;
    gb_command cmd;
    gb_error err;
    fixture(&v, &point, &paths);
    strcpy(v.argv[2], "a{b");
    CHECK(command_expand(&v, &point, 1, &paths, &cmd, &err) == 0 && strcmp(cmd.argv[2], "a{b") == 0);
}
