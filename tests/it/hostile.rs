//! Hostile and broken input (issue 6): mangled files, wrong paths, broken schemas, failing
//! outputs. newsgraph must not crash, must not write a broken or partial export, must not
//! lose data quietly, and must say exactly what went wrong.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use newsgraph::export::Format;
use predicates::prelude::*;

use crate::project;

/// The checks of the fuzz targets, replayed here on stable Rust over `fuzz/regressions/`.
#[path = "../../fuzz/src/lib.rs"]
mod roundtrip;

fn newsgraph() -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").unwrap();
    cmd.current_dir(project(""));
    cmd
}

/// The seed articles, sorted.
fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = fs::read_dir(project("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    seeds
}

/// Every file of a directory by name, with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Builds `inputs` into a fresh directory (every default format) and returns the directory.
fn build_into(inputs: &[&Path], env: &[(&str, &str)]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut cmd = newsgraph();
    cmd.arg("build")
        .args(inputs)
        .arg("-q")
        .arg("-o")
        .arg(out.path());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.assert().success();
    out
}

/// The JSON export of `inputs`, and the run's stderr.
fn json_of(inputs: &[&Path], extra: &[&str]) -> (serde_json::Value, String) {
    let output = newsgraph()
        .arg("build")
        .args(inputs)
        .args(["-o", "-", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

/// Seed sentences repeated up to `bytes` bytes, `per_line` sentences a line (None: one line).
fn repeated_seeds(bytes: usize, per_line: Option<usize>) -> String {
    let text: String = seeds()
        .iter()
        .map(|p| fs::read_to_string(p).unwrap().replace('\n', " ") + " ")
        .collect();
    let sentences: Vec<&str> = text
        .split_inclusive(". ")
        .map(str::trim)
        .filter(|s| s.len() > 20)
        .collect();
    let mut out = String::with_capacity(bytes + 1024);
    for (i, s) in sentences.iter().cycle().enumerate() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(s);
        out.push(if per_line.is_some_and(|n| i % n == n - 1) {
            '\n'
        } else {
            ' '
        });
    }
    out
}

// ---------------------------------------------------------------------------------------
// Input

/// U+FFFE and U+FFFF are valid UTF-8 but not text; raptor rejects them in N-Triples even as
/// `\uFFFE`, so they are replaced at the door, with a warning.
#[test]
fn noncharacters_are_replaced_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Iran struck Pakistan on Tuesday in the Panjgur\u{FFFE} district.\n";
    let path = dir.path().join("nonchar.txt");
    fs::write(&path, text).unwrap();
    let offset = text.find('\u{FFFE}').unwrap();
    let out = dir.path().join("out");
    let assert = newsgraph()
        .args(["build", "--format", "ntriples", "-o"])
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!(
            "{}: noncharacter at byte offset {offset}",
            path.display()
        )),
        "{stderr}"
    );
    let nt = fs::read_to_string(out.join("graph.nt")).unwrap();
    assert!(nt.contains("Panjgur\u{FFFD} district") && !nt.contains("FFFE"));
    consumer(
        "rapper",
        &["-q", "-c", "-i", "ntriples"],
        &out.join("graph.nt"),
    );
}

#[test]
fn invalid_utf8_is_replaced_and_reported_with_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"Iran struck Pakistan on Tuesday in the Panjgur".to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\xfe district.\n");
    let path = dir.path().join("mangled.txt");
    fs::write(&path, &bytes).unwrap();
    let (json, stderr) = json_of(&[&path], &[]);
    assert!(
        stderr.contains(&format!(
            "warning: {}: invalid UTF-8 at byte offset {offset}",
            path.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("1 document, 1 warning,"), "{stderr}");
    let texts: Vec<&str> = json["graph"]["sentences"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|doc| doc.as_object().unwrap().values())
        .map(|text| text.as_str().unwrap())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Panjgur\u{FFFD}\u{FFFD} district")),
        "{texts:?}"
    );
}

