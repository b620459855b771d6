/* progress.c: progress and ETA on stderr. */
#include "progress.h"

#include "clock.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>


void progress_init(gb_progress *p, int64_t total_measurements, int quiet)
{
    p->total = total_measurements;
    p->quiet = quiet;
    p->done = 0;
    p->tty = isatty(2);
    p->start_s = clock_now_s();
    p->last_point_printed = -1;
}

/* ETA from the mean time per finished measurement. */
static double eta_s(const gb_progress *p)
{
    if (p->done == 0)
        return -1;
    if (p->done >= p->total)
        return 0;
    return (clock_now_s() - p->start_s) / (double)p->done * (double)(p->total - p->done);
}

void progress_step(gb_progress *p, const char *scenario, int point, int points,
                   const char *variant)
{
    if (p->quiet)
        return;
    double eta = eta_s(p);
    char eta_text[32] = "?";
    if (eta >= 0)
        snprintf(eta_text, sizeof eta_text, "%.0fs", eta);
    if (p->tty) {
        fprintf(stderr, "\r\033[K[%lld/%lld] %s point %d of %d: %s  ETA %s", (long long)p->done + 1,
                (long long)(p->done < p->total ? p->total : p->done + 1),
                scenario, point + 1, points, variant, eta_text);
        fflush(stderr);
    } else if (point != p->last_point_printed) {
        fprintf(stderr, "gluebench: %s point %d of %d (measurement %lld of at least %lld, ETA %s)\n",
                scenario, point + 1, points, (long long)p->done + 1, (long long)p->total, eta_text);
        p->last_point_printed = point;
    }
}

void progress_advance(gb_progress *p)
{
    p->done++;
}

void progress_finish(gb_progress *p)
{
    if (p->quiet)
        return;
    if (p->tty)
        fprintf(stderr, "\r\033[K");
    fprintf(stderr, "gluebench: %lld measurements in %.1f s\n", (long long)p->done,
            clock_now_s() - p->start_s);
}
