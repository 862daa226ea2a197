#!/bin/sh
# bench/dedup/run.sh — the measurements of bench/dedup/README.md: copy
# detection quality (against brute force and against newsgen gold), the
# copy index's speed and memory at 10k/100k/1M articles, and Debian's
# simhash on the same texts. `make bench-dedup` runs it.
#
# Needs ../shared/tools/newsgen (skipped with a message when absent), GNU
# time, sqlite3 and, for the comparison, simhash (scripts/install-deps.sh
# --bench). Streams are generated once into bench/out/dedup/ (≈ 2.5 GB).
# RUNS (default 3) repeats the timed steps; tables give medians.
# QUICK=1 stops the scale runs at 100k articles.
set -eu
RUNS=${RUNS:-3}
here=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$here/../shared}
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$here/$BUILD" ;; esac
BIN=$BUILD/storyline
BENCH=$BUILD/dedupbench
out=$here/bench/out/dedup
if [ ! -x "$shared/tools/newsgen" ]; then
    echo "bench/dedup: $shared/tools/newsgen not found, skipped"
    exit 0
fi
[ -x /usr/bin/time ] || { echo "bench/dedup: needs GNU time (scripts/install-deps.sh --bench)"; exit 1; }
mkdir -p "$out"
(cd "$here" && make -s BUILD="$BUILD" "$BIN" "$BENCH")
gen() { # gen NAME ARGS...: newsgen stream + gold unless present
    name=$1; shift
    if [ ! -s "$out/$name.jsonl" ]; then
        echo "generating $name..." >&2
        "$shared/tools/newsgen" "$@" --out "$out/$name.jsonl" --gold "$out/$name.tsv" --quiet
    fi
}
gen real-20k --docs 20000 --seed 1
gen real-20k-s2 --docs 20000 --seed 2
gen scale-1m --mode scale --docs 1000000
[ -s "$out/scale-100k.jsonl" ] || head -n 100000 "$out/scale-1m.jsonl" >"$out/scale-100k.jsonl"
[ -s "$out/scale-100k.tsv" ] || head -n 100001 "$out/scale-1m.tsv" >"$out/scale-100k.tsv"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
db=$out/bench.db
rmdb() { rm -f "$db" "$db-wal" "$db-shm"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

echo "## Against gold: storyline ingest + storyline eval dups"
echo
echo "| stream | articles | gold groups | our groups | pairwise P | pairwise R | pairwise F1 | B-cubed F1 |"
echo "|---|---|---|---|---|---|---|---|"
for s in real-20k real-20k-s2; do
    rmdb
    "$BIN" ingest --quiet --db "$db" "$out/$s.jsonl" 2>/dev/null
    "$BIN" eval dups --json --db "$db" --gold "$out/$s.tsv" >"$out/eval.json"
    python3 - "$s" "$out/eval.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[2]))
print("| %s | %d | %d | %d | %.4f | %.4f | %.4f | %.4f |" % (sys.argv[1], d["articles"],
      d["gold_groups"], d["our_groups"], d["pair_precision"], d["pair_recall"], d["pair_f1"],
      d["b3_f1"]))
EOF
done
rmdb
"$BIN" ingest --quiet --db "$db" "$out/scale-100k.jsonl" 2>/dev/null
"$BIN" eval dups --json --db "$db" --gold "$out/scale-100k.tsv" >"$out/eval.json"
python3 - scale-100k "$out/eval.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[2]))
print("| %s | %d | %d | %d | %.4f | %.4f | %.4f | %.4f |" % (sys.argv[1], d["articles"],
      d["gold_groups"], d["our_groups"], d["pair_precision"], d["pair_recall"], d["pair_f1"],
      d["b3_f1"]))
EOF
echo

echo "## Threshold choice on exact pairs (seed 1 tunes, seed 2 checks)"
for s in real-20k real-20k-s2; do
    echo
    echo "### $s"
    "$BENCH" groups "$out/$s.jsonl" --gold "$out/$s.tsv" --grid 2>/dev/null | sed -n '/^|/p'
done
echo
echo "### scale, first 50,000"
"$BENCH" groups "$out/scale-100k.jsonl" --gold "$out/scale-100k.tsv" --limit 50000 --grid 2>/dev/null |
    sed -n '/^|/p'
echo

echo "## LSH against brute force (exact Jaccard of every pair), 20,000 articles"
for s in real-20k scale-1m; do
    echo
    echo "### $s (first 20,000)"
    "$BENCH" quality "$out/$s.jsonl" --sample 20000 2>/dev/null
done
echo

echo "## Speed: shingles, signatures, LSH (find: query + verify; insert), newsgen scale, CPU time"
echo
echo "100,000 articles indexed from memory, $RUNS runs (medians of the per-run figures):"
echo
: >"$out/index.txt"
for i in $(seq "$RUNS"); do
    "$BENCH" index "$out/scale-1m.jsonl" --limit 100000 --repeat 1 | tail -n 1 >>"$out/index.txt"
done
echo "| shingles µs | signature µs | find µs | insert µs | total µs | articles/s | signature + insert /s | index MB |"
echo "|---|---|---|---|---|---|---|---|"
awk -F'|' '{print $2, $3, $4, $5, $6, $7, $8, $9}' "$out/index.txt" | python3 -c "
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
cols = list(zip(*rows))
print('| ' + ' | '.join(('%.0f' if i in (5, 6) else '%.2f') % statistics.median(c) for i, c in enumerate(cols)) + ' |')
"
echo
limit=""
[ "${QUICK:-0}" = 1 ] && limit="--limit 100000"
echo "The curve, streaming the scale stream through analysis (not timed) and the index:"
echo
# shellcheck disable=SC2086
"$BENCH" speed "$out/scale-1m.jsonl" $limit --spill "$out/spill.tmp" | sed -n '/^|/p;/^[0-9]* articles/p'
echo

echo "## The copy stage inside ingest (index + its SQLite writes), 100,000 scale articles"
echo
rmdb
"$BENCH" stage "$out/scale-100k.jsonl" "$db"
echo

echo "## Memory: storyline ingest (everything: analysis, store, copies, stories), peak RSS"
echo
echo "| articles | seconds | articles/s | peak RSS MB | store MB |"
echo "|---|---|---|---|---|"
for n in 10000 100000 1000000; do
    [ "${QUICK:-0}" = 1 ] && [ $n -gt 100000 ] && continue
    head -n $n "$out/scale-1m.jsonl" >"$out/part.jsonl"
    rmdb
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$BIN" ingest --quiet --db "$db" "$out/part.jsonl" 2>/dev/null
    read -r secs kb <"$out/time.txt"
    echo "| $n | $secs | $(awk -v n=$n -v s="$secs" 'BEGIN {printf "%.0f", n / s}') | $((kb / 1024)) | $(du -m "$db" | cut -f1) |"
done
rm -f "$out/part.jsonl"
echo

echo "## Reopening: a writer restores the copy index from the store above"
echo
echo "$(sqlite3 "$db" 'select count(*) from articles') articles; $("$BENCH" restore "$db")"
echo

if command -v simhash >/dev/null; then
    sh "$here/bench/dedup/simhash.sh" "$BIN" "$out" 5000
else
    echo "simhash not installed (scripts/install-deps.sh --bench): comparison skipped"
fi
rmdb
