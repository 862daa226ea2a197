/* fuzz_feed.c — libFuzzer target for the feed reader + article build. */
#include <stdint.h>
#include "fuzz_reader.h"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one(&reader_feed, "fuzz.feed", data, size);
}
