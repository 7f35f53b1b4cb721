//! Word lists of the lexicon, matched against token sequences, and a sentence's words as the
//! stages after segmentation read them.

use std::borrow::Cow;
use std::cell::Cell;

use rustc_hash::FxHashMap;

use crate::cue::Cue;
use crate::schema::Schema;
use crate::segment::{tokenize, Token};

/// A set of phrases, each a sequence of one or more tokens, matched case-insensitively
/// (ASCII) and with typographic apostrophes equal to straight ones.
///
/// ```
/// use newsgraph::stages::PhraseSet;
/// let mut set = PhraseSet::default();
/// set.insert("carried out");
/// set.insert("carried");
/// let words = ["Iran", "Carried", "out", "strikes"];
/// assert_eq!(set.longest_match(&words, 1), Some(2));
/// assert_eq!(set.longest_match(&words, 0), None);
/// ```
#[derive(Debug, Default, Clone)]
pub struct PhraseSet {
    /// Phrases by their first folded token.
    by_first: WordMap<Starting>,
}

/// The phrases of a [`PhraseSet`] that start with one word, each with the id it was given.
#[derive(Debug, Default, Clone)]
struct Starting {
    /// The id of the word alone, when it is a phrase.
    alone: Option<u32>,
    /// The longer phrases by their second folded token, each list longest first, a phrase as
    /// its words after the second: a word that starts many phrases ("the") is followed by
    /// the second word of few of them, so a match tries those only.
    by_second: WordMap<Vec<(Vec<String>, u32)>>,
}

/// A map from folded words, looked up for most tokens of every sentence: a word of up to 15
/// bytes (nearly every word) is its own key, packed with its length in two integers, so a
/// look-up hashes and compares integers held in the table instead of hashing bytes and
/// comparing them behind a pointer.
#[derive(Debug, Clone)]
pub(crate) struct WordMap<V> {
    short: FxHashMap<Packed, V>,
    long: FxHashMap<String, V>,
    /// Every word, in the order it was added.
    words: Vec<String>,
}

/// A word of up to 15 bytes: its bytes in order, zeros after them, and its length in the last
/// byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Packed(u64, u64);

impl std::hash::Hash for Packed {
    /// Both integers mixed into one by the high and low halves of their product: the map's
    /// hasher multiplies, which carries a bit only towards higher ones, and words that share
    /// their first bytes ("militant", "military") would share their hash.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Any two odd constants with their bits spread (those of rustc-hash's string hash).
        let product =
            u128::from(self.0 ^ 0x243f_6a88_85a3_08d3) * u128::from(self.1 ^ 0x1319_8a2e_0370_7344);
        state.write_u64(product as u64 ^ (product >> 64) as u64);
    }
}

/// The longest word a [`Packed`] holds.
const PACKED_LEN: usize = 15;

impl Packed {
    #[inline]
    fn of(word: &[u8]) -> Option<Packed> {
        let n = word.len();
        if n > PACKED_LEN {
            return None;
        }
        let length = (n as u64) << 56;
        Some(if n <= 8 {
            Packed(up_to_8(word), length)
        } else {
            // The last 8 bytes, shifted down to those after the first 8.
            let tail = u64::from_le_bytes(word[n - 8..].try_into().expect("8 bytes"));
            Packed(up_to_8(&word[..8]), tail >> (8 * (16 - n)) | length)
        })
    }
}

/// Up to 8 bytes in order, zeros after them: two overlapping reads, as a hash of short
/// strings reads them, in place of a copy of unknown length.
#[inline]
fn up_to_8(b: &[u8]) -> u64 {
    let n = b.len();
    match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=7 => {
            let head = u32::from_le_bytes(b[..4].try_into().expect("4 bytes"));
            let tail = u32::from_le_bytes(b[n - 4..].try_into().expect("4 bytes"));
            u64::from(head) | u64::from(tail) << (8 * (n - 4))
        }
        _ => u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
    }
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            words: Vec::new(),
        }
    }
}

impl<V> WordMap<V> {
    /// Inlined, the look-up of a long word apart: most tokens are looked up.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&V> {
        match Packed::of(word.as_bytes()) {
            Some(key) => self.short.get(&key),
            None => self.get_long(word),
        }
    }

    #[inline(never)]
    fn get_long(&self, word: &str) -> Option<&V> {
        self.long.get(word)
    }

    /// The value of `word`, added as the default when the word is new.
    pub(crate) fn entry(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        if self.get(word).is_none() {
            self.words.push(word.to_string());
        }
        match Packed::of(word.as_bytes()) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.to_string()).or_default(),
        }
    }

    /// Every word, in the order it was added.
    pub(crate) fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// Every word with its value, in the order the words were added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.words()
            .map(|w| (w, self.get(w).expect("a word of the map has a value")))
    }

    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.short.values_mut().chain(self.long.values_mut())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Folds a token for comparison: ASCII lower case, curly apostrophes straightened.
