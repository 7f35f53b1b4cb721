//! Stage 1: files, directories and standard input → [`Document`]s, with the source's line
//! wrapping repaired and a map back to the original offsets.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::cue::Cue;
use crate::dates::{Calendar, DateValue};
use crate::error::{Error, Result};
use crate::schema::Schema;

mod html;
mod records;

/// Something the user should know about an input that was still processed (or skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    /// The line of a JSON Lines record.
    pub line: Option<usize>,
    pub message: String,
    /// Whether the file was left out of the graph (the summary counts these).
    pub skipped: bool,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "warning: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Maps a code-point offset of the repaired text back to the original text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Runs of (repaired offset, original offset) within which both advance together.
    runs: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn to_original(&self, repaired: usize) -> usize {
        let i = self.runs.partition_point(|&(r, _)| r <= repaired);
        match i.checked_sub(1) {
            Some(i) => self.runs[i].1 + (repaired - self.runs[i].0),
            None => repaired,
        }
    }
}

/// One article.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document id (see [`Source::File`]), or "stdin".
    pub id: String,
    /// The text with the source's layout line breaks repaired (see [`repair_lines`]).
    pub text: String,
    pub offsets: OffsetMap,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Where the article was published, when its record says.
    pub url: Option<String>,
}

impl Document {
    /// Builds a document from its original text, read with the schema's lexicon and calendar.
    pub fn new(id: impl Into<String>, original: &str, schema: &Schema) -> Document {
        let original = original.strip_prefix('\u{FEFF}').unwrap_or(original);
        let (text, offsets) = repair_lines(original, schema);
        Document {
            id: id.into(),
            title: title(&text, schema),
            published: schema.calendar.publication_date(&text),
            url: None,
            text,
            offsets,
        }
    }
}

/// The first line of the article that reads like a headline: a few words, no final stop,
/// not a date or a byline.
fn title(original: &str, schema: &Schema) -> Option<String> {
    let line = original.lines().map(str::trim).find(|l| {
        let first = l.split_whitespace().next().unwrap_or_default();
        l.split_whitespace().count() >= 3
            && !schema
                .calendar
                .find_dates(l)
                .iter()
                .any(|d| d.end - d.start + 4 >= l.len())
            && !schema.cue(Cue::Byline).contains(first)
    })?;
    let words = line.split_whitespace().count();
    (words <= 25 && !line.ends_with('.')).then(|| line.to_string())
}

/// Repairs line wrapping: a line break inside a sentence becomes a space, every other break
/// stays a paragraph break (`\n`). Returns the text and the map from its code-point offsets to
/// the original's.
///
/// In hard-wrapped text (see [`wrap_width`]) a break after a line that reaches towards the
/// wrapping width is a space whatever the next line starts with ("Foreign Minister⏎Ana Lopez
/// said"), unless a blank line, a list item or a heading follows; a short line (a heading, the
/// end of a paragraph) keeps its break. Elsewhere, and across blank lines, a break is a space
/// when the sentence visibly goes on: the next line goes on in lower case, the line ends with a
/// function word (`line joiner` in the lexicon) or a hyphen, or both lines are short fragments
/// of a narrow column (and no date). Carriage returns and the blank lines between such
/// fragments are dropped.
pub(crate) fn repair_lines(original: &str, schema: &Schema) -> (String, OffsetMap) {
    let wrap = wrap_width(original);
    let mut text = String::with_capacity(original.len());
    let mut runs = Vec::new();
    let mut chars_out = 0usize;
    // The last non-blank line and its width in columns (with its indentation).
    let mut prev_line: Option<(&str, usize)> = None;
    let mut blank_since_prev = false;
    let mut line_start_chars = 0usize; // original code-point offset of the current line
    let mut pending_break_at = 0usize; // original offset of the line break that precedes the next line
    for raw in lines(original) {
        let line = raw.trim_end();
        let lead = raw.len() - raw.trim_start().len();
        let body = line.trim_start();
        // The line's code points, each counted once: its indentation (the whole of a blank
        // line), its body and the white space after it.
        let lead_chars = raw[..lead].chars().count();
        let body_chars = body.chars().count();
        let raw_chars = lead_chars + body_chars + raw[lead.max(line.len())..].chars().count();
        if body.is_empty() {
            blank_since_prev = true;
        } else {
            if let Some((prev, prev_width)) = prev_line {
                let layout = match wrap {
                    Some(_) if blank_since_prev => Break::Paragraph,
                    Some(width) if prev_width * 10 >= width * 6 && !opens_block(body) => {
                        Break::Wrap
                    }
                    _ => Break::Unknown,
                };
                let sep = join_with(prev, body, layout, schema);
                runs.push((chars_out, pending_break_at));
                text.push_str(sep);
                chars_out += sep.chars().count();
            }
            let body_start = line_start_chars + lead_chars;
            runs.push((chars_out, body_start));
            text.push_str(body);
            chars_out += body_chars;
            prev_line = Some((body, lead_chars + body_chars));
            blank_since_prev = false;
            pending_break_at = body_start + body_chars;
        }
        line_start_chars += raw_chars + 1;
    }
    (text, OffsetMap { runs })
}

