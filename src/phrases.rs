//! Word lists of the lexicon, matched against token sequences, and a sentence's words as the
//! stages after segmentation read them.

use std::cell::Cell;

use rustc_hash::FxHashMap;

use crate::cue::Cue;
use crate::schema::Schema;
use crate::segment::{tokenize, Token};

/// A set of phrases, each a sequence of one or more tokens, matched case-insensitively
/// (ASCII) and with typographic apostrophes equal to straight ones.
///
/// ```
/// use newsgraph::PhraseSet;
/// let mut set = PhraseSet::default();
/// set.insert("carried out");
/// set.insert("carried");
/// let words = ["Iran", "Carried", "out", "strikes"];
/// assert_eq!(set.longest_match(&words, 1), Some(2));
/// assert_eq!(set.longest_match(&words, 0), None);
/// ```
#[derive(Debug, Default, Clone)]
pub struct PhraseSet {
    /// Phrases by their first folded token, longest first, each with the id it was given.
    by_first: FxHashMap<String, Vec<(Vec<String>, u32)>>,
}

/// Folds a token for comparison: ASCII lower case, curly apostrophes straightened.
pub fn fold(token: &str) -> String {
    token.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '`' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        c => c.to_ascii_lowercase(),
    }
}

/// `fold(word)`, without allocating when the word is short ASCII (nearly always), and without
/// copying when it is already folded.
fn folded_key<'b>(word: &'b str, buf: &'b mut [u8; 48]) -> std::borrow::Cow<'b, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
    {
        std::borrow::Cow::Borrowed(word)
    } else if word.len() <= buf.len() && word.bytes().all(|b| b.is_ascii() && b != b'`') {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        std::borrow::Cow::Borrowed(std::str::from_utf8(out).expect("ASCII"))
    } else {
        std::borrow::Cow::Owned(fold(word))
    }
}

