#!/bin/sh
# run.sh — `storyline serve` under load on loopback: wrk reads GET
# /api/stories and GET /api/stories/{id} while bench/serve/poster.c posts
# articles at a fixed rate; then every posted article is looked for in the
# store. Prints a Markdown table (bench/serve/README.md keeps the last one).
#
#   make bench-serve                     (BUILD=build-serve make bench-serve ...)
#   DURATION=30 RATE=100 THREADS=4 CONNS=64 sh bench/serve/run.sh
#
# Data: a newsgen stream from ../shared when present (half ingested before,
# half posted during the runs); otherwise the sample corpus, re-posted
# under new ids (every post then is a copy: less realistic, said in the
# output). Needs wrk and curl (scripts/install-deps.sh --bench).
set -eu
BUILD=${BUILD:-build}
BIN="$BUILD/storyline"
POSTER="$BUILD/poster"
DURATION=${DURATION:-30}
RATE=${RATE:-100}
THREADS=${THREADS:-$(nproc)}
CONNS=${CONNS:-64}
DOCS=${DOCS:-16000}
here=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-bench/out/serve}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench-serve: wrk missing (scripts/install-deps.sh --bench)"; exit 1; }
[ -x "$BIN" ] && [ -x "$POSTER" ] || { echo "bench-serve: build $BIN and $POSTER first"; exit 1; }

PID=""
trap '[ -n "$PID" ] && kill -TERM $PID 2>/dev/null; true' EXIT

# ---- data
SHARED=${SHARED:-../shared}
rm -f "$OUT"/s.db*
if [ -x "$SHARED/tools/newsgen" ] && command -v python3 >/dev/null; then
    DATA="newsgen realistic stream, $DOCS docs (seed 1)"
    python3 "$SHARED/tools/newsgen" --docs "$DOCS" --out "$OUT/stream.jsonl" --gold "$OUT/gold.tsv" 2>/dev/null
    half=$((DOCS / 2))
    head -n "$half" "$OUT/stream.jsonl" > "$OUT/base.jsonl"
    tail -n +"$((half + 1))" "$OUT/stream.jsonl" > "$OUT/post.jsonl"
    "$BIN" ingest --quiet --db "$OUT/s.db" "$OUT/base.jsonl"
else
    DATA="sample corpus (no ../shared): posts are copies of corpus articles under new ids"
    "$BIN" ingest --quiet --db "$OUT/s.db" corpus
    n=$((RATE * (DURATION + 5) * 2))
    sqlite3 "$OUT/s.db" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
        SELECT json_object('id', 'bench-' || k.i, 'source', a.outlet, 'title', a.title,
          'date', strftime('%Y-%m-%dT%H:%M:%SZ', coalesce(a.published, 0), 'unixepoch'), 'lang', a.lang,
          'text', a.text) FROM k JOIN articles a ON a.rid = 1 + (k.i % 50)" > "$OUT/post.jsonl"
fi
BASE_N=$(sqlite3 "$OUT/s.db" "select count(*) from articles")
TOKEN="bench-token-$(date +%s)-0123456789"
printf '%s\n' "$TOKEN" > "$OUT/token"

# ---- the server
rm -f "$OUT/port"
"$BIN" serve --db "$OUT/s.db" --listen 127.0.0.1:0 --port-file "$OUT/port" \
    --token-file "$OUT/token" --threads "$THREADS" 2> "$OUT/serve.log" &
