//! Stage 6: clauses and resolved mentions → relations between entities, each with the sentence
//! that supports it. One engine fills the argument frames of `schema/frames.tsv` for every
//! relation alike: it finds the frames' triggers, reads their agents and targets from the slots
//! the frames name, checks the stance of the clause, and keeps what fits the relation's domain
//! and range (`schema/relations.tsv`).

mod slots;
mod view;

use std::borrow::Cow;

use crate::clauses::Stance;
use crate::cue::Cue;
use crate::dates::{resolve_date, DateValue};
use crate::edge::{Evidence, Modality, RelationKind};
use crate::entity::EntityType;
use crate::frames::{Anchor, Frame, Slot, Slots};
use crate::resolve::ResolvedDocument;
use crate::schema::Schema;

use view::{View, Views};

/// A relation between two entities of one document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LocalRelation {
    pub subject: usize,
    pub kind: RelationKind,
    pub object: usize,
    pub evidence: Evidence,
    pub role: Option<String>,
    /// The subject placed the call (a frame with `caller=agent`): the graph's evidence names
    /// it as the caller once entities have their ids. Written to a shard only when true, so
    /// a shard without callers has the lines it had before callers were known.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub subject_is_caller: bool,
}

/// An event of a conflict relation found in the document, for "the attack" and "the strikes".
#[derive(Debug, Clone)]
struct Event {
    sentence: usize,
    /// The trigger's tokens.
    first: usize,
    last: usize,
    agents: Vec<usize>,
    targets: Vec<usize>,
    date: Option<DateValue>,
}

/// One trigger of a frame in a sentence.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    frame: usize,
    first: usize,
    last: usize,
    /// A verb in the passive voice ("was struck by", "the attack carried out by").
    passive: bool,
}

/// What a slot found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fill {
    /// Entities stand there.
    Found(Vec<usize>),
    /// Something that names no entity stands there ("urged the international community"): the
    /// later slots are not tried.
    Blocked,
    /// Nothing stands there: the next slot is tried.
    Empty,
}

/// Extracts every relation of a resolved document.
pub fn extract(doc: &ResolvedDocument, schema: &Schema) -> Vec<LocalRelation> {
    let mut engine = Engine::new(doc, schema);
    // The conflict's events first: later frames refer back to them ("condemned the attack")
    // and they tell who the parties are.
    let (conflict, other): (Vec<usize>, Vec<usize>) =
        (0..schema.frames.len()).partition(|&f| schema.frames[f].relation.flags().conflict);
    engine.run(&conflict);
    engine.parties = match engine.conflict_parties() {
        Some(pair) => pair,
        None => {
            // No two sides set against each other: the article's two most named states,
            // unless a word of mediation makes one of them a third party ("the
            // Egyptian-brokered ceasefire"); the frames say who, read once before.
            let mediating: Vec<usize> = other
                .iter()
                .copied()
                .filter(|&f| schema.frames[f].agent_is_mediator)
                .collect();
            engine.mediators = Some(Vec::new());
            engine.run(&mediating);
            let mediators = engine.mediators.take().unwrap_or_default();
            engine.sides_but(&mediators)
        }
    };
    engine.run(&other);
    let mut out = engine.out;
    out.retain(|r| r.subject != r.object);
    out
}

struct Engine<'d> {
    doc: &'d ResolvedDocument,
    schema: &'d Schema,
    views: Views<'d>,
    sentence_chars: Vec<usize>,
    events: Vec<Event>,
    /// The two parties of the document's conflict.
    parties: Vec<usize>,
    /// While the parties are sought: the states of the agents of the frames that name a
    /// mediator, which the frames collect instead of making edges.
    mediators: Option<Vec<usize>>,
    out: Vec<LocalRelation>,
}

