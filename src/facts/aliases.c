/*
 * aliases.c — names that mean the same thing: the transliteration-tolerant
 * key, and the story-level alias sets.
 *
 * The key. Two spellings of a name should meet when a reader would take
 * them for the same name, whatever the language of the outlet. sl_fact_key
 * maps a name to a short ASCII string (non-Latin letters are kept folded):
 *
 *   1. case folding, compatibility decomposition, accents stripped
 *      (utf8proc); ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ/ð → d, þ → th,
 *      ı → i;
 *   2. separators dropped: spaces, hyphens, apostrophes, dots, any
 *      punctuation ("al-Qaïm" = "al Qaïm" = "AlQaim");
 *   3. a leading Arabic article "al"/"el" written as a separate word is
 *      dropped ("al-Qaïm" = "Qaïm"); "Al" alone stays;
 *   4. transliteration variants, applied left to right on the letters:
 *      sch → sh, ch → sh (French/German ch for English sh: Daech = Daesh),
 *      ck → k, q → k (Qaim = Kaim, Iraq = Irak), ph → f, dj → j (Djihad =
 *      Jihad), ou → u (Mossoul = Mosul);
 *   5. doubled letters made single (Hassan = Hasan, Mossoul → mosul).
 *
 * What it does not do, on purpose: y/i, w/v, k/c, z/s stay apart (Lyon is
 * not Lion); no vowel is dropped; umlauts written out (ae, oe, ue) stay
 * apart from the plain vowel (Müller = Muller, but not Mueller: the rule
 * made French words such as "battue" meet place names). Distinct names may still meet (the keys
 * are for matching within a story and for the gazetteer, where population
 * and country context choose); the tests list the cases we rely on.
 *
 * Alias sets. The entities of a story's articles are merged when they share
 * a key (a person's forms only with a person's: "Vandersteen" short for
 * "Joris Vandersteen" is not "Vandersteen" short for the company
 * "Vandersteen Lines"), when one is the acronym of the other (an article said "Service de
 * prévision des crues (SPC)" or the acronym's letters are the initials of
 * the name), when a lone surname or "M./Mme/Dr X" matches one full name of
 * a person, or when two place names resolve to the same gazetteer place
 * (Anvers = Antwerp). Union-find over the story's distinct forms. No rule
 * compares all pairs: each finds its partners through a hash index built
 * once (text, key, acronym said, initials, key of a full name's last word,
 * gazetteer entry), so a story of thousands of forms is merged in about
 * linear time. Roots are the smallest form index of their set, which makes
 * the sets independent of the order of the unions. A set's kind is the
 * majority of its mentions, but an acronym given with an organisation's
 * name keeps the set an organisation. Its display name is a full form used
 * by the most articles, never one in capitals when another form exists (a
 * dateline's "HAMBURG"); a place known only in capitals shows the
 * gazetteer's spelling of the same name ("PARIS" → "Paris").
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../text/text.h"
#include "../util/buf.h"
#include "facts.h"

/* ------------------------------------------------------------------ folding */

/* Appends the folded form of code point cp to out as letters (ASCII
 * lowercase or UTF-8), or a space for a separator. */
static size_t fold_cp(int32_t cp, char *out)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            return out[0] = (char)(cp + 32), 1;
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            return out[0] = (char)cp, 1;
        return out[0] = ' ', 1;
    }
    switch (cp) {
    case 0xDF: return memcpy(out, "ss", 2), 2;                      /* ß */
    case 0xC6: case 0xE6: return memcpy(out, "ae", 2), 2;           /* Æ æ */
    case 0x152: case 0x153: return memcpy(out, "oe", 2), 2;         /* Œ œ */
    case 0xD8: case 0xF8: return out[0] = 'o', 1;                   /* Ø ø */
    case 0x141: case 0x142: return out[0] = 'l', 1;                 /* Ł ł */
    case 0x110: case 0x111: case 0xD0: case 0xF0: return out[0] = 'd', 1; /* Đ đ Ð ð */
    case 0xDE: case 0xFE: return memcpy(out, "th", 2), 2;           /* Þ þ */
    case 0x131: return out[0] = 'i', 1;                             /* ı */
    default: break;
    }
    int32_t dec[8];
    utf8proc_ssize_t k = utf8proc_decompose_char(
        cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
        NULL);
    if (k <= 0 || k > 8)
        return out[0] = ' ', 1;
    size_t n = 0;
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        int32_t c = dec[i];
        if (c < 0x80) {
            n += fold_cp(c, out + n);
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
            n += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + n);
        else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
            continue;
        else if (cat == UTF8PROC_CATEGORY_ND)
            n += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + n);
        else
            out[n++] = ' ';
    }
    return n;
}

