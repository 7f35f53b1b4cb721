//! Throughput of each exporter on the graph of a generated corpus (see `benches/corpus/mod.rs`).
//!
//! `cargo bench --bench export` — corpus size from `NEWSGRAPH_EXPORT_MB` (default 10 MB).
//! Each format is written through a `BufWriter` (as `newsgraph build` does) into `io::sink()`.
//! Turtle and N-Triples report triples per second (the triple count is the line count of the
//! N-Triples output); GraphML, GEXF, DOT and JSON report edges per second; the `bytes` group
//! reports output bytes per second for every format.

mod corpus;

use std::io::{self, BufWriter, Write};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use newsgraph::export::{write_graph, Format};
use newsgraph::{Pipeline, Schema};

fn export(c: &mut Criterion) {
    let schema = Schema::builtin().expect("the built-in schema loads");
    let mb: f64 = std::env::var("NEWSGRAPH_EXPORT_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10.0);
    let gen = corpus::Corpus::new("schema", corpus::DEFAULT_SEED).expect("corpus generator");
    let docs = gen.generate((mb * 1e6) as u64);
    let graph = Pipeline::new(&schema).build(&docs);
    let edges = graph.edge_count() as u64;
    let nt = write_graph(&graph, Format::NTriples, Vec::new()).expect("n-triples");
    let triples = nt.iter().filter(|&&b| b == b'\n').count() as u64;
    eprintln!(
        "export: {} documents, {} nodes, {edges} edges, {triples} triples",
        docs.len(),
        graph.node_count()
    );
    let mut sizes = Vec::new();
    for format in Format::ALL {
        let n = write_graph(&graph, format, Vec::new())
            .expect("export")
            .len() as u64;
        eprintln!("export: {} = {n} bytes", format.file_name());
        sizes.push((format, n));
    }

    let write = |format: Format| {
        let mut w = write_graph(&graph, format, BufWriter::new(io::sink())).expect("export");
        w.flush().expect("flush");
    };

    let mut g = c.benchmark_group("export");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for format in Format::ALL {
        let per = match format {
            Format::Turtle | Format::NTriples => triples,
            _ => edges,
        };
        g.throughput(Throughput::Elements(per));
        g.bench_function(format.name(), |b| b.iter(|| write(format)));
    }
    g.finish();

    let mut g = c.benchmark_group("export_bytes");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (format, n) in sizes {
        g.throughput(Throughput::Bytes(n));
        g.bench_function(format.name(), |b| b.iter(|| write(format)));
    }
    g.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
