/*
 * ctx.h — the inside of sl_ctx: diagnostics and the language resources that
 * every stage shares. One context per thread; nothing here is global.
 */
#ifndef SL_CTX_H
#define SL_CTX_H

#include "storyline.h"

typedef struct text_res text_res; /* src/text: stemmers, caches, language id */
typedef struct facts_res facts_res; /* src/facts: gazetteer and lookup cache */

struct sl_ctx {
    sl_diag_fn diag;
    void *diag_user;
    unsigned errors, warnings;
    text_res *text;
    facts_res *facts; /* created on first facts extraction */
};

/* The default diagnostics sink (an sl_diag_fn; user unused): one line on
 * stderr, "FILE:LINE: error: MSG" ("FILE: …" without a line, "storyline: …"
 * without a file). Sinks that do more (log errors, drop info) call it. */
void ctx_diag_stderr(void *user, sl_severity sev, const char *file, unsigned line,
                     const char *msg);

#endif
