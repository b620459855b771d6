/* worker.c: worker processes over two pipes. */
#include "worker.h"

#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>


/* In the child: wire the pipes and exec; never returns.  Address space
 * randomisation is turned off for the worker (as `setarch -R` does): with
 * it on, each fresh process gets another memory layout, and for Python
 * that alone moved medians by tens of percent between identical runs. */
static void exec_child(char *const argv[], int in_fd, int out_fd, int err_fd, int memory_mb)
{
    setpgid(0, 0);
    personality(ADDR_NO_RANDOMIZE);
    if (memory_mb > 0) {
        /* An address-space cap: an allocation past it fails (MemoryError in
         * Python, NULL from malloc in C) instead of the machine swapping. */
        struct rlimit cap = {(rlim_t)memory_mb << 20, (rlim_t)memory_mb << 20};
        setrlimit(RLIMIT_AS, &cap);
    }
    signal(SIGPIPE, SIG_DFL);
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    if (err_fd >= 0)
        dup2(err_fd, 2);
    execvp(argv[0], argv);
    fprintf(stderr, "gluebench: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Copies what the worker's stderr holds now to the log, up to the cap, and
 * counts the rest.  Closes err_fd at end of file. */
static void drain_stderr(gb_worker *w)
{
    char chunk[65536];
    while (w->err_fd >= 0) {
        ssize_t n = read(w->err_fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0) {
            close(w->err_fd);
            w->err_fd = -1;
            return;
        }
        size_t keep = GB_WORKER_LOG_CAP - w->err_kept;
        keep = (size_t)n < keep ? (size_t)n : keep;
        if (keep > 0 && write(w->log_fd, chunk, keep) == (ssize_t)keep)
            w->err_kept += keep;
        w->err_dropped += (long long)((size_t)n - keep);
    }
}

/* Once per process: orphans of a worker come back to the harness (to be
 * reaped with its group) instead of to PID 1, which in a container may
 * never reap them. */
static void become_subreaper(void)
{
    static int done;
    if (!done)
        prctl(PR_SET_CHILD_SUBREAPER, 1);
    done = 1;
}

/* The pipes: in (stdin), out (protocol), err (stderr, when logged). */
static int make_pipes(int to[2], int from[2], int err[2], int log_fd, gb_error *err_out)
{
    err[0] = err[1] = -1;
    if (pipe2(to, O_CLOEXEC) < 0)
        return gb_fail(err_out, "cannot create a pipe: %s", strerror(errno));
    if (pipe2(from, O_CLOEXEC) == 0 && (log_fd < 0 || pipe2(err, O_CLOEXEC) == 0))
        return 0;
    int e = errno;
    close(to[0]);
    close(to[1]);
    if (from[0] >= 0) {
        close(from[0]);
        close(from[1]);
    }
    return gb_fail(err_out, "cannot create a pipe: %s", strerror(e));
}

int worker_start(gb_worker *w, char *const argv[], int log_fd, int memory_mb, gb_error *err)
{
    int to[2], from[2] = {-1, -1}, errp[2];
    memset(w, 0, sizeof *w);
    w->pid = -1;
    w->err_fd = -1;
    w->log_fd = log_fd;
    if (make_pipes(to, from, errp, log_fd, err) != 0)
        return -1;
    become_subreaper();
    pid_t pid = fork();
    if (pid == 0)
        exec_child(argv, to[0], from[1], errp[1], memory_mb);
    close(to[0]);
    close(from[1]);
    if (errp[1] >= 0)
        close(errp[1]);
    if (pid < 0) {
        close(to[1]);
        close(from[0]);
        if (errp[0] >= 0)
            close(errp[0]);
        return gb_fail(err, "cannot fork: %s", strerror(errno));
    }
    setpgid(pid, pid); /* also here, so the group exists before any kill */
    w->pid = pid;
    w->to_fd = to[1];
    w->from_fd = from[0];
    w->err_fd = errp[0];
    if (w->err_fd >= 0)
        fcntl(w->err_fd, F_SETFL, O_NONBLOCK);
    return 0;
}

int worker_send(gb_worker *w, const char *line)
{
    char buf[GB_LINE_MAX + 1];
    int len = snprintf(buf, sizeof buf, "%s\n", line);
    if (len < 0 || (size_t)len >= sizeof buf)
        return -1;
    ssize_t done = 0;
    while (done < len) {
        ssize_t n = write(w->to_fd, buf + done, (size_t)(len - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        done += n;
    }
    return 0;
}

/* Moves one complete line from the buffer into line, if there is one. */
static int take_line(gb_worker *w, char *line, size_t cap)
{
    char *nl = memchr(w->buf, '\n', w->len);
    if (!nl)
        return 0;
    size_t n = (size_t)(nl - w->buf);
    snprintf(line, cap, "%.*s", (int)n, w->buf);
    memmove(w->buf, nl + 1, w->len - n - 1);
    w->len -= n + 1;
    return 1;
}

/* Waits until the worker's output is readable, then reads once into buf.
 * GB_READ_OK with *got > 0, GB_READ_CLOSED at end of file, or why not. */
/* Waits until the worker's output is readable, then reads once into buf.
 * GB_READ_OK with *got > 0, GB_READ_CLOSED at end of file, or why not.
 * Drains its stderr meanwhile, so that it never blocks on it. */
static gb_read_status read_some(gb_worker *w, char *buf, size_t cap, size_t *got,
                                double deadline)
{
    for (;;) {
        double left = deadline - clock_now_s();
        if (left <= 0)
            return GB_READ_TIMEOUT;
        struct pollfd pfd[2] = {{w->from_fd, POLLIN, 0}, {w->err_fd, POLLIN, 0}};
        int ready = poll(pfd, w->err_fd >= 0 ? 2 : 1, left > 1e6 ? -1 : (int)(left * 1000) + 1);
        if (ready < 0 && errno == EINTR)
            return GB_READ_INTERRUPTED;
        if (w->err_fd >= 0 && pfd[1].revents)
            drain_stderr(w);
        if (ready <= 0 || !pfd[0].revents)
            continue;
        ssize_t n = read(w->from_fd, buf, cap);
        if (n < 0 && errno == EINTR)
            return GB_READ_INTERRUPTED;
        if (n <= 0)
            return GB_READ_CLOSED;
        *got = (size_t)n;
        return GB_READ_OK;
    }
}

gb_read_status worker_read(gb_worker *w, char *line, size_t cap, double timeout_s)
{
    double deadline = clock_now_s() + timeout_s;
    while (!take_line(w, line, cap)) {
        size_t got = 0;
        if (w->len == sizeof w->buf)
            return GB_READ_TOO_LONG;
        gb_read_status st = read_some(w, w->buf + w->len, sizeof w->buf - w->len, &got, deadline);
        if (st != GB_READ_OK)
            return st;
        w->len += got;
    }
    return GB_READ_OK;
}

gb_read_status worker_read_chunk(gb_worker *w, char *buf, size_t cap, size_t *got,
                                 double timeout_s)
{
    *got = 0;
    return read_some(w, buf, cap, got, clock_now_s() + timeout_s);
}

void worker_close_input(gb_worker *w)
{
    if (w->to_fd >= 0)
        close(w->to_fd);
    w->to_fd = -1;
}

/* Sleeps until pid may have exited or the deadline passes: on a pidfd when
 * the kernel has them (woken the moment it exits, so a whole-process
 * sample is not stretched by a nap), else in 2 ms naps.  Its stderr is
 * drained meanwhile: a worker blocked writing it would never exit. */
static void wait_exit(gb_worker *w, int pidfd, double deadline)
{
    double left = deadline - clock_now_s();
    struct pollfd p[2] = {{pidfd, POLLIN, 0}, {w->err_fd, POLLIN, 0}};
    int timeout_ms = left > 1e6 ? -1 : (int)(left * 1000.0) + 1;
    if (pidfd < 0) {
        p[0].fd = -1; /* poll ignores it */
        timeout_ms = 2;
    }
    poll(p, 2, timeout_ms);
    drain_stderr(w);
}

/* wait4 without blocking until deadline; returns 1 once reaped. */
static int reap_until(gb_worker *w, double deadline, int *status, struct rusage *ru)
{
    int pidfd = (int)syscall(SYS_pidfd_open, w->pid, 0);
    int reaped = 0;
    for (;;) {
        pid_t got = wait4(w->pid, status, WNOHANG, ru);
        if (got == w->pid || (got < 0 && errno != EINTR)) {
            reaped = 1;
            break;
        }
        if (clock_now_s() >= deadline)
            break;
        wait_exit(w, pidfd, deadline);
    }
    if (pidfd >= 0)
        close(pidfd);
    return reaped;
}

/* Reaps what is left of the worker's process group (already sent SIGKILL):
 * its orphans are the harness's children now (become_subreaper).  Waits at
 * most a second for the kernel to finish killing them. */
static void reap_group(gb_worker *w)
{
    double deadline = clock_now_s() + 1.0;
    for (;;) {
        pid_t got = waitpid(-w->pid, NULL, WNOHANG);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || clock_now_s() >= deadline)
            return; /* ECHILD: none left in the group */
        if (got == 0) {
            struct timespec nap = {0, 1000000};
            nanosleep(&nap, NULL);
        }
    }
}

/* The rest of the stderr, then the count of what did not fit. */
static void close_stderr(gb_worker *w)
{
    drain_stderr(w);
    if (w->err_fd >= 0)
        close(w->err_fd); /* a process outside the group still holds it */
    w->err_fd = -1;
    if (w->err_dropped > 0 && w->log_fd >= 0)
        dprintf(w->log_fd, "\n[gluebench: %lld more bytes of this worker's stderr dropped; the "
                "first %d KiB are kept]\n", w->err_dropped, GB_WORKER_LOG_CAP >> 10);
}

void worker_finish(gb_worker *w, double grace_s, gb_exit *ex)
{
    int status = 0;
    struct rusage ru;
    memset(ex, 0, sizeof *ex);
    memset(&ru, 0, sizeof ru);
    if (w->pid <= 0)
        return;
    worker_close_input(w);
    if (!reap_until(w, clock_now_s() + grace_s, &status, &ru)) {
        kill(-w->pid, SIGKILL);
        ex->killed_by_us = 1;
        while (wait4(w->pid, &status, 0, &ru) < 0 && errno == EINTR)
            ;
    }
    kill(-w->pid, SIGKILL); /* anything the worker left behind in its group */
    reap_group(w);
    close_stderr(w);
    close(w->from_fd);
    w->pid = -1;
    ex->signaled = WIFSIGNALED(status);
    ex->code = ex->signaled ? WTERMSIG(status) : WEXITSTATUS(status);
    ex->maxrss_kb = ru.ru_maxrss;
}

void worker_exit_text(const gb_exit *ex, char *out, size_t cap)
{
    if (ex->signaled)
        snprintf(out, cap, "signal %d (%s)", ex->code, strsignal(ex->code));
    else
        snprintf(out, cap, "exit status %d", ex->code);
}
