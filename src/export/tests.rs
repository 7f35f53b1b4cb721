//! Tests of every exporter: snapshots of a small graph with hostile text, and round trips
//! through each format's real parser, on that graph and on generated ones.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxrdf::{Term, Triple};
use proptest::prelude::*;
use quick_xml::events::Event;

use super::json::EvidenceList;
use super::xml::{self, XmlContext};
use super::*;
use crate::edge::{Evidence, Modality};
use crate::entity::{slug, Entity, EntityType};
use crate::graph::{DocumentMeta, GraphBuilder};
use crate::schema::tests::{kind, shipped_schema};

const NASTY: &str = "He said \"hi\" <b> & \\ \n newline";

fn evidence(doc: &str, sentence: usize, text: &str, trigger: &str, date: Option<&str>) -> Evidence {
    let start = 100 * sentence;
    let trigger_start = start + text.find(trigger).map_or(0, |i| text[..i].chars().count());
    Evidence {
        doc: doc.into(),
        sentence,
        start,
        end: start + text.chars().count(),
        trigger_start,
        trigger_end: trigger_start + trigger.chars().count(),
        text: text.into(),
        trigger: trigger.into(),
        date: date.map(Into::into),
        modality: Modality::Asserted,
        caller: None,
    }
}

/// Four entities (one with a hostile label, one isolated), two parallel edges between the
/// same pair, a `called` edge and an `official_of` edge, three documents (one cited but
/// without metadata).
fn fixture() -> KnowledgeGraph {
    fixture_builder().finish()
}

fn fixture_builder() -> GraphBuilder {
    let mut g = GraphBuilder::with_vocabulary(shipped_schema().relations.clone());
    let mut iran = Entity::new("Iran", EntityType::State);
    iran.aliases.insert("Iranian".into());
    iran.aliases.insert("Tehran".into());
    iran.mentions = 7;
    iran.wikidata = Some("Q794".into());
    iran.iso3 = Some("IRN".into());
    let mut pakistan = Entity::new("Pakistan", EntityType::State);
    pakistan.mentions = 5;
    pakistan.wikidata = Some("Q843".into());
    pakistan.iso3 = Some("PAK".into());
    let mut nasty = Entity::new(NASTY, EntityType::Official);
    nasty.aliases.insert("Mr. <Hi> & \"Co\"".into());
    nasty.mentions = 2;
    let mut group = Entity::new("Jund al-Haqq", EntityType::Group);
    group.mentions = 1;
    for e in [iran, pakistan, nasty, group] {
        g.add_entity(e);
    }
    g.add_document(DocumentMeta {
        id: "reuters-0118".into(),
        title: Some("Pakistan strikes \"militant targets\" in Iran".into()),
        published: Some("2024-01-18".into()),
        url: Some("https://www.example.org/world/asia/pakistan-strikes?id=18&ref=a%20b".into()),
    });
    g.add_document(DocumentMeta {
        id: "aljazeera".into(),
        title: Some("Iran & Pakistan".into()),
        published: None,
        // Not an IRI: kept in JSON, left out of RDF.
        url: Some("www.example.org/iran pakistan".into()),
    });

    let strike = "Pakistan carried out strikes inside Iran on Thursday.";
    g.add_relation(
        "pakistan",
        kind("struck"),
        "iran",
        evidence("reuters-0118", 1, strike, "strikes", Some("2024-01-18")),
        None,
    );
    // The same sentence supports a second statement.
    g.add_relation(
        "pakistan",
        kind("struck"),
        &slug("Jund al-Haqq"),
        evidence("reuters-0118", 1, strike, "strikes", Some("2024-01-18")),
        None,
    );
    let strike2 = "Pakistani jets struck \"hideouts\" <near> Kassala & killed 9.";
    g.add_relation(
        "pakistan",
        kind("struck"),
        "iran",
        Evidence {
            modality: Modality::Claimed,
            ..evidence("aljazeera", 3, strike2, "struck", Some("2024-01-18"))
        },
        None,
    );
    let strike3 = "The strikes\r\nfollowed\tIran's attack.";
    g.add_relation(
        "pakistan",
        kind("struck"),
        "iran",
        evidence("dawn", 0, strike3, "strikes", None),
        None,
    );
    let condemn = "Pakistan condemned the \"unprovoked violation\" of its airspace.";
    g.add_relation(
        "pakistan",
        kind("condemned"),
        "iran",
        evidence("aljazeera", 2, condemn, "condemned", Some("2024-01-17")),
        None,
    );
    let nasty_id = slug(NASTY);
    let call = "He said \"hi\" <b> & \\ then telephoned Iran's foreign minister.";
    // The stored direction of a call says nothing; the evidence keeps who placed it.
    let mut call = evidence("reuters-0118", 4, call, "telephoned", Some("2024-01-19"));
    call.caller = Some(nasty_id.clone());
    g.add_relation(&nasty_id, kind("called"), "iran", call, None);
    let office = "Foreign Minister He said, of Pakistan.";
    g.add_relation(
        &nasty_id,
        kind("official_of"),
        "pakistan",
        evidence("dawn", 5, office, "Foreign Minister", None),
        Some("Foreign Minister".into()),
    );
    g
}

fn export(graph: &KnowledgeGraph, format: Format) -> String {
    let bytes = write_graph(graph, format, Vec::new()).expect("writing to a Vec cannot fail");
    String::from_utf8(bytes).expect("every export is UTF-8")
}

// ---------------------------------------------------------------------------------------
// Format

#[test]
fn formats_parse_from_names_and_extensions() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>().unwrap(), f);
        assert_eq!(f.extension().parse::<Format>().unwrap(), f);
        assert_eq!(f.to_string().parse::<Format>().unwrap(), f);
        assert_eq!(f.file_name(), format!("graph.{}", f.extension()));
    }
    assert_eq!("TTL".parse::<Format>().unwrap(), Format::Turtle);
    assert_eq!("nt".parse::<Format>().unwrap(), Format::NTriples);
    let err = "svg".parse::<Format>().unwrap_err();
    assert!(err.to_string().contains("\"svg\""), "{err}");
}

#[test]
fn single_document_formats_refuse_a_second_graph_and_finish_an_empty_one() {
    let g = fixture();
    let mut w = GraphMlSerializer::new().for_writer(Vec::new());
    w.serialize_graph(&g).unwrap();
    assert_eq!(
        w.serialize_graph(&g).unwrap_err().kind(),
        io::ErrorKind::InvalidInput
    );
    let empty = String::from_utf8(
        JsonSerializer::new()
            .for_writer(Vec::new())
            .finish()
            .unwrap(),
    )
    .unwrap();
    check_json(&KnowledgeGraph::new(), &empty);
    let empty = String::from_utf8(
        DotSerializer::new()
            .for_writer(Vec::new())
            .finish()
            .unwrap(),
    )
    .unwrap();
    check_dot(&KnowledgeGraph::new(), &empty);
}

