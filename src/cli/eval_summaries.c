/*
 * eval_summaries.c — `storyline eval summaries`: ROUGE-1 and ROUGE-2 recall
 * of system summaries against human ones, in the setting of the published
 * DUC numbers (ROUGE-1.5.5 -n 2 -m -l 100 -f A, stopwords kept; see
 * src/eval/rouge.h for what that means exactly).
 *
 * Files pair by topic, the file name up to its first dot, case folded:
 * peers are TOPIC.SYSTEM (d30001.ICSISumm, d30001.storyline), references
 * any TOPIC.* in --models (d30001.m.100.t.a, D30003.M.100.T.B.html), one
 * sentence a line. Every system found in --peers is scored on the topics
 * that have references; a topic's score is ROUGE's (hits summed over the
 * references / their n-grams summed), the system's the mean over topics.
 *
 * English uses ROUGE's own tokenisation and the Porter stemmer, and, like
 * ROUGE-1.5.5, looks irregular forms up in WordNet's exception lists first
 * (Debian's wordnet-base: the .exc files of /usr/share/wordnet; --wordnet DIR elsewhere,
 * --wordnet none to skip). --published FILE reads a ROUGE-1.5.5 report of
 * the same peers and prints the published averages beside ours.
 */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../eval/rouge.h"
#include "../util/buf.h"
#include "../util/dir.h"
#include "cli.h"

typedef struct ref {
    char *topic;
    rouge_text *models;
    size_t n;
} ref;

typedef struct sys {
    char *name;
    size_t topics;
    double r1, r2, p1, p2;       /* sums over topics */
    double pub_r1, pub_r2;       /* published averages (NAN: none) */
    size_t pub_topics, pub_same; /* per-topic published scores we reproduce to 1e-5 */
} sys;

static char *topic_of(const char *name)
{
    const char *dot = strchr(name, '.');
    size_t n = dot ? (size_t)(dot - name) : strlen(name);
    char *t = strndup(name, n);
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return t;
}

static ref *find_ref(ref *refs, size_t n, const char *topic)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(refs[i].topic, topic))
            return &refs[i];
    return NULL;
}

static sys *find_sys(sys **v, size_t *n, size_t *cap, const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i].name, name))
            return &(*v)[i];
    if (*n == *cap)
        *v = realloc(*v, (*cap = *cap ? *cap * 2 : 16) * sizeof **v);
    sys *s = &(*v)[(*n)++];
    memset(s, 0, sizeof *s);
    s->name = strdup(name);
    s->pub_r1 = s->pub_r2 = NAN;
    return s;
}

/* The text of the file name in dir (malloc'd), its length in *len; NULL
 * when it cannot be read. */
static char *load_in(const char *dir, const char *name, size_t *len)
{
    buf path;
    buf_init(&path);
    buf_printf(&path, "%s/%s", dir, name);
    char *text = buf_load_file(path.data, len);
    buf_free(&path);
    return text;
}

/* Reads the references of every topic in dir. */
static ref *load_refs(rouge *r, const char *dir, unsigned words, size_t *n_refs)
{
    size_t n;
    char **names = dir_list(dir, &n);
    ref *refs = calloc(n + 1, sizeof *refs);
    *n_refs = 0;
    for (size_t i = 0; i < n; i++) {
        char *topic = topic_of(names[i]);
        ref *x = find_ref(refs, *n_refs, topic);
        if (!x) {
            x = &refs[(*n_refs)++];
            x->topic = topic;
            x->models = calloc(n, sizeof *x->models);
        } else {
            free(topic);
        }
        size_t len;
        char *text = load_in(dir, names[i], &len);
        if (text)
            rouge_read(r, text, len, words, &x->models[x->n++]);
        free(text);
    }
    dir_list_free(names, n);
    return refs;
}

static void free_refs(ref *refs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < refs[i].n; k++)
            rouge_text_free(&refs[i].models[k]);
        free(refs[i].models);
        free(refs[i].topic);
    }
    free(refs);
}

