//! Linear time in every input (issue 10): one document of N short sentences, at two sizes 8×
//! apart, for the three shapes that were quadratic — many sentences supporting one edge, many
//! distinct entity names, many officials with their titles.
//!
//! `cargo bench --bench scale` — each case reports its time at N and 8N; BENCHMARKS.md holds
//! the ratios (≤ 10× is linear up to the constant costs).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use newsgraph::{Pipeline, Schema};

/// A coined, capitalised word for `i`: distinct for distinct `i` below 16^`syllables`.
fn coined(mut i: usize, syllables: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "ri", "mo", "ta", "lu", "ve", "zo", "ni", "pa", "se", "do", "ga", "hu", "be", "fi",
        "jo",
    ];
    let mut word = String::new();
    for _ in 0..syllables {
        word.push_str(SYLLABLES[i % 16]);
        i /= 16;
    }
    let mut chars = word.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    first.into_iter().chain(chars).collect()
}

/// A document of `n` sentences of one shape, on one line.
fn document(shape: &str, n: usize) -> String {
    match shape {
        "one edge" => "Iran struck Pakistan and China mediated. ".repeat(n),
        "distinct names" => (0..n)
            .map(|i| format!("The militant group {} Front struck Iran. ", coined(i, 5)))
            .collect(),
        _ => (0..n)
            .map(|i| {
                let (given, surname) = (coined(i, 2), coined(i / 7 + 3, 3));
                format!("Iranian Foreign Minister {given} {surname} condemned Pakistan. ")
            })
            .collect(),
    }
}

fn scale(c: &mut Criterion) {
    let schema = Schema::load("schema").expect("schema/ loads (run from the crate root)");
    let pipeline = Pipeline::new(&schema);
    let mut g = c.benchmark_group("one document");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    let cases = [
        ("one edge", [5_000, 40_000]),
        ("distinct names", [12_500, 100_000]),
        ("officials", [12_500, 100_000]),
    ];
    for (shape, sizes) in cases {
        for n in sizes {
            let docs = [("doc".to_owned(), document(shape, n))];
            g.bench_with_input(BenchmarkId::new(shape, n), &docs, |b, docs| {
                b.iter(|| pipeline.build(black_box(docs)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