#[test]
fn rdf_writers_accept_several_graphs_as_a_union() {
    let mut w = NTriplesSerializer::new().for_writer(Vec::new());
    w.serialize_graph(&fixture()).unwrap();
    w.serialize_graph(&fixture()).unwrap();
    let doubled = parse_ntriples(&String::from_utf8(w.finish().unwrap()).unwrap());
    let once = parse_ntriples(&export(&fixture(), Format::NTriples));
    assert_eq!(doubled.len(), 2 * once.len());
    assert_eq!(
        doubled.into_iter().collect::<HashSet<_>>(),
        once.into_iter().collect()
    );
}

#[test]
fn exports_are_deterministic() {
    for format in Format::ALL {
        assert_eq!(
            export(&fixture(), format),
            export(&fixture(), format),
            "{format}"
        );
    }
}

#[test]
fn helpers() {
    assert_eq!(HexColor::new((0x1f, 0x77, 0xb4)).as_str(), "#1f77b4");
    assert!(is_iso_date("2024-01-16"));
    for bad in [
        "2024-1-16",
        "2024-13-01",
        "2024-01-00",
        "20240116",
        "２０２４-01-16",
        "",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
    let escape = |s: &str, context| {
        let mut out = String::new();
        xml::push_escaped(&mut out, s, context);
        out
    };
    let hostile = "a<b>&\"c\"\n\r\t\u{1}\u{FFFE}\u{FFFF}\u{FFFD}\u{EFFF}";
    assert_eq!(
        escape(hostile, XmlContext::Text),
        "a&lt;b&gt;&amp;\"c\"\n&#13;\t\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{EFFF}"
    );
    assert_eq!(
        escape(hostile, XmlContext::Attribute),
        "a&lt;b&gt;&amp;&quot;c&quot;&#10;&#13;&#9;\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{EFFF}"
    );
    assert_eq!(
        escape("plain ünïcode 漢字 \u{EFFF}", XmlContext::Attribute),
        "plain ünïcode 漢字 \u{EFFF}"
    );
}

// ---------------------------------------------------------------------------------------
// Snapshots and round trips of the fixture

#[test]
fn snapshot_turtle() {
    insta::assert_snapshot!("turtle", export(&fixture(), Format::Turtle));
}

#[test]
fn snapshot_ntriples() {
    insta::assert_snapshot!("ntriples", export(&fixture(), Format::NTriples));
}

#[test]
fn snapshot_nquads() {
    insta::assert_snapshot!("nquads", export(&fixture(), Format::NQuads));
}

#[test]
fn snapshot_graphml() {
    insta::assert_snapshot!("graphml", export(&fixture(), Format::GraphMl));
}

#[test]
fn snapshot_gexf() {
    insta::assert_snapshot!("gexf", export(&fixture(), Format::Gexf));
}

#[test]
fn snapshot_dot() {
    insta::assert_snapshot!("dot", export(&fixture(), Format::Dot));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("json", export(&fixture(), Format::Json));
}

/// The page's embedded data (the fixture's label and alias hold `<`, `&`, quotes and a
/// newline): the rest of the page is the template and Cytoscape.js, the same in every page.
#[test]
fn snapshot_html_data() {
    let page = export(&fixture(), Format::Html);
    insta::assert_snapshot!("html_data", html_data(&page));
}

/// Names and sentences made to end the data's script, open a comment or end a JavaScript
/// line stay inside the data and come back unchanged.
#[test]
fn html_keeps_hostile_text_inside_its_data() {
    let name = "Vakaria </script><script>alert('x & \"y\"')</script>\n<!-- \u{2028}\u{2029}";
    let sentence = "Bakaria said </SCRIPT > struck \u{2028} it.";
    let mut g = GraphBuilder::with_vocabulary(shipped_schema().relations.clone());
    g.add_entity(Entity::new(name, EntityType::State));
    g.add_entity(Entity::new("Bakaria", EntityType::State));
    let vakaria = slug(name);
    g.add_relation(
        "bakaria",
        kind("struck"),
        &vakaria,
        evidence("d", 0, sentence, "struck", None),
        None,
    );
    let g = g.finish();
    let page = export(&g, Format::Html);
    check_html(&g, &page);
    let data = html_data(&page);
    assert!(data.contains(
        r#"Vakaria \u003c/script>\u003cscript>alert('x & \"y\"')\u003c/script>\n\u003c!-- \u2028\u2029"#
    ));
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    let label = |i: usize| data["nodes"][i]["label"].as_str().unwrap();
    assert!([label(0), label(1)].contains(&name));
    assert_eq!(data["sentences"][0]["text"], sentence);
}

/// A relation of more sentences than the page embeds keeps its weight and its first
/// sentences, in document order, each of them once in the page's table of sentences.
#[test]
fn html_embeds_the_first_sentences_of_a_heavy_relation() {
    let mut g = GraphBuilder::with_vocabulary(shipped_schema().relations.clone());
    g.add_entity(Entity::new("Vakaria", EntityType::State));
    g.add_entity(Entity::new("Bakaria", EntityType::State));
    let heavy = html::MAX_EVIDENCE + 7;
    for i in (0..heavy).rev() {
        let text = format!("Vakaria struck Bakaria again ({i}).");
        let ev = evidence("d", i, &text, "struck", None);
        g.add_relation("vakaria", kind("struck"), "bakaria", ev.clone(), None);
        g.add_relation("vakaria", kind("condemned"), "bakaria", ev, None);
    }
    let g = g.finish();
    let page = export(&g, Format::Html);
    check_html(&g, &page);
    let data: serde_json::Value = serde_json::from_str(html_data(&page)).unwrap();
    assert_eq!(
        data["sentences"].as_array().unwrap().len(),
        html::MAX_EVIDENCE
    );
    for edge in data["edges"].as_array().unwrap() {
        assert_eq!(edge["weight"], heavy);
        let indices: Vec<u64> = edge["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                data["sentences"][e["sentence"].as_u64().unwrap() as usize]["index"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert_eq!(indices, (0..html::MAX_EVIDENCE as u64).collect::<Vec<_>>());
    }
}

#[test]
fn fixture_round_trips_through_every_parser() {
    check_all(&fixture());
}

#[test]
fn rdf_has_both_shapes_of_each_edge() {
    let g = fixture();
    let triples = parse_ntriples(&export(&g, Format::NTriples));
    let ent = |id: &str| entity_iri(id);
    let ng = |local: &str| format!("{ONTOLOGY_NS}{local}");
    assert!(has(&triples, &ent("pakistan"), &ng("struck"), &ent("iran")));
    assert!(has(
        &triples,
        &ent(&slug(NASTY)),
        &ng("officialOf"),
        &ent("pakistan")
    ));
    let st = format!("{STATEMENT_NS}pakistan--struck--iran");
    assert!(has(&triples, &st, &ng("subject"), &ent("pakistan")));
    assert!(has(&triples, &st, &ng("relation"), &ng("struck")));
    assert_eq!(
        objects(&triples, &st, &ng("weight")),
        BTreeSet::from(["3".to_owned()])
    );
    assert_eq!(
        objects(&triples, &st, &ng("date")),
        BTreeSet::from(["2024-01-18".to_owned()])
    );
    let docs: BTreeSet<String> = ["aljazeera", "dawn", "reuters-0118"]
        .iter()
        .map(|d| format!("{DOCUMENT_NS}{d}"))
        .collect();
    assert_eq!(
        objects(&triples, &st, "http://www.w3.org/ns/prov#wasDerivedFrom"),
        docs
    );
    // The cited document without metadata is still a typed document.
    assert!(has(
        &triples,
        &format!("{DOCUMENT_NS}dawn"),
        RDF_TYPE,
        &ng("Document")
    ));
    // A sentence that supports two statements is one resource both point to.
    let shared = format!("{SENTENCE_NS}reuters-0118/1");
    for target in ["iran", &slug("Jund al-Haqq")] {
        let ev = format!("{EVIDENCE_NS}pakistan--struck--{target}/reuters-0118/1");
        assert!(has(
            &triples,
            &ev,
            "http://www.w3.org/ns/oa#hasTarget",
            &shared
        ));
    }
    assert_eq!(
        objects(
            &triples,
            &format!("{shared}/quote"),
            "http://www.w3.org/ns/oa#exact"
        )
        .len(),
        1
    );
    let ev = format!("{EVIDENCE_NS}pakistan--struck--iran/aljazeera/3");
    let sentence = format!("{SENTENCE_NS}aljazeera/3");
    assert!(has(
        &triples,
        &ev,
        "http://www.w3.org/ns/oa#hasTarget",
        &sentence
    ));
    assert_eq!(
        objects(&triples, &ev, &ng("modality")),
        BTreeSet::from(["claimed".to_owned()])
    );
    assert!(has(
        &triples,
        &sentence,
        "http://www.w3.org/ns/oa#hasSource",
        &format!("{DOCUMENT_NS}aljazeera")
    ));
    assert_eq!(
        objects(
            &triples,
            &format!("{sentence}/position"),
            "http://www.w3.org/ns/oa#start"
        ),
        BTreeSet::from(["300".to_owned()])
    );
}

#[test]
fn graphviz_renders_the_exports_without_warnings() {
    let long = "x".repeat(40_000);
    let mut g = fixture_builder();
    g.add_entity(Entity::new(
        format!("{long} \u{1} \u{FFFE} \u{202E} ok"),
        EntityType::Place,
    ));
    for graph in [fixture(), g.finish()] {
        let dot = export(&graph, Format::Dot);
        let Ok(mut child) = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
        else {
            eprintln!("graphviz `dot` not installed: rendering not checked");
            return;
        };
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success());
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "",
            "dot printed warnings"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Generated graphs

/// Text built to break exporters: markup, quotes, escapes, controls, non-characters,
/// bidi controls, and runs of ordinary text.
fn hostile_text(max_pieces: usize) -> impl Strategy<Value = String> + Clone {
    let special = prop::sample::select(vec![
        '"', '\'', '<', '>', '&', ']', '\\', '\n', '\r', '\t', '\0', '\u{1}', '\u{B}', '\u{1F}',
        '\u{7F}', '\u{85}', '\u{FFFD}', '\u{FFFE}', '\u{FFFF}', '\u{200F}', '\u{202E}', '\u{2028}',
        '\u{2029}', '\u{E000}', 'é', '漢', '🦀', ' ', '-', '.', ':', '|', '%', '#', '/', '{', '}',
        '@', ';', '^', '`',
    ]);
    let snippet = prop::sample::select(vec![
        "]]>",
        "\r\n",
        "&amp;",
        "<!--",
        "\"\\\"",
        "\\n",
        "&#13;",
        "\u{202E}abc",
        "--",
        "%41",
        "</script>",
        "</ScRiPt ",
        "<script>",
    ]);
    let piece = prop_oneof![
        3 => prop::collection::vec(special, 1..4).prop_map(|v| v.into_iter().collect::<String>()),
        2 => any::<char>().prop_map(String::from),
        3 => "[a-zA-Z ]{1,8}",
        1 => snippet.prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|v| v.concat())
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        3 => (2023u32..2025, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Some(format!("{y}-{m:02}-{d:02}"))),
        1 => Just(Some("not a date".to_owned())),
    ]
}

/// Label, type index, aliases, Wikidata id.
type EntitySpec = (String, usize, Vec<String>, Option<String>);
/// Id, title, publication date, address.
type DocumentSpec = (String, Option<String>, Option<String>, Option<String>);
/// Document index, text, trigger, date.
type EvidenceSpec = (usize, String, String, Option<String>);
/// Source index, relation index, target index, evidence, role.
type EdgeSpec = (usize, usize, usize, Vec<EvidenceSpec>, Option<String>);

#[derive(Debug, Clone)]
struct GraphSpec {
    entities: Vec<EntitySpec>,
    documents: Vec<DocumentSpec>,
    edges: Vec<EdgeSpec>,
}

fn graph_spec(text: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = GraphSpec> {
    let entity = (
        text.clone(),
        0..EntityType::ALL.len(),
        prop::collection::vec(text.clone(), 0..3),
        prop::option::of("Q[0-9]{1,4}"),
    );
    let url = prop_oneof![
        2 => Just(None),
        2 => "[a-z0-9]{1,8}".prop_map(|p| Some(format!("https://news.example.org/{p}?a=1&b=%C3%A9"))),
        1 => prop::option::of(text.clone()),
    ];
    let document = (text.clone(), prop::option::of(text.clone()), date(), url);
    let ev = (0usize..3, text.clone(), text.clone(), date());
    let edge = (
        0usize..5,
        0..shipped_schema().relations.len(),
        0usize..5,
        prop::collection::vec(ev, 1..4),
        prop::option::of(text),
    );
    (
        prop::collection::vec(entity, 1..5),
        prop::collection::vec(document, 1..3),
        prop::collection::vec(edge, 0..6),
    )
        .prop_map(|(entities, documents, edges)| GraphSpec {
            entities,
            documents,
            edges,
        })
}

fn build(spec: &GraphSpec) -> KnowledgeGraph {
    let mut g = GraphBuilder::new();
    let mut ids = Vec::new();
    for (label, t, aliases, qid) in &spec.entities {
        let mut e = Entity::new(label.clone(), EntityType::ALL[*t]);
        e.aliases.extend(aliases.iter().cloned());
        e.mentions = aliases.len() as u64;
        e.wikidata.clone_from(qid);
        e.iso3 = (e.entity_type == EntityType::State).then(|| "XYZ".to_owned());
        ids.push(e.id.clone());
        g.add_entity(e);
    }
    for (id, title, published, url) in &spec.documents {
        g.add_document(DocumentMeta {
            id: id.clone(),
            title: title.clone(),
            published: published.clone(),
            url: url.clone(),
        });
    }
    let mut sentences = 0;
    for (s, r, t, evidence, role) in &spec.edges {
        let kind = &shipped_schema().relations[*r];
        for (doc, text, trigger, date) in evidence {
            let doc = &spec.documents[doc % spec.documents.len()].0;
            // One sentence index per piece of evidence: a sentence has one text.
            let i = sentences;
            sentences += 1;
            let ev = Evidence {
                doc: doc.clone(),
                sentence: i,
                start: 10 * i,
                end: 10 * i + text.chars().count(),
                trigger_start: 10 * i,
                trigger_end: 10 * i + trigger.chars().count(),
                text: text.clone(),
                trigger: trigger.clone(),
                date: date.clone(),
                modality: Modality::ALL[i % 2],
                caller: None,
            };
            g.add_relation(
                &ids[s % ids.len()],
                kind.clone(),
                &ids[t % ids.len()],
                ev,
                role.clone(),
            );
        }
    }
    g.finish()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn hostile_text_round_trips_through_every_exporter(spec in graph_spec(hostile_text(12))) {
        check_all(&build(&spec));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, max_shrink_iters: 20, ..ProptestConfig::default() })]

    /// One name, one alias and one quote of 100 KB or more; the rest as above.
    #[test]
    fn long_text_round_trips_through_every_exporter(
        mut spec in graph_spec(hostile_text(12)),
        long in prop::collection::vec(hostile_text(6), 14_000..16_000)
            .prop_map(|v| v.concat())
            .prop_filter("100 KB or more", |s| s.len() >= 100_000),
    ) {
        spec.entities[0].0 = long.clone();
        spec.entities[0].2.push(long.chars().rev().collect());
        if let Some(edge) = spec.edges.first_mut() {
            edge.3[0].1 = long;
        }
        check_all(&build(&spec));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever an entity's name (any Unicode, or text made to close a script), the page's
    /// data parses and gives the name back unchanged.
    #[test]
    fn any_entity_name_keeps_the_page_data_parseable(
        name in prop_oneof![any::<String>(), hostile_text(16)],
        alias in hostile_text(8),
    ) {
        let mut g = GraphBuilder::new();
        let mut e = Entity::new(name.clone(), EntityType::Person);
        e.aliases.insert(alias.clone());
        g.add_entity(e);
        let g = g.finish();
        let page = export(&g, Format::Html);
        let data: serde_json::Value = serde_json::from_str(html_data(&page)).expect("the data is JSON");
        prop_assert_eq!(data["nodes"][0]["label"].as_str(), Some(g.entities().next().unwrap().label.as_str()));
        prop_assert!(data["nodes"][0]["aliases"].as_array().unwrap().iter().any(|a| a == alias.as_str()));
        check_html(&g, &page);
    }
}

// ---------------------------------------------------------------------------------------
// Checks, one per format, each reading the export back with a real parser

fn check_all(g: &KnowledgeGraph) {
    check_json(g, &export(g, Format::Json));
    check_rdf(g, &export(g, Format::NTriples), &export(g, Format::Turtle));
    check_nquads(g, &export(g, Format::NQuads), &export(g, Format::NTriples));
    check_graphml(g, &export(g, Format::GraphMl));
    check_gexf(g, &export(g, Format::Gexf));
    check_dot(g, &export(g, Format::Dot));
    check_html(g, &export(g, Format::Html));
}

const DATA_SCRIPT: &str = r#"<script id="newsgraph-data" type="application/json">"#;

/// The text of the page's data script, as an HTML parser delimits it: up to the first
/// `</script` in any case.
fn html_data(page: &str) -> &str {
    let start = page.find(DATA_SCRIPT).expect("a data script") + DATA_SCRIPT.len();
    let body = &page[start..];
    let end = body
        .to_ascii_lowercase()
        .find("</script")
        .expect("the data script ends");
    &body[..end]
}

/// The page: three scripts, none closed early (Cytoscape.js with its licence, the data, the
/// explorer); the data parses as JSON and holds the graph (each sentence once, each trigger
/// inside its sentence), and nothing is loaded from elsewhere.
fn check_html(g: &KnowledgeGraph, page: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("Content-Security-Policy"));
    assert!(
        page.contains("Permission is hereby granted, free of charge"),
        "Cytoscape's licence"
    );
    let lower = page.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        3,
        "a script element too many"
    );
    assert_eq!(
        lower.matches("</script").count(),
        3,
        "a script element was closed early"
    );
    assert!(
        !lower.contains("<script src") && !lower.contains("<link") && !lower.contains("<iframe"),
        "the page loads something"
    );
    let text = html_data(page);
    assert!(
        !text.contains(['<', '\u{2028}', '\u{2029}']),
        "the data holds a character that can end its script or a JavaScript line"
    );
    let data: serde_json::Value = serde_json::from_str(text).expect("the data is JSON");
    let limit = data["evidence_limit"].as_u64().unwrap() as usize;
    let nodes = data["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), g.node_count());
    for (node, e) in nodes.iter().zip(g.entities()) {
        assert_eq!(node["id"], e.id.as_str());
        assert_eq!(node["label"], e.label.as_str());
        assert_eq!(
            data["types"][node["type"].as_u64().unwrap() as usize]["name"],
            e.entity_type.as_str()
        );
        let aliases: Vec<&str> = node["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert_eq!(
            aliases,
            e.aliases.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert!(node["x"].as_f64().unwrap().is_finite() && node["y"].as_f64().unwrap().is_finite());
    }
    let sentences = data["sentences"].as_array().unwrap();
    let keys: HashSet<(u64, u64)> = sentences
        .iter()
        .map(|s| (s["doc"].as_u64().unwrap(), s["index"].as_u64().unwrap()))
        .collect();
    assert_eq!(keys.len(), sentences.len(), "a sentence is stored twice");
    let edges = data["edges"].as_array().unwrap();
    assert_eq!(edges.len(), g.edge_count());
    for (edge, e) in edges.iter().zip(g.edges()) {
        let end = |key: &str| &nodes[edge[key].as_u64().unwrap() as usize]["id"];
        assert_eq!(end("source"), e.source.id.as_str());
        assert_eq!(end("target"), e.target.id.as_str());
        assert_eq!(
            data["relations"][edge["relation"].as_u64().unwrap() as usize]["name"],
            e.relation.kind.as_str()
        );
        assert_eq!(edge["weight"], e.relation.weight());
        let evidence = edge["evidence"].as_array().unwrap();
        assert_eq!(evidence.len(), e.relation.evidence.len().min(limit));
        for (row, ev) in evidence.iter().zip(&e.relation.evidence) {
            let sentence = &sentences[row["sentence"].as_u64().unwrap() as usize];
            assert_eq!(sentence["text"], ev.text.as_str());
            assert_eq!(
                data["documents"][sentence["doc"].as_u64().unwrap() as usize]["id"],
                ev.doc.as_str()
            );
            assert_eq!(row["modality"], ev.modality.as_str());
            assert_eq!(row["date"].as_str(), ev.date.as_deref());
            let [a, b] = [0, 1].map(|k| row["trigger"][k].as_u64().unwrap() as usize);
            if !ev.trigger.is_empty() && ev.text.contains(ev.trigger.as_str()) {
                let chars: Vec<char> = ev.text.chars().collect();
                assert_eq!(chars[a..b].iter().collect::<String>(), ev.trigger);
            }
        }
    }
}

fn check_json(g: &KnowledgeGraph, doc: &str) {
    let v: serde_json::Value = serde_json::from_str(doc).expect("valid JSON");
    assert_eq!(v["directed"], true);
    assert_eq!(v["multigraph"], true);
    assert_eq!(
        v["graph"]["documents"].as_array().unwrap().len(),
        g.documents().count()
    );
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), g.node_count());
    for (node, e) in nodes.iter().zip(g.entities()) {
        assert_eq!(node["id"], e.id.as_str());
        assert_eq!(node["label"], e.label.as_str());
        assert_eq!(node["type"], e.entity_type.as_str());
        assert_eq!(node["aliases"], serde_json::json!(e.aliases));
        assert_eq!(node["mentions"], e.mentions);
        assert_eq!(node["wikidata"].as_str(), e.wikidata.as_deref());
        assert_eq!(node["color"], HexColor::new(e.entity_type.color()).as_str());
    }
    let edges = v["edges"].as_array().unwrap();
    assert_eq!(edges.len(), g.edge_count());
    for (edge, e) in edges.iter().zip(g.edges()) {
        let r = &*e.relation;
        assert_eq!(edge["source"], e.source.id.as_str());
        assert_eq!(edge["target"], e.target.id.as_str());
        assert_eq!(edge["key"], r.kind.as_str());
        assert_eq!(edge["relation"], r.kind.as_str());
        assert_eq!(edge["weight"], r.weight());
        assert_eq!(edge["role"].as_str(), r.role.as_deref());
        assert_eq!(edge["first_date"].as_str(), r.first_date());
        assert_eq!(edge["documents"], serde_json::json!(r.documents()));
        let evidence = edge["evidence"].as_array().unwrap();
        assert_eq!(evidence.len(), r.evidence.len());
        for (j, ev) in evidence.iter().zip(&r.evidence) {
            assert_eq!(j["doc"], ev.doc.as_str());
            assert_eq!(j.get("text"), None);
            let text = &v["graph"]["sentences"][&ev.doc][ev.sentence.to_string()];
            assert_eq!(text, ev.text.as_str());
            assert_eq!(j["trigger"], ev.trigger.as_str());
            assert_eq!(j["start"], ev.start);
            assert_eq!(j["trigger_end"], ev.trigger_end);
            assert_eq!(j["date"].as_str(), ev.date.as_deref());
            let url = g.document(&ev.doc).and_then(|d| d.url.as_deref());
            assert_eq!(j["url"].as_str(), url);
            assert_eq!(j["modality"], ev.modality.as_str());
            assert_eq!(j["caller"].as_str(), ev.caller.as_deref());
        }
    }
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn parse_ntriples(doc: &str) -> Vec<Triple> {
    oxttl::NTriplesParser::new()
        .for_slice(doc)
        .collect::<Result<_, _>>()
        .expect("valid N-Triples")
}

fn value(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => panic!("unexpected term {other}"),
    }
}

