/*
 * assets.c — the web page's files, embedded at build time.
 *
 * scripts/embed-assets.sh turns web/ into $(BUILD)/gen/assets_data.c: one
 * byte array per file with its path, content type and ETag, ending with an
 * entry whose path is NULL. There are a handful of files: a linear search
 * is the right index.
 */
#include <string.h>

#include "serve.h"

extern const asset serve_assets[];

const asset *asset_find(const char *path)
{
    if (!path)
        return NULL;
    for (const asset *a = serve_assets; a->path; a++)
        if (strcmp(a->path, path) == 0)
            return a;
    return NULL;
}
