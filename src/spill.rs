//! Evidence on disk: what lets a corpus of any size be built in memory bounded by its graph.
//!
//! The evidence of a corpus grows with the corpus (one record per supporting sentence and
//! relation), its graph only with what the corpus is about. So while documents are merged,
//! each piece of evidence is appended to a spill file, tagged with its relation group and its
//! document, and memory keeps only the groups and their counts. Once the graph is settled
//! (which group is which edge, in which order the exports list edges and documents), the spill
//! is sorted on disk by a distribution sort: records go to buckets of contiguous edges, each
//! bucket small enough to be sorted in memory, several side by side, and the sorted buckets
//! are written one after the other as the evidence file, every edge's evidence together, in
//! export order, one piece per sentence. Its sentences go the same way to the sentence file,
//! each once, sorted by document and index. Exports read both files as they write.
//!
//! Every file is a sequence of frames: a key (`u32` little-endian), a minor key (`u32`), the
//! length of the body (`u32`) and the body, [postcard]-encoded:
//!
//! | file | key | minor | body |
//! |---|---|---|---|
//! | spill | relation group | document, in merge order | [`EvidenceBody`] |
//! | evidence buckets, evidence file | edge, in export order | document, in id order | [`EvidenceBody`] |
//! | sentence buckets, sentence file | document, in id order | sentence index | [`SentenceBody`] |
//!
//! The files live in a temporary directory (in `TMPDIR`), removed when the graph is dropped.

use std::cmp::Ordering;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tempfile::TempDir;

use crate::edge::{Evidence, Modality};
use crate::error::{Error, Result};
use crate::graph::{DocumentIds, SentenceTexts};

/// The most bytes of spill a bucket is planned to hold (an edge with more evidence than this
/// is a bucket of its own). Buckets are small, so that several are sorted side by side (see
/// [`sort_buckets`]) and each takes the memory of the one before: buckets of 48 MiB each
/// took fresh memory, which the kernel zeroed, a third of the sort's time at 100 MB.
pub(crate) const BUCKET_BYTES: u64 = 4 << 20;
/// The most buckets a sort opens at once: beyond, buckets grow instead.
const MAX_BUCKETS: u64 = 512;
const FRAME_HEADER: usize = 12;

/// The fields of a piece of evidence but its document (the frame's minor key). The sentence
/// comes first: [`SpilledEvidence::for_each_citation`] reads only it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct EvidenceBody<'a> {
    sentence: usize,
    start: usize,
    end: usize,
    trigger_start: usize,
    trigger_end: usize,
    #[serde(borrow)]
    text: TextBytes<'a>,
    trigger: &'a str,
    date: Option<&'a str>,
    modality: Modality,
    caller: Option<&'a str>,
}

impl<'a> EvidenceBody<'a> {
    fn of(e: &'a Evidence) -> Self {
        EvidenceBody {
            sentence: e.sentence,
            start: e.start,
            end: e.end,
            trigger_start: e.trigger_start,
            trigger_end: e.trigger_end,
            text: TextBytes(e.text.as_bytes()),
            trigger: &e.trigger,
            date: e.date.as_deref(),
            modality: e.modality,
            caller: e.caller.as_deref(),
        }
    }

    /// Makes `e` this evidence, in the strings `e` already holds, but for its document (see
    /// [`EvidenceReader::edge`]); its `text` the sentence's if `with_text`, else empty.
    fn assign_to(self, with_text: bool, e: &mut Evidence) -> io::Result<()> {
        fn assign_option(to: &mut Option<String>, s: Option<&str>) {
            match (to.as_mut(), s) {
                (Some(to), Some(s)) => assign(to, s),
                (_, s) => *to = s.map(str::to_owned),
            }
        }
        e.sentence = self.sentence;
        e.start = self.start;
        e.end = self.end;
        e.trigger_start = self.trigger_start;
        e.trigger_end = self.trigger_end;
        if with_text {
            assign(&mut e.text, self.text.to_str()?);
        } else {
            e.text.clear();
        }
        assign(&mut e.trigger, self.trigger);
        assign_option(&mut e.date, self.date);
        e.modality = self.modality;
        assign_option(&mut e.caller, self.caller);
        Ok(())
    }
}

