/* verb_crosscheck.c: placeholder; the verb is being written. */
#include "verbs.h"

#include <stdio.h>

int verb_crosscheck(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "gluebench: 'crosscheck' is not available yet\n");
    return 2;
}
