//! One sentence as the engine reads it: its words, its clauses, and its noun phrases that name
//! entities ("units"), joined in coordination groups ("X, Y and Z").

use std::cell::OnceCell;
use std::ops::Index;

use crate::clauses::{self, Clauses};
use crate::cue::Cue;
use crate::entity::EntityType;
use crate::frames::Anchor;
use crate::mentions::{AnalyzedSentence, MentionForm};
use crate::phrases::Words;
use crate::resolve::{Resolved, ResolvedDocument};
use crate::schema::Schema;

/// What a unit does in its noun phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It is the noun phrase: "Pakistan", "the Syrian army", "Iran's foreign ministry".
    Actor,
    /// It qualifies the noun after it: "Israel's strikes", "the Israeli attack", "US-led talks".
    Modifier,
}

/// A noun phrase that names one entity, or several ("the two countries").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// First and last token, inclusive, with its title, determiner and head noun.
    pub first: usize,
    pub last: usize,
    pub entities: Vec<usize>,
    pub role: Role,
    /// Units joined by "and" and commas share a group: the index of its first unit.
    pub group: usize,
    /// Whether it ends with a possessive ("Israel's").
    pub possessive: bool,
    /// Whether a pronoun stands for it in `entities` ("it", "he"): filled in by the engine.
    pub pronoun: bool,
}

/// The views of a document's sentences, each built the first time the engine reads it: most
/// sentences hold no trigger, and their clauses and units are never needed.
pub struct Views<'d> {
    doc: &'d ResolvedDocument,
    schema: &'d Schema,
    /// Boxed: most cells stay empty, and a view is large.
    cells: Vec<OnceCell<Box<View<'d>>>>,
}

impl<'d> Views<'d> {
    pub fn new(doc: &'d ResolvedDocument, schema: &'d Schema) -> Self {
        Views {
            doc,
            schema,
            cells: (0..doc.analyzed.sentences.len())
                .map(|_| OnceCell::new())
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }
}

impl<'d> Index<usize> for Views<'d> {
    type Output = View<'d>;

    fn index(&self, sentence: usize) -> &View<'d> {
        self.cells[sentence].get_or_init(|| Box::new(View::new(self.doc, self.schema, sentence)))
    }
}

/// A sentence with everything the slot fillers need.
pub struct View<'d> {
    pub index: usize,
    pub words: Words<'d>,
    /// Found the first time the engine reads them: a sentence whose trigger forms give no
    /// occurrence (covered by a name, or the longest form of a frame no run reads) needs none.
    clauses: OnceCell<Clauses>,
    pub sentence: &'d AnalyzedSentence,
    pub units: Vec<Unit>,
    /// The trigger forms of every frame found in the sentence, by token, then frame.
    pub forms: Vec<FormMatch>,
    /// What the slot fillers ask of each token.
    tokens: Vec<TokenFacts>,
}

/// A trigger form of a frame, found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormMatch {
    /// Its first token.
    pub first: usize,
    pub frame: usize,
    /// Its length in tokens.
    pub len: usize,
}

/// What a view knows of one token.
#[derive(Debug, Clone, Copy, Default)]
struct TokenFacts {
    /// The unit that covers it.
    unit: Option<usize>,
    /// Whether it is in a parenthesis that names or reports what follows ("launched what they
    /// said were attacks", "denounced what it calls aggression"): the phrase reads as if it
    /// were not there.
    aside: bool,
    /// Whether a verb form of some frame ends there ("condemned", "spoke by phone").
    verb_form_end: bool,
    /// Whether it is a noun that names an event of a conflict ("attack", "strikes",
    /// "violation").
    event_noun: bool,
}

