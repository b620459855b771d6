/* gbtest_main.c: runs one named case, all cases, or lists them. */
#include "gbtest.h"

#include <stdio.h>

#define GBTEST_MAX 256

static struct { const char *name; gbtest_fn fn; } cases[GBTEST_MAX];
static int case_count;
static int failures;

void gbtest_register(const char *name, gbtest_fn fn)
{
    if (case_count < GBTEST_MAX) {
        cases[case_count].name = name;
        cases[case_count].fn = fn;
        case_count++;
    }
}

void gbtest_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    failures++;
}

int main(int argc, char **argv)
{
    int ran = 0;
    for (int i = 0; i < case_count; i++) {
        if (argc > 1 && strcmp(argv[1], "--list") == 0) {
            puts(cases[i].name);
            continue;
        }
        if (argc > 1 && strcmp(argv[1], cases[i].name) != 0)
            continue;
        cases[i].fn();
        ran++;
    }
    if (argc > 1 && strcmp(argv[1], "--list") == 0)
        return 0;
    if (ran == 0) {
        fprintf(stderr, "no test case named %s\n", argc > 1 ? argv[1] : "(any)");
        return 1;
    }
    return failures ? 1 : 0;
}
