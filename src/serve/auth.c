/*
 * auth.c — the bearer token that guards writes.
 *
 * The token comes from a file (first line) or from $STORYLINE_TOKEN; it is
 * kept only in memory and never printed. A request is let in when its
 * Authorization header is "Bearer <token>": the comparison runs over the
 * whole header value whatever it holds, so its time says nothing about how
 * many leading bytes matched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "serve.h"

#define AUTH_MIN_LEN 16
#define AUTH_MAX_LEN 4096

static char *trimmed(const char *s, size_t n)
{
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    char *t = malloc(n + 1);
    if (!t)
        abort();
    memcpy(t, s, n);
    t[n] = 0;
    return t;
}

/* Bytes a token may hold: visible ASCII (RFC 6750's b64token and more). */
static bool token_ok(const char *t)
{
    for (; *t; t++)
        if (*t <= ' ' || *t >= 127)
            return false;
    return true;
}

char *auth_load(const char *file, const char **why)
{
    *why = NULL;
    char *tok = NULL;
    if (file) {
        FILE *f = fopen(file, "r");
        if (!f) {
            *why = "the token file cannot be read";
            return NULL;
        }
        char line[AUTH_MAX_LEN + 2];
        if (!fgets(line, sizeof line, f))
            line[0] = 0;
        fclose(f);
        tok = trimmed(line, strlen(line));
    } else {
        const char *env = getenv("STORYLINE_TOKEN");
        if (!env || !*env)
            return NULL;
        tok = trimmed(env, strlen(env));
    }
    if (strlen(tok) < AUTH_MIN_LEN || strlen(tok) > AUTH_MAX_LEN || !token_ok(tok)) {
        *why = "the token must be 16 to 4096 visible ASCII characters";
        free(tok);
        return NULL;
    }
    return tok;
}

bool auth_check(const char *token, const char *header)
{
    if (!token || !header)
        return false;
    if (strncasecmp(header, "Bearer ", 7) != 0)
        return false;
    const char *given = header + 7;
    while (*given == ' ')
        given++;
    size_t n = strlen(token), m = strlen(given);
    /* Every byte of the given value is compared (against the token cycled),
     * and the length difference is folded in. */
    unsigned diff = (unsigned)(n ^ m);
    for (size_t i = 0; i < m; i++)
        diff |= (unsigned char)given[i] ^ (unsigned char)token[i % n];
    return diff == 0 && m > 0;
}
