//! Stage 3: a sentence's words → a shallow analysis of its clauses: where each clause starts and
//! ends, what it is to the sentence (main, relative, reported, participle, adverbial), who
//! reports a reported one, and whether it asserts, claims, denies, intends or supposes. Words are
//! read only through the lexicon's lists, so the English is in `schema/lexicon.tsv`.

use crate::cue::Cue;
use crate::phrases::Words;

/// What a clause is to the sentence around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// The sentence's own clause, or one of several joined by ";".
    Main,
    /// ", which mediated ...": its antecedent ends before the comma at `marker - 1`.
    Relative { marker: usize },
    /// What a reporting verb reports: "X said (that) ...", "..., X said", "X: ...". `verb` is the
    /// reporting verb's first token; the reporter is named next to it.
    Reported { verb: usize },
    /// ", urging both sides to ...": hangs on the subject of the clause before it.
    Participle,
    /// "after Iran struck ...", "if its territory is attacked": a clause with a subject of its own.
    Adverbial,
}

/// How a clause puts forward what it says. Only asserted and claimed events become edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stance {
    Asserted,
    /// Reported speech, a quotation, "according to".
    Claimed,
    /// The complement of a denial ("denied that ...").
    Denied,
    /// A threat, a vow, a plan ("vowed that ...", "would launch").
    Intended,
    /// A condition or a possibility ("if ...", "could").
    Hypothetical,
    /// Negated ("did not attack").
    Negated,
}

/// One clause: a token range of its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub start: usize,
    /// Exclusive.
    pub end: usize,
    pub kind: ClauseKind,
    /// The clause it depends on (none for a main clause).
    pub parent: Option<usize>,
    pub stance: Stance,
}

impl Clause {
    fn new(start: usize, kind: ClauseKind, parent: Option<usize>, stance: Stance) -> Self {
        Clause {
            start,
            end: start,
            kind,
            parent,
            stance,
        }
    }
}

/// The clauses of one sentence, which clause each token is in, and which tokens are quoted.
#[derive(Debug, Clone, Default)]
pub struct Clauses {
    pub clauses: Vec<Clause>,
    /// Per token, the index of its clause.
    clause_of: Vec<usize>,
    /// Per token, whether it is inside quotation marks.
    quoted: Vec<bool>,
    /// The sentence names its source ("according to X"): everything in it is claimed.
    attributed: bool,
}

impl Clauses {
    /// The index of the clause holding `token`.
    pub fn index(&self, token: usize) -> usize {
        self.clause_of.get(token).copied().unwrap_or(0)
    }

    pub fn at(&self, token: usize) -> &Clause {
        &self.clauses[self.index(token)]
    }

    /// Whether `token` stands in a relative or participle clause opened inside clause `outer`
    /// (", which chairs ASEAN," in "Malaysia, which chairs ASEAN, condemned"). Not an
    /// adverbial one: a comma may close it too early ("after twelve warplanes, including
    /// F-35 jets, conducted").
    pub fn aside_in(&self, token: usize, outer: usize) -> bool {
        if !matches!(
            self.at(token).kind,
            ClauseKind::Relative { .. } | ClauseKind::Participle
        ) {
            return false;
        }
        let mut parent = self.at(token).parent;
        while let Some(c) = parent {
            if c == outer {
                return true;
            }
            parent = self.clauses[c].parent;
        }
        false
    }

    /// The clause of `token` and its ancestors, nearest first.
    pub fn chain(&self, token: usize) -> impl Iterator<Item = &Clause> {
        let mut next = Some(self.index(token));
        std::iter::from_fn(move || {
            let c = self.clauses.get(next?)?;
            next = c.parent;
            Some(c)
        })
    }

    /// The strongest stance of the clause of `token` and of the clauses it depends on; a
    /// quotation or a named source makes an asserted clause claimed.
    pub fn stance(&self, token: usize) -> Stance {
        let own = self
            .chain(token)
            .map(|c| c.stance)
            .max()
            .unwrap_or(Stance::Asserted);
        if own == Stance::Asserted && (self.attributed || self.is_quoted(token)) {
            Stance::Claimed
        } else {
            own
        }
    }

