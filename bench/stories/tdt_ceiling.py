#!/usr/bin/python3
"""tdt_ceiling.py TDT.jsonl GOLD.tsv — how far bag-of-words clustering can go on the
TDT set, with the answers in hand (upper bounds, not results):

  * batch TF-IDF + agglomerative clustering with the distance threshold and the
    linkage chosen on the TDT gold itself (average, complete, single; 0.5-0.975);
  * the same cut at the true number of events;
  * a supervised check: each article given to the gold event whose centroid
    (all its other members, past and future) is nearest — how often is that its
    own event?

Needs Debian's python3-sklearn (scripts/install-deps.sh --bench)."""
import json
import sys

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from baseline import bcubed, read_gold  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold = read_gold(sys.argv[2], "story_id|tdt_topic|cluster")
    ids, docs = [], []
    for line in open(sys.argv[1], encoding="utf-8"):
        o = json.loads(line)
        if o["id"] in gold:
            ids.append(o["id"])
            docs.append((o.get("title") or "") + "\n" + o["text"])
    y = [gold[i] for i in ids]
    X = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5,
                        stop_words="english").fit_transform(docs).toarray()
    best = (0, None, None, None)
    for link in ("average", "complete", "single"):
        for t in np.arange(0.5, 1.0, 0.025):
            p = AgglomerativeClustering(n_clusters=None, distance_threshold=t, metric="cosine",
                                        linkage=link).fit_predict(X)
            r = bcubed(list(p), y)
            if r[2] > best[0]:
                best = (r[2], link, t, r)
    print(f"agglomerative, threshold chosen on the gold: {best[1]} {best[2]:.3f}: "
          f"B3 P {best[3][0]:.4f} R {best[3][1]:.4f} F1 {best[3][2]:.4f}")
    k = len(set(y))
    for link in ("average", "complete"):
        p = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage=link).fit_predict(X)
        r = bcubed(list(p), y)
        print(f"agglomerative, {k} clusters, {link}: B3 P {r[0]:.4f} R {r[1]:.4f} F1 {r[2]:.4f}")
    labels = sorted(set(y))
    yi = np.array([labels.index(v) for v in y])
    C = np.zeros((len(labels), X.shape[1]))
    for n in range(len(y)):
        C[yi[n]] += X[n]
    ok = 0
    for n in range(len(y)):
        c = C.copy()
        c[yi[n]] -= X[n]
        c /= np.linalg.norm(c, axis=1, keepdims=True) + 1e-9
        ok += int(np.argmax(c @ X[n]) == yi[n])
    print(f"nearest gold centroid (leave one out): {ok / len(y):.3f} of {len(y)} articles")


if __name__ == "__main__":
    main()
