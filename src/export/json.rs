//! `graph.json`: networkx node-link data, loadable with
//! `networkx.node_link_graph(data, edges="edges")` as a `MultiDiGraph`.
//!
//! The document is written one node or edge per line (each serialized by serde straight to
//! the writer), so it streams, diffs well in `out/`, and stays valid JSON.

use std::io::{self, Write};

use serde::ser::{Error as _, SerializeMap, SerializeSeq};
use serde::Serialize;

use super::{distinct_documents, start_document, HexColor};
use crate::edge::{Evidence, Modality};
use crate::entity::Entity;
use crate::graph::{EdgeView, KnowledgeGraph, SentenceTexts};

/// Builds a [`WriterJsonSerializer`].
///
/// ```
/// use newsgraph::export::JsonSerializer;
/// use newsgraph::KnowledgeGraph;
///
/// let mut writer = JsonSerializer::new().for_writer(Vec::new());
/// writer.serialize_graph(&KnowledgeGraph::new())?;
/// let json: serde_json::Value = serde_json::from_slice(&writer.finish()?).unwrap();
/// assert_eq!(json["multigraph"], true);
/// # std::io::Result::Ok(())
/// ```
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct JsonSerializer;

impl JsonSerializer {
    pub fn new() -> Self {
        JsonSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterJsonSerializer<W> {
        WriterJsonSerializer {
            writer,
            written: false,
        }
    }
}

/// Writes one graph as node-link JSON to a [`Write`].
#[must_use]
pub struct WriterJsonSerializer<W: Write> {
    writer: W,
    written: bool,
}

impl<W: Write> WriterJsonSerializer<W> {
    /// Writes the whole document. A JSON file holds one graph: a second call is an error.
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        start_document(&mut self.written)?;
        let w = &mut self.writer;
        w.write_all(b"{\"directed\":true,\"multigraph\":true,\"graph\":")?;
        serde_json::to_writer(
            &mut *w,
            &GraphHeader {
                name: "newsgraph",
                documents: Documents(graph),
                sentences: Sentences(graph),
            },
        )?;
        w.write_all(b",\n\"nodes\":[")?;
        for (i, entity) in graph.entities().enumerate() {
            w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *w, &NodeRow::new(entity))?;
        }
        w.write_all(b"\n],\n\"edges\":[")?;
        let mut separator: &[u8] = b"\n";
        graph.for_each_edge(SentenceTexts::Skipped, |edge| {
            w.write_all(std::mem::replace(&mut separator, b",\n"))?;
            Ok(serde_json::to_writer(&mut *w, &EdgeRow::new(edge, graph))?)
        })?;
        w.write_all(b"\n]}\n")
    }

    /// Ends the document (writing an empty graph if none was) and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.written {
            self.serialize_graph(&KnowledgeGraph::new())?;
        }
        Ok(self.writer)
    }
}

/// networkx's graph attributes: the graph's name, its source documents and the text of the
/// sentences its evidence cites.
#[derive(Serialize)]
struct GraphHeader<'a> {
    name: &'static str,
    documents: Documents<'a>,
    sentences: Sentences<'a>,
}

/// The text of every supporting sentence, once: `{doc: {sentence index: text}}`, so an
/// evidence record's `doc` and `sentence` find its text (`sentences[doc][sentence]` in
/// JavaScript, `sentences[doc][str(sentence)]` in Python). A sentence that supports several
/// edges, or one edge and its reverse, was repeated in each; JSON object keys are strings, so
/// the indices are written as strings.
struct Sentences<'a>(&'a KnowledgeGraph);

impl Serialize for Sentences<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Sentences come sorted by document: each document's are gathered, then written.
        let mut map = serializer.serialize_map(None)?;
        let mut doc = String::new();
        let mut texts: Vec<(usize, String)> = Vec::new();
        for sentence in self.0.sentences().map_err(S::Error::custom)? {
            let sentence = sentence.map_err(S::Error::custom)?;
            if sentence.doc != doc {
                if !texts.is_empty() {
                    map.serialize_entry(&doc, &DocumentSentences(&texts))?;
                }
                texts.clear();
                doc = sentence.doc;
            }
            texts.push((sentence.index, sentence.text));
        }
        if !texts.is_empty() {
            map.serialize_entry(&doc, &DocumentSentences(&texts))?;
        }
        map.end()
    }
}