    pub fn is_quoted(&self, token: usize) -> bool {
        self.quoted.get(token).copied().unwrap_or(false)
    }

    /// Whether two tokens are in the same clause.
    pub fn same(&self, a: usize, b: usize) -> bool {
        self.index(a) == self.index(b)
    }
}

/// Splits a sentence into clauses.
///
/// Clauses open at a relative pronoun after a comma, at a subordinator, at a participle after a
/// comma, after a reporting verb (and its "that"), and at ";" or a colon; a relative, participle
/// or fronted adverbial clause closes at the next comma that does not continue a list.
///
/// ```
/// use newsgraph::stages::{analyze_clauses, tokenize, ClauseKind, Lexed, Stance, Words};
/// use newsgraph::Schema;
/// let schema = Schema::load("schema")?;
/// let text = "Peru, which denied that it struck Chile, said it would respond.";
/// let tokens = tokenize(text);
/// let lexed = Lexed::new(text, &tokens, &schema);
/// let clauses = analyze_clauses(&Words::of_lexed(text, &tokens, &lexed, &schema));
/// assert!(matches!(clauses.at(3).kind, ClauseKind::Relative { .. }));
/// assert_eq!(clauses.stance(7), Stance::Denied); // "struck"
/// assert_eq!(clauses.at(9).kind, ClauseKind::Main); // "said"
/// assert_eq!(clauses.stance(13), Stance::Claimed); // "would"
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn analyze(words: &Words<'_>) -> Clauses {
    let n = words.len();
    let quoted = quotation(words);
    let mut clauses = vec![Clause::new(0, ClauseKind::Main, None, Stance::Asserted)];
    let mut clause_of = vec![0; n];
    // Open clauses, innermost last, each with whether a comma may close it.
    let mut stack: Vec<(usize, bool)> = vec![(0, false)];
    let mut i = 0;
    while i < n {
        // A comma, or a comma with the closing quote after it (",” killing ...").
        let after_comma = i > 0
            && (words.folded(i - 1) == ","
                || (i > 1 && is_closing_quote(words.word(i - 1)) && words.folded(i - 2) == ","));
        let top = stack.last().expect("the main clause stays open").0;
        let w = words.folded(i);
        if w == ";" || (w == ":" && !numeric(words, i)) {
            clause_of[i] = top;
            let clause = if w == ":" && clause_has_report(words, &clauses[top], i) {
                Clause::new(
                    i + 1,
                    ClauseKind::Reported { verb: i },
                    Some(top),
                    Stance::Claimed,
                )
            } else {
                stack.clear();
                Clause::new(i + 1, ClauseKind::Main, None, Stance::Asserted)
            };
            clauses.push(clause);
            stack.push((clauses.len() - 1, false));
            i += 1;
            continue;
        }
        if w == "," && stack.iter().any(|&(_, closable)| closable) && !continues_list(words, i) {
            // Close the innermost closable clause and whatever was reported inside it.
            while let Some((_, closable)) = stack.pop() {
                if closable {
                    break;
                }
            }
            clause_of[i] = stack
                .last()
                .expect("the outermost clause is not closable")
                .0;
            i += 1;
            continue;
        }
        // Most words start no phrase of the lists that open a clause: they stay in the open one.
        if words.lexeme(i).starts & CLAUSE_OPENERS == 0 && !(after_comma && is_participle(words, i))
        {
            clause_of[i] = top;
            i += 1;
            continue;
        }
        let opened = if after_comma && words.has(Cue::RelativePronoun, i) {
            Some(ClauseKind::Relative { marker: i })
        } else if words.has_verb(Cue::Subordinator, i) && i + 1 < n && !year(words, i + 1) {
            Some(ClauseKind::Adverbial)
        } else if after_comma && is_participle(words, i) {
            Some(ClauseKind::Participle)
        } else {
            None
        };
        if let Some(kind) = opened {
            let stance = if words.has(Cue::Condition, i) {
                Stance::Hypothetical
            } else {
                Stance::Asserted
            };
            clauses.push(Clause::new(i, kind, Some(top), stance));
            // An adverbial clause that follows its main verb ("attacked X after Y struck")
            // runs to the end; one that opens the sentence or follows a comma ends at a comma.
            let closable = kind != ClauseKind::Adverbial || i == 0 || after_comma;
            stack.push((clauses.len() - 1, closable));
            clause_of[i] = clauses.len() - 1;
            i += 1;
            continue;
        }
        if words.has_verb(Cue::ReportingVerb, i) && !parenthesis_before(words, i) {
            if let Some(comma) = reports_before(words, i, &quoted) {
                // What stands before the comma is reported, with the clauses opened inside it
                // ("X struck Y if Z attacked, officials said").
                stack.truncate(1);
                let top = stack[0].0;
                let start = clauses[top].start;
                clauses.push(Clause::new(
                    start,
                    ClauseKind::Reported { verb: i },
                    Some(top),
                    Stance::Claimed,
                ));
                let reported = clauses.len() - 1;
                for c in clause_of.iter_mut().take(comma).skip(start) {
                    if *c == top {
                        *c = reported;
                    }
                }
                // The reporter belongs to the clause that reports.
                for c in clause_of.iter_mut().take(i).skip(comma) {
                    *c = top;
                }
                for c in clauses.iter_mut().take(reported) {
                    if c.parent == Some(top) && c.start < comma {
                        c.parent = Some(reported);
                    }
                }
                clause_of[i] = top;
                i += 1;
                continue;
            }
        }
        if let Some(len) = complement_taker(words, i) {
            // "said (on Sunday) (that) ...", "denied that ...", "told X that ...": what follows
            // is reported, denied or intended.
            let mut start = i + len;
            if words.has(Cue::Complementizer, start) {
                start += 1;
            } else if words.folded(start) == "," && matches!(words.word(start + 1), "“" | "\"") {
                // "said, “...”": the quotation is what is reported.
                start += 2;
            }
            let stance = if words.has(Cue::Denial, i) {
                Stance::Denied
            } else if words.has(Cue::Intention, i) && !reports_done(words, i, start) {
                Stance::Intended
            } else {
                Stance::Claimed
            };
            for c in clause_of.iter_mut().take(start.min(n)).skip(i) {
                *c = top;
            }
            // "said:" opens its report at the colon (below).
            if start < n && !matches!(words.folded(start), "." | "," | "”" | "\"" | ":") {
                clauses.push(Clause::new(
                    start,
                    ClauseKind::Reported { verb: i },
                    Some(top),
                    stance,
                ));
                stack.push((clauses.len() - 1, false));
            }
            i = start;
            continue;
        }
        clause_of[i] = top;
        i += 1;
    }
    // Each clause spans its tokens.
    for c in &mut clauses {
        c.start = usize::MAX;
        c.end = 0;
    }
    for (t, &c) in clause_of.iter().enumerate() {
        clauses[c].start = clauses[c].start.min(t);
        clauses[c].end = clauses[c].end.max(t + 1);
    }
    for c in &mut clauses {
        // A clause that kept no token of its own (a complement cut short) is empty.
        c.start = c.start.min(c.end);
    }
    Clauses {
        clauses,
        clause_of,
        quoted,
        attributed: (0..n).any(|k| words.has(Cue::Attribution, k)),
    }
}

