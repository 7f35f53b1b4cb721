//! Date expressions in news text and their resolution against an article's date. The words of
//! a date (month and weekday names, relative days, ordinal suffixes) are the schema's calendar,
//! `calendar.tsv`; the patterns that find dates are built from them once per schema.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate, TimeDelta, Weekday};
use regex::Regex;

use crate::phrases::Lexeme;
use crate::segment::{Token, TokenKind};

/// A date expression as written, before it is pinned to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// "January 16, 2024", "16th January 2024".
    Full(NaiveDate),
    /// "January 16", "Oct. 7": the year comes from the article.
    MonthDay(u32, u32),
    /// "on Tuesday": the most recent such day up to the article's date.
    Weekday(Weekday),
    /// A day counted from the article's date: "today" (0), "yesterday" (-1).
    Relative(i64),
}

/// A date expression found in a text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

/// The kinds of date word a text may hold ([`Calendar::date_words`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateWords {
    /// A month or weekday name.
    pub names: bool,
    /// A relative day ("yesterday").
    pub relative: bool,
    /// A number, the day of a date of the month.
    pub numbers: bool,
}

impl DateWords {
    /// Any date word.
    pub const ANY: DateWords = DateWords {
        names: true,
        relative: true,
        numbers: true,
    };
}

/// What a month or weekday name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CalendarName {
    /// From 1 (January).
    Month(u32),
    Weekday(Weekday),
}

impl std::fmt::Display for CalendarName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CalendarName::Month(n) => write!(f, "month {n}"),
            CalendarName::Weekday(d) => write!(f, "weekday {}", d.number_from_monday()),
        }
    }
}

/// The furthest a relative day may lie from the article's date, in days.
const MAX_RELATIVE_DAYS: i64 = 366;

/// The words of `calendar.tsv`, gathered row by row before the patterns are built.
#[derive(Debug, Default)]
pub(crate) struct CalendarWords {
    /// By month, from January.
    months: [Vec<String>; 12],
    /// By weekday, from Monday.
    weekdays: [Vec<String>; 7],
    relative_days: Vec<(String, i64)>,
    ordinal_suffixes: Vec<String>,
    month_links: Vec<String>,
    /// Every month and weekday name so far, with what it names.
    names: HashMap<String, CalendarName>,
}

