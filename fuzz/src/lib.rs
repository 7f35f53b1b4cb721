//! The checks the fuzz targets run on each input, shared with `tests/it/hostile.rs` (which
//! includes this file with `#[path]`), so the regression inputs in `fuzz/regressions/` are
//! replayed on stable Rust by `cargo test`, without cargo-fuzz.
//!
//! Only the public API of newsgraph and the parsers its consumers use: serde_json for JSON,
//! oxttl for Turtle and N-Triples, quick-xml for GraphML and GEXF, and a small tokenizer for
//! DOT (the interop suite renders DOT with Graphviz itself).

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use newsgraph::export::{write_graph, Format};
use newsgraph::{KnowledgeGraph, Pipeline};

/// The schema files the schema target overwrites, chosen by the first byte of the input (a
/// file added at the end keeps the earlier regression inputs on their files).
pub const SCHEMA_FILES: [&str; 12] = [
    "states.tsv",
    "organizations.tsv",
    "groups.tsv",
    "places.tsv",
    "offices.tsv",
    "relations.tsv",
    "lexicon.tsv",
    "abbreviations.txt",
    "ontology.ttl",
    "shapes.ttl",
    "calendar.tsv",
    "spelling.tsv",
];

/// Copies every file of the schema directory `from` into `to`.
pub fn copy_schema(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("schema directory") {
        let entry = entry.expect("schema entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a schema file");
    }
}

/// Arbitrary bytes as one article, decoded as the CLI decodes them: through the whole
/// pipeline, then every export, each parsed back. Panics on any broken promise. The pipeline
/// is built once by the caller: building its automata costs more than running it.
pub fn check_pipeline(pipeline: &Pipeline, data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let graph = pipeline.build(&[("fuzz".to_string(), text.clone())]);
    check_evidence(&graph, &text);
    check_exports(&graph);
}

/// Evidence points into the article: offsets are code points of the text after its
/// byte-order mark, the sentence holds its trigger, and nothing lies past the end.
pub fn check_evidence(graph: &KnowledgeGraph, text: &str) {
    let len = text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(text)
        .chars()
        .count();
    for edge in graph.edges() {
        for ev in &edge.relation.evidence {
            assert!(
                ev.start <= ev.trigger_start
                    && ev.trigger_start < ev.trigger_end
                    && ev.trigger_end <= ev.end
                    && ev.end <= len,
                "evidence offsets out of order or past the end ({len} code points): {ev:?}"
            );
            assert!(
                !ev.trigger.is_empty() && !ev.text.is_empty(),
                "empty evidence: {ev:?}"
            );
        }
    }
}

/// Writes every format into memory and reads each back with a real parser.
pub fn check_exports(graph: &KnowledgeGraph) {
    let export = |format: Format| {
        let bytes = write_graph(graph, format, Vec::new()).expect("writing into a Vec cannot fail");
        String::from_utf8(bytes)
            .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", format.file_name()))
    };
    check_json(graph, &export(Format::Json));
    check_rdf(graph, &export(Format::NTriples), &export(Format::Turtle));
    check_xml(graph, &export(Format::GraphMl), "graphml");
    check_xml(graph, &export(Format::Gexf), "gexf");
    check_dot(graph, &export(Format::Dot));
}

