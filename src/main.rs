//! The `newsgraph` command: argument parsing and error reporting; the work is in the library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::export::{write_graph, Format};
use newsgraph::{
    list_sources, write_exports, Error, KnowledgeGraph, Pipeline, Schema, Source, Warning,
};

#[derive(Parser, Debug)]
#[command(
    name = "newsgraph",
    version,
    about = "News articles about a geopolitical crisis in, a knowledge graph out"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the graph of a corpus and write its exports (the default command).
    Build(BuildArgs),
    /// Build the graph and score it against gold annotations.
    Eval(EvalArgs),
}

#[derive(clap::Args, Debug, Clone)]
struct CommonArgs {
    /// Articles: .txt files, directories of them, or - for standard input.
    #[arg(default_value = "seeds")]
    inputs: Vec<PathBuf>,
    /// The schema directory (gazetteer, lexicon, ontology, shapes).
    #[arg(long, default_value = "schema")]
    schema: PathBuf,
    /// Fail (exit 1, nothing written) on any warning about the input.
    #[arg(long)]
    strict: bool,
    /// No progress or summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Output directory, or - for standard output (with a single format).
    #[arg(long, short, default_value = "out")]
    output: PathBuf,
    /// Formats to write, comma-separated: turtle, ntriples, graphml, gexf, dot, json.
    #[arg(long, value_delimiter = ',', default_values_t = Format::ALL.to_vec())]
    format: Vec<Format>,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    #[command(flatten)]
    common: CommonArgs,
    #[arg(long)]
    gold_entities: PathBuf,
    #[arg(long)]
    gold_relations: PathBuf,
    /// List every false positive and miss with its sentence.
    #[arg(long, short)]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // With no subcommand, `newsgraph` is `newsgraph build` with every default.
    let command = cli
        .command
        .or_else(|| Cli::parse_from(["newsgraph", "build"]).command)
        .expect("build parses");
    let result = match command {
        Command::Build(args) => build(args),
        Command::Eval(args) => eval(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph: error: {}", message(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes, each said once: the library's errors already end with their
/// source's message ("out/graph.json: Is a directory"), which `{:#}` would repeat.
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.ends_with(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || matches!(c.downcast_ref::<Error>(), Some(Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Reads the inputs and builds the graph; reports warnings and applies `--strict`.
fn graph_of(common: &CommonArgs) -> anyhow::Result<(KnowledgeGraph, usize, Vec<Warning>)> {
    let schema = Schema::load(&common.schema)?;
    let mut warnings = Vec::new();
    let sources = list_sources(&common.inputs, &mut warnings)?;
    let bar = progress_bar(&sources, common.quiet);
    let pipeline = Pipeline::new(&schema);
    let (graph, documents) =
        pipeline.build_streaming(&sources, &mut warnings, &|bytes| bar.inc(bytes))?;
    bar.finish_and_clear();
    if !common.quiet {
        for w in &warnings {
            eprintln!("{w}");
        }
    }
    if common.strict && !warnings.is_empty() {
        return Err(Error::Strict {
            count: warnings.len(),
        }
        .into());
    }
    Ok((graph, documents, warnings))
}

/// A progress bar over the input bytes on stderr; hidden with `--quiet`, when stderr is not a
/// terminal, and for small corpora that take no time.
fn progress_bar(sources: &[Source], quiet: bool) -> ProgressBar {
    let total: u64 = sources.iter().map(Source::len).sum();
    if quiet || total < 8 << 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {bytes}/{total_bytes} [{bar:40}] {bytes_per_sec}, {eta} left",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar
}

fn build(args: BuildArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let (graph, documents, warnings) = graph_of(&args.common)?;
    if args.output.as_os_str() == "-" {
        let [format] = args.format.as_slice() else {
            anyhow::bail!("-o - writes to standard output and needs exactly one --format");
        };
        // Named like a file, so a full disk reads "<stdout>: No space left on device".
        let stdout_error = |e| Error::io("<stdout>", e);
        let stdout = io::stdout().lock();
        let mut w =
            write_graph(&graph, *format, io::BufWriter::new(stdout)).map_err(stdout_error)?;
        w.flush().map_err(stdout_error)?;
    } else {
        write_exports(&graph, &args.format, &args.output)?;
    }
    if !args.common.quiet {
        let skipped = warnings.iter().filter(|w| w.skipped).count();
        summary(&graph, documents, skipped, warnings.len(), started);
    }
    Ok(())
}

fn summary(
    graph: &KnowledgeGraph,
    documents: usize,
    skipped: usize,
    warnings: usize,
    started: Instant,
) {
    let types: Vec<String> = graph
        .count_by_type()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    let relations: Vec<String> = graph
        .count_by_relation()
        .into_iter()
        .map(|(r, n)| format!("{n} {r}"))
        .collect();
    // Skipped files are only mentioned when there are some, so a clean run reads as before.
    let skipped = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    eprintln!(
        "newsgraph: {documents} documents{skipped}, {warnings} warnings, {:.2}s",
        started.elapsed().as_secs_f64()
    );
    eprintln!("  entities: {} ({})", graph.node_count(), types.join(", "));
    eprintln!(
        "  edges:    {} ({})",
        graph.edge_count(),
        relations.join(", ")
    );
}

fn eval(args: EvalArgs) -> anyhow::Result<()> {
    let (graph, _, _) = graph_of(&args.common)?;
    let gold = newsgraph::eval::Gold::load(&args.gold_entities, &args.gold_relations)?;
    let report = newsgraph::eval::score(&graph, &gold);
    print!("{}", report.render(args.verbose));
    Ok(())
}