impl<'d> View<'d> {
    pub fn new(doc: &'d ResolvedDocument, schema: &'d Schema, index: usize) -> Self {
        let sentence = &doc.analyzed.sentences[index];
        let words = Words::of_lexed(
            &doc.analyzed.doc.text,
            &sentence.sentence.tokens,
            &sentence.lexed,
            schema,
        );
        let units = units(&words, sentence, doc, index);
        let mut tokens: Vec<TokenFacts> = (0..words.len())
            .map(|j| TokenFacts {
                event_noun: words.has(Cue::EventNoun, j),
                ..TokenFacts::default()
            })
            .collect();
        for (u, unit) in units.iter().enumerate() {
            for t in &mut tokens[unit.first..=unit.last] {
                t.unit = Some(u);
            }
        }
        mark_asides(&words, &mut tokens);
        // The frames' forms, where a verb form ends and which tokens are nouns of a conflict's
        // events: looked up once per sentence, asked of many tokens.
        let mut forms = Vec::new();
        for s in 0..words.len() {
            if !words.lexeme(s).trigger {
                continue;
            }
            for &frame in schema.frames_starting(words.folded(s)) {
                let f = &schema.frames[frame];
                let Some((len, _)) = words.phrase_at(&f.forms, s) else {
                    continue;
                };
                forms.push(FormMatch {
                    first: s,
                    frame,
                    len,
                });
                match f.anchor {
                    Anchor::Verb => tokens[s + len - 1].verb_form_end = true,
                    Anchor::Noun if f.relation.flags().conflict => tokens[s].event_noun = true,
                    _ => {}
                }
            }
        }
        View {
            index,
            words,
            clauses: OnceCell::new(),
            sentence,
            units,
            forms,
            tokens,
        }
    }

    /// The sentence's clauses.
    pub fn clauses(&self) -> &Clauses {
        self.clauses.get_or_init(|| clauses::analyze(&self.words))
    }

    /// What the view knows of token `k` (nothing past the end).
    fn facts(&self, k: usize) -> TokenFacts {
        self.tokens.get(k).copied().unwrap_or_default()
    }

    /// The trigger forms that start at token `i`, by frame.
    pub fn forms_at(&self, i: usize) -> &[FormMatch] {
        let from = self.forms.partition_point(|m| m.first < i);
        let to = self.forms.partition_point(|m| m.first <= i);
        &self.forms[from..to]
    }

    /// Whether a verb form of some frame ends at token `p`.
    pub fn verb_form_ends_at(&self, p: usize) -> bool {
        self.facts(p).verb_form_end
    }

    /// Whether a verb form of some frame starts at token `p`.
    pub fn verb_form_starts_at(&self, p: usize) -> bool {
        let frames = &self.words.schema().frames;
        self.forms_at(p)
            .iter()
            .any(|m| frames[m.frame].anchor == Anchor::Verb)
    }

    /// Whether token `j` is a noun that names an event of a conflict.
    pub fn is_event_noun(&self, j: usize) -> bool {
        self.facts(j).event_noun
    }

    /// Whether token `k` is in a parenthesis such as "what they said were" (see `TokenFacts`).
    pub fn is_aside(&self, k: usize) -> bool {
        self.facts(k).aside
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn unit_covering(&self, token: usize) -> Option<usize> {
        self.facts(token).unit
    }

    /// The unit that ends at `token`.
    pub fn unit_ending(&self, token: usize) -> Option<usize> {
        self.unit_covering(token)
            .filter(|&u| self.units[u].last == token)
    }

    /// The unit that starts at `token`, past determiners, numbers and up to two adjectives
    /// ("by brotherly Qatar", "at least 58 Pakistani soldiers").
    pub fn unit_starting(&self, token: usize) -> Option<usize> {
        let mut k = token;
        let mut adjectives = 0;
        while k < self.len() && self.unit_covering(k).is_none() {
            if let Some(len) = self.words.cue_len(Cue::Determiner, k) {
                k += len;
            } else if self.words.word(k).starts_with(|c: char| c.is_ascii_digit()) {
                k += 1;
            } else if adjectives < 2 && self.is_plain_word(k) {
                adjectives += 1;
                k += 1;
            } else {
                break;
            }
        }
        self.unit_covering(k).filter(|&u| self.units[u].first == k)
    }

    /// A lower-case word of no word list: an adjective or a noun, not a function word.
    pub fn is_plain_word(&self, k: usize) -> bool {
        let w = &self.words;
        // Most words start a phrase of none of the lists: one test of the lexeme's bits
        // answers for them.
        w.word(k).starts_with(char::is_lowercase)
            && (w.lexeme(k).starts & FUNCTION_LISTS == 0
                || !FUNCTION_CUES.iter().any(|&c| w.has(c, k)))
    }

    /// The units of `unit`'s group, in order.
    pub fn group(&self, unit: usize) -> impl Iterator<Item = &Unit> + '_ {
        self.group_units(unit).map(|k| &self.units[k])
    }

