/* PLACEHOLDER — replaced by the module owner */
#include "cases.h"
void dump_sentences(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out) { buf_adds(out, "(no dumper)"); }
