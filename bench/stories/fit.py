#!/usr/bin/python3
"""fit.py FEATURES.tsv... — fits the story score model (a logistic regression
over the features of src/story/cluster.h) on teacher-forced feature dumps of
development data (storybench --features), and prints the coefficients as a
STORYLINE_STORY_PARAMS string and the b_* defaults for src/story/params.c.

Rows with label 2 (gold story not retrieved) are left out. Each file can be
weighted (FILE:WEIGHT) so that a small set counts as much as a large one.
Needs Debian's python3-sklearn (scripts/install-deps.sh --bench)."""
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

COLS = ["text", "ent", "title", "notitle", "xling", "gap", "size", "names", "textc", "entc", "rare",
        "nrare"]
PARAMS = ["b_" + c for c in COLS]


used = []


def load(path):
    X, y = [], []
    with open(path) as f:
        head = f.readline().rstrip("\n").split("\t")
        used[:] = [c for c in COLS if c in head]
        idx = [head.index(c) for c in COLS if c in head]
        for line in f:
            r = line.rstrip("\n").split("\t")
            if r[0] == "2":
                continue
            y.append(int(r[0]))
            X.append([float(r[i]) for i in idx])
    return np.array(X), np.array(y)


def main():
    Xs, ys, ws = [], [], []
    for arg in sys.argv[1:]:
        path, _, w = arg.partition(":")
        X, y = load(path)
        Xs.append(X)
        ys.append(y)
        ws.append(np.full(len(y), float(w or 1) / max(len(y), 1) * 10000))
        print(f"{path}: {len(y)} pairs, {int(y.sum())} positive", file=sys.stderr)
    X, y, w = np.vstack(Xs), np.concatenate(ys), np.concatenate(ws)
    m = LogisticRegression(C=10.0, max_iter=5000)
    m.fit(X, y, sample_weight=w)
    p = m.predict_proba(X)[:, 1]
    print(f"AUC {roc_auc_score(y, p, sample_weight=w):.4f}", file=sys.stderr)
    coef = dict(zip([p for p, c in zip(PARAMS, COLS) if c in used], m.coef_[0]))
    coef["b0"] = m.intercept_[0]
    print(",".join(f"{k}={v:.3f}" for k, v in coef.items()))


if __name__ == "__main__":
    main()
