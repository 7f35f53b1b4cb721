//! Throughput of each pipeline stage on a generated corpus (see `benches/corpus/mod.rs`).
//!
//! `cargo bench --bench stages` — corpus size from `NEWSGRAPH_BENCH_MB` (default 2 MB).
//! Every stage reports bytes of article text per second (criterion `Throughput::Bytes`).
//! `lexicon` is the part of `mentions` that reads each sentence's tokens in the lexicon.
//! All stages but `pipeline_build` run on one thread; `pipeline_build` uses rayon's pool.

mod corpus;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use newsgraph::stages::{extract, resolve, segment, Document, Lexed, Recognizer};
use newsgraph::{Pipeline, Schema};

fn corpus_mb(var: &str, default: f64) -> f64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn stages(c: &mut Criterion) {
    let schema = Schema::builtin().expect("the built-in schema loads");
    let mb = corpus_mb("NEWSGRAPH_BENCH_MB", 2.0);
    let gen = corpus::Corpus::new("schema", corpus::DEFAULT_SEED).expect("corpus generator");
    let docs = gen.generate((mb * 1e6) as u64);
    let bytes: u64 = docs.iter().map(|(_, t)| t.len() as u64).sum();
    eprintln!("stages: corpus of {} documents, {bytes} bytes", docs.len());

    let recognizer = Recognizer::new(&schema);
    let pipeline = Pipeline::new(&schema);
    let documents: Vec<Document> = docs
        .iter()
        .map(|(id, t)| Document::new(id.as_str(), t, &schema))
        .collect();
    let segmented: Vec<_> = documents
        .iter()
        .map(|d| segment(&d.text, &schema.abbreviations))
        .collect();
    let analyzed: Vec<_> = documents
        .iter()
        .cloned()
        .map(|d| recognizer.analyze(d))
        .collect();
    let resolved: Vec<_> = analyzed
        .iter()
        .cloned()
        .map(|a| resolve(a, &schema))
        .collect();
    let extractions = pipeline.extract_all(&docs);

    let mut g = c.benchmark_group("stage");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Bytes(bytes));

    g.bench_function("ingest (Document::new)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(id, t)| Document::new(id.as_str(), black_box(t), &schema))
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            documents
                .iter()
                .map(|d| segment(black_box(&d.text), &schema.abbreviations))
                .collect::<Vec<_>>()
        })
    });
    // The lexicon's reading of every sentence, once per sentence as the mention stage reads
    // it (part of `mentions`): each token folded and looked up in the schema's lexemes.
    g.bench_function("lexicon (Lexed::new)", |b| {
        b.iter(|| {
            documents
                .iter()
                .zip(&segmented)
                .flat_map(|(d, sentences)| {
                    sentences.iter().map(|s| {
                        // Dropped at once, as the mention stage drops each sentence's.
                        Lexed::new(black_box(&d.text), &s.tokens, &schema)
                            .lexemes()
                            .len()
                    })
                })
                .sum::<usize>()
        })
    });
    g.bench_function("mentions (Recognizer::analyze)", |b| {
        b.iter_batched(
            || documents.clone(),
            |ds| {
                ds.into_iter()
                    .map(|d| recognizer.analyze(d))
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("resolve", |b| {
        b.iter_batched(
            || analyzed.clone(),
            |v| {
                v.into_iter()
                    .map(|a| resolve(a, &schema))
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("relations (extract)", |b| {
        b.iter(|| {
            resolved
                .iter()
                .map(|r| extract(black_box(r), &schema))
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("graph (Merger)", |b| {
        b.iter_batched(
            || extractions.clone(),
            |xs| {
                let mut m = pipeline.merger();
                for x in xs {
                    m.add(x).expect("evidence in memory");
                }
                m.finish().expect("evidence in memory")
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("Pipeline::extract (1 thread)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(id, t)| pipeline.extract(id, black_box(t)))
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("Pipeline::build (rayon)", |b| {
        b.iter(|| pipeline.build(black_box(&docs)))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
