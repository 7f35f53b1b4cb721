//! Shards: the extractions of one part of a corpus, kept so that `newsgraph merge` joins the
//! parts into exactly the graph one run over the whole corpus gives.
//!
//! Why extractions, not a shard's graph or its N-Quads: the graph of a corpus is settled
//! across documents by [`Merger`](crate::Merger) — which names denote one official, the
//! fullest name that labels them, the state an official serves when one article only guessed
//! it, the ids of entities whose names collide. A shard's graph has settled these within the
//! shard, differently from the whole corpus, so no union of shard graphs can give the single
//! run's bytes. Merging each document's [`Extraction`] in input order does: it is what the
//! single run merges.
//!
//! A shard file, `shard.jsonl` in a shard's output directory, is JSON Lines: a header line
//! `{"newsgraph":"shard","version":2}`, then one [`Extraction`] per document, in input order.
//! (Version 2: an entity's affiliation is the index of another entity of its document, not a
//! name.)
//!
//! ```
//! use newsgraph::shard::{ShardReader, ShardWriter};
//! use newsgraph::{DocumentMeta, Extraction, Schema};
//!
//! let schema = Schema::builtin()?;
//! let doc = Extraction {
//!     meta: DocumentMeta { id: "a".into(), title: None, published: None, url: None },
//!     entities: Vec::new(),
//!     relations: Vec::new(),
//! };
//! let mut writer = ShardWriter::new(Vec::new())?;
//! writer.write(&doc)?;
//! let bytes = writer.finish()?;
//! let read: Vec<Extraction> = ShardReader::new(&bytes[..], "shard.jsonl", &schema)?
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(read, [doc]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::edge::Evidence;
use crate::error::{Error, Result};
use crate::graph::DocumentMeta;
use crate::pipeline::Extraction;
use crate::relations::LocalRelation;
use crate::resolve::LocalEntity;
use crate::schema::Schema;

/// The shard file in a shard's output directory.
pub const SHARD_FILE: &str = "shard.jsonl";

/// The version of the shard format this build writes and reads.
pub const SHARD_VERSION: u32 = 2;

/// The first line of a shard file.
#[derive(Serialize, Deserialize, PartialEq)]
struct Header {
    newsgraph: String,
    version: u32,
}

/// An [`Extraction`] as a shard line holds it: a relation's kind is a handle on the schema's
/// definition, written by name and found again by name in the schema that reads the shard.
#[derive(Deserialize)]
struct StoredExtraction {
    meta: DocumentMeta,
    entities: Vec<LocalEntity>,
    relations: Vec<StoredRelation>,
}

#[derive(Deserialize)]
struct StoredRelation {
    subject: usize,
    kind: String,
    object: usize,
    evidence: Evidence,
    role: Option<String>,
    /// Absent from shards written before callers were known, and when false.
    #[serde(default)]
    subject_is_caller: bool,
}

impl StoredExtraction {
    fn into_extraction(self, schema: &Schema) -> std::result::Result<Extraction, String> {
        let entities = self.entities.len();
        for e in &self.entities {
            let Some(a) = e.affiliation else { continue };
            if self
                .entities
                .get(a.entity)
                .is_none_or(|x| x.affiliation.is_some())
            {
                return Err(format!(
                    "the affiliation of {:?} names no entity of the document without an affiliation of its own",
                    e.label
                ));
            }
        }
        let relations = self
            .relations
            .into_iter()
            .map(|r| {
                let kind = schema.relation(&r.kind).ok_or_else(|| {
                    format!(
                        "relation {:?} is not in the schema (the shard was built with another one)",
                        r.kind
                    )
                })?;
                if r.subject >= entities || r.object >= entities {
                    return Err(format!(
                        "a {:?} relation names no entity of the document",
                        r.kind
                    ));
                }
                Ok(LocalRelation {
                    subject: r.subject,
                    kind,
                    object: r.object,
                    evidence: r.evidence,
                    role: r.role,
                    subject_is_caller: r.subject_is_caller,
                })
            })
            .collect::<std::result::Result<_, String>>()?;
        Ok(Extraction {
            meta: self.meta,
            entities: self.entities,
            relations,
        })
    }
}

/// Writes a shard: the header, then one extraction per line.
#[must_use]
pub struct ShardWriter<W: Write> {
    writer: W,
}

impl<W: Write> ShardWriter<W> {
    /// Starts a shard on `writer` (writes the header line).
    pub fn new(mut writer: W) -> io::Result<Self> {
        serde_json::to_writer(
            &mut writer,
            &Header {
                newsgraph: "shard".into(),
                version: SHARD_VERSION,
            },
        )?;
        writer.write_all(b"\n")?;
        Ok(ShardWriter { writer })
    }

    /// Appends one document's extraction.
    pub fn write(&mut self, extraction: &Extraction) -> io::Result<()> {
        serde_json::to_writer(&mut self.writer, extraction)?;
        self.writer.write_all(b"\n")
    }

    /// Returns the writer.
    pub fn finish(self) -> io::Result<W> {
        Ok(self.writer)
    }
}

/// Reads a shard, one [`Extraction`] per item; errors name the file and line.
pub struct ShardReader<'s, R: BufRead> {
    schema: &'s Schema,
    reader: R,
    path: PathBuf,
    line: usize,
    buf: String,
}

