//! `graph.html`: the explorer, one self-contained page that draws the graph and shows, on a
//! click, the sentences behind a relation.
//!
//! The page is a template (`html/explorer.html`, its script `html/explorer.js`) with two
//! scripts embedded: Cytoscape.js (`html/cytoscape.min.js`, vendored from the npm registry
//! with its licence; `html/README.md` says how to update it) and the graph as JSON. It loads
//! nothing: its Content-Security-Policy forbids every fetch, so it works offline and from a
//! file. The entities sit where [`Layout`](super::layout::Layout) put them, the same places as in the GEXF file, so
//! the browser does not run a layout.
//!
//! The embedded data stores each sentence once, even when several relations cite it, with
//! trigger offsets relative to it. It is JSON inside a `<script>` element, whose content ends
//! at the first `</script` whatever the quotes around it, so every `<` in it is written
//! `\u003c` (see [`ScriptSafe`]).

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{start_document, HexColor};
use crate::edge::{Evidence, Modality};
use crate::entity::EntityType;
use crate::graph::{DocumentMeta, KnowledgeGraph, SentenceTexts};

/// The page up to the scripts: markup and style.
const PAGE: &str = include_str!("html/explorer.html");
/// Cytoscape.js, minified, with its MIT licence at its head (kept in every page).
const CYTOSCAPE: &str = include_str!("html/cytoscape.min.js");
/// The explorer's own script, which reads the data and drives Cytoscape.
const SCRIPT: &str = include_str!("html/explorer.js");

/// At most this many sentences of one relation are embedded (the first in document order);
/// the panel says how many more there are. Every one is in the JSON and RDF exports; this
/// bounds the page of a large corpus, where an edge can gather thousands.
pub(super) const MAX_EVIDENCE: usize = 25;

/// Builds a [`WriterHtmlSerializer`].
///
/// ```
/// use newsgraph::export::HtmlSerializer;
/// use newsgraph::{Entity, EntityType, GraphBuilder};
///
/// let mut graph = GraphBuilder::new();
/// graph.add_entity(Entity::new("Vakaria </script>", EntityType::State));
/// let mut writer = HtmlSerializer::new().for_writer(Vec::new());
/// writer.serialize_graph(&graph.finish())?;
/// let page = String::from_utf8(writer.finish()?).unwrap();
/// assert!(page.contains(r"Vakaria \u003c/script>"));
/// # std::io::Result::Ok(())
/// ```
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct HtmlSerializer;

impl HtmlSerializer {
    pub fn new() -> Self {
        HtmlSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterHtmlSerializer<W> {
        WriterHtmlSerializer {
            writer,
            written: false,
        }
    }
}

/// Writes one graph as the explorer page to a [`Write`].
#[must_use]
pub struct WriterHtmlSerializer<W: Write> {
    writer: W,
    written: bool,
}

impl<W: Write> WriterHtmlSerializer<W> {
    /// Writes the whole page. A page holds one graph: a second call is an error.
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        start_document(&mut self.written)?;
        let w = &mut self.writer;
        w.write_all(PAGE.as_bytes())?;
        w.write_all(b"<script>\n")?;
        w.write_all(CYTOSCAPE.as_bytes())?;
        w.write_all(b"\n</script>\n<script id=\"newsgraph-data\" type=\"application/json\">\n")?;
        write_data(w, graph)?;
        w.write_all(b"\n</script>\n<script>\n")?;
        w.write_all(SCRIPT.as_bytes())?;
        w.write_all(b"</script>\n</body>\n</html>\n")
    }

    /// Ends the document (writing an empty graph if none was) and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.written {
            self.serialize_graph(&KnowledgeGraph::new())?;
        }
        Ok(self.writer)
    }
}

/// Compact JSON that can stand inside a `<script>` element: `<` is written `\u003c`, so no
/// text can end the element (`</script`) or open a comment in it (`<!--`), and U+2028 and
/// U+2029 are escaped too, since they end a line in JavaScript source (before ES2019) and
/// trip tools that read the page as such. Outside strings JSON has none of these characters,
/// and inside one the escape stands for the same character.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // A byte search: `<` or 0xE2, the lead byte of U+2028 and U+2029 (E2 80 A8, E2 80 A9)
        // and of other characters, which are kept. Searching for the three characters
        // decoded each character of the text.
        let bytes = fragment.as_bytes();
        let (mut run, mut i) = (0, 0);
        while let Some(at) = bytes[i..].iter().position(|&b| b == b'<' || b == 0xE2) {
            let at = i + at;
            let escaped = match &bytes[at..] {
                [b'<', ..] => Some(("\\u003c", 1)),
                [0xE2, 0x80, 0xA8, ..] => Some(("\\u2028", 3)),
                [0xE2, 0x80, 0xA9, ..] => Some(("\\u2029", 3)),
                _ => None,
            };
            i = at + 1;
            if let Some((escape, len)) = escaped {
                writer.write_all(&bytes[run..at])?;
                writer.write_all(escape.as_bytes())?;
                i = at + len;
                run = i;
            }
        }
        writer.write_all(&bytes[run..])
    }
}