/// The pieces of `text` between its line feeds, as `text.split('\n')` gives them, found by a
/// vectorised byte search (a whole corpus is split twice, once for [`wrap_width`]).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// The column a hard-wrapped text was wrapped at, when it was: 95 % of its lines are no wider,
/// that width lies between 40 and 120 columns (text with one paragraph per line has wider
/// lines, a narrow column of fragments narrower ones), and most lines that run on into the next
/// one (no blank line between) reach 70 % of it.
fn wrap_width(original: &str) -> Option<usize> {
    let mut widths = Vec::new();
    let mut running_on = Vec::new();
    let mut prev: Option<usize> = None;
    for raw in lines(original) {
        if raw.trim().is_empty() {
            prev = None;
            continue;
        }
        let width = raw.trim_end().chars().count();
        running_on.extend(prev);
        widths.push(width);
        prev = Some(width);
    }
    if running_on.len() < 3 {
        return None;
    }
    let at = (widths.len() * 95 / 100).min(widths.len() - 1);
    let width = *widths.select_nth_unstable(at).1;
    if !(40..=120).contains(&width) {
        return None;
    }
    let reaching = running_on.iter().filter(|&&w| w * 10 >= width * 7).count();
    (reaching * 10 >= running_on.len() * 6).then_some(width)
}

/// A line that starts a block of its own even inside wrapped text: a list item ("- ", "* ",
/// "• ", "1. ", "2) ") or a Markdown heading ("# ", "## ").
fn opens_block(line: &str) -> bool {
    let after_digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = line.len() - after_digits.len();
    if digits > 0 {
        return digits <= 3 && (after_digits.starts_with(". ") || after_digits.starts_with(") "));
    }
    let after_hashes = line.trim_start_matches('#');
    (after_hashes.len() < line.len() && after_hashes.starts_with(' '))
        || ["- ", "* ", "• "].iter().any(|m| line.starts_with(m))
}

/// What the layout of a hard-wrapped text tells of a line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// The wrapping of a paragraph.
    Wrap,
    /// A blank line: a new paragraph, unless the sentence visibly goes on.
    Paragraph,
    /// Nothing: the text is not hard-wrapped, or the line is short.
    Unknown,
}

/// The separator between two non-empty lines: "" (a word split by a hyphen), " " (the same
/// sentence goes on) or "\n" (a new paragraph).
fn join_with(prev: &str, next: &str, layout: Break, schema: &Schema) -> &'static str {
    let last = prev.chars().last().unwrap_or(' ');
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    if last == '-' && next_lower && prev.len() > 1 && !prev.ends_with(" -") {
        return "";
    }
    if layout == Break::Wrap {
        return " ";
    }
    if matches!(
        last,
        '.' | '!' | '?' | ':' | ';' | '…' | '"' | '”' | '’' | ')' | ']'
    ) {
        return "\n";
    }
    let last_word = prev
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // Narrow-column fragments are only looked for where the text is not hard-wrapped: there a
    // blank line ends a paragraph unless the sentence visibly goes on.
    let fragment = |l: &str| {
        layout == Break::Unknown
            && l.split_whitespace().count() <= 3
            && schema.calendar.find_dates(l).is_empty()
    };
    let joiner = schema.cue(Cue::LineJoiner).contains(last_word);
    if next_lower || joiner || (fragment(prev) && fragment(next)) {
        " "
    } else {
        "\n"
    }
}

/// How an input file is read, by its extension (in any case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InputKind {
    /// Plain text or Markdown (`.txt`, `.text`, `.md`, `.markdown`).
    Text,
    /// A crawler's records, one JSON object a line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// One record or an array of records (`.json`); JSON Lines under that name are read too.
    Json,
    /// A saved web page (`.html`, `.htm`, `.xhtml`): its main text.
    Html,
}

