//! Date expressions in English news text and their resolution against an article's date.

use std::sync::LazyLock;

use chrono::{Datelike, Days, Month, NaiveDate, Weekday};
use regex::Regex;

/// A date expression as written, before it is pinned to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// "January 16, 2024", "16th January 2024".
    Full(NaiveDate),
    /// "January 16", "Oct. 7": the year comes from the article.
    MonthDay(u32, u32),
    /// "on Tuesday": the most recent such day up to the article's date.
    Weekday(Weekday),
    /// "today" (0), "yesterday" (-1).
    Relative(i64),
}

/// A date expression found in a text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

const MONTH: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?:{WEEKDAY},?\s+)?{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?")).unwrap()
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?:{WEEKDAY},?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+(\d{{4}})(?-u:\b))?")).unwrap()
});
static BARE_WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?-u:\b){WEEKDAY}(?-u:\b)")).unwrap());
/// A word every date expression holds: text without one is not searched four times.
static ANY_DATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:{MONTH}|{WEEKDAY}|(?i:today|tonight|yesterday))"
    ))
    .unwrap()
});
static RELATIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?i:(today|tonight|yesterday))(?-u:\b)").unwrap());

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.');
    let name = if name == "Sept" { "Sep" } else { name };
    name.parse::<Month>().ok().map(|m| m.number_from_month())
}

fn date_value(month: &str, day: &str, year: Option<&str>) -> Option<DateValue> {
    let month = month_number(month)?;
    let day: u32 = day.parse().ok()?;
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y.parse().ok()?, month, day).map(DateValue::Full),
        None => (1..=31)
            .contains(&day)
            .then_some(DateValue::MonthDay(month, day)),
    }
}

/// Every date expression of `text`, in order, without overlaps (a weekday before a date is
/// part of it).
///
/// ```
/// use newsgraph::{find_dates, DateValue};
/// let found = find_dates("On Tuesday, 16th January 2024, and on Oct. 7, not on Friday");
/// assert_eq!(found.len(), 3);
/// assert_eq!(found[0].end - found[0].start, "Tuesday, 16th January 2024".len());
/// assert!(matches!(found[1].value, DateValue::MonthDay(10, 7)));
/// ```
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    if !ANY_DATE_WORD.is_match(text) {
        return found;
    }
    let mut push = |start: usize, end: usize, value: Option<DateValue>| {
        if let Some(value) = value {
            if !found.iter().any(|f| start < f.end && f.start < end) {
                found.push(DateMention { start, end, value });
            }
        }
    };
    for c in MONTH_DAY.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(
            m.start(),
            m.end(),
            date_value(&c[2], &c[3], c.get(4).map(|y| y.as_str())),
        );
    }
    for c in DAY_MONTH.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(
            m.start(),
            m.end(),
            date_value(&c[3], &c[2], c.get(4).map(|y| y.as_str())),
        );
    }
    for c in BARE_WEEKDAY.captures_iter(text) {
        let m = c.get(0).unwrap();
        push(
            m.start(),
            m.end(),
            c[1].parse::<Weekday>().ok().map(DateValue::Weekday),
        );
    }
    for c in RELATIVE.captures_iter(text) {
        let m = c.get(0).unwrap();
        let offset = if c[1].eq_ignore_ascii_case("yesterday") {
            -1
        } else {
            0
        };
        push(m.start(), m.end(), Some(DateValue::Relative(offset)));
    }
    found.sort_by_key(|f| f.start);
    found
}

/// Pins a date expression to the calendar, given the article's publication date.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use newsgraph::{resolve_date, DateValue};
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
        DateValue::Relative(offset) => {
            published?.checked_add_signed(chrono::TimeDelta::days(offset))
        }
    }
}

/// The publication date of an article: among the lines near the top that hold nothing but a
/// date (a scraper's "Saturday April 27, 2024", the byline's "January 20, 2024"), the earliest
/// one not before any full date the body mentions — an article cannot report later events.
pub fn publication_date(text: &str) -> Option<NaiveDate> {
    let mut header = Vec::new();
    let mut latest_in_body: Option<NaiveDate> = None;
    for (n, line) in text.lines().enumerate() {
        // Only full dates count, and they have a year: most lines have no four digits in a row.
        let has_year = line
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit));
        if !has_year {
            continue;
        }
        for d in find_dates(line) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
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
    }

    #[test]
    fn publication_date_skips_the_scrape_date() {
        let text = "close\nSaturday April 27, 2024\n\nHeadline\nBy A Writer\nJanuary 20, 2024\nCaption on January 19, 2024.\n\nBody on January 16, 2024.";
        assert_eq!(publication_date(text), Some(d(2024, 1, 20)));
        assert_eq!(publication_date("No date here."), None);
    }
}
