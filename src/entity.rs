//! Entities: the nodes of the knowledge graph.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The seven entity types of the vocabulary (DESIGN.md, "Vocabulary").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    State,
    Official,
    Group,
    Operation,
    Organization,
    Place,
    Person,
}

impl EntityType {
    pub const ALL: [EntityType; 7] = [
        EntityType::State,
        EntityType::Official,
        EntityType::Group,
        EntityType::Operation,
        EntityType::Organization,
        EntityType::Place,
        EntityType::Person,
    ];

    /// The type's name as written in exports and in `schema/ontology.ttl`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::State => "State",
            EntityType::Official => "Official",
            EntityType::Group => "Group",
            EntityType::Operation => "Operation",
            EntityType::Organization => "Organization",
            EntityType::Place => "Place",
            EntityType::Person => "Person",
        }
    }

    /// Display colour shared by every visual export, so Gephi, Graphviz and the legend agree.
    pub fn color(self) -> (u8, u8, u8) {
        match self {
            EntityType::State => (0x1f, 0x77, 0xb4),
            EntityType::Official => (0xff, 0x7f, 0x0e),
            EntityType::Group => (0xd6, 0x27, 0x28),
            EntityType::Operation => (0x94, 0x67, 0xbd),
            EntityType::Organization => (0x2c, 0xa0, 0x2c),
            EntityType::Place => (0x8c, 0x56, 0x4b),
            EntityType::Person => (0x7f, 0x7f, 0x7f),
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown entity type {s:?}"))
    }
}

/// A node of the graph: one real-world entity with every surface form it was seen under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable identifier derived from the canonical label (see [`slug`]).
    pub id: String,
    pub label: String,
    pub entity_type: EntityType,
    /// Every surface form seen in the text, the label included.
    pub aliases: BTreeSet<String>,
    pub mentions: u64,
    /// Wikidata item id (`Q794`) when the gazetteer knows it.
    pub wikidata: Option<String>,
    /// ISO 3166-1 alpha-3 code, for states.
    pub iso3: Option<String>,
}

impl Entity {
    pub fn new(label: impl Into<String>, entity_type: EntityType) -> Self {
        let label = label.into();
        Entity {
            id: slug(&label),
            aliases: BTreeSet::from([label.clone()]),
            label,
            entity_type,
            mentions: 0,
            wikidata: None,
            iso3: None,
        }
    }

    /// Folds another record of the same entity into this one.
    pub fn absorb(&mut self, other: &Entity) {
        self.aliases.extend(other.aliases.iter().cloned());
        self.mentions += other.mentions;
        if self.wikidata.is_none() {
            self.wikidata.clone_from(&other.wikidata);
        }
        if self.iso3.is_none() {
            self.iso3.clone_from(&other.iso3);
        }
    }
}

/// Identifier of a label: lower-case, letters and digits kept (accents folded for Latin
/// letters), every other run of characters becomes one `-`.
pub(crate) fn slug(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut pending_dash = false;
    for folded in fold_accents(label).chars() {
        if folded.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(folded.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("entity");
    }
    out
}

/// A text with its accents folded: each letter decomposed (Unicode NFKD) and its combining
/// marks dropped ("Türkiye" → "Turkiye", "Erdoğan" → "Erdogan").
pub(crate) fn fold_accents(text: &str) -> String {
    // ASCII has no accents, and nearly every name is ASCII.
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_case_accents_and_punctuation() {
        assert_eq!(slug("Karim Abdel-Rahmani"), "karim-abdel-rahmani");
        assert_eq!(slug("António Guterres"), "antonio-guterres");
        assert_eq!(slug("Türkiye"), "turkiye");
        assert_eq!(slug("  Jund al-Haqq "), "jund-al-haqq");
        assert_eq!(slug("U.S."), "u-s");
        assert_eq!(slug("<>&"), "entity");
    }

    #[test]
    fn entity_type_round_trips_through_its_name() {
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>().unwrap(), t);
        }
        assert!("Country".parse::<EntityType>().is_err());
    }

    #[test]
    fn absorb_merges_aliases_and_counts() {
        let mut a = Entity::new("Iran", EntityType::State);
        a.mentions = 2;
        let mut b = Entity::new("Iran", EntityType::State);
        b.aliases.insert("Iranian".into());
        b.mentions = 3;
        b.wikidata = Some("Q794".into());
        a.absorb(&b);
        assert_eq!(a.mentions, 5);
        assert!(a.aliases.contains("Iranian"));
        assert_eq!(a.wikidata.as_deref(), Some("Q794"));
    }
}
