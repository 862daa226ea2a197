#!/usr/bin/python3
"""baseline.py — the peer of storyline's story clustering in bench/stories:
TF-IDF vectors + agglomerative clustering (average linkage, cosine distance,
cut at a distance threshold) with scikit-learn from Debian (python3-sklearn).

    baseline.py STREAM.jsonl GOLD.tsv [--threshold T ...] [--column NAME]

Reads the same JSONL stream storyline ingests (title + text of each line),
clusters it in one batch (it sees the whole stream at once, in any order:
an easier setting than online clustering), and prints B-cubed and pairwise
precision/recall/F1 with the time spent (vectorising + clustering) and peak
memory. Several thresholds can be given: the vectors are built once. The
threshold is chosen on development data (bench/stories/run.sh uses dev seed
2), never on the test stream. Memory grows with the square of the number
of articles (a full distance matrix), so it is run on streams of up to a
few tens of thousands of articles."""
import json
import resource
import sys
import time
from collections import Counter, defaultdict

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer


def bcubed(pred, gold):
    n = len(pred)
    cells = Counter(zip(pred, gold))
    a, b = Counter(pred), Counter(gold)
    p = sum(c * c / a[k[0]] for k, c in cells.items()) / n
    r = sum(c * c / b[k[1]] for k, c in cells.items()) / n
    pairs = lambda x: x * (x - 1) / 2
    both = sum(pairs(c) for c in cells.values())
    pp = both / max(sum(pairs(c) for c in a.values()), 1)
    pr = both / max(sum(pairs(c) for c in b.values()), 1)
    f = lambda x, y: 2 * x * y / (x + y) if x + y else 0
    return p, r, f(p, r), pp, pr, f(pp, pr)


def read_gold(path, column):
    gold, col = {}, None
    for i, line in enumerate(open(path, encoding="utf-8")):
        f = line.rstrip("\n").split("\t")
        if i == 0:
            names = [c for c in column.split("|") if c in f]
            if names:
                col = f.index(names[0])
                continue
            col = 1
        if len(f) > col:
            gold.setdefault(f[0], f[col])
    return gold


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    stream, gold_path = args[0], args[1]
    thresholds, column = [], "story_id|tdt_topic|cluster"
    i = 2
    while i < len(args):
        if args[i] == "--threshold":
            thresholds.append(float(args[i + 1]))
            i += 2
        elif args[i] == "--column":
            column = args[i + 1]
            i += 2
        else:
            sys.exit(f"baseline: unknown argument {args[i]}")
    thresholds = thresholds or [0.8]
    gold = read_gold(gold_path, column)
    ids, docs = [], []
    for line in open(stream, encoding="utf-8"):
        o = json.loads(line)
        if o["id"] in gold:
            ids.append(o["id"])
            docs.append((o.get("title") or "") + "\n" + (o.get("text") or ""))
    labels = [gold[i] for i in ids]
    t0 = time.time()
    X = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(docs).toarray()
    t_vec = time.time() - t0
    for t in thresholds:
        t1 = time.time()
        pred = AgglomerativeClustering(n_clusters=None, distance_threshold=t, metric="cosine",
                                       linkage="average").fit_predict(X)
        secs = t_vec + time.time() - t1
        p, r, f, pp, pr, pf = bcubed(list(pred), labels)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"baseline threshold={t}: {len(ids)} articles, {len(set(pred))} clusters | "
              f"B3 P {p:.4f} R {r:.4f} F1 {f:.4f} | pair P {pp:.4f} R {pr:.4f} F1 {pf:.4f} | "
              f"{secs:.1f} s ({len(ids) / secs:.0f} art/s), peak {rss:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
