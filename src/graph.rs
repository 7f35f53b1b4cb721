//! The knowledge graph: one node per entity, one edge per (subject, relation, object).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::io;
use std::sync::{Arc, OnceLock};

use hashbrown::HashTable;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, NodeIndexable};
use rustc_hash::FxBuildHasher;

use crate::edge::{Evidence, Relation, RelationKind};
use crate::entity::{Entity, EntityType};
use crate::export::{Layout, LazyLayout};
use crate::spill::{EvidenceReader, SpilledEvidence, SupportingSentence};

/// A directed multigraph of entities and relations. Nodes are keyed by entity id and edges
/// by (source id, relation, target id), so adding the same fact twice only adds evidence.
/// It is made by a [`GraphBuilder`].
///
/// Iteration ([`KnowledgeGraph::entities`], [`KnowledgeGraph::edges`]) is in id order, which
/// is what makes every export byte-for-byte deterministic. It is also the order the graph keeps
/// them in (see [`GraphBuilder::finish`]).
///
/// ```
/// use newsgraph::{Entity, EntityType, Evidence, GraphBuilder, Modality, Schema};
/// let struck = Schema::builtin()?.relation("struck").unwrap();
/// let mut g = GraphBuilder::new();
/// g.add_entity(Entity::new("Vakaria", EntityType::State));
/// g.add_entity(Entity::new("Ostrava", EntityType::State));
/// let ev = Evidence { doc: "d".into(), sentence: 0, start: 0, end: 24, trigger_start: 8,
///     trigger_end: 14, text: "Vakaria struck Ostrava.".into(), trigger: "struck".into(),
///     date: None, modality: Modality::Asserted, caller: None };
/// g.add_relation("vakaria", struck.clone(), "ostrava", ev.clone(), None);
/// g.add_relation("vakaria", struck, "ostrava", ev, None);
/// let g = g.finish();
/// assert_eq!(g.edge_count(), 1);
/// assert_eq!(g.edges().next().unwrap().relation.weight(), 1);
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    /// Entities in id order, edges in (source id, relation, target id) order, once finished.
    graph: StableDiGraph<Entity, Relation>,
    nodes_by_id: HashMap<String, NodeIndex>,
    /// The relations of the schema the graph was built with, in schema order.
    vocabulary: Vec<RelationKind>,
    /// In id order, one record per id, once built (the builder appends them).
    documents: Vec<DocumentMeta>,
    /// The ids of `documents`, packed, with their ranks by id: built at the first lookup.
    document_ids: OnceLock<DocumentIds>,
    /// The evidence of every edge, when it is on disk rather than in the edges (a graph built
    /// by a spilling [`Merger`](crate::Merger)): then [`KnowledgeGraph::read_edges`] reads it.
    spilled: Option<Arc<SpilledEvidence>>,
    /// Where the entities go in a drawing.
    layout: LazyLayout,
}

