/* test_csv.c: CSV quoting on the way out and parsing on the way in. */
#include "csv.h"
#include "gbtest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

GB_TEST(csv_plain_fields)
{
    csv_row row = {0};
    csv_add_str(&row, "boundary");
    csv_add_int(&row, -42);
    csv_add_double(&row, 1.5);
    csv_add_double(&row, NAN);
    CHECK(strcmp(row.buf, "boundary,-42,1.5,") == 0);
    CHECK(row.fields == 4);
    csv_row_free(&row);
}

GB_TEST(csv_quoting)
{
    csv_row row = {0};
    csv_add_str(&row, "C extension, batched");
    csv_add_str(&row, "say \"hi\"");
    csv_add_str(&row, "two\nlines");
    csv_add_str(&row, " padded");
    CHECK(strcmp(row.buf, "\"C extension, batched\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\"") == 0);
    csv_row_free(&row);
}

/* Writes a header and rows through the writer, reads them back. */
GB_TEST(csv_round_trip)
{
    char path[] = "/tmp/gbtest-csv-XXXXXX";
    int tmp = mkstemp(path);
    close(tmp);
    static const char *const cols[] = {"name", "note", "value", 0};
    gb_error err;
    int fd = csv_create(path, cols, &err);
    CHECK(fd >= 0);
    csv_row row = {0};
    csv_add_str(&row, "a,b");
    csv_add_str(&row, "q\"uote\nline");
    csv_add_double(&row, 2.25);
    CHECK(csv_write_row(fd, &row, 3, &err) == 0);
    csv_row_reset(&row);
    csv_add_str(&row, "short");
    CHECK(csv_write_row(fd, &row, 3, &err) == -1); /* the schema guard */
    CHECK_CONTAINS(err.msg, "1 fields, the schema 3");
    close(fd);
    csv_table t;
    CHECK(csv_read(path, &t, &err) == 0);
    CHECK(t.rows == 1 && t.columns == 3);
    CHECK(strcmp(csv_cell(&t, 0, csv_column(&t, "name")), "a,b") == 0);
    CHECK(strcmp(csv_cell(&t, 0, 1), "q\"uote\nline") == 0);
    CHECK(atof(csv_cell(&t, 0, csv_column(&t, "value"))) == 2.25);
    CHECK(csv_column(&t, "absent") == -1 && strcmp(csv_cell(&t, 0, -1), "") == 0);
    csv_table_free(&t);
    csv_row_free(&row);
    unlink(path);
}

GB_TEST(csv_ragged_file_is_an_error)
{
    char path[] = "/tmp/gbtest-csv-XXXXXX";
    int fd = mkstemp(path);
    const char text[] = "a,b\n1,2\n3\n";
    CHECK(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
    close(fd);
    csv_table t;
    gb_error err;
    CHECK(csv_read(path, &t, &err) == -1);
    CHECK_CONTAINS(err.msg, ":3: 1 fields, the header has 2");
    unlink(path);
}

GB_TEST(csv_crlf_and_empty_fields)
{
    char path[] = "/tmp/gbtest-csv-XXXXXX";
    int fd = mkstemp(path);
    const char text[] = "a,b,c\r\n,,x\r\n";
    CHECK(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
    close(fd);
    csv_table t;
    gb_error err;
    CHECK(csv_read(path, &t, &err) == 0);
    CHECK(t.rows == 1 && strcmp(csv_cell(&t, 0, 0), "") == 0 && strcmp(csv_cell(&t, 0, 2), "x") == 0);
    csv_table_free(&t);
    unlink(path);
}