/// The lists a clause opens at (see [`analyze`] and [`complement_taker`]), as lexeme bits.
const CLAUSE_OPENERS: u128 = (1 << Cue::RelativePronoun as usize)
    | (1 << Cue::Subordinator as usize)
    | (1 << Cue::ReportingVerb as usize)
    | (1 << Cue::Denial as usize)
    | (1 << Cue::Intention as usize);

/// The lists of the verbs that close a parenthesis ([`parenthesis_before`]), as lexeme bits.
const PARENTHESIS_VERBS: u128 =
    (1 << Cue::ReportingVerb as usize) | (1 << Cue::NamingVerb as usize);

fn is_closing_quote(w: &str) -> bool {
    matches!(w, "”" | "\"" | "’")
}

/// A colon or semicolon between digits ("17:00") is no boundary.
fn numeric(words: &Words<'_>, i: usize) -> bool {
    let digit = |k: usize| words.word(k).starts_with(|c: char| c.is_ascii_digit());
    i > 0 && digit(i - 1) && digit(i + 1)
}

/// Whether the verb at `verb`, one of warning as much as of reporting, reports what has been
/// done in the clause from `start`: "warned that Russia has launched an invasion" (a perfect
/// before any modal), not "warned that it would strike".
fn reports_done(words: &Words<'_>, verb: usize, start: usize) -> bool {
    if !words.has(Cue::ReportingVerb, verb) {
        return false;
    }
    let end = (start + 6).min(words.len());
    (start..end)
        .take_while(|&k| !words.has(Cue::Future, k) && !words.has(Cue::Possibility, k))
        .any(|k| words.has(Cue::PerfectAuxiliary, k))
}

