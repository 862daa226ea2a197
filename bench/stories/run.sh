#!/bin/sh
# bench/stories/run.sh — story clustering end to end, on data beside the project:
#   1. quality on the TDT set (../shared/data/tdt-clusters-duc0304) and on a newsgen
#      realistic stream of a TEST seed (never used for tuning), before and after
#      `storyline recluster`;
#   2. speed and memory of the whole ingest (read → clean → analyse → copies → stories →
#      store) on newsgen scale streams of SIZES articles, with quality, and the cost of
#      clustering alone per article along the stream (storybench --stream);
#   3. the scikit-learn baseline (TF-IDF + agglomerative, bench/stories/baseline.py) on the
#      same TDT and realistic streams, its threshold chosen on the dev seed.
# Streams and stores go to bench/out/ (gitignored). Needs ../shared (skipped with a
# message when absent), GNU time, and python3-sklearn for the baseline
# (scripts/install-deps.sh --bench).
#   BUILD=build-x sh bench/stories/run.sh            (all)
#   SIZES="10000 100000" TEST_SEED=11 sh bench/stories/run.sh
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$here/../shared}
BUILD=${BUILD:-build}
BIN=$here/$BUILD/storyline
SB=$here/$BUILD/storybench
out=$here/bench/out
TEST_SEED=${TEST_SEED:-11}
DEV_SEED=${DEV_SEED:-2}
SIZES=${SIZES:-"10000 100000 1000000"}
PY=/usr/bin/python3
if [ ! -x "$shared/tools/newsgen" ]; then
    echo "bench/stories: $shared/tools/newsgen not found, skipped"
    exit 0
fi
[ -x /usr/bin/time ] || { echo "bench/stories: needs GNU time (scripts/install-deps.sh --bench)"; exit 1; }
mkdir -p "$out"
(cd "$here" && make -s -j2 BUILD="$BUILD" "$BUILD/storyline" "$BUILD/storybench")

# fresh DB: removes a store and its WAL files
fresh() { rm -f "$1" "$1-wal" "$1-shm"; }
# field JSON NAME: a number from `eval --json` output
field() { sed -n "s/.*\"$2\": \([-0-9.e]*\).*/\1/p" "$1" | head -1; }
# row LABEL EVALJSON EXTRA: one markdown row of quality
row() {
    printf '| %s | %s | %s | %.4f | %.4f | **%.4f** | %.4f | %.4f | %.4f | %.4f | %.4f |%s\n' "$1" \
        "$(field "$2" articles)" "$(field "$2" our_groups)" "$(field "$2" b3_precision)" \
        "$(field "$2" b3_recall)" "$(field "$2" b3_f1)" "$(field "$2" pair_precision)" \
        "$(field "$2" pair_recall)" "$(field "$2" pair_f1)" "$(field "$2" nmi)" "$(field "$2" ari)" \
        "${3:-}"
}
header() {
    echo "| data | articles | stories | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | NMI | ARI |$1"
    echo "|---|---|---|---|---|---|---|---|---|---|---|$2"
}

