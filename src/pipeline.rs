//! The whole pipeline: documents in, one knowledge graph out. Documents are extracted in
//! parallel and merged in document order, so the graph is the same whatever the thread count.

use std::collections::BTreeSet;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::edge::{Evidence, RelationKind};
use crate::entity::{slug, Entity, EntityType};
use crate::error::Result;
use crate::graph::{DocumentMeta, GraphBuilder, KnowledgeGraph};
use crate::ingest::{inputs, Article, Document, Input, Source, Warning};
use crate::mentions::Recognizer;
use crate::relations::{extract, LocalRelation};
use crate::resolve::{person_keys, resolve, same_person, Affiliation, Certainty, LocalEntity};
use crate::schema::Schema;
use crate::spill::{EvidenceSpill, BUCKET_BYTES};

/// What one document contributes to the graph: all that [`Merger`] needs of it, which is
/// also what a shard keeps of each document (see [`crate::shard`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Extraction {
    pub meta: DocumentMeta,
    pub entities: Vec<LocalEntity>,
    pub relations: Vec<LocalRelation>,
}

/// The extraction pipeline, built once from a schema and reused for every document.
pub struct Pipeline<'s> {
    recognizer: Recognizer<'s>,
}

impl<'s> Pipeline<'s> {
    pub fn new(schema: &'s Schema) -> Self {
        Pipeline {
            recognizer: Recognizer::new(schema),
        }
    }

    pub fn schema(&self) -> &Schema {
        self.recognizer.schema
    }

    /// Runs every stage but the graph on one document.
    ///
    /// A document longer than [`PART_BYTES`] (a scrape gone wrong, a whole feed in one file)
    /// is read in parts cut at line or sentence ends, one after the other, so memory stays
    /// bounded by the part, not the file; names and references resolve within a part.
    pub fn extract(&self, id: &str, text: &str) -> Extraction {
        self.extract_article(&Article::text(id, text))
    }

    /// [`Pipeline::extract`] of an article whose record gives its title, publication date or
    /// address: these come before what the text is read to say.
    pub fn extract_article(&self, article: &Article) -> Extraction {
        self.extract_in_parts(article, PART_BYTES)
    }

    fn extract_in_parts(&self, article: &Article, part_bytes: usize) -> Extraction {
        let parts = split_parts(&article.text, part_bytes);
        // Parts are extracted side by side and joined in order; a part's offsets are shifted
        // by the code points and sentences of the parts before it.
        let mut extracted = parts
            .par_iter()
            .map(|part| self.extract_part(article, part))
            .collect::<Vec<_>>()
            .into_iter();
        // The first part's metadata (title, date) is the document's.
        let (mut whole, mut sentences) = extracted
            .next()
            .expect("split_parts gives one part at least");
        let mut chars = 0;
        for ((x, n), before) in extracted.zip(&parts) {
            chars += before.chars().count();
            let base = whole.entities.len();
            whole.entities.extend(x.entities.into_iter().map(|mut e| {
                if let Some(a) = &mut e.affiliation {
                    a.entity += base;
                }
                e
            }));
            whole.relations.extend(x.relations.into_iter().map(|mut r| {
                r.subject += base;
                r.object += base;
                let e = &mut r.evidence;
                e.sentence += sentences;
                e.start += chars;
                e.end += chars;
                e.trigger_start += chars;
                e.trigger_end += chars;
                r
            }));
            sentences += n;
        }
        whole
    }

    /// One part's extraction and its sentence count.
    fn extract_part(&self, article: &Article, text: &str) -> (Extraction, usize) {
        let schema = self.recognizer.schema;
        let mut doc = Document::new(&article.id, text, schema);
        if article.title.is_some() {
            doc.title.clone_from(&article.title);
        }
        doc.published = article.published.or(doc.published);
        doc.url.clone_from(&article.url);
        let meta = DocumentMeta {
            id: doc.id.clone(),
            title: doc.title.clone(),
            published: doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
            url: doc.url.clone(),
        };
        let analyzed = self.recognizer.analyze(doc);
        let sentences = analyzed.sentences.len();
        let resolved = resolve(analyzed, schema);
        let relations = extract(&resolved, schema);
        let extraction = Extraction {
            meta,
            entities: resolved.entities,
            relations,
        };
        (extraction, sentences)
    }