impl CalendarWords {
    /// Adds one row of `calendar.tsv` (kind, value, forms); an error names the column at fault.
    pub(crate) fn add(
        &mut self,
        kind: &str,
        value: &str,
        forms: Vec<String>,
    ) -> Result<(), (usize, String)> {
        let number = |range: std::ops::RangeInclusive<i64>, what: &str| {
            value
                .parse::<i64>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| {
                    let (low, high) = range.into_inner();
                    (
                        2,
                        format!("{what} {value:?} is not a number from {low} to {high}"),
                    )
                })
        };
        if forms.is_empty() {
            return Err((3, "no forms listed".into()));
        }
        match kind {
            "month" | "weekday" => {
                let (name, slot) = if kind == "month" {
                    let n = number(1..=12, "month")?;
                    let i = n as usize - 1;
                    (CalendarName::Month(n as u32), &mut self.months[i])
                } else {
                    let n = number(1..=7, "weekday")?;
                    let i = n as usize - 1;
                    let day = Weekday::try_from(i as u8).expect("0 to 6 is a weekday");
                    (CalendarName::Weekday(day), &mut self.weekdays[i])
                };
                if !slot.is_empty() {
                    return Err((2, format!("{kind} {value} is listed twice")));
                }
                for form in &forms {
                    if let Some(other) = self.names.insert(form.clone(), name) {
                        return Err((3, format!("{form:?} already names {other}")));
                    }
                }
                *slot = forms;
            }
            "relative day" => {
                let offset = number(-MAX_RELATIVE_DAYS..=MAX_RELATIVE_DAYS, "a relative day")?;
                for form in forms {
                    let folded = form.to_lowercase();
                    if self
                        .relative_days
                        .iter()
                        .any(|(f, _)| f.to_lowercase() == folded)
                    {
                        return Err((3, format!("relative day {form:?} is listed twice")));
                    }
                    self.relative_days.push((form, offset));
                }
            }
            "ordinal suffix" | "month link" => {
                if !value.is_empty() {
                    return Err((2, format!("a {kind} has no value, not {value:?}")));
                }
                let list = if kind == "ordinal suffix" {
                    &mut self.ordinal_suffixes
                } else {
                    &mut self.month_links
                };
                list.extend(forms);
            }
            other => {
                return Err((
                    1,
                    format!(
                        "unknown kind {other:?} (month, weekday, relative day, ordinal suffix \
                         or month link)"
                    ),
                ))
            }
        }
        Ok(())
    }

    /// The calendar, once every month and weekday has its names.
    pub(crate) fn build(self) -> Result<Calendar, String> {
        if let Some(i) = self.months.iter().position(Vec::is_empty) {
            return Err(format!("month {} is missing", i + 1));
        }
        if let Some(i) = self.weekdays.iter().position(Vec::is_empty) {
            return Err(format!("weekday {} is missing", i + 1));
        }
        let month = group(self.months.iter().flatten());
        let weekday = group(self.weekdays.iter().flatten());
        let ordinal = optional(&self.ordinal_suffixes, "");
        let link = optional(&self.month_links, r"\s+");
        let relative = (!self.relative_days.is_empty())
            .then(|| format!("(?i:{})", group(self.relative_days.iter().map(|(f, _)| f))));
        // Words without end could make a pattern beyond the regex crate's limits.
        let regex = |pattern: String| {
            Regex::new(&pattern).map_err(|e| format!("the calendar's words make no pattern: {e}"))
        };
        Ok(Calendar {
            month_day: regex(format!(
                r"(?-u:\b)(?:{weekday},?\s+)?{month}\s+(\d{{1,2}}){ordinal}(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?"
            ))?,
            day_month: regex(format!(
                r"(?-u:\b)(?:{weekday},?\s+)?(\d{{1,2}}){ordinal}\s+{link}{month}(?:,?\s+(\d{{4}})(?-u:\b))?"
            ))?,
            bare_weekday: regex(format!(r"(?-u:\b){weekday}(?-u:\b)"))?,
            any_date_word: regex(match &relative {
                Some(relative) => format!(r"(?-u:\b)(?:{month}|{weekday}|{relative})"),
                None => format!(r"(?-u:\b)(?:{month}|{weekday})"),
            })?,
            relative_day: relative
                .map(|r| regex(format!(r"(?-u:\b){r}(?-u:\b)")))
                .transpose()?,
            relative_days: self
                .relative_days
                .into_iter()
                .map(|(form, offset)| (form.to_lowercase(), offset))
                .collect(),
            names: self.names,
        })
    }
}

/// The words as alternatives of a pattern, longest first, so that "Jan." is preferred to
/// "Jan".
fn alternatives<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    escaped.join("|")
}

/// A capturing group of the words.
fn group<'a>(words: impl Iterator<Item = &'a String>) -> String {
    format!("({})", alternatives(words))
}

/// An optional group of the words followed by `then`, or nothing when there are none.
fn optional(words: &[String], then: &str) -> String {
    if words.is_empty() {
        String::new()
    } else {
        format!("(?:(?:{}){then})?", alternatives(words.iter()))
    }
}

/// The calendar of the schema (`calendar.tsv`): month and weekday names, the days counted
/// from an article's date, and the patterns that find written dates, built once.
///
/// ```
/// use newsgraph::stages::DateValue;
/// use newsgraph::Schema;
/// let calendar = &Schema::builtin()?.calendar;
/// let found = calendar.find_dates("On Tuesday, 16th January 2024, and on Oct. 7, not on Friday");
/// assert_eq!(found.len(), 3);
/// assert_eq!(found[0].end - found[0].start, "Tuesday, 16th January 2024".len());
/// assert!(matches!(found[1].value, DateValue::MonthDay(10, 7)));
/// assert!(calendar.names().any(|name| name == "Oct."));
/// # Ok::<(), newsgraph::Error>(())
/// ```
#[derive(Debug)]
pub struct Calendar {
    /// Month and weekday names as written, with what they name.
    names: HashMap<String, CalendarName>,
    /// Relative days in lower case, with their offsets.
    relative_days: HashMap<String, i64>,
    month_day: Regex,
    day_month: Regex,
    bare_weekday: Regex,
    /// None when the calendar has no relative days.
    relative_day: Option<Regex>,
    /// A word every date expression holds: text without one is not searched four times.
    any_date_word: Regex,
}