#[test]
fn binary_file_is_skipped_reported_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        "Iran struck Pakistan on Tuesday.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("photo.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let (json, stderr) = json_of(&[dir.path()], &[]);
    assert!(
        stderr.contains(&format!(
            "{}: binary file",
            dir.path().join("photo.txt").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 document, 1 skipped, 1 warning,"),
        "{stderr}"
    );
    let docs: Vec<&str> = json["graph"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["good"]);
}

#[test]
fn standard_input_is_decoded_and_reported_like_a_file() {
    let assert = newsgraph()
        .args(["build", "-", "-o", "-", "--format", "json"])
        .write_stdin(b"Iran struck Pakistan\xc3 on Tuesday.\n".to_vec())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: <stdin>: invalid UTF-8 at byte offset 20",
        ));
    let json: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(json["graph"]["documents"][0]["id"], "stdin");
    newsgraph()
        .args(["build", "-", "-o", "-", "--format", "json"])
        .write_stdin(b"\0\x01\x02".to_vec())
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("warning: <stdin>: binary file").and(
                predicate::str::contains("newsgraph: error: no article in -"),
            ),
        );
}

/// Evidence names its document by the file stem: two files with one stem are reported.
#[test]
fn two_files_with_one_document_id_are_reported() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fs::write(
        a.path().join("report.txt"),
        "Iran struck Pakistan on Tuesday.\n",
    )
    .unwrap();
    fs::write(
        b.path().join("report.txt"),
        "Pakistan struck Iran on Thursday.\n",
    )
    .unwrap();
    let (_, stderr) = json_of(&[a.path(), b.path()], &[]);
    assert!(
        stderr.contains("document id \"report\" is also that of an earlier input"),
        "{stderr}"
    );
    assert!(stderr.contains("2 documents, 1 warning,"), "{stderr}");
}

#[test]
fn empty_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("blank.txt"), " \r\n\t\n").unwrap();
    fs::write(
        dir.path().join("good.txt"),
        "Iran struck Pakistan on Tuesday.\n",
    )
    .unwrap();
    let (_, stderr) = json_of(&[dir.path()], &[]);
    for name in ["empty.txt", "blank.txt"] {
        assert!(
            stderr.contains(&format!(
                "{}: empty file, skipped",
                dir.path().join(name).display()
            )),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("1 document, 2 skipped, 2 warnings"),
        "{stderr}"
    );
}

#[test]
fn bom_and_crlf_are_silent_and_change_nothing_but_offsets() {
    let (lf, crlf) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for seed in seeds() {
        let text = fs::read_to_string(&seed).unwrap();
        let name = seed.file_name().unwrap();
        fs::write(lf.path().join(name), &text).unwrap();
        fs::write(
            crlf.path().join(name),
            format!("\u{FEFF}{}", text.replace('\n', "\r\n")),
        )
        .unwrap();
    }
    let (a, stderr_lf) = json_of(&[lf.path()], &[]);
    let (b, stderr_crlf) = json_of(&[crlf.path()], &[]);
    assert!(
        stderr_lf.contains("0 warnings") && stderr_crlf.contains("0 warnings"),
        "{stderr_crlf}"
    );
    assert!(!stderr_crlf.contains("warning:"), "{stderr_crlf}");

    // The same graph: offsets aside (they count the original's code points, CRs included),
    // every node, edge and evidence record is equal.
    let without_offsets = |mut v: serde_json::Value| {
        for edge in v["edges"].as_array_mut().unwrap() {
            for ev in edge["evidence"].as_array_mut().unwrap() {
                for key in ["start", "end", "trigger_start", "trigger_end"] {
                    ev.as_object_mut().unwrap().remove(key);
                }
            }
        }
        v
    };
    assert!(a["edges"].as_array().unwrap().len() > 20);
    assert_eq!(without_offsets(a), without_offsets(b.clone()));

    // ... and the offsets of the CRLF files point at the trigger in the original text.
    let squeeze = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
    };
    for edge in b["edges"].as_array().unwrap() {
        for ev in edge["evidence"].as_array().unwrap() {
            let original = fs::read_to_string(
                crlf.path()
                    .join(format!("{}.txt", ev["doc"].as_str().unwrap())),
            )
            .unwrap();
            let chars: Vec<char> = original.strip_prefix('\u{FEFF}').unwrap().chars().collect();
            let at = |key: &str| ev[key].as_u64().unwrap() as usize;
            let trigger: String = chars[at("trigger_start")..at("trigger_end")]
                .iter()
                .collect();
            assert_eq!(
                squeeze(&trigger),
                squeeze(ev["trigger"].as_str().unwrap()),
                "{ev}"
            );
        }
    }

    // The formats without offsets are byte for byte the same.
    let (out_lf, out_crlf) = (
        build_into(&[lf.path()], &[]),
        build_into(&[crlf.path()], &[]),
    );
    for name in ["graph.gexf", "graph.dot"] {
        assert!(
            fs::read(out_lf.path().join(name)).unwrap()
                == fs::read(out_crlf.path().join(name)).unwrap(),
            "{name} differs"
        );
    }
}