fn check_json(graph: &KnowledgeGraph, doc: &str) {
    let v: serde_json::Value = serde_json::from_str(doc).expect("graph.json is valid JSON");
    let nodes = v["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), graph.node_count());
    for (node, entity) in nodes.iter().zip(graph.entities()) {
        assert_eq!(node["id"], entity.id.as_str());
        assert_eq!(node["label"], entity.label.as_str());
        assert_eq!(node["aliases"], serde_json::json!(entity.aliases));
    }
    let edges = v["edges"].as_array().expect("edges");
    assert_eq!(edges.len(), graph.edge_count());
    for (edge, e) in edges.iter().zip(graph.edges()) {
        assert_eq!(edge["source"], e.source.id.as_str());
        assert_eq!(edge["target"], e.target.id.as_str());
        let texts: Vec<&str> = e
            .relation
            .evidence
            .iter()
            .map(|ev| ev.text.as_str())
            .collect();
        assert_eq!(
            edge["evidence"]
                .as_array()
                .expect("evidence")
                .iter()
                .map(|j| {
                    let sentence = j["sentence"].as_u64().unwrap().to_string();
                    v["graph"]["sentences"][j["doc"].as_str().unwrap()][sentence]
                        .as_str()
                        .unwrap()
                })
                .collect::<Vec<_>>(),
            texts
        );
    }
}

fn check_rdf(graph: &KnowledgeGraph, nt: &str, ttl: &str) {
    let triples: Vec<oxrdf::Triple> = oxttl::NTriplesParser::new()
        .for_slice(nt)
        .collect::<Result<_, _>>()
        .expect("graph.nt is valid N-Triples");
    let from_turtle: HashSet<oxrdf::Triple> = oxttl::TurtleParser::new()
        .for_slice(ttl)
        .collect::<Result<_, _>>()
        .expect("graph.ttl is valid Turtle");
    let triples: HashSet<oxrdf::Triple> = triples.into_iter().collect();
    assert!(
        triples == from_turtle,
        "Turtle and N-Triples hold different triples"
    );
    let labels: BTreeSet<&str> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#label")
        .filter_map(|t| match &t.object {
            oxrdf::Term::Literal(l) => Some(l.value()),
            _ => None,
        })
        .collect();
    for entity in graph.entities() {
        assert!(
            labels.contains(entity.label.as_str()),
            "label {:?} lost in RDF",
            entity.label
        );
    }
}

/// Whether XML 1.0 can carry `c`, even as a character reference.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Well-formed XML, one root named `root`, one `<node>` per entity and one `<edge>` per edge,
/// and no character XML 1.0 cannot hold, raw or as a reference.
fn check_xml(graph: &KnowledgeGraph, doc: &str, root: &str) {
    use quick_xml::events::Event;
    assert!(
        doc.chars().all(|c| is_xml_char(c) && c != '\r'),
        "{root}: a raw character XML cannot carry"
    );
    let mut reader = quick_xml::Reader::from_str(doc);
    reader.config_mut().check_end_names = true;
    let (mut depth, mut roots, mut nodes, mut edges) = (0usize, Vec::new(), 0usize, 0usize);
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("{root}: invalid XML at {}: {e}", reader.buffer_position()));
        let mut open = |e: &quick_xml::events::BytesStart<'_>| {
            let name = String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8 name");
            if depth == 0 {
                roots.push(name.clone());
            }
            match name.as_str() {
                "node" => nodes += 1,
                "edge" => edges += 1,
                _ => {}
            }
            let mut keys = HashSet::new();
            for attr in e.attributes() {
                let attr = attr.unwrap_or_else(|e| panic!("{root}: malformed attribute: {e}"));
                assert!(
                    keys.insert(attr.key.as_ref().to_vec()),
                    "{root}: duplicate attribute"
                );
                let value = attr
                    .unescape_value()
                    .unwrap_or_else(|e| panic!("{root}: bad attribute value: {e}"));
                assert!(
                    value.chars().all(is_xml_char),
                    "{root}: attribute holds a character XML cannot carry"
                );
            }
        };
        match event {
            Event::Start(e) => {
                open(&e);
                depth += 1;
            }
            Event::Empty(e) => open(&e),
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                t.decode()
                    .unwrap_or_else(|e| panic!("{root}: bad text: {e}"));
            }
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    let c = r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .unwrap_or_else(|| panic!("{root}: bad character reference"));
                    assert!(
                        is_xml_char(c),
                        "{root}: reference to a character XML cannot carry"
                    );
                } else {
                    let name = r.decode().expect("entity name");
                    assert!(
                        quick_xml::escape::resolve_predefined_entity(&name).is_some(),
                        "{root}: undefined entity &{name};"
                    );
                }
            }
            Event::CData(_) | Event::DocType(_) => panic!("{root}: unexpected {event:?}"),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    assert_eq!(depth, 0, "{root}: unclosed elements");
    assert_eq!(roots, [root], "{root}: one root element");
    assert_eq!(
        (nodes, edges),
        (graph.node_count(), graph.edge_count()),
        "{root}: nodes and edges"
    );
}

/// DOT as Graphviz reads it: no line over 16,384 bytes, every quoted string closed, braces
/// and brackets balanced outside strings, and one `digraph` around it all.
fn check_dot(graph: &KnowledgeGraph, doc: &str) {
    for line in doc.lines() {
        assert!(line.len() <= 16_384, "dot: a line of {} bytes", line.len());
    }
    assert!(doc.starts_with("digraph"), "dot: starts with digraph");
    let (mut braces, mut brackets, mut quoted_ids) = (0i64, 0i64, 0usize);
    let mut chars = doc.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                loop {
                    match chars.next().expect("dot: unclosed string") {
                        '\\' => {
                            chars.next().expect("dot: escape at the end");
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                quoted_ids += 1;
            }
            '{' => braces += 1,
            '}' => braces -= 1,
            '[' => brackets += 1,
            ']' => brackets -= 1,
            _ => {}
        }
        assert!(braces >= 0 && brackets >= 0, "dot: unbalanced");
    }
    assert_eq!((braces, brackets), (0, 0), "dot: unbalanced");
    assert!(
        quoted_ids >= graph.node_count(),
        "dot: fewer quoted strings than nodes"
    );
}
