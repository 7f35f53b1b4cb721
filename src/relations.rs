//! Stage 5: resolved sentences → relations between entities, each with the sentence that
//! supports it. Rules read the lexicon's triggers and cue words; see DESIGN.md for the traps.

use std::collections::HashMap;

use crate::cue::Cue;
use crate::dates::{resolve_date, DateValue};
use crate::edge::{Evidence, Modality, RelationKind};
use crate::entity::EntityType;
use crate::mentions::MentionForm;
use crate::phrases::fold;
use crate::resolve::{Resolved, ResolvedDocument};
use crate::schema::{Schema, TriggerPos};

/// A relation between two entities of one document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LocalRelation {
    pub subject: usize,
    pub kind: RelationKind,
    pub object: usize,
    pub evidence: Evidence,
    pub role: Option<String>,
}

/// The built-in relations this stage's rules know by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rel {
    Struck,
    Called,
    Condemned,
    Mediated,
    Conducted,
    OfficialOf,
}

impl Rel {
    const ALL: [Rel; 6] = [
        Rel::Struck,
        Rel::Called,
        Rel::Condemned,
        Rel::Mediated,
        Rel::Conducted,
        Rel::OfficialOf,
    ];

    fn name(self) -> &'static str {
        match self {
            Rel::Struck => "struck",
            Rel::Called => "called",
            Rel::Condemned => "condemned",
            Rel::Mediated => "mediated",
            Rel::Conducted => "conducted",
            Rel::OfficialOf => "official_of",
        }
    }

    fn of(kind: &RelationKind) -> Option<Rel> {
        Rel::ALL.into_iter().find(|r| r.name() == kind.as_str())
    }
}

/// A strike found earlier in the document, for "the attack" and "Thursday's strikes".
#[derive(Debug, Clone)]
struct StrikeEvent {
    agents: Vec<usize>,
    targets: Vec<usize>,
    date: Option<DateValue>,
    /// Whether it was told as a shoot-down ("shot down five jets"): "the strikes" and "the
    /// attack" do not name those.
    shootdown: bool,
}

/// A trigger occurrence in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Trigger {
    kind: Rel,
    pos: TriggerPos,
    first: usize,
    last: usize,
}

/// Extracts every relation of a resolved document.
pub fn extract(doc: &ResolvedDocument, schema: &Schema) -> Vec<LocalRelation> {
    let text = &doc.analyzed.doc.text;
    let words: Vec<Vec<&str>> = doc
        .analyzed
        .sentences
        .iter()
        .map(|s| s.sentence.tokens.iter().map(|t| t.text(text)).collect())
        .collect();
    let triggers: Vec<Vec<Trigger>> = words
        .iter()
        .zip(&doc.mentions)
        .map(|(w, m)| find_triggers(schema, w, m))
        .collect();
    // Code points before each sentence, counted once: evidence offsets are in code points.
    let mut counted = (0, 0);
    let sentence_chars: Vec<usize> = doc
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
    let ctx = |si: usize, parties: &[usize]| Ctx {
        doc,
        schema,
        si,
        sentence_chars: sentence_chars[si],
        words: &words[si],
        mentions: &doc.mentions[si],
        triggers: triggers[si].clone(),
        parties: parties.to_vec(),
    };
    // Strikes first: later rules resolve "the attack" to them and find the conflict's parties.
    let mut out = Vec::new();
    let mut events: Vec<StrikeEvent> = Vec::new();
    let mut known_at = Vec::with_capacity(words.len());
    for si in 0..words.len() {
        ctx(si, &[]).struck(&mut out, &mut events);
        known_at.push(events.len());
    }
    let parties = conflict_parties(doc, &events);
    for si in 0..words.len() {
        let c = ctx(si, &parties);
        c.called(&mut out);
        c.condemned(&mut out, &events[..known_at[si]]);
        c.mediated(&mut out);
        c.conducted(&mut out);
        c.official_of(&mut out);
    }
    out.retain(|r| r.subject != r.object);
    out
}

/// The two parties of the document's conflict: the pair that strikes each other most often,
/// else the two states the article names most.
fn conflict_parties(doc: &ResolvedDocument, events: &[StrikeEvent]) -> Vec<usize> {
    // Each pair's strike count and when it was first seen (the later pair wins a tie), in a
    // map: a document may name thousands of pairs.
    let mut pairs: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    for e in events {
        for &a in &e.agents {
            for &t in &e.targets {
                if doc.entities[t].entity_type == EntityType::Place {
                    continue;
                }
                let seen = pairs.len();
                pairs.entry((a.min(t), a.max(t))).or_insert((0, seen)).0 += 1;
            }
        }
    }
    let dyad_pair =
        (doc.dyad.len() == 2).then(|| (doc.dyad[0].min(doc.dyad[1]), doc.dyad[0].max(doc.dyad[1])));
    let best = pairs
        .iter()
        .max_by_key(|(k, (n, seen))| (*n, Some(**k) == dyad_pair, *seen));
    match best {
        Some(((a, b), _)) => vec![*a, *b],
        None => doc.dyad.clone(),
    }
}

