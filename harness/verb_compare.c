/* verb_compare.c: placeholder; the verb is being written. */
#include "verbs.h"

#include <stdio.h>

int verb_compare(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "gluebench: 'compare' is not available yet\n");
    return 2;
}