fn objects(triples: &[Triple], subject: &str, predicate: &str) -> BTreeSet<String> {
    triples
        .iter()
        .filter(|t| {
            t.subject.to_string() == format!("<{subject}>") && t.predicate.as_str() == predicate
        })
        .map(|t| value(&t.object))
        .collect()
}

fn has(triples: &[Triple], subject: &str, predicate: &str, object: &str) -> bool {
    objects(triples, subject, predicate).contains(object)
}

/// All values of `predicate`, with multiplicity.
fn all_values(triples: &[Triple], predicate: &str) -> Vec<String> {
    let mut values: Vec<String> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == predicate)
        .map(|t| value(&t.object))
        .collect();
    values.sort();
    values
}

fn check_rdf(g: &KnowledgeGraph, nt: &str, ttl: &str) {
    let triples = parse_ntriples(nt);
    let from_turtle: Vec<Triple> = oxttl::TurtleParser::new()
        .for_slice(ttl)
        .collect::<Result<_, _>>()
        .expect("valid Turtle");
    let set: HashSet<&Triple> = triples.iter().collect();
    assert_eq!(
        set.len(),
        triples.len(),
        "duplicate triples: two resources share an IRI"
    );
    assert_eq!(
        set,
        from_turtle.iter().collect(),
        "Turtle and N-Triples differ"
    );
    assert!(triples
        .iter()
        .all(|t| !t.subject.is_blank_node() && !t.object.is_blank_node()));

    for e in g.entities() {
        let iri = entity_iri(&e.id);
        assert_eq!(
            objects(&triples, &iri, "http://www.w3.org/2000/01/rdf-schema#label"),
            BTreeSet::from([e.label.clone()])
        );
        assert_eq!(
            objects(
                &triples,
                &iri,
                "http://www.w3.org/2004/02/skos/core#altLabel"
            ),
            e.aliases
        );
        assert_eq!(
            objects(&triples, &iri, &format!("{ONTOLOGY_NS}mentionCount")),
            BTreeSet::from([e.mentions.to_string()])
        );
    }
    let statements: Vec<&Triple> = triples
        .iter()
        .filter(|t| {
            t.predicate.as_str() == RDF_TYPE
                && value(&t.object) == format!("{ONTOLOGY_NS}Statement")
        })
        .collect();
    assert_eq!(statements.len(), g.edge_count());
    // Each supporting sentence once, whatever the number of statements it supports.
    let edges: Vec<_> = g.edges().collect();
    let sentences: BTreeMap<(&str, usize), &str> = edges
        .iter()
        .flat_map(|e| e.relation.evidence.iter())
        .map(|ev| ((ev.doc.as_str(), ev.sentence), ev.text.as_str()))
        .collect();
    let mut texts: Vec<String> = sentences.values().map(|t| t.to_string()).collect();
    texts.sort();
    assert_eq!(all_values(&triples, "http://www.w3.org/ns/oa#exact"), texts);
    assert_eq!(
        all_values(&triples, &format!("{ONTOLOGY_NS}sentenceIndex")).len(),
        sentences.len()
    );
    let mut triggers: Vec<String> = edges
        .iter()
        .flat_map(|e| e.relation.evidence.iter().map(|ev| ev.trigger.clone()))
        .collect();
    triggers.sort();
    assert_eq!(
        all_values(&triples, &format!("{ONTOLOGY_NS}trigger")),
        triggers
    );
    let mut modalities: Vec<String> = edges
        .iter()
        .flat_map(|e| e.relation.evidence.iter().map(|ev| ev.modality.to_string()))
        .collect();
    modalities.sort();
    assert_eq!(
        all_values(&triples, &format!("{ONTOLOGY_NS}modality")),
        modalities
    );
    for d in g.documents() {
        let iri = document_iri(&d.id);
        let url = d
            .url
            .as_deref()
            .filter(|u| oxrdf::NamedNode::new(*u).is_ok());
        assert_eq!(
            objects(&triples, &iri, "http://www.w3.org/ns/prov#wasDerivedFrom"),
            url.map(String::from).into_iter().collect(),
            "{iri}"
        );
        let issued = d.published.as_deref().filter(|p| is_iso_date(p));
        assert_eq!(
            objects(&triples, &iri, "http://purl.org/dc/terms/issued"),
            issued.map(String::from).into_iter().collect(),
            "{iri}"
        );
    }
    let mut titles: Vec<String> = g.documents().filter_map(|d| d.title.clone()).collect();
    titles.sort();
    assert_eq!(
        all_values(&triples, "http://purl.org/dc/terms/title"),
        titles
    );
}