size_t facts_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    size_t i = 0;
    while (i < n && k + 16 < cap) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        int32_t cp;
        utf8proc_ssize_t l =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0) {
            i++;
            continue;
        }
        i += (size_t)l;
        if (cp == 0x2019 || cp == 0x02BC) { /* ’ ʼ */
            out[k++] = '\'';
            continue;
        }
        size_t m = fold_cp(cp, out + k);
        if (m == 1 && out[k] == ' ' && (cp == 0x2010 || cp == 0x2011))
            out[k] = '-';
        k += m;
    }
    out[k] = 0;
    return k;
}

/* -------------------------------------------------------------------- keys */

/* Step 4 and 5 on the joined letters s[0..n) → out; returns length. */
static size_t key_rewrite(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i], d = i + 1 < n ? s[i + 1] : 0, e = i + 2 < n ? s[i + 2] : 0;
        const char *rep = NULL;
        size_t used = 1;
        if (c == 's' && d == 'c' && e == 'h')
            rep = "sh", used = 3;
        else if (c == 'c' && d == 'h')
            rep = "sh", used = 2;
        else if (c == 'c' && d == 'k')
            rep = "k", used = 2;
        else if (c == 'q')
            rep = "k", used = 1;
        else if (c == 'p' && d == 'h')
            rep = "f", used = 2;
        else if (c == 'd' && d == 'j')
            rep = "j", used = 2;
        else if (c == 'o' && d == 'u')
            rep = "u", used = 2;
        if (rep) {
            for (const char *r = rep; *r; r++)
                if (!(k > 0 && out[k - 1] == *r && (unsigned char)*r < 0x80))
                    out[k++] = *r;
            i += used;
            continue;
        }
        if (!(k > 0 && out[k - 1] == c && (unsigned char)c < 0x80 && !(c >= '0' && c <= '9')))
            out[k++] = c;
        i++;
    }
    return k;
}

size_t sl_fact_key(const char *name, char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    out[0] = 0;
    if (!name)
        return 0;
    size_t n = strlen(name);
    if (n > 4096)
        n = 4096;
    size_t fcap = 4 * n + 32;
    char stack[512];
    char *fold = fcap <= sizeof stack ? stack : malloc(fcap);
    if (!fold)
        return 0;
    size_t fl = facts_fold(name, n, fold, fcap);
    /* join the words, dropping separators and a leading "al"/"el" word */
    size_t j = 0, i = 0;
    while (i < fl && !(fold[i] & 0x80) && fold[i] != 0 &&
           !((fold[i] >= 'a' && fold[i] <= 'z') || (fold[i] >= '0' && fold[i] <= '9')))
        i++;
    if (i + 3 < fl && (fold[i] == 'a' || fold[i] == 'e') && fold[i + 1] == 'l' &&
        (fold[i + 2] == '-' || fold[i + 2] == ' ' || fold[i + 2] == '\'')) {
        size_t q = i + 3;
        while (q < fl && (fold[q] == '-' || fold[q] == ' ' || fold[q] == '\''))
            q++;
        if (q < fl)
            i = q;
    }
    for (; i < fl; i++) {
        unsigned char c = (unsigned char)fold[i];
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            fold[j++] = (char)c;
    }
    char small[512];
    char *tmp = 2 * j + 8 <= sizeof small ? small : malloc(2 * j + 8);
    size_t k = 0;
    if (tmp) {
        k = key_rewrite(fold, j, tmp);
        if (k >= cap) { /* cut, never inside a UTF-8 sequence */
            k = cap - 1;
            while (k > 0 && ((unsigned char)tmp[k] & 0xC0) == 0x80)
                k--;
        }
        memcpy(out, tmp, k);
        out[k] = 0;
        if (tmp != small)
            free(tmp);
    }
    if (fold != stack)
        free(fold);
    return k;
}

