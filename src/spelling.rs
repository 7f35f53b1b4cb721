//! A name's skeleton: its letters without those that romanisations write differently, so
//! that the transliteration variants of one name share it ("Nadeem"/"Nadim",
//! "Farooqi"/"Faruqi", "Hodeidah"/"Hudaida"). Which letters those are is the schema's
//! `spelling.tsv`; this module only applies its rules.

use std::ops::Range;
use std::str::FromStr;

use rustc_hash::FxHashMap;

use crate::entity::fold_accents;

/// Where in a word a rule of `spelling.tsv` applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Wherever the letters are.
    Anywhere,
    /// Anywhere but at the start of a word.
    Inside,
    /// At the end of a word of more than these letters, right after a letter that is silent
    /// anywhere.
    EndAfterSilent,
}

impl FromStr for Place {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "anywhere" => Ok(Place::Anywhere),
            "inside" => Ok(Place::Inside),
            "end-after-silent" => Ok(Place::EndAfterSilent),
            other => Err(format!(
                "unknown place {other:?} (anywhere, inside, end-after-silent)"
            )),
        }
    }
}

/// One row of `spelling.tsv`: these letters, at this place, count as `sound` (none: they are
/// not written in the skeleton).
#[derive(Debug, Clone)]
struct Rule {
    letters: Vec<char>,
    sound: Option<char>,
    place: Place,
}

/// The rules of `spelling.tsv`, indexed by their first letter.
///
/// ```
/// let spelling = &newsgraph::Schema::builtin()?.spelling;
/// assert_eq!(spelling.skeleton("Farooqi"), spelling.skeleton("Faruqi"));
/// assert_eq!(spelling.skeleton("Nadeem"), "ndm");
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Spelling {
    /// Sorted by first letter, the longest rule first among those of one letter.
    rules: Vec<Rule>,
    /// The rules of each ASCII first letter, as a range of `rules`.
    ascii: Vec<Range<usize>>,
    /// The same for the other first letters.
    other: FxHashMap<char, Range<usize>>,
    /// The letters silent anywhere (for [`Place::EndAfterSilent`]).
    silent: Vec<char>,
}

impl Spelling {
    /// Adds one row of `spelling.tsv` (letters, sound, place); an error names the column at
    /// fault. The index is rebuilt by [`Spelling::build`].
    pub(crate) fn add(
        &mut self,
        letters: &str,
        sound: &str,
        place: &str,
    ) -> Result<(), (usize, String)> {
        let lower = |s: &str| s.chars().all(|c| c.is_alphabetic() && !c.is_uppercase());
        if letters.is_empty() || !lower(letters) {
            return Err((1, format!("{letters:?} is not lower-case letters")));
        }
        let mut sounds = sound.chars();
        let sound = match (sounds.next(), sounds.next()) {
            (None, _) => None,
            (Some(c), None) if lower(sound) => Some(c),
            _ => {
                return Err((
                    2,
                    format!("{sound:?} is not one lower-case letter or empty"),
                ))
            }
        };
        let place = place.parse().map_err(|m| (3, m))?;
        let letters: Vec<char> = letters.chars().collect();
        if self.rules.iter().any(|r| r.letters == letters) {
            let written: String = letters.iter().collect();
            return Err((1, format!("{written:?} is listed twice")));
        }
        self.rules.push(Rule {
            letters,
            sound,
            place,
        });
        Ok(())
    }

    /// Indexes the rules added.
    pub(crate) fn build(mut self) -> Self {
        let mut sorted = std::mem::take(&mut self.rules);
        sorted.sort_by(|a, b| {
            a.letters[0]
                .cmp(&b.letters[0])
                .then(b.letters.len().cmp(&a.letters.len()))
        });
        let mut ascii = vec![0..0; 128];
        let mut other = FxHashMap::default();
        let mut start = 0;
        while start < sorted.len() {
            let first = sorted[start].letters[0];
            let end = start
                + sorted[start..]
                    .iter()
                    .take_while(|r| r.letters[0] == first)
                    .count();
            match usize::try_from(u32::from(first)).ok().filter(|&i| i < 128) {
                Some(i) => ascii[i] = start..end,
                None => {
                    other.insert(first, start..end);
                }
            }
            start = end;
        }
        let silent = sorted
            .iter()
            .filter(|r| r.letters.len() == 1 && r.sound.is_none() && r.place == Place::Anywhere)
            .map(|r| r.letters[0])
            .collect();
        Spelling {
            rules: sorted,
            ascii,
            other,
            silent,
        }
    }