    /// The indices of `unit`'s group's units, in order.
    pub fn group_units(&self, unit: usize) -> impl Iterator<Item = usize> + '_ {
        let g = self.units[unit].group;
        (0..self.units.len()).filter(move |&k| self.units[k].group == g)
    }

    /// The entities of `unit`'s group, each once, in order.
    pub fn group_entities(&self, unit: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for e in self.group(unit).flat_map(|u| &u.entities) {
            if !out.contains(e) {
                out.push(*e);
            }
        }
        out
    }

    /// The units of the two sides a pair marker at `marker` opens ("between X and Y"): the group
    /// after it, and, when a head noun parts the first side from its "and", the group after
    /// that "and" as well ("between Philippine vessels and China Coast Guard ships").
    pub fn sides_after(&self, marker: usize) -> Vec<usize> {
        let Some(first) = self.unit_starting(marker + 1) else {
            return Vec::new();
        };
        let mut sides: Vec<usize> = self.group_units(first).collect();
        let mut k = self.group_span(first).1 + 1;
        let head = k;
        while k < self.len() && k < head + 2 && self.is_plain_word(k) {
            k += 1;
        }
        if k > head && self.words.has(Cue::Coordinator, k) {
            if let Some(second) = self.unit_starting(k + 1) {
                sides.extend(self.group_units(second));
            }
        }
        sides
    }

    /// The first and last token of `unit`'s group.
    pub fn group_span(&self, unit: usize) -> (usize, usize) {
        let first = self.group(unit).map(|u| u.first).min().unwrap_or(0);
        let last = self.group(unit).map(|u| u.last).max().unwrap_or(0);
        (first, last)
    }

    /// Whether `unit`'s group stands after a preposition ("in Syria and Iraq"); a word that
    /// opens the clause as a subordinator ("after Iran struck") is none.
    pub fn after_preposition(&self, unit: usize) -> bool {
        let Some(p) = self.before_phrase(self.group_span(unit).0) else {
            return false;
        };
        self.words.has(Cue::Preposition, p)
            && !(self.clauses().at(p).start == p
                && self.clauses().at(p).kind == clauses::ClauseKind::Adverbial)
    }

    /// Whether unit `unit` is the "of" phrase of a plural title or a state organ that is no
    /// preposition's object itself: "The foreign ministers of China and India held talks",
    /// "Foreign ministers of the Group of Seven condemned".
    pub fn headed_by_title(&self, unit: usize) -> bool {
        let Some(of) = self
            .before_phrase(self.group_span(unit).0)
            .filter(|&p| self.words.has(Cue::Genitive, p))
        else {
            return false;
        };
        (1..=3.min(of)).any(|n| {
            let head = of - n;
            [Cue::PluralTitle, Cue::OrganNoun]
                .iter()
                .any(|&cue| self.words.cue_len(cue, head) == Some(n))
                && !self
                    .before_phrase(head)
                    .is_some_and(|b| self.words.has(Cue::Preposition, b))
        })
    }

    /// The token before the noun phrase that ends with the unit starting at `first`, past
    /// determiners and up to three plain words ("in the capital Damascus", "told the Syrian
    /// transitional President X"), but never a verb form ("struck Houthi military targets").
    pub fn before_phrase(&self, first: usize) -> Option<usize> {
        let mut k = first;
        let mut plain = 0;
        while k > 0 {
            let p = k - 1;
            let modifier = self
                .unit_covering(p)
                .is_some_and(|u| self.units[u].role == Role::Modifier);
            if self.words.has(Cue::Determiner, p) || modifier {
                k = p;
            } else if plain < 3
                && self.is_plain_word(p)
                && !self.verb_form_ends_at(p)
                && !self.past_after_name(p)
            {
                plain += 1;
                k = p;
            } else {
                break;
            }
        }
        k.checked_sub(1)
    }

    /// Whether token `p` is a past form right after a name, and so that name's verb whatever
    /// the verb ("Borrell visited Lebanon, calling for ..."); not a verb of helping, whose
    /// object does what follows ("helped Israel intercept").
    pub fn past_after_name(&self, p: usize) -> bool {
        p > 0
            && self.unit_ending(p - 1).is_some()
            && !self.words.has(Cue::InfinitiveMarker, p)
            && (self.words.ends_with(Cue::ParticipleEnding, p)
                || self.words.has(Cue::IrregularParticiple, p))
    }

    /// Whether a verb group opens right after `unit`'s group ("said Ankara would continue",
    /// "said the U.S. is committed"): the group is that verb's subject.
    pub fn opens_verb_group_after(&self, unit: usize) -> bool {
        let next = self.skip_adverbs(self.group_span(unit).1 + 1);
        [Cue::Auxiliary, Cue::Future, Cue::Possibility]
            .iter()
            .any(|&c| self.words.has(c, next))
            || self.verb_form_starts_at(next)
    }

    /// Whether the verb's form at `k` qualifies a noun after an article or a possessive
    /// pronoun ("the continued shelling", "its continued attacks"): it supports no noun.
    pub fn qualifies_noun(&self, k: usize) -> bool {
        k > 0
            && (self.words.has(Cue::Article, k - 1)
                || self.words.has(Cue::PossessivePronoun, k - 1))
    }

    /// Whether the preposition at `j` ends a phrase of ownership ("positions belonging to X",
    /// "bases used by X"; lexicon list `ownership`): the owner is in the noun's phrase.
    pub fn closes_ownership(&self, j: usize) -> bool {
        (j.saturating_sub(2)..j).any(|s| {
            self.words
                .cue_len(Cue::Ownership, s)
                .is_some_and(|len| s + len == j + 1)
        })
    }

    /// The token after `i` that is not an adverb.
    pub fn skip_adverbs(&self, mut i: usize) -> usize {
        while i < self.len() && self.is_adverb(i) {
            i += 1;
        }
        i
    }

    /// A word that may stand between a subject and its verb: an "-ly" word or a listed adverb.
    pub fn is_adverb(&self, i: usize) -> bool {
        self.words.has(Cue::Adverb, i) || self.words.ends_with(Cue::AdverbEnding, i)
    }
}