pub(crate) fn fold(token: &str) -> String {
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
pub(crate) fn folded_key<'b>(word: &'b str, buf: &'b mut [u8; 48]) -> Cow<'b, str> {
    if is_folded(word) {
        Cow::Borrowed(word)
    } else if word.len() <= buf.len() && word.bytes().all(|b| b.is_ascii() && b != b'`') {
        let out = &mut buf[..word.len()];
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        Cow::Borrowed(std::str::from_utf8(out).expect("ASCII"))
    } else {
        Cow::Owned(fold(word))
    }
}

/// Whether `fold(word) == word`, for the common case of a word in ASCII lower case.
fn is_folded(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
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
        let mut words = tokenize(phrase).into_iter().map(|t| fold(t.text(phrase)));
        let Some(first) = words.next() else {
            return;
        };
        let starting = self.by_first.entry(&first);
        let Some(second) = words.next() else {
            starting.alone.get_or_insert(id);
            return;
        };
        let rest: Vec<String> = words.collect();
        let list = starting.by_second.entry(&second);
        if !list.iter().any(|(w, _)| *w == rest) {
            list.push((rest, id));
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// Length in tokens of the longest phrase that starts at `words[i]`.
    pub fn longest_match<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<usize> {
        self.longest_match_id(words, i).map(|(len, _)| len)
    }

    /// Length and id of the longest phrase that starts at `words[i]`.
    pub fn longest_match_id<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, u32)> {
        self.longest_match_by(words.len(), i, |k| words[k].as_ref())
    }

    /// Length and id of the longest phrase that starts at token `i` of `len` tokens, each
    /// given by `word`.
    fn longest_match_by<'w>(
        &self,
        len: usize,
        i: usize,
        word: impl Fn(usize) -> &'w str,
    ) -> Option<(usize, u32)> {
        if i >= len {
            return None;
        }
        let (mut buf, mut second_buf) = ([0u8; 48], [0u8; 48]);
        let first = folded_key(word(i), &mut buf);
        let second = (i + 1 < len).then(|| folded_key(word(i + 1), &mut second_buf));
        self.longest_match_after(
            first.as_ref(),
            second.as_deref().unwrap_or(""),
            len - i,
            |k, p| folded_eq(p, word(i + k)),
        )
    }

    /// Length and id of the longest phrase whose first two words are `first` and `second`
    /// (folded; `second` is "" past the end) and whose `k`-th word `p` after those satisfies
    /// `word_is(k, p)`, within `room` tokens; else the one-word phrase `first`.
    fn longest_match_after(
        &self,
        first: &str,
        second: &str,
        room: usize,
        word_is: impl Fn(usize, &str) -> bool,
    ) -> Option<(usize, u32)> {
        let starting = self.by_first.get(first)?;
        // A word that starts no longer phrase does not hash the next one.
        let longer = if room >= 2 && !starting.by_second.is_empty() {
            starting.by_second.get(second).and_then(|phrases| {
                phrases.iter().find_map(|(rest, id)| {
                    let fits = rest.len() + 2 <= room
                        && rest.iter().enumerate().all(|(k, p)| word_is(k + 2, p));
                    fits.then_some((rest.len() + 2, *id))
                })
            })
        } else {
            None
        };
        longer.or(starting.alone.map(|id| (1, id)))
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
            .is_some_and(|s| s.alone.is_some())
    }

    /// The folded first word of every phrase, in the order the phrases were added.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.words()
    }

    /// The folded first word of every phrase, with whether that word alone is a phrase, in the
    /// order the phrases were added.
    pub fn first_words_alone(&self) -> impl Iterator<Item = (&str, bool)> {
        self.by_first.iter().map(|(w, s)| (w, s.alone.is_some()))
    }

    /// The folded first word of every phrase of two words or more, in the order the phrases
    /// were added.
    pub fn first_words_of_longer(&self) -> impl Iterator<Item = &str> {
        (self.by_first.iter())
            .filter(|(_, s)| !s.by_second.is_empty())
            .map(|(w, _)| w)
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// What the lexicon knows of one folded word, looked up once per token: which cue lists have a
/// phrase starting with it, which hold it alone, and what the frames and offices make of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lexeme {
    /// Bit `cue as usize`: a phrase of the list starts with the word.
    pub starts: u128,
    /// Bit `cue as usize`: the word alone is a phrase of the list.
    pub alone: u128,
    /// Bit `cue as usize`: a phrase of the list of two words or more starts with the word.
    /// Without it, the phrase of the list at the word is the word alone: most lists' words
    /// start no longer phrase, and their length needs no look-up.
    pub longer: u128,
    /// How many lists a phrase of which starts with the word: the ones of `starts`, counted
    /// once (a count of ones is no single instruction on the base target).
    pub lists: u8,
    /// A trigger form of some frame starts with it.
    pub trigger: bool,
    /// A verb of action or speech ([`Schema::is_act`]).
    pub act: bool,
    /// A noun of some frame ([`Schema::is_frame_noun`]).
    pub frame_noun: bool,
    /// A form of some office title starts with it.
    pub office: bool,
    /// A month or weekday name of the calendar (in any case).
    pub calendar: bool,
    /// A relative day of the calendar ("yesterday").
    pub relative_day: bool,
}

