//! `graph.ttl`, `graph.nt` and `graph.nq`: RDF 1.1 in the vocabulary of
//! `schema/ontology.ttl`, valid against `schema/shapes.ttl`, written as oxttl's serializers
//! write them (see [`syntax`]).
//!
//! Every resource is an IRI derived from ids (never a blank node), so the graphs of two
//! runs or shards merge by plain union:
//!
//! | resource | IRI |
//! |---|---|
//! | entity | `ent:{id}` = `https://w3id.org/newsgraph/entity/{id}` |
//! | statement | `stmt:{source}--{relation}--{target}` (`relation` as in DESIGN.md, `official_of`) |
//! | evidence | `https://w3id.org/newsgraph/evidence/{source}--{relation}--{target}/{doc}/{sentence}` |
//! | sentence | `https://w3id.org/newsgraph/sentence/{doc}/{sentence}` |
//! | its selectors | `{sentence}/position`, `{sentence}/quote` |
//! | document | `doc:{id}` = `https://w3id.org/newsgraph/document/{id}` |
//!
//! Ids are percent-encoded (UTF-8) except for the IRI's unreserved characters, so slugs
//! with non-ASCII letters stay readable. Slugs never contain `--`, which keeps statement
//! IRIs unambiguous. In Turtle, evidence and sentence IRIs are prefixed names too (`ev:`,
//! `sen:`), their `/` escaped (`sen:a01\/3`): written whole, these IRIs, repeated in every
//! triple about a piece of evidence or a sentence, made a sixth of the file.
//!
//! Each edge is written twice: as the direct triple `ent:iran ng:struck ent:pakistan`, for
//! simple queries, and as an `ng:Statement` node (the n-ary pattern of PROV-O's qualified
//! relations and of Wikidata statements) that carries the weight, codes, dates, documents
//! and one `ng:Evidence` (an `oa:Annotation`) per supporting sentence: the trigger, its
//! offsets, the event date, the modality, on a call the `ng:caller` where the sentence says
//! who placed it, and as target the `ng:Sentence`.
//!
//! Each sentence that supports anything is written once, however many statements it
//! supports: an `ng:Sentence` (an `oa:SpecificResource`) with its document, its index and
//! two selectors, its code-point offsets (`oa:TextPositionSelector`) and its text
//! (`oa:TextQuoteSelector`). Repeating the text and selectors for each statement made RDF
//! the bulk of the exports.
//!
//! A document is a `prov:Entity` with its `dcterms:title`, its publication date
//! (`dcterms:issued`) and, when its record gives the address it was published at,
//! `prov:wasDerivedFrom` that address.

use std::collections::BTreeMap;
use std::io::{self, Write};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{GraphNameRef, LiteralRef, NamedNode, NamedNodeRef, TermRef, TripleRef};

use super::{distinct_documents, is_iso_date, Int};
use crate::edge::{Evidence, RelationKind};
use crate::entity::{Entity, EntityType};
use crate::graph::{DocumentMeta, EdgeView, KnowledgeGraph, SentenceTexts};
use crate::spill::SupportingSentence;
use syntax::{push_line, Turtle};

mod syntax;

macro_rules! ng_ns {
    () => {
        "https://w3id.org/newsgraph/ontology#"
    };
}
macro_rules! skos_ns {
    () => {
        "http://www.w3.org/2004/02/skos/core#"
    };
}
macro_rules! owl_ns {
    () => {
        "http://www.w3.org/2002/07/owl#"
    };
}
macro_rules! prov_ns {
    () => {
        "http://www.w3.org/ns/prov#"
    };
}
macro_rules! oa_ns {
    () => {
        "http://www.w3.org/ns/oa#"
    };
}
macro_rules! dcterms_ns {
    () => {
        "http://purl.org/dc/terms/"
    };
}
/// A term of one of the namespaces above, as a constant.
macro_rules! term {
    ($ns:ident, $local:literal) => {
        NamedNodeRef::new_unchecked(concat!($ns!(), $local))
    };
}

/// The ontology's namespace (`ng:`), the one of `schema/ontology.ttl`.
pub const ONTOLOGY_NS: &str = ng_ns!();
/// Entities: `ent:{id}`.
pub const ENTITY_NS: &str = "https://w3id.org/newsgraph/entity/";
/// Statements: `stmt:{source}--{relation}--{target}`.
pub const STATEMENT_NS: &str = "https://w3id.org/newsgraph/statement/";
/// Evidence: `{EVIDENCE_NS}{source}--{relation}--{target}/{doc}/{sentence}`.
pub const EVIDENCE_NS: &str = "https://w3id.org/newsgraph/evidence/";
/// Supporting sentences: `{SENTENCE_NS}{doc}/{sentence}`.
pub const SENTENCE_NS: &str = "https://w3id.org/newsgraph/sentence/";
/// Source documents: `doc:{id}`.
pub const DOCUMENT_NS: &str = "https://w3id.org/newsgraph/document/";
const WIKIDATA_NS: &str = "http://www.wikidata.org/entity/";