    /// Extracts documents in parallel; the result is in input order.
    pub fn extract_all(&self, docs: &[(String, String)]) -> Vec<Extraction> {
        docs.par_iter()
            .map(|(id, text)| self.extract(id, text))
            .collect()
    }

    /// Builds the graph of a corpus held in memory: (document id, text) pairs. The graph
    /// holds its evidence in memory.
    pub fn build(&self, docs: &[(String, String)]) -> KnowledgeGraph {
        let mut merger = self.merger();
        for extraction in self.extract_all(docs) {
            merger
                .add(extraction)
                .expect("a merger that holds its evidence in memory does no I/O");
        }
        merger
            .finish()
            .expect("a merger that holds its evidence in memory does no I/O")
    }

    /// A merger of this pipeline's extractions (or of a shard's, see [`crate::shard`]) that
    /// holds their evidence in memory.
    pub fn merger(&self) -> Merger<'_> {
        Merger::new(self.recognizer.schema, &self.recognizer.gazetteer)
    }

    /// A merger that writes the evidence to disk as it comes (in a temporary directory of
    /// `TMPDIR`), so that its memory is bounded by the graph, not the corpus; the graph it
    /// builds reads the evidence from there ([`KnowledgeGraph::read_edges`]).
    pub fn spilling_merger(&self) -> Result<Merger<'_>> {
        self.merger_sorting_in(BUCKET_BYTES)
    }

    /// A spilling merger whose evidence is sorted in buckets of about `bucket_bytes`.
    fn merger_sorting_in(&self, bucket_bytes: u64) -> Result<Merger<'_>> {
        let mut merger = self.merger();
        merger.evidence = GroupEvidence::Disk(EvidenceSpill::new(bucket_bytes)?);
        Ok(merger)
    }

    /// Reads and extracts the documents of `sources` in batches (see [`inputs`]), each batch
    /// in parallel, and hands the extractions to `sink` in input order, so only two batches
    /// of text and extractions are in memory at a time: `sink` takes one batch while the next
    /// is extracted, which keeps both cores busy while the graph grows. `progress`, if any,
    /// is told the bytes of each input done: without, the size of a file costs no system call.
    /// Returns the number of documents.
    pub fn extract_streaming(
        &self,
        sources: &[Source],
        warnings: &mut Vec<Warning>,
        progress: Option<&(dyn Fn(u64) + Sync)>,
        sink: &mut (dyn FnMut(Extraction) -> Result<()> + Send),
    ) -> Result<usize> {
        // At most this many inputs, and this many bytes of records, in a batch.
        const BATCH: usize = 256;
        const BATCH_RECORD_BYTES: u64 = 64 << 20;
        let mut documents = 0;
        let mut inputs = inputs(sources).peekable();
        let mut extracted: Vec<BatchResult> = Vec::new();
        loop {
            let mut batch = Vec::new();
            let mut record_bytes = 0;
            while batch.len() < BATCH && record_bytes < BATCH_RECORD_BYTES {
                let Some(input) = inputs.next() else { break };
                let input = input?;
                if matches!(input, Input::Record { .. }) {
                    record_bytes += input.len();
                }
                batch.push(input);
            }
            if batch.is_empty() && extracted.is_empty() {
                return Ok(documents);
            }
            let previous = std::mem::take(&mut extracted);
            let (handed, next) = rayon::join(
                || -> Result<usize> {
                    let mut handed = 0;
                    for (result, w) in previous {
                        warnings.extend(w);
                        for x in result? {
                            handed += 1;
                            sink(x)?;
                        }
                    }
                    Ok(handed)
                },
                || self.extract_batch(batch, progress),
            );
            documents += handed?;
            extracted = next;
        }
    }

    /// Reads and extracts a batch of inputs in parallel; the results in input order.
    fn extract_batch(
        &self,
        batch: Vec<Input<'_>>,
        progress: Option<&(dyn Fn(u64) + Sync)>,
    ) -> Vec<BatchResult> {
        batch
            .into_par_iter()
            .map(|input| {
                let mut w = Vec::new();
                // A file's size is a system call of its own: asked only for someone watching.
                let told = progress.map(|progress| (progress, input.len()));
                let done = input
                    .articles(&self.schema().calendar, &mut w)
                    .map(|articles| {
                        let x = articles.iter().map(|a| self.extract_article(a)).collect();
                        if let Some((progress, bytes)) = told {
                            progress(bytes);
                        }
                        x
                    });
                (done, w)
            })
            .collect()
    }

    /// Builds the graph of a corpus read from `sources` (see
    /// [`Pipeline::extract_streaming`]), its evidence on disk (see
    /// [`Pipeline::spilling_merger`]); returns it with the number of documents.
    pub fn build_streaming(
        &self,
        sources: &[Source],
        warnings: &mut Vec<Warning>,
        progress: Option<&(dyn Fn(u64) + Sync)>,
    ) -> Result<(KnowledgeGraph, usize)> {
        let mut merger = self.spilling_merger()?;
        let documents =
            self.extract_streaming(sources, warnings, progress, &mut |x| merger.add(x))?;
        Ok((merger.finish()?, documents))
    }
}

