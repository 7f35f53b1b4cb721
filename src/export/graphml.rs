//! `graph.graphml`: GraphML 1.0, valid against its XSD, with the attribute names Gephi and
//! networkx understand.
//!
//! The XSD shapes a few choices:
//! - `<key>` ids must be unique in the document and each equals its `attr.name`, so nodes
//!   and edges cannot both have a `label` or a `color` key. Nodes get `label` and `color`
//!   (`#rrggbb`); edges get `edgelabel` and the channels `r`, `g`, `b`, which Gephi's
//!   importer reads as the edge label and colour.
//! - Node and edge ids are `xs:NMTOKEN`s: entity ids (slugs) are used as they are, and any
//!   other character is escaped as `.HEX.`, with `.` and `:` themselves escaped, which keeps
//!   the mapping one-to-one. An edge's id is `{source}:{relation}:{target}`.
//! - No `<desc>`: Gephi would overwrite labels with it.
//! - Each `<edge>` has a `label` XML attribute holding its relation. Gephi's GraphML importer
//!   takes that attribute (and nothing else) as the edge's type, its name for a kind of
//!   parallel edge; without it, the Import report's default merge strategy folds the
//!   relations between one pair (struck, called, condemned) into a single edge. The GraphML
//!   XSD declares no such attribute, and GraphML allows one through the extension its primer
//!   describes (redefining the schema's `edge.extra.attrib`): the file is valid against the
//!   XSD so extended (`tests/interop/graphml-edge-label.xsd`), and, without that one
//!   attribute, against the XSD itself. networkx, igraph and yEd ignore it.
//!
//! Lists (aliases, documents, evidence) are JSON strings. Text XML 1.0 cannot carry (most
//! C0 controls, U+FFFE, U+FFFF) is replaced with U+FFFD; see the `xml` module.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::json::{EdgeDocuments, EvidenceList};
use super::xml::XmlOut;
use super::{claimed_count, json_into, start_document, HexColor, Int};
use crate::entity::Entity;
use crate::graph::{EdgeView, KnowledgeGraph, SentenceTexts};

/// `(id = attr.name, attr.type)` of the node keys, in the order the data is written.
const NODE_KEYS: [(&str, &str); 7] = [
    ("label", "string"),
    ("type", "string"),
    ("aliases", "string"),
    ("mentions", "long"),
    ("wikidata", "string"),
    ("iso3", "string"),
    ("color", "string"),
];

/// `(id = attr.name, attr.type)` of the edge keys, in the order the data is written.
const EDGE_KEYS: [(&str, &str); 16] = [
    ("relation", "string"),
    ("edgelabel", "string"),
    ("weight", "double"),
    ("r", "int"),
    ("g", "int"),
    ("b", "int"),
    ("cameo", "string"),
    ("plover", "string"),
    ("role", "string"),
    ("evidence_count", "int"),
    ("claimed_count", "int"),
    ("documents", "string"),
    ("first_quote", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("evidence", "string"),
];

/// Builds a [`WriterGraphMlSerializer`].
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct GraphMlSerializer;

impl GraphMlSerializer {
    pub fn new() -> Self {
        GraphMlSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterGraphMlSerializer<W> {
        WriterGraphMlSerializer {
            writer,
            written: false,
        }
    }
}

/// Writes one graph as GraphML to a [`Write`].
#[must_use]
pub struct WriterGraphMlSerializer<W: Write> {
    writer: W,
    written: bool,
}

impl<W: Write> WriterGraphMlSerializer<W> {
    /// Writes the whole document. A GraphML file holds one graph: a second call is an error.
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        start_document(&mut self.written)?;
        let out = GraphMlOut {
            xml: XmlOut::new(&mut self.writer)?,
            json: Vec::new(),
        };
        out.write(graph)
    }

    /// Ends the document (writing an empty graph if none was) and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.written {
            self.serialize_graph(&KnowledgeGraph::new())?;
        }
        Ok(self.writer)
    }
}

/// The XML writer and the JSON buffer reused for every node and edge.
struct GraphMlOut<W: Write> {
    xml: XmlOut<W>,
    json: Vec<u8>,
}