/// Makes `to` a copy of `s`, in the memory `to` already holds.
fn assign(to: &mut String, s: &str) {
    to.clear();
    to.push_str(s);
}

/// The text of a sentence in a frame: the bytes of a `str`, which postcard writes as it writes
/// the `str` (its length, then its bytes). Read back, they are checked as UTF-8 only where the
/// text is wanted: most exports quote no sentence, and the text is most of a frame's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TextBytes<'a>(&'a [u8]);

impl<'a> TextBytes<'a> {
    fn to_str(self) -> io::Result<&'a str> {
        std::str::from_utf8(self.0).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

impl Serialize for TextBytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for TextBytes<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        <&[u8]>::deserialize(deserializer).map(TextBytes)
    }
}

/// A supporting sentence: where it is in its document and what it says.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct SentenceBody<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// A sentence that supports an edge, as [`crate::KnowledgeGraph::sentences`] lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportingSentence {
    pub doc: String,
    /// Index of the sentence in the document, from 0.
    pub index: usize,
    /// Code-point offsets of the sentence in the document (end exclusive).
    pub start: usize,
    pub end: usize,
    pub text: String,
}

fn write_frame<W: Write, T: Serialize>(
    w: &mut W,
    key: u32,
    minor: u32,
    body: &T,
    scratch: &mut Vec<u8>,
) -> io::Result<usize> {
    scratch.clear();
    postcard::to_io(body, &mut *scratch).map_err(io::Error::other)?;
    write_raw_frame(w, key, minor, scratch)
}

/// Writes a frame whose body is already encoded.
fn write_raw_frame<W: Write>(w: &mut W, key: u32, minor: u32, body: &[u8]) -> io::Result<usize> {
    let len = u32::try_from(body.len()).map_err(io::Error::other)?;
    w.write_all(&key.to_le_bytes())?;
    w.write_all(&minor.to_le_bytes())?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(body)?;
    Ok(FRAME_HEADER + body.len())
}

/// A file of frames read a block at a time, each frame decoded where it lies in the block
/// rather than copied out of a reader's buffer first.
struct FrameReader {
    file: File,
    /// What was read of the file and not yet taken, from `at` on: a frame that a read cut off
    /// is completed by the next, the block growing for a frame larger than a read.
    block: Vec<u8>,
    at: usize,
}

impl FrameReader {
    /// The bytes asked of the file at each read.
    const READ: usize = 1 << 16;

    fn open(path: &Path) -> io::Result<Self> {
        Ok(FrameReader {
            file: File::open(path)?,
            block: Vec::with_capacity(2 * Self::READ),
            at: 0,
        })
    }

    /// The next frame, left in place for [`FrameReader::advance`] to take; None at the end of
    /// the file.
    fn peek(&mut self) -> io::Result<Option<(u32, u32, &[u8])>> {
        while frames(&self.block[self.at..]).next().is_none() {
            if !self.read()? {
                if self.at < self.block.len() {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                return Ok(None);
            }
        }
        Ok(frames(&self.block[self.at..]).next())
    }

    /// Takes the frame [`FrameReader::peek`] gave.
    fn advance(&mut self) {
        if let Some((_, _, body)) = frames(&self.block[self.at..]).next() {
            self.at += FRAME_HEADER + body.len();
        }
    }

    /// Appends the next bytes of the file to what is left of the block; false at its end.
    fn read(&mut self) -> io::Result<bool> {
        self.block.drain(..self.at);
        self.at = 0;
        let filled = self.block.len();
        self.block.resize(filled + Self::READ, 0);
        let read = loop {
            match self.file.read(&mut self.block[filled..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                read => break read,
            }
        };
        self.block.truncate(filled + read.as_ref().unwrap_or(&0));
        Ok(read? > 0)
    }
}

/// The frames of a whole buffer (a bucket read at once), borrowing their bodies.
fn frames(bytes: &[u8]) -> impl Iterator<Item = (u32, u32, &[u8])> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.len() < FRAME_HEADER {
            return None;
        }
        let word = |i: usize| u32::from_le_bytes(rest[i..i + 4].try_into().expect("4 bytes"));
        let (key, minor, len) = (word(0), word(4), word(8) as usize);
        let body = rest.get(FRAME_HEADER..FRAME_HEADER + len)?;
        rest = &rest[FRAME_HEADER + len..];
        Some((key, minor, body))
    })
}

