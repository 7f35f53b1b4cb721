//! Extraction quality on real articles annotated by hand: the development set (44 articles of ten
//! crises, `tests/data/dev`, a copy of `../shared/dev`) and the seeds. Precision and recall are
//! both checked, so an edge that no annotator listed costs as much as one that was missed.
//! The floors are the figures measured when they were set, rounded down: they may only rise.

use newsgraph::eval::{score, Gold, Report};
use newsgraph::{Pipeline, Schema};

use crate::project;

fn scored(corpus: &str, entities: &str, relations: &str) -> Report {
    let schema = Schema::builtin().unwrap();
    let mut docs: Vec<(String, String)> = std::fs::read_dir(project(corpus))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    docs.sort();
    let graph = Pipeline::new(&schema).build(&docs);
    let gold = Gold::load(&project(entities), &project(relations), &schema).unwrap();
    score(&graph, &gold, &schema).unwrap()
}

/// (relation, precision floor, recall floor)
fn check(report: &Report, floors: &[(&str, f64, f64)], entity_recall: f64, duplicates: usize) {
    let text = report.render(true);
    let found = report.found_entities as f64 / report.required_entities as f64;
    assert!(
        found >= entity_recall,
        "entity recall {found:.3} < {entity_recall}\n{text}"
    );
    assert!(report.duplicates.len() <= duplicates, "duplicates\n{text}");
    for &(name, p, r) in floors {
        let prf = &report.relations.iter().find(|(n, _)| n == name).unwrap().1;
        assert!(
            prf.precision() >= p && prf.recall() >= r,
            "{name}: P {:.3} (floor {p}) R {:.3} (floor {r})\n{text}",
            prf.precision(),
            prf.recall()
        );
    }
}

#[test]
fn development_set_keeps_its_floors() {
    let report = scored(
        "tests/data/dev/corpus",
        "tests/data/dev/gold/entities.tsv",
        "tests/data/dev/gold/relations.tsv",
    );
    check(
        &report,
        &[
            ("struck", 0.91, 0.79),
            ("called", 1.0, 0.92),
            ("condemned", 0.95, 0.90),
            ("mediated", 0.99, 0.88),
            ("conducted", 1.0, 0.66),
            ("official_of", 0.96, 0.97),
            ("core", 0.95, 0.84),
            ("structural", 0.97, 0.96),
        ],
        0.98,
        1,
    );
}

#[test]
fn seeds_keep_their_floors() {
    let report = scored(
        "seeds",
        "tests/data/gold/seeds-entities.tsv",
        "tests/data/gold/seeds-relations.tsv",
    );
    check(
        &report,
        &[
            ("struck", 1.0, 0.92),
            ("called", 1.0, 1.0),
            ("condemned", 1.0, 1.0),
            ("mediated", 1.0, 1.0),
            ("conducted", 1.0, 1.0),
            ("official_of", 1.0, 1.0),
            ("core", 1.0, 0.96),
            ("structural", 1.0, 1.0),
        ],
        1.0,
        1,
    );
}
