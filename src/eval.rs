//! Scoring a graph against gold annotations, with the definitions of the reference scorer
//! (`shared/tools/score.py`): per document, "A|B" accepts either, optional rows count neither
//! way, `called` is symmetric.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::cue::Cue;
use crate::edge::RelationKind;
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::schema::Schema;

/// Normalises a name as the reference scorer does: accents and case folded, a leading
/// definite article (the lexicon's) dropped, only letters and digits kept.
///
/// ```
/// use newsgraph::{eval::normalize, Schema};
/// let schema = Schema::builtin()?;
/// assert_eq!(normalize("The Abdel-Rahmani", &schema), "abdelrahmani");
/// assert_eq!(normalize("Türkiye", &schema), "turkiye");
/// assert_eq!(normalize("An Nabatiyeh", &schema), "annabatiyeh");
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn normalize(s: &str, schema: &Schema) -> String {
    let folded = crate::entity::fold_accents(s).to_lowercase();
    let trimmed = folded.trim();
    let trimmed = trimmed
        .split_once(char::is_whitespace)
        .filter(|(first, _)| schema.cue(Cue::DefiniteArticle).contains(first))
        .map_or(trimmed, |(_, rest)| rest.trim_start());
    trimmed
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        .collect()
}

/// One gold entity.
#[derive(Debug, Clone)]
pub struct GoldEntity {
    pub canonical: String,
    pub entity_type: String,
    pub aliases: BTreeSet<String>,
    pub required: bool,
}

/// One gold relation row.
#[derive(Debug, Clone)]
pub struct GoldRelation {
    pub doc: String,
    pub subjects: BTreeSet<String>,
    pub relation: String,
    pub objects: BTreeSet<String>,
    pub required: bool,
}

/// Gold annotations of a corpus.
#[derive(Debug, Clone)]
pub struct Gold {
    pub entities: Vec<GoldEntity>,
    pub relations: Vec<GoldRelation>,
}

fn doc_id(d: &str) -> String {
    let base = d.rsplit('/').next().unwrap_or(d);
    base.strip_suffix(".txt").unwrap_or(base).to_string()
}

fn tsv_rows(path: &Path, min: usize) -> Result<Vec<(usize, Vec<String>)>> {
    let text = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(String::from).collect();
        if fields.len() < min {
            return Err(Error::Schema {
                path: path.to_path_buf(),
                line: i + 1,
                column: None,
                message: format!("expected at least {min} tab-separated columns"),
            });
        }
        out.push((i + 1, fields));
    }
    Ok(out)
}

impl Gold {
    /// Reads the gold TSVs; names are normalised with the schema's lexicon (see [`normalize`]).
    pub fn load(entities: &Path, relations: &Path, schema: &Schema) -> Result<Gold> {
        let entities = tsv_rows(entities, 4)?
            .into_iter()
            .map(|(_, f)| GoldEntity {
                aliases: f[2]
                    .split('|')
                    .map(|a| normalize(a, schema))
                    .chain([normalize(&f[0], schema)])
                    .collect(),
                canonical: f[0].clone(),
                entity_type: f[1].to_lowercase(),
                required: f[3] == "required",
            })
            .collect();
        let relations = tsv_rows(relations, 5)?
            .into_iter()
            .map(|(_, f)| GoldRelation {
                doc: doc_id(&f[0]),
                subjects: f[1].split('|').map(String::from).collect(),
                relation: f[2].clone(),
                objects: f[3].split('|').map(String::from).collect(),
                required: f[4] == "required",
            })
            .collect();
        Ok(Gold {
            entities,
            relations,
        })
    }
}

/// Precision, recall and F1 of one relation (or group of relations).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prf {
    pub system: usize,
    pub system_correct: usize,
    pub gold: usize,
    pub gold_found: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        if self.system == 0 {
            0.0
        } else {
            self.system_correct as f64 / self.system as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.gold_found as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// The outcome of a scoring.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub required_entities: usize,
    pub found_entities: usize,
    pub missing: Vec<String>,
    pub spurious: Vec<String>,
    pub duplicates: BTreeMap<String, Vec<String>>,
    pub mistyped: Vec<String>,
    pub relations: Vec<(String, Prf)>,
    /// (doc, subject, relation, object, supporting sentence)
    pub false_positives: Vec<(String, String, String, String, String)>,
    pub misses: Vec<(String, String, String, String)>,
}

const CORE_TYPES: [&str; 4] = ["state", "official", "group", "operation"];

