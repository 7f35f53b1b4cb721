//! Articles as they come (issue 11): folders searched recursively, extensions in any case,
//! Markdown, crawler records (JSON Lines, JSON), saved web pages and hard-wrapped text, read
//! by the binary run from another folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{json, Value};

use crate::project;

/// The binary, run from `dir` (not the repository: the schema is built in).
fn newsgraph_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").unwrap();
    cmd.current_dir(dir);
    cmd
}

/// The JSON export of a build of `input` run from `dir`, and its stderr.
fn json_of(dir: &Path, input: &Path) -> (Value, String) {
    let output = newsgraph_in(dir)
        .arg("build")
        .arg(input)
        .args(["-o", "-", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

type Edge = (String, String, String);

fn edges(graph: &Value) -> BTreeSet<Edge> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap().to_string();
            (field("source"), field("relation"), field("target"))
        })
        .collect()
}

fn document_ids(graph: &Value) -> Vec<String> {
    graph["graph"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

/// A seed article: its id, its text, and its first non-blank line (its headline here).
struct Seed {
    id: String,
    text: String,
    headline: String,
}

fn seeds() -> Vec<Seed> {
    let mut paths: Vec<_> = fs::read_dir(project("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let headline = text.lines().find(|l| !l.trim().is_empty()).unwrap();
            Seed {
                id: path.file_stem().unwrap().to_string_lossy().into_owned(),
                headline: headline.trim().to_string(),
                text,
            }
        })
        .collect()
}

fn address(id: &str) -> String {
    format!("https://news.example.org/world/{id}")
}

/// Seed `s` as a news-please record: title, the rest as `maintext`, date, address.
fn record(s: &Seed, published: Option<&str>) -> Value {
    let body = s.text.trim_start().strip_prefix(&s.headline).unwrap();
    json!({
        "title": s.headline,
        "maintext": body.trim(),
        "date_publish": published.map(|d| format!("{d} 09:30:00")),
        "url": address(&s.id),
        "source_domain": "news.example.org",
        "language": "en",
    })
}

/// Seed `s` as a saved web page: its paragraphs in an article, between a menu, a cookie
/// banner, a sidebar, a footer and scripts that all name states and strikes.
fn page(s: &Seed, published: Option<&str>) -> String {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let paragraphs: String = s
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(1)
        .map(|l| format!("<p>{}</p>\n", escape(l)))
        .collect();
    let published = published
        .map(|d| {
            format!(r#"<meta property="article:published_time" content="{d}T09:30:00+05:00">"#)
        })
        .unwrap_or_default();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
{published}
<link rel="canonical" href="{url}">
<script>window.ads = {{"slot": "India struck Nepal"}};</script>
<style>.menu {{ color: red }}</style>
</head><body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/asia">Asia</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main><article><h1>{title}</h1>
{paragraphs}</article>
<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/1">Japan condemned Chile over island dispute</a></li>
<li><a href="/2">Bolivia struck Argentina overnight, officials say</a></li></ul></aside></main>
<footer><p>Copyright 2024 Example News. All rights reserved.</p>
<p>Brazil urged Nepal and Argentina to exercise restraint | Contact us | Terms</p></footer>
<script>document.write("Turkey struck Syria");</script>
</body></html>
"#,
        title = escape(&s.headline),
        url = address(&s.id),
    )
}

/// `text` wrapped by coreutils `fmt` at `width` columns.
fn fmt(text: &str, width: usize) -> String {
    use std::io::Write;
    let mut child = Process::new("fmt")
        .arg(format!("-w{width}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("coreutils fmt runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The issue's acceptance check: from a folder outside the repository, the seeds as crawler
/// records, as saved web pages and wrapped at 68 columns give the edges of the clean `.txt`
/// (at most one differs), and the exports carry their addresses and dates.
#[test]
fn seeds_as_records_pages_and_wrapped_text_give_the_clean_edges() {
    let elsewhere = tempfile::tempdir().unwrap();
    let (clean, _) = json_of(elsewhere.path(), &project("seeds"));
    let published: Vec<Option<String>> = clean["graph"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["published"].as_str().map(String::from))
        .collect();
    let seeds = seeds();
    assert_eq!(published.len(), seeds.len());

    let corpus = elsewhere.path().join("articles");
    for dir in ["crawl", "pages/2024", "wrapped"] {
        fs::create_dir_all(corpus.join(dir)).unwrap();
    }
    let records: String = seeds
        .iter()
        .zip(&published)
        .map(|(s, p)| record(s, p.as_deref()).to_string() + "\n")
        .collect();
    fs::write(corpus.join("crawl/seeds.jsonl"), records).unwrap();
    for (s, p) in seeds.iter().zip(&published) {
        fs::write(
            corpus.join(format!("pages/2024/{}.HTML", s.id)),
            page(s, p.as_deref()),
        )
        .unwrap();
        fs::write(
            corpus.join(format!("wrapped/{}.txt", s.id)),
            fmt(&s.text, 68),
        )
        .unwrap();
    }

    let clean_edges = edges(&clean);
    for variant in ["crawl", "pages", "wrapped"] {
        let (graph, stderr) = json_of(elsewhere.path(), &corpus.join(variant));
        assert!(
            stderr.contains("5 documents, 0 warnings"),
            "{variant}: {stderr}"
        );
        let got = edges(&graph);
        let differ: Vec<&Edge> = got.symmetric_difference(&clean_edges).collect();
        assert!(
            differ.len() <= 1,
            "{variant}: {} of {} edges differ from the clean text: {differ:?}",
            differ.len(),
            clean_edges.len()
        );
    }

    // All three at once, into a folder: document ids are paths below the input folder, so
    // the same article in three forms keeps three ids.
    let out = elsewhere.path().join("graph");
    newsgraph_in(elsewhere.path())
        .arg("articles")
        .args(["-o", "graph"])
        .assert()
        .success()
        .stderr(predicate::str::contains("15 documents, 0 warnings"));
    let graph: Value = serde_json::from_slice(&fs::read(out.join("graph.json")).unwrap()).unwrap();
    let ids = document_ids(&graph);
    assert!(ids.contains(&"crawl/seeds-1".to_string()), "{ids:?}");
    assert!(
        ids.contains(&format!("pages/2024/{}", seeds[0].id)),
        "{ids:?}"
    );
    assert!(ids.contains(&format!("wrapped/{}", seeds[0].id)), "{ids:?}");
    for document in graph["graph"]["documents"].as_array().unwrap() {
        let id = document["id"].as_str().unwrap();
        // Records are numbered by line, pages named after their seed; plain text has no
        // address.
        let seed = match id.strip_prefix("crawl/seeds-") {
            Some(line) => line.parse::<usize>().unwrap() - 1,
            None if id.starts_with("pages/") => {
                seeds.iter().position(|s| id.ends_with(&s.id)).unwrap()
            }
            None => continue,
        };
        assert_eq!(document["url"], address(&seeds[seed].id), "{id}");
        assert_eq!(
            document["published"].as_str(),
            published[seed].as_deref(),
            "{id}"
        );
    }
    // The address on every piece of evidence of a record or a page, in JSON and in RDF.
    let evidence: Vec<&Value> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["evidence"].as_array().unwrap())
        .collect();
    for e in &evidence {
        let wrapped = e["doc"].as_str().unwrap().starts_with("wrapped/");
        assert_eq!(e["url"].is_string(), !wrapped, "{e}");
    }
    let turtle = fs::read_to_string(out.join("graph.ttl")).unwrap();
    let triples: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
        .for_slice(turtle.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    let derived_from: BTreeSet<String> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == "http://www.w3.org/ns/prov#wasDerivedFrom")
        .filter_map(|t| match &t.object {
            oxrdf::Term::NamedNode(n) if n.as_str().starts_with("https://news.example.org/") => {
                Some(n.as_str().to_string())
            }
            _ => None,
        })
        .collect();
    let every_address: BTreeSet<String> = seeds.iter().map(|s| address(&s.id)).collect();
    assert_eq!(derived_from, every_address);
    let issued = triples
        .iter()
        .filter(|t| t.predicate.as_str() == "http://purl.org/dc/terms/issued")
        .count();
    let dated = published.iter().flatten().count();
    assert!(
        issued >= 2 * dated,
        "{issued} dcterms:issued for {dated} dated seeds"
    );
}

#[test]
fn folders_are_searched_recursively_in_any_case_and_markdown_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for sub in ["a/b", ".cache", "out"] {
        fs::create_dir_all(corpus.join(sub)).unwrap();
    }
    let article = "Peru struck Chile on Tuesday.\n";
    fs::write(corpus.join("UPPER.TXT"), article).unwrap();
    fs::write(
        corpus.join("a/b/notes.md"),
        "# Border\n\nChile condemned Peru.\n",
    )
    .unwrap();
    fs::write(corpus.join("a/photo.JPG"), [0xff, 0xd8, 0xff]).unwrap();
    fs::write(corpus.join(".cache/hidden.txt"), article).unwrap();
    fs::write(
        corpus.join("out/graph.json"),
        r#"{"text": "Bolivia struck Peru."}"#,
    )
    .unwrap();
    let output = newsgraph_in(dir.path())
        .arg("corpus")
        .args(["-o", "corpus/out", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("2 documents, 0 warnings"), "{stderr}");
    let graph: Value =
        serde_json::from_slice(&fs::read(corpus.join("out/graph.json")).unwrap()).unwrap();
    assert_eq!(document_ids(&graph), ["UPPER", "a/b/notes"]);
    let got = edges(&graph);
    assert!(
        got.contains(&("peru".into(), "struck".into(), "chile".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("chile".into(), "condemned".into(), "peru".into())),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|e| e.0 == "bolivia"),
        "the previous export was read"
    );
    // Exports written into the input folder itself are not read back by the next run.
    for _ in 0..2 {
        newsgraph_in(dir.path())
            .args(["corpus", "-o", "corpus"])
            .assert()
            .success()
            .stderr(predicate::str::contains("2 documents, 0 warnings"));
    }
    assert!(corpus.join("graph.json").is_file());
}

/// A record's date resolves "on Tuesday"; its address reaches the exports.
#[test]
fn crawler_records_date_their_events_and_name_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = dir.path().join("crawl.jsonl");
    let lines = [
        json!({"title": "Peru strikes Chile", "maintext": "Peru struck Chile on Tuesday, the army said.",
               "date_publish": "2024-01-18 10:32:00", "url": "https://wire.example.org/peru-chile"}),
        json!({"title": "No body"}),
        json!({"text": "Chile condemned the strike on Wednesday.", "date": "2024-01-19",
               "source": "https://other.example.net/chile"}),
    ];
    let mut text: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    text.push_str("{\"text\": broken\n\n");
    fs::write(&crawl, text).unwrap();
    let (graph, stderr) = json_of(dir.path(), &crawl);
    assert!(
        stderr.contains(&format!("warning: {}:2: no text", crawl.display()))
            && stderr.contains(&format!("warning: {}:4: not JSON (", crawl.display()))
            && stderr.contains("2 documents, 2 skipped, 2 warnings"),
        "{stderr}"
    );
    assert_eq!(document_ids(&graph), ["crawl-1", "crawl-3"]);
    let struck = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["relation"] == "struck")
        .expect("Peru struck Chile");
    let evidence = struck["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            let sentence = e["sentence"].as_u64().unwrap().to_string();
            let text = &graph["graph"]["sentences"][e["doc"].as_str().unwrap()][sentence];
            text.as_str().unwrap().contains("Tuesday")
        })
        .expect("the sentence of Tuesday");
    assert_eq!(
        evidence["date"], "2024-01-16",
        "Tuesday before Thursday 18 January"
    );
    assert_eq!(evidence["url"], "https://wire.example.org/peru-chile");
    // The offsets count in the record's title, a blank line and its text.
    assert_eq!(evidence["start"], "Peru strikes Chile\n\n".chars().count());
}

#[test]
fn a_saved_page_is_read_for_its_article_only() {
    let dir = tempfile::tempdir().unwrap();
    let seed = &seeds()[2];
    let path = dir.path().join("saved.htm");
    fs::write(&path, page(seed, Some("2024-01-20"))).unwrap();
    let (graph, stderr) = json_of(dir.path(), &path);
    assert!(stderr.contains("1 document, 0 warnings"), "{stderr}");
    let labels: BTreeSet<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    for furniture in [
        "Nepal",
        "Japan",
        "Chile",
        "Bolivia",
        "Argentina",
        "Brazil",
        "India",
        "Turkey",
    ] {
        assert!(
            !labels.contains(furniture),
            "{furniture} from the page's furniture"
        );
    }
    assert_eq!(graph["graph"]["documents"][0]["published"], "2024-01-20");
    assert_eq!(graph["graph"]["documents"][0]["url"], address(&seed.id));
}

#[test]
fn a_run_that_finds_no_article_fails_and_keeps_the_previous_exports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    newsgraph_in(dir.path())
        .arg(project("seeds"))
        .args(["-q", "-o", "out"])
        .assert()
        .success();
    let before = fs::read(out.join("graph.json")).unwrap();
    let empty = dir.path().join("nothing");
    fs::create_dir_all(&empty).unwrap();
    fs::write(empty.join("picture.png"), [0x89, b'P', b'N', b'G']).unwrap();
    fs::write(empty.join("blank.txt"), "\n\n").unwrap();
    newsgraph_in(dir.path())
        .args(["build", "nothing", "-o", "out"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "newsgraph: error: no article in nothing (articles are .txt, .md, .json, .jsonl and .html files); nothing written",
        ));
    assert_eq!(fs::read(out.join("graph.json")).unwrap(), before);
}