impl InputKind {
    /// The kind of a file found in a directory; `None` for a file that holds no article.
    ///
    /// ```
    /// use newsgraph::InputKind;
    /// use std::path::Path;
    /// assert_eq!(InputKind::of(Path::new("a/B.TXT")), Some(InputKind::Text));
    /// assert_eq!(InputKind::of(Path::new("crawl.jsonl")), Some(InputKind::JsonLines));
    /// assert_eq!(InputKind::of(Path::new("photo.jpg")), None);
    /// ```
    pub fn of(path: &Path) -> Option<InputKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "txt" | "text" | "md" | "markdown" => InputKind::Text,
            "jsonl" | "ndjson" => InputKind::JsonLines,
            "json" => InputKind::Json,
            "html" | "htm" | "xhtml" => InputKind::Html,
            _ => return None,
        })
    }
}

/// Where documents come from: a file, with the document id it gives and how it is read, or
/// standard input (read as text).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    File {
        path: PathBuf,
        /// The file stem; for a file found below a directory given as input, its path from
        /// that directory without the extension ("wires/0117-reuters"). The records of a
        /// JSON file add their number to it.
        id: String,
        kind: InputKind,
    },
    Stdin,
}

impl Source {
    /// A file named by the user: read as its extension says, plain text otherwise.
    pub fn file(path: impl Into<PathBuf>) -> Source {
        let path = path.into();
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".into());
        let kind = InputKind::of(&path).unwrap_or(InputKind::Text);
        Source::File { path, id, kind }
    }

    /// The document id (see [`Source::File`]), or "stdin".
    pub fn id(&self) -> &str {
        match self {
            Source::File { id, .. } => id,
            Source::Stdin => "stdin",
        }
    }

    /// The path that names the source in messages.
    pub fn path(&self) -> &Path {
        match self {
            Source::File { path, .. } => path,
            Source::Stdin => Path::new("<stdin>"),
        }
    }

    /// The file's canonical path, to recognise one file reached by two paths.
    fn canonical(&self) -> Option<PathBuf> {
        match self {
            Source::File { path, .. } => fs::canonicalize(path).ok(),
            Source::Stdin => None,
        }
    }

    /// Size in bytes, for progress reporting (0 for standard input).
    pub fn len(&self) -> u64 {
        match self {
            Source::File { path, .. } => fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            Source::Stdin => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads every article of the source (a JSON Lines file whole: the streaming pipeline
    /// reads those record by record with [`inputs`]), publication dates written in words read
    /// with `calendar`. Files that hold no article are skipped with a warning.
    pub fn read(&self, calendar: &Calendar, warnings: &mut Vec<Warning>) -> Result<Vec<Article>> {
        let mut articles = Vec::new();
        for input in inputs(std::slice::from_ref(self)) {
            articles.extend(input?.articles(calendar, warnings)?);
        }
        Ok(articles)
    }
}

/// One article as its source gives it, before line repair: its text and what its record says
/// of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    /// The text: a file's whole text; for a record or a web page, its title, a blank line
    /// and its body text (evidence offsets count in this text).
    pub text: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Where it was published: an absolute IRI.
    pub url: Option<String>,
}

impl Article {
    /// An article of plain text, whose title and date are read from the text itself.
    pub fn text(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            ..Article::default()
        }
    }
}

/// The text of an article given as a title and a body: the title, a blank line and the body,
/// unless the body starts with the title already.
fn titled_text(title: Option<&str>, body: &str) -> String {
    let body = body.trim();
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) if !body.starts_with(title) => format!("{title}\n\n{body}"),
        _ => body.to_string(),
    }
}

/// A web address as newsgraph keeps it: an absolute IRI, else nothing (with a warning), so
/// that no export can be broken by it.
fn checked_url(url: &str, location: &Location<'_>, warnings: &mut Vec<Warning>) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    if oxrdf::NamedNode::new(url).is_ok() {
        return Some(url.to_string());
    }
    location.warn(
        warnings,
        format!("address {url:?} is not an absolute IRI, left out"),
        false,
    );
    None
}

/// A publication date as records and pages write it ("2024-01-18", "2024-01-18 10:32:00",
/// "2024-01-18T10:32:00+05:00", "January 18, 2024"); a value that is no date is left out
/// with a warning.
fn checked_date(
    value: &str,
    calendar: &Calendar,
    location: &Location<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let iso = value
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let written = || {
        calendar
            .find_dates(value)
            .into_iter()
            .find_map(|d| match d.value {
                DateValue::Full(date) => Some(date),
                _ => None,
            })
    };
    let date = iso.or_else(written);
    if date.is_none() {
        location.warn(
            warnings,
            format!("publication date {value:?} not understood, left out"),
            false,
        );
    }
    date
}