/// The N-Quads hold the N-Triples' triples, each in the graph of the document it comes from
/// (the direct triple of an edge in every document that supports it) or, for what the
/// corpus as a whole says, in the default graph.
fn check_nquads(g: &KnowledgeGraph, nq: &str, nt: &str) {
    let quads: Vec<oxrdf::Quad> = oxttl::NQuadsParser::new()
        .for_slice(nq)
        .collect::<Result<_, _>>()
        .expect("valid N-Quads");
    let triples: HashSet<Triple> = quads.iter().map(|q| Triple::from(q.clone())).collect();
    assert_eq!(
        triples,
        parse_ntriples(nt).into_iter().collect(),
        "N-Quads and N-Triples hold different triples"
    );
    let graph_of = |q: &oxrdf::Quad| match &q.graph_name {
        oxrdf::GraphName::NamedNode(n) => Some(n.as_str().to_owned()),
        oxrdf::GraphName::DefaultGraph => None,
        other => panic!("blank graph name {other}"),
    };
    for q in &quads {
        let subject = q.subject.to_string();
        let graph = graph_of(q);
        let per_document = [EVIDENCE_NS, SENTENCE_NS, DOCUMENT_NS]
            .iter()
            .any(|ns| subject.starts_with(&format!("<{ns}")));
        if per_document {
            let graph = graph.as_deref();
            let graph = graph.unwrap_or_else(|| panic!("{q} is in the default graph"));
            let segment = graph.strip_prefix(DOCUMENT_NS).expect("a document graph");
            assert!(
                subject == format!("<{graph}>") || subject.contains(&format!("/{segment}/")),
                "{q} is not in its document's graph"
            );
        }
        if subject.starts_with(&format!("<{ENTITY_NS}"))
            && q.predicate.as_str().starts_with(ONTOLOGY_NS)
        {
            let relation = g
                .edges()
                .any(|e| relation_property(&e.relation.kind).as_str() == q.predicate.as_str());
            assert_eq!(relation, graph.is_some(), "{q}");
        }
    }
    for e in g.edges() {
        let direct = Triple::new(
            oxrdf::NamedNode::new(entity_iri(&e.source.id)).unwrap(),
            relation_property(&e.relation.kind),
            oxrdf::NamedNode::new(entity_iri(&e.target.id)).unwrap(),
        );
        let graphs: BTreeSet<String> = quads
            .iter()
            .filter(|q| Triple::from((*q).clone()) == direct)
            .filter_map(graph_of)
            .collect();
        let documents: BTreeSet<String> = e
            .relation
            .documents()
            .into_iter()
            .map(document_iri)
            .collect();
        assert_eq!(graphs, documents, "{}", e.id());
    }
}

