/* report.c: placeholder until the report verb lands. */
#include "verbs.h"
int verb_report(int argc, char **argv) { (void)argc; (void)argv; return 2; }
