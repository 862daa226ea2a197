/*
 * quotes.c — what was said and who said it.
 *
 * A quote is text between « », “ ”, „ “ or a pair of straight quotes " "
 * within one paragraph, three words or more (shorter ones are mostly
 * scare quotes or titles). Its speaker comes from the attribution next to
 * it, first after the closing mark in the same sentence ("», a affirmé le
 * préfet de Loire-Atlantique, Laurent Méchin", "," said Gilles Moreau",
 * "UDW president Marleen Verhaeghe told reporters"), then before the
 * opening mark ("Laurent Méchin a déclaré : «"):
 *
 *   - an attribution verb (fr, en, de, es, it lists below) marks the
 *     attribution; the person named closest to it is the speaker;
 *   - a pronoun next to the verb ("a-t-il expliqué", "he said") or no
 *     subject at all (es, it) → the person mentioned last before the quote;
 *   - a title alone ("le préfet a promis") → the person of the article
 *     holding that title; an organisation ("the union said") → it;
 *   - no attribution at all: the speaker of the previous quote in the same
 *     paragraph, when there is one (a quote in two parts).
 */
#include <string.h>

#include "facts.h"

/* Attribution verbs: beginnings of folded words. */
static const char *const verbs[] = {
    /* fr */
    "affirm", "déclar", "expliqu", "ajout", "indiqu", "précis", "assur", "estim", "soulign",
    "lanc", "martel", "confi", "reconn", "racont", "témoign", "résum", "insist", "prévien",
    "prévenu", "poursuiv", "gliss", "répond", "rappel", "comment", "accus", "dénonc",
    "regrett", "promis", "promet", "admet", "concèd", "conclu", "annonc", "avert", "lâch",
    "souffl", "s'exclam", "exclam", "salu", "espér", "jug", "rassur", "tempèr", "nuanc",
    "plaid", "assén", "sourit", "confirm", "réag", "dit", "dis",
    /* en */
    "said", "says", "say", "told", "tell", "added", "adds", "adding", "explain", "stated",
    "declared", "insist", "warned", "warns", "noted", "notes", "wrote", "asked", "replied",
    "recalled", "acknowledg", "argued", "argues", "stressed", "stresses", "remarked",
    "commented", "continued", "conceded", "admitted", "claimed", "announced", "promised",
    "urged", "cautioned", "predicted", "suggested", "agreed", "complained", "vowed",
    "saying", "according", "confirmed",
    /* de */
    "sagte", "sagt", "erklärt", "betont", "fügte", "meinte", "meint", "sprach",
    "kritisiert", "warnte", "warnt", "laut", "zufolge",
    /* es */
    "dijo", "dice", "afirmó", "afirma", "declaró", "explicó", "explica", "aseguró", "asegura",
    "añadió", "señaló", "señala", "según", "indicó", "advirtió", "reconoció", "subrayó",
    /* it */
    "detto", "dichiarato", "spiegato", "spiega", "affermato", "afferma", "aggiunto",
    "sottolineato", "secondo", "ribadito", "avvertito", "dichiara", NULL};

/* Words that are never verbs although a verb beginning fits them. */
static const char *const not_verbs[] = {"dispositif", "disposition", "lancement", "jugement",
                                        "soldat", "sous", "sol", "sommet", "social", "son",
                                        "reconnaissance",
                                        "soit", "some", "sort", "sociét", "songe", "salut",
                                        "saying", NULL};

static const char *const pronouns[] = {"il", "elle", "ils", "elles", "he", "she", "they",
                                       "er", "sie", "él", "ella", "lui", "lei", NULL};

/* The pronouns of one person: never an organisation or a place. */
static const char *const singular[] = {"il", "elle", "he", "she", "er", "él", "ella", "lui",
                                       "lei", NULL};

/* Bits of this file's lists in the context's word set. */
enum { QB_VERBS = 0, QB_NOT_VERBS, QB_PRONOUNS };

static const wordset *quote_words(sl_ctx *ctx)
{
    facts_res *r = facts_res_of(ctx);
    if (!r->ws_quotes) {
        const char *const *lists[] = {verbs, not_verbs, pronouns, NULL};
        r->ws_quotes = wordset_build(lists);
    }
    return r->ws_quotes;
}