/// Where in its source an input is: the file, the line of a JSON Lines record, the number of
/// a record in a JSON array.
#[derive(Debug, Clone, Copy)]
struct Location<'a> {
    path: &'a Path,
    line: Option<usize>,
    record: Option<usize>,
}

impl Location<'_> {
    fn warn(&self, warnings: &mut Vec<Warning>, message: String, skipped: bool) {
        let message = match self.record {
            Some(n) => format!("record {n}: {message}"),
            None => message,
        };
        warnings.push(Warning {
            path: self.path.to_path_buf(),
            line: self.line,
            message,
            skipped,
        });
    }
}

/// A piece of input the streaming pipeline handles on its own: a file to read whole, or one
/// record of a JSON Lines file, already cut from it (see [`inputs`]).
#[derive(Debug)]
pub enum Input<'a> {
    Whole(&'a Source),
    Record {
        source: &'a Source,
        /// From 1.
        line: usize,
        bytes: Vec<u8>,
    },
}

impl Input<'_> {
    /// Its size in bytes, for progress reporting.
    pub fn len(&self) -> u64 {
        match self {
            Input::Whole(source) => source.len(),
            Input::Record { bytes, .. } => bytes.len() as u64 + 1,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads and decodes the articles of the input. What holds no article (a binary or empty
    /// file, a record without text, a page without an article, malformed JSON) is skipped
    /// with a warning; only a failing read is an error. Publication dates written in words are
    /// read with `calendar`.
    pub fn articles(
        self,
        calendar: &Calendar,
        warnings: &mut Vec<Warning>,
    ) -> Result<Vec<Article>> {
        let (location, bytes, id, kind) = match self {
            Input::Whole(source) => {
                let bytes = match source {
                    Source::File { path, .. } => fs::read(path).map_err(|e| Error::io(path, e))?,
                    Source::Stdin => {
                        let mut bytes = Vec::new();
                        std::io::stdin()
                            .read_to_end(&mut bytes)
                            .map_err(|e| Error::io("<stdin>", e))?;
                        bytes
                    }
                };
                let kind = match source {
                    Source::File { kind, .. } => *kind,
                    Source::Stdin => InputKind::Text,
                };
                let location = Location {
                    path: source.path(),
                    line: None,
                    record: None,
                };
                (location, bytes, source.id().to_string(), kind)
            }
            Input::Record {
                source,
                line,
                bytes,
            } => {
                let location = Location {
                    path: source.path(),
                    line: Some(line),
                    record: None,
                };
                let id = format!("{}-{line}", source.id());
                (location, bytes, id, InputKind::JsonLines)
            }
        };
        let Some(text) = decode(&location, bytes, warnings) else {
            return Ok(Vec::new());
        };
        let articles = match kind {
            InputKind::Text => vec![Article::text(id, text)],
            InputKind::Html => html::article(id, &text, calendar, &location, warnings)
                .into_iter()
                .collect(),
            InputKind::Json => records::articles_of_file(&id, &text, calendar, &location, warnings),
            InputKind::JsonLines => {
                records::article_of_line(id, &text, calendar, &location, warnings)
                    .into_iter()
                    .collect()
            }
        };
        let nothing = if kind == InputKind::Text {
            "empty file"
        } else {
            "no article text"
        };
        Ok(articles
            .into_iter()
            .filter_map(|a| checked_text(a, &location, nothing, warnings))
            .collect())
    }
}

/// The inputs of `sources` in order, for the streaming pipeline: each file whole, except JSON
/// Lines files, which are cut into records as they are read, so that a crawl of any size is
/// never held in memory.
pub fn inputs(sources: &[Source]) -> Inputs<'_> {
    Inputs {
        sources: sources.iter(),
        lines: None,
    }
}

/// The iterator of [`inputs`].
pub struct Inputs<'a> {
    sources: std::slice::Iter<'a, Source>,
    /// The JSON Lines file being read, and the number of its last line read.
    lines: Option<(&'a Source, BufReader<fs::File>, usize)>,
}

impl<'a> Iterator for Inputs<'a> {
    type Item = Result<Input<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((source, reader, line)) = &mut self.lines {
                let mut bytes = Vec::new();
                match reader.read_until(b'\n', &mut bytes) {
                    Err(e) => {
                        let path = source.path().to_path_buf();
                        self.lines = None;
                        return Some(Err(Error::io(path, e)));
                    }
                    Ok(0) => self.lines = None,
                    Ok(_) => {
                        *line += 1;
                        while bytes.last().is_some_and(|b| b.is_ascii_whitespace()) {
                            bytes.pop();
                        }
                        if !bytes.is_empty() {
                            let (source, line) = (*source, *line);
                            return Some(Ok(Input::Record {
                                source,
                                line,
                                bytes,
                            }));
                        }
                    }
                }
                continue;
            }
            let source = self.sources.next()?;
            match source {
                Source::File {
                    path,
                    kind: InputKind::JsonLines,
                    ..
                } => match fs::File::open(path) {
                    Ok(file) => self.lines = Some((source, BufReader::new(file), 0)),
                    Err(e) => return Some(Err(Error::io(path, e))),
                },
                _ => return Some(Ok(Input::Whole(source))),
            }
        }
    }
}

