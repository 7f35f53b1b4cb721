#!/usr/bin/env bash
# "No loss" check (BENCHMARKS.md): a corpus made of seeds/*.txt repeated K times (copies under
# other names) must give exactly the graph of seeds/ — same nodes, same edges — with K times
# the evidence (edge weights, evidence records and entity mention counts multiplied by K).
#
#   benches/noloss.sh [K]     # default K=20; exit 1 on any difference
set -euo pipefail
cd "$(dirname "$0")/.."
K=${1:-20}
BIN=${NEWSGRAPH_BIN:-target/release/newsgraph}
[ -n "${NEWSGRAPH_BIN:-}" ] || cargo build --release --quiet --bin newsgraph 2>/dev/null || cargo build --release --bin newsgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rep"
for ((r = 0; r < K; r++)); do
    for f in seeds/*.txt; do cp "$f" "$work/rep/$(printf 'r%03d' "$r")_$(basename "$f")"; done
done
"$BIN" build seeds -o "$work/one" --format json -q
"$BIN" build "$work/rep" -o "$work/many" --format json -q
python3 - "$work/one/graph.json" "$work/many/graph.json" "$K" <<'PY'
import json, sys
one, many, k = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
def nodes(g): return {n["id"]: n for n in g["nodes"]}
def edges(g): return {(e["source"], e["target"], e["relation"], e.get("key")): e for e in g["edges"]}
n1, nk, e1, ek = nodes(one), nodes(many), edges(one), edges(many)
problems = []
if set(n1) != set(nk):
    problems.append(f"nodes differ: only in seeds {sorted(set(n1) - set(nk))}, only in repeated {sorted(set(nk) - set(n1))}")
for i in set(n1) & set(nk):
    a, b = n1[i], nk[i]
    for f in ("label", "type"):
        if a.get(f) != b.get(f):
            problems.append(f"node {i}: {f} {a.get(f)!r} != {b.get(f)!r}")
    if "mentions" in a and b.get("mentions") != k * a["mentions"]:
        problems.append(f"node {i}: mentions {b.get('mentions')} != {k} x {a['mentions']}")
if set(e1) != set(ek):
    problems.append(f"edges differ: only in seeds {sorted(set(e1) - set(ek))}, only in repeated {sorted(set(ek) - set(e1))}")
w1 = wk = 0
for key in set(e1) & set(ek):
    a, b = e1[key], ek[key]
    w1 += a["weight"]; wk += b["weight"]
    if b["weight"] != k * a["weight"]:
        problems.append(f"edge {key}: weight {b['weight']} != {k} x {a['weight']}")
    if len(b["evidence"]) != k * len(a["evidence"]):
        problems.append(f"edge {key}: {len(b['evidence'])} evidence records != {k} x {len(a['evidence'])}")
print(f"noloss: K={k}; seeds: {len(n1)} nodes, {len(e1)} edges, weight {w1}; "
      f"repeated: {len(nk)} nodes, {len(ek)} edges, weight {wk} (= {wk / max(w1, 1):g} x)")
for p in problems[:20]:
    print("  " + p)
print("noloss: " + ("OK" if not problems else f"FAILED ({len(problems)} differences)"))
sys.exit(1 if problems else 0)
PY
