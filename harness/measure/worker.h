/* worker.h: one worker process: start it, talk to it line by line with a
 * deadline, and reap it with its resource usage.
 *
 * The worker runs in its own process group, so that killing it also kills
 * anything it started (a server, a process pool), and so that a Ctrl-C on the
 * terminal reaches only the harness, which then stops the worker itself.
 * The harness is a child subreaper: what the worker started and left
 * behind becomes the harness's child when the worker dies, and is reaped
 * with the group, so no zombie outlives a measurement.
 *
 * A worker's stderr (where gbworker also points the variant's stdout) comes
 * through a pipe the harness drains whenever it waits on the worker: the
 * first GB_WORKER_LOG_CAP bytes go to the log, the rest is counted and
 * dropped, so a variant printing without end neither fills the disk nor
 * blocks on a full pipe. */
#ifndef GB_WORKER_H
#define GB_WORKER_H

#include "error.h"
#include "gb_limits.h"

#include <stddef.h>
#include <sys/types.h>

#define GB_WORKER_LOG_CAP (64 << 10) /* stderr bytes kept per worker in the log */

typedef enum {
    GB_READ_OK,
    GB_READ_TIMEOUT,
    GB_READ_CLOSED,       /* end of file: the worker died or closed stdout */
    GB_READ_INTERRUPTED,  /* Ctrl-C */
    GB_READ_TOO_LONG,
} gb_read_status;

typedef struct gb_worker {
    pid_t pid;
    int to_fd;      /* the worker's stdin */
    int from_fd;    /* the worker's protocol output */
    char buf[GB_LINE_MAX];
    size_t len;
    int err_fd;        /* the worker's stderr, non-blocking; -1: none or closed */
    int log_fd;        /* where it goes */
    size_t err_kept;   /* bytes written to log_fd */
    long long err_dropped;
} gb_worker;

typedef struct gb_exit {
    int signaled;   /* 1: killed by signal `code` */
    int code;       /* exit status or signal number */
    int killed_by_us;
    long maxrss_kb; /* peak resident set size, from wait4 */
} gb_exit;

/* Starts argv[0] with argv, stderr going to log_fd, capped (or inherited if < 0),
 * its address space capped at memory_mb (0: no cap).  Returns 0, or -1
 * with err. */
int worker_start(gb_worker *w, char *const argv[], int log_fd, int memory_mb, gb_error *err);

/* Sends one line (a newline is added).  Returns 0, or -1 if the pipe broke. */
int worker_send(gb_worker *w, const char *line);

/* Reads one reply line into line (newline stripped) within timeout_s. */
gb_read_status worker_read(gb_worker *w, char *line, size_t cap, double timeout_s);

/* Reads whatever output is there (up to cap bytes) within timeout_s:
 * GB_READ_OK with *got > 0, or GB_READ_CLOSED at the end of the output. */
gb_read_status worker_read_chunk(gb_worker *w, char *buf, size_t cap, size_t *got,
                                 double timeout_s);

/* Closes the worker's stdin now: it reads end of file. */
void worker_close_input(gb_worker *w);

/* Closes the worker's stdin, waits up to grace_s for it to exit, then kills
 * its process group; reaps it and its group and fills *ex.  Always leaves no
 * process.  The rest of its stderr goes to the log, then a line saying how
 * much was dropped, if any. */
void worker_finish(gb_worker *w, double grace_s, gb_exit *ex);

/* Describes an exit ("exit status 3", "signal 11 (Segmentation fault)"). */
void worker_exit_text(const gb_exit *ex, char *out, size_t cap);

#endif
