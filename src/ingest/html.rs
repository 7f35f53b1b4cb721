//! Saved web pages: the article's main text, and what the page says of it (title, publication
//! date, address), by the readability algorithm of Mozilla's Firefox reader view (the
//! `dom_smoothie` crate). Menus, scripts, styles, sidebars, comments and footers are left out.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::{checked_date, checked_url, titled_text, Article, Location, Warning};
use crate::dates::Calendar;

/// The article of a page, or `None` (with a warning) when the page holds none.
pub(super) fn article(
    id: String,
    html: &str,
    calendar: &Calendar,
    location: &Location<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    let config = Config {
        // Paragraphs, headings and list items on lines of their own.
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let document = Document::from(html);
    let address = own_address(&document, html);
    // A page of links and furniture only (an index, an error page) is no article, though
    // readability would make one of its menu.
    let page = Readability::with_document(document, None, Some(config))
        .and_then(|mut r| match r.is_probably_readable() {
            true => r.parse().map(Some),
            false => Ok(None),
        })
        .map_err(|e| format!(" ({e})"));
    let page = match page {
        Ok(Some(page)) if !page.text_content.trim().is_empty() => page,
        other => {
            let reason = other.err().unwrap_or_default();
            let message = format!("no article found in the page{reason}, skipped");
            location.warn(warnings, message, true);
            return None;
        }
    };
    let title = Some(page.title.trim().to_string()).filter(|t| !t.is_empty());
    Some(Article {
        text: titled_text(title.as_deref(), &page.text_content),
        published: page
            .published_time
            .as_deref()
            .and_then(|d| checked_date(d, calendar, location, warnings)),
        url: address
            .or(page.url)
            .and_then(|u| checked_url(&u, location, warnings)),
        title,
        id,
    })
}

/// The address the page was saved from, as its head or the browser that saved it says: the
/// canonical link, the Open Graph `og:url`, or a "saved from url=(N)…" comment.
fn own_address(document: &Document, html: &str) -> Option<String> {
    let declared = ["link[rel=canonical]", "meta[property=\"og:url\"]"]
        .iter()
        .zip(["href", "content"])
        .find_map(|(selector, attribute)| {
            let value = document.select(selector).first().attr(attribute)?;
            Some(value.trim().to_string()).filter(|v| !v.is_empty())
        });
    declared.or_else(|| {
        const MARK: &str = "<!-- saved from url=(";
        let head = &html[..html.len().min(4096)];
        let rest = &head[head.find(MARK)? + MARK.len()..];
        let rest = &rest[rest.find(')')? + 1..];
        let end = rest
            .find(char::is_whitespace)
            .or_else(|| rest.find("-->"))?;
        Some(rest[..end].to_string())
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn calendar() -> &'static Calendar {
        &crate::schema::tests::shipped_schema().calendar
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<!-- saved from url=(0034)https://news.example.org/saved-as -->
<html lang="en"><head><meta charset="utf-8">
<title>Peru and Chile agree to talks | Example News</title>
<meta property="article:published_time" content="2024-01-20T08:15:00+05:00">
<link rel="canonical" href="https://news.example.org/world/talks">
<script>var menu = "Brazil struck Peru";</script>
<style>p { color: black }</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies. Accept all cookies?</div>
<main><article>
<h1>Peru and Chile agree to talks</h1>
<p>LIMA: Peru and Chile agreed on Friday to hold talks after a week of clashes along their
border, the foreign ministries of both countries said in a joint statement.</p>
<p>Chile's Foreign Minister Ana Lopez spoke by telephone with her Peruvian counterpart on
Thursday, and the two agreed that their ambassadors would return to their posts.</p>
<p>Brazil urged both countries to exercise restraint and offered to host the talks in
Brasilia, the statement said, adding that the first meeting would be held next month.</p>
</article>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Bolivia condemns Ecuador</a></li></ul></aside>
</main>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
<script>document.write("Ecuador struck Bolivia");</script>
</body></html>"#;

    fn location() -> Location<'static> {
        Location {
            path: Path::new("talks.html"),
            line: None,
            record: None,
        }
    }

    #[test]
    fn main_text_without_menus_scripts_and_footers() {
        let mut w = Vec::new();
        let a = article("talks".into(), PAGE, calendar(), &location(), &mut w).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert!(
            a.text
                .starts_with("Peru and Chile agree to talks\n\nLIMA: Peru and Chile agreed"),
            "{}",
            a.text
        );
        for furniture in [
            "Home",
            "cookies",
            "Most read",
            "Bolivia",
            "Copyright",
            "Ecuador",
            "color",
            "menu",
        ] {
            assert!(!a.text.contains(furniture), "{furniture:?} in {}", a.text);
        }
        assert!(a.text.contains("offered to host the talks"), "{}", a.text);
        assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 1, 20));
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example.org/world/talks")
        );
    }

    #[test]
    fn address_from_og_url_or_the_saved_from_mark() {
        let og = PAGE.replace(
            r#"<link rel="canonical" href="https://news.example.org/world/talks">"#,
            r#"<meta property="og:url" content="https://news.example.org/og">"#,
        );
        assert_eq!(
            own_address(&Document::from(og.as_str()), &og).as_deref(),
            Some("https://news.example.org/og")
        );
        let saved = PAGE.replace(
            r#"<link rel="canonical" href="https://news.example.org/world/talks">"#,
            "",
        );
        assert_eq!(
            own_address(&Document::from(saved.as_str()), &saved).as_deref(),
            Some("https://news.example.org/saved-as")
        );
    }

    #[test]
    fn a_page_without_an_article_is_skipped_with_a_warning() {
        let mut w = Vec::new();
        let empty =
            "<html><head><title></title></head><body><nav><a href='/'>Home</a></nav></body></html>";
        assert!(article("e".into(), empty, calendar(), &location(), &mut w).is_none());
        assert!(
            w[0].message.starts_with("no article found in the page"),
            "{w:?}"
        );
        assert!(w[0].skipped);
    }
}

#[cfg(test)]
mod properties {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;

    /// Tag soup: fragments of pages, unclosed and misnested.
    fn tag_soup() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<html>",
            "<head>",
            "<title>",
            "</title>",
            "<body>",
            "<p>",
            "</p>",
            "<div class=\"a\">",
            "</div>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&#0;",
            "&#xD800;",
            "<link rel=canonical href=\"",
            "<meta property=\"og:url\" content=\"",
            "\">",
            "https://a.b/ c",
            "Peru struck Chile on Tuesday. ",
            "\u{FFFE}",
            "<",
            ">",
            "\"",
        ]);
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Whatever the page, reading it never panics; an article it yields has text and
        /// an address that is an absolute IRI, if any.
        #[test]
        fn any_page_is_read_or_skipped(html in tag_soup()) {
            let location = Location { path: Path::new("p.html"), line: None, record: None };
            let mut warnings = Vec::new();
            match article("p".into(), &html, &crate::schema::tests::shipped_schema().calendar, &location, &mut warnings) {
                Some(a) => {
                    prop_assert!(!a.text.trim().is_empty());
                    prop_assert!(a.url.as_deref().is_none_or(|u| oxrdf::NamedNode::new(u).is_ok()));
                }
                None => prop_assert!(warnings.iter().any(|w| w.skipped)),
            }
        }
    }
}
