/* measure.c: driving one worker through one measurement. */
#include "measure.h"

#include "command.h"
#include "worker.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MEASURE_MAX_LOOPS 1000000000LL
#define MEASURE_QUIT_GRACE_S 5.0
/* A calibration sample under valgrind, uninstrumented.  The counted sample
 * also counts a fixed cost around its loop (a few thousand instructions:
 * the counter's switch, the clock reads), spread over its loops; the loop
 * count comes from the clock, so a loaded machine gives fewer loops and a
 * larger share: at 2 ms, 1,200 loops against 8,546 moved an empty
 * extension call from 533.5 to 536.5 instructions (a fresh clone's make
 * test).  At 20 ms the loops are ten times as many and that share ten
 * times smaller (the cure is counting it apart: see the README). */
#define MEASURE_INSTR_TARGET_S 0.02

static const char *const status_names[GB_STATUS_COUNT] = {
    "ok", "wrong", "unchecked", "crashed", "timeout", "error", "garbage", "interrupted",
    "skipped", "oom"};

const char *measure_status_name(gb_status status)
{
    return status_names[status];
}

typedef struct session {
    gb_worker w;
    const gb_job *job;
    gb_measurement *out;
    int failed;
} session;

static void set_failure(session *s, gb_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records why the measurement ended: the status and a message. */
static void set_failure(session *s, gb_status status, const char *fmt, ...)
{
    va_list ap;
    s->failed = 1;
    s->out->status = status;
    va_start(ap, fmt);
    vsnprintf(s->out->message, sizeof s->out->message, fmt, ap);
    va_end(ap);
}

/* Sends cmd and reads one reply of kind `want`; on any failure records the
 * status and returns -1. */
static int request(session *s, const char *cmd, gb_reply_kind want, gb_reply *reply)
{
    char line[GB_LINE_MAX];
    if (cmd && worker_send(&s->w, cmd) != 0) {
        set_failure(s, GB_STATUS_CRASHED, "worker closed its input before '%s'", cmd);
        return -1;
    }
    const char *what = cmd ? cmd : "start";
    switch (worker_read(&s->w, line, sizeof line, s->job->m->timeout)) {
    case GB_READ_OK:
        break;
    case GB_READ_TIMEOUT:
        set_failure(s, GB_STATUS_TIMEOUT, "no reply to '%s' within the timeout", what);
        return -1;
    case GB_READ_INTERRUPTED:
        set_failure(s, GB_STATUS_INTERRUPTED, "interrupted during '%s'", what);
        return -1;
    case GB_READ_CLOSED:
        set_failure(s, GB_STATUS_CRASHED, "worker died during '%s'", what);
        return -1;
    case GB_READ_TOO_LONG:
        set_failure(s, GB_STATUS_GARBAGE, "reply to '%s' is too long", what);
        return -1;
    }
    protocol_parse(line, reply);
    if (reply->kind == GB_REPLY_ERROR)
        set_failure(s, strncmp(reply->text, "MemoryError", 11) == 0 ? GB_STATUS_OOM : GB_STATUS_ERROR,
                    "%s: %s", what, reply->text);
    else if (reply->kind != want)
        set_failure(s, GB_STATUS_GARBAGE, "unexpected reply to '%s': '%s'", what, line);
    return s->failed ? -1 : 0;
}

/* Sends command id with its arguments and reads the reply the protocol
 * table says it gives. */
static int send(session *s, gb_command_id id, const char *const *args, gb_reply *r)
{
    char cmd[GB_LINE_MAX];
    if (protocol_command(cmd, sizeof cmd, id, args) != 0) {
        set_failure(s, GB_STATUS_ERROR, "cannot send '%s': an argument is empty, too long or "
                    "holds a space", gb_commands[id].word);
        return -1;
    }
    return request(s, cmd, gb_commands[id].reply, r);
}

static int send_setup(session *s)
{
    const gb_job *job = s->job;
    const gb_variant *v = job->v;
    char value[32];
    gb_reply r;
    if (request(s, NULL, GB_REPLY_READY, &r))
        return -1;
    const char *variant[] = {v->entry, v->setup[0] ? v->setup : "-",
                             v->teardown[0] ? v->teardown : "-"};
    if (send(s, GB_CMD_VARIANT, variant, &r))
        return -1;
    for (int i = 0; i < job->point->count; i++) {
        snprintf(value, sizeof value, "%lld", (long long)job->point->values[i]);
        const char *param[] = {job->point->names[i], value};
        if (send(s, GB_CMD_PARAM, param, &r))
            return -1;
    }
    snprintf(value, sizeof value, "%llu", job->seed);
    const char *seed[] = {value};
    return send(s, GB_CMD_SETUP, seed, &r);
}

static int take_sample(session *s, long long loops, gb_reply *r)
{
    char value[32];
    snprintf(value, sizeof value, "%lld", loops);
    const char *args[] = {value};
    return send(s, GB_CMD_SAMPLE, args, r);
}

/* Files the sample's named metrics under the manifest's metric index; a
 * name the manifest does not declare ends the measurement. */
static int keep_metrics(session *s, const gb_reply *r, int i)
{
    const gb_manifest *m = s->job->m;
    for (int k = 0; k < GB_MAX_METRICS; k++)
        s->out->metrics[i][k] = NAN;
    for (int k = 0; k < r->metric_count; k++) {
        const gb_metric *g = manifest_metric(m, r->metric_names[k]);
        if (!g) {
            set_failure(s, GB_STATUS_GARBAGE, "the variant reports metric '%s', which the "
                        "manifest does not declare (metric { name = ... })", r->metric_names[k]);
            return -1;
        }
        s->out->metrics[i][g - m->metrics] = r->metric_values[k];
    }
    return 0;
}

/* Grows the loop count until one sample lasts target_s (as Google
 * Benchmark does: predict from the last sample, with 20% headroom, at most
 * 100x per step).  The calibration samples also serve as warmup. */
static long long calibrate(session *s, double target_s)
{
    double target_ns = target_s * 1e9;
    long long loops = 1;
    gb_reply r;
    for (;;) {
        if (take_sample(s, loops, &r))
            return -1;
        double ns = (double)r.ns;
        if (ns >= target_ns || loops >= MEASURE_MAX_LOOPS)
            return loops;
        double predicted = ns > 0 ? loops * target_ns * 1.2 / ns : loops * 100.0;
        long long next = (long long)ceil(fmin(predicted, loops * 100.0));
        loops = next > loops ? (next < MEASURE_MAX_LOOPS ? next : MEASURE_MAX_LOOPS) : loops + 1;
    }
}

static int run_samples(session *s)
{
    gb_measurement *out = s->out;
    const gb_profile_settings *prof = s->job->profile;
    gb_reply r;
    for (int i = 0; i < prof->warmup; i++)
        if (take_sample(s, out->loops, &r))
            return -1;
    for (int i = 0; i < prof->samples && i < GB_MAX_SAMPLES; i++) {
        if (take_sample(s, out->loops, &r))
            return -1;
        out->ns_per_call[i] = (double)r.ns / (double)out->loops;
        out->gc_collections[i] = (double)r.gc_collections;
        out->gc_ns[i] = (double)r.gc_ns;
        out->cpu_ns[i] = (double)r.cpu_ns;
        out->gc_max_ns[i] = (double)r.gc_max_ns;
        if (keep_metrics(s, &r, i))
            return -1;
        out->samples = i + 1;
    }
    return 0;
}

/* The instruction clock: calibrated under valgrind without
 * instrumentation (a few times slower than native), one warm sample, then
 * one sample whose loop callgrind counts (gb_count.h); the count itself is
 * read from callgrind's output file once the worker has exited. */
static int count_instructions(session *s)
{
    gb_reply r;
    char value[32];
    s->out->loops = calibrate(s, MEASURE_INSTR_TARGET_S);
    if (s->out->loops < 0 || take_sample(s, s->out->loops, &r))
        return -1;
    snprintf(value, sizeof value, "%lld", s->out->loops);
    const char *args[] = {value};
    if (send(s, GB_CMD_INSTR, args, &r))
        return -1;
    s->out->ns_per_call[0] = (double)r.ns / (double)s->out->loops;
    if (keep_metrics(s, &r, 0))
        return -1;
    return send(s, GB_CMD_QUIT, NULL, &r);
}

/* The "totals:" line of a callgrind output file: the events collected
 * while collection was on ("summary:" counts only the last dump's). */
static double callgrind_total(const char *path)
{
    char line[512];
    double total = NAN;
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "totals: ", 8) == 0)
            total = strtod(line + 8, NULL);
    if (f)
        fclose(f);
    return total;
}