impl<W: Write> GraphMlOut<W> {
    fn write(mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        self.xml.start(
            "graphml",
            &[
                ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
                ),
            ],
        )?;
        for (domain, keys) in [("node", &NODE_KEYS[..]), ("edge", &EDGE_KEYS[..])] {
            for &(name, ty) in keys {
                self.xml.empty(
                    "key",
                    &[
                        ("id", name),
                        ("for", domain),
                        ("attr.name", name),
                        ("attr.type", ty),
                    ],
                )?;
            }
        }
        self.xml
            .start("graph", &[("id", "newsgraph"), ("edgedefault", "directed")])?;
        for entity in graph.entities() {
            self.node(entity)?;
        }
        graph.for_each_edge(SentenceTexts::First(1), |edge| self.edge(edge, graph))?;
        self.xml.end("graph")?;
        self.xml.end("graphml")?;
        self.xml.finish()
    }

    fn node(&mut self, entity: &Entity) -> io::Result<()> {
        self.xml.start("node", &[("id", &nmtoken(&entity.id))])?;
        self.data("label", &entity.label)?;
        self.data("type", entity.entity_type.as_str())?;
        let aliases = json_into(&mut self.json, &entity.aliases)?;
        data(&mut self.xml, "aliases", aliases)?;
        self.data("mentions", Int::new(entity.mentions).as_str())?;
        if let Some(qid) = &entity.wikidata {
            self.data("wikidata", qid)?;
        }
        if let Some(iso3) = &entity.iso3 {
            self.data("iso3", iso3)?;
        }
        self.data("color", HexColor::new(entity.entity_type.color()).as_str())?;
        self.xml.end("node")
    }

    fn edge(&mut self, edge: &EdgeView<'_>, graph: &KnowledgeGraph) -> io::Result<()> {
        let relation = &*edge.relation;
        let kind = relation.kind.as_str();
        let (source, target) = (nmtoken(&edge.source.id), nmtoken(&edge.target.id));
        let id = format!("{source}:{kind}:{target}");
        self.xml.start(
            "edge",
            &[
                ("id", &id),
                ("source", &source),
                ("target", &target),
                ("label", kind),
            ],
        )?;
        self.data("relation", kind)?;
        self.data("edgelabel", kind)?;
        let weight = Int::from(relation.weight());
        self.data("weight", weight.as_str())?;
        let (r, g, b) = relation.kind.color();
        self.data("r", Int::from(r).as_str())?;
        self.data("g", Int::from(g).as_str())?;
        self.data("b", Int::from(b).as_str())?;
        for (key, value) in [
            ("cameo", relation.kind.cameo()),
            ("plover", relation.kind.plover()),
            ("role", relation.role.as_deref()),
        ] {
            if let Some(value) = value {
                self.data(key, value)?;
            }
        }
        self.data("evidence_count", weight.as_str())?;
        self.data("claimed_count", Int::from(claimed_count(relation)).as_str())?;
        let documents = json_into(&mut self.json, &EdgeDocuments(relation))?;
        data(&mut self.xml, "documents", documents)?;
        if let Some(first) = relation.evidence.first() {
            self.data("first_quote", &first.text)?;
        }
        if let Some(date) = relation.first_date() {
            self.data("first_date", date)?;
        }
        if let Some(date) = relation.last_date() {
            self.data("last_date", date)?;
        }
        let evidence = json_into(&mut self.json, &EvidenceList(&relation.evidence, graph))?;
        data(&mut self.xml, "evidence", evidence)?;
        self.xml.end("edge")
    }

    fn data(&mut self, key: &str, value: &str) -> io::Result<()> {
        data(&mut self.xml, key, value)
    }
}

/// `<data key="…">value</data>`. A free function so the value may borrow the JSON buffer.
fn data<W: Write>(xml: &mut XmlOut<W>, key: &str, value: &str) -> io::Result<()> {
    xml.text_element("data", &[("key", key)], value)
}

/// `id` as an `xs:NMTOKEN`: XML name characters are kept, except `.` and `:`, which
/// (like every other character) are written `.{hex code point}.`.
fn nmtoken(id: &str) -> Cow<'_, str> {
    let keep = |c: char| c != '.' && c != ':' && is_xml_name_char(c);
    let slug_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    // Slugs take the fast path.
    if id.bytes().all(slug_byte) || id.chars().all(keep) {
        return Cow::Borrowed(id);
    }
    let mut out = String::with_capacity(id.len() + 8);
    for c in id.chars() {
        if keep(c) {
            out.push(c);
        } else {
            let _ = write!(out, ".{:X}.", u32::from(c));
        }
    }
    Cow::Owned(out)
}

/// XML 1.0 (fifth edition) `NameChar`.
fn is_xml_name_char(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '-' | '.' | '0'..='9' | '\u{B7}'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nmtokens_keep_slugs_and_escape_the_rest_one_to_one() {
        assert_eq!(nmtoken("karim-abdel-rahmani"), "karim-abdel-rahmani");
        assert_eq!(nmtoken("türkiye"), "türkiye");
        assert_eq!(nmtoken("a b|c"), "a.20.b.7C.c");
        assert_eq!(nmtoken("a.b:c"), "a.2E.b.3A.c");
        assert_ne!(nmtoken("a.2E.b"), nmtoken("a.b"));
    }

    #[test]
    fn key_ids_are_unique() {
        let mut ids: Vec<&str> = NODE_KEYS.iter().chain(&EDGE_KEYS).map(|k| k.0).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
