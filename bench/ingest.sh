#!/bin/sh
# bench/ingest.sh [N] — ingest throughput and peak memory on N articles
# (default 100000) from ../shared/tools/newsgen --mode scale:
#   1. reading + cleaning + analysis alone (ingest --dry-run)
#   2. the same with the SQLite write
# Each is run RUNS times (default 3); the table gives medians.
# Needs ../shared (skipped with a message when absent) and GNU time.
set -eu
N=${1:-100000}
RUNS=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
BIN=$here/build/storyline
out=$here/bench/out
if [ ! -x "$shared/tools/newsgen" ]; then
    echo "bench/ingest: $shared/tools/newsgen not found, skipped"
    exit 0
fi
[ -x /usr/bin/time ] || { echo "bench/ingest: needs GNU time (scripts/install-deps.sh --bench)"; exit 1; }
mkdir -p "$out"
(cd "$here" && make -s -j2)
data=$out/scale-$N.jsonl
if [ ! -s "$data" ]; then
    echo "generating $N scale articles..."
    "$shared/tools/newsgen" --mode scale --docs "$N" --out "$data" --gold "$out/scale-$N.gold.tsv" --quiet
fi
mb=$(du -m "$data" | cut -f1)

# run LABEL CMD... → appends "label secs rss_kb" to $out/runs.txt
run() {
    label=$1; shift
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || true
    echo "$label $(cat "$out/time.txt")" >>"$out/runs.txt"
}
: >"$out/runs.txt"
for i in $(seq "$RUNS"); do
    run analyse "$BIN" ingest --dry-run --quiet "$data"
    rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
    run store "$BIN" ingest --quiet --db "$out/bench.db" "$data"
done
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "input: $N newsgen scale articles, $mb MB ($data)"
echo
echo "| stage | median s | articles/s | MB/s | peak RSS MB |"
echo "|---|---|---|---|---|"
for label in analyse store; do
    med=$(awk -v l=$label '$1 == l {print $2}' "$out/runs.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rss=$(awk -v l=$label '$1 == l {print $3}' "$out/runs.txt" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    name=$([ $label = analyse ] && echo "read + clean + analyse" || echo "... + SQLite store")
    awk -v n="$N" -v s="$med" -v mb="$mb" -v r="$rss" -v name="$name" \
        'BEGIN { printf "| %s | %.2f | %.0f | %.1f | %.0f |\n", name, s, n / s, mb / s, r / 1024 }'
done
