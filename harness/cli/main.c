/* main.c: gluebench's entry point: dispatch to a verb. */
#include "error.h"
#include "verbs.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: gluebench VERB [ARGS]\n"
    "\n"
    "verbs:\n"
    "  list                      the scenarios, their variants and points\n"
    "  run [SCENARIO...]         measure (options: --profile smoke|quick|full, --out DIR, ...)\n"
    "  check [SCENARIO...]       run every variant once per smoke point; compare answers\n"
    "  report DIR                summary.md from a run folder's CSVs\n"
    "  plot DIR                  the charts of a run folder (gnuplot, SVG and PNG)\n"
    "  crosscheck ENGINE ...     time the same variants with Google Benchmark, pyperf or hyperfine\n"
    "  compare A B               two run folders side by side, with a regression verdict\n"
    "  export DIR --format F     the run in pyperf's or Google Benchmark's JSON format\n"
    "  merge DIR... --out DIR    run folders of several machines or interpreters as one\n"
    "  exercise NAME             grade a workshop exercise: answers, then speedup against its target\n"
    "  new NAME [--c]            scaffold a scenario that builds and runs at once\n"
    "  interpreters [--prepare]  the CPythons >= 3.11 here; --prepare PY... builds the extensions\n"
    "\n"
    "'gluebench VERB --help' describes a verb.\n"
    "exit codes: 0 ok; 1 some variant wrong, crashed, hung or failed;\n"
    "            2 bad usage or a bad manifest; 3 an I/O or system error;\n"
    "            129, 130, 143 stopped by SIGHUP, SIGINT, SIGTERM (files stay valid).\n";

int main(int argc, char **argv)
{
    static const struct { const char *name; int (*fn)(int, char **); } verbs[] = {
        {"list", verb_list}, {"run", verb_run}, {"check", verb_check},
        {"report", verb_report}, {"plot", verb_plot}, {"crosscheck", verb_crosscheck},
        {"compare", verb_compare}, {"exercise", verb_exercise}, {"new", verb_new},
        {"export", verb_export}, {"merge", verb_merge}, {"interpreters", verb_interpreters},
    };
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? GB_EXIT_USAGE : GB_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strcmp(argv[1], verbs[i].name) == 0)
            return verbs[i].fn(argc - 2, argv + 2);
    fprintf(stderr, "gluebench: unknown verb '%s'\n\n%s", argv[1], usage);  /* before any verb runs */
    return GB_EXIT_USAGE;
}
