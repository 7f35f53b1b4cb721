//! The `newsgraph` command as a user runs it.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::project;

fn newsgraph() -> Command {
    let mut cmd = Command::cargo_bin("newsgraph").unwrap();
    cmd.current_dir(project(""));
    cmd
}

#[test]
fn build_on_the_seeds_writes_six_files_and_a_summary() {
    let out = tempfile::tempdir().unwrap();
    newsgraph()
        .args(["build", "seeds", "-o"])
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("5 documents").and(predicate::str::contains("struck")));
    for ext in ["ttl", "nt", "graphml", "gexf", "dot", "json"] {
        let path = out.path().join(format!("graph.{ext}"));
        assert!(
            fs::metadata(&path).unwrap().len() > 100,
            "{} is too small",
            path.display()
        );
    }
}

#[test]
fn one_format_to_stdout() {
    let assert = newsgraph()
        .args(["build", "seeds", "-q", "-o", "-", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(json["directed"], true);
    assert!(json["nodes"].as_array().unwrap().len() > 20);
}

#[test]
fn stdout_needs_exactly_one_format() {
    newsgraph()
        .args(["build", "seeds", "-q", "-o", "-"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exactly one --format"));
}

#[test]
fn missing_input_names_the_path_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    newsgraph()
        .args(["build", "no/such/dir", "-o"])
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/dir"));
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn bad_usage_exits_2() {
    newsgraph()
        .args(["build", "--format", "pdf"])
        .assert()
        .code(2);
    newsgraph().arg("frobnicate").assert().code(2);
}

#[test]
fn schema_error_names_file_and_line() {
    let schema = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(project("schema")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), schema.path().join(entry.file_name())).unwrap();
    }
    let lexicon = schema.path().join("lexicon.tsv");
    let mut text = fs::read_to_string(&lexicon).unwrap();
    text.push_str("trigger\tinvaded verb\tinvaded\n");
    fs::write(&lexicon, &text).unwrap();
    let out = tempfile::tempdir().unwrap();
    newsgraph()
        .args(["build", "seeds", "--schema"])
        .arg(schema.path())
        .arg("-o")
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "lexicon.tsv:{}",
            text.lines().count()
        )));
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn eval_prints_per_relation_scores() {
    newsgraph()
        .args([
            "eval",
            "--gold-entities",
            "tests/data/gold/seeds-entities.tsv",
            "--gold-relations",
            "tests/data/gold/seeds-relations.tsv",
            "seeds",
            "-q",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("core")
                .and(predicate::str::contains("official_of"))
                .and(predicate::str::contains("entities: recall")),
        );
}

#[test]
fn broken_pipe_exits_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    let status = std::process::Command::new("bash")
        .current_dir(project(""))
        .arg("-c")
        .arg(format!(
            "set -o pipefail; {} build seeds -q -o - --format nt | head -c 10 >/dev/null",
            bin.display()
        ))
        .output()
        .unwrap();
    assert!(
        status.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}