#[test]
fn a_long_line_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    fs::write(&path, repeated_seeds(256 << 10, None)).unwrap();
    let (json, stderr) = json_of(&[&path], &[]);
    assert!(stderr.contains("1 document, 0 warnings"), "{stderr}");
    assert!(json["edges"].as_array().unwrap().len() > 20);
}

/// Peak resident memory (KB) and the stderr of `newsgraph build INPUT -o OUT -q`, measured by
/// GNU time.
fn peak_rss(input: &Path, out: &Path) -> (u64, String) {
    let output = std::process::Command::new("/usr/bin/time")
        .arg("-v")
        .arg(assert_cmd::cargo::cargo_bin("newsgraph"))
        .args(["build", "-q", "-o"])
        .arg(out)
        .arg(input)
        .current_dir(project(""))
        .output()
        .expect("GNU time at /usr/bin/time (apt-get install time)");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let kb = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no peak RSS in {stderr}"));
    (kb, stderr)
}

/// Ignored in debug builds, where it takes minutes: `tests/run.sh` runs both huge-input tests
/// with `cargo test --release --test it -- --ignored huge`.
#[test]
#[ignore = "slow in a debug build; tests/run.sh runs it in release"]
fn huge_a_ten_megabyte_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    fs::write(&path, repeated_seeds(10 << 20, None)).unwrap();
    let (kb, stderr) = peak_rss(&path, &dir.path().join("out"));
    eprintln!("10 MB line: peak RSS {} MB", kb / 1024);
    // Read in parts of 1 MB: about 80 MB measured; the text alone is 10.
    assert!(kb < 256 << 10, "peak RSS {kb} KB for 10 MB\n{stderr}");
}

/// As above, for a 100 MB file of many lines.
#[test]
#[ignore = "slow in a debug build; tests/run.sh runs it in release"]
fn huge_a_hundred_megabyte_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    fs::write(&path, repeated_seeds(100 << 20, Some(5))).unwrap();
    let (kb, stderr) = peak_rss(&path, &dir.path().join("out"));
    eprintln!("100 MB file: peak RSS {} MB", kb / 1024);
    // About 400 MB measured: the text, and the graph's evidence sentences.
    assert!(kb < 1 << 20, "peak RSS {kb} KB for 100 MB\n{stderr}");
}

/// Every kind of warning fails a `--strict` run before anything is written: the previous
/// exports stay as they were.
#[test]
fn strict_fails_on_every_kind_of_warning_and_writes_nothing() {
    let out = build_into(&[&project("seeds")], &[]);
    let before = contents(out.path());
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "mangled.txt",
            b"Iran struck Pakistan \xff.",
            "invalid UTF-8",
        ),
        ("binary.txt", b"Iran\0struck", "binary file"),
        ("empty.txt", b"", "empty file"),
    ];
    for (name, bytes, warning) in cases {
        let input = tempfile::tempdir().unwrap();
        fs::write(input.path().join(name), bytes).unwrap();
        fs::write(
            input.path().join("good.txt"),
            "Iran struck Pakistan on Tuesday.\n",
        )
        .unwrap();
        newsgraph()
            .arg("build")
            .arg(input.path())
            .arg("--strict")
            .arg("-o")
            .arg(out.path())
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(warning)
                    .and(predicate::str::contains("--strict; nothing written")),
            );
        assert!(
            contents(out.path()) == before,
            "{name}: --strict changed the outputs"
        );
        assert_eq!(
            names(out.path()).len(),
            Format::DEFAULT.len(),
            "{name}: a stray file"
        );
    }
}

#[test]
fn unreadable_entries_of_an_input_directory_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.txt"),
        "Iran struck Pakistan on Tuesday.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("/nonexistent/article.txt", dir.path().join("moved.txt")).unwrap();
    // A folder that links to itself would be walked for ever.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    // A folder named like an article is a folder: searched, not read.
    fs::create_dir(dir.path().join("folder.txt")).unwrap();
    let (json, stderr) = json_of(&[dir.path()], &[]);
    for (name, reason) in [
        ("moved.txt", "No such file or directory"),
        ("loop", "a link back to a folder above it"),
    ] {
        let warning = format!(
            "{}: not readable ({reason}",
            dir.path().join(name).display()
        );
        assert!(stderr.contains(&warning), "{warning} not in {stderr}");
    }
    assert!(
        stderr.contains("1 document, 2 skipped, 2 warnings"),
        "{stderr}"
    );
    assert_eq!(json["graph"]["documents"][0]["id"], "good");
}