/// The prefixes of the Turtle file, also those `schema/*.ttl` use.
const PREFIXES: [(&str, &str); 15] = [
    ("ng", ONTOLOGY_NS),
    ("ent", ENTITY_NS),
    ("stmt", STATEMENT_NS),
    ("ev", EVIDENCE_NS),
    ("sen", SENTENCE_NS),
    ("doc", DOCUMENT_NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", owl_ns!()),
    ("skos", skos_ns!()),
    ("prov", prov_ns!()),
    ("oa", oa_ns!()),
    ("dcterms", dcterms_ns!()),
    ("wd", WIKIDATA_NS),
];

mod ng {
    use oxrdf::NamedNodeRef;

    pub const STATEMENT: NamedNodeRef<'_> = term!(ng_ns, "Statement");
    pub const DOCUMENT: NamedNodeRef<'_> = term!(ng_ns, "Document");
    pub const EVIDENCE: NamedNodeRef<'_> = term!(ng_ns, "Evidence");
    pub const SENTENCE: NamedNodeRef<'_> = term!(ng_ns, "Sentence");
    pub const MENTION_COUNT: NamedNodeRef<'_> = term!(ng_ns, "mentionCount");
    pub const ISO3: NamedNodeRef<'_> = term!(ng_ns, "iso3");
    pub const SUBJECT: NamedNodeRef<'_> = term!(ng_ns, "subject");
    pub const RELATION: NamedNodeRef<'_> = term!(ng_ns, "relation");
    pub const OBJECT: NamedNodeRef<'_> = term!(ng_ns, "object");
    pub const WEIGHT: NamedNodeRef<'_> = term!(ng_ns, "weight");
    pub const CAMEO_CODE: NamedNodeRef<'_> = term!(ng_ns, "cameoCode");
    pub const PLOVER_CATEGORY: NamedNodeRef<'_> = term!(ng_ns, "ploverCategory");
    pub const ROLE: NamedNodeRef<'_> = term!(ng_ns, "role");
    pub const DATE: NamedNodeRef<'_> = term!(ng_ns, "date");
    pub const EVIDENCE_PROP: NamedNodeRef<'_> = term!(ng_ns, "evidence");
    pub const SENTENCE_INDEX: NamedNodeRef<'_> = term!(ng_ns, "sentenceIndex");
    pub const TRIGGER: NamedNodeRef<'_> = term!(ng_ns, "trigger");
    pub const TRIGGER_START: NamedNodeRef<'_> = term!(ng_ns, "triggerStart");
    pub const TRIGGER_END: NamedNodeRef<'_> = term!(ng_ns, "triggerEnd");
    pub const MODALITY: NamedNodeRef<'_> = term!(ng_ns, "modality");
    pub const CALLER: NamedNodeRef<'_> = term!(ng_ns, "caller");
}

mod oa {
    use oxrdf::NamedNodeRef;

    pub const HAS_TARGET: NamedNodeRef<'_> = term!(oa_ns, "hasTarget");
    pub const HAS_SOURCE: NamedNodeRef<'_> = term!(oa_ns, "hasSource");
    pub const HAS_SELECTOR: NamedNodeRef<'_> = term!(oa_ns, "hasSelector");
    pub const TEXT_POSITION_SELECTOR: NamedNodeRef<'_> = term!(oa_ns, "TextPositionSelector");
    pub const START: NamedNodeRef<'_> = term!(oa_ns, "start");
    pub const END: NamedNodeRef<'_> = term!(oa_ns, "end");
    pub const TEXT_QUOTE_SELECTOR: NamedNodeRef<'_> = term!(oa_ns, "TextQuoteSelector");
    pub const EXACT: NamedNodeRef<'_> = term!(oa_ns, "exact");
}

const SKOS_PREF_LABEL: NamedNodeRef<'_> = term!(skos_ns, "prefLabel");
const SKOS_ALT_LABEL: NamedNodeRef<'_> = term!(skos_ns, "altLabel");
const OWL_SAME_AS: NamedNodeRef<'_> = term!(owl_ns, "sameAs");
const PROV_ENTITY: NamedNodeRef<'_> = term!(prov_ns, "Entity");
const PROV_WAS_DERIVED_FROM: NamedNodeRef<'_> = term!(prov_ns, "wasDerivedFrom");
const DCTERMS_TITLE: NamedNodeRef<'_> = term!(dcterms_ns, "title");
const DCTERMS_ISSUED: NamedNodeRef<'_> = term!(dcterms_ns, "issued");

/// The class of an entity type: `ng:State`, `ng:Official`, …
fn entity_class(t: EntityType) -> NamedNodeRef<'static> {
    match t {
        EntityType::State => term!(ng_ns, "State"),
        EntityType::Official => term!(ng_ns, "Official"),
        EntityType::Group => term!(ng_ns, "Group"),
        EntityType::Operation => term!(ng_ns, "Operation"),
        EntityType::Organization => term!(ng_ns, "Organization"),
        EntityType::Place => term!(ng_ns, "Place"),
        EntityType::Person => term!(ng_ns, "Person"),
    }
}

