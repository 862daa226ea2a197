/*
 * clean.c — line-level cleaning of scraped article text: the driver.
 *
 * One pass over the lines. Each non-empty line is classified, in order:
 *   1. metadata prefix lines at the very top (" date 2017-11 ", "url: …");
 *   2. a repeat of the title (given, from a "title:" line, or detected);
 *   3. embedded social posts ("— Name (@handle) date", pic.twitter.com);
 *   4. the phrase table (clean_rules.c) looked up by the line's first word,
 *      each hit confirmed by its handler (teaser, stamp, byline, ...);
 *   5. detectors for what has no fixed first words: © lines, captions
 *      ending in a photo credit, "contains" phrases, consent/script/
 *      newsletter notices, agency credit lines, date-only stamps, crumbs,
 *      lists of share buttons, CSS/script leftovers;
 *   6. otherwise the line is kept — unless it is the headline (the first
 *      headline-like line when no title was given) or an item of a list of
 *      other headlines opened by a header ("Sur le même sujet").
 * After the pass, a block of TEASER_RUN or more headline-like lines in a row
 * with no header (a sidebar of other articles' headlines) goes too; when
 * the headline was detected inside it, the block's last line is the
 * headline (teaser_blocks).
 * Two rules look back: an attribution line of an embedded post (or its
 * bare image link) also removes the post's text line just above it, and a
 * photo credit alone on its line ("Photo: Reuters/Ana Silva") removes the
 * line above it when that line has the shape of a caption ("…, Rotterdam.").
 * Metadata met on the way (stamp, author, agencies, url, ...) goes into the
 * result.
 *
 * Paragraphs: every kept line is a paragraph of its own (scrapers often put
 * one paragraph per line), except a wrapped continuation: a line starting
 * with a lowercase letter whose previous kept line (with no blank line in
 * between) does not end with . ! ? … : or ; is joined to it with a space.
 * Whitespace inside a line is normalised (runs of spaces/tabs → one space,
 * trimmed). Datelines ("PARIS (AFP) — …") are kept verbatim: their agency
 * is recorded, nothing is stripped from the text.
 */
#include "clean.h"

#include <stddef.h>
#include <string.h>

#include "clean_int.h"

enum { L_EMPTY = 0, L_KEEP, L_DROP };
enum { HEAD_OFF = 0, HEAD_SEARCH, HEAD_DONE };

typedef struct cline {
    uint32_t s, n; /* trimmed span in the input */
    uint8_t state;
    uint8_t reason;
    bool headline; /* kept or taken as the headline, and headline_like */
} cline;

#define MAX_AGENCIES 16

typedef struct cstate {
    sl_arena *a;
    const char *text;
    clean_result *out;
    cline *lines;
    size_t nl;
    const char *tkey; /* folded key of the title, or NULL */
    size_t tkn, tcore; /* its length; length of its part before " | Outlet" (0: none) */
    int head;
    int kickers;
    bool top;          /* metadata lines still accepted */
    int list_reason;   /* open list of other headlines: its reason, or -1 */
    bool list_headlines; /* items must look like headlines (after "Lire aussi") */
    int stamp_class;
    const char *agencies[MAX_AGENCIES];
    size_t n_agencies;
    ckey key;          /* the current line's key (reused) */
    ckey aux;          /* a second key, for looking back at an earlier line */
} cstate;

/* ---------------------------------------------------------------- small helpers */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Copies s[0..n) into dst with runs of spaces/tabs collapsed and NUL bytes
 * dropped; returns the length written (s is already trimmed). */
