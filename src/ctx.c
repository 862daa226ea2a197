/*
 * ctx.c — the context: diagnostics sink and shared language resources.
 */
#include "ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "facts/facts.h"
#include "text/text.h"

void ctx_diag_stderr(void *user, sl_severity sev, const char *file, unsigned line,
                     const char *msg)
{
    (void)user;
    const char *tag = sev == SL_ERROR ? "error" : sev == SL_WARNING ? "warning" : "info";
    if (file && line)
        fprintf(stderr, "%s:%u: %s: %s\n", file, line, tag, msg);
    else if (file)
        fprintf(stderr, "%s: %s: %s\n", file, tag, msg);
    else
        fprintf(stderr, "storyline: %s: %s\n", tag, msg);
}

sl_ctx *sl_ctx_new(sl_diag_fn diag, void *diag_user)
{
    sl_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->diag = diag ? diag : ctx_diag_stderr;
    ctx->diag_user = diag_user;
    ctx->text = text_res_new();
    return ctx;
}

void sl_ctx_free(sl_ctx *ctx)
{
    if (!ctx)
        return;
    text_res_free(ctx->text);
    facts_res_free(ctx->facts);
    free(ctx);
}

unsigned sl_ctx_errors(const sl_ctx *ctx) { return ctx->errors; }
unsigned sl_ctx_warnings(const sl_ctx *ctx) { return ctx->warnings; }

void sl_diag(sl_ctx *ctx, sl_severity sev, const char *file, unsigned line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (sev == SL_ERROR)
        ctx->errors++;
    else if (sev == SL_WARNING)
        ctx->warnings++;
    ctx->diag(ctx->diag_user, sev, file, line, msg);
}

const char *sl_reason_name(sl_reason r)
{
    static const char *const names[SL_RM__COUNT] = {
        [SL_RM_META] = "meta",         [SL_RM_SCRIPT] = "script",
        [SL_RM_COOKIE] = "cookie",     [SL_RM_AD] = "ad",
        [SL_RM_SHARE] = "share",       [SL_RM_CAPTION] = "caption",
        [SL_RM_BYLINE] = "byline",     [SL_RM_TIMESTAMP] = "timestamp",
        [SL_RM_TEASER] = "teaser",     [SL_RM_RELATED] = "related",
        [SL_RM_SOCIAL] = "social",     [SL_RM_NAV] = "nav",
        [SL_RM_HEADLINE] = "headline", [SL_RM_DUP_TITLE] = "dup-title",
        [SL_RM_NEWSLETTER] = "newsletter", [SL_RM_READTIME] = "readtime",
        [SL_RM_COMMENTS] = "comments", [SL_RM_TAGS] = "tags",
        [SL_RM_COPYRIGHT] = "copyright", [SL_RM_OTHER] = "other",
    };
    return (unsigned)r < SL_RM__COUNT && names[r] ? names[r] : "?";
}