/// Whether token `i` is a year: "who have since 2021 seized": a subordinator before a year is a
/// preposition, and opens no clause.
fn year(words: &Words<'_>, i: usize) -> bool {
    let w = words.word(i);
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
}

/// "X said:", "Duran added:" — a reporting verb in the few words before the colon.
fn clause_has_report(words: &Words<'_>, clause: &Clause, colon: usize) -> bool {
    (clause.start.max(colon.saturating_sub(4))..colon)
        .any(|k| words.has_verb(Cue::ReportingVerb, k))
}

/// ", and X", ", Y and Z": a comma inside a list of names or phrases, not a clause's end.
fn continues_list(words: &Words<'_>, comma: usize) -> bool {
    if words.has(Cue::Coordinator, comma + 1) {
        return !words.has(Cue::Subordinator, comma + 2);
    }
    // ", Bolivia and Ecuador", ", Bolivia, Ecuador and Peru": a name and the list goes on.
    let name_end = (comma + 1..(comma + 5).min(words.len()))
        .find(|&k| !words.capitalised(k))
        .unwrap_or(comma + 1);
    name_end > comma + 1
        && (words.has(Cue::Coordinator, name_end) && !words.has(Cue::Subordinator, name_end + 1)
            || words.folded(name_end) == "," && continues_list(words, name_end))
}

/// A participle opening a clause after a comma: a word in "-ing" that is no preposition
/// ("including", "following") and no noun of the lexicon's list ("morning").
fn is_participle(words: &Words<'_>, i: usize) -> bool {
    words.folded(i).len() > 5
        && words.ends_with(Cue::GerundEnding, i)
        && !words.has(Cue::Preposition, i)
        && !words.has(Cue::NotParticiple, i)
}

