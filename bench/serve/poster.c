/*
 * poster.c — posts articles to `storyline serve` at a fixed rate, for the
 * server benchmark (bench/serve/run.sh).
 *
 *   poster URL TOKEN FILE.jsonl RATE SECONDS [THREADS]
 *
 * Each line of FILE is one article, posted alone as application/json to
 * URL (…/api/articles) with the bearer token. THREADS workers (default 4)
 * share the schedule: article i leaves at start + i / RATE, so the rate
 * holds even when one answer is slow (an answer comes only after its
 * commit). Prints one JSON line: sent, ok (2xx), failed, the articles the
 * server reported new, and answer latencies (p50, p99, max) in ms. Stops
 * after SECONDS or at the end of FILE. 127.0.0.1 only by intent.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct shared {
    const char *url;
    char auth[512];
    char **lines;
    size_t n_lines;
    double rate, seconds, t0;
    atomic_size_t next;
    atomic_long ok, failed, created;
    double *lat; /* per article sent, ms */
} shared;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_until(double t)
{
    double d = t - now();
    if (d <= 0)
        return;
    struct timespec ts = {(time_t)d, (long)((d - (double)(time_t)d) * 1e9)};
    nanosleep(&ts, NULL);
}

typedef struct answer {
    char data[4096];
    size_t len;
} answer;

static size_t on_data(char *p, size_t size, size_t n, void *user)
{
    answer *a = user;
    size_t k = size * n, room = sizeof a->data - 1 - a->len;
    memcpy(a->data + a->len, p, k < room ? k : room);
    a->len += k < room ? k : room;
    a->data[a->len] = 0;
    return size * n;
}

static void *worker(void *arg)
{
    shared *s = arg;
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, s->auth);
    h = curl_slist_append(h, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, s->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    for (;;) {
        size_t i = atomic_fetch_add(&s->next, 1);
        double at = s->t0 + (double)i / s->rate;
        if (i >= s->n_lines || at - s->t0 >= s->seconds)
            break;
        sleep_until(at);
        answer a = {.len = 0};
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, s->lines[i]);
        double t = now();
        CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        s->lat[i] = (now() - t) * 1e3;
        if (rc == CURLE_OK && status >= 200 && status < 300) {
            atomic_fetch_add(&s->ok, 1);
            if (strstr(a.data, "\"status\":\"new\""))
                atomic_fetch_add(&s->created, 1);
        } else {
            atomic_fetch_add(&s->failed, 1);
            fprintf(stderr, "poster: article %zu: %s, HTTP %ld %s\n", i, curl_easy_strerror(rc),
                    status, a.data);
        }
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: poster URL TOKEN FILE.jsonl RATE SECONDS [THREADS]\n");
        return 2;
    }
    shared s = {.url = argv[1], .rate = atof(argv[4]), .seconds = atof(argv[5])};
    int threads = argc > 6 ? atoi(argv[6]) : 4;
    snprintf(s.auth, sizeof s.auth, "Authorization: Bearer %s", argv[2]);
    FILE *f = fopen(argv[3], "r");
    if (!f || s.rate <= 0 || threads < 1 || threads > 64) {
        fprintf(stderr, "poster: bad arguments\n");
        return 2;
    }
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t n;
    while ((n = getline(&line, &lcap, f)) > 0) {
        if (s.n_lines == cap) {
            cap = cap ? cap * 2 : 1024;
            s.lines = realloc(s.lines, cap * sizeof *s.lines);
        }
        s.lines[s.n_lines++] = strdup(line);
    }
    free(line);
    fclose(f);
    s.lat = calloc(s.n_lines + 1, sizeof *s.lat);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    pthread_t th[64];
    s.t0 = now();
    for (int i = 0; i < threads; i++)
        pthread_create(&th[i], NULL, worker, &s);
    for (int i = 0; i < threads; i++)
        pthread_join(th[i], NULL);
    double took = now() - s.t0;
    size_t sent = (size_t)(atomic_load(&s.ok) + atomic_load(&s.failed));
    qsort(s.lat, sent, sizeof *s.lat, cmp);
    double p50 = sent ? s.lat[sent / 2] : 0, p99 = sent ? s.lat[(size_t)(sent * 0.99)] : 0;
    printf("{\"sent\":%zu,\"ok\":%ld,\"failed\":%ld,\"new\":%ld,\"seconds\":%.1f,\"rate\":%.1f,"
           "\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f}\n",
           sent, atomic_load(&s.ok), atomic_load(&s.failed), atomic_load(&s.created), took,
           sent / took, p50, p99, sent ? s.lat[sent - 1] : 0);
    for (size_t i = 0; i < s.n_lines; i++)
        free(s.lines[i]);
    free(s.lines);
    free(s.lat);
    curl_global_cleanup();
    return atomic_load(&s.failed) ? 1 : 0;
}
