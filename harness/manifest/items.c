/* items.c: a recursive-descent evaluator for the `items` expression. */
#include "items.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

typedef struct parser {
    const char *p;
    const gb_bindings *b;
    char *why;
    size_t cap;
    int failed;
} parser;

static int64_t fail(parser *ps, const char *what)
{
    if (!ps->failed)
        snprintf(ps->why, ps->cap, "%s at '%s'", what, *ps->p ? ps->p : "the end");
    ps->failed = 1;
    return 0;
}

static void skip_space(parser *ps)
{
    while (isspace((unsigned char)*ps->p))
        ps->p++;
}

static int64_t expression(parser *ps);

static int64_t name_value(parser *ps)
{
    const char *start = ps->p;
    while (isalnum((unsigned char)*ps->p) || *ps->p == '_')
        ps->p++;
    size_t len = (size_t)(ps->p - start);
    for (int i = 0; i < ps->b->count; i++)
        if (strlen(ps->b->names[i]) == len && strncmp(ps->b->names[i], start, len) == 0)
            return ps->b->values[i];
    ps->p = start;
    return fail(ps, "unknown parameter");
}

static int64_t factor(parser *ps)
{
    skip_space(ps);
    if (*ps->p == '(') {
        ps->p++;
        int64_t v = expression(ps);
        skip_space(ps);
        if (*ps->p != ')')
            return fail(ps, "missing ')'");
        ps->p++;
        return v;
    }
    if (isdigit((unsigned char)*ps->p)) {
        int64_t v = 0;
        while (isdigit((unsigned char)*ps->p)) {
            if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *ps->p - '0', &v))
                return fail(ps, "number too large");
            ps->p++;
        }
        return v;
    }
    if (isalpha((unsigned char)*ps->p) || *ps->p == '_')
        return name_value(ps);
    return fail(ps, "expected a number, a parameter or '('");
}

static int64_t term(parser *ps)
{
    int64_t v = factor(ps);
    for (skip_space(ps); !ps->failed && (*ps->p == '*' || *ps->p == '/'); skip_space(ps)) {
        char op = *ps->p++;
        int64_t r = factor(ps);
        if (op == '/' && r == 0)
            return fail(ps, "division by zero");
        if (op == '*' && __builtin_mul_overflow(v, r, &v))
            return fail(ps, "overflow");
        if (op == '/')
            v /= r;
    }
    return v;
}

static int64_t expression(parser *ps)
{
    int64_t v = term(ps);
    for (skip_space(ps); !ps->failed && (*ps->p == '+' || *ps->p == '-'); skip_space(ps)) {
        char op = *ps->p++;
        int64_t r = term(ps);
        if (op == '+' ? __builtin_add_overflow(v, r, &v) : __builtin_sub_overflow(v, r, &v))
            return fail(ps, "overflow");
    }
    return v;
}

int items_eval(const char *expr, const gb_bindings *b, int64_t *out, char *why, size_t cap)
{
    parser ps = {expr, b, why, cap, 0};
    int64_t v = expression(&ps);
    skip_space(&ps);
    if (!ps.failed && *ps.p)
        fail(&ps, "unexpected text");
    if (ps.failed)
        return -1;
    *out = v;
    return 0;
}
