/* fuzz_warc.c — libFuzzer target for the warc reader + article build. */
#include <stdint.h>
#include "fuzz_reader.h"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one(&reader_warc, "fuzz.warc", data, size);
}