fn dedup_entities(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for e in it {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

fn find_triggers(schema: &Schema, words: &[&str], mentions: &[Resolved]) -> Vec<Trigger> {
    let mut found: Vec<Trigger> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !schema.trigger_starts.contains(words[i]) {
            i += 1;
            continue;
        }
        let candidates: Vec<(usize, Rel, TriggerPos)> = schema
            .triggers
            .iter()
            .filter_map(|(kind, pos, set)| {
                let rel = Rel::of(kind)?;
                set.longest_match(words, i).map(|len| (len, rel, *pos))
            })
            .collect();
        let Some(&longest) = candidates.iter().map(|(len, _, _)| len).max() else {
            i += 1;
            continue;
        };
        let verb_reading = verb_context(schema, words, mentions, i);
        let best = candidates
            .iter()
            .filter(|(len, _, _)| *len == longest)
            .max_by_key(|(_, kind, pos)| {
                (
                    (*pos == TriggerPos::Verb) == verb_reading,
                    std::cmp::Reverse(*kind),
                )
            });
        let negated = (1..=2).any(|b| i >= b && schema.cue(Cue::Negation).contains(words[i - b]));
        if let (Some(&(len, kind, pos)), false) = (best, negated) {
            found.push(Trigger {
                kind,
                pos,
                first: i,
                last: i + len - 1,
            });
        }
        i += longest;
    }
    found
}

/// Whether a word that can be a noun or a verb ("attack", "strikes") is read as a verb: it
/// follows a subject (a name, a pronoun, "the groups"), "to", or an auxiliary, possibly with
/// an adverb between ("The groups regularly attack").
fn verb_context(schema: &Schema, words: &[&str], mentions: &[Resolved], i: usize) -> bool {
    let mut k = i;
    while k > 0 && schema.is_adverb(words[k - 1]) {
        k -= 1;
    }
    let Some(prev) = k.checked_sub(1) else {
        return false;
    };
    if let Some(m) = mentions.iter().find(|m| m.last == prev) {
        return !m.possessive && m.form != MentionForm::Demonym;
    }
    let w = fold(words[prev]);
    schema.cue(Cue::Pronoun).contains(&w)
        || matches!(
            w.as_str(),
            "to" | "will"
                | "would"
                | "could"
                | "can"
                | "may"
                | "might"
                | "shall"
                | "should"
                | "must"
                | "did"
                | "does"
                | "do"
                | "had"
                | "has"
                | "have"
                | "who"
                | "which"
                | "that"
        )
}

struct Ctx<'a> {
    doc: &'a ResolvedDocument,
    schema: &'a Schema,
    si: usize,
    /// Code points of the text before this sentence.
    sentence_chars: usize,
    words: &'a [&'a str],
    mentions: &'a [Resolved],
    triggers: Vec<Trigger>,
    /// The conflict's two parties, for appeals that do not name them ("calling for restraint").
    parties: Vec<usize>,
}