/// The length of a word that takes a reported, denied or intended complement clause at `i`:
/// a reporting verb ("said", "told X"), a denial, or an intention followed by "that"
/// ("vowed that"), with the dates and the object that may stand between ("said Sunday that").
fn complement_taker(words: &Words<'_>, i: usize) -> Option<usize> {
    let len = words
        .verb_len(Cue::ReportingVerb, i)
        .or_else(|| words.verb_len(Cue::Denial, i))
        .or_else(|| {
            words
                .verb_len(Cue::Intention, i)
                .filter(|len| words.has(Cue::Complementizer, i + len))
        })?;
    // Not "the said agreement": a reporting verb right after a determiner is no verb; nor
    // "what they said were": a parenthesis inside a noun phrase; nor "claimed control of X":
    // the first word of a longer trigger; nor "was claimed by X": a passive, whose agent follows.
    if i > 0 && words.has(Cue::Determiner, i - 1)
        || parenthesis_before(words, i)
        || opens_longer_trigger(words, i, len)
        || words.has(Cue::AgentMarker, i + len)
    {
        return None;
    }
    // "said on Sunday that", "told Reuters that": a short phrase before "that" belongs to the
    // reporting clause.
    // A verb with an addressee ("told X, in a phone call, that") may have more before "that".
    let reach = if words.has(Cue::AddresseeVerb, i) {
        16
    } else {
        5
    };
    let that = (i + len..(i + len + reach).min(words.len()))
        .find(|&k| words.has(Cue::Complementizer, k))
        .filter(|&k| {
            // Commas may set off a phrase only after an addressee ("told X, in a call, that").
            let stops: &[&str] = if reach > 5 {
                &[".", "“", "\""]
            } else {
                &[",", ".", "“", "\""]
            };
            (i + len..k).all(|t| !stops.contains(&words.folded(t)))
        });
    let date_end = date_after(words, i + len);
    match that {
        Some(k) => Some(k - i),
        // "said Saturday it struck", "said on Sunday they would": the date belongs to the
        // reporting clause; what follows it is reported.
        None if date_end > i + len => Some(date_end - i),
        // "said on Sunday, ...", "said in a statement.": no clause follows; "announced
        // sanctions": a verb that also supports a noun reports only with "that"; "stressed
        // the need for a ceasefire": what is needed is the verb's object.
        None if words.has(Cue::Preposition, i + len)
            || words.has(Cue::SupportVerb, i)
            || words.has(Cue::Necessity, i + len) =>
        {
            None
        }
        None => Some(len),
    }
}

/// Whether a trigger form of more than `len` words starts at token `i`.
pub fn opens_longer_trigger(words: &Words<'_>, i: usize, len: usize) -> bool {
    let schema = words.schema();
    words.lexeme(i).trigger
        && schema.frames_starting(words.folded(i)).iter().any(|&f| {
            words
                .phrase_at(&schema.frames[f].forms, i)
                .is_some_and(|(l, _)| l > len)
        })
}

/// The end of a date that starts at `i` ("Saturday", "on Sunday", "on January 5",
/// "yesterday"), or `i` when none does.
fn date_after(words: &Words<'_>, i: usize) -> usize {
    let first = if words.has(Cue::Preposition, i) {
        i + 1
    } else {
        i
    };
    let mut end = first;
    while end < words.len() {
        let lexeme = words.lexeme(end);
        let numeral = end > first && words.word(end).bytes().all(|b| b.is_ascii_digit());
        if !(lexeme.calendar || lexeme.relative_day || numeral) {
            break;
        }
        end += 1;
    }
    if end > first {
        end
    } else {
        i
    }
}

/// Whether the verb at `i` closes a parenthesis that opened with "what" two or three words
/// before: "what they said were", "what it called", "what Iran described as".
///
/// Inlined, the rest apart: asked of every word of a sentence, and most are neither, which
/// their lexeme's bits tell without a call.
#[inline(always)]
pub fn parenthesis_before(words: &Words<'_>, i: usize) -> bool {
    words.lexeme(i).starts & PARENTHESIS_VERBS != 0 && parenthesis_closed_at(words, i)
}

/// [`parenthesis_before`] at a word that starts a phrase of its verbs' lists.
fn parenthesis_closed_at(words: &Words<'_>, i: usize) -> bool {
    (words.has_verb(Cue::ReportingVerb, i) || words.has_verb(Cue::NamingVerb, i))
        && (i.saturating_sub(4)..i).any(|k| words.has(Cue::Parenthetical, k))
}