impl Calendar {
    /// Every month and weekday name, as written.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// Every relative day ("yesterday"), in lower case.
    pub fn relative_days(&self) -> impl Iterator<Item = &str> {
        self.relative_days.keys().map(String::as_str)
    }

    /// The kinds of date word a sentence may hold, given its `tokens` of `text` and their
    /// `lexemes`. Every date holds a month or weekday name or a relative day, which the
    /// tokenizer makes a token of its own, with its lexeme's bit, and a date of the month a
    /// token that starts with a digit; so most sentences need no pattern at all, and most
    /// others only some. Not so where the patterns' ASCII word boundaries and the tokens'
    /// differ, in a word beyond ASCII ("Mondayé"): every pattern may match there. A month name
    /// may begin a longer word after a number ("16 Mayor"): the patterns of dates of the
    /// month are tried on every sentence with a number.
    pub fn date_words(&self, text: &str, tokens: &[Token], lexemes: &[Lexeme]) -> DateWords {
        let bytes = text.as_bytes();
        // Most sentences are ASCII throughout: their words need no look.
        let ascii = match (tokens.first(), tokens.last()) {
            (Some(first), Some(last)) => bytes[first.start..last.end].is_ascii(),
            _ => true,
        };
        if !ascii
            && tokens
                .iter()
                .any(|t| t.kind == TokenKind::Word && !bytes[t.start..t.end].is_ascii())
        {
            return DateWords::ANY;
        }
        let mut found = DateWords {
            // A number, or a word that starts with a digit ("16th"): punctuation is no digit.
            numbers: tokens.iter().any(|t| bytes[t.start].is_ascii_digit()),
            ..DateWords::default()
        };
        for l in lexemes {
            found.names |= l.calendar;
            found.relative |= l.relative_day;
        }
        found
    }
    fn date_value(&self, month: &str, day: &str, year: Option<&str>) -> Option<DateValue> {
        let Some(&CalendarName::Month(month)) = self.names.get(month) else {
            return None;
        };
        let day: u32 = day.parse().ok()?;
        match year {
            Some(y) => NaiveDate::from_ymd_opt(y.parse().ok()?, month, day).map(DateValue::Full),
            None => (1..=31)
                .contains(&day)
                .then_some(DateValue::MonthDay(month, day)),
        }
    }

    /// Every date expression of `text`, in order, without overlaps (a weekday before a date
    /// is part of it).
    pub fn find_dates(&self, text: &str) -> Vec<DateMention> {
        self.find_dates_of(text, DateWords::ANY)
    }

