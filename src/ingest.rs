//! Stage 1: files, directories and standard input → [`Document`]s, with the source's line
//! wrapping repaired and a map back to the original offsets.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::dates::publication_date;
use crate::error::{Error, Result};
use crate::phrases::PhraseSet;

/// Something the user should know about an input that was still processed (or skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
    /// Whether the file was left out of the graph (the summary counts these).
    pub skipped: bool,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "warning: {}: {}", self.path.display(), self.message)
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
    /// The file stem ("000_56eb528607f4be8c"), or "stdin".
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
    /// Builds a document from its original text.
    pub fn new(id: impl Into<String>, original: &str, line_joiners: &PhraseSet) -> Document {
        let original = original.strip_prefix('\u{FEFF}').unwrap_or(original);
        let (text, offsets) = repair_lines(original, line_joiners);
        Document {
            id: id.into(),
            title: title(&text),
            published: publication_date(&text),
            url: None,
            text,
            offsets,
        }
    }
}

/// The first line of the article that reads like a headline: a few words, no final stop,
/// not a date or a byline.
fn title(original: &str) -> Option<String> {
    let line = original.lines().map(str::trim).find(|l| {
        let words = l.split_whitespace().count();
        words >= 3
            && !crate::dates::find_dates(l)
                .iter()
                .any(|d| d.end - d.start + 4 >= l.len())
            && !l.starts_with("By ")
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
/// of a narrow column. Carriage returns and the blank lines between such fragments are dropped.
///
/// ```
/// use newsgraph::{repair_lines, PhraseSet};
/// let mut joiners = PhraseSet::default();
/// joiners.insert("the");
/// let (text, map) = repair_lines("urged the\n\ntwo countries.\r\nNext one.", &joiners);
/// assert_eq!(text, "urged the two countries.\nNext one.");
/// assert_eq!(map.to_original(10), 11);
/// ```
pub fn repair_lines(original: &str, line_joiners: &PhraseSet) -> (String, OffsetMap) {
    let wrap = wrap_width(original);
    let mut text = String::with_capacity(original.len());
    let mut runs = Vec::new();
    let mut chars_out = 0usize;
    // The last non-blank line and its width in columns (with its indentation).
    let mut prev_line: Option<(&str, usize)> = None;
    let mut blank_since_prev = false;
    let mut line_start_chars = 0usize; // original code-point offset of the current line
    let mut pending_break_at = 0usize; // original offset of the line break that precedes the next line
    for raw in original.split('\n') {
        let raw_chars = raw.chars().count();
        let line = raw.trim_end();
        let lead = raw.len() - raw.trim_start().len();
        let body = line.trim_start();
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
                let sep = join_with(prev, body, layout, line_joiners);
                runs.push((chars_out, pending_break_at));
                text.push_str(sep);
                chars_out += sep.chars().count();
            }
            let lead_chars = raw[..lead].chars().count();
            let body_chars = body.chars().count();
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

/// The column a hard-wrapped text was wrapped at, when it was: 95 % of its lines are no wider,
/// that width lies between 40 and 120 columns (text with one paragraph per line has wider
/// lines, a narrow column of fragments narrower ones), and most lines that run on into the next
/// one (no blank line between) reach 70 % of it.
fn wrap_width(original: &str) -> Option<usize> {
    let mut widths = Vec::new();
    let mut running_on = Vec::new();
    let mut prev: Option<usize> = None;
    for raw in original.split('\n') {
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
fn join_with(prev: &str, next: &str, layout: Break, line_joiners: &PhraseSet) -> &'static str {
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
            && crate::dates::find_dates(l).is_empty()
    };
    if next_lower || line_joiners.contains(last_word) || (fragment(prev) && fragment(next)) {
        " "
    } else {
        "\n"
    }
}

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

impl Source {
    /// The document id: the file stem, or "stdin".
    pub fn id(&self) -> String {
        match self {
            Source::File(path) => path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document".into()),
            Source::Stdin => "stdin".into(),
        }
    }

    /// The file's canonical path, to recognise one file reached by two paths.
    fn canonical(&self) -> Option<PathBuf> {
        match self {
            Source::File(path) => fs::canonicalize(path).ok(),
            Source::Stdin => None,
        }
    }

    /// Size in bytes, for progress reporting (0 for standard input).
    pub fn len(&self) -> u64 {
        match self {
            Source::File(path) => fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            Source::Stdin => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads and decodes the document. `Ok(None)` for a skipped file (with a warning).
    pub fn read(&self, warnings: &mut Vec<Warning>) -> Result<Option<(String, String)>> {
        let (path, bytes) = match self {
            Source::File(path) => (
                path.clone(),
                fs::read(path).map_err(|e| Error::io(path, e))?,
            ),
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io("<stdin>", e))?;
                (PathBuf::from("<stdin>"), bytes)
            }
        };
        Ok(decode(&path, bytes, warnings).map(|text| (self.id(), text)))
    }
}

/// Lists the documents of the inputs: files, directories (their `*.txt` files) and `-` for
/// standard input, sorted by document id so the graph does not depend on the order of the
/// arguments. A missing or unreadable path is an error naming it.
pub fn list_sources(inputs: &[PathBuf], warnings: &mut Vec<Warning>) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
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
            for entry in fs::read_dir(input).map_err(|e| Error::io(input, e))? {
                let path = entry.map_err(|e| Error::io(input, e))?.path();
                if path.extension().is_some_and(|x| x == "txt") {
                    if path.is_file() {
                        sources.push(Source::File(path));
                    } else {
                        // A dangling link or a directory named *.txt: an article the user
                        // meant to give may be missing, so say so rather than drop it quietly.
                        warnings.push(Warning {
                            path,
                            message: "not a readable file, skipped".into(),
                            skipped: true,
                        });
                    }
                }
            }
            if sources.len() == before {
                warnings.push(Warning {
                    path: input.clone(),
                    message: "directory holds no .txt file".into(),
                    skipped: false,
                });
            }
        } else {
            sources.push(Source::File(input.clone()));
        }
    }
    sources.sort_by_key(|s| (s.id(), s.clone()));
    // One file named twice ("seeds" and "./seeds/a.txt") would count its evidence twice.
    sources.dedup_by(|b, a| {
        a == b || (a.id() == b.id() && a.canonical().is_some() && a.canonical() == b.canonical())
    });
    // Evidence names its document by id (the file stem): two files with one id cannot be told
    // apart in the graph, so say so.
    for pair in sources.windows(2) {
        if let (Source::File(path), true) = (&pair[1], pair[0].id() == pair[1].id()) {
            let message = format!(
                "document id {:?} is also that of an earlier input; their evidence will share it",
                pair[1].id()
            );
            warnings.push(Warning {
                path: path.clone(),
                message,
                skipped: false,
            });
        }
    }
    Ok(sources)
}

/// Reads every input into memory (small corpora and tests; the CLI streams with
/// [`list_sources`] and [`Source::read`]).
pub fn read_inputs(
    inputs: &[PathBuf],
    warnings: &mut Vec<Warning>,
) -> Result<Vec<(String, String)>> {
    let mut docs = Vec::new();
    for source in list_sources(inputs, warnings)? {
        docs.extend(source.read(warnings)?);
    }
    Ok(docs)
}

/// Decodes a file: binary files (NUL bytes) are skipped and invalid UTF-8 replaced, each with a
/// warning; an empty file is kept with a warning.
fn decode(path: &Path, bytes: Vec<u8>, warnings: &mut Vec<Warning>) -> Option<String> {
    let warn = |warnings: &mut Vec<Warning>, message: String, skipped: bool| {
        warnings.push(Warning {
            path: path.to_path_buf(),
            message,
            skipped,
        })
    };
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        warn(
            warnings,
            format!("binary file (NUL byte at offset {pos}), skipped"),
            true,
        );
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            warn(
                warnings,
                format!("invalid UTF-8 at byte offset {offset}, replaced with U+FFFD"),
                false,
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    // U+FFFE and U+FFFF are not text, and RDF parsers such as raptor reject them even escaped.
    let noncharacter = |c: char| matches!(c, '\u{FFFE}' | '\u{FFFF}');
    let text = match text.find(noncharacter) {
        Some(offset) => {
            warn(
                warnings,
                format!("noncharacter at byte offset {offset}, replaced with U+FFFD"),
                false,
            );
            text.replace(noncharacter, "\u{FFFD}")
        }
        None => text,
    };
    if text.trim().is_empty() {
        warn(warnings, "empty file".into(), false);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joiners() -> PhraseSet {
        let mut p = PhraseSet::default();
        for w in ["the", "of", "in", "and"] {
            p.insert(w);
        }
        p
    }

    #[test]
    fn column_fragments_are_joined_and_offsets_kept() {
        let original = "reached between\n\nChile's\nForeign\nMinister Daniel\nMoses Bakari\nand the\n\n\n\nPeru, X in a call.\n\nNew paragraph.";
        let (text, map) = repair_lines(original, &joiners());
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
            "Pakistan and Iran Conflicts\nPakistan and Iran agreed on Friday.",
            &joiners(),
        );
        assert_eq!(
            text,
            "Pakistan and Iran Conflicts\nPakistan and Iran agreed on Friday."
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
        let (text, map) = repair_lines(WRAPPED, &joiners());
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
        let doc = Document::new("d", WRAPPED, &joiners());
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
        let (text, _) = repair_lines(&paragraphs, &joiners());
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
            &joiners(),
        );
        assert_eq!(text, "both countries to de-escalate the tensions.");
    }

    #[test]
    fn crlf_and_bom_are_invisible() {
        let original =
            "\u{FEFF}Pakistan and Iran agree to talks\r\nIran struck back on Friday.\r\n";
        let doc = Document::new("d", original, &joiners());
        assert_eq!(
            doc.text,
            "Pakistan and Iran agree to talks\nIran struck back on Friday."
        );
        let repaired = doc.text.chars().position(|c| c == '\n').unwrap() + 1;
        // offsets count from the text after its byte-order mark
        assert_eq!(
            doc.offsets.to_original(repaired),
            "Pakistan and Iran agree to talks\r\n".chars().count()
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Pakistan and Iran agree to talks")
        );
    }

    #[test]
    fn binary_and_invalid_utf8_are_reported() {
        let mut w = Vec::new();
        assert!(decode(Path::new("a.txt"), vec![b'a', 0, b'b'], &mut w).is_none());
        assert_eq!(
            decode(Path::new("b.txt"), vec![b'o', b'k', 0xff], &mut w).as_deref(),
            Some("ok\u{FFFD}")
        );
        assert!(w[0].message.contains("NUL byte at offset 1"));
        assert!(w[1].message.contains("byte offset 2"));
    }
}