static int run_steps(session *s)
{
    gb_reply r;
    if (send_setup(s) || send(s, GB_CMD_ANSWER, NULL, &r))
        return -1;
    s->out->answer = r.answer;
    s->out->have_answer = 1;
    if (s->job->instructions)
        return count_instructions(s);
    s->out->loops = s->job->loops > 0 ? s->job->loops : calibrate(s, s->job->profile->target_s);
    if (s->out->loops < 0 || run_samples(s))
        return -1;
    if (s->job->want_alloc) {
        if (send(s, GB_CMD_ALLOC, NULL, &r))
            return -1;
        s->out->alloc_bytes = r.alloc_bytes;
    }
    return send(s, GB_CMD_QUIT, NULL, &r);
}

/* The worker's command line; for the instruction clock, under callgrind
 * with a fixed hash seed (env and valgrind from PATH).  job may be NULL. */
typedef struct worker_cmd {
    char *argv[16];
    char seed[48], out[GB_PATH_LEN + 32];
} worker_cmd;

static void worker_argv(const gb_paths *paths, const gb_job *job, gb_kind kind, worker_cmd *c)
{
    int n = 0;
    int seed = job ? job->hash_seed : -1;
    if (job && job->instructions && seed < 0)
        seed = 0;   /* one fixed seed: the count is then the same in every process */
    if (seed >= 0) {
        snprintf(c->seed, sizeof c->seed, "PYTHONHASHSEED=%d", seed);
        c->argv[n++] = "env";
        c->argv[n++] = c->seed;
    }
    if (job && job->instructions) {
        snprintf(c->out, sizeof c->out, "--callgrind-out-file=/tmp/gluebench-instr-%d-%p.out",
                 (int)getpid(), (void *)c);
        c->argv[n++] = "valgrind";
        c->argv[n++] = "-q";
        c->argv[n++] = "--tool=callgrind";
        c->argv[n++] = "--instr-atstart=no";
        c->argv[n++] = "--collect-atstart=no";
        c->argv[n++] = c->out;
    }
    c->argv[n++] = (char *)(kind == GB_KIND_PYTHON ? paths->python : paths->c_worker);
    if (kind == GB_KIND_PYTHON)
        c->argv[n++] = (char *)paths->python_worker;
    c->argv[n] = NULL;
}

