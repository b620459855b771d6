/* gb_limits.h: the sizes every part of gluebench agrees on: the harness,
 * the C worker, the kernels and the tests.  A buffer sized from one of
 * these is checked where it is filled; the manifest loader refuses a
 * manifest that would exceed one, naming the field. */
#ifndef GB_LIMITS_H
#define GB_LIMITS_H

#define GB_MAX_PARAMS 8        /* parameters of a scenario */
#define GB_NAME_LEN 64         /* a scenario, variant, parameter or metric name, with its NUL */
#define GB_PARAM_NAME_LEN 32   /* a parameter name as the kernels see it (gb_params) */
#define GB_MAX_METRICS 24      /* named metrics of a scenario */
#define GB_MAX_SAMPLES 64      /* samples kept per worker process */
#define GB_MAX_ROUNDS 64       /* rounds (worker processes per variant) of one point */
#define GB_MAX_ARGS 16         /* words of a process variant's command */
#define GB_LINE_MAX 4096       /* one protocol line, with its newline */
#define GB_PATH_LEN 1024       /* a path the harness builds */
#define GB_ERR_LEN 256         /* a kernel's setup error message */
#define GB_MAX_POINTS 100000   /* points of one scenario in one profile */
#define GB_MAX_PYTHONS 8       /* interpreters of one run (`run --python`) */
#define GB_MAX_CONTEXTS 64     /* machine x interpreter contexts of one (merged) run folder */
#define GB_MACHINE_LEN 64      /* a context's machine name, with its NUL */
#define GB_PYTHON_NAME_LEN 32  /* a context's interpreter name ("3.13.0t", "3.12.1-2"), with its NUL */

#endif
