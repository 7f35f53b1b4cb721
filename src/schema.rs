//! The schema directory: everything that is data, not code. Loaded and validated at run time,
//! with `file:line` in every error, so a user extends newsgraph by editing these files.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::cue::Cue;
use crate::entity::EntityType;
use crate::error::{Error, Result};
use crate::phrases::PhraseSet;
use crate::relation::RelationKind;

/// A sovereign state of the gazetteer.
#[derive(Debug, Clone)]
pub struct StateEntry {
    pub name: String,
    pub iso3: String,
    pub wikidata: Option<String>,
    pub capital: Option<String>,
    pub variants: Vec<String>,
    pub demonyms: Vec<String>,
}

/// An international organisation, an armed group or a place of the gazetteer.
#[derive(Debug, Clone)]
pub struct NamedEntry {
    pub name: String,
    pub wikidata: Option<String>,
    pub aliases: Vec<String>,
    /// For places: the state the place lies in, when it lies in one.
    pub state: Option<String>,
}

/// An office title and its other forms.
#[derive(Debug, Clone)]
pub struct Office {
    pub title: String,
    pub forms: Vec<String>,
}

/// How a relation is coded in CAMEO and PLOVER.
#[derive(Debug, Clone)]
pub struct RelationCodes {
    pub kind: RelationKind,
    pub cameo: Option<String>,
    pub plover: Option<String>,
}

/// Where a trigger sits in its clause, which tells the rules where agent and target are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerPos {
    Verb,
    Noun,
    Appeal,
}

/// Everything in `schema/`, parsed.
#[derive(Debug)]
pub struct Schema {
    pub states: Vec<StateEntry>,
    pub organizations: Vec<NamedEntry>,
    pub groups: Vec<NamedEntry>,
    pub places: Vec<NamedEntry>,
    pub offices: Vec<Office>,
    pub relations: Vec<RelationCodes>,
    /// Trigger phrases per (relation, part of speech).
    pub triggers: Vec<(RelationKind, TriggerPos, PhraseSet)>,
    /// The first word of every trigger phrase: most words start none, and one lookup says so.
    pub trigger_starts: PhraseSet,
    /// Indexed by [`Cue`].
    cues: Vec<PhraseSet>,
    pub abbreviations: HashSet<String>,
    pub dir: PathBuf,
}

const STATES: &str = "states.tsv";
const ORGANIZATIONS: &str = "organizations.tsv";
const GROUPS: &str = "groups.tsv";
const PLACES: &str = "places.tsv";
const OFFICES: &str = "offices.tsv";
const RELATIONS: &str = "relations.tsv";
const LEXICON: &str = "lexicon.tsv";
const ABBREVIATIONS: &str = "abbreviations.txt";
const ONTOLOGY: &str = "ontology.ttl";
const SHAPES: &str = "shapes.ttl";

/// One data line of a TSV file, with its position for error messages.
struct Row<'a> {
    line: usize,
    fields: Vec<&'a str>,
}

fn read(dir: &Path, name: &str) -> Result<(PathBuf, String)> {
    let path = dir.join(name);
    let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    Ok((path, text))
}

/// Splits a TSV file into rows of exactly `columns` fields (trailing empty fields may be
/// omitted), skipping comments and blank lines.
fn rows<'a>(path: &Path, text: &'a str, columns: usize) -> Result<Vec<Row<'a>>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if fields.len() > columns {
            let column = line
                .split('\t')
                .take(columns)
                .map(|f| f.chars().count() + 1)
                .sum::<usize>()
                + 1;
            return Err(schema_error(
                path,
                i + 1,
                Some(column),
                format!(
                    "expected {columns} tab-separated columns, found {}",
                    fields.len()
                ),
            ));
        }
        fields.resize(columns, "");
        if fields[0].is_empty() {
            return Err(schema_error(
                path,
                i + 1,
                Some(1),
                "the first column is empty".into(),
            ));
        }
        out.push(Row {
            line: i + 1,
            fields,
        });
    }
    Ok(out)
}

