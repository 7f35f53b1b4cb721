#!/usr/bin/env bash
# Responsiveness of the explorer page (graph.html) in Debian's Chromium, headless
# (BENCHMARKS.md, "The explorer page").
#
#   benches/explorer.sh            # the seeds, and generated corpora of 10 and 100 MB
#   benches/explorer.sh 10 40      # the seeds and corpora of the sizes given (MB)
#
# Each corpus is generated with `cargo run --release --example gen_corpus -- --size-mb N
# --out DIR --seed $SEED` (the generator of benches/e2e.sh: 100 MB gives about 5,400 entities
# and 50,000 relations), built with `newsgraph build DIR -o OUT -q --format html,json`, and
# benches/explorer.mjs opens each OUT/graph.html five times from a file URL: load to the first
# frame (median), then, once, a filter, pan and zoom frames, a click to the evidence panel, a
# search, and every relation drawn. The seeds' page is the baseline of the same run.
# Corpora and pages are kept in $NEWSGRAPH_BENCH_DIR (default /tmp/newsgraph-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${NEWSGRAPH_BENCH_DIR:-/tmp/newsgraph-bench}
SEED=${SEED:-42}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10 100)
mkdir -p "$ROOT"

cargo build --release --quiet --bin newsgraph --example gen_corpus
BIN=target/release/newsgraph
GEN=target/release/examples/gen_corpus
[[ -d tests/browser/node_modules/playwright-core ]] || (cd tests/browser && npm ci --no-audit --no-fund)

dirs=("$ROOT/explorer-seeds")
"$BIN" build seeds -q -o "$ROOT/explorer-seeds" --format html,json
for mb in "${SIZES[@]}"; do
    corpus="$ROOT/explorer-corpus-${mb}mb-s$SEED"
    [[ -d $corpus ]] || "$GEN" --size-mb "$mb" --out "$corpus" --seed "$SEED"
    "$BIN" build "$corpus" -q -o "$ROOT/explorer-${mb}mb" --format html,json
    dirs+=("$ROOT/explorer-${mb}mb")
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(chromium --version 2>/dev/null)"
node benches/explorer.mjs "${dirs[@]}"