/// The extractions of one input of a batch, or why it could not be read, with its warnings.
type BatchResult = (Result<Vec<Extraction>>, Vec<Warning>);

/// The longest part of a document read at once (see [`Pipeline::extract`]).
pub const PART_BYTES: usize = 1 << 20;

/// Cuts `text` into parts of about `part_bytes`: each ends at the first line end after that
/// length, else (one huge line) at the first sentence end, else at a space, else anywhere on a
/// character boundary.
fn split_parts(text: &str, part_bytes: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while rest.len() > part_bytes {
        let boundary = |mut i: usize| {
            while !rest.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let at = boundary(part_bytes);
        let window = &rest[at..boundary((at + part_bytes).min(rest.len()))];
        let cut = window
            .find('\n')
            .map(|i| i + 1)
            .or_else(|| window.find(". ").map(|i| i + 2))
            .or_else(|| window.find(' ').map(|i| i + 1))
            .unwrap_or(0);
        let (part, tail) = rest.split_at(at + cut);
        parts.push(part);
        rest = tail;
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest);
    }
    parts
}

/// An entity of the whole corpus while documents are being merged. One that no document
/// mentions (only affiliations name it) is no node of the graph.
struct GlobalEntity {
    entity_type: EntityType,
    labels: Vec<String>,
    aliases: std::collections::BTreeSet<String>,
    mentions: u64,
    /// The surest of its documents' affiliations, as an index into the merger's entities.
    affiliation: Option<Affiliation>,
}

/// Merges document extractions, in order, into one graph.
pub struct Merger<'a> {
    schema: &'a Schema,
    gazetteer: &'a crate::gazetteer::Gazetteer,
    entities: Vec<GlobalEntity>,
    /// The entities by type and label. This map and the next three are looked up, never
    /// iterated: their order (and the speed of their hash) decides nothing of the graph.
    by_key: FxHashMap<(EntityType, String), usize>,
    /// Officials by the [`person_keys`] of each of their labels, so that finding a person seen
    /// before costs the same in the millionth document as in the first.
    people: FxHashMap<String, Vec<usize>>,
    /// Places and groups by type and [`Spelling::skeleton`](crate::spelling::Spelling::skeleton).
    spellings: FxHashMap<(EntityType, String), usize>,
    /// The corpus's relations, grouped by all that decides their edge, each group numbered
    /// in order of first appearance.
    groups: FxHashMap<RelationGroup, u32>,
    /// Each group and its first role, with that relation's rank in the corpus (the graph
    /// keeps the first role of an edge).
    group_roles: Vec<(RelationGroup, Option<(usize, String)>)>,
    /// The evidence of each group.
    evidence: GroupEvidence,
    /// Relations merged so far: the rank of the next one.
    relations_seen: usize,
    documents: Vec<DocumentMeta>,
    /// Whether [`Merger::finish`] starts the layout of the graph (see [`Merger::drawing`]).
    drawing: bool,
}

/// What decides the edge of a relation and its evidence: its entities as global indices,
/// its kind, its subject's certainty of affiliation in its document, whether it names an
/// office, whether its subject placed the call (its evidence then names the subject's id as
/// the caller, whichever way the edge of the symmetric relation goes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RelationGroup {
    subject: usize,
    kind: RelationKind,
    object: usize,
    certainty: Option<Certainty>,
    office: bool,
    subject_is_caller: bool,
}