gen() { # gen FILE GOLD ARGS...: newsgen once
    f=$1 g=$2; shift 2
    [ -s "$f" ] || "$shared/tools/newsgen" "$@" --out "$f" --gold "$g" --quiet
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo

# ---- 1. quality
tdt=$out/tdt.jsonl
[ -s "$tdt" ] || zcat "$shared/data/tdt-clusters-duc0304/docs.jsonl.gz" >"$tdt"
tdt_gold=$shared/data/tdt-clusters-duc0304/gold.tsv
gen "$out/real-s$TEST_SEED.jsonl" "$out/real-s$TEST_SEED.gold.tsv" --seed "$TEST_SEED"
gen "$out/real-s$DEV_SEED.jsonl" "$out/real-s$DEV_SEED.gold.tsv" --seed "$DEV_SEED"
echo "## Quality (online clustering at ingest, then after \`storyline recluster\`)"
echo
header "" ""
for set in "tdt:$tdt:$tdt_gold" "realistic-s$TEST_SEED:$out/real-s$TEST_SEED.jsonl:$out/real-s$TEST_SEED.gold.tsv"; do
    name=${set%%:*} rest=${set#*:}
    data=${rest%%:*} gold=${rest#*:}
    db=$out/q-$name.db
    fresh "$db"
    "$BIN" ingest --quiet --db "$db" "$data" 2>/dev/null || true
    "$BIN" eval clusters --json --db "$db" --gold "$gold" >"$out/q-$name.json"
    row "$name, online" "$out/q-$name.json"
    "$BIN" recluster --quiet --db "$db" >"$out/q-$name.recluster.txt"
    "$BIN" eval clusters --json --db "$db" --gold "$gold" >"$out/q-$name.rc.json"
    row "$name, + recluster" "$out/q-$name.rc.json"
done
echo

# ---- 2. scale
echo "## Scale: whole ingest (read → clean → analyse → copies → stories → SQLite)"
echo
header " ingest s | articles/s | peak RSS MB |" "---|---|---|"
for n in $SIZES; do
    data=$out/scale-$n.jsonl
    gen "$data" "$out/scale-$n.gold.tsv" --mode scale --docs "$n"
    db=$out/scale-$n.db
    fresh "$db"
    /usr/bin/time -f "%e %M" -o "$out/time-$n.txt" "$BIN" ingest --quiet --db "$db" "$data" \
        2>/dev/null || true
    secs=$(cut -d' ' -f1 "$out/time-$n.txt") rss=$(cut -d' ' -f2 "$out/time-$n.txt")
    "$BIN" eval clusters --json --db "$db" --gold "$out/scale-$n.gold.tsv" >"$out/scale-$n.json"
    row "scale $n" "$out/scale-$n.json" \
        " $secs | $(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') | $(awk -v r="$rss" 'BEGIN { printf "%.0f", r / 1024 }') |"
done
echo
echo "## Clustering alone, per article along the stream (storybench --stream)"
echo
for n in $SIZES; do
    echo "scale $n (every $((n / 10)) articles: µs per article over the window, live stories, postings):"
    echo '```'
    "$SB" --db "$out/scale-$n.db" --stream --every $((n / 10)) 2>/dev/null
    echo '```'
done
echo

# ---- 3. baseline
# Agglomerative clustering needs the full distance matrix and its time grows faster than the
# square of the articles (about 3 minutes for 5,000 here), so it runs on TDT and on the first
# BASELINE_N articles (a time slice) of the realistic streams; storyline is run on the same
# slice for the comparison.
BN=${BASELINE_N:-5000}
if $PY -c 'import sklearn' 2>/dev/null; then
    echo "## Baseline: TF-IDF + agglomerative (scikit-learn), threshold chosen on dev seed $DEV_SEED"
    echo
    head -"$BN" "$out/real-s$DEV_SEED.jsonl" >"$out/real-s$DEV_SEED-$BN.jsonl"
    head -"$BN" "$out/real-s$TEST_SEED.jsonl" >"$out/real-s$TEST_SEED-$BN.jsonl"
    bt=${BASELINE_T:-}
    if [ -z "$bt" ]; then # choose on the dev slice
        bt=$($PY "$here/bench/stories/baseline.py" "$out/real-s$DEV_SEED-$BN.jsonl" \
                "$out/real-s$DEV_SEED.gold.tsv" --threshold 0.8 --threshold 0.85 \
                --threshold 0.9 --threshold 0.95 |
             sed -n 's/.*threshold=\([0-9.]*\):.*F1 \([0-9.]*\) | pair.*/\2 \1/p' | sort -rn | head -1 | cut -d' ' -f2)
    fi
    echo "threshold $bt"
    echo '```'
    $PY "$here/bench/stories/baseline.py" "$tdt" "$tdt_gold" --threshold "$bt" | sed 's/^/tdt: /'
    $PY "$here/bench/stories/baseline.py" "$out/real-s$TEST_SEED-$BN.jsonl" \
        "$out/real-s$TEST_SEED.gold.tsv" --threshold "$bt" | sed "s/^/realistic-s$TEST_SEED first $BN: /"
    echo '```'
    db=$out/q-slice.db
    fresh "$db"
    "$BIN" ingest --quiet --db "$db" "$out/real-s$TEST_SEED-$BN.jsonl" 2>/dev/null || true
    "$BIN" eval clusters --json --db "$db" --gold "$out/real-s$TEST_SEED.gold.tsv" >"$out/q-slice.json"
    echo
    header "" ""
    row "storyline, realistic-s$TEST_SEED first $BN" "$out/q-slice.json"
else
    echo "baseline skipped: python3-sklearn not installed (scripts/install-deps.sh --bench)"
fi