impl<'s> ShardReader<'s, BufReader<File>> {
    /// Opens a shard: a shard file, or a shard's output directory holding [`SHARD_FILE`].
    /// Relations are found by name in `schema`.
    pub fn open(path: &Path, schema: &'s Schema) -> Result<Self> {
        let path = if path.is_dir() {
            path.join(SHARD_FILE)
        } else {
            path.to_path_buf()
        };
        let file = File::open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Error::Input {
                path: path.clone(),
                message: format!(
                    "no shard here (a shard is written by `newsgraph build --shard -o DIR`, as DIR/{SHARD_FILE})"
                ),
            },
            _ => Error::io(&path, e),
        })?;
        ShardReader::new(BufReader::with_capacity(1 << 16, file), path, schema)
    }
}

impl<'s, R: BufRead> ShardReader<'s, R> {
    /// Reads a shard from `reader`; `path` names it in errors. Checks the header line.
    pub fn new(reader: R, path: impl Into<PathBuf>, schema: &'s Schema) -> Result<Self> {
        let mut shard = ShardReader {
            schema,
            reader,
            path: path.into(),
            line: 0,
            buf: String::new(),
        };
        let header = shard
            .next_line()?
            .map(|line| serde_json::from_str::<Header>(line).ok());
        match header {
            Some(Some(h)) if h.newsgraph == "shard" && h.version == SHARD_VERSION => Ok(shard),
            Some(Some(h)) if h.newsgraph == "shard" => Err(shard.error(format!(
                "shard format version {} (this newsgraph reads version {SHARD_VERSION}): rebuild the shard",
                h.version
            ))),
            _ => Err(shard.error(
                "not a newsgraph shard (its first line is not {\"newsgraph\":\"shard\",...})".into(),
            )),
        }
    }

    /// The next line, without its line end; None at the end of the file.
    fn next_line(&mut self) -> Result<Option<&str>> {
        self.buf.clear();
        let read = self
            .reader
            .read_line(&mut self.buf)
            .map_err(|e| Error::io(&self.path, e))?;
        if read == 0 {
            return Ok(None);
        }
        self.line += 1;
        Ok(Some(self.buf.trim_end_matches(['\n', '\r'])))
    }

    fn error(&self, message: String) -> Error {
        Error::Shard {
            path: self.path.clone(),
            line: self.line,
            message,
        }
    }
}

impl<R: BufRead> Iterator for ShardReader<'_, R> {
    type Item = Result<Extraction>;

    fn next(&mut self) -> Option<Self::Item> {
        let parsed = match self.next_line() {
            Err(e) => return Some(Err(e)),
            Ok(None) => return None,
            Ok(Some(line)) => serde_json::from_str::<StoredExtraction>(line)
                .map_err(|e| format!("not a document's extraction: {e}")),
        };
        let schema = self.schema;
        Some(
            parsed
                .and_then(|x| x.into_extraction(schema))
                .map_err(|message| self.error(message)),
        )
    }
}

/// A shard file being written into an output directory: under a temporary name until
/// [`ShardFile::commit`], so a failed run leaves no partial shard (it is removed on drop).
pub struct ShardFile {
    temp: PathBuf,
    target: PathBuf,
    writer: Option<ShardWriter<BufWriter<File>>>,
}

impl ShardFile {
    /// Starts `dir/shard.jsonl` (the directory is created if missing).
    pub fn create(dir: &Path) -> Result<Self> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let temp = dir.join(format!(".{SHARD_FILE}.tmp"));
        let file = File::create(&temp).map_err(|e| Error::io(&temp, e))?;
        let writer = ShardWriter::new(BufWriter::with_capacity(1 << 16, file))
            .map_err(|e| Error::io(&temp, e))?;
        Ok(ShardFile {
            temp,
            target: dir.join(SHARD_FILE),
            writer: Some(writer),
        })
    }

    pub fn write(&mut self, extraction: &Extraction) -> Result<()> {
        let writer = self.writer.as_mut().expect("written before commit");
        writer
            .write(extraction)
            .map_err(|e| Error::io(&self.temp, e))
    }

    /// Completes the file and renames it into place; returns its path.
    pub fn commit(mut self) -> Result<PathBuf> {
        let writer = self.writer.take().expect("committed once");
        let file = writer
            .finish()
            .and_then(|w| w.into_inner().map_err(|e| e.into_error()))
            .map_err(|e| Error::io(&self.temp, e))?;
        file.sync_all().map_err(|e| Error::io(&self.temp, e))?;
        fs::rename(&self.temp, &self.target).map_err(|e| Error::io(&self.target, e))?;
        Ok(self.target.clone())
    }
}

