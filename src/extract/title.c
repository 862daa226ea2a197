/*
 * title.c — headline tidying: a site's name after the headline, and a
 * live-blog lead-in or the site's exact name before it, are cut (see
 * title.h).
 *
 * The idea: a segment after a separator is the site's furniture only if it
 * names the site, so it is compared with what the record says the site is
 * (its outlet name, its url's host) rather than guessed from its shape; a
 * lead-in is cut only from a short list of the words newsrooms put before
 * a headline to flag it as live, breaking or a picture story, and only
 * when a colon, a period or a dash follows the word.
 */
#include <string.h>
#include <strings.h>

#include "title.h"

const char *const title_seps[] = {" | ",        " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                  " :: ",       " \xC2\xB7 ", " \xE2\x80\xA2 ", " // ",
                                  " \xC2\xBB ", NULL};

/* A headline must keep at least this many bytes after a cut. */
#define TITLE_MIN_KEEP 12

/* Folded key of a name: lowercase ASCII letters and digits, accented Latin
 * letters as their base letter, everything else dropped. */
#define FOLD_MAX 128

typedef struct fkey {
    char s[FOLD_MAX];
    size_t n;
    size_t first_word; /* bytes of s taken by the first word */
} fkey;

/* Base letter of U+00C0..U+00FF (from its UTF-8 second byte after 0xC3), 0
 * for none. */
static char latin1_base(unsigned char b)
{
    static const char map[65] = "aaaaaaaceeeeiiiidnooooo ouuuuyts"
                                "aaaaaaaceeeeiiiidnooooo ouuuuyty";
    char c = map[b & 0x3F];
    return c == ' ' ? 0 : c;
}

static void fold(const char *s, size_t n, fkey *k)
{
    k->n = 0;
    k->first_word = 0;
    bool in_word = false, first_done = false;
    for (size_t i = 0; i < n && k->n < FOLD_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        char out = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out = (char)(c - 'A' + 'a');
        else if (c == 0xC3 && i + 1 < n)
            out = latin1_base((unsigned char)s[++i]);
        else if (c >= 0x80) /* other letters: skip the whole sequence */
            while (i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80)
                i++;
        if (out) {
            k->s[k->n++] = out;
            in_word = true;
        } else if (in_word && !first_done) { /* a space, or the ' of "L'Écho" */
            k->first_word = k->n;
            first_done = true;
        }
    }
    if (!first_done)
        k->first_word = k->n;
}

/* The key without a leading article ("The", "La", "L'", "Der", "El"...). */
static const char *drop_article(const fkey *k, size_t *n)
{
    static const char *const art[] = {"the", "la", "le",  "les", "l",  "der", "die",
                                      "das", "el", "los", "las", "il", "lo",  NULL};
    for (const char *const *w = art; *w; w++)
        if (k->first_word < k->n && strlen(*w) == k->first_word &&
            !strncmp(k->s, *w, k->first_word)) {
            *n = k->n - k->first_word;
            return k->s + k->first_word;
        }
    *n = k->n;
    return k->s;
}

/* The registrable name of a url's host: "https://www.evening-courier.co.uk/x"
 * → "evening-courier" (folded by the caller). */
static bool url_name(const char *url, const char **s, size_t *n)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return false;
    p += 3;
    size_t len = strcspn(p, "/:?#");
    const char *end = p + len;
    /* drop the top-level domain, then a short second level ("co.uk") */
    for (int round = 0; round < 2; round++) {
        const char *dot = end;
        while (dot > p && dot[-1] != '.')
            dot--;
        if (dot == p)
            break;
        if (round == 1 && end - dot > 3)
            break;
        end = dot - 1;
    }
    const char *start = end;
    while (start > p && start[-1] != '.')
        start--;
    if (end <= start)
        return false;
    *s = start;
    *n = (size_t)(end - start);
    return true;
}

/* Same name, or one names the other with a word more ("Nordic Wire
 * English" for "Nordic Wire"): a prefix of at least 6 letters. */
static bool same_name(const char *a, size_t an, const char *b, size_t bn)
{
    if (!an || !bn)
        return false;
    if (an == bn)
        return !memcmp(a, b, an);
    size_t m = an < bn ? an : bn;
    return m >= 6 && !memcmp(a, b, m);
}

/* a and b name the same site: exactly, or (loose) as same_name allows */
static bool site_match(const char *a, size_t an, const char *b, size_t bn, bool loose)
{
    if (loose)
        return same_name(a, an, b, bn);
    return an && an == bn && !memcmp(a, b, an);
}

/* Does name (n bytes) name the outlet or the url host, with or without a
 * leading article? loose: as same_name allows; else exactly. */
static bool names_site(const char *name, size_t n, const char *outlet, const char *url,
                       bool loose)
{
    fkey seg;
    fold(name, n, &seg);
    size_t sn;
    const char *sa = drop_article(&seg, &sn);
    if (!sn)
        return false;
    if (outlet && *outlet) {
        fkey o;
        fold(outlet, strlen(outlet), &o);
        size_t on;
        const char *oa = drop_article(&o, &on);
        if (site_match(sa, sn, oa, on, loose))
            return true;
    }
    const char *h;
    size_t hn;
    if (url_name(url, &h, &hn)) {
        fkey host;
        fold(h, hn, &host);
        /* "thelantern" is "The Lantern" with its article */
        if (site_match(seg.s, seg.n, host.s, host.n, loose) ||
            site_match(sa, sn, host.s, host.n, loose))
            return true;
    }
    return false;
}