fn schema_error(path: &Path, line: usize, column: Option<usize>, message: String) -> Error {
    Error::Schema {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

fn list(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn optional(field: &str) -> Option<String> {
    (!field.is_empty()).then(|| field.to_string())
}

/// Checks that every name and alias belongs to one entry only, across all gazetteer files.
#[derive(Default)]
struct AliasRegistry {
    owners: HashMap<String, (EntityType, String, PathBuf, usize)>,
}

impl AliasRegistry {
    fn claim(
        &mut self,
        alias: &str,
        owner_type: EntityType,
        owner: &str,
        path: &Path,
        line: usize,
    ) -> Result<()> {
        match self.owners.get(alias) {
            Some((t, o, p, l)) if *t != owner_type || o != owner => Err(schema_error(
                path,
                line,
                None,
                format!(
                    "alias {alias:?} of {owner} ({owner_type}) is already claimed by {o} ({t}) at {}:{l}",
                    p.display()
                ),
            )),
            Some(_) => Ok(()),
            None => {
                self.owners.insert(alias.to_string(), (owner_type, owner.to_string(), path.to_path_buf(), line));
                Ok(())
            }
        }
    }
}

fn check_wikidata(path: &Path, line: usize, id: &Option<String>) -> Result<()> {
    match id {
        Some(q)
            if !(q.starts_with('Q')
                && q.len() > 1
                && q[1..].bytes().all(|b| b.is_ascii_digit())) =>
        {
            Err(schema_error(
                path,
                line,
                None,
                format!("{q:?} is not a Wikidata id (Q followed by digits)"),
            ))
        }
        _ => Ok(()),
    }
}

impl Schema {
    /// Loads and validates every file of a schema directory.
    pub fn load(dir: impl AsRef<Path>) -> Result<Schema> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::Input {
                path: dir.to_path_buf(),
                message: "schema directory not found".into(),
            });
        }
        let mut registry = AliasRegistry::default();

        let (path, text) = read(dir, STATES)?;
        let mut states = Vec::new();
        let mut iso = HashSet::new();
        for row in rows(&path, &text, 6)? {
            let f = &row.fields;
            if f[1].len() != 3 || !f[1].bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(schema_error(
                    &path,
                    row.line,
                    None,
                    format!("{:?} is not an ISO 3166 alpha-3 code", f[1]),
                ));
            }
            if !iso.insert(f[1].to_string()) {
                return Err(schema_error(
                    &path,
                    row.line,
                    None,
                    format!("ISO code {} appears twice", f[1]),
                ));
            }
            let entry = StateEntry {
                name: f[0].to_string(),
                iso3: f[1].to_string(),
                wikidata: optional(f[2]),
                capital: optional(f[3]),
                variants: list(f[4]),
                demonyms: list(f[5]),
            };
            check_wikidata(&path, row.line, &entry.wikidata)?;
            for alias in std::iter::once(&entry.name)
                .chain(&entry.variants)
                .chain(&entry.demonyms)
            {
                registry.claim(alias, EntityType::State, &entry.name, &path, row.line)?;
            }
            states.push(entry);
        }

        let state_names: HashSet<&str> = states.iter().map(|s| s.name.as_str()).collect();
        let organizations = Self::named(
            dir,
            ORGANIZATIONS,
            EntityType::Organization,
            None,
            &mut registry,
        )?;
        let groups = Self::named(dir, GROUPS, EntityType::Group, None, &mut registry)?;
        let places = Self::named(
            dir,
            PLACES,
            EntityType::Place,
            Some(&state_names),
            &mut registry,
        )?;

        let (path, text) = read(dir, OFFICES)?;
        let offices = rows(&path, &text, 2)?
            .into_iter()
            .map(|r| Office {
                title: r.fields[0].to_string(),
                forms: list(r.fields[1]),
            })
            .collect();

        let (path, text) = read(dir, RELATIONS)?;
        let mut relations = Vec::new();
        for row in rows(&path, &text, 4)? {
            let kind = row.fields[0]
                .parse::<RelationKind>()
                .map_err(|m| schema_error(&path, row.line, Some(1), m))?;
            relations.push(RelationCodes {
                kind,
                cameo: optional(row.fields[1]),
                plover: optional(row.fields[2]),
            });
        }

        let (triggers, cues) = Self::lexicon(dir)?;

        let (path, text) = read(dir, ABBREVIATIONS)?;
        let abbreviations = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        let _ = path;

        for name in [ONTOLOGY, SHAPES] {
            check_turtle(&dir.join(name))?;
        }

        let mut trigger_starts = PhraseSet::default();
        for (_, _, set) in &triggers {
            set.first_words().for_each(|w| trigger_starts.insert(w));
        }
        Ok(Schema {
            states,
            organizations,
            groups,
            places,
            offices,
            relations,
            triggers,
            trigger_starts,
            cues,
            abbreviations,
            dir: dir.to_path_buf(),
        })
    }

    fn named(
        dir: &Path,
        name: &str,
        entity_type: EntityType,
        // For places: the states a place may lie in; the file then has a fourth column.
        states: Option<&HashSet<&str>>,
        registry: &mut AliasRegistry,
    ) -> Result<Vec<NamedEntry>> {
        let (path, text) = read(dir, name)?;
        let columns = if states.is_some() { 4 } else { 3 };
        let mut out = Vec::new();
        for row in rows(&path, &text, columns)? {
            let f = &row.fields;
            let entry = NamedEntry {
                name: f[0].to_string(),
                wikidata: optional(f[1]),
                aliases: list(f[2]),
                state: states.and_then(|_| optional(f[3])),
            };
            check_wikidata(&path, row.line, &entry.wikidata)?;
            if let (Some(states), Some(state)) = (states, &entry.state) {
                if !states.contains(state.as_str()) {
                    let message = format!("place {} lies in unknown state {state:?}", entry.name);
                    return Err(schema_error(&path, row.line, None, message));
                }
            }
            for alias in std::iter::once(&entry.name).chain(&entry.aliases) {
                registry.claim(alias, entity_type, &entry.name, &path, row.line)?;
            }
            out.push(entry);
        }
        Ok(out)
    }

    #[allow(clippy::type_complexity)]
    fn lexicon(dir: &Path) -> Result<(Vec<(RelationKind, TriggerPos, PhraseSet)>, Vec<PhraseSet>)> {
        let (path, text) = read(dir, LEXICON)?;
        let mut triggers: BTreeMap<(RelationKind, u8), (TriggerPos, PhraseSet)> = BTreeMap::new();
        let mut cues: Vec<Option<PhraseSet>> = vec![None; Cue::ALL.len()];
        for row in rows(&path, &text, 3)? {
            let f = &row.fields;
            let forms = list(f[2]);
            if forms.is_empty() {
                return Err(schema_error(
                    &path,
                    row.line,
                    None,
                    "no forms listed".into(),
                ));
            }
            match f[0] {
                "trigger" => {
                    let (rel, pos) = f[1].split_once(' ').unwrap_or((f[1], ""));
                    let kind = rel
                        .parse::<RelationKind>()
                        .map_err(|m| schema_error(&path, row.line, None, m))?;
                    let pos = match pos {
                        "verb" => TriggerPos::Verb,
                        "noun" => TriggerPos::Noun,
                        "appeal" => TriggerPos::Appeal,
                        other => {
                            return Err(schema_error(
                                &path,
                                row.line,
                                None,
                                format!("unknown part of speech {other:?} (verb, noun or appeal)"),
                            ))
                        }
                    };
                    let entry = triggers
                        .entry((kind, pos as u8))
                        .or_insert_with(|| (pos, PhraseSet::default()));
                    forms.iter().for_each(|p| entry.1.insert(p));
                }
                "cue" => {
                    let cue = f[1]
                        .parse::<Cue>()
                        .map_err(|m| schema_error(&path, row.line, Some(2), m))?;
                    let set = cues[cue as usize].get_or_insert_with(PhraseSet::default);
                    forms.iter().for_each(|p| set.insert(p));
                }
                other => {
                    return Err(schema_error(
                        &path,
                        row.line,
                        Some(1),
                        format!("unknown class {other:?} (trigger or cue)"),
                    ))
                }
            }
        }
        if let Some(missing) = Cue::ALL.iter().find(|&&c| cues[c as usize].is_none()) {
            return Err(schema_error(
                &path,
                text.lines().count(),
                None,
                format!("cue list {:?} is missing", missing.name()),
            ));
        }
        let cues = cues.into_iter().map(Option::unwrap_or_default).collect();
        Ok((
            triggers
                .into_iter()
                .map(|((k, _), (p, s))| (k, p, s))
                .collect(),
            cues,
        ))
    }

    /// A cue list of the lexicon (every one is there once the schema has loaded).
    pub fn cue(&self, cue: Cue) -> &PhraseSet {
        &self.cues[cue as usize]
    }

    /// A word that may stand between a subject and its verb ("Washington also condemned",
    /// "the groups regularly attack"): an "-ly" word or one of the lexicon's adverbs.
    pub fn is_adverb(&self, word: &str) -> bool {
        word.ends_with("ly") || self.cue(Cue::Adverb).contains(word)
    }

    pub fn codes(&self, kind: RelationKind) -> Option<&RelationCodes> {
        self.relations.iter().find(|r| r.kind == kind)
    }
}

