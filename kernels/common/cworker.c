/* cworker.c: the C worker.  Runs one C-only variant for the harness.
 *
 * It speaks the protocol of gb_protocol.h, as the Python worker does
 * (pyref/gbworker.py), dispatching through one table of commands.  The
 * variant comes from a kernel library, libgbk_<scenario>.so in
 * $GLUEBENCH_KERNEL_DIR (gb_loader.h).  Replies go to a private copy of
 * stdout; fd 1 is pointed at stderr so that a kernel that prints cannot
 * corrupt a reply.
 */
#include "gb_count.h"
#include "gb_kernel.h"
#include "gb_loader.h"
#include "gb_protocol.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct worker {
    const gb_cvariant *variant;
    gb_params params;
    void *input;
    int have_input;
    FILE *out;
} worker;

/* Keeps each sample's last answer alive so no call can be optimised away. */
static volatile uint64_t sink_bits;

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void reply(worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void reply(worker *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(w->out, fmt, ap);
    va_end(ap);
    fputc('\n', w->out);
    fflush(w->out);
}

static int ready(const worker *w)
{
    return w->variant && w->have_input;
}

static void cmd_variant(worker *w, char *args)
{
    char err[GB_ERR_LEN];
    char *entry = strtok(args, " ");
    const char *dirs = getenv("GLUEBENCH_KERNEL_DIR");
    void *lib;
    if (!entry) {
        reply(w, "error variant needs ENTRY");
        return;
    }
    w->variant = gb_loader_find(dirs ? dirs : ".", entry, &lib, err, sizeof err);
    if (w->variant)
        reply(w, "ok");
    else
        reply(w, "error %s", err);
}

static void cmd_param(worker *w, char *args)
{
    char name[GB_PARAM_NAME_LEN];
    long long value;
    if (sscanf(args, "%31s %lld", name, &value) != 2 || w->params.count >= GB_MAX_PARAMS) {
        reply(w, "error bad param '%s'", args);
        return;
    }
    strcpy(w->params.names[w->params.count], name);
    w->params.values[w->params.count++] = value;
    reply(w, "ok");
}

static void cmd_setup(worker *w, char *args)
{
    char err[GB_ERR_LEN] = "setup failed";
    if (!w->variant) {
        reply(w, "error no variant loaded");
        return;
    }
    uint64_t seed = strtoull(args, NULL, 10);
    w->input = w->variant->setup ? w->variant->setup(&w->params, seed, err) : NULL;
    w->have_input = w->input != NULL || !w->variant->setup;
    if (w->have_input)
        reply(w, "ok");
    else
        reply(w, "error %s", err);
}

static void cmd_answer(worker *w, char *args)
{
    (void)args;
    gb_answer a = w->variant->run(w->input);
    if (a.kind == GB_ANSWER_FLOAT)
        reply(w, "answer float %.17g", gb_answer_as_double(a));
    else if (a.kind == GB_ANSWER_INT)
        reply(w, "answer int %lld", (long long)(int64_t)a.bits);
    else
        reply(w, "answer digest %016llx", (unsigned long long)a.bits);
}

/* A sample; with `count`, the instruction clock counts its loop only. */
static void run_sample(worker *w, char *args, int count)
{
    long long loops = atoll(args);
    gb_answer (*run)(void *) = w->variant->run;
    void *input = w->input;
    gb_answer last = {0, 0};
    uint64_t cpu = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    uint64_t start = clock_ns(CLOCK_MONOTONIC);
    if (count)
        gb_count_start();
    for (long long i = 0; i < loops; i++)
        last = run(input);
    if (count)
        gb_count_stop();
    uint64_t elapsed = clock_ns(CLOCK_MONOTONIC) - start;
    cpu = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu;
    sink_bits = last.bits;
    reply(w, "sample %llu 0 0 %llu 0", (unsigned long long)elapsed, (unsigned long long)cpu);
}

static void cmd_sample(worker *w, char *args)
{
    run_sample(w, args, 0);
}

static void cmd_instr(worker *w, char *args)
{
    if (!gb_count_available())
        reply(w, "error the C worker was built without valgrind's headers: no instruction clock");
    else
        run_sample(w, args, 1);
}

static void cmd_alloc(worker *w, char *args)
{
    (void)args;
    reply(w, "alloc -");
}

static void cmd_quit(worker *w, char *args)
{
    (void)args;
    if (ready(w) && w->variant->teardown)
        w->variant->teardown(w->input);
    reply(w, "bye");
}

typedef void (*command_fn)(worker *w, char *args);

/* Indexed by gb_command_id; `needs_input`: only after a successful setup. */
static const struct { command_fn fn; int needs_input; } handlers[GB_CMD_COUNT] = {
    [GB_CMD_VARIANT] = {cmd_variant, 0}, [GB_CMD_PARAM] = {cmd_param, 0},
    [GB_CMD_SETUP] = {cmd_setup, 0},     [GB_CMD_ANSWER] = {cmd_answer, 1},
    [GB_CMD_SAMPLE] = {cmd_sample, 1},   [GB_CMD_INSTR] = {cmd_instr, 1},
    [GB_CMD_ALLOC] = {cmd_alloc, 0},
    [GB_CMD_QUIT] = {cmd_quit, 0},
};

/* Returns 0 when the worker should exit. */
static int dispatch(worker *w, char *line)
{
    char *args = strchr(line, ' ');
    if (args)
        *args++ = '\0';
    else
        args = line + strlen(line);
    int id = gb_protocol_command(line);
    if (id < 0 || (handlers[id].needs_input && !ready(w))) {
        reply(w, "error unknown or premature command '%s'", line);
        return 1;
    }
    handlers[id].fn(w, args);
    return id != GB_CMD_QUIT;
}

int main(void)
{
    worker w;
    memset(&w, 0, sizeof w);
    int fd = dup(1);
    if (fd < 0 || dup2(2, 1) < 0 || !(w.out = fdopen(fd, "w"))) {
        perror("gb-cworker");
        return 2;
    }
    reply(&w, "%s %d c %s", GB_PROTOCOL_BANNER, GB_PROTOCOL_VERSION, __VERSION__);
    char line[GB_LINE_MAX];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && !dispatch(&w, line))
            break;
    }
    return 0;
}
