/* sysinfo.h: what the machine is, and what about it can spoil a timing.
 * The facts go to meta.json; the warnings are printed before a run starts
 * (as Google Benchmark and pyperf do) and stored in meta.json too. */
#ifndef GB_SYSINFO_H
#define GB_SYSINFO_H

#define GB_SYSINFO_TEXT 256
#define GB_SYSINFO_MAX_WARNINGS 8

typedef struct gb_sysinfo {
    char cpu_model[GB_SYSINFO_TEXT];
    int cores;
    char governor[64];
    char kernel[GB_SYSINFO_TEXT];
    int aslr;                     /* /proc/sys/kernel/randomize_va_space, -1 unknown */
    double loadavg;
    int running;                  /* runnable processes besides this one */
    char compiler[GB_SYSINFO_TEXT];
    int debug_build;
    char python_versions[1024];   /* JSON object from the worker interpreter */
    char git_commit[64];
    int warning_count;
    char warnings[GB_SYSINFO_MAX_WARNINGS][GB_SYSINFO_TEXT];
} gb_sysinfo;

/* Gathers the facts; python is the worker interpreter, source_dir the
 * checkout (for the git commit). */
void sysinfo_collect(gb_sysinfo *si, const char *python, const char *source_dir);

#endif
