/* clock.c: CLOCK_MONOTONIC (clock.h). */
#include "clock.h"

#include <time.h>

double clock_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

double clock_now_s(void)
{
    return clock_now_ns() * 1e-9;
}