/// Where the evidence of the groups is kept while documents are merged.
enum GroupEvidence {
    /// One vector per group (rather than one record per relation, which held every piece
    /// of evidence twice over while the graph was built).
    Memory(Vec<Vec<Evidence>>),
    /// On disk, tagged with its group and document; memory holds neither.
    Disk(EvidenceSpill),
}

impl<'a> Merger<'a> {
    pub(crate) fn new(schema: &'a Schema, gazetteer: &'a crate::gazetteer::Gazetteer) -> Self {
        Merger {
            schema,
            gazetteer,
            entities: Vec::new(),
            by_key: FxHashMap::default(),
            people: FxHashMap::default(),
            spellings: FxHashMap::default(),
            groups: FxHashMap::default(),
            group_roles: Vec::new(),
            evidence: GroupEvidence::Memory(Vec::new()),
            relations_seen: 0,
            documents: Vec::new(),
            drawing: false,
        }
    }

    /// Has [`Merger::finish`] start the layout of a graph that is to be drawn (GEXF, the
    /// explorer page) as soon as its entities and edges are known: it then runs beside the
    /// sort of the evidence on disk, which it does not need.
    pub fn drawing(mut self) -> Self {
        self.drawing = true;
        self
    }

    /// The corpus's entity for a document's entity `e`, whose affiliation, if any, is
    /// `affiliation` (already an entity of the corpus).
    fn global(&mut self, e: &LocalEntity, affiliation: Option<Affiliation>) -> usize {
        let key = (e.entity_type, e.label.clone());
        if let Some(&g) = self.by_key.get(&key) {
            return g;
        }
        // Places and groups spelt two ways ("Hodeidah", "Hudaida") are one where their
        // skeletons agree and their states do not differ.
        let spelling = matches!(e.entity_type, EntityType::Place | EntityType::Group)
            .then(|| (e.entity_type, self.schema.spelling.skeleton(&e.label)));
        let found = if let Some(k) = &spelling {
            self.spellings
                .get(k)
                .copied()
                .filter(|&g| !conflicting(self.entities[g].affiliation, affiliation))
        } else if e.entity_type == EntityType::Official {
            let candidates: BTreeSet<usize> = person_keys(&e.label, &self.schema.spelling)
                .iter()
                .filter_map(|k| self.people.get(k))
                .flatten()
                .copied()
                .collect();
            candidates.into_iter().find(|&c| {
                let g = &self.entities[c];
                g.labels
                    .iter()
                    .any(|l| same_person(l, &e.label, &self.schema.spelling))
                    && !conflicting(g.affiliation, affiliation)
            })
        } else {
            None
        };
        let g = found.unwrap_or_else(|| {
            self.entities.push(GlobalEntity {
                entity_type: e.entity_type,
                labels: Vec::new(),
                aliases: Default::default(),
                mentions: 0,
                affiliation: None,
            });
            self.entities.len() - 1
        });
        self.by_key.insert(key, g);
        if let Some(k) = spelling {
            self.spellings.entry(k).or_insert(g);
        }
        g
    }

