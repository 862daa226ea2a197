/* fuzz_jsonl.c — libFuzzer target for the JSON Lines reader + article build. */
#include <stdint.h>
#include "fuzz_reader.h"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one(&reader_jsonl, "fuzz.jsonl", data, size);
}
