//! newsgraph: news articles about a geopolitical crisis in, a knowledge graph of states,
//! officials, armed groups and operations out, exported as RDF, GraphML, GEXF, DOT and JSON.
//!
//! The pipeline, one module per stage, one type flowing through:
//! `ingest` → `segment` → `mentions` → `resolve` → `relations` → `graph` → `export`.

mod clauses;
mod cue;
mod dates;
mod edge;
mod entity;
mod error;
pub mod eval;
pub mod export;
mod frames;
mod gazetteer;
mod graph;
mod ingest;
mod mentions;
mod output;
mod phrases;
mod pipeline;
mod relations;
mod resolve;
mod schema;
mod segment;
pub mod shard;
mod spill;

pub use clauses::{analyze as analyze_clauses, Clause, ClauseKind, Clauses, Stance};
pub use cue::Cue;
pub use dates::{resolve_date, Calendar, DateMention, DateValue};
pub use edge::{
    Evidence, Modality, Relation, RelationClass, RelationDef, RelationFlags, RelationKind,
};
pub use entity::{fold_accents, slug, Entity, EntityType};
pub use error::{Error, Result};
pub use frames::{Anchor, Frame, Slot};
pub use gazetteer::Gazetteer;
pub use graph::{DocumentMeta, EdgeView, GraphBuilder, KnowledgeGraph};
pub use ingest::{
    inputs, list_sources, repair_lines, Article, Document, Input, InputKind, Inputs, OffsetMap,
    PassOver, Source, Warning,
};
pub use mentions::{
    AnalyzedDocument, AnalyzedSentence, Mention, MentionForm, OfficeMention, Recognizer,
};
pub use output::{write_exports, write_exports_reporting};
pub use phrases::{fold, PhraseSet, Words};
pub use pipeline::{Extraction, Merger, Pipeline};
pub use relations::{extract, LocalRelation};
pub use resolve::{
    resolve, same_person, skeleton, Certainty, LocalEntity, Resolved, ResolvedDocument,
};
pub use schema::{
    export_builtin_schema, NamedEntry, Office, Schema, SchemaSource, StateEntry, BUILTIN_FILES,
};
pub use segment::{segment, tokenize, Sentence, Token, TokenKind};
pub use spill::SupportingSentence;
