//! Crawler records: JSON objects holding an article's text and what the crawler knew of it,
//! in the field names of news-please, Trafilatura and newspaper4k, one a line (JSON Lines) or
//! in a JSON file.

use serde_json::{Map, Value};

use super::{checked_date, checked_url, html, titled_text, Article, Location, Warning};
use crate::dates::Calendar;

/// The fields that hold the text, in order of preference: news-please's `maintext`,
/// Trafilatura's and newspaper4k's `text`, Trafilatura's `raw_text`, and others' names.
const TEXT: &[&str] = &["maintext", "text", "raw_text", "content", "body", "article"];
/// The fields that hold a page's HTML, read when no text field is there.
const HTML: &[&str] = &["html", "raw_html", "content_html"];
const TITLE: &[&str] = &["title", "headline", "title_page", "title_rss"];
/// news-please `date_publish`, newspaper4k `publish_date`, Trafilatura `date`, and others.
const DATE: &[&str] = &[
    "date_publish",
    "publish_date",
    "date_published",
    "datePublished",
    "published",
    "pubdate",
    "date",
];
/// Trafilatura's `source` is the address too, where other crawlers put a site's name there:
/// only values with a scheme (`://`) are taken for addresses.
const URL: &[&str] = &["url", "canonical_url", "link", "source"];

/// The articles of a `.json` file: one record, an array of records (`{id}-1`, `{id}-2`, …),
/// or records one a line (`{id}-{line}`) under a `.json` name.
pub(super) fn articles_of_file(
    id: &str,
    text: &str,
    calendar: &Calendar,
    location: &Location<'_>,
    warnings: &mut Vec<Warning>,
) -> Vec<Article> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(record)) => {
            article_of_record(id.to_string(), &record, calendar, location, warnings)
                .into_iter()
                .collect()
        }
        Ok(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let location = Location {
                    record: Some(i + 1),
                    ..*location
                };
                match item {
                    Value::Object(record) => article_of_record(
                        format!("{id}-{}", i + 1),
                        record,
                        calendar,
                        &location,
                        warnings,
                    ),
                    _ => {
                        location.warn(warnings, "not a JSON object, skipped".into(), true);
                        None
                    }
                }
            })
            .collect(),
        Ok(_) => {
            location.warn(
                warnings,
                "neither a record nor an array of records, skipped".into(),
                true,
            );
            Vec::new()
        }
        Err(e) if e.to_string().starts_with("trailing characters") => text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .filter_map(|(n, line)| {
                let location = Location {
                    line: Some(n + 1),
                    ..*location
                };
                article_of_line(
                    format!("{id}-{}", n + 1),
                    line,
                    calendar,
                    &location,
                    warnings,
                )
            })
            .collect(),
        Err(e) => {
            location.warn(warnings, format!("not JSON ({e}), skipped"), true);
            Vec::new()
        }
    }
}

/// The article of one line of a JSON Lines file.
pub(super) fn article_of_line(
    id: String,
    line: &str,
    calendar: &Calendar,
    location: &Location<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(record)) => article_of_record(id, &record, calendar, location, warnings),
        Ok(_) => {
            location.warn(warnings, "not a JSON object, skipped".into(), true);
            None
        }
        Err(e) => {
            location.warn(warnings, format!("not JSON ({e}), skipped"), true);
            None
        }
    }
}

/// The article of a record: its title, a blank line and its text; its publication date and
/// address.
fn article_of_record(
    id: String,
    record: &Map<String, Value>,
    calendar: &Calendar,
    location: &Location<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    let title = string(record, TITLE).map(str::to_string);
    let published = date(record, calendar, location, warnings);
    let mut url = record_url(record, location, warnings);
    let body = match (string(record, TEXT), string(record, HTML)) {
        // Some crawlers keep the page's markup in their text field.
        (Some(text), _) if !text.trim_start().starts_with('<') => text.to_string(),
        (Some(markup), _) | (None, Some(markup)) => {
            let page = html::article(id.clone(), markup, calendar, location, warnings)?;
            url = url.or(page.url);
            return Some(Article {
                text: titled_text(title.as_deref().or(page.title.as_deref()), &page.text),
                title: title.or(page.title),
                published: published.or(page.published),
                url,
                id,
            });
        }
        (None, None) => {
            let message = format!("no text (fields {}), skipped", TEXT.join(", "));
            location.warn(warnings, message, true);
            return None;
        }
    };
    Some(Article {
        text: titled_text(title.as_deref(), &body),
        id,
        title,
        published,
        url,
    })
}

