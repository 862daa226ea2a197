#!/usr/bin/python3
"""tune.py — coordinate descent over story parameters on development stores,
maximising the mean B-cubed F1 (storybench runs, one process per store in
parallel; articles loaded once per call).

    tune.py BUILD [--start SPEC] [--rounds N] [--only p1,p2] DB:GOLD [DB:GOLD ...]

Development data only: never pass a test seed's store. Prints each
improvement and the final spec."""
import subprocess
import sys

GRID = {
    "threshold": [0.35, 0.45, 0.55, 0.65, 0.75],
    "b0": [-4.2, -3.5, -2.8, -2.1, -1.4, -0.7],
    "b_text": [9, 12.7, 16, 20, 25],
    "b_ent": [3.5, 6.5, 9, 12, 15],
    "b_title": [0, 0.7, 1.5, 3],
    "b_gap": [-3.2, -2.5, -1.9, -1.3],
    "b_xling": [0.8, 1.7, 2.5],
    "b_size": [-1.5, -1, -0.48, 0],
    "b_names": [-6, -4, -2],
    "b_textc": [0, 2, 4, 6],
    "b_entc": [0, 2, 4, 6],
    "b_rare": [0, 1, 2, 4, 6],
    "merge_online": [2, 0.3, 0.5, 0.7, 0.9],
    "merge_seed": [0.2, 0.3, 0.4, 0.5],
    "merge_names": [0, 0.1, 0.2, 0.3],
    "merge_rare": [0, 0.7, 0.75, 0.8, 0.85],
}


def parse(argv):
    build, start, rounds, only, sets = argv[0], {}, 2, None, []
    i = 1
    while i < len(argv):
        if argv[i] == "--start":
            start = dict(kv.split("=") for kv in argv[i + 1].split(",") if kv)
            i += 2
        elif argv[i] == "--rounds":
            rounds = int(argv[i + 1])
            i += 2
        elif argv[i] == "--only":
            only = argv[i + 1].split(",")
            i += 2
        else:
            sets.append(argv[i].split(":"))
            i += 1
    return build, start, rounds, only, sets


BUILD, START, ROUNDS, ONLY, SETS = parse(sys.argv[1:])


def score(specs):
    procs = [subprocess.Popen([f"{BUILD}/storybench", "--db", db, "--gold", gold] + specs,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
             for db, gold in SETS]
    tot = [0.0] * len(specs)
    for p in procs:
        out = p.communicate()[0]
        rows = [l for l in out.splitlines()[1:] if "|" in l]
        for i, r in enumerate(rows):
            tot[i] += float(r.split("|")[1].split()[2]) / len(SETS)
    return tot


def spec(d):
    return ",".join(f"{k}={v}" for k, v in d.items())


cur = dict(START)
best = score([spec(cur)])[0]
print(f"start {best:.4f} {spec(cur)}", flush=True)
for rnd in range(ROUNDS):
    for k, vals in GRID.items():
        if ONLY and k not in ONLY:
            continue
        cands = [dict(cur, **{k: v}) for v in vals]
        sc = score([spec(c) for c in cands])
        i = max(range(len(sc)), key=lambda j: sc[j])
        if sc[i] > best + 1e-4:
            best, cur = sc[i], cands[i]
            print(f"{best:.4f} {spec(cur)}", flush=True)
print("final", spec(cur), f"{best:.4f}")
