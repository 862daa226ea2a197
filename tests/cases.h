/*
 * cases.h — data-driven test cases: files tests/cases/KIND/NAME.case.
 *
 * A .case file holds many cases:
 *
 *     ### name of the case
 *     @lang fr                      (options, any of: lang, pub, title)
 *     @pub 2026-10-25T10:00:00Z
 *     <<<
 *     input text, verbatim
 *     >>>
 *     expected output of the kind's dumper, verbatim
 *
 * Lines starting with "#" before "<<<" that are not "###" are comments.
 * Trailing blank lines of input and expected output are ignored. The
 * dumper of each kind (tests/dump_<kind>.c) turns the input into text;
 * the case passes when that text equals the expected output.
 */
#ifndef SL_CASES_H
#define SL_CASES_H

#include "../src/ctx.h"
#include "../src/util/buf.h"

typedef struct case_opts {
    const char *lang;  /* NULL if not given */
    const char *pub;   /* publication time, NULL if not given */
    const char *title; /* given title, NULL if not given */
} case_opts;

typedef void (*case_dump_fn)(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);

void dump_clean(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_tokens(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_sentences(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_dates(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_entities(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_figures(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_quotes(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_dups(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);
void dump_align(sl_ctx *ctx, const case_opts *o, const char *in, size_t n, buf *out);

#endif
