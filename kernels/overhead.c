/* overhead.c: the empty C variant, the C worker's floor. */
#include "gb_kernel.h"

#include <stddef.h>

static void *no_setup(const gb_params *params, uint64_t seed, char err[GB_ERR_LEN])
{
    (void)params;
    (void)seed;
    (void)err;
    static int nothing;
    return &nothing; /* not NULL: NULL means "setup failed" */
}

/* Same answer as py_empty's None. */
static gb_answer empty(void *input)
{
    (void)input;
    return gb_answer_none();
}

static const gb_cvariant variants[] = {
    {"empty", no_setup, empty, NULL},
    {NULL, NULL, NULL, NULL},
};

const gb_cvariant *gb_kernel_variants(void)
{
    return variants;
}