const char *facts_key(sl_arena *a, const char *s, size_t n)
{
    char tmpname[256];
    char *name = n < sizeof tmpname ? tmpname : malloc(n + 1);
    if (!name)
        return "";
    memcpy(name, s, n);
    name[n] = 0;
    size_t cap = FACTS_KEY_MAX(n);
    char *out = arena_alloc(a, cap);
    sl_fact_key(name, out, cap);
    if (name != tmpname)
        free(name);
    return out;
}

/* ------------------------------------------------------------- alias sets */

/* A string index: open addressing from a NUL-terminated string (not owned:
 * it must outlive the index) to an int. Every merge rule below looks its
 * partners up here instead of comparing all pairs of forms. */
typedef struct strix {
    const char **key; /* NULL: empty slot */
    int *val;
    size_t cap, n;    /* cap a power of two, n ≤ cap / 2 */
} strix;

static uint64_t strix_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ^ (h >> 29);
}

static size_t strix_probe(const strix *x, const char *k)
{
    size_t m = x->cap - 1, i = (size_t)strix_hash(k) & m;
    while (x->key[i] && strcmp(x->key[i], k) != 0)
        i = (i + 1) & m;
    return i;
}

static void strix_grow(strix *x)
{
    strix old = *x;
    x->cap = old.cap ? 2 * old.cap : 64;
    x->key = calloc(x->cap, sizeof *x->key);
    x->val = malloc(x->cap * sizeof *x->val);
    if (!x->key || !x->val)
        abort();
    for (size_t i = 0; i < old.cap; i++) {
        if (!old.key[i])
            continue;
        size_t j = strix_probe(x, old.key[i]);
        x->key[j] = old.key[i];
        x->val[j] = old.val[i];
    }
    free(old.key);
    free(old.val);
}

/* The value slot of k, inserted as -1 when k is new. Valid until the next
 * call. */
static int *strix_ref(strix *x, const char *k)
{
    if (2 * (x->n + 1) > x->cap)
        strix_grow(x);
    size_t i = strix_probe(x, k);
    if (!x->key[i]) {
        x->key[i] = k;
        x->val[i] = -1;
        x->n++;
    }
    return &x->val[i];
}

/* The value of k, or -1. */
static int strix_get(const strix *x, const char *k)
{
    if (!x->cap)
        return -1;
    size_t i = strix_probe(x, k);
    return x->key[i] ? x->val[i] : -1;
}

static void strix_free(strix *x)
{
    free(x->key);
    free(x->val);
    memset(x, 0, sizeof *x);
}

/* One distinct surface form across the story. */
typedef struct form {
    const char *text;
    const char *ckey;   /* text behind its class letter: people apart from the rest */
    const char *key;
    uint8_t kind;
    uint32_t count;     /* mentions */
    uint32_t articles;  /* articles using it */
    long last_article;
    int parent;         /* union-find */
    const sl_entity *ent; /* one entity carrying it (for acronym, place) */
    bool full;          /* an entity's display text (not a lone surname) */
} form;

typedef struct forms {
    form *v;
    size_t n, cap;
    strix by_text;      /* class and text ("Pname", "Nname") → form */
} forms;

/* Union-find; a root is always the smallest index of its set, so the sets
 * and their roots do not depend on the order of the unions. */