/* An attribution verb: a listed beginning of 4+ bytes, or a short verb
 * ("dit", "say", "so") matched whole. */
static bool is_verb(const wordset *ws, const sl_token *t)
{
    if (t->kind != SL_TOK_WORD)
        return false;
    const char *w = t->norm;
    size_t n = strlen(w);
    uint64_t whole = wordset_get(ws, w, n);
    if (whole & (1u << QB_NOT_VERBS))
        return false;
    if (whole & (1u << QB_VERBS))
        return true;
    size_t l;
    return wordset_prefix(ws, w, n, 4, 1u << QB_VERBS, &l) != 0;
}

/* ------------------------------------------------------------------ marks */

typedef struct qmark {
    uint32_t open, open_len;
    uint32_t close, close_len;
} qmark;

/* Kinds of opening marks, each with its own closers. */
enum { QM_GUILLEMET, QM_CURLY, QM_LOW, QM_STRAIGHT, QM__COUNT };

/* Opening mark at s[i]? Sets its length, its kind and the closers to look
 * for. */
static size_t opener(const char *s, size_t n, size_t i, const char **close1, const char **close2,
                     int *kind)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t left = n - i;
    if (left >= 2 && u[0] == 0xC2 && u[1] == 0xAB) {
        *close1 = "\xC2\xBB";
        *close2 = NULL;
        *kind = QM_GUILLEMET;
        return 2;
    }
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x9C) {
        *close1 = "\xE2\x80\x9D";
        *close2 = "\"";
        *kind = QM_CURLY;
        return 3;
    }
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x9E) {
        *close1 = "\xE2\x80\x9C";
        *close2 = "\xE2\x80\x9D";
        *kind = QM_LOW;
        return 3;
    }
    if (u[0] == '"') {
        *close1 = "\"";
        *close2 = "\xE2\x80\x9D";
        *kind = QM_STRAIGHT;
        return 1;
    }
    return 0;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* ---------------------------------------------------------------- speakers */

typedef struct qw {
    facts_work *w;
    const sl_article *a;
    size_t cap;
    const wordset *ws;
} qw;