static size_t norm_copy(char *dst, const char *s, size_t n)
{
    /* the usual line has nothing to collapse: find the prefix that is
     * copied as it is (no control byte, lone inner spaces), eight bytes at
     * a time while they hold no byte below '!' but lone spaces */
    size_t i = 0;
    while (i + 9 <= n && (unsigned char)s[0] > ' ') {
        uint64_t v;
        memcpy(&v, s + i, 8);
        const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
        uint64_t low = (v - ones * 0x21) & ~v & high; /* bytes < 0x21 (exact enough) */
        if (low) {
            uint64_t sp = v ^ (ones * 0x20);
            uint64_t is_sp = (sp - ones) & ~sp & high; /* bytes == 0x20 */
            /* any byte below '!' that is not a space, or two spaces in a row
             * (inside the word, or at its last byte followed by another) */
            if ((low & ~is_sp) || (is_sp & (is_sp >> 8)) ||
                ((is_sp >> 56) && (unsigned char)s[i + 8] <= ' '))
                break;
        }
        i += 8;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ')
            continue;
        if (c != ' ' || i == 0 || i + 1 == n || (unsigned char)s[i + 1] <= ' ')
            break;
    }
    memcpy(dst, s, i);
    size_t o = i;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ') {
            dst[o++] = (char)c;
            continue;
        }
        if (c == 0)
            continue; /* not valid input; never let a NUL cut the text */
        if (is_space(c)) {
            if (o && dst[o - 1] != ' ')
                dst[o++] = ' ';
            continue;
        }
        dst[o++] = (char)c;
    }
    while (o && dst[o - 1] == ' ')
        o--;
    return o;
}

static char *norm_dup(sl_arena *a, const char *s, size_t n)
{
    while (n && is_space((unsigned char)*s))
        s++, n--;
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    char *d = arena_alloc(a, n + 1);
    d[norm_copy(d, s, n)] = 0;
    return d;
}

static void add_agency(cstate *st, const char *name)
{
    for (size_t i = 0; i < st->n_agencies; i++)
        if (st->agencies[i] == name)
            return;
    if (st->n_agencies < MAX_AGENCIES)
        st->agencies[st->n_agencies++] = name;
}

/* ---------------------------------------------------------------- title */

/* Remembers the title's key, and where its " | Outlet" suffix starts. */
static void set_title(cstate *st, const char *title)
{
    ckey *k = &st->key;
    ckey_build(k, title, strlen(title));
    if (k->kn == 0)
        return;
    st->tkey = arena_strndup(st->a, k->k, k->kn);
    st->tkn = k->kn;
    st->tcore = 0;
    for (size_t j = k->nw; j-- > 1 && k->nw - j <= 5;) {
        if (ckey_gap_has(k, (long)j - 1, "|", true)) {
            st->tcore = (size_t)k->w[j - 1].ke;
            break;
        }
    }
}

/* The line repeats the title, possibly with an " | Outlet" suffix. */
static bool dup_title(const cstate *st, const ckey *k)
{
    if (!st->tkey || k->trunc)
        return false;
    size_t lens[2] = {st->tkn, st->tcore};
    for (size_t v = 0; v < 2; v++) {
        size_t l = lens[v];
        if (!l || k->kn < l || memcmp(k->k, st->tkey, l) != 0)
            continue;
        if (k->kn == l)
            return true;
        if (k->k[l] != ' ')
            continue;
        for (size_t w = 1; w < k->nw; w++) {
            if (k->w[w].ks == l + 1)
                return k->nw - w <= 5 && ckey_gap_has(k, (long)w - 1, "|", true);
        }
    }
    return false;
}

/* 3–25 words, no final period or comma/colon, not a continuation. */
static bool headline_like(const ckey *k)
{
    if (k->trunc || k->nw < 3 || k->nw > 25)
        return false;
    if (craw_ends_period(k->raw, k->rn) || craw_starts_lower(k->raw, k->rn) ||
        craw_starts_dash(k->raw, k->rn))
        return false;
    char last = k->raw[k->rn - 1];
    return last != ',' && last != ':' && last != ';';
}

/* A kicker above a headline: one or two words, no punctuation at the end. */
static bool kicker_like(const ckey *k)
{
    return !k->trunc && k->nw >= 1 && k->nw <= 2 && !craw_ends_sentence(k->raw, k->rn);
}