fn decode<'a, T: Deserialize<'a>>(body: &'a [u8]) -> io::Result<T> {
    postcard::from_bytes(body).map_err(invalid_data)
}

fn invalid_data(e: postcard::Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

/// The evidence of a merge as it arrives, appended to a file in a temporary directory.
pub(crate) struct EvidenceSpill {
    dir: TempDir,
    path: PathBuf,
    writer: BufWriter<File>,
    scratch: Vec<u8>,
    /// The planned size of a bucket of the sort.
    bucket_bytes: u64,
    /// Bytes of spill of each relation group.
    group_bytes: Vec<u64>,
    /// Bytes of sentence text of each document, in merge order.
    doc_bytes: Vec<u64>,
}

impl EvidenceSpill {
    /// Starts a spill in a new temporary directory of `TMPDIR`, to be sorted in buckets of
    /// about `bucket_bytes` (see [`BUCKET_BYTES`]).
    pub(crate) fn new(bucket_bytes: u64) -> Result<Self> {
        let tmp = std::env::temp_dir();
        let dir = tempfile::Builder::new()
            .prefix("newsgraph-evidence-")
            .tempdir_in(&tmp)
            .map_err(|e| Error::io(&tmp, e))?;
        let path = dir.path().join("spill");
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok(EvidenceSpill {
            dir,
            writer: BufWriter::with_capacity(1 << 16, file),
            path,
            scratch: Vec::new(),
            bucket_bytes,
            group_bytes: Vec::new(),
            doc_bytes: Vec::new(),
        })
    }

    /// Appends a piece of evidence of relation group `group` from document `doc` (documents
    /// are numbered in merge order, groups as they are first seen).
    pub(crate) fn push(&mut self, group: u32, doc: u32, evidence: &Evidence) -> Result<()> {
        let written = write_frame(
            &mut self.writer,
            group,
            doc,
            &EvidenceBody::of(evidence),
            &mut self.scratch,
        )
        .map_err(|e| Error::io(&self.path, e))?;
        let (g, d) = (group as usize, doc as usize);
        if self.group_bytes.len() <= g {
            self.group_bytes.resize(g + 1, 0);
        }
        self.group_bytes[g] += written as u64;
        if self.doc_bytes.len() <= d {
            self.doc_bytes.resize(d + 1, 0);
        }
        self.doc_bytes[d] += (FRAME_HEADER + 16 + evidence.text.len()) as u64;
        Ok(())
    }

    /// Sorts the spill into the evidence and sentence files of a graph.
    ///
    /// `edge_of[group]` is the rank of the group's edge in export order (None: the graph
    /// refused the relation, a self-loop), `callers` the groups whose evidence names a caller
    /// with its id, sorted by group (the ids are known only now: a piece of evidence is
    /// spilled with none), `edges` the number of edges; `rank_of[doc]` the rank of each
    /// document (in merge order) in the graph's documents, in id order.
    pub(crate) fn finish(
        self,
        edge_of: &[Option<u32>],
        callers: &[(u32, String)],
        edges: usize,
        rank_of: &[u32],
    ) -> Result<SpilledEvidence> {
        let EvidenceSpill {
            dir,
            path,
            writer,
            group_bytes,
            doc_bytes,
            bucket_bytes,
            ..
        } = self;
        writer
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        let mut edge_bytes = vec![0u64; edges];
        for (g, bytes) in group_bytes.iter().enumerate() {
            if let Some(Some(e)) = edge_of.get(g) {
                edge_bytes[*e as usize] += bytes;
            }
        }
        let mut rank_bytes = vec![0u64; rank_of.iter().max().map_or(0, |&r| r as usize + 1)];
        for (d, bytes) in doc_bytes.iter().enumerate() {
            rank_bytes[rank_of[d] as usize] += bytes;
        }

        // Spill → evidence buckets (by edge), the document numbered by id, the caller named:
        // the sort then orders and deduplicates the pieces of an edge by the same fields,
        // caller's id included, as the graph does the evidence it holds in memory.
        let mut evidence_buckets = Buckets::new(dir.path(), "evidence", &edge_bytes, bucket_bytes)?;
        let mut spill = FrameReader::open(&path).map_err(|e| Error::io(&path, e))?;
        while let Some((group, doc, body)) = spill.peek().map_err(|e| Error::io(&path, e))? {
            if let Some(Some(edge)) = edge_of.get(group as usize) {
                let doc = rank_of[doc as usize];
                match callers.binary_search_by_key(&group, |c| c.0) {
                    Ok(c) => {
                        let mut evidence: EvidenceBody =
                            decode(body).map_err(|e| Error::io(&path, e))?;
                        evidence.caller = Some(&callers[c].1);
                        evidence_buckets.push(*edge, doc, &evidence)?;
                    }
                    Err(_) => evidence_buckets.push_raw(*edge, doc, body)?,
                }
            }
            spill.advance();
        }
        drop(spill);
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;

        // Each evidence bucket sorted, one piece per sentence, into the evidence file; the
        // sentences cited, in edge order, to sentence buckets (by document).
        let evidence_path = dir.path().join("evidence");
        let mut evidence_file = create(&evidence_path)?;
        let mut weights = vec![0u32; edges];
        let mut sentence_buckets =
            Buckets::new(dir.path(), "sentences", &rank_bytes, bucket_bytes)?;
        sort_buckets(evidence_buckets.finish()?, sort_evidence, |sorted| {
            evidence_file
                .write_all(&sorted.evidence)
                .map_err(|e| Error::io(&evidence_path, e))?;
            for (edge, _, _) in frames(&sorted.evidence) {
                weights[edge as usize] += 1;
            }
            for (doc, index, body) in frames(&sorted.sentences) {
                sentence_buckets.push_raw(doc, index, body)?;
            }
            Ok(())
        })?;
        close(evidence_file, &evidence_path)?;

        // Each sentence bucket sorted by document and index, each sentence once (the first
        // cited in edge order, as the sort is stable), into the sentence file.
        let sentences_path = dir.path().join("sentences");
        let mut sentence_file = create(&sentences_path)?;
        sort_buckets(sentence_buckets.finish()?, sort_sentences, |sorted| {
            sentence_file
                .write_all(&sorted)
                .map_err(|e| Error::io(&sentences_path, e))
        })?;
        close(sentence_file, &sentences_path)?;

        Ok(SpilledEvidence {
            evidence: evidence_path,
            sentences: sentences_path,
            weights,
            _dir: dir,
        })
    }
}

/// Sorts `buckets` with `sort`, several side by side on the thread pool, and hands each
/// sorted bucket to `write` in the buckets' order; each bucket's file is removed once sorted.
/// Buckets are small (see [`BUCKET_BYTES`]): as many in memory at once as two per thread.
fn sort_buckets<T: Send>(
    buckets: Vec<Bucket>,
    sort: impl Fn(&[u8]) -> io::Result<T> + Sync,
    mut write: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let at_once = 2 * rayon::current_num_threads();
    for batch in buckets.chunks(at_once) {
        let sorted: Vec<Result<T>> = batch
            .par_iter()
            .map(|bucket| {
                let bytes = bucket.read()?;
                let sorted = sort(&bytes).map_err(|e| Error::io(&bucket.path, e))?;
                bucket.remove()?;
                Ok(sorted)
            })
            .collect();
        for sorted in sorted {
            write(sorted?)?;
        }
    }
    Ok(())
}

/// An evidence bucket sorted: its frames for the evidence file, and a frame for the sentence
/// of each, for the sentence buckets.
struct SortedEvidence {
    evidence: Vec<u8>,
    sentences: Vec<u8>,
}

/// Sorts the frames of an evidence bucket by edge, document and body, keeping one piece per
/// sentence (the first of the sentence in that order, as the graph does in memory).
fn sort_evidence(bucket: &[u8]) -> io::Result<SortedEvidence> {
    // Each record keeps its encoded body, which goes to the evidence file as it is.
    let mut records = frames(bucket)
        .map(|(edge, doc, raw)| Ok((edge, doc, decode::<EvidenceBody>(raw)?, raw)))
        .collect::<io::Result<Vec<_>>>()?;
    records.sort_unstable_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    records.dedup_by(|later, first| {
        (later.0, later.1, later.2.sentence) == (first.0, first.1, first.2.sentence)
    });
    let mut sorted = SortedEvidence {
        evidence: Vec::with_capacity(bucket.len()),
        sentences: Vec::new(),
    };
    let mut scratch = Vec::new();
    for (edge, doc, body, raw) in &records {
        write_raw_frame(&mut sorted.evidence, *edge, *doc, raw)?;
        let sentence = SentenceBody {
            start: body.start,
            end: body.end,
            text: body.text.to_str()?,
        };
        let index = u32::try_from(body.sentence).map_err(io::Error::other)?;
        write_frame(&mut sorted.sentences, *doc, index, &sentence, &mut scratch)?;
    }
    Ok(sorted)
}

/// Sorts the frames of a sentence bucket by document and index, keeping the first frame of
/// each sentence.
fn sort_sentences(bucket: &[u8]) -> io::Result<Vec<u8>> {
    let mut records: Vec<(u32, u32, &[u8])> = frames(bucket).collect();
    records.sort_by_key(|&(doc, index, _)| (doc, index));
    records.dedup_by_key(|&mut (doc, index, _)| (doc, index));
    let mut sorted = Vec::with_capacity(bucket.len());
    for (doc, index, body) in records {
        write_raw_frame(&mut sorted, doc, index, body)?;
    }
    Ok(sorted)
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    let file = File::create(path).map_err(|e| Error::io(path, e))?;
    Ok(BufWriter::with_capacity(1 << 16, file))
}

fn close(writer: BufWriter<File>, path: &Path) -> Result<()> {
    writer
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
    Ok(())
}

/// The buckets of a distribution sort: keys cut into contiguous ranges of about
/// [`BUCKET_BYTES`] each, from the bytes planned for each key.
struct Buckets {
    /// The first key after each bucket's range.
    ends: Vec<u32>,
    files: Vec<(PathBuf, BufWriter<File>)>,
    scratch: Vec<u8>,
}

impl Buckets {
    fn new(dir: &Path, name: &str, key_bytes: &[u64], bucket_bytes: u64) -> Result<Self> {
        let total: u64 = key_bytes.iter().sum();
        let budget = bucket_bytes.max(total / MAX_BUCKETS + 1);
        let mut ends = Vec::new();
        let mut filled = 0;
        for (key, &bytes) in key_bytes.iter().enumerate() {
            if filled > 0 && filled + bytes > budget {
                ends.push(key as u32);
                filled = 0;
            }
            filled += bytes;
        }
        ends.push(u32::try_from(key_bytes.len()).unwrap_or(u32::MAX));
        let files = (0..ends.len())
            .map(|i| {
                let path = dir.join(format!("{name}-{i}"));
                Ok((path.clone(), create(&path)?))
            })
            .collect::<Result<_>>()?;
        Ok(Buckets {
            ends,
            files,
            scratch: Vec::new(),
        })
    }

    fn bucket(&mut self, key: u32) -> &mut (PathBuf, BufWriter<File>) {
        let i = self.ends.partition_point(|&end| end <= key);
        &mut self.files[i.min(self.ends.len() - 1)]
    }

    fn push<T: Serialize>(&mut self, key: u32, minor: u32, body: &T) -> Result<()> {
        let mut scratch = std::mem::take(&mut self.scratch);
        let (path, file) = self.bucket(key);
        let written = write_frame(file, key, minor, body, &mut scratch);
        let result = written.map(drop).map_err(|e| Error::io(&*path, e));
        self.scratch = scratch;
        result
    }

    /// Appends a frame whose body is already encoded.
    fn push_raw(&mut self, key: u32, minor: u32, body: &[u8]) -> Result<()> {
        let (path, file) = self.bucket(key);
        write_raw_frame(file, key, minor, body)
            .map(drop)
            .map_err(|e| Error::io(&*path, e))
    }

    /// The buckets, complete, in key order.
    fn finish(self) -> Result<Vec<Bucket>> {
        self.files
            .into_iter()
            .map(|(path, file)| {
                close(file, &path)?;
                Ok(Bucket { path })
            })
            .collect()
    }
}

/// A complete bucket file.
struct Bucket {
    path: PathBuf,
}

impl Bucket {
    fn read(&self) -> Result<Vec<u8>> {
        fs::read(&self.path).map_err(|e| Error::io(&self.path, e))
    }

    fn remove(&self) -> Result<()> {
        fs::remove_file(&self.path).map_err(|e| Error::io(&self.path, e))
    }
}

/// The evidence of a graph on disk: the evidence file (every edge's evidence, in export order)
/// and the sentence file, in their temporary directory.
#[derive(Debug)]
pub(crate) struct SpilledEvidence {
    evidence: PathBuf,
    sentences: PathBuf,
    /// The number of pieces of evidence of each edge, in export order.
    weights: Vec<u32>,
    _dir: TempDir,
}

impl SpilledEvidence {
    /// The number of pieces of evidence of the edge of rank `edge`.
    pub(crate) fn weight(&self, edge: u32) -> usize {
        self.weights.get(edge as usize).map_or(0, |&w| w as usize)
    }

    /// A reader of the evidence file, edge by edge, with the sentences' text that `texts` asks
    /// for; `documents` are the graph's (evidence names its document by its rank).
    pub(crate) fn evidence<'d>(
        &self,
        documents: &'d DocumentIds,
        texts: SentenceTexts,
    ) -> io::Result<EvidenceReader<'d>> {
        Ok(EvidenceReader {
            frames: FrameReader::open(&self.evidence)?,
            documents,
            texts,
            spare: Vec::new(),
            docs: Vec::new(),
        })
    }

    /// The document and sentence of each edge's first `limit` pieces of evidence, in export
    /// order, handed to `f` (`documents` as for [`SpilledEvidence::evidence`]): of each piece,
    /// only its frame's document and the first field of its body are read.
    pub(crate) fn for_each_citation(
        &self,
        documents: &DocumentIds,
        limit: usize,
        mut f: impl FnMut(&str, usize),
    ) -> io::Result<()> {
        let mut frames = FrameReader::open(&self.evidence)?;
        let (mut edge, mut taken) = (None, 0);
        while let Some((key, doc, body)) = frames.peek()? {
            if edge != Some(key) {
                (edge, taken) = (Some(key), 0);
            }
            if taken < limit {
                let (sentence, _) =
                    postcard::take_from_bytes::<usize>(body).map_err(invalid_data)?;
                f(documents.get(doc as usize), sentence);
                taken += 1;
            }
            frames.advance();
        }
        Ok(())
    }

    /// The supporting sentences, by document id and index (`documents` as for
    /// [`SpilledEvidence::evidence`]).
    pub(crate) fn sentences<'d>(
        &self,
        documents: &'d DocumentIds,
    ) -> io::Result<impl Iterator<Item = io::Result<SupportingSentence>> + 'd> {
        let mut frames = FrameReader::open(&self.sentences)?;
        Ok(std::iter::from_fn(move || {
            let (doc, index, body) = match frames.peek() {
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
                Ok(Some(frame)) => frame,
            };
            let sentence = decode::<SentenceBody>(body).map(|s| SupportingSentence {
                doc: documents.get(doc as usize).to_owned(),
                index: index as usize,
                start: s.start,
                end: s.end,
                text: s.text.to_owned(),
            });
            frames.advance();
            Some(sentence)
        }))
    }
}