    /// [`Calendar::find_dates`] in a text that holds no date words but `words`' (see
    /// [`Calendar::date_words`]): only their patterns are tried.
    pub fn find_dates_of(&self, text: &str, words: DateWords) -> Vec<DateMention> {
        let mut found: Vec<DateMention> = Vec::new();
        if !(words.names || words.relative || words.numbers) || !self.any_date_word.is_match(text) {
            return found;
        }
        let mut push = |start: usize, end: usize, value: Option<DateValue>| {
            if let Some(value) = value {
                if !found.iter().any(|f| start < f.end && f.start < end) {
                    found.push(DateMention { start, end, value });
                }
            }
        };
        // A date of the month needs a day in ASCII digits (the only digits a day's number
        // parses from); most sentences with a date word have none.
        if words.numbers && text.bytes().any(|b| b.is_ascii_digit()) {
            // "January 16" and "16 January": the same groups in the other order.
            for (pattern, month, day) in [(&self.month_day, 2, 3), (&self.day_month, 3, 2)] {
                for c in pattern.captures_iter(text) {
                    let m = c.get(0).unwrap();
                    let value = self.date_value(&c[month], &c[day], c.get(4).map(|y| y.as_str()));
                    push(m.start(), m.end(), value);
                }
            }
        }
        // The weekday and relative day patterns match their word and nothing around it.
        let weekdays = words.names.then(|| self.bare_weekday.find_iter(text));
        for m in weekdays.into_iter().flatten() {
            let weekday = match self.names.get(m.as_str()) {
                Some(&CalendarName::Weekday(day)) => Some(DateValue::Weekday(day)),
                _ => None,
            };
            push(m.start(), m.end(), weekday);
        }
        let relative_days = self.relative_day.as_ref().filter(|_| words.relative);
        for m in relative_days.into_iter().flat_map(|r| r.find_iter(text)) {
            let offset = self.relative_days.get(&m.as_str().to_lowercase());
            push(m.start(), m.end(), offset.map(|&d| DateValue::Relative(d)));
        }
        found.sort_by_key(|f| f.start);
        found
    }

    /// The publication date of an article: among the lines near the top that hold nothing
    /// but a date (a scraper's "Saturday April 27, 2024", the byline's "January 20, 2024"),
    /// the earliest one not before any full date the body mentions — an article cannot report
    /// later events.
    pub fn publication_date(&self, text: &str) -> Option<NaiveDate> {
        let mut header = Vec::new();
        let mut latest_in_body: Option<NaiveDate> = None;
        for (n, line) in text.lines().enumerate() {
            // Only full dates count, and they have a year: most lines have no four digits in a
            // row.
            if !has_four_digits(line.as_bytes()) {
                continue;
            }
            for d in self.find_dates(line) {
                let DateValue::Full(date) = d.value else {
                    continue;
                };
                // At most two words are counted: a long line is body text, whatever its length.
                let words = line[..d.start]
                    .split_whitespace()
                    .chain(line[d.end..].split_whitespace())
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .take(2)
                    .count();
                if n < 15 && words <= 1 {
                    header.push(date);
                } else {
                    latest_in_body = latest_in_body.max(Some(date));
                }
            }
        }
        match latest_in_body {
            Some(body) => header
                .iter()
                .copied()
                .filter(|h| *h >= body)
                .min()
                .or_else(|| header.first().copied()),
            None => header.first().copied(),
        }
    }
}

/// Whether four ASCII digits stand in a row in `bytes`. Such a run holds one of every fourth
/// byte, so only those are read first: the whole of every document is asked.
fn has_four_digits(bytes: &[u8]) -> bool {
    (3..bytes.len()).step_by(4).any(|p| {
        if !bytes[p].is_ascii_digit() {
            return false;
        }
        let before = bytes[..p]
            .iter()
            .rev()
            .take(3)
            .take_while(|b| b.is_ascii_digit());
        let after = bytes[p + 1..]
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_digit());
        1 + before.count() + after.count() >= 4
    })
}