static int uf_find(form *v, int i)
{
    while (v[i].parent != i) {
        v[i].parent = v[v[i].parent].parent;
        i = v[i].parent;
    }
    return i;
}

static void uf_union(form *v, int a, int b)
{
    a = uf_find(v, a);
    b = uf_find(v, b);
    if (a == b)
        return;
    if (a < b)
        v[b].parent = a;
    else
        v[a].parent = b;
}

/* The class of a kind: a person's name is one thing, the same word naming a
 * company, a place or anything else another ("Vandersteen" of "Joris
 * Vandersteen" and of "Vandersteen Lines"). */
static char kind_class(uint8_t kind)
{
    return kind == SL_ENT_PERSON ? 'P' : 'N';
}

/* The form of text in class cls, or -1. */
static int form_of(const forms *fs, sl_arena *tmp, char cls, const char *text)
{
    return strix_get(&fs->by_text, arena_printf(tmp, "%c%s", cls, text));
}

static int forms_add(forms *fs, sl_arena *a, const char *text, const sl_entity *e, long art,
                     uint32_t count, bool full)
{
    const char *ckey = arena_printf(a, "%c%s", kind_class(e->kind), text);
    int i = strix_get(&fs->by_text, ckey);
    if (i < 0) {
        if (fs->n == fs->cap) {
            fs->cap = fs->cap ? 2 * fs->cap : 64;
            fs->v = realloc(fs->v, fs->cap * sizeof *fs->v);
            if (!fs->v)
                abort();
        }
        i = (int)fs->n++;
        form *f = &fs->v[i];
        memset(f, 0, sizeof *f);
        f->text = arena_strdup(a, text);
        f->ckey = ckey;
        f->key = facts_key(a, text, strlen(text));
        f->kind = e->kind;
        f->parent = i;
        f->ent = e;
        f->last_article = -1;
        *strix_ref(&fs->by_text, f->ckey) = i;
    }
    form *f = &fs->v[i];
    f->count += count;
    f->full |= full;
    if (f->last_article != art) {
        f->articles++;
        f->last_article = art;
    }
    if (e->kind != SL_ENT_OTHER && f->kind == SL_ENT_OTHER)
        f->kind = e->kind, f->ent = e;
    if (e->resolved && !f->ent->resolved)
        f->ent = e;
    return i;
}

/* Initials of the words of s (skipping connectors), ASCII upper, in out. */
static size_t initials(const char *s, char *out, size_t cap)
{
    static const char *const skip[] = {"of", "the", "and", "for", "de", "des", "du", "la", "le",
                                       "les", "d", "l", "et", "der", "die", "das", "und", "für",
                                       "del", "y", "di", "della", "e", "per", "a", "à", "en",
                                       NULL};
    char fold[512];
    size_t n = facts_fold(s, strlen(s), fold, sizeof fold);
    size_t k = 0, i = 0;
    while (i < n && k + 1 < cap) {
        while (i < n && !((fold[i] >= 'a' && fold[i] <= 'z') || (unsigned char)fold[i] >= 0x80))
            i++;
        size_t st = i;
        while (i < n && ((fold[i] >= 'a' && fold[i] <= 'z') || (unsigned char)fold[i] >= 0x80 ||
                         (fold[i] >= '0' && fold[i] <= '9')))
            i++;
        if (i == st)
            break;
        if (facts_in_list(skip, fold + st, i - st))
            continue;
        out[k++] = (char)(fold[st] & 0x80 ? '?' : fold[st] - 32);
    }
    out[k] = 0;
    return k;
}

/* "SPC" is the acronym of "Service de prévision des crues"? */
static bool acronym_of(const char *acro, const char *name)
{
    char ini[64];
    size_t n = initials(name, ini, sizeof ini);
    size_t m = strlen(acro);
    if (n < 2 || n != m)
        return false;
    for (size_t i = 0; i < m; i++) {
        char c = acro[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c != ini[i])
            return false;
    }
    return true;
}

static bool all_caps_word(const char *s)
{
    size_t n = 0;
    for (; *s; s++, n++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '&'))
            return false;
    return n >= 2 && n <= 6;
}

