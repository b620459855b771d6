/* clock.h: the harness's one clock: CLOCK_MONOTONIC, in seconds and in
 * nanoseconds (timeouts, ETAs, whole-process samples). */
#ifndef GB_CLOCK_H
#define GB_CLOCK_H

double clock_now_s(void);
double clock_now_ns(void);

#endif
