//! The schema: everything that is data, not code. The files of `schema/` are compiled into
//! the binary ([`BUILTIN_FILES`]), so newsgraph runs from any folder; a directory given with
//! `--schema` replaces them whole. Either way they are parsed and validated at run time, with
//! `file:line` in every error, so a user extends newsgraph by editing these files.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cue::Cue;
use crate::dates::{Calendar, CalendarWords};
use crate::edge::{RelationClass, RelationDef, RelationFlags, RelationKind};
use crate::entity::EntityType;
use crate::error::{Error, Result};
use crate::frames::{self, Anchor, Frame};
use crate::phrases::{fold, folded_key, Lexeme, PhraseSet, WordMap};
use crate::segment::tokenize;
use crate::spelling::Spelling;

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
    /// For places: the state the place lies in, when it lies in one; for groups: the state
    /// whose government the group is ("Taliban": Afghanistan), when it is one.
    pub state: Option<String>,
}

/// An office title and its other forms.
#[derive(Debug, Clone)]
pub struct Office {
    pub title: String,
    pub forms: Vec<String>,
}

/// Everything in `schema/`, parsed.
#[derive(Debug)]
pub struct Schema {
    pub states: Vec<StateEntry>,
    pub organizations: Vec<NamedEntry>,
    pub groups: Vec<NamedEntry>,
    pub places: Vec<NamedEntry>,
    pub offices: Vec<Office>,
    /// The vocabulary's relations, in the order of `relations.tsv`.
    pub relations: Vec<RelationKind>,
    /// The argument frames of `frames.tsv`, in file order.
    pub frames: Vec<Frame>,
    /// Indexed by [`Cue`].
    cues: Vec<PhraseSet>,
    /// What the lexicon, the frames and the offices make of each folded word they start: one
    /// lookup per token says which lists may match there. Words absent are nothing to them.
    lexemes: WordMap<Lexeme>,
    /// The lexemes of the words of one ASCII byte, by that byte: a fifth of the tokens are
    /// (punctuation, "a"), and are read from here without a hash.
    byte_lexemes: Box<[Lexeme; 128]>,
    /// The frames whose trigger forms start with each folded word, in file order.
    trigger_frames: WordMap<Vec<usize>>,
    /// The words of written dates (`calendar.tsv`) and the patterns that find dates.
    pub calendar: Calendar,
    /// How a name's skeleton is spelt (`spelling.tsv`), for telling transliterations apart.
    pub spelling: Spelling,
    /// Words with their full stop that end no sentence: `abbreviations.txt` and the names of
    /// the calendar that end with a stop.
    pub abbreviations: HashSet<String>,
    /// Where the files were read from.
    pub source: SchemaSource,
}

/// Declares [`BUILTIN_FILES`]: each file of `schema/`, by name, with its contents.
macro_rules! builtin_files {
    ($($name:literal,)*) => {
        /// The built-in schema: every file of the repository's `schema/` as (file name,
        /// contents), compiled into the binary. A new schema file is one more line here.
        pub const BUILTIN_FILES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../schema/", $name))),)*
        ];
    };
}

builtin_files! {
    "states.tsv",
    "organizations.tsv",
    "groups.tsv",
    "places.tsv",
    "offices.tsv",
    "relations.tsv",
    "lexicon.tsv",
    "frames.tsv",
    "calendar.tsv",
    "spelling.tsv",
    "abbreviations.txt",
    "ontology.ttl",
    "shapes.ttl",
}

/// Where a schema's files come from; errors about the schema say which one was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// [`BUILTIN_FILES`], compiled into the binary.
    Builtin,
    /// A directory of the same files (`--schema DIR`), which replaces the built-in schema.
    Dir(PathBuf),
}

/// The pseudo-directory that names the built-in schema's files in messages.
const BUILTIN_DIR: &str = "<built-in schema>";

impl fmt::Display for SchemaSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaSource::Builtin => f.write_str("the built-in schema"),
            SchemaSource::Dir(dir) => write!(f, "the schema directory {}", dir.display()),
        }
    }
}

/// Writes the built-in schema's files into `dir` (created if missing), to be edited and used
/// with `--schema DIR`; returns the files written. Unless `overwrite`, a file of the schema
/// already in `dir` is an error, and nothing is written.
pub fn export_builtin_schema(dir: &Path, overwrite: bool) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let targets: Vec<PathBuf> = BUILTIN_FILES
        .iter()
        .map(|(name, _)| dir.join(name))
        .collect();
    if !overwrite {
        if let Some(existing) = targets.iter().find(|t| t.exists()) {
            return Err(Error::Input {
                path: existing.clone(),
                message: "already exists; nothing written (--force overwrites)".into(),
            });
        }
    }
    for (target, (name, text)) in targets.iter().zip(BUILTIN_FILES) {
        // Each file appears whole or not at all.
        let temp = dir.join(format!(".{name}.tmp"));
        fs::write(&temp, text).map_err(|e| Error::io(&temp, e))?;
        fs::rename(&temp, target).map_err(|e| {
            let _ = fs::remove_file(&temp);
            Error::io(target, e)
        })?;
    }
    Ok(targets)
}

