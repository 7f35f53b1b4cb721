//! Stage 2: a document's repaired text → tokens and sentences with their spans.

use std::collections::HashSet;
use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (and digits mixed in).
    Word,
    /// A run of digits.
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// The unit every later stage works on: a byte span of the repaired text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Whether the token is ASCII without capitals or backquotes, which makes it its own fold
    /// (see [`crate::stages::PhraseSet`]): found while its bytes are read, so the lexicon
    /// does not read them again to know it.
    pub folded: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Splits text into words, numbers and single punctuation characters; white space separates
/// tokens and is dropped.
///
/// ```
/// use newsgraph::stages::{tokenize, TokenKind};
/// let text = "Iran’s 2 strikes";
/// let toks = tokenize(text);
/// let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["Iran", "’", "s", "2", "strikes"]);
/// assert_eq!(toks[3].kind, TokenKind::Number);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, 0..text.len(), &mut tokens);
    tokens
}

/// The tokens of `text[span]` (which starts and ends at char boundaries), at their places in
/// `text`, added to `tokens`.
fn tokenize_into(text: &str, span: Range<usize>, tokens: &mut Vec<Token>) {
    let bytes = &text.as_bytes()[..span.end];
    let mut i = span.start;
    while i < bytes.len() {
        let b = bytes[i];
        // Most text is ASCII: its classes are read from a table, without decoding a char.
        let class = ASCII_CLASS[usize::from(b)];
        if class & ALPHANUMERIC == 0 {
            if b.is_ascii() {
                // White space and control characters separate tokens; the rest is punctuation.
                if class & VISIBLE != 0 {
                    tokens.push(Token {
                        start: i,
                        end: i + 1,
                        kind: TokenKind::Punct,
                        folded: b != b'`',
                    });
                }
                i += 1;
                continue;
            }
            let (c, len) = char_at(text, i);
            if !c.is_alphanumeric() {
                if !c.is_whitespace() && !c.is_control() && !is_invisible(c) {
                    tokens.push(Token {
                        start: i,
                        end: i + len,
                        kind: TokenKind::Punct,
                        folded: false,
                    });
                }
                i += len;
                continue;
            }
        }
        // The whole run at once, a word or a number, from an ASCII letter or digit or a
        // char beyond ASCII that is either.
        let start = i;
        // The classes of its ASCII bytes, or'ed: a number has no letter.
        let mut seen = 0;
        loop {
            while let Some(&b) = bytes.get(i) {
                let class = ASCII_CLASS[usize::from(b)];
                if class & ALPHANUMERIC == 0 {
                    break;
                }
                seen |= class;
                i += 1;
            }
            if i == bytes.len() || bytes[i].is_ascii() {
                break;
            }
            let (c, len) = char_at(text, i);
            if !c.is_alphanumeric() {
                break;
            }
            seen |= LETTER | UNFOLDED;
            i += len;
        }
        tokens.push(Token {
            start,
            end: i,
            kind: if seen & LETTER == 0 {
                TokenKind::Number
            } else {
                TokenKind::Word
            },
            folded: seen & UNFOLDED == 0,
        });
    }
}

/// [`ASCII_CLASS`] bits: an ASCII letter, an ASCII digit, either, a visible ASCII character,
/// a character a fold changes (a capital; in a word, any beyond ASCII too).
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const ALPHANUMERIC: u8 = LETTER | DIGIT;
const VISIBLE: u8 = 4;
const UNFOLDED: u8 = 8;

/// The class of each byte that is an ASCII character (0 for the others): one load per byte in
/// the tokenizer's loops instead of a chain of range tests.
static ASCII_CLASS: [u8; 256] = {
    let mut class = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_uppercase() {
            LETTER | VISIBLE | UNFOLDED
        } else if c.is_ascii_lowercase() {
            LETTER | VISIBLE
        } else if c.is_ascii_digit() {
            DIGIT | VISIBLE
        } else if c > b' ' && c != 0x7f {
            VISIBLE
        } else {
            0
        };
        b += 1;
    }
    class
};

/// The char at byte `i` of `text` (a char boundary) and its length in bytes.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let c = text[i..].chars().next().expect("a char at a char boundary");
    (c, c.len_utf8())
}

