//! Exporters: one serializer per format, each over any `io::Write`.
//!
//! Every format follows the pattern of oxttl's serializers: a builder
//! (`GraphMlSerializer::new()`) becomes a writer with `for_writer(w)`, the writer takes the
//! graph with `serialize_graph(&graph)`, and `finish()` closes the document and hands the
//! `Write` back, so errors of the last bytes are not lost in a `Drop`. [`write_graph`] does
//! all three for one [`Format`].
//!
//! The serializers write as they walk the graph, without building the document in memory,
//! and make many small writes: buffering is the caller's job (pass a `BufWriter`).
//!
//! Output is byte-for-byte deterministic: entities, edges and documents are written in the
//! order [`KnowledgeGraph`] iterates them (by id), which is what lets CI diff `out/`.
//!
//! ```
//! use newsgraph::export::{write_graph, Format};
//! use newsgraph::{Entity, EntityType, GraphBuilder};
//!
//! let mut graph = GraphBuilder::new();
//! graph.add_entity(Entity::new("Vakaria", EntityType::State));
//! let graph = graph.finish();
//! for format in Format::ALL {
//!     let bytes = write_graph(&graph, format, Vec::new())?;
//!     assert!(!bytes.is_empty(), "{} is empty", format.file_name());
//! }
//! # std::io::Result::Ok(())
//! ```

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use crate::edge::{Modality, Relation};
use crate::graph::KnowledgeGraph;

mod dot;
mod gexf;
mod graphml;
mod html;
mod json;
mod layout;
mod rdf;
#[cfg(test)]
mod tests;
mod xml;

pub use dot::{DotSerializer, WriterDotSerializer};
pub use gexf::{GexfSerializer, WriterGexfSerializer};
pub use graphml::{GraphMlSerializer, WriterGraphMlSerializer};
pub use html::{HtmlSerializer, WriterHtmlSerializer};
pub use json::{JsonSerializer, WriterJsonSerializer};
pub(crate) use layout::{Layout, LazyLayout};
pub use rdf::{
    document_iri, entity_iri, relation_property, NQuadsSerializer, NTriplesSerializer,
    TurtleSerializer, WriterNQuadsSerializer, WriterNTriplesSerializer, WriterTurtleSerializer,
    DOCUMENT_NS, ENTITY_NS, EVIDENCE_NS, ONTOLOGY_NS, SENTENCE_NS, STATEMENT_NS,
};

/// The export formats, each written to `graph.<extension>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Turtle,
    NTriples,
    NQuads,
    GraphMl,
    Gexf,
    Dot,
    Json,
    Html,
}

impl Format {
    /// Every format, in the order the CLI writes them.
    pub const ALL: [Format; 8] = [
        Format::Turtle,
        Format::NTriples,
        Format::NQuads,
        Format::GraphMl,
        Format::Gexf,
        Format::Dot,
        Format::Json,
        Format::Html,
    ];

    /// The formats written when none is asked for: all but N-Quads, which is for sharded runs
    /// and for stores that keep provenance per graph.
    pub const DEFAULT: [Format; 7] = [
        Format::Turtle,
        Format::NTriples,
        Format::GraphMl,
        Format::Gexf,
        Format::Dot,
        Format::Json,
        Format::Html,
    ];

    /// The canonical name, as accepted by `--format` and printed by `Display`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Turtle => "turtle",
            Format::NTriples => "ntriples",
            Format::NQuads => "nquads",
            Format::GraphMl => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Html => "html",
        }
    }

    /// File extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Turtle => "ttl",
            Format::NTriples => "nt",
            Format::NQuads => "nq",
            Format::GraphMl => "graphml",
            Format::Gexf => "gexf",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Html => "html",
        }
    }

    /// The file the format is exported to in the output directory: `graph.<extension>`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Turtle => "graph.ttl",
            Format::NTriples => "graph.nt",
            Format::NQuads => "graph.nq",
            Format::GraphMl => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::Dot => "graph.dot",
            Format::Json => "graph.json",
            Format::Html => "graph.html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A `--format` value that names no format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown format {0:?} (expected one of turtle|ttl, ntriples|nt, nquads|nq, graphml, gexf, dot, json, html)"
)]
pub struct ParseFormatError(pub String);

impl FromStr for Format {
    type Err = ParseFormatError;

    /// Accepts each format's name or extension, in any ASCII case, with spaces around it
    /// (`--format "json, dot"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s) || f.extension().eq_ignore_ascii_case(s))
            .ok_or_else(|| ParseFormatError(s.to_owned()))
    }
}