/// A path that names nothing readable fails the run, names the path and writes nothing. As
/// root, permissions do not stop a read, so the unreadable paths are ones no user can read:
/// a dangling link, a path through a regular file, and /proc/self/mem (EIO at offset 0).
#[test]
fn missing_or_unreadable_input_fails_naming_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dangling = dir.path().join("dangling.txt");
    std::os::unix::fs::symlink("/nonexistent/article.txt", &dangling).unwrap();
    let seed = seeds()[0].clone();
    let through_file = seed.join("article.txt");
    let mut inputs = vec![dangling, through_file, dir.path().join("missing.txt")];
    if cfg!(target_os = "linux") {
        inputs.push(PathBuf::from("/proc/self/mem"));
    }
    for input in inputs {
        let out = dir.path().join("out");
        let assert = newsgraph()
            .arg("build")
            .arg(project("seeds"))
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.starts_with(&format!("newsgraph: error: {}: ", input.display())),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.exists(), "{}: an output was written", input.display());
    }
}

// ---------------------------------------------------------------------------------------
// Schema

/// A copy of schema/ in which `file` is replaced by what `edit` makes of it.
fn schema_with(file: &str, edit: impl FnOnce(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    roundtrip::copy_schema(&project("schema"), dir.path());
    let path = dir.path().join(file);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, edit(&text)).unwrap();
    dir
}

/// Builds the seeds with `schema` over previous exports: the run fails with `location` (for
/// example "states.tsv:201:") and a message, and leaves the exports as they were.
fn assert_schema_error(schema: &Path, location: &str, message: &str) {
    let out = build_into(&[&project("seeds")], &[]);
    let before = contents(out.path());
    let assert = newsgraph()
        .args(["build", "seeds", "--schema"])
        .arg(schema)
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let location = format!("newsgraph: error: {}", schema.join(location).display());
    assert!(
        stderr.starts_with(&location),
        "expected {location:?} in {stderr}"
    );
    assert!(stderr.contains(message), "expected {message:?} in {stderr}");
    assert!(
        contents(out.path()) == before && names(out.path()).len() == Format::DEFAULT.len(),
        "the exports changed"
    );
}

/// `text` with `row` appended, and the line number of that row.
fn append(text: &str, row: &str) -> (String, usize) {
    let text = format!("{}{row}\n", text);
    let line = text.lines().count();
    (text, line)
}

#[test]
fn turtle_syntax_errors_have_line_and_column() {
    for file in ["ontology.ttl", "shapes.ttl"] {
        let mut line = 0;
        let schema = schema_with(file, |t| {
            let (text, l) = append(t, "ng:Broken a ng:Thing ; ;; ng:oops \"unterminated .");
            line = l;
            text
        });
        // The column is that of the unterminated string: the 35th code point of the line.
        assert_schema_error(schema.path(), &format!("{file}:{line}:35:"), "");
    }
}

/// Each (file, row, message): the schema with `row` appended to `file` is rejected with
/// `message`, naming `file:line` (followed by `after_line`, ":" where a column is given).
fn assert_appended_rows_rejected(cases: &[(&str, &str, &str)], after_line: &str) {
    for &(file, row, message) in cases {
        let mut line = 0;
        let schema = schema_with(file, |t| {
            let (text, l) = append(t, row);
            line = l;
            text
        });
        assert_schema_error(
            schema.path(),
            &format!("{file}:{line}{after_line}"),
            message,
        );
    }
}

#[test]
fn invalid_gazetteer_entries_have_file_and_line() {
    let cases: [(&str, &str, &str); 6] = [
        ("states.tsv", "Atlantis\tATL1\tQ1\t\t\t", "ISO 3166"),
        ("states.tsv", "Atlantis\tIRN\tQ1\t\t\t", "appears twice"),
        ("states.tsv", "Atlantis\tATL\tX99\t\t\t", "Wikidata"),
        (
            "groups.tsv",
            "Persian Liberation Front\t\tIranian",
            "already claimed",
        ),
        ("offices.tsv", "Pope\tpontiff\textra", "columns"),
        ("organizations.tsv", "\tQ1\tUNX", "first column is empty"),
    ];
    assert_appended_rows_rejected(&cases, "");
}

