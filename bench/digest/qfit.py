#!/usr/bin/env python3
"""qfit.py — fits the digest's sentence quality model on DUC 2003 (only).

The summary (src/digest/summary.c) values a sentence by the concept weight it
adds plus, mixed in with weight q_mix, a learned quality: a ridge regression
of the sentence's ROUGE-1 precision against the four reference summaries of
its docset (the share of its stemmed words the references use) on features
the digest computes (dg_quality_features: position, length, copies,
centrality, concept density, content share, figures, capitalised words,
quotes, article rank), computed by bench/digest/qfeat.c (built here against
BUILD's libstoryline.a).

  python3 bench/digest/qfit.py cv  [BUILD]   5-fold cross-validation by docset:
        coefficients fit on 24 docsets, summaries of the 6 others written with
        them for every q_mix of the grid; ROUGE of the 30 held-out summaries
        per q_mix, paired with q_mix 0 (the digest without the model)
  python3 bench/digest/qfit.py fit [BUILD]   coefficients fit on all 30
        docsets, printed as the C array of summary.c

Pure Python (no numpy): the normal equations are small (DG_QF unknowns).
Needs ../shared/data/duc2003-task2 and bench/out/digest/duc2003/jsonl (made by
`sh bench/digest/run.sh duc`). DUC 2004 is never read here. Outputs (the
held-out summaries of every q_mix) go to bench/out/digest/qfit/.
Knobs (environment): QFIT_GRID "0 0.25 0.5 1 2 4" (q_mix values), QFIT_RIDGE 1,
QFIT_R2 0 (weight of ROUGE-2 precision in the target), QFIT_ARGS (more qfeat
options, e.g. "--pos 0"), QFIT_TAG (suffix of the output folders).
"""
import os
import subprocess
import sys

DATA = os.environ.get("SHARED", "../shared") + "/data/duc2003-task2"
JSONL = "bench/out/digest/duc2003/jsonl"
OUT = "bench/out/digest/qfit"
RIDGE = float(os.environ.get("QFIT_RIDGE", "1.0"))
TARGET_R2 = float(os.environ.get("QFIT_R2", "0"))  # weight of ROUGE-2 precision in the target
GRID = [float(x) for x in os.environ.get("QFIT_GRID", "0 0.25 0.5 1 2 4").split()]
EXTRA = os.environ.get("QFIT_ARGS", "").split()  # e.g. "--pos 0"
FOLDS = 5
BUILD = "build"
CFLAGS_PKGS = ("libutf8proc sqlite3 jansson zlib libxxhash libexttextcat libxml-2.0 "
               "libcurl libmicrohttpd")


def sh(cmd):
    return subprocess.run(cmd, shell=True, check=True, capture_output=True, text=True).stdout


def build_tool(build):
    sh(f"make -s BUILD={build} {build}/libstoryline.a")
    sh(f"cc -std=c17 -O2 -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags {CFLAGS_PKGS}) "
       f"-o {build}/qfeat bench/digest/qfeat.c {build}/libstoryline.a "
       f"$(pkg-config --libs {CFLAGS_PKGS}) -lstemmer -lm -lpthread")
    return f"{build}/qfeat"


def files():
    return sorted(os.path.join(JSONL, f) for f in os.listdir(JSONL) if f.endswith(".jsonl"))


def topic(path):
    t = os.path.basename(path).split(".")[0]
    return t[:-1] if t.endswith("t") else t


def load(tool, paths):
    """Sentence rows: (topic, features, target) for every eligible sentence."""
    out = sh(f"{tool} dump {DATA}/models " + " ".join(paths))
    rows = []
    for line in out.splitlines():
        f = line.split("\t")
        p1 = float(f[3]) / max(1.0, float(f[4]))
        p2 = float(f[5]) / max(1.0, float(f[6]))
        x = [float(v) for v in f[7:-1]]
        rows.append((f[0], x, p1 + TARGET_R2 * p2))
    return rows


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c] != 0:
                k = m[r][c] / m[c][c]
                for j in range(c, n + 1):
                    m[r][j] -= k * m[c][j]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


def ridge(rows):
    """Least squares with an L2 penalty on every coefficient but the intercept
    (features used as computed: all lie within about 0..2)."""
    k = len(rows[0][1])
    a = [[0.0] * k for _ in range(k)]
    b = [0.0] * k
    for _, x, y in rows:
        for i in range(k):
            b[i] += x[i] * y
            for j in range(k):
                a[i][j] += x[i] * x[j]
    for i in range(1, k):
        a[i][i] += RIDGE
    return solve(a, b)


def rouge_table(d):
    out = sh(f"{BUILD}/storyline eval summaries --peers {d} --models {DATA}/models")
    return out.strip().splitlines()[-1]


def per_topic(d):
    out = sh(f"{BUILD}/storyline eval summaries --peers {d} --models {DATA}/models "
             "--per-topic")
    r1 = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 6 and f[2] == "R-1" and f[4] == "R-2":
            r1[f[1]] = float(f[3])
    return r1


def coef_arg(coef):
    return ",".join(f"{c:.6g}" for c in coef)


def cv(tool, grid):
    """Per fold, the model is fit on the other folds' sentences and the fold's
    summaries written with it for every q_mix of the grid."""
    paths = files()
    topics = sorted({topic(p) for p in paths})
    fold = {t: i % FOLDS for i, t in enumerate(topics)}
    rows = load(tool, paths)
    dirs = {}
    for qm in grid:
        d = f"{OUT}/cv-q{qm:g}{os.environ.get('QFIT_TAG', '')}"
        sh(f"rm -rf {d} && mkdir -p {d}")
        dirs[qm] = d
    for k in range(FOLDS):
        held = [p for p in paths if fold[topic(p)] == k]
        coef = coef_arg(ridge([r for r in rows if fold[r[0]] != k]))
        for qm in grid:
            sh(f"{tool} summarize {dirs[qm]} cv --fill --mix {qm:g} --coef {coef} "
               + " ".join(EXTRA) + " " + " ".join(held))
    base = per_topic(dirs[grid[0]])
    for qm in grid:
        pt = per_topic(dirs[qm])
        d = [pt[t] - base[t] for t in base if t in pt]
        n = len(d)
        m = sum(d) / n
        se = (sum((x - m) ** 2 for x in d) / (n - 1) / n) ** 0.5 if n > 1 else 0
        up = sum(x > 5e-6 for x in d)
        down = sum(x < -5e-6 for x in d)
        print(f"q_mix {qm:<5g} {rouge_table(dirs[qm])}   "
              f"dR-1 {100 * m:+.2f} ± {100 * se:.2f} ({up} up, {down} down)")


def fit(tool):
    """The model on all 30 docsets, printed as the C array of summary.c."""
    rows = load(tool, files())
    coef = ridge(rows)
    print(f"/* {len(rows)} sentences of 30 DUC 2003 docsets; ridge {RIDGE:g}, "
          f"target ROUGE-1 precision + {TARGET_R2:g} x ROUGE-2 precision */")
    print("static const double q_coef_shipped[DG_QF] = {")
    print("    " + ", ".join(f"{c:.5f}" for c in coef) + "};")


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("cv", "fit"):
        sys.exit(__doc__)
    global BUILD
    BUILD = build = sys.argv[2] if len(sys.argv) > 2 else "build"
    tool = build_tool(build)
    os.makedirs(OUT, exist_ok=True)
    if sys.argv[1] == "cv":
        cv(tool, GRID)
    else:
        fit(tool)


if __name__ == "__main__":
    main()
