#!/usr/bin/env bash
# End-to-end benchmark of `newsgraph build` on generated corpora (BENCHMARKS.md).
#
#   benches/e2e.sh            # 10 MB and 100 MB
#   benches/e2e.sh 10 100 1000   # ... and 1 GB (needs ~1 GB for the corpus plus the exports)
#
# For each size N (in MB of article text, 1 MB = 10^6 bytes) it generates the corpus once with
# `cargo run --release --example gen_corpus -- --size-mb N --out DIR --seed $SEED` (cached in
# $NEWSGRAPH_BENCH_DIR, default /tmp/newsgraph-bench, keyed by the generator's source, the
# schema and the seed), runs `/usr/bin/time -v target/release/newsgraph build DIR -o OUT -q`
# (all six formats), and prints MB/s, documents/s, peak RSS and seconds per MB. Results are
# appended to $NEWSGRAPH_BENCH_DIR/e2e.tsv. The corpus is read from the page cache (it was
# just written or read); set COLD=1 to drop the caches first (root only). TIMEOUT=SECONDS stops a
# run that takes longer (its row then says "timeout" and the peak RSS reached so far). The
# load average before each run is recorded: other work on the machine skews wall-clock figures,
# so CPU seconds (user+sys) are printed too. FORMATS=LIST (e.g. json,graphml,gexf,dot) writes
# only those formats (`--format LIST`), for a corpus whose six exports would not fit on the disk.
# The evidence spill goes to TMPDIR (default /tmp) while a run lasts: about 0.7x the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=${NEWSGRAPH_BENCH_DIR:-/tmp/newsgraph-bench}
SEED=${SEED:-42}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(10 100)
mkdir -p "$ROOT"

cargo build --release --quiet --bin newsgraph --example gen_corpus 2>/dev/null || cargo build --release --bin newsgraph --example gen_corpus
BIN=${NEWSGRAPH_BIN:-target/release/newsgraph}   # NEWSGRAPH_BIN: measure another build
GEN=target/release/examples/gen_corpus
KEY=$(cat benches/corpus/mod.rs examples/gen_corpus.rs schema/states.tsv schema/offices.tsv schema/organizations.tsv \
      schema/groups.tsv schema/places.tsv schema/lexicon.tsv | sha256sum | cut -c1-12)

printf '%-8s %8s %10s %9s %10s %9s %10s %9s %9s %s\n' size docs bytes wall_s MB/s docs/s peakRSS_MiB s/MB user_s graph
for mb in "${SIZES[@]}"; do
    dir="$ROOT/corpus-${mb}mb-s$SEED"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$KEY" ]; then
        rm -rf "$dir"
        # corpus + exports + evidence spill, in KiB: the six exports are ~11x the input,
        # JSON, GraphML, GEXF and DOT together ~2.5x, the spill ~0.7x.
        factor=13
        [ -n "${FORMATS:-}" ] && factor=4
        need=$(( mb * 1000000 * factor / 1024 ))
        avail=$(df -Pk "$ROOT" | awk 'NR==2 {print $4}')
        if [ "$avail" -lt "$need" ]; then echo "e2e: not enough disk in $ROOT for $mb MB (need ${need} KiB)" >&2; exit 1; fi
        "$GEN" --size-mb "$mb" --out "$dir" --seed "$SEED"
        echo "$KEY" > "$dir/.stamp"
    fi
    docs=$(find "$dir" -maxdepth 1 -name '*.txt' | wc -l)
    bytes=$(find "$dir" -maxdepth 1 -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
    out="$ROOT/out-${mb}mb"
    rm -rf "$out"
    if [ "${COLD:-0}" = 1 ]; then sync; echo 3 > /proc/sys/vm/drop_caches; fi
    log="$ROOT/time-${mb}mb.log"
    load=$(cut -d' ' -f1 /proc/loadavg)
    status=ok
    formats=()
    [ -n "${FORMATS:-}" ] && formats=(--format "$FORMATS")
    if [ -n "${TIMEOUT:-}" ]; then
        /usr/bin/time -v timeout "$TIMEOUT" "$BIN" build "$dir" -o "$out" -q "${formats[@]}" 2> "$log" || status=timeout
    else
        /usr/bin/time -v "$BIN" build "$dir" -o "$out" -q "${formats[@]}" 2> "$log"
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
    user=$(awk -F': ' '/User time/ {print $2}' "$log")
    sys=$(awk -F': ' '/System time/ {print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
    nodes=$(grep -c '<node ' "$out/graph.graphml" 2>/dev/null || true)
    edges=$(grep -c '<edge ' "$out/graph.graphml" 2>/dev/null || true)
    outsize=$(du -sb "$out" 2>/dev/null | cut -f1 || true)
    read -r mbs dps spm <<<"$(awk -v b="$bytes" -v d="$docs" -v w="$wall" 'BEGIN {printf "%.2f %.0f %.4f", b/1e6/w, d/w, w/(b/1e6)}')"
    ratio=$(awk -v o="${outsize:-0}" -v b="$bytes" 'BEGIN {printf "%.2f", o / b}')
    graph="${nodes}n/${edges}e out=$((${outsize:-0} / 1000000))MB (${ratio}x) formats=${FORMATS:-all} load=$load $status"
    printf '%-8s %8s %10s %9s %10s %9s %10s %9s %9s %s\n' "${mb}MB" "$docs" "$bytes" "$wall" "$mbs" "$dps" "$rss" "$spm" "$user+$sys" "$graph"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$(git rev-parse --short HEAD)" "$mb" "$docs" "$bytes" \
        "$wall" "$mbs" "$dps" "$rss" "$spm" "$user" "$sys" "$nodes" "$edges" "$load" "$status" "${FORMATS:-all}" >> "$ROOT/e2e.tsv"
    [ "${KEEP_OUT:-0}" = 1 ] || rm -rf "$out"
done
