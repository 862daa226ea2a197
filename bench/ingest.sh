#!/bin/sh
# bench/ingest.sh [N] — ingest throughput and peak memory on N articles
# (default 100000) from ../shared/tools/newsgen --mode scale:
#   1. reading + cleaning + analysis alone (ingest --dry-run)
#   2. the same with the SQLite store (copies, stories; the full-text index
#      left to the server, as by default)
#   3. the same with the full-text index built during the ingest (--search-index)
# Each is run RUNS times (default 3); the table gives medians of wall time,
# of CPU time (user + sys: the machine may be shared) and of peak RSS.
# Needs ../shared (skipped with a message when absent) and GNU time.
set -eu
N=${1:-100000}
RUNS=${RUNS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
out=$here/bench/out
if [ ! -x "$shared/tools/newsgen" ]; then
    echo "bench/ingest: $shared/tools/newsgen not found, skipped"
    exit 0
fi
[ -x /usr/bin/time ] || { echo "bench/ingest: needs GNU time (scripts/install-deps.sh --bench)"; exit 1; }
mkdir -p "$out"
if [ -z "${BIN:-}" ]; then # BIN=path: measure that binary as it is
    BIN=$here/build/storyline
    (cd "$here" && make -s -j2)
fi
data=$out/scale-$N.jsonl
if [ ! -s "$data" ]; then
    echo "generating $N scale articles..."
    "$shared/tools/newsgen" --mode scale --docs "$N" --out "$data" --gold "$out/scale-$N.gold.tsv" --quiet
fi
mb=$(du -m "$data" | cut -f1)
tmp=$out/ingest.$$ # this run's files (another bench may run beside it)
trap 'rm -f "$tmp".*' EXIT

# run LABEL CMD... → appends "label secs rss_kb cpu_secs" to $tmp.runs
run() {
    label=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$tmp.time" "$@" >/dev/null 2>"$tmp.err" || true
    echo "$label $(awk '{ printf "%s %s %.2f", $1, $2, $3 + $4 }' "$tmp.time")" >>"$tmp.runs"
}
: >"$tmp.runs"
for i in $(seq "$RUNS"); do
    run analyse "$BIN" ingest --dry-run --quiet "$data"
    rm -f "$tmp.db" "$tmp.db-wal" "$tmp.db-shm"
    run store "$BIN" ingest --quiet --db "$tmp.db" "$data"
    rm -f "$tmp.db" "$tmp.db-wal" "$tmp.db-shm"
    run search "$BIN" ingest --quiet --search-index --db "$tmp.db" "$data"
done
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "input: $N newsgen scale articles, $mb MB ($data)"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| stage | median s | articles/s | MB/s | CPU s | peak RSS MB |"
echo "|---|---|---|---|---|---|"
median() { awk -v l="$1" -v c="$2" '$1 == l {print $c}' "$tmp.runs" | sort -n |
    awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for label in analyse store search; do
    med=$(median $label 2) rss=$(median $label 3) cpu=$(median $label 4)
    case $label in
    analyse) name="read + clean + analyse" ;;
    store) name="... + copies + stories + SQLite store" ;;
    *) name="... + full-text index (--search-index)" ;;
    esac
    awk -v n="$N" -v s="$med" -v mb="$mb" -v r="$rss" -v c="$cpu" -v name="$name" \
        'BEGIN { printf "| %s | %.2f | %.0f | %.1f | %.1f | %.0f |\n", name, s, n / s, mb / s, c, r / 1024 }'
done