/// A document's sentences: `{index: text}`.
struct DocumentSentences<'a>(&'a [(usize, String)]);

impl Serialize for DocumentSentences<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(index, text)| (index, text)))
    }
}

/// The documents of a graph, serialized from its iterator without collecting them.
struct Documents<'a>(&'a KnowledgeGraph);

impl Serialize for Documents<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.documents())
    }
}

#[derive(Serialize)]
struct NodeRow<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    entity_type: &'static str,
    aliases: &'a std::collections::BTreeSet<String>,
    mentions: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    iso3: Option<&'a str>,
    color: HexColor,
}

impl<'a> NodeRow<'a> {
    fn new(entity: &'a Entity) -> Self {
        NodeRow {
            id: &entity.id,
            label: &entity.label,
            entity_type: entity.entity_type.as_str(),
            aliases: &entity.aliases,
            mentions: entity.mentions,
            wikidata: entity.wikidata.as_deref(),
            iso3: entity.iso3.as_deref(),
            color: HexColor::new(entity.entity_type.color()),
        }
    }
}

/// One edge; `key` is the relation, which tells parallel edges of a pair apart in networkx.
#[derive(Serialize)]
struct EdgeRow<'a> {
    source: &'a str,
    target: &'a str,
    key: &'a str,
    relation: &'a str,
    weight: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    cameo: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plover: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_date: Option<&'a str>,
    documents: EdgeDocuments<'a>,
    evidence: EvidenceList<'a>,
}

impl<'a> EdgeRow<'a> {
    fn new(edge: &'a EdgeView<'_>, graph: &'a KnowledgeGraph) -> Self {
        let relation = &*edge.relation;
        EdgeRow {
            source: &edge.source.id,
            target: &edge.target.id,
            key: relation.kind.as_str(),
            relation: relation.kind.as_str(),
            weight: relation.weight(),
            cameo: relation.kind.cameo(),
            plover: relation.kind.plover(),
            role: relation.role.as_deref(),
            first_date: relation.first_date(),
            last_date: relation.last_date(),
            documents: EdgeDocuments(relation),
            evidence: EvidenceList(&relation.evidence, graph),
        }
    }
}

/// The documents of an edge as a JSON array (also the GraphML and GEXF `documents` value).
pub(super) struct EdgeDocuments<'a>(pub(super) &'a crate::edge::Relation);

impl Serialize for EdgeDocuments<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(distinct_documents(self.0))
    }
}

/// An edge's evidence as a JSON array of objects (also the GraphML `evidence` value), each
/// with its document's address when the graph knows it, without the sentence's text (in
/// JSON the graph's `sentences` table holds it, in GraphML the edge's `first_quote` the first
/// one). The field order and the omission of an unknown date or address are part of the
/// format.
pub(super) struct EvidenceList<'a>(pub(super) &'a [Evidence], pub(super) &'a KnowledgeGraph);

impl Serialize for EvidenceList<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        // Evidence comes by document: each document is looked up once, for its first.
        let mut document: Option<(&str, Option<&str>)> = None;
        for e in self.0 {
            let url = match document {
                Some((doc, url)) if doc == e.doc => url,
                _ => {
                    let url = self.1.document(&e.doc).and_then(|d| d.url.as_deref());
                    document = Some((&e.doc, url));
                    url
                }
            };
            seq.serialize_element(&EvidenceRow {
                doc: &e.doc,
                sentence: e.sentence,
                start: e.start,
                end: e.end,
                trigger_start: e.trigger_start,
                trigger_end: e.trigger_end,
                trigger: &e.trigger,
                date: e.date.as_deref(),
                modality: e.modality,
                caller: e.caller.as_deref(),
                url,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    doc: &'a str,
    sentence: usize,
    start: usize,
    end: usize,
    trigger_start: usize,
    trigger_end: usize,
    trigger: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    modality: Modality,
    #[serde(skip_serializing_if = "Option::is_none")]
    caller: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}
