//! A relation is data: a copy of `schema/` with a seventh relation added by rows alone
//! (`relations.tsv`, `frames.tsv`, its property in `ontology.ttl`) extracts it, through the
//! same engine, into every export.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

use crate::project;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

fn append(path: &Path, text: &str) {
    let mut old = fs::read_to_string(path).unwrap();
    old.push_str(text);
    fs::write(path, old).unwrap();
}

#[test]
fn a_seventh_relation_is_added_by_data_alone() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema");
    copy_dir(&project("schema"), &schema);
    append(
        &schema.join("relations.tsv"),
        "sanctioned\tsanctioned\tevent\tno\t163\tSANCTION\t#8c564b\tState|Organization\tState|Official|Organization\t\timposed sanctions on a state, an official or an organisation\n",
    );
    append(
        &schema.join("frames.tsv"),
        "sanctioned\tverb\tsanctioned|sanctions|sanction|sanctioning|blacklisted\tsubject\tobject\t\n\
         sanctioned\tnoun\tsanctions|new sanctions\tmodifier|support\tprep:on|prep:against\t\n",
    );
    append(
        &schema.join("ontology.ttl"),
        "\nng:sanctioned a owl:ObjectProperty ;\n    rdfs:subPropertyOf ng:relatedTo ;\n    rdfs:label \"sanctioned\"@en ;\n    ng:relationName \"sanctioned\" .\n",
    );
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).unwrap();
    fs::write(
        articles.join("one.txt"),
        "Canada sanctioned Iran on Monday. The European Union announced new sanctions on Russia.\n\
         Peru denied that it sanctioned Chile.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("newsgraph")
        .unwrap()
        .arg("build")
        .arg(&articles)
        .arg("-o")
        .arg(&out)
        .arg("--schema")
        .arg(&schema)
        .args(["--format", "json,nt", "-q"])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("graph.json")).unwrap()).unwrap();
    let label = |id: &str| {
        json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .map(|n| n["label"].as_str().unwrap().to_string())
            .unwrap()
    };
    let sanctions: Vec<(String, String)> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["relation"] == "sanctioned")
        .map(|l| {
            (
                label(l["source"].as_str().unwrap()),
                label(l["target"].as_str().unwrap()),
            )
        })
        .collect();
    assert_eq!(
        sanctions,
        [
            ("Canada".to_string(), "Iran".to_string()),
            ("European Union".to_string(), "Russia".to_string())
        ],
        "the denied sanction stays out"
    );
    let nt = fs::read_to_string(out.join("graph.nt")).unwrap();
    assert!(nt.contains("/ontology#sanctioned>"), "{nt}");
}