/// The object property of a relation: `ng:` and the property name of `schema/relations.tsv`
/// (`official_of` is `ng:officialOf`), as `schema/ontology.ttl` declares it with
/// `ng:relationName`.
///
/// ```
/// let schema = newsgraph::Schema::load("schema")?;
/// let official_of = schema.relation("official_of").unwrap();
/// assert_eq!(
///     newsgraph::export::relation_property(&official_of).as_str(),
///     "https://w3id.org/newsgraph/ontology#officialOf"
/// );
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn relation_property(kind: &RelationKind) -> NamedNode {
    NamedNode::new_unchecked(format!("{ONTOLOGY_NS}{}", kind.def().property))
}

/// The IRI of the entity with this id.
///
/// ```
/// assert_eq!(newsgraph::export::entity_iri("türkiye"), "https://w3id.org/newsgraph/entity/türkiye");
/// assert_eq!(newsgraph::export::entity_iri("a b/c"), "https://w3id.org/newsgraph/entity/a%20b%2Fc");
/// ```
pub fn entity_iri(id: &str) -> String {
    let mut iri = String::new();
    set_iri(&mut iri, ENTITY_NS, id);
    iri
}

/// The IRI of the document with this id.
///
/// ```
/// assert_eq!(newsgraph::export::document_iri("a b"), "https://w3id.org/newsgraph/document/a%20b");
/// ```
pub fn document_iri(id: &str) -> String {
    let mut iri = String::new();
    set_iri(&mut iri, DOCUMENT_NS, id);
    iri
}

/// Builds a [`WriterTurtleSerializer`], with the prefixes `schema/*.ttl` use.
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct TurtleSerializer;

impl TurtleSerializer {
    pub fn new() -> Self {
        TurtleSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterTurtleSerializer<W> {
        WriterTurtleSerializer {
            out: Blocks::new(writer),
            turtle: Turtle::new(&PREFIXES),
        }
    }
}

/// Writes graphs as Turtle to a [`Write`]. Several graphs may be written: their union is.
#[must_use]
pub struct WriterTurtleSerializer<W: Write> {
    out: Blocks<W>,
    turtle: Turtle,
}

impl<W: Write> WriterTurtleSerializer<W> {
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        let (out, turtle) = (&mut self.out, &mut self.turtle);
        let mut write =
            |t: TripleRef<'_>, _: Option<&str>| out.append(|bytes| turtle.push(bytes, t));
        emit_graph(graph, &mut Sink::new(&mut write, false))
    }

    /// Ends the last Turtle statement and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let turtle = &mut self.turtle;
        self.out.append(|bytes| turtle.finish(bytes))?;
        self.out.into_inner()
    }
}

/// Builds a [`WriterNTriplesSerializer`].
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct NTriplesSerializer;

impl NTriplesSerializer {
    pub fn new() -> Self {
        NTriplesSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterNTriplesSerializer<W> {
        WriterNTriplesSerializer {
            out: Blocks::new(writer),
        }
    }
}

/// Writes graphs as N-Triples to a [`Write`]. Several graphs may be written: their union is.
#[must_use]
pub struct WriterNTriplesSerializer<W: Write> {
    out: Blocks<W>,
}

impl<W: Write> WriterNTriplesSerializer<W> {
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        let out = &mut self.out;
        let mut write = |t: TripleRef<'_>, _: Option<&str>| {
            out.append(|bytes| push_line(bytes, t, GraphNameRef::DefaultGraph))
        };
        emit_graph(graph, &mut Sink::new(&mut write, false))
    }

    /// Returns the writer (N-Triples has nothing to close).
    pub fn finish(self) -> io::Result<W> {
        self.out.into_inner()
    }
}