/// Scores a graph against gold annotations, names normalised with the schema's lexicon (errors
/// come from reading evidence kept on disk).
pub fn score(graph: &KnowledgeGraph, gold: &Gold, schema: &Schema) -> std::io::Result<Report> {
    let mut index: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for e in &gold.entities {
        for a in &e.aliases {
            index
                .entry(a.as_str())
                .or_default()
                .insert(e.canonical.as_str());
        }
    }
    let unique = |s: &str| {
        index
            .get(normalize(s, schema).as_str())
            .filter(|c| c.len() == 1)
            .and_then(|c| c.iter().next().copied())
    };
    let mut report = Report::default();
    let mut node_gold: HashMap<&str, String> = HashMap::new();
    let mut mapped: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for n in graph.entities() {
        let canon = unique(&n.label).or_else(|| n.aliases.iter().find_map(|a| unique(a)));
        let t = n.entity_type.as_str().to_lowercase();
        match canon {
            Some(c) => {
                mapped.entry(c).or_default().push(n.label.clone());
                let g = gold
                    .entities
                    .iter()
                    .find(|g| g.canonical == c)
                    .expect("indexed");
                if g.entity_type != t && g.required {
                    report
                        .mistyped
                        .push(format!("{}: {t} (gold {})", n.label, g.entity_type));
                }
                node_gold.insert(n.id.as_str(), c.to_string());
            }
            None => {
                if CORE_TYPES.contains(&t.as_str()) {
                    report.spurious.push(format!("{} ({t})", n.label));
                }
                node_gold.insert(n.id.as_str(), format!("?{}", n.label));
            }
        }
    }
    let required: Vec<&GoldEntity> = gold.entities.iter().filter(|e| e.required).collect();
    report.required_entities = required.len();
    report.found_entities = required
        .iter()
        .filter(|e| mapped.contains_key(e.canonical.as_str()))
        .count();
    report.missing = required
        .iter()
        .filter(|e| !mapped.contains_key(e.canonical.as_str()))
        .map(|e| e.canonical.clone())
        .collect();
    report.duplicates = mapped
        .iter()
        .filter(|(_, l)| l.len() > 1)
        .map(|(c, l)| (c.to_string(), l.clone()))
        .collect();
    report.spurious.sort();

    // System triples per document, with one supporting sentence each.
    let mut triples: BTreeMap<(String, String, String, String), String> = BTreeMap::new();
    for e in graph.read_edges()? {
        let e = e?;
        let s = node_gold[e.source.id.as_str()].clone();
        let o = node_gold[e.target.id.as_str()].clone();
        for ev in &e.relation.evidence {
            triples
                .entry((
                    ev.doc.clone(),
                    s.clone(),
                    e.relation.kind.as_str().to_string(),
                    o.clone(),
                ))
                .or_insert_with(|| ev.text.clone());
        }
    }
    let kinds = graph.relation_kinds();
    let symmetric: Vec<&str> = kinds
        .iter()
        .filter(|k| k.is_symmetric())
        .map(RelationKind::as_str)
        .collect();
    let matches = |t: &(String, String, String, String), g: &GoldRelation| {
        t.0 == g.doc
            && t.2 == g.relation
            && ((g.subjects.contains(&t.1) && g.objects.contains(&t.3))
                || (symmetric.contains(&t.2.as_str())
                    && g.subjects.contains(&t.3)
                    && g.objects.contains(&t.1)))
    };
    let class = |core: bool| -> Vec<&str> {
        kinds
            .iter()
            .filter(|k| k.is_core() == core)
            .map(RelationKind::as_str)
            .collect()
    };
    let (core, structural) = (class(true), class(false));
    // Each relation alone (events first, as the reference scorer prints them), then the classes.
    let groups: Vec<(String, Vec<&str>)> = core
        .iter()
        .chain(&structural)
        .map(|r| (r.to_string(), vec![*r]))
        .chain([
            ("core".to_string(), core.clone()),
            ("structural".to_string(), structural.clone()),
        ])
        .collect();
    for (name, rels) in groups {
        let sys: Vec<_> = triples
            .iter()
            .filter(|(t, _)| rels.contains(&t.2.as_str()))
            .collect();
        let golds: Vec<&GoldRelation> = gold
            .relations
            .iter()
            .filter(|g| rels.contains(&g.relation.as_str()))
            .collect();
        let correct: Vec<_> = sys
            .iter()
            .filter(|(t, _)| golds.iter().any(|g| matches(t, g)))
            .collect();
        let req: Vec<&&GoldRelation> = golds.iter().filter(|g| g.required).collect();
        let hit = req
            .iter()
            .filter(|g| sys.iter().any(|(t, _)| matches(t, g)))
            .count();
        if name == "core" || name == "structural" {
            for (t, text) in &sys {
                if !golds.iter().any(|g| matches(t, g)) {
                    report.false_positives.push((
                        t.0.clone(),
                        t.1.clone(),
                        t.2.clone(),
                        t.3.clone(),
                        (*text).clone(),
                    ));
                }
            }
            for g in req
                .iter()
                .filter(|g| !sys.iter().any(|(t, _)| matches(t, g)))
            {
                let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join("|");
                report.misses.push((
                    g.doc.clone(),
                    join(&g.subjects),
                    g.relation.clone(),
                    join(&g.objects),
                ));
            }
        }
        report.relations.push((
            name,
            Prf {
                system: sys.len(),
                system_correct: correct.len(),
                gold: req.len(),
                gold_found: hit,
            },
        ));
    }
    Ok(report)
}