/* WordNet exception lists, as ROUGE-1.5.5 uses them with -m (English). */
static const char *load_wordnet(rouge *r, const char *opt)
{
    static const char *const files[] = {"adj.exc", "adv.exc", "noun.exc", "verb.exc"};
    if (opt && !strcmp(opt, "none"))
        return "none";
    const char *dir = opt ? opt : "/usr/share/wordnet";
    long total = 0;
    for (size_t i = 0; i < 4; i++) {
        buf p;
        buf_init(&p);
        buf_printf(&p, "%s/%s", dir, files[i]);
        long k = rouge_load_exceptions(r, p.data);
        buf_free(&p);
        if (k > 0)
            total += k;
    }
    return total > 0 ? dir : "none found";
}

/* "SYS ROUGE-1 Average_R: 0.37707 ..." and "SYS ROUGE-1 Eval dNNNNN.SYS R:0.41769 ..."
 * lines of a ROUGE-1.5.5 report, matched against our per-topic scores. */
static void read_published(const char *path, sys *v, size_t n, json_t *topic_scores)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "storyline eval: %s: cannot open\n", path);
        return;
    }
    char line[1024], name[256], eval_id[256];
    int ng;
    double x;
    while (fgets(line, sizeof line, f)) {
        sys *s = NULL;
        if (sscanf(line, "%255s ROUGE-%d Average_R: %lf", name, &ng, &x) == 3) {
            for (size_t i = 0; i < n; i++)
                if (!strcmp(v[i].name, name))
                    s = &v[i];
            if (s && ng == 1)
                s->pub_r1 = x * 100;
            if (s && ng == 2)
                s->pub_r2 = x * 100;
        } else if (sscanf(line, "%255s ROUGE-%d Eval %255s R:%lf", name, &ng, eval_id, &x) == 4 &&
                   ng <= 2) {
            for (size_t i = 0; i < n; i++)
                if (!strcmp(v[i].name, name))
                    s = &v[i];
            if (!s)
                continue;
            char key[300];
            char *t = topic_of(eval_id);
            snprintf(key, sizeof key, "%s|%s|%d", name, t, ng);
            free(t);
            json_t *ours = json_object_get(topic_scores, key);
            s->pub_topics++;
            if (ours && fabs(json_real_value(ours) - x) < 0.5e-5 + 1e-9)
                s->pub_same++;
        }
    }
    fclose(f);
}

