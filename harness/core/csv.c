/* csv.c: CSV writing and reading. */
#include "csv.h"

#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void append(csv_row *row, const char *text, size_t len)
{
    if (row->len + len + 2 > row->cap) {
        size_t cap = row->cap ? row->cap : 256;
        while (row->len + len + 2 > cap)
            cap *= 2;
        char *grown = realloc(row->buf, cap);
        if (!grown) {
            row->out_of_memory = 1;   /* reported by csv_write_row, the row not written */
            return;
        }
        row->buf = grown;
        row->cap = cap;
    }
    memcpy(row->buf + row->len, text, len);
    row->len += len;
    row->buf[row->len] = '\0';
}

void csv_row_reset(csv_row *row)
{
    row->len = 0;
    row->fields = 0;
    row->out_of_memory = 0;
}

void csv_row_free(csv_row *row)
{
    free(row->buf);
    memset(row, 0, sizeof *row);
}

static int needs_quotes(const char *s)
{
    size_t len = strlen(s);
    return strpbrk(s, ",\"\r\n") != NULL || (len && (s[0] == ' ' || s[len - 1] == ' '));
}

void csv_add_str(csv_row *row, const char *value)
{
    if (row->fields++ > 0)
        append(row, ",", 1);
    if (!needs_quotes(value)) {
        append(row, value, strlen(value));
        return;
    }
    append(row, "\"", 1);
    for (const char *p = value; *p; p++) {
        append(row, p, 1);
        if (*p == '"')
            append(row, "\"", 1); /* a quote inside is doubled */
    }
    append(row, "\"", 1);
}

void csv_add_int(csv_row *row, long long value)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", value);
    csv_add_str(row, text);
}

void csv_add_double(csv_row *row, double value)
{
    char text[32] = "";
    if (!isnan(value))
        snprintf(text, sizeof text, "%.6g", value);
    csv_add_str(row, text);
}

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            errno = ENOSPC;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The name fd was opened with, for messages (the callers pass only fds). */
static void fd_name(int fd, char *out, size_t cap)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, out, cap - 1);
    if (n <= 0)
        n = snprintf(out, cap, "file descriptor %d", fd);
    out[n < (ssize_t)cap ? n : (ssize_t)cap - 1] = '\0';
}

int csv_write_row(int fd, csv_row *row, int expected, gb_error *err)
{
    if (row->out_of_memory || !row->buf)
        return gb_fail(err, "out of memory building a CSV row");
    if (row->fields != expected)
        return gb_fail(err, "internal error: a row has %d fields, the schema %d", row->fields,
                       expected);
    /* The size before the row: a short write (disk full, RLIMIT_FSIZE) is
     * cut back to it, so that the file still ends with a whole row.  The
     * file's size, not the offset, as it may be open with O_APPEND. */
    struct stat st;
    off_t before = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
    append(row, "\n", 1);
    int rc = write_all(fd, row->buf, row->len);
    int saved = errno;
    row->len--;
    row->buf[row->len] = '\0';
    if (rc == 0)
        return 0;
    char name[1024];
    fd_name(fd, name, sizeof name);
    if (before >= 0 && ftruncate(fd, before) == 0 && lseek(fd, before, SEEK_SET) == before)
        return gb_fail(err, "%s: cannot write a row: %s (the file ends at its last whole row)",
                       name, strerror(saved));
    return gb_fail(err, "%s: cannot write a row: %s, and cannot cut the part written: %s", name,
                   strerror(saved), strerror(errno));
}

int csv_create(const char *path, const char *const *columns, gb_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return gb_fail(err, "%s: cannot create: %s", path, strerror(errno));
    csv_row row = {0};
    int n = 0;
    for (; columns[n]; n++)
        csv_add_str(&row, columns[n]);
    int rc = csv_write_row(fd, &row, n, err);
    csv_row_free(&row);
    if (rc != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* ---- reading ----------------------------------------------------------- */

typedef struct parser {
    const char *p, *end;
    char **cells;
    int count, cap;
} parser;

static int push_cell(parser *ps, char *cell)
{
    if (ps->count == ps->cap) {
        int cap = ps->cap ? ps->cap * 2 : 64;
        char **grown = realloc(ps->cells, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        ps->cells = grown;
        ps->cap = cap;
    }
    ps->cells[ps->count++] = cell;
    return 0;
}

/* Reads one field starting at ps->p; returns it (malloc'd) and leaves
 * ps->p on the separator that ended it. */
static char *read_field(parser *ps)
{
    size_t cap = 16, len = 0;
    char *out = malloc(cap);
    int quoted = ps->p < ps->end && *ps->p == '"';
    ps->p += quoted;
    while (out && ps->p < ps->end) {
        char c = *ps->p;
        if (quoted && c == '"' && ps->p + 1 < ps->end && ps->p[1] == '"')
            ps->p++;
        else if (quoted && c == '"') {
            quoted = 0;
            ps->p++;
            continue;
        } else if (!quoted && (c == ',' || c == '\n' || c == '\r'))
            break;
        if (len + 2 > cap && !(out = realloc(out, cap *= 2)))
            break;
        out[len++] = c;
        ps->p++;
    }
    if (out)
        out[len] = '\0';
    return out;
}

/* Parses one record; returns its field count, 0 at the end, -1 on error. */
static int read_record(parser *ps)
{
    if (ps->p >= ps->end)
        return 0;
    int fields = 0;
    for (;;) {
        char *cell = read_field(ps);
        if (!cell || push_cell(ps, cell) != 0) {
            free(cell);
            return -1;
        }
        fields++;
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == '\r')
            ps->p++;
        if (ps->p < ps->end && *ps->p == '\n')
            ps->p++;
        return fields;
    }
}

int csv_read(const char *path, csv_table *t, gb_error *err)
{
    size_t len = 0;
    memset(t, 0, sizeof *t);
    char *text = file_read_whole(path, &len);
    if (!text)
        return gb_fail(err, "%s: cannot read: %s", path, strerror(errno));
    int rc = csv_parse(path, text, len, t, err);
    free(text);
    return rc;
}

int csv_parse(const char *name, const char *text, size_t len, csv_table *t, gb_error *err)
{
    memset(t, 0, sizeof *t);
    parser ps = {text, text + len, NULL, 0, 0};
    int line = 0, fields, rc = 0;
    while ((fields = read_record(&ps)) > 0) {
        line++;
        if (line == 1)
            t->columns = fields;
        else if (fields != t->columns) {
            rc = gb_fail(err, "%s:%d: %d fields, the header has %d", name, line, fields,
                         t->columns);
            break;
        }
    }
    if (fields < 0)
        rc = gb_fail(err, "%s: out of memory", name);
    t->cells = ps.cells;
    t->rows = line > 0 ? line - 1 : 0;
    if (rc == 0 && line == 0)
        rc = gb_fail(err, "%s: empty file, no header", name);
    if (rc != 0) {
        for (int i = 0; i < ps.count; i++)
            free(ps.cells[i]);
        free(ps.cells);
        memset(t, 0, sizeof *t);
    }
    return rc;
}

void csv_table_free(csv_table *t)
{
    for (int i = 0; i < (t->rows + 1) * t->columns; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

int csv_column(const csv_table *t, const char *name)
{
    for (int c = 0; c < t->columns; c++)
        if (strcmp(t->cells[c], name) == 0)
            return c;
    return -1;
}

const char *csv_cell(const csv_table *t, int r, int c)
{
    if (c < 0 || r < 0 || r >= t->rows)
        return "";
    return t->cells[(size_t)(r + 1) * (size_t)t->columns + (size_t)c];
}
