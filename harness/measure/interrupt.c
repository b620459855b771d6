/* interrupt.c: the one piece of process-wide state, as a signal handler
 * must have it. */
#include "interrupt.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t requested;

static void on_signal(int signo)
{
    if (!requested)
        requested = signo;
}

void interrupt_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a blocked poll() must return so the run can stop. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* A file-size limit makes write() fail with EFBIG, which the writers
     * report, instead of killing the harness mid-row. */
    signal(SIGXFSZ, SIG_IGN);
}

int interrupt_requested(void)
{
    return requested != 0;
}

int interrupt_exit_code(void)
{
    return requested ? 128 + requested : 0;
}