/// Whether XML 1.0 can carry `c` at all, even as a character reference.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// What the XML exports promise to carry: the text, with the characters XML 1.0 cannot
/// hold replaced by U+FFFD.
fn xml_policy(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_xml_char(c) {
                c
            } else {
                char::REPLACEMENT_CHARACTER
            }
        })
        .collect()
}

fn json_text<T: serde::Serialize>(value: &T) -> String {
    xml_policy(&serde_json::to_string(value).unwrap())
}

/// Just enough of a DOM to check the XML exports.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child<'a>(&'a self, name: &'a str) -> &'a Element {
        self.children(name)
            .next()
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", self.name))
    }

    fn walk(&self, f: &mut impl FnMut(&Element)) {
        f(self);
        self.children.iter().for_each(|c| c.walk(f));
    }
}

/// Parses with quick-xml. A conforming parser would normalise raw CR and, in attribute
/// values, raw LF and tabs, so those must not occur unescaped.
fn parse_xml(doc: &str) -> Element {
    assert!(!doc.contains('\r'), "raw CR would be normalised away");
    let mut reader = quick_xml::Reader::from_str(doc);
    let mut stack = vec![Element::default()];
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("invalid XML at {}: {e}", reader.buffer_position()));
        let open = |e: &quick_xml::events::BytesStart<'_>| {
            let mut element = Element {
                name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                ..Element::default()
            };
            for attr in e.attributes() {
                let attr = attr.expect("well-formed attribute");
                assert!(
                    !attr.value.iter().any(|b| matches!(b, b'\n' | b'\t')),
                    "raw whitespace in an attribute value"
                );
                let key = String::from_utf8(attr.key.as_ref().to_vec()).unwrap();
                let previous = element
                    .attributes
                    .insert(key, attr.unescape_value().unwrap().into_owned());
                assert!(previous.is_none(), "duplicate attribute");
            }
            element
        };
        match event {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let element = open(&e);
                stack.last_mut().unwrap().children.push(element);
            }
            Event::End(_) => {
                let element = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(element);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let text = &mut stack.last_mut().unwrap().text;
                if r.is_char_ref() {
                    text.push(r.resolve_char_ref().unwrap().unwrap());
                } else {
                    let name = r.decode().unwrap();
                    text.push_str(
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("predefined entity"),
                    );
                }
            }
            Event::CData(_) | Event::DocType(_) => panic!("unexpected {event:?}"),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    let mut document = stack.pop().unwrap();
    assert!(stack.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root element");
    let root = document.children.pop().unwrap();
    assert!(xml_chars_only(&root), "a character XML 1.0 cannot carry");
    root
}

