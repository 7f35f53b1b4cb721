//! Word lists of the lexicon, matched against token sequences.

use rustc_hash::FxHashMap;

use crate::segment::tokenize;

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
