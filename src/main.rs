//! The `newsgraph` command: argument parsing and error reporting; the work is in the library.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsgraph::export::{write_graph, Format};
use newsgraph::shard::{ShardFile, ShardReader, SHARD_FILE};
use newsgraph::{
    export_builtin_schema, list_sources, write_exports_reporting, Error, KnowledgeGraph, PassOver,
    Pipeline, Schema, Source, Warning,
};

// The stages allocate and free many small strings and vectors per sentence. jemalloc hands
// the block a thread freed last back first, still in the core's cache; mimalloc, used before,
// handed out a page's other blocks first, and most allocations then waited for memory: at
// 100 MB jemalloc took a tenth less CPU time and two fifths less memory.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// jemalloc's options, read before main (its `malloc_conf`). Each thread's cache of freed blocks
// gives some back to the shared arenas every 64 KiB allocated by default, which the stages,
// freeing and allocating small blocks all the time, then fetched back: every mebibyte, the
// run takes 1.2 % fewer instructions (callgrind, 10 MB corpus, every format).
#[cfg(not(target_env = "msvc"))]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8; 29] = b"tcache_gc_incr_bytes:1048576\0";

#[derive(Parser, Debug)]
#[command(
    name = "newsgraph",
    version,
    about = "News articles about a geopolitical crisis in, a knowledge graph out",
    after_help = "With no command, `newsgraph [INPUT...] [OPTIONS]` runs `newsgraph build`.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The arguments of `build`, when no command is named.
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the graph of a corpus and write its exports (the default command).
    Build(BuildArgs),
    /// Join shards (built with `build --shard`) into the exports one build over all their
    /// documents gives, byte for byte; shards are read in the order given, which must be the
    /// order of their inputs.
    Merge(MergeArgs),
    /// Build the graph and score it against gold annotations.
    Eval(EvalArgs),
    /// The schema compiled into newsgraph (gazetteer, lexicon, ontology, shapes).
    #[command(subcommand)]
    Schema(SchemaCommand),
}

#[derive(clap::Args, Debug, Clone)]
struct CommonArgs {
    /// Articles: files (.txt, .md, .json, .jsonl, .html), directories (searched recursively),
    /// or - for standard input [default: seeds]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    schema: SchemaArg,
    /// Fail (exit 1, nothing written) on any warning about the input.
    #[arg(long)]
    strict: bool,
    /// No progress or summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args, Debug, Clone)]
struct SchemaArg {
    /// A schema directory that replaces the built-in schema (start from `newsgraph schema
    /// export DIR`).
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,
}

impl SchemaArg {
    fn load(&self) -> newsgraph::Result<Schema> {
        match &self.schema {
            Some(dir) => Schema::load(dir),
            None => Schema::builtin(),
        }
    }
}

#[derive(clap::Args, Debug)]
struct OutputArgs {
    /// Output directory, or - for standard output (with a single format).
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    output: PathBuf,
    /// Formats to write, comma-separated: turtle, ntriples, graphml, gexf, dot, json, html,
    /// and on request nquads (one named graph per document).
    #[arg(long, value_delimiter = ',', default_values_t = Format::DEFAULT.to_vec(), value_name = "LIST")]
    format: Vec<Format>,
}

impl OutputArgs {
    /// Whether a format asked for draws the graph (so needs its layout).
    fn draws(&self) -> bool {
        self.format.iter().any(|f| f.draws())
    }
}

#[derive(clap::Args, Debug)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Also write DIR/shard.jsonl, every document's extraction, for `newsgraph merge`.
    #[arg(long)]
    shard: bool,
}

