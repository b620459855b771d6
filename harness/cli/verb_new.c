/* verb_new.c: `gluebench new NAME`: scaffolds a scenario (placeholder). */
#include "options.h"
#include "verbs.h"

int verb_new(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return verb_fail("new", GB_EXIT_USAGE, "not yet");
}