/* Is s written in capitals only (two letters or more, none lower case):
 * "HAMBURG", "PARIS", "VALLIERES-SUR-LOIRE", a dateline's or a shouting
 * headline's form? */
static bool upper_form(const char *s)
{
    size_t letters = 0;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    for (utf8proc_ssize_t i = 0; i < n;) {
        int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i, &cp);
        if (l <= 0)
            return false;
        i += l;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LL)
            return false;
        letters += c == UTF8PROC_CATEGORY_LU;
    }
    return letters >= 2;
}

/* A person's form without its leading honorific: "Mme Kowal" → "Kowal". */
static const char *strip_honorific(const char *s)
{
    static const char *const h[] = {"M.", "MM.", "Mme", "Mmes", "Mlle", "Me", "Dr", "Dr.",
                                    "Pr", "Pr.", "Prof.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms",
                                    "Ms.", "Herr", "Frau", "Sr.", "Sra.", "Sig.", "Gen.",
                                    "gén.", "Gén.", NULL};
    const char *sp = strchr(s, ' ');
    if (!sp || !sp[1])
        return s;
    size_t l = (size_t)(sp - s);
    for (const char *const *p = h; *p; p++)
        if (strlen(*p) == l && !memcmp(s, *p, l))
            return sp + 1;
    return s;
}

/* Last word of a person's name: "Laurent Méchin" → "Méchin". */
static const char *last_word(const char *s)
{
    const char *p = strrchr(s, ' ');
    return p ? p + 1 : s;
}

static int cmp_sets(const void *x, const void *y)
{
    const sl_alias_set *a = x, *b = y;
    if (a->n_articles != b->n_articles)
        return a->n_articles > b->n_articles ? -1 : 1;
    if (a->mentions != b->mentions)
        return a->mentions > b->mentions ? -1 : 1;
    return strcmp(a->canonical, b->canonical);
}

/* Joins form i to the first form filed under k in x (files i when k is new). */
static void join_by(form *v, strix *x, const char *k, int i)
{
    int *r = strix_ref(x, k);
    if (*r < 0)
        *r = i;
    else
        uf_union(v, *r, i);
}

/* The pairwise rules, each through an index: same key; both said the same
 * acronym "(UDW)" (and agree on whether it is their initials); a form is the
 * acronym an entity gave; an all-caps word is the initials of a name that is
 * not a person's; places resolved to the same gazetteer entry. Scratch
 * strings in tmp. */
static void merge_pairs(forms *fs, sl_arena *tmp)
{
    form *v = fs->v;
    size_t n = fs->n;
    strix by_key = {0}, by_acro = {0}, by_geo = {0};
    for (size_t i = 0; i < n; i++) {
        const form *a = &v[i];
        const sl_entity *e = a->ent;
        if (*a->key) /* same key, same class */
            join_by(v, &by_key, arena_printf(tmp, "%c%s", kind_class(a->kind), a->key), (int)i);
        if (e->acronym && a->kind == SL_ENT_ORG)
            join_by(v, &by_acro,
                    arena_printf(tmp, "%c%s", acronym_of(e->acronym, a->text) ? '1' : '0',
                                 e->acronym),
                    (int)i);
        if (e->acronym) {
            int j = form_of(fs, tmp, kind_class(a->kind), e->acronym);
            if (j >= 0)
                uf_union(v, j, (int)i);
        }
        if (a->kind != SL_ENT_PERSON) {
            char ini[64];
            if (initials(a->text, ini, sizeof ini) >= 2) {
                int j = form_of(fs, tmp, 'N', ini);
                if (j >= 0 && all_caps_word(v[j].text))
                    uf_union(v, j, (int)i);
            }
        }
        if (a->kind == SL_ENT_PLACE && e->resolved && e->geo_name && e->lat == e->lat &&
            e->lon == e->lon) /* NaN meets nothing, -0 meets 0 */
            join_by(v, &by_geo,
                    arena_printf(tmp, "%a %a %.3s|%s", e->lat + 0.0, e->lon + 0.0, e->country,
                                 e->geo_name),
                    (int)i);
    }
    strix_free(&by_key);
    strix_free(&by_acro);
    strix_free(&by_geo);
}