/// Pins a date expression to the calendar, given the article's publication date.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use newsgraph::stages::{resolve_date, DateValue};
/// let published = NaiveDate::from_ymd_opt(2024, 1, 20); // a Saturday
/// let tuesday = resolve_date(DateValue::Weekday(Weekday::Tue), published);
/// assert_eq!(tuesday, NaiveDate::from_ymd_opt(2024, 1, 16));
/// ```
pub fn resolve_date(value: DateValue, published: Option<NaiveDate>) -> Option<NaiveDate> {
    match value {
        DateValue::Full(d) => Some(d),
        DateValue::MonthDay(month, day) => {
            let anchor = published?;
            let this_year = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
            // A date well after publication is last year's ("since Oct. 7" in a January article).
            if this_year > anchor + Days::new(31) {
                NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)
            } else {
                Some(this_year)
            }
        }
        DateValue::Weekday(wd) => {
            let anchor = published?;
            let back =
                (anchor.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
            anchor.checked_sub_days(Days::new(back.into()))
        }
        DateValue::Relative(offset) => published?.checked_add_signed(TimeDelta::try_days(offset)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::tests::shipped_schema;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    proptest::proptest! {
        /// `has_four_digits` reads every fourth byte first, and finds every run all the same.
        #[test]
        fn four_digits_are_found_wherever_they_stand(line in "[0-9a ]{0,12}") {
            let bytes = line.as_bytes();
            let anywhere = bytes.windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
            proptest::prop_assert_eq!(has_four_digits(bytes), anywhere);
        }
    }

    fn find_dates(text: &str) -> Vec<DateMention> {
        shipped_schema().calendar.find_dates(text)
    }

    #[test]
    fn formats_are_recognised() {
        let v: Vec<_> = find_dates(
            "on 22nd January 2024 and January 16, 2024 and Thursday’s strikes yesterday",
        )
        .into_iter()
        .map(|m| m.value)
        .collect();
        assert_eq!(
            v,
            [
                DateValue::Full(d(2024, 1, 22)),
                DateValue::Full(d(2024, 1, 16)),
                DateValue::Weekday(Weekday::Thu),
                DateValue::Relative(-1)
            ]
        );
        let v: Vec<_> = find_dates("the 3rd of Sept. 2023, Sep 4 and Today")
            .into_iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(
            v,
            [
                DateValue::Full(d(2023, 9, 3)),
                DateValue::MonthDay(9, 4),
                DateValue::Relative(0)
            ]
        );
    }

    #[test]
    fn the_date_words_of_a_sentence_find_its_dates() {
        let schema = shipped_schema();
        let date_words = |text: &str| {
            let tokens = crate::segment::tokenize(text);
            let lexed = crate::phrases::Lexed::new(text, &tokens, schema);
            schema.calendar.date_words(text, &tokens, lexed.lexemes())
        };
        for text in [
            "The talks went on, the minister said.",
            "Officials may march on.",
            "It happened YESTERDAY, on Tuesday 16 January.",
            "On Tuesday’s meeting",
            "16 Mayor",
            "the 16th Mayor, the 3rd of Mayo",
            "Mondayé, the Mondayé report",
            "on 3 Sept. and yeſterday",
            "on F16 January 5",
        ] {
            let words = date_words(text);
            assert_eq!(
                schema.calendar.find_dates_of(text, words),
                find_dates(text),
                "{text}: {words:?}"
            );
        }
        assert_eq!(
            date_words("The talks went on, the minister said."),
            DateWords::default()
        );
        let words = date_words("It happened YESTERDAY.");
        assert!(words.relative && !words.names && !words.numbers);
        assert!(date_words("16 Mayor").numbers);
        assert_eq!(date_words("Mondayé"), DateWords::ANY);
    }

    #[test]
    fn may_and_march_need_a_day() {
        assert!(find_dates("Officials may march on.").is_empty());
        assert_eq!(find_dates("on May 10").len(), 1);
    }

    #[test]
    fn weekday_resolution_counts_back_from_publication() {
        let sat = Some(d(2024, 1, 20));
        assert_eq!(
            resolve_date(DateValue::Weekday(Weekday::Thu), sat),
            Some(d(2024, 1, 18))
        );
        assert_eq!(
            resolve_date(DateValue::Weekday(Weekday::Sat), sat),
            Some(d(2024, 1, 20))
        );
        assert_eq!(resolve_date(DateValue::Weekday(Weekday::Thu), None), None);
        assert_eq!(
            resolve_date(DateValue::MonthDay(10, 7), sat),
            Some(d(2023, 10, 7))
        );
        assert_eq!(resolve_date(DateValue::Relative(i64::MAX), sat), None);
    }

    #[test]
    fn publication_date_skips_the_scrape_date() {
        let calendar = &shipped_schema().calendar;
        let text = "close\nSaturday April 27, 2024\n\nHeadline\nBy A Writer\nJanuary 20, 2024\nCaption on January 19, 2024.\n\nBody on January 16, 2024.";
        assert_eq!(calendar.publication_date(text), Some(d(2024, 1, 20)));
        assert_eq!(calendar.publication_date("No date here."), None);
    }
}
