/* protocol.c: strict parsing of worker replies.
 *
 * Strict on purpose: a reply with a missing or extra word, or a number that
 * does not parse whole, is garbage, so a worker that prints the wrong thing
 * is caught instead of measured. */
#include "protocol.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"ready", "ok", "answer", "sample", "alloc", "bye",
                                         "error", "garbage"};

const char *protocol_kind_name(gb_reply_kind kind)
{
    return kind_names[kind];
}

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

/* Splits a copy of line into at most `max` words; returns the count. */
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

static int parse_answer(char **w, int n, gb_reply *out)
{
    if (n != 3)
        return -1;
    if (strcmp(w[1], "float") == 0) {
        out->answer.is_float = 1;
        return parse_double(w[2], &out->answer.value);
    }
    if (strcmp(w[1], "digest") == 0)
        return parse_hex64(w[2], &out->answer.digest);
    return -1;
}

static int parse_words(char **w, int n, gb_reply *out)
{
    if (strcmp(w[0], "ok") == 0)
        return n == 1 ? (out->kind = GB_REPLY_OK, 0) : -1;
    if (strcmp(w[0], "bye") == 0)
        return n == 1 ? (out->kind = GB_REPLY_BYE, 0) : -1;
    if (strcmp(w[0], "answer") == 0)
        return (out->kind = GB_REPLY_ANSWER, parse_answer(w, n, out));
    if (strcmp(w[0], "sample") == 0) {
        out->kind = GB_REPLY_SAMPLE;
        return n == 4 && !parse_u64(w[1], &out->ns) && !parse_u64(w[2], &out->gc_collections) &&
                       !parse_u64(w[3], &out->gc_ns) ? 0 : -1;
    }
    if (strcmp(w[0], "alloc") == 0) {
        uint64_t bytes;
        out->kind = GB_REPLY_ALLOC;
        if (n == 2 && strcmp(w[1], "-") == 0)
            return 0;
        if (n != 2 || parse_u64(w[1], &bytes))
            return -1;
        out->alloc_bytes = (int64_t)bytes;
        return 0;
    }
    return -1;
}

void protocol_parse(const char *line, gb_reply *out)
{
    memset(out, 0, sizeof *out);
    out->alloc_bytes = -1;
    snprintf(out->text, sizeof out->text, "%s", line);
    if (strncmp(line, "error ", 6) == 0 && line[6]) {
        out->kind = GB_REPLY_ERROR;
        snprintf(out->text, sizeof out->text, "%s", line + 6);
        return;
    }
    if (strncmp(line, "ready gluebench-worker 1 ", 25) == 0) {
        out->kind = GB_REPLY_READY;
        return;
    }
    char copy[GB_REPLY_TEXT_LEN];
    char *words[5];
    snprintf(copy, sizeof copy, "%s", line);
    int n = strlen(line) < sizeof copy ? split(copy, words, 4) : 0;
    if (n < 1 || n > 4 || parse_words(words, n, out) != 0)
        out->kind = GB_REPLY_GARBAGE;
}

int protocol_answers_agree(const gb_answer_value *a, const gb_answer_value *b, double tolerance)
{
    if (a->is_float != b->is_float)
        return 0;
    if (!a->is_float)
        return a->digest == b->digest;
    if (isnan(a->value) || isnan(b->value))
        return isnan(a->value) && isnan(b->value);
    double scale = fmax(fabs(a->value), fabs(b->value));
    return fabs(a->value - b->value) <= tolerance * scale;
}

void protocol_answer_text(const gb_answer_value *a, char *out, int cap)
{
    if (a->is_float)
        snprintf(out, (size_t)cap, "float %.17g", a->value);
    else
        snprintf(out, (size_t)cap, "digest %016llx", (unsigned long long)a->digest);
}
