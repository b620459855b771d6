/* verb_list.c: `gluebench list`: what the scenarios folder holds. */
#include "catalog.h"
#include "options.h"
#include "paths.h"
#include "verbs.h"

#include <stdio.h>
#include <string.h>

static const char list_usage[] =
    "usage: gluebench list [--scenarios DIR] [--profile P]\n"
    "Lists each scenario with its question, variants and number of points.\n";

static void print_scenario(const gb_manifest *m, gb_profile_id profile)
{
    printf("%s  (talk %s, %lld points in %s)\n  %s\n  %s\n", m->name, m->talk,
           (long long)manifest_point_count(m, profile), manifest_profile_name(profile), m->title,
           m->question);
    for (int i = 0; i < m->variant_count; i++)
        printf("    %-18s %-7s %s%s\n", m->variants[i].name,
               manifest_kind_name(m->variants[i].kind), m->variants[i].label,
               strcmp(m->variants[i].name, m->baseline) == 0 ? "  [baseline]" : "");
}

int verb_list(int argc, char **argv)
{
    const char *dir = NULL, *prof = NULL, *pos[1];
    int npos;
    gb_error err;
    gb_profile_id profile = GB_PROFILE_QUICK;
    const gb_option opts[] = {{"--scenarios", OPT_STRING, &dir, 0, 0},
                              {"--profile", OPT_STRING, &prof, 0, 0},
                              {NULL, 0, NULL, 0, 0}};
    gb_options_result how = argc > 4 ? OPTIONS_BAD : options_parse(argc, argv, opts, pos, &npos, &err);
    if (how == OPTIONS_OK && npos > 0)
        how = (gb_fail(&err, "takes no scenario names"), OPTIONS_BAD);
    if (how == OPTIONS_OK && prof && manifest_profile_parse(prof, &profile) != 0)
        how = (gb_fail(&err, "option --profile: '%s' is not smoke, quick or full", prof), OPTIONS_BAD);
    if (how != OPTIONS_OK)
        return verb_usage("list", list_usage, how, argc > 4 ? NULL : &err);
    gb_paths paths;
    gb_catalog cat;
    /* Entry checks off: a listing needs no built kernels (check and run resolve entries). */
    if (paths_init(&paths, dir, &err) != 0 || catalog_load(&cat, paths.scenarios_dir, NULL, 0, NULL, &err) != 0) {
        return verb_fail("list", GB_EXIT_USAGE, "%s", err.msg);
    }
    catalog_print(&cat, "list", stderr);
    for (int i = 0; i < cat.count; i++)
        print_scenario(&cat.items[i], profile);
    int rc = cat.broken ? GB_EXIT_USAGE : GB_EXIT_OK;
    catalog_free(&cat);
    return rc;
}