impl Ctx<'_> {
    fn cue(&self, cue: Cue) -> &crate::phrases::PhraseSet {
        self.schema.cue(cue)
    }

    fn word(&self, i: usize) -> String {
        self.words.get(i).map(|w| fold(w)).unwrap_or_default()
    }

    fn is_prep(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| self.cue(Cue::Preposition).contains(w))
    }

    /// Whether a mention is followed by a verb, past a force or organ noun ("Iranian security
    /// forces launched", "Pakistan said"): then it is a subject even after "after" or "as".
    fn followed_by_verb(&self, m: &Resolved) -> bool {
        let mut k = m.last + 1;
        if m.possessive {
            k += 2;
        }
        if let Some(len) = self
            .cue(Cue::ForceNoun)
            .longest_match(self.words, k)
            .or_else(|| self.cue(Cue::OrganNoun).longest_match(self.words, k))
        {
            k += len;
        }
        let w = self.word(k);
        self.cue(Cue::ReportingVerb).contains(&w)
            || self
                .cue(Cue::SupportVerb)
                .longest_match(self.words, k)
                .is_some()
            || matches!(
                w.as_str(),
                "had" | "has" | "have" | "will" | "would" | "was" | "is"
            )
            || self
                .triggers
                .iter()
                .any(|t| t.first == k && t.pos != TriggerPos::Noun && !w.ends_with("ing"))
    }

    /// Whether a mention sits in a prepositional phrase, also as a later member of a list
    /// ("in Syria and Iraq").
    fn in_pp(&self, m: &Resolved) -> bool {
        let mut k = m.first;
        loop {
            let Some(prev) = k.checked_sub(1) else {
                return false;
            };
            if self.is_prep(prev) {
                return true;
            }
            if !matches!(self.word(prev).as_str(), "and" | "," | "or") {
                return false;
            }
            match self.mentions.iter().find(|p| p.last + 1 == prev) {
                Some(p) => k = p.first,
                None => return false,
            }
        }
    }

    fn entity_type(&self, e: usize) -> EntityType {
        self.doc.entities[e].entity_type
    }

    fn label(&self, e: usize) -> &str {
        &self.doc.entities[e].label
    }

    /// Mentions that start at token `i` (several for "the two countries").
    fn at(&self, i: usize) -> Vec<&Resolved> {
        self.mentions.iter().filter(|m| m.first == i).collect()
    }

    /// A mention that only qualifies an office title ("Iranian" in "Iranian Foreign Minister X")
    /// is neither agent nor target: the official is.
    fn qualifies_title(&self, m: &Resolved) -> bool {
        let after = if m.possessive { m.last + 3 } else { m.last + 1 };
        let s = &self.doc.analyzed.sentences[self.si];
        s.offices.iter().any(|o| {
            let mut k = after;
            while k < o.first && self.cue(Cue::TitleModifier).contains(self.words[k]) {
                k += 1;
            }
            k == o.first
        })
    }

    fn evidence(&self, first: usize, last: usize, date: Option<String>) -> Evidence {
        let s = &self.doc.analyzed.sentences[self.si];
        let doc = &self.doc.analyzed.doc;
        // Offsets are counted in code points of the original text; the repaired text may differ, so an
        // exclusive end is mapped through its last character, not through the byte after it.
        let chars =
            |byte: usize| self.sentence_chars + doc.text[s.sentence.start..byte].chars().count();
        let start_of = |byte: usize| doc.offsets.to_original(chars(byte));
        let end_of = |byte: usize| doc.offsets.to_original(chars(byte) - 1) + 1;
        let t = &s.sentence.tokens;
        Evidence {
            doc: doc.id.clone(),
            sentence: self.si,
            start: start_of(s.sentence.start),
            end: end_of(s.sentence.end),
            trigger_start: start_of(t[first].start),
            trigger_end: end_of(t[last].end),
            text: s.sentence.text(&doc.text).to_string(),
            trigger: doc.text[t[first].start..t[last].end].to_string(),
            date,
            modality: Modality::Asserted,
            caller: None,
        }
    }

    /// The date expression nearest to token `i`, as written.
    fn date_value(&self, i: usize) -> Option<DateValue> {
        let s = &self.doc.analyzed.sentences[self.si];
        let at = s.sentence.tokens[i.min(s.sentence.tokens.len() - 1)].start;
        s.dates
            .iter()
            .min_by_key(|d| d.start.abs_diff(at))
            .map(|d| d.value)
    }

    fn date(&self, i: usize) -> Option<String> {
        let value = self.date_value(i)?;
        resolve_date(value, self.doc.analyzed.doc.published)
            .map(|d| d.format("%Y-%m-%d").to_string())
    }

    fn push(
        &self,
        out: &mut Vec<LocalRelation>,
        subject: usize,
        kind: Rel,
        object: usize,
        t: (usize, usize),
        role: Option<String>,
    ) {
        let date = if kind == Rel::OfficialOf {
            None
        } else {
            self.date(t.0)
        };
        let kind = self
            .schema
            .relation(kind.name())
            .expect("the schema defines the built-in relations");
        out.push(LocalRelation {
            subject,
            kind,
            object,
            evidence: self.evidence(t.0, t.1, date),
            role,
        });
    }

    /// Mentions as an agent: the operation's conductor stands for the operation.
    fn agent_entities(&self, m: &Resolved) -> Vec<usize> {
        if m.entity_type == EntityType::Operation {
            return self.conductor_of(m).into_iter().collect();
        }
        vec![m.entity]
    }

    /// The subject of the clause ending before token `end`: the nearest entity to the left that
    /// is not inside a prepositional phrase, skipping relative clauses (", which ...,"); with
    /// `coordinated`, the whole list it ends ("China, Turkiye, Russia and the United Nations").
    fn agents_left(&self, end: usize, types: &[EntityType], coordinated: bool) -> Vec<usize> {
        let found = self.subject_left(end, types, coordinated);
        if found.is_empty() {
            self.quote_speaker(end, types)
        } else {
            found
        }
    }

    /// The speaker of a quotation that holds token `i`, named after it: "“Iran condemns ...,”
    /// stated the Foreign Ministry of Iran" → Iran; "“We urge restraint,” the UN chief said".
    fn quote_speaker(&self, i: usize, types: &[EntityType]) -> Vec<usize> {
        let is_open = |w: &str| matches!(w, "“" | "\"" | "‘");
        let is_close = |w: &str| matches!(w, "”" | "\"" | "’");
        let Some(open) = (0..i).rev().find(|&k| is_open(self.words[k])) else {
            return Vec::new();
        };
        let Some(close) = (i + 1..self.words.len()).find(|&k| is_close(self.words[k]) && k > open)
        else {
            return Vec::new();
        };
        if (open + 1..i).any(|k| is_close(self.words[k]) && self.words[k] != "’") {
            return Vec::new();
        }
        let window = close + 1..self.words.len().min(close + 10);
        if !window
            .clone()
            .any(|k| self.cue(Cue::ReportingVerb).contains(self.words[k]))
        {
            return Vec::new();
        }
        self.mentions
            .iter()
            .filter(|m| {
                window.contains(&m.first)
                    && types.contains(&m.entity_type)
                    && m.form != MentionForm::Anaphor
            })
            .min_by_key(|m| (m.entity_type == EntityType::State, m.first))
            .map(|m| vec![m.entity])
            .unwrap_or_default()
    }

    fn subject_left(&self, end: usize, types: &[EntityType], coordinated: bool) -> Vec<usize> {
        let mut i = end;
        while i > 0 {
            i -= 1;
            // Skip back over a relative clause: ", which ... ,"
            if self.words[i] == "," {
                if let Some(start) = (0..i).rev().find(|&k| self.words[k] == ",") {
                    if matches!(
                        self.word(start + 1).as_str(),
                        "which" | "who" | "whose" | "whom"
                    ) && i < end
                    {
                        i = start + 1;
                        continue;
                    }
                }
            }
            if matches!(self.word(i).as_str(), "which" | "who") && i > 0 && self.words[i - 1] == ","
            {
                // The trigger is inside the relative clause: its antecedent is the agent
                // ("Qatar and Oman, which have mediated ...").
                let antecedent = self
                    .mentions
                    .iter()
                    .find(|m| m.last + 2 == i && types.contains(&m.entity_type));
                let Some(m) = antecedent else {
                    return Vec::new();
                };
                let mut agents = self.agent_entities(m);
                if coordinated {
                    agents.extend(self.coordinated_before(m.first, types).0);
                }
                return agents;
            }
            let here: Vec<&Resolved> = self
                .mentions
                .iter()
                .filter(|m| {
                    m.last == i
                        && (types.contains(&m.entity_type)
                            || m.entity_type == EntityType::Operation)
                })
                .collect();
            let Some(m) = here.first() else { continue };
            let in_pp = self.in_pp(m) && !self.followed_by_verb(m);
            if in_pp || self.qualifies_title(m) || (m.possessive && !self.possessive_actor(m)) {
                i = m.first;
                continue;
            }
            let mut agents: Vec<usize> = here.iter().flat_map(|m| self.agent_entities(m)).collect();
            if coordinated {
                let (more, k) = self.coordinated_before(m.first, types);
                agents.extend(more);
                let absolute = self.word(k.wrapping_sub(1)) == "with"
                    && self.word(end).ends_with("ing")
                    && m.last + 1 == end;
                if self.is_prep(k.wrapping_sub(1)) && !absolute && !self.followed_by_verb(m) {
                    return Vec::new();
                }
            }
            return agents;
        }
        Vec::new()
    }

    /// The entities coordinated before token `first` ("X, Y and" before Z), and where the
    /// first of them starts.
    fn coordinated_before(&self, first: usize, types: &[EntityType]) -> (Vec<usize>, usize) {
        let mut found = Vec::new();
        let mut k = first;
        loop {
            let mut j = k;
            while j > 0
                && matches!(
                    self.word(j - 1).as_str(),
                    "," | "and" | "the" | "&" | "as" | "well"
                )
            {
                j -= 1;
            }
            if j == k {
                break;
            }
            let prev: Vec<&Resolved> = self
                .mentions
                .iter()
                .filter(|p| p.last + 1 == j && types.contains(&p.entity_type))
                .collect();
            let Some(p) = prev.first() else { break };
            if self.qualifies_title(p) {
                break;
            }
            found.extend(prev.iter().map(|p| p.entity));
            k = p.first;
        }
        (found, k)
    }

    /// "Pakistan's military", "Iran's foreign ministry": the possessor acts.
    fn possessive_actor(&self, m: &Resolved) -> bool {
        let after = m.last + 3;
        self.cue(Cue::ForceNoun)
            .longest_match(self.words, after)
            .is_some()
            || self
                .cue(Cue::OrganNoun)
                .longest_match(self.words, after)
                .is_some()
            || self
                .triggers
                .iter()
                .any(|t| t.first >= after && t.first <= after + 3)
            || self.mentions.iter().any(|o| o.first == after)
    }

    /// Entities named between `start` and the end of the clause, of the given types.
    fn targets_right(
        &self,
        start: usize,
        types: &[EntityType],
        stop_at_comma: bool,
        skip: &[usize],
    ) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = start;
        while i < self.words.len() {
            let w = self.word(i);
            if w == ";" || w == "." || w == ":" {
                break;
            }
            if w == "," {
                let next = self.word(i + 1);
                if stop_at_comma
                    || self.cue(Cue::ClauseBreak).contains(&next)
                    || self.cue(Cue::Pronoun).contains(&next)
                    || self.cue(Cue::ReportingVerb).contains(&next)
                {
                    break;
                }
            }
            // "with" brings instruments and company ("with missiles", "in solidarity with X"),
            // never what was struck.
            if matches!(
                w.as_str(),
                "prompting" | "while" | "but" | "which" | "after" | "before" | "because" | "with"
            ) {
                break;
            }
            if i > start
                && self
                    .triggers
                    .iter()
                    .any(|t| t.first == i && t.pos != TriggerPos::Noun)
            {
                break;
            }
            for m in self.at(i) {
                let by_agent = m.first > 0 && self.word(m.first - 1) == "by";
                // "Pakistani territory", "Indian positions" name a target; "Indian jets" do not.
                let bare_demonym = m.form == MentionForm::Demonym && {
                    let k = m.last + 1;
                    self.cue(Cue::LocationNoun)
                        .longest_match(self.words, k)
                        .is_none()
                        && self
                            .cue(Cue::ForceNoun)
                            .longest_match(self.words, k)
                            .is_none()
                        && !(k + 1 < self.words.len()
                            && (self.cue(Cue::LocationNoun).contains(self.words[k + 1])
                                || self
                                    .cue(Cue::ForceNoun)
                                    .longest_match(self.words, k + 1)
                                    .is_some()))
                };
                // Ships are struck in the Red Sea; the sea is not.
                let water = m.entity_type == EntityType::Place
                    && self.doc.entities[m.entity]
                        .label
                        .split_whitespace()
                        .any(|w| self.cue(Cue::WaterBody).contains(w));
                if types.contains(&m.entity_type)
                    && !by_agent
                    && !bare_demonym
                    && !water
                    && !self.qualifies_title(m)
                    && !skip.contains(&m.entity)
                    && !out.contains(&m.entity)
                {
                    out.push(m.entity);
                }
            }
            i += 1;
        }
        out
    }

    /// The agent of a noun trigger: a modifier ("Iranian attack", "Iran's airstrikes"), a "by"
    /// phrase ("attacks by Hamas"), or the subject of a support verb ("Iran carried out an
    /// airstrike").
    fn noun_agents(&self, t: &Trigger, types: &[EntityType]) -> Vec<usize> {
        // modifier, skipping adjectives: "Iran's unbalanced and unacceptable drone attack"
        let mut k = t.first;
        while k > 1
            && self.words[k - 1]
                .chars()
                .all(|c| c.is_lowercase() || c == '-')
            && !self.is_prep(k - 1)
            && !matches!(
                self.word(k - 1).as_str(),
                "the" | "a" | "an" | "of" | "by" | "s"
            )
        {
            k -= 1;
        }
        for m in self
            .mentions
            .iter()
            .filter(|m| m.last + 1 == k || (m.possessive && m.last + 3 == k))
        {
            if types.contains(&m.entity_type)
                && (m.possessive
                    || m.form == MentionForm::Demonym
                    || m.entity_type == EntityType::Group)
            {
                return vec![m.entity];
            }
        }
        // "by X" right after
        for off in 1..=3 {
            if self.word(t.last + off) == "by" {
                let found: Vec<usize> = self
                    .at(t.last + off + 1)
                    .iter()
                    .filter(|m| types.contains(&m.entity_type))
                    .map(|m| m.entity)
                    .collect();
                if !found.is_empty() {
                    return found;
                }
            }
        }
        // "from Islamabad" right after a condemnation
        if t.kind == Rel::Condemned && matches!(self.word(t.last + 1).as_str(), "from" | "by") {
            let found: Vec<usize> = self
                .at(t.last + 2)
                .iter()
                .filter(|m| types.contains(&m.entity_type))
                .map(|m| m.entity)
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        // support verb within a few words before
        for back in 1..=7 {
            let Some(v) = t.first.checked_sub(back) else {
                break;
            };
            if let Some(len) = self.cue(Cue::SupportVerb).longest_match(self.words, v) {
                if v + len <= t.first {
                    return self.agents_left(v, types, false);
                }
            }
            if self.words[v] == "," || self.mentions.iter().any(|m| m.last == v) {
                break;
            }
        }
        Vec::new()
    }

    /// An unattributed "the attack" or "Thursday's strikes": the strike reported before, on
    /// the same day when a day is named, else the latest one.
    fn event_for(
        &self,
        events: &[StrikeEvent],
        t: &Trigger,
        victim: Option<&[usize]>,
    ) -> Vec<usize> {
        let day = (t.first.saturating_sub(3)..t.first).find_map(|k| self.date_at(k));
        let fits = |e: &&StrikeEvent| match day {
            Some(d) => e.date == Some(d),
            None => victim.is_none_or(|v| e.targets.iter().any(|x| v.contains(x))),
        };
        // Of the strikes that fit, one of the same kind (a shoot-down or not), else the latest.
        let shootdown = self.is_shootdown(t);
        let found = events
            .iter()
            .rev()
            .filter(fits)
            .find(|e| e.shootdown == shootdown)
            .or_else(|| events.iter().rev().find(fits));
        found.map(|e| e.agents.clone()).unwrap_or_default()
    }

    fn is_shootdown(&self, t: &Trigger) -> bool {
        self.cue(Cue::Shootdown)
            .longest_match(self.words, t.first)
            .is_some()
    }

    fn date_at(&self, k: usize) -> Option<DateValue> {
        let s = &self.doc.analyzed.sentences[self.si];
        let tok = s.sentence.tokens.get(k)?;
        s.dates
            .iter()
            .find(|d| d.start <= tok.start && tok.end <= d.end)
            .map(|d| d.value)
    }

    /// Maps targets to what counts: a place with a known state stands for that state unless
    /// the state or a group is already a target.
    fn state_level(&self, targets: Vec<usize>) -> Vec<usize> {
        let has_main = targets
            .iter()
            .any(|&e| self.entity_type(e) != EntityType::Place);
        let mut out: Vec<usize> = Vec::new();
        for e in targets {
            let mapped = if self.entity_type(e) == EntityType::Place {
                match &self.doc.entities[e].affiliation {
                    Some((state, EntityType::State, _)) => self
                        .doc
                        .entities
                        .iter()
                        .position(|x| x.entity_type == EntityType::State && x.label == *state)
                        .or(if has_main { None } else { Some(e) }),
                    _ if has_main => None,
                    _ => Some(e),
                }
            } else {
                Some(e)
            };
            if let Some(m) = mapped {
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        out
    }

    fn passive(&self, t: &Trigger) -> bool {
        (1..=2).any(|back| {
            t.first >= back && self.cue(Cue::BeVerb).contains(self.words[t.first - back])
        })
    }

    fn struck(&self, out: &mut Vec<LocalRelation>, events: &mut Vec<StrikeEvent>) {
        const AGENTS: &[EntityType] = &[EntityType::State, EntityType::Group];
        const TARGETS: &[EntityType] = &[EntityType::State, EntityType::Group, EntityType::Place];
        for t in self.triggers.iter().filter(|t| t.kind == Rel::Struck) {
            let noun = t.pos == TriggerPos::Noun;
            let mut agents = if noun {
                self.noun_agents(t, AGENTS)
            } else if self.passive(t) {
                // "hideouts were struck by Pakistan": the agent follows, the target precedes.
                let by =
                    (t.last + 1..self.words.len().min(t.last + 5)).find(|&k| self.word(k) == "by");
                let agents: Vec<usize> = by
                    .map(|k| {
                        self.at(k + 1)
                            .iter()
                            .filter(|m| AGENTS.contains(&m.entity_type))
                            .map(|m| m.entity)
                            .collect()
                    })
                    .unwrap_or_default();
                if !agents.is_empty() {
                    let clause = (0..t.first)
                        .rev()
                        .find(|&k| matches!(self.words[k], "," | ";" | ":"))
                        .map_or(0, |k| k + 1);
                    let named = dedup_entities(
                        self.mentions
                            .iter()
                            .filter(|m| {
                                m.first >= clause
                                    && m.last < t.first
                                    && TARGETS.contains(&m.entity_type)
                            })
                            .map(|m| m.entity),
                    );
                    let targets = self.state_level(named);
                    for &a in &agents {
                        for &o in targets.iter().filter(|o| !agents.contains(o)) {
                            self.push(out, a, Rel::Struck, o, (t.first, t.last), None);
                        }
                    }
                    events.push(StrikeEvent {
                        agents: agents.clone(),
                        targets,
                        date: self.date_value(t.first),
                        shootdown: self.is_shootdown(t),
                    });
                }
                continue;
            } else {
                // "Thursday's strikes hit ...": the subject is itself a strike.
                match self.triggers.iter().find(|n| {
                    n.pos == TriggerPos::Noun && n.kind == Rel::Struck && n.last + 1 == t.first
                }) {
                    Some(n) => {
                        let a = self.noun_agents(n, AGENTS);
                        if a.is_empty() {
                            self.event_for(events, n, None)
                        } else {
                            a
                        }
                    }
                    None => self.agents_left(t.first, AGENTS, true),
                }
            };
            agents.retain(|&a| AGENTS.contains(&self.entity_type(a)));
            if agents.is_empty() {
                continue;
            }
            let mut targets = self.targets_right(t.last + 1, TARGETS, noun, &agents);
            if targets.is_empty() && t.first >= 3 {
                // "in response to rocket attacks by Hamas": the target is the main clause's agent.
                let resp = (1..=4)
                    .filter_map(|back| t.first.checked_sub(back))
                    .any(|k| {
                        self.cue(Cue::Response)
                            .longest_match(self.words, k)
                            .is_some_and(|len| k + len <= t.first)
                    });
                if resp {
                    if let Some(e) = events
                        .last()
                        .filter(|_| out.last().is_some_and(|r| r.evidence.sentence == self.si))
                    {
                        targets = e.agents.clone();
                    }
                }
            }
            let targets = self.state_level(targets);
            let targets: Vec<usize> = targets
                .into_iter()
                .filter(|x| !agents.contains(x))
                .collect();
            if targets.is_empty() {
                continue;
            }
            for &a in &agents {
                for &o in &targets {
                    self.push(out, a, Rel::Struck, o, (t.first, t.last), None);
                }
            }
            events.push(StrikeEvent {
                agents: agents.clone(),
                targets: targets.clone(),
                date: self.date_value(t.first),
                shootdown: self.is_shootdown(t),
            });
        }
    }

    /// The parties of a call: "between A and B" (each side its official if named, else its
    /// state), "between their foreign ministers" (the article's two states).
    fn between(&self, trigger: &Trigger) -> Option<(Vec<usize>, Vec<usize>)> {
        let b = self.words.iter().position(|w| fold(w) == "between")?;
        let and = (b + 1..self.words.len()).find(|&k| {
            self.word(k) == "and" && !self.mentions.iter().any(|m| m.first < k && k < m.last)
        });
        let side = |from: usize, to: usize| -> Vec<usize> {
            let ms: Vec<&Resolved> = self
                .mentions
                .iter()
                .filter(|m| m.first >= from && m.last < to && m.form != MentionForm::Anaphor)
                .collect();
            if let Some(o) = ms.iter().find(|m| m.entity_type == EntityType::Official) {
                return vec![o.entity];
            }
            ms.iter()
                .find(|m| m.entity_type == EntityType::State)
                .or_else(|| ms.iter().find(|m| m.entity_type == EntityType::Group))
                .map(|m| vec![m.entity])
                .unwrap_or_default()
        };
        if let Some(and) = and {
            let end = if trigger.first > and {
                trigger.first
            } else {
                (and + 1..self.words.len())
                    .find(|&k| {
                        matches!(self.word(k).as_str(), "." | ";" | "to" | "which" | "who")
                            && !self.mentions.iter().any(|m| m.first < k && k <= m.last)
                    })
                    .unwrap_or(self.words.len())
            };
            let (l, r) = (side(b + 1, and), side(and + 1, end));
            if !l.is_empty() && !r.is_empty() {
                return Some((l, r));
            }
        }
        // "between their foreign ministers", "between the two countries"
        if matches!(self.word(b + 1).as_str(), "their" | "the") && self.doc.dyad.len() == 2 {
            let title = self.doc.analyzed.sentences[self.si]
                .offices
                .iter()
                .find(|o| o.first > b && o.first <= b + 3)
                .map(|o| o.title.clone());
            let pick = |state: usize| -> usize {
                title
                    .as_ref()
                    .and_then(|t| self.official_with(state, t))
                    .unwrap_or(state)
            };
            return Some((vec![pick(self.doc.dyad[0])], vec![pick(self.doc.dyad[1])]));
        }
        None
    }

    /// The document's official of `state` holding `title`, if the text names one.
    fn official_with(&self, state: usize, title: &str) -> Option<usize> {
        let label = self.label(state);
        let doc = self.doc;
        let mut found = None;
        for (s, ms) in doc.analyzed.sentences.iter().zip(&doc.mentions) {
            for m in ms.iter().filter(|m| m.entity_type == EntityType::Official) {
                let e = &doc.entities[m.entity];
                let same_state = e.affiliation.as_ref().is_some_and(|(l, _, _)| l == label);
                let same_title = m
                    .office
                    .and_then(|o| s.offices.get(o))
                    .is_some_and(|o| o.title == title);
                if same_state && same_title && found.is_none() {
                    found = Some(m.entity);
                }
            }
        }
        found
    }

    fn called(&self, out: &mut Vec<LocalRelation>) {
        const PARTIES: &[EntityType] = &[EntityType::State, EntityType::Official];
        for t in self.triggers.iter().filter(|t| t.kind == Rel::Called) {
            let pairs: Vec<(usize, usize)> = if t.pos == TriggerPos::Noun {
                if let Some((l, r)) = self.between(t) {
                    l.iter()
                        .flat_map(|&a| r.iter().map(move |&b| (a, b)))
                        .collect()
                } else if self.word(t.last + 1) == "with" {
                    let agents = self.agents_left(t.first, PARTIES, false);
                    let others = self.object_after(t.last + 2, PARTIES);
                    agents
                        .iter()
                        .flat_map(|&a| others.iter().map(move |&b| (a, b)))
                        .collect()
                } else if t.first >= 2
                    && matches!(self.word(t.first - 1).as_str(), "a" | "an")
                    && matches!(self.word(t.first - 2).as_str(), "in" | "during")
                {
                    // "X told Y in a phone call": the two people named before it.
                    let named = dedup_entities(
                        self.mentions
                            .iter()
                            .filter(|m| m.last < t.first && PARTIES.contains(&m.entity_type))
                            .filter(|m| !self.qualifies_title(m))
                            .map(|m| m.entity),
                    );
                    match named.as_slice() {
                        &[a, b] => vec![(a, b)],
                        _ => Vec::new(),
                    }
                } else {
                    Vec::new()
                }
            } else {
                let next = self.word(t.last + 1);
                let naming = self.cue(Cue::Naming).contains(&next)
                    || matches!(
                        self.words.get(t.last + 1),
                        Some(&"\"") | Some(&"“") | Some(&"'") | Some(&"‘")
                    )
                    || (t.first > 0
                        && matches!(
                            self.word(t.first - 1).as_str(),
                            "what" | "so" | "be" | "is" | "was" | "been"
                        ))
                    || (1..=2).any(|b| t.first >= b && self.word(t.first - b) == "what");
                if naming && fold(self.words[t.first]) == "called" {
                    continue;
                }
                let agents = self.agents_left(t.first, PARTIES, false);
                let mut k = t.last + 1;
                if matches!(self.word(k).as_str(), "with" | "to") {
                    k += 1;
                }
                let objects = self.object_after(k, PARTIES);
                // "called Iran a brotherly country": naming, not a call.
                let object_end = self
                    .mentions
                    .iter()
                    .filter(|m| objects.contains(&m.entity) && m.first >= k)
                    .map(|m| m.last)
                    .min();
                let possessive_object = self
                    .mentions
                    .iter()
                    .any(|m| objects.contains(&m.entity) && m.first >= k && m.possessive);
                if possessive_object
                    || object_end
                        .is_some_and(|e| matches!(self.word(e + 1).as_str(), "a" | "an" | "as"))
                {
                    continue;
                }
                agents
                    .iter()
                    .flat_map(|&a| objects.iter().map(move |&b| (a, b)))
                    .collect()
            };
            for (a, b) in pairs {
                if PARTIES.contains(&self.entity_type(a)) && PARTIES.contains(&self.entity_type(b))
                {
                    self.push(out, a, Rel::Called, b, (t.first, t.last), None);
                }
            }
        }
    }

    /// The entity that follows token `k` as an object, past titles and "his": "called Foreign
    /// Minister Bakari", "telephoned his Pakistani counterpart" (→ that counterpart if the
    /// text names one, else the state).
    fn object_after(&self, k: usize, types: &[EntityType]) -> Vec<usize> {
        let s = &self.doc.analyzed.sentences[self.si];
        let mut i = k;
        if matches!(self.word(i).as_str(), "his" | "her" | "their" | "the") {
            i += 1;
        }
        for _ in 0..8 {
            if let Some(o) = s
                .offices
                .iter()
                .find(|o| o.first == i || (o.first > i && o.first <= i + 1))
            {
                let holder = self
                    .mentions
                    .iter()
                    .find(|m| m.office.is_some_and(|x| std::ptr::eq(&s.offices[x], o)));
                if let Some(h) = holder {
                    return vec![h.entity];
                }
                if o.title == "Counterpart" {
                    if let Some((label, EntityType::State)) = &o.qualifier {
                        let state =
                            self.doc.entities.iter().position(|e| {
                                e.entity_type == EntityType::State && e.label == *label
                            });
                        let agent_title = self
                            .mentions
                            .iter()
                            .rfind(|m| m.last < k && m.entity_type == EntityType::Official)
                            .and_then(|m| m.office)
                            .and_then(|x| s.offices.get(x))
                            .map(|o| o.title.clone());
                        if let Some(state) = state {
                            let official = agent_title.and_then(|t| self.official_with(state, &t));
                            return vec![official.unwrap_or(state)];
                        }
                    }
                }
                i = o.last + 1;
                continue;
            }
            let here: Vec<usize> = self
                .at(i)
                .iter()
                .filter(|m| types.contains(&m.entity_type) && !self.qualifies_title(m))
                .map(|m| m.entity)
                .collect();
            if !here.is_empty() {
                return here;
            }
            if self.mentions.iter().any(|m| m.first == i) {
                i = self
                    .mentions
                    .iter()
                    .filter(|m| m.first == i)
                    .map(|m| m.last)
                    .max()
                    .unwrap_or(i)
                    + 1;
                continue;
            }
            if self
                .cue(Cue::Honorific)
                .contains(self.words.get(i).unwrap_or(&""))
            {
                i += 1;
                continue;
            }
            break;
        }
        Vec::new()
    }

    fn condemned(&self, out: &mut Vec<LocalRelation>, events: &[StrikeEvent]) {
        const SUBJECTS: &[EntityType] = &[
            EntityType::State,
            EntityType::Official,
            EntityType::Organization,
            EntityType::Group,
        ];
        const OBJECTS: &[EntityType] =
            &[EntityType::State, EntityType::Official, EntityType::Group];
        for t in self.triggers.iter().filter(|t| t.kind == Rel::Condemned) {
            let agents = if t.pos == TriggerPos::Noun {
                self.noun_agents(t, SUBJECTS)
            } else {
                self.agents_left(t.first, SUBJECTS, true)
            };
            if agents.is_empty() {
                continue;
            }
            let mut start = t.last + 1;
            if t.pos == TriggerPos::Noun {
                if self.word(start) != "of" && !self.cue(Cue::EventNoun).contains(&self.word(start))
                {
                    // "condemnation from Islamabad": the condemned act is the sentence's strike.
                    start = self.words.len();
                } else {
                    start += 1;
                }
            }
            let mut objects = self.first_object(start, OBJECTS, &agents);
            if objects.is_empty() {
                let event = (start..self.words.len().min(start + 10))
                    .find(|&k| self.cue(Cue::EventNoun).contains(self.words[k]));
                let here = self.triggers.iter().find(|x| {
                    x.kind == Rel::Struck
                        && x.pos == TriggerPos::Noun
                        && x.first >= start
                        && x.first < start + 10
                });
                if event.is_some() || here.is_some() || t.pos == TriggerPos::Noun {
                    let state_agents: Vec<usize> =
                        agents.iter().map(|&a| self.state_of(a)).collect();
                    objects = self.event_for(events, here.unwrap_or(t), Some(&state_agents));
                    if objects.is_empty() {
                        objects = self.event_for(events, here.unwrap_or(t), None);
                    }
                }
            }
            for &a in &agents {
                for &o in &objects {
                    if self.state_of(a) != self.state_of(o) {
                        self.push(out, a, Rel::Condemned, o, (t.first, t.last), None);
                    }
                }
            }
        }
    }

    /// The state an entity stands for: itself, or an official's state.
    fn state_of(&self, e: usize) -> usize {
        match &self.doc.entities[e].affiliation {
            Some((label, EntityType::State, _)) if self.entity_type(e) == EntityType::Official => {
                self.doc
                    .entities
                    .iter()
                    .position(|x| x.entity_type == EntityType::State && x.label == *label)
                    .unwrap_or(e)
            }
            _ => e,
        }
    }

    /// The first entity after `start`, up to the next clause boundary, that can be condemned
    /// ("condemns Pakistan's ... attack" → Pakistan).
    fn first_object(&self, start: usize, types: &[EntityType], skip: &[usize]) -> Vec<usize> {
        let mut i = start;
        while i < self.words.len() {
            let w = self.word(i);
            if matches!(w.as_str(), "," | ";" | "." | "and" | "as" | "for") && i > start {
                break;
            }
            if self.cue(Cue::EventNoun).contains(&w)
                && !self.mentions.iter().any(|m| m.first <= i && i <= m.last)
            {
                // "the attack on X": X was attacked; the attacker is found from the events.
                break;
            }
            let here: Vec<usize> = self
                .at(i)
                .iter()
                .filter(|m| {
                    types.contains(&m.entity_type)
                        && !skip.contains(&m.entity)
                        && !self.qualifies_title(m)
                        && (m.first == 0 || !self.is_prep(m.first - 1))
                })
                .map(|m| m.entity)
                .collect();
            if !here.is_empty() {
                return here;
            }
            i += 1;
        }
        Vec::new()
    }

    fn mediated(&self, out: &mut Vec<LocalRelation>) {
        const MEDIATORS: &[EntityType] = &[
            EntityType::State,
            EntityType::Official,
            EntityType::Organization,
        ];
        for t in self.triggers.iter().filter(|t| t.kind == Rel::Mediated) {
            let parties: Vec<usize> = if t.pos == TriggerPos::Appeal {
                let window = t.last + 1..self.words.len().min(t.last + 14);
                if !window.clone().any(|k| {
                    self.cue(Cue::Restraint)
                        .longest_match(self.words, k)
                        .is_some()
                }) {
                    continue;
                }
                let named = self.targets_right(
                    t.last + 1,
                    &[EntityType::State, EntityType::Group],
                    false,
                    &[],
                );
                let dyad_named = self.mentions.iter().any(|m| {
                    m.first > t.last
                        && m.form == MentionForm::Anaphor
                        && m.entity_type == EntityType::State
                });
                if named.len() >= 2 {
                    named
                } else if dyad_named {
                    self.doc.dyad.clone()
                } else {
                    self.parties.clone()
                }
            } else if let Some((l, r)) = self.between(t) {
                l.into_iter().chain(r).map(|e| self.state_of(e)).collect()
            } else {
                self.parties.clone()
            };
            // ", urging both sides to ...": a participle takes the subject of its sentence.
            let participle = t.first > 0
                && self.words[t.first - 1] == ","
                && self.words[t.first].ends_with("ing");
            let subject = self
                .mentions
                .iter()
                .filter(|m| m.last < t.first && MEDIATORS.contains(&m.entity_type))
                .find(|m| !self.qualifies_title(m))
                .map(|m| m.entity);
            let left = self.agents_left(t.first, MEDIATORS, true);
            // "G7 leaders condemned Iran's attack and urged ...": the nearest name is a party,
            // which never mediates; the sentence's subject does.
            let party = |e: usize| parties.contains(&self.state_of(e));
            let mediators = match subject {
                Some(s) if participle => vec![s],
                Some(s) if !left.is_empty() && left.iter().all(|&m| party(m)) && !party(s) => {
                    vec![s]
                }
                _ => left,
            };
            for &m in &mediators {
                if parties.contains(&self.state_of(m)) {
                    continue;
                }
                for &p in &parties {
                    self.push(out, m, Rel::Mediated, p, (t.first, t.last), None);
                }
            }
        }
    }

    /// The state that carried out a named operation: a possessive ("Pakistan's Operation X"),
    /// else the agent of the strike that the sentence reports before naming it.
    fn conductor_of(&self, op: &Resolved) -> Option<usize> {
        let k = if op.first > 0 && matches!(self.words[op.first - 1], "'" | "‘" | "\"" | "“") {
            op.first - 1
        } else {
            op.first
        };
        if let Some(m) = self
            .mentions
            .iter()
            .find(|m| m.possessive && m.last + 3 == k && m.entity_type == EntityType::State)
        {
            return Some(m.entity);
        }
        None
    }

    fn conducted(&self, out: &mut Vec<LocalRelation>) {
        for op in self
            .mentions
            .iter()
            .filter(|m| m.entity_type == EntityType::Operation)
        {
            let at = self.evidence(op.first, op.last, None).trigger_start;
            let by_strike = || {
                out.iter()
                    .filter(|r| {
                        Rel::of(&r.kind) == Some(Rel::Struck)
                            && r.evidence.sentence == self.si
                            // "launched Operation X against ...": the strike is the operation.
                            && r.evidence.trigger_start <= at
                    })
                    .filter(|r| self.entity_type(r.subject) == EntityType::State)
                    .max_by_key(|r| r.evidence.trigger_start)
                    .map(|r| r.subject)
            };
            if let Some(state) = self.conductor_of(op).or_else(by_strike) {
                self.push(
                    out,
                    state,
                    Rel::Conducted,
                    op.entity,
                    (op.first, op.last),
                    None,
                );
            }
        }
    }

    fn official_of(&self, out: &mut Vec<LocalRelation>) {
        let s = &self.doc.analyzed.sentences[self.si];
        for m in self
            .mentions
            .iter()
            .filter(|m| m.entity_type == EntityType::Official)
        {
            let Some(office) = m.office.and_then(|o| s.offices.get(o)) else {
                continue;
            };
            // A group's spokesman serves the group, but official_of is for offices of states
            // and organisations: the affiliation only keeps him from being given a state.
            let Some((label, t, _)) = self.doc.entities[m.entity]
                .affiliation
                .as_ref()
                .filter(|a| a.1 != EntityType::Group)
            else {
                continue;
            };
            let Some(org) = self
                .doc
                .entities
                .iter()
                .position(|e| e.entity_type == *t && e.label == *label)
            else {
                continue;
            };
            let role = if office.title == "Counterpart" {
                self.mentions
                    .iter()
                    .filter(|p| {
                        p.entity_type == EntityType::Official
                            && p.last < office.first
                            && p.entity != m.entity
                    })
                    .filter_map(|p| p.office.and_then(|o| s.offices.get(o)))
                    .map(|o| o.title.clone())
                    .next_back()
            } else {
                Some(office.title.clone())
            };
            self.push(
                out,
                m.entity,
                Rel::OfficialOf,
                org,
                (office.first, office.last),
                role,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Document;
    use crate::mentions::Recognizer;
    use crate::resolve::resolve;
    use crate::schema::tests::shipped_schema;

    /// (subject, relation, object) labels of every relation found in `text`.
    fn relations(text: &str) -> Vec<(String, String, String)> {
        let schema = shipped_schema();
        let analyzed =
            Recognizer::new(schema).analyze(Document::new("t", text, schema.cue(Cue::LineJoiner)));
        let doc = resolve(analyzed, schema);
        let mut out: Vec<_> = extract(&doc, schema)
            .into_iter()
            .map(|r| {
                (
                    doc.entities[r.subject].label.clone(),
                    r.kind.to_string(),
                    doc.entities[r.object].label.clone(),
                )
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn has(rs: &[(String, String, String)], s: &str, r: &str, o: &str) -> bool {
        rs.iter().any(|x| x.0 == s && x.1 == r && x.2 == o)
    }

    #[test]
    fn verbs_nouns_and_demonyms_give_strikes() {
        let rs = relations("Chad struck Niger. The Sudanese attack on Chad was condemned. Niger launched airstrikes on Mali.");
        assert!(has(&rs, "Chad", "struck", "Niger"), "{rs:?}");
        assert!(has(&rs, "Sudan", "struck", "Chad"), "{rs:?}");
        assert!(has(&rs, "Niger", "struck", "Mali"), "{rs:?}");
    }

    #[test]
    fn condemnation_targets_the_attacker() {
        let rs = relations(
            "Ethiopia carried out drone strikes in Eritrea. Eritrea condemned the attack.",
        );
        assert!(has(&rs, "Eritrea", "condemned", "Ethiopia"), "{rs:?}");
    }

    #[test]
    fn traps_make_no_edge() {
        let rs = relations(
            "Peru's foreign minister called for closer cooperation with Chile. \
             Chile praised its army for responding to what it called a violation by Peru. \
             Chile's Foreign Minister Ana Lopez told Reuters by telephone that talks would go on. \
             Peru's cabinet urged both countries to exercise restraint. \
             The United States has designated the Shining Path as a terrorist organization.",
        );
        assert!(
            rs.iter()
                .all(|r| r.1 != "called" && r.1 != "mediated" && r.1 != "struck"),
            "{rs:?}"
        );
    }

    #[test]
    fn calls_between_officials_and_counterparts() {
        let rs = relations(
            "Peru struck Chile. Chilean Foreign Minister Ana Lopez telephoned her Peruvian counterpart Luis Vega. \
             Later, a phone call between Ana Lopez and Luis Vega eased tensions.",
        );
        assert!(
            has(&rs, "Ana Lopez", "called", "Luis Vega")
                || has(&rs, "Luis Vega", "called", "Ana Lopez"),
            "{rs:?}"
        );
        assert!(has(&rs, "Luis Vega", "official_of", "Peru"), "{rs:?}");
    }

    #[test]
    fn mediators_are_third_parties() {
        let rs = relations("Peru struck Chile. Brazil and Argentina urged the two countries to exercise restraint. Chile urged restraint.");
        for m in ["Brazil", "Argentina"] {
            assert!(
                has(&rs, m, "mediated", "Peru") && has(&rs, m, "mediated", "Chile"),
                "{rs:?}"
            );
        }
        assert!(
            !rs.iter().any(|r| r.0 == "Chile" && r.1 == "mediated"),
            "{rs:?}"
        );
    }

    #[test]
    fn evidence_ending_in_a_multibyte_character() {
        let schema = shipped_schema();
        let text = "Peru struck “rebel camps” in Chile’s north, officials said “today”";
        let analyzed =
            Recognizer::new(schema).analyze(Document::new("t", text, schema.cue(Cue::LineJoiner)));
        let doc = resolve(analyzed, schema);
        let found = extract(&doc, schema);
        let evidence = &found
            .iter()
            .find(|r| Rel::of(&r.kind) == Some(Rel::Struck))
            .expect("a strike")
            .evidence;
        assert_eq!(evidence.end, text.chars().count());
        let trigger: String = text
            .chars()
            .skip(evidence.trigger_start)
            .take(evidence.trigger_end - evidence.trigger_start)
            .collect();
        assert_eq!(trigger, evidence.trigger);
    }

    #[test]
    fn negated_triggers_are_ignored() {
        let rs = relations("Peru did not attack Chile.");
        assert!(rs.is_empty(), "{rs:?}");
    }
}