/// Cytoscape.js node shape of each entity type.
fn shape(t: EntityType) -> &'static str {
    match t {
        EntityType::State => "round-rectangle",
        EntityType::Official => "ellipse",
        EntityType::Group => "hexagon",
        EntityType::Operation => "diamond",
        EntityType::Organization => "rectangle",
        EntityType::Place => "round-triangle",
        EntityType::Person => "round-tag",
    }
}

/// Where the trigger is in the sentence's text, in code points. The offsets point into the
/// original file, and the text has its wrapped lines joined, so they can be off by the breaks
/// repaired before the trigger: its words are looked for in the text, nearest to where the
/// offsets put them, and the offsets are the fallback.
fn trigger_span(e: &Evidence) -> [usize; 2] {
    let expected = e.trigger_start.saturating_sub(e.start);
    let found = (!e.trigger.is_empty())
        .then(|| {
            e.text
                .match_indices(e.trigger.as_str())
                .map(|(byte, _)| e.text[..byte].chars().count())
                .min_by_key(|&at| at.abs_diff(expected))
        })
        .flatten();
    match found {
        Some(at) => [at, at + e.trigger.chars().count()],
        None => [
            expected,
            expected + e.trigger_end.saturating_sub(e.trigger_start),
        ],
    }
}

/// Writes `value` as JSON that can stand in a script element.
fn write_json<W: Write + ?Sized, T: Serialize + ?Sized>(w: &mut W, value: &T) -> io::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(w, ScriptSafe))?;
    Ok(())
}

/// Writes the data the page's script reads: `{"evidence_limit", "types", "relations",
/// "documents", "sentences", "nodes", "edges"}`, where entities, relations, sentences and
/// documents refer to each other by their index in these lists. The evidence of the edges is
/// read twice (from disk when the graph keeps it there): first only the sentences and
/// documents that the evidence embedded in the page cites, then the edges to be written.
fn write_data<W: Write + ?Sized>(w: &mut W, graph: &KnowledgeGraph) -> io::Result<()> {
    // The sentences cited, by document and index, each with its row in the sentence list
    // (set as the list is written, while the documents borrow their ids).
    let mut cited_sentences: FxHashMap<String, FxHashMap<usize, Cell<usize>>> =
        FxHashMap::default();
    graph.for_each_citation(MAX_EVIDENCE, |doc, sentence| {
        match cited_sentences.get_mut(doc) {
            Some(sentences) => {
                sentences.insert(sentence, Cell::new(0));
            }
            None => {
                let sentences = FxHashMap::from_iter([(sentence, Cell::new(0))]);
                cited_sentences.insert(doc.to_owned(), sentences);
            }
        }
    })?;
    // Every document of the graph, and any other its evidence cites, in id order.
    let mut documents: BTreeMap<&str, Option<&DocumentMeta>> = graph
        .documents()
        .map(|d| (d.id.as_str(), Some(d)))
        .collect();
    for doc in cited_sentences.keys() {
        documents.entry(doc).or_insert(None);
    }
    let document_index: FxHashMap<&str, usize> =
        documents.keys().enumerate().map(|(i, &d)| (d, i)).collect();

    w.write_all(b"{\"evidence_limit\":")?;
    write_json(w, &MAX_EVIDENCE)?;
    w.write_all(b",\"types\":")?;
    let types: Vec<TypeRow> = EntityType::ALL
        .into_iter()
        .map(|t| TypeRow {
            name: t.as_str(),
            color: HexColor::new(t.color()),
            shape: shape(t),
        })
        .collect();
    write_json(w, &types)?;
    w.write_all(b",\"relations\":")?;
    let kinds = graph.relation_kinds();
    let relations: Vec<RelationRow> = kinds
        .iter()
        .map(|r| RelationRow {
            name: r.as_str(),
            color: HexColor::new(r.color()),
            symmetric: r.is_symmetric(),
        })
        .collect();
    write_json(w, &relations)?;
    w.write_all(b",\"documents\":")?;
    let document_rows: Vec<DocumentRow> = documents
        .iter()
        .map(|(&id, meta)| DocumentRow {
            id,
            title: meta.and_then(|m| m.title.as_deref()),
            published: meta.and_then(|m| m.published.as_deref()),
            url: meta.and_then(|m| m.url.as_deref()),
        })
        .collect();
    write_json(w, &document_rows)?;

    // The cited sentences, in (document, index) order, the order of graph.sentences().
    w.write_all(b",\n\"sentences\":[")?;
    let mut written = 0;
    for sentence in graph.sentences()? {
        let sentence = sentence?;
        let Some(row) = cited_sentences
            .get(sentence.doc.as_str())
            .and_then(|sentences| sentences.get(&sentence.index))
        else {
            continue;
        };
        row.set(written);
        w.write_all(if written == 0 { b"\n" } else { b",\n" })?;
        write_json(
            w,
            &SentenceRow {
                doc: document_index[sentence.doc.as_str()],
                index: sentence.index,
                text: &sentence.text,
            },
        )?;
        written += 1;
    }
    if written != cited_sentences.values().map(FxHashMap::len).sum::<usize>() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the graph's sentences lack one that its evidence cites",
        ));
    }

    w.write_all(b"],\n\"nodes\":[")?;
    let layout = graph.layout();
    let mut node_index: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, (e, place)) in graph.entities().zip(&layout.nodes).enumerate() {
        node_index.insert(&e.id, i);
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write_json(
            w,
            &NodeRow {
                id: &e.id,
                label: &e.label,
                entity_type: EntityType::ALL
                    .iter()
                    .position(|&t| t == e.entity_type)
                    .expect("every type is in EntityType::ALL"),
                x: place.x,
                y: place.y,
                size: place.size,
                mentions: e.mentions,
                aliases: &e.aliases,
                wikidata: e.wikidata.as_deref(),
            },
        )?;
    }

    w.write_all(b"\n],\n\"edges\":[")?;
    let mut separator: &[u8] = b"\n";
    graph.for_each_edge(SentenceTexts::First(MAX_EVIDENCE), |edge| {
        let r = &edge.relation;
        w.write_all(std::mem::replace(&mut separator, b",\n"))?;
        write_json(
            w,
            &EdgeRow {
                source: node_index[edge.source.id.as_str()],
                target: node_index[edge.target.id.as_str()],
                relation: kinds
                    .binary_search(&r.kind)
                    .expect("relation_kinds holds every edge's kind, sorted"),
                weight: edge.weight(),
                cameo: r.kind.cameo(),
                plover: r.kind.plover(),
                role: r.role.as_deref(),
                evidence: r
                    .evidence
                    .iter()
                    .take(MAX_EVIDENCE)
                    .map(|e| EvidenceRow {
                        sentence: cited_sentences[e.doc.as_str()][&e.sentence].get(),
                        trigger: trigger_span(e),
                        date: e.date.as_deref(),
                        modality: e.modality,
                        caller: e.caller.as_deref(),
                    })
                    .collect(),
            },
        )
    })?;
    w.write_all(b"\n]}")
}