/// Whether the reporting verb at `i` reports what came before it ("“...,” X said", "..., the
/// army said on Sunday, as ..."): a comma or closing quote a few words back with the reporter
/// between (or right after the verb: "..., said X"), and no complement after the verb. Not
/// past the quote mark that opens a quotation the verb is in (`quoted` after it): in `said,
/// "The attack revealed ...` the verb is quoted speech.
fn reports_before(words: &Words<'_>, i: usize, quoted: &[bool]) -> Option<usize> {
    let opens = |k: usize| match words.word(k) {
        "“" => true,
        "\"" => quoted.get(k + 1).copied().unwrap_or(false),
        _ => false,
    };
    let comma = (i.saturating_sub(8)..i)
        .rev()
        .take_while(|&k| !opens(k))
        .find(|&k| matches!(words.folded(k), "," | "”" | "\""))?;
    let content = |k: usize| {
        !(words.has(Cue::Adverb, k) || words.has(Cue::Auxiliary, k) || words.folded(k) == ",")
    };
    let reporter_before = (comma + 1..i).any(content);
    let reporter_after = (comma + 1..i).all(|k| !content(k)) && words.capitalised(i + 1);
    // "..., which X said killed ...": the verb reports what follows it.
    if comma < 2
        || !(reporter_before || reporter_after)
        || words.has(Cue::RelativePronoun, comma + 1)
    {
        return None;
    }
    // After the verb, only its date or source up to a comma or the end: "said on Sunday,".
    let len = words.cue_len(Cue::ReportingVerb, i).unwrap_or(1);
    let quote_next = |k: usize| matches!(words.word(k), "“" | "\"");
    if matches!(words.folded(i + len), ":") || quote_next(i + len) {
        return None;
    }
    // "In a statement, X said, “...”": a quotation after the comma is what the verb reports.
    if words.folded(i + len) == "," && quote_next(i + len + 1) {
        return None;
    }
    let rest = (i + len..words.len())
        .take_while(|&k| !matches!(words.folded(k), "," | "." | ";"))
        .count();
    let complement = (i + len..i + len + rest).any(|k| words.has(Cue::Complementizer, k));
    // Only a date, a place or the reporter's name after it ("said on Sunday", "said Sunday").
    let circumstance =
        rest == 0 || words.has(Cue::Preposition, i + len) || words.capitalised(i + len);
    (rest <= 6 && !complement && circumstance).then_some(comma)
}