#[derive(clap::Args, Debug)]
struct MergeArgs {
    /// Shards: the output directories of `newsgraph build --shard` (or their shard.jsonl).
    #[arg(required = true, value_name = "SHARD")]
    shards: Vec<PathBuf>,
    #[command(flatten)]
    schema: SchemaArg,
    #[command(flatten)]
    out: OutputArgs,
    /// No summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// The gold entities: TSV of canonical name, type, aliases (|-separated) and status
    /// (required or optional), as tests/data/gold/seeds-entities.tsv.
    #[arg(long, value_name = "FILE")]
    gold_entities: PathBuf,
    /// The gold relations: TSV of document, subject, relation, object and status, as
    /// tests/data/gold/seeds-relations.tsv ("A|B" accepts either; optional rows count
    /// neither way).
    #[arg(long, value_name = "FILE")]
    gold_relations: PathBuf,
    /// List every false positive and miss with its sentence.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Subcommand, Debug)]
enum SchemaCommand {
    /// Write the built-in schema's files into DIR, to edit them and build with --schema DIR.
    Export {
        /// The directory to write (created if missing).
        dir: PathBuf,
        /// Overwrite schema files already in DIR.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let implicit_build = cli.command.is_none();
    let command = cli.command.unwrap_or(Command::Build(cli.build));
    if let Err(usage) = check_usage(&command, implicit_build) {
        usage.exit();
    }
    let result = match command {
        Command::Build(args) => build(args),
        Command::Merge(args) => merge(args),
        Command::Eval(args) => eval(args),
        Command::Schema(SchemaCommand::Export { dir, force }) => schema_export(&dir, force),
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

/// The usage errors clap cannot see, reported like clap's own (exit 2) before any work.
fn check_usage(command: &Command, implicit_build: bool) -> Result<(), clap::Error> {
    let usage = |kind, message: String| Cli::command().error(kind, message);
    let out = match command {
        Command::Build(args) => Some(&args.out),
        Command::Merge(args) => Some(&args.out),
        _ => None,
    };
    if let Some(out) = out {
        if out.output.as_os_str() == "-" && out.format.len() != 1 {
            return Err(usage(
                ErrorKind::ArgumentConflict,
                "-o - writes to standard output and needs exactly one --format".into(),
            ));
        }
    }
    if let Command::Build(args) = command {
        if args.shard && args.out.output.as_os_str() == "-" {
            return Err(usage(
                ErrorKind::ArgumentConflict,
                "--shard writes shard.jsonl into the output directory, not to standard output"
                    .into(),
            ));
        }
        // `newsgraph WORD` where WORD is neither a command nor a path is most likely a
        // mistyped command.
        if implicit_build {
            let missing = args
                .common
                .inputs
                .iter()
                .find(|p| p.as_os_str() != "-" && !p.exists());
            if let Some(word) = missing {
                return Err(usage(
                    ErrorKind::InvalidSubcommand,
                    format!(
                        "'{}' is neither a command (build, merge, eval, schema) nor a file or directory",
                        word.display()
                    ),
                ));
            }
        }
    }
    Ok(())
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

/// `n` and its noun, singular or plural: "1 document", "2 documents".
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// A built graph and what the run should report about it.
struct Built {
    graph: KnowledgeGraph,
    documents: usize,
    warnings: Vec<Warning>,
    /// Whether the corpus is large enough to show progress.
    large: bool,
}

/// The corpus read when no input is given: the seed articles of a checkout.
const DEFAULT_INPUT: &str = "seeds";

/// Reads the inputs (passing over the output directory `output`, and newsgraph's exports and
/// shard files wherever they lie) and builds the graph; reports warnings and applies
/// `--strict`. With `shard`, every document's extraction also goes to that shard file. A graph
/// to be `drawn` has its layout started early (see [`newsgraph::Merger::drawing`]).
fn graph_of(
    schema: &Schema,
    common: &CommonArgs,
    output: Option<&Path>,
    mut shard: Option<&mut ShardFile>,
    drawn: bool,
) -> anyhow::Result<Built> {
    let pass_over = PassOver {
        dirs: output.into_iter().map(Path::to_path_buf).collect(),
        file_names: Format::ALL
            .iter()
            .map(|f| f.file_name())
            .chain([SHARD_FILE])
            .map(String::from)
            .collect(),
    };
    let default = [PathBuf::from(DEFAULT_INPUT)];
    let inputs = if common.inputs.is_empty() {
        if !default[0].exists() {
            anyhow::bail!(
                "no INPUT given and no {DEFAULT_INPUT}/ folder here: name the articles to read \
                 (newsgraph build DIR)"
            );
        }
        &default[..]
    } else {
        &common.inputs
    };
    let mut warnings = Vec::new();
    // The pipeline is built while the inputs are listed: both are the run's serial start.
    let (sources, pipeline) = rayon::join(
        || list_sources(inputs, &pass_over, &mut warnings),
        || Pipeline::new(schema),
    );
    let sources = sources?;
    // The size of the corpus (a system call per file) only matters to the progress bar.
    let total = (!common.quiet).then(|| sources.iter().map(Source::len).sum::<u64>());
    let large = total.is_some_and(|total| total >= 8 << 20);
    let bar = if large {
        progress_bar(
            total,
            "{spinner} {bytes}/{total_bytes} [{bar:40}] {bytes_per_sec}, {eta} left",
        )
    } else {
        ProgressBar::hidden()
    };
    let mut merger = pipeline.spilling_merger()?;
    if drawn {
        merger = merger.drawing();
    }
    let progress = |bytes| bar.inc(bytes);
    let watched = large.then_some(&progress as &(dyn Fn(u64) + Sync));
    let documents = pipeline.extract_streaming(&sources, &mut warnings, watched, &mut |x| {
        if let Some(shard) = shard.as_deref_mut() {
            shard.write(&x)?;
        }
        merger.add(x)
    })?;
    let graph = merger.finish()?;
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
    // An empty graph would replace the previous exports with nothing: a wrong folder, not a
    // result.
    if documents == 0 {
        let inputs: Vec<String> = match common.inputs.as_slice() {
            [] => vec![DEFAULT_INPUT.into()],
            given => given.iter().map(|p| p.display().to_string()).collect(),
        };
        anyhow::bail!(
            "no article in {} (articles are .txt, .md, .json, .jsonl and .html files); \
             nothing written",
            inputs.join(", ")
        );
    }
    Ok(Built {
        graph,
        documents,
        warnings,
        large,
    })
}

/// A progress bar on stderr (hidden when stderr is not a terminal).
fn progress_bar(len: Option<u64>, template: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(template)
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

fn build(args: BuildArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut shard = if args.shard {
        Some(ShardFile::create(&args.out.output)?)
    } else {
        None
    };
    // A previous run's exports (graph.json, graph.html) in an input folder are no articles.
    let output = Some(args.out.output.as_path()).filter(|o| o.as_os_str() != "-");
    let schema = args.common.schema.load()?;
    let built = graph_of(
        &schema,
        &args.common,
        output,
        shard.as_mut(),
        args.out.draws(),
    )?;
    write_outputs(&built.graph, args.out, built.large)?;
    if let Some(shard) = shard {
        shard.commit()?;
    }
    if !args.common.quiet {
        summary(&built, started);
    }
    Ok(())
}

fn merge(args: MergeArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let schema = args.schema.load()?;
    let pipeline = Pipeline::new(&schema);
    let mut merger = pipeline.spilling_merger()?;
    if args.out.draws() {
        merger = merger.drawing();
    }
    let mut documents = 0;
    for path in &args.shards {
        for extraction in ShardReader::open(path, &schema)? {
            merger.add(extraction?)?;
            documents += 1;
        }
    }
    let built = Built {
        graph: merger.finish()?,
        documents,
        warnings: Vec::new(),
        large: false,
    };
    write_outputs(&built.graph, args.out, built.large)?;
    if !args.quiet {
        summary(&built, started);
    }
    Ok(())
}

/// Writes the formats asked for into the output directory, or the one format to stdout.
fn write_outputs(graph: &KnowledgeGraph, mut out: OutputArgs, large: bool) -> anyhow::Result<()> {
    let mut seen = Vec::new();
    out.format.retain(|f| {
        let first = !seen.contains(f);
        seen.push(*f);
        first
    });
    if out.output.as_os_str() == "-" {
        // Named like a file, so a full disk reads "<stdout>: No space left on device".
        let stdout_error = |e| Error::io("<stdout>", e);
        let stdout = io::stdout().lock();
        let mut w =
            write_graph(graph, out.format[0], io::BufWriter::new(stdout)).map_err(stdout_error)?;
        w.flush().map_err(stdout_error)?;
    } else {
        let bar = if large {
            let bar = progress_bar(
                Some(out.format.len() as u64),
                "{spinner} writing the exports to {msg}: {pos}/{len} done, {elapsed}",
            );
            bar.set_message(out.output.display().to_string());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        write_exports_reporting(graph, &out.format, &out.output, &|_| bar.inc(1))?;
        bar.finish_and_clear();
    }
    Ok(())
}

fn summary(built: &Built, started: Instant) {
    let graph = &built.graph;
    let skipped = built.warnings.iter().filter(|w| w.skipped).count();
    // Skipped files are only mentioned when there are some, so a clean run reads as before.
    let skipped = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    eprintln!(
        "newsgraph: {}{skipped}, {}, {:.2}s",
        count(built.documents, "document", "documents"),
        count(built.warnings.len(), "warning", "warnings"),
        started.elapsed().as_secs_f64()
    );
    let breakdown = |total: usize, parts: Vec<String>| {
        if parts.is_empty() {
            total.to_string()
        } else {
            format!("{total} ({})", parts.join(", "))
        }
    };
    let types = graph
        .count_by_type()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    let relations = graph
        .count_by_relation()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| format!("{n} {r}"))
        .collect();
    eprintln!("  entities: {}", breakdown(graph.node_count(), types));
    eprintln!("  edges:    {}", breakdown(graph.edge_count(), relations));
}

fn eval(args: EvalArgs) -> anyhow::Result<()> {
    let schema = args.common.schema.load()?;
    let built = graph_of(&schema, &args.common, None, None, false)?;
    let gold = newsgraph::eval::Gold::load(&args.gold_entities, &args.gold_relations, &schema)?;
    let report = newsgraph::eval::score(&built.graph, &gold, &schema)?;
    print!("{}", report.render(args.verbose));
    Ok(())
}

fn schema_export(dir: &Path, force: bool) -> anyhow::Result<()> {
    let written = export_builtin_schema(dir, force)?;
    eprintln!(
        "newsgraph: wrote {files} of the built-in schema into {dir}; build with --schema {dir}",
        files = count(written.len(), "file", "files"),
        dir = dir.display()
    );
    Ok(())
}
