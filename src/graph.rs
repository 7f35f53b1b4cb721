//! The knowledge graph: one node per entity, one edge per (subject, relation, object).

use std::collections::{BTreeMap, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};

use crate::entity::{Entity, EntityType};
use crate::relation::{Evidence, Relation, RelationKind};

/// A directed multigraph of entities and relations. Nodes are keyed by entity id and edges
/// by (source id, relation, target id), so adding the same fact twice only adds evidence.
///
/// Iteration ([`KnowledgeGraph::entities`], [`KnowledgeGraph::edges`]) is in id order, which
/// is what makes every export byte-for-byte deterministic.
///
/// ```
/// use newsgraph::{Entity, EntityType, Evidence, KnowledgeGraph, Modality, RelationKind};
/// let mut g = KnowledgeGraph::new();
/// g.add_entity(Entity::new("Iran", EntityType::State));
/// g.add_entity(Entity::new("Pakistan", EntityType::State));
/// let ev = Evidence { doc: "d".into(), sentence: 0, start: 0, end: 22, trigger_start: 5,
///     trigger_end: 11, text: "Iran struck Pakistan.".into(), trigger: "struck".into(), date: None,
///     modality: Modality::Asserted, caller: None };
/// g.add_relation("iran", RelationKind::Struck, "pakistan", ev.clone(), None);
/// g.add_relation("iran", RelationKind::Struck, "pakistan", ev, None);
/// assert_eq!(g.edge_count(), 1);
/// assert_eq!(g.edges().next().unwrap().relation.weight(), 1);
/// ```
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Entity, Relation>,
    nodes_by_id: HashMap<String, NodeIndex>,
    edges_by_key: HashMap<(NodeIndex, RelationKind, NodeIndex), EdgeIndex>,
    relation_codes: HashMap<RelationKind, (Option<String>, Option<String>)>,
    documents: BTreeMap<String, DocumentMeta>,
}