/// Builds a [`WriterNQuadsSerializer`].
#[derive(Debug, Default, Clone)]
#[must_use]
pub struct NQuadsSerializer;

impl NQuadsSerializer {
    pub fn new() -> Self {
        NQuadsSerializer
    }

    pub fn for_writer<W: Write>(self, writer: W) -> WriterNQuadsSerializer<W> {
        WriterNQuadsSerializer {
            out: Blocks::new(writer),
            graph: String::new(),
            graph_document: String::new(),
        }
    }
}

/// Writes graphs as N-Quads to a [`Write`], one named graph per document (named by the
/// document's IRI): the evidence, sentences and description of a document, the direct triple
/// of each edge it supports and the statement's `prov:wasDerivedFrom` it; in the default
/// graph what the corpus as a whole says (entities, statements with their weights, codes and
/// dates). Several graphs may be written: their union is. So are the files of several runs:
/// loaded together, shards of a corpus answer what the whole corpus would.
#[must_use]
pub struct WriterNQuadsSerializer<W: Write> {
    out: Blocks<W>,
    /// The IRI of the last document graph written to.
    graph: String,
    /// The id of that document: quads come in runs of one document, whose IRI is built once.
    graph_document: String,
}

impl<W: Write> WriterNQuadsSerializer<W> {
    pub fn serialize_graph(&mut self, graph: &KnowledgeGraph) -> io::Result<()> {
        let (out, name, named) = (&mut self.out, &mut self.graph, &mut self.graph_document);
        let mut write = |t: TripleRef<'_>, document: Option<&str>| {
            let graph_name = match document {
                Some(doc) => {
                    if name.is_empty() || named != doc {
                        set_iri(name, DOCUMENT_NS, doc);
                        named.clear();
                        named.push_str(doc);
                    }
                    GraphNameRef::NamedNode(iri(name))
                }
                None => GraphNameRef::DefaultGraph,
            };
            out.append(|bytes| push_line(bytes, t, graph_name))
        };
        emit_graph(graph, &mut Sink::new(&mut write, true))
    }

    /// Returns the writer (N-Quads has nothing to close).
    pub fn finish(self) -> io::Result<W> {
        self.out.into_inner()
    }
}

/// The bytes of the statements written, handed to `W` in blocks of [`Blocks::BLOCK`] bytes
/// or more: a statement is a hundred bytes or so, each a call of `W`'s otherwise.
struct Blocks<W: Write> {
    buf: Vec<u8>,
    inner: W,
}

impl<W: Write> Blocks<W> {
    const BLOCK: usize = crate::output::WRITE_BYTES;

    fn new(inner: W) -> Self {
        Blocks {
            buf: Vec::with_capacity(Self::BLOCK + (Self::BLOCK >> 2)),
            inner,
        }
    }

    /// Appends what `put` writes, and hands the buffer to `W` once it holds a block.
    fn append(&mut self, put: impl FnOnce(&mut Vec<u8>)) -> io::Result<()> {
        put(&mut self.buf);
        if self.buf.len() >= Self::BLOCK {
            self.inner.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Hands what is buffered to `W` and returns it.
    fn into_inner(mut self) -> io::Result<W> {
        self.inner.write_all(&self.buf)?;
        Ok(self.inner)
    }
}

/// Where triples go (the Turtle, N-Triples or N-Quads serializer), and for N-Quads in which
/// graph: the document a triple comes from, or the default graph for what the corpus as a
/// whole says (entities, statements, their weights and codes).
struct Sink<'w> {
    write: &'w mut dyn FnMut(TripleRef<'_>, Option<&str>) -> io::Result<()>,
    /// Whether each document has a graph (N-Quads): then the direct triple of an edge is
    /// written in each document that supports it.
    per_document: bool,
    /// The graph of the next triples, when `per_document`: a document's, or the default
    /// graph.
    document: Option<String>,
}

impl<'w> Sink<'w> {
    fn new(
        write: &'w mut dyn FnMut(TripleRef<'_>, Option<&str>) -> io::Result<()>,
        per_document: bool,
    ) -> Self {
        Sink {
            write,
            per_document,
            document: None,
        }
    }

    /// The next triples go to the graph of `document` (None: the default graph).
    fn enter(&mut self, document: Option<&str>) {
        if !self.per_document {
            return;
        }
        match (document, &mut self.document) {
            (Some(doc), Some(current)) => {
                if current != doc {
                    current.clear();
                    current.push_str(doc);
                }
            }
            (doc, current) => *current = doc.map(str::to_owned),
        }
    }

    fn put(&mut self, triple: TripleRef<'_>) -> io::Result<()> {
        (self.write)(triple, self.document.as_deref())
    }
}