#[test]
fn unknown_relation_or_class_has_file_and_line() {
    let cases: [(&str, &str, &str); 5] = [
        (
            "relations.tsv",
            "bombed\tbombed\tweekly\tno\t190\tASSAULT\t#000000\tState\tState\t\tcarried out a bombing",
            "unknown class \"weekly\"",
        ),
        ("frames.tsv", "bombed\tverb\tbombarded\tsubject\tobject\t", "unknown relation \"bombed\""),
        ("frames.tsv", "struck\tadverb\tviolently\tsubject\tobject\t", "adverb"),
        ("frames.tsv", "struck\tverb\thit\tsideways\tobject\t", "unknown slot"),
        ("lexicon.tsv", "weather word\train", "unknown cue list"),
    ];
    assert_appended_rows_rejected(&cases, ":");
}

/// A place in a state the gazetteer does not know.
#[test]
fn place_in_an_unknown_state_has_file_and_line() {
    assert_appended_rows_rejected(
        &[("places.tsv", "Atlantis City\t\t\tAtlantis", "unknown state")],
        ":",
    );
}

#[test]
fn missing_or_unreadable_schema_file_is_named() {
    let schema = schema_with("lexicon.tsv", |t| t.to_string());
    fs::remove_file(schema.path().join("lexicon.tsv")).unwrap();
    assert_schema_error(
        schema.path(),
        "lexicon.tsv: ",
        "missing: the schema directory",
    );
    let schema = schema_with("groups.tsv", |t| t.to_string());
    fs::write(
        schema.path().join("groups.tsv"),
        b"Taliban\t\tTaleban\xff\n",
    )
    .unwrap();
    assert_schema_error(schema.path(), "groups.tsv", "UTF-8");
}

// ---------------------------------------------------------------------------------------
// Output

/// A rename that cannot happen (the target is a directory) is found before any export is
/// replaced: the previous exports stay, and no temporary file is left.
#[test]
fn failed_write_leaves_previous_outputs_and_no_temporary_file() {
    let first = seeds()[0].clone();
    let out = build_into(&[&first], &[]);
    fs::remove_file(out.path().join("graph.json")).unwrap();
    fs::create_dir(out.path().join("graph.json")).unwrap();
    fs::write(out.path().join("graph.json").join("keep"), "").unwrap();
    let before = contents(out.path());
    newsgraph()
        .args(["build", "seeds", "-o"])
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(format!("{}: ", out.path().join("graph.json").display()))
                .and(predicate::str::contains("panicked").not()),
        );
    assert!(
        contents(out.path()) == before,
        "a previous export was replaced"
    );
    assert_eq!(
        names(out.path()),
        [
            "graph.dot",
            "graph.gexf",
            "graph.graphml",
            "graph.html",
            "graph.json",
            "graph.nt",
            "graph.ttl"
        ]
    );
}

#[test]
fn unwritable_output_directory_is_a_clear_error() {
    let seed = seeds()[0].clone();
    let mut dirs = vec![seed.join("out")];
    if cfg!(target_os = "linux") {
        // Root may write anywhere but in /proc: one that exists, one that cannot be made.
        dirs.push(PathBuf::from("/proc"));
        dirs.push(PathBuf::from("/proc/newsgraph-out"));
    }
    for dir in dirs {
        let assert = newsgraph()
            .args(["build", "seeds", "-o"])
            .arg(&dir)
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.starts_with(&format!("newsgraph: error: {}", dir.display())),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        // One cause, said once.
        assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
    }
    assert!(seed.is_file());
}

#[test]
#[cfg(target_os = "linux")]
fn full_disk_on_stdout_is_a_clear_error() {
    for format in ["ntriples", "json"] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsgraph"))
            .current_dir(project(""))
            .args(["build", "seeds", "-q", "-o", "-", "--format", format])
            .stdout(Stdio::from(full))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert_eq!(
            stderr.trim_end(),
            "newsgraph: error: <stdout>: No space left on device (os error 28)"
        );
    }
}

