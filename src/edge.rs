//! Relations: the edges of the knowledge graph, with the evidence that supports them.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::entity::EntityType;

/// Whether a relation is an event between parties or a standing fact about one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationClass {
    /// Something a party did to or with another (a strike, a call): scored as "core".
    Event,
    /// A standing tie (who holds which office, who ran which operation): "structural".
    Structural,
}

/// A relation of the vocabulary, as a row of `schema/relations.tsv` defines it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RelationDef {
    /// The name in every export ("struck", "official_of").
    pub name: String,
    /// Local name of its RDF property in the `ng:` namespace ("officialOf").
    pub property: String,
    pub class: RelationClass,
    /// A symmetric relation has no direction: its edges go from the smaller entity id.
    pub symmetric: bool,
    /// CAMEO event code(s) ("190 / 195"), where one applies.
    pub cameo: Option<String>,
    /// PLOVER event category ("ASSAULT"), where one applies.
    pub plover: Option<String>,
    /// Display colour of its edges in every visual export.
    pub color: (u8, u8, u8),
    /// The entity types its subject may have.
    pub domain: Vec<EntityType>,
    /// The entity types its object may have.
    pub range: Vec<EntityType>,
    pub flags: RelationFlags,
    /// What the relation means, in one line.
    pub meaning: String,
}

/// What the extraction knows of a relation beyond its frames (`relations.tsv`, "flags").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RelationFlags {
    /// Its edges between two parties make them the document's conflict, and an unattributed
    /// "the attack" refers back to its events.
    pub conflict: bool,
    /// Its subject is never one of the parties it addresses.
    pub third_party: bool,
    /// Its objects are parties: an official stands for the state they serve.
    pub party_targets: bool,
    /// A place it names stands for its state, unless the state or a group is named too.
    pub place_targets: bool,
}

/// A relation of the vocabulary: a cheap handle on its [`RelationDef`]. Relations are data,
/// so a schema can add one without a change of code; kinds compare and sort by their row in
/// the schema, so every export lists them in the schema's order.
///
/// ```
/// use newsgraph::{RelationClass, RelationDef, RelationKind};
/// let def = |name: &str| RelationDef {
///     name: name.into(), property: name.into(), class: RelationClass::Event, symmetric: false,
///     cameo: None, plover: None, color: (0, 0, 0), domain: vec![], range: vec![],
///     flags: Default::default(), meaning: String::new(),
/// };
/// let (hit, rang) = (RelationKind::new(0, def("hit")), RelationKind::new(1, def("rang")));
/// assert!(hit < rang);
/// assert_eq!(rang.as_str(), "rang");
/// ```
#[derive(Debug, Clone)]
pub struct RelationKind {
    rank: usize,
    def: Arc<RelationDef>,
}

impl RelationKind {
    /// The relation of row `rank` of the vocabulary.
    pub fn new(rank: usize, def: RelationDef) -> Self {
        RelationKind {
            rank,
            def: Arc::new(def),
        }
    }

    pub fn def(&self) -> &RelationDef {
        &self.def
    }

    /// The relation's name, exactly as the schema spells it, in every export.
    pub fn as_str(&self) -> &str {
        &self.def.name
    }

    /// An event relation (scored as "core"), as opposed to a structural one.
    pub fn is_core(&self) -> bool {
        self.def.class == RelationClass::Event
    }

    pub fn is_symmetric(&self) -> bool {
        self.def.symmetric
    }

    pub fn color(&self) -> (u8, u8, u8) {
        self.def.color
    }

    pub fn cameo(&self) -> Option<&str> {
        self.def.cameo.as_deref()
    }

    pub fn plover(&self) -> Option<&str> {
        self.def.plover.as_deref()
    }

    pub fn flags(&self) -> RelationFlags {
        self.def.flags
    }
}

impl PartialEq for RelationKind {
    fn eq(&self, other: &Self) -> bool {
        self.rank == other.rank && self.def.name == other.def.name
    }
}

impl Eq for RelationKind {}

impl PartialOrd for RelationKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RelationKind {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.rank, &self.def.name).cmp(&(other.rank, &other.def.name))
    }
}

impl std::hash::Hash for RelationKind {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.rank.hash(state);
        self.def.name.hash(state);
    }
}

