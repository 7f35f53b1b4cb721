//! newsgraph: news articles about a geopolitical crisis in, a knowledge graph of states,
//! officials, armed groups and operations out, exported as RDF, GraphML, GEXF, DOT and JSON.
//!
//! The pipeline, one module per stage, one type flowing through:
//! `ingest` → `segment` → `mentions` → `resolve` → `relations` → `graph` → `export`.

mod entity;
mod error;
pub mod export;
mod graph;
mod relation;

pub use entity::{fold_accent, slug, Entity, EntityType};
pub use error::{Error, Result};
pub use graph::{DocumentMeta, EdgeView, KnowledgeGraph};
pub use relation::{Evidence, Relation, RelationKind};