/* A lone surname ("Kowal", "Mme Kowal") joins the one person whose last
 * name it is; so does a lone word taken for a small place or an unknown
 * name, when it is a person's surname. The full names are filed once by the
 * key of their last word (in form order); the lone words are taken in form
 * order, each seeing the unions made before it. */
static void merge_surnames(forms *fs, sl_arena *tmp)
{
    form *v = fs->v;
    size_t n = fs->n;
    int *next = malloc((n + 1) * sizeof *next);
    if (!next)
        abort();
    strix by_last = {0}; /* key of the last word → first full name, chained by next */
    for (size_t j = n; j-- > 0;) {
        const form *b = &v[j];
        next[j] = -1;
        if (b->kind != SL_ENT_PERSON || !strchr(b->text, ' ') ||
            strip_honorific(b->text) != b->text)
            continue;
        char k1[256];
        sl_fact_key(last_word(b->text), k1, sizeof k1);
        int *r = strix_ref(&by_last, arena_strdup(tmp, k1));
        next[j] = *r;
        *r = (int)j;
    }
    for (size_t i = 0; i < n; i++) {
        form *a = &v[i];
        const char *core = a->kind == SL_ENT_PERSON ? strip_honorific(a->text) : a->text;
        if (strchr(core, ' ') || a->kind == SL_ENT_ORG)
            continue;
        if (a->kind == SL_ENT_PLACE &&
            (!a->ent->resolved || a->ent->population >= 100000 || a->ent->population == 0))
            continue;
        char ck[256];
        sl_fact_key(core, ck, sizeof ck);
        int only = -1, count = 0;
        for (int j = strix_get(&by_last, ck); j >= 0; j = next[j]) {
            if ((size_t)j == i)
                continue;
            int r = uf_find(v, j);
            if (r != only) {
                only = r;
                count++;
            }
        }
        if (count == 1)
            uf_union(v, (int)i, only);
    }
    strix_free(&by_last);
    free(next);
}

/* Merges what the forms say is the same entity. */
static void merge_forms(forms *fs)
{
    sl_arena *tmp = arena_new();
    merge_pairs(fs, tmp);
    merge_surnames(fs, tmp);
    arena_free(tmp);
}

/* A member's weight for the order of a set's members. */
typedef struct member_rank {
    uint32_t weight; /* mentions + articles */
    int form;
} member_rank;

/* Most used first; forms in their story order among equals. */
static int cmp_members(const void *x, const void *y)
{
    const member_rank *a = x, *b = y;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return (a->form > b->form) - (a->form < b->form);
}

/* Is f the expansion of an acronym ("Bund der Küstenfischer" for "BK")
 * read as an organisation? */
static bool org_expansion(const form *f)
{
    return f->kind == SL_ENT_ORG && f->ent->acronym && strcmp(f->text, f->ent->acronym) != 0;
}

/* Is s a storm's name with its storm word ("Hurricane Georges", "tempête
 * Ilona")? */
static bool storm_form(const char *s)
{
    static const char *const words[] = {"hurricane ", "storm ", "typhoon ", "cyclone ",
                                        "tempête ", "ouragan ", "typhon ", "sturm ", "orkan ",
                                        "tormenta ", "huracán ", "tifón ", "ciclón ",
                                        "tempesta ", "uragano ", "tifone ", "ciclone ", NULL};
    for (const char *const *w = words; *w; w++) {
        size_t n = strlen(*w);
        bool same = true;
        for (size_t i = 0; i < n && same; i++) /* ASCII case-insensitive first letter */
            same = s[i] && (s[i] == (*w)[i] || (i == 0 && s[i] == (*w)[i] - 32));
        if (same)
            return true;
    }
    return false;
}

