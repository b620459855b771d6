/* command.c: expanding and running whole-process variants. */
#include "command.h"

#include "gb_kernel.h"
#include "measure.h"
#include "worker.h"

#include "clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>


/* The value of placeholder `name` (without braces), or NULL. */
static const char *placeholder(const char *name, const gb_bindings *point,
                               unsigned long long seed, const gb_paths *paths, char *tmp,
                               size_t cap)
{
    if (strcmp(name, "python") == 0)
        return paths->python;
    if (strcmp(name, "bin") == 0)
        return paths->bin_dir;
    if (strcmp(name, "pyref") == 0)
        return snprintf(tmp, cap, "%s/pyref", paths->source_dir), tmp;
    if (strcmp(name, "seed") == 0)
        return snprintf(tmp, cap, "%llu", seed), tmp;
    for (int i = 0; i < point->count; i++)
        if (strcmp(name, point->names[i]) == 0)
            return snprintf(tmp, cap, "%lld", (long long)point->values[i]), tmp;
    return NULL;
}

static int expand_word(const char *in, char *out, size_t cap, const gb_bindings *point,
                       unsigned long long seed, const gb_paths *paths, gb_error *err)
{
    size_t len = 0;
    while (*in && len + 1 < cap) {
        const char *close = *in == '{' ? strchr(in, '}') : NULL;
        if (!close) {
            out[len++] = *in++;
            continue;
        }
        char name[GB_NAME_LEN], tmp[GB_PATH_LEN];
        snprintf(name, sizeof name, "%.*s", (int)(close - in - 1), in + 1);
        const char *value = placeholder(name, point, seed, paths, tmp, sizeof tmp);
        if (!value)
            return gb_fail(err, "unknown placeholder {%s} in the command", name);
        len += (size_t)snprintf(out + len, cap - len, "%s", value);
        in = close + 1;
    }
    out[len < cap ? len : cap - 1] = '\0';
    return 0;
}

int command_expand(const gb_variant *v, const gb_bindings *point, unsigned long long seed,
                   const gb_paths *paths, gb_command *out, gb_error *err)
{
    out->argc = v->argc;
    for (int i = 0; i < v->argc; i++) {
        if (expand_word(v->argv[i], out->buf[i], sizeof out->buf[i], point, seed, paths, err))
            return -1;
        out->argv[i] = out->buf[i];
    }
    out->argv[v->argc] = NULL;
    return 0;
}

/* Reads stdout to its end, digesting it; the status that ended it
 * (GB_READ_CLOSED is the normal end). */
static gb_read_status digest_output(gb_worker *w, double timeout_s, uint64_t *digest)
{
    char chunk[65536];
    size_t got;
    gb_read_status st;
    *digest = GB_FNV_OFFSET;
    while ((st = worker_read_chunk(w, chunk, sizeof chunk, &got, timeout_s)) == GB_READ_OK)
        *digest = gb_fnv1a(*digest, chunk, got);
    return st;
}

static void judge_exit(const gb_exit *ex, gb_read_status st, gb_command_result *out)
{
    char text[128];
    worker_exit_text(ex, text, sizeof text);
    if (st == GB_READ_TIMEOUT) {
        out->status = GB_STATUS_TIMEOUT;
        snprintf(out->message, sizeof out->message, "no exit within the timeout");
    } else if (st == GB_READ_INTERRUPTED) {
        out->status = GB_STATUS_INTERRUPTED;
        snprintf(out->message, sizeof out->message, "interrupted");
    } else if (ex->signaled) {
        out->status = GB_STATUS_CRASHED;
        snprintf(out->message, sizeof out->message, "the command died: %s", text);
    } else if (ex->code != 0) {
        out->status = GB_STATUS_ERROR;
        snprintf(out->message, sizeof out->message, "the command failed: %s", text);
    } else
        out->status = GB_STATUS_OK;
}

void command_run(const gb_command *cmd, double timeout_s, int log_fd, int memory_mb,
                 gb_command_result *out)
{
    gb_worker w;
    gb_error err;
    gb_exit ex;
    memset(out, 0, sizeof *out);
    double start = clock_now_ns();
    if (worker_start(&w, cmd->argv, log_fd, memory_mb, &err) != 0) {
        out->status = GB_STATUS_CRASHED;
        snprintf(out->message, sizeof out->message, "%s", err.msg);
        return;
    }
    worker_close_input(&w);
    gb_read_status st = digest_output(&w, timeout_s, &out->digest);
    worker_finish(&w, st == GB_READ_CLOSED ? timeout_s : 0.0, &ex);
    out->ns = clock_now_ns() - start;
    out->maxrss_kb = ex.maxrss_kb;
    judge_exit(&ex, st, out);
}
