/* progress.h: one progress line on stderr: a line that redraws itself on a
 * terminal, plain lines (one per point) otherwise. */
#ifndef GB_PROGRESS_H
#define GB_PROGRESS_H

#include <stdint.h>

typedef struct gb_progress {
    int64_t total, done;      /* total: the minimum planned; adaptive rounds add more */
    int quiet;
    int tty;
    double start_s;
    int last_point_printed;
} gb_progress;

void progress_init(gb_progress *p, int64_t total_measurements, int quiet);
/* About to run one measurement. */
void progress_step(gb_progress *p, const char *scenario, int point, int points,
                   const char *variant);
/* One measurement finished. */
void progress_advance(gb_progress *p);
void progress_finish(gb_progress *p);

#endif