/// The first of `fields` that holds a string with something in it.
fn string<'v>(record: &'v Map<String, Value>, fields: &[&str]) -> Option<&'v str> {
    fields
        .iter()
        .filter_map(|f| record.get(*f)?.as_str())
        .find(|s| !s.trim().is_empty())
}

/// The publication date: a written date or a Unix timestamp (seconds).
fn date(
    record: &Map<String, Value>,
    calendar: &Calendar,
    location: &Location<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<chrono::NaiveDate> {
    let value = DATE
        .iter()
        .find_map(|f| record.get(*f).filter(|v| !v.is_null()))?;
    match value {
        Value::String(s) => checked_date(s, calendar, location, warnings),
        Value::Number(n) => n
            .as_i64()
            .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
            .map(|t| t.date_naive()),
        other => checked_date(&other.to_string(), calendar, location, warnings),
    }
}

fn record_url(
    record: &Map<String, Value>,
    location: &Location<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let candidates: Vec<&str> = URL
        .iter()
        .filter_map(|f| record.get(*f)?.as_str())
        .collect();
    let url = candidates
        .iter()
        .find(|u| u.contains("://"))
        .or(candidates.first().filter(|_| record.contains_key(URL[0])))?;
    checked_url(url, location, warnings)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn calendar() -> &'static Calendar {
        &crate::schema::tests::shipped_schema().calendar
    }

    fn location() -> Location<'static> {
        Location {
            path: Path::new("crawl.jsonl"),
            line: Some(3),
            record: None,
        }
    }

    #[test]
    fn news_please_record() {
        let line = r#"{"title": "Peru and Chile agree to talks", "maintext": "Peru struck Chile on Tuesday.", "date_publish": "2024-01-18 10:32:00", "url": "https://example.org/a?b=1", "source_domain": "example.org", "language": "en"}"#;
        let mut w = Vec::new();
        let a = article_of_line("c-3".into(), line, calendar(), &location(), &mut w).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            a.text,
            "Peru and Chile agree to talks\n\nPeru struck Chile on Tuesday."
        );
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 1, 18));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a?b=1"));
        assert_eq!(a.title.as_deref(), Some("Peru and Chile agree to talks"));
    }

    #[test]
    fn trafilatura_and_newspaper_records() {
        let mut w = Vec::new();
        let trafilatura = r#"{"title": "T", "text": "T\nPeru struck Chile.", "date": "2024-01-18", "source": "https://example.org/t", "source-hostname": "Example"}"#;
        let a = article_of_line("t".into(), trafilatura, calendar(), &location(), &mut w).unwrap();
        assert_eq!(
            a.text, "T\nPeru struck Chile.",
            "the text starts with its title"
        );
        assert_eq!(a.url.as_deref(), Some("https://example.org/t"));
        let newspaper = r#"{"title": null, "text": "Peru struck Chile.", "publish_date": "2024-01-18T10:00:00+05:00", "url": "https://example.org/n", "source": "Example Wire"}"#;
        let a = article_of_line("n".into(), newspaper, calendar(), &location(), &mut w).unwrap();
        assert_eq!(a.text, "Peru struck Chile.");
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 1, 18));
        assert_eq!(a.url.as_deref(), Some("https://example.org/n"));
        let stamped = r#"{"text": "Peru struck Chile.", "published": 1705572000}"#;
        let a = article_of_line("s".into(), stamped, calendar(), &location(), &mut w).unwrap();
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 1, 18));
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn bad_records_are_skipped_with_their_line() {
        let mut w = Vec::new();
        assert!(
            article_of_line("x".into(), "{\"text\": ", calendar(), &location(), &mut w).is_none()
        );
        assert!(article_of_line("x".into(), "[1, 2]", calendar(), &location(), &mut w).is_none());
        assert!(article_of_line(
            "x".into(),
            r#"{"title": "no body"}"#,
            calendar(),
            &location(),
            &mut w
        )
        .is_none());
        let odd = r#"{"text": "Peru struck Chile.", "url": "not a url", "date": "soon"}"#;
        let a = article_of_line("x".into(), odd, calendar(), &location(), &mut w).unwrap();
        assert_eq!((a.url, a.published), (None, None));
        let messages: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert!(
            messages[0].starts_with("warning: crawl.jsonl:3: not JSON ("),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("not a JSON object, skipped"),
            "{messages:?}"
        );
        assert!(
            messages[2].contains("no text (fields maintext, text"),
            "{messages:?}"
        );
        assert!(
            messages[4].contains("address \"not a url\" is not an absolute IRI"),
            "{messages:?}"
        );
        assert!(
            messages[3].contains("publication date \"soon\" not understood"),
            "{messages:?}"
        );
        assert_eq!(w.iter().filter(|w| w.skipped).count(), 3);
    }

    #[test]
    fn json_files_hold_one_record_an_array_or_lines() {
        let file = Location {
            path: Path::new("c.json"),
            line: None,
            record: None,
        };
        let mut w = Vec::new();
        let one = articles_of_file("c", r#"{"text": "One."}"#, calendar(), &file, &mut w);
        assert_eq!(one.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["c"]);
        let array = articles_of_file(
            "c",
            r#"[{"text": "One."}, 7, {"text": "Two."}]"#,
            calendar(),
            &file,
            &mut w,
        );
        assert_eq!(
            array.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["c-1", "c-3"]
        );
        assert_eq!(
            w[0].to_string(),
            "warning: c.json: record 2: not a JSON object, skipped"
        );
        let lines = articles_of_file(
            "c",
            "{\"text\": \"One.\"}\n\n{\"text\": \"Two.\"}\n",
            calendar(),
            &file,
            &mut w,
        );
        assert_eq!(
            lines.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["c-1", "c-3"]
        );
        assert!(articles_of_file("c", "{\"text\": ", calendar(), &file, &mut w).is_empty());
        assert!(w.last().unwrap().message.starts_with("not JSON ("));
    }
}