int eval_summaries(const cli_cmd *cmd, cli_args *a)
{
    const char *peers = cli_get(cmd, a, "peers"), *models = cli_get(cmd, a, "models");
    if (!peers || !models)
        return cli_usage_error(cmd, "summaries needs --peers DIR and --models DIR");
    long words = cli_long(cmd, a, "words", 100);
    if (words < 0)
        return EXIT_USAGE;
    const char *lang = cli_get(cmd, a, "lang");
    if (!lang)
        lang = "en";
    bool json = cli_flag(cmd, a, "json"), per_topic = cli_flag(cmd, a, "per-topic");
    rouge *r = rouge_new(lang, 1);
    if (!r)
        return EXIT_FAILED;
    const char *wn = strcmp(lang, "en") == 0 ? load_wordnet(r, cli_get(cmd, a, "wordnet")) : "-";
    size_t n_refs;
    ref *refs = load_refs(r, models, (unsigned)words, &n_refs);
    size_t n_names;
    char **names = dir_list(peers, &n_names);
    if (!names || !n_refs) {
        fprintf(stderr, "storyline eval: no %s in %s\n", names ? "references" : "peers",
                names ? models : peers);
        dir_list_free(names, n_names);
        free_refs(refs, n_refs);
        rouge_free(r);
        return EXIT_FAILED;
    }
    sys *v = NULL;
    size_t n_sys = 0, cap_sys = 0;
    json_t *topic_scores = json_object(); /* "SYS|topic|n" → recall */
    const char *only = cli_get(cmd, a, "system");
    for (size_t i = 0; i < n_names; i++) {
        const char *dot = strchr(names[i], '.');
        if (!dot || (only && strcmp(dot + 1, only)))
            continue;
        char *topic = topic_of(names[i]);
        ref *x = find_ref(refs, n_refs, topic);
        if (!x) {
            free(topic);
            continue;
        }
        size_t len;
        char *text = load_in(peers, names[i], &len);
        rouge_text pt = {0};
        if (text)
            rouge_read(r, text, len, (unsigned)words, &pt);
        free(text);
        rouge_count c1 = {0}, c2 = {0};
        rouge_ngram(&pt, x->models, x->n, 1, &c1);
        rouge_ngram(&pt, x->models, x->n, 2, &c2);
        rouge_text_free(&pt);
        sys *s = find_sys(&v, &n_sys, &cap_sys, dot + 1);
        s->topics++;
        s->r1 += rouge_recall(&c1);
        s->r2 += rouge_recall(&c2);
        s->p1 += rouge_precision(&c1);
        s->p2 += rouge_precision(&c2);
        char key[300];
        snprintf(key, sizeof key, "%s|%s|1", dot + 1, topic);
        json_object_set_new(topic_scores, key, json_real(rouge_recall(&c1)));
        snprintf(key, sizeof key, "%s|%s|2", dot + 1, topic);
        json_object_set_new(topic_scores, key, json_real(rouge_recall(&c2)));
        if (per_topic && !json)
            printf("%-12s %-10s R-1 %.5f  R-2 %.5f\n", dot + 1, topic, rouge_recall(&c1),
                   rouge_recall(&c2));
        free(topic);
    }
    const char *pub = cli_get(cmd, a, "published");
    if (pub)
        read_published(pub, v, n_sys, topic_scores);
    int rc = n_sys ? EXIT_OK : EXIT_FAILED;
    json_t *out = json_object();
    json_t *arr = json_array();
    if (!json) {
        printf("ROUGE-1.5.5 setting: -n 2 -m -l %ld -f A, stopwords kept; lang %s; WordNet "
               "exceptions: %s; %zu topics with references\n",
               words, lang, wn, n_refs);
        printf("%-18s %6s %7s %7s", "system", "topics", "R-1", "R-2");
        if (pub)
            printf(" %9s %9s %6s %6s %s", "pub R-1", "pub R-2", "ΔR-1", "ΔR-2", "topics same");
        printf("\n");
    }
    for (size_t i = 0; i < n_sys; i++) {
        sys *s = &v[i];
        double r1 = 100 * s->r1 / s->topics, r2 = 100 * s->r2 / s->topics;
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "system", json_string(s->name));
            json_object_set_new(o, "topics", json_integer((json_int_t)s->topics));
            json_object_set_new(o, "rouge1_recall", json_real(r1));
            json_object_set_new(o, "rouge2_recall", json_real(r2));
            json_object_set_new(o, "rouge1_precision", json_real(100 * s->p1 / s->topics));
            json_object_set_new(o, "rouge2_precision", json_real(100 * s->p2 / s->topics));
            if (!isnan(s->pub_r1)) {
                json_object_set_new(o, "published_rouge1", json_real(s->pub_r1));
                json_object_set_new(o, "published_rouge2", json_real(s->pub_r2));
            }
            json_array_append_new(arr, o);
        } else {
            printf("%-18s %6zu %7.2f %7.2f", s->name, s->topics, r1, r2);
            if (pub && !isnan(s->pub_r1))
                printf(" %9.2f %9.2f %+6.2f %+6.2f %zu/%zu", s->pub_r1, s->pub_r2, r1 - s->pub_r1,
                       r2 - s->pub_r2, s->pub_same, s->pub_topics);
            printf("\n");
        }
        free(s->name);
    }
    if (json) {
        json_object_set_new(out, "words", json_integer(words));
        json_object_set_new(out, "lang", json_string(lang));
        json_object_set_new(out, "wordnet", json_string(wn));
        json_object_set_new(out, "systems", arr);
        cli_print_json(out, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    } else {
        json_decref(arr);
        json_decref(out);
    }
    json_decref(topic_scores);
    free(v);
    free_refs(refs, n_refs);
    dir_list_free(names, n_names);
    rouge_free(r);
    return rc;
}