/// What the graph knows of a source document: provenance for RDF and the JSON header.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct DocumentMeta {
    /// The file stem.
    pub id: String,
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`) when the article or its record states one.
    pub published: Option<String>,
    /// The address the article was published at, when its record gives one (an absolute IRI).
    #[serde(default)]
    pub url: Option<String>,
}

/// An edge seen from outside: its two ends and the relation.
#[derive(Debug, Clone, Copy)]
pub struct EdgeView<'a> {
    pub source: &'a Entity,
    pub target: &'a Entity,
    pub relation: &'a Relation,
}

impl EdgeView<'_> {
    /// Unique, deterministic edge id: `source|relation|target`.
    pub fn id(&self) -> String {
        format!(
            "{}|{}|{}",
            self.source.id, self.relation.kind, self.target.id
        )
    }
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the CAMEO code and PLOVER category stamped on every edge of `kind`.
    pub fn set_relation_codes(
        &mut self,
        kind: RelationKind,
        cameo: Option<String>,
        plover: Option<String>,
    ) {
        for idx in self.graph.edge_indices().collect::<Vec<_>>() {
            let rel = &mut self.graph[idx];
            if rel.kind == kind {
                rel.cameo.clone_from(&cameo);
                rel.plover.clone_from(&plover);
            }
        }
        self.relation_codes.insert(kind, (cameo, plover));
    }

    /// Records a source document (the last record of an id wins).
    pub fn add_document(&mut self, meta: DocumentMeta) {
        self.documents.insert(meta.id.clone(), meta);
    }

    /// The record of a source document.
    pub fn document(&self, id: &str) -> Option<&DocumentMeta> {
        self.documents.get(id)
    }

    /// Source documents in id order.
    pub fn documents(&self) -> impl Iterator<Item = &DocumentMeta> {
        self.documents.values()
    }

    /// Adds an entity, or merges it into the node with the same id.
    pub fn add_entity(&mut self, entity: Entity) -> NodeIndex {
        if let Some(&idx) = self.nodes_by_id.get(&entity.id) {
            self.graph[idx].absorb(&entity);
            return idx;
        }
        let id = entity.id.clone();
        let idx = self.graph.add_node(entity);
        self.nodes_by_id.insert(id, idx);
        idx
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.nodes_by_id.get(id).map(|&i| &self.graph[i])
    }

    /// Adds one piece of evidence for (subject, kind, object): the first trigger of each sentence
    /// counts, so an edge's weight is its number of supporting sentences. Both entities must already be in
    /// the graph; returns false (and adds nothing) otherwise, or for a self-loop.
    pub fn add_relation(
        &mut self,
        subject: &str,
        kind: RelationKind,
        object: &str,
        evidence: Evidence,
        role: Option<String>,
    ) -> bool {
        let (Some(&s), Some(&o)) = (self.nodes_by_id.get(subject), self.nodes_by_id.get(object))
        else {
            return false;
        };
        if s == o {
            return false;
        }
        let (s, o) = if kind.is_symmetric() && self.graph[o].id < self.graph[s].id {
            (o, s)
        } else {
            (s, o)
        };
        let key = (s, kind, o);
        if let Some(&e) = self.edges_by_key.get(&key) {
            let rel = &mut self.graph[e];
            // One piece of evidence per sentence: a second trigger in it adds nothing.
            let same_sentence = rel
                .evidence
                .iter()
                .any(|x| x.doc == evidence.doc && x.sentence == evidence.sentence);
            if !same_sentence {
                let pos = rel.evidence.binary_search(&evidence).unwrap_or_else(|p| p);
                rel.evidence.insert(pos, evidence);
            }
            if rel.role.is_none() {
                rel.role = role;
            }
            return true;
        }
        let (cameo, plover) = self.relation_codes.get(&kind).cloned().unwrap_or_default();
        let e = self.graph.add_edge(
            s,
            o,
            Relation {
                kind,
                role,
                cameo,
                plover,
                evidence: vec![evidence],
            },
        );
        self.edges_by_key.insert(key, e);
        true
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Entities in id order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        let mut nodes: Vec<&Entity> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes.into_iter()
    }

    /// Edges in (source id, relation, target id) order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeView<'_>> {
        let mut edges: Vec<EdgeView<'_>> = self
            .graph
            .edge_indices()
            .map(|e| {
                let (s, t) = self
                    .graph
                    .edge_endpoints(e)
                    .expect("edge index from the graph");
                EdgeView {
                    source: &self.graph[s],
                    target: &self.graph[t],
                    relation: &self.graph[e],
                }
            })
            .collect();
        edges.sort_by(|a, b| {
            (&a.source.id, a.relation.kind, &a.target.id).cmp(&(
                &b.source.id,
                b.relation.kind,
                &b.target.id,
            ))
        });
        edges.into_iter()
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
        RelationKind::ALL
            .into_iter()
            .map(|r| (r, self.graph.edge_weights().filter(|e| e.kind == r).count()))
            .collect()
    }

    /// The underlying petgraph graph, for analyses the exports do not cover.
    pub fn petgraph(&self) -> &StableDiGraph<Entity, Relation> {
        &self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relation::Modality;

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

    fn graph() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        for name in ["Pakistan", "Iran", "China"] {
            g.add_entity(Entity::new(name, EntityType::State));
        }
        g
    }

    #[test]
    fn same_triple_merges_evidence_in_order() {
        let mut g = graph();
        assert!(g.add_relation("iran", RelationKind::Struck, "pakistan", ev("b", 1), None));
        assert!(g.add_relation("iran", RelationKind::Struck, "pakistan", ev("a", 3), None));
        assert!(g.add_relation("iran", RelationKind::Struck, "pakistan", ev("a", 3), None));
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
    fn called_is_stored_in_one_direction() {
        let mut g = graph();
        g.add_relation("pakistan", RelationKind::Called, "iran", ev("a", 0), None);
        g.add_relation("iran", RelationKind::Called, "pakistan", ev("a", 1), None);
        assert_eq!(g.edge_count(), 1);
        assert_eq!(g.edges().next().unwrap().source.id, "iran");
    }

    #[test]
    fn unknown_ends_and_self_loops_are_refused() {
        let mut g = graph();
        assert!(!g.add_relation("iran", RelationKind::Struck, "mars", ev("a", 0), None));
        assert!(!g.add_relation("iran", RelationKind::Struck, "iran", ev("a", 0), None));
        assert_eq!(g.edge_count(), 0);
    }

    #[test]
    fn iteration_is_sorted_by_id() {
        let mut g = graph();
        g.add_relation("pakistan", RelationKind::Struck, "iran", ev("a", 0), None);
        g.add_relation(
            "china",
            RelationKind::Mediated,
            "pakistan",
            ev("a", 0),
            None,
        );
        let ids: Vec<_> = g.entities().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["china", "iran", "pakistan"]);
        let edges: Vec<_> = g.edges().map(|e| e.id()).collect();
        assert_eq!(edges, ["china|mediated|pakistan", "pakistan|struck|iran"]);
    }

    #[test]
    fn relation_codes_apply_to_old_and_new_edges() {
        let mut g = graph();
        g.add_relation("pakistan", RelationKind::Struck, "iran", ev("a", 0), None);
        g.set_relation_codes(
            RelationKind::Struck,
            Some("190".into()),
            Some("ASSAULT".into()),
        );
        g.add_relation("iran", RelationKind::Struck, "pakistan", ev("a", 0), None);
        assert!(g
            .edges()
            .all(|e| e.relation.cameo.as_deref() == Some("190")));
    }
}
