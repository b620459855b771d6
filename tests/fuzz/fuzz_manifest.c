/* fuzz_manifest.c: libFuzzer target for the manifest loader, in process
 * (manifest_eval, no fork: a crash must reach the fuzzer).  The limits are
 * smaller than the real ones so that a slow input is slow for a
 * millisecond, not a second; the timer is off because libFuzzer owns
 * SIGALRM.  Seeds: tests/fuzz/manifest/ (the name "fuzz" matches the file). */
#include "manifest_eval.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const manifest_limits limits = {1u << 20, 200, 0};
    gb_manifest m;
    gb_error err;
    if (manifest_eval("fuzz.lua", (const char *)data, size, &limits, &m, &err) == 0) {
        /* What the loader promises its readers. */
        for (int p = 0; p < GB_PROFILE_COUNT; p++) {
            int64_t n = manifest_point_count(&m, (gb_profile_id)p);
            if (n < 1 || n > GB_MAX_POINTS)
                __builtin_trap();
            gb_bindings point;
            manifest_point(&m, (gb_profile_id)p, n - 1, &point);
            manifest_items(&m, &point);
        }
        if (!manifest_variant(&m, m.baseline))
            __builtin_trap();
        manifest_free(&m);
    }
    return 0;
}