fn xml_chars_only(root: &Element) -> bool {
    let mut ok = true;
    root.walk(&mut |e| {
        ok &= e
            .text
            .chars()
            .chain(e.attributes.values().flat_map(|v| v.chars()))
            .all(is_xml_char);
    });
    ok
}

/// XML `Nmtoken`, the type of GraphML's ids.
fn is_nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            matches!(c,
                ':' | 'A'..='Z' | '_' | 'a'..='z' | '-' | '.' | '0'..='9' | '\u{B7}'
                | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
                | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}' | '\u{2070}'..='\u{218F}'
                | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}'
                | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
        })
}

fn data_map<'a>(
    e: &'a Element,
    keys: &BTreeMap<String, String>,
    domain: &str,
) -> BTreeMap<&'a str, &'a str> {
    let mut map = BTreeMap::new();
    for d in e.children("data") {
        let key = d.attr("key").unwrap();
        assert_eq!(
            keys.get(key).map(String::as_str),
            Some(domain),
            "undeclared key {key} on a {domain}"
        );
        assert!(
            map.insert(key, d.text.as_str()).is_none(),
            "two values of {key}"
        );
    }
    map
}

fn check_graphml(g: &KnowledgeGraph, doc: &str) {
    let root = parse_xml(doc);
    assert_eq!(root.name, "graphml");
    assert_eq!(
        root.attr("xmlns"),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    root.walk(&mut |e| assert_ne!(e.name, "desc"));
    let names: Vec<&str> = root.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.last(), Some(&"graph"));
    assert!(
        names[..names.len() - 1].iter().all(|&n| n == "key"),
        "keys come before the graph"
    );
    let mut keys = BTreeMap::new();
    for key in root.children("key") {
        let id = key.attr("id").unwrap();
        assert_eq!(key.attr("attr.name"), Some(id));
        assert!(matches!(key.attr("for"), Some("node" | "edge")));
        assert!(matches!(
            key.attr("attr.type"),
            Some("boolean" | "int" | "long" | "float" | "double" | "string")
        ));
        assert!(
            keys.insert(id.to_owned(), key.attr("for").unwrap().to_owned())
                .is_none(),
            "key id {id} twice"
        );
    }
    let graph = root.child("graph");
    assert_eq!(graph.attr("edgedefault"), Some("directed"));
    let kinds: Vec<&str> = graph.children.iter().map(|c| c.name.as_str()).collect();
    assert!(
        kinds
            .windows(2)
            .all(|w| !(w[0] == "edge" && w[1] == "node")),
        "nodes come before edges"
    );

    let nodes: Vec<&Element> = graph.children("node").collect();
    assert_eq!(nodes.len(), g.node_count());
    let mut node_ids = BTreeSet::new();
    for (node, e) in nodes.iter().zip(g.entities()) {
        let id = node.attr("id").unwrap();
        assert!(is_nmtoken(id), "{id:?} is no NMTOKEN");
        assert!(node_ids.insert(id));
        let data = data_map(node, &keys, "node");
        assert_eq!(data["label"], xml_policy(&e.label));
        assert_eq!(data["type"], e.entity_type.as_str());
        assert_eq!(data["aliases"], json_text(&e.aliases));
        assert_eq!(data["mentions"], e.mentions.to_string());
        assert_eq!(data["color"], HexColor::new(e.entity_type.color()).as_str());
        assert_eq!(data.get("wikidata").copied(), e.wikidata.as_deref());
    }
    let edges: Vec<&Element> = graph.children("edge").collect();
    assert_eq!(edges.len(), g.edge_count());
    let mut edge_ids = BTreeSet::new();
    for (edge, e) in edges.iter().zip(g.edges()) {
        let id = edge.attr("id").unwrap();
        assert!(is_nmtoken(id), "{id:?} is no NMTOKEN");
        assert!(edge_ids.insert(id));
        assert!(
            node_ids.contains(edge.attr("source").unwrap())
                && node_ids.contains(edge.attr("target").unwrap())
        );
        let data = data_map(edge, &keys, "edge");
        let r = &*e.relation;
        // Gephi's edge type: parallel edges of different relations stay apart.
        assert_eq!(edge.attr("label"), Some(r.kind.as_str()));
        assert_eq!(data["relation"], r.kind.as_str());
        assert_eq!(data["edgelabel"], r.kind.as_str());
        assert_eq!(data["weight"].parse::<f64>().unwrap(), r.weight() as f64);
        assert_eq!(data["r"].parse::<u8>().unwrap(), r.kind.color().0);
        assert_eq!(data["first_quote"], xml_policy(&r.evidence[0].text));
        assert_eq!(data["claimed_count"], claimed_count(r).to_string());
        assert_eq!(data["documents"], json_text(&r.documents()));
        assert_eq!(data["evidence"], json_text(&EvidenceList(&r.evidence, g)));
        assert_eq!(
            data.get("role").map(|s| s.to_string()),
            r.role.as_deref().map(xml_policy)
        );
    }
}

