//! Writes a deterministic benchmark corpus of news articles in the style of `seeds/`.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --size-mb 10 --out /tmp/corpus-10mb [--seed 42] [--schema schema]
//! ```
//!
//! N MB means N × 1,000,000 bytes of article text (the last file crosses the line). Files are
//! `DIR/<index>_<hash>.txt`, 3–10 KB each. Same arguments (and the same `schema/`) ⇒
//! byte-identical files. The generator itself is `benches/corpus/mod.rs`, shared with the
//! criterion benches; see BENCHMARKS.md.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

fn usage() -> ExitCode {
    eprintln!("usage: gen_corpus --size-mb N --out DIR [--seed S] [--schema DIR]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut size_mb: Option<f64> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = corpus::DEFAULT_SEED;
    let mut schema = PathBuf::from("schema");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next();
        match a.as_str() {
            "--size-mb" => match value().and_then(|v| v.parse().ok()) {
                Some(v) => size_mb = Some(v),
                None => return usage(),
            },
            "--out" => match value() {
                Some(v) => out = Some(PathBuf::from(v)),
                None => return usage(),
            },
            "--seed" => match value().and_then(|v| v.parse().ok()) {
                Some(v) => seed = v,
                None => return usage(),
            },
            "--schema" => match value() {
                Some(v) => schema = PathBuf::from(v),
                None => return usage(),
            },
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ => return usage(),
        }
    }
    let (Some(size_mb), Some(out)) = (size_mb, out) else {
        return usage();
    };
    let started = Instant::now();
    let corpus = match corpus::Corpus::new(&schema, seed) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            return ExitCode::from(1);
        }
    };
    let bytes = (size_mb * 1_000_000.0) as u64;
    let result = corpus.write_dir(&out, bytes, |range| {
        range.into_par_iter().map(|i| corpus.document(i)).collect()
    });
    match result {
        Ok((docs, total)) => {
            eprintln!(
                "gen_corpus: {docs} documents, {total} bytes in {} (seed {seed}), {:.1}s",
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