#[test]
fn closed_pipe_exits_quietly_in_every_format() {
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    for format in [
        "turtle", "ntriples", "graphml", "gexf", "dot", "json", "html",
    ] {
        let output = std::process::Command::new("bash")
            .current_dir(project(""))
            .arg("-c")
            .arg(format!(
                "{} build seeds -q -o - --format {format} | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}",
                bin.display()
            ))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{format}: {:?} {stderr}",
            output.status
        );
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------
// Determinism

#[test]
fn outputs_are_identical_across_runs_threads_and_input_order() {
    let seeds = seeds();
    let seeds_dir = project("seeds");
    let dev = project("tests/data/dev/corpus");
    let reference = contents(build_into(&[&seeds_dir, &dev], &[]).path());
    assert_eq!(reference.len(), Format::DEFAULT.len());
    let forward: Vec<&Path> = seeds
        .iter()
        .map(PathBuf::as_path)
        .chain([dev.as_path()])
        .collect();
    let backward: Vec<&Path> = [dev.as_path()]
        .into_iter()
        .chain(seeds.iter().rev().map(PathBuf::as_path))
        .collect();
    // The same files by other paths, which a path comparison does not recognise.
    let (first_again, seeds_again) = (
        project("seeds/../seeds").join(seeds[0].file_name().unwrap()),
        project("seeds/../seeds"),
    );
    type Env<'a> = &'a [(&'a str, &'a str)];
    let runs: [(&str, Vec<&Path>, Env); 7] = [
        ("a second run", vec![&seeds_dir, &dev], &[]),
        (
            "one thread",
            vec![&seeds_dir, &dev],
            &[("RAYON_NUM_THREADS", "1")],
        ),
        (
            "four threads",
            vec![&seeds_dir, &dev],
            &[("RAYON_NUM_THREADS", "4")],
        ),
        ("directories swapped", vec![&dev, &seeds_dir], &[]),
        ("files listed", forward, &[]),
        (
            "files listed backwards, one thread",
            backward,
            &[("RAYON_NUM_THREADS", "1")],
        ),
        (
            "files named twice by other paths",
            vec![&first_again, &seeds_dir, &dev, &seeds_again],
            &[],
        ),
    ];
    for (what, inputs, env) in runs {
        let out = contents(build_into(&inputs, env).path());
        for (name, bytes) in &reference {
            assert!(out[name] == *bytes, "{name} differs with {what}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Fuzz regressions: every input the fuzz targets found interesting or crashing, replayed

/// The files of `fuzz/regressions/<target>`, sorted.
fn regressions(target: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(project(&format!("fuzz/regressions/{target}")))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no regression inputs for {target}");
    files
}

/// Runs `check` on every file, and names every file whose check panicked.
fn replay(target: &str, check: impl Fn(&[u8])) {
    let failed: Vec<String> = regressions(target)
        .into_iter()
        .filter(|path| {
            let bytes = fs::read(path).unwrap();
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "fuzz regressions fail again:\n{}",
        failed.join("\n")
    );
}

#[test]
fn fuzz_regressions_of_the_pipeline() {
    let schema = newsgraph::Schema::load(project("schema")).unwrap();
    let pipeline = newsgraph::Pipeline::new(&schema);
    replay("pipeline", |bytes| {
        roundtrip::check_pipeline(&pipeline, bytes)
    });
}

#[test]
fn fuzz_regressions_of_the_schema_loader() {
    let dir = tempfile::tempdir().unwrap();
    roundtrip::copy_schema(&project("schema"), dir.path());
    replay("schema", |bytes| {
        let Some((&which, content)) = bytes.split_first() else {
            return;
        };
        let path = dir
            .path()
            .join(roundtrip::SCHEMA_FILES[which as usize % roundtrip::SCHEMA_FILES.len()]);
        let original = fs::read(&path).unwrap();
        fs::write(&path, content).unwrap();
        let result = newsgraph::Schema::load(dir.path());
        fs::write(&path, original).unwrap();
        if let Err(e) = result {
            let message = e.to_string();
            assert!(
                message.contains(&dir.path().display().to_string()),
                "the error names no schema file: {message}"
            );
        }
    });
}

// ---------------------------------------------------------------------------------------
// Hostile names and quotes in the real consumers (the round trips through Rust parsers are
// the proptests of src/export/tests.rs)

/// Names and quotes that break naive escaping in one format or another.
const HOSTILE: &[&str] = &[
    "\"quoted\" <b>bold</b> & co",
    "back\\slash \\\" \\n \\l \\N",
    "]]> <!-- --> <![CDATA[x]]>",
    "line\nbreak\r\nand\ttab",
    "bell\u{7} nul\u{0} esc\u{1b} del\u{7f} nel\u{85}",
    "\u{202E}right-to-left\u{200F} \u{2028}separator",
    // No U+FFFE or U+FFFF: ingest replaces them (see noncharacters_are_replaced_and_reported).
    "\u{FFFD}\u{FDD0} \u{E000} 漢字 🦀 \u{1FFFE}",
    "{braces} [brackets] ;semicolon= %41 @at #hash",
    "'single' `back` ‘curly’ “double”",
];

/// A graph whose every label, alias, role and quote is hostile; `long` adds a 100 KB name.
fn hostile_graph(long: bool) -> newsgraph::KnowledgeGraph {
    use newsgraph::{DocumentMeta, Entity, EntityType, Evidence, GraphBuilder, Modality};
    let schema = newsgraph::Schema::load(project("schema")).unwrap();
    let mut g = GraphBuilder::with_vocabulary(schema.relations.clone());
    let mut names: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    if long {
        names.push(
            HOSTILE
                .concat()
                .repeat(100_000 / HOSTILE.concat().len() + 1),
        );
    }
    g.add_document(DocumentMeta {
        id: "doc \"<&>\"".into(),
        title: Some(HOSTILE[0].into()),
        published: None,
        url: Some(HOSTILE[1].into()),
    });
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let mut e = Entity::new(
            format!("{name} {i}"),
            EntityType::ALL[i % EntityType::ALL.len()],
        );
        e.aliases
            .insert(HOSTILE[(i + 1) % HOSTILE.len()].to_string());
        ids.push(e.id.clone());
        g.add_entity(e);
    }
    for (i, pair) in ids.windows(2).enumerate() {
        let text = names[(i + 2) % names.len()].clone();
        let evidence = Evidence {
            doc: "doc \"<&>\"".into(),
            sentence: i,
            start: 0,
            end: text.chars().count(),
            trigger_start: 0,
            trigger_end: 1,
            trigger: text.chars().take(1).collect(),
            text,
            date: None,
            modality: Modality::Asserted,
            caller: None,
        };
        let kind = &schema.relations[i % schema.relations.len()];
        assert!(g.add_relation(
            &pair[0],
            kind.clone(),
            &pair[1],
            evidence,
            Some(HOSTILE[i % HOSTILE.len()].into())
        ));
    }
    g.finish()
}

/// Runs `program args… file` and returns its stderr; fails if it exits non-zero.
fn consumer(program: &str, args: &[&str], file: &Path) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed (tests/run.sh installs it): {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "{program} {args:?} rejected {}:\n{stderr}",
        file.display()
    );
    stderr
}

#[test]
fn hostile_names_open_in_graphviz_rapper_and_xmllint() {
    for long in [false, true] {
        let graph = hostile_graph(long);
        let dir = tempfile::tempdir().unwrap();
        newsgraph::write_exports(&graph, &newsgraph::export::Format::ALL, dir.path()).unwrap();
        let svg = dir.path().join("graph.svg");
        let stderr = consumer(
            "dot",
            &["-Tsvg", "-o", svg.to_str().unwrap()],
            &dir.path().join("graph.dot"),
        );
        assert!(stderr.is_empty(), "dot warned:\n{stderr}");
        let svg = fs::read_to_string(&svg).unwrap();
        assert_eq!(graph_nodes(&svg), graph.node_count());
        for (file, syntax) in [("graph.nt", "ntriples"), ("graph.ttl", "turtle")] {
            let count = consumer(
                "rapper",
                &["-q", "-c", "-i", syntax],
                &dir.path().join(file),
            );
            assert!(!count.contains("Error"), "{file}: {count}");
        }
        for file in ["graph.graphml", "graph.gexf"] {
            consumer("xmllint", &["--noout", "--huge"], &dir.path().join(file));
        }
    }
}

/// The nodes Graphviz drew, less the legend's samples (their ids start with "legend:").
fn graph_nodes(svg: &str) -> usize {
    let node = regex::Regex::new(r#"class="node">\s*<title>([^<]*)</title>"#).unwrap();
    node.captures_iter(svg)
        .filter(|c| !c[1].starts_with("legend:"))
        .count()
}
