//! Relations: the edges of the knowledge graph, with the evidence that supports them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The six relations of the vocabulary (DESIGN.md, "Vocabulary").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    Struck,
    Called,
    Condemned,
    Mediated,
    Conducted,
    OfficialOf,
}

impl RelationKind {
    pub const ALL: [RelationKind; 6] = [
        RelationKind::Struck,
        RelationKind::Called,
        RelationKind::Condemned,
        RelationKind::Mediated,
        RelationKind::Conducted,
        RelationKind::OfficialOf,
    ];

    /// The relation's name, exactly as DESIGN.md spells it in every export.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Struck => "struck",
            RelationKind::Called => "called",
            RelationKind::Condemned => "condemned",
            RelationKind::Mediated => "mediated",
            RelationKind::Conducted => "conducted",
            RelationKind::OfficialOf => "official_of",
        }
    }

    /// The four event relations, as opposed to the structural `conducted` and `official_of`.
    pub fn is_core(self) -> bool {
        matches!(
            self,
            RelationKind::Struck
                | RelationKind::Called
                | RelationKind::Condemned
                | RelationKind::Mediated
        )
    }

    /// A phone call has no direction: edges are stored with the smaller entity id as source.
    pub fn is_symmetric(self) -> bool {
        self == RelationKind::Called
    }

    /// Display colour shared by every visual export.
    pub fn color(self) -> (u8, u8, u8) {
        match self {
            RelationKind::Struck => (0xd6, 0x27, 0x28),
            RelationKind::Called => (0x1f, 0x77, 0xb4),
            RelationKind::Condemned => (0xff, 0x7f, 0x0e),
            RelationKind::Mediated => (0x2c, 0xa0, 0x2c),
            RelationKind::Conducted => (0x94, 0x67, 0xbd),
            RelationKind::OfficialOf => (0x7f, 0x7f, 0x7f),
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RelationKind::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown relation {s:?}"))
    }
}

/// One sentence that supports an edge. Offsets are Unicode code points, 0-based, end
/// exclusive, in the original text of the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub kind: RelationKind,
    /// The office held, on `official_of` edges ("Foreign Minister").
    pub role: Option<String>,
    /// CAMEO event code(s) from the lexicon ("190 / 195"), where one applies.
    pub cameo: Option<String>,
    /// PLOVER event category from the lexicon ("ASSAULT"), where one applies.
    pub plover: Option<String>,
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
    fn relation_names_round_trip() {
        for r in RelationKind::ALL {
            assert_eq!(r.as_str().parse::<RelationKind>().unwrap(), r);
        }
        assert!("attacked".parse::<RelationKind>().is_err());
    }

    #[test]
    fn documents_and_dates_summarise_evidence() {
        let ev = Evidence::placeholder;
        let r = Relation {
            kind: RelationKind::Struck,
            role: None,
            cameo: None,
            plover: None,
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
