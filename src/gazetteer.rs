//! The gazetteer of `schema/` compiled into one automaton over every name, variant, demonym
//! and capital, so all known entities of a text are found in one pass.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::entity::EntityType;
use crate::schema::Schema;

/// How a gazetteer entry names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The name or a variant ("Iran", "Islamic Republic of Iran", "BLA").
    Name,
    /// "Iranian", "Pakistanis".
    Demonym,
    /// "Tehran": the state when used for its government, else the city.
    Capital,
}

/// One surface form of the gazetteer.
#[derive(Debug, Clone)]
pub struct Entry {
    pub label: String,
    pub entity_type: EntityType,
    pub form: Form,
    /// For capitals and places: the state they lie in.
    pub state: Option<String>,
}

/// What the gazetteer knows of an entity beyond its names.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub wikidata: Option<String>,
    pub iso3: Option<String>,
}

/// A gazetteer hit: byte span and the entry.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

pub struct Gazetteer {
    automaton: AhoCorasick,
    entries: Vec<Entry>,
    facts: HashMap<(EntityType, String), Facts>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl Gazetteer {
    pub fn new(schema: &Schema) -> Gazetteer {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        let mut facts = HashMap::new();
        let mut add = |surface: &str, entry: Entry| {
            patterns.push(surface.to_string());
            entries.push(entry);
        };
        for s in &schema.states {
            let entry = |form| Entry {
                label: s.name.clone(),
                entity_type: EntityType::State,
                form,
                state: None,
            };
            for name in std::iter::once(&s.name).chain(&s.variants) {
                add(name, entry(Form::Name));
            }
            for d in &s.demonyms {
                add(d, entry(Form::Demonym));
            }
            if let Some(capital) = &s.capital {
                add(
                    capital,
                    Entry {
                        label: capital.clone(),
                        entity_type: EntityType::Place,
                        form: Form::Capital,
                        state: Some(s.name.clone()),
                    },
                );
            }
            facts.insert(
                (EntityType::State, s.name.clone()),
                Facts {
                    wikidata: s.wikidata.clone(),
                    iso3: Some(s.iso3.clone()),
                },
            );
        }
        for (list, entity_type) in [
            (&schema.organizations, EntityType::Organization),
            (&schema.groups, EntityType::Group),
            (&schema.places, EntityType::Place),
        ] {
            for e in list {
                for name in std::iter::once(&e.name).chain(&e.aliases) {
                    add(
                        name,
                        Entry {
                            label: e.name.clone(),
                            entity_type,
                            form: Form::Name,
                            state: e.state.clone(),
                        },
                    );
                }
                facts.insert(
                    (entity_type, e.name.clone()),
                    Facts {
                        wikidata: e.wikidata.clone(),
                        iso3: None,
                    },
                );
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("gazetteer automaton");
        Gazetteer {
            automaton,
            entries,
            facts,
        }
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    /// What is known of the entity with this type and canonical label.
    pub fn facts(&self, entity_type: EntityType, label: &str) -> Option<&Facts> {
        self.facts.get(&(entity_type, label.to_string()))
    }

    /// Every whole-word occurrence of a gazetteer form in `text`.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.automaton
            .find_iter(text)
            .filter(|m| {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                entry: m.pattern().as_usize(),
            })
            .collect()
    }
}