/// Reusable IRI buffers: IRIs are built in place, so writing a triple allocates nothing
/// here (the serializers may still allocate).
#[derive(Default)]
struct Buffers {
    subject: String,
    object: String,
    statement: String,
    evidence: String,
    sentence: String,
    position: String,
    quote: String,
    node: String,
}

/// Walks the graph in its deterministic order: entities, then edges (each with its
/// statement and evidence), then the sentences and the documents they cite.
fn emit_graph(graph: &KnowledgeGraph, sink: &mut Sink<'_>) -> io::Result<()> {
    let mut buffers = Buffers::default();
    for entity in graph.entities() {
        emit_entity(entity, &mut buffers, sink)?;
    }
    graph.for_each_edge(SentenceTexts::Skipped, |edge| {
        emit_edge(edge, &mut buffers, sink)
    })?;
    // Every cited document gets its node, with or without metadata, so `oa:hasSource`
    // always points to an `ng:Document`; every piece of evidence cites a sentence. Only the
    // cited documents the graph has no record of are kept aside (a graph put together by
    // hand may have some; a corpus's graph has a record of every document).
    let mut unrecorded: BTreeMap<String, Option<&DocumentMeta>> = BTreeMap::new();
    // Sentences come by document: each document is looked up once, for its first.
    let mut looked_up: Option<String> = None;
    for sentence in graph.sentences()? {
        let sentence = sentence?;
        sink.enter(Some(&sentence.doc));
        emit_sentence(&sentence, &mut buffers, sink)?;
        if looked_up.as_deref() != Some(sentence.doc.as_str()) {
            if graph.document(&sentence.doc).is_none() {
                unrecorded.insert(sentence.doc.clone(), None);
            }
            looked_up = Some(sentence.doc);
        }
    }
    let mut recorded = graph
        .documents()
        .map(|d| (d.id.as_str(), Some(d)))
        .peekable();
    let mut unrecorded = unrecorded
        .iter()
        .map(|(id, m)| (id.as_str(), *m))
        .peekable();
    // The two lists merged in id order.
    loop {
        let next = match (recorded.peek(), unrecorded.peek()) {
            (Some(r), Some(u)) if u.0 < r.0 => unrecorded.next(),
            (Some(_), _) => recorded.next(),
            (None, _) => unrecorded.next(),
        };
        let Some((id, meta)) = next else { break };
        sink.enter(Some(id));
        emit_document(id, meta, &mut buffers, sink)?;
    }
    sink.enter(None);
    Ok(())
}

fn emit_entity(entity: &Entity, b: &mut Buffers, sink: &mut Sink<'_>) -> io::Result<()> {
    set_iri(&mut b.subject, ENTITY_NS, &entity.id);
    let s = iri(&b.subject);
    sink.put(TripleRef::new(
        s,
        rdf::TYPE,
        entity_class(entity.entity_type),
    ))?;
    sink.put(TripleRef::new(s, rdfs::LABEL, string(&entity.label)))?;
    sink.put(TripleRef::new(s, SKOS_PREF_LABEL, string(&entity.label)))?;
    for alias in &entity.aliases {
        sink.put(TripleRef::new(s, SKOS_ALT_LABEL, string(alias)))?;
    }
    sink.put(TripleRef::new(
        s,
        ng::MENTION_COUNT,
        typed(Int::new(entity.mentions).as_str(), xsd::INTEGER),
    ))?;
    if let Some(iso3) = &entity.iso3 {
        sink.put(TripleRef::new(s, ng::ISO3, string(iso3)))?;
    }
    if let Some(qid) = &entity.wikidata {
        set_iri(&mut b.object, WIKIDATA_NS, qid);
        sink.put(TripleRef::new(s, OWL_SAME_AS, iri(&b.object)))?;
    }
    Ok(())
}

