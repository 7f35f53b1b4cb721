//! The slot fillers: where each slot of `schema/frames.tsv` looks in a sentence, and what it
//! finds there.

use super::view::{Role, View};
use super::{Engine, Fill, Occurrence};
use crate::clauses::ClauseKind;
use crate::cue::Cue;
use crate::entity::EntityType;
use crate::frames::{Anchor, Slot};

/// How far, in tokens, a noun's modifiers, support verb or prepositional phrase may stand.
const NEAR: usize = 7;

/// Who owns a noun's phrase: a name's possessive or a demonym, or a possessive pronoun.
enum Possessor {
    Unit(usize),
    Pronoun(usize),
}

/// Where a noun's support verb stands: before it, its subject acting ("X carried out strikes");
/// after it, with the "by" phrase that names the agent ("the attack carried out by X").
enum Support {
    Before(usize),
    After { verb: usize, by: usize },
}

impl<'d> Engine<'d> {
    /// What each slot of an alternative finds, in order. Its prepositional slots are looked
    /// for together, in one pass over the clause: an alternative may name nine prepositions.
    pub(super) fn fill_slots<'s>(
        &'s self,
        si: usize,
        occ: Occurrence,
        alternative: &'s [Slot],
    ) -> impl Iterator<Item = Fill> + use<'s, 'd> {
        let v = &self.views[si];
        let mut after_prepositions = self.prepositional(v, occ, alternative).into_iter();
        alternative.iter().map(move |slot| match slot {
            Slot::Subject => self.subject(v, occ.first),
            Slot::Object => self.object(v, occ),
            Slot::Prep(_) => match after_prepositions.next().flatten() {
                Some(u) => self.found(v, u),
                None => Fill::Empty,
            },
            Slot::Between => self.between(v, occ),
            Slot::By => self.by(v, occ),
            Slot::From => self.after_word(v, occ.last + 1, Cue::SourceMarker),
            Slot::Modifier => self.modifier(v, occ),
            Slot::Support => self.support(v, occ),
            Slot::Host => self.host(v, occ).0,
            Slot::HostObject => self.host(v, occ).1,
            Slot::Responder => self.responder(v, occ),
            Slot::Victim => self.victim(v, occ),
            Slot::Blamed => self.blamed(v, occ),
            Slot::Theatre => match self.theatre(v, occ) {
                Some((u, _)) => self.found(v, u),
                None => Fill::Empty,
            },
            Slot::Event => self.event(v, occ),
            Slot::Speaker => self.speaker(v, occ.first),
            Slot::Parties if self.parties.len() == 2 => Fill::Found(self.parties.clone()),
            Slot::Parties => Fill::Empty,
            Slot::SelfAnchor => self.anchor_entity(si, occ),
            Slot::Affiliation => self.affiliation(si, occ),
        })
    }

    /// The entities of the group of unit `u`.
    fn found(&self, v: &View<'_>, u: usize) -> Fill {
        // "all parties", "both sides", "Sudan's warring rivals": the conflict's parties once
        // the strikes tell them, the article's two most named states before.
        let unit = &v.units[u];
        let dyad_len = |k: usize| v.words.cue_len(Cue::Dyad, k);
        let names_parties = if unit.possessive {
            dyad_len(unit.last + 1).is_some()
        } else {
            dyad_len(unit.first).is_some_and(|l| unit.first + l == unit.last + 1)
        };
        if names_parties && self.parties.len() == 2 {
            return Fill::Found(self.parties.clone());
        }
        Fill::Found(v.group_entities(u))
    }

    /// The subject of the verb (or verb-like word) at token `p`: the nearest noun phrase before
    /// it in its clause that is no modifier, no object of a preposition and no qualifier of a
    /// title; for a verb joined by "and" to an earlier one, that one's subject; for a clause
    /// with none of its own, its antecedent (relative), the subject it hangs on (participle),
    /// or its reporter (a pronoun in a reported clause).
    pub(super) fn subject(&self, v: &View<'_>, p: usize) -> Fill {
        let clause = v.clauses().at(p.min(v.len().saturating_sub(1)));
        let start = clause.start;
        // "... accused X of Y and condemned Z": the subject of the first verb.
        let mut q = p;
        while q > start && (v.is_adverb(q - 1) || v.words.has(Cue::Auxiliary, q - 1)) {
            q -= 1;
        }
        // "accused India of extending its strikes into Afghanistan and condemned ...": a name
        // before "and" that an earlier verb or a preposition governs is no subject either.
        let governed = |u: usize| self.object_of_verb(v, u) || v.after_preposition(u);
        if q > start + 1
            && v.words.has(Cue::Coordinator, q - 1)
            && v.unit_ending(q - 2).is_none_or(governed)
        {
            return self.clause_subject(v, start, p);
        }
        // "accused India of launching strikes", "blamed Kabul for attacking": the one blamed
        // did what the gerund says.
        if v.words.ends_with(Cue::GerundEnding, p) {
            if let Some(u) = self.blamed_before(v, p) {
                return self.found(v, u);
            }
        }
        // "prompted X to urge", "asked X to mediate": an infinitive's subject is the verb's
        // object before it.
        let infinitive = q > 0 && v.words.has(Cue::InfinitiveMarker, q - 1);
        let own = v.clauses().index(p.min(v.len().saturating_sub(1)));
        let mut k = p;
        while k > start {
            k -= 1;
            // "Malaysia, which chairs ASEAN, condemned": a clause opened inside this one
            // holds no subject of its verb.
            if v.clauses().aside_in(k, own) {
                continue;
            }
            // "in support of Somali forces who were engaged by X": a name right before "who"
            // or "which" is what the relative clause is about, even after a preposition.
            if v.words.has(Cue::RelativePronoun, k) && !v.words.has(Cue::Complementizer, k) {
                if let Some(u) = k.checked_sub(1).and_then(|p| v.unit_ending(p)) {
                    return self.found(v, u);
                }
            }
            // "the US drone strike that killed X": an event right before a relative pronoun,
            // also "that", acts through whoever carried it out.
            if v.words.has(Cue::RelativePronoun, k) && k > start && v.is_event_noun(k - 1) {
                if let found @ Fill::Found(_) = self.event_at(v, k - 1, &[]) {
                    return found;
                }
            }
            if let Some(u) = v.unit_ending(k) {
                let unit = &v.units[u];
                let (first, _) = v.group_span(u);
                // "with China ... calling for restraint": an absolute phrase's subject.
                let absolute = first > 0
                    && v.words.has(Cue::Comitative, first - 1)
                    && v.words.ends_with(Cue::GerundEnding, p);
                // "a bombardment called 'Operation X'": a name given, not an actor.
                let named = v.before_phrase(first).is_some_and(|b| {
                    v.words.has(Cue::NamingVerb, b)
                        || v.words.has(Cue::OperationIntro, b)
                        || (b > 0
                            && matches!(v.words.word(b), "“" | "\"" | "‘" | "'")
                            && (v.words.has(Cue::NamingVerb, b - 1)
                                || v.words.has(Cue::OperationIntro, b - 1)))
                });
                // "called on Israel to halt its strikes", "called on the UN Security council
                // to play its role": whom an appeal addresses does what it is asked to.
                let last = v.group_span(u).1;
                let addressed = infinitive
                    && first > 0
                    && v.words.has(Cue::AppealParticle, first - 1)
                    && last + 2 <= q
                    && q <= last + 4
                    && (last + 1..q - 1).all(|t| {
                        v.is_plain_word(t) || v.words.word(t).starts_with(char::is_uppercase)
                    });
                // "asked X to mediate": the object acts next, unless an earlier verb's ("stand
                // by X and continue to call").
                let acts_next =
                    infinitive && !(last + 1..q).any(|t| v.words.has(Cue::Coordinator, t));
                // "Several countries, including A and B, have called for restraint": the names
                // a list picks out of the subject act with it.
                let included = v.before_phrase(first).is_some_and(|b| {
                    v.words.has(Cue::Inclusion, b) && b > 0 && v.words.folded(b - 1) == ","
                });
                // "X on the phone with Azerbaijani and Armenian foreign ministers emphasized":
                // the holders a preposition's object names are not the subject.
                if unit.role == Role::Modifier && v.group(u).count() > 1 && !v.after_preposition(u)
                {
                    if let Some(holders) = self.office_holders(v, u, &v.group_entities(u)) {
                        return Fill::Found(holders);
                    }
                }
                if unit.role == Role::Modifier
                    || named
                    || (v.after_preposition(u)
                        && !absolute
                        && !addressed
                        && !included
                        && !v.headed_by_title(u))
                    || (self.object_of_verb(v, u) && !acts_next)
                {
                    k = first;
                    continue;
                }
                // Words other than a verb group between: the unit is some earlier verb's
                // object, and the clause's first subject is this verb's too.
                if !self.verb_group(v, v.group_span(u).1 + 1, p) {
                    match self.clause_subject(v, start, p) {
                        Fill::Empty => {}
                        first => return first,
                    }
                }
                return self.found(v, u);
            }
            if v.unit_covering(k).is_none()
                && (v.words.has(Cue::Pronoun, k)
                    || v.words.has(Cue::PossessivePronoun, k)
                        && (v.words.has(Cue::ForceNoun, k + 1)
                            || v.words.has(Cue::OrganNoun, k + 1)))
            {
                return self.pronoun(v, k);
            }
            // "Thursday's strikes hit X": the subject is an event that opens its clause, and its
            // agent acts.
            if v.is_event_noun(k)
                && self.verb_group(v, k + 1, p)
                && (start..k).all(|t| {
                    v.words.has(Cue::Determiner, t)
                        || v.unit_covering(t).is_some()
                        || v.is_plain_word(t)
                        || v.words.is(Cue::PossessiveEnding, t)
                        || matches!(v.words.folded(t), "'" | "“" | "\"")
                })
            {
                if let found @ Fill::Found(_) = self.event_at(v, k, &[]) {
                    return found;
                }
            }
        }
        if start == 0 {
            if let Some(u) = self.after_opening_participle(v, p) {
                return self.found(v, u);
            }
        }
        match clause.kind {
            ClauseKind::Relative { marker } => self.antecedent(v, marker),
            ClauseKind::Participle if start > 0 => self.subject(v, start - 1),
            _ => self.opening_event(v, start, p),
        }
    }

    /// For a participle that opens the sentence, the subject it hangs on: the name that opens
    /// the clause after its phrase's comma ("Calling the airstrikes “blatant aggression,” the
    /// government spokesman X told ...", "Condemning the attack, X said ...").
    fn after_opening_participle(&self, v: &View<'_>, p: usize) -> Option<usize> {
        let w = &v.words;
        let opens = w.ends_with(Cue::GerundEnding, p)
            && (0..p).all(|t| matches!(w.word(t), "“" | "\"" | "‘"));
        if !opens {
            return None;
        }
        let comma = (p + 1..v.len()).find(|&j| w.folded(j) == ",")?;
        let mut k = comma + 1;
        if matches!(w.word(k), "”" | "\"" | "’") {
            k += 1;
        }
        v.unit_starting(k)
            .filter(|&u| v.units[u].role == Role::Actor)
    }

    /// An event noun heading the noun phrase that opens the clause ("Israeli airstrikes on X
    /// ... were condemned", "The strikes hit"): the one who carried it out.
    fn opening_event(&self, v: &View<'_>, start: usize, p: usize) -> Fill {
        let w = &v.words;
        let mut k = start;
        while k < p && (w.has(Cue::Subordinator, k) || w.has(Cue::Complementizer, k)) {
            k += 1;
        }
        while k < p && k < start + NEAR {
            if v.is_event_noun(k) {
                return self.event_at(v, k, &[]);
            }
            let in_phrase = w.has(Cue::Determiner, k)
                || v.unit_covering(k)
                    .is_some_and(|u| v.units[u].role == Role::Modifier)
                || v.is_plain_word(k)
                || w.is(Cue::PossessiveEnding, k)
                || matches!(w.folded(k), "'" | "“" | "\"" | "-");
            if !in_phrase {
                break;
            }
            k += 1;
        }
        Fill::Empty
    }

    /// Whether tokens `from..to` hold only what may stand between a subject and its verb:
    /// adverbs, auxiliaries, modals, negation, commas and quotes, dates, an intention with "to"
    /// ("vowed to"), and short phrases after a preposition ("on Sunday", "in a statement").
    fn verb_group(&self, v: &View<'_>, from: usize, to: usize) -> bool {
        let w = &v.words;
        let mut k = from;
        while k < to {
            if w.has(Cue::Preposition, k) {
                let len = (k + 1..to)
                    .take_while(|&j| !matches!(w.folded(j), ","))
                    .count();
                if len > 3 {
                    return false;
                }
                k += len + 1;
                continue;
            }
            let filler = v.is_adverb(k)
                || [
                    Cue::Auxiliary,
                    Cue::Future,
                    Cue::Possibility,
                    Cue::Negation,
                    Cue::Intention,
                ]
                .iter()
                .any(|&c| w.has(c, k))
                || w.has(Cue::InfinitiveMarker, k)
                || matches!(w.folded(k), "," | "“" | "”" | "\"" | "(" | ")")
                || self.date_at(v, k).is_some();
            if !filler {
                return false;
            }
            k += 1;
        }
        true
    }

    /// The first subject of a clause: its first noun phrase that no preposition governs, or
    /// a quoted pronoun before it ('"We stand by our ally X and continue to call for ..."':
    /// the speaker, or nothing, never the object after it).
    fn clause_subject(&self, v: &View<'_>, start: usize, before: usize) -> Fill {
        let own = v.clauses().index(start);
        let pronoun = (start..before).find(|&k| {
            v.unit_covering(k).is_none()
                && v.words.has(Cue::Pronoun, k)
                && v.clauses().is_quoted(k)
                && !v.clauses().aside_in(k, own)
        });
        for u in 0..v.units.len() {
            let unit = &v.units[u];
            if unit.first < start || unit.first >= before || unit.group != u {
                continue;
            }
            if pronoun.is_some_and(|k| k < unit.first) {
                break;
            }
            if unit.role == Role::Actor && !v.after_preposition(u) {
                return self.found(v, u);
            }
        }
        if let Some(k) = pronoun {
            return match self.pronoun(v, k) {
                Fill::Empty => Fill::Blocked,
                found => found,
            };
        }
        let clause = v.clauses().at(start);
        match clause.kind {
            ClauseKind::Participle if start > 0 => self.subject(v, start - 1),
            ClauseKind::Relative { marker } => self.antecedent(v, marker),
            _ => Fill::Empty,
        }
    }

    /// Whether unit `u` stands right after a verb that takes it as object ("urged X", "told
    /// X"): a frame's verb or a reporting or support verb, determiners aside.
    pub(super) fn object_of_verb(&self, v: &View<'_>, u: usize) -> bool {
        let (group_first, _) = v.group_span(u);
        let Some(prev) = v.before_phrase(group_first) else {
            return false;
        };
        let first = prev + 1;
        let w = &v.words;
        let verb_ends_here = |cue: Cue| {
            (prev.saturating_sub(3)..=prev)
                .any(|s| w.cue_len(cue, s).is_some_and(|l| s + l == first))
        };
        // "said Ankara would continue": a name that opens a verb group after a reporting verb
        // is the subject of what it reports; after a verb of telling it is the one told
        // ("told Reuters jets bombed").
        verb_ends_here(Cue::ReportingVerb)
            && (!v.opens_verb_group_after(u) || verb_ends_here(Cue::AddresseeVerb))
            || verb_ends_here(Cue::SupportVerb) && !w.has(Cue::Auxiliary, prev)
            || v.verb_form_ends_at(prev)
            || v.past_after_name(prev)
    }

    /// A relative clause's antecedent: the noun phrase before the comma at `marker - 1`; an
    /// event there stands for whoever carried it out ("the airstrikes, which targeted X"). A
    /// name in a phrase of the scene is none: "the attack on a vessel off the coast of Oman,
    /// which killed": the event before the scene is.
    fn antecedent(&self, v: &View<'_>, marker: usize) -> Fill {
        let Some(k) = marker.checked_sub(2) else {
            return Fill::Empty;
        };
        match v.unit_ending(k) {
            Some(u) => match self.scene_before(v, u) {
                Some(scene) => (v.clauses().at(scene).start..scene)
                    .rev()
                    .find(|&j| v.is_event_noun(j))
                    .map_or(Fill::Empty, |j| self.event_at(v, j, &[])),
                None => self.found(v, u),
            },
            None if v.is_event_noun(k) => self.event_at(v, k, &[]),
            None => Fill::Empty,
        }
    }

    /// The word of the scene (lexicon list `scene`) whose phrase holds unit `u`: "off the coast
    /// of Oman", "amid tensions with Iran"; a few words back, past no name and no comma.
    fn scene_before(&self, v: &View<'_>, u: usize) -> Option<usize> {
        let first = v.group_span(u).0;
        (first.saturating_sub(5)..first)
            .rev()
            .take_while(|&j| v.unit_covering(j).is_none() && v.words.folded(j) != ",")
            .find(|&j| v.words.has(Cue::Scene, j))
    }

    /// What a subject pronoun stands for: "I" or "we" in a quotation, or "it", "he", "they"
    /// opening a reported clause, is the one who speaks.
    fn pronoun(&self, v: &View<'_>, k: usize) -> Fill {
        let clause = v.clauses().at(k);
        // "said the jets dropped bombs, and that it condemns ...": a second "that" of the
        // report opens another of its clauses.
        let opens = (clause.start..k)
            .all(|t| v.words.has(Cue::Complementizer, t) || v.is_adverb(t))
            || (k >= 2
                && v.words.has(Cue::Complementizer, k - 1)
                && v.words.has(Cue::Coordinator, k - 2));
        if v.clauses().is_quoted(k) || (matches!(clause.kind, ClauseKind::Reported { .. }) && opens)
        {
            self.speaker(v, k)
        } else if clause.kind == ClauseKind::Adverbial && v.words.has(Cue::ImpersonalPronoun, k) {
            // "retaliate against Tehran after it launched missiles": in a clause of time or
            // cause, "it" is the state or group named nearest before the clause.
            let named = v
                .units
                .iter()
                .rev()
                .filter(|u| u.last < clause.start)
                .map(|u| {
                    u.entities
                        .iter()
                        .copied()
                        .filter(|&e| {
                            matches!(self.entity_type(e), EntityType::State | EntityType::Group)
                        })
                        .collect::<Vec<usize>>()
                })
                .find(|found| !found.is_empty());
            named.map_or(Fill::Empty, Fill::Found)
        } else {
            Fill::Empty
        }
    }

    /// Who speaks the words at `token`: the reporter of its reported clause ("X said ...",
    /// "..., X said", "X: ...") or the source named by "according to".
    pub(super) fn speaker(&self, v: &View<'_>, token: usize) -> Fill {
        let verb = v.clauses().chain(token).find_map(|c| match c.kind {
            ClauseKind::Reported { verb } => Some(verb),
            _ => None,
        });
        if let Some(verb) = verb {
            // The reporter before the verb ("Pakistan said", "the army said"), else after it
            // ("said Pakistan's foreign ministry").
            let mut k = verb;
            while k > 0 && (v.is_adverb(k - 1) || v.words.has(Cue::Auxiliary, k - 1)) {
                k -= 1;
            }
            if let Some(u) = k.checked_sub(1).and_then(|p| v.unit_ending(p)) {
                return self.found(v, u);
            }
            if k > 0 && v.words.has(Cue::Pronoun, k - 1) {
                return self.pronoun(v, k - 1);
            }
            // "X expressed condolences and said the US strike ...": the first verb's subject.
            if k > 0 && v.words.has(Cue::Coordinator, k - 1) {
                return self.subject(v, verb);
            }
            if let Some(u) = v.unit_starting(verb + 1) {
                return self.found(v, u);
            }
            // "Duran added:" with the reporter further back in its clause.
            return self.subject(v, verb);
        }
        for k in 0..v.len() {
            if let Some(len) = v.words.cue_len(Cue::Attribution, k) {
                if let Some(u) = v.unit_starting(k + len) {
                    return self.found(v, u);
                }
            }
        }
        Fill::Empty
    }

    /// What a verb acts on: the noun phrase after it ("condemned Israel", "condemned Israel's
    /// strikes", "the illegal acts of India", "the attack carried out by India"), past "what it
    /// calls" and "as 'cowardly'"; in a relative clause with nothing after the verb, the
    /// antecedent ("the strikes, which Syria condemned"). An event noun with no name in it is
    /// left to the `event` slot; any other noun phrase blocks.
    fn object(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let w = &v.words;
        let end = v.clauses().at(occ.first).end;
        let mut k = v.skip_adverbs(occ.last + 1);
        // "denounced what it calls China's behaviour", "denounced as 'cowardly' the attack"
        loop {
            if w.has(Cue::Parenthetical, k) {
                k += 1;
                while k < end && (v.unit_covering(k).is_some() || w.has(Cue::Pronoun, k)) {
                    k += 1;
                }
                k += 1;
                if w.has(Cue::Likening, k) {
                    k += 1;
                }
            } else if w.has(Cue::Likening, k) && k + 1 < end {
                k += 1;
                if matches!(w.word(k), "“" | "\"" | "‘" | "'") {
                    while k < end && !matches!(w.word(k), "”" | "\"" | "’" | "'")
                        || k == occ.last + 2
                    {
                        k += 1;
                    }
                }
                k += 1;
            } else if matches!(w.word(k), "“" | "\"" | "‘") {
                k += 1;
            } else {
                break;
            }
        }
        // "stressed the need for X and Y to stop": what is needed is what is asked.
        if let Some(len) = w.cue_len(Cue::Necessity, k) {
            k += len;
        }
        if let Some(u) = v.unit_starting(k).filter(|_| k < end) {
            return self.found(v, u);
        }
        if w.has(Cue::ObjectPronoun, k) {
            return Fill::Blocked;
        }
        // "urged both sides to ...", where no state stood for them when the names were
        // resolved.
        if self.parties.len() == 2 && w.has(Cue::Dyad, k) {
            return Fill::Found(self.parties.clone());
        }
        // "calling for restraint": the words the frame requires are what is asked, not whom;
        // "mediated the talks": the talks are between the targets.
        let frame = &self.schema.frames[occ.frame];
        for cue in std::iter::once(Cue::Settlement)
            .chain(frame.requires.iter().copied())
            .chain(frame.through)
        {
            let mut j = k;
            while w.has(Cue::Determiner, j) || v.is_plain_word(j) && !w.has(cue, j) && j < k + 2 {
                j += 1;
            }
            if w.has(cue, j) {
                return match cue {
                    Cue::Settlement => self.settled(v, j + w.cue_len(cue, j).unwrap_or(1), end),
                    _ => Fill::Empty,
                };
            }
        }
        if k >= end || w.has(Cue::Preposition, k) || w.has(Cue::InfinitiveMarker, k) {
            if let ClauseKind::Relative { marker } = v.clauses().at(occ.first).kind {
                return self.antecedent(v, marker);
            }
            return Fill::Empty;
        }
        // Inside the noun phrase: a name that qualifies it ("the main Syrian military
        // compounds"), one after "of" or "by" ("the acts of India", "the strikes by X").
        let mut event = false;
        // "condemned the assassination of X": X suffered it; a "by" phrase after names who
        // did it.
        let mut sufferers = false;
        let mut j = k;
        while j < v.len() && j < k + NEAR + 2 {
            // A comma, also the one that ends the clause, may open the phrase's name ("took
            // control of the capital, Goma").
            if w.folded(j) == "," && !sufferers {
                if let Some(u) = self.apposition(v, k, j) {
                    return self.found(v, u);
                }
            }
            if j >= end {
                break;
            }
            if let Some(u) = v.unit_covering(j) {
                if !sufferers {
                    return self.found(v, u);
                }
                j = v.units[u].last + 1;
                continue;
            }
            if v.is_event_noun(j) {
                event = true;
            }
            // "the storming and vandalism of X": the "of" after nouns joined to one of harm.
            let of_after = (j + 1..j + 4).find(|&t| {
                !(w.has(Cue::Coordinator, t) || v.is_plain_word(t)) || w.has(Cue::Genitive, t)
            });
            if w.has(Cue::PatientNoun, j) && of_after.is_some_and(|t| w.has(Cue::Genitive, t)) {
                sufferers = true;
            } else if w.has(Cue::AgentMarker, j) {
                sufferers = false;
            }
            // "denouncing the actions as a violation of Iran's sovereignty": what follows "as"
            // says what the object is, and names no one in it.
            let f = w.folded(j);
            if f == ","
                || (w.has(Cue::Preposition, j)
                    && !w.has(Cue::PhraseLink, j)
                    && !v.closes_ownership(j))
                || w.has(Cue::Coordinator, j) && event
                || w.has(Cue::Likening, j) && j > k
            {
                break;
            }
            if w.has(Cue::SupportVerb, j)
                && !v.qualifies_noun(j)
                && !w.has(Cue::AgentMarker, j + 1)
                && !w.folded(j + 1).is_empty()
                && !w.has(Cue::AgentMarker, j + 2)
            {
                break;
            }
            j += 1;
        }
        if event {
            Fill::Empty
        } else {
            Fill::Blocked
        }
    }

    /// For each `prep:` slot of `slots`, the unit of the noun phrase after its preposition
    /// (folded, possibly of several words) in the rest of the trigger's clause, the first
    /// there is: "strikes on X", "struck targets inside X".
    fn prepositional(&self, v: &View<'_>, occ: Occurrence, slots: &[Slot]) -> Vec<Option<usize>> {
        let preps: Vec<&[String]> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Prep(words) => Some(words.as_slice()),
                _ => None,
            })
            .collect();
        let mut units = vec![None; preps.len()];
        if preps.is_empty() {
            return units;
        }
        let w = &v.words;
        let clause_end = v.clauses().at(occ.first).end;
        let noun = self.schema.frames[occ.frame].anchor != Anchor::Verb;
        let end = if noun {
            clause_end.min(occ.last + 1 + 3 * NEAR)
        } else {
            clause_end
        };
        // A clause opened inside this one (", who was in X,") holds no phrase of the trigger.
        let own = v.clauses().index(occ.first);
        let mut open = preps.len();
        let mut k = occ.last + 1;
        // "announced a new offensive, Operation X, in Y", "an operation, codenamed X, against
        // Y": the operation's name set off by commas is the noun's, and so are the phrases
        // after it.
        if noun && w.folded(k) == "," {
            let name = k + 1 + w.cue_len(Cue::OperationIntro, k + 1).unwrap_or(0);
            let named = v.unit_starting(name).filter(|&u| {
                v.units[u]
                    .entities
                    .iter()
                    .all(|&e| self.entity_type(e) == EntityType::Operation)
            });
            if let Some(u) = named.filter(|&u| w.folded(v.group_span(u).1 + 1) == ",") {
                k = v.group_span(u).1 + 2;
            }
        }
        let mut passed_inner_clause = false;
        while k < end && open > 0 {
            // "The Israeli strikes on Wednesday, which Syria condemned ..., followed a
            // collapsed ceasefire in Sweida": past a clause opened after the noun comes its
            // clause's predicate, whose phrases are not the noun's.
            if v.clauses().index(k) != own {
                passed_inner_clause = true;
            } else if noun && passed_inner_clause {
                break;
            }
            // What follows "in response to" was answered; it is not what was hit. A noun's
            // phrases end where a comma opens another (", with X suggesting ...").
            // An article right after the noun opens another noun phrase, whose phrases are
            // not the noun's ("called the attack an act of aggression").
            // "the war during a conversation with X at the summit in Y": a phrase of the scene
            // ends the noun's.
            // "the first strike by Iran on Israeli territory ... in retaliation for the bombing of
            // the consulate in Damascus": a later event's phrases are its own; not a named
            // operation's ("strikes, as part of what they called Operation X, against Y"), nor
            // those of the trigger's own noun phrase ("Operation X air raids against Y").
            let later_event = v.is_event_noun(k)
                && (occ.last + 1..k).any(|j| w.has(Cue::Preposition, j))
                && v.unit_covering(k).is_none()
                && !w.has(Cue::OperationWord, k);
            if w.has(Cue::Response, k)
                || later_event
                || noun && w.has(Cue::Scene, k)
                || noun
                    && w.folded(k) == ","
                    && (w.has(Cue::Preposition, k + 1) || w.has(Cue::Subordinator, k + 1))
                || noun && k == occ.last + 1 && w.has(Cue::Article, k)
            {
                break;
            }
            // "held a phone call to discuss the Syria issue": an infinitive, not a phrase.
            let infinitive = w.has(Cue::InfinitiveMarker, k)
                && (w.lexeme(k + 1).act || v.is_plain_word(k + 1) && w.has(Cue::Determiner, k + 2));
            let word = w.folded(k);
            for (unit, &prep) in units.iter_mut().zip(&preps) {
                let here = unit.is_none()
                    && !infinitive
                    && prep.first().is_some_and(|first| word == first)
                    && v.clauses().index(k) == own
                    && prep
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(i, x)| w.folded(k + i) == x);
                if here {
                    *unit = self.phrase_unit(v, k + prep.len(), end, own);
                    open -= usize::from(unit.is_some());
                }
            }
            k += 1;
        }
        units
    }

    /// The unit of the noun phrase that starts at token `after`, or the first name inside it
    /// ("on the main Syrian military compounds", "on the bases of the militant group X"),
    /// before `end` and in clause `own`.
    fn phrase_unit(&self, v: &View<'_>, after: usize, end: usize, own: usize) -> Option<usize> {
        let w = &v.words;
        if let Some(u) = v.unit_starting(after) {
            return Some(u);
        }
        let mut j = after;
        while j < v.len() && j < after + NEAR + 3 {
            // The comma that ends the clause may open the phrase's name ("of the capital,
            // Goma").
            if w.folded(j) == "," {
                return self.apposition(v, after, j);
            }
            if j >= end || v.clauses().index(j) != own {
                break;
            }
            if let Some(u) = v.unit_covering(j) {
                return Some(u);
            }
            // "with whom Venezuela ...": a relative pronoun's name is its clause's, not the
            // phrase's; "against the attack from X": who carried out an event is its phrase's.
            let source = w.has(Cue::SourcePreposition, j) && j > 0 && v.is_event_noun(j - 1);
            if w.has(Cue::Preposition, j)
                && !w.has(Cue::PhraseLink, j)
                && !source
                && !v.closes_ownership(j)
                || w.has(Cue::RelativePronoun, j)
            {
                break;
            }
            j += 1;
        }
        None
    }

    /// The name a phrase of no name (from `first`) is given after the comma at `comma`: "took
    /// control of the regional capital, Goma", "an offensive against the capital, Tripoli, on
    /// Saturday". Only a name the phrase's description ends at, itself ending at a comma or
    /// the clause's end: "struck a building, Hezbollah said" names who said it.
    fn apposition(&self, v: &View<'_>, first: usize, comma: usize) -> Option<usize> {
        let w = &v.words;
        let described = comma > first
            && v.is_plain_word(comma - 1)
            && (first..comma).all(|t| {
                w.has(Cue::Determiner, t) || w.has(Cue::PhraseLink, t) || v.is_plain_word(t)
            });
        let u = v.unit_starting(comma + 1).filter(|_| described)?;
        let (_, last) = v.group_span(u);
        let end = v.clauses().at(comma).end;
        let closed = last + 1 >= end
            || matches!(w.folded(last + 1), "," | "." | ";" | ")")
            || self.date_at(v, last + 1).is_some();
        (closed && v.units[u].role == Role::Actor).then_some(u)
    }

    /// "between X and Y": the two sides, each its official if one is named, else its state;
    /// "between their foreign ministers": the document's two parties' holders of that office.
    fn between(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let w = &v.words;
        let clause = v.clauses().at(occ.first);
        // Right after the trigger, or after a verb of occurring ("a call took place between"),
        // or just before the phrase of the trigger ("reached between X and Y in a call").
        let pair = |k: usize| w.has(Cue::PairMarker, k) && !w.has(Cue::Determiner, k);
        // "called for an immediate ceasefire between X and Y": right after what is asked.
        let asked_before = |k: usize| {
            self.schema.frames[occ.frame].requires.iter().any(|&cue| {
                (occ.last + 1..k).any(|s| w.cue_len(cue, s).is_some_and(|l| s + l == k))
            })
        };
        let after = (occ.last + 1..clause.end.min(occ.last + 4))
            .find(|&k| pair(k))
            .or_else(|| {
                (occ.last + 1..clause.end.min(occ.last + NEAR + 2))
                    .find(|&k| pair(k) && asked_before(k))
            });
        let before = || {
            (clause.start..occ.first)
                .rev()
                .find(|&k| pair(k))
                .filter(|&k| {
                    v.unit_starting(k + 1).is_some_and(|u| {
                        let end = v.group_span(u).1;
                        end < occ.first && occ.first - end <= 4
                    })
                })
        };
        let Some(b) = after.or_else(before) else {
            return Fill::Empty;
        };
        let mut sides: Vec<usize> = Vec::new();
        let units = v.sides_after(b);
        if let Some(&u) = units.first() {
            for unit in units.iter().map(|&k| &v.units[k]) {
                let pick = unit
                    .entities
                    .iter()
                    .copied()
                    .find(|&e| self.entity_type(e) == EntityType::Official)
                    .or_else(|| unit.entities.first().copied());
                if let Some(e) = pick.filter(|e| !sides.contains(e)) {
                    sides.push(e);
                }
            }
            if let Some(holders) = self.office_holders(v, u, &sides) {
                sides = holders;
            }
        } else if let Some(o) = v
            .sentence
            .offices
            .iter()
            .find(|o| o.first > b && o.first <= b + 3)
        {
            // "between their foreign ministers", "between the two sides' ministers".
            if self.parties.len() == 2 && v.unit_covering(o.first).is_none() {
                sides = self
                    .parties
                    .iter()
                    .map(|&s| self.official_with(s, &o.title).unwrap_or(s))
                    .collect();
            }
        }
        if sides.len() >= 2 {
            Fill::Found(sides)
        } else {
            Fill::Empty
        }
    }

    /// "the Russian and US presidents", "Turkish and Russian defense ministers": demonyms that
    /// qualify a title stand for its holders, each its official if the text names one, else
    /// its state; `None` when unit `u` qualifies no title.
    fn office_holders(&self, v: &View<'_>, u: usize, states: &[usize]) -> Option<Vec<usize>> {
        if v.units[u].role != Role::Modifier {
            return None;
        }
        let (_, last) = v.group_span(u);
        let o = v
            .sentence
            .offices
            .iter()
            .find(|o| o.first == last + 1 || o.last == last)?;
        Some(
            states
                .iter()
                .map(|&s| self.official_with(s, &o.title).unwrap_or(s))
                .collect(),
        )
    }

    /// The document's official of `state` holding `title`, if the text names one.
    fn official_with(&self, state: usize, title: &str) -> Option<usize> {
        for (s, ms) in self.doc.analyzed.sentences.iter().zip(&self.doc.mentions) {
            for m in ms.iter().filter(|m| m.entity_type == EntityType::Official) {
                let e = &self.doc.entities[m.entity];
                let same_state = e.affiliation.is_some_and(|a| a.entity == state);
                let same_title = m
                    .office
                    .and_then(|o| s.offices.get(o))
                    .is_some_and(|o| o.title == title);
                if same_state && same_title {
                    return Some(m.entity);
                }
            }
        }
        None
    }

    /// "by X" after the trigger, or after the participle that follows a noun ("the attack
    /// carried out by X", "the operation, named Y, was carried out by X"); "by its neighbour
    /// and ally, X" names X.
    fn by(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let w = &v.words;
        let mut k = v.skip_adverbs(occ.last + 1);
        // "the drone attacks, reportedly by the RSF, on X": a hedged agent between commas;
        // "“an unprovoked attack” by Russia": past the quotation's end.
        if w.folded(k) == "," && v.is_adverb(k + 1) {
            k = v.skip_adverbs(k + 1);
        } else if matches!(w.word(k), "”" | "\"" | "’") {
            k += 1;
        }
        if !w.has(Cue::AgentMarker, k) {
            return Fill::Empty;
        }
        self.agent_after(v, k, occ)
    }

    /// The agent named by the "by" phrase whose "by" is token `marker`, in the clause of the
    /// trigger `occ`.
    fn agent_after(&self, v: &View<'_>, marker: usize, occ: Occurrence) -> Fill {
        let w = &v.words;
        let end = v.clauses().at(occ.first).end.max(occ.last + 1);
        let k = marker + 1;
        // "by the Palestinian group Hamas": the name ends the phrase.
        if let Some(u) = self.phrase_unit(v, k, end, v.clauses().index(occ.first)) {
            return self.found(v, u);
        }
        // An apposition: "by its neighbour and ally, Türkiye".
        let comma = (k..(k + 6).min(v.len())).find(|&j| w.folded(j) == ",");
        match comma.and_then(|c| v.unit_starting(c + 1)) {
            Some(u) if v.units[u].first < end + 2 => self.found(v, u),
            _ => Fill::Empty,
        }
    }

    /// The entity named by the phrase after `word` right after token `k`.
    fn after_word(&self, v: &View<'_>, k: usize, marker: Cue) -> Fill {
        let k = v.skip_adverbs(k);
        if !v.words.has(marker, k) {
            return Fill::Empty;
        }
        match v.unit_starting(k + 1) {
            Some(u) => self.found(v, u),
            None => Fill::Empty,
        }
    }

    /// A name, demonym or possessive right before the noun, past its adjectives: "Iran's
    /// unbalanced drone attack", "the Israeli strikes", "Qatari and Turkish mediation",
    /// "US-led peace efforts", or a possessive pronoun ("its efforts") for the clause's subject.
    fn modifier(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let w = &v.words;
        if let Anchor::Entity(_) = self.schema.frames[occ.frame].anchor {
            let mut k = occ.first;
            if k > 0 && matches!(w.word(k - 1), "‘" | "'" | "“" | "\"") {
                k -= 1;
            }
            return match k.checked_sub(1).and_then(|p| v.unit_ending(p)) {
                Some(u) if v.units[u].possessive => self.found(v, u),
                _ => Fill::Empty,
            };
        }
        // "its Syria operation", "Turkey's Syria operation": the possessor acts, where the
        // name after it says.
        match self.theatre(v, occ) {
            Some((_, Possessor::Unit(u))) => return self.found(v, u),
            Some((_, Possessor::Pronoun(p))) => return self.pronoun_possessor(v, p),
            None => {}
        }
        let mut k = occ.first;
        for _ in 0..4 {
            let Some(p) = k.checked_sub(1) else {
                break;
            };
            if let Some(u) = v.unit_ending(p) {
                let unit = &v.units[u];
                // "Israel's strikes", "US-led efforts", "the Syrian government offensive".
                let glued = w.word(p + 1) == "-" || p + 1 == occ.first;
                return if unit.role == Role::Modifier || glued {
                    self.found(v, u)
                } else {
                    Fill::Empty
                };
            }
            if w.has(Cue::Pronoun, p) || w.has(Cue::PossessivePronoun, p) {
                if w.has(Cue::Determiner, p) {
                    return self.pronoun_possessor(v, p);
                }
                return Fill::Empty;
            }
            let word = w.word(p);
            // "Trump's Saturday calls": a day qualifies the noun as an adjective does.
            let adjective = word == "-"
                || self.date_at(v, p).is_some()
                || (word.starts_with(char::is_lowercase)
                    && !w.has(Cue::Determiner, p)
                    && !w.has(Cue::Preposition, p)
                    && !w.has(Cue::SupportVerb, p)
                    && !w.has(Cue::Auxiliary, p)
                    && !w.has(Cue::Coordinator, p));
            if !adjective {
                break;
            }
            k = p;
        }
        Fill::Empty
    }

    /// The unit of a state or a place right before the noun (up to two adjectives between)
    /// that a possessive or a demonym qualifies before it: "its Syria operation", "Turkey's
    /// Syria operation", "the Israeli Gaza offensive"; with who that possessor is.
    fn theatre(&self, v: &View<'_>, occ: Occurrence) -> Option<(usize, Possessor)> {
        let w = &v.words;
        let mut p = occ.first.checked_sub(1)?;
        for _ in 0..2 {
            if v.unit_covering(p).is_some() || !v.is_plain_word(p) || p == 0 {
                break;
            }
            p -= 1;
        }
        let u = v.unit_ending(p)?;
        let unit = &v.units[u];
        let place = unit
            .entities
            .iter()
            .all(|&e| matches!(self.entity_type(e), EntityType::State | EntityType::Place));
        if unit.possessive || !place || unit.first != v.group_span(u).0 {
            return None;
        }
        let q = unit.first.checked_sub(1)?;
        if w.has(Cue::PossessivePronoun, q) {
            return Some((u, Possessor::Pronoun(q)));
        }
        let before = v.unit_ending(q)?;
        let qualifies = v.units[before].possessive || v.units[before].role == Role::Modifier;
        qualifies.then_some((u, Possessor::Unit(before)))
    }

    /// A possessive pronoun ("its", "his", "their") stands for the subject of its clause; right
    /// after a verb, for that verb's subject ("urged Israel to halt its strikes", "X said
    /// Ankara would continue its efforts").
    pub(super) fn pronoun_possessor(&self, v: &View<'_>, p: usize) -> Fill {
        let after_verb = p >= 2 && v.words.has(Cue::InfinitiveMarker, p - 2)
            || p >= 1 && (v.words.has(Cue::SupportVerb, p - 1) || v.verb_form_ends_at(p - 1));
        let subject = self.subject(v, if after_verb { p - 1 } else { p });
        // "imposed sanctions on Russia over its invasion", "commended the Pakistan Armed
        // Forces for their ... response": right after the one the verb acted on and a
        // preposition, the pronoun names it.
        let w = &v.words;
        if p >= 2 && w.has(Cue::Preposition, p - 1) && !w.has(Cue::Genitive, p - 1) {
            let acted_on = v
                .unit_ending(p - 2)
                .filter(|&u| v.units[u].role == Role::Actor)
                .map(|u| v.group_entities(u));
            if let (Some(acted_on), Fill::Found(s)) = (acted_on, &subject) {
                if acted_on != *s {
                    return Fill::Found(acted_on);
                }
            }
        }
        match subject {
            Fill::Found(e) => Fill::Found(e),
            _ => self.speaker(v, p),
        }
    }

    /// The subject of the verb whose object the noun is ("X carried out strikes", "X held a
    /// call with Y"), or the "by" phrase of such a verb after the noun ("the attack carried out
    /// by X").
    fn support(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let relation = &self.schema.frames[occ.frame].relation;
        match self.support_verb(v, occ) {
            // "an attack that drew widespread condemnation": the subject received the act;
            // who did it is told elsewhere ("from X"), unless the act has no direction (a call
            // received is a call held).
            Some(Support::Before(verb))
                if v.words.has(Cue::Reception, verb) && !relation.is_symmetric() =>
            {
                Fill::Empty
            }
            Some(Support::Before(verb)) => self.subject(v, verb),
            Some(Support::After { by, .. }) => self.agent_after(v, by, occ),
            None => Fill::Empty,
        }
    }

    /// Whether the noun's support verb claims it ("X claimed responsibility for the attack",
    /// "the attack was claimed by X"; lexicon list `responsibility claim`): its edges are claims.
    pub(super) fn claims_responsibility(&self, v: &View<'_>, occ: Occurrence) -> bool {
        let verb = match self.support_verb(v, occ) {
            Some(Support::Before(verb) | Support::After { verb, .. }) => verb,
            None => return false,
        };
        v.words.has(Cue::ResponsibilityClaim, verb)
    }

    /// The verb whose object the noun is (see [`Engine::support`]).
    fn support_verb(&self, v: &View<'_>, occ: Occurrence) -> Option<Support> {
        let w = &v.words;
        // Leftwards over the noun phrase to its verb (past "what they said were").
        let mut k = occ.first;
        let mut start = v.clauses().at(occ.first).start;
        while start > 0 && v.is_aside(start - 1) {
            start = v.clauses().at(start - 1).start;
        }
        while k > start && k + NEAR + 4 > occ.first {
            let p = k - 1;
            if let Some(s) = (p.saturating_sub(3)..=p)
                .find(|&s| w.cue_len(Cue::SupportVerb, s).is_some_and(|l| s + l == k))
                .filter(|&s| !v.qualifies_noun(s))
            {
                if s > 0 && w.has(Cue::Auxiliary, s - 1) && w.has(Cue::AgentMarker, k) {
                    break;
                }
                return Some(Support::Before(s));
            }
            // "a series of strikes", "a wave of attacks": a quantity of the noun.
            let quantity = w.has(Cue::Genitive, p) && p > 0 && v.is_plain_word(p - 1);
            // "a Saturday phone call": the day names no one.
            let part_of_phrase = v.is_aside(p)
                || quantity
                || w.lexeme(p).calendar
                || w.has(Cue::Determiner, p)
                || v.unit_covering(p)
                    .is_some_and(|u| v.units[u].role == Role::Modifier)
                || matches!(w.word(p), "-" | "“" | "”" | "\"" | "'" | "‘" | "’")
                || w.word(p).starts_with(|c: char| c.is_ascii_digit())
                || (w.word(p).starts_with(char::is_lowercase)
                    && !w.has(Cue::Preposition, p)
                    && !w.has(Cue::Auxiliary, p)
                    && !w.has(Cue::Coordinator, p));
            // "X had condemned the strikes": the verb of another frame governs the noun.
            if !part_of_phrase || v.verb_form_ends_at(p) {
                break;
            }
            k = p;
        }
        // Rightwards: "the attack carried out by X", "The operation, named Y, was carried out
        // by X", "The strike on the base was claimed by X".
        let mut k = occ.last + 1;
        if w.folded(k) == "," {
            // Past an apposition.
            k = (k + 1..(k + NEAR + 3).min(v.len()))
                .find(|&j| w.folded(j) == ",")
                .map_or(k, |j| j + 1);
        } else if w.has(Cue::Preposition, k) {
            // Past the noun's own phrases, to the auxiliary of its clause's verb.
            let own = v.clauses().index(occ.first);
            if let Some(aux) = (k + 1..(k + NEAR + 3).min(v.len()))
                .take_while(|&j| {
                    v.clauses().index(j) == own
                        && (w.has(Cue::Auxiliary, j)
                            || w.has(Cue::Preposition, j)
                            || w.has(Cue::Determiner, j)
                            || v.unit_covering(j).is_some()
                            || v.is_plain_word(j) && !v.verb_form_ends_at(j))
                })
                .find(|&j| w.has(Cue::Auxiliary, j))
            {
                k = aux;
            }
        }
        while k < v.len() && (w.has(Cue::Auxiliary, k) || v.is_adverb(k)) {
            k += 1;
        }
        // "The attack was claimed by X": who claims it carried it out.
        let verb = w
            .cue_len(Cue::SupportVerb, k)
            .or_else(|| w.cue_len(Cue::ResponsibilityClaim, k));
        if let Some(len) = verb {
            // "had been carried out on an outpost, also in Hatay, by members of the YPG": past
            // the phrases of where and when, up to another verb or clause.
            let by = (k + len..(k + len + 2 * NEAR).min(v.len()))
                .take_while(|&j| {
                    !v.verb_form_ends_at(j)
                        && ![
                            Cue::RelativePronoun,
                            Cue::Subordinator,
                            Cue::ReportingVerb,
                            Cue::SupportVerb,
                        ]
                        .iter()
                        .any(|&c| w.has(c, j))
                })
                .find(|&j| w.has(Cue::AgentMarker, j));
            if let Some(by) = by {
                return Some(Support::After { verb: k, by });
            }
        }
        None
    }

    /// For a noun in a prepositional phrase ("in a phone call", "during the call", "in
    /// retaliatory strikes"), the subject of the clause around it and that clause's object.
    fn host(&self, v: &View<'_>, occ: Occurrence) -> (Fill, Fill) {
        // "soldiers were killed in an airstrike": the clause's subject suffered the act.
        if self.victim(v, occ) != Fill::Empty {
            return (Fill::Empty, Fill::Empty);
        }
        let w = &v.words;
        let mut k = occ.first;
        // "over" may be a determiner ("over 100 people") but here opens the phrase ("Over a
        // phone call, X and Y discussed").
        while k > 0
            && (w.has(Cue::Determiner, k - 1) && !w.has(Cue::Circumstance, k - 1)
                || w.lexeme(k - 1).calendar
                || (w.word(k - 1).starts_with(char::is_lowercase)
                    && !w.has(Cue::Preposition, k - 1)
                    && !w.has(Cue::SupportVerb, k - 1)
                    // "in condemning the attack": the attack is the verb's, not the phrase's.
                    && !v.verb_form_ends_at(k - 1)))
            && k + NEAR > occ.first
        {
            k -= 1;
        }
        let Some(prep) = k.checked_sub(1).filter(|&p| w.has(Cue::Circumstance, p)) else {
            return (Fill::Empty, Fill::Empty);
        };
        let clause_start = v.clauses().at(prep).start;
        let fronted = (clause_start..prep).all(|t| v.is_adverb(t) || w.folded(t) == ",");
        if fronted {
            // "In a telephone conversation with X on Saturday, Y voiced concern": the subject
            // follows the phrase's comma; the object follows the subject's verb.
            let Some(comma) = (occ.last + 1..v.len()).find(|&j| w.folded(j) == ",") else {
                return (Fill::Empty, Fill::Empty);
            };
            let subject = (comma + 1..v.len())
                .find_map(|j| {
                    v.unit_starting(j)
                        .filter(|&u| v.units[u].role == Role::Actor && v.units[u].first == j)
                })
                .filter(|&u| v.units[u].first <= comma + 4);
            let Some(s) = subject else {
                return (Fill::Empty, Fill::Empty);
            };
            let (_, last) = v.group_span(s);
            let verb = v.skip_adverbs(last + 1);
            // Or the one the verb acts with ("Y discussed the situation with Z").
            let end = v.clauses().at(verb).end;
            let with = || {
                (verb + 1..end)
                    .find(|&j| w.has(Cue::Comitative, j))
                    .and_then(|j| v.unit_starting(j + 1))
            };
            // "In each call, X said the US is committed": the name after a verb of saying may
            // open what is said.
            let reported =
                |o: usize| w.has(Cue::ReportingVerb, verb) && v.opens_verb_group_after(o);
            // Two or more subjects are the parties themselves ("X and Y discussed the Israeli
            // offensive").
            let object = match v
                .unit_starting(verb + 1)
                .filter(|&o| v.units[o].role == Role::Actor && !reported(o))
                .or_else(with)
                .filter(|_| v.group(s).count() == 1)
            {
                Some(o) => self.found(v, o),
                None => Fill::Empty,
            };
            return (self.found(v, s), object);
        }
        // "X told Y, in a phone call, that ...": the object stands before the comma; without
        // one ("told Y in a phone conversation"), right before the phrase as the verb's object.
        let before = match prep.checked_sub(2).filter(|&c| w.folded(c + 1) == ",") {
            Some(c) => v.unit_ending(c),
            None => prep
                .checked_sub(1)
                .and_then(|c| v.unit_ending(c))
                .filter(|&o| self.object_of_verb(v, o)),
        };
        let subject = self.subject(v, prep);
        let object = match before {
            Some(o) => {
                if matches!(subject, Fill::Found(ref s) if *s == v.group_entities(o)) {
                    Fill::Empty
                } else {
                    self.found(v, o)
                }
            }
            None => Fill::Empty,
        };
        // "X said the US strike violated international law in a phone call with Y": a
        // reported clause whose subject is an event, not an actor, is what the call said.
        let clause = v.clauses().at(prep);
        let named = (clause.start..prep).any(|t| {
            v.unit_covering(t)
                .is_some_and(|u| v.units[u].role == Role::Actor)
        });
        let event = (clause.start..prep).any(|t| v.is_event_noun(t));
        if matches!(clause.kind, ClauseKind::Reported { .. }) && event && !named {
            return (self.speaker(v, prep), object);
        }
        // "..., X told Y in a phone conversation": the clause after a verb of telling starts
        // with the one told, and the teller is that verb's subject.
        let teller = || {
            before
                .and_then(|o| v.before_phrase(v.group_span(o).0))
                .map_or(Fill::Empty, |verb| self.subject(v, verb))
        };
        match subject {
            Fill::Empty => (teller(), object),
            subject => (subject, object),
        }
    }

    /// For a noun that names what the clause answers or fends off ("in response to attacks by
    /// X", "in retaliation for Indian strikes", "repel Tajik attacks"), the clause's subject:
    /// the one who answers was struck.
    fn responder(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let w = &v.words;
        let mut k = occ.first;
        while k > 0 && k + NEAR > occ.first {
            let p = k - 1;
            if let Some(s) = (p.saturating_sub(3)..=p)
                .find(|&s| w.cue_len(Cue::Response, s).is_some_and(|l| s + l == k))
            {
                let clause_start = v.clauses().at(s).start;
                if (clause_start..s).all(|t| v.is_adverb(t)) {
                    // Fronted: "In retaliation for the attacks, Afghan forces attacked ...".
                    let comma = (occ.last + 1..v.len()).find(|&j| w.folded(j) == ",");
                    if let Some(u) = comma.and_then(|c| v.unit_starting(c + 1)) {
                        return self.found(v, u);
                    }
                }
                // "X has waged war since May in response to ...": the subject of the clause the
                // adverbial hangs on.
                return match (self.subject(v, s), v.clauses().at(s)) {
                    (Fill::Empty, c) if c.kind == ClauseKind::Adverbial && c.start > 0 => {
                        self.subject(v, c.start - 1)
                    }
                    (found, _) => found,
                };
            }
            if w.has(Cue::Preposition, p) && !w.has(Cue::Response, p) {
                break;
            }
            k = p;
        }
        Fill::Empty
    }

    /// For a noun that tells the circumstance of a harm ("soldiers were killed in a Syrian
    /// airstrike", "X's death in a US airstrike", "the killing of X in a US airstrike"), who
    /// suffered it: the subject of the casualty (lexicon list `casualty`) in the noun's clause,
    /// or the possessor or the "of" phrase of a noun of what is done to someone right before
    /// the noun's preposition.
    fn victim(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let Some(prep) = self.circumstance_before(v, occ) else {
            return Fill::Empty;
        };
        let w = &v.words;
        if let Some(p) = prep.checked_sub(1) {
            // "Soleimani's death in": the possessor of the noun of harm.
            if w.has(Cue::PatientNoun, p) {
                return match p.checked_sub(1).and_then(|q| v.unit_covering(q)) {
                    Some(u) if v.units[u].possessive => self.found(v, u),
                    _ => Fill::Empty,
                };
            }
            // "the killing of X in": its "of" phrase.
            if let Some(u) = v.unit_ending(p) {
                let harmed = v.before_phrase(v.group_span(u).0).is_some_and(|of| {
                    w.has(Cue::Genitive, of) && of > 0 && w.has(Cue::PatientNoun, of - 1)
                });
                if harmed {
                    return self.found(v, u);
                }
            }
        }
        // "FARC commander killed in raid on Ecuador": a participle with no object before the
        // phrase tells a harm its subject suffered, as "were killed in" does.
        if let Some(p) = prep.checked_sub(1) {
            let participle =
                w.ends_with(Cue::ParticipleEnding, p) || w.has(Cue::IrregularParticiple, p);
            if participle && v.verb_form_ends_at(p) && self.harm_in_event(v, prep) {
                return self.subject(v, p);
            }
        }
        // "At least 33 soldiers were killed in Idlib on Thursday in an aerial attack".
        let clause = v.clauses().at(prep);
        let from = clause.start.max(prep.saturating_sub(3 * NEAR));
        match (from..prep).rfind(|&k| w.has(Cue::Casualty, k)) {
            Some(c) => self.subject(v, c),
            None => Fill::Empty,
        }
    }

    /// For a noun after the one a verb of blame names and a preposition ("blamed Iran for the
    /// attack", "accused Kabul of the raids"), the one blamed: it carried the event out.
    fn blamed(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        match self.blamed_before(v, occ.first) {
            Some(u) => self.found(v, u),
            None => Fill::Empty,
        }
    }

    /// The unit a verb of blame names before the preposition that opens the phrase starting at
    /// token `first` ("accused Kabul of the raids", "accused India of launching strikes").
    fn blamed_before(&self, v: &View<'_>, first: usize) -> Option<usize> {
        let w = &v.words;
        let prep = v
            .before_phrase(first)
            .filter(|&p| w.has(Cue::Preposition, p))?;
        let u = prep.checked_sub(1).and_then(|p| v.unit_ending(p))?;
        let mut b = v.group_span(u).0;
        while b > 0 && w.has(Cue::Determiner, b - 1) {
            b -= 1;
        }
        (b > 0 && w.has(Cue::Blame, b - 1)).then_some(u)
    }

    /// The preposition of circumstance that opens the noun phrase of the trigger `occ` ("in an
    /// Assad regime airstrike", "during the raids"), past its determiners, adjectives, dates
    /// and the names that qualify it.
    fn circumstance_before(&self, v: &View<'_>, occ: Occurrence) -> Option<usize> {
        let w = &v.words;
        let mut k = occ.first;
        while k > 0 && k + NEAR > occ.first {
            let p = k - 1;
            let in_phrase = w.has(Cue::Determiner, p) && !w.has(Cue::Circumstance, p)
                || v.is_plain_word(p)
                // "in a Hezbollah drone attack": a name right before the noun qualifies it.
                || v.unit_covering(p).is_some_and(|u| {
                    v.units[u].role == Role::Modifier || v.units[u].last + 1 == occ.first
                })
                || self.date_at(v, p).is_some()
                // "in an Assad regime airstrike": a name the document does not know.
                || w.capitalised(p) && v.unit_covering(p).is_none() && !w.has(Cue::Preposition, p)
                || matches!(w.word(p), "-" | "“" | "”" | "\"");
            if !in_phrase {
                break;
            }
            k = p;
        }
        k.checked_sub(1).filter(|&p| w.has(Cue::Circumstance, p))
    }

    /// The one who carried out the event the trigger is about: the event its object or its
    /// "of" phrase names, or, for an unattributed "the attack", the document's latest event of
    /// a conflict relation (the one that hit the agent's side, or of the day named).
    fn event(&self, v: &View<'_>, occ: Occurrence) -> Fill {
        let clause = v.clauses().at(occ.first);
        let anchor = self.schema.frames[occ.frame].anchor;
        // The event noun: in the phrase after the trigger, or, for a noun trigger, anywhere in
        // its clause ("This attack drew a rare rebuke", "a condemnation in response to X's
        // strikes"); in a relative clause, the antecedent ("the strikes, which X condemned").
        let after =
            (occ.last + 1..clause.end.min(occ.last + 1 + 2 * NEAR)).find(|&j| v.is_event_noun(j));
        let noun = after.or_else(|| match clause.kind {
            ClauseKind::Relative { marker } => (marker.saturating_sub(8)..marker)
                .rev()
                .find(|&j| v.is_event_noun(j)),
            // "X launched attacks on Y, prompting condemnation from Z": also in the clause the
            // noun's clause hangs on.
            _ if anchor == Anchor::Noun => (0..occ.first).rev().find(|&j| v.is_event_noun(j)),
            _ => None,
        });
        let Some(noun) = noun else {
            return Fill::Empty;
        };
        let victims: Vec<usize> = match self.subject(v, occ.first) {
            Fill::Found(a) => a.iter().map(|&x| self.state_of(x)).collect(),
            _ => Vec::new(),
        };
        self.event_at(v, noun, &victims)
    }

    /// Who carried out the event named by the noun at token `noun`: its own agent if the
    /// engine found one, else the latest event of the document before it (of the day named
    /// right before the noun, and preferably one that hit `victims`).
    fn event_at(&self, v: &View<'_>, noun: usize, victims: &[usize]) -> Fill {
        if let Some(agents) = self.own_agents(v, noun) {
            return Fill::Found(agents);
        }
        let day = (noun.saturating_sub(3)..noun).find_map(|k| self.date_at(v, k));
        let before = self
            .events
            .iter()
            .filter(|e| !e.agents.is_empty())
            .filter(|e| e.sentence < v.index || (e.sentence == v.index && e.last < noun));
        let fits_day = |e: &&super::Event| day.is_none() || e.date == day;
        let candidates: Vec<&super::Event> = before.filter(fits_day).collect();
        let found = candidates
            .iter()
            .rev()
            .find(|e| {
                e.targets
                    .iter()
                    .any(|t| victims.contains(&self.state_of(*t)))
            })
            .or_else(|| candidates.last());
        match found {
            Some(e) => Fill::Found(e.agents.clone()),
            None => Fill::Empty,
        }
    }

    /// Whom a settlement sought from token `start` concerns: who carries out the event it ends
    /// ("an end to the offensive by X", "a halt to Israeli strikes"; no one when the sentence
    /// does not say: "an end to the attacks on X" is not asked of X), else the first name in
    /// the phrase ("an end to the blockade of Qatar", both of "the Russia-Ukraine war").
    fn settled(&self, v: &View<'_>, start: usize, end: usize) -> Fill {
        let w = &v.words;
        for t in (start..end.min(start + NEAR + 2))
            .take_while(|&t| w.folded(t) != "," && !w.has(Cue::PairMarker, t))
        {
            if v.is_event_noun(t) {
                return self.own_agents(v, t).map_or(Fill::Empty, Fill::Found);
            }
            if let Some(u) = v.unit_covering(t) {
                let mut sides = v.group_entities(u);
                // "to end the Russia-Ukraine war": names joined by a hyphen are its two sides.
                let last = v.units[u].last;
                if w.word(last + 1) == "-" {
                    if let Some(next) = v.unit_starting(last + 2) {
                        sides.extend(v.group_entities(next));
                    }
                }
                return Fill::Found(sides);
            }
        }
        Fill::Empty
    }

    /// Who carried out the event named by the noun at token `noun`, if its sentence says.
    fn own_agents(&self, v: &View<'_>, noun: usize) -> Option<Vec<usize>> {
        self.events
            .iter()
            .find(|e| e.sentence == v.index && e.first <= noun && noun <= e.last)
            .filter(|e| !e.agents.is_empty())
            .map(|e| e.agents.clone())
    }

    /// The date value written at token `k`, if a date expression covers it.
    pub(super) fn date_at(&self, v: &View<'_>, k: usize) -> Option<crate::dates::DateValue> {
        let s = &self.doc.analyzed.sentences[v.index];
        let tok = s.sentence.tokens.get(k)?;
        s.dates
            .iter()
            .find(|d| d.start <= tok.start && tok.end <= d.end)
            .map(|d| d.value)
    }

    /// The anchor mention's entity (entity anchors).
    fn anchor_entity(&self, si: usize, occ: Occurrence) -> Fill {
        let found: Vec<usize> = self.doc.mentions[si]
            .iter()
            .filter(|m| m.first == occ.first && m.last == occ.last)
            .map(|m| m.entity)
            .collect();
        if found.is_empty() {
            Fill::Empty
        } else {
            Fill::Found(found)
        }
    }

    /// The state or organisation the anchor official serves, as the document tells it.
    fn affiliation(&self, si: usize, occ: Occurrence) -> Fill {
        let Fill::Found(officials) = self.anchor_entity(si, occ) else {
            return Fill::Empty;
        };
        let titled = self.doc.mentions[si]
            .iter()
            .any(|m| m.first == occ.first && m.office.is_some());
        if !titled {
            return Fill::Empty;
        }
        let out: Vec<usize> = officials
            .into_iter()
            .filter_map(|e| self.doc.affiliate(e))
            .collect();
        if out.is_empty() {
            Fill::Empty
        } else {
            Fill::Found(out)
        }
    }
}