const STATES: &str = "states.tsv";
const ORGANIZATIONS: &str = "organizations.tsv";
const GROUPS: &str = "groups.tsv";
const PLACES: &str = "places.tsv";
const OFFICES: &str = "offices.tsv";
const RELATIONS: &str = "relations.tsv";
const LEXICON: &str = "lexicon.tsv";
const FRAMES: &str = "frames.tsv";
const CALENDAR: &str = "calendar.tsv";
const SPELLING: &str = "spelling.tsv";
const ABBREVIATIONS: &str = "abbreviations.txt";
const ONTOLOGY: &str = "ontology.ttl";
const SHAPES: &str = "shapes.ttl";

/// One data line of a TSV file, with its position for error messages.
struct Row<'a> {
    line: usize,
    fields: Vec<&'a str>,
}

/// A file of the schema: the path that names it in messages, and its text.
fn read(source: &SchemaSource, name: &str) -> Result<(PathBuf, Cow<'static, str>)> {
    match source {
        SchemaSource::Builtin => {
            let path = Path::new(BUILTIN_DIR).join(name);
            match BUILTIN_FILES.iter().find(|(file, _)| *file == name) {
                Some((_, text)) => Ok((path, Cow::Borrowed(text))),
                None => Err(Error::Input {
                    path,
                    message: "not a file of the built-in schema".into(),
                }),
            }
        }
        SchemaSource::Dir(dir) => {
            let path = dir.join(name);
            match fs::read_to_string(&path) {
                Ok(text) => Ok((path, Cow::Owned(text))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::Input {
                    path,
                    message: format!(
                        "missing: the schema directory {} replaces the built-in schema whole \
                         (`newsgraph schema export DIR` writes every file to start from)",
                        dir.display()
                    ),
                }),
                Err(e) => Err(Error::io(path, e)),
            }
        }
    }
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

/// The schema's files read before the calendar: see [`Schema::lists`].
struct Lists {
    states: Vec<StateEntry>,
    organizations: Vec<NamedEntry>,
    groups: Vec<NamedEntry>,
    places: Vec<NamedEntry>,
    offices: Vec<Office>,
    relations: Vec<RelationKind>,
    cues: Vec<PhraseSet>,
    frames: Vec<Frame>,
}

impl Schema {
    /// The built-in schema ([`BUILTIN_FILES`]), parsed and validated.
    pub fn builtin() -> Result<Schema> {
        Self::from_source(SchemaSource::Builtin)
    }

    /// Loads and validates every file of a schema directory, which replaces the built-in
    /// schema whole.
    pub fn load(dir: impl AsRef<Path>) -> Result<Schema> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::Input {
                path: dir.to_path_buf(),
                message: "schema directory not found".into(),
            });
        }
        Self::from_source(SchemaSource::Dir(dir.to_path_buf()))
    }

    fn from_source(source: SchemaSource) -> Result<Schema> {
        // The calendar's patterns take half the load's time to compile: they are built beside
        // the lists and the check of the Turtle files. The first error is still the one of the
        // first file in the order below.
        let ((lists, turtle), calendar) = rayon::join(
            || (Self::lists(&source), Self::check_turtle_files(&source)),
            || Self::calendar(&source),
        );
        let lists = lists?;
        let calendar = calendar?;
        let spelling = Self::spelling(&source)?;

        let (_, text) = read(&source, ABBREVIATIONS)?;
        let abbreviations = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .chain(calendar.names().filter(|n| n.ends_with('.')))
            .map(String::from)
            .collect();

        turtle?;

        let lexemes = lexemes(&lists.cues, &lists.frames, &lists.offices, &calendar);
        let byte_lexemes = Box::new(std::array::from_fn(|b| {
            let byte = [u8::try_from(b).expect("an ASCII byte")];
            let word = std::str::from_utf8(&byte).expect("ASCII");
            lexemes.get(word).copied().unwrap_or_default()
        }));
        let mut trigger_frames: WordMap<Vec<usize>> = WordMap::default();
        for (f, frame) in lists.frames.iter().enumerate() {
            for w in frame.forms.first_words() {
                trigger_frames.entry(w).push(f);
            }
        }
        Ok(Schema {
            states: lists.states,
            organizations: lists.organizations,
            groups: lists.groups,
            places: lists.places,
            offices: lists.offices,
            relations: lists.relations,
            frames: lists.frames,
            cues: lists.cues,
            lexemes,
            byte_lexemes,
            trigger_frames,
            calendar,
            spelling,
            abbreviations,
            source,
        })
    }

    /// The gazetteer's, the offices', the relations', the lexicon's and the frames' files.
    fn lists(source: &SchemaSource) -> Result<Lists> {
        let mut registry = AliasRegistry::default();

        let (path, text) = read(source, STATES)?;
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
            source,
            ORGANIZATIONS,
            EntityType::Organization,
            None,
            &mut registry,
        )?;
        let groups = Self::named(
            source,
            GROUPS,
            EntityType::Group,
            Some(&state_names),
            &mut registry,
        )?;
        let places = Self::named(
            source,
            PLACES,
            EntityType::Place,
            Some(&state_names),
            &mut registry,
        )?;

        let (path, text) = read(source, OFFICES)?;
        let offices: Vec<Office> = rows(&path, &text, 2)?
            .into_iter()
            .map(|r| Office {
                title: r.fields[0].to_string(),
                forms: list(r.fields[1]),
            })
            .collect();

        let relations = Self::relations(source)?;

        let cues = Self::lexicon(source)?;
        let frames = Self::frames(source, &relations)?;

        Ok(Lists {
            states,
            organizations,
            groups,
            places,
            offices,
            relations,
            cues,
            frames,
        })
    }

    fn check_turtle_files(source: &SchemaSource) -> Result<()> {
        for name in [ONTOLOGY, SHAPES] {
            let (path, text) = read(source, name)?;
            check_turtle(&path, &text)?;
        }
        Ok(())
    }

    fn named(
        source: &SchemaSource,
        name: &str,
        entity_type: EntityType,
        // For places and groups: the states a place may lie in or a group govern; the file
        // then has a fourth column.
        states: Option<&HashSet<&str>>,
        registry: &mut AliasRegistry,
    ) -> Result<Vec<NamedEntry>> {
        let (path, text) = read(source, name)?;
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
                    let message = format!("{} names unknown state {state:?}", entry.name);
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

    fn relations(source: &SchemaSource) -> Result<Vec<RelationKind>> {
        let (path, text) = read(source, RELATIONS)?;
        let mut relations: Vec<RelationKind> = Vec::new();
        for row in rows(&path, &text, 11)? {
            let f = &row.fields;
            let error = |column: usize, message: String| {
                schema_error(&path, row.line, Some(column), message)
            };
            // Names and properties become IRIs and DOT ids: identifiers only.
            for (column, name) in [(1, f[0]), (2, f[1])] {
                let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                if !identifier && !name.is_empty() {
                    return Err(error(
                        column,
                        format!("{name:?} is not an identifier (ASCII letters, digits, _)"),
                    ));
                }
            }
            if relations.iter().any(|r| r.as_str() == f[0]) {
                return Err(error(1, format!("relation {:?} is defined twice", f[0])));
            }
            let class = match f[2] {
                "event" => RelationClass::Event,
                "structural" => RelationClass::Structural,
                other => {
                    return Err(error(
                        3,
                        format!("unknown class {other:?} (event or structural)"),
                    ))
                }
            };
            let symmetric = match f[3] {
                "yes" => true,
                "no" => false,
                other => return Err(error(4, format!("symmetric is yes or no, not {other:?}"))),
            };
            let color = parse_color(f[6])
                .ok_or_else(|| error(7, format!("{:?} is not a colour #RRGGBB", f[6])))?;
            let types = |column: usize| -> Result<Vec<EntityType>> {
                let types = list(f[column - 1])
                    .iter()
                    .map(|t| t.parse::<EntityType>().map_err(|m| error(column, m)))
                    .collect::<Result<Vec<_>>>()?;
                if types.is_empty() {
                    return Err(error(column, "no entity type listed".into()));
                }
                Ok(types)
            };
            let mut flags = RelationFlags::default();
            for flag in list(f[9]) {
                match flag.as_str() {
                    "conflict" => flags.conflict = true,
                    "third-party" => flags.third_party = true,
                    "party-targets" => flags.party_targets = true,
                    "place-targets" => flags.place_targets = true,
                    other => return Err(error(10, format!("unknown flag {other:?}"))),
                }
            }
            let def = RelationDef {
                name: f[0].to_string(),
                property: optional(f[1]).unwrap_or_else(|| f[0].to_string()),
                class,
                symmetric,
                cameo: optional(f[4]),
                plover: optional(f[5]),
                color,
                domain: types(8)?,
                range: types(9)?,
                flags,
                meaning: f[10].to_string(),
            };
            relations.push(RelationKind::new(relations.len(), def));
        }
        Ok(relations)
    }

    fn lexicon(source: &SchemaSource) -> Result<Vec<PhraseSet>> {
        let (path, text) = read(source, LEXICON)?;
        let mut cues: Vec<Option<PhraseSet>> = vec![None; Cue::ALL.len()];
        for row in rows(&path, &text, 2)? {
            let f = &row.fields;
            let cue = f[0]
                .parse::<Cue>()
                .map_err(|m| schema_error(&path, row.line, Some(1), m))?;
            let forms = list(f[1]);
            if forms.is_empty() {
                return Err(schema_error(
                    &path,
                    row.line,
                    None,
                    "no forms listed".into(),
                ));
            }
            let set = cues[cue as usize].get_or_insert_with(PhraseSet::default);
            forms.iter().for_each(|p| set.insert(p));
        }
        if let Some(missing) = Cue::ALL.iter().find(|&&c| cues[c as usize].is_none()) {
            return Err(schema_error(
                &path,
                text.lines().count(),
                None,
                format!("cue list {:?} is missing", missing.name()),
            ));
        }
        Ok(cues.into_iter().map(Option::unwrap_or_default).collect())
    }

    fn calendar(source: &SchemaSource) -> Result<Calendar> {
        let (path, text) = read(source, CALENDAR)?;
        let mut words = CalendarWords::default();
        for row in rows(&path, &text, 3)? {
            let f = &row.fields;
            words
                .add(f[0], f[1], list(f[2]))
                .map_err(|(column, m)| schema_error(&path, row.line, Some(column), m))?;
        }
        words
            .build()
            .map_err(|m| schema_error(&path, text.lines().count().max(1), None, m))
    }

    fn spelling(source: &SchemaSource) -> Result<Spelling> {
        let (path, text) = read(source, SPELLING)?;
        let mut spelling = Spelling::default();
        for row in rows(&path, &text, 3)? {
            let f = &row.fields;
            spelling
                .add(f[0], f[1], f[2])
                .map_err(|(column, m)| schema_error(&path, row.line, Some(column), m))?;
        }
        Ok(spelling.build())
    }

    fn frames(source: &SchemaSource, relations: &[RelationKind]) -> Result<Vec<Frame>> {
        let (path, text) = read(source, FRAMES)?;
        let mut frames = Vec::new();
        for row in rows(&path, &text, 6)? {
            let f = &row.fields;
            let error = |column: usize, message: String| {
                schema_error(&path, row.line, Some(column), message)
            };
            let relation = relations
                .iter()
                .find(|r| r.as_str() == f[0])
                .cloned()
                .ok_or_else(|| error(1, format!("unknown relation {:?}", f[0])))?;
            let anchor = f[1].parse::<Anchor>().map_err(|m| error(2, m))?;
            let mut forms = PhraseSet::default();
            list(f[2]).iter().for_each(|form| forms.insert(form));
            if forms.is_empty() != matches!(anchor, Anchor::Entity(_)) {
                let message = if forms.is_empty() {
                    "a verb or noun frame needs its forms"
                } else {
                    "an entity frame has no forms"
                };
                return Err(error(3, message.into()));
            }
            let mut frame = Frame {
                relation,
                anchor,
                forms,
                agent: frames::slots(f[3]).map_err(|m| error(4, m))?,
                target: frames::slots(f[4]).map_err(|m| error(5, m))?,
                requires: Vec::new(),
                unless_next: None,
                through: None,
                admits_intended: false,
                naming: false,
                reciprocal: None,
                agent_is_caller: false,
                agent_is_mediator: false,
                parties_only: false,
            };
            if frame.agent.is_empty() || frame.target.is_empty() {
                return Err(error(4, "a frame needs agent and target slots".into()));
            }
            frame.set_options(f[5]).map_err(|m| error(6, m))?;
            frames.push(frame);
        }
        Ok(frames)
    }

    /// What the lexicon knows of a word, as written.
    pub fn lexeme(&self, word: &str) -> Lexeme {
        let mut buf = [0; 48];
        self.folded_lexeme(&folded_key(word, &mut buf))
    }

    /// What the lexicon knows of a word already folded.
    pub fn folded_lexeme(&self, folded: &str) -> Lexeme {
        if let [byte] = folded.as_bytes() {
            if let Some(lexeme) = self.byte_lexemes.get(usize::from(*byte)) {
                return *lexeme;
            }
        }
        self.lexemes.get(folded).copied().unwrap_or_default()
    }

    /// The frames (indices into `frames`) with a trigger form that starts with a word already
    /// folded, in file order.
    pub fn frames_starting(&self, folded: &str) -> &[usize] {
        self.trigger_frames.get(folded).map_or(&[], Vec::as_slice)
    }

    /// A cue list of the lexicon (every one is there once the schema has loaded).
    pub fn cue(&self, cue: Cue) -> &PhraseSet {
        &self.cues[cue as usize]
    }

    /// A word that may stand between a subject and its verb ("Washington also condemned",
    /// "the groups regularly attack"): an "-ly" word or one of the lexicon's adverbs.
    pub fn is_adverb(&self, word: &str) -> bool {
        self.ends_with(Cue::AdverbEnding, word) || self.cue(Cue::Adverb).contains(word)
    }

    /// Whether `word` ends with one of the endings of `cue` after a stem of three letters or
    /// more ("firmly": "-ly").
    pub fn ends_with(&self, cue: Cue, word: &str) -> bool {
        self.cue(cue).first_words().any(|e| {
            word.len() >= e.len() + 3
                && word.as_bytes()[word.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        })
    }

    /// Whether a word is a verb of action or speech: a reporting verb, an intention, a denial,
    /// a support verb or a verb of a frame ("Tehran said", "Washington condemned").
    pub fn is_act(&self, word: &str) -> bool {
        self.lexeme(word).act
    }

    /// Whether a word is a noun of a frame ("condemnation", "strikes").
    pub fn is_frame_noun(&self, word: &str) -> bool {
        self.lexeme(word).frame_noun
    }

    /// The relation of the vocabulary with this name.
    pub fn relation(&self, name: &str) -> Option<RelationKind> {
        self.relations.iter().find(|r| r.as_str() == name).cloned()
    }
}

/// What each word that starts a phrase of the lexicon, a trigger form, an office title or a
/// name of the calendar is to them (see [`Lexeme`]).
fn lexemes(
    cues: &[PhraseSet],
    frames: &[Frame],
    offices: &[Office],
    calendar: &Calendar,
) -> WordMap<Lexeme> {
    let mut lexemes: WordMap<Lexeme> = WordMap::default();
    for (c, set) in cues.iter().enumerate() {
        for (w, alone) in set.first_words_alone() {
            let lexeme = lexemes.entry(w);
            lexeme.starts |= 1 << c;
            if alone {
                lexeme.alone |= 1 << c;
            }
        }
        for w in set.first_words_of_longer() {
            lexemes.entry(w).longer |= 1 << c;
        }
    }
    let acts = [
        Cue::ReportingVerb,
        Cue::Intention,
        Cue::Denial,
        Cue::SupportVerb,
    ];
    for lexeme in lexemes.values_mut() {
        lexeme.act = acts.iter().any(|&c| lexeme.is(c));
        lexeme.lists = lexeme.starts.count_ones() as u8;
    }
    for frame in frames {
        for (w, alone) in frame.forms.first_words_alone() {
            let lexeme = lexemes.entry(w);
            lexeme.trigger = true;
            lexeme.act |= alone && frame.anchor == Anchor::Verb;
            lexeme.frame_noun |= alone && frame.anchor == Anchor::Noun;
        }
    }
    for form in offices
        .iter()
        .flat_map(|o| std::iter::once(&o.title).chain(&o.forms))
    {
        if let Some(first) = tokenize(form).first() {
            lexemes.entry(&fold(first.text(form))).office = true;
        }
        lexemes.entry(&fold(&form.replace('.', ""))).office = true;
    }
    for name in calendar.names() {
        if let Some(first) = tokenize(name).first() {
            lexemes.entry(&fold(first.text(name))).calendar = true;
        }
    }
    for day in calendar.relative_days() {
        if let Some(first) = tokenize(day).first() {
            lexemes.entry(&fold(first.text(day))).relative_day = true;
        }
    }
    lexemes
}

/// `#RRGGBB` as its three components.
fn parse_color(s: &str) -> Option<(u8, u8, u8)> {
    let hex = s
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.is_ascii())?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// Parses a Turtle file so a syntax error is reported before any work is done.
fn check_turtle(path: &Path, text: &str) -> Result<()> {
    for triple in oxttl::TurtleParser::new().for_slice(text) {
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
        SCHEMA.get_or_init(|| Schema::builtin().expect("built-in schema"))
    }

    /// One lookup per token must say what every list of the lexicon would say of it.
    #[test]
    fn lexemes_agree_with_the_lists_they_summarise() {
        let schema = shipped_schema();
        // A word of one ASCII byte is read from its own table: the same lexeme.
        for b in 0..128u8 {
            let word = char::from(b).to_string();
            let mapped = schema.lexemes.get(&word).copied().unwrap_or_default();
            assert_eq!(schema.folded_lexeme(&word), mapped, "{word:?}");
        }
        for &cue in Cue::ALL {
            for (word, alone) in schema.cue(cue).first_words_alone() {
                let lexeme = schema.lexeme(word);
                assert!(
                    lexeme.starts & (1 << cue as usize) != 0,
                    "{word} in {cue:?}"
                );
                assert_eq!(lexeme.is(cue), alone, "{word} in {cue:?}");
                let longer = schema.cue(cue).first_words_of_longer().any(|w| w == word);
                assert_eq!(
                    lexeme.longer & (1 << cue as usize) != 0,
                    longer,
                    "{word} in {cue:?}"
                );
                assert_eq!(alone, schema.cue(cue).contains(word), "{word} in {cue:?}");
                let upper = word.to_uppercase();
                assert_eq!(schema.lexeme(&upper), lexeme, "{upper}");
            }
        }
        for frame in &schema.frames {
            for (word, alone) in frame.forms.first_words_alone() {
                let lexeme = schema.lexeme(word);
                assert!(lexeme.trigger, "{word}");
                assert_eq!(
                    alone,
                    frame.forms.contains(word),
                    "{word} alone in {:?}",
                    frame.relation
                );
                if alone && frame.anchor == Anchor::Verb {
                    assert!(schema.is_act(word), "{word}");
                }
                if alone && frame.anchor == Anchor::Noun {
                    assert!(schema.is_frame_noun(word), "{word}");
                }
            }
        }
        for office in &schema.offices {
            let first = tokenize(&office.title)[0].text(&office.title);
            assert!(schema.lexeme(first).office, "{first}");
        }
        for name in schema.calendar.names() {
            let first = tokenize(name)[0].text(name);
            assert!(schema.lexeme(first).calendar, "{first}");
        }
        assert!(!schema.lexeme("today").calendar);
        for day in schema.calendar.relative_days() {
            let first = tokenize(day)[0].text(day);
            assert!(schema.lexeme(first).relative_day, "{first}");
        }
        assert!(schema.lexeme("Yesterday").relative_day);
        assert_eq!(schema.lexeme("zzzq"), Lexeme::default());
    }

    /// The shipped schema's relation of this name.
    pub(crate) fn kind(name: &str) -> RelationKind {
        shipped_schema().relation(name).expect(name)
    }

    fn copy_schema() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        export_builtin_schema(dir.path(), false).unwrap();
        dir
    }

    fn file_names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_file_of_schema_dir_is_built_in() {
        let mut builtin: Vec<String> = BUILTIN_FILES.iter().map(|(n, _)| n.to_string()).collect();
        builtin.sort();
        let shipped = file_names(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/schema")));
        assert_eq!(
            builtin, shipped,
            "add the new file of schema/ to builtin_files!"
        );
    }

    #[test]
    fn exported_schema_loads_like_the_built_in_one_and_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("edit-me");
        let written = export_builtin_schema(&target, false).unwrap();
        assert_eq!(written.len(), BUILTIN_FILES.len());
        assert_eq!(
            file_names(&target).len(),
            BUILTIN_FILES.len(),
            "no temporary file left"
        );
        let exported = Schema::load(&target).unwrap();
        let builtin = shipped_schema();
        assert_eq!(exported.source, SchemaSource::Dir(target.clone()));
        assert_eq!(builtin.source, SchemaSource::Builtin);
        assert_eq!(exported.states.len(), builtin.states.len());
        assert_eq!(exported.frames.len(), builtin.frames.len());
        assert_eq!(exported.abbreviations, builtin.abbreviations);

        fs::write(target.join(LEXICON), "# edited\n").unwrap();
        let err = export_builtin_schema(&target, false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(
            fs::read_to_string(target.join(LEXICON)).unwrap(),
            "# edited\n"
        );
        export_builtin_schema(&target, true).unwrap();
        assert_eq!(
            fs::read_to_string(target.join(LEXICON)).unwrap(),
            BUILTIN_FILES.iter().find(|f| f.0 == LEXICON).unwrap().1
        );
    }

    #[test]
    fn a_file_missing_from_a_schema_directory_says_it_replaces_the_built_in_one() {
        let dir = copy_schema();
        fs::remove_file(dir.path().join(OFFICES)).unwrap();
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("offices.tsv: missing"), "{err}");
        assert!(err.contains("replaces the built-in schema"), "{err}");
    }

    /// Appends `row` to the schema file `name` of a copy of the schema and checks that loading
    /// fails at that row's line and `column` with `message`.
    fn assert_appended_row_fails(name: &str, row: &str, column: usize, message: &str) {
        let dir = copy_schema();
        append(dir.path(), name, &format!("{row}\n"));
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        let lines = fs::read_to_string(dir.path().join(name))
            .unwrap()
            .lines()
            .count();
        assert!(
            err.contains(&format!("{name}:{lines}:{column}")) && err.contains(message),
            "{row}: {err}"
        );
    }

    fn append(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        let mut s = fs::read_to_string(&path).unwrap();
        s.push_str(text);
        fs::write(path, s).unwrap();
    }

    #[test]
    fn the_first_error_is_the_first_files_though_the_calendar_builds_beside() {
        // Broken: the lexicon (read before the calendar), the calendar, the ontology (after).
        let dir = copy_schema();
        append(dir.path(), CALENDAR, "season\t1\tSpring\n");
        append(dir.path(), ONTOLOGY, "this is no turtle\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains(CALENDAR), "{err}");
        append(dir.path(), "lexicon.tsv", "no such list\tword\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("lexicon.tsv"), "{err}");
    }

    #[test]
    fn the_shipped_schema_loads() {
        let schema = Schema::load(concat!(env!("CARGO_MANIFEST_DIR"), "/schema")).unwrap();
        assert_eq!(schema.states.len(), shipped_schema().states.len());
        assert!(schema.states.len() >= 193);
        let struck = schema.relation("struck").unwrap();
        assert_eq!(struck.cameo(), Some("190 / 195"));
        assert_eq!(struck.color(), (0xd6, 0x27, 0x28));
        assert_eq!(
            schema
                .frames
                .iter()
                .filter(|f| f.relation == struck)
                .count(),
            8
        );
    }

    #[test]
    fn unknown_relation_is_reported_with_file_and_line() {
        let dir = copy_schema();
        append(
            dir.path(),
            FRAMES,
            "bombed\tverb\tbombarded\tsubject\tobject\t\n",
        );
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        let lines = fs::read_to_string(dir.path().join(FRAMES))
            .unwrap()
            .lines()
            .count();
        assert!(err.contains(&format!("frames.tsv:{lines}:1")), "{err}");
        assert!(err.contains("unknown relation"), "{err}");
    }

    #[test]
    fn relation_rows_are_validated_column_by_column() {
        for (row, column, message) in [
            (
                "sanctioned\tsanctioned\tevent\tmaybe\t\t\t#000000\tx",
                4,
                "yes or no",
            ),
            (
                "sanctioned\tsanctioned\tevent\tno\t\t\tred\tx",
                7,
                "not a colour",
            ),
            (
                "sanc tioned\tsanctioned\tevent\tno\t\t\t#000000\tx",
                1,
                "not an identifier",
            ),
            (
                "struck\tstruck\tevent\tno\t\t\t#000000\tx",
                1,
                "defined twice",
            ),
        ] {
            assert_appended_row_fails(RELATIONS, row, column, message);
        }
    }

    /// Only the verb row of `called` says who placed the call ("X telephoned Y"): a call
    /// "between X and Y", or "X spoke by phone with Y", or "X held a call with Y" does not.
    /// A caller of any other argument, or on a relation whose edges have a direction, is an
    /// error of the options column.
    #[test]
    fn the_caller_option_names_the_agent_of_a_symmetric_relation() {
        let callers: Vec<(&str, Anchor, bool)> = shipped_schema()
            .frames
            .iter()
            .filter(|f| f.agent_is_caller)
            .map(|f| {
                (
                    f.relation.as_str(),
                    f.anchor,
                    f.forms.contains("telephoned"),
                )
            })
            .collect();
        assert_eq!(
            callers,
            [
                ("called", Anchor::Verb, true),
                ("called", Anchor::Verb, false)
            ]
        );
        for (row, message) in [
            (
                "called\tverb\tbuzzed\tsubject\tobject\tcaller=target",
                "unknown caller \"target\"",
            ),
            (
                "struck\tverb\tzapped\tsubject\tobject\tcaller=agent",
                "not symmetric",
            ),
        ] {
            assert_appended_row_fails(FRAMES, row, 6, message);
        }
    }

    /// Only a relation of third parties has mediators: the option on any other is an error of
    /// the options column.
    #[test]
    fn the_mediator_option_is_for_a_relation_of_third_parties() {
        let mediators = shipped_schema()
            .frames
            .iter()
            .filter(|f| f.agent_is_mediator)
            .filter(|f| f.forms.contains("brokered") || f.forms.contains("mediation"))
            .count();
        assert_eq!(mediators, 2);
        assert_appended_row_fails(
            FRAMES,
            "struck\tverb\tzapped\tsubject\tobject\tmediator",
            6,
            "no relation of third parties",
        );
    }

    #[test]
    fn unknown_or_missing_cue_lists_are_reported() {
        let dir = copy_schema();
        append(dir.path(), LEXICON, "weather word\train|snow\n");
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        let lines = fs::read_to_string(dir.path().join(LEXICON))
            .unwrap()
            .lines()
            .count();
        assert!(err.contains(&format!("lexicon.tsv:{lines}:1")), "{err}");
        assert!(err.contains("unknown cue list \"weather word\""), "{err}");

        let dir = copy_schema();
        let lexicon = fs::read_to_string(dir.path().join(LEXICON)).unwrap();
        let without: String = lexicon
            .lines()
            .filter(|l| !l.starts_with("pronoun\t"))
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
    fn an_edited_calendar_names_its_dates() {
        use crate::dates::DateValue;
        let dir = copy_schema();
        let path = dir.path().join(CALENDAR);
        let shipped = fs::read_to_string(&path).unwrap();
        let edited = shipped.replace("month\t1\tJanuary|Jan|Jan.\n", "month\t1\tEnero|Ene.\n");
        assert_ne!(edited, shipped);
        fs::write(&path, edited).unwrap();
        let schema = Schema::load(dir.path()).unwrap();
        let found: Vec<DateValue> = schema
            .calendar
            .find_dates("on 16 Enero 2024, on Ene. 17 and on January 18")
            .into_iter()
            .map(|d| d.value)
            .collect();
        let full = chrono::NaiveDate::from_ymd_opt(2024, 1, 16).unwrap();
        assert_eq!(found, [DateValue::Full(full), DateValue::MonthDay(1, 17)]);
        // A month name is no part of a proper name, and "Ene." ends no sentence.
        assert!(schema.lexeme("Enero").calendar);
        assert!(!schema.lexeme("January").calendar);
        assert!(schema.abbreviations.contains("Ene."));
        assert!(!schema.abbreviations.contains("Jan."));
        assert!(shipped_schema().abbreviations.contains("Jan."));
    }

    #[test]
    fn spelling_rows_are_validated_column_by_column() {
        for (row, column, message) in [
            ("Q\tk\tanywhere", 1, "is not lower-case letters"),
            (
                "q\tkh\tanywhere",
                2,
                "is not one lower-case letter or empty",
            ),
            ("q\tk\tsomewhere", 3, "unknown place \"somewhere\""),
            ("gh\tg\tinside", 1, "\"gh\" is listed twice"),
        ] {
            assert_appended_row_fails(SPELLING, row, column, message);
        }
    }

    #[test]
    fn an_edited_spelling_makes_other_skeletons() {
        let shipped = &shipped_schema().spelling;
        assert_eq!(shipped.skeleton("Araghchi"), shipped.skeleton("Araqchi"));
        assert_ne!(shipped.skeleton("Wahid"), shipped.skeleton("Vahid"));
        let dir = copy_schema();
        append(dir.path(), SPELLING, "w\tv\tanywhere\n");
        let edited = Schema::load(dir.path()).unwrap().spelling;
        assert_eq!(edited.skeleton("Wahid"), edited.skeleton("Vahid"));
        // Without its rows, a skeleton keeps every letter but doubled ones.
        fs::write(dir.path().join(SPELLING), "# no rules\n").unwrap();
        let none = Schema::load(dir.path()).unwrap().spelling;
        assert_eq!(none.skeleton("Farooqi"), "faroqi");
    }

    #[test]
    fn calendar_rows_are_validated_column_by_column() {
        for (row, column, message) in [
            ("season\t1\tSpring", 1, "unknown kind \"season\""),
            (
                "month\t13\tUndecember",
                2,
                "month \"13\" is not a number from 1 to 12",
            ),
            ("month\tfive\tMayo", 2, "is not a number from 1 to 12"),
            ("month\t5\tMayo", 2, "month 5 is listed twice"),
            ("relative day\t1000\tsomeday", 2, "from -366 to 366"),
            (
                "relative day\t1\tToday",
                3,
                "relative day \"Today\" is listed twice",
            ),
            ("relative day\t1\t", 3, "no forms listed"),
            ("ordinal suffix\t1\tº", 2, "has no value"),
        ] {
            assert_appended_row_fails(CALENDAR, row, column, message);
        }

        // A name names one day or month; every weekday is there.
        let dir = copy_schema();
        let path = dir.path().join(CALENDAR);
        let shipped = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            shipped.replace("weekday\t1\tMonday\n", "weekday\t1\tMay\n"),
        )
        .unwrap();
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        let line = 1 + shipped
            .lines()
            .position(|l| l.starts_with("weekday\t1\t"))
            .unwrap();
        assert!(err.contains(&format!("calendar.tsv:{line}:3")), "{err}");
        assert!(err.contains("\"May\" already names month 5"), "{err}");

        let without: String = shipped
            .lines()
            .filter(|l| !l.starts_with("weekday\t7\t"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(&path, &without).unwrap();
        let err = Schema::load(dir.path()).unwrap_err().to_string();
        let last = without.lines().count();
        assert!(
            err.contains(&format!("calendar.tsv:{last}: weekday 7 is missing")),
            "{err}"
        );
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