#[cfg(test)]
mod properties {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    /// JSON-ish text: fragments of records, of crawler fields and of hostile values.
    fn jsonish() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "\n",
            "null",
            "1705572000",
            "-1e999",
            "\"text\"",
            "\"maintext\"",
            "\"title\"",
            "\"url\"",
            "\"date\"",
            "\"html\"",
            "\"<p>x</p>\"",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"\\uFFFE\"",
            "\"https://a.b/ c\"",
            "\"2024-13-45\"",
            "\"Peru struck Chile.\"",
            "é",
            "🦀",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever a crawler wrote, reading it never panics, every article has text, and
        /// every address kept is an absolute IRI.
        #[test]
        fn any_record_is_read_or_skipped_with_a_warning(text in jsonish()) {
            let location = Location { path: Path::new("c.json"), line: None, record: None };
            let mut warnings = Vec::new();
            let mut articles = articles_of_file("c", &text, &crate::schema::tests::shipped_schema().calendar, &location, &mut warnings);
            articles.extend(article_of_line("c-1".into(), &text, &crate::schema::tests::shipped_schema().calendar, &location, &mut warnings));
            for a in &articles {
                prop_assert!(a.url.as_deref().is_none_or(|u| oxrdf::NamedNode::new(u).is_ok()));
            }
            prop_assert!(!articles.is_empty() || !warnings.is_empty() || text.trim().is_empty());
        }
    }
}