/// What the graph knows of a source document: provenance for RDF and the JSON header.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct DocumentMeta {
    /// The document id: the file stem, or its path below an input folder, with a record's
    /// number.
    pub id: String,
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`) when the article or its record states one.
    pub published: Option<String>,
    /// The address the article was published at, when its record gives one (an absolute IRI).
    #[serde(default)]
    pub url: Option<String>,
}

#[cfg(test)]
impl DocumentMeta {
    /// A document known by its id alone, for tests.
    pub(crate) fn untitled(id: &str) -> Self {
        DocumentMeta {
            id: id.into(),
            title: None,
            published: None,
            url: None,
        }
    }
}

/// The ids of a graph's documents packed in one string, in id order, with a table of their
/// ranks by id. The exports find a document's id for nearly every piece of evidence (evidence
/// on disk names its document by rank; JSON and GraphML look up the address of each document
/// an edge cites): packed, the ids are mostly in cache, where reaching the id of a document's
/// record, a heap block of its own behind another, cost a cache miss or two each time (a
/// binary search of the records, one at each step: 1.5 % of a 100 MB run).
#[derive(Debug, Clone, Default)]
pub(crate) struct DocumentIds {
    ids: String,
    /// Where each id ends in `ids`.
    ends: Vec<usize>,
    /// The ranks, by the hash of their id.
    ranks: HashTable<u32>,
}

impl DocumentIds {
    /// The ids of `documents`, which are in id order, each once.
    pub(crate) fn new(documents: &[DocumentMeta]) -> Self {
        let mut ids = DocumentIds::default();
        for d in documents {
            ids.ids.push_str(&d.id);
            ids.ends.push(ids.ids.len());
        }
        ids.ranks = HashTable::with_capacity(documents.len());
        for rank in 0..ids.ends.len() {
            let hash = hash_id(ids.get(rank));
            let rank = u32::try_from(rank).expect("fewer than 2^32 documents");
            ids.ranks
                .insert_unique(hash, rank, |&r| hash_id(&documents[r as usize].id));
        }
        ids
    }

    /// The id of the document of rank `rank`.
    pub(crate) fn get(&self, rank: usize) -> &str {
        let start = rank.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.ids[start..self.ends[rank]]
    }

    /// The rank of the document `id`.
    fn rank(&self, id: &str) -> Option<usize> {
        let &rank = self
            .ranks
            .find(hash_id(id), |&r| self.get(r as usize) == id)?;
        Some(rank as usize)
    }
}

fn hash_id(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// Which sentences' text an export reads with the evidence of the edges
/// ([`KnowledgeGraph::for_each_edge`]). On disk, a sentence's text is most of the bytes of a
/// piece of evidence, and the formats quote a few sentences of an edge at most: GraphML, GEXF
/// and DOT its first, the explorer page the ones it shows; RDF and JSON none (they cite a
/// sentence by document and index, and write its text once, from
/// [`KnowledgeGraph::sentences`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SentenceTexts {
    /// No piece's text: read from disk, every piece's `text` is empty.
    Skipped,
    /// The text of each edge's first pieces, as many as given: read from disk, the others'
    /// `text` is empty.
    First(usize),
    /// The text of every piece.
    All,
}

impl SentenceTexts {
    /// Whether the text of the piece at `index` in an edge's evidence is read.
    pub(crate) fn includes(self, index: usize) -> bool {
        match self {
            SentenceTexts::Skipped => false,
            SentenceTexts::First(n) => index < n,
            SentenceTexts::All => true,
        }
    }
}

/// An edge seen from outside: its two ends and the relation, borrowed from the graph or,
/// with its evidence read from disk, owned.
#[derive(Debug, Clone)]
pub struct EdgeView<'a> {
    pub source: &'a Entity,
    pub target: &'a Entity,
    pub relation: Cow<'a, Relation>,
    /// The number of supporting sentences, known even where the evidence is on disk.
    weight: usize,
}

impl EdgeView<'_> {
    /// The number of sentences that support the edge: [`Relation::weight`] of its evidence,
    /// wherever the evidence is kept.
    pub fn weight(&self) -> usize {
        self.weight
    }

    /// Unique, deterministic edge id: `source|relation|target`.
    pub fn id(&self) -> String {
        format!(
            "{}|{}|{}",
            self.source.id, self.relation.kind, self.target.id
        )
    }
}

/// Builds a [`KnowledgeGraph`]: entities, documents and relations are added in any order,
/// and [`GraphBuilder::finish`] sorts each edge's evidence once.
///
/// Evidence is only appended while the graph is built: keeping it sorted and free of
/// duplicates at every addition costs a search per addition, which made a document of many
/// sentences supporting one edge quadratic.
#[derive(Debug, Default, Clone)]
pub struct GraphBuilder {
    graph: KnowledgeGraph,
    edges_by_key: HashMap<(NodeIndex, RelationKind, NodeIndex), EdgeIndex>,
}

impl GraphBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder of a graph of the relations of `vocabulary` (the schema's, in its order):
    /// they are the relations that summaries count and legends list, even those with no edge.
    pub fn with_vocabulary(vocabulary: Vec<RelationKind>) -> Self {
        GraphBuilder {
            graph: KnowledgeGraph {
                vocabulary,
                ..KnowledgeGraph::default()
            },
            edges_by_key: HashMap::new(),
        }
    }

    /// Records a source document (the last record of an id wins).
    pub fn add_document(&mut self, meta: DocumentMeta) {
        self.graph.documents.push(meta);
    }

    /// Adds an entity, or merges it into the node with the same id.
    pub fn add_entity(&mut self, entity: Entity) -> NodeIndex {
        let g = &mut self.graph;
        if let Some(&idx) = g.nodes_by_id.get(&entity.id) {
            g.graph[idx].absorb(&entity);
            return idx;
        }
        let id = entity.id.clone();
        let idx = g.graph.add_node(entity);
        g.nodes_by_id.insert(id, idx);
        idx
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.graph.entity(id)
    }

    /// Adds one piece of evidence for (subject, kind, object). Both entities must already be
    /// in the graph; returns false (and adds nothing) otherwise, or for a self-loop. The first
    /// role given to an edge stays.
    pub fn add_relation(
        &mut self,
        subject: &str,
        kind: RelationKind,
        object: &str,
        evidence: Evidence,
        role: Option<String>,
    ) -> bool {
        self.add_evidence(subject, kind, object, vec![evidence], role)
    }

    /// [`GraphBuilder::add_relation`] for several pieces of evidence of one relation at once,
    /// which a new edge takes as they are.
    pub fn add_evidence(
        &mut self,
        subject: &str,
        kind: RelationKind,
        object: &str,
        evidence: Vec<Evidence>,
        role: Option<String>,
    ) -> bool {
        self.add_edge(subject, kind, object, evidence, role)
            .is_some()
    }

    /// [`GraphBuilder::add_evidence`], giving the edge the evidence went to.
    pub(crate) fn add_edge(
        &mut self,
        subject: &str,
        kind: RelationKind,
        object: &str,
        mut evidence: Vec<Evidence>,
        role: Option<String>,
    ) -> Option<EdgeIndex> {
        let g = &mut self.graph;
        let (Some(&s), Some(&o)) = (g.nodes_by_id.get(subject), g.nodes_by_id.get(object)) else {
            return None;
        };
        if s == o {
            return None;
        }
        let (s, o) = if kind.is_symmetric() && g.graph[o].id < g.graph[s].id {
            (o, s)
        } else {
            (s, o)
        };
        let key = (s, kind.clone(), o);
        if let Some(&e) = self.edges_by_key.get(&key) {
            let rel = &mut g.graph[e];
            rel.evidence.append(&mut evidence);
            if rel.role.is_none() {
                rel.role = role;
            }
            return Some(e);
        }
        let e = g.graph.add_edge(
            s,
            o,
            Relation {
                kind,
                role,
                evidence,
            },
        );
        self.edges_by_key.insert(key, e);
        Some(e)
    }

    /// The graph, each edge's evidence sorted with one piece per sentence: of several
    /// triggers in a sentence, the first in the sentence counts, so an edge's weight is its
    /// number of supporting sentences whatever the order evidence came in.
    ///
    /// The graph keeps its entities in id order and its edges in export order, so that the
    /// exports, which walk them in that order once or twice each, read them one after the
    /// other: kept in the order they were added, the relation and the entities of each edge
    /// were a cache miss or two at every step of every walk.
    pub fn finish(self) -> KnowledgeGraph {
        self.finish_ranked().0
    }

    /// [`GraphBuilder::finish`], and the rank in export order of each edge that
    /// [`GraphBuilder::add_edge`] gave, by its index.
    pub(crate) fn finish_ranked(self) -> (KnowledgeGraph, Vec<u32>) {
        let mut g = self.graph;
        // Documents in id order, the last record of an id first, which the dedup keeps.
        g.documents.reverse();
        g.documents.sort_by(|a, b| a.id.cmp(&b.id));
        g.documents.dedup_by(|later, first| later.id == first.id);
        let (node_bound, edge_bound) = (g.graph.node_bound(), g.graph.edge_bound());
        let mut graph = StableDiGraph::with_capacity(g.graph.node_count(), g.graph.edge_count());
        let (nodes, edges) = std::mem::take(&mut g.graph).into_nodes_edges_iters();
        let mut nodes: Vec<_> = nodes.collect();
        nodes.sort_unstable_by(|a, b| a.weight.id.cmp(&b.weight.id));
        let mut node_at = vec![NodeIndex::end(); node_bound];
        for node in nodes {
            node_at[node.index.index()] = graph.add_node(node.weight);
        }
        for node in g.nodes_by_id.values_mut() {
            *node = node_at[node.index()];
        }
        // Nodes are now numbered in id order (ids are unique), so edges sort by their ends'
        // numbers as by their ids.
        let mut edges: Vec<_> = edges
            .map(|e| (node_at[e.source.index()], node_at[e.target.index()], e))
            .collect();
        edges.sort_unstable_by(|(s, t, e), (s2, t2, e2)| {
            (s, &e.weight.kind, t).cmp(&(s2, &e2.weight.kind, t2))
        });
        let mut rank = vec![u32::MAX; edge_bound];
        for (s, t, mut e) in edges {
            e.weight.evidence.sort_unstable();
            e.weight.evidence.dedup_by(|later, first| {
                later.doc == first.doc && later.sentence == first.sentence
            });
            rank[e.index.index()] = graph.add_edge(s, t, e.weight).index() as u32;
        }
        g.graph = graph;
        (g, rank)
    }
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// The record of a source document.
    pub fn document(&self, id: &str) -> Option<&DocumentMeta> {
        Some(&self.documents[self.document_ids().rank(id)?])
    }

    /// The ids of the documents, by rank.
    fn document_ids(&self) -> &DocumentIds {
        self.document_ids
            .get_or_init(|| DocumentIds::new(&self.documents))
    }

    /// Source documents in id order.
    pub fn documents(&self) -> impl Iterator<Item = &DocumentMeta> {
        self.documents.iter()
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.nodes_by_id.get(id).map(|&i| &self.graph[i])
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Entities in id order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.graph.node_weights()
    }

    /// Edges in (source id, relation, target id) order, with the evidence the graph holds in
    /// memory: none for a graph whose evidence is on disk ([`KnowledgeGraph::evidence_on_disk`]),
    /// whose edges with their evidence [`KnowledgeGraph::read_edges`] gives.
    pub fn edges(&self) -> impl Iterator<Item = EdgeView<'_>> {
        self.graph
            .edge_indices()
            .zip(0..)
            .map(|(e, rank)| self.view(e, rank, None))
    }

    /// Edges in the order of [`KnowledgeGraph::edges`], each with all its evidence, read from
    /// disk when the graph keeps it there.
    pub fn read_edges(&self) -> io::Result<impl Iterator<Item = io::Result<EdgeView<'_>>>> {
        let mut reader: Option<EvidenceReader<'_>> = match &self.spilled {
            Some(spilled) => Some(spilled.evidence(self.document_ids(), SentenceTexts::All)?),
            None => None,
        };
        Ok(self
            .graph
            .edge_indices()
            .zip(0u32..)
            .map(move |(e, rank)| match reader.as_mut() {
                None => Ok(self.view(e, rank, None)),
                Some(reader) => {
                    let mut evidence = Vec::new();
                    reader.edge(rank, &mut evidence)?;
                    Ok(self.view(e, rank, Some(evidence)))
                }
            }))
    }

    /// The edges of [`KnowledgeGraph::read_edges`], handed to `f` one at a time, so the
    /// evidence of each edge read from disk goes into the pieces (and strings) of the edge
    /// before: the exports, which read it all once per format, allocate little. Of the
    /// sentences' text, evidence read from disk has what `texts` asks for.
    pub(crate) fn for_each_edge<'g>(
        &'g self,
        texts: SentenceTexts,
        mut f: impl FnMut(&EdgeView<'g>) -> io::Result<()>,
    ) -> io::Result<()> {
        let Some(spilled) = &self.spilled else {
            return self.edges().try_for_each(|edge| f(&edge));
        };
        let mut reader = spilled.evidence(self.document_ids(), texts)?;
        let mut evidence = Vec::new();
        for (e, rank) in self.graph.edge_indices().zip(0u32..) {
            reader.edge(rank, &mut evidence)?;
            let edge = self.view(e, rank, Some(evidence));
            f(&edge)?;
            evidence = match edge.relation {
                Cow::Owned(relation) => relation.evidence,
                Cow::Borrowed(_) => Vec::new(),
            };
        }
        Ok(())
    }

    /// The document and sentence of the first `limit` pieces of evidence of each edge, in
    /// edge order, handed to `f`: what an export that quotes at most `limit` pieces of an edge
    /// cites, found without reading the rest of the evidence from disk.
    pub(crate) fn for_each_citation(
        &self,
        limit: usize,
        mut f: impl FnMut(&str, usize),
    ) -> io::Result<()> {
        if let Some(spilled) = &self.spilled {
            return spilled.for_each_citation(self.document_ids(), limit, f);
        }
        for relation in self.graph.edge_weights() {
            for e in relation.evidence.iter().take(limit) {
                f(&e.doc, e.sentence);
            }
        }
        Ok(())
    }

    /// Whether the evidence of the edges is on disk, read by [`KnowledgeGraph::read_edges`].
    pub fn evidence_on_disk(&self) -> bool {
        self.spilled.is_some()
    }

    /// Every sentence that supports an edge, once, in (document id, index) order: of the
    /// evidence citing it, the first in edge order gives its offsets and text.
    pub fn sentences(
        &self,
    ) -> io::Result<Box<dyn Iterator<Item = io::Result<SupportingSentence>> + '_>> {
        if let Some(spilled) = &self.spilled {
            return Ok(Box::new(spilled.sentences(self.document_ids())?));
        }
        let mut sentences: BTreeMap<(&str, usize), &Evidence> = BTreeMap::new();
        for relation in self.graph.edge_weights() {
            for e in &relation.evidence {
                sentences.entry((&e.doc, e.sentence)).or_insert(e);
            }
        }
        Ok(Box::new(sentences.into_values().map(|e| {
            Ok(SupportingSentence {
                doc: e.doc.clone(),
                index: e.sentence,
                start: e.start,
                end: e.end,
                text: e.text.clone(),
            })
        })))
    }

    /// The view of edge `e`, of rank `rank` in edge order, with `evidence` in place of what
    /// the graph holds if given.
    fn view(&self, e: EdgeIndex, rank: u32, evidence: Option<Vec<Evidence>>) -> EdgeView<'_> {
        let (s, t) = self
            .graph
            .edge_endpoints(e)
            .expect("edge index from the graph");
        let relation = &self.graph[e];
        let weight = match (&evidence, &self.spilled) {
            (Some(evidence), _) => evidence.len(),
            (None, Some(spilled)) => spilled.weight(rank),
            (None, None) => relation.weight(),
        };
        EdgeView {
            weight,
            source: &self.graph[s],
            target: &self.graph[t],
            relation: match evidence {
                None => Cow::Borrowed(relation),
                Some(evidence) => Cow::Owned(Relation {
                    kind: relation.kind.clone(),
                    role: relation.role.clone(),
                    evidence,
                }),
            },
        }
    }

    /// Where each entity goes in a drawing (see [`Layout`]).
    pub(crate) fn layout(&self) -> &Layout {
        self.layout.get(self)
    }

    /// Starts computing the graph's layout on a thread of the pool, to have it ready when
    /// an export draws the graph (see [`LazyLayout::start`]).
    pub(crate) fn start_layout(&self) {
        self.layout.start(self);
    }

    /// Hands the graph the evidence of its edges, on disk.
    pub(crate) fn set_spilled(&mut self, spilled: SpilledEvidence) {
        self.spilled = Some(Arc::new(spilled));
    }

    /// Number of entities of each type, in type order.
    pub fn count_by_type(&self) -> Vec<(EntityType, usize)> {
        EntityType::ALL
            .into_iter()
            .map(|t| {
                (
                    t,
                    self.graph
                        .node_weights()
                        .filter(|e| e.entity_type == t)
                        .count(),
                )
            })
            .collect()
    }

    /// Number of edges of each relation, in relation order.
    pub fn count_by_relation(&self) -> Vec<(RelationKind, usize)> {
        self.relation_kinds()
            .into_iter()
            .map(|r| {
                let n = self.graph.edge_weights().filter(|e| e.kind == r).count();
                (r, n)
            })
            .collect()
    }

    /// The vocabulary's relations, then any other relation an edge has, in relation order.
    pub fn relation_kinds(&self) -> Vec<RelationKind> {
        let mut kinds = self.vocabulary.clone();
        for e in self.graph.edge_weights() {
            if !kinds.contains(&e.kind) {
                kinds.push(e.kind.clone());
            }
        }
        kinds.sort();
        kinds
    }

    /// The underlying petgraph graph, for analyses the exports do not cover.
    pub fn petgraph(&self) -> &StableDiGraph<Entity, Relation> {
        &self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edge::Modality;
    use crate::schema::tests::kind;

    fn ev(doc: &str, sentence: usize) -> Evidence {
        Evidence {
            doc: doc.into(),
            sentence,
            start: 0,
            end: 10,
            trigger_start: 0,
            trigger_end: 4,
            text: "t".into(),
            trigger: "t".into(),
            date: None,
            modality: Modality::Asserted,
            caller: None,
        }
    }

    fn graph() -> GraphBuilder {
        let mut g = GraphBuilder::new();
        for name in ["Pakistan", "Iran", "China"] {
            g.add_entity(Entity::new(name, EntityType::State));
        }
        g
    }

    #[test]
    fn same_triple_merges_evidence_in_order() {
        let mut g = graph();
        assert!(g.add_relation("iran", kind("struck"), "pakistan", ev("b", 1), None));
        assert!(g.add_relation("iran", kind("struck"), "pakistan", ev("a", 3), None));
        assert!(g.add_relation("iran", kind("struck"), "pakistan", ev("a", 3), None));
        let g = g.finish();
        assert_eq!(g.edge_count(), 1);
        let e = g.edges().next().unwrap();
        assert_eq!(
            e.relation
                .evidence
                .iter()
                .map(|e| e.doc.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn document_ids_give_each_rank_its_id_and_each_id_its_rank() {
        let ids = ["", "a", "a01", "b/ü", "b/ü0"];
        let documents = DocumentIds::new(&ids.map(DocumentMeta::untitled));
        for (rank, id) in ids.into_iter().enumerate() {
            assert_eq!(documents.get(rank), id);
            assert_eq!(documents.rank(id), Some(rank));
        }
        assert_eq!(documents.rank("a0"), None);
    }

    #[test]
    fn called_is_stored_in_one_direction() {
        let mut g = graph();
        g.add_relation("pakistan", kind("called"), "iran", ev("a", 0), None);
        g.add_relation("iran", kind("called"), "pakistan", ev("a", 1), None);
        let g = g.finish();
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.edges().next().unwrap().source.id, "iran");
    }

    #[test]
    fn unknown_ends_and_self_loops_are_refused() {
        let mut g = graph();
        assert!(!g.add_relation("iran", kind("struck"), "mars", ev("a", 0), None));
        assert!(!g.add_relation("iran", kind("struck"), "iran", ev("a", 0), None));
        assert_eq!(g.finish().edge_count(), 0);
    }

    #[test]
    fn iteration_is_sorted_by_id() {
        let mut g = graph();
        g.add_relation("pakistan", kind("struck"), "iran", ev("a", 0), None);
        g.add_relation("china", kind("mediated"), "pakistan", ev("a", 0), None);
        let g = g.finish();
        let ids: Vec<_> = g.entities().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["china", "iran", "pakistan"]);
        let edges: Vec<_> = g.edges().map(|e| e.id()).collect();
        assert_eq!(edges, ["china|mediated|pakistan", "pakistan|struck|iran"]);
    }

    /// Each edge the builder gave is ranked where the finished graph lists it, and an entity
    /// looked up by id after the renumbering is the one of that id.
    #[test]
    fn finishing_ranks_each_edge_where_it_is_listed() {
        let mut g = graph();
        let added: Vec<(EdgeIndex, &str)> = [
            ("pakistan", "struck", "iran", "pakistan|struck|iran"),
            ("china", "mediated", "pakistan", "china|mediated|pakistan"),
            ("iran", "struck", "china", "iran|struck|china"),
            ("china", "condemned", "pakistan", "china|condemned|pakistan"),
        ]
        .into_iter()
        .map(|(s, k, o, id)| {
            (
                g.add_edge(s, kind(k), o, vec![ev("a", 0)], None).unwrap(),
                id,
            )
        })
        .collect();
        let (g, rank) = g.finish_ranked();
        let listed: Vec<String> = g.edges().map(|e| e.id()).collect();
        for (e, id) in added {
            assert_eq!(listed[rank[e.index()] as usize], id);
        }
        for id in ["china", "iran", "pakistan"] {
            assert_eq!(g.entity(id).unwrap().id, id);
        }
    }

    #[test]
    fn the_vocabulary_counts_relations_without_edges() {
        let schema = crate::schema::tests::shipped_schema();
        let mut g = GraphBuilder::with_vocabulary(schema.relations.clone());
        for name in ["Pakistan", "Iran"] {
            g.add_entity(Entity::new(name, EntityType::State));
        }
        g.add_relation("pakistan", kind("struck"), "iran", ev("a", 0), None);
        let counts: Vec<(String, usize)> = g
            .finish()
            .count_by_relation()
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect();
        assert_eq!(counts.len(), schema.relations.len());
        assert_eq!(counts[0], ("struck".to_string(), 1));
        assert!(counts[1..].iter().all(|(_, n)| *n == 0));
    }

    #[test]
    fn evidence_is_one_per_sentence_in_any_order() {
        let trigger_at = |doc: &str, sentence: usize, at: usize| Evidence {
            trigger_start: at,
            trigger_end: at + 1,
            ..ev(doc, sentence)
        };
        let all = [
            trigger_at("b", 2, 5),
            trigger_at("a", 7, 3),
            trigger_at("b", 2, 1),
            trigger_at("a", 7, 3),
            trigger_at("a", 1, 9),
        ];
        let mut orders = vec![all.to_vec()];
        orders.push(all.iter().rev().cloned().collect());
        for evidence in orders {
            let mut g = graph();
            for e in evidence {
                g.add_relation("iran", kind("struck"), "pakistan", e, None);
            }
            let g = g.finish();
            let edge = g.edges().next().unwrap();
            let kept: Vec<(&str, usize, usize)> = edge
                .relation
                .evidence
                .iter()
                .map(|e| (e.doc.as_str(), e.sentence, e.trigger_start))
                .collect();
            assert_eq!(kept, [("a", 1, 9), ("a", 7, 3), ("b", 2, 1)]);
        }
    }
}