impl Drop for ShardFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            // Best effort: the error that stopped the run matters more.
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::tests::shipped_schema;
    use crate::Pipeline;

    #[test]
    fn extractions_round_trip_through_a_shard() {
        let pipeline = Pipeline::new(shipped_schema());
        let docs = [
            "Vakaria struck Ostrava on Monday. Ostravan Foreign Minister Ana Lopez condemned the attack.",
            "Lorvia urged \"both sides\" to show restraint,\nsaid a spokesman.",
            "Earlier, Turkish Foreign Minister Hakan Fidan called Foreign Minister Jilani.",
        ];
        let extractions: Vec<Extraction> = docs
            .iter()
            .enumerate()
            .map(|(i, text)| pipeline.extract(&format!("d{i}"), text))
            .collect();
        let mut writer = ShardWriter::new(Vec::new()).unwrap();
        for x in &extractions {
            writer.write(x).unwrap();
        }
        let bytes = writer.finish().unwrap();
        let read: Vec<Extraction> = ShardReader::new(&bytes[..], "s", shipped_schema())
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(read, extractions);
        // The caller is kept. A line names it only for a relation whose subject called, so
        // the lines of the other documents are those of a shard written before callers were
        // known, and they read as calls without a caller.
        let callers = |x: &Extraction| x.relations.iter().filter(|r| r.subject_is_caller).count();
        assert_eq!(read.iter().map(callers).collect::<Vec<_>>(), [0, 0, 1]);
        let lines = String::from_utf8(bytes).unwrap();
        let marked: Vec<bool> = lines
            .lines()
            .skip(1)
            .map(|l| l.contains("\"subject_is_caller\":true"))
            .collect();
        assert_eq!(marked, [false, false, true]);
        assert_eq!(lines.matches("subject_is_caller").count(), 1);
    }

    #[test]
    fn bad_shards_are_errors_naming_file_and_line() {
        let not_a_shard = ShardReader::new(&b"hello\n"[..], "x.jsonl", shipped_schema())
            .err()
            .unwrap();
        assert_eq!(
            not_a_shard.to_string().split(": ").next(),
            Some("x.jsonl:1")
        );
        let newer = ShardReader::new(
            &b"{\"newsgraph\":\"shard\",\"version\":99}\n"[..],
            "y",
            shipped_schema(),
        )
        .err()
        .unwrap();
        assert!(newer.to_string().contains("version 99"), "{newer}");
        let mut bytes = ShardWriter::new(Vec::new()).unwrap().finish().unwrap();
        bytes.extend_from_slice(b"{\"meta\":1}\n");
        let errors: Vec<String> = ShardReader::new(&bytes[..], "z", shipped_schema())
            .unwrap()
            .map(|r| r.unwrap_err().to_string())
            .collect();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("z:2: not a document's extraction"),
            "{errors:?}"
        );
    }

    /// An affiliation must name another entity of the document, one with no affiliation of
    /// its own (the merger reads it so).
    #[test]
    fn shards_with_affiliations_that_name_no_affiliate_are_errors() {
        let pipeline = Pipeline::new(shipped_schema());
        let x = pipeline.extract("d", "Chilean Foreign Minister Ana Lopez condemned Peru.");
        let official = x
            .entities
            .iter()
            .position(|e| e.label == "Ana Lopez")
            .unwrap();
        let state = x.entities[official].affiliation.unwrap().entity;
        assert_eq!(x.entities[state].label, "Chile");
        let broken = |edit: &dyn Fn(&mut Extraction)| {
            let mut bad = x.clone();
            edit(&mut bad);
            let mut writer = ShardWriter::new(Vec::new()).unwrap();
            writer.write(&bad).unwrap();
            let bytes = writer.finish().unwrap();
            let mut read = ShardReader::new(&bytes[..], "s", shipped_schema()).unwrap();
            read.next().unwrap().unwrap_err().to_string()
        };
        let beyond = broken(&|x| {
            let n = x.entities.len();
            x.entities[official].affiliation.as_mut().unwrap().entity = n;
        });
        assert!(
            beyond.starts_with("s:2: the affiliation of \"Ana Lopez\" names no entity"),
            "{beyond}"
        );
        let chained = broken(&|x| x.entities[state].affiliation = x.entities[official].affiliation);
        assert!(
            chained.contains("the affiliation of \"Chile\""),
            "{chained}"
        );
    }

    #[test]
    fn a_shard_file_appears_only_once_complete() {
        let dir = tempfile::tempdir().unwrap();
        let shard = ShardFile::create(dir.path()).unwrap();
        drop(shard);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        let shard = ShardFile::create(dir.path()).unwrap();
        let path = shard.commit().unwrap();
        assert_eq!(path, dir.path().join(SHARD_FILE));
        assert_eq!(
            ShardReader::open(dir.path(), shipped_schema())
                .unwrap()
                .count(),
            0
        );
        let missing = ShardReader::open(&dir.path().join("nowhere"), shipped_schema())
            .err()
            .unwrap();
        assert!(missing.to_string().contains("no shard here"), "{missing}");
    }
}
