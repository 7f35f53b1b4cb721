//! Argument frames: for each relation, the words that signal it and where its agent and its
//! target stand around them, as `schema/frames.tsv` declares them. The relation stage has one
//! engine that fills any frame; a frame is data.

use std::fmt;
use std::str::FromStr;

use crate::cue::Cue;
use crate::edge::RelationKind;
use crate::entity::EntityType;
use crate::phrases::PhraseSet;

/// What a frame's trigger is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// A verb of the frame's forms: "X struck Y"; passive voice swaps agent and target.
    Verb,
    /// A noun of the frame's forms: "the Israeli attack on Y".
    Noun,
    /// A mention of an entity of this type (an operation, an official).
    Entity(EntityType),
}

/// A place in the sentence where an argument may stand (see `schema/frames.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Subject,
    Object,
    /// The noun phrase after this preposition, after the trigger: its words, folded, split
    /// once here rather than at each trigger (a preposition may have several: "in front of").
    Prep(Vec<String>),
    Between,
    By,
    From,
    Modifier,
    Support,
    Host,
    HostObject,
    /// The subject of the clause when the trigger names what it answers ("in response to").
    Responder,
    /// Who suffered the harm the trigger's phrase tells the circumstance of ("were killed in
    /// an airstrike", "X's death in an airstrike").
    Victim,
    /// Whom a verb of blame holds to account for the event the trigger names ("blamed Iran
    /// for the attack").
    Blamed,
    /// The place or state named between the agent's possessive or demonym and the noun ("its
    /// Syria operation", "the Israeli Gaza offensive"): where the act struck.
    Theatre,
    Event,
    Speaker,
    Parties,
    SelfAnchor,
    Affiliation,
}

impl FromStr for Slot {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "subject" => Slot::Subject,
            "object" => Slot::Object,
            "between" => Slot::Between,
            "by" => Slot::By,
            "from" => Slot::From,
            "modifier" => Slot::Modifier,
            "support" => Slot::Support,
            "host" => Slot::Host,
            "host-object" => Slot::HostObject,
            "responder" => Slot::Responder,
            "victim" => Slot::Victim,
            "blamed" => Slot::Blamed,
            "theatre" => Slot::Theatre,
            "event" => Slot::Event,
            "speaker" => Slot::Speaker,
            "parties" => Slot::Parties,
            "self" => Slot::SelfAnchor,
            "affiliation" => Slot::Affiliation,
            other => match other.strip_prefix("prep:") {
                Some(p) if !p.is_empty() => Slot::Prep(
                    crate::phrases::fold(p)
                        .split(' ')
                        .map(String::from)
                        .collect(),
                ),
                _ => return Err(format!("unknown slot {other:?}")),
            },
        })
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Slot::Subject => "subject",
            Slot::Object => "object",
            Slot::Prep(words) => return write!(f, "prep:{}", words.join(" ")),
            Slot::Between => "between",
            Slot::By => "by",
            Slot::From => "from",
            Slot::Modifier => "modifier",
            Slot::Support => "support",
            Slot::Host => "host",
            Slot::HostObject => "host-object",
            Slot::Responder => "responder",
            Slot::Victim => "victim",
            Slot::Blamed => "blamed",
            Slot::Theatre => "theatre",
            Slot::Event => "event",
            Slot::Speaker => "speaker",
            Slot::Parties => "parties",
            Slot::SelfAnchor => "self",
            Slot::Affiliation => "affiliation",
        };
        f.write_str(name)
    }
}

/// One row of `frames.tsv`.
#[derive(Debug, Clone)]
pub struct Frame {
    pub relation: RelationKind,
    pub anchor: Anchor,
    /// The trigger words (empty for entity anchors).
    pub forms: PhraseSet,
    pub agent: Slots,
    pub target: Slots,
    /// An edge only if the trigger's complement holds a word of each of these lists, in this
    /// order ("stressed the need for a ceasefire": a need, then what is asked).
    pub requires: Vec<Cue>,
    /// No edge when the word after the trigger is in this list.
    pub unless_next: Option<Cue>,
    /// An object of this list names no target but an event between the targets ("mediated
    /// the talks"): the object slot stays empty and the next slots are read.
    pub through: Option<Cue>,
    /// An offer, a commitment or a readiness counts as the event.
    pub admits_intended: bool,
    /// The verb also names ("called the attack an act of sabotage").
    pub naming: bool,
    /// With no target, a subject of several that a word of this list marks as acting on one
    /// another ("X and Y both carried out strikes", "X and Y exchanged fire") acts on each other.
    pub reciprocal: Option<Cue>,
    /// The words say the agent started the event ("X telephoned Y"), which the edge of a
    /// symmetric relation cannot tell: its evidence names the agent as the caller.
    pub agent_is_caller: bool,
    /// The word itself makes its agent a third party ("mediated", "brokered", "mediation"):
    /// when no strike tells the document's parties, its agents are none of them.
    pub agent_is_mediator: bool,
    /// Its targets are the document's parties and its agents none of them ("X spoke to Y
    /// about a ceasefire" addresses Y as a side only when Y is one and X is not).
    pub parties_only: bool,
}