/// Format characters (zero-width spaces, direction marks, soft hyphens) carry no word.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// A sentence of a document: its byte span in the repaired text and its tokens.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

impl Sentence {
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.start..self.end]
    }
}

const CLOSERS: &[&str] = &["\"", "”", "’", "'", ")", "]", "»"];
const OPENERS: &[&str] = &["\"", "“", "‘", "'", "(", "[", "«"];

/// Splits a repaired text into sentences: at `.`, `!` or `?` followed by a capital, a digit
/// or an opening quote (closing quotes stay with their sentence), and at every line break.
/// `abbreviations` lists words with their full stop ("Gen.", "Oct.") that end no sentence.
///
/// ```
/// use std::collections::HashSet;
/// let abbr: HashSet<String> = ["Oct.".to_string()].into();
/// let text = "Israel has waged war since Oct. 7 on Gaza. “It is over,” he said.Then silence.";
/// let s = newsgraph::stages::segment(text, &abbr);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s[1].text(text), "“It is over,” he said.");
/// ```
pub fn segment(text: &str, abbreviations: &HashSet<String>) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    // Every line break ends a sentence, and no token spans one: the lines are segmented one
    // after the other, so the tokens of a line are held at once, never all of the text's.
    let mut tokens = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        tokens.clear();
        tokenize_into(text, start..end, &mut tokens);
        segment_line(text, &tokens, abbreviations, &mut sentences);
        start = end + 1;
    }
    sentences
}

/// The sentences of one line's tokens, added to `sentences`.
fn segment_line(
    text: &str,
    tokens: &[Token],
    abbreviations: &HashSet<String>,
    sentences: &mut Vec<Sentence>,
) {
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut end_here = false;
        if tokens[i].kind == TokenKind::Punct
            && matches!(tokens[i].text(text), "." | "!" | "?" | "…")
        {
            let stop = i;
            // Closing quotes and brackets right after the stop belong to this sentence.
            while i + 1 < tokens.len() && closes(text, tokens, i + 1) {
                i += 1;
            }
            end_here = match tokens.get(i + 1) {
                None => true,
                Some(next) => {
                    starts_sentence(text, next)
                        && !is_abbreviation(text, &tokens[start..=stop], abbreviations)
                        && (next.start > tokens[i].end
                            || glued_boundary(text, &tokens[start..=stop]))
                }
            };
        }
        if end_here || i + 1 == tokens.len() {
            let span = &tokens[start..=i];
            sentences.push(Sentence {
                index: sentences.len(),
                start: span[0].start,
                end: span[span.len() - 1].end,
                tokens: span.to_vec(),
            });
            start = i + 1;
        }
        i += 1;
    }
}

/// Whether `text[start..end]`, the space between two tokens (a byte or two, mostly), holds a
/// line break.
fn line_break(text: &str, start: usize, end: usize) -> bool {
    // Most tokens are glued to the next or one space from it.
    match &text.as_bytes()[start..end] {
        [] => false,
        [b] => *b == b'\n',
        space => space.contains(&b'\n'),
    }
}

/// Is `tokens[i]` a closing quote or bracket of the sentence that just stopped? A straight
/// quote glued to the word after it opens the next sentence instead.
fn closes(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = tokens[i].text(text);
    if !CLOSERS.contains(&t) || line_break(text, tokens[i - 1].end, tokens[i].start) {
        return false;
    }
    let straight = t == "\"" || t == "'";
    !(straight
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.start == tokens[i].end && n.kind != TokenKind::Punct))
}

fn starts_sentence(text: &str, next: &Token) -> bool {
    let t = next.text(text);
    let c = t.chars().next().unwrap_or(' ');
    c.is_uppercase() || c.is_ascii_digit() || OPENERS.contains(&t)
}

