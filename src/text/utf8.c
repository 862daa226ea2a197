/* PLACEHOLDER — replaced by the text module */
#include <string.h>
#include <utf8proc.h>
#include "text.h"
char *utf8_clean(sl_arena *a, const char *s, size_t n, size_t *out_len, unsigned *n_bad)
{
    *n_bad = 0;
    *out_len = n;
    return arena_strndup(a, s, n);
}
char *text_fold(sl_arena *a, const char *s, size_t n, size_t *out_len)
{
    *out_len = n;
    return arena_strndup(a, s, n);
}
size_t utf8_decode(const char *s, size_t n, int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cp);
    return k > 0 ? (size_t)k : 1;
}