/* A storm's name alone ("Georges") joins the storm ("Hurricane Georges"):
 * one set, which set_fill makes a storm. Storms are few: a plain scan. */
static void storm_join(forms *fs, sl_arena *a)
{
    for (size_t i = 0; i < fs->n; i++) {
        const char *sp = strchr(fs->v[i].text, ' ');
        if (!sp || !storm_form(fs->v[i].text))
            continue;
        const char *key = facts_key(a, sp + 1, strlen(sp + 1));
        for (size_t k = 0; k < fs->n; k++)
            if (k != i && !strcmp(fs->v[k].key, key))
                uf_union(fs->v, (int)i, (int)k);
    }
}

/* Fills set st from its forms idx[0..cnt) (in form order). The kind is the
 * majority of the mentions, except that a set holding an organisation's
 * acronym and expansion is that organisation, whatever the acronym alone
 * was taken for (the gazetteer reads many acronyms as place codes), and a
 * set holding a storm's name with its storm word is a storm (other). */
static void set_fill(sl_arena *a, const forms *fs, sl_alias_set *st, const int *idx, size_t cnt,
                     member_rank *rank)
{
    uint32_t kinds[4] = {0};
    const form *best = NULL;
    const char *geo = NULL; /* the gazetteer's name of the place */
    bool org = false, storm = false;
    for (size_t x = 0; x < cnt; x++) {
        const form *f = &fs->v[idx[x]];
        kinds[f->kind & 3] += f->count + 1;
        org |= org_expansion(f);
        storm |= storm_form(f->text);
        st->mentions += f->count;
        if (f->articles > st->n_articles)
            st->n_articles = f->articles;
        bool better = !best || (f->full && !best->full) ||
                      (f->full == best->full &&
                       (f->articles > best->articles ||
                        (f->articles == best->articles &&
                         (f->count > best->count ||
                          (f->count == best->count && strlen(f->text) > strlen(best->text))))));
        /* capitals are an acronym or a dateline's shout: any other form shows better */
        if (upper_form(f->text) && best && !upper_form(best->text))
            better = false;
        if (best && upper_form(best->text) && !upper_form(f->text))
            better = true;
        if (better)
            best = f;
        if (f->ent->acronym && !st->acronym)
            st->acronym = arena_strdup(a, f->ent->acronym);
        if (all_caps_word(f->text) && !st->acronym)
            st->acronym = f->text;
        if (f->ent->resolved && f->ent->geo_name && !geo)
            geo = f->ent->geo_name;
        if (f->ent->resolved && !st->resolved) {
            st->resolved = true;
            st->lat = f->ent->lat;
            st->lon = f->ent->lon;
            memcpy(st->country, f->ent->country, 3);
        }
        rank[x].weight = f->count + f->articles;
        rank[x].form = idx[x];
    }
    uint8_t kind = SL_ENT_OTHER;
    uint32_t kb = 0;
    for (int k = 0; k < 3; k++)
        if (kinds[k] > kb)
            kb = kinds[k], kind = (uint8_t)k;
    st->kind = storm ? (uint8_t)SL_ENT_OTHER : org ? (uint8_t)SL_ENT_ORG : kind;
    st->canonical = best->text;
    st->key = best->key;
    if (geo && upper_form(best->text) && !upper_form(geo) &&
        !strcmp(facts_key(a, geo, strlen(geo)), best->key))
        st->canonical = arena_strdup(a, geo); /* "PARIS" alone: the gazetteer's "Paris" */
    qsort(rank, cnt, sizeof *rank, cmp_members);
    st->members = arena_alloc(a, cnt * sizeof *st->members);
    for (size_t x = 0; x < cnt; x++)
        st->members[x] = fs->v[rank[x].form].text;
    st->n_members = cnt;
}

