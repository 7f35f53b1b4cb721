//! The names of the cue lists of `schema/lexicon.tsv`: the word lists extraction rules consult.

use std::fmt;
use std::str::FromStr;

macro_rules! cues {
    ($($variant:ident = $name:literal,)*) => {
        /// A cue list of the lexicon, named in `lexicon.tsv` by [`Cue::name`]. Every one must be
        /// there for the schema to load.
        ///
        /// ```
        /// use newsgraph::stages::Cue;
        /// assert_eq!("reporting verb".parse::<Cue>(), Ok(Cue::ReportingVerb));
        /// assert_eq!(Cue::ReportingVerb.name(), "reporting verb");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Cue {
            $($variant,)*
        }

        impl Cue {
            pub const ALL: &[Cue] = &[$(Cue::$variant,)*];

            /// The list's name in `lexicon.tsv`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Cue::$variant => $name,)*
                }
            }
        }
    };
}

cues! {
    Restraint = "restraint",
    Preposition = "preposition",
    ReportingVerb = "reporting verb",
    SupportVerb = "support verb",
    NegatingPrefix = "negating prefix",
    Naming = "naming",
    LocationNoun = "location noun",
    WaterBody = "water body",
    ForceNoun = "force noun",
    Weapon = "weapon",
    Shootdown = "shootdown",
    OrganNoun = "organ noun",
    BodyHead = "body head",
    Honorific = "honorific",
    TitleModifier = "title modifier",
    Dyad = "dyad",
    GroupNoun = "group noun",
    GroupKind = "group kind",
    Scene = "scene",
    GroupHead = "group head",
    GroupAnaphor = "group anaphor",
    OperationIntro = "operation intro",
    PlaceHead = "place head",
    Response = "response",
    LineJoiner = "line joiner",
    EventNoun = "event noun",
    Pronoun = "pronoun",
    Negation = "negation",
    Adverb = "adverb",
    Determiner = "determiner",
    Coordinator = "coordinator",
    RelativePronoun = "relative pronoun",
    Subordinator = "subordinator",
    Condition = "condition",
    Complementizer = "complementizer",
    Denial = "denial",
    Intention = "intention",
    Future = "future",
    Possibility = "possibility",
    Attribution = "attribution",
    Auxiliary = "auxiliary",
    AppealParticle = "appeal particle",
    PurposeParticle = "purpose particle",
    NameParticle = "name particle",
    Specifier = "specifier",
    NotParticiple = "not participle",
    NamingVerb = "naming verb",
    PairMarker = "pair marker",
    SourcePreposition = "source preposition",
    Rejection = "rejection",
    PossessivePronoun = "possessive pronoun",
    InfinitiveMarker = "infinitive marker",
    AddresseeVerb = "addressee verb",
    FunctionWord = "function word",
    Circumstance = "circumstance",
    Genitive = "genitive",
    Allegation = "allegation",
    Denunciation = "denunciation",
    ObjectPronoun = "object pronoun",
    Inclusion = "inclusion",
    StanceVerb = "stance verb",
    PersonalOffice = "personal office",
    Negotiation = "negotiation",
    AgreementVerb = "agreement verb",
    Projectile = "projectile",
    TelephoneMode = "telephone mode",
    PatientNoun = "patient noun",
    Casualty = "casualty",
    Blame = "blame",
    ResponsibilityClaim = "responsibility claim",
    Backing = "backing",
    Leading = "leading",
    Settlement = "settlement",
    Necessity = "necessity",
    PhraseLink = "phrase link",
    Ownership = "ownership",
    Reciprocal = "reciprocal",
    TitleLink = "title link",
    ServingLink = "serving link",
    Portfolio = "portfolio",
    PersonalPronoun = "personal pronoun",
    ImpersonalPronoun = "impersonal pronoun",
    StateAnaphor = "state anaphor",
    PluralTitle = "plural title",
    Comitative = "comitative",
    Posting = "posting",
    Article = "article",
    DefiniteArticle = "definite article",
    OneLetterWord = "one-letter word",
    NameJoiner = "name joiner",
    PlaceBreak = "place break",
    AdverbEnding = "adverb ending",
    AdjectiveEnding = "adjective ending",
    ParticipleEnding = "participle ending",
    GerundEnding = "gerund ending",
    PossessiveEnding = "possessive ending",
    PluralEnding = "plural ending",
    IrregularParticiple = "irregular participle",
    PerfectAuxiliary = "perfect auxiliary",
    AgentMarker = "agent marker",
    Parenthetical = "parenthetical",
    Likening = "likening",
    RelativeTitle = "relative title",
    SourceMarker = "source marker",
    OperationWord = "operation word",
    Byline = "byline",
    Reception = "reception",
}

impl FromStr for Cue {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        Cue::ALL
            .iter()
            .copied()
            .find(|c| c.name() == name)
            .ok_or_else(|| format!("unknown cue list {name:?}"))
    }
}

impl fmt::Display for Cue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