fn emit_edge(edge: &EdgeView<'_>, b: &mut Buffers, sink: &mut Sink<'_>) -> io::Result<()> {
    let relation = &*edge.relation;
    let property = relation_property(&relation.kind);
    let property = property.as_ref();
    set_iri(&mut b.subject, ENTITY_NS, &edge.source.id);
    set_iri(&mut b.object, ENTITY_NS, &edge.target.id);
    let (subject, object) = (iri(&b.subject), iri(&b.object));
    if sink.per_document {
        for doc in distinct_documents(relation) {
            sink.enter(Some(doc));
            sink.put(TripleRef::new(subject, property, object))?;
        }
    } else {
        sink.put(TripleRef::new(subject, property, object))?;
    }
    sink.enter(None);

    set_statement_iri(&mut b.statement, edge);
    let st = iri(&b.statement);
    sink.put(TripleRef::new(st, rdf::TYPE, ng::STATEMENT))?;
    sink.put(TripleRef::new(st, ng::SUBJECT, subject))?;
    sink.put(TripleRef::new(st, ng::RELATION, property))?;
    sink.put(TripleRef::new(st, ng::OBJECT, object))?;
    sink.put(TripleRef::new(
        st,
        ng::WEIGHT,
        typed(Int::from(relation.weight()).as_str(), xsd::INTEGER),
    ))?;
    for (p, value) in [
        (ng::CAMEO_CODE, relation.kind.cameo()),
        (ng::PLOVER_CATEGORY, relation.kind.plover()),
        (ng::ROLE, relation.role.as_deref()),
    ] {
        if let Some(value) = value {
            sink.put(TripleRef::new(st, p, string(value)))?;
        }
    }
    let mut dates: Vec<&str> = Vec::new();
    dates.extend(
        relation
            .evidence
            .iter()
            .filter_map(|e| e.date.as_deref())
            .filter(|d| is_iso_date(d)),
    );
    dates.sort_unstable();
    dates.dedup();
    for date in dates.iter() {
        sink.put(TripleRef::new(st, ng::DATE, typed(date, xsd::DATE)))?;
    }
    for doc in distinct_documents(relation) {
        sink.enter(Some(doc));
        set_iri(&mut b.node, DOCUMENT_NS, doc);
        sink.put(TripleRef::new(st, PROV_WAS_DERIVED_FROM, iri(&b.node)))?;
    }
    for evidence in &relation.evidence {
        sink.enter(Some(&evidence.doc));
        set_evidence_iri(&mut b.evidence, &b.statement, evidence);
        sink.put(TripleRef::new(st, ng::EVIDENCE_PROP, iri(&b.evidence)))?;
    }
    for evidence in &relation.evidence {
        sink.enter(Some(&evidence.doc));
        emit_evidence(evidence, b, sink)?;
    }
    sink.enter(None);
    Ok(())
}

/// One piece of evidence: an annotation of the sentence with what in it supports the
/// statement (`ng:evidence` links the statement to it).
fn emit_evidence(evidence: &Evidence, b: &mut Buffers, sink: &mut Sink<'_>) -> io::Result<()> {
    set_evidence_iri(&mut b.evidence, &b.statement, evidence);
    set_sentence_iri(&mut b.sentence, &evidence.doc, evidence.sentence);
    let ev = iri(&b.evidence);
    sink.put(TripleRef::new(ev, rdf::TYPE, ng::EVIDENCE))?;
    sink.put(TripleRef::new(ev, oa::HAS_TARGET, iri(&b.sentence)))?;
    sink.put(TripleRef::new(ev, ng::TRIGGER, string(&evidence.trigger)))?;
    let (start, end) = (
        Int::from(evidence.trigger_start),
        Int::from(evidence.trigger_end),
    );
    sink.put(TripleRef::new(
        ev,
        ng::TRIGGER_START,
        typed(start.as_str(), xsd::NON_NEGATIVE_INTEGER),
    ))?;
    sink.put(TripleRef::new(
        ev,
        ng::TRIGGER_END,
        typed(end.as_str(), xsd::NON_NEGATIVE_INTEGER),
    ))?;
    sink.put(TripleRef::new(
        ev,
        ng::MODALITY,
        string(evidence.modality.as_str()),
    ))?;
    if let Some(date) = evidence.date.as_deref().filter(|d| is_iso_date(d)) {
        sink.put(TripleRef::new(ev, ng::DATE, typed(date, xsd::DATE)))?;
    }
    if let Some(caller) = &evidence.caller {
        set_iri(&mut b.node, ENTITY_NS, caller);
        sink.put(TripleRef::new(ev, ng::CALLER, iri(&b.node)))?;
    }
    Ok(())
}

