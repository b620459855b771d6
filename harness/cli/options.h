/* options.h: the one command-line parser every verb uses: -h/--help
 * everywhere, strict numbers everywhere (a value must parse whole and lie
 * in range), unknown options named with the nearest known one, and one
 * function that reports a verb's error. */
#ifndef GB_OPTIONS_H
#define GB_OPTIONS_H

#include "error.h"

#include <stdint.h>

typedef enum { OPT_FLAG, OPT_STRING, OPT_INT, OPT_U64, OPT_DOUBLE, OPT_LIST } gb_option_type;

/* A repeatable option's values (OPT_LIST); items has room for argc. */
typedef struct gb_option_list {
    const char **items;
    int count;
} gb_option_list;

typedef struct gb_option {
    const char *name;          /* "--profile" */
    gb_option_type type;
    void *dest;                /* int* (flag, int), const char** (string),
                                  unsigned long long* (u64), double*, gb_option_list* */
    double min, max;           /* numbers: the accepted range */
} gb_option;

typedef enum { OPTIONS_OK = 0, OPTIONS_HELP = 1, OPTIONS_BAD = -1 } gb_options_result;

/* Parses argv[0..argc) against opts (ended by a NULL name).  Words that do
 * not start with '-' go to positional (room for argc entries), their count
 * to *npos.  OPTIONS_HELP when -h or --help is among them.  OPTIONS_BAD
 * with err naming the option and the reason (unknown, with a suggestion;
 * missing value; a value that is not a number in range). */
gb_options_result options_parse(int argc, char **argv, const gb_option *opts,
                                const char **positional, int *npos, gb_error *err);

/* Prints "gluebench VERB: MESSAGE" on stderr and returns code: the one way
 * a verb reports an error. */
int verb_fail(const char *verb, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints usage on stdout for help (returns GB_EXIT_OK), or err and usage on
 * stderr (returns GB_EXIT_USAGE). */
int verb_usage(const char *verb, const char *usage, gb_options_result how, const gb_error *err);

#endif
