/* plot.c: placeholder until the plot verb lands. */
#include "verbs.h"
int verb_plot(int argc, char **argv) { (void)argc; (void)argv; return 2; }