#[derive(Serialize)]
struct TypeRow {
    name: &'static str,
    color: HexColor,
    shape: &'static str,
}

#[derive(Serialize)]
struct RelationRow<'a> {
    name: &'a str,
    color: HexColor,
    symmetric: bool,
}

#[derive(Serialize)]
struct DocumentRow<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct SentenceRow<'a> {
    doc: usize,
    /// The sentence's index in its document, from 0.
    index: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct NodeRow<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    entity_type: usize,
    x: f64,
    y: f64,
    size: f64,
    mentions: u64,
    aliases: &'a BTreeSet<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
}

#[derive(Serialize)]
struct EdgeRow<'a> {
    source: usize,
    target: usize,
    relation: usize,
    weight: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    cameo: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plover: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    evidence: Vec<EvidenceRow<'a>>,
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    sentence: usize,
    /// The trigger's start and end in code points of the sentence.
    trigger: [usize; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    modality: Modality,
    #[serde(skip_serializing_if = "Option::is_none")]
    caller: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &str, trigger: &str, start: usize, trigger_start: usize) -> Evidence {
        let mut e = Evidence::placeholder("d", None);
        e.text = text.into();
        e.trigger = trigger.into();
        e.start = start;
        e.trigger_start = trigger_start;
        e.trigger_end = trigger_start + trigger.chars().count();
        e
    }

    #[test]
    fn the_trigger_is_found_in_the_text_nearest_its_offsets() {
        // Offsets agree with the text.
        assert_eq!(
            trigger_span(&evidence("Vakaria struck Bakaria.", "struck", 100, 108)),
            [8, 14]
        );
        // A joined line moved it by one: the occurrence nearest the offsets is taken.
        let e = evidence("It struck, and struck again.", "struck", 0, 16);
        assert_eq!(trigger_span(&e), [15, 21]);
        // Code points, not bytes.
        assert_eq!(
            trigger_span(&evidence("Ürümqi struck.", "struck", 0, 7)),
            [7, 13]
        );
        // Not in the text: the offsets.
        assert_eq!(
            trigger_span(&evidence("Nothing here.", "struck", 10, 12)),
            [2, 8]
        );
    }

    fn script_safe(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut out, ScriptSafe,
            ))
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn script_safe_json_escapes_what_ends_a_script_and_means_the_same() {
        let text = "</script><!--x< & \"q\" 'a'\nline\u{2028}sep\u{2029}para é";
        let value = serde_json::json!({ "a</script>": text });
        let written = script_safe(&value);
        assert_eq!(
            written,
            r#"{"a\u003c/script>":"\u003c/script>\u003c!--x\u003c & \"q\" 'a'\nline\u2028sep\u2029para é"}"#
        );
        assert!(!written.contains('<') && !written.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(back, value);
    }
}