sl_alias_sets *sl_alias_sets_build(sl_ctx *ctx, const sl_facts *const *facts, size_t n)
{
    (void)ctx;
    sl_arena *a = arena_new();
    sl_alias_sets *out = arena_calloc(a, 1, sizeof *out);
    out->arena = a;
    forms fs = {0};
    for (size_t k = 0; k < n; k++) {
        const sl_facts *f = facts[k];
        if (!f)
            continue;
        for (size_t e = 0; e < f->n_entities; e++) {
            const sl_entity *en = &f->entities[e];
            int first = -1;
            for (size_t m = 0; m < en->n_forms; m++) {
                int fi = forms_add(&fs, a, en->forms[m], en, (long)k, m == 0 ? en->mentions : 0,
                                   m == 0);
                if (first < 0)
                    first = fi;
                else
                    uf_union(fs.v, first, fi); /* one entity of one article: one set */
            }
            if (en->acronym) {
                int fi = forms_add(&fs, a, en->acronym, en, (long)k, 0, false);
                if (first >= 0)
                    uf_union(fs.v, first, fi);
            }
        }
    }
    merge_forms(&fs);
    storm_join(&fs, a);
    /* one set per root, numbered by first form; the forms bucketed by set */
    int *set_of = malloc((fs.n + 1) * sizeof *set_of);
    size_t *start = calloc(fs.n + 2, sizeof *start);
    int *idx = malloc((fs.n + 1) * sizeof *idx);
    member_rank *rank = malloc((fs.n + 1) * sizeof *rank);
    if (!set_of || !start || !idx || !rank)
        abort();
    sl_alias_set *sets = arena_calloc(a, fs.n + 1, sizeof *sets);
    size_t ns = 0;
    for (size_t i = 0; i < fs.n; i++)
        set_of[i] = -1;
    for (size_t i = 0; i < fs.n; i++) {
        int r = uf_find(fs.v, (int)i);
        if (set_of[r] < 0)
            set_of[r] = (int)ns++;
        set_of[i] = set_of[r];
        start[set_of[i] + 1]++;
    }
    for (size_t s = 0; s < ns; s++)
        start[s + 1] += start[s];
    for (size_t i = 0; i < fs.n; i++) /* start[s] moves to the end of set s */
        idx[start[set_of[i]]++] = (int)i;
    for (size_t s = 0, from = 0; s < ns; from = start[s], s++)
        set_fill(a, &fs, &sets[s], idx + from, start[s] - from, rank);
    qsort(sets, ns, sizeof *sets, cmp_sets);
    out->sets = sets;
    out->n = ns;
    free(rank);
    free(idx);
    free(start);
    free(set_of);
    strix_free(&fs.by_text);
    free(fs.v);
    return out;
}

long sl_alias_sets_find(const sl_alias_sets *s, const char *form_text)
{
    if (!s || !form_text)
        return -1;
    char key[512];
    sl_fact_key(form_text, key, sizeof key);
    for (size_t i = 0; i < s->n; i++) {
        for (size_t m = 0; m < s->sets[i].n_members; m++) {
            if (strcmp(s->sets[i].members[m], form_text) == 0)
                return (long)i;
        }
    }
    if (!*key)
        return -1;
    for (size_t i = 0; i < s->n; i++) {
        for (size_t m = 0; m < s->sets[i].n_members; m++) {
            char k2[512];
            sl_fact_key(s->sets[i].members[m], k2, sizeof k2);
            if (strcmp(k2, key) == 0)
                return (long)i;
        }
    }
    /* a surname: the one person set whose canonical name ends with it */
    long found = -1;
    for (size_t i = 0; i < s->n; i++) {
        if (s->sets[i].kind != SL_ENT_PERSON || !strchr(s->sets[i].canonical, ' '))
            continue;
        char k2[512];
        sl_fact_key(last_word(s->sets[i].canonical), k2, sizeof k2);
        if (strcmp(k2, key) == 0) {
            if (found >= 0)
                return -1;
            found = (long)i;
        }
    }
    return found;
}

void sl_alias_sets_free(sl_alias_sets *s)
{
    if (s)
        arena_free(s->arena);
}