impl Lexeme {
    /// Whether the word alone is a phrase of `cue`.
    pub fn is(&self, cue: Cue) -> bool {
        self.alone & (1 << cue as usize) != 0
    }
}

/// A sentence's words as the later stages read them: each token's text, folded once with what
/// the lexicon knows of it, and the lexicon's word lists matched at each position on demand.
///
/// ```
/// use newsgraph::stages::{tokenize, Cue, Lexed, Words};
/// use newsgraph::Schema;
/// let schema = Schema::load("schema")?;
/// let text = "Iran’s Foreign Ministry said it would not respond.";
/// let tokens = tokenize(text);
/// let lexed = Lexed::new(text, &tokens, &schema);
/// let words = Words::of_lexed(text, &tokens, &lexed, &schema);
/// assert_eq!(words.folded(1), "'");
/// assert!(words.has(Cue::ReportingVerb, 5));
/// assert_eq!(words.cue_len(Cue::Negation, 8), Some(1));
/// # Ok::<(), newsgraph::Error>(())
/// ```
///
/// It holds its texts and borrows the lexicon's reading: the stages ask it of every token,
/// many times, and a read through a `Cow` tests which it is each time.
pub struct Words<'a> {
    text: Vec<&'a str>,
    lexed: &'a Lexed,
    schema: &'a Schema,
}

/// What a sentence's tokens are to the lexicon: each token folded, and its [`Lexeme`]. Found
/// once, when the mention stage reads the sentence, and kept with it for the later stages.
#[derive(Debug, Clone, Default)]
pub struct Lexed {
    /// The folded forms of the tokens that fold to something else, one after the other.
    folded: String,
    /// Per token, where its folded form lies and its phrases' lengths begin (see [`Reading`]).
    readings: Vec<Reading>,
    lexemes: Vec<Lexeme>,
    /// The length of the phrase of a cue list found at a token, once looked up ([`UNKNOWN`]
    /// before): every stage after segmentation asks the same questions of a token, many
    /// times, and most tokens start a phrase of no list, so they have no entry.
    lengths: Vec<Cell<u8>>,
}

/// Where [`Lexed`] keeps what it read of one token.
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// The span of the token's folded form in `folded`; empty when it is the token as written
    /// (a token and its fold are never empty).
    folded: (u32, u32),
    /// Where the token's entries in `lengths` begin: one entry for each cue list a phrase of
    /// which starts with the token's word, in the order of the lists.
    first_length: u32,
}

impl Lexed {
    pub fn new(text: &str, tokens: &[Token], schema: &Schema) -> Lexed {
        // The folded forms are never longer than the words (a fold keeps a byte's length or
        // shortens a typographic mark): one buffer the sentence's length, not one that grows.
        let written = tokens
            .first()
            .zip(tokens.last())
            .map_or(0, |(a, b)| b.end - a.start);
        let mut lexed = Lexed {
            folded: String::with_capacity(written),
            readings: Vec::with_capacity(tokens.len()),
            lexemes: Vec::with_capacity(tokens.len()),
            lengths: Vec::new(),
        };
        let mut entries = 0;
        for t in tokens {
            let w = t.text(text);
            let start = lexed.folded.len();
            let lexeme = if t.folded {
                schema.folded_lexeme(w)
            } else {
                if w.bytes().all(|b| b.is_ascii() && b != b'`') {
                    lexed.folded.push_str(w);
                    lexed.folded[start..].make_ascii_lowercase();
                } else {
                    lexed.folded.extend(w.chars().map(fold_char));
                }
                schema.folded_lexeme(&lexed.folded[start..])
            };
            lexed.readings.push(Reading {
                folded: (start as u32, lexed.folded.len() as u32),
                first_length: entries,
            });
            entries += u32::from(lexeme.lists);
            lexed.lexemes.push(lexeme);
        }
        lexed.lengths = vec![Cell::new(UNKNOWN); entries as usize];
        lexed
    }

