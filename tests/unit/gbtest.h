/* gbtest.h: a minimal test framework for the harness's unit tests.
 *
 * GB_TEST(name) defines a case; CMake reads the names from the source and
 * registers each as its own CTest case (`ctest -R unit.stats.median`).  A
 * failed CHECK records file and line and the case goes on, so one run shows
 * every broken check.
 */
#ifndef GBTEST_H
#define GBTEST_H

#include <math.h>
#include <string.h>

typedef void (*gbtest_fn)(void);

void gbtest_register(const char *name, gbtest_fn fn);
void gbtest_fail(const char *file, int line, const char *what);

#define GB_TEST(name)                                                       \
    static void name(void);                                                 \
    __attribute__((constructor)) static void gbtest_reg_##name(void)        \
    {                                                                       \
        gbtest_register(#name, name);                                       \
    }                                                                       \
    static void name(void)

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond))                                                        \
            gbtest_fail(__FILE__, __LINE__, #cond);                         \
    } while (0)

#define CHECK_NEAR(a, b, tol) CHECK(fabs((double)(a) - (double)(b)) <= (tol))

#define CHECK_CONTAINS(haystack, needle)                                    \
    CHECK((haystack) != NULL && strstr((haystack), (needle)) != NULL)

#endif