/// Writes `graph` to `w` in `format` and returns the writer once the document is complete.
pub fn write_graph<W: Write>(graph: &KnowledgeGraph, format: Format, w: W) -> io::Result<W> {
    fn run<W, S: GraphWriter<W>>(mut writer: S, graph: &KnowledgeGraph) -> io::Result<W> {
        writer.serialize_graph(graph)?;
        writer.finish()
    }
    match format {
        Format::Turtle => run(TurtleSerializer::new().for_writer(w), graph),
        Format::NTriples => run(NTriplesSerializer::new().for_writer(w), graph),
        Format::NQuads => run(NQuadsSerializer::new().for_writer(w), graph),
        Format::GraphMl => run(GraphMlSerializer::new().for_writer(w), graph),
        Format::Gexf => run(GexfSerializer::new().for_writer(w), graph),
        Format::Dot => run(DotSerializer::new().for_writer(w), graph),
        Format::Json => run(JsonSerializer::new().for_writer(w), graph),
        Format::Html => run(HtmlSerializer::new().for_writer(w), graph),
    }
}

/// The two calls every format writer answers, so [`write_graph`] can drive them alike.
trait GraphWriter<W> {
    fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()>;
    fn finish(self) -> io::Result<W>;
}

/// Implements [`GraphWriter`] by the writers' inherent methods, which are the public API (as
/// in oxttl, a caller needs no trait in scope).
macro_rules! graph_writers {
    ($($writer:ident),+) => {$(
        impl<W: Write> GraphWriter<W> for $writer<W> {
            fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
                $writer::serialize_graph(self, graph)
            }

            fn finish(self) -> io::Result<W> {
                $writer::finish(self)
            }
        }
    )+};
}

graph_writers!(
    WriterTurtleSerializer,
    WriterNTriplesSerializer,
    WriterNQuadsSerializer,
    WriterGraphMlSerializer,
    WriterGexfSerializer,
    WriterDotSerializer,
    WriterJsonSerializer,
    WriterHtmlSerializer
);

/// Guards the formats whose file holds exactly one graph (JSON, GraphML, GEXF, DOT, HTML): a
/// second `serialize_graph` would produce an invalid document, so it is refused.
fn start_document(written: &mut bool) -> io::Result<()> {
    if std::mem::replace(written, true) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "this format holds one graph per document and one was already written",
        ));
    }
    Ok(())
}

/// `#rrggbb`, the colour notation of Gephi, Graphviz and the JSON export, formatted on the
/// stack because it is written once per node and edge.
#[derive(Clone, Copy)]
struct HexColor([u8; 7]);

impl HexColor {
    fn new((r, g, b): (u8, u8, u8)) -> Self {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [b'#'; 7];
        for (i, byte) in [r, g, b].into_iter().enumerate() {
            out[1 + 2 * i] = DIGITS[usize::from(byte >> 4)];
            out[2 + 2 * i] = DIGITS[usize::from(byte & 0xf)];
        }
        HexColor(out)
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

impl serde::Serialize for HexColor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The documents that attest an edge, sorted and each once, without the allocation of
/// [`Relation::documents`]: evidence is sorted by document first, so equal ids are adjacent.
fn distinct_documents(relation: &Relation) -> impl Iterator<Item = &str> + Clone {
    let evidence = &relation.evidence;
    evidence
        .iter()
        .enumerate()
        .filter(move |&(i, e)| i == 0 || evidence[i - 1].doc != e.doc)
        .map(|(_, e)| e.doc.as_str())
}

/// How many of an edge's pieces of evidence report a claim rather than assert the event.
fn claimed_count(relation: &Relation) -> usize {
    relation
        .evidence
        .iter()
        .filter(|e| e.modality == Modality::Claimed)
        .count()
}

/// The distinct well-formed event dates of an edge (see [`is_iso_date`]), in order.
fn event_days(relation: &Relation) -> Vec<&str> {
    let mut days: Vec<&str> = relation
        .evidence
        .iter()
        .filter_map(|e| e.date.as_deref())
        .filter(|d| is_iso_date(d))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// Whether `s` is an ISO 8601 calendar date `YYYY-MM-DD` that exists (`xsd:date`'s lexical
/// form, year 0001 or later). Dates come from the pipeline as strings; the formats that type
/// them (`xsd:date` in RDF, the day intervals of GEXF) only get valid ones, so one bad
/// value cannot make a whole file invalid.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    year >= 1 && (1..=days).contains(&day)
}

/// Serializes `value` as JSON into `buf` and returns it as text: GraphML and GEXF carry
/// lists (aliases, documents, evidence) as JSON strings. `buf` is reused between calls.
fn json_into<'b, T: serde::Serialize + ?Sized>(
    buf: &'b mut Vec<u8>,
    value: &T,
) -> io::Result<&'b str> {
    buf.clear();
    serde_json::to_writer(&mut *buf, value)?;
    Ok(std::str::from_utf8(buf).expect("serde_json writes UTF-8"))
}

/// An unsigned integer formatted on the stack, for the writers that need numbers as text.
struct Int {
    digits: [u8; 20],
    start: usize,
}

impl Int {
    fn new(mut n: u64) -> Self {
        let mut digits = [0; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Int { digits, start }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[self.start..]).expect("ASCII digits")
    }
}

impl From<usize> for Int {
    fn from(n: usize) -> Self {
        Int::new(n as u64)
    }
}

impl From<u8> for Int {
    fn from(n: u8) -> Self {
        Int::new(n.into())
    }
}