    /// Merges the next document's extraction (errors come from writing evidence to disk).
    pub fn add(&mut self, x: Extraction) -> Result<()> {
        // An entity's affiliate is merged first: an official or a place is told apart from a
        // namesake by whom it serves or where it lies. An affiliate has no affiliation itself.
        let mut map: Vec<Option<usize>> = vec![None; x.entities.len()];
        let mut affiliations = Vec::with_capacity(x.entities.len());
        for (i, e) in x.entities.iter().enumerate() {
            let affiliation = e.affiliation.map(|a| Affiliation {
                entity: *map[a.entity]
                    .get_or_insert_with(|| self.global(&x.entities[a.entity], None)),
                certainty: a.certainty,
            });
            if map[i].is_none() {
                map[i] = Some(self.global(e, affiliation));
            }
            affiliations.push(affiliation);
        }
        let map: Vec<usize> = map.into_iter().map(|g| g.expect("mapped")).collect();
        for ((e, &g), affiliation) in x.entities.iter().zip(&map).zip(affiliations) {
            let ge = &mut self.entities[g];
            if !ge.labels.contains(&e.label) {
                ge.labels.push(e.label.clone());
                if e.entity_type == EntityType::Official {
                    for key in person_keys(&e.label, &self.schema.spelling) {
                        let list = self.people.entry(key).or_default();
                        if !list.contains(&g) {
                            list.push(g);
                        }
                    }
                }
            }
            ge.aliases.extend(e.aliases.iter().cloned());
            ge.mentions += e.mentions;
            if ge.affiliation.map(|a| a.certainty) < affiliation.map(|a| a.certainty) {
                ge.affiliation = affiliation;
            }
        }
        for r in x.relations {
            let group = RelationGroup {
                subject: map[r.subject],
                kind: r.kind,
                object: map[r.object],
                certainty: x.entities[r.subject].affiliation.map(|a| a.certainty),
                office: r.role.is_some(),
                subject_is_caller: r.subject_is_caller,
            };
            let next = self.group_roles.len() as u32;
            let id = *self.groups.entry(group.clone()).or_insert(next);
            if id == next {
                self.group_roles.push((group, None));
            }
            let role = &mut self.group_roles[id as usize].1;
            if let (None, Some(r)) = (&role, r.role) {
                *role = Some((self.relations_seen, r));
            }
            self.relations_seen += 1;
            match &mut self.evidence {
                GroupEvidence::Memory(groups) => {
                    if groups.len() <= id as usize {
                        groups.resize_with(id as usize + 1, Vec::new);
                    }
                    groups[id as usize].push(r.evidence);
                }
                GroupEvidence::Disk(spill) => {
                    spill.push(id, self.documents.len() as u32, &r.evidence)?;
                }
            }
        }
        self.documents.push(x.meta);
        Ok(())
    }

    /// The graph of the documents merged (errors come from sorting evidence on disk).
    pub fn finish(self) -> Result<KnowledgeGraph> {
        // What only merging needed goes first: the graph and the sort of the evidence on disk
        // are the peak of memory.
        let Merger {
            schema,
            gazetteer,
            entities,
            group_roles,
            evidence,
            documents,
            drawing,
            ..
        } = self;
        let mut graph = GraphBuilder::with_vocabulary(schema.relations.clone());
        // Each document's rank in id order (documents that share an id share a rank, as in
        // the graph they share a record): the evidence on disk names its document by it.
        let doc_ranks: Vec<u32> = match evidence {
            GroupEvidence::Disk(_) => {
                let mut ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
                ids.sort_unstable();
                ids.dedup();
                documents
                    .iter()
                    .map(|d| ids.binary_search(&d.id.as_str()).expect("listed") as u32)
                    .collect()
            }
            GroupEvidence::Memory(_) => Vec::new(),
        };
        for meta in documents {
            graph.add_document(meta);
        }
        // Labels: the gazetteer's canonical name, or for a person the fullest name seen.
        let mut taken: FxHashMap<String, EntityType> = FxHashMap::default();
        let mut order: Vec<usize> = (0..entities.len()).collect();
        let rank = |i: usize| (entities[i].entity_type, entities[i].labels.first());
        order.sort_by(|&a, &b| rank(a).cmp(&rank(b)));
        let mut id_of = vec![String::new(); entities.len()];
        for &i in order.iter().filter(|&&i| entities[i].mentions > 0) {
            let g = &entities[i];
            let label = best_label(g);
            let mut id = slug(&label);
            if taken.get(&id).is_some_and(|t| *t != g.entity_type) {
                id = format!("{id}-{}", g.entity_type.as_str().to_lowercase());
            }
            taken.insert(id.clone(), g.entity_type);
            let mut entity = Entity::new(label.clone(), g.entity_type);
            entity.id = id.clone();
            entity.aliases.extend(g.aliases.iter().cloned());
            entity.mentions = g.mentions;
            if let Some(facts) = gazetteer.facts(g.entity_type, &label) {
                entity.wikidata.clone_from(&facts.wikidata);
                entity.iso3.clone_from(&facts.iso3);
            }
            graph.add_entity(entity);
            id_of[i] = id;
        }
        let ids = id_of;
        // Groups with a role first, the earliest role first, so each edge keeps the first role
        // the corpus gave it; the evidence of an edge is sorted by the graph.
        let mut order: Vec<usize> = (0..group_roles.len()).collect();
        order.sort_by_key(|&g| group_roles[g].1.as_ref().map_or(usize::MAX, |r| r.0));
        let (mut in_memory, spill) = match evidence {
            GroupEvidence::Memory(groups) => (groups, None),
            GroupEvidence::Disk(spill) => (Vec::new(), Some(spill)),
        };
        let mut group_roles: Vec<_> = group_roles.into_iter().map(Some).collect();
        let mut edge_of = vec![None; group_roles.len()];
        // The groups whose subject placed the call, with its id, for the evidence on disk
        // (the evidence in memory is given it here).
        let mut callers: Vec<(u32, String)> = Vec::new();
        for g in order {
            let (
                RelationGroup {
                    subject: s,
                    kind,
                    object: o,
                    certainty,
                    office,
                    subject_is_caller,
                },
                role,
            ) = group_roles[g].take().expect("each group once");
            let role = role.map(|r| r.1);
            let mut object = ids[o].clone();
            // An office (an edge with a role) whose state a document only guessed from context
            // may be bettered by another document.
            if office && certainty.is_none_or(|c| c < Certainty::Explicit) {
                if let Some(a) = entities[s].affiliation {
                    if Some(a.certainty) > certainty {
                        let state = &entities[a.entity];
                        if state.mentions > 0 {
                            object = ids[a.entity].clone();
                        } else {
                            // A state no document mentions becomes a node only as the
                            // holder of this office.
                            let e = Entity::new(best_label(state), state.entity_type);
                            object = e.id.clone();
                            graph.add_entity(e);
                        }
                    }
                }
            }
            let mut evidence = in_memory.get_mut(g).map(std::mem::take).unwrap_or_default();
            if subject_is_caller {
                for e in &mut evidence {
                    e.caller = Some(ids[s].clone());
                }
                callers.push((g as u32, ids[s].clone()));
            }
            edge_of[g] = graph.add_edge(&ids[s], kind, &object, evidence, role);
        }
        drop((entities, ids, group_roles));
        let (mut graph, rank) = graph.finish_ranked();
        if drawing {
            graph.start_layout();
        }
        if let Some(spill) = spill {
            let edge_of: Vec<Option<u32>> =
                edge_of.iter().map(|e| e.map(|e| rank[e.index()])).collect();
            let edges = graph.edge_count();
            drop(rank);
            callers.sort_unstable();
            graph.set_spilled(spill.finish(&edge_of, &callers, edges, &doc_ranks)?);
        }
        Ok(graph)
    }
}

