/* options.c: the shared option parser (options.h). */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Levenshtein distance of two short strings (at most 63 bytes each). */
static int distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b), row[64];
    if (la > 63 || lb > 63)
        return 99;
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static const gb_option *find(const gb_option *opts, const char *name)
{
    for (const gb_option *o = opts; o->name; o++)
        if (strcmp(o->name, name) == 0)
            return o;
    return NULL;
}

static int unknown(const gb_option *opts, const char *name, gb_error *err)
{
    const gb_option *near = NULL;
    int best = 4;
    for (const gb_option *o = opts; o->name; o++) {
        int d = distance(name, o->name);
        if (d < best || (d == best && near == NULL && d <= 3)) {
            best = d;
            near = o;
        }
    }
    if (near && best <= 3)
        return gb_fail(err, "unknown option '%s' (did you mean '%s'?)", name, near->name);
    return gb_fail(err, "unknown option '%s'", name);
}

static int number(const gb_option *o, const char *text, double *out, gb_error *err)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    int integral = o->type != OPT_DOUBLE;
    if (end == text || *end || errno == ERANGE || !isfinite(v) || (integral && v != floor(v)))
        return gb_fail(err, "option %s: '%s' is not %s", o->name, text,
                       integral ? "a whole number" : "a number");
    if (v < o->min || v > o->max)
        return gb_fail(err, "option %s: %s is outside %g..%g", o->name, text, o->min, o->max);
    *out = v;
    return 0;
}

static int take_value(const gb_option *o, const char *text, gb_error *err)
{
    double v = 0;
    switch (o->type) {
    case OPT_STRING:
        *(const char **)o->dest = text;
        return 0;
    case OPT_LIST: {
        gb_option_list *list = o->dest;
        list->items[list->count++] = text;
        return 0;
    }
    default:
        break;
    }
    if (number(o, text, &v, err))
        return -1;
    if (o->type == OPT_INT)
        *(int *)o->dest = (int)v;
    else if (o->type == OPT_U64)
        *(unsigned long long *)o->dest = (unsigned long long)v;
    else
        *(double *)o->dest = v;
    return 0;
}

gb_options_result options_parse(int argc, char **argv, const gb_option *opts,
                                const char **positional, int *npos, gb_error *err)
{
    *npos = 0;
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return OPTIONS_HELP;
    for (int i = 0; i < argc; i++) {
        const char *word = argv[i];
        if (word[0] != '-' || word[1] == '\0') {
            positional[(*npos)++] = word;
            continue;
        }
        const gb_option *o = find(opts, word);
        if (!o)
            return unknown(opts, word, err), OPTIONS_BAD;
        if (o->type == OPT_FLAG) {
            *(int *)o->dest = 1;
            continue;
        }
        if (i + 1 >= argc)
            return gb_fail(err, "option %s needs a value", word), OPTIONS_BAD;
        if (take_value(o, argv[++i], err))
            return OPTIONS_BAD;
    }
    return OPTIONS_OK;
}

int verb_fail(const char *verb, int code, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "gluebench %s: ", verb);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

int verb_usage(const char *verb, const char *usage, gb_options_result how, const gb_error *err)
{
    if (how == OPTIONS_HELP) {
        fputs(usage, stdout);
        return GB_EXIT_OK;
    }
    if (err)
        verb_fail(verb, GB_EXIT_USAGE, "%s", err->msg);
    fputs(usage, stderr);
    return GB_EXIT_USAGE;
}