/// The lists of the words that are no plain word ([`View::is_plain_word`]).
const FUNCTION_CUES: [Cue; 14] = [
    Cue::Preposition,
    Cue::Auxiliary,
    Cue::Coordinator,
    Cue::SupportVerb,
    Cue::ReportingVerb,
    Cue::RelativePronoun,
    Cue::Complementizer,
    Cue::InfinitiveMarker,
    Cue::Future,
    Cue::Possibility,
    Cue::FunctionWord,
    Cue::Subordinator,
    Cue::Negation,
    Cue::Pronoun,
];

/// [`FUNCTION_CUES`] as lexeme bits.
const FUNCTION_LISTS: u128 = {
    let mut bits = 0;
    let mut i = 0;
    while i < FUNCTION_CUES.len() {
        bits |= 1 << FUNCTION_CUES[i] as usize;
        i += 1;
    }
    bits
};

/// Marks "what X said (were)", "what it called", "what they described as".
fn mark_asides(words: &Words<'_>, tokens: &mut [TokenFacts]) {
    for j in 0..words.len() {
        if !clauses::parenthesis_before(words, j) {
            continue;
        }
        let Some(what) = (j.saturating_sub(4)..j).rfind(|&k| words.has(Cue::Parenthetical, k))
        else {
            continue;
        };
        let mut end = j + words
            .cue_len(Cue::ReportingVerb, j)
            .or_else(|| words.cue_len(Cue::NamingVerb, j))
            .unwrap_or(1);
        while end < words.len() && (words.has(Cue::Auxiliary, end) || words.has(Cue::Likening, end))
        {
            end += 1;
        }
        for t in &mut tokens[what..end] {
            t.aside = true;
        }
    }
}