impl Serialize for RelationKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One sentence that supports an edge. Offsets are Unicode code points, 0-based, end
/// exclusive, in the original text of the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id: the file stem.
    pub doc: String,
    /// Index of the sentence in the document, from 0.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub trigger_start: usize,
    pub trigger_end: usize,
    /// The sentence as it stands in the document (line breaks of the layout repaired).
    pub text: String,
    /// The word or phrase that signals the relation ("airstrike", "telephoned", "Foreign Minister").
    pub trigger: String,
    /// Event date (ISO 8601, `YYYY-MM-DD`) when the text lets it be resolved.
    pub date: Option<String>,
    /// Whether the sentence asserts the event or reports somebody's claim of it.
    pub modality: Modality,
    /// On `called` evidence, the id of the entity that placed the call, when the sentence
    /// says who did ("X telephoned Y"). A call is stored as one undirected edge, so this is
    /// the only record of its direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
}

/// How a sentence puts forward the event it supports. Denied, threatened, planned and
/// hypothetical events are never edges, so only these two reach the graph.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// The text states the event in its own voice.
    #[default]
    Asserted,
    /// The text reports somebody's statement of it ("X said it struck", "according to").
    Claimed,
}

impl Modality {
    pub const ALL: [Modality; 2] = [Modality::Asserted, Modality::Claimed];

    /// The modality's name in every export.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Claimed => "claimed",
        }
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
impl Evidence {
    /// Evidence of one character in sentence 0 of `doc`, for tests that need some.
    pub(crate) fn placeholder(doc: &str, date: Option<&str>) -> Self {
        Evidence {
            doc: doc.into(),
            sentence: 0,
            start: 0,
            end: 1,
            trigger_start: 0,
            trigger_end: 1,
            text: "x".into(),
            trigger: "x".into(),
            date: date.map(Into::into),
            modality: Modality::Asserted,
            caller: None,
        }
    }
}

/// An edge: one (subject, relation, object) with all its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    pub kind: RelationKind,
    /// The office held, on `official_of` edges ("Foreign Minister").
    pub role: Option<String>,
    /// Sorted and without duplicates.
    pub evidence: Vec<Evidence>,
}

impl Relation {
    /// Number of supporting sentences: the edge's weight in every export.
    pub fn weight(&self) -> usize {
        self.evidence.len()
    }

    /// Documents that attest the edge, sorted, each once.
    pub fn documents(&self) -> Vec<&str> {
        let mut docs: Vec<&str> = self.evidence.iter().map(|e| e.doc.as_str()).collect();
        docs.dedup();
        docs
    }

    /// Earliest event date among the evidence, if any is known.
    pub fn first_date(&self) -> Option<&str> {
        self.evidence.iter().filter_map(|e| e.date.as_deref()).min()
    }

    /// Latest event date among the evidence, if any is known.
    pub fn last_date(&self) -> Option<&str> {
        self.evidence.iter().filter_map(|e| e.date.as_deref()).max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_order_by_their_row_and_carry_their_definition() {
        let def = |name: &str, symmetric| RelationDef {
            name: name.into(),
            property: name.into(),
            class: RelationClass::Event,
            symmetric,
            cameo: Some("190".into()),
            plover: None,
            color: (1, 2, 3),
            domain: vec![],
            range: vec![],
            flags: RelationFlags::default(),
            meaning: String::new(),
        };
        let (b, a) = (
            RelationKind::new(0, def("b", false)),
            RelationKind::new(1, def("a", true)),
        );
        assert!(b < a, "the schema's row orders kinds, not the name");
        assert!(a.is_symmetric() && !b.is_symmetric());
        assert_eq!(b.cameo(), Some("190"));
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"a\"");
        assert_ne!(a, RelationKind::new(1, def("c", true)));
    }

    #[test]
    fn documents_and_dates_summarise_evidence() {
        let ev = Evidence::placeholder;
        let r = Relation {
            kind: crate::schema::tests::shipped_schema()
                .relation("struck")
                .unwrap(),
            role: None,
            evidence: vec![
                ev("a", Some("2024-01-18")),
                ev("a", None),
                ev("b", Some("2024-01-16")),
            ],
        };
        assert_eq!(r.documents(), vec!["a", "b"]);
        assert_eq!(r.first_date(), Some("2024-01-16"));
        assert_eq!(r.last_date(), Some("2024-01-18"));
        assert_eq!(r.weight(), 3);
    }
}
