#!/usr/bin/env bash
# A sharded build on an engine users already have: GNU parallel (Debian package `parallel`).
#
#   benches/shards.sh CORPUS_DIR [SHARDS] [JOBS]
#
# The corpus's .txt files, in name order (the order `newsgraph build CORPUS_DIR` reads them),
# are cut into SHARDS contiguous parts (default 4); each part becomes a folder of symbolic
# links, and GNU parallel runs `newsgraph build PART --shard --format nquads -o PART.out` on
# JOBS of them at once (default: nproc), each on one thread (RAYON_NUM_THREADS=1). Then
# `newsgraph merge` joins the shards, in order, into the six exports, which are compared byte
# for byte with a single `newsgraph build CORPUS_DIR` (timed too). The same recipe runs on
# several machines with `parallel --sshlogin` (plus `--transferfile`/`--return` for the part
# folders and the shard outputs): only the merge needs every shard.
#
# Prints the seconds of the single run, of the sharded builds and of the merge. Work files go
# to $NEWSGRAPH_BENCH_DIR/shards (default /tmp/newsgraph-bench/shards), removed at the end
# unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:?usage: benches/shards.sh CORPUS_DIR [SHARDS] [JOBS]}
SHARDS=${2:-4}
JOBS=${3:-$(nproc)}
BIN=$(realpath "${NEWSGRAPH_BIN:-target/release/newsgraph}")
WORK=${NEWSGRAPH_BENCH_DIR:-/tmp/newsgraph-bench}/shards
command -v parallel >/dev/null || { echo "shards.sh: GNU parallel is missing (apt-get install parallel)" >&2; exit 1; }
[ -x "$BIN" ] || cargo build --release --bin newsgraph
rm -rf "$WORK"
mkdir -p "$WORK"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

find "$(realpath "$CORPUS")" -maxdepth 1 -name '*.txt' | LC_ALL=C sort > "$WORK/files"
split -n "l/$SHARDS" -d -a 3 "$WORK/files" "$WORK/part-"
for list in "$WORK"/part-???; do
    mkdir "$list.in"
    xargs -a "$list" ln -s -t "$list.in"
done

seconds() { local t0=$EPOCHREALTIME; "$@"; awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}'; }
single=$(seconds "$BIN" build "$CORPUS" -q -o "$WORK/single")
sharded=$(seconds parallel -j "$JOBS" --halt now,fail=1 \
    "RAYON_NUM_THREADS=1 $BIN build {} -q --shard --format nquads -o {.}.out" ::: "$WORK"/part-???.in)
merged=$(seconds "$BIN" merge "$WORK"/part-???.out -q -o "$WORK/merged")
same=yes
for f in "$WORK"/single/graph.*; do
    cmp -s "$f" "$WORK/merged/$(basename "$f")" || { same=no; echo "shards.sh: $(basename "$f") differs" >&2; }
done
docs=$(wc -l < "$WORK/files")
shard_mb=$(du -cb "$WORK"/part-???.out/shard.jsonl | tail -1 | awk '{printf "%.0f", $1 / 1e6}')
echo "corpus=$CORPUS documents=$docs shards=$SHARDS jobs=$JOBS single_s=$single sharded_s=$sharded merge_s=$merged shard_files_MB=$shard_mb identical=$same"
[ "$same" = yes ]