bool title_names_site(const char *name, size_t n, const char *outlet, const char *url)
{
    return names_site(name, n, outlet, url, true);
}

/* Is name (n bytes) exactly the site's name: the outlet's or the url
 * host's, with or without a leading article? Stricter than
 * title_names_site (no name with a word more or less): a place before a
 * headline's period may begin the outlet's name. */
static bool is_site_name(const char *name, size_t n, const char *outlet, const char *url)
{
    return names_site(name, n, outlet, url, false);
}

/* Length of t once a trailing segment naming the site is cut; n when none. */
static size_t cut_site(const char *t, size_t n, const char *outlet, const char *url)
{
    size_t best = n;
    for (const char *const *s = title_seps; *s; s++) {
        size_t sl = strlen(*s);
        /* the last occurrence of this separator */
        const char *last = NULL;
        for (const char *p = strstr(t, *s); p && (size_t)(p - t) + sl <= n; p = strstr(p + 1, *s))
            last = p;
        if (!last)
            continue;
        size_t head = (size_t)(last - t), tail = n - head - sl;
        if (head >= TITLE_MIN_KEEP && head < best && title_names_site(last + sl, tail, outlet, url))
            best = head;
    }
    return best;
}

/* Words newsrooms put before a headline (live, breaking, picture story). */
/* clang-format off */
static const char *const lead_words[] = {
    /* en */ "live updates", "live", "breaking news", "breaking", "the latest", "latest",
    "watch", "video", "photos", "update", "exclusive", "just in",
    /* fr */ "en direct", "direct", "en images", "vid\xC3\xA9o", "VID\xC3\x89O", "info",
    "alerte", "exclusif", "infographie",
    /* de */ "eilmeldung", "liveticker", "ticker", "exklusiv",
    /* es */ "en vivo", "en directo", "directo", "\xC3\xBAltima hora", "\xC3\x9ALTIMA HORA",
    "v\xC3\xAD" "deo", "V\xC3\x8D" "DEO", "fotos", "exclusiva", NULL};
/* clang-format on */

/* Bytes of the site's own name before the headline ("INFO Le Vigilant. ",
 * "Evening Courier: ", "Le Vigilant - "): an optional lead-in word and a
 * space, then a segment that is exactly the site's name, then a period, a
 * colon or a separator and spaces. 0 when none. */
static size_t site_lead(const char *t, const char *outlet, const char *url)
{
    for (const char *const *w = lead_words;; w++) {
        const char *p = t;
        if (*w) {
            size_t k = strlen(*w);
            if (strncasecmp(t, *w, k) || t[k] != ' ')
                continue;
            p = t + k + 1;
        }
        /* the first end of a segment: ". ", ": " or a separator */
        const char *end = NULL, *after = NULL;
        for (const char *q = p; *q && !end; q++)
            if ((*q == '.' || *q == ':') && q[1] == ' ') {
                end = q;
                after = q + 1;
            } else {
                for (const char *const *s = title_seps; *s && !end; s++)
                    if (!strncmp(q, *s, strlen(*s))) {
                        end = q;
                        after = q + strlen(*s);
                    }
            }
        if (end && end > p && is_site_name(p, (size_t)(end - p), outlet, url)) {
            while (*after == ' ')
                after++;
            return (size_t)(after - t);
        }
        if (!*w)
            return 0;
    }
}

/* Bytes of a live/breaking lead-in at the start of t (with its colon,
 * period or dash and the spaces after it), 0 when none. */
static size_t lead_in(const char *t)
{
    for (const char *const *w = lead_words; *w; w++) {
        size_t k = strlen(*w);
        if (strncasecmp(t, *w, k))
            continue;
        const char *p = t + k;
        if (!strncasecmp(*w, "update", 6) && *p == ' ' && p[1] >= '0' && p[1] <= '9') {
            p += 2; /* Reuters "UPDATE 2-" */
            while (*p >= '0' && *p <= '9')
                p++;
            if (*p != '-')
                continue;
            p++;
        } else if (*p == ':' || *p == '.') {
            p++;
        } else if (!strncmp(p, " - ", 3) || !strncmp(p, " | ", 3)) {
            p += 2;
        } else if (!strncmp(p, " \xE2\x80\x93 ", 5) || !strncmp(p, " \xE2\x80\x94 ", 5)) {
            p += 4;
        } else {
            continue;
        }
        if (*p != ' ' && !(p[-1] == '-' && *p))
            continue;
        while (*p == ' ')
            p++;
        return (size_t)(p - t);
    }
    return 0;
}

const char *title_tidy(sl_arena *a, const char *t, const char *outlet, const char *url)
{
    if (!t)
        return NULL;
    size_t n = strlen(t), start = 0;
    for (int round = 0; round < 3; round++) { /* "BREAKING: LIVE: ..." */
        size_t k = lead_in(t + start);
        if (!k)
            k = site_lead(t + start, outlet, url);
        if (!k || n - start - k < TITLE_MIN_KEEP)
            break;
        start += k;
    }
    size_t end = start + cut_site(t + start, n - start, outlet, url);
    while (end > start && t[end - 1] == ' ')
        end--;
    if (start == 0 && end == n)
        return t;
    char *out = arena_strndup(a, t + start, end - start);
    if (out[0] >= 'a' && out[0] <= 'z' && start > 0)
        out[0] = (char)(out[0] - 'a' + 'A');
    return out;
}
