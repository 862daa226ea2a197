/* fuzz_txt.c — libFuzzer target for the plain-text reader + article build. */
#include <stdint.h>
#include "fuzz_reader.h"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one(&reader_txt, "fuzz.txt", data, size);
}
