/* csv.h: CSV rows out, CSV tables in (RFC 4180 quoting).
 *
 * Writing: a row is built in memory and written with one write() call, so
 * the file on disk holds only whole rows at every moment, even if the
 * harness is killed.  Reading: a whole file into a table of strings, for
 * the verbs that work from a run folder (report, plot). */
#ifndef GB_CSV_H
#define GB_CSV_H

#include "error.h"

#include <stddef.h>

typedef struct csv_row {
    char *buf;
    size_t len, cap;
    int fields;
    int out_of_memory;   /* a field could not be added: writing the row fails */
} csv_row;

void csv_row_reset(csv_row *row);
void csv_row_free(csv_row *row);
void csv_add_str(csv_row *row, const char *value);
void csv_add_int(csv_row *row, long long value);
/* NaN is written as an empty field. */
void csv_add_double(csv_row *row, double value);

/* Creates path with the header row; returns an fd or -1 with err. */
int csv_create(const char *path, const char *const *columns, gb_error *err);

/* Writes the row (with its newline) in one call; -1 with err on failure or
 * when the row's field count differs from `expected`.  A write that fails
 * part-way (a full disk, RLIMIT_FSIZE) is cut back with ftruncate to the
 * size before the row, and err names the file (found from fd). */
int csv_write_row(int fd, csv_row *row, int expected, gb_error *err);

typedef struct csv_table {
    int columns;
    int rows;
    char **cells;   /* (rows + 1) x columns; row 0 is the header */
} csv_table;

/* Reads path; every row must have the header's field count. */
int csv_read(const char *path, csv_table *t, gb_error *err);
/* The same on text already in memory (len bytes, no NUL needed); name is
 * for messages. */
int csv_parse(const char *name, const char *text, size_t len, csv_table *t, gb_error *err);
void csv_table_free(csv_table *t);
int csv_column(const csv_table *t, const char *name);   /* -1 if absent */
/* Cell of data row r (0-based) in column c; "" when c < 0. */
const char *csv_cell(const csv_table *t, int r, int c);

#endif