impl Report {
    /// The report as text: entity figures, one line per relation, and with `verbose` every
    /// false positive (with its sentence) and every miss.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let recall = if self.required_entities == 0 {
            1.0
        } else {
            self.found_entities as f64 / self.required_entities as f64
        };
        let _ = writeln!(
            s,
            "entities: recall {recall:.3} ({}/{}), spurious core {}, duplicates {}, wrong type {}",
            self.found_entities,
            self.required_entities,
            self.spurious.len(),
            self.duplicates.len(),
            self.mistyped.len()
        );
        for (name, p) in &self.relations {
            let _ = writeln!(
                s,
                "{name:12} P {:.3} R {:.3} F1 {:.3}  ({}/{} sys ok, {}/{} gold hit)",
                p.precision(),
                p.recall(),
                p.f1(),
                p.system_correct,
                p.system,
                p.gold_found,
                p.gold
            );
        }
        if verbose {
            let _ = writeln!(s, "missing entities: {:?}", self.missing);
            let _ = writeln!(s, "spurious: {:?}", self.spurious);
            let _ = writeln!(s, "duplicates: {:?}", self.duplicates);
            let _ = writeln!(s, "wrong type: {:?}", self.mistyped);
            let _ = writeln!(s, "FALSE POSITIVES:");
            for (d, a, r, b, text) in &self.false_positives {
                let _ = writeln!(s, "  {d}\t{a}\t{r}\t{b}\n      \"{text}\"");
            }
            let _ = writeln!(s, "MISSED:");
            for (d, a, r, b) in &self.misses {
                let _ = writeln!(s, "  {d}\t{a}\t{r}\t{b}");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edge::Evidence;
    use crate::entity::{Entity, EntityType};
    use crate::schema::tests::{kind, shipped_schema};

    fn gold() -> Gold {
        let ent = |c: &str, t: &str, a: &[&str]| GoldEntity {
            canonical: c.into(),
            entity_type: t.into(),
            aliases: a
                .iter()
                .map(|x| normalize(x, shipped_schema()))
                .chain([normalize(c, shipped_schema())])
                .collect(),
            required: true,
        };
        let rel = |d: &str, s: &str, r: &str, o: &str, req: bool| GoldRelation {
            doc: d.into(),
            subjects: s.split('|').map(String::from).collect(),
            relation: r.into(),
            objects: o.split('|').map(String::from).collect(),
            required: req,
        };
        Gold {
            entities: vec![
                ent("Iran", "state", &["Iranian"]),
                ent("Pakistan", "state", &[]),
                ent("Karim Abdel-Rahmani", "official", &["Rahmani"]),
            ],
            relations: vec![
                rel("d1", "Iran", "struck", "Pakistan", true),
                rel("d1", "Pakistan", "called", "Karim Abdel-Rahmani|Iran", true),
                rel("d1", "Pakistan", "struck", "Iran", false),
            ],
        }
    }

    fn ev(doc: &str) -> Evidence {
        Evidence::placeholder(doc, None)
    }

    #[test]
    fn scores_like_the_reference() {
        let vocabulary = shipped_schema().relations.clone();
        let mut g = crate::graph::GraphBuilder::with_vocabulary(vocabulary);
        g.add_entity(Entity::new("Iran", EntityType::State));
        g.add_entity(Entity::new("Pakistan", EntityType::State));
        g.add_entity(Entity::new("Rahmani", EntityType::Official));
        g.add_entity(Entity::new("Mars", EntityType::State));
        g.add_relation("iran", kind("struck"), "pakistan", ev("d1"), None);
        g.add_relation("pakistan", kind("struck"), "iran", ev("d1"), None); // optional: neutral
        g.add_relation("rahmani", kind("called"), "pakistan", ev("d1"), None); // symmetric
        g.add_relation("mars", kind("struck"), "iran", ev("d1"), None); // false positive
        let g = g.finish();
        let r = score(&g, &gold(), shipped_schema()).unwrap();
        assert_eq!(r.found_entities, 3);
        assert_eq!(r.spurious, ["Mars (state)"]);
        let struck = &r.relations.iter().find(|(n, _)| n == "struck").unwrap().1;
        assert_eq!(
            (
                struck.system,
                struck.system_correct,
                struck.gold,
                struck.gold_found
            ),
            (3, 2, 1, 1)
        );
        let called = &r.relations.iter().find(|(n, _)| n == "called").unwrap().1;
        assert_eq!(called.f1(), 1.0);
        assert_eq!(r.false_positives.len(), 1);
    }
}
