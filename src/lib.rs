//! newsgraph: news articles about a geopolitical crisis in, a knowledge graph of states,
//! officials, armed groups and operations out, exported as RDF, GraphML, GEXF, DOT and JSON.
//!
//! The pipeline, one module per stage, one type flowing through:
//! `ingest` → `segment` → `mentions` → `resolve` → `relations` → `graph` → `export`.

mod cue;
mod dates;
mod edge;
mod entity;
mod error;
pub mod eval;
pub mod export;
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

pub use cue::Cue;
pub use dates::{find_dates, publication_date, resolve_date, DateMention, DateValue};
pub use edge::{Evidence, Modality, Relation, RelationClass, RelationDef, RelationKind};
pub use entity::{fold_accent, slug, Entity, EntityType};
pub use error::{Error, Result};
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
pub use phrases::{fold, PhraseSet};
pub use pipeline::{Extraction, Merger, Pipeline};
pub use relations::{extract, LocalRelation};
pub use resolve::{
    resolve, same_person, skeleton, Certainty, LocalEntity, Resolved, ResolvedDocument,
};
pub use schema::{
    export_builtin_schema, NamedEntry, Office, Schema, SchemaSource, StateEntry, TriggerPos,
    BUILTIN_FILES,
};
pub use segment::{segment, tokenize, Sentence, Token, TokenKind};
pub use spill::SupportingSentence;
