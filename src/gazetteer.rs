//! The gazetteer of `schema/` compiled into one automaton over every name, variant, demonym
//! and capital, so all known entities of a text are found in one pass.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

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
    /// Every form, matched where it starts only: see [`Gazetteer::find`].
    automaton: AhoCorasick,
    /// The bytes a form starts with: most bytes of a text are none.
    first: [bool; 256],
    /// The first three bytes of the forms: most positions that start with a form's first byte
    /// start with none of its first three ("all", "also" against "al-Qaeda").
    openings: Openings,
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
        let mut first = [false; 256];
        for p in &patterns {
            first[usize::from(p.as_bytes()[0])] = true;
        }
        let openings = Openings::new(&patterns);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .expect("gazetteer automaton");
        Gazetteer {
            automaton,
            first,
            openings,
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
    ///
    /// The forms are found as an unanchored leftmost-longest search finds them, one after the
    /// other (a form found inside a word is no hit, and the text it spans is passed over): at
    /// each position in turn the longest form that starts there, if any. Most positions start
    /// no form, which their first three bytes tell, so the automaton runs only where they may.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut at = 0;
        while let Some(skip) = bytes[at..].iter().position(|&b| self.first[usize::from(b)]) {
            at += skip;
            let found = self
                .openings
                .may_start(&bytes[at..])
                .then(|| {
                    let from = Input::new(text).range(at..).anchored(Anchored::Yes);
                    self.automaton.find(from)
                })
                .flatten();
            let Some(m) = found else {
                at += 1;
                continue;
            };
            let before = text[..at].chars().next_back();
            let after = text[m.end()..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                hits.push(Hit {
                    start: at,
                    end: m.end(),
                    entry: m.pattern().as_usize(),
                });
            }
            // Forms are never empty (a schema row needs its first column, a list drops empty
            // items): the search goes on past the form.
            at = m.end();
        }
        hits
    }
}

/// The first three bytes of a set of forms, each as a bit at a hash of them: a position whose
/// first three bytes have no bit starts no form. Two openings may share a bit, which costs a
/// search that finds nothing, never a form missed.
struct Openings {
    bits: Vec<u64>,
}

/// The bits of [`Openings`]: the 2,000 forms of the shipped schema set one in forty.
const OPENING_BITS: u32 = 17;

impl Openings {
    fn new(forms: &[String]) -> Openings {
        let mut openings = Openings {
            bits: vec![0; (1 << OPENING_BITS) / 64],
        };
        for form in forms {
            // A form shorter than three bytes opens with every byte after it (the end of the
            // text reads as bytes 0).
            let b = form.as_bytes();
            let any = 0..=u8::MAX;
            let seconds = b.get(1).map_or(any.clone(), |&s| s..=s);
            for second in seconds {
                let thirds = b.get(2).map_or(any.clone(), |&t| t..=t);
                for third in thirds {
                    let bit = Openings::bit([b[0], second, third]);
                    openings.bits[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        openings
    }

    fn bit(opening: [u8; 3]) -> usize {
        let [a, b, c] = opening;
        let key = u32::from_le_bytes([a, b, c, 0]);
        (key.wrapping_mul(0x9E37_79B1) >> (32 - OPENING_BITS)) as usize
    }

    /// Whether a form may start `bytes` (a text from a position on).
    #[inline]
    fn may_start(&self, bytes: &[u8]) -> bool {
        let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
        let bit = Openings::bit([at(0), at(1), at(2)]);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::tests::shipped_schema;

    /// The hits of `text` as (surface, label) pairs.
    fn hits(text: &str) -> Vec<(&str, String)> {
        let gazetteer = Gazetteer::new(shipped_schema());
        gazetteer
            .find(text)
            .into_iter()
            .map(|h| {
                (
                    &text[h.start..h.end],
                    gazetteer.entry(h.entry).label.clone(),
                )
            })
            .collect()
    }

    /// Forms of one, two and many bytes open the texts they start, wherever those end; few
    /// other texts are opened.
    #[test]
    fn openings_admit_every_form_and_few_other_texts() {
        let openings = |forms: &[&str]| {
            Openings::new(&forms.iter().map(|f| f.to_string()).collect::<Vec<_>>())
        };
        let with_a_letter = openings(&["X", "UK", "al-Qaeda", "mainland China"]);
        for text in [
            "X",
            "Xy",
            "X-ray",
            "UK",
            "UK.",
            "UKraine",
            "al-Qaeda",
            "mainland China.",
        ] {
            assert!(with_a_letter.may_start(text.as_bytes()), "{text}");
        }
        let words = openings(&["UK", "al-Qaeda", "al Qaeda", "mainland China"]);
        let shut = ["also", "all", "many", "made", "Uganda", "U", "X"]
            .iter()
            .filter(|t| !words.may_start(t.as_bytes()))
            .count();
        assert!(shut >= 6, "{shut}");
    }

    #[test]
    fn hits_are_the_longest_whole_word_forms_of_a_leftmost_search() {
        assert_eq!(
            hits("Iranian drones, XIran, Iraq’s mainland China policy"),
            [
                ("Iranian", "Iran".to_string()),
                ("Iraq", "Iraq".to_string()),
                ("mainland China", "China".to_string()),
            ]
        );
        // "al Shabaab" and "mainland China" found inside a word are no hits, and the forms
        // they span are passed over, as a leftmost search passes over them.
        assert!(hits("the Portal Shabaab and Germainland China").is_empty());
        assert_eq!(
            hits("the Portal, Shabaab and Germainland, China"),
            [
                ("Shabaab", "al-Shabaab".to_string()),
                ("China", "China".to_string()),
            ]
        );
    }
}
