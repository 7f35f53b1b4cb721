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
fn build_on_the_seeds_writes_every_file_and_a_summary() {
    let out = tempfile::tempdir().unwrap();
    newsgraph()
        .args(["build", "seeds", "-o"])
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("5 documents").and(predicate::str::contains("struck")));
    for ext in ["ttl", "nt", "graphml", "gexf", "dot", "json", "html"] {
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
    for formats in [&["--format", "json,dot"][..], &[]] {
        newsgraph()
            .args(["build", "seeds", "-q", "-o", "-"])
            .args(formats)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("exactly one --format"));
    }
}

#[test]
fn formats_may_be_listed_with_spaces_and_in_any_case() {
    let out = tempfile::tempdir().unwrap();
    newsgraph()
        .args(["build", "seeds", "-q", "--format", "json, DOT,json", "-o"])
        .arg(out.path())
        .assert()
        .success();
    let mut written: Vec<String> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["graph.dot", "graph.json"]);
}

/// Installed, newsgraph runs from any folder: the schema is in the binary, and
/// `newsgraph DIR` is `newsgraph build DIR`.
#[test]
fn runs_from_any_folder_and_a_bare_directory_builds_it() {
    let elsewhere = tempfile::tempdir().unwrap();
    newsgraph()
        .current_dir(elsewhere.path())
        .arg(project("seeds"))
        .args(["-o", "graph"])
        .assert()
        .success()
        .stderr(predicate::str::contains("5 documents, 0 warnings"));
    let json = fs::read_to_string(elsewhere.path().join("graph/graph.json")).unwrap();
    let in_repo = newsgraph()
        .args(["build", "seeds", "-q", "-o", "-", "--format", "json"])
        .assert()
        .success();
    assert_eq!(json.as_bytes(), in_repo.get_output().stdout.as_slice());
}

#[test]
fn no_input_and_no_seeds_folder_says_what_to_do() {
    let elsewhere = tempfile::tempdir().unwrap();
    newsgraph()
        .current_dir(elsewhere.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no INPUT given and no seeds/ folder",
        ));
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn summary_says_singular_and_plural_and_no_empty_breakdown() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("calm.txt");
    fs::write(&article, "Nothing of note happened anywhere today.\n").unwrap();
    newsgraph()
        .arg("build")
        .arg(&article)
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .success()
        .stderr(
            predicate::str::contains("newsgraph: 1 document, 0 warnings,")
                .and(predicate::str::contains("entities: 0\n"))
                .and(predicate::str::contains("edges:    0\n")),
        );
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    newsgraph()
        .arg("build")
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("out"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 document, 1 skipped, 1 warning,",
        ));
}

#[test]
fn eval_help_describes_its_flags() {
    newsgraph()
        .args(["eval", "--help"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"--gold-entities <FILE>\s+The gold entities: TSV")
                .unwrap()
                .and(
                    predicate::str::is_match(r"--gold-relations <FILE>\s+The gold relations: TSV")
                        .unwrap(),
                ),
        );
}

#[test]
fn schema_export_writes_the_built_in_schema_for_editing() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("my-schema");
    let files = fs::read_dir(project("schema")).unwrap().count();
    newsgraph()
        .args(["schema", "export"])
        .arg(&schema)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("wrote {files} files")));
    for entry in fs::read_dir(project("schema")).unwrap() {
        let entry = entry.unwrap();
        assert_eq!(
            fs::read(schema.join(entry.file_name())).unwrap(),
            fs::read(entry.path()).unwrap(),
            "{:?}",
            entry.file_name()
        );
    }
    // A second export would overwrite the user's edits: refused, nothing changed.
    fs::write(schema.join("offices.tsv"), "Pope\tpontiff\n").unwrap();
    newsgraph()
        .args(["schema", "export"])
        .arg(&schema)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(
        fs::read_to_string(schema.join("offices.tsv")).unwrap(),
        "Pope\tpontiff\n"
    );
    // The edited schema replaces the built-in one: without its office titles, the seeds'
    // officials are gone.
    let with_edit = newsgraph()
        .args([
            "build", "seeds", "-q", "-o", "-", "--format", "json", "--schema",
        ])
        .arg(&schema)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&with_edit.get_output().stdout).unwrap();
    let officials = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "Official")
        .count();
    assert!(officials < 5, "{officials} officials with no office titles");
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
    newsgraph()
        .arg("frobnicate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
        "'frobnicate' is neither a command (build, merge, eval, schema) nor a file or directory",
    ));
    newsgraph().args(["schema", "export"]).assert().code(2);
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
            "{}:{}",
            lexicon.display(),
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

/// The seeds and the development set in three shards, merged, give the single run's files
/// byte for byte, N-Quads included.
#[test]
fn merged_shards_are_the_single_run_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let formats = "turtle,ntriples,nquads,graphml,gexf,dot,json";
    let inputs = ["seeds", "tests/data/dev/corpus"];
    newsgraph()
        .args(["build", "-q", "--format", formats, "-o"])
        .arg(dir.path().join("single"))
        .args(inputs)
        .assert()
        .success();
    // The single run reads each folder's files in name order: the shards split that order.
    let mut files: Vec<String> = Vec::new();
    for input in inputs {
        let mut names: Vec<String> = fs::read_dir(project(input))
            .unwrap()
            .map(|e| format!("{input}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        names.sort();
        files.extend(names);
    }
    let third = files.len() / 3;
    let mut shards = Vec::new();
    for (i, part) in [
        &files[..third],
        &files[third..2 * third],
        &files[2 * third..],
    ]
    .into_iter()
    .enumerate()
    {
        let shard = dir.path().join(format!("shard{i}"));
        newsgraph()
            .args(["build", "-q", "--shard", "--format", "nquads", "-o"])
            .arg(&shard)
            .args(part)
            .assert()
            .success();
        assert!(shard.join("shard.jsonl").is_file());
        shards.push(shard);
    }
    newsgraph()
        .args(["merge", "--format", formats, "-o"])
        .arg(dir.path().join("merged"))
        .args(&shards)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "{} documents",
            files.len()
        )));
    for format in formats.split(',') {
        let file = format!(
            "graph.{}",
            format
                .parse::<newsgraph::export::Format>()
                .unwrap()
                .extension()
        );
        let single = fs::read(dir.path().join("single").join(&file)).unwrap();
        let merged = fs::read(dir.path().join("merged").join(&file)).unwrap();
        assert!(
            single == merged,
            "{file} of the merged shards differs from the single run's"
        );
    }
    // The shards keep who placed a call (seed 000: "Hakan Fidan called Foreign Minister
    // Jilani"), which the merge gives its evidence.
    let json = fs::read_to_string(dir.path().join("merged/graph.json")).unwrap();
    assert!(
        json.contains("\"caller\":\"hakan-fidan\""),
        "no caller in the merge"
    );
}

#[test]
fn merge_of_something_else_than_a_shard_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("shard.jsonl");
    fs::write(&fake, "{\"directed\":true}\n").unwrap();
    newsgraph()
        .args(["merge", "-q", "-o"])
        .arg(dir.path().join("out"))
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:1: not a newsgraph shard",
            fake.display()
        )));
    assert!(!dir.path().join("out").exists());
    newsgraph().args(["merge"]).assert().code(2);
}