/* Adds what the exit status says to a crash message.  A SIGKILL the
 * harness did not send is the kernel's out-of-memory killer (or an
 * operator): reported as oom, since a cap of memory_mb is the likely cause. */
static void describe_exit(session *s, const gb_exit *ex)
{
    char text[128];
    worker_exit_text(ex, text, sizeof text);
    if (!s->failed || s->out->status != GB_STATUS_CRASHED)
        return;   /* an error reply (MemoryError included) says why itself */
    if (ex->signaled && ex->code == 9 && !ex->killed_by_us)
        s->out->status = GB_STATUS_OOM;
    {
        size_t len = strlen(s->out->message);
        snprintf(s->out->message + len, sizeof s->out->message - len, " (%s)", text);
    }
}

/* A process variant: the first run gives the answer (and fills any cache
 * the command keeps), then warmup and samples, one process each. */
static void run_process(const gb_job *job, gb_measurement *out)
{
    gb_command cmd;
    gb_error err;
    gb_command_result res;
    out->loops = 1;
    if (command_expand(job->v, job->point, job->seed, job->paths, &cmd, &err) != 0) {
        out->status = GB_STATUS_ERROR;
        snprintf(out->message, sizeof out->message, "%s", err.msg);
        return;
    }
    int runs = 1 + job->profile->warmup + job->profile->samples;
    for (int i = 0; i < runs && i - 1 - job->profile->warmup < GB_MAX_SAMPLES; i++) {
        command_run(&cmd, job->m->timeout, job->log_fd, manifest_memory_mb(job->m, job->v), &res);
        out->maxrss_kb = res.maxrss_kb > out->maxrss_kb ? res.maxrss_kb : out->maxrss_kb;
        out->status = (gb_status)res.status;
        snprintf(out->message, sizeof out->message, "%s", res.message);
        if (res.status != GB_STATUS_OK)
            return;
        if (i == 0) {
            out->have_answer = 1;
            out->answer.digest = res.digest;
        } else if (res.digest != out->answer.digest) {
            out->status = GB_STATUS_WRONG;
            snprintf(out->message, sizeof out->message, "the output differs between runs");
            return;
        }
        int k = i - 1 - job->profile->warmup;
        if (k >= 0)
            out->ns_per_call[out->samples++] = res.ns;
    }
}