/// Builds the units of a sentence from its resolved mentions.
fn units(
    words: &Words<'_>,
    sentence: &AnalyzedSentence,
    doc: &ResolvedDocument,
    index: usize,
) -> Vec<Unit> {
    let mentions: &[Resolved] = &doc.mentions[index];
    let n = words.len();
    let offices = &sentence.offices;
    // A mention that only qualifies another: the state named with an official's title
    // ("Iranian" in "Iranian Foreign Minister X") or the possessor of a name ("Yemen's Houthis").
    let mut qualifier = vec![false; mentions.len()];
    for m in mentions {
        let Some(office) = m.office.and_then(|o| offices.get(o)) else {
            continue;
        };
        if office.first > m.last {
            continue;
        }
        for (j, q) in mentions.iter().enumerate() {
            let gap = q.last + 1..office.first;
            if q.last < office.first
                && gap.len() <= 4
                && gap.clone().all(|t| {
                    words.has(Cue::TitleModifier, t)
                        || words.is(Cue::PossessiveEnding, t)
                        || words.folded(t) == "'"
                })
            {
                qualifier[j] = true;
            }
        }
    }
    // "Pakistan's Foreign Minister Jilani": the possessor qualifies the name after it; not an
    // operation's ("Israel's Operation Rising Lion"), who conducted it, nor a state's or a
    // place of another state ("Turkey's Syria operation", "Turkey's Idlib offensive"), where
    // it acts.
    let elsewhere = |m: &Resolved, owner: usize| {
        m.entity_type == EntityType::State
            || m.entity_type == EntityType::Place
                && doc.affiliate(m.entity).is_some_and(|s| s != owner)
    };
    for (j, q) in mentions.iter().enumerate() {
        if q.possessive
            && mentions.iter().any(|m| {
                m.first == q.last + 3
                    && m.entity_type != EntityType::Operation
                    && !elsewhere(m, q.entity)
            })
        {
            qualifier[j] = true;
        }
    }
    // "the Palestinian group Hamas", "the Lebanese militant group Hezbollah": the state named
    // before a group's description qualifies the group's name.
    for (j, q) in mentions.iter().enumerate() {
        if q.entity_type != EntityType::State || !(q.possessive || q.form == MentionForm::Demonym) {
            continue;
        }
        let start = if q.possessive { q.last + 3 } else { q.last + 1 };
        let Some(group) = mentions.iter().find(|m| {
            m.entity_type == EntityType::Group && m.first > start && m.first <= start + 3
        }) else {
            continue;
        };
        let described = (start..group.first).any(|t| {
            [Cue::GroupNoun, Cue::GroupKind]
                .iter()
                .any(|&cue| words.cue_len(cue, t) == Some(group.first - t))
        });
        let plain = (start..group.first).all(|t| {
            words.word(t).starts_with(char::is_lowercase) && !words.has(Cue::Preposition, t)
        });
        // "Sudan's paramilitary Rapid Support Forces": a state's possessive, past the group's
        // adjectives, is whose group it is.
        let adjectives = q.possessive
            && (start..group.first).all(|t| !words.schema().is_frame_noun(words.folded(t)));
        if (described || adjectives) && plain {
            qualifier[j] = true;
        }
    }
    let mut spans: Vec<Unit> = Vec::new();
    let mut k = 0;
    while k < mentions.len() {
        let m = &mentions[k];
        // Mentions of one span are one unit ("the two countries": both states).
        let end = (k..mentions.len())
            .find(|&j| mentions[j].first != m.first || mentions[j].last != m.last)
            .unwrap_or(mentions.len());
        let mut entities: Vec<usize> = mentions[k..end].iter().map(|x| x.entity).collect();
        let skip = qualifier[k];
        k = end;
        if skip {
            continue;
        }
        let mut first = m.first;
        let mut last = m.last;
        // An official's title, and the state it names, come with the name.
        if let Some(office) = m.office.and_then(|o| offices.get(o)) {
            if office.last < m.first {
                first = first.min(office.first);
                if let Some(q) = mentions
                    .iter()
                    .enumerate()
                    .filter(|(j, q)| qualifier[*j] && q.last < office.first)
                    .map(|(_, q)| q)
                    .rfind(|q| q.last + 5 > office.first)
                {
                    first = first.min(q.first);
                }
            }
        }
        let after = if m.possessive { m.last + 3 } else { m.last + 1 };
        // "Iranian-backed militias": a backer, neither acting nor acted on.
        if words.word(after) == "-" && words.has(Cue::Backing, after + 1) {
            continue;
        }
        let mut role = Role::Actor;
        // "the Saudi-led coalition", "US-led forces": the leader acts through the forces.
        let led = words.word(after) == "-" && words.has(Cue::Leading, after + 1);
        // Not the first words of a longer trigger: "a Syrian drone attack" is an attack, not
        // drones.
        let forces = |k: usize| {
            words
                .cue_len(Cue::ForceNoun, k)
                .filter(|&len| !clauses::opens_longer_trigger(words, k, len))
                .map(|len| k + len - 1)
        };
        // "Pakistani security forces", "Iran's foreign ministry", "the Syrian army": the state
        // acts through an organ; "Afghan territory", "Pakistani soldiers": the state is hit.
        let organ = |k: usize| words.cue_len(Cue::OrganNoun, k).map(|len| k + len - 1);
        // "Cambodia's defense ministry", "the Iranian naval forces": after a possessive or a
        // demonym, one word may qualify the organ.
        let qualified = |k: usize| {
            let word = words.word(k);
            let qualifier = (m.possessive || m.form == MentionForm::Demonym)
                && word.starts_with(char::is_lowercase)
                && !words.schema().is_frame_noun(words.folded(k))
                && ![
                    Cue::Preposition,
                    Cue::Coordinator,
                    Cue::Determiner,
                    Cue::Auxiliary,
                ]
                .iter()
                .any(|&c| words.has(c, k));
            if qualifier {
                forces(k + 1).or_else(|| organ(k + 1))
            } else {
                None
            }
        };
        // "Israeli F-16 jets", "Turkish Bayraktar TB2 drones", "Israeli F-35s": the model of
        // the arms (capitalised words, numbers and hyphens), before their noun (lexicon list
        // `weapon`) or plural itself, is part of the forces' phrase.
        let modelled = |k: usize| {
            let model_end = (k..(k + 4).min(n))
                .take_while(|&t| {
                    let word = words.word(t);
                    (word == "-" && t > k
                        || word.starts_with(char::is_uppercase)
                        || word.starts_with(|c: char| c.is_ascii_digit()))
                        && !mentions.iter().any(|x| x.first <= t && t <= x.last)
                })
                .last()?;
            // "F-35s": a plural ending right after the model's number.
            let plural_model = |t: usize| {
                let word = words.folded(t);
                words
                    .schema()
                    .cue(Cue::PluralEnding)
                    .first_words()
                    .any(|ending| {
                        word.strip_suffix(ending)
                            .is_some_and(|stem| stem.ends_with(|c: char| c.is_ascii_digit()))
                    })
            };
            (k..=model_end)
                .find_map(|t| words.cue_len(Cue::Weapon, t + 1).map(|len| t + len))
                .or_else(|| (k..=model_end).find(|&t| plural_model(t)))
        };
        let forces_head = if led {
            forces(after + 2)
        } else {
            forces(after).or_else(|| modelled(after))
        };
        let head = forces_head
            .or_else(|| organ(after))
            .or_else(|| {
                words
                    .cue_len(Cue::LocationNoun, after)
                    .map(|len| after + len - 1)
            })
            .or_else(|| qualified(after));
        // "Pakistan's foreign minister said": the state speaks through an unnamed office.
        let unnamed_office = offices
            .iter()
            .enumerate()
            .find(|(i, o)| o.first == after && !mentions.iter().any(|x| x.office == Some(*i)));
        if let Some(end) = head {
            last = end;
            // "the Assad regime", "Putin's army": a leader's forces are their state's.
            if forces_head.is_some() && m.entity_type == EntityType::Official {
                for e in &mut entities {
                    if let Some(state) = doc
                        .affiliate(*e)
                        .filter(|&a| doc.entities[a].entity_type == EntityType::State)
                    {
                        *e = state;
                    }
                }
            }
        } else if let Some((_, o)) = unnamed_office {
            last = o.last;
        } else if m.possessive
            || m.form == MentionForm::Demonym
            || words.word(after) == "-"
            || (first > 0
                && words.has(Cue::Determiner, first - 1)
                && words.schema().is_frame_noun(words.folded(after)))
        {
            role = Role::Modifier;
            if m.possessive {
                last = m.last + 2;
            }
        }
        if m.possessive && role == Role::Actor && head.is_none() && unnamed_office.is_none() {
            last = m.last;
        }
        if first > 0 && role == Role::Actor && words.has(Cue::Determiner, first - 1) {
            first -= 1;
        }
        spans.push(Unit {
            first,
            last: last.min(n.saturating_sub(1)),
            entities,
            role,
            group: 0,
            possessive: m.possessive,
            pronoun: false,
        });
    }
    spans.sort_by_key(|u| (u.first, std::cmp::Reverse(u.last)));
    let mut out: Vec<Unit> = Vec::new();
    for mut unit in spans {
        if out.last().is_some_and(|p| unit.first <= p.last) {
            continue;
        }
        // "the Balochistan Liberation Army (BLA)": the acronym in brackets is the same unit.
        if let Some(p) = out.last_mut() {
            let bracketed = unit.first == p.last + 2
                && words.word(p.last + 1) == "("
                && words.word(unit.last + 1) == ")"
                && unit.entities == p.entities;
            if bracketed {
                p.last = unit.last + 1;
                continue;
            }
        }
        unit.group = out.len();
        out.push(unit);
    }
    coordinate(words, &mut out);
    out
}

