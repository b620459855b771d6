/* fuzz_csv.c: libFuzzer target for the CSV reader (csv_parse, what
 * csv_read runs on a file's bytes): a table it accepts is rectangular,
 * and every cell is reachable through csv_cell. */
#include "csv.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    csv_table t;
    gb_error err;
    if (csv_parse("fuzz.csv", (const char *)data, size, &t, &err) != 0)
        return 0;
    if (t.columns < 1 || t.rows < 0)
        __builtin_trap();
    size_t total = 0;
    for (int r = 0; r < t.rows; r++)
        for (int c = 0; c < t.columns; c++)
            total += strlen(csv_cell(&t, r, c));
    if (total > size || csv_column(&t, t.cells[0]) != 0)
        __builtin_trap();
    csv_table_free(&t);
    return 0;
}
