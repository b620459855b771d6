/* isolate.c: evaluating a manifest in a child process.
 *
 * Why a child: the loader's instruction hook cannot stop a long call inside
 * Lua's string library (a backtracking pattern in string.find, a huge
 * gsub), and only a process can be stopped from outside whatever it is
 * doing.  So each manifest runs in a fork()ed child under RLIMIT_CPU and
 * RLIMIT_AS, and the parent waits on the result pipe with a wall-clock
 * deadline, then kills the child.  The child writes back the plain structs:
 * the gb_manifest, then each array its pointers own, in a fixed order;
 * the parent checks every count and length before it trusts one.
 * In the child the loader's own soft limit (0.8 s, manifest.c) fires first
 * when the time goes to Lua instructions, and names the line.
 */
#include "manifest_eval.h"

#include "clock.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define ISOLATE_DEADLINE_S 1.2          /* wall clock, then SIGKILL */
#define ISOLATE_CPU_S 2                 /* RLIMIT_CPU: a backstop to the deadline */
#define ISOLATE_HEADROOM (256u << 20)   /* RLIMIT_AS above what the parent maps */
#define ISOLATE_MAX_REPLY (64u << 20)
#define ISOLATE_MAGIC 0x67626d31u       /* "gbm1" */
#define ISOLATE_MAX_PARTS 4096

#if defined(__SANITIZE_ADDRESS__)
#define ISOLATE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ISOLATE_SANITIZED 1
#endif
#endif

typedef struct reply_head {
    uint32_t magic;
    int32_t status;     /* 0: a manifest follows; else an error message */
    uint64_t length;    /* bytes after the head */
} reply_head;

/* A growing byte buffer. */
typedef struct bytes {
    char *data;
    size_t len, cap;
    int failed;
} bytes;

static void bytes_put(bytes *b, const void *src, size_t n)
{
    if (b->failed || n == 0)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, src, n);
    b->len += n;
}

/* ---- the child --------------------------------------------------------- */

static void serialize(const gb_manifest *m, bytes *b)
{
    bytes_put(b, m, sizeof *m);
    bytes_put(b, m->variants, (size_t)m->variant_count * sizeof *m->variants);
    bytes_put(b, m->charts, (size_t)m->chart_count * sizeof *m->charts);
    bytes_put(b, m->findings, (size_t)m->finding_count * sizeof *m->findings);
    bytes_put(b, m->metrics, (size_t)m->metric_count * sizeof *m->metrics);
    for (int prof = 0; prof < GB_PROFILE_COUNT; prof++)
        for (int i = 0; i < m->param_count; i++)
            bytes_put(b, m->sweeps[prof].values[i],
                      (size_t)m->sweeps[prof].counts[i] * sizeof(int64_t));
}

static void write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            _exit(3);
        p += w;
        n -= (size_t)w;
    }
}

/* The address-space cap: what this process maps now plus the headroom
 * (the parent's own mappings are inherited).  Not under AddressSanitizer,
 * whose shadow memory is terabytes of reserved address space. */
static void cap_memory(void)
{
#ifndef ISOLATE_SANITIZED
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return;
    int ok = fscanf(f, "%lu", &pages) == 1;
    fclose(f);
    if (!ok)
        return;
    rlim_t size = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ISOLATE_HEADROOM;
    struct rlimit as = {size, size};
    setrlimit(RLIMIT_AS, &as);
#endif
}

static void run_child(int fd, const char *path, const char *source, size_t len)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    struct rlimit cpu = {ISOLATE_CPU_S, ISOLATE_CPU_S + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    cap_memory();
    gb_manifest m;
    gb_error err;
    bytes b = {0};
    reply_head head = {ISOLATE_MAGIC, 0, 0};
    if (manifest_eval(path, source, len, &manifest_default_limits, &m, &err) == 0) {
        serialize(&m, &b);
        manifest_free(&m);
        if (b.failed) {
            head.status = 1;
            b.len = 0;
            bytes_put(&b, "out of memory", strlen("out of memory"));
        }
    } else {
        head.status = 1;
        bytes_put(&b, err.msg, strlen(err.msg));
    }
    head.length = b.len;
    write_all(fd, &head, sizeof head);
    write_all(fd, b.data, b.len);
    free(b.data);
    _exit(0);
}

/* ---- the parent -------------------------------------------------------- */

/* Reads the child's whole reply until end of file or the deadline; 1 when
 * the child closed the pipe in time. */
static int read_reply(int fd, bytes *b, double deadline)
{
    char chunk[65536];
    for (;;) {
        double left = deadline - clock_now_s();
        if (left <= 0)
            return 0;
        struct pollfd p = {fd, POLLIN, 0};
        int ready = poll(&p, 1, (int)(left * 1000) + 1);
        if (ready <= 0)
            continue; /* a timeout or a signal: the deadline decides */
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 1;
        if (b->len + (size_t)n > ISOLATE_MAX_REPLY)
            return 1; /* the length check below refuses it */
        bytes_put(b, chunk, (size_t)n);
    }
}