/// Parses a Turtle file so a syntax error is reported before any work is done.
fn check_turtle(path: &Path) -> Result<()> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    for triple in oxttl::TurtleParser::new().for_slice(&bytes) {
        if let Err(e) = triple {
            let start = e.location().start;
            return Err(schema_error(
                path,
                start.line as usize + 1,
                Some(start.column as usize + 1),
                e.to_string(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The shipped schema, loaded once for every unit test that needs real data.
    pub(crate) fn shipped_schema() -> &'static Schema {
        static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
        SCHEMA.get_or_init(|| {
            Schema::load(concat!(env!("CARGO_MANIFEST_DIR"), "/schema")).expect("shipped schema")
        })
    }

    fn copy_schema() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for entry in fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/schema")).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
        }
        dir
    }

    fn append(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        let mut s = fs::read_to_string(&path).unwrap();
        s.push_str(text);
        fs::write(path, s).unwrap();
    }

    #[test]
    fn the_shipped_schema_loads() {
        let schema = Schema::load(concat!(env!("CARGO_MANIFEST_DIR"), "/schema")).unwrap();
        assert!(schema.states.len() >= 193);
        assert!(schema.codes(RelationKind::Struck).unwrap().cameo.is_some());
        assert_eq!(
            schema
                .triggers
                .iter()
                .filter(|t| t.0 == RelationKind::Struck)
                .count(),
            2
        );
    }

    #[test]
    fn unknown_relation_is_reported_with_file_and_line() {
        let dir = copy_schema();
        append(dir.path(), LEXICON, "trigger\tbombed verb\tbombarded\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        let lines = fs::read_to_string(dir.path().join(LEXICON))
            .unwrap()
            .lines()
            .count();
        assert!(err.contains(&format!("lexicon.tsv:{lines}")), "{err}");
        assert!(err.contains("unknown relation"), "{err}");
    }

    #[test]
    fn unknown_or_missing_cue_lists_are_reported() {
        let dir = copy_schema();
        append(dir.path(), LEXICON, "cue\tweather word\train|snow\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        let lines = fs::read_to_string(dir.path().join(LEXICON))
            .unwrap()
            .lines()
            .count();
        assert!(err.contains(&format!("lexicon.tsv:{lines}:2")), "{err}");
        assert!(err.contains("unknown cue list \"weather word\""), "{err}");

        let dir = copy_schema();
        let lexicon = fs::read_to_string(dir.path().join(LEXICON)).unwrap();
        let without: String = lexicon
            .lines()
            .filter(|l| !l.starts_with("cue\tpronoun\t"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(dir.path().join(LEXICON), without).unwrap();
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("cue list \"pronoun\" is missing"), "{err}");
        assert!(Cue::ALL
            .iter()
            .all(|c| shipped_schema().cue(*c).first_words().next().is_some()));
    }

    #[test]
    fn alias_claimed_by_two_types_is_rejected() {
        let dir = copy_schema();
        append(dir.path(), GROUPS, "Iran Army\t\tIranian\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("groups.tsv:") && err.contains("already claimed"),
            "{err}"
        );
    }

    #[test]
    fn wrong_column_count_names_the_column() {
        let dir = copy_schema();
        append(dir.path(), OFFICES, "Pope\tpontiff\textra\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("offices.tsv:") && err.contains("columns"),
            "{err}"
        );
    }

    #[test]
    fn turtle_syntax_error_has_line_and_column() {
        let dir = copy_schema();
        append(dir.path(), ONTOLOGY, "\nthis is not turtle .\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("ontology.ttl:"), "{err}");
    }

    #[test]
    fn missing_directory_is_an_input_error() {
        let err = Schema::load("/nonexistent/schema").unwrap_err();
        assert!(matches!(err, Error::Input { .. }));
    }
}
