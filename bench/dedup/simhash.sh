#!/bin/sh
# bench/dedup/simhash.sh BIN OUT N — Debian's `simhash` (Manasse shingleprints:
# the 128 smallest CRC32s of 8-byte shingles) beside storyline's copy index, on
# the same N clean texts (the first N articles of OUT/real-20k.jsonl, ingested,
# then exported one file each). simhash has no index: `simhash -m` compares all
# pairs. Both are scored against newsgen's dup_group: the pairs each tool puts
# together directly, and the groups those pairs make (union-find), as pairwise
# precision/recall/F1. Called by bench/dedup/run.sh.
set -eu
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$(cd "$2" && pwd)
n=$3
RUNS=${RUNS:-3}
dir=$out/simhash-$n
rm -rf "$dir"
mkdir -p "$dir/txt"
head -n "$n" "$out/real-20k.jsonl" >"$dir/sample.jsonl"
head -n $((n + 1)) "$out/real-20k.tsv" >"$dir/sample.tsv"
db=$dir/s.db
"$BIN" ingest --quiet --db "$db" "$dir/sample.jsonl" 2>/dev/null
python3 - "$db" "$dir/txt" <<'EOF'
import sqlite3, sys, os
c = sqlite3.connect(sys.argv[1])
for i, t in c.execute("select id, text from articles"):
    with open(os.path.join(sys.argv[2], i + ".txt"), "w") as f:
        f.write(t)
EOF
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$dir/t_w"
for i in $(seq "$RUNS"); do
    (cd "$dir/txt" && /usr/bin/time -f "%e" -o "$dir/t1" simhash -w ./*.txt)
    cat "$dir/t1" >>"$dir/t_w"
    rm -f "$dir"/txt/*.sim
done
(cd "$dir/txt" && /usr/bin/time -f "%e %M" -o "$dir/t_m" simhash -m ./*.txt >"$dir/matrix.txt")
: >"$dir/t_ours"
for i in $(seq "$RUNS"); do
    "$(dirname "$BIN")/dedupbench" index "$dir/sample.jsonl" --repeat 1 | tail -n 1 |
        awk -F'|' '{print $6}' >>"$dir/t_ours"
done
"$BIN" eval dups --json --db "$db" --gold "$dir/sample.tsv" >"$dir/ours.json"
echo "## Debian simhash on the same texts ($n realistic articles, clean text, one file each)"
echo
echo "time: simhash -w (hash every file): $(median <"$dir/t_w") s, median of $RUNS;" \
     "simhash -m (all $((n * (n - 1) / 2)) pairs): $(cut -d' ' -f1 "$dir/t_m") s," \
     "$(($(cut -d' ' -f2 "$dir/t_m") / 1024)) MB;" \
     "storyline's copy index: $(median <"$dir/t_ours") µs an article (CPU: shingles, signature, LSH find and insert)"
echo
python3 - "$dir/matrix.txt" "$dir/sample.tsv" "$dir/ours.json" <<'EOF'
import json, sys, collections
names, rows = [], []
for line in open(sys.argv[1]):
    parts = line.split()
    if not parts or not parts[0].endswith(".txt"):
        continue
    names.append(parts[0][2:-4] if parts[0].startswith("./") else parts[0][:-4])
    rows.append([float(x) for x in parts[2:]])
gold = {}
for i, line in enumerate(open(sys.argv[2])):
    f = line.rstrip("\n").split("\t")
    if i == 0:
        col = f.index("dup_group")
        continue
    gold[f[0]] = f[col]
n = len(names)
lab = [gold.get(x, "?" + x) for x in names]
gold_pairs = sum(c * (c - 1) // 2 for c in collections.Counter(lab).values())

def closure(pairs):
    par = list(range(n))
    def find(x):
        while par[x] != x:
            par[x] = par[par[x]]
            x = par[x]
        return x
    for i, j in pairs:
        a, b = find(i), find(j)
        if a != b:
            par[max(a, b)] = min(a, b)
    groups = collections.Counter(find(i) for i in range(n))
    cells = collections.Counter((find(i), lab[i]) for i in range(n))
    pp = sum(c * (c - 1) // 2 for c in groups.values())
    both = sum(c * (c - 1) // 2 for c in cells.values())
    return pp, both

def prf(claimed, both, truth):
    p = both / claimed if claimed else 1.0
    r = both / truth if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

print("| tool, threshold | direct pairs P | direct pairs R | groups: pairwise P | R | F1 |")
print("|---|---|---|---|---|---|")
for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
    pairs = [(i, j) for i in range(n) for j, v in enumerate(rows[i]) if v >= t - 1e-9]
    both = sum(1 for i, j in pairs if lab[i] == lab[j])
    p, r, _ = prf(len(pairs), both, gold_pairs)
    cp, cb = closure(pairs)
    gp, gr, gf = prf(cp, cb, gold_pairs)
    print("| simhash ≥ %.1f | %.4f | %.4f | %.4f | %.4f | %.4f |" % (t, p, r, gp, gr, gf))
o = json.load(open(sys.argv[3]))
print("| storyline (J ≥ 0.5 or C ≥ 0.6) | | | %.4f | %.4f | %.4f |" % (o["pair_precision"],
      o["pair_recall"], o["pair_f1"]))
EOF
rm -rf "$dir/txt" "$dir/matrix.txt"
