#!/usr/bin/python3
"""tune.py — coordinate descent over story parameters on development stores,
maximising the mean B-cubed F1 (storybench runs; articles loaded once per
call). Usage: tune.py BUILD DB:GOLD [DB:GOLD ...]. Development data only:
never pass a test seed's store. Prints each improvement and the final spec."""
import subprocess
import sys

BUILD, SETS = sys.argv[1], [a.split(":") for a in sys.argv[2:]]
GRID = {
    "threshold": [0.15, 0.2, 0.25, 0.3, 0.35, 0.45, 0.55],
    "b0": [-6, -5, -4.2, -3.5, -2.8, -2.1, -1.4],
    "b_text": [6, 9, 12.7, 16, 20, 25],
    "b_ent": [2, 3.5, 4.8, 6.5, 9, 12],
    "b_title": [0, 0.7, 1.5, 3],
    "b_gap": [-4, -3.2, -2.5, -1.9, -1.3],
    "b_xling": [0, 0.8, 1.7, 2.5],
    "b_size": [-1, -0.48, 0, 0.3],
    "lead_boost": [0.5, 1, 2],
}


def score(specs):
    tot = [0.0] * len(specs)
    for db, gold in SETS:
        out = subprocess.run([f"{BUILD}/storybench", "--db", db, "--gold", gold] + specs,
                             capture_output=True, text=True, check=True).stdout
        rows = [l for l in out.splitlines()[1:] if "|" in l]
        for i, r in enumerate(rows):
            tot[i] += float(r.split("|")[1].split()[2]) / len(SETS)
    return tot


cur = {}
spec = lambda d: ",".join(f"{k}={v}" for k, v in d.items())
best = score([spec(cur)])[0]
print(f"start {best:.4f}", flush=True)
for rnd in range(2):
    for k, vals in GRID.items():
        cands = [dict(cur, **{k: v}) for v in vals]
        sc = score([spec(c) for c in cands])
        i = max(range(len(sc)), key=lambda j: sc[j])
        if sc[i] > best + 1e-4:
            best, cur = sc[i], cands[i]
            print(f"{best:.4f} {spec(cur)}", flush=True)
print("final", spec(cur), f"{best:.4f}")
