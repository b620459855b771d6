/* protocol.c: strict parsing of worker replies, formatting of commands.
 *
 * Strict on purpose: a reply with a missing or extra word, or a number that
 * does not parse whole, is garbage, so a worker that prints the wrong thing
 * is caught instead of measured. */
#include "protocol.h"

#include "gb_kernel.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses a whole unsigned decimal word; returns 0 on success. */
static int parse_u64(const char *word, uint64_t *out)
{
    if (!word || !*word || *word == '-' || *word == '+')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(word, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int parse_i64(const char *word, int64_t *out)
{
    if (!word || !*word || *word == '+')
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(word, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int parse_hex64(const char *word, uint64_t *out)
{
    if (!word || strlen(word) != 16)
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(word, &end, 16);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *word, double *out)
{
    if (!word || !*word)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(word, &end);
    if (*end || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

/* Splits copy into words; returns the count, or max + 1 when there are more. */
static int split(char *copy, char **words, int max)
{
    int n = 0;
    for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
        if (n == max)
            return max + 1;
        words[n++] = w;
    }
    return n;
}

static int parse_answer_words(const char *kind, const char *value, gb_answer_value *a)
{
    memset(a, 0, sizeof *a);
    if (strcmp(kind, "float") == 0) {
        a->kind = GB_VALUE_FLOAT;
        return parse_double(value, &a->value);
    }
    if (strcmp(kind, "int") == 0) {
        char text[32];
        a->kind = GB_VALUE_INT;
        if (parse_i64(value, &a->ivalue))
            return -1;
        int len = snprintf(text, sizeof text, "%" PRId64, a->ivalue);
        a->digest = gb_fnv1a(GB_FNV_OFFSET, text, (size_t)len);
        return 0;
    }
    if (strcmp(kind, "digest") == 0) {
        a->kind = GB_VALUE_DIGEST;
        return parse_hex64(value, &a->digest);
    }
    return -1;
}

/* NAME=VALUE, NAME a metric name. */
static int parse_metric(char *word, gb_reply *out)
{
    char *eq = strchr(word, '=');
    if (!eq || eq == word || eq - word >= GB_NAME_LEN || out->metric_count >= GB_MAX_METRICS)
        return -1;
    *eq = '\0';
    for (const char *p = word; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return -1;
    double v;
    if (parse_double(eq + 1, &v) || !isfinite(v))
        return -1;
    strcpy(out->metric_names[out->metric_count], word);
    out->metric_values[out->metric_count++] = v;
    return 0;
}

static int parse_sample(char **w, int n, gb_reply *out)
{
    if (parse_u64(w[1], &out->ns) || parse_u64(w[2], &out->gc_collections) ||
        parse_u64(w[3], &out->gc_ns) || parse_u64(w[4], &out->cpu_ns) ||
        parse_u64(w[5], &out->gc_max_ns))
        return -1;
    for (int i = 6; i < n; i++)
        if (parse_metric(w[i], out))
            return -1;
    return 0;
}

static int parse_alloc(char **w, gb_reply *out)
{
    uint64_t bytes;
    if (strcmp(w[1], "-") == 0)
        return 0;
    if (parse_u64(w[1], &bytes))
        return -1;
    out->alloc_bytes = (int64_t)bytes;
    return 0;
}

/* "ready gluebench-worker VERSION ..." with this protocol's version. */
static int parse_ready(char **w, gb_reply *out)
{
    uint64_t version;
    if (strcmp(w[1], "gluebench-worker") || parse_u64(w[2], &version))
        return -1;
    out->version = (int)version;
    return version == GB_PROTOCOL_VERSION ? 0 : -1;
}

static int parse_words(char **w, int n, gb_reply *out)
{
    for (int k = 0; k < GB_REPLY_GARBAGE; k++) {
        if (k == GB_REPLY_ERROR || strcmp(w[0], gb_replies[k].word) != 0)
            continue;
        if (n < gb_replies[k].min_words || n > gb_replies[k].max_words)
            return -1;
        out->kind = (gb_reply_kind)k;
        switch (k) {
        case GB_REPLY_READY: return parse_ready(w, out);
        case GB_REPLY_ANSWER: return parse_answer_words(w[1], w[2], &out->answer);
        case GB_REPLY_SAMPLE: return parse_sample(w, n, out);
        case GB_REPLY_ALLOC: return parse_alloc(w, out);
        default: return 0;
        }
    }
    return -1;
}

void protocol_parse(const char *line, gb_reply *out)
{
    char copy[GB_LINE_MAX];
    char *words[GB_REPLY_WORDS_MAX + 1];
    memset(out, 0, sizeof *out);
    out->alloc_bytes = -1;
    snprintf(out->text, sizeof out->text, "%s", line);
    if (strncmp(line, "error ", 6) == 0 && line[6]) {
        out->kind = GB_REPLY_ERROR;
        snprintf(out->text, sizeof out->text, "%s", line + 6);
        return;
    }
    size_t len = strlen(line);
    int n = len < sizeof copy ? (memcpy(copy, line, len + 1), split(copy, words, GB_REPLY_WORDS_MAX)) : 0;
    if (n < 1 || n > GB_REPLY_WORDS_MAX || parse_words(words, n, out) != 0)
        out->kind = GB_REPLY_GARBAGE;
}

int protocol_command(char *out, size_t cap, gb_command_id id, const char *const *args)
{
    size_t len = (size_t)snprintf(out, cap, "%s", gb_commands[id].word);
    for (int i = 0; i < gb_commands[id].args; i++) {
        if (!args[i][0] || strpbrk(args[i], " \n\r"))
            return -1;
        len += (size_t)snprintf(out + (len < cap ? len : cap), len < cap ? cap - len : 0, " %s",
                                args[i]);
    }
    return len < cap ? 0 : -1;
}

int protocol_answers_agree(const gb_answer_value *a, const gb_answer_value *b, double tolerance)
{
    if ((a->kind == GB_VALUE_FLOAT) != (b->kind == GB_VALUE_FLOAT))
        return 0;
    if (a->kind != GB_VALUE_FLOAT)
        return a->digest == b->digest;
    if (isnan(a->value) || isnan(b->value))
        return isnan(a->value) && isnan(b->value);
    double scale = fmax(fabs(a->value), fabs(b->value));
    return fabs(a->value - b->value) <= tolerance * scale;
}

void protocol_answer_text(const gb_answer_value *a, char *out, size_t cap)
{
    if (a->kind == GB_VALUE_FLOAT)
        snprintf(out, cap, "float %.17g", a->value);
    else if (a->kind == GB_VALUE_INT)
        snprintf(out, cap, "int %" PRId64, a->ivalue);
    else
        snprintf(out, cap, "digest %016" PRIx64, a->digest);
}

int protocol_answer_parse(const char *text, gb_answer_value *out)
{
    char kind[16], value[64], extra;
    if (sscanf(text, "%15s %63s %c", kind, value, &extra) != 2)
        return -1;
    return parse_answer_words(kind, value, out);
}