/// Which tokens are inside quotation marks (straight quotes alternate, curly ones open and
/// close).
fn quotation(words: &Words<'_>) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut inside = false;
    for (i, q) in out.iter_mut().enumerate() {
        match words.word(i) {
            "“" => inside = true,
            "”" => inside = false,
            "\"" => inside = !inside,
            _ => *q = inside,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phrases::Lexed;
    use crate::schema::tests::shipped_schema;
    use crate::segment::tokenize;

    fn analyzed(text: &str) -> (Vec<String>, Clauses) {
        let tokens = tokenize(text);
        let lexed = Lexed::new(text, &tokens, shipped_schema());
        let words = Words::of_lexed(text, &tokens, &lexed, shipped_schema());
        let clauses = analyze(&words);
        let folded = (0..words.len()).map(|i| words.folded(i).to_string());
        (folded.collect(), clauses)
    }

    fn token(words: &[String], w: &str) -> usize {
        words
            .iter()
            .position(|x| x == w)
            .unwrap_or_else(|| panic!("{w}"))
    }

    #[test]
    fn a_relative_clause_closes_at_its_comma() {
        let (w, c) = analyzed("Qatar, which mediated talks, said the ceasefire holds.");
        assert!(matches!(
            c.at(token(&w, "mediated")).kind,
            ClauseKind::Relative { .. }
        ));
        assert_eq!(c.at(token(&w, "said")).kind, ClauseKind::Main);
        assert_eq!(c.stance(token(&w, "ceasefire")), Stance::Claimed);
    }

    #[test]
    fn reports_front_or_back_are_claimed() {
        let (w, c) = analyzed("Israel said on Saturday that it struck military sites.");
        assert_eq!(c.stance(token(&w, "struck")), Stance::Claimed);
        let (w, c) = analyzed("“We struck the bases,” the army said.");
        assert_eq!(c.stance(token(&w, "struck")), Stance::Claimed);
        assert_eq!(c.stance(token(&w, "army")), Stance::Asserted);
    }

    /// A date between the reporting verb and what it reports, with or without "that"
    /// (dev b03 arynews, b06 brecorder).
    #[test]
    fn a_date_after_the_reporting_verb_stays_with_it() {
        for text in [
            "Israel said Saturday it conducted air strikes against Iran on Saturday that hit military bases.",
            "The Israeli military said on Saturday that its fighter jets struck Houthi military targets.",
            "Israel said on Saturday it conducted air strikes against Iran.",
        ] {
            let (w, c) = analyzed(text);
            let verb = ["conducted", "struck"].map(|v| w.iter().position(|x| x == v));
            let verb = verb.into_iter().flatten().next().unwrap();
            assert_eq!(c.stance(verb), Stance::Claimed, "{text}");
            let reported = c.at(verb);
            assert!(matches!(reported.kind, ClauseKind::Reported { .. }), "{text}");
            assert!(reported.start > token(&w, "saturday"), "{text}");
        }
        // A comma after the date: nothing is reported there.
        let (w, c) = analyzed("Pakistan said on Thursday, after a meeting, it would retaliate.");
        assert_eq!(c.at(token(&w, "thursday")).kind, ClauseKind::Main);
    }

    /// "X said, “...”": the quotation is a reported clause of its own, which opens after the
    /// quote mark, so its verbs find their subjects inside it, and a reporting verb inside it
    /// reports nothing before the quote (dev a07 dailysabah, b07 shafaq).
    #[test]
    fn a_quotation_after_said_and_a_comma_is_reported() {
        for (text, verb, first) in [
            ("The Turkish Presidency's Director of Communications Burhanettin Duran said, \"Israel’s attacks on Syria target not only Syria’s stability and security but also the peace of our entire region.\"", "target", "israel"),
            ("In a statement, Iranian Foreign Ministry spokesman Nasser Kanaani said, \"The Hudaydah attack revealed the aggressive nature of the child-killing regime of Israel,\" warning of the risk of increased tension and the spread of war due to the \"dangerous adventurist moves by the Zionists.\"", "revealed", "the"),
        ] {
            let (w, c) = analyzed(text);
            let reported = c.at(token(&w, verb));
            assert!(matches!(reported.kind, ClauseKind::Reported { .. }), "{text}");
            assert_eq!(w[reported.start], first, "{text}");
            assert_eq!(w[reported.start - 1], "\"", "{text}");
            assert_eq!(c.stance(token(&w, verb)), Stance::Claimed, "{text}");
            assert_eq!(c.at(token(&w, "said")).kind, ClauseKind::Main, "{text}");
        }
        // What stands before the reporter's comma is then no report of theirs (b07 shafaq).
        let (w, c) = analyzed("In response to the Israeli airstrikes, Yemeni Army Spokesperson Yahya Saree said, \"Yemen is prepared for a long war with the Israeli regime until it stops the onslaught on the Gaza Strip.\"");
        assert_eq!(c.stance(token(&w, "airstrikes")), Stance::Asserted);
        assert_eq!(c.stance(token(&w, "prepared")), Stance::Claimed);
    }

    #[test]
    fn denials_and_conditions_reach_their_complement_only() {
        let (w, c) = analyzed("The minister denied that Eritrean forces had attacked Ethiopia.");
        assert_eq!(c.stance(token(&w, "attacked")), Stance::Denied);
        let (w, c) =
            analyzed("Iran vowed to strike back if its territory is attacked, officials said.");
        assert_eq!(c.stance(token(&w, "attacked")), Stance::Hypothetical);
        assert_eq!(c.stance(token(&w, "strike")), Stance::Claimed);
    }

    #[test]
    fn a_participle_after_a_comma_hangs_on_the_clause_before() {
        let (w, c) = analyzed("Brazil condemned the strikes, urging both sides to stop.");
        let p = c.at(token(&w, "urging"));
        assert_eq!(p.kind, ClauseKind::Participle);
        assert_eq!(p.parent, Some(c.index(token(&w, "condemned"))));
    }

    #[test]
    fn a_list_does_not_close_a_clause() {
        let (w, c) = analyzed("Peru, which struck Chile, Bolivia and Ecuador, later left.");
        assert!(c.same(token(&w, "struck"), token(&w, "ecuador")));
        assert!(!c.same(token(&w, "struck"), token(&w, "left")));
    }
}