/// What the search of a directory leaves out, beside hidden entries: folders by path (the
/// output directory) and files by name (newsgraph's own exports, wherever they lie).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassOver {
    pub dirs: Vec<PathBuf>,
    pub file_names: Vec<String>,
}

/// Lists the documents of the inputs: files, directories (every article file below them, in
/// any case of extension: see [`InputKind::of`]; hidden entries and what `pass_over` names
/// are left out) and `-` for standard input, sorted by document id so the graph does not
/// depend on the order of the arguments. A missing or unreadable path is an error naming it.
pub fn list_sources(
    inputs: &[PathBuf],
    pass_over: &PassOver,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Source>> {
    let pass_over = PassOver {
        dirs: pass_over
            .dirs
            .iter()
            .filter_map(|p| fs::canonicalize(p).ok())
            .collect(),
        file_names: pass_over.file_names.clone(),
    };
    let mut sources = Vec::new();
    let mut followed_link = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = fs::metadata(input).map_err(|e| Error::Input {
            path: input.clone(),
            message: e.to_string(),
        })?;
        if meta.is_dir() {
            let before = sources.len();
            followed_link |= walk(input, &pass_over, &mut sources, warnings);
            if sources.len() == before {
                warnings.push(Warning {
                    path: input.clone(),
                    line: None,
                    message: "directory holds no article (.txt, .md, .json, .jsonl, .html)".into(),
                    skipped: false,
                });
            }
        } else {
            sources.push(Source::file(input));
        }
    }
    sources.sort_by(|a, b| (a.id(), a).cmp(&(b.id(), b)));
    // One file named twice ("seeds" and "./seeds/a.txt") would count its evidence twice. The
    // files found in one folder without following a link have as many paths as files: then
    // there is nothing to resolve (a system call per folder of each path).
    if inputs.len() > 1 || followed_link {
        sources.dedup_by(|b, a| a == b);
        // The paths are resolved side by side.
        let canonical: Vec<Option<PathBuf>> = sources.par_iter().map(Source::canonical).collect();
        let mut seen = std::collections::HashSet::new();
        let mut first_seen = canonical
            .into_iter()
            .map(|c| c.is_none_or(|c| seen.insert(c)));
        sources.retain(|_| first_seen.next().expect("a path for each source"));
    }
    // Evidence names its document by id: two files with one id cannot be told apart in the
    // graph, so say so.
    for pair in sources.windows(2) {
        if let (Source::File { path, .. }, true) = (&pair[1], pair[0].id() == pair[1].id()) {
            let message = format!(
                "document id {:?} is also that of an earlier input; their evidence will share it",
                pair[1].id()
            );
            warnings.push(Warning {
                path: path.clone(),
                line: None,
                message,
                skipped: false,
            });
        }
    }
    Ok(sources)
}

/// Adds the article files below `dir` to `sources`, each with its path from `dir` as id;
/// hidden entries and what `pass_over` names (its directories canonical) are left out.
/// Returns whether the walk followed a symbolic link.
fn walk(
    dir: &Path,
    pass_over: &PassOver,
    sources: &mut Vec<Source>,
    warnings: &mut Vec<Warning>,
) -> bool {
    let mut followed_link = false;
    let searched = |e: &walkdir::DirEntry| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_string_lossy();
        if name.starts_with('.') {
            return false;
        }
        if e.file_type().is_dir() {
            return !fs::canonicalize(e.path()).is_ok_and(|p| pass_over.dirs.contains(&p));
        }
        !pass_over.file_names.iter().any(|n| *n == name)
    };
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(searched);
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // A dangling link, a loop of links, an unreadable folder: an article the user
                // meant to give may be missing, so say so rather than drop it quietly.
                let path = e.path().unwrap_or(dir).to_path_buf();
                let reason = if e.loop_ancestor().is_some() {
                    "a link back to a folder above it".to_string()
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string)
                };
                warnings.push(Warning {
                    path,
                    line: None,
                    message: format!("not readable ({reason}), skipped"),
                    skipped: true,
                });
                continue;
            }
        };
        followed_link |= entry.path_is_symlink();
        let path = entry.path();
        let Some(kind) = InputKind::of(path).filter(|_| entry.file_type().is_file()) else {
            continue;
        };
        let relative = path.strip_prefix(dir).unwrap_or(path).with_extension("");
        let id = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        sources.push(Source::File {
            path: path.to_path_buf(),
            id,
            kind,
        });
    }
    followed_link
}