impl Frame {
    /// Parses the options column: `|` separated `requires=CUE[+CUE...]`, `unless-next=CUE`,
    /// `through=CUE`, `admits=intended`, `naming`, `reciprocal=CUE`, `caller=agent` (on a
    /// symmetric relation only: the edge of any other has the agent's direction), `mediator`
    /// (on a relation of third parties only), `parties-only`.
    pub fn set_options(&mut self, options: &str) -> Result<(), String> {
        for option in options.split('|').map(str::trim).filter(|o| !o.is_empty()) {
            match option.split_once('=') {
                Some(("requires", cues)) => {
                    self.requires = cues
                        .split('+')
                        .map(str::parse::<Cue>)
                        .collect::<Result<_, _>>()?
                }
                Some(("unless-next", cue)) => self.unless_next = Some(cue.parse::<Cue>()?),
                Some(("through", cue)) => self.through = Some(cue.parse::<Cue>()?),
                Some(("reciprocal", cue)) => self.reciprocal = Some(cue.parse::<Cue>()?),
                Some(("admits", "intended")) => self.admits_intended = true,
                Some(("caller", "agent")) if self.relation.is_symmetric() => {
                    self.agent_is_caller = true
                }
                Some(("caller", "agent")) => {
                    return Err(format!(
                        "caller=agent on {:?}, which is not symmetric: its edges go from the agent",
                        self.relation.as_str()
                    ))
                }
                Some(("caller", other)) => {
                    return Err(format!(
                        "unknown caller {other:?} (the only one is \"agent\")"
                    ))
                }
                None if option == "naming" => self.naming = true,
                None if option == "parties-only" => self.parties_only = true,
                None if option == "mediator" && self.relation.flags().third_party => {
                    self.agent_is_mediator = true
                }
                None if option == "mediator" => {
                    return Err(format!(
                        "mediator on {:?}, which is no relation of third parties",
                        self.relation.as_str()
                    ))
                }
                _ => return Err(format!("unknown option {option:?}")),
            }
        }
        Ok(())
    }
}

/// The places an argument may stand, tried in order; each place is one slot or several read
/// together (their entities joined).
pub type Slots = Vec<Vec<Slot>>;

/// Parses slots: `|` separates the alternatives, tried in order; `+` joins slots read together
/// ("object+prep:in": what the verb acts on and where).
pub fn slots(field: &str) -> Result<Slots, String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|alternative| alternative.split('+').map(|s| s.trim().parse()).collect())
        .collect()
}

impl FromStr for Anchor {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "verb" => Ok(Anchor::Verb),
            "noun" => Ok(Anchor::Noun),
            other => match other.strip_prefix("entity:") {
                Some(t) => t
                    .parse::<EntityType>()
                    .map(Anchor::Entity)
                    .map_err(|_| format!("unknown entity type {t:?}")),
                None => Err(format!(
                    "unknown anchor {other:?} (verb, noun or entity:TYPE)"
                )),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_round_trip_through_their_names() {
        let field = "subject|object+prep:on|between|by|from|modifier|support|host|host-object|responder|victim|blamed|theatre|event|speaker|parties|self|affiliation";
        let parsed = slots(field).unwrap();
        let names: Vec<String> = parsed
            .iter()
            .map(|a| a.iter().map(Slot::to_string).collect::<Vec<_>>().join("+"))
            .collect();
        assert_eq!(names.join("|"), field);
        assert_eq!(parsed[1].len(), 2);
        assert!(slots("subject|sideways").unwrap_err().contains("sideways"));
    }

    #[test]
    fn anchors_name_a_part_of_speech_or_an_entity_type() {
        assert_eq!("verb".parse::<Anchor>(), Ok(Anchor::Verb));
        assert_eq!(
            "entity:Operation".parse::<Anchor>(),
            Ok(Anchor::Entity(EntityType::Operation))
        );
        assert!("adverb".parse::<Anchor>().is_err());
        assert!("entity:Planet".parse::<Anchor>().is_err());
    }
}