/// A supporting sentence, once: selected in its document by code-point offsets and by its
/// text.
fn emit_sentence(
    sentence: &SupportingSentence,
    b: &mut Buffers,
    sink: &mut Sink<'_>,
) -> io::Result<()> {
    set_sentence_iri(&mut b.sentence, &sentence.doc, sentence.index);
    for (buf, suffix) in [(&mut b.position, "/position"), (&mut b.quote, "/quote")] {
        buf.clear();
        buf.push_str(&b.sentence);
        buf.push_str(suffix);
    }
    set_iri(&mut b.node, DOCUMENT_NS, &sentence.doc);
    let (start, end, index, text) = (
        Int::from(sentence.start),
        Int::from(sentence.end),
        Int::from(sentence.index),
        sentence.text.as_str(),
    );
    let (sentence, position, quote) = (iri(&b.sentence), iri(&b.position), iri(&b.quote));

    sink.put(TripleRef::new(sentence, rdf::TYPE, ng::SENTENCE))?;
    sink.put(TripleRef::new(sentence, oa::HAS_SOURCE, iri(&b.node)))?;
    sink.put(TripleRef::new(
        sentence,
        ng::SENTENCE_INDEX,
        typed(index.as_str(), xsd::INTEGER),
    ))?;
    sink.put(TripleRef::new(sentence, oa::HAS_SELECTOR, position))?;
    sink.put(TripleRef::new(sentence, oa::HAS_SELECTOR, quote))?;

    sink.put(TripleRef::new(
        position,
        rdf::TYPE,
        oa::TEXT_POSITION_SELECTOR,
    ))?;
    sink.put(TripleRef::new(
        position,
        oa::START,
        typed(start.as_str(), xsd::NON_NEGATIVE_INTEGER),
    ))?;
    sink.put(TripleRef::new(
        position,
        oa::END,
        typed(end.as_str(), xsd::NON_NEGATIVE_INTEGER),
    ))?;

    sink.put(TripleRef::new(quote, rdf::TYPE, oa::TEXT_QUOTE_SELECTOR))?;
    sink.put(TripleRef::new(quote, oa::EXACT, string(text)))
}

fn emit_document(
    id: &str,
    meta: Option<&DocumentMeta>,
    b: &mut Buffers,
    sink: &mut Sink<'_>,
) -> io::Result<()> {
    set_iri(&mut b.subject, DOCUMENT_NS, id);
    let s = iri(&b.subject);
    sink.put(TripleRef::new(s, rdf::TYPE, PROV_ENTITY))?;
    sink.put(TripleRef::new(s, rdf::TYPE, ng::DOCUMENT))?;
    if let Some(title) = meta.and_then(|m| m.title.as_deref()) {
        sink.put(TripleRef::new(s, DCTERMS_TITLE, string(title)))?;
    }
    if let Some(published) = meta
        .and_then(|m| m.published.as_deref())
        .filter(|d| is_iso_date(d))
    {
        sink.put(TripleRef::new(
            s,
            DCTERMS_ISSUED,
            typed(published, xsd::DATE),
        ))?;
    }
    // The address a crawler recorded is only written when it is an absolute IRI: anything
    // else would break the syntax of the file.
    if let Some(url) = meta
        .and_then(|m| m.url.as_deref())
        .and_then(|u| NamedNodeRef::new(u).ok())
    {
        sink.put(TripleRef::new(s, PROV_WAS_DERIVED_FROM, url))?;
    }
    Ok(())
}

fn iri(s: &str) -> NamedNodeRef<'_> {
    debug_assert!(NamedNodeRef::new(s).is_ok(), "invalid IRI {s:?}");
    NamedNodeRef::new_unchecked(s)
}

fn string(s: &str) -> TermRef<'_> {
    LiteralRef::new_simple_literal(s).into()
}

fn typed<'a>(value: &'a str, datatype: NamedNodeRef<'a>) -> TermRef<'a> {
    LiteralRef::new_typed_literal(value, datatype).into()
}

/// Sets `buf` to `namespace` followed by `id` as one percent-encoded path segment.
fn set_iri(buf: &mut String, namespace: &str, id: &str) {
    buf.clear();
    buf.push_str(namespace);
    push_segment(buf, id);
}

fn set_statement_iri(buf: &mut String, edge: &EdgeView<'_>) {
    set_iri(buf, STATEMENT_NS, &edge.source.id);
    buf.push_str("--");
    buf.push_str(edge.relation.kind.as_str());
    buf.push_str("--");
    push_segment(buf, &edge.target.id);
}