/// Decodes the bytes of a file or record: binary data (NUL bytes) is skipped and invalid
/// UTF-8 replaced, each with a warning.
fn decode(location: &Location<'_>, bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> Option<String> {
    // A vectorised search: every byte of the corpus is read.
    if let Some(pos) = memchr::memchr(0, &bytes) {
        let what = if location.line.is_some() {
            "binary data"
        } else {
            "binary file"
        };
        location.warn(
            warnings,
            format!("{what} (NUL byte at offset {pos}), skipped"),
            true,
        );
        return None;
    }
    Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            location.warn(
                warnings,
                format!("invalid UTF-8 at byte offset {offset}, replaced with U+FFFD"),
                false,
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    })
}

/// An article's text made safe for every export: the noncharacters U+FFFE and U+FFFF (not
/// text; RDF parsers such as raptor reject them even escaped) replaced, with a warning. An
/// article with no text is skipped with a warning saying `nothing` ("empty file").
fn checked_text(
    mut article: Article,
    location: &Location<'_>,
    nothing: &str,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    let noncharacter = |c: char| matches!(c, '\u{FFFE}' | '\u{FFFF}');
    // A vectorised search for each; one for either would decode every character.
    let first = ["\u{FFFE}", "\u{FFFF}"]
        .into_iter()
        .filter_map(|c| memchr::memmem::find(article.text.as_bytes(), c.as_bytes()))
        .min();
    if let Some(offset) = first {
        location.warn(
            warnings,
            format!("noncharacter at byte offset {offset}, replaced with U+FFFD"),
            false,
        );
        article.text = article.text.replace(noncharacter, "\u{FFFD}");
    }
    for field in [&mut article.title, &mut article.url] {
        if let Some(value) = field.as_mut().filter(|v| v.contains(noncharacter)) {
            *value = value.replace(noncharacter, "\u{FFFD}");
        }
    }
    if article.text.trim().is_empty() {
        location.warn(warnings, format!("{nothing}, skipped"), true);
        return None;
    }
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::schema::tests::shipped_schema;

    #[test]
    fn offsets_count_white_space_beyond_ascii_around_and_between_lines() {
        let original =
            " \u{a0}Iran said\u{3000} \r\n \u{a0}\u{2003}\n\n\u{3000}Tehran went.\u{a0}\n\u{2003}";
        let (text, map) = repair_lines(original, shipped_schema());
        assert_eq!(text, "Iran said Tehran went.");
        let orig_chars: Vec<char> = original.chars().collect();
        for (i, c) in text.chars().enumerate() {
            if c != ' ' {
                assert_eq!(orig_chars[map.to_original(i)], c, "offset {i}");
            }
        }
    }

    #[test]
    fn lines_are_the_pieces_between_line_feeds() {
        for text in ["", "\n", "one", "one\n", "\n\ntwo  \r\n \t\nthree’s\n\n"] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.split('\n').collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_function_word_joins_across_a_blank_line_and_carriage_returns_go() {
        let (text, map) =
            repair_lines("urged the\n\ntwo countries.\r\nNext one.", shipped_schema());
        assert_eq!(text, "urged the two countries.\nNext one.");
        assert_eq!(map.to_original(10), 11);
    }

    #[test]
    fn column_fragments_are_joined_and_offsets_kept() {
        let original = "reached between\n\nChile's\nForeign\nMinister Daniel\nMoses Bakari\nand the\n\n\n\nPeru, X in a call.\n\nNew paragraph.";
        let (text, map) = repair_lines(original, shipped_schema());
        assert_eq!(
            text,
            "reached between Chile's Foreign Minister Daniel Moses Bakari and the Peru, X in a call.\nNew paragraph."
        );
        let orig_chars: Vec<char> = original.chars().collect();
        for (i, c) in text.chars().enumerate() {
            if c != ' ' && c != '\n' {
                assert_eq!(orig_chars[map.to_original(i)], c, "offset {i}");
            }
        }
    }

    #[test]
    fn headline_and_body_stay_apart() {
        let (text, _) = repair_lines(
            "Chile and Peru Tensions\nChile and Peru agreed on Friday.",
            shipped_schema(),
        );
        assert_eq!(
            text,
            "Chile and Peru Tensions\nChile and Peru agreed on Friday."
        );
    }

    /// An article wrapped at 60 columns: a heading, a wrapped headline,
    /// breaks before capitalised names and after an abbreviation, a list, and paragraphs
    /// separated by blank lines.
    const WRAPPED: &str = "\
Chile and Peru agree to lower tensions after days of
border clashes

By Staff Reporter

LIMA: Chile's Foreign Minister Daniel Moses Bakari said on
Friday he had spoken by telephone with Peru's Foreign
Minister Ana Lopez, and that an envoy sent by the U.S.
Secretary of State had urged restraint on both sides.

The ministers agreed on three steps, the statement said:
- the return of both ambassadors within a week,
- a joint patrol of the border,
- talks in Quito next month.
Brazil welcomed the agreement and offered to host the talks
in Brasilia.";

    #[test]
    fn hard_wrapped_text_is_unwrapped_with_exact_offsets() {
        assert_eq!(wrap_width(WRAPPED), Some(59));
        let (text, map) = repair_lines(WRAPPED, shipped_schema());
        assert_eq!(
            text,
            "Chile and Peru agree to lower tensions after days of border clashes\n\
             By Staff Reporter\n\
             LIMA: Chile's Foreign Minister Daniel Moses Bakari said on Friday he had spoken by \
             telephone with Peru's Foreign Minister Ana Lopez, and that an envoy sent by the U.S. \
             Secretary of State had urged restraint on both sides.\n\
             The ministers agreed on three steps, the statement said:\n\
             - the return of both ambassadors within a week,\n\
             - a joint patrol of the border,\n\
             - talks in Quito next month.\n\
             Brazil welcomed the agreement and offered to host the talks in Brasilia."
        );
        let original: Vec<char> = WRAPPED.chars().collect();
        for (i, c) in text.chars().enumerate() {
            if !c.is_whitespace() {
                assert_eq!(original[map.to_original(i)], c, "offset {i}");
            }
        }
        let doc = Document::new("d", WRAPPED, shipped_schema());
        assert_eq!(
            doc.title.as_deref(),
            Some("Chile and Peru agree to lower tensions after days of border clashes")
        );
    }

    #[test]
    fn unwrapped_text_and_column_fragments_have_no_wrapping_width() {
        let paragraphs = "Chile and Peru agree to talks\n".to_string()
            + &"Chile's Foreign Minister said on Friday that the two countries would meet in Quito next month to settle the border dispute. ".repeat(3)
            + "\n"
            + &"Peru's Foreign Minister welcomed the talks and said the ambassadors would return to their posts within the week. ".repeat(2)
            + "\nShort closing line.\n";
        assert_eq!(wrap_width(&paragraphs), None);
        assert_eq!(
            wrap_width("reached between\nChile's\nForeign\nMinister Daniel\nMoses Bakari\n"),
            None
        );
        let (text, _) = repair_lines(&paragraphs, shipped_schema());
        assert_eq!(text.lines().count(), 4);
    }

    #[test]
    fn list_items_and_headings_open_blocks() {
        for line in [
            "- item", "* item", "• item", "1. item", "12) item", "# Title", "## Part",
        ] {
            assert!(opens_block(line), "{line}");
        }
        for line in [
            "-item",
            "2024. The year",
            "#hashtag",
            "Item - one",
            "1.5 million",
        ] {
            assert!(!opens_block(line), "{line}");
        }
    }

    #[test]
    fn hyphenated_word_across_lines() {
        let (text, _) = repair_lines(
            "both countries to de-\n\nescalate the tensions.",
            shipped_schema(),
        );
        assert_eq!(text, "both countries to de-escalate the tensions.");
    }

    #[test]
    fn crlf_and_bom_are_invisible() {
        let original = "\u{FEFF}Chile and Peru agree to talks\r\nPeru struck back on Friday.\r\n";
        let doc = Document::new("d", original, shipped_schema());
        assert_eq!(
            doc.text,
            "Chile and Peru agree to talks\nPeru struck back on Friday."
        );
        let repaired = doc.text.chars().position(|c| c == '\n').unwrap() + 1;
        // offsets count from the text after its byte-order mark
        assert_eq!(
            doc.offsets.to_original(repaired),
            "Chile and Peru agree to talks\r\n".chars().count()
        );
        assert_eq!(doc.title.as_deref(), Some("Chile and Peru agree to talks"));
    }

    fn location(path: &str, line: Option<usize>) -> Location<'_> {
        Location {
            path: Path::new(path),
            line,
            record: None,
        }
    }

    #[test]
    fn binary_and_invalid_utf8_are_reported() {
        let mut w = Vec::new();
        let a = location("a.txt", None);
        assert!(decode(&a, vec![b'a', 0, b'b'], &mut w).is_none());
        let b = location("b.jsonl", Some(7));
        assert_eq!(
            decode(&b, vec![b'o', b'k', 0xff], &mut w).as_deref(),
            Some("ok\u{FFFD}")
        );
        assert_eq!(
            w[0].to_string(),
            "warning: a.txt: binary file (NUL byte at offset 1), skipped"
        );
        assert_eq!(
            w[1].to_string(),
            "warning: b.jsonl:7: invalid UTF-8 at byte offset 2, replaced with U+FFFD"
        );
    }

    #[test]
    fn noncharacters_are_replaced_and_empty_articles_skipped() {
        let mut w = Vec::new();
        let a = location("a.txt", None);
        let mut article = Article::text("a", "Peru\u{FFFE} struck");
        article.title = Some("Peru\u{FFFF}".into());
        let checked = checked_text(article, &a, "empty file", &mut w).unwrap();
        assert_eq!(checked.text, "Peru\u{FFFD} struck");
        assert_eq!(checked.title.as_deref(), Some("Peru\u{FFFD}"));
        assert!(checked_text(Article::text("b", " \n"), &a, "empty file", &mut w).is_none());
        assert_eq!(w[1].message, "empty file, skipped");
        assert!(w[1].skipped && !w[0].skipped);
    }

    #[test]
    fn the_title_is_no_byline_and_no_date() {
        let text = "By Ana Lopez and Daniel Bakari\nFriday, January 19, 2024\nChile and Peru agree to talk\n\nThe two sides met.";
        let title = |t: &str| Document::new("d", t, shipped_schema()).title;
        assert_eq!(title(text).as_deref(), Some("Chile and Peru agree to talk"));
        let shouting = text.replace("By Ana Lopez", "BY ANA LOPEZ");
        assert_eq!(
            title(&shouting).as_deref(),
            Some("Chile and Peru agree to talk")
        );
        let no_byline = text.replace("By Ana Lopez", "Ana Lopez");
        assert_eq!(
            title(&no_byline).as_deref(),
            Some("Ana Lopez and Daniel Bakari")
        );
    }

    #[test]
    fn a_title_is_put_before_its_body_once() {
        assert_eq!(titled_text(Some("T"), "Body."), "T\n\nBody.");
        assert_eq!(titled_text(Some(" T "), "T\nBody."), "T\nBody.");
        assert_eq!(titled_text(None, " Body. "), "Body.");
    }

    #[test]
    fn dates_and_addresses_of_records() {
        let mut w = Vec::new();
        let l = location("c.jsonl", Some(2));
        let day = NaiveDate::from_ymd_opt(2024, 1, 18);
        for written in [
            "2024-01-18",
            "2024-01-18 10:32:00",
            "2024-01-18T22:00:00-05:00",
            "January 18, 2024",
            "18 Jan 2024",
        ] {
            assert_eq!(
                checked_date(written, &shipped_schema().calendar, &l, &mut w),
                day,
                "{written}"
            );
        }
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            checked_date("yesterday", &shipped_schema().calendar, &l, &mut w),
            None
        );
        assert_eq!(checked_url("https://example.org/a b", &l, &mut w), None);
        assert_eq!(
            checked_url(" https://example.org/é?q=1 ", &l, &mut w).as_deref(),
            Some("https://example.org/é?q=1")
        );
        assert_eq!(w.len(), 2);
    }

    /// A file reached twice in one folder, through a link to it or to its folder, is listed
    /// once.
    #[test]
    fn a_file_linked_within_the_folder_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        for name in ["a.txt", "sub/b.txt", "sub/c.txt"] {
            fs::write(dir.path().join(name), "Peru struck Chile.").unwrap();
        }
        let list = || {
            let inputs = [dir.path().to_path_buf()];
            let sources = list_sources(&inputs, &PassOver::default(), &mut Vec::new()).unwrap();
            sources
                .iter()
                .map(|s| s.id().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(list(), ["a", "sub/b", "sub/c"]);
        std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("z.txt")).unwrap();
        std::os::unix::fs::symlink(&sub, dir.path().join("alias")).unwrap();
        // The first path in id order names the file.
        assert_eq!(list(), ["a", "alias/b", "alias/c"]);
    }
}