/// `folded == fold(word)`, without allocating.
fn folded_eq(folded: &str, word: &str) -> bool {
    let mut a = folded.chars();
    let mut b = word.chars().map(fold_char);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

impl PhraseSet {
    pub fn insert(&mut self, phrase: &str) {
        self.insert_with_id(phrase, 0);
    }

    /// Adds a phrase that [`PhraseSet::longest_match_id`] reports with `id`.
    pub fn insert_with_id(&mut self, phrase: &str, id: u32) {
        let words: Vec<String> = tokenize(phrase)
            .iter()
            .map(|t| fold(t.text(phrase)))
            .collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        if !list.iter().any(|(w, _)| *w == words) {
            list.push((words, id));
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// Length in tokens of the longest phrase that starts at `words[i]`.
    pub fn longest_match<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<usize> {
        self.longest_match_id(words, i).map(|(len, _)| len)
    }

    /// Length and id of the longest phrase that starts at `words[i]`.
    pub fn longest_match_id<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, u32)> {
        let mut buf = [0u8; 48];
        let first = folded_key(words.get(i)?.as_ref(), &mut buf);
        self.by_first
            .get(first.as_ref())?
            .iter()
            .find_map(|(phrase, id)| {
                let fits = phrase.len() <= words.len() - i
                    && phrase[1..]
                        .iter()
                        .zip(&words[i + 1..])
                        .all(|(p, w)| folded_eq(p, w.as_ref()));
                fits.then_some((phrase.len(), *id))
            })
    }

    /// Length of the longest phrase that ends at `words[end - 1]`.
    pub fn longest_match_ending<S: AsRef<str>>(&self, words: &[S], end: usize) -> Option<usize> {
        (0..end).find_map(|start| {
            (self.longest_match(&words[..end], start) == Some(end - start)).then_some(end - start)
        })
    }

    /// Whether a single word is in the set.
    pub fn contains(&self, word: &str) -> bool {
        let mut buf = [0u8; 48];
        let w = folded_key(word, &mut buf);
        self.by_first
            .get(w.as_ref())
            .is_some_and(|l| l.iter().any(|(p, _)| p.len() == 1))
    }

    /// The folded first word of every phrase.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// A sentence's words as the later stages read them: each token's text, folded once, and the
/// lexicon's word lists matched at each position on demand.
///
/// ```
/// use newsgraph::{Cue, Schema, Words};
/// let schema = Schema::load("schema")?;
/// let text = "Iran’s Foreign Ministry said it would not respond.";
/// let tokens = newsgraph::tokenize(text);
/// let words = Words::new(text, &tokens, &schema);
/// assert_eq!(words.folded(1), "'");
/// assert!(words.has(Cue::ReportingVerb, 5));
/// assert_eq!(words.cue_len(Cue::Negation, 8), Some(1));
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub struct Words<'a> {
    text: Vec<&'a str>,
    folded: Vec<String>,
    schema: &'a Schema,
    /// Per token and cue list, the length of the phrase found there, once looked up
    /// ([`UNKNOWN`] before): the stages ask the same questions of a token many times.
    lengths: Vec<Cell<u8>>,
    /// Per token, the cue lists that have a phrase starting with it.
    starts: Vec<u128>,
}

/// A length not looked up yet.
const UNKNOWN: u8 = u8::MAX;

impl<'a> Words<'a> {
    pub fn new(text: &'a str, tokens: &[Token], schema: &'a Schema) -> Self {
        let text: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        let folded: Vec<String> = text.iter().map(|w| fold(w)).collect();
        let lengths = vec![Cell::new(UNKNOWN); text.len() * Cue::ALL.len()];
        let starts = folded.iter().map(|w| schema.cue_starts(w)).collect();
        Words {
            text,
            folded,
            schema,
            lengths,
            starts,
        }
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The token as written ("" past the end).
    pub fn word(&self, i: usize) -> &'a str {
        self.text.get(i).copied().unwrap_or("")
    }

    /// The token folded ("" past the end).
    pub fn folded(&self, i: usize) -> &str {
        self.folded.get(i).map_or("", String::as_str)
    }

    pub fn all_folded(&self) -> &[String] {
        &self.folded
    }

    /// Length in tokens of the longest phrase of `cue` that starts at token `i`.
    pub fn cue_len(&self, cue: Cue, i: usize) -> Option<usize> {
        if i >= self.len() || self.starts[i] & (1 << cue as usize) == 0 {
            return None;
        }
        let memo = &self.lengths[i * Cue::ALL.len() + cue as usize];
        if memo.get() == UNKNOWN {
            let found = self.schema.cue(cue).longest_match(&self.folded, i);
            memo.set(found.map_or(0, |l| l.min(usize::from(UNKNOWN) - 1) as u8));
        }
        Some(usize::from(memo.get())).filter(|&l| l > 0)
    }

    /// Whether a phrase of `cue` starts at token `i`.
    pub fn has(&self, cue: Cue, i: usize) -> bool {
        self.cue_len(cue, i).is_some()
    }

    /// Like [`Words::cue_len`], for lists of function words and verbs: a capitalised token
    /// inside a sentence is part of a name ("the United States", "Abu Dhabi Said").
    pub fn verb_len(&self, cue: Cue, i: usize) -> Option<usize> {
        let initial = i == 0 || matches!(self.word(i - 1), "“" | "\"" | "(" | "‘");
        if self.capitalised(i) && !initial {
            return None;
        }
        self.cue_len(cue, i)
    }

    /// See [`Words::verb_len`].
    pub fn has_verb(&self, cue: Cue, i: usize) -> bool {
        self.verb_len(cue, i).is_some()
    }

    /// Whether the token ends with one of the endings of `cue` ("-ed", "-ing").
    pub fn ends_with(&self, cue: Cue, i: usize) -> bool {
        self.schema.ends_with(cue, self.folded(i))
    }

    /// Whether the token starts with a capital letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.word(i).starts_with(char::is_uppercase)
    }

    pub fn schema(&self) -> &'a Schema {
        self.schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins_and_apostrophes_fold() {
        let mut set = PhraseSet::default();
        for p in ["attack", "missile attack", "charge d'affaires"] {
            set.insert(p);
        }
        let text = "a Missile attack and the charge d\u{2019}affaires";
        let w: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        assert_eq!(set.longest_match(&w, 1), Some(2));
        assert_eq!(set.longest_match(&w, 2), Some(1));
        let i = w.iter().position(|x| *x == "charge").unwrap();
        assert_eq!(set.longest_match(&w, i), Some(4));
        assert!(set.contains("ATTACK"));
        assert!(!set.contains("missile"));
    }

    #[test]
    fn match_ending_at_a_position() {
        let mut set = PhraseSet::default();
        set.insert("security forces");
        let w = ["Iranian", "security", "forces", "launched"];
        assert_eq!(set.longest_match_ending(&w, 3), Some(2));
        assert_eq!(set.longest_match_ending(&w, 4), None);
    }
}
