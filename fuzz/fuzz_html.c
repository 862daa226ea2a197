/* fuzz_html.c — libFuzzer target for the html reader + article build. */
#include <stdint.h>
#include "fuzz_reader.h"
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_one(&reader_html, "fuzz.html", data, size);
}