    /// What the lexicon knows of each token.
    pub fn lexemes(&self) -> &[Lexeme] {
        &self.lexemes
    }

    /// Token `i` folded, or `None` when it is as written.
    fn folded(&self, i: usize) -> Option<&str> {
        let (start, end) = self.readings[i].folded;
        (start < end).then(|| &self.folded[start as usize..end as usize])
    }

    /// Where the length of the phrase of `cue` at token `i` is kept; `None` when no phrase of
    /// `cue` starts with the token's word.
    #[inline]
    fn length(&self, cue: Cue, i: usize) -> Option<&Cell<u8>> {
        let starts = self.lexemes.get(i)?.starts;
        let bit = 1u128 << cue as usize;
        if starts & bit == 0 {
            return None;
        }
        let before = (starts & (bit - 1)).count_ones();
        Some(&self.lengths[(self.readings[i].first_length + before) as usize])
    }
}

/// A length not looked up yet.
const UNKNOWN: u8 = u8::MAX;

impl<'a> Words<'a> {
    /// The words of a sentence whose tokens the lexicon has read ([`Lexed::new`]).
    pub fn of_lexed(text: &'a str, tokens: &[Token], lexed: &'a Lexed, schema: &'a Schema) -> Self {
        Words {
            text: tokens.iter().map(|t| t.text(text)).collect(),
            lexed,
            schema,
        }
    }