/// Joins units separated only by commas, conjunctions and determiners ("China, Turkiye, Russia
/// and the United Nations", "Qatari and Turkish") into groups, and what a comma and a word of
/// inclusion pick out of a group ("Indian and Pakistani officials, including Prime Minister X").
fn coordinate(words: &Words<'_>, units: &mut [Unit]) {
    for u in 1..units.len() {
        let after_demonym = units[u - 1].role == Role::Modifier
            && units[u].role == Role::Actor
            && words.has(Cue::Coordinator, units[u].first - 1)
            && units[u].first == units[u - 1].last + 2;
        // Whether the unit is a state's organ or forces ("Pakistani officials").
        let organ = [Cue::OrganNoun, Cue::ForceNoun].iter().any(|&cue| {
            words
                .cue_len(cue, units[u].first + 1)
                .is_some_and(|len| units[u].first + len == units[u].last)
        });
        if after_demonym && !organ {
            // "the Russian and US presidents": a name after a coordinated demonym qualifies too.
            if words
                .word(units[u].last + 1)
                .starts_with(char::is_lowercase)
                && !words.has(Cue::Auxiliary, units[u].last + 1)
            {
                units[u].role = Role::Modifier;
            }
        } else if after_demonym && !units[u - 1].possessive {
            // "Indian and Pakistani officials": demonyms before "and" share the head noun of the
            // unit after it, and act with it.
            let group = units[u - 1].group;
            for unit in &mut units[group..u] {
                unit.role = Role::Actor;
            }
        }
        // "the US and British strikes": a bare name before "and" and a demonym that qualifies
        // a frame's noun qualifies it too.
        let before_qualifier = units[u - 1].role == Role::Actor
            && !units[u - 1].possessive
            && units[u].role == Role::Modifier
            && !units[u].possessive
            && units[u].first == units[u - 1].last + 2
            && words.has(Cue::Coordinator, units[u].first - 1)
            && words
                .schema()
                .is_frame_noun(words.folded(units[u].last + 1))
            && (units[u - 1].first..=units[u - 1].last)
                .all(|t| words.capitalised(t) || words.has(Cue::Determiner, t));
        if before_qualifier {
            units[u - 1].role = Role::Modifier;
        }
        let (p, q) = (&units[u - 1], &units[u]);
        if p.role != q.role || q.first <= p.last + 1 || q.first > p.last + 4 {
            continue;
        }
        let between = p.last + 1..q.first;
        let joiner = |t: usize| words.has(Cue::Coordinator, t) || words.folded(t) == ",";
        let included = |t: usize| t > p.last + 1 && words.has(Cue::Inclusion, t);
        // "calls with A and B, X said": a list ends with the name after its "and"; a comma
        // after it opens something else, unless a word of inclusion follows.
        let closed = u >= 2
            && units[u - 2].group == p.group
            && (units[u - 2].last + 1..p.first).any(|t| words.has(Cue::Coordinator, t));
        // "... in northern Syria, Turkish President X announced": a name after a comma that a
        // verb of reporting follows is the reporter, not the list's next name.
        let mut after = q.last + 1;
        while words.has(Cue::Adverb, after) || words.has(Cue::Auxiliary, after) {
            after += 1;
        }
        let reporter = words.has(Cue::ReportingVerb, after);
        // "According to the Russian Foreign Ministry, Minister X said": the comma closes the
        // source.
        let sourced = {
            let mut s = units[p.group].first;
            while s > 0 && words.has(Cue::Determiner, s - 1) {
                s -= 1;
            }
            (s.saturating_sub(3)..s).any(|a| {
                words
                    .cue_len(Cue::Attribution, a)
                    .is_some_and(|l| a + l == s)
            })
        };
        let coordinated = between.clone().any(|t| words.has(Cue::Coordinator, t))
            || (words.folded(p.last + 1) == ","
                && !words.has(Cue::RelativePronoun, q.first)
                && !reporter
                && !sourced
                && (!closed || between.clone().any(included)));
        // "A and acting Prime Minister B": a title's modifier opens the next name.
        if coordinated
            && between.clone().all(|t| {
                joiner(t)
                    || words.has(Cue::Determiner, t)
                    || words.has(Cue::TitleModifier, t)
                    // "the Syrian regime and its backer Russia": a word after a possessive
                    // pronoun names who the next one is to the one before.
                    || t > 0
                        && words.has(Cue::PossessivePronoun, t - 1)
                        && words.word(t).starts_with(char::is_lowercase)
                    || is_part_of(words, t)
                    || included(t)
            })
        {
            units[u].group = units[u - 1].group;
        }
    }
}

