/* items.h: the `items` expression of a manifest ("n", "size*size",
 * "rows * (cols + 1)"): integers, parameter names, + - * / and
 * parentheses, evaluated in 64-bit integers. */
#ifndef GB_ITEMS_H
#define GB_ITEMS_H

#include "manifest.h"

#include <stddef.h>
#include <stdint.h>

/* Evaluates expr with the parameter values of b.  Returns 0 and sets *out,
 * or -1 with a short reason in why (a syntax error, an unknown name,
 * division by zero, overflow). */
int items_eval(const char *expr, const gb_bindings *b, int64_t *out, char *why, size_t cap);

#endif