/// `sentence` ends with a full stop; is the word before it an abbreviation ("Gen."), an
/// initial ("A.") or the end of a dotted acronym ("U.S.")?
fn is_abbreviation(text: &str, sentence: &[Token], abbreviations: &HashSet<String>) -> bool {
    let n = sentence.len();
    if n < 2
        || sentence[n - 2].end != sentence[n - 1].start
        || sentence[n - 2].kind == TokenKind::Punct
    {
        return false;
    }
    let word = sentence[n - 2].text(text);
    let dotted_acronym =
        n >= 3 && sentence[n - 3].text(text) == "." && sentence[n - 3].end == sentence[n - 2].start;
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let abbreviation = || match sentence[n - 1].text(text) {
        // The word and its full stop as written: no need to spell them.
        "." => abbreviations.contains(&text[sentence[n - 2].start..sentence[n - 1].end]),
        _ => abbreviations.contains(&format!("{word}.")),
    };
    initial || dotted_acronym || abbreviation()
}

/// A stop glued to a capital ("terrorism.Pakistan") ends a sentence when the word before it
/// is an ordinary lower-case word, not part of an acronym or a web address.
fn glued_boundary(text: &str, sentence: &[Token]) -> bool {
    let n = sentence.len();
    n >= 2 && {
        let word = sentence[n - 2].text(text);
        word.chars().count() >= 2 && word.chars().all(char::is_lowercase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let abbr: HashSet<String> = ["Gen.", "Oct."].iter().map(|s| s.to_string()).collect();
        segment(text, &abbr)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_acronyms_do_not_split() {
        assert_eq!(
            split("Gen. Okafor met U.S. officials. J. Smith left."),
            ["Gen. Okafor met U.S. officials.", "J. Smith left."]
        );
    }

    #[test]
    fn closing_quote_stays_and_glued_sentences_split() {
        assert_eq!(
            split("It was “a violation.”He left.Then Iran spoke."),
            ["It was “a violation.”", "He left.", "Then Iran spoke."]
        );
    }

    #[test]
    fn line_breaks_always_split() {
        assert_eq!(
            split("Headline without stop\nBody text here."),
            ["Headline without stop", "Body text here."]
        );
    }

    #[test]
    fn lines_are_segmented_apart_with_the_tokens_of_the_whole_text() {
        // A stop, an abbreviation or a closing quote at the end of a line: the break ends the
        // sentence whatever follows.
        let text = "First line ends here.\n”Quoted,” he said.\nlower after a stop\n\nGen.\n Okafor\r\nZürich — 2 ok";
        assert_eq!(
            split(text),
            [
                "First line ends here.",
                "”Quoted,” he said.",
                "lower after a stop",
                "Gen.",
                "Okafor",
                "Zürich — 2 ok"
            ]
        );
        let abbr = HashSet::new();
        let tokens: Vec<Token> = segment(text, &abbr)
            .into_iter()
            .flat_map(|s| s.tokens)
            .collect();
        assert_eq!(tokens, tokenize(text));
    }

    #[test]
    fn lower_case_after_stop_does_not_split() {
        assert_eq!(
            split("Visit www.example.org today. Yes."),
            ["Visit www.example.org today.", "Yes."]
        );
    }

    #[test]
    fn tokens_of_text_beyond_ascii() {
        let text = "Zürich\u{A0}2\u{7F}—“Ñandú” x\u{3000}١٢ b";
        let tokens = tokenize(text);
        let found: Vec<(&str, TokenKind)> = tokens.iter().map(|t| (t.text(text), t.kind)).collect();
        assert_eq!(
            found,
            [
                ("Zürich", TokenKind::Word),
                ("2", TokenKind::Number),
                ("—", TokenKind::Punct),
                ("“", TokenKind::Punct),
                ("Ñandú", TokenKind::Word),
                ("”", TokenKind::Punct),
                ("x", TokenKind::Word),
                // Digits of another script are letters and digits, not an ASCII number.
                ("١٢", TokenKind::Word),
                ("b", TokenKind::Word),
            ]
        );
    }

    #[test]
    fn words_run_to_the_end_of_the_text_whatever_their_last_letter() {
        for text in ["café", "cafe", "2024", "Ñ", "x1é2"] {
            let tokens = tokenize(text);
            assert_eq!(tokens.len(), 1, "{text}");
            assert_eq!((tokens[0].start, tokens[0].end), (0, text.len()), "{text}");
        }
    }

    #[test]
    fn tokens_skip_invisible_characters() {
        let text = "a\u{200F}b c";
        assert_eq!(tokenize(text).len(), 3);
    }
}