/* Takes n bytes at *at into a fresh allocation (NULL for none). */
static int take(const bytes *b, size_t *at, size_t n, void **out)
{
    *out = NULL;
    if (n > b->len - *at)
        return -1;
    if (n == 0)
        return 0;
    if (!(*out = malloc(n)))
        return -1;
    memcpy(*out, b->data + *at, n);
    *at += n;
    return 0;
}

static int counts_valid(const gb_manifest *m)
{
    if (m->param_count < 0 || m->param_count > GB_MAX_PARAMS || m->variant_count < 0 ||
        m->chart_count < 0 || m->finding_count < 0 || m->metric_count < 0 ||
        m->variant_count > ISOLATE_MAX_PARTS || m->chart_count > ISOLATE_MAX_PARTS ||
        m->finding_count > ISOLATE_MAX_PARTS || m->metric_count > ISOLATE_MAX_PARTS)
        return 0;
    for (int prof = 0; prof < GB_PROFILE_COUNT; prof++)
        for (int i = 0; i < m->param_count; i++)
            if (m->sweeps[prof].counts[i] < 0 || m->sweeps[prof].counts[i] > GB_MAX_POINTS)
                return 0;
    return 1;
}

/* Rebuilds *m from the reply after the head; -1 when it does not add up. */
static int deserialize(const bytes *b, size_t at, gb_manifest *m)
{
    char path[GB_TEXT_LEN];
    memcpy(path, m->path, sizeof path);
    if (b->len - at < sizeof *m)
        return -1;
    memcpy(m, b->data + at, sizeof *m);
    at += sizeof *m;
    memcpy(m->path, path, sizeof path);
    m->variants = NULL;
    m->charts = NULL;
    m->findings = NULL;
    m->metrics = NULL;
    for (int prof = 0; prof < GB_PROFILE_COUNT; prof++)
        memset(m->sweeps[prof].values, 0, sizeof m->sweeps[prof].values);
    if (!counts_valid(m))
        return -1;
    int bad = take(b, &at, (size_t)m->variant_count * sizeof *m->variants, (void **)&m->variants) ||
              take(b, &at, (size_t)m->chart_count * sizeof *m->charts, (void **)&m->charts) ||
              take(b, &at, (size_t)m->finding_count * sizeof *m->findings, (void **)&m->findings) ||
              take(b, &at, (size_t)m->metric_count * sizeof *m->metrics, (void **)&m->metrics);
    for (int prof = 0; !bad && prof < GB_PROFILE_COUNT; prof++)
        for (int i = 0; !bad && i < m->param_count; i++)
            bad = take(b, &at, (size_t)m->sweeps[prof].counts[i] * sizeof(int64_t),
                       (void **)&m->sweeps[prof].values[i]);
    return bad || at != b->len ? -1 : 0;
}

/* The error for a child that gave no complete reply. */
static int child_failed(const char *path, int timed_out, int status, gb_error *err)
{
    if (timed_out)
        return gb_fail(err, "%s: the manifest did not finish within %.1f s (a string function "
                       "on a huge input or a backtracking pattern?)", path, ISOLATE_DEADLINE_S);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
        return gb_fail(err, "%s: the manifest used over %d s of CPU time", path, ISOLATE_CPU_S);
    if (WIFSIGNALED(status))
        return gb_fail(err, "%s: evaluating the manifest ended by signal %d (%s)", path,
                       WTERMSIG(status), strsignal(WTERMSIG(status)));
    return gb_fail(err, "%s: evaluating the manifest failed (exit status %d, no reply)", path,
                   WEXITSTATUS(status));
}

/* Turns a complete reply into *out or err. */
static int use_reply(const char *path, const bytes *b, gb_manifest *out, gb_error *err)
{
    reply_head head;
    if (b->len < sizeof head)
        return -2;
    memcpy(&head, b->data, sizeof head);
    if (head.magic != ISOLATE_MAGIC || head.length != b->len - sizeof head)
        return -2;
    if (head.status != 0)
        return gb_fail(err, "%.*s", (int)head.length, b->data + sizeof head);
    if (deserialize(b, sizeof head, out) == 0)
        return 0;
    manifest_free(out);
    return gb_fail(err, "%s: the manifest loader's reply does not add up", path);
}

int manifest_isolated(const char *path, const char *source, size_t len, gb_manifest *out,
                      gb_error *err)
{
    int fds[2];
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);
    if (pipe(fds) != 0)
        return gb_fail(err, "%s: cannot create a pipe: %s", path, strerror(errno));
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        run_child(fds[1], path, source, len);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return gb_fail(err, "%s: cannot fork: %s", path, strerror(errno));
    }
    bytes b = {0};
    int done = read_reply(fds[0], &b, clock_now_s() + ISOLATE_DEADLINE_S);
    if (!done)
        kill(pid, SIGKILL);
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int rc = b.failed ? gb_fail(err, "%s: out of memory", path) : use_reply(path, &b, out, err);
    if (rc == -2)
        rc = child_failed(path, !done, status, err);
    free(b.data);
    return rc;
}