/* First token at or after byte pos, and the sentence of a byte. */
static size_t tok_at(const sl_article *a, uint32_t pos)
{
    size_t lo = 0, hi = a->n_toks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->toks[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t sent_of(const sl_article *a, uint32_t pos)
{
    size_t lo = 0, hi = a->n_sents;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sents[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->n_sents ? lo : (a->n_sents ? a->n_sents - 1 : 0);
}

/* The entity with this title among the article's persons (last one before
 * pos, else any), or -1. */
static long person_with_title(const sl_facts *f, const char *title_norm, uint32_t pos)
{
    long best = -1;
    for (size_t i = 0; i < f->n_entities; i++) {
        const sl_entity *e = &f->entities[i];
        if (e->kind != SL_ENT_PERSON || !e->title)
            continue;
        char t[128];
        size_t n = facts_fold(e->title, strlen(e->title), t, sizeof t);
        bool hit = strstr(t, title_norm) != NULL;
        (void)n;
        if (hit && (best < 0 || e->span.start < pos))
            best = (long)i;
    }
    return best;
}

/* Mentions of entities inside [s, e): index range in f->mentions. */
static void mentions_in(const sl_facts *f, uint32_t s, uint32_t e, size_t *lo, size_t *hi)
{
    size_t i = 0;
    while (i < f->n_mentions && f->mentions[i].span.start < s)
        i++;
    *lo = i;
    while (i < f->n_mentions && f->mentions[i].span.start < e)
        i++;
    *hi = i;
}

/* Is the name at byte pos the one spoken to ("à l'AFP", "told Reuters")? */
static bool listener(const sl_article *a, uint32_t pos)
{
    static const char *const to[] = {"à", "au", "aux", "to", "told", "tell", "tells",
                                     "gegenüber", "a", NULL};
    size_t k = tok_at(a, pos);
    if (k == 0)
        return false;
    const sl_token *p = &a->toks[k - 1];
    if ((p->flags & SL_TOKF_ELIDED) && k >= 2)
        p = &a->toks[k - 2];
    return p->kind == SL_TOK_WORD && facts_in_list(to, p->norm, strlen(p->norm));
}

/* The person mentioned last before byte pos in the same sentence or the one
 * before it, or -1. */
static long person_near(const qw *q, uint32_t pos)
{
    const sl_facts *f = q->w->f;
    size_t s = sent_of(q->a, pos);
    uint32_t from = q->a->sents[s > 0 ? s - 1 : 0].start;
    long best = -1;
    for (size_t i = 0; i < f->n_mentions && f->mentions[i].span.start < pos; i++)
        if (f->mentions[i].span.start >= from &&
            f->entities[f->mentions[i].entity].kind == SL_ENT_PERSON)
            best = (long)f->mentions[i].entity;
    return best;
}

/* Is token k a word of the attribution's noun phrase after its head: an
 * adjective or noun ("syndical", "House spokesman") or a preposition of a
 * complement ("du port")? */
static bool role_word(const qw *q, size_t k, size_t t1)
{
    const sl_token *t = &q->a->toks[k];
    return k < t1 && t->kind == SL_TOK_WORD && !facts_gap_has(q->a, k - 1, ",;:()") &&
           !is_verb(q->ws, t);
}

/* A speaker known by a role noun, token k ("témoigne l'ancien
 * agriculteur", "lâche un riverain", "a resident said"). In French, a role
 * after a definite article points back to the person named in the same or
 * the previous sentence ("M. Dupuis ... témoigne l'ancien", "a déclaré
 * l'élu"), unless it names an institution or a text ("la préfecture", "le
 * communiqué"); English "the official said" is more often someone unnamed.
 * Otherwise the speaker is the role with its article and its complement
 * ("un porte-parole du port", "a White House spokesman"). A capitalised
 * word alone is kept (a name the entity pass missed: "Brown said"); a
 * lower-case noun without an article is no speaker. Returns an entity, or
 * -2 with *np set or NULL. */
static long role_speaker(qw *q, size_t k, size_t t0, size_t t1, uint32_t qstart,
                         const char **np)
{
    static const char *const def_l[][8] = {
        [FL_FR] = {"le", "la", "l'", "ce", "cet", "cette", NULL}, [FL_EN] = {"the", NULL},
        [FL_DE] = {"der", "die", "das", NULL}, [FL_ES] = {"el", "la", NULL},
        [FL_IT] = {"il", "lo", "la", "l'", NULL}, [FL_OTHER] = {NULL}};
    static const char *const indef_l[][6] = {
        [FL_FR] = {"un", "une", NULL}, [FL_EN] = {"a", "an", "one", "another", NULL},
        [FL_DE] = {"ein", "eine", "einer", NULL}, [FL_ES] = {"un", "una", NULL},
        [FL_IT] = {"un", "uno", "una", "un'", NULL}, [FL_OTHER] = {NULL}};
    static const char *const not_persons[] = {
        "préfecture", "mairie", "direction", "police", "gendarmerie", "justice", "parquet",
        "ministère", "gouvernement", "entreprise", "société", "groupe", "syndicat",
        "compagnie", "commune", "région", "ville", "armée", "marine", "agence", "association",
        "fédération", "club", "équipe", "hôpital", "parlement", "comité", "académie",
        "tribunal", "cour", "communiqué", "texte", "rapport", "lettre", "étude", "sondage",
        "déclaration", "document", "note", "courrier", "message", "site", "journal", NULL};
    const sl_article *a = q->a;
    const sl_token *t = &a->toks[k];
    int lang = q->w->lang >= FL_OTHER && q->w->lang <= FL_IT ? q->w->lang : FL_OTHER;
    *np = NULL;
    if (is_verb(q->ws, t))
        return -2;
    size_t ak = k; /* the article, past up to two adjectives: "a retired steelworker" */
    while (ak > t0 && ak + 2 >= k && a->toks[ak - 1].kind == SL_TOK_WORD &&
           !(a->toks[ak - 1].flags & (SL_TOKF_STOP | SL_TOKF_CAP)) &&
           !facts_gap_has(a, ak - 1, ",;:()"))
        ak--;
    if (ak < k && !(ak > t0 && (a->toks[ak - 1].flags & SL_TOKF_STOP)))
        ak = k;
    const sl_token *art = ak > t0 && a->toks[ak - 1].kind == SL_TOK_WORD &&
                                  !facts_gap_has(a, ak - 1, ",;:()")
                              ? &a->toks[ak - 1]
                              : NULL;
    bool def = art && facts_in_list(def_l[lang], art->norm, strlen(art->norm));
    if (!def && !(art && facts_in_list(indef_l[lang], art->norm, strlen(art->norm)))) {
        if (t->flags & SL_TOKF_CAP)
            *np = arena_strndup(q->w->arena, a->text + t->start, t->end - t->start);
        return -2; /* "tout", "defeat": no role */
    }
    if (def && lang == FL_FR && !facts_in_list(not_persons, t->norm, strlen(t->norm))) {
        long p = person_near(q, qstart);
        if (p >= 0)
            return p;
    }
    size_t e = k + 1;
    while (e < k + 4 && role_word(q, e, t1) && !(a->toks[e].flags & SL_TOKF_STOP))
        e++; /* un délégué syndical, a White House spokesman */
    static const char *const of[] = {"du", "de", "des", "of", "von", "del", "della", NULL};
    if (role_word(q, e, t1) && facts_in_list(of, a->toks[e].norm, strlen(a->toks[e].norm))) {
        size_t n = e + 1;
        if (n < t1 && a->toks[n].kind == SL_TOK_WORD && (a->toks[n].flags & SL_TOKF_STOP))
            n++; /* of the */
        if (n < t1 && a->toks[n].kind == SL_TOK_WORD && !facts_gap_has(a, n - 1, ",;:()"))
            e = n + 1; /* un porte-parole du port */
    }
    *np = arena_strndup(q->w->arena, a->text + art->start, a->toks[e - 1].end - art->start);
    return -2;
}

/* Looks for the attribution in tokens [t0, t1) (byte window [s, e)).
 * Returns the speaker entity, -2 for "someone not named" (speaker text
 * in *np), or -1 when there is no attribution. *verb gets the verb. */
static long attribution(qw *q, size_t t0, size_t t1, bool after, uint32_t qstart,
                        const char **verb, const char **np)
{
    const sl_article *a = q->a;
    const sl_facts *f = q->w->f;
    *verb = NULL;
    *np = NULL;
    long v = -1;
    if (after) {
        for (size_t i = t0; i < t1 && v < 0; i++)
            if (is_verb(q->ws, &a->toks[i]))
                v = (long)i;
    } else {
        for (size_t i = t1; i-- > t0 && v < 0;)
            if (is_verb(q->ws, &a->toks[i]))
                v = (long)i;
    }
    if (v < 0 || t1 <= t0)
        return -1;
    const sl_token *vt = &a->toks[v];
    /* the verb as written, with its auxiliary: "a affirmé", "a-t-il dit" */
    uint32_t vs = vt->start;
    if (v > (long)t0 && a->toks[v - 1].kind == SL_TOK_WORD &&
        (a->toks[v - 1].flags & SL_TOKF_STOP) && strlen(a->toks[v - 1].norm) <= 4 &&
        !facts_in_list(pronouns, a->toks[v - 1].norm, strlen(a->toks[v - 1].norm)))
        vs = a->toks[v - 1].start;
    *verb = arena_strndup(q->w->arena, a->text + vs, vt->end - vs);
    /* the named person closest to the verb */
    size_t lo, hi;
    mentions_in(f, a->toks[t0].start, a->toks[t1 - 1].end, &lo, &hi);
    /* "raconte cette habitante du quartier de l'Arsenal": a role after a
     * demonstrative right after the verb is the speaker (someone named
     * before); the names of its complement are not */
    static const char *const demonstratives[] = {"ce", "cet", "cette", NULL};
    uint32_t skip_from = UINT32_MAX;
    if (after && v + 2 < (long)t1 && a->toks[v + 1].kind == SL_TOK_WORD &&
        facts_in_list(demonstratives, a->toks[v + 1].norm, strlen(a->toks[v + 1].norm)) &&
        a->toks[v + 2].kind == SL_TOK_WORD && !(a->toks[v + 2].flags & SL_TOKF_CAP))
        skip_from = a->toks[v + 2].start;
    long best = -1;
    uint32_t bestd = UINT32_MAX;
    bool person = true;
    for (int pass = 0; pass < 2 && best < 0; pass++) {
        person = pass == 0;
        for (size_t m = lo; m < hi; m++) {
            const sl_mention *mm = &f->mentions[m];
            const sl_entity *e = &f->entities[mm->entity];
            if (pass == 0 ? e->kind != SL_ENT_PERSON
                          : !(e->kind == SL_ENT_ORG || e->kind == SL_ENT_OTHER))
                continue;
            if (mm->span.start >= skip_from)
                continue;
            if (pass == 1 && listener(a, mm->span.start))
                continue; /* "a déclaré à l'AFP", "told Reuters" */
            uint32_t d = mm->span.start > vt->end ? mm->span.start - vt->end
                                                  : vt->start - mm->span.end;
            if (mm->span.end > vt->start && mm->span.start < vt->end)
                d = 0;
            long who = (long)mm->entity;
            if (pass == 1 && m > lo && f->entities[f->mentions[m - 1].entity].kind == SL_ENT_ORG &&
                mm->span.start <= f->mentions[m - 1].span.end + 1)
                who = (long)f->mentions[m - 1].entity; /* "l'Agence régionale de santé
                                                        * Auvergne-Rhône-Alpes": the agency */
            if (d < bestd)
                bestd = d, best = who;
        }
    }
    /* a pronoun next to the verb outranks a name further away */
    for (long k = v - 2; k <= v + 2; k++) {
        if (k < (long)t0 || k >= (long)t1 || k == v)
            continue;
        const sl_token *t = &a->toks[k];
        if (t->kind == SL_TOK_WORD && facts_in_list(pronouns, t->norm, strlen(t->norm))) {
            uint32_t d = t->start > vt->end ? t->start - vt->end : vt->start - t->end;
            if (best < 0 || !person || d + 8 < bestd) {
                long p = facts_last_person(f, qstart);
                if (p >= 0)
                    return p;
                if (!person && facts_in_list(singular, t->norm, strlen(t->norm)))
                    return -2; /* "DENVER — She says": a woman not named, not a name near */
            }
        }
    }
    if (best >= 0 && bestd < 80)
        return best;
    /* a title alone: "le préfet a promis", "the prefect said" */
    for (size_t k = t0; k < t1; k++) {
        const sl_token *t = &a->toks[k];
        if (t->kind != SL_TOK_WORD || (t->flags & SL_TOKF_STOP) || k == (size_t)v)
            continue;
        char tf[64];
        if (strlen(t->norm) >= sizeof tf / 2)
            continue;
        facts_fold(t->norm, strlen(t->norm), tf, sizeof tf);
        long p = strlen(tf) >= 4 ? person_with_title(f, tf, qstart) : -1;
        if (p >= 0)
            return p;
    }
    if (best >= 0)
        return best;
    /* pro-drop (es, it) or unnamed: last person before, when close */
    if (q->w->lang == FL_ES || q->w->lang == FL_IT) {
        long p = facts_last_person(f, qstart);
        if (p >= 0)
            return p;
    }
    /* someone unnamed: the noun right before the verb ("a resident said"),
     * else after it ("a annoncé la préfecture") */
    for (long k = v - 1; k >= (long)t0 && k >= v - 3; k--) {
        const sl_token *t = &a->toks[k];
        if (t->kind != SL_TOK_WORD)
            break;
        if (!(t->flags & SL_TOKF_STOP) && t->end - t->start > 3)
            return role_speaker(q, (size_t)k, t0, t1, qstart, np);
    }
    for (long k = v + 1; k < (long)t1 && k <= v + 4; k++) {
        const sl_token *t = &a->toks[k];
        if (t->kind == SL_TOK_WORD && !(t->flags & SL_TOKF_STOP) && t->end - t->start > 3)
            return role_speaker(q, (size_t)k, t0, t1, qstart, np);
    }
    return -2;
}

static void quote_push(qw *q, const sl_quote *x)
{
    sl_facts *f = q->w->f;
    if (f->n_quotes == q->cap) {
        size_t nc = q->cap ? 2 * q->cap : 8;
        f->quotes = arena_grow(q->w->arena, f->quotes, f->n_quotes, nc, sizeof *x);
        q->cap = nc;
    }
    f->quotes[f->n_quotes++] = *x;
}

static void speaker_of(qw *q, sl_quote *x, uint32_t open, uint32_t close_end)
{
    const sl_article *a = q->a;
    const sl_facts *f = q->w->f;
    x->entity = -1;
    if (a->n_sents == 0 || a->n_toks == 0)
        return;
    /* after: from the closing mark to the end of its sentence */
    size_t sc = sent_of(a, close_end > 0 ? close_end - 1 : 0);
    size_t t0 = tok_at(a, close_end), t1 = a->sents[sc].tok_end;
    const char *verb = NULL, *np = NULL;
    long who = -1;
    if (t0 < t1 && t1 <= a->n_toks)
        who = attribution(q, t0, t1, true, open, &verb, &np);
    if (who == -1) {
        size_t so = sent_of(a, open);
        size_t b0 = a->sents[so].tok_first, b1 = tok_at(a, open);
        if (b0 < b1 && b1 <= a->n_toks)
            who = attribution(q, b0, b1, false, open, &verb, &np);
    }
    x->verb = verb;
    if (who >= 0) {
        x->entity = (int32_t)who;
        x->speaker = f->entities[who].text;
    } else if (who == -2 && np) {
        x->speaker = np;
    }
}

void facts_quotes(facts_work *w)
{
    const sl_article *a = w->a;
    qw q = {w, a, 0, quote_words(w->ctx)};
    const char *s = a->text;
    for (size_t p = 0; p < a->n_paras; p++) {
        size_t ps = a->paras[p].start, pe = a->paras[p].end;
        if (pe > a->text_len)
            pe = a->text_len;
        long prev = -1; /* last quote of this paragraph with a speaker */
        /* per kind of mark, a byte from which no closer of it follows in
         * the paragraph: a run of unclosed marks costs one scan, not one
         * each (pe: not known yet) */
        size_t unclosed[QM__COUNT] = {pe, pe, pe, pe};
        for (size_t i = ps; i < pe;) {
            unsigned char b = (unsigned char)s[i];
            if (b != '"' && b != 0xC2 && b != 0xE2) { /* no mark starts here */
                i++;
                continue;
            }
            const char *c1, *c2;
            int kind;
            size_t ol = opener(s, pe, i, &c1, &c2, &kind);
            if (!ol) {
                i++;
                continue;
            }
            /* the closing mark */
            size_t j = i + ol, cl = 0;
            size_t l1 = strlen(c1), l2 = c2 ? strlen(c2) : 0;
            for (; j < pe && j < unclosed[kind]; j++) {
                if (j + l1 <= pe && !memcmp(s + j, c1, l1)) {
                    cl = l1;
                    break;
                }
                if (c2 && j + l2 <= pe && !memcmp(s + j, c2, l2) && l2 != 1) {
                    cl = l2;
                    break;
                }
            }
            if (!cl) {
                if (i + ol < unclosed[kind])
                    unclosed[kind] = i + ol;
                i += ol;
                continue;
            }
            size_t ts = i + ol, te = j;
            while (ts < te && (s[ts] == ' ' || (unsigned char)s[ts] == 0xC2))
                ts += (unsigned char)s[ts] == 0xC2 && ts + 1 < te ? 2 : 1; /* nbsp after « */
            /* spaces and the comma of "…decades," she said: the quote
             * ends before them */
            while (te > ts && (s[te - 1] == ' ' || s[te - 1] == ',' || s[te - 1] == ';' ||
                               ((unsigned char)s[te - 1] == 0xA0 && te >= 2 &&
                                (unsigned char)s[te - 2] == 0xC2)))
                te -= s[te - 1] == ' ' || s[te - 1] == ',' || s[te - 1] == ';' ? 1 : 2;
            if (count_words(s + ts, te - ts) >= 3) {
                sl_quote x;
                memset(&x, 0, sizeof x);
                x.text = arena_strndup(w->arena, s + ts, te - ts);
                x.span.start = (uint32_t)i;
                x.span.end = (uint32_t)(j + cl);
                x.sent = a->n_sents ? (uint32_t)sent_of(a, (uint32_t)i) : 0;
                speaker_of(&q, &x, (uint32_t)i, (uint32_t)(j + cl));
                if (!x.speaker && prev >= 0) { /* a quote in two parts */
                    x.entity = w->f->quotes[prev].entity;
                    x.speaker = w->f->quotes[prev].speaker;
                    x.verb = w->f->quotes[prev].verb;
                }
                quote_push(&q, &x);
                if (x.speaker)
                    prev = (long)w->f->n_quotes - 1;
            }
            i = j + cl;
        }
    }
}