int measure_run(const gb_job *job, gb_measurement *out)
{
    worker_cmd cmd;
    gb_error err;
    session s;
    memset(&s, 0, sizeof s);
    memset(out, 0, sizeof *out);
    out->alloc_bytes = -1;
    out->instr_per_call = NAN;
    s.job = job;
    s.out = out;
    if (job->v->kind == GB_KIND_PROCESS) {
        run_process(job, out);
        return 0;
    }
    worker_argv(job->paths, job, job->v->kind, &cmd);
    /* valgrind reserves address space of its own: no cap under it */
    int memory = job->instructions ? 0 : manifest_memory_mb(job->m, job->v);
    if (worker_start(&s.w, cmd.argv, job->log_fd, memory, &err) != 0) {
        out->status = GB_STATUS_CRASHED;
        snprintf(out->message, sizeof out->message, "%s", err.msg);
        return -1;
    }
    run_steps(&s);
    gb_exit ex;
    worker_finish(&s.w, s.failed ? 0.0 : MEASURE_QUIT_GRACE_S, &ex);
    out->maxrss_kb = ex.maxrss_kb;
    describe_exit(&s, &ex);
    if (!s.failed)
        out->status = GB_STATUS_OK;
    if (job->instructions) {
        const char *path = cmd.out + strlen("--callgrind-out-file=");
        double total = callgrind_total(path);
        unlink(path);
        if (out->status == GB_STATUS_OK && !(total >= 0)) {
            out->status = GB_STATUS_ERROR;
            snprintf(out->message, sizeof out->message, "the instruction clock found no count in "
                     "callgrind's output (is valgrind installed?)");
        }
        out->instr_per_call = total / (double)out->loops;
        out->samples = 0;   /* a count, not a timing: no rows in samples.csv */
    }
    return 0;
}

long measure_idle_rss(gb_kind kind, const gb_paths *paths, int log_fd)
{
    if (kind == GB_KIND_PROCESS)
        return -1; /* a command has no idle form */
    worker_cmd cmd;
    gb_worker w;
    gb_exit ex;
    char line[GB_LINE_MAX];
    worker_argv(paths, NULL, kind, &cmd);
    if (worker_start(&w, cmd.argv, log_fd, 0, NULL) != 0)
        return -1;
    int ok = worker_read(&w, line, sizeof line, 60.0) == GB_READ_OK && worker_send(&w, "quit") == 0 &&
             worker_read(&w, line, sizeof line, 60.0) == GB_READ_OK;
    worker_finish(&w, 5.0, &ex);
    return ok ? ex.maxrss_kb : -1;
}