PID=$!
i=0
while [ ! -s "$OUT/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
URL="http://127.0.0.1:$(cat "$OUT/port")"
i=0
while [ "$(curl -s "$URL/healthz" | sed 's/.*"digests_pending":\([0-9]*\).*/\1/')" != 0 ] && [ $i -lt 600 ]; do
    sleep 0.5; i=$((i + 1))
done
STORIES=$(sqlite3 "$OUT/s.db" "select count(*) from stories where merged_into is null")
sqlite3 "$OUT/s.db" "select id from stories where merged_into is null" > "$OUT/ids.txt"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- runs: wrk on one endpoint while the poster posts
per_run=$((RATE * (DURATION + 2)))
split -l "$per_run" -d "$OUT/post.jsonl" "$OUT/post-part-"
run() { # run NAME PART WRK-ARGS...
    name=$1 part=$2
    shift 2
    "$POSTER" "$URL/api/articles" "$TOKEN" "$OUT/post-part-$part" "$RATE" "$((DURATION + 2))" 4 \
        > "$OUT/poster-$name.json" 2> "$OUT/poster-$name.err" &
    ppid=$!
    sleep 1
    STORY_IDS="$OUT/ids.txt" wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$@" > "$OUT/wrk-$name.txt" 2>&1
    wait $ppid || true
}
run stories 00 "$URL/api/stories"
run story 01 -s "$here/story.lua" "$URL"

# ---- every posted article is there
cat "$OUT"/post-part-00 "$OUT"/post-part-01 > "$OUT/posted-candidates.jsonl"
SENT=0 OK=0 FAILED=0
for name in stories story; do
    f="$OUT/poster-$name.json"
    SENT=$((SENT + $(sed 's/.*"sent":\([0-9]*\).*/\1/' "$f")))
    OK=$((OK + $(sed 's/.*"ok":\([0-9]*\).*/\1/' "$f")))
    FAILED=$((FAILED + $(sed 's/.*"failed":\([0-9]*\).*/\1/' "$f")))
done
kill -TERM $PID
wait $PID || true
PID=""
AFTER_N=$(sqlite3 "$OUT/s.db" "select count(*) from articles")
# the ids of the articles sent, in the order sent (each run sends its part's first lines)
: > "$OUT/sent-ids"
for name in stories story; do
    part=$([ $name = stories ] && echo 00 || echo 01)
    n=$(sed 's/.*"sent":\([0-9]*\).*/\1/' "$OUT/poster-$name.json")
    head -n "$n" "$OUT/post-part-$part" | sed 's/^{"id":"\([^"]*\)".*/\1/' >> "$OUT/sent-ids"
done
MISSING=$(sqlite3 "$OUT/s.db" <<EOF
CREATE TEMP TABLE sent(id TEXT);
.import $OUT/sent-ids sent
SELECT count(*) FROM sent WHERE id NOT IN (SELECT id FROM articles);
EOF
)

# ---- the table
field() { grep -m1 "$2" "$1" | awk '{print $2}'; }
row() { # row NAME LABEL
    w="$OUT/wrk-$1.txt" p="$OUT/poster-$1.json"
    rps=$(grep 'Requests/sec' "$w" | awk '{printf "%.0f", $2}')
    p50=$(field "$w" ' 50%')
    p99=$(field "$w" ' 99%')
    max=$(grep -m1 'Latency ' "$w" | awk '{print $4}')
    non2xx=$(grep 'Non-2xx' "$w" | awk '{print $5}')
    sock=$(grep 'Socket errors' "$w" | sed 's/.*Socket errors: //')
    prate=$(sed 's/.*"rate":\([0-9.]*\).*/\1/' "$p")
    pp99=$(sed 's/.*"p99_ms":\([0-9.]*\).*/\1/' "$p")
    pf=$(sed 's/.*"failed":\([0-9]*\).*/\1/' "$p")
    echo "| $2 | $rps | $p50 | $p99 | $max | ${non2xx:-0} | ${sock:-none} | $prate/s | $pp99 ms | $pf |"
}
{
    echo "Data: $DATA; $BASE_N articles and $STORIES stories before the runs."
    echo "Machine: $(nproc) cores; server --threads $THREADS; wrk -t2 -c$CONNS -d${DURATION}s on 127.0.0.1; poster at $RATE/s (4 connections)."
    echo "Load average (1, 5, 15 min) before the runs: $LOAD_BEFORE (other processes share the machine)."
    echo
    echo "| endpoint | req/s | p50 | p99 | max | non-2xx | socket errors | posts | post p99 | posts failed |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    row stories 'GET /api/stories'
    row story 'GET /api/stories/{id}'
    echo
    echo "Posted: $SENT sent, $OK answered 2xx, $FAILED failed; articles in the store: $BASE_N before, $AFTER_N after; posted articles missing from the store: $MISSING."
} | tee "$OUT/table.md"
[ "$MISSING" = 0 ] && [ "$FAILED" = 0 ]