    /// The skeleton of a name: accents folded, letters lower-cased, each rule of
    /// `spelling.tsv` applied where it matches (the longest first), what is not a letter
    /// dropped, and a letter written once where it would follow itself.
    pub fn skeleton(&self, name: &str) -> String {
        let mut out = String::new();
        if name.is_ascii() {
            // Nearly every name is ASCII, which has no accents to fold: it is read in place.
            self.write_skeleton(name.as_bytes(), &mut out);
        } else {
            let letters: Vec<char> = fold_accents(name)
                .chars()
                .flat_map(char::to_lowercase)
                .collect();
            self.write_skeleton(&letters, &mut out);
        }
        out
    }

    fn rules_of(&self, first: char) -> &[Rule] {
        let range = match usize::try_from(u32::from(first)).ok().filter(|&i| i < 128) {
            Some(i) => self.ascii.get(i).cloned().unwrap_or(0..0),
            None => self.other.get(&first).cloned().unwrap_or(0..0),
        };
        &self.rules[range]
    }

    /// Appends the skeleton of `letters` (lower case, or ASCII of any case) to `out`.
    fn write_skeleton<T: Copy + Into<char>>(&self, letters: &[T], out: &mut String) {
        let at = |i: usize| letters.get(i).map(|&c| c.into().to_ascii_lowercase());
        let mut i = 0;
        while let Some(c) = at(i) {
            let prev = i.checked_sub(1).and_then(at);
            let word_start = prev.is_none_or(|p| !p.is_alphabetic());
            let rule = self.rules_of(c).iter().find(|rule| {
                let len = rule.letters.len();
                let word_end = at(i + len).is_none_or(|n| !n.is_alphabetic());
                (1..len).all(|k| at(i + k) == Some(rule.letters[k]))
                    && match rule.place {
                        Place::Anywhere => true,
                        Place::Inside => !word_start,
                        Place::EndAfterSilent => {
                            word_end
                                && !word_start
                                && prev.is_some_and(|p| self.silent.contains(&p))
                        }
                    }
            });
            let (letter, len) = match rule {
                Some(rule) => (rule.sound, rule.letters.len()),
                None => (c.is_alphabetic().then_some(c), 1),
            };
            if let Some(letter) = letter.filter(|&l| !out.ends_with(l)) {
                out.push(letter);
            }
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelling(rows: &[(&str, &str, &str)]) -> Spelling {
        let mut s = Spelling::default();
        for (letters, sound, place) in rows {
            s.add(letters, sound, place).unwrap();
        }
        s.build()
    }

    #[test]
    fn rules_apply_at_their_place_the_longest_first() {
        let s = spelling(&[
            ("a", "", "anywhere"),
            ("e", "", "anywhere"),
            ("q", "k", "anywhere"),
            ("gh", "k", "anywhere"),
            ("y", "", "inside"),
            ("h", "", "end-after-silent"),
        ]);
        assert_eq!(s.skeleton("Qaseem"), "ksm");
        assert_eq!(s.skeleton("Ghazal"), "kzl");
        // y and h keep their place at a word's start.
        assert_eq!(s.skeleton("Yahya Haddah"), "yhd");
        // A final h after a letter that is not silent stays.
        assert_eq!(s.skeleton("Marsh"), "mrsh");
        assert_eq!(s.skeleton("Hodeidah"), s.skeleton("Hodeida"));
    }

    #[test]
    fn without_rules_only_letters_and_doubling_change() {
        let s = spelling(&[]);
        assert_eq!(s.skeleton("Ab-bé  Çelik"), "abecelik");
    }

    #[test]
    fn rows_are_checked_column_by_column() {
        let mut s = Spelling::default();
        assert_eq!(s.add("Q", "k", "anywhere").unwrap_err().0, 1);
        assert_eq!(s.add("q", "kk", "anywhere").unwrap_err().0, 2);
        assert_eq!(s.add("q", "k", "somewhere").unwrap_err().0, 3);
        s.add("gh", "k", "anywhere").unwrap();
        assert_eq!(
            s.add("gh", "g", "inside").unwrap_err(),
            (1, "\"gh\" is listed twice".to_string())
        );
    }
}
