/* progress.h: one progress line on stderr: a line that redraws itself on a
 * terminal, plain lines (one per point) otherwise. */
#ifndef GB_PROGRESS_H
#define GB_PROGRESS_H

typedef struct gb_progress {
    int total, done;
    int tty;
    double start_s;
    int last_point_printed;
} gb_progress;

void progress_init(gb_progress *p, int total_measurements);
/* About to run one measurement. */
void progress_step(gb_progress *p, const char *scenario, int point, int points,
                   const char *variant);
/* One measurement finished. */
void progress_advance(gb_progress *p);
void progress_finish(gb_progress *p);

#endif
