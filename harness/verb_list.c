/* verb_list.c: `gluebench list`: what the scenarios folder holds. */
#include "catalog.h"
#include "paths.h"
#include "verbs.h"

#include <stdio.h>
#include <string.h>

static const char list_usage[] =
    "usage: gluebench list [--scenarios DIR] [--profile P]\n"
    "Lists each scenario with its question, variants and number of points.\n";

static void print_scenario(const gb_manifest *m, gb_profile_id profile)
{
    printf("%s  (talk %s, %d points in %s)\n  %s\n  %s\n", m->name, m->talk,
           manifest_point_count(m, profile), manifest_profile_name(profile), m->title,
           m->question);
    for (int i = 0; i < m->variant_count; i++)
        printf("    %-18s %-7s %s%s\n", m->variants[i].name,
               manifest_kind_name(m->variants[i].kind), m->variants[i].label,
               strcmp(m->variants[i].name, m->baseline) == 0 ? "  [baseline]" : "");
}

int verb_list(int argc, char **argv)
{
    const char *dir = NULL;
    gb_profile_id profile = GB_PROFILE_QUICK;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--scenarios") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc &&
                 manifest_profile_parse(argv[i + 1], &profile) == 0)
            i++;
        else {
            fputs(list_usage, strcmp(argv[i], "--help") == 0 ? stdout : stderr);
            return strcmp(argv[i], "--help") == 0 ? GB_EXIT_OK : GB_EXIT_USAGE;
        }
    }
    gb_paths paths;
    gb_catalog cat;
    gb_error err;
    if (paths_init(&paths, dir, &err) != 0 || catalog_load(&cat, paths.scenarios_dir, NULL, 0, &err) != 0) {
        fprintf(stderr, "gluebench: %s\n", err.msg);
        return GB_EXIT_USAGE;
    }
    for (int i = 0; i < cat.count; i++)
        print_scenario(&cat.items[i], profile);
    int rc = cat.broken ? GB_EXIT_USAGE : GB_EXIT_OK;
    catalog_free(&cat);
    return rc;
}