fn check_gexf(g: &KnowledgeGraph, doc: &str) {
    let root = parse_xml(doc);
    assert_eq!(root.name, "gexf");
    assert_eq!(root.attr("xmlns"), Some("http://gexf.net/1.3"));
    assert_eq!(root.attr("version"), Some("1.3"));
    let graph = root.child("graph");
    assert_eq!(graph.attr("defaultedgetype"), Some("directed"));
    assert_eq!(graph.attr("timeformat"), Some("dateTime"));
    let mut declared = BTreeSet::new();
    for attributes in graph.children("attributes") {
        for a in attributes.children("attribute") {
            declared.insert((attributes.attr("class").unwrap(), a.attr("id").unwrap()));
        }
    }
    let attvalues = |e: &Element, class: &str| -> BTreeMap<String, String> {
        e.child("attvalues")
            .children("attvalue")
            .map(|a| {
                let key = a.attr("for").unwrap();
                assert!(
                    declared.contains(&(class, key)),
                    "undeclared attribute {key}"
                );
                (key.to_owned(), a.attr("value").unwrap().to_owned())
            })
            .collect()
    };
    let nodes: Vec<&Element> = graph.child("nodes").children("node").collect();
    assert_eq!(nodes.len(), g.node_count());
    for (node, e) in nodes.iter().zip(g.entities()) {
        assert_eq!(node.attr("id").unwrap(), xml_policy(&e.id));
        assert_eq!(node.attr("label").unwrap(), xml_policy(&e.label));
        let values = attvalues(node, "node");
        assert_eq!(values["type"], e.entity_type.as_str());
        assert_eq!(values["aliases"], json_text(&e.aliases));
        assert_eq!(values["mentions"], e.mentions.to_string());
        let (r, _, b) = e.entity_type.color();
        assert_eq!(
            node.child("viz:color").attr("r"),
            Some(r.to_string().as_str())
        );
        assert_eq!(
            node.child("viz:color").attr("b"),
            Some(b.to_string().as_str())
        );
        let coordinate = |element: &str, name: &str| -> f64 {
            let value = node.child(element).attr(name).unwrap();
            value
                .parse()
                .unwrap_or_else(|_| panic!("{element} {name}={value:?}"))
        };
        for (element, name) in [
            ("viz:position", "x"),
            ("viz:position", "y"),
            ("viz:size", "value"),
        ] {
            assert!(coordinate(element, name).is_finite());
        }
        assert!(coordinate("viz:size", "value") > 0.0);
    }
    let edges: Vec<&Element> = graph.child("edges").children("edge").collect();
    assert_eq!(edges.len(), g.edge_count());
    let ids: BTreeSet<&str> = edges.iter().map(|e| e.attr("id").unwrap()).collect();
    assert_eq!(ids.len(), edges.len(), "edge ids are unique");
    for (edge, e) in edges.iter().zip(g.edges()) {
        let r = &*e.relation;
        assert_eq!(edge.attr("id").unwrap(), xml_policy(&e.id()));
        assert_eq!(edge.attr("source").unwrap(), xml_policy(&e.source.id));
        assert_eq!(edge.attr("kind"), Some(r.kind.as_str()));
        assert_eq!(
            edge.attr("weight").unwrap().parse::<f64>().unwrap(),
            r.weight() as f64
        );
        // One spell per well-formed event date: the whole day, as dateTimes.
        let days: BTreeSet<&str> = r
            .evidence
            .iter()
            .filter_map(|e| e.date.as_deref())
            .filter(|d| is_iso_date(d))
            .collect();
        let spells: Vec<(String, String)> = edge
            .children("spells")
            .flat_map(|s| s.children("spell"))
            .map(|s| {
                (
                    s.attr("start").unwrap().to_owned(),
                    s.attr("end").unwrap().to_owned(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = days
            .iter()
            .map(|d| (format!("{d}T00:00:00.000"), format!("{d}T23:59:59.999")))
            .collect();
        assert_eq!(spells, expected);
        assert_eq!(edge.attr("start"), None);
        let values = attvalues(edge, "edge");
        assert_eq!(values["relation"], r.kind.as_str());
        assert_eq!(values["first_quote"], xml_policy(&r.evidence[0].text));
        assert_eq!(values["claimed_count"], claimed_count(r).to_string());
        assert_eq!(values["documents"], json_text(&r.documents()));
    }
}

#[derive(Debug, PartialEq)]
enum Token {
    Str(String),
    /// An HTML-like string `<...>`, without its outer brackets.
    Html(String),
    Word(String),
    Arrow,
    Punct(char),
}

/// A DOT tokenizer for what the exporter writes: quoted strings (with `\` escaping the
/// next character, and backslash-newline continuing the string), HTML-like strings
/// (balanced `<` `>`), words, `->`, punctuation and `//` comments. Panics on an
/// unterminated string.
fn tokenize_dot(doc: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = doc.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '"' => {
                let mut s = String::new();
                loop {
                    match chars.next().expect("unterminated string") {
                        '"' => break,
                        '\\' => match chars.next().expect("unterminated string") {
                            '\n' => {}
                            'n' => s.push('\n'),
                            c => s.push(c),
                        },
                        c => s.push(c),
                    }
                }
                tokens.push(Token::Str(s));
            }
            '<' => {
                let (mut s, mut depth) = (String::new(), 1);
                while depth > 0 {
                    let c = chars.next().expect("unterminated HTML string");
                    depth += match c {
                        '<' => 1,
                        '>' => -1,
                        _ => 0,
                    };
                    if depth > 0 {
                        s.push(c);
                    }
                }
                tokens.push(Token::Html(s));
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push(Token::Arrow);
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' => {
                let mut w = String::from(c);
                while let Some(&c) = chars
                    .peek()
                    .filter(|c| c.is_alphanumeric() || **c == '_' || **c == '.')
                {
                    w.push(c);
                    chars.next();
                }
                tokens.push(Token::Word(w));
            }
            '{' | '}' | '[' | ']' | ';' | ',' | '=' => tokens.push(Token::Punct(c)),
            c => panic!("unexpected character {c:?} outside a string"),
        }
    }
    tokens
}

/// What DOT promises: short lines, every string closed, balanced brackets, one node
/// statement per entity and one edge statement per edge, with the ids of the graph, `called`
/// edges without arrowheads, and one legend node (an HTML-like table) when there are
/// entities.
fn check_dot(g: &KnowledgeGraph, doc: &str) {
    for line in doc.lines() {
        assert!(line.len() <= dot::MAX_LINE, "line of {} bytes", line.len());
    }
    let tokens = tokenize_dot(doc);
    assert_eq!(
        tokens[..3],
        [
            Token::Word("digraph".into()),
            Token::Word("newsgraph".into()),
            Token::Punct('{')
        ]
    );
    assert_eq!(tokens.last(), Some(&Token::Punct('}')));
    let (mut braces, mut brackets) = (0i32, 0i32);
    let mut node_ids = Vec::new();
    let mut edges = Vec::new();
    let mut legends = Vec::new();
    let attributes_from = |i: usize| {
        let end = i + tokens[i..]
            .iter()
            .position(|t| *t == Token::Punct(']'))
            .expect("closed attribute list");
        &tokens[i..end]
    };
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Punct('{') => braces += 1,
            Token::Punct('}') => braces -= 1,
            Token::Punct('[') => brackets += 1,
            Token::Punct(']') => brackets -= 1,
            // A statement starts after `{`, `;` or a subgraph's `}` at the top level.
            Token::Str(id)
                if braces == 1
                    && brackets == 0
                    && matches!(tokens[i - 1], Token::Punct('{' | ';' | '}')) =>
            {
                if let (Some(Token::Arrow), Some(Token::Str(target))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    edges.push((id.clone(), target.clone()));
                    let attributes = attributes_from(i);
                    let undirected = attributes.windows(3).any(|w| {
                        w == [
                            Token::Word("dir".into()),
                            Token::Punct('='),
                            Token::Word("none".into()),
                        ]
                    });
                    let called = attributes
                        .iter()
                        .any(|t| matches!(t, Token::Str(s) if s.starts_with("called")));
                    assert_eq!(
                        undirected, called,
                        "edge {id} -> {target}: dir=none on `called` only"
                    );
                } else if id.contains(':') {
                    let label = attributes_from(i)
                        .iter()
                        .find_map(|t| match t {
                            Token::Html(h) => Some(h.clone()),
                            _ => None,
                        })
                        .expect("the legend has an HTML-like label");
                    legends.push(label);
                } else {
                    node_ids.push(id.clone());
                }
            }
            _ => {}
        }
        assert!(braces >= 0 && brackets >= 0, "unbalanced");
    }
    assert_eq!((braces, brackets), (0, 0), "unbalanced");
    assert_eq!(
        legends.len(),
        usize::from(g.node_count() > 0),
        "one legend node"
    );
    for legend in &legends {
        assert!(
            legend.starts_with("<table") && legend.ends_with("</table>"),
            "{legend}"
        );
        for t in g.entities().map(|e| e.entity_type) {
            assert!(
                legend.contains(&format!(">{t}<")),
                "{t} missing from the legend"
            );
        }
        for e in g.edges() {
            assert!(
                legend.contains(&format!(" {}<", e.relation.kind)),
                "{} missing from the legend",
                e.relation.kind
            );
        }
    }
    // Entity ids are slugs, which need no escaping: they read back as they are.
    assert_eq!(
        node_ids,
        g.entities().map(|e| e.id.clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        edges,
        g.edges()
            .map(|e| (e.source.id.clone(), e.target.id.clone()))
            .collect::<Vec<_>>()
    );
}