/// Reads the evidence file one edge at a time, in export order.
pub(crate) struct EvidenceReader<'d> {
    frames: FrameReader,
    documents: &'d DocumentIds,
    texts: SentenceTexts,
    /// Pieces an edge had beyond the weight of the edge read after it, kept with their
    /// strings for the next edges.
    spare: Vec<Evidence>,
    /// The documents (ranks) of the pieces of the edge being read.
    docs: Vec<u32>,
}

impl EvidenceReader<'_> {
    /// Reads the evidence of the edge of rank `edge` into `evidence`, reusing the pieces it
    /// holds (and their strings); edges must be asked for in order.
    pub(crate) fn edge(&mut self, edge: u32, evidence: &mut Vec<Evidence>) -> io::Result<()> {
        let mut read = 0;
        self.docs.clear();
        while let Some((key, doc, body)) = self.frames.peek()? {
            match key.cmp(&edge) {
                Ordering::Less => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "evidence file out of order",
                    ))
                }
                Ordering::Greater => break,
                Ordering::Equal => {}
            }
            let body: EvidenceBody = decode(body)?;
            if read == evidence.len() {
                evidence.push(self.spare.pop().unwrap_or_default());
            }
            body.assign_to(self.texts.includes(read), &mut evidence[read])?;
            self.docs.push(doc);
            read += 1;
            self.frames.advance();
        }
        // The ids of the documents, after the pieces: an edge's documents lie far apart in
        // memory, each id a likely miss of the cache (looking them up was over a third of
        // the time spent reading evidence at 100 MB, perf), and looked up in a loop of their
        // own the misses are waited for together, not one after each piece's decoding.
        for (e, &doc) in evidence.iter_mut().zip(&self.docs) {
            assign(&mut e.doc, self.documents.get(doc as usize));
        }
        self.spare.extend(evidence.drain(read..));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::DocumentMeta;

    /// Each edge reads back its evidence, in document then sentence order, through reads of
    /// many buffers' worth, whatever the size of a piece (one here is larger than the
    /// reader's buffer), with the pieces of the vector it is read into reused or dropped.
    #[test]
    fn evidence_reads_back_by_edge_across_refills() {
        let documents = DocumentIds::new(&["a", "b"].map(DocumentMeta::untitled));
        let piece = |doc: &str, sentence: usize, text: String| Evidence {
            sentence,
            text,
            ..Evidence::placeholder(doc, Some("2024-05-01"))
        };
        let mut spill = EvidenceSpill::new(BUCKET_BYTES).unwrap();
        // Documents in merge order: "b" (rank 1), then "a" (rank 0); group 0 is edge 1.
        let large = piece("b", 7, "x".repeat(100_000));
        spill.push(0, 0, &large).unwrap();
        let small: Vec<Evidence> = (0..3000)
            .map(|i| piece("a", i, format!("sentence {i}")))
            .collect();
        for e in small.iter().rev() {
            spill.push(1, 1, e).unwrap();
        }
        let spilled = spill.finish(&[Some(1), Some(0)], &[], 2, &[1, 0]).unwrap();

        let mut reader = spilled.evidence(&documents, SentenceTexts::All).unwrap();
        let mut evidence = vec![piece("z", 0, "left over".into()); 5000];
        reader.edge(0, &mut evidence).unwrap();
        assert!(evidence == small, "{} pieces", evidence.len());
        reader.edge(1, &mut evidence).unwrap();
        assert_eq!(evidence, [large]);
        reader.edge(2, &mut evidence).unwrap();
        assert!(evidence.is_empty());
    }

    /// A reader reads the text of the pieces its [`SentenceTexts`] asks for, and leaves the
    /// others' empty whatever the pieces it reuses held; it reads every other field of each.
    #[test]
    fn citations_are_the_first_pieces_of_each_edge() {
        let documents = DocumentIds::new(&["a", "b"].map(DocumentMeta::untitled));
        let mut spill = EvidenceSpill::new(BUCKET_BYTES).unwrap();
        for (group, doc, sentence) in [(0, 1, 300), (0, 0, 700), (0, 0, 2), (1, 1, 5)] {
            let piece = Evidence {
                sentence,
                ..Evidence::placeholder(["a", "b"][doc as usize], None)
            };
            spill.push(group, doc, &piece).unwrap();
        }
        let spilled = spill.finish(&[Some(1), Some(0)], &[], 2, &[0, 1]).unwrap();
        let mut cited = Vec::new();
        spilled
            .for_each_citation(&documents, 2, |doc, sentence| {
                cited.push(format!("{doc}/{sentence}"))
            })
            .unwrap();
        assert_eq!(cited, ["b/5", "a/2", "a/700"]);
    }

    #[test]
    fn evidence_reads_the_sentence_texts_asked_for() {
        let documents = DocumentIds::new(&[DocumentMeta::untitled("a")]);
        let pieces: Vec<Evidence> = (0..3)
            .map(|i| Evidence {
                sentence: i,
                text: format!("sentence {i}"),
                caller: Some("caller".into()),
                ..Evidence::placeholder("a", Some("2024-05-01"))
            })
            .collect();
        let mut spill = EvidenceSpill::new(BUCKET_BYTES).unwrap();
        for e in &pieces {
            spill.push(0, 0, e).unwrap();
        }
        let spilled = spill.finish(&[Some(0)], &[], 1, &[0]).unwrap();
        for (texts, quoted) in [
            (SentenceTexts::Skipped, 0),
            (SentenceTexts::First(2), 2),
            (SentenceTexts::All, 3),
        ] {
            let mut reader = spilled.evidence(&documents, texts).unwrap();
            let mut evidence = vec![Evidence::placeholder("z", None); 2];
            reader.edge(0, &mut evidence).unwrap();
            let expected: Vec<Evidence> = pieces
                .iter()
                .enumerate()
                .map(|(i, e)| Evidence {
                    text: if i < quoted {
                        e.text.clone()
                    } else {
                        String::new()
                    },
                    ..e.clone()
                })
                .collect();
            assert_eq!(evidence, expected, "{texts:?}");
        }
    }

    /// The pieces of a group whose subject placed the call name it on disk, whatever they
    /// were spilled with; two pieces of one sentence that differ only by their caller (two
    /// groups of one edge) leave the piece the graph keeps of them in memory: the caller's
    /// id, not the group's number, decides.
    #[test]
    fn callers_are_named_by_group_and_deduplicated_as_in_memory() {
        let documents = DocumentIds::new(&[DocumentMeta::untitled("a")]);
        let piece = |sentence: usize| Evidence {
            sentence,
            ..Evidence::placeholder("a", None)
        };
        let mut spill = EvidenceSpill::new(BUCKET_BYTES).unwrap();
        for group in [0, 1, 2] {
            spill.push(group, 0, &piece(0)).unwrap();
        }
        spill.push(2, 0, &piece(1)).unwrap();
        let callers = [(0, "zeta".to_string()), (1, "alpha".to_string())];
        let spilled = spill
            .finish(&[Some(0), Some(0), Some(1)], &callers, 2, &[0])
            .unwrap();
        let mut reader = spilled.evidence(&documents, SentenceTexts::All).unwrap();
        let mut read = Vec::new();
        reader.edge(0, &mut read).unwrap();
        let named = |caller: &str| Evidence {
            caller: Some(caller.into()),
            ..piece(0)
        };
        let mut in_memory = crate::graph::GraphBuilder::new();
        for id in ["alpha", "zeta"] {
            in_memory.add_entity(crate::entity::Entity::new(
                id,
                crate::entity::EntityType::State,
            ));
        }
        let kind = crate::schema::tests::shipped_schema()
            .relation("called")
            .unwrap();
        in_memory.add_evidence(
            "zeta",
            kind,
            "alpha",
            vec![named("zeta"), named("alpha")],
            None,
        );
        let graph = in_memory.finish();
        let kept = &graph.edges().next().unwrap().relation.evidence;
        assert_eq!(read, *kept);
        assert_eq!(read, [named("alpha")]);
        reader.edge(1, &mut read).unwrap();
        assert_eq!(
            read,
            [piece(0), piece(1)],
            "a group with no caller names none"
        );
    }

    /// Buckets sorted side by side reach the writer in their order, more of them than are
    /// sorted at once, and their files are removed.
    #[test]
    fn buckets_are_written_in_order_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let count = 4 * rayon::current_num_threads() + 1;
        let keys: Vec<u64> = (0..count as u64).map(|k| 10 + k % 3).collect();
        let mut buckets = Buckets::new(dir.path(), "test", &keys, 1).unwrap();
        for key in (0..count as u32).rev() {
            buckets.push_raw(key, 0, &key.to_le_bytes()).unwrap();
        }
        let mut written = Vec::new();
        sort_buckets(
            buckets.finish().unwrap(),
            |bytes| Ok(frames(bytes).map(|(key, _, _)| key).collect::<Vec<_>>()),
            |keys| {
                written.extend(keys);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(written, (0..count as u32).collect::<Vec<_>>());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "files left");
    }

    /// A file whose last frame is cut short is an error, not an end.
    #[test]
    fn a_frame_cut_short_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("frames");
        let mut bytes = Vec::new();
        for body in [&b"whole"[..], b"cut short"] {
            write_raw_frame(&mut bytes, 1, 2, body).unwrap();
        }
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        let mut frames = FrameReader::open(&path).unwrap();
        assert_eq!(frames.peek().unwrap(), Some((1, 2, &b"whole"[..])));
        frames.advance();
        let error = frames.peek().unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }
}