/// `{EVIDENCE_NS}{source}--{relation}--{target}/{doc}/{sentence}`: an edge has one piece of
/// evidence per sentence.
fn set_evidence_iri(buf: &mut String, statement: &str, e: &Evidence) {
    buf.clear();
    buf.push_str(EVIDENCE_NS);
    buf.push_str(&statement[STATEMENT_NS.len()..]);
    buf.push('/');
    push_segment(buf, &e.doc);
    buf.push('/');
    buf.push_str(Int::from(e.sentence).as_str());
}

/// `{SENTENCE_NS}{doc}/{sentence}`.
fn set_sentence_iri(buf: &mut String, doc: &str, sentence: usize) {
    set_iri(buf, SENTENCE_NS, doc);
    buf.push('/');
    buf.push_str(Int::from(sentence).as_str());
}

/// Appends `segment` percent-encoded: everything but RFC 3987's `iunreserved` characters
/// (ASCII letters and digits, `-._~`, and the non-ASCII `ucschar` ranges) is encoded, so
/// the segment can contain no `/`, `#`, `?` or `%` of its own. The segments `.` and `..`
/// are encoded too, lest IRI normalisation read them as path steps.
fn push_segment(buf: &mut String, segment: &str) {
    fn push_encoded(buf: &mut String, c: char) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for &byte in c.encode_utf8(&mut [0; 4]).as_bytes() {
            buf.push('%');
            buf.push(char::from(HEX[usize::from(byte >> 4)]));
            buf.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
    if segment == "." || segment == ".." {
        segment.chars().for_each(|c| push_encoded(buf, c));
        return;
    }
    let mut rest = segment;
    while !rest.is_empty() {
        // Ids are mostly unreserved ASCII: such a run goes in whole.
        let run = rest
            .bytes()
            .position(|b| !UNRESERVED_ASCII[usize::from(b)])
            .unwrap_or(rest.len());
        buf.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else { break };
        if is_iunreserved(c) {
            buf.push(c);
        } else {
            push_encoded(buf, c);
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// The ASCII bytes of RFC 3987 `iunreserved` (letters, digits, `-._~`), as a table: a byte
/// of an id is one look-up, where the tests of [`is_iunreserved`] were several.
const UNRESERVED_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = is_iunreserved(b as u8 as char);
        b += 1;
    }
    table
};

/// RFC 3987 `iunreserved`: `ALPHA / DIGIT / "-" / "." / "_" / "~" / ucschar`.
const fn is_iunreserved(c: char) -> bool {
    let u = c as u32;
    c.is_ascii_alphanumeric()
        || matches!(c, '-' | '.' | '_' | '~')
        || matches!(u, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF | 0xE1000..=0xEFFFD)
        || (matches!(u, 0x10000..0xE0000) && (u & 0xFFFF) <= 0xFFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_constants_agree_with_the_term_macros() {
        assert_eq!(ng::STATEMENT.as_str(), format!("{ONTOLOGY_NS}Statement"));
        assert_eq!(
            relation_property(&crate::schema::tests::kind("official_of")).as_str(),
            format!("{ONTOLOGY_NS}officialOf")
        );
        for (name, ns) in PREFIXES {
            assert!(NamedNodeRef::new(ns).is_ok(), "{name}");
        }
    }

    #[test]
    fn blocks_pass_every_byte_on_in_order() {
        let mut w = Blocks::new(Vec::new());
        w.append(|b| b.extend_from_slice(b"<a> ")).unwrap();
        assert!(w.inner.is_empty(), "less than a block is kept");
        let block = "x".repeat(Blocks::<Vec<u8>>::BLOCK);
        w.append(|b| b.extend_from_slice(block.as_bytes())).unwrap();
        assert_eq!(w.inner.len(), 4 + block.len(), "a full block is passed on");
        w.append(|b| b.extend_from_slice(b"7 .")).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, format!("<a> {block}7 ."));
    }

    #[test]
    fn segments_are_percent_encoded_outside_iunreserved() {
        assert_eq!(entity_iri("iran"), format!("{ENTITY_NS}iran"));
        assert_eq!(entity_iri("münchen"), format!("{ENTITY_NS}münchen"));
        assert_eq!(
            entity_iri("a/b#c?d%e f"),
            format!("{ENTITY_NS}a%2Fb%23c%3Fd%25e%20f")
        );
        assert_eq!(entity_iri(".."), format!("{ENTITY_NS}%2E%2E"));
        assert_eq!(
            entity_iri("\u{E000}\u{FFFE}\u{1FFFF}"),
            format!("{ENTITY_NS}%EE%80%80%EF%BF%BE%F0%9F%BF%BF")
        );
        assert!(NamedNodeRef::new(entity_iri("\u{0}\"<>{}|\\^`").as_str()).is_ok());
    }
}