    /// The words of a sentence whose tokens the lexicon has read, with their texts read
    /// already (`texts`, one per token).
    pub fn of_lexed_texts(texts: &[&'a str], lexed: &'a Lexed, schema: &'a Schema) -> Self {
        Words {
            text: texts.to_vec(),
            lexed,
            schema,
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

    /// Every token as written.
    pub fn texts(&self) -> &[&'a str] {
        &self.text
    }

    /// The token folded ("" past the end).
    ///
    /// Inlined: the stages compare most tokens' folds with a word or a mark.
    #[inline]
    pub fn folded(&self, i: usize) -> &str {
        if i >= self.len() {
            return "";
        }
        self.lexed.folded(i).unwrap_or(self.text[i])
    }

    /// Length and id of the longest phrase of `set` that starts at token `i`.
    pub fn phrase_at(&self, set: &PhraseSet, i: usize) -> Option<(usize, u32)> {
        // The words are folded already ([`Lexed`]): compared as they are.
        let room = self.len().checked_sub(i).filter(|&room| room > 0)?;
        set.longest_match_after(self.folded(i), self.folded(i + 1), room, |k, p| {
            p == self.folded(i + k)
        })
    }

    /// What the lexicon knows of token `i` (nothing past the end).
    pub fn lexeme(&self, i: usize) -> Lexeme {
        self.lexed.lexemes.get(i).copied().unwrap_or_default()
    }

    /// Whether token `i` alone is a phrase of `cue`.
    pub fn is(&self, cue: Cue, i: usize) -> bool {
        self.lexeme(i).is(cue)
    }

    /// Length in tokens of the longest phrase of `cue` that starts at token `i`.
    ///
    /// Inlined: the stages ask it of most tokens, and most start no phrase of the list.
    #[inline]
    pub fn cue_len(&self, cue: Cue, i: usize) -> Option<usize> {
        let memo = self.lexed.length(cue, i)?;
        if memo.get() == UNKNOWN {
            self.look_up(cue, i, memo);
        }
        Some(usize::from(memo.get())).filter(|&l| l > 0)
    }

    /// Finds the phrase of `cue` at token `i` and keeps its length in `memo`.
    #[inline(never)]
    fn look_up(&self, cue: Cue, i: usize, memo: &Cell<u8>) {
        // The token starts a phrase of `cue` (it has a memo): the word alone, when it starts
        // no longer one.
        if self.lexeme(i).longer & (1 << cue as usize) == 0 {
            memo.set(1);
            return;
        }
        let found = self.phrase_at(self.schema.cue(cue), i);
        memo.set(found.map_or(0, |(l, _)| l.min(usize::from(UNKNOWN) - 1) as u8));
    }

    /// Whether a phrase of `cue` starts at token `i`.
    pub fn has(&self, cue: Cue, i: usize) -> bool {
        self.cue_len(cue, i).is_some()
    }

    /// Like [`Words::cue_len`], for lists of function words and verbs: a capitalised token
    /// inside a sentence is part of a name ("the United States", "Abu Dhabi Said").
    pub fn verb_len(&self, cue: Cue, i: usize) -> Option<usize> {
        if self.lexeme(i).starts & (1 << cue as usize) == 0 {
            return None;
        }
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
    fn cue_lengths_kept_are_the_lists_phrases() {
        let schema = crate::schema::tests::shipped_schema();
        let text = "The ministry of foreign affairs said on Monday that it would not \
                    respond, as the armed group carried out an attack in the province.";
        let tokens = tokenize(text);
        let lexed = Lexed::new(text, &tokens, schema);
        let words = Words::of_lexed(text, &tokens, &lexed, schema);
        // Every list at every token, twice (the second answer is the one kept), the lists in
        // both orders: each answer is the list's own longest phrase there.
        for cues in [Cue::ALL.to_vec(), Cue::ALL.iter().rev().copied().collect()] {
            for &cue in &cues {
                for i in 0..=words.len() {
                    let found = words.phrase_at(schema.cue(cue), i).map(|(len, _)| len);
                    assert_eq!(words.cue_len(cue, i), found, "{cue:?} at {i}");
                    assert_eq!(words.cue_len(cue, i), found, "{cue:?} at {i}, kept");
                }
            }
        }
        assert!((0..words.len()).any(|i| words.lexeme(i).starts.count_ones() > 1));
    }

    #[test]
    fn tokens_know_whether_they_are_folded() {
        let text = "Iran’s `x` ÑANDÚ naïve 2nd-rate U.S. ‘said’ ok";
        for t in tokenize(text) {
            let w = t.text(text);
            assert_eq!(t.folded, is_folded(w), "{w:?}");
        }
    }

    #[test]
    fn phrases_sharing_their_first_words_match_longest_first() {
        let mut set = PhraseSet::default();
        for (id, p) in [
            "the",
            "the group",
            "the armed group",
            "the two",
            "the two countries",
        ]
        .iter()
        .enumerate()
        {
            set.insert_with_id(p, id as u32);
        }
        set.insert_with_id("the two", 9);
        let at = |text: &str| {
            let w: Vec<&str> = text.split(' ').collect();
            set.longest_match_id(&w, 0)
        };
        assert_eq!(at("The two countries met"), Some((3, 4)));
        // A phrase listed twice keeps its first id.
        assert_eq!(at("the two sides"), Some((2, 3)));
        assert_eq!(at("the armed men"), Some((1, 0)));
        assert_eq!(at("the armed"), Some((1, 0)));
        assert_eq!(at("THE GROUP"), Some((2, 1)));
        assert_eq!(at("the"), Some((1, 0)));
        assert_eq!(at("a group"), None);
    }

    #[test]
    fn word_maps_answer_as_maps_of_strings() {
        // Every length the packing reads differently, words that share their first or last
        // bytes, zero bytes, letters beyond ASCII.
        let mut words: Vec<String> = Vec::new();
        for n in 0..=20 {
            words.push("abcdefghijklmnopqrstu"[..n].to_string());
            words.push("x".repeat(n));
            words.push("x".repeat(n) + "\0");
            words.push("\0".repeat(n));
            words.push("y".to_string() + &"x".repeat(n));
        }
        words.extend(
            [
                "militant",
                "military",
                "militants",
                "militia",
                "ñandú",
                "naïve",
            ]
            .map(String::from),
        );
        let mut map = WordMap::default();
        let mut plain = std::collections::HashMap::new();
        for (i, w) in words.iter().enumerate().step_by(2) {
            *map.entry(w) = i;
            plain.insert(w.as_str(), i);
        }
        for w in &words {
            assert_eq!(map.get(w), plain.get(w.as_str()), "{w:?}");
        }
        // Each word once, where it was first added.
        let mut seen = std::collections::HashSet::new();
        let added: Vec<&str> = words
            .iter()
            .step_by(2)
            .map(String::as_str)
            .filter(|w| seen.insert(*w))
            .collect();
        assert_eq!(map.words().collect::<Vec<_>>(), added);
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
