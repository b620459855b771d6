/* sysinfo.c: reading /proc and /sys, and asking the interpreter. */
#include "sysinfo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/* First line of a file, newline stripped; "" when unreadable. */
static void read_line(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    out[0] = '\0';
    if (!f)
        return;
    if (fgets(out, (int)cap, f))
        out[strcspn(out, "\n")] = '\0';
    fclose(f);
}

/* First line a command prints; "" on failure. */
static void command_line(const char *cmd, char *out, size_t cap)
{
    FILE *p = popen(cmd, "r");
    out[0] = '\0';
    if (!p)
        return;
    if (fgets(out, (int)cap, p))
        out[strcspn(out, "\n")] = '\0';
    pclose(p);
}

static void cpu_model(char *out, size_t cap)
{
    char line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");
    snprintf(out, cap, "unknown");
    while (f && fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && colon) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(out, cap, "%s", colon + 2);
            break;
        }
    }
    if (f)
        fclose(f);
}

static void warn(gb_sysinfo *si, const char *fmt, ...)
{
    if (si->warning_count == GB_SYSINFO_MAX_WARNINGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(si->warnings[si->warning_count++], GB_SYSINFO_TEXT, fmt, ap);
    va_end(ap);
}

static void load_facts(gb_sysinfo *si)
{
    char text[128];
    int running = 0, total = 0;
    read_line("/proc/loadavg", text, sizeof text);
    if (sscanf(text, "%lf %*f %*f %d/%d", &si->loadavg, &running, &total) >= 1)
        si->running = running > 0 ? running - 1 : 0;
    read_line("/proc/sys/kernel/randomize_va_space", text, sizeof text);
    si->aslr = text[0] ? atoi(text) : -1;
}

static void check(gb_sysinfo *si)
{
    if (si->governor[0] && strcmp(si->governor, "performance") != 0)
        warn(si, "CPU frequency governor is '%s', not 'performance': timings may drift",
             si->governor);
    if (si->aslr > 0)
        warn(si, "ASLR is on (randomize_va_space=%d): memory layout differs between runs",
             si->aslr);
    if (si->loadavg > 0.5 * si->cores)
        warn(si, "load average %.2f on %d cores: other work competes with the benchmark",
             si->loadavg, si->cores);
    if (si->running > 0)
        warn(si, "%d other process(es) runnable right now", si->running);
    if (si->debug_build)
        warn(si, "the harness is a debug build (assertions on)");
}

void sysinfo_collect(gb_sysinfo *si, const char *python, const char *source_dir)
{
    char cmd[2048];
    struct utsname u;
    memset(si, 0, sizeof *si);
    cpu_model(si->cpu_model, sizeof si->cpu_model);
    si->cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    read_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", si->governor,
              sizeof si->governor);
    if (uname(&u) == 0)
        snprintf(si->kernel, sizeof si->kernel, "%s %s %s", u.sysname, u.release, u.machine);
    load_facts(si);
    snprintf(si->compiler, sizeof si->compiler, "%s", __VERSION__);
#ifdef NDEBUG
    si->debug_build = 0;
#else
    si->debug_build = 1;
#endif
    snprintf(cmd, sizeof cmd, "'%s' '%s/tools/versions.py' 2>/dev/null", python, source_dir);
    command_line(cmd, si->python_versions, sizeof si->python_versions);
    if (si->python_versions[0] != '{')
        snprintf(si->python_versions, sizeof si->python_versions, "{}");
    snprintf(cmd, sizeof cmd, "git -C '%s' rev-parse HEAD 2>/dev/null", source_dir);
    command_line(cmd, si->git_commit, sizeof si->git_commit);
    check(si);
}
