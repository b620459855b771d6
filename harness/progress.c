/* progress.c: progress and ETA on stderr. */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void progress_init(gb_progress *p, int total_measurements)
{
    p->total = total_measurements;
    p->done = 0;
    p->tty = isatty(2);
    p->start_s = now_s();
    p->last_point_printed = -1;
}

/* ETA from the mean time per finished measurement. */
static double eta_s(const gb_progress *p)
{
    if (p->done == 0)
        return -1;
    return (now_s() - p->start_s) / p->done * (p->total - p->done);
}

void progress_step(gb_progress *p, const char *scenario, int point, int points,
                   const char *variant)
{
    double eta = eta_s(p);
    char eta_text[32] = "?";
    if (eta >= 0)
        snprintf(eta_text, sizeof eta_text, "%.0fs", eta);
    if (p->tty) {
        fprintf(stderr, "\r\033[K[%d/%d] %s point %d of %d: %s  ETA %s", p->done + 1, p->total,
                scenario, point + 1, points, variant, eta_text);
        fflush(stderr);
    } else if (point != p->last_point_printed) {
        fprintf(stderr, "gluebench: %s point %d of %d (measurement %d of %d, ETA %s)\n",
                scenario, point + 1, points, p->done + 1, p->total, eta_text);
        p->last_point_printed = point;
    }
}

void progress_advance(gb_progress *p)
{
    p->done++;
}

void progress_finish(gb_progress *p)
{
    if (p->tty)
        fprintf(stderr, "\r\033[K");
    fprintf(stderr, "gluebench: %d measurements in %.1f s\n", p->done, now_s() - p->start_s);
}
