//! `graph.gexf`: GEXF 1.3 for Gephi.
//!
//! The file is made to open readable in Gephi without running anything:
//! - nodes carry `viz:position` from a force layout computed at export (see the `layout`
//!   module; entities without edges stand in a grid beside the graph) and `viz:size` by
//!   weighted degree (the number of sentences of their edges), and `viz:color` by entity
//!   type; edges are coloured by relation (GEXF wants `r`/`g`/`b`, not hex);
//! - edges carry `kind` = relation, GEXF 1.3's way of telling parallel edges between the
//!   same pair apart, so Gephi's default merge strategy keeps every one;
//! - the graph is dynamic with `timeformat="dateTime"`: an edge has one spell per day its
//!   evidence dates, from the day's first millisecond to its last, so a one-day window of
//!   Gephi's timeline shows that day's relations and no other's (a midnight point would also
//!   be inside the window that ends at that midnight). An edge without dates is always
//!   present.
//!
//! Lists (aliases, documents) are JSON strings. Text XML 1.0 cannot carry is replaced with
//! U+FFFD; see the `xml` module.

use std::io::{self, Write};

use super::json::EdgeDocuments;
use super::layout::Placement;
use super::xml::XmlOut;
use super::{claimed_count, event_days, json_into, start_document, Int};
use crate::entity::Entity;
use crate::graph::{EdgeView, KnowledgeGraph, SentenceTexts};

/// `(id = title, type)` of the node attributes, in the order values are written.
const NODE_ATTRIBUTES: [(&str, &str); 5] = [
    ("type", "string"),
    ("aliases", "string"),
    ("mentions", "long"),
    ("wikidata", "string"),
    ("iso3", "string"),
];

/// `(id = title, type)` of the edge attributes, in the order values are written.
const EDGE_ATTRIBUTES: [(&str, &str); 7] = [
    ("relation", "string"),
    ("cameo", "string"),
    ("plover", "string"),
    ("role", "string"),
    ("documents", "string"),
    ("first_quote", "string"),
    ("claimed_count", "integer"),
];

/// Builds a [`WriterGexfSerializer`].
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct GexfSerializer;

