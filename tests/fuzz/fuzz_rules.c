/*
 * fuzz_rules.c — libFuzzer target for the rules loader: any bytes as a
 * rule file, loaded and compiled.  Must never crash, leak or hang; errors
 * are the expected outcome for most inputs.
 */
#include <stddef.h>
#include <stdint.h>

#include "actnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    actnet_error err;
    actnet_rules *r = actnet_rules_create();
    if (!r)
        return 0;
    if (actnet_rules_load_string(r, "fuzz.yaml", (const char *)data, size,
                                 &err) == ACTNET_OK)
        (void)actnet_rules_compile(r, &err);
    actnet_rules_destroy(r);
    return 0;
}
