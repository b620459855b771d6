/* verbs.h: the gluebench commands.  Each takes the arguments after its
 * name and returns the process exit code (error.h, GB_EXIT_*). */
#ifndef GB_VERBS_H
#define GB_VERBS_H

int verb_list(int argc, char **argv);
int verb_run(int argc, char **argv);
int verb_check(int argc, char **argv);
int verb_report(int argc, char **argv);
int verb_plot(int argc, char **argv);
int verb_crosscheck(int argc, char **argv);
int verb_compare(int argc, char **argv);
int verb_export(int argc, char **argv);
int verb_exercise(int argc, char **argv);
int verb_new(int argc, char **argv);
int verb_merge(int argc, char **argv);
int verb_interpreters(int argc, char **argv);

#endif