impl GexfSerializer {
    pub fn new() -> Self {
        GexfSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterGexfSerializer<W> {
        WriterGexfSerializer {
            writer,
            written: false,
        }
    }
}

/// Writes one graph as GEXF to a [`Write`].
#[must_use]
pub struct WriterGexfSerializer<W: Write> {
    writer: W,
    written: bool,
}

impl<W: Write> WriterGexfSerializer<W> {
    /// Writes the whole document. A GEXF file holds one graph: a second call is an error.
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        start_document(&mut self.written)?;
        let out = GexfOut {
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
struct GexfOut<W: Write> {
    xml: XmlOut<W>,
    json: Vec<u8>,
}

impl<W: Write> GexfOut<W> {
    fn write(mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        self.xml.start(
            "gexf",
            &[
                ("xmlns", "http://gexf.net/1.3"),
                ("xmlns:viz", "http://gexf.net/1.3/viz"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
                ),
                ("version", "1.3"),
            ],
        )?;
        self.xml.start("meta", &[])?;
        self.xml.text_element("creator", &[], "newsgraph")?;
        self.xml.text_element(
            "description",
            &[],
            "Knowledge graph of a geopolitical crisis, extracted from news articles",
        )?;
        self.xml.end("meta")?;
        self.xml.start(
            "graph",
            &[
                ("defaultedgetype", "directed"),
                ("mode", "dynamic"),
                ("timeformat", "dateTime"),
            ],
        )?;
        for (class, attributes) in [
            ("node", &NODE_ATTRIBUTES[..]),
            ("edge", &EDGE_ATTRIBUTES[..]),
        ] {
            self.xml
                .start("attributes", &[("class", class), ("mode", "static")])?;
            for &(id, ty) in attributes {
                self.xml
                    .empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
            }
            self.xml.end("attributes")?;
        }
        self.xml.start("nodes", &[])?;
        let layout = graph.layout();
        for (entity, place) in graph.entities().zip(&layout.nodes) {
            self.node(entity, place)?;
        }
        self.xml.end("nodes")?;
        self.xml.start("edges", &[])?;
        graph.for_each_edge(SentenceTexts::First(1), |edge| self.edge(edge))?;
        self.xml.end("edges")?;
        self.xml.end("graph")?;
        self.xml.end("gexf")?;
        self.xml.finish()
    }

    fn node(&mut self, entity: &Entity, place: &Placement) -> io::Result<()> {
        self.xml
            .start("node", &[("id", &entity.id), ("label", &entity.label)])?;
        self.xml.start("attvalues", &[])?;
        self.attvalue("type", entity.entity_type.as_str())?;
        let aliases = json_into(&mut self.json, &entity.aliases)?;
        attvalue(&mut self.xml, "aliases", aliases)?;
        self.attvalue("mentions", Int::new(entity.mentions).as_str())?;
        if let Some(qid) = &entity.wikidata {
            self.attvalue("wikidata", qid)?;
        }
        if let Some(iso3) = &entity.iso3 {
            self.attvalue("iso3", iso3)?;
        }
        self.xml.end("attvalues")?;
        self.color(entity.entity_type.color())?;
        // Gephi's y axis points up, the layout's (and the explorer's) down.
        let (x, y, size) = (
            format!("{:.1}", place.x),
            format!("{:.1}", 0.0 - place.y),
            format!("{:.1}", place.size),
        );
        self.xml
            .empty("viz:position", &[("x", &x), ("y", &y), ("z", "0.0")])?;
        self.xml.empty("viz:size", &[("value", &size)])?;
        self.xml.end("node")
    }

    fn edge(&mut self, edge: &EdgeView<'_>) -> io::Result<()> {
        let relation = &*edge.relation;
        let kind = relation.kind.as_str();
        let id = edge.id();
        let weight = Int::from(relation.weight());
        self.xml.start(
            "edge",
            &[
                ("id", id.as_str()),
                ("source", edge.source.id.as_str()),
                ("target", edge.target.id.as_str()),
                ("kind", kind),
                ("label", kind),
                ("weight", weight.as_str()),
            ],
        )?;
        self.xml.start("attvalues", &[])?;
        self.attvalue("relation", kind)?;
        for (key, value) in [
            ("cameo", relation.kind.cameo()),
            ("plover", relation.kind.plover()),
            ("role", relation.role.as_deref()),
        ] {
            if let Some(value) = value {
                self.attvalue(key, value)?;
            }
        }
        let documents = json_into(&mut self.json, &EdgeDocuments(relation))?;
        attvalue(&mut self.xml, "documents", documents)?;
        if let Some(first) = relation.evidence.first() {
            self.attvalue("first_quote", &first.text)?;
        }
        self.attvalue("claimed_count", Int::from(claimed_count(relation)).as_str())?;
        self.xml.end("attvalues")?;
        let days = event_days(relation);
        if !days.is_empty() {
            self.xml.start("spells", &[])?;
            for day in days {
                let (start, end) = (format!("{day}T00:00:00.000"), format!("{day}T23:59:59.999"));
                self.xml
                    .empty("spell", &[("start", &start), ("end", &end)])?;
            }
            self.xml.end("spells")?;
        }
        self.color(relation.kind.color())?;
        self.xml.end("edge")
    }

    /// `<viz:color r g b/>`.
    fn color(&mut self, (r, g, b): (u8, u8, u8)) -> io::Result<()> {
        let (r, g, b) = (Int::from(r), Int::from(g), Int::from(b));
        self.xml.empty(
            "viz:color",
            &[("r", r.as_str()), ("g", g.as_str()), ("b", b.as_str())],
        )
    }

    fn attvalue(&mut self, key: &str, value: &str) -> io::Result<()> {
        attvalue(&mut self.xml, key, value)
    }
}

/// `<attvalue for="…" value="…"/>`. A free function so the value may borrow the JSON buffer.
fn attvalue<W: Write>(xml: &mut XmlOut<W>, key: &str, value: &str) -> io::Result<()> {
    xml.empty("attvalue", &[("for", key), ("value", value)])
}