/* A paragraph of prose: ends a list of other headlines. */
static bool real_paragraph(const ckey *k)
{
    size_t w = ckey_words(k);
    return w > 30 || (w >= 12 && craw_ends_sentence(k->raw, k->rn));
}

/* ---------------------------------------------------------------- metadata lines */

static bool lower_word(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    return n == l && memcmp(s, w, l) == 0;
}

/* "date 2017-11", "date: 2026-03-14T10:32:00+01:00", "source: X",
 * "url: https://…", "lang: fr", "title: …" (lowercase key, at the top). */
static bool meta_line(cstate *st, const char *s, size_t n)
{
    size_t kl = 0;
    while (kl < n && s[kl] >= 'a' && s[kl] <= 'z')
        kl++;
    if (kl == 0 || kl == n)
        return false;
    bool colon = s[kl] == ':';
    if (!colon && s[kl] != ' ')
        return false;
    size_t v = kl + 1;
    while (v < n && is_space((unsigned char)s[v]))
        v++;
    if (v == n)
        return false;
    const char *val = s + v;
    size_t vn = n - v;
    clean_result *out = st->out;
    if (lower_word(s, kl, "date")) {
        if (val[0] < '0' || val[0] > '9')
            return false;
        out->date = norm_dup(st->a, val, vn);
        return true;
    }
    if (!colon)
        return false;
    if (lower_word(s, kl, "source")) {
        out->source = norm_dup(st->a, val, vn);
    } else if (lower_word(s, kl, "url")) {
        if (vn < 4 || (memcmp(val, "http", 4) != 0 && memcmp(val, "www.", 4) != 0))
            return false;
        out->url = norm_dup(st->a, val, vn);
    } else if (lower_word(s, kl, "lang") || lower_word(s, kl, "language")) {
        if (vn < 2 || vn > 8)
            return false;
        out->lang = norm_dup(st->a, val, vn);
    } else if (lower_word(s, kl, "title")) {
        out->title = norm_dup(st->a, val, vn);
        set_title(st, out->title);
        if (st->head == HEAD_SEARCH)
            st->head = HEAD_OFF;
    } else {
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------- classification */

typedef struct rule_ctx {
    cstate *st;
    const ckey *k;
    cinfo *ci;
} rule_ctx;

/* Confirms a phrase-table hit with its handler; true when decided. */
static bool rule_hit(void *user, const clean_rule *r, size_t m)
{
    rule_ctx *rc = user;
    const ckey *k = rc->k;
    cinfo *ci = rc->ci;
    switch (r->handler) {
    case CH_PLAIN:
        ci->reason = r->reason;
        return true;
    case CH_LABEL:
        if (craw_ends_period(k->raw, k->rn))
            return false;
        ci->reason = r->reason;
        return true;
    case CH_COLON: {
        const char *p;
        size_t n;
        ckey_gap(k, (long)m - 1, &p, &n);
        if (!memchr(p, ':', n))
            return false;
        ci->reason = r->reason;
        return true;
    }
    case CH_TEASER:
        if (!cdet_teaser(k, m))
            return false;
        ci->reason = SL_RM_TEASER;
        return true;
    case CH_STAMP:
        return cdet_stamp(k, m, ci);
    case CH_RELATED:
        if (craw_ends_sentence(k->raw, k->rn))
            return false;
        ci->reason = SL_RM_RELATED;
        rc->st->list_reason = SL_RM_RELATED;
        rc->st->list_headlines = false;
        return true;
    case CH_FOLLOW:
        ci->reason = r->reason;
        rc->st->list_reason = r->reason;
        rc->st->list_headlines = true;
        return true;
    case CH_BYLINE:
        return cdet_byline(k, m, ci);
    case CH_CREDIT:
        return cdet_credit(k, m, ci);
    }
    return false;
}

/* A line that is only the image link of a post: "pic.twitter.com/Ab12". */
static bool bare_post_link(const cstate *st, const cline *l)
{
    const char *s = st->text + l->s;
    bool link = (l->n >= 15 && memcmp(s, "pic.twitter.com", 15) == 0) ||
                (l->n >= 9 && memcmp(s, "pic.x.com", 9) == 0);
    return link && !memchr(s, ' ', l->n);
}

/* Embedded posts. An attribution line ("— Name (@handle) date") or a bare
 * image link takes the nearest line above it (past blank lines and a bare
 * link), when that line is kept: the post's text. Another social line (the
 * end of an Instagram frame) takes the kept lines between it and a social
 * line at most 4 lines above, except lines ending with a colon (the
 * article's own "She wrote:"). */
static void social_backmark(cstate *st, size_t i, bool attribution)
{
    if (!attribution) { /* "A post shared by …" closing a "View this post …" frame */
        for (size_t j = i; j-- > 0 && i - j <= 4;) {
            if (st->lines[j].state == L_DROP && st->lines[j].reason == SL_RM_SOCIAL) {
                for (size_t m = j + 1; m < i; m++) {
                    cline *l = &st->lines[m];
                    if (l->state == L_KEEP && l->n <= 600 && st->text[l->s + l->n - 1] != ':')
                        l->state = L_DROP, l->reason = SL_RM_SOCIAL;
                }
                break;
            }
        }
        return;
    }
    for (size_t j = i; j-- > 0;) {
        cline *l = &st->lines[j];
        if (l->state == L_EMPTY || bare_post_link(st, l))
            continue;
        if (l->state == L_KEEP && l->n <= 600)
            l->state = L_DROP, l->reason = SL_RM_SOCIAL;
        return;
    }
}

/* A photo credit alone on its line: "Photo: Reuters/Ana Silva", "© Marie
 * Lenoir / Le Courrier", "Foto: dpa" — short, naming no scene. */
static bool credit_only(const ckey *k)
{
    if (k->trunc || k->nw == 0 || k->nw > 8 || craw_ends_period(k->raw, k->rn))
        return false;
    const char *s = k->raw;
    size_t n = k->rn;
    bool lead = cws_word(&cws_photo_lead, k, 0) && ckey_gap_has(k, 0, ":", false);
    bool copy = n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9;
    return lead || copy || memchr(s, '/', n) != NULL;
}

/* The shape of a caption without credit: at most 16 words, no quotes, no
 * final ? ! : and a last comma-separated part of 1–3 words naming a place
 * or a time ("…, Rotterdam.", "…, à Ancenis, samedi."). A sentence that
 * ends in an attribution ("…, the council said.") is not one. */
static bool caption_shape(cstate *st, const char *s, size_t n)
{
    ckey *k = &st->aux;
    ckey_build(k, s, n);
    if (k->trunc || k->nw < 3 || k->nw > 16)
        return false;
    if (craw_ends_sentence(s, n) && !craw_ends_period(s, n))
        return false;
    if (memchr(s, '"', n) || memmem(s, n, "\xC2\xAB", 2) || memmem(s, n, "\xE2\x80\x9C", 3))
        return false;
    const char *comma = NULL;
    for (size_t i = n; i-- > 0;)
        if (s[i] == ',') {
            comma = s + i;
            break;
        }
    if (!comma)
        return false;
    size_t from = 0, at = (size_t)(comma - s);
    while (from < k->nw && k->w[from].rs < at)
        from++;
    if (from == k->nw || k->nw - from > 3)
        return false;
    for (size_t w = from; w < k->nw; w++) {
        bool date = cws_word(&cws_date, k, w) != NULL;
        if (!ckey_word_cap(k, w) && !date && (w + 1 == k->nw || ckey_wl(k, w) > 2))
            return false; /* lowercase words: only short connectors ("à", "in") */
    }
    return true;
}

/* A caption's text line often stands alone just above its credit line:
 * the nearest non-empty line above a credit-only line is the caption when
 * it is kept and has the shape of a caption. */
static void caption_backmark(cstate *st, size_t i)
{
    for (size_t j = i; j-- > 0;) {
        cline *l = &st->lines[j];
        if (l->state == L_EMPTY)
            continue;
        if (l->state == L_KEEP && caption_shape(st, st->text + l->s, l->n)) {
            l->state = L_DROP;
            l->reason = SL_RM_CAPTION;
        }
        return;
    }
}

/* Decides the reason of a non-empty, non-metadata line (-1: keep). */
static int classify(cstate *st, size_t i, cinfo *ci)
{
    const ckey *k = &st->key;
    if (!k->trunc && k->nw == 0)
        return SL_RM_OTHER; /* punctuation or symbols only */
    if (dup_title(st, k))
        return SL_RM_DUP_TITLE;
    bool attribution;
    if (cdet_social(k, &attribution)) {
        social_backmark(st, i, attribution || bare_post_link(st, &st->lines[i]));
        return SL_RM_SOCIAL;
    }
    rule_ctx rc = {st, k, ci};
    if (crule_each(k, rule_hit, &rc)) {
        if (ci->reason == SL_RM_SOCIAL)
            social_backmark(st, i, false);
        if (ci->reason == SL_RM_CAPTION && credit_only(k))
            caption_backmark(st, i);
        return ci->reason;
    }
    if (cdet_copyright(k, ci) || cdet_contains(k, ci) || cdet_cooc(k, ci)) {
        if (ci->reason == SL_RM_CAPTION && credit_only(k))
            caption_backmark(st, i);
        return ci->reason;
    }
    if (cdet_caption(k)) {
        if (credit_only(k))
            caption_backmark(st, i);
        return SL_RM_CAPTION;
    }
    if (cdet_credit_line(k, ci) || cdet_date_line(k, ci))
        return ci->reason;
    if (cdet_nav(k))
        return SL_RM_NAV;
    if (cdet_share_list(k))
        return SL_RM_SHARE;
    if (cdet_code(k))
        return SL_RM_SCRIPT;
    if (cdet_wire_slug(k))
        return SL_RM_OTHER;
    return -1;
}

/* A line that no rule removed: list item, headline, or article text. */
static int classify_kept(cstate *st, cinfo *ci)
{
    const ckey *k = &st->key;
    if (st->list_reason >= 0) {
        /* after "Lire aussi" alone: headlines (no final period); after a
         * list header: items until a paragraph of prose */
        bool item = st->list_headlines
                        ? !k->trunc && k->nw <= 30 && !craw_ends_period(k->raw, k->rn)
                        : !real_paragraph(k);
        if (item)
            return st->list_reason;
        st->list_reason = -1;
    }
    if (st->head == HEAD_SEARCH) {
        if (headline_like(k)) {
            st->head = HEAD_DONE;
            return SL_RM_HEADLINE;
        }
        if (kicker_like(k) && st->kickers < 1) {
            st->kickers++;
            return -1;
        }
        st->head = HEAD_DONE;
    }
    cdet_kept_credit(k, ci);
    return -1;
}

/* Applies what a removed or kept line taught: agencies, author, stamp. */
static void take_info(cstate *st, const ckey *k, const cinfo *ci)
{
    for (size_t j = 0; j < ci->n_agencies; j++)
        add_agency(st, ci->agencies[j]);
    if (ci->author_e > ci->author_s && !st->out->author)
        st->out->author = norm_dup(st->a, k->raw + ci->author_s, ci->author_e - ci->author_s);
    if (ci->stamp_class > st->stamp_class && ci->stamp_e > ci->stamp_s) {
        st->out->stamp = norm_dup(st->a, k->raw + ci->stamp_s, ci->stamp_e - ci->stamp_s);
        st->stamp_class = ci->stamp_class;
    }
}

/* ---------------------------------------------------------------- teaser blocks */

/* Lines a block of other articles' headlines has at least. */
#define TEASER_RUN 7

/* A block of other articles' headlines with no header (a sidebar of
 * teasers): TEASER_RUN or more headline-like lines in a row (blank lines
 * and removed lines between them aside), not opened by a line ending in
 * ':' (the article's own list). Its lines go as related. When the detected
 * headline is one of them and a paragraph of text follows the block, the
 * block's last line is the headline instead: a page's own title comes last,
 * right above its text. */
static bool headline_line(const cline *l)
{
    return l->headline && (l->state == L_KEEP || l->reason == SL_RM_HEADLINE);
}

static void teaser_blocks(cstate *st)
{
    const cline *before = NULL; /* the last kept line before the block */
    for (size_t i = 0; i < st->nl;) {
        cline *l = &st->lines[i];
        if (!headline_line(l)) {
            if (l->state == L_KEEP)
                before = l;
            i++;
            continue;
        }
        size_t n = 0, last = i, j = i;
        bool head_in = false;
        for (; j < st->nl; j++) {
            const cline *m = &st->lines[j];
            if (headline_line(m)) {
                n++;
                last = j;
                head_in |= m->state == L_DROP;
            } else if (m->state == L_KEEP) {
                break;
            }
        }
        bool listed = before && before->n && st->text[before->s + before->n - 1] == ':';
        bool text_after = j < st->nl;
        if (n >= TEASER_RUN && !listed && (!head_in || text_after)) {
            for (size_t k = i; k <= last; k++) {
                cline *m = &st->lines[k];
                if (!headline_line(m))
                    continue;
                m->state = L_DROP;
                m->reason = SL_RM_RELATED;
            }
            if (head_in) {
                cline *h = &st->lines[last];
                h->reason = SL_RM_HEADLINE;
                st->out->title = norm_dup(st->a, st->text + h->s, h->n);
            }
        }
        before = NULL;
        for (size_t k = i; k <= last; k++)
            if (st->lines[k].state == L_KEEP)
                before = &st->lines[k];
        i = last + 1;
    }
}

/* ---------------------------------------------------------------- output */

static bool ends_stop(const char *s, size_t n)
{
    return craw_ends_sentence(s, n) || (n && (s[n - 1] == ':' || s[n - 1] == ';'));
}

static void build_output(cstate *st)
{
    clean_result *out = st->out;
    size_t total = 0, kept = 0, dropped = 0;
    for (size_t i = 0; i < st->nl; i++) {
        if (st->lines[i].state == L_KEEP)
            total += st->lines[i].n + 2, kept++;
        else if (st->lines[i].state == L_DROP)
            dropped++;
    }
    char *text = arena_alloc(st->a, total + 1);
    sl_span *paras = kept ? arena_alloc(st->a, kept * sizeof *paras) : NULL;
    sl_removed *rm = dropped ? arena_alloc(st->a, dropped * sizeof *rm) : NULL;
    size_t len = 0, np = 0, nr = 0;
    bool blank = false;
    const cline *prev = NULL;
    for (size_t i = 0; i < st->nl; i++) {
        const cline *l = &st->lines[i];
        const char *s = st->text + l->s;
        if (l->state == L_EMPTY) {
            blank = true;
            continue;
        }
        if (l->state == L_DROP) {
            rm[nr].line = (unsigned)(i + 1);
            rm[nr].reason = (sl_reason)l->reason;
            rm[nr].text = norm_dup(st->a, s, l->n);
            nr++;
            continue;
        }
        bool join = prev && !blank && craw_starts_lower(s, l->n) &&
                    !ends_stop(st->text + prev->s, prev->n);
        if (join) {
            text[len++] = ' ';
        } else {
            if (np) {
                paras[np - 1].end = (uint32_t)len;
                text[len++] = '\n';
                text[len++] = '\n';
            }
            paras[np].start = (uint32_t)len;
            np++;
        }
        len += norm_copy(text + len, s, l->n);
        prev = l;
        blank = false;
    }
    if (np)
        paras[np - 1].end = (uint32_t)len;
    text[len] = 0;
    out->text = text;
    out->len = len;
    out->paras = paras;
    out->n_paras = np;
    out->removed = rm;
    out->n_removed = nr;
    if (st->n_agencies) {
        out->agencies = arena_alloc(st->a, st->n_agencies * sizeof *out->agencies);
        memcpy(out->agencies, st->agencies, st->n_agencies * sizeof *out->agencies);
        out->n_agencies = st->n_agencies;
    }
}

/* ---------------------------------------------------------------- entry point */

static size_t split_lines(cstate *st, const char *text, size_t n)
{
    size_t count = 1;
    for (const char *p = text, *e = text + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        count++;
    st->lines = arena_alloc(st->a, count * sizeof *st->lines);
    size_t i = 0, pos = 0;
    while (pos <= n && i < count) {
        const char *nl = pos < n ? memchr(text + pos, '\n', n - pos) : NULL;
        size_t end = nl ? (size_t)(nl - text) : n;
        size_t s = pos, e = end;
        while (s < e && (is_space((unsigned char)text[s]) || !text[s]))
            s++;
        while (e > s && (is_space((unsigned char)text[e - 1]) || !text[e - 1]))
            e--;
        st->lines[i].s = (uint32_t)s;
        st->lines[i].n = (uint32_t)(e - s);
        st->lines[i].state = e > s ? L_KEEP : L_EMPTY;
        st->lines[i].reason = 0;
        st->lines[i].headline = false;
        i++;
        pos = end + 1;
    }
    return i;
}

void clean_text(sl_ctx *ctx, sl_arena *a, const char *text, size_t n, const char *given_title,
                clean_result *out)
{
    (void)ctx;
    memset(out, 0, sizeof *out);
    if (!text)
        n = 0;
    if (n > UINT32_MAX - 16)
        n = UINT32_MAX - 16; /* spans are 32-bit; callers cut far earlier */
    cstate *st = arena_alloc(a, sizeof *st);
    memset(st, 0, offsetof(cstate, key));
    st->a = a;
    st->text = text ? text : "";
    st->out = out;
    st->top = true;
    st->list_reason = -1;
    st->head = given_title ? HEAD_OFF : HEAD_SEARCH;
    if (given_title && *given_title)
        set_title(st, given_title);
    st->nl = split_lines(st, st->text, n);
    for (size_t i = 0; i < st->nl; i++) {
        cline *l = &st->lines[i];
        if (l->state == L_EMPTY)
            continue;
        const char *s = st->text + l->s;
        if (st->top && meta_line(st, s, l->n)) {
            l->state = L_DROP;
            l->reason = SL_RM_META;
            continue;
        }
        st->top = false;
        l->n = (uint32_t)cdet_wire_tail(s, l->n); /* "... he said. &UR; vj/mae" */
        ckey_build(&st->key, s, l->n);
        cinfo ci;
        memset(&ci, 0, sizeof ci);
        ci.reason = -1;
        int r = classify(st, i, &ci);
        if (r < 0)
            r = classify_kept(st, &ci);
        take_info(st, &st->key, &ci);
        if (r == SL_RM_HEADLINE) {
            out->title = norm_dup(a, s, l->n);
            set_title(st, out->title);
        }
        l->headline = (r < 0 || r == SL_RM_HEADLINE) && headline_like(&st->key);
        if (r >= 0) {
            l->state = L_DROP;
            l->reason = (uint8_t)r;
        } else {
            uint32_t head = (uint32_t)cdet_wire_head(s, l->n); /* "&UR; &LR; Police said" */
            l->s += head;
            l->n -= head;
        }
    }
    teaser_blocks(st);
    build_output(st);
}