/// Two affiliations that both come from the words next to a title and disagree mean two people.
fn conflicting(a: Option<Affiliation>, b: Option<Affiliation>) -> bool {
    matches!((a, b), (Some(x), Some(y))
        if x.certainty == Certainty::Explicit && y.certainty == Certainty::Explicit && x.entity != y.entity)
}

fn best_label(g: &GlobalEntity) -> String {
    if g.entity_type != EntityType::Official {
        return g.labels.first().cloned().unwrap_or_default();
    }
    g.labels
        .iter()
        .max_by_key(|l| {
            (
                l.split_whitespace().count(),
                l.len(),
                std::cmp::Reverse((*l).clone()),
            )
        })
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::list_sources;
    use crate::schema::tests::shipped_schema;

    const TEXT: &str =
        "Peru struck Chile on Monday. Chilean Foreign Minister Ana Lopez condemned the attack.";

    #[test]
    fn repeated_documents_add_evidence_not_nodes() {
        let pipeline = Pipeline::new(shipped_schema());
        let one = pipeline.build(&[("a".into(), TEXT.into())]);
        let three = pipeline.build(&[
            ("a".into(), TEXT.into()),
            ("b".into(), TEXT.into()),
            ("c".into(), TEXT.into()),
        ]);
        assert_eq!(one.node_count(), three.node_count());
        assert_eq!(one.edge_count(), three.edge_count());
        for (e1, e3) in one.edges().zip(three.edges()) {
            assert_eq!(e1.id(), e3.id());
            assert_eq!(e3.relation.weight(), 3 * e1.relation.weight());
        }
    }

    /// The graph with its evidence on disk exports the bytes of the graph with its evidence in
    /// memory, in every format, whether the sort takes one bucket or hundreds.
    #[test]
    fn evidence_on_disk_exports_what_memory_does() {
        let pipeline = Pipeline::new(shipped_schema());
        let inputs = ["seeds".into(), "tests/data/dev/corpus".into()];
        let sources = list_sources(&inputs, &Default::default(), &mut Vec::new()).unwrap();
        let build = |mut merger: Merger<'_>| {
            pipeline
                .extract_streaming(&sources, &mut Vec::new(), None, &mut |x| merger.add(x))
                .unwrap();
            merger.finish().unwrap()
        };
        let memory = build(pipeline.merger());
        assert!(!memory.evidence_on_disk());
        assert!(memory.edge_count() > 100, "{}", memory.edge_count());
        for bucket_bytes in [BUCKET_BYTES, 4096] {
            let disk = build(pipeline.merger_sorting_in(bucket_bytes).unwrap());
            assert!(disk.evidence_on_disk());
            for format in crate::export::Format::ALL {
                let write = |g| crate::export::write_graph(g, format, Vec::new()).unwrap();
                assert!(
                    write(&memory) == write(&disk),
                    "{format} differs with buckets of {bucket_bytes} bytes"
                );
            }
        }
    }

    /// The caller of a call is the agent of its verb whether the evidence is held in memory or
    /// sorted on disk, also where the symmetric edge goes the other way (the caller's id is
    /// the larger) and where one document tells the call both ways.
    #[test]
    fn callers_are_the_same_in_memory_and_on_disk() {
        let pipeline = Pipeline::new(shipped_schema());
        // Seed 000's sentence, then told the other way round.
        let fidan = "Earlier, Turkish Foreign Minister Hakan Fidan called Foreign Minister Jilani to discuss the ongoing developments between Pakistan and Iran.";
        let jilani = fidan.replace(
            "Turkish Foreign Minister Hakan Fidan called Foreign Minister Jilani",
            "Foreign Minister Jilani called Turkish Foreign Minister Hakan Fidan",
        );
        let docs = [
            ("a".to_string(), fidan.to_string()),
            ("b".to_string(), jilani.clone()),
            ("c".to_string(), format!("{fidan} {jilani}")),
        ];
        let callers = |g: &KnowledgeGraph| -> Vec<(String, usize, Option<String>)> {
            let mut out = Vec::new();
            for edge in g.read_edges().unwrap() {
                let edge = edge.unwrap();
                if edge.relation.kind.as_str() != "called" {
                    continue;
                }
                assert_eq!(
                    (edge.source.id.as_str(), edge.target.id.as_str()),
                    ("hakan-fidan", "jilani")
                );
                out.extend(
                    edge.relation
                        .evidence
                        .iter()
                        .map(|e| (e.doc.clone(), e.sentence, e.caller.clone())),
                );
            }
            out
        };
        let memory = pipeline.build(&docs);
        let mut disk = pipeline.merger_sorting_in(4096).unwrap();
        for (id, text) in &docs {
            disk.add(pipeline.extract(id, text)).unwrap();
        }
        let disk = disk.finish().unwrap();
        assert!(disk.evidence_on_disk());
        let (fidan, jilani) = (Some("hakan-fidan".to_string()), Some("jilani".to_string()));
        let expected = [
            ("a".to_string(), 0, fidan.clone()),
            ("b".to_string(), 0, jilani.clone()),
            ("c".to_string(), 0, fidan),
            ("c".to_string(), 1, jilani),
        ];
        assert_eq!(callers(&memory), expected);
        assert_eq!(callers(&disk), expected);
        for format in crate::export::Format::ALL {
            let write = |g| crate::export::write_graph(g, format, Vec::new()).unwrap();
            assert!(write(&memory) == write(&disk), "{format} differs");
        }
    }

    #[test]
    fn parts_cut_at_line_sentence_or_space_ends() {
        assert_eq!(
            split_parts("aaaa\nbbbb cccc", 3),
            ["aaaa\n", "bbbb ", "ccc", "c"]
        );
        assert_eq!(split_parts("aaaa. bb", 3), ["aaaa. ", "bb"]);
        let one_line = "é".repeat(10) + " end";
        let parts = split_parts(&one_line, 3);
        assert_eq!(parts.concat(), one_line);
        assert!(
            parts.iter().all(|p| !p.is_empty() && p.len() <= 6),
            "{parts:?}"
        );
        assert_eq!(split_parts("", 4), [""]);
        assert_eq!(split_parts("short", 100), ["short"]);
    }

    /// A document read in parts gives the relations read whole, with evidence offsets and
    /// sentence numbers of the whole document.
    #[test]
    fn a_long_document_read_in_parts_keeps_its_offsets() {
        let text =
            format!("{TEXT}\n").repeat(40) + "Brazil urged Peru and Chile to exercise restraint.";
        let pipeline = Pipeline::new(shipped_schema());
        let article = Article::text("d", text.clone());
        let whole = pipeline.extract_in_parts(&article, usize::MAX);
        let parts = pipeline.extract_in_parts(&article, 300);
        let chars: Vec<char> = text.chars().collect();
        let key = |x: &Extraction| -> BTreeSet<(String, crate::edge::RelationKind, String, usize, usize)> {
            x.relations
                .iter()
                .map(|r| {
                    let e = &r.evidence;
                    let quote: String = chars[e.start..e.end].iter().collect();
                    assert_eq!(quote, e.text, "offsets of sentence {}", e.sentence);
                    let (s, o) = (&x.entities[r.subject].label, &x.entities[r.object].label);
                    (s.clone(), r.kind.clone(), o.clone(), e.sentence, e.start)
                })
                .collect()
        };
        assert_eq!(key(&parts), key(&whole));
    }

    /// A state that documents only name by an affiliation (a place's state in the gazetteer)
    /// is no node of the graph, unless an office another document only guessed turns out to
    /// be held of it.
    #[test]
    fn states_no_document_mentions_are_nodes_only_as_an_office_holder() {
        let pipeline = Pipeline::new(shipped_schema());
        let a = (
            "a".to_string(),
            "Peru struck targets near Santiago on Monday. The governor of Santiago province, \
             Ana Lopez, condemned the attack."
                .to_string(),
        );
        let b = (
            "b".to_string(),
            "LIMA: Peru struck Bolivia. Governor Ana Lopez protested on Tuesday.".to_string(),
        );
        let ids = |g: &KnowledgeGraph| -> Vec<String> {
            let mut ids: Vec<String> = g.entities().map(|e| e.id.clone()).collect();
            ids.sort();
            ids
        };
        let edges = |g: &KnowledgeGraph| -> Vec<String> {
            g.edges()
                .map(|e| format!("{} {} {}", e.source.id, e.relation.kind, e.target.id))
                .collect()
        };
        let one = pipeline.build(std::slice::from_ref(&a));
        assert_eq!(ids(&one), ["ana-lopez", "peru", "santiago"]);
        let two = pipeline.build(&[a, b]);
        assert_eq!(
            ids(&two),
            ["ana-lopez", "bolivia", "chile", "peru", "santiago"]
        );
        assert_eq!(two.entity("chile").unwrap().mentions, 0);
        assert!(
            edges(&two).contains(&"ana-lopez official_of chile".to_string()),
            "{:?}",
            edges(&two)
        );
    }

    /// An official's state that a document only guesses (the dateline's, across a paragraph
    /// break) gives way to the state another document's sentence gives him (constructed
    /// articles, a mechanism test).
    #[test]
    fn a_guessed_state_gives_way_to_one_another_document_gives() {
        let pipeline = Pipeline::new(shipped_schema());
        let g = pipeline.build(&[
            (
                "a".into(),
                "LIMA: Peru struck Chile.\n\nForeign Minister Ana Lopez condemned the attack."
                    .into(),
            ),
            (
                "b".into(),
                "Chile protested on Tuesday, and Foreign Minister Ana Lopez condemned the attack."
                    .into(),
            ),
        ]);
        let targets: Vec<&str> = g
            .edges()
            .filter(|e| e.source.label == "Ana Lopez" && e.relation.kind.as_str() == "official_of")
            .map(|e| e.target.label.as_str())
            .collect();
        assert_eq!(targets, ["Chile"]);
    }

    #[test]
    fn officials_known_elsewhere_keep_their_state() {
        let pipeline = Pipeline::new(shipped_schema());
        let g = pipeline.build(&[
            (
                "a".into(),
                "Chilean Foreign Minister Ana Lopez spoke.".into(),
            ),
            (
                "b".into(),
                "LIMA: Peru struck Chile. Foreign Minister Ana Lopez protested.".into(),
            ),
        ]);
        let targets: Vec<&str> = g
            .edges()
            .filter(|e| e.source.label == "Ana Lopez")
            .map(|e| e.target.label.as_str())
            .collect();
        assert_eq!(targets, ["Chile"]);
    }
}
