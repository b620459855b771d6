/* gb_kernel.h: the contract between a scenario's C kernel and the C worker.
 *
 * A scenario's kernel library (kernels/<name>.c, built as libgbk_<name>.so)
 * exports one function, gb_kernel_variants(), returning its C-only variants
 * in an array ended by an entry whose name is NULL.  The C worker
 * (kernels/common/cworker.c) dlopen()s the library, finds the variant the
 * manifest names, and drives it:
 *
 *   input = setup(params, seed)      untimed: generate the inputs
 *   answer = run(input)              timed, called `loops` times per sample
 *   teardown(input)                  untimed, may be NULL
 *
 * setup returns NULL and fills err (a short message) when it cannot run.
 * run must compute the whole answer on every call: the worker keeps the last
 * answer of each sample so that the compiler cannot drop the work.
 */
#ifndef GB_KERNEL_H
#define GB_KERNEL_H

#include "gb_limits.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct gb_params {
    int count;
    char names[GB_MAX_PARAMS][GB_PARAM_NAME_LEN];
    int64_t values[GB_MAX_PARAMS];
} gb_params;

/* An answer is a floating-point number (compared by the harness with the
 * manifest's relative tolerance), an integer (compared exactly, and shown
 * as its value), or a 64-bit digest (FNV-1a of a canonical byte string,
 * compared exactly).  An integer equals a digest answer when the digest is
 * that of its decimal text, as the Python worker digests an int.  Sixteen
 * bytes on purpose: the x86-64 and AArch64 ABIs return it in two
 * registers, so an empty variant's call costs no store through a hidden
 * pointer. */
typedef enum { GB_ANSWER_DIGEST = 0, GB_ANSWER_FLOAT = 1, GB_ANSWER_INT = 2 } gb_answer_kind;

typedef struct gb_answer {
    uint64_t bits;   /* the digest, the bits of the float, or the int64 */
    int kind;        /* a gb_answer_kind */
} gb_answer;

typedef struct gb_cvariant {
    const char *name;
    void *(*setup)(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN]);
    gb_answer (*run)(void *input);
    void (*teardown)(void *input);
} gb_cvariant;

/* Value of parameter `name`, or `fallback` when the point does not set it. */
static inline int64_t gb_param(const gb_params *p, const char *name, int64_t fallback)
{
    for (int i = 0; i < p->count; i++) {
        const char *a = p->names[i], *b = name;
        while (*a && *a == *b) { a++; b++; }
        if (*a == *b) return p->values[i];
    }
    return fallback;
}

/* FNV-1a 64 over bytes: the digest both worker kinds compute. */
static inline uint64_t gb_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define GB_FNV_OFFSET 0xcbf29ce484222325ULL

static inline gb_answer gb_answer_float(double v)
{
    gb_answer a = {0, GB_ANSWER_FLOAT};
    memcpy(&a.bits, &v, sizeof v);
    return a;
}

/* The float of an answer made by gb_answer_float. */
static inline double gb_answer_as_double(gb_answer a)
{
    double v;
    memcpy(&v, &a.bits, sizeof v);
    return v;
}

static inline gb_answer gb_answer_bytes(const void *data, size_t len)
{
    gb_answer a = {gb_fnv1a(GB_FNV_OFFSET, data, len), GB_ANSWER_DIGEST};
    return a;
}

static inline gb_answer gb_answer_int(int64_t v)
{
    gb_answer a = {(uint64_t)v, GB_ANSWER_INT};
    return a;
}

/* None in Python: the digest of the empty string. */
static inline gb_answer gb_answer_none(void)
{
    return gb_answer_bytes("", 0);
}

const gb_cvariant *gb_kernel_variants(void);

#endif
