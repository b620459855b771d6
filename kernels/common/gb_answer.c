/* gb_answer.c: answers that need more than a header line. */
#include "gb_kernel.h"

#include <stdio.h>

gb_answer gb_answer_int(int64_t v)
{
    char text[32];
    int len = snprintf(text, sizeof text, "%lld", (long long)v);
    return gb_answer_bytes(text, (size_t)len);
}