/// "as well as", "along with": the later words of a multi-word coordinator.
fn is_part_of(words: &Words<'_>, t: usize) -> bool {
    (t.saturating_sub(2)..t).any(|s| {
        words
            .cue_len(Cue::Coordinator, s)
            .is_some_and(|l| s + l > t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::tests::shipped_schema;

    fn view(text: &str) -> (ResolvedDocument, usize) {
        (crate::resolve::tests::resolved(text), 0)
    }

    fn labels(doc: &ResolvedDocument, v: &View<'_>) -> Vec<(String, Role, usize)> {
        v.units
            .iter()
            .map(|u| {
                let names: Vec<&str> = u
                    .entities
                    .iter()
                    .map(|&e| doc.entities[e].label.as_str())
                    .collect();
                (names.join("+"), u.role, u.group)
            })
            .collect()
    }

    #[test]
    fn titles_organs_and_modifiers_make_units() {
        let (doc, i) = view("Iranian Foreign Minister Karim Rahmani and Peru's foreign ministry condemned the Chilean strikes on Bolivian territory.");
        let v = View::new(&doc, shipped_schema(), i);
        assert_eq!(
            labels(&doc, &v),
            [
                ("Karim Rahmani".to_string(), Role::Actor, 0),
                ("Peru".to_string(), Role::Actor, 0),
                ("Chile".to_string(), Role::Modifier, 2),
                ("Bolivia".to_string(), Role::Actor, 3),
            ]
        );
    }

    /// Demonyms joined by "and" before a head noun both act with it (dev a18 europesays, a15
    /// indiatoday).
    #[test]
    fn coordinated_demonyms_share_their_head() {
        for text in [
            "In the lead-up to the ceasefire, Secretary of State Marco Rubio held calls with Indian and Pakistani officials.",
            "I echo @POTUS's comments earlier today that this hopefully ends quickly and will continue to engage both Indian and Pakistani leadership towards a peaceful resolution.",
        ] {
            let (doc, i) = view(text);
            let v = View::new(&doc, shipped_schema(), i);
            let units = labels(&doc, &v);
            let india = units.iter().find(|u| u.0 == "India").unwrap();
            let pakistan = units.iter().find(|u| u.0 == "Pakistan").unwrap();
            assert_eq!((india.1, pakistan.1), (Role::Actor, Role::Actor), "{text}");
            assert_eq!(india.2, pakistan.2, "{text}");
        }
    }

    /// A comma and a word of inclusion join what they pick out to the group before them (dev
    /// a18 europesays, a09 indianwitness).
    #[test]
    fn what_a_group_includes_joins_it() {
        for (text, group, included) in [
            ("In the lead-up to the ceasefire, Secretary of State Marco Rubio held calls with Indian and Pakistani officials, including Pakistani Prime Minister Muhammad Shehbaz Sharif, who he spoke with on May 8.", "India", "Muhammad Shehbaz Sharif"),
            ("The agreement, supported by Turkey and Jordan, follows intense Israeli airstrikes on Damascus, including the Syrian army headquarters, amid clashes in Syria’s Sweida province.", "Damascus", "Syria"),
        ] {
            let (doc, i) = view(text);
            let v = View::new(&doc, shipped_schema(), i);
            let units = labels(&doc, &v);
            let of = |label: &str| units.iter().find(|u| u.0 == label).unwrap().2;
            assert_eq!(of(group), of(included), "{text}: {units:?}");
        }
    }

    /// A name glued to "-backed" (lexicon list `backing`) names a backer: no unit ("the
    /// Iranian-backed Houthis" of dev b06, "US forces struck Iranian-backed militias" would
    /// strike Iran); one glued to "-led" still leads ("US-led peace efforts", a14).
    #[test]
    fn a_backer_is_no_unit() {
        let (doc, i) = view("US forces struck Iranian-backed militias in Iraq.");
        let v = View::new(&doc, shipped_schema(), i);
        let names: Vec<String> = labels(&doc, &v).into_iter().map(|u| u.0).collect();
        assert_eq!(names, ["United States", "Iraq"]);
        let (doc, i) = view("The strike coincided with stalled US-led peace efforts.");
        let v = View::new(&doc, shipped_schema(), i);
        let names: Vec<String> = labels(&doc, &v).into_iter().map(|u| u.0).collect();
        assert_eq!(names, ["United States"]);
    }
}