impl<'d> Engine<'d> {
    fn new(doc: &'d ResolvedDocument, schema: &'d Schema) -> Engine<'d> {
        // Code points before each sentence, counted once: evidence offsets are in code points.
        let text = &doc.analyzed.doc.text;
        let mut counted = (0, 0);
        let sentence_chars = doc
            .analyzed
            .sentences
            .iter()
            .map(|s| {
                counted = (
                    s.sentence.start,
                    counted.1 + text[counted.0..s.sentence.start].chars().count(),
                );
                counted.1
            })
            .collect();
        Engine {
            doc,
            schema,
            views: Views::new(doc, schema),
            sentence_chars,
            events: Vec::new(),
            parties: Vec::new(),
            mediators: None,
            out: Vec::new(),
        }
    }

    fn run(&mut self, frames: &[usize]) {
        // The frames an entity's mention triggers, with that entity's type: picked out once,
        // not at each sentence.
        let entity_frames: Vec<(usize, EntityType)> = frames
            .iter()
            .filter_map(|&f| match self.schema.frames[f].anchor {
                Anchor::Entity(t) => Some((f, t)),
                _ => None,
            })
            .collect();
        for si in 0..self.views.len() {
            for occ in self.occurrences(si, frames, &entity_frames) {
                self.fill(si, occ);
            }
        }
    }

    /// The triggers of `frames` in sentence `si`, left to right (`entity_frames`: those of
    /// `frames` an entity triggers, with its type); where forms of several frames start at one
    /// token, the longest wins (whether of `frames` or not), and between a verb and a noun of
    /// the same length the context decides.
    fn occurrences(
        &self,
        si: usize,
        frames: &[usize],
        entity_frames: &[(usize, EntityType)],
    ) -> Vec<Occurrence> {
        let mut out = Vec::new();
        for &(f, t) in entity_frames {
            for m in &self.doc.mentions[si] {
                if m.entity_type == t && m.form != crate::mentions::MentionForm::Anaphor {
                    out.push(Occurrence {
                        frame: f,
                        first: m.first,
                        last: m.last,
                        passive: false,
                    });
                }
            }
        }
        // Most sentences hold no trigger: their view is never built.
        let lexed = &self.doc.analyzed.sentences[si].lexed;
        if lexed.lexemes().iter().any(|l| l.trigger) {
            self.trigger_occurrences(si, frames, &mut out);
        }
        out.sort_by_key(|o| (o.first, o.frame));
        out
    }

    /// The occurrences of the trigger forms of `frames` in sentence `si` (see
    /// [`Engine::occurrences`]).
    fn trigger_occurrences(&self, si: usize, frames: &[usize], out: &mut Vec<Occurrence>) {
        let schema = self.schema;
        let v = &self.views[si];
        let mut i = 0;
        while i < v.len() {
            if !v.words.lexeme(i).trigger || v.unit_covering(i).is_some() {
                i += 1;
                continue;
            }
            // "a call on Tuesday": a form that ends in a preposition does not take a date
            // for its object ("call on" is an appeal).
            let forms = || {
                v.forms_at(i).iter().filter(|m| {
                    let last = i + m.len - 1;
                    !(m.len > 1
                        && v.words.has(Cue::Preposition, last)
                        && self.date_at(v, last + 1).is_some())
                })
            };
            let Some(longest) = forms().map(|m| m.len).max() else {
                i += 1;
                continue;
            };
            // The longest form of any frame wins, also one this run does not read: "hit out
            // at" is a condemnation, not a strike.
            let candidates = || forms().filter(|m| frames.contains(&m.frame));
            if !candidates().any(|m| m.len == longest) {
                i += longest;
                continue;
            }
            let verb = self.verb_reading(v, i);
            let mut best: Vec<usize> = candidates()
                .filter(|m| m.len == longest)
                .map(|m| m.frame)
                .collect();
            let wanted = if verb { Anchor::Verb } else { Anchor::Noun };
            if best.iter().any(|&f| schema.frames[f].anchor == wanted) {
                best.retain(|&f| schema.frames[f].anchor == wanted);
            } else if !verb && self.in_noun_phrase(v, i) {
                // "a military target": a verb form read as a noun, of no noun frame.
                best.retain(|&f| schema.frames[f].anchor != Anchor::Verb);
            }
            for f in best {
                let passive =
                    schema.frames[f].anchor == Anchor::Verb && self.passive(v, i, longest);
                out.push(Occurrence {
                    frame: f,
                    first: i,
                    last: i + longest - 1,
                    passive,
                });
            }
            i += longest;
        }
    }

    /// Whether a word that can be a noun or a verb ("attack", "strikes") reads as a verb: after
    /// a subject (a name, a pronoun), an auxiliary, "to", or a relative pronoun, adverbs aside.
    fn verb_reading(&self, v: &View<'_>, i: usize) -> bool {
        let mut k = i;
        // "it “strongly condemns”": a quotation may open between the subject and its verb.
        while k > 0 && (v.is_adverb(k - 1) || matches!(v.words.word(k - 1), "“" | "\"")) {
            k -= 1;
        }
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        if let Some(u) = v.unit_ending(prev) {
            // "struck Houthi military targets": a verb's object is no subject.
            let unit = &v.units[u];
            return unit.role == view::Role::Actor
                && !unit.possessive
                && !self.object_of_verb(v, u);
        }
        let w = &v.words;
        // "its drones and missiles hit": arms and forces act; "Israeli strikes hit Damascus":
        // so does an event, before a word that names no event itself ("bombing raids").
        w.has(Cue::Pronoun, prev)
            || w.has(Cue::ForceNoun, prev)
            || (v.is_event_noun(prev) && !v.is_event_noun(i))
            || w.has(Cue::Auxiliary, prev)
            || w.has(Cue::Future, prev)
            || w.has(Cue::Possibility, prev)
            || w.has(Cue::RelativePronoun, prev)
            || w.has(Cue::InfinitiveMarker, prev)
    }

    /// Whether the word at `i` stands in a noun phrase: after a determiner or an adjective, and
    /// not in a form only a verb has ("-ed"); a gerund after an adverb is a verb ("in strongly
    /// condemning the attack").
    fn in_noun_phrase(&self, v: &View<'_>, i: usize) -> bool {
        let w = &v.words;
        i > 0
            && (w.has(Cue::Determiner, i - 1) || v.is_plain_word(i - 1))
            && !w.ends_with(Cue::ParticipleEnding, i)
            && !(v.is_adverb(i - 1) && w.ends_with(Cue::GerundEnding, i))
    }

    /// A verb in the passive: after a form of "be" ("were struck"), or a participle with its
    /// agent right after ("talks mediated by Qatar", "the attack carried out by X").
    fn passive(&self, v: &View<'_>, i: usize, len: usize) -> bool {
        let w = &v.words;
        let mut k = i;
        while k > 0 && v.is_adverb(k - 1) {
            k -= 1;
        }
        let participle =
            w.ends_with(Cue::ParticipleEnding, i) || w.has(Cue::IrregularParticiple, i);
        let after_be = k > 0 && w.has(Cue::Auxiliary, k - 1) && !w.ends_with(Cue::GerundEnding, i);
        let next = v.skip_adverbs(i + len);
        let by_next = w.has(Cue::AgentMarker, next) && w.ends_with(Cue::ParticipleEnding, i);
        // "were struck", not "have struck".
        after_be && participle && (k == 0 || !w.has(Cue::PerfectAuxiliary, k - 1))
            || by_next
            || participle && self.harm_in_event(v, next)
    }

    /// Whether a phrase of the circumstance of an attack opens at token `k` ("in a raid on Y",
    /// "during the shelling"): after a participle with no object ("FARC commander killed in
    /// raid on Ecuador", "two soldiers wounded in Israeli strikes"), the participle tells a
    /// harm suffered, as "were killed in" does.
    pub(super) fn harm_in_event(&self, v: &View<'_>, k: usize) -> bool {
        let w = &v.words;
        if !w.has(Cue::Circumstance, k)
            || [
                Cue::Subordinator,
                Cue::Response,
                Cue::Comitative,
                Cue::AgentMarker,
            ]
            .iter()
            .any(|&c| w.has(c, k))
        {
            return false;
        }
        (k + 1..(k + 5).min(v.len()))
            .find(|&j| {
                !(w.has(Cue::Determiner, j)
                    || v.is_plain_word(j) && !v.is_event_noun(j)
                    // "in US strike": a name right before the noun qualifies it.
                    || v.unit_covering(j).is_some_and(|u| {
                        v.units[u].role == view::Role::Modifier
                            || v.is_event_noun(v.units[u].last + 1)
                    })
                    || w.word(j) == "-")
            })
            .is_some_and(|j| v.is_event_noun(j))
    }

    fn fill(&mut self, si: usize, occ: Occurrence) {
        let frame = &self.schema.frames[occ.frame];
        let kind = frame.relation.clone();
        let v = &self.views[si];
        let stance = self.stance(v, occ, frame);
        if !matches!(stance, Stance::Asserted | Stance::Claimed) {
            return;
        }
        if let Some(cue) = frame.unless_next {
            // "a call on Tuesday" is a call; "a call on Israel to ..." is an appeal.
            if v.words.has(cue, occ.last + 1) && self.date_at(v, occ.last + 2).is_none() {
                return;
            }
        }
        if !frame.requires.is_empty() {
            let end = v.clauses().at(occ.first).end.min(occ.last + 16);
            // "termed X 'heartbreaking' and called it unacceptable": a verb joined by "and"
            // has a complement of its own.
            let end = (occ.last + 1..end)
                .find(|&k| v.words.has(Cue::Coordinator, k) && v.verb_form_starts_at(k + 1))
                .unwrap_or(end);
            // "launched what they said were missile and drone attacks on X": a word of the
            // requirement that opens a trigger of the same relation is that noun's, read with
            // its support verb.
            let same_relation = |k: usize| {
                v.forms_at(k)
                    .iter()
                    .any(|m| self.schema.frames[m.frame].relation == kind)
            };
            // Each list in turn, each after the word of the one before.
            let mut from = occ.last + 1;
            for &cue in &frame.requires {
                match (from..end).find(|&k| v.words.has(cue, k) && !same_relation(k)) {
                    Some(k) => from = k + 1,
                    None => return,
                }
            }
        }
        if frame.naming && self.names_rather_than_acts(v, occ) {
            return;
        }
        let (agent_slots, target_slots) = self.slots(frame, occ);
        let def = kind.def();
        let mut agents = self.first_found(si, occ, &agent_slots, &def.domain, false);
        if self.mediators.is_some() {
            let states: Vec<usize> = agents.iter().map(|&a| self.state_of(a)).collect();
            self.mediators.get_or_insert_default().extend(states);
            return;
        }
        let mut targets = self.first_found(si, occ, &target_slots, &def.range, true);
        if def.flags.place_targets {
            targets = self.places_as_states(targets, &agents);
        }
        if matches!(frame.anchor, Anchor::Verb | Anchor::Noun) && def.flags.conflict {
            // A strike with no named agent still tells which event "the attack" refers to.
            self.events.push(Event {
                sentence: si,
                first: occ.first,
                last: occ.last,
                agents: agents.clone(),
                targets: targets.clone(),
                date: self.date_value(v, occ.first),
            });
        }
        // The agents placed the call only when the target slots name who they called: "X and
        // Y spoke by phone" makes the subject's members the parties, none of them the caller.
        let agents_called = frame.agent_is_caller && !targets.is_empty();
        if kind.is_symmetric() && targets.is_empty() && agents.len() >= 2 {
            // "X and Y spoke by phone": the parties are the subject's members.
            targets = agents.split_off(1);
        }
        if let Some(cue) = frame.reciprocal {
            let clause = v.clauses().at(occ.first);
            if targets.is_empty()
                && agents.len() >= 2
                && (clause.start..clause.end).any(|k| v.words.has(cue, k))
            {
                targets = agents.clone();
            }
        }
        if frame.parties_only {
            targets.retain(|t| self.parties.contains(t));
            agents.retain(|&a| !self.parties.contains(&self.state_of(a)));
        }
        if def.flags.third_party {
            let party_states: Vec<usize> = targets.iter().map(|&t| self.state_of(t)).collect();
            let is_party = |a: &usize| party_states.contains(&self.state_of(*a));
            // Names listed together play one part ("the role played by Qatar and Turkey"):
            // when the document's parties stand in for unnamed targets ("urged both sides")
            // and one of the agents is among them, they were guessed wrong.
            let guessed = self.parties.len() == 2
                && targets.len() == 2
                && self.parties.iter().all(|p| targets.contains(p));
            if guessed && agents.iter().any(is_party) {
                return;
            }
            agents.retain(|a| !is_party(a));
        }
        if agents.is_empty() || targets.is_empty() {
            return;
        }
        let date = (!matches!(frame.anchor, Anchor::Entity(_)) || kind.is_core())
            .then(|| self.date(v, occ.first))
            .flatten();
        let modality = if stance == Stance::Claimed {
            Modality::Claimed
        } else {
            Modality::Asserted
        };
        let (first, last, role) = self.evidence_span(si, occ, frame);
        for &a in &agents {
            for &t in &targets {
                if a == t {
                    continue;
                }
                let evidence = self.evidence(si, first, last, date.clone(), modality);
                self.out.push(LocalRelation {
                    subject: a,
                    kind: kind.clone(),
                    object: t,
                    evidence,
                    role: role.clone(),
                    // An agent also among the targets would have placed the call both ways.
                    subject_is_caller: agents_called && !targets.contains(&a),
                });
            }
        }
    }

    /// The frame's agent and target slots; a passive verb takes its agent from the "by"
    /// phrase and its target from the subject.
    fn slots<'f>(&self, frame: &'f Frame, occ: Occurrence) -> (Cow<'f, Slots>, Cow<'f, Slots>) {
        if !occ.passive {
            return (Cow::Borrowed(&frame.agent), Cow::Borrowed(&frame.target));
        }
        let agent = std::iter::once(vec![Slot::By])
            .chain(
                frame
                    .agent
                    .iter()
                    .filter(|a| !a.contains(&Slot::Subject))
                    .cloned(),
            )
            .collect();
        let target = frame
            .target
            .iter()
            .map(|a| {
                a.iter()
                    .map(|s| {
                        if *s == Slot::Object {
                            Slot::Subject
                        } else {
                            s.clone()
                        }
                    })
                    .collect()
            })
            .collect();
        (Cow::Owned(agent), Cow::Owned(target))
    }

    /// Tries the alternatives of `slots` in order and keeps the entities of the first that
    /// names some (the slots of an alternative read together), mapped onto `types` (an
    /// official stands for their state, a place for its state, where the relation wants a
    /// state). A slot taken by a phrase that names no entity keeps the document-wide slots
    /// (parties, event) from standing in for it.
    fn first_found(
        &self,
        si: usize,
        occ: Occurrence,
        slots: &[Vec<Slot>],
        types: &[EntityType],
        target: bool,
    ) -> Vec<usize> {
        let mut blocked = false;
        for alternative in slots {
            if blocked
                && alternative
                    .iter()
                    .all(|s| matches!(s, Slot::Parties | Slot::Event))
            {
                continue;
            }
            let mut found: Vec<usize> = Vec::new();
            for fill in self.fill_slots(si, occ, alternative) {
                match fill {
                    // Most alternatives fill one slot: its entities are taken as they are.
                    Fill::Found(entities) if found.is_empty() => found = entities,
                    Fill::Found(entities) => found.extend(entities),
                    Fill::Blocked => blocked = true,
                    Fill::Empty => {}
                }
            }
            if !found.is_empty() {
                return self.fitted(occ, found, types, target);
            }
        }
        Vec::new()
    }

    /// `found` mapped onto `types`, each once.
    fn fitted(
        &self,
        occ: Occurrence,
        found: Vec<usize>,
        types: &[EntityType],
        target: bool,
    ) -> Vec<usize> {
        let flags = self.schema.frames[occ.frame].relation.flags();
        let mut out = Vec::new();
        for e in found {
            let fitted = if target && flags.party_targets {
                Some(self.state_of(e)).filter(|&s| types.contains(&self.entity_type(s)))
            } else {
                self.fit(e, types)
            };
            if let Some(x) = fitted.filter(|x| !out.contains(x)) {
                out.push(x);
            }
        }
        out
    }

    fn entity_type(&self, e: usize) -> EntityType {
        self.doc.entities[e].entity_type
    }

    /// `e` if its type is wanted, else the state or organisation an official serves.
    fn fit(&self, e: usize, types: &[EntityType]) -> Option<usize> {
        if types.contains(&self.entity_type(e)) {
            return Some(e);
        }
        if self.entity_type(e) == EntityType::Official {
            let s = self.state_of(e);
            return (s != e && types.contains(&self.entity_type(s))).then_some(s);
        }
        None
    }

    /// The state an entity stands for: an official's, a place's, or itself.
    fn state_of(&self, e: usize) -> usize {
        let entity = &self.doc.entities[e];
        if !matches!(
            entity.entity_type,
            EntityType::Official | EntityType::Place | EntityType::Organization
        ) {
            return e;
        }
        self.doc
            .affiliate(e)
            .filter(|&a| self.entity_type(a) == EntityType::State)
            .unwrap_or(e)
    }

    /// A place stands for its state unless the state, or a group, is named too; a place of
    /// no known state stays only when nothing else was struck, and so does a place of the
    /// agent's own state ("the Syrian government's offensive on Sweida").
    fn places_as_states(&self, targets: Vec<usize>, agents: &[usize]) -> Vec<usize> {
        let has_main = targets
            .iter()
            .any(|&e| self.entity_type(e) != EntityType::Place);
        let mut out: Vec<usize> = Vec::new();
        for e in targets {
            // Ships are struck in the Red Sea; the sea is not.
            let water = self.doc.entities[e]
                .label
                .split_whitespace()
                .any(|w| self.schema.cue(Cue::WaterBody).contains(w));
            let mapped = if water {
                None
            } else if self.entity_type(e) == EntityType::Place {
                let s = self.state_of(e);
                if agents.iter().any(|&a| self.state_of(a) == s) {
                    Some(e)
                } else if s != e {
                    Some(s)
                } else if has_main {
                    None
                } else {
                    Some(e)
                }
            } else {
                Some(e)
            };
            if let Some(m) = mapped.filter(|m| !out.contains(m)) {
                out.push(m);
            }
        }
        out
    }

    /// The stance of a trigger: its clause's, made stronger by a negation, a modal or an
    /// intention in the words that lead to it ("did not attack", "would launch an attack",
    /// "vowed to strike"). A frame that admits intentions ("ready to mediate") takes those.
    fn stance(&self, v: &View<'_>, occ: Occurrence, frame: &Frame) -> Stance {
        let clause = v.clauses().stance(occ.first);
        let w = &v.words;
        let mut local = Stance::Asserted;
        let start = v.clauses().at(occ.first).start;
        let mut k = occ.first;
        let mut support_seen = false;
        // Leftwards over the verb group (and, for a noun, its determiners and its support verb).
        while k > start {
            let p = k - 1;
            if w.has(Cue::Negation, p) {
                local = local.max(Stance::Negated);
            } else if w.has(Cue::Future, p) {
                local = local.max(Stance::Intended);
            } else if w.has(Cue::Possibility, p) {
                local = local.max(Stance::Hypothetical);
            } else if w.has(Cue::InfinitiveMarker, p) {
                // "vowed to strike", "ready to mediate": an intention before the infinitive.
                if p > start && w.has(Cue::Intention, p - 1) {
                    local = local.max(Stance::Intended);
                    k = p - 1;
                    continue;
                }
            } else if frame.anchor == Anchor::Noun && w.has(Cue::Intention, p) {
                // "planning attacks", "threatened strikes".
                local = local.max(Stance::Intended);
            } else if frame.anchor == Anchor::Noun
                && w.has(Cue::Genitive, p)
                && p > 0
                && w.has(Cue::Allegation, p - 1)
            {
                // "accusations of attacks", "the threat of strikes": alleged or feared.
                local = local.max(Stance::Hypothetical);
                break;
            } else if frame.anchor == Anchor::Noun
                && v.unit_covering(p).is_some_and(|u| {
                    v.units[u].role == view::Role::Modifier && v.units[u].possessive
                })
            {
                // "is not going to tolerate Turkey's invasion of Syria": an act a possessive
                // names has happened; the words that govern its phrase do not make it so.
                break;
            } else if w.has(Cue::Auxiliary, p)
                || v.is_adverb(p)
                || frame.anchor == Anchor::Noun
                    && v.unit_covering(p)
                        .is_some_and(|u| v.units[u].role == view::Role::Modifier)
            {
                // "would not support an Israeli strike": a name that qualifies the noun is
                // part of its phrase.
            } else if frame.anchor == Anchor::Noun
                && !support_seen
                && (w.has(Cue::Determiner, p)
                    || w.word(p).starts_with(char::is_lowercase) && !w.has(Cue::Preposition, p))
            {
                support_seen = w.has(Cue::SupportVerb, p);
            } else {
                break;
            }
            k = p;
        }
        if frame.anchor == Anchor::Noun && self.claims_responsibility(v, occ) {
            local = local.max(Stance::Claimed);
        }
        match clause.max(local) {
            Stance::Intended if frame.admits_intended => clause.min(Stance::Claimed),
            stance => stance,
        }
    }

    /// "called the attack an act of sabotage", "what it called", "which they have called
    /// escalatory": the verb names something; it reports no call. A passive with its agent
    /// ("Y was called by X") reports one.
    fn names_rather_than_acts(&self, v: &View<'_>, occ: Occurrence) -> bool {
        let w = &v.words;
        let next = v.skip_adverbs(occ.last + 1);
        let by_agent = occ.passive && w.has(Cue::AgentMarker, next);
        if occ.first > 0
            && !by_agent
            && (w.has(Cue::Naming, occ.first - 1) || w.has(Cue::Auxiliary, occ.first - 1))
            && !w.has(Cue::Determiner, occ.first - 1)
        {
            return true;
        }
        let after = match v.unit_starting(next) {
            Some(u) => v.group_span(u).1 + 1,
            None => {
                return next < v.len() && !w.has(Cue::Preposition, next) && w.folded(next) != "."
            }
        };
        // "called the warring sides to the truce", "called X to the negotiating table": "to"
        // before a noun phrase summons; "called X to discuss the war" tells a call's purpose.
        let summons = w.has(Cue::InfinitiveMarker, after)
            && !w.lexeme(after + 1).act
            && (w.has(Cue::Determiner, after + 1) || v.unit_starting(after + 1).is_some());
        summons
            || w.has(Cue::Naming, after) && !w.has(Cue::Preposition, after)
            || (w.word(after).starts_with(char::is_lowercase)
                // "called X, urging restraint", "called X suggesting talks": a participle after
                // a name says why.
                && !w.ends_with(Cue::GerundEnding, after)
                && !w.has(Cue::Preposition, after)
                && !w.has(Cue::Coordinator, after)
                && !w.has(Cue::Subordinator, after)
                && !w.has(Cue::Complementizer, after))
    }

    /// The tokens the evidence points at, and the role an office gives.
    fn evidence_span(
        &self,
        si: usize,
        occ: Occurrence,
        frame: &Frame,
    ) -> (usize, usize, Option<String>) {
        if frame.anchor != Anchor::Entity(EntityType::Official) {
            return (occ.first, occ.last, None);
        }
        let sentence = &self.doc.analyzed.sentences[si];
        let office = self.doc.mentions[si]
            .iter()
            .find(|m| m.first == occ.first && m.last == occ.last)
            .and_then(|m| m.office)
            .and_then(|o| sentence.offices.get(o));
        let relative = |title: &str| self.schema.cue(Cue::RelativeTitle).contains(title);
        match office {
            // "Foreign Minister X and his Iranian counterpart Y": Y holds X's office.
            Some(o) if relative(&o.title) => {
                let partner = self.doc.mentions[si]
                    .iter()
                    .filter(|m| m.last < o.first)
                    .filter_map(|m| m.office.and_then(|k| sentence.offices.get(k)))
                    .rfind(|p| !relative(&p.title));
                (o.first, o.last, partner.map(|p| p.title.clone()))
            }
            Some(o) => (o.first, o.last, Some(o.title.clone())),
            None => (occ.first, occ.last, None),
        }
    }

    fn evidence(
        &self,
        si: usize,
        first: usize,
        last: usize,
        date: Option<String>,
        modality: Modality,
    ) -> Evidence {
        let s = &self.doc.analyzed.sentences[si];
        let doc = &self.doc.analyzed.doc;
        // Offsets are code points of the original text; the repaired text may differ, so an
        // exclusive end is mapped through its last character, not through the byte after it.
        let chars = |byte: usize| {
            self.sentence_chars[si] + doc.text[s.sentence.start..byte].chars().count()
        };
        let start_of = |byte: usize| doc.offsets.to_original(chars(byte));
        let end_of = |byte: usize| doc.offsets.to_original(chars(byte) - 1) + 1;
        let t = &s.sentence.tokens;
        Evidence {
            doc: doc.id.clone(),
            sentence: si,
            start: start_of(s.sentence.start),
            end: end_of(s.sentence.end),
            trigger_start: start_of(t[first].start),
            trigger_end: end_of(t[last].end),
            text: s.sentence.text(&doc.text).to_string(),
            trigger: doc.text[t[first].start..t[last].end].to_string(),
            date,
            modality,
            caller: None,
        }
    }

    /// The date written in the trigger's clause, nearest to it; a reported or relative clause
    /// takes its parent's, an adverbial clause has its own time ("When X attacked, ... Y
    /// struck back on Thursday": Thursday is Y's).
    fn date_value(&self, v: &View<'_>, token: usize) -> Option<DateValue> {
        let s = &self.doc.analyzed.sentences[v.index];
        let tokens = &s.sentence.tokens;
        let token_of = |byte: usize| tokens.partition_point(|t| t.end <= byte);
        let mut clause = Some(v.clauses().index(token));
        while let Some(c) = clause {
            let at = tokens[token.min(tokens.len() - 1)].start;
            let found = s
                .dates
                .iter()
                .filter(|d| v.clauses().index(token_of(d.start)) == c)
                .min_by_key(|d| d.start.abs_diff(at));
            if let Some(d) = found {
                return Some(d.value);
            }
            let here = &v.clauses().clauses[c];
            if here.kind == crate::clauses::ClauseKind::Adverbial {
                return None;
            }
            clause = here.parent;
        }
        None
    }

    fn date(&self, v: &View<'_>, token: usize) -> Option<String> {
        let value = self.date_value(v, token)?;
        resolve_date(value, self.doc.analyzed.doc.published)
            .map(|d| d.format("%Y-%m-%d").to_string())
    }

    /// The two parties of the document's conflict: the pair that strikes each other most
    /// often, else the two sides the text sets against each other; none when neither is
    /// found.
    fn conflict_parties(&self) -> Option<Vec<usize>> {
        let mut pairs: Vec<((usize, usize), usize)> = Vec::new();
        for e in &self.events {
            for &a in &e.agents {
                for &t in &e.targets {
                    if self.entity_type(t) == EntityType::Place || a == t {
                        continue;
                    }
                    let key = (a.min(t), a.max(t));
                    match pairs.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, n)) => *n += 1,
                        None => pairs.push((key, 1)),
                    }
                }
            }
        }
        let dyad = &self.doc.dyad;
        let dyad_pair = (dyad.len() == 2).then(|| (dyad[0].min(dyad[1]), dyad[0].max(dyad[1])));
        if pairs.is_empty() {
            // No strike between two parties: the two sides the text sets against each other
            // ("talks between X and Y", "tensions between the army and the RSF") or that
            // negotiate ("X and Y reached a deal").
            let openers = (1 << Cue::PairMarker as usize) | (1 << Cue::Negotiation as usize);
            for (si, s) in self.doc.analyzed.sentences.iter().enumerate() {
                if s.lexed.lexemes().iter().all(|l| l.starts & openers == 0) {
                    continue;
                }
                let v = &self.views[si];
                for units in self.sides_set_against(v) {
                    let mut sides: Vec<usize> = Vec::new();
                    for &e in units.iter().flat_map(|&u| &v.units[u].entities) {
                        let s = self.state_of(e);
                        if matches!(self.entity_type(s), EntityType::State | EntityType::Group)
                            && !sides.contains(&s)
                        {
                            sides.push(s);
                        }
                    }
                    if let [a, b] = sides[..] {
                        let key = (a.min(b), a.max(b));
                        match pairs.iter_mut().find(|(k, _)| *k == key) {
                            Some((_, n)) => *n += 1,
                            None => pairs.push((key, 1)),
                        }
                    }
                }
            }
        }
        pairs
            .iter()
            .max_by_key(|(k, n)| (*n, Some(*k) == dyad_pair))
            .map(|((a, b), _)| vec![*a, *b])
    }

    /// The two states the article names most (its dyad); when a mediator is among them, the
    /// two states or groups it names most that mediate nothing ("Sudan's army and the RSF"
    /// beside the US and Saudi Arabia that broker their truce).
    fn sides_but(&self, mediators: &[usize]) -> Vec<usize> {
        let dyad = &self.doc.dyad;
        if !dyad.iter().any(|e| mediators.contains(e)) {
            return dyad.clone();
        }
        // Per side: its mentions, and the order of its first.
        let mut counts: Vec<(usize, usize, usize)> = Vec::new();
        let mentions = self
            .doc
            .mentions
            .iter()
            .flatten()
            .filter(|m| m.form != crate::mentions::MentionForm::Anaphor);
        for (order, m) in mentions.enumerate() {
            let side = self.state_of(m.entity);
            if m.entity_type == EntityType::Official
                || !matches!(
                    self.entity_type(side),
                    EntityType::State | EntityType::Group
                )
                || mediators.contains(&side)
            {
                continue;
            }
            match counts.iter_mut().find(|(e, _, _)| *e == side) {
                Some((_, n, _)) => *n += 1,
                None => counts.push((side, 1, order)),
            }
        }
        counts.sort_by_key(|&(_, n, first)| (std::cmp::Reverse(n), first));
        match counts[..] {
            [(a, _, _), (b, _, _), ..] => vec![a, b],
            _ => dyad.clone(),
        }
    }

    /// The units of each pair of sides a sentence sets against each other: after "between" or
    /// "both", and a group whose verb agrees on talks or a deal ("Hamas and Israel have
    /// agreed on a humanitarian pause"); not "the two sides", which stands for the parties
    /// sought.
    fn sides_set_against(&self, v: &View<'_>) -> Vec<Vec<usize>> {
        let w = &v.words;
        let mut out: Vec<Vec<usize>> = (0..v.len())
            .filter(|&k| w.has(Cue::PairMarker, k))
            .map(|k| v.sides_after(k))
            .filter(|units| !units.is_empty())
            .collect();
        for u in 0..v.units.len() {
            if v.units[u].group != u || out.iter().any(|units| units.contains(&u)) {
                continue;
            }
            let (first, last) = v.group_span(u);
            let clause = v.clauses().at(first);
            let opens = (clause.start..first)
                .all(|t| w.has(Cue::Determiner, t) || matches!(w.word(t), "“" | "\"" | "‘"));
            let mut verb = last + 1;
            while verb < clause.end && (v.is_adverb(verb) || w.has(Cue::Auxiliary, verb)) {
                verb += 1;
            }
            let agree = w.has(Cue::AgreementVerb, verb);
            if opens && agree && (verb + 1..clause.end).any(|k| w.has(Cue::Negotiation, k)) {
                out.push(v.group_units(u).collect());
            }
        }
        out.retain(|units| !w.has(Cue::Dyad, v.units[units[0]].first));
        out
    }
}

#[cfg(test)]
mod tests;
