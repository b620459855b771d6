/* cworker.c: the C worker.  Runs one C-only variant for the harness.
 *
 * It speaks the same line protocol as the Python worker (pyref/gbworker.py;
 * README, "Worker protocol").  The variant comes from a kernel library,
 * libgbk_<scenario>.so in $GLUEBENCH_KERNEL_DIR (gb_loader.h).
 * Replies go to a private copy of stdout; fd 1 is pointed at stderr so that
 * a kernel that prints cannot corrupt a reply.
 */
#include "gb_kernel.h"
#include "gb_loader.h"

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

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
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

static void cmd_variant(worker *w, char *args)
{
    char err[GB_ERR_LEN];
    char *entry = strtok(args, " ");
    if (!entry) {
        reply(w, "error variant needs ENTRY");
        return;
    }
    const char *dirs = getenv("GLUEBENCH_KERNEL_DIR");
    void *lib;
    w->variant = gb_loader_find(dirs ? dirs : ".", entry, &lib, err, sizeof err);
    if (w->variant)
        reply(w, "ok");
    else
        reply(w, "error %s", err);
}

static void cmd_param(worker *w, char *args)
{
    char name[32];
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

static void send_answer(worker *w, gb_answer a)
{
    if (a.is_float)
        reply(w, "answer float %.17g", gb_answer_as_double(a));
    else
        reply(w, "answer digest %016llx", (unsigned long long)a.bits);
}

static void cmd_sample(worker *w, char *args)
{
    long long loops = atoll(args);
    gb_answer (*run)(void *) = w->variant->run;
    void *input = w->input;
    gb_answer last = {0, 0};
    uint64_t start = now_ns();
    for (long long i = 0; i < loops; i++)
        last = run(input);
    uint64_t elapsed = now_ns() - start;
    sink_bits = last.bits;
    reply(w, "sample %llu 0 0", (unsigned long long)elapsed);
}

/* Returns 0 when the worker should exit. */
static int dispatch(worker *w, char *line)
{
    char *args = strchr(line, ' ');
    if (args)
        *args++ = '\0';
    else
        args = line + strlen(line);
    int ready = w->variant && w->have_input;
    if (strcmp(line, "variant") == 0) cmd_variant(w, args);
    else if (strcmp(line, "param") == 0) cmd_param(w, args);
    else if (strcmp(line, "setup") == 0) cmd_setup(w, args);
    else if (strcmp(line, "answer") == 0 && ready) send_answer(w, w->variant->run(w->input));
    else if (strcmp(line, "sample") == 0 && ready) cmd_sample(w, args);
    else if (strcmp(line, "alloc") == 0) reply(w, "alloc -");
    else if (strcmp(line, "quit") == 0) {
        if (ready && w->variant->teardown)
            w->variant->teardown(w->input);
        reply(w, "bye");
        return 0;
    } else reply(w, "error unknown or premature command '%s'", line);
    return 1;
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
    reply(&w, "ready gluebench-worker 1 c %s", __VERSION__);
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && !dispatch(&w, line))
            break;
    }
    return 0;
}
