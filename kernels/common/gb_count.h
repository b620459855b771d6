/* gb_count.h: the instruction clock's switch (README, "The instruction
 * clock").  Under `valgrind --tool=callgrind --instr-atstart=no
 * --collect-atstart=no` a worker counts only the instructions between
 * gb_count_start() and gb_count_stop(): the timed loop, without start-up,
 * imports or setup.  Outside valgrind both are a few no-op instructions.
 * Without valgrind's headers at build time they do nothing, and
 * gb_count_available() says so. */
#ifndef GB_COUNT_H
#define GB_COUNT_H

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define GB_COUNT_HAVE_VALGRIND 1
#endif
#endif

static inline int gb_count_available(void)
{
#ifdef GB_COUNT_HAVE_VALGRIND
    return 1;
#else
    return 0;
#endif
}

static inline void gb_count_start(void)
{
#ifdef GB_COUNT_HAVE_VALGRIND
    CALLGRIND_START_INSTRUMENTATION;
    CALLGRIND_TOGGLE_COLLECT;
#endif
}

static inline void gb_count_stop(void)
{
#ifdef GB_COUNT_HAVE_VALGRIND
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
}

#endif
